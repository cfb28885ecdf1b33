//! What can be known of an expression before it is deployed, as diagnostics.
//!
//! An expression's value is unknown, but parts of it are not: the function says whether it
//! makes text or a list (`!Split` can never be a pool name); the literal text of a `!Sub`, a
//! serverless string or a Terraform template is in the value whatever the variables hold
//! (`!Sub "${AWS::StackName}/users"` can never match PoolName's pattern, which has no `/`); a
//! `!Ref` to a template parameter takes its `Default` unless the deployment overrides it, and
//! one of its `AllowedValues` when it has them; each literal branch of `!If` is a value the
//! pool may get. Those are checked as the field checks a typed value. What cannot be known
//! (a `!GetAtt`, `var.name`, the text a variable adds) is never reported as an error.

use super::{literal_parts, origin, produces, template, Produces};
use crate::diagnostic::Diagnostic;
use crate::json::Json;
use crate::model::overlay::{label, upper_first};
use crate::model::{Field, Kind};
use crate::pattern::Verdict;
use crate::validate::{describe_char, scalar_problem};
use crate::value::{FieldPath, FormValue, Node, Segment};

/// Every problem that can be known of the form's expressions.
pub fn check(form: &FormValue) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !has_expression(form) {
        return out;
    }
    for (field, node) in form.root().iter() {
        walk(field, node, FieldPath::member(field.name), form.template(), &mut out);
    }
    out
}

/// Whether any value of the form is an expression (a walk that names no paths: the rules run
/// on every keystroke, and almost no form holds one).
pub fn has_expression(form: &FormValue) -> bool {
    fn any(node: &Node) -> bool {
        match node {
            Node::Expr(_) => true,
            Node::Text(_) => false,
            Node::Struct(members) => members.iter().any(|(_, node)| any(node)),
            Node::List(rows) => rows.iter().any(|row| any(&row.node)),
            Node::Map(entries) => entries.iter().any(|entry| any(&entry.node)),
        }
    }
    form.root().iter().any(|(_, node)| any(node))
}

fn walk(field: &'static Field, node: &Node, path: FieldPath, template: Option<&Json>, out: &mut Vec<Diagnostic>) {
    match node {
        Node::Expr(value) => expression(field, value, &path, template, out),
        Node::Struct(members) => {
            for (member, node) in members.iter() {
                walk(member, node, path.with_member(member.name), template, out);
            }
        }
        Node::List(rows) => {
            if let Some(element) = field.child_fields().next() {
                for (index, row) in rows.iter().enumerate() {
                    walk(element, &row.node, path.with(Segment::Index(index)), template, out);
                }
            }
        }
        Node::Map(entries) => {
            if let Some(value_field) = field.child_fields().nth(1) {
                for entry in entries {
                    walk(value_field, &entry.node, path.with(Segment::Key(entry.key.clone())), template, out);
                }
            }
        }
        Node::Text(_) => {}
    }
}

fn name_of(field: &'static Field) -> String {
    upper_first(&label(field))
}

fn expression(
    field: &'static Field,
    value: &Json,
    path: &FieldPath,
    template: Option<&Json>,
    out: &mut Vec<Diagnostic>,
) {
    let shown = super::source(value);
    let error = |rule, message: String| Diagnostic::error(rule, path.clone(), message);
    // The shape the function makes, against the shape the field needs.
    let wanted = match field.kind {
        Kind::List => "a list",
        Kind::Structure | Kind::Map => "a set of settings",
        _ => "a single value",
    };
    let made = match produces(value) {
        Produces::Text if !field.kind.is_scalar() => Some("text"),
        Produces::List if field.kind != Kind::List => Some("a list"),
        _ => None,
    };
    if let Some(made) = made {
        out.push(error(
            "expr.type",
            format!(
                "{} needs {wanted}, but {shown} makes {made}: use an expression that gives {wanted}",
                name_of(field)
            ),
        ));
        return;
    }
    let Json::Object(members) = value else { return };
    let Some((function, args)) = members.first() else { return };
    match (function.as_str(), args) {
        ("Fn::If", Json::Array(args)) if args.len() == 3 => {
            let condition = args[0].as_str().unwrap_or("the condition");
            for (branch, when) in [(&args[1], "true"), (&args[2], "false")] {
                if is_no_value(branch) {
                    continue;
                }
                if origin(branch).is_some() {
                    expression(field, branch, path, template, out);
                } else if let Some(text) = scalar_text(branch).filter(|_| field.kind.is_scalar()) {
                    if let Some((_, problem)) = scalar_problem(field, &text) {
                        out.push(error("expr.branch", format!("When {condition} is {when}: {problem}")));
                    }
                }
            }
        }
        ("Ref", Json::String(name)) => {
            let Some(parameter) = template.and_then(|t| template::parameter(t, name)) else { return };
            parameter_values(field, &parameter, path, out);
        }
        _ if field.kind == Kind::String => literal_text(field, value, &shown, path, out),
        _ => {}
    }
}

fn is_no_value(value: &Json) -> bool {
    value.get("Ref").and_then(Json::as_str) == Some("AWS::NoValue")
}

/// A literal scalar's text as a form field holds it.
fn scalar_text(value: &Json) -> Option<String> {
    match value {
        Json::String(text) | Json::Number(text) => Some(text.clone()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A `Ref` to a template parameter: its default and each allowed value must be a value the
/// field takes (a list field reads a `CommaDelimitedList` or `List<…>` parameter item by item).
fn parameter_values(
    field: &'static Field,
    parameter: &template::Parameter,
    path: &FieldPath,
    out: &mut Vec<Diagnostic>,
) {
    let is_list_parameter = parameter.kind == "CommaDelimitedList" || parameter.kind.starts_with("List<");
    let name = &parameter.name;
    let (checked, items): (&'static Field, bool) = match field.kind {
        Kind::List => match field.child_fields().next() {
            Some(element) if element.kind.is_scalar() && is_list_parameter => (element, true),
            _ => {
                if !is_list_parameter {
                    out.push(Diagnostic::error(
                        "expr.type",
                        path.clone(),
                        format!(
                            "{} needs a list, but parameter {name} is of type {}: make it a CommaDelimitedList",
                            name_of(field),
                            parameter.kind
                        ),
                    ));
                }
                return;
            }
        },
        kind if kind.is_scalar() => (field, false),
        _ => return,
    };
    let mut values: Vec<(&str, &str)> = parameter.default.iter().map(|d| ("its default", d.as_str())).collect();
    values.extend(parameter.allowed.iter().map(|a| ("its allowed value", a.as_str())));
    for (what, value) in values {
        let texts: Vec<&str> = if items { value.split(',').map(str::trim).collect() } else { vec![value] };
        for text in texts {
            if let Some((_, problem)) = scalar_problem(checked, text) {
                out.push(Diagnostic::error(
                    "expr.parameter",
                    path.clone(),
                    format!("{} is !Ref {name}, and {what} “{text}” will not do: {problem}", name_of(field)),
                ));
            }
        }
    }
}

/// The literal text of a string built around variables: too long already, or holding a
/// character the field's pattern never allows.
fn literal_text(field: &'static Field, value: &Json, shown: &str, path: &FieldPath, out: &mut Vec<Diagnostic>) {
    let Some(parts) = literal_parts(value) else { return };
    let length: usize = parts.iter().map(|p| p.chars().count()).sum();
    if let Some(max) = field.max().filter(|&max| length as i64 > max) {
        out.push(Diagnostic::error(
            "expr.literal",
            path.clone(),
            format!(
                "{} must be {max} characters or fewer, and the fixed text of {shown} already has {length}",
                name_of(field)
            ),
        ));
        return;
    }
    // Only a pattern that is one character class repeated (`[\w\s+=,.@-]+`) allows or refuses a
    // character wherever it stands; any other pattern depends on what the variables add.
    let (Some(pattern), Some(source)) = (field.pattern(), field.pattern_source()) else { return };
    let class = source.strip_suffix(['+', '*']).and_then(|s| s.strip_prefix('[')).and_then(|s| s.strip_suffix(']'));
    if class.is_none_or(|inner| inner.contains('[') || inner.contains(']')) {
        return;
    }
    let mut one = String::new();
    for c in parts.iter().flat_map(|p| p.chars()) {
        one.clear();
        one.push(c);
        if let Verdict::BadCharacter { .. } = pattern.check(&one) {
            out.push(Diagnostic::error(
                "expr.literal",
                path.clone(),
                format!(
                    "{} can never contain {}, and the fixed text of {shown} has it: remove it from the template",
                    name_of(field),
                    describe_char(c)
                ),
            ));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn found(request: &str, template: Option<&str>) -> Vec<String> {
        let (value, at) = parse(request).unwrap();
        let (mut form, problems) = crate::request::from_json(&value, &at);
        assert!(problems.is_empty(), "{problems:?}");
        form.set_template(template.map(|t| parse(t).unwrap().0));
        check(&form).iter().map(|d| format!("{} {}: {}", d.rule, d.paths[0], d.message)).collect()
    }

    #[test]
    fn literal_text_that_breaks_the_pattern_is_an_error() {
        let out = found(r#"{"PoolName": {"Fn::Sub": "${AWS::StackName}/users"}}"#, None);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].starts_with("expr.literal PoolName:"), "{out:?}");
        assert!(out[0].contains("“/”") || out[0].contains('/'), "{out:?}");
        assert!(found(r#"{"PoolName": {"Fn::Sub": "${AWS::StackName}-users"}}"#, None).is_empty());
        assert!(found(r#"{"PoolName": {"Poolsmith::Serverless": "${self:service}-${sls:stage}"}}"#, None).is_empty());
        let long = format!(r#"{{"PoolName": {{"Poolsmith::Terraform": "\"${{var.env}}{}\""}}}}"#, "x".repeat(130));
        assert!(found(&long, None)[0].contains("128 characters or fewer"));
    }

    #[test]
    fn what_cannot_be_known_is_not_an_error() {
        let request = r#"{"PoolName": {"Ref": "Name"}, "LambdaConfig": {"PreSignUp": {"Fn::GetAtt": ["Fn", "Arn"]}},
            "Policies": {"Fn::If": ["Strict", {"PasswordPolicy": {"MinimumLength": 12}}, {"Ref": "AWS::NoValue"}]},
            "UserPoolTags": {"team": {"Poolsmith::Terraform": "var.team"}}}"#;
        assert!(found(request, None).is_empty());
    }

    #[test]
    fn shapes_are_checked() {
        let out =
            found(r#"{"AutoVerifiedAttributes": {"Fn::Sub": "email"}, "PoolName": {"Fn::Split": [",", "a,b"]}}"#, None);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out.iter().all(|o| o.starts_with("expr.type")), "{out:?}");
    }

    #[test]
    fn parameters_and_branches_are_checked_through_their_literal_values() {
        let template = r#"{"Origin": "cloudformation", "Parameters": {
            "Mfa": {"Type": "String", "Default": "OPTIONAL", "AllowedValues": ["OFF", "OPTIONAL", "MAYBE"]},
            "Length": {"Type": "Number", "Default": "4"},
            "Verified": {"Type": "String", "Default": "email"}}}"#;
        let request = r#"{"MfaConfiguration": {"Ref": "Mfa"}, "Policies": {"PasswordPolicy": {"MinimumLength": {"Ref": "Length"}}},
            "DeletionProtection": {"Fn::If": ["IsProd", "ACTIVE", "OFF"]}, "AutoVerifiedAttributes": {"Ref": "Verified"}}"#;
        let out = found(request, Some(template));
        assert_eq!(out.len(), 4, "{out:?}");
        assert!(
            out.iter().any(|o| o.starts_with("expr.parameter MfaConfiguration") && o.contains("“MAYBE”")),
            "{out:?}"
        );
        assert!(out
            .iter()
            .any(|o| o.starts_with("expr.parameter Policies.PasswordPolicy.MinimumLength") && o.contains("“4”")));
        assert!(out.iter().any(|o| o.starts_with("expr.branch DeletionProtection") && o.contains("IsProd is false")));
        assert!(out
            .iter()
            .any(|o| o.starts_with("expr.type AutoVerifiedAttributes") && o.contains("CommaDelimitedList")));
    }
}
