//! JSON as Poolsmith needs it: an ordered tree, a parser that remembers where every value
//! and key was (line and column, for import diagnostics), and a pretty printer.
//!
//! Why not `serde_json::Value`: its objects are sorted maps (member order matters: requests
//! print in model order, tags keep the user's order), numbers lose their exact spelling, and
//! it cannot say on which line an unknown key sits. The parser is strict RFC 8259 (no
//! comments, no trailing commas) with a nesting limit, and it never panics on any input.

use std::fmt::Write as _;

/// A JSON value. Objects keep their members in order; numbers keep their exact lexeme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number exactly as written (already checked to be valid JSON number syntax).
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// Where each value of a parsed tree starts, mirroring its shape: `children` holds one entry
/// per array item, or one per object member (positioned at the member's key).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Located {
    pub pos: Pos,
    pub children: Vec<Located>,
}

/// A syntax error with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub pos: Pos,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at {}", self.message, self.pos)
    }
}

/// Deeper nesting than any request needs (the model is 4 levels deep); stops stack exhaustion.
const MAX_DEPTH: usize = 64;

impl Json {
    /// A JSON string value.
    pub fn str(text: impl Into<String>) -> Json {
        Json::String(text.into())
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// A short name of the value's JSON type, for messages ("a string", "an object").
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true or false",
            Json::Number(_) => "a number",
            Json::String(_) => "text",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }

    /// Pretty-printed with two-space indentation and a final newline.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        write_pretty(self, 0, &mut out);
        out.push('\n');
        out
    }

    /// Compact, on one line.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        write_compact(self, &mut out);
        out
    }
}

/// Writes `value` as [`Json::pretty`] does (without the final newline), its nested lines
/// indented `indent` levels: for printers that embed a value in larger output.
pub fn write_pretty(value: &Json, indent: usize, out: &mut String) {
    match value {
        Json::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                push_indent(indent + 1, out);
                write_pretty(item, indent + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            push_indent(indent, out);
            out.push(']');
        }
        Json::Object(members) if !members.is_empty() => {
            out.push_str("{\n");
            for (i, (key, item)) in members.iter().enumerate() {
                push_indent(indent + 1, out);
                write_string(key, out);
                out.push_str(": ");
                write_pretty(item, indent + 1, out);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            push_indent(indent, out);
            out.push('}');
        }
        other => write_compact(other, out),
    }
}

/// Two spaces per `level`.
pub fn push_indent(level: usize, out: &mut String) {
    push_spaces(2 * level, out);
}

/// Writes `count` spaces. Every line of every export starts with some: copied from one constant
/// in a piece or two rather than pushed level by level.
pub fn push_spaces(mut count: usize, out: &mut String) {
    const SPACES: &str = "                                                                "; // 64
    while count > SPACES.len() {
        out.push_str(SPACES);
        count -= SPACES.len();
    }
    out.push_str(&SPACES[..count]);
}

/// Writes `value` as [`Json::compact`] does.
pub fn write_compact(value: &Json, out: &mut String) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(n),
        Json::String(s) => write_string(s, out),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(item, out);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_compact(item, out);
            }
            out.push('}');
        }
    }
}

/// Writes `text` as a JSON string literal. Every character a reader cannot see (controls, the
/// line separators U+2028/U+2029, bidirectional and other invisible format characters: the
/// table in [`crate::invisible`]) is a `\u` escape, so the text is safe to embed in JavaScript
/// source too and shows what it holds wherever it is pasted.
pub fn write_string(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push('"');
    // Copy runs of characters that need no escape in one go (most text is plain, and most
    // strings are one such run). Printable ASCII is decided by its byte, undecoded; any other
    // character is decoded once. Written for size as much as speed: this is in the first load.
    if plain_ascii_len(bytes) == bytes.len() {
        out.push_str(text);
        out.push('"');
        return;
    }
    let mut run_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        at += plain_ascii_len(&bytes[at..]);
        let Some(c) = text[at..].chars().next() else { break };
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            c if crate::invisible::is_invisible(c) => "",
            c => {
                at += c.len_utf8();
                continue;
            }
        };
        out.push_str(&text[run_start..at]);
        at += c.len_utf8();
        run_start = at;
        if escape.is_empty() {
            push_unicode_escape(c, out);
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(&text[run_start..]);
    out.push('"');
}

/// Writes `c` as JSON's `\uXXXX` (lower-case hexadecimal), a pair of surrogate escapes above
/// U+FFFF, the only spelling JSON has for those.
fn push_unicode_escape(c: char, out: &mut String) {
    let mut units = [0; 2];
    for unit in c.encode_utf16(&mut units) {
        let _ = write!(out, "\\u{:04x}", u32::from(*unit));
    }
}

/// How many bytes at the start of `bytes` are printable ASCII other than `"` and `\`, which
/// every string writer copies as they are. Tests eight bytes at a time (each test below is
/// exact about whether any byte of the word qualifies): this scans every string of every export.
pub fn plain_ascii_len(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk).map(u64::from_ne_bytes) else { break };
        let (quote, backslash) = (word ^ (ONES * u64::from(b'"')), word ^ (ONES * u64::from(b'\\')));
        // The high bit of a byte is set by: a byte below 0x20; a zero byte of `quote` or
        // `backslash`; a byte of 0x80 or more; a byte of 0x7F (plus one).
        let special = (word.wrapping_sub(ONES * 0x20) & !word)
            | (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | word
            | word.wrapping_add(ONES);
        if special & HIGH != 0 {
            break;
        }
        at += 8;
    }
    at + bytes[at..].iter().take_while(|&&b| matches!(b, b' '..=b'~') && b != b'"' && b != b'\\').count()
}

/// `text` as a JSON string literal.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    write_string(text, &mut out);
    out
}

/// Parses one JSON document (surrounding whitespace allowed; a UTF-8 byte-order mark too).
pub fn parse(text: &str) -> Result<(Json, Located), ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser { chars: text.char_indices().peekable(), line: 1, column: 1 };
    parser.skip_whitespace();
    if parser.peek().is_none() {
        return Err(parser.error("The file is empty: expected a JSON object"));
    }
    let result = parser.value(0)?;
    parser.skip_whitespace();
    if parser.peek().is_some() {
        return Err(parser.error("Unexpected text after the end of the JSON value"));
    }
    Ok(result)
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    line: u32,
    column: u32,
}

impl Parser<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|&(_, c)| c)
    }

    fn bump(&mut self) -> Option<char> {
        let (_, c) = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn pos(&self) -> Pos {
        Pos { line: self.line, column: self.column }
    }

    fn error(&self, message: &str) -> ParseError {
        ParseError { pos: self.pos(), message: message.to_string() }
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.bump();
        }
    }

    fn expect(&mut self, wanted: char, message: &str) -> Result<(), ParseError> {
        if self.peek() == Some(wanted) {
            self.bump();
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    fn value(&mut self, depth: usize) -> Result<(Json, Located), ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.error("The JSON is nested too deeply"));
        }
        let pos = self.pos();
        let leaf = |json| Ok((json, Located { pos, children: Vec::new() }));
        match self.peek() {
            Some('{') => self.object(depth, pos),
            Some('[') => self.array(depth, pos),
            Some('"') => leaf(Json::String(self.string()?)),
            Some('t') => {
                self.word("true")?;
                leaf(Json::Bool(true))
            }
            Some('f') => {
                self.word("false")?;
                leaf(Json::Bool(false))
            }
            Some('n') => {
                self.word("null")?;
                leaf(Json::Null)
            }
            Some(c) if c == '-' || c.is_ascii_digit() => leaf(Json::Number(self.number()?)),
            Some('\'') => Err(self.error("Strings must use double quotes (\"), not single quotes")),
            Some(_) => Err(self.error("Expected a JSON value (object, list, text, number, true, false or null)")),
            None => Err(self.error("The JSON ends too early")),
        }
    }

    fn word(&mut self, word: &str) -> Result<(), ParseError> {
        for expected in word.chars() {
            if self.peek() != Some(expected) {
                return Err(self.error(&format!("Expected `{word}`")));
            }
            self.bump();
        }
        if matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric()) {
            return Err(self.error(&format!("Expected `{word}`")));
        }
        Ok(())
    }

    fn object(&mut self, depth: usize, pos: Pos) -> Result<(Json, Located), ParseError> {
        self.bump(); // '{'
        let mut members = Vec::new();
        let mut located = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some('}') {
            self.bump();
            return Ok((Json::Object(members), Located { pos, children: located }));
        }
        loop {
            self.skip_whitespace();
            let key_pos = self.pos();
            if self.peek() != Some('"') {
                let message = if self.peek() == Some('}') {
                    "Remove the comma before `}`: JSON does not allow a trailing comma"
                } else {
                    "Expected a member name in double quotes"
                };
                return Err(self.error(message));
            }
            let key = self.string()?;
            self.skip_whitespace();
            self.expect(':', "Expected `:` after the member name")?;
            self.skip_whitespace();
            let (value, mut value_loc) = self.value(depth + 1)?;
            // The member is located at its key, which is where a reader looks for it.
            value_loc.pos = key_pos;
            members.push((key, value));
            located.push(value_loc);
            self.skip_whitespace();
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some('}') => {
                    self.bump();
                    return Ok((Json::Object(members), Located { pos, children: located }));
                }
                _ => return Err(self.error("Expected `,` or `}` after the member value")),
            }
        }
    }

    fn array(&mut self, depth: usize, pos: Pos) -> Result<(Json, Located), ParseError> {
        self.bump(); // '['
        let mut items = Vec::new();
        let mut located = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(']') {
            self.bump();
            return Ok((Json::Array(items), Located { pos, children: located }));
        }
        loop {
            self.skip_whitespace();
            if self.peek() == Some(']') {
                return Err(self.error("Remove the comma before `]`: JSON does not allow a trailing comma"));
            }
            let (value, loc) = self.value(depth + 1)?;
            items.push(value);
            located.push(loc);
            self.skip_whitespace();
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(']') => {
                    self.bump();
                    return Ok((Json::Array(items), Located { pos, children: located }));
                }
                _ => return Err(self.error("Expected `,` or `]` after the list item")),
            }
        }
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.bump(); // opening quote
        let mut out = String::new();
        loop {
            let pos = self.pos();
            match self.bump() {
                None => return Err(self.error("The text is not closed: add the closing `\"`")),
                Some('"') => return Ok(out),
                Some('\\') => match self.bump() {
                    Some('"') => out.push('"'),
                    Some('\\') => out.push('\\'),
                    Some('/') => out.push('/'),
                    Some('b') => out.push('\u{8}'),
                    Some('f') => out.push('\u{c}'),
                    Some('n') => out.push('\n'),
                    Some('r') => out.push('\r'),
                    Some('t') => out.push('\t'),
                    Some('u') => {
                        let first = self.hex4()?;
                        let c = if (0xD800..0xDC00).contains(&first) {
                            // A high surrogate must be followed by an escaped low surrogate.
                            if self.bump() != Some('\\') || self.bump() != Some('u') {
                                return Err(ParseError {
                                    pos,
                                    message: "A \\u escape holds an unpaired surrogate".into(),
                                });
                            }
                            let second = self.hex4()?;
                            if !(0xDC00..0xE000).contains(&second) {
                                return Err(ParseError {
                                    pos,
                                    message: "A \\u escape holds an unpaired surrogate".into(),
                                });
                            }
                            char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                        } else {
                            char::from_u32(first)
                        };
                        match c {
                            Some(c) => out.push(c),
                            None => {
                                return Err(ParseError {
                                    pos,
                                    message: "A \\u escape holds an unpaired surrogate".into(),
                                })
                            }
                        }
                    }
                    _ => {
                        return Err(ParseError {
                            pos,
                            message: "Unknown escape in text: use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"
                                .into(),
                        })
                    }
                },
                Some(c) if (c as u32) < 0x20 => {
                    return Err(ParseError {
                        pos,
                        message:
                            "A control character (such as a line break) must be escaped inside text, for example as \\n"
                                .into(),
                    })
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut value = 0;
        for _ in 0..4 {
            match self.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    value = value * 16 + d;
                    self.bump();
                }
                None => return Err(self.error("Expected four hexadecimal digits after \\u")),
            }
        }
        Ok(value)
    }

    fn number(&mut self) -> Result<String, ParseError> {
        let mut out = String::new();
        if self.peek() == Some('-') {
            out.push('-');
            self.bump();
        }
        match self.peek() {
            Some('0') => {
                out.push('0');
                self.bump();
                if matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
                    return Err(self.error("Numbers cannot start with 0"));
                }
            }
            Some(c) if c.is_ascii_digit() => self.digits(&mut out),
            _ => return Err(self.error("Expected a digit")),
        }
        if self.peek() == Some('.') {
            out.push('.');
            self.bump();
            if !matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
                return Err(self.error("Expected a digit after the decimal point"));
            }
            self.digits(&mut out);
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            out.push('e');
            self.bump();
            if let Some(sign @ ('+' | '-')) = self.peek() {
                out.push(sign);
                self.bump();
            }
            if !matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
                return Err(self.error("Expected a digit in the exponent"));
            }
            self.digits(&mut out);
        }
        Ok(out)
    }

    fn digits(&mut self, out: &mut String) {
        while let Some(c) = self.peek().filter(|c| c.is_ascii_digit()) {
            out.push(c);
            self.bump();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_len_stops_at_the_first_byte_to_escape() {
        // Every byte value at every position of a word, and in the tail after the words.
        for at in 0..19 {
            for byte in 0..=255u8 {
                let mut bytes = vec![b'a'; 19];
                bytes[at] = byte;
                let plain = matches!(byte, b' '..=b'~') && byte != b'"' && byte != b'\\';
                assert_eq!(plain_ascii_len(&bytes), if plain { 19 } else { at }, "{byte:#x} at {at}");
            }
        }
        assert_eq!(plain_ascii_len(b""), 0);
    }

    #[test]
    fn keeps_member_order_and_number_lexemes() {
        let (json, _) = parse(r#"{"b": 1.50, "a": [true, null, "x"]}"#).unwrap();
        assert_eq!(json.compact(), r#"{"b":1.50,"a":[true,null,"x"]}"#);
    }

    #[test]
    fn locates_members_at_their_keys() {
        let (_, loc) = parse("{\n  \"A\": 1,\n  \"Bb\": {\"C\": 2}\n}").unwrap();
        assert_eq!(loc.children[1].pos, Pos { line: 3, column: 3 });
        assert_eq!(loc.children[1].children[0].pos, Pos { line: 3, column: 10 });
    }

    #[test]
    fn reports_syntax_errors_with_positions() {
        let err = parse("{\n  \"A\": 1,\n}").unwrap_err();
        assert_eq!(err.pos, Pos { line: 3, column: 1 });
        assert!(err.message.contains("trailing comma"), "{}", err.message);
        assert!(parse("").unwrap_err().message.contains("empty"));
        assert!(parse("{'a': 1}").unwrap_err().message.contains("double quotes"));
        assert!(parse("[01]").is_err());
        assert!(parse("\"a\nb\"").is_err());
        assert!(parse(r#""\ud800""#).is_err());
        assert!(parse("{} x").is_err());
        assert!(parse(&"[".repeat(100)).unwrap_err().message.contains("deeply"));
    }

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        let (json, _) = parse(r#""a\"\\\/\n\u00e9\ud83d\ude00""#).unwrap();
        assert_eq!(json, Json::str("a\"\\/\né😀"));
    }

    /// Every character of the Basic Multilingual Plane and the tag block: an invisible one is
    /// written as an escape (saved drafts and share links too show what they hold), any other as
    /// itself unless JSON needs an escape, and the text reads back the same.
    #[test]
    fn invisible_characters_are_escaped_and_read_back() {
        let planes = (0..=0xFFFF).chain(0xE0000..=0xE0FFF).chain([0x1F600, 0x10FFFF]);
        for c in planes.filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let written = quote(&text);
            if !matches!(c, '"' | '\\') {
                let raw = written.contains(c);
                assert_eq!(raw, !crate::invisible::is_invisible(c), "U+{:04X} in {written}", u32::from(c));
            }
            assert_eq!(parse(&written).map(|(json, _)| json), Ok(Json::str(&text)), "U+{:04X}", u32::from(c));
        }
        assert_eq!(quote("\u{202e}\u{e0041}"), r#""\u202e\udb40\udc41""#);
    }

    #[test]
    fn printing_round_trips_awkward_text() {
        let text = "q\"b\\s$`${x}%{y}\n\t\u{1}\u{2028}é😀";
        let printed = Json::Object(vec![("k".into(), Json::str(text))]).pretty();
        let (back, _) = parse(&printed).unwrap();
        assert_eq!(back.get("k").and_then(Json::as_str), Some(text));
        assert!(!printed.contains('\u{2028}'));
    }
}
