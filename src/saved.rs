//! The draft saved in the browser (localStorage) after every change: a versioned envelope
//! around the request JSON, so a draft survives new versions of Poolsmith. Restoring keeps
//! what it can and says what it dropped; a corrupt draft never breaks the app.

use crate::export::MfaFactors;
use crate::json::{self, Json};
use crate::request;
use crate::value::FormValue;

/// The localStorage key of the draft.
pub const STORAGE_KEY: &str = "poolsmith.draft";
/// Where an unreadable draft is set aside (never thrown away).
pub const SET_ASIDE_KEY: &str = "poolsmith.draft.unreadable";
/// The envelope version this build writes.
pub const VERSION: u32 = 1;

/// The saved text for a form and its export options.
pub fn serialize(form: &FormValue, mfa: MfaFactors) -> String {
    Json::Object(vec![
        ("version".into(), Json::Number(VERSION.to_string())),
        (
            "mfa".into(),
            Json::Object(vec![("totp".into(), Json::Bool(mfa.totp)), ("email".into(), Json::Bool(mfa.email))]),
        ),
        ("request".into(), request::to_json(form)),
    ])
    .compact()
}

/// A restored draft.
#[derive(Debug, Default)]
pub struct Restored {
    pub form: FormValue,
    pub mfa: MfaFactors,
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
    if let Some(Json::Object(mfa)) = value.get("mfa") {
        let flag = |key: &str| mfa.iter().any(|(k, v)| k == key && *v == Json::Bool(true));
        out.mfa = MfaFactors { totp: flag("totp"), email: flag("email") };
    }
    // Version 0 (or a hand-made draft) may be a bare request.
    let (request, request_located) = match (value.get("request"), &value) {
        (Some(request), Json::Object(members)) => {
            let index = members.iter().position(|(k, _)| k == "request").unwrap_or(0);
            (request.clone(), located.children.get(index).cloned().unwrap_or_default())
        }
        _ => (value.clone(), located),
    };
    let (form, problems) = request::from_json(&request, &request_located);
    out.dropped.extend(problems.into_iter().map(|p| format!("Not restored: {}", p.message)));
    out.form = form;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_round_trips_with_its_mfa_choice() {
        let (form, _) = request::from_text(r#"{"PoolName": "p", "UserPoolTags": {"a": "\"$x`"}}"#);
        let text = serialize(&form, MfaFactors { totp: true, email: false });
        let restored = restore(&text);
        assert_eq!(request::to_json(&restored.form), request::to_json(&form));
        assert_eq!(restored.mfa, MfaFactors { totp: true, email: false });
        assert!(restored.dropped.is_empty() && !restored.unreadable);
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
