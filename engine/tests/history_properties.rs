//! Outages and days on random data sets: an independent minute-by-minute
//! oracle for timezones without daylight saving, and the contract's
//! invariants (SPEC.md, "Outages and days") in zones with it.
//!
//! The oracle knows nothing of the engine's intervals: it walks the
//! horizon one minute at a time, asks whether the store is open at that
//! local minute from the hours rows alone, and takes the status from the
//! polls alone. Polls and hours are whole minutes, so minutes are exact.

mod common;

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use common::*;
use proptest::prelude::*;
use store_uptime_engine::{
    Analysis, Dataset, History, Horizon, Job, JobRunner, OneThread, Report, ReportSettings, StoreZone, TimeSpan,
    UtcInstant, Window, compute_history, compute_report, compute_report_and_history_on,
};

const MINUTE_NANOS: i64 = 60_000_000_000;

#[derive(Clone, Debug)]
struct Store {
    zone: &'static str,
    periods: Vec<Period>,
    /// Minutes relative to now, and status, in file order.
    polls: Vec<(i64, bool)>,
}

#[derive(Clone, Debug)]
struct Case {
    /// Minutes since the epoch.
    now: i64,
    days: u32,
    stores: Vec<Store>,
}

fn instant(minutes: i64) -> UtcInstant {
    UtcInstant::from_unix_nanos(minutes * MINUTE_NANOS)
}

/// Runs jobs one after the other, cut as if for three threads: the
/// report's stores are then split into pieces as on a 3-core machine.
struct ThreePieces;

impl JobRunner for ThreePieces {
    fn parallelism(&self) -> usize {
        3
    }

    fn run_all(&self, jobs: Vec<Job<'_>>) {
        for job in jobs.into_iter().rev() {
            job();
        }
    }
}

impl Case {
    fn analysis(&self) -> (Analysis, ReportSettings) {
        let mut status = String::from(STATUS_HEADER);
        let mut hours = String::from(HOURS_HEADER);
        let mut zones = String::from(ZONES_HEADER);
        for (i, store) in self.stores.iter().enumerate() {
            for (offset, active) in &store.polls {
                let word = if *active { "active" } else { "inactive" };
                status.push_str(&format!("s{i},{word},{}\n", instant(self.now + offset)));
            }
            for p in &store.periods {
                hours.push_str(&p.hours_row(&format!("s{i}")));
            }
            zones.push_str(&format!("s{i},{}\n", store.zone));
        }
        let mut data = Dataset::new();
        for (name, text) in [("status.csv", status), ("hours.csv", hours), ("zones.csv", zones)] {
            data.read_bytes(name, text.as_bytes()).expect("recognised");
        }
        let settings = ReportSettings { now: Some(instant(self.now)), ..ReportSettings::default() };
        (Analysis::new(data), settings)
    }

    /// The report, then its history, computed apart.
    fn run(&self) -> (Report, History) {
        let (analysis, settings) = self.analysis();
        let report = compute_report(&analysis, &settings, &mut |_| ControlFlow::Continue(())).expect("a report");
        let horizon = Horizon::of_days(self.days).expect("1-366");
        let history =
            compute_history(&analysis, &report, horizon, &mut |_| ControlFlow::Continue(())).expect("a history");
        (report, history)
    }
}

fn store_strategy(zones: &'static [&'static str]) -> impl Strategy<Value = Store> {
    let period = Period::strategy();
    // Polls from ten days before now to two hours after it.
    let poll = (-(10 * 1440i64)..120, prop::bool::weighted(0.6));
    (
        prop::sample::select(zones),
        prop_oneof![1 => Just(Vec::new()), 3 => prop::collection::vec(period, 1..6)],
        prop::collection::vec(poll, 1..30),
    )
        .prop_map(|(zone, periods, polls)| Store { zone, periods, polls })
}

/// Now: a minute in March or November 2023, around daylight-saving changes
/// in both hemispheres; horizons of 1 to 10 days.
fn case_strategy(zones: &'static [&'static str]) -> impl Strategy<Value = Case> {
    let march: i64 = 1_678_000_000 / 60;
    let november: i64 = 1_699_000_000 / 60;
    let april: i64 = 1_680_000_000 / 60;
    (
        prop_oneof![march..march + 20 * 1440, november..november + 20 * 1440, april..april + 10 * 1440],
        1u32..=10,
        prop::collection::vec(store_strategy(zones), 1..4),
    )
        .prop_map(|(now, days, stores)| Case { now, days, stores })
}

const FIXED_ZONES: &[&str] = &["UTC", "Asia/Kolkata", "America/Phoenix", "Asia/Kathmandu", "Pacific/Honolulu"];
const DST_ZONES: &[&str] = &[
    "America/Chicago",
    "America/New_York",
    "Europe/London",
    "Australia/Adelaide",
    "America/Santiago",
    "America/Havana",
    "Asia/Beirut",
    "Australia/Lord_Howe",
];

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

/// What the oracle expects of one store: outages as (start, end, ongoing,
/// before first poll) in minutes relative to now; days as local day number
/// → (business, up, down, polls) in minutes.
type Expected = (Vec<(i64, i64, bool, bool)>, BTreeMap<i64, (i64, i64, i64, u32)>);

fn oracle(case: &Case, store: &Store) -> Expected {
    let zone = StoreZone::from_name(store.zone).expect("zone");
    let offset = i64::from(zone.offset_seconds(instant(case.now))) / 60;
    let mut polls = store.polls.clone();
    polls.sort_by_key(|p| p.0); // stable: equal times keep file order
    let first = polls[0].0;
    let horizon = i64::from(case.days) * 1440;
    let local_day = |minute: i64| (case.now + minute + offset).div_euclid(1440);

    let mut outages: Vec<(i64, i64, bool, bool)> = Vec::new();
    let mut days = BTreeMap::new();
    for minute in -horizon..0 {
        let day = days.entry(local_day(minute)).or_insert((0, 0, 0, 0));
        day.3 += polls.iter().filter(|p| p.0 == minute).count() as u32;
        if !open_at(&store.periods, case.now + minute + offset) {
            continue;
        }
        let applied = polls.partition_point(|p| p.0 <= minute);
        let active = if applied == 0 { polls[0].1 } else { polls[applied - 1].1 };
        day.0 += 1;
        if active {
            day.1 += 1;
        } else {
            day.2 += 1;
            match outages.last_mut() {
                Some(last) if last.1 == minute => last.1 = minute + 1,
                _ => outages.push((minute, minute + 1, false, minute < first)),
            }
        }
    }
    for outage in &mut outages {
        outage.2 = outage.1 == 0;
    }
    (outages, days)
}

fn minutes(span: TimeSpan) -> i64 {
    assert_eq!(span.nanos() % MINUTE_NANOS, 0, "whole minutes in, whole minutes out");
    span.nanos() / MINUTE_NANOS
}

proptest! {
    #[test]
    fn outages_and_days_match_a_minute_by_minute_oracle(case in case_strategy(FIXED_ZONES)) {
        let (_, history) = case.run();
        prop_assert_eq!(history.stores.len(), case.stores.len());
        for (i, store) in case.stores.iter().enumerate() {
            let got = history.stores.iter().find(|s| s.store_id == format!("s{i}")).expect("a row per store");
            let (outages, days) = oracle(&case, store);
            let got_outages: Vec<_> = got.outages.iter().map(|o| (
                minutes(o.start - instant(case.now)),
                minutes(o.end - instant(case.now)),
                o.ongoing,
                o.before_first_poll,
            )).collect();
            prop_assert_eq!(got_outages, outages, "outages of store {}", i);
            let got_days: BTreeMap<i64, _> = got.days.iter().map(|d| (
                d.date.signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date")).num_days(),
                (minutes(d.business), minutes(d.uptime), minutes(d.downtime), d.polls),
            )).collect();
            prop_assert_eq!(got_days, days, "days of store {}", i);
        }
    }

    #[test]
    fn days_and_outages_add_up_to_the_horizon_and_the_week(case in case_strategy(DST_ZONES)) {
        let (report, history) = case.run();
        let horizon = history.interval;
        for (row, store) in report.rows.iter().zip(&history.stores) {
            prop_assert_eq!(&row.store_id, &store.store_id);
            let sum = |f: fn(&store_uptime_engine::DayFigures) -> TimeSpan| {
                store.days.iter().map(f).fold(TimeSpan::ZERO, |a, b| a + b)
            };
            let (up, down) = (sum(|d| d.uptime), sum(|d| d.downtime));
            prop_assert_eq!(sum(|d| d.business), up + down);
            // The outages' minutes, assumed ones too, add up to the downtime
            // over the horizon; the observed ones are those from the first poll on.
            let all = store.outages.iter().map(|outage| outage.length()).fold(TimeSpan::ZERO, |a, b| a + b);
            prop_assert_eq!(all, down);
            let observed = store
                .outages
                .iter()
                .filter(|outage| !outage.before_first_poll)
                .map(|outage| outage.length())
                .fold(TimeSpan::ZERO, |a, b| a + b);
            prop_assert_eq!(store.observed_outage_time(), observed);
            if case.days == 7 {
                let week = row.window(Window::LastWeek);
                prop_assert_eq!((up, down), (week.uptime, week.downtime));
            }
            // The days tile the horizon, in order, with dates one apart.
            prop_assert_eq!(store.days.first().map(|d| d.part.start), Some(horizon.start));
            prop_assert_eq!(store.days.last().map(|d| d.part.end), Some(horizon.end));
            for pair in store.days.windows(2) {
                prop_assert_eq!(pair[0].part.end, pair[1].part.start);
                prop_assert_eq!(pair[0].date.succ_opt(), Some(pair[1].date));
            }
            // Outages are disjoint, in order, inside the horizon, and not
            // touching (touching ones would be one).
            for outage in &store.outages {
                prop_assert!(horizon.start <= outage.start && outage.start < outage.end && outage.end <= horizon.end);
            }
            for pair in store.outages.windows(2) {
                prop_assert!(pair[0].end < pair[1].start);
            }
            // Polls in the days are the polls in the horizon.
            let polls: u32 = store.days.iter().map(|d| d.polls).sum();
            let i: usize = store.store_id[1..].parse().expect("s<i>");
            let in_horizon = case.stores[i].polls.iter()
                .filter(|p| -i64::from(case.days) * 1440 <= p.0 && p.0 < 0)
                .count();
            prop_assert_eq!(polls as usize, in_horizon);
        }
    }

    /// The report and its history in one pass give exactly what they give
    /// apart, whatever the horizon (shorter or longer than the week) and
    /// however the stores are cut into jobs.
    #[test]
    fn report_and_history_in_one_pass_equal_them_apart(case in case_strategy(DST_ZONES), long in prop::bool::ANY) {
        let case = Case { days: if long { case.days * 4 } else { case.days }, ..case };
        let (report, history) = case.run();
        let (analysis, settings) = case.analysis();
        let horizon = Horizon::of_days(case.days).expect("1-366");
        let runners: [&dyn JobRunner; 2] = [&OneThread, &ThreePieces];
        for jobs in runners {
            let (together, with_it) =
                compute_report_and_history_on(&analysis, &settings, horizon, &mut |_| ControlFlow::Continue(()), jobs)
                    .expect("a report");
            prop_assert_eq!(&together, &report);
            prop_assert_eq!(&with_it, &history);
        }
    }
}
