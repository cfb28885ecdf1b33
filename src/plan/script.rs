//! The safe update as a script, in the formats that make API calls: request JSON, AWS CLI
//! (bash and PowerShell), boto3, the JavaScript SDK v3 and paws.
//!
//! Values are written by the create exporters' own printers and quoting
//! ([`crate::export::literal`], [`crate::export::cli_bash`], [`crate::export::cli_powershell`],
//! [`crate::export::paws`]), so every value survives quotes, `$`, backticks, `${`, `%{`,
//! newlines and any Unicode exactly as in those exports. Each call carries the pool's ID.
//!
//! `UpdateUserPool` has no version check: nothing stops another change landing between the
//! describe and the update (only `ConcurrentModificationException` for simultaneous calls). The
//! AWS CLI scripts can therefore re-read `LastModifiedDate` first and stop when it differs from
//! the one the plan was made from ([`ScriptOptions::if_unchanged`]); the value is compared as the
//! CLI prints it with `--output json`, so describe the pool with the same CLI.

use super::Plan;
use crate::export::{self, cli_bash, cli_powershell, literal, Export, Format};
use crate::json::Json;

/// The formats a plan is written in.
pub const FORMATS: [Format; 6] =
    [Format::RequestJson, Format::CliBash, Format::CliPowershell, Format::Boto3, Format::JsSdkV3, Format::Paws];

/// Choices for the scripts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScriptOptions {
    /// The AWS CLI scripts first re-read `LastModifiedDate` and stop if the pool changed.
    pub if_unchanged: bool,
}

/// The plan's calls in `format`; `Err` names the formats that exist for plans.
pub fn render(format: Format, plan: &Plan, options: ScriptOptions) -> Result<Export, String> {
    let mut export = match format {
        Format::RequestJson => request_json(plan),
        Format::CliBash => cli_bash_script(plan, options),
        Format::CliPowershell => powershell(plan, options),
        Format::Boto3 => boto3(plan),
        Format::JsSdkV3 => js_sdk_v3(plan),
        Format::Paws => paws(plan),
        _ => {
            let ids: Vec<&str> = FORMATS.iter().map(|f| f.id()).collect();
            return Err(format!("a plan is written as {}, not {}", ids.join(", "), format.id()));
        }
    };
    if plan.calls.is_empty() {
        export.notes.insert(0, "Nothing to change: the pool already is the desired one.".to_string());
    }
    if options.if_unchanged && !matches!(format, Format::CliBash | Format::CliPowershell) {
        export.notes.push(
            "The LastModifiedDate check is written only in the AWS CLI scripts (cli-bash, cli-powershell).".to_string(),
        );
    }
    if (options.if_unchanged && plan.last_modified.is_none())
        && matches!(format, Format::CliBash | Format::CliPowershell)
    {
        export.notes.push("The describe-user-pool output has no LastModifiedDate, so the script cannot check that the pool is unchanged.".to_string());
    }
    export.notes.extend(plan.notes.iter().cloned());
    Ok(export)
}

/// The file name of a plan's script in `format`.
pub fn file_name(format: Format) -> &'static str {
    match format {
        Format::RequestJson => "update-user-pool.json",
        Format::CliBash => "update-user-pool.sh",
        Format::CliPowershell => "update-user-pool.ps1",
        Format::Boto3 => "update_user_pool.py",
        Format::JsSdkV3 => "update-user-pool.mjs",
        Format::Paws => "update_user_pool.R",
        other => other.file_name(),
    }
}

/// `update-user-pool`, `add-custom-attributes`, `set-user-pool-mfa-config`.
fn cli_command(operation: &str) -> String {
    export::lower_words(operation, '-')
}

/// What every script says first.
fn summary(plan: &Plan, comment: &str) -> String {
    let mut out = String::new();
    for line in [
        format!("Updates the Amazon Cognito user pool {} to the desired state (planned by poolsmith plan).", plan.pool_id),
        "UpdateUserPool resets every setting it is not sent to its default, so its request repeats every setting to keep.".to_string(),
        "The region and credentials come from your AWS configuration (AWS_PROFILE, AWS_REGION).".to_string(),
    ] {
        out.push_str(comment);
        out.push(' ');
        out.push_str(&line.replace('\n', " "));
        out.push('\n');
    }
    out
}

/// Every call's input as one JSON document: `{"UpdateUserPool": {…}, "AddCustomAttributes":
/// [{…}], "SetUserPoolMfaConfig": {…}}`.
fn request_json(plan: &Plan) -> Export {
    let calls = &plan.calls;
    let mut members = Vec::new();
    if let Some(update) = &calls.update_user_pool {
        members.push(("UpdateUserPool".to_string(), update.clone()));
    }
    if !calls.add_custom_attributes.is_empty() {
        members.push(("AddCustomAttributes".to_string(), Json::Array(calls.add_custom_attributes.clone())));
    }
    if let Some(mfa) = &calls.set_user_pool_mfa_config {
        members.push(("SetUserPoolMfaConfig".to_string(), mfa.clone()));
    }
    let mut text = String::new();
    literal::write(&literal::JSON, &Json::Object(members), 0, &mut text);
    text.push('\n');
    let file = file_name(Format::RequestJson);
    let mut notes =
        vec!["One member per API call, in the order to run them; each is the --cli-input-json of its AWS CLI command."
            .to_string()];
    if calls.update_user_pool.is_some() {
        notes.push(format!("aws cognito-idp update-user-pool --cli-input-json \"$(jq .UpdateUserPool {file})\""));
    }
    for i in 0..calls.add_custom_attributes.len() {
        notes.push(format!(
            "aws cognito-idp add-custom-attributes --cli-input-json \"$(jq '.AddCustomAttributes[{i}]' {file})\""
        ));
    }
    if calls.set_user_pool_mfa_config.is_some() {
        notes.push(format!(
            "aws cognito-idp set-user-pool-mfa-config --cli-input-json \"$(jq .SetUserPoolMfaConfig {file})\""
        ));
    }
    Export { text, notes }
}

fn cli_bash_script(plan: &Plan, options: ScriptOptions) -> Export {
    let mut text = String::from("#!/usr/bin/env bash\n");
    text.push_str(&summary(plan, "#"));
    text.push_str("# Values are in single quotes, so the shell expands nothing in them.\nset -euo pipefail\n");
    if let (true, Some(date)) = (options.if_unchanged, &plan.last_modified) {
        text.push_str("# Stop if the pool changed since it was described (UpdateUserPool has no version check).\nexpected_last_modified=");
        cli_bash::push_single_quoted(&date.compact(), &mut text);
        text.push_str("\nlast_modified=$(aws cognito-idp describe-user-pool --user-pool-id ");
        cli_bash::push_single_quoted(&plan.pool_id, &mut text);
        text.push_str(
            " --query UserPool.LastModifiedDate --output json)\n\
             if [ \"$last_modified\" != \"$expected_last_modified\" ]; then\n  \
             echo \"The pool changed since it was described (LastModifiedDate $last_modified, expected $expected_last_modified): describe it again and plan again.\" >&2\n  \
             exit 1\nfi\n",
        );
    }
    for (operation, input) in plan.calls.in_order() {
        text.push_str("aws cognito-idp ");
        text.push_str(&cli_command(operation));
        text.push_str(" --cli-input-json ");
        cli_bash::push_quoted_json(input, &mut text);
        text.push_str(" >/dev/null\n");
    }
    text.push_str("echo ");
    cli_bash::push_single_quoted(&format!("Updated user pool {}", plan.pool_id), &mut text);
    text.push('\n');
    let notes = vec!["Run it with bash. Each command runs only if the one before worked (set -e).".to_string()];
    Export { text, notes }
}

fn powershell(plan: &Plan, options: ScriptOptions) -> Export {
    let mut text = summary(plan, "#");
    text.push_str("# Each request reaches the CLI as a file (--cli-input-json), so no value goes through\n# PowerShell's argument quoting. The JSON is plain ASCII: other characters are \\u escapes.\n$ErrorActionPreference = 'Stop'\n");
    if let (true, Some(date)) = (options.if_unchanged, &plan.last_modified) {
        text.push_str("# Stop if the pool changed since it was described (UpdateUserPool has no version check).\n$expectedLastModified = ");
        cli_powershell::push_single_quoted(&date.compact(), &mut text);
        text.push_str("\n$lastModified = (aws cognito-idp describe-user-pool --user-pool-id ");
        cli_powershell::push_single_quoted(&plan.pool_id, &mut text);
        text.push_str(
            " --query UserPool.LastModifiedDate --output json) -join \"`n\"\n\
             if ($LASTEXITCODE -ne 0) { throw \"aws cognito-idp describe-user-pool failed (exit code $LASTEXITCODE)\" }\n\
             if ($lastModified.Trim() -ne $expectedLastModified) { throw \"The pool changed since it was described (LastModifiedDate $lastModified, expected $expectedLastModified): describe it again and plan again.\" }\n",
        );
    }
    let calls = plan.calls.in_order();
    for (i, (_, input)) in calls.iter().enumerate() {
        text.push_str(&format!("$request{} = ", i + 1));
        cli_powershell::push_json_literal(input, &mut text);
        text.push('\n');
    }
    text.push_str("$requestFile = New-TemporaryFile\ntry {\n");
    for (i, (operation, _)) in calls.iter().enumerate() {
        let command = cli_command(operation);
        text.push_str(&format!(
            "    Set-Content -LiteralPath $requestFile.FullName -Value $request{} -Encoding ascii\n    \
             aws cognito-idp {command} --cli-input-json \"file://$($requestFile.FullName)\" | Out-Null\n    \
             if ($LASTEXITCODE -ne 0) {{ throw \"aws cognito-idp {command} failed (exit code $LASTEXITCODE)\" }}\n",
            i + 1
        ));
    }
    text.push_str("    Write-Output ");
    cli_powershell::push_single_quoted(&format!("Updated user pool {}", plan.pool_id), &mut text);
    text.push_str(
        "\n} finally {\n    Remove-Item -LiteralPath $requestFile.FullName -ErrorAction SilentlyContinue\n}\n",
    );
    let notes = vec!["Run it in PowerShell 7 (or Windows PowerShell 5.1). Not run in PowerShell here; the requests are the same JSON as cli-bash's, in ASCII.".to_string()];
    Export { text, notes }
}

/// The name of a call's input in a script: `UPDATE_USER_POOL`, `ADD_CUSTOM_ATTRIBUTES_2`.
fn input_name(operation: &str, index: usize, count: usize, separator: char) -> String {
    let mut name = export::lower_words(operation, separator);
    if count > 1 {
        name.push(separator);
        name.push_str(&(index + 1).to_string());
    }
    name
}

/// The calls numbered within their operation.
fn numbered(plan: &Plan) -> Vec<(&'static str, &Json, usize, usize)> {
    let calls = plan.calls.in_order();
    calls
        .iter()
        .map(|&(operation, input)| {
            let same: Vec<_> = calls.iter().filter(|(o, _)| *o == operation).collect();
            let index = same.iter().position(|(_, i)| std::ptr::eq(*i, input)).unwrap_or(0);
            (operation, input, index, same.len())
        })
        .collect()
}

fn boto3(plan: &Plan) -> Export {
    let mut text = String::from("\"\"\"");
    text.push_str(&summary(plan, "").replace("\n ", "\n"));
    text.push_str("Install boto3 with: pip install boto3\n\"\"\"\n\nimport boto3\n\n");
    let calls = numbered(plan);
    for (operation, input, index, count) in &calls {
        text.push_str(&input_name(operation, *index, *count, '_').to_ascii_uppercase());
        text.push_str(" = ");
        literal::write(&literal::PYTHON, input, 0, &mut text);
        text.push('\n');
    }
    text.push_str("\n\ndef main():\n    client = boto3.client(\"cognito-idp\")\n");
    for (operation, _, index, count) in &calls {
        let method = export::lower_words(operation, '_');
        let name = input_name(operation, *index, *count, '_').to_ascii_uppercase();
        text.push_str(&format!("    client.{method}(**{name})\n"));
    }
    text.push_str("    print(");
    literal::write(&literal::PYTHON, &Json::str(format!("Updated user pool {}", plan.pool_id)), 0, &mut text);
    text.push_str(")\n\n\nif __name__ == \"__main__\":\n    main()\n");
    Export {
        text,
        notes: vec![
            "Checked with boto3 1.44.8 against a local endpoint: the calls it makes equal the plan's.".to_string()
        ],
    }
}

fn js_sdk_v3(plan: &Plan) -> Export {
    let mut text = summary(plan, "//");
    text.push_str("// Node.js ES module: npm install @aws-sdk/client-cognito-identity-provider\nimport {\n  CognitoIdentityProviderClient,\n");
    let calls = numbered(plan);
    let mut imported: Vec<&str> = Vec::new();
    for (operation, ..) in &calls {
        if !imported.contains(operation) {
            imported.push(operation);
            text.push_str(&format!("  {operation}Command,\n"));
        }
    }
    text.push_str("} from \"@aws-sdk/client-cognito-identity-provider\";\n\n");
    let camel = |operation: &str, index: usize, count: usize| {
        let mut name = operation[..1].to_ascii_lowercase() + &operation[1..] + "Input";
        if count > 1 {
            name.push_str(&(index + 1).to_string());
        }
        name
    };
    for (operation, input, index, count) in &calls {
        text.push_str(&format!("const {} = ", camel(operation, *index, *count)));
        literal::write(&literal::JAVASCRIPT, input, 0, &mut text);
        text.push_str(";\n");
    }
    text.push_str("\nconst client = new CognitoIdentityProviderClient({});\n");
    for (operation, _, index, count) in &calls {
        text.push_str(&format!("await client.send(new {operation}Command({}));\n", camel(operation, *index, *count)));
    }
    text.push_str("console.log(");
    literal::write(&literal::JAVASCRIPT, &Json::str(format!("Updated user pool {}", plan.pool_id)), 0, &mut text);
    text.push_str(");\n");
    Export { text, notes: vec!["Checked with the pinned @aws-sdk/client-cognito-identity-provider against a local endpoint: the calls it makes equal the plan's.".to_string()] }
}

fn paws(plan: &Plan) -> Export {
    let mut text = summary(plan, "#");
    text.push_str("# Text outside ASCII is written as \\u escapes, so the script means the same in any locale.\nsvc <- paws::cognitoidentityprovider()\n");
    let mut notes = vec!["paws leaves empty lists and structures ([] and {}) out of the request it sends.".to_string()];
    for (operation, input) in plan.calls.in_order() {
        let mut input = input.clone();
        if let Json::Object(members) = &mut input {
            for (name, value) in members.iter_mut() {
                if name == "EmailMfaConfiguration" && *value == Json::Object(Vec::new()) {
                    *value = Json::Object(vec![
                        ("Message".to_string(), Json::str(export::paws::EMAIL_MFA_MESSAGE)),
                        ("Subject".to_string(), Json::str(export::paws::EMAIL_MFA_SUBJECT)),
                    ]);
                    notes.push(format!("paws does not send an empty EmailMfaConfiguration, so the script sets its Message and Subject to \"{}\" and \"{}\": change them to your own text.", export::paws::EMAIL_MFA_MESSAGE, export::paws::EMAIL_MFA_SUBJECT));
                }
            }
        }
        export::paws::write_call(&format!("svc${}", export::lower_words(operation, '_')), "", &input, &mut text);
        text.push('\n');
    }
    text.push_str("cat(");
    literal::write(&literal::R, &Json::str(format!("Updated user pool {}", plan.pool_id)), 0, &mut text);
    text.push_str(", \"\\n\")\n");
    Export { text, notes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{desired_from_request, plan, Current};

    fn json(text: &str) -> Json {
        crate::json::parse(text).unwrap().0
    }

    fn sample() -> Plan {
        let now = Current::from_request(
            "us-east-1_Ex".into(),
            Some(Json::str("2026-01-01T00:00:00+00:00")),
            json(r#"{"PoolName": "p", "MfaConfiguration": "OPTIONAL"}"#),
            Some(json(r#"{"MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": {"Enabled": true}}"#)),
            Vec::new(),
        );
        let awkward = "it's \"q\" \\ $HOME `id` $(id) ${x} %{x} # ! \n\t\u{2028} é 😀 '@";
        let desired = json(&format!(
            r#"{{"PoolName": "p", "MfaConfiguration": "OPTIONAL", "UserPoolTags": {{"a'b": {}}}, "Schema": [{{"Name": "tier", "AttributeDataType": "String"}}]}}"#,
            crate::json::quote(awkward)
        ));
        plan(
            &now,
            &desired_from_request(
                desired,
                Some(crate::mfa::MfaFactors { totp: true, email: true, sms: false }),
                &now,
                false,
            ),
        )
    }

    #[test]
    fn every_format_writes_every_call() {
        let plan = sample();
        assert_eq!(plan.calls.in_order().len(), 3);
        for format in FORMATS {
            let export = render(format, &plan, ScriptOptions { if_unchanged: true }).unwrap();
            let text = &export.text;
            let needles: [&str; 3] = match format {
                Format::RequestJson => ["\"UpdateUserPool\"", "\"AddCustomAttributes\"", "\"SetUserPoolMfaConfig\""],
                Format::CliBash | Format::CliPowershell => {
                    ["update-user-pool", "add-custom-attributes", "set-user-pool-mfa-config"]
                }
                Format::Boto3 | Format::Paws => {
                    ["update_user_pool", "add_custom_attributes", "set_user_pool_mfa_config"]
                }
                _ => ["UpdateUserPoolCommand", "AddCustomAttributesCommand", "SetUserPoolMfaConfigCommand"],
            };
            for needle in needles {
                assert!(text.contains(needle), "{} lacks {needle}:\n{text}", format.id());
            }
        }
        assert!(render(Format::Terraform, &plan, ScriptOptions::default()).is_err());
    }

    #[test]
    fn request_json_parses_back_to_the_calls() {
        let plan = sample();
        let export = render(Format::RequestJson, &plan, ScriptOptions::default()).unwrap();
        let (back, _) = crate::json::parse(&export.text).unwrap();
        assert_eq!(back.get("UpdateUserPool"), plan.calls.update_user_pool.as_ref());
        assert_eq!(back.get("SetUserPoolMfaConfig"), plan.calls.set_user_pool_mfa_config.as_ref());
    }

    #[test]
    #[cfg(unix)]
    fn bash_checks_the_last_modified_date_first() {
        let text = render(Format::CliBash, &sample(), ScriptOptions { if_unchanged: true }).unwrap().text;
        let guard = text.find("describe-user-pool").unwrap();
        assert!(guard < text.find("update-user-pool --cli-input-json").unwrap());
        assert!(text.contains("expected_last_modified='\"2026-01-01T00:00:00+00:00\"'"), "{text}");
        let output = std::process::Command::new("bash").arg("-n").arg("-c").arg(&text).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
}
