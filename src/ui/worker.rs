//! The page's side of the helper worker (`poolsmith::worker`): starts it the first time it is
//! needed, queues questions until it is ready, and routes each answer to its callback.

use crate::json::{self, Json};
use std::cell::RefCell;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

type Callback = Box<dyn FnOnce(Result<Json, String>)>;

struct Client {
    worker: web_sys::Worker,
    ready: bool,
    failed: Option<String>,
    queue: Vec<String>,
    next_id: u64,
    pending: Vec<(u64, Callback)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Trunk writes the worker's loader next to the page; the URL is relative so the app works
/// under a sub-path (GitHub Pages).
const LOADER: &str = "./poolsmith-worker_loader.js";

fn start() -> Result<Client, String> {
    let worker = web_sys::Worker::new(LOADER).map_err(|_| "The export helper could not start.".to_string())?;
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        answered(&text);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|_event: web_sys::Event| {
        failed("The export helper failed to load. Reload the page to try again.".into());
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Ok(Client { worker, ready: false, failed: None, queue: Vec::new(), next_id: 0, pending: Vec::new() })
}

fn answered(text: &str) {
    let Ok((answer, _)) = json::parse(text) else { return };
    if answer.get("ready") == Some(&Json::Bool(true)) {
        CLIENT.with(|c| {
            if let Some(client) = c.borrow_mut().as_mut() {
                client.ready = true;
                for message in client.queue.drain(..) {
                    let _ = client.worker.post_message(&JsValue::from_str(&message));
                }
            }
        });
        return;
    }
    let id = match answer.get("id") {
        Some(Json::Number(n)) => n.parse::<u64>().ok(),
        _ => None,
    };
    let callback = id.and_then(|id| {
        CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            let client = c.as_mut()?;
            let at = client.pending.iter().position(|(p, _)| *p == id)?;
            Some(client.pending.swap_remove(at).1)
        })
    });
    if let Some(callback) = callback {
        let result = match answer.get("error").and_then(Json::as_str) {
            Some(error) => Err(error.to_string()),
            None => Ok(answer),
        };
        callback(result);
    }
}

fn failed(message: String) {
    let callbacks: Vec<Callback> = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        match c.as_mut() {
            Some(client) => {
                client.failed = Some(message.clone());
                client.pending.drain(..).map(|(_, cb)| cb).collect()
            }
            None => Vec::new(),
        }
    });
    for callback in callbacks {
        callback(Err(message.clone()));
    }
}

/// Asks the worker `members` (an `op` and its fields) and calls `callback` with the answer,
/// or with the reason there is none.
pub fn ask(mut members: Vec<(String, Json)>, callback: impl FnOnce(Result<Json, String>) + 'static) {
    let mut callback: Option<Callback> = Some(Box::new(callback));
    let error = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            match start() {
                Ok(client) => *c = Some(client),
                Err(message) => return Some(message),
            }
        }
        let client = c.as_mut()?;
        if let Some(message) = &client.failed {
            return Some(message.clone());
        }
        client.next_id += 1;
        let id = client.next_id;
        members.insert(0, ("id".into(), Json::Number(id.to_string())));
        let message = Json::Object(members).compact();
        if let Some(callback) = callback.take() {
            client.pending.push((id, callback));
        }
        if client.ready {
            let _ = client.worker.post_message(&JsValue::from_str(&message));
        } else {
            client.queue.push(message);
        }
        None
    });
    if let (Some(error), Some(callback)) = (error, callback) {
        callback(Err(error));
    }
}
