//! Email delivery: the Cognito default account or your Amazon SES identity.

use super::lambda::parse_arn;
use super::{Ctx, Finding, Rule};
use crate::diagnostic::{Severity, Source};

pub const RULES: &[Rule] = &[
    Rule {
        id: "email.ses-needs-source-arn",
        severity: Severity::Error,
        refs: &["R23"],
        sources: sources![Source::Doc(
            "EmailConfiguration.EmailSendingAccount",
            "If you use this option, provide the ARN of an Amazon SES verified email address for the SourceArn parameter.",
        )],
        check: ses_needs_source_arn,
    },
    Rule {
        id: "email.from-needs-ses",
        severity: Severity::Error,
        refs: &["R26", "W10"],
        sources: sources![Source::Web(
            "https://github.com/aws/aws-cdk/issues/9739",
            "service error: “Cannot configure From email address for default email configuration”",
        )],
        check: from_needs_ses,
    },
    Rule {
        id: "email.from-format",
        severity: Severity::Error,
        refs: &["R26"],
        sources: sources![Source::Doc(
            "EmailConfiguration.From",
            "Either the sender’s email address or the sender’s name with their email address. For example, testuser@example.com or Test User <testuser@example.com>.",
        )],
        check: from_format,
    },
    Rule {
        id: "email.configuration-set-needs-ses",
        severity: Severity::Warning,
        refs: &["R27"],
        sources: sources![Source::Doc(
            "EmailConfiguration.ConfigurationSet",
            "The set of configuration rules that can be applied to emails sent using Amazon Simple Email Service.",
        )],
        check: configuration_set_needs_ses,
    },
    Rule {
        id: "email.source-arn-region",
        severity: Severity::Warning,
        refs: &["R24"],
        sources: sources![Source::Doc(
            "EmailConfiguration.SourceArn",
            "Typically, the Region in the SourceArn and the user pool Region are the same.",
        )],
        check: source_arn_region,
    },
];

fn ses_needs_source_arn(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.sends_email_with_ses() && ctx.non_empty("EmailConfiguration.SourceArn").is_none() {
        out.push(Finding::new(
            &["EmailConfiguration.SourceArn", "EmailConfiguration.EmailSendingAccount"],
            "Sending with DEVELOPER needs your verified Amazon SES identity: enter its ARN as the source ARN",
        ));
    }
}

fn from_needs_ses(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.non_empty("EmailConfiguration.From").is_some() && !ctx.sends_email_with_ses() {
        out.push(Finding::new(
            &["EmailConfiguration.From", "EmailConfiguration.EmailSendingAccount"],
            "A custom From address needs your own Amazon SES identity: set the email sending account to DEVELOPER (with a source ARN), or remove From",
        ));
    }
}

/// `addr@domain` or `Name <addr@domain>`, loosely: one `@` with text on both sides.
pub fn is_sender(text: &str) -> bool {
    let address = match (text.rfind('<'), text.strip_suffix('>')) {
        (Some(open), Some(inner)) => &inner[open + 1..],
        (None, None) => text,
        _ => return false,
    };
    let mut halves = address.split('@');
    matches!((halves.next(), halves.next(), halves.next()), (Some(local), Some(domain), None)
        if !local.is_empty() && domain.contains('.') && !address.contains(char::is_whitespace))
}

fn from_format(ctx: &Ctx, out: &mut Vec<Finding>) {
    if let Some(from) = ctx.non_empty("EmailConfiguration.From") {
        if !is_sender(from) {
            out.push(Finding::new(
                &["EmailConfiguration.From"],
                "Enter From as an email address, like no-reply@example.com, or as a name and address, like Example <no-reply@example.com>",
            ));
        }
    }
}

fn configuration_set_needs_ses(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.is_set("EmailConfiguration.ConfigurationSet") && !ctx.sends_email_with_ses() {
        out.push(Finding::new(
            &["EmailConfiguration.ConfigurationSet", "EmailConfiguration.EmailSendingAccount"],
            "An SES configuration set only applies to email sent through your SES identity: set the email sending account to DEVELOPER, or remove the configuration set",
        ));
    }
}

fn source_arn_region(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(source) = ctx.non_empty("EmailConfiguration.SourceArn").and_then(parse_arn) else { return };
    // The pool's Region is not part of the request; the Regions of its Lambda and KMS ARNs
    // are the best evidence of it.
    let others: Vec<&str> = super::lambda::ARN_KINDS
        .iter()
        .filter(|(path, service, _, _)| *service != "ses" && *service != "iam" && !path.is_empty())
        .filter_map(|(path, _, _, _)| ctx.non_empty(path).and_then(parse_arn).map(|a| a.region))
        .filter(|r| !r.is_empty())
        .collect();
    if let Some(region) = others.first().filter(|r| others.iter().all(|o| o == *r)) {
        if source.region != *region {
            out.push(Finding::new(
                &["EmailConfiguration.SourceArn"],
                format!(
                    "The SES identity is in {} but the pool's functions and keys are in {region}: use an SES identity in the pool's Region (or one of the Regions AWS allows for it)",
                    source.region
                ),
            ));
        }
    }
}
