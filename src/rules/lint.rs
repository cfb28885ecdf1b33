//! Best-practice lint: settings AWS accepts but security reviews and AWS's own guidance flag.
//! Warnings only; they never block anything.

use super::{Ctx, Finding, Rule};
use crate::diagnostic::{Severity, Source};
use crate::model::overlay;

pub const RULES: &[Rule] = &[
    Rule {
        id: "lint.mfa-off",
        severity: Severity::Warning,
        refs: &["L1"],
        sources: sources![Source::Web(
            "https://github.com/cdklabs/cdk-nag/blob/main/RULES.md",
            "AwsSolutions-COG2: The Cognito user pool does not require MFA.",
        )],
        check: mfa_off,
    },
    Rule {
        id: "lint.password-length",
        severity: Severity::Warning,
        refs: &["L2"],
        sources: sources![Source::Web(
            "https://github.com/sls-mentor/sls-mentor/issues/153",
            "Cognito passwords should be at least 10 characters long",
        )],
        check: password_length,
    },
    Rule {
        id: "lint.password-character-classes",
        severity: Severity::Warning,
        refs: &["L3"],
        sources: sources![Source::Web(
            "https://github.com/cdklabs/cdk-nag/blob/main/RULES.md",
            "AwsSolutions-COG1: the password policy should require uppercase, numeric, and special characters",
        )],
        check: password_classes,
    },
    Rule {
        id: "lint.case-sensitive-usernames",
        severity: Severity::Warning,
        refs: &["L4", "R35"],
        sources: sources![Source::Doc(
            "UsernameConfiguration.CaseSensitive",
            "For most use cases, set case sensitivity to False (case insensitive) as a best practice.",
        )],
        check: case_sensitive_usernames,
    },
    Rule {
        id: "lint.deletion-protection",
        severity: Severity::Warning,
        refs: &["L5", "R48"],
        sources: sources![Source::Doc(
            "DeletionProtection",
            "When you try to delete a protected user pool in a DeleteUserPool API request, Amazon Cognito returns an InvalidParameterException error.",
        )],
        check: deletion_protection,
    },
    Rule {
        id: "lint.threat-protection-enforced",
        severity: Severity::Warning,
        refs: &["L6"],
        sources: sources![Source::Web(
            "https://docs.aws.amazon.com/securityhub/latest/userguide/cognito-controls.html",
            "[Cognito.1] Cognito user pools should have threat protection activated with full function enforcement mode for standard authentication",
        )],
        check: threat_protection_enforced,
    },
    Rule {
        id: "lint.default-email-quota",
        severity: Severity::Warning,
        refs: &["L7"],
        sources: sources![
            Source::Doc(
                "EmailConfiguration.EmailSendingAccount",
                "When you use the default option, Amazon Cognito allows only a limited number of emails each day for your user pool.",
            ),
            Source::Web("https://docs.aws.amazon.com/cognito/latest/developerguide/limits.html", "50 emails a day with the default email"),
        ],
        check: default_email_quota,
    },
    Rule {
        id: "lint.deprecated-field",
        severity: Severity::Warning,
        refs: &["L8", "R15"],
        sources: sources![
            Source::Doc("SmsVerificationMessage", "This parameter is no longer used."),
            Source::Doc("AdminCreateUserConfig.UnusedAccountValidityDays", "This parameter is no longer in use."),
        ],
        check: deprecated_field,
    },
    Rule {
        id: "lint.mutable-custom-attribute",
        severity: Severity::Warning,
        refs: &["L9"],
        sources: sources![Source::Web(
            "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html",
            "custom attributes can't be removed or changed once added; app clients can write mutable attributes",
        )],
        check: mutable_custom_attribute,
    },
];

fn mfa_off(ctx: &Ctx, out: &mut Vec<Finding>) {
    if matches!(ctx.text("MfaConfiguration"), None | Some("OFF")) {
        out.push(Finding::new(
            &["MfaConfiguration"],
            "MFA is off: set MFA configuration to OPTIONAL (users choose) or ON (required), with an authenticator app (TOTP) as a factor",
        ));
    }
}

fn password_length(ctx: &Ctx, out: &mut Vec<Finding>) {
    // The API default is 8 characters when no password policy is sent.
    let length = ctx.int("Policies.PasswordPolicy.MinimumLength").unwrap_or(8);
    if length < 10 {
        out.push(Finding::new(
            &["Policies.PasswordPolicy.MinimumLength"],
            format!("Passwords may be {length} characters long: set the minimum length to 10 or more"),
        ));
    }
}

fn password_classes(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.is_set("Policies.PasswordPolicy") {
        return; // the API default policy requires all four classes
    }
    let missing: Vec<String> = ["RequireUppercase", "RequireLowercase", "RequireNumbers", "RequireSymbols"]
        .into_iter()
        .filter(|m| ctx.flag(&format!("Policies.PasswordPolicy.{m}")) != Some(true))
        .map(|m| overlay::lower_first(&overlay::humanize(m)))
        .collect();
    if !missing.is_empty() {
        out.push(Finding::new(
            &["Policies.PasswordPolicy"],
            format!(
                "A password policy sent without a class means that class is not required: set {} to true",
                super::and_list(&missing)
            ),
        ));
    }
}

fn case_sensitive_usernames(ctx: &Ctx, out: &mut Vec<Finding>) {
    match ctx.flag("UsernameConfiguration.CaseSensitive") {
        Some(false) => {}
        Some(true) => out.push(Finding::new(
            &["UsernameConfiguration.CaseSensitive"],
            "Case-sensitive usernames let ‘Ana’ and ‘ana’ be two users, and this cannot be changed later: set case sensitive to false",
        )),
        None => out.push(Finding::new(
            &["UsernameConfiguration.CaseSensitive"],
            "Without a username configuration, usernames are case-sensitive, and this cannot be changed later: set case sensitive to false",
        )),
    }
}

fn deletion_protection(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.is("DeletionProtection", "ACTIVE") {
        out.push(Finding::new(
            &["DeletionProtection"],
            "Deleting a pool deletes its users for good: set deletion protection to ACTIVE",
        ));
    }
}

fn threat_protection_enforced(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.tier() == super::tier::Tier::Plus && !ctx.is("UserPoolAddOns.AdvancedSecurityMode", "ENFORCED") {
        out.push(Finding::new(
            &["UserPoolAddOns.AdvancedSecurityMode"],
            "The Plus plan includes threat protection: set the threat protection mode to ENFORCED to block risky sign-ins, not only report them",
        ));
    }
}

fn default_email_quota(ctx: &Ctx, out: &mut Vec<Finding>) {
    let uses_email = ctx.list_has("AutoVerifiedAttributes", "email")
        || ctx.list_has("UsernameAttributes", "email")
        || ctx.list_has("AliasAttributes", "email")
        || ctx
            .rows("AccountRecoverySetting.RecoveryMechanisms")
            .iter()
            .any(|r| r.text("Name") == Some("verified_email"));
    let custom_sender = ctx.is_set("LambdaConfig.CustomEmailSender");
    if uses_email && !ctx.sends_email_with_ses() && !custom_sender {
        out.push(Finding::new(
            &["EmailConfiguration.EmailSendingAccount"],
            "The Cognito default email sends about 50 messages a day, then stops without warning: use DEVELOPER with your Amazon SES identity in production",
        ));
    }
}

fn deprecated_field(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (path, replacement) in overlay::DEPRECATED {
        if ctx.is_set(path) {
            out.push(Finding::new(&[path], format!("This field is no longer used: remove it and use {replacement}")));
        }
    }
}

fn mutable_custom_attribute(ctx: &Ctx, out: &mut Vec<Finding>) {
    for row in ctx.rows("Schema") {
        let Some(name) = row.text("Name") else { continue };
        if !super::attributes::is_standard(name) && row.flag("Mutable") != Some(false) {
            out.push(Finding::at_paths(
                vec![row.at("Mutable")],
                format!("Custom attribute ‘{name}’ can be changed after sign-up (mutable is the default): set Mutable to false if it never needs to change"),
            ));
        }
    }
}
