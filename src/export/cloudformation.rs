//! The request as an `AWS::Cognito::UserPool` resource: the one mapping behind the
//! `cloudformation-yaml`, `cloudformation-json` and `cdk-ts` exports (CDK's L1 `CfnUserPool`
//! takes the same properties in camelCase).
//!
//! CloudFormation names its properties after the API members, so the mapping is one table of
//! the top-level parameters: one rename (`PoolName` → `UserPoolName`) and the parameters it has
//! no property for, which are left out and named in the notes. Below the top level, members and
//! values pass through unchanged: Schema constraints are already strings, integers are numbers
//! and `UserPoolTags` is the plain map CloudFormation wants. MFA factors beyond SMS, which
//! CreateUserPool cannot turn on, become `EnabledMfas`. Source of the table: the cfn-lint 1.58.0
//! resource schema and aws-cdk-lib 2.276.0 (research `iac-mapping.md`).

use super::Options;
use crate::json::{self, Json};
use crate::model::Field;
use crate::pattern::Category;
use std::borrow::Cow;

/// The logical ID of the user pool resource (also CDK's construct id, which keeps it unhashed).
pub const LOGICAL_ID: &str = "UserPool";

/// What CloudFormation has for a top-level request parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Property {
    /// A property of the same name.
    Same,
    /// A property of another name.
    Named(&'static str),
    /// No property; the text says what the parameter is, for the note.
    Missing(&'static str),
}

/// Every top-level CreateUserPool parameter (botocore 1.44.8) and its CloudFormation property.
/// A parameter that is not listed (a newer model) is left out with a note, never passed through
/// to a property CloudFormation may not have.
const PROPERTIES: [(&str, Property); 28] = [
    ("PoolName", Property::Named("UserPoolName")),
    ("Policies", Property::Same),
    ("DeletionProtection", Property::Same),
    ("LambdaConfig", Property::Same),
    ("AutoVerifiedAttributes", Property::Same),
    ("AliasAttributes", Property::Same),
    ("UsernameAttributes", Property::Same),
    ("SmsVerificationMessage", Property::Same),
    ("EmailVerificationMessage", Property::Same),
    ("EmailVerificationSubject", Property::Same),
    ("VerificationMessageTemplate", Property::Same),
    ("SmsAuthenticationMessage", Property::Same),
    ("MfaConfiguration", Property::Same),
    ("UserAttributeUpdateSettings", Property::Same),
    ("DeviceConfiguration", Property::Same),
    ("EmailConfiguration", Property::Same),
    ("SmsConfiguration", Property::Same),
    ("UserPoolTags", Property::Same),
    ("AdminCreateUserConfig", Property::Same),
    ("Schema", Property::Same),
    ("UserPoolAddOns", Property::Same),
    ("DcrConfiguration", Property::Missing("dynamic client registration")),
    ("UsernameConfiguration", Property::Same),
    ("AccountRecoverySetting", Property::Same),
    ("UserPoolTier", Property::Same),
    ("KeyConfiguration", Property::Same),
    ("IssuerConfiguration", Property::Same),
    ("AcrConfiguration", Property::Missing("custom names for the ACR levels")),
];

/// Parameters that CreateUserPool sets once: the CloudFormation schema does not mark them
/// create-only, so a stack update that changes them fails instead of replacing the pool.
const SET_ONCE: [&str; 4] = ["AliasAttributes", "UsernameAttributes", "UsernameConfiguration", "Schema"];

/// What CloudFormation has for the top-level request parameter `name` (`None`: not a parameter
/// this table knows).
pub fn property(name: &str) -> Option<Property> {
    PROPERTIES.iter().find(|(member, _)| *member == name).map(|&(_, property)| property)
}

/// The request parameter behind the CloudFormation property `name`, if there is one.
pub fn request_member(name: &str) -> Option<&'static str> {
    PROPERTIES.iter().find_map(|&(member, property)| match property {
        Property::Same if member == name => Some(member),
        Property::Named(renamed) if renamed == name => Some(member),
        _ => None,
    })
}

/// Whether CloudFormation (and so CDK) can express `field`: its top-level parameter has a property.
pub fn expressible(field: &Field) -> bool {
    let top = std::iter::successors(Some(field), |f| f.parent()).last().unwrap_or(field);
    matches!(property(top.name), Some(Property::Same | Property::Named(_)))
}

/// The user pool resource for a request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserPool<'a> {
    /// The resource's `Properties`, in request (model) order, plus `EnabledMfas`. Values are
    /// borrowed from the request unless this mapping changes them: three exports map the whole
    /// request on every edit, and copying it each time cost more than printing it.
    pub properties: Vec<(&'a str, Cow<'a, Json>)>,
    /// Deletion protection is on: keep the pool when the stack deletes or replaces it.
    pub retain: bool,
    /// Some text holds `${Name}`, which CloudFormation keeps as it is outside `Fn::Sub` but
    /// cfn-lint reports (E1029): the resource tells cfn-lint to skip that check.
    pub literal_variables: bool,
    /// What the template leaves out and what the user must still do.
    pub notes: Vec<String>,
    /// The resource's logical id: the imported template's own, else [`LOGICAL_ID`].
    pub logical_id: &'a str,
    /// The `Parameters`, `Mappings` and `Conditions` of an imported template that the
    /// properties' expressions use ([`crate::expr::template::used_sections`]).
    pub sections: Vec<(&'static str, Json)>,
    /// The imported resource's own attributes (`DeletionPolicy`, `DependsOn`, `Condition`, …).
    pub attributes: &'a [(String, Json)],
}

impl UserPool<'_> {
    /// The properties as one JSON object (a copy).
    pub fn properties_object(&self) -> Json {
        Json::Object(self.properties.iter().map(|(name, value)| (name.to_string(), value.as_ref().clone())).collect())
    }
}

/// Maps a normalised request (and the MFA factors chosen next to it) to the resource.
pub fn user_pool<'a>(request: &'a Json, options: &'a Options) -> UserPool<'a> {
    let members: &[(String, Json)] = match request {
        Json::Object(members) => members,
        _ => &[],
    };
    let text = |name: &str| request.get(name).and_then(Json::as_str);
    let mut pool = UserPool {
        retain: text("DeletionProtection") == Some("ACTIVE"),
        logical_id: LOGICAL_ID,
        ..UserPool::default()
    };
    if let Some(template) = &options.template {
        add_template_context(&mut pool, template, request);
    }
    for (name, value) in members {
        match property(name) {
            Some(Property::Same) => pool.properties.push((name, Cow::Borrowed(value))),
            Some(Property::Named(renamed)) => pool.properties.push((renamed, Cow::Borrowed(value))),
            Some(Property::Missing(what)) => pool.notes.push(format!(
                "Left out: {name} ({what}). CloudFormation's AWS::Cognito::UserPool has no property for it \
                 (cfn-lint 1.58.0 schema, aws-cdk-lib 2.276.0). After the stack has created the pool, set it with \
                 aws cognito-idp update-user-pool, which resets every setting you do not repeat; a stack update \
                 may reset it again."
            )),
            None => pool.notes.push(format!(
                "Left out: {}, which is not a CreateUserPool parameter this export knows.",
                json::quote(name)
            )),
        }
    }
    // An empty tag map means no tags; CDK drops it, so every format drops it alike.
    pool.properties.retain(|(name, value)| !(*name == "UserPoolTags" && **value == Json::Object(Vec::new())));
    // CloudFormation (and CDK's type) require the list inside UserAttributeUpdateSettings, where
    // the API lets it out; an empty list means the same: no attribute waits for verification.
    // The value is copied only when it lacks the list.
    for (name, value) in &mut pool.properties {
        let lacks_list = matches!(&**value, Json::Object(members) if *name == "UserAttributeUpdateSettings"
            && !members.iter().any(|(member, _)| member == "AttributesRequireVerificationBeforeUpdate"));
        if lacks_list {
            if let Json::Object(members) = value.to_mut() {
                members.push(("AttributesRequireVerificationBeforeUpdate".to_string(), Json::Array(Vec::new())));
            }
        }
    }
    if let Some(Json::Object(tags)) = request.get("UserPoolTags") {
        let odd_keys = tags.iter().filter(|(key, _)| !key.chars().all(is_tag_key_char)).count();
        if odd_keys > 0 {
            pool.notes.push(format!(
                "{odd_keys} tag key(s) use characters that CloudFormation's resource schema does not accept in \
                 UserPoolTags (only letters, numbers, spaces and _ . : / = + - @): cfn-lint and CloudFormation \
                 reject the template until you change them."
            ));
        }
        if let [(key, _)] = tags.as_slice() {
            if key == "Ref" || key.starts_with("Fn::") {
                pool.notes.push(
                    "Your only tag's key is Ref or starts with Fn::, so CloudFormation reads UserPoolTags as a \
                     function call instead of a tag: rename the tag or add another one."
                        .to_string(),
                );
            }
        }
    }
    add_mfa(&mut pool, request, options);
    // A serverless.yml's `${self:…}` is gone before CloudFormation reads the template.
    let sub_variable = |text: &str| has_sub_variable(text) && !crate::expr::has_serverless_variable(text);
    pool.literal_variables = pool.properties.iter().any(|(_, value)| any_literal_string(value, &sub_variable));
    if pool.literal_variables {
        pool.notes.push(
            "Some text contains ${…} like a CloudFormation variable. Outside Fn::Sub, CloudFormation keeps it as \
             it is, as the request does; cfn-lint would report it (E1029), so the resource's Metadata tells \
             cfn-lint to skip that check."
                .to_string(),
        );
    }
    let set_once: Vec<&str> = SET_ONCE.into_iter().filter(|name| request.get(name).is_some()).collect();
    if !set_once.is_empty() {
        pool.notes.push(format!(
            "{} cannot change after the pool exists (Schema can only gain custom attributes): a stack update \
             that changes them fails. Settle them before the first deployment.",
            set_once.join(", ")
        ));
    }
    if pool.retain {
        pool.notes.push(
            "Deletion protection is ACTIVE, so the template also keeps the pool when the stack is deleted or the \
             resource replaced (DeletionPolicy and UpdateReplacePolicy: Retain)."
                .to_string(),
        );
    }
    pool
}

/// A character CloudFormation's schema allows in a `UserPoolTags` key: `[\p{L}\p{Z}\p{N}_.:/=+\-@]`.
fn is_tag_key_char(c: char) -> bool {
    matches!(Category::of(c), Category::Letter | Category::Separator | Category::Number)
        || matches!(c, '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@')
}

/// Whether `text` holds `${Name}` as cfn-lint's E1029 finds it: `${`, then letters, digits or
/// `_:.`, then `}`. Scans bytes (every character involved is ASCII, and no byte of a multi-byte
/// character is): this runs on every string of the request, and a `str` pattern search would
/// set up a searcher for each.
fn has_sub_variable(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Almost no text has a `$`: one word-at-a-time search settles it.
    if !bytes.contains(&b'$') {
        return false;
    }
    let name_byte = |b: &&u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'.');
    bytes.windows(2).enumerate().filter(|(_, pair)| *pair == b"${").any(|(at, _)| {
        let rest = &bytes[at + 2..];
        let name = rest.iter().take_while(name_byte).count();
        name > 0 && rest.get(name) == Some(&b'}')
    })
}

/// Whether any string value (not key) in `value` outside an intrinsic function passes `test`
/// (a `Fn::Sub` string is meant to hold variables).
fn any_literal_string(value: &Json, test: &dyn Fn(&str) -> bool) -> bool {
    match value {
        Json::String(text) => test(text),
        Json::Array(items) => items.iter().any(|item| any_literal_string(item, test)),
        _ if crate::expr::is_expression(value) => false,
        Json::Object(members) => members.iter().any(|(_, item)| any_literal_string(item, test)),
        _ => false,
    }
}

/// What an imported template adds: its logical id, the parameters, mappings and conditions the
/// expressions use, and a note naming the other resources they refer to.
fn add_template_context<'a>(pool: &mut UserPool<'a>, template: &'a Json, request: &Json) {
    use crate::expr::template as context;
    if matches!(context::origin(template), Some(crate::expr::Origin::CloudFormation | crate::expr::Origin::Serverless))
    {
        if let Some(id) = context::resource(template) {
            pool.logical_id = id;
        }
        pool.attributes = context::attributes(template);
    }
    for (section, value) in context::used_sections(template, request) {
        if let Some(name) = context::SECTIONS.iter().find(|s| **s == section) {
            pool.sections.push((name, value));
        }
    }
    let elsewhere = context::other_resources(template, request);
    if !elsewhere.is_empty() {
        pool.notes.push(format!(
            "The pool refers to {} in the template it came from: this template holds the pool only, so deploy it \
             as part of that template, or add {}.",
            elsewhere.join(", "),
            if elsewhere.len() == 1 { "that resource" } else { "those resources" }
        ));
    }
}

/// Adds `EnabledMfas` (right after `MfaConfiguration`) and what the user must check about MFA.
/// CloudFormation's handler turns on the listed factors with SetUserPoolMfaConfig, so the
/// template states the pool's MFA choice whole (see [`crate::mfa`]).
fn add_mfa(pool: &mut UserPool, request: &Json, options: &Options) {
    let factors = options.mfa;
    if crate::mfa::mode(request).is_none() {
        if factors.any() {
            pool.notes.push(format!(
                "{} MFA was chosen, but MfaConfiguration is not ON or OPTIONAL, so this template turns no MFA on: set MfaConfiguration to OPTIONAL or ON to use it.",
                factors.describe()
            ));
        }
        return;
    }
    if !factors.any() {
        pool.notes.push(
            "MfaConfiguration is ON or OPTIONAL but no MFA factor is chosen: choose SMS (with an SmsConfiguration), authenticator apps or email."
                .to_string(),
        );
        return;
    }
    let enabled = factors.enabled_mfas();
    let at = pool.properties.iter().position(|(name, _)| *name == "MfaConfiguration").map_or(0, |i| i + 1);
    let list = Json::Array(enabled.iter().map(|&factor| Json::str(factor)).collect());
    pool.properties.insert(at, ("EnabledMfas", Cow::Owned(list)));
    pool.notes.push(format!("EnabledMfas lists the MFA factors CloudFormation turns on: {}.", enabled.join(", ")));
    if factors.email {
        pool.notes.push(
            "Email MFA sends Cognito's default message: to word it yourself, add EmailAuthenticationMessage (it must \
             contain {####}) and EmailAuthenticationSubject."
                .to_string(),
        );
        if enabled == ["EMAIL_OTP"] {
            pool.notes.push(
                "CloudFormation cannot yet create a pool whose only MFA factor is email \
                 (https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/2221): add authenticator apps or SMS as well."
                    .to_string(),
            );
        }
    }
}

/// A value of the template: a JSON value, borrowed where it is the request's own (so printing
/// the template copies nothing of the request), or an object made here.
#[derive(Clone, Debug, PartialEq)]
pub enum Node<'a> {
    Json(Cow<'a, Json>),
    Object(Vec<(&'a str, Node<'a>)>),
}

impl Node<'_> {
    /// The same value as plain JSON (a copy).
    pub fn to_json(&self) -> Json {
        match self {
            Node::Json(value) => value.as_ref().clone(),
            Node::Object(members) => {
                Json::Object(members.iter().map(|(key, node)| (key.to_string(), node.to_json())).collect())
            }
        }
    }
}

/// The whole template: the resource, its retain policies, and outputs for the pool ID and ARN.
/// Takes the properties over, still borrowed from the request; take the notes out first if
/// they are needed.
pub fn template_tree(pool: UserPool<'_>) -> Node<'_> {
    let made = |value: Json| Node::Json(Cow::Owned(value));
    let mut resource = vec![("Type", made(Json::str("AWS::Cognito::UserPool")))];
    // The imported template's own resource attributes come back as they were, and win over the
    // ones this export would add.
    let own = |name: &str| pool.attributes.iter().any(|(key, _)| key == name);
    if pool.literal_variables && !own("Metadata") {
        resource.push(("Metadata", made(lint_metadata())));
    }
    if pool.retain {
        for name in ["DeletionPolicy", "UpdateReplacePolicy"].into_iter().filter(|name| !own(name)) {
            resource.push((name, made(Json::str("Retain"))));
        }
    }
    for (name, value) in pool.attributes {
        resource.push((name.as_str(), Node::Json(Cow::Borrowed(value))));
    }
    let properties = pool.properties.into_iter().map(|(name, value)| (name, Node::Json(value))).collect();
    resource.push(("Properties", Node::Object(properties)));
    let id = pool.logical_id;
    let output =
        |description: &str, value: Json| object(vec![("Description", Json::str(description)), ("Value", value)]);
    let mut template = vec![
        ("AWSTemplateFormatVersion", made(Json::str("2010-09-09"))),
        ("Description", made(Json::str("Amazon Cognito user pool, from a CreateUserPool request (Poolsmith)"))),
    ];
    template.extend(pool.sections.into_iter().map(|(name, value)| (name, made(value))));
    template.extend([
        ("Resources", Node::Object(vec![(id, Node::Object(resource))])),
        (
            "Outputs",
            made(object(vec![
                ("UserPoolId", output("The user pool ID", object(vec![("Ref", Json::str(id))]))),
                (
                    "UserPoolArn",
                    output(
                        "The user pool ARN",
                        object(vec![("Fn::GetAtt", Json::Array(vec![Json::str(id), Json::str("Arn")]))]),
                    ),
                ),
            ])),
        ),
    ]);
    Node::Object(template)
}

/// [`template_tree`] as plain JSON, copying the request's values into it.
pub fn template(pool: UserPool) -> Json {
    template_tree(pool).to_json()
}

/// The resource `Metadata` entry that makes cfn-lint skip E1029 (see `UserPool::literal_variables`).
fn lint_metadata() -> Json {
    let ignore = Json::Array(vec![Json::str("E1029")]);
    object(vec![("cfn-lint", object(vec![("config", object(vec![("ignore_checks", ignore)]))]))])
}

fn object(members: Vec<(&str, Json)>) -> Json {
    Json::Object(members.into_iter().map(|(key, value)| (key.to_string(), value)).collect())
}

/// Writes `notes` as line comments (`prefix` is `#` or `//`). Every invisible character
/// ([`crate::invisible`]) becomes a space: those include every character that some reader takes
/// as a line break (YAML 1.1: NEL, U+2028, U+2029; JavaScript: U+2028, U+2029), so a note can
/// never end its comment early, and bidirectional controls, so a comment cannot reorder the
/// code after it.
pub fn write_comments(prefix: &str, notes: &[String], out: &mut String) {
    for note in notes {
        out.push_str(prefix);
        out.push(' ');
        // Runs of other characters are copied in one go; printable ASCII is found by its bytes.
        let bytes = note.as_bytes();
        let (mut copied, mut at) = (0, 0);
        while at < bytes.len() {
            at += json::plain_ascii_len(&bytes[at..]);
            let Some(c) = note[at..].chars().next() else { break };
            if crate::invisible::is_invisible(c) {
                out.push_str(&note[copied..at]);
                out.push(' ');
                copied = at + c.len_utf8();
            }
            at += c.len_utf8();
        }
        out.push_str(&note[copied..]);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::MfaFactors;
    use crate::model::{self, Kind};

    /// The model's leaves (scalars): what the coverage counts count.
    fn leaves() -> impl Iterator<Item = &'static Field> {
        model::FIELDS.iter().filter(|field| model::is_leaf(field))
    }

    fn parse(text: &str) -> Json {
        json::parse(text).expect("test JSON").0
    }

    fn options(sms: bool, totp: bool, email: bool) -> Options {
        Options { mfa: MfaFactors { sms, totp, email }, ..Options::default() }
    }

    fn prop<'a>(pool: &'a UserPool, name: &str) -> Option<&'a Json> {
        pool.properties.iter().find(|(n, _)| *n == name).map(|(_, v)| &**v)
    }

    /// One step into a JSON tree.
    #[derive(Clone, Debug)]
    enum Step {
        Key(String),
        Index(usize),
    }

    fn lookup<'a>(mut value: &'a Json, path: &[Step]) -> Option<&'a Json> {
        for step in path {
            value = match (step, value) {
                (Step::Key(key), _) => value.get(key)?,
                (Step::Index(i), Json::Array(items)) => items.get(*i)?,
                _ => return None,
            };
        }
        Some(value)
    }

    /// Every leaf of `value` as (model field, where it is, its value); a map key is a leaf of
    /// its own (`UserPoolTags{key}`), valued by the key.
    fn model_leaves(
        value: &Json,
        field: &'static Field,
        at: Vec<Step>,
        out: &mut Vec<(&'static Field, Vec<Step>, Json)>,
    ) {
        let step = |at: &Vec<Step>, s: Step| at.iter().cloned().chain([s]).collect::<Vec<_>>();
        match (field.kind, value) {
            (Kind::Structure, Json::Object(members)) => {
                for (key, item) in members {
                    let member = field.member(key).unwrap_or_else(|| panic!("{key} is not in {}", field.path));
                    model_leaves(item, member, step(&at, Step::Key(key.clone())), out);
                }
            }
            (Kind::List, Json::Array(items)) => {
                let element = field.child_fields().next().expect("list element");
                for (i, item) in items.iter().enumerate() {
                    model_leaves(item, element, step(&at, Step::Index(i)), out);
                }
            }
            (Kind::Map, Json::Object(entries)) => {
                let mut parts = field.child_fields();
                let (key_field, value_field) = (parts.next().expect("map key"), parts.next().expect("map value"));
                for (key, item) in entries {
                    let here = step(&at, Step::Key(key.clone()));
                    out.push((key_field, here.clone(), Json::str(key)));
                    model_leaves(item, value_field, here, out);
                }
            }
            _ => out.push((field, at, value.clone())),
        }
    }

    fn scalar_count(value: &Json) -> usize {
        match value {
            Json::Object(members) => members.iter().map(|(_, v)| scalar_count(v)).sum(),
            Json::Array(items) => items.iter().map(scalar_count).sum(),
            _ => 1,
        }
    }

    fn realistic_corpus() -> Vec<(String, Json)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/realistic");
        // The requests; a `.mfa` file beside one states its MFA factors (tests/conformance/run).
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("corpus dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files.iter().map(|p| (p.display().to_string(), parse(&std::fs::read_to_string(p).expect("read")))).collect()
    }

    #[test]
    fn the_table_covers_every_top_level_parameter_of_the_model() {
        let names: Vec<&str> = model::top_level().map(|f| f.name).collect();
        let table: Vec<&str> = PROPERTIES.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, table, "a new model parameter needs a decision in PROPERTIES");
    }

    #[test]
    fn cloudformation_expresses_86_of_the_93_leaves() {
        let missing: Vec<&str> = leaves().filter(|f| !expressible(f)).map(|f| f.path).collect();
        assert_eq!(leaves().count(), 93);
        assert_eq!(
            missing,
            [
                "DcrConfiguration.EnableStatus",
                "DcrConfiguration.OpenDcrEnabled",
                "DcrConfiguration.AuthenticatedGrantTypes[]",
                "DcrConfiguration.OpenDcrGrantTypes[]",
                "DcrConfiguration.AllowedScopes[]",
                "AcrConfiguration{key}",
                "AcrConfiguration{}.AcrValue",
            ]
        );
    }

    /// The promise of the format: for every realistic request, every leaf CloudFormation can
    /// express is at its place in the properties, with the same value and JSON type; every leaf
    /// it cannot express is named in a note; and the properties hold nothing else but
    /// `EnabledMfas`. Together the corpus sets every expressible leaf, so none can be dropped.
    #[test]
    fn no_expressible_leaf_of_the_realistic_corpus_is_dropped() {
        let mut seen = std::collections::BTreeSet::new();
        for (file, request) in realistic_corpus() {
            let all_factors = options(true, true, true);
            let pool = user_pool(&request, &all_factors);
            let properties = pool.properties_object();
            let mut found = Vec::new();
            for (name, value) in match &request {
                Json::Object(members) => members.as_slice(),
                _ => panic!("{file}: not an object"),
            } {
                let field = model::top_level_member(name).expect("model parameter");
                model_leaves(value, field, vec![Step::Key(name.clone())], &mut found);
            }
            let mut expressed = 0;
            for (field, mut at, value) in found {
                if !expressible(field) {
                    let parameter = field.path.split(['.', '[', '{']).next().unwrap_or_default();
                    assert!(pool.notes.iter().any(|n| n.contains(parameter)), "{file}: {parameter} left out silently");
                    continue;
                }
                seen.insert(field.path);
                // The one renamed parameter, written out here rather than taken from the table.
                if let Some(Step::Key(top)) = at.first_mut() {
                    if top == "PoolName" {
                        *top = "UserPoolName".to_string();
                    }
                }
                let there = lookup(&properties, &at);
                if field.name == "{key}" {
                    // A map key is no scalar of its own in the properties: it only has to be there.
                    assert!(there.is_some(), "{file}: tag {value:?} missing");
                } else {
                    assert_eq!(there, Some(&value), "{file}: {} at {at:?}", field.path);
                    expressed += 1;
                }
            }
            let enabled_mfas = prop(&pool, "EnabledMfas").map_or(0, scalar_count);
            assert_eq!(scalar_count(&properties) - enabled_mfas, expressed, "{file}: properties hold extra values");
        }
        let unexercised: Vec<&str> =
            leaves().filter(|f| expressible(f) && !seen.contains(f.path)).map(|f| f.path).collect();
        assert!(unexercised.is_empty(), "the realistic corpus never sets {unexercised:?}");
    }

    #[test]
    fn renames_the_pool_name_and_keeps_value_types() {
        let request = parse(
            r#"{"PoolName": "p", "Policies": {"PasswordPolicy": {"MinimumLength": 12, "RequireNumbers": true}},
                "Schema": [{"Name": "n", "AttributeDataType": "Number",
                            "NumberAttributeConstraints": {"MinValue": "0", "MaxValue": "10"}}],
                "UserPoolTags": {"CostCenter": "1234"}}"#,
        );
        let defaults = Options::default();
        let pool = user_pool(&request, &defaults);
        let names: Vec<&str> = pool.properties.iter().map(|(n, _)| *n).collect();
        // Request order is kept (a normalised request is in model order already).
        assert_eq!(names, ["UserPoolName", "Policies", "Schema", "UserPoolTags"]);
        assert_eq!(prop(&pool, "UserPoolName"), Some(&Json::str("p")));
        let schema = prop(&pool, "Schema").unwrap();
        assert_eq!(
            schema.compact(),
            r#"[{"Name":"n","AttributeDataType":"Number","NumberAttributeConstraints":{"MinValue":"0","MaxValue":"10"}}]"#
        );
        assert_eq!(prop(&pool, "UserPoolTags").unwrap().compact(), r#"{"CostCenter":"1234"}"#);
        assert_eq!(
            prop(&pool, "Policies").unwrap().compact(),
            r#"{"PasswordPolicy":{"MinimumLength":12,"RequireNumbers":true}}"#
        );
        assert!(!pool.retain);
    }

    #[test]
    fn leaves_out_what_cloudformation_cannot_express_and_says_so() {
        let request = parse(
            r#"{"PoolName": "p", "DcrConfiguration": {"OpenDcrEnabled": true},
                "AcrConfiguration": {"Level1": {"AcrValue": "x"}}, "Surprise": 1, "UserPoolTags": {}}"#,
        );
        let defaults = Options::default();
        let pool = user_pool(&request, &defaults);
        assert_eq!(pool.properties.len(), 1, "{:?}", pool.properties);
        for name in ["DcrConfiguration", "AcrConfiguration", "\"Surprise\""] {
            assert!(
                pool.notes.iter().any(|n| n.starts_with("Left out: ") && n.contains(name)),
                "{name}: {:?}",
                pool.notes
            );
        }
    }

    #[test]
    fn deletion_protection_retains_the_pool() {
        let request = parse(r#"{"PoolName": "p", "DeletionProtection": "ACTIVE"}"#);
        let defaults = Options::default();
        let pool = user_pool(&request, &defaults);
        assert!(pool.retain);
        let template = template(pool.clone());
        let resource = template.get("Resources").and_then(|r| r.get(LOGICAL_ID)).unwrap();
        assert_eq!(resource.get("DeletionPolicy"), Some(&Json::str("Retain")));
        assert_eq!(resource.get("UpdateReplacePolicy"), Some(&Json::str("Retain")));
        let request = parse(r#"{"PoolName": "p", "DeletionProtection": "INACTIVE"}"#);
        let defaults = Options::default();
        let inactive = user_pool(&request, &defaults);
        let template = super::template(inactive);
        let resource = template.get("Resources").and_then(|r| r.get(LOGICAL_ID)).unwrap();
        assert_eq!(resource.get("DeletionPolicy"), None);
    }

    #[test]
    fn mfa_factors_become_enabled_mfas_after_mfa_configuration() {
        let sms = r#"{"PoolName": "p", "MfaConfiguration": "OPTIONAL", "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::1:role/r"}}"#;
        let request = parse(sms);
        let all_factors = options(true, true, true);
        let pool = user_pool(&request, &all_factors);
        let names: Vec<&str> = pool.properties.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["UserPoolName", "MfaConfiguration", "EnabledMfas", "SmsConfiguration"]);
        assert_eq!(prop(&pool, "EnabledMfas").unwrap().compact(), r#"["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]"#);
        assert!(pool.notes.iter().any(|n| n.contains("EmailAuthenticationMessage")), "{:?}", pool.notes);
        // SMS MFA alone is still listed explicitly.
        let request = parse(sms);
        let chosen = options(true, false, false);
        let pool = user_pool(&request, &chosen);
        assert_eq!(prop(&pool, "EnabledMfas").unwrap().compact(), r#"["SMS_MFA"]"#);
        // TOTP without an SMS configuration.
        let request = parse(r#"{"PoolName": "p", "MfaConfiguration": "ON"}"#);
        let chosen = options(false, true, false);
        let pool = user_pool(&request, &chosen);
        assert_eq!(prop(&pool, "EnabledMfas").unwrap().compact(), r#"["SOFTWARE_TOKEN_MFA"]"#);
        // Email as the only factor: a known CloudFormation failure, said out loud.
        let request = parse(r#"{"PoolName": "p", "MfaConfiguration": "ON"}"#);
        let chosen = options(false, false, true);
        let pool = user_pool(&request, &chosen);
        assert!(pool.notes.iter().any(|n| n.contains("2221")), "{:?}", pool.notes);
    }

    #[test]
    fn mfa_factors_with_mfa_off_are_not_turned_on_but_noted() {
        for request in [r#"{"PoolName": "p"}"#, r#"{"PoolName": "p", "MfaConfiguration": "OFF"}"#] {
            let request = parse(request);
            let all_factors = options(true, true, true);
            let pool = user_pool(&request, &all_factors);
            assert_eq!(prop(&pool, "EnabledMfas"), None);
            assert!(pool.notes.iter().any(|n| n.contains("set MfaConfiguration to OPTIONAL")), "{:?}", pool.notes);
        }
        let request = parse(r#"{"PoolName": "p", "MfaConfiguration": "ON"}"#);
        let defaults = Options::default();
        let pool = user_pool(&request, &defaults);
        assert_eq!(prop(&pool, "EnabledMfas"), None);
        assert!(pool.notes.iter().any(|n| n.contains("no MFA factor")), "{:?}", pool.notes);
        // An SMS configuration kept for phone verification does not make SMS a factor.
        let request =
            parse(r#"{"PoolName": "p", "MfaConfiguration": "ON", "SmsConfiguration": {"SnsCallerArn": "a"}}"#);
        let chosen = options(false, true, false);
        let pool = user_pool(&request, &chosen);
        assert_eq!(prop(&pool, "EnabledMfas").unwrap().compact(), r#"["SOFTWARE_TOKEN_MFA"]"#);
    }

    #[test]
    fn warns_when_the_only_tag_looks_like_a_function() {
        for key in ["Ref", "Fn::Sub"] {
            let request = Json::Object(vec![
                ("PoolName".into(), Json::str("p")),
                ("UserPoolTags".into(), Json::Object(vec![(key.into(), Json::str("x"))])),
            ]);
            let defaults = Options::default();
            let pool = user_pool(&request, &defaults);
            assert!(pool.notes.iter().any(|n| n.contains("function call")), "{key}: {:?}", pool.notes);
        }
        let request = parse(r#"{"PoolName": "p", "UserPoolTags": {"Ref": "x", "b": "c"}}"#);
        let defaults = Options::default();
        let pool = user_pool(&request, &defaults);
        assert!(!pool.notes.iter().any(|n| n.contains("function call")));
    }

    #[test]
    fn fills_the_list_cloudformation_requires_in_user_attribute_update_settings() {
        let request = parse(r#"{"PoolName": "p", "UserAttributeUpdateSettings": {}}"#);
        let defaults = Options::default();
        let pool = user_pool(&request, &defaults);
        let settings = prop(&pool, "UserAttributeUpdateSettings").unwrap();
        assert_eq!(settings.compact(), r#"{"AttributesRequireVerificationBeforeUpdate":[]}"#);
        let given = r#"{"PoolName": "p", "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": ["email"]}}"#;
        let request = parse(given);
        let defaults = Options::default();
        let pool = user_pool(&request, &defaults);
        let settings = prop(&pool, "UserAttributeUpdateSettings").unwrap();
        assert_eq!(settings.compact(), r#"{"AttributesRequireVerificationBeforeUpdate":["email"]}"#);
    }

    #[test]
    fn warns_about_tag_keys_cloudformation_refuses() {
        // Letters, numbers and separators of any script are fine, and so are _ . : / = + - @.
        let fine = r#"{"PoolName": "p", "UserPoolTags": {"app:component/x_y.z=+-@": "v", "Équipe 漢字 ٣": "v"}}"#;
        let request = parse(fine);
        let defaults = Options::default();
        let pool = user_pool(&request, &defaults);
        assert!(!pool.notes.iter().any(|n| n.contains("tag key")), "{:?}", pool.notes);
        for key in ["a#b", "a$b", "emoji😀", "tab\there", "{x}", "a'b"] {
            let tags = Json::Object(vec![(key.into(), Json::str("v")), ("ok".into(), Json::str("v"))]);
            let request = Json::Object(vec![("PoolName".into(), Json::str("p")), ("UserPoolTags".into(), tags)]);
            let defaults = Options::default();
            let pool = user_pool(&request, &defaults);
            assert!(pool.notes.iter().any(|n| n.starts_with("1 tag key(s)")), "{key}: {:?}", pool.notes);
        }
    }

    #[test]
    fn text_that_looks_like_a_variable_turns_off_cfn_lint_e1029_only_then() {
        for text in ["Region ${AWS::Region}", "${UserPool.Arn} {####}", "${a_b:c.d}"] {
            let request = Json::Object(vec![
                ("PoolName".into(), Json::str("p")),
                ("EmailVerificationMessage".into(), Json::str(text)),
            ]);
            let defaults = Options::default();
            let pool = user_pool(&request, &defaults);
            assert!(pool.literal_variables, "{text}");
            let template = template(pool.clone());
            let metadata = template.get("Resources").and_then(|r| r.get(LOGICAL_ID)).and_then(|r| r.get("Metadata"));
            assert_eq!(
                metadata.map(Json::compact).as_deref(),
                Some(r#"{"cfn-lint":{"config":{"ignore_checks":["E1029"]}}}"#)
            );
            assert!(pool.notes.iter().any(|n| n.contains("E1029")));
        }
        // Not a variable to cfn-lint: empty, `!` (Fn::Sub's own literal), spaces, no closing brace.
        for text in ["${}", "${!AWS::Region}", "${a b}", "${AWS::Region", "$AWS::Region", "%{x}"] {
            let request = Json::Object(vec![
                ("PoolName".into(), Json::str("p")),
                ("EmailVerificationMessage".into(), Json::str(text)),
            ]);
            let defaults = Options::default();
            let pool = user_pool(&request, &defaults);
            assert!(!pool.literal_variables, "{text}");
            let template = template(pool.clone());
            assert_eq!(template.get("Resources").and_then(|r| r.get(LOGICAL_ID)).and_then(|r| r.get("Metadata")), None);
        }
    }

    #[test]
    fn bad_input_gives_an_empty_resource() {
        for request in [Json::Null, Json::str("x"), Json::Array(vec![]), Json::Object(vec![])] {
            let all_factors = options(true, true, true);
            let pool = user_pool(&request, &all_factors);
            assert!(pool.properties.is_empty());
            assert!(template(pool.clone()).get("Resources").is_some());
        }
    }

    #[test]
    fn request_member_inverts_the_table() {
        assert_eq!(request_member("UserPoolName"), Some("PoolName"));
        assert_eq!(request_member("Schema"), Some("Schema"));
        assert_eq!(request_member("PoolName"), None);
        assert_eq!(request_member("DcrConfiguration"), None);
    }

    #[test]
    fn comments_cannot_be_ended_by_a_note() {
        let mut out = String::new();
        write_comments("//", &["a\nb\r\u{2028}c\u{2029}d\u{85}e".to_string()], &mut out);
        assert_eq!(out, "// a b  c d e\n");
    }
}
