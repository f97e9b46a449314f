//! Day strips: one small cell per local day of the report's horizon,
//! coloured by that day's downtime as a share of its business time. Closed
//! days and days without a poll (whose status is carried forward) are drawn
//! apart from down days, so that neither reads as an outage; days before a
//! store's first poll (the fleet's: before every store's) are "no data",
//! since their status is assumed, and a day's figures are its observed
//! part (the engine's `DayFigures::assumed` left out). A strip is one
//! tab stop; the arrows move between its days, each with its own name and,
//! when focused, a visible tooltip (`data-tip`, drawn by the style sheet).

use chrono::{Days, NaiveDate};
use leptos::prelude::*;

use super::strip_keys::{initial_tabindex, move_between_days};
use crate::app::report::table::columns::format_share;
use crate::app::shell::format::{DurationStyle, format_duration, group_digits, last_days};
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
    if is_no_data(cell) {
        return format!("{date}: no data, before the store's first poll");
    }
    let before = if cell.assumed { " from its first poll on," } else { "" };
    let polls = match cell.polls {
        0 => "no poll: status carried forward".to_string(),
        1 => "1 poll".to_string(),
        n => format!("{n} polls"),
    };
    if business <= 0.0 {
        return format!("{date}:{before} closed, {polls}");
    }
    format!(
        "{date}:{before} open {} min, up {} min, down {} min ({} up), {polls}",
        minutes(business),
        minutes(f64::from(cell.uptime_minutes)),
        minutes(f64::from(cell.downtime_minutes)),
        format_share(f64::from(cell.uptime_minutes) / business),
    )
}

/// Minutes for reading, to two decimals at most, as the CSV writes them,
/// with their thousands grouped.
fn minutes(value: f64) -> String {
    let text = format!("{:.2}", value);
    crate::app::shell::format::group_number_text(text.trim_end_matches('0').trim_end_matches('.'))
}

/// A store's day with business time only before its first poll: nothing
/// observed.
pub fn is_no_data(cell: &DayCell) -> bool {
    cell.assumed && cell.business_minutes <= 0.0
}

/// The legend of the strips' cells, each swatch kept with its words.
pub fn strip_legend() -> impl IntoView {
    let items = [
        ("day-cell down-0", "no downtime"),
        ("day-cell down-1", "under 5 %"),
        ("day-cell down-2", "under 25 %"),
        ("day-cell down-3", "under 50 %"),
        ("day-cell down-4", "half or more down"),
        ("day-cell closed", "closed"),
        ("day-cell down-0 no-poll", "no poll that day (status carried forward)"),
        ("day-cell no-data", "no data (before the first poll)"),
    ];
    let items = items
        .into_iter()
        .map(|(class, words)| view! { <span class="legend-item"><span class=class></span>{words}</span> })
        .collect_view();
    view! { <p class="help strip-legend" aria-hidden="true" data-testid="strip-legend">{items}</p> }
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
            let no_data = is_no_data(cell);
            let class = if no_data { "day-cell no-data" } else { shade.class() };
            view! {
                <span
                    role="gridcell"
                    class=class
                    class:no-poll=cell.polls == 0 && shade != DayShade::Closed && !no_data
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

/// A day of the fleet's strip: its shade (`day-cell …` classes) and what
/// it was, in words. A day with only assumed business time (before every
/// store's first poll) is "no data", whatever its assumed figures.
pub struct FleetDayCell {
    pub class: &'static str,
    pub no_data: bool,
    pub text: String,
}

impl FleetDayCell {
    pub fn of(day: &FleetDay) -> FleetDayCell {
        let business = day.business_nanos as f64 / 6e10;
        let down = day.downtime_nanos as f64 / 6e10;
        let no_data = business <= 0.0 && day.assumed_nanos > 0;
        let class = if no_data { "day-cell no-data" } else { DayShade::of(business, down).class() };
        let date = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d")
            .map_or_else(|_| day.date.clone(), |date| date.format("%a %-d %b %Y").to_string());
        let not_yet = if day.assumed_stores > 0 && !no_data {
            format!("; {} stores not polled yet left out", group_digits(u64::from(day.assumed_stores)))
        } else {
            String::new()
        };
        let text = if no_data {
            format!("{date}: no data, before the stores' first polls")
        } else if business > 0.0 {
            format!(
                "{date}: {} up of {} open across stores; {} of {} open stores had downtime{not_yet}",
                format_share((business - down) / business),
                format_duration(i128::from(day.business_nanos), DurationStyle::HoursMinutes),
                group_digits(u64::from(day.down_stores)),
                group_digits(u64::from(day.open_stores)),
            )
        } else {
            format!("{date}: no store open")
        };
        FleetDayCell { class, no_data, text }
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
            let FleetDayCell { class, no_data, text } = FleetDayCell::of(day);
            view! {
                <span
                    role="gridcell"
                    class=class
                    data-no-data=no_data.then_some("true")
                    tabindex=initial_tabindex(i, count)
                    title=text.clone()
                    aria-label=text.clone()
                    data-tip=text
                    data-date=day.date.clone()
                ></span>
            }
        })
        .collect_view();
    // The first and last dates under the strip's ends, a date every week
    // between them in the tooltips.
    let date_label = |day: Option<&FleetDay>| {
        day.map(|day| {
            NaiveDate::parse_from_str(&day.date, "%Y-%m-%d")
                .map_or_else(|_| day.date.clone(), |date| date.format("%a %-d %b").to_string())
        })
    };
    let dates = view! {
        <div class="strip-dates" aria-hidden="true" data-testid="fleet-strip-dates">
            <span>{date_label(days.first())}</span>
            <span>{date_label(days.last())}</span>
        </div>
    };
    let caption = format!(
        "The fleet, day by day over the {}: the share of all observed business time that was up (dates in each store's zone; ← and → move between days)",
        last_days(horizon_days)
    );
    view! {
        <figure class="fleet-strip" data-testid="fleet-strip">
            <figcaption>{caption.clone()}</figcaption>
            <div class="strip-frame">
                <div class="day-grid" role="grid" aria-label=caption on:keydown=move_between_days>
                    <div class="day-strip large" role="row">
                        {cells}
                    </div>
                </div>
                {dates}
            </div>
            {strip_legend()}
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
    fn a_fleet_day_before_every_first_poll_is_no_data() {
        const MINUTE: i64 = 60_000_000_000;
        let day = |business: i64, down: i64, assumed: i64, assumed_stores: u32| FleetDay {
            date: "2023-01-24".to_string(),
            business_nanos: business * MINUTE,
            uptime_nanos: (business - down) * MINUTE,
            downtime_nanos: down * MINUTE,
            open_stores: 4,
            down_stores: 1,
            assumed_nanos: assumed * MINUTE,
            assumed_stores,
        };
        let before = FleetDayCell::of(&day(0, 0, 600, 3));
        assert!(before.no_data);
        assert_eq!(before.class, "day-cell no-data");
        assert_eq!(before.text, "Tue 24 Jan 2023: no data, before the stores' first polls");
        // 30 of 600 minutes down: 5 %, the second step; three stores left out.
        let open = FleetDayCell::of(&day(600, 30, 120, 3));
        assert_eq!(open.class, "day-cell down-2");
        assert_eq!(
            open.text,
            "Tue 24 Jan 2023: 95.0% up of 10 h open across stores; 1 of 4 open stores had downtime; 3 stores not polled yet left out"
        );
        assert_eq!(FleetDayCell::of(&day(0, 0, 0, 0)).text, "Tue 24 Jan 2023: no store open");
    }

    #[test]
    fn a_day_in_words() {
        let date = date_of(19_381, 0);
        assert_eq!(date, NaiveDate::from_ymd_opt(2023, 1, 24));
        let open = DayCell {
            business_minutes: 780.0,
            uptime_minutes: 729.04,
            downtime_minutes: 50.96,
            polls: 19,
            assumed: false,
        };
        assert_eq!(
            describe_day(date, &open),
            "Tue 24 Jan 2023: open 780 min, up 729.04 min, down 50.96 min (93.5% up), 19 polls"
        );
        let closed = DayCell { polls: 0, ..DayCell::default() };
        assert_eq!(describe_day(date, &closed), "Tue 24 Jan 2023: closed, no poll: status carried forward");
        // Business time only before the first poll: nothing observed.
        let before = DayCell { business_minutes: 0.0, assumed: true, ..DayCell::default() };
        assert!(is_no_data(&before));
        assert_eq!(describe_day(date, &before), "Tue 24 Jan 2023: no data, before the store's first poll");
        // The day of the first poll: its observed part.
        let first = DayCell {
            business_minutes: 1_200.5,
            uptime_minutes: 1_200.5,
            downtime_minutes: 0.0,
            polls: 3,
            assumed: true,
        };
        assert!(!is_no_data(&first));
        assert_eq!(
            describe_day(date, &first),
            "Tue 24 Jan 2023: from its first poll on, open 1,200.5 min, up 1,200.5 min, down 0 min (100.0% up), 3 polls"
        );
    }
}
