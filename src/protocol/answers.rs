//! The report's answers at a glance: the fleet's headline and each store's
//! state at now.

use serde::{Deserialize, Serialize};

/// The engine's `FleetHeadline`, for the hour, day, week and horizon (in
/// that order): the fleet's uptime as a share of observed business time,
/// rounded once by the engine, and its stores now.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HeadlineMessage {
    /// Uptime percent in tenths (`853` is 85.3 %); `None` without
    /// observed business time.
    pub uptime_tenths: [Option<i64>; 4],
    /// The same in thousandths, as the CSVs write percents.
    pub uptime_thousandths: [Option<i64>; 4],
    /// Observed business time, all stores together.
    pub business_minutes: [f64; 4],
    pub downtime_minutes: [f64; 4],
    /// Business time before the stores' first polls, left out.
    pub assumed_minutes: [f64; 4],
    /// Stores whose first poll is after the period's start.
    pub first_polled_within: [u64; 4],
    /// Whether the fleet's first poll is after the period's start.
    pub fleet_first_poll_within: [bool; 4],
    /// The fleet's first poll, as the engine writes an instant.
    pub first_poll: Option<String>,
    pub horizon_days: u32,
    pub stores: u64,
    pub up_now: u64,
    pub down_now: u64,
    pub closed_now: u64,
    pub stale: u64,
    pub stale_after_minutes: u32,
}

/// Every store's state at now, in the report's order: one letter a store
/// (`u` up, `d` down, `c` closed; compact for 14,000 stores), and since
/// when each store that is down has been, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatesNowMessage {
    pub states: String,
    pub down_since_nanos: Vec<i64>,
}

/// A store's state at the last instant before now (the engine's `StateNow`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreStateNow {
    Up,
    /// Down since this instant, in nanoseconds since 1970.
    Down {
        since_nanos: i64,
    },
    Closed,
}

impl StatesNowMessage {
    /// The states, one a store; `None` when the message does not read.
    pub fn states(&self) -> Option<Vec<StoreStateNow>> {
        let mut since = self.down_since_nanos.iter();
        let states = self
            .states
            .chars()
            .map(|letter| match letter {
                'u' => Some(StoreStateNow::Up),
                'd' => since.next().map(|&since_nanos| StoreStateNow::Down { since_nanos }),
                'c' => Some(StoreStateNow::Closed),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        since.next().is_none().then_some(states)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_read_back_in_order() {
        let message = StatesNowMessage { states: "udcd".into(), down_since_nanos: vec![5, 7] };
        assert_eq!(
            message.states(),
            Some(vec![
                StoreStateNow::Up,
                StoreStateNow::Down { since_nanos: 5 },
                StoreStateNow::Closed,
                StoreStateNow::Down { since_nanos: 7 },
            ])
        );
        // A letter too many, a time too many, an unknown letter.
        assert_eq!(StatesNowMessage { states: "dd".into(), down_since_nanos: vec![1] }.states(), None);
        assert_eq!(StatesNowMessage { states: "d".into(), down_since_nanos: vec![1, 2] }.states(), None);
        assert_eq!(StatesNowMessage { states: "x".into(), down_since_nanos: vec![] }.states(), None);
    }
}
