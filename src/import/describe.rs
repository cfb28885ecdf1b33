//! `describe-user-pool` output → a CreateUserPool form: clone an existing pool.
//!
//! Takes the whole output (`{"UserPool": {…}}`, JSON or `--output yaml`) or the bare
//! `UserPoolType` object, and follows the clone recipe of research `createuserpool-api.md` §10:
//!
//! - members that only describe an existing pool are dropped: every `UserPoolType` member
//!   (`model::DESCRIBE_MEMBERS`) that is not a CreateUserPool parameter or renamed into one
//!   (`Id`, `Arn`, dates, `Status`, counts, failure texts, `Domain`, `CustomDomain`);
//! - `Name` becomes `PoolName` and `SchemaAttributes` becomes `Schema`. In `Schema`, the
//!   `custom:` prefix goes (CreateUserPool adds it), `dev:x` and `dev:custom:x` become `x` with
//!   `DeveloperOnlyAttribute: true`, and the standard attributes AWS lists with their default
//!   settings are left out: only custom attributes and changed standard ones are sent;
//! - the legacy top-level messages go when they repeat `VerificationMessageTemplate`, the email
//!   body that `DefaultEmailOption` does not use goes, and `UnusedAccountValidityDays` goes when
//!   `TemporaryPasswordValidityDays` is set (CreateUserPool rejects the two together).
//!
//! Every drop and rename is a note, as are the MFA factors this output does not show and the
//! values bound to the source pool's account and Region.
//!
//! A member this model does not know fails the import, naming it: it is most likely a
//! setting newer than Poolsmith's AWS model, and dropping it would clone a different pool
//! without saying so, while keeping it is impossible in a form built from the model. The user
//! removes it knowingly (or updates Poolsmith), and everything else is reported in the same
//! pass. Values keep their JSON types: this is AWS output, so a wrong type is a real problem
//! to report, except in YAML, whose plain scalars are typed by their field.

use super::{
    coerce_members, each_scalar, finish, get, join, not_an_object, read_document, remove, split, Members, Outcome,
};
use crate::diagnostic::Diagnostic;
use crate::json::{Json, Located};
use crate::model::{self, Field, DESCRIBE_MEMBERS};
use crate::rules::attributes::STANDARD_ATTRIBUTES;
use crate::value::FieldPath;

/// `UserPoolType` members that CreateUserPool takes under another name.
const RENAMED: [(&str, &str); 2] = [("Name", "PoolName"), ("SchemaAttributes", "Schema")];

/// Output-only members that the clone gets by another call rather than from AWS itself.
const DOMAINS: [&str; 2] = ["Domain", "CustomDomain"];

/// The legacy top-level messages and the `VerificationMessageTemplate` member each repeats.
const MIRRORS: [(&str, &str); 3] = [
    ("SmsVerificationMessage", "SmsMessage"),
    ("EmailVerificationMessage", "EmailMessage"),
    ("EmailVerificationSubject", "EmailSubject"),
];

/// What describe-user-pool reports for attributes nobody changed, where it differs from a
/// standard text attribute (String, mutable, optional, 0 to 2,048 characters): name, data type,
/// mutable, required, and the minimum and maximum ("" when absent). `email_verified`,
/// `phone_number_verified` and `identities` are listed too, though no request can set them.
const UNUSUAL_DEFAULTS: [(&str, &str, bool, bool, &str, &str); 6] = [
    ("sub", "String", false, true, "1", "2048"),
    ("birthdate", "String", true, false, "10", "10"),
    ("updated_at", "Number", true, false, "0", ""),
    ("email_verified", "Boolean", true, false, "", ""),
    ("phone_number_verified", "Boolean", true, false, "", ""),
    ("identities", "String", true, false, "", ""),
];

/// Imports describe-user-pool output as the request that creates a copy of the pool.
pub fn import(text: &str) -> Outcome {
    let (value, at, plain) = read_document(text)?;
    let root_pos = at.pos;
    let what = "describe-user-pool output must be an object like {\"UserPool\": {…}}";
    let root = split(value, at).map_err(|(value, at)| vec![not_an_object(what, &value, at.pos)])?;
    let mut problems = Vec::new();
    let (pool, pos) = if root.iter().any(|(key, ..)| key == "UserPool") {
        let mut pool = None;
        for (key, value, at) in root {
            match key.as_str() {
                "UserPool" if pool.is_none() => pool = Some((value, at)),
                // boto3 adds the HTTP details of the call; they say nothing about the pool.
                "ResponseMetadata" => {}
                _ => {
                    let message = if key == "UserPool" {
                        "UserPool appears more than once: keep one".to_string()
                    } else {
                        format!("describe-user-pool output holds only UserPool: remove {key}")
                    };
                    problems.push(
                        Diagnostic::error("import.unknown-key", FieldPath::member(&key), message).at(Some(at.pos)),
                    );
                }
            }
        }
        let Some((value, at)) = pool else { return Err(problems) };
        let pos = at.pos;
        (
            split(value, at)
                .map_err(|(value, at)| vec![not_an_object("UserPool must be an object", &value, at.pos)])?,
            pos,
        )
    } else {
        (root, root_pos)
    };

    let mut notes = Vec::new();
    let (mut request, mut dropped, mut pool_id) = (Members::new(), Vec::new(), None);
    for (key, value, at) in pool {
        if let Some(&(_, new)) = RENAMED.iter().find(|(old, _)| *old == key) {
            let why = if new == "PoolName" { "; choose a new name for the clone" } else { "" };
            notes.push(format!("Renamed {key} to {new}{why}."));
            request.push((new.to_string(), value, at));
        } else if model::top_level_member(&key).is_some() {
            request.push((key, value, at));
        } else if DOMAINS.contains(&key.as_str()) {
            notes.push(format!(
                "Dropped {key} {}: a domain is not part of CreateUserPool. Once the clone exists, give it its own \
                 with aws cognito-idp create-user-pool-domain (a prefix must be new; a custom domain needs its \
                 certificate).",
                value.compact()
            ));
        } else if DESCRIBE_MEMBERS.contains(&key.as_str()) {
            if key == "Id" {
                pool_id = value.as_str().map(str::to_string);
            }
            dropped.push(key);
        } else {
            problems.push(unknown(&key, &at));
        }
    }
    if plain.is_some() {
        // YAML's scalars are text until their field types them. Unlike a template, a plain
        // `OFF` stays text: `--output yaml` is the AWS CLI's YAML 1.2, which writes such words
        // bare (https://github.com/aws/aws-cli/issues/5245).
        coerce_members(&mut request);
    }
    if !dropped.is_empty() {
        notes.push(format!("Dropped {} (AWS sets them for each pool; the clone gets its own).", dropped.join(", ")));
    }
    clone_schema(&mut request, &mut notes);
    drop_repeats(&mut request, &mut notes);
    add_follow_ups(&mut request, pool_id.as_deref(), &mut notes);
    let mut read = finish(request, pos, problems, notes)?;
    // describe-user-pool shows SMS MFA only through its SMS configuration; the other factors
    // are chosen in the form (see the note from `add_follow_ups`).
    let request = crate::request::to_json(&read.form);
    read.form.set_mfa(crate::mfa::MfaFactors::stated_for(&request, crate::mfa::MfaFactors::NONE));
    Ok(read)
}

/// A member that describe-user-pool output does not have in this model.
fn unknown(key: &str, at: &Located) -> Diagnostic {
    let hint = match DESCRIBE_MEMBERS.iter().find(|known| known.eq_ignore_ascii_case(key)) {
        Some(known) => format!(": did you mean {known}?"),
        None => String::new(),
    };
    Diagnostic::error(
        "import.unknown-key",
        FieldPath::member(key),
        format!(
            "{key} is not in describe-user-pool output as Poolsmith's AWS model (botocore {}) knows it, so \
             Poolsmith cannot tell whether a new pool takes it: remove it to import the rest{hint}",
            model::BOTOCORE_VERSION
        ),
    )
    .at(Some(at.pos))
}

/// What describe-user-pool reports for the attribute `name` when nobody changed it; `None`
/// for a name that is neither standard nor listed by AWS.
pub(crate) fn reported_default(name: &str) -> Option<Json> {
    let (data_type, mutable, required, min, max) = match UNUSUAL_DEFAULTS.iter().find(|d| d.0 == name) {
        Some(&(_, data_type, mutable, required, min, max)) => (data_type, mutable, required, min, max),
        None if STANDARD_ATTRIBUTES.iter().any(|(n, _)| *n == name) => ("String", true, false, "0", "2048"),
        None => return None,
    };
    let mut members = vec![
        ("AttributeDataType".to_string(), Json::str(data_type)),
        ("DeveloperOnlyAttribute".to_string(), Json::Bool(false)),
        ("Mutable".to_string(), Json::Bool(mutable)),
        ("Required".to_string(), Json::Bool(required)),
    ];
    let (constraints, low, high) = match data_type {
        "Number" => ("NumberAttributeConstraints", "MinValue", "MaxValue"),
        _ => ("StringAttributeConstraints", "MinLength", "MaxLength"),
    };
    let bounds: Vec<(String, Json)> = [(low, min), (high, max)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.into(), Json::str(v)))
        .collect();
    if !bounds.is_empty() {
        members.push((constraints.to_string(), Json::Object(bounds)));
    }
    Some(Json::Object(members))
}

/// What [`clone_attribute`] did to the attributes, for the notes.
#[derive(Default)]
struct Tally {
    prefixed: usize,
    developer: usize,
    defaults: usize,
    changed: Vec<String>,
}

/// `SchemaAttributes` as CreateUserPool's `Schema`: names without prefixes, and only the
/// attributes a request has to send.
fn clone_schema(request: &mut Members, notes: &mut Vec<String>) {
    let Some(index) = request.iter().position(|(key, value, _)| key == "Schema" && matches!(value, Json::Array(_)))
    else {
        return;
    };
    let (key, Json::Array(items), at) = request.remove(index) else { return };
    let mut tally = Tally::default();
    let (mut kept, mut children) = (Vec::new(), Vec::new());
    let located = at.children.into_iter().chain(std::iter::repeat_with(Located::default));
    for (item, item_at) in items.into_iter().zip(located).filter_map(|(i, l)| clone_attribute(i, l, &mut tally)) {
        kept.push(item);
        children.push(item_at);
    }
    // An empty Schema is not allowed (at least one item): nothing to send means no Schema.
    if !kept.is_empty() {
        request.push((key, Json::Array(kept), Located { pos: at.pos, children }));
    }
    let Tally { prefixed, developer, defaults, changed } = tally;
    if prefixed > 0 {
        notes.push(format!(
            "Removed the custom: or dev: prefix from {prefixed} attribute name(s) in Schema: CreateUserPool adds it."
        ));
    }
    if developer > 0 {
        notes.push(format!("Set DeveloperOnlyAttribute for the {developer} dev: attribute(s)."));
    }
    if defaults > 0 {
        notes.push(format!(
            "Left out {defaults} standard attributes that have their default settings: describe-user-pool lists \
             every attribute, CreateUserPool needs only the ones you change."
        ));
    }
    if !changed.is_empty() {
        notes.push(format!("Kept {} in Schema: set differently from the defaults.", changed.join(", ")));
    }
}

/// One attribute as CreateUserPool takes it, or `None` for a standard attribute at its
/// defaults. What is not an attribute with a name is left for the request reader to report.
fn clone_attribute(item: Json, at: Located, tally: &mut Tally) -> Option<(Json, Located)> {
    let pos = at.pos;
    let mut attribute = match split(item, at) {
        Ok(attribute) => attribute,
        Err(unchanged) => return Some(unchanged),
    };
    let Some(name) = get(&attribute, "Name").and_then(Json::as_str).map(str::to_string) else {
        return Some(join(attribute, pos));
    };
    let (bare, dev) = match name.strip_prefix("dev:") {
        Some(rest) => (rest.strip_prefix("custom:").unwrap_or(rest), true),
        None => (name.strip_prefix("custom:").unwrap_or(&name), false),
    };
    let default = if bare.len() == name.len() { reported_default(bare) } else { None };
    let is_default = |key: &str, value: &Json| default.as_ref().and_then(|d| d.get(key)) == Some(value);
    let constraints_unneeded =
        |key: &str, value: &Json| key.ends_with("Constraints") && (is_empty_object(value) || is_default(key, value));
    if default.is_some()
        && attribute.iter().all(|(k, v, _)| k == "Name" || is_default(k, v) || constraints_unneeded(k, v))
    {
        tally.defaults += 1;
        return None;
    }
    if default.is_some() {
        tally.changed.push(name.clone());
    }
    tally.prefixed += usize::from(bare.len() < name.len());
    tally.developer += usize::from(dev);
    // Send only what CreateUserPool does not assume anyway: no `DeveloperOnlyAttribute: false`,
    // no empty constraints, no constraints a standard attribute has by default.
    attribute.retain(|(k, v, _)| {
        !((k == "DeveloperOnlyAttribute" && *v == Json::Bool(false)) || constraints_unneeded(k, v))
    });
    for (key, value, _) in &mut attribute {
        match key.as_str() {
            "Name" => *value = Json::str(bare),
            "DeveloperOnlyAttribute" if dev => *value = Json::Bool(true),
            _ => {}
        }
    }
    if dev && get(&attribute, "DeveloperOnlyAttribute").is_none() {
        attribute.push(("DeveloperOnlyAttribute".into(), Json::Bool(true), Located { pos, children: Vec::new() }));
    }
    Some(join(attribute, pos))
}

fn is_empty_object(value: &Json) -> bool {
    *value == Json::Object(Vec::new())
}

/// Drops what describe-user-pool repeats or reports that a request must not send together.
fn drop_repeats(request: &mut Members, notes: &mut Vec<String>) {
    let template = get(request, "VerificationMessageTemplate").cloned().unwrap_or(Json::Null);
    let repeated: Vec<&str> = MIRRORS
        .into_iter()
        .filter(|(legacy, member)| get(request, legacy).is_some_and(|value| template.get(member) == Some(value)))
        .map(|(legacy, _)| legacy)
        .collect();
    for legacy in &repeated {
        remove(request, legacy);
    }
    if !repeated.is_empty() {
        notes.push(format!(
            "Dropped {}: they repeat VerificationMessageTemplate, which AWS returns next to them.",
            repeated.join(", ")
        ));
    }
    edit_object(request, "VerificationMessageTemplate", |template| {
        // Without an option, CreateUserPool uses CONFIRM_WITH_CODE.
        let option = get(template, "DefaultEmailOption").map_or(Some("CONFIRM_WITH_CODE"), Json::as_str);
        let option = option.unwrap_or_default().to_string();
        let unused = match option.as_str() {
            "CONFIRM_WITH_LINK" => ["EmailMessage", "EmailSubject"],
            "CONFIRM_WITH_CODE" => ["EmailMessageByLink", "EmailSubjectByLink"],
            _ => return,
        };
        let gone: Vec<&str> = unused.into_iter().filter(|member| remove(template, member).is_some()).collect();
        if !gone.is_empty() {
            notes.push(format!(
                "Dropped VerificationMessageTemplate.{}: the email option is {option}, which does not use them, \
                 and CreateUserPool rejects both email bodies together.",
                gone.join(" and ")
            ));
        }
    });
    let policy = get(request, "Policies").and_then(|p| p.get("PasswordPolicy"));
    if let Some(days) = policy.and_then(|p| p.get("TemporaryPasswordValidityDays")).map(Json::compact) {
        edit_object(request, "AdminCreateUserConfig", |config| {
            if let Some((_, unused, _)) = remove(config, "UnusedAccountValidityDays") {
                notes.push(format!(
                    "Dropped AdminCreateUserConfig.UnusedAccountValidityDays ({}): \
                     Policies.PasswordPolicy.TemporaryPasswordValidityDays ({days}) replaces it, and CreateUserPool \
                     rejects the two together.",
                    unused.compact()
                ));
            }
        });
        if get(request, "AdminCreateUserConfig").is_some_and(is_empty_object) {
            remove(request, "AdminCreateUserConfig");
        }
    }
}

/// Runs `edit` on the members of the object `name`, keeping positions.
fn edit_object(members: &mut Members, name: &str, edit: impl FnOnce(&mut Members)) {
    let Some(slot) = members.iter_mut().find(|(key, ..)| key == name) else { return };
    let (value, at) = (std::mem::replace(&mut slot.1, Json::Null), std::mem::take(&mut slot.2));
    let pos = at.pos;
    (slot.1, slot.2) = match split(value, at) {
        Ok(mut inner) => {
            edit(&mut inner);
            join(inner, pos)
        }
        Err(unchanged) => unchanged,
    };
}

/// Notes on what the clone needs besides the request: MFA factors and account-bound values.
fn add_follow_ups(request: &mut Members, pool_id: Option<&str>, notes: &mut Vec<String>) {
    if matches!(get(request, "MfaConfiguration").and_then(Json::as_str), Some("ON" | "OPTIONAL")) {
        notes.push(format!(
            "describe-user-pool does not show which MFA factors the pool uses besides SMS: run aws cognito-idp \
             get-user-pool-mfa-config --user-pool-id {} and choose the same factors in the form's MFA question (the \
             command line: --mfa sms,totp,email). CreateUserPool turns on SMS MFA only; the exports turn on the \
             others after creation.",
            pool_id.unwrap_or("<pool id>")
        ));
    }
    let mut bound: Vec<&'static str> = Vec::new();
    for (name, value, _) in request.iter_mut() {
        if let Some(field) = model::top_level_member(name) {
            each_scalar(value, field, &mut |field: &'static Field, _: &mut Json| {
                let arn = field.pattern_source().is_some_and(|pattern| pattern.contains("arn:"));
                if (arn || matches!(field.name, "ExternalId" | "SnsRegion" | "Region")) && !bound.contains(&field.path)
                {
                    bound.push(field.path);
                }
            });
        }
    }
    if !bound.is_empty() {
        notes.push(format!(
            "These values belong to the source pool's account and Region: check them, or point them at the clone's \
             own resources, before you create it elsewhere: {}.",
            bound.join(", ")
        ));
    }
}

/// The pool's `Id` and `LastModifiedDate` as describe-user-pool output states them (JSON or
/// YAML, whole output or bare `UserPoolType`): what an update plan needs besides the settings
/// ([`crate::plan`]). `None` for what is missing or unreadable; [`import`] reports the rest.
pub fn identity(text: &str) -> (Option<String>, Option<Json>) {
    let Ok((value, _, _)) = read_document(text) else { return (None, None) };
    let pool = value.get("UserPool").unwrap_or(&value);
    let id = pool.get("Id").and_then(Json::as_str).map(str::to_string);
    (id, pool.get("LastModifiedDate").cloned())
}
