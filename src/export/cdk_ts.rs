//! `cdk-ts`: a TypeScript AWS CDK v2 stack with one L1 `CfnUserPool`, whose props are the
//! CloudFormation properties (`cloudformation::user_pool`) in CDK's camelCase, so it
//! synthesizes to the same resource as the CloudFormation exports.
//!
//! Strings are written as JSON string literals (`json::quote`): valid TypeScript, with no
//! interpolation (never template literals), and with every invisible character (controls,
//! U+2028/U+2029, bidirectional and other format characters: [`crate::invisible`]) escaped. Keys are the
//! camelCase property names, except in maps (`UserPoolTags`), whose keys are the user's and are
//! quoted as they are.

use super::cloudformation;
use super::{Export, Options};
use crate::json::{self, Json};
use crate::model::{self, Field, Kind};

/// The stack as a TypeScript file, plus notes on what it leaves out and what to do next.
pub fn render(request: &Json, options: &Options) -> Export {
    let mut pool = cloudformation::user_pool(request, options);
    let mut notes = vec![
        "Use it in a CDK app (npm install aws-cdk-lib constructs) and deploy with: npx cdk deploy. It synthesizes \
         to the same resource as the CloudFormation export."
            .to_string(),
    ];
    notes.append(&mut pool.notes);
    if has_token_marker(request) {
        notes.push(
            "A value contains ${Token[ or #{Token[, which the CDK reads as a reference to one of its tokens: \
             synthesis fails or substitutes another value. Use the CloudFormation export for this request."
                .to_string(),
        );
    }
    let mut text =
        super::text_starting_with("// AWS CDK v2 stack for an Amazon Cognito user pool, written by Poolsmith.\n");
    cloudformation::write_comments("//", &notes, &mut text);
    // The stack's body first: which names it calls decides the imports.
    let (declarations, mut elements) = super::cdk_expr::declarations(&pool.sections);
    let mut props = String::new();
    for (name, value) in &pool.properties {
        let field = cloudformation::request_member(name).and_then(model::top_level_member);
        write_member(name, value, field, 3, &mut props);
    }
    super::cdk_expr::names_called(&declarations, &mut elements);
    super::cdk_expr::names_called(&props, &mut elements);
    // Only what the stack uses, so linters that flag unused imports stay quiet.
    let imports = [("App", true), ("Aws", elements.contains(&"Aws"))]
        .into_iter()
        .chain(["CfnCondition", "CfnMapping"].map(|name| (name, elements.contains(&name))))
        .chain([("CfnOutput", true)])
        .chain([("CfnParameter", elements.contains(&"CfnParameter"))])
        .chain([("Fn", elements.contains(&"Fn")), ("RemovalPolicy", pool.retain), ("Stack", true)])
        .chain([("StackProps", true), ("Token", elements.contains(&"Token"))])
        .chain([("Validations", pool.literal_variables)]);
    let names: Vec<&str> = imports.filter_map(|(name, used)| used.then_some(name)).collect();
    text.push_str(&format!("import {{ {} }} from \"aws-cdk-lib\";\n", names.join(", ")));
    text.push_str(
        "\
         import { CfnUserPool } from \"aws-cdk-lib/aws-cognito\";\n\
         import { Construct } from \"constructs\";\n\n\
         export class UserPoolStack extends Stack {\n  \
           readonly userPool: CfnUserPool;\n\n  \
           constructor(scope: Construct, id: string, props?: StackProps) {\n    \
             super(scope, id, props);\n",
    );
    text.push_str(&declarations);
    text.push_str("    this.userPool = new CfnUserPool(this, ");
    json::write_string(pool.logical_id, &mut text);
    text.push_str(", {\n");
    text.push_str(&props);
    text.push_str("    });\n");
    if pool.literal_variables {
        // CDK runs the same check at synthesis, and new projects (its recommended feature flags)
        // make its findings errors; the cfn-lint Metadata is the CloudFormation exports' own.
        text.push_str(
            "    Validations.of(this.userPool).acknowledge({\n      \
               id: \"CloudFormation-Validate::E1029\",\n      \
               reason: \"Text like ${Name} is literal here, as in the CreateUserPool request.\",\n    \
             });\n    \
             this.userPool.addMetadata(\"cfn-lint\", { config: { ignore_checks: [\"E1029\"] } });\n",
        );
    }
    if pool.retain {
        text.push_str("    this.userPool.applyRemovalPolicy(RemovalPolicy.RETAIN);\n");
    }
    // The imported template's own resource attributes (`DependsOn`, `Condition`, …), as the
    // CloudFormation exports write them.
    for (name, value) in pool.attributes {
        text.push_str("    this.userPool.addOverride(");
        json::write_string(name, &mut text);
        text.push_str(", ");
        json::write_compact(value, &mut text);
        text.push_str(");\n");
    }
    text.push_str(
        "    new CfnOutput(this, \"UserPoolId\", { description: \"The user pool ID\", value: this.userPool.ref });\n    \
         new CfnOutput(this, \"UserPoolArn\", { description: \"The user pool ARN\", value: this.userPool.attrArn });\n  \
         }\n}\n\n\
         const app = new App();\n\
         new UserPoolStack(app, \"UserPoolStack\");\n",
    );
    notes.push("Checked in Poolsmith's conformance tests: aws-cdk-lib 2.276.0 synthesizes it to the CloudFormation export's properties.".to_string());
    Export { text, notes }
}

/// CDK's name for a CloudFormation property: camelCase with acronyms as one word
/// (`KMSKeyID` → `kmsKeyId`, `CustomSMSSender` → `customSmsSender`, `SMSMessage` → `smsMessage`).
pub fn cdk_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    push_cdk_name(name, &mut out);
    out
}

/// Writes [`cdk_name`]`(name)` at the end of `out`, with one character of look-behind and one
/// of look-ahead: this runs for every property name. Only ASCII capitals change, so the name
/// is copied whole and those are lowered in place; its bytes are read, as no byte of a
/// multi-byte character is ASCII.
fn push_cdk_name(name: &str, out: &mut String) {
    let start = out.len();
    out.push_str(name);
    let bytes = name.as_bytes();
    for (i, c) in bytes.iter().enumerate() {
        if !c.is_ascii_uppercase() {
            continue;
        }
        let after_upper = i > 0 && bytes[i - 1].is_ascii_uppercase();
        let before_lower = bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase);
        // A capital starts a word, unless it continues an acronym; an acronym's last capital
        // starts the next word when lower case follows it (`SMSM|essage`). The first stays lower.
        let starts_word = !after_upper || before_lower;
        if i == 0 || !starts_word {
            out[start + i..=start + i].make_ascii_lowercase();
        }
    }
}

/// Whether any string (or map key) holds what the CDK takes for an encoded token.
fn has_token_marker(value: &Json) -> bool {
    // `${Token[` or `#{Token[`, found in one pass over the bytes: this runs on every string, and
    // each `str` search would set up a searcher of its own.
    // Almost no text has a `[`: one word-at-a-time search settles it.
    let marked = |text: &str| {
        let bytes = text.as_bytes();
        bytes.contains(&b'[') && bytes.windows(8).any(|w| matches!(w[0], b'$' | b'#') && w[1..] == *b"{Token[")
    };
    match value {
        Json::String(text) => marked(text),
        Json::Array(items) => items.iter().any(has_token_marker),
        Json::Object(members) => members.iter().any(|(key, item)| marked(key) || has_token_marker(item)),
        _ => false,
    }
}

/// Writes `key: value,` on its own line(s), with the CloudFormation name `name` as its CDK
/// name; `field` is the model field of `value`, if known.
fn write_member(name: &str, value: &Json, field: Option<&'static Field>, indent: usize, out: &mut String) {
    json::push_indent(indent, out);
    // camelCase names are identifiers; anything else is quoted. Only ASCII letters change case
    // in a CDK name, so the test reads the CloudFormation name and the name is written in place.
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) && name.bytes().all(|c| c.is_ascii_alphanumeric()) {
        push_cdk_name(name, out);
    } else {
        json::write_string(&cdk_name(name), out);
    }
    out.push_str(": ");
    write_value(value, field, indent, out);
    out.push_str(",\n");
}

fn write_value(value: &Json, field: Option<&'static Field>, indent: usize, out: &mut String) {
    if crate::expr::is_expression_of(field, value) {
        return super::cdk_expr::write_property(value, field, out);
    }
    match value {
        Json::Object(members) if !members.is_empty() => {
            out.push_str("{\n");
            let is_map = field.is_some_and(|f| f.kind == Kind::Map);
            let value_field = field.filter(|_| is_map).and_then(|f| f.child_fields().nth(1));
            for (key, item) in members {
                if is_map {
                    json::push_indent(indent + 1, out);
                    // A plain `"__proto__":` key sets the object's prototype instead of adding
                    // the entry, which would drop the tag: a computed key is a member.
                    if key == "__proto__" {
                        out.push_str("[\"__proto__\"]");
                    } else {
                        json::write_string(key, out);
                    }
                    out.push_str(": ");
                    write_value(item, value_field, indent + 1, out);
                    out.push_str(",\n");
                } else {
                    write_member(key, item, field.and_then(|f| f.member(key)), indent + 1, out);
                }
            }
            json::push_indent(indent, out);
            out.push('}');
        }
        Json::Array(items) if items.iter().any(|item| matches!(item, Json::Object(_) | Json::Array(_))) => {
            let element = field.and_then(|f| f.child_fields().next());
            out.push_str("[\n");
            for item in items {
                json::push_indent(indent + 1, out);
                write_value(item, element, indent + 1, out);
                out.push_str(",\n");
            }
            json::push_indent(indent, out);
            out.push(']');
        }
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                json::write_compact(item, out);
            }
            out.push(']');
        }
        // JSON's spelling of a scalar is TypeScript's.
        scalar => json::write_compact(scalar, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::MfaFactors;

    #[test]
    fn names_follow_the_cdk_props() {
        // The renames aws-cdk-lib 2.276.0 makes (research: cdk-CfnUserPool.aws-cdk-lib-2.276.0.tsv).
        for (cfn, cdk) in [
            ("UserPoolName", "userPoolName"),
            ("KMSKeyID", "kmsKeyId"),
            ("CustomSMSSender", "customSmsSender"),
            ("SMSMessage", "smsMessage"),
            ("WebAuthnRelyingPartyID", "webAuthnRelyingPartyId"),
            ("EumsSms", "eumsSms"),
            ("From", "from"),
            ("AttributesRequireVerificationBeforeUpdate", "attributesRequireVerificationBeforeUpdate"),
            ("EnabledMfas", "enabledMfas"),
        ] {
            assert_eq!(cdk_name(cfn), cdk);
        }
    }

    fn request(text: &str) -> Json {
        json::parse(text).unwrap().0
    }

    #[test]
    fn writes_props_with_camel_case_keys_and_user_map_keys_as_they_are() {
        let export = render(
            &request(
                r#"{"PoolName": "p", "LambdaConfig": {"KMSKeyID": "arn:aws:kms:us-east-1:1:key/k",
                    "CustomSMSSender": {"LambdaVersion": "V1_0", "LambdaArn": "arn:aws:lambda:us-east-1:1:function:f"}},
                    "UserPoolTags": {"CostCenter": "1234", "a:b c": "${x}", "Ref": "y"},
                    "Schema": [{"Name": "n", "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "9"}}],
                    "Policies": {"PasswordPolicy": {"MinimumLength": 12, "RequireNumbers": false}},
                    "AutoVerifiedAttributes": ["email", "phone_number"], "AliasAttributes": ["a,b"]}"#,
            ),
            &Options::default(),
        );
        let text = &export.text;
        assert!(text.contains("      userPoolName: \"p\",\n"), "{text}");
        assert!(text.contains("        kmsKeyId: \"arn:aws:kms:us-east-1:1:key/k\",\n"), "{text}");
        assert!(text.contains("        customSmsSender: {\n          lambdaVersion: \"V1_0\",\n"), "{text}");
        assert!(text.contains("\"CostCenter\": \"1234\",\n"), "{text}");
        assert!(text.contains("\"a:b c\": \"${x}\",\n"), "{text}");
        assert!(text.contains("\"Ref\": \"y\",\n"), "map keys are not camelCased: {text}");
        assert!(text.contains("stringAttributeConstraints: {\n            minLength: \"0\",\n"), "{text}");
        assert!(text.contains("minimumLength: 12,\n"), "{text}");
        assert!(text.contains("requireNumbers: false,\n"), "{text}");
        assert!(text.contains("autoVerifiedAttributes: [\"email\", \"phone_number\"],\n"), "{text}");
        assert!(text.contains("aliasAttributes: [\"a,b\"],\n"), "{text}");
        assert!(!text.contains("applyRemovalPolicy"));
    }

    #[test]
    fn a_proto_tag_key_stays_a_tag() {
        // `{"__proto__": "x"}` would set the prototype of the tags object and lose the tag.
        let export =
            render(&request(r#"{"PoolName": "p", "UserPoolTags": {"__proto__": "x", "a": "b"}}"#), &Options::default());
        assert!(export.text.contains("        [\"__proto__\"]: \"x\",\n        \"a\": \"b\",\n"), "{}", export.text);
    }

    #[test]
    fn string_literals_are_json_quoted_and_never_template_literals() {
        let awkward = "q\"b\\s$`${x}%{y} #: yes\n\t\u{2028}\u{2029}😀 it's";
        let export = render(
            &Json::Object(vec![
                ("PoolName".into(), Json::str("p")),
                ("EmailVerificationMessage".into(), Json::str(awkward)),
            ]),
            &Options::default(),
        );
        let expected = format!("      emailVerificationMessage: {},\n", json::quote(awkward));
        assert!(export.text.contains(&expected), "{}", export.text);
        assert!(!export.text.contains('\u{2028}') && !export.text.contains('\u{2029}'));
        // A backtick only ever appears inside a double-quoted literal.
        assert_eq!(export.text.matches('`').count(), 1);
    }

    #[test]
    fn retains_the_pool_and_enables_mfa_factors() {
        let export = render(
            &request(
                r#"{"PoolName": "p", "DeletionProtection": "ACTIVE", "MfaConfiguration": "OPTIONAL",
                    "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::1:role/r", "ExternalId": "x"}}"#,
            ),
            &Options { mfa: MfaFactors { sms: true, totp: true, email: true }, ..Options::default() },
        );
        assert!(export.text.contains("this.userPool.applyRemovalPolicy(RemovalPolicy.RETAIN);"));
        assert!(export.text.contains("      enabledMfas: [\"SMS_MFA\", \"SOFTWARE_TOKEN_MFA\", \"EMAIL_OTP\"],\n"));
        assert!(export.notes.iter().any(|n| n.contains("EmailAuthenticationMessage")));
    }

    #[test]
    fn notes_what_it_leaves_out_and_token_lookalikes() {
        let export = render(
            &request(
                r#"{"PoolName": "p", "AcrConfiguration": {"Level1": {"AcrValue": "x"}}, "UserPoolTags": {"k": "${Token[TOKEN.1]}"}}"#,
            ),
            &Options::default(),
        );
        assert!(export.notes.iter().any(|n| n.starts_with("Left out: AcrConfiguration")));
        assert!(export.text.contains("// Left out: AcrConfiguration"));
        assert!(!export.text.contains("acrConfiguration"));
        assert!(export.notes.iter().any(|n| n.contains("${Token[")));
    }

    #[test]
    fn acknowledges_literal_variables_and_imports_only_what_it_uses() {
        let export = render(
            &request(r#"{"PoolName": "p", "EmailVerificationMessage": "${AWS::Region} {####}"}"#),
            &Options::default(),
        );
        assert!(
            export.text.contains("import { App, CfnOutput, Stack, StackProps, Validations } from \"aws-cdk-lib\";"),
            "{}",
            export.text
        );
        assert!(export
            .text
            .contains("Validations.of(this.userPool).acknowledge({\n      id: \"CloudFormation-Validate::E1029\","));
        assert!(export
            .text
            .contains("this.userPool.addMetadata(\"cfn-lint\", { config: { ignore_checks: [\"E1029\"] } });"));
        let export = render(&request(r#"{"PoolName": "p", "DeletionProtection": "ACTIVE"}"#), &Options::default());
        assert!(export
            .text
            .contains("import { App, CfnOutput, RemovalPolicy, Stack, StackProps } from \"aws-cdk-lib\";"));
        assert!(!export.text.contains("Validations"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for request in [Json::Null, Json::Array(vec![Json::Array(vec![Json::Null])]), Json::str("x")] {
            assert!(render(&request, &Options::default())
                .text
                .contains("new CfnUserPool(this, \"UserPool\", {\n    });"));
        }
    }
}
