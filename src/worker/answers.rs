//! The report's answers at a glance, as the page shows them: the fleet's
//! headline and each store's state at now (the engine's `FleetHeadline`
//! and `states_now`).

use crate::protocol::{HeadlineMessage, StatesNowMessage};
use engine::{FleetHeadline, PooledUptime, StateNow, UtcInstant, Window};

/// The headline with its exact percentages rounded once, by the engine.
/// `starts` are the starts of the hour, day, week and horizon.
pub fn headline_message(headline: &FleetHeadline, starts: [Option<UtcInstant>; 4]) -> HeadlineMessage {
    let periods: [PooledUptime; 4] = [
        headline.window(Window::LastHour),
        headline.window(Window::LastDay),
        headline.window(Window::LastWeek),
        headline.horizon,
    ];
    let minutes = |nanos: i128| nanos as f64 / 60e9;
    HeadlineMessage {
        uptime_tenths: periods.map(|pooled| pooled.uptime_percent().map(|p| p.tenths() as i64)),
        uptime_thousandths: periods.map(|pooled| pooled.uptime_percent().map(|p| p.thousandths() as i64)),
        business_minutes: periods.map(|pooled| minutes(pooled.business_nanos())),
        downtime_minutes: periods.map(|pooled| minutes(pooled.downtime_nanos)),
        assumed_minutes: periods.map(|pooled| minutes(pooled.assumed_nanos)),
        first_polled_within: headline.first_polled_within.map(|stores| stores as u64),
        fleet_first_poll_within: starts
            .map(|start| matches!((start, headline.first_poll), (Some(start), Some(first)) if first > start)),
        first_poll: headline.first_poll.map(|at| at.to_string()),
        horizon_days: headline.horizon_days,
        stores: headline.stores as u64,
        up_now: headline.up_now as u64,
        down_now: headline.down_now as u64,
        closed_now: headline.closed_now as u64,
        stale: headline.stale as u64,
        stale_after_minutes: headline.stale_after.minutes(),
    }
}

/// The states in the report's order: one letter a store, and since when
/// each store that is down has been.
pub fn states_message(states: &[StateNow]) -> StatesNowMessage {
    let mut message = StatesNowMessage::default();
    for state in states {
        message.states.push(match state {
            StateNow::Up => 'u',
            StateNow::Down { since } => {
                message.down_since_nanos.push(since.unix_nanos());
                'd'
            }
            StateNow::Closed => 'c',
        });
    }
    message
}
