//! From the page to a worker: what it asks, and the settings of a report.

use serde::{Deserialize, Serialize};

use super::outages::OutageQuery;
use engine::{Target, Units};

/// Stores in the "Try with sample data" set: enough to look real, few
/// enough to be instant.
pub const SAMPLE_STORES: usize = 300;
pub const SAMPLE_SEED: u64 = 2023;

/// From the page to a worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Request {
    /// Parse the attached file, keep its data for the reports to come, and
    /// preview it for its slot (its kind, first rows, row count and latest
    /// poll come out of that one parse).
    Preview { file_key: u64 },
    /// The page no longer has this file: free its data.
    Forget { file_key: u64 },
    /// Read the attached files (keys as in `Report`) and hold their data,
    /// without a reply: sent for the report a reload puts back, so that the
    /// first store's week or outage page asked of it does not wait for a
    /// read of the files the worker no longer holds.
    Prepare { file_keys: Vec<u64> },
    /// Generate the sample data set.
    Sample,
    /// Make a report from the files with `file_keys`, in that order; they
    /// are also attached, in the same order, for a worker that does not
    /// hold their data (started afresh, or given other files since).
    Report {
        report_id: u32,
        settings: ReportSettingsMessage,
        #[serde(default)]
        file_keys: Vec<u64>,
    },
    /// Explain one store's figures in a report: its week drawn on one axis.
    /// The data worker keeps the settings of its latest report and the
    /// data of its latest set of files; for another report, the page sends
    /// `rebuild`, and the worker reads the attached files (with
    /// `file_keys`, as for a report) again if it does not hold them.
    Timeline {
        report_id: u32,
        store_id: String,
        rebuild: Option<Rebuild>,
        #[serde(default)]
        file_keys: Vec<u64>,
    },
    /// A page of the fleet's outages in a report: those whose store id
    /// contains the query's filter, in its order, from its offset. As for
    /// a timeline, the worker keeps the outages of its latest report; for
    /// another report, the page sends `rebuild` and the report's files.
    Outages {
        report_id: u32,
        query: OutageQuery,
        rebuild: Option<Rebuild>,
        #[serde(default)]
        file_keys: Vec<u64>,
    },
    /// The small worked example of "How it is computed".
    Example,
    /// To the data worker, once: start the part workers now, so that a
    /// large file given later is read in parts at once, not after they load.
    StartPartWorkers,
    /// From the worker that reads a large file to a part worker: read the
    /// part of the attached file in this nominal range (see
    /// `engine::FilePart`), and send it back encoded.
    ReadPart { file_key: u64, index: usize, start: u64, end: u64, file_bytes: u64 },
}

/// What a report's data is read again with, to explain its stores: the
/// report's exact "now" and default timezone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rebuild {
    pub now_unix_nanos: i64,
    pub default_zone: String,
    #[serde(default = "default_horizon_days")]
    pub horizon_days: u32,
}

/// The user's settings for one report, as the page read them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSettingsMessage {
    /// A timestamp in any format the status file accepts; `None` for the
    /// latest poll.
    pub now: Option<String>,
    pub default_zone: String,
    pub units: Units,
    /// Days of the outage list and the per-day table (1 to 366).
    #[serde(default = "default_horizon_days")]
    pub horizon_days: u32,
    /// Minutes a store's latest poll may be old before it is stale (1 to
    /// 366 days; `engine::StaleLimit`).
    #[serde(default = "default_stale_after_minutes")]
    pub stale_after_minutes: u32,
    /// The fleet's uptime target; `None` for none (and for settings kept
    /// before it was a setting). Stores with a `target` of their own in
    /// the groups file keep theirs.
    #[serde(default)]
    pub target: Option<Target>,
}

/// The freshness limit of settings and reports kept before it was a
/// setting: the command's default, 2 hours.
pub fn default_stale_after_minutes() -> u32 {
    engine::StaleLimit::DEFAULT.minutes()
}

/// The horizon of settings and reports kept before it was a setting: the
/// report's week.
pub fn default_horizon_days() -> u32 {
    engine::Horizon::WEEK.days()
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::FileKind;

    #[test]
    fn the_engines_types_travel_by_name() {
        // Kept settings and reports hold these texts: they must not change.
        assert_eq!(serde_json::to_string(&FileKind::BusinessHours).expect("serialisable"), r#""BusinessHours""#);
        assert_eq!(serde_json::from_str::<FileKind>(r#""Timezones""#).expect("readable"), FileKind::Timezones);
        assert_eq!(serde_json::to_string(&Units::Hours).expect("serialisable"), r#""Hours""#);
        assert_eq!(serde_json::from_str::<Units>(r#""Minutes""#).expect("readable"), Units::Minutes);
        let sunday = engine::Weekday::from_number(6).expect("a weekday");
        assert_eq!(serde_json::to_string(&sunday).expect("serialisable"), "6");
        assert_eq!(serde_json::from_str::<engine::Weekday>("6").expect("readable"), sunday);
        assert!(serde_json::from_str::<engine::Weekday>("7").is_err());
    }

    #[test]
    fn settings_kept_before_the_horizon_read_as_a_week() {
        let old = r#"{"now":null,"default_zone":"America/Chicago","units":"Minutes"}"#;
        let settings: ReportSettingsMessage = serde_json::from_str(old).expect("readable");
        assert_eq!(settings.horizon_days, 7);
        assert_eq!(settings.target, None);
    }
}
