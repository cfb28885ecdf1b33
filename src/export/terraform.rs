//! `terraform`: the request as one `resource "aws_cognito_user_pool"` for the hashicorp/aws
//! provider 6.x (argument names checked against the 6.25.0 schema).
//!
//! Owns the CreateUserPool → Terraform mapping (flattened `Policies`, renamed arguments, nested
//! and repeated blocks, the MFA blocks Terraform adds), HCL string escaping, and the list of
//! fields the provider cannot express, which go into a `#` comment and the notes, never
//! silently away. The mapping is derived from the model: a member becomes the snake_case of its
//! name, structures become blocks, lists of structures repeated blocks; the tables below hold
//! only the exceptions. The conformance check `tests/conformance/check-terraform` parses every
//! export with an HCL2 parser and maps it back to the request.

use super::schema_constraints::{self, Completion};
use super::{Export, MfaFactors, Options};
use crate::json::Json;
use crate::model::{self, Field, Kind};
use std::fmt::Write as _;

/// Fields with no argument in `aws_cognito_user_pool` (provider 6.25.0), by model path prefix,
/// with the reason shown to the user.
const INEXPRESSIBLE: &[(&str, &str)] = &[
    ("LambdaConfig.InboundFederation", "lambda_config has no inbound_federation block"),
    ("SmsConfiguration.EumsSms", "sms_configuration has no eums_sms block"),
    (
        "AdminCreateUserConfig.UnusedAccountValidityDays",
        "removed in provider 3.0.0; its replacement is password_policy.temporary_password_validity_days",
    ),
    ("DcrConfiguration", "no dcr_configuration argument"),
    ("KeyConfiguration", "no key_configuration argument"),
    ("IssuerConfiguration", "no issuer_configuration argument"),
    ("AcrConfiguration", "no acr_configuration argument"),
];

/// Arguments whose name is not the snake_case of the member name.
const RENAMED: &[(&str, &str)] = &[
    ("PoolName", "name"),
    ("UserPoolTags", "tags"),
    ("EmailConfiguration.From", "from_email_address"),
    ("AccountRecoverySetting.RecoveryMechanisms", "recovery_mechanism"),
];

/// Legacy top-level messages the provider refuses next to their template counterpart
/// (`ConflictsWith`). AWS no longer uses the legacy ones, so the template's value is the one
/// that counts and the legacy one is left out.
const SUPERSEDED: &[(&str, &str)] = &[
    ("SmsVerificationMessage", "SmsMessage"),
    ("EmailVerificationMessage", "EmailMessage"),
    ("EmailVerificationSubject", "EmailSubject"),
];

/// Optional in the API, required by the provider, which sends nothing for `""`
/// (`expandSMSConfigurationType` skips empty strings): writing `""` keeps the request as it is.
const REQUIRED_BLANK: &[(&str, &str)] =
    &[("SmsConfiguration.SnsCallerArn", "sns_caller_arn"), ("SmsConfiguration.ExternalId", "external_id")];

/// Characters NFC can rewrite. Terraform (cty) stores every string in NFC, so values holding one
/// of these are flagged. Covers every character NFC decomposes or composes with (Unicode 14:
/// combining marks, nuktas and vowel signs, conjoining jamo, singletons, exclusions); of the
/// marks NFC only reorders, 204 rare ones are not listed (they matter only when two stand out
/// of canonical order). A full table would cost the bundle more; the conformance check compares
/// the result with Python's unicodedata on the whole corpus.
const NFC_SENSITIVE: &[(u32, u32)] = &[
    (0x0300, 0x036F),
    (0x0374, 0x0374),
    (0x037E, 0x037E),
    (0x0387, 0x0387),
    (0x0483, 0x0489),
    (0x0591, 0x05C7),
    (0x0610, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06ED),
    (0x0711, 0x074A),
    (0x07EB, 0x07FD),
    (0x0816, 0x085B),
    (0x0898, 0x08FF),
    (0x093C, 0x093C),
    (0x0958, 0x095F),
    (0x09BC, 0x09BE),
    (0x09D7, 0x09DF),
    (0x0A33, 0x0A3C),
    (0x0A59, 0x0A5E),
    (0x0ABC, 0x0ABC),
    (0x0B3C, 0x0B3E),
    (0x0B56, 0x0B5D),
    (0x0BBE, 0x0BBE),
    (0x0BD7, 0x0BD7),
    (0x0C56, 0x0C56),
    (0x0CBC, 0x0CBC),
    (0x0CC2, 0x0CC2),
    (0x0CD5, 0x0CD6),
    (0x0D3E, 0x0D3E),
    (0x0D57, 0x0D57),
    (0x0DCA, 0x0DDF),
    (0x0E38, 0x0E4B),
    (0x0EB8, 0x0ECB),
    (0x0F00, 0x0FFF),
    (0x102E, 0x102E),
    (0x1100, 0x11FF),
    (0x1AB0, 0x1AFF),
    (0x1B35, 0x1B35),
    (0x1CD0, 0x1CF9),
    (0x1DC0, 0x1DFF),
    (0x1F70, 0x1FFF),
    (0x2000, 0x2001),
    (0x20D0, 0x20FF),
    (0x2126, 0x212B),
    (0x2329, 0x232A),
    (0x2ADC, 0x2ADC),
    (0x2CEF, 0x2CF1),
    (0x2DE0, 0x2DFF),
    (0x302A, 0x302F),
    (0x3099, 0x309A),
    (0xA66F, 0xA69F),
    (0xA8E0, 0xA8F1),
    (0xF900, 0xFAFF),
    (0xFB1D, 0xFB4F),
    (0xFE20, 0xFE2F),
    (0x11000, 0x11FFF),
    (0x1D15E, 0x1D1C0),
    (0x2F800, 0x2FA1F),
];

/// The subject written into `email_mfa_configuration`: the provider ignores an empty block.
const EMAIL_MFA_SUBJECT: &str = "Your sign-in code";

/// The resource as `aws_cognito_user_pool.this`, a header comment, and notes.
pub fn render(request: &Json, options: &Options) -> Export {
    // The names and literals take about half the export.
    let mut writer = Writer { text: String::with_capacity(super::EXPORT_CAPACITY / 2), ..Writer::default() };
    let mut body = Vec::new();
    match request {
        Json::Object(members) => writer.members(None, "", members, request, &mut body),
        other => writer.leave_out("(request)", format!("is {}, not an object", other.type_name())),
    }
    writer.mfa(request, options, &mut body);
    let factors =
        request.get("Policies").and_then(|p| p.get("SignInPolicy")).and_then(|p| p.get("AllowedFirstAuthFactors"));
    if let Some(Json::Array(factors)) = factors {
        if factors.iter().any(|f| f.as_str() == Some("WEB_AUTHN")) {
            writer.notes.push("Passkey sign-in (WEB_AUTHN) also needs a web_authn_configuration block (relying_party_id, user_verification), which the request cannot hold: add it.".to_string());
        }
    }
    writer.note_filled_constraints();
    if request.get("AliasAttributes").is_some() && request.get("UsernameAttributes").is_some() {
        writer.notes.push(
            "AWS and Terraform both refuse AliasAttributes together with UsernameAttributes: keep one.".to_string(),
        );
    }

    let mut text = super::text_starting_with(
        "# Amazon Cognito user pool from a CreateUserPool request (Poolsmith).\n\
         # For the hashicorp/aws provider 6.x: arguments checked against its 6.25.0 schema.\n",
    );
    if !writer.left_out.is_empty() {
        text.push_str("#\n# Left out of this resource:\n");
        for (path, why, _) in &writer.left_out {
            let _ = writeln!(text, "#   {path}: {why}");
        }
    }
    if !writer.nfc.is_empty() {
        text.push_str("#\n# Terraform stores text in Unicode NFC: these values hold characters it may rewrite:\n");
        for path in &writer.nfc {
            let _ = writeln!(text, "#   {path}");
        }
    }
    // A pool imported from a .tf file keeps its resource name: another name is another
    // resource to Terraform, which would destroy the pool and create a new one.
    let resource = options
        .template
        .as_ref()
        .filter(|t| crate::expr::template::origin(t) == Some(crate::expr::Origin::Terraform))
        .and_then(|t| crate::expr::template::resource(t))
        .filter(|name| !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .unwrap_or("this");
    text.push_str("resource \"aws_cognito_user_pool\" \"");
    text.push_str(resource);
    text.push_str("\" {\n");
    // The imported resource's meta-arguments (`lifecycle { prevent_destroy = true }`, `count`),
    // as they were written.
    let meta = options.template.as_ref().map(crate::expr::template::terraform_meta).unwrap_or_default();
    for source in &meta {
        text.push_str("  ");
        text.push_str(source);
        text.push_str("\n\n");
    }
    write_body(&body, 1, &writer.text, &mut text);
    text.push_str("}\n");

    let mut notes = vec![
        format!("For the hashicorp/aws provider 6.x (checked against the 6.25.0 schema). Refer to the pool as aws_cognito_user_pool.{resource}."),
        "Changing name, alias_attributes, username_attributes or username_configuration later makes Terraform replace the pool, losing its users; schema blocks can only be added.".to_string(),
    ];
    for (path, why, inexpressible) in &writer.left_out {
        notes.push(if *inexpressible {
            format!("Terraform cannot set {path} ({why}): it is left out of this resource. The request-JSON and CLI exports carry it.")
        } else {
            format!("{path} is left out of the Terraform resource: {why}.")
        });
    }
    if !writer.nfc.is_empty() {
        notes.push(format!(
            "Terraform normalises text to Unicode NFC, so these values may reach AWS with composed characters: {}.",
            writer.nfc.join(", ")
        ));
    }
    notes.append(&mut writer.notes);
    Export { text, notes }
}

/// One line (or nested group of lines) of a block body. Names and values are [`Span`]s of the
/// writer's text.
enum Item {
    Attr {
        name: Span,
        value: Span,
    },
    Map {
        name: Span,
        entries: Vec<(Span, Span)>,
    },
    Block {
        name: Span,
        body: Vec<Item>,
    },
    /// A `#` line about the item that follows it (static text: never user data).
    Comment(&'static str),
    /// A block kept verbatim from an imported `.tf` file (a `dynamic` block's source text).
    Raw(Span),
}

/// Where a name or literal is in `Writer::text`, by byte range: each is written once into that
/// one string rather than into a string of its own (a request has hundreds).
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

impl Span {
    fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

#[derive(Default)]
struct Writer {
    /// (model path, why, whether the provider lacks the argument) of what the resource leaves
    /// out, in request order, without duplicates.
    left_out: Vec<(String, String, bool)>,
    /// Model paths of values NFC may change.
    nfc: Vec<String>,
    notes: Vec<String>,
    /// The names and literals of the items, one after another.
    text: String,
    /// The argument names written so far, by field id: the same few recur in every schema
    /// block (grown on first use).
    names: Vec<Option<Span>>,
    /// The schema constraints filled in with what AWS stores, one phrase per attribute, for the
    /// note that says so.
    filled_constraints: Vec<String>,
}

impl Writer {
    /// What `write` writes, added to the text.
    fn span(&mut self, write: impl FnOnce(&mut String)) -> Span {
        let start = self.text.len();
        write(&mut self.text);
        Span { start, end: self.text.len() }
    }

    /// Records something the request holds that this resource does not say.
    fn leave_out(&mut self, path: &str, why: impl Into<String>) {
        if !self.left_out.iter().any(|(p, ..)| p == path) {
            let inexpressible = INEXPRESSIBLE.iter().any(|(prefix, _)| *prefix == path);
            self.left_out.push((path.to_string(), why.into(), inexpressible));
        }
    }

    /// Appends the arguments and blocks for `members` of `owner` (None: the request itself).
    fn members(
        &mut self,
        owner: Option<&'static Field>,
        owner_path: &str,
        members: &[(String, Json)],
        request: &Json,
        out: &mut Vec<Item>,
    ) {
        for (key, value) in members {
            let field = match owner {
                Some(owner) => owner.member(key),
                None => model::top_level_member(key),
            };
            let Some(field) = field else {
                // Quoted as JSON: the key is user text and ends up in a `#` comment.
                let key = crate::json::quote(key);
                let path = if owner_path.is_empty() { key } else { format!("{owner_path}.{key}") };
                self.leave_out(&path, "not a CreateUserPool parameter");
                continue;
            };
            // Members are visited from the top down and an inexpressible one is never entered:
            // a field is inside one exactly when it is one (equal paths; no prefix tests).
            if let Some((path, why)) = INEXPRESSIBLE.iter().find(|(path, _)| field.path == *path) {
                self.leave_out(path, *why);
                continue;
            }
            if let Some((_, member)) = SUPERSEDED.iter().find(|(legacy, _)| *legacy == field.path) {
                if request.get("VerificationMessageTemplate").and_then(|t| t.get(member)).is_some() {
                    self.leave_out(
                        field.path,
                        format!(
                            "the provider refuses it next to verification_message_template.{}, which AWS uses instead",
                            snake_case(member)
                        ),
                    );
                    continue;
                }
            }
            if field.path == "Policies" {
                // Terraform has no `policies` level: its members are top-level blocks.
                match value {
                    Json::Object(inner) => self.members(Some(field), field.path, inner, request, out),
                    other => self.leave_out(field.path, format!("is {}, not an object", other.type_name())),
                }
                continue;
            }
            self.field(field, value, request, out);
        }
    }

    /// The argument or block name of `field`, written once per export.
    fn name(&mut self, field: &'static Field) -> Span {
        let id = usize::from(field.id);
        if let Some(Some(name)) = self.names.get(id) {
            return *name;
        }
        let name = self.span(|text| push_argument_name(field, text));
        if self.names.len() <= id {
            self.names.resize(id + 1, None);
        }
        self.names[id] = Some(name);
        name
    }

    fn field(&mut self, field: &'static Field, value: &Json, request: &Json, out: &mut Vec<Item>) {
        let name = self.name(field);
        let element = field.child_fields().next();
        if let Some(source) = terraform_source(value) {
            // An expression of the imported .tf file, written back as it was: an argument's
            // value, or a whole block (`dynamic "schema" { … }`).
            let value = self.span(|text| text.push_str(source));
            let is_block = field.kind == Kind::Structure || element.is_some_and(|e| e.kind == Kind::Structure);
            out.push(if is_block { Item::Raw(value) } else { Item::Attr { name, value } });
            return;
        }
        match (field.kind, value) {
            (Kind::Structure, Json::Object(inner)) => {
                if let Some(body) = self.block_body(field, inner, request) {
                    out.push(Item::Block { name, body });
                }
            }
            (Kind::List, Json::Array(items)) if element.is_some_and(|e| e.kind == Kind::Structure) => {
                if items.is_empty() {
                    self.leave_out(field.path, "an empty list cannot be written as Terraform blocks");
                }
                for item in items {
                    if let Some(source) = terraform_source(item) {
                        let value = self.span(|text| text.push_str(source));
                        out.push(Item::Raw(value));
                        continue;
                    }
                    match (item, element) {
                        (Json::Object(inner), Some(element)) => {
                            if let Some(body) = self.block_body(element, inner, request) {
                                out.push(Item::Block { name, body });
                            }
                        }
                        _ => self.leave_out(field.path, format!("holds {}, not objects", item.type_name())),
                    }
                }
            }
            (Kind::List, Json::Array(items)) => {
                let start = self.text.len();
                self.text.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.text.push_str(", ");
                    }
                    if self.scalar(element.map_or(field.path, |e| e.path), item).is_none() {
                        return self.leave_out(field.path, format!("holds {}", item.type_name()));
                    }
                }
                self.text.push(']');
                out.push(Item::Attr { name, value: Span { start, end: self.text.len() } });
            }
            (Kind::Map, Json::Object(entries)) => {
                let mut pairs = Vec::new();
                // The model paths of the map's keys and values, worded once for all its entries.
                let (key_path, value_path) = (format!("{}{{key}}", field.path), format!("{}{{}}", field.path));
                for (key, item) in entries {
                    self.check_nfc(&key_path, key);
                    match self.scalar(&value_path, item) {
                        Some(literal) => pairs.push((self.span(|text| write_map_key(key, text)), literal)),
                        None => return self.leave_out(field.path, format!("holds {}", item.type_name())),
                    }
                }
                out.push(Item::Map { name, entries: pairs });
            }
            (kind, _) if kind.is_scalar() => match self.scalar(field.path, value) {
                Some(literal) => out.push(Item::Attr { name, value: literal }),
                None => self.leave_out(field.path, format!("is {}", value.type_name())),
            },
            (_, other) => self.leave_out(field.path, format!("is {}", other.type_name())),
        }
    }

    /// The body of the block for `owner`, or None when nothing in it can be written (an
    /// empty block would not say the same as the request: the provider ignores empty blocks).
    fn block_body(&mut self, owner: &'static Field, inner: &[(String, Json)], request: &Json) -> Option<Vec<Item>> {
        if owner.path == "Schema[]" && !["Name", "AttributeDataType"].iter().all(|m| inner.iter().any(|(k, _)| k == m))
        {
            self.leave_out(owner.path, "an attribute without Name or AttributeDataType: the provider requires both");
            return None;
        }
        // A String or Number attribute gets the constraints AWS stores, where the request has none.
        let completion = if owner.path == "Schema[]" { self.complete_constraints(inner) } else { Completion::Nothing };
        let inner = match &completion {
            Completion::Filled { attribute, .. } | Completion::NoBounds { attribute: Some(attribute) } => attribute,
            _ => inner,
        };
        // One item per member at most, plus a comment or two.
        let mut body = Vec::with_capacity(inner.len() + 3);
        self.members(Some(owner), owner.path, inner, request, &mut body);
        self.constraints_block(owner, &completion, &mut body);
        if body.is_empty() {
            if inner.is_empty() {
                self.leave_out(owner.path, "an empty object: the provider ignores empty blocks");
            }
            return None;
        }
        for (path, argument) in REQUIRED_BLANK {
            let member = path.strip_prefix(owner.path).and_then(|rest| rest.strip_prefix('.'));
            if member.is_some_and(|member| !inner.iter().any(|(key, _)| key == member)) {
                body.push(Item::Comment("Not in the request: required by the provider, which sends nothing for \"\"."));
                let name = self.span(|text| text.push_str(argument));
                body.push(Item::Attr { name, value: self.span(|text| text.push_str("\"\"")) });
            }
        }
        match owner.path {
            "Schema[]" => self.schema_defaults(inner, &mut body),
            "Policies.PasswordPolicy" if !inner.iter().any(|(key, _)| key == "MinimumLength") => self.notes.push(
                "PasswordPolicy has no MinimumLength: the provider may send 0 for a password_policy argument left out, where AWS would use 8. Set MinimumLength.".to_string(),
            ),
            _ => {}
        }
        Some(body)
    }

    /// The provider sends `mutable = false` for a schema block without it, while CreateUserPool
    /// without `Mutable` lets AWS choose (custom attributes become mutable). Said, not guessed.
    fn schema_defaults(&mut self, inner: &[(String, Json)], body: &mut Vec<Item>) {
        if inner.iter().any(|(key, _)| key == "Mutable") {
            return;
        }
        let name = inner.iter().find(|(key, _)| key == "Name").and_then(|(_, v)| v.as_str()).unwrap_or("?");
        if name == "sub" {
            return;
        }
        self.notes.push(format!(
            "Schema attribute {}: Mutable is not set. The provider then sends Mutable = false (a value that can never change), whereas CreateUserPool leaves the default to AWS (mutable, for custom attributes). Set Mutable explicitly.",
            crate::json::quote(name)
        ));
        body.insert(0, Item::Comment("Mutable is not in the request: the provider will send mutable = false."));
    }

    /// What the schema attribute `inner` needs so that its constraints say what AWS stores
    /// (see [`schema_constraints`]), with the note phrase for what is filled in.
    fn complete_constraints(&mut self, inner: &[(String, Json)]) -> Completion {
        let completion = schema_constraints::complete(inner);
        let name = || {
            let name = inner.iter().find(|(key, _)| key == "Name").and_then(|(_, v)| v.as_str()).unwrap_or("?");
            crate::json::quote(name)
        };
        match &completion {
            Completion::Filled { added, .. } => {
                let bounds: Vec<String> =
                    added.iter().map(|(bound, value)| format!("{} \"{value}\"", snake_case(bound))).collect();
                self.filled_constraints.push(format!("{}: {}", name(), bounds.join(" and ")));
            }
            Completion::NoBounds { .. } => self
                .filled_constraints
                .push(format!("{}: an empty number_attribute_constraints block (AWS stores no bounds)", name())),
            Completion::Unknown => self.notes.push(format!(
                "Schema attribute {}: StringAttributeConstraints is incomplete, and the lengths AWS stores for birthdate without it have changed over time (10 to 10, later 4 to 10: terraform-provider-aws issue #38197), so the export cannot fill them in. Set MinLength and MaxLength, or later plans may want to replace the pool (terraform-provider-aws issue #7502).",
                name()
            )),
            Completion::Nothing => {}
        }
        completion
    }

    /// Marks the constraints block that [`Writer::complete_constraints`] filled in with a
    /// comment, or adds the empty `number_attribute_constraints` block a Number attribute
    /// without bounds needs.
    fn constraints_block(&mut self, owner: &'static Field, completion: &Completion, body: &mut Vec<Item>) {
        match completion {
            Completion::Filled { member, .. } => {
                let Some(field) = owner.member(member) else { return };
                let block = self.name(field);
                let at =
                    body.iter().position(|item| matches!(item, Item::Block { name, .. } if name.start == block.start));
                if let Some(at) = at {
                    body.insert(at, Item::Comment("Bounds the request leaves out are the ones AWS stores, so that later plans do not replace the pool."));
                }
            }
            Completion::NoBounds { .. } => {
                let Some(field) = owner.member(schema_constraints::NUMBER.0) else { return };
                body.push(Item::Comment(
                    "Empty on purpose: AWS stores no bounds, and without the block later plans replace the pool.",
                ));
                body.push(Item::Block { name: self.name(field), body: Vec::new() });
            }
            Completion::Unknown | Completion::Nothing => {}
        }
    }

    /// The note on the constraints filled in, if any.
    fn note_filled_constraints(&mut self) {
        if self.filled_constraints.is_empty() {
            return;
        }
        self.notes.push(format!(
            "Terraform needs the constraints block of every String and Number schema attribute, or every later plan wants to replace the pool (terraform-provider-aws issue #7502). Where the request has none, the export writes what AWS stores when CreateUserPool gets none, so the pool is the same: {}.",
            self.filled_constraints.join("; ")
        ));
    }

    /// A scalar as an HCL literal: strings quoted and escaped, numbers as written, booleans.
    fn scalar(&mut self, path: &str, value: &Json) -> Option<Span> {
        if let Some(source) = terraform_source(value) {
            return Some(self.span(|out| out.push_str(source)));
        }
        match value {
            Json::String(text) => {
                self.check_nfc(path, text);
                Some(self.span(|out| write_hcl_string(text, out)))
            }
            Json::Number(lexeme) => Some(self.span(|out| out.push_str(lexeme))),
            Json::Bool(flag) => Some(self.span(|out| out.push_str(if *flag { "true" } else { "false" }))),
            Json::Null => Some(self.span(|out| out.push_str("null"))),
            Json::Array(_) | Json::Object(_) => None,
        }
    }

    fn check_nfc(&mut self, path: &str, text: &str) {
        // ASCII is never changed by NFC: skip the table for it (almost all text).
        let sensitive = !text.is_ascii()
            && text.chars().any(|c| NFC_SENSITIVE.iter().any(|&(lo, hi)| (lo..=hi).contains(&(c as u32))));
        if sensitive && !self.nfc.iter().any(|p| p == path) {
            self.nfc.push(path.to_string());
        }
    }

    /// The MFA factors CreateUserPool cannot turn on: Terraform sets them after creating the
    /// pool (SetUserPoolMfaConfig), and only when `mfa_configuration` is ON or OPTIONAL. SMS is
    /// not a block of its own: the provider turns SMS MFA on whenever `sms_configuration` is
    /// there and MFA is on.
    fn mfa(&mut self, request: &Json, options: &Options, out: &mut Vec<Item>) {
        let on = crate::mfa::mode(request).is_some();
        let has_sms_configuration = request.get("SmsConfiguration").is_some();
        let factors = options.mfa;
        if !on {
            if factors.any() {
                self.notes.push(format!("{} MFA was chosen, but MfaConfiguration is not ON or OPTIONAL: Terraform configures MFA factors only then, so their blocks are left out. Set MFA to optional or required.", factors.describe()));
            }
            return;
        }
        if factors.totp {
            let enabled =
                Item::Attr { name: self.span(|t| t.push_str("enabled")), value: self.span(|t| t.push_str("true")) };
            let name = self.span(|t| t.push_str("software_token_mfa_configuration"));
            out.push(Item::Block { name, body: vec![enabled] });
        }
        if factors.email {
            let body = vec![
                Item::Comment("The provider ignores an empty block. Edit the subject; add message = \"... {####} ...\" for your own text."),
                Item::Attr { name: self.span(|t| t.push_str("subject")), value: self.span(|t| write_hcl_string(EMAIL_MFA_SUBJECT, t)) },
            ];
            out.push(Item::Block { name: self.span(|t| t.push_str("email_mfa_configuration")), body });
            self.notes.push(format!("email_mfa_configuration carries the subject \"{EMAIL_MFA_SUBJECT}\" because the provider ignores an empty block; change it to your own."));
        }
        if has_sms_configuration && !factors.sms {
            self.notes.push("SMS MFA is not one of the chosen factors, but the AWS provider turns it on whenever sms_configuration is set and MFA is on: Terraform cannot keep an SMS configuration without SMS MFA. Remove the SMS configuration, or accept SMS as a factor.".to_string());
        }
        let turned_on = MfaFactors { sms: has_sms_configuration, ..factors };
        if turned_on.any() {
            self.notes.push(format!(
                "MFA: after creating the pool, Terraform turns on {} (SetUserPoolMfaConfig).",
                turned_on.describe()
            ));
        } else {
            self.notes.push("mfa_configuration is ON or OPTIONAL but no factor is configured: add an SmsConfiguration or choose authenticator-app or email MFA.".to_string());
        }
    }
}

/// The model field that the argument or block `name` of the block for `owner` (None: the
/// resource itself) is written from: the inverse of this module's naming, for the Terraform
/// importer (`import::terraform`), so the two directions cannot drift. The members of
/// `Policies` are top-level blocks; a list of structures is a repeated block named after the
/// list, read with the list's element as the owner of its body. None for arguments with no
/// CreateUserPool member and for fields the provider cannot express.
pub fn request_field(owner: Option<&'static Field>, name: &str) -> Option<&'static Field> {
    let expressible = |field: &&'static Field| {
        argument_name(field) == name && !INEXPRESSIBLE.iter().any(|(path, _)| *path == field.path)
    };
    match owner {
        Some(owner) => owner.child_fields().find(expressible),
        None => {
            let policies = model::top_level_member("Policies").into_iter().flat_map(|p| p.child_fields());
            model::top_level().filter(|f| f.name != "Policies").chain(policies).find(expressible)
        }
    }
}

/// The Terraform argument or block name of a model field (`PoolName` → `name`).
pub fn argument_name(field: &Field) -> String {
    let mut name = String::new();
    push_argument_name(field, &mut name);
    name
}

/// The arguments the provider requires that CreateUserPool does not (model path, argument):
/// the export writes `""` for a missing one, which the provider does not send.
pub(crate) fn required_blank() -> &'static [(&'static str, &'static str)] {
    REQUIRED_BLANK
}

/// Writes the Terraform argument or block name of a model field.
fn push_argument_name(field: &Field, out: &mut String) {
    match RENAMED.iter().find(|(path, _)| *path == field.path) {
        Some((_, name)) => out.push_str(name),
        None => super::push_lower_words(field.name, '_', out),
    }
}

/// `KMSKeyID` → `kms_key_id`, `CustomSMSSender` → `custom_sms_sender`.
fn snake_case(name: &str) -> String {
    super::lower_words(name, '_')
}

/// Writes a map key: bare when it is a plain identifier (and not a keyword the parser would
/// read as one), quoted otherwise (`"app:component"`).
fn write_map_key(key: &str, out: &mut String) {
    let mut chars = key.chars();
    let identifier = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if identifier && !matches!(key, "true" | "false" | "null" | "for" | "in" | "if") {
        out.push_str(key);
    } else {
        write_hcl_string(key, out);
    }
}

/// Writes `text` as a quoted HCL string whose value is exactly `text`: `"` and `\` escaped,
/// control and invisible characters ([`crate::invisible`]) as `\n \r \t \uNNNN \UNNNNNNNN`,
/// and template sequences neutralised (`${` → `$${`, `%{` → `%%{`). A `$` or `%` right before
/// another one is written `\u0024`/`\u0025`, so a doubled sign in the output only ever means
/// the escape, whatever the reader's scanner.
fn write_hcl_string(text: &str, out: &mut String) {
    out.push('"');
    // Runs of characters written as they are are copied in one go (most text is plain), and
    // printable ASCII other than `"`, `\`, `$` and `%` is decided by its byte, undecoded.
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if matches!(bytes[at], b' '..=b'~') && !matches!(bytes[at], b'"' | b'\\' | b'$' | b'%') {
            at += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else { break };
        let next = text[at + c.len_utf8()..].chars().next();
        let plain = match c {
            '"' | '\\' | '\n' | '\r' | '\t' => false,
            '$' | '%' => next != Some('{') && next != Some(c),
            c => !crate::invisible::is_invisible(c),
        };
        if plain {
            at += c.len_utf8();
            continue;
        }
        out.push_str(&text[copied..at]);
        at += c.len_utf8();
        copied = at;
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if next == Some('{') => {
                out.push(c);
                out.push(c);
            }
            // A sign before another one, or an invisible character (`\U` above U+FFFF).
            c if u32::from(c) > 0xFFFF => {
                let _ = write!(out, "\\U{:08X}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
        }
    }
    out.push_str(&text[copied..]);
    out.push('"');
}

/// Writes a block body: arguments first, then maps, then nested blocks (each group in request
/// order), so the simple settings read together at the top.
fn write_body(items: &[Item], depth: usize, text: &str, out: &mut String) {
    // Each item keeps the comments right before it.
    let mut chunks: Vec<&[Item]> = Vec::with_capacity(items.len());
    let mut start = 0;
    for (i, item) in items.iter().enumerate() {
        if !matches!(item, Item::Comment(_)) {
            chunks.push(&items[start..=i]);
            start = i + 1;
        }
    }
    let rank = |chunk: &&[Item]| match chunk.last() {
        Some(Item::Block { .. } | Item::Raw(_)) => 2,
        Some(Item::Map { .. }) => 1,
        _ => 0,
    };
    // Three passes rather than a sort: a stable sort costs the WebAssembly bundle kilobytes.
    let mut ordered: Vec<&Item> = Vec::with_capacity(items.len());
    for wanted in 0..3 {
        for chunk in chunks.iter().filter(|chunk| rank(chunk) == wanted) {
            ordered.extend(chunk.iter());
        }
    }

    // One indented line of `parts`, pushed one by one: the formatting machinery costs more
    // than the text.
    let line = |parts: &[&str], out: &mut String| {
        crate::json::push_indent(depth, out);
        for part in parts {
            out.push_str(part);
        }
        out.push('\n');
    };
    let mut i = 0;
    while i < ordered.len() {
        // Items are separated by a blank line, except a comment from what it describes.
        if i > 0 && !matches!(ordered[i - 1], Item::Comment(_)) {
            out.push('\n');
        }
        // A run of attributes is aligned on `=`, as `terraform fmt` does.
        let run = ordered[i..].iter().take_while(|item| matches!(item, Item::Attr { .. })).count();
        if run > 0 {
            let width = ordered[i..i + run].iter().map(|item| name_width(item)).max().unwrap_or(0);
            for item in &ordered[i..i + run] {
                if let Item::Attr { name, value } = item {
                    // `{name:width$}` by hand.
                    crate::json::push_indent(depth, out);
                    out.push_str(name.of(text));
                    pad_to(width, name.of(text), out);
                    out.push_str(" = ");
                    out.push_str(value.of(text));
                    out.push('\n');
                }
            }
            i += run;
            continue;
        }
        match ordered[i] {
            Item::Attr { .. } => {}
            Item::Comment(comment) => line(&["# ", comment], out),
            Item::Map { name, entries } if entries.is_empty() => line(&[name.of(text), " = {}"], out),
            Item::Map { name, entries } => {
                line(&[name.of(text), " = {"], out);
                let width = entries.iter().map(|(key, _)| key.of(text).chars().count()).max().unwrap_or(0);
                for (key, value) in entries {
                    crate::json::push_indent(depth + 1, out);
                    out.push_str(key.of(text));
                    pad_to(width, key.of(text), out);
                    out.push_str(" = ");
                    out.push_str(value.of(text));
                    out.push('\n');
                }
                line(&["}"], out);
            }
            Item::Raw(source) => line(&[source.of(text)], out),
            Item::Block { name, body } if body.is_empty() => line(&[name.of(text), " {}"], out),
            Item::Block { name, body } => {
                line(&[name.of(text), " {"], out);
                write_body(body, depth + 1, text, out);
                line(&["}"], out);
            }
        }
        i += 1;
    }
}

/// The source text of a Terraform expression kept from an imported `.tf` file.
fn terraform_source(value: &Json) -> Option<&str> {
    match crate::expr::origin(value) {
        Some(crate::expr::Origin::Terraform) => value.get(crate::expr::TERRAFORM).and_then(Json::as_str),
        _ => None,
    }
}

/// Spaces after `text` up to `width` characters, as `{text:width$}` pads.
fn pad_to(width: usize, text: &str, out: &mut String) {
    crate::json::push_spaces(width.saturating_sub(text.chars().count()), out);
}

fn name_width(item: &Item) -> usize {
    match item {
        Item::Attr { name, .. } => name.end - name.start,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::MfaFactors;

    /// Whether `path` is `prefix` or lies below it.
    fn within(path: &str, prefix: &str) -> bool {
        path.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[', '{']))
    }

    /// The research mapping (CreateUserPool leaf → Terraform argument path), kept with the
    /// conformance check: an oracle independent of the snake_case rule above.
    const MAPPING: &str = include_str!("../../tests/conformance/terraform/mapping.tsv");
    /// The provider 6.25.0 schema of aws_cognito_user_pool (path, kind, nesting, value type).
    const SCHEMA: &str = include_str!("../../tests/conformance/terraform/aws_cognito_user_pool.aws-6.25.0.tsv");

    fn hcl_string(text: &str) -> String {
        let mut out = String::new();
        write_hcl_string(text, &mut out);
        out
    }

    fn map_key(key: &str) -> String {
        let mut out = String::new();
        write_map_key(key, &mut out);
        out
    }

    fn parse_json(text: &str) -> Json {
        crate::json::parse(text).expect("test JSON parses").0
    }

    /// The export with TOTP and email as stated, and SMS when the request turns it on (as the
    /// command line's `--mfa` does).
    fn export(text: &str, totp: bool, email: bool) -> Export {
        let request = parse_json(text);
        let mfa = MfaFactors::stated_for(&request, MfaFactors { totp, email, sms: false });
        render(&request, &Options { mfa, ..Options::default() })
    }

    /// The value of an HCL quoted-string literal, decoded as hclsyntax does (escapes `\n \r \t
    /// \" \\ \uNNNN \UNNNNNNNN`, `$${` → `${`, `%%{` → `%{`). A live `${`/`%{`, a bad escape, a
    /// raw newline or a doubled `$`/`%` that is not the escape is an error: it would not mean
    /// the literal text.
    fn decode(literal: &str) -> Result<String, String> {
        let inner = literal
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
            .ok_or_else(|| format!("not a quoted string: {literal}"))?;
        let chars: Vec<char> = inner.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '\\' => {
                    let selector = chars.get(i + 1).copied().ok_or("dangling backslash")?;
                    let (decoded, used) = match selector {
                        'n' => ('\n', 2),
                        'r' => ('\r', 2),
                        't' => ('\t', 2),
                        '"' => ('"', 2),
                        '\\' => ('\\', 2),
                        'u' | 'U' => {
                            let digits = if selector == 'u' { 4 } else { 8 };
                            let hex: String = chars.iter().skip(i + 2).take(digits).collect();
                            let code = u32::from_str_radix(&hex, 16).map_err(|_| format!("bad \\{selector}{hex}"))?;
                            (char::from_u32(code).ok_or("not a scalar value")?, 2 + digits)
                        }
                        other => return Err(format!("invalid escape \\{other}")),
                    };
                    out.push(decoded);
                    i += used;
                }
                '$' | '%' => {
                    let next = chars.get(i + 1).copied();
                    if next == Some('{') {
                        return Err(format!("live template sequence {c}{{ in {literal}"));
                    }
                    if next == Some(c) {
                        if chars.get(i + 2) != Some(&'{') {
                            return Err(format!("ambiguous {c}{c} in {literal}"));
                        }
                        out.push(c);
                        out.push('{');
                        i += 3;
                    } else {
                        out.push(c);
                        i += 1;
                    }
                }
                '"' | '\n' | '\r' => return Err(format!("raw {c:?} inside a string")),
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        Ok(out)
    }

    /// Our output, read back: attributes (raw literal text), maps and blocks, per block.
    #[derive(Default, Debug)]
    struct Node {
        attrs: Vec<(String, String)>,
        maps: Vec<(String, Vec<(String, String)>)>,
        blocks: Vec<(String, Node)>,
    }

    impl Node {
        fn attr(&self, name: &str) -> Option<&str> {
            self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
        }
        fn blocks(&self, name: &str) -> Vec<&Node> {
            self.blocks.iter().filter(|(n, _)| n == name).map(|(_, b)| b).collect()
        }
        fn block(&self, name: &str) -> Option<&Node> {
            self.blocks(name).into_iter().next()
        }
    }

    /// Reads the resource body of our own output (its line shapes only; the conformance check
    /// uses a real HCL2 parser). Every line before the resource must be a comment.
    fn read_resource(text: &str) -> Node {
        let mut lines = text.lines();
        for line in lines.by_ref() {
            if line == "resource \"aws_cognito_user_pool\" \"this\" {" {
                break;
            }
            assert!(line.starts_with('#'), "header line that is not a comment: {line:?}");
        }
        let mut stack = vec![Node::default()];
        let mut names: Vec<String> = Vec::new();
        let mut map: Option<(String, Vec<(String, String)>)> = None;
        for line in lines {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line == "}" {
                if let Some(finished) = map.take() {
                    stack.last_mut().unwrap().maps.push(finished);
                } else if let Some(name) = names.pop() {
                    let node = stack.pop().unwrap();
                    stack.last_mut().unwrap().blocks.push((name, node));
                } else {
                    assert_eq!(stack.len(), 1);
                    return stack.pop().unwrap();
                }
                continue;
            }
            if let Some(name) = line.strip_suffix(" {").filter(|name| !name.contains(' ')) {
                names.push(name.to_string());
                stack.push(Node::default());
                continue;
            }
            if let Some(name) = line.strip_suffix(" {}").filter(|name| !name.contains(' ')) {
                stack.last_mut().unwrap().blocks.push((name.to_string(), Node::default()));
                continue;
            }
            let (key, value) = split_assignment(line);
            if let Some(entries) = map.as_mut().map(|(_, entries)| entries) {
                entries.push((key, value));
            } else if value == "{" {
                map = Some((key, Vec::new()));
            } else if value == "{}" {
                stack.last_mut().unwrap().maps.push((key, Vec::new()));
            } else {
                stack.last_mut().unwrap().attrs.push((key, value));
            }
        }
        panic!("unterminated resource");
    }

    /// `key = value`, where key may be a quoted string containing ` = `.
    fn split_assignment(line: &str) -> (String, String) {
        let key_end = if line.starts_with('"') { literal_end(line, 0) } else { line.find(' ').unwrap_or(line.len()) };
        let (key, rest) = line.split_at(key_end);
        let value = rest.trim_start().strip_prefix("= ").unwrap_or_else(|| panic!("not an assignment: {line:?}"));
        (key.to_string(), value.to_string())
    }

    /// Byte index just past the quoted literal starting at `start`.
    fn literal_end(text: &str, start: usize) -> usize {
        let bytes = text.as_bytes();
        let mut i = start + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'"' => return i + 1,
                _ => i += 1,
            }
        }
        panic!("unterminated literal in {text:?}");
    }

    /// The raw items of a one-line list literal `["a", "b"]`.
    fn list_items(raw: &str) -> Vec<String> {
        let inner = raw.strip_prefix('[').and_then(|r| r.strip_suffix(']')).expect("a list literal");
        let mut items = Vec::new();
        let mut i = 0;
        while i < inner.len() {
            let end = if inner[i..].starts_with('"') {
                literal_end(inner, i)
            } else {
                inner[i..].find(',').map_or(inner.len(), |at| i + at)
            };
            items.push(inner[i..end].to_string());
            i = end;
            while inner[i..].starts_with([',', ' ']) {
                i += 1;
            }
        }
        items
    }

    fn map_key_text(raw: &str) -> String {
        if raw.starts_with('"') {
            decode(raw).unwrap()
        } else {
            raw.to_string()
        }
    }

    #[test]
    fn escapes_every_awkward_class_exactly() {
        let cases = [
            ("plain", r#""plain""#),
            ("say \"hi\"", r#""say \"hi\"""#),
            (r"C:\path\n", r#""C:\\path\\n""#),
            ("${var.secret}", r#""$${var.secret}""#),
            ("%{ if x }", r#""%%{ if x }""#),
            ("already $${x}", r#""already \u0024$${x}""#),
            ("100%% {x}", r#""100\u0025% {x}""#),
            ("cost $5, 50%", r#""cost $5, 50%""#),
            ("`id` #hash // not a comment", r#""`id` #hash // not a comment""#),
            ("line1\nline2\r\n", r#""line1\nline2\r\n""#),
            ("a\tb", r#""a\tb""#),
            ("sep\u{2028}para\u{2029}", r#""sep\u2028para\u2029""#),
            ("bell\u{7}nul\u{0}del\u{7f}", r#""bell\u0007nul\u0000del\u007F""#),
            ("rtl\u{202e}zw\u{200b}bom\u{feff}", r#""rtl\u202Ezw\u200Bbom\uFEFF""#),
            (
                "iso\u{2066}lrm\u{200e}shy\u{ad}vs\u{fe0f}tag\u{e0041}",
                r#""iso\u2066lrm\u200Eshy\u00ADvs\uFE0Ftag\U000E0041""#,
            ),
            ("Café 漢字 😀 Ωß", r#""Café 漢字 😀 Ωß""#),
            ("", r#""""#),
        ];
        for (input, expected) in cases {
            let literal = hcl_string(input);
            assert_eq!(literal, expected, "escaping {input:?}");
            assert_eq!(decode(&literal).as_deref(), Ok(input), "round trip of {input:?}");
        }
    }

    #[test]
    fn every_combination_of_template_characters_round_trips() {
        // All strings up to five characters over the characters that make templates and
        // escapes: none may decode to anything but itself, nor contain a live sequence.
        let alphabet = ['$', '%', '{', '}', '\\', '"', 'x'];
        let mut pending = vec![String::new()];
        let mut checked = 0;
        while let Some(text) = pending.pop() {
            assert_eq!(decode(&hcl_string(&text)).as_deref(), Ok(text.as_str()), "{text:?}");
            checked += 1;
            if text.chars().count() < 5 {
                pending.extend(alphabet.iter().map(|c| format!("{text}{c}")));
            }
        }
        assert_eq!(checked, (0..=5).map(|n| 7usize.pow(n)).sum::<usize>());
    }

    #[test]
    fn map_keys_are_quoted_unless_plain_identifiers() {
        assert_eq!(map_key("Environment"), "Environment");
        assert_eq!(map_key("cost_center_2"), "cost_center_2");
        assert_eq!(map_key("app:component"), r#""app:component""#);
        assert_eq!(map_key("aws-cdk"), r#""aws-cdk""#);
        assert_eq!(map_key("2fast"), r#""2fast""#);
        assert_eq!(map_key("for"), r#""for""#);
        assert_eq!(map_key("null"), r#""null""#);
        assert_eq!(map_key("${x}"), r#""$${x}""#);
        assert_eq!(map_key(""), r#""""#);
        let out = export(
            r#"{"PoolName":"p","UserPoolTags":{"app:component":"auth","Team":"id","for":"x","ké y":"v\n"}}"#,
            false,
            false,
        );
        let tags = read_resource(&out.text).maps.into_iter().find(|(n, _)| n == "tags").expect("tags map").1;
        let decoded: Vec<(String, String)> = tags.iter().map(|(k, v)| (map_key_text(k), decode(v).unwrap())).collect();
        assert_eq!(
            decoded,
            [("app:component", "auth"), ("Team", "id"), ("for", "x"), ("ké y", "v\n")]
                .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        assert!(out.text.contains("    \"app:component\" = \"auth\"\n"), "{}", out.text);
    }

    #[test]
    fn snake_case_handles_acronyms() {
        assert_eq!(snake_case("KMSKeyID"), "kms_key_id");
        assert_eq!(snake_case("CustomSMSSender"), "custom_sms_sender");
        assert_eq!(snake_case("SMSMessage"), "sms_message");
        assert_eq!(
            snake_case("AttributesRequireVerificationBeforeUpdate"),
            "attributes_require_verification_before_update"
        );
    }

    #[test]
    fn structure_of_a_full_request() {
        let text = include_str!("../../tests/corpus/realistic/08-acme-fully-featured.json");
        let out = export(text, true, true);
        let root = read_resource(&out.text);
        assert_eq!(out.text.matches("resource \"").count(), 1);
        assert_eq!(root.attr("name"), Some("\"acme-prod-users\""));
        assert_eq!(root.attr("deletion_protection"), Some("\"ACTIVE\""));
        assert_eq!(root.attr("user_pool_tier"), Some("\"PLUS\""));
        // Policies is flattened into two top-level blocks.
        assert!(root.block("policies").is_none());
        assert_eq!(root.block("password_policy").and_then(|b| b.attr("minimum_length")), Some("12"));
        assert_eq!(
            root.block("sign_in_policy").and_then(|b| b.attr("allowed_first_auth_factors")),
            Some(r#"["PASSWORD", "EMAIL_OTP"]"#)
        );
        // Renamed arguments and nested blocks.
        let lambda = root.block("lambda_config").expect("lambda_config");
        assert!(lambda.attr("kms_key_id").is_some());
        assert_eq!(lambda.block("custom_sms_sender").and_then(|b| b.attr("lambda_version")), Some("\"V1_0\""));
        assert!(root.block("email_configuration").and_then(|b| b.attr("from_email_address")).is_some());
        assert!(root.block("admin_create_user_config").and_then(|b| b.block("invite_message_template")).is_some());
        // Repeated blocks, with constraint values as strings (the provider's type).
        let schema: Vec<&Node> = root.blocks("schema");
        assert_eq!(schema.len(), 3);
        assert_eq!(
            schema[2].block("number_attribute_constraints").and_then(|b| b.attr("max_value")),
            Some("\"1000000\"")
        );
        let recovery = root.block("account_recovery_setting").expect("account_recovery_setting");
        assert_eq!(recovery.blocks("recovery_mechanism").len(), 2);
        assert!(recovery.block("recovery_mechanisms").is_none());
        assert_eq!(root.maps.iter().find(|(n, _)| n == "tags").map(|(_, e)| e.len()), Some(3));
        // Simple arguments come before blocks, aligned.
        assert!(out.text.contains("  name                       = \"acme-prod-users\"\n"), "{}", out.text);
        assert!(out.text.find("user_pool_tier").unwrap() < out.text.find("password_policy {").unwrap());
        assert!(out.text.ends_with("}\n"));
    }

    #[test]
    fn passkeys_and_conflicting_sign_in_attributes_are_noted() {
        let passwordless = include_str!("../../tests/corpus/realistic/06-passwordless-essentials.json");
        assert!(export(passwordless, false, false).notes.iter().any(|n| n.contains("web_authn_configuration")));
        let both =
            export(r#"{"PoolName":"p","AliasAttributes":["email"],"UsernameAttributes":["email"]}"#, false, false);
        assert!(both.notes.iter().any(|n| n.contains("AliasAttributes together with UsernameAttributes")));
        let plain = export(r#"{"PoolName":"p","UsernameAttributes":["email"]}"#, false, false);
        assert!(!plain.notes.iter().any(|n| n.contains("web_authn") || n.contains("together with")));
    }

    #[test]
    fn mfa_factors_become_provider_blocks_only_with_mfa_on_or_optional() {
        let optional = r#"{"PoolName":"p","MfaConfiguration":"OPTIONAL","SmsConfiguration":{"SnsCallerArn":"arn:aws:iam::111122223333:role/sms","ExternalId":"x"}}"#;
        let root = read_resource(&export(optional, true, true).text);
        assert_eq!(root.attr("mfa_configuration"), Some("\"OPTIONAL\""));
        assert_eq!(root.block("software_token_mfa_configuration").and_then(|b| b.attr("enabled")), Some("true"));
        // Not an empty block: the provider would drop it and email MFA would stay off.
        assert_eq!(
            root.block("email_mfa_configuration").and_then(|b| b.attr("subject")),
            Some("\"Your sign-in code\"")
        );
        assert!(root.block("sms_configuration").is_some());

        let totp_only = read_resource(&export(optional, true, false).text);
        assert!(totp_only.block("software_token_mfa_configuration").is_some());
        assert!(totp_only.block("email_mfa_configuration").is_none());

        let none = export(optional, false, false);
        assert!(!none.text.contains("software_token") && !none.text.contains("email_mfa"));

        for off in [r#"{"PoolName":"p","MfaConfiguration":"OFF"}"#, r#"{"PoolName":"p"}"#] {
            let out = export(off, true, true);
            assert!(!out.text.contains("software_token") && !out.text.contains("email_mfa"), "{}", out.text);
            assert!(out.notes.iter().any(|n| n.contains("MfaConfiguration is not ON or OPTIONAL")), "{:?}", out.notes);
        }
        // An SMS configuration without SMS as a factor cannot be said in Terraform: noted.
        let request = parse_json(optional);
        let totp = Options { mfa: MfaFactors { totp: true, ..MfaFactors::NONE }, ..Options::default() };
        let kept_sms = render(&request, &totp);
        assert!(kept_sms.notes.iter().any(|n| n.contains("cannot keep an SMS configuration without SMS MFA")));
        assert!(!export(optional, true, false).notes.iter().any(|n| n.contains("cannot keep an SMS")));
        let no_factor = export(r#"{"PoolName":"p","MfaConfiguration":"ON"}"#, false, false);
        assert!(no_factor.notes.iter().any(|n| n.contains("no factor is configured")));
    }

    #[test]
    fn inexpressible_fields_are_commented_and_noted_never_dropped_silently() {
        let text = r#"{"PoolName":"p",
            "LambdaConfig":{"PreSignUp":"arn:aws:lambda:us-east-1:111122223333:function:f","InboundFederation":{"LambdaVersion":"V1_0","LambdaArn":"arn:aws:lambda:us-east-1:111122223333:function:g"}},
            "SmsConfiguration":{"SnsCallerArn":"arn:aws:iam::111122223333:role/r","ExternalId":"e","EumsSms":{"CallerArn":"arn:aws:iam::111122223333:role/e"}},
            "AdminCreateUserConfig":{"UnusedAccountValidityDays":7},
            "DcrConfiguration":{"EnableStatus":"Enabled"},
            "KeyConfiguration":{"KeyType":"AWS_OWNED_KEY"},
            "IssuerConfiguration":{"Type":"UPDATED"},
            "AcrConfiguration":{"Level1":{"AcrValue":"urn:x"}}}"#;
        let out = export(text, false, false);
        let header = &out.text[..out.text.find("resource ").unwrap()];
        let root = read_resource(&out.text);
        for path in [
            "LambdaConfig.InboundFederation",
            "SmsConfiguration.EumsSms",
            "AdminCreateUserConfig.UnusedAccountValidityDays",
            "DcrConfiguration",
            "KeyConfiguration",
            "IssuerConfiguration",
            "AcrConfiguration",
        ] {
            assert!(header.contains(&format!("#   {path}: ")), "{path} missing from the comment:\n{header}");
            assert!(
                out.notes.iter().any(|n| n.contains(&format!("Terraform cannot set {path} "))),
                "{path} missing from the notes"
            );
        }
        // Their siblings are kept; an object left empty is not written as an empty block.
        assert!(root.block("lambda_config").and_then(|b| b.attr("pre_sign_up")).is_some());
        assert_eq!(root.block("sms_configuration").map(|b| b.attrs.len()), Some(2));
        assert!(root.block("admin_create_user_config").is_none());
        for gone in ["inbound", "eums", "unused_account", "dcr", "key_config", "issuer", "acr"] {
            assert!(!out.text[header.len()..].contains(gone), "{gone} leaked into the resource");
        }
        assert!(header.contains("password_policy.temporary_password_validity_days"), "the replacement is named");
    }

    #[test]
    fn legacy_messages_give_way_to_their_template_counterparts() {
        let text = r#"{"PoolName":"p","SmsVerificationMessage":"old {####}","EmailVerificationSubject":"Old subject",
            "VerificationMessageTemplate":{"SmsMessage":"new {####}"}}"#;
        let out = export(text, false, false);
        let root = read_resource(&out.text);
        assert!(
            root.attr("sms_verification_message").is_none(),
            "ConflictsWith verification_message_template.0.sms_message"
        );
        assert_eq!(
            root.block("verification_message_template").and_then(|b| b.attr("sms_message")),
            Some("\"new {####}\"")
        );
        // No counterpart in the template: kept.
        assert_eq!(root.attr("email_verification_subject"), Some("\"Old subject\""));
        assert!(out.text.contains(
            "#   SmsVerificationMessage: the provider refuses it next to verification_message_template.sms_message"
        ));
        assert!(out.notes.iter().any(|n| n.contains("SmsVerificationMessage")));
    }

    #[test]
    fn provider_required_arguments_get_the_empty_string_the_provider_ignores() {
        let out = export(
            r#"{"PoolName":"p","SmsConfiguration":{"SnsCallerArn":"arn:aws:iam::111122223333:role/r"}}"#,
            false,
            false,
        );
        let sms = read_resource(&out.text).blocks.into_iter().find(|(n, _)| n == "sms_configuration").unwrap().1;
        assert_eq!(sms.attr("external_id"), Some("\"\""));
        assert!(out.text.contains("# Not in the request: required by the provider"));
        let both = export(r#"{"PoolName":"p","SmsConfiguration":{"SnsRegion":"us-east-1"}}"#, false, false);
        let sms = read_resource(&both.text).blocks.into_iter().find(|(n, _)| n == "sms_configuration").unwrap().1;
        assert_eq!((sms.attr("sns_caller_arn"), sms.attr("external_id")), (Some("\"\""), Some("\"\"")));
    }

    /// The schema blocks of an export of `schema` (a JSON list of attributes), and its notes.
    fn schema_blocks(schema: &str) -> (Vec<Node>, Export) {
        let out = export(&format!(r#"{{"PoolName":"p","Schema":{schema}}}"#), false, false);
        let root = read_resource(&out.text);
        (root.blocks.into_iter().filter(|(n, _)| n == "schema").map(|(_, b)| b).collect(), out)
    }

    fn constraints<'a>(block: &'a Node, name: &str) -> Option<Vec<(&'a str, &'a str)>> {
        block.block(name).map(|b| b.attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect())
    }

    #[test]
    fn a_string_attribute_without_constraints_gets_the_lengths_aws_stores() {
        let (blocks, out) = schema_blocks(r#"[{"Name":"tenant_id","AttributeDataType":"String","Mutable":true}]"#);
        assert_eq!(
            constraints(&blocks[0], "string_attribute_constraints"),
            Some(vec![("min_length", "\"0\""), ("max_length", "\"2048\"")])
        );
        assert!(out.text.contains("    # Bounds the request leaves out are the ones AWS stores, so that later plans do not replace the pool.\n    string_attribute_constraints {\n"), "{}", out.text);
        let note = filled_note(&out);
        assert!(
            note.contains("issue #7502") && note.contains(r#""tenant_id": min_length "0" and max_length "2048""#),
            "{note}"
        );
        // An empty constraints object is no constraints: filled the same (an empty block would
        // make later additions fail, terraform-provider-aws #37687).
        let (blocks, _) = schema_blocks(
            r#"[{"Name":"t","AttributeDataType":"String","Mutable":true,"StringAttributeConstraints":{}}]"#,
        );
        assert_eq!(
            constraints(&blocks[0], "string_attribute_constraints"),
            Some(vec![("min_length", "\"0\""), ("max_length", "\"2048\"")])
        );
    }

    #[test]
    fn a_string_attribute_with_one_bound_gets_the_other() {
        let (blocks, out) = schema_blocks(
            r#"[{"Name":"code","AttributeDataType":"String","Mutable":true,"StringAttributeConstraints":{"MaxLength":"12"}},
                {"Name":"nick","AttributeDataType":"String","Mutable":true,"StringAttributeConstraints":{"MinLength":"3"}}]"#,
        );
        assert_eq!(
            constraints(&blocks[0], "string_attribute_constraints"),
            Some(vec![("max_length", "\"12\""), ("min_length", "\"0\"")])
        );
        assert_eq!(
            constraints(&blocks[1], "string_attribute_constraints"),
            Some(vec![("min_length", "\"3\""), ("max_length", "\"2048\"")])
        );
        let note = filled_note(&out);
        assert!(note.contains(r#""code": min_length "0"; "nick": max_length "2048""#), "{note}");
    }

    #[test]
    fn a_number_attribute_without_bounds_gets_an_empty_block() {
        let (blocks, out) = schema_blocks(
            r#"[{"Name":"score","AttributeDataType":"Number","Mutable":true},
                {"Name":"level","AttributeDataType":"Number","Mutable":true,"NumberAttributeConstraints":{}}]"#,
        );
        for block in &blocks {
            assert_eq!(constraints(block, "number_attribute_constraints"), Some(vec![]), "{}", out.text);
        }
        assert_eq!(out.text.matches("\n    number_attribute_constraints {}\n").count(), 2, "{}", out.text);
        assert!(!out.text.contains("Left out"), "an empty object the export writes is not left out: {}", out.text);
        let note = filled_note(&out);
        assert!(
            note.contains(r#""score": an empty number_attribute_constraints block (AWS stores no bounds)"#),
            "{note}"
        );
    }

    /// The note on filled-in constraints (there must be one), from the notes.
    fn filled_note(out: &Export) -> &str {
        out.notes.iter().find(|n| n.starts_with("Terraform needs the constraints block")).expect("a note")
    }

    #[test]
    fn a_number_attribute_with_bounds_keeps_them_and_only_the_one_without_is_filled() {
        let (blocks, out) = schema_blocks(
            r#"[{"Name":"age","AttributeDataType":"Number","Mutable":true,"NumberAttributeConstraints":{"MinValue":"0","MaxValue":"150"}},
                {"Name":"top","AttributeDataType":"Number","Mutable":true,"NumberAttributeConstraints":{"MaxValue":"9"}},
                {"Name":"code","AttributeDataType":"String","Mutable":true,"StringAttributeConstraints":{"MinLength":"1","MaxLength":"5"}},
                {"Name":"plain","AttributeDataType":"String","Mutable":true}]"#,
        );
        assert_eq!(
            constraints(&blocks[0], "number_attribute_constraints"),
            Some(vec![("min_value", "\"0\""), ("max_value", "\"150\"")])
        );
        // AWS stores no default for the other bound of a number: nothing to fill in.
        assert_eq!(constraints(&blocks[1], "number_attribute_constraints"), Some(vec![("max_value", "\"9\"")]));
        assert_eq!(
            constraints(&blocks[2], "string_attribute_constraints"),
            Some(vec![("min_length", "\"1\""), ("max_length", "\"5\"")])
        );
        // Only the attribute without constraints is filled in, commented and named in the note.
        assert_eq!(out.text.matches("# Bounds the request leaves out").count(), 1, "{}", out.text);
        assert!(!out.text.contains("# Empty on purpose"), "{}", out.text);
        let note = filled_note(&out);
        assert!(note.ends_with(r#"so the pool is the same: "plain": min_length "0" and max_length "2048"."#), "{note}");
    }

    #[test]
    fn boolean_and_date_attributes_get_no_constraints() {
        let (blocks, out) = schema_blocks(
            r#"[{"Name":"flag","AttributeDataType":"Boolean","Mutable":true},
                {"Name":"when","AttributeDataType":"DateTime","Mutable":true},
                {"Name":"score","AttributeDataType":"Number","Mutable":true}]"#,
        );
        assert!(blocks[0].blocks.is_empty() && blocks[1].blocks.is_empty(), "{}", out.text);
        assert_eq!(constraints(&blocks[2], "number_attribute_constraints"), Some(vec![]), "{}", out.text);
        let note = filled_note(&out);
        assert!(!note.contains("\"flag\"") && !note.contains("\"when\"") && note.contains("\"score\""), "{note}");
    }

    #[test]
    fn standard_attributes_get_their_stored_defaults_and_birthdate_a_note() {
        let (blocks, out) = schema_blocks(
            r#"[{"Name":"email","AttributeDataType":"String","Mutable":true,"Required":true},
                {"Name":"updated_at","AttributeDataType":"Number","Mutable":true},
                {"Name":"birthdate","AttributeDataType":"String","Mutable":true}]"#,
        );
        assert_eq!(
            constraints(&blocks[0], "string_attribute_constraints"),
            Some(vec![("min_length", "\"0\""), ("max_length", "\"2048\"")])
        );
        assert_eq!(constraints(&blocks[1], "number_attribute_constraints"), Some(vec![("min_value", "\"0\"")]));
        assert!(blocks[2].blocks.is_empty(), "birthdate's stored lengths are not known for certain");
        assert!(
            out.notes
                .iter()
                .any(|n| n.starts_with("Schema attribute \"birthdate\": StringAttributeConstraints is incomplete")
                    && n.contains("#38197")),
            "{:?}",
            out.notes
        );
    }

    #[test]
    fn schema_attribute_without_mutable_is_flagged() {
        let out = export(
            r#"{"PoolName":"p","Schema":[{"Name":"plan","AttributeDataType":"String"},{"Name":"sub","AttributeDataType":"String"},{"Name":"x","AttributeDataType":"String","Mutable":true}]}"#,
            false,
            false,
        );
        assert_eq!(out.notes.iter().filter(|n| n.contains("Mutable is not set")).count(), 1, "{:?}", out.notes);
        assert!(out.notes.iter().any(|n| n.contains("\"plan\"")));
        assert_eq!(out.text.matches("# Mutable is not in the request").count(), 1);
        assert!(read_resource(&out.text).blocks("schema").iter().all(|b| b.attr("mutable") != Some("false")));
    }

    #[test]
    fn text_nfc_may_change_is_flagged() {
        let out = export(
            r#"{"PoolName":"p","EmailVerificationSubject":"Cafe\u0301","UserPoolTags":{"K":"\u212b"}}"#,
            false,
            false,
        );
        assert!(out.text.contains("#   EmailVerificationSubject\n#   UserPoolTags{}\n"), "{}", out.text);
        assert!(out.notes.iter().any(|n| n.contains("NFC")));
        let decomposed_nukta =
            export("{\"PoolName\":\"p\",\"SmsAuthenticationMessage\":\"\u{928}\u{93c} {####}\"}", false, false);
        assert!(decomposed_nukta.text.contains("#   SmsAuthenticationMessage\n"), "{}", decomposed_nukta.text);
        let composed = export(r#"{"PoolName":"Café Ωß 漢字 😀 नमस्ते 한국어"}"#, false, false);
        assert!(!composed.text.contains("NFC"), "{}", composed.text);
    }

    #[test]
    fn bad_input_never_panics_and_never_breaks_out_of_comments() {
        for text in [
            "[]",
            "null",
            r#""just text""#,
            r#"{"PoolName":{"nested":1}}"#,
            r#"{"PoolName":"p","Policies":[1,2]}"#,
            r#"{"PoolName":"p","Schema":{"Name":"x"}}"#,
            r#"{"PoolName":"p","Schema":[1,"x",null,{}]}"#,
            r#"{"PoolName":"p","Schema":[]}"#,
            r#"{"PoolName":"p","AutoVerifiedAttributes":[["email"]]}"#,
            r#"{"PoolName":"p","UserPoolTags":{"a":{"b":1}}}"#,
            r#"{"PoolName":"p","UserPoolTags":[]}"#,
            r#"{"PoolName":"p","LambdaConfig":{}}"#,
            r#"{"PoolName":"p","Unknown\nresource \"x\" \"y\" {}\n#":1,"MfaConfiguration":5}"#,
            r#"{"PoolName":"p","LambdaConfig":{"No\r\nSuch":true}}"#,
        ] {
            for (totp, email) in [(false, false), (true, true)] {
                let out = export(text, totp, email);
                read_resource(&out.text);
                assert_eq!(out.text.matches("resource \"").count(), 1, "{}", out.text);
            }
        }
        let out = export(r#"{"PoolName":"p","Schema":[]}"#, false, false);
        assert!(out.text.contains("#   Schema: an empty list"), "{}", out.text);
    }

    /// Model leaf paths (`Schema[].Name`, `UserPoolTags{key}`) → research mapping.
    fn mapping() -> Vec<(&'static str, &'static str)> {
        MAPPING
            .lines()
            .filter(|line| !line.starts_with('#') && !line.starts_with("api_path"))
            .map(|line| {
                let mut columns = line.split('\t');
                (columns.next().unwrap(), columns.next().unwrap())
            })
            .collect()
    }

    /// The Terraform path our renderer gives a model leaf, or None when it is left out.
    fn rendered_path(field: &'static Field) -> Option<String> {
        let mut chain: Vec<&'static Field> = std::iter::successors(Some(field), |f| f.parent()).collect();
        chain.reverse();
        if chain.iter().any(|f| INEXPRESSIBLE.iter().any(|(prefix, _)| within(f.path, prefix))) {
            return None;
        }
        let mut path = String::new();
        for f in chain {
            match f.name {
                "[]" if f.kind != Kind::Structure => path.push_str("[]"),
                "[]" | "Policies" => {}
                "{key}" | "{}" => path.push_str(f.name),
                _ => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    push_argument_name(f, &mut path);
                }
            }
        }
        Some(path)
    }

    #[test]
    fn terraform_expresses_73_of_the_93_leaves_and_names_them_as_the_research_does() {
        let leaves: Vec<&'static Field> = model::FIELDS.iter().filter(|f| model::is_leaf(f)).collect();
        assert_eq!(leaves.len(), 93);
        let mapping = mapping();
        assert_eq!(mapping.len(), 93, "one mapping row per leaf");
        let schema_paths: Vec<&str> = SCHEMA.lines().skip(1).filter_map(|l| l.split('\t').next()).collect();
        let mut expressible = 0;
        let mut gaps = Vec::new();
        for field in &leaves {
            let research = mapping.iter().find(|(api, _)| *api == field.path).map(|(_, tf)| *tf);
            let ours = rendered_path(field);
            match (research, ours.as_deref()) {
                (Some("GAP"), None) => gaps.push(field.path),
                (Some(tf), Some(ours)) => {
                    assert_eq!(ours, tf, "{}", field.path);
                    let argument = tf.trim_end_matches("[]").trim_end_matches("{key}").trim_end_matches("{}");
                    assert!(schema_paths.contains(&argument), "{argument} is not in the provider schema");
                    expressible += 1;
                }
                other => panic!("{}: research {:?}, ours {:?}", field.path, other.0, other.1),
            }
        }
        assert_eq!(expressible, 73);
        assert_eq!(
            gaps,
            [
                "LambdaConfig.InboundFederation.LambdaVersion",
                "LambdaConfig.InboundFederation.LambdaArn",
                "SmsConfiguration.EumsSms.CallerArn",
                "SmsConfiguration.EumsSms.ExternalId",
                "SmsConfiguration.EumsSms.OriginationIdentity",
                "SmsConfiguration.EumsSms.ConfigurationSetName",
                "SmsConfiguration.EumsSms.InEntityId",
                "SmsConfiguration.EumsSms.InTemplateId",
                "SmsConfiguration.EumsSms.Region",
                "AdminCreateUserConfig.UnusedAccountValidityDays",
                "DcrConfiguration.EnableStatus",
                "DcrConfiguration.OpenDcrEnabled",
                "DcrConfiguration.AuthenticatedGrantTypes[]",
                "DcrConfiguration.OpenDcrGrantTypes[]",
                "DcrConfiguration.AllowedScopes[]",
                "KeyConfiguration.KeyType",
                "KeyConfiguration.KmsKeyArn",
                "IssuerConfiguration.Type",
                "AcrConfiguration{key}",
                "AcrConfiguration{}.AcrValue",
            ]
        );
    }

    /// One leaf value of a request: its model path, where it sits, and the value.
    struct Leaf<'a> {
        model_path: &'static str,
        indices: Vec<usize>,
        map_key: Option<&'a str>,
        value: &'a Json,
    }

    fn leaves<'a>(
        field: Option<&'static Field>,
        value: &'a Json,
        indices: &[usize],
        key: Option<&'a str>,
        out: &mut Vec<Leaf<'a>>,
    ) {
        match (field.map(|f| f.kind), value) {
            (None | Some(Kind::Structure), Json::Object(members)) => {
                for (name, member) in members {
                    let child = match field {
                        Some(f) => f.member(name),
                        None => model::top_level_member(name),
                    };
                    leaves(Some(child.expect("corpus uses model members")), member, indices, key, out);
                }
            }
            (Some(Kind::List), Json::Array(items)) => {
                let element = field.unwrap().child_fields().next().unwrap();
                for (i, item) in items.iter().enumerate() {
                    let mut at = indices.to_vec();
                    at.push(i);
                    leaves(Some(element), item, &at, key, out);
                }
            }
            (Some(Kind::Map), Json::Object(entries)) => {
                let mut parts = field.unwrap().child_fields();
                let (key_field, value_field) = (parts.next().unwrap(), parts.next().unwrap());
                for (k, v) in entries {
                    out.push(Leaf {
                        model_path: key_field.path,
                        indices: indices.to_vec(),
                        map_key: Some(k),
                        value: v,
                    });
                    leaves(Some(value_field), v, indices, Some(k), out);
                }
            }
            (Some(_), scalar) => out.push(Leaf {
                model_path: field.unwrap().path,
                indices: indices.to_vec(),
                map_key: key,
                value: scalar,
            }),
            (None, _) => panic!("a request is an object"),
        }
    }

    /// The raw literal at the research path `tf`, following repeated blocks by `indices`.
    fn find_value(root: &Node, tf: &str, leaf: &Leaf) -> Option<String> {
        let repeated: Vec<&str> =
            SCHEMA.lines().filter(|l| l.contains("\tblock\tset\t")).filter_map(|l| l.split('\t').next()).collect();
        let mut segments: Vec<&str> = tf.split('.').collect();
        let last = segments.pop()?;
        let mut node = root;
        let mut indices = leaf.indices.iter();
        let mut so_far = String::new();
        for segment in segments {
            so_far = if so_far.is_empty() { segment.to_string() } else { format!("{so_far}.{segment}") };
            let index = if repeated.contains(&so_far.as_str()) { *indices.next()? } else { 0 };
            node = node.blocks(segment).into_iter().nth(index)?;
        }
        if let Some(map) = last.strip_suffix("{key}").or_else(|| last.strip_suffix("{}")) {
            let entries = &node.maps.iter().find(|(n, _)| n == map)?.1;
            let wanted = leaf.map_key?;
            let (key, value) = entries.iter().find(|(k, _)| map_key_text(k) == wanted)?;
            return Some(if last.ends_with("{key}") { hcl_string(&map_key_text(key)) } else { value.clone() });
        }
        if let Some(list) = last.strip_suffix("[]") {
            return list_items(node.attr(list)?).get(*indices.next()?).cloned();
        }
        node.attr(last).map(str::to_string)
    }

    #[test]
    fn no_expressible_leaf_of_the_realistic_corpus_is_dropped() {
        let mapping = mapping();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/realistic");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        assert_eq!(files.len(), 28);
        let (mut found, mut commented) = (0, 0);
        for file in files {
            let request = parse_json(&std::fs::read_to_string(&file).unwrap());
            let out = render(
                &request,
                &Options { mfa: MfaFactors { sms: true, totp: true, email: true }, ..Options::default() },
            );
            let root = read_resource(&out.text);
            let header = &out.text[..out.text.find("resource ").unwrap()];
            let mut all = Vec::new();
            leaves(None, &request, &[], None, &mut all);
            for leaf in all {
                let tf = mapping.iter().find(|(api, _)| *api == leaf.model_path).map(|(_, tf)| *tf).unwrap();
                let superseded = SUPERSEDED.iter().any(|(legacy, _)| *legacy == leaf.model_path)
                    && header.contains(&format!("#   {}: ", leaf.model_path));
                if tf == "GAP" || superseded {
                    let named = header.lines().any(|l| {
                        l.strip_prefix("#   ")
                            .and_then(|l| l.split(':').next())
                            .is_some_and(|p| within(leaf.model_path, p))
                    });
                    assert!(named, "{}: {} left out without a comment", file.display(), leaf.model_path);
                    commented += 1;
                    continue;
                }
                let expected = match leaf.value {
                    _ if leaf.model_path.ends_with("{key}") => hcl_string(leaf.map_key.unwrap()),
                    Json::String(s) => hcl_string(s),
                    Json::Number(n) => n.clone(),
                    Json::Bool(b) => b.to_string(),
                    other => panic!("unexpected leaf {other:?}"),
                };
                let actual = find_value(&root, tf, &leaf);
                assert_eq!(
                    actual.as_deref(),
                    Some(expected.as_str()),
                    "{}: {} at {tf}",
                    file.display(),
                    leaf.model_path
                );
                found += 1;
            }
        }
        // The corpus sets every leaf at least once; most many times.
        assert!(found > 300 && commented >= 20, "found {found}, commented {commented}");
    }
}
