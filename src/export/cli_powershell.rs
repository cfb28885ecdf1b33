//! `cli-powershell`: the request as a PowerShell script that runs
//! `aws cognito-idp create-user-pool` (and `set-user-pool-mfa-config` when authenticator-app or
//! email MFA was asked for).
//!
//! No value goes through PowerShell's native-argument passing, whose quoting of embedded `"`
//! differs between versions (`$PSNativeCommandArgumentPassing`: Legacy before 7.3, Standard or
//! Windows after): the request is a single-quoted here-string (`@'…'@`, where PowerShell
//! expands nothing), written to a temporary file and passed as `--cli-input-json file://…`.
//! The JSON is plain ASCII (other characters are `\u` escapes), so neither the file encoding
//! nor the console code page can change it, and every line starts with a space or a bracket,
//! so no line can close the here-string early; [`fits_here_string`] still checks.

use super::{literal, Export, Options};
use crate::json::Json;

/// The script, and notes on MFA and on how this format was checked.
pub fn render(request: &Json, options: &Options) -> Export {
    let literal::Calls { create, mfa, notes: mfa_notes } = literal::calls(request, options);
    // From here on, `request` is what CreateUserPool is sent (see `crate::mfa`).
    let request = &*create;
    let mut text = super::text_starting_with(
        "# Creates the Amazon Cognito user pool with the AWS CLI (version 1 or 2) from PowerShell 7\n\
         # (Windows PowerShell 5.1 works too). The region and credentials come from your AWS CLI\n\
         # configuration (AWS_PROFILE, AWS_REGION).\n\
         # The request reaches the CLI as a file (--cli-input-json), so no value goes through\n\
         # PowerShell's argument quoting. The JSON is plain ASCII: other characters are \\u escapes.\n\
         $ErrorActionPreference = 'Stop'\n",
    );
    text.push_str("$createUserPoolRequest = ");
    push_json_literal(request, &mut text);
    text.push('\n');
    if let Some(config) = &mfa {
        text.push_str(
            "# CreateUserPool cannot turn on authenticator-app (TOTP) or email MFA: this follow-up does,\n\
             # for the new pool's ID.\n",
        );
        text.push_str("$setUserPoolMfaConfigRequest = ");
        push_json_literal(config, &mut text);
        text.push('\n');
    }
    text.push_str(
        "$requestFile = New-TemporaryFile\n\
         try {\n    \
             Set-Content -LiteralPath $requestFile.FullName -Value $createUserPoolRequest -Encoding ascii\n",
    );
    if mfa.is_some() {
        text.push_str(
            "    $userPoolId = aws cognito-idp create-user-pool --cli-input-json \"file://$($requestFile.FullName)\" --query UserPool.Id --output text\n    \
                 if ($LASTEXITCODE -ne 0) { throw \"aws cognito-idp create-user-pool failed (exit code $LASTEXITCODE)\" }\n    \
                 Set-Content -LiteralPath $requestFile.FullName -Value $setUserPoolMfaConfigRequest -Encoding ascii\n    \
                 aws cognito-idp set-user-pool-mfa-config --user-pool-id $userPoolId --cli-input-json \"file://$($requestFile.FullName)\"\n    \
                 if ($LASTEXITCODE -ne 0) { throw \"aws cognito-idp set-user-pool-mfa-config failed (exit code $LASTEXITCODE)\" }\n    \
                 Write-Output \"Created user pool $userPoolId\"\n",
        );
    } else {
        text.push_str(
            "    aws cognito-idp create-user-pool --cli-input-json \"file://$($requestFile.FullName)\"\n    \
                 if ($LASTEXITCODE -ne 0) { throw \"aws cognito-idp create-user-pool failed (exit code $LASTEXITCODE)\" }\n",
        );
    }
    text.push_str("} finally {\n    Remove-Item -LiteralPath $requestFile.FullName -ErrorAction SilentlyContinue\n}\n");
    let mut notes = vec![
        "Run it in PowerShell 7 (or Windows PowerShell 5.1). The request is written to a temporary file and passed with --cli-input-json, so it behaves the same under every $PSNativeCommandArgumentPassing setting; non-ASCII text is written as \\u escapes in the JSON.".to_string(),
        "Not run in PowerShell here (no PowerShell in this build environment). Checked: the JSON in the here-strings, sent with the real AWS CLI (v1, botocore 1.44.8's model) the way the script sends it, equals the request; the quoting rules are unit-tested.".to_string(),
    ];
    notes.extend(literal::newest_parameters_note(request));
    notes.extend(mfa_notes);
    Export { text, notes }
}

/// Writes `value` as ASCII JSON in a PowerShell literal that expands nothing: a single-quoted
/// here-string, unless a line would end it early (see [`fits_here_string`]), then a
/// single-quoted string with each quote doubled. Written in place, and quoted again in the
/// rare case the here-string does not fit.
pub(crate) fn push_json_literal(value: &Json, out: &mut String) {
    const OPEN: &str = "@'\n";
    let start = out.len();
    out.push_str(OPEN);
    literal::write(&literal::JSON_ASCII, value, 0, out);
    if fits_here_string(&out[start + OPEN.len()..]) {
        out.push_str("\n'@");
    } else {
        let json = out.split_off(start + OPEN.len());
        out.truncate(start);
        push_single_quoted(&json, out);
    }
}

/// Characters PowerShell accepts as a single quote (it treats the typographic ones alike).
const SINGLE_QUOTES: [char; 5] = ['\'', '\u{2018}', '\u{2019}', '\u{201a}', '\u{201b}'];

/// Whether `text` can stand in a single-quoted here-string: no line of it starts with `'@`
/// (leading blanks allowed), which would end the here-string early, and no carriage return.
fn fits_here_string(text: &str) -> bool {
    // Such a line has an `@` (rare in the JSON): only the lines up to each `@` are looked at.
    let closes_here_string = text.match_indices('@').any(|(at, _)| {
        let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
        let mut rest = line.trim_start().chars();
        rest.next().is_some_and(|c| SINGLE_QUOTES.contains(&c)) && rest.next().is_none()
    });
    !closes_here_string && !text.contains('\r')
}

/// Writes `text` as a single-quoted string with each quote doubled.
pub(crate) fn push_single_quoted(text: &str, out: &mut String) {
    out.push('\'');
    for c in text.chars() {
        out.push(c);
        if SINGLE_QUOTES.contains(&c) {
            out.push(c);
        }
    }
    out.push('\'');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::MfaFactors;
    use crate::json;

    /// `text` as the literal [`push_json_literal`] writes for JSON of that text.
    fn text_literal(text: &str) -> String {
        if fits_here_string(text) {
            return format!("@'\n{text}\n'@");
        }
        let mut out = String::new();
        push_single_quoted(text, &mut out);
        out
    }

    /// Reads a PowerShell single-quoted literal back as PowerShell does (the subset we write).
    fn read_back(literal: &str) -> String {
        if let Some(body) = literal.strip_prefix("@'\n").and_then(|rest| rest.strip_suffix("\n'@")) {
            let closes_early = body.lines().any(|l| l.trim_start().starts_with("'@"));
            assert!(!closes_early, "a line of the here-string would close it: {literal}");
            return body.to_string();
        }
        let inner = literal.strip_prefix('\'').and_then(|rest| rest.strip_suffix('\'')).expect("quoted");
        let mut out = String::new();
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            if SINGLE_QUOTES.contains(&c) {
                assert!(chars.next().is_some_and(|d| SINGLE_QUOTES.contains(&d)), "lone quote in {literal}");
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn here_strings_hold_everything_but_a_closing_line() {
        let awkward = "it's \"x\" \\ $HOME `id` $(id) ${x} %{x} # ! @' é 😀";
        assert_eq!(text_literal(awkward), format!("@'\n{awkward}\n'@"));
        assert_eq!(read_back(&text_literal(awkward)), awkward);
        for closing in ["'@", "a\n'@", "a\n  '@ b", "a\n\u{2019}@", "x\r\ny"] {
            let literal = text_literal(closing);
            assert!(literal.starts_with('\''), "{literal}");
            assert_eq!(read_back(&literal), closing);
        }
        assert_eq!(text_literal("'@"), "'''@'");
        assert_eq!(text_literal("\u{2018}@"), "'\u{2018}\u{2018}@'");
    }

    fn request(text: &str) -> Json {
        json::parse(text).unwrap().0
    }

    /// The here-string bodies of a script, in order.
    fn payloads(script: &str) -> Vec<Json> {
        script.split("= @'\n").skip(1).map(|rest| json::parse(&rest[..rest.find("\n'@").unwrap()]).unwrap().0).collect()
    }

    #[test]
    fn the_request_is_ascii_json_in_a_here_string() {
        let r = request(
            r#"{"PoolName": "p", "EmailVerificationSubject": "'@\n'@ it's $(id) `x` é😀 \u2028\u202e",
                "UserPoolTags": {"a'b": "\"q\""}}"#,
        );
        let export = render(&r, &Options::default());
        assert!(export.text.is_ascii(), "{}", export.text);
        assert_eq!(payloads(&export.text), std::slice::from_ref(&r));
        assert!(export
            .text
            .contains("\"EmailVerificationSubject\": \"'@\\n'@ it's $(id) `x` \\u00E9\\uD83D\\uDE00 \\u2028\\u202E\""));
        assert!(export.text.contains(
            "    aws cognito-idp create-user-pool --cli-input-json \"file://$($requestFile.FullName)\"\n    if ($LASTEXITCODE -ne 0)"
        ));
        assert!(!export.text.contains("set-user-pool-mfa-config"));
        assert!(export.notes.iter().any(|n| n.contains("Not run in PowerShell")));
    }

    #[test]
    fn mfa_follow_up_uses_the_new_pool_id() {
        let r = request(r#"{"PoolName": "p", "MfaConfiguration": "ON", "SmsConfiguration": {"SnsCallerArn": "arn"}}"#);
        let export =
            render(&r, &Options { mfa: MfaFactors { sms: true, totp: true, email: true }, ..Options::default() });
        let found = payloads(&export.text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[1].compact(),
            r#"{"SmsMfaConfiguration":{"SmsConfiguration":{"SnsCallerArn":"arn"}},"SoftwareTokenMfaConfiguration":{"Enabled":true},"EmailMfaConfiguration":{},"MfaConfiguration":"ON"}"#
        );
        assert!(export.text.contains("--query UserPool.Id --output text\n"));
        assert!(export.text.contains(
            "aws cognito-idp set-user-pool-mfa-config --user-pool-id $userPoolId --cli-input-json \"file://$($requestFile.FullName)\"\n"
        ));
    }

    #[test]
    fn bad_input_never_panics() {
        for text in ["[]", "null", "{}", r#"{"PoolName": 5, "X": null}"#] {
            let export = render(
                &request(text),
                &Options { mfa: MfaFactors { email: true, ..MfaFactors::NONE }, ..Options::default() },
            );
            assert!(export.text.contains("New-TemporaryFile"));
        }
    }
}
