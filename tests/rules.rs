//! Cross-field rules and lint: for every rule, a request that triggers it (at the right path,
//! with the right severity) and the closest request that does not; plus the checks that keep
//! the rule set honest (every rule has a source, a test, and a message that says what to do),
//! and the valid corpus (realistic requests with zero errors).

use poolsmith::diagnostic::{Severity, Source};
use poolsmith::mfa::MfaFactors;
use poolsmith::request::from_text;
use poolsmith::rules::{self, locked, notes, tier, tier::Tier};
use poolsmith::{model, Diagnostic};

const ROLE: &str = "arn:aws:iam::111122223333:role/sms";
const SES: &str = "arn:aws:ses:us-east-1:111122223333:identity/example.com";

/// A rule case: the rule, where its diagnostic must point, a request that triggers it and the
/// closest one that does not.
struct Case {
    rule: &'static str,
    path: &'static str,
    trigger: String,
    clear: String,
}

fn case(rule: &'static str, path: &'static str, trigger: &str, clear: &str) -> Case {
    let fill = |t: &str| t.replace("$ROLE", ROLE).replace("$SES", SES);
    Case { rule, path, trigger: fill(trigger), clear: fill(clear) }
}

/// The diagnostics of a request. A request may end with ` + mfa LIST` to state its MFA
/// factors beside it (as `--mfa` does); without it, they are what the request alone means.
fn diagnostics(request: &str) -> Vec<Diagnostic> {
    let (request, factors) = match request.split_once(" + mfa ") {
        Some((request, list)) => (request, Some(MfaFactors::parse_list(list).expect("a factor list"))),
        None => (request, None),
    };
    let (mut form, problems) = from_text(request);
    assert!(problems.is_empty(), "test request does not import cleanly: {problems:?}\n{request}");
    if let Some(factors) = factors {
        form.set_mfa(factors);
    }
    poolsmith::diagnostics(&form)
}

fn cases() -> Vec<Case> {
    vec![
        case(
            "mfa.sms-configuration-required",
            "MfaConfiguration",
            r#"{"MfaConfiguration": "ON"}"#,
            r#"{"MfaConfiguration": "ON", "SmsConfiguration": {"SnsCallerArn": "$ROLE"}}"#,
        ),
        case(
            "mfa.sms-configuration-required",
            "MfaConfiguration",
            r#"{"MfaConfiguration": "OPTIONAL"}"#,
            r#"{"MfaConfiguration": "OFF"}"#,
        ),
        case(
            "mfa.sms-configuration-required",
            "MfaConfiguration",
            r#"{"MfaConfiguration": "OPTIONAL"} + mfa sms,totp"#,
            r#"{"MfaConfiguration": "OPTIONAL"} + mfa totp"#,
        ),
        case(
            "mfa.factor-required",
            "MfaConfiguration",
            r#"{"MfaConfiguration": "ON"} + mfa none"#,
            r#"{"MfaConfiguration": "ON"} + mfa totp"#,
        ),
        case(
            "mfa.factor-required",
            "MfaConfiguration",
            r#"{"MfaConfiguration": "OPTIONAL", "SmsConfiguration": {"SnsCallerArn": "$ROLE"}, "AutoVerifiedAttributes": ["phone_number"]} + mfa none"#,
            r#"{"MfaConfiguration": "OPTIONAL", "SmsConfiguration": {"SnsCallerArn": "$ROLE"}, "AutoVerifiedAttributes": ["phone_number"]} + mfa sms"#,
        ),
        case(
            "mfa.email-needs-ses",
            "EmailConfiguration.EmailSendingAccount",
            r#"{"MfaConfiguration": "OPTIONAL"} + mfa email"#,
            r#"{"MfaConfiguration": "OPTIONAL", "EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}} + mfa email"#,
        ),
        case(
            "mfa.email-needs-essentials",
            "UserPoolTier",
            r#"{"UserPoolTier": "LITE", "MfaConfiguration": "OPTIONAL", "EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}} + mfa email"#,
            r#"{"UserPoolTier": "ESSENTIALS", "MfaConfiguration": "OPTIONAL", "EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}} + mfa email"#,
        ),
        case(
            "mfa.factors-while-off",
            "MfaConfiguration",
            r#"{"MfaConfiguration": "OFF"} + mfa totp"#,
            r#"{"MfaConfiguration": "OPTIONAL"} + mfa totp"#,
        ),
        case(
            "mfa.optional-with-threat-protection",
            "MfaConfiguration",
            r#"{"UserPoolTier": "PLUS", "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"}}"#,
            r#"{"UserPoolTier": "PLUS", "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"}, "MfaConfiguration": "OPTIONAL", "SmsConfiguration": {"SnsCallerArn": "$ROLE"}}"#,
        ),
        case(
            "mfa.phone-auto-verification",
            "AutoVerifiedAttributes",
            r#"{"MfaConfiguration": "ON", "SmsConfiguration": {"SnsCallerArn": "$ROLE"}, "AutoVerifiedAttributes": ["email"]}"#,
            r#"{"MfaConfiguration": "ON", "SmsConfiguration": {"SnsCallerArn": "$ROLE"}, "AutoVerifiedAttributes": ["email", "phone_number"]}"#,
        ),
        case(
            "mfa.phone-verification-needs-sms",
            "SmsConfiguration",
            r#"{"AutoVerifiedAttributes": ["phone_number"]}"#,
            r#"{"AutoVerifiedAttributes": ["phone_number"], "SmsConfiguration": {"SnsCallerArn": "$ROLE"}}"#,
        ),
        case(
            "plan.feature-not-in-plan",
            "UserPoolAddOns.AdvancedSecurityMode",
            r#"{"UserPoolAddOns": {"AdvancedSecurityMode": "AUDIT"}}"#,
            r#"{"UserPoolAddOns": {"AdvancedSecurityMode": "OFF"}}"#,
        ),
        case(
            "plan.feature-not-in-plan",
            "UserPoolAddOns.AdvancedSecurityMode",
            r#"{"UserPoolTier": "ESSENTIALS", "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"}}"#,
            r#"{"UserPoolTier": "PLUS", "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"}}"#,
        ),
        case(
            "plan.feature-not-in-plan",
            "UserPoolAddOns.AdvancedSecurityAdditionalFlows",
            r#"{"UserPoolAddOns": {"AdvancedSecurityMode": "OFF", "AdvancedSecurityAdditionalFlows": {"CustomAuthMode": "AUDIT"}}}"#,
            r#"{"UserPoolTier": "PLUS", "UserPoolAddOns": {"AdvancedSecurityMode": "OFF", "AdvancedSecurityAdditionalFlows": {"CustomAuthMode": "AUDIT"}}}"#,
        ),
        case(
            "plan.feature-not-in-plan",
            "Policies.SignInPolicy",
            r#"{"UserPoolTier": "LITE", "Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]}}}"#,
            r#"{"Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]}}}"#,
        ),
        case(
            "plan.feature-not-in-plan",
            "DcrConfiguration",
            r#"{"UserPoolTier": "LITE", "DcrConfiguration": {"EnableStatus": "Enabled"}}"#,
            r#"{"UserPoolTier": "ESSENTIALS", "DcrConfiguration": {"EnableStatus": "Enabled"}}"#,
        ),
        case(
            "plan.feature-not-in-plan",
            "AcrConfiguration",
            r#"{"UserPoolTier": "LITE", "AcrConfiguration": {"Level1": {"AcrValue": "low"}}}"#,
            r#"{"UserPoolTier": "PLUS", "AcrConfiguration": {"Level1": {"AcrValue": "low"}}}"#,
        ),
        case(
            "plan.feature-not-in-plan",
            "LambdaConfig.PreTokenGenerationConfig.LambdaVersion",
            r#"{"UserPoolTier": "LITE", "LambdaConfig": {"PreTokenGenerationConfig": {"LambdaVersion": "V2_0", "LambdaArn": "arn:aws:lambda:us-east-1:111122223333:function:t"}}}"#,
            r#"{"UserPoolTier": "LITE", "LambdaConfig": {"PreTokenGenerationConfig": {"LambdaVersion": "V1_0", "LambdaArn": "arn:aws:lambda:us-east-1:111122223333:function:t"}}}"#,
        ),
        case(
            "plan.feature-not-in-plan",
            "Policies.PasswordPolicy.PasswordHistorySize",
            r#"{"UserPoolTier": "LITE", "Policies": {"PasswordPolicy": {"PasswordHistorySize": 5}}}"#,
            r#"{"UserPoolTier": "LITE", "Policies": {"PasswordPolicy": {"PasswordHistorySize": 0}}}"#,
        ),
        case(
            "sign-in.alias-or-username",
            "AliasAttributes",
            r#"{"AliasAttributes": ["email"], "UsernameAttributes": ["phone_number"]}"#,
            r#"{"AliasAttributes": ["email"]}"#,
        ),
        case(
            "sign-in.software-token-first-factor",
            "Policies.SignInPolicy.AllowedFirstAuthFactors",
            r#"{"Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "SOFTWARE_TOKEN"]}}}"#,
            r#"{"Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]}}}"#,
        ),
        case(
            "sign-in.password-first-factor",
            "Policies.SignInPolicy.AllowedFirstAuthFactors",
            r#"{"Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["WEB_AUTHN"]}}}"#,
            r#"{"Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}}}"#,
        ),
        case(
            "sign-in.otp-delivery",
            "Policies.SignInPolicy.AllowedFirstAuthFactors",
            r#"{"Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}}}"#,
            r#"{"Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}}, "EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}}"#,
        ),
        case(
            "sign-in.otp-delivery",
            "Policies.SignInPolicy.AllowedFirstAuthFactors",
            r#"{"Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "SMS_OTP"]}}}"#,
            r#"{"Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "SMS_OTP"]}}, "SmsConfiguration": {"SnsCallerArn": "$ROLE"}}"#,
        ),
        case(
            "sign-in.preferred-username-required-alias",
            "Schema[0].Required",
            r#"{"AliasAttributes": ["preferred_username"], "Schema": [{"Name": "preferred_username", "AttributeDataType": "String", "Required": true}]}"#,
            r#"{"AliasAttributes": ["preferred_username"], "Schema": [{"Name": "preferred_username", "AttributeDataType": "String", "Required": false}]}"#,
        ),
        case(
            "lists.duplicate-value",
            "AutoVerifiedAttributes[1]",
            r#"{"AutoVerifiedAttributes": ["email", "email"]}"#,
            r#"{"AutoVerifiedAttributes": ["email"]}"#,
        ),
        case(
            "messages.email-option-bodies",
            "VerificationMessageTemplate.EmailMessage",
            r#"{"EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}, "VerificationMessageTemplate": {"EmailMessage": "Code {####}", "EmailMessageByLink": "Go {##here##}", "DefaultEmailOption": "CONFIRM_WITH_LINK"}}"#,
            r#"{"EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}, "VerificationMessageTemplate": {"EmailMessageByLink": "Go {##here##}", "DefaultEmailOption": "CONFIRM_WITH_LINK"}}"#,
        ),
        case(
            "messages.unused-email-body",
            "VerificationMessageTemplate.EmailMessage",
            r#"{"EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}, "VerificationMessageTemplate": {"EmailMessage": "Code {####}", "DefaultEmailOption": "CONFIRM_WITH_LINK"}}"#,
            r#"{"EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}, "VerificationMessageTemplate": {"EmailMessage": "Code {####}", "DefaultEmailOption": "CONFIRM_WITH_CODE"}}"#,
        ),
        case(
            "messages.unused-email-body",
            "VerificationMessageTemplate.EmailMessageByLink",
            r#"{"EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}, "VerificationMessageTemplate": {"EmailMessageByLink": "Go {##here##}"}}"#,
            r#"{"EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}, "VerificationMessageTemplate": {"EmailMessageByLink": "Go {##here##}", "DefaultEmailOption": "CONFIRM_WITH_LINK"}}"#,
        ),
        case(
            "messages.email-template-needs-ses",
            "VerificationMessageTemplate.EmailMessage",
            r#"{"VerificationMessageTemplate": {"EmailMessage": "Code {####}"}}"#,
            r#"{"VerificationMessageTemplate": {"EmailMessage": "Code {####}"}, "EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}}"#,
        ),
        case(
            "messages.invitation-placeholders",
            "AdminCreateUserConfig.InviteMessageTemplate.SMSMessage",
            r#"{"AdminCreateUserConfig": {"InviteMessageTemplate": {"SMSMessage": "Your password is {####}"}}}"#,
            r#"{"AdminCreateUserConfig": {"InviteMessageTemplate": {"SMSMessage": "User {username}, password {####}"}}}"#,
        ),
        case(
            "messages.username-in-verification",
            "VerificationMessageTemplate.SmsMessage",
            r#"{"VerificationMessageTemplate": {"SmsMessage": "Hi {username}: {####}"}}"#,
            r#"{"VerificationMessageTemplate": {"SmsMessage": "Hi there: {####}"}}"#,
        ),
        case(
            "messages.trigger-replaces-templates",
            "VerificationMessageTemplate.SmsMessage",
            r#"{"LambdaConfig": {"CustomMessage": "arn:aws:lambda:us-east-1:111122223333:function:m"}, "VerificationMessageTemplate": {"SmsMessage": "Code {####}"}}"#,
            r#"{"VerificationMessageTemplate": {"SmsMessage": "Code {####}"}}"#,
        ),
        case(
            "passwords.temporary-validity-conflict",
            "AdminCreateUserConfig.UnusedAccountValidityDays",
            r#"{"AdminCreateUserConfig": {"UnusedAccountValidityDays": 7}, "Policies": {"PasswordPolicy": {"TemporaryPasswordValidityDays": 7}}}"#,
            r#"{"Policies": {"PasswordPolicy": {"TemporaryPasswordValidityDays": 7}}}"#,
        ),
        case(
            "passwords.zero-validity-means-default",
            "Policies.PasswordPolicy.TemporaryPasswordValidityDays",
            r#"{"Policies": {"PasswordPolicy": {"TemporaryPasswordValidityDays": 0}}}"#,
            r#"{"Policies": {"PasswordPolicy": {"TemporaryPasswordValidityDays": 7}}}"#,
        ),
        case(
            "lambda.pre-token-arns-differ",
            "LambdaConfig.PreTokenGeneration",
            r#"{"LambdaConfig": {"PreTokenGeneration": "arn:aws:lambda:us-east-1:111122223333:function:a", "PreTokenGenerationConfig": {"LambdaVersion": "V1_0", "LambdaArn": "arn:aws:lambda:us-east-1:111122223333:function:b"}}}"#,
            r#"{"LambdaConfig": {"PreTokenGeneration": "arn:aws:lambda:us-east-1:111122223333:function:a", "PreTokenGenerationConfig": {"LambdaVersion": "V1_0", "LambdaArn": "arn:aws:lambda:us-east-1:111122223333:function:a"}}}"#,
        ),
        case(
            "lambda.custom-sender-needs-kms-key",
            "LambdaConfig.KMSKeyID",
            r#"{"LambdaConfig": {"CustomSMSSender": {"LambdaVersion": "V1_0", "LambdaArn": "arn:aws:lambda:us-east-1:111122223333:function:s"}}}"#,
            r#"{"LambdaConfig": {"CustomSMSSender": {"LambdaVersion": "V1_0", "LambdaArn": "arn:aws:lambda:us-east-1:111122223333:function:s"}, "KMSKeyID": "arn:aws:kms:us-east-1:111122223333:key/abc"}}"#,
        ),
        case(
            "arn.wrong-service",
            "LambdaConfig.PreSignUp",
            r#"{"LambdaConfig": {"PreSignUp": "arn:aws:kms:us-east-1:111122223333:key/abcd"}}"#,
            r#"{"LambdaConfig": {"PreSignUp": "arn:aws:lambda:us-east-1:111122223333:function:abcd"}}"#,
        ),
        case(
            "arn.wrong-service",
            "SmsConfiguration.SnsCallerArn",
            r#"{"SmsConfiguration": {"SnsCallerArn": "arn:aws:sns:us-east-1:111122223333:topic"}}"#,
            r#"{"SmsConfiguration": {"SnsCallerArn": "$ROLE"}}"#,
        ),
        case(
            "email.ses-needs-source-arn",
            "EmailConfiguration.SourceArn",
            r#"{"EmailConfiguration": {"EmailSendingAccount": "DEVELOPER"}}"#,
            r#"{"EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}}"#,
        ),
        case(
            "email.from-needs-ses",
            "EmailConfiguration.From",
            r#"{"EmailConfiguration": {"From": "no-reply@example.com"}}"#,
            r#"{"EmailConfiguration": {"From": "no-reply@example.com", "EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}}"#,
        ),
        case(
            "email.from-format",
            "EmailConfiguration.From",
            r#"{"EmailConfiguration": {"From": "Support Team", "EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}}"#,
            r#"{"EmailConfiguration": {"From": "Support Team <support@example.com>", "EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}}"#,
        ),
        case(
            "email.configuration-set-needs-ses",
            "EmailConfiguration.ConfigurationSet",
            r#"{"EmailConfiguration": {"ConfigurationSet": "set1"}}"#,
            r#"{"EmailConfiguration": {"ConfigurationSet": "set1", "EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}}"#,
        ),
        case(
            "email.source-arn-region",
            "EmailConfiguration.SourceArn",
            r#"{"EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "arn:aws:ses:eu-west-1:111122223333:identity/example.com"}, "LambdaConfig": {"PreSignUp": "arn:aws:lambda:us-east-1:111122223333:function:p"}}"#,
            r#"{"EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}, "LambdaConfig": {"PreSignUp": "arn:aws:lambda:us-east-1:111122223333:function:p"}}"#,
        ),
        case(
            "sms.sns-or-eums",
            "SmsConfiguration.EumsSms",
            r#"{"SmsConfiguration": {"SnsCallerArn": "$ROLE", "EumsSms": {"CallerArn": "$ROLE"}}}"#,
            r#"{"SmsConfiguration": {"EumsSms": {"CallerArn": "$ROLE"}}}"#,
        ),
        case(
            "sms.sns-or-eums",
            "SmsConfiguration.SnsCallerArn",
            r#"{"SmsConfiguration": {"ExternalId": "x"}}"#,
            r#"{"SmsConfiguration": {"ExternalId": "x", "SnsCallerArn": "$ROLE"}}"#,
        ),
        case(
            "sms.origination-identity-format",
            "SmsConfiguration.EumsSms.OriginationIdentity",
            r#"{"SmsConfiguration": {"EumsSms": {"CallerArn": "$ROLE", "OriginationIdentity": "12065550100"}}}"#,
            r#"{"SmsConfiguration": {"EumsSms": {"CallerArn": "$ROLE", "OriginationIdentity": "+12065550100"}}}"#,
        ),
        case(
            "sms.india-dlt-pair",
            "SmsConfiguration.EumsSms.InTemplateId",
            r#"{"SmsConfiguration": {"EumsSms": {"CallerArn": "$ROLE", "InEntityId": "1101"}}}"#,
            r#"{"SmsConfiguration": {"EumsSms": {"CallerArn": "$ROLE", "InEntityId": "1101", "InTemplateId": "1107"}}}"#,
        ),
        case(
            "sms.region",
            "SmsConfiguration.SnsRegion",
            r#"{"SmsConfiguration": {"SnsCallerArn": "$ROLE", "SnsRegion": "ap-northeast-2"}}"#,
            r#"{"SmsConfiguration": {"SnsCallerArn": "$ROLE", "SnsRegion": "ap-northeast-1"}}"#,
        ),
        case(
            "sms.region",
            "SmsConfiguration.EumsSms.Region",
            r#"{"SmsConfiguration": {"EumsSms": {"CallerArn": "$ROLE", "Region": "useast1"}}}"#,
            r#"{"SmsConfiguration": {"EumsSms": {"CallerArn": "$ROLE", "Region": "us-east-1"}}}"#,
        ),
        case(
            "schema.name-required",
            "Schema[0].Name",
            r#"{"Schema": [{"AttributeDataType": "String"}]}"#,
            r#"{"Schema": [{"Name": "dept", "AttributeDataType": "String"}]}"#,
        ),
        case(
            "schema.name-prefix",
            "Schema[0].Name",
            r#"{"Schema": [{"Name": "custom:dept", "AttributeDataType": "String"}]}"#,
            r#"{"Schema": [{"Name": "dept", "AttributeDataType": "String"}]}"#,
        ),
        case(
            "schema.verified-flags",
            "Schema[0].Name",
            r#"{"Schema": [{"Name": "email_verified", "AttributeDataType": "Boolean"}]}"#,
            r#"{"Schema": [{"Name": "email", "AttributeDataType": "String"}]}"#,
        ),
        case(
            "schema.duplicate-name",
            "Schema[1].Name",
            r#"{"Schema": [{"Name": "dept", "AttributeDataType": "String"}, {"Name": "dept", "AttributeDataType": "Number"}]}"#,
            r#"{"Schema": [{"Name": "dept", "AttributeDataType": "String"}, {"Name": "seat", "AttributeDataType": "Number"}]}"#,
        ),
        case(
            "schema.custom-required",
            "Schema[0].Required",
            r#"{"Schema": [{"Name": "dept", "AttributeDataType": "String", "Required": true}]}"#,
            r#"{"Schema": [{"Name": "dept", "AttributeDataType": "String", "Required": false}]}"#,
        ),
        case(
            "schema.custom-type-required",
            "Schema[0].AttributeDataType",
            r#"{"Schema": [{"Name": "dept"}]}"#,
            r#"{"Schema": [{"Name": "email"}]}"#,
        ),
        case(
            "schema.standard-attribute-type",
            "Schema[0].AttributeDataType",
            r#"{"Schema": [{"Name": "email", "AttributeDataType": "Number"}]}"#,
            r#"{"Schema": [{"Name": "email", "AttributeDataType": "String"}]}"#,
        ),
        case(
            "schema.standard-attribute-type",
            "Schema[0].DeveloperOnlyAttribute",
            r#"{"Schema": [{"Name": "email", "DeveloperOnlyAttribute": true}]}"#,
            r#"{"Schema": [{"Name": "email", "DeveloperOnlyAttribute": false}]}"#,
        ),
        case(
            "schema.constraints-kind",
            "Schema[0].NumberAttributeConstraints",
            r#"{"Schema": [{"Name": "dept", "AttributeDataType": "String", "NumberAttributeConstraints": {"MinValue": "1"}}]}"#,
            r#"{"Schema": [{"Name": "dept", "AttributeDataType": "Number", "NumberAttributeConstraints": {"MinValue": "1"}}]}"#,
        ),
        case(
            "schema.constraints-values",
            "Schema[0].StringAttributeConstraints.MaxLength",
            r#"{"Schema": [{"Name": "dept", "AttributeDataType": "String", "StringAttributeConstraints": {"MaxLength": "4096"}}]}"#,
            r#"{"Schema": [{"Name": "dept", "AttributeDataType": "String", "StringAttributeConstraints": {"MaxLength": "2048"}}]}"#,
        ),
        case(
            "schema.constraints-values",
            "Schema[0].StringAttributeConstraints.MinLength",
            r#"{"Schema": [{"Name": "dept", "AttributeDataType": "String", "StringAttributeConstraints": {"MinLength": "10", "MaxLength": "5"}}]}"#,
            r#"{"Schema": [{"Name": "dept", "AttributeDataType": "String", "StringAttributeConstraints": {"MinLength": "5", "MaxLength": "10"}}]}"#,
        ),
        case(
            "schema.constraints-values",
            "Schema[0].NumberAttributeConstraints.MaxValue",
            r#"{"Schema": [{"Name": "age", "AttributeDataType": "Number", "NumberAttributeConstraints": {"MaxValue": "a lot"}}]}"#,
            r#"{"Schema": [{"Name": "age", "AttributeDataType": "Number", "NumberAttributeConstraints": {"MaxValue": "150"}}]}"#,
        ),
        case(
            "schema.developer-only",
            "Schema[0].DeveloperOnlyAttribute",
            r#"{"Schema": [{"Name": "legacy", "AttributeDataType": "String", "DeveloperOnlyAttribute": true}]}"#,
            r#"{"Schema": [{"Name": "legacy", "AttributeDataType": "String", "DeveloperOnlyAttribute": false}]}"#,
        ),
        case(
            "recovery.distinct-mechanisms",
            "AccountRecoverySetting.RecoveryMechanisms[1].Priority",
            r#"{"AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}, {"Priority": 1, "Name": "verified_phone_number"}]}}"#,
            r#"{"AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}, {"Priority": 2, "Name": "verified_phone_number"}]}}"#,
        ),
        case(
            "recovery.distinct-mechanisms",
            "AccountRecoverySetting.RecoveryMechanisms[1].Name",
            r#"{"AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}, {"Priority": 2, "Name": "admin_only"}]}}"#,
            r#"{"AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "admin_only"}]}}"#,
        ),
        case(
            "recovery.sms-with-sms-mfa",
            "AccountRecoverySetting.RecoveryMechanisms[0].Name",
            r#"{"MfaConfiguration": "ON", "SmsConfiguration": {"SnsCallerArn": "$ROLE"}, "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_phone_number"}]}}"#,
            r#"{"MfaConfiguration": "ON", "SmsConfiguration": {"SnsCallerArn": "$ROLE"}, "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_phone_number"}, {"Priority": 2, "Name": "verified_email"}]}}"#,
        ),
        case(
            "devices.any-field-turns-on",
            "DeviceConfiguration",
            r#"{"DeviceConfiguration": {"ChallengeRequiredOnNewDevice": false}}"#,
            r#"{"DeviceConfiguration": {"ChallengeRequiredOnNewDevice": true}}"#,
        ),
        case(
            "updates.verify-before-update-needs-auto-verify",
            "UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate",
            r#"{"UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": ["email"]}}"#,
            r#"{"AutoVerifiedAttributes": ["email"], "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": ["email"]}}"#,
        ),
        case(
            "keys.customer-managed-needs-arn",
            "KeyConfiguration.KmsKeyArn",
            r#"{"KeyConfiguration": {"KeyType": "CUSTOMER_MANAGED_KEY"}}"#,
            r#"{"KeyConfiguration": {"KeyType": "CUSTOMER_MANAGED_KEY", "KmsKeyArn": "arn:aws:kms:us-east-1:111122223333:key/abc"}}"#,
        ),
        case(
            "acr.unique-names",
            "AcrConfiguration{Level1}.AcrValue",
            r#"{"AcrConfiguration": {"Level1": {"AcrValue": "urn:cognito:loa:2"}}}"#,
            r#"{"AcrConfiguration": {"Level1": {"AcrValue": "urn:example:low"}}}"#,
        ),
        case(
            "acr.unique-names",
            "AcrConfiguration{Level3}.AcrValue",
            r#"{"AcrConfiguration": {"Level1": {"AcrValue": "same"}, "Level3": {"AcrValue": "same"}}}"#,
            r#"{"AcrConfiguration": {"Level1": {"AcrValue": "same"}, "Level3": {"AcrValue": "other"}}}"#,
        ),
        case(
            "dcr.settings",
            "DcrConfiguration.AuthenticatedGrantTypes",
            r#"{"DcrConfiguration": {"AuthenticatedGrantTypes": []}}"#,
            r#"{"DcrConfiguration": {"AuthenticatedGrantTypes": ["code"]}}"#,
        ),
        case(
            "dcr.settings",
            "DcrConfiguration.AllowedScopes",
            r#"{"DcrConfiguration": {"AllowedScopes": ["aws.cognito/dcr/register"]}}"#,
            r#"{"DcrConfiguration": {"AllowedScopes": ["orders/read"]}}"#,
        ),
        case(
            "dcr.settings",
            "DcrConfiguration.OpenDcrGrantTypes",
            r#"{"DcrConfiguration": {"OpenDcrEnabled": true, "OpenDcrGrantTypes": ["code", "client_credentials"]}}"#,
            r#"{"DcrConfiguration": {"OpenDcrEnabled": true, "OpenDcrGrantTypes": ["code"]}}"#,
        ),
        case(
            "tags.reserved-prefix",
            "UserPoolTags{aws:owner}@key",
            r#"{"UserPoolTags": {"aws:owner": "me"}}"#,
            r#"{"UserPoolTags": {"owner": "me"}}"#,
        ),
        case(
            "tags.characters",
            "UserPoolTags{cost*center}@key",
            r#"{"UserPoolTags": {"cost*center": "1"}}"#,
            r#"{"UserPoolTags": {"cost-center": "1"}}"#,
        ),
        case(
            "lint.mfa-off",
            "MfaConfiguration",
            r#"{"MfaConfiguration": "OFF"}"#,
            r#"{"MfaConfiguration": "OPTIONAL", "SmsConfiguration": {"SnsCallerArn": "$ROLE"}}"#,
        ),
        case(
            "lint.password-length",
            "Policies.PasswordPolicy.MinimumLength",
            r#"{"Policies": {"PasswordPolicy": {"MinimumLength": 8}}}"#,
            r#"{"Policies": {"PasswordPolicy": {"MinimumLength": 10}}}"#,
        ),
        case(
            "lint.password-character-classes",
            "Policies.PasswordPolicy",
            r#"{"Policies": {"PasswordPolicy": {"MinimumLength": 12, "RequireUppercase": true}}}"#,
            r#"{"Policies": {"PasswordPolicy": {"MinimumLength": 12, "RequireUppercase": true, "RequireLowercase": true, "RequireNumbers": true, "RequireSymbols": true}}}"#,
        ),
        case(
            "lint.case-sensitive-usernames",
            "UsernameConfiguration.CaseSensitive",
            r#"{"UsernameConfiguration": {"CaseSensitive": true}}"#,
            r#"{"UsernameConfiguration": {"CaseSensitive": false}}"#,
        ),
        case(
            "lint.deletion-protection",
            "DeletionProtection",
            r#"{"DeletionProtection": "INACTIVE"}"#,
            r#"{"DeletionProtection": "ACTIVE"}"#,
        ),
        case(
            "lint.threat-protection-enforced",
            "UserPoolAddOns.AdvancedSecurityMode",
            r#"{"UserPoolTier": "PLUS", "UserPoolAddOns": {"AdvancedSecurityMode": "AUDIT"}}"#,
            r#"{"UserPoolTier": "PLUS", "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"}}"#,
        ),
        case(
            "lint.default-email-quota",
            "EmailConfiguration.EmailSendingAccount",
            r#"{"UsernameAttributes": ["email"]}"#,
            r#"{"UsernameAttributes": ["email"], "EmailConfiguration": {"EmailSendingAccount": "DEVELOPER", "SourceArn": "$SES"}}"#,
        ),
        case(
            "lint.deprecated-field",
            "SmsVerificationMessage",
            r#"{"SmsVerificationMessage": "Code {####}"}"#,
            r#"{"VerificationMessageTemplate": {"SmsMessage": "Code {####}"}}"#,
        ),
        case(
            "lint.mutable-custom-attribute",
            "Schema[0].Mutable",
            r#"{"Schema": [{"Name": "tenant", "AttributeDataType": "String"}]}"#,
            r#"{"Schema": [{"Name": "tenant", "AttributeDataType": "String", "Mutable": false}]}"#,
        ),
    ]
}

#[test]
fn every_rule_fires_on_its_trigger_and_not_on_the_closest_clean_request() {
    for case in cases() {
        let rule = rules::by_id(case.rule).unwrap_or_else(|| panic!("no rule {}", case.rule));
        let found = diagnostics(&case.trigger);
        let hit = found.iter().find(|d| d.rule == case.rule && d.paths[0].to_string() == case.path);
        let hit = hit.unwrap_or_else(|| {
            let got: Vec<String> = found.iter().map(|d| format!("{} @ {}", d.rule, d.paths[0])).collect();
            panic!("{} did not fire at {} for {}\ngot: {got:#?}", case.rule, case.path, case.trigger)
        });
        assert_eq!(hit.severity, rule.severity, "{}", case.rule);
        let clean = diagnostics(&case.clear);
        assert!(
            !clean.iter().any(|d| d.rule == case.rule && d.paths[0].to_string() == case.path),
            "{} fired on the clean request {}",
            case.rule,
            case.clear
        );
    }
}

#[test]
fn tag_count_is_limited_to_50() {
    let tags = |n: usize| {
        let body: Vec<String> = (0..n).map(|i| format!("\"k{i}\": \"v\"")).collect();
        format!("{{\"UserPoolTags\": {{{}}}}}", body.join(", "))
    };
    assert!(diagnostics(&tags(51))
        .iter()
        .any(|d| d.rule == "tags.too-many" && d.paths[0].to_string() == "UserPoolTags"));
    assert!(!diagnostics(&tags(50)).iter().any(|d| d.rule == "tags.too-many"));
}

#[test]
fn every_rule_has_a_source_a_test_and_a_message_that_says_what_to_do() {
    let mut ids = std::collections::BTreeSet::new();
    let tested: Vec<&str> = cases().iter().map(|c| c.rule).chain(["tags.too-many"]).collect();
    for rule in rules::all() {
        assert!(ids.insert(rule.id), "duplicate rule id {}", rule.id);
        assert!(!rule.sources.is_empty(), "{} has no source", rule.id);
        assert!(!rule.refs.is_empty(), "{} names no research item", rule.id);
        assert!(tested.contains(&rule.id), "{} has no test case", rule.id);
    }
    // The message of every triggered rule names a fix, in the imperative, after the problem.
    const FIXES: [&str; 19] = [
        "add", "remove", "set", "use", "enter", "choose", "select", "give", "keep", "make", "move", "copy", "rename",
        "turn", "change", "check", "send", "include", "leave",
    ];
    for case in cases() {
        for d in diagnostics(&case.trigger).iter().filter(|d| d.rule == case.rule) {
            let lower = d.message.to_lowercase();
            let has_fix = FIXES.iter().any(|verb| {
                lower.starts_with(&format!("{verb} "))
                    || lower.contains(&format!(": {verb} "))
                    || lower.contains(&format!(", {verb} "))
                    || lower.contains(&format!("or {verb} "))
            });
            assert!(has_fix, "{}: message does not say what to do: {}", d.rule, d.message);
            assert!(!lower.contains("invalid"), "{}: say what is wrong, not “invalid”: {}", d.rule, d.message);
        }
    }
}

/// Plain text of a model doc with whitespace collapsed, for quote checks.
fn doc_text(path: &str) -> String {
    let field = model::by_path(path).unwrap_or_else(|| panic!("{path} is not a model path"));
    field.doc_text().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_doc_quote_is_in_the_model() {
    let mut sources: Vec<Source> = rules::all().flat_map(|r| r.sources.iter().copied()).collect();
    sources.extend(tier::REQUIREMENTS.iter().map(|r| r.source));
    sources.extend(locked::LOCKED.iter().map(|f| f.source));
    sources.extend(notes::NOTES.iter().map(|n| n.source));
    let mut checked = 0;
    for source in sources {
        if let Source::Doc(path, quote) = source {
            let quote: String = quote.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(doc_text(path).contains(&quote), "not in the model doc of {path}: “{quote}”");
            checked += 1;
        }
    }
    assert!(checked >= 50, "only {checked} quotes checked");
}

#[test]
fn the_research_inventory_is_fully_accounted_for() {
    let ids: Vec<&str> = notes::RESEARCH.iter().map(|(id, _)| *id).collect();
    for n in 1..=51 {
        assert!(ids.contains(&format!("R{n}").as_str()), "R{n} missing");
    }
    for n in 1..=21 {
        assert!(ids.contains(&format!("W{n}").as_str()), "W{n} missing");
    }
    assert_eq!(ids.len(), 72);
    for (id, handling) in notes::RESEARCH {
        match handling {
            notes::Handling::Rules(rule_ids) => {
                for rule in rule_ids {
                    let rule = rules::by_id(rule).unwrap_or_else(|| panic!("{id}: no rule {rule}"));
                    assert!(rule.refs.contains(&id), "{} should list {id} in its refs", rule.id);
                }
            }
            notes::Handling::Note(path) => {
                assert!(notes::for_path(path).next().is_some(), "{id}: no note on {path}")
            }
            notes::Handling::Model(why) => assert!(!why.is_empty()),
            notes::Handling::Locked => {}
        }
    }
    for note in notes::NOTES.iter() {
        assert!(model::by_path(note.path).is_some(), "note on unknown path {}", note.path);
    }
}

#[test]
fn the_realistic_corpus_has_no_errors() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/realistic");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the corpus needs at least 20 requests, has {}", files.len());
    let mut rules_warned = std::collections::BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let (mut form, problems) = from_text(&text);
        assert!(problems.is_empty(), "{}: {problems:?}", file.display());
        // NAME.mfa beside a request states its factors, as `poolsmith check --mfa LIST` would.
        if let Ok(list) = std::fs::read_to_string(file.with_extension("mfa")) {
            let stated = MfaFactors::parse_list(list.trim()).expect("a factor list");
            form.set_mfa(MfaFactors::stated_for(&poolsmith::json::parse(&text).unwrap().0, stated));
        }
        let all = poolsmith::diagnostics(&form);
        let errors: Vec<_> = all.iter().filter(|d| d.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        rules_warned.extend(all.iter().map(|d| d.rule));
    }
    assert!(rules_warned.len() >= 5, "the corpus should still meet some best-practice warnings");
}

#[test]
fn feature_plans_are_computed_from_the_request() {
    let form = |t: &str| from_text(t).0;
    assert_eq!(tier::min_tier(&form(r#"{"PoolName": "p"}"#)), Tier::Lite);
    assert_eq!(tier::min_tier(&form(r#"{"DcrConfiguration": {}}"#)), Tier::Essentials);
    assert_eq!(tier::min_tier(&form(r#"{"UserPoolAddOns": {"AdvancedSecurityMode": "OFF"}}"#)), Tier::Lite);
    assert_eq!(
        tier::min_tier(&form(r#"{"UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"}, "DcrConfiguration": {}}"#)),
        Tier::Plus
    );
    assert_eq!(tier::badge("UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode"), Some(Tier::Plus));
    assert_eq!(tier::badge("Policies.SignInPolicy.AllowedFirstAuthFactors"), Some(Tier::Essentials));
    assert_eq!(tier::badge("PoolName"), None);
    for requirement in tier::REQUIREMENTS.iter() {
        assert!(model::by_path(requirement.path).is_some(), "{}", requirement.path);
    }
}

#[test]
fn locked_facts_are_queryable_and_listed_for_the_checklist() {
    assert!(locked::fact("UsernameConfiguration.CaseSensitive").is_some());
    assert!(locked::fact("Schema[].Required").unwrap().what.contains("required"));
    assert!(locked::fact("Schema[].Name").is_some());
    assert!(locked::fact("MfaConfiguration").is_none());
    let (form, _) = from_text(
        r#"{"UsernameAttributes": ["email"], "UsernameConfiguration": {"CaseSensitive": false},
            "Schema": [{"Name": "email", "Required": true}, {"Name": "tenant", "AttributeDataType": "String", "Mutable": false}]}"#,
    );
    let choices: Vec<String> = locked::choices(&form).into_iter().map(|c| c.choice).collect();
    assert_eq!(
        choices,
        [
            "Users sign in with their email as the username.",
            "Usernames are case-insensitive.",
            "Required at sign-up: email.",
            "custom:tenant: String, cannot be changed after sign-up; it can never be removed.",
        ]
    );
    let (empty, _) = from_text("{}");
    let choices: Vec<String> = locked::choices(&empty).into_iter().map(|c| c.choice).collect();
    assert!(choices[1].contains("case-sensitive"), "leaving it out is a choice too: {choices:?}");
}

#[test]
fn defaults_per_target_are_valid_values_and_differences_are_found() {
    for default in rules::defaults::DEFAULTS.iter() {
        let field = model::by_path(default.path).unwrap_or_else(|| panic!("{}", default.path));
        for value in
            [Some(default.api), Some(default.cloudformation), default.terraform, default.console].into_iter().flatten()
        {
            assert!(
                poolsmith::validate::scalar_problem(field, value).is_none(),
                "{}: {value} is not a valid value",
                default.path
            );
        }
    }
    let (form, _) = from_text(r#"{"DeletionProtection": "ACTIVE", "MfaConfiguration": "OFF", "UserPoolTier": "PLUS"}"#);
    let differing: Vec<String> = rules::defaults::differences(&form).iter().map(|d| d.path.to_string()).collect();
    assert_eq!(differing, ["UserPoolTier", "DeletionProtection"]);
}

#[test]
fn check_reports_errors_first_sorted_by_path_with_sources_in_json() {
    let request = r#"{"MfaConfiguration": "ON", "AliasAttributes": ["email"], "UsernameAttributes": ["email"], "DeletionProtection": "INACTIVE"}"#;
    let all = diagnostics(request);
    let first_warning = all.iter().position(|d| d.severity == Severity::Warning).unwrap();
    assert!(all[..first_warning].iter().all(|d| d.severity == Severity::Error));
    assert!(all[first_warning..].iter().all(|d| d.severity == Severity::Warning));
    let error_paths: Vec<String> = all[..first_warning].iter().map(|d| d.paths[0].to_string()).collect();
    let mut sorted = error_paths.clone();
    sorted.sort();
    assert_eq!(error_paths, sorted);
    let mfa = all.iter().find(|d| d.rule == "mfa.sms-configuration-required").unwrap();
    let json = mfa.to_json(true).compact();
    assert!(json.contains("\"sources\":[\"AWS API reference,"), "{json}");
}
