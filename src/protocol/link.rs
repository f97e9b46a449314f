//! Starting a worker, waiting for its ready message, posting requests and
//! reading replies (see [`crate::protocol`]): the one way to start a
//! worker, for the page (its data and helper workers) and for the data
//! worker (its part workers).
//!
//! A request is either sent ([`WorkerLink::send`]: its replies, progress
//! and all, go to the link's listener) or asked ([`WorkerLink::ask`]: its
//! one answer comes back to the caller's future, as gloo-worker's oneshot
//! bridge does, by the number the request carries in its envelope).

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;

use futures_channel::oneshot;

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
    /// The number of the next asked request.
    next_asked: u32,
    /// Who awaits the answer to each asked request. Dropped when the worker
    /// ends or fails, which tells each of them it will not come.
    asked: HashMap<u32, oneshot::Sender<Answer>>,
}

/// A reply with its attachments.
pub type Answer = (Reply, Vec<JsValue>);

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
        let shared = Rc::new(RefCell::new(Shared {
            worker: worker.clone(),
            ready: false,
            waiting: Vec::new(),
            next_asked: 1,
            asked: HashMap::new(),
        }));
        let on_ready = Rc::downgrade(&shared);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            match envelope::open::<Reply>(&data) {
                Ok((reply, attached)) => {
                    let Some(shared) = on_ready.upgrade() else { return };
                    if matches!(reply, Reply::Ready { .. }) {
                        shared.borrow_mut().mark_ready();
                    }
                    let awaiting = envelope::asked(&data).and_then(|asked| shared.borrow_mut().asked.remove(&asked));
                    match awaiting {
                        // The caller may have stopped waiting: nothing to do.
                        Some(awaiting) => drop(awaiting.send((reply, attached))),
                        None => on_reply(reply, attached),
                    }
                }
                Err(problem) => web_sys::console::error_1(&format!("unreadable worker reply: {problem}").into()),
            }
        });
        let on_failed = Rc::downgrade(&shared);
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            if let Some(shared) = on_failed.upgrade() {
                shared.borrow_mut().asked.clear();
            }
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
    /// keeps it until it is. Its replies go to the link's listener.
    pub fn send(&self, request: &Request, attached: &[JsValue]) {
        match envelope::seal(request, attached) {
            Ok(sealed) => self.shared.borrow_mut().post_when_ready(sealed),
            Err(problem) => web_sys::console::error_1(&format!("cannot encode a request: {problem}").into()),
        }
    }

    /// Asks the worker something it answers once: the future gives that
    /// answer (which no listener hears), or says why none will come (the
    /// worker ended or failed first).
    pub fn ask(&self, request: &Request, attached: &[JsValue]) -> impl Future<Output = Result<Answer, String>> + use<> {
        let sealed = envelope::seal(request, attached);
        let answer = sealed.map(|sealed| {
            let (sender, answer) = oneshot::channel();
            let mut shared = self.shared.borrow_mut();
            let asked = shared.next_asked;
            shared.next_asked = asked.wrapping_add(1);
            shared.asked.insert(asked, sender);
            envelope::mark_asked(&sealed, asked);
            shared.post_when_ready(sealed);
            answer
        });
        async move {
            let answer = answer.map_err(|problem| format!("cannot encode a request: {problem}"))?;
            answer.await.map_err(|_| "the worker stopped before it answered".to_string())
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
        let mut shared = self.shared.borrow_mut();
        shared.asked.clear();
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

    fn post_when_ready(&mut self, sealed: JsValue) {
        if self.ready {
            self.post(&sealed);
        } else {
            self.waiting.push(sealed);
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
