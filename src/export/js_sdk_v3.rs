//! `js-sdk-v3`: the request as a Node.js ES module that sends `CreateUserPoolCommand` with
//! the AWS SDK for JavaScript v3 (and `SetUserPoolMfaConfigCommand` when authenticator-app or
//! email MFA was asked for).
//!
//! The input is an object literal printed by [`literal`] with JavaScript's table: JSON-style
//! double-quoted strings (never template literals, so `${…}` is literal), bare keys only where
//! they are identifiers, and `__proto__` as a computed key so that it stays a member.

use super::{literal, Export, Options};
use crate::json::Json;

/// The module, and notes on MFA and on how this format was checked.
pub fn render(request: &Json, options: &Options) -> Export {
    let literal::Calls { create, mfa, notes: mfa_notes } = literal::calls(request, options);
    // From here on, `request` is what CreateUserPool is sent (see `crate::mfa`).
    let request = &*create;
    let mut text = super::text_starting_with(
        "// Creates the Amazon Cognito user pool with the AWS SDK for JavaScript v3 (Node.js ES module:\n\
         // save as create-user-pool.mjs, then npm install @aws-sdk/client-cognito-identity-provider).\n\
         // The region and credentials come from your AWS configuration (AWS_PROFILE, AWS_REGION).\n\
         import {\n  CognitoIdentityProviderClient,\n  CreateUserPoolCommand,\n",
    );
    if mfa.is_some() {
        text.push_str("  SetUserPoolMfaConfigCommand,\n");
    }
    text.push_str("} from \"@aws-sdk/client-cognito-identity-provider\";\n\n");
    // Written straight into the script, not built apart and copied in.
    text.push_str("const createUserPoolInput = ");
    literal::write(&literal::JAVASCRIPT, request, 0, &mut text);
    text.push_str(";\n");
    if let Some(config) = &mfa {
        text.push_str(
            "\n// CreateUserPool cannot turn on authenticator-app (TOTP) or email MFA: this follow-up does,\n\
             // for the new pool's ID.\n",
        );
        text.push_str("const setUserPoolMfaConfigInput = ");
        literal::write(&literal::JAVASCRIPT, config, 0, &mut text);
        text.push_str(";\n");
    }
    text.push_str(
        "\nconst client = new CognitoIdentityProviderClient({});\n\
         const { UserPool } = await client.send(new CreateUserPoolCommand(createUserPoolInput));\n",
    );
    if mfa.is_some() {
        text.push_str(
            "await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: UserPool.Id, ...setUserPoolMfaConfigInput }));\n",
        );
    }
    text.push_str("console.log(\"Created user pool\", UserPool.Id);\n");
    let mut notes = vec![
        "Checked with the pinned @aws-sdk/client-cognito-identity-provider against a local endpoint: the request it sends equals the request JSON.".to_string(),
    ];
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
    fn renders_an_object_literal_and_the_command() {
        let r = request(r#"{"PoolName": "p", "UserPoolTags": {"__proto__": "x", "a b": "${x} `y` '\"\\\n\u2028"}}"#);
        let export = render(&r, &Options::default());
        assert!(
            export.text.contains(
                r#"const createUserPoolInput = {
  PoolName: "p",
  UserPoolTags: {["__proto__"]: "x", "a b": "${x} `y` '\"\\\n\u2028"},
};
"#
            ),
            "{}",
            export.text
        );
        assert!(!export.text.contains("SetUserPoolMfaConfigCommand"));
    }

    #[test]
    fn mfa_follow_up_uses_the_new_pool_id() {
        let export = render(
            &request(r#"{"PoolName": "p", "MfaConfiguration": "OPTIONAL"}"#),
            &Options { mfa: MfaFactors { email: true, ..MfaFactors::NONE }, ..Options::default() },
        );
        assert!(export.text.contains("  SetUserPoolMfaConfigCommand,\n} from"));
        assert!(export.text.contains(
            "const setUserPoolMfaConfigInput = {\n  EmailMfaConfiguration: {},\n  MfaConfiguration: \"OPTIONAL\",\n};\n"
        ));
        assert!(export
            .text
            .contains("new SetUserPoolMfaConfigCommand({ UserPoolId: UserPool.Id, ...setUserPoolMfaConfigInput })"));
    }
}
