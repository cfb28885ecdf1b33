//! MFA and SMS: what `MfaConfiguration` needs from the rest of the request.

use super::{Ctx, Finding, Rule};
use crate::diagnostic::{Severity, Source};

pub const RULES: &[Rule] = &[
    Rule {
        id: "mfa.sms-configuration-required",
        severity: Severity::Error,
        refs: &["R1"],
        sources: sources![
            Source::Doc(
                "MfaConfiguration",
                "The CreateUserPool operation supports only SMS MFA configuration. If you set MfaConfiguration to either of these values, include an SmsConfiguration in the same request:",
            ),
            Source::Doc("MfaConfiguration", "If you omit SmsConfiguration, the operation returns an InvalidParameterException."),
        ],
        check: sms_configuration_required,
    },
    Rule {
        id: "mfa.optional-with-threat-protection",
        severity: Severity::Warning,
        refs: &["R3"],
        sources: sources![Source::Doc(
            "MfaConfiguration",
            "For user pools with adaptive authentication with threat protection, choose OPTIONAL.",
        )],
        check: optional_with_threat_protection,
    },
    Rule {
        // §11 Q4: the service's own error text asks for phone verification too, but pools
        // with SMS MFA and email usernames are common; a warning until confirmed live.
        id: "mfa.phone-auto-verification",
        severity: Severity::Warning,
        refs: &["W6"],
        sources: sources![Source::Web(
            "https://github.com/aws/aws-cdk/issues/12075",
            "service error: “SMS configuration and Auto verification for phone_number are required when MFA is required/optional”",
        )],
        check: phone_auto_verification,
    },
    Rule {
        id: "mfa.phone-verification-needs-sms",
        severity: Severity::Error,
        refs: &["W7"],
        sources: sources![Source::Web(
            "https://github.com/aws-amplify/amplify-backend/pull/1523",
            "service error: “SMS configuration is required when phone_number is selected for auto verification”",
        )],
        check: phone_verification_needs_sms,
    },
];

fn mfa_on(ctx: &Ctx) -> Option<&'static str> {
    match ctx.text("MfaConfiguration")? {
        "ON" => Some("ON"),
        "OPTIONAL" => Some("OPTIONAL"),
        _ => None,
    }
}

fn sms_configuration_required(ctx: &Ctx, out: &mut Vec<Finding>) {
    if let (Some(mode), false) = (mfa_on(ctx), ctx.is_set("SmsConfiguration")) {
        out.push(Finding::new(
            &["MfaConfiguration", "SmsConfiguration"],
            format!(
                "MFA configuration {mode} needs an SMS configuration in the same request: add SmsConfiguration (an SNS caller role or End User Messaging SMS), or set MFA configuration to OFF and turn on authenticator-app or email MFA after the pool is created"
            ),
        ));
    }
}

fn optional_with_threat_protection(ctx: &Ctx, out: &mut Vec<Finding>) {
    let protected = matches!(ctx.text("UserPoolAddOns.AdvancedSecurityMode"), Some("AUDIT" | "ENFORCED"));
    if protected && ctx.text("MfaConfiguration") != Some("OPTIONAL") {
        out.push(Finding::new(
            &["MfaConfiguration", "UserPoolAddOns.AdvancedSecurityMode"],
            "With threat protection, adaptive authentication asks for MFA only when a sign-in looks risky: set MFA configuration to OPTIONAL",
        ));
    }
}

fn phone_auto_verification(ctx: &Ctx, out: &mut Vec<Finding>) {
    if let Some(mode) = mfa_on(ctx) {
        if ctx.is_set("SmsConfiguration") && !ctx.list_has("AutoVerifiedAttributes", "phone_number") {
            out.push(Finding::new(
                &["AutoVerifiedAttributes", "MfaConfiguration"],
                format!(
                    "With MFA configuration {mode}, AWS has answered “Auto verification for phone_number is required”: add phone_number to the auto-verified attributes so users can receive SMS codes"
                ),
            ));
        }
    }
}

fn phone_verification_needs_sms(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.list_has("AutoVerifiedAttributes", "phone_number") && !ctx.is_set("SmsConfiguration") {
        out.push(Finding::new(
            &["SmsConfiguration", "AutoVerifiedAttributes"],
            "Verifying phone numbers sends SMS messages: add an SMS configuration, or remove phone_number from the auto-verified attributes",
        ));
    }
}
