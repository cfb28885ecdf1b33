//! What the tests that run the Terraform CLI share (tests/terraform_validate.rs,
//! tests/terraform_import.rs): where Terraform and the hashicorp/aws provider are, and a
//! command that runs offline, without any user configuration.

use poolsmith::json::Json;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Terraform CLI, unless `POOLSMITH_TERRAFORM` names another.
pub fn terraform_path() -> PathBuf {
    std::env::var_os("POOLSMITH_TERRAFORM").map_or_else(|| PathBuf::from("/usr/local/bin/terraform"), PathBuf::from)
}

/// The provider directory for `-plugin-dir`, unless `POOLSMITH_TF_PLUGINS` names another.
pub fn plugins_path() -> PathBuf {
    std::env::var_os("POOLSMITH_TF_PLUGINS").map_or_else(|| PathBuf::from("/opt/tf-plugins"), PathBuf::from)
}

/// `terraform args…` in `dir` (which holds the CLI configuration `terraformrc`): no checkpoint
/// call, no plugin cache, no AWS profile, credentials file or instance metadata.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(terraform_path());
    command
        .args(args)
        .current_dir(dir)
        .env("TF_CLI_CONFIG_FILE", dir.join("terraformrc"))
        .env("CHECKPOINT_DISABLE", "1")
        .env("TF_IN_AUTOMATION", "1")
        .env("TF_INPUT", "0")
        .env_remove("TF_PLUGIN_CACHE_DIR")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env_remove("AWS_PROFILE");
    command
}

/// The provider with made-up credentials and no checks that call AWS: `validate` and `plan` of
/// a new resource then send nothing anywhere.
pub const PROVIDER_BLOCK: &str = "provider \"aws\" {\n  region                      = \"us-east-1\"\n  access_key                  = \"AKIAIOSFODNN7EXAMPLE\"\n  secret_key                  = \"made-up\"\n  skip_credentials_validation = true\n  skip_requesting_account_id  = true\n  skip_metadata_api_check     = true\n  skip_region_validation      = true\n}\n";

/// `value` with its members in key order, at every depth: Terraform's maps and JSON output have
/// no order of their own.
pub fn sorted(value: &Json) -> Json {
    match value {
        Json::Object(members) => {
            let mut members: Vec<(String, Json)> = members.iter().map(|(k, v)| (k.clone(), sorted(v))).collect();
            members.sort_by(|a, b| a.0.cmp(&b.0));
            Json::Object(members)
        }
        Json::Array(items) => Json::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}
