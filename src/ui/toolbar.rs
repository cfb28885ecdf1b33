//! The toolbar: find a parameter, import, presets, undo and redo, share link, start over, and
//! the status line that says what just happened.

use super::browser::{self, focus_later};
use super::erased::{attr, memo, on, show};
use super::panels::target_id;
use super::{worker, Store};
use crate::import::Kind;
use crate::json::Json;
use crate::model::{overlay, Field, Kind as FieldKind, FIELDS};
use crate::presets::{self, PRESETS};
use crate::value::{FieldPath, FormValue, Segment};
use crate::{request, search, share};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

#[component]
pub fn Toolbar() -> impl IntoView {
    let store = expect_context::<Store>();
    let share_link = move |_| {
        let link = format!("{}#{}", browser::address_without_hash(), store.form.with(share::fragment));
        spawn_local(async move {
            let message = if browser::copy(&link).await {
                "Share link copied. It holds the whole request; nothing is stored on a server."
            } else {
                "Copying was blocked by the browser."
            };
            store.announce(message);
        });
    };
    let start_over = move |_| {
        if browser::confirm("Start over with an empty form? Your current request is cleared (Undo brings it back).") {
            store.replace(FormValue::new());
            store.show_all.set(false);
            store.announce("Started over with an empty form. Undo brings your request back.");
        }
    };
    view! {
        <div class="ps-toolbar">
            <div class="ps-toolbar__inner">
                <Search />
                <ImportDialog />
                <PresetMenu />
                <button type="button" class="ps-button ps-button--small" disabled=move || !store.can_undo.get() on:click=on(move |_| {
                    let before = store.form.get_untracked();
                    store.undo();
                    focus_what_changed(store, &before);
                })>
                    "Undo"
                </button>
                <button type="button" class="ps-button ps-button--small" disabled=move || !store.can_redo.get() on:click=on(move |_| {
                    let before = store.form.get_untracked();
                    store.redo();
                    focus_what_changed(store, &before);
                })>
                    "Redo"
                </button>
                <button type="button" class="ps-button ps-button--small" on:click=on(share_link)>
                    "Copy share link"
                </button>
                <button type="button" class="ps-button ps-button--small ps-button--warning" on:click=on(start_over)>
                    "Start over"
                </button>
                <p class="ps-toolbar__status" role="status" id="status">
                    {move || store.status.get()}
                </p>
            </div>
        </div>
    }
}

/// After Undo or Redo, focus goes to the first top-level parameter that changed (the field, or
/// its group), so the person sees what came back and never loses their place.
fn focus_what_changed(store: Store, before: &FormValue) {
    let after = store.form.get_untracked();
    let (old, new) = (request::to_json(before), request::to_json(&after));
    let changed = crate::model::top_level().find(|field| old.get(field.name) != new.get(field.name));
    if let Some(field) = changed {
        focus_later(target_id(&after, &FieldPath::member(field.name)));
    }
}

/// The DOM id to jump to for a model field: its control, or for fields inside list rows and
/// map entries (which may not exist yet), the list or map.
fn jump_target(form: &FormValue, field: &'static Field) -> String {
    let mut chain = vec![field];
    while let Some(parent) = chain.last().and_then(|f| f.parent()) {
        chain.push(parent);
    }
    chain.reverse();
    // Stop at the first list or map: rows are addressed by the user, not by the search.
    let mut path = FieldPath::root();
    for f in chain {
        if f.is_synthetic() {
            break;
        }
        path = path.with(Segment::Member(f.name.to_string()));
        if matches!(f.kind, FieldKind::List | FieldKind::Map) {
            break;
        }
    }
    target_id(form, &path)
}

/// "Find a parameter": a search box over labels, paths and the AWS help.
#[component]
fn Search() -> impl IntoView {
    let store = expect_context::<Store>();
    let query = RwSignal::new(String::new());
    // Labels, paths and hints answer at once; the helper worker adds matches in the full AWS
    // help a moment later.
    // Results are field ids: a `Vec<u32>` memo shares its code with the list rows' memos.
    let full: RwSignal<Option<(String, Vec<u32>)>> = RwSignal::new(None);
    Effect::new(move |_| {
        let q = query.get();
        if q.trim().is_empty() {
            return;
        }
        let ask = vec![("op".into(), Json::str("search")), ("query".into(), Json::str(&q))];
        worker::ask(ask, move |answer| {
            let Ok(answer) = answer else { return };
            let Some(Json::Array(ids)) = answer.get("fields") else { return };
            let fields = ids
                .iter()
                .filter_map(|id| match id {
                    Json::Number(n) => n.parse::<u32>().ok().filter(|&i| (i as usize) < FIELDS.len()),
                    _ => None,
                })
                .collect();
            full.set(Some((q, fields)));
        });
    });
    let results = memo(move || {
        let q = query.get();
        match full.get() {
            Some((asked, fields)) if asked == q => fields,
            _ => search::search_quick(&q, 8).into_iter().map(|f| u32::from(f.id)).collect(),
        }
    });
    let go = move |field: &'static Field| {
        let id = store.form.with_untracked(|f| jump_target(f, field));
        query.set(String::new());
        focus_later(id);
    };
    view! {
        <div class="ps-search" role="search">
            <label class="ps-search__label" for="search">
                "Find a parameter"
            </label>
            <input
                type="search"
                id="search"
                class="ps-input ps-search__input"
                {attr("autocomplete", "off")}
                {attr("placeholder", "name, path or words of its help")}
                aria-describedby="search-results-count"
                prop:value=move || query.get()
                on:input=on(move |ev| query.set(event_target_value(&ev)))
                on:keydown=on(move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Enter" {
                        ev.prevent_default();
                        if let Some(&first) = results.get_untracked().first() {
                            go(&FIELDS[first as usize]);
                        }
                    } else if ev.key() == "Escape" {
                        query.set(String::new());
                    }
                })
            />
            <p class="ps-visually-hidden" id="search-results-count" {attr("aria-live", "polite")}>
                {move || if query.with(String::is_empty) { String::new() } else { format!("{} results", results.with(Vec::len)) }}
            </p>
            {show(move || !query.with(String::is_empty), move || view! {
                <ul class="ps-search__results">
                    {move || {
                        let found = results.get();
                        if found.is_empty() {
                            return view! { <li class="ps-search__empty">"No parameter matches."</li> }.into_any();
                        }
                        found
                            .into_iter()
                            .map(|id| {
                                let field = &FIELDS[id as usize];
                                view! {
                                    <li>
                                        <button type="button" class="ps-search__result" on:click=on(move |_| go(field))>
                                            <span class="ps-search__name">{overlay::upper_first(&overlay::label(field))}</span>
                                            <code class="ps-search__path">{field.path}</code>
                                        </button>
                                    </li>
                                }
                                .into_any()
                            })
                            .collect_view()
                            .into_any()
                    }}
                </ul>
             }.into_any())}
        </div>
    }
}

/// Import a request, describe-user-pool output or a CloudFormation resource: paste, choose a
/// file or drop one. Nothing changes unless the import succeeds.
#[component]
fn ImportDialog() -> impl IntoView {
    let store = expect_context::<Store>();
    // Whether closing the dialog should put focus back on its button (Cancel, Escape); after an
    // import, focus goes to the notice that says what changed instead.
    let return_focus = StoredValue::new(true);
    let text = RwSignal::new(String::new());
    let kind = RwSignal::new(String::from("auto"));
    let problems: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    // The pools of a file that defines several, to choose from.
    let choices: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let finish = move |outcome: Result<(FormValue, String, Vec<String>), Vec<String>>| match outcome {
        Ok((form, title, notes)) => {
            store.replace(form);
            let mut notices = vec![format!("Imported {title}. Undo brings back what you had before.")];
            notices.extend(notes);
            store.notices.set(notices);
            store.announce(format!("Imported {title}."));
            problems.set(Vec::new());
            text.set(String::new());
            return_focus.set_value(false);
            browser::close_dialog("import-dialog");
            focus_later("notices".into());
        }
        Err(found) => {
            problems.set(found);
            focus_later("import-problems".into());
        }
    };
    let run = move |resource: Option<String>| {
        let body = text.get_untracked();
        // "Change an existing pool": describe-user-pool output (and get-user-pool-mfa-config
        // output after it) becomes the form, and the export panel plans the change to it. A
        // request chosen as such is read here; everything else, and telling the kinds apart,
        // is the helper worker's.
        let planning = kind.with_untracked(|k| k == "plan");
        let chosen = Kind::from_id(&kind.get_untracked());
        if chosen == Some(Kind::RequestJson) {
            let (form, found) = request::from_text(&body);
            finish(if found.is_empty() {
                Ok((form, Kind::RequestJson.title().to_string(), Vec::new()))
            } else {
                Err(found.iter().map(crate::worker::describe_problem).collect())
            });
            return;
        }
        let mut ask = vec![
            ("op".into(), Json::str(if planning { "plan" } else { "import" })),
            ("kind".into(), Json::str(chosen.map_or("auto", Kind::id))),
            ("load".into(), Json::Bool(true)),
            ("current".into(), Json::String(body.clone())),
            ("text".into(), Json::String(body)),
        ];
        if let Some(resource) = resource {
            ask.push(("resource".into(), Json::String(resource)));
        }
        worker::ask(ask, move |answer| {
            if matches!(&answer, Ok(a) if a.get("ok") == Some(&Json::Bool(true))) {
                store.plan_current.set(if planning { text.get_untracked() } else { String::new() });
            }
            let strings = |value: Option<&Json>| match value {
                Some(Json::Array(items)) => items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect(),
                _ => Vec::new(),
            };
            choices.set(answer.as_ref().map(|a| strings(a.get("choose"))).unwrap_or_default());
            finish(match answer {
                Err(message) => Err(vec![message]),
                Ok(answer) if answer.get("ok") == Some(&Json::Bool(true)) => {
                    let title = answer.get("kind").and_then(Json::as_str).unwrap_or_default().to_string();
                    Ok((crate::worker::form_in(&answer), title, strings(answer.get("notes"))))
                }
                Ok(answer) => Err(strings(answer.get("problems"))),
            });
        });
    };
    // The helper worker reads the file through an object URL and decodes it (UTF-8 or UTF-16,
    // `import::decode_text`, as the CLI does), which keeps the decoder out of the first load.
    let load_file = move |file: web_sys::File| {
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&file) else {
            return problems.set(vec!["The file could not be read.".into()]);
        };
        let ask = vec![("op".into(), Json::str("read-file")), ("url".into(), Json::str(url.clone()))];
        worker::ask(ask, move |answer| {
            let _ = web_sys::Url::revoke_object_url(&url);
            match answer {
                Ok(answer) => text.set(answer.get("text").and_then(Json::as_str).unwrap_or_default().to_string()),
                Err(why) => problems.set(vec![why]),
            }
        });
    };
    view! {
        <button
            type="button"
            class="ps-button ps-button--small"
            id="import-open"
            {attr("aria-haspopup", "dialog")}
            on:click=on(move |_| {
                return_focus.set_value(true);
                browser::show_modal("import-dialog");
                browser::focus_now("import-text");
            })
        >
            "Import…"
        </button>
        <dialog
            class="ps-modal"
            id="import-dialog"
            aria-labelledby="import-title"
            on:close=on(move |_| {
                if return_focus.get_value() {
                    browser::focus_now("import-open");
                }
            })
        >
                <h2 class="ps-dialog__title" id="import-title">
                    "Import a request"
                </h2>
                <p class="ps-field__hint" id="import-hint">
                    "Paste or drop a CreateUserPool request (--cli-input-json), the output of aws cognito-idp describe-user-pool (to clone a pool), or a CloudFormation, serverless.yml or Terraform file. Nothing is uploaded."
                </p>
                <div class="ps-field">
                    <label class="ps-field__label" for="import-kind">
                        "What it is"
                    </label>
                    <select class="ps-select" id="import-kind" prop:value=move || kind.get() on:change=on(move |ev| kind.set(event_target_value(&ev)))>
                        <option value="auto">"Detect automatically"</option>
                        <option value="plan">"Change an existing pool: describe-user-pool output (then get-user-pool-mfa-config output)"</option>
                        {Kind::ALL.iter().map(|k| view! { <option value=k.id()>{k.title()}</option> }.into_any()).collect_view()}
                    </select>
                </div>
                <div class="ps-field">
                    <label class="ps-field__label" for="import-text">
                        "Document"
                    </label>
                    <textarea
                        class="ps-textarea ps-dialog__text"
                        id="import-text"
                        {attr("rows", "10")}
                        {attr("spellcheck", "false")}
                        aria-describedby="import-hint"
                        prop:value=move || text.get()
                        on:input=on(move |ev| text.set(event_target_value(&ev)))
                        on:dragover=on(|ev: web_sys::DragEvent| ev.prevent_default())
                        on:drop=on(move |ev: web_sys::DragEvent| {
                            ev.prevent_default();
                            if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                                load_file(file);
                            }
                        })
                    ></textarea>
                </div>
                <div class="ps-field">
                    <label class="ps-field__label" for="import-file">
                        "Or choose a file"
                    </label>
                    <input
                        type="file"
                        id="import-file"
                        class="ps-file"
                        {attr("accept", ".json,.yaml,.yml,.template,application/json,text/yaml")}
                        on:change=on(move |ev: web_sys::Event| {
                            let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                            if let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) {
                                load_file(file);
                            }
                        })
                    />
                </div>
                {show(move || !problems.with(Vec::is_empty), move || view! {
                    <div class="ps-error-summary" id="import-problems" tabindex="-1" role="alert">
                        <h3 class="ps-error-summary__title">"The import did not change anything"</h3>
                        <ul class="ps-error-summary__list">
                            {move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }.into_any()).collect_view()}
                        </ul>
                        <div class="ps-dialog__actions">
                            {move || choices.get().into_iter().map(|id| {
                                let label = format!("Import {id}");
                                view! {
                                    <button type="button" class="ps-button ps-button--secondary" on:click=on(move |_| run(Some(id.clone())))>
                                        {label}
                                    </button>
                                }.into_any()
                            }).collect_view()}
                        </div>
                    </div>
                 }.into_any())}
                <div class="ps-dialog__actions">
                    <button type="button" class="ps-button" disabled=move || text.with(|t| t.trim().is_empty()) on:click=on(move |_| run(None))>
                        "Import"
                    </button>
                    <button type="button" class="ps-button ps-button--secondary" on:click=on(|_| browser::close_dialog("import-dialog"))>
                        "Cancel"
                    </button>
                </div>
        </dialog>
    }
}

/// Presets: apply one on top of the form and see what it changed.
#[component]
fn PresetMenu() -> impl IntoView {
    let store = expect_context::<Store>();
    let return_focus = StoredValue::new(true);
    // The preset requests and the diff live in the helper worker; the form keeps the titles.
    let apply = move |preset: &'static presets::Preset| {
        let mut ask = vec![("op".into(), Json::str("preset")), ("preset".into(), Json::str(preset.id))];
        ask.extend(store.form.with_untracked(crate::worker::form_members));
        worker::ask(ask, move |answer| {
            let answer = match answer {
                Ok(answer) => answer,
                Err(message) => {
                    store.notices.set(vec![message]);
                    return;
                }
            };
            store.replace(crate::worker::form_in(&answer));
            let changes: Vec<String> = match answer.get("changes") {
                Some(Json::Array(items)) => items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect(),
                _ => Vec::new(),
            };
            let mut notices = vec![format!(
                "Applied the preset “{}”: {} change{}. Undo takes it back.",
                preset.title,
                changes.len(),
                if changes.len() == 1 { "" } else { "s" }
            )];
            notices.extend(changes);
            store.notices.set(notices);
            store.announce(format!("Applied the preset “{}”.", preset.title));
            focus_later("notices".into());
        });
        return_focus.set_value(false);
        browser::close_dialog("preset-menu");
    };
    view! {
        <button
            type="button"
            class="ps-button ps-button--small"
            id="preset-open"
            {attr("aria-haspopup", "dialog")}
            on:click=on(move |_| {
                return_focus.set_value(true);
                browser::show_modal("preset-menu");
            })
        >
            "Presets…"
        </button>
        <dialog
            class="ps-modal"
            id="preset-menu"
            aria-labelledby="preset-title"
            on:close=on(move |_| {
                if return_focus.get_value() {
                    browser::focus_now("preset-open");
                }
            })
        >
                <h2 class="ps-dialog__title" id="preset-title">"Start from a preset"</h2>
                <p class="ps-field__hint">"A preset sets only the fields it names and keeps the rest of your form; the notice lists every change, and Undo takes it back."</p>
                <ul class="ps-presets">
                    {PRESETS
                        .iter()
                        .map(|preset| {
                            view! {
                                <li class="ps-presets__item">
                                    <button type="button" class="ps-button ps-button--secondary" data-preset=preset.id on:click=on(move |_| apply(preset))>
                                        {preset.title}
                                    </button>
                                    <p class="ps-field__hint">{preset.description}</p>
                                </li>
                            }
                            .into_any()
                        })
                        .collect_view()}
                </ul>
                <div class="ps-dialog__actions">
                    <button type="button" class="ps-button ps-button--secondary" on:click=on(|_| browser::close_dialog("preset-menu"))>
                        "Cancel"
                    </button>
                </div>
        </dialog>
    }
}
