//! Defaults per target: what a field becomes when it is left out of the API request, a
//! CloudFormation template, a Terraform resource or the console's create wizard. They differ,
//! and users hit the differences (research peers.md §3F), so the form can mark "differs from
//! the API default" and explain the others.

use super::Ctx;
use crate::value::FieldPath;

/// What each target does when the field is omitted (`None`: the target has no default or
/// always asks). Values are API values.
#[derive(Debug)]
pub struct Default {
    pub path: &'static str,
    pub api: &'static str,
    pub cloudformation: &'static str,
    pub terraform: Option<&'static str>,
    pub console: Option<&'static str>,
    pub note: &'static str,
}

pub const DEFAULTS: [Default; 12] = [
    Default {
        path: "UserPoolTier",
        api: "ESSENTIALS",
        cloudformation: "ESSENTIALS",
        terraform: None,
        console: Some("ESSENTIALS"),
        note: "The model: “Defaults to ESSENTIALS.” Terraform leaves it to the API when unset.",
    },
    Default {
        path: "DeletionProtection",
        api: "INACTIVE",
        cloudformation: "INACTIVE",
        terraform: Some("INACTIVE"),
        console: Some("ACTIVE"),
        note: "The console turns deletion protection on for new pools (since October 2022); the API, CloudFormation and Terraform do not.",
    },
    Default {
        path: "UsernameConfiguration.CaseSensitive",
        api: "true",
        cloudformation: "true",
        terraform: None,
        console: Some("false"),
        note: "Without a username configuration, usernames are case-sensitive; the console creates case-insensitive pools. It cannot be changed later.",
    },
    Default {
        path: "MfaConfiguration",
        api: "OFF",
        cloudformation: "OFF",
        terraform: Some("OFF"),
        console: None,
        note: "Terraform sets MFA with SetUserPoolMfaConfig after creating the pool.",
    },
    Default {
        path: "EmailConfiguration.EmailSendingAccount",
        api: "COGNITO_DEFAULT",
        cloudformation: "COGNITO_DEFAULT",
        terraform: Some("COGNITO_DEFAULT"),
        console: Some("COGNITO_DEFAULT"),
        note: "The default account sends a limited number of emails a day (50).",
    },
    Default {
        path: "VerificationMessageTemplate.DefaultEmailOption",
        api: "CONFIRM_WITH_CODE",
        cloudformation: "CONFIRM_WITH_CODE",
        terraform: Some("CONFIRM_WITH_CODE"),
        console: Some("CONFIRM_WITH_CODE"),
        note: "",
    },
    Default {
        path: "Policies.PasswordPolicy.MinimumLength",
        api: "8",
        cloudformation: "8",
        terraform: Some("8"),
        console: Some("8"),
        note: "A password policy sent without the character-class settings does not require those classes; leaving the whole policy out requires all four.",
    },
    Default {
        path: "Policies.PasswordPolicy.TemporaryPasswordValidityDays",
        api: "7",
        cloudformation: "7",
        terraform: Some("7"),
        console: Some("7"),
        note: "The model: “Defaults to 7.”; 0 also means 7.",
    },
    Default {
        path: "Policies.PasswordPolicy.PasswordHistorySize",
        api: "0",
        cloudformation: "0",
        terraform: None,
        console: None,
        note: "",
    },
    Default {
        path: "AdminCreateUserConfig.AllowAdminCreateUserOnly",
        api: "false",
        cloudformation: "false",
        terraform: Some("false"),
        console: None,
        note: "",
    },
    Default {
        path: "UserPoolAddOns.AdvancedSecurityMode",
        api: "OFF",
        cloudformation: "OFF",
        terraform: None,
        console: None,
        note: "Threat protection needs the Plus plan.",
    },
    Default {
        path: "KeyConfiguration.KeyType",
        api: "AWS_OWNED_KEY",
        cloudformation: "AWS_OWNED_KEY",
        terraform: None,
        console: Some("AWS_OWNED_KEY"),
        note: "The model: “If not specified, Amazon Web Services managed keys are used.”",
    },
];

/// The defaults of a model path.
pub fn of(model_path: &str) -> Option<&'static Default> {
    DEFAULTS.iter().find(|d| d.path == model_path)
}

/// A set value that differs from what the API does when the field is left out.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub path: FieldPath,
    pub value: String,
    pub api_default: &'static str,
}

/// Every set field whose value differs from its API default.
pub fn differences(form: &crate::value::FormValue) -> Vec<Difference> {
    let ctx = Ctx::new(form);
    DEFAULTS
        .iter()
        .filter_map(|d| {
            let value = ctx.text(d.path)?;
            let same = value == d.api
                || crate::validate::parse_integer(value).map(|n| n.to_string()).as_deref() == Some(d.api);
            (!same).then(|| Difference { path: super::at(d.path), value: value.to_string(), api_default: d.api })
        })
        .collect()
}
