//! The rows that could not be used: file, line and reason.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::queue::finished::FinishedReport;
use crate::app::shell::format::group_digits;
use engine::REJECTION_LIST_CAP;

#[component]
pub fn RejectedRows(report: Arc<FinishedReport>) -> impl IntoView {
    let total = report.outcome.rejected_total;
    if total == 0 {
        return view! { <p class="note" data-testid="no-rejected-rows">"Every row of every file was used."</p> }
            .into_any();
    }
    let on_screen = report.outcome.rejections.len() as u64;
    // Up to a few thousand rows: built when first shown, not with the report.
    let opened = RwSignal::new(false);
    let rows_of = report.clone();
    let downloadable = report.outcome.rejected_listed.unwrap_or_else(|| total.min(REJECTION_LIST_CAP as u64));
    let more = listing_note(total, on_screen, downloadable).map(|text| format!(" {text}"));
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
            <div class="table-scroll limited" tabindex="0" role="region" aria-label="Rejected rows">
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

/// What the page says when it does not show every rejected row: how many
/// it shows, and how many the download lists (the engine's list stops at
/// its cap; the rows beyond were counted, not listed).
fn listing_note(total: u64, on_screen: u64, downloadable: u64) -> Option<String> {
    (total > on_screen).then(|| {
        format!(
            "The first {} are listed here; the download lists {}.",
            group_digits(on_screen),
            if downloadable >= total {
                "them all".to_string()
            } else {
                format!(
                    "the first {} (the other {} were counted, not listed)",
                    group_digits(downloadable),
                    group_digits(total - downloadable)
                )
            }
        )
    })
}

#[cfg(test)]
mod tests {
    use super::listing_note;

    #[test]
    fn beyond_the_cap_the_note_says_how_many_were_counted_not_listed() {
        assert_eq!(listing_note(2_000, 2_000, 2_000), None);
        assert_eq!(
            listing_note(5_000, 2_000, 5_000).as_deref(),
            Some("The first 2,000 are listed here; the download lists them all.")
        );
        assert_eq!(
            listing_note(1_500_000, 2_000, 1_000_000).as_deref(),
            Some(
                "The first 2,000 are listed here; the download lists the first 1,000,000 \
                 (the other 500,000 were counted, not listed)."
            )
        );
        // A cap below the rows on screen (a data set made with a small cap).
        assert_eq!(
            listing_note(10, 4, 4).as_deref(),
            Some("The first 4 are listed here; the download lists the first 4 (the other 6 were counted, not listed).")
        );
    }
}
