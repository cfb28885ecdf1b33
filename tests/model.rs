//! The generated model matches botocore 1.44.8 exactly, and the pattern engine agrees with
//! Java on every probe string of the research matrix.

use poolsmith::model::{self, Kind, FIELDS, PATTERNS};
use poolsmith::pattern;

fn data(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

#[test]
fn model_is_botocore_1_44_8_with_every_parameter() {
    assert_eq!(model::BOTOCORE_VERSION, "1.44.8");
    assert_eq!(model::top_level().count(), 28, "top-level parameters");
    assert_eq!(FIELDS.len(), 133, "field paths");
    assert_eq!(FIELDS.iter().filter(|f| f.kind.is_scalar()).count(), 93, "leaves");
    assert_eq!(FIELDS.iter().filter(|f| f.kind == Kind::Enum).count(), 23, "enum paths");
    assert_eq!(FIELDS.iter().filter(|f| f.pattern.is_some()).count(), 38, "patterned paths");
    assert_eq!(PATTERNS.len(), 14, "distinct patterns");
    assert_eq!(FIELDS.iter().filter(|f| f.required).count(), 15, "required-in-parent paths");
    let names: Vec<&str> = model::top_level().map(|f| f.name).collect();
    for expected in [
        "PoolName",
        "Policies",
        "DcrConfiguration",
        "KeyConfiguration",
        "IssuerConfiguration",
        "AcrConfiguration",
        "UserPoolTier",
    ] {
        assert!(names.contains(&expected), "{expected} missing");
    }
}

#[test]
fn every_field_agrees_with_the_independent_inventory() {
    // research/createuserpool-fields.tsv was extracted from the same botocore by a different
    // program; a generator bug (lost member, wrong bound, shape mix-up) shows up as a difference.
    let tsv = data("fields-botocore-1.44.8.tsv");
    let mut rows = 0;
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (path, shape, kind, required, min, max, pattern, enums) =
            (cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7]);
        let field = model::by_path(path).unwrap_or_else(|| panic!("{path} missing from the generated model"));
        assert_eq!(field.shape(), shape, "{path} shape");
        let our_kind = match field.kind {
            Kind::Structure => "structure",
            Kind::List => "list",
            Kind::Map => "map",
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Boolean => "boolean",
            Kind::Enum => "enum",
        };
        assert_eq!(our_kind, kind, "{path} type");
        if required != "-" {
            assert_eq!(field.required.to_string(), required, "{path} required");
        }
        assert_eq!(field.min().map(|n| n.to_string()).unwrap_or_default(), min, "{path} min");
        assert_eq!(field.max().map(|n| n.to_string()).unwrap_or_default(), max, "{path} max");
        assert_eq!(field.pattern_source().unwrap_or_default(), pattern, "{path} pattern");
        assert_eq!(field.enum_values.join("|"), enums, "{path} enum");
        rows += 1;
    }
    assert_eq!(rows, FIELDS.len());
}

#[test]
fn fields_form_a_consistent_tree() {
    for (index, field) in FIELDS.iter().enumerate() {
        assert_eq!(field.id as usize, index);
        for child in field.child_fields() {
            assert_eq!(child.parent, field.id, "{}", child.path);
        }
        match field.kind {
            Kind::List => assert_eq!(field.children.len(), 1, "{}", field.path),
            Kind::Map => assert_eq!(field.children.len(), 2, "{}", field.path),
            Kind::Structure => assert!(!field.children.is_empty(), "{}", field.path),
            _ => assert!(field.children.is_empty(), "{}", field.path),
        }
    }
}

#[test]
fn every_named_member_has_help() {
    for field in FIELDS.iter().filter(|f| !f.is_synthetic()) {
        assert!(!field.hint.is_empty(), "{} has no hint", field.path);
        assert!(!field.doc().is_empty(), "{} has no doc", field.path);
        assert!(field.hint.len() <= 400, "{} hint is not one sentence: {}", field.path, field.hint);
    }
}

#[test]
fn every_model_pattern_compiles() {
    for source in PATTERNS {
        pattern::compile(source).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// Decodes Python `unicode_escape` notation (`\xe9`, `\u200d`, `\U0001f44d`, `\n`).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let hex = |chars: &mut std::str::Chars, n: usize| {
            let digits: String = chars.take(n).collect();
            char::from_u32(u32::from_str_radix(&digits, 16).expect("hex")).expect("scalar")
        };
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('x') => out.push(hex(&mut chars, 2)),
            Some('u') => out.push(hex(&mut chars, 4)),
            Some('U') => out.push(hex(&mut chars, 8)),
            other => panic!("unknown escape {other:?}"),
        }
    }
    out
}

#[test]
fn pattern_engine_agrees_with_java_on_every_probe() {
    let compat = data("regex-compat.tsv");
    let pattern_of = |id: &str| -> String {
        compat
            .lines()
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .find(|cols| cols[0] == id)
            .map(|cols| cols[1].to_string())
            .unwrap_or_else(|| panic!("no pattern {id}"))
    };
    let matrix = data("regex-matrix.tsv");
    let header: Vec<&str> = matrix.lines().next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (c_id, c_probe, c_text, c_full, c_find) =
        (col("pattern_id"), col("probe"), col("probe_text_escaped"), col("java_full"), col("java_find"));
    let mut checked = 0;
    let mut seen_patterns = std::collections::BTreeSet::new();
    for line in matrix.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let source = pattern_of(cols[c_id]);
        assert!(PATTERNS.contains(&source.as_str()), "{} is not a model pattern", cols[c_id]);
        seen_patterns.insert(source.clone());
        let compiled = pattern::compile(&source).unwrap();
        let text = unescape(cols[c_text]);
        assert_eq!(
            compiled.is_full_match(&text),
            cols[c_full] == "1",
            "{} full match of probe {}",
            cols[c_id],
            cols[c_probe]
        );
        assert_eq!(
            compiled.is_match_anywhere(&text),
            cols[c_find] == "1",
            "{} find of probe {}",
            cols[c_id],
            cols[c_probe]
        );
        checked += 1;
    }
    assert_eq!(seen_patterns.len(), PATTERNS.len(), "every model pattern is probed");
    assert_eq!(checked, 14 * 28);
}

#[test]
fn unicode_table_is_fresh() {
    // The category table is generated from Python's unicodedata; python3 is part of every
    // machine this project builds on (scripts/update-model needs it too).
    let root = env!("CARGO_MANIFEST_DIR");
    let status = std::process::Command::new("python3")
        .arg(format!("{root}/scripts/gen-unicode-table"))
        .arg("--check")
        .status()
        .expect("run python3 scripts/gen-unicode-table --check");
    assert!(status.success(), "src/pattern/unicode_table.rs is stale: run scripts/gen-unicode-table");
}

#[test]
fn every_field_is_found_by_its_path_and_every_pattern_by_its_index() {
    for field in FIELDS.iter() {
        assert_eq!(model::by_path(field.path), Some(field), "{}", field.path);
    }
    assert_eq!(model::by_path("PoolName.Nope"), None);
    assert_eq!(model::by_path(""), None);
    // The ahead-of-time compiled patterns line up with their sources and behave like a fresh
    // compile (the codegen freshness test proves the tables are identical).
    for (index, source) in PATTERNS.iter().enumerate() {
        let compiled = model::compiled_pattern(index as u8);
        assert_eq!(compiled.source(), *source);
        let fresh = pattern::compile(source).unwrap();
        for probe in ["", "a", "abc@example.com", "arn:aws:iam::123456789012:role/x", "{####}", " \t\n"] {
            assert_eq!(compiled.check(probe), fresh.check(probe), "{source} on {probe:?}");
        }
    }
}
