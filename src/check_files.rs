//! `poolsmith check` on the files people deploy: a CloudFormation or SAM template, a
//! serverless.yml, a Terraform file, describe-user-pool output, or a directory of them.
//!
//! Every pool in a file is imported ([`crate::import`]) and checked with every rule; each
//! diagnostic is placed at the line and column of the value it is about in the original file
//! (a property of a template, an argument of a Terraform block), so the report reads like a
//! compiler's and CI annotates the right line. A file that defines several pools is checked
//! pool by pool. A problem that stops the import (an unknown property, a YAML 1.1 boolean) is
//! reported the same way; only a file that cannot be read at all (not JSON, YAML or HCL)
//! counts as unreadable.

use crate::diagnostic::{self, Diagnostic};
use crate::import::{self, Kind};
use crate::mfa::MfaFactors;
use crate::request;
use std::path::{Path, PathBuf};

/// The check of one pool of a file.
#[derive(Debug)]
pub struct PoolReport {
    /// The pool's logical id or resource name, when the file defines several.
    pub resource: Option<String>,
    pub problems: Vec<Diagnostic>,
    /// What the import says (expressions kept, settings renamed or left out).
    pub notes: Vec<String>,
    /// The file could not be read as its kind at all (a syntax error).
    pub unreadable: bool,
}

/// Checks every pool `text` defines (or only `resource`), read as `kind` (default: detected).
/// `stated_mfa` is `--mfa`, for a bare request.
pub fn check_text(
    text: &str,
    kind: Option<Kind>,
    resource: Option<&str>,
    stated_mfa: Option<MfaFactors>,
) -> Vec<PoolReport> {
    let kind = kind.unwrap_or_else(|| import::detect(text));
    let names = match resource {
        Some(name) => vec![Some(name.to_string())],
        None => {
            let several = import::pool_names(Some(kind), text);
            if several.is_empty() {
                vec![None]
            } else {
                several.into_iter().map(Some).collect()
            }
        }
    };
    names.into_iter().map(|name| check_pool(text, kind, name, stated_mfa)).collect()
}

fn check_pool(text: &str, kind: Kind, resource: Option<String>, stated_mfa: Option<MfaFactors>) -> PoolReport {
    match import::import_resource(Some(kind), text, resource.as_deref()) {
        Ok(mut imported) => {
            let problems = diagnose(&mut imported, stated_mfa);
            PoolReport { resource, problems, notes: imported.notes, unreadable: false }
        }
        Err(mut problems) => {
            diagnostic::sort(&mut problems);
            let unreadable = problems.iter().any(|d| d.rule == "import.syntax" || d.rule == "import.type");
            PoolReport { resource, problems, notes: Vec::new(), unreadable }
        }
    }
}

/// Every problem of an imported pool (with `--mfa`'s factors, if stated), each placed at its
/// line and column in the file it came from.
pub fn diagnose(imported: &mut import::Imported, stated_mfa: Option<MfaFactors>) -> Vec<Diagnostic> {
    if let Some(stated) = stated_mfa {
        let request = request::to_json(&imported.form);
        imported.form.set_mfa(MfaFactors::stated_for(&request, stated));
    }
    let mut problems = crate::diagnostics(&imported.form);
    if let Some((value, at)) = &imported.located {
        for d in &mut problems {
            if let Some(path) = d.path() {
                d.pos = request::position_of(value, at, path);
            }
        }
    }
    diagnostic::sort(&mut problems);
    problems
}

/// Whether `text` defines a user pool that `check` on a directory should look at: a template
/// or serverless.yml with an `AWS::Cognito::UserPool`, a Terraform `aws_cognito_user_pool`, or
/// JSON describe-user-pool output or a request.
pub fn defines_pool(text: &str) -> bool {
    text.contains(import::cloudformation::RESOURCE_TYPE)
        || text.contains("\"aws_cognito_user_pool\"")
        || (text.trim_start_matches('\u{feff}').trim_start().starts_with('{')
            && (text.contains("\"UserPool\"") || text.contains("\"PoolName\"")))
}

/// The files below `dir` that `check` reads (`.json`, `.yaml`, `.yml`, `.template`, `.tf`), in
/// path order, skipping hidden directories and the ones tools fill (`node_modules`,
/// `.terraform`, `cdk.out`, `.serverless`).
pub fn files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(here) = pending.pop() {
        for entry in std::fs::read_dir(&here)? {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if path.is_dir() {
                if !name.starts_with('.') && !matches!(name, "node_modules" | "cdk.out" | "target") {
                    pending.push(path);
                }
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml" | "template" | "tf")
            ) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_each_problem_of_each_pool_in_the_template() {
        let template = "Resources:\n  Main:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      UserPoolName: !Sub '${AWS::StackName}/users'\n  Admins:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      UserPoolName: admins\n      Policies:\n        PasswordPolicy:\n          MinimumLength: 4\n";
        let reports = check_text(template, None, None, None);
        assert_eq!(reports.len(), 2);
        assert_eq!(reports[0].resource.as_deref(), Some("Main"));
        let main = &reports[0].problems[0];
        assert_eq!((main.rule, main.pos.map(|p| (p.line, p.column))), ("expr.literal", Some((5, 7))));
        let admins: Vec<_> = reports[1].problems.iter().map(|d| (d.rule, d.pos.map(|p| p.line))).collect();
        assert!(admins.contains(&("model.range", Some(12))), "{admins:?}");
        let only = check_text(template, None, Some("Admins"), None);
        assert_eq!(only.len(), 1);
        assert!(defines_pool(template) && !defines_pool("Resources:\n  B:\n    Type: AWS::S3::Bucket\n"));
    }
}
