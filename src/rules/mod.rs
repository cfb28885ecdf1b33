//! Cross-field rules and best-practice lint: what the AWS docs, the Cognito developer guide and
//! real service errors say about combinations of fields, which the model's single-field
//! constraints cannot express.
//!
//! Each rule is data ([`Rule`]): a stable id, a severity (error = AWS rejects the request;
//! warning = accepted but probably not what was meant), its sources (doc quotes are checked
//! against the model by a test) and a check function over a [`Ctx`] view of the form. One
//! module per family. Facts that are not problems live beside them: [`locked`] (what can never
//! change after creation), [`tier`] (which feature plan a setting needs), [`defaults`] (what
//! each tool does when a field is omitted) and [`notes`] (guidance the request cannot decide).

pub mod attributes;
pub mod defaults;
pub mod email;
pub mod keys;
pub mod lambda;
pub mod lint;
pub mod locked;
pub mod messages;
pub mod mfa;
pub mod notes;
pub mod passwords;
pub mod recovery;
pub mod sign_in;
pub mod sms;
pub mod tags;
pub mod tier;

use crate::diagnostic::{Diagnostic, Severity, Source};
use crate::model::{self, Field, Kind};
use crate::value::{FieldPath, FormValue, Members, Node, Segment};

/// One rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable identifier, `<family>.<what>`.
    pub id: &'static str,
    pub severity: Severity,
    /// The research items it implements (`R1` = createuserpool-api.md §7, `W7` = §8,
    /// `L…` = best-practice lint).
    pub refs: &'static [&'static str],
    pub sources: &'static [Source],
    pub check: fn(&Ctx, &mut Vec<Finding>),
}

/// What a rule found: the paths involved (the first is where to fix it) and the message.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub paths: Vec<FieldPath>,
    pub message: String,
    /// The sources of this finding when more specific than the rule's.
    pub sources: Vec<Source>,
}

impl Finding {
    pub fn new(paths: &[&str], message: impl Into<String>) -> Finding {
        Finding { paths: paths.iter().map(|p| at(p)).collect(), message: message.into(), sources: Vec::new() }
    }

    pub fn at_paths(paths: Vec<FieldPath>, message: impl Into<String>) -> Finding {
        Finding { paths, message: message.into(), sources: Vec::new() }
    }

    /// Replaces the rule's sources with ones specific to this finding.
    pub fn citing(mut self, source: Source) -> Finding {
        self.sources.push(source);
        self
    }
}

/// A `FieldPath` from text known to be well formed (rule code only uses literal paths).
pub fn at(path: &str) -> FieldPath {
    FieldPath::parse(path).unwrap_or_else(|_| FieldPath::member(path))
}

/// Every rule of every family, lint included.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    [
        mfa::RULES,
        tier::RULES,
        sign_in::RULES,
        messages::RULES,
        passwords::RULES,
        lambda::RULES,
        email::RULES,
        sms::RULES,
        attributes::RULES,
        recovery::RULES,
        keys::RULES,
        tags::RULES,
        lint::RULES,
    ]
    .into_iter()
    .flatten()
}

/// The rule with this id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    all().find(|rule| rule.id == id)
}

/// Every cross-field and lint diagnostic of the form (unsorted).
pub fn check(form: &FormValue) -> Vec<Diagnostic> {
    let ctx = Ctx::new(form);
    let mut out = Vec::new();
    let mut findings = Vec::new();
    let expressions = crate::expr::check::has_expression(form);
    // A Terraform `dynamic` MFA factor block decides a factor only when applied: the MFA rules
    // cannot know the factors then.
    let factors_unknown = form.template().is_some_and(|t| {
        crate::expr::template::terraform_meta(t)
            .iter()
            .any(|m| m.starts_with("dynamic") && m.contains("mfa_configuration"))
    });
    for rule in all() {
        (rule.check)(&ctx, &mut findings);
        for finding in findings.drain(..) {
            // A value that is an expression of its template is unknown: a rule that reads it
            // (or reads past it, taking the default) knows nothing about it.
            if (factors_unknown && rule.id.starts_with("mfa."))
                || (expressions && finding.paths.iter().any(|path| under_expression(form, path)))
            {
                continue;
            }
            out.push(Diagnostic {
                severity: rule.severity,
                rule: rule.id,
                paths: finding.paths,
                message: finding.message,
                sources: if finding.sources.is_empty() { rule.sources.to_vec() } else { finding.sources },
                pos: None,
            });
        }
    }
    out.extend(crate::expr::check::check(form));
    out
}

/// Whether the value at `path`, or one of the values it lies within, is an expression.
fn under_expression(form: &FormValue, path: &FieldPath) -> bool {
    (1..=path.0.len()).any(|len| {
        let prefix = FieldPath(path.0[..len].to_vec());
        form.locate(&prefix).and_then(|at| form.get(&at).map(|node| matches!(node, Node::Expr(_)))).unwrap_or(false)
    })
}

/// A read-only view of the form for rules: values by model path (`EmailConfiguration.From`),
/// with list rows where a rule needs them.
pub struct Ctx<'a> {
    form: &'a FormValue,
}

impl<'a> Ctx<'a> {
    pub fn new(form: &'a FormValue) -> Ctx<'a> {
        Ctx { form }
    }

    /// The form being checked.
    pub fn form(&self) -> &'a FormValue {
        self.form
    }

    /// The node at a model path made of members only (no `[]` or `{}`).
    pub fn node(&self, path: &str) -> Option<&'a Node> {
        self.node_of(model::by_path(path)?)
    }

    /// The node of `field`, found from the top down (rules ask for hundreds: no list of steps
    /// is built for each).
    fn node_of(&self, field: &'static Field) -> Option<&'a Node> {
        let members = match field.parent() {
            None => self.form.root(),
            Some(parent) => match self.node_of(parent)? {
                Node::Struct(members) => members,
                _ => return None,
            },
        };
        members.get(field.id)
    }

    /// Whether a value is set at `path` (an empty text counts as set).
    pub fn is_set(&self, path: &str) -> bool {
        self.node(path).is_some()
    }

    /// The text at `path`.
    pub fn text(&self, path: &str) -> Option<&'a str> {
        match self.node(path)? {
            Node::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The text at `path`, if set and not empty.
    pub fn non_empty(&self, path: &str) -> Option<&'a str> {
        self.text(path).filter(|t| !t.is_empty())
    }

    /// Whether the text at `path` is `value`.
    pub fn is(&self, path: &str, value: &str) -> bool {
        self.text(path) == Some(value)
    }

    /// A boolean field: `Some(true/false)` when set to a valid value.
    pub fn flag(&self, path: &str) -> Option<bool> {
        match self.text(path)? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// An integer field, when set to a valid whole number.
    pub fn int(&self, path: &str) -> Option<i64> {
        crate::validate::parse_integer(self.text(path)?)
    }

    /// The texts of a list of scalars (`AutoVerifiedAttributes`), or empty when unset.
    pub fn list(&self, path: &str) -> Vec<&'a str> {
        match self.node(path) {
            Some(Node::List(rows)) => rows
                .iter()
                .filter_map(|r| match &r.node {
                    Node::Text(t) => Some(t.as_str()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether a list of scalars holds `value`.
    pub fn list_has(&self, path: &str, value: &str) -> bool {
        self.list(path).contains(&value)
    }

    /// The rows of a list of structures (`Schema`, `AccountRecoverySetting.RecoveryMechanisms`).
    pub fn rows(&self, path: &'static str) -> Vec<RowView<'a>> {
        let Some(field) = model::by_path(path) else { return Vec::new() };
        let Some(Node::List(rows)) = self.node_of(field) else { return Vec::new() };
        let Some(element) = field.child_fields().next().filter(|e| e.kind == Kind::Structure) else {
            return Vec::new();
        };
        rows.iter()
            .enumerate()
            .filter_map(|(index, row)| match &row.node {
                Node::Struct(members) => Some(RowView { element, members, list: path, index }),
                _ => None,
            })
            .collect()
    }

    /// The entries of a map (`UserPoolTags`, `AcrConfiguration`): key, value node, and the
    /// path of the entry (built only when a finding needs it: rules run on every keystroke).
    pub fn entries(&self, path: &'static str) -> Vec<EntryView<'a>> {
        match self.node(path) {
            Some(Node::Map(entries)) => {
                entries.iter().map(|e| EntryView { map: path, key: &e.key, node: &e.node }).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The MFA factors chosen beside the request (see [`crate::mfa`]).
    pub fn mfa(&self) -> crate::mfa::MfaFactors {
        self.form.mfa()
    }

    /// The feature plan, `ESSENTIALS` when omitted (the API default).
    pub fn tier(&self) -> tier::Tier {
        self.text("UserPoolTier").and_then(tier::Tier::parse).unwrap_or(tier::Tier::Essentials)
    }

    /// Whether the pool uses the Amazon SES (`DEVELOPER`) email account.
    pub fn sends_email_with_ses(&self) -> bool {
        self.is("EmailConfiguration.EmailSendingAccount", "DEVELOPER")
    }
}

/// One row of a list of structures.
pub struct RowView<'a> {
    element: &'static Field,
    members: &'a Members,
    list: &'static str,
    index: usize,
}

/// One entry of a map.
pub struct EntryView<'a> {
    map: &'static str,
    pub key: &'a str,
    pub node: &'a Node,
}

impl EntryView<'_> {
    /// The path of the entry's value (`UserPoolTags{env}`).
    pub fn path(&self) -> FieldPath {
        at(self.map).with(Segment::Key(self.key.to_string()))
    }

    /// The path of the entry's key (`UserPoolTags{env}@key`).
    pub fn key_path(&self) -> FieldPath {
        self.path().with(Segment::KeyName)
    }

    /// The text of a scalar value.
    pub fn text(&self) -> Option<&str> {
        match self.node {
            Node::Text(t) => Some(t),
            _ => None,
        }
    }
}

impl<'a> RowView<'a> {
    fn node(&self, member: &str) -> Option<&'a Node> {
        // The first step is found among the element's members by prefix, without looking for
        // the `.` first (a `str` split costs more than the lookups for these short paths, and
        // rules ask for hundreds); the first byte settles most comparisons.
        let field = self.element.child_fields().find(|child| {
            child.name.as_bytes().first() == member.as_bytes().first()
                && member.starts_with(child.name)
                && matches!(member.as_bytes().get(child.name.len()), None | Some(b'.'))
        })?;
        let rest = member.get(field.name.len() + 1..);
        let node = self.members.get(field.id)?;
        match (rest, node) {
            (None, _) => Some(node),
            (Some(rest), Node::Struct(inner)) => RowView { element: field, members: inner, ..*self }.node(rest),
            _ => None,
        }
    }

    /// The text of a member (`Name`, `StringAttributeConstraints.MaxLength`).
    pub fn text(&self, member: &str) -> Option<&'a str> {
        match self.node(member)? {
            Node::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn is_set(&self, member: &str) -> bool {
        self.node(member).is_some()
    }

    pub fn flag(&self, member: &str) -> Option<bool> {
        match self.text(member)? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// The path of the row (`Schema[2]`).
    pub fn path(&self) -> FieldPath {
        at(self.list).with(Segment::Index(self.index))
    }

    /// The path of a member of this row (`Schema[2].Required`).
    pub fn at(&self, member: &str) -> FieldPath {
        member.split('.').fold(self.path(), |path, part| path.with_member(part))
    }
}

/// "phone_number" → "`phone_number`"-free display helper for lists in messages: "A, B and C".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
