//! What the page shows of a report's days besides each store's row: the
//! fleet's days.

use chrono::NaiveDate;

use crate::protocol::FleetDay;
use engine::History;

/// Days since 1970-01-01, the date a day strip counts from.
pub fn days_since_1970(date: NaiveDate) -> i32 {
    // Dates of a report are within years 1678 to 2262: far inside an i32.
    (date - NaiveDate::default()).num_days() as i32
}

/// The fleet on each date: the engine's observed figures, summed over every
/// store that has the date in its zone, so weighted by business time; the
/// time before each store's first poll apart.
pub fn fleet_days(history: &History) -> Vec<FleetDay> {
    // A date's sums over 14,000 stores are far below an i64 of nanoseconds
    // (292 years).
    let nanos = |value: i128| i64::try_from(value).unwrap_or(i64::MAX);
    engine::fleet_days(history)
        .iter()
        .map(|day| FleetDay {
            date: day.date.to_string(),
            business_nanos: nanos(day.pooled.business_nanos()),
            uptime_nanos: nanos(day.pooled.uptime_nanos),
            downtime_nanos: nanos(day.pooled.downtime_nanos),
            open_stores: day.open_stores,
            down_stores: day.down_stores,
            assumed_nanos: nanos(day.pooled.assumed_nanos),
            assumed_stores: day.assumed_stores,
        })
        .collect()
}
