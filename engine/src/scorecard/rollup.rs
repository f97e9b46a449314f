//! The roll-up: the fleet and every group of each dimension, pooled.

use super::{ExactSpan, Percent, Scorecard, StoreScore};

/// One row of the roll-up: the fleet, or one group of one dimension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollupRow {
    /// The dimension's index in [`Scorecard::dimensions`]; `None` for the fleet.
    pub dimension: Option<usize>,
    /// The group's index in its dimension's groups (0 for the fleet).
    pub group: usize,
    /// How many of the report's stores are in it.
    pub stores: u32,
    /// Σ business time, in nanoseconds.
    pub business_nanos: i128,
    /// Σ uptime, in nanoseconds.
    pub uptime_nanos: i128,
    /// Σ downtime, in nanoseconds.
    pub downtime_nanos: i128,
    /// 100 × Σ uptime / Σ business time: weighted by business time.
    pub uptime_percent: Option<Percent>,
    /// The median of its stores' uptime percents (stores with business
    /// time), in thousandths of a percent.
    pub median_store_uptime_thousandths: Option<i128>,
    /// How many of its stores meet their target; `None` when none has one.
    pub stores_meeting_target: Option<u32>,
    /// How many miss it; `None` when none has one.
    pub stores_missing_target: Option<u32>,
    /// Σ allowed downtime of its stores with a target.
    pub allowed_downtime: Option<ExactSpan>,
    /// Σ budget left of its stores with a target.
    pub budget_left: Option<ExactSpan>,
    /// The pooled uptime percent of the period before, over its stores with
    /// previous figures.
    pub previous_uptime_percent: Option<Percent>,
}

impl RollupRow {
    /// Uptime percent − previous uptime percent, in thousandths of a
    /// percentage point; `None` when either is empty.
    pub fn change_uptime_percent(&self) -> Option<i128> {
        Some(self.uptime_percent?.change_from(self.previous_uptime_percent?))
    }
}

/// The roll-up of a scorecard: the fleet's row, then each dimension's
/// groups in its order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rollup {
    /// The fleet's row first.
    pub rows: Vec<RollupRow>,
}

impl Rollup {
    /// The fleet's row.
    pub fn fleet(&self) -> &RollupRow {
        &self.rows[0]
    }

    /// The rows of one dimension, in its groups' order.
    pub fn of_dimension(&self, dimension: usize) -> impl Iterator<Item = &RollupRow> {
        self.rows.iter().filter(move |row| row.dimension == Some(dimension))
    }
}

/// Pools the scorecard's stores: the fleet, then every group of every
/// dimension (SPEC.md, "Roll-up").
///
/// ```
/// # use std::ops::ControlFlow;
/// # use store_uptime_engine::{Analysis, Dataset, Horizon, ReportSettings, OneThread, compute_report, compute_scorecard, rollup, rollup_csv};
/// let mut data = Dataset::new();
/// // Two stores open 24x7 in UTC: one up all week, one down all week.
/// data.read_bytes("status.csv", b"store_id,status,timestamp_utc\n1,active,2023-01-25 12:00:00 UTC\n2,inactive,2023-01-25 12:00:00 UTC\n")?;
/// data.read_bytes("timezones.csv", b"store_id,timezone_str\n1,UTC\n2,UTC\n")?;
/// data.read_bytes("groups.csv", b"store_id,region\n1,North\n")?;
/// let analysis = Analysis::new(data);
/// let report = compute_report(&analysis, &ReportSettings::default(), &mut |_| ControlFlow::Continue(()))?;
/// let card = compute_scorecard(&analysis, &report, Horizon::WEEK, None, &mut |_| ControlFlow::Continue(()), &OneThread)?;
/// let csv = rollup_csv(&card, &rollup(&card));
/// let lines: Vec<&str> = csv.lines().collect();
/// // Pooled over business time: 50 %; store 2 has no row, so its region is "(none)".
/// assert_eq!(lines[1], "fleet,all,2,20160,10080,10080,50,50,,,,,,");
/// assert_eq!(lines[2], "region,North,1,10080,10080,0,100,100,,,,,,");
/// assert_eq!(lines[3], "region,(none),1,10080,0,10080,0,0,,,,,,");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rollup(card: &Scorecard) -> Rollup {
    let all: Vec<&StoreScore> = card.stores.iter().collect();
    let mut rows = vec![pool(None, 0, &all)];
    for (d, dimension) in card.dimensions.iter().enumerate() {
        let mut members: Vec<Vec<&StoreScore>> = vec![Vec::new(); dimension.groups.len()];
        for store in &card.stores {
            if let Some(list) = store.groups.get(d).and_then(|&g| members.get_mut(g as usize)) {
                list.push(store);
            }
        }
        rows.extend(members.iter().enumerate().map(|(g, stores)| pool(Some(d), g, stores)));
    }
    Rollup { rows }
}

/// The roll-up row of one set of stores.
fn pool(dimension: Option<usize>, group: usize, stores: &[&StoreScore]) -> RollupRow {
    let sum = |f: &dyn Fn(&StoreScore) -> i64| stores.iter().map(|s| i128::from(f(s))).sum::<i128>();
    let business_nanos = sum(&|s| s.current.business.nanos());
    let uptime_nanos = sum(&|s| s.current.uptime.nanos());
    let downtime_nanos = sum(&|s| s.current.downtime.nanos());

    let mut percents: Vec<Percent> = stores.iter().filter_map(|s| s.uptime_percent()).collect();
    percents.sort_unstable_by(|a, b| a.compare(*b));
    let median_store_uptime_thousandths = match percents.len() {
        0 => None,
        n if n % 2 == 1 => Some(percents[n / 2].thousandths()),
        n => Some(percents[n / 2 - 1].mean_thousandths(percents[n / 2])),
    };

    let with_target: Vec<&&StoreScore> = stores.iter().filter(|s| s.target.is_some()).collect();
    let (allowed_downtime, budget_left, stores_meeting_target, stores_missing_target) = if with_target.is_empty() {
        (None, None, None, None)
    } else {
        let total = |f: &dyn Fn(&StoreScore) -> Option<ExactSpan>| {
            with_target.iter().filter_map(|s| f(s)).fold(ExactSpan::default(), |a, b| a + b)
        };
        let count = |meets: bool| with_target.iter().filter(|s| s.meets_target() == Some(meets)).count() as u32;
        (
            Some(total(&|s| s.allowed_downtime())),
            Some(total(&|s| s.budget_left())),
            Some(count(true)),
            Some(count(false)),
        )
    };

    let previous: Vec<_> = stores.iter().filter_map(|s| s.previous).collect();
    let previous_up: i128 = previous.iter().map(|p| i128::from(p.uptime.nanos())).sum();
    let previous_business: i128 = previous.iter().map(|p| i128::from(p.business.nanos())).sum();

    RollupRow {
        dimension,
        group,
        stores: stores.len() as u32,
        business_nanos,
        uptime_nanos,
        downtime_nanos,
        uptime_percent: Percent::of(uptime_nanos, business_nanos),
        median_store_uptime_thousandths,
        stores_meeting_target,
        stores_missing_target,
        allowed_downtime,
        budget_left,
        previous_uptime_percent: Percent::of(previous_up, previous_business),
    }
}
