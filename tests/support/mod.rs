//! Helpers for the command's tests: running it, and an independent
//! calculation of a store's figures to check its output against.
//!
//! The independent calculation shares no code with the engine: it reads the
//! files with the `csv` crate, parses times with chrono's general-purpose
//! parser, resolves local times with chrono-tz's `earliest()`, and measures
//! overlaps with a plain double loop. It is only valid for weeks without a
//! daylight-saving change in the store's timezone, where every local time is
//! unambiguous.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_store-uptime")
}

pub fn run(args: &[&str]) -> Output {
    Command::new(binary()).args(args).output().expect("the command runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

/// A fresh folder under the target directory, for a test's files.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

pub fn write(dir: &Path, name: &str, content: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write test file");
    path.display().to_string()
}

pub fn repo_path(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative).display().to_string()
}

/// The report CSV as store id → six figures.
pub fn parse_report(csv_text: &str) -> Vec<(String, [f64; 6])> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    reader
        .records()
        .map(|record| {
            let record = record.expect("valid CSV");
            let mut figures = [0.0; 6];
            for (i, figure) in figures.iter_mut().enumerate() {
                *figure = record[i + 1].parse().expect("a number");
            }
            (record[0].to_string(), figures)
        })
        .collect()
}

pub struct Period {
    day: u32,
    start: NaiveTime,
    end: NaiveTime,
}

/// The three files as the independent calculation sees them.
#[derive(Default)]
pub struct Reference {
    polls: HashMap<String, Vec<(NaiveDateTime, bool)>>,
    hours: HashMap<String, Vec<Period>>,
    zones: HashMap<String, Tz>,
}

fn column(headers: &csv::StringRecord, names: &[&str]) -> usize {
    headers
        .iter()
        .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
        .unwrap_or_else(|| panic!("no column {names:?}"))
}

impl Reference {
    pub fn load(status: &str, hours: Option<&str>, zones: Option<&str>) -> Reference {
        let mut reference = Reference::default();
        let mut reader = csv::Reader::from_path(status).expect("status file");
        let headers = reader.headers().expect("header").clone();
        let (id, st, ts) =
            (column(&headers, &["store_id"]), column(&headers, &["status"]), column(&headers, &["timestamp_utc"]));
        for record in reader.records() {
            let record = record.expect("valid row");
            let time = record[ts].trim().trim_end_matches(" UTC");
            let at = NaiveDateTime::parse_from_str(time, "%Y-%m-%d %H:%M:%S%.f").expect("timestamp");
            reference.polls.entry(record[id].trim().to_string()).or_default().push((at, record[st].trim() == "active"));
        }
        if let Some(hours) = hours {
            let mut reader = csv::Reader::from_path(hours).expect("hours file");
            let headers = reader.headers().expect("header").clone();
            let (id, day, start, end) = (
                column(&headers, &["store_id"]),
                column(&headers, &["day", "dayOfWeek"]),
                column(&headers, &["start_time_local"]),
                column(&headers, &["end_time_local"]),
            );
            for record in reader.records() {
                let record = record.expect("valid row");
                let time = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M:%S").expect("time");
                reference.hours.entry(record[id].trim().to_string()).or_default().push(Period {
                    day: record[day].trim().parse().expect("day"),
                    start: time(&record[start]),
                    end: time(&record[end]),
                });
            }
        }
        if let Some(zones) = zones {
            let mut reader = csv::Reader::from_path(zones).expect("zones file");
            let headers = reader.headers().expect("header").clone();
            let (id, zone) = (column(&headers, &["store_id"]), column(&headers, &["timezone_str"]));
            for record in reader.records() {
                let record = record.expect("valid row");
                let tz: Tz = record[zone].trim().parse().expect("known timezone");
                reference.zones.insert(record[id].trim().to_string(), tz);
            }
        }
        reference
    }

    pub fn latest_poll(&self) -> NaiveDateTime {
        self.polls.values().flatten().map(|p| p.0).max().expect("polls")
    }

    pub fn store_ids(&self) -> impl Iterator<Item = &String> {
        self.polls.keys()
    }

    /// The six figures of a store in minutes, unrounded.
    pub fn figures(&self, store: &str, now: NaiveDateTime) -> [f64; 6] {
        let tz = self.zones.get(store).copied().unwrap_or(chrono_tz::America::Chicago);
        let business = self.business(store, tz, now);
        let mut polls = self.polls[store].clone();
        polls.sort_by_key(|p| p.0); // stable: ties keep file order
        // Status segments: before the first poll, the first poll's status;
        // from each poll to the next, that poll's status.
        let far = Duration::days(3650);
        let mut segments = vec![(polls[0].0 - far, polls[0].0, polls[0].1)];
        for (i, poll) in polls.iter().enumerate() {
            let end = polls.get(i + 1).map_or(poll.0 + far, |next| next.0);
            segments.push((poll.0, end, poll.1));
        }
        let mut out = [0.0; 6];
        for (w, hours) in [1, 24, 168].iter().enumerate() {
            let window = (now - Duration::hours(*hours), now);
            for &(b_start, b_end) in &business {
                for &(s_start, s_end, active) in &segments {
                    let start = b_start.max(s_start).max(window.0);
                    let end = b_end.min(s_end).min(window.1);
                    if start < end {
                        let minutes = (end - start).num_microseconds().expect("small") as f64 / 60e6;
                        out[w * 2 + usize::from(!active)] += minutes;
                    }
                }
            }
        }
        out
    }

    /// Business intervals in UTC, possibly overlapping: merged first.
    fn business(&self, store: &str, tz: Tz, now: NaiveDateTime) -> Vec<(NaiveDateTime, NaiveDateTime)> {
        let Some(periods) = self.hours.get(store) else {
            return vec![(now - Duration::days(8), now)];
        };
        let mut intervals = Vec::new();
        let first = now.date() - Duration::days(9);
        for offset in 0..=10 {
            let date: NaiveDate = first + Duration::days(offset);
            let weekday = date.weekday().num_days_from_monday();
            for p in periods.iter().filter(|p| p.day == weekday) {
                let next = date + Duration::days(1);
                let last_second = NaiveTime::from_hms_opt(23, 59, 59).expect("valid");
                let end = if p.end == p.start {
                    next.and_time(p.start)
                } else if p.end == last_second {
                    next.and_time(NaiveTime::MIN)
                } else if p.end < p.start {
                    next.and_time(p.end)
                } else {
                    date.and_time(p.end)
                };
                let utc = |local: NaiveDateTime| tz.from_local_datetime(&local).earliest().expect("no gap").naive_utc();
                intervals.push((utc(date.and_time(p.start)), utc(end)));
            }
        }
        intervals.sort();
        let mut merged: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::new();
        for (start, end) in intervals {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        merged
    }
}

/// Checks every figure of `report` against the independent calculation,
/// allowing only the report's rounding to two decimals.
pub fn check_against_reference(
    report: &[(String, [f64; 6])],
    reference: &Reference,
    now: NaiveDateTime,
    sample: usize,
) {
    let step = (report.len() / sample.max(1)).max(1);
    let mut checked = 0;
    for (id, figures) in report.iter().step_by(step) {
        let expected = reference.figures(id, now);
        for i in 0..6 {
            assert!(
                (figures[i] - expected[i]).abs() <= 0.005 + 1e-9,
                "store {id} figure {i}: report {} vs reference {}",
                figures[i],
                expected[i]
            );
        }
        checked += 1;
    }
    assert!(checked >= sample.min(report.len()), "checked {checked} stores");
}
