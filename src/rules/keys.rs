//! Encryption keys, token issuer, ACR level names and dynamic client registration.

use super::{Ctx, Finding, Rule};
use crate::diagnostic::{Severity, Source};
use crate::value::Node;

pub const RULES: &[Rule] = &[
    Rule {
        id: "keys.customer-managed-needs-arn",
        severity: Severity::Error,
        refs: &["R46"],
        sources: sources![Source::Doc("KeyConfiguration.KmsKeyArn", "If not specified, Amazon Web Services managed keys are used.")],
        check: customer_managed_needs_arn,
    },
    Rule {
        id: "acr.unique-names",
        severity: Severity::Error,
        refs: &["R45"],
        sources: sources![
            Source::Doc(
                "AcrConfiguration",
                "Each name must be unique across all four levels, including any default names that apply to levels you don't override.",
            ),
            Source::Doc(
                "AcrConfiguration",
                "By default, the levels are named urn:cognito:loa:1 through urn:cognito:loa:4, and Amazon Cognito applies the default name to any level that you don't specify.",
            ),
        ],
        check: acr_unique_names,
    },
    Rule {
        id: "dcr.settings",
        severity: Severity::Warning,
        refs: &["R44"],
        sources: sources![
            Source::Doc(
                "DcrConfiguration.AuthenticatedGrantTypes",
                "If you set an empty list, Amazon Cognito rejects authenticated registration requests.",
            ),
            Source::Doc("DcrConfiguration.AuthenticatedGrantTypes", "Amazon Cognito accepts implicit in this list but ignores it."),
            Source::Doc(
                "DcrConfiguration.OpenDcrGrantTypes",
                "If you add client_credentials, anyone can register an app client that requests machine-to-machine (M2M) access tokens, and you pay for the M2M token requests that those app clients make.",
            ),
            Source::Doc(
                "DcrConfiguration.AllowedScopes",
                "A registered app client can't request the aws.cognito/dcr/register scope, even if you include it in this list.",
            ),
        ],
        check: dcr_settings,
    },
];

fn customer_managed_needs_arn(ctx: &Ctx, out: &mut Vec<Finding>) {
    let arn = ctx.non_empty("KeyConfiguration.KmsKeyArn").is_some();
    match ctx.text("KeyConfiguration.KeyType") {
        Some("CUSTOMER_MANAGED_KEY") if !arn => out.push(Finding::new(
            &["KeyConfiguration.KmsKeyArn", "KeyConfiguration.KeyType"],
            "A customer managed key needs its ARN: enter the KMS key ARN (a multi-Region key if you will replicate the pool)",
        )),
        Some("AWS_OWNED_KEY") if arn => out.push(Finding::new(
            &["KeyConfiguration.KmsKeyArn", "KeyConfiguration.KeyType"],
            "The KMS key ARN is only used with CUSTOMER_MANAGED_KEY: choose that key type, or remove the ARN",
        )),
        _ => {}
    }
}

fn acr_unique_names(ctx: &Ctx, out: &mut Vec<Finding>) {
    let entries = ctx.entries("AcrConfiguration");
    // The effective name of every level: the configured AcrValue, or the default.
    let mut names: Vec<(String, String, Option<crate::value::FieldPath>)> = Vec::new();
    for level in 1..=4 {
        let key = format!("Level{level}");
        let configured = entries.iter().find(|e| e.key == key).and_then(|entry| {
            let Node::Struct(members) = entry.node else { return None };
            let path = entry.path();
            let field = crate::model::by_path("AcrConfiguration{}.AcrValue")?;
            match members.get(field.id) {
                Some(Node::Text(value)) => Some((value.clone(), path.with_member("AcrValue"))),
                _ => None,
            }
        });
        match configured {
            Some((value, path)) => names.push((key, value, Some(path))),
            None => names.push((key, format!("urn:cognito:loa:{level}"), None)),
        }
    }
    for (index, (level, value, path)) in names.iter().enumerate() {
        let Some(path) = path else { continue };
        if let Some((other, _, other_path)) =
            names.iter().enumerate().find(|(i, (_, v, _))| *i != index && v == value).map(|(_, n)| n)
        {
            if other_path.is_some() && other > level {
                continue; // report a pair once, at the later level
            }
            let whose = if other_path.is_some() { other.to_string() } else { format!("the default name of {other}") };
            out.push(Finding::at_paths(
                vec![path.clone()],
                format!("{level}'s name ‘{value}’ is also {whose}: give every level a different name"),
            ));
        }
    }
}

fn dcr_settings(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (path, mode) in
        [("DcrConfiguration.AuthenticatedGrantTypes", "authenticated"), ("DcrConfiguration.OpenDcrGrantTypes", "open")]
    {
        if ctx.is_set(path) && ctx.list(path).is_empty() {
            out.push(Finding::new(
                &[path],
                format!("An empty list turns {mode} registration off: add the grant types to allow, or remove the list to use the defaults"),
            ));
        }
        if ctx.list_has(path, "implicit") {
            out.push(Finding::new(&[path], "Amazon Cognito ignores implicit here: remove it"));
        }
    }
    let open = ctx.flag("DcrConfiguration.OpenDcrEnabled") == Some(true);
    if open && ctx.list_has("DcrConfiguration.OpenDcrGrantTypes", "client_credentials") {
        out.push(Finding::new(
            &["DcrConfiguration.OpenDcrGrantTypes"],
            "With client_credentials in open registration, anyone can register machine-to-machine clients and you pay for their tokens: remove it unless that is intended",
        ));
    }
    if !open && ctx.is_set("DcrConfiguration.OpenDcrGrantTypes") {
        out.push(Finding::new(
            &["DcrConfiguration.OpenDcrGrantTypes", "DcrConfiguration.OpenDcrEnabled"],
            "Open registration grant types only apply when open registration is on: set open DCR enabled to true, or remove them",
        ));
    }
    if ctx.list_has("DcrConfiguration.AllowedScopes", "aws.cognito/dcr/register") {
        out.push(Finding::new(
            &["DcrConfiguration.AllowedScopes"],
            "Registered clients can never get the aws.cognito/dcr/register scope: remove it from the allowed scopes",
        ));
    }
}
