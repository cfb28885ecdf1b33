//! Expressions: values of a template that exist only once it is deployed.
//!
//! Real templates rarely spell every value out. A CloudFormation pool is named
//! `!Sub "${AWS::StackName}-users"`, a trigger is `!GetAtt PreSignUp.Arn`, a serverless.yml says
//! `${self:service}-${sls:stage}`, a Terraform file `var.pool_name`. Such a value is kept as what
//! it is, an expression of the file it came from, wherever a value can stand (a scalar, a list
//! item, a map value, a whole structure or list), until the person replaces it.
//!
//! In request JSON (and so between the page and its worker) an expression is a one-member
//! object, which no CreateUserPool value can be:
//! - CloudFormation: the intrinsic function itself, in its long form (`{"Ref": "Stage"}`,
//!   `{"Fn::Sub": "${AWS::StackName}-users"}`), exactly as a JSON template writes it
//!   (<https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html>);
//! - serverless.yml: `{"Poolsmith::Serverless": "<the string with its ${…} variables>"}`
//!   (<https://www.serverless.com/framework/docs/providers/aws/guide/variables>);
//! - Terraform: `{"Poolsmith::Terraform": "<the expression's source text>"}`
//!   (<https://developer.hashicorp.com/terraform/language/expressions>).
//!
//! This module owns that encoding, the text a person reads for it ([`source`]), the
//! placeholder written where a format cannot carry it ([`placeholder`]), and what can be known
//! of its value without deploying ([`produces`], [`literal_parts`]); [`check`] turns that into
//! diagnostics, and [`template`] holds what the template around the pool says (parameters,
//! conditions, mappings).

pub mod check;
pub mod template;

use crate::json::Json;
use crate::model::{Field, Kind};

/// The member name that marks a serverless.yml variable string.
pub const SERVERLESS: &str = "Poolsmith::Serverless";
/// The member name that marks a Terraform expression.
pub const TERRAFORM: &str = "Poolsmith::Terraform";

/// The kind of file an expression belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    CloudFormation,
    Serverless,
    Terraform,
}

impl Origin {
    /// How the origin is named to people.
    pub fn name(self) -> &'static str {
        match self {
            Origin::CloudFormation => "CloudFormation",
            Origin::Serverless => "serverless.yml",
            Origin::Terraform => "Terraform",
        }
    }
}

/// The origin of `value` when it is an expression's encoding.
pub fn origin(value: &Json) -> Option<Origin> {
    let Json::Object(members) = value else { return None };
    let [(key, inner)] = members.as_slice() else { return None };
    match key.as_str() {
        SERVERLESS if inner.as_str().is_some() => Some(Origin::Serverless),
        TERRAFORM if inner.as_str().is_some() => Some(Origin::Terraform),
        "Ref" => Some(Origin::CloudFormation),
        name if name.starts_with("Fn::") => Some(Origin::CloudFormation),
        _ => None,
    }
}

/// Whether `value` is an expression's encoding.
pub fn is_expression(value: &Json) -> bool {
    origin(value).is_some()
}

/// Whether `value`, the value of `field`, is an expression. In a map, a one-member object is
/// an entry when its value has the shape of the map's values (`UserPoolTags: {"Ref": "x"}` is
/// a tag named Ref to the API, `AcrConfiguration: {"Ref": {…}}` an entry), as CloudFormation's
/// functions that could stand for the map take another shape.
pub fn is_expression_of(field: Option<&'static Field>, value: &Json) -> bool {
    match origin(value) {
        Some(Origin::CloudFormation) if field.is_some_and(|f| f.kind == Kind::Map) => {
            let Json::Object(members) = value else { return false };
            let entry = field.and_then(|f| f.child_fields().nth(1));
            let fits = match (&members[0].1, entry.map(|e| e.kind)) {
                (Json::String(_), Some(kind)) => kind.is_scalar(),
                (Json::Object(_), Some(Kind::Structure | Kind::Map)) => true,
                (Json::Array(_), Some(Kind::List)) => true,
                _ => false,
            };
            !fits
        }
        found => found.is_some(),
    }
}

/// The field of a member or entry `key` of a value of `field` (a map's value field, or a
/// structure's member), and of the items of a list: how the walks below follow the model.
fn member_field(field: Option<&'static Field>, key: &str) -> Option<&'static Field> {
    match field {
        Some(f) if f.kind == Kind::Map => f.child_fields().nth(1),
        Some(f) => f.member(key),
        None => None,
    }
}

fn item_field(field: Option<&'static Field>) -> Option<&'static Field> {
    field.and_then(|f| f.child_fields().next())
}

/// Whether a request holds an expression anywhere. Walks without naming paths: every export
/// asks this of every request, and almost none holds one.
pub fn contains_expression(request: &Json) -> bool {
    fn any(field: Option<&'static Field>, value: &Json) -> bool {
        if is_expression_of(field, value) {
            return true;
        }
        match value {
            Json::Array(items) => items.iter().any(|item| any(item_field(field), item)),
            Json::Object(members) => members.iter().any(|(key, item)| any(member_field(field, key), item)),
            _ => false,
        }
    }
    match request {
        Json::Object(members) => members.iter().any(|(name, value)| any(crate::model::top_level_member(name), value)),
        _ => false,
    }
}

/// The text a person reads for an expression, as its file spells it: `!Sub "${AWS::StackName}-users"`,
/// `!GetAtt PreSignUp.Arn`, `!Ref Stage`, `${self:service}-users`, `var.pool_name`. The
/// arguments of other functions are shown as JSON (`!If ["IsProd","ON","OFF"]`): this runs in
/// the page, whose first load has no room for a YAML writer.
pub fn source(value: &Json) -> String {
    let Json::Object(members) = value else { return value.compact() };
    let Some((key, inner)) = members.first() else { return value.compact() };
    match (key.as_str(), inner) {
        (SERVERLESS | TERRAFORM, Json::String(text)) => text.clone(),
        ("Ref", Json::String(name)) => format!("!Ref {name}"),
        ("Fn::GetAtt", Json::Array(parts)) if parts.len() == 2 && parts.iter().all(|p| p.as_str().is_some()) => {
            format!("!GetAtt {}.{}", parts[0].as_str().unwrap_or_default(), parts[1].as_str().unwrap_or_default())
        }
        (name, args) if name.starts_with("Fn::") => format!("!{} {}", &name[4..], args.compact()),
        _ => value.compact(),
    }
}

/// What a format that cannot carry the expression writes instead: text nobody can mistake
/// for a value, which AWS rejects if it is sent unchanged (`<` is in no CreateUserPool
/// pattern that a placeholder could land in unnoticed; the notes list each one).
pub fn placeholder(value: &Json) -> String {
    format!("<fill in: {}>", source(value))
}

/// Replaces every expression in `request` with its [`placeholder`] text, except those of
/// the origins in `keep`, and says in one note what to fill in (path and expression of each). For formats
/// that cannot express where a value came from.
pub fn with_placeholders(request: &Json, keep: &[Origin], notes: &mut Vec<String>) -> Json {
    let mut filled = Vec::new();
    let mut out = request.clone();
    if let Json::Object(members) = &mut out {
        for (name, value) in members.iter_mut() {
            fill(crate::model::top_level_member(name), value, name.clone(), keep, &mut filled);
        }
    }
    if !filled.is_empty() {
        notes.push(format!(
            "Fill in {} before you use this: the template gives {} only as {}, known once it is deployed. Each is \
             written as <fill in: …>: {}.",
            if filled.len() == 1 { "one value" } else { "these values" },
            if filled.len() == 1 { "it" } else { "them" },
            if filled.len() == 1 { "an expression" } else { "expressions" },
            filled.join("; ")
        ));
    }
    out
}

/// [`with_placeholders`] below one value of `field`, at `path`.
fn fill(field: Option<&'static Field>, value: &mut Json, path: String, keep: &[Origin], filled: &mut Vec<String>) {
    if is_expression_of(field, value) {
        if !origin(value).is_some_and(|found| keep.contains(&found)) {
            filled.push(format!("{path} = {}", source(value)));
            *value = Json::String(placeholder(value));
        }
        return;
    }
    match value {
        Json::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                fill(item_field(field), item, format!("{path}[{index}]"), keep, filled);
            }
        }
        Json::Object(members) => {
            for (key, item) in members.iter_mut() {
                fill(member_field(field, key), item, format!("{path}.{key}"), keep, filled);
            }
        }
        _ => {}
    }
}

/// Writes every serverless.yml variable string back as the plain string it was, for the
/// CloudFormation exports: pasted into a serverless.yml's `resources`, the Framework fills its
/// variables in again.
pub fn unwrap_serverless(value: &mut Json) {
    if origin(value) == Some(Origin::Serverless) {
        if let Some(text) = value.get(SERVERLESS).and_then(Json::as_str) {
            *value = Json::str(text);
        }
        return;
    }
    match value {
        Json::Array(items) => items.iter_mut().for_each(unwrap_serverless),
        Json::Object(members) => members.iter_mut().for_each(|(_, item)| unwrap_serverless(item)),
        _ => {}
    }
}

/// What an expression evaluates to, as far as its function says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Produces {
    /// A string (`Fn::Sub`, `Fn::Join`, a serverless string with text around its variables).
    Text,
    /// A list of strings (`Fn::Split`, `Fn::GetAZs`, `Fn::Cidr`).
    List,
    /// Cannot be told without deploying (a `Ref`, `Fn::If`, a Terraform reference).
    Unknown,
}

/// What `value` (an expression) evaluates to, as far as can be told.
pub fn produces(value: &Json) -> Produces {
    let Json::Object(members) = value else { return Produces::Unknown };
    let Some((key, inner)) = members.first() else { return Produces::Unknown };
    match key.as_str() {
        "Fn::Sub" | "Fn::Join" | "Fn::Base64" => Produces::Text,
        "Fn::Split" | "Fn::GetAZs" | "Fn::Cidr" => Produces::List,
        SERVERLESS | TERRAFORM => match inner.as_str() {
            Some(text) if is_template(text, origin(value)) => Produces::Text,
            // A tuple or a `for` expression in brackets (`["ON"]`, `[for x in … : x]`).
            Some(text) if key == TERRAFORM && text.starts_with('[') => Produces::List,
            _ => Produces::Unknown,
        },
        _ => Produces::Unknown,
    }
}

/// Whether a serverless string or Terraform source is text with interpolations in it rather
/// than one whole variable or expression.
fn is_template(text: &str, origin: Option<Origin>) -> bool {
    match origin {
        Some(Origin::Terraform) => text.starts_with('"') || text.starts_with("<<"),
        _ => {
            let pieces = split_interpolations(text, false);
            pieces.len() != 2 || !pieces[0].is_empty() || !pieces[1].is_empty()
        }
    }
}

/// The literal text an expression's value is certain to contain, piece by piece, when its
/// function builds text around unknown parts: `Fn::Sub` and serverless strings outside their
/// `${…}`, Terraform string templates outside `${…}`/`%{…}`, `Fn::Join`'s literal items and
/// separator. `None` when nothing literal is known.
pub fn literal_parts(value: &Json) -> Option<Vec<String>> {
    let Json::Object(members) = value else { return None };
    let (key, inner) = members.first()?;
    let pieces = match (key.as_str(), inner) {
        ("Fn::Sub", Json::String(text)) => split_interpolations(text, true),
        ("Fn::Sub", Json::Array(args)) => split_interpolations(args.first()?.as_str()?, true),
        (SERVERLESS, Json::String(text)) => split_interpolations(text, false),
        (TERRAFORM, Json::String(text)) => {
            let body = text.strip_prefix('"')?.strip_suffix('"')?;
            if body.contains('\\') {
                return None;
            }
            split_interpolations(&body.replace("$${", "\u{0}").replace("%%{", "\u{1}"), false)
                .into_iter()
                .map(|piece| piece.replace('\u{0}', "${").replace('\u{1}', "%{"))
                .collect()
        }
        ("Fn::Join", Json::Array(args)) => {
            let separator = args.first()?.as_str()?;
            let Json::Array(items) = args.get(1)? else { return None };
            let mut pieces: Vec<String> = items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect();
            if items.len() > 1 && !separator.is_empty() {
                pieces.push(separator.to_string());
            }
            pieces
        }
        _ => return None,
    };
    let pieces: Vec<String> = pieces.into_iter().filter(|p| !p.is_empty()).collect();
    (!pieces.is_empty()).then_some(pieces)
}

/// Splits text at its `${…}` interpolations (nested braces allowed, as serverless nests
/// variables): the literal pieces, one more than there are interpolations. With `sub_escapes`,
/// `${!Literal}` is the literal `${Literal}`, as `Fn::Sub` reads it.
fn split_interpolations(text: &str, sub_escapes: bool) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut rest = text;
    while let Some(start) = rest.find("${").or_else(|| rest.find("%{").filter(|_| !sub_escapes)) {
        let start = match (rest.find("${"), rest.find("%{").filter(|_| !sub_escapes)) {
            (Some(a), Some(b)) => a.min(b),
            _ => start,
        };
        let last = pieces.len() - 1;
        pieces[last].push_str(&rest[..start]);
        let after = &rest[start + 2..];
        if sub_escapes && after.starts_with('!') {
            pieces[last].push_str(&rest[start..start + 2]);
            rest = &after[1..];
            continue;
        }
        let mut depth = 1;
        let mut end = None;
        for (i, c) in after.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        match end {
            Some(end) => {
                pieces.push(String::new());
                rest = &after[end + 1..];
            }
            None => {
                // An unclosed `${` is literal text.
                pieces[last].push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    let last = pieces.len() - 1;
    pieces[last].push_str(rest);
    pieces
}

/// Whether a string holds a serverless.yml variable (`${self:…}`, `${sls:…}`, `${opt:…}`, …):
/// `${` followed by a source name and `:`, or by `file(`. `${AWS::Region}`, a CloudFormation
/// pseudo parameter, does not count.
pub fn has_serverless_variable(text: &str) -> bool {
    text.match_indices("${").any(|(at, _)| {
        let after = &text[at + 2..];
        let name_len = after.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-').count();
        after.starts_with("file(")
            || (name_len > 0 && after[name_len..].starts_with(':') && !after[name_len..].starts_with("::"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn json(text: &str) -> Json {
        parse(text).unwrap().0
    }

    #[test]
    fn recognises_each_encoding_and_nothing_else() {
        assert_eq!(origin(&json(r#"{"Ref": "Stage"}"#)), Some(Origin::CloudFormation));
        assert_eq!(origin(&json(r#"{"Fn::Sub": "${AWS::StackName}-users"}"#)), Some(Origin::CloudFormation));
        assert_eq!(origin(&json(r#"{"Poolsmith::Serverless": "${sls:stage}"}"#)), Some(Origin::Serverless));
        assert_eq!(origin(&json(r#"{"Poolsmith::Terraform": "var.name"}"#)), Some(Origin::Terraform));
        assert_eq!(origin(&json(r#"{"Ref": "A", "Other": 1}"#)), None);
        assert_eq!(origin(&json(r#"{"PasswordPolicy": {}}"#)), None);
        assert_eq!(origin(&json(r#""Ref""#)), None);
    }

    #[test]
    fn source_text_reads_like_the_short_form() {
        assert_eq!(source(&json(r#"{"Ref": "Stage"}"#)), "!Ref Stage");
        assert_eq!(source(&json(r#"{"Fn::GetAtt": ["PreSignUp", "Arn"]}"#)), "!GetAtt PreSignUp.Arn");
        assert_eq!(source(&json(r#"{"Fn::Sub": "${AWS::StackName}-users"}"#)), r#"!Sub "${AWS::StackName}-users""#);
        assert_eq!(
            source(&json(r#"{"Fn::If": ["IsProd", "ON", {"Ref": "AWS::NoValue"}]}"#)),
            r#"!If ["IsProd","ON",{"Ref":"AWS::NoValue"}]"#
        );
        assert_eq!(source(&json(r#"{"Poolsmith::Terraform": "var.pool_name"}"#)), "var.pool_name");
    }

    #[test]
    fn literal_parts_are_the_text_outside_interpolations() {
        let parts = |t: &str| literal_parts(&json(t));
        assert_eq!(parts(r#"{"Fn::Sub": "${AWS::StackName}-users"}"#), Some(vec!["-users".to_string()]));
        assert_eq!(parts(r#"{"Fn::Sub": "a${!Literal}b"}"#), Some(vec!["a${Literal}b".to_string()]));
        assert_eq!(
            parts(r#"{"Poolsmith::Serverless": "${self:service}/${sls:stage, 'dev'}"}"#),
            Some(vec!["/".to_string()])
        );
        assert_eq!(parts(r#"{"Poolsmith::Serverless": "${self:custom.${sls:stage}.name}"}"#), None);
        assert_eq!(
            parts(r#"{"Poolsmith::Terraform": "\"${var.env}-users$${x}\""}"#),
            Some(vec!["-users${x}".to_string()])
        );
        assert_eq!(parts(r#"{"Poolsmith::Terraform": "var.name"}"#), None);
        assert_eq!(
            parts(r#"{"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "users"]]}"#),
            Some(vec!["users".to_string(), "-".to_string()])
        );
    }

    #[test]
    fn what_an_expression_produces() {
        assert_eq!(produces(&json(r#"{"Fn::Split": [",", "a,b"]}"#)), Produces::List);
        assert_eq!(produces(&json(r#"{"Fn::Sub": "x"}"#)), Produces::Text);
        assert_eq!(produces(&json(r#"{"Ref": "X"}"#)), Produces::Unknown);
        assert_eq!(produces(&json(r#"{"Poolsmith::Serverless": "${self:custom.mfa}"}"#)), Produces::Unknown);
        assert_eq!(produces(&json(r#"{"Poolsmith::Serverless": "${self:service}-x"}"#)), Produces::Text);
        assert_eq!(produces(&json(r#"{"Poolsmith::Terraform": "\"${var.a}\""}"#)), Produces::Text);
    }

    #[test]
    fn serverless_variables_are_told_from_pseudo_parameters() {
        assert!(has_serverless_variable("${self:service}-users"));
        assert!(has_serverless_variable("${file(./config.yml):name}"));
        assert!(has_serverless_variable("${opt:stage, 'dev'}"));
        assert!(!has_serverless_variable("${AWS::StackName}-users"));
        assert!(!has_serverless_variable("plain"));
    }

    #[test]
    fn placeholders_name_every_value_to_fill_in() {
        let request = json(
            r#"{"PoolName": {"Fn::Sub": "${AWS::StackName}"}, "UserPoolTags": {"team": {"Poolsmith::Terraform": "var.team"}}}"#,
        );
        let mut notes = Vec::new();
        let out = with_placeholders(&request, &[Origin::Terraform], &mut notes);
        assert_eq!(
            out.compact(),
            r#"{"PoolName":"<fill in: !Sub \"${AWS::StackName}\">","UserPoolTags":{"team":{"Poolsmith::Terraform":"var.team"}}}"#
        );
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains(r#"PoolName = !Sub "${AWS::StackName}""#), "{}", notes[0]);
    }
}
