//! The extended report (docs/DESIGN.md, "The extended report"): the whole
//! engine to the CSV text, with expectations computed by hand in the
//! comments, and the freshness counts against a naive count on random
//! polls.

mod common;

use std::collections::BTreeMap;

use common::*;
use proptest::prelude::*;
use store_uptime_engine::{
    Horizon, StaleLimit, StateNow, Units, UtcInstant, Window, extended_csv, freshness, states_now,
};

const NOW: &str = "2023-01-25 12:00:00 UTC";

const HEADER_MINUTES: &str = "store_id,\
    uptime_last_hour_minutes,downtime_last_hour_minutes,uptime_pct_last_hour,\
    uptime_last_day_minutes,downtime_last_day_minutes,uptime_pct_last_day,\
    uptime_last_week_minutes,downtime_last_week_minutes,uptime_pct_last_week,\
    polls_last_hour,polls_last_day,polls_last_week,latest_poll_utc,stale,hours_source,timezone_source,\
    state_now,down_since\n";

/// Now is Wednesday 2023-01-25 12:00 UTC; the windows are [11:00, 12:00),
/// [Tue 24th 12:00, now) and [Wed 18th 12:00, now).
fn small_set() -> Outcome {
    run(
        &[
            (
                "status.csv",
                &status(
                    "1,active,2023-01-25 11:00:00 UTC\n\
                     1,inactive,2023-01-25 11:30:00 UTC\n\
                     2,active,2023-01-25 09:00:00 UTC\n\
                     2,inactive,2023-01-25 12:30:00 UTC\n\
                     =3,inactive,2023-01-20 00:00:00 UTC\n\
                     4,active,2023-01-26 00:00:00 UTC\n\
                     5,active,2023-01-18 12:00:00 UTC\n\
                     5,inactive,2023-01-25 12:00:00 UTC\n\
                     5,active,2023-01-24 12:00:00.25 UTC\n",
                ),
            ),
            ("hours.csv", &hours("2,2,05:00,07:00\n=3,5,09:00,17:00\n")),
            ("zones.csv", &zones("1,America/New_York\n2,Mars/Base\n5,UTC\n")),
        ],
        Some(NOW),
        None,
    )
}

#[test]
fn the_extended_report_of_a_small_file_set() {
    let out = small_set();
    let fresh = freshness(&out.analysis, &out.report);
    // Store 1: 24x7 (its zone does not matter), up until 11:30, down since:
    // hour 30/30 (50 %), day 1410/30 (97.916… %), week 10050/30
    // (99.702… %). Both polls are in every window; the latest is 30
    // minutes old.
    // Store 2: Wednesdays 05:00-07:00 in Chicago, the default (its zone
    // name is unknown) = 11:00-13:00 UTC; active since 09:00, its
    // inactive poll at 12:30 is after now. Hour and day: 11:00-12:00 up;
    // the week adds Wed 18th 12:00-13:00. One poll, 3 hours old: stale.
    // Store 4: its only poll is after now, so its status holds throughout,
    // but it has no poll at or before now: nothing counted, stale.
    // Store 5: polls at the week's start (in the week), just after the
    // day's start, and at now (in no window, but the latest poll).
    // Store =3 (written '=3, and last: ids that are not all integers sort
    // as text): Saturdays 09:00-17:00 in Chicago = 15:00-23:00 UTC, so no
    // business time in the hour or the day (no percentage), 480 minutes
    // in the week, down; its one poll, on the 20th, is in the week only.
    // At now: store 1 is down since 11:30; 2 is open and active (its
    // inactive poll is after now); 4 (24x7, its one poll active) and 5
    // (active before its inactive poll at now) are up; =3 is closed on
    // Wednesdays, down though its status is.
    assert_eq!(
        extended_csv(&out.report, &fresh, &states(&out), Units::Minutes, StaleLimit::DEFAULT),
        format!(
            "{HEADER_MINUTES}\
             1,30,30,50,1410,30,97.92,10050,30,99.7,2,2,2,2023-01-25T11:30:00Z,false,24x7,file,down,2023-01-25T11:30:00Z\n\
             2,60,0,100,60,0,100,120,0,100,0,1,1,2023-01-25T09:00:00Z,true,file,unknown-name-default,up,\n\
             4,60,0,100,1440,0,100,10080,0,100,0,0,0,,true,24x7,default,up,\n\
             5,60,0,100,1440,0,100,10080,0,100,0,1,2,2023-01-25T12:00:00Z,false,24x7,file,up,\n\
             '=3,0,0,,0,0,,0,480,0,0,0,1,2023-01-20T00:00:00Z,true,file,default,closed,\n"
        )
    );
}

#[test]
fn hours_units_and_another_stale_limit() {
    let out = small_set();
    let fresh = freshness(&out.analysis, &out.report);
    let limit: StaleLimit = "4h".parse().expect("a limit");
    let csv = extended_csv(&out.report, &fresh, &states(&out), Units::Hours, limit);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "store_id,\
             uptime_last_hour_minutes,downtime_last_hour_minutes,uptime_pct_last_hour,\
             uptime_last_day_hours,downtime_last_day_hours,uptime_pct_last_day,\
             uptime_last_week_hours,downtime_last_week_hours,uptime_pct_last_week,\
             polls_last_hour,polls_last_day,polls_last_week,latest_poll_utc,stale,hours_source,timezone_source,\
             state_now,down_since"
        )
    );
    // 1410 minutes = 23.5 hours; 10050 = 167.5. The percentages are the same.
    assert_eq!(
        lines.next(),
        Some(
            "1,30,30,50,23.5,0.5,97.92,167.5,0.5,99.7,2,2,2,2023-01-25T11:30:00Z,false,24x7,file,down,2023-01-25T11:30:00Z"
        )
    );
    // Store 2's poll is 3 hours old: fresh within 4 hours.
    assert_eq!(
        lines.next(),
        Some("2,60,0,100,1,0,100,2,0,100,0,1,1,2023-01-25T09:00:00Z,false,file,unknown-name-default,up,")
    );
    // Store 4 has no poll at or before now: stale whatever the limit.
    assert_eq!(lines.next(), Some("4,60,0,100,24,0,100,168,0,100,0,0,0,,true,24x7,default,up,"));
    assert_eq!(lines.next(), Some("5,60,0,100,24,0,100,168,0,100,0,1,2,2023-01-25T12:00:00Z,false,24x7,file,up,"));
    assert_eq!(lines.next(), Some("'=3,0,0,,0,0,,0,8,0,0,0,1,2023-01-20T00:00:00Z,true,file,default,closed,"));
    assert_eq!(lines.next(), None);
}

#[test]
fn a_report_with_no_rows_is_a_header() {
    let out = run(&[("status.csv", STATUS_HEADER)], Some(NOW), None);
    let fresh = freshness(&out.analysis, &out.report);
    assert_eq!(extended_csv(&out.report, &fresh, &states(&out), Units::Minutes, StaleLimit::DEFAULT), HEADER_MINUTES);
}

/// Each store's state at now, from the report's outages over `horizon`.
fn states_over(out: &Outcome, horizon: Horizon) -> Vec<StateNow> {
    use std::ops::ControlFlow;
    let history =
        store_uptime_engine::compute_history(&out.analysis, &out.report, horizon, &mut |_| ControlFlow::Continue(()))
            .expect("a history");
    states_now(&out.analysis, &history)
}

fn states(out: &Outcome) -> Vec<StateNow> {
    states_over(out, Horizon::WEEK)
}

#[test]
fn down_since_the_start_of_the_ongoing_outage_within_the_horizon() {
    // UTC. Store 6 is open from Tuesday 09:00 for 24 hours, then Wednesday
    // 09:00-17:00: one stretch of business time. Down since Tuesday 15:00,
    // an outage that began yesterday and goes on at now (Wed 12:00).
    // Store 7 is open Wednesdays 09:00-17:00 and closed the night before:
    // down since Tuesday 15:00 too, but its ongoing outage began at
    // Wednesday's opening. Store 8 has been down since the 10th, before a
    // 7-day horizon: since the horizon's start, as the outage list has it;
    // with 30 days, since the 10th.
    let out = run(
        &[
            (
                "status.csv",
                &status(
                    "6,inactive,2023-01-24 15:00:00 UTC
6,active,2023-01-24 09:00:00 UTC
                     7,active,2023-01-24 09:00:00 UTC
7,inactive,2023-01-24 15:00:00 UTC
                     8,active,2023-01-01 00:00:00 UTC
8,inactive,2023-01-10 06:00:00.5 UTC
",
                ),
            ),
            (
                "hours.csv",
                &hours(
                    "6,1,09:00,09:00
6,2,09:00,17:00
7,1,09:00,17:00
7,2,09:00,17:00
",
                ),
            ),
            (
                "zones.csv",
                &zones(
                    "6,UTC
7,UTC
8,UTC
",
                ),
            ),
        ],
        Some(NOW),
        None,
    );
    let shown = |states: Vec<StateNow>| -> Vec<String> {
        states
            .iter()
            .map(|state| match state {
                StateNow::Down { since } => format!("down {since}"),
                other => other.name().to_string(),
            })
            .collect()
    };
    assert_eq!(
        shown(states(&out)),
        ["down 2023-01-24 15:00:00 UTC", "down 2023-01-25 09:00:00 UTC", "down 2023-01-18 12:00:00 UTC"]
    );
    assert_eq!(shown(states_over(&out, Horizon::of_days(30).expect("30 days")))[2], "down 2023-01-10 06:00:00.5 UTC");
}

const MINUTE_NANOS: i64 = 60_000_000_000;

/// A poll's time relative to now, in seconds: anywhere from 8 days before
/// to a day after, often exactly at a window's start or at now, or a
/// second either side.
fn offset() -> impl Strategy<Value = i64> {
    let bound = prop_oneof![Just(0i64), Just(-3600), Just(-86_400), Just(-604_800)];
    prop_oneof![
        3 => -8 * 86_400i64..86_400,
        1 => (bound, -1i64..=1).prop_map(|(b, d)| b + d),
    ]
}

proptest! {
    #[test]
    fn poll_counts_agree_with_a_naive_count(
        now_minutes in 27_000_000i64..28_000_000,
        stores in prop::collection::vec(prop::collection::vec(offset(), 1..12), 1..6),
    ) {
        let now = UtcInstant::from_unix_nanos(now_minutes * MINUTE_NANOS);
        let mut text = String::from(STATUS_HEADER);
        for (i, polls) in stores.iter().enumerate() {
            for seconds in polls {
                let at = UtcInstant::from_unix_nanos(now.unix_nanos() + seconds * 1_000_000_000);
                text.push_str(&format!("s{i},active,{at}\n"));
            }
        }
        let out = run(&[("status.csv", &text)], Some(&now.to_string()), None);
        let fresh = freshness(&out.analysis, &out.report);
        prop_assert_eq!(fresh.len(), out.report.rows.len());
        let by_id: BTreeMap<String, &Vec<i64>> =
            stores.iter().enumerate().map(|(i, polls)| (format!("s{i}"), polls)).collect();
        for (row, fresh) in out.report.rows.iter().zip(&fresh) {
            let polls = by_id[&row.store_id];
            let latest = polls.iter().copied().filter(|&s| s <= 0).max();
            prop_assert_eq!(
                fresh.latest_poll,
                latest.map(|s| UtcInstant::from_unix_nanos(now.unix_nanos() + s * 1_000_000_000))
            );
            for window in Window::ALL {
                let length = window.length().nanos() / 1_000_000_000;
                let naive = polls.iter().filter(|&&s| -length <= s && s < 0).count() as u64;
                prop_assert_eq!(fresh.polls_in(window), naive, "{} {:?}", row.store_id, window);
            }
            let limit = StaleLimit::DEFAULT;
            let stale = latest.is_none_or(|s| -s > 2 * 3600);
            prop_assert_eq!(fresh.is_stale(now, limit), stale);
        }
    }
}

#[test]
fn the_days_polls_add_up_to_the_weeks() {
    use std::ops::ControlFlow;
    use store_uptime_engine::{Horizon, compute_history};
    let out = small_set();
    let fresh = freshness(&out.analysis, &out.report);
    let history = compute_history(&out.analysis, &out.report, Horizon::WEEK, &mut |_| ControlFlow::Continue(()))
        .expect("a history");
    assert_eq!(history.stores.len(), fresh.len());
    for (store, fresh) in history.stores.iter().zip(&fresh) {
        let days: u64 = store.days.iter().map(|d| u64::from(d.polls)).sum();
        assert_eq!(days, fresh.polls_in(Window::LastWeek), "store {}", store.store_id);
    }
}
