//! The MFA choice as a person makes it (OFF, OPTIONAL or ON, with SMS, an authenticator app or
//! email as factors), carried whole by every format, the command line, presets and share links.
//! The most common pool of all, optional authenticator-app MFA without SMS, must be valid and
//! say TOTP in every export.

mod common;
use common::poolsmith;

use poolsmith::export::{self, Format, Options};
use poolsmith::json::Json;
use poolsmith::mfa::MfaFactors;
use poolsmith::{presets, request, share, Severity};

const TOTP_OPTIONAL: &str = r#"{"PoolName": "web", "MfaConfiguration": "OPTIONAL"}"#;

/// What each format must contain for an OPTIONAL pool with the authenticator app as its only
/// factor: the mode, TOTP, and (for the API formats) CreateUserPool sent with MFA off.
fn says_optional_totp(format: Format, text: &str) -> Vec<&'static str> {
    let expected: &[&str] = match format {
        Format::RequestJson => &["\"MfaConfiguration\": \"OFF\""],
        Format::CliBash => &[
            "  --mfa-configuration OFF",
            "aws cognito-idp set-user-pool-mfa-config",
            "--software-token-mfa-configuration '{\"Enabled\": true}'",
            "--mfa-configuration OPTIONAL",
        ],
        Format::CliPowershell => &[
            "  \"MfaConfiguration\": \"OFF\"",
            "  \"SoftwareTokenMfaConfiguration\": {\"Enabled\": true},\n  \"MfaConfiguration\": \"OPTIONAL\"\n}\n'@",
            "aws cognito-idp set-user-pool-mfa-config",
        ],
        Format::CloudformationYaml => {
            &["MfaConfiguration: OPTIONAL\n      EnabledMfas:\n        - SOFTWARE_TOKEN_MFA\n"]
        }
        Format::CloudformationJson => &["\"MfaConfiguration\": \"OPTIONAL\",", "\"EnabledMfas\": [\n"],
        Format::Terraform => {
            &["mfa_configuration", "\"OPTIONAL\"", "software_token_mfa_configuration {", "enabled = true"]
        }
        Format::CdkTs => &["mfaConfiguration: \"OPTIONAL\"", "enabledMfas: [\"SOFTWARE_TOKEN_MFA\"]"],
        Format::Boto3 => &[
            "\"MfaConfiguration\": \"OFF\"",
            "\"SoftwareTokenMfaConfiguration\": {\"Enabled\": True}",
            "\"MfaConfiguration\": \"OPTIONAL\"",
            "client.set_user_pool_mfa_config(",
        ],
        Format::JsSdkV3 => &[
            "MfaConfiguration: \"OFF\"",
            "SoftwareTokenMfaConfiguration: {Enabled: true}",
            "MfaConfiguration: \"OPTIONAL\"",
            "new SetUserPoolMfaConfigCommand(",
        ],
        Format::Paws => &[
            "MfaConfiguration = \"OFF\"",
            "SoftwareTokenMfaConfiguration = list(Enabled = TRUE)",
            "MfaConfiguration = \"OPTIONAL\"",
            "svc$set_user_pool_mfa_config(",
        ],
    };
    expected.iter().copied().filter(|needle| !text.contains(needle)).collect()
}

#[test]
fn optional_totp_without_sms_is_valid_and_every_format_turns_totp_on() {
    // A bare request with MFA on means SMS (what CreateUserPool does): without an SMS
    // configuration that is an error, which --mfa answers by naming the factor.
    let (status, out, _) = poolsmith(&["check", "-"], TOTP_OPTIONAL);
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("error[mfa.sms-configuration-required] MfaConfiguration"), "{out}");
    let (status, out, _) = poolsmith(&["check", "--mfa", "totp", "-"], TOTP_OPTIONAL);
    assert_eq!(status, 0, "{out}");
    assert!(!out.contains("error["), "{out}");

    for format in Format::ALL {
        let (status, text, notes) =
            poolsmith(&["export", "--format", format.id(), "--mfa", "totp", "-"], TOTP_OPTIONAL);
        assert_eq!(status, 0, "{}: {notes}", format.id());
        let missing = says_optional_totp(format, &text);
        assert!(missing.is_empty(), "{} lacks {missing:?}:\n{text}\n{notes}", format.id());
    }
    // The request JSON's notes give the follow-up call.
    let (_, _, notes) = poolsmith(&["export", "--format", "request-json", "--mfa", "totp", "-"], TOTP_OPTIONAL);
    assert!(
        notes.contains("aws cognito-idp set-user-pool-mfa-config --user-pool-id <the new pool's ID> --cli-input-json '{\"SoftwareTokenMfaConfiguration\":{\"Enabled\":true},\"MfaConfiguration\":\"OPTIONAL\"}'"),
        "{notes}"
    );
}

#[test]
fn required_mfa_with_every_factor_creates_with_sms_and_repeats_it() {
    let request = r#"{"PoolName": "all", "UserPoolTier": "ESSENTIALS", "MfaConfiguration": "ON",
        "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::111122223333:role/sms"},
        "EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "arn:aws:ses:us-east-1:111122223333:identity/example.com"},
        "AutoVerifiedAttributes": ["email", "phone_number"]}"#;
    let (status, out, _) = poolsmith(&["check", "--mfa", "sms,totp,email", "-"], request);
    assert_eq!(status, 0, "{out}");
    let (_, cloudformation, _) =
        poolsmith(&["export", "--format", "cloudformation-yaml", "--mfa", "totp,email", "-"], request);
    assert!(
        cloudformation
            .contains("MfaConfiguration: \"ON\"\n      EnabledMfas:\n        - SMS_MFA\n        - SOFTWARE_TOKEN_MFA\n        - EMAIL_OTP\n"),
        "{cloudformation}"
    );
    let (_, bash, _) = poolsmith(&["export", "--format", "cli-bash", "--mfa", "sms,totp,email", "-"], request);
    assert!(bash.contains("  --mfa-configuration ON \\\n"), "CreateUserPool turns on SMS itself:\n{bash}");
    assert!(bash.contains("--sms-mfa-configuration '{\"SmsConfiguration\":"), "{bash}");
    assert!(bash.contains("--email-mfa-configuration '{}'"), "{bash}");
    // Email MFA without SES or on Lite: errors that name the fix.
    let lite = request.replace("ESSENTIALS", "LITE");
    let (status, out, _) = poolsmith(&["check", "--mfa", "email", "-"], &lite);
    assert_eq!(status, 1);
    assert!(out.contains("error[mfa.email-needs-essentials] UserPoolTier"), "{out}");
}

#[test]
fn mfa_lists_are_checked_on_the_command_line() {
    let (status, _, err) = poolsmith(&["export", "--format", "terraform", "--mfa", "totp,push", "-"], TOTP_OPTIONAL);
    assert_eq!(status, 2);
    assert!(err.contains("unknown MFA factor `push`"), "{err}");
    // No factor while MFA is on: the error says to choose one.
    let (status, out, _) = poolsmith(&["check", "--mfa", "none", "-"], TOTP_OPTIONAL);
    assert_eq!(status, 1);
    assert!(
        out.contains(
            "error[mfa.factor-required] MfaConfiguration: MFA configuration OPTIONAL needs at least one factor"
        ),
        "{out}"
    );
}

/// Every export of a form, as the app and the worker make them.
fn exports(form: &poolsmith::FormValue) -> Vec<(Format, String)> {
    let request = request::to_json(form);
    let options = Options { mfa: form.mfa(), ..Options::default() };
    Format::ALL.into_iter().map(|format| (format, export::render(format, &request, &options).text)).collect()
}

#[test]
fn the_mfa_optional_preset_and_its_share_link_give_totp_in_every_format() {
    let (named, _) = request::from_text(r#"{"PoolName": "web"}"#);
    let preset = presets::by_id("web-mfa-optional").unwrap();
    let (form, changes) = presets::apply(&named, preset);
    assert!(changes.iter().any(|c| c.path == "MFA factors"), "{changes:?}");
    let errors: Vec<_> = poolsmith::diagnostics(&form).into_iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for (format, text) in exports(&form) {
        let missing = says_optional_totp(format, &text);
        assert!(missing.is_empty(), "{} lacks {missing:?}:\n{text}", format.id());
    }
    // The link carries the factors; opened, it makes the same exports.
    let link = format!("#{}", share::fragment(&form));
    let text = share::request_text(&link).unwrap().unwrap();
    let (mut opened, _) = request::from_text(&text);
    if let Some(factors) = share::factors(&link) {
        opened.set_mfa(factors);
    }
    assert_eq!(opened.mfa(), MfaFactors { totp: true, ..MfaFactors::NONE });
    assert_eq!(exports(&opened), exports(&form));
}

#[test]
fn importing_a_template_keeps_its_factors_for_check_and_export() {
    let template = "Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      UserPoolName: web\n      MfaConfiguration: OPTIONAL\n      EnabledMfas:\n        - SOFTWARE_TOKEN_MFA\n";
    let (status, request, err) = poolsmith(&["import", "-"], template);
    assert_eq!(status, 0, "{err}");
    assert!(err.contains("check and export it with --mfa totp"), "{err}");
    let parsed: Json = poolsmith::json::parse(&request).unwrap().0;
    assert_eq!(parsed.get("MfaConfiguration"), Some(&Json::str("OPTIONAL")));
}
