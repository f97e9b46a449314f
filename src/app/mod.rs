//! The page: the user gives the three files, chooses settings, generates
//! reports and reads or downloads them. The calculation runs in a worker
//! (see [`crate::worker`]); nothing leaves the browser.
//!
//! Each area is a folder with its own context (see docs/ARCHITECTURE.md).
//! They depend one way: shell, settings and workers ← inputs ← queue (the
//! reports asked for, made and finished) ← report (the report on screen
//! and a store's timeline) ← storage, which observes the others and writes
//! what changed; `explain` draws the worked example with the report's
//! timeline drawing.

pub mod explain;
pub mod inputs;
pub mod queue;
pub mod report;
pub mod settings;
pub mod shell;
pub mod storage;
pub mod workers;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use explain::how_computed::HowComputed;
use inputs::drop_zone::DropZone;
use inputs::file_slots::FileSlots;
use inputs::files::Inputs;
use queue::generate_bar::GenerateBar;
use queue::report_list::ReportList;
use queue::report_queue::Queue;
use report::inputs_fold::{FoldedInputs, InputsFold};
use report::report_view::ReportView;
use report::share::shared_link_notice::SharedLinkNotice;
use report::timeline::route::Timeline;
use settings::Settings;
use settings::settings_panel::SettingsPanel;
use shell::Shell;
use shell::intro::Intro;
use storage::keeper::Storage;
use storage::stored_data::StoredData;
use workers::data::DataWorker;

#[component]
pub fn App() -> impl IntoView {
    let shell = Shell::new();
    let settings = Settings::new();
    let data = DataWorker::start(shell.fatal);
    let inputs = Inputs::new(shell, settings, data);
    let queue = Queue::new(shell, settings, inputs, data);
    let timeline = Timeline::new(queue);
    let fold = InputsFold::new(queue);
    let storage = Storage::start(shell, settings, inputs, queue, timeline);
    provide_context(shell);
    provide_context(settings);
    provide_context(inputs);
    provide_context(queue);
    provide_context(timeline);
    provide_context(storage);
    register_service_worker();
    // The page's views react before the browser lays the page out for paper.
    for (event, printing) in [("beforeprint", true), ("afterprint", false)] {
        let _ = window_event_listener_untyped(event, move |_| shell.printing.set(printing));
    }
    // A file dropped beside the drop zone would otherwise replace the page.
    for event in ["dragover", "drop"] {
        let _ = window_event_listener_untyped(event, |event| event.prevent_default());
    }

    // To the report on screen, or else to where reports are made.
    let skip_to = move || if queue.shown.with(Option::is_some) { "#shown-report" } else { "#report-heading" };
    view! {
        <a class="skip-link" href=skip_to data-testid="skip-to-report">
            "Skip to the report"
        </a>
        <Intro/>
        <main
            id="main"
            data-workers=move || if data.ready.get() { "ready" } else { "starting" }
            data-inputs-folded=move || fold.folded.get().to_string()
        >
            {move || {
                shell
                    .fatal
                    .get()
                    .map(|problem| {
                        view! {
                            <p class="fatal" role="alert">
                                "This browser cannot run the calculation: " {problem}
                            </p>
                        }
                    })
            }}
            <SharedLinkNotice/>
            <StoredData/>
            <section class="step files-step" aria-labelledby="files-heading">
                <h2 id="files-heading">"1. Give the files"</h2>
                <DropZone/>
                <FileSlots/>
            </section>
            <section class="step" aria-labelledby="report-heading">
                <h2 id="report-heading">"2. Generate the report"</h2>
                <FoldedInputs fold/>
                <div class="settings-panel-fold">
                    <SettingsPanel
                        latest_poll=Signal::derive(move || inputs.latest_poll())
                        earliest_poll=Signal::derive(move || inputs.earliest_poll())
                    />
                </div>
                <GenerateBar/>
                <ReportList/>
            </section>
            <ReportView/>
            <HowComputed/>
        </main>
        <footer class="page-footer">
            <p>
                "Store Uptime runs entirely in this browser tab: your files are read here and never sent anywhere. It keeps working offline once loaded."
            </p>
        </footer>
        <p class="visually-hidden" role="status" aria-live="polite">
            {move || shell.announcement.get()}
        </p>
    }
}

/// Caches the app's files so that a second visit works offline. The
/// service worker sits beside the page, so its scope is the app's folder.
fn register_service_worker() {
    // Absent where service workers are not allowed (a page not served over
    // HTTPS or from localhost); the app then simply does not work offline.
    let container = js_sys::Reflect::get(&window().navigator(), &"serviceWorker".into())
        .ok()
        .and_then(|container| container.dyn_into::<web_sys::ServiceWorkerContainer>().ok());
    let Some(container) = container else {
        return;
    };
    let on_error = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|error| {
        web_sys::console::warn_2(&"offline use is not available:".into(), &error);
    });
    let _ = container.register("./sw.js").catch(&on_error);
    on_error.forget();
}
