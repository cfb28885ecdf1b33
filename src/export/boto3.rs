//! `boto3`: the request as a Python script that calls `create_user_pool` with boto3 (and
//! `set_user_pool_mfa_config` when authenticator-app or email MFA was asked for).
//!
//! The request is a dictionary literal printed by [`literal`] with Python's table: plain
//! double-quoted strings (never f-strings, so `{…}` is literal), `True`/`False`/`None`, and
//! escapes for quotes, backslashes and invisible characters. Python 3 reads source as UTF-8,
//! so other text stays as typed.

use super::{literal, Export, Options};
use crate::json::Json;

/// The script, and notes on MFA and on how this format was checked.
pub fn render(request: &Json, options: &Options) -> Export {
    let literal::Calls { create, mfa, notes: mfa_notes } = literal::calls(request, options);
    // From here on, `request` is what CreateUserPool is sent (see `crate::mfa`).
    let request = &*create;
    let mut text = super::text_starting_with(
        "\"\"\"Creates the Amazon Cognito user pool with boto3 (pip install boto3).\n\n\
         The region and credentials come from your AWS configuration (AWS_PROFILE, AWS_REGION).\n\"\"\"\n\n\
         import boto3\n\n",
    );
    // Written straight into the script, not built apart and copied in.
    text.push_str("CREATE_USER_POOL = ");
    literal::write(&literal::PYTHON, request, 0, &mut text);
    text.push('\n');
    if let Some(config) = &mfa {
        text.push_str(
            "\n# CreateUserPool cannot turn on authenticator-app (TOTP) or email MFA: this follow-up does,\n\
             # for the new pool's ID.\n",
        );
        text.push_str("SET_USER_POOL_MFA_CONFIG = ");
        literal::write(&literal::PYTHON, config, 0, &mut text);
        text.push('\n');
    }
    text.push_str(
        "\n\ndef main():\n    \
             client = boto3.client(\"cognito-idp\")\n    \
             user_pool_id = client.create_user_pool(**CREATE_USER_POOL)[\"UserPool\"][\"Id\"]\n",
    );
    if mfa.is_some() {
        text.push_str("    client.set_user_pool_mfa_config(UserPoolId=user_pool_id, **SET_USER_POOL_MFA_CONFIG)\n");
    }
    text.push_str("    print(\"Created user pool\", user_pool_id)\n\n\nif __name__ == \"__main__\":\n    main()\n");
    let mut notes =
        vec!["Checked with boto3 1.44.8 against a local endpoint: the request it sends equals the request JSON."
            .to_string()];
    notes.extend(literal::newest_parameters_note(request));
    notes.extend(mfa_notes);
    Export { text, notes }
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
    fn renders_a_dictionary_and_the_call() {
        let r = request(
            r#"{"PoolName": "it's \"$(id)\" `x` ${y} %{z} #!\\", "DeviceConfiguration": {"ChallengeRequiredOnNewDevice": false},
                "EmailVerificationMessage": "a\n{####}\u2028😀"}"#,
        );
        let export = render(&r, &Options::default());
        assert!(
            export.text.contains(
                r#"CREATE_USER_POOL = {
    "PoolName": "it's \"$(id)\" `x` ${y} %{z} #!\\",
    "DeviceConfiguration": {"ChallengeRequiredOnNewDevice": False},
    "EmailVerificationMessage": "a\n{####}\u2028😀",
}
"#
            ),
            "{}",
            export.text
        );
        assert!(export
            .text
            .contains("user_pool_id = client.create_user_pool(**CREATE_USER_POOL)[\"UserPool\"][\"Id\"]\n"));
        assert!(!export.text.contains("set_user_pool_mfa_config"));
    }

    #[test]
    fn mfa_follow_up_uses_the_new_pool_id() {
        let r = request(r#"{"PoolName": "p", "MfaConfiguration": "OPTIONAL"}"#);
        let export =
            render(&r, &Options { mfa: MfaFactors { totp: true, email: true, sms: false }, ..Options::default() });
        assert!(export.text.contains(
            "SET_USER_POOL_MFA_CONFIG = {\n    \"SoftwareTokenMfaConfiguration\": {\"Enabled\": True},\n    \"EmailMfaConfiguration\": {},\n    \"MfaConfiguration\": \"OPTIONAL\",\n}\n"
        ), "{}", export.text);
        assert!(export
            .text
            .contains("    client.set_user_pool_mfa_config(UserPoolId=user_pool_id, **SET_USER_POOL_MFA_CONFIG)\n"));
        assert!(export.notes.iter().any(|n| n.contains("OPTIONAL")));
        // SMS is not a factor, so CreateUserPool is sent with MFA off.
        assert!(export.text.contains("    \"MfaConfiguration\": \"OFF\",\n"), "{}", export.text);
    }
}
