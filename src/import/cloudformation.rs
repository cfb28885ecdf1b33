//! CloudFormation `AWS::Cognito::UserPool` → a CreateUserPool form.
//!
//! Takes a whole template (JSON or YAML) with exactly one user pool resource, the resource
//! alone (`{"Type": …, "Properties": …}`), or its `Properties` alone. Properties map back to
//! request parameters through the export's table (`export::cloudformation::request_member`),
//! so the two directions cannot drift: `UserPoolName` becomes `PoolName`, every other property
//! keeps its name and its value below. Scalars are typed by their field, as CloudFormation
//! does (`MinLength: 0` is the text "0", `RequireNumbers: "true"` a boolean).
//!
//! Properties that are not CreateUserPool parameters (`EnabledMfas`, the email-MFA and passkey
//! settings) become notes that say where the setting goes instead; resource settings
//! (`DeletionPolicy`, `Condition`, …) are named in a note. A value that is an intrinsic function
//! (`!Ref Stage`, `!Sub "${AWS::StackName}-users"`, `!GetAtt Fn.Arn`, `!If [...]`) is kept as
//! an expression ([`crate::expr`]), with the template's `Parameters`, `Conditions` and
//! `Mappings` beside the form so that a `!Ref` can be checked through its parameter and the
//! CloudFormation exports can write it all back; `!Ref AWS::NoValue` as a whole property
//! leaves it unset. A template with several pools needs the one to import named. The import
//! fails on properties neither CloudFormation nor CreateUserPool has; a CreateUserPool parameter
//! that CloudFormation lacks (`DcrConfiguration`, `AcrConfiguration`) is kept, with a note that
//! CloudFormation rejects the template.
//!
//! CloudFormation reads YAML 1.1 (its template-formats page:
//! <https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html>),
//! where a plain `OFF`, `yes` or `On` is a boolean, which it then sends as the text `false` or
//! `true` (`MfaConfiguration: OFF` fails to deploy; the same mismatch, YAML 1.2 writing `yes`
//! bare for CloudFormation to read as true: <https://github.com/aws/aws-cli/issues/5245>). Such
//! a value in a text or enum field fails the import with the fix: quote it. A plain `true` or
//! `false` is kept: CloudFormation's text is the same.

use super::yaml::{yaml_bool, PlainScalars};
use super::{coerce_members, finish, join, not_an_object, read_document, remove, split, Members, Outcome};
use crate::diagnostic::Diagnostic;
use crate::export::cloudformation::{property, request_member, Property};
use crate::expr::{self, template, Origin};
use crate::json::{Json, Located, Pos};
use crate::mfa::MfaFactors;
use crate::model::{self, Field, Kind};
use crate::value::{FieldPath, Segment};

/// The resource type of a user pool.
pub const RESOURCE_TYPE: &str = "AWS::Cognito::UserPool";

/// Properties that set MFA with SetUserPoolMfaConfig rather than CreateUserPool (cfn-lint 1.58.0
/// schema), and the member of that call each becomes.
const MFA_CONFIG_ONLY: [(&str, &str); 5] = [
    ("EmailAuthenticationMessage", "EmailMfaConfiguration.Message"),
    ("EmailAuthenticationSubject", "EmailMfaConfiguration.Subject"),
    ("WebAuthnRelyingPartyID", "WebAuthnConfiguration.RelyingPartyId"),
    ("WebAuthnUserVerification", "WebAuthnConfiguration.UserVerification"),
    ("WebAuthnFactorConfiguration", "WebAuthnConfiguration.FactorConfiguration"),
];

/// Values CloudFormation returns for a pool (`Fn::GetAtt`), which a template cannot set.
const RETURN_VALUES: [&str; 4] = ["Arn", "ProviderName", "ProviderURL", "UserPoolId"];

/// Imports a template, resource or `Properties` object as a request; `resource` picks the pool
/// of a template that defines several (by logical id).
pub fn import(text: &str, resource: Option<&str>) -> Outcome {
    let (value, at, plain) = read_document(text)?;
    import_document(value, at, plain.as_ref(), resource, Origin::CloudFormation)
}

/// The logical ids of a template's user pools, when it defines more than one.
pub fn pool_ids(text: &str) -> Vec<String> {
    let Ok((value, ..)) = read_document(text) else { return Vec::new() };
    let ids = pools_in(&value);
    if ids.len() > 1 {
        ids
    } else {
        Vec::new()
    }
}

pub(crate) fn pools_in(template: &Json) -> Vec<String> {
    match template.get("Resources") {
        Some(Json::Object(resources)) => resources
            .iter()
            .filter(|(_, r)| r.get("Type").and_then(Json::as_str) == Some(RESOURCE_TYPE))
            .map(|(id, _)| id.clone())
            .collect(),
        _ => Vec::new(),
    }
}

/// Imports an already read document (a CloudFormation template, or the CloudFormation part
/// of a serverless.yml, whose expressions are of `origin`).
pub(crate) fn import_document(
    value: Json,
    at: Located,
    plain: Option<&PlainScalars>,
    resource: Option<&str>,
    origin: Origin,
) -> Outcome {
    let mut notes = Vec::new();
    let found = pool_properties(value, at, resource, plain, &mut notes)?;
    let (properties, at) = (found.properties, found.at);
    let pos = at.pos;
    let what = "Properties must be a mapping of property names to values";
    let properties = split(properties, at).map_err(|(value, at)| vec![not_an_object(what, &value, at.pos)])?;
    let mut problems = Vec::new();
    if let Some(plain) = plain {
        for (name, value, at) in &properties {
            let field = request_member(name).and_then(model::top_level_member);
            find_yaml_booleans(value, at, field, FieldPath::member(name), plain, &mut problems);
        }
    }
    let mut request = Members::new();
    let mut enabled_mfas = None;
    let mut expressions = Vec::new();
    for (name, value, at) in properties {
        if is_no_value(&value) {
            notes.push(format!("Left {name} unset: it is !Ref AWS::NoValue, which removes the property."));
            continue;
        }
        if let Some(member) = request_member(&name) {
            if member != name {
                notes.push(format!("Renamed {name} to {member}."));
            }
            let mut value = value;
            find_expressions(&mut value, FieldPath::member(member), &mut expressions);
            request.push((member.to_string(), value, at));
        } else if name == "EnabledMfas" {
            enabled_mfas = Some(read_enabled_mfas(&value, &mut notes));
        } else if let Some((_, member)) = MFA_CONFIG_ONLY.iter().find(|(n, _)| *n == name) {
            notes.push(format!(
                "Left out {name} ({}): it is not part of CreateUserPool. After creating the pool, set it with aws \
                 cognito-idp set-user-pool-mfa-config ({member}).",
                value.compact()
            ));
        } else if let Some(Property::Missing(what)) = property(&name) {
            notes.push(format!(
                "Kept {name} ({what}): CreateUserPool takes it, but AWS::Cognito::UserPool has no such property, so \
                 CloudFormation rejects this template."
            ));
            request.push((name, value, at));
        } else {
            problems.push(unknown_property(&name, at.pos));
        }
    }
    if !expressions.is_empty() {
        notes.push(format!(
            "Kept {} from the {} as {}, known only once it is deployed: {}. The {} export writes {} back \
             unchanged; other formats get a placeholder to fill in.",
            if expressions.len() == 1 { "one value" } else { "these values" },
            if origin == Origin::Serverless { "serverless.yml" } else { "template" },
            if expressions.len() == 1 { "an expression" } else { "expressions" },
            expressions.join("; "),
            if origin == Origin::Serverless {
                "CloudFormation YAML (for its resources section)"
            } else {
                "CloudFormation"
            },
            if expressions.len() == 1 { "it" } else { "them" },
        ));
    }
    if !request.iter().any(|(name, ..)| name == "PoolName") {
        notes.push(
            "The template gives no UserPoolName, so CloudFormation names the pool (after the stack and the \
             resource); for CreateUserPool (the other formats) add a PoolName."
                .to_string(),
        );
    }
    coerce_members(&mut request);
    let mut read = finish(request, pos, problems, notes)?;
    if let Some(enabled) = enabled_mfas {
        read.form.set_mfa(enabled);
    }
    let context = template::new(origin, found.logical_id.as_deref(), found.sections);
    read.form.set_template(Some(context));
    Ok(read)
}

/// Types the plain YAML scalars of a part of the template that is not the pool's properties (a
/// parameter's `MinValue: 8`, `NoEcho: true`) as CloudFormation reads them: whole numbers and
/// booleans. The YAML reader keeps every scalar as text until a field types it, and these have
/// no field.
fn type_plain(value: &mut Json, at: &Located, plain: Option<&PlainScalars>) {
    let Some(plain) = plain else { return };
    match value {
        Json::String(text) if plain.contains(at.pos) => {
            if let Some(n) = crate::validate::parse_integer(text).filter(|n| n.to_string() == *text) {
                *value = Json::Number(n.to_string());
            } else if text == "true" || text == "false" {
                *value = Json::Bool(text == "true");
            }
        }
        Json::Object(members) => {
            for (i, (_, item)) in members.iter_mut().enumerate() {
                type_plain(item, at.children.get(i).unwrap_or(at), Some(plain));
            }
        }
        Json::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                type_plain(item, at.children.get(i).unwrap_or(at), Some(plain));
            }
        }
        _ => {}
    }
}

fn is_no_value(value: &Json) -> bool {
    value.get("Ref").and_then(Json::as_str) == Some("AWS::NoValue")
}

/// Where the pool's properties are, and what of the template around them is kept.
struct Found {
    properties: Json,
    at: Located,
    logical_id: Option<String>,
    sections: Vec<(String, Json)>,
}

/// The `Properties` of the chosen (or only) user pool in a template or resource, or the
/// object itself when it is a bare `Properties` object.
fn pool_properties(
    value: Json,
    at: Located,
    chosen: Option<&str>,
    plain: Option<&PlainScalars>,
    notes: &mut Vec<String>,
) -> Result<Found, Vec<Diagnostic>> {
    let what = "Expected a CloudFormation template, an AWS::Cognito::UserPool resource or its Properties";
    let mut pos = at.pos;
    let mut resource = split(value, at).map_err(|(value, at)| vec![not_an_object(what, &value, at.pos)])?;
    let mut logical_id = None;
    let mut sections = Vec::new();
    if let Some((_, resources, at)) = remove(&mut resource, "Resources") {
        for (key, value, at) in &resource {
            if template::SECTIONS.contains(&key.as_str()) {
                let mut value = value.clone();
                type_plain(&mut value, at, plain);
                sections.push((key.clone(), value));
            }
        }
        let what = "Resources must be a mapping of logical IDs to resources";
        let resources_pos = at.pos;
        let mut resources = split(resources, at).map_err(|(value, at)| vec![not_an_object(what, &value, at.pos)])?;
        let type_of = |resource: &Json| resource.get("Type").and_then(Json::as_str).unwrap_or("no Type").to_string();
        let pools: Vec<usize> = (0..resources.len()).filter(|&i| type_of(&resources[i].1) == RESOURCE_TYPE).collect();
        let ids: Vec<&str> = pools.iter().map(|&i| resources[i].0.as_str()).collect();
        let picked = match (pools.as_slice(), chosen) {
            ([], _) => {
                let found: Vec<String> = resources.iter().map(|(id, r, _)| format!("{id} ({})", type_of(r))).collect();
                let found = if found.is_empty() { "no resources".to_string() } else { found.join(", ") };
                let message = format!(
                    "The template has no {RESOURCE_TYPE} resource (it has {found}): import a template that defines \
                     the user pool"
                );
                return Err(vec![Diagnostic::error("import.resource", FieldPath::member("Resources"), message)
                    .at(Some(resources_pos))]);
            }
            (_, Some(name)) => match pools.iter().find(|&&i| resources[i].0 == name) {
                Some(&i) => i,
                None => {
                    let message =
                        format!("The template has no user pool named {name}: choose one of {}", ids.join(", "));
                    return Err(vec![Diagnostic::error("import.resource", FieldPath::member("Resources"), message)
                        .at(Some(resources_pos))]);
                }
            },
            ([only], None) => *only,
            (several, None) => {
                let message = format!(
                    "The template defines {} user pools ({}): choose one (in the app: its button; on the command line: --resource NAME)",
                    several.len(),
                    ids.join(", ")
                );
                return Err(vec![Diagnostic::error(super::SEVERAL_POOLS, FieldPath::member("Resources"), message)
                    .at(Some(resources_pos))]);
            }
        };
        let (id, pool, at) = resources.swap_remove(picked);
        notes.push(format!("Imported the properties of the resource {id}."));
        logical_id = Some(id);
        pos = at.pos;
        resource = split(pool, at).map_err(|(value, at)| vec![not_an_object(what, &value, at.pos)])?;
    } else if !resource.iter().any(|(key, ..)| key == "Type" || key == "Properties") {
        let (properties, at) = join(resource, pos);
        return Ok(Found { properties, at, logical_id, sections });
    }
    if let Some((_, kind, at)) =
        remove(&mut resource, "Type").filter(|(_, kind, _)| kind.as_str() != Some(RESOURCE_TYPE))
    {
        let message = format!("This resource is {}, not an {RESOURCE_TYPE}", kind.compact());
        return Err(vec![Diagnostic::error("import.resource", FieldPath::member("Type"), message).at(Some(at.pos))]);
    }
    let properties = remove(&mut resource, "Properties");
    if !resource.is_empty() {
        let names: Vec<&str> = resource.iter().map(|(key, ..)| key.as_str()).collect();
        notes.push(format!(
            "Kept {} beside the pool: resource settings of the template, not part of the request; the CloudFormation \
             and CDK exports write them back.",
            names.join(", ")
        ));
        let attributes = resource
            .into_iter()
            .map(|(key, mut value, at)| {
                type_plain(&mut value, &at, plain);
                (key, value)
            })
            .collect();
        sections.push((template::ATTRIBUTES.to_string(), Json::Object(attributes)));
    }
    let (properties, at) = match properties {
        Some((_, value, at)) => (value, at),
        None => {
            notes.push("The resource has no Properties.".to_string());
            (Json::Object(Vec::new()), Located { pos, children: Vec::new() })
        }
    };
    Ok(Found { properties, at, logical_id, sections })
}

/// Lists every expression in `value` as `path = source`, for the import's note, and writes
/// `!GetAtt Name.Attribute` in the long form JSON templates use (`["Name", "Attribute"]`), so
/// that a JSON export of it is what CloudFormation documents.
fn find_expressions(value: &mut Json, path: FieldPath, out: &mut Vec<String>) {
    if expr::is_expression(value) {
        normalise_get_att(value);
        out.push(format!("{path} = {}", expr::source(value)));
        return;
    }
    match value {
        Json::Object(members) => {
            for (key, item) in members {
                find_expressions(item, path.with_member(key), out);
            }
        }
        Json::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                find_expressions(item, path.with(Segment::Index(i)), out);
            }
        }
        _ => {}
    }
}

/// Writes a function's arguments as CloudFormation reads them from YAML: `!GetAtt Name.Attr`
/// as the list JSON templates use, and the whole numbers `Fn::Select` and `Fn::Cidr` take as
/// numbers (the YAML reader keeps scalars as text until a field types them, and these are
/// arguments, not fields: `!Select [0, …]` must stay the number 0, which cfn-lint requires).
fn normalise_get_att(value: &mut Json) {
    match value {
        Json::Object(members) => {
            for (key, inner) in members.iter_mut() {
                if let (true, Json::String(text)) = (key == "Fn::GetAtt", &*inner) {
                    if let Some((name, attribute)) = text.split_once('.') {
                        *inner = Json::Array(vec![Json::str(name), Json::str(attribute)]);
                        continue;
                    }
                }
                let numbers: &[usize] = match key.as_str() {
                    "Fn::Select" => &[0],
                    "Fn::Cidr" => &[1, 2],
                    _ => &[],
                };
                if let Json::Array(args) = inner {
                    for &at in numbers {
                        if let Some(arg) = args.get_mut(at) {
                            if let Some(n) = arg.as_str().and_then(crate::validate::parse_integer) {
                                *arg = Json::Number(n.to_string());
                            }
                        }
                    }
                }
                normalise_get_att(inner);
            }
        }
        Json::Array(items) => items.iter_mut().for_each(normalise_get_att),
        _ => {}
    }
}

/// Reports every plain YAML scalar in a text or enum field that YAML 1.1 reads as a boolean
/// other than `true` or `false` (`OFF`, `yes`, `On`, …): CloudFormation would send `false` or
/// `true` instead of what is written.
fn find_yaml_booleans(
    value: &Json,
    at: &Located,
    field: Option<&'static Field>,
    path: FieldPath,
    plain: &PlainScalars,
    out: &mut Vec<Diagnostic>,
) {
    let child_at = |i: usize| at.children.get(i).unwrap_or(at);
    match (value, field) {
        (Json::String(text), Some(field)) if matches!(field.kind, Kind::String | Kind::Enum) => {
            let Some(boolean) = yaml_bool(text).filter(|_| plain.contains(at.pos)) else { return };
            if text == "true" || text == "false" {
                return;
            }
            let message = format!(
                "Write \"{text}\" in quotes: unquoted {text} is a boolean in YAML 1.1, which CloudFormation uses, so it \
                 would set {path} to {boolean}"
            );
            out.push(Diagnostic::error("import.yaml-boolean", path, message).at(Some(at.pos)));
        }
        (Json::Object(members), Some(field)) => {
            let map = field.kind == Kind::Map;
            for (i, (key, item)) in members.iter().enumerate() {
                let (child, step) = if map {
                    (field.child_fields().nth(1), Segment::Key(key.clone()))
                } else {
                    (field.member(key), Segment::Member(key.clone()))
                };
                find_yaml_booleans(item, child_at(i), child, path.with(step), plain, out);
            }
        }
        (Json::Array(items), Some(field)) => {
            let element = field.child_fields().next();
            for (i, item) in items.iter().enumerate() {
                find_yaml_booleans(item, child_at(i), element, path.with(Segment::Index(i)), plain, out);
            }
        }
        _ => {}
    }
}

/// The MFA factors `EnabledMfas` lists (CloudFormation turns them on with
/// SetUserPoolMfaConfig): they become the pool's factors; values it does not know are noted.
fn read_enabled_mfas(value: &Json, notes: &mut Vec<String>) -> MfaFactors {
    let items: Vec<&str> = match value {
        Json::Array(items) => items.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    };
    let (factors, unknown) = MfaFactors::from_enabled_mfas(items);
    if !matches!(value, Json::Array(_)) || !unknown.is_empty() {
        notes.push(format!(
            "Left out EnabledMfas values Poolsmith does not know ({}): CloudFormation takes SMS_MFA, SOFTWARE_TOKEN_MFA and EMAIL_OTP.",
            value.compact()
        ));
    }
    if factors.any() {
        notes.push(format!("EnabledMfas became the MFA factors: {}.", factors.describe()));
    }
    factors
}

/// A property CloudFormation's `AWS::Cognito::UserPool` does not have.
fn unknown_property(name: &str, pos: Pos) -> Diagnostic {
    let known = model::top_level()
        .filter_map(|field| match property(field.name)? {
            Property::Same => Some(field.name),
            Property::Named(renamed) => Some(renamed),
            Property::Missing(_) => None,
        })
        .chain(MFA_CONFIG_ONLY.iter().map(|(n, _)| *n))
        .chain(["EnabledMfas"]);
    let message = match (property(name), known.into_iter().find(|k| k.eq_ignore_ascii_case(name))) {
        (Some(Property::Named(renamed)), _) => format!("{RESOURCE_TYPE} calls {name} {renamed}: rename it"),
        (_, Some(known)) => format!("{RESOURCE_TYPE} has no property {name}: did you mean {known}?"),
        _ if RETURN_VALUES.contains(&name) => {
            format!("{name} is a value CloudFormation returns for the pool (Fn::GetAtt), not a property: remove it")
        }
        _ => format!("{RESOURCE_TYPE} has no property {name}: remove it, or check its spelling"),
    };
    Diagnostic::error("import.unknown-key", FieldPath::member(name), message).at(Some(pos))
}
