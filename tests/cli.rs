//! The `store-uptime` command, run as a user runs it.

mod support;

use support::*;

const HEADER: &str = "store_id,uptime_last_hour,downtime_last_hour,uptime_last_day,downtime_last_day,uptime_last_week,downtime_last_week\n";

fn small_files(dir: &std::path::Path) -> (String, String, String) {
    // Store 1: up, down from 11:30 (now: 12:00, the latest poll). Store 2:
    // Wednesdays 06:00-07:30 in New York = 11:00-12:30 UTC, always up.
    let status = write(
        dir,
        "status.csv",
        "store_id,status,timestamp_utc\n\
         1,active,2023-01-25 11:00:00 UTC\n\
         1,inactive,2023-01-25 11:30:00 UTC\n\
         2,active,2023-01-25 12:00:00 UTC\n",
    );
    let hours = write(dir, "hours.csv", "store_id,day,start_time_local,end_time_local\n2,2,06:00:00,07:30:00\n");
    let zones = write(dir, "zones.csv", "store_id,timezone_str\n2,America/New_York\n");
    (status, hours, zones)
}

#[test]
fn writes_the_report_to_standard_output_and_a_summary_to_standard_error() {
    let dir = scratch("cli-report");
    let (status, hours, zones) = small_files(&dir);
    let output = run(&["--status", &status, "--hours", &hours, "--timezones", &zones]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // Store 1: 24x7 in Chicago; up before 11:30. Store 2: 60 in the hour and
    // day; the week adds Wed 18th 12:00-12:30.
    assert_eq!(stdout(&output), format!("{HEADER}1,30,30,1410,30,10050,30\n2,60,0,60,0,90,0\n"));
    let summary = stderr(&output);
    assert!(summary.contains("status.csv (status polls): 3 rows, 3 used, 0 rejected"), "{summary}");
    assert!(summary.contains("report: 2 stores, now 2023-01-25 12:00:00 UTC (the latest poll)"), "{summary}");
}

#[test]
fn files_given_without_flags_are_recognised_by_their_header() {
    let dir = scratch("cli-positional");
    let (status, hours, zones) = small_files(&dir);
    let output = run(&[&zones, &status, &hours]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{HEADER}1,30,30,1410,30,10050,30\n2,60,0,60,0,90,0\n"));
}

#[test]
fn options_now_units_default_timezone_and_output() {
    let dir = scratch("cli-options");
    let (status, hours, _) = small_files(&dir);
    let out = dir.join("report.csv").display().to_string();
    let output = run(&[
        "--status",
        &status,
        "--hours",
        &hours,
        "--now",
        "2023-01-25T11:45:00Z",
        "--default-timezone",
        "America/New_York",
        "--units",
        "hours",
        "--output",
        &out,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    // Now 11:45. Store 1: hour [10:45, 11:45): up 45, down 15; day up 1425
    // min = 23.75 h, down 0.25 h; week up 167.75 h. Store 2 (New York by
    // default): hour 11:00-11:45 = 45 min; day 0.75 h; week from Wed 18th
    // 11:45: 11:45-12:30 and 11:00-11:45 on the 25th, 90 min = 1.5 h.
    assert_eq!(
        std::fs::read_to_string(&out).expect("written"),
        format!("{HEADER}1,45,15,23.75,0.25,167.75,0.25\n2,45,0,0.75,0,1.5,0\n")
    );
}

#[test]
fn rejected_rows_are_printed_with_file_line_and_reason() {
    let dir = scratch("cli-rejects");
    let status = write(
        &dir,
        "status.csv",
        "store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00 UTC\n1,maybe,2023-01-25 11:10:00 UTC\n\n1,active,2023-13-01 00:00:00\n",
    );
    let output = run(&["--status", &status]);
    assert_eq!(output.status.code(), Some(0));
    let summary = stderr(&output);
    assert!(summary.contains("3 rows, 1 used, 2 rejected"), "{summary}");
    assert!(summary.contains(&format!("{status}:3: status \"maybe\" is neither active nor inactive")), "{summary}");
    assert!(
        summary.contains(&format!("{status}:5: timestamp_utc \"2023-13-01 00:00:00\": no such date or time")),
        "{summary}"
    );
    assert!(stdout(&output).ends_with("1,60,0,1440,0,10080,0\n"));
}

#[test]
fn a_file_of_no_kind_is_refused_with_exit_status_2() {
    let dir = scratch("cli-refused");
    let prices = write(&dir, "prices.csv", "sku,price\nA,1\n");
    let output = run(&["--status", &prices]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("matches none of the three files"), "{message}");
    assert!(message.contains("status polls (store_id, status, timestamp_utc)"), "{message}");
    assert_eq!(stdout(&output), "");
}

#[test]
fn a_file_given_as_the_wrong_kind_is_refused() {
    let dir = scratch("cli-wrong-kind");
    let (status, hours, _) = small_files(&dir);
    let output = run(&["--status", &status, "--timezones", &hours]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("was given as the timezones file, but its header is that of a business hours file")
    );
}

#[test]
fn a_missing_file_or_no_status_file_exits_with_status_2() {
    let output = run(&["--status", "/nonexistent/status.csv"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot open /nonexistent/status.csv"));

    let dir = scratch("cli-no-status");
    let (_, hours, _) = small_files(&dir);
    let output = run(&[&hours]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no status polls file among the inputs"));
}

#[test]
fn a_status_file_without_usable_polls_gives_no_report() {
    let dir = scratch("cli-no-polls");
    let status = write(&dir, "status.csv", "store_id,status,timestamp_utc\n1,maybe,2023-01-25 11:00:00\n");
    let output = run(&["--status", &status]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no usable poll"), "{}", stderr(&output));
}

#[test]
fn bad_arguments_are_explained() {
    let output = run(&["--status", "x.csv", "--units", "days"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("use minutes or hours"));
    let output = run(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("store-uptime sample --stores N --seed S --out DIR"));
}

#[test]
fn split_status_files_are_combined_and_the_user_is_told() {
    let dir = scratch("cli-split");
    let part1 = write(&dir, "part1.csv", "store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n");
    let part2 = write(&dir, "part2.csv", "store_id,status,timestamp_utc\n1,inactive,2023-01-25 11:30:00\n");
    let output = run(&["--status", &part1, "--status", &part2, "--now", "2023-01-25 12:00:00"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), format!("{HEADER}1,30,30,1410,30,10050,30\n"));
    assert!(
        stderr(&output).contains(&format!("note: 2 status polls files were combined, in this order: {part1}, {part2}"))
    );
}

#[test]
fn sample_data_is_deterministic_and_matches_an_independent_calculation() {
    let dir = scratch("cli-sample");
    let output = run(&["sample", "--stores", "300", "--seed", "42", "--out", &dir.display().to_string()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let status = dir.join("status.csv").display().to_string();
    let hours = dir.join("menu_hours.csv").display().to_string();
    let zones = dir.join("timezones.csv").display().to_string();
    let first = std::fs::read(&status).expect("written");

    let again = scratch("cli-sample-again");
    run(&["sample", "--stores", "300", "--seed", "42", "--out", &again.display().to_string()]);
    assert_eq!(std::fs::read(again.join("status.csv")).expect("written"), first);

    let output = run(&["--status", &status, "--hours", &hours, "--timezones", &zones]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("0 rejected"));
    let report = parse_report(&stdout(&output));
    assert_eq!(report.len(), 300);
    let reference = Reference::load(&status, Some(&hours), Some(&zones));
    check_against_reference(&report, &reference, reference.latest_poll(), 300);
}

#[test]
fn formula_like_store_ids_are_written_as_text() {
    let dir = scratch("cli-injection");
    let status = write(
        &dir,
        "status.csv",
        "store_id,status,timestamp_utc\n\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",active,2023-01-25 11:00:00\n",
    );
    let output = run(&["--status", &status]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), format!("{HEADER}\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",60,0,1440,0,10080,0\n"));
}

#[test]
fn ties_follow_file_order_or_put_inactive_polls_last() {
    // Store 12 polls inactive, active, inactive at 08:00; the last poll is
    // 13's at 2023-05-08 00:00, so the week starts 2023-05-01 00:00.
    let files =
        ["status.csv", "menu_hours.csv", "timezones.csv"].map(|f| repo_path(&format!("tests/sql/edge/ties/{f}")));
    let report = |ties: &str| {
        let output =
            run(&["--status", &files[0], "--hours", &files[1], "--timezones", &files[2], "--ties", ties, "--quiet"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        stdout(&output)
    };
    // File order: inactive before the first poll, inactive from 08:00 on.
    assert!(report("file-order").contains("\n12,0,60,0,1440,0,10080\n"));
    // Inactive last: active before the first poll (480 minutes), inactive from 08:00.
    assert!(report("inactive-last").contains("\n12,0,60,0,1440,480,9600\n"));
}

#[test]
fn sql_prints_a_script_for_each_dialect() {
    for dialect in ["duckdb", "postgres", "spark", "bigquery", "trino", "snowflake"] {
        let output = run(&["sql", "--dialect", dialect, "--now", "2023-01-25T18:13:22Z"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let script = stdout(&output);
        assert!(script.starts_with("-- Store Uptime: the report"), "{dialect}");
        assert!(script.contains("zone_offsets") && script.contains("ORDER BY"), "{dialect}");
        let rejected = stdout(&run(&["sql", "--dialect", dialect, "--rejected"]));
        assert!(rejected.contains("'unknown-timezone'"), "{dialect}");
    }
    let output = run(&["sql", "--dialect", "duckdb", "--status-table", "polls; DROP TABLE x"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("table name"));
}
