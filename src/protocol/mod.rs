//! The messages between the page and its workers.
//!
//! A message is a small JSON text plus, beside it, what JSON would carry
//! badly: `File` handles from the page to a worker, and `ArrayBuffer`s from
//! a worker to the page (a report's CSV and rows, generated sample files),
//! which are transferred rather than copied. The JS envelope is
//! `{ json: string, attached: Array<File | ArrayBuffer> }`.
//!
//! The engine's small value types ([`FileKind`], [`Units`]) travel as they
//! are, through the engine's `serde` feature; the messages below hold what
//! has no such type in the engine, or a form of it made for the page.

pub mod envelope;
pub mod link;

use serde::{Deserialize, Serialize};

use engine::{FileKind, Target, Units};

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
    /// Parse the attached file, keep its data for the reports to come, and
    /// preview it for its slot (its kind, first rows, row count and latest
    /// poll come out of that one parse).
    Preview { file_key: u64 },
    /// The page no longer has this file: free its data.
    Forget { file_key: u64 },
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
    /// The report worker keeps the settings of its latest report and the
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
    /// Attached, in order ([`COMPLETE_ATTACHMENTS`]): the report's CSV, the
    /// rejected rows' CSV, the outage list's CSV and the per-day table's CSV
    /// as `Blob`s (to download and to keep), the rows as [`encode_rows`]
    /// writes them as three `ArrayBuffer`s (store ids, the figures as
    /// little-endian `f64`s, the days as little-endian `f32`s, to read now),
    /// and the same three as `Blob`s (to keep).
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
    Outages {
        report_id: u32,
        /// The query answered, so that the page can tell a late answer
        /// from the one it waits for.
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TimelineOutcome {
    Drawn(Box<TimelineMessage>),
    Unavailable { reason: String },
}

/// One store's last week, or the report's horizon when it is longer, for
/// drawing: every time is in seconds from the start of that axis (exact
/// enough for a drawing; the figures are exact),
/// and every text is the store's wall-clock time, as the engine's timezone
/// rules give it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineMessage {
    pub zone: String,
    /// Whether the zone came from the timezones file (else the default).
    pub zone_from_file: bool,
    /// No business-hours rows: open 24x7.
    pub always_open: bool,
    /// Where the drawing's axis starts: a week, or the horizon, before now.
    pub axis_start: String,
    pub now: String,
    /// The axis's length; now is at its end.
    pub axis_seconds: f64,
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
    /// Every whole hour of the store's clock on the axis: where it
    /// falls, and the hour (0 to 23).
    pub local_hours: Vec<(f64, u8)>,
    /// Hour, day and week, in that order.
    pub windows: Vec<WindowMark>,
    /// The store's outages over the report's horizon, by start.
    #[serde(default)]
    pub outages: Vec<OutageMark>,
    /// The report's horizon, in days.
    #[serde(default = "default_horizon_days")]
    pub horizon_days: u32,
}

/// One outage of a store, as the outage list writes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutageMark {
    /// Seconds from the start of the drawing's axis.
    pub start: f64,
    pub end: f64,
    /// RFC 3339 on the store's clock, with its offset.
    pub local_start: String,
    pub local_end: String,
    pub length_nanos: i64,
    pub ongoing: bool,
    pub before_first_poll: bool,
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
    pub units: Units,
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
    /// The horizon of the outages and days, in days; 7 for kept reports
    /// from before it was a setting.
    #[serde(default = "default_horizon_days")]
    pub horizon_days: u32,
    /// The whole fleet on each date of the horizon (in any store's zone).
    #[serde(default)]
    pub fleet_days: Vec<FleetDay>,
    /// The first page of the fleet's outage list, longest first (the
    /// answer to the default [`OutageQuery`], so that it shows at once):
    /// the [`OUTAGES_LISTED`] longest. The page asks for others.
    #[serde(default)]
    pub longest_outages: Vec<FleetOutage>,
    /// Every outage of the horizon, listed or not.
    #[serde(default)]
    pub outage_total: u64,
    /// How fresh the fleet's data is; `None` for reports kept before it
    /// was computed (their rows have no freshness either).
    #[serde(default)]
    pub freshness: Option<FleetFreshness>,
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
    /// Each store against its target and the period before, with its
    /// groups, and the roll-up; `None` for reports kept before they were
    /// computed.
    #[serde(default)]
    pub scorecard: Option<ScorecardMessage>,
}

/// How many files a complete report attaches: five CSV blobs (the report,
/// rejected rows, outages, days, the extended report), three row buffers,
/// the same three as blobs, then the scorecard's and the roll-up's CSVs.
pub const COMPLETE_ATTACHMENTS: usize = 13;

/// The engine's `Scorecard` and `Rollup` as the page shows them: figures
/// already judged by the engine (meets, budgets, changes), so that the page
/// computes none of them. Percents are the engine's exact ratios as floats,
/// for drawing and sorting; the CSV downloads hold the rounded texts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScorecardMessage {
    pub fleet_target: Option<Target>,
    /// Whether any store has a target (the fleet's or its own).
    pub has_target: bool,
    /// The groups file's dimensions, in its column order, with their groups.
    pub dimensions: Vec<DimensionMessage>,
    /// One per report row, in the report's order.
    pub stores: Vec<StoreScoreMessage>,
    /// The fleet's row first, then each dimension's groups in order.
    pub rollup: Vec<RollupRowMessage>,
    /// Stores with no poll in the period before: nothing to compare.
    pub without_previous: u64,
    /// The report's stores the groups file has no row for; `None` in
    /// reports kept before it was counted.
    #[serde(default)]
    pub without_row: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionMessage {
    pub name: String,
    /// In byte order of their text, `(none)` last.
    pub groups: Vec<String>,
}

/// One store's figures over the horizon against its target and the period
/// before. Short names: a report of 14,000 stores carries 14,000 of these
/// in its JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoreScoreMessage {
    /// Uptime over business time, in percent; `None` without business time.
    #[serde(rename = "u")]
    pub uptime_percent: Option<f64>,
    /// Its target (its own, else the fleet's).
    #[serde(rename = "t")]
    pub target: Option<Target>,
    /// Allowed downtime − downtime, in minutes: negative for a miss.
    #[serde(rename = "b")]
    pub budget_left_minutes: Option<f64>,
    #[serde(rename = "m")]
    pub meets_target: Option<bool>,
    /// Downtime − previous downtime, in nanoseconds.
    #[serde(rename = "cd")]
    pub change_downtime_nanos: Option<i64>,
    /// Uptime percent − previous uptime percent, in thousandths of a
    /// percentage point, as the engine rounds it.
    #[serde(rename = "cu")]
    pub change_uptime_thousandths: Option<i64>,
    /// Its group in each dimension: an index into its groups.
    #[serde(rename = "g")]
    pub groups: Vec<u32>,
}

/// One row of the roll-up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RollupRowMessage {
    /// `None` for the fleet.
    pub dimension: Option<usize>,
    pub group: usize,
    pub stores: u32,
    pub business_minutes: f64,
    pub downtime_minutes: f64,
    /// Pooled: weighted by business time.
    pub uptime_percent: Option<f64>,
    pub median_store_uptime_percent: Option<f64>,
    pub stores_meeting_target: Option<u32>,
    pub stores_missing_target: Option<u32>,
    pub budget_left_minutes: Option<f64>,
    pub previous_uptime_percent: Option<f64>,
    /// In thousandths of a percentage point.
    pub change_uptime_thousandths: Option<i64>,
}

/// The fleet's freshness at the report's now, with the limit it was judged by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetFreshness {
    pub stale_after_minutes: u32,
    /// Stores whose latest poll is older than the limit (or after now only).
    pub stale: u64,
    /// Stores with one poll in the files, all told.
    pub single_poll: u64,
    /// Stores with no poll in the last day.
    pub no_poll_last_day: u64,
}

/// How fresh one store's data is (the engine's `Freshness`, judged).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreFreshness {
    /// Its latest poll at or before now; `None` when its polls are all after.
    pub latest_poll: Option<LatestPollAt>,
    /// Its polls in the last hour, day and week.
    pub polls: [u64; 3],
    /// Decided in the worker by `engine::Freshness::is_stale`.
    pub stale: bool,
    pub hours_source: engine::HoursSource,
    pub zone_source: engine::ZoneSource,
}

/// A store's latest poll, and its clock's offset from UTC then.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LatestPollAt {
    pub unix_nanos: i64,
    pub utc_offset_seconds: i32,
}

/// One store's figures. The id stays text: real ids exceed 2^53.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreRow {
    pub store_id: String,
    /// Nanoseconds of uptime and downtime per window (hour, day, week):
    /// `[up_hour, down_hour, up_day, down_day, up_week, down_week]`.
    pub figures: [i64; 6],
    /// Nanoseconds of business time per window.
    pub business: [i64; 3],
    /// Its outages over the report's horizon.
    pub outages: OutageSummary,
    /// Its local days over the report's horizon.
    pub days: StoreDays,
    /// `None` for reports kept before freshness was computed.
    pub freshness: Option<StoreFreshness>,
    /// Against its target and the period before: a copy of its entry in
    /// the outcome's scorecard (see [`attach_scores`]), which travels in the
    /// JSON, not in the rows' buffers; `None` for reports kept before.
    pub score: Option<StoreScoreMessage>,
}

/// Gives each row its entry of the outcome's scorecard (in the same order),
/// once the rows are decoded; rows stay without when the counts differ.
pub fn attach_scores(outcome: &mut ReportOutcome) {
    let Some(card) = outcome.scorecard.as_ref() else { return };
    if card.stores.len() != outcome.rows.len() {
        return;
    }
    for (row, score) in outcome.rows.iter_mut().zip(&card.stores) {
        row.score = Some(score.clone());
    }
}

/// A store's outages over the horizon, in brief.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutageSummary {
    pub count: u32,
    /// Nanoseconds of the longest outage.
    pub longest_nanos: i64,
    /// Nanoseconds of all outages together: the downtime over the horizon.
    pub total_nanos: i64,
}

impl OutageSummary {
    pub fn mean_nanos(&self) -> Option<i64> {
        (self.count > 0).then(|| self.total_nanos / i64::from(self.count))
    }
}

/// A store's local days over the horizon, for its day strip.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoreDays {
    /// The first date, in days since 1970-01-01.
    pub first_date: i32,
    /// One per date from `first_date` on.
    pub cells: Vec<DayCell>,
}

/// One local day of a store: minutes, as `f32` (a strip needs no more).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DayCell {
    pub business_minutes: f32,
    pub uptime_minutes: f32,
    pub downtime_minutes: f32,
    pub polls: u32,
}

/// Numbers per store in the figures buffer: uptime, downtime and business
/// time of each window, then the outages' count, longest and total. As
/// `f64`, which holds whole nanoseconds exactly up to 2^53 ns (104 days),
/// beyond the week any window's figure can reach; an outage summary of a
/// longer horizon is exact to a few nanoseconds, more than a page shows.
pub const FIGURES_PER_STORE: usize = 21;
/// The figures of reports kept before freshness was computed.
const FIGURES_PER_STORE_BEFORE_FRESHNESS: usize = 12;
/// The figures of reports kept before outages were computed: the windows only.
const FIGURES_PER_STORE_BEFORE_OUTAGES: usize = 9;
/// The freshness numbers of a store, after the outages: its latest poll's
/// whole seconds since 1970 and their nanoseconds (NaN without a latest
/// poll; two numbers, since nanoseconds since 1970 exceed 2^53), the UTC
/// offset then in seconds, its polls per window, stale (0 or 1), and where
/// its hours and timezone came from (their positions in the lists below).
const FRESHNESS_NUMBERS: usize = 9;
const HOURS_SOURCES: [engine::HoursSource; 2] = [engine::HoursSource::File, engine::HoursSource::OpenAllWeek];
const ZONE_SOURCES: [engine::ZoneSource; 3] =
    [engine::ZoneSource::File, engine::ZoneSource::UnknownNameDefault, engine::ZoneSource::Default];

fn encode_freshness(freshness: Option<&StoreFreshness>, figures: &mut Vec<f64>) {
    let Some(fresh) = freshness else {
        // A row without freshness among rows with it cannot be written
        // apart: NaN everywhere reads back as none.
        figures.extend([f64::NAN; FRESHNESS_NUMBERS]);
        return;
    };
    match fresh.latest_poll {
        Some(latest) => figures.extend([
            latest.unix_nanos.div_euclid(1_000_000_000) as f64,
            latest.unix_nanos.rem_euclid(1_000_000_000) as f64,
            f64::from(latest.utc_offset_seconds),
        ]),
        None => figures.extend([f64::NAN, 0.0, 0.0]),
    }
    figures.extend(fresh.polls.map(|polls| polls as f64));
    figures.push(if fresh.stale { 1.0 } else { 0.0 });
    let position = |found: Option<usize>| found.map_or(f64::NAN, |i| i as f64);
    figures.push(position(HOURS_SOURCES.iter().position(|&source| source == fresh.hours_source)));
    figures.push(position(ZONE_SOURCES.iter().position(|&source| source == fresh.zone_source)));
}

fn decode_freshness(numbers: &[f64]) -> Option<StoreFreshness> {
    let &[seconds, nanos, offset, hour, day, week, stale, hours, zone] = numbers else {
        return None;
    };
    let source = |number: f64| (number.is_finite() && number >= 0.0).then_some(number as usize);
    let latest_poll = (!seconds.is_nan()).then(|| LatestPollAt {
        unix_nanos: (seconds as i64).saturating_mul(1_000_000_000).saturating_add(nanos as i64),
        utc_offset_seconds: offset as i32,
    });
    Some(StoreFreshness {
        latest_poll,
        polls: [hour, day, week].map(|polls| polls as u64),
        stale: stale == 1.0,
        hours_source: *HOURS_SOURCES.get(source(hours)?)?,
        zone_source: *ZONE_SOURCES.get(source(zone)?)?,
    })
}
/// Numbers per day in the days buffer.
const NUMBERS_PER_DAY: usize = 4;

/// The rows as three buffers: the store ids, one per line (the engine never
/// accepts a control character in an id), a `Float64Array` of figures, and
/// a `Float32Array` of days: per store its first date, its number of
/// dates, then business, uptime, downtime and polls of each.
pub fn encode_rows(rows: &[StoreRow]) -> (String, Vec<f64>, Vec<f32>) {
    let mut ids = String::with_capacity(rows.len() * 20);
    let mut figures = Vec::with_capacity(rows.len() * FIGURES_PER_STORE);
    let mut days = Vec::with_capacity(rows.iter().map(|row| 2 + NUMBERS_PER_DAY * row.days.cells.len()).sum());
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
        figures.push(f64::from(row.outages.count));
        figures.push(row.outages.longest_nanos as f64);
        figures.push(row.outages.total_nanos as f64);
        encode_freshness(row.freshness.as_ref(), &mut figures);
        // Dates since 1970 and counts of a horizon are far below 2^24, the
        // integers an f32 holds exactly.
        days.push(row.days.first_date as f32);
        days.push(row.days.cells.len() as f32);
        for cell in &row.days.cells {
            days.extend([cell.business_minutes, cell.uptime_minutes, cell.downtime_minutes, cell.polls as f32]);
        }
    }
    (ids, figures, days)
}

/// Reads back what [`encode_rows`] wrote, checking it holds `count` rows.
/// A report kept before outages were computed has fewer figures and no
/// days: its rows read with none.
pub fn decode_rows(count: usize, ids: &str, figures: &[f64], days: &[f32]) -> Result<Vec<StoreRow>, String> {
    let per_store = if figures.len() == count * FIGURES_PER_STORE {
        FIGURES_PER_STORE
    } else if figures.len() == count * FIGURES_PER_STORE_BEFORE_FRESHNESS {
        FIGURES_PER_STORE_BEFORE_FRESHNESS
    } else if figures.len() == count * FIGURES_PER_STORE_BEFORE_OUTAGES {
        FIGURES_PER_STORE_BEFORE_OUTAGES
    } else {
        return Err(format!("{} figures for {count} stores", figures.len()));
    };
    let ids: Vec<&str> = if count == 0 { Vec::new() } else { ids.split('\n').collect() };
    if ids.len() != count {
        return Err(format!("{} store ids for {count} stores", ids.len()));
    }
    let mut days = days.iter().copied();
    let mut rows = Vec::with_capacity(count);
    for (id, numbers) in ids.into_iter().zip(figures.chunks_exact(per_store)) {
        let outages = match numbers.get(9..12) {
            Some(&[count, longest, total]) => {
                OutageSummary { count: count as u32, longest_nanos: longest as i64, total_nanos: total as i64 }
            }
            _ => OutageSummary::default(),
        };
        let store_days = match (days.next(), days.next()) {
            (Some(first_date), Some(dates)) => {
                let mut cells = Vec::with_capacity(dates as usize);
                for _ in 0..dates as usize {
                    let mut next = || days.next().ok_or_else(|| format!("the days of store {id} are cut short"));
                    cells.push(DayCell {
                        business_minutes: next()?,
                        uptime_minutes: next()?,
                        downtime_minutes: next()?,
                        polls: next()? as u32,
                    });
                }
                StoreDays { first_date: first_date as i32, cells }
            }
            _ => StoreDays::default(),
        };
        rows.push(StoreRow {
            store_id: id.to_string(),
            figures: [0, 1, 3, 4, 6, 7].map(|i| numbers[i] as i64),
            business: [2, 5, 8].map(|i| numbers[i] as i64),
            outages,
            days: store_days,
            freshness: numbers.get(12..).and_then(decode_freshness),
            score: None,
        });
    }
    if days.next().is_some() {
        return Err("more days than stores".to_string());
    }
    Ok(rows)
}

/// The whole fleet on one date: the sums over every store whose zone has
/// that date in the horizon.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetDay {
    /// "2023-01-24".
    pub date: String,
    pub business_nanos: i64,
    pub uptime_nanos: i64,
    pub downtime_nanos: i64,
    /// Stores with business time that date, and those of them down at some point.
    pub open_stores: u32,
    pub down_stores: u32,
}

/// Which of the fleet's outages to list: a page of [`OUTAGES_LISTED`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OutageQuery {
    /// Only stores whose id contains this, ignoring case and the spaces
    /// around it; every store when empty.
    pub filter: String,
    pub order: OutageOrder,
    /// How many of the matching outages, in that order, come before the page.
    pub offset: u64,
}

/// The order of the fleet's outage list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OutageOrder {
    /// Longest first; equal lengths by start, then in the report's order.
    #[default]
    Longest,
    /// Latest start first; equal starts longest first.
    Latest,
    /// Earliest start first; equal starts longest first.
    Earliest,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutagesOutcome {
    Listed {
        /// How many outages match the filter, on every page.
        matching: u64,
        /// At most [`OUTAGES_LISTED`] of them, from the query's offset.
        outages: Vec<FleetOutage>,
    },
    Unavailable {
        reason: String,
    },
}

/// One outage in the fleet's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetOutage {
    pub store_id: String,
    /// RFC 3339, on the store's clock with its offset.
    pub start_local: String,
    pub end_local: String,
    pub length_nanos: i64,
    pub ongoing: bool,
    pub before_first_poll: bool,
}

/// The floors of the bins of reports kept before the bins were finer.
fn ten_percent_floors() -> Vec<u32> {
    (0..10).map(|bin| bin * 100).collect()
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
    /// Stores by weekly uptime: bin `i` holds the shares from floor `i` up
    /// to floor `i + 1` (the last: up to 100 % included).
    pub weekly_uptime_bins: Vec<usize>,
    /// The bins' floors, in tenths of a percent (the engine's
    /// `UPTIME_BIN_FLOORS_PERMILLE`); reports kept before there were such
    /// floors had bins of 10 %.
    #[serde(default = "ten_percent_floors")]
    pub weekly_uptime_floors_permille: Vec<u32>,
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

/// How many of the fleet's outages the page lists at a time (a page of
/// the list); the download has every one.
pub const OUTAGES_LISTED: usize = 200;

/// How many stores the overview names in each list.
pub const OVERVIEW_MENTIONS: usize = 10;

/// What a report made of one input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileUse {
    pub name: String,
    pub kind: FileKind,
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
            }),
        };
        let text = serde_json::to_string(&reply).expect("serialisable");
        let back: Reply = serde_json::from_str(&text).expect("readable");
        assert_eq!(back, reply);
    }

    fn two_rows() -> Vec<StoreRow> {
        vec![
            StoreRow {
                store_id: "8419537941919820732".into(),
                figures: [60_000_000_000, 0, 1, 2, 3, 604_800_000_000_000],
                business: [60_000_000_000, 3, 604_800_000_000_003],
                outages: OutageSummary { count: 2, longest_nanos: 90_000_000_000, total_nanos: 120_000_000_000 },
                days: StoreDays {
                    first_date: 19_380,
                    cells: vec![
                        DayCell { business_minutes: 780.0, uptime_minutes: 729.04, downtime_minutes: 50.96, polls: 19 },
                        DayCell { business_minutes: 0.0, uptime_minutes: 0.0, downtime_minutes: 0.0, polls: 0 },
                    ],
                },
                freshness: Some(StoreFreshness {
                    latest_poll: Some(LatestPollAt {
                        unix_nanos: 1_674_670_402_123_456_789,
                        utc_offset_seconds: -21_600,
                    }),
                    polls: [1, 24, 168],
                    stale: false,
                    hours_source: engine::HoursSource::OpenAllWeek,
                    zone_source: engine::ZoneSource::UnknownNameDefault,
                }),
                score: None,
            },
            StoreRow {
                store_id: "b5d0a65d-6d54 x".into(),
                figures: [0; 6],
                business: [0; 3],
                outages: OutageSummary::default(),
                days: StoreDays::default(),
                freshness: Some(StoreFreshness {
                    latest_poll: None,
                    polls: [0, 0, 0],
                    stale: true,
                    hours_source: engine::HoursSource::File,
                    zone_source: engine::ZoneSource::Default,
                }),
                score: None,
            },
        ]
    }

    #[test]
    fn rows_survive_the_trip_through_buffers() {
        let rows = two_rows();
        let (ids, figures, days) = encode_rows(&rows);
        assert_eq!(decode_rows(2, &ids, &figures, &days), Ok(rows));
        assert_eq!(decode_rows(0, "", &[], &[]), Ok(Vec::new()));
        assert!(decode_rows(3, &ids, &figures, &days).is_err());
        assert!(decode_rows(2, &ids, &figures, &days[..days.len() - 3]).is_err());
        assert!(decode_rows(2, &ids, &figures, &[days.as_slice(), &[1.0]].concat()).is_err());
    }

    #[test]
    fn rows_kept_before_freshness_read_with_none() {
        let rows = two_rows();
        let (ids, figures, days) = encode_rows(&rows);
        let without: Vec<f64> = figures.chunks_exact(FIGURES_PER_STORE).flat_map(|f| f[..12].to_vec()).collect();
        let read = decode_rows(2, &ids, &without, &days).expect("readable");
        assert_eq!(read[0].outages, rows[0].outages);
        assert_eq!((read[0].freshness, read[1].freshness), (None, None));
        // A row without freshness among rows with it reads back without.
        let mut mixed = two_rows();
        mixed[1].freshness = None;
        let (ids, figures, days) = encode_rows(&mixed);
        assert_eq!(decode_rows(2, &ids, &figures, &days), Ok(mixed));
    }

    #[test]
    fn rows_kept_before_outages_read_with_none() {
        let rows = two_rows();
        let (ids, figures, _) = encode_rows(&rows);
        let windows_only: Vec<f64> = figures.chunks_exact(FIGURES_PER_STORE).flat_map(|f| f[..9].to_vec()).collect();
        let read = decode_rows(2, &ids, &windows_only, &[]).expect("readable");
        assert_eq!(read[0].figures, rows[0].figures);
        assert_eq!(read[0].business, rows[0].business);
        assert_eq!(read[0].outages, OutageSummary::default());
        assert_eq!(read[0].days, StoreDays::default());
    }

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

    #[test]
    fn settings_kept_before_the_horizon_read_as_a_week() {
        let old = r#"{"now":null,"default_zone":"America/Chicago","units":"Minutes"}"#;
        let settings: ReportSettingsMessage = serde_json::from_str(old).expect("readable");
        assert_eq!(settings.horizon_days, 7);
        assert_eq!(settings.target, None);
    }
}
