//! The messages between the page and its workers.
//!
//! A message is a small JSON text plus, beside it, what JSON would carry
//! badly: `File` handles from the page to a worker, and `ArrayBuffer`s from
//! a worker to the page (a report's CSV and rows, generated sample files),
//! which are transferred rather than copied. The JS envelope is
//! `{ json: string, attached: Array<File | ArrayBuffer> }`.

use serde::{Deserialize, Serialize};

use engine::Units;

/// The property of the envelope holding the JSON text.
pub const JSON_KEY: &str = "json";
/// The property of the envelope holding files or buffers, in the order the
/// message names them.
pub const ATTACHED_KEY: &str = "attached";

/// How many rejected rows a report sends for the screen; the full list goes
/// in the downloadable CSV.
pub const REJECTIONS_ON_SCREEN: usize = 2_000;

/// Stores in the "Try with sample data" set: enough to look real, few
/// enough to be instant.
pub const SAMPLE_STORES: usize = 300;
pub const SAMPLE_SEED: u64 = 2023;

/// From the page to a worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Request {
    /// Recognise the attached file and preview it for its slot.
    Preview { file_key: u64 },
    /// Generate the sample data set.
    Sample,
    /// Make a report from the attached files, read in the order attached.
    Report { report_id: u32, settings: ReportSettingsMessage },
    /// Explain one store's figures in a report: its week drawn on one axis.
    /// The report worker keeps the data of its latest report; for another
    /// report, the page attaches the report's files and `rebuild`, and the
    /// worker reads them again (and keeps them in place of the latest).
    Timeline { report_id: u32, store_id: String, rebuild: Option<Rebuild> },
    /// The small worked example of "How it is computed".
    Example,
}

/// What a report's data is read again with, to explain its stores: the
/// report's exact "now" and default timezone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rebuild {
    pub now_unix_nanos: i64,
    pub default_zone: String,
}

/// The user's settings for one report, as the page read them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSettingsMessage {
    /// A timestamp in any format the status file accepts; `None` for the
    /// latest poll.
    pub now: Option<String>,
    pub default_zone: String,
    pub units: UnitsChoice,
}

/// [`Units`], in a form that crosses the worker boundary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnitsChoice {
    #[default]
    Minutes,
    Hours,
}

impl From<UnitsChoice> for Units {
    fn from(choice: UnitsChoice) -> Units {
        match choice {
            UnitsChoice::Minutes => Units::Minutes,
            UnitsChoice::Hours => Units::Hours,
        }
    }
}

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
    /// Attached, in order: the report's CSV and the rejected rows' CSV as
    /// `Blob`s (to download and to keep), the rows as [`encode_rows`] writes
    /// them as two `ArrayBuffer`s (store ids, then the figures as
    /// little-endian `f64`s, to read now), and the same two as `Blob`s (to
    /// keep).
    Complete {
        report_id: u32,
        outcome: Box<ReportOutcome>,
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
    Example {
        example: Box<ExampleMessage>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TimelineOutcome {
    Drawn(Box<TimelineMessage>),
    Unavailable { reason: String },
}

/// One store's last week, for drawing: every time is in seconds from the
/// start of the week (exact enough for a drawing; the figures are exact),
/// and every text is the store's wall-clock time, as the engine's timezone
/// rules give it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineMessage {
    pub zone: String,
    /// Whether the zone came from the timezones file (else the default).
    pub zone_from_file: bool,
    /// No business-hours rows: open 24x7.
    pub always_open: bool,
    pub week_start: String,
    pub now: String,
    pub week_seconds: f64,
    /// Business hours, sorted and disjoint.
    pub business: Vec<Span>,
    /// The status, changing only at polls.
    pub status: Vec<Span>,
    /// Business time counted as up (`active`) or down.
    pub counted: Vec<Span>,
    pub polls: Vec<PollMark>,
    pub polls_before: usize,
    pub polls_after: usize,
    /// The store's local days, each from its midnight to the next: 23 or
    /// 25 hours long on a daylight-saving day.
    pub days: Vec<DayMark>,
    /// Every whole hour of the store's clock within the week: where it
    /// falls, and the hour (0 to 23).
    pub local_hours: Vec<(f64, u8)>,
    /// Hour, day and week, in that order.
    pub windows: Vec<WindowMark>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub start: f64,
    pub end: f64,
    pub active: bool,
    /// When, on the store's clock: "Tue 24 Jan 12:00–15:30".
    pub local: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PollMark {
    pub at: f64,
    pub active: bool,
    /// The poll's exact time, on the store's clock and in UTC.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayMark {
    /// "2023-03-12".
    pub date: String,
    /// "Sun 12 Mar".
    pub label: String,
    pub start: f64,
    pub end: f64,
}

impl DayMark {
    /// Whole hours, as a day on the wall clock lasts: 23, 24 or 25.
    pub fn hours(&self) -> f64 {
        ((self.end - self.start) / 3600.0 * 100.0).round() / 100.0
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowMark {
    pub start: f64,
    /// The window's start on the store's clock.
    pub local_start: String,
    /// In nanoseconds: `[business time, uptime, downtime]`.
    pub figures: [i64; 3],
}

/// The worked example of "How it is computed": its files, as the page
/// shows them, and the engine's timeline of its one store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExampleMessage {
    pub files: Vec<(String, String)>,
    pub store_id: String,
    pub timeline: TimelineMessage,
    /// The business time of the last day, counted as up or down: the
    /// timeline's counted spans cut at the day's start.
    pub last_day: Vec<Span>,
}

/// An instant, as nanoseconds since 1970 for comparing and as the engine
/// writes it for reading.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Instant {
    pub unix_nanos: i64,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PreviewOutcome {
    Recognised(FilePreviewMessage),
    /// The file is none of the three kinds; the engine's explanation, which
    /// names the expected columns.
    Refused {
        problem: String,
    },
    /// The browser could not read the file.
    Unreadable {
        problem: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePreviewMessage {
    pub kind: KindMessage,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub row_count: u64,
    /// For a status file, its latest usable poll (a report's default
    /// "now"), found with the report's own row checks; `None` without one.
    pub latest_poll: Option<Instant>,
}

/// [`engine::FileKind`], in a form that crosses the worker boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum KindMessage {
    StatusPolls,
    BusinessHours,
    Timezones,
}

impl From<engine::FileKind> for KindMessage {
    fn from(kind: engine::FileKind) -> Self {
        match kind {
            engine::FileKind::StatusPolls => KindMessage::StatusPolls,
            engine::FileKind::BusinessHours => KindMessage::BusinessHours,
            engine::FileKind::Timezones => KindMessage::Timezones,
        }
    }
}

impl From<KindMessage> for engine::FileKind {
    fn from(kind: KindMessage) -> Self {
        match kind {
            KindMessage::StatusPolls => engine::FileKind::StatusPolls,
            KindMessage::BusinessHours => engine::FileKind::BusinessHours,
            KindMessage::Timezones => engine::FileKind::Timezones,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Reading,
    Calculating,
}

/// Everything the page shows of a finished report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportOutcome {
    /// The end of the windows, as the engine writes an instant.
    pub now: String,
    /// The same instant, exactly, to read the report's data again with.
    pub now_unix_nanos: i64,
    pub now_is_latest_poll: bool,
    /// The latest poll of the status files, whatever "now" was.
    pub latest_poll: Option<String>,
    pub default_zone: String,
    pub units: UnitsChoice,
    /// True when every store id is an integer, so ids sort as numbers.
    pub numeric_ids: bool,
    /// In the report's (and the CSV's) order. Travels in buffers beside the
    /// JSON (see [`encode_rows`]): 14,000 rows decode ten times faster so.
    #[serde(skip)]
    pub rows: Vec<StoreRow>,
    pub store_count: usize,
    pub files: Vec<FileUse>,
    /// What the user should know about the files besides bad rows: files
    /// combined, assumptions made, files that match no polled store; each
    /// a sentence.
    pub notices: Vec<String>,
    pub overview: Overview,
    /// The first [`REJECTIONS_ON_SCREEN`] rejected rows.
    pub rejections: Vec<RejectedRow>,
    /// Every rejected row, listed or not.
    pub rejected_total: u64,
    /// The rejected rows in the download: those the engine listed, up to
    /// its cap. Kept reports from before this field read `None`, and were
    /// made with the engine's default cap.
    #[serde(default)]
    pub rejected_listed: Option<u64>,
    pub timing: WorkerTiming,
}

/// One store's figures. The id stays text: real ids exceed 2^53.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreRow {
    pub store_id: String,
    /// Nanoseconds of uptime and downtime per window (hour, day, week):
    /// `[up_hour, down_hour, up_day, down_day, up_week, down_week]`.
    pub figures: [i64; 6],
    /// Nanoseconds of business time per window.
    pub business: [i64; 3],
}

/// Numbers per store in the figures buffer: uptime, downtime and business
/// time of each window. As `f64`, which holds whole nanoseconds exactly up
/// to 2^53 ns (104 days), beyond the week any figure can reach.
pub const FIGURES_PER_STORE: usize = 9;

/// The rows as two buffers: the store ids, one per line (the engine never
/// accepts a control character in an id), and a `Float64Array` of figures.
pub fn encode_rows(rows: &[StoreRow]) -> (String, Vec<f64>) {
    let mut ids = String::with_capacity(rows.len() * 20);
    let mut figures = Vec::with_capacity(rows.len() * FIGURES_PER_STORE);
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            ids.push('\n');
        }
        ids.push_str(&row.store_id);
        for window in 0..3 {
            figures.push(row.figures[2 * window] as f64);
            figures.push(row.figures[2 * window + 1] as f64);
            figures.push(row.business[window] as f64);
        }
    }
    (ids, figures)
}

/// Reads back what [`encode_rows`] wrote, checking it holds `count` rows.
pub fn decode_rows(count: usize, ids: &str, figures: &[f64]) -> Result<Vec<StoreRow>, String> {
    if figures.len() != count * FIGURES_PER_STORE {
        return Err(format!("{} figures for {count} stores", figures.len()));
    }
    let ids: Vec<&str> = if count == 0 { Vec::new() } else { ids.split('\n').collect() };
    if ids.len() != count {
        return Err(format!("{} store ids for {count} stores", ids.len()));
    }
    Ok(ids
        .into_iter()
        .zip(figures.chunks_exact(FIGURES_PER_STORE))
        .map(|(id, numbers)| StoreRow {
            store_id: id.to_string(),
            figures: [0, 1, 3, 4, 6, 7].map(|i| numbers[i] as i64),
            business: [2, 5, 8].map(|i| numbers[i] as i64),
        })
        .collect())
}

/// The fleet at a glance (the engine's `FleetOverview`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    /// Stores with business time in the last hour.
    pub open_last_hour: usize,
    /// Stores with downtime in the last hour.
    pub down_last_hour: usize,
    /// The first of those, most downtime first.
    pub most_down_last_hour: Vec<StoreMention>,
    /// Stores by weekly uptime: bin `i` holds `[10 i, 10 i + 10)` percent,
    /// the last one also 100 %.
    pub weekly_uptime_bins: Vec<usize>,
    /// Stores closed all week, left out of the bins.
    pub no_business_time: usize,
    /// The stores with the lowest weekly uptime.
    pub least_available: Vec<StoreMention>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreMention {
    pub store_id: String,
    pub uptime_nanos: i64,
    pub downtime_nanos: i64,
}

/// How many stores the overview names in each list.
pub const OVERVIEW_MENTIONS: usize = 10;

/// What a report made of one input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileUse {
    pub name: String,
    pub kind: KindMessage,
    pub bytes: u64,
    pub rows: u64,
    pub used: u64,
    pub rejected: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRow {
    pub file: String,
    pub line: u64,
    pub reason: String,
}

/// Milliseconds spent in the worker, by step, and the memory it took.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkerTiming {
    pub reading_ms: f64,
    pub calculating_ms: f64,
    pub writing_ms: f64,
    /// The worker's WebAssembly memory at the end: its peak, since that
    /// memory never shrinks. Kept reports from before this field read 0.
    #[serde(default)]
    pub memory_bytes: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

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
                units: UnitsChoice::Hours,
                numeric_ids: true,
                rows: Vec::new(),
                store_count: 1,
                files: vec![],
                notices: vec!["no timezones file: every store is in the default timezone".into()],
                overview: Overview::default(),
                rejections: vec![RejectedRow {
                    file: "status.csv".into(),
                    line: 3,
                    reason: "store_id is empty".into(),
                }],
                rejected_total: 1,
                rejected_listed: Some(1),
                timing: WorkerTiming::default(),
            }),
        };
        let text = serde_json::to_string(&reply).expect("serialisable");
        let back: Reply = serde_json::from_str(&text).expect("readable");
        assert_eq!(back, reply);
    }

    #[test]
    fn rows_survive_the_trip_through_buffers() {
        let rows = vec![
            StoreRow {
                store_id: "8419537941919820732".into(),
                figures: [60_000_000_000, 0, 1, 2, 3, 604_800_000_000_000],
                business: [60_000_000_000, 3, 604_800_000_000_003],
            },
            StoreRow { store_id: "b5d0a65d-6d54 x".into(), figures: [0; 6], business: [0; 3] },
        ];
        let (ids, figures) = encode_rows(&rows);
        assert_eq!(decode_rows(2, &ids, &figures), Ok(rows));
        assert_eq!(decode_rows(0, "", &[]), Ok(Vec::new()));
        assert!(decode_rows(3, &ids, &figures).is_err());
    }
}
