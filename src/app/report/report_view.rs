//! The report on screen, if any.

use leptos::prelude::*;

use super::report_panel::ReportPanel;
use crate::app::queue::report_queue::Queue;

#[component]
pub fn ReportView() -> impl IntoView {
    let state = expect_context::<Queue>();
    move || state.shown.get().map(|report| view! { <ReportPanel report/> })
}
