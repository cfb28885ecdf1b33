//! "Locked after creation": what a `CreateUserPool` request decides for good. Changing any of
//! it later means a new pool and a user migration, so the form marks these fields and the
//! exports show the choices as a checklist before the first copy.

use super::{and_list, Ctx};
use crate::diagnostic::Source;
use crate::value::FieldPath;

/// One fact: fields under `path` (a model path) cannot be changed after creation.
#[derive(Debug)]
pub struct LockFact {
    pub path: &'static str,
    pub what: &'static str,
    pub source: Source,
}

const UPDATING: &str = "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-updating.html";
const ATTRIBUTES: &str = "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html";

pub const LOCKED: [LockFact; 5] = [
    LockFact {
        path: "UsernameAttributes",
        what: "Whether email or phone number is the username cannot be changed after the pool is created.",
        source: source!(Source::Web(UPDATING, "sign-in options (username attributes and aliases) can't be changed after creation; UpdateUserPool has no such parameter")),
    },
    LockFact {
        path: "AliasAttributes",
        what: "Sign-in aliases cannot be changed after the pool is created.",
        source: source!(Source::Web(UPDATING, "sign-in options (username attributes and aliases) can't be changed after creation; UpdateUserPool has no such parameter")),
    },
    LockFact {
        path: "UsernameConfiguration",
        what: "Username case sensitivity cannot be changed after the pool is created.",
        source: source!(Source::Doc("UsernameConfiguration", "This configuration is immutable after you set it.")),
    },
    LockFact {
        path: "Schema[].Required",
        what: "Which attributes are required cannot be changed after the pool is created.",
        source: source!(Source::Web(ATTRIBUTES, "An attribute cannot be switched between required and not required after a user pool has been created.")),
    },
    LockFact {
        path: "Schema",
        what: "Custom attributes can be added later, but never removed or changed; standard attributes' settings are fixed.",
        source: source!(Source::Web(ATTRIBUTES, "custom attributes can't be removed or changed once added")),
    },
];

/// The lock fact for a model path (the most specific one that covers it).
pub fn fact(model_path: &str) -> Option<&'static LockFact> {
    LOCKED
        .iter()
        .filter(|f| model_path == f.path || model_path.strip_prefix(f.path).is_some_and(|r| r.starts_with(['.', '['])))
        .max_by_key(|f| f.path.len())
}

/// A choice the request makes for good, in words, for the pre-export checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct LockedChoice {
    pub path: FieldPath,
    pub topic: &'static str,
    pub choice: String,
}

/// The choices this request makes that can never be changed, including those it makes by
/// leaving a field out.
pub fn choices(form: &crate::value::FormValue) -> Vec<LockedChoice> {
    let ctx = Ctx::new(form);
    let mut out = Vec::new();
    let usernames = ctx.list("UsernameAttributes");
    let aliases = ctx.list("AliasAttributes");
    let sign_in = if !usernames.is_empty() {
        format!(
            "Users sign in with their {} as the username.",
            usernames.iter().map(|u| u.replace('_', " ")).collect::<Vec<_>>().join(" or ")
        )
    } else if !aliases.is_empty() {
        format!(
            "Users sign in with a username, or with their {} as an alias.",
            aliases.iter().map(|a| a.replace('_', " ")).collect::<Vec<_>>().join(" or ")
        )
    } else {
        "Users sign in with a username only; email and phone number sign-in cannot be added later.".to_string()
    };
    let sign_in_path =
        if usernames.is_empty() && !aliases.is_empty() { "AliasAttributes" } else { "UsernameAttributes" };
    out.push(LockedChoice { path: super::at(sign_in_path), topic: "Sign-in identifiers", choice: sign_in });
    let case = match ctx.flag("UsernameConfiguration.CaseSensitive") {
        Some(false) => "Usernames are case-insensitive.".to_string(),
        Some(true) => "Usernames are case-sensitive.".to_string(),
        _ => "Usernames are case-sensitive (the API default when the username configuration is left out).".to_string(),
    };
    out.push(LockedChoice {
        path: super::at("UsernameConfiguration.CaseSensitive"),
        topic: "Username case",
        choice: case,
    });
    let rows = ctx.rows("Schema");
    let required: Vec<String> = rows
        .iter()
        .filter(|r| r.flag("Required") == Some(true))
        .filter_map(|r| r.text("Name").map(str::to_string))
        .collect();
    out.push(LockedChoice {
        path: super::at("Schema"),
        topic: "Required attributes",
        choice: if required.is_empty() {
            "No attribute is required at sign-up.".to_string()
        } else {
            format!("Required at sign-up: {}.", and_list(&required))
        },
    });
    for row in rows.iter() {
        let Some(name) = row.text("Name").filter(|n| !super::attributes::is_standard(n)) else { continue };
        let data_type = row.text("AttributeDataType").unwrap_or("no type");
        let mutable = if row.flag("Mutable") == Some(false) { "cannot be changed after sign-up" } else { "mutable" };
        let prefix = if row.flag("DeveloperOnlyAttribute") == Some(true) { "dev:" } else { "custom:" };
        out.push(LockedChoice {
            path: row.path(),
            topic: "Custom attribute",
            choice: format!("{prefix}{name}: {data_type}, {mutable}; it can never be removed."),
        });
    }
    out
}
