//! The exports, side by side: a tab per format (ids as in the CLI, on `data-format`), the
//! text of the visible format only, copy and download, the format's notes, and the "locked
//! after creation" checklist before the first copy.

use super::browser::{self, focus_later};
use super::erased::{memo, on, show};
use super::{worker, Store};
use crate::export::Format;
use crate::json::Json;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ExportPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    // The visible format's id, and (below) the action waiting for the checklist ("copy" or
    // "download", empty when none): `String` signals, because each other signal type costs its
    // own copy of Leptos' signal code in the WebAssembly.
    let active = RwSignal::new(Format::RequestJson.id().to_string());
    let current = move || active.with(|id| Format::from_id(id).unwrap_or(Format::RequestJson));
    // Every format is rendered by the helper worker (which the page starts at once for the
    // cross-field checks): the exporters, the MFA follow-up notes and the placeholders for a
    // template's expressions stay out of the first load. Request JSON's text is also written
    // here at once, so the preview follows every keystroke. Answers to superseded questions are
    // ignored.
    let text = RwSignal::new(String::new());
    // The format `text` and `notes` belong to: while another is being made, the panel shows
    // nothing under the new name, and Copy and Download wait for it.
    let text_format = RwSignal::new(String::new());
    let notes: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let loading = RwSignal::new(false);
    // The text shown is this format's (maybe of the form a keystroke ago, while the new one is
    // made); what Copy and Download take must be the latest.
    let this_format = memo(move || text_format.with(|f| active.with(|a| f == a)));
    let ready = memo(move || !loading.get() && this_format.get());
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let format = current();
        let members = store.form.with(crate::worker::form_members);
        // Changing an existing pool: the worker plans the change from it to the form (op
        // `plan`): the format's update script (or, for CloudFormation, Terraform and CDK, the
        // export) and, in the notes, the change table and the reset report.
        let planning = store.plan_current.get();
        let ticket = latest.get_value() + 1;
        latest.set_value(ticket);
        if format == Format::RequestJson && members.len() == 2 && planning.is_empty() {
            // The request JSON's text at once, on the page, as the worker writes it (the request
            // CreateUserPool gets: MFA factors beyond SMS move MFA to a second call); its notes
            // follow from the worker, and Copy and Download wait for them.
            let request = &members[0].1;
            let create = crate::mfa::create_request(request, store.form.with(|f| f.mfa()));
            let mut shown = String::new();
            crate::json::write_pretty(create.as_ref().unwrap_or(request), 0, &mut shown);
            shown.push('\n');
            text.set(shown);
            text_format.set(format.id().to_string());
        }
        loading.set(true);
        let mut ask = vec![
            ("op".into(), Json::str(if planning.is_empty() { "export" } else { "plan" })),
            ("current".into(), Json::String(planning)),
            ("format".into(), Json::str(format.id())),
        ];
        ask.extend(members);
        worker::ask(ask, move |answer| {
            if latest.get_value() != ticket {
                return;
            }
            text_format.set(format.id().to_string());
            match answer {
                Ok(answer) => {
                    let answered = answer.get("text").and_then(Json::as_str).unwrap_or_default();
                    // Usually the text the page already shows: the DOM is left alone then.
                    if text.with_untracked(|shown| shown != answered) {
                        text.set(answered.to_string());
                    }
                    let list = match answer.get("notes") {
                        Some(Json::Array(items)) => {
                            items.iter().filter_map(|n| n.as_str().map(str::to_string)).collect()
                        }
                        _ => Vec::new(),
                    };
                    notes.set(list);
                }
                Err(message) => {
                    text.set(String::new());
                    notes.set(vec![message]);
                }
            }
            loading.set(false);
        });
    });
    let copied = RwSignal::new(String::new());
    // The checklist is shown before the first copy or download, and again when a locked
    // choice changes after it was confirmed.
    // The helper worker words them (`rules::locked::choices`) when Copy or Download is pressed:
    // "topic\tchoice" lines, kept as `String`s (a signal of pairs would bring its own copy of
    // Leptos' signal code into the page).
    let choices: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let confirmed: RwSignal<Option<Vec<String>>> = RwSignal::new(None);
    let pending = RwSignal::new(String::new());
    let errors = memo(move || store.findings.with(|f| f.error_count()));
    // Nothing entered yet: an invitation, not "1 error" before the person has done anything.
    let empty = memo(move || store.form.with(crate::value::FormValue::is_empty));

    let deliver = move |action: &'static str| {
        if !ready.get_untracked() {
            return;
        }
        let format = untrack(current);
        let body = text.get_untracked();
        if errors.get_untracked() > 0 {
            store.show_all.set(true);
        }
        match action {
            "download" => {
                let ok = browser::download(format.file_name(), &body);
                let message = if ok {
                    format!("Downloaded {}.", format.file_name())
                } else {
                    "The download did not start.".into()
                };
                copied.set(message.clone());
                store.announce(message);
            }
            _ => spawn_local(async move {
                let message = if browser::copy(&body).await {
                    format!("Copied the {} export.", format.title())
                } else {
                    "Copying was blocked by the browser: select the text and copy it yourself.".to_string()
                };
                copied.set(message.clone());
                store.announce(message);
            }),
        }
    };
    let request_action = move |action: &'static str| {
        // Changing a pool: what the update resets or cannot do, instead of what can never change.
        let mut ask = vec![
            ("op".into(), Json::str("locked")),
            ("current".into(), Json::String(store.plan_current.get_untracked())),
        ];
        ask.extend(store.form.with_untracked(crate::worker::form_members));
        worker::ask(ask, move |answer| {
            let current: Vec<String> = match answer.as_ref().ok().and_then(|a| a.get("choices")) {
                Some(Json::Array(items)) => items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect(),
                _ => Vec::new(),
            };
            if confirmed.with_untracked(|c| c.as_ref() == Some(&current)) {
                deliver(action);
            } else {
                choices.set(current);
                pending.set(action.to_string());
                focus_later("locked-checklist".into());
            }
        });
    };
    let confirm = move |_| {
        confirmed.set(Some(choices.get_untracked()));
        let action = pending.get_untracked();
        if !action.is_empty() {
            pending.set(String::new());
            deliver(if action == "download" { "download" } else { "copy" });
        }
    };

    view! {
        <section class="ps-exports" aria-labelledby="exports-title">
            <h2 class="ps-exports__title" id="exports-title">
                "Export"
            </h2>
            <div class="ps-tabs" role="tablist" aria-label="Export formats">
                {Format::ALL
                    .iter()
                    .map(|&format| {
                        let selected = memo(move || active.with(|id| id == format.id()));
                        view! {
                            <button
                                type="button"
                                role="tab"
                                class="ps-tab"
                                id=format!("tab-{}", format.id())
                                data-format=format.id()
                                aria-controls="export-panel"
                                aria-selected=move || if selected.get() { "true" } else { "false" }
                                tabindex=move || if selected.get() { "0" } else { "-1" }
                                on:click=on(move |_| active.set(format.id().to_string()))
                                on:keydown=on(move |ev: web_sys::KeyboardEvent| {
                                    let step: isize = match ev.key().as_str() {
                                        "ArrowRight" => 1,
                                        "ArrowLeft" => -1,
                                        _ => return,
                                    };
                                    ev.prevent_default();
                                    let index = Format::ALL.iter().position(|f| *f == format).unwrap_or(0) as isize;
                                    let count = Format::ALL.len() as isize;
                                    let next = Format::ALL[((index + step + count) % count) as usize];
                                    active.set(next.id().to_string());
                                    browser::focus_now(&format!("tab-{}", next.id()));
                                })
                            >
                                {format.title()}
                            </button>
                        }
                        .into_any()
                    })
                    .collect_view()}
            </div>
            <div
                class="ps-exports__panel"
                id="export-panel"
                role="tabpanel"
                aria-labelledby=move || format!("tab-{}", current().id())
            >
                {show(move || empty.get(), || view! {
                    <p class="ps-exports__start">"Name your pool to begin: every format fills in as you answer."</p>
                 }.into_any())}
                {show(move || { errors.get() > 0 && !empty.get() }, move || view! {
                    <p class="ps-exports__errors">
                        {move || {
                            let n = errors.get();
                            format!("The request has {n} error{}: AWS will reject it until {} fixed. ", if n == 1 { "" } else { "s" }, if n == 1 { "it is" } else { "they are" })
                        }}
                        <a
                            href="#error-summary"
                            on:click=on(move |ev: web_sys::MouseEvent| {
                                ev.prevent_default();
                                store.show_all.set(true);
                                focus_later("error-summary".into());
                            })
                        >
                            "Show the errors"
                        </a>
                    </p>
                 }.into_any())}
                <div class="ps-exports__actions">
                    <button type="button" class="ps-button" disabled=move || !ready.get() on:click=on(move |_| request_action("copy"))>
                        "Copy"
                    </button>
                    <button
                        type="button"
                        class="ps-button ps-button--secondary"
                        disabled=move || !ready.get()
                        on:click=on(move |_| request_action("download"))
                    >
                        {move || format!("Download {}", current().file_name())}
                    </button>
                    <p class="ps-exports__copied" role="status">
                        {move || copied.get()}
                    </p>
                </div>
                {show(move || !pending.with(String::is_empty), move || view! {
                    <div class="ps-checklist" id="locked-checklist" tabindex="-1" role="group" aria-labelledby="checklist-title">
                        <h3 class="ps-checklist__title" id="checklist-title">
                            "Check these first: none of them can be undone"
                        </h3>
                        <ul class="ps-checklist__list">
                            {move || {
                                choices
                                    .get()
                                    .into_iter()
                                    .map(|line| {
                                        let (topic, choice) = line.split_once('\t').unwrap_or(("", line.as_str()));
                                        let (topic, choice) = (format!("{topic}: "), choice.to_string());
                                        view! { <li><strong>{topic}</strong>{choice}</li> }.into_any()
                                    })
                                    .collect_view()
                            }}
                        </ul>
                        <div class="ps-exports__actions">
                            <button type="button" class="ps-button" on:click=on(confirm)>
                                {move || if pending.with(|p| p == "download") { "These are right: download" } else { "These are right: copy" }}
                            </button>
                            <button type="button" class="ps-button ps-button--secondary" on:click=on(move |_| pending.set(String::new()))>
                                "Go back and change them"
                            </button>
                        </div>
                    </div>
                 }.into_any())}
                <pre
                    class="ps-code"
                    data-format=move || current().id()
                    aria-busy=move || if ready.get() { "false" } else { "true" }
                    tabindex="0"
                    aria-label=move || format!("{} export", current().title())
                >
                    <code>{move || if this_format.get() { text.get() } else { String::new() }}</code>
                </pre>
                <ul class="ps-exports__notes">
                    {move || {
                        let shown = if this_format.get() { notes.get() } else { Vec::new() };
                        shown.into_iter().map(|n| view! { <li>{n}</li> }.into_any()).collect_view()
                    }}
                </ul>
            </div>
        </section>
    }
}
