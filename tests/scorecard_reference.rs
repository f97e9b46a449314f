//! The command's scorecard and roll-up against a second implementation of
//! SPEC.md's "Targets, groups and comparison" in Python
//! (`tests/reference/scorecard.py`: exact fractions, zoneinfo, its own CSV
//! reading and groups rules), text for text, on generated data whose
//! horizon or previous period holds a daylight-saving change, for horizons
//! of 1, 7 and 30 days, with and without a fleet target.

mod support;

use support::*;

/// A groups file over the stores of `timezones`: two dimensions (one with
/// commas, quotes and non-ASCII letters in its names, empty values), a
/// `target` column with good, empty and bad values, a store given twice
/// (the last row wins), a row for a store with no polls, and a row without
/// a store id.
fn write_groups(dir: &std::path::Path, timezones: &str) -> String {
    let ids: Vec<String> = std::fs::read_to_string(timezones)
        .expect("timezones written")
        .lines()
        .skip(1)
        .filter_map(|line| line.split(',').next().map(String::from))
        .collect();
    let regions = ["North", "South", "\"Zürich, CH\"", "", "=Ouest \"\"B\"\""];
    let targets = ["", "99.5", "95", "bad", "100", "99.125", "80"];
    let mut text = String::from("store_id,Region,target,Brand name\n");
    for (i, id) in ids.iter().enumerate() {
        // Every seventh store has no row at all.
        if i % 7 == 3 {
            continue;
        }
        let region = regions[i % regions.len()];
        let target = targets[i % targets.len()];
        let brand = if i % 4 == 0 { "Café" } else { "Deli" };
        text.push_str(&format!("{id},{region},{target},{brand}\n"));
        if i % 11 == 0 {
            // Given again later with other groups and target: the last wins.
            text.push_str(&format!("{id},South,97,Café\n"));
        }
    }
    text.push_str("no-such-store,North,99,Deli\n,North,99,Deli\n");
    write(dir, "groups.csv", &text)
}

fn compare(end: &str, seed: &str, sample_days: &str, horizons: &[&str], target: Option<&str>) {
    let dir = scratch(&format!("scorecard-{}-{seed}", end.replace([':', ' '], "-")));
    let out = dir.display().to_string();
    let made = run(&["sample", "--stores", "90", "--seed", seed, "--end", end, "--days", sample_days, "--out", &out]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let file = |name: &str| dir.join(name).display().to_string();
    let (status, hours, zones) = (file("status.csv"), file("menu_hours.csv"), file("timezones.csv"));
    let groups = write_groups(&dir, &zones);
    for days in horizons {
        // The same options for both implementations; the status file is the
        // reference's one positional argument.
        let options = |card: &str, rollup: &str| -> Vec<String> {
            let mut options: Vec<String> = ["--hours", &hours, "--timezones", &zones, "--groups", &groups]
                .into_iter()
                .chain(["--now", end, "--days", days, "--scorecard", card, "--rollup", rollup])
                .map(String::from)
                .collect();
            if let Some(target) = target {
                options.extend(["--target".to_string(), target.to_string()]);
            }
            options
        };
        let (ours_card, ours_rollup) = (file(&format!("card-{days}.csv")), file(&format!("rollup-{days}.csv")));
        let ours_options = options(&ours_card, &ours_rollup);
        let mut args = vec!["--status", &status];
        args.extend(ours_options.iter().map(String::as_str));
        let ours = run(&args);
        assert_eq!(ours.status.code(), Some(0), "{}", stderr(&ours));
        // With the outage list asked too, the report's pass is the history's
        // and the scorecard is computed apart: the same bytes.
        let (apart, outages) = (file(&format!("apart-{days}.csv")), file(&format!("outages-{days}.csv")));
        let mut with_outages = args.clone();
        with_outages.extend(["--outages", &outages]);
        let position = with_outages.iter().position(|a| *a == ours_card.as_str()).expect("the card's path");
        with_outages[position] = &apart;
        assert_eq!(run(&with_outages).status.code(), Some(0));
        assert_eq!(std::fs::read(&apart).expect("written"), std::fs::read(&ours_card).expect("written"));

        let (their_card, their_rollup) = (file(&format!("py-card-{days}.csv")), file(&format!("py-rollup-{days}.csv")));
        let mut python = std::process::Command::new("python3");
        python.arg(repo_path("tests/reference/scorecard.py")).arg(&status).args(options(&their_card, &their_rollup));
        let python = python.output().expect("python3 runs");
        assert!(python.status.success(), "{}", stderr(&python));
        for (ours, theirs) in [(&ours_card, &their_card), (&ours_rollup, &their_rollup)] {
            let ours = std::fs::read_to_string(ours).expect("written");
            let theirs = std::fs::read_to_string(theirs).expect("written");
            assert!(ours.lines().count() > 3, "{ours}");
            for (line, (a, b)) in ours.lines().zip(theirs.lines()).enumerate() {
                assert_eq!(a, b, "{end}, {days} days, line {}", line + 1);
            }
            assert_eq!(ours.lines().count(), theirs.lines().count(), "{end}, {days} days");
        }
    }
}

#[test]
fn spring_forward_in_the_horizon_and_in_the_period_before() {
    // US spring forward on 12 March: inside the 7-day horizon to the 15th,
    // and inside the period before the horizon to the 20th.
    compare("2023-03-15T12:00:00Z", "41", "20", &["1", "7"], Some("99"));
    compare("2023-03-20T12:00:00Z", "42", "16", &["7"], None);
}

#[test]
fn fall_back_with_a_long_horizon() {
    // Europe falls back on 29 October, the US on 5 November; 30 days
    // before 8 November holds both, the 30 before that holds none.
    compare("2023-11-08T12:00:00Z", "43", "40", &["30", "7"], Some("99.5"));
}
