//! What the CLI and SDK exports share: the request as a nested literal (one table-driven
//! printer for JSON, Python, JavaScript and R, used by `cli-bash`, `cli-powershell`, `boto3`,
//! `js-sdk-v3` and `paws`), and the `SetUserPoolMfaConfig` follow-up that turns on the MFA
//! factors `CreateUserPool` cannot (used by all five).
//!
//! Strings are escaped so that the program sends exactly the request's text: quotes and
//! backslashes always, and every character a reader cannot see (controls, the Unicode line
//! separators, bidirectional and other invisible format characters: the one table in
//! [`crate::invisible`]) as a `\u` escape, so the source shows what it sends. Everything else
//! stays as typed, except in R, which is written in ASCII so the script means the same in any
//! locale.

use super::Options;
use crate::json::Json;
use crate::mfa;
use std::borrow::Cow;
use std::fmt::Write as _;

/// How one language spells the JSON values of a request.
pub struct Syntax {
    /// One level of indentation.
    pub indent: &'static str,
    pub null: &'static str,
    pub true_word: &'static str,
    pub false_word: &'static str,
    /// The opening and closing of a list, and of an object (R spells both `list(` … `)`).
    pub list: [&'static str; 2],
    pub object: [&'static str; 2],
    /// Between a key and its value.
    pub key_separator: &'static str,
    /// Whether the last item of a multi-line list or object is followed by a comma too.
    pub trailing_comma: bool,
    pub keys: Keys,
    /// How a code point above U+FFFF is escaped.
    pub astral_escape: AstralEscape,
    /// Escape every non-ASCII character, not only invisible ones.
    pub ascii_only: bool,
}

/// How object keys are written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// Always a string literal (Python dictionaries).
    Quoted,
    /// A bare identifier where JavaScript allows one, else a string literal; `__proto__` as a
    /// computed key, because a literal `__proto__:` sets the prototype instead of a member.
    JavaScript,
    /// An R argument name: bare when syntactic, else a string literal. Objects with an empty
    /// or non-ASCII key are written `stats::setNames(list(…), c(…))` instead.
    R,
}

/// How a code point above U+FFFF is escaped.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AstralEscape {
    /// `\U0001F600` (Python, R).
    EightDigits,
    /// `\u{1F600}` (JavaScript).
    Braced,
    /// `\uD83D\uDE00` (JSON).
    SurrogatePair,
}

/// JSON as the AWS CLI reads it: like `Json::pretty`, plus short lists on one line and
/// invisible characters escaped.
pub const JSON: Syntax = Syntax {
    indent: "  ",
    null: "null",
    true_word: "true",
    false_word: "false",
    list: ["[", "]"],
    object: ["{", "}"],
    key_separator: ": ",
    trailing_comma: false,
    keys: Keys::Quoted,
    astral_escape: AstralEscape::SurrogatePair,
    ascii_only: false,
};

/// JSON in plain ASCII, for files whose encoding the reader may guess wrong.
pub const JSON_ASCII: Syntax = Syntax { ascii_only: true, ..JSON };

pub const PYTHON: Syntax = Syntax {
    indent: "    ",
    null: "None",
    true_word: "True",
    false_word: "False",
    list: ["[", "]"],
    object: ["{", "}"],
    key_separator: ": ",
    trailing_comma: true,
    keys: Keys::Quoted,
    astral_escape: AstralEscape::EightDigits,
    ascii_only: false,
};

pub const JAVASCRIPT: Syntax = Syntax {
    indent: "  ",
    null: "null",
    true_word: "true",
    false_word: "false",
    list: ["[", "]"],
    object: ["{", "}"],
    key_separator: ": ",
    trailing_comma: true,
    keys: Keys::JavaScript,
    astral_escape: AstralEscape::Braced,
    ascii_only: false,
};

pub const R: Syntax = Syntax {
    indent: "  ",
    null: "NULL",
    true_word: "TRUE",
    false_word: "FALSE",
    list: ["list(", ")"],
    object: ["list(", ")"],
    key_separator: " = ",
    trailing_comma: false,
    keys: Keys::R,
    astral_escape: AstralEscape::EightDigits,
    ascii_only: true,
};

/// Nested lists and objects at most this long are written on one line.
const INLINE_WIDTH: usize = 64;

/// `value` as a source literal, one item per line, continuation lines indented `level` times
/// (short nested lists and objects stay on one line).
pub fn value(syntax: &Syntax, value: &Json, level: usize) -> String {
    let mut out = String::new();
    write(syntax, value, level, &mut out);
    out
}

/// Writes [`value`]`(syntax, value, level)` at the end of `out`: exports build their whole text
/// in one string rather than joining copies.
pub fn write(syntax: &Syntax, value: &Json, level: usize, out: &mut String) {
    write_value(syntax, value, Some(level), out);
}

/// Whether the keys, strings and numbers inside `value` are longer than `budget` bytes in all
/// (a lower bound of its one-line length in bytes). Stops as soon as it knows.
pub fn text_exceeds(value: &Json, budget: usize) -> bool {
    exceeds(value, budget, str::len)
}

/// Like [`text_exceeds`], counting characters: a lower bound of the one-line length in
/// characters, so a line it rejects is never short enough (nothing is decided differently).
pub fn chars_exceed(value: &Json, budget: usize) -> bool {
    exceeds(value, budget, |text| text.chars().count())
}

/// Whether the text inside `value`, as `measure` counts it, is longer than `budget`.
fn exceeds(value: &Json, budget: usize, measure: impl Fn(&str) -> usize + Copy) -> bool {
    fn take(left: &mut usize, n: usize) -> bool {
        *left = left.saturating_sub(n);
        *left == 0
    }
    fn walk(value: &Json, left: &mut usize, measure: impl Fn(&str) -> usize + Copy) -> bool {
        match value {
            Json::String(s) | Json::Number(s) => take(left, measure(s) + 1),
            Json::Null | Json::Bool(_) => take(left, 4),
            Json::Array(items) => items.iter().any(|i| walk(i, left, measure)),
            Json::Object(members) => members.iter().any(|(k, v)| take(left, measure(k) + 1) || walk(v, left, measure)),
        }
    }
    let mut left = budget + 1;
    walk(value, &mut left, measure)
}

/// `value` as a source literal on one line.
pub fn one_line(syntax: &Syntax, value: &Json) -> String {
    let mut out = String::new();
    write_value(syntax, value, None, &mut out);
    out
}

/// Writes `value` on one line when that takes at most `width` characters, and says whether it
/// did (else `out` is left as it was). Written in place and taken back when too long, which
/// costs less than building the line apart and copying it.
pub fn write_one_line_within(syntax: &Syntax, value: &Json, width: usize, out: &mut String) -> bool {
    let start = out.len();
    write_value(syntax, value, None, out);
    if out[start..].chars().count() <= width {
        return true;
    }
    out.truncate(start);
    false
}

/// `text` as a double-quoted string literal.
pub fn string(syntax: &Syntax, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    write_string(syntax, text, &mut out);
    out
}

/// The items of a list or object as [`write_rows`] reads them, borrowed in place: no list of
/// rows is built for every container.
#[derive(Clone, Copy)]
enum Rows<'a> {
    /// The items of a list.
    Items(&'a [Json]),
    /// The members of an object, with their keys.
    Members(&'a [(String, Json)]),
    /// The values of an object's members, without their keys.
    Values(&'a [(String, Json)]),
}

impl<'a> Rows<'a> {
    fn len(self) -> usize {
        match self {
            Rows::Items(items) => items.len(),
            Rows::Members(members) | Rows::Values(members) => members.len(),
        }
    }

    /// The key (if written) and value of row `i`.
    fn get(self, i: usize) -> (Option<&'a str>, &'a Json) {
        match self {
            Rows::Items(items) => (None, &items[i]),
            Rows::Members(members) => (Some(members[i].0.as_str()), &members[i].1),
            Rows::Values(members) => (None, &members[i].1),
        }
    }
}

/// Writes `value` one item per line at indentation `level`, or on one line when `level` is None.
fn write_value(syntax: &Syntax, value: &Json, level: Option<usize>, out: &mut String) {
    match value {
        Json::Null => out.push_str(syntax.null),
        Json::Bool(b) => out.push_str(if *b { syntax.true_word } else { syntax.false_word }),
        Json::Number(n) => out.push_str(n),
        Json::String(s) => write_string(syntax, s, out),
        Json::Array(items) => write_rows(syntax, syntax.list, Rows::Items(items), level, out),
        Json::Object(members)
            if syntax.keys == Keys::R && members.iter().any(|(k, _)| k.is_empty() || !k.is_ascii()) =>
        {
            // R turns argument names into symbols, which cannot be empty and are kept in the
            // native encoding (a non-UTF-8 locale mangles them): name the values from a
            // character vector instead, whose strings stay UTF-8.
            out.push_str("stats::setNames(");
            write_rows(syntax, syntax.list, Rows::Values(members), level, out);
            out.push_str(", c(");
            for (i, (key, _)) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_string(syntax, key, out);
            }
            out.push_str("))");
        }
        Json::Object(members) => write_rows(syntax, syntax.object, Rows::Members(members), level, out),
    }
}

/// The items of a list or object between `brackets`.
fn write_rows(syntax: &Syntax, brackets: [&str; 2], rows: Rows, level: Option<usize>, out: &mut String) {
    out.push_str(brackets[0]);
    let count = rows.len();
    for i in 0..count {
        let (key, item) = rows.get(i);
        let last = i + 1 == count;
        if let Some(level) = level {
            out.push('\n');
            push_indent(syntax, level + 1, out);
        }
        if let Some(key) = key {
            write_key(syntax, key, out);
        }
        // Small containers go on one line; measuring by rendering is skipped when the text in
        // the container alone is already too long (otherwise nesting makes this quadratic).
        let inline = level.is_some()
            && matches!(item, Json::Array(_) | Json::Object(_))
            && !text_exceeds(item, INLINE_WIDTH)
            && write_one_line_within(syntax, item, INLINE_WIDTH, out);
        if !inline {
            write_value(syntax, item, level.map(|l| l + 1), out);
        }
        match level {
            Some(_) if !last || syntax.trailing_comma => out.push(','),
            None if !last => out.push_str(", "),
            _ => {}
        }
    }
    if let (Some(level), false) = (level, count == 0) {
        out.push('\n');
        push_indent(syntax, level, out);
    }
    out.push_str(brackets[1]);
}

fn push_indent(syntax: &Syntax, level: usize, out: &mut String) {
    // Every syntax here indents with spaces: written in one go, not one copy per level.
    if syntax.indent.bytes().all(|b| b == b' ') {
        crate::json::push_spaces(level * syntax.indent.len(), out);
    } else {
        (0..level).for_each(|_| out.push_str(syntax.indent));
    }
}

fn write_key(syntax: &Syntax, key: &str, out: &mut String) {
    let bare = match syntax.keys {
        Keys::Quoted => false,
        Keys::JavaScript if key == "__proto__" => {
            out.push('[');
            write_string(syntax, key, out);
            out.push(']');
            out.push_str(syntax.key_separator);
            return;
        }
        Keys::JavaScript => is_identifier(key, |b| b == b'_' || b == b'$', |b| b == b'_' || b == b'$'),
        Keys::R => is_identifier(key, |_| false, |b| b == b'_' || b == b'.') && !R_RESERVED.contains(&key),
    };
    if bare {
        out.push_str(key);
    } else {
        write_string(syntax, key, out);
    }
    out.push_str(syntax.key_separator);
}

/// Words R does not accept as bare argument names.
const R_RESERVED: &[&str] = &[
    "if",
    "else",
    "repeat",
    "while",
    "function",
    "for",
    "next",
    "break",
    "in",
    "TRUE",
    "FALSE",
    "NULL",
    "Inf",
    "NaN",
    "NA",
    "NA_integer_",
    "NA_real_",
    "NA_character_",
    "NA_complex_",
];

/// An ASCII letter (or an extra first character), then letters, digits or extra characters.
/// Read as bytes: every character accepted is ASCII, and no byte of a multi-byte character is.
fn is_identifier(key: &str, first_extra: impl Fn(u8) -> bool, rest_extra: impl Fn(u8) -> bool) -> bool {
    let mut bytes = key.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic() || first_extra(b))
        && bytes.all(|b| b.is_ascii_alphanumeric() || rest_extra(b))
}

fn write_string(syntax: &Syntax, text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push('"');
    // Copy runs of characters that need no escape in one go (most text is plain, and most
    // strings are one such run). Printable ASCII other than `"` and `\` is decided by its byte,
    // without decoding a character.
    if crate::json::plain_ascii_len(bytes) == bytes.len() {
        out.push_str(text);
        out.push('"');
        return;
    }
    let mut run_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        at += crate::json::plain_ascii_len(&bytes[at..]);
        let Some(c) = text[at..].chars().next() else { break };
        let plain = match c {
            '"' | '\\' | '\n' | '\r' | '\t' => false,
            c => !(crate::invisible::is_invisible(c) || (syntax.ascii_only && !c.is_ascii())),
        };
        if plain {
            at += c.len_utf8();
            continue;
        }
        out.push_str(&text[run_start..at]);
        at += c.len_utf8();
        run_start = at;
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => {
                let code = c as u32;
                let _ = match (code > 0xFFFF, syntax.astral_escape) {
                    (false, _) => write!(out, "\\u{code:04X}"),
                    (true, AstralEscape::EightDigits) => write!(out, "\\U{code:08X}"),
                    (true, AstralEscape::Braced) => write!(out, "\\u{{{code:X}}}"),
                    (true, AstralEscape::SurrogatePair) => {
                        let offset = code - 0x10000;
                        write!(out, "\\u{:04X}\\u{:04X}", 0xD800 + (offset >> 10), 0xDC00 + (offset & 0x3FF))
                    }
                };
            }
        }
    }
    out.push_str(&text[run_start..]);
    out.push('"');
}

/// What the CLI and SDK exports send for a pool: the `CreateUserPool` request, the
/// `SetUserPoolMfaConfig` request (all but `UserPoolId`) when MFA needs a second call, and
/// what the reader must know about them (see [`crate::mfa`]).
pub struct Calls<'a> {
    pub create: Cow<'a, Json>,
    pub mfa: Option<Json>,
    pub notes: Vec<String>,
}

/// The calls that make the pool `request` describes with the MFA factors of `options`.
pub fn calls<'a>(request: &'a Json, options: &Options) -> Calls<'a> {
    let factors = options.mfa;
    let create = match mfa::create_request(request, factors) {
        Some(changed) => Cow::Owned(changed),
        None => Cow::Borrowed(request),
    };
    let mut notes = mfa::follow_up_notes(request, factors);
    if factors.email && mfa::mode(request).is_some() {
        notes.push(
            "Email MFA sends Cognito's default message: to change it, add a Message (with {####}) and a Subject to EmailMfaConfiguration."
                .to_string(),
        );
    }
    Calls { create, mfa: mfa::follow_up(request, factors), notes }
}

/// The newest `CreateUserPool` parameters: AWS CLI v1 1.46.3 still bundles a Cognito model
/// (botocore 1.43.62) without them; botocore 1.44.8 has them.
const NEWEST_PARAMETERS: [&str; 2] = ["DcrConfiguration", "AcrConfiguration"];

/// A warning when `request` uses parameters that older AWS CLI and SDK releases refuse.
pub fn newest_parameters_note(request: &Json) -> Option<String> {
    let used: Vec<&str> = NEWEST_PARAMETERS.into_iter().filter(|name| request.get(name).is_some()).collect();
    (!used.is_empty()).then(|| {
        format!(
            "{} {} among the newest CreateUserPool parameters: AWS CLI and SDK releases whose Cognito model predates {} refuse the request as an unknown parameter (AWS CLI v1 1.46.3 does). Use a current release (botocore and boto3 1.44.8 know {}).",
            used.join(" and "),
            if used.len() == 1 { "is" } else { "are" },
            if used.len() == 1 { "it" } else { "them" },
            if used.len() == 1 { "it" } else { "them" },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::MfaFactors;
    use crate::json;

    /// Every awkward class of text at once.
    const AWKWARD: &str = "q'd\"b\\s$HOME`id`$(id)${x}%{x}#!\n\t\u{2028}\u{202e}é😀\u{0}";

    #[test]
    fn escapes_per_language() {
        assert_eq!(string(&PYTHON, AWKWARD), r#""q'd\"b\\s$HOME`id`$(id)${x}%{x}#!\n\t\u2028\u202Eé😀\u0000""#);
        assert_eq!(string(&JAVASCRIPT, AWKWARD), r#""q'd\"b\\s$HOME`id`$(id)${x}%{x}#!\n\t\u2028\u202Eé😀\u0000""#);
        assert_eq!(string(&R, AWKWARD), r#""q'd\"b\\s$HOME`id`$(id)${x}%{x}#!\n\t\u2028\u202E\u00E9\U0001F600\u0000""#);
        assert_eq!(string(&JAVASCRIPT, "\u{e0041}"), r#""\u{E0041}""#);
        // Every invisible character, not only controls and bidirectional overrides.
        let hidden = "\u{34f}\u{2066}\u{fe0f}\u{3164}\u{1d173}";
        assert_eq!(string(&PYTHON, hidden), r#""\u034F\u2066\uFE0F\u3164\U0001D173""#);
        assert_eq!(string(&JSON, hidden), r#""\u034F\u2066\uFE0F\u3164\uD834\uDD73""#);
    }

    #[test]
    fn javascript_string_literals_are_json_compatible_for_the_bmp() {
        // Without astral escapes, a JavaScript literal is also a JSON string for the same text.
        let text = "a\"b\\c\n\u{1}\u{2029}\u{feff}é😀";
        let (back, _) = json::parse(&string(&JAVASCRIPT, text)).unwrap();
        assert_eq!(back, Json::str(text));
    }

    fn sample() -> Json {
        json::parse(
            r#"{"PoolName": "p", "Policies": {"PasswordPolicy": {"MinimumLength": 12, "RequireNumbers": true, "RequireSymbols": false}},
                "AutoVerifiedAttributes": ["email", "phone_number"], "Schema": [],
                "UserPoolTags": {"cost:center": "1", "__proto__": "x", "if": "y", "": "z"},
                "UserPoolAddOns": {"AdvancedSecurityAdditionalFlows": {}}}"#,
        )
        .unwrap()
        .0
    }

    #[test]
    fn prints_python() {
        assert_eq!(
            value(&PYTHON, &sample(), 0),
            r#"{
    "PoolName": "p",
    "Policies": {
        "PasswordPolicy": {
            "MinimumLength": 12,
            "RequireNumbers": True,
            "RequireSymbols": False,
        },
    },
    "AutoVerifiedAttributes": ["email", "phone_number"],
    "Schema": [],
    "UserPoolTags": {"cost:center": "1", "__proto__": "x", "if": "y", "": "z"},
    "UserPoolAddOns": {"AdvancedSecurityAdditionalFlows": {}},
}"#
        );
    }

    #[test]
    fn prints_javascript_keys_safely() {
        assert_eq!(
            value(&JAVASCRIPT, &sample(), 1),
            r#"{
    PoolName: "p",
    Policies: {
      PasswordPolicy: {MinimumLength: 12, RequireNumbers: true, RequireSymbols: false},
    },
    AutoVerifiedAttributes: ["email", "phone_number"],
    Schema: [],
    UserPoolTags: {"cost:center": "1", ["__proto__"]: "x", if: "y", "": "z"},
    UserPoolAddOns: {AdvancedSecurityAdditionalFlows: {}},
  }"#
        );
    }

    #[test]
    fn prints_r_lists() {
        assert_eq!(
            value(&R, &sample(), 0),
            r#"list(
  PoolName = "p",
  Policies = list(
    PasswordPolicy = list(
      MinimumLength = 12,
      RequireNumbers = TRUE,
      RequireSymbols = FALSE
    )
  ),
  AutoVerifiedAttributes = list("email", "phone_number"),
  Schema = list(),
  UserPoolTags = stats::setNames(list(
    "1",
    "x",
    "y",
    "z"
  ), c("cost:center", "__proto__", "if", "")),
  UserPoolAddOns = list(AdvancedSecurityAdditionalFlows = list())
)"#
        );
        let tags = json::parse(r#"{"cost:center": "1", "if": "y", "ok": "z"}"#).unwrap().0;
        assert_eq!(one_line(&R, &tags), r#"list("cost:center" = "1", "if" = "y", ok = "z")"#);
        let unicode = json::parse(r#"{"caf\u00e9": "\u00e9"}"#).unwrap().0;
        assert_eq!(value(&R, &unicode, 0), "stats::setNames(list(\n  \"\\u00E9\"\n), c(\"caf\\u00E9\"))");
    }

    #[test]
    fn json_parses_back_to_the_same_value() {
        let mut request = sample();
        if let Json::Object(members) = &mut request {
            members.push(("Awkward".to_string(), Json::str(format!("{AWKWARD}\u{e0041}"))));
            members.push(("Numbers".to_string(), json::parse("[0, -1, 1.5e3, null, false]").unwrap().0));
        }
        for syntax in [&JSON, &JSON_ASCII] {
            for text in [value(syntax, &request, 0), value(syntax, &request, 3), one_line(syntax, &request)] {
                assert_eq!(json::parse(&text).unwrap().0, request, "{text}");
            }
        }
        assert!(value(&JSON_ASCII, &request, 0).is_ascii());
        assert_eq!(string(&JSON_ASCII, "é😀"), r#""\u00E9\uD83D\uDE00""#);
        assert_eq!(
            one_line(&JSON, &json::parse(r#"{"A": [1, {"B": {}}], "C": []}"#).unwrap().0),
            r#"{"A": [1, {"B": {}}], "C": []}"#
        );
    }

    #[test]
    fn warns_about_the_newest_parameters() {
        assert_eq!(newest_parameters_note(&sample()), None);
        let dcr = request(r#"{"PoolName": "p", "DcrConfiguration": {}, "AcrConfiguration": {}}"#);
        let note = newest_parameters_note(&dcr).unwrap();
        assert!(note.starts_with("DcrConfiguration and AcrConfiguration are among the newest"), "{note}");
    }

    #[test]
    fn long_lists_go_one_item_per_line() {
        let items: Vec<Json> = (0..10).map(|i| Json::str(format!("scope-number-{i}"))).collect();
        let text = value(&PYTHON, &Json::Array(items), 0);
        assert!(text.starts_with("[\n    \"scope-number-0\",\n"), "{text}");
    }

    fn request(text: &str) -> Json {
        json::parse(text).unwrap().0
    }

    #[test]
    fn calls_send_create_user_pool_what_it_accepts_then_the_mfa_follow_up() {
        let r = request(r#"{"PoolName": "p", "MfaConfiguration": "ON", "SmsConfiguration": {"SnsCallerArn": "x"}}"#);
        let totp = Options { mfa: MfaFactors { totp: true, ..MfaFactors::NONE }, ..Options::default() };
        let calls = calls(&r, &totp);
        // SMS is not a factor: CreateUserPool gets MFA OFF, the follow-up turns it ON.
        assert_eq!(calls.create.get("MfaConfiguration"), Some(&Json::str("OFF")));
        assert_eq!(
            calls.mfa.map(|m| m.compact()).as_deref(),
            Some(r#"{"SoftwareTokenMfaConfiguration":{"Enabled":true},"MfaConfiguration":"ON"}"#)
        );
        assert!(calls.notes.join(" ").contains("MfaConfiguration OFF"), "{:?}", calls.notes);
        let sms = Options { mfa: MfaFactors { sms: true, ..MfaFactors::NONE }, ..Options::default() };
        let calls = super::calls(&r, &sms);
        assert!(matches!(calls.create, Cow::Borrowed(_)) && calls.mfa.is_none() && calls.notes.is_empty());
    }
}
