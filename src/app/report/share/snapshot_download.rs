//! "Download snapshot (HTML)": the report as the table's view shows it,
//! written by [`super::snapshot`] into one file and saved by the browser.

use std::sync::Arc;

use gloo::file::{Blob, ObjectUrl};
use leptos::prelude::*;

use super::snapshot::{Figure, SNAPSHOT_ROWS, Snapshot};
use super::snapshot_of::{TableView, describe_view, headline_figures, snapshot_of};
use crate::app::queue::finished::FinishedReport;
use crate::app::report::table::columns::TableFocus;
use crate::app::settings::Settings;
use crate::app::shell::format::group_digits;
use crate::app::shell::save_url_as;

/// The snapshot of the report as the table shows it now.
pub fn snapshot_now(report: &FinishedReport, shown: &[u32], focus: TableFocus, settings: Settings) -> Snapshot {
    let outcome = &report.outcome;
    let columns = focus.columns.get_untracked();
    let described = focus.filter.with_untracked(|filter| {
        describe_view(outcome, filter, focus.conditions.get_untracked(), focus.sort.get_untracked(), columns)
    });
    let view = TableView { shown, columns, hours: settings.hours_format.get_untracked(), described };
    snapshot_of(report.id, outcome, view, headline_of(report))
}

/// The fleet's headline figures, as the report's headline shows them;
/// none for a report kept before the headline was computed.
fn headline_of(report: &FinishedReport) -> Vec<Figure> {
    report.outcome.headline.as_ref().map(headline_figures).unwrap_or_default()
}

#[component]
pub fn SnapshotDownload(report: Arc<FinishedReport>, shown: Memo<Vec<u32>>, focus: TableFocus) -> impl IntoView {
    let settings = expect_context::<Settings>();
    // The last file's address lives until the next one (revoking it at
    // once could cut the browser's download short).
    let last_url = StoredValue::new_local(None::<ObjectUrl>);
    let on_click = move |_| {
        let html = shown.with_untracked(|shown| snapshot_now(&report, shown, focus, settings).to_html());
        let url = ObjectUrl::from(Blob::new_with_options(html.as_str(), Some("text/html")));
        save_url_as(&url, &Snapshot::file_name(report.id));
        last_url.set_value(Some(url));
    };
    let rows = move || {
        let shown = shown.with(Vec::len);
        if shown > SNAPSHOT_ROWS {
            format!(
                "the first {} of this view's {} rows",
                group_digits(SNAPSHOT_ROWS as u64),
                group_digits(shown as u64)
            )
        } else {
            "this view's rows".to_string()
        }
    };
    view! {
        <button
            type="button"
            class="button"
            data-testid="download-snapshot"
            aria-describedby="snapshot-help"
            on:click=on_click
        >
            "Download snapshot (HTML)"
        </button>
        <span class="help" id="snapshot-help">
            {move || {
                format!(
                    "One file that opens offline in any browser and can be mailed: the headline, the charts, {}, the settings and files (at most {} rows).",
                    rows(),
                    group_digits(SNAPSHOT_ROWS as u64),
                )
            }}
        </span>
    }
}
