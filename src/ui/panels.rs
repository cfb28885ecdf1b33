//! Panels around the form: the section navigation with problem counts, notices, and the
//! GOV.UK error summary.

use super::browser::focus_later;
use super::erased::{memo, on, show};
use super::Store;
use crate::diagnostic::Severity;
use crate::model::overlay::SECTIONS;
use crate::value::{dom_id, FieldPath, FormValue, Segment};
use leptos::prelude::*;

/// The DOM id of the control where `path` is fixed: the control itself, or the nearest
/// container that is rendered (a list's fieldset when the row is gone).
pub fn target_id(form: &FormValue, path: &FieldPath) -> String {
    let mut path = path.clone();
    loop {
        if let Some(locator) = form.locate(&path) {
            let key = matches!(path.0.last(), Some(Segment::KeyName));
            let id = dom_id(&locator);
            return if key { format!("{id}-key") } else { id };
        }
        match path.parent() {
            Some(parent) if !parent.0.is_empty() => path = parent,
            _ => return "main".into(),
        }
    }
}

/// The sections, each with its error and warning count.
#[component]
pub fn SectionNav() -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <nav class="ps-nav" aria-label="Sections">
            <ul class="ps-nav__list">
                {SECTIONS
                    .iter()
                    .map(|section| {
                        // Two `usize` memos rather than one of a pair: a memo type of its own
                        // would carry its own copy of Leptos' memo code.
                        let errors = memo(move || store.findings.with(|f| f.section_counts(section.id).0));
                        let warnings = memo(move || store.findings.with(|f| f.section_counts(section.id).1));
                        let shown = move || if store.show_all.get() { (errors.get(), warnings.get()) } else { (0, 0) };
                        view! {
                            <li>
                                <a class="ps-nav__link" href=format!("#s-{}", section.id)>
                                    <span>{section.title}</span>
                                    {move || {
                                        let (errors, warnings) = shown();
                                        (errors > 0)
                                            .then(|| {
                                                view! {
                                                    <span class="ps-count ps-count--error">
                                                        {format!("{errors} error{}", if errors == 1 { "" } else { "s" })}
                                                    </span>
                                                }
                                                .into_any()
                                            })
                                            .into_iter()
                                            .chain((warnings > 0).then(|| {
                                                view! {
                                                    <span class="ps-count ps-count--warning">
                                                        {format!("{warnings} warning{}", if warnings == 1 { "" } else { "s" })}
                                                    </span>
                                                }
                                                .into_any()
                                            }))
                                            .collect_view()
                                    }}
                                </a>
                            </li>
                        }
                        .into_any()
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Messages that stay until dismissed: what a restored draft, a link or an import dropped.
#[component]
pub fn Notices() -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        {show(move || !store.notices.with(Vec::is_empty), move || view! {
            <div class="ps-notice" id="notices" tabindex="-1" role="region" aria-label="Notices">
                <ul class="ps-notice__list">
                    {move || store.notices.get().into_iter().map(|n| view! { <li>{n}</li> }.into_any()).collect_view()}
                </ul>
                <button type="button" class="ps-button ps-button--small" on:click=on(move |_| store.notices.set(Vec::new()))>
                    "Dismiss"
                </button>
            </div>
         }.into_any())}
    }
}

/// "Check request" and the GOV.UK error summary: "There is a problem", a link per error that
/// focuses the field, warnings listed after errors.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let store = expect_context::<Store>();
    let items = memo(move || {
        if !store.show_all.get() {
            return Vec::new();
        }
        store.findings.with(|findings| {
            store.form.with(|form| {
                findings
                    .all
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| (d.path().map(|p| target_id(form, p)).unwrap_or_else(|| "main".into()), d.message.clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let check = move |_| {
        store.show_all.set(true);
        if store.findings.with_untracked(|f| f.error_count()) > 0 {
            focus_later("error-summary".into());
        }
    };
    view! {
        <div class="ps-check">
            <button type="button" class="ps-button" on:click=on(check)>
                "Check request"
            </button>
            <p class="ps-check__status" role="status">
                {move || {
                    if !store.show_all.get() {
                        return String::new();
                    }
                    let (errors, warnings) = store.findings.with(|f| (f.error_count(), f.all.len() - f.error_count()));
                    match (errors, warnings) {
                        (0, 0) => "No problems found.".to_string(),
                        (0, w) => format!("No errors. {w} warning{} to consider.", if w == 1 { "" } else { "s" }),
                        (1, _) => "1 error found.".to_string(),
                        (e, _) => format!("{e} errors found."),
                    }
                }}
            </p>
        </div>
        {show(move || !items.with(Vec::is_empty), move || view! {
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
                                                on:click=on(move |ev: web_sys::MouseEvent| {
                                                    ev.prevent_default();
                                                    focus_later(target.clone());
                                                })
                                            >
                                                {message}
                                            </a>
                                        </li>
                                    }
                                    .into_any()
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </div>
         }.into_any())}
    }
}
