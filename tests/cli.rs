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
fn outages_and_days_go_to_their_files_and_leave_the_report_as_it_was() {
    let dir = scratch("cli-outages");
    let (status, hours, zones) = small_files(&dir);
    let outages = dir.join("outages.csv").display().to_string();
    let daily = dir.join("daily.csv").display().to_string();
    let plain = run(&["--status", &status, "--hours", &hours, "--timezones", &zones]);
    let output = run(&[
        "--status",
        &status,
        "--hours",
        &hours,
        "--timezones",
        &zones,
        "--days",
        "1",
        "--outages",
        &outages,
        "--daily",
        &daily,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), stdout(&plain), "the report is the same with or without the horizon's files");
    // Store 1 (Chicago, UTC-6, 24x7) is down from 11:30 UTC to now, 12:00.
    // Store 2 (New York) is up whenever open.
    assert_eq!(
        std::fs::read_to_string(&outages).expect("written"),
        "store_id,start_utc,end_utc,start_local,end_local,minutes,ongoing,before_first_poll\n\
         1,2023-01-25T11:30:00Z,2023-01-25T12:00:00Z,2023-01-25T05:30:00-06:00,2023-01-25T06:00:00-06:00,30,true,false\n"
    );
    // One day, [Tue 24th 12:00, Wed 25th 12:00) UTC. Store 1: the 24th
    // from 06:00 local (18 h, up), the 25th to 06:00 (up 330, down 30, its
    // two polls). Store 2: Tuesday closed; Wednesday 06:00-07:00 of its
    // 06:00-07:30 opening, up; its poll at now is in no day.
    assert_eq!(
        std::fs::read_to_string(&daily).expect("written"),
        "store_id,date,business_minutes,uptime,downtime,polls\n\
         1,2023-01-24,1080,1080,0,0\n\
         1,2023-01-25,360,330,30,2\n\
         2,2023-01-24,0,0,0,0\n\
         2,2023-01-25,60,60,0,0\n"
    );
}

#[test]
fn a_horizon_out_of_range_is_refused() {
    let dir = scratch("cli-days");
    let (status, _, _) = small_files(&dir);
    for days in ["0", "367", "a week"] {
        let output = run(&["--status", &status, "--days", days, "--outages", "unused.csv"]);
        assert_eq!(output.status.code(), Some(2), "--days {days}");
        assert!(stderr(&output).contains("--days"), "{}", stderr(&output));
        assert_eq!(stdout(&output), "");
    }
}

#[test]
fn rejected_rows_beyond_the_list_cap_are_counted_not_listed() {
    let dir = scratch("cli-list-cap");
    let mut text = String::from("store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n");
    for line in 3..=12 {
        text.push_str(&format!("{line},maybe,2023-01-25 11:00:00\n"));
    }
    let status = write(&dir, "status.csv", &text);
    let output = run(&["--status", &status, "--list-rejected", "4"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let summary = stderr(&output);
    assert!(summary.contains("11 rows, 1 used, 10 rejected"), "{summary}");
    assert!(summary.contains("rejected rows (10):"), "{summary}");
    let listed: Vec<&str> = summary.lines().filter(|l| l.starts_with(&format!("{status}:"))).collect();
    let expected: Vec<String> =
        (3..=6).map(|line| format!("{status}:{line}: status \"maybe\" is neither active nor inactive")).collect();
    assert_eq!(listed, expected, "{summary}");
    assert!(summary.contains("... and 6 more rejected rows, counted but not listed"), "{summary}");
    // The report itself does not depend on how many rows are listed.
    assert_eq!(stdout(&output), format!("{HEADER}1,60,0,1440,0,10080,0\n"));

    // At the cap exactly, nothing is left out; a cap of 0 lists nothing.
    let output = run(&["--status", &status, "--list-rejected", "10"]);
    assert!(!stderr(&output).contains("more rejected rows"), "{}", stderr(&output));
    let output = run(&["--status", &status, "--list-rejected", "0", "--quiet"]);
    assert_eq!(
        stderr(&output),
        "rejected rows (10):\n... and 10 more rejected rows, counted but not listed\n",
        "{}",
        stderr(&output)
    );
    let output = run(&["--status", &status, "--list-rejected", "many"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_status_export_with_extra_day_columns_is_read() {
    // Extra columns are ignored, even two named like the hours file's.
    let dir = scratch("cli-extra-day");
    let status = write(
        &dir,
        "status.csv",
        "store_id,day,status,timestamp_utc,day\n1,Monday,inactive,2023-01-25 11:00:00,Tuesday\n",
    );
    let output = run(&[&status]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{HEADER}1,0,60,0,1440,0,10080\n"));
}

#[test]
fn sample_data_over_ids_of_a_file_keeps_ids_with_commas_and_quotes() {
    let dir = scratch("cli-sample-ids");
    let zones = write(&dir, "zones.csv", "store_id,timezone_str\n\"a,b\",UTC\n\"say \"\"hi\"\"\",UTC\n=1+1,UTC\n");
    let out = dir.join("out");
    let output = run(&["sample", "--stores", "1", "--out", &out.display().to_string(), "--ids-from", &zones]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let status = out.join("status.csv").display().to_string();
    let output = run(&["--status", &status]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains(" 0 rejected"), "{}", stderr(&output));
    let ids: Vec<String> = parse_report(&stdout(&output)).into_iter().map(|(id, _)| id).collect();
    // The report neutralises `=1+1` for spreadsheets; the sample kept it as it was.
    assert_eq!(ids, ["'=1+1", "a,b", "say \"hi\""]);
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
    // Store 11's timezone rows are Asia/Tokyo, europe/berlin, Atlantis/Capital.
    // File order: the last row, an unknown name, so Chicago: Monday 09:00-21:00
    // is 14:00-02:00 UTC, all after the 09:00 UTC polls, down.
    assert!(report("file-order").contains("\n11,0,0,0,0,0,720\n"));
    // Inactive last: the known name last in byte order, Berlin: 07:00-19:00
    // UTC, up until 09:00.
    assert!(report("inactive-last").contains("\n11,0,0,0,0,120,600\n"));
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

const EXTENDED_HEADER: &str = "store_id,\
    uptime_last_hour_minutes,downtime_last_hour_minutes,uptime_pct_last_hour,\
    uptime_last_day_minutes,downtime_last_day_minutes,uptime_pct_last_day,\
    uptime_last_week_minutes,downtime_last_week_minutes,uptime_pct_last_week,\
    polls_last_hour,polls_last_day,polls_last_week,latest_poll_utc,stale,hours_source,timezone_source,\
    state_now,down_since\n";

#[test]
fn the_extended_format_adds_percentages_and_freshness() {
    let dir = scratch("cli-extended");
    let (status, hours, zones) = small_files(&dir);
    let files = ["--status", &status, "--hours", &hours, "--timezones", &zones];
    let plain = run(&files);
    let report = run(&[&files[..], &["--format", "report"]].concat());
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    assert_eq!(stdout(&report), stdout(&plain), "--format report is the default");

    // Now is 12:00, store 2's poll. Store 1: 24x7 in Chicago, the default;
    // both polls in every window, the latest 30 minutes old. Store 2: its
    // only poll is at now, the end of every window, so it is in none, but
    // it is the latest poll; its hours and timezone are from the files.
    // At now, store 1 is down since its inactive poll at 11:30; store 2 is
    // open (11:00-12:30 UTC on Wednesdays) and up.
    let output = run(&[&files[..], &["--format", "extended"]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "{EXTENDED_HEADER}\
             1,30,30,50,1410,30,97.92,10050,30,99.7,2,2,2,2023-01-25T11:30:00Z,false,24x7,default,down,2023-01-25T11:30:00Z\n\
             2,60,0,100,60,0,100,90,0,100,0,0,0,2023-01-25T12:00:00Z,false,file,file,up,\n"
        )
    );

    // Within 20 minutes, store 1's latest poll (30 minutes old) is stale.
    let output = run(&[&files[..], &["--format", "extended", "--stale-after", "20m", "--units", "hours"]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains(",uptime_last_day_hours,downtime_last_day_hours,uptime_pct_last_day,"), "{text}");
    assert_eq!(
        lines[1],
        "1,30,30,50,23.5,0.5,97.92,167.5,0.5,99.7,2,2,2,2023-01-25T11:30:00Z,true,24x7,default,down,2023-01-25T11:30:00Z"
    );
    assert_eq!(lines[2], "2,60,0,100,1,0,100,1.5,0,100,0,0,0,2023-01-25T12:00:00Z,false,file,file,up,");
}

#[test]
fn bad_format_and_stale_limit_values_are_refused() {
    let dir = scratch("cli-extended-bad");
    let (status, _, _) = small_files(&dir);
    for (option, value, message) in [
        ("--format", "json", "--format \"json\": use report or extended"),
        ("--stale-after", "2", "--stale-after: \"2\" is not a duration such as 90m, 2h or 1d"),
        ("--stale-after", "2 weeks", "is not a duration such as 90m, 2h or 1d"),
        ("--stale-after", "0m", "--stale-after: \"0m\" is not from 1 minute to 366 days"),
        ("--stale-after", "400d", "is not from 1 minute to 366 days"),
    ] {
        let output = run(&["--status", &status, "--format", "extended", option, value]);
        assert_eq!(output.status.code(), Some(2), "{option} {value}");
        assert!(stderr(&output).contains(message), "{option} {value}: {}", stderr(&output));
        assert!(stderr(&output).contains("Run `store-uptime --help` for usage."));
        assert_eq!(stdout(&output), "");
    }
    let help = stdout(&run(&["--help"]));
    assert!(help.contains("--format report|extended") && help.contains("--stale-after DURATION"), "{help}");
}

/// Messy status rows (quoted line breaks, `\r`, `\r\n`, blank lines, bad
/// rows, ties) appended to `text` until it holds `bytes` bytes.
fn messy_status_rows(text: &mut String, bytes: usize) {
    let mut i = 0u64;
    while text.len() < bytes {
        let (id, hour, minute) = (i % 997, 10 + i % 2, i % 3 * 20);
        let at = format!("2023-01-25 {hour}:{minute:02}:00 UTC");
        let row = match i % 9 {
            0 => format!("{id},active,{at},\"two\r\nlines\"\r\n"),
            1 => format!("{id},inactive,{at},x\n"),
            2 => format!("{id},maybe,{at},x\r"),
            3 => "\r\n  \n".to_string(),
            4 => format!("{id},active,2023-02-30 10:00:00,x\n"),
            5 => format!("\"{id}\",\"active\",\"{at}\",\"q\"\"q\"\n"),
            6 => format!("{id},active,{at}\n"),
            7 => format!("{id},\"inactive\",{at},\"a\rb\"\r"),
            _ => format!(" {id} ,ACTIVE,{at},\n"),
        };
        text.push_str(&row);
        i += 1;
    }
}

/// Runs the report over `status` with `threads` threads: its output and
/// standard error (rejected rows listed up to a cap).
fn report_with_threads(status: &str, threads: &str) -> (String, String) {
    let output = run(&["--quiet", "--list-rejected", "5000", "--threads", threads, "--status", status]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    (stdout(&output), stderr(&output))
}

#[test]
fn reading_in_parts_on_several_threads_gives_the_one_thread_result() {
    let dir = scratch("cli-threads");
    let mut text = String::from("\u{FEFF}\r\nstore_id,status,timestamp_utc,note\r\n");
    // Large enough for three parts.
    messy_status_rows(&mut text, 13 << 20);
    let status = write(&dir, "status.csv", &text);
    let one = report_with_threads(&status, "1");
    assert!(one.0.lines().count() > 900, "{}", one.0.len());
    assert!(one.1.contains("status.csv:18: status \"maybe\""), "{}", &one.1[..500]);
    assert!(one.1.contains("more rejected rows, counted but not listed"));
    for threads in ["2", "3", "8"] {
        assert!(report_with_threads(&status, threads) == one, "{threads} threads");
        // The two parts the command reads with two threads merge, so this is
        // not only a test of the fallback; with three or eight threads (three
        // parts) one boundary falls inside a quoted field, and the file is
        // read again whole.
        let ranges = engine::split_file(text.len() as u64, threads.parse().expect("a number"));
        let parts = ranges.iter().map(|&range| {
            let mut feed = engine::FilePart::reader(range, &text.as_bytes()[..64 << 10]);
            feed.push(&text.as_bytes()[range.start() as usize..]);
            feed.finish()
        });
        let merged = engine::Dataset::new().merge_parts("status.csv", parts.collect());
        assert_eq!(merged.is_ok(), threads == "2", "{threads} threads");
    }
}

#[test]
fn a_part_boundary_inside_a_quoted_field_makes_the_command_read_the_file_whole() {
    let dir = scratch("cli-threads-fallback");
    let mut text = String::from("store_id,status,timestamp_utc,note\n");
    messy_status_rows(&mut text, 5 << 20);
    // With two threads the file is cut at its middle: put a quoted line
    // break there, so the first part ends inside a quoted field.
    text.push_str("1,active,2023-01-25 11:00:00,\"a");
    let middle = text.len();
    text.push_str("\nb\"\n");
    let row = "2,active,2023-01-25 11:00:00 UTC,x\n";
    while text.len() + row.len() <= 2 * middle {
        text.push_str(&row.replace('x', "y"));
    }
    let rest = 2 * middle - text.len();
    if rest > 0 {
        text.push_str(&" ".repeat(rest - 1));
        text.push('\n');
    }
    assert_eq!(text.len() / 2, middle);
    assert_eq!(&text[middle..middle + 1], "\n");
    let status = write(&dir, "status.csv", &text);
    assert!(report_with_threads(&status, "2") == report_with_threads(&status, "1"));
}

#[test]
fn numeric_options_say_their_range() {
    for (args, message) in [
        (&["--threads", "0"][..], "--threads \"0\": give a whole number from 1 to 1024"),
        (&["--threads", "two"][..], "--threads \"two\": give a whole number from 1 to 1024"),
        (&["--days", "0"][..], "--days \"0\": give a whole number from 1 to 366"),
        (&["--days", "367"][..], "--days \"367\": give a whole number from 1 to 366"),
        (&["--list-rejected", "-1"][..], "--list-rejected \"-1\": give a whole number from 0 to"),
    ] {
        let mut all = vec!["--status", "status.csv"];
        all.extend(args);
        let output = run(&all);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains(message), "{args:?}: {}", stderr(&output));
    }
    let output = run(&["sample", "--stores", "0", "--out", "x"]);
    assert!(stderr(&output).contains("--stores \"0\": give a whole number from 1 to 10000000"), "{}", stderr(&output));
}

#[test]
fn without_a_usable_poll_the_rejected_rows_come_before_the_error() {
    let dir = scratch("cli-no-usable-poll");
    let status = write(
        &dir,
        "status.csv",
        "store_id,status,timestamp_utc\n1,up,2023-01-25 12:00:00 UTC\n2,active,25/01/2023 12:00\n",
    );
    let output = run(&["--status", &status]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    let rows = text.find("status.csv:2: status \"up\" is neither active nor inactive").expect("line 2 listed");
    let row3 = text.find("status.csv:3: timestamp_utc").expect("line 3 listed");
    let error = text.find("no usable poll in the status file").expect("the error");
    assert!(rows < error && row3 < error, "{text}");
    assert!(text.contains("check its store_id, status (active or inactive) and timestamp_utc columns"), "{text}");
}
