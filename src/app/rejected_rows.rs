//! The rows that could not be used: file, line and reason.

use std::sync::Arc;

use leptos::prelude::*;

use super::format::group_digits;
use super::state::FinishedReport;
use engine::input::REJECTION_LIST_CAP;

#[component]
pub fn RejectedRows(report: Arc<FinishedReport>) -> impl IntoView {
    let total = report.outcome.rejected_total;
    if total == 0 {
        return view! { <p class="note" data-testid="no-rejected-rows">"Every row of every file was used."</p> }
            .into_any();
    }
    let listed = report.outcome.rejections.len() as u64;
    // Up to a few thousand rows: built when first shown, not with the report.
    let opened = RwSignal::new(false);
    let rows_of = report.clone();
    let downloadable = total.min(REJECTION_LIST_CAP as u64);
    let more = (total > listed).then(|| {
        let mut text = format!(
            "The first {} are listed here; the download lists {}.",
            group_digits(listed),
            if downloadable == total {
                "them all".to_string()
            } else {
                format!(
                    "the first {} (the other {} were counted, not listed)",
                    group_digits(downloadable),
                    group_digits(total - downloadable)
                )
            }
        );
        text.insert(0, ' ');
        text
    });
    view! {
        <details
            class="rejected"
            id=format!("rejected-rows-{}", report.id)
            data-testid="rejected-rows"
            on:toggle=move |event| opened.set(event_target::<web_sys::HtmlDetailsElement>(&event).open())
        >
            <summary data-testid="show-rejected">
                {format!(
                    "{} row{} could not be used",
                    group_digits(total),
                    if total == 1 { "" } else { "s" },
                )}
            </summary>
            <p class="help">
                "These rows were left out and the rest of the data was used." {more}
            </p>
            <p>
                <a
                    class="button"
                    data-testid="download-rejected"
                    href=report.rejected_url.clone()
                    download=report.rejected_name.clone()
                >
                    "Download the rejected rows (CSV)"
                </a>
            </p>
            <div class="table-scroll limited">
                <table class="rejected-table">
                    <thead>
                        <tr>
                            <th scope="col">"File"</th>
                            <th scope="col" class="number">"Line"</th>
                            <th scope="col">"Reason"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            opened
                                .get()
                                .then(|| {
                                    rows_of
                                        .outcome
                                        .rejections
                                        .iter()
                                        .map(|row| {
                                            view! {
                                                <tr>
                                                    <td>{row.file.clone()}</td>
                                                    <td class="number">{row.line}</td>
                                                    <td>{row.reason.clone()}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()
                                })
                        }}
                    </tbody>
                </table>
            </div>
        </details>
    }
    .into_any()
}
