//! Each store's state at now: down (an outage is going on), up, or closed,
//! read from its outages over the horizon and its business time.

use super::History;
use crate::analysis::Analysis;
use crate::schedule::Interval;
use crate::time::{TimeSpan, UtcInstant};

/// A store's state at the last instant before now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateNow {
    /// Inside business time and active.
    Up,
    /// Inside business time and inactive: an outage is going on, since
    /// `since` (the start of the horizon's ongoing outage, as the outage
    /// list writes it: never before the horizon's start).
    Down {
        /// When the ongoing outage began.
        since: UtcInstant,
    },
    /// Outside business time.
    Closed,
}

impl StateNow {
    /// `up`, `down` or `closed`, as the extended report writes it.
    pub fn name(self) -> &'static str {
        match self {
            StateNow::Up => "up",
            StateNow::Down { .. } => "down",
            StateNow::Closed => "closed",
        }
    }
}

/// The state at now of every store of `history`, in its order: down when
/// its last outage is going on at now, else up when now's last instant is
/// in its business time, else closed.
///
/// ```
/// use std::ops::ControlFlow;
/// use store_uptime_engine::{Analysis, Dataset, Horizon, ReportSettings, StateNow, compute_history, compute_report, states_now};
///
/// let mut data = Dataset::new();
/// data.read_bytes("status.csv", b"store_id,status,timestamp_utc\n\
///     up,active,2023-01-25 11:00:00 UTC\ndown,inactive,2023-01-25 11:30:00 UTC\nshut,inactive,2023-01-25 11:00:00 UTC\n\
///     up,active,2023-01-25 12:00:00 UTC\n")?;
/// // "shut" opens on Mondays only (day 0); now, the latest poll, is a Wednesday.
/// data.read_bytes("hours.csv", b"store_id,day,start_time_local,end_time_local\nshut,0,09:00,17:00\n")?;
/// let analysis = Analysis::new(data);
/// let report = compute_report(&analysis, &ReportSettings::default(), &mut |_| ControlFlow::Continue(()))?;
/// let history = compute_history(&analysis, &report, Horizon::WEEK, &mut |_| ControlFlow::Continue(()))?;
/// let states = states_now(&analysis, &history);
/// // Rows in the report's order: ids that are not integers sort as text.
/// assert_eq!(states.iter().map(|s| s.name()).collect::<Vec<_>>(), ["down", "closed", "up"]);
/// // "down" has one poll, inactive; before a store's first poll its status
/// // is that poll's: down since the horizon's start, a week before now.
/// assert!(matches!(states[0], StateNow::Down { since } if since.to_string() == "2023-01-18 12:00:00 UTC"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn states_now(analysis: &Analysis, history: &History) -> Vec<StateNow> {
    let last_instant = history.now.checked_sub(TimeSpan::from_nanos(1));
    let mut business = Vec::new();
    history
        .stores
        .iter()
        .map(|store| match store.outages.last() {
            Some(outage) if outage.ongoing => StateNow::Down { since: outage.start },
            _ => {
                business.clear();
                if let Some(start) = last_instant {
                    let instant = Interval { start, end: history.now };
                    // The store's own zone: the default one when it has none.
                    analysis.schedule(store.store, store.zone).business_time(instant, &mut business);
                }
                if business.is_empty() { StateNow::Closed } else { StateNow::Up }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use super::*;
    use crate::{Dataset, Horizon, OneThread, ReportSettings, compute_report_and_history_on};

    #[test]
    fn closed_down_since_yesterday_and_up() {
        // Now is the latest poll, Wednesday 2023-01-25 12:00 UTC; every store in UTC.
        // closed: open Wednesdays 13:00-17:00, inactive since Monday: closed at now.
        // night: open 24x7, inactive since Tuesday 15:00: down since then.
        // split: open 09:00-21:00 every day, inactive since Tuesday 15:00: its
        //   outage breaks at Tuesday's closing, so it is down since 09:00 today.
        // up: open 24x7, active at 11:00 after an outage.
        let status = "store_id,status,timestamp_utc\n\
            closed,active,2023-01-18 12:00:00\nclosed,inactive,2023-01-23 10:00:00\n\
            night,active,2023-01-18 12:00:00\nnight,inactive,2023-01-24 15:00:00\n\
            split,active,2023-01-18 12:00:00\nsplit,inactive,2023-01-24 15:00:00\n\
            up,inactive,2023-01-25 10:00:00\nup,active,2023-01-25 11:00:00\nup,active,2023-01-25 12:00:00\n";
        let mut hours = String::from("store_id,day,start_time_local,end_time_local\nclosed,2,13:00,17:00\n");
        for day in 0..7 {
            hours.push_str(&format!("split,{day},09:00,21:00\n"));
        }
        let mut data = Dataset::new();
        data.read_bytes("status.csv", status.as_bytes()).expect("status");
        data.read_bytes("hours.csv", hours.as_bytes()).expect("hours");
        data.read_bytes("zones.csv", b"store_id,timezone_str\nclosed,UTC\nnight,UTC\nsplit,UTC\nup,UTC\n")
            .expect("zones");
        let analysis = Analysis::new(data);
        let (report, history) = compute_report_and_history_on(
            &analysis,
            &ReportSettings::default(),
            Horizon::WEEK,
            &mut |_| ControlFlow::Continue(()),
            &OneThread,
        )
        .expect("a report");
        let at = |text: &str| crate::time::parse_timestamp(text.as_bytes()).expect("a timestamp");
        let states: Vec<(&str, StateNow)> =
            report.rows.iter().map(|row| row.store_id.as_str()).zip(states_now(&analysis, &history)).collect();
        assert_eq!(
            states,
            [
                ("closed", StateNow::Closed),
                ("night", StateNow::Down { since: at("2023-01-24 15:00:00") }),
                ("split", StateNow::Down { since: at("2023-01-25 09:00:00") }),
                ("up", StateNow::Up),
            ]
        );
    }
}
