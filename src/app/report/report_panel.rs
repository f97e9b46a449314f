//! A report: its navigation and share buttons, its downloads, summary,
//! overview, a store's timeline (in a dialog over the rest), rejected rows
//! and table.

use std::sync::Arc;

use leptos::prelude::*;

use super::rejected_rows::RejectedRows;
use super::report_nav::{OUTAGES_ID, OVERVIEW_ID, ReportNav};
use super::report_summary::ReportSummary;
use super::table::columns::{ColumnChoice, TableFocus};
use super::table::report_table::ReportTable;
use super::table::view::TableView;
use crate::app::queue::finished::{Download, FinishedReport, LaterDownloads};
use crate::app::queue::report_queue::Queue;
use crate::app::report::charts::fleet_headline::FleetHeadline;
use crate::app::report::charts::fleet_overview::FleetOverview;
use crate::app::report::outages::day_strip::FleetStrip;
use crate::app::report::outages::fleet_outages::FleetOutages;
use crate::app::report::share::copy_link::ShareButtons;
use crate::app::report::timeline::store_timeline::StoreTimeline;
use crate::app::shell::address;

/// Up to this width (CSS pixels) the table starts with one window's columns.
const NARROW_PX: f64 = 640.0;

#[component]
pub fn ReportPanel(report: Arc<FinishedReport>) -> impl IntoView {
    let id = report.id;
    let heading_id = format!("report-{id}-heading");
    let labelled_by = heading_id.clone();
    let focus = table_focus_from_address();
    let rest = rest_after_first_paint(id);
    view! {
        <section
            class="step report"
            id="shown-report"
            tabindex="-1"
            data-testid="report-view"
            data-report-id=id
            aria-labelledby=labelled_by
        >
            // The focus comes here when the report completes after Generate.
            <h2 id=heading_id tabindex="-1">{format!("3. Report {id}")}</h2>
            <ReportNav table_id=focus.table_id outages=report.has_outages()/>
            // Reports kept before the headline was computed have none.
            {report.outcome.headline.clone().map(|headline| view! { <FleetHeadline headline focus/> })}
            <ShareButtons file_names=report.outcome.files.iter().map(|file| file.name.clone()).collect()/>
            <div class="downloads">
                <a
                    class="button primary"
                    data-testid="download-csv"
                    data-report-id=id
                    href=report.csv_url.clone()
                    download=report.csv_name.clone()
                >
                    "Download the report (CSV)"
                </a>
                <span class="help">{report.csv_name.clone()}</span>
                {later_downloads(report.later.clone(), id)}
            </div>
            <p class="help spreadsheet-ids" data-testid="spreadsheet-ids">
                "Store ids of 19 digits lose their last digits when a spreadsheet reads them as numbers. "
                "Import the CSV instead of opening it, and set the store_id column's type to Text: "
                "in Excel, Data → From Text/CSV → Transform Data, then the column's type Text; "
                "in LibreOffice Calc, the import dialog's column type Text; "
                "in Google Sheets, File → Import with “Convert text to numbers, dates and formulas” unticked."
            </p>
            <ReportSummary report=report.clone()/>
            <div id=OVERVIEW_ID tabindex="-1">
                {
                    let report = report.clone();
                    move || rest.get().then(|| view! { <FleetOverview report=report.clone() focus/> })
                }
            </div>
            <StoreTimeline report_id=id units=report.outcome.units return_to=focus.table_id/>
            {
                let report = report.clone();
                move || rest.get().then(|| view! { <RejectedRows report=report.clone()/> })
            }
            <div id=OUTAGES_ID tabindex="-1">
                {
                    let report = report.clone();
                    move || rest.get().then(|| fleet_outages(report.clone()))
                }
            </div>
            <ReportTable report focus rest/>
        </section>
    }
}

/// The fleet's days and its outage list.
fn fleet_outages(report: Arc<FinishedReport>) -> impl IntoView {
    view! {
        {(!report.outcome.fleet_days.is_empty())
            .then(|| {
                view! {
                    <FleetStrip days=report.outcome.fleet_days.clone() horizon_days=report.outcome.horizon_days/>
                }
            })}
        <FleetOutages report=report.clone()/>
    }
}

/// Whether the report's parts after its table's first rows are drawn. A
/// report just completed (`Queue::drawing`) first shows its headline,
/// summary and table's first rows, so that the first paint waits for
/// nothing else; the overview, outages and days, the rejected rows and the
/// table's other rows follow in the task after that paint, and then the
/// report's state says Complete. Any other report is drawn whole at once.
fn rest_after_first_paint(id: u32) -> RwSignal<bool> {
    let queue = expect_context::<Queue>();
    let rest = RwSignal::new(queue.drawing.get_untracked() != Some(id));
    if !rest.get_untracked() {
        // The frame's callbacks run before its paint; a task queued from
        // one runs after it.
        request_animation_frame(move || {
            set_timeout(
                move || {
                    // The report may have left the screen meanwhile.
                    let _ = rest.try_set(true);
                    queue.drawn(id);
                },
                std::time::Duration::ZERO,
            );
        });
    }
    rest
}

/// The downloads beside the report's, which the worker writes once the
/// report is complete: said to be on their way until they arrive.
fn later_downloads(later: ArcRwSignal<Option<Result<LaterDownloads, String>>>, id: u32) -> impl IntoView {
    move || match later.get() {
        None => view! {
            <span class="help" data-testid="downloads-writing">
                "Writing the outages, days, extended report, scorecard and roll-up (CSV)…"
            </span>
        }
        .into_any(),
        Some(Err(problem)) => view! {
            <span class="help" data-testid="downloads-problem">
                {format!("The other CSV files could not be made: {problem}.")}
            </span>
        }
        .into_any(),
        Some(Ok(later)) => view! {
            {extra_download(later.outages, "download-outages", "Outages (CSV)", id)}
            {extra_download(later.daily, "download-daily", "Each store's days (CSV)", id)}
            {extra_download(
                later.extended.clone(),
                "download-extended",
                "Extended report (CSV): percentages, polls, stale",
                id,
            )}
            {later.extended.map(|extended| view! { <span class="help">{extended.name}</span> })}
            {extra_download(later.scorecard, "download-scorecard", "Scorecard (CSV)", id)}
            {extra_download(later.rollup, "download-rollup", "Roll-up (CSV)", id)}
        }
        .into_any(),
    }
}

/// A download beside the report's, if the report has it (reports kept
/// before outages and days were computed have neither).
fn extra_download(download: Option<Download>, test_id: &'static str, text: &'static str, id: u32) -> impl IntoView {
    download.map(|download| {
        view! {
            <a class="button" data-testid=test_id data-report-id=id href=download.url download=download.name>
                {text}
            </a>
        }
    })
}

/// The table's view as the address gives it, kept in the address from now
/// on: each change replaces the address in place (no step in the history
/// for each keystroke), keeping the other names (the store shown).
fn table_focus_from_address() -> TableFocus {
    let pairs = address::current_pairs();
    let mut view = TableView::from_pairs(&pairs);
    // On a phone's width the table shows the id and the week's figures,
    // unless the address chose.
    let narrow = window().inner_width().ok().and_then(|width| width.as_f64()).is_some_and(|width| width <= NARROW_PX);
    if narrow && !pairs.iter().any(|(name, _)| name == "cols") {
        view.columns = ColumnChoice::Window(engine::Window::LastWeek);
    }
    let focus = TableFocus {
        filter: RwSignal::new(view.filter),
        conditions: RwSignal::new(view.conditions),
        sort: RwSignal::new(view.sort),
        page_size: RwSignal::new(view.page_size),
        page: RwSignal::new(view.page),
        columns: RwSignal::new(view.columns),
        table_id: "report-table",
    };
    Effect::new(move |_| {
        let view = TableView {
            filter: focus.filter.get(),
            conditions: focus.conditions.get(),
            sort: focus.sort.get(),
            page_size: focus.page_size.get(),
            page: focus.page.get(),
            columns: focus.columns.get(),
        };
        address::change(&view.to_changes(), false);
    });
    focus
}
