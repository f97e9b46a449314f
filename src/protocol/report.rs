//! Everything the page shows of a finished report: its outcome, rows,
//! scorecard, overview and freshness.

use serde::{Deserialize, Serialize};

use super::outages::FleetOutage;
use super::request::default_horizon_days;
use engine::{FileKind, Target, Units};

/// How many rejected rows a report sends for the screen; the full list goes
/// in the downloadable CSV.
pub const REJECTIONS_ON_SCREEN: usize = 2_000;

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
    /// JSON (see [`encode_rows`](super::encode_rows)): 14,000 rows decode ten times faster so.
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
    /// answer to the default [`OutageQuery`](super::OutageQuery), so that it shows at once):
    /// the [`OUTAGES_LISTED`](super::OUTAGES_LISTED) longest. The page asks for others.
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
