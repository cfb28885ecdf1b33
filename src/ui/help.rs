//! "More about …": a field's full AWS documentation, fetched from the helper worker the first
//! time it is opened (the first page load does not carry the help text). The body is only
//! created then, too: a hundred closed help boxes cost a summary each, not three elements.
//! Everything is inserted as text nodes; there is no HTML from the model anywhere in the page.
//! The text is added with DOM calls once it arrives (see [`blocks`]): it never changes
//! afterwards.

use super::erased::on;
use super::worker;
use crate::json::Json;
use crate::model::doc::{self, Block, Span};
use crate::model::overlay;
use crate::model::Field;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Help(field: &'static Field) -> impl IntoView {
    let asked = StoredValue::new(false);
    let load = move |event: web_sys::Event| {
        if asked.get_value() {
            return;
        }
        asked.set_value(true);
        // The event's target is the `<details>` (toggle does not bubble): no node reference,
        // whose code costs 0.7 KB gzip of WebAssembly.
        let Some(details) = event.target() else { return };
        let Some(body) = add(details.unchecked_ref(), "div") else { return };
        body.set_class_name("ps-help__body");
        if let Some(p) = add(&body, "p") {
            p.set_text_content(Some("Loading the AWS documentation…"));
        }
        let ask = vec![("op".into(), Json::str("help")), ("field".into(), Json::Number(field.id.to_string()))];
        worker::ask(ask, move |answer| match answer {
            Ok(answer) => {
                let text = answer.get("doc").and_then(Json::as_str).unwrap_or_default();
                if !text.is_empty() {
                    body.set_text_content(None);
                    blocks(&body, text);
                }
            }
            Err(message) => {
                body.set_text_content(None);
                if let Some(p) = add(&body, "p") {
                    p.set_text_content(Some(&message));
                }
            }
        });
    };
    (!field.is_synthetic()).then(|| {
        view! {
            <details class="ps-help" on:toggle=on(load)>
                <summary class="ps-help__summary">{format!("More about {}", overlay::label_in_sentence(field))}</summary>
            </details>
        }
        .into_any()
    })
}

/// Appends a `tag` element to `parent`.
fn add(parent: &web_sys::Element, tag: &str) -> Option<web_sys::Element> {
    let child = parent.owner_document()?.create_element(tag).ok()?;
    parent.append_child(&child).ok()?;
    Some(child)
}

/// Appends the help text to `body`, built with DOM calls rather than `view!`: the text never
/// changes once shown, and the Leptos view types it would need (one per kind of block and of
/// inline span) cost about 5 KB gzip of WebAssembly in the first load.
fn blocks(body: &web_sys::Element, text: &str) {
    let paragraphs = |parent: &web_sys::Element, paragraphs: Vec<Vec<Span>>| {
        for spans in paragraphs {
            inline(add(parent, "p"), spans);
        }
    };
    for block in doc::parse(text) {
        match block {
            Block::Paragraph(spans) => inline(add(body, "p"), spans),
            Block::BulletList(items) => {
                if let Some(list) = add(body, "ul") {
                    for item in items {
                        inline(add(&list, "li"), item);
                    }
                }
            }
            Block::Note(items) => {
                if let Some(note) = add(body, "div") {
                    note.set_class_name("ps-help__note");
                    paragraphs(&note, items);
                }
            }
            Block::Definitions(pairs) => {
                if let Some(list) = add(body, "dl") {
                    for (term, items) in pairs {
                        inline(add(&list, "dt"), term);
                        if let Some(definition) = add(&list, "dd") {
                            paragraphs(&definition, items);
                        }
                    }
                }
            }
        }
    }
}

/// Appends inline spans to `parent`, as text nodes (never as HTML).
fn inline(parent: Option<web_sys::Element>, spans: Vec<Span>) {
    let Some(parent) = parent else { return };
    for span in spans {
        let (tag, text) = match span {
            Span::Text(t) => {
                let _ = parent.append_with_str_1(t);
                continue;
            }
            Span::Code(t) => ("code", t),
            Span::Emphasis(t) => ("em", t),
            Span::Strong(t) => ("strong", t),
            Span::Link(t, href) => {
                if let Some(a) = add(&parent, "a") {
                    let _ = a.set_attribute("href", href);
                    let _ = a.set_attribute("target", "_blank");
                    let _ = a.set_attribute("rel", "noopener noreferrer");
                    a.set_text_content(Some(t));
                }
                continue;
            }
        };
        if let Some(element) = add(&parent, tag) {
            element.set_text_content(Some(text));
        }
    }
}
