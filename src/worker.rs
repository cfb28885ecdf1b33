//! The protocol of the browser's helper worker, as a pure function over JSON text.
//!
//! The form loads fast because the code and data it does not need at first — the cross-field
//! rules and best-practice lint (the page checks each field itself and asks for the rest), nine
//! exporters,
//! the describe-user-pool and CloudFormation importers with their YAML reader, the full AWS
//! help text and the search over it — live in a second WebAssembly module that runs in a Web
//! Worker and is fetched the first time one of them is used. The page asks with a JSON message
//! and gets a JSON answer; every message carries an `id` that the answer echoes.
//!
//! | ask | answer |
//! | --- | --- |
//! | `{"op":"export","format":"terraform","mfa":{"sms":false,"totp":true,"email":false},"request":{…}}` | `{"text":"…","notes":["…"]}` |
//! | `{"op":"check","request":{…},"mfa":{…}}` | `{"diagnostics":[{"path":"…","severity":"error","rule":"…","message":"…","paths":[…]}]}` |
//! | `{"op":"locked","request":{…},"mfa":{…},"current":"…"}` | `{"choices":["<topic>\t<choice>",…]}`: what can never change, for the export checklist; with `current` (changing a pool), each setting the update resets and each change that needs a new pool |
//! | `{"op":"help","field":12}` | `{"doc":"<compact help text>"}` |
//! | `{"op":"import","kind":"auto","text":"…","resource":"UserPool"}` | `{"ok":true,"kind":"…","request":{…},"mfa":{…},"template":{…},"notes":[…]}` or `{"ok":false,"problems":["…"],"choose":["PoolA","PoolB"]}` (`choose`: the pools of a file that has several) |
//! | `{"op":"search","query":"…"}` | `{"fields":[3,17,…]}` |
//! | `{"op":"preset","preset":"spa-email","request":{…},"mfa":{…}}` | `{"request":{…},"mfa":{…},"changes":["…"]}` |
//! | `{"op":"read-file","url":"blob:…"}`: a chosen or dropped file, by an object URL | `{"text":"…"}` or `{"error":"The file …"}` |
//! | `{"op":"plan","current":"<describe-user-pool output, optionally followed by get-user-pool-mfa-config output>","mfaConfig":"<or here>","load":true}` | `{"ok":true,"request":{…},"mfa":{…},"notes":[…]}`: the current pool, for the form |
//! | `{"op":"plan","current":"…","mfaConfig":"…","request":{…},"mfa":{…}}` | `{"ok":true,"summary":"…","columns":[…],"rows":[[…]],"resets":[…],"impossible":false,"notes":[…],"scripts":[{"format":"cli-bash","text":"…","notes":[…]}]}`, or `{"ok":false,"problems":["…"]}` |
//! | the same with `"format":"terraform"` (the export panel) | `{"text":"…","notes":["<the change table, a line per change>",…]}`: the update script, or for a format that makes no API calls the desired pool's export |
//!
//! `template` is the context of a pool imported from a template ([`crate::expr::template`]):
//! every message about the form carries it, so that checks and exports see the template's
//! parameters. `mfa` is the pool's MFA factors ([`MfaFactors::to_json`]); without it, a request means what
//! `CreateUserPool` would make of it ([`MfaFactors::implied_by`]).
//! In a `plan`, the form's factors count as the desired ones only when `mfaConfig` is given (else
//! the current factors are unknown, and the plan leaves them alone). The update scripts re-read
//! `LastModifiedDate` first unless `"ifUnchanged":false`.
//!
//! `read-file` is answered by the worker's entry (`src/bin/poolsmith-worker.rs`), which fetches
//! the bytes ([`file_to_read`]) and answers with [`read_file_answer`]: the file is decoded here,
//! by `import::decode_text` as in the CLI, so the decoder is not part of the page's first load.

use crate::export::{self, Format, MfaFactors, Options};
use crate::import::{self, Kind};
use crate::json::{self, Json};
use crate::{model, presets, request, search};

fn reply(id: &Json, mut members: Vec<(String, Json)>) -> String {
    members.insert(0, ("id".into(), id.clone()));
    Json::Object(members).compact()
}

fn strings(items: impl IntoIterator<Item = String>) -> Json {
    Json::Array(items.into_iter().map(Json::String).collect())
}

/// Answers one message. Never panics; a malformed message gets `{"error": "…"}`.
pub fn handle(message: &str) -> String {
    let Ok((message, _)) = json::parse(message) else {
        return Json::Object(vec![("error".into(), Json::str("the message is not JSON"))]).compact();
    };
    let id = message.get("id").cloned().unwrap_or(Json::Null);
    let text = |key: &str| message.get(key).and_then(Json::as_str).unwrap_or_default().to_string();
    match message.get("op").and_then(Json::as_str) {
        Some("export") => {
            let Some(format) = Format::from_id(&text("format")) else {
                return reply(&id, vec![("error".into(), Json::str("unknown format"))]);
            };
            let request = message.get("request").cloned().unwrap_or(Json::Object(Vec::new()));
            let template = message.get("template").filter(|t| matches!(t, Json::Object(_))).cloned();
            let options = Options { mfa: factors_in(&message, &request), template };
            let rendered = export::render(format, &request, &options);
            reply(&id, vec![("text".into(), Json::String(rendered.text)), ("notes".into(), strings(rendered.notes))])
        }
        Some("check") => {
            let form = form_in(&message);
            let mut found = crate::rules::check(&form);
            crate::diagnostic::sort(&mut found);
            reply(&id, vec![("diagnostics".into(), Json::Array(found.iter().map(|d| d.to_json(false)).collect()))])
        }
        Some("locked") if !text("current").is_empty() => plan(&id, &message),
        Some("locked") => {
            let choices = crate::rules::locked::choices(&form_in(&message));
            let lines = choices.into_iter().map(|c| format!("{}\t{}", c.topic, c.choice));
            reply(&id, vec![("choices".into(), strings(lines))])
        }
        Some("help") => {
            let field = match message.get("field") {
                Some(Json::Number(n)) => n.parse::<usize>().ok(),
                _ => None,
            };
            let doc = field.and_then(|i| model::DOCS.get(i)).copied().unwrap_or_default();
            reply(&id, vec![("doc".into(), Json::str(doc))])
        }
        Some("import") => {
            let (kind, body) = (Kind::from_id(&text("kind")), text("text"));
            let resource = message.get("resource").and_then(Json::as_str);
            match import::import_resource(kind, &body, resource) {
                Ok(imported) => reply(
                    &id,
                    vec![
                        ("ok".into(), Json::Bool(true)),
                        ("kind".into(), Json::str(imported.kind.title())),
                        ("request".into(), request::to_json(&imported.form)),
                        ("mfa".into(), imported.form.mfa().to_json()),
                        ("template".into(), imported.form.template().cloned().unwrap_or(Json::Null)),
                        ("notes".into(), strings(imported.notes)),
                    ],
                ),
                Err(problems) => {
                    // A file with several pools: the page asks which one to import.
                    let several = problems.iter().any(|d| d.rule == import::SEVERAL_POOLS);
                    let choose = if several { import::pool_names(kind, &body) } else { Vec::new() };
                    reply(
                        &id,
                        vec![
                            ("ok".into(), Json::Bool(false)),
                            ("problems".into(), strings(problems.into_iter().map(|d| describe_problem(&d)))),
                            ("choose".into(), strings(choose)),
                        ],
                    )
                }
            }
        }
        Some("preset") => {
            let Some(preset) = presets::by_id(&text("preset")) else {
                return reply(&id, vec![("error".into(), Json::str("unknown preset"))]);
            };
            let current = message.get("request").cloned().unwrap_or(Json::Object(Vec::new()));
            let (mut form, _) = request::from_json(&current, &json::Located::default());
            form.set_mfa(factors_in(&message, &current));
            let (next, changes) = presets::apply(&form, preset);
            let changes = changes.into_iter().map(|c| match (c.before, c.after) {
                (None, Some(after)) => format!("{}: set to {after}", c.path),
                (Some(before), Some(after)) => format!("{}: {before} → {after}", c.path),
                (Some(before), None) => format!("{}: {before} removed", c.path),
                (None, None) => c.path,
            });
            reply(
                &id,
                vec![
                    ("request".into(), request::to_json(&next)),
                    ("mfa".into(), next.mfa().to_json()),
                    ("changes".into(), strings(changes)),
                ],
            )
        }
        Some("plan") => plan(&id, &message),
        Some("search") => {
            let ids = search::search(&text("query"), 8).into_iter().map(|f| Json::Number(f.id.to_string())).collect();
            reply(&id, vec![("fields".into(), Json::Array(ids))])
        }
        _ => reply(&id, vec![("error".into(), Json::str("unknown op"))]),
    }
}

/// Answers a `plan` message (see the table above).
fn plan(id: &Json, message: &Json) -> String {
    use crate::plan::{self, script, table};
    let text = |key: &str| message.get(key).and_then(Json::as_str).unwrap_or_default();
    // The MFA configuration may be pasted after the describe output, in the same text.
    let (describe, pasted_mfa) = plan::split_current(text("current"));
    let mfa_config = Some(text("mfaConfig")).filter(|t| !t.trim().is_empty()).or(pasted_mfa);
    let failed = |problems: Vec<String>| {
        reply(id, vec![("ok".into(), Json::Bool(false)), ("problems".into(), strings(problems))])
    };
    // The current pool is describe-user-pool output, or the pool a template deploys.
    let from_template =
        plan::current_from_template(text("current"), message.get("resource").and_then(Json::as_str), None);
    let is_template = from_template.is_some();
    let current = match from_template.unwrap_or_else(|| plan::read_current(describe, mfa_config)) {
        Ok(current) => current,
        Err(problems) => return failed(problems),
    };
    if message.get("load") == Some(&Json::Bool(true)) {
        // The form: the pool as it is, a template's expressions and context included.
        let imported = if is_template {
            import::import_resource(None, text("current"), message.get("resource").and_then(Json::as_str)).ok()
        } else {
            import::describe::import(describe).ok().map(|read| import::Imported {
                kind: Kind::DescribeUserPool,
                form: read.form,
                notes: Vec::new(),
                located: None,
            })
        };
        let (request, template) = match &imported {
            Some(imported) => (request::to_json(&imported.form), imported.form.template().cloned()),
            None => (current.pool.request.clone(), None),
        };
        let kind = match &imported {
            Some(imported) if is_template => format!("the pool to change, from a {}", imported.kind.title()),
            _ => "the pool to change (describe-user-pool output)".to_string(),
        };
        return reply(
            id,
            vec![
                ("ok".into(), Json::Bool(true)),
                ("kind".into(), Json::String(kind)),
                ("request".into(), request),
                ("mfa".into(), current.pool.factors.to_json()),
                ("template".into(), template.unwrap_or(Json::Null)),
                ("notes".into(), strings(current.notes)),
            ],
        );
    }
    let mut request = message.get("request").cloned().unwrap_or(Json::Object(Vec::new()));
    // The desired pool as the form holds it, for the formats that write it whole.
    let as_written = request.clone();
    let mut placeholder_notes = Vec::new();
    if crate::expr::contains_expression(&request) {
        // As the current pool read them: an expression kept on both sides is no change.
        request = crate::expr::with_placeholders(&request, &[], &mut placeholder_notes);
    }
    let stated = if is_template {
        Some(factors_in(message, &request))
    } else {
        mfa_config.map(|_| factors_in(message, &request))
    };
    let desired = plan::desired_from_request(request.clone(), stated, &current, false);
    let planned = plan::plan(&current, &desired);
    if message.get("op").and_then(Json::as_str) == Some("locked") {
        // Before the update script is copied or downloaded, the person confirms each setting it
        // resets to its default, and sees what it cannot change in place.
        let mut lines: Vec<String> = planned
            .resets()
            .iter()
            .map(|c| format!("Reset to its default\t{}: {} → the default", c.path, c.old_text()))
            .collect();
        lines.extend(
            planned
                .changes
                .iter()
                .filter(|c| c.api == plan::Api::Impossible)
                .map(|c| format!("Needs a new pool\t{}: {} → {}", c.path, c.old_text(), c.new_text())),
        );
        if lines.is_empty() {
            lines.push("Nothing is reset\tthe update repeats every setting the form keeps".to_string());
        }
        return reply(id, vec![("choices".into(), strings(lines))]);
    }
    let options = script::ScriptOptions { if_unchanged: message.get("ifUnchanged") != Some(&Json::Bool(false)) };
    let mut notes = current.notes.clone();
    notes.extend(desired.notes.iter().cloned());
    notes.extend(placeholder_notes);
    if let Some(format) = Format::from_id(text("format")) {
        // The page's export panel: the format's update script, or for the formats that are not
        // API calls (CloudFormation, Terraform, CDK) the export of the desired pool; the change
        // table leads the notes.
        let rendered = match script::render(format, &planned, options) {
            Ok(rendered) => rendered,
            Err(_) => {
                let template = message.get("template").filter(|t| matches!(t, Json::Object(_))).cloned();
                export::render(format, &as_written, &Options { mfa: factors_in(message, &as_written), template })
            }
        };
        let mut lines = table::lines(&planned);
        lines.extend(notes);
        lines.extend(rendered.notes);
        return reply(id, vec![("text".into(), Json::String(rendered.text)), ("notes".into(), strings(lines))]);
    }
    notes.extend(planned.notes.iter().cloned());
    let rows = table::rows(&planned).into_iter().map(strings).collect();
    let scripts = script::FORMATS
        .iter()
        .filter_map(|format| {
            let rendered = script::render(*format, &planned, options).ok()?;
            Some(Json::Object(vec![
                ("format".into(), Json::str(format.id())),
                ("text".into(), Json::String(rendered.text)),
                ("notes".into(), strings(rendered.notes)),
            ]))
        })
        .collect();
    reply(
        id,
        vec![
            ("ok".into(), Json::Bool(true)),
            ("summary".into(), Json::String(table::summary(&planned))),
            ("columns".into(), strings(table::COLUMNS.iter().map(|c| c.to_string()))),
            ("rows".into(), Json::Array(rows)),
            ("resets".into(), strings(planned.resets().iter().map(|c| c.path.clone()))),
            ("impossible".into(), Json::Bool(planned.impossible())),
            ("notes".into(), strings(notes)),
            ("scripts".into(), Json::Array(scripts)),
        ],
    )
}

/// The form an answer carries (`request`, `mfa` and the imported `template` context of an
/// import or a preset), or a message asks about.
pub fn form_in(answer: &Json) -> crate::value::FormValue {
    let request = answer.get("request").unwrap_or(&Json::Null);
    let (mut form, _) = request::from_json(request, &json::Located::default());
    form.set_mfa(factors_in(answer, request));
    form.set_template(answer.get("template").filter(|t| matches!(t, Json::Object(_))).cloned());
    form
}

/// What a message about the form carries: its request, its MFA factors and, for a pool
/// imported from a template, the template's context.
pub fn form_members(form: &crate::value::FormValue) -> Vec<(String, Json)> {
    let mut members = vec![("request".into(), request::to_json(form)), ("mfa".into(), form.mfa().to_json())];
    if let Some(template) = form.template() {
        members.push(("template".into(), template.clone()));
    }
    members
}

/// The MFA factors a message gives for its request.
fn factors_in(message: &Json, request: &Json) -> MfaFactors {
    match message.get("mfa") {
        Some(factors) => MfaFactors::from_json(factors),
        None => MfaFactors::implied_by(request),
    }
}

/// The object URL of the file a `read-file` message asks to read.
pub fn file_to_read(message: &str) -> Option<String> {
    let (message, _) = json::parse(message).ok()?;
    match (message.get("op").and_then(Json::as_str), message.get("url").and_then(Json::as_str)) {
        (Some("read-file"), Some(url)) => Some(url.to_string()),
        _ => None,
    }
}

/// The answer to a `read-file` message: the file's text, or why it cannot be read.
pub fn read_file_answer(message: &str, bytes: Option<Vec<u8>>) -> String {
    let id = json::parse(message).ok().and_then(|(message, _)| message.get("id").cloned()).unwrap_or(Json::Null);
    let text = bytes.ok_or_else(|| "could not be read".to_string()).and_then(|bytes| import::decode_text(&bytes));
    match text {
        Ok(text) => reply(&id, vec![("text".into(), Json::String(text))]),
        Err(why) => reply(&id, vec![("error".into(), Json::String(format!("The file {why}")))]),
    }
}

/// One import problem as a sentence with its place.
pub fn describe_problem(d: &crate::Diagnostic) -> String {
    match (d.path().filter(|p| !p.0.is_empty()), d.pos) {
        (Some(path), Some(pos)) => format!("{path} (line {}, column {}): {}", pos.line, pos.column, d.message),
        (Some(path), None) => format!("{path}: {}", d.message),
        (None, Some(pos)) => format!("Line {}, column {}: {}", pos.line, pos.column, d.message),
        (None, None) => d.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(message: &str) -> Json {
        json::parse(&handle(message)).expect("answers are JSON").0
    }

    #[test]
    fn exports_every_format_and_echoes_the_id() {
        for format in Format::ALL {
            let answer = ask(&format!(
                r#"{{"id": 4, "op": "export", "format": "{}", "mfa": {{"totp": true}}, "request": {{"PoolName": "p"}}}}"#,
                format.id()
            ));
            assert_eq!(answer.get("id"), Some(&Json::Number("4".into())));
            let expected = export::render(
                format,
                &json::parse(r#"{"PoolName": "p"}"#).unwrap().0,
                &Options { mfa: MfaFactors { totp: true, ..MfaFactors::NONE }, ..Options::default() },
            );
            assert_eq!(answer.get("text").and_then(Json::as_str), Some(expected.text.as_str()), "{}", format.id());
        }
    }

    #[test]
    fn checks_the_cross_field_rules_of_the_form_it_is_sent() {
        let answer =
            ask(r#"{"id": 7, "op": "check", "request": {"MfaConfiguration": "OPTIONAL"}, "mfa": {"totp": true}}"#);
        let Some(Json::Array(found)) = answer.get("diagnostics") else {
            panic!("no diagnostics: {}", answer.compact())
        };
        let (mut form, _) = request::from_text(r#"{"MfaConfiguration": "OPTIONAL"}"#);
        form.set_mfa(MfaFactors { totp: true, ..MfaFactors::NONE });
        let mut expected = crate::rules::check(&form);
        crate::diagnostic::sort(&mut expected);
        assert!(!expected.is_empty());
        let read: Vec<_> = found.iter().filter_map(|d| crate::Diagnostic::from_json(d, "rule")).collect();
        assert_eq!(read.len(), expected.len());
        for (read, expected) in read.iter().zip(&expected) {
            assert_eq!(
                (read.severity, &read.paths, &read.message),
                (expected.severity, &expected.paths, &expected.message)
            );
        }
    }

    #[test]
    fn words_the_locked_choices_for_the_checklist() {
        let answer = ask(r#"{"id": 8, "op": "locked", "request": {"UsernameAttributes": ["email"]}}"#);
        let Some(Json::Array(lines)) = answer.get("choices") else { panic!("no choices: {}", answer.compact()) };
        assert_eq!(
            lines.first().and_then(Json::as_str),
            Some("Sign-in identifiers\tUsers sign in with their email as the username.")
        );
    }

    #[test]
    fn serves_help_search_and_imports() {
        let help = ask(r#"{"id": 1, "op": "help", "field": 0}"#);
        assert_eq!(help.get("doc").and_then(Json::as_str), Some(model::DOCS[0]));
        let found = ask(r#"{"id": 2, "op": "search", "query": "pool name"}"#);
        assert_eq!(
            found.get("fields").and_then(|f| if let Json::Array(a) = f { a.first().cloned() } else { None }),
            Some(Json::Number("0".into()))
        );
        let imported = ask(r#"{"id": 3, "op": "import", "kind": "request-json", "text": "{\"PoolName\": \"x\"}"}"#);
        assert_eq!(imported.get("ok"), Some(&Json::Bool(true)));
        assert_eq!(imported.get("request").map(Json::compact).as_deref(), Some(r#"{"PoolName":"x"}"#));
        let terraform = r#"resource \"aws_cognito_user_pool\" \"a\" {}\nresource \"aws_cognito_user_pool\" \"b\" {\n  name = \"b\"\n}\n"#;
        let chosen =
            ask(&format!(r#"{{"id": 4, "op": "import", "kind": "auto", "text": "{terraform}", "resource": "b"}}"#));
        assert_eq!(chosen.get("request").map(Json::compact).as_deref(), Some(r#"{"PoolName":"b"}"#));
        let unchosen = ask(&format!(r#"{{"id": 4, "op": "import", "kind": "terraform", "text": "{terraform}"}}"#));
        assert_eq!(unchosen.get("ok"), Some(&Json::Bool(false)));
        let failed = ask(r#"{"id": 5, "op": "import", "kind": "request-json", "text": "{,"}"#);
        assert_eq!(failed.get("ok"), Some(&Json::Bool(false)));
    }

    #[test]
    fn applies_presets_and_lists_the_changes() {
        let answer = ask(r#"{"id": 6, "op": "preset", "preset": "spa-email", "request": {"PoolName": "p"}}"#);
        let request = answer.get("request").unwrap();
        assert_eq!(request.get("PoolName"), Some(&Json::str("p")));
        assert_eq!(request.get("DeletionProtection"), Some(&Json::str("ACTIVE")));
        let Some(Json::Array(changes)) = answer.get("changes") else { panic!("no changes") };
        assert!(changes.contains(&Json::str("DeletionProtection: set to ACTIVE")), "{changes:?}");
    }

    #[test]
    fn reads_files_in_utf8_or_utf16_and_says_why_not() {
        let message = r#"{"id": 7, "op": "read-file", "url": "blob:http://127.0.0.1/1234"}"#;
        assert_eq!(file_to_read(message).as_deref(), Some("blob:http://127.0.0.1/1234"));
        assert_eq!(file_to_read(r#"{"id": 7, "op": "import", "url": "x"}"#), None);
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("{\"PoolName\": \"é\"}".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let answer = json::parse(&read_file_answer(message, Some(utf16))).unwrap().0;
        assert_eq!(answer.get("id"), Some(&Json::Number("7".into())));
        assert_eq!(answer.get("text").and_then(Json::as_str), Some("{\"PoolName\": \"é\"}"));
        let answer = json::parse(&read_file_answer(message, Some(b"caf\xE9".to_vec()))).unwrap().0;
        assert_eq!(
            answer.get("error").and_then(Json::as_str),
            Some("The file is not UTF-8 text (invalid byte at offset 3): save it as UTF-8")
        );
        let answer = json::parse(&read_file_answer(message, None)).unwrap().0;
        assert_eq!(answer.get("error").and_then(Json::as_str), Some("The file could not be read"));
    }

    #[test]
    fn plans_the_change_of_a_described_pool() {
        let describe = r#"{"UserPool": {"Id": "us-east-1_Ex", "Name": "p", "LastModifiedDate": 1767225600, "LambdaConfig": {"PreSignUp": "arn:aws:lambda:us-east-1:1:function:f"}, "MfaConfiguration": "OFF"}}"#;
        let ask_json = |members: Vec<(&str, Json)>| {
            let mut all = vec![("id".to_string(), Json::Number("9".into())), ("op".to_string(), Json::str("plan"))];
            all.extend(members.into_iter().map(|(k, v)| (k.to_string(), v)));
            json::parse(&handle(&Json::Object(all).compact())).unwrap().0
        };
        let loaded = ask_json(vec![("current", Json::str(describe)), ("load", Json::Bool(true))]);
        assert_eq!(
            loaded.get("request").map(Json::compact).as_deref(),
            Some(
                r#"{"PoolName":"p","LambdaConfig":{"PreSignUp":"arn:aws:lambda:us-east-1:1:function:f"},"MfaConfiguration":"OFF"}"#
            )
        );
        let planned = ask_json(vec![
            ("current", Json::str(describe)),
            ("request", json::parse(r#"{"PoolName": "p", "DeletionProtection": "ACTIVE"}"#).unwrap().0),
        ]);
        assert_eq!(planned.get("ok"), Some(&Json::Bool(true)));
        assert_eq!(planned.get("resets").map(Json::compact).as_deref(), Some(r#"["LambdaConfig.PreSignUp"]"#));
        let Some(Json::Array(scripts)) = planned.get("scripts") else { panic!("no scripts") };
        assert_eq!(scripts.len(), 6);
        let request = json::parse(r#"{"PoolName": "p", "DeletionProtection": "ACTIVE"}"#).unwrap().0;
        for (format, starts) in
            [("cli-bash", "#!/usr/bin/env bash\n# Updates"), ("terraform", "resource \"aws_cognito_user_pool\"")]
        {
            let panel = ask_json(vec![
                ("current", Json::str(describe)),
                ("format", Json::str(format)),
                ("request", request.clone()),
            ]);
            assert!(
                panel.get("text").and_then(Json::as_str).is_some_and(|t| t.contains(starts)),
                "{}",
                panel.compact()
            );
            let Some(Json::Array(notes)) = panel.get("notes") else { panic!("no notes") };
            assert_eq!(
                notes[0].as_str(),
                Some("Changes to the existing pool us-east-1_Ex: 2 changes, 1 setting reset to default.")
            );
        }
        let failed = ask_json(vec![("current", Json::str("{"))]);
        assert_eq!(failed.get("ok"), Some(&Json::Bool(false)));
    }

    #[test]
    fn malformed_messages_get_errors_not_panics() {
        for bad in
            ["", "[]", "{}", r#"{"op": "export", "format": "nope"}"#, r#"{"op": "help", "field": "x"}"#, r#"{"op": 5}"#]
        {
            let answer = handle(bad);
            assert!(json::parse(&answer).is_ok(), "{bad:?} → {answer}");
        }
    }

    #[test]
    fn a_template_can_be_the_pool_to_change() {
        let template = "Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      UserPoolName: !Sub '${AWS::StackName}-users'\n      UsernameAttributes: [email]\n";
        let ask_plan =
            |extra: &str| ask(&format!(r#"{{"id": 1, "op": "plan", "current": {}{extra}}}"#, json::quote(template)));
        // Loading keeps the template's expression and context in the form.
        let loaded = ask_plan(r#", "load": true"#);
        assert_eq!(
            loaded.get("request").map(Json::compact).as_deref(),
            Some(r#"{"PoolName":{"Fn::Sub":"${AWS::StackName}-users"},"UsernameAttributes":["email"]}"#)
        );
        assert!(loaded.get("template").is_some_and(|t| t.get("Resource").is_some()));
        assert_eq!(
            loaded.get("kind").and_then(Json::as_str),
            Some("the pool to change, from a CloudFormation template or resource")
        );
        // The same pool desired: no change, though it holds an expression.
        let same = ask_plan(
            r#", "request": {"PoolName": {"Fn::Sub": "${AWS::StackName}-users"}, "UsernameAttributes": ["email"]}"#,
        );
        assert_eq!(same.get("rows"), Some(&Json::Array(Vec::new())), "{}", same.compact());
        // A sign-in change is impossible in place, whatever the template says.
        let changed = ask_plan(
            r#", "request": {"PoolName": {"Fn::Sub": "${AWS::StackName}-users"}, "UsernameAttributes": ["phone_number"]}"#,
        );
        assert_eq!(changed.get("impossible"), Some(&Json::Bool(true)), "{}", changed.compact());
        // Before Copy or Download, the checklist lists each change that cannot be made in place.
        let checklist = ask(&format!(
            r#"{{"id": 2, "op": "locked", "current": {}, "request": {{"PoolName": {{"Fn::Sub": "${{AWS::StackName}}-users"}}, "UsernameAttributes": ["phone_number"]}}}}"#,
            json::quote(template)
        ));
        assert_eq!(
            checklist.get("choices").map(Json::compact).as_deref(),
            Some(r#"["Needs a new pool\tUsernameAttributes: [\"email\"] → [\"phone_number\"]"]"#)
        );
        // A setting the desired pool leaves out is reset by the update: listed to confirm.
        let strict = template.replace(
            "UsernameAttributes: [email]",
            "UsernameAttributes: [email]\n      DeviceConfiguration: {ChallengeRequiredOnNewDevice: true}",
        );
        let checklist = ask(&format!(
            r#"{{"id": 3, "op": "locked", "current": {}, "request": {{"PoolName": {{"Fn::Sub": "${{AWS::StackName}}-users"}}, "UsernameAttributes": ["email"]}}}}"#,
            json::quote(&strict)
        ));
        let lines = checklist.get("choices").map(Json::compact).unwrap_or_default();
        assert!(lines.contains("Reset to its default\\tDeviceConfiguration"), "{lines}");
    }
}
