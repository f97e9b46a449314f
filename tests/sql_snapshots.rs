//! The scripts `store-uptime sql` writes, kept as snapshots in
//! `tests/snapshots/`: every dialect × both tie rules × the report and the
//! rejected rows. A change to the generator shows here as a diff a reviewer
//! reads, without starting DuckDB, PostgreSQL or Spark (`scripts/test-sql.sh`
//! runs the scripts on the engines and compares their results with the
//! command's).
//!
//! After an intended change: `INSTA_UPDATE=always cargo test --test
//! sql_snapshots` rewrites the snapshots (or `cargo insta review` to accept
//! them one by one), and the diff goes into the commit.

use std::process::Command;

const DIALECTS: [&str; 6] = ["duckdb", "postgres", "spark", "bigquery", "trino", "snowflake"];
const TIES: [&str; 2] = ["line", "inactive-last"];

/// The script for one combination, with every input that could change it
/// pinned: a fixed now and the years of the embedded offsets.
fn script(dialect: &str, ties: &str, options: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_store-uptime"));
    command.args(["sql", "--dialect", dialect, "--ties", ties]);
    command.args(["--now", "2023-01-25 18:13:22 UTC", "--from-year", "2023", "--to-year", "2023"]);
    command.args(options);
    let output = command.output().expect("the command runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("a script is UTF-8")
}

#[test]
fn every_dialect_and_tie_rule_writes_the_reviewed_scripts() {
    for dialect in DIALECTS {
        for ties in TIES {
            for (query, options) in [("report", &[][..]), ("rejected", &["--rejected"][..])] {
                let name = format!("{dialect}-{ties}-{query}");
                insta::assert_snapshot!(name, script(dialect, ties, options));
            }
        }
    }
}

/// The other queries and the typed status table, with one tie rule: the
/// parts they change are the same under both.
#[test]
fn outages_days_and_typed_timestamps_write_the_reviewed_scripts() {
    let variants: [(&str, &[&str]); 3] = [
        ("outages-3-days", &["--query", "outages", "--days", "3"]),
        ("daily-3-days", &["--query", "daily", "--days", "3"]),
        ("report-typed", &["--typed"]),
    ];
    for dialect in DIALECTS {
        for (variant, options) in variants {
            let name = format!("{dialect}-line-{variant}");
            insta::assert_snapshot!(name, script(dialect, "line", options));
        }
    }
}
