//! The fleet's days: every store's local days on one date, pooled by
//! business time, with the time before each store's first poll left out.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::History;
use crate::headline::PooledUptime;

/// The whole fleet on one date: the sums over every store whose zone has
/// that date in the horizon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FleetDayFigures {
    /// The date, each store on its own clock.
    pub date: NaiveDate,
    /// Observed uptime and downtime, and the assumed business time left out.
    pub pooled: PooledUptime,
    /// Stores with observed business time that date.
    pub open_stores: u32,
    /// Those of them with observed downtime.
    pub down_stores: u32,
    /// Stores with business time that date before their first poll.
    pub assumed_stores: u32,
}

impl FleetDayFigures {
    /// True when the date has business time, all of it before the stores'
    /// first polls: nothing observed, drawn as "no data", not as a day up.
    pub fn assumed_only(&self) -> bool {
        self.pooled.business_nanos() == 0 && self.pooled.assumed_nanos > 0
    }
}

/// The fleet on each date of the horizon, in date order.
///
/// ```
/// use std::ops::ControlFlow;
/// use store_uptime_engine::{
///     Analysis, Dataset, Horizon, OneThread, ReportSettings, compute_report_and_history_on, fleet_days,
/// };
///
/// let mut data = Dataset::new();
/// // Open 24x7 in UTC; first poll 2023-01-25 00:00, now 12:00: the 24th is assumed.
/// data.read_bytes("status.csv", b"store_id,status,timestamp_utc\n\
///     1,active,2023-01-25 00:00:00 UTC\n1,active,2023-01-25 12:00:00 UTC\n")?;
/// data.read_bytes("zones.csv", b"store_id,timezone_str\n1,UTC\n")?;
/// let analysis = Analysis::new(data);
/// let (_, history) = compute_report_and_history_on(&analysis, &ReportSettings::default(),
///     Horizon::of_days(1).expect("1 day"), &mut |_| ControlFlow::Continue(()), &OneThread)?;
/// let days = fleet_days(&history);
/// assert_eq!(days.iter().map(|day| day.assumed_only()).collect::<Vec<_>>(), [true, false]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn fleet_days(history: &History) -> Vec<FleetDayFigures> {
    let mut dates: BTreeMap<NaiveDate, FleetDayFigures> = BTreeMap::new();
    for store in &history.stores {
        for day in &store.days {
            let fleet = dates.entry(day.date).or_insert_with(|| FleetDayFigures {
                date: day.date,
                pooled: PooledUptime::default(),
                open_stores: 0,
                down_stores: 0,
                assumed_stores: 0,
            });
            fleet.pooled.uptime_nanos += i128::from(day.observed_uptime().nanos());
            fleet.pooled.downtime_nanos += i128::from(day.observed_downtime().nanos());
            fleet.pooled.assumed_nanos += i128::from(day.assumed.business_time().nanos());
            fleet.open_stores += u32::from(day.observed_business().nanos() > 0);
            fleet.down_stores += u32::from(day.observed_downtime().nanos() > 0);
            fleet.assumed_stores += u32::from(day.assumed.business_time().nanos() > 0);
        }
    }
    dates.into_values().collect()
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use super::*;
    use crate::{Analysis, Dataset, Horizon, OneThread, ReportSettings, compute_report_and_history_on};

    #[test]
    fn pools_observed_days_and_counts_the_assumed_apart() {
        // Now 2023-01-25 12:00 UTC, a horizon of 3 days from 2023-01-22
        // 12:00; both open 24x7. a: polled from the 22nd 12:00, down
        // 2023-01-24 10:00-11:00. b: first poll 2023-01-24 06:00, inactive,
        // up from 09:00; every day before is assumed (down).
        let status = "store_id,status,timestamp_utc\n\
            a,active,2023-01-22 12:00:00\na,inactive,2023-01-24 10:00:00\na,active,2023-01-24 11:00:00\n\
            b,inactive,2023-01-24 06:00:00\nb,active,2023-01-24 09:00:00\nb,active,2023-01-25 12:00:00\n";
        let mut data = Dataset::new();
        data.read_bytes("status.csv", status.as_bytes()).expect("status");
        data.read_bytes("zones.csv", b"store_id,timezone_str\na,UTC\nb,UTC\n").expect("zones");
        let analysis = Analysis::new(data);
        let (_, history) = compute_report_and_history_on(
            &analysis,
            &ReportSettings::default(),
            Horizon::of_days(3).expect("3 days"),
            &mut |_| ControlFlow::Continue(()),
            &OneThread,
        )
        .expect("a report");
        let hours = |nanos: i128| nanos / 3_600_000_000_000;
        let days: Vec<_> = fleet_days(&history)
            .iter()
            .map(|d| {
                (
                    d.date.to_string(),
                    hours(d.pooled.uptime_nanos),
                    hours(d.pooled.downtime_nanos),
                    hours(d.pooled.assumed_nanos),
                    d.open_stores,
                    d.down_stores,
                    d.assumed_stores,
                    d.assumed_only(),
                )
            })
            .collect();
        assert_eq!(
            days,
            vec![
                // The 22nd from 12:00: a up 12 h; b 12 h assumed.
                ("2023-01-22".to_string(), 12, 0, 12, 1, 0, 1, false),
                // The 23rd: a up 24 h; b 24 h assumed.
                ("2023-01-23".to_string(), 24, 0, 24, 1, 0, 1, false),
                // The 24th: a up 23, down 1; b assumed 6, observed down 3, up 15.
                ("2023-01-24".to_string(), 38, 4, 6, 2, 2, 1, false),
                // The 25th to noon: both up 12.
                ("2023-01-25".to_string(), 24, 0, 0, 2, 0, 0, false),
            ]
        );
    }
}
