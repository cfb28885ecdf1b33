//! `cloudformation-yaml`: the CloudFormation template (`cloudformation::template`) in YAML, with
//! the notes as comments at the top, and the small YAML emitter it needs.
//!
//! The emitter writes block mappings and sequences only, and chooses for every string between
//! two forms that no YAML reader (1.1 or 1.2: PyYAML, SnakeYAML, CloudFormation's own) can take
//! for anything else: a plain scalar from a tight allow-list (an ASCII letter first, then
//! letters, digits and `_./@-`, plus `:` in values; never a YAML 1.1 boolean or null word), or
//! else a double-quoted scalar whose escapes are JSON's, so it stays on one line whatever it
//! holds and shows every invisible character (the table in [`crate::invisible`]) as an escape.
//! Numbers and booleans are written bare, so their types survive.

use super::cloudformation::{self, Node};
use super::{Export, Options};
use crate::json::{self, Json};
use std::fmt::Write as _;

/// The template as YAML, plus notes on what it leaves out and what to do next.
pub fn render(request: &Json, options: &Options) -> Export {
    let mut pool = cloudformation::user_pool(request, options);
    let mut notes =
        vec!["Deploy it with: aws cloudformation deploy --template-file user-pool.yaml --stack-name user-pool"
            .to_string()];
    notes.append(&mut pool.notes);
    let mut text = super::text_starting_with(
        "# AWS CloudFormation template for an Amazon Cognito user pool, written by Poolsmith.\n",
    );
    cloudformation::write_comments("#", &notes, &mut text);
    // Short forms (`!Ref x`) for the expressions of an imported template, as templates are
    // written; a request of values has none, and its YAML is read by any YAML reader alike.
    let short = options.template.is_some();
    if let Node::Object(members) = cloudformation::template_tree(pool) {
        write_node_mapping(&members, 0, short, &mut text);
    }
    notes.push("Checked in Poolsmith's conformance tests with cfn-lint 1.58.0.".to_string());
    Export { text, notes }
}

/// Words that YAML 1.1 reads as booleans or null in some spelling (compared ignoring case).
const YAML_WORDS: [&str; 9] = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];

/// Whether `text` can be written as a plain scalar and read back as exactly this string.
fn is_plain(text: &str, key: bool) -> bool {
    // Bytes, not characters: every allowed character is ASCII, and no byte of another is.
    let allowed =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'/' | b'@' | b'-') || (b == b':' && !key);
    // A letter first rules out numbers, dates, sexagesimals, `~`, `<<`, `=`, `.inf` and every
    // indicator character; a final `:` would start a mapping.
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.bytes().all(allowed)
        && !text.ends_with(':')
        && !YAML_WORDS.iter().any(|word| word.eq_ignore_ascii_case(text))
}

/// Writes `text` as a double-quoted scalar. The escapes are JSON's (a JSON parser reads such a
/// string back the same) but for characters above U+FFFF, which YAML spells `\U0001xxxx`
/// rather than as a surrogate pair. Escaped: every character a reader cannot see (the table in
/// [`crate::invisible`]: controls, NEL, U+2028 and U+2029, which YAML also takes as line breaks,
/// bidirectional and other format characters, the byte-order mark), and U+FFFE and U+FFFF,
/// which YAML does not allow in a stream.
fn write_quoted(text: &str, out: &mut String) {
    out.push('"');
    // Runs of characters written as they are are copied in one go; printable ASCII but `"` and
    // `\` is found by its bytes, undecoded.
    let bytes = text.as_bytes();
    let (mut copied, mut at) = (0, 0);
    while at < bytes.len() {
        at += json::plain_ascii_len(&bytes[at..]);
        let Some(c) = text[at..].chars().next() else { break };
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\t' => "\\t",
            '\r' => "\\r",
            c if crate::invisible::is_invisible(c) || matches!(c, '\u{fffe}' | '\u{ffff}') => "",
            c => {
                at += c.len_utf8();
                continue;
            }
        };
        out.push_str(&text[copied..at]);
        at += c.len_utf8();
        copied = at;
        if !escape.is_empty() {
            out.push_str(escape);
        } else if u32::from(c) > 0xFFFF {
            let _ = write!(out, "\\U{:08x}", u32::from(c));
        } else {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        }
    }
    out.push_str(&text[copied..]);
    out.push('"');
}

fn write_string(text: &str, key: bool, out: &mut String) {
    if is_plain(text, key) {
        out.push_str(text);
    } else {
        write_quoted(text, out);
    }
}

/// Writes the members of a template object made by `cloudformation::template_tree`.
fn write_node_mapping(members: &[(&str, Node)], indent: usize, short: bool, out: &mut String) {
    for (key, node) in members {
        json::push_indent(indent, out);
        write_string(key, true, out);
        out.push(':');
        match node {
            Node::Json(value) => write_value(value, indent + 1, short, out),
            Node::Object(inner) if inner.is_empty() => out.push_str(" {}\n"),
            Node::Object(inner) => {
                out.push('\n');
                write_node_mapping(inner, indent + 1, short, out);
            }
        }
    }
}

fn write_mapping(members: &[(String, Json)], indent: usize, short: bool, out: &mut String) {
    for (key, value) in members {
        json::push_indent(indent, out);
        write_string(key, true, out);
        out.push(':');
        write_value(value, indent + 1, short, out);
    }
}

fn write_sequence(items: &[Json], indent: usize, short: bool, out: &mut String) {
    for item in items {
        match item {
            Json::Object(members) if !(members.is_empty() || short && crate::expr::is_expression(item)) => {
                // "- First: x" then the other members under it: the mapping is written one level
                // deeper and its first indentation unit becomes the dash (both are two columns).
                let start = out.len() + 2 * indent;
                write_mapping(members, indent + 1, short, out);
                out.replace_range(start..start + 2, "- ");
            }
            _ => {
                json::push_indent(indent, out);
                out.push('-');
                write_value(item, indent + 1, short, out);
            }
        }
    }
}

/// Writes what follows `key:` or `-`: a scalar on the same line, or a block on the next lines;
/// with `short`, intrinsic functions in their short form (`!Ref x`).
fn write_value(value: &Json, indent: usize, short: bool, out: &mut String) {
    if short && write_short_form(value, indent, out) {
        return;
    }
    match value {
        Json::Object(members) if !members.is_empty() => {
            out.push('\n');
            write_mapping(members, indent, short, out);
        }
        Json::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_sequence(items, indent, short, out);
        }
        scalar => {
            out.push(' ');
            match scalar {
                Json::String(text) => write_string(text, false, out),
                Json::Number(lexeme) => out.push_str(lexeme),
                Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Json::Object(_) => out.push_str("{}"),
                Json::Array(_) => out.push_str("[]"),
                Json::Null => out.push_str("null"),
            }
            out.push('\n');
        }
    }
}

/// Writes an intrinsic function in the short form templates are written in (`!Ref Stage`,
/// `!GetAtt Fn.Arn`, `!Sub "…"`, `!If` over a block sequence); false for any other value.
/// <https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html>
fn write_short_form(value: &Json, indent: usize, out: &mut String) -> bool {
    if crate::expr::origin(value) != Some(crate::expr::Origin::CloudFormation) {
        return false;
    }
    let Json::Object(members) = value else { return false };
    let (function, args) = &members[0];
    match (function.as_str(), args) {
        ("Ref", Json::String(name)) => {
            out.push_str(" !Ref ");
            write_string(name, false, out);
            out.push('\n');
        }
        ("Fn::GetAtt", Json::Array(parts)) if parts.len() == 2 && parts.iter().all(|p| p.as_str().is_some()) => {
            out.push_str(" !GetAtt ");
            let joined = format!("{}.{}", parts[0].as_str().unwrap_or_default(), parts[1].as_str().unwrap_or_default());
            write_string(&joined, false, out);
            out.push('\n');
        }
        (name, args) => {
            // YAML allows no short form of a function inside another's block argument without
            // the tag's value on its own lines, which write_value gives.
            out.push_str(" !");
            out.push_str(name.strip_prefix("Fn::").unwrap_or(name));
            write_value(args, indent, true, out);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::MfaFactors;
    use crate::json;

    fn yaml_of(value: &str) -> String {
        let mut out = String::new();
        write_string(value, false, &mut out);
        out
    }

    /// Strings that some YAML reader would take for something else, or that break a line.
    const AWKWARD: [&str; 40] = [
        "yes",
        "No",
        "ON",
        "off",
        "y",
        "N",
        "true",
        "False",
        "null",
        "~",
        "",
        " ",
        "0123",
        "1234",
        "1.5",
        "1e5",
        "0x1F",
        "1:30",
        "2001-12-14",
        ".inf",
        "-",
        "- a",
        "? a",
        "a: b",
        "a #b",
        "#x",
        "a:",
        ":a",
        "[a]",
        "{a}",
        "&a",
        "*a",
        "!a",
        "|",
        ">",
        "'a'",
        "\"a\"",
        "%{x}",
        "@a",
        "`id`",
    ];

    const ESCAPES: [&str; 14] = [
        "a\"b",
        "a\\b",
        "$HOME",
        "${AWS::Region}",
        "$(id)",
        "line\nbreak",
        "tab\there",
        "cr\r",
        "\u{1}",
        "\u{7f}",
        "nel\u{85}",
        "ls\u{2028}ps\u{2029}",
        "bom\u{feff}",
        "émoji 😀 漢字",
    ];

    #[test]
    fn quotes_every_string_a_reader_could_misread() {
        for text in AWKWARD {
            let written = yaml_of(text);
            assert!(written.starts_with('"'), "{text:?} written plain as {written}");
            assert_eq!(json::parse(&written).unwrap().0, Json::str(text), "{written}");
        }
    }

    #[test]
    fn escapes_stay_on_one_line_and_read_back() {
        for text in ESCAPES {
            let written = yaml_of(text);
            assert!(written.starts_with('"'), "{text:?}");
            assert!(
                !written.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{1}', '\u{7f}']),
                "{written:?}"
            );
            // The escapes are JSON's, and YAML's double-quoted style reads them the same way.
            assert_eq!(json::parse(&written).unwrap().0, Json::str(text), "{written}");
        }
        assert_eq!(yaml_of("émoji 😀 漢字"), "\"émoji 😀 漢字\"", "printable Unicode stays readable");
    }

    #[test]
    fn invisible_characters_are_escaped() {
        // Bidirectional override and isolate, zero width, soft hyphen, variation selector, a tag
        // (above U+FFFF: YAML's `\U`, never a surrogate pair).
        assert_eq!(
            yaml_of("a\u{202e}b\u{2066}\u{200b}\u{ad}\u{fe0f}\u{e0041}"),
            r#""a\u202eb\u2066\u200b\u00ad\ufe0f\U000e0041""#
        );
        assert_eq!(yaml_of("\u{fffe}"), r#""\ufffe""#, "not allowed in a YAML stream");
    }

    #[test]
    fn writes_identifiers_and_arns_plain() {
        for text in [
            "PASSWORD",
            "V1_0",
            "arn:aws:lambda:us-east-1:111122223333:function:f",
            "a.b@c-d",
            "AWS::Cognito::UserPool",
        ] {
            assert_eq!(yaml_of(text), text);
        }
        // A colon is fine inside a plain value but not in a plain key.
        let mut key = String::new();
        write_string("Fn::GetAtt", true, &mut key);
        assert_eq!(key, "\"Fn::GetAtt\"");
    }

    #[test]
    fn writes_nested_blocks_and_keeps_scalar_types() {
        let value = json::parse(
            r#"{"A": {"B": 12, "C": true, "D": "0"}, "L": ["x", "yes"], "S": [{"N": "n", "M": {"K": "1"}}, {"N": "o"}],
                "E": [], "F": {}}"#,
        )
        .unwrap()
        .0;
        let mut out = String::new();
        if let Json::Object(members) = &value {
            write_mapping(members, 0, false, &mut out);
        }
        // `N` and `n` are words YAML 1.1 reads as false: quoted, as key and as value.
        let expected = "A:\n  B: 12\n  C: true\n  D: \"0\"\nL:\n  - x\n  - \"yes\"\nS:\n  - \"N\": \"n\"\n    M:\n      K: \"1\"\n  - \"N\": o\nE: []\nF: {}\n";
        assert_eq!(out, expected);
    }

    #[test]
    fn renders_a_template_with_notes_as_comments() {
        let request = json::parse(
            r##"{"PoolName": "yes", "DeletionProtection": "ACTIVE", "MfaConfiguration": "ON",
                "UserPoolTags": {"no": "~", "a: b": "#x", "1234": "0123"}, "DcrConfiguration": {"OpenDcrEnabled": true},
                "VerificationMessageTemplate": {"EmailMessage": "Hi {username}\n${code} `x` %{y} #z: {####}"}}"##,
        )
        .unwrap()
        .0;
        let export =
            render(&request, &Options { mfa: MfaFactors { totp: true, ..MfaFactors::NONE }, ..Options::default() });
        let text = &export.text;
        assert!(text.starts_with("# AWS CloudFormation template"), "{text}");
        assert!(text.contains("\n# Left out: DcrConfiguration"), "{text}");
        assert!(text.contains("\nAWSTemplateFormatVersion: \"2010-09-09\"\n"), "{text}");
        assert!(text.contains("\n  UserPool:\n    Type: AWS::Cognito::UserPool\n    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks:\n            - E1029\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n    Properties:\n      UserPoolName: \"yes\"\n"),
            "{text}");
        assert!(text.contains("\n      EnabledMfas:\n        - SOFTWARE_TOKEN_MFA\n"), "{text}");
        assert!(
            text.contains("\n        \"no\": \"~\"\n        \"a: b\": \"#x\"\n        \"1234\": \"0123\"\n"),
            "{text}"
        );
        assert!(text.contains("EmailMessage: \"Hi {username}\\n${code} `x` %{y} #z: {####}\"\n"), "{text}");
        assert!(!text.contains("OpenDcrEnabled"));
        // Every line is a comment, a key, or a sequence item: nothing spills onto a line of its own.
        for line in text.lines() {
            let body = line.trim_start();
            assert!(body.starts_with('#') || body.starts_with("- ") || body.contains(':'), "{line:?}");
        }
        assert!(export.notes.iter().any(|n| n.starts_with("Deploy it with")));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for request in [Json::Null, Json::Array(vec![Json::Array(vec![Json::Null])]), Json::str("x")] {
            assert!(render(&request, &Options::default()).text.contains("Properties: {}"));
        }
    }
}
