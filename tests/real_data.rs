//! The real business-hours and timezone files of both published versions of
//! the data set, with a generated week of polls for their store ids.

mod support;

use support::*;

fn check_version(version: &str, end: &str) {
    let dir = scratch(&format!("real-{version}"));
    let hours = repo_path(&format!("tests/data/real/{version}/menu_hours.csv"));
    let zones = repo_path(&format!("tests/data/real/{version}/timezones.csv"));
    let out = dir.display().to_string();
    let output =
        run(&["sample", "--ids-from", &hours, "--ids-from", &zones, "--seed", "7", "--end", end, "--out", &out]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let status = dir.join("status.csv").display().to_string();

    let output = run(&["--status", &status, "--hours", &hours, "--timezones", &zones]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let summary = stderr(&output);
    assert!(!summary.contains("rejected rows"), "the real files should have no bad rows: {summary}");
    let report = parse_report(&stdout(&output));
    let reference = Reference::load(&status, Some(&hours), Some(&zones));
    assert_eq!(report.len(), reference.store_ids().count());
    check_against_reference(&report, &reference, reference.latest_poll(), 400);
}

#[test]
fn version_2023_with_19_digit_ids() {
    check_version("loop-2023", "2023-01-25 18:13:22 UTC");
}

#[test]
fn version_2024_with_uuids_and_day_of_week() {
    check_version("loop-2024", "2024-10-03 23:33:20 UTC");
}

#[test]
fn the_real_poll_samples_are_read_without_rejections() {
    for version in ["loop-2023", "loop-2024"] {
        let status = repo_path(&format!("tests/data/real/{version}/store_status_sample.csv"));
        let hours = repo_path(&format!("tests/data/real/{version}/menu_hours.csv"));
        let zones = repo_path(&format!("tests/data/real/{version}/timezones.csv"));
        let output = run(&["--status", &status, "--hours", &hours, "--timezones", &zones]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(!stderr(&output).contains("rejected rows"), "{}", stderr(&output));
        let report = parse_report(&stdout(&output));
        let reference = Reference::load(&status, Some(&hours), Some(&zones));
        check_against_reference(&report, &reference, reference.latest_poll(), 300);
    }
}
