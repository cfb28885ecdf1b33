//! Guidance the request cannot decide (it depends on the Region, the account, IAM or other
//! resources), shown next to the field instead of as a problem; and the map from every
//! research item (createuserpool-api.md §7 R1–R51 and §8 W1–W21) to how Poolsmith handles it.

use crate::diagnostic::Source;

/// A note shown with a field (model path).
#[derive(Debug)]
pub struct Note {
    pub path: &'static str,
    pub text: &'static str,
    pub source: Source,
}

pub const NOTES: [Note; 13] = [
    Note {
        path: "MfaConfiguration",
        text: "CreateUserPool only turns on SMS MFA. Authenticator-app (TOTP) and email MFA are set afterwards with SetUserPoolMfaConfig: choose them in the export options and every export adds that step.",
        source: source!(Source::Doc("MfaConfiguration", "To configure TOTP or email MFA, use the SetUserPoolMfaConfig operation.")),
    },
    Note {
        path: "EmailConfiguration.EmailSendingAccount",
        text: "Choosing DEVELOPER makes Amazon Cognito create a service-linked role in your account; whoever creates the pool needs permission for that.",
        source: source!(Source::Doc(
            "EmailConfiguration.EmailSendingAccount",
            "When you update your user pool with this option, Amazon Cognito creates a service-linked role, which is a type of role in your Amazon Web Services account.",
        )),
    },
    Note {
        path: "EmailConfiguration.SourceArn",
        text: "The SES identity must be verified and belong to the account that creates the pool (otherwise: “Email arn does not belong to your account.”).",
        source: source!(Source::Web("https://github.com/aws/aws-cdk/issues/25115", "service error: “Email arn does not belong to your account.”")),
    },
    Note {
        path: "SmsConfiguration.EumsSms.Region",
        text: "Leave it out, or enter the pool's own Region: any other Region is rejected.",
        source: source!(Source::Doc(
            "SmsConfiguration.EumsSms.Region",
            "Amazon Cognito rejects any other value with an InvalidParameterException.",
        )),
    },
    Note {
        path: "SmsConfiguration.ExternalId",
        text: "It must match the external ID condition in the SMS role's trust policy, or sending fails.",
        source: source!(Source::Doc(
            "SmsConfiguration.ExternalId",
            "You can configure the role trust policy to require that Amazon Cognito, and any principal, provide the ExternalID.",
        )),
    },
    Note {
        path: "Schema",
        text: "Required attributes are fixed when the pool is created; custom attributes can be added later but never removed or changed.",
        source: source!(Source::Doc("Schema", "The specifications in this parameter set the required attributes in your user pool.")),
    },
    Note {
        path: "Schema[].Mutable",
        text: "Attributes that you map from an identity provider must be mutable.",
        source: source!(Source::Doc(
            "Schema[].Mutable",
            "Any user pool attribute whose value you map from an IdP attribute must be mutable, with a parameter value of true.",
        )),
    },
    Note {
        path: "Schema[].AttributeDataType",
        text: "Custom attribute values reach ID tokens as strings, whatever their type.",
        source: source!(Source::Doc("Schema[].AttributeDataType", "A custom attribute value in your user's ID token is always a string")),
    },
    Note {
        path: "KeyConfiguration.KeyType",
        text: "Replicating the pool to other Regions needs a multi-Region KMS key.",
        source: source!(Source::Doc("KeyConfiguration.KeyType", "You must use a multi-region key to enable multi-region replication for a user pool.")),
    },
    Note {
        path: "IssuerConfiguration.Type",
        text: "UPDATED is recommended for every pool, and needed for multi-Region replication.",
        source: source!(Source::Doc("IssuerConfiguration.Type", "Recommended for all user pools, including for multi-Region replication.")),
    },
    Note {
        path: "DeletionProtection",
        text: "With ACTIVE, DeleteUserPool fails until an UpdateUserPool sets INACTIVE; the CloudFormation and Terraform exports also keep the pool when the stack is deleted.",
        source: source!(Source::Doc(
            "DeletionProtection",
            "When you try to delete a protected user pool in a DeleteUserPool API request, Amazon Cognito returns an InvalidParameterException error.",
        )),
    },
    Note {
        path: "AdminCreateUserConfig.AllowAdminCreateUserOnly",
        text: "true turns self sign-up off: only administrators create users.",
        source: source!(Source::Doc("AdminCreateUserConfig.AllowAdminCreateUserOnly", "When true, only administrators can create new user profiles.")),
    },
    Note {
        path: "LambdaConfig.KMSKeyID",
        text: "Use the ARN (not the key ID) of a symmetric customer managed key.",
        source: source!(Source::Web(
            "https://github.com/awsdocs/amazon-cognito-developer-guide/issues/44",
            "KMSKeyID must be a key ARN; custom sender triggers use symmetric keys",
        )),
    },
];

/// The notes of a model path.
pub fn for_path(model_path: &str) -> impl Iterator<Item = &'static Note> + '_ {
    NOTES.iter().filter(move |n| n.path == model_path)
}

/// How a research item is handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handling {
    /// By these rule ids.
    Rules(&'static [&'static str]),
    /// By the model's own constraints (pattern, enum, required), which `validate` checks.
    Model(&'static str),
    /// As a note on this field (the request cannot decide it).
    Note(&'static str),
    /// As a lock fact (`locked`).
    Locked,
}

/// Every rule of the research inventory and how Poolsmith handles it.
pub const RESEARCH: [(&str, Handling); 72] = {
    use Handling::*;
    [
        ("R1", Rules(&["mfa.sms-configuration-required"])),
        ("R2", Note("MfaConfiguration")),
        ("R3", Rules(&["mfa.optional-with-threat-protection"])),
        ("R4", Rules(&["plan.feature-not-in-plan"])),
        ("R5", Rules(&["plan.feature-not-in-plan"])),
        ("R6", Rules(&["plan.feature-not-in-plan"])),
        ("R7", Rules(&["plan.feature-not-in-plan"])),
        ("R8", Rules(&["plan.feature-not-in-plan"])),
        ("R9", Rules(&["sign-in.software-token-first-factor"])),
        ("R10", Rules(&["messages.email-option-bodies", "messages.unused-email-body"])),
        ("R11", Model("the {####} and {##…##} placeholders are part of the email message patterns")),
        ("R12", Rules(&["messages.email-template-needs-ses"])),
        ("R13", Rules(&["messages.email-template-needs-ses"])),
        ("R14", Rules(&["messages.invitation-placeholders"])),
        ("R15", Rules(&["lint.deprecated-field"])),
        ("R16", Rules(&["passwords.temporary-validity-conflict"])),
        ("R17", Rules(&["passwords.zero-validity-means-default"])),
        ("R18", Rules(&["lambda.pre-token-arns-differ"])),
        ("R19", Model("the custom sender and inbound federation LambdaVersion enums only allow V1_0")),
        ("R20", Rules(&["lambda.custom-sender-needs-kms-key"])),
        ("R21", Rules(&["plan.feature-not-in-plan"])),
        ("R22", Rules(&["messages.trigger-replaces-templates"])),
        ("R23", Rules(&["email.ses-needs-source-arn"])),
        ("R24", Rules(&["email.source-arn-region"])),
        ("R25", Note("EmailConfiguration.EmailSendingAccount")),
        ("R26", Rules(&["email.from-needs-ses", "email.from-format"])),
        ("R27", Rules(&["email.configuration-set-needs-ses"])),
        ("R28", Rules(&["sms.sns-or-eums"])),
        ("R29", Note("SmsConfiguration.EumsSms.Region")),
        ("R30", Rules(&["sms.origination-identity-format"])),
        ("R31", Rules(&["sms.india-dlt-pair"])),
        ("R32", Rules(&["sms.region"])),
        ("R33", Note("SmsConfiguration.ExternalId")),
        ("R34", Model("SmsAuthenticationMessage's pattern requires {####} on one line")),
        ("R35", Rules(&["lint.case-sensitive-usernames"])),
        ("R36", Locked),
        ("R37", Rules(&["schema.name-prefix"])),
        ("R38", Rules(&["schema.developer-only"])),
        ("R39", Note("Schema[].Mutable")),
        ("R40", Rules(&["schema.constraints-kind", "schema.constraints-values"])),
        ("R41", Note("Schema[].AttributeDataType")),
        ("R42", Rules(&["devices.any-field-turns-on"])),
        ("R43", Rules(&["recovery.distinct-mechanisms", "recovery.sms-with-sms-mfa"])),
        ("R44", Rules(&["dcr.settings"])),
        ("R45", Rules(&["acr.unique-names"])),
        ("R46", Rules(&["keys.customer-managed-needs-arn"])),
        ("R47", Note("IssuerConfiguration.Type")),
        ("R48", Rules(&["lint.deletion-protection"])),
        ("R49", Rules(&["updates.verify-before-update-needs-auto-verify"])),
        ("R50", Note("AdminCreateUserConfig.AllowAdminCreateUserOnly")),
        ("R51", Rules(&["arn.wrong-service"])),
        ("W1", Rules(&["sign-in.alias-or-username"])),
        ("W2", Locked),
        ("W3", Rules(&["schema.custom-required", "schema.constraints-values"])),
        ("W4", Rules(&["schema.name-prefix", "schema.verified-flags", "schema.standard-attribute-type", "schema.duplicate-name"])),
        ("W5", Rules(&["sign-in.preferred-username-required-alias"])),
        ("W6", Rules(&["mfa.phone-auto-verification"])),
        ("W7", Rules(&["mfa.phone-verification-needs-sms"])),
        ("W8", Rules(&["updates.verify-before-update-needs-auto-verify"])),
        ("W9", Rules(&["passwords.temporary-validity-conflict"])),
        ("W10", Rules(&["email.from-needs-ses"])),
        ("W11", Note("EmailConfiguration.SourceArn")),
        ("W12", Rules(&["lambda.custom-sender-needs-kms-key"])),
        ("W13", Rules(&["plan.feature-not-in-plan"])),
        ("W14", Rules(&["plan.feature-not-in-plan"])),
        ("W15", Rules(&["sign-in.password-first-factor"])),
        ("W16", Rules(&["sign-in.otp-delivery"])),
        ("W17", Rules(&["messages.invitation-placeholders", "messages.username-in-verification"])),
        ("W18", Model("EmailMessage's pattern requires {####} for code verification")),
        ("W19", Model("the model's bounds carry the per-field quotas (password 6–99, subject ≤ 140); account quotas such as 1,000 pools cannot be checked from a request")),
        ("W20", Rules(&["plan.feature-not-in-plan"])),
        ("W21", Rules(&["recovery.distinct-mechanisms"])),
    ]
};
