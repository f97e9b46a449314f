//! The data worker ([`DataWorker`]): the one worker that parses each file
//! when it is given, keeps what it read, and computes reports and store
//! timelines from it (see `crate::worker::dataset`). The inputs send it the
//! files and hear their previews; the report queue sends it reports and
//! hears their progress and results. Each hears every reply and takes
//! those it asked for.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::protocol::link::{Answer, WorkerLink};
use crate::protocol::{Reply, Request};

/// What the data worker tells its listeners.
#[derive(Clone, Copy)]
pub enum DataEvent<'a> {
    /// A reply, with its attachments.
    Reply(&'a Reply, &'a [JsValue]),
    /// The worker stopped (a panic, or its memory ran out): what it held
    /// and what it was doing are lost. The queue then restarts it, once,
    /// and `Restarted` follows.
    Crashed(&'a str),
    /// The worker was ended (on purpose, or after a crash) and a fresh one
    /// started: what it held and what it was doing are lost.
    Restarted,
}

/// Who hears the data worker.
pub type DataListener = Rc<dyn Fn(DataEvent<'_>)>;

#[derive(Default)]
struct DataParts {
    link: Option<WorkerLink>,
    listeners: Vec<DataListener>,
}

/// The data worker and who listens to it.
#[derive(Clone, Copy)]
pub struct DataWorker {
    /// The worker and its part workers are running: the page has loaded
    /// all it needs.
    pub ready: RwSignal<bool>,
    parts: StoredValue<DataParts, LocalStorage>,
    /// Set when the browser cannot start a worker at all.
    fatal: RwSignal<Option<String>>,
}

impl DataWorker {
    /// Starts the worker; `fatal` is told if the browser cannot.
    pub fn start(fatal: RwSignal<Option<String>>) -> DataWorker {
        let data =
            DataWorker { ready: RwSignal::new(false), parts: StoredValue::new_local(DataParts::default()), fatal };
        data.spawn();
        data
    }

    /// Adds a listener; it hears replies from now on.
    pub fn listen(&self, listener: DataListener) {
        self.parts.update_value(|parts| parts.listeners.push(listener));
    }

    /// Sends a request with its attached files (kept until the worker is ready).
    pub fn send(&self, request: &Request, attached: &[JsValue]) {
        self.parts.with_value(|parts| {
            if let Some(link) = parts.link.as_ref() {
                link.send(request, attached);
            }
        });
    }

    /// Asks the worker something it answers once (a store's week, a page of
    /// outages): the answer, or why none will come.
    pub fn ask(&self, request: &Request, attached: &[JsValue]) -> impl Future<Output = Result<Answer, String>> + use<> {
        let asked = self.parts.with_value(|parts| parts.link.as_ref().map(|link| link.ask(request, attached)));
        async move {
            match asked {
                Some(answer) => answer.await,
                None => Err("the worker is not running".to_string()),
            }
        }
    }

    /// Ends the worker, even in the middle of a job, and starts a fresh one.
    pub fn restart(&self) {
        self.replace();
        self.tell(DataEvent::Restarted);
    }

    fn replace(&self) {
        self.ready.set(false);
        if let Some(link) = self.parts.try_update_value(|parts| parts.link.take()).flatten() {
            link.end();
        }
        self.spawn();
    }

    fn spawn(&self) {
        let data = *self;
        let link = WorkerLink::spawn(
            move |reply, attached| {
                if reply == Reply::PartWorkersReady {
                    data.ready.set(true);
                }
                data.tell(DataEvent::Reply(&reply, &attached))
            },
            // The worker is not replaced here: the queue's machine decides
            // that, and its restart replaces it once (and says `Restarted`).
            move |problem| data.tell(DataEvent::Crashed(&problem)),
        );
        match link {
            Ok(link) => {
                link.send(&Request::StartPartWorkers, &[]);
                self.parts.update_value(|parts| parts.link = Some(link));
            }
            Err(problem) => self.fatal.set(Some(problem)),
        }
    }

    fn tell(&self, event: DataEvent<'_>) {
        // Listeners may send requests: they are called with the parts free.
        let listeners = self.parts.with_value(|parts| parts.listeners.clone());
        for listener in listeners {
            listener(event);
        }
    }
}
