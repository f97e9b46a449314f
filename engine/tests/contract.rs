//! Every rule of the calculation contract (SPEC.md), through the whole
//! engine, with expectations computed by hand in the comments.
//!
//! Unless a test says otherwise, now is Wednesday 2023-01-25 12:00 UTC, so
//! the windows are: hour [Wed 11:00, 12:00), day [Tue 24th 12:00, Wed 12:00),
//! week [Wed 18th 12:00, Wed 25th 12:00). Weekdays: 18 Wed, 19 Thu, 20 Fri,
//! 21 Sat, 22 Sun, 23 Mon, 24 Tue, 25 Wed.

mod common;

use common::*;
use store_uptime_engine::{ReportSettings, Units, compute_report};

const NOW: &str = "2023-01-25 12:00:00 UTC";
const ALL_UP: [f64; 6] = [60.0, 0.0, 1440.0, 0.0, 10080.0, 0.0];
const ALL_DOWN: [f64; 6] = [0.0, 60.0, 0.0, 1440.0, 0.0, 10080.0];

#[test]
fn a_store_without_hours_rows_is_open_all_week() {
    let out = run(&[("status.csv", &status("1,active,2023-01-25 11:30:00 UTC\n"))], Some(NOW), None);
    assert_eq!(out.minutes("1"), ALL_UP);
}

#[test]
fn now_is_the_latest_poll_by_default() {
    let polls = status(
        "1,active,2023-01-25 10:00:00 UTC\n\
         1,inactive,2023-01-25 11:45:00 UTC\n\
         2,active,2023-01-25 12:00:00 UTC\n",
    );
    let out = run(&[("status.csv", &polls)], None, None);
    assert_eq!(out.report.now, at(NOW));
    assert!(out.report.now_is_latest_poll);
    // Store 1: up until 11:45 (and before its first poll, which was active), then down.
    assert_eq!(out.minutes("1"), [45.0, 15.0, 1425.0, 15.0, 10065.0, 15.0]);
    // Store 2's only poll is at now, the end of the windows: before it, its status.
    assert_eq!(out.minutes("2"), ALL_UP);
}

#[test]
fn an_explicit_now_moves_the_windows() {
    let polls = status(
        "1,active,2023-01-25 10:00:00 UTC\n\
         1,inactive,2023-01-25 11:45:00 UTC\n\
         2,active,2023-01-25 12:00:00 UTC\n",
    );
    let out = run(&[("status.csv", &polls)], Some("2023-01-25 11:50:00 UTC"), None);
    assert!(!out.report.now_is_latest_poll);
    // Hour [10:50, 11:50): up 55, down 5.
    assert_eq!(out.minutes("1"), [55.0, 5.0, 1435.0, 5.0, 10075.0, 5.0]);
    // Store 2's only poll is after now: the status before the first poll is its status.
    assert_eq!(out.minutes("2"), ALL_UP);
}

#[test]
fn business_hours_are_read_in_the_stores_timezone() {
    // Wednesdays 06:00-07:30 in New York (UTC-5) are 11:00-12:30 UTC.
    // Hour: 11:00-12:00 = 60. Day: only Wed 25th, 60. Week: Wed 18th
    // 12:00-12:30 (the window starts at 12:00) = 30, plus 60 = 90.
    let out = run(
        &[
            ("status.csv", &status("7,active,2023-01-20 00:00:00 UTC\n")),
            ("hours.csv", &hours("7,2,06:00:00,07:30:00\n")),
            ("zones.csv", &zones("7,America/New_York\n")),
        ],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("7"), [60.0, 0.0, 60.0, 0.0, 90.0, 0.0]);
}

#[test]
fn a_store_without_a_timezone_row_uses_the_default_timezone() {
    // Chicago (UTC-6): Wednesdays 06:00-07:30 are 12:00-13:30 UTC, after now
    // on the 25th; on the 18th all 90 minutes are inside the week.
    let files =
        [("status.csv", status("8,active,2023-01-20 00:00:00 UTC\n")), ("hours.csv", hours("8,2,06:00:00,07:30:00\n"))];
    let files: Vec<(&str, &str)> = files.iter().map(|(n, c)| (*n, c.as_str())).collect();
    assert_eq!(run(&files, Some(NOW), None).minutes("8"), [0.0, 0.0, 0.0, 0.0, 90.0, 0.0]);
    // The user may choose another default: New York gives the first test's figures.
    assert_eq!(run(&files, Some(NOW), Some("America/New_York")).minutes("8"), [60.0, 0.0, 60.0, 0.0, 90.0, 0.0]);
}

#[test]
fn an_unknown_timezone_is_rejected_and_its_store_uses_the_default() {
    let out = run(
        &[
            ("status.csv", &status("9,active,2023-01-20 00:00:00 UTC\n")),
            ("hours.csv", &hours("9,2,06:00:00,07:30:00\n")),
            ("zones.csv", &zones("9,Mars/Olympus_Mons\n")),
        ],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("9"), [0.0, 0.0, 0.0, 0.0, 90.0, 0.0]);
    assert_eq!(out.rejections.len(), 1);
    let (file, line, reason) = &out.rejections[0];
    assert_eq!((file.as_str(), *line), ("zones.csv", 2));
    assert!(reason.contains("\"Mars/Olympus_Mons\" is not an IANA timezone name"), "{reason}");
}

#[test]
fn a_store_with_rows_is_closed_on_days_without_rows() {
    // Only Mondays, all day, in UTC: the week holds Monday the 23rd only.
    let out = run(
        &[
            ("status.csv", &status("10,active,2023-01-20 00:00:00 UTC\n")),
            ("hours.csv", &hours("10,0,00:00:00,23:59:59\n")),
            ("zones.csv", &zones("10,UTC\n")),
        ],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("10"), [0.0, 0.0, 0.0, 0.0, 1440.0, 0.0]);
}

#[test]
fn end_23_59_59_means_the_end_of_the_day_but_23_59_00_is_literal() {
    // Tuesdays in UTC. Day window from Tue 12:00: 12:00-24:00 = 720 minutes
    // for store 11, 12:00-23:59 = 719 for store 12.
    let out = run(
        &[
            ("status.csv", &status("11,active,2023-01-20 00:00:00 UTC\n12,active,2023-01-20 00:00:00 UTC\n")),
            ("hours.csv", &hours("11,1,00:00:00,23:59:59\n12,1,00:00:00,23:59:00\n")),
            ("zones.csv", &zones("11,UTC\n12,UTC\n")),
        ],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("11"), [0.0, 0.0, 720.0, 0.0, 1440.0, 0.0]);
    assert_eq!(out.minutes("12"), [0.0, 0.0, 719.0, 0.0, 1439.0, 0.0]);
}

#[test]
fn an_end_before_the_start_runs_past_midnight() {
    // Tuesday 22:00 to Wednesday 02:00 UTC: 240 minutes in the day and week.
    // (Tuesday the 17th's period ends before the week starts.)
    let out = run(
        &[
            ("status.csv", &status("13,active,2023-01-20 00:00:00 UTC\n")),
            ("hours.csv", &hours("13,1,22:00:00,02:00:00\n")),
            ("zones.csv", &zones("13,UTC\n")),
        ],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("13"), [0.0, 0.0, 240.0, 0.0, 240.0, 0.0]);
}

#[test]
fn an_end_equal_to_the_start_is_open_24_hours() {
    // Wednesday 11:30 for 24 hours. On the 25th: 11:30-12:00 (now) = 30.
    // On the 18th: 11:30 to Thursday 11:30, inside the week from 12:00: 1410.
    let out = run(
        &[
            ("status.csv", &status("14,active,2023-01-20 00:00:00 UTC\n")),
            ("hours.csv", &hours("14,2,11:30:00,11:30:00\n")),
            ("zones.csv", &zones("14,UTC\n")),
        ],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("14"), [30.0, 0.0, 30.0, 0.0, 1440.0, 0.0]);
}

#[test]
fn overlapping_split_shifts_count_once() {
    // Wednesday 08:00-11:15, 11:00-11:40 and 11:30-11:45 make 08:00-11:45.
    let out = run(
        &[
            ("status.csv", &status("15,active,2023-01-20 00:00:00 UTC\n")),
            ("hours.csv", &hours("15,2,08:00,11:15\n15,2,11:00,11:40\n15,2,11:30:00,11:45:00\n")),
            ("zones.csv", &zones("15,UTC\n")),
        ],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("15"), [45.0, 0.0, 225.0, 0.0, 225.0, 0.0]);
}

#[test]
fn duplicate_polls_apply_in_file_order() {
    // Two polls at 11:30 with different statuses: the later row wins from
    // 11:30 on; before the first poll, the first row of the earliest time rules.
    let out = run(
        &[(
            "status.csv",
            &status(
                "16,active,2023-01-25 11:30:00 UTC\n\
                 16,inactive,2023-01-25 11:30:00 UTC\n\
                 17,inactive,2023-01-25 11:30:00 UTC\n\
                 17,active,2023-01-25T11:30:00Z\n",
            ),
        )],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("16"), [30.0, 30.0, 1410.0, 30.0, 10050.0, 30.0]);
    assert_eq!(out.minutes("17"), [30.0, 30.0, 30.0, 1410.0, 30.0, 10050.0]);
}

#[test]
fn before_the_first_poll_the_status_is_the_first_polls() {
    // Inactive from before the week until Wed 00:00, then active.
    // Day: [Tue 12:00, Wed 00:00) down 720, then up 720.
    // Week: [Wed 18th 12:00, Wed 25th 00:00) down = 6.5 days = 9360.
    let out = run(
        &[("status.csv", &status("18,active,2023-01-25 00:00:00 UTC\n18,inactive,2023-01-24 00:00:00 UTC\n"))],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("18"), [60.0, 0.0, 720.0, 720.0, 720.0, 9360.0]);
}

#[test]
fn polls_only_long_before_the_window_carry_their_last_status() {
    let out = run(
        &[(
            "status.csv",
            &status(
                "19,active,2022-12-01 00:00:00 UTC\n\
                 20,active,2022-12-01 00:00:00 UTC\n\
                 20,inactive,2022-12-02 00:00:00 UTC\n",
            ),
        )],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("19"), ALL_UP);
    assert_eq!(out.minutes("20"), ALL_DOWN);
}

#[test]
fn status_changes_inside_business_hours() {
    // Wednesday 11:00-11:40 and 11:50-12:30 UTC. Polls: Wed 18th 13:00
    // inactive (the first), 25th 11:10 active, 11:20 inactive, 11:55 active.
    // Hour: 11:00-11:10 down, 11:10-11:20 up, 11:20-11:40 down,
    // 11:50-11:55 down, 11:55-12:00 up: up 15, down 35. Day: the same.
    // Week adds the 18th 12:00-12:30, down (before the first poll): 30.
    let out = run(
        &[
            (
                "status.csv",
                &status(
                    "50,inactive,2023-01-18 13:00:00 UTC\n\
                     50,active,2023-01-25 11:10:00 UTC\n\
                     50,inactive,2023-01-25 11:20:00 UTC\n\
                     50,active,2023-01-25 11:55:00 UTC\n",
                ),
            ),
            ("hours.csv", &hours("50,2,11:00,11:40\n50,2,11:50,12:30\n")),
            ("zones.csv", &zones("50,UTC\n")),
        ],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("50"), [15.0, 35.0, 15.0, 35.0, 15.0, 65.0]);
}

#[test]
fn only_stores_with_polls_get_a_row() {
    let out = run(
        &[
            ("status.csv", &status("1,active,2023-01-25 11:00:00 UTC\n")),
            ("hours.csv", &hours("21,0,09:00,17:00\n")),
            ("zones.csv", &zones("22,UTC\n1,UTC\n")),
        ],
        Some(NOW),
        None,
    );
    assert_eq!(out.store_ids(), vec!["1"]);
}

#[test]
fn rows_sort_numerically_when_every_id_is_an_integer() {
    let numeric = run(
        &[(
            "status.csv",
            &status("10,active,2023-01-25 11:00:00\n9,active,2023-01-25 11:00:00\n100,active,2023-01-25 11:00:00\n"),
        )],
        Some(NOW),
        None,
    );
    assert_eq!(numeric.store_ids(), vec!["9", "10", "100"]);
    let text = run(
        &[(
            "status.csv",
            &status(
                "10,active,2023-01-25 11:00:00\n9,active,2023-01-25 11:00:00\n\
                 100,active,2023-01-25 11:00:00\nabc,active,2023-01-25 11:00:00\n",
            ),
        )],
        Some(NOW),
        None,
    );
    assert_eq!(text.store_ids(), vec!["10", "100", "9", "abc"]);
}

#[test]
fn nineteen_digit_ids_keep_every_digit_and_sort_as_numbers() {
    let out = run(
        &[(
            "status.csv",
            &status(
                "9223372036854775807,active,2023-01-25 11:00:00\n\
                 18446744073709551617,active,2023-01-25 11:00:00\n\
                 8419537941919820732,active,2023-01-25 11:00:00\n\
                 54515546588432327,active,2023-01-25 11:00:00\n",
            ),
        )],
        Some(NOW),
        None,
    );
    assert_eq!(
        out.store_ids(),
        vec!["54515546588432327", "8419537941919820732", "9223372036854775807", "18446744073709551617"]
    );
}

#[test]
fn units_minutes_and_the_original_assignments_hours() {
    let out = run(
        &[("status.csv", &status("1,active,2023-01-25 11:00:00 UTC\n2,inactive,2023-01-25 11:30:00 UTC\n"))],
        Some("2023-01-25 11:45:30 UTC"),
        None,
    );
    let header = "store_id,uptime_last_hour,downtime_last_hour,uptime_last_day,downtime_last_day,uptime_last_week,downtime_last_week\n";
    assert_eq!(out.csv(Units::Minutes), format!("{header}1,60,0,1440,0,10080,0\n2,0,60,0,1440,0,10080\n"));
    assert_eq!(out.csv(Units::Hours), format!("{header}1,60,0,24,0,168,0\n2,0,60,0,24,0,168\n"));
}

#[test]
fn figures_are_rounded_to_two_decimals() {
    // Up from 11:00:00 to 11:20:20.5 (20.341666… min), then down.
    let out = run(
        &[("status.csv", &status("1,active,2023-01-25 11:00:00 UTC\n1,inactive,2023-01-25 11:20:20.5 UTC\n"))],
        Some(NOW),
        None,
    );
    let line = out.csv(Units::Minutes).lines().nth(1).expect("a row").to_string();
    // Hour: up 20.34, down 39.66; day up 1400.34 (1380 before 11:00), down 39.66.
    assert_eq!(line, "1,20.34,39.66,1400.34,39.66,10040.34,39.66");
    // In hours: day up 23.34 h (1400.34/60 = 23.339), down 0.66 h.
    let line = out.csv(Units::Hours).lines().nth(1).expect("a row").to_string();
    assert_eq!(line, "1,20.34,39.66,23.34,0.66,167.34,0.66");
}

// ---------- Daylight saving ----------

#[test]
fn spring_forward_in_business_hours() {
    // Chicago jumps from 02:00 CST to 03:00 CDT on Sunday 2023-03-12 (08:00 UTC).
    // Now: Monday 2023-03-13 12:00 UTC; week from Monday 6th 12:00 UTC.
    let out = run(
        &[
            (
                "status.csv",
                &status(
                    "30,active,2023-03-01 00:00:00\n31,active,2023-03-01 00:00:00\n\
                     32,active,2023-03-01 00:00:00\n33,active,2023-03-01 00:00:00\n",
                ),
            ),
            (
                "hours.csv",
                &hours(
                    "30,6,00:00:00,23:59:59\n\
                     31,6,02:30:00,04:00:00\n\
                     32,6,01:00:00,03:00:00\n\
                     33,5,22:00:00,06:00:00\n",
                ),
            ),
        ],
        Some("2023-03-13 12:00:00 UTC"),
        None,
    );
    // All Sunday: 06:00 UTC to Monday 05:00 UTC, 23 hours. The day window from
    // Sunday 12:00 UTC holds 17 of them.
    assert_eq!(out.minutes("30"), [0.0, 0.0, 1020.0, 0.0, 1380.0, 0.0]);
    // 02:30 does not exist: read with CST it is 08:30 UTC (03:30 CDT); 04:00
    // CDT is 09:00 UTC: 30 minutes.
    assert_eq!(out.minutes("31"), [0.0, 0.0, 0.0, 0.0, 30.0, 0.0]);
    // 01:00 CST is 07:00 UTC, 03:00 CDT is 08:00 UTC: two wall-clock hours, one real hour.
    assert_eq!(out.minutes("32"), [0.0, 0.0, 0.0, 0.0, 60.0, 0.0]);
    // Saturday 22:00 CST (04:00 UTC) to Sunday 06:00 CDT (11:00 UTC): 7 hours.
    assert_eq!(out.minutes("33"), [0.0, 0.0, 0.0, 0.0, 420.0, 0.0]);
}

#[test]
fn fall_back_in_business_hours() {
    // Chicago falls back from 02:00 CDT to 01:00 CST on Sunday 2023-11-05 (07:00 UTC).
    // Now: Monday 2023-11-06 12:00 UTC; week from Monday 30 Oct 12:00 UTC.
    let out = run(
        &[
            (
                "status.csv",
                &status(
                    "40,active,2023-11-01 00:00:00\n41,active,2023-11-01 00:00:00\n\
                     42,active,2023-11-01 00:00:00\n43,active,2023-11-01 00:00:00\n\
                     44,active,2023-11-01 00:00:00\n",
                ),
            ),
            (
                "hours.csv",
                &hours(
                    "40,6,00:00:00,23:59:59\n\
                     41,6,01:30:00,03:00:00\n\
                     42,6,01:00:00,01:45:00\n\
                     43,6,00:30:00,01:15:00\n\
                     44,5,12:00:00,12:00:00\n",
                ),
            ),
        ],
        Some("2023-11-06 12:00:00 UTC"),
        None,
    );
    // All Sunday: 05:00 UTC to Monday 06:00 UTC, 25 hours; 18 of them after
    // Sunday 12:00 UTC.
    assert_eq!(out.minutes("40"), [0.0, 0.0, 1080.0, 0.0, 1500.0, 0.0]);
    // 01:30 happens twice: the earlier, 06:30 UTC (CDT). 03:00 CST is 09:00 UTC.
    assert_eq!(out.minutes("41"), [0.0, 0.0, 0.0, 0.0, 150.0, 0.0]);
    // Both ends ambiguous, both the earlier instant: 06:00 to 06:45 UTC.
    assert_eq!(out.minutes("42"), [0.0, 0.0, 0.0, 0.0, 45.0, 0.0]);
    // 00:30 CDT (05:30 UTC) to 01:15, the earlier (CDT, 06:15 UTC).
    assert_eq!(out.minutes("43"), [0.0, 0.0, 0.0, 0.0, 45.0, 0.0]);
    // Saturday 12:00 CDT (17:00 UTC) "for 24 hours" to Sunday 12:00 CST
    // (18:00 UTC): 25 real hours; the day window holds 12:00-18:00 UTC.
    assert_eq!(out.minutes("44"), [0.0, 0.0, 360.0, 0.0, 1500.0, 0.0]);
}

// ---------- Input formats ----------

#[test]
fn every_accepted_timestamp_format_gives_the_same_instant() {
    let formats = [
        "2023-01-25 11:30:00.000000 UTC",
        "2023-01-25 11:30:00 UTC",
        "2023-01-25 11:30:00.5 UTC",
        "2023-01-25 11:30:00.123456789 UTC",
        "2023-01-25T11:30:00Z",
        "2023-01-25T11:30:00.5+00:00",
        "2023-01-25T17:00:00+05:30",
        "2023-01-25T06:30:00-05:00",
        "2023-01-25 11:30:00",
    ];
    let rows: String = formats.iter().enumerate().map(|(i, f)| format!("{i},inactive,{f}\n")).collect();
    let out = run(&[("status.csv", &status(&rows))], Some(NOW), None);
    assert!(out.rejections.is_empty(), "{:?}", out.rejections);
    let stores = out.analysis.stores();
    for (i, format) in formats.iter().enumerate() {
        let store = stores.find(&i.to_string()).expect("store");
        let expected = at(match i {
            2 | 5 => "2023-01-25 11:30:00.5",
            3 => "2023-01-25 11:30:00.123456789",
            _ => "2023-01-25 11:30:00",
        });
        assert_eq!(out.analysis.poll_times(store), &[expected], "{format}");
    }
}

#[test]
fn bom_crlf_quotes_column_order_extra_columns_case_whitespace_and_blank_lines() {
    let file = "\u{FEFF}  Timestamp_UTC , note,STATUS,Store_ID\r\n\
                \"2023-01-25 11:30:00 UTC\",\"a, \"\"quoted\"\"\r\nnote\", Active ,\"1\"\r\n\
                \r\n\
                \x20\x20\r\n\
                2023-01-25T11:45:00Z,,inactive, 1 \r\n";
    let out = run(&[("status.csv", file)], Some(NOW), None);
    assert!(out.rejections.is_empty(), "{:?}", out.rejections);
    assert_eq!(out.minutes("1"), [45.0, 15.0, 1425.0, 15.0, 10065.0, 15.0]);
    assert_eq!(out.analysis.files()[0].rows, 2);
}

#[test]
fn the_2024_format_with_day_of_week_and_uuid_ids() {
    let out = run(
        &[
            ("status.csv", &status("b5d0a65d-6d54-47aa-95e9-9312f0353326,active,2024-10-03 23:33:20.412748 UTC\n")),
            (
                "hours.csv",
                "store_id,dayOfWeek,start_time_local,end_time_local\nb5d0a65d-6d54-47aa-95e9-9312f0353326,3,00:00:00,23:59:59\n",
            ),
            ("zones.csv", &zones("b5d0a65d-6d54-47aa-95e9-9312f0353326,UTC\n")),
        ],
        None,
        None,
    );
    // Thursday 2024-10-03 in UTC, now 23:33:20.412748: the hour is all open;
    // the day holds Thursday from 00:00 (1413.34 minutes); the week adds the
    // end of the Thursday before, from 23:33:20.412748: 1440 in all.
    let minutes = out.minutes("b5d0a65d-6d54-47aa-95e9-9312f0353326");
    let thursday = 23.0 * 60.0 + 33.0 + 20.412748 / 60.0;
    assert_eq!(minutes[0], 60.0);
    assert!((minutes[2] - thursday).abs() < 1e-9, "{minutes:?}");
    assert_eq!(minutes[4], 1440.0);
}

#[test]
fn status_is_read_in_any_case() {
    let out = run(
        &[("status.csv", &status("1,ACTIVE,2023-01-25 10:00:00\n2,InActive,2023-01-25 10:00:00\n"))],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("1"), ALL_UP);
    assert_eq!(out.minutes("2"), ALL_DOWN);
}

#[test]
fn files_of_the_same_kind_are_combined_in_the_order_given() {
    // Split exports: a poll at the same instant in both parts; the later file wins.
    let out = run(
        &[
            ("part1.csv", &status("1,active,2023-01-25 11:30:00\n")),
            ("part2.csv", &status("1,inactive,2023-01-25 11:30:00\n")),
        ],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("1"), [30.0, 30.0, 1410.0, 30.0, 10050.0, 30.0]);
}

// ---------- Bad rows ----------

#[test]
fn bad_rows_are_counted_and_listed_with_file_line_and_reason() {
    let status_file = "store_id,status,timestamp_utc\n\
                       1,active,2023-01-25 11:00:00 UTC\n\
                       ,active,2023-01-25 11:00:00 UTC\n\
                       1,up,2023-01-25 11:00:00 UTC\n\
                       1,active,2023-02-30 11:00:00 UTC\n\
                       1,active,yesterday\n\
                       1,active\n\
                       1,active,2023-01-25 11:00:00 UTC,extra\n\
                       \n\
                       1,\"inactive,2023-01-25 11:00:00 UTC\n\
                       1,inactive,2023-01-25 11:10:00 UTC\n";
    let hours_file = "store_id,day,start_time_local,end_time_local\n\
                      1,7,09:00,17:00\n\
                      1,-1,09:00,17:00\n\
                      1,0,24:00:00,17:00\n\
                      1,0,09:00,25:00:00\n\
                      1,0,9am,17:00\n\
                      1,2,00:00,23:59:59\n";
    let mut data = store_uptime_engine::Dataset::new();
    data.read_bytes("status.csv", status_file.as_bytes()).expect("recognised");
    data.read_bytes("hours.csv", hours_file.as_bytes()).expect("recognised");
    data.read_bytes("zones.csv", b"store_id,timezone_str\nx\0y,UTC\ncaf\xe9,UTC\n2,America/Nowhere\n")
        .expect("recognised");
    let got = describe_rejections(&data, data.rejections());
    let expected: Vec<(&str, u64, &str)> = vec![
        ("status.csv", 3, "store_id is empty"),
        ("status.csv", 4, "status \"up\" is neither active nor inactive"),
        ("status.csv", 5, "timestamp_utc \"2023-02-30 11:00:00 UTC\": no such date or time"),
        ("status.csv", 6, "timestamp_utc \"yesterday\": expected YYYY-MM-DD HH:MM:SS"),
        ("status.csv", 7, "has 2 fields where the header has 3"),
        ("status.csv", 8, "has 4 fields where the header has 3"),
        ("status.csv", 10, "a quote opened on this line is not closed on it"),
        ("hours.csv", 2, "day \"7\" is not a weekday number 0 (Monday) to 6 (Sunday)"),
        ("hours.csv", 3, "day \"-1\" is not a weekday number"),
        ("hours.csv", 4, "start_time_local \"24:00:00\": not a time of day"),
        ("hours.csv", 5, "end_time_local \"25:00:00\": not a time of day"),
        ("hours.csv", 6, "start_time_local \"9am\": expected HH:MM:SS or HH:MM"),
        ("zones.csv", 2, "store_id \"x\\0y\" contains control characters"),
        ("zones.csv", 3, "store_id \"caf\u{FFFD}\" is not UTF-8 text (the file may be Latin-1"),
        ("zones.csv", 4, "timezone_str \"America/Nowhere\" is not an IANA timezone name"),
    ];
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for ((file, line, reason), (want_file, want_line, want_reason)) in got.iter().zip(&expected) {
        assert_eq!((file.as_str(), *line), (*want_file, *want_line), "{reason}");
        assert!(reason.starts_with(want_reason), "line {line}: {reason:?} should start with {want_reason:?}");
    }
    // Counts per file: rows = used + rejected; blank lines are not rows.
    let files = data.files();
    assert_eq!((files[0].rows, files[0].used, files[0].rejected), (9, 2, 7));
    assert_eq!((files[1].rows, files[1].used, files[1].rejected), (6, 1, 5));
    assert_eq!((files[2].rows, files[2].used, files[2].rejected), (3, 0, 3));
    // The good rows were used: polls at 11:00 (active) and 11:10 (inactive),
    // and Wednesday's hours (in Chicago, 06:00 UTC to Thursday 06:00 UTC).
    let out = finish(data, Some(NOW), None);
    assert_eq!(out.minutes("1")[0..2], [10.0, 50.0]);
}

#[test]
fn a_file_of_no_kind_is_refused_with_the_expected_columns() {
    let mut data = store_uptime_engine::Dataset::new();
    let error = data.read_bytes("prices.csv", b"sku,price\nA,1\n").expect_err("refused");
    let message = error.to_string();
    assert!(
        message.starts_with("prices.csv: the header (\"sku\", \"price\") matches none of the three files"),
        "{message}"
    );
    assert!(message.contains("store_id, status, timestamp_utc"), "{message}");
    assert!(message.contains("store_id, day (or dayOfWeek), start_time_local, end_time_local"), "{message}");
    assert!(message.contains("store_id, timezone_str"), "{message}");
    assert!(data.files().is_empty());
}

#[test]
fn no_usable_poll_means_no_now() {
    let mut data = store_uptime_engine::Dataset::new();
    data.read_bytes("status.csv", b"store_id,status,timestamp_utc\n1,maybe,2023-01-25 11:00:00\n").expect("recognised");
    let analysis = store_uptime_engine::Analysis::new(data);
    let result = compute_report(&analysis, &ReportSettings::default(), &mut |_| std::ops::ControlFlow::Continue(()));
    assert_eq!(result.map(|r| r.rows.len()), Err(store_uptime_engine::ReportError::NoPolls));
}
