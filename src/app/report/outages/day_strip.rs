//! Day strips: one small cell per local day of the report's horizon,
//! coloured by that day's downtime as a share of its business time. Closed
//! days and days without a poll (whose status is carried forward) are drawn
//! apart from down days, so that neither reads as an outage. A strip is one
//! tab stop; the arrows move between its days, each with its own name and,
//! when focused, a visible tooltip (`data-tip`, drawn by the style sheet).

use chrono::{Days, NaiveDate};
use leptos::prelude::*;

use super::strip_keys::{initial_tabindex, move_between_days};
use crate::app::report::table::columns::format_share;
use crate::app::shell::format::last_days;
use crate::protocol::{DayCell, FleetDay, StoreDays};

/// How a day is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayShade {
    /// No business time that day.
    Closed,
    /// Open, and down for this share of it, by step: 0 (none), 1 (under
    /// 5 %), 2 (under 25 %), 3 (under 50 %), 4 (half or more).
    Down(u8),
}

impl DayShade {
    pub fn of(business_minutes: f64, downtime_minutes: f64) -> DayShade {
        if business_minutes <= 0.0 {
            return DayShade::Closed;
        }
        let share = downtime_minutes / business_minutes;
        DayShade::Down(match share {
            s if s <= 0.0 => 0,
            s if s < 0.05 => 1,
            s if s < 0.25 => 2,
            s if s < 0.5 => 3,
            _ => 4,
        })
    }

    pub fn class(self) -> &'static str {
        match self {
            DayShade::Closed => "day-cell closed",
            DayShade::Down(0) => "day-cell down-0",
            DayShade::Down(1) => "day-cell down-1",
            DayShade::Down(2) => "day-cell down-2",
            DayShade::Down(3) => "day-cell down-3",
            DayShade::Down(_) => "day-cell down-4",
        }
    }
}

/// The date a strip's cell stands for.
pub fn date_of(first_date: i32, index: usize) -> Option<NaiveDate> {
    let first = NaiveDate::default().checked_add_signed(chrono::Duration::days(i64::from(first_date)))?;
    first.checked_add_days(Days::new(index as u64))
}

/// What one day of a store was, in words: for its tooltip and for screen
/// readers.
pub fn describe_day(date: Option<NaiveDate>, cell: &DayCell) -> String {
    let date = date.map_or_else(String::new, |date| date.format("%a %-d %b %Y").to_string());
    let business = f64::from(cell.business_minutes);
    let polls = match cell.polls {
        0 => "no poll: status carried forward".to_string(),
        1 => "1 poll".to_string(),
        n => format!("{n} polls"),
    };
    if business <= 0.0 {
        return format!("{date}: closed, {polls}");
    }
    format!(
        "{date}: open {} min, up {} min, down {} min ({} up), {polls}",
        minutes(business),
        minutes(f64::from(cell.uptime_minutes)),
        minutes(f64::from(cell.downtime_minutes)),
        format_share(f64::from(cell.uptime_minutes) / business),
    )
}

/// Minutes for reading, to two decimals at most, as the CSV writes them.
fn minutes(value: f64) -> String {
    let text = format!("{:.2}", value);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One store's strip, under its id in the table.
#[component]
pub fn DayStrip(days: StoreDays) -> impl IntoView {
    let count = days.cells.len();
    let down_days = days.cells.iter().filter(|cell| cell.downtime_minutes > 0.0).count();
    let label = format!("{count} days, {down_days} with downtime (← and → move between days)");
    let cells = days
        .cells
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            let text = describe_day(date_of(days.first_date, i), cell);
            let shade = DayShade::of(f64::from(cell.business_minutes), f64::from(cell.downtime_minutes));
            view! {
                <span
                    role="gridcell"
                    class=shade.class()
                    class:no-poll=cell.polls == 0 && shade != DayShade::Closed
                    tabindex=initial_tabindex(i, count)
                    aria-label=text.clone()
                    data-tip=text
                ></span>
            }
        })
        .collect_view();
    view! {
        <span class="day-grid" role="grid" aria-label=label on:keydown=move_between_days>
            <span class="day-strip" role="row">
                {cells}
            </span>
        </span>
    }
}

/// The fleet's strip, above the table: every store's days together,
/// weighted by business time.
#[component]
pub fn FleetStrip(days: Vec<FleetDay>, horizon_days: u32) -> impl IntoView {
    let count = days.len();
    let cells = days
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let business = day.business_nanos as f64 / 6e10;
            let down = day.downtime_nanos as f64 / 6e10;
            let shade = DayShade::of(business, down);
            let text = if business > 0.0 {
                format!(
                    "{}: {} up of {} store-minutes open; {} of {} open stores had downtime",
                    day.date,
                    format_share((business - down) / business),
                    minutes(business),
                    day.down_stores,
                    day.open_stores
                )
            } else {
                format!("{}: no store open", day.date)
            };
            view! {
                <span
                    role="gridcell"
                    class=shade.class()
                    tabindex=initial_tabindex(i, count)
                    title=text.clone()
                    aria-label=text.clone()
                    data-tip=text
                    data-date=day.date.clone()
                ></span>
            }
        })
        .collect_view();
    let caption = format!(
        "The fleet, day by day over the {}: the share of all business time that was up (dates in each store's zone; ← and → move between days)",
        last_days(horizon_days)
    );
    view! {
        <figure class="fleet-strip" data-testid="fleet-strip">
            <figcaption>{caption.clone()}</figcaption>
            <div class="day-grid" role="grid" aria-label=caption on:keydown=move_between_days>
                <div class="day-strip large" role="row">
                    {cells}
                </div>
            </div>
            <p class="help strip-legend" aria-hidden="true">
                <span class="day-cell down-0"></span>
                " no downtime "
                <span class="day-cell down-1"></span>
                " under 5 % "
                <span class="day-cell down-2"></span>
                " under 25 % "
                <span class="day-cell down-3"></span>
                " under 50 % "
                <span class="day-cell down-4"></span>
                " half or more down "
                <span class="day-cell closed"></span>
                " closed "
                <span class="day-cell down-0 no-poll"></span>
                " no poll that day"
            </p>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_separate_closed_days_from_down_days() {
        assert_eq!(DayShade::of(0.0, 0.0), DayShade::Closed);
        assert_eq!(DayShade::of(600.0, 0.0), DayShade::Down(0));
        assert_eq!(DayShade::of(600.0, 29.0), DayShade::Down(1));
        assert_eq!(DayShade::of(600.0, 30.0), DayShade::Down(2));
        assert_eq!(DayShade::of(600.0, 299.0), DayShade::Down(3));
        assert_eq!(DayShade::of(600.0, 600.0), DayShade::Down(4));
    }

    #[test]
    fn a_day_in_words() {
        let date = date_of(19_381, 0);
        assert_eq!(date, NaiveDate::from_ymd_opt(2023, 1, 24));
        let open = DayCell { business_minutes: 780.0, uptime_minutes: 729.04, downtime_minutes: 50.96, polls: 19 };
        assert_eq!(
            describe_day(date, &open),
            "Tue 24 Jan 2023: open 780 min, up 729.04 min, down 50.96 min (93.5% up), 19 polls"
        );
        let closed = DayCell { polls: 0, ..DayCell::default() };
        assert_eq!(describe_day(date, &closed), "Tue 24 Jan 2023: closed, no poll: status carried forward");
    }
}
