//! `FieldPath`: where a value sits in a request, as people and the CLI write it.
//!
//! Text form: members joined by `.`, list items by 0-based index, map entries by key:
//! `Policies.PasswordPolicy.MinimumLength`, `Schema[3].Name`, `UserPoolTags{env}`,
//! `AcrConfiguration{Level1}.AcrValue`. A map's key itself (where a problem is about the key,
//! not its value) is `UserPoolTags{env}@key`. Inside braces, `}` and `\` are written `\}` and
//! `\\`. Indexes are 0-based like botocore's own messages (`Schema[0].Name`).
//!
//! The model path of a field (`Schema[].Name`, `UserPoolTags{key}`, `UserPoolTags{}`) is the
//! same text with indexes and keys left out; [`FieldPath::model_path`] converts.

use crate::model::{self, Field};
use std::fmt;

/// One step of a [`FieldPath`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A structure member.
    Member(String),
    /// A list item, 0-based.
    Index(usize),
    /// The value of a map entry.
    Key(String),
    /// The key of the map entry named by the preceding [`Segment::Key`].
    KeyName,
}

/// A path to one value of a request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath(pub Vec<Segment>);

/// Why a path could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathError {
    pub at: usize,
    pub message: &'static str,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

impl FieldPath {
    /// The empty path (the request itself).
    pub fn root() -> FieldPath {
        FieldPath(Vec::new())
    }

    /// A top-level member.
    pub fn member(name: &str) -> FieldPath {
        FieldPath(vec![Segment::Member(name.to_string())])
    }

    /// This path with one more member.
    pub fn with_member(&self, name: &str) -> FieldPath {
        self.with(Segment::Member(name.to_string()))
    }

    /// This path with one more segment.
    pub fn with(&self, segment: Segment) -> FieldPath {
        let mut segments = self.0.clone();
        segments.push(segment);
        FieldPath(segments)
    }

    /// The path of the containing value.
    pub fn parent(&self) -> Option<FieldPath> {
        let mut segments = self.0.clone();
        segments.pop()?;
        Some(FieldPath(segments))
    }

    /// Whether `self` is `other` or lies inside it.
    pub fn starts_with(&self, other: &FieldPath) -> bool {
        self.0.starts_with(&other.0)
    }

    /// Parses the text form. Never panics.
    pub fn parse(text: &str) -> Result<FieldPath, PathError> {
        let chars: Vec<char> = text.chars().collect();
        let mut segments = Vec::new();
        let mut i = 0;
        let fail = |at, message| Err(PathError { at, message });
        if chars.is_empty() {
            return fail(0, "the path is empty");
        }
        while i < chars.len() {
            match chars[i] {
                '.' if !segments.is_empty() => {
                    i += 1;
                    let start = i;
                    while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                    if start == i {
                        return fail(start, "expected a member name after `.`");
                    }
                    segments.push(Segment::Member(chars[start..i].iter().collect()));
                }
                '[' if !segments.is_empty() => {
                    i += 1;
                    let start = i;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                    let digits: String = chars[start..i].iter().collect();
                    let Ok(index) = digits.parse::<usize>() else {
                        return fail(start, "expected a list index (0, 1, …) inside `[]`");
                    };
                    if chars.get(i) != Some(&']') {
                        return fail(i, "expected `]` after the list index");
                    }
                    i += 1;
                    segments.push(Segment::Index(index));
                }
                '{' if !segments.is_empty() => {
                    i += 1;
                    let mut key = String::new();
                    loop {
                        match chars.get(i) {
                            None => return fail(i, "expected `}` to close the map key"),
                            Some('}') => break,
                            Some('\\') => match chars.get(i + 1) {
                                Some(&c @ ('}' | '\\')) => {
                                    key.push(c);
                                    i += 2;
                                }
                                _ => return fail(i, "inside `{}` write `}` as `\\}` and `\\` as `\\\\`"),
                            },
                            Some(&c) => {
                                key.push(c);
                                i += 1;
                            }
                        }
                    }
                    i += 1;
                    segments.push(Segment::Key(key));
                    if chars[i..].starts_with(&['@', 'k', 'e', 'y']) {
                        i += 4;
                        segments.push(Segment::KeyName);
                        if i < chars.len() {
                            return fail(i, "`@key` must end the path");
                        }
                    }
                }
                c if segments.is_empty() && (c.is_ascii_alphanumeric() || c == '_') => {
                    let start = i;
                    while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                    segments.push(Segment::Member(chars[start..i].iter().collect()));
                }
                _ => return fail(i, "expected `.member`, `[index]` or `{key}`"),
            }
        }
        Ok(FieldPath(segments))
    }

    /// The model path: `Schema[3].Name` → `Schema[].Name`, `UserPoolTags{env}` →
    /// `UserPoolTags{}`, `UserPoolTags{env}@key` → `UserPoolTags{key}`.
    pub fn model_path(&self) -> String {
        let mut out = String::new();
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Member(name) => {
                    if i > 0 {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Segment::Index(_) => out.push_str("[]"),
                Segment::Key(_) if self.0.get(i + 1) == Some(&Segment::KeyName) => out.push_str("{key}"),
                Segment::Key(_) => out.push_str("{}"),
                Segment::KeyName => {}
            }
        }
        out
    }

    /// The model field this path points at, if it is one.
    pub fn field(&self) -> Option<&'static Field> {
        model::by_path(&self.model_path())
    }

    /// The top-level parameter this path starts with.
    pub fn top_level(&self) -> Option<&str> {
        match self.0.first() {
            Some(Segment::Member(name)) => Some(name),
            _ => None,
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Member(name) if i == 0 => f.write_str(name)?,
                Segment::Member(name) => write!(f, ".{name}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Key(key) => {
                    f.write_str("{")?;
                    for c in key.chars() {
                        if c == '}' || c == '\\' {
                            f.write_str("\\")?;
                        }
                        write!(f, "{c}")?;
                    }
                    f.write_str("}")?;
                }
                Segment::KeyName => f.write_str("@key")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_kind_of_segment() {
        for text in [
            "PoolName",
            "Policies.PasswordPolicy.MinimumLength",
            "Schema[12].StringAttributeConstraints.MaxLength",
            "UserPoolTags{env}",
            "UserPoolTags{a.b[0]\\}\\\\}@key",
            "AcrConfiguration{Level1}.AcrValue",
            "UserPoolTags{}",
        ] {
            let path = FieldPath::parse(text).unwrap();
            assert_eq!(path.to_string(), text);
        }
    }

    #[test]
    fn converts_to_model_paths() {
        let model = |t: &str| FieldPath::parse(t).unwrap().model_path();
        assert_eq!(model("Schema[3].Name"), "Schema[].Name");
        assert_eq!(model("UserPoolTags{env}"), "UserPoolTags{}");
        assert_eq!(model("UserPoolTags{env}@key"), "UserPoolTags{key}");
        assert_eq!(model("AcrConfiguration{Level2}.AcrValue"), "AcrConfiguration{}.AcrValue");
        assert!(FieldPath::parse("Schema[0].Name").unwrap().field().is_some());
    }

    #[test]
    fn rejects_malformed_paths_without_panicking() {
        for bad in ["", ".A", "A.", "A[", "A[x]", "A[1", "A{", "A{\\x}", "A{k}@key.B", "[0]", "A..B", "A b", "A{k}@ke"]
        {
            assert!(FieldPath::parse(bad).is_err(), "{bad:?} should not parse");
        }
    }
}
