//! Renders a field's AWS documentation from the model's compact help text. Everything is
//! inserted as text nodes; there is no HTML from the model anywhere in the page. The text is
//! parsed only when the reader opens "More about …".

use crate::model::doc::{self, Block, Span};
use crate::model::overlay;
use crate::model::Field;
use leptos::prelude::*;

/// "More about …": the field's full AWS documentation, collapsed until asked for.
#[component]
pub fn Help(field: &'static Field) -> impl IntoView {
    let open = RwSignal::new(false);
    (!field.doc.is_empty()).then(|| {
        view! {
            <details class="ps-help" on:toggle=move |_| open.set(true)>
                <summary class="ps-help__summary">{format!("More about {}", overlay::label_in_sentence(field))}</summary>
                <div class="ps-help__body">{move || open.get().then(|| blocks(field.doc))}</div>
            </details>
        }
    })
}

fn blocks(text: &'static str) -> AnyView {
    doc::parse(text)
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(spans) => view! { <p>{inline(spans)}</p> }.into_any(),
            Block::BulletList(items) => {
                view! { <ul>{items.into_iter().map(|item| view! { <li>{inline(item)}</li> }).collect_view()}</ul> }
                    .into_any()
            }
            Block::Note(paragraphs) => view! {
                <div class="ps-help__note">
                    {paragraphs.into_iter().map(|p| view! { <p>{inline(p)}</p> }).collect_view()}
                </div>
            }
            .into_any(),
            Block::Definitions(pairs) => view! {
                <dl>
                    {pairs
                        .into_iter()
                        .map(|(term, paragraphs)| {
                            view! {
                                <dt>{inline(term)}</dt>
                                <dd>{paragraphs.into_iter().map(|p| view! { <p>{inline(p)}</p> }).collect_view()}</dd>
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

fn inline(spans: Vec<Span<'static>>) -> AnyView {
    spans
        .into_iter()
        .map(|span| match span {
            Span::Text(t) => t.into_any(),
            Span::Code(t) => view! { <code>{t}</code> }.into_any(),
            Span::Emphasis(t) => view! { <em>{t}</em> }.into_any(),
            Span::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
            Span::Link(text, href) => view! {
                <a href=href target="_blank" rel="noopener noreferrer">
                    {text}
                </a>
            }
            .into_any(),
        })
        .collect_view()
        .into_any()
}
