//! Attributes (`Schema`): standard and custom attributes and their constraints.

use super::{Ctx, Finding, Rule};
use crate::diagnostic::{Severity, Source};

/// The standard attributes and their data types (developer guide, "User pool attributes").
pub const STANDARD_ATTRIBUTES: [(&str, &str); 18] = [
    ("address", "String"),
    ("birthdate", "String"),
    ("email", "String"),
    ("family_name", "String"),
    ("gender", "String"),
    ("given_name", "String"),
    ("locale", "String"),
    ("middle_name", "String"),
    ("name", "String"),
    ("nickname", "String"),
    ("phone_number", "String"),
    ("picture", "String"),
    ("preferred_username", "String"),
    ("profile", "String"),
    ("sub", "String"),
    ("updated_at", "Number"),
    ("website", "String"),
    ("zoneinfo", "String"),
];

/// Whether `name` is a standard attribute.
pub fn is_standard(name: &str) -> bool {
    STANDARD_ATTRIBUTES.iter().any(|(n, _)| *n == name)
}

const ATTRIBUTES_PAGE: &str =
    "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html";

pub const RULES: &[Rule] = &[
    Rule {
        id: "schema.name-required",
        severity: Severity::Error,
        refs: &["§1"],
        sources: sources![Source::Doc(
            "Schema[].Name",
            "When you add an attribute with a Name value of MyAttribute, Amazon Cognito creates the custom attribute custom:MyAttribute.",
        )],
        check: name_required,
    },
    Rule {
        id: "schema.name-prefix",
        severity: Severity::Error,
        refs: &["R37", "W4"],
        sources: sources![
            Source::Doc(
                "Schema[].Name",
                "When you add an attribute with a Name value of MyAttribute, Amazon Cognito creates the custom attribute custom:MyAttribute. When DeveloperOnlyAttribute is true, Amazon Cognito creates your attribute as dev:MyAttribute.",
            ),
            Source::Web(
                "https://github.com/awsdocs/aws-cloudformation-user-guide/issues/932",
                "“Custom attribute created with name custom:custom:sub”",
            ),
        ],
        check: name_prefix,
    },
    Rule {
        id: "schema.verified-flags",
        severity: Severity::Error,
        refs: &["W4"],
        sources: sources![Source::Web(
            "https://github.com/aws/aws-cdk/issues/14175",
            "email_verified and phone_number_verified are not schema attributes; adding them creates custom attributes (and phone_number_verified exceeds 20 characters)",
        )],
        check: verified_flags,
    },
    Rule {
        id: "schema.duplicate-name",
        severity: Severity::Error,
        refs: &["W4"],
        sources: sources![Source::Reasoning("an attribute name identifies the attribute; a second definition conflicts with the first")],
        check: duplicate_name,
    },
    Rule {
        id: "schema.custom-required",
        severity: Severity::Error,
        refs: &["W3"],
        sources: sources![Source::Web(
            "https://github.com/boto/boto3/issues/2317",
            "service error: “Required custom attributes are not supported currently.”",
        )],
        check: custom_required,
    },
    Rule {
        id: "schema.custom-type-required",
        severity: Severity::Error,
        refs: &["§1"],
        sources: sources![Source::Web(
            "https://github.com/getmoto/moto/blob/master/moto/cognitoidp/models.py",
            "“Invalid AttributeDataType input, consider using the provided AttributeDataType enum.” for a custom attribute without a data type (as the service answers)",
        )],
        check: custom_type_required,
    },
    Rule {
        id: "schema.standard-attribute-type",
        severity: Severity::Error,
        refs: &["W4"],
        sources: sources![
            Source::Web(ATTRIBUTES_PAGE, "standard attributes have fixed data types (updated_at is a number, the others are strings)"),
            Source::Web(
                "https://github.com/getmoto/moto/blob/master/moto/cognitoidp/models.py",
                "“You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute”",
            ),
        ],
        check: standard_attribute_type,
    },
    Rule {
        id: "schema.constraints-kind",
        severity: Severity::Error,
        refs: &["R40"],
        sources: sources![
            Source::Doc("Schema[].NumberAttributeConstraints", "Specifies the constraints for an attribute of the number type."),
            Source::Doc("Schema[].StringAttributeConstraints", "Specifies the constraints for an attribute of the string type."),
        ],
        check: constraints_kind,
    },
    Rule {
        id: "schema.constraints-values",
        severity: Severity::Error,
        refs: &["R40", "W3"],
        sources: sources![
            Source::Doc(
                "Schema[].StringAttributeConstraints.MaxLength",
                "Must be a number less than or equal to 2^1023, represented as a string with a length of 131072 characters or fewer.",
            ),
            Source::Web(
                "https://docs.aws.amazon.com/cognito/latest/developerguide/limits.html",
                "custom attribute values are at most 2,048 characters (“String attributes cannot have a length of more than 2048”)",
            ),
        ],
        check: constraints_values,
    },
    Rule {
        id: "schema.developer-only",
        severity: Severity::Warning,
        refs: &["R38"],
        sources: sources![Source::Doc(
            "Schema[].DeveloperOnlyAttribute",
            "You should use WriteAttributes in the user pool client to control how attributes can be mutated for new use cases instead of using DeveloperOnlyAttribute.",
        )],
        check: developer_only,
    },
];

fn name_required(ctx: &Ctx, out: &mut Vec<Finding>) {
    for row in ctx.rows("Schema") {
        if row.text("Name").is_none() {
            out.push(Finding::at_paths(
                vec![row.at("Name")],
                "Enter the attribute name: a standard attribute (like email) or a new custom one",
            ));
        }
    }
}

fn name_prefix(ctx: &Ctx, out: &mut Vec<Finding>) {
    for row in ctx.rows("Schema") {
        let Some(name) = row.text("Name") else { continue };
        if let Some(prefix) = ["custom:", "dev:"].into_iter().find(|p| name.starts_with(p)) {
            out.push(Finding::at_paths(
                vec![row.at("Name")],
                format!(
                    "Remove ‘{prefix}’ from the attribute name: Amazon Cognito adds it, so ‘{name}’ would become ‘{prefix}{name}’"
                ),
            ));
        }
    }
}

fn verified_flags(ctx: &Ctx, out: &mut Vec<Finding>) {
    for row in ctx.rows("Schema") {
        if let Some(name @ ("email_verified" | "phone_number_verified")) = row.text("Name") {
            out.push(Finding::at_paths(
                vec![row.at("Name")],
                format!("Remove the attribute ‘{name}’: Cognito keeps it by itself, and listing it here creates a custom attribute instead"),
            ));
        }
    }
}

fn duplicate_name(ctx: &Ctx, out: &mut Vec<Finding>) {
    let rows = ctx.rows("Schema");
    // Sorted (name, row) pairs: repeats sit next to each other (50 rows, every keystroke).
    let mut names: Vec<(&str, usize)> =
        rows.iter().enumerate().filter_map(|(i, r)| r.text("Name").map(|n| (n, i))).collect();
    names.sort_unstable();
    for pair in names.windows(2) {
        if pair[0].0 == pair[1].0 {
            let (name, later) = pair[1];
            out.push(Finding::at_paths(
                vec![rows[later].at("Name")],
                format!("The attribute ‘{name}’ is defined more than once: keep one definition"),
            ));
        }
    }
}

fn custom_required(ctx: &Ctx, out: &mut Vec<Finding>) {
    for row in ctx.rows("Schema") {
        let Some(name) = row.text("Name") else { continue };
        if !is_standard(name) && row.flag("Required") == Some(true) {
            out.push(Finding::at_paths(
                vec![row.at("Required")],
                format!("Custom attributes cannot be required: set Required to false for ‘{name}’ and check the value in a pre sign-up trigger instead"),
            ));
        }
    }
}

fn custom_type_required(ctx: &Ctx, out: &mut Vec<Finding>) {
    for row in ctx.rows("Schema") {
        let Some(name) = row.text("Name") else { continue };
        if !is_standard(name) && !row.is_set("AttributeDataType") {
            out.push(Finding::at_paths(
                vec![row.at("AttributeDataType")],
                format!("Select a data type for the custom attribute ‘{name}’: String, Number, DateTime or Boolean"),
            ));
        }
    }
}

fn standard_attribute_type(ctx: &Ctx, out: &mut Vec<Finding>) {
    for row in ctx.rows("Schema") {
        let Some(name) = row.text("Name") else { continue };
        let Some((_, standard_type)) = STANDARD_ATTRIBUTES.iter().find(|(n, _)| *n == name) else { continue };
        if let Some(given) = row.text("AttributeDataType").filter(|t| t != standard_type) {
            out.push(Finding::at_paths(
                vec![row.at("AttributeDataType")],
                format!("‘{name}’ is a standard attribute of type {standard_type}: set the data type to {standard_type} (not {given}), or give a custom attribute another name"),
            ));
        }
        if row.flag("DeveloperOnlyAttribute") == Some(true) {
            out.push(Finding::at_paths(
                vec![row.at("DeveloperOnlyAttribute")],
                format!(
                    "Standard attributes cannot be developer-only: set developer only attribute to false for ‘{name}’"
                ),
            ));
        }
    }
}

fn constraints_kind(ctx: &Ctx, out: &mut Vec<Finding>) {
    for row in ctx.rows("Schema") {
        let name = row.text("Name").unwrap_or("this attribute");
        let data_type = row
            .text("AttributeDataType")
            .or_else(|| STANDARD_ATTRIBUTES.iter().find(|(n, _)| Some(*n) == row.text("Name")).map(|(_, t)| *t));
        let Some(data_type) = data_type else { continue };
        if row.is_set("NumberAttributeConstraints") && data_type != "Number" {
            out.push(Finding::at_paths(
                vec![row.at("NumberAttributeConstraints")],
                format!("Number constraints only apply to Number attributes: remove them from ‘{name}’ (a {data_type} attribute), or change its data type"),
            ));
        }
        if row.is_set("StringAttributeConstraints") && data_type != "String" {
            out.push(Finding::at_paths(
                vec![row.at("StringAttributeConstraints")],
                format!("String constraints only apply to String attributes: remove them from ‘{name}’ (a {data_type} attribute), or change its data type"),
            ));
        }
    }
}

/// A decimal number as AWS accepts in number constraints: optional `-`, digits, optional
/// fraction.
fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty() && !fraction.is_empty() && whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit())
}

/// Compares two numbers that pass [`is_decimal`], exactly. Not `parse::<f64>()`: the float
/// parser carries about 12 KB (gzip) of tables and code into the WebAssembly, and an exact
/// comparison also orders numbers that differ beyond 17 digits.
fn decimal_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    // (negative, whole digits without leading zeros, fraction digits without trailing zeros)
    fn split(text: &str) -> (bool, &str, &str) {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let (whole, fraction) = (whole.trim_start_matches('0'), fraction.trim_end_matches('0'));
        let zero = whole.is_empty() && fraction.is_empty();
        (text.starts_with('-') && !zero, whole, fraction)
    }
    let ((a_negative, a_whole, a_fraction), (b_negative, b_whole, b_fraction)) = (split(a), split(b));
    let magnitude = a_whole.len().cmp(&b_whole.len()).then(a_whole.cmp(b_whole)).then(a_fraction.cmp(b_fraction));
    match (a_negative, b_negative) {
        (false, false) => magnitude,
        (true, true) => magnitude.reverse(),
        (negative, _) => {
            if negative {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            }
        }
    }
}

fn constraints_values(ctx: &Ctx, out: &mut Vec<Finding>) {
    for row in ctx.rows("Schema") {
        let name = row.text("Name").unwrap_or("this attribute");
        let lengths = ["StringAttributeConstraints.MinLength", "StringAttributeConstraints.MaxLength"];
        let parsed = lengths.map(|member| {
            let text = row.text(member)?;
            let value = text.parse::<u64>().ok().filter(|_| text.bytes().all(|b| b.is_ascii_digit()));
            if value.is_none() {
                out.push(Finding::at_paths(
                    vec![row.at(member)],
                    format!(
                        "Enter the {} of ‘{name}’ as a whole number of characters, like 256, in quotes as text",
                        if member.ends_with("MinLength") { "minimum length" } else { "maximum length" }
                    ),
                ));
            }
            value
        });
        if let Some(max) = parsed[1].filter(|&m| m > 2048) {
            out.push(Finding::at_paths(
                vec![row.at(lengths[1])],
                format!("Enter a maximum length of 2048 or less for ‘{name}’ (it is {max}): attribute values cannot be longer"),
            ));
        }
        if let (Some(min), Some(max)) = (parsed[0], parsed[1]) {
            if min > max {
                out.push(Finding::at_paths(
                    vec![row.at(lengths[0]), row.at(lengths[1])],
                    format!("The minimum length of ‘{name}’ is more than its maximum: make the minimum {max} or less"),
                ));
            }
        }
        let values = ["NumberAttributeConstraints.MinValue", "NumberAttributeConstraints.MaxValue"];
        let numbers = values.map(|member| {
            let text = row.text(member)?;
            if !is_decimal(text) {
                out.push(Finding::at_paths(
                    vec![row.at(member)],
                    format!(
                        "Enter the {} of ‘{name}’ as a number, like 100, in quotes as text",
                        if member.ends_with("MinValue") { "minimum value" } else { "maximum value" }
                    ),
                ));
                return None;
            }
            Some(text)
        });
        if let (Some(min), Some(max)) = (numbers[0], numbers[1]) {
            if decimal_cmp(min, max).is_gt() {
                out.push(Finding::at_paths(
                    vec![row.at(values[0]), row.at(values[1])],
                    format!("The minimum value of ‘{name}’ is more than its maximum: make the minimum smaller"),
                ));
            }
        }
    }
}

fn developer_only(ctx: &Ctx, out: &mut Vec<Finding>) {
    for row in ctx.rows("Schema") {
        if row.flag("DeveloperOnlyAttribute") == Some(true) && row.text("Name").is_some_and(|n| !is_standard(n)) {
            out.push(Finding::at_paths(
                vec![row.at("DeveloperOnlyAttribute")],
                "Developer-only attributes are a legacy feature: set developer only attribute to false and control writes with the app client's write attributes",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decimal_cmp;
    use std::cmp::Ordering::{Equal, Greater, Less};

    #[test]
    fn decimals_compare_like_numbers() {
        for (a, b, expected) in [
            ("1", "2", Less),
            ("10", "9", Greater),
            ("007", "7.000", Equal),
            ("0.45", "0.5", Less),
            ("-0", "0.0", Equal),
            ("-1", "0", Less),
            ("-1.5", "-1.25", Less),
            ("-2", "-10", Greater),
            ("100", "99.999", Greater),
            ("12345678901234567890", "12345678901234567891", Less),
        ] {
            assert_eq!(decimal_cmp(a, b), expected, "{a} vs {b}");
            assert_eq!(decimal_cmp(b, a), expected.reverse(), "{b} vs {a}");
        }
    }
}
