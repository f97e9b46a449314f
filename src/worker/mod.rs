//! The worker: reads the user's files and computes reports away from the
//! page's thread, so the page stays responsive and a report can be
//! cancelled by ending the worker.
//!
//! The page runs two of them from the same code: one for reports, which it
//! ends to cancel, and one for quick jobs (previews, the sample data) that
//! must not wait behind a long report.

mod envelope;
mod example;
mod history;
mod memory;
mod preview;
mod report;
mod slices;
mod timeline;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::protocol::{Reply, Request};
use engine::StoreZone;
use engine::sample::{SampleSpec, sample_files};

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

fn handle(data: &JsValue) {
    let (request, attached) = match envelope::open(data) {
        Ok(opened) => opened,
        Err(problem) => {
            // Only a bug in the page can cause this; there is no report to fail.
            web_sys::console::error_1(&format!("worker: unreadable request: {problem}").into());
            return;
        }
    };
    match request {
        Request::Preview { file_key } => preview::run(file_key, &attached),
        Request::Sample => send_sample(),
        Request::Report { report_id, settings } => report::run(report_id, &settings, &attached),
        Request::Timeline { report_id, store_id, rebuild } => timeline::run(report_id, store_id, rebuild, &attached),
        Request::Example => example::run(),
    }
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
