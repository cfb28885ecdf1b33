//! The draft saved in the browser (localStorage) after every change: a versioned envelope
//! around the request JSON, so a draft survives new versions of Poolsmith. Restoring keeps
//! what it can and says what it dropped; a corrupt draft never breaks the app.

use crate::json::{self, Json};
use crate::mfa::{self, MfaFactors};
use crate::request;
use crate::value::FormValue;

/// The localStorage key of the draft.
pub const STORAGE_KEY: &str = "poolsmith.draft";
/// Where an unreadable draft is set aside (never thrown away).
pub const SET_ASIDE_KEY: &str = "poolsmith.draft.unreadable";
/// The envelope version this build writes. Version 2 keeps every MFA factor (SMS too) as the
/// pool's choice; version 1 kept only the factors to turn on after creation.
pub const VERSION: u32 = 2;

/// The saved text for a form (its request and MFA factors).
pub fn serialize(form: &FormValue) -> String {
    Json::Object(vec![
        ("version".into(), Json::Number(VERSION.to_string())),
        ("mfa".into(), form.mfa().to_json()),
        ("request".into(), request::to_json(form)),
    ])
    .compact()
}

/// A restored draft.
#[derive(Debug, Default)]
pub struct Restored {
    pub form: FormValue,
    /// What could not be restored, in words.
    pub dropped: Vec<String>,
    /// The draft could not be read at all (the caller sets the text aside).
    pub unreadable: bool,
}

/// Restores a saved draft. Never panics; keeps what it can.
pub fn restore(text: &str) -> Restored {
    let Ok((value, located)) = json::parse(text) else {
        return Restored {
            dropped: vec!["Your saved draft could not be read, so the form starts empty. The draft was set aside in this browser's storage.".into()],
            unreadable: true,
            ..Restored::default()
        };
    };
    let mut out = Restored::default();
    let version = value.get("version").and_then(|v| match v {
        Json::Number(n) => n.parse::<u32>().ok(),
        _ => None,
    });
    if version.is_some_and(|v| v > VERSION) {
        out.dropped.push(format!(
            "Your draft was saved by a newer version of Poolsmith (format {}); anything this version does not know was left out.",
            version.unwrap_or_default()
        ));
    }
    // Version 0 (or a hand-made draft) may be a bare request.
    let (request, request_located) = match (value.get("request"), &value) {
        (Some(request), Json::Object(members)) => {
            let index = members.iter().position(|(k, _)| k == "request").unwrap_or(0);
            (request.clone(), located.children.get(index).cloned().unwrap_or_default())
        }
        _ => (value.clone(), located),
    };
    let (mut form, problems) = request::from_json(&request, &request_located);
    out.dropped.extend(problems.into_iter().map(|p| format!("Not restored: {}", p.message)));
    if let Some(factors) = value.get("mfa").filter(|_| value.get("request").is_some()) {
        let factors = MfaFactors::from_json(factors);
        if version.is_some_and(|v| v >= 2) {
            form.set_mfa(factors);
        } else {
            upgrade_version_1(&mut form, &request, factors, &mut out.dropped);
        }
    }
    out.form = form;
    out
}

/// Version 1 kept SMS implied by the request and the factors "to turn on after creation",
/// whose follow-up set MFA to OPTIONAL when the request had it off: the pool that draft
/// described has those factors on, so the restored form says so.
fn upgrade_version_1(form: &mut FormValue, request: &Json, after_creation: MfaFactors, notices: &mut Vec<String>) {
    if !after_creation.any() {
        return;
    }
    form.set_mfa(MfaFactors::stated_for(request, after_creation));
    if mfa::mode(request).is_none() {
        if let Some(field) = crate::model::by_path("MfaConfiguration") {
            form.set_text(&[crate::value::Step::Member(field.id)], "OPTIONAL");
        }
        notices.push(format!(
            "Your draft turned on {} MFA after creation: MFA configuration is now OPTIONAL, which is what that did.",
            after_creation.describe()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_round_trips_with_its_mfa_choice() {
        let (mut form, _) =
            request::from_text(r#"{"PoolName": "p", "MfaConfiguration": "ON", "UserPoolTags": {"a": "\"$x`"}}"#);
        // TOTP only, although a bare request with MFA on would mean SMS.
        form.set_mfa(MfaFactors { totp: true, ..MfaFactors::NONE });
        let restored = restore(&serialize(&form));
        assert_eq!(restored.form, form);
        assert!(restored.dropped.is_empty() && !restored.unreadable);
    }

    #[test]
    fn version_1_drafts_keep_the_pool_they_described() {
        // Version 1: TOTP "after creation" with MFA off meant an OPTIONAL pool with TOTP.
        let old = restore(r#"{"version": 1, "mfa": {"totp": true, "email": false}, "request": {"PoolName": "p"}}"#);
        assert_eq!(request::to_json(&old.form).compact(), r#"{"PoolName":"p","MfaConfiguration":"OPTIONAL"}"#);
        assert_eq!(old.form.mfa(), MfaFactors { totp: true, ..MfaFactors::NONE });
        assert_eq!(old.dropped.len(), 1, "{:?}", old.dropped);
        // SMS was implied by MFA on with an SMS configuration.
        let with_sms = restore(
            r#"{"version": 1, "mfa": {"totp": true}, "request": {"MfaConfiguration": "ON", "SmsConfiguration": {"SnsCallerArn": "a"}}}"#,
        );
        assert_eq!(with_sms.form.mfa(), MfaFactors { sms: true, totp: true, email: false });
        assert!(with_sms.dropped.is_empty());
        let sms_only = restore(r#"{"version": 1, "mfa": {"totp": false}, "request": {"MfaConfiguration": "ON"}}"#);
        assert_eq!(sms_only.form.mfa(), MfaFactors { sms: true, ..MfaFactors::NONE });
    }

    #[test]
    fn corrupt_and_old_drafts_load_what_they_can_and_say_what_was_dropped() {
        let corrupt = restore("{\"version\": 1, \"request\": {\"PoolName\": ");
        assert!(corrupt.unreadable && corrupt.form.is_empty());
        assert_eq!(corrupt.dropped.len(), 1);
        let partial = restore(r#"{"version": 1, "request": {"PoolName": "kept", "Retired": true, "Schema": 5}}"#);
        assert_eq!(request::to_json(&partial.form).compact(), r#"{"PoolName":"kept"}"#);
        assert_eq!(partial.dropped.len(), 2, "{:?}", partial.dropped);
        let newer = restore(r#"{"version": 9, "request": {"PoolName": "n"}}"#);
        assert!(newer.dropped[0].contains("newer version"));
        let bare = restore(r#"{"PoolName": "bare"}"#);
        assert_eq!(request::to_json(&bare.form).compact(), r#"{"PoolName":"bare"}"#);
    }
}
