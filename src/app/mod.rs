//! The page: the user gives the three files, chooses settings, generates
//! reports and reads or downloads them. The calculation runs in a worker
//! (see [`crate::worker`]); nothing leaves the browser.

mod day_strip;
mod down_last_hour_chart;
mod drop_zone;
mod file_buttons;
mod file_card;
mod file_slots;
mod fleet_outages;
mod fleet_overview;
mod format;
mod generate_bar;
mod how_computed;
mod idb;
mod inputs;
mod intro;
mod least_available_chart;
mod pending_files;
mod preview_table;
mod queue;
mod rejected_rows;
mod report_card;
mod report_list;
mod report_panel;
mod report_summary;
mod report_table;
mod report_view;
mod route;
mod settings_panel;
mod slot;
mod state;
mod storage;
mod store_bars;
mod store_outages;
mod store_timeline;
mod stored_data;
pub mod table;
mod theme_switch;
mod timeline_drawing;
mod timeline_legend;
mod uptime_histogram;
mod window_arithmetic;
mod worker_link;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use drop_zone::DropZone;
use file_slots::FileSlots;
use generate_bar::GenerateBar;
use how_computed::HowComputed;
use intro::Intro;
use report_list::ReportList;
use report_view::ReportView;
use settings_panel::SettingsPanel;
pub use state::AppState;
use stored_data::StoredData;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    state.start_helper_worker();
    state.start_report_worker();
    state.remember_settings();
    state.restore();
    state.follow_address();
    register_service_worker();
    // A file dropped beside the drop zone would otherwise replace the page.
    for event in ["dragover", "drop"] {
        let _ = window_event_listener_untyped(event, |event| event.prevent_default());
    }

    view! {
        <Intro/>
        <main id="main">
            {move || {
                state
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
            <StoredData/>
            <section class="step" aria-labelledby="files-heading">
                <h2 id="files-heading">"1. Give the files"</h2>
                <DropZone/>
                <FileSlots/>
            </section>
            <section class="step" aria-labelledby="report-heading">
                <h2 id="report-heading">"2. Generate the report"</h2>
                <SettingsPanel/>
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
            {move || state.announcement.get()}
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
