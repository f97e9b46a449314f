//! The fleet at a glance: who was down in the last hour, how weekly uptime
//! is spread, and which stores were the least available.

use crate::report::{Report, Window};
use crate::store::StoreIndex;
use crate::time::TimeSpan;

/// How many stores the "least available" list holds.
pub const LEAST_AVAILABLE: usize = 10;
/// The histogram of weekly uptime has bins of this many percent.
pub const BIN_PERCENT: usize = 10;

/// A store in one of the overview's lists.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreMention {
    /// The store, in the analysis's [`crate::StoreTable`].
    pub store: StoreIndex,
    /// Its id, as the files write it.
    pub store_id: String,
    /// Its uptime in the list's window.
    pub uptime: TimeSpan,
    /// Its downtime in the list's window.
    pub downtime: TimeSpan,
}

impl StoreMention {
    /// Uptime as a percentage of business time (`None` without business time).
    pub fn uptime_percent(&self) -> Option<f64> {
        let business = (self.uptime + self.downtime).nanos();
        (business > 0).then(|| 100.0 * self.uptime.nanos() as f64 / business as f64)
    }
}

/// The overview of a report.
#[derive(Clone, Debug, PartialEq)]
pub struct FleetOverview {
    /// Stores in the report: every store with a usable poll.
    pub stores: usize,
    /// Stores with downtime in the last hour, most downtime first.
    pub down_last_hour: Vec<StoreMention>,
    /// Stores with business time in the last hour (the base of the count above).
    pub open_last_hour: usize,
    /// Stores by weekly uptime percentage: bin `i` holds `[10 i, 10 i + 10)`,
    /// the last bin also 100 %.
    pub weekly_uptime_bins: [usize; 100 / BIN_PERCENT],
    /// Stores with no business time in the week, left out of the bins.
    pub no_business_time: usize,
    /// The stores with the lowest weekly uptime percentage (ties: most
    /// downtime, then report order).
    pub least_available: Vec<StoreMention>,
}

impl FleetOverview {
    /// The overview of a finished report, from its rows alone.
    pub fn of(report: &Report) -> FleetOverview {
        let mention = |row: &crate::report::ReportRow, window: Window| {
            let figures = row.window(window);
            StoreMention {
                store: row.store,
                store_id: row.store_id.clone(),
                uptime: figures.uptime,
                downtime: figures.downtime,
            }
        };
        let mut down_last_hour: Vec<StoreMention> = report
            .rows
            .iter()
            .filter(|row| row.window(Window::LastHour).downtime > TimeSpan::ZERO)
            .map(|row| mention(row, Window::LastHour))
            .collect();
        down_last_hour.sort_by_key(|store| std::cmp::Reverse(store.downtime));
        let open_last_hour =
            report.rows.iter().filter(|row| row.window(Window::LastHour).business_time() > TimeSpan::ZERO).count();

        let mut weekly_uptime_bins = [0; 100 / BIN_PERCENT];
        let mut no_business_time = 0;
        let mut weekly: Vec<(f64, StoreMention)> = Vec::new();
        for row in &report.rows {
            let store = mention(row, Window::LastWeek);
            match store.uptime_percent() {
                Some(percent) => {
                    let bin = ((percent / BIN_PERCENT as f64) as usize).min(weekly_uptime_bins.len() - 1);
                    weekly_uptime_bins[bin] += 1;
                    weekly.push((percent, store));
                }
                None => no_business_time += 1,
            }
        }
        // Stable: equal stores keep the report's order.
        weekly.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.downtime.cmp(&a.1.downtime)));
        let least_available = weekly.into_iter().take(LEAST_AVAILABLE).map(|(_, store)| store).collect();

        FleetOverview {
            stores: report.rows.len(),
            down_last_hour,
            open_last_hour,
            weekly_uptime_bins,
            no_business_time,
            least_available,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ReportRow, WindowFigures};
    use crate::store::IdOrder;
    use crate::time::UtcInstant;
    use crate::zone::DEFAULT_ZONE;

    fn row(i: u32, hour: (i64, i64), week: (i64, i64)) -> ReportRow {
        let figures = |(up, down): (i64, i64)| WindowFigures {
            uptime: TimeSpan::from_minutes(up),
            downtime: TimeSpan::from_minutes(down),
        };
        let mut table = crate::store::StoreTable::default();
        for j in 0..=i {
            table.intern(&j.to_string());
        }
        ReportRow {
            store: table.find(&i.to_string()).expect("interned"),
            store_id: i.to_string(),
            windows: [figures(hour), figures(week), figures(week)],
        }
    }

    #[test]
    fn lists_bins_and_least_available() {
        let rows = vec![
            row(0, (60, 0), (1000, 0)),   // 100 %
            row(1, (30, 30), (900, 100)), // 90 %, down 30 in the hour
            row(2, (0, 60), (100, 900)),  // 10 %, down 60
            row(3, (0, 0), (0, 0)),       // closed all week
            row(4, (0, 0), (0, 1000)),    // 0 %
            row(5, (0, 0), (995, 5)),     // 99.5 %
        ];
        let report = Report {
            now: UtcInstant::from_unix_nanos(0),
            now_is_latest_poll: true,
            default_zone: DEFAULT_ZONE,
            rows,
            id_order: IdOrder::Numeric,
        };
        let overview = FleetOverview::of(&report);
        assert_eq!(overview.stores, 6);
        let down: Vec<&str> = overview.down_last_hour.iter().map(|s| s.store_id.as_str()).collect();
        assert_eq!(down, vec!["2", "1"]);
        assert_eq!(overview.open_last_hour, 3);
        assert_eq!(overview.weekly_uptime_bins, [1, 1, 0, 0, 0, 0, 0, 0, 0, 3]);
        assert_eq!(overview.no_business_time, 1);
        let least: Vec<&str> = overview.least_available.iter().map(|s| s.store_id.as_str()).collect();
        assert_eq!(least, vec!["4", "2", "1", "5", "0"]);
        assert_eq!(overview.least_available[1].uptime_percent(), Some(10.0));
    }
}
