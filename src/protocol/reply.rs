//! From a worker to the page: its answers, with a file's preview and a zip
//! archive's entries.

use serde::{Deserialize, Serialize};

use super::outages::{OutageQuery, OutagesOutcome};
use super::report::ReportOutcome;
use super::timeline::{ExampleMessage, TimelineOutcome};
use engine::FileKind;

/// From a worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Reply {
    /// The worker's wasm is running: messages sent from now on are read.
    Ready {
        /// Every IANA timezone name the engine knows, for the setting.
        zones: Vec<String>,
        default_zone: String,
    },
    Preview {
        file_key: u64,
        outcome: PreviewOutcome,
    },
    /// The three sample files are attached as buffers, in the order named.
    Sample {
        file_names: Vec<String>,
    },
    Progress {
        report_id: u32,
        stage: Stage,
        /// 0 to 1, within the stage.
        fraction: f64,
    },
    /// Attached: its CSV, its rejected rows and its rows, as
    /// [`ReportFiles::to_vec`](super::report_files::ReportFiles::to_vec)
    /// gives them.
    Complete {
        report_id: u32,
        outcome: Box<ReportOutcome>,
    },
    /// Follows `Complete`: the report's other CSVs (outages, days, the
    /// extended report, scorecard and roll-up), written once the report is
    /// on its way to the page, since most reports are never downloaded in
    /// these forms. Attached as
    /// [`LaterFiles::to_vec`](super::report_files::LaterFiles::to_vec)
    /// gives them, unless `problem` says why they could not be made.
    Downloads {
        report_id: u32,
        #[serde(default)]
        problem: Option<String>,
    },
    Failed {
        report_id: u32,
        reason: String,
    },
    Timeline {
        report_id: u32,
        store_id: String,
        outcome: TimelineOutcome,
    },
    Outages {
        report_id: u32,
        /// The query answered. The answer reaches the request that asked
        /// it ([`link::WorkerLink::ask`](super::link::WorkerLink::ask)),
        /// and the page shows it only while that query is the one on
        /// screen (a resource keyed by it).
        query: OutageQuery,
        outcome: OutagesOutcome,
    },
    Example {
        example: Box<ExampleMessage>,
    },
    /// The data worker's part workers are running (or could not start, and
    /// large files will be read whole): every worker the page needs is up.
    PartWorkersReady,
    /// A part worker's part: attached as one `ArrayBuffer` (the engine's
    /// `FilePart::encode`), unless `problem` says why it could not be read.
    PartRead {
        file_key: u64,
        index: usize,
        problem: Option<String>,
    },
    /// The file given to preview is a zip archive: its entries, for the
    /// page to give each readable one as a file of its own (instead of a
    /// preview of the archive, which is no data file).
    Archive {
        file_key: u64,
        outcome: ArchiveOutcome,
    },
}

/// A zip archive's entries, or why it cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArchiveOutcome {
    Opened { entries: Vec<ArchiveEntry> },
    Refused { problem: String },
}

/// One entry of a zip archive, with where its data lies in the archive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveEntry {
    /// Its path inside the archive.
    pub name: String,
    /// Its size once inflated, as the archive declares it.
    pub size: u64,
    pub content: EntryContent,
}

/// How the page makes a file of an entry, without copying its data: a
/// slice of the archive, between `before` and `after` (a deflated entry's
/// gzip header and trailer, which make it a gzip member; empty for a
/// stored entry) — or why it is not made a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryContent {
    Data {
        start: u64,
        end: u64,
        before: Vec<u8>,
        after: Vec<u8>,
    },
    /// Not a file of data (a folder, macOS metadata, a hidden file).
    Skipped {
        what: String,
    },
    /// A file that cannot be read (encrypted, an unknown compression), and why.
    Refused {
        why: String,
    },
}

/// An instant, as nanoseconds since 1970 for comparing and as the engine
/// writes it for reading.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Instant {
    pub unix_nanos: i64,
    pub text: String,
}

impl Instant {
    /// An engine instant, with its text as the engine writes it.
    pub fn of(at: engine::UtcInstant) -> Instant {
        Instant { unix_nanos: at.unix_nanos(), text: at.to_string() }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PreviewOutcome {
    Recognised(FilePreviewMessage),
    /// The file is none of the three kinds; the engine's explanation, which
    /// names the expected columns.
    Refused {
        problem: String,
        /// The file is no data file at all (no header of any kind: a
        /// README, an image, an empty file): inside a zip, it is skipped
        /// rather than refused.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        not_data: bool,
    },
    /// The browser could not read the file.
    Unreadable {
        problem: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePreviewMessage {
    pub kind: FileKind,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub row_count: u64,
    /// For a status file, its latest usable poll (a report's default
    /// "now"), found with the report's own row checks; `None` without one.
    pub latest_poll: Option<Instant>,
    /// For a status file, its earliest usable poll: a report time before
    /// it rests on no observed status (said before Generate).
    #[serde(default)]
    pub earliest_poll: Option<Instant>,
    /// For a groups file, its dimensions (region, brand…) as the engine
    /// reads them from its header; empty for the other kinds.
    #[serde(default)]
    pub dimensions: Vec<String>,
    /// For a groups file, its stores and each dimension's groups and stores
    /// with a value (the engine's `GroupsSummary`); `None` for the others.
    #[serde(default)]
    pub groups_summary: Option<GroupsSummaryMessage>,
}

/// A groups file's stores, and what each of its dimensions covers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupsSummaryMessage {
    /// Distinct stores with a row.
    pub stores: u64,
    /// In the file's column order: its name, groups and stores with a value.
    pub dimensions: Vec<(String, u64, u64)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Reading,
    Calculating,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::report::{
        DimensionMessage, FleetDay, FleetFreshness, Overview, RejectedRow, RollupRowMessage, ScorecardMessage,
        StoreScoreMessage, WorkerTiming,
    };
    use crate::protocol::{HeadlineMessage, OutageCountsMessage, StatesNowMessage};
    use engine::{Target, Units};

    #[test]
    fn replies_survive_the_trip_through_json() {
        let reply = Reply::Complete {
            report_id: 7,
            outcome: Box::new(ReportOutcome {
                now: "2023-01-25 18:13:22 UTC".into(),
                now_unix_nanos: 1_674_670_402_000_000_000,
                now_is_latest_poll: true,
                latest_poll: Some("2023-01-25 18:13:22 UTC".into()),
                default_zone: "America/Chicago".into(),
                units: Units::Hours,
                numeric_ids: true,
                rows: Vec::new(),
                store_count: 1,
                files: vec![],
                notices: vec!["no timezones file: every store is in the default timezone".into()],
                overview: Overview::default(),
                horizon_days: 30,
                fleet_days: vec![FleetDay { date: "2023-01-24".into(), business_nanos: 5, ..FleetDay::default() }],
                longest_outages: vec![],
                outage_total: 0,
                freshness: Some(FleetFreshness {
                    stale_after_minutes: 90,
                    stale: 3,
                    single_poll: 2,
                    no_poll_last_day: 1,
                }),
                rejections: vec![RejectedRow {
                    file: "status.csv".into(),
                    line: 3,
                    reason: "store_id is empty".into(),
                }],
                rejected_total: 1,
                rejected_listed: Some(1),
                timing: WorkerTiming::default(),
                scorecard: Some(ScorecardMessage {
                    fleet_target: Target::from_thousandths(99_500),
                    has_target: true,
                    dimensions: vec![DimensionMessage {
                        name: "Région, nord".into(),
                        groups: vec!["A".into(), "(none)".into()],
                    }],
                    stores: vec![StoreScoreMessage {
                        uptime_percent: Some(99.25),
                        target: Target::from_thousandths(99_000),
                        budget_left_minutes: Some(-12.5),
                        meets_target: Some(false),
                        change_downtime_nanos: Some(-60_000_000_000),
                        change_uptime_thousandths: Some(-1_250),
                        groups: vec![1],
                    }],
                    rollup: vec![RollupRowMessage { stores: 1, uptime_percent: None, ..RollupRowMessage::default() }],
                    without_previous: 1,
                    without_row: Some(3),
                }),
                headline: Some(HeadlineMessage {
                    uptime_tenths: [Some(853), None, Some(1000), Some(5)],
                    first_poll: Some("2023-01-18 12:00:00 UTC".into()),
                    down_now: 3,
                    ..HeadlineMessage::default()
                }),
                states_now: Some(StatesNowMessage { states: "udc".into(), down_since_nanos: vec![-5] }),
                outage_counts: Some(OutageCountsMessage { observed: 2, assumed_minutes: 1.5, ..Default::default() }),
            }),
        };
        let text = serde_json::to_string(&reply).expect("serialisable");
        let back: Reply = serde_json::from_str(&text).expect("readable");
        assert_eq!(back, reply);
    }

    #[test]
    fn a_reports_later_downloads_survive_the_trip_through_json() {
        for problem in [None, Some("out of memory".to_string())] {
            let reply = Reply::Downloads { report_id: 3, problem };
            let json = serde_json::to_string(&reply).expect("serialisable");
            assert_eq!(serde_json::from_str::<Reply>(&json).expect("readable"), reply);
        }
        // Without a problem written, none.
        let bare: Reply = serde_json::from_str(r#"{"type":"Downloads","report_id":4}"#).expect("readable");
        assert_eq!(bare, Reply::Downloads { report_id: 4, problem: None });
    }

    #[test]
    fn an_archives_entries_survive_the_trip_through_json() {
        let reply = Reply::Archive {
            file_key: 3,
            outcome: ArchiveOutcome::Opened {
                entries: vec![
                    ArchiveEntry {
                        name: "data/status.csv".to_string(),
                        size: 1 << 33,
                        content: EntryContent::Data {
                            start: 40,
                            end: (1 << 32) + 7,
                            before: vec![0x1f, 0x8b, 8],
                            after: vec![1, 2, 3, 4, 5, 6, 7, 8],
                        },
                    },
                    ArchiveEntry {
                        name: "__MACOSX/._status.csv".to_string(),
                        size: 10,
                        content: EntryContent::Skipped { what: "macOS metadata".to_string() },
                    },
                    ArchiveEntry {
                        name: "secret.csv".to_string(),
                        size: 10,
                        content: EntryContent::Refused { why: "it is encrypted".to_string() },
                    },
                ],
            },
        };
        let json = serde_json::to_string(&reply).expect("serialisable");
        assert_eq!(serde_json::from_str::<Reply>(&json).expect("readable"), reply);
        let refused = Reply::Archive { file_key: 4, outcome: ArchiveOutcome::Refused { problem: "cut".to_string() } };
        let json = serde_json::to_string(&refused).expect("serialisable");
        assert_eq!(serde_json::from_str::<Reply>(&json).expect("readable"), refused);
    }

    #[test]
    fn a_refused_file_is_a_data_file_unless_said() {
        // The flag is written only when set, and read as false when absent.
        let refused = PreviewOutcome::Refused { problem: "the header".to_string(), not_data: false };
        let json = serde_json::to_string(&refused).expect("serialisable");
        assert!(!json.contains("not_data"), "{json}");
        assert_eq!(serde_json::from_str::<PreviewOutcome>(&json).expect("readable"), refused);
        let readme = PreviewOutcome::Refused { problem: "no header".to_string(), not_data: true };
        let json = serde_json::to_string(&readme).expect("serialisable");
        assert_eq!(serde_json::from_str::<PreviewOutcome>(&json).expect("readable"), readme);
    }
}
