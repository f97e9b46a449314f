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
fn script(dialect: &str, ties: &str, rejected: bool) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_store-uptime"));
    command.args(["sql", "--dialect", dialect, "--ties", ties]);
    command.args(["--now", "2023-01-25 18:13:22 UTC", "--from-year", "2023", "--to-year", "2023"]);
    if rejected {
        command.arg("--rejected");
    }
    let output = command.output().expect("the command runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("a script is UTF-8")
}

#[test]
fn every_dialect_and_tie_rule_writes_the_reviewed_scripts() {
    for dialect in DIALECTS {
        for ties in TIES {
            for (query, rejected) in [("report", false), ("rejected", true)] {
                let name = format!("{dialect}-{ties}-{query}");
                insta::assert_snapshot!(name, script(dialect, ties, rejected));
            }
        }
    }
}
