//! The helper Web Worker of the browser app (see `poolsmith::worker`): answers the page's
//! messages with exports, imports, help text and search results. Natively it does nothing.

#[cfg(target_arch = "wasm32")]
fn main() {
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
