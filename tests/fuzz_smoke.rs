//! The fuzz targets in plain `cargo test`: every body of `poolsmith::fuzz_targets` (the same
//! code the cargo-fuzz binaries in `fuzz/` run) over its seeds, every saved reproducer in
//! `tests/data/fuzz-regressions/<target>/`, and a few thousand deterministic mutations of the
//! seeds, with no libFuzzer and no nightly features. A seed-corpus writer for `scripts/fuzz`
//! lives here too (`write_seed_corpora`, ignored unless asked for), so the seeds have one
//! source.

use poolsmith::export::{self, Format, MfaFactors, Options};
use poolsmith::fuzz_targets::{Target, TARGETS};
use poolsmith::json::{self, Json};
use poolsmith::model;
use poolsmith::request;
use poolsmith::sample::{Rng, Sampler};
use std::path::{Path, PathBuf};

/// Mutated inputs per target: enough to reach both outcomes of every target many times while
/// the whole file stays within a few seconds in a debug build.
const MUTATIONS: usize = 2500;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Files of a directory in name order (none when it does not exist).
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.expect("directory entry").path()).filter(|p| p.is_file()).collect(),
        Err(_) => Vec::new(),
    };
    found.sort();
    found
}

/// The realistic requests (tests/corpus/realistic) and some generated ones, adversarial text
/// included.
fn requests() -> Vec<Json> {
    let mut all: Vec<Json> = files(&repo("tests/corpus/realistic"))
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| json::parse(&read(p)).unwrap_or_else(|e| panic!("{}: {e}", p.display())).0)
        .collect();
    assert!(all.len() >= 28, "the realistic corpus is missing");
    for seed in 0..12 {
        let mut sampler = Sampler::new(seed);
        sampler.adversarial = seed % 2 == 0;
        sampler.fill = [0.3, 0.6, 0.9][seed as usize % 3];
        all.push(request::to_json(&sampler.request()));
    }
    all
}

/// describe-user-pool output for a request, shaped as AWS answers it (renamed members, the
/// output-only ones, `custom:` attribute names), close enough to reach the importer's paths.
fn describe_output(request: &Json, variant: usize) -> Json {
    let mut pool = vec![("Id".to_string(), Json::str("us-east-1_Abc123xyz"))];
    if let Json::Object(members) = request {
        for (name, value) in members {
            match (name.as_str(), value) {
                ("PoolName", _) => pool.push(("Name".into(), value.clone())),
                ("Schema", Json::Array(items)) => {
                    let renamed = items.iter().map(|item| match item {
                        Json::Object(members) => Json::Object(
                            members
                                .iter()
                                .map(|(k, v)| match (k.as_str(), v) {
                                    ("Name", Json::String(n)) => (k.clone(), Json::str(format!("custom:{n}"))),
                                    _ => (k.clone(), v.clone()),
                                })
                                .collect(),
                        ),
                        other => other.clone(),
                    });
                    pool.push(("SchemaAttributes".into(), Json::Array(renamed.collect())));
                }
                _ => pool.push((name.clone(), value.clone())),
            }
        }
    }
    pool.extend([
        ("Status".to_string(), Json::str("Enabled")),
        ("LastModifiedDate".to_string(), Json::Number("1763633730".into())),
        ("CreationDate".to_string(), Json::str("2025-03-02T08:00:00.123000+00:00")),
        ("EstimatedNumberOfUsers".to_string(), Json::Number("12".into())),
        ("Arn".to_string(), Json::str("arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Abc123xyz")),
    ]);
    if variant.is_multiple_of(3) {
        pool.push(("Domain".into(), Json::str("clone-me")));
    }
    let pool = Json::Object(pool);
    if variant % 4 == 1 {
        pool // the bare UserPoolType, which the importer takes too
    } else {
        Json::Object(vec![("UserPool".into(), pool)])
    }
}

/// `value` as block YAML (what `aws … --output yaml` prints), strings double-quoted with JSON's
/// escapes, which YAML's double-quoted style shares.
fn yaml_text(value: &Json) -> String {
    fn scalar(value: &Json) -> String {
        match value {
            Json::Object(_) => "{}".into(),
            Json::Array(_) => "[]".into(),
            other => other.compact(),
        }
    }
    fn write(value: &Json, indent: usize, out: &mut String) {
        let pad = "  ".repeat(indent);
        match value {
            Json::Object(members) if !members.is_empty() => {
                for (key, item) in members {
                    let key =
                        if key.chars().all(|c| c.is_ascii_alphanumeric()) { key.clone() } else { json::quote(key) };
                    match item {
                        Json::Object(m) if !m.is_empty() => out.push_str(&format!("{pad}{key}:\n")),
                        Json::Array(a) if !a.is_empty() => out.push_str(&format!("{pad}{key}:\n")),
                        other => {
                            out.push_str(&format!("{pad}{key}: {}\n", scalar(other)));
                            continue;
                        }
                    }
                    write(item, indent + 1, out);
                }
            }
            Json::Array(items) if !items.is_empty() => {
                for item in items {
                    match item {
                        Json::Object(m) if !m.is_empty() => {
                            out.push_str(&format!("{pad}-\n"));
                            write(item, indent + 1, out);
                        }
                        Json::Array(a) if !a.is_empty() => {
                            out.push_str(&format!("{pad}-\n"));
                            write(item, indent + 1, out);
                        }
                        other => out.push_str(&format!("{pad}- {}\n", scalar(other))),
                    }
                }
            }
            other => out.push_str(&format!("{pad}{}\n", scalar(other))),
        }
    }
    let mut out = String::new();
    write(value, 0, &mut out);
    out
}

/// Every field path of the model, with indexes and keys filled in, and awkward map keys.
fn field_paths() -> Vec<String> {
    let mut paths = Vec::new();
    for (i, field) in model::FIELDS.iter().enumerate() {
        let key = ["env", "a.b[0]", "x}y\\z", "", "@key", "é 😀", "{#}"][i % 7];
        let escaped: String =
            key.chars().flat_map(|c| if matches!(c, '}' | '\\') { vec!['\\', c] } else { vec![c] }).collect();
        let path = field.path.replace("[]", &format!("[{}]", i % 12)).replace("{key}", &format!("{{{escaped}}}@key"));
        paths.push(path.replace("{}", &format!("{{{escaped}}}")));
    }
    paths.extend(["PoolName".into(), "Schema[0]".into(), "UserPoolTags{a}@key".into(), "A{}{}[1].b_c".into()]);
    paths
}

/// Worker messages: every export format, the three import kinds, help and search.
fn worker_messages(requests: &[Json], documents: &[String]) -> Vec<String> {
    let message = |members: Vec<(&str, Json)>| {
        Json::Object(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect()).compact()
    };
    let mut messages = Vec::new();
    for (i, request) in requests.iter().enumerate() {
        let format = Format::ALL[i % Format::ALL.len()];
        let mfa = Json::Object(vec![("totp".into(), Json::Bool(i % 2 == 0)), ("email".into(), Json::Bool(i % 3 == 0))]);
        messages.push(message(vec![
            ("id", Json::Number(i.to_string())),
            ("op", Json::str("export")),
            ("format", Json::str(format.id())),
            ("mfa", mfa),
            ("request", request.clone()),
        ]));
    }
    for (i, text) in documents.iter().enumerate().step_by(3) {
        let kind = ["auto", "request-json", "describe-user-pool", "cloudformation", "terraform"][i % 5];
        messages.push(message(vec![
            ("id", Json::str(format!("m{i}"))),
            ("op", Json::str("import")),
            ("kind", Json::str(kind)),
            ("text", Json::str(text)),
        ]));
    }
    for field in [0, 7, 99, 132, 133, 100000] {
        messages.push(message(vec![
            ("id", Json::Null),
            ("op", Json::str("help")),
            ("field", Json::Number(field.to_string())),
        ]));
    }
    for query in ["pool name", "mfa", "", "passwörd 😀", "lambda arn"] {
        messages.push(message(vec![
            ("id", Json::Bool(true)),
            ("op", Json::str("search")),
            ("query", Json::str(query)),
        ]));
    }
    messages
}

/// The seed inputs of every target, by target name.
fn seeds() -> Vec<(&'static str, Vec<String>)> {
    let requests = requests();
    let import_data = repo("tests/data/import");
    let mut request_json: Vec<String> = requests.iter().map(Json::pretty).collect();
    request_json.push(read(&import_data.join("reference-request.json")));
    request_json.extend(requests.iter().take(6).map(Json::compact));

    let mut describe = vec![read(&import_data.join("describe-acme.json"))];
    for (i, request) in requests.iter().enumerate() {
        let output = describe_output(request, i);
        describe.push(if i % 2 == 0 { output.pretty() } else { yaml_text(&output) });
    }

    let mut cloudformation = vec![
        read(&import_data.join("cloudformation-handwritten.yaml")),
        read(&import_data.join("reference-template.yaml")),
        read(&import_data.join("reference-template.json")),
    ];
    for (i, request) in requests.iter().enumerate() {
        let options =
            Options { mfa: MfaFactors { sms: i % 5 == 0, totp: i % 2 == 0, email: i % 3 == 0 }, ..Options::default() };
        let format = if i % 2 == 0 { Format::CloudformationYaml } else { Format::CloudformationJson };
        cloudformation.push(export::render(format, request, &options).text);
    }

    let terraform_data = repo("tests/data/terraform");
    let mut terraform: Vec<String> = ["every-block.tf", "expressions.tf", "several-pools.tf", "meta.tf"]
        .iter()
        .map(|name| read(&terraform_data.join(name)))
        .collect();
    for (i, request) in requests.iter().enumerate() {
        let options =
            Options { mfa: MfaFactors { sms: i % 5 == 0, totp: i % 2 == 0, email: i % 3 == 0 }, template: None };
        let text = export::render(Format::Terraform, request, &options).text;
        terraform.push(if i % 4 == 0 { text.replace('\n', "\r\n") } else { text });
    }

    let mut yaml: Vec<String> = cloudformation.iter().filter(|t| !t.trim_start().starts_with('{')).cloned().collect();
    yaml.extend(describe.iter().filter(|t| !t.trim_start().starts_with('{')).cloned());
    yaml.extend(
        [
            "a: |\n  literal\n  text\nb: >-\n  folded\n  text\n",
            "- [1, {a: b}, 'q''s', \"\\u00e9\\n\"]\n- !Ref Pool\n- !Sub '${AWS::Region}'\n",
            "%YAML 1.1\n---\nk: yes\nn: ~\nx: 0123\ny: -1.5e3\n...\n",
            "key: 'multi\n  line'\nother: \"esc\\\n  aped\"\n",
            "LambdaConfig: !If\n- IsProd\n- PreSignUp: !GetAtt Fn.Arn\n- !Ref AWS::NoValue\nNext: x\n",
            "Value: !Join ['', [\"<a href=\", Fn::ImportValue: !Sub \"${S}-url\", \">\"]]\n",
            "? explicit\n: value\nanchored: &a 1\nalias: *a\ndup: 1\ndup: 2\n",
        ]
        .map(str::to_string),
    );

    let mut documents = request_json.clone();
    documents.extend(describe.iter().cloned());
    documents.extend(cloudformation.iter().cloned());
    documents.extend(terraform.iter().take(4).cloned());
    let worker = worker_messages(&requests, &documents);

    vec![
        ("import_request_json", request_json),
        ("import_describe", describe),
        ("import_cloudformation", cloudformation),
        ("import_terraform", terraform),
        ("yaml", yaml),
        ("field_path", field_paths()),
        ("worker_message", worker),
    ]
}

/// Text that matters to the parsers behind the targets: JSON, YAML, CloudFormation, paths.
#[rustfmt::skip] // one item per line would make this list hard to read
const PIECES: &[&str] = &[
    "{", "}", "[", "]", ",", ":", ": ", "\"", "'", "\\", "\\u", "\\ud83d", "\n", "\r\n", "\t", " ", "  ", "- ", "-",
    "#", " #", "|", ">-", "|2", "!Ref ", "!GetAtt ", "!Sub ", "!!str ", "&a ", "*a", "<<: ", "? ", "---\n", "...\n",
    "~", "null", "true", "yes", "Off", "0", "-0", "1e400", "0123", "12345678901234567890", "é", "😀", "\u{feff}",
    "\u{2028}", "\u{85}", "\u{0}", "Ref", "Fn::GetAtt", "Fn::Sub", "Type", "Properties", "Resources",
    "AWS::Cognito::UserPool", "UserPool", "UserPoolName", "PoolName", "Schema", "SchemaAttributes", "Name", "Id",
    "UserPoolTags", "@key", "{}", "[0]", ".", "custom:", "dev:", "\"op\"", "\"export\"", "\"import\"", "\"id\"",
    "resource \"aws_cognito_user_pool\" \"p\" {", " = ", "${", "%{", "$${", "<<EOT\n", "<<-EOT\n", "EOT\n", "var.x",
    "dynamic \"schema\" {", "content {", "for_each", "count.index", "? 1 : 2", "[for a in b : a]", "merge(", ")", "/*", "*/",
];

/// A deterministic mutation of `text`: character edits, inserted pieces, deleted, duplicated
/// and spliced ranges (from `other`), an occasional raw byte.
fn mutate(text: &str, other: &str, rng: &mut Rng) -> Vec<u8> {
    let mut chars: Vec<char> = text.chars().collect();
    let donor: Vec<char> = other.chars().collect();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(chars.len() + 1);
        match rng.below(7) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 | 2 => {
                let piece: Vec<char> = rng.pick(PIECES).chars().collect();
                chars.splice(at..at, piece);
            }
            3 => {
                let end = (at + rng.below(50)).min(chars.len());
                chars.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(80)).min(chars.len());
                let copy = chars[at..end].to_vec();
                let to = rng.below(chars.len() + 1);
                chars.splice(to..to, copy);
            }
            5 if !donor.is_empty() => {
                let from = rng.below(donor.len());
                let end = (from + rng.below(120)).min(donor.len());
                chars.splice(at..at, donor[from..end].iter().copied());
            }
            _ => {
                // Re-indent a line, which changes YAML structure.
                if let Some(start) = chars[..at].iter().rposition(|&c| c == '\n') {
                    chars.insert(start + 1, if rng.chance(0.8) { ' ' } else { '\t' });
                }
            }
        }
    }
    let mut bytes = chars.into_iter().collect::<String>().into_bytes();
    if !bytes.is_empty() && rng.chance(0.05) {
        let at = rng.below(bytes.len());
        bytes[at] = rng.next_u32() as u8; // maybe invalid UTF-8: the targets read it lossily
    }
    bytes
}

fn target(name: &str) -> Target {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t).unwrap_or_else(|| panic!("no target {name}"))
}

/// Runs one target over its seeds, its saved reproducers and `MUTATIONS` mutations; returns
/// (inputs run, accepted).
fn run(name: &str, seeds: &[String], seed: u64) -> (usize, usize) {
    let body = target(name);
    let (mut runs, mut accepted) = (0, 0);
    let mut once = |input: &[u8]| {
        runs += 1;
        accepted += usize::from(body(input));
    };
    for text in seeds {
        once(text.as_bytes());
    }
    for file in files(&repo("tests/data/fuzz-regressions").join(name)) {
        once(&std::fs::read(&file).expect("reproducer"));
    }
    let mut rng = Rng::new(seed);
    for _ in 0..MUTATIONS {
        let text = rng.pick(seeds);
        let other = rng.pick(seeds);
        once(&mutate(text, other, &mut rng));
    }
    // Pure noise, too: short strings of pieces.
    for _ in 0..MUTATIONS / 10 {
        let noise: String = (0..rng.below(30)).map(|_| *rng.pick(PIECES)).collect();
        once(noise.as_bytes());
    }
    (runs, accepted)
}

/// One test per target, so they run in parallel and a failure names its target.
fn smoke(name: &str, seed: u64) {
    let all = seeds();
    let seeds = &all.iter().find(|(n, _)| *n == name).expect("seeds").1;
    assert!(seeds.len() >= 10, "{name}: too few seeds");
    let started = std::time::Instant::now();
    let (runs, accepted) = run(name, seeds, seed);
    println!("{name}: {runs} inputs, {accepted} accepted, {:.1} s", started.elapsed().as_secs_f64());
    // Mutations that break everything, or nothing, would not test much.
    assert!(accepted > runs / 50 && accepted < runs - runs / 20, "{name}: {accepted} of {runs} accepted");
}

#[test]
fn import_request_json() {
    smoke("import_request_json", 1);
}

#[test]
fn import_describe() {
    smoke("import_describe", 2);
}

#[test]
fn import_cloudformation() {
    smoke("import_cloudformation", 3);
}

#[test]
fn import_terraform() {
    smoke("import_terraform", 7);
}

#[test]
fn yaml() {
    smoke("yaml", 4);
}

#[test]
fn field_path() {
    smoke("field_path", 5);
}

#[test]
fn worker_message() {
    smoke("worker_message", 6);
}

#[test]
fn every_target_has_a_smoke_test_and_a_cargo_fuzz_binary() {
    let manifest = read(&repo("fuzz/Cargo.toml"));
    for (name, _) in TARGETS {
        assert!(seeds().iter().any(|(n, _)| *n == name), "{name} has no seeds");
        assert!(manifest.contains(&format!("name = \"{name}\"")), "fuzz/Cargo.toml has no [[bin]] {name}");
        let binary = read(&repo(&format!("fuzz/fuzz_targets/{name}.rs")));
        assert!(binary.contains(&format!("poolsmith::fuzz_targets::{name}(data)")), "{name}.rs calls another body");
    }
    // Reproducers sit in a folder named after their target.
    for dir in std::fs::read_dir(repo("tests/data/fuzz-regressions")).expect("regressions folder").flatten() {
        let name = dir.file_name().to_string_lossy().into_owned();
        assert!(!dir.path().is_dir() || TARGETS.iter().any(|(n, _)| *n == name), "no target {name}");
    }
}

/// Writes every target's seeds to `$POOLSMITH_FUZZ_CORPUS/<target>/` (default `fuzz/corpus`),
/// one file per seed named by its content, for `scripts/fuzz`. Ignored in normal runs.
#[test]
#[ignore = "writes files; scripts/fuzz runs it"]
fn write_seed_corpora() {
    let root = std::env::var_os("POOLSMITH_FUZZ_CORPUS").map_or_else(|| repo("fuzz/corpus"), PathBuf::from);
    for (name, seeds) in seeds() {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).expect("corpus folder");
        for text in &seeds {
            // FNV-1a: a stable name, so a second run adds nothing.
            let hash = text.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3));
            std::fs::write(dir.join(format!("seed-{hash:016x}")), text).expect("seed file");
        }
        println!("{name}: {} seeds in {}", seeds.len(), dir.display());
    }
}
