//! The bodies of the fuzz targets: one function per kind of text Poolsmith takes from outside
//! (a request file, describe-user-pool output, a CloudFormation template, a Terraform file,
//! YAML, a field path, a message to the browser worker). Each feeds arbitrary bytes to that code and panics only
//! when the code panics or an invariant breaks, so one body serves both runners:
//!
//! - cargo-fuzz (`fuzz/fuzz_targets/<name>.rs`, libFuzzer, coverage-guided; `scripts/fuzz`);
//! - `tests/fuzz_smoke.rs`, which runs every body on a few thousand deterministic inputs in
//!   plain `cargo test`, with no libFuzzer and no nightly features.
//!
//! The invariants: an import that succeeds gives a request that re-imports to the same JSON;
//! a parsed field path prints to text that parses to the same path; what the YAML reader reads
//! is located node for node; every worker answer is JSON and echoes the id.
#![doc(hidden)]

use crate::export::{self, Format, MfaFactors, Options};
use crate::import::{self, yaml, Kind};
use crate::json::{self, Json, Located};
use crate::request;
use crate::value::FieldPath;
use crate::worker;

/// A target body: takes any bytes, panics on a bug, and tells whether the input was accepted
/// (parsed or imported), so a runner can see that its inputs reach both outcomes.
pub type Target = fn(&[u8]) -> bool;

/// Every target by name (the names of the cargo-fuzz binaries).
pub const TARGETS: [(&str, Target); 7] = [
    ("import_request_json", import_request_json),
    ("import_describe", import_describe),
    ("import_cloudformation", import_cloudformation),
    ("import_terraform", import_terraform),
    ("yaml", yaml),
    ("field_path", field_path),
    ("worker_message", worker_message),
];

/// The text the bytes spell (invalid UTF-8 replaced, so every input reaches the parser).
fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// `poolsmith::request::from_text`, the `--cli-input-json` importer. Whatever it keeps is a
/// form that checks and prints; with no problems, the printed request re-imports unchanged.
pub fn import_request_json(data: &[u8]) -> bool {
    let (form, problems) = request::from_text(&text(data));
    assert!(problems.iter().all(|d| !d.message.is_empty()), "a problem without a message");
    let _ = crate::diagnostics(&form);
    let printed = request::to_json(&form);
    if problems.is_empty() {
        assert_reimports(&printed);
    } else {
        assert!(json::parse(&printed.pretty()).is_ok(), "the kept request does not print as JSON");
    }
    problems.is_empty()
}

/// `import::import` with describe-user-pool output.
pub fn import_describe(data: &[u8]) -> bool {
    import_as(Kind::DescribeUserPool, &text(data))
}

/// `import::import` with a CloudFormation template, resource or `Properties` object.
pub fn import_cloudformation(data: &[u8]) -> bool {
    import_as(Kind::CloudFormation, &text(data))
}

/// `import::import` with a Terraform `.tf` file (its pools listed first, as the app does).
pub fn import_terraform(data: &[u8]) -> bool {
    let text = text(data);
    if let Ok(pools) = import::terraform::pools(&text) {
        assert!(pools.iter().all(|pool| pool.line >= 1), "a pool without a line");
    }
    import_as(Kind::Terraform, &text)
}

fn import_as(kind: Kind, text: &str) -> bool {
    let _ = import::detect(text);
    match import::import(Some(kind), text) {
        Ok(imported) => {
            let _ = crate::diagnostics(&imported.form);
            assert_reimports(&request::to_json(&imported.form));
            true
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "a failed import must say why");
            assert!(problems.iter().all(|d| !d.message.is_empty()), "a problem without a message");
            false
        }
    }
}

/// The request JSON an import produced, read back by the request importer: no problems, and
/// the same JSON. (Otherwise a user who imports, then exports, gets a different pool.)
fn assert_reimports(request: &Json) {
    let text = request.pretty();
    let (back, problems) = request::from_text(&text);
    assert!(problems.is_empty(), "the imported request does not re-import cleanly: {problems:?}\n{text}");
    assert_eq!(&request::to_json(&back), request, "the imported request changed on re-import\n{text}");
}

/// The YAML reader (`import::yaml::parse`): it reads or refuses with a position and a message;
/// what it reads is located node for node, and each position it records as a plain scalar's is
/// where a scalar of the tree is located.
pub fn yaml(data: &[u8]) -> bool {
    let text = text(data);
    match yaml::parse(&text) {
        Ok(document) => {
            assert_located(&document.value, &document.at);
            let mut scalars = Vec::new();
            scalar_positions(&document.value, &document.at, &mut scalars);
            for pos in document.plain.positions() {
                assert!(scalars.contains(&pos), "plain scalar at {pos} is not a scalar of the tree: {text:?}");
            }
            true
        }
        Err(error) => {
            assert!(error.pos.line >= 1 && error.pos.column >= 1 && !error.message.is_empty(), "{error:?}");
            false
        }
    }
}

/// Where the scalars of `value` are located.
fn scalar_positions(value: &Json, at: &Located, out: &mut Vec<json::Pos>) {
    match value {
        Json::Object(members) => {
            members.iter().zip(&at.children).for_each(|((_, member), at)| scalar_positions(member, at, out));
        }
        Json::Array(items) => items.iter().zip(&at.children).for_each(|(item, at)| scalar_positions(item, at, out)),
        _ => out.push(at.pos),
    }
}

/// `Located` mirrors the value: one child per item or member, every position 1-based.
fn assert_located(value: &Json, at: &Located) {
    assert!(at.pos.line >= 1 && at.pos.column >= 1, "position {:?}", at.pos);
    let children: Vec<&Json> = match value {
        Json::Object(members) => members.iter().map(|(_, v)| v).collect(),
        Json::Array(items) => items.iter().collect(),
        _ => Vec::new(),
    };
    assert_eq!(children.len(), at.children.len(), "positions do not mirror the value");
    children.into_iter().zip(&at.children).for_each(|(child, child_at)| assert_located(child, child_at));
}

/// `FieldPath::parse`: a path that parses prints to text that parses to the same path (and
/// prints the same again), and its model path can be looked up.
pub fn field_path(data: &[u8]) -> bool {
    let text = text(data);
    let Ok(path) = FieldPath::parse(&text) else { return false };
    let printed = path.to_string();
    assert_eq!(FieldPath::parse(&printed).as_ref(), Ok(&path), "{text:?} printed as {printed:?}");
    let _ = path.field();
    let _ = path.top_level();
    true
}

/// `worker::handle`, the browser worker's protocol. Every answer is a JSON object; an answer
/// to a JSON message echoes its `id`; an import that succeeds re-imports unchanged; the
/// request-JSON export of any request parses back to it.
pub fn worker_message(data: &[u8]) -> bool {
    let message = text(data);
    let answer = worker::handle(&message);
    let Ok((answer, _)) = json::parse(&answer) else { panic!("the answer is not JSON: {answer}") };
    assert!(matches!(answer, Json::Object(_)), "the answer is not an object: {}", answer.compact());
    let Ok((message, _)) = json::parse(&message) else {
        assert!(answer.get("error").is_some(), "no error for a message that is not JSON");
        return false;
    };
    let id = message.get("id").cloned().unwrap_or(Json::Null);
    assert_eq!(answer.get("id"), Some(&id), "the answer does not echo the id");
    let op = message.get("op").and_then(Json::as_str);
    if op == Some("import") && answer.get("ok") == Some(&Json::Bool(true)) {
        assert_reimports(answer.get("request").expect("a successful import carries the request"));
    }
    let format = message.get("format").and_then(Json::as_str);
    if op == Some("export") && format == Some(Format::RequestJson.id()) {
        let request = message.get("request").cloned().unwrap_or(Json::Object(Vec::new()));
        // A bare request with MFA on means SMS, which CreateUserPool takes as it is.
        let options = Options { mfa: MfaFactors::implied_by(&request), ..Options::default() };
        let exported = export::render(Format::RequestJson, &request, &options);
        assert_eq!(json::parse(&exported.text).map(|(value, _)| value), Ok(request), "request-json export");
    }
    answer.get("error").is_none() && answer.get("ok") != Some(&Json::Bool(false))
}
