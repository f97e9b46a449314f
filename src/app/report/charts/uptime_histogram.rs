//! How weekly uptime is spread over the stores: a histogram of uptime as a
//! percentage of business time, in the engine's bins (finer near 100 %,
//! drawn as bars of equal width, each labelled with its range). A bin with
//! stores is a button that shows them in the table.

use std::sync::Arc;

use leptos::prelude::*;

use super::show_in_table::show_in_table;
use crate::app::report::table::columns::{Column, RowConditions, Sort, TableFocus, UptimeBin, percent};
use crate::app::shell::format::group_digits;
use crate::protocol::Overview;
use engine::Window;

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 156.0;
const LEFT: f64 = 10.0;
const RIGHT: f64 = 14.0;
/// The bars' baseline; labels below it.
const BASE: f64 = 140.0;
/// The tallest bar's top, with room above for its count.
const TOP: f64 = 16.0;

#[component]
pub fn UptimeHistogram(overview: Arc<Overview>, focus: TableFocus) -> impl IntoView {
    let bins = overview.weekly_uptime_bins.clone();
    let floors = overview.weekly_uptime_floors_permille.clone();
    let count = bins.len().max(1);
    let largest = bins.iter().copied().max().unwrap_or(0).max(1) as f64;
    let slot = (WIDTH - LEFT - RIGHT) / count as f64;
    let bar_height = |n: usize| if n == 0 { 0.0 } else { ((n as f64 / largest) * (BASE - TOP)).max(1.5) };
    let label = |bin: usize| UptimeBin::of(&floors, bin).map(UptimeBin::label).unwrap_or_default();
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
            let height = bar_height(n);
            let title = format!("{}: {}", label(bin), stores(n));
            // Only a bin with stores shows them; an empty one is a picture.
            // The button's name begins with the range and count it draws.
            let act = UptimeBin::of(&floors, bin).filter(|_| n > 0).map(|range| move || show_bin(focus, range));
            let interactive = act.is_some();
            let name = interactive.then(|| format!("{title}, show them in the table"));
            let on_click = act;
            view! {
                <g
                    class="bin"
                    class:action=interactive
                    data-bin=bin
                    data-count=n
                    role=interactive.then_some("button")
                    tabindex=interactive.then_some("0")
                    aria-label=name
                    on:click=move |_| {
                        if let Some(act) = &on_click {
                            act()
                        }
                    }
                    on:keydown=move |event: leptos::ev::KeyboardEvent| {
                        if let Some(act) = &act
                            && matches!(event.key().as_str(), "Enter" | " ")
                        {
                            event.prevent_default();
                            act();
                        }
                    }
                >
                    <title>{title}</title>
                    <rect x=x y=0 width=slot height=HEIGHT class="hit"></rect>
                    <rect x=x + 3.0 y=BASE - height width=slot - 6.0 height=height class="bar"></rect>
                </g>
            }
        })
        .collect_view();
    // The count and floor drawn with each bar are said by its name, which
    // begins with its range: outside the buttons, so that a button's name
    // need not repeat the two numbers run together.
    let texts = bins
        .iter()
        .enumerate()
        .map(|(bin, &n)| {
            let x = LEFT + slot * bin as f64 + slot / 2.0;
            let height = bar_height(n);
            view! {
                <text x=x y=BASE - height - 4.0 class="bin-count" text-anchor="middle">
                    {group_digits(n as u64)}
                </text>
                <text x=x y=BASE + 14.0 class="bin-label" text-anchor="middle">
                    {short_label(&floors, bin)}
                </text>
            }
        })
        .collect_view();
    let closed = overview.no_business_time;
    view! {
        <section class="overview-part" aria-labelledby="overview-histogram-heading" data-testid="overview-histogram">
            <h3 id="overview-histogram-heading">"Weekly uptime of the stores"</h3>
            <p class="help">"Stores by uptime as a percentage of their business hours; the steps are finer near 100 %, where most stores are:"</p>
            // A group, not an image: its bins are buttons. Its description
            // still says every bin, for those who do not visit each one.
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                class="chart histogram"
                role="group"
                aria-labelledby="overview-histogram-heading"
                aria-describedby="overview-histogram-desc"
            >
                <desc id="overview-histogram-desc">{description}</desc>
                <line x1=LEFT x2=WIDTH - RIGHT y1=BASE y2=BASE class="axis"></line>
                {bars}
                <g class="bin-texts" aria-hidden="true">
                    {texts}
                </g>
            </svg>
            <p class="help">"Choose a bar to show its stores in the table."</p>
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

/// Shows the bin's stores in the table, lowest weekly uptime first.
fn show_bin(focus: TableFocus, bin: UptimeBin) {
    let conditions = RowConditions { uptime_bin: Some(bin), ..RowConditions::default() };
    show_in_table(focus, conditions, Sort { column: Column::UptimeShare(Window::LastWeek), descending: false });
}

/// The label under a bar: its floor ("≥ 99.9"), or "100" for all of it.
fn short_label(floors: &[u32], bin: usize) -> String {
    let low = floors.get(bin).copied().unwrap_or(1000);
    if low >= 1000 { "100".to_string() } else { percent(low) }
}

#[cfg(test)]
mod tests {
    use super::short_label;

    #[test]
    fn bars_are_labelled_by_their_floor() {
        let floors = [0, 500, 800, 900, 950, 980, 990, 999, 1000];
        assert_eq!(short_label(&floors, 7), "99.9");
        assert_eq!(short_label(&floors, 8), "100");
        let old: Vec<u32> = (0..10).map(|bin| bin * 100).collect();
        assert_eq!(short_label(&old, 9), "90");
    }
}
