//! The helper Web Worker of the browser app (see `poolsmith::worker`): answers the page's
//! messages with exports, imports, help text and search results. Natively it does nothing.
//! Like the page's module (`src/main.rs`), it starts from wasm-bindgen's start function rather
//! than a Rust `main`, so the standard library's runtime and stdout are not linked in.
#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer_scope = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let message = event.data().as_string().unwrap_or_default();
        let answer = poolsmith::worker::handle(&message);
        let _ = answer_scope.post_message(&JsValue::from_str(&answer));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Tell the page the worker is ready to answer.
    let _ = scope.post_message(&JsValue::from_str(r#"{"ready":true}"#));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
