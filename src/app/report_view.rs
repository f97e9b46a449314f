//! The report on screen, if any.

use leptos::prelude::*;

use super::report_panel::ReportPanel;
use super::state::AppState;

#[component]
pub fn ReportView() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || state.shown.get().map(|report| view! { <ReportPanel report/> })
}
