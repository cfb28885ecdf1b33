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
//! (`DeletionPolicy`, `Condition`, …) are named in a note. The import fails, naming each
//! place, when a value is an intrinsic function (`Ref`, `Fn::Sub`, `!GetAtt`, …): its value
//! exists only in a deployed stack, and guessing would import a different pool. It fails on
//! properties neither CloudFormation nor CreateUserPool has, too; a CreateUserPool parameter
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

/// Imports a template, resource or `Properties` object as a request.
pub fn import(text: &str) -> Outcome {
    import_resource(text, None)
}

/// Imports the user pool `resource` (a logical ID) of a template with several; `None` takes
/// the only one and fails, listing their IDs, when there are several.
pub fn import_resource(text: &str, resource: Option<&str>) -> Outcome {
    let (value, at, plain) = read_document(text)?;
    let reading = Reading { resource, plain: plain.as_ref(), what: "template", keep_functions: false };
    import_parsed(value, at, &reading)
}

/// How an already parsed document is read: which pool, and how its YAML was typed.
pub(crate) struct Reading<'a> {
    /// The logical ID of the pool to import, when the document has several.
    pub resource: Option<&'a str>,
    /// Where the plain YAML scalars are, for CloudFormation's YAML 1.1 booleans; `None` for
    /// JSON, and for YAML that is not read as YAML 1.1 (serverless.yml: see `serverless`).
    pub plain: Option<&'a PlainScalars>,
    /// What the document is, in diagnostics ("template", "serverless.yml").
    pub what: &'a str,
    /// Whether intrinsic functions stay in the request as the objects they are (`{"Ref": …}`,
    /// `{"Fn::Sub": …}`), for the request reader to take as expressions, rather than failing
    /// the import (`import.function`).
    pub keep_functions: bool,
}

/// Imports a parsed template, resource or `Properties` object (`value`, located by `at`): the
/// CloudFormation importer and the serverless.yml importer share this.
pub(crate) fn import_parsed(value: Json, at: Located, reading: &Reading) -> Outcome {
    let built = build(value, at, reading)?;
    let (mut form, notes) = finish(built.request, built.pos, built.problems, built.notes)?;
    if let Some(enabled) = built.enabled_mfas {
        form.set_mfa(enabled);
    }
    Ok((form, notes))
}

/// The request a template's pool becomes, before it is read as a form.
pub(crate) struct Built {
    /// The request's members, each where it was in the file.
    pub request: Members,
    /// Where the `Properties` object was.
    pub pos: Pos,
    /// What fails the import even if the request reads.
    pub problems: Vec<Diagnostic>,
    pub notes: Vec<String>,
    /// The MFA factors `EnabledMfas` named, which the request cannot carry.
    pub enabled_mfas: Option<MfaFactors>,
}

/// Maps the pool's properties to request members: renamed, typed by field, with notes on
/// what was left out. Intrinsic functions and unknown properties fail here.
pub(crate) fn build(value: Json, at: Located, reading: &Reading) -> Result<Built, Vec<Diagnostic>> {
    let plain = reading.plain;
    let mut notes = Vec::new();
    let (properties, at) = pool_properties(value, at, reading, &mut notes)?;
    let pos = at.pos;
    let what = "Properties must be a mapping of property names to values";
    let properties = split(properties, at).map_err(|(value, at)| vec![not_an_object(what, &value, at.pos)])?;
    let mut functions = Vec::new();
    for (name, value, at) in &properties {
        let field = request_member(name).and_then(model::top_level_member);
        find_functions(value, at, field, FieldPath::member(name), &mut functions);
    }
    let mut problems = Vec::new();
    if let Some(plain) = plain {
        for (name, value, at) in &properties {
            let field = request_member(name).and_then(model::top_level_member);
            find_yaml_booleans(value, at, field, FieldPath::member(name), plain, &mut problems);
        }
    }
    let mut request = Members::new();
    let mut enabled_mfas = None;
    for (name, value, at) in properties {
        if let Some(member) = request_member(&name) {
            if member != name {
                notes.push(format!("Renamed {name} to {member}."));
            }
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
    if !functions.is_empty() && !reading.keep_functions {
        // Reading the request would only add that a function is not the value it stands for.
        functions.extend(problems);
        return Err(functions);
    }
    coerce_members(&mut request);
    Ok(Built { request, pos, problems, notes, enabled_mfas })
}

/// The `Properties` of the one user pool in a template or resource, or the object itself when
/// it is a bare `Properties` object.
fn pool_properties(
    value: Json,
    at: Located,
    reading: &Reading,
    notes: &mut Vec<String>,
) -> Result<(Json, Located), Vec<Diagnostic>> {
    let what = "Expected a CloudFormation template, an AWS::Cognito::UserPool resource or its Properties";
    let mut pos = at.pos;
    let mut resource = split(value, at).map_err(|(value, at)| vec![not_an_object(what, &value, at.pos)])?;
    if let Some((_, resources, at)) = remove(&mut resource, "Resources") {
        let what = "Resources must be a mapping of logical IDs to resources";
        let resources_pos = at.pos;
        let mut resources = split(resources, at).map_err(|(value, at)| vec![not_an_object(what, &value, at.pos)])?;
        let type_of = |resource: &Json| resource.get("Type").and_then(Json::as_str).unwrap_or("no Type").to_string();
        let pools: Vec<usize> = (0..resources.len()).filter(|&i| type_of(&resources[i].1) == RESOURCE_TYPE).collect();
        let ids: Vec<&str> = pools.iter().map(|&i| resources[i].0.as_str()).collect();
        let chosen = match reading.resource {
            Some(wanted) => ids.iter().position(|id| *id == wanted).map(|i| pools[i]).ok_or_else(|| {
                let found = if ids.is_empty() { "none".to_string() } else { ids.join(", ") };
                format!(
                    "The {} has no {RESOURCE_TYPE} resource {wanted} (its user pools: {found}): choose one of them",
                    reading.what
                )
            }),
            None => match pools.as_slice() {
                [] => {
                    let found: Vec<String> =
                        resources.iter().map(|(id, r, _)| format!("{id} ({})", type_of(r))).collect();
                    let found = if found.is_empty() { "no resources".to_string() } else { found.join(", ") };
                    Err(format!(
                        "The {} has no {RESOURCE_TYPE} resource (it has {found}): import a {} that defines the user pool",
                        reading.what, reading.what
                    ))
                }
                [only] => Ok(*only),
                several => Err(format!(
                    "The {} defines {} {RESOURCE_TYPE} resources ({}): Poolsmith imports one pool at a time, so choose \
                     one by its logical ID (or paste the resource you want on its own)",
                    reading.what,
                    several.len(),
                    ids.join(", ")
                )),
            },
        };
        let chosen = match chosen {
            Ok(index) => index,
            Err(message) => {
                let path = FieldPath::member("Resources");
                return Err(vec![Diagnostic::error("import.resource", path, message).at(Some(resources_pos))]);
            }
        };
        if pools.len() > 1 {
            notes.push(format!("The {} defines {} user pools ({}).", reading.what, pools.len(), ids.join(", ")));
        }
        let (id, pool, at) = resources.swap_remove(chosen);
        notes.push(format!("Imported the properties of the resource {id}."));
        pos = at.pos;
        resource = split(pool, at).map_err(|(value, at)| vec![not_an_object(what, &value, at.pos)])?;
    } else if !resource.iter().any(|(key, ..)| key == "Type" || key == "Properties") {
        return Ok(join(resource, pos));
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
        notes
            .push(format!("Ignored {}: resource settings of the template, not part of the request.", names.join(", ")));
    }
    Ok(match properties {
        Some((_, value, at)) => (value, at),
        None => {
            notes.push("The resource has no Properties.".to_string());
            (Json::Object(Vec::new()), Located { pos, children: Vec::new() })
        }
    })
}

/// Reports every intrinsic function in `value`: an object whose one key is `Ref` or `Fn::…`
/// (what the YAML reader makes of `!Ref`, `!Sub`, …). `field` places map keys and list items.
fn find_functions(
    value: &Json,
    at: &Located,
    field: Option<&'static Field>,
    path: FieldPath,
    out: &mut Vec<Diagnostic>,
) {
    let child_at = |i: usize| at.children.get(i).unwrap_or(at);
    match value {
        Json::Object(members) => {
            if let [(key, _)] = members.as_slice() {
                if let Some(short) = key.strip_prefix("Fn::").or((key == "Ref").then_some("Ref")) {
                    out.push(
                        Diagnostic::error(
                            "import.function",
                            path.clone(),
                            format!(
                                "Properties.{path} uses {key} (!{short}), whose value only CloudFormation can work \
                                 out: replace it with the value itself, or deploy the stack and clone the pool from \
                                 describe-user-pool output"
                            ),
                        )
                        .at(Some(at.pos)),
                    );
                    return;
                }
            }
            let map = field.is_some_and(|f| f.kind == Kind::Map);
            for (i, (key, item)) in members.iter().enumerate() {
                let (child, step) = match field {
                    Some(f) if map => (f.child_fields().nth(1), Segment::Key(key.clone())),
                    _ => (field.and_then(|f| f.member(key)), Segment::Member(key.clone())),
                };
                find_functions(item, child_at(i), child, path.with(step), out);
            }
        }
        Json::Array(items) => {
            let element = field.and_then(|f| f.child_fields().next());
            for (i, item) in items.iter().enumerate() {
                find_functions(item, child_at(i), element, path.with(Segment::Index(i)), out);
            }
        }
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
