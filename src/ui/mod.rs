//! The browser app (Leptos, client-side rendered). Only this module touches Leptos and web-sys;
//! everything it shows comes from the core: the model, the form value, the diagnostics and the
//! request.
//!
//! State: one `RwSignal<FormValue>` in context ([`Store`]); one memo of all diagnostics;
//! each field reads its own value and problem through small memos, so a keystroke re-renders
//! only the field typed in, its problem and the visible export.

mod fields;
mod help;
mod panels;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::overlay::SECTIONS;
use crate::value::FormValue;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Every diagnostic of the form, indexed by the path where its fix goes.
#[derive(Debug, Default)]
pub struct Findings {
    pub all: Vec<Diagnostic>,
    by_path: HashMap<String, Vec<usize>>,
}

impl PartialEq for Findings {
    fn eq(&self, other: &Findings) -> bool {
        self.all == other.all
    }
}

impl Findings {
    fn new(all: Vec<Diagnostic>) -> Findings {
        let mut by_path: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, d) in all.iter().enumerate() {
            if let Some(path) = d.path() {
                by_path.entry(path.to_string()).or_default().push(index);
            }
        }
        Findings { all, by_path }
    }

    /// The most severe problem at `path`, as (severity, message).
    pub fn first_at(&self, path: &str) -> Option<(Severity, String)> {
        let indexes = self.by_path.get(path)?;
        indexes.iter().map(|&i| &self.all[i]).min_by_key(|d| d.severity).map(|d| (d.severity, d.message.clone()))
    }

    /// How many errors there are.
    pub fn error_count(&self) -> usize {
        self.all.iter().filter(|d| d.severity == Severity::Error).count()
    }
}

/// The app's shared state, passed through context.
#[derive(Clone, Copy)]
pub struct Store {
    pub form: RwSignal<FormValue>,
    pub findings: Memo<Arc<Findings>>,
    /// Set by "Check request" and by exporting: every problem is shown from then on.
    pub show_all: RwSignal<bool>,
}

impl Store {
    fn new() -> Store {
        let form = RwSignal::new(FormValue::new());
        let findings = Memo::new(move |_| Arc::new(Findings::new(form.with(crate::diagnostics))));
        Store { form, findings, show_all: RwSignal::new(false) }
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let store = Store::new();
    provide_context(store);
    view! {
        <a class="ps-skip-link" href="#main">"Skip to the form"</a>
        <header class="ps-header">
            <div class="ps-header__inner">
                <p class="ps-header__title">"Poolsmith"</p>
                <p class="ps-header__tagline">
                    "Build an Amazon Cognito CreateUserPool request. Everything stays in your browser."
                </p>
            </div>
        </header>
        <div class="ps-layout">
            <nav class="ps-nav" aria-label="Sections">
                <ul class="ps-nav__list">
                    {SECTIONS
                        .iter()
                        .map(|section| {
                            view! {
                                <li>
                                    <a class="ps-nav__link" href=format!("#s-{}", section.id)>
                                        {section.title}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <main id="main" class="ps-main" tabindex="-1">
                <h1 class="ps-title">"Create a user pool"</h1>
                <panels::ErrorSummary />
                <form class="ps-form" novalidate=true on:submit=|ev| ev.prevent_default()>
                    {SECTIONS.iter().map(|section| view! { <fields::SectionView section=section /> }).collect_view()}
                </form>
            </main>
            <aside class="ps-aside" aria-label="Request">
                <panels::RequestPreview />
            </aside>
        </div>
    }
}

/// Mounts the app on `<body>` (the WebAssembly entry point calls this).
pub fn mount() {
    leptos::mount::mount_to_body(App);
}
