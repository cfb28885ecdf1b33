//! Messages and templates: verification and invitation messages, their placeholders, the
//! email account they need, and triggers that replace them.

use super::{Ctx, Finding, Rule};
use crate::diagnostic::{Severity, Source};

pub const RULES: &[Rule] = &[
    Rule {
        id: "messages.email-option-bodies",
        severity: Severity::Error,
        refs: &["R10"],
        sources: sources![Source::Doc(
            "VerificationMessageTemplate",
            "For CONFIRM_WITH_LINK, specify an EmailMessageByLink and leave EmailMessage blank. For CONFIRM_WITH_CODE, specify an EmailMessage and leave EmailMessageByLink blank. When you supply both parameters with either choice, Amazon Cognito returns an error.",
        )],
        check: email_option_bodies,
    },
    Rule {
        id: "messages.unused-email-body",
        severity: Severity::Warning,
        refs: &["R10"],
        sources: sources![Source::Doc(
            "VerificationMessageTemplate",
            "For CONFIRM_WITH_LINK, specify an EmailMessageByLink and leave EmailMessage blank. For CONFIRM_WITH_CODE, specify an EmailMessage and leave EmailMessageByLink blank.",
        )],
        check: unused_email_body,
    },
    Rule {
        // §11 Q3: the docs say DEVELOPER only, yet AWS's own CDK defaults send a custom
        // verification email with the default account and deploy; a warning until confirmed.
        id: "messages.email-template-needs-ses",
        severity: Severity::Warning,
        refs: &["R12", "R13"],
        sources: sources![
            Source::Doc(
                "VerificationMessageTemplate.EmailMessage",
                "You can set an EmailMessage template only if the value of EmailSendingAccount is DEVELOPER.",
            ),
            Source::Doc(
                "AdminCreateUserConfig.InviteMessageTemplate.EmailMessage",
                "EmailMessage is allowed only if EmailSendingAccount is DEVELOPER.",
            ),
        ],
        check: email_template_needs_ses,
    },
    Rule {
        id: "messages.invitation-placeholders",
        severity: Severity::Warning,
        refs: &["R14", "W17"],
        sources: sources![
            Source::Doc(
                "AdminCreateUserConfig.InviteMessageTemplate",
                "This template must include the {####} temporary password placeholder if you are creating users with passwords.",
            ),
            Source::Web(
                "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-message-customizations.html",
                "invitation messages must contain the {username} and {####} placeholders",
            ),
        ],
        check: invitation_placeholders,
    },
    Rule {
        id: "messages.username-in-verification",
        severity: Severity::Warning,
        refs: &["W17"],
        sources: sources![Source::Web(
            "https://github.com/aws/aws-cdk/issues/7597",
            "{username} can't be used in verification emails (a CDK default that did so was a bug)",
        )],
        check: username_in_verification,
    },
    Rule {
        id: "messages.trigger-replaces-templates",
        severity: Severity::Warning,
        refs: &["R22"],
        sources: sources![Source::Doc(
            "LambdaConfig.CustomMessage",
            "When a custom message trigger is active, your user pool routes all messages to a Lambda function that returns a runtime-customized message subject and body for your user pool to deliver to a user.",
        )],
        check: trigger_replaces_templates,
    },
];

const TEMPLATE_PATHS: [&str; 8] = [
    "VerificationMessageTemplate.SmsMessage",
    "VerificationMessageTemplate.EmailMessage",
    "VerificationMessageTemplate.EmailSubject",
    "VerificationMessageTemplate.EmailMessageByLink",
    "VerificationMessageTemplate.EmailSubjectByLink",
    "AdminCreateUserConfig.InviteMessageTemplate.SMSMessage",
    "AdminCreateUserConfig.InviteMessageTemplate.EmailMessage",
    "AdminCreateUserConfig.InviteMessageTemplate.EmailSubject",
];

fn email_option_bodies(ctx: &Ctx, out: &mut Vec<Finding>) {
    let code = "VerificationMessageTemplate.EmailMessage";
    let link = "VerificationMessageTemplate.EmailMessageByLink";
    if ctx.is_set(code) && ctx.is_set(link) {
        let (keep, drop) = if ctx.is("VerificationMessageTemplate.DefaultEmailOption", "CONFIRM_WITH_LINK") {
            ("the link message", code)
        } else {
            ("the code message", link)
        };
        out.push(Finding::new(
            &[drop, "VerificationMessageTemplate.DefaultEmailOption"],
            format!("Send either a code message or a link message, not both: keep {keep} for the default email option and remove the other"),
        ));
    }
}

fn unused_email_body(ctx: &Ctx, out: &mut Vec<Finding>) {
    let link_mode = ctx.is("VerificationMessageTemplate.DefaultEmailOption", "CONFIRM_WITH_LINK");
    let (code, link) = ("VerificationMessageTemplate.EmailMessage", "VerificationMessageTemplate.EmailMessageByLink");
    if ctx.is_set(code) && ctx.is_set(link) {
        return; // reported as an error by messages.email-option-bodies
    }
    if link_mode && ctx.is_set(code) {
        out.push(Finding::new(
            &[code, "VerificationMessageTemplate.DefaultEmailOption"],
            "With CONFIRM_WITH_LINK the code message is not sent: move its text to the link message (EmailMessageByLink, with {##link text##}), or choose CONFIRM_WITH_CODE",
        ));
    } else if !link_mode && ctx.is_set(link) {
        out.push(Finding::new(
            &[link, "VerificationMessageTemplate.DefaultEmailOption"],
            "The link message is only sent with CONFIRM_WITH_LINK: set the default email option to CONFIRM_WITH_LINK, or remove the link message",
        ));
    }
}

fn email_template_needs_ses(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.sends_email_with_ses() {
        return;
    }
    for path in TEMPLATE_PATHS.iter().filter(|p| p.contains("Email") && ctx.is_set(p)) {
        out.push(Finding::new(
            &[path, "EmailConfiguration.EmailSendingAccount"],
            "AWS documents custom email templates only with your own Amazon SES identity: set the email sending account to DEVELOPER, or remove the custom email text to use Cognito's default message",
        ));
    }
}

fn invitation_placeholders(ctx: &Ctx, out: &mut Vec<Finding>) {
    for path in [
        "AdminCreateUserConfig.InviteMessageTemplate.SMSMessage",
        "AdminCreateUserConfig.InviteMessageTemplate.EmailMessage",
    ] {
        let Some(text) = ctx.text(path) else { continue };
        let missing: Vec<&str> = ["{username}", "{####}"].into_iter().filter(|p| !text.contains(p)).collect();
        if !missing.is_empty() {
            out.push(Finding::new(
                &[path],
                format!(
                    "Add {} to the invitation: users need their username and the temporary password to sign in the first time",
                    missing.join(" and ")
                ),
            ));
        }
    }
}

fn username_in_verification(ctx: &Ctx, out: &mut Vec<Finding>) {
    for path in TEMPLATE_PATHS.iter().filter(|p| p.starts_with("VerificationMessageTemplate")) {
        if ctx.text(path).is_some_and(|t| t.contains("{username}")) {
            out.push(Finding::new(
                &[path],
                "Remove {username}: verification messages do not fill it in (only invitations do)",
            ));
        }
    }
}

fn trigger_replaces_templates(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.is_set("LambdaConfig.CustomMessage") {
        return;
    }
    if let Some(path) = TEMPLATE_PATHS.iter().find(|p| ctx.is_set(p)) {
        out.push(Finding::new(
            &[path, "LambdaConfig.CustomMessage"],
            "The custom message trigger writes every message, so these templates may never be sent: keep them only as the trigger's fallback, or remove them",
        ));
    }
}
