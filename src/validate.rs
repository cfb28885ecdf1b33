//! Single-field checks, straight from the model: required members, string length, integer
//! parsing and range, booleans, enums, patterns, list and map sizes, map keys.
//!
//! String length is counted in Unicode scalar values (code points), the unit the AWS model's
//! `length` constraint is defined in (Smithy: "the number of Unicode scalar values"); so an
//! emoji counts as one character, as a person would count it, although it is two UTF-16 units.
//! One field gets at most one message from here, the first that applies, so a user fixes one
//! thing at a time.

use crate::diagnostic::Diagnostic;
use crate::model::overlay::{self, article, label, label_in_sentence, upper_first};
use crate::model::{self, Field, Kind};
use crate::pattern::Verdict;
use crate::value::{Entry, FieldPath, FormValue, Members, Node, Segment};

/// All single-field problems of the form, in model order.
pub fn check_fields(form: &FormValue) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut walk = Walk { at: Vec::new(), out: &mut out };
    walk.members(form.root(), model::top_level(), None);
    // A CloudFormation pool without UserPoolName is named by CloudFormation (its property is not
    // required: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpool.html).
    let named_by_stack = form
        .template()
        .and_then(crate::expr::template::origin)
        .is_some_and(|origin| origin != crate::expr::Origin::Terraform);
    if named_by_stack {
        out.retain(|d| !(d.rule == "model.required" && d.path().is_some_and(|p| p.to_string() == "PoolName")));
    }
    out
}

/// One step of where the walk is. Kept borrowed and turned into a [`FieldPath`] only when a
/// problem is found: this runs on every keystroke, and almost every value is fine.
#[derive(Clone, Copy)]
enum Step<'a> {
    Member(&'static str),
    Index(usize),
    Key(&'a str),
}

/// "Which row" a message is about, worded only for a message ("attribute 3", "tag ‘env’").
#[derive(Clone, Copy)]
enum RowContext<'a> {
    /// A row of a list field, by 0-based index.
    Row(&'static Field, usize),
    /// A map entry: the map's key field and the entry's key.
    Entry(&'static Field, &'a str),
}

impl RowContext<'_> {
    fn words(self) -> String {
        match self {
            RowContext::Row(list, index) => format!("{} {}", overlay::item_noun(list), index + 1),
            RowContext::Entry(key_field, key) => format!("{} ‘{key}’", label(key_field)),
        }
    }
}

/// The walk's position (a stack of steps) and its findings.
struct Walk<'a, 'o> {
    at: Vec<Step<'a>>,
    out: &'o mut Vec<Diagnostic>,
}

impl<'a> Walk<'a, '_> {
    /// The current position as a path, plus `extra` steps.
    fn path(&self, extra: &[Segment]) -> FieldPath {
        let steps = self.at.iter().map(|step| match *step {
            Step::Member(name) => Segment::Member(name.to_string()),
            Step::Index(index) => Segment::Index(index),
            Step::Key(key) => Segment::Key(key.to_string()),
        });
        FieldPath(steps.chain(extra.iter().cloned()).collect())
    }

    fn error(&mut self, rule: &'static str, extra: &[Segment], message: String) {
        let path = self.path(extra);
        self.out.push(Diagnostic::error(rule, path, message));
    }

    fn members(
        &mut self,
        members: &'a Members,
        fields: impl Iterator<Item = &'static Field>,
        context: Option<RowContext<'a>>,
    ) {
        for field in fields {
            self.at.push(Step::Member(field.name));
            match members.get(field.id) {
                Some(node) => self.node(field, node, context),
                None if field.required => self.error("model.required", &[], with_context(context, &enter(field))),
                None => {}
            }
            self.at.pop();
        }
    }

    fn node(&mut self, field: &'static Field, node: &'a Node, context: Option<RowContext<'a>>) {
        match (field.kind, node) {
            (kind, Node::Text(text)) if kind.is_scalar() => {
                if let Some((rule, message)) = scalar_problem(field, text) {
                    self.error(rule, &[], with_context(context, &message));
                }
            }
            (Kind::Structure, Node::Struct(members)) => self.members(members, field.child_fields(), context),
            (Kind::List, Node::List(rows)) => {
                if let Some(message) = count_problem(field, rows.len(), false) {
                    self.error("model.items", &[], with_context(context, &message));
                }
                let Some(element) = field.child_fields().next() else { return };
                for (index, row) in rows.iter().enumerate() {
                    self.at.push(Step::Index(index));
                    self.node(element, &row.node, Some(RowContext::Row(field, index)));
                    self.at.pop();
                }
            }
            (Kind::Map, Node::Map(entries)) => {
                if let Some(message) = count_problem(field, entries.len(), true) {
                    self.error("model.entries", &[], with_context(context, &message));
                }
                let mut children = field.child_fields();
                let (Some(key_field), Some(value_field)) = (children.next(), children.next()) else { return };
                for (index, entry) in entries.iter().enumerate() {
                    self.at.push(Step::Key(&entry.key));
                    self.map_key(field, key_field, &entries[..index], index, &entry.key);
                    self.node(value_field, &entry.node, Some(RowContext::Entry(key_field, &entry.key)));
                    self.at.pop();
                }
            }
            // An expression of a template: what can be known of it is checked with the
            // cross-field rules (`expr::check`).
            (_, Node::Expr(_)) => {}
            // The form API only builds well-typed trees; an ill-typed node is reported, not trusted.
            _ => self.error(
                "model.type",
                &[],
                format!("{} has the wrong kind of value: {}", label(field), expected_kind(field)),
            ),
        }
    }

    /// The problem of the key of entry `index` of `map` (the walk is at the entry), if any.
    fn map_key(&mut self, map: &'static Field, key_field: &'static Field, before: &[Entry], index: usize, key: &str) {
        if let Some((rule, message)) = scalar_problem(key_field, key) {
            // An empty key cannot name its entry, so say which one it is.
            let message =
                if key.is_empty() { with_context(Some(RowContext::Row(map, index)), &message) } else { message };
            self.error(rule, &[Segment::KeyName], message);
        } else if before.iter().any(|e| e.key == key) {
            let key_label = label(key_field);
            let message =
                format!("{} ‘{key}’ is used more than once: use each {key_label} once", upper_first(&key_label));
            self.error("model.duplicate-key", &[Segment::KeyName], message);
        }
    }
}

fn with_context(context: Option<RowContext>, message: &str) -> String {
    match context {
        Some(row) => format!("{}: {}", upper_first(&row.words()), overlay::lower_first(message)),
        None => message.to_string(),
    }
}

/// "Enter a pool name" / "Select a Lambda version" / "Add recovery mechanisms".
fn enter(field: &Field) -> String {
    let phrase = label_in_sentence(field);
    match field.kind {
        Kind::Enum | Kind::Boolean => format!("Select {} {phrase}", article(&phrase)),
        Kind::String | Kind::Integer => format!("Enter {} {phrase}", article(&phrase)),
        Kind::Structure | Kind::List | Kind::Map => format!("Add {phrase}"),
    }
}

fn expected_kind(field: &Field) -> &'static str {
    match field.kind {
        Kind::Structure => "it must be an object",
        Kind::List => "it must be a list",
        Kind::Map => "it must be an object of keys and values",
        Kind::String | Kind::Enum => "it must be text",
        Kind::Integer => "it must be a whole number",
        Kind::Boolean => "it must be true or false",
    }
}

/// The first problem of one scalar value, as (rule, message).
pub fn scalar_problem(field: &'static Field, text: &str) -> Option<(&'static str, String)> {
    // Labels are only worded when there is a problem: this runs for every value on every
    // keystroke, and almost every value is fine.
    let label = || upper_first(&label(field));
    let phrase = || label_in_sentence(field);
    match field.kind {
        Kind::Enum => {
            if text.is_empty() {
                return Some(("model.required", enter(field)));
            }
            if field.enum_values.contains(&text) {
                return None;
            }
            let options = or_list(field.enum_values);
            if let Some(right) = field.enum_values.iter().find(|v| v.eq_ignore_ascii_case(text)) {
                return Some(("model.enum", format!("Use {right} for {}: values are case-sensitive", phrase())));
            }
            Some(("model.enum", {
                let phrase = phrase();
                format!("Select {} {phrase}: {options}", article(&phrase))
            }))
        }
        Kind::Boolean => match text {
            "true" | "false" => None,
            "" => Some(("model.required", enter(field))),
            _ => Some(("model.boolean", format!("{} must be true or false", label()))),
        },
        Kind::Integer => {
            let trimmed = text.trim_matches(|c: char| c.is_ascii_whitespace());
            if trimmed.is_empty() {
                return Some(("model.required", enter(field)));
            }
            let example = field.min().unwrap_or(1).max(1);
            let Some(value) = parse_integer(trimmed) else {
                return Some(("model.integer", format!("{} must be a whole number, like {example}", label())));
            };
            match (field.min(), field.max()) {
                (Some(min), Some(max)) if value < min || value > max => Some(("model.range", {
                    let phrase = phrase();
                    format!("Enter {} {phrase} from {min} to {max}", article(&phrase))
                })),
                (Some(min), None) if value < min => Some(("model.range", format!("{} must be {min} or more", label()))),
                (None, Some(max)) if value > max => Some(("model.range", format!("{} must be {max} or less", label()))),
                _ => None,
            }
        }
        Kind::String => {
            let length = text.chars().count() as i64;
            let min = field.min().unwrap_or(0);
            if length == 0 && (min >= 1 || field.required) {
                return Some(("model.required", enter(field)));
            }
            if let Some(max) = field.max().filter(|&max| length > max) {
                return Some((
                    "model.length",
                    format!("{} must be {max} characters or fewer (it has {length})", label()),
                ));
            }
            if length < min {
                return Some((
                    "model.length",
                    format!("{} must be {min} characters or more (it has {length})", label()),
                ));
            }
            let pattern = field.pattern()?;
            let words = field
                .pattern_source()
                .and_then(overlay::pattern_words)
                .unwrap_or("must match the pattern in the AWS model");
            match pattern.check(text) {
                Verdict::Matches => None,
                Verdict::BadCharacter { index, character } => Some((
                    "model.pattern",
                    format!("{} {words}: remove {} (character {})", label(), describe_char(character), index + 1),
                )),
                Verdict::Incomplete => Some(("model.pattern", format!("{} {words}", label()))),
            }
        }
        Kind::Structure | Kind::List | Kind::Map => None,
    }
}

/// Parses a whole number the way the form accepts it: optional sign, ASCII digits, and stray
/// spaces around it (as pasted) ignored.
pub fn parse_integer(text: &str) -> Option<i64> {
    let text = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let digits = text.strip_prefix('+').unwrap_or(text);
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Java's int range: AWS integers are 32-bit.
    digits.parse::<i64>().ok().filter(|v| i32::try_from(*v).is_ok())
}

fn count_problem(field: &'static Field, count: usize, map: bool) -> Option<String> {
    let count = count as i64;
    // Worded only for a problem, as in `scalar_problem`.
    let label = || upper_first(&label(field));
    let noun = || if map { "entry".to_string() } else { overlay::item_noun(field) };
    if let Some(min) = field.min().filter(|&min| count < min) {
        return Some(format!("{} needs at least {min} {}", label(), plural(&noun(), min)));
    }
    if let Some(max) = field.max().filter(|&max| count > max) {
        return Some(format!("{} can have at most {max} {}: remove {}", label(), plural(&noun(), max), count - max));
    }
    None
}

/// `attribute` → `attributes`, `alias` → `aliases`, `entry` → `entries`.
pub fn plural(noun: &str, count: i64) -> String {
    if count == 1 {
        noun.to_string()
    } else if let Some(stem) = noun.strip_suffix('y') {
        format!("{stem}ies")
    } else if noun.ends_with('s') {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// `["A", "B", "C"]` → "A, B or C".
pub fn or_list(values: &[&str]) -> String {
    match values {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// How to name a character in a message: visible ones quoted, invisible ones by code point.
pub fn describe_char(c: char) -> String {
    match c {
        ' ' => "the space".into(),
        '\n' => "the line break".into(),
        '\r' => "the carriage return".into(),
        '\t' => "the tab".into(),
        c if matches!(
            crate::pattern::Category::of(c),
            crate::pattern::Category::Other | crate::pattern::Category::Separator
        ) =>
        {
            format!("the invisible character U+{:04X}", c as u32)
        }
        c => format!("‘{c}’"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(path: &str, text: &str) -> Option<(&'static str, String)> {
        scalar_problem(model::by_path(path).unwrap(), text)
    }

    #[test]
    fn messages_name_the_field_and_the_fix() {
        assert_eq!(
            problem("Policies.PasswordPolicy.MinimumLength", "5").unwrap().1,
            "Enter a minimum length from 6 to 99"
        );
        assert_eq!(problem("PoolName", "").unwrap().1, "Enter a pool name");
        assert_eq!(problem("DeletionProtection", "").unwrap().1, "Select a deletion protection");
        assert_eq!(
            problem("DeletionProtection", "active").unwrap().1,
            "Use ACTIVE for deletion protection: values are case-sensitive"
        );
        assert_eq!(
            problem("PoolName", "a/b").unwrap().1,
            "Pool name can only include letters A to Z, numbers, spaces and + = , . @ - _: remove ‘/’ (character 2)"
        );
        assert_eq!(
            problem("Policies.PasswordPolicy.MinimumLength", "8.5").unwrap().1,
            "Minimum length must be a whole number, like 6"
        );
    }

    #[test]
    fn integers_accept_stray_spaces_and_reject_overflow() {
        assert_eq!(parse_integer("42"), Some(42));
        assert_eq!(parse_integer("+7"), Some(7));
        assert_eq!(parse_integer("-"), None);
        assert_eq!(parse_integer("99999999999"), None);
        assert!(problem("Policies.PasswordPolicy.MinimumLength", " 8 ").is_none());
    }

    #[test]
    fn lengths_count_code_points() {
        let name = "😀".repeat(128);
        assert!(problem("UserPoolTags{key}", &name).is_none(), "128 emoji are 128 characters");
        assert!(problem("UserPoolTags{key}", &"😀".repeat(129)).is_some());
    }

    #[test]
    fn plurals_and_lists_read_naturally() {
        assert_eq!(plural("alias", 2), "aliases");
        assert_eq!(plural("entry", 4), "entries");
        assert_eq!(or_list(&["A", "B", "C"]), "A, B or C");
        assert_eq!(describe_char('\u{200d}'), "the invisible character U+200D");
    }
}
