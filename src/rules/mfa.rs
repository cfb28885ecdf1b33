//! MFA and SMS: what the MFA choice (`MfaConfiguration` and the factors beside it, see
//! [`crate::mfa`]) needs from the rest of the request.

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
        id: "mfa.factor-required",
        severity: Severity::Error,
        refs: &["R1"],
        sources: sources![
            Source::Doc("MfaConfiguration", "To configure TOTP or email MFA, use the SetUserPoolMfaConfig operation."),
            Source::Web(
                "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_user_pool#mfa_configuration-1",
                "ON (MFA is required for all users to sign in; requires at least one of sms_configuration, software_token_mfa_configuration, or email_mfa_configuration to be configured)",
            ),
        ],
        check: factor_required,
    },
    Rule {
        id: "mfa.email-needs-ses",
        severity: Severity::Error,
        refs: &["R1"],
        sources: sources![Source::Web(
            "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-advanced-security-email-mfa.html",
            "To enable email-based MFA, the user pool must be configured to use the Amazon SES email-sending configuration instead of the default email configuration.",
        )],
        check: email_needs_ses,
    },
    Rule {
        id: "mfa.email-needs-essentials",
        severity: Severity::Error,
        refs: &["R1"],
        sources: sources![Source::Web(
            "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_EmailMfaConfigType.html",
            "To activate this setting, your user pool must be in the Essentials tier or higher.",
        )],
        check: email_needs_essentials,
    },
    Rule {
        id: "mfa.factors-while-off",
        severity: Severity::Warning,
        refs: &["R1"],
        sources: sources![Source::Doc(
            "MfaConfiguration",
            "To configure TOTP or email MFA, use the SetUserPoolMfaConfig operation.",
        )],
        check: factors_while_off,
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
    if let (Some(mode), true, false) = (mfa_on(ctx), ctx.mfa().sms, ctx.is_set("SmsConfiguration")) {
        out.push(Finding::new(
            &["MfaConfiguration", "SmsConfiguration"],
            format!(
                "SMS MFA ({mode}) needs an SMS configuration in the same request: add SmsConfiguration (an SNS caller role or End User Messaging SMS), or choose an authenticator app or email as the MFA factor instead of SMS"
            ),
        ));
    }
}

fn factor_required(ctx: &Ctx, out: &mut Vec<Finding>) {
    if let (Some(mode), false) = (mfa_on(ctx), ctx.mfa().any()) {
        out.push(Finding::new(
            &["MfaConfiguration"],
            format!(
                "MFA configuration {mode} needs at least one factor: choose SMS, an authenticator app (TOTP) or email"
            ),
        ));
    }
}

fn email_needs_ses(ctx: &Ctx, out: &mut Vec<Finding>) {
    if mfa_on(ctx).is_some() && ctx.mfa().email && !ctx.sends_email_with_ses() {
        out.push(Finding::new(
            &["EmailConfiguration.EmailSendingAccount", "MfaConfiguration"],
            "Email MFA needs email sent with Amazon SES: set the email sending account to DEVELOPER with your SES identity, or choose another MFA factor",
        ));
    }
}

fn email_needs_essentials(ctx: &Ctx, out: &mut Vec<Finding>) {
    if mfa_on(ctx).is_some() && ctx.mfa().email && ctx.tier() == super::tier::Tier::Lite {
        out.push(Finding::new(
            &["UserPoolTier", "MfaConfiguration"],
            "Email MFA needs the Essentials or Plus feature plan: change the feature plan, or choose another MFA factor",
        ));
    }
}

fn factors_while_off(ctx: &Ctx, out: &mut Vec<Finding>) {
    let factors = ctx.mfa();
    if mfa_on(ctx).is_none() && factors.any() {
        out.push(Finding::new(
            &["MfaConfiguration"],
            format!(
                "{} MFA is chosen, but MFA configuration is OFF, so no factor is turned on: set MFA configuration to OPTIONAL or ON, or choose no factor",
                capitalized(&factors.describe())
            ),
        ));
    }
}

/// The text with an ASCII first letter capitalised (factor names are ASCII; `char::to_uppercase`
/// would link Unicode's case tables, 13 KB, into the page).
fn capitalized(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
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
    if let (Some(mode), true) = (mfa_on(ctx), ctx.mfa().sms) {
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
