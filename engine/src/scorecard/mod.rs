//! Targets, groups and the period before (SPEC.md, "Targets, groups and
//! comparison"): each store's figures over the horizon against its target
//! and against the horizon before, and the same pooled by group.
//!
//! Every figure is a sum of exact nanoseconds; percentages, allowed
//! downtime and budgets are exact ratios of them ([`Percent`],
//! [`ExactSpan`]), rounded once when written, so "meets its target" is
//! decided exactly, not after rounding.

mod exact;
mod groups;
mod rollup;
mod target;
mod write;

use std::cmp::Ordering;
use std::ops::ControlFlow;

use hashbrown::HashMap;

pub(crate) use groups::permutation as groups_permutation;
pub use groups::{DimensionSummary, GroupsSummary};
pub(crate) use groups::{GroupRow, GroupRows};
pub use rollup::{Rollup, RollupRow, rollup};
pub use target::{Target, TargetError};
pub use write::{rollup_csv, scorecard_csv, write_rollup_csv, write_scorecard_csv};

use crate::analysis::{Analysis, Job, JobRunner};
use crate::history::Horizon;
use crate::report::{Report, ReportError, for_each_status_piece};
use crate::schedule::{Interval, clip};
use crate::store::StoreIndex;
use crate::time::{TimeSpan, UtcInstant};

/// The group of a store without a row in the groups file, or with an empty
/// value: listed last among a dimension's groups.
pub const NO_GROUP: &str = "(none)";

/// Business time, uptime and downtime of a store over one period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PeriodFigures {
    /// Business time in the period: `uptime + downtime`.
    pub business: TimeSpan,
    /// Business time counted as up.
    pub uptime: TimeSpan,
    /// Business time counted as down.
    pub downtime: TimeSpan,
}

impl PeriodFigures {
    /// 100 × uptime / business time; `None` without business time.
    pub fn uptime_percent(&self) -> Option<Percent> {
        Percent::of(i128::from(self.uptime.nanos()), i128::from(self.business.nanos()))
    }
}

/// An exact percentage, `100 × part / whole`, with `whole > 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Percent {
    part: i128,
    whole: i128,
}

impl Percent {
    /// `100 × part / whole`; `None` when `whole` is not above zero.
    pub fn of(part: i128, whole: i128) -> Option<Percent> {
        (whole > 0).then_some(Percent { part, whole })
    }

    /// Rounded to thousandths of a percent, halves away from zero: what the
    /// CSVs write (`99.5` is 99,500).
    pub fn thousandths(self) -> i128 {
        exact::round_ratio(self.part, 100_000, self.whole)
    }

    /// Rounded to tenths of a percent, halves away from zero, from the
    /// exact ratio (not from [`Percent::thousandths`]): a headline's figure
    /// (`99.5` is 995).
    pub fn tenths(self) -> i128 {
        exact::round_ratio(self.part, 1_000, self.whole)
    }

    /// As a float, for drawing and sorting on the page.
    pub fn as_f64(self) -> f64 {
        100.0 * self.part as f64 / self.whole as f64
    }

    /// `self − earlier` in thousandths of a percentage point, rounded once.
    pub fn change_from(self, earlier: Percent) -> i128 {
        // 100 × (a/b − c/d) = 100 × (a·d − c·b) / (b·d), exactly while it fits.
        let exact = self
            .part
            .checked_mul(earlier.whole)
            .zip(earlier.part.checked_mul(self.whole))
            .and_then(|(ad, cb)| ad.checked_sub(cb))
            .zip(self.whole.checked_mul(earlier.whole));
        match exact {
            Some((numerator, denominator)) => exact::round_ratio(numerator, 100_000, denominator),
            None => ((self.as_f64() - earlier.as_f64()) * 1000.0).round() as i128,
        }
    }

    /// The mean of two percentages, in thousandths, rounded once: the median
    /// of an even number of stores.
    fn mean_thousandths(self, other: Percent) -> i128 {
        let exact = self
            .part
            .checked_mul(other.whole)
            .zip(other.part.checked_mul(self.whole))
            .and_then(|(ad, cb)| ad.checked_add(cb))
            .zip(self.whole.checked_mul(other.whole))
            .and_then(|(numerator, denominator)| denominator.checked_mul(2).map(|d| (numerator, d)));
        match exact {
            Some((numerator, denominator)) => exact::round_ratio(numerator, 100_000, denominator),
            None => ((self.as_f64() + other.as_f64()) * 500.0).round() as i128,
        }
    }

    /// Orders two percentages exactly (by cross-multiplying).
    fn compare(self, other: Percent) -> Ordering {
        match (self.part.checked_mul(other.whole), other.part.checked_mul(self.whole)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.as_f64().total_cmp(&other.as_f64()),
        }
    }
}

/// A span of time held exactly as `nanos / 100,000`: allowed downtime and
/// budgets, which are business time × a target's thousandths of a percent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExactSpan {
    scaled: i128,
}

impl ExactSpan {
    /// Nanoseconds are held multiplied by this.
    const SCALE: i128 = 100_000;

    fn of(span: TimeSpan) -> ExactSpan {
        ExactSpan { scaled: i128::from(span.nanos()) * Self::SCALE }
    }

    /// In minutes, as a float, for drawing on the page.
    pub fn minutes_f64(self) -> f64 {
        self.scaled as f64 / Self::SCALE as f64 / 60e9
    }

    /// True below zero: a budget overspent, a target missed.
    pub fn is_negative(self) -> bool {
        self.scaled < 0
    }

    /// Appends it in minutes like the report's figures (hundredths, halves
    /// away from zero, no trailing zeros).
    pub fn push_minutes(self, out: &mut String) {
        exact::push_minutes(self.scaled, Self::SCALE, out);
    }
}

impl std::ops::Add for ExactSpan {
    type Output = ExactSpan;
    fn add(self, other: ExactSpan) -> ExactSpan {
        ExactSpan { scaled: self.scaled + other.scaled }
    }
}

impl std::ops::Sub for ExactSpan {
    type Output = ExactSpan;
    fn sub(self, other: ExactSpan) -> ExactSpan {
        ExactSpan { scaled: self.scaled - other.scaled }
    }
}

/// One dimension of the groups file and its groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dimension {
    /// Its name, as the groups file's header writes it.
    pub name: String,
    /// Its groups among the report's stores, in byte order of their text,
    /// [`NO_GROUP`] last.
    pub groups: Vec<String>,
}

/// One store of the scorecard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreScore {
    /// The store, in the analysis's [`crate::StoreTable`].
    pub store: StoreIndex,
    /// Its id, as the files write it.
    pub store_id: String,
    /// Its figures over the horizon.
    pub current: PeriodFigures,
    /// Its own target, else the fleet's; `None` when neither is given.
    pub target: Option<Target>,
    /// Its figures over the horizon before; `None` when it has no poll in it.
    pub previous: Option<PeriodFigures>,
    /// Its status rows whose time falls in the horizon before.
    pub previous_polls: u32,
    /// Its group in each dimension: an index into [`Dimension::groups`].
    pub groups: Vec<u32>,
    /// Whether the groups file has a row for it (without one, it is in
    /// `(none)` in every dimension, and has the fleet's target).
    pub in_groups_file: bool,
}

impl StoreScore {
    /// Uptime over the horizon as a percentage of business time.
    pub fn uptime_percent(&self) -> Option<Percent> {
        self.current.uptime_percent()
    }

    /// (100 − target) % of the business time; `None` without a target.
    pub fn allowed_downtime(&self) -> Option<ExactSpan> {
        let target = self.target?;
        Some(ExactSpan { scaled: i128::from(self.current.business.nanos()) * i128::from(target.allowed_thousandths()) })
    }

    /// Allowed downtime − downtime: negative when the target is missed.
    pub fn budget_left(&self) -> Option<ExactSpan> {
        Some(self.allowed_downtime()? - ExactSpan::of(self.current.downtime))
    }

    /// Whether downtime is within the allowed downtime, exactly; `None`
    /// without a target or without business time.
    pub fn meets_target(&self) -> Option<bool> {
        if self.current.business == TimeSpan::ZERO {
            return None;
        }
        Some(!self.budget_left()?.is_negative())
    }

    /// Downtime − previous downtime; `None` without previous figures.
    pub fn change_downtime(&self) -> Option<TimeSpan> {
        Some(self.current.downtime - self.previous?.downtime)
    }

    /// Uptime percent − previous uptime percent, in thousandths of a
    /// percentage point; `None` when either is empty.
    pub fn change_uptime_percent(&self) -> Option<i128> {
        Some(self.uptime_percent()?.change_from(self.previous?.uptime_percent()?))
    }
}

/// Every store of a report against its target and the period before, with
/// its groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scorecard {
    /// The report's now, where the horizon ends.
    pub now: UtcInstant,
    /// How many days the horizon, and the period before it, last.
    pub horizon: Horizon,
    /// The horizon: `[now − N × 24 h, now)`.
    pub interval: Interval,
    /// The horizon before: `[now − 2 × N × 24 h, now − N × 24 h)`; `None`
    /// when it would start before the year 1678 (no polls there).
    pub previous_interval: Option<Interval>,
    /// The fleet's target, if given.
    pub fleet_target: Option<Target>,
    /// The groups file's dimensions, in its column order.
    pub dimensions: Vec<Dimension>,
    /// One per report row, in the report's order.
    pub stores: Vec<StoreScore>,
}

impl Scorecard {
    /// Whether any store has a target (the fleet's or its own).
    pub fn has_target(&self) -> bool {
        self.stores.iter().any(|store| store.target.is_some())
    }

    /// How many of the report's stores the groups file has no row for.
    pub fn stores_without_row(&self) -> usize {
        self.stores.iter().filter(|store| !store.in_groups_file).count()
    }

    /// How many stores have no poll in the previous period (nothing to
    /// compare them with).
    pub fn stores_without_previous(&self) -> usize {
        self.stores.iter().filter(|store| store.previous.is_none()).count()
    }
}

/// How often, in stores, progress is reported and cancellation checked.
const PROGRESS_EVERY: usize = 512;

/// The scorecard of `report` over `horizon`, with `fleet_target` for the
/// stores the groups file gives no target of their own. The stores are
/// spread over `jobs`; `progress` is called with the fraction done, and
/// cancels when it returns `ControlFlow::Break`.
///
/// ```
/// use std::ops::ControlFlow;
/// use store_uptime_engine::{Analysis, Dataset, Horizon, ReportSettings, OneThread, Target, compute_report, compute_scorecard, scorecard_csv};
///
/// let mut data = Dataset::new();
/// // Open 24x7 in UTC; up for the first 6 days of the week, down for the last.
/// data.read_bytes("status.csv", b"store_id,status,timestamp_utc\n\
///     1,active,2023-01-18 12:00:00 UTC\n1,inactive,2023-01-24 12:00:00 UTC\n1,inactive,2023-01-25 12:00:00 UTC\n")?;
/// data.read_bytes("timezones.csv", b"store_id,timezone_str\n1,UTC\n")?;
/// data.read_bytes("groups.csv", b"store_id,region,target\n1,North,85\n")?;
/// let analysis = Analysis::new(data);
/// let report = compute_report(&analysis, &ReportSettings::default(), &mut |_| ControlFlow::Continue(()))?;
/// let fleet_target: Target = "99.5".parse()?;
/// let card = compute_scorecard(&analysis, &report, Horizon::WEEK, Some(fleet_target), &mut |_| ControlFlow::Continue(()), &OneThread)?;
/// let store = &card.stores[0];
/// // 6 of 7 days up: 85.714 %, against the store's own target of 85 %.
/// assert_eq!(store.uptime_percent().map(|p| p.thousandths()), Some(85_714));
/// assert_eq!(store.meets_target(), Some(true));
/// assert!(scorecard_csv(&card).ends_with(",85.714,85,1512,72,true,,,,,0,,,North\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compute_scorecard(
    analysis: &Analysis,
    report: &Report,
    horizon: Horizon,
    fleet_target: Option<Target>,
    progress: &mut dyn FnMut(f64) -> ControlFlow<()>,
    jobs: &dyn JobRunner,
) -> Result<Scorecard, ReportError> {
    let now = report.now;
    let interval = horizon.before(now).ok_or(ReportError::NowOutOfRange)?;
    let previous_interval = horizon.before(interval.start);
    let zone = report.default_zone;

    let rows = &report.rows;
    let mut figures: Vec<StorePeriods> = vec![(PeriodFigures::default(), None, 0); rows.len()];
    let pieces = jobs.parallelism().max(1);
    let mut done = 0;
    while done < rows.len() {
        let batch_end = (done + PROGRESS_EVERY * pieces).min(rows.len());
        let per_piece = (batch_end - done).div_ceil(pieces);
        let mut work: Vec<Job<'_>> = Vec::with_capacity(pieces);
        for (row_chunk, out_chunk) in
            rows[done..batch_end].chunks(per_piece).zip(figures[done..batch_end].chunks_mut(per_piece))
        {
            work.push(Box::new(move || {
                let mut business = Vec::new();
                let mut clipped = Vec::new();
                for (row, out) in row_chunk.iter().zip(out_chunk) {
                    *out = store_periods(
                        analysis,
                        row.store,
                        zone,
                        interval,
                        previous_interval,
                        &mut business,
                        &mut clipped,
                    );
                }
            }));
        }
        jobs.run_all(work);
        done = batch_end;
        if progress(done as f64 / rows.len().max(1) as f64).is_break() {
            return Err(ReportError::Cancelled);
        }
    }

    Ok(assemble(analysis, report, horizon, interval, previous_interval, fleet_target, figures))
}

/// A store's figures over the horizon and the horizon before (if it has a
/// poll in it), and its polls in the horizon before. Business time is
/// computed once over both and cut in two.
fn store_periods(
    analysis: &Analysis,
    store: StoreIndex,
    default_zone: crate::zone::StoreZone,
    interval: Interval,
    previous_interval: Option<Interval>,
    business: &mut Vec<Interval>,
    clipped: &mut Vec<Interval>,
) -> StorePeriods {
    let span = Interval { start: previous_interval.map_or(interval.start, |p| p.start), end: interval.end };
    business.clear();
    analysis.schedule(store, default_zone).business_time(span, business);
    periods_of(analysis, store, business, interval, previous_interval, clipped)
}

/// A store's figures over the horizon and the horizon before, and its polls
/// in the horizon before.
type StorePeriods = (PeriodFigures, Option<PeriodFigures>, u32);

/// [`store_periods`], given the store's business time over a span that
/// holds both periods.
fn periods_of(
    analysis: &Analysis,
    store: StoreIndex,
    business: &[Interval],
    interval: Interval,
    previous_interval: Option<Interval>,
    clipped: &mut Vec<Interval>,
) -> StorePeriods {
    let times = analysis.poll_times(store);
    let active = analysis.poll_statuses(store);
    let mut period = |part: Interval| {
        clipped.clear();
        clip(business, part, clipped);
        let mut figures = PeriodFigures::default();
        for_each_status_piece(times, active, clipped, |from, to, up| {
            let piece = to - from;
            figures.business += piece;
            if up {
                figures.uptime += piece;
            } else {
                figures.downtime += piece;
            }
        });
        figures
    };
    let current = period(interval);
    let Some(previous_interval) = previous_interval else {
        return (current, None, 0);
    };
    let from = times.partition_point(|&t| t < previous_interval.start);
    let to = times.partition_point(|&t| t < previous_interval.end);
    let previous_polls = u32::try_from(to - from).unwrap_or(u32::MAX);
    let previous = (previous_polls > 0).then(|| period(previous_interval));
    (current, previous, previous_polls)
}

/// The report of `settings` and its scorecard over `horizon`, as
/// [`crate::compute_report_on`] and [`compute_scorecard`] give them, in one
/// pass over the stores spread over `jobs`: each store's business time is
/// computed once, over the week and the two horizons.
pub fn compute_report_and_scorecard_on(
    analysis: &Analysis,
    settings: &crate::report::ReportSettings,
    horizon: Horizon,
    fleet_target: Option<Target>,
    progress: &mut dyn FnMut(f64) -> ControlFlow<()>,
    jobs: &dyn JobRunner,
) -> Result<(Report, Scorecard), ReportError> {
    let now = crate::report::report_now(analysis, settings)?;
    let week = crate::report::Window::LastWeek.before(now).ok_or(ReportError::NowOutOfRange)?;
    let interval = horizon.before(now).ok_or(ReportError::NowOutOfRange)?;
    let previous_interval = horizon.before(interval.start);
    let earliest = previous_interval.map_or(interval.start, |p| p.start);
    let span = Interval { start: week.start.min(earliest), end: now };
    let per_store = |store: StoreIndex, business: &[Interval]| {
        periods_of(analysis, store, business, interval, previous_interval, &mut Vec::new())
    };
    let (report, figures) = crate::report::compute_with(analysis, settings, now, span, progress, jobs, &per_store)?;
    let card = assemble(analysis, &report, horizon, interval, previous_interval, fleet_target, figures);
    Ok((report, card))
}

/// The scorecard from each report row's figures, in the report's order.
fn assemble(
    analysis: &Analysis,
    report: &Report,
    horizon: Horizon,
    interval: Interval,
    previous_interval: Option<Interval>,
    fleet_target: Option<Target>,
    figures: Vec<StorePeriods>,
) -> Scorecard {
    let (dimensions, store_groups) = assign_groups(analysis, report);
    let stores = report
        .rows
        .iter()
        .zip(figures)
        .zip(store_groups)
        .map(|((row, (current, previous, previous_polls)), (groups, own_target, in_groups_file))| StoreScore {
            store: row.store,
            store_id: row.store_id.clone(),
            current,
            target: own_target.or(fleet_target),
            previous,
            previous_polls,
            groups,
            in_groups_file,
        })
        .collect();
    Scorecard { now: report.now, horizon, interval, previous_interval, fleet_target, dimensions, stores }
}

/// A store's group in each dimension (an index into its groups), the
/// target its row in the groups file gives, and whether it has a row.
type StoreGroups = (Vec<u32>, Option<Target>, bool);

/// The dimensions with their groups among the report's stores, and each
/// store's group indices and own target, from the groups file's rows (the
/// last row of a store wins).
fn assign_groups(analysis: &Analysis, report: &Report) -> (Vec<Dimension>, Vec<StoreGroups>) {
    let group_rows = analysis.group_rows();
    let mut last_row: HashMap<&str, &GroupRow> = HashMap::with_capacity(group_rows.rows.len());
    for row in &group_rows.rows {
        last_row.insert(&row.store_id, row);
    }
    let rows: Vec<Option<&GroupRow>> = report.rows.iter().map(|r| last_row.get(r.store_id.as_str()).copied()).collect();

    let mut dimensions = Vec::with_capacity(group_rows.dimensions.len());
    let mut indices = vec![Vec::with_capacity(group_rows.dimensions.len()); rows.len()];
    for (d, name) in group_rows.dimensions.iter().enumerate() {
        let mut groups: Vec<&str> = rows.iter().map(|&row| group_of(row, d)).collect();
        groups.sort_unstable_by(|a, b| (*a == NO_GROUP).cmp(&(*b == NO_GROUP)).then_with(|| a.cmp(b)));
        groups.dedup();
        for (store, &row) in indices.iter_mut().zip(&rows) {
            let group = group_of(row, d);
            let at = groups
                .binary_search_by(|probe| {
                    (*probe == NO_GROUP).cmp(&(group == NO_GROUP)).then_with(|| probe.cmp(&group))
                })
                .unwrap_or(0);
            store.push(at as u32);
        }
        dimensions.push(Dimension { name: name.clone(), groups: groups.into_iter().map(String::from).collect() });
    }
    let assigned = indices
        .into_iter()
        .zip(&rows)
        .map(|(groups, row)| (groups, row.and_then(|row| row.target), row.is_some()))
        .collect();
    (dimensions, assigned)
}

/// A store's group in one dimension: its row's value, or [`NO_GROUP`].
fn group_of(row: Option<&GroupRow>, dimension: usize) -> &str {
    match row.and_then(|row| row.groups.get(dimension)) {
        Some(value) if !value.is_empty() => value,
        _ => NO_GROUP,
    }
}

/// How many rows of the groups files name a store that is not in the
/// report (it has no poll): counted and ignored.
pub fn group_rows_without_store(analysis: &Analysis) -> u64 {
    analysis
        .group_rows()
        .rows
        .iter()
        .filter(|row| analysis.stores().find(&row.store_id).is_none_or(|store| !analysis.has_polls(store)))
        .count() as u64
}
