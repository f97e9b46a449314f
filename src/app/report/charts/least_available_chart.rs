//! The stores with the lowest weekly uptime, each a bar of its uptime as a
//! share of its business time.

use std::sync::Arc;

use leptos::prelude::*;

use super::store_bars::{StoreBar, StoreBars};
use crate::app::report::table::format_share;
use crate::protocol::Overview;

#[component]
pub fn LeastAvailableChart(overview: Arc<Overview>) -> impl IntoView {
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
