//! "More about …": a field's full AWS documentation, fetched from the helper worker the first
//! time it is opened (the first page load does not carry the help text). Everything is
//! inserted as text nodes; there is no HTML from the model anywhere in the page.

use super::worker;
use crate::json::Json;
use crate::model::doc::{self, Block, Span};
use crate::model::overlay;
use crate::model::Field;
use leptos::prelude::*;

#[component]
pub fn Help(field: &'static Field) -> impl IntoView {
    let doc: RwSignal<Option<Result<String, String>>> = RwSignal::new(None);
    let load = move |_| {
        if doc.get_untracked().is_some() {
            return;
        }
        doc.set(Some(Ok(String::new())));
        let ask = vec![("op".into(), Json::str("help")), ("field".into(), Json::Number(field.id.to_string()))];
        worker::ask(ask, move |answer| {
            doc.set(Some(answer.map(|a| a.get("doc").and_then(Json::as_str).unwrap_or_default().to_string())));
        });
    };
    (!field.is_synthetic()).then(|| {
        view! {
            <details class="ps-help" on:toggle=load>
                <summary class="ps-help__summary">{format!("More about {}", overlay::label_in_sentence(field))}</summary>
                <div class="ps-help__body">
                    {move || match doc.get() {
                        Some(Ok(text)) if !text.is_empty() => blocks(&text),
                        Some(Err(message)) => view! { <p>{message}</p> }.into_any(),
                        _ => view! { <p>"Loading the AWS documentation…"</p> }.into_any(),
                    }}
                </div>
            </details>
        }
    })
}

fn blocks(text: &str) -> AnyView {
    let paragraph = |spans: Vec<Span>| view! { <p>{inline(spans)}</p> };
    doc::parse(text)
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(spans) => paragraph(spans).into_any(),
            Block::BulletList(items) => {
                view! { <ul>{items.into_iter().map(|item| view! { <li>{inline(item)}</li> }).collect_view()}</ul> }
                    .into_any()
            }
            Block::Note(paragraphs) => {
                view! { <div class="ps-help__note">{paragraphs.into_iter().map(paragraph).collect_view()}</div> }
                    .into_any()
            }
            Block::Definitions(pairs) => view! {
                <dl>
                    {pairs
                        .into_iter()
                        .map(|(term, paragraphs)| {
                            view! {
                                <dt>{inline(term)}</dt>
                                <dd>{paragraphs.into_iter().map(paragraph).collect_view()}</dd>
                            }
                        })
                        .collect_view()}
                </dl>
            }
            .into_any(),
        })
        .collect_view()
        .into_any()
}

fn inline(spans: Vec<Span>) -> AnyView {
    spans
        .into_iter()
        .map(|span| match span {
            Span::Text(t) => t.to_string().into_any(),
            Span::Code(t) => view! { <code>{t.to_string()}</code> }.into_any(),
            Span::Emphasis(t) => view! { <em>{t.to_string()}</em> }.into_any(),
            Span::Strong(t) => view! { <strong>{t.to_string()}</strong> }.into_any(),
            Span::Link(text, href) => view! {
                <a href=href.to_string() target="_blank" rel="noopener noreferrer">
                    {text.to_string()}
                </a>
            }
            .into_any(),
        })
        .collect_view()
        .into_any()
}
