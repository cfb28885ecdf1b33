//! The request: `FormValue` ⇄ the JSON that `aws cognito-idp create-user-pool
//! --cli-input-json` takes.
//!
//! Building a request keeps only what is set, in model member order, with JSON types from the
//! model: integers become numbers and booleans `true`/`false` once their text is valid. Text
//! that is not valid yet (an integer field holding `abc`) stays a JSON string, so nothing the
//! user typed disappears from the preview; the diagnostics say what to fix.
//!
//! Reading a request back ([`from_json`]) accepts any JSON document and never panics: unknown
//! keys, wrong types, `null` and duplicate keys become diagnostics with the key's path and the
//! file position, and everything that can be kept is kept.

use crate::diagnostic::Diagnostic;
use crate::json::{self, Json, Located, Pos};
use crate::model::{self, Field, Kind};
use crate::validate::parse_integer;
use crate::value::{empty_node, Entry, FieldPath, FormValue, Members, Node, Row, Segment};

/// The normalised request.
pub fn to_json(form: &FormValue) -> Json {
    members_json(form.root())
}

/// The request as pretty-printed JSON (what the preview and `export --format request-json`
/// show).
pub fn to_pretty_json(form: &FormValue) -> String {
    to_json(form).pretty()
}

fn members_json(members: &Members) -> Json {
    Json::Object(members.iter().map(|(field, node)| (field.name.to_string(), node_json(field, node))).collect())
}

fn node_json(field: &'static Field, node: &Node) -> Json {
    match node {
        Node::Text(text) => scalar_json(field, text),
        Node::Expr(value) => value.clone(),
        Node::Struct(members) => members_json(members),
        Node::List(rows) => {
            let element = field.child_fields().next();
            Json::Array(rows.iter().map(|row| element.map_or(Json::Null, |e| node_json(e, &row.node))).collect())
        }
        Node::Map(entries) => {
            let value = field.child_fields().nth(1);
            Json::Object(
                entries.iter().map(|e| (e.key.clone(), value.map_or(Json::Null, |v| node_json(v, &e.node)))).collect(),
            )
        }
    }
}

fn scalar_json(field: &Field, text: &str) -> Json {
    match field.kind {
        Kind::Integer => match parse_integer(text) {
            Some(value) => Json::Number(value.to_string()),
            None => Json::str(text),
        },
        Kind::Boolean => match text {
            "true" => Json::Bool(true),
            "false" => Json::Bool(false),
            _ => Json::str(text),
        },
        _ => Json::str(text),
    }
}

/// Reads a request from JSON text; syntax errors come back as one diagnostic.
pub fn from_text(text: &str) -> (FormValue, Vec<Diagnostic>) {
    match json::parse(text) {
        Ok((value, located)) => from_json(&value, &located),
        Err(error) => (FormValue::new(), vec![syntax_diagnostic(&error)]),
    }
}

/// The diagnostic for a file that is not JSON.
pub fn syntax_diagnostic(error: &json::ParseError) -> Diagnostic {
    Diagnostic::error(
        "import.syntax",
        FieldPath::root(),
        format!("The file is not valid JSON: {} (at {})", error.message, error.pos),
    )
    .at(Some(error.pos))
}

/// Where `path` (or its nearest ancestor present in the file) sits in a parsed request.
pub fn position_of(value: &Json, located: &Located, path: &FieldPath) -> Option<Pos> {
    let mut node = value;
    let mut here = located;
    for segment in &path.0 {
        let found = match (node, segment) {
            (Json::Object(members), Segment::Member(key) | Segment::Key(key)) => {
                members.iter().rposition(|(k, _)| k == key).map(|i| (&members[i].1, here.children.get(i)))
            }
            (Json::Array(items), Segment::Index(index)) => {
                items.get(*index).map(|item| (item, here.children.get(*index)))
            }
            _ => None,
        };
        match found {
            Some((child, Some(child_located))) => {
                node = child;
                here = child_located;
            }
            _ => break,
        }
    }
    Some(here.pos)
}

/// Reads a parsed request. Keeps every value it can; reports the rest.
pub fn from_json(value: &Json, located: &Located) -> (FormValue, Vec<Diagnostic>) {
    let mut form = FormValue::new();
    let mut problems = Vec::new();
    let Json::Object(members) = value else {
        problems.push(
            Diagnostic::error(
                "import.type",
                FieldPath::root(),
                format!(
                    "The request must be a JSON object, like {{\"PoolName\": \"my-pool\"}}, not {}",
                    value.type_name()
                ),
            )
            .at(Some(located.pos)),
        );
        return (form, problems);
    };
    let mut reader = Reader { form: &mut form, problems: &mut problems };
    let root = reader.members(members, located, model::top_level().collect(), &FieldPath::root());
    for (field, node) in root {
        reader.form.set(&[crate::value::Step::Member(field.id)], node);
    }
    // A bare request states its MFA factors only through `CreateUserPool`'s own semantics.
    form.set_mfa(crate::mfa::MfaFactors::implied_by(value));
    (form, problems)
}

/// The position of a value the parser did not see (values built in code, not parsed).
static NOWHERE: Located = Located { pos: Pos { line: 0, column: 0 }, children: Vec::new() };

struct Reader<'a> {
    form: &'a mut FormValue,
    problems: &'a mut Vec<Diagnostic>,
}

fn pos_of(located: &Located, index: usize) -> Option<Pos> {
    located.children.get(index).map(|l| l.pos)
}

impl Reader<'_> {
    fn problem(&mut self, rule: &'static str, path: FieldPath, pos: Option<Pos>, message: String) {
        self.problems.push(Diagnostic::error(rule, path, message).at(pos));
    }

    /// Reads the members of an object against the fields of a structure.
    fn members(
        &mut self,
        members: &[(String, Json)],
        located: &Located,
        fields: Vec<&'static Field>,
        path: &FieldPath,
    ) -> Vec<(&'static Field, Node)> {
        let mut out: Vec<(&'static Field, Node)> = Vec::new();
        // Keys that occur more than once (sorted once: objects can be large in hostile files).
        // (key, position) pairs: the one element type the browser build sorts anywhere, so it
        // carries one copy of the sort code.
        let mut keys: Vec<(&str, usize)> = members.iter().enumerate().map(|(i, (k, _))| (k.as_str(), i)).collect();
        keys.sort_unstable();
        let repeated: Vec<&str> = keys.windows(2).filter(|w| w[0].0 == w[1].0).map(|w| w[0].0).collect();
        for (index, (key, value)) in members.iter().enumerate() {
            let pos = pos_of(located, index);
            let here = path.with_member(key);
            let Some(field) = fields.iter().copied().find(|f| f.name == key) else {
                let message = unknown_key_message(key, &fields, path);
                self.problem("import.unknown-key", here, pos, message);
                continue;
            };
            if repeated.binary_search(&key.as_str()).is_ok() && members[index + 1..].iter().any(|(k, _)| k == key) {
                self.problem(
                    "import.duplicate-key",
                    here,
                    pos,
                    format!("{key} appears more than once: keep one (tools use the last one)"),
                );
                continue;
            }
            let child_located = located.children.get(index).unwrap_or(&NOWHERE);
            if let Some(node) = self.node(field, value, child_located, &here) {
                out.push((field, node));
            }
        }
        out
    }

    /// Converts one JSON value for `field`; `None` when nothing of it can be kept.
    fn node(&mut self, field: &'static Field, value: &Json, located: &Located, path: &FieldPath) -> Option<Node> {
        let pos = Some(located.pos);
        let name = path.to_string();
        if matches!(value, Json::Null) {
            self.problem("import.null", path.clone(), pos, format!("{name} is null: remove it, or give it a value"));
            return None;
        }
        if crate::expr::is_expression_of(Some(field), value) {
            return Some(Node::Expr(value.clone()));
        }
        match (field.kind, value) {
            (Kind::String | Kind::Enum, Json::String(text)) => Some(Node::Text(text.clone())),
            (Kind::Integer, Json::Number(number)) => Some(Node::Text(number.clone())),
            (Kind::Boolean, Json::Bool(b)) => Some(Node::Text(b.to_string())),
            (kind, Json::String(text)) if kind.is_scalar() => {
                // "8" for a number, "true" for a boolean: keep the text, say what to change.
                let (wanted, fits) = match kind {
                    Kind::Integer => ("a whole number", parse_integer(text).is_some()),
                    _ => ("true or false", text == "true" || text == "false"),
                };
                let fix = if fits { format!(": write {text} instead of \"{text}\"") } else { String::new() };
                self.problem(
                    "import.type",
                    path.clone(),
                    pos,
                    format!("{name} must be {wanted} without quotes, not text{fix}"),
                );
                Some(Node::Text(text.clone()))
            }
            (kind, Json::Number(_) | Json::Bool(_)) if kind.is_scalar() => {
                let shown = value.compact();
                let wanted = match kind {
                    Kind::Integer => "a whole number",
                    Kind::Boolean => "true or false",
                    _ => "text in double quotes",
                };
                self.problem(
                    "import.type",
                    path.clone(),
                    pos,
                    format!("{name} must be {wanted}, not {}", value.type_name()),
                );
                Some(Node::Text(shown))
            }
            (Kind::Structure, Json::Object(members)) => {
                let fields: Vec<&'static Field> = field.child_fields().collect();
                let mut out = Members::default();
                for (child, node) in self.members(members, located, fields, path) {
                    out.insert(child.id, node);
                }
                Some(Node::Struct(out))
            }
            (Kind::List, Json::Array(items)) => {
                let element = field.child_fields().next()?;
                let mut rows = Vec::new();
                for (index, item) in items.iter().enumerate() {
                    let item_located = located.children.get(index).unwrap_or(&NOWHERE);
                    let item_path = path.with(Segment::Index(index));
                    // A dropped item still takes a row, so later indexes match the file.
                    let node =
                        self.node(element, item, item_located, &item_path).unwrap_or_else(|| empty_node(element));
                    rows.push(Row { id: self.form.next_id(), node });
                }
                Some(Node::List(rows))
            }
            (Kind::Map, Json::Object(members)) => {
                let value_field = field.child_fields().nth(1)?;
                let mut entries = Vec::new();
                for (index, (key, item)) in members.iter().enumerate() {
                    let item_located = located.children.get(index).unwrap_or(&NOWHERE);
                    let item_path = path.with(Segment::Key(key.clone()));
                    let node = self
                        .node(value_field, item, item_located, &item_path)
                        .unwrap_or_else(|| empty_node(value_field));
                    entries.push(Entry { id: self.form.next_id(), key: key.clone(), node });
                }
                Some(Node::Map(entries))
            }
            _ => {
                let wanted = match field.kind {
                    Kind::Structure => "an object ({…})",
                    Kind::List => "a list ([…])",
                    Kind::Map => "an object of keys and values ({…})",
                    Kind::Integer => "a whole number",
                    Kind::Boolean => "true or false",
                    Kind::String | Kind::Enum => "text in double quotes",
                };
                self.problem(
                    "import.type",
                    path.clone(),
                    pos,
                    format!("{name} must be {wanted}, not {}", value.type_name()),
                );
                None
            }
        }
    }
}

/// "Unknown parameter PoolNmae: did you mean PoolName?" with the known names as a fallback.
fn unknown_key_message(key: &str, fields: &[&'static Field], parent: &FieldPath) -> String {
    let place = if parent.0.is_empty() { "CreateUserPool".to_string() } else { parent.to_string() };
    let best = fields
        .iter()
        .map(|f| (edit_distance(&key.to_ascii_lowercase(), &f.name.to_ascii_lowercase()), f.name))
        .min_by_key(|(distance, _)| *distance)
        .filter(|(distance, name)| *distance <= 2.max(name.len() / 4));
    if let Some((_, name)) = best {
        return format!("{place} has no parameter {key}: did you mean {name}?");
    }
    if parent.0.is_empty() && crate::model::DESCRIBE_MEMBERS.contains(&key) {
        return format!(
            "{key} is part of describe-user-pool output, not of a CreateUserPool request: import the file as describe-user-pool output, or remove {key}"
        );
    }
    if fields.len() <= 10 {
        let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
        return format!("{place} has no parameter {key}: remove it, or use one of {}", names.join(", "));
    }
    format!("{place} has no parameter {key}: remove it (`poolsmith fields` lists every parameter)")
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_only_what_is_set_in_model_order_with_json_types() {
        let (form, problems) = from_text(
            r#"{"UserPoolTier": "PLUS", "Policies": {"PasswordPolicy": {"RequireNumbers": true, "MinimumLength": 12}}, "PoolName": "p"}"#,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            to_json(&form).compact(),
            r#"{"PoolName":"p","Policies":{"PasswordPolicy":{"MinimumLength":12,"RequireNumbers":true}},"UserPoolTier":"PLUS"}"#
        );
    }

    #[test]
    fn reports_unknown_keys_with_suggestions_and_positions() {
        let (_, problems) = from_text("{\n  \"PoolNmae\": \"x\"\n}");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].rule, "import.unknown-key");
        assert_eq!(problems[0].message, "CreateUserPool has no parameter PoolNmae: did you mean PoolName?");
        assert_eq!(problems[0].pos, Some(Pos { line: 2, column: 3 }));
        let (_, problems) = from_text(r#"{"Id": "us-east-1_x"}"#);
        assert!(problems[0].message.contains("describe-user-pool"), "{}", problems[0].message);
    }

    #[test]
    fn keeps_wrongly_typed_scalars_as_text_and_says_so() {
        let (form, problems) = from_text(r#"{"Policies": {"PasswordPolicy": {"MinimumLength": "8"}}, "Schema": "x"}"#);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].paths[0].to_string(), "Policies.PasswordPolicy.MinimumLength");
        assert!(problems[0].message.contains("write 8 instead of \"8\""), "{}", problems[0].message);
        assert_eq!(problems[1].message, "Schema must be a list ([…]), not text");
        assert_eq!(to_json(&form).compact(), r#"{"Policies":{"PasswordPolicy":{"MinimumLength":8}}}"#);
    }

    #[test]
    fn bad_json_is_one_clear_diagnostic() {
        let (form, problems) = from_text("{\"PoolName\": \"x\",}");
        assert!(form.is_empty());
        assert_eq!(problems[0].rule, "import.syntax");
        assert!(problems[0].message.contains("trailing comma"), "{}", problems[0].message);
        let (_, problems) = from_text("[1]");
        assert!(problems[0].message.starts_with("The request must be a JSON object"));
    }

    #[test]
    fn null_and_duplicates_are_reported() {
        let (form, problems) = from_text(r#"{"PoolName": null, "MfaConfiguration": "ON", "MfaConfiguration": "OFF"}"#);
        let rules: Vec<_> = problems.iter().map(|p| p.rule).collect();
        assert_eq!(rules, ["import.null", "import.duplicate-key"]);
        assert_eq!(to_json(&form).compact(), r#"{"MfaConfiguration":"OFF"}"#);
    }

    #[test]
    fn invalid_numbers_stay_visible_as_text() {
        let (mut form, _) = from_text(r#"{"Policies": {"PasswordPolicy": {"MinimumLength": 8}}}"#);
        let path = FieldPath::parse("Policies.PasswordPolicy.MinimumLength").unwrap();
        let loc = form.locate(&path).unwrap();
        form.set_text(&loc, "1.");
        assert_eq!(to_json(&form).compact(), r#"{"Policies":{"PasswordPolicy":{"MinimumLength":"1."}}}"#);
    }
}
