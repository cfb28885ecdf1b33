//! Help text in the compact form the generator writes (`Field::doc`), and its parser.
//!
//! One block per line; the first character says which kind: `P` paragraph, `L` bullet list
//! item, `N` note paragraph, `T` definition term, `D` definition paragraph. Inside a line,
//! `\u{1}` toggles code, `\u{2}` emphasis, `\u{3}` strong, and `\u{4}text\u{5}href\u{6}` is a
//! link (always `https://`). The characters never occur in AWS docs (the generator checks), so
//! no escaping is needed. A string this compact costs a third of the bytes of static nested
//! structures in the WebAssembly, and it is text only: renderers insert it as text nodes.

/// A run of inline text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span<'a> {
    Text(&'a str),
    Code(&'a str),
    Emphasis(&'a str),
    Strong(&'a str),
    /// Link text and an `https://` address.
    Link(&'a str, &'a str),
}

/// A block of help text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block<'a> {
    Paragraph(Vec<Span<'a>>),
    BulletList(Vec<Vec<Span<'a>>>),
    /// An AWS `<note>`/`<important>` callout, as paragraphs.
    Note(Vec<Vec<Span<'a>>>),
    /// Terms, each with its paragraphs.
    Definitions(Vec<(Vec<Span<'a>>, Vec<Vec<Span<'a>>>)>),
}

/// Parses compact help text into blocks; unknown line kinds read as paragraphs.
pub fn parse(doc: &str) -> Vec<Block<'_>> {
    let mut blocks: Vec<Block> = Vec::new();
    for line in doc.split('\n').filter(|l| !l.is_empty()) {
        let (kind, rest) = line.split_at(line.chars().next().map_or(0, char::len_utf8));
        let spans = spans(rest);
        match (kind, blocks.last_mut()) {
            ("L", Some(Block::BulletList(items))) => items.push(spans),
            ("L", _) => blocks.push(Block::BulletList(vec![spans])),
            ("N", Some(Block::Note(paragraphs))) => paragraphs.push(spans),
            ("N", _) => blocks.push(Block::Note(vec![spans])),
            ("T", Some(Block::Definitions(pairs))) => pairs.push((spans, Vec::new())),
            ("T", _) => blocks.push(Block::Definitions(vec![(spans, Vec::new())])),
            ("D", Some(Block::Definitions(pairs))) => match pairs.last_mut() {
                Some(pair) => pair.1.push(spans),
                None => pairs.push((Vec::new(), vec![spans])),
            },
            _ => blocks.push(Block::Paragraph(spans)),
        }
    }
    blocks
}

/// Parses the inline markup of one line.
pub fn spans(line: &str) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let Some(at) = rest.find(['\u{1}', '\u{2}', '\u{3}', '\u{4}']) else {
            out.push(Span::Text(rest));
            break;
        };
        if at > 0 {
            out.push(Span::Text(&rest[..at]));
        }
        let marker = rest[at..].chars().next().unwrap_or('\u{1}');
        let body = &rest[at + 1..];
        if marker == '\u{4}' {
            let text_end = body.find('\u{5}').unwrap_or(body.len());
            let after_text = body.get(text_end + 1..).unwrap_or("");
            let href_end = after_text.find('\u{6}').unwrap_or(after_text.len());
            let href = &after_text[..href_end];
            let text = &body[..text_end];
            out.push(if href.starts_with("https://") { Span::Link(text, href) } else { Span::Text(text) });
            rest = after_text.get(href_end + 1..).unwrap_or("");
            continue;
        }
        let end = body.find(marker).unwrap_or(body.len());
        let inner = &body[..end];
        out.push(match marker {
            '\u{1}' => Span::Code(inner),
            '\u{2}' => Span::Emphasis(inner),
            _ => Span::Strong(inner),
        });
        rest = body.get(end + 1..).unwrap_or("");
    }
    out
}

/// The plain text of compact help (for search and the CLI).
pub fn plain_text(doc: &str) -> String {
    let mut out = String::new();
    for line in doc.split('\n').filter(|l| !l.is_empty()) {
        let (kind, rest) = line.split_at(line.chars().next().map_or(0, char::len_utf8));
        if kind == "L" {
            out.push_str("- ");
        }
        for span in spans(rest) {
            match span {
                Span::Text(t) | Span::Code(t) | Span::Emphasis(t) | Span::Strong(t) | Span::Link(t, _) => {
                    out.push_str(t)
                }
            }
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind_of_block_and_span() {
        let doc = "PUse \u{1}{####}\u{1} and \u{4}the guide\u{5}https://x.example/a\u{6}.\nLOne\nLTwo \u{2}it\u{2}\nNCareful\nTcode\nDGrant \u{3}now\u{3}.";
        let blocks = parse(doc);
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![
                    Span::Text("Use "),
                    Span::Code("{####}"),
                    Span::Text(" and "),
                    Span::Link("the guide", "https://x.example/a"),
                    Span::Text("."),
                ]),
                Block::BulletList(vec![vec![Span::Text("One")], vec![Span::Text("Two "), Span::Emphasis("it")]]),
                Block::Note(vec![vec![Span::Text("Careful")]]),
                Block::Definitions(vec![(
                    vec![Span::Text("code")],
                    vec![vec![Span::Text("Grant "), Span::Strong("now"), Span::Text(".")]]
                )]),
            ]
        );
        assert_eq!(plain_text(doc), "Use {####} and the guide.\n- One\n- Two it\nCareful\ncode\nGrant now.");
    }

    #[test]
    fn broken_markup_never_panics_and_never_makes_unsafe_links() {
        for doc in
            ["P\u{1}open", "P\u{4}text", "P\u{4}t\u{5}javascript:alert(1)\u{6}", "Dorphan", "é", "P\u{4}\u{5}\u{6}"]
        {
            let blocks = parse(doc);
            let links: Vec<_> = blocks
                .iter()
                .flat_map(|b| match b {
                    Block::Paragraph(s) => s.clone(),
                    _ => Vec::new(),
                })
                .filter(|s| matches!(s, Span::Link(..)))
                .collect();
            assert!(links.is_empty(), "{doc:?}: {links:?}");
        }
    }
}
