//! Feature plans (`UserPoolTier`): which plan each setting needs, the lowest plan a request
//! needs, and the rule that reports settings the chosen plan does not include.
//!
//! The API default is `ESSENTIALS` (doc of `UserPoolTier`: "Defaults to ESSENTIALS."), so a
//! request without a tier is checked against Essentials. `LITE` lacks what the table says
//! needs Essentials; only `PLUS` has threat protection.

use super::{Ctx, Finding, Rule};
use crate::diagnostic::{Severity, Source};

/// A feature plan, in increasing order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Lite,
    Essentials,
    Plus,
}

impl Tier {
    pub fn parse(text: &str) -> Option<Tier> {
        match text {
            "LITE" => Some(Tier::Lite),
            "ESSENTIALS" => Some(Tier::Essentials),
            "PLUS" => Some(Tier::Plus),
            _ => None,
        }
    }

    /// The API value (`ESSENTIALS`).
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Lite => "LITE",
            Tier::Essentials => "ESSENTIALS",
            Tier::Plus => "PLUS",
        }
    }

    /// How people say it ("Essentials").
    pub fn name(self) -> &'static str {
        match self {
            Tier::Lite => "Lite",
            Tier::Essentials => "Essentials",
            Tier::Plus => "Plus",
        }
    }
}

/// Which values of a field need a plan above Lite.
#[derive(Clone, Copy, Debug)]
pub enum When {
    /// Any value (the field is set at all).
    Set,
    /// One of these values.
    OneOf(&'static [&'static str]),
    /// A whole number above zero.
    Positive,
}

/// One feature-plan fact: setting `path` (model path) as `when` says needs `tier`.
#[derive(Debug)]
pub struct Requirement {
    pub path: &'static str,
    pub when: When,
    pub tier: Tier,
    /// The feature, as the message names it.
    pub feature: &'static str,
    pub source: Source,
}

/// Everything in a request that needs more than the Lite plan.
pub const REQUIREMENTS: [Requirement; 7] = [
    Requirement {
        path: "UserPoolAddOns.AdvancedSecurityMode",
        when: When::OneOf(&["AUDIT", "ENFORCED"]),
        tier: Tier::Plus,
        feature: "Threat protection",
        source: source!(Source::Doc("UserPoolAddOns", "To activate this setting, your user pool must be on the Plus tier.")),
    },
    Requirement {
        path: "UserPoolAddOns.AdvancedSecurityAdditionalFlows",
        when: When::Set,
        tier: Tier::Plus,
        feature: "Threat protection for custom authentication",
        source: source!(Source::Doc("UserPoolAddOns", "To activate this setting, your user pool must be on the Plus tier.")),
    },
    Requirement {
        path: "Policies.SignInPolicy",
        when: When::Set,
        tier: Tier::Essentials,
        feature: "Choice-based sign-in (allowed first factors)",
        source: source!(Source::Doc(
            "Policies.SignInPolicy",
            "To activate this setting, your user pool must be in the Essentials tier or higher.",
        )),
    },
    Requirement {
        path: "DcrConfiguration",
        when: When::Set,
        tier: Tier::Essentials,
        feature: "Dynamic client registration",
        source: source!(Source::Doc("DcrConfiguration", "To activate this setting, your user pool must be in the Essentials tier or higher.")),
    },
    Requirement {
        path: "AcrConfiguration",
        when: When::Set,
        tier: Tier::Essentials,
        feature: "Custom ACR level names",
        source: source!(Source::Doc("AcrConfiguration", "Configuring custom ACR level names requires the Essentials or Plus feature plan.")),
    },
    Requirement {
        path: "LambdaConfig.PreTokenGenerationConfig.LambdaVersion",
        when: When::OneOf(&["V2_0", "V3_0"]),
        tier: Tier::Essentials,
        feature: "Access token customization (pre token generation V2_0 or V3_0)",
        source: source!(Source::Web(
            "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html",
            "In user pools with the Essentials or Plus feature plan, you can generate the version two or V2_0 trigger event with access token customization, and the version three or V3_0 trigger event …",
        )),
    },
    Requirement {
        path: "Policies.PasswordPolicy.PasswordHistorySize",
        when: When::Positive,
        tier: Tier::Essentials,
        feature: "Password history",
        source: source!(Source::Web(
            "https://docs.aws.amazon.com/cognito/latest/developerguide/feature-plans-features-essentials.html",
            "password reuse prevention (password history) is an Essentials plan feature",
        )),
    },
];

/// The lowest plan that allows setting the field at all (for the plan badge in the form).
pub fn badge(model_path: &str) -> Option<Tier> {
    REQUIREMENTS
        .iter()
        .filter(|r| model_path == r.path || model_path.strip_prefix(r.path).is_some_and(|rest| rest.starts_with('.')))
        .map(|r| r.tier)
        .min()
}

/// The requirements that this request meets (it uses the feature).
pub fn used<'a>(ctx: &Ctx<'_>) -> Vec<&'a Requirement> {
    REQUIREMENTS
        .iter()
        .filter(|r| match r.when {
            When::Set => ctx.is_set(r.path),
            When::OneOf(values) => ctx.text(r.path).is_some_and(|v| values.contains(&v)),
            When::Positive => ctx.int(r.path).is_some_and(|n| n > 0),
        })
        .collect()
}

/// The lowest plan the request needs (Lite when it uses nothing above it).
pub fn min_tier(form: &crate::value::FormValue) -> Tier {
    used(&Ctx::new(form)).iter().map(|r| r.tier).max().unwrap_or(Tier::Lite)
}

pub const RULES: &[Rule] = &[Rule {
    id: "plan.feature-not-in-plan",
    severity: Severity::Error,
    refs: &["R4", "R5", "R6", "R7", "R8", "R21", "W13", "W14", "W20"],
    sources: sources![
        Source::Doc("UserPoolTier", "Defaults to ESSENTIALS."),
        Source::Web(
            "https://github.com/hashicorp/terraform-provider-aws/pull/40734",
            "FeatureUnavailableInTierException: The following features need to be disabled for the ESSENTIALS pricing tier configured: Threat Protection",
        ),
    ],
    check: feature_not_in_plan,
}];

fn feature_not_in_plan(ctx: &Ctx, out: &mut Vec<Finding>) {
    let tier = ctx.tier();
    let chosen = if ctx.is_set("UserPoolTier") {
        format!("the {} plan", tier.name())
    } else {
        "Essentials, the default plan".into()
    };
    for requirement in used(ctx).into_iter().filter(|r| r.tier > tier) {
        out.push(Finding::new(
            &[requirement.path, "UserPoolTier"],
            format!(
                "{} needs the {} feature plan, but the pool uses {chosen}: set the feature plan to {}, or remove the setting",
                requirement.feature,
                requirement.tier.name(),
                requirement.tier.as_str()
            ),
        )
        .citing(requirement.source));
    }
}
