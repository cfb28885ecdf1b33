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
    for (key, _, path) in ctx.entries("UserPoolTags") {
        if key.to_ascii_lowercase().starts_with("aws:") {
            out.push(Finding::at_paths(
                vec![path.with(crate::value::Segment::KeyName)],
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
    matches!(Category::of(c), Category::Letter | Category::Number) || c == ' ' || "+-=._:/@".contains(c)
}

fn characters(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (key, node, path) in ctx.entries("UserPoolTags") {
        let value = match node {
            crate::value::Node::Text(t) => t.as_str(),
            _ => "",
        };
        for (text, at, what) in
            [(key, path.with(crate::value::Segment::KeyName), "key"), (value, path.clone(), "value")]
        {
            if let Some(bad) = text.chars().find(|c| !allowed(*c)) {
                out.push(Finding::at_paths(
                    vec![at],
                    format!(
                        "Tag {what}s can only include letters, numbers, spaces and + - = . _ : / @: remove {} from ‘{text}’",
                        crate::validate::describe_char(bad)
                    ),
                ));
            }
        }
    }
}
