//! The stores down in the last hour: how many, and the ones down longest,
//! each a bar of its downtime out of the hour; a button shows them all in
//! the table.

use std::sync::Arc;

use leptos::prelude::*;

use super::show_in_table::show_in_table;
use super::store_bars::{StoreBar, StoreBars};
use crate::app::report::table::columns::{Column, RowConditions, Sort, TableFocus, Threshold};
use crate::app::shell::format::group_digits;
use crate::protocol::Overview;
use engine::{TimeSpan, Window};
use engine::{Unit, format_span};

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
    let rest = (down > 0).then(|| {
        let text = match down {
            1 => "Show this store in the table".to_string(),
            n => format!("Show these {} stores in the table", group_digits(n as u64)),
        };
        view! {
            <button type="button" class="small" data-testid="show-down" on:click=move |_| show_down(focus)>
                {text}
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

/// Shows only the stores down in the last hour (as the overview counts
/// them: any downtime), the longest down first.
fn show_down(focus: TableFocus) {
    let down = Threshold { column: Column::Downtime(Window::LastHour), above: true, value: 0.0 };
    let conditions = RowConditions { threshold: Some(down), ..RowConditions::default() };
    show_in_table(focus, conditions, Sort { column: Column::Downtime(Window::LastHour), descending: true });
}
