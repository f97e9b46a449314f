//! How fresh each store's data is: its latest poll, how many polls fall in
//! each of the report's windows, and where its business hours and timezone
//! came from. An analyst reads these next to the figures to tell a store
//! that was down from one whose data stopped coming.

use std::fmt;
use std::str::FromStr;

use crate::analysis::Analysis;
use crate::report::{Report, Window};
use crate::store::StoreIndex;
use crate::time::{TimeSpan, UtcInstant};

/// Where a store's business hours came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HoursSource {
    /// The store has rows in the business-hours file.
    File,
    /// It has none, so it is open 24 hours, 7 days a week (SPEC.md).
    OpenAllWeek,
}

impl HoursSource {
    /// `file` or `24x7`, as written in the extended CSV.
    pub fn name(self) -> &'static str {
        match self {
            HoursSource::File => "file",
            HoursSource::OpenAllWeek => "24x7",
        }
    }
}

/// Where a store's timezone came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ZoneSource {
    /// A row of the timezones file with a known name (the last row wins).
    File,
    /// Its last row names an unknown timezone, so the default is used.
    UnknownNameDefault,
    /// It has no row, so the default timezone is used.
    Default,
}

impl ZoneSource {
    /// `file`, `unknown-name-default` or `default`, as written in the
    /// extended CSV.
    pub fn name(self) -> &'static str {
        match self {
            ZoneSource::File => "file",
            ZoneSource::UnknownNameDefault => "unknown-name-default",
            ZoneSource::Default => "default",
        }
    }
}

/// The freshness figures of one store at a given now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Freshness {
    /// The latest poll at or before now; polls after now do not count.
    pub latest_poll: Option<UtcInstant>,
    /// The number of polls in each window `[now - length, now)`, indexed by
    /// [`Window::index`]: the report's windows, so a poll at now is in none.
    pub polls: [u64; 3],
    /// Whether the store has business-hours rows (else open 24x7).
    pub hours_source: HoursSource,
    /// Where the store's timezone came from.
    pub zone_source: ZoneSource,
}

impl Freshness {
    /// The number of polls in `window`.
    pub fn polls_in(&self, window: Window) -> u64 {
        self.polls[window.index()]
    }

    /// True when the latest poll at or before `now` is more than `limit`
    /// before it, or when there is no such poll.
    pub fn is_stale(&self, now: UtcInstant, limit: StaleLimit) -> bool {
        match (self.latest_poll, now.checked_sub(limit.span())) {
            (None, _) => true,
            (Some(latest), Some(cutoff)) => latest < cutoff,
            // The limit reaches before the earliest representable instant.
            (Some(_), None) => false,
        }
    }
}

/// The latest poll at or before `now`, and the number of polls in each
/// window `[now - length, now)` (indexed by [`Window::index`]).
///
/// `times` is a store's poll times in time order, as
/// [`Analysis::poll_times`] gives them; duplicates count once each.
pub fn poll_counts(times: &[UtcInstant], now: UtcInstant) -> (Option<UtcInstant>, [u64; 3]) {
    debug_assert!(times.is_sorted());
    let at_or_before = partition_point_near_end(times, |t| t <= now);
    let latest = at_or_before.checked_sub(1).map(|i| times[i]);
    let before = partition_point_near_end(&times[..at_or_before], |t| t < now);
    let counts = Window::ALL.map(|window| {
        let first = match now.checked_sub(window.length()) {
            Some(start) => partition_point_near_end(&times[..before], |t| t < start),
            None => 0,
        };
        (before - first) as u64
    });
    (latest, counts)
}

/// `times.partition_point(is_before)`, searched from the end: doubling
/// steps back from the last time, then halving within the last step. The
/// points asked for here (now, an hour, a day, a week before it) are
/// usually among a store's latest polls, so this reads a few neighbouring
/// cache lines where a search from the middle reads one far apart for each
/// of its steps; for a full-size report that was most of the cost.
fn partition_point_near_end(times: &[UtcInstant], is_before: impl Fn(UtcInstant) -> bool) -> usize {
    // `times[end..]` are known not to be before; `times[..end]` not yet.
    let mut end = times.len();
    let mut step = 1;
    while end > 0 {
        let probe = end.saturating_sub(step);
        if is_before(times[probe]) {
            return probe + 1 + times[probe + 1..end].partition_point(|&t| is_before(t));
        }
        end = probe;
        step *= 2;
    }
    0
}

/// The freshness figures of one store at `now`.
pub fn store_freshness(analysis: &Analysis, store: StoreIndex, now: UtcInstant) -> Freshness {
    let (latest_poll, polls) = poll_counts(analysis.poll_times(store), now);
    let hours_source = if analysis.periods(store).is_empty() { HoursSource::OpenAllWeek } else { HoursSource::File };
    let zone_source = match analysis.zone_row(store) {
        Some(Some(_)) => ZoneSource::File,
        Some(None) => ZoneSource::UnknownNameDefault,
        None => ZoneSource::Default,
    };
    Freshness { latest_poll, polls, hours_source, zone_source }
}

/// The freshness figures of every row of `report`, in the same order.
///
/// ```
/// use std::ops::ControlFlow;
/// use store_uptime_engine::{Analysis, Dataset, ReportSettings, StaleLimit, Window, compute_report, freshness};
///
/// let mut data = Dataset::new();
/// data.read_bytes("status.csv", b"store_id,status,timestamp_utc\n1,active,2023-01-25 09:00:00 UTC\n2,active,2023-01-25 12:00:00 UTC\n")?;
/// let analysis = Analysis::new(data);
/// let report = compute_report(&analysis, &ReportSettings::default(), &mut |_| ControlFlow::Continue(()))?;
/// let fresh = freshness(&analysis, &report);
/// // Store 1's latest poll is 3 hours before now: stale after 2 hours, not after 4.
/// let two_hours: StaleLimit = "2h".parse()?;
/// assert!(fresh[0].is_stale(report.now, two_hours));
/// assert!(!fresh[0].is_stale(report.now, "4h".parse()?));
/// assert_eq!(fresh[0].polls_in(Window::LastDay), 1);
/// // Store 2's poll is at now: the latest poll, in no window.
/// assert_eq!(fresh[1].polls_in(Window::LastHour), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn freshness(analysis: &Analysis, report: &Report) -> Vec<Freshness> {
    report.rows.iter().map(|row| store_freshness(analysis, row.store, report.now)).collect()
}

/// How old a store's latest poll may be before its data is called stale:
/// a whole number of minutes, hours or days, more than zero and at most a
/// year (366 days).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StaleLimit {
    minutes: u32,
}

impl StaleLimit {
    /// Two hours, the command's default.
    pub const DEFAULT: StaleLimit = StaleLimit { minutes: 120 };
    /// The longest limit, in minutes: 366 days.
    pub const MAX_MINUTES: u32 = 366 * 24 * 60;

    /// A limit of `minutes` minutes; `None` for 0 or more than 366 days.
    pub fn of_minutes(minutes: u32) -> Option<StaleLimit> {
        (1..=Self::MAX_MINUTES).contains(&minutes).then_some(StaleLimit { minutes })
    }

    /// The limit in whole minutes.
    pub fn minutes(self) -> u32 {
        self.minutes
    }

    /// The limit as a length of time.
    pub fn span(self) -> TimeSpan {
        TimeSpan::from_minutes(i64::from(self.minutes))
    }
}

impl Default for StaleLimit {
    fn default() -> Self {
        StaleLimit::DEFAULT
    }
}

/// Written in the largest unit that divides it: `90m`, `2h`, `1d`.
impl fmt::Display for StaleLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.minutes {
            m if m % (24 * 60) == 0 => write!(f, "{}d", m / (24 * 60)),
            m if m % 60 == 0 => write!(f, "{}h", m / 60),
            m => write!(f, "{m}m"),
        }
    }
}

/// Reads `90m`, `2h`, `1d` (a whole number and a unit: `m` minutes, `h`
/// hours, `d` days; surrounding whitespace and the unit's case ignored).
impl FromStr for StaleLimit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let explain = || format!("{text:?} is not a duration such as 90m, 2h or 1d (minutes, hours or days)");
        let split = text.len().checked_sub(1).filter(|&i| text.is_char_boundary(i)).ok_or_else(explain)?;
        let (number, unit) = text.split_at(split);
        let per_unit: u64 = match unit {
            "m" | "M" => 1,
            "h" | "H" => 60,
            "d" | "D" => 24 * 60,
            _ => return Err(explain()),
        };
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(explain());
        }
        let minutes = number.parse::<u64>().ok().and_then(|n| n.checked_mul(per_unit));
        minutes
            .and_then(|m| u32::try_from(m).ok())
            .and_then(StaleLimit::of_minutes)
            .ok_or_else(|| format!("{text:?} is not from 1 minute to 366 days"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    fn at(text: &str) -> UtcInstant {
        parse_timestamp(text.as_bytes()).expect("test literal")
    }

    const NOW: &str = "2023-01-25 12:00:00";

    fn counts(polls: &[&str]) -> (Option<UtcInstant>, [u64; 3]) {
        let times: Vec<_> = polls.iter().map(|p| at(p)).collect();
        poll_counts(&times, at(NOW))
    }

    #[test]
    fn windows_include_their_start_and_exclude_now() {
        // At each window's start exactly (in it), at now (in none).
        let polls = ["2023-01-18 12:00:00", "2023-01-24 12:00:00", "2023-01-25 11:00:00", NOW];
        assert_eq!(counts(&polls), (Some(at(NOW)), [1, 2, 3]));
        // A nanosecond before each start is outside that window.
        let polls = ["2023-01-18 11:59:59.999999999", "2023-01-24 11:59:59.999999999", "2023-01-25 10:59:59.999999999"];
        assert_eq!(counts(&polls), (Some(at(polls[2])), [0, 1, 2]));
    }

    #[test]
    fn polls_after_now_do_not_count() {
        let polls = ["2023-01-25 11:30:00", "2023-01-25 12:00:00.000000001", "2023-01-26 00:00:00"];
        assert_eq!(counts(&polls), (Some(at("2023-01-25 11:30:00")), [1, 1, 1]));
        // Only polls after now: no latest poll, nothing counted.
        assert_eq!(counts(&["2023-01-26 00:00:00"]), (None, [0, 0, 0]));
    }

    proptest::proptest! {
        /// The search from the end finds what `partition_point` finds, for
        /// any sorted times (duplicates included) and any point.
        #[test]
        fn searching_from_the_end_agrees_with_partition_point(
            mut seconds in proptest::collection::vec(0i64..200, 0..300),
            point in -5i64..205,
        ) {
            seconds.sort_unstable();
            let times: Vec<_> = seconds.iter().map(|&s| UtcInstant::from_unix_nanos(s * 1_000_000_000)).collect();
            let point = UtcInstant::from_unix_nanos(point * 1_000_000_000);
            proptest::prop_assert_eq!(
                partition_point_near_end(&times, |t| t < point),
                times.partition_point(|&t| t < point)
            );
            proptest::prop_assert_eq!(
                partition_point_near_end(&times, |t| t <= point),
                times.partition_point(|&t| t <= point)
            );
        }
    }

    #[test]
    fn no_poll_one_poll_and_duplicates() {
        assert_eq!(counts(&[]), (None, [0, 0, 0]));
        assert_eq!(counts(&["2023-01-01 00:00:00"]), (Some(at("2023-01-01 00:00:00")), [0, 0, 0]));
        // Duplicates are counted once each, like the per-day table's polls.
        let polls = ["2023-01-25 11:10:00", "2023-01-25 11:10:00"];
        assert_eq!(counts(&polls), (Some(at(polls[0])), [2, 2, 2]));
    }

    #[test]
    fn staleness_is_more_than_the_limit_before_now() {
        let limit = StaleLimit::DEFAULT;
        let fresh = |latest: Option<&str>| Freshness {
            latest_poll: latest.map(at),
            polls: [0; 3],
            hours_source: HoursSource::File,
            zone_source: ZoneSource::File,
        };
        // Exactly two hours old is still fresh; a nanosecond more is stale.
        assert!(!fresh(Some("2023-01-25 10:00:00")).is_stale(at(NOW), limit));
        assert!(fresh(Some("2023-01-25 09:59:59.999999999")).is_stale(at(NOW), limit));
        assert!(!fresh(Some(NOW)).is_stale(at(NOW), limit));
        assert!(fresh(None).is_stale(at(NOW), limit));
    }

    #[test]
    fn stale_limits_are_read_and_written() {
        assert_eq!("90m".parse::<StaleLimit>().map(StaleLimit::minutes), Ok(90));
        assert_eq!("2h".parse::<StaleLimit>().map(StaleLimit::minutes), Ok(120));
        assert_eq!(" 1D ".parse::<StaleLimit>().map(StaleLimit::minutes), Ok(1440));
        assert_eq!("366d".parse::<StaleLimit>().map(StaleLimit::minutes), Ok(StaleLimit::MAX_MINUTES));
        for bad in ["", "2", "h", "-2h", "+2h", "1.5h", "2 h", "2hours", "2w", "é", "2é"] {
            let error = bad.parse::<StaleLimit>().expect_err(bad);
            assert!(error.contains("such as 90m, 2h or 1d"), "{bad}: {error}");
        }
        for bad in ["0m", "367d", "99999999999999999999d"] {
            let error = bad.parse::<StaleLimit>().expect_err(bad);
            assert!(error.contains("from 1 minute to 366 days"), "{bad}: {error}");
        }
        let written: Vec<String> =
            [90, 120, 1440, 1500].map(|m| StaleLimit::of_minutes(m).expect("valid").to_string()).to_vec();
        assert_eq!(written, ["90m", "2h", "1d", "25h"]);
    }
}
