//! The generic form renderer: one component per kind of model field, chosen by walking the
//! model (never a hand-written form per parameter).
//!
//! `field_view` dispatches on the field's kind: structures become a fieldset with a legend,
//! lists of enum values a checkbox group, other lists and maps rows that can be added,
//! reordered and removed (keyed by stable row ids, so focus never jumps), and scalars a
//! `ScalarField`: label, hint, constraints in words, error, then the control. Each control's
//! `name` is its field path and its id comes from its locator (field and row ids).
//!
//! Validation timing is "reward early, punish late": a pristine field shows nothing; a problem
//! appears when the user leaves the field (or asks to check the request); a field that shows a
//! problem re-checks on every keystroke and clears the moment it is fixed.
//!
//! Speed with hundreds of fields: a component reads what it shows from its own node through
//! `Store::watch_node`, which an edit updates only on the edited branch and only when the
//! read changed; each field's problem likewise wakes only when the problem at its path
//! changed (`Store::problem_at`). Paths are memos built from the parent's path.

use super::browser::focus_later;
use super::erased::{attr, keyed_rows, memo, on, optional, show};
use super::help::Help;
use super::progressive::Progress;
use super::Store;
use crate::diagnostic::Severity;
use crate::model::overlay::{self, Section};
use crate::model::{self, Field, Kind};
use crate::rules::{defaults, locked, notes, tier};
use crate::validate::plural;
use crate::value::{dom_id, Node, RowId, Step};
use leptos::prelude::*;
use std::sync::Arc;

type Loc = Arc<[Step]>;

/// Text that may change (a list row's title follows its position). A boxed closure rather than
/// a `Signal<String>`: the view binds it through a closure anyway, and not using `Signal` at
/// all keeps its code out of the WebAssembly.
type Text = Arc<dyn Fn() -> String + Send + Sync>;

/// Text that never changes, as [`Text`].
fn fixed(text: String) -> Text {
    Arc::new(move || text.clone())
}

/// One guided section: a heading, an intro and its fields. The section appears with the slice
/// of the page that holds its first field and each further field with its own slice (see
/// `progressive`), so that no single task blocks input for long. Slices only ever add at the
/// end of the form: nothing on screen moves while the rest arrives.
#[component]
pub fn SectionView(section: &'static Section, index: usize, progress: Progress) -> impl IntoView {
    let first_ready = progress.field_ready(index, 0);
    show(move || first_ready.get(), move || section_body(section, index, progress))
}

fn section_body(section: &'static Section, index: usize, progress: Progress) -> AnyView {
    let title_id = format!("s-{}-title", section.id);
    let labelledby = title_id.clone();
    let field_at = move |position: usize| {
        let ready = progress.field_ready(index, position);
        let field = model::by_path(section.paths[position]);
        // A field the rest of the form does not use yet waits (the SMS configuration until
        // something sends SMS).
        let store = expect_context::<Store>();
        let needed = section_shown_while(store, section.paths[position]);
        show(
            move || ready.get() && needed.is_none_or(|m| m.get()),
            move || {
                let Some(field) = field else { return ().into_any() };
                if let Some(decision) = super::decisions::for_path(field.path) {
                    return decision;
                }
                let locator: Loc = member_chain(field).into();
                deprecated_wrapper(field, field_view(locator, field, fixed_path(field.path)))
            },
        )
    };
    let shown = section.shown.min(section.paths.len());
    let more = (shown < section.paths.len()).then(|| {
        let first_ready = progress.field_ready(index, shown);
        show(move || first_ready.get(), move || more_settings(section, shown, field_at))
    });
    view! {
        <section class="ps-section" id=format!("s-{}", section.id) aria-labelledby=labelledby>
            <h2 class="ps-section__title" id=title_id tabindex="-1">
                {section.title}
            </h2>
            <p class="ps-section__intro">{section.intro}</p>
            {super::decisions::for_section(section.id)}
            {(0..shown).map(field_at).collect_view()}
            {more}
            // At the end, with the section's last slice, so no later slice ever moves it.
            {
                let last = progress.field_ready(index, section.paths.len().saturating_sub(1));
                show(move || last.get(), move || view! { <ResetSection section=section /> }.into_any())
            }
        </section>
    }
    .into_any()
}

fn section_shown_while(store: Store, path: &str) -> Option<Memo<bool>> {
    let test = super::decisions::shown_while(path)?;
    Some(memo(move || store.form.with(test)))
}

/// "More settings": a section's fields beyond its first few, collapsed until opened. It opens
/// by itself once one of them has a value (an import, a decision that set one) and then stays
/// open, so it never closes under someone editing in it.
fn more_settings(
    section: &'static Section,
    shown: usize,
    field_at: impl Fn(usize) -> AnyView + Copy + Send + Sync + 'static,
) -> AnyView {
    let store = expect_context::<Store>();
    let fields: Vec<&'static Field> = section.paths[shown..].iter().filter_map(|p| model::by_path(p)).collect();
    let count = fields.len();
    let names: Vec<String> = fields.iter().copied().map(overlay::label).collect();
    // The locators once, not on every keystroke; once open, the memo stops reading the form
    // (it tracks nothing more, so edits no longer run it).
    let chains: Vec<Vec<Step>> = fields.into_iter().map(member_chain).collect();
    let was_set = StoredValue::new(false);
    let open = memo(move || {
        if !was_set.get_value() && store.form.with(|f| chains.iter().any(|chain| f.get(chain).is_some())) {
            was_set.set_value(true);
        }
        was_set.get_value()
    });
    view! {
        <details class="ps-more" id=format!("s-{}-more", section.id) prop:open=move || open.get()>
            <summary class="ps-more__summary">
                {format!("More settings ({count})")}
                <span class="ps-more__names">{format!(": {}", names.join(", "))}</span>
            </summary>
            {(shown..section.paths.len()).map(field_at).collect_view()}
        </details>
    }
    .into_any()
}

/// "Reset this section": unsets every field it shows (the API defaults apply), as one
/// undoable step.
#[component]
fn ResetSection(section: &'static Section) -> impl IntoView {
    let store = expect_context::<Store>();
    let is_set = memo(move || {
        store.form.with(|f| {
            section.paths.iter().filter_map(|p| model::by_path(p)).any(|field| f.get(&member_chain(field)).is_some())
        })
    });
    let reset = move |_| {
        store.edit(&[], None, |form| {
            for field in section.paths.iter().filter_map(|p| model::by_path(p)) {
                form.unset(&member_chain(field));
            }
        });
        store.announce(format!("{} reset to the AWS defaults. Undo brings your values back.", section.title));
        focus_later(format!("s-{}-title", section.id));
    };
    // Only while the section has something to reset: an empty form stays short.
    show(
        move || is_set.get(),
        move || {
            view! {
                <button type="button" class="ps-button ps-button--small ps-section__reset" on:click=on(reset)>
                    {format!("Reset “{}” to defaults", section.title)}
                </button>
            }
            .into_any()
        },
    )
}

/// Badges and notes for a field: locked after creation, the feature plan it needs, its API
/// default (and whether the value differs from it), and guidance the request cannot decide.
#[component]
fn FieldFacts(
    field: &'static Field,
    #[prop(optional)] value: Option<ReadSignal<String>>,
    /// The AWS default is said by the control itself (a radio "Not set: AWS uses …").
    #[prop(optional)]
    default_in_control: bool,
) -> impl IntoView {
    // One "Locked after creation" mark per group: a member of a locked structure or list item
    // shares its parent's, which already says it.
    let lock = locked::fact(field.path)
        .filter(|fact| field.parent().and_then(|p| locked::fact(p.path)).is_none_or(|up| !std::ptr::eq(up, *fact)));
    let plan = tier::badge(field.path);
    let default = defaults::of(field.path);
    let differs = match (default, value) {
        (Some(default), Some(value)) => Some(memo(move || {
            value.with(|v| {
                !v.is_empty()
                    && v != default.api
                    && crate::validate::parse_integer(v).map(|n| n.to_string()).as_deref() != Some(default.api)
            })
        })),
        _ => None,
    };
    let default_text = default.filter(|_| !default_in_control).map(|d| {
        let mut text = format!("Left out, AWS uses {}.", d.api);
        let others: Vec<String> = [("the console", d.console), ("Terraform", d.terraform)]
            .into_iter()
            .filter_map(|(who, v)| v.filter(|v| *v != d.api).map(|v| format!("{who} uses {v}")))
            .collect();
        if !others.is_empty() {
            text.push_str(&format!(" Careful: {}.", others.join(", ")));
        }
        text
    });
    let field_notes: Vec<&'static str> = notes::for_path(field.path).map(|n| n.text).collect();
    let has_anything = lock.is_some() || plan.is_some() || default_text.is_some() || !field_notes.is_empty();
    has_anything.then(|| {
        view! {
            <div class="ps-facts">
                {lock.map(|_| view! { <span class="ps-badge ps-badge--locked">"Locked after creation"</span> }.into_any())}
                {plan.map(|t| view! { <span class="ps-badge ps-badge--plan">{format!("{} plan", t.name())}</span> }.into_any())}
                {differs.map(|d| {
                    show(move || d.get(), move || view! {
                        <span class="ps-badge ps-badge--differs">"Differs from the AWS default"</span>
                    }.into_any())
                })}
                {lock.map(|f| view! { <p class="ps-facts__note">{f.what}</p> }.into_any())}
                {default_text.map(|t| view! { <p class="ps-facts__note">{t}</p> }.into_any())}
                {field_notes.into_iter().map(|t| view! { <p class="ps-facts__note">{t}</p> }.into_any()).collect_view()}
            </div>
        }
        .into_any()
    })
}

/// Field ids from the top level down to `field` (which must not be inside a list or map).
pub(super) fn member_chain(field: &'static Field) -> Vec<Step> {
    let mut chain: Vec<Step> = std::iter::successors(Some(field), |f| f.parent()).map(|f| Step::Member(f.id)).collect();
    chain.reverse();
    chain
}

/// Deprecated fields are shown collapsed, saying what replaces them.
fn deprecated_wrapper(field: &'static Field, inner: AnyView) -> AnyView {
    match overlay::deprecated_by(field) {
        Some(replacement) => {
            let replacement_label = model::by_path(replacement).map(overlay::label).unwrap_or_default();
            view! {
                <details class="ps-deprecated">
                    <summary class="ps-deprecated__summary">
                        <span class="ps-badge ps-badge--deprecated">"Deprecated"</span>
                        {format!(" {} – use {} ({replacement}) instead", overlay::label(field), replacement_label)}
                    </summary>
                    {inner}
                </details>
            }
            .into_any()
        }
        None => inner,
    }
}

/// The view for any field, given its node's memo; an expression kept from an imported
/// template shows as what it is until the person replaces it.
fn field_view(locator: Loc, field: &'static Field, path: Memo<String>) -> AnyView {
    let at = locator.clone();
    or_expression(locator, field, path, Box::new(move || value_view(at.clone(), field, path)))
}

/// `plain` while the node holds a value; while it holds an expression of an imported template
/// (`!Sub "${AWS::StackName}-users"`, `var.name`), its source text, marked as coming from the
/// template, and a way to replace it with a value.
fn or_expression(
    locator: Loc,
    field: &'static Field,
    path: Memo<String>,
    // Boxed: one copy of this view's code for its three callers.
    plain: Box<dyn Fn() -> AnyView + Send + Sync>,
) -> AnyView {
    let store = expect_context::<Store>();
    // Text, empty for a value: watchers of `String` share their code with the text fields'.
    let source = store.watch_node(&locator, |node| match node {
        Some(Node::Expr(value)) => crate::expr::source(value),
        _ => String::new(),
    });
    (move || match source.get() {
        text if text.is_empty() => plain(),
        text => {
            let at = locator.clone();
            let id = dom_id(&locator);
            let label = overlay::upper_first(&overlay::label(field));
            // What can be known of it (its literal text, its parameter's default) shows at once.
            let problem = visible_problem(store, path, RwSignal::new(true));
            view! {
                <div class="ps-field ps-expr" id=id.clone()>
                    <b>{label}</b>" comes from your template: "<code>{text}</code>" "
                    <button type="button" class="ps-button ps-button--small ps-button--secondary" on:click=on(move |_| store.edit(&at, None, |f| f.unset(&at)))>
                        "Replace with a value"
                    </button>
                    <ProblemMessage id=format!("{id}-error") problem=problem />
                </div>
            }
            .into_any()
        }
    })
    .into_any()
}

fn value_view(locator: Loc, field: &'static Field, path: Memo<String>) -> AnyView {
    match field.kind {
        Kind::Structure => view! { <StructField locator=locator field=field path=path /> }.into_any(),
        Kind::List if field.child_fields().next().is_some_and(|e| e.kind == Kind::Enum) => {
            view! { <CheckboxGroup locator=locator field=field path=path /> }.into_any()
        }
        Kind::List => view! { <ListField locator=locator field=field path=path /> }.into_any(),
        Kind::Map => view! { <MapField locator=locator field=field path=path /> }.into_any(),
        _ => view! { <ScalarField locator=locator field=field path=path /> }.into_any(),
    }
}

fn child_locator(locator: &Loc, step: Step) -> Loc {
    let mut steps = locator.to_vec();
    steps.push(step);
    steps.into()
}

fn optional_suffix(field: &Field) -> &'static str {
    if field.required {
        ""
    } else {
        " (optional)"
    }
}

/// A path memo that never changes (a section's top-level path).
fn fixed_path(path: &'static str) -> Memo<String> {
    memo(move || path.to_string())
}

/// The path of a member: its parent's path and `.name`.
fn member_path(parent: Memo<String>, name: &'static str) -> Memo<String> {
    memo(move || format!("{}.{name}", parent.get()))
}

/// The problem shown at `path`: only once `touched` (left once) or when everything is shown.
/// It wakes only when the problem at its own path changed (`Store::problem_at`).
pub(super) fn visible_problem(
    store: Store,
    path: Memo<String>,
    touched: RwSignal<bool>,
) -> Memo<Option<(Severity, String)>> {
    memo(move || {
        if !(touched.get() || store.show_all.get()) {
            return None;
        }
        path.with(|path| store.problem_at(path))
    })
}

/// An inline problem message (GOV.UK: after the hint, before the control).
#[component]
pub(super) fn ProblemMessage(id: String, problem: Memo<Option<(Severity, String)>>) -> impl IntoView {
    optional(move || {
        problem.get().map(|(severity, message)| {
            let (class, prefix) = match severity {
                Severity::Error => ("ps-field__error", "Error: "),
                Severity::Warning => ("ps-field__warning", "Warning: "),
            };
            view! {
                <p class=class id=id.clone()>
                    <span class="ps-visually-hidden">{prefix}</span>
                    {message}
                </p>
            }
            .into_any()
        })
    })
}

/// Constraints in words: "6 to 99", "1 to 128 characters".
fn constraint_words(field: &Field) -> Option<String> {
    match field.kind {
        Kind::Integer => match (field.min(), field.max()) {
            (Some(min), Some(max)) => Some(format!("A whole number from {min} to {max}.")),
            (Some(min), None) => Some(format!("A whole number, {min} or more.")),
            (None, Some(max)) => Some(format!("A whole number, {max} or less.")),
            (None, None) => Some("A whole number.".into()),
        },
        Kind::String if overlay::is_number_as_text(field) => Some("A whole number (sent as text).".into()),
        Kind::String => match (field.min().filter(|&m| m > 0), field.max()) {
            (Some(min), Some(max)) if min == max => Some(format!("Exactly {min} characters.")),
            (Some(min), Some(max)) => Some(format!("{min} to {max} characters.")),
            (None, Some(max)) => Some(format!("Up to {max} characters.")),
            (Some(min), None) => Some(format!("At least {min} characters.")),
            (None, None) => None,
        },
        _ => None,
    }
}

/// A scalar: text, number, select.
///
/// Attributes and text are bound to closures (`move || memo.get()`) rather than to the memos
/// themselves: with `erase_components` the view macro boxes every such closure behind one type
/// per value type, so they share the update code of all the app's other reactive attributes,
/// where a bound `Memo` compiles its own (1.3 KB gzip of WebAssembly for this component).
#[component]
pub fn ScalarField(
    locator: Loc,
    field: &'static Field,
    /// The field's path (`Schema[3].Name`), from its parent's.
    path: Memo<String>,
    /// Replaces the field's own label (list items: "Scope 2").
    #[prop(optional)]
    label: Option<Text>,
    /// Keep an emptied value as "" instead of unsetting it (list items and map values).
    #[prop(optional)]
    keep_empty: bool,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let id = dom_id(&locator);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let value = store.watch_node(&locator, |node| match node {
        Some(Node::Text(text)) => text.clone(),
        _ => String::new(),
    });
    let touched = RwSignal::new(false);
    let problem = visible_problem(store, path, touched);
    let has_problem = memo(move || problem.with(Option::is_some));
    // A bool rather than the attribute's `Option<&str>`: every other memo type costs its own
    // copy of Leptos' memo code.
    let invalid = memo(move || problem.with(|p| p.as_ref().is_some_and(|(s, _)| *s == Severity::Error)));
    let describedby = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        memo(move || if has_problem.get() { format!("{hint_id} {error_id}") } else { hint_id.clone() })
    };
    let write = {
        let locator = locator.clone();
        let history_key = id.clone();
        move |text: String| {
            let was_showing = problem.get_untracked().is_some();
            store.edit(&locator, Some(&history_key), |f| {
                if text.is_empty() && !keep_empty {
                    f.unset(&locator);
                } else {
                    f.set_text(&locator, text);
                }
            });
            // Keep showing a problem only while it persists; a new one waits for blur.
            let still = store.findings.with_untracked(|f| f.first_at(&path.get_untracked()).is_some());
            touched.set(was_showing && still);
        }
    };
    let label_text = label.unwrap_or_else(|| {
        fixed(format!("{}{}", overlay::upper_first(&overlay::label(field)), optional_suffix(field)))
    });
    let counter = field.max().filter(|_| field.kind == Kind::String && !overlay::is_number_as_text(field)).map(|max| {
        let text = memo(move || format!("{} of {max} characters", value.with(|v| v.chars().count())));
        let over = memo(move || value.with(|v| v.chars().count() as i64 > max));
        view! { <span class="ps-field__count" class:ps-field__count--over=move || over.get()>{move || text.get()}</span> }.into_any()
    });
    let on_blur = move |_| touched.set(true);
    // Booleans and short enums are radios (every choice in view, one click); longer enums a
    // select. "Not set" leaves the field out of the request and says what AWS then uses.
    let radio_values: Option<&'static [&'static str]> = match field.kind {
        Kind::Boolean => Some(&["true", "false"]),
        Kind::Enum if field.enum_values.len() <= 5 => Some(field.enum_values),
        _ => None,
    };
    if let Some(values) = radio_values {
        let not_set = (!field.required && !keep_empty).then(|| match defaults::of(field.path) {
            Some(d) => format!("Not set: AWS uses {}", d.api),
            None => "Not set".to_string(),
        });
        let choices: Vec<(&'static str, String)> = not_set
            .into_iter()
            .map(|text| ("", text))
            .chain(values.iter().map(|v| {
                let text = match *v {
                    "true" => "Yes (true)".to_string(),
                    "false" => "No (false)".to_string(),
                    other => other.to_string(),
                };
                (*v, text)
            }))
            .collect();
        let legend_id = format!("{id}-legend");
        let labelledby = legend_id.clone();
        let radios = choices
            .into_iter()
            .enumerate()
            .map(|(index, (v, text))| {
                let radio_id = if index == 0 { id.clone() } else { format!("{id}-{index}") };
                let checked = memo(move || value.with(|cur| cur == v));
                let write = write.clone();
                view! {
                    <div class="ps-radio ps-radio--inline">
                        <input
                            type="radio"
                            class="ps-radio__input"
                            id=radio_id.clone()
                            name=move || path.get()
                            value=v
                            aria-describedby=move || describedby.get()
                            aria-invalid=move || invalid.get().then_some("true")
                            prop:checked=move || checked.get()
                            on:change=on(move |_| write(v.to_string()))
                            on:blur=on(on_blur)
                        />
                        <label class="ps-radio__label" for=radio_id>{text}</label>
                    </div>
                }
                .into_any()
            })
            .collect_view();
        return view! {
            <div class="ps-field" class:ps-field--error=move || has_problem.get() role="radiogroup" aria-labelledby=labelledby>
                <p class="ps-field__label" id=legend_id>
                    {move || label_text()}
                </p>
                <div class="ps-field__hint" id=hint_id>
                    <span>{field.hint}</span>
                </div>
                <FieldFacts field=field value=value default_in_control=true />
                <Help field=field />
                <ProblemMessage id=error_id problem=problem />
                <div class="ps-radios ps-radios--inline">{radios}</div>
            </div>
        }
        .into_any();
    }
    let control = match field.kind {
        Kind::Enum | Kind::Boolean => {
            let values: &'static [&'static str] =
                if field.kind == Kind::Boolean { &["true", "false"] } else { field.enum_values };
            let none_label = if field.required || keep_empty { "Select…" } else { "Not set" };
            let option = move |v: &'static str, text: &'static str| {
                let selected = memo(move || value.with(|cur| cur == v));
                view! { <option value=v selected=move || selected.get()>{text}</option> }.into_any()
            };
            // A value outside the model (imported) stays visible and selected until changed.
            let stray = memo(move || value.with(|v| !v.is_empty() && !values.contains(&v.as_str())));
            view! {
                <select
                    class="ps-select"
                    class:ps-select--error=move || has_problem.get()
                    id=id.clone()
                    name=move || path.get()
                    aria-describedby=move || describedby.get()
                    aria-invalid=move || invalid.get().then_some("true")
                    prop:value=move || value.get()
                    on:change=on(move |ev| write(event_target_value(&ev)))
                    on:blur=on(on_blur)
                >
                    {option("", none_label)}
                    {values.iter().map(|v| option(v, v)).collect_view()}
                    {show(move || stray.get(), move || view! {
                        <option value=move || value.get() selected=true>{move || value.get()}</option>
                     }.into_any())}
                </select>
            }
            .into_any()
        }
        // Long text that may hold line breaks (messages, templates) gets a text box; ARNs and
        // names, whose patterns allow no line break, stay one line however long they may be.
        Kind::String
            if field.max().is_none_or(|m| m > 512)
                && field.pattern_source().is_some_and(|p| p.contains("\\s") || p.contains("(?s)")) =>
        {
            view! {
            <textarea
                class="ps-textarea"
                class:ps-textarea--error=move || has_problem.get()
                id=id.clone()
                name=move || path.get()
                {attr("rows", "4")}
                {attr("spellcheck", "false")}
                aria-describedby=move || describedby.get()
                aria-invalid=move || invalid.get().then_some("true")
                prop:value=move || value.get()
                on:input=on(move |ev| write(event_target_value(&ev)))
                on:blur=on(on_blur)
            ></textarea>
            }
            .into_any()
        }
        _ => {
            let numeric = field.kind == Kind::Integer || overlay::is_number_as_text(field);
            view! {
                <input
                    type="text"
                    class=if numeric { "ps-input ps-input--number" } else { "ps-input" }
                    class:ps-input--error=move || has_problem.get()
                    id=id.clone()
                    name=move || path.get()
                    inputmode=numeric.then_some("numeric")
                    {attr("autocomplete", "off")}
                    {attr("spellcheck", "false")}
                    aria-describedby=move || describedby.get()
                    aria-invalid=move || invalid.get().then_some("true")
                    prop:value=move || value.get()
                    on:input=on(move |ev| write(event_target_value(&ev)))
                    on:blur=on(on_blur)
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="ps-field" class:ps-field--error=move || has_problem.get()>
            <label class="ps-field__label" for=id>
                {move || label_text()}
            </label>
            <div class="ps-field__hint" id=hint_id>
                <span>{field.hint}</span>
                {constraint_words(field).map(|w| view! { <span class="ps-field__constraint">{format!(" {w}")}</span> }.into_any())}
                {counter}
            </div>
            <FieldFacts field=field value=value />
            <Help field=field />
            <ProblemMessage id=error_id problem=problem />
            {control}
        </div>
    }
    .into_any()
}

/// A structure: a fieldset with its members.
#[component]
fn StructField(
    locator: Loc,
    field: &'static Field,
    path: Memo<String>,
    #[prop(optional)] legend: Option<Text>,
    #[prop(optional)] actions: Option<AnyView>,
) -> impl IntoView {
    let id = dom_id(&locator);
    let legend = legend.unwrap_or_else(|| {
        fixed(format!("{}{}", overlay::upper_first(&overlay::label(field)), optional_suffix(field)))
    });
    let children = field
        .child_fields()
        .map(|child| {
            let child_loc = child_locator(&locator, Step::Member(child.id));
            let child_path = member_path(path, child.name);
            // Some members show only when a sibling makes them matter, or once set (a custom
            // attribute's constraints of its data type; the SES settings once SES sends email).
            let Some((sibling, value)) = overlay::shown_when(child) else {
                return deprecated_wrapper(child, field_view(child_loc, child, child_path));
            };
            let store = expect_context::<Store>();
            let sibling = field.child_fields().find(|c| c.name == sibling);
            let wanted = store.watch_node(&locator, move |node| match node {
                Some(Node::Struct(members)) => {
                    members.get(child.id).is_some()
                        || sibling.and_then(|t| members.get(t.id)) == Some(&Node::Text(value.to_string()))
                }
                _ => false,
            });
            show(move || wanted.get(), move || field_view(child_loc.clone(), child, child_path))
        })
        .collect_view();
    view! {
        <fieldset class="ps-fieldset" id=id tabindex="-1">
            <legend class="ps-fieldset__legend">{move || legend()}</legend>
            {(!field.hint.is_empty()).then(|| view! { <p class="ps-field__hint">{field.hint}</p> }.into_any())}
            <FieldFacts field=field />
            <Help field=field />
            {actions}
            <div class="ps-fieldset__body">{children}</div>
        </fieldset>
    }
}

/// A list of enum values: one checkbox per value.
#[component]
fn CheckboxGroup(locator: Loc, field: &'static Field, path: Memo<String>) -> impl IntoView {
    let store = expect_context::<Store>();
    let id = dom_id(&locator);
    let element = field.child_fields().next().expect("list element");
    let touched = RwSignal::new(false);
    let problem = visible_problem(store, path, touched);
    let error_id = format!("{id}-error");
    // Which values are checked, as indices into the enum (a `Vec<u32>` signal shares its code
    // with the list rows' signals), and whether the list is sent empty.
    let checked = store.watch_node(&locator, move |node| match node {
        Some(Node::List(rows)) => (0..element.enum_values.len() as u32)
            .filter(|&i| rows.iter().any(|r| r.node == Node::Text(element.enum_values[i as usize].to_string())))
            .collect(),
        _ => Vec::new(),
    });
    let sent_empty = store.watch_node(&locator, |node| matches!(node, Some(Node::List(rows)) if rows.is_empty()));
    let boxes = element
        .enum_values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let box_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
            let locator = locator.clone();
            let toggle = move |checked: bool| {
                store.edit(&locator, None, |f| {
                    if checked {
                        if let Some(row) = f.add_row(&locator) {
                            let mut at = locator.to_vec();
                            at.push(Step::Row(row));
                            f.set_text(&at, *value);
                        }
                    } else if let Some(Node::List(rows)) = f.get(&locator) {
                        let remove: Vec<RowId> =
                            rows.iter().filter(|r| r.node == Node::Text((*value).to_string())).map(|r| r.id).collect();
                        for row in remove {
                            let mut at = locator.to_vec();
                            at.push(Step::Row(row));
                            f.unset(&at);
                        }
                        if matches!(f.get(&locator), Some(Node::List(rows)) if rows.is_empty()) {
                            f.unset(&locator);
                        }
                    }
                });
                touched.set(true);
            };
            view! {
                <div class="ps-checkbox">
                    <input
                        type="checkbox"
                        class="ps-checkbox__input"
                        id=box_id.clone()
                        name=move || path.get()
                        value=*value
                        prop:checked=move || checked.with(|c| c.contains(&(i as u32)))
                        on:change=on(move |ev| toggle(event_target_checked(&ev)))
                    />
                    <label class="ps-checkbox__label" for=box_id>
                        {*value}
                    </label>
                </div>
            }
            .into_any()
        })
        .collect_view();
    let status = optional(move || sent_empty.get().then(|| "Sent as an empty list ([]).".into_any()));
    view! {
        <fieldset class="ps-fieldset ps-fieldset--choices" aria-describedby=format!("{id}-hint")>
            <legend class="ps-fieldset__legend">
                {format!("{}{}", overlay::upper_first(&overlay::label(field)), optional_suffix(field))}
            </legend>
            <p class="ps-field__hint" id=format!("{id}-hint")>
                {field.hint}
            </p>
            <FieldFacts field=field />
            <Help field=field />
            <ProblemMessage id=error_id problem=problem />
            <div class="ps-checkboxes">{boxes}</div>
            <p class="ps-field__status">{status}</p>
        </fieldset>
    }
}

/// A list of structures or strings: rows with add, move and remove.
#[component]
fn ListField(locator: Loc, field: &'static Field, path: Memo<String>) -> impl IntoView {
    let store = expect_context::<Store>();
    let id = dom_id(&locator);
    let element = field.child_fields().next().expect("list element");
    let noun = overlay::item_noun(field);
    let touched = RwSignal::new(false);
    let problem = visible_problem(store, path, touched);
    let rows = store.watch_node(&locator, |node| match node {
        Some(Node::List(rows)) => rows.iter().map(|r| r.id).collect::<Vec<RowId>>(),
        _ => Vec::new(),
    });
    let add = {
        let locator = locator.clone();
        move |_| {
            let mut new_row = None;
            store.edit(&locator, None, |f| new_row = f.add_row(&locator));
            touched.set(true);
            if let Some(row) = new_row {
                focus_later(dom_id(&child_locator(&locator, Step::Row(row))));
            }
        }
    };
    let row_view = {
        let locator = locator.clone();
        let noun = noun.clone();
        move |row: RowId| {
            let row_loc = child_locator(&locator, Step::Row(row));
            let index = memo(move || rows.with(|ids| ids.iter().position(|id| *id == row).unwrap_or(0)));
            let row_path = memo(move || format!("{}[{}]", path.get(), index.get()));
            let title = {
                let noun = noun.clone();
                Arc::new(move || format!("{} {}", overlay::upper_first(&noun), index.get() + 1)) as Text
            };
            let actions = row_actions(store, locator.clone(), row, title.clone(), rows, touched);
            let body = match element.kind {
                Kind::Structure => {
                    view! { <StructField locator=row_loc field=element path=row_path legend=title actions=actions /> }
                        .into_any()
                }
                _ => {
                    let at = row_loc.clone();
                    let scalar = or_expression(
                        row_loc,
                        element,
                        row_path,
                        Box::new(move || {
                            view! { <ScalarField locator=at.clone() field=element path=row_path label=title.clone() keep_empty=true /> }
                            .into_any()
                        }),
                    );
                    view! {
                        <div class="ps-row">
                            {scalar}
                            {actions}
                        </div>
                    }
                    .into_any()
                }
            };
            view! { <li class="ps-list__item">{body}</li> }.into_any()
        }
    };
    view! {
        <fieldset class="ps-fieldset ps-list" id=id.clone() tabindex="-1">
            <legend class="ps-fieldset__legend">
                {format!("{}{}", overlay::upper_first(&overlay::label(field)), optional_suffix(field))}
            </legend>
            <p class="ps-field__hint">
                {field.hint}
                {field.max().map(|max| format!(" Up to {max} {}.", plural(&noun, max)))}
            </p>
            <FieldFacts field=field />
            <Help field=field />
            <ProblemMessage id=format!("{id}-error") problem=problem />
            <ol class="ps-list__items">
                {keyed_rows(rows, row_view.clone())}
            </ol>
            <button type="button" class="ps-button ps-button--secondary" id=format!("{id}-add") on:click=on(add)>
                {format!("Add {}", noun)}
            </button>
        </fieldset>
    }
}

/// Move up, move down and remove buttons for a list row.
fn row_actions(
    store: Store,
    list: Loc,
    row: RowId,
    title: Text,
    rows: ReadSignal<Vec<RowId>>,
    touched: RwSignal<bool>,
) -> AnyView {
    let position = move || rows.with(|r| (r.iter().position(|x| *x == row).unwrap_or(0), r.len()));
    let mover = |delta: isize, list: Loc| {
        move |_| {
            store.edit(&list, None, |f| f.move_row(&list, row, delta));
            touched.set(true);
        }
    };
    let remove = {
        let list = list.clone();
        move |_| {
            // Focus goes to the row that takes this one's place (or the one before), or to the
            // Add button when none is left, never to the page.
            let next = rows.with_untracked(|ids| {
                let at = ids.iter().position(|x| *x == row)?;
                ids.get(at + 1).or_else(|| at.checked_sub(1).and_then(|i| ids.get(i))).copied()
            });
            store.edit(&list, None, |f| {
                let mut at = list.to_vec();
                at.push(Step::Row(row));
                f.unset(&at);
            });
            touched.set(true);
            focus_later(match next {
                Some(next) => dom_id(&child_locator(&list, Step::Row(next))),
                None => format!("{}-add", dom_id(&list)),
            });
        }
    };
    let (up_title, down_title) = (title.clone(), title.clone());
    view! {
        <div class="ps-row__actions">
            <button
                type="button"
                class="ps-button ps-button--small"
                disabled=move || position().0 == 0
                aria-label=move || format!("Move {} up", up_title())
                on:click=on(mover(-1, list.clone()))
            >
                "Up"
            </button>
            <button
                type="button"
                class="ps-button ps-button--small"
                disabled=move || { let (i, n) = position(); i + 1 >= n }
                aria-label=move || format!("Move {} down", down_title())
                on:click=on(mover(1, list.clone()))
            >
                "Down"
            </button>
            <button
                type="button"
                class="ps-button ps-button--small ps-button--warning"
                aria-label=move || format!("Remove {}", title())
                on:click=on(remove)
            >
                "Remove"
            </button>
        </div>
    }
    .into_any()
}

/// A map: entries with an editable key and a value.
#[component]
fn MapField(locator: Loc, field: &'static Field, path: Memo<String>) -> impl IntoView {
    let store = expect_context::<Store>();
    let id = dom_id(&locator);
    let mut parts = field.child_fields();
    let key_field = parts.next().expect("map key");
    let value_field = parts.next().expect("map value");
    let noun = overlay::item_noun(field);
    let touched = RwSignal::new(false);
    let problem = visible_problem(store, path, touched);
    let entries = store.watch_node(&locator, |node| match node {
        Some(Node::Map(entries)) => entries.iter().map(|e| e.id).collect::<Vec<RowId>>(),
        _ => Vec::new(),
    });
    let add = {
        let locator = locator.clone();
        move |_| {
            let mut new_entry = None;
            store.edit(&locator, None, |f| new_entry = f.add_entry(&locator, ""));
            touched.set(true);
            if let Some(entry) = new_entry {
                focus_later(format!("{}-key", dom_id(&child_locator(&locator, Step::Entry(entry)))));
            }
        }
    };
    let entry_view = {
        let locator = locator.clone();
        let noun = noun.clone();
        move |entry: RowId| {
            let entry_loc = child_locator(&locator, Step::Entry(entry));
            let key_id = format!("{}-key", dom_id(&entry_loc));
            let map_loc = locator.clone();
            let key = store.watch_node(&map_loc, move |node| match node {
                Some(Node::Map(entries)) => {
                    entries.iter().find(|e| e.id == entry).map(|e| e.key.clone()).unwrap_or_default()
                }
                _ => String::new(),
            });
            let entry_path = memo(move || {
                let segment = crate::value::FieldPath(vec![crate::value::Segment::Key(key.get())]).to_string();
                format!("{}{segment}", path.get())
            });
            let key_path = memo(move || format!("{}@key", entry_path.get()));
            let key_touched = RwSignal::new(false);
            let key_problem = visible_problem(store, key_path, key_touched);
            let set_key = {
                let map_loc = map_loc.clone();
                let history_key = key_id.clone();
                move |text: String| {
                    let was_showing = key_problem.get_untracked().is_some();
                    store.edit(&map_loc, Some(&history_key), |f| {
                        f.set_key(&map_loc, entry, text);
                    });
                    let still = store.findings.with_untracked(|f| f.first_at(&key_path.get_untracked()).is_some());
                    key_touched.set(was_showing && still);
                }
            };
            let remove = {
                let entry_loc = entry_loc.clone();
                let map_loc = map_loc.clone();
                move |_| {
                    let next = entries.with_untracked(|ids| {
                        let at = ids.iter().position(|x| *x == entry)?;
                        ids.get(at + 1).or_else(|| at.checked_sub(1).and_then(|i| ids.get(i))).copied()
                    });
                    store.edit(&entry_loc, None, |f| f.unset(&entry_loc));
                    touched.set(true);
                    focus_later(match next {
                        Some(next) => format!("{}-key", dom_id(&child_locator(&map_loc, Step::Entry(next)))),
                        None => format!("{}-add", dom_id(&map_loc)),
                    });
                }
            };
            let title = {
                let noun = noun.clone();
                Arc::new(move || {
                    let k = key.get();
                    if k.is_empty() {
                        format!("New {noun}")
                    } else {
                        format!("{} {k}", overlay::upper_first(&noun))
                    }
                }) as Text
            };
            let value_label = fixed(overlay::upper_first(&overlay::label(value_field)));
            let value_view = match value_field.kind {
                Kind::Structure => view! { <StructField locator=entry_loc.clone() field=value_field path=entry_path legend=title.clone() /> }.into_any(),
                _ => {
                    let at = entry_loc.clone();
                    or_expression(entry_loc.clone(), value_field, entry_path, Box::new(move || {
                        view! { <ScalarField locator=at.clone() field=value_field path=entry_path label=value_label.clone() keep_empty=true /> }
                            .into_any()
                    }))
                }
            };
            let key_error_id = format!("{key_id}-error");
            let key_hint_id = format!("{key_id}-hint");
            view! {
                <li class="ps-list__item ps-map__entry">
                    <div class="ps-field" class:ps-field--error=move || key_problem.get().is_some()>
                        <label class="ps-field__label" for=key_id.clone()>
                            {overlay::upper_first(&overlay::label(key_field))}
                        </label>
                        <div class="ps-field__hint" id=key_hint_id.clone()>
                            {constraint_words(key_field)}
                            {key_field.pattern_source().and_then(overlay::pattern_words).map(|w| format!(" It {w}."))}
                        </div>
                        <ProblemMessage id=key_error_id.clone() problem=key_problem />
                        <input
                            type="text"
                            class="ps-input"
                            class:ps-input--error=move || key_problem.get().is_some()
                            id=key_id.clone()
                            name=move || key_path.get()
                            {attr("autocomplete", "off")}
                            {attr("spellcheck", "false")}
                            aria-describedby=move || {
                                if key_problem.get().is_some() {
                                    format!("{key_hint_id} {key_error_id}")
                                } else {
                                    key_hint_id.clone()
                                }
                            }
                            aria-invalid=move || key_problem.get().is_some().then_some("true")
                            prop:value=move || key.get()
                            on:input=on(move |ev| set_key(event_target_value(&ev)))
                            on:blur=on(move |_| key_touched.set(true))
                        />
                    </div>
                    {value_view}
                    <button
                        type="button"
                        class="ps-button ps-button--small ps-button--warning"
                        aria-label=move || format!("Remove {}", title())
                        on:click=on(remove)
                    >
                        "Remove"
                    </button>
                </li>
            }
            .into_any()
        }
    };
    view! {
        <fieldset class="ps-fieldset ps-map" id=id.clone() tabindex="-1">
            <legend class="ps-fieldset__legend">
                {format!("{}{}", overlay::upper_first(&overlay::label(field)), optional_suffix(field))}
            </legend>
            <p class="ps-field__hint">{field.hint}</p>
            <FieldFacts field=field />
            <Help field=field />
            <ProblemMessage id=format!("{id}-error") problem=problem />
            <ul class="ps-list__items">
                {keyed_rows(entries, entry_view.clone())}
            </ul>
            <button type="button" class="ps-button ps-button--secondary" id=format!("{id}-add") on:click=on(add)>
                {format!("Add {noun}")}
            </button>
        </fieldset>
    }
}
