//! Regular expressions with Java's semantics, small enough for the browser.
//!
//! AWS writes the model's `pattern` constraints in `java.util.regex` syntax and the service
//! applies them to the whole value (`Matcher.matches()`). This engine reproduces that subset:
//! - full match (`is_full_match`) and search (`is_match_anywhere`);
//! - `\w` = `[a-zA-Z0-9_]`, `\d` = `[0-9]`, `\s` = `[ \t\n\x0B\f\r]` (ASCII, as in Java without
//!   `UNICODE_CHARACTER_CLASS`), `\p{L}`-style classes by Unicode general category;
//! - `.` excludes `\n \r \u0085 \u2028 \u2029` unless `(?s)`; `$` also matches before a final
//!   line terminator; classes with ranges, negation and escapes; `* + ? {n,m}` (greedy or lazy:
//!   the same for a yes/no answer); groups, `(?:…)`, `(?s)`, `(?s:…)`, alternation.
//!
//! Anything else (backreferences, lookaround, possessive quantifiers, `\b`, class intersection)
//! is refused at compile time, so a newer model with such a pattern fails a test instead of
//! being checked wrongly. Matching is a Thompson-NFA simulation: linear in the input, no
//! backtracking, so a 20,000-character email template checks in microseconds. It also tells
//! where a value first stops fitting the pattern, which makes error messages specific. Most of
//! the model's patterns are one class repeated (`[\w\s+=,.@-]+`); those skip the NFA and test
//! each character against the class. Programs of up to 64 instructions (all of the model's)
//! keep each set of states in one bit mask; classes keep their ASCII characters as bits.
//!
//! Strings are matched by Unicode scalar value. Java matches UTF-16 but treats surrogate pairs as
//! one code point, so the answers agree; Rust strings cannot hold unpaired surrogates.

mod class;
mod unicode_table;

pub use unicode_table::UNICODE_VERSION;

pub(crate) use class::{CharSet, Item};
use class::{ClassItem, Shorthand};
use std::borrow::Cow;

/// A Unicode major general category, as in `\p{L}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Letter = 0,
    Mark = 1,
    Number = 2,
    Punctuation = 3,
    Symbol = 4,
    Separator = 5,
    Other = 6,
}

impl Category {
    /// The major general category of `c` (Unicode version in `UNICODE_VERSION`).
    pub fn of(c: char) -> Category {
        if c.is_ascii() {
            return Category::of_ascii(c as u8);
        }
        Category::from_table(c)
    }

    /// The category from the run table (any code point).
    fn from_table(c: char) -> Category {
        let cp = c as u32;
        let runs = runs();
        // The last run that starts at or before `cp`; run 0 starts at U+0000.
        let index = runs.partition_point(|&run| (run >> 3) <= cp).saturating_sub(1);
        match runs[index] & 7 {
            0 => Category::Letter,
            1 => Category::Mark,
            2 => Category::Number,
            3 => Category::Punctuation,
            4 => Category::Symbol,
            5 => Category::Separator,
            _ => Category::Other,
        }
    }

    /// ASCII answered without the run table: most values the form checks are ASCII, and a
    /// class like `[\p{L}\p{M}\p{S}\p{N}\p{P}]` asks for every character. A test compares
    /// this with the table for all 128 characters.
    fn of_ascii(byte: u8) -> Category {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' => Category::Letter,
            b'0'..=b'9' => Category::Number,
            b' ' => Category::Separator,
            b'$' | b'+' | b'<' | b'=' | b'>' | b'^' | b'`' | b'|' | b'~' => Category::Symbol,
            0..=0x1F | 0x7F => Category::Other,
            _ => Category::Punctuation,
        }
    }

    fn from_name(name: &str) -> Option<Category> {
        Some(match name {
            "L" | "IsL" => Category::Letter,
            "M" | "IsM" => Category::Mark,
            "N" | "IsN" => Category::Number,
            "P" | "IsP" => Category::Punctuation,
            "S" | "IsS" => Category::Symbol,
            "Z" | "IsZ" => Category::Separator,
            "C" | "IsC" => Category::Other,
            _ => return None,
        })
    }
}

/// The category runs (`first_code_point << 3 | category`), unpacked once from the table.
fn runs() -> &'static [u32] {
    static RUNS: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    RUNS.get_or_init(|| {
        let mut runs = Vec::with_capacity(unicode_table::RUN_COUNT);
        let (mut value, mut shift, mut start) = (0u32, 0, 0u32);
        for &byte in unicode_table::PACKED_RUNS.iter() {
            value |= u32::from(byte & 0x7F) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                start += value >> 3;
                runs.push((start << 3) | (value & 7));
                (value, shift) = (0, 0);
            }
        }
        runs
    })
}

/// Why a pattern could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    pub pattern: String,
    pub message: String,
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot compile pattern `{}`: {}", self.pattern, self.message)
    }
}

impl std::error::Error for PatternError {}

/// The outcome of checking a value against a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The whole value matches.
    Matches,
    /// The value stops fitting at this character (0-based character index): nothing the
    /// pattern allows can start with the text up to and including it.
    BadCharacter { index: usize, character: char },
    /// Every character fits, but the value is incomplete (for example a required
    /// placeholder is missing, or the value is empty).
    Incomplete,
}

/// A compiled pattern: compiled at run time by [`compile`], or ahead of time into static
/// tables (the model's patterns: `model::compiled_pattern`, written by the codegen test with
/// [`Pattern::to_rust`]), so that the browser carries the matcher without the compiler.
#[derive(Clone, Debug)]
pub struct Pattern {
    source: Cow<'static, str>,
    program: Cow<'static, [Inst]>,
    sets: Cow<'static, [CharSet]>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Inst {
    /// Consume one character in the set.
    Char(u16),
    /// Continue at both targets (the first is preferred; irrelevant for yes/no answers).
    Split(u32, u32),
    Jump(u32),
    /// `^`: at the start of the input.
    AssertStart,
    /// `$`: at the end, or before a final line terminator.
    AssertEnd,
    Match,
}

/// Whether `$` matches before `rest`: at the end, or before a final line terminator.
fn is_end(rest: &str) -> bool {
    matches!(rest, "" | "\n" | "\r\n" | "\r" | "\u{85}" | "\u{2028}" | "\u{2029}")
}

/// Upper bound on compiled size; the model's largest pattern needs 42 instructions.
const MAX_PROGRAM: usize = 20_000;

#[derive(Clone, Debug)]
enum Node {
    Empty,
    Set(CharSet),
    Start,
    End,
    Concat(Vec<Node>),
    Alternation(Vec<Node>),
    Repeat { node: Box<Node>, min: u32, max: Option<u32> },
}

/// Compiles a Java-syntax pattern (the subset described in the module docs).
pub fn compile(source: &str) -> Result<Pattern, PatternError> {
    let fail = |message: String| PatternError { pattern: source.to_string(), message };
    let mut parser = Parser { chars: source.chars().collect(), at: 0 };
    let node = parser.alternation(false).map_err(fail)?;
    if parser.at < parser.chars.len() {
        return Err(fail(format!("unmatched `)` at character {}", parser.at + 1)));
    }
    let mut compiler = Compiler { program: Vec::new(), sets: Vec::new() };
    compiler.emit_node(&node).map_err(fail)?;
    compiler.program.push(Inst::Match);
    Ok(Pattern { source: source.to_string().into(), program: compiler.program.into(), sets: compiler.sets.into() })
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn alternation(&mut self, mut dotall: bool) -> Result<Node, String> {
        let mut branches = vec![self.concat(&mut dotall)?];
        while self.eat('|') {
            branches.push(self.concat(&mut dotall)?);
        }
        Ok(if branches.len() == 1 { branches.pop().unwrap_or(Node::Empty) } else { Node::Alternation(branches) })
    }

    /// A sequence; `dotall` changes when an inline `(?s)` appears (Java applies it to the rest
    /// of the enclosing group, across later alternatives too).
    fn concat(&mut self, dotall: &mut bool) -> Result<Node, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            if c == '(' && self.chars.get(self.at + 1) == Some(&'?') {
                // Inline flags: `(?s)` for the rest, `(?s:…)` scoped, `(?:…)` no flags.
                let save = self.at;
                self.at += 2;
                let mut flags = String::new();
                while let Some(f) = self.peek().filter(|f| f.is_ascii_alphabetic() || *f == '-') {
                    flags.push(f);
                    self.at += 1;
                }
                if !flags.is_empty() && flags != "s" {
                    return Err(format!("unsupported inline flags `(?{flags}` (only `s` is supported)"));
                }
                if self.eat(')') {
                    if flags == "s" {
                        *dotall = true;
                    }
                    continue;
                }
                if self.eat(':') {
                    let inner = self.alternation(*dotall || flags == "s")?;
                    if !self.eat(')') {
                        return Err("unclosed group: add `)`".into());
                    }
                    let node = self.quantified(inner)?;
                    items.push(node);
                    continue;
                }
                self.at = save;
                return Err(format!("unsupported group construct at character {}", save + 1));
            }
            let atom = self.atom(*dotall)?;
            let node = self.quantified(atom)?;
            items.push(node);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let mut node = atom;
        loop {
            let (min, max) = match self.peek() {
                Some('*') => (0, None),
                Some('+') => (1, None),
                Some('?') => (0, Some(1)),
                Some('{') => {
                    self.at += 1;
                    match self.counted()? {
                        Some(bounds) => {
                            // `counted` consumed the closing `}`; the shared step below
                            // consumes one character, so step back onto it.
                            self.at -= 1;
                            bounds
                        }
                        None => return Err("`{` must be escaped as `\\{` when it is not a repetition".into()),
                    }
                }
                _ => return Ok(node),
            };
            self.at += 1;
            if matches!(node, Node::Start | Node::End) {
                return Err("a repetition cannot follow `^` or `$`".into());
            }
            if self.eat('+') {
                return Err("possessive quantifiers (`*+`, `++`, `?+`) are not supported".into());
            }
            self.eat('?'); // lazy: same yes/no answer
            node = Node::Repeat { node: Box::new(node), min, max };
        }
    }

    /// Parses `n}`, `n,}` or `n,m}` after `{`.
    fn counted(&mut self) -> Result<Option<(u32, Option<u32>)>, String> {
        let number = |p: &mut Parser| -> Option<u32> {
            let start = p.at;
            while p.peek().is_some_and(|c| c.is_ascii_digit()) {
                p.at += 1;
            }
            p.chars[start..p.at].iter().collect::<String>().parse().ok()
        };
        let Some(min) = number(self) else { return Ok(None) };
        let max = if self.eat(',') {
            if self.peek() == Some('}') {
                None
            } else {
                match number(self) {
                    Some(max) => Some(max),
                    None => return Ok(None),
                }
            }
        } else {
            Some(min)
        };
        if !self.eat('}') {
            return Ok(None);
        }
        if max.is_some_and(|max| max < min) {
            return Err(format!("repetition {{{min},{}}} has its bounds the wrong way round", max.unwrap_or(0)));
        }
        if min > 1000 || max.unwrap_or(0) > 1000 {
            return Err("repetition counts above 1000 are not supported".into());
        }
        Ok(Some((min, max)))
    }

    fn atom(&mut self, dotall: bool) -> Result<Node, String> {
        let at = self.at + 1;
        match self.next() {
            Some('(') => {
                let inner = self.alternation(dotall)?;
                if !self.eat(')') {
                    return Err("unclosed group: add `)`".into());
                }
                Ok(inner)
            }
            Some('[') => Ok(Node::Set(self.class()?)),
            Some('.') => Ok(Node::Set(CharSet::new(false, vec![ClassItem::Dot(dotall)]))),
            Some('^') => Ok(Node::Start),
            Some('$') => Ok(Node::End),
            Some('\\') => {
                let item = self.escape(false)?;
                Ok(Node::Set(CharSet::new(false, vec![item])))
            }
            Some(c @ ('*' | '+' | '?' | '{')) => Err(format!("`{c}` at character {at} has nothing to repeat")),
            Some(c) => Ok(Node::Set(CharSet::new(false, vec![ClassItem::Range(c, c)]))),
            None => Err("pattern ends too early".into()),
        }
    }

    /// After `[`: a character class.
    fn class(&mut self) -> Result<CharSet, String> {
        let negated = self.eat('^');
        Ok(CharSet::new(negated, self.class_items()?))
    }

    /// After `[` or `[^`: the items of a class as written, up to and including its `]`.
    fn class_items(&mut self) -> Result<Vec<ClassItem>, String> {
        let mut items = Vec::new();
        let mut first = true;
        loop {
            let c = self.next().ok_or("unclosed character class: add `]`")?;
            match c {
                ']' if first => return Err("an empty character class `[]` is not supported".into()),
                ']' => return Ok(items),
                '[' => return Err("nested character classes are not supported".into()),
                '&' if self.peek() == Some('&') => return Err("class intersection (`&&`) is not supported".into()),
                _ => {}
            }
            first = false;
            let low = if c == '\\' {
                match self.escape(true)? {
                    ClassItem::Range(lo, hi) if lo == hi => lo,
                    other => {
                        items.push(other);
                        continue;
                    }
                }
            } else {
                c
            };
            // A range `a-z`; a `-` first, last or after a range is literal.
            if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&n| n != ']') {
                self.at += 1;
                let high = match self.next() {
                    Some('\\') => match self.escape(true)? {
                        ClassItem::Range(lo, hi) if lo == hi => lo,
                        _ => return Err("a range must end with a single character".into()),
                    },
                    Some('[') => return Err("nested character classes are not supported".into()),
                    Some(h) => h,
                    None => return Err("unclosed character class: add `]`".into()),
                };
                if high < low {
                    return Err(format!("range `{low}-{high}` is out of order"));
                }
                items.push(ClassItem::Range(low, high));
            } else {
                items.push(ClassItem::Range(low, low));
            }
        }
    }

    /// After `\`: a character, a predefined class or a category.
    fn escape(&mut self, in_class: bool) -> Result<ClassItem, String> {
        let c = self.next().ok_or("pattern ends with `\\`")?;
        Ok(match c {
            'w' => ClassItem::Shorthand(Shorthand::Word, false),
            'W' => ClassItem::Shorthand(Shorthand::Word, true),
            's' => ClassItem::Shorthand(Shorthand::Space, false),
            'S' => ClassItem::Shorthand(Shorthand::Space, true),
            'd' => ClassItem::Shorthand(Shorthand::Digit, false),
            'D' => ClassItem::Shorthand(Shorthand::Digit, true),
            'p' | 'P' => {
                let name = if self.eat('{') {
                    let mut name = String::new();
                    loop {
                        match self.next() {
                            Some('}') => break,
                            Some(n) => name.push(n),
                            None => return Err("unclosed `\\p{`".into()),
                        }
                    }
                    name
                } else {
                    self.next().map(String::from).ok_or("pattern ends after `\\p`")?
                };
                let category = Category::from_name(&name)
                    .ok_or_else(|| format!("unsupported property `\\p{{{name}}}` (major categories only)"))?;
                ClassItem::Category(category, c == 'P')
            }
            't' => literal('\t'),
            'n' => literal('\n'),
            'r' => literal('\r'),
            'f' => literal('\u{c}'),
            'a' => literal('\u{7}'),
            'e' => literal('\u{1b}'),
            'x' => {
                let code = if self.eat('{') {
                    let mut hex = String::new();
                    while let Some(h) = self.next() {
                        if h == '}' {
                            break;
                        }
                        hex.push(h);
                    }
                    u32::from_str_radix(&hex, 16).ok()
                } else {
                    let hex: String = [self.next(), self.next()].iter().flatten().collect();
                    if hex.len() == 2 {
                        u32::from_str_radix(&hex, 16).ok()
                    } else {
                        None
                    }
                };
                literal(code.and_then(char::from_u32).ok_or("`\\x` needs hexadecimal digits")?)
            }
            'u' => {
                let hex: String = (0..4).filter_map(|_| self.next()).collect();
                let code = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                literal(code.ok_or("`\\u` needs four hexadecimal digits")?)
            }
            c if c.is_ascii_alphanumeric() => {
                let place = if in_class { " in a class" } else { "" };
                return Err(format!("unsupported escape `\\{c}`{place}"));
            }
            c => literal(c),
        })
    }
}

fn literal(c: char) -> ClassItem {
    ClassItem::Range(c, c)
}

struct Compiler {
    program: Vec<Inst>,
    sets: Vec<CharSet>,
}

impl Compiler {
    fn push(&mut self, inst: Inst) -> Result<u32, String> {
        if self.program.len() >= MAX_PROGRAM {
            return Err("pattern is too large".into());
        }
        self.program.push(inst);
        Ok((self.program.len() - 1) as u32)
    }

    fn next_pc(&self) -> u32 {
        self.program.len() as u32
    }

    fn emit_node(&mut self, node: &Node) -> Result<(), String> {
        match node {
            Node::Empty => {}
            Node::Set(set) => {
                // A repeat emits its body more than once: one copy of each set is enough.
                let index = match self.sets.iter().position(|known| known == set) {
                    Some(known) => known,
                    None => {
                        self.sets.push(set.clone());
                        self.sets.len() - 1
                    }
                };
                let index = u16::try_from(index).map_err(|_| "pattern is too large")?;
                self.push(Inst::Char(index))?;
            }
            Node::Start => {
                self.push(Inst::AssertStart)?;
            }
            Node::End => {
                self.push(Inst::AssertEnd)?;
            }
            Node::Concat(items) => {
                for item in items {
                    self.emit_node(item)?;
                }
            }
            Node::Alternation(branches) => {
                // split L1, next; L1: a; jump end; next: split L2, next2; ... last branch.
                let mut jumps = Vec::new();
                for (i, branch) in branches.iter().enumerate() {
                    if i + 1 < branches.len() {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.emit_node(branch)?;
                        jumps.push(self.push(Inst::Jump(0))?);
                        let next = self.next_pc();
                        self.program[split as usize] = Inst::Split(split + 1, next);
                    } else {
                        self.emit_node(branch)?;
                    }
                }
                let end = self.next_pc();
                for jump in jumps {
                    self.program[jump as usize] = Inst::Jump(end);
                }
            }
            Node::Repeat { node, min, max } => {
                for _ in 0..*min {
                    self.emit_node(node)?;
                }
                match max {
                    None => {
                        // loop: split body, out; body; jump loop
                        let split = self.push(Inst::Split(0, 0))?;
                        self.emit_node(node)?;
                        self.push(Inst::Jump(split))?;
                        let out = self.next_pc();
                        self.program[split as usize] = Inst::Split(split + 1, out);
                    }
                    Some(max) => {
                        let mut splits = Vec::new();
                        for _ in *min..*max {
                            splits.push(self.push(Inst::Split(0, 0))?);
                            self.emit_node(node)?;
                        }
                        let out = self.next_pc();
                        for split in splits {
                            self.program[split as usize] = Inst::Split(split + 1, out);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// The NFA states reached at one position, without duplicates.
struct StateSet {
    /// The reached states that consume a character or match (`Char`, `Match`): the only ones
    /// the next step reads, so the jumps and splits passed through are not visited again.
    dense: Vec<u32>,
    seen: Vec<u32>,
    generation: u32,
    /// How many states were reached, of any kind.
    reached: usize,
}

impl StateSet {
    fn new(size: usize) -> StateSet {
        StateSet { dense: Vec::with_capacity(size), seen: vec![0; size], generation: 1, reached: 0 }
    }

    fn clear(&mut self) {
        self.dense.clear();
        self.generation += 1;
        self.reached = 0;
    }

    /// Marks `pc` reached; false if it already was at this position.
    fn reach(&mut self, pc: u32) -> bool {
        let slot = &mut self.seen[pc as usize];
        if *slot == self.generation {
            return false;
        }
        *slot = self.generation;
        self.reached += 1;
        true
    }
}

impl Pattern {
    /// A pattern compiled ahead of time (the codegen writes these with [`Pattern::to_rust`]).
    pub(crate) const fn from_static(
        source: &'static str,
        program: &'static [Inst],
        sets: &'static [CharSet],
    ) -> Pattern {
        Pattern { source: Cow::Borrowed(source), program: Cow::Borrowed(program), sets: Cow::Borrowed(sets) }
    }

    /// This compiled pattern as a Rust expression of `crate::model::generated`, which imports
    /// `Pattern`, `Inst`, `CharSet`, `Item` and `Cow`. For the codegen
    /// test only.
    #[doc(hidden)]
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_rust(&self) -> String {
        use std::fmt::Write as _;
        let mut out = format!("Pattern::from_static(\n        {:?},\n        &[", self.source);
        for (i, inst) in self.program.iter().enumerate() {
            let _ = write!(out, "{}Inst::{inst:?}", if i == 0 { "" } else { ", " });
        }
        out.push_str("],\n        &[\n");
        for set in self.sets.iter() {
            let [a, b, c, d] = set.ascii;
            let _ = write!(
                out,
                "            CharSet {{ ascii: [{a:#010x}, {b:#010x}, {c:#010x}, {d:#010x}], negated: {}, items: Cow::Borrowed(&[",
                set.negated
            );
            for (i, item) in set.items.iter().enumerate() {
                let _ = write!(out, "{}Item::{item:?}", if i == 0 { "" } else { ", " });
            }
            out.push_str("]) },\n");
        }
        out.push_str("        ],\n    )");
        out
    }

    /// The pattern as written in the model.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the whole of `text` matches (Java's `Matcher.matches()`).
    pub fn is_full_match(&self, text: &str) -> bool {
        self.check(text) == Verdict::Matches
    }

    /// Whether the pattern matches anywhere in `text` (Java's `Matcher.find()`).
    pub fn is_match_anywhere(&self, text: &str) -> bool {
        self.run(text, true).0
    }

    /// Full-match check that also says where the text first stops fitting.
    pub fn check(&self, text: &str) -> Verdict {
        if let Some((set, at_least_one)) = self.single_class_loop() {
            let set = &self.sets[set as usize];
            return match text.chars().enumerate().find(|&(_, c)| !set.contains(c)) {
                Some((index, character)) => Verdict::BadCharacter { index, character },
                None if at_least_one && text.is_empty() => Verdict::Incomplete,
                None => Verdict::Matches,
            };
        }
        self.check_with_nfa(text)
    }

    /// [`Pattern::check`] by the NFA alone, for any program.
    fn check_with_nfa(&self, text: &str) -> Verdict {
        let (matched, died_at) = self.run(text, false);
        if matched {
            Verdict::Matches
        } else if let Some((index, character)) = died_at {
            Verdict::BadCharacter { index, character }
        } else {
            Verdict::Incomplete
        }
    }

    /// `Some((set, at_least_one))` when the program is exactly `[set]*`, `[set]+` or
    /// `^[set]+$`, as compiled: most of the model's patterns. Those need no NFA: a full match
    /// is every character in the set (and, for `+`, at least one), and the first character
    /// outside it is where the text stops fitting. The anchors change nothing for a full
    /// match. These are the answers the NFA gives; a test compares the two.
    fn single_class_loop(&self) -> Option<(u16, bool)> {
        let (set, at_least_one) = match *self.program {
            [Inst::Split(1, 3), Inst::Char(set), Inst::Jump(0), Inst::Match] => (set, false),
            [Inst::Char(set), Inst::Split(2, 4), Inst::Char(again), Inst::Jump(1), Inst::Match] if again == set => {
                (set, true)
            }
            [Inst::AssertStart, Inst::Char(set), Inst::Split(3, 5), Inst::Char(again), Inst::Jump(2), Inst::AssertEnd, Inst::Match]
                if again == set =>
            {
                (set, true)
            }
            _ => return None,
        };
        Some((set, at_least_one))
    }

    /// Runs the NFA. Returns (matched, first character at which every thread died).
    fn run(&self, text: &str, anywhere: bool) -> (bool, Option<(usize, char)>) {
        if self.program.len() <= 64 {
            self.run_masked(text, anywhere)
        } else {
            self.run_sets(text, anywhere)
        }
    }

    /// [`Pattern::run`] for programs of at most 64 instructions (all of the model's), with
    /// each set of states as one bit mask. The states reached from an instruction without
    /// consuming input are found once per check and reused at every later character: they
    /// depend on the position only through the anchors, so they are computed afresh only at
    /// the start and where the rest of the text could satisfy `$`.
    fn run_masked(&self, text: &str, anywhere: bool) -> (bool, Option<(usize, char)>) {
        // The states a step reads: those that consume a character, and `Match`.
        let (mut consuming, mut matching) = (0u64, 0u64);
        for (pc, inst) in self.program.iter().enumerate() {
            match inst {
                Inst::Char(_) => consuming |= 1 << pc,
                Inst::Match => matching |= 1 << pc,
                _ => {}
            }
        }
        let closure = |pc: u32, at: usize| {
            let mut seen = 0;
            self.reach(pc, text, at, &mut seen);
            seen & (consuming | matching)
        };
        // Away from the anchors the closure of a state is the same at every position: found
        // once (`known` marks which) and reused.
        let mut closures = [0u64; 64];
        let mut known = 0u64;
        let mut closure_at = |pc: u32, at: usize, anchored: bool| {
            if anchored {
                return closure(pc, at);
            }
            if known & (1 << pc) == 0 {
                closures[pc as usize] = closure(pc, at);
                known |= 1 << pc;
            }
            closures[pc as usize]
        };
        let mut current = closure(0, 0);
        for (index, (byte, c)) in text.char_indices().enumerate() {
            if anywhere && current & matching != 0 {
                return (true, None);
            }
            let after = byte + c.len_utf8();
            // Where `$` could match, closures through it differ: computed afresh there.
            let anchored = is_end(&text[after..]);
            let mut next = 0;
            let mut consumed = false;
            let mut live = current & consuming;
            while live != 0 {
                let pc = live.trailing_zeros();
                live &= live - 1;
                let Inst::Char(set) = self.program[pc as usize] else { continue };
                if self.sets[set as usize].contains(c) {
                    consumed = true;
                    next |= closure_at(pc + 1, after, anchored);
                }
            }
            if anywhere {
                next |= closure_at(0, after, anchored);
            } else if !consumed {
                return (false, Some((index, c)));
            }
            current = next;
        }
        (current & matching != 0, None)
    }

    /// Marks in `seen` every state reachable from `pc` at `at` without consuming input.
    fn reach(&self, pc: u32, text: &str, at: usize, seen: &mut u64) {
        if *seen & (1 << pc) != 0 {
            return;
        }
        *seen |= 1 << pc;
        match self.program[pc as usize] {
            Inst::Char(_) | Inst::Match => {}
            Inst::Jump(target) => self.reach(target, text, at, seen),
            Inst::Split(first, second) => {
                self.reach(first, text, at, seen);
                self.reach(second, text, at, seen);
            }
            Inst::AssertStart if at == 0 => self.reach(pc + 1, text, at, seen),
            Inst::AssertEnd if is_end(&text[at..]) => self.reach(pc + 1, text, at, seen),
            Inst::AssertStart | Inst::AssertEnd => {}
        }
    }

    /// The NFA with sparse state sets, for programs too long for [`Pattern::run_masked`].
    fn run_sets(&self, text: &str, anywhere: bool) -> (bool, Option<(usize, char)>) {
        let mut current = StateSet::new(self.program.len());
        let mut next = StateSet::new(self.program.len());
        // One `add` pushes its start and at most two targets per instruction it reaches (each
        // once): sized for that, the stack never grows.
        let mut stack = Vec::with_capacity(2 * self.program.len() + 1);
        self.add(&mut current, &mut stack, 0, text, 0);
        for (index, (byte, c)) in text.char_indices().enumerate() {
            if anywhere && current.dense.iter().any(|&pc| matches!(self.program[pc as usize], Inst::Match)) {
                return (true, None);
            }
            next.clear();
            let after = byte + c.len_utf8();
            for i in 0..current.dense.len() {
                let pc = current.dense[i];
                if let Inst::Char(set) = self.program[pc as usize] {
                    if self.sets[set as usize].contains(c) {
                        self.add(&mut next, &mut stack, pc + 1, text, after);
                    }
                }
            }
            if anywhere {
                self.add(&mut next, &mut stack, 0, text, after);
            } else if next.reached == 0 {
                return (false, Some((index, c)));
            }
            std::mem::swap(&mut current, &mut next);
        }
        let matched = current.dense.iter().any(|&pc| matches!(self.program[pc as usize], Inst::Match));
        (matched, None)
    }

    /// Adds `pc` and everything reachable from it without consuming input (at byte `at`).
    fn add(&self, set: &mut StateSet, stack: &mut Vec<u32>, pc: u32, text: &str, at: usize) {
        stack.push(pc);
        while let Some(pc) = stack.pop() {
            if !set.reach(pc) {
                continue;
            }
            match self.program[pc as usize] {
                Inst::Char(_) | Inst::Match => set.dense.push(pc),
                Inst::Jump(target) => stack.push(target),
                Inst::Split(first, second) => {
                    stack.push(second);
                    stack.push(first);
                }
                Inst::AssertStart => {
                    if at == 0 {
                        stack.push(pc + 1);
                    }
                }
                Inst::AssertEnd => {
                    if is_end(&text[at..]) {
                        stack.push(pc + 1);
                    }
                }
            }
        }
    }

    /// A random string that fully matches the pattern, for generated test data. `choose(n)`
    /// must return a number below `n`; characters come from `alphabet`. Returns `None` when
    /// the walk exceeds `max_len` characters or a class has no character in `alphabet`.
    pub fn generate(
        &self,
        max_len: usize,
        choose: &mut dyn FnMut(usize) -> usize,
        alphabet: &[char],
    ) -> Option<String> {
        let mut out = String::new();
        let mut pc = 0u32;
        let mut steps = 0;
        loop {
            steps += 1;
            if steps > 100_000 {
                return None;
            }
            match self.program[pc as usize] {
                Inst::Match => return Some(out),
                Inst::Jump(target) => pc = target,
                Inst::Split(first, second) => {
                    // Lean towards leaving loops as the string grows.
                    let stay = out.chars().count() < max_len / 2 && choose(3) > 0;
                    let leave_first = second < first;
                    pc = if stay != leave_first { first } else { second };
                }
                Inst::AssertStart | Inst::AssertEnd => pc += 1,
                Inst::Char(set) => {
                    if out.chars().count() >= max_len {
                        return None;
                    }
                    let set = &self.sets[set as usize];
                    let candidates: Vec<char> = alphabet.iter().copied().filter(|&c| set.contains(c)).collect();
                    if let Some(&c) = candidates.get(choose(candidates.len().max(1))) {
                        out.push(c);
                    } else {
                        // A literal outside the alphabet, such as the `{` of `\{####\}`.
                        out.push(set.some_member()?);
                    }
                    pc += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(pattern: &str, text: &str) -> bool {
        compile(pattern).unwrap().is_full_match(text)
    }

    #[test]
    fn predefined_classes_are_ascii_like_java() {
        assert!(full(r"\w+", "abc_09"));
        assert!(!full(r"\w+", "café"));
        assert!(full(r"\s", "\u{b}"));
        assert!(!full(r"\s", "\u{a0}"));
        assert!(!full(r"\s", "\u{2028}"));
        assert!(!full(r"\d", "٣"));
    }

    #[test]
    fn categories_follow_unicode() {
        assert!(full(r"\p{L}+", "Ωé漢"));
        assert!(full(r"\p{S}", "👍"));
        assert!(!full(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]", "\u{200d}"));
        assert!(full(r"\P{L}", "1"));
        assert_eq!(Category::of('\u{10ffff}'), Category::Other);
        assert_eq!(Category::of('\0'), Category::Other);
    }

    #[test]
    fn ascii_categories_agree_with_the_table() {
        for byte in 0..=0x7Fu8 {
            assert_eq!(Category::of_ascii(byte), Category::from_table(char::from(byte)), "{byte:#04x}");
        }
    }

    #[test]
    fn class_loops_answer_like_the_nfa() {
        let mut sources: Vec<&str> = crate::model::PATTERNS.to_vec();
        sources.extend(["[a-z]*", "[a-z]+", "^[a-z]+$", "[^a-z]+", r"[\p{L}\s]*", r"\d+", "a+?"]);
        let texts = [
            "",
            "a",
            "abc",
            "abc\n",
            "\n",
            "ABC-def_09",
            "x y",
            "Hello, {####}!",
            "Ωé漢👍",
            "a\u{2028}",
            "{##x##}",
            "arn:aws:iam::123456789012:role/name",
            "user@example.com",
            "Level3",
            "\u{200d}",
            "a b\tc\u{b}",
            "\"$`%{",
        ];
        let mut loops = 0;
        for source in sources {
            let pattern = compile(source).unwrap();
            loops += usize::from(pattern.single_class_loop().is_some());
            for text in texts {
                assert_eq!(pattern.check(text), pattern.check_with_nfa(text), "{source} on {text:?}");
            }
        }
        assert!(loops >= 8, "the fast path covers the model's class loops ({loops})");
    }

    #[test]
    fn masked_nfa_answers_like_the_sparse_one() {
        let mut sources: Vec<&str> = crate::model::PATTERNS.to_vec();
        sources.extend(["^a$", "a$", "(a|b$)c?", "^$", r"x*$\n?", "(^a|b)+", "Level[1-4]", r"(?s).*\{##.*##\}"]);
        let texts = [
            "",
            "a",
            "ab",
            "a\n",
            "a\r\n",
            "a\u{2028}",
            "ba\n",
            "\n",
            "\n\n",
            "bc",
            "abab",
            "xx\n",
            "Level3",
            "xLevel1y",
            "arn:aws:iam::123456789012:role/name",
            "arn:aws:lambda:us-east-1:1:function:f:1",
            "arn:aws:iam::12x:role",
            "{##go##}",
            "a{##\n##}b",
            "Ωé漢👍",
            "\u{200d}",
        ];
        for source in sources {
            let pattern = compile(source).unwrap();
            assert!(pattern.program.len() <= 64, "{source} takes the masked path");
            for text in texts {
                for anywhere in [false, true] {
                    assert_eq!(
                        pattern.run_masked(text, anywhere),
                        pattern.run_sets(text, anywhere),
                        "{source} on {text:?}, anywhere: {anywhere}"
                    );
                }
            }
        }
        let long = compile("a{70}").unwrap();
        assert!(long.program.len() > 64);
        assert!(long.is_full_match(&"a".repeat(70)) && !long.is_full_match(&"a".repeat(69)));
    }

    #[test]
    fn compiled_classes_hold_what_they_were_written_with() {
        let mut classes: Vec<String> = Vec::new();
        for source in crate::model::PATTERNS {
            let mut parser = Parser { chars: source.chars().collect(), at: 0 };
            while let Some(c) = parser.next() {
                if c == '\\' {
                    parser.next();
                } else if c == '[' {
                    let from = parser.at - 1;
                    parser.class().unwrap();
                    classes.push(parser.chars[from..parser.at].iter().collect());
                }
            }
        }
        classes.extend(
            [
                r"[^a-z]",
                r"[\W]",
                r"[^\s\d]",
                r"[\P{L}]",
                r"[^\p{N}\p{Z}é-ü]",
                r"[\x{80}-\x{10FFFF}]",
                r"[\u007f-\u0081]",
            ]
            .map(String::from),
        );
        let mut probes: Vec<char> = ('\0'..='\u{2fff}').collect();
        probes.extend((0x3000..=0x10FFFFu32).step_by(251).filter_map(char::from_u32));
        for class in &classes {
            let mut parser = Parser { chars: class.chars().skip(1).collect(), at: 0 };
            let negated = parser.eat('^');
            let written = parser.class_items().unwrap();
            let compiled = CharSet::new(negated, written.clone());
            for &c in &probes {
                let expected = written.iter().any(|item| item.contains(c)) != negated;
                assert_eq!(compiled.contains(c), expected, "{class} on {c:?}");
            }
        }
        assert!(classes.len() >= 20, "the model's classes are all checked ({})", classes.len());
        let dot = CharSet::new(false, vec![ClassItem::Dot(false)]);
        assert!(dot.contains('é') && !dot.contains('\u{2028}') && !dot.contains('\n'));
    }

    #[test]
    fn dot_and_dotall() {
        assert!(!full(".", "\n"));
        assert!(!full(".", "\u{2028}"));
        assert!(!full(".", "\u{85}"));
        assert!(full("(?s).", "\n"));
        assert!(full("(?s:.)", "\r"));
        assert!(!full("(?s:.)x.", "\nx\n"));
    }

    #[test]
    fn anchors_and_full_match() {
        assert!(full("^[a-z]+$", "abc"));
        assert!(!full("^[a-z]+$", "abc\n"), "full match must consume the terminator");
        let anchored = compile("^[a-z]+$").unwrap();
        assert!(anchored.is_match_anywhere("abc\n"), "`$` matches before a final terminator");
        assert!(!full("Level[1-4]", "xLevel1y"));
        assert!(compile("Level[1-4]").unwrap().is_match_anywhere("xLevel1y"));
    }

    #[test]
    fn quantifiers_groups_and_alternation() {
        assert!(full("a{2,3}", "aaa"));
        assert!(!full("a{2,3}", "aaaa"));
        assert!(full("a{2}", "aa"));
        assert!(full("a{2,}", "aaaaa"));
        assert!(full("(ab|cd)*e?", "abcdab"));
        assert!(full("(?:x)+?", "xx"));
        assert!(full("(a|)b", "b"));
        assert!(full("()*", ""));
    }

    #[test]
    fn classes_with_ranges_escapes_and_literal_dashes() {
        assert!(full(r"[\w+=,.@-]+", "a-b@c.d"));
        assert!(full(r"[\x21\x23-\x5B\x5D-\x7E]+", "urn:x"));
        assert!(!full(r"[\x21\x23-\x5B\x5D-\x7E]+", "a\"b"));
        assert!(!full(r"[\x21\x23-\x5B\x5D-\x7E]+", "a\\b"));
        assert!(full(r"[^a-c]", "d"));
        assert!(full(r"[\W]", "é"));
        assert!(full(r"[-a]", "-"));
    }

    #[test]
    fn refuses_what_it_cannot_do_faithfully() {
        for bad in [r"(a)\1", "(?=a)", "a*+", r"\bx", "[a&&b]", "[[a]]", "(?i)a", "a{", "*", "(a", "a)", r"\p{Lu}"] {
            assert!(compile(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn reports_where_the_text_stops_fitting() {
        let p = compile(r"[\w\s+=,.@-]+").unwrap();
        assert_eq!(p.check("ab/c"), Verdict::BadCharacter { index: 2, character: '/' });
        assert_eq!(p.check(""), Verdict::Incomplete);
        let sms = compile(r".*\{####\}.*").unwrap();
        assert_eq!(sms.check("Your code"), Verdict::Incomplete);
        assert_eq!(sms.check("a\nb"), Verdict::BadCharacter { index: 1, character: '\n' });
    }

    #[test]
    fn long_inputs_stay_linear() {
        let p = compile(
            r"[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{##[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*##\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*",
        )
        .unwrap();
        let text = format!("{}{{##go##}}{}", "{##".repeat(3000), "#}".repeat(5000));
        assert!(p.is_full_match(&text));
    }

    #[test]
    fn generates_matching_strings() {
        let p = compile(r"arn:[\w+=/,.@-]+:[0-9]+(:[a-z]+)?").unwrap();
        let alphabet: Vec<char> = (' '..='~').collect();
        let mut seed = 7usize;
        let mut choose = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..50 {
            let s = p.generate(40, &mut choose, &alphabet).unwrap_or_else(|| "arn:a:1".into());
            assert!(p.is_full_match(&s), "{s}");
        }
    }
}
