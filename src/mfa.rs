//! The MFA decision: whether users need a second factor (`MfaConfiguration` OFF, OPTIONAL or
//! ON) and which factors they can use (SMS, an authenticator app, email), as one choice.
//!
//! `CreateUserPool` can only turn on SMS MFA: with `MfaConfiguration` ON or OPTIONAL it
//! switches on SMS and then needs an `SmsConfiguration` (the model's documentation of
//! `MfaConfiguration`). Authenticator apps (TOTP) and email codes exist only in
//! `SetUserPoolMfaConfig`
//! (<https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html>),
//! CloudFormation's `EnabledMfas` and Terraform's `software_token_mfa_configuration` /
//! `email_mfa_configuration` blocks. So the pool a person wants is the form (with the mode
//! they chose in `MfaConfiguration`) plus the [`MfaFactors`] kept beside it, and each output
//! says it its own way:
//! - request JSON, CLI and SDKs: [`create_request`] (what `CreateUserPool` accepts: MFA left
//!   OFF there when SMS is not a factor) then [`follow_up`] (`SetUserPoolMfaConfig` with the
//!   mode and every factor);
//! - CloudFormation and CDK: `MfaConfiguration` + `EnabledMfas` ([`MfaFactors::enabled_mfas`]);
//! - Terraform: `mfa_configuration` and its factor blocks.

use crate::json::Json;

/// The factors a pool with MFA turned on offers its users.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct MfaFactors {
    /// Codes by text message (`SMS_MFA`); needs an `SmsConfiguration`.
    pub sms: bool,
    /// Authenticator apps (TOTP, `SOFTWARE_TOKEN_MFA`).
    pub totp: bool,
    /// Email one-time codes (`EMAIL_OTP`; Essentials or Plus, email through Amazon SES).
    pub email: bool,
}

/// Each factor: its id (CLI `--mfa`, share links, drafts), its CloudFormation `EnabledMfas`
/// value and its name in messages.
const FACTORS: [(&str, &str, &str); 3] = [
    ("sms", "SMS_MFA", "SMS"),
    ("totp", "SOFTWARE_TOKEN_MFA", "authenticator app (TOTP)"),
    ("email", "EMAIL_OTP", "email"),
];

impl MfaFactors {
    /// No factor.
    pub const NONE: MfaFactors = MfaFactors { sms: false, totp: false, email: false };

    /// Whether any factor is chosen.
    pub fn any(self) -> bool {
        self.sms || self.totp || self.email
    }

    fn flags(self) -> [bool; 3] {
        [self.sms, self.totp, self.email]
    }

    fn from_flags([sms, totp, email]: [bool; 3]) -> MfaFactors {
        MfaFactors { sms, totp, email }
    }

    /// Both sets together.
    pub fn union(self, other: MfaFactors) -> MfaFactors {
        MfaFactors { sms: self.sms || other.sms, totp: self.totp || other.totp, email: self.email || other.email }
    }

    /// The chosen factors' ids, in a fixed order: `["sms", "totp"]`.
    pub fn ids(self) -> Vec<&'static str> {
        FACTORS.iter().zip(self.flags()).filter(|(_, on)| *on).map(|(f, _)| f.0).collect()
    }

    /// CloudFormation's `EnabledMfas` values of the chosen factors.
    pub fn enabled_mfas(self) -> Vec<&'static str> {
        FACTORS.iter().zip(self.flags()).filter(|(_, on)| *on).map(|(f, _)| f.1).collect()
    }

    /// The chosen factors in words: "SMS and authenticator app (TOTP)".
    pub fn describe(self) -> String {
        let names: Vec<String> =
            FACTORS.iter().zip(self.flags()).filter(|(_, on)| *on).map(|(f, _)| f.2.to_string()).collect();
        crate::rules::and_list(&names)
    }

    /// Reads a comma-separated list of ids (`totp,email`); `none` or an empty list is no
    /// factor. The error names the unknown id and the ones that exist.
    pub fn parse_list(list: &str) -> Result<MfaFactors, String> {
        let mut flags = [false; 3];
        for id in list.split(',').map(str::trim).filter(|id| !id.is_empty() && *id != "none") {
            match FACTORS.iter().position(|f| f.0 == id) {
                Some(index) => flags[index] = true,
                None => return Err(format!("unknown MFA factor `{id}`: use sms, totp and email, separated by commas")),
            }
        }
        Ok(MfaFactors::from_flags(flags))
    }

    /// Reads CloudFormation's `EnabledMfas` values; unknown ones come back by name.
    pub fn from_enabled_mfas<'a>(values: impl IntoIterator<Item = &'a str>) -> (MfaFactors, Vec<&'a str>) {
        let mut flags = [false; 3];
        let mut unknown = Vec::new();
        for value in values {
            match FACTORS.iter().position(|f| f.1 == value) {
                Some(index) => flags[index] = true,
                None => unknown.push(value),
            }
        }
        (MfaFactors::from_flags(flags), unknown)
    }

    /// `{"sms": true, "totp": false, "email": false}`: drafts and the worker protocol.
    pub fn to_json(self) -> Json {
        Json::Object(FACTORS.iter().zip(self.flags()).map(|(f, on)| (f.0.to_string(), Json::Bool(on))).collect())
    }

    /// Reads [`MfaFactors::to_json`]; a missing or non-`true` member is off.
    pub fn from_json(value: &Json) -> MfaFactors {
        MfaFactors::from_flags(FACTORS.map(|f| value.get(f.0) == Some(&Json::Bool(true))))
    }

    /// What a request alone says: `CreateUserPool` with MFA ON or OPTIONAL turns on SMS MFA,
    /// so a bare request (an imported file, `poolsmith check` without `--mfa`) means SMS.
    pub fn implied_by(request: &Json) -> MfaFactors {
        MfaFactors { sms: mode(request).is_some(), ..MfaFactors::NONE }
    }

    /// The factors of a request with factors stated beside it (`--mfa`, `EnabledMfas`): the
    /// stated ones, plus SMS when the request itself turns it on (MFA on and an SMS
    /// configuration), which keeps SMS MFA that a request already had.
    pub fn stated_for(request: &Json, stated: MfaFactors) -> MfaFactors {
        let sms = mode(request).is_some() && request.get("SmsConfiguration").is_some();
        stated.union(MfaFactors { sms, ..MfaFactors::NONE })
    }
}

/// The request's `MfaConfiguration` when it turns MFA on: `ON` or `OPTIONAL`.
pub fn mode(request: &Json) -> Option<&'static str> {
    match request.get("MfaConfiguration").and_then(Json::as_str)? {
        "ON" => Some("ON"),
        "OPTIONAL" => Some("OPTIONAL"),
        _ => None,
    }
}

/// Whether the pool needs `SetUserPoolMfaConfig` after `CreateUserPool`: MFA is on with a
/// factor that `CreateUserPool` cannot turn on.
pub fn needs_follow_up(request: &Json, factors: MfaFactors) -> bool {
    mode(request).is_some() && (factors.totp || factors.email)
}

/// What `CreateUserPool` is sent: the request, with MFA left OFF when SMS is not one of the
/// factors (ON or OPTIONAL there would turn on SMS MFA, and fail without an SMS
/// configuration); [`follow_up`] then turns it on with the chosen factors. `None` when the
/// request goes as it is.
pub fn create_request(request: &Json, factors: MfaFactors) -> Option<Json> {
    if mode(request).is_none() || factors.sms {
        return None;
    }
    let Json::Object(members) = request else { return None };
    let members = members
        .iter()
        .map(|(name, value)| {
            let value = if name == "MfaConfiguration" { Json::str("OFF") } else { value.clone() };
            (name.clone(), value)
        })
        .collect();
    Some(Json::Object(members))
}

/// The `SetUserPoolMfaConfig` request (without `UserPoolId`, which only exists once the pool
/// does) that gives the pool its mode and every factor, or `None` when `CreateUserPool` does it
/// all. The call replaces the whole MFA configuration, so it repeats SMS MFA when SMS is a
/// factor.
pub fn follow_up(request: &Json, factors: MfaFactors) -> Option<Json> {
    if !needs_follow_up(request, factors) {
        return None;
    }
    let mut members = Vec::new();
    if let (true, Some(sms)) = (factors.sms, sms_mfa_configuration(request)) {
        members.push(("SmsMfaConfiguration".to_string(), sms));
    }
    if factors.totp {
        let enabled = Json::Object(vec![("Enabled".to_string(), Json::Bool(true))]);
        members.push(("SoftwareTokenMfaConfiguration".to_string(), enabled));
    }
    if factors.email {
        // No Message or Subject: Cognito's default email, which the user can change later.
        members.push(("EmailMfaConfiguration".to_string(), Json::Object(Vec::new())));
    }
    members.push(("MfaConfiguration".to_string(), Json::str(mode(request).unwrap_or("OPTIONAL"))));
    Some(Json::Object(members))
}

/// `SetUserPoolMfaConfig`'s `SmsMfaConfiguration` for a request: its SMS configuration and
/// SMS authentication message; `None` without an SMS configuration.
pub fn sms_mfa_configuration(request: &Json) -> Option<Json> {
    let sms = request.get("SmsConfiguration")?;
    let mut members = Vec::new();
    if let Some(message) = request.get("SmsAuthenticationMessage") {
        members.push(("SmsAuthenticationMessage".to_string(), message.clone()));
    }
    members.push(("SmsConfiguration".to_string(), sms.clone()));
    Some(Json::Object(members))
}

/// What the person must know about how the MFA choice is carried out by the CLI and SDK
/// exports (empty when `CreateUserPool` alone does it).
pub fn follow_up_notes(request: &Json, factors: MfaFactors) -> Vec<String> {
    let Some(mode) = mode(request) else { return Vec::new() };
    if !needs_follow_up(request, factors) {
        return Vec::new();
    }
    let mut notes = vec![format!(
        "CreateUserPool can only turn on SMS MFA, so {} MFA is turned on by a second call: the export keeps the new pool's ID and calls SetUserPoolMfaConfig with MfaConfiguration {mode}. If that call fails, the pool exists without MFA: fix the cause and run it again with the pool ID.",
        factors.describe()
    )];
    if factors.sms {
        notes.push(
            "SetUserPoolMfaConfig replaces the whole MFA configuration, so it repeats the SMS MFA settings (SmsMfaConfiguration); without them SMS MFA would be turned off."
                .to_string(),
        );
    } else {
        notes.push(
            "CreateUserPool is sent with MfaConfiguration OFF: ON or OPTIONAL there would turn on SMS MFA, which is not one of the chosen factors."
                .to_string(),
        );
    }
    notes.push(match mode {
        "ON" => "MFA is ON: every user must set up a factor before they can sign in.".to_string(),
        _ => "MFA is OPTIONAL: users choose whether to set up a factor.".to_string(),
    });
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(text: &str) -> Json {
        crate::json::parse(text).unwrap().0
    }

    #[test]
    fn factor_lists_round_trip() {
        let all = MfaFactors { sms: true, totp: true, email: true };
        assert_eq!(MfaFactors::parse_list("sms, totp,email"), Ok(all));
        assert_eq!(MfaFactors::parse_list(&all.ids().join(",")), Ok(all));
        assert_eq!(MfaFactors::parse_list("none"), Ok(MfaFactors::NONE));
        assert!(MfaFactors::parse_list("totp,fido").unwrap_err().contains("`fido`"));
        assert_eq!(MfaFactors::from_json(&all.to_json()), all);
        let (read, unknown) = MfaFactors::from_enabled_mfas(["SOFTWARE_TOKEN_MFA", "SMS_MFA", "PUSH"]);
        assert_eq!(read, MfaFactors { sms: true, totp: true, email: false });
        assert_eq!(unknown, ["PUSH"]);
        assert_eq!(read.enabled_mfas(), ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
    }

    #[test]
    fn a_bare_request_with_mfa_on_means_sms() {
        assert!(MfaFactors::implied_by(&request(r#"{"MfaConfiguration": "OPTIONAL"}"#)).sms);
        assert!(!MfaFactors::implied_by(&request(r#"{"MfaConfiguration": "OFF"}"#)).any());
        let stated = MfaFactors { totp: true, ..MfaFactors::NONE };
        assert_eq!(MfaFactors::stated_for(&request(r#"{"MfaConfiguration": "ON"}"#), stated), stated);
        let with_sms = request(r#"{"MfaConfiguration": "ON", "SmsConfiguration": {"SnsCallerArn": "a"}}"#);
        assert_eq!(MfaFactors::stated_for(&with_sms, stated), MfaFactors { sms: true, ..stated });
    }

    #[test]
    fn totp_only_creates_with_mfa_off_and_turns_it_on_after() {
        let optional = request(r#"{"PoolName": "p", "MfaConfiguration": "OPTIONAL"}"#);
        let totp = MfaFactors { totp: true, ..MfaFactors::NONE };
        assert_eq!(create_request(&optional, totp), Some(request(r#"{"PoolName": "p", "MfaConfiguration": "OFF"}"#)));
        assert_eq!(
            follow_up(&optional, totp),
            Some(request(r#"{"SoftwareTokenMfaConfiguration": {"Enabled": true}, "MfaConfiguration": "OPTIONAL"}"#))
        );
    }

    #[test]
    fn sms_alone_needs_no_second_call_and_sms_is_repeated_with_others() {
        let on = request(
            r#"{"SmsAuthenticationMessage": "{####}", "MfaConfiguration": "ON", "SmsConfiguration": {"SnsCallerArn": "a"}}"#,
        );
        let sms = MfaFactors { sms: true, ..MfaFactors::NONE };
        assert_eq!((create_request(&on, sms), follow_up(&on, sms)), (None, None));
        let all = MfaFactors { sms: true, totp: true, email: true };
        assert_eq!(create_request(&on, all), None);
        assert_eq!(
            follow_up(&on, all),
            Some(request(
                r#"{"SmsMfaConfiguration": {"SmsAuthenticationMessage": "{####}", "SmsConfiguration": {"SnsCallerArn": "a"}},
                    "SoftwareTokenMfaConfiguration": {"Enabled": true}, "EmailMfaConfiguration": {}, "MfaConfiguration": "ON"}"#
            ))
        );
    }

    #[test]
    fn factors_do_nothing_while_mfa_is_off() {
        let off = request(r#"{"PoolName": "p"}"#);
        let totp = MfaFactors { totp: true, ..MfaFactors::NONE };
        assert_eq!((create_request(&off, totp), follow_up(&off, totp)), (None, None));
        assert!(follow_up_notes(&off, totp).is_empty());
    }
}
