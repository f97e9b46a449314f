//! One store's timeline, drawn on one axis, and the worked example built on it.

use serde::{Deserialize, Serialize};

use super::request::default_horizon_days;

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
