//! Character classes: a class as written (`[\w+=,.@-]`, `\p{L}`, `.`, one literal) and as
//! compiled for matching, with its ASCII characters as 128 bits and only what lies above ASCII
//! left as items (ranges, one merged set of Unicode categories, `.`).

use super::Category;
use std::borrow::Cow;

/// A set of characters: a class, `.`, or one literal. Compiled so that an ASCII character is
/// one bit test (most values are ASCII, and matching asks this for every character and every
/// live state); only characters above ASCII read the items.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CharSet {
    /// The ASCII characters in the set, negation applied: bit `c % 32` of word `c / 32`.
    pub(crate) ascii: [u32; 4],
    /// Whether the items name the characters above ASCII that are *not* in the set.
    pub(crate) negated: bool,
    /// The class's characters above ASCII.
    pub(crate) items: Cow<'static, [Item]>,
}

/// Characters above ASCII in a compiled class.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Item {
    Range(char, char),
    /// The characters whose major general category has its bit set (bit `Category as u8`).
    Categories(u8),
    /// `.`; `true` when it also matches line terminators (`(?s)`).
    Dot(bool),
}

/// One item of a class as written, before [`CharSet::new`] compiles the class.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum ClassItem {
    Range(char, char),
    /// `\p{…}`, or `\P{…}` when `true`.
    Category(Category, bool),
    /// `.`; `true` when it also matches line terminators (`(?s)`).
    Dot(bool),
    /// `\w`, `\s`, `\d`; `true` for the complement (`\W`, `\S`, `\D`).
    Shorthand(Shorthand, bool),
}

/// Java's predefined ASCII classes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Shorthand {
    Word,
    Space,
    Digit,
}

impl Shorthand {
    fn contains(self, c: char) -> bool {
        match self {
            Shorthand::Word => c.is_ascii_alphanumeric() || c == '_',
            // Java's \s: [ \t\n\x0B\f\r] — no NBSP, no U+2028, unlike JavaScript and Rust's regex.
            Shorthand::Space => matches!(c, ' ' | '\t'..='\r'),
            Shorthand::Digit => c.is_ascii_digit(),
        }
    }
}

impl ClassItem {
    pub(super) fn contains(&self, c: char) -> bool {
        match self {
            ClassItem::Range(lo, hi) => *lo <= c && c <= *hi,
            ClassItem::Category(category, negated) => (Category::of(c) == *category) != *negated,
            ClassItem::Dot(dotall) => *dotall || !is_line_terminator(c),
            ClassItem::Shorthand(class, negated) => class.contains(c) != *negated,
        }
    }
}

/// Every major general category (bits of [`Item::Categories`]).
const ALL_CATEGORIES: u8 = 0b111_1111;

impl CharSet {
    /// Compiles a class: its ASCII characters into bits, the rest into the fewest items (the
    /// predefined classes are ASCII-only in Java, so `\w` adds nothing above ASCII and `\W`
    /// all of it; the categories listed merge into one item).
    pub(super) fn new(negated: bool, written: Vec<ClassItem>) -> CharSet {
        let mut ascii = [0u32; 4];
        for code in 0..128u8 {
            if written.iter().any(|item| item.contains(char::from(code))) != negated {
                ascii[usize::from(code / 32)] |= 1 << (code % 32);
            }
        }
        let mut items = Vec::new();
        let mut categories = 0u8;
        for item in written {
            match item {
                ClassItem::Range(lo, hi) if hi > '\u{7f}' => items.push(Item::Range(lo.max('\u{80}'), hi)),
                ClassItem::Range(..) | ClassItem::Shorthand(_, false) => {}
                ClassItem::Shorthand(_, true) => items.push(Item::Range('\u{80}', char::MAX)),
                ClassItem::Category(category, false) => categories |= 1 << category as u8,
                ClassItem::Category(category, true) => categories |= ALL_CATEGORIES & !(1 << category as u8),
                ClassItem::Dot(dotall) => items.push(Item::Dot(dotall)),
            }
        }
        if categories != 0 {
            items.push(Item::Categories(categories));
        }
        CharSet { ascii, negated, items: Cow::Owned(items) }
    }

    pub(super) fn contains(&self, c: char) -> bool {
        match u8::try_from(c) {
            Ok(code) if code < 128 => self.has_ascii(code),
            _ => self.items.iter().any(|item| item.contains(c)) != self.negated,
        }
    }

    /// Whether the ASCII character `code` is in the set.
    fn has_ascii(&self, code: u8) -> bool {
        self.ascii[usize::from(code / 32)] & (1 << (code % 32)) != 0
    }

    /// Some character in the set: the first ASCII one, else the start of the first range.
    pub(super) fn some_member(&self) -> Option<char> {
        let ascii = (0..128u8).find(|&code| self.has_ascii(code));
        match (ascii, self.items.first()) {
            (Some(code), _) => Some(char::from(code)),
            (None, Some(Item::Range(lo, _))) if !self.negated => Some(*lo),
            _ => None,
        }
    }
}

impl Item {
    fn contains(&self, c: char) -> bool {
        match self {
            Item::Range(lo, hi) => *lo <= c && c <= *hi,
            Item::Categories(wanted) => wanted & (1 << Category::of(c) as u8) != 0,
            Item::Dot(dotall) => *dotall || !is_line_terminator(c),
        }
    }
}

/// Java's line terminators, which `.` does not match without `(?s)`.
fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}
