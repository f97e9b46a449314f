//! What the page shows of a report's outages and days besides each store's
//! row: the fleet's days and its longest outages.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::protocol::{FleetDay, FleetOutage, OUTAGES_LISTED};
use engine::History;
use engine::history::push_timestamp;

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

/// The longest outages of the fleet, longest first (ties: earlier first,
/// then in the report's order of stores).
pub fn longest_outages(history: &History) -> Vec<FleetOutage> {
    let mut all: Vec<(usize, &engine::Outage)> = history
        .stores
        .iter()
        .enumerate()
        .flat_map(|(index, store)| store.outages.iter().map(move |outage| (index, outage)))
        .collect();
    let listed = OUTAGES_LISTED.min(all.len());
    let by_length = |a: &(usize, &engine::Outage), b: &(usize, &engine::Outage)| {
        b.1.length().cmp(&a.1.length()).then(a.1.start.cmp(&b.1.start)).then(a.0.cmp(&b.0))
    };
    if listed < all.len() {
        all.select_nth_unstable_by(listed, by_length);
        all.truncate(listed);
    }
    all.sort_unstable_by(by_length);
    all.into_iter()
        .map(|(index, outage)| {
            let store = &history.stores[index];
            let stamp = |at: engine::UtcInstant, offset: Option<i32>| {
                let mut text = String::new();
                push_timestamp(at, offset, &mut text);
                text
            };
            FleetOutage {
                store_id: store.store_id.clone(),
                start_utc: stamp(outage.start, None),
                start_local: stamp(outage.start, Some(store.zone.offset_seconds(outage.start))),
                end_local: stamp(outage.end, Some(store.zone.offset_seconds(outage.end))),
                start_unix_nanos: outage.start.unix_nanos(),
                length_nanos: outage.length().nanos(),
                ongoing: outage.ongoing,
                before_first_poll: outage.before_first_poll,
            }
        })
        .collect()
}
