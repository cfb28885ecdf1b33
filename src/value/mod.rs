//! `FormValue`: what the user has entered, before any validation.
//!
//! A tree that mirrors the model: structures hold the members that are set (an absent member
//! is *unset*, which is not the same as an empty text), lists hold rows and maps hold entries.
//! Every scalar stays text exactly as typed, so a half-typed number such as `-` or `1.` never
//! fights the user; the request builder turns text into JSON types.
//!
//! List rows and map entries carry a [`RowId`] that never changes while they exist, so the UI
//! can key its rows by it and focus never jumps while someone edits a map key or reorders a
//! list. Code addresses values by [`Locator`] (field ids and row ids); people read a
//! [`FieldPath`] (`Schema[3].Name`, `UserPoolTags{env}`), and the two convert.

pub mod path;

pub use path::{FieldPath, PathError, Segment};

use crate::json::Json;
use crate::mfa::MfaFactors;
use crate::model::{self, Field, FieldId, Kind, FIELDS};

/// Identifies a list row or map entry for as long as it exists.
pub type RowId = u32;

/// One value of the form.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A string, integer, boolean or enum, as typed.
    Text(String),
    Struct(Members),
    List(Vec<Row>),
    Map(Vec<Entry>),
    /// An expression of the template the value came from (a CloudFormation intrinsic
    /// function, a serverless variable, a Terraform expression), kept as its JSON encoding
    /// (see [`crate::expr`]) until the person replaces it with a value.
    Expr(Json),
}

/// The members of a structure that are set, in model order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Members(Vec<(FieldId, Node)>);

/// A list item.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: RowId,
    pub node: Node,
}

/// A map entry: its key as typed and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: RowId,
    pub key: String,
    pub node: Node,
}

/// One step of a [`Locator`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Member(FieldId),
    Row(RowId),
    Entry(RowId),
}

/// Addresses a value by field ids and row ids, stable while rows move or keys change.
pub type Locator = Vec<Step>;

/// The whole form: the request's fields, and the MFA factors chosen beside them (which
/// `CreateUserPool` cannot state; see [`crate::mfa`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormValue {
    root: Members,
    next_row_id: RowId,
    mfa: MfaFactors,
    /// What the template an imported pool came from says around it ([`crate::expr::template`]).
    template: Option<Json>,
}

impl Members {
    /// The set members in model order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static Field, &Node)> {
        self.0.iter().map(|(id, node)| (&FIELDS[*id as usize], node))
    }

    pub fn get(&self, id: FieldId) -> Option<&Node> {
        self.0.iter().find(|(f, _)| *f == id).map(|(_, n)| n)
    }

    fn get_mut(&mut self, id: FieldId) -> Option<&mut Node> {
        self.0.iter_mut().find(|(f, _)| *f == id).map(|(_, n)| n)
    }

    /// Sets a member, keeping model order (field ids grow in model order).
    pub fn insert(&mut self, id: FieldId, node: Node) {
        match self.0.binary_search_by_key(&id, |(f, _)| *f) {
            Ok(i) => self.0[i].1 = node,
            Err(i) => self.0.insert(i, (id, node)),
        }
    }

    fn entry_or_insert(&mut self, id: FieldId, make: impl FnOnce() -> Node) -> &mut Node {
        let i = match self.0.binary_search_by_key(&id, |(f, _)| *f) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (id, make()));
                i
            }
        };
        &mut self.0[i].1
    }

    fn remove(&mut self, id: FieldId) -> Option<Node> {
        let i = self.0.iter().position(|(f, _)| *f == id)?;
        Some(self.0.remove(i).1)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// An empty value of the field's kind (what a new list row or map entry starts as).
pub fn empty_node(field: &Field) -> Node {
    match field.kind {
        Kind::Structure => Node::Struct(Members::default()),
        Kind::List => Node::List(Vec::new()),
        Kind::Map => Node::Map(Vec::new()),
        _ => Node::Text(String::new()),
    }
}

impl FormValue {
    /// An empty form: nothing set.
    pub fn new() -> FormValue {
        FormValue::default()
    }

    /// The top-level members that are set.
    pub fn root(&self) -> &Members {
        &self.root
    }

    /// Whether nothing at all is set.
    pub fn is_empty(&self) -> bool {
        self.root.is_empty() && !self.mfa.any()
    }

    /// The MFA factors chosen for the pool (they matter while `MfaConfiguration` is ON or
    /// OPTIONAL).
    pub fn mfa(&self) -> MfaFactors {
        self.mfa
    }

    pub fn set_mfa(&mut self, factors: MfaFactors) {
        self.mfa = factors;
    }

    /// A fresh row id.
    /// The template context of an imported pool, if it came from one.
    pub fn template(&self) -> Option<&Json> {
        self.template.as_ref()
    }

    pub fn set_template(&mut self, template: Option<Json>) {
        self.template = template;
    }

    pub fn next_id(&mut self) -> RowId {
        self.next_row_id += 1;
        self.next_row_id
    }

    /// The value at `locator`, if set.
    pub fn get(&self, locator: &[Step]) -> Option<&Node> {
        let (first, rest) = locator.split_first()?;
        let Step::Member(id) = first else { return None };
        let mut node = self.root.get(*id)?;
        for step in rest {
            node = child(node, *step)?;
        }
        Some(node)
    }

    /// The text at `locator`, if a scalar is set there.
    pub fn text(&self, locator: &[Step]) -> Option<&str> {
        match self.get(locator)? {
            Node::Text(text) => Some(text),
            _ => None,
        }
    }

    fn get_mut(&mut self, locator: &[Step]) -> Option<&mut Node> {
        let (first, rest) = locator.split_first()?;
        let Step::Member(id) = first else { return None };
        let mut node = self.root.get_mut(*id)?;
        for step in rest {
            node = child_mut(node, *step)?;
        }
        Some(node)
    }

    /// Sets the value at `locator`, creating the structures above it. Rows and entries on the
    /// way must exist. Returns whether the value was set.
    pub fn set(&mut self, locator: &[Step], value: Node) -> bool {
        // Check first, so that a locator to a row that no longer exists changes nothing.
        if self.path_of(locator).is_none() {
            return false;
        }
        let Some((last, parents)) = locator.split_last() else { return false };
        if parents.is_empty() {
            return match last {
                Step::Member(id) => {
                    self.root.insert(*id, value);
                    true
                }
                _ => false,
            };
        }
        let Some(parent) = self.get_or_create(parents) else { return false };
        match (parent, last) {
            (Node::Struct(members), Step::Member(id)) => {
                members.insert(*id, value);
                true
            }
            (Node::List(rows), Step::Row(row)) => match rows.iter_mut().find(|r| r.id == *row) {
                Some(r) => {
                    r.node = value;
                    true
                }
                None => false,
            },
            (Node::Map(entries), Step::Entry(entry)) => match entries.iter_mut().find(|e| e.id == *entry) {
                Some(e) => {
                    e.node = value;
                    true
                }
                None => false,
            },
            _ => false,
        }
    }

    /// Sets a scalar's text.
    pub fn set_text(&mut self, locator: &[Step], text: impl Into<String>) -> bool {
        self.set(locator, Node::Text(text.into()))
    }

    /// The node at `locator`, creating missing structures (only structures: a list row or
    /// map entry that does not exist is not invented).
    fn get_or_create(&mut self, locator: &[Step]) -> Option<&mut Node> {
        let (first, rest) = locator.split_first()?;
        let Step::Member(id) = first else { return None };
        let field = FIELDS.get(*id as usize)?;
        let mut node = self.root.entry_or_insert(*id, || empty_node(field));
        for step in rest {
            node = match (node, step) {
                (Node::Struct(members), Step::Member(id)) => {
                    let field = FIELDS.get(*id as usize)?;
                    members.entry_or_insert(*id, || empty_node(field))
                }
                (node, step) => child_mut(node, *step)?,
            };
        }
        Some(node)
    }

    /// Unsets the value at `locator` (a member becomes absent; a row or entry is removed), then
    /// drops structures that were left empty by it, so clearing the last field of a section
    /// leaves nothing behind. Lists and maps are kept: an empty list can mean something.
    pub fn unset(&mut self, locator: &[Step]) {
        let Some((last, parents)) = locator.split_last() else { return };
        if parents.is_empty() {
            if let Step::Member(id) = last {
                self.root.remove(*id);
            }
            return;
        }
        if let Some(parent) = self.get_mut(parents) {
            match (parent, last) {
                (Node::Struct(members), Step::Member(id)) => {
                    members.remove(*id);
                }
                (Node::List(rows), Step::Row(row)) => rows.retain(|r| r.id != *row),
                (Node::Map(entries), Step::Entry(entry)) => entries.retain(|e| e.id != *entry),
                _ => {}
            }
        }
        // Prune structures emptied by the removal, innermost first, but never through a row
        // or entry (an empty struct row is still a row the user added).
        for depth in (1..=parents.len()).rev() {
            let here = &locator[..depth];
            if matches!(here.last(), Some(Step::Row(_) | Step::Entry(_))) {
                break;
            }
            match self.get(here) {
                Some(Node::Struct(members)) if members.is_empty() => {
                    let here = here.to_vec();
                    self.unset_exact(&here);
                }
                _ => break,
            }
        }
    }

    fn unset_exact(&mut self, locator: &[Step]) {
        let Some((last, parents)) = locator.split_last() else { return };
        if parents.is_empty() {
            if let Step::Member(id) = last {
                self.root.remove(*id);
            }
        } else if let (Some(Node::Struct(members)), Step::Member(id)) = (self.get_mut(parents), last) {
            members.remove(*id);
        }
    }

    /// Appends a row to the list at `locator` (creating the list) and returns its id.
    pub fn add_row(&mut self, locator: &[Step]) -> Option<RowId> {
        let element = self.field_of(locator)?.child_fields().next()?;
        let id = self.next_id();
        match self.get_or_create(locator)? {
            Node::List(rows) => {
                rows.push(Row { id, node: empty_node(element) });
                Some(id)
            }
            _ => None,
        }
    }

    /// Moves a row by `delta` places (clamped to the list).
    pub fn move_row(&mut self, locator: &[Step], row: RowId, delta: isize) {
        if let Some(Node::List(rows)) = self.get_mut(locator) {
            if let Some(from) = rows.iter().position(|r| r.id == row) {
                let to = (from as isize + delta).clamp(0, rows.len() as isize - 1) as usize;
                let item = rows.remove(from);
                rows.insert(to, item);
            }
        }
    }

    /// Adds an entry with `key` to the map at `locator` (creating the map); returns its id.
    pub fn add_entry(&mut self, locator: &[Step], key: impl Into<String>) -> Option<RowId> {
        let value_field = self.field_of(locator)?.child_fields().nth(1)?;
        let id = self.next_id();
        match self.get_or_create(locator)? {
            Node::Map(entries) => {
                entries.push(Entry { id, key: key.into(), node: empty_node(value_field) });
                Some(id)
            }
            _ => None,
        }
    }

    /// Renames a map entry's key.
    pub fn set_key(&mut self, locator: &[Step], entry: RowId, key: impl Into<String>) -> bool {
        if let Some(Node::Map(entries)) = self.get_mut(locator) {
            if let Some(e) = entries.iter_mut().find(|e| e.id == entry) {
                e.key = key.into();
                return true;
            }
        }
        false
    }

    /// The model field that `locator` points at.
    pub fn field_of(&self, locator: &[Step]) -> Option<&'static Field> {
        let mut field: Option<&'static Field> = None;
        for step in locator {
            field = Some(match (field, step) {
                (None, Step::Member(id)) => model::top_level().find(|f| f.id == *id)?,
                (Some(parent), Step::Member(id)) if parent.kind == Kind::Structure => {
                    parent.child_fields().find(|f| f.id == *id)?
                }
                (Some(parent), Step::Row(_)) if parent.kind == Kind::List => parent.child_fields().next()?,
                (Some(parent), Step::Entry(_)) if parent.kind == Kind::Map => parent.child_fields().nth(1)?,
                _ => return None,
            });
        }
        field
    }

    /// The [`FieldPath`] of a locator in the current form (indexes and keys as they are now).
    /// Members below unset structures have a path too; rows and entries must exist.
    pub fn path_of(&self, locator: &[Step]) -> Option<FieldPath> {
        self.field_of(locator)?;
        let mut segments = Vec::with_capacity(locator.len());
        let mut node: Option<&Node> = None;
        for (i, step) in locator.iter().enumerate() {
            match *step {
                Step::Member(id) => {
                    segments.push(Segment::Member(FIELDS[id as usize].name.to_string()));
                    node = match node {
                        _ if i == 0 => self.root.get(id),
                        Some(Node::Struct(members)) => members.get(id),
                        _ => None,
                    };
                }
                Step::Row(row) => {
                    let Some(Node::List(rows)) = node else { return None };
                    let index = rows.iter().position(|r| r.id == row)?;
                    segments.push(Segment::Index(index));
                    node = Some(&rows[index].node);
                }
                Step::Entry(entry) => {
                    let Some(Node::Map(entries)) = node else { return None };
                    let e = entries.iter().find(|e| e.id == entry)?;
                    segments.push(Segment::Key(e.key.clone()));
                    node = Some(&e.node);
                }
            }
        }
        Some(FieldPath(segments))
    }

    /// The locator of a path in the current form, if every list index and map key on the
    /// way exists. Members need not be set.
    pub fn locate(&self, path: &FieldPath) -> Option<Locator> {
        let mut locator = Vec::with_capacity(path.0.len());
        let mut field: Option<&'static Field> = None;
        let mut node: Option<&Node> = None;
        let mut segments = path.0.iter().peekable();
        while let Some(segment) = segments.next() {
            match segment {
                Segment::Member(name) => {
                    let f = match field {
                        None => model::top_level_member(name)?,
                        Some(parent) if parent.kind == Kind::Structure => parent.member(name)?,
                        _ => return None,
                    };
                    node = match node {
                        Some(Node::Struct(members)) => members.get(f.id),
                        _ if field.is_none() => self.root.get(f.id),
                        _ => None,
                    };
                    locator.push(Step::Member(f.id));
                    field = Some(f);
                }
                Segment::Index(index) => {
                    let Some(Node::List(rows)) = node else { return None };
                    let row = rows.get(*index)?;
                    locator.push(Step::Row(row.id));
                    field = field?.child_fields().next();
                    node = Some(&row.node);
                }
                Segment::Key(key) => {
                    let Some(Node::Map(entries)) = node else { return None };
                    let entry = entries.iter().find(|e| &e.key == key)?;
                    locator.push(Step::Entry(entry.id));
                    field = field?.child_fields().nth(1);
                    node = Some(&entry.node);
                    if segments.peek() == Some(&&Segment::KeyName) {
                        segments.next();
                    }
                }
                Segment::KeyName => return None,
            }
        }
        Some(locator)
    }
}

/// A DOM id for the control of a locator (`f-12-r3-45`): built from field ids and row ids, so
/// it stays the same while rows move and keys are edited, and is unique by construction.
pub fn dom_id(locator: &[Step]) -> String {
    let mut out = String::from("f");
    for step in locator {
        match step {
            Step::Member(id) => out.push_str(&format!("-{id}")),
            Step::Row(row) => out.push_str(&format!("-r{row}")),
            Step::Entry(entry) => out.push_str(&format!("-e{entry}")),
        }
    }
    out
}

impl FormValue {
    /// Copies every member that `other` sets into this form, recursing into structures;
    /// scalars, lists and maps are replaced whole. Rows get fresh ids from this form.
    pub fn merge_from(&mut self, other: &FormValue) {
        let mut root = std::mem::take(&mut self.root);
        merge_members(&mut root, &other.root, self);
        self.root = root;
    }
}

fn merge_members(into: &mut Members, from: &Members, ids: &mut FormValue) {
    for (id, node) in &from.0 {
        match (into.get_mut(*id), node) {
            (Some(Node::Struct(mine)), Node::Struct(theirs)) => merge_members(mine, theirs, ids),
            _ => into.insert(*id, renumbered(node, ids)),
        }
    }
}

/// A copy of `node` whose rows and entries have ids fresh in `ids`' form.
fn renumbered(node: &Node, ids: &mut FormValue) -> Node {
    match node {
        Node::Text(t) => Node::Text(t.clone()),
        Node::Expr(value) => Node::Expr(value.clone()),
        Node::Struct(members) => {
            Node::Struct(Members(members.0.iter().map(|(id, n)| (*id, renumbered(n, ids))).collect()))
        }
        Node::List(rows) => {
            Node::List(rows.iter().map(|r| Row { id: ids.next_id(), node: renumbered(&r.node, ids) }).collect())
        }
        Node::Map(entries) => Node::Map(
            entries
                .iter()
                .map(|e| Entry { id: ids.next_id(), key: e.key.clone(), node: renumbered(&e.node, ids) })
                .collect(),
        ),
    }
}

fn child(node: &Node, step: Step) -> Option<&Node> {
    match (node, step) {
        (Node::Struct(members), Step::Member(id)) => members.get(id),
        (Node::List(rows), Step::Row(row)) => rows.iter().find(|r| r.id == row).map(|r| &r.node),
        (Node::Map(entries), Step::Entry(entry)) => entries.iter().find(|e| e.id == entry).map(|e| &e.node),
        _ => None,
    }
}

fn child_mut(node: &mut Node, step: Step) -> Option<&mut Node> {
    match (node, step) {
        (Node::Struct(members), Step::Member(id)) => members.get_mut(id),
        (Node::List(rows), Step::Row(row)) => rows.iter_mut().find(|r| r.id == row).map(|r| &mut r.node),
        (Node::Map(entries), Step::Entry(entry)) => entries.iter_mut().find(|e| e.id == entry).map(|e| &mut e.node),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(path: &str) -> Step {
        Step::Member(model::by_path(path).unwrap().id)
    }

    #[test]
    fn setting_a_nested_value_creates_its_structures_and_unsetting_prunes_them() {
        let mut form = FormValue::new();
        let min =
            [member("Policies"), member("Policies.PasswordPolicy"), member("Policies.PasswordPolicy.MinimumLength")];
        assert!(form.set_text(&min, "1."));
        assert_eq!(form.text(&min), Some("1."));
        assert_eq!(form.path_of(&min).unwrap().to_string(), "Policies.PasswordPolicy.MinimumLength");
        form.unset(&min);
        assert!(form.is_empty(), "emptied structures are pruned: {form:?}");
    }

    #[test]
    fn unset_is_not_empty_text() {
        let mut form = FormValue::new();
        let name = [member("PoolName")];
        form.set_text(&name, "");
        assert_eq!(form.text(&name), Some(""));
        form.unset(&name);
        assert_eq!(form.text(&name), None);
    }

    #[test]
    fn rows_keep_their_ids_when_reordered() {
        let mut form = FormValue::new();
        let schema = [member("Schema")];
        let a = form.add_row(&schema).unwrap();
        let b = form.add_row(&schema).unwrap();
        let name = |row| vec![member("Schema"), Step::Row(row), member("Schema[].Name")];
        form.set_text(&name(a), "first");
        form.set_text(&name(b), "second");
        form.move_row(&schema, b, -1);
        assert_eq!(form.path_of(&name(b)).unwrap().to_string(), "Schema[0].Name");
        assert_eq!(form.text(&name(a)), Some("first"));
        let located = form.locate(&FieldPath::parse("Schema[1].Name").unwrap()).unwrap();
        assert_eq!(located, name(a));
        form.unset(&[member("Schema"), Step::Row(a)]);
        assert_eq!(form.path_of(&name(b)).unwrap().to_string(), "Schema[0].Name");
    }

    #[test]
    fn map_entries_are_addressed_by_key_in_paths_and_by_id_in_code() {
        let mut form = FormValue::new();
        let tags = [member("UserPoolTags")];
        let env = form.add_entry(&tags, "env").unwrap();
        let value = vec![member("UserPoolTags"), Step::Entry(env)];
        form.set_text(&value, "prod");
        assert!(form.set_key(&tags, env, "stage"));
        assert_eq!(form.path_of(&value).unwrap().to_string(), "UserPoolTags{stage}");
        assert_eq!(form.locate(&FieldPath::parse("UserPoolTags{stage}").unwrap()), Some(value.clone()));
        assert_eq!(form.locate(&FieldPath::parse("UserPoolTags{stage}@key").unwrap()), Some(value));
        assert_eq!(form.locate(&FieldPath::parse("UserPoolTags{env}").unwrap()), None);
    }

    #[test]
    fn locators_to_missing_rows_change_nothing() {
        let mut form = FormValue::new();
        let ghost = [member("Schema"), Step::Row(99), member("Schema[].Name")];
        assert!(!form.set_text(&ghost, "x"));
        assert!(form.is_empty());
        let ill_typed = [member("PoolName"), member("Schema[].Name")];
        assert!(!form.set_text(&ill_typed, "x"));
        assert!(form.is_empty());
    }
}
