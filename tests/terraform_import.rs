//! The Terraform importer (`import::terraform`): `.tf` files written for these tests under
//! tests/data/terraform (every block kind, every kind of expression, several pools, meta-arguments
//! and dynamic blocks; CRLF and a byte-order mark made from them here), `terraform show -json`
//! output in the documented format (hand-written, and from Terraform itself when it is
//! installed), and the round trip: every realistic request, exported with `poolsmith export
//! --format terraform`, imports back to the same request and MFA factors.

mod common;
#[path = "common/terraform.rs"]
mod terraform_cli;

use common::poolsmith;
use poolsmith::export::terraform::request_field;
use poolsmith::import::terraform::{self, PoolRef, EXPRESSION};
use poolsmith::import::{self, Kind};
use poolsmith::json::{self, Json, Located};
use poolsmith::mfa::MfaFactors;
use poolsmith::{model, request};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use terraform_cli::sorted;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/realistic");
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/terraform");

fn fixture(name: &str) -> String {
    let path = Path::new(DATA).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(text: &str) -> Json {
    json::parse(text).unwrap_or_else(|e| panic!("test JSON: {e}\n{text}")).0
}

/// [`sorted`], with the items of every list sorted too: Terraform sets have no order.
fn unordered(value: &Json) -> Json {
    match sorted(value) {
        Json::Array(items) => {
            let mut items: Vec<Json> = items.iter().map(unordered).collect();
            items.sort_by_key(Json::compact);
            Json::Array(items)
        }
        Json::Object(members) => Json::Object(members.iter().map(|(k, v)| (k.clone(), unordered(v))).collect()),
        other => other,
    }
}

fn expr(source: &str) -> Json {
    Json::Object(vec![(EXPRESSION.to_string(), Json::str(source))])
}

/// The value at a dotted path (`Policies.PasswordPolicy.MinimumLength`, `Schema.0.Name`).
fn at<'a>(value: &'a Json, path: &str) -> &'a Json {
    let mut value = value;
    for segment in path.split('.') {
        value = match (value, segment.parse::<usize>()) {
            (Json::Array(items), Ok(i)) => items.get(i),
            _ => value.get(segment),
        }
        .unwrap_or_else(|| panic!("no {path} (at {segment})"));
    }
    value
}

/// Where the value at a dotted path is, following `Located` as `at` follows the value.
fn pos_of(value: &Json, located: &Located, path: &str) -> (u32, u32) {
    let (mut value, mut located) = (value, located);
    for segment in path.split('.') {
        let index = match value {
            Json::Array(_) => segment.parse::<usize>().unwrap(),
            Json::Object(members) => members.iter().position(|(k, _)| k == segment).unwrap(),
            _ => panic!("{path}"),
        };
        value = match value {
            Json::Array(items) => &items[index],
            Json::Object(members) => &members[index].1,
            _ => unreachable!(),
        };
        located = &located.children[index];
    }
    (located.pos.line, located.pos.column)
}

fn read(text: &str, resource: Option<&str>) -> terraform::Pool {
    terraform::read(text, resource).unwrap_or_else(|problems| panic!("{problems:#?}"))
}

fn has_note(notes: &[String], part: &str) -> bool {
    notes.iter().any(|n| n.contains(part))
}

const EVERY_BLOCK_REQUEST: &str = r#"{
  "PoolName": "orders-users",
  "AliasAttributes": ["email", "preferred_username"],
  "AutoVerifiedAttributes": ["email", "phone_number"],
  "DeletionProtection": "ACTIVE",
  "MfaConfiguration": "OPTIONAL",
  "SmsAuthenticationMessage": "Your code is {####}",
  "UserPoolTier": "PLUS",
  "UserPoolTags": {"team": "identity", "cost:center": "4711"},
  "Policies": {
    "PasswordPolicy": {"MinimumLength": 12, "RequireLowercase": true, "RequireNumbers": true, "RequireSymbols": false,
                       "RequireUppercase": true, "PasswordHistorySize": 5, "TemporaryPasswordValidityDays": 3},
    "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}
  },
  "LambdaConfig": {
    "PreSignUp": "arn:aws:lambda:eu-west-1:111122223333:function:pre-sign-up",
    "CustomMessage": "arn:aws:lambda:eu-west-1:111122223333:function:custom-message",
    "PostConfirmation": "arn:aws:lambda:eu-west-1:111122223333:function:post-confirmation",
    "PreAuthentication": "arn:aws:lambda:eu-west-1:111122223333:function:pre-authentication",
    "PostAuthentication": "arn:aws:lambda:eu-west-1:111122223333:function:post-authentication",
    "DefineAuthChallenge": "arn:aws:lambda:eu-west-1:111122223333:function:define",
    "CreateAuthChallenge": "arn:aws:lambda:eu-west-1:111122223333:function:create",
    "VerifyAuthChallengeResponse": "arn:aws:lambda:eu-west-1:111122223333:function:verify",
    "UserMigration": "arn:aws:lambda:eu-west-1:111122223333:function:migrate",
    "KMSKeyID": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "PreTokenGenerationConfig": {"LambdaArn": "arn:aws:lambda:eu-west-1:111122223333:function:pre-token", "LambdaVersion": "V2_0"},
    "CustomEmailSender": {"LambdaArn": "arn:aws:lambda:eu-west-1:111122223333:function:email-sender", "LambdaVersion": "V1_0"},
    "CustomSMSSender": {"LambdaArn": "arn:aws:lambda:eu-west-1:111122223333:function:sms-sender", "LambdaVersion": "V1_0"}
  },
  "EmailConfiguration": {
    "EmailSendingAccount": "DEVELOPER", "From": "Orders <no-reply@example.com>", "ReplyToEmailAddress": "support@example.com",
    "SourceArn": "arn:aws:ses:eu-west-1:111122223333:identity/example.com", "ConfigurationSet": "orders"
  },
  "SmsConfiguration": {"ExternalId": "orders-external", "SnsCallerArn": "arn:aws:iam::111122223333:role/orders-sms", "SnsRegion": "eu-west-1"},
  "VerificationMessageTemplate": {
    "DefaultEmailOption": "CONFIRM_WITH_LINK",
    "EmailMessageByLink": "Click {##here##} to confirm.\nThank you.\n", "EmailSubjectByLink": "Confirm your address",
    "SmsMessage": "Your code is {####}"
  },
  "AdminCreateUserConfig": {
    "AllowAdminCreateUserOnly": true,
    "InviteMessageTemplate": {"EmailMessage": "Hello {username}, your password is {####}", "EmailSubject": "Welcome",
                              "SMSMessage": "User {username}, password {####}"}
  },
  "AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}, {"Name": "verified_phone_number", "Priority": 2}]},
  "DeviceConfiguration": {"ChallengeRequiredOnNewDevice": true, "DeviceOnlyRememberedOnUserPrompt": false},
  "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": ["email"]},
  "UsernameConfiguration": {"CaseSensitive": false},
  "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED", "AdvancedSecurityAdditionalFlows": {"CustomAuthMode": "AUDIT"}},
  "Schema": [
    {"Name": "email", "AttributeDataType": "String", "Mutable": true, "Required": true, "DeveloperOnlyAttribute": false,
     "StringAttributeConstraints": {"MinLength": "5", "MaxLength": "254"}},
    {"Name": "loyalty_points", "AttributeDataType": "Number", "Mutable": true,
     "NumberAttributeConstraints": {"MinValue": "0", "MaxValue": "1000000"}}
  ]
}"#;

const ALL_FACTORS: MfaFactors = MfaFactors { sms: true, totp: true, email: true };

#[test]
fn every_block_kind_maps_to_its_request_member() {
    let text = fixture("every-block.tf");
    assert_eq!(import::detect(&text), Kind::Terraform);
    assert_eq!(terraform::pools(&text).unwrap(), [PoolRef { name: "main".into(), line: 12 }]);
    let pool = read(&text, None);
    assert_eq!(sorted(&pool.request), sorted(&parse(EVERY_BLOCK_REQUEST)));
    assert_eq!(pool.mfa, ALL_FACTORS);
    assert!(has_note(&pool.notes, "its texts (message = \"Your sign-in code is {####}\""), "{:?}", pool.notes);
    // Positions: each member where the file has it (line, column in characters).
    assert_eq!(pos_of(&pool.request, &pool.at, "PoolName"), (13, 3));
    assert_eq!(pos_of(&pool.request, &pool.at, "Policies.PasswordPolicy.RequireNumbers"), (29, 5));
    assert_eq!(pos_of(&pool.request, &pool.at, "Schema.1.NumberAttributeConstraints.MaxValue"), (164, 7));
    assert_eq!(pos_of(&pool.request, &pool.at, "UserPoolTags.cost:center"), (23, 5));
    // The whole import: a form with no errors, and the factors.
    let imported = import::import(None, &text).unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(imported.kind, Kind::Terraform);
    assert_eq!(sorted(&request::to_json(&imported.form)), sorted(&parse(EVERY_BLOCK_REQUEST)));
    assert_eq!(imported.form.mfa(), ALL_FACTORS);
    let errors: Vec<_> = poolsmith::diagnostics(&imported.form)
        .into_iter()
        .filter(|d| d.severity == poolsmith::Severity::Error)
        .map(|d| d.message)
        .collect();
    assert_eq!(errors, Vec::<String>::new());
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_read_the_same() {
    let text = fixture("every-block.tf");
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    assert_eq!(import::detect(&windows), Kind::Terraform);
    let (plain, crlf) = (read(&text, None), read(&windows, None));
    assert_eq!(crlf.request, plain.request);
    assert_eq!(crlf.at, plain.at, "the same lines and columns");
    assert_eq!(crlf.mfa, ALL_FACTORS);
    assert_eq!(terraform::pools(&windows).unwrap(), [PoolRef { name: "main".into(), line: 12 }]);
}

#[test]
fn expressions_are_kept_verbatim_where_their_values_go() {
    let text = fixture("expressions.tf");
    let pool = read(&text, None);
    let r = &pool.request;
    for (path, source) in [
        ("PoolName", r#""${var.env}-users""#),
        ("MfaConfiguration", r#"var.env == "prod" ? "ON" : "OPTIONAL""#),
        ("UsernameAttributes", "var.username_attributes"),
        ("AliasAttributes", "[for a in var.aliases : lower(a)]"),
        ("DeletionProtection", "upper(var.protection)"),
        ("UserPoolTags", "merge(local.common_tags, { env = var.env })"),
        ("Policies.PasswordPolicy.MinimumLength", "local.min_length"),
        ("Policies.PasswordPolicy.RequireSymbols", "var.symbols"),
        ("Policies.PasswordPolicy.RequireUppercase", "!var.relaxed"),
        ("LambdaConfig.PreSignUp", "aws_lambda_function.pre_signup.arn"),
        ("LambdaConfig.CustomMessage", "module.messages.lambda_arn"),
        ("SmsConfiguration.ExternalId", r#""sms-${var.env}""#),
        ("SmsConfiguration.SnsCallerArn", "aws_iam_role.sms.arn"),
        ("VerificationMessageTemplate.EmailMessage", "<<EOT\nHello ${var.product}, your code is {####}\nEOT"),
        ("UserPoolAddOns.AdvancedSecurityMode", r#"(var.env == "prod" ? "ENFORCED" : "OFF")"#),
        ("Schema.0.StringAttributeConstraints.MaxLength", "var.tenant_length"),
    ] {
        assert_eq!(at(r, path), &expr(source), "{path}");
    }
    // A list item, and literals beside expressions.
    assert_eq!(at(r, "AutoVerifiedAttributes"), &Json::Array(vec![expr("var.verify_attribute"), Json::str("email")]));
    assert_eq!(at(r, "Policies.PasswordPolicy.RequireNumbers"), &Json::Bool(true));
    assert_eq!(at(r, "Schema.0.StringAttributeConstraints.MinLength"), &Json::str("1"));
    assert_eq!(at(r, "VerificationMessageTemplate.EmailSubject"), &Json::str("Literal subject with ${escaped} text"));
    assert_eq!(at(r, "SmsAuthenticationMessage"), &Json::str("Code: {####}"));
    // Expressions keep their place for diagnostics.
    assert_eq!(pos_of(r, &pool.at, "PoolName"), (13, 3));
    assert_eq!(pos_of(r, &pool.at, "AutoVerifiedAttributes.0"), (15, 31));
    assert_eq!(pos_of(r, &pool.at, "LambdaConfig.PreSignUp"), (31, 5));
    // MFA from an expression: the SMS configuration makes SMS a factor.
    assert_eq!(pool.mfa, MfaFactors { sms: true, totp: false, email: false });
}

#[test]
fn a_file_with_several_pools_lists_them_and_imports_the_one_chosen() {
    let text = fixture("several-pools.tf");
    assert_eq!(
        terraform::pools(&text).unwrap(),
        [PoolRef { name: "customers".into(), line: 2 }, PoolRef { name: "staff".into(), line: 10 }]
    );
    let problems = terraform::read(&text, None).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("2 aws_cognito_user_pool resources (customers, staff)"), "{problems:?}");
    assert!(problems[0].message.contains("--resource NAME"));
    assert!(problems[0].pos.is_some());
    let staff = read(&text, Some("staff"));
    assert_eq!(staff.request, parse(r#"{"PoolName": "staff", "MfaConfiguration": "ON"}"#));
    assert_eq!(staff.mfa, MfaFactors { totp: true, ..MfaFactors::NONE });
    assert_eq!(read(&text, Some("customers")).request, parse(r#"{"PoolName": "customers"}"#));
    let missing = terraform::read(&text, Some("existing")).unwrap_err();
    assert!(missing[0].message.contains("no aws_cognito_user_pool called existing: choose one of customers, staff"));

    // The command line: --resource chooses; without it, the names.
    let (code, out, err) = poolsmith(&["import", "--from", "terraform", "--resource", "staff", "-"], &text);
    assert_eq!(code, 0, "{err}");
    assert_eq!(parse(&out), parse(r#"{"PoolName": "staff", "MfaConfiguration": "ON"}"#));
    assert!(err.contains("--mfa totp"), "{err}");
    let (code, _, err) = poolsmith(&["import", "-"], &text);
    assert_eq!(code, 2);
    assert!(err.contains("<stdin>:1:1: error[import.several-pools]") && err.contains("(customers, staff)"), "{err}");
}

#[test]
fn meta_arguments_and_dynamic_blocks_become_notes_or_expressions() {
    let text = fixture("meta.tf");
    let pool = read(&text, None);
    let r = &pool.request;
    assert_eq!(at(r, "PoolName"), &expr(r#""meta-${count.index}""#));
    let dynamic_schema = "dynamic \"schema\" {\n    for_each = var.custom_attributes\n    content {\n      name                = schema.value.name\n      attribute_data_type = \"String\"\n      mutable             = true\n    }\n  }";
    assert_eq!(at(r, "Schema.0"), &expr(dynamic_schema));
    assert_eq!(at(r, "Schema.1.Name"), &Json::str("plan"));
    assert_eq!(at(r, "Schema.1.Mutable"), &Json::Bool(false));
    assert!(
        matches!(at(r, "LambdaConfig"), Json::Object(m) if m.len() == 1 && m[0].1.as_str().unwrap().starts_with("dynamic \"lambda_config\" {"))
    );
    let notes = &pool.notes;
    for part in [
        "meta-arguments count (line 4), provider (line 5), depends_on (line 6), lifecycle (line 54)",
        "region = \"eu-west-1\" (line 7)",
        "Kept the dynamic \"web_authn_configuration\" block (line 44) beside the pool as written",
        "Left out web_authn_configuration (line 49)",
        "Kept the dynamic \"password_policy\" block (line 37)",
        "Kept the dynamic \"schema\" block (line 11)",
    ] {
        assert!(has_note(notes, part), "{part}: {notes:#?}");
    }
    assert_eq!(r.get("Region"), None);
    // What is not part of the request is kept as written, for the Terraform export.
    assert_eq!(pool.meta.len(), 5, "{:#?}", pool.meta);
    assert!(pool.meta.iter().any(|m| m.starts_with("lifecycle {")), "{:#?}", pool.meta);
    assert!(pool.meta.iter().any(|m| m.starts_with("dynamic \"web_authn_configuration\" {")), "{:#?}", pool.meta);
    let dynamic_policy = "dynamic \"password_policy\" {\n    for_each = var.strict ? [12] : []\n    content {\n      minimum_length = password_policy.value\n    }\n  }";
    assert_eq!(at(r, "Policies.PasswordPolicy"), &expr(dynamic_policy));
}

#[test]
fn mistakes_fail_at_their_line_and_column() {
    let cases = [
        ("resource \"aws_cognito_user_pool\" \"p\" {\n  name = \n}\n", "not valid Terraform", (2, 10)),
        ("resource \"aws_cognito_user_pool\" \"p\" {\n  name = \"p\"\n  nmae = \"q\"\n}\n", "has no argument nmae", (3, 3)),
        (
            "resource \"aws_cognito_user_pool\" \"p\" {\n  password_policy {\n    minimum_lenght = 8\n  }\n}\n",
            "password_policy has no argument minimum_lenght",
            (3, 5),
        ),
        ("resource \"aws_cognito_user_pool\" \"p\" {\n  tags {\n  }\n}\n", "tags is an argument, not a block", (2, 3)),
        (
            "resource \"aws_cognito_user_pool\" \"p\" {\n  password_policy = { minimum_length = 8 }\n}\n",
            "password_policy is a block, not an argument: write password_policy { … }",
            (2, 3),
        ),
        (
            "resource \"aws_cognito_user_pool\" \"p\" {\n  lambda_config {\n    x = 1\n  }\n  schema = var.schema\n}\n",
            "schema is a block, not an argument",
            (5, 3),
        ),
        (
            "resource \"aws_cognito_user_pool\" \"p\" {\n  device_configuration {\n  }\n  device_configuration {\n  }\n}\n",
            "DeviceConfiguration is set more than once",
            (4, 3),
        ),
        ("variable \"x\" {}\n", "has no aws_cognito_user_pool resource (it has variable x)", (1, 1)),
        (
            "module \"auth\" {\n  source = \"./auth\"\n}\n",
            "(it has module auth): import the module's own .tf file that defines the user pool",
            (1, 1),
        ),
    ];
    for (text, message, (line, column)) in cases {
        assert_eq!(import::detect(text), Kind::Terraform, "{text}");
        let problems = terraform::read(text, None).unwrap_err();
        let found = problems.iter().find(|d| d.message.contains(message));
        let found = found.unwrap_or_else(|| panic!("{message}: {problems:#?}"));
        let pos = found.pos.expect("a position");
        assert_eq!((pos.line, pos.column), (line, column), "{message}");
    }
    // A list where one value goes is kept as the expression it is, and checking it says the
    // shape is wrong, at its place.
    let text = "resource \"aws_cognito_user_pool\" \"p\" {\n  name = \"p\"\n  mfa_configuration = [\"ON\"]\n}\n";
    let (code, out, _) = poolsmith(&["check", "--from", "terraform", "-"], text);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("<stdin>:3:3: error[expr.type] MfaConfiguration:"), "{out}");
}

/// The exporter's table read backwards: every argument path of the research mapping leads
/// back to its CreateUserPool field.
#[test]
fn the_exporter_table_names_every_mapped_field_both_ways() {
    let mapping =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance/terraform/mapping.tsv"))
            .unwrap();
    let mut checked = 0;
    for line in mapping.lines().filter(|l| !l.starts_with('#') && !l.starts_with("api_path")) {
        let mut columns = line.split('\t');
        let (api, tf) = (columns.next().unwrap(), columns.next().unwrap());
        if tf == "GAP" {
            continue;
        }
        let mut owner = None;
        let mut field = None;
        for segment in tf.trim_end_matches("[]").trim_end_matches("{key}").trim_end_matches("{}").split('.') {
            let found = request_field(owner, segment).unwrap_or_else(|| panic!("{tf}: no field for {segment}"));
            // A list of structures is a repeated block: its body belongs to the element.
            owner = Some(match found.child_fields().next() {
                Some(element) if found.kind == model::Kind::List && element.kind == model::Kind::Structure => element,
                _ => found,
            });
            field = Some(found);
        }
        let path = field.unwrap().path;
        assert!(api.starts_with(path), "{tf} → {path}, expected {api}");
        checked += 1;
    }
    assert_eq!(checked, 73);
}

/// The paths the export's header lists as left out of the resource.
fn left_out(export: &str) -> Vec<String> {
    let Some(start) = export.find("# Left out of this resource:\n") else { return Vec::new() };
    export[start..]
        .lines()
        .skip(1)
        .map_while(|line| line.strip_prefix("#   "))
        .filter_map(|line| line.split(": ").next())
        .map(str::to_string)
        .collect()
}

/// Removes the member at a dotted path, and the objects it leaves empty.
fn remove(value: &mut Json, path: &str) {
    let Json::Object(members) = value else { return };
    match path.split_once('.') {
        None => members.retain(|(k, _)| k != path),
        Some((first, rest)) => {
            if let Some(index) = members.iter().position(|(k, _)| k == first) {
                remove(&mut members[index].1, rest);
                if members[index].1 == Json::Object(Vec::new()) {
                    members.remove(index);
                }
            }
        }
    }
}

/// Leaves out of `imported` the schema constraints the export filled in where `original`
/// has none (the bounds AWS stores, as `src/export/schema_constraints.rs` says).
fn without_filled_constraints(imported: &mut Json, original: &Json) {
    let (Some(Json::Array(imported)), Some(Json::Array(original))) =
        (member_mut(imported, "Schema"), original.get("Schema"))
    else {
        return;
    };
    for (attribute, before) in imported.iter_mut().zip(original) {
        for block in ["StringAttributeConstraints", "NumberAttributeConstraints"] {
            match before.get(block) {
                None => remove(attribute, block),
                Some(Json::Object(bounds)) => {
                    if let Some(Json::Object(now)) = member_mut(attribute, block) {
                        now.retain(|(k, _)| bounds.iter().any(|(b, _)| b == k));
                    }
                }
                Some(_) => {}
            }
        }
    }
}

fn member_mut<'a>(value: &'a mut Json, key: &str) -> Option<&'a mut Json> {
    let Json::Object(members) = value else { return None };
    members.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
}

#[test]
fn every_realistic_request_exported_to_terraform_imports_back_to_itself() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 28);
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let original = parse(&std::fs::read_to_string(&file).unwrap());
        let sidecar = file.with_extension("mfa");
        let stated = std::fs::read_to_string(&sidecar).ok().map(|list| list.trim().to_string());
        let mut args = vec!["export", "--format", "terraform"];
        if let Some(list) = &stated {
            args.extend(["--mfa", list.as_str()]);
        }
        let path = file.to_string_lossy().to_string();
        args.push(&path);
        let (_, export, err) = poolsmith(&args, "");
        assert!(export.contains("resource \"aws_cognito_user_pool\""), "{name}: {err}");

        let imported = import::import(None, &export).unwrap_or_else(|p| panic!("{name}: {p:#?}\n{export}"));
        assert_eq!(imported.kind, Kind::Terraform);
        let mut back = request::to_json(&imported.form);
        without_filled_constraints(&mut back, &original);
        let mut expected = original.clone();
        for path in left_out(&export) {
            remove(&mut expected, &path);
        }
        assert_eq!(sorted(&back), sorted(&expected), "{name}\n{export}");

        let stated = stated.map_or(MfaFactors::NONE, |list| MfaFactors::parse_list(&list).unwrap());
        let factors = if poolsmith::mfa::mode(&original).is_some() {
            MfaFactors::stated_for(&original, stated)
        } else {
            MfaFactors::NONE
        };
        assert_eq!(imported.form.mfa(), factors, "{name}");
    }
}

#[test]
fn show_json_state_imports_the_chosen_pool_with_evaluated_values() {
    let text = fixture("show-state.json");
    assert_eq!(import::detect(&text), Kind::TerraformShowJson);
    let pools = terraform::show_json_pools(&text).unwrap();
    let names: Vec<&str> = pools.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["aws_cognito_user_pool.orders", "module.staff.aws_cognito_user_pool.this"]);
    assert!(pools[0].line > 20);
    let problems = terraform::read_show_json(&text, None).unwrap_err();
    assert!(problems[0].message.contains("(aws_cognito_user_pool.orders, module.staff.aws_cognito_user_pool.this)"));

    let pool = terraform::read_show_json(&text, Some("aws_cognito_user_pool.orders")).unwrap();
    let expected = parse(
        r#"{
      "AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]},
      "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": false},
      "AutoVerifiedAttributes": ["email"],
      "DeletionProtection": "ACTIVE",
      "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
      "MfaConfiguration": "OPTIONAL",
      "PoolName": "orders-users",
      "Policies": {
        "PasswordPolicy": {"MinimumLength": 12, "PasswordHistorySize": 0, "RequireLowercase": true, "RequireNumbers": true,
                           "RequireSymbols": true, "RequireUppercase": true, "TemporaryPasswordValidityDays": 7},
        "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]}
      },
      "Schema": [{"AttributeDataType": "String", "DeveloperOnlyAttribute": false, "Mutable": true, "Name": "tenant",
                  "Required": false, "StringAttributeConstraints": {"MaxLength": "64", "MinLength": "1"}}],
      "SmsConfiguration": {"ExternalId": "orders-external", "SnsCallerArn": "arn:aws:iam::111122223333:role/orders-sms", "SnsRegion": "eu-west-1"},
      "UserPoolTags": {"team": "identity"},
      "UserPoolTier": "ESSENTIALS",
      "UsernameConfiguration": {"CaseSensitive": false},
      "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"}
    }"#,
    );
    assert_eq!(sorted(&pool.request), sorted(&expected));
    assert_eq!(pool.mfa, MfaFactors { sms: true, totp: true, email: false });
    assert!(
        has_note(
            &pool.notes,
            "arn, creation_date, endpoint, estimated_number_of_users, id, last_modified_date, region, tags_all"
        ),
        "{:?}",
        pool.notes
    );

    let (code, out, err) = poolsmith(&["import", "--resource", "module.staff.aws_cognito_user_pool.this", "-"], &text);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        sorted(&parse(&out)),
        sorted(&parse(r#"{"PoolName": "staff-users", "MfaConfiguration": "OFF", "DeletionProtection": "INACTIVE"}"#))
    );
    assert!(err.contains("terraform show -json output"), "{err}");
}

#[test]
fn show_json_plan_says_what_is_known_only_after_apply() {
    let text = fixture("show-plan.json");
    assert_eq!(import::detect(&text), Kind::TerraformShowJson);
    let imported = import::import(None, &text).unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(
        sorted(&request::to_json(&imported.form)),
        sorted(&parse(
            r#"{"PoolName": "auth-dev", "MfaConfiguration": "OFF", "DeletionProtection": "INACTIVE", "UserPoolTags": {"env": "dev"}}"#
        ))
    );
    let unknown = imported.notes.iter().find(|n| n.starts_with("Known only after apply")).expect("the unknown note");
    assert!(unknown.contains("module.auth.aws_cognito_user_pool.this: lambda_config.pre_sign_up"), "{unknown}");
    assert!(!unknown.contains("email_verification_message") && !unknown.contains("arn"), "{unknown}");
}

/// Terraform's own `terraform show -json` of a plan of every-block.tf reads as the file does.
/// Runs where the Terraform CLI and the provider are installed (see tests/terraform_validate.rs);
/// elsewhere it says SKIPPED on the terminal and passes.
#[test]
fn terraform_show_json_of_a_real_plan_imports_as_the_file_does() {
    let (cli, plugins) = (terraform_cli::terraform_path(), terraform_cli::plugins_path());
    if !cli.is_file() || !plugins.join("registry.terraform.io/hashicorp/aws").is_dir() {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: no terraform at {} or no provider under {} (tests/terraform_import.rs)",
            cli.display(),
            plugins.display()
        );
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("terraform-import");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("terraformrc"), "disable_checkpoint = true\n").unwrap();
    let source = fixture("every-block.tf");
    // The pool alone (the terraform block pins a registry version; the client needs nothing).
    let start = source.find("resource \"aws_cognito_user_pool\"").unwrap();
    let end = source.find("resource \"aws_cognito_user_pool_client\"").unwrap();
    std::fs::write(dir.join("main.tf"), format!("{}\n{}", terraform_cli::PROVIDER_BLOCK, &source[start..end])).unwrap();
    let run = |args: &[&str]| -> String {
        let output = terraform_cli::command(&dir, args).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).to_string();
        assert!(
            output.status.success(),
            "terraform {}: {stdout}{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        stdout
    };
    let plugin_dir = format!("-plugin-dir={}", plugins.display());
    run(&["init", "-backend=false", "-input=false", "-no-color", &plugin_dir]);
    run(&["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=tfplan"]);
    let shown = run(&["show", "-json", "-no-color", "tfplan"]);
    assert_eq!(import::detect(&shown), Kind::TerraformShowJson);
    let from_plan = terraform::read_show_json(&shown, None).unwrap_or_else(|p| panic!("{p:#?}"));
    let from_file = read(&source, None);
    // Sets (schema blocks, factor lists) come in Terraform's order.
    assert_eq!(unordered(&from_plan.request), unordered(&from_file.request));
    assert_eq!(from_plan.mfa, from_file.mfa);
    let _ = writeln!(std::io::stderr(), "terraform show -json of a real plan imported as the .tf file does");
}

#[test]
fn heredocs_keep_their_indentation_unless_indented_with_a_dash() {
    // Terraform strips the common indentation only for `<<-EOT`:
    // https://developer.hashicorp.com/terraform/language/expressions/strings#heredoc-strings
    let text = "resource \"aws_cognito_user_pool\" \"p\" {\n  name = \"p\"\n  email_verification_message = <<EOT\n    four {####}\n      six\nEOT\n  sms_verification_message = <<-EOT\n    four {####}\n      six\n  EOT\n}\n";
    let pool = terraform::read(text, None).unwrap();
    assert_eq!(pool.request.get("EmailVerificationMessage"), Some(&Json::str("    four {####}\n      six\n")));
    assert_eq!(pool.request.get("SmsVerificationMessage"), Some(&Json::str("four {####}\n  six\n")));
}

#[test]
fn a_dynamic_mfa_block_is_written_back_as_it_was() {
    let text = "resource \"aws_cognito_user_pool\" \"p\" {\n  name = \"p\"\n  dynamic \"software_token_mfa_configuration\" {\n    for_each = var.totp ? [1] : []\n    content {\n      enabled = true\n    }\n  }\n}\n";
    let (code, out, err) = poolsmith(&["export", "--format", "terraform", "--from", "terraform", "-"], text);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("resource \"aws_cognito_user_pool\" \"p\" {\n  dynamic \"software_token_mfa_configuration\" {\n    for_each = var.totp ? [1] : []"), "{out}");
}

#[test]
fn a_dynamic_mfa_factor_block_makes_the_factors_unknown_not_missing() {
    let text = "resource \"aws_cognito_user_pool\" \"p\" {\n  name              = \"p\"\n  mfa_configuration = \"ON\"\n  dynamic \"software_token_mfa_configuration\" {\n    for_each = var.totp ? [1] : []\n    content {\n      enabled = true\n    }\n  }\n}\n";
    let (code, out, err) = poolsmith(&["check", "--from", "terraform", "-"], text);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("mfa.factor-required"), "{out}");
    assert!(err.contains("A dynamic MFA factor block decides the factors when Terraform applies"), "{err}");
}
