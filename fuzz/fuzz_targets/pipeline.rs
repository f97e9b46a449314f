//! From three files of any bytes to the report: the figures obey the
//! contract's invariants whatever the input, and equal an independent
//! calculation.
//!
//! The calculation below shares no code with the engine's schedule and
//! daylight-saving rule: it turns local times into instants by Temporal's
//! algorithm for "compatible" disambiguation, written out from its
//! specification (the offsets in force a day before and a day after, the
//! candidates they give, the earliest of them, or in a gap the offset from
//! before), on chrono-tz's UTC-to-local offsets. What it does share with the
//! engine: the parsed data set (periods, zones, polls grouped by store in
//! time order, file order among equal times) and chrono-tz's database.
#![no_main]

#[path = "common.rs"]
mod common;

use std::ops::ControlFlow;

use chrono::{Days, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use engine::fuzzing::ClockTime;
use engine::{Analysis, OpeningPeriod, ReportSettings, TimeSpan, Window, compute_report};
use libfuzzer_sys::fuzz_target;

const NANOS_PER_SECOND: i64 = 1_000_000_000;
const DAY_NANOS: i64 = 86_400 * NANOS_PER_SECOND;

fuzz_target!(|data: &[u8]| {
    let files: Vec<&[u8]> = split(data);
    let (dataset, _) = common::read(&files, 4096);
    common::check_counts(&dataset);
    let analysis = Analysis::new(dataset);
    let settings = ReportSettings::default();
    let Ok(report) = compute_report(&analysis, &settings, &mut |_| ControlFlow::Continue(())) else { return };
    let now = report.now.unix_nanos();
    for row in &report.rows {
        assert!(analysis.has_polls(row.store));
        let zone = analysis.zone(row.store, settings.default_zone).tz();
        let periods = analysis.periods(row.store);
        let polls: Vec<(i64, bool)> = analysis.polls(row.store).map(|p| (p.at.unix_nanos(), p.active)).collect();
        for window in Window::ALL {
            let figures = row.window(window);
            assert!(figures.uptime >= TimeSpan::ZERO && figures.downtime >= TimeSpan::ZERO);
            assert!(figures.business_time() <= window.length(), "{row:?}");
            let Some(from) = now.checked_sub(window.length().nanos()) else { continue };
            let Some(business) = business_time(zone, periods, from, now) else { continue };
            let (up, down) = split_by_status(&business, &polls);
            assert_eq!((figures.uptime.nanos(), figures.downtime.nanos()), (up, down), "{row:?} {window:?}");
        }
        let [hour, day, week] = row.windows;
        assert!(hour.uptime <= day.uptime && day.uptime <= week.uptime, "{row:?}");
        assert!(hour.downtime <= day.downtime && day.downtime <= week.downtime, "{row:?}");
    }
    let csv = engine::report_csv(&report, engine::Units::Minutes);
    assert_eq!(csv.lines().count(), report.rows.len() + 1);
});

/// The offset from UTC in force at an instant, in nanoseconds.
fn offset_at(zone: Tz, utc: NaiveDateTime) -> i64 {
    i64::from(zone.offset_from_utc_datetime(&utc).fix().local_minus_utc()) * NANOS_PER_SECOND
}

fn nanos_of(datetime: NaiveDateTime) -> Option<i64> {
    datetime.and_utc().timestamp_nanos_opt()
}

fn datetime_of(nanos: i64) -> NaiveDateTime {
    chrono::DateTime::from_timestamp_nanos(nanos).naive_utc()
}

/// A local time as an instant, by Temporal's `GetPossibleEpochNanoseconds`
/// and `DisambiguatePossibleEpochNanoseconds` with "compatible".
fn resolve(zone: Tz, local: NaiveDateTime) -> Option<i64> {
    let as_utc = nanos_of(local)?;
    let before = offset_at(zone, datetime_of(as_utc.checked_sub(DAY_NANOS)?));
    let after = offset_at(zone, datetime_of(as_utc.checked_add(DAY_NANOS)?));
    let mut candidates: Vec<i64> = [before, after]
        .into_iter()
        .map(|offset| as_utc - offset)
        .filter(|&instant| offset_at(zone, datetime_of(instant)) == as_utc - instant)
        .collect();
    candidates.sort_unstable();
    // One candidate, or two in an overlap: the earlier. None, in a gap: the
    // wall time read with the offset from before the change.
    Some(candidates.first().copied().unwrap_or(as_utc - before))
}

/// The store's business time in [from, to) as sorted disjoint intervals;
/// `None` when a date falls outside what the calculation can represent.
fn business_time(zone: Tz, periods: &[OpeningPeriod], from: i64, to: i64) -> Option<Vec<(i64, i64)>> {
    if periods.is_empty() {
        return Some(vec![(from, to)]);
    }
    let first = datetime_of(from).date().checked_sub_days(Days::new(2))?;
    let last = datetime_of(to).date().checked_add_days(Days::new(1))?;
    let mut intervals = Vec::new();
    let mut date: NaiveDate = first;
    while date <= last {
        // 0 = Monday.
        let weekday = chrono::Datelike::weekday(&date).num_days_from_monday() as u8;
        let next = date.checked_add_days(Days::new(1))?;
        for period in periods.iter().filter(|p| p.day.number() == weekday) {
            let start = date.and_time(period.start.naive());
            let end = if period.end == period.start {
                next.and_time(period.start.naive())
            } else if period.end == ClockTime::LAST_SECOND {
                next.and_time(ClockTime::MIDNIGHT.naive())
            } else if period.end < period.start {
                next.and_time(period.end.naive())
            } else {
                date.and_time(period.end.naive())
            };
            let (start, end) = (resolve(zone, start)?.max(from), resolve(zone, end)?.min(to));
            if start < end {
                intervals.push((start, end));
            }
        }
        date = next;
    }
    intervals.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::new();
    for (start, end) in intervals {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    Some(merged)
}

/// Uptime and downtime within `business`: the status at t is that of the
/// last poll at or before t, or before the first poll, the first one's.
fn split_by_status(business: &[(i64, i64)], polls: &[(i64, bool)]) -> (i64, i64) {
    let status_at = |t: i64| polls.iter().rev().find(|p| p.0 <= t).or(polls.first()).is_some_and(|p| p.1);
    let mut figures = (0, 0);
    for &(start, end) in business {
        let mut cut = start;
        let changes = polls.iter().map(|p| p.0).filter(|&t| start < t && t < end);
        for next in changes.chain([end]) {
            if status_at(cut) {
                figures.0 += next - cut;
            } else {
                figures.1 += next - cut;
            }
            cut = next;
        }
    }
    figures
}

fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut files = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(common::FILE_SEPARATOR.len()).position(|w| w == common::FILE_SEPARATOR) {
        files.push(&rest[..at]);
        rest = &rest[at + common::FILE_SEPARATOR.len()..];
    }
    files.push(rest);
    files
}
