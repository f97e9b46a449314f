//! The fleet at a glance: who was down in the last hour, how weekly uptime
//! is spread, and which stores were the least available.

use crate::analysis::Analysis;
use crate::report::{Report, Window, WindowFigures};
use crate::store::StoreIndex;
use crate::time::{TimeSpan, UtcInstant};

/// How many stores the "least available" list holds.
pub const LEAST_AVAILABLE: usize = 10;
/// The business time a store needs in the window to be ranked among the
/// least available, by default: a store open one hour all week at 0 % says
/// less than one open 60 hours and down 40 of them.
pub const LEAST_AVAILABLE_FLOOR: TimeSpan = TimeSpan::from_nanos(8 * 3_600_000_000_000);

/// What "least available" ranks by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum LeastOrder {
    /// Lowest uptime as a share of business time first; equal shares with
    /// the most downtime first.
    #[default]
    UptimeShare,
    /// Most downtime first; equal downtimes with the lowest share first.
    Downtime,
}

/// The positions in `figures` of the `count` least available stores: those
/// with at least `floor` of business time (and some), ranked by `order`,
/// equal ones in their order in `figures` (the report's). Shares are
/// compared exactly, by cross-multiplying nanoseconds.
///
/// ```
/// use store_uptime_engine::{LEAST_AVAILABLE_FLOOR, LeastOrder, TimeSpan, WindowFigures, least_available};
///
/// let minutes = |up: i64, down: i64| WindowFigures {
///     uptime: TimeSpan::from_nanos(up * 60_000_000_000),
///     downtime: TimeSpan::from_nanos(down * 60_000_000_000),
/// };
/// // Open 60 minutes, all down; open 100 hours, 40 down; open 10 hours, 1 down.
/// let week = [minutes(0, 60), minutes(3_600, 2_400), minutes(540, 60)];
/// assert_eq!(least_available(&week, LEAST_AVAILABLE_FLOOR, LeastOrder::UptimeShare, 10), [1, 2]);
/// assert_eq!(least_available(&week, TimeSpan::ZERO, LeastOrder::UptimeShare, 2), [0, 1]);
/// assert_eq!(least_available(&week, TimeSpan::ZERO, LeastOrder::Downtime, 10), [1, 0, 2]);
/// ```
pub fn least_available(figures: &[WindowFigures], floor: TimeSpan, order: LeastOrder, count: usize) -> Vec<usize> {
    let mut ranked: Vec<usize> = (0..figures.len())
        .filter(|&i| {
            let business = figures[i].business_time();
            business > TimeSpan::ZERO && business >= floor
        })
        .collect();
    // up_a / business_a against up_b / business_b, without rounding.
    let share = |a: &WindowFigures, b: &WindowFigures| {
        let left = i128::from(a.uptime.nanos()) * i128::from(b.business_time().nanos());
        let right = i128::from(b.uptime.nanos()) * i128::from(a.business_time().nanos());
        left.cmp(&right)
    };
    // Stable: equal stores keep their order.
    ranked.sort_by(|&a, &b| {
        let (a, b) = (&figures[a], &figures[b]);
        match order {
            LeastOrder::UptimeShare => share(a, b).then(b.downtime.cmp(&a.downtime)),
            LeastOrder::Downtime => b.downtime.cmp(&a.downtime).then(share(a, b)),
        }
    });
    ranked.truncate(count);
    ranked
}
/// The floors of the histogram's bins of weekly uptime, in tenths of a
/// percent: bin `i` holds `[floor i, floor i+1)`, the last one exactly
/// 100 %. Finer near 100 %, where most stores are (in the real data more
/// than four stores in five are above 90 %): bins of 10 % would put them
/// all in one bar.
pub const UPTIME_BIN_FLOORS_PERMILLE: [u32; 9] = [0, 500, 800, 900, 950, 980, 990, 999, 1000];

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
    /// Stores with downtime in the last hour, most downtime first; among
    /// equal downtimes, the stores still down at now first, down the
    /// longest first (see `down_since`), then report order.
    pub down_last_hour: Vec<StoreMention>,
    /// Stores with business time in the last hour (the base of the count above).
    pub open_last_hour: usize,
    /// Stores by weekly uptime percentage, in the bins of
    /// [`UPTIME_BIN_FLOORS_PERMILLE`].
    pub weekly_uptime_bins: [usize; UPTIME_BIN_FLOORS_PERMILLE.len()],
    /// Stores with no business time in the week, left out of the bins.
    pub no_business_time: usize,
    /// The stores with the lowest weekly uptime percentage among those open
    /// at least [`LEAST_AVAILABLE_FLOOR`] in the week (ties: most downtime,
    /// then report order): [`least_available`] with its defaults.
    pub least_available: Vec<StoreMention>,
}

impl FleetOverview {
    /// The overview of a finished report, from its rows and, to order the
    /// stores down in the last hour, their polls.
    pub fn of(report: &Report, analysis: &Analysis) -> FleetOverview {
        Self::with_down_since(report, |store| down_since(analysis, store, report.now))
    }

    /// The overview, with `down_since` telling since when each store has
    /// been down at now.
    fn with_down_since(report: &Report, down_since: impl Fn(StoreIndex) -> Option<UtcInstant>) -> FleetOverview {
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
        // Many stores are down the whole hour: how long they have been down
        // separates them. Stable: the rest keep the report's order.
        down_last_hour.sort_by_cached_key(|store| {
            let since = down_since(store.store);
            (std::cmp::Reverse(store.downtime), since.is_none(), since)
        });
        let open_last_hour =
            report.rows.iter().filter(|row| row.window(Window::LastHour).business_time() > TimeSpan::ZERO).count();

        let mut weekly_uptime_bins = [0; UPTIME_BIN_FLOORS_PERMILLE.len()];
        let mut no_business_time = 0;
        for row in &report.rows {
            let week = row.window(Window::LastWeek);
            if week.business_time() > TimeSpan::ZERO {
                weekly_uptime_bins[uptime_bin(week.uptime, week.downtime)] += 1;
            } else {
                no_business_time += 1;
            }
        }
        let weeks: Vec<WindowFigures> = report.rows.iter().map(|row| row.window(Window::LastWeek)).collect();
        let least_available = least_available(&weeks, LEAST_AVAILABLE_FLOOR, LeastOrder::UptimeShare, LEAST_AVAILABLE)
            .into_iter()
            .map(|i| mention(&report.rows[i], Window::LastWeek))
            .collect();

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

/// Since when a store has been down at `now`, by the status rule (the
/// status at an instant is that of the last poll at or before it): the
/// time of the first poll of its last run of inactive polls at or before
/// now; `None` when the status at now is active. Before its first poll a
/// store has its first poll's status, so a store inactive in every poll is
/// down since its first poll, the earliest time the data knows of.
pub fn down_since(analysis: &Analysis, store: StoreIndex, now: UtcInstant) -> Option<UtcInstant> {
    let mut polls = analysis.polls(store).peekable();
    // Before its first poll, a store has that poll's status.
    let first = polls.peek()?;
    let mut since = (!first.active).then_some(first.at);
    for poll in polls.take_while(|poll| poll.at <= now) {
        since = match (poll.active, since) {
            (true, _) => None,
            (false, None) => Some(poll.at),
            (false, kept) => kept,
        };
    }
    since
}

/// The bin of a store with business time: the last floor at or below its
/// uptime share, so that 95 % is in the bin that starts at 95 %. The page's
/// table picks out a bin's stores by the same comparison.
pub fn uptime_bin(uptime: TimeSpan, downtime: TimeSpan) -> usize {
    UPTIME_BIN_FLOORS_PERMILLE.iter().rposition(|&floor| uptime_at_least(uptime, downtime, floor)).unwrap_or(0)
}

/// Whether the uptime share is at or above a floor in tenths of a percent,
/// compared exactly (`uptime × 1000 ≥ floor × business`, in nanoseconds)
/// rather than through a rounded percentage.
pub fn uptime_at_least(uptime: TimeSpan, downtime: TimeSpan, floor_permille: u32) -> bool {
    let business = i128::from((uptime + downtime).nanos());
    i128::from(uptime.nanos()) * 1000 >= i128::from(floor_permille) * business
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
        // Stores 1 and 2 are down in the hour, neither down at now.
        let overview = FleetOverview::with_down_since(&report, |_| None);
        assert_eq!(overview.stores, 6);
        let down: Vec<&str> = overview.down_last_hour.iter().map(|s| s.store_id.as_str()).collect();
        assert_eq!(down, vec!["2", "1"]);
        assert_eq!(overview.open_last_hour, 3);
        // 0 % and 10 % in [0, 50), 90 % in [90, 95), 99.5 % in [99, 99.9), 100 %.
        assert_eq!(overview.weekly_uptime_bins, [2, 0, 0, 1, 0, 0, 1, 0, 1]);
        assert_eq!(overview.no_business_time, 1);
        let least: Vec<&str> = overview.least_available.iter().map(|s| s.store_id.as_str()).collect();
        assert_eq!(least, vec!["4", "2", "1", "5", "0"]);
        assert_eq!(overview.least_available[1].uptime_percent(), Some(10.0));
    }

    #[test]
    fn stores_down_the_whole_hour_are_ordered_by_how_long_they_have_been_down() {
        // Every store down the whole last hour (now = 12:00); 24x7, UTC.
        let status = "store_id,status,timestamp_utc\n\
            a,active,2023-01-25 08:00:00\n\
            a,inactive,2023-01-25 10:00:00\n\
            b,inactive,2023-01-25 06:00:00\n\
            b,inactive,2023-01-25 11:30:00\n\
            c,active,2023-01-24 12:00:00\n\
            c,inactive,2023-01-25 09:00:00\n\
            c,inactive,2023-01-25 12:00:00\n\
            d,inactive,2023-01-25 11:00:00\n\
            d,active,2023-01-25 11:00:00\n\
            d,inactive,2023-01-25 11:00:00\n\
            e,inactive,2023-01-25 10:30:00\n\
            e,active,2023-01-25 12:00:00\n";
        let mut data = crate::Dataset::new();
        data.read_bytes("status.csv", status.as_bytes()).expect("read");
        let analysis = Analysis::new(data);
        let report = crate::compute_report(&analysis, &crate::ReportSettings::default(), &mut |_| {
            std::ops::ControlFlow::Continue(())
        })
        .expect("report");
        let overview = FleetOverview::of(&report, &analysis);
        let order: Vec<&str> = overview.down_last_hour.iter().map(|s| s.store_id.as_str()).collect();
        // b: down since its first poll, 06:00; c: since 09:00; a: since
        // 10:00; d: since 11:00 (the last of its polls at 11:00 counts);
        // e: down the whole hour too, but active again at now.
        assert_eq!(order, vec!["b", "c", "a", "d", "e"]);
        let at = |text: &str| crate::time::parse_timestamp(text.as_bytes()).expect("a timestamp");
        let since = |id: &str| {
            let store = report.rows.iter().find(|row| row.store_id == id).expect("a row").store;
            down_since(&analysis, store, report.now)
        };
        assert_eq!(since("b"), Some(at("2023-01-25 06:00:00")));
        assert_eq!(since("d"), Some(at("2023-01-25 11:00:00")));
        assert_eq!(since("e"), None);
        // Before its first poll a store has that poll's status.
        let b = report.rows.iter().find(|row| row.store_id == "b").expect("b").store;
        assert_eq!(down_since(&analysis, b, at("2023-01-20 00:00:00")), Some(at("2023-01-25 06:00:00")));
    }

    #[test]
    fn least_available_keeps_stores_open_at_least_the_floor() {
        let minutes = |up: i64, down: i64| WindowFigures {
            uptime: TimeSpan::from_minutes(up),
            downtime: TimeSpan::from_minutes(down),
        };
        let week = [
            minutes(0, 60),        // 0: 0 %, open 1 h: under the floor
            minutes(0, 480),       // 1: 0 %, open 8 h exactly: on the floor
            minutes(420, 59),      // 2: open 7 h 59 min: under
            minutes(9_000, 9_178), // 3: 49.5 %, 9,178 min down
            minutes(900, 100),     // 4: 90 %
            minutes(450, 50),      // 5: 90 %, less downtime than 4
            minutes(0, 0),         // 6: closed
        ];
        let floor = LEAST_AVAILABLE_FLOOR;
        assert_eq!(least_available(&week, floor, LeastOrder::UptimeShare, 10), [1, 3, 4, 5]);
        assert_eq!(least_available(&week, floor, LeastOrder::Downtime, 10), [3, 1, 4, 5]);
        assert_eq!(least_available(&week, floor, LeastOrder::UptimeShare, 2), [1, 3]);
        // No floor: every store with business time, the closed one never.
        assert_eq!(least_available(&week, TimeSpan::ZERO, LeastOrder::UptimeShare, 10), [1, 0, 3, 2, 4, 5]);
        // A floor of 7 h 59 min takes store 2 in.
        assert_eq!(least_available(&week, TimeSpan::from_minutes(479), LeastOrder::Downtime, 10), [3, 1, 4, 2, 5]);
    }

    #[test]
    fn a_share_on_a_floor_is_in_the_bin_it_starts() {
        let bin = |up: i64, down: i64| uptime_bin(TimeSpan::from_minutes(up), TimeSpan::from_minutes(down));
        assert_eq!(bin(0, 10), 0);
        assert_eq!(bin(499, 501), 0);
        assert_eq!(bin(500, 500), 1);
        assert_eq!(bin(95, 5), 4);
        assert_eq!(bin(949, 51), 3);
        assert_eq!(bin(999, 1), 7);
        assert_eq!(bin(9989, 11), 6);
        // Anything short of all is not 100 %: a second down in a week.
        assert_eq!(uptime_bin(TimeSpan::from_seconds(604_799), TimeSpan::from_seconds(1)), 7);
        assert_eq!(bin(10, 0), 8);
    }
}
