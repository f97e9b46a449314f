//! The settings of the next report ([`Settings`]): its time, default
//! timezone, units and horizon, and the panel that edits them. Depends on
//! no other area; the storage area keeps them, the report queue reads them.

pub mod settings_panel;

use leptos::prelude::*;

use engine::Units;

/// The user's settings for the next report. A queued or running report
/// keeps the settings it was given.
#[derive(Clone, Copy)]
pub struct Settings {
    /// Empty for the latest poll.
    pub now: RwSignal<String>,
    pub zone: RwSignal<String>,
    pub units: RwSignal<Units>,
    /// Days of the outage list and the per-day table.
    pub horizon_days: RwSignal<u32>,
    /// Every IANA name, once a worker has said them.
    pub zones: RwSignal<Vec<String>>,
}

impl Settings {
    pub fn new() -> Settings {
        Settings {
            now: RwSignal::new(String::new()),
            zone: RwSignal::new(engine::DEFAULT_ZONE.name().to_string()),
            units: RwSignal::new(Units::Minutes),
            horizon_days: RwSignal::new(crate::protocol::default_horizon_days()),
            zones: RwSignal::new(Vec::new()),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings::new()
    }
}

/// The latest poll of the status files given: the default "now" of a report.
#[derive(Clone, Debug, PartialEq)]
pub enum LatestPoll {
    NoStatusFile,
    /// A file is still being read.
    Pending,
    Known(String),
    NoUsablePoll,
}

/// Checks the report time the user typed; empty means the latest poll.
pub fn parse_now(text: &str) -> Result<(), String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(());
    }
    engine::parse_timestamp(text.as_bytes())
        .map(|_| ())
        .map_err(|error| format!("The report time cannot be read: {error}."))
}
