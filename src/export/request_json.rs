//! `request-json`: the request itself, for `aws cognito-idp create-user-pool --cli-input-json`.

use super::{Export, Options};
use crate::json::Json;

/// The pretty-printed request, plus a note on MFA factors it cannot carry.
pub fn render(request: &Json, options: &Options) -> Export {
    let mut notes = vec![
        "Use it with: aws cognito-idp create-user-pool --cli-input-json file://create-user-pool.json".to_string(),
        "Checked with the real AWS CLI (v1, with botocore 1.44.8's Cognito model) against a local endpoint: it sends exactly this request.".to_string(),
    ];
    notes.extend(super::literal::newest_parameters_note(request));
    if options.mfa.totp || options.mfa.email {
        notes.push(
            "CreateUserPool only turns on SMS MFA. To turn on authenticator-app (TOTP) or email MFA, run aws cognito-idp set-user-pool-mfa-config after the pool exists (the CLI export includes it)."
                .to_string(),
        );
    }
    let mut text = super::text_starting_with("");
    crate::json::write_pretty(request, 0, &mut text);
    text.push('\n');
    Export { text, notes }
}
