//! Terraform → a CreateUserPool form: `resource "aws_cognito_user_pool"` blocks of `.tf` files,
//! and `terraform show -json` output (a plan or a state).
//!
//! Owns reading both inputs, choosing one pool when a file has several ([`pools`],
//! [`show_json_pools`], by resource name or address), and turning the provider's arguments and
//! blocks back into request members. The names come from the exporter's table
//! (`export::terraform::request_field`), so import and export cannot drift: `name` is
//! `PoolName`, `tags` is `UserPoolTags`, `password_policy` and `sign_in_policy` go under
//! `Policies`, repeated `schema` blocks make the `Schema` list. Scalars are typed by their
//! field, as Terraform converts them (`min_length = 0` is the text "0", `minimum_length = "8"`
//! the number 8).
//!
//! `.tf` files are read with the `hcl-edit` crate, which keeps the byte span of every
//! expression: diagnostics point at the file's line and column, and a value that is not a
//! literal (a variable, a local, a reference such as `aws_lambda_function.pre_signup.arn`, a
//! function call, a template with `${…}`, a conditional, a `for` expression, a `dynamic` block)
//! is kept as its source text, verbatim, in a one-member object
//! `{"Poolsmith::Terraform": "<source>"}` where the value goes ([`EXPRESSION`]).
//!
//! MFA: `mfa_configuration` is the request's `MfaConfiguration`; the factors come from
//! `software_token_mfa_configuration { enabled = true }` (authenticator apps),
//! `email_mfa_configuration` (email) and `sms_configuration` (SMS, which the provider turns on
//! with it whenever MFA is on), as the exporter writes them.
//!
//! Nothing is dropped silently: meta-arguments (`count`, `for_each`, `lifecycle`,
//! `depends_on`, `provider`), `region`, attributes AWS sets (`arn`, `endpoint`, …),
//! `web_authn_configuration` and the email-MFA texts become notes. An argument the provider
//! does not have fails the import at its line, as `terraform validate` would.
//!
//! Sources: the resource's arguments,
//! <https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_user_pool>;
//! the JSON output format, <https://developer.hashicorp.com/terraform/internals/json-format>;
//! HCL's native syntax,
//! <https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md>.

use super::{finish, split, Members, Outcome};
use crate::diagnostic::Diagnostic;
use crate::export::terraform::{request_field, required_blank};
use crate::json::{self, Json, Located, Pos};
use crate::mfa::{self, MfaFactors};
use crate::model::{Field, Kind};
use crate::value::FieldPath;
use hcl_edit::expr::{Expression, ObjectKey, UnaryOperator};
use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::template::Element;
use hcl_edit::Span;

/// The resource type of a user pool.
pub const RESOURCE_TYPE: &str = "aws_cognito_user_pool";

/// The one member of the object that stands for a Terraform expression in the request JSON:
/// `{"Poolsmith::Terraform": "var.pool_name"}`.
pub const EXPRESSION: &str = "Poolsmith::Terraform";

/// Attributes of `aws_cognito_user_pool` that AWS or the provider sets (provider 6.x): a file
/// cannot set them, and show-json output has them.
const COMPUTED: [&str; 10] = [
    "id",
    "arn",
    "endpoint",
    "creation_date",
    "last_modified_date",
    "estimated_number_of_users",
    "domain",
    "custom_domain",
    "tags_all",
    "name_prefix",
];

/// Arguments the provider works out when a file leaves them out (Optional and Computed): a plan
/// shows them as known only after apply although nobody has to fill them in.
const COMPUTED_WHEN_UNSET: [&str; 4] = [
    "email_verification_message",
    "email_verification_subject",
    "sms_verification_message",
    "lambda_config.pre_token_generation",
];

/// Meta-arguments and blocks Terraform gives every resource
/// (<https://developer.hashicorp.com/terraform/language/meta-arguments>).
const META: [&str; 8] =
    ["count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection", "import"];

/// A user pool resource in a file: its name (`.tf`) or address (show-json), and its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolRef {
    pub name: String,
    pub line: u32,
}

/// The request read from one pool, before it becomes a form.
#[derive(Debug)]
pub struct Pool {
    /// The resource's name (`.tf`) or address (show-json).
    pub name: String,
    /// The request, with expressions as `{"Poolsmith::Terraform": "…"}` objects.
    pub request: Json,
    /// Where each of its values is in the file.
    pub at: Located,
    pub mfa: MfaFactors,
    pub notes: Vec<String>,
    /// The resource's meta-arguments (`lifecycle { prevent_destroy = true }`, `count = 1`), as
    /// written: the Terraform export writes them back.
    pub meta: Vec<String>,
}

/// The `aws_cognito_user_pool` resources of a `.tf` file, in file order.
pub fn pools(text: &str) -> Result<Vec<PoolRef>, Vec<Diagnostic>> {
    let file = File::parse(text)?;
    Ok(file.pools().map(|(name, block)| PoolRef { name: name.to_string(), line: file.pos(block).line }).collect())
}

/// Imports the pool `resource` of a `.tf` file, or its only pool.
pub fn import(text: &str, resource: Option<&str>) -> Outcome {
    into_form(read(text, resource)?)
}

/// Reads the pool `resource` of a `.tf` file (or its only pool) as a request.
pub fn read(text: &str, resource: Option<&str>) -> Result<Pool, Vec<Diagnostic>> {
    let file = File::parse(text)?;
    let found: Vec<(&str, &Block)> = file.pools().collect();
    let names: Vec<&str> = found.iter().map(|(name, _)| *name).collect();
    let (name, block) = choose(&found, &names, resource, || {
        let kinds: Vec<String> = file
            .body
            .blocks()
            .map(|b| {
                let labels: Vec<&str> = b.labels.iter().map(|l| l.as_str()).collect();
                [b.ident.as_str()].into_iter().chain(labels).collect::<Vec<_>>().join(" ")
            })
            .collect();
        if kinds.is_empty() {
            "no blocks".to_string()
        } else {
            kinds.join(", ")
        }
    })?;
    let pos = file.pos(*block);
    let mut reader =
        Reader { file: &file, notes: Vec::new(), problems: Vec::new(), mfa: MfaFactors::NONE, meta: Vec::new() };
    reader.notes.push(format!("Imported resource \"{RESOURCE_TYPE}\" \"{name}\" (line {}).", pos.line));
    let members = reader.resource(&block.body);
    let (request, at) = super::join(members, pos);
    reader.finish_mfa(&request);
    if !reader.problems.is_empty() {
        return Err(reader.problems);
    }
    Ok(Pool { name: name.to_string(), request, at, mfa: reader.mfa, notes: reader.notes, meta: reader.meta })
}

/// The user pools of `terraform show -json` output, by address, in the order the output lists
/// them.
pub fn show_json_pools(text: &str) -> Result<Vec<PoolRef>, Vec<Diagnostic>> {
    let document = ShowJson::parse(text)?;
    Ok(document.pools.iter().map(|(name, _, at)| PoolRef { name: name.clone(), line: at.pos.line }).collect())
}

/// Imports the pool at `address` of `terraform show -json` output, or its only pool.
pub fn import_show_json(text: &str, address: Option<&str>) -> Outcome {
    into_form(read_show_json(text, address)?)
}

/// Reads the pool at `address` of `terraform show -json` output (or its only pool) as a request.
pub fn read_show_json(text: &str, address: Option<&str>) -> Result<Pool, Vec<Diagnostic>> {
    let document = ShowJson::parse(text)?;
    let found: Vec<(&str, usize)> = document.pools.iter().enumerate().map(|(i, p)| (p.0.as_str(), i)).collect();
    let names: Vec<&str> = found.iter().map(|(name, _)| *name).collect();
    let (name, index) = choose(&found, &names, address, || "no managed resources of that type".to_string())?;
    let (_, values, at) = &document.pools[*index];
    let mut notes = vec![format!("Imported {name} from {} values.", document.what)];
    let mut mfa = MfaFactors::NONE;
    let mut ignored = Vec::new();
    let members = show_values(None, values, at, &mut ignored, &mut mfa, &mut notes);
    if !ignored.is_empty() {
        notes.push(format!(
            "Left out what AWS or the provider sets, or what CreateUserPool does not take: {}.",
            ignored.join(", ")
        ));
    }
    if let Some(unknown) = &document.unknown {
        notes.push(format!(
            "Known only after apply, so not in the plan: {unknown}. Fill them in, or import the state after apply."
        ));
    }
    let (request, at) = super::join(members, at.pos);
    if mfa::mode(&request).is_some() {
        mfa.sms = request.get("SmsConfiguration").is_some();
    } else {
        mfa = MfaFactors::NONE;
    }
    if mfa.any() {
        notes.push(format!("The MFA factors are {}.", mfa.describe()));
    }
    Ok(Pool { name: name.to_string(), request, at, mfa, notes, meta: Vec::new() })
}

/// The form of a pool: the request read as every importer reads it, and the MFA factors.
fn into_form(pool: Pool) -> Outcome {
    let members = split(pool.request, pool.at.clone()).unwrap_or_default();
    let mut read = finish(members, pool.at.pos, Vec::new(), pool.notes)?;
    read.form.set_mfa(pool.mfa);
    let meta = Json::Array(pool.meta.into_iter().map(Json::String).collect());
    let context = crate::expr::template::new(
        crate::expr::Origin::Terraform,
        Some(&pool.name),
        vec![(crate::expr::template::TERRAFORM_META.to_string(), meta)],
    );
    read.form.set_template(Some(context));
    Ok(read)
}

/// The one of `found` named `wanted`, or the only one. Otherwise a diagnostic that lists the
/// names (`none` describes the file when it has no pool at all).
fn choose<'a, T>(
    found: &'a [(&'a str, T)],
    names: &[&str],
    wanted: Option<&str>,
    none: impl FnOnce() -> String,
) -> Result<&'a (&'a str, T), Vec<Diagnostic>> {
    let listed = || names.join(", ");
    let mut rule = "import.resource";
    let message = match (wanted, found) {
        (_, []) => {
            let found = none();
            let fix = if found.contains("module ") {
                "import the module's own .tf file that defines the user pool, or terraform show -json output"
            } else {
                "import a file that defines the user pool"
            };
            format!("The file has no {RESOURCE_TYPE} resource (it has {found}): {fix}")
        }
        (Some(wanted), _) => match found.iter().find(|(name, _)| *name == wanted) {
            Some(one) => return Ok(one),
            None => format!("The file has no {RESOURCE_TYPE} called {wanted}: choose one of {}", listed()),
        },
        (None, [one]) => return Ok(one),
        (None, several) => {
            rule = super::SEVERAL_POOLS;
            format!(
                "The file defines {} {RESOURCE_TYPE} resources ({}): choose one (in the app: its button; on the command line: --resource NAME)",
                several.len(),
                listed()
            )
        }
    };
    Err(vec![Diagnostic::error(rule, FieldPath::root(), message).at(Some(Pos { line: 1, column: 1 }))])
}

/// A parsed `.tf` file and where its lines start.
struct File<'a> {
    text: &'a str,
    body: Body,
    /// The byte offset of each line's start.
    lines: Vec<usize>,
}

impl<'a> File<'a> {
    fn parse(text: &'a str) -> Result<File<'a>, Vec<Diagnostic>> {
        // A byte-order mark sits before the first column; hcl-edit does not skip it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
        match hcl_edit::parser::parse_body(text) {
            Ok(body) => Ok(File { text, body, lines }),
            Err(error) => {
                let file = File { text, body: Body::new(), lines };
                let pos = file.pos_of(error.location().offset());
                let message = format!("The file is not valid Terraform (HCL): {} (at {pos})", error.message());
                Err(vec![Diagnostic::error("import.syntax", FieldPath::root(), message).at(Some(pos))])
            }
        }
    }

    /// The `aws_cognito_user_pool` resource blocks, with their names.
    fn pools(&self) -> impl Iterator<Item = (&str, &Block)> {
        self.body.blocks().filter_map(|block| match block.labels.as_slice() {
            [kind, name] if block.ident.as_str() == "resource" && kind.as_str() == RESOURCE_TYPE => {
                Some((name.as_str(), block))
            }
            _ => None,
        })
    }

    /// The line and column (in characters) of a byte offset.
    fn pos_of(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.lines.partition_point(|&start| start <= offset).max(1);
        let start = self.lines[line - 1];
        let column = self.text.get(start..offset).map_or(0, |s| s.chars().count());
        Pos { line: line as u32, column: column as u32 + 1 }
    }

    /// Where something parsed starts.
    fn pos(&self, spanned: &impl Span) -> Pos {
        self.pos_of(spanned.span().map_or(0, |span| span.start))
    }

    /// The source text of something parsed, verbatim.
    fn source(&self, spanned: &impl Span) -> &'a str {
        spanned.span().and_then(|span| self.text.get(span)).unwrap_or_default()
    }
}

/// Reads one resource's body.
struct Reader<'f, 'a> {
    file: &'f File<'a>,
    /// The source text of the resource's meta-arguments.
    meta: Vec<String>,
    notes: Vec<String>,
    problems: Vec<Diagnostic>,
    mfa: MfaFactors,
}

impl Reader<'_, '_> {
    /// The request members of the resource body.
    fn resource(&mut self, body: &Body) -> Members {
        let mut members = Members::new();
        let mut policies = Members::new();
        let mut meta = Vec::new();
        for structure in body.iter() {
            let (name, pos) = match structure {
                Structure::Attribute(attribute) => (attribute.key.as_str(), self.file.pos(attribute)),
                Structure::Block(block) => (block.ident.as_str(), self.file.pos(block)),
            };
            if META.contains(&name) {
                meta.push(format!("{name} (line {})", pos.line));
                let source = match structure {
                    Structure::Attribute(attribute) => self.file.source(attribute),
                    Structure::Block(block) => self.file.source(block),
                };
                self.meta.push(source.trim_end().to_string());
                continue;
            }
            if name == "dynamic" {
                if let Structure::Block(block) = structure {
                    self.dynamic(None, block, &mut members, &mut policies);
                }
                continue;
            }
            if self.special(structure, name, pos) {
                continue;
            }
            match request_field(None, name) {
                Some(field) if field.parent().is_some() => self.member(field, structure, &mut policies),
                Some(field) => self.member(field, structure, &mut members),
                None => self.unknown(None, name, pos),
            }
        }
        if !policies.is_empty() {
            let pos = policies[0].2.pos;
            let (value, at) = super::join(policies, pos);
            members.push(("Policies".to_string(), value, at));
        }
        if !meta.is_empty() {
            self.notes.push(format!(
                "Kept Terraform's meta-arguments {} beside the pool: they say how Terraform manages the resource, not what the pool is, so only the Terraform export writes them back.",
                meta.join(", ")
            ));
        }
        members
    }

    /// Handles what the resource has beyond request members (MFA factors, attributes AWS sets,
    /// `region`, `web_authn_configuration`); false when `name` is none of these.
    fn special(&mut self, structure: &Structure, name: &str, pos: Pos) -> bool {
        match (name, structure) {
            ("software_token_mfa_configuration", Structure::Block(block)) => {
                match block.body.get_attribute("enabled").map(|a| &a.value) {
                    Some(Expression::Bool(on)) => self.mfa.totp = *on.value(),
                    Some(other) => self.notes.push(format!(
                        "software_token_mfa_configuration.enabled is {} (line {}), not true or false: choose the authenticator-app factor in the form.",
                        self.file.source(other),
                        pos.line
                    )),
                    None => self.notes.push(format!(
                        "software_token_mfa_configuration (line {}) has no enabled = true: authenticator apps stay off.",
                        pos.line
                    )),
                }
            }
            ("email_mfa_configuration", Structure::Block(block)) => {
                if block.body.is_empty() {
                    self.notes.push(format!(
                        "email_mfa_configuration (line {}) is empty, and the provider ignores an empty block: email MFA stays off.",
                        pos.line
                    ));
                } else {
                    self.mfa.email = true;
                    let texts: Vec<String> = block
                        .body
                        .attributes()
                        .map(|a| format!("{} = {}", a.key.as_str(), self.file.source(&a.value)))
                        .collect();
                    self.notes.push(format!(
                        "email_mfa_configuration turns on email MFA; its texts ({}) are not part of CreateUserPool: after creating the pool, set them with aws cognito-idp set-user-pool-mfa-config (EmailMfaConfiguration).",
                        texts.join(", ")
                    ));
                }
            }
            ("web_authn_configuration", _) => self.notes.push(format!(
                "Left out web_authn_configuration (line {}): passkey settings are not part of CreateUserPool. After creating the pool, set them with aws cognito-idp set-user-pool-mfa-config (WebAuthnConfiguration).",
                pos.line
            )),
            ("region", Structure::Attribute(attribute)) => self.notes.push(format!(
                "Left out region = {} (line {}): the region is where the request is sent, not part of it.",
                self.file.source(&attribute.value),
                pos.line
            )),
            (name, _) if COMPUTED.contains(&name) => self.notes.push(format!(
                "Left out {name} (line {}): AWS or the provider sets it; it is not an argument of {RESOURCE_TYPE}.",
                pos.line
            )),
            _ => return false,
        }
        true
    }

    /// Adds the member for `field` written as `structure` to `members`: a repeated block
    /// becomes one more item of its list.
    fn member(&mut self, field: &'static Field, structure: &Structure, members: &mut Members) {
        let element = field.child_fields().next().filter(|e| e.kind == Kind::Structure);
        match (structure, field.kind) {
            (Structure::Attribute(attribute), kind) if kind == Kind::Structure || element.is_some() => {
                let name = attribute.key.as_str();
                let message =
                    format!("{name} is a block, not an argument: write {name} {{ … }} (Terraform refuses {name} = …)");
                let pos = self.file.pos(attribute);
                self.problems
                    .push(Diagnostic::error("import.type", FieldPath::member(field.name), message).at(Some(pos)));
            }
            (Structure::Attribute(attribute), _) => {
                if members.iter().any(|(key, ..)| key == field.name) {
                    return self.duplicate(field, self.file.pos(attribute));
                }
                if let Some((value, mut at)) = self.value(Some(field), &attribute.value) {
                    // A member is where its name is, as in every importer.
                    at.pos = self.file.pos(attribute);
                    members.push((field.name.to_string(), value, at));
                } else {
                    self.notes.push(format!(
                        "{} = null (line {}) leaves {} unset.",
                        attribute.key.as_str(),
                        self.file.pos(attribute).line,
                        field.path
                    ));
                }
            }
            (Structure::Block(block), Kind::Structure) => {
                let pos = self.file.pos(block);
                if members.iter().any(|(key, ..)| key == field.name) {
                    return self.duplicate(field, pos);
                }
                self.labels(block);
                let (value, at) = self.block(field, &block.body, pos);
                members.push((field.name.to_string(), value, at));
            }
            (Structure::Block(block), Kind::List) if element.is_some() => {
                let pos = self.file.pos(block);
                self.labels(block);
                let (item, item_at) = self.block(element.unwrap_or(field), &block.body, pos);
                push_item(members, field.name, item, item_at);
            }
            (Structure::Block(block), _) => {
                let pos = self.file.pos(block);
                let name = block.ident.as_str();
                let message = format!("{name} is an argument, not a block: write {name} = …");
                self.problems
                    .push(Diagnostic::error("import.type", FieldPath::member(field.name), message).at(Some(pos)));
            }
        }
    }

    /// Notes labels on a nested block, which Terraform refuses.
    fn labels(&mut self, block: &Block) {
        if !block.labels.is_empty() {
            let message = format!("The block {} takes no labels: remove them", block.ident.as_str());
            let pos = self.file.pos(block);
            self.problems.push(Diagnostic::error("import.syntax", FieldPath::root(), message).at(Some(pos)));
        }
    }

    fn duplicate(&mut self, field: &'static Field, pos: Pos) {
        let message = format!("{} is set more than once: keep one (Terraform refuses a second one)", field.path);
        self.problems.push(Diagnostic::error("import.duplicate", FieldPath::member(field.name), message).at(Some(pos)));
    }

    /// The object a block body makes for the structure `owner`.
    fn block(&mut self, owner: &'static Field, body: &Body, pos: Pos) -> (Json, Located) {
        let mut members = Members::new();
        for structure in body.iter() {
            let (name, at) = match structure {
                Structure::Attribute(attribute) => (attribute.key.as_str(), self.file.pos(attribute)),
                Structure::Block(block) => (block.ident.as_str(), self.file.pos(block)),
            };
            if name == "dynamic" {
                if let Structure::Block(block) = structure {
                    let mut unused = Members::new();
                    self.dynamic(Some(owner), block, &mut members, &mut unused);
                }
                continue;
            }
            let Some(field) = request_field(Some(owner), name) else {
                self.unknown(Some(owner), name, at);
                continue;
            };
            if let (Structure::Attribute(attribute), Some((_, argument))) =
                (structure, required_blank().iter().find(|(path, _)| *path == field.path))
            {
                if matches!(&attribute.value, Expression::String(s) if s.value().is_empty()) {
                    self.notes.push(format!(
                        "{argument} = \"\" (line {}) is left out: the provider does not send an empty value.",
                        at.line
                    ));
                    continue;
                }
            }
            self.member(field, structure, &mut members);
        }
        if owner.path == "Schema[]" && !members.iter().any(|(key, ..)| key == "Mutable") {
            let name = members.iter().find(|(key, ..)| key == "Name").map_or("?".to_string(), |(_, v, _)| v.compact());
            if name != "\"sub\"" {
                self.notes.push(format!(
                    "Schema attribute {name} (line {}) has no mutable: the request leaves it to AWS, but the provider sends mutable = false.",
                    pos.line
                ));
            }
        }
        super::join(members, pos)
    }

    /// A `dynamic "NAME"` block: in a mapped position it is an expression (its source text);
    /// anywhere else a note.
    fn dynamic(&mut self, owner: Option<&'static Field>, block: &Block, members: &mut Members, policies: &mut Members) {
        let pos = self.file.pos(block);
        let label = block.labels.first().map(|l| l.as_str()).unwrap_or_default();
        let field = request_field(owner, label).filter(|f| !matches!(f.kind, Kind::Map) && !f.kind.is_scalar());
        let Some(field) = field else {
            // Not a request member (the MFA factor blocks, web_authn_configuration): kept as
            // written beside the pool, for the Terraform export to write back.
            self.meta.push(self.file.source(block).trim_end().to_string());
            self.notes.push(format!(
                "Kept the dynamic \"{label}\" block (line {}) beside the pool as written: Poolsmith cannot tell what it makes, so the checks leave it out and only the Terraform export writes it back.",
                pos.line
            ));
            return;
        };
        let members = if owner.is_none() && field.parent().is_some() { policies } else { members };
        let expression = expression(self.file.source(block));
        let at = Located { pos, children: vec![Located { pos, children: Vec::new() }] };
        if field.kind == Kind::List {
            push_item(members, field.name, expression, at);
        } else if members.iter().any(|(key, ..)| key == field.name) {
            self.duplicate(field, pos);
        } else {
            members.push((field.name.to_string(), expression, at));
        }
        self.notes.push(format!(
            "Kept the dynamic \"{label}\" block (line {}) as a Terraform expression: its content is known only to Terraform.",
            pos.line
        ));
    }

    /// An argument `name` of the block for `owner` that maps to no request member.
    fn unknown(&mut self, owner: Option<&'static Field>, name: &str, pos: Pos) {
        let block = owner.map_or(RESOURCE_TYPE.to_string(), |owner| {
            let mut names = Vec::new();
            let mut field = Some(owner);
            while let Some(f) = field {
                if !f.is_synthetic() && f.name != "Policies" {
                    names.push(crate::export::terraform::argument_name(f));
                }
                field = f.parent();
            }
            names.reverse();
            names.join(".")
        });
        let message = format!("{block} has no argument {name}: remove it, or check its spelling");
        self.problems.push(Diagnostic::error("import.unknown-key", FieldPath::root(), message).at(Some(pos)));
    }

    /// The request value of `expr` for `field` (None: a field the model does not know, for a
    /// value that only has to be carried), or None for `null` (unset).
    fn value(&mut self, field: Option<&'static Field>, expr: &Expression) -> Option<(Json, Located)> {
        let pos = self.file.pos(expr);
        let leaf = |value: Json| Some((value, Located { pos, children: Vec::new() }));
        if let Some(literal) = self.literal(expr) {
            return match literal {
                Json::Null => None,
                value => leaf(field.map_or(value.clone(), |f| typed(f, value))),
            };
        }
        let kind = field.map(|f| f.kind);
        match expr {
            Expression::Array(items) if matches!(kind, None | Some(Kind::List)) => {
                let element = field.and_then(|f| f.child_fields().next());
                let mut values = Vec::new();
                let mut children = Vec::new();
                for item in items.iter() {
                    let (value, at) = self
                        .value(element, item)
                        .unwrap_or_else(|| (Json::Null, Located { pos: self.file.pos(item), children: Vec::new() }));
                    values.push(value);
                    children.push(at);
                }
                Some((Json::Array(values), Located { pos, children }))
            }
            Expression::Object(object) if matches!(kind, None | Some(Kind::Map)) => {
                // Map values are typed by the map's value field.
                let child = field.and_then(|f| f.child_fields().nth(1));
                let mut members = Members::new();
                for (key, value) in object.iter() {
                    let name = match key {
                        ObjectKey::Ident(ident) => ident.as_str().to_string(),
                        ObjectKey::Expression(Expression::String(text)) => text.value().to_string(),
                        // A key Terraform works out: the whole object is an expression.
                        ObjectKey::Expression(_) => return leaf(expression(self.file.source(expr))),
                    };
                    if let Some((value, mut at)) = self.value(child, value.expr()) {
                        at.pos = self.file.pos(key);
                        members.push((name, value, at));
                    }
                }
                Some(super::join(members, pos))
            }
            _ => leaf(expression(self.file.source(expr))),
        }
    }

    /// The value of a literal: a string without interpolation (quoted or heredoc), a number,
    /// a boolean, `null`, or a negative number. None for anything Terraform has to evaluate
    /// and for lists and objects.
    fn literal(&self, expr: &Expression) -> Option<Json> {
        match expr {
            Expression::Null(_) => Some(Json::Null),
            Expression::Bool(flag) => Some(Json::Bool(*flag.value())),
            Expression::Number(number) => Some(Json::Number(number_lexeme(self.file.source(expr), number.value()))),
            Expression::String(text) => Some(Json::String(text.value().to_string())),
            Expression::HeredocTemplate(heredoc) => {
                let mut heredoc = (**heredoc).clone();
                // Only the indented form `<<-EOT` strips the lines' common indentation; `<<EOT`
                // keeps every space (https://developer.hashicorp.com/terraform/language/expressions/strings#heredoc-strings).
                if self.file.source(expr).trim_start().starts_with("<<-") {
                    heredoc.dedent();
                }
                let mut text = String::new();
                for element in heredoc.template.iter() {
                    match element {
                        Element::Literal(literal) => text.push_str(literal.value()),
                        _ => return None,
                    }
                }
                // A heredoc's lines end with the file's line breaks: Terraform reads CRLF as LF.
                Some(Json::String(text.replace("\r\n", "\n")))
            }
            Expression::UnaryOp(op) if *op.operator.value() == UnaryOperator::Neg => match &op.expr {
                Expression::Number(_) => Some(Json::Number(self.file.source(expr).replace(char::is_whitespace, ""))),
                _ => None,
            },
            _ => None,
        }
    }

    /// Works out the MFA factors once the request is known: SMS is a factor when MFA is on
    /// and the pool has an SMS configuration (the provider turns it on then); with MFA off,
    /// Terraform configures no factor.
    fn finish_mfa(&mut self, request: &Json) {
        let mfa_expression = request.get("MfaConfiguration").is_some_and(is_expression);
        if mfa::mode(request).is_some() || mfa_expression {
            self.mfa.sms = request.get("SmsConfiguration").is_some();
        } else if self.mfa.any() {
            self.notes.push(format!(
                "{} MFA is configured, but mfa_configuration is not ON or OPTIONAL: Terraform then configures no factor, so none is imported.",
                self.mfa.describe()
            ));
            self.mfa = MfaFactors::NONE;
        }
        let dynamic_factor = self.meta.iter().any(|m| m.starts_with("dynamic") && m.contains("mfa_configuration"));
        if dynamic_factor {
            self.notes.push(
                "A dynamic MFA factor block decides the factors when Terraform applies: the MFA checks leave them alone."
                    .to_string(),
            );
        } else if self.mfa.any() {
            self.notes.push(format!("The MFA factors are {}.", self.mfa.describe()));
        }
    }
}

/// Appends `item` to the list member `name`, creating it.
fn push_item(members: &mut Members, name: &str, item: Json, at: Located) {
    if let Some((_, Json::Array(items), list_at)) = members.iter_mut().find(|(key, ..)| key == name) {
        items.push(item);
        list_at.children.push(at);
        return;
    }
    let list_at = Located { pos: at.pos, children: vec![at] };
    members.push((name.to_string(), Json::Array(vec![item]), list_at));
}

/// The expression object for Terraform source text.
pub fn expression(source: &str) -> Json {
    Json::Object(vec![(EXPRESSION.to_string(), Json::String(source.to_string()))])
}

/// Whether `value` is an expression object.
pub fn is_expression(value: &Json) -> bool {
    matches!(value, Json::Object(members) if members.len() == 1 && members[0].0 == EXPRESSION)
}

/// A number as JSON writes it: the source text when it is JSON number syntax, else the
/// parser's value.
fn number_lexeme(source: &str, number: &hcl_edit::Number) -> String {
    if matches!(json::parse(source), Ok((Json::Number(_), _))) {
        source.to_string()
    } else {
        number.to_string()
    }
}

/// A literal typed as Terraform converts it for the field: text that is a number in a
/// number field, `"true"`/`"false"` in a boolean one, numbers and booleans as text in a text
/// field. Anything else is left for the request reader to report.
fn typed(field: &'static Field, value: Json) -> Json {
    match (field.kind, value) {
        (Kind::Integer, Json::String(text)) if matches!(json::parse(&text), Ok((Json::Number(_), _))) => {
            Json::Number(text)
        }
        (Kind::Boolean, Json::String(text)) if text == "true" || text == "false" => Json::Bool(text == "true"),
        (Kind::String | Kind::Enum, Json::Number(text)) => Json::String(text),
        (Kind::String | Kind::Enum, Json::Bool(flag)) => Json::String(flag.to_string()),
        (_, value) => value,
    }
}

/// `terraform show -json` output with its user pools.
struct ShowJson {
    /// "state" or "plan".
    what: &'static str,
    /// Each pool's address, `values` and where they are.
    pools: Vec<(String, Json, Located)>,
    /// The attributes of the chosen plan known only after apply, in words (plans only).
    unknown: Option<String>,
}

impl ShowJson {
    fn parse(text: &str) -> Result<ShowJson, Vec<Diagnostic>> {
        let (document, at) = json::parse(text).map_err(|e| vec![crate::request::syntax_diagnostic(&e)])?;
        let child = |key: &str| -> Option<(Json, Located)> {
            let index = match &document {
                Json::Object(members) => members.iter().position(|(k, _)| k == key)?,
                _ => return None,
            };
            let Json::Object(members) = &document else { return None };
            Some((members[index].1.clone(), at.children.get(index).cloned().unwrap_or_default()))
        };
        let (what, (values, values_at)) = match (child("values"), child("planned_values")) {
            (Some(values), _) => ("state", values),
            (None, Some(values)) => ("plan", values),
            (None, None) => {
                let message = "Expected terraform show -json output: an object with format_version and values (a state) or planned_values (a plan)";
                return Err(vec![Diagnostic::error("import.type", FieldPath::root(), message).at(Some(at.pos))]);
            }
        };
        let mut pools = Vec::new();
        if let Some((module, module_at)) = member(&values, &values_at, "root_module") {
            collect_pools(module, module_at, &mut pools);
        }
        let unknown = (what == "plan").then(|| after_unknown(&document)).flatten();
        Ok(ShowJson { what, pools, unknown })
    }
}

/// The member `key` of an object, with its position.
fn member<'j>(value: &'j Json, at: &'j Located, key: &str) -> Option<(&'j Json, &'j Located)> {
    let Json::Object(members) = value else { return None };
    let index = members.iter().position(|(k, _)| k == key)?;
    Some((&members[index].1, at.children.get(index).unwrap_or(at)))
}

/// The user pools of a module (`resources`) and of its `child_modules`, recursively.
fn collect_pools(module: &Json, at: &Located, out: &mut Vec<(String, Json, Located)>) {
    if let Some((Json::Array(resources), resources_at)) = member(module, at, "resources") {
        for (i, resource) in resources.iter().enumerate() {
            let resource_at = resources_at.children.get(i).unwrap_or(resources_at);
            let text = |key: &str| resource.get(key).and_then(Json::as_str);
            if text("type") != Some(RESOURCE_TYPE) || text("mode").is_some_and(|m| m != "managed") {
                continue;
            }
            let address = text("address")
                .map_or_else(|| format!("{RESOURCE_TYPE}.{}", text("name").unwrap_or("?")), str::to_string);
            let (values, values_at) = member(resource, resource_at, "values")
                .map_or((Json::Object(Vec::new()), resource_at.clone()), |(v, a)| (v.clone(), a.clone()));
            out.push((address, values, values_at));
        }
    }
    if let Some((Json::Array(children), children_at)) = member(module, at, "child_modules") {
        for (i, child) in children.iter().enumerate() {
            collect_pools(child, children_at.children.get(i).unwrap_or(children_at), out);
        }
    }
}

/// The attributes of the plan's user pools that are known only after apply
/// (`resource_changes[].change.after_unknown`), as `address: path, path`.
fn after_unknown(document: &Json) -> Option<String> {
    let Some(Json::Array(changes)) = document.get("resource_changes") else { return None };
    let mut found = Vec::new();
    for change in changes {
        if change.get("type").and_then(Json::as_str) != Some(RESOURCE_TYPE) {
            continue;
        }
        let mut paths = Vec::new();
        if let Some(unknown) = change.get("change").and_then(|c| c.get("after_unknown")) {
            unknown_paths(unknown, "", &mut paths);
        }
        paths.retain(|p| {
            !COMPUTED_WHEN_UNSET.contains(&p.as_str())
                && !COMPUTED.iter().any(|c| p == c || p.starts_with(&format!("{c}.")))
        });
        if !paths.is_empty() {
            let address = change.get("address").and_then(Json::as_str).unwrap_or("?");
            found.push(format!("{address}: {}", paths.join(", ")));
        }
    }
    (!found.is_empty()).then(|| found.join("; "))
}

fn unknown_paths(value: &Json, path: &str, out: &mut Vec<String>) {
    match value {
        Json::Bool(true) => out.push(path.to_string()),
        Json::Object(members) => {
            for (key, item) in members {
                let path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                unknown_paths(item, &path, out);
            }
        }
        Json::Array(items) => {
            for item in items {
                unknown_paths(item, path, out);
            }
        }
        _ => {}
    }
}

/// The request members of a show-json `values` object for the structure `owner` (None: the
/// resource). Unset values (`null`, `""`, `[]`, `{}`: what the provider stores for an argument
/// left out) are skipped; attributes AWS sets go into `ignored`.
fn show_values(
    owner: Option<&'static Field>,
    values: &Json,
    at: &Located,
    ignored: &mut Vec<String>,
    mfa: &mut MfaFactors,
    notes: &mut Vec<String>,
) -> Members {
    let mut members = Members::new();
    let mut policies = Members::new();
    let Json::Object(entries) = values else { return members };
    for (i, (key, value)) in entries.iter().enumerate() {
        let value_at = at.children.get(i).unwrap_or(at);
        if is_unset(value) {
            continue;
        }
        if owner.is_none() {
            match key.as_str() {
                "software_token_mfa_configuration" => {
                    mfa.totp = first_item(value).and_then(|v| v.get("enabled")) == Some(&Json::Bool(true));
                    continue;
                }
                "email_mfa_configuration" => {
                    mfa.email = true;
                    notes.push(format!(
                        "email_mfa_configuration turns on email MFA; its texts ({}) are not part of CreateUserPool: after creating the pool, set them with aws cognito-idp set-user-pool-mfa-config (EmailMfaConfiguration).",
                        value.compact()
                    ));
                    continue;
                }
                name if COMPUTED.contains(&name) || name == "region" || name == "web_authn_configuration" => {
                    ignored.push(name.to_string());
                    continue;
                }
                _ => {}
            }
        }
        let Some(field) = request_field(owner, key) else {
            ignored.push(key.clone());
            continue;
        };
        let target = if owner.is_none() && field.parent().is_some() { &mut policies } else { &mut members };
        let element = field.child_fields().next();
        match (field.kind, value) {
            (Kind::Structure, _) => {
                let (item, item_at) = first_item_at(value, value_at);
                let inner = show_values(Some(field), item, item_at, ignored, mfa, notes);
                if !inner.is_empty() {
                    let (object, object_at) = super::join(inner, value_at.pos);
                    target.push((field.name.to_string(), object, object_at));
                }
            }
            (Kind::List, Json::Array(items)) if element.is_some_and(|e| e.kind == Kind::Structure) => {
                let mut list = Vec::new();
                let mut children = Vec::new();
                for (j, item) in items.iter().enumerate() {
                    let item_at = value_at.children.get(j).unwrap_or(value_at);
                    let inner = show_values(element, item, item_at, ignored, mfa, notes);
                    let (object, object_at) = super::join(inner, item_at.pos);
                    list.push(object);
                    children.push(object_at);
                }
                target.push((field.name.to_string(), Json::Array(list), Located { pos: value_at.pos, children }));
            }
            (Kind::List, Json::Array(items)) => {
                let items = items.iter().map(|item| element.map_or(item.clone(), |e| typed(e, item.clone()))).collect();
                target.push((field.name.to_string(), Json::Array(items), value_at.clone()));
            }
            (Kind::Map, Json::Object(entries)) => {
                let value_field = field.child_fields().nth(1);
                let entries = entries
                    .iter()
                    .map(|(k, v)| (k.clone(), value_field.map_or(v.clone(), |f| typed(f, v.clone()))))
                    .collect();
                target.push((field.name.to_string(), Json::Object(entries), value_at.clone()));
            }
            _ => target.push((field.name.to_string(), typed(field, value.clone()), value_at.clone())),
        }
    }
    if !policies.is_empty() {
        let pos = policies[0].2.pos;
        let (value, at) = super::join(policies, pos);
        members.push(("Policies".to_string(), value, at));
    }
    members
}

/// What the provider stores for an argument left out.
fn is_unset(value: &Json) -> bool {
    match value {
        Json::Null => true,
        Json::String(text) => text.is_empty(),
        Json::Array(items) => items.is_empty(),
        Json::Object(members) => members.is_empty(),
        _ => false,
    }
}

/// The first item of a block list (`[{…}]`), or the value itself.
fn first_item(value: &Json) -> Option<&Json> {
    match value {
        Json::Array(items) => items.first(),
        other => Some(other),
    }
}

fn first_item_at<'j>(value: &'j Json, at: &'j Located) -> (&'j Json, &'j Located) {
    match value {
        Json::Array(items) if !items.is_empty() => (&items[0], at.children.first().unwrap_or(at)),
        other => (other, at),
    }
}
