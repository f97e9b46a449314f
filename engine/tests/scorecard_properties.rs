//! The scorecard's and roll-up's invariants (SPEC.md, "Targets, groups and
//! comparison") on random data sets in zones with daylight saving: budget
//! left is allowed downtime less downtime; every dimension's groups add up
//! to the fleet; the scorecard equals the per-day table's sums, computed
//! by another path; and the previous figures are those of the same data
//! with now set N days earlier.

mod common;

use std::ops::ControlFlow;

use common::*;
use proptest::prelude::*;
use store_uptime_engine::{
    Analysis, Dataset, Horizon, OneThread, ReportSettings, Target, TimeSpan, UtcInstant, compute_report_and_history_on,
    compute_report_and_scorecard_on, compute_scorecard, rollup,
};

const MINUTE_NANOS: i64 = 60_000_000_000;

#[derive(Clone, Debug)]
struct Store {
    zone: &'static str,
    periods: Vec<Period>,
    /// Minutes relative to now, and status.
    polls: Vec<(i64, bool)>,
    /// Its row in the groups file: region, brand, own target.
    groups: Option<(u8, u8, Option<u32>)>,
}

#[derive(Clone, Debug)]
struct Case {
    now: i64,
    days: u32,
    target: Option<u32>,
    stores: Vec<Store>,
}

fn instant(minutes: i64) -> UtcInstant {
    UtcInstant::from_unix_nanos(minutes * MINUTE_NANOS)
}

const ZONES: &[&str] = &["UTC", "America/Chicago", "Europe/London", "Australia/Adelaide", "Asia/Kolkata"];

fn case_strategy() -> impl Strategy<Value = Case> {
    let store = (
        prop::sample::select(ZONES),
        prop_oneof![1 => Just(Vec::new()), 3 => prop::collection::vec(Period::strategy(), 1..5)],
        prop::collection::vec((-(20 * 1440i64)..60, prop::bool::weighted(0.7)), 1..25),
        prop::option::of((0u8..3, 0u8..2, prop::option::of(1u32..100_000))),
    )
        .prop_map(|(zone, periods, polls, groups)| Store { zone, periods, polls, groups });
    let march: i64 = 1_678_000_000 / 60;
    let november: i64 = 1_699_000_000 / 60;
    (
        prop_oneof![march..march + 20 * 1440, november..november + 20 * 1440],
        1u32..=8,
        prop::option::of(90_000u32..100_000),
        prop::collection::vec(store, 1..6),
    )
        .prop_map(|(now, days, target, stores)| Case { now, days, target, stores })
}

impl Case {
    fn analysis(&self) -> Analysis {
        let mut status = String::from(STATUS_HEADER);
        let mut hours = String::from(HOURS_HEADER);
        let mut zones = String::from(ZONES_HEADER);
        let mut groups = String::from("store_id,region,brand,target\n");
        for (i, store) in self.stores.iter().enumerate() {
            for (offset, active) in &store.polls {
                let word = if *active { "active" } else { "inactive" };
                status.push_str(&format!("s{i},{word},{}\n", instant(self.now + offset)));
            }
            for p in &store.periods {
                hours.push_str(&p.hours_row(&format!("s{i}")));
            }
            zones.push_str(&format!("s{i},{}\n", store.zone));
            if let Some((region, brand, target)) = store.groups {
                let target = target.and_then(Target::from_thousandths).map(|t| t.to_string()).unwrap_or_default();
                let region = ["North", "South", ""][usize::from(region)];
                groups.push_str(&format!("s{i},{region},b{brand},{target}\n"));
            }
        }
        let mut data = Dataset::new();
        for (name, text) in [("status.csv", status), ("hours.csv", hours), ("zones.csv", zones), ("groups.csv", groups)]
        {
            data.read_bytes(name, text.as_bytes()).expect("recognised");
        }
        Analysis::new(data)
    }
}

fn sum_days(days: &[store_uptime_engine::DayFigures]) -> (TimeSpan, TimeSpan, TimeSpan) {
    days.iter().fold((TimeSpan::ZERO, TimeSpan::ZERO, TimeSpan::ZERO), |(b, u, d), day| {
        (b + day.business, u + day.uptime, d + day.downtime)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_scorecards_invariants(case in case_strategy()) {
        let analysis = case.analysis();
        let horizon = Horizon::of_days(case.days).expect("1-366");
        let settings = ReportSettings { now: Some(instant(case.now)), ..ReportSettings::default() };
        let go = &mut |_| ControlFlow::Continue(());
        let (report, history) = compute_report_and_history_on(&analysis, &settings, horizon, go, &OneThread)
            .expect("a report");
        let target = case.target.and_then(Target::from_thousandths);
        let card = compute_scorecard(&analysis, &report, horizon, target, go, &OneThread).expect("a scorecard");
        prop_assert_eq!(card.stores.len(), report.rows.len());
        // Every polled store is in the report; those without a row in the groups file are counted.
        let without_row = case.stores.iter().filter(|s| s.groups.is_none()).count();
        prop_assert_eq!(card.stores_without_row(), without_row);
        // The one pass gives the same report and scorecard as the two apart.
        let (one_report, one_card) =
            compute_report_and_scorecard_on(&analysis, &settings, horizon, target, go, &OneThread).expect("one pass");
        prop_assert_eq!(&one_report, &report);
        prop_assert_eq!(&one_card, &card);

        // The period before, as the same data with now N days earlier.
        let earlier = ReportSettings { now: Some(instant(case.now - i64::from(case.days) * 1440)), ..settings };
        let (_, before) = compute_report_and_history_on(&analysis, &earlier, horizon, go, &OneThread)
            .expect("a report before");

        for ((store, days), earlier_days) in card.stores.iter().zip(&history.stores).zip(&before.stores) {
            prop_assert_eq!(&store.store_id, &days.store_id);
            // The scorecard equals the per-day table's sums, exactly.
            let (business, up, down) = sum_days(&days.days);
            prop_assert_eq!((store.current.business, store.current.uptime, store.current.downtime), (business, up, down));
            // Budget left = allowed downtime - downtime, and meets = budget >= 0.
            if let (Some(allowed), Some(left)) = (store.allowed_downtime(), store.budget_left()) {
                let expected = allowed.minutes_f64() - store.current.downtime.nanos() as f64 / 6e10;
                prop_assert!((left.minutes_f64() - expected).abs() < 1e-6);
                if store.current.business > TimeSpan::ZERO {
                    prop_assert_eq!(store.meets_target(), Some(!left.is_negative()));
                }
            }
            // Previous figures: those of the report with now N days earlier,
            // when the store has a poll in that period.
            match store.previous {
                Some(previous) => {
                    prop_assert!(store.previous_polls > 0);
                    let (business, up, down) = sum_days(&earlier_days.days);
                    prop_assert_eq!((previous.business, previous.uptime, previous.downtime), (business, up, down));
                }
                None => prop_assert_eq!(store.previous_polls, 0),
            }
        }

        // Every dimension's groups add up to the fleet.
        let pooled = rollup(&card);
        let fleet = pooled.fleet();
        prop_assert_eq!(fleet.stores as usize, card.stores.len());
        for d in 0..card.dimensions.len() {
            let rows: Vec<_> = pooled.of_dimension(d).collect();
            prop_assert_eq!(rows.len(), card.dimensions[d].groups.len());
            prop_assert_eq!(rows.iter().map(|r| r.stores).sum::<u32>(), fleet.stores);
            prop_assert_eq!(rows.iter().map(|r| r.business_nanos).sum::<i128>(), fleet.business_nanos);
            prop_assert_eq!(rows.iter().map(|r| r.uptime_nanos).sum::<i128>(), fleet.uptime_nanos);
            prop_assert_eq!(rows.iter().map(|r| r.downtime_nanos).sum::<i128>(), fleet.downtime_nanos);
        }
        prop_assert_eq!(fleet.uptime_nanos + fleet.downtime_nanos, fleet.business_nanos);
    }
}
