//! The few browser services the app uses, wrapped so that a failure (no storage, a full
//! quota, a denied clipboard) becomes a message instead of a crash.

use wasm_bindgen::{JsCast, JsValue};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// localStorage, if the browser allows it (private modes and policies may not).
fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Saves `value`; `Err` says why not (storage blocked or full).
pub fn save(key: &str, value: &str) -> Result<(), &'static str> {
    let storage =
        storage().ok_or("This browser does not allow saving drafts, so the draft is not kept after you leave.")?;
    storage
        .set_item(key, value)
        .map_err(|_| "Your draft could not be saved: this browser's storage is full. Export the request to keep it.")
}

/// Milliseconds since the page started.
pub fn now() -> f64 {
    window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// A `performance.mark` (scripts/bench reads `poolsmith:interactive` and `poolsmith:complete`).
pub fn mark(name: &str) {
    if let Some(performance) = window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// The URL fragment, with its `#`.
pub fn hash() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The page address without its fragment.
pub fn address_without_hash() -> String {
    let Some(location) = window().map(|w| w.location()) else { return String::new() };
    let href = location.href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Removes the fragment from the address bar (after a share link was loaded), without a reload.
pub fn clear_hash() {
    if let Some(window) = window() {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&address_without_hash()));
        }
    }
}

/// Asks the user to confirm, with the browser's own dialog.
pub fn confirm(question: &str) -> bool {
    window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
}

/// Copies text to the clipboard; resolves to whether it worked.
pub async fn copy(text: &str) -> bool {
    let Some(clipboard) = window().map(|w| w.navigator().clipboard()) else { return false };
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str) -> bool {
    let attempt = || -> Option<()> {
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/plain;charset=utf-8");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = window()?.document()?;
        let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Some(())
    };
    attempt().is_some()
}

/// Focuses the element with `id` at once, for elements that are already in the page (the
/// next tab of a tab list): a key press that moves the selection moves focus in the same turn,
/// so the next key press goes to the new element.
/// Opens the `<dialog>` with `id` as a modal: the browser moves focus into it, keeps it there,
/// makes the rest of the page inert and closes it on Escape.
pub fn show_modal(id: &str) {
    let dialog = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(dialog) = dialog.and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok()) {
        let _ = dialog.show_modal();
    }
}

/// Closes the `<dialog>` with `id` (its `close` event follows).
pub fn close_dialog(id: &str) {
    let dialog = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(dialog) = dialog.and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok()) {
        dialog.close();
    }
}

pub fn focus_now(id: &str) {
    let element = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Focuses the element with `id` once the DOM has caught up, opening any collapsed
/// `<details>` around it and scrolling its label into view first (GOV.UK's error summary does
/// the same so the question is visible with the control). In the first moments after load the
/// form is still coming in a slice at a time (`progressive`): a field that is not there yet is
/// waited for, a frame at a time, while the form is missing or marked busy.
pub fn focus_later(id: String) {
    focus_when_rendered(id, now() + WAIT_FOR_THE_FORM_MS);
}

/// How long [`focus_later`] waits for a field of a form still rendering (the whole form takes
/// under a second on a phone).
const WAIT_FOR_THE_FORM_MS: f64 = 20_000.0;

fn focus_when_rendered(id: String, deadline_ms: f64) {
    leptos::prelude::request_animation_frame(move || {
        let Some(document) = window().and_then(|w| w.document()) else { return };
        let Some(element) = document.get_element_by_id(&id) else {
            // Before the form is mounted, or while it is marked busy, its fields are still coming.
            let still_rendering = match document.query_selector("form.ps-form").ok().flatten() {
                None => true,
                Some(form) => form.get_attribute("aria-busy").as_deref() == Some("true"),
            };
            if still_rendering && now() < deadline_ms {
                focus_when_rendered(id, deadline_ms);
            }
            return;
        };
        let mut parent = element.parent_element();
        while let Some(node) = parent {
            if let Ok(details) = node.clone().dyn_into::<web_sys::HtmlDetailsElement>() {
                details.set_open(true);
            }
            parent = node.parent_element();
        }
        let label = document.query_selector(&format!("label[for=\"{id}\"]")).ok().flatten();
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        label.as_ref().unwrap_or(&element).scroll_into_view_with_scroll_into_view_options(&options);
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let focus = web_sys::FocusOptions::new();
            focus.set_prevent_scroll(true);
            let _ = element.focus_with_options(&focus);
        }
    });
}

/// Registers the offline service worker (`sw.js`, written by scripts/post-build) when the page
/// is served over HTTP(S); the page works the same without it.
pub fn register_service_worker() {
    let Some(window) = window() else { return };
    let secure = window.location().protocol().is_ok_and(|p| p == "https:" || p == "http:");
    if secure && js_sys::Reflect::has(&window.navigator(), &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        let _ = window.navigator().service_worker().register("./sw.js");
    }
}
