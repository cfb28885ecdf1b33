//! The Terraform export checked by Terraform itself: `terraform validate`, then `terraform plan
//! -refresh=false` with made-up credentials, on the exports of realistic requests, of schema
//! attributes with and without constraints, and of text full of escapes (invisible characters,
//! `${`, `%{`).
//!
//! It uses the Terraform CLI at /usr/local/bin/terraform and the hashicorp/aws provider unpacked
//! under /opt/tf-plugins (`terraform init -plugin-dir`, which never downloads; the checkpoint
//! call is switched off too; `POOLSMITH_TERRAFORM` and `POOLSMITH_TF_PLUGINS` name others), and sends nothing anywhere: the plan of a new resource needs no
//! AWS call once the provider skips its credential, account and metadata checks. Neither tool
//! is required: without them the test prints a `SKIPPED:` line on the terminal (past the test
//! harness's capture) and passes.

use poolsmith::export::{self, Format, MfaFactors, Options};
use poolsmith::json::{self, Json};
use std::io::Write as _;
use std::path::{Path, PathBuf};
#[path = "common/terraform.rs"]
mod terraform_cli;

use terraform_cli::{plugins_path, sorted, terraform_path};

/// Where `-plugin-dir` keeps the provider's versions (unpacked layout).
const PROVIDER: &str = "registry.terraform.io/hashicorp/aws";

/// Says on the terminal why the test did not run. Written to the process's standard error
/// directly: the harness captures only `print!` and `eprint!`.
fn skipped(reason: &str) {
    let _ = writeln!(std::io::stderr(), "SKIPPED: {reason} (tests/terraform_validate.rs)");
}

/// The provider versions under the plugin directory.
fn provider_versions(plugins: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(plugins.join(PROVIDER)) else { return Vec::new() };
    let mut versions: Vec<String> = entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    versions.sort();
    versions
}

fn request(text: &str) -> Json {
    json::parse(text).unwrap_or_else(|e| panic!("test request: {e}\n{text}")).0
}

fn corpus(name: &str) -> Json {
    let path = format!("{}/tests/corpus/realistic/{name}.json", env!("CARGO_MANIFEST_DIR"));
    request(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}

/// The requests whose exports Terraform checks, by module name.
fn requests() -> Vec<(&'static str, Json)> {
    vec![
        ("minimal", corpus("01-minimal")),
        ("mfa_optional", corpus("03-web-app-mfa-optional")),
        ("fully_featured", corpus("08-acme-fully-featured")),
        ("custom_attributes", corpus("10-custom-attributes")),
        ("unicode_messages", corpus("24-unicode-messages")),
        (
            "schema_constraints",
            request(
                r#"{"PoolName": "schema-constraints", "Schema": [
                    {"Name": "tenant_id", "AttributeDataType": "String", "Mutable": true},
                    {"Name": "code", "AttributeDataType": "String", "Mutable": true, "StringAttributeConstraints": {"MaxLength": "12"}},
                    {"Name": "score", "AttributeDataType": "Number", "Mutable": true},
                    {"Name": "level", "AttributeDataType": "Number", "Mutable": true, "NumberAttributeConstraints": {}},
                    {"Name": "age", "AttributeDataType": "Number", "Mutable": true, "NumberAttributeConstraints": {"MinValue": "0", "MaxValue": "150"}},
                    {"Name": "flag", "AttributeDataType": "Boolean", "Mutable": true},
                    {"Name": "since", "AttributeDataType": "DateTime", "Mutable": true},
                    {"Name": "email", "AttributeDataType": "String", "Mutable": true, "Required": true},
                    {"Name": "updated_at", "AttributeDataType": "Number", "Mutable": true}]}"#,
            ),
        ),
        (
            "escapes",
            request(
                r#"{"PoolName": "escapes",
                    "EmailVerificationMessage": "Code {####} \u202eevil\u202c \u2066isolated\u2069 \u200b\ufeff ${x} %{y} $${z}",
                    "EmailVerificationSubject": "Tab\tnew\nline \u2028 \u00ad\u2060",
                    "UserPoolTags": {"rtl\u202e": "\u202d\u200e\u200f\u061c", "tags": "\udb40\udc41\udb40\udc7f \u2764\ufe0f",
                                     "${x}": "%{ if y }", "a\"b": "c\\d"}}"#,
            ),
        ),
    ]
}

/// The root configuration: the provider with made-up credentials and no checks that call AWS,
/// and one module per export.
fn root_configuration(names: &[&str]) -> String {
    let mut text = String::from(terraform_cli::PROVIDER_BLOCK);
    for name in names {
        text.push_str(&format!("\nmodule \"{name}\" {{\n  source = \"./{name}\"\n}}\n"));
    }
    text
}

/// Runs `terraform args…` in `dir`, offline and without any user configuration; its output.
fn terraform(dir: &Path, args: &[&str]) -> String {
    let output = terraform_cli::command(dir, args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", terraform_path().display()));
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "terraform {} failed:\n{text}", args.join(" "));
    text
}

#[test]
fn terraform_validates_and_plans_the_exports() {
    let (terraform_cli, plugins) = (terraform_path(), plugins_path());
    if !terraform_cli.is_file() {
        return skipped(&format!("no terraform at {}", terraform_cli.display()));
    }
    let versions = provider_versions(&plugins);
    if versions.is_empty() {
        return skipped(&format!("no hashicorp/aws provider under {}", plugins.join(PROVIDER).display()));
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("terraform-validate");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the work directory");
    std::fs::write(dir.join("terraformrc"), "disable_checkpoint = true\n").expect("write the CLI configuration");
    let requests = requests();
    for (name, request) in &requests {
        let module = dir.join(name);
        std::fs::create_dir_all(&module).expect("create a module directory");
        // Authenticator app and email besides what the request turns on (as `--mfa totp,email`).
        let stated = MfaFactors { totp: true, email: true, sms: false };
        let options = Options { mfa: MfaFactors::stated_for(request, stated), ..Options::default() };
        let export = export::render(Format::Terraform, request, &options);
        std::fs::write(module.join(Format::Terraform.file_name()), &export.text).expect("write an export");
    }
    let names: Vec<&str> = requests.iter().map(|(name, _)| *name).collect();
    std::fs::write(dir.join("main.tf"), root_configuration(&names)).expect("write the root module");

    let plugin_dir = format!("-plugin-dir={}", plugins.display());
    terraform(&dir, &["init", "-backend=false", "-input=false", "-no-color", &plugin_dir]);
    let validate = terraform(&dir, &["validate", "-no-color"]);
    assert!(validate.contains("The configuration is valid"), "{validate}");
    let plan = terraform(&dir, &["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=tfplan"]);
    assert!(plan.contains(&format!("Plan: {} to add, 0 to change, 0 to destroy.", requests.len())), "{plan}");
    // The constraints filled in reach the provider: the plan of that module shows them.
    let start = plan.find("# module.schema_constraints.").expect("the schema module's plan");
    let end = plan[start + 1..].find("# module.").map_or(plan.len(), |at| start + 1 + at);
    let schema_plan = &plan[start..end];
    for line in
        ["+ min_length = \"0\"", "+ max_length = \"2048\"", "+ max_length = \"12\"", "number_attribute_constraints {"]
    {
        assert!(schema_plan.contains(line), "{line} not in the plan:\n{schema_plan}");
    }
    // Terraform reads every escape back to the request's exact text.
    let shown = terraform(&dir, &["show", "-json", "-no-color", "tfplan"]);
    let (shown, _) = json::parse(&shown).expect("terraform show -json prints JSON");
    let after = |module: &str| {
        let address = format!("module.{module}.aws_cognito_user_pool.this");
        let Some(Json::Array(changes)) = shown.get("resource_changes") else { panic!("no resource_changes") };
        let change = changes.iter().find(|c| c.get("address") == Some(&Json::str(address.as_str())));
        change.and_then(|c| c.get("change")).and_then(|c| c.get("after")).cloned().expect("the planned values")
    };
    let (_, escapes) = requests.iter().find(|(name, _)| *name == "escapes").expect("the escapes request");
    let planned = after("escapes");
    for (argument, member) in [
        ("email_verification_message", "EmailVerificationMessage"),
        ("email_verification_subject", "EmailVerificationSubject"),
        ("tags", "UserPoolTags"),
    ] {
        assert_eq!(planned.get(argument).map(sorted), escapes.get(member).map(sorted), "{argument}");
    }
    let _ = writeln!(
        std::io::stderr(),
        "terraform validate and plan passed on {} exports (hashicorp/aws {})",
        requests.len(),
        versions.join(", ")
    );
}
