//! The page's end of a worker: starting it, waiting for its ready message,
//! posting requests and reading replies (see [`crate::protocol`]).

use js_sys::{Array, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::protocol::{ATTACHED_KEY, JSON_KEY, Reply, Request};

/// Trunk's loader for the worker's wasm, next to the page (relative, so the
/// app works from any sub-path).
const WORKER_URL: &str = "./worker_loader.js";

/// A running worker. Dropping it ends the worker at once, even in the
/// middle of a calculation.
pub struct WorkerLink {
    worker: Worker,
    ready: bool,
    /// Requests made before the worker was ready, which it would have lost.
    waiting: Vec<JsValue>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl WorkerLink {
    /// Starts a worker. `on_reply` gets every reply with its attached
    /// buffers; `on_crash` gets a description when the worker fails (a
    /// panic, or memory exhausted), after which the worker is unusable.
    pub fn spawn(
        mut on_reply: impl FnMut(Reply, Vec<JsValue>) + 'static,
        mut on_crash: impl FnMut(String) + 'static,
    ) -> Result<WorkerLink, String> {
        let worker = Worker::new(WORKER_URL)
            .map_err(|e| format!("the browser refused to start the worker: {}", describe_js(&e)))?;
        let on_message =
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| match open(&event.data()) {
                Ok((reply, attached)) => on_reply(reply, attached),
                Err(problem) => web_sys::console::error_1(&format!("unreadable worker reply: {problem}").into()),
            });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            let message = event.message();
            on_crash(if message.is_empty() { "the worker stopped unexpectedly".to_string() } else { message });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerLink { worker, ready: false, waiting: Vec::new(), _on_message: on_message, _on_error: on_error })
    }

    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// The worker said it is ready: send what was waiting.
    pub fn mark_ready(&mut self) {
        self.ready = true;
        for envelope in std::mem::take(&mut self.waiting) {
            self.post(&envelope);
        }
    }

    /// Sends a request with its attached files; before the worker is ready,
    /// keeps it until it is.
    pub fn send(&mut self, request: &Request, attached: &[JsValue]) {
        let envelope = match envelope(request, attached) {
            Ok(envelope) => envelope,
            Err(problem) => {
                web_sys::console::error_1(&format!("cannot encode a request: {problem}").into());
                return;
            }
        };
        if self.ready {
            self.post(&envelope);
        } else {
            self.waiting.push(envelope);
        }
    }

    fn post(&self, envelope: &JsValue) {
        if let Err(e) = self.worker.post_message(envelope) {
            web_sys::console::error_2(&"cannot post to the worker".into(), &e);
        }
    }
}

impl Drop for WorkerLink {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

fn envelope(request: &Request, attached: &[JsValue]) -> Result<JsValue, String> {
    let json = serde_json::to_string(request).map_err(|e| e.to_string())?;
    let envelope = js_sys::Object::new();
    let attached: Array = attached.iter().collect();
    Reflect::set(&envelope, &JSON_KEY.into(), &json.into()).map_err(|e| describe_js(&e))?;
    Reflect::set(&envelope, &ATTACHED_KEY.into(), &attached).map_err(|e| describe_js(&e))?;
    Ok(envelope.into())
}

fn open(data: &JsValue) -> Result<(Reply, Vec<JsValue>), String> {
    let json = Reflect::get(data, &JSON_KEY.into()).ok().and_then(|json| json.as_string()).ok_or("no JSON text")?;
    let reply = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let attached = Reflect::get(data, &ATTACHED_KEY.into())
        .ok()
        .and_then(|attached| attached.dyn_into::<Array>().ok())
        .map(|array| array.iter().collect())
        .unwrap_or_default();
    Ok((reply, attached))
}

/// A browser error as a sentence.
pub fn describe_js(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
