//! Escaping fuzz: thousands of generated requests, with hostile text wherever the model's
//! patterns let it in (quotes, backslashes, `$`, backticks, `$(…)`, `${…}`, `%{…}`, `#`, `: `,
//! YAML's yes/no/null/~/on/off, Unicode, emoji, U+2028/U+2029, line breaks, tabs, invisible
//! characters, `__proto__` and other words that mean something to a reader), go through every
//! exporter with and without the MFA follow-up. Each export is then read back the way its own
//! tool reads it, by a reader written here in Rust for the part of the grammar the export uses,
//! and compared with the request:
//!
//! | format | read back by | compared with |
//! | --- | --- | --- |
//! | request-json, cloudformation-json | `serde_json` (into an ordered tree that keeps duplicates) | the request; the properties it maps to (independently derived here), and the CloudFormation importer's reading |
//! | cloudformation-yaml | `saphyr-parser`'s events, plain scalars typed here as YAML 1.1 types them (a plain scalar that a YAML 1.1 reader could take for a boolean, null, number or date fails unless it is the boolean or whole number meant) | the JSON export's template (read by `serde_json`): same values, same types; and the CloudFormation importer's reading |
//! | terraform | an HCL2 reader (below) that refuses live `${`/`%{` | every leaf at its argument (tests/conformance/terraform/mapping.tsv); no text that is not the request's |
//! | cli-bash | a POSIX word splitter that never expands (and lists what a shell would); `serde_json` for JSON option values | the options, read as the AWS CLI reads them |
//! | cli-powershell | PowerShell's here-string rule, `serde_json` for the JSON inside | the JSON inside (ASCII); the script outside the literals is the same for every request |
//! | boto3, js-sdk-v3, cdk-ts, paws | a tokenizer and literal parser per language | the request (CDK: the CloudFormation properties in camelCase) |
//!
//! A quarter of the requests also ignore the patterns ("free" text: any character anywhere,
//! some invalid numbers), because the form exports what the user typed before it is valid.
//! `checkers_reject_broken_escapes` proves that each reader catches a broken export.

use poolsmith::export::{self, cdk_ts, cloudformation, literal, Format, MfaFactors, Options};
use poolsmith::import::{self, Kind as ImportKind};
use poolsmith::invisible;
use poolsmith::json::{self, Json};
use poolsmith::model::{self, Field, Kind};
use poolsmith::request;
use poolsmith::sample::{Rng, Sampler};
use poolsmith::validate;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Requests generated, each exported with and without an MFA follow-up in every format:
/// 10,000 in an optimized build, 500 in the debug build of a plain `cargo test` (about 6 s on two
/// cores). `POOLSMITH_ESCAPING_REQUESTS` sets another number: `scripts/test` runs 10,000 in the
/// debug build (65 to 95 s on two cores).
fn request_count() -> u64 {
    let default = if cfg!(debug_assertions) { 500 } else { 10_000 };
    std::env::var("POOLSMITH_ESCAPING_REQUESTS").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

// =============================================================================================
// Requests

/// Text that some reader of some export takes for syntax.
#[rustfmt::skip] // one item per line would make this list hard to read
const TOKENS: &[&str] = &[
    "'", "\"", "\\", "\\\\", "$", "$$", "$$$", "%%", "`", "$(id)", "`id`", "$(rm -rf ~)", "${x}", "${AWS::Region}",
    "$${x}", "$$${x}", "%{ if x }", "%%{x}", "%{", "${", "#", " #", "# ", ": ", ":", "- ", "? ", "yes", "no", "null",
    "~", "on", "off", "Y", "NO", "True", "0123", "1e5", ".inf", "\n", "\r\n", "\r", "\t", "é", "漢字", "😀", "🎉",
    "\u{2028}", "\u{2029}", "\u{85}", "\u{feff}", "\u{200b}", "\u{202e}", "\u{0}", "\u{7}", "\u{1b}", "\u{7f}", "'@",
    "\n'@", "\n  '@", "\u{2019}@", "@'", "\"@", "'\\''", "!", "!!", "&&", "|", ";", "<", ">", "(", ")", "{{x}}",
    "#{Token[x]}", "__proto__", "*/", "/*", "//", "\\u0041", "\\n", "\\x41", "\\U0001F600", "\\N{DASH}", "f\"{x}\"",
    "{x}", "%s", "--x", "-", "file://x", "HTTPS://x", "<#", "#>", "@\"", "\\\n", "\n\n", " \n ",
    // More characters a reader cannot see (src/invisible.rs): marks, embeddings, isolates,
    // invisible operators, fillers, a variation selector, tags, format controls.
    "\u{200e}", "\u{200f}", "\u{61c}", "\u{202a}", "\u{202d}", "\u{2066}", "\u{2067}\u{2069}", "\u{2060}",
    "\u{2064}", "\u{ad}", "\u{180e}", "\u{fff9}", "\u{34f}", "\u{3164}", "\u{2764}\u{fe0f}", "\u{e0041}\u{e007f}",
    "\u{1d173}", "\u{13430}", "\u{600}",
];

/// Map keys that mean something to one of the readers.
#[rustfmt::skip] // one item per line would make this list hard to read
const KEYS: &[&str] = &[
    "__proto__", "constructor", "toString", "for", "in", "if", "null", "true", "NULL", "TRUE", "NA", "Inf", "...",
    "..1", "Ref", "Fn::Sub", "a b", "é", "😀", "1a", "-x", "$x", "${x}", "a\"b", "a'b", "\\", "#", "//", "a: b", "yes",
    "~", "", "a\u{202e}b", "\u{200b}",
];

/// A generated request: model-valid, adversarial text, then more hostile text wherever the
/// field's constraints still accept it (or anywhere, when `free`).
fn generate(seed: u64) -> (Json, bool) {
    let free = seed % 4 == 3;
    let mut sampler = Sampler::new(seed);
    sampler.adversarial = true;
    sampler.fill = [0.15, 0.35, 0.55, 0.75, 0.95][(seed / 4 % 5) as usize];
    sampler.max_items = 1 + (seed % 3) as usize;
    if free {
        sampler.invalid_rate = 0.05;
    }
    let mut request = request::to_json(&sampler.request());
    let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(7));
    inject(&mut request, None, &mut rng, free);
    (request, free)
}

fn accepts(field: &'static Field, text: &str, free: bool) -> bool {
    free || validate::scalar_problem(field, text).is_none()
}

fn mutated(text: &str, rng: &mut Rng, free: bool) -> String {
    if free && rng.chance(0.1) {
        return (0..1 + rng.below(3)).map(|_| *rng.pick(TOKENS)).collect();
    }
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(chars.len() + 1);
        chars.splice(at..at, rng.pick(TOKENS).chars());
    }
    chars.into_iter().collect()
}

/// Adds hostile text to the string leaves and map keys of `value` (of model field `field`;
/// None: the request).
fn inject(value: &mut Json, field: Option<&'static Field>, rng: &mut Rng, free: bool) {
    match (field.map(|f| f.kind), value) {
        (None, Json::Object(members)) => {
            for (name, item) in members {
                inject(item, model::top_level_member(name), rng, free);
            }
        }
        (Some(Kind::Structure), Json::Object(members)) => {
            for (name, item) in members {
                inject(item, field.and_then(|f| f.member(name)), rng, free);
            }
        }
        (Some(Kind::List), Json::Array(items)) => {
            for item in items {
                inject(item, field.and_then(|f| f.child_fields().next()), rng, free);
            }
        }
        (Some(Kind::Map), Json::Object(entries)) => {
            let mut parts = field.expect("map field").child_fields();
            let (key_field, value_field) = (parts.next().expect("map key"), parts.next().expect("map value"));
            for i in 0..entries.len() {
                if rng.chance(0.5) {
                    let key =
                        if rng.chance(0.5) { rng.pick(KEYS).to_string() } else { mutated(&entries[i].0, rng, free) };
                    if accepts(key_field, &key, free) && !entries.iter().any(|(k, _)| *k == key) {
                        entries[i].0 = key;
                    }
                }
                inject(&mut entries[i].1, Some(value_field), rng, free);
            }
        }
        (Some(Kind::String), Json::String(text)) => {
            let field = field.expect("string field");
            if rng.chance(0.7) {
                for _ in 0..6 {
                    let candidate = mutated(text, rng, free);
                    if accepts(field, &candidate, free) {
                        *text = candidate;
                        break;
                    }
                }
            }
        }
        _ => {}
    }
}

/// Visits every string of `value` that is user data: string values, and the keys of maps.
fn each_string<'a>(value: &'a Json, field: Option<&'static Field>, visit: &mut dyn FnMut(&'a str)) {
    match value {
        Json::String(text) => visit(text),
        Json::Array(items) => {
            let element = field.and_then(|f| f.child_fields().next());
            items.iter().for_each(|item| each_string(item, element, visit));
        }
        Json::Object(members) => {
            let is_map = field.is_some_and(|f| f.kind == Kind::Map);
            for (key, item) in members {
                let child = match field {
                    None => model::top_level_member(key),
                    Some(f) if is_map => f.child_fields().nth(1),
                    Some(f) => f.member(key),
                };
                if is_map {
                    visit(key);
                }
                each_string(item, child, visit);
            }
        }
        _ => {}
    }
}

fn string_count(request: &Json) -> usize {
    let mut count = 0;
    each_string(request, None, &mut |_| count += 1);
    count
}

fn members(value: &Json) -> &[(String, Json)] {
    match value {
        Json::Object(members) => members,
        _ => &[],
    }
}

fn object(members: Vec<(&str, Json)>) -> Json {
    Json::Object(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// `found` has the members of `expected`, each once, in any order (the bash export moves
/// some members into `--cli-input-json`).
fn same_members(what: &str, found: &Json, expected: &Json) -> Result<(), String> {
    let mut found_by_name = BTreeMap::new();
    for (name, value) in members(found) {
        if found_by_name.insert(name.as_str(), value).is_some() {
            return Err(format!("{what}: {name} is sent twice"));
        }
    }
    for (name, value) in members(expected) {
        match found_by_name.remove(name.as_str()) {
            None => return Err(format!("{what}: {name} is missing")),
            Some(found) if found != value => {
                return Err(format!("{what}: {}", first_difference(found, value, name)));
            }
            Some(_) => {}
        }
    }
    match found_by_name.keys().next() {
        Some(extra) => Err(format!("{what}: {extra} is not in the request")),
        None => Ok(()),
    }
}

/// An error with the first place two values differ.
fn same(what: &str, found: &Json, expected: &Json) -> Result<(), String> {
    if found == expected {
        return Ok(());
    }
    Err(format!("{what}: {}", first_difference(found, expected, "")))
}

fn first_difference(found: &Json, expected: &Json, at: &str) -> String {
    match (found, expected) {
        (Json::Object(a), Json::Object(b)) => {
            for (i, (key, value)) in b.iter().enumerate() {
                match a.get(i) {
                    Some((k, v)) if k == key => {
                        if v != value {
                            return first_difference(v, value, &format!("{at}.{key}"));
                        }
                    }
                    Some((k, _)) => {
                        return format!("at {at}: member {} where {} was expected", json::quote(k), json::quote(key))
                    }
                    None => return format!("at {at}: member {} is missing", json::quote(key)),
                }
            }
            format!("at {at}: extra members {:?}", a.iter().skip(b.len()).map(|(k, _)| k).collect::<Vec<_>>())
        }
        (Json::Array(a), Json::Array(b)) if a.len() == b.len() => {
            let i = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(0);
            first_difference(&a[i], &b[i], &format!("{at}[{i}]"))
        }
        _ => format!("at {at}: found {} expected {}", found.compact(), expected.compact()),
    }
}

// =============================================================================================
// HCL2 (Terraform): the native syntax our export uses

mod hcl {
    /// An expression that is a literal value (the export writes nothing else).
    #[derive(Clone, Debug, PartialEq)]
    pub enum Value {
        Str(String),
        Num(String),
        Bool(bool),
        Null,
        Tuple(Vec<Value>),
        Object(Vec<(String, Value)>),
    }

    #[derive(Debug, Default)]
    pub struct Body {
        pub attrs: Vec<(String, Value)>,
        pub blocks: Vec<Block>,
    }

    #[derive(Debug)]
    pub struct Block {
        pub kind: String,
        pub labels: Vec<String>,
        pub body: Body,
    }

    impl Body {
        pub fn attr(&self, name: &str) -> Option<&Value> {
            self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v)
        }
        pub fn blocks(&self, kind: &str) -> Vec<&Block> {
            self.blocks.iter().filter(|b| b.kind == kind).collect()
        }
    }

    #[derive(Clone, Debug, PartialEq)]
    enum Token {
        Ident(String),
        Str(String),
        Num(String),
        Punct(char),
        Newline,
    }

    /// Reads a configuration file. Errors: anything outside the literal subset, a live
    /// `${`/`%{` template sequence, a bad escape, a line break in a quoted string, duplicates.
    pub fn parse(text: &str) -> Result<Body, String> {
        let tokens = tokenize(text)?;
        let mut parser = Parser { tokens, i: 0 };
        parser.body(false)
    }

    fn tokenize(text: &str) -> Result<Vec<Token>, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            match c {
                ' ' | '\t' | '\r' => i += 1,
                '\n' => {
                    out.push(Token::Newline);
                    i += 1;
                }
                '#' => {
                    while i < chars.len() && chars[i] != '\n' {
                        i += 1;
                    }
                }
                '/' if next == Some('/') => {
                    while i < chars.len() && chars[i] != '\n' {
                        i += 1;
                    }
                }
                '/' if next == Some('*') => {
                    let rest: String = chars[i + 2..].iter().collect();
                    let end = rest.find("*/").ok_or("unterminated /* comment")?;
                    i += 2 + rest[..end].chars().count() + 2;
                }
                '"' => {
                    let (value, end) = quoted(&chars, i)?;
                    out.push(Token::Str(value));
                    i = end;
                }
                c if c.is_ascii_digit() => {
                    let start = i;
                    while i < chars.len() && (chars[i].is_ascii_digit() || matches!(chars[i], '.' | 'e' | 'E')) {
                        i += 1;
                    }
                    out.push(Token::Num(chars[start..i].iter().collect()));
                }
                c if c.is_alphabetic() || c == '_' => {
                    let start = i;
                    while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '-')) {
                        i += 1;
                    }
                    out.push(Token::Ident(chars[start..i].iter().collect()));
                }
                '{' | '}' | '[' | ']' | '=' | ',' | ':' | '-' => {
                    out.push(Token::Punct(c));
                    i += 1;
                }
                other => return Err(format!("unexpected character {other:?} outside a string")),
            }
        }
        Ok(out)
    }

    /// A quoted template with no interpolation: `\n \r \t \" \\ \uNNNN \UNNNNNNNN`, and `$${`
    /// / `%%{` for a literal `${` / `%{`, scanned as hclsyntax does (leftmost, longest).
    fn quoted(chars: &[char], start: usize) -> Result<(String, usize), String> {
        let mut out = String::new();
        let mut i = start + 1;
        loop {
            let c = *chars.get(i).ok_or("unterminated string")?;
            match c {
                '"' => return Ok((out, i + 1)),
                '\n' | '\r' => return Err("a line break inside a quoted string".into()),
                '\\' => {
                    let selector = chars.get(i + 1).copied().ok_or("dangling backslash")?;
                    let (decoded, used) = match selector {
                        'n' => ('\n', 2),
                        'r' => ('\r', 2),
                        't' => ('\t', 2),
                        '"' => ('"', 2),
                        '\\' => ('\\', 2),
                        'u' | 'U' => {
                            let digits = if selector == 'u' { 4 } else { 8 };
                            let hex: String = chars.iter().skip(i + 2).take(digits).collect();
                            let code = u32::from_str_radix(&hex, 16)
                                .ok()
                                .filter(|_| hex.len() == digits)
                                .ok_or(format!("bad escape \\{selector}{hex}"))?;
                            (char::from_u32(code).ok_or("an escape that is no character")?, 2 + digits)
                        }
                        other => return Err(format!("invalid escape \\{other}")),
                    };
                    out.push(decoded);
                    i += used;
                }
                '$' | '%' => {
                    if chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&'{') {
                        out.push(c);
                        out.push('{');
                        i += 3;
                    } else if chars.get(i + 1) == Some(&'{') {
                        return Err(format!("a live template sequence {c}{{ (interpolation or directive)"));
                    } else {
                        out.push(c);
                        i += 1;
                    }
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }

    struct Parser {
        tokens: Vec<Token>,
        i: usize,
    }

    impl Parser {
        fn peek(&self) -> Option<&Token> {
            self.tokens.get(self.i)
        }
        fn next(&mut self) -> Option<Token> {
            let token = self.tokens.get(self.i).cloned();
            self.i += 1;
            token
        }
        fn skip_newlines(&mut self) {
            while self.peek() == Some(&Token::Newline) {
                self.i += 1;
            }
        }
        fn end_of_line(&mut self) -> Result<(), String> {
            match self.next() {
                None | Some(Token::Newline) => Ok(()),
                Some(other) => Err(format!("expected the end of the line, found {other:?}")),
            }
        }

        fn body(&mut self, nested: bool) -> Result<Body, String> {
            let mut body = Body::default();
            loop {
                self.skip_newlines();
                match self.next() {
                    None if !nested => return Ok(body),
                    Some(Token::Punct('}')) if nested => return Ok(body),
                    Some(Token::Ident(name)) => {
                        if self.peek() == Some(&Token::Punct('=')) {
                            self.i += 1;
                            let value = self.value()?;
                            self.end_of_line()?;
                            if body.attr(&name).is_some() {
                                return Err(format!("argument {name} is set twice"));
                            }
                            body.attrs.push((name, value));
                            continue;
                        }
                        let mut labels = Vec::new();
                        loop {
                            match self.next() {
                                Some(Token::Str(label) | Token::Ident(label)) => labels.push(label),
                                Some(Token::Punct('{')) => break,
                                other => return Err(format!("block {name}: unexpected {other:?}")),
                            }
                        }
                        // `name {}` on one line is an empty block.
                        let inner = if self.peek() == Some(&Token::Punct('}')) {
                            self.i += 1;
                            Body::default()
                        } else {
                            self.end_of_line()?;
                            self.body(true)?
                        };
                        self.end_of_line()?;
                        body.blocks.push(Block { kind: name, labels, body: inner });
                    }
                    other => return Err(format!("expected an argument or a block, found {other:?}")),
                }
            }
        }

        fn value(&mut self) -> Result<Value, String> {
            match self.next() {
                Some(Token::Str(text)) => Ok(Value::Str(text)),
                Some(Token::Num(n)) => Ok(Value::Num(n)),
                Some(Token::Punct('-')) => match self.next() {
                    Some(Token::Num(n)) => Ok(Value::Num(format!("-{n}"))),
                    other => Err(format!("expected a number after -, found {other:?}")),
                },
                Some(Token::Ident(word)) => match word.as_str() {
                    "true" => Ok(Value::Bool(true)),
                    "false" => Ok(Value::Bool(false)),
                    "null" => Ok(Value::Null),
                    _ => Err(format!("{word} is a reference, not a literal")),
                },
                Some(Token::Punct('[')) => {
                    let mut items = Vec::new();
                    loop {
                        self.skip_newlines();
                        if self.peek() == Some(&Token::Punct(']')) {
                            self.i += 1;
                            return Ok(Value::Tuple(items));
                        }
                        items.push(self.value()?);
                        self.skip_newlines();
                        match self.next() {
                            Some(Token::Punct(',')) => {}
                            Some(Token::Punct(']')) => return Ok(Value::Tuple(items)),
                            other => return Err(format!("in a list: unexpected {other:?}")),
                        }
                    }
                }
                Some(Token::Punct('{')) => {
                    let mut entries: Vec<(String, Value)> = Vec::new();
                    loop {
                        self.skip_newlines();
                        let key = match self.next() {
                            Some(Token::Punct('}')) => return Ok(Value::Object(entries)),
                            Some(Token::Str(key)) => key,
                            // A bare key is its own text, except words HCL reads as something else.
                            Some(Token::Ident(key)) if !matches!(key.as_str(), "true" | "false" | "null" | "for") => {
                                key
                            }
                            other => return Err(format!("in a map: unexpected key {other:?}")),
                        };
                        match self.next() {
                            Some(Token::Punct('=' | ':')) => {}
                            other => return Err(format!("in a map: expected = after the key, found {other:?}")),
                        }
                        let value = self.value()?;
                        if entries.iter().any(|(k, _)| *k == key) {
                            return Err(format!("map key {key:?} appears twice"));
                        }
                        entries.push((key, value));
                        match self.peek() {
                            Some(Token::Punct(',')) | Some(Token::Newline) => self.i += 1,
                            Some(Token::Punct('}')) => {}
                            other => return Err(format!("in a map: unexpected {other:?} after a value")),
                        }
                    }
                }
                other => Err(format!("expected a value, found {other:?}")),
            }
        }
    }

    /// Every string in `value`, map keys included.
    pub fn strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
        match value {
            Value::Str(text) => out.push(text),
            Value::Tuple(items) => items.iter().for_each(|item| strings(item, out)),
            Value::Object(entries) => {
                for (key, item) in entries {
                    out.push(key);
                    strings(item, out);
                }
            }
            _ => {}
        }
    }
}

// =============================================================================================
// POSIX shell: splits the bash export into commands and words, and never expands anything

mod sh {
    /// Part of a word after quote removal.
    #[derive(Clone, Debug, PartialEq)]
    pub enum Part {
        Text(String),
        /// `$name` or `${name}`, which the shell would expand.
        Param(String),
        /// `$(…)`, which the shell would run.
        Substitution(Vec<Command>),
    }

    pub type Word = Vec<Part>;

    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Command {
        pub words: Vec<Word>,
    }

    /// The commands of a script, and everything in it that the shell would expand, run or
    /// treat as an operator, in order (`$(`, `&&`, `$name`, an unquoted glob character…).
    pub struct Script {
        pub commands: Vec<Command>,
        pub active: Vec<String>,
    }

    pub fn parse(text: &str) -> Result<Script, String> {
        let mut lexer = Lexer { chars: text.chars().collect(), i: 0, active: Vec::new() };
        let commands = lexer.commands(false)?;
        Ok(Script { commands, active: lexer.active })
    }

    /// The literal text of a word, if it has no expansion in it.
    pub fn literal(word: &Word) -> Option<String> {
        word.iter()
            .map(|part| match part {
                Part::Text(text) => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Every command, those inside `$(…)` too.
    pub fn all_commands<'a>(commands: &'a [Command], out: &mut Vec<&'a Command>) {
        for command in commands {
            out.push(command);
            for word in &command.words {
                for part in word {
                    if let Part::Substitution(inner) = part {
                        all_commands(inner, out);
                    }
                }
            }
        }
    }

    /// Characters that mean nothing to a shell where they stand unquoted.
    fn inert(c: char) -> bool {
        c.is_ascii_alphanumeric() || "_./:=@+%,-".contains(c)
    }

    struct Lexer {
        chars: Vec<char>,
        i: usize,
        active: Vec<String>,
    }

    impl Lexer {
        fn peek(&self) -> Option<char> {
            self.chars.get(self.i).copied()
        }
        fn peek_at(&self, n: usize) -> Option<char> {
            self.chars.get(self.i + n).copied()
        }

        fn commands(&mut self, nested: bool) -> Result<Vec<Command>, String> {
            let mut commands = Vec::new();
            let mut current = Command::default();
            loop {
                match self.peek() {
                    Some(' ' | '\t') => {
                        self.i += 1;
                        continue;
                    }
                    Some('\\') if self.peek_at(1) == Some('\n') => {
                        self.i += 2;
                        continue;
                    }
                    Some('#') => {
                        while !matches!(self.peek(), None | Some('\n')) {
                            self.i += 1;
                        }
                        continue;
                    }
                    None if nested => return Err("unterminated $(".into()),
                    None => {
                        if !current.words.is_empty() {
                            commands.push(current);
                        }
                        return Ok(commands);
                    }
                    Some(')') if nested => {
                        self.i += 1;
                        if !current.words.is_empty() {
                            commands.push(current);
                        }
                        return Ok(commands);
                    }
                    Some('\n') => self.i += 1,
                    Some(c) if "&|;<>()".contains(c) => {
                        let two: String = [Some(c), self.peek_at(1)].into_iter().flatten().collect();
                        let op = if ["&&", "||", ";;", ">>", "<<", ">&", "<&", "&>"].contains(&two.as_str()) {
                            two
                        } else {
                            c.to_string()
                        };
                        self.i += op.chars().count();
                        self.active.push(op);
                    }
                    Some(_) => {
                        let word = self.word()?;
                        current.words.push(word);
                        continue;
                    }
                }
                if !current.words.is_empty() {
                    commands.push(std::mem::take(&mut current));
                }
            }
        }

        fn word(&mut self) -> Result<Word, String> {
            let mut parts = Vec::new();
            let mut text = String::new();
            loop {
                match self.peek() {
                    None | Some(' ' | '\t' | '\n') => break,
                    Some(c) if "&|;<>()".contains(c) => break,
                    Some('\\') => match self.peek_at(1) {
                        Some('\n') => self.i += 2,
                        Some(c) => {
                            text.push(c);
                            self.i += 2;
                        }
                        None => return Err("a backslash at the end".into()),
                    },
                    Some('\'') => {
                        self.i += 1;
                        loop {
                            match self.peek() {
                                None => return Err("unterminated single quote".into()),
                                Some('\'') => break,
                                Some(c) => text.push(c),
                            }
                            self.i += 1;
                        }
                        self.i += 1;
                    }
                    Some('"') => {
                        self.i += 1;
                        loop {
                            match self.peek() {
                                None => return Err("unterminated double quote".into()),
                                Some('"') => break,
                                Some('\\') => match self.peek_at(1) {
                                    Some(c @ ('$' | '`' | '"' | '\\')) => {
                                        text.push(c);
                                        self.i += 2;
                                    }
                                    Some('\n') => self.i += 2,
                                    _ => {
                                        text.push('\\');
                                        self.i += 1;
                                    }
                                },
                                Some('$') => {
                                    flush(&mut text, &mut parts);
                                    self.dollar(&mut parts, true)?;
                                }
                                Some('`') => return Err("a backtick inside double quotes runs a command".into()),
                                Some(c) => {
                                    if c == '!' {
                                        self.active.push("! in double quotes (history expansion)".into());
                                    }
                                    text.push(c);
                                    self.i += 1;
                                }
                            }
                        }
                        self.i += 1;
                    }
                    Some('$') => {
                        flush(&mut text, &mut parts);
                        self.dollar(&mut parts, false)?;
                    }
                    Some('`') => return Err("an unquoted backtick runs a command".into()),
                    Some(c) => {
                        if !inert(c) {
                            self.active.push(format!("unquoted {c:?}"));
                        }
                        text.push(c);
                        self.i += 1;
                    }
                }
            }
            flush(&mut text, &mut parts);
            Ok(parts)
        }

        /// After a `$`: a parameter, a command substitution, or (followed by nothing that
        /// starts one) a literal dollar sign, which is still reported.
        fn dollar(&mut self, parts: &mut Vec<Part>, in_double_quotes: bool) -> Result<(), String> {
            self.i += 1;
            match self.peek() {
                Some('(') if self.peek_at(1) == Some('(') => Err("$(( arithmetic".into()),
                Some('(') => {
                    self.i += 1;
                    self.active.push("$(".into());
                    let inner = self.commands(true)?;
                    parts.push(Part::Substitution(inner));
                    Ok(())
                }
                Some('{') => {
                    let start = self.i + 1;
                    while !matches!(self.peek(), None | Some('}')) {
                        self.i += 1;
                    }
                    let name: String = self.chars[start..self.i.min(self.chars.len())].iter().collect();
                    self.i += 1;
                    self.active.push(format!("${{{name}}}"));
                    parts.push(Part::Param(name));
                    Ok(())
                }
                Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                    let start = self.i;
                    while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                        self.i += 1;
                    }
                    let name: String = self.chars[start..self.i].iter().collect();
                    self.active.push(format!("${name}"));
                    parts.push(Part::Param(name));
                    Ok(())
                }
                Some(c) if "@*#?$!-0123456789".contains(c) => {
                    self.i += 1;
                    self.active.push(format!("${c}"));
                    parts.push(Part::Param(c.to_string()));
                    Ok(())
                }
                Some('\'' | '"') if !in_double_quotes => Err("$'…' or $\"…\" quoting".into()),
                _ => {
                    self.active.push("a bare $".into());
                    parts.push(Part::Text("$".into()));
                    Ok(())
                }
            }
        }
    }

    fn flush(text: &mut String, parts: &mut Vec<Part>) {
        if !text.is_empty() {
            parts.push(Part::Text(std::mem::take(text)));
        }
    }
}

// =============================================================================================
// PowerShell: single-quoted literals, where PowerShell expands nothing

mod ps {
    /// Characters PowerShell takes for a single quote.
    const QUOTES: [char; 5] = ['\'', '\u{2018}', '\u{2019}', '\u{201a}', '\u{201b}'];

    /// The value of the single-quoted literal starting at `start`, and the index after it. A
    /// here-string (`@'`, end of line, body, a line starting with `'@`) ends at the first line
    /// that starts, after blanks, with a quote and `@`: the earliest end any PowerShell
    /// version finds, so a body that only some versions would end early still fails here.
    pub fn literal(chars: &[char], start: usize) -> Result<(String, usize), String> {
        let at = |i: usize| chars.get(i).copied();
        if at(start) == Some('@') && at(start + 1).is_some_and(|c| QUOTES.contains(&c)) {
            let mut i = start + 2;
            while matches!(at(i), Some(' ' | '\t')) {
                i += 1;
            }
            if at(i) != Some('\n') {
                return Err("text after @' on its line".into());
            }
            let body_start = i + 1;
            let mut line = body_start;
            loop {
                if line >= chars.len() {
                    return Err("the here-string is not closed".into());
                }
                let mut j = line;
                while matches!(at(j), Some(' ' | '\t')) {
                    j += 1;
                }
                if at(j).is_some_and(|c| QUOTES.contains(&c)) && at(j + 1) == Some('@') {
                    let body: String = chars[body_start..line.saturating_sub(1).max(body_start)].iter().collect();
                    return Ok((body, j + 2));
                }
                while !matches!(at(line), None | Some('\n')) {
                    line += 1;
                }
                line += 1;
            }
        }
        if at(start).is_some_and(|c| QUOTES.contains(&c)) {
            let mut out = String::new();
            let mut i = start + 1;
            loop {
                match at(i) {
                    None => return Err("unterminated single-quoted string".into()),
                    Some(c) if QUOTES.contains(&c) => {
                        if at(i + 1).is_some_and(|d| QUOTES.contains(&d)) {
                            out.push(c);
                            i += 2;
                        } else {
                            return Ok((out, i + 1));
                        }
                    }
                    Some(c) => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
        }
        Err("not a single-quoted literal".into())
    }
}

// =============================================================================================
// Python, JavaScript/TypeScript and R: tokens and the literals the exports are made of

/// A token of one of the languages. Strings are decoded.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Str(String),
    Num(String),
    Ident(String),
    Punct(String),
}

fn hex_char(hex: &str, digits: std::ops::RangeInclusive<usize>) -> Result<char, String> {
    if !digits.contains(&hex.len()) || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!("bad hexadecimal escape {hex:?}"));
    }
    let code = u32::from_str_radix(hex, 16).map_err(|e| e.to_string())?;
    char::from_u32(code).ok_or(format!("\\u{hex} is not a character"))
}

mod python {
    use super::{hex_char, Tok};

    pub fn tokens(text: &str) -> Result<Vec<Tok>, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '#' => {
                    while i < chars.len() && chars[i] != '\n' {
                        i += 1;
                    }
                }
                c if c.is_whitespace() => i += 1,
                '"' | '\'' => {
                    let (value, end) = string(&chars, i)?;
                    out.push(Tok::Str(value));
                    i = end;
                }
                c if c.is_alphabetic() || c == '_' => {
                    let start = i;
                    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                    let word: String = chars[start..i].iter().collect();
                    if matches!(chars.get(i), Some('"' | '\'')) {
                        return Err(format!("a prefixed string literal {word}\"…\" (f-string, raw or bytes)"));
                    }
                    out.push(Tok::Ident(word));
                }
                c if c.is_ascii_digit() => {
                    let start = i;
                    while i < chars.len() && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '.' | '_')) {
                        i += 1;
                    }
                    out.push(Tok::Num(chars[start..i].iter().collect()));
                }
                c => {
                    out.push(Tok::Punct(c.to_string()));
                    i += 1;
                }
            }
        }
        Ok(out)
    }

    /// A (non-prefixed) string literal: one line unless triple-quoted, Python's escapes.
    fn string(chars: &[char], start: usize) -> Result<(String, usize), String> {
        let quote = chars[start];
        let triple = chars.get(start + 1) == Some(&quote) && chars.get(start + 2) == Some(&quote);
        let mut i = start + if triple { 3 } else { 1 };
        let mut out = String::new();
        loop {
            let c = *chars.get(i).ok_or("unterminated string")?;
            if c == quote && (!triple || (chars.get(i + 1) == Some(&quote) && chars.get(i + 2) == Some(&quote))) {
                return Ok((out, i + if triple { 3 } else { 1 }));
            }
            match c {
                '\n' | '\r' if !triple => return Err("a line break inside a string literal".into()),
                '\\' => {
                    let e = *chars.get(i + 1).ok_or("dangling backslash")?;
                    i += 2;
                    let take = |i: &mut usize, n: usize| -> String {
                        let s: String = chars.iter().skip(*i).take(n).collect();
                        *i += n;
                        s
                    };
                    match e {
                        '\n' => {}
                        '\\' | '\'' | '"' => out.push(e),
                        'a' => out.push('\u{7}'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'v' => out.push('\u{b}'),
                        'x' => out.push(hex_char(&take(&mut i, 2), 2..=2)?),
                        'u' => out.push(hex_char(&take(&mut i, 4), 4..=4)?),
                        'U' => out.push(hex_char(&take(&mut i, 8), 8..=8)?),
                        '0'..='7' => {
                            let mut code = e.to_digit(8).unwrap_or(0);
                            for _ in 0..2 {
                                match chars.get(i).and_then(|d| d.to_digit(8)) {
                                    Some(d) => {
                                        code = code * 8 + d;
                                        i += 1;
                                    }
                                    None => break,
                                }
                            }
                            out.push(char::from_u32(code).ok_or("bad octal escape")?);
                        }
                        other => return Err(format!("an invalid escape \\{other} (Python keeps the backslash)")),
                    }
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }
}

mod javascript {
    use super::{hex_char, Tok};

    fn line_terminator(c: char) -> bool {
        matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
    }

    /// JavaScript and TypeScript (the subset the exports use: no regular expressions or
    /// division). A template literal is an error: the exports never write one.
    pub fn tokens(text: &str) -> Result<Vec<Tok>, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            match c {
                '/' if next == Some('/') => {
                    while i < chars.len() && !line_terminator(chars[i]) {
                        i += 1;
                    }
                }
                '/' if next == Some('*') => {
                    let rest: String = chars[i + 2..].iter().collect();
                    let end = rest.find("*/").ok_or("unterminated /* comment")?;
                    i += 2 + rest[..end].chars().count() + 2;
                }
                '`' => return Err("a template literal (backtick), which interpolates ${…}".into()),
                c if c.is_whitespace() => i += 1,
                '"' | '\'' => {
                    let (value, end) = string(&chars, i)?;
                    out.push(Tok::Str(value));
                    i = end;
                }
                c if c.is_alphabetic() || c == '_' || c == '$' => {
                    let start = i;
                    while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '$')) {
                        i += 1;
                    }
                    out.push(Tok::Ident(chars[start..i].iter().collect()));
                }
                c if c.is_ascii_digit() => {
                    let start = i;
                    while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                        i += 1;
                    }
                    out.push(Tok::Num(chars[start..i].iter().collect()));
                }
                '.' if next == Some('.') && chars.get(i + 2) == Some(&'.') => {
                    out.push(Tok::Punct("...".into()));
                    i += 3;
                }
                c => {
                    out.push(Tok::Punct(c.to_string()));
                    i += 1;
                }
            }
        }
        Ok(out)
    }

    fn string(chars: &[char], start: usize) -> Result<(String, usize), String> {
        let quote = chars[start];
        let mut i = start + 1;
        let mut out = String::new();
        let mut pending_high: Option<u32> = None;
        loop {
            let c = *chars.get(i).ok_or("unterminated string")?;
            let mut unit: Option<u32> = None;
            match c {
                c if c == quote => {
                    if pending_high.is_some() {
                        return Err("a lone surrogate escape".into());
                    }
                    return Ok((out, i + 1));
                }
                c if line_terminator(c) => return Err(format!("an unescaped line terminator {c:?} in a string")),
                '\\' => {
                    let e = *chars.get(i + 1).ok_or("dangling backslash")?;
                    i += 2;
                    let hex = |from: usize, n: usize| -> String { chars.iter().skip(from).take(n).collect() };
                    match e {
                        '\\' | '\'' | '"' => out.push(e),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'v' => out.push('\u{b}'),
                        '0' if !chars.get(i).is_some_and(|d| d.is_ascii_digit()) => out.push('\0'),
                        'x' => {
                            out.push(hex_char(&hex(i, 2), 2..=2)?);
                            i += 2;
                        }
                        'u' if chars.get(i) == Some(&'{') => {
                            let end = (i..chars.len()).find(|&j| chars[j] == '}').ok_or("unterminated \\u{")?;
                            out.push(hex_char(&hex(i + 1, end - i - 1), 1..=6)?);
                            i = end + 1;
                        }
                        'u' => {
                            let h = hex(i, 4);
                            if h.len() != 4 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
                                return Err(format!("bad escape \\u{h}"));
                            }
                            unit = Some(u32::from_str_radix(&h, 16).map_err(|e| e.to_string())?);
                            i += 4;
                        }
                        c if line_terminator(c) => {}
                        other => return Err(format!("an unusual escape \\{other}")),
                    }
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
            // UTF-16 code units from \uXXXX: pair the surrogates.
            match (pending_high.take(), unit) {
                (None, Some(high @ 0xD800..=0xDBFF)) => pending_high = Some(high),
                (Some(high), Some(low @ 0xDC00..=0xDFFF)) => {
                    out.push(char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).ok_or("bad pair")?)
                }
                (None, Some(code)) => out.push(char::from_u32(code).ok_or("a lone surrogate escape")?),
                (None, None) => {}
                (Some(_), _) => return Err("a lone surrogate escape".into()),
            }
        }
    }
}

mod r {
    use super::{hex_char, Tok};

    /// R's tokens. `nul` is set when a string holds `\0` in any spelling, which R refuses
    /// ("nul character not allowed").
    pub fn tokens(text: &str, nul: &mut bool) -> Result<Vec<Tok>, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            match c {
                '#' => {
                    while i < chars.len() && chars[i] != '\n' {
                        i += 1;
                    }
                }
                c if c.is_whitespace() => i += 1,
                'r' | 'R' if matches!(next, Some('"' | '\'')) => return Err("a raw string r\"(…)\"".into()),
                '"' | '\'' => {
                    let (value, end) = string(&chars, i, nul)?;
                    out.push(Tok::Str(value));
                    i = end;
                }
                '`' => {
                    let end = (i + 1..chars.len()).find(|&j| chars[j] == '`').ok_or("unterminated `name`")?;
                    out.push(Tok::Ident(chars[i + 1..end].iter().collect()));
                    i = end + 1;
                }
                c if c.is_alphabetic() || (c == '.' && !next.is_some_and(|d| d.is_ascii_digit())) => {
                    let start = i;
                    while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '.' | '_')) {
                        i += 1;
                    }
                    out.push(Tok::Ident(chars[start..i].iter().collect()));
                }
                c if c.is_ascii_digit() => {
                    let start = i;
                    while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                        i += 1;
                    }
                    out.push(Tok::Num(chars[start..i].iter().collect()));
                }
                '<' if next == Some('-') => {
                    out.push(Tok::Punct("<-".into()));
                    i += 2;
                }
                ':' if next == Some(':') => {
                    out.push(Tok::Punct("::".into()));
                    i += 2;
                }
                '=' if next == Some('=') => {
                    out.push(Tok::Punct("==".into()));
                    i += 2;
                }
                c => {
                    out.push(Tok::Punct(c.to_string()));
                    i += 1;
                }
            }
        }
        Ok(out)
    }

    fn string(chars: &[char], start: usize, nul: &mut bool) -> Result<(String, usize), String> {
        let quote = chars[start];
        let mut i = start + 1;
        let mut out = String::new();
        loop {
            let c = *chars.get(i).ok_or("unterminated string")?;
            match c {
                c if c == quote => return Ok((out, i + 1)),
                '\n' | '\r' => return Err("a raw line break inside a string (R would keep it)".into()),
                '\\' => {
                    let e = *chars.get(i + 1).ok_or("dangling backslash")?;
                    i += 2;
                    // R's \x, \u and \U take up to 2, 4 and 8 hex digits (or braces).
                    let mut digits = |max: usize| -> String {
                        if chars.get(i) == Some(&'{') {
                            let end = (i..chars.len()).find(|&j| chars[j] == '}').unwrap_or(chars.len());
                            let hex: String = chars[i + 1..end].iter().collect();
                            i = end + 1;
                            return hex;
                        }
                        let hex: String =
                            chars.iter().skip(i).take(max).take_while(|c| c.is_ascii_hexdigit()).collect();
                        i += hex.len();
                        hex
                    };
                    let decoded = match e {
                        '\\' | '\'' | '"' | '`' | ' ' => e,
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'b' => '\u{8}',
                        'a' => '\u{7}',
                        'f' => '\u{c}',
                        'v' => '\u{b}',
                        'x' => hex_char(&digits(2), 1..=2)?,
                        'u' => hex_char(&digits(4), 1..=4)?,
                        'U' => hex_char(&digits(8), 1..=8)?,
                        '0'..='7' => {
                            let mut code = e.to_digit(8).unwrap_or(0);
                            for _ in 0..2 {
                                match chars.get(i).and_then(|d| d.to_digit(8)) {
                                    Some(d) => {
                                        code = code * 8 + d;
                                        i += 1;
                                    }
                                    None => break,
                                }
                            }
                            char::from_u32(code).ok_or("bad octal escape")?
                        }
                        other => return Err(format!("'\\{other}' is an unrecognized escape in R")),
                    };
                    if decoded == '\0' {
                        *nul = true;
                    }
                    out.push(decoded);
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }
}

/// A cursor over tokens.
struct Cursor {
    tokens: Vec<Tok>,
    i: usize,
}

impl Cursor {
    /// The tokens right after the first occurrence of `start`.
    fn after(tokens: Vec<Tok>, start: &[Tok]) -> Result<Cursor, String> {
        let at = (0..tokens.len())
            .find(|&i| tokens[i..].starts_with(start))
            .ok_or_else(|| format!("{start:?} not found"))?;
        Ok(Cursor { i: at + start.len(), tokens })
    }
    fn next(&mut self) -> Option<Tok> {
        let token = self.tokens.get(self.i).cloned();
        self.i += 1;
        token
    }
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.i)
    }
    fn eat(&mut self, punct: &str) -> bool {
        if self.peek() == Some(&Tok::Punct(punct.into())) {
            self.i += 1;
            true
        } else {
            false
        }
    }
}

fn punct(text: &str) -> Tok {
    Tok::Punct(text.into())
}

fn ident(text: &str) -> Tok {
    Tok::Ident(text.into())
}

/// A Python literal (dict, list, str with implicit concatenation, number, True/False/None).
fn python_value(c: &mut Cursor) -> Result<Json, String> {
    match c.next() {
        Some(Tok::Str(mut text)) => {
            while let Some(Tok::Str(more)) = c.peek() {
                text.push_str(more);
                c.i += 1;
            }
            Ok(Json::String(text))
        }
        Some(Tok::Num(n)) => Ok(Json::Number(n)),
        Some(Tok::Punct(p)) if p == "-" => match c.next() {
            Some(Tok::Num(n)) => Ok(Json::Number(format!("-{n}"))),
            other => Err(format!("- before {other:?}")),
        },
        Some(Tok::Ident(word)) => match word.as_str() {
            "True" => Ok(Json::Bool(true)),
            "False" => Ok(Json::Bool(false)),
            "None" => Ok(Json::Null),
            _ => Err(format!("the name {word} in a literal")),
        },
        Some(Tok::Punct(p)) if p == "{" => {
            let mut members: Vec<(String, Json)> = Vec::new();
            while !c.eat("}") {
                let Json::String(key) = python_value(c)? else { return Err("a dict key that is not a string".into()) };
                if !c.eat(":") {
                    return Err(format!("no : after the key {key:?}"));
                }
                let value = python_value(c)?;
                add_member(&mut members, key, value)?;
                comma_or_close(c, "}", "a dict")?;
            }
            Ok(Json::Object(members))
        }
        Some(Tok::Punct(p)) if p == "[" => list_items(c, "a list", python_value),
        other => Err(format!("expected a literal, found {other:?}")),
    }
}

/// Adds a member to a literal object; a key written twice is an error, as the language would
/// keep only the last value.
fn add_member(members: &mut Vec<(String, Json)>, key: String, value: Json) -> Result<(), String> {
    if members.iter().any(|(k, _)| *k == key) {
        return Err(format!("the key {key:?} twice"));
    }
    members.push((key, value));
    Ok(())
}

/// After an item of `container`: a comma, or the `close` bracket next (trailing commas are fine).
fn comma_or_close(c: &mut Cursor, close: &str, container: &str) -> Result<(), String> {
    if !c.eat(",") && c.peek() != Some(&punct(close)) {
        return Err(format!("expected , or {close} in {container}, found {:?}", c.peek()));
    }
    Ok(())
}

/// The items of a bracketed list (its `[` already read), each read by `item`.
fn list_items(c: &mut Cursor, container: &str, item: fn(&mut Cursor) -> Result<Json, String>) -> Result<Json, String> {
    let mut items = Vec::new();
    while !c.eat("]") {
        items.push(item(c)?);
        comma_or_close(c, "]", container)?;
    }
    Ok(Json::Array(items))
}

/// A JavaScript literal. A non-computed `__proto__` key sets the object's prototype instead
/// of making a member, so the member would be lost: an error here.
fn javascript_value(c: &mut Cursor) -> Result<Json, String> {
    match c.next() {
        Some(Tok::Str(text)) => Ok(Json::String(text)),
        Some(Tok::Num(n)) => Ok(Json::Number(n)),
        Some(Tok::Punct(p)) if p == "-" => match c.next() {
            Some(Tok::Num(n)) => Ok(Json::Number(format!("-{n}"))),
            other => Err(format!("- before {other:?}")),
        },
        Some(Tok::Ident(word)) => match word.as_str() {
            "true" => Ok(Json::Bool(true)),
            "false" => Ok(Json::Bool(false)),
            "null" => Ok(Json::Null),
            _ => Err(format!("the name {word} in a literal")),
        },
        Some(Tok::Punct(p)) if p == "{" => {
            let mut members: Vec<(String, Json)> = Vec::new();
            while !c.eat("}") {
                let (key, computed) = match c.next() {
                    Some(Tok::Ident(key) | Tok::Str(key)) => (key, false),
                    Some(Tok::Punct(p)) if p == "[" => match (c.next(), c.next()) {
                        (Some(Tok::Str(key)), Some(Tok::Punct(close))) if close == "]" => (key, true),
                        other => return Err(format!("a computed key that is not a string: {other:?}")),
                    },
                    other => return Err(format!("expected a key, found {other:?}")),
                };
                if !c.eat(":") {
                    return Err(format!("no : after the key {key:?}"));
                }
                let value = javascript_value(c)?;
                if key == "__proto__" && !computed {
                    return Err("a __proto__: key sets the prototype: the member is lost".into());
                }
                add_member(&mut members, key, value)?;
                comma_or_close(c, "}", "an object")?;
            }
            Ok(Json::Object(members))
        }
        Some(Tok::Punct(p)) if p == "[" => list_items(c, "an array", javascript_value),
        other => Err(format!("expected a literal, found {other:?}")),
    }
}

/// An R expression as far as the paws export writes them.
#[derive(Debug)]
enum RExpr {
    Value(Json),
    Name(String),
    Call(String, Vec<(Option<String>, RExpr)>),
}

fn r_expr(c: &mut Cursor) -> Result<RExpr, String> {
    let mut expr = match c.next() {
        Some(Tok::Str(text)) => RExpr::Value(Json::String(text)),
        Some(Tok::Num(n)) => RExpr::Value(Json::Number(n)),
        Some(Tok::Punct(p)) if p == "-" => match c.next() {
            Some(Tok::Num(n)) => RExpr::Value(Json::Number(format!("-{n}"))),
            other => return Err(format!("- before {other:?}")),
        },
        Some(Tok::Ident(word)) => match word.as_str() {
            "TRUE" => RExpr::Value(Json::Bool(true)),
            "FALSE" => RExpr::Value(Json::Bool(false)),
            "NULL" => RExpr::Value(Json::Null),
            _ if c.eat("::") => match c.next() {
                Some(Tok::Ident(name)) => RExpr::Name(format!("{word}::{name}")),
                other => return Err(format!("{word}:: before {other:?}")),
            },
            _ => RExpr::Name(word),
        },
        other => return Err(format!("expected an expression, found {other:?}")),
    };
    loop {
        if c.eat("$") {
            let (RExpr::Name(base), Some(Tok::Ident(member))) = (&expr, c.next()) else {
                return Err("$ after something that is not a name".into());
            };
            expr = RExpr::Name(format!("{base}${member}"));
        } else if c.eat("(") {
            let RExpr::Name(function) = expr else { return Err("a call of something that is not a name".into()) };
            let mut args = Vec::new();
            while !c.eat(")") {
                let named =
                    matches!(c.peek(), Some(Tok::Ident(_) | Tok::Str(_))) && c.tokens.get(c.i + 1) == Some(&punct("="));
                let name = if named {
                    let Some(Tok::Ident(name) | Tok::Str(name)) = c.next() else { unreachable!() };
                    c.i += 1;
                    Some(name)
                } else {
                    None
                };
                args.push((name, r_expr(c)?));
                comma_or_close(c, ")", "a call")?;
            }
            expr = RExpr::Call(function, args);
        } else {
            return Ok(expr);
        }
    }
}

/// The value an R expression stands for: `list()` with names is an object, without names an
/// array (an empty `list()` is both: it comes back as `[]`), `stats::setNames(list(…), c(…))`
/// an object with those names.
fn r_value(expr: &RExpr) -> Result<Json, String> {
    match expr {
        RExpr::Value(value) => Ok(value.clone()),
        RExpr::Call(function, args) if function == "list" => r_arguments(args),
        RExpr::Call(function, args) if function == "stats::setNames" => {
            let [(None, list), (None, RExpr::Call(c, names))] = args.as_slice() else {
                return Err("stats::setNames(list, c(names)) expected".into());
            };
            let (Json::Array(values), "c") = (r_value(list)?, c.as_str()) else {
                return Err("stats::setNames of something that is not an unnamed list".into());
            };
            let names: Vec<Json> = names.iter().map(|(_, n)| r_value(n)).collect::<Result<_, _>>()?;
            if names.len() != values.len() {
                return Err("setNames with a different number of names".into());
            }
            let mut members = Vec::new();
            for (name, value) in names.into_iter().zip(values) {
                let Json::String(name) = name else { return Err("a name that is not a string".into()) };
                members.push((name, value));
            }
            Ok(Json::Object(members))
        }
        other => Err(format!("{other:?} is not a literal")),
    }
}

fn r_arguments(args: &[(Option<String>, RExpr)]) -> Result<Json, String> {
    if args.iter().all(|(name, _)| name.is_none()) {
        return args.iter().map(|(_, e)| r_value(e)).collect::<Result<Vec<_>, _>>().map(Json::Array);
    }
    let mut members = Vec::new();
    for (name, expr) in args {
        let name = name.clone().ok_or("named and unnamed arguments mixed")?;
        if members.iter().any(|(k, _)| *k == name) {
            return Err(format!("the argument {name} twice"));
        }
        members.push((name, r_value(expr)?));
    }
    Ok(Json::Object(members))
}

/// `value` with every empty object as an empty array, as R's `list()` holds both.
fn r_normal(value: &Json) -> Json {
    match value {
        Json::Object(members) if members.is_empty() => Json::Array(Vec::new()),
        Json::Object(members) => Json::Object(members.iter().map(|(k, v)| (k.clone(), r_normal(v))).collect()),
        Json::Array(items) => Json::Array(items.iter().map(r_normal).collect()),
        other => other.clone(),
    }
}

// =============================================================================================
// The checks, one per format: how many of the request's strings were compared, or why the
// export does not say what the request says

type Checked = Result<usize, String>;

fn check_request_json(text: &str, request: &Json) -> Checked {
    let parsed = independent::json(text).map_err(|e| format!("not JSON: {e}"))?;
    same("the request JSON", &parsed, request)?;
    Ok(string_count(request))
}

/// The `Properties` a request maps to, written out here from what the exports document:
/// PoolName is UserPoolName; DcrConfiguration and AcrConfiguration have no property; an empty
/// tag map means no tags; CloudFormation requires the list in UserAttributeUpdateSettings.
/// (`EnabledMfas` is checked apart.)
fn expected_properties(request: &Json) -> Vec<(String, Json)> {
    let mut out = Vec::new();
    for (name, value) in members(request) {
        match (name.as_str(), value) {
            ("PoolName", _) => out.push(("UserPoolName".to_string(), value.clone())),
            ("DcrConfiguration" | "AcrConfiguration", _) => {}
            ("UserPoolTags", Json::Object(tags)) if tags.is_empty() => {}
            ("UserAttributeUpdateSettings", Json::Object(settings)) => {
                let mut settings = settings.clone();
                if !settings.iter().any(|(k, _)| k == "AttributesRequireVerificationBeforeUpdate") {
                    settings.push(("AttributesRequireVerificationBeforeUpdate".into(), Json::Array(Vec::new())));
                }
                out.push((name.clone(), Json::Object(settings)));
            }
            _ => out.push((name.clone(), value.clone())),
        }
    }
    out
}

/// The request the CloudFormation importer should read back from a template export.
fn expected_reimport(request: &Json) -> Json {
    let mut properties = expected_properties(request);
    for (name, _) in &mut properties {
        if name == "UserPoolName" {
            *name = "PoolName".into();
        }
    }
    Json::Object(properties)
}

/// The pool's properties in a template, `EnabledMfas` (checked for its shape) left out.
fn template_properties(template: &Json) -> Result<Vec<(String, Json)>, String> {
    let properties = template
        .get("Resources")
        .and_then(|r| r.get(cloudformation::LOGICAL_ID))
        .and_then(|r| r.get("Properties"))
        .ok_or("no Resources.UserPool.Properties")?;
    let mut properties = members(properties).to_vec();
    if let Some(at) = properties.iter().position(|(k, _)| k == "EnabledMfas") {
        let (_, factors) = properties.remove(at);
        let known = ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"].map(Json::str);
        if !matches!(&factors, Json::Array(items) if items.iter().all(|f| known.contains(f))) {
            return Err(format!("EnabledMfas is {}", factors.compact()));
        }
    }
    Ok(properties)
}

/// The CloudFormation importer reads a template export back to the request. Except when the
/// only tag's key is `Ref` or `Fn::…`: CloudFormation (and so the importer) reads that map as
/// a function call, which no spelling avoids; the export says so in a note instead.
fn check_import(text: &str, notes: &[String], request: &Json) -> Result<(), String> {
    if let Some(Json::Object(tags)) = request.get("UserPoolTags") {
        if let [(key, _)] = tags.as_slice() {
            if key == "Ref" || key.starts_with("Fn::") {
                let noted = notes.iter().any(|n| n.contains("CloudFormation reads UserPoolTags as a function call"));
                return if noted { Ok(()) } else { Err("a lone Ref or Fn:: tag key without a note".into()) };
            }
        }
    }
    let imported = import::import(Some(ImportKind::CloudFormation), text).map_err(|problems| {
        let messages: Vec<String> = problems.iter().map(|d| d.message.clone()).collect();
        format!("the CloudFormation importer refuses the export: {}", messages.join("; "))
    })?;
    same("the CloudFormation importer's reading", &request::to_json(&imported.form), &expected_reimport(request))
}

fn check_cloudformation_json(text: &str, notes: &[String], request: &Json, valid: bool) -> Checked {
    let template = independent::json(text).map_err(|e| format!("not JSON: {e}"))?;
    let properties = Json::Object(template_properties(&template)?);
    same("the template's properties", &properties, &Json::Object(expected_properties(request)))?;
    if valid {
        check_import(text, notes, request)?;
    }
    Ok(string_count(&properties))
}

/// Whether some YAML 1.1 reader may type a plain scalar as something other than text: the
/// boolean and null words (`y` and `n` included), and anything that starts like a number, a
/// date, `.inf`, a merge key or a value key.
fn yaml11_implicit(text: &str) -> bool {
    const WORDS: [&str; 25] = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    ];
    text.is_empty()
        || text == "~"
        || WORDS.contains(&text)
        || text.starts_with(|c: char| c.is_ascii_digit() || "+-.<=".contains(c))
}

/// The YAML template reads (typed as a YAML 1.1 reader types it) as the JSON template.
fn check_cloudformation_yaml(text: &str, notes: &[String], json_text: &str, request: &Json, valid: bool) -> Checked {
    let from_yaml = independent::yaml_1_1(text).map_err(|e| format!("not YAML 1.1 as CloudFormation reads it: {e}"))?;
    let from_json = independent::json(json_text).map_err(|e| format!("the JSON template: {e}"))?;
    same("the YAML template (against the JSON export's)", &from_yaml, &from_json)?;
    if valid {
        check_import(text, notes, request)?;
    }
    Ok(string_count(&Json::Object(template_properties(&from_yaml)?)))
}

/// Readers that share no code with Poolsmith's own: `serde_json` for JSON, and the events of
/// `saphyr-parser` (the YAML crate the importer uses, but not its tree builder or its rules)
/// typed here as a YAML 1.1 reader types plain scalars.
mod independent {
    use poolsmith::json::Json;
    use saphyr_parser::{Event, Parser, ScalarStyle};
    use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};

    /// A JSON text read by `serde_json` into the ordered tree the checks compare, members in
    /// their order and duplicates kept (so a repeated member shows as one too many).
    pub fn json(text: &str) -> Result<Json, String> {
        serde_json::from_str::<Ordered>(text).map(|ordered| ordered.0).map_err(|e| e.to_string())
    }

    struct Ordered(Json);

    impl<'de> Deserialize<'de> for Ordered {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(OrderedVisitor)
        }
    }

    struct OrderedVisitor;

    impl<'de> Visitor<'de> for OrderedVisitor {
        type Value = Ordered;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_unit<E: Error>(self) -> Result<Ordered, E> {
            Ok(Ordered(Json::Null))
        }
        fn visit_bool<E: Error>(self, b: bool) -> Result<Ordered, E> {
            Ok(Ordered(Json::Bool(b)))
        }
        fn visit_i64<E: Error>(self, n: i64) -> Result<Ordered, E> {
            Ok(Ordered(Json::Number(n.to_string())))
        }
        fn visit_u64<E: Error>(self, n: u64) -> Result<Ordered, E> {
            Ok(Ordered(Json::Number(n.to_string())))
        }
        fn visit_f64<E: Error>(self, n: f64) -> Result<Ordered, E> {
            Err(E::custom(format!("the number {n} is not a whole number, the only kind the request has")))
        }
        fn visit_str<E: Error>(self, text: &str) -> Result<Ordered, E> {
            Ok(Ordered(Json::String(text.to_string())))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
            let mut items = Vec::new();
            while let Some(Ordered(item)) = seq.next_element()? {
                items.push(item);
            }
            Ok(Ordered(Json::Array(items)))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
            let mut members = Vec::new();
            while let Some((key, Ordered(value))) = map.next_entry::<String, Ordered>()? {
                members.push((key, value));
            }
            Ok(Ordered(Json::Object(members)))
        }
    }

    /// A YAML text read as CloudFormation reads YAML 1.1: quoted and block scalars are text; a
    /// plain scalar is `true`, `false` or a whole number (JSON spelling) when it is one, and
    /// text when no YAML 1.1 reader could take it for anything else (`super::yaml11_implicit`);
    /// any other plain scalar is an error, as are plain keys that are not text, tags, anchors,
    /// aliases, duplicate keys and a second document.
    pub fn yaml_1_1(text: &str) -> Result<Json, String> {
        enum Open {
            Sequence(Vec<Json>),
            Mapping(Vec<(String, Json)>, Option<String>),
        }
        let mut open: Vec<Open> = Vec::new();
        let mut root = None;
        for event in Parser::new_from_str(text) {
            let (event, span) = event.map_err(|e| format!("{} at line {}", e.info(), e.marker().line()))?;
            let line = span.start.line();
            let node = match event {
                Event::Scalar(value, style, anchor, tag) => {
                    if anchor != 0 || tag.is_some() {
                        return Err(format!("a tag or anchor at line {line}"));
                    }
                    let key = matches!(open.last(), Some(Open::Mapping(_, None)));
                    let node =
                        if style == ScalarStyle::Plain { plain(&value, key)? } else { Json::str(value.as_ref()) };
                    if let (Some(Open::Mapping(_, next)), true) = (open.last_mut(), key) {
                        let Json::String(key) = node else { return Err(format!("a key that is not text: {value}")) };
                        *next = Some(key);
                        continue;
                    }
                    node
                }
                Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag)
                    if anchor != 0 || tag.is_some() =>
                {
                    return Err(format!("a tag or anchor at line {line}"))
                }
                Event::SequenceStart(..) => {
                    open.push(Open::Sequence(Vec::new()));
                    continue;
                }
                Event::MappingStart(..) => {
                    open.push(Open::Mapping(Vec::new(), None));
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => match open.pop() {
                    Some(Open::Sequence(items)) => Json::Array(items),
                    Some(Open::Mapping(members, None)) => Json::Object(members),
                    _ => return Err(format!("an unbalanced collection at line {line}")),
                },
                Event::Alias(_) => return Err(format!("an alias at line {line}")),
                Event::DocumentStart(_) if root.is_some() => return Err(format!("a second document at line {line}")),
                _ => continue,
            };
            match open.last_mut() {
                Some(Open::Sequence(items)) => items.push(node),
                Some(Open::Mapping(members, key)) => {
                    let key = key.take().ok_or(format!("a list or mapping as a key at line {line}"))?;
                    if members.iter().any(|(k, _)| *k == key) {
                        return Err(format!("the key {key:?} twice at line {line}"));
                    }
                    members.push((key, node));
                }
                None => root = Some(node),
            }
        }
        root.ok_or_else(|| "no document".to_string())
    }

    /// A plain scalar as YAML 1.1 types it, or why the export should have quoted it.
    fn plain(text: &str, key: bool) -> Result<Json, String> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let whole = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with("0");
        match text {
            _ if !super::yaml11_implicit(text) => Ok(Json::str(text)),
            _ if key => Err(format!("the plain key {text:?} is not text to a YAML 1.1 reader")),
            "true" | "false" => Ok(Json::Bool(text == "true")),
            "0" => Ok(Json::Number(text.into())),
            _ if whole => Ok(Json::Number(text.into())),
            _ => Err(format!("the plain value {text:?} is not text to a YAML 1.1 reader")),
        }
    }
}

/// tests/conformance/terraform/mapping.tsv: model leaf path → argument path (or GAP).
fn terraform_mapping() -> &'static BTreeMap<&'static str, &'static str> {
    static MAPPING: std::sync::OnceLock<BTreeMap<&'static str, &'static str>> = std::sync::OnceLock::new();
    MAPPING.get_or_init(|| {
        include_str!("conformance/terraform/mapping.tsv")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.starts_with("api_path"))
            .filter_map(|line| {
                let mut columns = line.split('\t');
                Some((columns.next()?, columns.next()?))
            })
            .collect()
    })
}

/// Blocks the provider repeats, one per list item (its `set` blocks).
const TERRAFORM_REPEATED: [&str; 2] = ["schema", "account_recovery_setting.recovery_mechanism"];

/// A leaf of the request and where its value sits among Terraform's repeated blocks and lists.
struct TerraformLeaf<'a> {
    model_path: &'static str,
    indices: Vec<usize>,
    key: Option<&'a str>,
    value: &'a Json,
}

/// The request's leaves that the Terraform export should hold. Left aside, as the export
/// documents (header comment and notes): a legacy message next to its template counterpart,
/// and list items the provider cannot take (a Schema attribute without Name or
/// AttributeDataType, an empty object).
fn terraform_leaves<'a>(
    value: &'a Json,
    field: Option<&'static Field>,
    indices: &[usize],
    key: Option<&'a str>,
    request: &Json,
    out: &mut Vec<TerraformLeaf<'a>>,
) {
    let with = |i: usize| indices.iter().copied().chain([i]).collect::<Vec<_>>();
    match (field.map(|f| f.kind), value) {
        (None, Json::Object(members)) => {
            for (name, item) in members {
                let template_member = match name.as_str() {
                    "SmsVerificationMessage" => "SmsMessage",
                    "EmailVerificationMessage" => "EmailMessage",
                    "EmailVerificationSubject" => "EmailSubject",
                    _ => "",
                };
                if request.get("VerificationMessageTemplate").and_then(|t| t.get(template_member)).is_some() {
                    continue;
                }
                terraform_leaves(item, model::top_level_member(name), indices, key, request, out);
            }
        }
        (Some(Kind::Structure), Json::Object(members)) => {
            for (name, item) in members {
                terraform_leaves(item, field.and_then(|f| f.member(name)), indices, key, request, out);
            }
        }
        (Some(Kind::List), Json::Array(items)) => {
            let element = field.and_then(|f| f.child_fields().next()).expect("list element");
            if element.kind != Kind::Structure {
                for (i, item) in items.iter().enumerate() {
                    terraform_leaves(item, Some(element), &with(i), key, request, out);
                }
                return;
            }
            let mut emitted = 0;
            for item in items {
                let written = match item {
                    Json::Object(m) if element.path == "Schema[]" => {
                        ["Name", "AttributeDataType"].iter().all(|n| m.iter().any(|(k, _)| k == n))
                    }
                    Json::Object(m) => !m.is_empty(),
                    _ => false,
                };
                if written {
                    terraform_leaves(item, Some(element), &with(emitted), key, request, out);
                    emitted += 1;
                }
            }
        }
        (Some(Kind::Map), Json::Object(entries)) => {
            let mut parts = field.expect("map").child_fields();
            let (key_field, value_field) = (parts.next().expect("key"), parts.next().expect("value"));
            for (k, v) in entries {
                out.push(TerraformLeaf {
                    model_path: key_field.path,
                    indices: indices.to_vec(),
                    key: Some(k),
                    value: v,
                });
                terraform_leaves(v, Some(value_field), indices, Some(k), request, out);
            }
        }
        (Some(_), scalar) => out.push(TerraformLeaf {
            model_path: field.expect("field").path,
            indices: indices.to_vec(),
            key,
            value: scalar,
        }),
        (None, _) => {}
    }
}

fn hcl_of(value: &Json) -> Option<hcl::Value> {
    match value {
        Json::String(text) => Some(hcl::Value::Str(text.clone())),
        Json::Number(n) => Some(hcl::Value::Num(n.clone())),
        Json::Bool(b) => Some(hcl::Value::Bool(*b)),
        _ => None,
    }
}

/// The leaf is at its argument path (`a.b`, `a.list[]`, `tags{key}`, `tags{}`), decoded exactly.
fn terraform_leaf_found(resource: &hcl::Body, path: &str, leaf: &TerraformLeaf) -> Result<(), String> {
    let mut segments: Vec<&str> = path.split('.').collect();
    let last = segments.pop().unwrap_or_default();
    let mut body = resource;
    let mut indices = leaf.indices.iter();
    let mut so_far = String::new();
    for segment in segments {
        so_far = if so_far.is_empty() { segment.to_string() } else { format!("{so_far}.{segment}") };
        let blocks = body.blocks(segment);
        let index = if TERRAFORM_REPEATED.contains(&so_far.as_str()) {
            *indices.next().ok_or("no index for a repeated block")?
        } else if blocks.len() == 1 {
            0
        } else {
            return Err(format!("{} {so_far} blocks where one was expected", blocks.len()));
        };
        body = &blocks.get(index).ok_or(format!("block {so_far} #{index} is missing"))?.body;
    }
    let expected = hcl_of(leaf.value).ok_or("a leaf that is no scalar")?;
    let found = if let Some(map) = last.strip_suffix("{key}").or_else(|| last.strip_suffix("{}")) {
        let Some(hcl::Value::Object(entries)) = body.attr(map) else { return Err(format!("no map {map}")) };
        let key = leaf.key.ok_or("a map leaf without a key")?;
        let (_, value) = entries.iter().find(|(k, _)| k == key).ok_or(format!("{map} has no key {key:?}"))?;
        if last.ends_with("{key}") {
            return Ok(());
        }
        value
    } else if let Some(list) = last.strip_suffix("[]") {
        let Some(hcl::Value::Tuple(items)) = body.attr(list) else { return Err(format!("no list {list}")) };
        let index = *indices.next().ok_or("no list index")?;
        items.get(index).ok_or(format!("{list} has no item {index}"))?
    } else {
        body.attr(last).ok_or(format!("no argument {last}"))?
    };
    if *found != expected {
        return Err(format!("{path}: found {found:?}, expected {expected:?}"));
    }
    Ok(())
}

/// Every string of `body` and its blocks, map keys included, but the stored bounds that the
/// export fills into schema constraints blocks (`"0"`, `"1"`, `"2048"` there).
fn terraform_strings<'a>(body: &'a hcl::Body, in_constraints: bool, out: &mut Vec<&'a str>) {
    for (_, value) in &body.attrs {
        if in_constraints && matches!(value, hcl::Value::Str(s) if ["0", "1", "2048"].contains(&s.as_str())) {
            continue;
        }
        hcl::strings(value, out);
    }
    for block in &body.blocks {
        terraform_strings(&block.body, block.kind.ends_with("_attribute_constraints"), out);
    }
}

fn check_terraform(text: &str, request: &Json) -> Checked {
    let file = hcl::parse(text)?;
    let [resource] = file.blocks.as_slice() else { return Err(format!("{} blocks, not one", file.blocks.len())) };
    if !file.attrs.is_empty() || resource.kind != "resource" || resource.labels != ["aws_cognito_user_pool", "this"] {
        return Err("not one resource \"aws_cognito_user_pool\" \"this\"".into());
    }
    let mut leaves = Vec::new();
    terraform_leaves(request, None, &[], None, request, &mut leaves);
    let mut checked = 0;
    for leaf in &leaves {
        let path =
            terraform_mapping().get(leaf.model_path).ok_or(format!("{} is not in mapping.tsv", leaf.model_path))?;
        if *path == "GAP" {
            continue;
        }
        terraform_leaf_found(&resource.body, path, leaf).map_err(|e| format!("{}: {e}", leaf.model_path))?;
        checked += usize::from(leaf.model_path.ends_with("{key}") || matches!(leaf.value, Json::String(_)));
    }
    // And no text that is not the request's (but for what the export documents adding: blank
    // provider-required arguments, the email MFA subject, and in schema constraints blocks the
    // bounds AWS stores when the request has none).
    let mut ours: Vec<&str> = vec!["", "Your sign-in code"];
    each_string(request, None, &mut |s| ours.push(s));
    let mut found = Vec::new();
    terraform_strings(&resource.body, false, &mut found);
    if let Some(stranger) = found.iter().find(|s| !ours.contains(s)) {
        return Err(format!("the resource holds {stranger:?}, which is no text of the request"));
    }
    Ok(checked)
}

/// botocore's `xform_name(name, "-")`, the AWS CLI's option name for a member: its two
/// regular expressions, written out (its special case for plurals like `ARNs` never applies to
/// these members).
fn cli_option(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    // (.)([A-Z][a-z]+) → \1-\2
    let mut first = String::new();
    let mut i = 0;
    while i < chars.len() {
        first.push(chars[i]);
        if chars.get(i + 1).is_some_and(char::is_ascii_uppercase)
            && chars.get(i + 2).is_some_and(char::is_ascii_lowercase)
        {
            first.push('-');
            first.push(chars[i + 1]);
            i += 2;
            while chars.get(i).is_some_and(char::is_ascii_lowercase) {
                first.push(chars[i]);
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    // ([a-z0-9])([A-Z]) → \1-\2
    let chars: Vec<char> = first.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        out.push(chars[i]);
        if (chars[i].is_ascii_lowercase() || chars[i].is_ascii_digit())
            && chars.get(i + 1).is_some_and(char::is_ascii_uppercase)
        {
            out.push('-');
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        i += 1;
    }
    out.to_lowercase()
}

/// `--option-name` for every member name of both operations, worked out once.
fn option_names() -> &'static BTreeMap<&'static str, String> {
    static NAMES: std::sync::OnceLock<BTreeMap<&'static str, String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let names = model::top_level().map(|f| f.name).chain(MFA_MEMBERS.iter().map(|(name, _)| *name));
        names.map(|name| (name, format!("--{}", cli_option(name)))).collect()
    })
}

/// SetUserPoolMfaConfig's members (the follow-up) and their kinds.
const MFA_MEMBERS: [(&str, Kind); 5] = [
    ("SmsMfaConfiguration", Kind::Structure),
    ("SoftwareTokenMfaConfiguration", Kind::Structure),
    ("EmailMfaConfiguration", Kind::Structure),
    ("WebAuthnConfiguration", Kind::Structure),
    ("MfaConfiguration", Kind::Enum),
];

/// The request an `aws` command's options stand for, read as the AWS CLI reads them:
/// `--cli-input-json` is JSON; a list, structure or map option starting with `[` or `{` is
/// JSON; a list's words are its items; a text option is taken as it is, except that argparse
/// takes a leading `-` for an option and the CLI loads `file://`, `fileb://`, `http://` and
/// `https://` values instead.
fn cli_request(words: &[sh::Word], known: &[(&str, Kind)]) -> Result<Json, String> {
    let values: Vec<Option<String>> = words.iter().map(sh::literal).collect();
    let is_option = |value: &Option<String>| value.as_deref().is_some_and(|v| v.starts_with("--"));
    let mut members: Vec<(String, Json)> = Vec::new();
    let mut i = 0;
    while i < values.len() {
        let option =
            values[i].clone().filter(|v| v.starts_with("--")).ok_or(format!("expected an option: {:?}", words[i]))?;
        let start = i + 1;
        i = start;
        while i < values.len() && !is_option(&values[i]) {
            i += 1;
        }
        if matches!(option.as_str(), "--query" | "--output" | "--user-pool-id") {
            continue;
        }
        let arguments: Vec<String> = values[start..i]
            .iter()
            .map(|v| v.clone().ok_or("an argument the shell would expand"))
            .collect::<Result<_, _>>()?;
        for argument in &arguments {
            let lower = argument.to_ascii_lowercase();
            if argument.starts_with('-') {
                return Err(format!("argparse would take {argument:?} for an option"));
            }
            if ["file://", "fileb://", "http://", "https://"].iter().any(|p| lower.starts_with(p)) {
                return Err(format!("the AWS CLI would load {argument:?} instead of sending it"));
            }
        }
        let parse_json = |text: &str| independent::json(text).map_err(|e| format!("{option}: {e}"));
        if option == "--cli-input-json" {
            let [text] = arguments.as_slice() else { return Err("--cli-input-json takes one argument".into()) };
            let Json::Object(more) = parse_json(text)? else { return Err("--cli-input-json is not an object".into()) };
            members.extend(more);
            continue;
        }
        let (name, kind) = known
            .iter()
            .find(|(name, _)| option_names().get(name).is_some_and(|o| *o == option))
            .ok_or(format!("the AWS CLI has no option {option}"))?;
        let value = match (kind, arguments.as_slice()) {
            (Kind::List, [one]) if one.starts_with('[') => parse_json(one)?,
            (Kind::List, items) if !items.is_empty() => Json::Array(items.iter().map(Json::str).collect()),
            (Kind::Structure | Kind::Map, [one]) if one.starts_with('{') => parse_json(one)?,
            (Kind::String | Kind::Enum, [one]) => Json::str(one),
            _ => return Err(format!("{option} {arguments:?} is not how the AWS CLI takes a {kind:?}")),
        };
        members.push((name.to_string(), value));
    }
    Ok(Json::Object(members))
}

fn check_cli_bash(text: &str, request: &Json, follow_up: Option<&Json>) -> Checked {
    let script = sh::parse(text)?;
    // The script's own expansions, in order; anything else would be the request's text at work.
    let own: &[&str] = if follow_up.is_some() { &["$(", "&&", "$user_pool_id", "&&", "$user_pool_id"] } else { &[] };
    if script.active != own {
        return Err(format!("the shell would act on {:?} (the script's own: {own:?})", script.active));
    }
    let mut commands = Vec::new();
    sh::all_commands(&script.commands, &mut commands);
    let find = |operation: &str| {
        let calls: Vec<&sh::Command> = commands
            .iter()
            .copied()
            .filter(|c| {
                c.words.len() >= 3
                    && c.words[..3]
                        .iter()
                        .map(sh::literal)
                        .eq(["aws", "cognito-idp", operation].map(|w| Some(w.to_string())))
            })
            .collect();
        match calls.as_slice() {
            [one] => Ok(&one.words[3..]),
            _ => Err(format!("{} aws cognito-idp {operation} commands", calls.len())),
        }
    };
    let create_members: Vec<(&str, Kind)> = model::top_level().map(|f| (f.name, f.kind)).collect();
    let sent = cli_request(find("create-user-pool")?, &create_members)?;
    same_members("the create-user-pool options", &sent, request)?;
    let mut checked = string_count(request);
    if let Some(config) = follow_up {
        let sent = cli_request(find("set-user-pool-mfa-config")?, &MFA_MEMBERS)?;
        same_members("the set-user-pool-mfa-config options", &sent, config)?;
        checked += string_count(config);
    } else if commands.len() != 1 {
        return Err(format!("{} commands", commands.len()));
    }
    Ok(checked)
}

/// The script with the literal assigned to each of `names` read and replaced by `<name>`.
fn powershell_literals(text: &str, names: &[&str]) -> Result<(String, Vec<String>), String> {
    let chars: Vec<char> = text.chars().collect();
    let mut skeleton = String::new();
    let mut values = Vec::new();
    let mut at = 0;
    for name in names {
        let assignment: Vec<char> = format!("\n{name} = ").chars().collect();
        let found =
            (at..chars.len()).find(|&i| chars[i..].starts_with(&assignment)).ok_or(format!("no {name} assignment"))?;
        let start = found + assignment.len();
        let (value, end) = ps::literal(&chars, start)?;
        if chars.get(end) != Some(&'\n') {
            return Err(format!("text after the literal of {name}"));
        }
        skeleton.extend(&chars[at..start]);
        skeleton.push_str(&format!("<{name}>"));
        values.push(value);
        at = end;
    }
    skeleton.extend(&chars[at..]);
    Ok((skeleton, values))
}

/// The PowerShell script of a one-member request, outside its literals (per MFA choice).
fn powershell_skeleton(options: &Options, follow_up: bool, names: &[&str]) -> Result<String, String> {
    static SKELETONS: std::sync::Mutex<Vec<((MfaFactors, bool), String)>> = std::sync::Mutex::new(Vec::new());
    let mut known = SKELETONS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, skeleton)) = known.iter().find(|(key, _)| *key == (options.mfa, follow_up)) {
        return Ok(skeleton.clone());
    }
    let mode = if follow_up { "OPTIONAL" } else { "OFF" };
    let baseline_request = object(vec![("PoolName", Json::str("p")), ("MfaConfiguration", Json::str(mode))]);
    let baseline = export::render(Format::CliPowershell, &baseline_request, options);
    let (skeleton, _) = powershell_literals(&baseline.text, names)?;
    known.push(((options.mfa, follow_up), skeleton.clone()));
    Ok(skeleton)
}

fn check_cli_powershell(text: &str, request: &Json, follow_up: Option<&Json>, options: &Options) -> Checked {
    let mut names = vec!["$createUserPoolRequest"];
    if follow_up.is_some() {
        names.push("$setUserPoolMfaConfigRequest");
    }
    let (skeleton, values) = powershell_literals(text, &names)?;
    // Everything outside the literals is the same for every request: no text of the request
    // reaches PowerShell outside a literal that expands nothing.
    if skeleton != powershell_skeleton(options, follow_up.is_some(), &names)? {
        return Err("the script differs from the fixed script outside its literals".into());
    }
    let mut expected = vec![request.clone()];
    expected.extend(follow_up.cloned());
    let mut checked = 0;
    for (value, expected) in values.iter().zip(&expected) {
        // Set-Content -Encoding ascii would turn any other character into `?`.
        if !value.is_ascii() {
            return Err("the JSON is not ASCII, which Set-Content -Encoding ascii would change".into());
        }
        let parsed = independent::json(value).map_err(|e| format!("the here-string is not JSON: {e}"))?;
        same("the here-string's JSON", &parsed, expected)?;
        checked += string_count(expected);
    }
    Ok(checked)
}

fn check_boto3(text: &str, request: &Json, follow_up: Option<&Json>) -> Checked {
    let tokens = python::tokens(text)?;
    let found = python_value(&mut Cursor::after(tokens.clone(), &[ident("CREATE_USER_POOL"), punct("=")])?)?;
    same("CREATE_USER_POOL", &found, request)?;
    let mut checked = string_count(request);
    if let Some(config) = follow_up {
        let found = python_value(&mut Cursor::after(tokens, &[ident("SET_USER_POOL_MFA_CONFIG"), punct("=")])?)?;
        same("SET_USER_POOL_MFA_CONFIG", &found, config)?;
        checked += string_count(config);
    }
    Ok(checked)
}

fn check_js_sdk(text: &str, request: &Json, follow_up: Option<&Json>) -> Checked {
    let tokens = javascript::tokens(text)?;
    let start = [ident("const"), ident("createUserPoolInput"), punct("=")];
    let found = javascript_value(&mut Cursor::after(tokens.clone(), &start)?)?;
    same("createUserPoolInput", &found, request)?;
    let mut checked = string_count(request);
    if let Some(config) = follow_up {
        let start = [ident("const"), ident("setUserPoolMfaConfigInput"), punct("=")];
        let found = javascript_value(&mut Cursor::after(tokens, &start)?)?;
        same("setUserPoolMfaConfigInput", &found, config)?;
        checked += string_count(config);
    }
    Ok(checked)
}

/// `value` as CDK props: structure members in camelCase, map keys as they are.
fn cdk_value(value: &Json, field: Option<&'static Field>) -> Json {
    match value {
        Json::Object(members) if field.is_some_and(|f| f.kind == Kind::Map) => {
            let value_field = field.and_then(|f| f.child_fields().nth(1));
            Json::Object(members.iter().map(|(k, v)| (k.clone(), cdk_value(v, value_field))).collect())
        }
        Json::Object(members) => Json::Object(
            members.iter().map(|(k, v)| (cdk_ts::cdk_name(k), cdk_value(v, field.and_then(|f| f.member(k))))).collect(),
        ),
        Json::Array(items) => {
            let element = field.and_then(|f| f.child_fields().next());
            Json::Array(items.iter().map(|item| cdk_value(item, element)).collect())
        }
        other => other.clone(),
    }
}

fn check_cdk(text: &str, request: &Json, options: &Options) -> Checked {
    let tokens = javascript::tokens(text)?;
    let start = [
        ident("new"),
        ident("CfnUserPool"),
        punct("("),
        ident("this"),
        punct(","),
        Tok::Str("UserPool".into()),
        punct(","),
    ];
    let found = javascript_value(&mut Cursor::after(tokens, &start)?)?;
    let pool = cloudformation::user_pool(request, options);
    let expected = Json::Object(
        pool.properties
            .iter()
            .map(|(name, value)| {
                let field = cloudformation::request_member(name).and_then(model::top_level_member);
                (cdk_ts::cdk_name(name), cdk_value(value, field))
            })
            .collect(),
    );
    same("the CfnUserPool props", &found, &expected)?;
    Ok(string_count(&pool.properties_object()))
}

fn check_paws(text: &str, notes: &[String], request: &Json, follow_up: Option<&Json>) -> Checked {
    if !text.is_ascii() {
        return Err("the R script is not ASCII, so its meaning depends on the locale".into());
    }
    let mut nul = false;
    let tokens = r::tokens(text, &mut nul)?;
    if nul && !notes.iter().any(|n| n.contains("NUL")) {
        return Err("a NUL character, which R refuses, without a note".into());
    }
    let create = r_expr(&mut Cursor::after(tokens.clone(), &[ident("pool"), punct("<-")])?)?;
    let found = match &create {
        RExpr::Call(function, args) if function == "svc$create_user_pool" => r_arguments(args)?,
        RExpr::Call(function, args) if function == "do.call" => match args.as_slice() {
            [(None, RExpr::Name(f)), (None, list)] if f == "svc$create_user_pool" => r_value(list)?,
            _ => return Err("do.call with other arguments".into()),
        },
        other => return Err(format!("pool <- {other:?}")),
    };
    same("create_user_pool's arguments", &r_normal(&found), &r_normal(request))?;
    let mut checked = string_count(request);
    if let Some(mut config) = follow_up.cloned() {
        let start = [ident("svc"), punct("$"), ident("set_user_pool_mfa_config")];
        let mut cursor = Cursor::after(tokens, &start)?;
        cursor.i -= start.len();
        let RExpr::Call(_, args) = r_expr(&mut cursor)? else { return Err("no set_user_pool_mfa_config call".into()) };
        let Some((Some(first), RExpr::Name(pool_id))) = args.first() else { return Err("no UserPoolId".into()) };
        if first != "UserPoolId" || pool_id != "pool$UserPool$Id" {
            return Err(format!("UserPoolId is {first} = {pool_id}"));
        }
        let mut found = r_arguments(&args[1..])?;
        // paws drops an empty EmailMfaConfiguration, so the export fills in a message.
        for value in [&mut found, &mut config] {
            if let Json::Object(members) = value {
                if let Some(at) = members.iter().position(|(k, _)| k == "EmailMfaConfiguration") {
                    let (_, email) = members.remove(at);
                    let message = email.get("Message").and_then(Json::as_str).unwrap_or("{####}");
                    if !message.contains("{####}") {
                        return Err(format!("the email MFA message {message:?} has no {{####}}"));
                    }
                }
            }
        }
        same("set_user_pool_mfa_config's arguments", &r_normal(&found), &r_normal(&config))?;
        checked += string_count(&config);
    }
    Ok(checked)
}

/// Reads `export` back by its format's grammar and compares it with the request.
fn check(format: Format, export: &export::Export, request: &Json, options: &Options, valid: bool) -> Checked {
    let text = export.text.as_str();
    // What the CLI and SDK formats send: CreateUserPool's request, then the MFA follow-up.
    let calls = literal::calls(request, options);
    let (create, follow_up) = (&*calls.create, calls.mfa.as_ref());
    match format {
        Format::RequestJson => check_request_json(text, create),
        Format::CloudformationJson => check_cloudformation_json(text, &export.notes, request, valid),
        Format::CloudformationYaml => {
            let json_text = export::render(Format::CloudformationJson, request, options).text;
            check_cloudformation_yaml(text, &export.notes, &json_text, request, valid)
        }
        Format::Terraform => check_terraform(text, request),
        Format::CliBash => check_cli_bash(text, create, follow_up),
        Format::CliPowershell => check_cli_powershell(text, create, follow_up, options),
        Format::Boto3 => check_boto3(text, create, follow_up),
        Format::JsSdkV3 => check_js_sdk(text, create, follow_up),
        Format::CdkTs => check_cdk(text, request, options),
        Format::Paws => check_paws(text, &export.notes, create, follow_up),
    }
}

/// Every format writes the characters a reader cannot see (src/invisible.rs) as escapes: none
/// may stand raw in the export's text (but the line breaks between its lines) or its notes.
fn no_raw_invisible(export: &export::Export) -> Result<(), String> {
    let texts =
        std::iter::once(("the text", export.text.as_str())).chain(export.notes.iter().map(|n| ("a note", n.as_str())));
    for (what, text) in texts {
        if let Some((at, c)) = text.char_indices().find(|&(_, c)| c != '\n' && invisible::is_invisible(c)) {
            let line = text[..at].matches('\n').count() + 1;
            // Thirty characters either side, enough to find it.
            let before = text[..at].char_indices().rev().nth(29).map_or(0, |(i, _)| i);
            let after = text[at..].char_indices().nth(30).map_or(text.len(), |(i, _)| at + i);
            return Err(format!("{what} holds U+{:04X} raw, on line {line}: {:?}", u32::from(c), &text[before..after]));
        }
    }
    Ok(())
}

/// Characters a reader cannot see, one of each kind the Trojan Source paper and Unicode's
/// tables name (src/invisible.rs), each put into a tag key and value of its own.
const INVISIBLE_SAMPLES: [char; 45] = [
    '\u{0}',
    '\u{7}',
    '\u{9}',
    '\u{d}',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{9f}',
    '\u{ad}',
    '\u{34f}',
    '\u{600}',
    '\u{61c}',
    '\u{115f}',
    '\u{17b4}',
    '\u{180b}',
    '\u{180e}',
    '\u{200b}',
    '\u{200c}',
    '\u{200d}',
    '\u{200e}',
    '\u{200f}',
    '\u{2028}',
    '\u{2029}',
    '\u{202a}',
    '\u{202b}',
    '\u{202c}',
    '\u{202d}',
    '\u{202e}',
    '\u{2060}',
    '\u{2064}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{3164}',
    '\u{fe0f}',
    '\u{feff}',
    '\u{ffa0}',
    '\u{fffb}',
    '\u{110bd}',
    '\u{13430}',
    '\u{1bca0}',
    '\u{1d173}',
    '\u{e0041}',
    '\u{e0100}',
];

/// A request holding every invisible character (all of src/invisible.rs's table, in the
/// message, subject and external ID) and each sample in a tag key and value, the pool name, a
/// schema attribute's name, an SMS message, an invitation subject and the sender address: text
/// a user can paste into the form, valid where the field's pattern allows it.
fn invisible_request() -> Json {
    let all: String = (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| invisible::is_invisible(c)).collect();
    let samples: String = INVISIBLE_SAMPLES.iter().collect();
    let tags: Vec<(String, Json)> = INVISIBLE_SAMPLES
        .iter()
        .map(|c| (format!("k{c}"), Json::str(format!("v{c}w"))))
        .chain([("all".to_string(), Json::str(all.clone()))])
        .collect();
    let text = object(vec![
        ("PoolName", Json::str(format!("pool{}", '\u{202e}'))),
        ("EmailVerificationMessage", Json::str(format!("Code {{####}} {all}"))),
        ("EmailVerificationSubject", Json::str(format!("Subject {all}"))),
        ("SmsAuthenticationMessage", Json::str(format!("{{####}} {samples}"))),
        // MFA on, so that the SetUserPoolMfaConfig follow-up (which repeats the SMS text) is
        // checked too.
        ("MfaConfiguration", Json::str("OPTIONAL")),
        (
            "SmsConfiguration",
            object(vec![
                ("SnsCallerArn", Json::str("arn:aws:iam::111122223333:role/sms")),
                ("ExternalId", Json::str(format!("id {all}"))),
            ]),
        ),
        ("EmailConfiguration", object(vec![("From", Json::str(format!("Team{} <team@example.com>", '\u{2067}')))])),
        (
            "AdminCreateUserConfig",
            object(vec![("InviteMessageTemplate", object(vec![("EmailSubject", Json::str(format!("Hi {samples}")))]))]),
        ),
        (
            "Schema",
            Json::Array(vec![object(vec![
                ("Name", Json::str(format!("tenant{}", '\u{200b}'))),
                ("AttributeDataType", Json::str("String")),
            ])]),
        ),
        ("UserPoolTags", Json::Object(tags)),
    ])
    .compact();
    // In model order, as the form writes every request.
    let (form, problems) = request::from_text(&text);
    assert!(problems.is_empty(), "{problems:?}");
    request::to_json(&form)
}

/// `format`'s export of [`invisible_request`] holds no raw invisible character and reads back as
/// the request, with and without the MFA follow-up.
fn check_invisible_characters(format: Format) {
    let request = invisible_request();
    let every_factor = Options { mfa: MfaFactors { sms: true, totp: true, email: true }, ..Options::default() };
    for options in [Options { mfa: MfaFactors::implied_by(&request), ..Options::default() }, every_factor] {
        let export = export::render(format, &request, &options);
        if let Err(why) = no_raw_invisible(&export) {
            panic!("{} with {:?}: {why}", format.id(), options.mfa);
        }
        match check(format, &export, &request, &options, false) {
            Ok(strings) => {
                assert!(strings >= INVISIBLE_SAMPLES.len(), "{}: only {strings} strings compared", format.id())
            }
            Err(why) => panic!("{} with {:?} does not read back as the request: {why}", format.id(), options.mfa),
        }
    }
}

/// One test per format: [`check_invisible_characters`].
macro_rules! invisible_character_tests {
    ($($test:ident: $format:expr;)*) => {$(
        #[test]
        fn $test() {
            check_invisible_characters($format);
        }
    )*};
}

invisible_character_tests! {
    request_json_escapes_invisible_characters: Format::RequestJson;
    cli_bash_escapes_invisible_characters: Format::CliBash;
    cli_powershell_escapes_invisible_characters: Format::CliPowershell;
    cloudformation_yaml_escapes_invisible_characters: Format::CloudformationYaml;
    cloudformation_json_escapes_invisible_characters: Format::CloudformationJson;
    terraform_escapes_invisible_characters: Format::Terraform;
    cdk_ts_escapes_invisible_characters: Format::CdkTs;
    boto3_escapes_invisible_characters: Format::Boto3;
    js_sdk_v3_escapes_invisible_characters: Format::JsSdkV3;
    paws_escapes_invisible_characters: Format::Paws;
}

// =============================================================================================
// The runs

/// What one format was checked on.
#[derive(Clone, Default)]
struct Tally {
    exports: usize,
    strings: usize,
    time: Duration,
}

/// The MFA factors for a request: each combination in turn (SMS with half of them).
fn mfa_options(seed: u64) -> Options {
    let (totp, email) = [(true, false), (false, true), (true, true)][(seed % 3) as usize];
    Options { mfa: MfaFactors { sms: seed.is_multiple_of(2), totp, email }, ..Options::default() }
}

/// Exports request `seed` in every format, with and without the MFA follow-up, and checks each.
fn check_seed(seed: u64, tallies: &mut BTreeMap<&'static str, Tally>) {
    let (request, free) = generate(seed);
    for options in [Options::default(), mfa_options(seed)] {
        for format in Format::ALL {
            let started = Instant::now();
            let export = export::render(format, &request, &options);
            let result = no_raw_invisible(&export).and_then(|()| check(format, &export, &request, &options, !free));
            let tally = tallies.entry(format.id()).or_default();
            tally.time += started.elapsed();
            match result {
                Ok(strings) => {
                    tally.exports += 1;
                    tally.strings += strings;
                }
                Err(why) => {
                    let text: String = export.text.chars().take(6000).collect();
                    panic!(
                        "seed {seed} ({}), {} with {:?}: {why}\nrequest: {}\nexport:\n{text}",
                        if free { "free text" } else { "valid" },
                        format.id(),
                        options.mfa,
                        request.compact()
                    );
                }
            }
        }
    }
}

#[test]
fn every_export_reads_back_as_the_request() {
    let started = Instant::now();
    let requests = request_count();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4) as u64;
    let shards: Vec<BTreeMap<&'static str, Tally>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|shard| {
                scope.spawn(move || {
                    let mut tallies = BTreeMap::new();
                    for seed in (shard..requests).step_by(threads as usize) {
                        check_seed(seed, &mut tallies);
                    }
                    tallies
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    let mut total: BTreeMap<&'static str, Tally> = BTreeMap::new();
    for shard in shards {
        for (format, tally) in shard {
            let sum = total.entry(format).or_default();
            sum.exports += tally.exports;
            sum.strings += tally.strings;
            sum.time += tally.time;
        }
    }
    println!("{requests} requests ({} with free text), each with and without an MFA follow-up:", requests / 4);
    println!("{:<20} {:>8} {:>10} {:>9}", "format", "exports", "strings", "time (s)");
    for format in Format::ALL {
        let t = &total[format.id()];
        println!("{:<20} {:>8} {:>10} {:>9.2}", format.id(), t.exports, t.strings, t.time.as_secs_f64());
        assert_eq!(t.exports as u64, 2 * requests, "{}", format.id());
        assert!(t.strings as u64 > 2 * requests, "{}: too few strings compared", format.id());
    }
    println!("wall time {:.1} s on {threads} threads", started.elapsed().as_secs_f64());
}

/// The generated requests carry what they should: each hostile class, somewhere.
#[test]
fn the_generated_requests_are_hostile() {
    let mut seen = BTreeMap::new();
    for seed in 0..400 {
        let (request, _) = generate(seed);
        let mut texts = Vec::new();
        each_string(&request, None, &mut |s| texts.push(s.to_string()));
        for class in [
            "'",
            "\"",
            "\\",
            "$(",
            "${",
            "%{",
            "`",
            "#",
            ": ",
            "\n",
            "\t",
            "\u{2028}",
            "\u{2029}",
            "\u{202e}",
            "\u{e0041}",
            "😀",
            "é",
            "__proto__",
        ] {
            *seen.entry(class).or_insert(0) += texts.iter().filter(|t| t.contains(class)).count();
        }
        *seen.entry("yes/no/null/~ alone").or_insert(0) +=
            texts.iter().filter(|t| ["yes", "no", "null", "~", "on", "off", "Y", "NO"].contains(&t.as_str())).count();
    }
    for (class, count) in &seen {
        assert!(*count >= 5, "{class:?} appears in only {count} strings of 400 requests");
    }
}

/// Each reader catches an export whose escaping is broken: the real export passes, the same
/// text with one escape undone fails.
#[test]
fn checkers_reject_broken_escapes() {
    // In model order, as the form writes every request.
    let (form, problems) = request::from_text(
        r#"{"PoolName": "p", "EmailVerificationSubject": "say \"hi\" ${x} $(id) 'q' yes é 😀",
            "SmsAuthenticationMessage": "a\u2028b {####}", "VerificationMessageTemplate": {"SmsMessage": "1234 {####}"},
            "UserPoolTags": {"__proto__": "1234", "k": "yes", "s": "%{ if x }", "t": "y"}}"#,
    );
    assert!(problems.is_empty(), "{problems:?}");
    let request = request::to_json(&form);
    let options = Options::default();
    let cases: [(Format, &str, &str); 18] = [
        (Format::RequestJson, r#"say \"hi\""#, r#"say "hi\""#),
        (Format::CloudformationJson, r#"\"hi\" "#, r#"\"hi" "#),
        (Format::CloudformationYaml, r#"k: "yes""#, "k: yes"),
        (Format::CloudformationYaml, r#""__proto__": "1234""#, r#""__proto__": 1234"#),
        (Format::CloudformationYaml, r#"s: "%{ if x }""#, r#"s: %{ if x }"#),
        (Format::CloudformationYaml, r#"t: "y""#, "t: y"),
        (Format::Terraform, "$${x}", "${x}"),
        (Format::Terraform, "%%{ if x }", "%{ if x }"),
        (Format::Terraform, r#"say \"hi\""#, r#"say "hi""#),
        (Format::CliBash, "'\\''q'\\''", "'q'"),
        (Format::CliBash, "--pool-name p", "--pool-name $HOME"),
        (Format::CliPowershell, r#"\u00E9"#, "é"),
        (Format::CliPowershell, "{\n  \"PoolName\"", "{\n'@\n  \"PoolName\""),
        (Format::Boto3, r#""EmailVerificationSubject": ""#, r#""EmailVerificationSubject": f""#),
        (Format::JsSdkV3, r#"["__proto__"]"#, r#""__proto__""#),
        (Format::CdkTs, r#"b {####}"#, "\u{2028}b {####}"),
        (Format::Paws, r#"\u00E9"#, "é"),
        (Format::Paws, r#"say \"hi\""#, r#"say "hi""#),
    ];
    for (format, good, bad) in cases {
        let export = export::render(format, &request, &options);
        assert!(export.text.contains(good), "{}: {good:?} not in\n{}", format.id(), export.text);
        if let Err(why) = check(format, &export, &request, &options, true) {
            panic!("{}: the real export fails: {why}\n{}", format.id(), export.text);
        }
        let broken = export::Export { text: export.text.replacen(good, bad, 1), notes: export.notes.clone() };
        let verdict = check(format, &broken, &request, &options, true);
        assert!(verdict.is_err(), "{}: a broken escape ({good:?} → {bad:?}) went unnoticed", format.id());
    }
}

#[test]
fn cli_option_names_follow_botocore() {
    for (member, option) in [
        ("PoolName", "pool-name"),
        ("UserPoolAddOns", "user-pool-add-ons"),
        ("KMSKeyID", "kms-key-id"),
        ("SmsMfaConfiguration", "sms-mfa-configuration"),
        ("AutoVerifiedAttributes", "auto-verified-attributes"),
    ] {
        assert_eq!(cli_option(member), option);
    }
}
