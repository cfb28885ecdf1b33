//! Importing describe-user-pool output (clone a pool) and CloudFormation templates, and the
//! `poolsmith import` command: what round-trips, what is dropped and said, what fails and how,
//! and that no input, however mangled, makes an importer or the YAML reader panic.

mod common;
use common::poolsmith;

use poolsmith::export::{self, Format, MfaFactors, Options};
use poolsmith::import::{self, yaml, Kind};
use poolsmith::json::{self, Json, Pos};
use poolsmith::request;
use poolsmith::sample::Rng;

// ---------------------------------------------------------------------------------------------
// Helpers

fn data(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import").join(name)
}

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(text: &str) -> Json {
    json::parse(text).unwrap_or_else(|e| panic!("{e}: {text}")).0
}

/// The realistic requests, each NAME.json with an optional NAME.mfa (its `--mfa` list).
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/realistic");

fn corpus() -> Vec<(String, Json)> {
    let dir = std::path::Path::new(CORPUS);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 28, "the realistic corpus is missing");
    files.iter().map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), parse(&read(p)))).collect()
}

fn object(members: Vec<(&str, Json)>) -> Json {
    Json::Object(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn members(value: &Json) -> Vec<(String, Json)> {
    match value {
        Json::Object(members) => members.clone(),
        other => panic!("not an object: {}", other.compact()),
    }
}

fn set(value: &mut Json, key: &str, new: Json) {
    if let Json::Object(members) = value {
        match members.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = new,
            None => members.push((key.to_string(), new)),
        }
    }
}

fn without(value: &Json, keys: &[&str]) -> Json {
    Json::Object(members(value).into_iter().filter(|(k, _)| !keys.contains(&k.as_str())).collect())
}

/// The request as Poolsmith prints it (model order), so two requests compare by content.
fn normalised(request: &Json) -> Json {
    let (located_value, located) = json::parse(&request.pretty()).unwrap();
    let (form, problems) = request::from_json(&located_value, &located);
    assert!(problems.is_empty(), "{problems:?}");
    request::to_json(&form)
}

/// Schema items in name order: AWS lists attributes in its own order, which means nothing.
fn schema_by_name(request: &Json) -> Json {
    let mut request = request.clone();
    if let Some(Json::Array(items)) = request.get("Schema").cloned() {
        let mut items = items;
        items.sort_by_key(|item| item.get("Name").and_then(Json::as_str).unwrap_or_default().to_string());
        set(&mut request, "Schema", Json::Array(items));
    }
    request
}

fn imported(kind: Kind, text: &str) -> import::Imported {
    match import::import(Some(kind), text) {
        Ok(imported) => imported,
        Err(problems) => panic!("{kind:?} import failed: {problems:#?}\n{text}"),
    }
}

fn failed(kind: Kind, text: &str) -> Vec<poolsmith::Diagnostic> {
    match import::import(Some(kind), text) {
        Ok(imported) => panic!("{kind:?} import succeeded: {}\n{text}", request::to_json(&imported.form).compact()),
        Err(problems) => {
            assert!(!problems.is_empty(), "a failed import must say why");
            problems
        }
    }
}

fn has_note(notes: &[String], part: &str) -> bool {
    notes.iter().any(|n| n.contains(part))
}

// ---------------------------------------------------------------------------------------------
// describe-user-pool output, built the way AWS echoes a request

/// The standard attributes describe-user-pool lists for every pool, in the order AWS uses,
/// with the settings it reports when nobody changed them.
const REPORTED: [(&str, &str, bool, bool, &str, &str); 21] = [
    ("profile", "String", true, false, "0", "2048"),
    ("address", "String", true, false, "0", "2048"),
    ("birthdate", "String", true, false, "10", "10"),
    ("gender", "String", true, false, "0", "2048"),
    ("preferred_username", "String", true, false, "0", "2048"),
    ("updated_at", "Number", true, false, "0", ""),
    ("website", "String", true, false, "0", "2048"),
    ("picture", "String", true, false, "0", "2048"),
    ("identities", "String", true, false, "", ""),
    ("sub", "String", false, true, "1", "2048"),
    ("phone_number", "String", true, false, "0", "2048"),
    ("phone_number_verified", "Boolean", true, false, "", ""),
    ("zoneinfo", "String", true, false, "0", "2048"),
    ("locale", "String", true, false, "0", "2048"),
    ("email", "String", true, false, "0", "2048"),
    ("email_verified", "Boolean", true, false, "", ""),
    ("given_name", "String", true, false, "0", "2048"),
    ("family_name", "String", true, false, "0", "2048"),
    ("middle_name", "String", true, false, "0", "2048"),
    ("name", "String", true, false, "0", "2048"),
    ("nickname", "String", true, false, "0", "2048"),
];

/// What the echo assumes AWS stores for a custom attribute created without `Mutable`; the
/// expectation below uses the same value, so the choice does not decide the test.
const CUSTOM_MUTABLE: bool = false;

fn constraints_key(data_type: &str) -> (&'static str, &'static str, &'static str) {
    if data_type == "Number" {
        ("NumberAttributeConstraints", "MinValue", "MaxValue")
    } else {
        ("StringAttributeConstraints", "MinLength", "MaxLength")
    }
}

fn reported_standard(entry: &(&str, &str, bool, bool, &str, &str)) -> Json {
    let &(name, data_type, mutable, required, min, max) = entry;
    let mut item = object(vec![
        ("Name", Json::str(name)),
        ("AttributeDataType", Json::str(data_type)),
        ("DeveloperOnlyAttribute", Json::Bool(false)),
        ("Mutable", Json::Bool(mutable)),
        ("Required", Json::Bool(required)),
    ]);
    if data_type != "Boolean" {
        let (key, low, high) = constraints_key(data_type);
        let bounds = [(low, min), (high, max)].into_iter().filter(|(_, v)| !v.is_empty());
        set(&mut item, key, object(bounds.map(|(k, v)| (k, Json::str(v))).collect()));
    }
    item
}

/// describe-user-pool output for a pool created from `request`: `Name`, every standard
/// attribute plus the prefixed custom ones, read-only members (timestamps as numbers or as
/// text, by `variant`), the legacy messages mirroring the template, the email body the
/// template does not use, and `UnusedAccountValidityDays` mirroring the temporary-password
/// validity.
fn describe_output(request: &Json, variant: usize) -> Json {
    let mut pool = vec![("Id".to_string(), Json::str("us-east-1_Abc123xyz"))];
    let mut template = request.get("VerificationMessageTemplate").cloned();
    for (legacy, member) in [
        ("SmsVerificationMessage", "SmsMessage"),
        ("EmailVerificationMessage", "EmailMessage"),
        ("EmailVerificationSubject", "EmailSubject"),
    ] {
        // AWS keeps the legacy messages and the template in step, whichever was sent.
        let value = request.get(legacy).cloned().or_else(|| template.as_ref().and_then(|t| t.get(member)).cloned());
        if let Some(value) = value {
            let t =
                template.get_or_insert_with(|| object(vec![("DefaultEmailOption", Json::str("CONFIRM_WITH_CODE"))]));
            if t.get(member).is_none() {
                set(t, member, value.clone());
            }
            pool.push((legacy.to_string(), value));
        }
    }
    if let Some(t) = &mut template {
        let link = t.get("DefaultEmailOption").and_then(Json::as_str) == Some("CONFIRM_WITH_LINK");
        let unused = if link {
            [("EmailMessage", "Your verification code is {####}. "), ("EmailSubject", "Your verification code")]
        } else {
            [
                ("EmailMessageByLink", "Please click the link below to verify your email address. {##Verify Email##} "),
                ("EmailSubjectByLink", "Your verification link"),
            ]
        };
        for (member, text) in unused {
            if t.get(member).is_none() {
                set(t, member, Json::str(text));
            }
        }
    }
    let temporary_days = request
        .get("Policies")
        .and_then(|p| p.get("PasswordPolicy"))
        .and_then(|p| p.get("TemporaryPasswordValidityDays"));
    for (key, value) in members(request) {
        match key.as_str() {
            "PoolName" => pool.push(("Name".into(), value)),
            "Schema" => {}
            "VerificationMessageTemplate" => {}
            "SmsVerificationMessage" | "EmailVerificationMessage" | "EmailVerificationSubject" => {}
            "AdminCreateUserConfig" => {
                let mut config = value;
                if let Some(days) = temporary_days {
                    set(&mut config, "UnusedAccountValidityDays", days.clone());
                }
                pool.push((key, config));
            }
            _ => pool.push((key, value)),
        }
    }
    if let Some(t) = template {
        pool.push(("VerificationMessageTemplate".into(), t));
    }
    let mut schema: Vec<Json> = REPORTED.iter().map(reported_standard).collect();
    for item in match request.get("Schema") {
        Some(Json::Array(items)) => items.clone(),
        _ => Vec::new(),
    } {
        let name = item.get("Name").and_then(Json::as_str).unwrap_or_default().to_string();
        if let Some(reported) = schema.iter_mut().find(|r| r.get("Name") == Some(&Json::str(&name))) {
            for (key, value) in members(&item) {
                set(reported, &key, value);
            }
            continue;
        }
        let developer = item.get("DeveloperOnlyAttribute") == Some(&Json::Bool(true));
        let data_type = item.get("AttributeDataType").and_then(Json::as_str).unwrap_or("String").to_string();
        // Developer-only attributes come back as dev:custom:x or dev:x (both are seen).
        let prefix = if developer { ["dev:custom:", "dev:"][variant % 2] } else { "custom:" };
        let mut reported = object(vec![
            ("Name", Json::str(format!("{prefix}{name}"))),
            ("AttributeDataType", Json::str(&data_type)),
            ("DeveloperOnlyAttribute", Json::Bool(developer)),
            ("Mutable", item.get("Mutable").cloned().unwrap_or(Json::Bool(CUSTOM_MUTABLE))),
            ("Required", item.get("Required").cloned().unwrap_or(Json::Bool(false))),
        ]);
        if matches!(data_type.as_str(), "String" | "Number") {
            let (key, ..) = constraints_key(&data_type);
            set(&mut reported, key, item.get(key).cloned().unwrap_or(Json::Object(Vec::new())));
        }
        schema.insert(13, reported);
    }
    pool.push(("SchemaAttributes".into(), Json::Array(schema)));
    let (created, modified) = if variant.is_multiple_of(2) {
        (Json::Number("1740902400.123".into()), Json::Number("1763633730".into()))
    } else {
        (Json::str("2025-03-02T08:00:00.123000+00:00"), Json::str("2026-11-20T10:15:30+00:00"))
    };
    pool.extend([
        ("Status".to_string(), Json::str("Enabled")),
        ("CreationDate".to_string(), created),
        ("LastModifiedDate".to_string(), modified),
        ("EstimatedNumberOfUsers".to_string(), Json::Number("1234".into())),
        ("Arn".to_string(), Json::str("arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Abc123xyz")),
    ]);
    if variant.is_multiple_of(3) {
        pool.push(("Domain".into(), Json::str("clone-me")));
        pool.push(("SmsConfigurationFailure".into(), Json::str("SNS sandbox")));
    }
    object(vec![("UserPool", Json::Object(pool))])
}

/// The request a clone should get back: the original, with the legacy messages expressed in
/// `VerificationMessageTemplate`, and Schema items as AWS stores them (type, mutability and
/// required filled in) without what CreateUserPool assumes anyway (`DeveloperOnlyAttribute:
/// false`, empty constraints, a standard attribute's own constraints).
fn expected_clone(request: &Json) -> Json {
    let mut expected = request.clone();
    let mut template = request.get("VerificationMessageTemplate").cloned();
    for (legacy, member) in [
        ("SmsVerificationMessage", "SmsMessage"),
        ("EmailVerificationMessage", "EmailMessage"),
        ("EmailVerificationSubject", "EmailSubject"),
    ] {
        if let Some(value) = request.get(legacy) {
            let t =
                template.get_or_insert_with(|| object(vec![("DefaultEmailOption", Json::str("CONFIRM_WITH_CODE"))]));
            if t.get(member).is_none() {
                set(t, member, value.clone());
            }
            expected = without(&expected, &[legacy]);
        }
    }
    if let Some(t) = template {
        set(&mut expected, "VerificationMessageTemplate", t);
    }
    if let Some(Json::Array(items)) = request.get("Schema") {
        let items = items.iter().map(|item| {
            let name = item.get("Name").and_then(Json::as_str).unwrap_or_default();
            let standard = REPORTED.iter().find(|r| r.0 == name).map(reported_standard);
            let fallback =
                |key: &str, custom: Json| standard.as_ref().and_then(|s| s.get(key).cloned()).unwrap_or(custom);
            let mut out = object(vec![("Name", Json::str(name))]);
            set(
                &mut out,
                "AttributeDataType",
                item.get("AttributeDataType")
                    .cloned()
                    .unwrap_or_else(|| fallback("AttributeDataType", Json::str("String"))),
            );
            if item.get("DeveloperOnlyAttribute") == Some(&Json::Bool(true)) {
                set(&mut out, "DeveloperOnlyAttribute", Json::Bool(true));
            }
            set(
                &mut out,
                "Mutable",
                item.get("Mutable").cloned().unwrap_or_else(|| fallback("Mutable", Json::Bool(CUSTOM_MUTABLE))),
            );
            set(
                &mut out,
                "Required",
                item.get("Required").cloned().unwrap_or_else(|| fallback("Required", Json::Bool(false))),
            );
            for key in ["NumberAttributeConstraints", "StringAttributeConstraints"] {
                if let Some(value) = item.get(key) {
                    let default = standard.as_ref().and_then(|s| s.get(key));
                    if *value != Json::Object(Vec::new()) && Some(value) != default {
                        set(&mut out, key, value.clone());
                    }
                }
            }
            out
        });
        set(&mut expected, "Schema", Json::Array(items.collect()));
    }
    normalised(&expected)
}

#[test]
fn describe_output_of_every_realistic_request_clones_back_to_it() {
    for (variant, (file, request)) in corpus().into_iter().enumerate() {
        let output = describe_output(&request, variant);
        let clone = imported(Kind::DescribeUserPool, &output.pretty());
        let got = request::to_json(&clone.form);
        assert_eq!(schema_by_name(&got), schema_by_name(&expected_clone(&request)), "{file}\n{}", got.pretty());
        // What the recipe drops is said, in words.
        let notes = &clone.notes;
        assert!(has_note(notes, "Renamed Name to PoolName; choose a new name for the clone."), "{file}: {notes:?}");
        assert!(
            has_note(notes, "Dropped Id, Status, CreationDate, LastModifiedDate, EstimatedNumberOfUsers, Arn"),
            "{file}: {notes:?}"
        );
        let standard_sent = match request.get("Schema") {
            Some(Json::Array(items)) => items
                .iter()
                .filter(|i| REPORTED.iter().any(|r| Some(r.0) == i.get("Name").and_then(Json::as_str)))
                .count(),
            _ => 0,
        };
        let left_out =
            format!("Left out {} standard attributes that have their default settings", REPORTED.len() - standard_sent);
        assert!(has_note(notes, &left_out), "{file}: {notes:?}");
        if variant.is_multiple_of(3) {
            assert!(has_note(notes, "Dropped Domain \"clone-me\""), "{file}: {notes:?}");
            assert!(has_note(notes, "SmsConfigurationFailure"), "{file}: {notes:?}");
        }
        if output.get("UserPool").and_then(|p| p.get("SmsVerificationMessage")).is_some() {
            assert!(has_note(notes, "they repeat VerificationMessageTemplate"), "{file}: {notes:?}");
        }
        // The clone is as valid as the request it came from, once it has the pool's factors:
        // describe-user-pool shows SMS MFA only (through SmsConfiguration), so a pool with MFA
        // on and no SMS configuration comes without a factor, and the notes say how to find them.
        let errors = |form: &poolsmith::value::FormValue| -> Vec<&'static str> {
            poolsmith::diagnostics(form)
                .into_iter()
                .filter(|d| d.severity == poolsmith::Severity::Error)
                .map(|d| d.rule)
                .collect()
        };
        let mut clone_form = clone.form.clone();
        let mfa_on = matches!(request.get("MfaConfiguration").and_then(Json::as_str), Some("ON" | "OPTIONAL"));
        if mfa_on && request.get("SmsConfiguration").is_none() {
            assert_eq!(errors(&clone_form), ["mfa.factor-required"], "{file}");
            assert!(has_note(notes, "get-user-pool-mfa-config"), "{file}: {notes:?}");
            let list = read(&std::path::Path::new(CORPUS).join(file.replace(".json", ".mfa")));
            let stated = MfaFactors::parse_list(list.trim()).unwrap();
            clone_form.set_mfa(MfaFactors::stated_for(&request, stated));
        }
        assert_eq!(errors(&clone_form), Vec::<&str>::new(), "{file}");
    }
}

#[test]
fn describe_output_as_yaml_clones_the_same() {
    for (variant, (file, request)) in corpus().into_iter().enumerate() {
        let output = describe_output(&request, variant);
        let mut text = String::new();
        write_yaml(&output, 0, &mut text);
        let from_yaml = imported(Kind::DescribeUserPool, &text);
        let from_json = imported(Kind::DescribeUserPool, &output.pretty());
        assert_eq!(request::to_json(&from_yaml.form), request::to_json(&from_json.form), "{file}\n{text}");
        assert_eq!(from_yaml.notes, from_json.notes, "{file}");
        assert_eq!(import::detect(&text), Kind::DescribeUserPool, "{file}");
    }
}

/// Block YAML as `aws … --output yaml` writes it: lists at their key's indentation, strings
/// plain when nothing else could read them otherwise, quoted when they look like numbers.
fn write_yaml(value: &Json, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    let scalar = |value: &Json| match value {
        Json::String(text) => {
            let plain = text.starts_with(|c: char| c.is_ascii_alphabetic())
                && text.chars().all(|c| c.is_ascii_alphanumeric() || " _./@-:".contains(c))
                && !text.contains(": ")
                && !text.ends_with([':', ' '])
                && yaml::yaml_bool(text).is_none()
                && !["null", "Null", "NULL"].contains(&text.as_str());
            if plain {
                text.clone()
            } else {
                json::quote(text)
            }
        }
        Json::Object(_) => "{}".into(),
        Json::Array(_) => "[]".into(),
        other => other.compact(),
    };
    match value {
        Json::Object(members) => {
            for (key, item) in members {
                out.push_str(&format!("{pad}{}:", scalar(&Json::str(key))));
                match item {
                    Json::Object(m) if !m.is_empty() => {
                        out.push('\n');
                        write_yaml(item, indent + 1, out);
                    }
                    Json::Array(a) if !a.is_empty() => {
                        out.push('\n');
                        write_yaml(item, indent, out);
                    }
                    _ => out.push_str(&format!(" {}\n", scalar(item))),
                }
            }
        }
        Json::Array(items) => {
            for item in items {
                match item {
                    Json::Object(m) if !m.is_empty() => {
                        let mut nested = String::new();
                        write_yaml(item, indent + 1, &mut nested);
                        out.push_str(&format!("{pad}- {}", &nested[pad.len() + 2..]));
                    }
                    _ => out.push_str(&format!("{pad}- {}\n", scalar(item))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

#[test]
fn describe_import_of_a_full_aws_cli_output_gives_the_request_and_says_what_it_dropped() {
    let clone = imported(Kind::DescribeUserPool, &read(&data("describe-acme.json")));
    let original = parse(&read(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/realistic/08-acme-fully-featured.json"),
    ));
    assert_eq!(schema_by_name(&request::to_json(&clone.form)), schema_by_name(&expected_clone(&original)));
    let expected_notes = [
        "Renamed Name to PoolName; choose a new name for the clone.",
        "Renamed SchemaAttributes to Schema.",
        "Dropped Domain \"acme-prod-auth\": a domain is not part of CreateUserPool.",
        "Dropped Id, LastModifiedDate, CreationDate, EstimatedNumberOfUsers, Arn (AWS sets them for each pool; the clone gets its own).",
        "Removed the custom: or dev: prefix from 2 attribute name(s) in Schema",
        "Left out 20 standard attributes that have their default settings",
        "Kept email in Schema",
        "Dropped SmsVerificationMessage, EmailVerificationMessage, EmailVerificationSubject: they repeat VerificationMessageTemplate",
        "Dropped VerificationMessageTemplate.EmailMessageByLink and EmailSubjectByLink: the email option is CONFIRM_WITH_CODE",
        "Dropped AdminCreateUserConfig.UnusedAccountValidityDays (3): Policies.PasswordPolicy.TemporaryPasswordValidityDays (3) replaces it",
        "get-user-pool-mfa-config --user-pool-id us-east-1_AbCdEf123",
        "LambdaConfig.PreSignUp, ",
        "LambdaConfig.KMSKeyID, EmailConfiguration.SourceArn, SmsConfiguration.SnsCallerArn, SmsConfiguration.ExternalId, SmsConfiguration.SnsRegion.",
    ];
    for note in expected_notes {
        assert!(has_note(&clone.notes, note), "missing {note:?} in {:#?}", clone.notes);
    }
    assert_eq!(clone.notes.len(), expected_notes.len() - 1, "{:#?}", clone.notes);
    assert_eq!(import::detect(&read(&data("describe-acme.json"))), Kind::DescribeUserPool);
}

#[test]
fn describe_import_takes_the_bare_pool_and_every_output_only_member() {
    // The ten output-only members of UserPoolType (research §10), bare, without {"UserPool": …}.
    let text = r#"{"Id": "eu-west-1_x", "Name": "p", "Status": "Disabled", "LastModifiedDate": 1.7e9,
        "CreationDate": "2024-01-01T00:00:00Z", "EstimatedNumberOfUsers": 0, "SmsConfigurationFailure": "x",
        "EmailConfigurationFailure": "y", "Domain": "d", "CustomDomain": "auth.example.com",
        "Arn": "arn:aws:cognito-idp:eu-west-1:1:userpool/eu-west-1_x", "UserPoolTier": "LITE"}"#;
    let clone = imported(Kind::DescribeUserPool, text);
    assert_eq!(request::to_json(&clone.form).compact(), r#"{"PoolName":"p","UserPoolTier":"LITE"}"#);
    assert!(has_note(&clone.notes, "Dropped Id, Status, LastModifiedDate, CreationDate, EstimatedNumberOfUsers, SmsConfigurationFailure, EmailConfigurationFailure, Arn (AWS sets them"), "{:#?}", clone.notes);
    assert!(has_note(&clone.notes, "Dropped Domain \"d\""));
    assert!(has_note(&clone.notes, "Dropped CustomDomain \"auth.example.com\""));
}

#[test]
fn describe_schema_prefixes_and_changed_standard_attributes() {
    let text = r#"{"UserPool": {"Name": "p", "SchemaAttributes": [
        {"Name": "sub", "AttributeDataType": "String", "DeveloperOnlyAttribute": false, "Mutable": false, "Required": true, "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "2048"}},
        {"Name": "email_verified", "AttributeDataType": "Boolean", "DeveloperOnlyAttribute": false, "Mutable": true, "Required": false},
        {"Name": "phone_number", "AttributeDataType": "String", "DeveloperOnlyAttribute": false, "Mutable": false, "Required": false, "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"}},
        {"Name": "given_name", "AttributeDataType": "String", "DeveloperOnlyAttribute": false, "Mutable": true, "Required": false, "StringAttributeConstraints": {"MinLength": "2", "MaxLength": "100"}},
        {"Name": "custom:tier", "AttributeDataType": "String", "DeveloperOnlyAttribute": false, "Mutable": true, "Required": false, "StringAttributeConstraints": {}},
        {"Name": "dev:custom:legacy", "AttributeDataType": "Number", "DeveloperOnlyAttribute": true, "Mutable": true, "Required": false, "NumberAttributeConstraints": {"MinValue": "1"}},
        {"Name": "dev:old", "AttributeDataType": "Boolean", "Mutable": false, "Required": false}
    ]}}"#;
    let clone = imported(Kind::DescribeUserPool, text);
    assert_eq!(
        request::to_json(&clone.form).get("Schema").map(Json::compact).as_deref(),
        Some(concat!(
            r#"[{"Name":"phone_number","AttributeDataType":"String","Mutable":false,"Required":false},"#,
            r#"{"Name":"given_name","AttributeDataType":"String","Mutable":true,"Required":false,"StringAttributeConstraints":{"MinLength":"2","MaxLength":"100"}},"#,
            r#"{"Name":"tier","AttributeDataType":"String","Mutable":true,"Required":false},"#,
            r#"{"Name":"legacy","AttributeDataType":"Number","DeveloperOnlyAttribute":true,"Mutable":true,"Required":false,"NumberAttributeConstraints":{"MinValue":"1"}},"#,
            r#"{"Name":"old","AttributeDataType":"Boolean","DeveloperOnlyAttribute":true,"Mutable":false,"Required":false}]"#
        ))
    );
    assert!(
        has_note(&clone.notes, "Removed the custom: or dev: prefix from 3 attribute name(s)"),
        "{:#?}",
        clone.notes
    );
    assert!(has_note(&clone.notes, "Set DeveloperOnlyAttribute for the 2 dev: attribute(s)."));
    assert!(has_note(&clone.notes, "Left out 2 standard attributes"));
    assert!(has_note(&clone.notes, "Kept phone_number, given_name in Schema"));
    // Only default attributes: no Schema at all (an empty list is not allowed).
    let clone = imported(
        Kind::DescribeUserPool,
        r#"{"Name": "p", "SchemaAttributes": [{"Name": "email", "AttributeDataType": "String", "Mutable": true, "Required": false}]}"#,
    );
    assert_eq!(request::to_json(&clone.form).compact(), r#"{"PoolName":"p"}"#);
}

#[test]
fn describe_keeps_what_differs_from_the_template_and_the_code_body_for_links() {
    let text = r#"{"UserPool": {"Name": "p",
        "EmailVerificationMessage": "Your verification code is {####}. ", "EmailVerificationSubject": "Changed later",
        "VerificationMessageTemplate": {"EmailMessage": "Your verification code is {####}. ", "EmailSubject": "Your code",
            "EmailMessageByLink": "Click {##here##}", "EmailSubjectByLink": "Verify", "DefaultEmailOption": "CONFIRM_WITH_LINK"},
        "AdminCreateUserConfig": {"UnusedAccountValidityDays": 7}}}"#;
    let clone = imported(Kind::DescribeUserPool, text);
    assert_eq!(
        request::to_json(&clone.form).compact(),
        concat!(
            r#"{"PoolName":"p","EmailVerificationSubject":"Changed later","VerificationMessageTemplate":{"EmailMessageByLink":"Click {##here##}","#,
            r#""EmailSubjectByLink":"Verify","DefaultEmailOption":"CONFIRM_WITH_LINK"},"AdminCreateUserConfig":{"UnusedAccountValidityDays":7}}"#
        ),
        "a legacy message that differs is kept; without TemporaryPasswordValidityDays, UnusedAccountValidityDays stays"
    );
    assert!(has_note(&clone.notes, "Dropped EmailVerificationMessage: they repeat"), "{:#?}", clone.notes);
    assert!(has_note(
        &clone.notes,
        "Dropped VerificationMessageTemplate.EmailMessage and EmailSubject: the email option is CONFIRM_WITH_LINK"
    ));
    assert!(!has_note(&clone.notes, "get-user-pool-mfa-config"), "no MFA note without MFA");
}

#[test]
fn describe_failures_name_the_member_and_import_nothing() {
    let text =
        "{\"UserPool\": {\n  \"Name\": \"p\",\n  \"PasskeyMagic\": {\"On\": true},\n  \"status\": \"Enabled\"\n}}";
    let problems = failed(Kind::DescribeUserPool, text);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(problems[0].rule, "import.unknown-key");
    assert_eq!(problems[0].path().map(ToString::to_string).as_deref(), Some("PasskeyMagic"));
    assert_eq!(problems[0].pos, Some(Pos { line: 3, column: 3 }));
    assert!(
        problems[0].message.starts_with(
            "PasskeyMagic is not in describe-user-pool output as Poolsmith's AWS model (botocore 1.44.8) knows it"
        ),
        "{}",
        problems[0].message
    );
    assert!(problems[1].message.ends_with("did you mean Status?"), "{}", problems[1].message);
    // Wrong types and null inside the pool, with positions.
    let problems = failed(Kind::DescribeUserPool, "{\"UserPool\": {\"Name\": \"p\",\n \"Policies\": {\"PasswordPolicy\": {\"MinimumLength\": \"8\"}},\n \"MfaConfiguration\": null}}");
    let found: Vec<(&str, String, u32)> =
        problems.iter().map(|d| (d.rule, d.path().unwrap().to_string(), d.pos.unwrap().line)).collect();
    assert_eq!(
        found,
        [
            ("import.type", "Policies.PasswordPolicy.MinimumLength".to_string(), 2),
            ("import.null", "MfaConfiguration".to_string(), 3)
        ]
    );
    // Structure.
    for (text, message) in [
        ("[1]", "describe-user-pool output must be an object like {\"UserPool\": {…}}, not a list"),
        (r#"{"UserPool": "x"}"#, "UserPool must be an object, not text"),
        (r#"{"UserPool": {}, "NextToken": "x"}"#, "describe-user-pool output holds only UserPool: remove NextToken"),
        (r#"{"UserPool": {"Name": "p"}, "UserPool": {}}"#, "UserPool appears more than once: keep one"),
        ("{\"UserPool\": {\"Name\": \"p\",}}", "trailing comma"),
        ("UserPool:\n  Name: [p", "The file is not valid YAML"),
    ] {
        let problems = failed(Kind::DescribeUserPool, text);
        assert!(problems.iter().any(|d| d.message.contains(message)), "{text}: {problems:#?}");
    }
    // boto3's ResponseMetadata is not part of the pool and not a problem.
    let clone =
        imported(Kind::DescribeUserPool, r#"{"UserPool": {"Name": "p"}, "ResponseMetadata": {"HTTPStatusCode": 200}}"#);
    assert_eq!(request::to_json(&clone.form).compact(), r#"{"PoolName":"p"}"#);
}

// ---------------------------------------------------------------------------------------------
// CloudFormation

#[test]
fn templates_exported_from_every_realistic_request_import_back_to_it() {
    let options = [
        Options::default(),
        Options { mfa: MfaFactors { sms: false, totp: true, email: true }, ..Options::default() },
        Options { mfa: MfaFactors { sms: true, totp: true, email: false }, ..Options::default() },
    ];
    for (file, request) in corpus() {
        // What CloudFormation cannot express: the export leaves it out with a note.
        let mut expected = without(&request, &["DcrConfiguration", "AcrConfiguration"]);
        // The export writes the list CloudFormation requires; an empty one means the same.
        if request.get("UserAttributeUpdateSettings") == Some(&Json::Object(Vec::new())) {
            set(
                &mut expected,
                "UserAttributeUpdateSettings",
                parse(r#"{"AttributesRequireVerificationBeforeUpdate": []}"#),
            );
        }
        for format in [Format::CloudformationYaml, Format::CloudformationJson] {
            for options in &options {
                let text = export::render(format, &request, options).text;
                let back = imported(Kind::CloudFormation, &text);
                assert_eq!(request::to_json(&back.form), normalised(&expected), "{file} {format:?}\n{text}");
                assert_eq!(import::detect(&text), Kind::CloudFormation, "{file} {format:?}");
                assert!(has_note(&back.notes, "Imported the properties of the resource UserPool."), "{file}");
                // The MFA factors come back from EnabledMfas (none are written while MFA is off).
                let mfa_on = matches!(request.get("MfaConfiguration").and_then(Json::as_str), Some("ON" | "OPTIONAL"));
                if mfa_on && options.mfa.any() {
                    assert_eq!(back.form.mfa(), options.mfa, "{file} {format:?}");
                }
            }
        }
    }
}

#[test]
fn the_reference_templates_import_to_the_reference_request() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import");
    let expected = normalised(&parse(&read(&dir.join("reference-request.json"))));
    for name in ["reference-template.yaml", "reference-template.json"] {
        let back = imported(Kind::CloudFormation, &read(&dir.join(name)));
        assert_eq!(request::to_json(&back.form), expected, "{name}");
        assert_eq!(back.form.mfa(), MfaFactors { sms: true, totp: true, email: true }, "{name}");
        for note in [
            "Kept DeletionPolicy, UpdateReplacePolicy beside the pool",
            "Renamed UserPoolName to PoolName.",
            "EnabledMfas became the MFA factors: SMS, authenticator app (TOTP) and email.",
            "Left out EmailAuthenticationMessage (\"Your Acme sign-in code is {####}.\")",
            "set-user-pool-mfa-config (EmailMfaConfiguration.Subject)",
        ] {
            assert!(has_note(&back.notes, note), "{name}: {note:?} in {:#?}", back.notes);
        }
    }
}

#[test]
fn a_hand_written_yaml_template_reads_as_written() {
    let text = read(&data("cloudformation-handwritten.yaml"));
    let back = imported(Kind::CloudFormation, &text);
    let expected = read(&data("cloudformation-handwritten.request.json"));
    assert_eq!(request::to_pretty_json(&back.form), expected);
    assert!(has_note(&back.notes, "Imported the properties of the resource ShopUsers."), "{:#?}", back.notes);
    assert!(has_note(&back.notes, "Kept DeletionPolicy beside the pool"));
    assert_eq!(import::detect(&text), Kind::CloudFormation);
}

#[test]
fn a_bare_resource_or_properties_object_imports_too() {
    let resource = "Type: AWS::Cognito::UserPool\nProperties:\n  UserPoolName: p\n  MfaConfiguration: 'OFF'\n";
    let back = imported(Kind::CloudFormation, resource);
    assert_eq!(request::to_json(&back.form).compact(), r#"{"PoolName":"p","MfaConfiguration":"OFF"}"#);
    let properties = r#"{"UserPoolName": "p", "Policies": {"PasswordPolicy": {"MinimumLength": "12", "RequireSymbols": "true"}},
        "UserPoolTags": {"n": 1, "b": false}, "Schema": [{"Name": "a", "StringAttributeConstraints": {"MaxLength": 64}}]}"#;
    let back = imported(Kind::CloudFormation, properties);
    assert_eq!(
        request::to_json(&back.form).compact(),
        r#"{"PoolName":"p","Policies":{"PasswordPolicy":{"MinimumLength":12,"RequireSymbols":true}},"UserPoolTags":{"n":"1","b":"false"},"Schema":[{"Name":"a","StringAttributeConstraints":{"MaxLength":"64"}}]}"#,
        "CloudFormation types scalars by property"
    );
    // A parameter CloudFormation has no property for is kept, and the note says the template is not deployable.
    let back = imported(Kind::CloudFormation, "UserPoolName: p\nDcrConfiguration:\n  OpenDcrEnabled: true\n");
    assert_eq!(
        request::to_json(&back.form).compact(),
        r#"{"PoolName":"p","DcrConfiguration":{"OpenDcrEnabled":true}}"#
    );
    assert!(has_note(&back.notes, "Kept DcrConfiguration (dynamic client registration): CreateUserPool takes it, but AWS::Cognito::UserPool has no such property"));
    let back = imported(Kind::CloudFormation, "Type: AWS::Cognito::UserPool\nCondition: IsProd\n");
    assert_eq!(request::to_json(&back.form).compact(), "{}");
    assert!(has_note(&back.notes, "Kept Condition beside the pool"));
    assert!(has_note(&back.notes, "The resource has no Properties."));
}

#[test]
fn intrinsic_functions_become_expressions_where_they_stand() {
    let yaml = "Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      UserPoolName: !Ref PoolName\n      LambdaConfig:\n        PreSignUp: !GetAtt Fn.Arn\n      UserPoolTags:\n        Env: !Sub '${Stage}'\n      Schema:\n        - Name: !Join ['', [a, b]]\n      AutoVerifiedAttributes:\n        - !If [IsEmail, email, !Ref AWS::NoValue]\n";
    let back = imported(Kind::CloudFormation, yaml);
    assert_eq!(
        request::to_json(&back.form).compact(),
        r#"{"PoolName":{"Ref":"PoolName"},"LambdaConfig":{"PreSignUp":{"Fn::GetAtt":["Fn","Arn"]}},"AutoVerifiedAttributes":[{"Fn::If":["IsEmail","email",{"Ref":"AWS::NoValue"}]}],"UserPoolTags":{"Env":{"Fn::Sub":"${Stage}"}},"Schema":[{"Name":{"Fn::Join":["",["a","b"]]}}]}"#
    );
    let note = back.notes.iter().find(|n| n.starts_with("Kept these values from the template as expressions")).unwrap();
    assert!(
        note.contains(
            "PoolName = !Ref PoolName; LambdaConfig.PreSignUp = !GetAtt Fn.Arn; UserPoolTags.Env = !Sub \"${Stage}\""
        ),
        "{note}"
    );
    // Each keeps its place in the file, for `check` to point at.
    let (request, at) = back.located.as_ref().unwrap();
    let place = |path: &str| request::position_of(request, at, &poolsmith::FieldPath::parse(path).unwrap()).unwrap();
    assert_eq!(place("PoolName"), Pos { line: 5, column: 7 });
    assert_eq!(place("LambdaConfig.PreSignUp"), Pos { line: 7, column: 9 });
    assert_eq!(place("AutoVerifiedAttributes[0]"), Pos { line: 13, column: 11 });
    // The long form in JSON, deep inside; a whole property that is AWS::NoValue is left unset.
    let json = "{\"Type\": \"AWS::Cognito::UserPool\", \"Properties\": {\n \"UserPoolName\": \"p\", \"MfaConfiguration\": {\"Ref\": \"AWS::NoValue\"},\n \"EmailConfiguration\": {\"SourceArn\": {\"Fn::Sub\": \"arn:aws:ses:${AWS::Region}:1:identity/x\"}}}}";
    let back = imported(Kind::CloudFormation, json);
    assert_eq!(
        request::to_json(&back.form).compact(),
        r#"{"PoolName":"p","EmailConfiguration":{"SourceArn":{"Fn::Sub":"arn:aws:ses:${AWS::Region}:1:identity/x"}}}"#
    );
    assert!(has_note(&back.notes, "Left MfaConfiguration unset: it is !Ref AWS::NoValue"), "{:#?}", back.notes);
}

/// Two constructs of deployed templates, written the way PyYAML and CloudFormation read them:
/// a block list at its key's indentation after `!If`, and one `key: value` pair inside `[ ]`.
const DEPLOYED_CONSTRUCTS: &str = "\
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: shop
      MfaConfiguration: 'OFF'
  Hook:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !If
      - IsProd
      - !GetAtt PreSignUp.Arn
      - !Ref AWS::NoValue
Outputs:
  Link:
    Value: !Join ['', [ \"<a href=\", Fn::ImportValue: !Sub \"${Stage}-console\", \">\" ]]
";

#[test]
fn templates_with_deployed_constructs_outside_the_pool_import() {
    let back = imported(Kind::CloudFormation, DEPLOYED_CONSTRUCTS);
    assert_eq!(request::to_json(&back.form).compact(), r#"{"PoolName":"shop","MfaConfiguration":"OFF"}"#);
    assert!(has_note(&back.notes, "Imported the properties of the resource Pool."), "{:#?}", back.notes);
}

/// Each problem's rule, path, line and column.
fn placed(problems: &[poolsmith::Diagnostic]) -> Vec<(&'static str, String, u32, u32)> {
    problems
        .iter()
        .map(|d| (d.rule, d.path().unwrap().to_string(), d.pos.unwrap().line, d.pos.unwrap().column))
        .collect()
}

#[test]
fn deployed_constructs_inside_the_pool_are_kept_as_expressions() {
    let text = "\
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: shop
      LambdaConfig: !If
      - IsProd
      - PreSignUp: !GetAtt PreSignUp.Arn
      - !Ref AWS::NoValue
      VerificationMessageTemplate:
        EmailMessageByLink: !Join ['', [ \"Click {##here##} or \", Fn::ImportValue: !Sub \"${Stage}-url\" ]]
";
    let back = imported(Kind::CloudFormation, text);
    assert_eq!(
        request::to_json(&back.form).compact(),
        r#"{"PoolName":"shop","LambdaConfig":{"Fn::If":["IsProd",{"PreSignUp":{"Fn::GetAtt":["PreSignUp","Arn"]}},{"Ref":"AWS::NoValue"}]},"VerificationMessageTemplate":{"EmailMessageByLink":{"Fn::Join":["",["Click {##here##} or ",{"Fn::ImportValue":{"Fn::Sub":"${Stage}-url"}}]]}}}"#
    );
}

#[test]
fn unquoted_yaml_1_1_booleans_in_text_fields_fail_with_the_fix() {
    let text = "Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      MfaConfiguration: OFF\n      UserPoolTags:\n        Env: yes\n        Kept: true\n        Quoted: 'on'\n      Policies:\n        PasswordPolicy:\n          RequireNumbers: Yes\n";
    let problems = failed(Kind::CloudFormation, text);
    let found = placed(&problems);
    assert_eq!(
        found,
        [
            ("import.yaml-boolean", "MfaConfiguration".to_string(), 5, 7),
            ("import.yaml-boolean", "UserPoolTags{Env}".to_string(), 7, 9),
        ]
    );
    assert_eq!(
        problems[0].message,
        "Write \"OFF\" in quotes: unquoted OFF is a boolean in YAML 1.1, which CloudFormation uses, so it would set MfaConfiguration to false"
    );
    assert!(
        problems[1].message.starts_with("Write \"yes\" in quotes: unquoted yes is a boolean"),
        "{}",
        problems[1].message
    );
    // Quoted, it is the enum value; a boolean field takes YAML 1.1's spellings; a plain true
    // in a text field is the text CloudFormation sends anyway.
    let quoted = text.replace("OFF", "\"OFF\"").replace("Env: yes", "Env: 'yes'");
    let back = imported(Kind::CloudFormation, &quoted);
    assert_eq!(
        request::to_json(&back.form).compact(),
        r#"{"Policies":{"PasswordPolicy":{"RequireNumbers":true}},"MfaConfiguration":"OFF","UserPoolTags":{"Env":"yes","Kept":"true","Quoted":"on"}}"#
    );
    // describe-user-pool output comes from the AWS CLI, whose YAML is 1.2: OFF is text there.
    let back = imported(Kind::DescribeUserPool, "UserPool:\n  Name: p\n  MfaConfiguration: OFF\n");
    assert_eq!(request::to_json(&back.form).compact(), r#"{"PoolName":"p","MfaConfiguration":"OFF"}"#);
}

#[test]
fn templates_with_no_pool_or_several_fail_naming_the_resources() {
    let two = "Resources:\n  A:\n    Type: AWS::Cognito::UserPool\n  Bucket:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::Cognito::UserPool\n    Properties: {UserPoolName: b}\n";
    let problems = failed(Kind::CloudFormation, two);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].rule, import::SEVERAL_POOLS);
    assert_eq!(problems[0].pos, Some(Pos { line: 1, column: 1 }));
    assert_eq!(
        problems[0].message,
        "The template defines 2 user pools (A, B): choose one (in the app: its button; on the command line: --resource NAME)"
    );
    assert_eq!(import::pool_names(Some(Kind::CloudFormation), two), ["A", "B"]);
    // Choosing one imports it; a name that is not a pool says which are.
    let b = import::import_resource(Some(Kind::CloudFormation), two, Some("B")).unwrap();
    assert_eq!(request::to_json(&b.form).compact(), r#"{"PoolName":"b"}"#);
    let problems = import::import_resource(Some(Kind::CloudFormation), two, Some("Bucket")).unwrap_err();
    assert_eq!(problems[0].message, "The template has no user pool named Bucket: choose one of A, B");
    let none = r#"{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}, "Odd": {"Properties": {}}}}"#;
    let problems = failed(Kind::CloudFormation, none);
    assert!(
        problems[0].message.starts_with(
            "The template has no AWS::Cognito::UserPool resource (it has Bucket (AWS::S3::Bucket), Odd (no Type))"
        ),
        "{}",
        problems[0].message
    );
    let problems = failed(Kind::CloudFormation, "Type: AWS::Cognito::UserPoolClient\nProperties: {}\n");
    assert_eq!(problems[0].message, "This resource is \"AWS::Cognito::UserPoolClient\", not an AWS::Cognito::UserPool");
}

#[test]
fn wrong_types_unknown_properties_and_bad_yaml_fail_with_positions() {
    let text = "UserPoolName: p\nPolicies:\n  PasswordPolicy:\n    MinimumLength: twelve\nSchema: email\nPoolName: again\nProviderURL: x\nenabledmfas: [SMS_MFA]\nUserPoolTags: [a]\nUserPoolTier: ~\n";
    let problems = failed(Kind::CloudFormation, text);
    let mut found: Vec<(&str, String, u32)> =
        problems.iter().map(|d| (d.rule, d.path().unwrap().to_string(), d.pos.unwrap().line)).collect();
    found.sort_by_key(|f| f.2);
    assert_eq!(
        found,
        [
            ("import.type", "Policies.PasswordPolicy.MinimumLength".to_string(), 4),
            ("import.type", "Schema".to_string(), 5),
            ("import.unknown-key", "PoolName".to_string(), 6),
            ("import.unknown-key", "ProviderURL".to_string(), 7),
            ("import.unknown-key", "enabledmfas".to_string(), 8),
            ("import.type", "UserPoolTags".to_string(), 9),
            ("import.null", "UserPoolTier".to_string(), 10),
        ]
    );
    let message = |path: &str| problems.iter().find(|d| d.path().unwrap().to_string() == path).unwrap().message.clone();
    assert_eq!(message("PoolName"), "AWS::Cognito::UserPool calls PoolName UserPoolName: rename it");
    assert!(message("ProviderURL").contains("a value CloudFormation returns"));
    assert!(message("enabledmfas").ends_with("did you mean EnabledMfas?"));
    assert_eq!(message("Schema"), "Schema must be a list ([…]), not text");
    for (text, part, line, column) in [
        ("Resources:\n  P:\n\tType: x\n", "Tabs cannot indent YAML", 3, 1),
        ("UserPoolName: &name p\nUserPoolTags: {Name: *name}\n", "YAML aliases (*name) are not allowed", 2, 22),
        (
            "UserPoolName: p\nUserPoolName: q\n",
            "UserPoolName appears twice in this mapping (at line 1, column 1 and at line 2, column 1)",
            2,
            1,
        ),
        ("{\"UserPoolName\": \"p\"", "not valid JSON", 1, 21),
    ] {
        let problems = failed(Kind::CloudFormation, text);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].rule, "import.syntax");
        assert!(problems[0].message.contains(part), "{text:?}: {}", problems[0].message);
        assert_eq!(problems[0].pos, Some(Pos { line, column }), "{text:?}");
    }
    let problems = failed(Kind::CloudFormation, "- a\n- b\n");
    assert!(problems[0].message.starts_with(
        "Expected a CloudFormation template, an AWS::Cognito::UserPool resource or its Properties, not a list"
    ));
}

#[test]
fn detect_tells_the_three_kinds_apart() {
    for (text, kind) in [
        (r#"{"PoolName": "p"}"#, Kind::RequestJson),
        (r#"{"PoolName": "p",}"#, Kind::RequestJson),
        (r#"{"Id": "x", "Name": "p"}"#, Kind::DescribeUserPool),
        ("UserPool:\n  Name: p\n", Kind::DescribeUserPool),
        (r#"{"UserPoolName": "p"}"#, Kind::CloudFormation),
        ("UserPoolName: p\n", Kind::CloudFormation),
        ("Type: AWS::Cognito::UserPool\n", Kind::CloudFormation),
        ("{\"Resources\": {\"P\": {\"Type\": \"AWS::Cognito::UserPool\",}}}", Kind::CloudFormation),
    ] {
        assert_eq!(import::detect(text), kind, "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// Robustness

/// Random edits from characters that matter to YAML and JSON.
fn mangle(text: &str, rng: &mut Rng) -> String {
    const ALPHABET: &[char] = &[
        ':', '-', '#', '\'', '"', '|', '>', '!', '&', '*', '[', ']', '{', '}', ',', '\n', ' ', ' ', '\t', '?', '%',
        '@', '`', '\\', 'a', '1', '.', '~', '<', '\u{feff}', '\r', 'é', '😀', '\u{85}',
    ];
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(5) {
        let at = rng.below(chars.len() + 1);
        match rng.below(5) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 => chars.insert(at, *rng.pick(ALPHABET)),
            2 => {
                let end = (at + rng.below(40)).min(chars.len());
                chars.drain(at..end);
            }
            3 => {
                // Duplicate a slice: repeated keys, deeper nesting.
                let end = (at + rng.below(60)).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                let to = rng.below(chars.len() + 1);
                chars.splice(to..to, copy);
            }
            _ => {
                // Re-indent a line.
                if let Some(line_start) = chars[..at].iter().rposition(|&c| c == '\n') {
                    chars.insert(line_start + 1, ' ');
                }
            }
        }
    }
    chars.into_iter().collect()
}

/// Mangles `seeds` `rounds` times: the YAML reader, `detect` and the importer never panic, a
/// failed import always says why, and what is imported checks and prints like any form.
fn never_panics(kind: Kind, seeds: &[String], rounds: usize, rng: &mut Rng) {
    let (mut ok, mut failed_imports) = (0, 0);
    for round in 0..rounds {
        let text = mangle(&seeds[round % seeds.len()], rng);
        let _ = yaml::parse(&text);
        let _ = import::detect(&text);
        match import::import(Some(kind), &text) {
            Ok(imported) => {
                ok += 1;
                let _ = poolsmith::diagnostics(&imported.form);
                assert!(json::parse(&request::to_pretty_json(&imported.form)).is_ok(), "round {round}");
            }
            Err(problems) => {
                failed_imports += 1;
                assert!(!problems.is_empty() && problems.iter().all(|d| !d.message.is_empty()), "round {round}");
            }
        }
    }
    // Both outcomes are exercised: small edits often leave a file importable.
    assert!(ok > rounds / 20 && failed_imports > rounds / 20, "{kind:?}: ok {ok}, failed {failed_imports}");
}

#[test]
fn the_cloudformation_importer_never_panics_on_mangled_templates() {
    let mut seeds = vec![read(&data("cloudformation-handwritten.yaml")), read(&data("reference-template.yaml"))];
    for (_, request) in corpus() {
        for format in [Format::CloudformationYaml, Format::CloudformationJson] {
            seeds.push(export::render(format, &request, &Options::default()).text);
        }
    }
    never_panics(Kind::CloudFormation, &seeds, 2000, &mut Rng::new(2026));
}

#[test]
fn the_describe_importer_never_panics_on_mangled_output() {
    let mut seeds = vec![read(&data("describe-acme.json"))];
    for (i, (_, request)) in corpus().iter().enumerate() {
        let output = describe_output(request, i);
        let mut text = String::new();
        write_yaml(&output, 0, &mut text);
        seeds.extend([output.pretty(), text]);
    }
    never_panics(Kind::DescribeUserPool, &seeds, 2000, &mut Rng::new(1126));
}

#[test]
fn the_yaml_reader_never_panics_on_garbage() {
    const PIECES: &[&str] = &[
        "a",
        ": ",
        ":",
        "- ",
        "-",
        "\n",
        "\n  ",
        "  ",
        "\t",
        "#",
        " #c",
        "'",
        "''",
        "\"",
        "\\",
        "\\u12",
        "\\x",
        "|",
        "|-",
        ">+",
        "|2",
        "[",
        "]",
        "{",
        "}",
        ",",
        "!Ref ",
        "!",
        "!!",
        "&a",
        "*a",
        "<<: ",
        "? ",
        "---",
        "...",
        "%YAML 1.1\n",
        "~",
        "yes",
        "1e5",
        "é",
        "\r\n",
        "\u{feff}",
    ];
    let mut rng = Rng::new(7);
    for _ in 0..20000 {
        let text: String = (0..rng.below(40)).map(|_| *rng.pick(PIECES)).collect();
        if let Err(error) = yaml::parse(&text) {
            assert!(error.pos.line >= 1 && error.pos.column >= 1, "{text:?}: {error:?}");
        }
    }
    // Deep nesting is refused, not a stack overflow.
    for text in
        ["[".repeat(100_000), "- ".repeat(100_000), "a:\n b: !Ref\n b: !Ref\n".to_string(), "{a: ".repeat(50_000)]
    {
        let _ = yaml::parse(&text);
    }
    let deep: String = (0..200).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    assert!(yaml::parse(&deep).unwrap_err().message.contains("nested too deeply"));
}

// ---------------------------------------------------------------------------------------------
// The command line

#[test]
fn cli_import_prints_the_request_and_notes() {
    let file = data("describe-acme.json");
    let (status, out, err) = poolsmith(&["import", "--from", "describe-user-pool", file.to_str().unwrap()], "");
    assert_eq!(status, 0, "{err}");
    let printed = parse(&out);
    assert_eq!(printed.get("PoolName"), Some(&Json::str("acme-prod-users")));
    assert!(printed.get("Id").is_none() && printed.get("SchemaAttributes").is_none());
    assert!(err.lines().all(|line| line.starts_with("note: ")), "{err}");
    assert!(err.contains("note: Renamed Name to PoolName; choose a new name for the clone.\n"), "{err}");
    assert!(!err.contains("read "), "no detection note when --from is given: {err}");
    // The output is a request: importing it again as one changes nothing.
    let (status, again, _) = poolsmith(&["import", "--from=request-json", "-"], &out);
    assert_eq!((status, again.as_str()), (0, out.as_str()));

    let yaml = read(&data("cloudformation-handwritten.yaml"));
    let (status, out, err) = poolsmith(&["import", "-"], &yaml);
    assert_eq!(status, 0, "{err}");
    assert_eq!(out, read(&data("cloudformation-handwritten.request.json")));
    assert!(
        err.starts_with("note: read <stdin> as CloudFormation template or resource (choose with --from)\n"),
        "{err}"
    );
}

#[test]
fn cli_import_exit_codes_follow_the_contract() {
    // 1: imported, but the request has errors; the request is still printed.
    let (status, out, err) = poolsmith(
        &["import", "--from", "describe-user-pool"],
        r#"{"UserPool": {"Name": "p", "MfaConfiguration": "ON"}}"#,
    );
    assert_eq!(status, 1, "{err}");
    assert_eq!(out, "{\n  \"PoolName\": \"p\",\n  \"MfaConfiguration\": \"ON\"\n}\n");
    // describe-user-pool does not show the factors: without an SMS configuration, none is known.
    assert!(err.contains("request: error[mfa.factor-required] MfaConfiguration:"), "{err}");
    assert!(err.contains("note: describe-user-pool does not show which MFA factors"), "{err}");
    // 2: nothing imported; the reasons with file, line and column; nothing on stdout.
    let template = "Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      UserPoolNme: !Sub '${AWS::StackName}-users'\n";
    let (status, out, err) = poolsmith(&["import", "--from", "cloudformation", "-"], template);
    assert_eq!((status, out.as_str()), (2, ""), "{err}");
    assert!(err.starts_with("poolsmith: nothing imported from <stdin> as CloudFormation template or resource:\n<stdin>:5:7: error[import.unknown-key] UserPoolNme: AWS::Cognito::UserPool has no property UserPoolNme: remove it, or check its spelling"), "{err}");
    let (status, _, err) = poolsmith(&["import", "--from", "request-json"], r#"{"PoolName": "p", "Id": "x"}"#);
    assert_eq!(status, 2);
    assert!(err.contains("<stdin>:1:19: error[import.unknown-key] Id:"), "{err}");
    // 2: bad usage or unreadable input.
    let (status, _, err) = poolsmith(&["import", "--from", "pulumi"], "{}");
    assert_eq!(status, 2);
    assert!(
        err.contains(
            "unknown import kind `pulumi`; use request-json, describe-user-pool, cloudformation, serverless, terraform, terraform-show-json or auto"
        ),
        "{err}"
    );
    assert_eq!(poolsmith(&["import", "--from"], "").0, 2);
    assert_eq!(poolsmith(&["import", "/no/such/template.yaml"], "").0, 2);
    assert_eq!(poolsmith(&["import", "a.json", "b.json"], "").0, 2);
    let (status, usage, _) = poolsmith(&["--help"], "");
    assert_eq!(status, 0);
    assert!(usage.contains("poolsmith import [--from KIND] [--resource NAME] [FILE|-]"), "{usage}");
}

#[test]
fn cli_import_takes_one_pool_of_several_by_logical_id() {
    let two = "Resources:\n  A:\n    Type: AWS::Cognito::UserPool\n    Properties: {UserPoolName: a}\n  B:\n    Type: AWS::Cognito::UserPool\n    Properties: {UserPoolName: b}\n";
    let (status, out, err) = poolsmith(&["import", "--resource", "B", "-"], two);
    assert_eq!((status, out.as_str()), (0, "{\n  \"PoolName\": \"b\"\n}\n"), "{err}");
    let (status, _, err) = poolsmith(&["import", "--resource", "C", "-"], two);
    assert_eq!(status, 2);
    assert!(
        err.contains("error[import.resource] Resources: The template has no user pool named C: choose one of A, B"),
        "{err}"
    );
    let (status, _, err) =
        poolsmith(&["import", "--resource", "A", "--from", "request-json", "-"], r#"{"PoolName": "p"}"#);
    assert_eq!(status, 2);
    assert!(err.contains("error[import.resource]"), "{err}");
}

#[test]
fn a_template_pool_without_a_name_is_named_by_cloudformation_not_an_error() {
    let template = "Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      AutoVerifiedAttributes: [email]\n";
    let (status, out, err) = poolsmith(&["check", "-"], template);
    assert_eq!(status, 0, "{out}{err}");
    assert!(!out.contains("model.required"), "{out}");
    assert!(err.contains("The template gives no UserPoolName, so CloudFormation names the pool"), "{err}");
    // A request still needs its name.
    let (status, out, _) = poolsmith(&["check", "-"], r#"{"AutoVerifiedAttributes": ["email"]}"#);
    assert_eq!(status, 1);
    assert!(out.contains("error[model.required] PoolName"), "{out}");
}
