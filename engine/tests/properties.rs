//! Invariants of the report on random data sets, and an independent
//! calculation to compare it with.
//!
//! The oracle shares no code with the engine's calculation: local times are
//! turned into instants by `jiff` (Temporal's "compatible" disambiguation,
//! the contract's rule, with its own copy of the timezone database), and
//! business time, status and the windows are computed from scratch, to the
//! nanosecond. The generated weeks contain every daylight-saving change of
//! 2023 of the zones used: spring and autumn, in both hemispheres, a skipped
//! midnight (Santiago, Havana) and a half-hour change (Lord Howe).

mod common;

use std::ops::ControlFlow;

use common::*;
use proptest::prelude::*;
use store_uptime_engine::{
    Analysis, Dataset, ReportSettings, StoreZone, Units, UtcInstant, compute_report, report_csv,
};

const MINUTE_NANOS: i64 = 60_000_000_000;
const DAY_NANOS: i64 = 1440 * MINUTE_NANOS;

#[derive(Clone, Debug)]
struct Store {
    zone: Option<&'static str>,
    periods: Vec<Period>,
    /// Nanoseconds relative to now, and status, in file order.
    polls: Vec<(i64, bool)>,
}

#[derive(Clone, Debug)]
struct Case {
    /// Nanoseconds since the epoch.
    now: i64,
    stores: Vec<Store>,
    explicit_now: bool,
    /// The timezone of stores without a row.
    default_zone: &'static str,
    /// Whether one store's id is not an integer, so that rows sort as text.
    text_ids: bool,
}

fn timestamp(nanos: i64) -> String {
    UtcInstant::from_unix_nanos(nanos).to_string()
}

/// Integer ids whose text order differs from their numeric order.
const INTEGER_IDS: [&str; 5] = ["9", "10", "100", "11", "2"];

impl Case {
    fn id(&self, store: usize) -> String {
        if self.text_ids && store + 1 == self.stores.len() { "x9".into() } else { INTEGER_IDS[store].into() }
    }

    fn files(&self) -> (String, String, String) {
        let mut status = String::from(STATUS_HEADER);
        let mut hours = String::from("store_id,dayOfWeek,start_time_local,end_time_local\n");
        let mut zones = String::from(ZONES_HEADER);
        for (i, store) in self.stores.iter().enumerate() {
            let id = self.id(i);
            for (offset, active) in &store.polls {
                let word = if *active { "active" } else { "inactive" };
                status.push_str(&format!("{id},{word},{}\n", timestamp(self.now + offset)));
            }
            for p in &store.periods {
                hours.push_str(&p.hours_row(&id));
            }
            if let Some(zone) = store.zone {
                zones.push_str(&format!("{id},{zone}\n"));
            }
        }
        (status, hours, zones)
    }

    fn settings(&self) -> ReportSettings {
        ReportSettings {
            now: self.explicit_now.then(|| UtcInstant::from_unix_nanos(self.now)),
            default_zone: StoreZone::from_name(self.default_zone).expect("known zone"),
        }
    }
}

fn store_strategy(zones: &'static [&'static str]) -> impl Strategy<Value = Store> {
    let period = Period::strategy();
    // Whole minutes (ties between polls are likely) or any nanosecond.
    let sub_minute = prop_oneof![1 => Just(0i64), 2 => 0..MINUTE_NANOS];
    let poll = ((-(9 * 1440i64)..(3 * 60)), sub_minute, prop::bool::weighted(0.8))
        .prop_map(|(minute, nanos, active)| (minute * MINUTE_NANOS + nanos, active));
    (
        prop::option::weighted(0.85, prop::sample::select(zones)),
        prop_oneof![1 => Just(Vec::new()), 3 => prop::collection::vec(period, 1..6)],
        prop::collection::vec(poll, 0..25),
    )
        .prop_map(|(zone, periods, polls)| Store { zone, periods, polls })
}

/// The UTC dates of the 2023 daylight-saving changes of [`ZONES`]; see
/// `the_generated_weeks_contain_every_change_of_the_zones`.
const CHANGE_DATES: [&str; 7] =
    ["2023-03-12", "2023-03-26", "2023-04-01", "2023-09-03", "2023-09-30", "2023-10-29", "2023-11-05"];

/// Now: from a day before to eight days after a daylight-saving change, so
/// that most weeks contain it.
fn now_strategy() -> impl Strategy<Value = i64> {
    (prop::sample::select(&CHANGE_DATES[..]), -DAY_NANOS..8 * DAY_NANOS)
        .prop_map(|(date, offset)| at(&format!("{date} 00:00:00")).unix_nanos() + offset)
}

fn case_strategy(zones: &'static [&'static str]) -> impl Strategy<Value = Case> {
    (
        now_strategy(),
        prop::collection::vec(store_strategy(zones), 1..=INTEGER_IDS.len()),
        any::<bool>(),
        prop::sample::select(zones),
        any::<bool>(),
    )
        .prop_map(|(now, stores, explicit_now, default_zone, text_ids)| Case {
            now,
            stores,
            explicit_now,
            default_zone,
            text_ids,
        })
        // Without an explicit now, now is the latest poll: keep `now` true to it.
        .prop_map(|mut case| {
            if !case.explicit_now {
                match case.stores.iter().flat_map(|s| s.polls.iter().map(|p| p.0)).max() {
                    Some(latest) => {
                        case.now += latest;
                        for store in &mut case.stores {
                            for poll in &mut store.polls {
                                poll.0 -= latest;
                            }
                        }
                    }
                    None => case.explicit_now = true,
                }
            }
            case
        })
}

/// Zones with daylight saving in both hemispheres, including changes at
/// midnight and of half an hour, and zones without.
const ZONES: &[&str] = &[
    "America/Chicago",
    "America/Havana",
    "Europe/London",
    "Australia/Adelaide",
    "Australia/Lord_Howe",
    "America/Santiago",
    "UTC",
    "Asia/Kathmandu",
];

fn run_case(case: &Case, chunk_cuts: &[usize]) -> (String, Vec<(String, u64, String)>, Analysis) {
    let (status, hours, zones) = case.files();
    run_texts(case, [&status, &hours, &zones], chunk_cuts)
}

/// Reads the three files, each cut into chunks at `chunk_cuts` (modulo its length).
fn run_texts(case: &Case, texts: [&str; 3], chunk_cuts: &[usize]) -> (String, Vec<(String, u64, String)>, Analysis) {
    let mut data = Dataset::new();
    for (name, text) in ["status.csv", "hours.csv", "zones.csv"].into_iter().zip(texts) {
        let bytes = text.as_bytes();
        let mut feed = data.read_file(name);
        let mut cuts: Vec<usize> = chunk_cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
        cuts.sort_unstable();
        let mut from = 0;
        for cut in cuts.into_iter().chain([bytes.len()]) {
            feed.push(&bytes[from..cut]).expect("recognised");
            from = cut;
        }
        feed.finish().expect("recognised");
    }
    let rejections = describe_rejections(&data, data.rejections());
    let analysis = Analysis::new(data);
    let settings = case.settings();
    let report = compute_report(&analysis, &settings, &mut |_| ControlFlow::Continue(())).expect("a report");
    (report_csv(&report, Units::Minutes), rejections, analysis)
}

/// The file with its data rows in a random order (the header stays first).
fn shuffle_lines(text: &str, seed: u64) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let mut rng = store_uptime_engine::SampleRng::new(seed);
    for i in (2..lines.len()).rev() {
        let j = 1 + rng.below(i as u64) as usize;
        lines.swap(i, j);
    }
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn report(case: &Case) -> (store_uptime_engine::Report, Analysis) {
    let (status, hours, zones) = case.files();
    let mut data = Dataset::new();
    data.read_bytes("status.csv", status.as_bytes()).expect("recognised");
    data.read_bytes("hours.csv", hours.as_bytes()).expect("recognised");
    data.read_bytes("zones.csv", zones.as_bytes()).expect("recognised");
    let analysis = Analysis::new(data);
    let settings = case.settings();
    let report = compute_report(&analysis, &settings, &mut |_| ControlFlow::Continue(())).expect("a report");
    (report, analysis)
}

/// A local wall-clock time (a date and minutes from its midnight, which may
/// run past 24:00) as an instant, by Temporal's "compatible" rule: an
/// ambiguous time takes the earlier instant, a skipped one the offset before
/// the change.
fn resolve(zone: &jiff::tz::TimeZone, date: jiff::civil::Date, minutes: u32) -> i64 {
    let local = date.to_datetime(jiff::civil::Time::midnight()) + jiff::Span::new().minutes(i64::from(minutes));
    let instant = zone.to_ambiguous_timestamp(local).compatible().expect("in range");
    i64::try_from(instant.as_nanosecond()).expect("in range")
}

/// The store's business time within [from, to), as sorted disjoint intervals.
fn business_time(store: &Store, zone_name: &str, from: i64, to: i64) -> Vec<(i64, i64)> {
    if store.periods.is_empty() {
        return vec![(from, to)];
    }
    let zone = jiff::tz::TimeZone::get(zone_name).expect("known zone");
    let utc_date = |nanos: i64| {
        jiff::Timestamp::from_nanosecond(i128::from(nanos)).expect("in range").to_zoned(jiff::tz::TimeZone::UTC).date()
    };
    // Local dates are within a day of UTC dates, and a period reaches at
    // most a day past its own date.
    let mut date = utc_date(from) - jiff::Span::new().days(2);
    let last = utc_date(to) + jiff::Span::new().days(1);
    let mut intervals = Vec::new();
    while date <= last {
        let weekday = date.weekday().to_monday_zero_offset() as u8;
        for period in store.periods.iter().filter(|p| p.day == weekday) {
            let end = match period.end {
                None => 1440,
                Some(end) if end <= period.start => 1440 + end,
                Some(end) => end,
            };
            let (start, end) = (resolve(&zone, date, period.start), resolve(&zone, date, end));
            let (start, end) = (start.max(from), end.min(to));
            if start < end {
                intervals.push((start, end));
            }
        }
        date = date.tomorrow().expect("in range");
    }
    intervals.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::new();
    for (start, end) in intervals {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// The contract's figures of a store, in nanoseconds: uptime and downtime
/// in the last hour, day and week. `None` for a store without polls.
fn oracle(case: &Case, store: &Store) -> Option<[i64; 6]> {
    // Stable: equal times keep file order.
    let mut polls: Vec<(i64, bool)> = store.polls.iter().map(|&(offset, active)| (case.now + offset, active)).collect();
    polls.sort_by_key(|p| p.0);
    let first = *polls.first()?;
    // The latest poll at or before t (the last in file order among equals),
    // or before the first poll, the first one's.
    let status_at = |t: i64| polls.iter().rev().find(|p| p.0 <= t).map_or(first.1, |p| p.1);
    let zone = store.zone.unwrap_or(case.default_zone);
    let mut figures = [0i64; 6];
    for (w, minutes) in [60i64, 1440, 7 * 1440].into_iter().enumerate() {
        let from = case.now - minutes * MINUTE_NANOS;
        for (start, end) in business_time(store, zone, from, case.now) {
            let mut cut = start;
            let changes = polls.iter().map(|p| p.0).filter(|&t| start < t && t < end);
            for next in changes.chain([end]) {
                figures[w * 2 + usize::from(!status_at(cut))] += next - cut;
                cut = next;
            }
        }
    }
    Some(figures)
}

/// The contract's order of report rows.
fn expected_order(mut ids: Vec<String>) -> Vec<String> {
    if ids.iter().all(|id| id.parse::<i128>().is_ok()) {
        ids.sort_by_key(|id| id.parse::<i128>().ok());
    } else {
        ids.sort();
    }
    ids
}

proptest! {
    // 256 cases by default; set PROPTEST_CASES for a longer run.

    #[test]
    fn matches_an_independent_calculation(case in case_strategy(ZONES)) {
        let (report, _) = report(&case);
        let mut with_polls = Vec::new();
        for (i, store) in case.stores.iter().enumerate() {
            let id = case.id(i);
            let row = report.rows.iter().find(|r| r.store_id == id);
            match (row, oracle(&case, store)) {
                (None, None) => {}
                (Some(row), Some(expected)) => {
                    let got: Vec<i64> = row.windows.iter().flat_map(|w| [w.uptime.nanos(), w.downtime.nanos()]).collect();
                    prop_assert_eq!(got, expected.to_vec(), "store {}", id);
                    with_polls.push(id);
                }
                (row, expected) => prop_assert!(false, "store {}: row {:?}, oracle {:?}", id, row, expected),
            }
        }
        let order: Vec<String> = report.rows.iter().map(|r| r.store_id.clone()).collect();
        prop_assert_eq!(order, expected_order(with_polls));
    }

    #[test]
    fn hour_is_within_day_is_within_week(case in case_strategy(ZONES)) {
        let (report, _) = report(&case);
        for row in &report.rows {
            let [hour, day, week] = row.windows;
            prop_assert!(hour.uptime <= day.uptime && day.uptime <= week.uptime);
            prop_assert!(hour.downtime <= day.downtime && day.downtime <= week.downtime);
        }
    }

    #[test]
    fn the_order_of_rows_with_distinct_timestamps_does_not_matter(
        case in case_strategy(ZONES),
        seed in any::<u64>(),
    ) {
        let mut distinct = case.clone();
        for store in &mut distinct.stores {
            store.polls.sort_by_key(|p| p.0);
            store.polls.dedup_by_key(|p| p.0);
        }
        let (status, hours, zones) = distinct.files();
        let (a, ..) = run_texts(&distinct, [&status, &hours, &zones], &[]);
        let shuffled = [shuffle_lines(&status, seed), shuffle_lines(&hours, seed ^ 1), shuffle_lines(&zones, seed ^ 2)];
        let (b, ..) = run_texts(&distinct, [&shuffled[0], &shuffled[1], &shuffled[2]], &[]);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn splitting_the_input_into_chunks_changes_nothing(
        case in case_strategy(ZONES),
        cuts in prop::collection::vec(any::<usize>(), 0..12),
    ) {
        let (whole_csv, whole_rejections, _) = run_case(&case, &[]);
        let (csv, rejections, _) = run_case(&case, &cuts);
        prop_assert_eq!(whole_csv, csv);
        prop_assert_eq!(whole_rejections, rejections);
    }
}

/// One chunk per byte, on a messy file with every kind of damage.
#[test]
fn byte_by_byte_chunks_of_a_messy_file() {
    let messy = "\u{FEFF}store_id, Status ,timestamp_utc,note\r\n\
                 1,active,2023-01-25 11:00:00 UTC,\"multi\r\nline\"\r\n\
                 \r\n\
                 2,inactive,2023-01-25T11:30:00+01:00,x\n\
                 3,broken\n\
                 \"4\",\"active\",\"2023-01-25 11:59:59.999999999\",\"q\"\"q\"\r\
                 5,active,2023-01-25 11:00:00,\"never closed\n\
                 6,active,2023-01-25 11:00:00,fine\n";
    let mut whole = Dataset::new();
    whole.read_bytes("messy.csv", messy.as_bytes()).expect("recognised");
    let mut bytewise = Dataset::new();
    let mut feed = bytewise.read_file("messy.csv");
    for byte in messy.as_bytes() {
        feed.push(std::slice::from_ref(byte)).expect("recognised");
    }
    feed.finish().expect("recognised");
    assert_eq!(describe_rejections(&whole, whole.rejections()), describe_rejections(&bytewise, bytewise.rejections()));
    let lines: Vec<u64> = whole.rejections().iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![6, 8]);
    assert_eq!(whole.files()[0].used, 4);
    let a = finish(whole, Some("2023-01-25 12:00:00"), None);
    let b = finish(bytewise, Some("2023-01-25 12:00:00"), None);
    assert_eq!(a.csv(Units::Minutes), b.csv(Units::Minutes));
    assert_eq!(a.store_ids(), vec!["1", "2", "4", "6"]);
}

/// The generator's weeks must contain every change of the zones it uses, or
/// the comparison above would test daylight saving only by luck.
#[test]
fn the_generated_weeks_contain_every_change_of_the_zones() {
    let year = jiff::Timestamp::from_second(at("2023-01-01 00:00:00").unix_nanos() / 1_000_000_000).expect("in range");
    let year_end = at("2024-01-01 00:00:00").unix_nanos();
    let dates: Vec<i64> = CHANGE_DATES.iter().map(|date| at(&format!("{date} 00:00:00")).unix_nanos()).collect();
    let mut changes = 0;
    for name in ZONES {
        let zone = jiff::tz::TimeZone::get(name).expect("known zone");
        for transition in zone.following(year) {
            let at = i64::try_from(transition.timestamp().as_nanosecond()).expect("in range");
            if at >= year_end {
                break;
            }
            // Now runs from a day before a listed date to eight days after:
            // a change on that date or the next is inside many generated weeks.
            assert!(
                dates.iter().any(|&d| d <= at && at < d + 2 * DAY_NANOS),
                "{name}: no listed date just before {at}"
            );
            changes += 1;
        }
    }
    // Two a year in each of the six zones with daylight saving.
    assert_eq!(changes, 12);
}
