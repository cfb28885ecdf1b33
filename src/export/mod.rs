//! Exports: the request in every format users paste into other tools.
//!
//! One module per format, each with `render(&Json, &Options) -> Export`. Exporters take the
//! normalised request (`request::to_json`: only what is set, model member order, JSON types)
//! and never re-validate: the diagnostics are the form's job. Format ids are shared by the UI
//! and the CLI (`poolsmith export --format <id>`).

pub mod boto3;
pub mod cdk_expr;
pub mod cdk_ts;
pub mod cli_bash;
pub mod cli_powershell;
pub mod cloudformation;
pub mod cloudformation_json;
pub mod cloudformation_yaml;
pub mod js_sdk_v3;
pub mod literal;
pub mod paws;
pub mod request_json;
mod schema_constraints;
pub mod terraform;

use crate::json::Json;

/// One export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    RequestJson,
    CliBash,
    CliPowershell,
    CloudformationYaml,
    CloudformationJson,
    Terraform,
    CdkTs,
    Boto3,
    JsSdkV3,
    Paws,
}

impl Format {
    /// Every format, in the order the UI shows them.
    pub const ALL: [Format; 10] = [
        Format::RequestJson,
        Format::CliBash,
        Format::CliPowershell,
        Format::CloudformationYaml,
        Format::CloudformationJson,
        Format::Terraform,
        Format::CdkTs,
        Format::Boto3,
        Format::JsSdkV3,
        Format::Paws,
    ];

    /// The id used by the CLI (`--format`) and the UI (`data-format`).
    pub fn id(self) -> &'static str {
        match self {
            Format::RequestJson => "request-json",
            Format::CliBash => "cli-bash",
            Format::CliPowershell => "cli-powershell",
            Format::CloudformationYaml => "cloudformation-yaml",
            Format::CloudformationJson => "cloudformation-json",
            Format::Terraform => "terraform",
            Format::CdkTs => "cdk-ts",
            Format::Boto3 => "boto3",
            Format::JsSdkV3 => "js-sdk-v3",
            Format::Paws => "paws",
        }
    }

    /// The format with this id.
    pub fn from_id(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.id() == id)
    }

    /// A short name for tabs and headings.
    pub fn title(self) -> &'static str {
        match self {
            Format::RequestJson => "Request JSON",
            Format::CliBash => "AWS CLI (bash)",
            Format::CliPowershell => "AWS CLI (PowerShell)",
            Format::CloudformationYaml => "CloudFormation (YAML)",
            Format::CloudformationJson => "CloudFormation (JSON)",
            Format::Terraform => "Terraform",
            Format::CdkTs => "CDK (TypeScript)",
            Format::Boto3 => "boto3 (Python)",
            Format::JsSdkV3 => "JavaScript SDK v3",
            Format::Paws => "paws (R)",
        }
    }

    /// The file name used by downloads and `export --all`.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::RequestJson => "create-user-pool.json",
            Format::CliBash => "create-user-pool.sh",
            Format::CliPowershell => "create-user-pool.ps1",
            Format::CloudformationYaml => "user-pool.yaml",
            Format::CloudformationJson => "user-pool.template.json",
            Format::Terraform => "user_pool.tf",
            Format::CdkTs => "user-pool-stack.ts",
            Format::Boto3 => "create_user_pool.py",
            Format::JsSdkV3 => "create-user-pool.mjs",
            Format::Paws => "create_user_pool.R",
        }
    }
}

use crate::expr::Origin;
pub use crate::mfa::MfaFactors;

/// Inputs of an export that are not part of the request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The pool's MFA factors ([`crate::mfa`]): with the request's `MfaConfiguration`, what
    /// each format turns on (`FormValue::mfa`; for a bare request, `MfaFactors::implied_by`).
    pub mfa: MfaFactors,
    /// The template an imported pool came from ([`crate::expr::template`]): the formats that
    /// write its expressions back write the parameters, conditions and mappings they use too.
    pub template: Option<Json>,
}

/// The text of an export and what the reader should know about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Export {
    pub text: String,
    /// What the format cannot express, follow-up steps, how it was checked.
    pub notes: Vec<String>,
}

/// Renders `request` (a normalised `CreateUserPool` request) in `format`.
///
/// A request imported from a template may hold expressions ([`crate::expr`]). The format they
/// came from writes them back (CloudFormation's intrinsic functions and serverless.yml's
/// variables in the CloudFormation exports, intrinsic functions through `Fn` in the CDK,
/// Terraform's own in Terraform); every other format gets a placeholder, and a note lists
/// each value to fill in.
pub fn render(format: Format, request: &Json, options: &Options) -> Export {
    if !crate::expr::contains_expression(request) {
        return render_values(format, request, options);
    }
    let mut notes = Vec::new();
    let keep: &[Origin] = match format {
        // A serverless.yml's resources section is CloudFormation with variables in its text.
        Format::CloudformationYaml | Format::CloudformationJson => &[Origin::CloudFormation, Origin::Serverless],
        Format::CdkTs => &[Origin::CloudFormation],
        Format::Terraform => &[Origin::Terraform],
        _ => &[],
    };
    let mut prepared = crate::expr::with_placeholders(request, keep, &mut notes);
    if keep.contains(&Origin::Serverless) {
        crate::expr::unwrap_serverless(&mut prepared);
    }
    let mut export = render_values(format, &prepared, options);
    export.notes.extend(notes);
    export
}

fn render_values(format: Format, request: &Json, options: &Options) -> Export {
    match format {
        Format::RequestJson => request_json::render(request, options),
        Format::CliBash => cli_bash::render(request, options),
        Format::CliPowershell => cli_powershell::render(request, options),
        Format::CloudformationYaml => cloudformation_yaml::render(request, options),
        Format::CloudformationJson => cloudformation_json::render(request, options),
        Format::Terraform => terraform::render(request, options),
        Format::CdkTs => cdk_ts::render(request, options),
        Format::Boto3 => boto3::render(request, options),
        Format::JsSdkV3 => js_sdk_v3::render(request, options),
        Format::Paws => paws::render(request, options),
    }
}

/// Room for the whole text of an export of a large request: the largest request's exports are
/// about 20 KB each, and a string grown from its first line would be copied a dozen times on
/// the way there.
pub(crate) const EXPORT_CAPACITY: usize = 32 * 1024;

/// The text of an export, starting with `header`, with room for all of it.
pub(crate) fn text_starting_with(header: &str) -> String {
    let mut text = String::with_capacity(EXPORT_CAPACITY.max(header.len()));
    text.push_str(header);
    text
}

/// A model member name in lower case with `separator` between its words, as the AWS CLI
/// (`-`) and the Terraform provider (`_`) spell them: `UserPoolAddOns` → `user-pool-add-ons`,
/// `KMSKeyID` → `kms_key_id`. A capital starts a word after a lower-case letter or a digit,
/// and the last capital of a run starts one when a lower-case letter follows.
pub(crate) fn lower_words(name: &str, separator: char) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    push_lower_words(name, separator, &mut out);
    out
}

/// Writes [`lower_words`]`(name, separator)` at the end of `out`.
pub(crate) fn push_lower_words(name: &str, separator: char, out: &mut String) {
    // One pass over the bytes with one of look-behind and one of look-ahead: this runs for
    // every option and argument name of an export. Every byte tested is ASCII, and no byte of a
    // multi-byte character is, so bytes decide as characters would. Each word is copied whole
    // and lowered in place.
    let bytes = name.as_bytes();
    let mut word_start = 0;
    for at in 1..=bytes.len() {
        let starts_word = bytes.get(at).is_some_and(u8::is_ascii_uppercase) && {
            let previous = bytes[at - 1];
            let next_is_lower = bytes.get(at + 1).is_some_and(u8::is_ascii_lowercase);
            previous.is_ascii_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_ascii_uppercase() && next_is_lower)
        };
        if starts_word || at == bytes.len() {
            if word_start > 0 {
                out.push(separator);
            }
            let start = out.len();
            out.push_str(&name[word_start..at]);
            out[start..].make_ascii_lowercase();
            word_start = at;
        }
    }
}
