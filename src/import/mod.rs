//! Importers: a `--cli-input-json` request, `describe-user-pool` output (clone an existing
//! pool), a CloudFormation `AWS::Cognito::UserPool` resource (YAML or JSON), the pool in a
//! serverless.yml's `resources`, or Terraform (an `aws_cognito_user_pool` resource of a `.tf`
//! file, or `terraform show -json` output) become a form.
//!
//! An import either succeeds, with notes on what it renamed or dropped, or fails with
//! diagnostics that say exactly why; a failed import never changes the user's form (the UI
//! and the CLI only use the form on success). The CLI's `import --from` uses the same code.
//!
//! What the importers share lives here: decoding a file's bytes ([`decode_text`]), reading JSON
//! or YAML ([`yaml`]) with positions, renaming and dropping members without losing those
//! positions ([`Members`]), typing scalars by their field, and reading the finished request
//! with `request::from_json`, so that every importer reports unknown members, wrong types and
//! `null` alike, at the line they are on.

pub mod cloudformation;
pub mod describe;
pub mod serverless;
pub mod terraform;
mod text;
pub mod yaml;

pub use text::decode_text;

use crate::diagnostic::Diagnostic;
use crate::json::{self, Json, Located, Pos};
use crate::model::{self, Field, Kind as FieldKind};
use crate::request;
use crate::validate::parse_integer;
use crate::value::{FieldPath, FormValue};

/// What kind of document is being imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    RequestJson,
    DescribeUserPool,
    CloudFormation,
    Serverless,
    Terraform,
    TerraformShowJson,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::RequestJson,
        Kind::DescribeUserPool,
        Kind::CloudFormation,
        Kind::Serverless,
        Kind::Terraform,
        Kind::TerraformShowJson,
    ];

    /// The id used by `import --from`.
    pub fn id(self) -> &'static str {
        match self {
            Kind::RequestJson => "request-json",
            Kind::DescribeUserPool => "describe-user-pool",
            Kind::CloudFormation => "cloudformation",
            Kind::Serverless => "serverless",
            Kind::Terraform => "terraform",
            Kind::TerraformShowJson => "terraform-show-json",
        }
    }

    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }

    pub fn title(self) -> &'static str {
        match self {
            Kind::RequestJson => "CreateUserPool request JSON",
            Kind::DescribeUserPool => "describe-user-pool output (clone a pool)",
            Kind::CloudFormation => "CloudFormation template or resource",
            Kind::Serverless => "serverless.yml or its resources file",
            Kind::Terraform => "Terraform configuration (.tf)",
            Kind::TerraformShowJson => "terraform show -json output (plan or state)",
        }
    }
}

/// A successful import.
#[derive(Debug)]
pub struct Imported {
    pub kind: Kind,
    pub form: FormValue,
    /// What was renamed, dropped or needs attention, in words.
    pub notes: Vec<String>,
    /// The request as read from the file, with where each of its values is there: a
    /// diagnostic's path finds its line and column in the original file
    /// ([`request::position_of`]).
    pub located: Option<(Json, Located)>,
}

/// Guesses the kind of a document: a JSON object with `UserPool` or `Name`/`Id` is
/// describe-user-pool output; `Resources`, `Type`, `Properties` or `UserPoolName` make it
/// CloudFormation; `format_version` with `values` or `planned_values` is `terraform show -json`
/// output; any other JSON object is a request. Text that is not JSON is Terraform when a line
/// starts a top-level block of a `.tf` file (`resource "…"`, `module "…"`, `terraform {`, …),
/// else YAML, which comes from the Serverless Framework (`service:` and `provider:` at the top,
/// or a serverless variable: `serverless::looks_like`), describe-user-pool (`UserPool:` at the
/// top) or CloudFormation. Only the text is looked at, so the YAML and HCL readers stay out of
/// the page's first download.
pub fn detect(text: &str) -> Kind {
    let parsed = json::parse(text).ok();
    let hcl =
        ["resource \"", "module \"", "variable \"", "provider \"", "data \"", "output \"", "terraform {", "locals {"];
    if parsed.is_none()
        && text.lines().any(|line| hcl.iter().any(|start| line.trim_start_matches('\u{feff}').starts_with(start)))
    {
        return Kind::Terraform;
    }
    let has = |key: &str| match &parsed {
        Some((value, _)) => value.get(key).is_some(),
        // A top-level YAML key starts a line.
        None => text.lines().any(|line| line.strip_prefix(key).is_some_and(|rest| rest.starts_with(':'))),
    };
    let yaml = parsed.is_none() && !text.trim_start().starts_with(['{', '[']);
    if parsed.is_some() && has("format_version") && (has("values") || has("planned_values")) {
        Kind::TerraformShowJson
    } else if yaml && serverless::looks_like(text) {
        Kind::Serverless
    } else if has("UserPool") || (has("Id") && has("Name")) || has("SchemaAttributes") {
        Kind::DescribeUserPool
    } else if yaml
        || (parsed.is_none() && text.contains(cloudformation::RESOURCE_TYPE))
        || ["Resources", "Type", "Properties", "AWSTemplateFormatVersion", "UserPoolName"].into_iter().any(has)
    {
        Kind::CloudFormation
    } else {
        Kind::RequestJson
    }
}

/// Imports `text` as `kind` (or the detected kind).
pub fn import(kind: Option<Kind>, text: &str) -> Result<Imported, Vec<Diagnostic>> {
    import_resource(kind, text, None)
}

/// Imports `text` as `kind` (or the detected kind), taking the user pool `resource` from a
/// file with several (a template's logical ID, a Terraform resource name, a show-json
/// address); `None` takes the only one. A request or describe-user-pool output holds one pool,
/// so naming a resource there fails.
pub fn import_resource(kind: Option<Kind>, text: &str, resource: Option<&str>) -> Result<Imported, Vec<Diagnostic>> {
    let kind = kind.unwrap_or_else(|| detect(text));
    if let (Some(id), Kind::RequestJson | Kind::DescribeUserPool) = (resource, kind) {
        let message = format!("{} holds one pool, not resources: there is no {id} to choose", kind.title());
        return Err(vec![Diagnostic::error("import.resource", FieldPath::root(), message)]);
    }
    let read = match kind {
        Kind::RequestJson => {
            let (form, problems) = request::from_text(text);
            if !problems.is_empty() {
                return Err(problems);
            }
            Read { form, notes: Vec::new(), located: json::parse(text).ok() }
        }
        Kind::DescribeUserPool => describe::import(text)?,
        Kind::CloudFormation => cloudformation::import(text, resource)?,
        Kind::Serverless => serverless::import_resource(text, resource)?,
        Kind::Terraform => terraform::import(text, resource)?,
        Kind::TerraformShowJson => terraform::import_show_json(text, resource)?,
    };
    Ok(Imported { kind, form: read.form, notes: read.notes, located: read.located })
}

/// The rule of the diagnostic that says a file defines several pools and none was chosen;
/// its message lists them, and [`pool_names`] gives them to choose from.
pub const SEVERAL_POOLS: &str = "import.several-pools";

/// The names (logical ids, resource names) of the pools a file defines, when it defines
/// more than one; empty otherwise.
pub fn pool_names(kind: Option<Kind>, text: &str) -> Vec<String> {
    let several = |names: Vec<String>| if names.len() > 1 { names } else { Vec::new() };
    match kind.unwrap_or_else(|| detect(text)) {
        Kind::CloudFormation => cloudformation::pool_ids(text),
        Kind::Serverless => serverless::pool_ids(text),
        Kind::Terraform => {
            several(terraform::pools(text).map(|p| p.into_iter().map(|p| p.name).collect()).unwrap_or_default())
        }
        Kind::TerraformShowJson => several(
            terraform::show_json_pools(text).map(|p| p.into_iter().map(|p| p.name).collect()).unwrap_or_default(),
        ),
        _ => Vec::new(),
    }
}

/// What an importer read: the form, its notes, and the request with positions in the file.
#[derive(Debug)]
pub struct Read {
    pub form: FormValue,
    pub notes: Vec<String>,
    pub located: Option<(Json, Located)>,
}

/// What an importer returns: what it read, or why nothing was imported.
pub type Outcome = Result<Read, Vec<Diagnostic>>;

/// An object's members, each with where it sits in the file: importers rename, drop and
/// rebuild members without losing the positions their diagnostics point at.
pub(crate) type Members = Vec<(String, Json, Located)>;

/// The members of an object; any other value comes back unchanged.
pub(crate) fn split(value: Json, at: Located) -> Result<Members, (Json, Located)> {
    match value {
        Json::Object(members) => {
            let mut children = at.children.into_iter();
            Ok(members.into_iter().map(|(key, value)| (key, value, children.next().unwrap_or_default())).collect())
        }
        other => Err((other, at)),
    }
}

/// The object made of `members`, located at `pos`.
pub(crate) fn join(members: Members, pos: Pos) -> (Json, Located) {
    let (mut object, mut children) = (Vec::new(), Vec::new());
    for (key, value, at) in members {
        object.push((key, value));
        children.push(at);
    }
    (Json::Object(object), Located { pos, children })
}

/// The value of the member `name`.
pub(crate) fn get<'a>(members: &'a Members, name: &str) -> Option<&'a Json> {
    members.iter().find(|(key, ..)| key == name).map(|(_, value, _)| value)
}

/// Removes the member `name`, with its key and position.
pub(crate) fn remove(members: &mut Members, name: &str) -> Option<(String, Json, Located)> {
    let index = members.iter().position(|(key, ..)| key == name)?;
    Some(members.remove(index))
}

/// Reads a document: JSON when it starts like JSON (`{` or `[`), else YAML with scalars kept as
/// text. For YAML, also where its plain (unquoted) scalars are. A syntax error is one
/// diagnostic.
pub(crate) fn read_document(text: &str) -> Result<(Json, Located, Option<yaml::PlainScalars>), Vec<Diagnostic>> {
    // JSON that does not parse is reported as JSON: YAML would accept what JSON rejects (a
    // trailing comma, single quotes), and the request importer does not.
    if text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').starts_with(['{', '[']) {
        return json::parse(text)
            .map(|(value, at)| (value, at, None))
            .map_err(|e| vec![request::syntax_diagnostic(&e)]);
    }
    yaml::parse(text).map(|document| (document.value, document.at, Some(document.plain))).map_err(|error| {
        let message = format!("{} (at {})", error.message, error.pos);
        vec![Diagnostic::error("import.syntax", FieldPath::root(), message).at(Some(error.pos))]
    })
}

/// The diagnostic for a document that is not the object it should be.
pub(crate) fn not_an_object(what: &str, value: &Json, pos: Pos) -> Diagnostic {
    Diagnostic::error("import.type", FieldPath::root(), format!("{what}, not {}", value.type_name())).at(Some(pos))
}

/// Reads the request an importer built from `members`; any problem reading it (unknown
/// member, wrong type, null, duplicate) fails the import, together with `problems`.
pub(crate) fn finish(members: Members, pos: Pos, mut problems: Vec<Diagnostic>, notes: Vec<String>) -> Outcome {
    let (request, at) = join(members, pos);
    let (form, found) = request::from_json(&request, &at);
    problems.extend(found);
    if problems.is_empty() {
        Ok(Read { form, notes, located: Some((request, at)) })
    } else {
        Err(problems)
    }
}

/// Types the scalars of request members by their fields (see [`coerce`]).
pub(crate) fn coerce_members(members: &mut Members) {
    for (name, value, _) in members {
        if let Some(field) = model::top_level_member(name) {
            each_scalar(value, field, &mut coerce);
        }
    }
}

/// Calls `visit` with every scalar in `value` that the model has a field for.
pub(crate) fn each_scalar(value: &mut Json, field: &'static Field, visit: &mut dyn FnMut(&'static Field, &mut Json)) {
    // Each branch of a condition is a value of the field (`!If [IsProd, 12, 8]`).
    if let Json::Object(members) = value {
        if let [(function, Json::Array(args))] = members.as_mut_slice() {
            if function == "Fn::If" {
                for branch in args.iter_mut().skip(1) {
                    each_scalar(branch, field, visit);
                }
                return;
            }
        }
    }
    match (field.kind, value) {
        (FieldKind::Structure, Json::Object(members)) => {
            for (key, item) in members {
                if let Some(member) = field.member(key) {
                    each_scalar(item, member, visit);
                }
            }
        }
        (FieldKind::List, Json::Array(items)) => {
            if let Some(element) = field.child_fields().next() {
                for item in items {
                    each_scalar(item, element, visit);
                }
            }
        }
        (FieldKind::Map, Json::Object(entries)) => {
            if let Some(value_field) = field.child_fields().nth(1) {
                for (_, item) in entries {
                    each_scalar(item, value_field, visit);
                }
            }
        }
        (kind, value) if kind.is_scalar() => visit(field, value),
        _ => {}
    }
}

/// Types a scalar by its field, as CloudFormation reads a template: text that reads as a whole
/// number or a boolean (YAML 1.1 spellings such as `yes` included) in such a field becomes one;
/// a number or boolean in a text field becomes its text. Anything else stays as it is, for the
/// request reader to report.
fn coerce(field: &'static Field, value: &mut Json) {
    let typed = match (field.kind, &*value) {
        (FieldKind::Integer, Json::String(text)) => parse_integer(text).map(|n| Json::Number(n.to_string())),
        (FieldKind::Boolean, Json::String(text)) => yaml::yaml_bool(text).map(Json::Bool),
        (FieldKind::String | FieldKind::Enum, Json::Number(text)) => Some(Json::String(text.clone())),
        (FieldKind::String | FieldKind::Enum, Json::Bool(b)) => Some(Json::String(b.to_string())),
        _ => None,
    };
    if let Some(typed) = typed {
        *value = typed;
    }
}
