//! Helpers shared by the engine's integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use store_uptime_engine::{
    Analysis, Dataset, Rejection, Report, ReportSettings, StoreZone, Units, UtcInstant, compute_report,
    parse_timestamp, report_csv,
};

pub fn at(text: &str) -> UtcInstant {
    parse_timestamp(text.as_bytes()).expect("test literal")
}

/// The result of running files through the whole engine.
pub struct Outcome {
    pub report: Report,
    pub rejections: Vec<(String, u64, String)>,
    pub analysis: Analysis,
}

impl Outcome {
    /// The six figures of a store, in minutes.
    pub fn minutes(&self, store_id: &str) -> [f64; 6] {
        let row = self
            .report
            .rows
            .iter()
            .find(|r| r.store_id == store_id)
            .unwrap_or_else(|| panic!("no row for store {store_id}"));
        let m = |span: store_uptime_engine::TimeSpan| span.nanos() as f64 / 60e9;
        let w = row.windows;
        [m(w[0].uptime), m(w[0].downtime), m(w[1].uptime), m(w[1].downtime), m(w[2].uptime), m(w[2].downtime)]
    }

    pub fn all_minutes(&self) -> BTreeMap<String, [f64; 6]> {
        self.report.rows.iter().map(|r| (r.store_id.clone(), self.minutes(&r.store_id))).collect()
    }

    pub fn csv(&self, units: Units) -> String {
        report_csv(&self.report, units)
    }

    pub fn store_ids(&self) -> Vec<&str> {
        self.report.rows.iter().map(|r| r.store_id.as_str()).collect()
    }
}

/// Reads `files` (name, content) in order and computes the report.
pub fn run(files: &[(&str, &str)], now: Option<&str>, default_zone: Option<&str>) -> Outcome {
    run_bytes(&files.iter().map(|(n, c)| (*n, c.as_bytes())).collect::<Vec<_>>(), now, default_zone)
}

pub fn run_bytes(files: &[(&str, &[u8])], now: Option<&str>, default_zone: Option<&str>) -> Outcome {
    let mut data = Dataset::new();
    for (name, content) in files {
        data.read_bytes(name, content).unwrap_or_else(|e| panic!("{e}"));
    }
    finish(data, now, default_zone)
}

pub fn finish(data: Dataset, now: Option<&str>, default_zone: Option<&str>) -> Outcome {
    let rejections = describe_rejections(&data, data.rejections());
    let analysis = Analysis::new(data);
    let settings = ReportSettings {
        now: now.map(at),
        default_zone: default_zone
            .map_or(store_uptime_engine::DEFAULT_ZONE, |z| StoreZone::from_name(z).expect("zone")),
    };
    let report = compute_report(&analysis, &settings, &mut |_| ControlFlow::Continue(())).expect("a report");
    Outcome { report, rejections, analysis }
}

pub fn describe_rejections(data: &Dataset, rejections: &[Rejection]) -> Vec<(String, u64, String)> {
    rejections.iter().map(|r| (data.file(r.file).name.clone(), r.line, r.reason.to_string())).collect()
}

pub const STATUS_HEADER: &str = "store_id,status,timestamp_utc\n";
pub const HOURS_HEADER: &str = "store_id,day,start_time_local,end_time_local\n";
pub const ZONES_HEADER: &str = "store_id,timezone_str\n";

/// A status file of these rows, with its header.
pub fn status(rows: &str) -> String {
    format!("{STATUS_HEADER}{rows}")
}

/// A business-hours file of these rows, with its header.
pub fn hours(rows: &str) -> String {
    format!("{HOURS_HEADER}{rows}")
}

/// A timezones file of these rows, with its header.
pub fn zones(rows: &str) -> String {
    format!("{ZONES_HEADER}{rows}")
}

/// A generated business-hours row, in minutes of the day; `end == None` is
/// written `23:59:59`. Shared by the property tests.
#[derive(Clone, Debug)]
pub struct Period {
    pub day: u8,
    pub start: u32,
    pub end: Option<u32>,
}

impl Period {
    /// Any period: overnight, `end == start` and `23:59:59` included.
    pub fn strategy() -> impl proptest::strategy::Strategy<Value = Period> {
        use proptest::prelude::*;
        (0u8..7, 0u32..1440, prop_oneof![6 => (0u32..1440).prop_map(Some), 1 => Just(None)], any::<bool>())
            .prop_map(|(day, start, end, equal)| Period { day, start, end: if equal { Some(start) } else { end } })
    }

    /// Its line in a business-hours file, for the store `id`.
    pub fn hours_row(&self, id: &str) -> String {
        let clock = |minutes: u32| format!("{:02}:{:02}:00", minutes / 60, minutes % 60);
        let end = self.end.map_or("23:59:59".to_string(), clock);
        format!("{id},{},{},{end}\n", self.day, clock(self.start))
    }
}
