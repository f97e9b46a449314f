//! How weekly uptime is spread over the stores: a histogram of uptime as a
//! percentage of business time, in the engine's bins (finer near 100 %,
//! drawn as bars of equal width, each labelled with its range).

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
    let floors = overview.weekly_uptime_floors_permille.clone();
    let count = bins.len().max(1);
    let largest = bins.iter().copied().max().unwrap_or(0).max(1) as f64;
    let slot = (WIDTH - LEFT - RIGHT) / count as f64;
    let label = |bin: usize| bin_label(&floors, bin);
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
            <p class="help">"Stores by uptime as a percentage of their business hours; the steps are finer near 100 %, where most stores are:"</p>
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                class="chart histogram"
                role="img"
                aria-labelledby="overview-histogram-heading overview-histogram-desc"
            >
                <desc id="overview-histogram-desc">{description}</desc>
                <line x1=LEFT x2=WIDTH - RIGHT y1=BASE y2=BASE class="axis"></line>
                {bars}
                {(0..count)
                    .map(|bin| {
                        let x = LEFT + slot * bin as f64 + slot / 2.0;
                        view! {
                            <text x=x y=BASE + 14.0 class="bin-label" text-anchor="middle">
                                {short_label(&overview.weekly_uptime_floors_permille, bin)}
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

/// A floor in tenths of a percent, as a percentage: 999 → "99.9".
fn percent(permille: u32) -> String {
    if permille.is_multiple_of(10) {
        (permille / 10).to_string()
    } else {
        format!("{}.{}", permille / 10, permille % 10)
    }
}

/// A bin's range in words, e.g. "95–98 %"; a last bin that starts at 100 %
/// is "100 %", one below it runs to 100 % included.
fn bin_label(floors: &[u32], bin: usize) -> String {
    let low = floors.get(bin).copied().unwrap_or(1000);
    match floors.get(bin + 1) {
        Some(&high) => format!("{}–{} %", percent(low), percent(high)),
        None if low >= 1000 => "100 %".to_string(),
        None => format!("{}–100 %", percent(low)),
    }
}

/// The label under a bar: its floor ("≥ 99.9"), or "100" for all of it.
fn short_label(floors: &[u32], bin: usize) -> String {
    let low = floors.get(bin).copied().unwrap_or(1000);
    if low >= 1000 { "100".to_string() } else { percent(low) }
}

#[cfg(test)]
mod tests {
    use super::{bin_label, short_label};

    #[test]
    fn bins_are_named_by_their_range() {
        let floors = [0, 500, 800, 900, 950, 980, 990, 999, 1000];
        assert_eq!(bin_label(&floors, 0), "0–50 %");
        assert_eq!(bin_label(&floors, 6), "99–99.9 %");
        assert_eq!(bin_label(&floors, 7), "99.9–100 %");
        assert_eq!(bin_label(&floors, 8), "100 %");
        assert_eq!(short_label(&floors, 7), "99.9");
        // A report kept with bins of 10 %: the last runs to 100 % included.
        let old: Vec<u32> = (0..10).map(|bin| bin * 100).collect();
        assert_eq!(bin_label(&old, 9), "90–100 %");
        assert_eq!(short_label(&old, 9), "90");
    }
}
