//! The least available stores of the week: those open at least a floor of
//! business time (8 hours by default, changeable here), ranked by uptime
//! share or by downtime (the engine's `least_available`), each a bar
//! coloured by how bad its share is, with its open hours beside it; a
//! button orders the whole table so.

use std::sync::Arc;

use leptos::prelude::*;

use super::show_in_table::show_in_table;
use super::store_bars::{StoreBar, StoreBars};
use crate::app::report::table::columns::{
    Column, RowConditions, Sort, TableFocus, floor_hours, floor_of, format_share,
};
use crate::app::shell::format::{DurationStyle, brief_hours, format_duration};
use crate::protocol::StoreRow;
use engine::{LEAST_AVAILABLE_FLOOR, LeastOrder, TimeSpan, Window, WindowFigures, least_available};

/// How many stores the chart names.
const NAMED: usize = 10;

/// The floor by default, in hours.
pub fn default_floor_hours() -> f64 {
    LEAST_AVAILABLE_FLOOR.nanos() as f64 / 3.6e12
}

/// How bad a share of uptime is, by the day strips' steps of downtime:
/// 0 (none down), 1 (under 5 % down), 2 (under 25 %), 3 (under 50 %),
/// 4 (half or more). A store at 0 % is never drawn in the colour of "up".
pub fn severity(week: WindowFigures) -> u8 {
    let business = i128::from(week.business_time().nanos());
    let down = i128::from(week.downtime.nanos());
    match () {
        _ if down <= 0 => 0,
        _ if down * 20 < business => 1,
        _ if down * 4 < business => 2,
        _ if down * 2 < business => 3,
        _ => 4,
    }
}

/// The week's figures of a row.
fn week(row: &StoreRow) -> WindowFigures {
    let i = Window::LastWeek.index();
    WindowFigures {
        uptime: TimeSpan::from_nanos(row.figures[2 * i]),
        downtime: TimeSpan::from_nanos(row.figures[2 * i + 1]),
    }
}

/// The bars of the least available stores among `rows`.
pub fn least_bars(rows: &[StoreRow], floor: TimeSpan, order: LeastOrder) -> Vec<StoreBar> {
    let weeks: Vec<WindowFigures> = rows.iter().map(week).collect();
    least_available(&weeks, floor, order, NAMED)
        .into_iter()
        .map(|i| {
            let figures = weeks[i];
            let business = figures.business_time().nanos();
            let share = figures.uptime.nanos() as f64 / business.max(1) as f64;
            let open = brief_hours(i128::from(business));
            let down = format_duration(i128::from(figures.downtime.nanos()), DurationStyle::HoursMinutes);
            let figure = match order {
                LeastOrder::UptimeShare => format!("{} of {open}", format_share(share)),
                LeastOrder::Downtime => format!("{} of {open}", brief_hours(i128::from(figures.downtime.nanos()))),
            };
            StoreBar {
                store_id: rows[i].store_id.clone(),
                share: match order {
                    LeastOrder::UptimeShare => share,
                    LeastOrder::Downtime => 1.0 - share,
                },
                figure,
                meaning: format!(
                    "up {} of its business time this week ({} open), down {down}",
                    format_share(share),
                    format_duration(i128::from(business), DurationStyle::HoursMinutes)
                ),
                severity: Some(severity(figures)),
            }
        })
        .collect()
}

#[component]
pub fn LeastAvailableChart(rows: Arc<Vec<StoreRow>>, report_id: u32, focus: TableFocus) -> impl IntoView {
    let floor_text = RwSignal::new(default_floor_hours().to_string());
    let order = RwSignal::new(LeastOrder::UptimeShare);
    let floor = Memo::new(move |_| floor_text.with(|text| floor_of(text)));
    let floor_id = format!("report-{report_id}-least-floor");
    let order_id = format!("report-{report_id}-least-order");
    let chart = move || {
        let Some(floor) = floor.get() else {
            return view! { <p class="help" role="alert">"Type a number of hours from 0 to 168."</p> }.into_any();
        };
        let order = order.get();
        let bars = least_bars(&rows, floor, order);
        if bars.is_empty() {
            return view! { <p class="help">"No store was open that long this week."</p> }.into_any();
        }
        let help = match order {
            LeastOrder::UptimeShare => "Uptime as a share of business hours, lowest first, and the hours open:",
            LeastOrder::Downtime => "Downtime in business hours, most first, and the hours open:",
        };
        view! {
            <p class="help">{help}</p>
            <StoreBars bars labelled_by="overview-least-heading".to_string() class="least-chart"/>
            <button
                type="button"
                class="small"
                data-testid="show-least"
                on:click=move |_| show_least(focus, floor, order)
            >
                "Show in the table"
            </button>
        }
        .into_any()
    };
    view! {
        <section
            class="overview-part"
            aria-labelledby="overview-least-heading"
            data-testid="overview-least"
            data-floor-hours=move || floor.get().map(floor_hours)
        >
            <h3 id="overview-least-heading">"Least available this week"</h3>
            <div class="least-controls">
                <div class="field inline">
                    <label for=floor_id.clone()>"Open at least (hours this week)"</label>
                    <input
                        id=floor_id
                        type="number"
                        min="0"
                        max="168"
                        step="any"
                        inputmode="decimal"
                        class="narrow"
                        data-testid="least-floor"
                        prop:value=move || floor_text.get()
                        on:change=move |event| floor_text.set(event_target_value(&event))
                    />
                </div>
                <div class="field inline">
                    <label for=order_id.clone()>"Rank by"</label>
                    <select
                        id=order_id
                        data-testid="least-order"
                        on:change=move |event| {
                            order.set(if event_target_value(&event) == "downtime" { LeastOrder::Downtime } else { LeastOrder::UptimeShare })
                        }
                    >
                        <option value="share" selected=true>"uptime %"</option>
                        <option value="downtime">"downtime"</option>
                    </select>
                </div>
            </div>
            {chart}
        </section>
    }
}

/// Shows the stores the chart ranks — open at least the floor this week —
/// in the chart's order, the floor as the table's one condition (shown
/// there, and removable).
fn show_least(focus: TableFocus, floor: TimeSpan, order: LeastOrder) {
    let sort = match order {
        LeastOrder::UptimeShare => Sort { column: Column::UptimeShare(Window::LastWeek), descending: false },
        LeastOrder::Downtime => Sort { column: Column::Downtime(Window::LastWeek), descending: true },
    };
    show_in_table(focus, RowConditions { open_week_at_least: Some(floor), ..RowConditions::default() }, sort);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_are_hours_of_a_week() {
        assert_eq!(default_floor_hours(), 8.0);
        assert_eq!(floor_of("8"), Some(TimeSpan::from_nanos(8 * 3_600_000_000_000)));
        assert_eq!(floor_of(" 0.5 "), Some(TimeSpan::from_nanos(1_800_000_000_000)));
        assert_eq!(floor_of("0"), Some(TimeSpan::ZERO));
        assert_eq!(floor_of("169"), None);
        assert_eq!(floor_of("-1"), None);
        assert_eq!(floor_of("eight"), None);
    }

    #[test]
    fn severity_follows_the_share_down() {
        let minutes = |up: i64, down: i64| WindowFigures {
            uptime: TimeSpan::from_nanos(up * 60_000_000_000),
            downtime: TimeSpan::from_nanos(down * 60_000_000_000),
        };
        assert_eq!(severity(minutes(100, 0)), 0);
        assert_eq!(severity(minutes(96, 4)), 1);
        assert_eq!(severity(minutes(95, 5)), 2);
        assert_eq!(severity(minutes(76, 24)), 2);
        assert_eq!(severity(minutes(75, 25)), 3);
        assert_eq!(severity(minutes(51, 49)), 3);
        assert_eq!(severity(minutes(50, 50)), 4);
        assert_eq!(severity(minutes(0, 60)), 4);
    }
}
