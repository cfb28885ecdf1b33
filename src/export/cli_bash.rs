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
    let literal::Calls { create, mfa, notes: mfa_notes } = literal::calls(request, options);
    // From here on, `request` is what CreateUserPool is sent (see `crate::mfa`).
    let request = &*create;
    let mut text = super::text_starting_with(
        "#!/usr/bin/env bash\n\
         # Creates the Amazon Cognito user pool with the AWS CLI (version 1 or 2).\n\
         # The region and credentials come from your AWS CLI configuration (AWS_PROFILE, AWS_REGION).\n",
    );
    const CREATE: &str = "aws cognito-idp create-user-pool";
    match &mfa {
        None => write_command(CREATE, &[], request, &[], &mut text),
        Some(config) => {
            text.push_str(
                "# CreateUserPool cannot turn on authenticator-app (TOTP) or email MFA: keep the new pool's ID,\n\
                 # then turn them on with set-user-pool-mfa-config (each command runs only if the one before worked).\n",
            );
            text.push_str("user_pool_id=$(");
            write_command(CREATE, &[], request, &["--query UserPool.Id --output text"], &mut text);
            trim_end(&mut text);
            text.push_str(") &&\n");
            let pool_id = ["--user-pool-id \"$user_pool_id\""];
            write_command("aws cognito-idp set-user-pool-mfa-config", &pool_id, config, &[], &mut text);
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
    notes.extend(mfa_notes);
    Export { text, notes }
}

/// Writes `program` with one option per line, joined by `\` continuations, and a newline: the
/// options `before`, one per top-level member of `request` (see [`write_options`]), then
/// `after`.
fn write_command(program: &str, before: &[&str], request: &Json, after: &[&str], out: &mut String) {
    out.push_str(program);
    for option in before {
        out.push_str(CONTINUATION);
        out.push_str(option);
    }
    write_options(request, out);
    for option in after {
        out.push_str(CONTINUATION);
        out.push_str(option);
    }
    out.push('\n');
}

/// What starts each option's line.
const CONTINUATION: &str = " \\\n  ";

/// Drops the whitespace at the end of `text`.
fn trim_end(text: &mut String) {
    text.truncate(text.trim_end().len());
}

/// Writes one `--option value` line per top-level member of `request`, plus one
/// `--cli-input-json` for the members that cannot be passed as options verbatim. Written in
/// place: no line is built apart and copied.
fn write_options(request: &Json, out: &mut String) {
    let Json::Object(members) = request else { return };
    let mut literal_members = Vec::new();
    for (name, value) in members {
        let start_option = |out: &mut String| {
            out.push_str(CONTINUATION);
            out.push_str("--");
            super::push_lower_words(name, '-', out);
            out.push(' ');
        };
        match value {
            Json::String(text) if is_plain_text(text) => {
                start_option(out);
                push_shell_word(text, out);
            }
            Json::Array(items) if !items.is_empty() && items.iter().all(is_plain_word) => {
                start_option(out);
                for (i, word) in items.iter().filter_map(Json::as_str).enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(word);
                }
            }
            Json::Array(_) | Json::Object(_) => {
                start_option(out);
                push_quoted_json(value, out);
            }
            // Numbers, booleans and misread text: the CLI's own JSON input takes them literally.
            _ => literal_members.push((name.clone(), value.clone())),
        }
    }
    if !literal_members.is_empty() {
        out.push_str(CONTINUATION);
        out.push_str("--cli-input-json ");
        push_quoted_json(&Json::Object(literal_members), out);
    }
}

/// Writes `value` as JSON in single quotes: on one line when short, else one item per line,
/// indented under the option.
pub(crate) fn push_quoted_json(value: &Json, out: &mut String) {
    let start = out.len();
    out.push('\'');
    // Most values are long (Schema, LambdaConfig): the text inside them alone shows it, without
    // writing the whole line first only to throw it away.
    let one_line = !literal::chars_exceed(value, ONE_LINE_JSON_WIDTH)
        && literal::write_one_line_within(&literal::JSON, value, ONE_LINE_JSON_WIDTH, out);
    if !one_line {
        literal::write(&literal::JSON, value, 1, out);
    }
    if out[start + 1..].contains('\'') {
        // Rare (a quote in a value): quoted again piece by piece.
        let json = out.split_off(start + 1);
        out.truncate(start);
        push_single_quoted(&json, out);
    } else {
        out.push('\'');
    }
}

/// Whether the AWS CLI passes `text`, given as an option value, on unchanged.
fn is_plain_text(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    !text.is_empty()
        && !text.starts_with('-')
        && !["file://", "fileb://", "http://", "https://"].iter().any(|prefix| lower.starts_with(prefix))
        && !text.chars().any(crate::invisible::is_invisible)
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

/// Writes `text` unquoted when it is a plain word, else in single quotes.
fn push_shell_word(text: &str, out: &mut String) {
    if is_word(text) {
        out.push_str(text);
    } else {
        push_single_quoted(text, out);
    }
}

/// Writes `text` in POSIX single quotes: `it's` → `'it'\''s'`. No empty `''` pieces are
/// written around a quote (zsh's RC_QUOTES would read `''` inside quotes as a quote).
pub(crate) fn push_single_quoted(text: &str, out: &mut String) {
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

    fn single_quote(text: &str) -> String {
        let mut out = String::new();
        push_single_quoted(text, &mut out);
        out
    }

    /// The AWS CLI's option name for a member.
    fn cli_option_name(member: &str) -> String {
        crate::export::lower_words(member, '-')
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

    /// Runs `bash -c 'printf %s <quoted>'` and the same with `sh` to prove each shell gives back
    /// the exact text. Both shells are on every machine the tests run on (Debian: bash is
    /// essential, sh is dash), so a missing one fails the test rather than skipping it.
    #[test]
    #[cfg(unix)]
    fn the_shell_reads_quoted_text_back_exactly() {
        let awkward = "it's \"x\" \\ $HOME `id` $(id) ${x} %{x} # ! \n\t\u{2028} é 😀 '";
        for shell in ["bash", "sh"] {
            let script = format!("printf %s {}", single_quote(awkward));
            let output = std::process::Command::new(shell).arg("-c").arg(&script).output().unwrap_or_else(|error| {
                panic!("cannot run {shell} ({error}): this test needs bash and sh, which every Debian machine has")
            });
            assert!(output.status.success(), "{shell} failed: {}", String::from_utf8_lossy(&output.stderr));
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
        let options = Options { mfa: MfaFactors { sms: true, totp: true, email: true }, ..Options::default() };
        let export = render(&r, &options);
        let text = export.text;
        assert!(text.contains("user_pool_id=$(aws cognito-idp create-user-pool \\\n  --pool-name p \\\n"), "{text}");
        assert!(text.contains("  --query UserPool.Id --output text) &&\naws cognito-idp set-user-pool-mfa-config \\\n  --user-pool-id \"$user_pool_id\" \\\n  --sms-mfa-configuration '{\"SmsConfiguration\": {\"SnsCallerArn\": \"arn:aws:iam::1:role/r\"}}' \\\n  --software-token-mfa-configuration '{\"Enabled\": true}' \\\n  --email-mfa-configuration '{}' \\\n  --mfa-configuration OPTIONAL &&\necho"), "{text}");
        assert!(export.notes.iter().any(|n| n.contains("SetUserPoolMfaConfig")));
    }

    #[test]
    fn bad_input_never_panics() {
        for text in ["[]", "null", "{}", r#"{"PoolName": 5, "X": null, "Y": true, "Z": [1, {}]}"#] {
            let export = render(
                &request(text),
                &Options { mfa: MfaFactors { totp: true, ..MfaFactors::NONE }, ..Options::default() },
            );
            assert!(export.text.starts_with("#!/usr/bin/env bash\n"));
        }
    }
}
