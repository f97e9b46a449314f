//! The extended report: the report's figures with each window's uptime
//! percentage, and the freshness of each store's data (its polls, its
//! latest poll, whether that is stale, where its hours and timezone came
//! from), as one CSV an analyst opens in a spreadsheet. The columns and
//! their rules are in `docs/DESIGN.md` ("The extended report").

use std::io;

use crate::freshness::{Freshness, StaleLimit};
use crate::history::{StateNow, push_timestamp};
use crate::output::{Unit, Units, push_integer, push_text_field, push_two_digits, push_uptime_and_downtime};
use crate::report::{Report, ReportRow, Window};
use crate::time::TimeSpan;

/// Rows are gathered into blocks of about this size before a write.
const BLOCK_BYTES: usize = 60 * 1024;

/// The column names of the extended report, in order. The figures' names
/// end with their unit, which follows `units`:
/// `uptime_last_day_minutes` or `uptime_last_day_hours`.
pub fn extended_columns(units: Units) -> Vec<String> {
    let mut columns = vec!["store_id".to_string()];
    for window in Window::ALL {
        let unit = match units.unit_of(window) {
            Unit::Minute => "minutes",
            Unit::Hour => "hours",
        };
        let name = window.name();
        columns.push(format!("uptime_last_{name}_{unit}"));
        columns.push(format!("downtime_last_{name}_{unit}"));
        columns.push(format!("uptime_pct_last_{name}"));
    }
    for window in Window::ALL {
        columns.push(format!("polls_last_{}", window.name()));
    }
    for name in ["latest_poll_utc", "stale", "hours_source", "timezone_source", "state_now", "down_since"] {
        columns.push(name.to_string());
    }
    columns
}

/// The extended report as CSV text. `freshness` and `states` have one entry
/// per row of `report`, in the same order ([`crate::freshness::freshness`],
/// [`crate::history::states_now`] of the report's history).
///
/// # Panics
///
/// When `freshness` or `states` does not have one entry per row of `report`.
///
/// ```
/// use std::ops::ControlFlow;
/// use store_uptime_engine::{Analysis, Dataset, Horizon, ReportSettings, StaleLimit, Units, compute_history, compute_report, extended_csv, freshness, states_now};
///
/// let mut data = Dataset::new();
/// data.read_bytes("status.csv", b"store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00 UTC\n1,inactive,2023-01-25 11:30:00 UTC\n")?;
/// let analysis = Analysis::new(data);
/// let report = compute_report(&analysis, &ReportSettings::default(), &mut |_| ControlFlow::Continue(()))?;
/// let history = compute_history(&analysis, &report, Horizon::WEEK, &mut |_| ControlFlow::Continue(()))?;
/// let csv = extended_csv(&report, &freshness(&analysis, &report), &states_now(&analysis, &history), Units::Minutes, StaleLimit::DEFAULT);
/// // Now is the latest poll, the inactive one at 11:30: at the last instant
/// // before it the store was still up.
/// assert!(csv.lines().next().is_some_and(|header| header.ends_with(",state_now,down_since")));
/// assert!(csv.lines().nth(1).is_some_and(|row| row.ends_with(",24x7,default,up,")), "{csv}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn extended_csv(
    report: &Report,
    freshness: &[Freshness],
    states: &[StateNow],
    units: Units,
    stale_after: StaleLimit,
) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_extended_csv(report, freshness, states, units, stale_after, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the extended report as CSV to `writer`, a block of rows at a
/// time: a header line, then one line per row of `report`, `\n` endings.
///
/// # Panics
///
/// When `freshness` or `states` does not have one entry per row of `report`.
pub fn write_extended_csv(
    report: &Report,
    freshness: &[Freshness],
    states: &[StateNow],
    units: Units,
    stale_after: StaleLimit,
    writer: &mut dyn io::Write,
) -> io::Result<()> {
    assert_eq!(report.rows.len(), freshness.len(), "one freshness entry per report row");
    assert_eq!(report.rows.len(), states.len(), "one state per report row");
    let mut block = String::with_capacity(BLOCK_BYTES + 1024);
    block.push_str(&extended_columns(units).join(","));
    block.push('\n');
    for ((row, fresh), &state) in report.rows.iter().zip(freshness).zip(states) {
        push_extended_row(row, fresh, state, report, units, stale_after, &mut block);
        if block.len() > BLOCK_BYTES {
            writer.write_all(block.as_bytes())?;
            block.clear();
        }
    }
    writer.write_all(block.as_bytes())
}

/// Appends one row of the extended report as a CSV line.
pub fn push_extended_row(
    row: &ReportRow,
    fresh: &Freshness,
    state: StateNow,
    report: &Report,
    units: Units,
    stale_after: StaleLimit,
    out: &mut String,
) {
    push_text_field(&row.store_id, out);
    for window in Window::ALL {
        push_uptime_and_downtime(row, window, units, out);
        let figures = row.window(window);
        out.push(',');
        push_percentage(figures.uptime, figures.business_time(), out);
    }
    for window in Window::ALL {
        out.push(',');
        push_integer(fresh.polls_in(window), out);
    }
    out.push(',');
    if let Some(latest) = fresh.latest_poll {
        push_timestamp(latest, None, out);
    }
    out.push(',');
    push_text_field(if fresh.is_stale(report.now, stale_after) { "true" } else { "false" }, out);
    out.push(',');
    push_text_field(fresh.hours_source.name(), out);
    out.push(',');
    push_text_field(fresh.zone_source.name(), out);
    out.push(',');
    out.push_str(state.name());
    out.push(',');
    if let StateNow::Down { since } = state {
        push_timestamp(since, None, out);
    }
    out.push('\n');
}

/// Appends `part / whole × 100` rounded to two decimals (halves away from
/// zero, on integers), written like the report's figures: `100`, `50`,
/// `33.33`. Nothing when `whole` is zero (no business time: no percentage).
pub fn push_percentage(part: TimeSpan, whole: TimeSpan, out: &mut String) {
    let (part, whole) = (i128::from(part.nanos()), i128::from(whole.nanos()));
    if whole <= 0 || part < 0 {
        return;
    }
    // Hundredths of a percent: part × 10,000 / whole, rounded half up.
    let hundredths = (2 * part * 10_000 + whole) / (2 * whole);
    let hundredths = u64::try_from(hundredths).unwrap_or(u64::MAX);
    push_integer(hundredths / 100, out);
    match hundredths % 100 {
        0 => {}
        f if f % 10 == 0 => {
            out.push('.');
            push_integer(f / 10, out);
        }
        f => {
            out.push('.');
            push_two_digits(f as u32, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn percent(part: i64, whole: i64) -> String {
        let mut out = String::new();
        push_percentage(TimeSpan::from_nanos(part), TimeSpan::from_nanos(whole), &mut out);
        out
    }

    #[test]
    fn percentages_have_at_most_two_decimals() {
        assert_eq!(percent(1, 1), "100");
        assert_eq!(percent(0, 5), "0");
        assert_eq!(percent(1, 2), "50");
        assert_eq!(percent(1, 3), "33.33");
        assert_eq!(percent(2, 3), "66.67");
        assert_eq!(percent(1, 8), "12.5");
        // Half a hundredth rounds up: 1/16,000 is 0.00625 %, 0.625 hundredths.
        assert_eq!(percent(1, 16_000), "0.01");
        assert_eq!(percent(1, 20_001), "0");
        assert_eq!(percent(9_999_999, 10_000_000), "100");
        assert_eq!(percent(99_949, 100_000), "99.95");
        // A week of nanoseconds does not overflow.
        let week = TimeSpan::from_hours(168).nanos();
        assert_eq!(percent(week - 1, week), "100");
        assert_eq!(percent(week / 4, week), "25");
        assert_eq!(percent(0, 0), "");
    }

    #[test]
    fn column_names_carry_the_units() {
        let minutes = extended_columns(Units::Minutes).join(",");
        assert_eq!(
            minutes,
            "store_id,uptime_last_hour_minutes,downtime_last_hour_minutes,uptime_pct_last_hour,\
             uptime_last_day_minutes,downtime_last_day_minutes,uptime_pct_last_day,\
             uptime_last_week_minutes,downtime_last_week_minutes,uptime_pct_last_week,\
             polls_last_hour,polls_last_day,polls_last_week,latest_poll_utc,stale,hours_source,timezone_source,\
             state_now,down_since"
        );
        let hours = extended_columns(Units::Hours).join(",");
        assert!(hours.starts_with("store_id,uptime_last_hour_minutes,downtime_last_hour_minutes,uptime_pct_last_hour,uptime_last_day_hours,downtime_last_day_hours,"), "{hours}");
        assert!(hours.contains("uptime_last_week_hours,downtime_last_week_hours,"), "{hours}");
    }
}
