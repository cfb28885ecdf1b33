//! Presets: common starting points, applied on top of the current form. Each is a partial
//! request (plus its MFA factors, when it decides MFA); applying one replaces only the fields
//! it names and reports every change it made.

use crate::export::MfaFactors;
use crate::json::Json;
use crate::request;
use crate::value::FormValue;

/// A preset.
#[derive(Debug)]
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// The MFA factors, for presets that turn MFA on (their request sets `MfaConfiguration`).
    pub mfa: Option<MfaFactors>,
}

/// The example account in ARNs that presets cannot know; the form flags nothing about them,
/// so the descriptions say to replace them.
pub const EXAMPLE_ACCOUNT: &str = "123456789012";

pub const PRESETS: [Preset; 6] = [
    Preset {
        id: "spa-email",
        title: "Single-page app, email sign-in",
        description: "Email address as the username, verified by code, case-insensitive; a 10-character password with all character classes; email recovery; deletion protection.",
        mfa: None,
    },
    Preset {
        id: "web-mfa-optional",
        title: "Web app, MFA optional",
        description: "Email sign-in with optional authenticator-app (TOTP) MFA; a 12-character password; deletion protection.",
        mfa: Some(MfaFactors { totp: true, ..MfaFactors::NONE }),
    },
    Preset {
        id: "mobile-phone-sms",
        title: "Mobile app, phone sign-in and SMS",
        description: "Phone number as the username, verified by SMS, optional SMS MFA through Amazon SNS. Replace the example SNS role ARN (account 123456789012) with your own.",
        mfa: Some(MfaFactors { sms: true, ..MfaFactors::NONE }),
    },
    Preset {
        id: "admin-only",
        title: "Admin-only (no self sign-up)",
        description: "Only administrators create users, who get a temporary password valid for 3 days; email recovery.",
        mfa: None,
    },
    Preset {
        id: "passwordless",
        title: "Passwordless (Essentials)",
        description: "Choice-based sign-in with email one-time codes and passkeys besides the password, on the Essentials plan; email through Amazon SES. Replace the example SES identity ARN (account 123456789012) with your own.",
        mfa: None,
    },
    Preset {
        id: "high-security",
        title: "High security (Plus, threat protection enforced)",
        description: "Plus plan with threat protection enforced, optional SMS and authenticator-app MFA, a 14-character password with history, email and phone recovery. Replace the example SNS role ARN (account 123456789012) with your own.",
        mfa: Some(MfaFactors { sms: true, totp: true, email: false }),
    },
];

/// The fields each preset sets, as request JSON. Apart from [`PRESETS`] because only
/// [`apply`] needs them, and the browser runs that in its helper worker: the form's first load
/// carries only the titles.
const REQUESTS: [(&str, &str); 6] = [
    (
        "spa-email",
        r#"{"Policies":{"PasswordPolicy":{"MinimumLength":10,"RequireUppercase":true,"RequireLowercase":true,"RequireNumbers":true,"RequireSymbols":true}},"DeletionProtection":"ACTIVE","AutoVerifiedAttributes":["email"],"UsernameAttributes":["email"],"VerificationMessageTemplate":{"DefaultEmailOption":"CONFIRM_WITH_CODE"},"UsernameConfiguration":{"CaseSensitive":false},"AccountRecoverySetting":{"RecoveryMechanisms":[{"Priority":1,"Name":"verified_email"}]}}"#,
    ),
    (
        "web-mfa-optional",
        r#"{"Policies":{"PasswordPolicy":{"MinimumLength":12,"RequireUppercase":true,"RequireLowercase":true,"RequireNumbers":true,"RequireSymbols":true,"TemporaryPasswordValidityDays":7}},"DeletionProtection":"ACTIVE","AutoVerifiedAttributes":["email"],"UsernameAttributes":["email"],"MfaConfiguration":"OPTIONAL","UsernameConfiguration":{"CaseSensitive":false},"AccountRecoverySetting":{"RecoveryMechanisms":[{"Priority":1,"Name":"verified_email"}]}}"#,
    ),
    (
        "mobile-phone-sms",
        r#"{"DeletionProtection":"ACTIVE","AutoVerifiedAttributes":["phone_number"],"UsernameAttributes":["phone_number"],"VerificationMessageTemplate":{"SmsMessage":"Your verification code is {####}"},"SmsAuthenticationMessage":"Your sign-in code is {####}","MfaConfiguration":"OPTIONAL","SmsConfiguration":{"SnsCallerArn":"arn:aws:iam::123456789012:role/CognitoSmsRole","ExternalId":"cognito-sms"},"UsernameConfiguration":{"CaseSensitive":false},"AccountRecoverySetting":{"RecoveryMechanisms":[{"Priority":1,"Name":"verified_phone_number"}]}}"#,
    ),
    (
        "admin-only",
        r#"{"Policies":{"PasswordPolicy":{"TemporaryPasswordValidityDays":3}},"DeletionProtection":"ACTIVE","AutoVerifiedAttributes":["email"],"UsernameAttributes":["email"],"AdminCreateUserConfig":{"AllowAdminCreateUserOnly":true},"UsernameConfiguration":{"CaseSensitive":false},"AccountRecoverySetting":{"RecoveryMechanisms":[{"Priority":1,"Name":"verified_email"}]}}"#,
    ),
    (
        "passwordless",
        r#"{"Policies":{"SignInPolicy":{"AllowedFirstAuthFactors":["PASSWORD","EMAIL_OTP","WEB_AUTHN"]}},"DeletionProtection":"ACTIVE","AutoVerifiedAttributes":["email"],"UsernameAttributes":["email"],"EmailConfiguration":{"EmailSendingAccount":"DEVELOPER","SourceArn":"arn:aws:ses:us-east-1:123456789012:identity/example.com"},"UsernameConfiguration":{"CaseSensitive":false},"UserPoolTier":"ESSENTIALS"}"#,
    ),
    (
        "high-security",
        r#"{"Policies":{"PasswordPolicy":{"MinimumLength":14,"RequireUppercase":true,"RequireLowercase":true,"RequireNumbers":true,"RequireSymbols":true,"PasswordHistorySize":24,"TemporaryPasswordValidityDays":1}},"DeletionProtection":"ACTIVE","AutoVerifiedAttributes":["email","phone_number"],"UsernameAttributes":["email"],"SmsAuthenticationMessage":"Your security code is {####}","MfaConfiguration":"OPTIONAL","SmsConfiguration":{"SnsCallerArn":"arn:aws:iam::123456789012:role/CognitoSmsRole","ExternalId":"cognito-sms"},"UserPoolAddOns":{"AdvancedSecurityMode":"ENFORCED","AdvancedSecurityAdditionalFlows":{"CustomAuthMode":"ENFORCED"}},"UsernameConfiguration":{"CaseSensitive":false},"AccountRecoverySetting":{"RecoveryMechanisms":[{"Priority":1,"Name":"verified_email"},{"Priority":2,"Name":"verified_phone_number"}]},"UserPoolTier":"PLUS"}"#,
    ),
];

/// The request JSON a preset applies.
pub fn request_of(preset: &Preset) -> &'static str {
    REQUESTS.iter().find(|(id, _)| *id == preset.id).map_or("{}", |(_, request)| *request)
}

/// One change an action made: the path and the value before and after (`None`: unset).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The preset with this id.
pub fn by_id(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// `form` with the preset's fields set (the rest kept), and what changed.
pub fn apply(form: &FormValue, preset: &Preset) -> (FormValue, Vec<Change>) {
    let (fields, _) = request::from_text(request_of(preset));
    let mut next = form.clone();
    next.merge_from(&fields);
    let mut changes = changes(&request::to_json(form), &request::to_json(&next));
    if let Some(factors) = preset.mfa.filter(|f| *f != form.mfa()) {
        next.set_mfa(factors);
        let words = |f: MfaFactors| if f.any() { f.describe() } else { "none".to_string() };
        changes.push(Change {
            path: "MFA factors".into(),
            before: Some(words(form.mfa())),
            after: Some(words(factors)),
        });
    }
    (next, changes)
}

/// Every leaf that differs between two requests (lists of scalars compare as one value).
pub fn changes(before: &Json, after: &Json) -> Vec<Change> {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    flatten(before, String::new(), &mut old);
    flatten(after, String::new(), &mut new);
    let mut out = Vec::new();
    for (path, value) in &new {
        let previous = old.iter().find(|(p, _)| p == path).map(|(_, v)| v.clone());
        if previous.as_ref() != Some(value) {
            out.push(Change { path: path.clone(), before: previous, after: Some(value.clone()) });
        }
    }
    for (path, value) in old {
        if !new.iter().any(|(p, _)| *p == path) {
            out.push(Change { path, before: Some(value), after: None });
        }
    }
    out
}

fn flatten(value: &Json, path: String, out: &mut Vec<(String, String)>) {
    match value {
        Json::Object(members) if !members.is_empty() => {
            for (key, member) in members {
                let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                flatten(member, child, out);
            }
        }
        Json::Array(items) if items.iter().any(|i| matches!(i, Json::Object(_))) => {
            for (index, item) in items.iter().enumerate() {
                flatten(item, format!("{path}[{index}]"), out);
            }
        }
        Json::String(text) => out.push((path, text.clone())),
        other => out.push((path, other.compact())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn every_preset_has_its_request() {
        for preset in PRESETS.iter() {
            assert_ne!(request_of(preset), "{}", "{}", preset.id);
        }
        assert_eq!(REQUESTS.len(), PRESETS.len());
    }

    #[test]
    fn every_preset_makes_a_request_without_errors() {
        for preset in PRESETS.iter() {
            let (form, problems) = request::from_text(r#"{"PoolName": "from-preset"}"#);
            assert!(problems.is_empty());
            let (applied, changes) = apply(&form, preset);
            let errors: Vec<_> =
                crate::diagnostics(&applied).into_iter().filter(|d| d.severity == Severity::Error).collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", preset.id);
            assert!(!changes.is_empty(), "{} changes nothing", preset.id);
            assert_eq!(
                request::to_json(&applied).get("PoolName"),
                Some(&Json::str("from-preset")),
                "{} keeps the name",
                preset.id
            );
        }
    }

    #[test]
    fn applying_reports_what_changed_and_keeps_the_rest() {
        let (form, _) = request::from_text(
            r#"{"PoolName": "p", "DeletionProtection": "INACTIVE", "UserPoolTags": {"team": "id"}, "AutoVerifiedAttributes": ["phone_number"]}"#,
        );
        let (applied, changes) = apply(&form, by_id("spa-email").unwrap());
        let json = request::to_json(&applied);
        assert_eq!(json.get("UserPoolTags"), Some(&crate::json::parse(r#"{"team": "id"}"#).unwrap().0));
        let change = |path: &str| changes.iter().find(|c| c.path == path).cloned();
        assert_eq!(
            change("DeletionProtection"),
            Some(Change {
                path: "DeletionProtection".into(),
                before: Some("INACTIVE".into()),
                after: Some("ACTIVE".into())
            })
        );
        assert_eq!(change("AutoVerifiedAttributes").unwrap().after.as_deref(), Some(r#"["email"]"#));
        assert!(change("UserPoolTags.team").is_none());
    }
}
