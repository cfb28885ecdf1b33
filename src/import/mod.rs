//! Importers: a `--cli-input-json` request, `describe-user-pool` output (clone an existing
//! pool), or a CloudFormation `AWS::Cognito::UserPool` resource (YAML or JSON) become a form.
//!
//! An import either succeeds, with notes on what it renamed or dropped, or fails with
//! diagnostics that say exactly why; a failed import never changes the user's form (the UI
//! and the CLI only use the form on success). The CLI's `import --from` uses the same code.

pub mod cloudformation;
pub mod describe;

use crate::diagnostic::Diagnostic;
use crate::json;
use crate::request;
use crate::value::FormValue;

/// What kind of document is being imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    RequestJson,
    DescribeUserPool,
    CloudFormation,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::RequestJson, Kind::DescribeUserPool, Kind::CloudFormation];

    /// The id used by `import --from`.
    pub fn id(self) -> &'static str {
        match self {
            Kind::RequestJson => "request-json",
            Kind::DescribeUserPool => "describe-user-pool",
            Kind::CloudFormation => "cloudformation",
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
}

/// Guesses the kind of a document: a JSON object with `UserPool` or `Name`/`Id` is
/// describe-user-pool output; `Resources`/`Type: AWS::Cognito::UserPool`/YAML is CloudFormation;
/// any other JSON object is a request.
pub fn detect(text: &str) -> Kind {
    match json::parse(text) {
        Ok((value, _)) => {
            let has = |key: &str| value.get(key).is_some();
            if has("UserPool") || (has("Id") && has("Name")) || has("SchemaAttributes") {
                Kind::DescribeUserPool
            } else if has("Resources") || has("Type") || has("Properties") || has("AWSTemplateFormatVersion") {
                Kind::CloudFormation
            } else {
                Kind::RequestJson
            }
        }
        // Not JSON: YAML is the only other format we read.
        Err(_) if text.contains("AWS::Cognito::UserPool") || text.trim_start().starts_with("Resources:") => {
            Kind::CloudFormation
        }
        Err(_) => Kind::RequestJson,
    }
}

/// Imports `text` as `kind` (or the detected kind).
pub fn import(kind: Option<Kind>, text: &str) -> Result<Imported, Vec<Diagnostic>> {
    let kind = kind.unwrap_or_else(|| detect(text));
    match kind {
        Kind::RequestJson => {
            let (form, problems) = request::from_text(text);
            if problems.is_empty() {
                Ok(Imported { kind, form, notes: Vec::new() })
            } else {
                Err(problems)
            }
        }
        Kind::DescribeUserPool => describe::import(text).map(|(form, notes)| Imported { kind, form, notes }),
        Kind::CloudFormation => cloudformation::import(text).map(|(form, notes)| Imported { kind, form, notes }),
    }
}
