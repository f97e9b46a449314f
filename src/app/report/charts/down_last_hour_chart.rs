//! The stores down in the last hour: how many, and the ones down longest,
//! each a bar of its downtime out of the hour.

use std::sync::Arc;

use leptos::prelude::*;

use super::store_bars::{StoreBar, StoreBars};
use crate::app::report::table::{Column, Sort, TableFocus};
use crate::app::shell::format::group_digits;
use crate::protocol::Overview;
use engine::output::{Unit, format_span};
use engine::{TimeSpan, Window};

const HOUR_NANOS: f64 = 3_600e9;

#[component]
pub fn DownLastHourChart(overview: Arc<Overview>, focus: TableFocus) -> impl IntoView {
    let down = overview.down_last_hour;
    let title = format!(
        "Down in the last hour: {} of {} stores open then",
        group_digits(down as u64),
        group_digits(overview.open_last_hour as u64)
    );
    let bars: Vec<StoreBar> = overview
        .most_down_last_hour
        .iter()
        .map(|store| {
            let mut minutes = String::new();
            format_span(TimeSpan::from_nanos(store.downtime_nanos), Unit::Minute, &mut minutes);
            StoreBar {
                store_id: store.store_id.clone(),
                share: store.downtime_nanos as f64 / HOUR_NANOS,
                figure: format!("{minutes} min"),
                meaning: "down in the last hour".to_string(),
            }
        })
        .collect();
    let listed = bars.len();
    let body = if bars.is_empty() {
        view! { <p class="help">"No store was down in the last hour."</p> }.into_any()
    } else {
        view! {
            <p class="help">
                {format!(
                    "The {listed} down longest, in minutes of the hour; among equal minutes, those still down now come first, down the longest first:"
                )}
            </p>
            <StoreBars bars labelled_by="overview-down-heading".to_string() class="down-chart"/>
        }
        .into_any()
    };
    let rest = (down > listed).then(|| {
        view! {
            <button type="button" class="small" data-testid="all-down" on:click=move |_| show_all_down(focus)>
                {format!("All {} in the table", group_digits(down as u64))}
            </button>
        }
    });
    view! {
        <section class="overview-part" aria-labelledby="overview-down-heading" data-testid="overview-down">
            <h3 id="overview-down-heading">{title}</h3>
            {body}
            {rest}
        </section>
    }
}

/// Sorts the table by downtime in the last hour, longest first.
fn show_all_down(focus: TableFocus) {
    focus.filter.set(String::new());
    focus.conditions.set(Default::default());
    focus.sort.set(Sort { column: Column::Downtime(Window::LastHour), descending: true });
    focus.page.set(0);
    if let Some(table) = document().get_element_by_id(focus.table_id) {
        table.scroll_into_view();
    }
}
