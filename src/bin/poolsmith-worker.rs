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
        if let Some(url) = poolsmith::worker::file_to_read(&message) {
            // A chosen or dropped file: fetch its bytes from the page's object URL, then decode.
            let scope = answer_scope.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = fetch_bytes(&scope, &url).await;
                let answer = poolsmith::worker::read_file_answer(&message, bytes);
                let _ = scope.post_message(&JsValue::from_str(&answer));
            });
            return;
        }
        let answer = poolsmith::worker::handle(&message);
        let _ = answer_scope.post_message(&JsValue::from_str(&answer));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Tell the page the worker is ready to answer.
    let _ = scope.post_message(&JsValue::from_str(r#"{"ready":true}"#));
}

/// The bytes behind `url` (an object URL the page made for a file).
#[cfg(target_arch = "wasm32")]
async fn fetch_bytes(scope: &web_sys::DedicatedWorkerGlobalScope, url: &str) -> Option<Vec<u8>> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let response: web_sys::Response = JsFuture::from(scope.fetch_with_str(url)).await.ok()?.dyn_into().ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
