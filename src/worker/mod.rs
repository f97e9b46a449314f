//! The worker: reads the user's files and computes reports away from the
//! page's thread, so the page stays responsive. A cancelled report does
//! not end the data worker, which holds the parsed files: it finishes the
//! report unseen and takes the next (see `app::queue::queue_machine`).
//!
//! The page runs two of them from the same code: one that parses the files
//! as they are given and keeps them (see `dataset`) to compute reports
//! and timelines from, and one for quick jobs (the sample data, the worked
//! example) that must not wait behind a long report.

mod answers;
mod dataset;
mod envelope;
mod example;
mod history;
mod memory;
mod outage_list;
mod parts;
mod report;
mod slices;
mod timeline;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::protocol::{PreviewOutcome, Reply, Request};
use engine::StoreZone;
use engine::{SampleSpec, sample_files};

/// Starts answering the page's messages, then tells the page so: messages
/// the page posts before this point are lost.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        handle(&event.data());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler is needed for as long as the worker lives.
    on_message.forget();
    envelope::post(
        &Reply::Ready {
            zones: StoreZone::all_names().map(str::to_string).collect(),
            default_zone: engine::DEFAULT_ZONE.name().to_string(),
        },
        &[],
    );
}

thread_local! {
    /// The page's requests that arrived while a large file was being read
    /// in parts: they may need its data, so they wait, in order.
    static WAITING: std::cell::RefCell<std::collections::VecDeque<JsValue>> = const {
        std::cell::RefCell::new(std::collections::VecDeque::new())
    };
}

fn handle(data: &JsValue) {
    if dataset::is_parsing() {
        WAITING.with(|waiting| waiting.borrow_mut().push_back(data.clone()));
        return;
    }
    let (request, attached, asked) = match envelope::open(data) {
        Ok(opened) => opened,
        Err(problem) => {
            // Only a bug in the page can cause this; there is no report to fail.
            web_sys::console::error_1(&format!("worker: unreadable request: {problem}").into());
            return;
        }
    };
    match request {
        Request::Preview { file_key } => {
            let outcome = match attached.first() {
                Some(file) => dataset::parse(file_key, file),
                None => Some(PreviewOutcome::Unreadable { problem: "no file was given".to_string() }),
            };
            // None: the file is read in parts, and its preview comes then.
            if let Some(outcome) = outcome {
                envelope::post(&Reply::Preview { file_key, outcome }, &[]);
            }
        }
        Request::Forget { file_key } => dataset::forget(file_key),
        // No reply: a read that fails here fails again, with its reason,
        // for the question that needs the data.
        Request::Prepare { file_keys } => {
            let _ = dataset::prepare(&keyed(file_keys, attached), &mut |_| {});
        }
        Request::Sample => send_sample(),
        Request::Report { report_id, settings, file_keys } => {
            report::run(report_id, &settings, &keyed(file_keys, attached))
        }
        Request::Timeline { report_id, store_id, rebuild, file_keys } => {
            timeline::run(asked, report_id, store_id, rebuild, &keyed(file_keys, attached))
        }
        Request::Outages { report_id, query, rebuild, file_keys } => {
            outage_list::run(asked, report_id, query, rebuild, &keyed(file_keys, attached))
        }
        Request::Example => example::run(),
        Request::StartPartWorkers => dataset::start_part_workers(),
        Request::ReadPart { file_key, index, start, end, file_bytes } => {
            parts::read_part(file_key, index, engine::PartRange::new(start, end, file_bytes), &attached)
        }
    }
}

/// Handles the requests that waited for a file read in parts, until one
/// starts reading another such file.
fn resume() {
    while !dataset::is_parsing() {
        let Some(next) = WAITING.with(|waiting| waiting.borrow_mut().pop_front()) else {
            return;
        };
        handle(&next);
    }
}

/// The attached files with the page's keys for them. Files sent without a
/// key each get one never used before, so that they are always read.
fn keyed(keys: Vec<u64>, files: Vec<web_sys::File>) -> Vec<(u64, web_sys::File)> {
    if keys.len() == files.len() {
        return keys.into_iter().zip(files).collect();
    }
    thread_local! {
        static NEXT_UNKEYED: std::cell::Cell<u64> = const { std::cell::Cell::new(u64::MAX) };
    }
    let fresh = || {
        NEXT_UNKEYED.with(|next| {
            let key = next.get();
            next.set(key - 1);
            key
        })
    };
    files.into_iter().map(|file| (fresh(), file)).collect()
}

fn send_sample() {
    let sample = sample_files(&SampleSpec::like_real(crate::protocol::SAMPLE_STORES, crate::protocol::SAMPLE_SEED));
    let names = ["sample-status.csv", "sample-menu_hours.csv", "sample-timezones.csv"];
    let buffers = [&sample.status, &sample.hours, &sample.timezones].map(|bytes| envelope::buffer(bytes).into());
    envelope::post(&Reply::Sample { file_names: names.map(str::to_string).to_vec() }, &buffers);
}

/// Milliseconds since the worker started, for timing the steps of a report.
fn now_ms() -> f64 {
    js_sys::global()
        .unchecked_into::<web_sys::WorkerGlobalScope>()
        .performance()
        .map_or_else(js_sys::Date::now, |performance| performance.now())
}
