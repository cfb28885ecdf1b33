//! `request-json`: the request itself, for `aws cognito-idp create-user-pool --cli-input-json`.

use super::{Export, Options};
use crate::json::Json;

/// The pretty-printed `CreateUserPool` request; when MFA needs a second call, the notes give
/// it (`set-user-pool-mfa-config` with its JSON).
pub fn render(request: &Json, options: &Options) -> Export {
    let super::literal::Calls { create, mfa, notes: mfa_notes } = super::literal::calls(request, options);
    let mut notes = vec![
        "Use it with: aws cognito-idp create-user-pool --cli-input-json file://create-user-pool.json".to_string(),
        "Checked with the real AWS CLI (v1, with botocore 1.44.8's Cognito model) against a local endpoint: it sends exactly this request.".to_string(),
    ];
    notes.extend(super::literal::newest_parameters_note(request));
    if let Some(follow_up) = &mfa {
        let json = follow_up.compact();
        let mut call = "Then turn on MFA with the new pool's ID: aws cognito-idp set-user-pool-mfa-config --user-pool-id <the new pool's ID> --cli-input-json ".to_string();
        super::cli_bash::push_single_quoted(&json, &mut call);
        notes.push(call);
    }
    notes.extend(mfa_notes);
    let request = &*create;
    let mut text = super::text_starting_with("");
    crate::json::write_pretty(request, 0, &mut text);
    text.push('\n');
    Export { text, notes }
}
