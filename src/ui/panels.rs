//! Panels beside and above the form: the error summary and the live request preview.

use super::fields::focus_later;
use super::Store;
use crate::diagnostic::Severity;
use crate::request;
use crate::value::dom_id;
use leptos::prelude::*;

/// GOV.UK error summary: "There is a problem", with a link per error that focuses the field.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let store = expect_context::<Store>();
    let items = Memo::new(move |_| {
        if !store.show_all.get() {
            return Vec::new();
        }
        store.findings.with(|findings| {
            store.form.with(|form| {
                findings
                    .all
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| {
                        let target = d.path().and_then(|p| {
                            let key = matches!(p.0.last(), Some(crate::value::Segment::KeyName));
                            form.locate(p).map(|l| if key { format!("{}-key", dom_id(&l)) } else { dom_id(&l) })
                        });
                        (target.unwrap_or_default(), d.message.clone())
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let check = move |_| {
        store.show_all.set(true);
        focus_later("error-summary".into());
    };
    view! {
        <div class="ps-check">
            <button type="button" class="ps-button" on:click=check>
                "Check request"
            </button>
            <p class="ps-check__status" role="status">
                {move || {
                    if !store.show_all.get() {
                        return String::new();
                    }
                    match store.findings.with(|f| f.error_count()) {
                        0 => "No problems found.".to_string(),
                        1 => "1 problem found.".to_string(),
                        n => format!("{n} problems found."),
                    }
                }}
            </p>
        </div>
        <Show when=move || !items.with(Vec::is_empty)>
            <div class="ps-error-summary" id="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
                <div role="alert">
                    <h2 class="ps-error-summary__title" id="error-summary-title">
                        "There is a problem"
                    </h2>
                    <ul class="ps-error-summary__list">
                        {move || {
                            items
                                .get()
                                .into_iter()
                                .map(|(target, message)| {
                                    let href = format!("#{target}");
                                    view! {
                                        <li>
                                            <a
                                                href=href
                                                on:click=move |ev| {
                                                    ev.prevent_default();
                                                    focus_later(target.clone());
                                                }
                                            >
                                                {message}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </div>
        </Show>
    }
}

/// The request JSON, live.
#[component]
pub fn RequestPreview() -> impl IntoView {
    let store = expect_context::<Store>();
    let text = Memo::new(move |_| store.form.with(request::to_pretty_json));
    view! {
        <section class="ps-preview" aria-labelledby="preview-title">
            <h2 class="ps-preview__title" id="preview-title">
                "Request JSON"
            </h2>
            <p class="ps-preview__hint">
                "For "
                <code>"aws cognito-idp create-user-pool --cli-input-json file://request.json"</code>
            </p>
            <pre class="ps-code" data-format="request-json" tabindex="0" aria-label="Request JSON">
                <code>{move || text.get()}</code>
            </pre>
        </section>
    }
}
