//! The fleet at a glance, above the table: the stores down in the last
//! hour, how weekly uptime is spread, and the least available stores, each
//! a chart. A store in a chart is a link to its week (`#store=<id>`), and
//! each chart can show its stores in the table.

use std::sync::Arc;

use leptos::prelude::*;

use super::down_last_hour_chart::DownLastHourChart;
use super::least_available_chart::LeastAvailableChart;
use super::scorecard_overview::ScorecardOverview;
use super::stale_stores::StaleStores;
use super::uptime_histogram::UptimeHistogram;
use crate::app::queue::finished::FinishedReport;
use crate::app::report::table::columns::TableFocus;

#[component]
pub fn FleetOverview(report: Arc<FinishedReport>, focus: TableFocus) -> impl IntoView {
    let overview = Arc::new(report.outcome.overview.clone());
    let stores = report.outcome.rows.len();
    // Reports kept before freshness was computed have no count to show.
    let stale = report.outcome.freshness.map(|freshness| view! { <StaleStores freshness stores focus/> });
    // Reports kept before the scorecard was computed have none.
    let horizon_days = report.outcome.horizon_days;
    let target = report.outcome.scorecard.clone().map(|card| {
        let store_ids = Arc::new(report.outcome.rows.iter().map(|row| row.store_id.clone()).collect::<Vec<_>>());
        view! { <ScorecardOverview card=Arc::new(card) store_ids horizon_days focus/> }
    });
    view! {
        <div class="overview" data-testid="fleet-overview">
            {target}
            {stale}
            <DownLastHourChart overview=overview.clone() focus/>
            <UptimeHistogram overview=overview.clone() focus/>
            <LeastAvailableChart overview focus/>
        </div>
    }
}
