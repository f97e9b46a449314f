//! Starting a worker, waiting for its ready message, posting requests and
//! reading replies (see [`crate::protocol`]): the one way to start a
//! worker, for the page (its data and helper workers) and for the data
//! worker (its part workers).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::protocol::envelope;
use crate::protocol::{Reply, Request};

/// Trunk's loader for the worker's wasm, next to the page (relative, so the
/// app works from any sub-path; from a worker, relative to its own script,
/// which is in the same folder).
const WORKER_URL: &str = "./worker_loader.js";

/// A running worker. Dropping it (or [`WorkerLink::end`]) ends the worker
/// at once, even in the middle of a calculation.
pub struct WorkerLink {
    shared: Rc<RefCell<Shared>>,
    handlers: Option<Handlers>,
}

struct Shared {
    worker: Worker,
    ready: bool,
    /// Requests made before the worker was ready, which it would have lost.
    waiting: Vec<JsValue>,
}

struct Handlers {
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl WorkerLink {
    /// Starts a worker. Its ready message sends the requests made before it
    /// and is then passed on; `on_reply` gets every reply with its
    /// attachments; `on_crash` gets a description when the worker fails (a
    /// panic, or memory exhausted), after which the worker is unusable.
    pub fn spawn(
        mut on_reply: impl FnMut(Reply, Vec<JsValue>) + 'static,
        mut on_crash: impl FnMut(String) + 'static,
    ) -> Result<WorkerLink, String> {
        let worker = Worker::new(WORKER_URL)
            .map_err(|e| format!("the browser refused to start the worker: {}", describe_js(&e)))?;
        let shared = Rc::new(RefCell::new(Shared { worker: worker.clone(), ready: false, waiting: Vec::new() }));
        let on_ready = Rc::downgrade(&shared);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            match envelope::open::<Reply>(&event.data()) {
                Ok((reply, attached)) => {
                    if matches!(reply, Reply::Ready { .. })
                        && let Some(shared) = on_ready.upgrade()
                    {
                        shared.borrow_mut().mark_ready();
                    }
                    on_reply(reply, attached);
                }
                Err(problem) => web_sys::console::error_1(&format!("unreadable worker reply: {problem}").into()),
            }
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            let message = event.message();
            on_crash(if message.is_empty() { "the worker stopped unexpectedly".to_string() } else { message });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerLink { shared, handlers: Some(Handlers { _on_message: on_message, _on_error: on_error }) })
    }

    pub fn is_ready(&self) -> bool {
        self.shared.borrow().ready
    }

    /// Sends a request with its attached files; before the worker is ready,
    /// keeps it until it is.
    pub fn send(&self, request: &Request, attached: &[JsValue]) {
        let sealed = match envelope::seal(request, attached) {
            Ok(sealed) => sealed,
            Err(problem) => {
                web_sys::console::error_1(&format!("cannot encode a request: {problem}").into());
                return;
            }
        };
        let mut shared = self.shared.borrow_mut();
        if shared.ready {
            shared.post(&sealed);
        } else {
            shared.waiting.push(sealed);
        }
    }

    /// Ends the worker now. Its handlers are dropped a moment later, since
    /// one of them may be what called this (a crash, a reply).
    pub fn end(mut self) {
        self.terminate();
        let handlers = self.handlers.take();
        gloo::timers::callback::Timeout::new(0, move || drop(handlers)).forget();
    }

    fn terminate(&self) {
        let shared = self.shared.borrow();
        shared.worker.set_onmessage(None);
        shared.worker.set_onerror(None);
        shared.worker.terminate();
    }
}

impl Shared {
    /// The worker said it is ready: send what was waiting.
    fn mark_ready(&mut self) {
        self.ready = true;
        for sealed in std::mem::take(&mut self.waiting) {
            self.post(&sealed);
        }
    }

    fn post(&self, sealed: &JsValue) {
        if let Err(e) = self.worker.post_message(sealed) {
            web_sys::console::error_2(&"cannot post to the worker".into(), &e);
        }
    }
}

impl Drop for WorkerLink {
    fn drop(&mut self) {
        self.terminate();
    }
}

/// A browser error as a sentence.
pub fn describe_js(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
