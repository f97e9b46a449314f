//! The command against an independent implementation of the contract in
//! Python (`tests/reference/uptime.py`, with zoneinfo), on generated weeks
//! that contain daylight-saving changes in the stores' timezones.

mod support;

use support::*;

fn compare_on_week(end: &str, seed: &str) {
    let dir = scratch(&format!("python-{}", end.replace([':', ' '], "-")));
    let out = dir.display().to_string();
    let output = run(&["sample", "--stores", "400", "--seed", seed, "--end", end, "--out", &out]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let files: Vec<String> =
        ["status.csv", "menu_hours.csv", "timezones.csv"].iter().map(|f| dir.join(f).display().to_string()).collect();

    let ours = run(&["--status", &files[0], "--hours", &files[1], "--timezones", &files[2]]);
    assert_eq!(ours.status.code(), Some(0), "{}", stderr(&ours));
    let ours = parse_report(&stdout(&ours));

    let python = std::process::Command::new("python3")
        .arg(repo_path("tests/reference/uptime.py"))
        .args(&files)
        .output()
        .expect("python3 runs");
    assert!(python.status.success(), "{}", stderr(&python));
    let theirs: std::collections::HashMap<String, [f64; 6]> = parse_report(&stdout(&python)).into_iter().collect();

    assert_eq!(ours.len(), theirs.len());
    for (id, figures) in &ours {
        let expected = theirs.get(id).unwrap_or_else(|| panic!("no reference row for {id}"));
        for i in 0..6 {
            // The report rounds to two decimals; the reference is unrounded.
            assert!(
                (figures[i] - expected[i]).abs() <= 0.005 + 1e-6,
                "week to {end}, store {id}, figure {i}: {} vs reference {}",
                figures[i],
                expected[i]
            );
        }
    }
}

#[test]
fn us_spring_forward_week() {
    compare_on_week("2023-03-15T12:00:00Z", "31");
}

#[test]
fn us_fall_back_week() {
    compare_on_week("2023-11-08T12:00:00Z", "32");
}

#[test]
fn european_and_lebanese_spring_forward_week() {
    compare_on_week("2023-03-29T06:00:00Z", "33");
}

#[test]
fn european_fall_back_week() {
    compare_on_week("2023-10-31T23:30:00Z", "34");
}

#[test]
fn australian_fall_back_week() {
    compare_on_week("2023-04-05T03:00:00Z", "35");
}
