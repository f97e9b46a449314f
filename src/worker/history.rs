//! What the page shows of a report's days besides each store's row: the
//! fleet's days.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::protocol::FleetDay;
use engine::History;

/// Days since 1970-01-01, the date a day strip counts from.
pub fn days_since_1970(date: NaiveDate) -> i32 {
    // Dates of a report are within years 1678 to 2262: far inside an i32.
    (date - NaiveDate::default()).num_days() as i32
}

/// The fleet on each date: business time, uptime and downtime summed over
/// every store that has the date in its zone, so weighted by business time.
pub fn fleet_days(history: &History) -> Vec<FleetDay> {
    let mut dates: BTreeMap<NaiveDate, FleetDay> = BTreeMap::new();
    for store in &history.stores {
        for day in &store.days {
            let fleet =
                dates.entry(day.date).or_insert_with(|| FleetDay { date: day.date.to_string(), ..FleetDay::default() });
            fleet.business_nanos += day.business.nanos();
            fleet.uptime_nanos += day.uptime.nanos();
            fleet.downtime_nanos += day.downtime.nanos();
            if day.business.nanos() > 0 {
                fleet.open_stores += 1;
            }
            if day.downtime.nanos() > 0 {
                fleet.down_stores += 1;
            }
        }
    }
    dates.into_values().collect()
}
