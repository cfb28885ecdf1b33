//! SMS delivery: Amazon SNS (a caller role) or AWS End User Messaging SMS.

use super::{Ctx, Finding, Rule};
use crate::diagnostic::{Severity, Source};

pub const RULES: &[Rule] = &[
    Rule {
        id: "sms.sns-or-eums",
        severity: Severity::Error,
        refs: &["R28"],
        sources: sources![Source::Doc(
            "SmsConfiguration.EumsSms",
            "In a user pool, provide either the Amazon SNS configuration (SnsCallerArn) or this configuration, but not both.",
        )],
        check: sns_or_eums,
    },
    Rule {
        id: "sms.origination-identity-format",
        severity: Severity::Warning,
        refs: &["R30"],
        sources: sources![Source::Doc(
            "SmsConfiguration.EumsSms.OriginationIdentity",
            "You can provide an E.164 phone number or the ARN of the phone number, sender ID, or phone pool.",
        )],
        check: origination_identity_format,
    },
    Rule {
        id: "sms.india-dlt-pair",
        severity: Severity::Warning,
        refs: &["R31"],
        sources: sources![
            Source::Doc(
                "SmsConfiguration.EumsSms.InEntityId",
                "The principal entity ID required by India's Distributed Ledger Technology (DLT) regulations for SMS messages.",
            ),
            Source::Doc(
                "SmsConfiguration.EumsSms.InTemplateId",
                "The registered template ID for the message template required by India's DLT regulations for SMS messages.",
            ),
        ],
        check: india_dlt_pair,
    },
    Rule {
        id: "sms.region",
        severity: Severity::Warning,
        refs: &["R32", "R29"],
        sources: sources![
            Source::Doc(
                "SmsConfiguration.SnsRegion",
                "Amazon Cognito resources in the Asia Pacific (Seoul) Amazon Web Services Region must use your Amazon SNS configuration in the Asia Pacific (Tokyo) Region.",
            ),
            Source::Doc(
                "SmsConfiguration.EumsSms.Region",
                "Amazon Cognito rejects any other value with an InvalidParameterException.",
            ),
        ],
        check: region,
    },
];

fn sns_or_eums(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.is_set("SmsConfiguration") {
        return;
    }
    let sns = ctx.non_empty("SmsConfiguration.SnsCallerArn").is_some();
    let eums = ctx.is_set("SmsConfiguration.EumsSms");
    if sns && eums {
        out.push(Finding::new(
            &["SmsConfiguration.EumsSms", "SmsConfiguration.SnsCallerArn"],
            "Use either an SNS caller role or End User Messaging SMS, not both: remove one of them",
        ));
    } else if !sns && !eums {
        out.push(Finding::new(
            &["SmsConfiguration.SnsCallerArn", "SmsConfiguration.EumsSms"],
            "The SMS configuration needs a way to send: enter the SNS caller ARN (an IAM role), or add End User Messaging SMS settings",
        ));
    }
}

/// `+` and 8–15 digits (E.164).
pub fn is_e164(text: &str) -> bool {
    text.strip_prefix('+').is_some_and(|d| (8..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

fn origination_identity_format(ctx: &Ctx, out: &mut Vec<Finding>) {
    let path = "SmsConfiguration.EumsSms.OriginationIdentity";
    let Some(identity) = ctx.non_empty(path) else { return };
    let arn = super::lambda::parse_arn(identity).is_some_and(|a| a.service == "sms-voice");
    if !is_e164(identity) && !arn {
        out.push(Finding::new(
            &[path],
            "Enter the origination identity as an E.164 phone number, like +12065550100, or as the ARN of a phone number, sender ID or phone pool (arn:aws:sms-voice:…), in the same form as your role's policy",
        ));
    }
}

fn india_dlt_pair(ctx: &Ctx, out: &mut Vec<Finding>) {
    let entity = "SmsConfiguration.EumsSms.InEntityId";
    let template = "SmsConfiguration.EumsSms.InTemplateId";
    match (ctx.non_empty(entity).is_some(), ctx.non_empty(template).is_some()) {
        (true, false) => out.push(Finding::new(
            &[template, entity],
            "India's DLT rules need both IDs: enter the registered template ID too, or remove the entity ID",
        )),
        (false, true) => out.push(Finding::new(
            &[entity, template],
            "India's DLT rules need both IDs: enter the principal entity ID too, or remove the template ID",
        )),
        _ => {}
    }
}

/// Looks like an AWS Region name (`us-east-1`, `ap-northeast-2`, `us-gov-west-1`).
pub fn looks_like_region(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts[1..parts.len() - 1].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].parse::<u8>().is_ok()
}

fn region(ctx: &Ctx, out: &mut Vec<Finding>) {
    for path in ["SmsConfiguration.SnsRegion", "SmsConfiguration.EumsSms.Region"] {
        let Some(region) = ctx.non_empty(path) else { continue };
        if !looks_like_region(region) {
            out.push(Finding::new(&[path], format!("Enter a Region name, like us-east-1, not ‘{region}’")));
        } else if path.ends_with("SnsRegion") && region == "ap-northeast-2" {
            out.push(Finding::new(
                &[path],
                "Pools in Seoul send SMS through Amazon SNS in Tokyo: set the SNS Region to ap-northeast-1 (Seoul, ap-northeast-2, is not used)",
            ));
        }
    }
}
