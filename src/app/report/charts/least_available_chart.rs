//! The stores with the lowest weekly uptime, each a bar of its uptime as a
//! share of its business time; a button orders the whole table so.

use std::sync::Arc;

use leptos::prelude::*;

use super::show_in_table::show_in_table;
use super::store_bars::{StoreBar, StoreBars};
use crate::app::report::table::columns::{Column, RowConditions, Sort, TableFocus, format_share};
use crate::protocol::Overview;
use engine::Window;

#[component]
pub fn LeastAvailableChart(overview: Arc<Overview>, focus: TableFocus) -> impl IntoView {
    let bars: Vec<StoreBar> = overview
        .least_available
        .iter()
        .map(|store| {
            let business = store.uptime_nanos + store.downtime_nanos;
            let share = store.uptime_nanos as f64 / business.max(1) as f64;
            StoreBar {
                store_id: store.store_id.clone(),
                share,
                figure: format_share(share),
                meaning: "up, of its business time this week".to_string(),
            }
        })
        .collect();
    let body = if bars.is_empty() {
        view! { <p class="help">"No store was open this week."</p> }.into_any()
    } else {
        view! {
            <p class="help">"Uptime as a share of business hours, lowest first:"</p>
            <StoreBars bars labelled_by="overview-least-heading".to_string() class="least-chart"/>
            <button type="button" class="small" data-testid="show-least" on:click=move |_| show_least(focus)>
                "Show in the table"
            </button>
        }
        .into_any()
    };
    view! {
        <section class="overview-part" aria-labelledby="overview-least-heading" data-testid="overview-least">
            <h3 id="overview-least-heading">"Least available this week"</h3>
            {body}
        </section>
    }
}

/// Orders the whole table by weekly uptime %, lowest first, with no
/// condition: the chart's stores at the top, and those after them.
fn show_least(focus: TableFocus) {
    show_in_table(
        focus,
        RowConditions::default(),
        Sort { column: Column::UptimeShare(Window::LastWeek), descending: false },
    );
}
