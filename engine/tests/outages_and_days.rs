//! The contract's "Outages and days" (SPEC.md), through the whole engine to
//! the CSV text, with expectations computed by hand in the comments.

mod common;

use std::ops::ControlFlow;

use common::*;
use store_uptime_engine::{Horizon, compute_history};
use store_uptime_engine::{days_csv, outages_csv};

const OUTAGE_HEADER: &str = "store_id,start_utc,end_utc,start_local,end_local,minutes,ongoing,before_first_poll\n";
const DAY_HEADER: &str = "store_id,date,business_minutes,uptime,downtime,polls\n";

/// The outage list and the per-day table of `files`, with `now` and a
/// horizon of `days` days.
fn outages_and_days(files: &[(&str, &str)], now: &str, days: u32) -> (String, String) {
    let out = run(files, Some(now), None);
    let horizon = Horizon::of_days(days).expect("1-366");
    let history =
        compute_history(&out.analysis, &out.report, horizon, &mut |_| ControlFlow::Continue(())).expect("a history");
    (outages_csv(&history), days_csv(&history))
}

#[test]
fn closing_time_cuts_an_outage_in_two() {
    // UTC; open on Wednesdays (day 2) 09:00-10:00 and 10:30-12:00. Now is
    // Wednesday 2023-01-25 12:00; one day: [Tue 24th 12:00, Wed 25th 12:00).
    // Up at 08:00, down at 09:15, up at 11:00: down 09:15-10:00 (45 min),
    // closed 10:00-10:30, down 10:30-11:00 (30 min). Up 09:00-09:15 and
    // 11:00-12:00 (75 min). Tuesday is closed: a row of zeros.
    let (outages, days) = outages_and_days(
        &[
            (
                "status.csv",
                &status(
                    "1,active,2023-01-25 08:00:00 UTC\n\
                     1,inactive,2023-01-25 09:15:00 UTC\n\
                     1,active,2023-01-25 11:00:00 UTC\n",
                ),
            ),
            ("hours.csv", &hours("1,2,09:00,10:00\n1,2,10:30,12:00\n")),
            ("zones.csv", &zones("1,UTC\n")),
        ],
        "2023-01-25 12:00:00 UTC",
        1,
    );
    assert_eq!(
        outages,
        format!(
            "{OUTAGE_HEADER}\
             1,2023-01-25T09:15:00Z,2023-01-25T10:00:00Z,2023-01-25T09:15:00+00:00,2023-01-25T10:00:00+00:00,45,false,false\n\
             1,2023-01-25T10:30:00Z,2023-01-25T11:00:00Z,2023-01-25T10:30:00+00:00,2023-01-25T11:00:00+00:00,30,false,false\n"
        )
    );
    assert_eq!(days, format!("{DAY_HEADER}1,2023-01-24,0,0,0,0\n1,2023-01-25,150,75,75,3\n"));
}

#[test]
fn overnight_hours_and_local_days() {
    // Chicago (the default zone, UTC-6 in January); open Tuesdays 22:00 to
    // 02:00 the next morning, that is 2023-01-25 04:00-08:00 UTC. Now is
    // 2023-01-25 12:00 UTC; two days: local [Mon 23rd 06:00, Wed 25th 06:00).
    // Polls: active 03:00 UTC (Tue 21:00), inactive 05:00 (Tue 23:00),
    // active 07:30 (Wed 01:30). One outage, Tue 23:00 to Wed 01:30: 150 min.
    // Days: the 23rd is closed; the 24th has 22:00-24:00 (up 60, down 60,
    // two polls); the 25th has 00:00-02:00 (down 90, up 30, one poll).
    let (outages, days) = outages_and_days(
        &[
            (
                "status.csv",
                &status(
                    "7,active,2023-01-25 03:00:00 UTC\n\
                     7,inactive,2023-01-25 05:00:00 UTC\n\
                     7,active,2023-01-25 07:30:00 UTC\n",
                ),
            ),
            ("hours.csv", &hours("7,1,22:00:00,02:00:00\n")),
        ],
        "2023-01-25 12:00:00 UTC",
        2,
    );
    assert_eq!(
        outages,
        format!(
            "{OUTAGE_HEADER}\
             7,2023-01-25T05:00:00Z,2023-01-25T07:30:00Z,2023-01-24T23:00:00-06:00,2023-01-25T01:30:00-06:00,150,false,false\n"
        )
    );
    assert_eq!(days, format!("{DAY_HEADER}7,2023-01-23,0,0,0,0\n7,2023-01-24,120,60,60,2\n7,2023-01-25,120,30,90,1\n"));
}

#[test]
fn daylight_saving_days_of_23_and_25_hours() {
    // Chicago, open 24x7, one active poll. Spring: now 2023-03-13 12:00 UTC
    // (07:00 CDT); two days from 2023-03-11 12:00 UTC (06:00 CST): the 11th
    // from 06:00 is 18 h, the 12th is 23 h, the 13th to 07:00 is 7 h.
    let polls = status("1,active,2023-03-12 12:00:00 UTC\n");
    let (outages, days) = outages_and_days(&[("status.csv", &polls)], "2023-03-13 12:00:00 UTC", 2);
    assert_eq!(outages, OUTAGE_HEADER);
    assert_eq!(
        days,
        format!("{DAY_HEADER}1,2023-03-11,1080,1080,0,0\n1,2023-03-12,1380,1380,0,1\n1,2023-03-13,420,420,0,0\n")
    );
    // Fall: now 2023-11-06 12:00 UTC (06:00 CST); two days from 2023-11-04
    // 12:00 UTC (07:00 CDT): 17 h, then the 5th of 25 h, then 6 h. Down all
    // along: one ongoing outage, begun before the first poll.
    let polls = status("1,inactive,2023-11-05 12:00:00 UTC\n");
    let (outages, days) = outages_and_days(&[("status.csv", &polls)], "2023-11-06 12:00:00 UTC", 2);
    assert_eq!(
        outages,
        format!(
            "{OUTAGE_HEADER}\
             1,2023-11-04T12:00:00Z,2023-11-06T12:00:00Z,2023-11-04T07:00:00-05:00,2023-11-06T06:00:00-06:00,2880,true,true\n"
        )
    );
    assert_eq!(
        days,
        format!("{DAY_HEADER}1,2023-11-04,1020,0,1020,0\n1,2023-11-05,1500,0,1500,1\n1,2023-11-06,360,0,360,0\n")
    );
}

#[test]
fn a_day_whose_midnight_is_skipped_begins_at_the_change() {
    // Havana, 2023-03-12: midnight CST (-5) jumps to 01:00 CDT (-4), at
    // 05:00 UTC. Open 24x7; now 2023-03-13 12:00 UTC; two days from
    // 2023-03-11 12:00 UTC (07:00 CST). The 11th runs to the change (17 h),
    // the 12th from the change to 04:00 UTC on the 13th (23 h), the 13th
    // from there to now (8 h).
    let (_, days) = outages_and_days(
        &[("status.csv", &status("1,active,2023-03-10 00:00:00 UTC\n")), ("zones.csv", &zones("1,America/Havana\n"))],
        "2023-03-13 12:00:00 UTC",
        2,
    );
    assert_eq!(
        days,
        format!("{DAY_HEADER}1,2023-03-11,1020,1020,0,0\n1,2023-03-12,1380,1380,0,0\n1,2023-03-13,480,480,0,0\n")
    );
}

#[test]
fn touching_business_periods_make_one_outage_even_across_a_skipped_midnight() {
    // Beirut, 2023-03-26: midnight EET (+2) jumps to 01:00 EEST (+3), at
    // 22:00 UTC on the 25th. Open Saturday (day 5) 23:00-23:59:59 and
    // Sunday 00:00-02:00: Saturday 21:00-22:00 UTC and Sunday's midnight,
    // skipped, read as 22:00 UTC, to 02:00 EEST, 23:00 UTC. The periods
    // touch: one stretch, one outage of 120 minutes, before the first poll
    // (inactive at 12:00 UTC on the 26th). Now 2023-03-27 00:00 UTC (03:00
    // EEST); two days from 2023-03-25 00:00 UTC (02:00 EET): the 25th to the
    // change (22 h), the 26th from the change to 21:00 UTC (23 h), the 27th
    // to now (3 h).
    let (outages, days) = outages_and_days(
        &[
            ("status.csv", &status("1,inactive,2023-03-26 12:00:00 UTC\n1,active,2023-03-26 20:00:00 UTC\n")),
            ("hours.csv", &hours("1,5,23:00,23:59:59\n1,6,00:00,02:00\n")),
            ("zones.csv", &zones("1,Asia/Beirut\n")),
        ],
        "2023-03-27 00:00:00 UTC",
        2,
    );
    assert_eq!(
        outages,
        format!(
            "{OUTAGE_HEADER}\
             1,2023-03-25T21:00:00Z,2023-03-25T23:00:00Z,2023-03-25T23:00:00+02:00,2023-03-26T02:00:00+03:00,120,false,true\n"
        )
    );
    assert_eq!(days, format!("{DAY_HEADER}1,2023-03-25,60,0,60,0\n1,2023-03-26,60,0,60,2\n1,2023-03-27,0,0,0,0\n"));
}

#[test]
fn ongoing_outages_duplicates_and_fractions() {
    // UTC, open 24x7; now 2023-01-25 12:00; one day.
    // Store 1: two polls at 11:00:00.25, inactive then active (file order):
    // before them the first one's status (inactive), from them on the last
    // one's (active). Down from the horizon's start to 11:00:00.25, before
    // the first poll: 1380.0041666 minutes, written 1380.
    // Store 2: up, then down from 11:59:30.5 to now: ongoing, 0.49 minutes
    // (29.5 seconds = 0.491666).
    let (outages, days) = outages_and_days(
        &[
            (
                "status.csv",
                &status(
                    "1,inactive,2023-01-25 11:00:00.25 UTC\n\
                     1,active,2023-01-25 11:00:00.25 UTC\n\
                     2,active,2023-01-25 08:00:00 UTC\n\
                     2,inactive,2023-01-25 11:59:30.5 UTC\n",
                ),
            ),
            ("zones.csv", &zones("1,UTC\n2,UTC\n")),
        ],
        "2023-01-25 12:00:00 UTC",
        1,
    );
    assert_eq!(
        outages,
        format!(
            "{OUTAGE_HEADER}\
             1,2023-01-24T12:00:00Z,2023-01-25T11:00:00.25Z,2023-01-24T12:00:00+00:00,2023-01-25T11:00:00.25+00:00,1380,false,true\n\
             2,2023-01-25T11:59:30.5Z,2023-01-25T12:00:00Z,2023-01-25T11:59:30.5+00:00,2023-01-25T12:00:00+00:00,0.49,true,false\n"
        )
    );
    // Store 1 on the 25th: down 00:00 to 11:00:00.25 (660.0041666, written
    // 660), up the rest (59.99583, written 60).
    assert_eq!(
        days,
        format!(
            "{DAY_HEADER}1,2023-01-24,720,0,720,0\n1,2023-01-25,720,60,660,2\n\
             2,2023-01-24,720,720,0,0\n2,2023-01-25,720,719.51,0.49,2\n"
        )
    );
}

#[test]
fn a_week_of_days_adds_up_to_the_reports_week() {
    // The real-shaped sample: with N = 7, each store's days add up to its
    // week figures exactly (in nanoseconds, before rounding), and its
    // outages to its week downtime.
    let mut status = Vec::new();
    let mut hours = Vec::new();
    let mut zones = Vec::new();
    let spec = store_uptime_engine::SampleSpec::like_real(300, 11);
    store_uptime_engine::write_sample(&spec, &mut status, &mut hours, &mut zones).expect("in memory");
    let out = run_bytes(&[("status.csv", &status), ("hours.csv", &hours), ("zones.csv", &zones)], None, None);
    let history = compute_history(&out.analysis, &out.report, Horizon::WEEK, &mut |_| ControlFlow::Continue(()))
        .expect("a history");
    assert_eq!(history.stores.len(), out.report.rows.len());
    let mut outages = 0;
    for (row, store) in out.report.rows.iter().zip(&history.stores) {
        let week = row.window(store_uptime_engine::Window::LastWeek);
        let up = store.days.iter().fold(store_uptime_engine::TimeSpan::ZERO, |a, d| a + d.uptime);
        let down = store.days.iter().fold(store_uptime_engine::TimeSpan::ZERO, |a, d| a + d.downtime);
        assert_eq!((up, down), (week.uptime, week.downtime), "store {}", row.store_id);
        // Every outage, assumed ones too (before the first poll), adds up to the downtime.
        let all = store.outages.iter().fold(store_uptime_engine::TimeSpan::ZERO, |a, o| a + o.length());
        assert_eq!(all, week.downtime, "store {}", row.store_id);
        outages += store.outages.len();
    }
    assert!(outages > 100, "the sample has outages to check: {outages}");
}
