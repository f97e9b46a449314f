//! Every report requested on this page, newest first.

use leptos::prelude::*;

use super::report_card::ReportCard;
use super::report_queue::Queue;

#[component]
pub fn ReportList() -> impl IntoView {
    let state = expect_context::<Queue>();
    let ids = Memo::new(move |_| state.with_jobs(|jobs| jobs.iter().rev().map(|job| job.id).collect::<Vec<_>>()));
    view! {
        <ol class="report-list" aria-label="Reports" data-testid="report-list">
            <For each=move || ids.get() key=|id| *id children=move |id| view! { <ReportCard id/> }/>
        </ol>
    }
}
