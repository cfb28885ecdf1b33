//! Lambda triggers, and the ARNs of every resource a request points at.

use super::{Ctx, Finding, Rule};
use crate::diagnostic::{Severity, Source};

pub const RULES: &[Rule] = &[
    Rule {
        id: "lambda.pre-token-arns-differ",
        severity: Severity::Error,
        refs: &["R18"],
        sources: sources![Source::Doc(
            "LambdaConfig.PreTokenGeneration",
            "If you also set an ARN in PreTokenGenerationConfig, its value must be identical to PreTokenGeneration.",
        )],
        check: pre_token_arns_differ,
    },
    Rule {
        id: "lambda.custom-sender-needs-kms-key",
        severity: Severity::Error,
        refs: &["R20", "W12"],
        sources: sources![
            Source::Doc(
                "LambdaConfig.KMSKeyID",
                "Amazon Cognito uses the key to encrypt codes and temporary passwords sent to custom sender Lambda triggers.",
            ),
            Source::Web(
                "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sender-triggers.html",
                "Amazon Cognito encrypts these secrets with an AWS KMS customer managed key … Amazon Cognito uses symmetric keys.",
            ),
        ],
        check: custom_sender_needs_kms_key,
    },
    Rule {
        id: "arn.wrong-service",
        severity: Severity::Warning,
        refs: &["R51"],
        sources: sources![
            Source::Doc(
                "SmsConfiguration.SnsCallerArn",
                "This is the ARN of the IAM role in your Amazon Web Services account that Amazon Cognito will use to send SMS messages.",
            ),
            Source::Doc(
                "EmailConfiguration.SourceArn",
                "The ARN of a verified email address or an address from a verified domain in Amazon SES.",
            ),
        ],
        check: wrong_service,
    },
];

/// The parts of `arn:partition:service:region:account:resource`.
#[derive(Debug, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

/// Splits an ARN; `None` when it has fewer than six parts.
pub fn parse_arn(text: &str) -> Option<Arn<'_>> {
    let mut parts = text.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    Some(Arn {
        partition: parts.next()?,
        service: parts.next()?,
        region: parts.next()?,
        account: parts.next()?,
        resource: parts.next()?,
    })
}

/// The trigger fields that take a Lambda function ARN.
pub const FUNCTION_ARNS: [&str; 14] = [
    "LambdaConfig.PreSignUp",
    "LambdaConfig.CustomMessage",
    "LambdaConfig.PostConfirmation",
    "LambdaConfig.PreAuthentication",
    "LambdaConfig.PostAuthentication",
    "LambdaConfig.DefineAuthChallenge",
    "LambdaConfig.CreateAuthChallenge",
    "LambdaConfig.VerifyAuthChallengeResponse",
    "LambdaConfig.PreTokenGeneration",
    "LambdaConfig.UserMigration",
    "LambdaConfig.PreTokenGenerationConfig.LambdaArn",
    "LambdaConfig.CustomSMSSender.LambdaArn",
    "LambdaConfig.CustomEmailSender.LambdaArn",
    "LambdaConfig.InboundFederation.LambdaArn",
];

/// Every ARN field with the service and resource type it must name.
pub const ARN_KINDS: [(&str, &str, &str, &str); 18] = {
    const LAMBDA: (&str, &str, &str) =
        ("lambda", "function:", "a Lambda function ARN (arn:aws:lambda:region:account:function:name)");
    const KMS: (&str, &str, &str) = ("kms", "key/", "a KMS key ARN (arn:aws:kms:region:account:key/id)");
    const ROLE: (&str, &str, &str) = ("iam", "role/", "an IAM role ARN (arn:aws:iam::account:role/name)");
    let f = FUNCTION_ARNS;
    [
        (f[0], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        (f[1], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        (f[2], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        (f[3], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        (f[4], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        (f[5], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        (f[6], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        (f[7], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        (f[8], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        (f[9], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        (f[10], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        (f[11], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        (f[12], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        (f[13], LAMBDA.0, LAMBDA.1, LAMBDA.2),
        ("LambdaConfig.KMSKeyID", KMS.0, KMS.1, KMS.2),
        ("KeyConfiguration.KmsKeyArn", KMS.0, KMS.1, KMS.2),
        (
            "EmailConfiguration.SourceArn",
            "ses",
            "identity/",
            "an SES identity ARN (arn:aws:ses:region:account:identity/example.com)",
        ),
        ("SmsConfiguration.SnsCallerArn", ROLE.0, ROLE.1, ROLE.2),
    ]
};

fn pre_token_arns_differ(ctx: &Ctx, out: &mut Vec<Finding>) {
    let legacy = "LambdaConfig.PreTokenGeneration";
    let config = "LambdaConfig.PreTokenGenerationConfig.LambdaArn";
    if let (Some(a), Some(b)) = (ctx.text(legacy), ctx.text(config)) {
        if a != b {
            out.push(Finding::new(
                &[legacy, config],
                "The legacy pre token generation ARN must be the same function as the pre token generation config: copy the same ARN into both, or remove the legacy one",
            ));
        }
    }
}

fn custom_sender_needs_kms_key(ctx: &Ctx, out: &mut Vec<Finding>) {
    let senders: Vec<&str> = ["LambdaConfig.CustomSMSSender", "LambdaConfig.CustomEmailSender"]
        .into_iter()
        .filter(|p| ctx.is_set(p))
        .collect();
    if !senders.is_empty() && ctx.non_empty("LambdaConfig.KMSKeyID").is_none() {
        out.push(Finding::new(
            &["LambdaConfig.KMSKeyID", senders[0]],
            "Custom sender triggers receive codes encrypted with your KMS key: add the ARN of a symmetric customer managed KMS key (KMS key for custom sender triggers)",
        ));
    }
}

fn wrong_service(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut check = |path: &str, service: &str, resource: &str, what: &str| {
        let Some(text) = ctx.non_empty(path) else { return };
        let Some(arn) = parse_arn(text) else { return }; // the model's pattern reports malformed ARNs
        if arn.service != service || !arn.resource.starts_with(resource) {
            out.push(Finding::new(&[path], format!("Enter {what}: this ARN names {}:{}", arn.service, arn.resource)));
        }
    };
    for (path, service, resource, what) in ARN_KINDS {
        check(path, service, resource, what);
    }
    check("SmsConfiguration.EumsSms.CallerArn", "iam", "role/", "an IAM role ARN (arn:aws:iam::account:role/name)");
}
