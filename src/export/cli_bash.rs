//! `cli-bash`: the request as an `aws cognito-idp create-user-pool` command for bash (and
//! other POSIX shells), one option per line, followed by `set-user-pool-mfa-config` when
//! authenticator-app or email MFA was asked for.
//!
//! Every value is in single quotes, where the shell expands nothing (`$`, backticks, `!`,
//! `#`, newlines are all literal); a quote inside becomes `'\''`. Lists, structures and maps
//! are JSON, which the AWS CLI reads as JSON whenever the value starts with `[` or `{`, so its
//! shorthand syntax (which splits on `,` and `=`) never sees them. Plain text options are
//! read by the CLI in two more ways that would change the value, so a text that would trip
//! them goes into a `--cli-input-json` object instead, which the CLI takes literally:
//! a leading `-` (argparse reads it as an option) and a leading `file://`, `fileb://`,
//! `http://` or `https://` (the CLI loads the file or URL in its place). Text with controls or
//! invisible characters goes there too, where JSON shows them as escapes.

use super::{literal, Export, Options};
use crate::json::Json;

/// JSON values longer than this are written one item per line.
const ONE_LINE_JSON_WIDTH: usize = 80;

/// The commands, and notes on MFA and on how this format was checked.
pub fn render(request: &Json, options: &Options) -> Export {
    let mfa = literal::mfa_config(request, options);
    let mut text = String::from(
        "#!/usr/bin/env bash\n\
         # Creates the Amazon Cognito user pool with the AWS CLI (version 1 or 2).\n\
         # The region and credentials come from your AWS CLI configuration (AWS_PROFILE, AWS_REGION).\n",
    );
    let mut create = options_for(request);
    match &mfa {
        None => write_command("aws cognito-idp create-user-pool", &create, &mut text),
        Some(config) => {
            text.push_str(
                "# CreateUserPool cannot turn on authenticator-app (TOTP) or email MFA: keep the new pool's ID,\n\
                 # then turn them on with set-user-pool-mfa-config (each command runs only if the one before worked).\n",
            );
            create.push("--query UserPool.Id --output text".to_string());
            text.push_str("user_pool_id=$(");
            write_command("aws cognito-idp create-user-pool", &create, &mut text);
            trim_end(&mut text);
            text.push_str(") &&\n");
            let mut follow_up = vec!["--user-pool-id \"$user_pool_id\"".to_string()];
            follow_up.extend(options_for(config));
            write_command("aws cognito-idp set-user-pool-mfa-config", &follow_up, &mut text);
            trim_end(&mut text);
            text.push_str(" &&\necho \"Created user pool $user_pool_id\"\n");
        }
    }
    let mut notes = vec![
        "Paste into bash or zsh, or save as create-user-pool.sh and run it with bash. Values are in single quotes, so nothing in them is expanded.".to_string(),
        "Checked with the real AWS CLI (v1, with botocore 1.44.8's Cognito model) against a local endpoint: the request it sends equals the request JSON.".to_string(),
    ];
    if text.contains("--cli-input-json") {
        notes.push("Text that the AWS CLI would otherwise misread (a leading -, or file://, https:// and similar, which it loads instead) is passed in --cli-input-json.".to_string());
    }
    notes.extend(literal::newest_parameters_note(request));
    notes.extend(literal::mfa_notes(request, options));
    Export { text, notes }
}

/// Writes `program` with one option per line, joined by `\` continuations, and a newline.
fn write_command(program: &str, options: &[String], out: &mut String) {
    out.push_str(program);
    for option in options {
        out.push_str(" \\\n  ");
        out.push_str(option);
    }
    out.push('\n');
}

/// Drops the whitespace at the end of `text`.
fn trim_end(text: &mut String) {
    text.truncate(text.trim_end().len());
}

/// One `--option value` per top-level member of `request`, plus one `--cli-input-json` for
/// the members that cannot be passed as options verbatim.
fn options_for(request: &Json) -> Vec<String> {
    let Json::Object(members) = request else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let mut literal_members = Vec::new();
    for (name, value) in members {
        let option = cli_option_name(name);
        match value {
            Json::String(text) if is_plain_text(text) => lines.push(format!("--{option} {}", shell_word(text))),
            Json::Array(items) if !items.is_empty() && items.iter().all(is_plain_word) => {
                let words: Vec<&str> = items.iter().filter_map(Json::as_str).collect();
                lines.push(format!("--{option} {}", words.join(" ")));
            }
            Json::Array(_) | Json::Object(_) => {
                let mut line = format!("--{option} ");
                push_single_quoted(&json_text(value), &mut line);
                lines.push(line);
            }
            // Numbers, booleans and misread text: the CLI's own JSON input takes them literally.
            _ => literal_members.push((name.clone(), value.clone())),
        }
    }
    if !literal_members.is_empty() {
        let mut line = "--cli-input-json ".to_string();
        push_single_quoted(&json_text(&Json::Object(literal_members)), &mut line);
        lines.push(line);
    }
    lines
}

/// JSON on one line when short, else one item per line, indented under the option.
fn json_text(value: &Json) -> String {
    // Most values are long (Schema, LambdaConfig): the text inside them alone shows it, without
    // writing the whole line first only to throw it away.
    if !literal::chars_exceed(value, ONE_LINE_JSON_WIDTH) {
        let line = literal::one_line(&literal::JSON, value);
        if line.chars().count() <= ONE_LINE_JSON_WIDTH {
            return line;
        }
    }
    literal::value(&literal::JSON, value, 1)
}

/// Whether the AWS CLI passes `text`, given as an option value, on unchanged.
fn is_plain_text(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    !text.is_empty()
        && !text.starts_with('-')
        && !["file://", "fileb://", "http://", "https://"].iter().any(|prefix| lower.starts_with(prefix))
        && !text.chars().any(literal::is_invisible)
}

/// A list item that can stand unquoted (see [`is_word`]).
fn is_plain_word(item: &Json) -> bool {
    item.as_str().is_some_and(is_word)
}

/// Text that no shell changes when it stands unquoted: enum values and simple names
/// (`email`, `OPTIONAL`, `acme-prod-users`).
fn is_word(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphanumeric())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// `text` unquoted when it is a plain word, else in single quotes.
fn shell_word(text: &str) -> String {
    if is_word(text) {
        text.to_string()
    } else {
        single_quote(text)
    }
}

/// The AWS CLI's option name for a member: `UserPoolAddOns` → `user-pool-add-ons`,
/// `KMSKeyID` → `kms-key-id`.
fn cli_option_name(member: &str) -> String {
    super::lower_words(member, '-')
}

/// `text` in POSIX single quotes: `it's` → `'it'\''s'`. No empty `''` pieces are written
/// around a quote (zsh's RC_QUOTES would read `''` inside quotes as a quote).
fn single_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_single_quoted(text, &mut out);
    out
}

/// Writes [`single_quote`]`(text)` at the end of `out`.
fn push_single_quoted(text: &str, out: &mut String) {
    if text.is_empty() {
        out.push_str("''");
        return;
    }
    for (i, piece) in text.split('\'').enumerate() {
        if i > 0 {
            out.push_str("\\'");
        }
        if !piece.is_empty() {
            out.push('\'');
            out.push_str(piece);
            out.push('\'');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::MfaFactors;
    use crate::json;

    fn request(text: &str) -> Json {
        json::parse(text).unwrap().0
    }

    #[test]
    fn single_quotes_every_awkward_class() {
        assert_eq!(single_quote("plain"), "'plain'");
        assert_eq!(single_quote(""), "''");
        assert_eq!(single_quote("it's"), r"'it'\''s'");
        assert_eq!(single_quote("'"), r"\'");
        assert_eq!(single_quote("''x'"), r"\'\''x'\'");
        let awkward = "\"\\$HOME`id`$(id)${x}%{x}#!\n\t\u{2028}é😀";
        assert_eq!(single_quote(awkward), format!("'{awkward}'"));
    }

    /// Runs `sh -c 'printf %s <quoted>'` to prove the shell gives back the exact text.
    #[test]
    #[cfg(unix)]
    fn the_shell_reads_quoted_text_back_exactly() {
        let awkward = "it's \"x\" \\ $HOME `id` $(id) ${x} %{x} # ! \n\t\u{2028} é 😀 '";
        for shell in ["bash", "sh"] {
            let script = format!("printf %s {}", single_quote(awkward));
            let Ok(output) = std::process::Command::new(shell).arg("-c").arg(&script).output() else {
                continue; // that shell is not installed
            };
            assert_eq!(String::from_utf8_lossy(&output.stdout), awkward, "{shell}");
        }
    }

    #[test]
    fn option_names_follow_the_aws_cli() {
        assert_eq!(cli_option_name("PoolName"), "pool-name");
        assert_eq!(cli_option_name("UserPoolAddOns"), "user-pool-add-ons");
        assert_eq!(cli_option_name("SmsMfaConfiguration"), "sms-mfa-configuration");
        assert_eq!(cli_option_name("KMSKeyID"), "kms-key-id");
        assert_eq!(cli_option_name("DcrConfiguration"), "dcr-configuration");
    }

    #[test]
    fn renders_one_option_per_line() {
        let r = request(
            r#"{"PoolName": "it's", "AutoVerifiedAttributes": ["email", "phone_number"],
                "UserPoolTags": {"team": "a,b=c"}, "Schema": [], "MfaConfiguration": "OFF"}"#,
        );
        let export = render(&r, &Options::default());
        assert_eq!(
            export.text.lines().skip(3).collect::<Vec<_>>(),
            [
                "aws cognito-idp create-user-pool \\",
                r"  --pool-name 'it'\''s' \",
                "  --auto-verified-attributes email phone_number \\",
                r#"  --user-pool-tags '{"team": "a,b=c"}' \"#,
                "  --schema '[]' \\",
                "  --mfa-configuration OFF",
            ]
        );
        assert!(!export.notes.iter().any(|n| n.contains("SetUserPoolMfaConfig")));
    }

    #[test]
    fn text_the_cli_would_misread_goes_into_cli_input_json() {
        let r = request(
            r#"{"PoolName": "-x", "SmsVerificationMessage": "file:///etc/passwd {####}",
                "EmailVerificationSubject": "HTTPS://example.com", "EmailVerificationMessage": "a\n{####}",
                "SmsAuthenticationMessage": "it's {####}", "AliasAttributes": ["x y"]}"#,
        );
        let text = render(&r, &Options::default()).text;
        assert!(text.contains(r"--sms-authentication-message 'it'\''s {####}'"), "{text}");
        assert!(text.contains(r#"--alias-attributes '["x y"]'"#), "{text}");
        assert!(
            text.contains(
                r#"--cli-input-json '{
    "PoolName": "-x",
    "SmsVerificationMessage": "file:///etc/passwd {####}",
    "EmailVerificationSubject": "HTTPS://example.com",
    "EmailVerificationMessage": "a\n{####}"
  }'"#
            ),
            "{text}"
        );
        assert!(!text.contains("--pool-name"), "{text}");
    }

    #[test]
    fn long_json_is_pretty_printed_inside_the_quotes() {
        let r = request(
            r#"{"PoolName": "p", "LambdaConfig": {"PreSignUp": "arn:aws:lambda:us-east-1:111122223333:function:pre-sign-up", "UserMigration": "arn:aws:lambda:us-east-1:111122223333:function:o'brien"}}"#,
        );
        let text = render(&r, &Options::default()).text;
        assert!(text.contains("  --lambda-config '{\n    \"PreSignUp\": \"arn:aws:lambda:us-east-1:111122223333:function:pre-sign-up\",\n    \"UserMigration\": \"arn:aws:lambda:us-east-1:111122223333:function:o'\\''brien\"\n  }'"), "{text}");
    }

    #[test]
    fn mfa_follow_up_uses_the_new_pool_id() {
        let r = request(
            r#"{"PoolName": "p", "MfaConfiguration": "OPTIONAL", "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::1:role/r"}}"#,
        );
        let options = Options { mfa: MfaFactors { totp: true, email: true } };
        let export = render(&r, &options);
        let text = export.text;
        assert!(text.contains("user_pool_id=$(aws cognito-idp create-user-pool \\\n  --pool-name p \\\n"), "{text}");
        assert!(text.contains("  --query UserPool.Id --output text) &&\naws cognito-idp set-user-pool-mfa-config \\\n  --user-pool-id \"$user_pool_id\" \\\n  --sms-mfa-configuration '{\"SmsConfiguration\": {\"SnsCallerArn\": \"arn:aws:iam::1:role/r\"}}' \\\n  --software-token-mfa-configuration '{\"Enabled\": true}' \\\n  --email-mfa-configuration '{}' \\\n  --mfa-configuration OPTIONAL &&\necho"), "{text}");
        assert!(export.notes.iter().any(|n| n.contains("SetUserPoolMfaConfig")));
    }

    #[test]
    fn bad_input_never_panics() {
        for text in ["[]", "null", "{}", r#"{"PoolName": 5, "X": null, "Y": true, "Z": [1, {}]}"#] {
            let export = render(&request(text), &Options { mfa: MfaFactors { totp: true, email: false } });
            assert!(export.text.starts_with("#!/usr/bin/env bash\n"));
        }
    }
}
