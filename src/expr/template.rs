//! What the file around an imported pool says that its expressions need: the template's
//! `Parameters` (a `Ref` to one is checked through its `Default` and `AllowedValues`),
//! `Conditions` (named by `Fn::If`) and `Mappings` (read by `Fn::FindInMap`), kept verbatim,
//! plus where the pool came from (the kind of file and the resource's name).
//!
//! It travels with the form as one JSON object (`FormValue::template`), so drafts, the worker
//! and exports carry it unchanged:
//! `{"Origin": "cloudformation", "Resource": "UserPool", "Parameters": {…}, "Conditions": {…}, "Mappings": {…}}`.
//! The CloudFormation exports write back the parts the pool's expressions use, so the
//! template they give still deploys: a `!Ref Stage` without a `Stage` parameter is rejected
//! (<https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html>).

use super::Origin;
use crate::json::Json;

/// The sections of a CloudFormation template that expressions refer to, in template order.
pub const SECTIONS: [&str; 3] = ["Parameters", "Mappings", "Conditions"];

/// The context member that keeps the resource's own attributes of a CloudFormation template
/// (`DeletionPolicy`, `UpdateReplacePolicy`, `DependsOn`, `Condition`, `Metadata`, …), written
/// back by the CloudFormation and CDK exports.
pub const ATTRIBUTES: &str = "Attributes";

/// The context member that keeps a Terraform resource's meta-arguments, as source text.
pub const TERRAFORM_META: &str = "Meta";

/// A template parameter as far as checking a `Ref` to it needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parameter {
    pub name: String,
    /// `Type` (`String`, `Number`, `List<Number>`, `CommaDelimitedList`, `AWS::SSM::…`).
    pub kind: String,
    pub default: Option<String>,
    pub allowed: Vec<String>,
}

/// Builds the context object.
pub fn new(origin: Origin, resource: Option<&str>, sections: Vec<(String, Json)>) -> Json {
    let mut members = vec![("Origin".to_string(), Json::str(origin_id(origin)))];
    if let Some(resource) = resource {
        members.push(("Resource".to_string(), Json::str(resource)));
    }
    let kept = [ATTRIBUTES, TERRAFORM_META];
    members.extend(
        sections.into_iter().filter(|(name, _)| SECTIONS.contains(&name.as_str()) || kept.contains(&name.as_str())),
    );
    Json::Object(members)
}

fn origin_id(origin: Origin) -> &'static str {
    match origin {
        Origin::CloudFormation => "cloudformation",
        Origin::Serverless => "serverless",
        Origin::Terraform => "terraform",
    }
}

/// Where the pool came from.
pub fn origin(template: &Json) -> Option<Origin> {
    match template.get("Origin")?.as_str()? {
        "cloudformation" => Some(Origin::CloudFormation),
        "serverless" => Some(Origin::Serverless),
        "terraform" => Some(Origin::Terraform),
        _ => None,
    }
}

/// The resource attributes of the template's pool (`{"DeletionPolicy": "Retain", …}`).
pub fn attributes(template: &Json) -> &[(String, Json)] {
    match template.get(ATTRIBUTES) {
        Some(Json::Object(members)) => members,
        _ => &[],
    }
}

/// The Terraform meta-arguments of the pool, as written.
pub fn terraform_meta(template: &Json) -> Vec<&str> {
    match template.get(TERRAFORM_META) {
        Some(Json::Array(items)) => items.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    }
}

/// The resource's logical id or name in its file.
pub fn resource(template: &Json) -> Option<&str> {
    template.get("Resource")?.as_str()
}

/// The parameter `name`, if the template declares it.
pub fn parameter(template: &Json, name: &str) -> Option<Parameter> {
    let declared = template.get("Parameters")?.get(name)?;
    let text = |value: &Json| match value {
        Json::String(s) | Json::Number(s) => Some(s.clone()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    Some(Parameter {
        name: name.to_string(),
        kind: declared.get("Type").and_then(Json::as_str).unwrap_or("String").to_string(),
        default: declared.get("Default").and_then(text),
        allowed: match declared.get("AllowedValues") {
            Some(Json::Array(values)) => values.iter().filter_map(text).collect(),
            _ => Vec::new(),
        },
    })
}

/// The `Parameters`, `Mappings` and `Conditions` entries that `value`'s expressions name,
/// followed through conditions that name other conditions or parameters; each section only
/// when something in it is used, entries in template order.
pub fn used_sections(template: &Json, value: &Json) -> Vec<(String, Json)> {
    let mut names = Names::default();
    collect(value, &mut names);
    for (key, attribute) in attributes(template) {
        match (key.as_str(), attribute) {
            ("Condition", Json::String(name)) => push_new(&mut names.conditions, name),
            (_, attribute) => collect(attribute, &mut names),
        }
    }
    // Conditions may use parameters and other conditions: follow until nothing new is found.
    let conditions = template.get("Conditions");
    let mut seen = 0;
    while seen < names.conditions.len() {
        let name = names.conditions[seen].clone();
        seen += 1;
        if let Some(body) = conditions.and_then(|c| c.get(&name)) {
            collect(body, &mut names);
        }
    }
    let mut out = Vec::new();
    for (section, wanted) in
        [("Parameters", &names.refs), ("Mappings", &names.mappings), ("Conditions", &names.conditions)]
    {
        let Some(Json::Object(entries)) = template.get(section) else { continue };
        let kept: Vec<(String, Json)> = entries.iter().filter(|(name, _)| wanted.contains(name)).cloned().collect();
        if !kept.is_empty() {
            out.push((section.to_string(), Json::Object(kept)));
        }
    }
    out
}

/// The names that `value`'s `Ref`s and `Fn::GetAtt`s (and `Fn::Sub` variables) point at
/// which are neither pseudo parameters nor the template's parameters: other resources of the
/// template, which an export of the pool alone does not define.
pub fn other_resources(template: &Json, value: &Json) -> Vec<String> {
    let mut names = Names::default();
    collect(value, &mut names);
    match template.get(ATTRIBUTES).and_then(|a| a.get("DependsOn")) {
        Some(Json::String(name)) => push_new(&mut names.resources, name),
        Some(Json::Array(items)) => {
            items.iter().filter_map(Json::as_str).for_each(|n| push_new(&mut names.resources, n))
        }
        _ => {}
    }
    let mut out: Vec<String> = Vec::new();
    for name in names.refs.iter().chain(&names.resources) {
        let declared = template.get("Parameters").and_then(|p| p.get(name)).is_some();
        if !declared && !name.starts_with("AWS::") && !out.contains(name) {
            out.push(name.clone());
        }
    }
    out
}

#[derive(Default)]
struct Names {
    resources: Vec<String>,
    refs: Vec<String>,
    mappings: Vec<String>,
    conditions: Vec<String>,
}

fn push_new(list: &mut Vec<String>, name: &str) {
    if !list.iter().any(|n| n == name) {
        list.push(name.to_string());
    }
}

fn collect(value: &Json, names: &mut Names) {
    match value {
        Json::Object(members) => {
            if let [(key, inner)] = members.as_slice() {
                match (key.as_str(), inner) {
                    ("Ref", Json::String(name)) => push_new(&mut names.refs, name),
                    ("Condition", Json::String(name)) => push_new(&mut names.conditions, name),
                    ("Fn::If", Json::Array(args)) => {
                        if let Some(name) = args.first().and_then(Json::as_str) {
                            push_new(&mut names.conditions, name);
                        }
                    }
                    ("Fn::GetAtt", Json::Array(args)) => {
                        if let Some(name) = args.first().and_then(Json::as_str) {
                            push_new(&mut names.resources, name);
                        }
                    }
                    ("Fn::FindInMap", Json::Array(args)) => {
                        if let Some(name) = args.first().and_then(Json::as_str) {
                            push_new(&mut names.mappings, name);
                        }
                    }
                    ("Fn::Sub", _) => {
                        let text = match inner {
                            Json::Array(args) => args.first().and_then(Json::as_str),
                            other => other.as_str(),
                        };
                        for name in sub_names(text.unwrap_or_default()) {
                            push_new(&mut names.refs, &name);
                        }
                    }
                    _ => {}
                }
            }
            for (_, item) in members {
                collect(item, names);
            }
        }
        Json::Array(items) => items.iter().for_each(|item| collect(item, names)),
        _ => {}
    }
}

/// The names a `Fn::Sub` string refers to (`${Stage}`, `${Fn.Arn}` → `Fn`), without escapes
/// (`${!x}`) and pseudo parameters.
fn sub_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("${") {
        let rest = &text[at + 2..];
        if rest.starts_with('!') {
            continue;
        }
        if let Some(end) = rest.find('}') {
            let name = rest[..end].split('.').next().unwrap_or_default().trim();
            if !name.is_empty() && !name.starts_with("AWS::") {
                out.push(name.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn keeps_only_the_entries_the_expressions_use_following_conditions() {
        let template = parse(
            r#"{"Origin": "cloudformation", "Parameters": {"Stage": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]}, "Unused": {"Type": "String"}, "Suffix": {"Type": "String"}},
                "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}, "Other": {"Fn::Equals": ["a", "b"]}},
                "Mappings": {"Names": {"dev": {"x": "y"}}}}"#,
        )
        .unwrap()
        .0;
        let value = parse(r#"{"PoolName": {"Fn::Sub": "pool-${Suffix}-${AWS::Region}"}, "MfaConfiguration": {"Fn::If": ["IsProd", "ON", "OFF"]}}"#)
            .unwrap()
            .0;
        let used = used_sections(&template, &value);
        let names: Vec<String> = used
            .iter()
            .map(|(s, v)| match v {
                Json::Object(m) => format!("{s}:{}", m.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(",")),
                _ => s.clone(),
            })
            .collect();
        assert_eq!(names, ["Parameters:Stage,Suffix", "Conditions:IsProd"]);
        let stage = parameter(&template, "Stage").unwrap();
        assert_eq!(stage.default.as_deref(), Some("dev"));
        assert_eq!(stage.allowed, ["dev", "prod"]);
        assert_eq!(origin(&template), Some(Origin::CloudFormation));
    }
}
