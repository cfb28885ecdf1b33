//! The `poolsmith` binary as scripts and CI use it: output formats and exit codes.

mod common;
use common::poolsmith;

/// A request with no errors and no best-practice warnings.
const CLEAN: &str = r#"{"PoolName": "ok", "DeletionProtection": "ACTIVE", "MfaConfiguration": "OPTIONAL", "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::111122223333:role/sms"}, "AutoVerifiedAttributes": ["phone_number"], "Policies": {"PasswordPolicy": {"MinimumLength": 12, "RequireUppercase": true, "RequireLowercase": true, "RequireNumbers": true, "RequireSymbols": true}}, "UsernameConfiguration": {"CaseSensitive": false}}"#;

fn temp_file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("poolsmith-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn fields_lists_every_path_as_tsv() {
    let (status, out, _) = poolsmith(&["fields"], "");
    assert_eq!(status, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "path\ttype\trequired\tmin\tmax\tpattern\tenum");
    assert_eq!(lines.len(), 1 + 133);
    assert!(lines.contains(&"Policies.PasswordPolicy.MinimumLength\tinteger\tfalse\t6\t99\t\t"));
    assert!(lines.contains(&"DeletionProtection\tenum\tfalse\t\t\t\tACTIVE|INACTIVE"));
    assert!(lines.iter().all(|l| l.split('\t').count() == 7));
}

#[test]
fn check_exit_codes_follow_the_contract() {
    assert_eq!(poolsmith(&["check"], CLEAN).0, 0);
    assert_eq!(poolsmith(&["check"], r#"{"PoolName": "good"}"#).0, 0, "warnings do not fail");
    assert_eq!(poolsmith(&["check"], r#"{"PoolName": "x", "MfaConfiguration": "ON"}"#).0, 1, "cross-field errors do");
    assert_eq!(poolsmith(&["check", "-"], r#"{"PoolName": ""}"#).0, 1);
    assert_eq!(poolsmith(&["check"], r#"{"PoolName": "x",}"#).0, 2, "not JSON");
    assert_eq!(poolsmith(&["check"], "[]").0, 2, "not an object");
    assert_eq!(poolsmith(&["check", "/definitely/missing.json"], "").0, 2);
    assert_eq!(poolsmith(&["check", "--frobnicate"], "").0, 2);
    let latin1 = temp_file("latin1.json", b"{\"PoolName\": \"caf\xe9\"}");
    let (status, _, err) = poolsmith(&["check", latin1.to_str().unwrap()], "");
    assert_eq!(status, 2);
    assert!(err.contains("not UTF-8"), "{err}");
}

#[test]
fn check_json_is_an_array_of_path_severity_rule_message() {
    let (status, out, _) =
        poolsmith(&["check", "--json"], "{\n \"PoolName\": \"a/b\",\n \"MfaConfiguration\": \"MAYBE\"\n}");
    assert_eq!(status, 1);
    let (value, _) = poolsmith::json::parse(&out).expect("valid JSON");
    let poolsmith::json::Json::Array(items) = value else { panic!("not an array: {out}") };
    let is_error = |item: &poolsmith::json::Json| item.get("severity").and_then(|v| v.as_str()) == Some("error");
    let items: Vec<_> = items.iter().filter(|i| is_error(i)).cloned().collect();
    assert_eq!(items.len(), 2, "{out}");
    for item in &items {
        for key in ["path", "severity", "rule", "message"] {
            assert!(item.get(key).and_then(|v| v.as_str()).is_some(), "{key} missing in {out}");
        }
    }
    assert_eq!(items[0].get("path").and_then(|v| v.as_str()), Some("MfaConfiguration"));
    assert_eq!(items[1].get("line"), Some(&poolsmith::json::Json::Number("2".into())));
    let (status, out, _) = poolsmith(&["check", "--json"], CLEAN);
    assert_eq!((status, out.trim()), (0, "[]"));
    let (status, out, _) = poolsmith(&["check", "--json"], r#"{"MfaConfiguration": "ON"}"#);
    assert_eq!(status, 1);
    assert!(out.contains("\"rule\": \"mfa.sms-configuration-required\""), "{out}");
    assert!(out.contains("\"sources\": ["), "--json carries each rule's sources: {out}");
}

#[test]
fn export_prints_the_normalised_request() {
    let input = r#"{"UserPoolTier":"PLUS","PoolName":"p","Policies":{"PasswordPolicy":{"RequireNumbers":true,"MinimumLength":12}}}"#;
    let file = temp_file("request.json", input.as_bytes());
    let (status, out, err) = poolsmith(&["export", "--format", "request-json", file.to_str().unwrap()], "");
    assert_eq!(status, 0, "{err}");
    let expected = "{\n  \"PoolName\": \"p\",\n  \"Policies\": {\n    \"PasswordPolicy\": {\n      \"MinimumLength\": 12,\n      \"RequireNumbers\": true\n    }\n  },\n  \"UserPoolTier\": \"PLUS\"\n}\n";
    assert_eq!(out, expected);
    let (status, again, _) = poolsmith(&["export", "--format=request-json", "-"], &out);
    assert_eq!((status, again.as_str()), (0, expected), "export is idempotent");
}

#[test]
fn export_with_errors_still_prints_but_reports_first() {
    let (status, out, err) = poolsmith(&["export", "--format", "request-json"], r#"{"PoolName": "a/b"}"#);
    assert_eq!(status, 1);
    assert!(err.contains("error[model.pattern] PoolName"), "{err}");
    assert!(out.contains("\"a/b\""), "{out}");
    let (status, _, err) = poolsmith(&["export", "--format", "terraformish"], "{}");
    assert_eq!(status, 2);
    assert!(err.contains("unknown format"), "{err}");
}

/// `aws cognito-idp describe-user-pool … > pool.json` in Windows PowerShell 5.1 writes UTF-16LE
/// with a byte-order mark and CRLF line ends: every command reads such a file as the UTF-8 one.
#[test]
fn files_saved_as_utf16_by_windows_powershell_read_like_utf8() {
    let describe = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/describe-acme.json");
    let utf8 = std::fs::read_to_string(&describe).unwrap();
    let utf16le = |text: &str| -> Vec<u8> {
        let crlf = text.replace('\n', "\r\n");
        [0xFF, 0xFE].into_iter().chain(crlf.encode_utf16().flat_map(u16::to_le_bytes)).collect()
    };
    let expected = poolsmith(&["import", "--from", "describe-user-pool", describe.to_str().unwrap()], "");
    assert_eq!(expected.0, 0, "{}", expected.2);
    let saved = temp_file("describe-utf16le.json", &utf16le(&utf8));
    let read = poolsmith(&["import", "--from", "describe-user-pool", saved.to_str().unwrap()], "");
    assert_eq!(read, expected);

    // Problems keep their lines and columns (the byte-order mark is not a character of line 1).
    let with_errors = "{\n  \"PoolName\": \"café\",\n  \"MfaConfiguration\": \"ON\"\n}\n";
    let request = temp_file("request-utf16le.json", &utf16le(with_errors));
    let checked = poolsmith(&["check", "--json", request.to_str().unwrap()], "");
    assert_eq!(checked, poolsmith(&["check", "--json"], with_errors));
    assert_eq!(checked.0, 1);
    assert!(checked.1.contains("\"line\": 3"), "{}", checked.1);
    let big_endian: Vec<u8> = [0xFE, 0xFF].into_iter().chain(CLEAN.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    let request = temp_file("request-utf16be.json", &big_endian);
    let (status, out, err) = poolsmith(&["export", "--format", "request-json", request.to_str().unwrap()], "");
    assert_eq!((status, out), (0, poolsmith(&["export", "--format", "request-json"], CLEAN).1), "{err}");

    // Without the byte-order mark there is no telling UTF-16 from other bytes: refused, with the fix.
    let unmarked = temp_file("request-utf16-unmarked.json", &utf16le(CLEAN)[2..]);
    let (status, out, err) = poolsmith(&["check", unmarked.to_str().unwrap()], "");
    assert_eq!((status, out.as_str()), (2, ""));
    assert_eq!(
        err,
        format!(
            "poolsmith: {} has a NUL byte at offset 1, as UTF-16 text without a byte-order mark has: save it as UTF-8\n",
            unmarked.display()
        )
    );
}
