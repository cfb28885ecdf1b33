//! Generates `src/model/generated.rs` from the trimmed AWS model in `model/`, and fails when
//! the committed file differs from what the model produces.
//!
//! Run `POOLSMITH_BLESS=1 cargo test --test model_codegen` (or `scripts/update-model`) to
//! rewrite it. The generator lives here, not in the library, so neither the CLI nor the browser
//! app carries an HTML parser: the model's HTML docs become static structured text once, at
//! generation time, and are never injected as HTML anywhere.

use poolsmith::json::{self, Json};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

const MODEL: &str = "model/cognito-idp.CreateUserPool.json";
const PROVENANCE: &str = "model/PROVENANCE.json";
const OUTPUT: &str = "src/model/generated.rs";

#[test]
fn generated_code_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model_text = std::fs::read_to_string(root.join(MODEL)).expect("read the trimmed model");
    let provenance_text = std::fs::read_to_string(root.join(PROVENANCE)).expect("read PROVENANCE.json");
    let fresh = generate(&model_text, &provenance_text);
    let path = root.join(OUTPUT);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if std::env::var_os("POOLSMITH_BLESS").is_some() {
        if committed != fresh {
            std::fs::write(&path, &fresh).expect("write generated.rs");
        }
        return;
    }
    assert!(
        committed == fresh,
        "{OUTPUT} is stale: run `POOLSMITH_BLESS=1 cargo test --test model_codegen` (or scripts/update-model) and review the diff"
    );
}

struct GenField {
    path: String,
    name: String,
    shape: String,
    kind: &'static str,
    parent: Option<usize>,
    children: Vec<usize>,
    required: bool,
    min: Option<String>,
    max: Option<String>,
    pattern: Option<usize>,
    enum_values: Vec<String>,
    doc_html: String,
}

struct Walker<'a> {
    shapes: &'a Json,
    fields: Vec<GenField>,
    patterns: Vec<String>,
}

impl Walker<'_> {
    fn shape(&self, name: &str) -> &Json {
        self.shapes.get(name).unwrap_or_else(|| panic!("shape {name} missing from the model"))
    }

    /// Adds the field for `shape_name` at `path` and, recursively, its children.
    fn add(
        &mut self,
        path: String,
        name: String,
        shape_name: &str,
        parent: Option<usize>,
        required: bool,
        member_doc: Option<&str>,
    ) -> usize {
        let shape = self.shape(shape_name).clone();
        let text = |key: &str| shape.get(key).map(number_text);
        let kind = match shape.get("type").and_then(Json::as_str) {
            Some("structure") => "Structure",
            Some("list") => "List",
            Some("map") => "Map",
            Some("string") if shape.get("enum").is_some() => "Enum",
            Some("string") => "String",
            Some("integer" | "long") => "Integer",
            Some("boolean") => "Boolean",
            other => panic!("{path}: shape type {other:?} is not supported; teach the generator and the validator"),
        };
        let pattern = shape.get("pattern").and_then(Json::as_str).map(|p| {
            self.patterns.iter().position(|known| known == p).unwrap_or_else(|| {
                self.patterns.push(p.to_string());
                self.patterns.len() - 1
            })
        });
        let enum_values = match shape.get("enum") {
            Some(Json::Array(values)) => values.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        };
        // A member's doc says what the field is for; a structure's shape doc often adds what
        // applies wherever the shape is used (such as the feature plan it needs). Keep both.
        let shape_doc = shape.get("documentation").and_then(Json::as_str);
        let doc_html = match (member_doc, shape_doc) {
            (Some(member), Some(shape_doc)) if kind == "Structure" && shape_doc != member => {
                format!("{member} {shape_doc}")
            }
            (Some(member), _) => member.to_string(),
            (None, shape_doc) => shape_doc.unwrap_or_default().to_string(),
        };
        let id = self.fields.len();
        self.fields.push(GenField {
            path: path.clone(),
            name,
            shape: shape_name.to_string(),
            kind,
            parent,
            children: Vec::new(),
            required,
            min: text("min"),
            max: text("max"),
            pattern,
            enum_values,
            doc_html,
        });
        let mut children = Vec::new();
        match kind {
            "Structure" => {
                let required: Vec<String> = match shape.get("required") {
                    Some(Json::Array(names)) => names.iter().filter_map(|n| n.as_str().map(str::to_string)).collect(),
                    _ => Vec::new(),
                };
                if let Some(Json::Object(members)) = shape.get("members") {
                    for (member, spec) in members {
                        let member_shape = spec.get("shape").and_then(Json::as_str).expect("member shape");
                        let child_path = if path.is_empty() { member.clone() } else { format!("{path}.{member}") };
                        let doc = spec.get("documentation").and_then(Json::as_str);
                        let is_required = required.contains(member);
                        children.push(self.add(child_path, member.clone(), member_shape, Some(id), is_required, doc));
                    }
                }
            }
            "List" => {
                let element =
                    shape.get("member").and_then(|m| m.get("shape")).and_then(Json::as_str).expect("list member");
                children.push(self.add(format!("{path}[]"), "[]".into(), element, Some(id), false, None));
            }
            "Map" => {
                let key = shape.get("key").and_then(|m| m.get("shape")).and_then(Json::as_str).expect("map key");
                let value = shape.get("value").and_then(|m| m.get("shape")).and_then(Json::as_str).expect("map value");
                children.push(self.add(format!("{path}{{key}}"), "{key}".into(), key, Some(id), false, None));
                children.push(self.add(format!("{path}{{}}"), "{}".into(), value, Some(id), false, None));
            }
            _ => {}
        }
        self.fields[id].children = children;
        id
    }
}

fn number_text(value: &Json) -> String {
    match value {
        Json::Number(n) => n.split('.').next().unwrap_or(n).to_string(),
        other => panic!("expected a number, found {other:?}"),
    }
}

fn generate(model_text: &str, provenance_text: &str) -> String {
    let (model, _) = json::parse(model_text).expect("model JSON");
    let (provenance, _) = json::parse(provenance_text).expect("provenance JSON");
    let shapes = model.get("shapes").expect("shapes");
    let operation = model.get("operation").expect("operation");
    let input = operation.get("input").and_then(|i| i.get("shape")).and_then(Json::as_str).expect("input shape");

    let mut walker = Walker { shapes, fields: Vec::new(), patterns: Vec::new() };
    let input_shape = walker.shape(input).clone();
    let required: Vec<String> = match input_shape.get("required") {
        Some(Json::Array(names)) => names.iter().filter_map(|n| n.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    };
    let mut top = Vec::new();
    if let Some(Json::Object(members)) = input_shape.get("members") {
        for (member, spec) in members {
            let shape = spec.get("shape").and_then(Json::as_str).expect("member shape");
            let doc = spec.get("documentation").and_then(Json::as_str);
            top.push(walker.add(member.clone(), member.clone(), shape, None, required.contains(member), doc));
        }
    }

    let describe_members: Vec<String> = match shapes.get("UserPoolType").and_then(|s| s.get("members")) {
        Some(Json::Object(members)) => members.iter().map(|(name, _)| name.clone()).collect(),
        _ => panic!("UserPoolType missing from the trimmed model"),
    };
    let update_members: Vec<String> = match shapes.get("UpdateUserPoolRequest").and_then(|s| s.get("members")) {
        Some(Json::Object(members)) => members.iter().map(|(name, _)| name.clone()).collect(),
        _ => panic!("UpdateUserPoolRequest missing from the trimmed model"),
    };
    let version = provenance.get("botocore_version").and_then(Json::as_str).expect("botocore_version");
    let model_sha = provenance.get("model_sha256").and_then(Json::as_str).expect("model_sha256");
    let operation_doc = operation.get("documentation").and_then(Json::as_str).unwrap_or_default();

    let mut out = String::new();
    out.push_str("//! Generated from model/cognito-idp.CreateUserPool.json by tests/model_codegen.rs.\n");
    out.push_str(
        "//! Do not edit: run `scripts/update-model` (or `POOLSMITH_BLESS=1 cargo test --test model_codegen`).\n\n",
    );
    out.push_str("use super::{Field, FieldId, Kind, NO_PARENT};\n");
    out.push_str("#[allow(unused_imports)] // which of these the compiled patterns use depends on the model\n");
    out.push_str("use crate::pattern::{CharSet, Inst, Item, Pattern};\n");
    out.push_str("use std::borrow::Cow;\n\n");
    let _ = writeln!(
        out,
        "/// The botocore release the model was taken from.\npub const BOTOCORE_VERSION: &str = {version:?};"
    );
    let _ = writeln!(
        out,
        "/// sha256 of botocore's `cognito-idp` service-2.json.gz.\npub const MODEL_SHA256: &str = {model_sha:?};"
    );
    let _ = writeln!(
        out,
        "/// The first sentence of the operation's documentation.\npub const OPERATION_HINT: &str = {:?};\n",
        hint(&to_blocks(operation_doc))
    );
    let _ = writeln!(out, "/// Members of `UserPoolType` (what `describe-user-pool` returns), in model order.");
    let _ =
        writeln!(out, "pub static DESCRIBE_MEMBERS: [&str; {}] = {:?};\n", describe_members.len(), describe_members);
    let _ = writeln!(out, "/// Members of `UpdateUserPoolRequest` (what `update-user-pool` takes), in model order.");
    let _ = writeln!(out, "pub static UPDATE_MEMBERS: [&str; {}] = {:?};\n", update_members.len(), update_members);
    let _ = writeln!(out, "/// The distinct `pattern` constraints, in order of first use.");
    let _ = writeln!(out, "pub static PATTERNS: [&str; {}] = [", walker.patterns.len());
    for p in &walker.patterns {
        let _ = writeln!(out, "    {p:?},");
    }
    out.push_str("];\n\n");
    let _ = writeln!(out, "/// `PATTERNS`, compiled (`pattern::compile`), so the browser needs no pattern compiler.");
    let _ = writeln!(out, "pub(crate) static COMPILED_PATTERNS: [Pattern; {}] = [", walker.patterns.len());
    for p in &walker.patterns {
        let compiled = poolsmith::pattern::compile(p).unwrap_or_else(|e| panic!("the model's pattern {p:?}: {e}"));
        let _ = writeln!(out, "    {},", compiled.to_rust());
    }
    out.push_str("];\n\n");
    let _ = writeln!(out, "/// The top-level parameters, in model order.");
    let _ = writeln!(out, "pub static TOP_LEVEL: [FieldId; {}] = {:?};\n", top.len(), top);
    let mut by_path: Vec<usize> = (0..walker.fields.len()).collect();
    by_path.sort_by(|&a, &b| walker.fields[a].path.cmp(&walker.fields[b].path));
    let _ = writeln!(out, "/// Field ids ordered by path (byte order), for `model::by_path`'s binary search.");
    let _ = writeln!(out, "pub(crate) static BY_PATH: [FieldId; {}] = {:?};\n", by_path.len(), by_path);
    let _ = writeln!(out, "/// Every field path, depth first in model order.");
    let _ = writeln!(out, "pub static FIELDS: [Field; {}] = [", walker.fields.len());
    for (id, f) in walker.fields.iter().enumerate() {
        let blocks = to_blocks(&f.doc_html);
        let opt = |v: &Option<String>| v.as_ref().map_or("None".to_string(), |n| format!("Some({n})"));
        let _ = writeln!(out, "    Field {{");
        let _ = writeln!(out, "        id: {id},");
        let _ = writeln!(out, "        path: {:?},", f.path);
        let _ = writeln!(out, "        name: {:?},", f.name);
        let _ = writeln!(out, "        kind: Kind::{},", f.kind);
        let _ = writeln!(out, "        parent: {},", f.parent.map_or("NO_PARENT".to_string(), |p| p.to_string()));
        let _ = writeln!(out, "        children: &{:?},", f.children);
        let _ = writeln!(out, "        required: {},", f.required);
        let _ = writeln!(out, "        min: {},", opt(&f.min));
        let _ = writeln!(out, "        max: {},", opt(&f.max));
        let _ = writeln!(out, "        pattern: {},", f.pattern.map_or("None".to_string(), |p| format!("Some({p})")));
        let _ = writeln!(out, "        enum_values: &{:?},", f.enum_values);
        let _ = writeln!(out, "        hint: {:?},", hint(&blocks));
        let _ = writeln!(out, "    }},");
    }
    out.push_str("];\n\n");
    // Shape names are only read natively (tests), so they too live apart from FIELDS: a field
    // of the table would be carried into the browser's WebAssembly even though it is never read.
    let _ = writeln!(out, "/// The AWS shape name of each field (same order as FIELDS).");
    let shapes: Vec<&str> = walker.fields.iter().map(|f| f.shape.as_str()).collect();
    let _ = writeln!(out, "pub static SHAPES: [&str; {}] = {:?};\n", shapes.len(), shapes);
    // The full help text lives apart from FIELDS, so code that does not show it (the form's
    // first load in the browser) does not carry it.
    let _ = writeln!(
        out,
        "/// The full AWS documentation of each field (same order as FIELDS), in the compact form of `doc`."
    );
    let _ = writeln!(out, "pub static DOCS: [&str; {}] = [", walker.fields.len());
    for f in &walker.fields {
        let _ = writeln!(out, "    {:?},", compact_blocks(&to_blocks(&f.doc_html)));
    }
    out.push_str("];\n");
    out
}

// ---- HTML → structured text -------------------------------------------------------------

#[derive(Debug)]
enum Token {
    Open(String, BTreeMap<String, String>),
    Close(String),
    Text(String),
}

fn tokenize(html: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(stripped) = rest.strip_prefix('<') {
            let end = stripped.find('>').expect("unclosed tag in model doc");
            let inner = &stripped[..end];
            rest = &stripped[end + 1..];
            if let Some(name) = inner.strip_prefix('/') {
                tokens.push(Token::Close(name.trim().to_ascii_lowercase()));
            } else {
                let inner = inner.trim_end_matches('/');
                let mut parts = inner.splitn(2, char::is_whitespace);
                let name = parts.next().unwrap_or_default().to_ascii_lowercase();
                let mut attrs = BTreeMap::new();
                let mut attr_text = parts.next().unwrap_or_default();
                while let Some(eq) = attr_text.find('=') {
                    let key = attr_text[..eq].trim().to_ascii_lowercase();
                    let after = attr_text[eq + 1..].trim_start();
                    let quote = after.chars().next().unwrap_or('"');
                    let value_end = after[1..].find(quote).map_or(after.len(), |i| i + 1);
                    attrs.insert(key, decode_entities(&after[1..value_end]));
                    attr_text = after.get(value_end + 1..).unwrap_or_default();
                }
                tokens.push(Token::Open(name, attrs));
            }
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            tokens.push(Token::Text(decode_entities(&rest[..end])));
            rest = &rest[end..];
        }
    }
    tokens
}

fn decode_entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| match &after[1..e] {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            num if num.starts_with("#x") => u32::from_str_radix(&num[2..], 16).ok().and_then(char::from_u32),
            num if num.starts_with('#') => num[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Clone, PartialEq)]
enum GenInline {
    Text(String),
    Code(String),
    Emphasis(String),
    Strong(String),
    Link(String, String),
}

#[derive(Debug, Clone)]
enum GenBlock {
    Paragraph(Vec<GenInline>),
    BulletList(Vec<Vec<GenInline>>),
    Note(Vec<GenBlock>),
    Definitions(Vec<(Vec<GenInline>, Vec<GenBlock>)>),
}

struct Builder {
    tokens: Vec<Token>,
    at: usize,
}

const INLINE_TAGS: [&str; 7] = ["code", "a", "i", "em", "b", "strong", "br"];

impl Builder {
    fn blocks(&mut self, until: Option<&str>) -> Vec<GenBlock> {
        let mut blocks = Vec::new();
        let mut loose = Vec::new();
        while self.at < self.tokens.len() {
            match &self.tokens[self.at] {
                Token::Close(name) if Some(name.as_str()) == until => {
                    self.at += 1;
                    break;
                }
                Token::Close(_) => self.at += 1,
                Token::Text(text) => {
                    if !text.trim().is_empty() {
                        loose.push(GenInline::Text(text.clone()));
                    }
                    self.at += 1;
                }
                Token::Open(name, _) if INLINE_TAGS.contains(&name.as_str()) => {
                    let inline = self.inline_element();
                    loose.extend(inline);
                }
                Token::Open(name, _) => {
                    let name = name.clone();
                    self.at += 1;
                    flush(&mut loose, &mut blocks);
                    match name.as_str() {
                        "p" => {
                            let inlines = self.inlines("p");
                            push_paragraph(inlines, &mut blocks);
                        }
                        "ul" | "ol" => blocks.push(GenBlock::BulletList(self.list_items(&name))),
                        "note" | "important" => blocks.push(GenBlock::Note(self.blocks(Some(&name)))),
                        "dl" => blocks.push(GenBlock::Definitions(self.definitions())),
                        other => panic!("unsupported block tag <{other}> in model doc; teach the generator"),
                    }
                }
            }
        }
        flush(&mut loose, &mut blocks);
        blocks
    }

    fn list_items(&mut self, list: &str) -> Vec<Vec<GenInline>> {
        let mut items = Vec::new();
        while self.at < self.tokens.len() {
            match &self.tokens[self.at] {
                Token::Close(name) if name == list => {
                    self.at += 1;
                    break;
                }
                Token::Open(name, _) if name == "li" => {
                    self.at += 1;
                    items.push(tidy(self.inlines("li")));
                }
                _ => self.at += 1,
            }
        }
        items
    }

    fn definitions(&mut self) -> Vec<(Vec<GenInline>, Vec<GenBlock>)> {
        let mut pairs: Vec<(Vec<GenInline>, Vec<GenBlock>)> = Vec::new();
        while self.at < self.tokens.len() {
            match &self.tokens[self.at] {
                Token::Close(name) if name == "dl" => {
                    self.at += 1;
                    break;
                }
                Token::Open(name, _) if name == "dt" => {
                    self.at += 1;
                    pairs.push((tidy(self.inlines("dt")), Vec::new()));
                }
                Token::Open(name, _) if name == "dd" => {
                    self.at += 1;
                    let description = self.blocks(Some("dd"));
                    match pairs.last_mut() {
                        Some(pair) => pair.1.extend(description),
                        None => pairs.push((Vec::new(), description)),
                    }
                }
                _ => self.at += 1,
            }
        }
        pairs
    }

    /// Inline content up to `</until>`; nested paragraphs become spaces.
    fn inlines(&mut self, until: &str) -> Vec<GenInline> {
        let mut out = Vec::new();
        while self.at < self.tokens.len() {
            match &self.tokens[self.at] {
                Token::Close(name) if name == until => {
                    self.at += 1;
                    break;
                }
                Token::Text(text) => {
                    out.push(GenInline::Text(text.clone()));
                    self.at += 1;
                }
                Token::Open(name, _) if INLINE_TAGS.contains(&name.as_str()) => out.extend(self.inline_element()),
                _ => {
                    out.push(GenInline::Text(" ".into()));
                    self.at += 1;
                }
            }
        }
        out
    }

    /// One inline element starting at an open tag.
    fn inline_element(&mut self) -> Vec<GenInline> {
        let Token::Open(name, attrs) = &self.tokens[self.at] else { unreachable!() };
        let (name, attrs) = (name.clone(), attrs.clone());
        self.at += 1;
        if name == "br" {
            return vec![GenInline::Text(" ".into())];
        }
        let text = collapse(&plain(&self.inlines(&name)));
        let text = text.trim().to_string();
        vec![match name.as_str() {
            "code" => GenInline::Code(text),
            "i" | "em" => GenInline::Emphasis(text),
            "b" | "strong" => GenInline::Strong(text),
            _ => match attrs.get("href") {
                Some(href) if href.starts_with("https://") => GenInline::Link(text, href.clone()),
                _ => GenInline::Text(text),
            },
        }]
    }
}

fn plain(inlines: &[GenInline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            GenInline::Text(t)
            | GenInline::Code(t)
            | GenInline::Emphasis(t)
            | GenInline::Strong(t)
            | GenInline::Link(t, _) => t.as_str(),
        })
        .collect()
}

fn collapse(text: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Collapses whitespace, merges adjacent text and trims the ends of a run of inlines.
fn tidy(inlines: Vec<GenInline>) -> Vec<GenInline> {
    let mut out: Vec<GenInline> = Vec::new();
    for inline in inlines {
        match (inline, out.last_mut()) {
            (GenInline::Text(t), Some(GenInline::Text(prev))) => {
                prev.push_str(&t);
                *prev = collapse(prev);
            }
            (GenInline::Text(t), _) => out.push(GenInline::Text(collapse(&t))),
            (other, _) => out.push(other),
        }
    }
    if let Some(GenInline::Text(t)) = out.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(GenInline::Text(t)) = out.last_mut() {
        *t = t.trim_end().to_string();
    }
    out.retain(|i| !matches!(i, GenInline::Text(t) if t.is_empty()));
    out
}

fn push_paragraph(inlines: Vec<GenInline>, blocks: &mut Vec<GenBlock>) {
    let inlines = tidy(inlines);
    if !inlines.is_empty() {
        blocks.push(GenBlock::Paragraph(inlines));
    }
}

fn flush(loose: &mut Vec<GenInline>, blocks: &mut Vec<GenBlock>) {
    if !loose.is_empty() {
        push_paragraph(std::mem::take(loose), blocks);
    }
}

fn to_blocks(html: &str) -> Vec<GenBlock> {
    let mut builder = Builder { tokens: tokenize(html), at: 0 };
    builder.blocks(None)
}

/// The first sentence of the first paragraph (or list item), as plain text.
fn hint(blocks: &[GenBlock]) -> String {
    let first = blocks.iter().find_map(|b| match b {
        GenBlock::Paragraph(inlines) => Some(plain(inlines)),
        GenBlock::Note(inner) => Some(hint(inner)),
        GenBlock::BulletList(items) => items.first().map(|i| plain(i)),
        GenBlock::Definitions(_) => None,
    });
    let text = first.unwrap_or_default();
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        if chars[i] == '.' && chars.get(i + 1) == Some(&' ') && chars.get(i + 2).is_some_and(|c| c.is_uppercase()) {
            let before: String = chars[..i].iter().collect();
            if before.ends_with("e.g") || before.ends_with("i.e") || before.ends_with(" etc") {
                continue;
            }
            return chars[..=i].iter().collect();
        }
    }
    text
}

/// Inline markup of the compact doc format (see `poolsmith::model::doc`): control characters
/// that never occur in AWS docs (checked) toggle code, emphasis and strong, and bracket links.
fn compact_inlines(inlines: &[GenInline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        let text = |t: &str| {
            assert!(!t.chars().any(|c| (c as u32) < 0x20), "control character in model doc text: {t:?}");
            t.to_string()
        };
        match inline {
            GenInline::Text(t) => out.push_str(&text(t)),
            GenInline::Code(t) => out.push_str(&format!("\u{1}{}\u{1}", text(t))),
            GenInline::Emphasis(t) => out.push_str(&format!("\u{2}{}\u{2}", text(t))),
            GenInline::Strong(t) => out.push_str(&format!("\u{3}{}\u{3}", text(t))),
            GenInline::Link(t, href) => out.push_str(&format!("\u{4}{}\u{5}{}\u{6}", text(t), text(href))),
        }
    }
    out
}

/// The compact doc format: one block per line, the first character saying which kind
/// (`P` paragraph, `L` list item, `N` note paragraph, `T` definition term, `D` definition
/// paragraph). The model's docs nest no deeper than that (asserted).
fn compact_blocks(blocks: &[GenBlock]) -> String {
    let mut lines = Vec::new();
    for block in blocks {
        match block {
            GenBlock::Paragraph(inlines) => lines.push(format!("P{}", compact_inlines(inlines))),
            GenBlock::BulletList(items) => {
                lines.extend(items.iter().map(|item| format!("L{}", compact_inlines(item))));
            }
            GenBlock::Note(inner) => {
                for b in inner {
                    let GenBlock::Paragraph(inlines) = b else { panic!("a note holds more than paragraphs: {b:?}") };
                    lines.push(format!("N{}", compact_inlines(inlines)));
                }
            }
            GenBlock::Definitions(pairs) => {
                for (term, description) in pairs {
                    lines.push(format!("T{}", compact_inlines(term)));
                    for b in description {
                        let GenBlock::Paragraph(inlines) = b else {
                            panic!("a definition holds more than paragraphs: {b:?}")
                        };
                        lines.push(format!("D{}", compact_inlines(inlines)));
                    }
                }
            }
        }
    }
    lines.join("\n")
}

#[test]
fn html_becomes_structured_text_never_markup() {
    let blocks = to_blocks(
        "<p>Use <code>{####}</code> &amp; see <a href=\"https://docs.aws.amazon.com/x\">the guide</a>.</p> \
         <note><p>Careful &lt;b&gt;.</p></note><ul><li><p>One</p></li><li>Two <i>it</i></li></ul>\
         <dl><dt>code</dt><dd><p>Grant.</p></dd></dl><p>Bad <a href=\"javascript:alert(1)\">link</a></p>",
    );
    let compact = compact_blocks(&blocks);
    let lines: Vec<&str> = compact.split('\n').collect();
    assert_eq!(
        lines,
        [
            "PUse \u{1}{####}\u{1} & see \u{4}the guide\u{5}https://docs.aws.amazon.com/x\u{6}.",
            "NCareful <b>.",
            "LOne",
            "LTwo \u{2}it\u{2}",
            "Tcode",
            "DGrant.",
            "PBad link",
        ]
    );
    assert!(!compact.contains("javascript:"), "only https links survive");
    assert_eq!(hint(&blocks), "Use {####} & see the guide.");
}

#[test]
fn hints_stop_at_the_first_sentence() {
    let blocks = to_blocks("<p>Sets the name, e.g. My pool. Then more. And more.</p>");
    assert_eq!(hint(&blocks), "Sets the name, e.g. My pool.");
}
