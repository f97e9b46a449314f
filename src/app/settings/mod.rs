//! The settings of the next report ([`Settings`]): its time, default
//! timezone, units, horizon and freshness limit, and the panel that edits
//! them; and how the table writes hours, which applies at once. Depends on
//! no other area; the storage area keeps them, the report queue reads them.

pub mod settings_panel;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
    /// How old a store's latest poll may be before it is stale, in minutes
    /// (`engine::StaleLimit`).
    pub stale_after_minutes: RwSignal<u32>,
    /// How the table writes figures in hours; display only, downloads keep
    /// the command's format.
    pub hours_format: RwSignal<HoursFormat>,
    /// The fleet's uptime target as typed, in percent; empty for none.
    pub target: RwSignal<String>,
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
            stale_after_minutes: RwSignal::new(crate::protocol::default_stale_after_minutes()),
            hours_format: RwSignal::new(HoursFormat::default()),
            target: RwSignal::new(String::new()),
            zones: RwSignal::new(Vec::new()),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings::new()
    }
}

/// How the table writes a duration (uptime, downtime, an outage's length),
/// whatever the CSV's units: the downloads keep the CSV's format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HoursFormat {
    /// As the CSV writes it, in its units: `9,178` minutes, `112.45` hours.
    #[default]
    Decimal,
    /// On a clock face: `112:27`.
    HoursMinutes,
    /// In words: `112 h 27 min`.
    Words,
}

/// The freshness limits offered, in minutes; the command takes any number
/// of minutes, hours or days (`--stale-after`).
pub const STALE_LIMIT_CHOICES: [u32; 7] = [30, 60, 120, 180, 360, 720, 1440];

/// A freshness limit in words: "2 h", "90 min", "1 d".
pub fn stale_limit_text(minutes: u32) -> String {
    match minutes {
        m if m > 0 && m % (24 * 60) == 0 => format!("{} d", m / (24 * 60)),
        m if m > 0 && m % 60 == 0 => format!("{} h", m / 60),
        m => format!("{m} min"),
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

/// The earliest usable poll of the status files given: a report time
/// before it rests on no observed status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarliestPoll {
    /// Nanoseconds since 1970 (UTC).
    pub unix_nanos: i64,
    /// As the engine writes an instant.
    pub text: String,
}

/// What to say of a typed report time that parses, against the earliest
/// poll: `Some` when the time is before every poll.
pub fn before_every_poll(now: &str, earliest: Option<&EarliestPoll>) -> Option<String> {
    let earliest = earliest?;
    let now = engine::parse_timestamp(now.trim().as_bytes()).ok()?;
    (now.unix_nanos() < earliest.unix_nanos).then(|| {
        format!(
            "This time is before every poll (the earliest is {}): every figure would be the status assumed from \
             each store's first poll, none observed. Choose a time after it.",
            earliest.text
        )
    })
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

/// Reads the target the user typed with the engine's own reading (the
/// command's `--target`); empty means none.
pub fn parse_target(text: &str) -> Result<Option<engine::Target>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    engine::Target::parse(text).map(Some).map_err(|error| format!("The target cannot be read: {error}."))
}

/// The name of the target in the view's address (`#target=99.5`), so that
/// a shared link carries the target its figures were made against.
pub const TARGET_IN_ADDRESS: &str = "target";

/// The target an address gives, if it gives one that reads; one that does
/// not read is ignored, as the table's names are.
pub fn target_from_pairs(pairs: &[(String, String)]) -> Option<String> {
    pairs
        .iter()
        .rev()
        .find(|(name, _)| name == TARGET_IN_ADDRESS)
        .map(|(_, value)| value.trim().to_string())
        .filter(|value| matches!(parse_target(value), Ok(Some(_))))
}

/// The target as the address keeps it: `None` (the name leaves the
/// address) when there is none, or while what is typed does not read.
pub fn target_to_change(text: &str) -> Option<String> {
    matches!(parse_target(text), Ok(Some(_))).then(|| text.trim().to_string())
}

#[cfg(test)]
mod earliest_tests {
    use super::*;

    #[test]
    fn a_report_time_before_every_poll_is_said() {
        let earliest = EarliestPoll {
            unix_nanos: 1_674_043_200_000_000_000, // 2023-01-18 12:00:00 UTC
            text: "2023-01-18 12:00:00 UTC".to_string(),
        };
        let said = before_every_poll("2023-01-18 11:59:59 UTC", Some(&earliest)).expect("said");
        assert!(said.contains("before every poll (the earliest is 2023-01-18 12:00:00 UTC)"), "{said}");
        assert_eq!(before_every_poll("2023-01-18T12:00:00Z", Some(&earliest)), None);
        assert_eq!(before_every_poll("2023-01-25 12:00:00", Some(&earliest)), None);
        assert_eq!(before_every_poll("not a time", Some(&earliest)), None);
        assert_eq!(before_every_poll("2020-01-01 00:00:00", None), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_reads_back_from_the_address_as_written() {
        let pairs = |value: Option<String>| -> Vec<(String, String)> {
            value.map(|value| vec![(TARGET_IN_ADDRESS.to_string(), value)]).unwrap_or_default()
        };
        for typed in ["99.5", " 99.95 ", "1"] {
            let written = crate::app::shell::address::write_fragment(&pairs(target_to_change(typed)));
            assert_eq!(written, format!("target={}", typed.trim()));
            let read = crate::app::shell::address::parse_fragment(&written);
            assert_eq!(target_from_pairs(&read).as_deref(), Some(typed.trim()));
        }
        // None, or not yet a target: nothing in the address.
        for typed in ["", "  ", "99.", "100", "abc"] {
            assert_eq!(target_to_change(typed), None, "{typed}");
        }
        // What does not read is ignored; the store and table names are not a target.
        let read = |list: &[(&str, &str)]| {
            target_from_pairs(&list.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect::<Vec<_>>())
        };
        assert_eq!(read(&[("target", "high")]), None);
        assert_eq!(read(&[("target", "0")]), None);
        assert_eq!(read(&[("store", "99"), ("q", "99.5")]), None);
        assert_eq!(read(&[("q", "1"), ("target", "98.25"), ("sort", "-outages")]).as_deref(), Some("98.25"));
    }

    #[test]
    fn a_target_reads_as_the_command_reads_it() {
        assert_eq!(parse_target("  "), Ok(None));
        assert_eq!(parse_target(" 99.5 ").map(|target| target.map(engine::Target::thousandths)), Ok(Some(99_500)));
        for refused in ["100", "0", "99.5%", "99.1234", "abc"] {
            let problem = parse_target(refused).expect_err(refused);
            assert!(problem.starts_with("The target cannot be read: "), "{problem}");
        }
    }

    #[test]
    fn stale_limits_read_in_the_largest_whole_unit() {
        assert_eq!(stale_limit_text(120), "2 h");
        assert_eq!(stale_limit_text(90), "90 min");
        assert_eq!(stale_limit_text(1440), "1 d");
        assert_eq!(stale_limit_text(2880), "2 d");
    }
}
