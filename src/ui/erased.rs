//! Type-erased event handlers and memos, to keep the WebAssembly small.
//!
//! Leptos compiles its event-listener code (attaching, the attribute's build, rebuild and
//! clone functions) once per handler *type*, and every closure has its own type. Boxed behind
//! `dyn FnMut`, all handlers of one event share that code: boxing the app's 45 handlers made
//! the first load 4 KB (gzip) smaller. Write `on:click=on(move |_| …)` rather than
//! `on:click=move |_| …`, and `memo(move || …)` rather than `Memo::new(move |_| …)` (0.5 KB).
//!
//! For the same reason, list items and optional children are turned into `AnyView`
//! (`.into_any()`) before they are collected: Leptos compiles a list's or an option's render
//! code once per item type, and `AnyView` is one type (1.9 KB for the lists, 2.9 KB for the
//! optional children).

use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::{custom_attribute, CustomAttr};
use std::sync::Arc;

/// An event handler.
pub type Handler<E> = Box<dyn FnMut(E)>;

/// Boxes an event handler (see the module docs).
pub fn on<E>(handler: impl FnMut(E) + 'static) -> Handler<E> {
    Box::new(handler)
}

/// A memo's function, boxed.
type MemoFn<T> = Box<dyn Fn(Option<&T>) -> T + Send + Sync>;

/// `Memo::new` with its function boxed: Leptos compiles a memo's code once per function type,
/// so boxed functions share one copy per value type (String, bool, …).
pub fn memo<T: PartialEq + Send + Sync + 'static>(f: impl Fn() -> T + Send + Sync + 'static) -> Memo<T> {
    let boxed: MemoFn<T> = Box::new(move |_| f());
    Memo::new(boxed)
}

/// Shows `children` while `when` is true, like `<Show>`, which is compiled again for every use
/// (its condition, its children and the switch between them are all generic); this is one
/// function for all of them.
pub fn show(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    shown(memo(when), Arc::new(children))
}

fn shown(when: Memo<bool>, children: Arc<dyn Fn() -> AnyView + Send + Sync>) -> AnyView {
    optional_view(Arc::new(move || when.get().then(|| children())))
}

/// A reactive child that may be absent (a problem message, a status line): one render path for
/// all of them, where each closure type would compile its own.
pub fn optional(view: impl Fn() -> Option<AnyView> + Send + Sync + 'static) -> AnyView {
    optional_view(Arc::new(view))
}

fn optional_view(view: Arc<dyn Fn() -> Option<AnyView> + Send + Sync>) -> AnyView {
    (move || view()).into_any()
}

/// A keyed list (`<For>`): one `row` view per id of `ids`, kept while its id stays, so focus
/// never jumps when rows are added, moved or removed. One function for every list, because
/// `<For>` is compiled again for each use.
pub fn keyed_rows(ids: ReadSignal<Vec<u32>>, row: impl Fn(u32) -> AnyView + Send + Sync + 'static) -> AnyView {
    keyed(ids, Arc::new(row))
}

fn keyed(ids: ReadSignal<Vec<u32>>, row: Arc<dyn Fn(u32) -> AnyView + Send + Sync>) -> AnyView {
    view! { <For each=move || ids.get() key=|id| *id children=move |id| row(id) /> }.into_any()
}

/// A static attribute, written `{attr("spellcheck", "false")}` in `view!`. On an element with
/// dynamic parts, Leptos compiles the code for a typed attribute (`spellcheck="false"`) once
/// per attribute name, about 540 bytes each; attributes made here all share one type.
pub fn attr(name: &'static str, value: &'static str) -> CustomAttr<&'static str, &'static str> {
    custom_attribute(name, value)
}
