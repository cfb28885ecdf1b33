//! The browser app (Leptos, client-side rendered). Only this module touches Leptos and web-sys;
//! everything it shows comes from the core: the model, the form value, the diagnostics, the
//! request and the exports.
//!
//! State: one `RwSignal<FormValue>` in context ([`Store`]); one memo of all diagnostics (each
//! field's own checks made here, the cross-field rules by the helper worker); each
//! field reads its own node and problems through small memos that an edit wakes only on the
//! edited branch, so a keystroke re-renders the field typed in, its problem and the visible
//! export. Every change goes through [`Store::edit`], which records undo history; the draft
//! is saved to localStorage shortly after the last change.

mod browser;
mod decisions;
mod erased;
mod export_panel;
mod fields;
mod help;
mod panels;
mod progressive;
mod toolbar;
mod watch;
mod worker;

use crate::diagnostic::{Diagnostic, Severity};
use crate::history::History;
use crate::model::overlay::{self, SECTIONS};
use crate::value::{FormValue, Node, Step};
use crate::{request, saved, share};
use erased::{memo, on};
use leptos::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Every diagnostic of the form, indexed by the path where its fix goes.
#[derive(Debug, Default)]
pub struct Findings {
    pub all: Vec<Diagnostic>,
    /// (path, index into `all`), sorted by path: a sorted list is smaller in the WebAssembly
    /// than a hash map and as fast for a few hundred entries.
    by_path: Vec<(String, usize)>,
    /// (errors, warnings) per section, in `SECTIONS` order.
    by_section: [(usize, usize); SECTIONS.len()],
}

impl PartialEq for Findings {
    fn eq(&self, other: &Findings) -> bool {
        self.all == other.all
    }
}

impl Findings {
    fn new(all: Vec<Diagnostic>) -> Findings {
        let mut by_path = Vec::with_capacity(all.len());
        let mut by_section = [(0, 0); SECTIONS.len()];
        for (index, d) in all.iter().enumerate() {
            let Some(path) = d.path() else { continue };
            by_path.push((path.to_string(), index));
            let model_path = path.model_path();
            if let Some(section) =
                SECTIONS.iter().position(|s| overlay::section_of(&model_path).is_some_and(|o| o.id == s.id))
            {
                let counts = &mut by_section[section];
                match d.severity {
                    Severity::Error => counts.0 += 1,
                    Severity::Warning => counts.1 += 1,
                }
            }
        }
        crate::sort_small(&mut by_path, Ord::cmp);
        Findings { all, by_path, by_section }
    }

    /// The most severe problem at `path`, as (severity, message), with how many paths the
    /// rule involves (a cross-field problem names the other fields in its message).
    pub fn first_at(&self, path: &str) -> Option<(Severity, String)> {
        let start = self.by_path.partition_point(|(p, _)| p.as_str() < path);
        self.by_path[start..]
            .iter()
            .take_while(|(p, _)| p == path)
            .map(|&(_, i)| &self.all[i])
            .min_by_key(|d| d.severity)
            .map(|d| (d.severity, d.message.clone()))
    }

    pub fn error_count(&self) -> usize {
        self.all.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// The paths whose shown problem (`first_at`) differs between `self` and `next`.
    fn changed_paths<'a>(&'a self, next: &'a Findings) -> Vec<&'a str> {
        // Both lists are sorted by path: merge them, each path once (no sort code needed).
        let (old, new) = (&self.by_path, &next.by_path);
        let mut paths: Vec<&str> = Vec::with_capacity(old.len() + new.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() || j < new.len() {
            let path = if j == new.len() || (i < old.len() && old[i].0 <= new[j].0) {
                i += 1;
                old[i - 1].0.as_str()
            } else {
                j += 1;
                new[j - 1].0.as_str()
            };
            if paths.last() != Some(&path) {
                paths.push(path);
            }
        }
        paths.retain(|p| self.first_at(p) != next.first_at(p));
        paths
    }

    /// (errors, warnings) in a section.
    pub fn section_counts(&self, section: &str) -> (usize, usize) {
        SECTIONS.iter().position(|s| s.id == section).map(|i| self.by_section[i]).unwrap_or_default()
    }
}

/// The app's shared state, passed through context.
#[derive(Clone, Copy)]
pub struct Store {
    pub form: RwSignal<FormValue>,
    pub findings: Memo<Arc<Findings>>,
    /// One trigger per path a field shows problems for: an effect wakes only the paths whose
    /// problem changed, so a keystroke does not make hundreds of fields look again.
    problem_triggers: StoredValue<FxHashMap<String, ArcTrigger>>,
    /// What each mounted component reads from the form, by locator (see [`watch`]).
    node_watchers: StoredValue<watch::NodeWatchers>,
    /// Set by "Check request" and by exporting: every problem is shown from then on.
    pub show_all: RwSignal<bool>,
    history: StoredValue<History>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// A short announcement for screen readers and sighted users ("Copied", "Preset applied").
    pub status: RwSignal<String>,
    /// Longer messages that stay until dismissed (what a restore or import dropped).
    pub notices: RwSignal<Vec<String>>,
    /// The describe-user-pool output (and get-user-pool-mfa-config output) of the pool being
    /// changed ("Change an existing pool" in the import dialog); empty when creating a pool.
    pub plan_current: RwSignal<String>,
}

impl Store {
    fn new() -> Store {
        let form = RwSignal::new(FormValue::new());
        let cross_field = RwSignal::new(Vec::<Diagnostic>::new());
        // Each field's own checks (the model's constraints) are made here, at once; the
        // cross-field rules and lint run in the helper worker (`ask_cross_field`), which keeps
        // their code out of the first load, and join when its answer arrives.
        let findings = memo(move || {
            let mut all = form.with(crate::validate::check_fields);
            cross_field.with(|found| all.extend(found.iter().cloned()));
            crate::diagnostic::sort(&mut all);
            Arc::new(Findings::new(all))
        });
        let problem_triggers = StoredValue::new(FxHashMap::<String, ArcTrigger>::default());
        // Started in a task of its own: its first run computes every diagnostic (with the
        // rules' code compiled on first use, the longest piece of start-up), which should not
        // lengthen the task that shows the page (see `progressive`).
        let owner = Owner::current();
        let wake_changed_problems = move || {
            Effect::new(move |previous: Option<Arc<Findings>>| {
                let current = findings.get();
                let woken: Vec<ArcTrigger> = problem_triggers.with_value(|triggers| match &previous {
                    Some(previous) => {
                        previous.changed_paths(&current).into_iter().filter_map(|p| triggers.get(p).cloned()).collect()
                    }
                    None => triggers.values().cloned().collect(),
                });
                for trigger in woken {
                    trigger.notify();
                }
                current
            });
        };
        set_timeout(
            move || {
                owner.unwrap_or_default().with(|| {
                    wake_changed_problems();
                    ask_cross_field(form, cross_field);
                })
            },
            std::time::Duration::ZERO,
        );
        Store {
            form,
            findings,
            problem_triggers,
            node_watchers: StoredValue::new(watch::NodeWatchers::default()),
            show_all: RwSignal::new(false),
            history: StoredValue::new(History::new()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            status: RwSignal::new(String::new()),
            notices: RwSignal::new(Vec::new()),
            plan_current: RwSignal::new(String::new()),
        }
    }

    /// Changes the form, recording undo history. `at` is the locator of the node the change
    /// is confined to (its ancestors are woken too; an empty locator wakes every field).
    /// `key` names the field being typed in, so that keystrokes in one field undo together;
    /// `None` for changes that stand alone.
    pub fn edit(&self, at: &[Step], key: Option<&str>, change: impl FnOnce(&mut FormValue)) {
        let now = browser::now();
        // Copy the form for undo only when this change starts a new undo step.
        if self.history.with_value(|h| h.starts_step(key, now)) {
            let before = self.form.get_untracked();
            self.history.update_value(|h| h.record(&before, key, now));
        } else {
            self.history.update_value(|h| h.continue_step(key, now));
        }
        self.form.update(change);
        self.wake_nodes(at);
        self.sync_history();
    }

    /// A signal of what `read` takes from the node at `locator`, updated only when an edit on
    /// its branch changed it (see [`watch`]).
    pub fn watch_node<T: PartialEq + Send + Sync + 'static>(
        &self,
        locator: &[Step],
        read: impl Fn(Option<&Node>) -> T + Send + Sync + 'static,
    ) -> ReadSignal<T> {
        watch::watch_node(self.form, self.node_watchers, locator, read)
    }

    /// Brings the components on the branch down to `at` up to date (all when `at` is empty).
    fn wake_nodes(&self, at: &[Step]) {
        let affected = self.node_watchers.with_value(|w| w.affected(at));
        self.form.with_untracked(|form| affected.iter().for_each(|watcher| watcher(form)));
    }

    /// The problem shown at `path`, tracked: the caller re-runs when it changes.
    pub fn problem_at(&self, path: &str) -> Option<(Severity, String)> {
        self.problem_triggers.try_update_value(|triggers| {
            if let Some(trigger) = triggers.get(path) {
                trigger.track();
            } else {
                let trigger = ArcTrigger::new();
                trigger.track();
                triggers.insert(path.to_string(), trigger);
            }
        });
        self.findings.with_untracked(|f| f.first_at(path))
    }

    /// Replaces the whole form (import, preset, start over), as one undoable step.
    pub fn replace(&self, next: FormValue) {
        self.edit(&[], None, move |form| *form = next);
    }

    pub fn undo(&self) {
        let current = self.form.get_untracked();
        if let Some(previous) = self.history.try_update_value(|h| h.undo(&current)).flatten() {
            self.form.set(previous);
            self.wake_nodes(&[]);
            self.status.set("Undone.".into());
        }
        self.sync_history();
    }

    pub fn redo(&self) {
        let current = self.form.get_untracked();
        if let Some(next) = self.history.try_update_value(|h| h.redo(&current)).flatten() {
            self.form.set(next);
            self.wake_nodes(&[]);
            self.status.set("Redone.".into());
        }
        self.sync_history();
    }

    fn sync_history(&self) {
        let (undo, redo) = self.history.with_value(|h| (h.can_undo(), h.can_redo()));
        self.can_undo.set(undo);
        self.can_redo.set(redo);
    }

    pub fn announce(&self, message: impl Into<String>) {
        self.status.set(message.into());
    }
}

/// Asks the helper worker for the cross-field diagnostics of every new form; an answer to a form
/// that has changed since is dropped.
fn ask_cross_field(form: RwSignal<FormValue>, cross_field: RwSignal<Vec<Diagnostic>>) {
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let mut ask = vec![("op".into(), crate::json::Json::str("check"))];
        ask.extend(form.with(crate::worker::form_members));
        let ticket = latest.get_value() + 1;
        latest.set_value(ticket);
        worker::ask(ask, move |answer| {
            if latest.get_value() != ticket {
                return;
            }
            let found = match answer.as_ref().ok().and_then(|a| a.get("diagnostics")) {
                Some(crate::json::Json::Array(items)) => {
                    items.iter().filter_map(|d| Diagnostic::from_json(d, "cross-field")).collect()
                }
                _ => Vec::new(),
            };
            cross_field.set(found);
            // For scripts/bench: the cross-field diagnostics of an edit are on the page.
            browser::mark("poolsmith:cross-field");
        });
    });
}

/// Restores the saved draft, then a request carried by a share link (which wins; the draft
/// stays one undo away).
fn restore(store: Store) {
    if let Some(text) = browser::load(saved::STORAGE_KEY) {
        let restored = saved::restore(&text);
        if restored.unreadable {
            let _ = browser::save(saved::SET_ASIDE_KEY, &text);
        }
        store.form.set(restored.form);
        store.notices.set(restored.dropped);
    }
    match share::request_text(&browser::hash()) {
        None => {}
        Some(Err(message)) => store.notices.update(|n| n.push(message.into())),
        Some(Ok(text)) => {
            let (mut form, problems) = request::from_text(&text);
            if let Some(factors) = share::factors(&browser::hash()) {
                form.set_mfa(factors);
            }
            let had_draft = !store.form.with_untracked(FormValue::is_empty);
            store.replace(form);
            let mut notice = "Loaded the request from the share link.".to_string();
            if had_draft {
                notice.push_str(" Undo brings back your previous draft.");
            }
            store.notices.update(|n| {
                n.push(notice);
                n.extend(problems.into_iter().map(|p| format!("From the link: {}", p.message)));
            });
            browser::clear_hash();
        }
    }
}

/// Saves the draft a moment after the last change (serialising a large form on every
/// keystroke would cost more than the keystroke itself), and at once when the page is hidden
/// or closed, so a reload never loses the last edit.
fn autosave(store: Store) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let save_now = move || {
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let text = store.form.with_untracked(saved::serialize);
        if let Err(message) = browser::save(saved::STORAGE_KEY, &text) {
            store.announce(message);
        }
    };
    Effect::new(move |_| {
        store.form.track();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        pending.set_value(set_timeout_with_handle(save_now, std::time::Duration::from_millis(300)).ok());
    });
    // "pagehide" covers reloads and closing; "visibilitychange" covers a phone switching apps,
    // after which the browser may discard the page without another event.
    for event in ["pagehide", "visibilitychange"] {
        let flush = window_event_listener_untyped(event, move |_| {
            if pending.with_value(Option::is_some) {
                save_now();
            }
        });
        // The app lives as long as the page; keep listening.
        std::mem::forget(flush);
    }
}

/// The form, its navigation and the exports: everything below the header.
#[component]
fn Workspace() -> impl IntoView {
    let progress = progressive::Progress::start();
    let exports_ready = progress.exports_ready();
    view! {
        <div class="ps-layout">
            <panels::SectionNav />
            <main id="main" class="ps-main" tabindex="-1">
                <h1 class="ps-title">"Create a user pool"</h1>
                <panels::Notices />
                <panels::ErrorSummary />
                <form
                    class="ps-form"
                    novalidate=true
                    aria-busy=move || if progress.complete() { "false" } else { "true" }
                    on:submit=on(|ev: web_sys::SubmitEvent| ev.prevent_default())
                >
                    {SECTIONS
                        .iter()
                        .enumerate()
                        .map(|(index, section)| {
                            view! { <fields::SectionView section=section index=index progress=progress /> }.into_any()
                        })
                        .collect_view()}
                </form>
            </main>
            <aside class="ps-aside" aria-label="Exports">
                {erased::show(move || exports_ready.get(), || view! { <export_panel::ExportPanel /> }.into_any())}
            </aside>
        </div>
    }
}

/// The app: the shared [`Store`] and the toolbar, in the page's header; the workspace follows
/// in a task of its own, so that neither task is long on a slow phone (see `progressive`).
/// Only ever adding below what is on screen, it moves nothing.
#[component]
fn App() -> impl IntoView {
    let owner = Owner::current();
    set_timeout(
        move || {
            // Mounted under this owner, the workspace finds the store in context.
            if let Some(owner) = owner {
                owner.with(|| leptos::mount::mount_to_body(Workspace));
            }
            // For the "interactive" measurement (scripts/bench): the first fields now accept input.
            browser::mark("poolsmith:interactive");
            browser::register_service_worker();
        },
        std::time::Duration::ZERO,
    );
    let store = Store::new();
    provide_context(store);
    restore(store);
    autosave(store);
    view! { <toolbar::Toolbar /> }
}

/// Mounts the app (the WebAssembly entry point calls this). `index.html` already shows the
/// header, so the page has its title and purpose on screen before the WebAssembly arrives;
/// the toolbar takes the loading line's place at the end of that header.
pub fn mount() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(header) = document.query_selector("header").ok().flatten() else { return };
    if let Some(loading) = document.get_element_by_id("ps-loading") {
        loading.remove();
    }
    leptos::mount::mount_to(header.unchecked_into(), App).forget();
}
