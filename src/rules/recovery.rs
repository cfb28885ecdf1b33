//! Account recovery, device remembering and attribute-update verification.

use super::{Ctx, Finding, Rule};
use crate::diagnostic::{Severity, Source};

pub const RULES: &[Rule] = &[
    Rule {
        // §11 Q6: duplicates are likely rejected but unconfirmed, so warnings.
        id: "recovery.distinct-mechanisms",
        severity: Severity::Warning,
        refs: &["R43", "W21"],
        sources: sources![
            Source::Doc(
                "AccountRecoverySetting",
                "As a best practice, configure both verified_email and verified_phone_number, with one having a higher priority than the other.",
            ),
            Source::Web(
                "https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.AccountRecovery.html",
                "admin-only recovery (NONE) is offered only on its own",
            ),
        ],
        check: distinct_mechanisms,
    },
    Rule {
        id: "recovery.sms-with-sms-mfa",
        severity: Severity::Warning,
        refs: &["R43"],
        sources: sources![Source::Doc(
            "AccountRecoverySetting",
            "With this setting, SMS doesn't qualify for a valid password recovery mechanism if the user also has SMS multi-factor authentication (MFA) activated.",
        )],
        check: sms_with_sms_mfa,
    },
    Rule {
        id: "devices.any-field-turns-on",
        severity: Severity::Warning,
        refs: &["R42"],
        sources: sources![Source::Doc(
            "DeviceConfiguration",
            "When you provide a value for any DeviceConfiguration field, you activate the Amazon Cognito device-remembering feature.",
        )],
        check: any_device_field_turns_on,
    },
    Rule {
        id: "updates.verify-before-update-needs-auto-verify",
        severity: Severity::Error,
        refs: &["R49", "W8"],
        sources: sources![Source::Web(
            "https://github.com/aws/aws-cli/issues/7151",
            "service error: “All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes”",
        )],
        check: verify_before_update,
    },
];

fn distinct_mechanisms(ctx: &Ctx, out: &mut Vec<Finding>) {
    let rows = ctx.rows("AccountRecoverySetting.RecoveryMechanisms");
    for (index, row) in rows.iter().enumerate() {
        let earlier = &rows[..index];
        if let Some(name) = row.text("Name") {
            if earlier.iter().any(|r| r.text("Name") == Some(name)) {
                out.push(Finding::at_paths(vec![row.at("Name")], format!("{name} is listed twice: keep one")));
            }
        }
        if let Some(priority) = row.text("Priority") {
            if earlier.iter().any(|r| r.text("Priority") == Some(priority)) {
                out.push(Finding::at_paths(
                    vec![row.at("Priority")],
                    format!(
                        "Two recovery mechanisms have priority {priority}: give them different priorities (1 and 2)"
                    ),
                ));
            }
        }
    }
    if rows.len() > 1 {
        if let Some(admin) = rows.iter().find(|r| r.text("Name") == Some("admin_only")) {
            out.push(Finding::at_paths(
                vec![admin.at("Name")],
                "admin_only turns self-service recovery off, so it cannot be combined: use it as the only mechanism, or remove it",
            ));
        }
    }
}

fn sms_with_sms_mfa(ctx: &Ctx, out: &mut Vec<Finding>) {
    let sms_mfa = ctx.is("MfaConfiguration", "ON") && ctx.mfa().sms && ctx.is_set("SmsConfiguration");
    if !sms_mfa {
        return;
    }
    let rows = ctx.rows("AccountRecoverySetting.RecoveryMechanisms");
    let phone = rows.iter().find(|r| r.text("Name") == Some("verified_phone_number"));
    let other = rows.iter().any(|r| matches!(r.text("Name"), Some("verified_email" | "admin_only")));
    if let (Some(phone), false) = (phone, other) {
        out.push(Finding::at_paths(
            vec![phone.at("Name"), super::at("MfaConfiguration")],
            "With SMS MFA required, SMS cannot also recover a password: add verified_email as a recovery mechanism",
        ));
    }
}

fn any_device_field_turns_on(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.is_set("DeviceConfiguration") {
        return;
    }
    let challenge = ctx.flag("DeviceConfiguration.ChallengeRequiredOnNewDevice");
    let prompt = ctx.flag("DeviceConfiguration.DeviceOnlyRememberedOnUserPrompt");
    if challenge != Some(true) && prompt != Some(true) {
        out.push(Finding::new(
            &["DeviceConfiguration"],
            "Sending a device configuration turns device remembering on, even when both settings are false or empty: remove the device configuration to keep it off",
        ));
    }
}

fn verify_before_update(ctx: &Ctx, out: &mut Vec<Finding>) {
    let path = "UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate";
    let verified = ctx.list("AutoVerifiedAttributes");
    for attribute in ctx.list(path) {
        if !verified.contains(&attribute) {
            out.push(Finding::new(
                &[path, "AutoVerifiedAttributes"],
                format!("Add {attribute} to the auto-verified attributes, or remove it here: only verified attributes can wait for verification before an update"),
            ));
        }
    }
}
