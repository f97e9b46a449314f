//! How many stores have stale data (their latest poll older than the
//! report's freshness limit), with a button that shows only them in the
//! table. Their figures are carried forward from that poll, so a store
//! that is "up" may only have stopped reporting.

use leptos::prelude::*;

use super::show_in_table::show_in_table;
use crate::app::report::table::columns::{Column, RowConditions, Sort, TableFocus};
use crate::app::settings::stale_limit_text;
use crate::app::shell::format::group_digits;
use crate::protocol::FleetFreshness;

#[component]
pub fn StaleStores(freshness: FleetFreshness, stores: usize, focus: TableFocus) -> impl IntoView {
    let limit = stale_limit_text(freshness.stale_after_minutes);
    let title = format!("Stale data: {} of {} stores", group_digits(freshness.stale), group_digits(stores as u64));
    let help = if freshness.stale == 0 {
        format!("Every store has a poll within {limit} before now.")
    } else {
        format!(
            "Their latest poll is more than {limit} before now: their figures are carried forward from it, so \
             “up” may only mean that the store stopped reporting."
        )
    };
    let button = (freshness.stale > 0).then(|| {
        view! {
            <button type="button" class="small" data-testid="show-stale" on:click=move |_| show_stale(focus)>
                {format!("Show the {} stale stores in the table", group_digits(freshness.stale))}
            </button>
        }
    });
    view! {
        <section class="overview-part" aria-labelledby="overview-stale-heading" data-testid="overview-stale">
            <h3 id="overview-stale-heading" data-stale-count=freshness.stale.to_string()>{title}</h3>
            <p class="help">{help}</p>
            {button}
        </section>
    }
}

/// Filters the table to the stale stores, oldest latest poll first; the
/// other conditions set stay.
fn show_stale(focus: TableFocus) {
    let conditions = RowConditions { stale: true, ..focus.conditions.get_untracked() };
    show_in_table(focus, conditions, Sort { column: Column::LatestPoll, descending: true });
}
