//! How weekly uptime is spread over the stores: a histogram of uptime as a
//! percentage of business time, in the engine's bins of 10 %.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::shell::format::group_digits;
use crate::protocol::Overview;

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 156.0;
const LEFT: f64 = 10.0;
const RIGHT: f64 = 14.0;
/// The bars' baseline; labels below it.
const BASE: f64 = 140.0;
/// The tallest bar's top, with room above for its count.
const TOP: f64 = 16.0;

#[component]
pub fn UptimeHistogram(overview: Arc<Overview>) -> impl IntoView {
    let bins = overview.weekly_uptime_bins.clone();
    let count = bins.len().max(1);
    let step = 100 / count;
    let largest = bins.iter().copied().max().unwrap_or(0).max(1) as f64;
    let slot = (WIDTH - LEFT - RIGHT) / count as f64;
    let label = |bin: usize| {
        let low = bin * step;
        if bin + 1 == count { format!("{low}–100 %") } else { format!("{low}–{} %", low + step) }
    };
    let stores = |n: usize| if n == 1 { "1 store".to_string() } else { format!("{} stores", group_digits(n as u64)) };
    let description = bins
        .iter()
        .enumerate()
        .rev()
        .map(|(bin, &n)| format!("{}: {}", label(bin), stores(n)))
        .collect::<Vec<_>>()
        .join("; ");
    let bars = bins
        .iter()
        .enumerate()
        .map(|(bin, &n)| {
            let x = LEFT + slot * bin as f64;
            let height = if n == 0 { 0.0 } else { ((n as f64 / largest) * (BASE - TOP)).max(1.5) };
            let title = format!("{}: {}", label(bin), stores(n));
            view! {
                <g class="bin" data-bin=bin data-count=n>
                    <title>{title}</title>
                    <rect x=x + 3.0 y=BASE - height width=slot - 6.0 height=height class="bar"></rect>
                    <text x=x + slot / 2.0 y=BASE - height - 4.0 class="bin-count" text-anchor="middle">
                        {group_digits(n as u64)}
                    </text>
                </g>
            }
        })
        .collect_view();
    let closed = overview.no_business_time;
    view! {
        <section class="overview-part" aria-labelledby="overview-histogram-heading" data-testid="overview-histogram">
            <h3 id="overview-histogram-heading">"Weekly uptime of the stores"</h3>
            <p class="help">"Stores by uptime as a percentage of their business hours, in steps of 10 % (100 % counts in the last):"</p>
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                class="chart histogram"
                role="img"
                aria-labelledby="overview-histogram-heading overview-histogram-desc"
            >
                <desc id="overview-histogram-desc">{description}</desc>
                <line x1=LEFT x2=WIDTH - RIGHT y1=BASE y2=BASE class="axis"></line>
                {bars}
                {(0..=count)
                    .map(|edge| {
                        let x = LEFT + slot * edge as f64;
                        view! {
                            <line x1=x x2=x y1=BASE y2=BASE + 4.0 class="axis"></line>
                            <text x=x y=BASE + 14.0 class="bin-label" text-anchor="middle">
                                {(edge * step).min(100).to_string()}
                            </text>
                        }
                    })
                    .collect_view()}
            </svg>
            <p class="help" data-testid="no-business-time">
                {match closed {
                    0 => "Every store had business hours this week.".to_string(),
                    1 => "1 store had no business hours this week and is not counted.".to_string(),
                    n => format!("{} had no business hours this week and are not counted.", stores(n)),
                }}
            </p>
        </section>
    }
}
