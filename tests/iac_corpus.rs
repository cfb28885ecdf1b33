//! The infrastructure-as-code corpus (tests/corpus/iac, issue 15): small files written for
//! Poolsmith that reproduce what public CloudFormation, SAM, serverless.yml, Terraform and
//! describe-user-pool files do (docs/iac-corpus-study.md; manifest.tsv names the public file
//! each construct was seen in).
//!
//! For every manifest line, through the `poolsmith` binary as a user runs it:
//! - `imports`: `poolsmith import --from auto [--resource ID] FILE` imports every pool of the
//!   file (a file with several is imported once per logical ID or block name), the request is
//!   exported back to the format it came from (CloudFormation YAML for cloudformation, sam and
//!   serverless; Terraform for terraform; request JSON for describe), and importing that export
//!   gives the same request.
//! - `refused:RULE`: nothing is imported (exit 2), and the report names RULE at a line of the
//!   file (`FILE:LINE:COLUMN: error[RULE]`).
//!
//! Expressions (intrinsic functions, serverless variables, Terraform expressions) need the
//! request reader's expression support, and Terraform needs its importer: until both are in,
//! the fixtures that use them fail here, and the failure lists each one with its reason.

mod common;
use common::poolsmith;

use poolsmith::import::{decode_text, yaml};
use poolsmith::json::{self, Json};
use std::path::{Path, PathBuf};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/iac");
const KINDS: [&str; 5] = ["cloudformation", "sam", "serverless", "terraform", "describe"];

struct Entry {
    path: String,
    kind: String,
    constructs: Vec<String>,
    expected: String,
    sources: Vec<String>,
}

fn manifest() -> Vec<Entry> {
    let text = std::fs::read_to_string(Path::new(DIR).join("manifest.tsv")).unwrap();
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            assert_eq!(columns.len(), 5, "manifest.tsv: five columns: {line}");
            Entry {
                path: columns[0].to_string(),
                kind: columns[1].to_string(),
                constructs: columns[2].split(',').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect(),
                expected: columns[3].to_string(),
                sources: columns[4].split(';').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect(),
            }
        })
        .collect()
}

fn full(path: &str) -> PathBuf {
    Path::new(DIR).join(path)
}

fn text_of(path: &str) -> String {
    decode_text(&std::fs::read(full(path)).unwrap()).unwrap()
}

#[test]
fn the_manifest_lists_every_fixture_once_with_constructs_and_public_sources() {
    let entries = manifest();
    let mut listed: Vec<&str> = entries.iter().map(|e| e.path.as_str()).collect();
    listed.sort();
    let before = listed.len();
    listed.dedup();
    assert_eq!(listed.len(), before, "a fixture is listed twice");
    let mut files = Vec::new();
    for kind in KINDS {
        for entry in std::fs::read_dir(full(kind)).unwrap() {
            files.push(format!("{kind}/{}", entry.unwrap().file_name().to_string_lossy()));
        }
    }
    files.sort();
    assert_eq!(listed, files.iter().map(String::as_str).collect::<Vec<_>>());
    for entry in &entries {
        assert!(KINDS.contains(&entry.kind.as_str()), "{}: kind {}", entry.path, entry.kind);
        assert!(entry.path.starts_with(&format!("{}/", entry.kind)), "{}: kind {}", entry.path, entry.kind);
        assert!(!entry.constructs.is_empty(), "{}: no constructs", entry.path);
        assert!(entry.expected == "imports" || entry.expected.starts_with("refused:"), "{}", entry.path);
        // Each source is repository:path (owner/name:path).
        for source in &entry.sources {
            let (repo, path) = source.split_once(':').unwrap_or_else(|| panic!("{}: source {source}", entry.path));
            let well_formed = repo.split('/').count() == 2 && !path.is_empty() && !source.contains(char::is_whitespace);
            assert!(well_formed, "{}: source {source}", entry.path);
        }
        assert!(!entry.sources.is_empty(), "{}: no public source", entry.path);
    }
    // The variants the issue asks for are there.
    let has = |construct: &str| entries.iter().filter(|e| e.constructs.iter().any(|c| c == construct)).count();
    assert!(has("BOM") >= 3 && has("CRLF") >= 4 && has("several pools") >= 4, "BOM, CRLF and several-pool files");
}

/// The pools of a fixture: `[None]` for a file with one (or a describe output), else each
/// logical ID or Terraform block name.
fn pools(entry: &Entry) -> Vec<Option<String>> {
    let text = text_of(&entry.path);
    let ids: Vec<String> = match entry.kind.as_str() {
        "describe" => Vec::new(),
        "terraform" => text
            .lines()
            .filter_map(|line| line.trim().strip_prefix("resource \"aws_cognito_user_pool\" \""))
            .filter_map(|rest| rest.split('"').next().map(str::to_string))
            .collect(),
        _ => {
            let value = if text.trim_start().starts_with('{') {
                json::parse(&text).unwrap().0
            } else {
                yaml::parse(&text).unwrap_or_else(|e| panic!("{}: {}", entry.path, e.message)).value
            };
            let mut maps: Vec<&Json> = Vec::new();
            let mut sections: Vec<&Json> = vec![&value];
            match value.get("resources") {
                Some(Json::Array(items)) => sections.extend(items),
                Some(section) => sections.push(section),
                None => {}
            }
            for section in sections {
                if let Some(resources) = section.get("Resources") {
                    maps.push(resources);
                }
            }
            maps.push(&value);
            let mut ids = Vec::new();
            for map in maps {
                if let Json::Object(members) = map {
                    for (id, resource) in members {
                        if resource.get("Type").and_then(Json::as_str) == Some("AWS::Cognito::UserPool") {
                            ids.push(id.clone());
                        }
                    }
                }
            }
            ids
        }
    };
    if ids.len() > 1 {
        ids.into_iter().map(Some).collect()
    } else {
        vec![None]
    }
}

/// The export format and the import kind a fixture's request goes back through.
fn round_trip_format(kind: &str) -> &'static str {
    match kind {
        "terraform" => "terraform",
        "describe" => "request-json",
        _ => "cloudformation-yaml",
    }
}

fn title(kind: &str) -> Option<&'static str> {
    match kind {
        "cloudformation" | "sam" => Some("CloudFormation template or resource"),
        "serverless" => Some("serverless.yml or its resources file"),
        "describe" => Some("describe-user-pool output (clone a pool)"),
        _ => None,
    }
}

/// Whether two requests are the same, up to an empty `UserPoolTags`, which means no tags and
/// which every export leaves out (the CDK drops it, so all formats do alike).
fn same_request(a: &str, b: &str) -> bool {
    let without_empty_tags = |value: Json| match value {
        Json::Object(members) => Json::Object(
            members
                .into_iter()
                .filter(|(key, value)| !(key == "UserPoolTags" && *value == Json::Object(Vec::new())))
                .collect(),
        ),
        other => other,
    };
    match (json::parse(a), json::parse(b)) {
        (Ok((a, _)), Ok((b, _))) => without_empty_tags(a) == without_empty_tags(b),
        _ => false,
    }
}

/// Checks one fixture; the reason it fails otherwise.
fn check(entry: &Entry) -> Result<(), String> {
    let file = full(&entry.path).to_string_lossy().into_owned();
    if let Some(rule) = entry.expected.strip_prefix("refused:") {
        let (status, out, err) = poolsmith(&["import", "--from", "auto", &file], "");
        if status != 2 || !out.is_empty() {
            return Err(format!("expected a refusal ({rule}), got exit {status}: {err}"));
        }
        // A file that is not even JSON or YAML cannot show what it was meant to be.
        if let Some(title) = title(&entry.kind).filter(|_| rule != "import.syntax") {
            if !err.contains(&format!("nothing imported from {file} as {title}")) {
                return Err(format!("not read as {title}: {err}"));
            }
        }
        // FILE:LINE:COLUMN: error[RULE]
        let named = err.lines().any(|line| {
            line.strip_prefix(&format!("{file}:")).is_some_and(|rest| {
                let mut parts = rest.splitn(3, ':');
                let line_number = parts.next().and_then(|n| n.parse::<u32>().ok());
                let _column = parts.next();
                line_number.is_some_and(|n| n > 0)
                    && parts.next().is_some_and(|tail| tail.contains(&format!("error[{rule}]")))
            })
        });
        return if named { Ok(()) } else { Err(format!("the refusal does not name {rule} at a line: {err}")) };
    }
    for pool in pools(entry) {
        let mut args = vec!["import", "--from", "auto"];
        if let Some(id) = &pool {
            args.extend(["--resource", id.as_str()]);
        }
        args.push(&file);
        let which = pool.as_deref().map(|id| format!(" (pool {id})")).unwrap_or_default();
        let (status, request, err) = poolsmith(&args, "");
        if status == 2 {
            return Err(format!("not imported{which}: {}", err.trim_end()));
        }
        if let Some(title) = title(&entry.kind) {
            if !err.contains(&format!("note: read {file} as {title}")) {
                return Err(format!("not read as {title}{which}: {err}"));
            }
        }
        let format = round_trip_format(&entry.kind);
        let (status, exported, err) = poolsmith(&["export", "--format", format, "-"], &request);
        if status == 2 {
            return Err(format!("export to {format} failed{which}: {}", err.trim_end()));
        }
        let (status, again, err) = poolsmith(&["import", "--from", "auto", "-"], &exported);
        if status == 2 {
            return Err(format!("the {format} export does not import again{which}: {}", err.trim_end()));
        }
        if !same_request(&request, &again) {
            return Err(format!("the {format} round trip changed the request{which}:\n{request}\n→\n{again}"));
        }
    }
    Ok(())
}

#[test]
fn every_fixture_imports_and_round_trips_or_is_refused_at_a_line() {
    let entries = manifest();
    let failures: Vec<String> = entries
        .iter()
        .filter_map(|entry| check(entry).err().map(|why| format!("{} [{}]: {why}", entry.path, entry.kind)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures do not have their expected outcome:\n\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n\n")
    );
}
