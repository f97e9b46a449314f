//! Time before a store's first poll: its status there is the first poll's
//! by the contract's rule (SPEC.md, "Status at an instant"), assumed, not
//! observed. The report's figures and the CSVs count it as the SPEC says;
//! what the page draws and counts as observed leaves it out, with these
//! figures to say how much was left out.

use crate::analysis::Analysis;
use crate::report::WindowFigures;
use crate::schedule::Interval;
use crate::store::StoreIndex;
use crate::time::TimeSpan;
use crate::zone::StoreZone;

/// The business time of `store` inside `window` that lies before its first
/// poll, counted up or down as the report counts it (by the first poll's
/// status): the part of the report's figures for `window` that is assumed.
/// Zero when the first poll is at or before the window's start, or the
/// store has no poll.
///
/// `zone` is the default timezone of the report, for a store without one.
pub fn assumed_figures(analysis: &Analysis, store: StoreIndex, zone: StoreZone, window: Interval) -> WindowFigures {
    let (Some(&first), Some(&first_active)) =
        (analysis.poll_times(store).first(), analysis.poll_statuses(store).first())
    else {
        return WindowFigures::default();
    };
    let before = Interval { start: window.start, end: first.min(window.end) };
    if before.end <= before.start {
        return WindowFigures::default();
    }
    let mut business = Vec::new();
    analysis.schedule(store, zone).business_time(before, &mut business);
    let assumed = business.iter().fold(TimeSpan::ZERO, |sum, interval| sum + (interval.end - interval.start));
    if first_active {
        WindowFigures { uptime: assumed, downtime: TimeSpan::ZERO }
    } else {
        WindowFigures { uptime: TimeSpan::ZERO, downtime: assumed }
    }
}

/// Counts of outages, and their time, split by whether they begin before
/// the store's first poll (the outage list's `before_first_poll`).
///
/// An outage that begins before the first poll is counted apart as a
/// whole, even when it goes on after that poll: where it begins is
/// assumed, so its length is too. The split follows the CSV's flag, so a
/// reader can check it against the download.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutageCounts {
    /// Outages that begin at or after the store's first poll.
    pub observed: u64,
    /// Their time together, in nanoseconds (a fleet's long horizon can
    /// exceed an `i64`'s 292 years).
    pub observed_nanos: i128,
    /// Outages that begin before the store's first poll.
    pub assumed: u64,
    /// Their time together, in nanoseconds.
    pub assumed_nanos: i128,
}

impl OutageCounts {
    /// The counts over every outage of every store of a history.
    ///
    /// ```
    /// use std::ops::ControlFlow;
    /// use store_uptime_engine::{
    ///     Analysis, Dataset, Horizon, OneThread, OutageCounts, ReportSettings, compute_report_and_history_on,
    /// };
    ///
    /// let mut data = Dataset::new();
    /// // Open 24x7 in UTC. First poll inactive at 08:00: down from the
    /// // horizon's start (assumed) to 09:00; then down 10:00-10:30 (observed).
    /// data.read_bytes("status.csv", b"store_id,status,timestamp_utc\n\
    ///     1,inactive,2023-01-25 08:00:00 UTC\n1,active,2023-01-25 09:00:00 UTC\n\
    ///     1,inactive,2023-01-25 10:00:00 UTC\n1,active,2023-01-25 10:30:00 UTC\n1,active,2023-01-25 12:00:00 UTC\n")?;
    /// data.read_bytes("zones.csv", b"store_id,timezone_str\n1,UTC\n")?;
    /// let analysis = Analysis::new(data);
    /// let one_day = Horizon::of_days(1).expect("1 day");
    /// let (_, history) = compute_report_and_history_on(
    ///     &analysis, &ReportSettings::default(), one_day, &mut |_| ControlFlow::Continue(()), &OneThread)?;
    /// let counts = OutageCounts::of(&history.stores.iter().flat_map(|store| &store.outages).copied().collect::<Vec<_>>());
    /// assert_eq!((counts.observed, counts.assumed), (1, 1));
    /// // 30 minutes observed; 21 hours assumed (12:00 the day before to 09:00).
    /// assert_eq!(counts.observed_nanos, 30 * 60 * 1_000_000_000);
    /// assert_eq!(counts.assumed_nanos, 21 * 3600 * 1_000_000_000);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(outages: &[crate::history::Outage]) -> OutageCounts {
        let mut counts = OutageCounts::default();
        for outage in outages {
            let nanos = i128::from(outage.length().nanos());
            if outage.before_first_poll {
                counts.assumed += 1;
                counts.assumed_nanos += nanos;
            } else {
                counts.observed += 1;
                counts.observed_nanos += nanos;
            }
        }
        counts
    }

    /// The counts of several groups of outages together.
    pub fn plus(self, other: OutageCounts) -> OutageCounts {
        OutageCounts {
            observed: self.observed + other.observed,
            observed_nanos: self.observed_nanos + other.observed_nanos,
            assumed: self.assumed + other.assumed,
            assumed_nanos: self.assumed_nanos + other.assumed_nanos,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{UtcInstant, parse_timestamp};
    use crate::{DEFAULT_ZONE, Dataset};

    fn at(text: &str) -> UtcInstant {
        parse_timestamp(text.as_bytes()).expect("test literal")
    }

    fn analysis(status: &str, hours: &str) -> Analysis {
        let mut data = Dataset::new();
        data.read_bytes("status.csv", status.as_bytes()).expect("status");
        if !hours.is_empty() {
            data.read_bytes("hours.csv", hours.as_bytes()).expect("hours");
        }
        data.read_bytes("zones.csv", b"store_id,timezone_str\n1,UTC\n2,UTC\n").expect("zones");
        Analysis::new(data)
    }

    fn figures(analysis: &Analysis, id: &str, from: &str, to: &str) -> (i64, i64) {
        let store = analysis.stores().find(id).expect("a store");
        let window = Interval { start: at(from), end: at(to) };
        let assumed = assumed_figures(analysis, store, DEFAULT_ZONE, window);
        (assumed.uptime.nanos() / 60_000_000_000, assumed.downtime.nanos() / 60_000_000_000)
    }

    #[test]
    fn business_time_before_the_first_poll_takes_its_status() {
        // Store 1: first poll active at 2023-01-25 (a Wednesday) 10:00,
        // open 09:00-17:00 on Wednesdays (day 2): 09:00-10:00 assumed up.
        // Store 2: first poll inactive at 10:30, open 24x7: from the
        // window's start, 08:00, to 10:30, 150 minutes assumed down.
        let data = analysis(
            "store_id,status,timestamp_utc\n1,active,2023-01-25 10:00:00\n2,inactive,2023-01-25 10:30:00\n\
             2,active,2023-01-25 11:00:00\n",
            "store_id,day,start_time_local,end_time_local\n1,2,09:00,17:00\n",
        );
        assert_eq!(figures(&data, "1", "2023-01-25 08:00:00", "2023-01-25 12:00:00"), (60, 0));
        assert_eq!(figures(&data, "2", "2023-01-25 08:00:00", "2023-01-25 12:00:00"), (0, 150));
        // A window ending before the first poll is assumed whole: 08:00-08:45.
        assert_eq!(figures(&data, "2", "2023-01-25 08:00:00", "2023-01-25 08:45:00"), (0, 45));
        // A window from the first poll on, or later, has nothing assumed.
        assert_eq!(figures(&data, "1", "2023-01-25 10:00:00", "2023-01-25 12:00:00"), (0, 0));
        assert_eq!(figures(&data, "2", "2023-01-25 11:00:00", "2023-01-25 12:00:00"), (0, 0));
        // Closed before its first poll: nothing assumed (the Tuesday).
        assert_eq!(figures(&data, "1", "2023-01-24 00:00:00", "2023-01-25 09:00:00"), (0, 0));
    }

    #[test]
    fn outages_are_counted_apart_by_their_flag() {
        let outage = |minutes: i64, before_first_poll: bool| crate::history::Outage {
            start: at("2023-01-25 08:00:00"),
            end: UtcInstant::from_unix_nanos(at("2023-01-25 08:00:00").unix_nanos() + minutes * 60_000_000_000),
            ongoing: false,
            before_first_poll,
        };
        let counts = OutageCounts::of(&[outage(10, true), outage(5, false), outage(7, false)]);
        let minute = 60_000_000_000;
        assert_eq!(
            counts,
            OutageCounts { observed: 2, observed_nanos: 12 * minute, assumed: 1, assumed_nanos: 10 * minute }
        );
        assert_eq!(counts.plus(counts).assumed_nanos, 20 * minute);
    }
}
