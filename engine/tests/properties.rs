//! Invariants of the report on random data sets, and an independent
//! minute-by-minute oracle for timezones without daylight saving.

mod common;

use std::ops::ControlFlow;

use chrono::{Offset, TimeZone};
use common::*;
use proptest::prelude::*;
use store_uptime_engine::{
    Analysis, Dataset, Interval, ReportSettings, StoreZone, TimeSpan, Units, UtcInstant, Window, compute_report,
    report_csv,
};

const MINUTE_NANOS: i64 = 60_000_000_000;

/// A period as minutes of the day; `end == None` is written `23:59:59`.
#[derive(Clone, Debug)]
struct Period {
    day: u8,
    start: u32,
    end: Option<u32>,
}

#[derive(Clone, Debug)]
struct Store {
    zone: Option<&'static str>,
    periods: Vec<Period>,
    /// Minutes relative to now, and status, in file order.
    polls: Vec<(i64, bool)>,
}

#[derive(Clone, Debug)]
struct Case {
    /// Minutes since the epoch.
    now: i64,
    stores: Vec<Store>,
    explicit_now: bool,
    /// The timezone of stores without a row.
    default_zone: &'static str,
}

fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}:00", minutes / 60, minutes % 60)
}

fn timestamp(minutes: i64) -> String {
    UtcInstant::from_unix_nanos(minutes * MINUTE_NANOS).to_string()
}

impl Case {
    fn files(&self) -> (String, String, String) {
        let mut status = String::from(STATUS_HEADER);
        let mut hours = String::from("store_id,dayOfWeek,start_time_local,end_time_local\n");
        let mut zones = String::from(ZONES_HEADER);
        for (i, store) in self.stores.iter().enumerate() {
            for (offset, active) in &store.polls {
                let word = if *active { "active" } else { "inactive" };
                status.push_str(&format!("{i},{word},{}\n", timestamp(self.now + offset)));
            }
            for p in &store.periods {
                let end = p.end.map_or("23:59:59".to_string(), clock);
                hours.push_str(&format!("{i},{},{},{end}\n", p.day, clock(p.start)));
            }
            if let Some(zone) = store.zone {
                zones.push_str(&format!("{i},{zone}\n"));
            }
        }
        (status, hours, zones)
    }

    fn settings(&self) -> ReportSettings {
        ReportSettings {
            now: self.explicit_now.then(|| UtcInstant::from_unix_nanos(self.now * MINUTE_NANOS)),
            default_zone: StoreZone::from_name(self.default_zone).expect("known zone"),
        }
    }
}

fn store_strategy(zones: &'static [&'static str]) -> impl Strategy<Value = Store> {
    let period = (0u8..7, 0u32..1440, prop_oneof![6 => (0u32..1440).prop_map(Some), 1 => Just(None)], any::<bool>())
        .prop_map(|(day, start, end, equal)| Period { day, start, end: if equal { Some(start) } else { end } });
    let poll = (-(9 * 1440i64)..(3 * 60), prop::bool::weighted(0.8));
    (
        prop::option::weighted(0.85, prop::sample::select(zones)),
        prop_oneof![1 => Just(Vec::new()), 3 => prop::collection::vec(period, 1..6)],
        prop::collection::vec(poll, 0..25),
    )
        .prop_map(|(zone, periods, polls)| Store { zone, periods, polls })
}

/// Now: a minute in March or November 2023, around daylight-saving changes.
fn now_strategy() -> impl Strategy<Value = i64> {
    let march: i64 = 1_678_000_000 / 60;
    let november: i64 = 1_699_000_000 / 60;
    prop_oneof![march..march + 20 * 1440, november..november + 20 * 1440]
}

fn case_strategy(zones: &'static [&'static str]) -> impl Strategy<Value = Case> {
    (now_strategy(), prop::collection::vec(store_strategy(zones), 1..5), any::<bool>(), prop::sample::select(zones))
        .prop_map(|(now, stores, explicit_now, default_zone)| Case { now, stores, explicit_now, default_zone })
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

const FIXED_ZONES: &[&str] = &["UTC", "Asia/Kolkata", "America/Phoenix", "Asia/Kathmandu", "Pacific/Honolulu"];
const DST_ZONES: &[&str] =
    &["America/Chicago", "America/New_York", "Europe/London", "Australia/Adelaide", "America/Santiago"];

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
    let mut rng = store_uptime_engine::sample::SampleRng::new(seed);
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

/// The weekday (0 = Monday) of a day counted from 1970-01-01, a Thursday.
fn weekday(day: i64) -> u8 {
    (day + 3).rem_euclid(7) as u8
}

/// Whether a store is open at a local minute (minutes since the local epoch).
fn open_at(periods: &[Period], local: i64) -> bool {
    if periods.is_empty() {
        return true;
    }
    let today = local.div_euclid(1440);
    [today, today - 1].iter().any(|&day| {
        periods.iter().filter(|p| p.day == weekday(day)).any(|p| {
            let start = day * 1440 + i64::from(p.start);
            let end = match p.end {
                None => (day + 1) * 1440,
                Some(end) if end == p.start => start + 1440,
                Some(end) if end < p.start => (day + 1) * 1440 + i64::from(end),
                Some(end) => day * 1440 + i64::from(end),
            };
            start <= local && local < end
        })
    })
}

/// The contract, minute by minute, for a zone with a fixed offset.
fn oracle(case: &Case, store: &Store) -> Option<[i64; 6]> {
    if store.polls.is_empty() {
        return None;
    }
    let zone = StoreZone::from_name(store.zone.unwrap_or(case.default_zone)).expect("zone");
    let offset = i64::from(
        zone.tz()
            .offset_from_utc_datetime(&UtcInstant::from_unix_nanos(case.now * MINUTE_NANOS).naive_utc())
            .fix()
            .local_minus_utc(),
    ) / 60;
    // Stable: equal times keep file order.
    let mut polls = store.polls.clone();
    polls.sort_by_key(|p| p.0);
    let mut figures = [0i64; 6];
    for minute in -(7 * 1440)..0 {
        if !open_at(&store.periods, case.now + minute + offset) {
            continue;
        }
        let applied = polls.partition_point(|p| p.0 <= minute);
        let active = if applied == 0 { polls[0].1 } else { polls[applied - 1].1 };
        for (w, length) in [60i64, 1440, 7 * 1440].iter().enumerate() {
            if minute >= -length {
                figures[w * 2 + usize::from(!active)] += 1;
            }
        }
    }
    Some(figures)
}

fn business_measure(
    analysis: &Analysis,
    case: &Case,
    store: store_uptime_engine::StoreIndex,
    window: Interval,
) -> TimeSpan {
    let mut intervals = Vec::new();
    analysis.schedule(store, case.settings().default_zone).business_time(window, &mut intervals);
    intervals.iter().fold(TimeSpan::ZERO, |sum, i| sum + (i.end - i.start))
}

proptest! {
    // 256 cases by default; set PROPTEST_CASES for a longer run.

    #[test]
    fn matches_a_minute_by_minute_oracle(case in case_strategy(FIXED_ZONES)) {
        let (report, _) = report(&case);
        for (i, store) in case.stores.iter().enumerate() {
            let row = report.rows.iter().find(|r| r.store_id == i.to_string());
            let expected = oracle(&case, store);
            match (row, expected) {
                (None, None) => {}
                (Some(row), Some(expected)) => {
                    let got: Vec<i64> = row.windows.iter()
                        .flat_map(|w| [w.uptime.nanos(), w.downtime.nanos()])
                        .map(|n| n / MINUTE_NANOS)
                        .collect();
                    prop_assert_eq!(got, expected.to_vec(), "store {}", i);
                }
                (row, expected) => prop_assert!(false, "store {}: row {:?}, oracle {:?}", i, row, expected),
            }
        }
    }

    #[test]
    fn uptime_plus_downtime_is_the_business_time_in_each_window(case in case_strategy(DST_ZONES)) {
        let (report, analysis) = report(&case);
        for row in &report.rows {
            for window in Window::ALL {
                let interval = window.before(report.now).expect("in range");
                let figures = row.window(window);
                prop_assert_eq!(figures.business_time(), business_measure(&analysis, &case, row.store, interval));
                prop_assert!(figures.business_time() <= window.length());
            }
        }
    }

    #[test]
    fn hour_is_within_day_is_within_week(case in case_strategy(DST_ZONES)) {
        let (report, _) = report(&case);
        for row in &report.rows {
            let [hour, day, week] = row.windows;
            prop_assert!(hour.uptime <= day.uptime && day.uptime <= week.uptime);
            prop_assert!(hour.downtime <= day.downtime && day.downtime <= week.downtime);
        }
    }

    #[test]
    fn the_order_of_rows_with_distinct_timestamps_does_not_matter(
        case in case_strategy(DST_ZONES),
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
        case in case_strategy(DST_ZONES),
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
