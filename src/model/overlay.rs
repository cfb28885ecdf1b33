//! UI-only facts about fields, written by hand and keyed by model path: friendlier labels,
//! nouns for list items, deprecation notes and plain-language descriptions of the model's
//! patterns. The model's own constraints and help text are never restated here.

use super::Field;

/// Words that stay upper case in labels (`SmsConfiguration` → "SMS configuration").
const ACRONYMS: [(&str, &str); 14] = [
    ("Sms", "SMS"),
    ("Mfa", "MFA"),
    ("Arn", "ARN"),
    ("Kms", "KMS"),
    ("Sns", "SNS"),
    ("Ses", "SES"),
    ("Dcr", "DCR"),
    ("Acr", "ACR"),
    ("Eums", "EUMS"),
    ("Id", "ID"),
    ("Url", "URL"),
    ("Otp", "OTP"),
    ("Lambda", "Lambda"),
    ("Cognito", "Cognito"),
];

/// Labels that humanising the member name would get wrong or leave unclear.
const LABELS: [(&str, &str); 32] = [
    ("Policies", "Policies"),
    ("LambdaConfig", "Lambda triggers"),
    ("LambdaConfig.KMSKeyID", "KMS key for custom sender triggers"),
    ("LambdaConfig.PreTokenGeneration", "Pre token generation (legacy)"),
    ("LambdaConfig.PreTokenGenerationConfig", "Pre token generation"),
    ("LambdaConfig.CustomSMSSender", "Custom SMS sender"),
    ("LambdaConfig.CustomEmailSender", "Custom email sender"),
    ("AutoVerifiedAttributes[]", "attribute"),
    ("AliasAttributes[]", "alias"),
    ("UsernameAttributes[]", "username attribute"),
    ("Policies.SignInPolicy.AllowedFirstAuthFactors[]", "first factor"),
    ("UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate[]", "attribute"),
    ("UserPoolTags", "Tags"),
    ("UserPoolTags{key}", "tag key"),
    ("UserPoolTags{}", "tag value"),
    ("Schema", "Attributes (Schema)"),
    ("Schema[]", "attribute"),
    ("Schema[].Name", "Attribute name"),
    ("SmsConfiguration.EumsSms", "AWS End User Messaging SMS"),
    ("UserPoolAddOns", "Threat protection"),
    ("UserPoolAddOns.AdvancedSecurityMode", "Threat protection mode"),
    ("UserPoolAddOns.AdvancedSecurityAdditionalFlows", "Threat protection for custom authentication"),
    ("DcrConfiguration", "Dynamic client registration"),
    ("DcrConfiguration.AuthenticatedGrantTypes[]", "grant type"),
    ("DcrConfiguration.OpenDcrGrantTypes[]", "grant type"),
    ("DcrConfiguration.AllowedScopes[]", "scope"),
    ("AccountRecoverySetting.RecoveryMechanisms[]", "recovery mechanism"),
    ("AcrConfiguration", "ACR level names"),
    ("AcrConfiguration{key}", "ACR level"),
    ("AcrConfiguration{}", "ACR level name"),
    ("UserPoolTier", "Feature plan"),
    ("KeyConfiguration", "Encryption key"),
];

/// Fields the model documents as no longer used, with what to use instead.
pub const DEPRECATED: [(&str, &str); 4] = [
    ("SmsVerificationMessage", "VerificationMessageTemplate.SmsMessage"),
    ("EmailVerificationMessage", "VerificationMessageTemplate.EmailMessage"),
    ("EmailVerificationSubject", "VerificationMessageTemplate.EmailSubject"),
    ("AdminCreateUserConfig.UnusedAccountValidityDays", "Policies.PasswordPolicy.TemporaryPasswordValidityDays"),
];

/// Members shown only once a sibling has a value that makes them matter (or once they are set
/// themselves, so nothing typed is ever hidden): a custom attribute's constraints of its data
/// type, the Amazon SES settings once SES sends the email, and each Lambda trigger once added
/// ("Add a Lambda trigger"; no sibling: only when set). (member path, sibling, value).
const SHOWN_WHEN: [(&str, &str, &str); 20] = [
    ("LambdaConfig.PreSignUp", "", ""),
    ("LambdaConfig.CustomMessage", "", ""),
    ("LambdaConfig.PostConfirmation", "", ""),
    ("LambdaConfig.PreAuthentication", "", ""),
    ("LambdaConfig.PostAuthentication", "", ""),
    ("LambdaConfig.DefineAuthChallenge", "", ""),
    ("LambdaConfig.CreateAuthChallenge", "", ""),
    ("LambdaConfig.VerifyAuthChallengeResponse", "", ""),
    ("LambdaConfig.PreTokenGeneration", "", ""),
    ("LambdaConfig.UserMigration", "", ""),
    ("LambdaConfig.PreTokenGenerationConfig", "", ""),
    ("LambdaConfig.CustomSMSSender", "", ""),
    ("LambdaConfig.CustomEmailSender", "", ""),
    ("LambdaConfig.InboundFederation", "", ""),
    ("Schema[].NumberAttributeConstraints", "AttributeDataType", "Number"),
    ("Schema[].StringAttributeConstraints", "AttributeDataType", "String"),
    ("EmailConfiguration.SourceArn", "EmailSendingAccount", "DEVELOPER"),
    ("EmailConfiguration.From", "EmailSendingAccount", "DEVELOPER"),
    ("EmailConfiguration.ReplyToEmailAddress", "EmailSendingAccount", "DEVELOPER"),
    ("EmailConfiguration.ConfigurationSet", "EmailSendingAccount", "DEVELOPER"),
];

/// The sibling and the value that show `field` (see `SHOWN_WHEN`).
pub fn shown_when(field: &Field) -> Option<(&'static str, &'static str)> {
    SHOWN_WHEN.iter().find(|(path, ..)| *path == field.path).map(|&(_, sibling, value)| (sibling, value))
}

/// Strings that hold a number: the custom attributes' bounds, which the API takes as text.
const NUMBERS_AS_TEXT: [&str; 4] = [
    "Schema[].NumberAttributeConstraints.MinValue",
    "Schema[].NumberAttributeConstraints.MaxValue",
    "Schema[].StringAttributeConstraints.MinLength",
    "Schema[].StringAttributeConstraints.MaxLength",
];

/// Whether a string field holds a number written as text (a numeric keyboard, no length count).
pub fn is_number_as_text(field: &Field) -> bool {
    NUMBERS_AS_TEXT.contains(&field.path)
}

/// What each model pattern asks for, in words; keyed by the pattern's text so a changed
/// pattern in a newer model fails `every_pattern_is_described` instead of being misdescribed.
const PATTERN_WORDS: [(&str, &str); 14] = [
    (r"[\w\s+=,.@-]+", "can only include letters A to Z, numbers, spaces and + = , . @ - _"),
    (
        r"arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?",
        "must be an ARN, like arn:aws:lambda:us-east-1:123456789012:function:my-function, using only letters A to Z, numbers and + = / , . @ - _",
    ),
    (r".*\{####\}.*", "must include the code placeholder {####} and fit on one line"),
    (
        r"[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*",
        "must include the code placeholder {####}, using only letters, numbers, punctuation, symbols, spaces and line breaks",
    ),
    (r"[\p{L}\p{M}\p{S}\p{N}\p{P}\s]+", "can only include letters, numbers, punctuation, symbols, spaces and line breaks"),
    (
        r"[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{##[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*##\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*",
        "must include link text in the form {##Verify email##}, using only letters, numbers, punctuation, symbols, spaces and line breaks",
    ),
    (r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+@[\p{L}\p{M}\p{S}\p{N}\p{P}]+", "must be an email address, like no-reply@example.com, without spaces"),
    (r"^[a-zA-Z0-9_-]+$", "can only include letters A to Z, numbers, hyphens and underscores"),
    (
        r"(arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?)?",
        "must be an ARN, like arn:aws:iam::123456789012:role/sms-role, using only letters A to Z, numbers and + = / , . @ - _",
    ),
    (r"(?s).*", "can include any text"),
    (r"[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*", "can only include letters, numbers, punctuation, symbols, spaces and line breaks"),
    (r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+", "can only include letters, numbers, punctuation and symbols, without spaces"),
    (r"[\x21\x23-\x5B\x5D-\x7E]+", "can only include printable ASCII characters, without spaces, double quotes (\") or backslashes (\\)"),
    (r"Level[1-4]", "must be Level1, Level2, Level3 or Level4"),
];

/// A guided section of the form: an id (used in URLs and DOM ids), a title, and the model
/// paths it shows, in the order a person decides them. The first `shown` are in view; the rest
/// wait under the section's "More settings" until opened (or until one of them has a value).
#[derive(Debug)]
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub paths: &'static [&'static str],
    pub shown: usize,
}

/// The sections of the form. Together they show every field exactly once (tested).
pub const SECTIONS: [Section; 10] = [
    Section {
        id: "basics",
        title: "Basics and feature plan",
        intro: "Name the pool, choose its feature plan and protect it from deletion.",
        paths: &["PoolName", "UserPoolTier", "DeletionProtection", "UserPoolAddOns"],
        shown: 3,
    },
    Section {
        id: "sign-in",
        title: "Sign-in",
        intro: "How people identify themselves. Most of this cannot be changed after the pool is created.",
        paths: &["UsernameConfiguration", "UsernameAttributes", "AliasAttributes", "Policies.SignInPolicy"],
        shown: 0,
    },
    Section {
        id: "password-mfa",
        title: "Password and MFA",
        intro: "Password rules and multi-factor authentication.",
        paths: &["MfaConfiguration", "Policies.PasswordPolicy", "SmsAuthenticationMessage"],
        shown: 1,
    },
    Section {
        id: "sign-up",
        title: "Sign-up and attributes",
        intro: "Who can sign up, which attributes are verified, and the attributes every user has.",
        paths: &["AutoVerifiedAttributes", "Schema", "AdminCreateUserConfig", "UserAttributeUpdateSettings"],
        shown: 2,
    },
    Section {
        id: "messages",
        title: "Messages",
        intro: "The verification messages Amazon Cognito sends.",
        paths: &["VerificationMessageTemplate", "SmsVerificationMessage", "EmailVerificationMessage", "EmailVerificationSubject"],
        shown: 0,
    },
    Section {
        id: "delivery",
        title: "Email and SMS delivery",
        intro: "How messages are sent: the Cognito default email or your Amazon SES identity, and SMS through Amazon SNS or AWS End User Messaging.",
        paths: &["EmailConfiguration", "SmsConfiguration"],
        shown: 0,
    },
    Section {
        id: "triggers",
        title: "Lambda triggers",
        intro: "Functions that Amazon Cognito calls during sign-up, sign-in and messaging.",
        paths: &["LambdaConfig"],
        shown: 0,
    },
    Section {
        id: "recovery",
        title: "Account recovery and devices",
        intro: "How users recover their accounts, and whether devices are remembered.",
        paths: &["AccountRecoverySetting", "DeviceConfiguration"],
        shown: 0,
    },
    Section {
        id: "tokens",
        title: "Tokens, keys and client registration",
        intro: "Encryption key, token issuer, ACR level names and dynamic client registration.",
        paths: &["KeyConfiguration", "IssuerConfiguration", "AcrConfiguration", "DcrConfiguration"],
        shown: 0,
    },
    Section { id: "tags", title: "Tags", intro: "Resource tags for the user pool.", paths: &["UserPoolTags"], shown: 1 },
];

/// The section that shows `path` (a model path), if any.
pub fn section_of(model_path: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| {
        s.paths.iter().any(|p| {
            model_path == *p
                || model_path.strip_prefix(p).is_some_and(|rest| rest.starts_with(['.', '[', '{']))
                || p.strip_prefix(model_path).is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

/// The label shown for a field ("Minimum length", "SMS configuration", "tag key").
pub fn label(field: &Field) -> String {
    if let Some((_, label)) = LABELS.iter().find(|(path, _)| *path == field.path) {
        return (*label).to_string();
    }
    if field.is_synthetic() {
        // `[]` / `{}` without an entry above: name the item after its container.
        return field.parent().map(|p| format!("{} item", label(p))).unwrap_or_default();
    }
    humanize(field.name)
}

/// The noun for one item of a list (`Schema` → "attribute", from its element's label) or one
/// entry of a map (`UserPoolTags` → "tag", from its key's label).
pub fn item_noun(container: &Field) -> String {
    match container.kind {
        super::Kind::Map => {
            let key = container.child_fields().next().map(label).unwrap_or_default();
            key.strip_suffix(" key").unwrap_or("entry").to_string()
        }
        _ => container.child_fields().next().map(label).unwrap_or_else(|| "item".into()),
    }
}

/// Splits a member name into words: `MinimumLength` → "Minimum length",
/// `KMSKeyID` → "KMS key ID", `SmsConfiguration` → "SMS configuration".
pub fn humanize(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let known = ACRONYMS.iter().find(|(w, _)| w == word).map(|(_, a)| (*a).to_string());
        let all_caps = word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        out.push(match known {
            Some(acronym) => acronym,
            None if all_caps => word.clone(),
            None if i == 0 => word.clone(),
            None => word.to_ascii_lowercase(),
        });
    }
    out.join(" ")
}

/// The label as it reads inside a sentence: "minimum length", "SMS configuration".
pub fn label_in_sentence(field: &Field) -> String {
    lower_first(&label(field))
}

/// Lower-cases the first word unless it is an acronym or a name.
pub fn lower_first(text: &str) -> String {
    let first_word = text.split(' ').next().unwrap_or_default();
    let keep = first_word.len() > 1 && first_word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        || ["Lambda", "Cognito", "AWS", "Amazon"].contains(&first_word);
    if keep {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// "a" or "an" for a phrase, by how it is said ("an SMS message", "a Lambda version").
pub fn article(phrase: &str) -> &'static str {
    let first_word = phrase.split(' ').next().unwrap_or_default();
    let spelled = first_word.len() > 1 && first_word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let first = first_word.chars().next().unwrap_or('x');
    let vowel_sound = if spelled { "AEFHILMNORSX".contains(first) } else { "aeiouAEIOU".contains(first) };
    if vowel_sound {
        "an"
    } else {
        "a"
    }
}

/// Upper-cases the first letter.
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// The replacement of a deprecated field, if it is one.
pub fn deprecated_by(field: &Field) -> Option<&'static str> {
    DEPRECATED.iter().find(|(path, _)| *path == field.path).map(|(_, by)| *by)
}

/// What a pattern asks for, in words ("can only include letters A to Z, …").
pub fn pattern_words(pattern: &str) -> Option<&'static str> {
    PATTERN_WORDS.iter().find(|(p, _)| *p == pattern).map(|(_, words)| *words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{self, FIELDS, PATTERNS};

    #[test]
    fn humanizes_member_names() {
        assert_eq!(humanize("MinimumLength"), "Minimum length");
        assert_eq!(humanize("KMSKeyID"), "KMS key ID");
        assert_eq!(humanize("SmsConfiguration"), "SMS configuration");
        assert_eq!(humanize("SnsCallerArn"), "SNS caller ARN");
        assert_eq!(humanize("PreTokenGenerationConfig"), "Pre token generation config");
        assert_eq!(humanize("CustomSMSSender"), "Custom SMS sender");
    }

    #[test]
    fn phrases_read_naturally() {
        assert_eq!(label_in_sentence(model::by_path("PoolName").unwrap()), "pool name");
        assert_eq!(label_in_sentence(model::by_path("SmsConfiguration").unwrap()), "SMS configuration");
        assert_eq!(article("SMS message"), "an");
        assert_eq!(article("minimum length"), "a");
        assert_eq!(article("email subject"), "an");
        assert_eq!(item_noun(model::by_path("Schema").unwrap()), "attribute");
    }

    #[test]
    fn sections_show_every_field_exactly_once() {
        for field in FIELDS.iter() {
            let owners: Vec<&str> = SECTIONS
                .iter()
                .filter(|s| {
                    s.paths.iter().any(|p| {
                        field.path == *p || field.path.strip_prefix(p).is_some_and(|r| r.starts_with(['.', '[', '{']))
                    })
                })
                .map(|s| s.id)
                .collect();
            // A structure split across sections (Policies) belongs to none itself.
            let split = SECTIONS
                .iter()
                .flat_map(|s| s.paths)
                .any(|p| p.strip_prefix(field.path).is_some_and(|r| r.starts_with('.')));
            let expected = usize::from(!split);
            assert_eq!(owners.len(), expected, "{} is shown by {owners:?}", field.path);
        }
        for path in SECTIONS.iter().flat_map(|s| s.paths) {
            assert!(model::by_path(path).is_some(), "{path}");
        }
    }

    #[test]
    fn conditional_members_and_their_siblings_are_in_the_model() {
        for (path, sibling, value) in SHOWN_WHEN {
            let field = crate::model::by_path(path).unwrap_or_else(|| panic!("{path} is not in the model"));
            let parent = field.parent().expect("a member");
            if sibling.is_empty() {
                continue;
            }
            let sibling =
                parent.child_fields().find(|c| c.name == sibling).unwrap_or_else(|| panic!("{path}: no {sibling}"));
            assert!(sibling.enum_values.contains(&value), "{path}: {value} is not a value of {}", sibling.path);
        }
    }

    #[test]
    fn numbers_as_text_are_string_fields_of_the_model() {
        for path in NUMBERS_AS_TEXT {
            let field = crate::model::by_path(path).unwrap_or_else(|| panic!("{path} is not in the model"));
            assert_eq!(field.kind, crate::model::Kind::String, "{path}");
            assert!(is_number_as_text(field));
        }
    }

    #[test]
    fn every_pattern_is_described() {
        for pattern in PATTERNS {
            assert!(pattern_words(pattern).is_some(), "no words for {pattern}");
        }
    }

    #[test]
    fn overlay_paths_exist_in_the_model() {
        for (path, _) in LABELS.iter().chain(DEPRECATED.iter()) {
            assert!(model::by_path(path).is_some(), "{path} is not a model path");
        }
        for (_, replacement) in DEPRECATED {
            assert!(model::by_path(replacement).is_some(), "{replacement} is not a model path");
        }
        // The model itself says these are no longer used.
        for (path, _) in DEPRECATED {
            let doc = model::by_path(path).unwrap().doc_text();
            assert!(doc.contains("no longer"), "{path}: {doc}");
        }
        assert!(FIELDS.iter().all(|f| !label(f).is_empty()));
    }
}
