//! A small, strict YAML reader for what CloudFormation templates (and `aws … --output yaml`)
//! use, read into the same ordered [`Json`] tree with positions that `json.rs` produces.
//!
//! Read: block mappings and sequences (including `- key: value` items and a list written at
//! its key's indentation), flow `[…]` and `{…}` over several lines, plain, single-quoted and
//! double-quoted scalars (YAML 1.2 escapes, line folding), literal `|` and folded `>` block
//! scalars with chomping and indentation indicators, comments, one document with optional
//! `%YAML`, `---` and `...`, and CloudFormation's short forms: `!Ref x` becomes
//! `{"Ref": "x"}` and `!Sub s` becomes `{"Fn::Sub": "s"}`, so an importer sees the function
//! and can reject it by name.
//!
//! Refused with a message and a position instead of being guessed at: anchors, aliases and
//! merge keys, `?` keys, collections as keys, `!!` tags, tabs in indentation, a key that
//! appears twice, a second document, and nesting deeper than 64.
//!
//! Scalars: [`parse`] types plain scalars as YAML 1.1 readers do (`~`/`null`, `true`/`yes`/`on`
//! and their opposites, numbers in JSON syntax; other text stays text, `0123` too);
//! [`parse_text`] keeps every plain scalar but null as text, for a reader that types values by
//! its own schema, as CloudFormation does with its property types.
//!
//! It never panics and always ends: every loop consumes input or stops, lookahead only scans
//! forward, and nesting is bounded, so a fuzzer may feed it anything.

use crate::json::{self, Json, Located, ParseError, Pos};
use std::collections::BTreeSet;

/// Deeper nesting than any template needs; stops stack exhaustion.
const MAX_DEPTH: usize = 64;

type Node = (Json, Located);
type Result<T> = std::result::Result<T, ParseError>;

/// Parses one YAML document, typing plain scalars (null, booleans, numbers).
pub fn parse(text: &str) -> Result<Node> {
    Reader::new(text, true).document()
}

/// Parses one YAML document, keeping plain scalars as text (except null).
pub fn parse_text(text: &str) -> Result<Node> {
    Reader::new(text, false).document()
}

/// The boolean a YAML 1.1 reader sees in `text`: true/yes/on and false/no/off, each spelled
/// in lower case, capitalised or in upper case.
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

fn leaf(json: Json, pos: Pos) -> Node {
    (json, Located { pos, children: Vec::new() })
}

fn is_space(c: Option<char>) -> bool {
    matches!(c, None | Some(' ' | '\t' | '\n'))
}

struct Reader {
    chars: Vec<char>,
    i: usize,
    line: u32,
    line_start: usize,
    typed: bool,
    depth: usize,
}

impl Reader {
    fn new(text: &str, typed: bool) -> Reader {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // One line break character from here on: CR LF and a lone CR both end a line.
        let chars = text.replace("\r\n", "\n").replace('\r', "\n").chars().collect();
        Reader { chars, i: 0, line: 1, line_start: 0, typed, depth: 0 }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.i + offset).copied()
    }

    fn bump(&mut self) {
        if let Some(&c) = self.chars.get(self.i) {
            self.i += 1;
            if c == '\n' {
                self.line += 1;
                self.line_start = self.i;
            }
        }
    }

    fn advance_to(&mut self, target: usize) {
        while self.i < target.min(self.chars.len()) {
            self.bump();
        }
    }

    fn col(&self) -> usize {
        self.i - self.line_start
    }

    fn pos(&self) -> Pos {
        Pos { line: self.line, column: self.col() as u32 + 1 }
    }

    /// The position of `index` (at or after the current position).
    fn pos_at(&self, index: usize) -> Pos {
        let ahead = &self.chars[self.i.min(self.chars.len())..index.min(self.chars.len())];
        match ahead.iter().rposition(|&c| c == '\n') {
            Some(last) => Pos {
                line: self.line + ahead.iter().filter(|&&c| c == '\n').count() as u32,
                column: (ahead.len() - last) as u32,
            },
            None => Pos { line: self.line, column: (index - self.line_start) as u32 + 1 },
        }
    }

    fn error<T>(&self, pos: Pos, message: impl Into<String>) -> Result<T> {
        Err(ParseError { pos, message: message.into() })
    }

    fn at_eol(&self) -> bool {
        matches!(self.peek(), None | Some('\n'))
    }

    /// `#` starts a comment at the start of a line or after a space.
    fn at_comment(&self) -> bool {
        self.peek() == Some('#') && (self.i == 0 || matches!(self.chars[self.i - 1], ' ' | '\t' | '\n'))
    }

    /// Skips spaces and tabs, and a comment after them.
    fn skip_inline(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.bump();
        }
        if self.at_comment() {
            while !self.at_eol() {
                self.bump();
            }
        }
    }

    /// Skips the rest of the line, which may hold only spaces and a comment.
    fn end_line(&mut self) -> Result<()> {
        self.skip_inline();
        if self.at_eol() {
            Ok(())
        } else {
            self.error(
                self.pos(),
                "Unexpected text after the value: start a new line, or put the whole value in quotes",
            )
        }
    }

    /// Whether a block sequence item (`-` and a space) starts at `index`.
    fn dash_at(&self, index: usize) -> bool {
        self.chars.get(index) == Some(&'-') && is_space(self.chars.get(index + 1).copied())
    }

    /// Whether `---` or `...` starts the line at `index`.
    fn marker_at(&self, index: usize) -> bool {
        let three = self.chars.get(index..index + 3);
        (three == Some(&['-', '-', '-']) || three == Some(&['.', '.', '.']))
            && (index == 0 || self.chars[index - 1] == '\n')
            && is_space(self.chars.get(index + 3).copied())
    }

    /// The next line with content after the current one (blank and comment lines skipped):
    /// where its content starts and its indentation, `-1` for a document marker.
    fn next_content(&self) -> Result<Option<(usize, isize)>> {
        let mut j = self.i;
        while j < self.chars.len() && self.chars[j] != '\n' {
            j += 1;
        }
        self.content_from(j + 1)
    }

    /// Like [`Reader::next_content`], from the line starting at `start`.
    fn content_from(&self, mut start: usize) -> Result<Option<(usize, isize)>> {
        let len = self.chars.len();
        while start < len {
            let mut j = start;
            while j < len && self.chars[j] == ' ' {
                j += 1;
            }
            let indent = j - start;
            let mut k = j;
            while k < len && matches!(self.chars[k], ' ' | '\t') {
                k += 1;
            }
            match self.chars.get(k) {
                None => return Ok(None),
                Some('\n') => {}
                Some('#') => {
                    while k < len && self.chars[k] != '\n' {
                        k += 1;
                    }
                }
                Some(_) if k > j => return self.error(self.pos_at(j), "Tabs cannot indent YAML: use spaces"),
                Some(_) if self.marker_at(k) => return Ok(Some((k, -1))),
                Some(_) => return Ok(Some((k, indent as isize))),
            }
            start = k + 1;
        }
        Ok(None)
    }

    /// Runs `read` one level deeper, refusing to go past [`MAX_DEPTH`].
    fn nested<T>(&mut self, read: impl FnOnce(&mut Reader) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_DEPTH {
            return self.error(self.pos(), "The YAML is nested too deeply");
        }
        self.depth += 1;
        let result = read(self);
        self.depth -= 1;
        result
    }

    fn document(mut self) -> Result<Node> {
        let mut next = self.content_from(0)?;
        while let Some((j, 0)) = next.filter(|&(j, _)| self.chars[j] == '%') {
            self.advance_to(j);
            if !self.chars[j..].starts_with(&['%', 'Y', 'A', 'M', 'L', ' ']) {
                return self.error(self.pos(), "Only the %YAML directive is supported here: remove this line");
            }
            next = self.next_content()?;
        }
        let root = match next {
            Some((j, -1)) if self.chars[j] == '-' => {
                self.advance_to(j + 3);
                self.skip_inline();
                if self.at_eol() {
                    self.value_below(-1, false)?
                } else {
                    self.block_node(-1, false)?
                }
            }
            Some((j, indent)) if indent >= 0 => {
                self.advance_to(j);
                self.block_node(-1, false)?
            }
            _ => return self.error(self.pos(), "The file is empty: expected a YAML mapping"),
        };
        match self.next_content()? {
            None => Ok(root),
            Some((j, -1)) if self.chars[j] == '.' => {
                self.advance_to(j + 3);
                self.end_line()?;
                match self.next_content()? {
                    None => Ok(root),
                    Some((j, _)) => {
                        self.error(self.pos_at(j), "Only one YAML document can be imported: remove what follows `...`")
                    }
                }
            }
            Some((j, -1)) => self.error(
                self.pos_at(j),
                "Only one YAML document can be imported: remove the second `---` and what follows",
            ),
            Some((j, _)) => self.error(self.pos_at(j), "This line is indented less than the lines before it expect"),
        }
    }

    /// The value after `key:` or `-` (or a tag): on the same line, or on the lines below.
    /// `mapping_value`: after `key:`, where a nested mapping or list cannot start on the same
    /// line but a list may sit at the key's own indentation.
    fn value_after(&mut self, parent: isize, mapping_value: bool) -> Result<Node> {
        self.skip_inline();
        if self.at_eol() {
            self.value_below(parent, mapping_value)
        } else {
            self.block_node(parent, mapping_value)
        }
    }

    /// A value on the lines below, or null when the next line does not belong to it.
    fn value_below(&mut self, parent: isize, mapping_value: bool) -> Result<Node> {
        match self.next_content()? {
            Some((j, indent)) if indent > parent || (mapping_value && indent == parent && self.dash_at(j)) => {
                self.advance_to(j);
                self.block_node(parent, false)
            }
            _ => Ok(leaf(Json::Null, self.pos())),
        }
    }

    /// A block node starting at the current position, inside a parent at indentation
    /// `parent`; `inline`: it follows its key on the same line. Ends at a line end.
    fn block_node(&mut self, parent: isize, inline: bool) -> Result<Node> {
        self.nested(|r| r.block_node_inner(parent, inline))
    }

    fn block_node_inner(&mut self, parent: isize, inline: bool) -> Result<Node> {
        let pos = self.pos();
        let col = self.col();
        match self.peek() {
            Some('-') if self.dash_at(self.i) => {
                if inline {
                    return self.error(pos, "A list cannot start on the same line as its key: put each `- item` on a line of its own, indented below the key");
                }
                return self.block_sequence(col);
            }
            Some('!') => {
                let key = self.tag()?;
                self.skip_inline();
                // What the tag applies to cannot be a mapping on the same line (`!Ref a: b`).
                let (value, located) =
                    if self.at_eol() { self.value_below(parent, false)? } else { self.block_node(parent, true)? };
                return Ok((Json::Object(vec![(key, value)]), Located { pos, children: vec![located] }));
            }
            Some('|' | '>') => {
                let text = self.block_scalar(parent)?;
                return Ok(leaf(Json::String(text), pos));
            }
            Some('[' | '{') => {
                let node = self.flow_node()?;
                self.skip_inline();
                if self.peek() == Some(':') {
                    return self.error(pos, "A key cannot be a list or a mapping: write it as text");
                }
                self.end_line()?;
                return Ok(node);
            }
            _ => {}
        }
        let (key, is_key) = match self.peek() {
            Some('"' | '\'') => {
                let line = self.line;
                let text = self.quoted()?;
                while matches!(self.peek(), Some(' ' | '\t')) {
                    self.bump();
                }
                let is_key = self.peek() == Some(':') && is_space(self.peek_at(1));
                if is_key && self.line != line {
                    return self.error(pos, "A key must fit on one line");
                }
                if !is_key {
                    self.end_line()?;
                    return Ok(leaf(Json::String(text), pos));
                }
                self.bump();
                (text, true)
            }
            _ => {
                self.check_plain_start()?;
                let (text, is_key) = self.plain_line();
                if !is_key {
                    let text = self.plain_rest(text, parent)?;
                    return Ok(leaf(self.scalar(text), pos));
                }
                (text, false)
            }
        };
        if inline {
            return self.error(
                pos,
                "A mapping cannot start on the same line as its key: move it to the next line and indent it",
            );
        }
        self.block_mapping(col, key, pos, is_key)
    }

    /// A block mapping at column `col` whose first key has been read (up to its `:`).
    fn block_mapping(&mut self, col: usize, first: String, first_pos: Pos, quoted: bool) -> Result<Node> {
        let (mut key, mut key_pos, mut quoted) = (first, first_pos, quoted);
        let mut members: Vec<(String, Json)> = Vec::new();
        let mut children = Vec::new();
        // A set, so that a mapping with very many keys stays quick to check.
        let mut seen = BTreeSet::new();
        loop {
            if key == "<<" && !quoted {
                return self.error(key_pos, "Merge keys (<<) are not supported: write the keys out");
            }
            if !seen.insert(key.clone()) {
                return self.error(key_pos, format!("{key} appears twice in this mapping: keep one"));
            }
            let (value, mut located) = self.value_after(col as isize, true)?;
            located.pos = key_pos;
            members.push((key, value));
            children.push(located);
            match self.next_content()? {
                Some((j, indent)) if indent == col as isize => {
                    self.advance_to(j);
                    key_pos = self.pos();
                    (key, quoted) = self.mapping_key()?;
                }
                Some((j, indent)) if indent > col as isize => {
                    return self.error(self.pos_at(j), "This line is indented more than the key above it expects");
                }
                _ => return Ok((Json::Object(members), Located { pos: first_pos, children })),
            }
        }
    }

    /// A key of a block mapping and its `:`; returns the key and whether it was quoted.
    fn mapping_key(&mut self) -> Result<(String, bool)> {
        let pos = self.pos();
        if matches!(self.peek(), Some('"' | '\'')) {
            let line = self.line;
            let key = self.quoted()?;
            while matches!(self.peek(), Some(' ' | '\t')) {
                self.bump();
            }
            if self.line == line && self.peek() == Some(':') && is_space(self.peek_at(1)) {
                self.bump();
                return Ok((key, true));
            }
        } else if !self.dash_at(self.i) && !matches!(self.peek(), Some('!' | '|' | '>' | '[' | '{')) {
            self.check_plain_start()?;
            if let (key, true) = self.plain_line() {
                return Ok((key, false));
            }
        }
        self.error(pos, "Expected `key: value` at the indentation of the keys above")
    }

    /// A block sequence whose first `-` is at the current position, column `col`.
    fn block_sequence(&mut self, col: usize) -> Result<Node> {
        let pos = self.pos();
        let (mut items, mut children) = (Vec::new(), Vec::new());
        loop {
            self.bump(); // '-'
            let (item, located) = self.value_after(col as isize, false)?;
            items.push(item);
            children.push(located);
            match self.next_content()? {
                Some((j, indent)) if indent == col as isize && self.dash_at(j) => self.advance_to(j),
                Some((j, indent)) if indent > col as isize => {
                    return self
                        .error(self.pos_at(j), "This line is indented more than the list item above it expects");
                }
                _ => return Ok((Json::Array(items), Located { pos, children })),
            }
        }
    }

    /// Refuses what cannot start a plain scalar.
    fn check_plain_start(&self) -> Result<()> {
        let message = match self.peek() {
            Some('&' | '*') => "Anchors (&name) and aliases (*name) are not supported: write the value out in full",
            Some('?') if is_space(self.peek_at(1)) => "Complex keys (`? key`) are not supported: write `key: value`",
            Some('@' | '`') => "A value cannot start with @ or `: put it in quotes",
            Some(',' | ']' | '}') => "Unexpected `,`, `]` or `}` outside [ ] or { }",
            Some('%') => "A value cannot start with %: put it in quotes",
            _ => return Ok(()),
        };
        self.error(self.pos(), message)
    }

    /// One line of a plain scalar, up to `: `, ` #` or the line end; returns the text and
    /// whether `:` ended it (then it is a key, and the `:` is consumed).
    fn plain_line(&mut self) -> (String, bool) {
        let mut text = String::new();
        loop {
            match self.peek() {
                None | Some('\n') => break,
                Some(':') if is_space(self.peek_at(1)) => {
                    self.bump();
                    return (text.trim_end_matches([' ', '\t']).to_string(), true);
                }
                Some('#') if self.at_comment() => break,
                Some(c) => {
                    text.push(c);
                    self.bump();
                }
            }
        }
        (text.trim_end_matches([' ', '\t']).to_string(), false)
    }

    /// The lines that continue a plain scalar: more indented than `parent`, folded into one
    /// line (an empty line becomes a line break). A comment ends the scalar.
    fn plain_rest(&mut self, mut text: String, parent: isize) -> Result<String> {
        while !self.at_comment() {
            let mut start = self.i + 1;
            let mut breaks = 0;
            let found = loop {
                let Some(line) = self.chars.get(start..) else { break None };
                let spaces = line.iter().take_while(|&&c| c == ' ').count();
                let blank = line.iter().take_while(|&&c| c == ' ' || c == '\t').count();
                match line.get(blank) {
                    Some('\n') => {
                        breaks += 1;
                        start += blank + 1;
                    }
                    Some('#') | None => break None,
                    Some(_) if spaces as isize <= parent || spaces < blank || self.marker_at(start) => break None,
                    Some(_) => break Some(start + spaces),
                }
            };
            let Some(at) = found else { break };
            self.advance_to(at);
            let pos = self.pos();
            let (line, is_key) = self.plain_line();
            if is_key {
                return self.error(
                    pos,
                    "A value that spans lines cannot contain `: `: put the value in quotes, or fix the indentation",
                );
            }
            if breaks == 0 {
                text.push(' ');
            }
            text.extend(std::iter::repeat_n('\n', breaks));
            text.push_str(&line);
        }
        self.end_line()?;
        Ok(text)
    }

    /// A plain scalar as a value: null, or typed as YAML 1.1 types it, or text.
    fn scalar(&self, text: String) -> Json {
        if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL") {
            return Json::Null;
        }
        if self.typed {
            if let Some(b) = yaml_bool(&text) {
                return Json::Bool(b);
            }
            let number = text.strip_prefix('+').filter(|n| !n.starts_with('-')).unwrap_or(&text);
            if let (true, Ok((Json::Number(lexeme), _))) =
                (number.starts_with(|c: char| c == '-' || c.is_ascii_digit()), json::parse(number))
            {
                return Json::Number(lexeme);
            }
        }
        Json::String(text)
    }

    /// A single- or double-quoted scalar, over several lines if need be.
    fn quoted(&mut self) -> Result<String> {
        let open = self.pos();
        let quote = self.peek();
        self.bump();
        let mut out = String::new();
        // Where unescaped spaces at the end of the text so far start: a line break drops them.
        let mut trailing: Option<usize> = None;
        loop {
            let c = self.peek();
            match c {
                None => return self.error(open, "This text is not closed: add the closing quote"),
                Some('\'') if quote == Some('\'') && self.peek_at(1) == Some('\'') => {
                    self.bump();
                    self.bump();
                    out.push('\'');
                    trailing = None;
                }
                _ if c == quote => {
                    self.bump();
                    return Ok(out);
                }
                Some('\n') => {
                    out.truncate(trailing.take().unwrap_or(out.len()));
                    let mut breaks = 0;
                    while self.peek() == Some('\n') {
                        self.bump();
                        breaks += 1;
                        if self.marker_at(self.i) {
                            return self.error(
                                open,
                                "This text is not closed before the document marker: add the closing quote",
                            );
                        }
                        while matches!(self.peek(), Some(' ' | '\t')) {
                            self.bump();
                        }
                    }
                    out.push_str(if breaks == 1 { " " } else { "" });
                    out.extend(std::iter::repeat_n('\n', breaks - 1));
                }
                Some('\\') if quote == Some('"') => {
                    self.bump();
                    if self.peek() == Some('\n') {
                        // An escaped line break joins the lines without a space.
                        self.bump();
                        while matches!(self.peek(), Some(' ' | '\t')) {
                            self.bump();
                        }
                    } else {
                        let escaped = self.escape()?;
                        out.push(escaped);
                    }
                    trailing = None;
                }
                Some(c) => {
                    if c == ' ' || c == '\t' {
                        trailing.get_or_insert(out.len());
                    } else {
                        trailing = None;
                    }
                    out.push(c);
                    self.bump();
                }
            }
        }
    }

    /// The character of the escape after a `\` in double quotes.
    fn escape(&mut self) -> Result<char> {
        let pos = self.pos();
        let c = self.peek();
        self.bump();
        let simple = match c {
            Some('0') => '\0',
            Some('a') => '\u{7}',
            Some('b') => '\u{8}',
            Some('t' | '\t') => '\t',
            Some('n') => '\n',
            Some('v') => '\u{b}',
            Some('f') => '\u{c}',
            Some('r') => '\r',
            Some('e') => '\u{1b}',
            Some('N') => '\u{85}',
            Some('_') => '\u{a0}',
            Some('L') => '\u{2028}',
            Some('P') => '\u{2029}',
            Some(c @ (' ' | '"' | '/' | '\\')) => c,
            Some('x') => return self.hex_char(2, pos),
            Some('u') => return self.hex_char(4, pos),
            Some('U') => return self.hex_char(8, pos),
            _ => return self.error(pos, "Unknown escape in double-quoted text: write \\\\ for a backslash"),
        };
        Ok(simple)
    }

    fn hex(&mut self, digits: usize, pos: Pos) -> Result<u32> {
        let mut value: u32 = 0;
        for _ in 0..digits {
            let Some(d) = self.peek().and_then(|c| c.to_digit(16)) else {
                return self.error(pos, format!("Expected {digits} hexadecimal digits in this escape"));
            };
            value = value.wrapping_mul(16).wrapping_add(d);
            self.bump();
        }
        Ok(value)
    }

    /// A `\x`, `\u` or `\U` escape; a `\u` surrogate pair (as JSON writes it) makes one character.
    fn hex_char(&mut self, digits: usize, pos: Pos) -> Result<char> {
        let mut code = self.hex(digits, pos)?;
        if (0xD800..0xDC00).contains(&code) && self.peek() == Some('\\') && self.peek_at(1) == Some('u') {
            self.bump();
            self.bump();
            let low = self.hex(4, pos)?;
            if (0xDC00..0xE000).contains(&low) {
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            }
        }
        match char::from_u32(code) {
            Some(c) => Ok(c),
            None => self.error(pos, "This escape is not a valid character (an unpaired surrogate?)"),
        }
    }

    /// A `|` or `>` block scalar; its lines are indented more than `parent`.
    fn block_scalar(&mut self, parent: isize) -> Result<String> {
        let literal = self.peek() == Some('|');
        self.bump();
        let (mut chomp, mut indent) = ('=', None);
        for _ in 0..2 {
            match self.peek() {
                Some(c @ ('-' | '+')) if chomp == '=' => chomp = c,
                Some(c @ '1'..='9') if indent.is_none() => {
                    indent = c.to_digit(10).map(|d| (parent + d as isize).max(0))
                }
                _ => break,
            }
            self.bump();
        }
        self.skip_inline();
        if !self.at_eol() {
            return self.error(self.pos(), "Expected the end of the line after | or > (a comment may follow)");
        }
        // Without an indicator, the first line with text sets the indentation.
        let indent = match indent {
            Some(indent) => indent as usize,
            None => {
                let mut start = self.i + 1;
                loop {
                    let line = self.chars.get(start..).unwrap_or_default();
                    let spaces = line.iter().take_while(|&&c| c == ' ').count();
                    match line.get(spaces) {
                        Some('\n') => start += spaces + 1,
                        _ => break (spaces as isize).max(parent + 1) as usize,
                    }
                }
            }
        };
        let mut lines: Vec<String> = Vec::new();
        while self.peek() == Some('\n') {
            let start = self.i + 1;
            let line = self.chars.get(start..).unwrap_or_default();
            let spaces = line.iter().take_while(|&&c| c == ' ').count();
            let end = line.iter().position(|&c| c == '\n').unwrap_or(line.len());
            if start >= self.chars.len() || (spaces < indent && spaces < end) || self.marker_at(start) {
                break;
            }
            lines.push(line[indent.min(end)..end].iter().collect());
            self.advance_to(start + end);
        }
        let body_len = lines.iter().rposition(|line| !line.is_empty()).map_or(0, |last| last + 1);
        let trailing = lines.len() - body_len;
        let body = &lines[..body_len];
        let mut out = String::new();
        if literal {
            out = body.join("\n");
        } else {
            // Folding: a single line break between two lines of text becomes a space; lines
            // that start with a space or tab keep their breaks; empty lines become breaks.
            let spaced = |line: &str| line.starts_with([' ', '\t']);
            let mut previous: Option<&str> = None;
            let mut empty = 0;
            for line in body.iter().map(String::as_str) {
                if line.is_empty() {
                    empty += 1;
                    continue;
                }
                let breaks = match previous {
                    Some(p) if spaced(p) || spaced(line) => empty + 1,
                    Some(_) if empty == 0 => {
                        out.push(' ');
                        0
                    }
                    _ => empty,
                };
                out.extend(std::iter::repeat_n('\n', breaks));
                out.push_str(line);
                previous = Some(line);
                empty = 0;
            }
        }
        if chomp != '-' && body_len > 0 {
            out.push('\n');
        }
        if chomp == '+' {
            out.extend(std::iter::repeat_n('\n', trailing));
        }
        Ok(out)
    }

    /// A `!Name` tag: the key of the function object it stands for (`Ref`, `Condition`, or
    /// `Fn::Name`).
    fn tag(&mut self) -> Result<String> {
        let pos = self.pos();
        self.bump(); // '!'
        let mut name = String::new();
        while let Some(c) = self.peek().filter(|c| !is_space(Some(*c)) && !",[]{}".contains(*c)) {
            name.push(c);
            self.bump();
        }
        if name.is_empty() || name.starts_with(['!', '<']) {
            return self.error(
                pos,
                format!(
                    "The YAML tag !{name} is not supported: only CloudFormation's short forms such as !Ref are read"
                ),
            );
        }
        Ok(if name == "Ref" || name == "Condition" { name } else { format!("Fn::{name}") })
    }

    /// Skips spaces, line breaks and comments inside `[ ]` and `{ }`.
    fn skip_flow_space(&mut self) {
        loop {
            match self.peek() {
                Some(' ' | '\t' | '\n') => self.bump(),
                Some('#') if self.at_comment() => {
                    while !self.at_eol() {
                        self.bump();
                    }
                }
                _ => return,
            }
        }
    }

    /// A node inside `[ ]` or `{ }` (or one of them).
    fn flow_node(&mut self) -> Result<Node> {
        self.nested(Reader::flow_node_inner)
    }

    fn flow_node_inner(&mut self) -> Result<Node> {
        let pos = self.pos();
        match self.peek() {
            Some('[') => self.flow_collection(false),
            Some('{') => self.flow_collection(true),
            Some('"' | '\'') => Ok(leaf(Json::String(self.quoted()?), pos)),
            Some('!') => {
                let key = self.tag()?;
                self.skip_flow_space();
                let (value, located) = match self.peek() {
                    Some(',' | ']' | '}') | None => leaf(Json::Null, self.pos()),
                    _ => self.flow_node()?,
                };
                Ok((Json::Object(vec![(key, value)]), Located { pos, children: vec![located] }))
            }
            Some('|' | '>') => self.error(pos, "| and > block text cannot be inside [ ] or { }: use quotes"),
            Some('-') if self.dash_at(self.i) => self.error(pos, "Expected a value, not a `- ` list item, inside [ ]"),
            _ => {
                self.check_plain_start()?;
                let text = self.plain_flow();
                if text.is_empty() {
                    return self.error(pos, "Expected a value");
                }
                Ok(leaf(self.scalar(text), pos))
            }
        }
    }

    /// A plain scalar inside `[ ]` or `{ }`: up to `,`, a bracket, `: `, ` #` or the line end.
    fn plain_flow(&mut self) -> String {
        let mut text = String::new();
        while let Some(c) = self.peek() {
            let ends = match c {
                '\n' | ',' | '[' | ']' | '{' | '}' => true,
                ':' => self.peek_at(1).is_none_or(|n| is_space(Some(n)) || ",[]{}".contains(n)),
                '#' => self.at_comment(),
                _ => false,
            };
            if ends {
                break;
            }
            text.push(c);
            self.bump();
        }
        text.trim_end_matches([' ', '\t']).to_string()
    }

    /// `[ … ]` or, with `mapping`, `{ … }`.
    fn flow_collection(&mut self, mapping: bool) -> Result<Node> {
        let open = self.pos();
        let close = if mapping { '}' } else { ']' };
        let unclosed = format!("This {} is not closed: add `{close}`", if mapping { "{" } else { "[" });
        self.bump();
        let (mut members, mut children, mut seen) = (Vec::new(), Vec::new(), BTreeSet::new());
        loop {
            self.skip_flow_space();
            let pos = self.pos();
            match self.peek() {
                None => return self.error(open, unclosed),
                Some(c) if c == close => {
                    self.bump();
                    let json = if mapping {
                        Json::Object(members)
                    } else {
                        Json::Array(members.into_iter().map(|(_, v)| v).collect())
                    };
                    return Ok((json, Located { pos: open, children }));
                }
                _ => {}
            }
            let key = if mapping {
                let key = match self.peek() {
                    Some('"' | '\'') => self.quoted()?,
                    Some('[' | '{' | '!' | '&' | '*') => return self.error(pos, "A key inside { } must be text"),
                    _ => {
                        self.check_plain_start()?;
                        self.plain_flow()
                    }
                };
                self.skip_flow_space();
                if self.peek() != Some(':') {
                    return self.error(self.pos(), "Expected `:` after the key inside { }");
                }
                self.bump();
                self.skip_flow_space();
                if !seen.insert(key.clone()) {
                    return self.error(pos, format!("{key} appears twice in this mapping: keep one"));
                }
                key
            } else {
                String::new()
            };
            let (value, mut located) = match self.peek() {
                Some(',' | '}') if mapping => leaf(Json::Null, self.pos()),
                _ => self.flow_node()?,
            };
            if mapping {
                located.pos = pos;
            }
            members.push((key, value));
            children.push(located);
            self.skip_flow_space();
            match self.peek() {
                Some(',') => self.bump(),
                Some(c) if c == close => {}
                Some(':') if !mapping => {
                    return self.error(self.pos(), "`key: value` pairs inside [ ] are not supported: use { }")
                }
                None => return self.error(open, unclosed),
                _ => return self.error(self.pos(), format!("Expected `,` or `{close}`")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        match parse(text) {
            Ok((json, _)) => json.compact(),
            Err(e) => panic!("{text:?}: {e}"),
        }
    }

    fn fails(text: &str) -> ParseError {
        match parse(text) {
            Ok((json, _)) => panic!("{text:?} read as {}", json.compact()),
            Err(e) => e,
        }
    }

    #[test]
    fn reads_block_mappings_and_sequences() {
        assert_eq!(read("a: 1\nb:\n  c: x\n  d:\n    - 1\n    - two\n"), r#"{"a":1,"b":{"c":"x","d":[1,"two"]}}"#);
        // A list at its key's indentation, then the next key.
        assert_eq!(read("a:\n- x\n- y\nb: z"), r#"{"a":["x","y"],"b":"z"}"#);
        // Mappings inside list items, and lists inside lists.
        assert_eq!(read("- N: a\n  M: b\n- - 1\n  - 2\n-\n"), r#"[{"N":"a","M":"b"},[1,2],null]"#);
        assert_eq!(read("---\nk: # comment\n\n  # another\n  v\n...\n# end"), r#"{"k":"v"}"#);
        assert_eq!(read("%YAML 1.1\n---\nk: v"), r#"{"k":"v"}"#);
        assert_eq!(read("empty:\nnext: ~\nlast: null"), r#"{"empty":null,"next":null,"last":null}"#);
    }

    #[test]
    fn types_plain_scalars_as_yaml_1_1_or_keeps_text() {
        assert_eq!(
            read("[yes, No, ON, off, true, FALSE, y, 12, -1.5e3, +7, 0123, 1_000, 0x1F, .inf, 2010-09-09, a#b]"),
            r#"[true,false,true,false,true,false,"y",12,-1.5e3,7,"0123","1_000","0x1F",".inf","2010-09-09","a#b"]"#
        );
        let (json, _) = parse_text("[yes, 12, '12', ~, '~', 'null']").unwrap();
        assert_eq!(json.compact(), r#"["yes","12","12",null,"~","null"]"#);
        assert_eq!(yaml_bool("Yes"), Some(true));
        assert_eq!(yaml_bool("yEs"), None);
        assert_eq!(yaml_bool("OFF"), Some(false));
    }

    #[test]
    fn reads_quoted_scalars_with_escapes_and_folding() {
        assert_eq!(
            read(r#"a: "x\ty\n\"q\" \\ \u00e9\U0001F600 \x41 \/ \ud83d\ude00""#),
            "{\"a\":\"x\\ty\\n\\\"q\\\" \\\\ é😀 A / 😀\"}"
        );
        assert_eq!(read("a: 'it''s # not a comment'"), r#"{"a":"it's # not a comment"}"#);
        assert_eq!(read("a: \"one   \n   two\n\n   three\\\n   four\""), r#"{"a":"one two\nthreefour"}"#);
        assert_eq!(read("\"quoted key\": 'v'\n'k2': \"\""), r#"{"quoted key":"v","k2":""}"#);
        assert!(fails("a: \"x\\q\"").message.contains("Unknown escape"));
        assert!(fails("a: 'open\nb: c").message.contains("not closed"));
    }

    #[test]
    fn reads_plain_scalars_over_several_lines() {
        assert_eq!(read("a: one\n  two\n\n  three\nb: x"), r#"{"a":"one two\nthree","b":"x"}"#);
        assert_eq!(
            read("- Fn::GetAtt: [A, Arn]\n- http://x.y/z#frag"),
            r#"[{"Fn::GetAtt":["A","Arn"]},"http://x.y/z#frag"]"#
        );
        assert!(fails("a: one\n  two: three").message.contains("spans lines"));
    }

    #[test]
    fn reads_block_scalars() {
        assert_eq!(
            read("a: |\n  line 1\n    more\n\n  line 3\n\nb: x"),
            r#"{"a":"line 1\n  more\n\nline 3\n","b":"x"}"#
        );
        assert_eq!(
            read("a: >\n  one\n  two\n\n  three\n    indented\n  four\n"),
            r#"{"a":"one two\nthree\n  indented\nfour\n"}"#
        );
        assert_eq!(read("a: |-\n  x\n\nb: >+\n  y\n\n\nc: |2\n    z\n"), r#"{"a":"x","b":"y\n\n\n","c":"  z\n"}"#);
        assert_eq!(read("- |\n  # not a comment\n- >-\n  a\n  b"), "[\"# not a comment\\n\",\"a b\"]");
        assert_eq!(read("a: |\nb: x"), r#"{"a":"","b":"x"}"#);
    }

    #[test]
    fn reads_flow_collections_over_lines() {
        assert_eq!(
            read("a: [1, 'two', \"three\", {k: v, \"q\": [x, y]}, ]\nb: {\n  c: 1,  # comment\n  d: [\n  ]\n}"),
            r#"{"a":[1,"two","three",{"k":"v","q":["x","y"]}],"b":{"c":1,"d":[]}}"#
        );
        assert_eq!(read(r#"{"json": [1, true, null, "x"], "b": {}}"#), r#"{"json":[1,true,null,"x"],"b":{}}"#);
        assert!(fails("a: [1, 2").message.contains("not closed"));
        assert!(fails("a: [x: 1]").message.contains("use { }"));
        assert!(fails("a: {b c}").message.contains("Expected `:`"));
    }

    #[test]
    fn turns_short_form_tags_into_functions() {
        assert_eq!(
            read("a: !Ref X\nb: !GetAtt P.Arn\nc: !Sub\n  - '${A}'\n  - A: !Ref B\nd: [!Ref Y, !Join ['', [a, !Ref Z]]]\ne: !Condition C"),
            r#"{"a":{"Ref":"X"},"b":{"Fn::GetAtt":"P.Arn"},"c":{"Fn::Sub":["${A}",{"A":{"Ref":"B"}}]},"d":[{"Ref":"Y"},{"Fn::Join":["",["a",{"Ref":"Z"}]]}],"e":{"Condition":"C"}}"#
        );
        assert!(fails("a: !!str 1").message.contains("not supported"));
    }

    #[test]
    fn refuses_what_it_does_not_read_with_positions() {
        let cases: [(&str, &str, u32, u32); 13] = [
            ("a: &x 1\nb: *x", "Anchors", 1, 4),
            ("a: 1\n<<: {b: 2}", "Merge keys", 2, 1),
            ("a:\n\tb: 1", "Tabs", 2, 1),
            ("a: 1\na: 2", "appears twice", 2, 1),
            ("a:\n  b:\n    c: 1\n   d: 2", "indented more", 4, 4),
            ("a: 1\n---\nb: 2", "one YAML document", 2, 1),
            ("a:\n  b: 1\n    c: 2", "spans lines", 3, 5),
            ("a: b: c", "cannot start on the same line", 1, 4),
            ("a: - x", "cannot start on the same line", 1, 4),
            ("? a\n: b", "Complex keys", 1, 1),
            ("a: 1\nb", "Expected `key: value`", 2, 1),
            ("", "empty", 1, 1),
            ("a: \"x\" y", "Unexpected text", 1, 8),
        ];
        for (text, message, line, column) in cases {
            let error = fails(text);
            assert!(error.message.contains(message), "{text:?}: {}", error.message);
            assert_eq!(error.pos, Pos { line, column }, "{text:?}: {}", error.message);
        }
        assert!(fails(&"[".repeat(100)).message.contains("deeply"));
        assert!(fails(&"- ".repeat(100)).message.contains("deeply"));
    }

    #[test]
    fn locates_members_at_their_keys() {
        let (_, located) = parse("# c\nA: 1\nB:\n  - x\n  - C: 2\n    D: !Ref E\n").unwrap();
        assert_eq!(located.children[1].pos, Pos { line: 3, column: 1 });
        let item = &located.children[1].children[1];
        assert_eq!(item.children[1].pos, Pos { line: 6, column: 5 });
        assert_eq!(item.children[1].children[0].pos, Pos { line: 6, column: 13 });
    }

    #[test]
    fn reads_crlf_and_a_byte_order_mark() {
        assert_eq!(read("\u{feff}a: 1\r\nb: |\r\n  x\r\n"), r#"{"a":1,"b":"x\n"}"#);
    }
}
