//! Each window's business time split into uptime and downtime: the
//! report's six figures, with the sum that checks them.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::report::table::columns::{format_share, window_heading};
use crate::app::shell::format::group_number_text;
use crate::protocol::TimelineMessage;
use engine::format_span;
use engine::{TimeSpan, Units, Window};

/// On a phone the rows stack (style/main.css): each cell then shows its
/// column's name from `data-label`.
#[component]
pub fn WindowArithmetic(timeline: Arc<TimelineMessage>, units: Units) -> impl IntoView {
    let figure = move |nanos: i64, window: Window| {
        let mut text = String::new();
        format_span(TimeSpan::from_nanos(nanos), units.unit_of(window), &mut text);
        // Thousands grouped, as in the table ("10,080").
        group_number_text(&text)
    };
    view! {
        <table class="arithmetic" data-testid="store-arithmetic">
            <caption>
                "Business time in each window = uptime + downtime (each rounded to hundredths, as in the CSV)"
            </caption>
            <thead>
                <tr>
                    <th scope="col">"Window"</th>
                    <th scope="col">"From (store's clock)"</th>
                    <th scope="col" class="number">"Business time"</th>
                    <th scope="col" class="operator" aria-hidden="true"></th>
                    <th scope="col" class="number">"Uptime"</th>
                    <th scope="col" class="operator" aria-hidden="true"></th>
                    <th scope="col" class="number">"Downtime"</th>
                    <th scope="col" class="number">"Uptime %"</th>
                </tr>
            </thead>
            <tbody>
                {timeline
                    .windows
                    .iter()
                    .zip(Window::ALL)
                    .map(|(mark, window)| {
                        let [business, up, down] = mark.figures;
                        let share = if business > 0 {
                            format_share(up as f64 / business as f64)
                        } else {
                            "—".to_string()
                        };
                        view! {
                            <tr data-window=window.name()>
                                <th scope="row">{window_heading(window, units)}</th>
                                <td data-label="From (store's clock)">{mark.local_start.clone()}</td>
                                <td class="number" data-figure="business" data-label="Business time =">{figure(business, window)}</td>
                                <td class="operator" aria-hidden="true">"="</td>
                                <td class="number" data-figure="uptime" data-label="Uptime +">{figure(up, window)}</td>
                                <td class="operator" aria-hidden="true">"+"</td>
                                <td class="number" data-figure="downtime" data-label="Downtime">{figure(down, window)}</td>
                                <td class="number" data-label="Uptime %">{share}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
