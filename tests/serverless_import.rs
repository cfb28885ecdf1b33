//! Importing a serverless.yml or one of its resource files (`import::serverless`) on the
//! fixtures in tests/corpus/iac/serverless: which pool is read, what becomes a serverless
//! expression (`{"Poolsmith::Serverless": "<text>"}` in the request JSON), what is said in a
//! note, and what fails with a position.
//!
//! Most assertions are on the request JSON (`serverless::request_json`), the level at which the
//! importer's work ends; reading expressions into the form is `request::from_json`'s.

use poolsmith::import::{self, decode_text, serverless, Kind};
use poolsmith::json::{self, Json, Pos};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/iac");

fn fixture(path: &str) -> String {
    let full = std::path::Path::new(DIR).join(path);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    decode_text(&bytes).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn read(path: &str, resource: Option<&str>) -> (Json, Vec<String>) {
    serverless::request_json(&fixture(path), resource).unwrap_or_else(|problems| {
        let messages: Vec<String> = problems.iter().map(|d| d.message.clone()).collect();
        panic!("{path}: {messages:#?}")
    })
}

fn expression(text: &str) -> Json {
    Json::Object(vec![(serverless::EXPRESSION_KEY.to_string(), Json::str(text))])
}

fn at<'a>(value: &'a Json, path: &str) -> &'a Json {
    path.split('.')
        .fold(value, |value, key| value.get(key).unwrap_or_else(|| panic!("no {path} in {}", value.compact())))
}

fn parse(text: &str) -> Json {
    json::parse(text).unwrap().0
}

#[test]
fn a_serverless_yml_pool_keeps_its_variables_verbatim_and_types_the_rest() {
    let (request, notes) = read("serverless/self-sls-stage.yml", None);
    assert_eq!(at(&request, "PoolName"), &expression("${self:service}-${sls:stage}-users"));
    assert_eq!(
        at(&request, "Policies").compact(),
        r#"{"PasswordPolicy":{"MinimumLength":8,"RequireLowercase":true,"RequireSymbols":false}}"#
    );
    assert_eq!(at(&request, "UsernameAttributes").compact(), r#"["email"]"#);
    assert!(notes.iter().any(|n| n == "Imported the properties of the resource RecipesPool."), "{notes:?}");
    assert!(
        notes.iter().any(|n| n.starts_with("Kept one value from the serverless.yml as an expression")
            && n.contains("PoolName = ${self:service}-${sls:stage}-users")),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.starts_with("Kept DeletionPolicy beside the pool")), "{notes:?}");
    // The same file with a byte order mark reads the same.
    assert_eq!(read("serverless/self-sls-stage-bom.yml", None).0, request);
}

#[test]
fn every_variable_source_and_default_becomes_an_expression_and_off_stays_text() {
    let (request, _) = read("serverless/sources-and-defaults.yml", None);
    assert_eq!(at(&request, "PoolName"), &expression("${self:custom.project}-${self:provider.stage}"));
    assert_eq!(at(&request, "EmailVerificationSubject"), &expression("${env:VERIFY_SUBJECT}"));
    assert_eq!(at(&request, "SmsAuthenticationMessage"), &expression("${param:smsMessage}"));
    assert_eq!(at(&request, "EmailConfiguration.SourceArn"), &expression("${self:custom.senderArn}"));
    assert_eq!(at(&request, "EmailConfiguration.From"), &expression("${cf:mail-stack.FromAddress}"));
    assert_eq!(at(&request, "LambdaConfig.CustomMessage"), &expression("${s3:config-bucket/custom-message-arn}"));
    // An intrinsic function stays the object it is, for the request reader.
    assert_eq!(at(&request, "LambdaConfig.PreSignUp").compact(), r#"{"Fn::GetAtt":["PreSignUpLambdaFunction","Arn"]}"#);
    // js-yaml (YAML 1.2) reads a plain OFF as text: no YAML 1.1 refusal, the text as written.
    assert_eq!(at(&request, "MfaConfiguration"), &Json::str("OFF"));
    assert_eq!(at(&request, "UsernameConfiguration").compact(), r#"{"CaseSensitive":false}"#);
}

#[test]
fn a_resources_list_reads_its_mappings_and_names_its_includes() {
    let (request, notes) = read("serverless/resources-list-includes.yml", None);
    assert_eq!(at(&request, "PoolName"), &expression("chat-${self:custom.currentStage}"));
    for include in [
        "${file(resources/tables.yml)}",
        "${file(resources/role.yml)} (resource ChatRole)",
        "${file(resources/outputs.yml)}",
    ] {
        assert!(notes.iter().any(|n| n.starts_with(&format!("Did not read {include}:"))), "{include}: {notes:?}");
    }
    // The commented-out include is not an entry.
    assert!(!notes.iter().any(|n| n.contains("old.yml")), "{notes:?}");
}

#[test]
fn a_pool_only_in_included_files_fails_at_resources_naming_them() {
    let problems = serverless::request_json(&fixture("serverless/includes-only.yml"), None).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].rule, "import.resource");
    assert_eq!(problems[0].pos, Some(Pos { line: 14, column: 1 }));
    assert!(problems[0]
        .message
        .contains("${file(resources/dynamodb-table.yml)}, ${file(resources/cognito-user-pool.yml)}"));
    assert!(problems[0].message.contains("Import the file that defines the pool"), "{}", problems[0].message);
}

#[test]
fn several_pools_are_listed_and_one_is_taken_by_its_logical_id() {
    let text = fixture("serverless/two-pools.yml");
    let problems = serverless::request_json(&text, None).unwrap_err();
    assert_eq!(problems[0].rule, poolsmith::import::SEVERAL_POOLS);
    assert!(
        problems[0].message.starts_with("The template defines 2 user pools (PatientPool, StaffPool)"),
        "{}",
        problems[0].message
    );
    assert_eq!(serverless::pool_ids(&text), ["PatientPool", "StaffPool"]);
    let (staff, notes) = read("serverless/two-pools.yml", Some("StaffPool"));
    assert_eq!(at(&staff, "PoolName"), &expression("${self:service}-staff-${sls:stage}"));
    assert!(notes.iter().any(|n| n == "Imported the properties of the resource StaffPool."), "{notes:?}");
    let (patients, _) = read("serverless/two-pools.yml", Some("PatientPool"));
    assert_eq!(at(&patients, "PoolName"), &expression("${self:service}-patients-${sls:stage}"));
    let problems = serverless::request_json(&text, Some("Nope")).unwrap_err();
    assert!(problems[0].message.contains("has no user pool named Nope"), "{}", problems[0].message);
}

#[test]
fn a_variable_can_stand_for_a_whole_structure_list_or_map() {
    let (request, _) = read("serverless/whole-property-variables.yml", None);
    assert_eq!(at(&request, "LambdaConfig"), &expression("${self:custom.triggers}"));
    assert_eq!(at(&request, "AutoVerifiedAttributes"), &expression("${self:custom.verify}"));
    assert_eq!(at(&request, "UserPoolTags"), &expression("${self:custom.tags}"));
}

#[test]
fn resource_files_import_with_resources_at_the_top_or_the_resources_themselves() {
    let (request, _) = read("serverless/fragment-resources.yml", None);
    assert_eq!(at(&request, "PoolName"), &expression("${self:custom.stage}-user-pool"));
    assert_eq!(read("serverless/fragment-resources-crlf.yml", None).0, request);
    let (bare, notes) = read("serverless/fragment-bare-map.yml", None);
    assert_eq!(at(&bare, "PoolName"), &expression("${self:service}-${self:provider.stage}-gallery"));
    assert!(notes.iter().any(|n| n == "Imported the properties of the resource GalleryPool."), "{notes:?}");
    let (indented, _) = read("serverless/fragment-opt-default-indent4.yml", None);
    assert_eq!(at(&indented, "PoolName"), &expression("team-pool-${opt:stage, self:provider.stage}"));
    assert_eq!(at(&indented, "AdminCreateUserConfig").compact(), r#"{"AllowAdminCreateUserOnly":true}"#);
}

#[test]
fn pseudo_parameters_plugin_text_is_an_expression() {
    let (request, _) = read("serverless/fragment-pseudo-parameters.yml", None);
    assert_eq!(
        at(&request, "LambdaConfig.PreSignUp"),
        &expression("arn:aws:lambda:#{AWS::Region}:#{AWS::AccountId}:function:shop-api-dev-preSignUp")
    );
    assert_eq!(at(&request, "PoolName"), &Json::str("shop_user_pool"));
}

#[test]
fn cloudformation_sub_syntax_is_not_a_serverless_variable() {
    let text = "service: s\nprovider:\n  name: aws\nresources:\n  Resources:\n    P:\n      Type: AWS::Cognito::UserPool\n      Properties:\n        UserPoolName: !Sub '${AWS::StackName}-${Stage}'\n        EmailVerificationSubject: !Sub '${self:service} at ${AWS::Region}'\n";
    let (request, notes) = serverless::request_json(text, None).unwrap();
    assert_eq!(at(&request, "PoolName").compact(), r#"{"Fn::Sub":"${AWS::StackName}-${Stage}"}"#);
    assert_eq!(
        at(&request, "EmailVerificationSubject").compact(),
        r#"{"Fn::Sub":{"Poolsmith::Serverless":"${self:service} at ${AWS::Region}"}}"#
    );
    assert!(
        notes.iter().any(|n| n.contains(
            r#"EmailVerificationSubject = !Sub {"Poolsmith::Serverless":"${self:service} at ${AWS::Region}"}"#
        )),
        "{notes:?}"
    );
}

#[test]
fn a_literal_serverless_pool_imports_to_a_form_today() {
    // No variables and no functions: nothing waits for expression support in the request reader.
    let text = "service: s\nprovider:\n  name: aws\nresources:\n  Resources:\n    P:\n      Type: AWS::Cognito::UserPool\n      Properties:\n        UserPoolName: plain\n        MfaConfiguration: OFF\n        Policies: {PasswordPolicy: {MinimumLength: 10}}\n";
    assert_eq!(import::detect(text), Kind::Serverless);
    let imported = import::import(None, text).unwrap_or_else(|p| panic!("{:#?}", p));
    assert_eq!(imported.kind, Kind::Serverless);
    assert_eq!(
        poolsmith::request::to_json(&imported.form),
        parse(
            r#"{"PoolName": "plain", "Policies": {"PasswordPolicy": {"MinimumLength": 10}}, "MfaConfiguration": "OFF"}"#
        )
    );
}

#[test]
fn detection_tells_serverless_files_from_templates() {
    for dir in ["serverless", "cloudformation", "sam"] {
        for entry in std::fs::read_dir(std::path::Path::new(DIR).join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            let kind = import::detect(&fixture(&name));
            if dir == "serverless" {
                assert_eq!(kind, Kind::Serverless, "{name}");
            } else {
                assert_eq!(kind, Kind::CloudFormation, "{name}");
            }
        }
    }
}

#[test]
fn what_is_not_a_serverless_file_fails_with_a_position() {
    let problems = serverless::request_json("just: text\nmore: 1\n", None).unwrap_err();
    assert_eq!(problems[0].rule, "import.resource");
    assert_eq!(problems[0].pos, Some(Pos { line: 1, column: 1 }));
    let problems = serverless::request_json("service: s\nprovider: {}\nresources: 3\n", None).unwrap_err();
    assert_eq!(problems[0].rule, "import.type");
    assert_eq!(problems[0].pos.map(|p| p.line), Some(3));
}
