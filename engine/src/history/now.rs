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
