//! Tags (`UserPoolTags`): AWS's general tagging rules, which the model does not state.

use super::{Ctx, Finding, Rule};
use crate::diagnostic::{Severity, Source};

const TAGGING: &str = "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html";

pub const RULES: &[Rule] = &[
    Rule {
        id: "tags.reserved-prefix",
        severity: Severity::Error,
        refs: &["tags"],
        sources: sources![Source::Web(TAGGING, "The aws: prefix is reserved for AWS use; you can't create tag keys or values with it")],
        check: reserved_prefix,
    },
    Rule {
        id: "tags.too-many",
        severity: Severity::Error,
        refs: &["tags"],
        sources: sources![Source::Web(TAGGING, "Maximum number of user-created tags per resource: 50")],
        check: too_many,
    },
    Rule {
        id: "tags.characters",
        severity: Severity::Warning,
        refs: &["tags"],
        sources: sources![Source::Web(
            TAGGING,
            "Tag keys and values can contain letters, numbers and spaces representable in UTF-8, and the characters + - = . _ : / @",
        )],
        check: characters,
    },
];

fn reserved_prefix(ctx: &Ctx, out: &mut Vec<Finding>) {
    for entry in ctx.entries("UserPoolTags") {
        let key = entry.key;
        if key.to_ascii_lowercase().starts_with("aws:") {
            out.push(Finding::at_paths(
                vec![entry.key_path()],
                format!("Tag keys cannot start with aws: (it is reserved): rename ‘{key}’"),
            ));
        }
    }
}

fn too_many(ctx: &Ctx, out: &mut Vec<Finding>) {
    let count = ctx.entries("UserPoolTags").len();
    if count > 50 {
        out.push(Finding::new(
            &["UserPoolTags"],
            format!("A user pool can have at most 50 tags: remove {}", count - 50),
        ));
    }
}

fn allowed(c: char) -> bool {
    use crate::pattern::Category;
    matches!(Category::of(c), Category::Letter | Category::Number)
        || matches!(c, ' ' | '+' | '-' | '=' | '.' | '_' | ':' | '/' | '@')
}

fn characters(ctx: &Ctx, out: &mut Vec<Finding>) {
    for entry in ctx.entries("UserPoolTags") {
        for (text, is_key, what) in [(entry.key, true, "key"), (entry.text().unwrap_or_default(), false, "value")] {
            if let Some(bad) = text.chars().find(|c| !allowed(*c)) {
                out.push(Finding::at_paths(
                    vec![if is_key { entry.key_path() } else { entry.path() }],
                    format!(
                        "Tag {what}s can only include letters, numbers, spaces and + - = . _ : / @: remove {} from ‘{text}’",
                        crate::validate::describe_char(bad)
                    ),
                ));
            }
        }
    }
}
