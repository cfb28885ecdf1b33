//! YAML documents (CloudFormation templates, `aws … --output yaml`) read into the same ordered
//! [`Json`] tree with positions that `json.rs` produces, on top of a maintained YAML 1.2 parser.
//!
//! The syntax is `saphyr-parser`'s (an event parser that passes the YAML test suite and marks
//! every event with its line and column; README, "Dependencies"). This module owns what we
//! make of its events, and the strictness an import needs on top of them:
//!
//! - CloudFormation's short-form tags become the long form an importer recognises: `!Ref x`
//!   is `{"Ref": "x"}`, `!Condition c` is `{"Condition": "c"}`, any other `!Name v` is
//!   `{"Fn::Name": v}`, on scalars, sequences and mappings alike. Other tags (`!!str`,
//!   `!<…>`) are refused: CloudFormation supports only some of them, and guessing would change
//!   a value.
//! - A key that appears twice in a mapping is refused with both positions (YAML requires unique
//!   keys; CloudFormation rejects such a template, and keeping either value would guess).
//! - Aliases (`*name`) and merge keys (`<<`) are refused with a position, as CloudFormation
//!   refuses them ("YAML aliases are not allowed in CloudFormation templates"; its docs list
//!   aliases and hash merges as unsupported:
//!   <https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html>).
//!   An anchor (`&name`) alone changes no value and is ignored.
//! - Keys are text: a list, a mapping or a tagged value as a key is refused.
//! - One document; nesting deeper than 64 is refused (no template needs it, and it bounds
//!   the tree an importer walks).
//!
//! Scalars stay text (plain `~`, `null` and the empty value are null): CloudFormation types
//! values by each property's type, and the importers do the same by field. Which scalars were
//! plain (unquoted) is kept in [`Document::plain`], because YAML 1.1, which CloudFormation
//! reads, types plain `yes`, `Off` and the like as booleans ([`yaml_bool`]).
//!
//! It never panics: every event is checked against what the tree expects, and the parser's
//! own errors become messages with a position and, for the common ones, the fix.

use crate::json::{Json, Located, ParseError, Pos};
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Tag};
use std::collections::BTreeMap;

/// Deeper nesting than any template needs; bounds the tree an importer walks.
const MAX_DEPTH: usize = 64;

type Result<T> = std::result::Result<T, ParseError>;

/// A YAML document read as a tree with positions (mapping members at their keys, as in
/// `json::parse`).
#[derive(Debug)]
pub struct Document {
    pub value: Json,
    pub at: Located,
    /// Where the plain scalars are: the position each one is located at in `at`.
    pub plain: PlainScalars,
}

/// The positions of plain (unquoted, untagged) scalars, for asking whether a value was
/// written without quotes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlainScalars(Vec<(u32, u32)>);

impl PlainScalars {
    /// Whether the scalar located at `pos` was plain.
    pub fn contains(&self, pos: Pos) -> bool {
        self.0.binary_search(&(pos.line, pos.column)).is_ok()
    }

    /// Every position, in document order.
    pub fn positions(&self) -> impl Iterator<Item = Pos> + '_ {
        self.0.iter().map(|&(line, column)| Pos { line, column })
    }
}

/// Reads one YAML document.
pub fn parse(text: &str) -> Result<Document> {
    let mut tree = Tree::default();
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|error| syntax_error(text, &error, &tree))?;
        let pos = position(span.start);
        match event {
            Event::DocumentStart(explicit) => {
                documents += 1;
                if documents > 1 {
                    let fix =
                        if explicit { "remove the second `---` and what follows" } else { "remove what follows `...`" };
                    return refuse(pos, format!("Only one YAML document can be imported: {fix}"));
                }
            }
            Event::Alias(_) => return refuse(pos, ALIASES),
            Event::Scalar(value, style, _, tag) => tree.scalar(value.into_owned(), style, tag.as_deref(), pos)?,
            Event::SequenceStart(_, tag) => tree.open(Collection::Sequence, tag.as_deref(), pos)?,
            Event::MappingStart(_, tag) => tree.open(Collection::Mapping, tag.as_deref(), pos)?,
            Event::SequenceEnd | Event::MappingEnd => tree.close()?,
            Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
        }
    }
    let Some((value, at)) = tree.root else {
        return refuse(Pos { line: 1, column: 1 }, "The file is empty: expected a YAML mapping");
    };
    let mut plain = tree.plain;
    plain.sort_unstable();
    Ok(Document { value, at, plain: PlainScalars(plain) })
}

/// The boolean a YAML 1.1 reader sees in a plain scalar: true/yes/on and false/no/off, each in
/// lower case, capitalised or in upper case. (The YAML 1.1 type also lists y and n, but PyYAML,
/// which cfn-lint uses, reads those as text:
/// <https://github.com/yaml/pyyaml/blob/main/lib/yaml/resolver.py>.)
pub fn yaml_bool(text: &str) -> Option<bool> {
    let lower = text.to_ascii_lowercase();
    let capitalised = lower.get(..1).map(|first| first.to_ascii_uppercase() + &lower[1..]);
    if text != lower && text != lower.to_ascii_uppercase() && Some(text) != capitalised.as_deref() {
        return None;
    }
    match lower.as_str() {
        "true" | "yes" | "on" => Some(true),
        "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

const ALIASES: &str = "YAML aliases (*name) are not allowed in CloudFormation templates: write the value out in \
                       full (aws cloudformation package writes a template with them expanded)";

fn refuse<T>(pos: Pos, message: impl Into<String>) -> Result<T> {
    Err(ParseError { pos, message: message.into() })
}

/// The parser's marker as a 1-based line and column.
fn position(marker: Marker) -> Pos {
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Pos { line: clamp(marker.line()).max(1), column: clamp(marker.col()).saturating_add(1) }
}

#[derive(Clone, Copy, PartialEq)]
enum Collection {
    Sequence,
    Mapping,
}

/// An open node: a collection being filled, or a short-form tag waiting for its value.
enum Frame {
    Sequence {
        pos: Pos,
        items: Vec<Json>,
        children: Vec<Located>,
    },
    Mapping {
        pos: Pos,
        members: Vec<(String, Json)>,
        children: Vec<Located>,
        /// Each key with where it was written, to name both places of a duplicate.
        keys: BTreeMap<String, Pos>,
        /// The key whose value comes next.
        key: Option<(String, Pos)>,
    },
    Function {
        pos: Pos,
        name: String,
    },
}

/// The tree built from the events so far.
#[derive(Default)]
struct Tree {
    open: Vec<Frame>,
    root: Option<(Json, Located)>,
    plain: Vec<(u32, u32)>,
}

impl Tree {
    /// Whether the next node is a mapping's key.
    fn expects_key(&self) -> bool {
        matches!(self.open.last(), Some(Frame::Mapping { key: None, .. }))
    }

    fn push(&mut self, frame: Frame, pos: Pos) -> Result<()> {
        if self.open.len() >= MAX_DEPTH {
            return refuse(pos, "The YAML is nested too deeply");
        }
        self.open.push(frame);
        Ok(())
    }

    fn scalar(&mut self, text: String, style: ScalarStyle, tag: Option<&Tag>, pos: Pos) -> Result<()> {
        let plain = style == ScalarStyle::Plain;
        if self.expects_key() {
            return self.key(text, plain, tag.is_some(), pos);
        }
        let value = if plain && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL") {
            Json::Null
        } else {
            Json::String(text)
        };
        let at = Located { pos, children: Vec::new() };
        match tag {
            None => self.complete(value, at, plain),
            Some(tag) => {
                let name = function_name(tag, pos)?;
                self.complete(Json::Object(vec![(name, value)]), Located { pos, children: vec![at] }, false)
            }
        }
    }

    fn key(&mut self, key: String, plain: bool, tagged: bool, pos: Pos) -> Result<()> {
        let Some(Frame::Mapping { keys, key: next, .. }) = self.open.last_mut() else {
            return refuse(pos, "Expected a key here");
        };
        if tagged {
            return refuse(pos, "A key cannot have a tag (`!…`): write the key as text");
        }
        if plain && key.is_empty() {
            return refuse(pos, "A key is missing: write it before the `:`");
        }
        if plain && key == "<<" {
            return refuse(pos, "Merge keys (<<) are not allowed in CloudFormation templates: write the keys out");
        }
        if let Some(first) = keys.get(&key) {
            return refuse(pos, format!("{key} appears twice in this mapping (at {first} and at {pos}): keep one"));
        }
        keys.insert(key.clone(), pos);
        *next = Some((key, pos));
        Ok(())
    }

    fn open(&mut self, kind: Collection, tag: Option<&Tag>, pos: Pos) -> Result<()> {
        if self.expects_key() {
            return refuse(pos, "A key must be text, not a list or a mapping");
        }
        if let Some(tag) = tag {
            let name = function_name(tag, pos)?;
            self.push(Frame::Function { pos, name }, pos)?;
        }
        let frame = match kind {
            Collection::Sequence => Frame::Sequence { pos, items: Vec::new(), children: Vec::new() },
            Collection::Mapping => {
                Frame::Mapping { pos, members: Vec::new(), children: Vec::new(), keys: BTreeMap::new(), key: None }
            }
        };
        self.push(frame, pos)
    }

    fn close(&mut self) -> Result<()> {
        let (value, at) = match self.open.pop() {
            Some(Frame::Sequence { pos, items, children }) => (Json::Array(items), Located { pos, children }),
            Some(Frame::Mapping { pos, members, children, key: None, .. }) => {
                (Json::Object(members), Located { pos, children })
            }
            // The parser always gives a key its value (an empty one if need be) and closes
            // what it opened; this only guards the tree against a parser that did not.
            Some(Frame::Mapping { key: Some((_, pos)), .. } | Frame::Function { pos, .. }) => {
                return refuse(pos, "Expected a value here")
            }
            None => return refuse(Pos { line: 1, column: 1 }, "Unexpected end of a list or mapping"),
        };
        self.complete(value, at, false)
    }

    /// Places a finished node: in the open collection, as the value of an open tag, or as the
    /// document. `plain`: it is a plain scalar, recorded at the position it is located at.
    fn complete(&mut self, mut value: Json, mut at: Located, mut plain: bool) -> Result<()> {
        let Tree { open, root, plain: plain_scalars } = self;
        let mut record = |plain: bool, pos: Pos| {
            if plain {
                plain_scalars.push((pos.line, pos.column));
            }
        };
        loop {
            match open.last_mut() {
                Some(Frame::Function { pos, name }) => {
                    value = Json::Object(vec![(std::mem::take(name), value)]);
                    at = Located { pos: *pos, children: vec![at] };
                    plain = false;
                    open.pop();
                }
                Some(Frame::Sequence { items, children, .. }) => {
                    record(plain, at.pos);
                    items.push(value);
                    children.push(at);
                    return Ok(());
                }
                Some(Frame::Mapping { members, children, key, .. }) => {
                    let Some((key, key_pos)) = key.take() else { return refuse(at.pos, "Expected a key here") };
                    at.pos = key_pos;
                    record(plain, key_pos);
                    members.push((key, value));
                    children.push(at);
                    return Ok(());
                }
                None => {
                    if root.is_some() {
                        return refuse(at.pos, "Only one YAML document can be imported: remove what follows");
                    }
                    record(plain, at.pos);
                    *root = Some((value, at));
                    return Ok(());
                }
            }
        }
    }

    /// The innermost open collection of `kind`.
    fn innermost(&self, kind: Collection) -> Option<Pos> {
        self.open.iter().rev().find_map(|frame| match (frame, kind) {
            (Frame::Sequence { pos, .. }, Collection::Sequence) | (Frame::Mapping { pos, .. }, Collection::Mapping) => {
                Some(*pos)
            }
            _ => None,
        })
    }
}

/// The key of the function object a short-form tag stands for: `Ref`, `Condition`, or
/// `Fn::Name`.
fn function_name(tag: &Tag, pos: Pos) -> Result<String> {
    let suffix = tag.suffix.as_str();
    if tag.handle == "!" && !suffix.is_empty() {
        return Ok(if suffix == "Ref" || suffix == "Condition" { suffix.to_string() } else { format!("Fn::{suffix}") });
    }
    let written = match tag.handle.as_str() {
        "tag:yaml.org,2002:" => format!("!!{suffix}"),
        // The non-specific `!` comes as a verbatim `!`.
        "" if suffix == "!" => suffix.to_string(),
        "" => format!("!<{suffix}>"),
        handle => format!("{handle}{suffix}"),
    };
    refuse(
        pos,
        format!("The YAML tag {written} is not supported: only CloudFormation's short forms such as !Ref are read"),
    )
}

/// The parser's error as a message that says what to do, at the place to fix.
fn syntax_error(text: &str, error: &ScanError, tree: &Tree) -> ParseError {
    let mut pos = position(*error.marker());
    let info = error.info();
    let at_end = error.marker().index() >= text.chars().count();
    if at_end {
        // The parser stops past the last line; the last line with text is what it could not
        // finish (`b` in "a: 1\nb").
        if let Some((index, line)) = text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()).last() {
            let indent = line.chars().take_while(|c| c.is_whitespace()).count();
            pos = Pos { line: index as u32 + 1, column: indent as u32 + 1 };
        }
    }
    let has = |part: &str| info.contains(part);
    let message = if has("tab") {
        // The parser stops after the tab; the tab itself is what to change.
        let line = text.split('\n').nth(pos.line as usize - 1).unwrap_or_default();
        if let Some(tab) = line.chars().position(|c| c == '\t') {
            pos.column = tab as u32 + 1;
        }
        "Tabs cannot indent YAML: use spaces".to_string()
    } else if has("quoted scalar, found unexpected end of stream") {
        "This text is not closed: add the closing quote".to_string()
    } else if has("invalid indentation in quoted scalar") {
        "This quoted text is not closed, or it goes on at a line indented less than its key: add the closing quote, \
         or indent the lines it continues on"
            .to_string()
    } else if has("quoted scalar, found unexpected document indicator") {
        "This text is not closed before the document marker: add the closing quote".to_string()
    } else if has("mapping values are not allowed") {
        "Unexpected `: ` here: a mapping cannot start on the same line as its key (move it to the next line and \
         indent it), and text that contains `: ` needs quotes"
            .to_string()
    } else if has("block sequence entries are not allowed") {
        "A list cannot start on the same line as its key: put each `- item` on a line of its own, below the key"
            .to_string()
    } else if has("block mapping, did not find expected key") || has("simple key expect") {
        "Expected `key: value` at the indentation of the keys above: check this line's indentation, and that its \
         key ends with `:`"
            .to_string()
    } else if has("did not find expected '-' indicator") {
        "Expected a `- item` at the indentation of the list above: check this line's indentation".to_string()
    } else if has("flow sequence, expected ',' or ']'") || has("flow mapping, did not find expected ',' or '}'") {
        let (kind, open, close) =
            if has("sequence") { (Collection::Sequence, '[', ']') } else { (Collection::Mapping, '{', '}') };
        match tree.innermost(kind) {
            Some(start) if at_end => {
                pos = start;
                format!("This {open} is not closed: add `{close}`")
            }
            _ => format!("Expected `,` or `{close}` here: separate the items with `,` and close with `{close}`"),
        }
    } else if has("unknown escape character") {
        "Unknown escape in double-quoted text: write \\\\ for a backslash".to_string()
    } else if has("invalid Unicode character escape code") {
        "This escape is not a valid character (a lone surrogate?): write the character itself, or \\U and its 8 \
         hexadecimal digits"
            .to_string()
    } else if has("did not find expected hexadecimal number") {
        "Expected hexadecimal digits in this escape".to_string()
    } else if has("invalid trailing content after double-quoted scalar") {
        "Unexpected text after the quoted value: start a new line, or put the whole value in quotes".to_string()
    } else if has("unexpected character: `@'") || has("unexpected character: ``'") {
        "A value cannot start with @ or `: put it in quotes".to_string()
    } else if has("unknown anchor") {
        ALIASES.to_string()
    } else if has("recursion limit exceeded") {
        "The YAML is nested too deeply".to_string()
    } else if has("did not find expected node content") {
        "Expected a value here".to_string()
    } else if has("wrongly indented line in block scalar") {
        "This line of | or > text is indented less than its first line: indent it at least as much".to_string()
    } else if has("unprintable character") {
        "This character cannot be in YAML text: remove it, or write it as an escape in double quotes".to_string()
    } else if has("byte order mark") {
        "A byte-order mark (U+FEFF) cannot be inside the document: remove it".to_string()
    } else if has("after document end marker") {
        "Only one YAML document can be imported: remove what follows `...`".to_string()
    } else {
        let mut chars = info.chars();
        chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
    };
    ParseError { pos, message: format!("The file is not valid YAML: {message}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        match parse(text) {
            Ok(document) => document.value.compact(),
            Err(e) => panic!("{text:?}: {e}"),
        }
    }

    fn fails(text: &str) -> ParseError {
        match parse(text) {
            Ok(document) => panic!("{text:?} read as {}", document.value.compact()),
            Err(e) => e,
        }
    }

    #[test]
    fn keeps_scalars_as_text_and_knows_which_were_plain() {
        let document = parse("a: yes\nb: 'yes'\nc: 12\nd: ~\ne:\nf: \"null\"\ng: [Off, 'Off']\n").unwrap();
        assert_eq!(
            document.value.compact(),
            r#"{"a":"yes","b":"yes","c":"12","d":null,"e":null,"f":"null","g":["Off","Off"]}"#
        );
        let plain = |line, column| document.plain.contains(Pos { line, column });
        assert!(plain(1, 1) && plain(3, 1) && plain(7, 5), "{:?}", document.plain);
        assert!(!plain(2, 1) && !plain(6, 1) && !plain(7, 10), "{:?}", document.plain);
        assert_eq!(yaml_bool("Yes"), Some(true));
        assert_eq!(yaml_bool("yEs"), None);
        assert_eq!(yaml_bool("OFF"), Some(false));
        assert_eq!(yaml_bool("y"), None);
    }

    #[test]
    fn turns_short_form_tags_into_functions() {
        assert_eq!(
            read("a: !Ref X\nb: !GetAtt P.Arn\nc: !Sub\n  - '${A}'\n  - A: !Ref B\nd: [!Ref Y, !Join ['', [a, !Ref Z]]]\ne: !Condition C\nf: !Ref"),
            r#"{"a":{"Ref":"X"},"b":{"Fn::GetAtt":"P.Arn"},"c":{"Fn::Sub":["${A}",{"A":{"Ref":"B"}}]},"d":[{"Ref":"Y"},{"Fn::Join":["",["a",{"Ref":"Z"}]]}],"e":{"Condition":"C"},"f":{"Ref":null}}"#
        );
        assert_eq!(read("!Transform {Name: M}"), r#"{"Fn::Transform":{"Name":"M"}}"#);
        for (text, tag) in [("a: !!str 1", "!!str"), ("a: !<tag:x> 1", "!<tag:x>"), ("a: ! x", "!")] {
            let error = fails(text);
            assert!(error.message.contains(&format!("The YAML tag {tag} is not supported")), "{text}: {error}");
        }
    }

    #[test]
    fn refuses_what_cloudformation_refuses_with_positions() {
        let cases: [(&str, &str, u32, u32); 13] = [
            ("a: &x 1\nb: *x", "YAML aliases (*name) are not allowed in CloudFormation templates", 2, 4),
            ("a: *nowhere", "YAML aliases", 1, 4),
            ("a: 1\n<<: {b: 2}", "Merge keys", 2, 1),
            ("a:\n\tb: 1", "Tabs cannot indent YAML", 2, 1),
            ("a: 1\n---\nb: 2", "remove the second `---`", 2, 1),
            ("a: 1\n...\nb: 2", "remove what follows `...`", 3, 1),
            ("a: b: c", "a mapping cannot start on the same line as its key", 1, 5),
            ("a: - x", "A list cannot start on the same line as its key", 1, 4),
            ("[a, b]: c", "A key must be text", 1, 1),
            ("!Ref a: b", "A key cannot have a tag", 1, 1),
            ("", "The file is empty", 1, 1),
            ("# only a comment\n", "The file is empty", 1, 1),
            ("a: \"x\" y", "Unexpected text after the quoted value", 1, 8),
        ];
        for (text, message, line, column) in cases {
            let error = fails(text);
            assert!(error.message.contains(message), "{text:?}: {}", error.message);
            assert_eq!(error.pos, Pos { line, column }, "{text:?}: {}", error.message);
        }
        // An anchor alone changes nothing.
        assert_eq!(read("a: &x 1\nb: &y [2]"), r#"{"a":"1","b":["2"]}"#);
    }

    #[test]
    fn names_both_places_of_a_duplicate_key() {
        let error = fails("a: 1\nb:\n  c: 2\n  'c': 3\n");
        assert_eq!(error.pos, Pos { line: 4, column: 3 });
        assert_eq!(
            error.message,
            "c appears twice in this mapping (at line 3, column 3 and at line 4, column 3): keep one"
        );
        let error = fails("{x: 1, y: 2, x: 3}");
        assert_eq!(
            error.message,
            "x appears twice in this mapping (at line 1, column 2 and at line 1, column 14): keep one"
        );
        // The same key in two mappings is fine.
        assert_eq!(read("- a: 1\n- a: 2"), r#"[{"a":"1"},{"a":"2"}]"#);
    }

    #[test]
    fn syntax_errors_say_what_to_fix_where() {
        let cases: [(&str, &str, u32, u32); 9] = [
            ("a: [1, 2", "This [ is not closed: add `]`", 1, 4),
            ("a: {b: [1, {c: d}", "This [ is not closed: add `]`", 1, 8),
            ("a: {b: [1], c: d", "This { is not closed: add `}`", 1, 4),
            ("a: 'open\nb: c", "This quoted text is not closed", 1, 4),
            ("a: \"open", "This text is not closed", 1, 4),
            ("a: \"x\\q\"", "Unknown escape", 1, 4),
            ("a:\n  b:\n    c: 1\n   d: 2", "Expected `key: value` at the indentation of the keys above", 4, 4),
            ("key: @x", "A value cannot start with @", 1, 6),
            ("a: 1\n  b\nc\n\n", "Expected `key: value`", 3, 1),
        ];
        for (text, message, line, column) in cases {
            let error = fails(text);
            assert!(error.message.starts_with("The file is not valid YAML: "), "{text:?}: {}", error.message);
            assert!(error.message.contains(message), "{text:?}: {}", error.message);
            assert_eq!(error.pos, Pos { line, column }, "{text:?}: {}", error.message);
        }
        assert!(fails(&"[".repeat(100)).message.contains("deeply"));
        assert!(fails(&"- ".repeat(100)).message.contains("deeply"));
        assert!(fails(&"[!If ".repeat(40)).message.contains("deeply"));
    }

    #[test]
    fn locates_members_at_their_keys_and_items_where_they_start() {
        let document = parse("# c\nA: 1\nB:\n  - x\n  - C: 2\n    D: !Ref E\n").unwrap();
        let located = document.at;
        assert_eq!(located.children[1].pos, Pos { line: 3, column: 1 });
        assert_eq!(located.children[1].children[0].pos, Pos { line: 4, column: 5 });
        let item = &located.children[1].children[1];
        assert_eq!(item.pos, Pos { line: 5, column: 5 });
        assert_eq!(item.children[1].pos, Pos { line: 6, column: 5 });
        assert_eq!(item.children[1].children[0].pos, Pos { line: 6, column: 8 });
    }

    #[test]
    fn reads_crlf_and_a_byte_order_mark() {
        assert_eq!(read("\u{feff}a: 1\r\nb: |\r\n  x\r\n"), r#"{"a":"1","b":"x\n"}"#);
        let document = parse("a: 1\r\nb: 2\r\n").unwrap();
        assert_eq!(document.at.children[1].pos, Pos { line: 2, column: 1 });
    }
}
