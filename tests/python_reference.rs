//! The command against a second implementation of the contract in Python
//! (`tests/reference/uptime.py`, with zoneinfo; its header says what in it
//! is independent and what is not), on generated weeks that contain
//! daylight-saving changes in the stores' timezones, and on the contract
//! tests' hand-made edge files (`tests/data/edge/`).

mod support;

use support::*;

/// Runs the Python reference on `files`, with `--now` when given.
fn python_report(files: &[String], now: Option<&str>) -> Vec<(String, [f64; 6])> {
    let mut command = std::process::Command::new("python3");
    command.arg(repo_path("tests/reference/uptime.py"));
    if let Some(now) = now {
        command.args(["--now", now]);
    }
    let python = command.args(files).output().expect("python3 runs");
    assert!(python.status.success(), "{}", stderr(&python));
    parse_report(&stdout(&python))
}

/// The report rounds to two decimals; the reference is unrounded.
fn assert_close(what: &str, ours: &[f64; 6], theirs: &[f64; 6]) {
    for i in 0..6 {
        assert!(
            (ours[i] - theirs[i]).abs() <= 0.005 + 1e-6,
            "{what}, figure {i}: {} vs reference {}",
            ours[i],
            theirs[i]
        );
    }
}

#[test]
fn the_contract_tests_edge_files() {
    let edge = repo_path("tests/data/edge");
    let mut cases: Vec<_> = std::fs::read_dir(&edge).expect("tests/data/edge").flatten().map(|e| e.path()).collect();
    cases.retain(|path| path.is_dir());
    cases.sort();
    assert!(cases.len() >= 7, "{cases:?}");
    for case in cases {
        let now = std::fs::read_to_string(case.join("now.txt")).expect("now.txt");
        let now = now.trim();
        let mut files = Vec::new();
        let mut args = vec!["--now".to_string(), now.to_string()];
        for (flag, name) in
            [("--status", "status.csv"), ("--hours", "menu_hours.csv"), ("--timezones", "timezones.csv")]
        {
            let path = case.join(name);
            if path.exists() {
                files.push(path.display().to_string());
                args.extend([flag.to_string(), path.display().to_string()]);
            }
        }
        let ours = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(ours.status.code(), Some(0), "{}", stderr(&ours));
        assert!(stderr(&ours).contains(" 0 rejected"), "{case:?}: {}", stderr(&ours));
        let ours = parse_report(&stdout(&ours));
        let theirs = python_report(&files, Some(now));
        // The same stores in the same order (numeric or text).
        let ids = |report: &[(String, [f64; 6])]| report.iter().map(|r| r.0.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&ours), ids(&theirs), "{case:?}");
        for ((id, ours), (_, theirs)) in ours.iter().zip(&theirs) {
            assert_close(&format!("{case:?}, store {id}"), ours, theirs);
        }
    }
}

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

    let theirs: std::collections::HashMap<String, [f64; 6]> = python_report(&files, None).into_iter().collect();

    assert_eq!(ours.len(), theirs.len());
    for (id, figures) in &ours {
        let expected = theirs.get(id).unwrap_or_else(|| panic!("no reference row for {id}"));
        assert_close(&format!("week to {end}, store {id}"), figures, expected);
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
