//! Sign-in: usernames, aliases and the allowed first factors of choice-based sign-in.

use super::{Ctx, Finding, Rule};
use crate::diagnostic::{Severity, Source};
use crate::value::Segment;

pub const RULES: &[Rule] = &[
    Rule {
        id: "sign-in.alias-or-username",
        severity: Severity::Error,
        refs: &["W1"],
        sources: sources![Source::Web(
            "https://github.com/lgallard/terraform-aws-cognito-user-pool/issues/41",
            "service error: “only one of the aliasAttributes or usernameAttributes can be set in a user pool”",
        )],
        check: alias_or_username,
    },
    Rule {
        id: "sign-in.software-token-first-factor",
        severity: Severity::Error,
        refs: &["R9"],
        sources: sources![Source::Doc(
            "Policies.SignInPolicy.AllowedFirstAuthFactors",
            "SOFTWARE_TOKEN is not currently supported as a first auth factor. Do not include this value in AllowedFirstAuthFactors.",
        )],
        check: software_token_first_factor,
    },
    Rule {
        // §11 Q5: stated by AWS CDK ("This must be true"), not verified against the service.
        id: "sign-in.password-first-factor",
        severity: Severity::Warning,
        refs: &["W15"],
        sources: sources![Source::Web(
            "https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.AllowedFirstAuthFactors.html",
            "password: “This must be true.”",
        )],
        check: password_first_factor,
    },
    Rule {
        // §11 Q5: by extension of the email-MFA requirement; unverified, so a warning.
        id: "sign-in.otp-delivery",
        severity: Severity::Warning,
        refs: &["W16"],
        sources: sources![Source::Web(
            "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-advanced-security-email-mfa.html",
            "To enable email-based MFA, the user pool must be configured to use the Amazon SES email-sending configuration instead of the default email configuration.",
        )],
        check: otp_delivery,
    },
    Rule {
        id: "sign-in.preferred-username-required-alias",
        severity: Severity::Error,
        refs: &["W5"],
        sources: sources![Source::Web(
            "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html",
            "The preferred_username cannot be selected as both required and as an alias.",
        )],
        check: preferred_username_required_alias,
    },
    Rule {
        // The model has no uniqueness constraint; a repeated value is at best ignored.
        id: "lists.duplicate-value",
        severity: Severity::Warning,
        refs: &["§4"],
        sources: sources![Source::Reasoning(
            "each of these lists is a set of choices; the model does not forbid repeats, and a repeated value is at best ignored",
        )],
        check: duplicate_values,
    },
];

fn alias_or_username(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.list("AliasAttributes").is_empty() && !ctx.list("UsernameAttributes").is_empty() {
        out.push(Finding::new(
            &["AliasAttributes", "UsernameAttributes"],
            "Choose either alias attributes (sign in with a username or an alias) or username attributes (email or phone number as the username), not both: remove one of them",
        ));
    }
}

fn software_token_first_factor(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.list_has("Policies.SignInPolicy.AllowedFirstAuthFactors", "SOFTWARE_TOKEN") {
        out.push(Finding::new(
            &["Policies.SignInPolicy.AllowedFirstAuthFactors"],
            "Remove SOFTWARE_TOKEN from the allowed first factors: authenticator apps can only be a second factor",
        ));
    }
}

fn password_first_factor(ctx: &Ctx, out: &mut Vec<Finding>) {
    let factors = ctx.list("Policies.SignInPolicy.AllowedFirstAuthFactors");
    if ctx.is_set("Policies.SignInPolicy.AllowedFirstAuthFactors") && !factors.contains(&"PASSWORD") {
        out.push(Finding::new(
            &["Policies.SignInPolicy.AllowedFirstAuthFactors"],
            "Add PASSWORD to the allowed first factors: AWS tools treat it as required, and users need it to set up other factors",
        ));
    }
}

fn otp_delivery(ctx: &Ctx, out: &mut Vec<Finding>) {
    let path = "Policies.SignInPolicy.AllowedFirstAuthFactors";
    if ctx.list_has(path, "EMAIL_OTP") && !ctx.sends_email_with_ses() {
        out.push(Finding::new(
            &[path, "EmailConfiguration.EmailSendingAccount"],
            "Email one-time codes need Amazon SES: set the email sending account to DEVELOPER with your SES identity, or remove EMAIL_OTP",
        ));
    }
    if ctx.list_has(path, "SMS_OTP") && !ctx.is_set("SmsConfiguration") {
        out.push(Finding::new(
            &[path, "SmsConfiguration"],
            "SMS one-time codes need an SMS configuration: add SmsConfiguration, or remove SMS_OTP",
        ));
    }
}

fn preferred_username_required_alias(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.list_has("AliasAttributes", "preferred_username") {
        return;
    }
    for row in ctx.rows("Schema") {
        if row.text("Name") == Some("preferred_username") && row.flag("Required") == Some(true) {
            out.push(Finding::at_paths(
                vec![row.at("Required"), super::at("AliasAttributes")],
                "preferred_username cannot be both required and an alias: set Required to false, or remove preferred_username from the alias attributes",
            ));
        }
    }
}

const ENUM_LISTS: [&str; 7] = [
    "AutoVerifiedAttributes",
    "AliasAttributes",
    "UsernameAttributes",
    "Policies.SignInPolicy.AllowedFirstAuthFactors",
    "UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate",
    "DcrConfiguration.AuthenticatedGrantTypes",
    "DcrConfiguration.OpenDcrGrantTypes",
];

fn duplicate_values(ctx: &Ctx, out: &mut Vec<Finding>) {
    for path in ENUM_LISTS {
        let values = ctx.list(path);
        for (index, value) in values.iter().enumerate() {
            if values[..index].contains(value) {
                out.push(Finding::at_paths(
                    vec![super::at(path).with(Segment::Index(index))],
                    format!("{value} is listed more than once: remove the repeat"),
                ));
            }
        }
    }
}
