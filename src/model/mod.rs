//! The `CreateUserPool` input model as static descriptors.
//!
//! `generated.rs` is written from `model/cognito-idp.CreateUserPool.json` (botocore's AWS model,
//! trimmed by `scripts/update-model`) by the codegen test in `tests/model_codegen.rs`; a test
//! fails when it is stale. It holds one [`Field`] per field path, in depth-first model order:
//! the 28 top-level parameters and everything nested below them, with list elements (`[]`),
//! map keys (`{key}`) and map values (`{}`) as fields of their own, exactly as the research
//! inventory counts them (133 paths). Constraints and help text come only from the model;
//! UI-only facts (labels, sections, deprecation notes) live in [`overlay`].

pub mod doc;
#[rustfmt::skip]
mod generated;
pub mod overlay;

pub use generated::{
    BOTOCORE_VERSION, DESCRIBE_MEMBERS, DOCS, FIELDS, MODEL_SHA256, OPERATION_HINT, PATTERNS, SHAPES, TOP_LEVEL,
    UPDATE_MEMBERS,
};
use generated::{BY_PATH, COMPILED_PATTERNS};

use crate::pattern::Pattern;

/// Index of a field in [`FIELDS`].
pub type FieldId = u16;

/// `Field::parent` of a top-level parameter.
pub const NO_PARENT: FieldId = FieldId::MAX;

/// What kind of value a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Structure,
    List,
    Map,
    String,
    Integer,
    Boolean,
    Enum,
}

impl Kind {
    /// Whether values of this kind are typed as one piece of text in the form.
    pub fn is_scalar(self) -> bool {
        matches!(self, Kind::String | Kind::Integer | Kind::Boolean | Kind::Enum)
    }
}

/// One field path of the request.
#[derive(Debug)]
pub struct Field {
    /// Index in [`FIELDS`].
    pub id: FieldId,
    /// The model path: `Policies.PasswordPolicy.MinimumLength`, `Schema[].Name`,
    /// `UserPoolTags{key}` (a map's key), `UserPoolTags{}` (a map's value).
    pub path: &'static str,
    /// The member name, or `[]`, `{key}`, `{}` for list elements and map parts.
    pub name: &'static str,
    pub kind: Kind,
    /// The containing field, or [`NO_PARENT`].
    pub parent: FieldId,
    /// Members of a structure (model order), the element of a list, or key then value of a map.
    pub children: &'static [FieldId],
    /// Required whenever its parent is sent.
    pub required: bool,
    /// Length (strings), value (integers), item count (lists) or entry count (maps); read
    /// them with [`Field::min`] and [`Field::max`]. Stored as `i32`, the width of the model's
    /// integers, which keeps the table the browser loads smaller than `i64` would.
    pub(crate) min: Option<i32>,
    pub(crate) max: Option<i32>,
    /// Index into [`PATTERNS`].
    pub pattern: Option<u8>,
    /// Allowed values of an enum, in model order.
    pub enum_values: &'static [&'static str],
    /// One sentence of help.
    pub hint: &'static str,
}

/// Fields are unique statics: equal when they are the same field.
impl PartialEq for Field {
    fn eq(&self, other: &Field) -> bool {
        self.id == other.id
    }
}

impl Eq for Field {}

impl Field {
    /// The least length, value or count the field allows.
    pub fn min(&self) -> Option<i64> {
        self.min.map(i64::from)
    }

    /// The greatest length, value or count the field allows.
    pub fn max(&self) -> Option<i64> {
        self.max.map(i64::from)
    }

    /// The containing field, if any.
    pub fn parent(&self) -> Option<&'static Field> {
        (self.parent != NO_PARENT).then(|| &FIELDS[self.parent as usize])
    }

    /// The child fields (see [`Field::children`]).
    pub fn child_fields(&self) -> impl Iterator<Item = &'static Field> + '_ {
        self.children.iter().map(|&id| &FIELDS[id as usize])
    }

    /// The member called `name` of this structure.
    pub fn member(&self, name: &str) -> Option<&'static Field> {
        self.child_fields().find(|child| child.name == name)
    }

    /// The compiled pattern, if the field has one.
    pub fn pattern(&self) -> Option<&'static Pattern> {
        self.pattern.map(compiled_pattern)
    }

    /// The pattern as written in the model.
    pub fn pattern_source(&self) -> Option<&'static str> {
        self.pattern.map(|i| PATTERNS[i as usize])
    }

    /// Whether this is an element of a list or a part of a map (no member name of its own).
    pub fn is_synthetic(&self) -> bool {
        self.name.starts_with('[') || self.name.starts_with('{')
    }

    /// Depth below the top level (top-level parameters are 0).
    pub fn depth(&self) -> usize {
        std::iter::successors(self.parent(), |f| f.parent()).count()
    }

    /// The AWS shape name (`PasswordPolicyMinLengthType`). Kept apart from the field table
    /// ([`SHAPES`]): only native code reads it, so the browser's first load does not carry it.
    pub fn shape(&self) -> &'static str {
        SHAPES.get(self.id as usize).copied().unwrap_or_default()
    }

    /// The full AWS documentation, in the compact form of [`doc`]. Kept apart from the field
    /// table ([`DOCS`]) so the browser's first load does not carry it.
    pub fn doc(&self) -> &'static str {
        DOCS.get(self.id as usize).copied().unwrap_or_default()
    }

    /// The full help text as plain text (for search and the CLI).
    pub fn doc_text(&self) -> String {
        doc::plain_text(self.doc())
    }
}

/// The compiled form of `PATTERNS[index]`. Compiled ahead of time by the codegen test (the
/// freshness check proves the tables equal what `pattern::compile` makes of the model's
/// sources), so the browser does not carry the pattern compiler.
pub fn compiled_pattern(index: u8) -> &'static Pattern {
    &COMPILED_PATTERNS[index as usize]
}

/// The top-level parameters, in model order.
pub fn top_level() -> impl Iterator<Item = &'static Field> {
    TOP_LEVEL.iter().map(|&id| &FIELDS[id as usize])
}

/// The field with model path `path` (`Schema[].Name`).
pub fn by_path(path: &str) -> Option<&'static Field> {
    // Rules look fields up by path on every keystroke: a binary search over the ids sorted by
    // path, which the codegen writes (no sorting at startup, no sort code in the browser).
    let at = BY_PATH.binary_search_by(|&id| FIELDS[id as usize].path.cmp(path)).ok()?;
    FIELDS.get(BY_PATH[at] as usize)
}

/// The top-level parameter called `name`.
pub fn top_level_member(name: &str) -> Option<&'static Field> {
    top_level().find(|field| field.name == name)
}

/// Whether `field` is a scalar with no children (a leaf of the request).
pub fn is_leaf(field: &Field) -> bool {
    field.kind.is_scalar()
}
