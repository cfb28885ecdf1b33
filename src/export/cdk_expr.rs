//! CloudFormation expressions of an imported template in the CDK export: each intrinsic
//! function becomes the matching `Fn` call of aws-cdk-lib (`!Sub` → `Fn.sub`, `!GetAtt` →
//! `Fn.getAtt`, `!If` → `Fn.conditionIf`, pseudo parameters → `Aws.STACK_NAME`, …), typed for
//! the property it sets with `Token.asString` / `asNumber` / `asList` / `asAny`; a function
//! without a CDK call (`Fn::Length`, `Fn::ToJsonString`, …) goes through `Token.asAny` as the
//! raw CloudFormation JSON, which the CDK writes into the template unchanged. The template's
//! parameters, mappings and conditions become `CfnParameter`, `CfnMapping` and `CfnCondition`
//! (<https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.Fn.html>).

use crate::json::{self, Json};
use crate::model::{Field, Kind};

/// What a written call gives in TypeScript.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ty {
    Str,
    List,
    /// An `IResolvable` (or anything `any`-typed).
    Resolvable,
}

/// What the place it is written to takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Str,
    Num,
    List,
    /// `boolean | IResolvable`, `Props | IResolvable`.
    Resolvable,
    /// `any`: a map's values, `Fn.conditionIf`'s branches, a mapping.
    Any,
}

/// Writes `value` (a CloudFormation expression) as the value of a property of `field`.
pub fn write_property(value: &Json, field: Option<&'static Field>, out: &mut String) {
    let want = match field.map(|f| f.kind) {
        Some(Kind::String | Kind::Enum) => Want::Str,
        Some(Kind::Integer) => Want::Num,
        Some(Kind::List) => Want::List,
        Some(Kind::Boolean | Kind::Structure) => Want::Resolvable,
        Some(Kind::Map) | None => Want::Any,
    };
    out.push_str(&typed(value, want));
}

/// The pseudo parameters and their `Aws` constants.
const PSEUDO: [(&str, &str); 8] = [
    ("AWS::AccountId", "ACCOUNT_ID"),
    ("AWS::NotificationARNs", "NOTIFICATION_ARNS"),
    ("AWS::NoValue", "NO_VALUE"),
    ("AWS::Partition", "PARTITION"),
    ("AWS::Region", "REGION"),
    ("AWS::StackId", "STACK_ID"),
    ("AWS::StackName", "STACK_NAME"),
    ("AWS::URLSuffix", "URL_SUFFIX"),
];

fn typed(value: &Json, want: Want) -> String {
    let (code, ty) = call(value);
    match (want, ty) {
        (Want::Any, _) | (Want::Str, Ty::Str) | (Want::List, Ty::List) | (Want::Resolvable, Ty::Resolvable) => code,
        (Want::Str, _) => format!("Token.asString({code})"),
        (Want::Num, _) => format!("Token.asNumber({code})"),
        (Want::List, _) => format!("Token.asList({code})"),
        (Want::Resolvable, _) => format!("Token.asAny({code})"),
    }
}

/// A literal or an expression, as an argument that takes `want`.
fn arg(value: &Json, want: Want) -> String {
    if crate::expr::is_expression(value) {
        return typed(value, want);
    }
    match (value, want) {
        (Json::Number(n), Want::Str) => json::quote(n),
        (Json::String(s), Want::Num) if s.parse::<i64>().is_ok() => s.clone(),
        (Json::Array(items), _) => {
            let each = if want == Want::List { Want::Str } else { Want::Any };
            format!("[{}]", items.iter().map(|item| arg(item, each)).collect::<Vec<_>>().join(", "))
        }
        (Json::Object(members), _) => {
            let each: Vec<String> =
                members.iter().map(|(key, item)| format!("{}: {}", json::quote(key), arg(item, Want::Any))).collect();
            format!("{{ {} }}", each.join(", "))
        }
        (other, _) => other.compact(),
    }
}

/// The TypeScript for one expression, and what it gives.
fn call(value: &Json) -> (String, Ty) {
    let Json::Object(members) = value else { return (value.compact(), Ty::Resolvable) };
    let Some((function, args)) = members.first() else { return ("{}".into(), Ty::Resolvable) };
    let list: &[Json] = match args {
        Json::Array(items) => items,
        _ => std::slice::from_ref(args),
    };
    let a = |i: usize, want: Want| list.get(i).map(|v| arg(v, want)).unwrap_or_else(|| "undefined".into());
    match function.as_str() {
        "Ref" => match PSEUDO.iter().find(|(name, _)| Some(*name) == args.as_str()) {
            Some((_, constant)) => (format!("Aws.{constant}"), Ty::Str),
            None => (format!("Fn.ref({})", a(0, Want::Str)), Ty::Str),
        },
        "Fn::GetAtt" => (format!("Fn.getAtt({}, {})", a(0, Want::Str), a(1, Want::Str)), Ty::Resolvable),
        "Fn::Sub" if list.len() == 2 => (format!("Fn.sub({}, {})", a(0, Want::Str), arg(&list[1], Want::Any)), Ty::Str),
        "Fn::Sub" => (format!("Fn.sub({})", a(0, Want::Str)), Ty::Str),
        "Fn::Join" => (format!("Fn.join({}, {})", a(0, Want::Str), a(1, Want::List)), Ty::Str),
        "Fn::Select" => (format!("Fn.select({}, {})", a(0, Want::Num), a(1, Want::List)), Ty::Str),
        "Fn::Split" => (format!("Fn.split({}, {})", a(0, Want::Str), a(1, Want::Str)), Ty::List),
        "Fn::FindInMap" => {
            (format!("Fn.findInMap({}, {}, {})", a(0, Want::Str), a(1, Want::Str), a(2, Want::Str)), Ty::Str)
        }
        "Fn::ImportValue" => (format!("Fn.importValue({})", a(0, Want::Str)), Ty::Str),
        "Fn::Base64" => (format!("Fn.base64({})", a(0, Want::Str)), Ty::Str),
        "Fn::GetAZs" => (format!("Fn.getAzs({})", a(0, Want::Str)), Ty::List),
        "Fn::Cidr" => (format!("Fn.cidr({}, {}, {})", a(0, Want::Str), a(1, Want::Num), a(2, Want::Str)), Ty::List),
        "Fn::If" => {
            (format!("Fn.conditionIf({}, {}, {})", a(0, Want::Str), a(1, Want::Any), a(2, Want::Any)), Ty::Resolvable)
        }
        _ => (format!("Token.asAny({})", raw(value)), Ty::Resolvable),
    }
}

/// A value as raw CloudFormation JSON in TypeScript (keys quoted, strings JSON-quoted).
fn raw(value: &Json) -> String {
    let mut out = String::new();
    json::write_compact(value, &mut out);
    out
}

/// The statements that declare the imported template's parameters, mappings and conditions,
/// from `cloudformation::UserPool::sections`; and the `aws-cdk-lib` names they use.
pub fn declarations(sections: &[(&'static str, Json)]) -> (String, Vec<&'static str>) {
    let mut out = String::new();
    let mut used = Vec::new();
    for (section, entries) in sections {
        let Json::Object(entries) = entries else { continue };
        for (name, body) in entries {
            out.push_str("    ");
            match *section {
                "Parameters" => {
                    used.push("CfnParameter");
                    let props: Vec<String> = match body {
                        Json::Object(members) => members
                            .iter()
                            .map(|(key, value)| format!("{}: {}", lower_first(key), prop(key, value)))
                            .collect(),
                        _ => Vec::new(),
                    };
                    out.push_str(&format!(
                        "new CfnParameter(this, {}, {{ {} }});\n",
                        json::quote(name),
                        props.join(", ")
                    ));
                }
                "Mappings" => {
                    used.push("CfnMapping");
                    out.push_str(&format!(
                        "new CfnMapping(this, {}, {{ mapping: {} }});\n",
                        json::quote(name),
                        raw(body)
                    ));
                }
                _ => {
                    used.push("CfnCondition");
                    out.push_str(&format!(
                        "new CfnCondition(this, {}, {{ expression: {} }});\n",
                        json::quote(name),
                        condition(body)
                    ));
                }
            }
        }
    }
    (out, used)
}

/// A condition's expression through `Fn.conditionEquals` / `And` / `Or` / `Not`; another
/// condition named inside one is passed as the raw `{"Condition": …}` it is in the template.
fn condition(value: &Json) -> String {
    let Json::Object(members) = value else { return format!("Token.asAny({})", raw(value)) };
    let Some((function, Json::Array(args))) = members.first() else {
        return format!("Token.asAny({})", raw(value));
    };
    let each = |f: &dyn Fn(&Json) -> String| args.iter().map(f).collect::<Vec<_>>().join(", ");
    match function.as_str() {
        "Fn::Equals" => format!("Fn.conditionEquals({})", each(&|v| arg(v, Want::Any))),
        "Fn::And" => format!("Fn.conditionAnd({})", each(&condition)),
        "Fn::Or" => format!("Fn.conditionOr({})", each(&condition)),
        "Fn::Not" => format!("Fn.conditionNot({})", each(&condition)),
        _ => format!("Token.asAny({})", raw(value)),
    }
}

/// A `CfnParameter` prop: CloudFormation takes `MinLength: "1"` as text, the CDK's props are
/// typed (`minLength: number`, `noEcho: boolean`).
fn prop(key: &str, value: &Json) -> String {
    if let (Json::Array(items), "AllowedValues") = (value, key) {
        // `allowedValues: string[]`: CloudFormation reads `[true, 8]` as the texts.
        let texts: Vec<String> = items
            .iter()
            .map(|item| match item {
                Json::Number(text) => json::quote(text),
                Json::Bool(b) => json::quote(&b.to_string()),
                other => raw(other),
            })
            .collect();
        return format!("[{}]", texts.join(", "));
    }
    let text = match value {
        Json::String(text) | Json::Number(text) => text.as_str(),
        _ => return raw(value),
    };
    match key {
        "MinLength" | "MaxLength" | "MinValue" | "MaxValue" if text.trim().parse::<f64>().is_ok() => {
            text.trim().to_string()
        }
        "NoEcho" if matches!(text, "true" | "false") => text.to_string(),
        _ => raw(value),
    }
}

fn lower_first(name: &str) -> String {
    let mut out = name.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    out
}

/// The `aws-cdk-lib` names (`Fn`, `Aws`, `Token`) that written `code` calls.
pub fn names_called(code: &str, used: &mut Vec<&'static str>) {
    for name in ["Aws", "Fn", "Token"] {
        let called = code.match_indices(name).any(|(at, _)| {
            let before = code[..at].chars().next_back();
            code[at + name.len()..].starts_with('.')
                && !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '"' || c == '_')
        });
        if called && !used.contains(&name) {
            used.push(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn ts(value: &str, kind: Kind) -> String {
        let field = crate::model::FIELDS.iter().find(|f| f.kind == kind && f.parent().is_some());
        let mut out = String::new();
        write_property(&parse(value).unwrap().0, field, &mut out);
        out
    }

    #[test]
    fn each_function_has_its_cdk_call() {
        assert_eq!(
            ts(r#"{"Fn::Sub": "${AWS::StackName}-users"}"#, Kind::String),
            r#"Fn.sub("${AWS::StackName}-users")"#
        );
        assert_eq!(ts(r#"{"Ref": "AWS::StackName"}"#, Kind::String), "Aws.STACK_NAME");
        assert_eq!(ts(r#"{"Ref": "Stage"}"#, Kind::Integer), r#"Token.asNumber(Fn.ref("Stage"))"#);
        assert_eq!(ts(r#"{"Fn::GetAtt": ["Fn", "Arn"]}"#, Kind::String), r#"Token.asString(Fn.getAtt("Fn", "Arn"))"#);
        assert_eq!(
            ts(r#"{"Fn::If": ["IsProd", "ON", {"Ref": "AWS::NoValue"}]}"#, Kind::Enum),
            r#"Token.asString(Fn.conditionIf("IsProd", "ON", Aws.NO_VALUE))"#
        );
        assert_eq!(
            ts(r#"{"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "x"]]}"#, Kind::String),
            r#"Fn.join("-", [Aws.STACK_NAME, "x"])"#
        );
        assert_eq!(ts(r#"{"Fn::Split": [",", {"Ref": "List"}]}"#, Kind::List), r#"Fn.split(",", Fn.ref("List"))"#);
        assert_eq!(
            ts(r#"{"Fn::Length": [1, 2]}"#, Kind::Integer),
            r#"Token.asNumber(Token.asAny({"Fn::Length":[1,2]}))"#
        );
    }

    #[test]
    fn template_sections_become_cfn_elements() {
        let sections = vec![
            (
                "Parameters",
                parse(r#"{"Stage": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]}}"#)
                    .unwrap()
                    .0,
            ),
            ("Conditions", parse(r#"{"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}}"#).unwrap().0),
        ];
        let (code, used) = declarations(&sections);
        assert_eq!(
            code,
            "    new CfnParameter(this, \"Stage\", { type: \"String\", default: \"dev\", allowedValues: [\"dev\", \"prod\"] });\n    new CfnCondition(this, \"IsProd\", { expression: Fn.conditionEquals(Fn.ref(\"Stage\"), \"prod\") });\n"
        );
        assert_eq!(used, ["CfnParameter", "CfnCondition"]);
    }
}
