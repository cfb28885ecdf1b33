//! Passwords and temporary passwords.

use super::{Ctx, Finding, Rule};
use crate::diagnostic::{Severity, Source};

pub const RULES: &[Rule] = &[
    Rule {
        id: "passwords.temporary-validity-conflict",
        severity: Severity::Error,
        refs: &["R16", "W9"],
        sources: sources![
            Source::Doc(
                "Policies.PasswordPolicy.TemporaryPasswordValidityDays",
                "When you set TemporaryPasswordValidityDays for a user pool, you can no longer set a value for the legacy UnusedAccountValidityDays parameter in that user pool.",
            ),
            Source::Web(
                "https://github.com/aws/aws-sdk-js/issues/3817",
                "service error: “Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays”",
            ),
        ],
        check: temporary_validity_conflict,
    },
    Rule {
        id: "passwords.zero-validity-means-default",
        severity: Severity::Warning,
        refs: &["R17"],
        sources: sources![Source::Doc(
            "Policies.PasswordPolicy.TemporaryPasswordValidityDays",
            "If you submit a value of 0, Amazon Cognito treats it as a null value and sets TemporaryPasswordValidityDays to its default value.",
        )],
        check: zero_validity,
    },
];

fn temporary_validity_conflict(ctx: &Ctx, out: &mut Vec<Finding>) {
    let legacy = "AdminCreateUserConfig.UnusedAccountValidityDays";
    let current = "Policies.PasswordPolicy.TemporaryPasswordValidityDays";
    if ctx.is_set(legacy) && ctx.is_set(current) {
        out.push(Finding::new(
            &[legacy, current],
            "Remove the legacy unused account validity days: AWS rejects it together with the temporary password validity days, which replaces it",
        ));
    }
}

fn zero_validity(ctx: &Ctx, out: &mut Vec<Finding>) {
    let path = "Policies.PasswordPolicy.TemporaryPasswordValidityDays";
    if ctx.int(path) == Some(0) {
        out.push(Finding::new(
            &[path],
            "0 days means the default of 7 days: enter 7 (or the number of days you want) so the request says what happens",
        ));
    }
}
