//! The report: uptime and downtime of every store within business hours,
//! over the last hour, day and week before "now".

use std::fmt;
use std::ops::ControlFlow;

use crate::analysis::{Analysis, Job, JobRunner, OneThread};
use crate::schedule::{Interval, clip};
use crate::store::{IdOrder, StoreIndex};
use crate::time::{TimeSpan, UtcInstant};
use crate::zone::{DEFAULT_ZONE, StoreZone};

/// The three windows of the report, each ending at "now".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Window {
    /// The hour before now.
    LastHour,
    /// The 24 hours before now.
    LastDay,
    /// The 7 × 24 hours before now.
    LastWeek,
}

impl Window {
    /// The three windows, shortest first: the order of the report's columns.
    pub const ALL: [Window; 3] = [Window::LastHour, Window::LastDay, Window::LastWeek];

    /// How far back from now the window reaches: exact hours, not local days.
    pub fn length(self) -> TimeSpan {
        match self {
            Window::LastHour => TimeSpan::from_hours(1),
            Window::LastDay => TimeSpan::from_hours(24),
            Window::LastWeek => TimeSpan::from_hours(7 * 24),
        }
    }

    /// `hour`, `day` or `week`, as in the report's column names.
    pub fn name(self) -> &'static str {
        match self {
            Window::LastHour => "hour",
            Window::LastDay => "day",
            Window::LastWeek => "week",
        }
    }

    /// Its position in [`Window::ALL`] and in a row's [`ReportRow::windows`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The window as an interval of instants, `[now - length, now)`.
    pub fn before(self, now: UtcInstant) -> Option<Interval> {
        Some(Interval { start: now.checked_sub(self.length())?, end: now })
    }
}

/// Uptime and downtime of one store in one window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WindowFigures {
    /// Business time in the window with an active status.
    pub uptime: TimeSpan,
    /// Business time in the window with an inactive status.
    pub downtime: TimeSpan,
}

impl WindowFigures {
    /// The business time in the window: uptime + downtime.
    pub fn business_time(&self) -> TimeSpan {
        self.uptime + self.downtime
    }
}

/// One row of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRow {
    /// The store, in the analysis's [`crate::StoreTable`].
    pub store: StoreIndex,
    /// Its id, as the files write it.
    pub store_id: String,
    /// Indexed by [`Window::index`].
    pub windows: [WindowFigures; 3],
}

impl ReportRow {
    /// The figures of one window.
    pub fn window(&self, window: Window) -> WindowFigures {
        self.windows[window.index()]
    }
}

/// What the user may choose about a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportSettings {
    /// The end of every window; the latest poll when `None`.
    pub now: Option<UtcInstant>,
    /// The timezone of stores without a (known) timezone row.
    pub default_zone: StoreZone,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings { now: None, default_zone: DEFAULT_ZONE }
    }
}

/// A finished report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The end of every window.
    pub now: UtcInstant,
    /// True when "now" was taken from the latest poll rather than given.
    pub now_is_latest_poll: bool,
    /// The timezone the report gave stores without a (known) timezone row.
    pub default_zone: StoreZone,
    /// One row per store with at least one poll, in the contract's order.
    pub rows: Vec<ReportRow>,
    /// How the rows are sorted: by number when every id is an integer.
    pub id_order: IdOrder,
}

/// Why no report could be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportError {
    /// No status file had a usable poll, so there is no "now" to count back from.
    NoPolls,
    /// "Now" is so early that the week before it is before the year 1678.
    NowOutOfRange,
    /// The progress callback asked to stop.
    Cancelled,
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReportError::NoPolls => "no usable poll in the status file, so there is no latest poll to use as now",
            ReportError::NowOutOfRange => "now is too early: the week before it starts before the year 1678",
            ReportError::Cancelled => "cancelled",
        })
    }
}

impl std::error::Error for ReportError {}

/// How often, in stores, progress is reported and cancellation checked.
const PROGRESS_EVERY: usize = 512;

/// Computes the report. `progress` is called with the fraction done (0 to 1)
/// now and then; returning `ControlFlow::Break` cancels the calculation.
pub fn compute_report(
    analysis: &Analysis,
    settings: &ReportSettings,
    progress: &mut dyn FnMut(f64) -> ControlFlow<()>,
) -> Result<Report, ReportError> {
    compute_report_on(analysis, settings, progress, &OneThread)
}

/// Like [`compute_report`], with the stores' figures computed in jobs that
/// the caller may spread over its threads (see [`JobRunner`]); `progress` is
/// called on the calling thread, between batches of jobs. The report does
/// not depend on the number of jobs.
pub fn compute_report_on(
    analysis: &Analysis,
    settings: &ReportSettings,
    progress: &mut dyn FnMut(f64) -> ControlFlow<()>,
    jobs: &dyn JobRunner,
) -> Result<Report, ReportError> {
    let now = report_now(analysis, settings)?;
    let week = Window::LastWeek.before(now).ok_or(ReportError::NowOutOfRange)?;
    let (report, _) = compute_with(analysis, settings, now, week, progress, jobs, &|_, _| ())?;
    Ok(report)
}

/// The report's "now": the settings', or the latest poll.
pub(crate) fn report_now(analysis: &Analysis, settings: &ReportSettings) -> Result<UtcInstant, ReportError> {
    match settings.now {
        Some(now) => Ok(now),
        None => analysis.latest_poll().ok_or(ReportError::NoPolls),
    }
}

/// The report ending at `now`, and beside each of its rows what `extra`
/// makes of the row's store and its business time over `span`: each
/// store's business time is computed once, over `span` (which holds the
/// last week and ends at now), for the report and for `extra` alike.
pub(crate) fn compute_with<E: Send>(
    analysis: &Analysis,
    settings: &ReportSettings,
    now: UtcInstant,
    span: Interval,
    progress: &mut dyn FnMut(f64) -> ControlFlow<()>,
    jobs: &dyn JobRunner,
    extra: &(dyn Fn(StoreIndex, &[Interval]) -> E + Sync),
) -> Result<(Report, Vec<E>), ReportError> {
    let week = Window::LastWeek.before(now).ok_or(ReportError::NowOutOfRange)?;
    debug_assert!(span.start <= week.start && span.end == now);

    let store_count = analysis.stores().len();
    let pieces = jobs.parallelism().max(1);
    let mut rows: Vec<(ReportRow, E)> = Vec::new();
    let mut batch_start = 0;
    while batch_start < store_count {
        let batch_end = (batch_start + PROGRESS_EVERY * pieces).min(store_count);
        // Reported as the one-job loop did: every PROGRESS_EVERY stores.
        let check = batch_start + PROGRESS_EVERY - 1;
        if check < batch_end && progress(check as f64 / store_count as f64).is_break() {
            return Err(ReportError::Cancelled);
        }
        let mut outputs: Vec<Vec<(ReportRow, E)>> = (0..pieces).map(|_| Vec::new()).collect();
        let batch = batch_end - batch_start;
        let work: Vec<Job<'_>> = outputs
            .iter_mut()
            .enumerate()
            .map(|(k, out)| {
                let stores = batch_start + batch * k / pieces..batch_start + batch * (k + 1) / pieces;
                let zone = settings.default_zone;
                Box::new(move || store_rows(analysis, stores, zone, span, week, now, extra, out)) as Job<'_>
            })
            .collect();
        jobs.run_all(work);
        for mut out in outputs {
            rows.append(&mut out);
        }
        batch_start = batch_end;
    }

    let id_order = IdOrder::for_ids(rows.iter().map(|(row, _)| row.store_id.as_str()));
    rows.sort_unstable_by(|(a, _), (b, _)| id_order.compare(&a.store_id, &b.store_id));
    if progress(1.0).is_break() {
        return Err(ReportError::Cancelled);
    }
    let (rows, extras) = rows.into_iter().unzip();
    let report =
        Report { now, now_is_latest_poll: settings.now.is_none(), default_zone: settings.default_zone, rows, id_order };
    Ok((report, extras))
}

/// The rows of the stores with polls among `stores`, in index order, each
/// with `extra`'s value.
#[allow(clippy::too_many_arguments)]
fn store_rows<E>(
    analysis: &Analysis,
    stores: std::ops::Range<usize>,
    default_zone: StoreZone,
    span: Interval,
    week: Interval,
    now: UtcInstant,
    extra: &(dyn Fn(StoreIndex, &[Interval]) -> E + Sync),
    rows: &mut Vec<(ReportRow, E)>,
) {
    let mut business = Vec::new();
    let mut in_week = Vec::new();
    for store in stores.map(|index| StoreIndex::from_raw(index as u32)) {
        if !analysis.has_polls(store) {
            continue;
        }
        analysis.schedule(store, default_zone).business_time(span, &mut business);
        let week_business = if span == week {
            &business
        } else {
            clip(&business, week, &mut in_week);
            &in_week
        };
        let windows = store_figures(analysis.poll_times(store), analysis.poll_statuses(store), week_business, now);
        let row = ReportRow { store, store_id: analysis.stores().id(store).to_string(), windows };
        rows.push((row, extra(store, &business)));
    }
}

/// The figures of one store for the three windows ending at `now`.
///
/// `times` and `active` are the store's polls in time order (equal times in
/// file order); `business` is its business time within the last week,
/// sorted and disjoint. The status at an instant is that of the latest poll
/// at or before it; before the first poll, that of the first poll.
pub(crate) fn store_figures(
    times: &[UtcInstant],
    active: &[bool],
    business: &[Interval],
    now: UtcInstant,
) -> [WindowFigures; 3] {
    let mut figures = [WindowFigures::default(); 3];
    let starts = Window::ALL.map(|w| now.checked_sub(w.length()).unwrap_or(UtcInstant::from_unix_nanos(i64::MIN)));
    let add = |from: UtcInstant, to: UtcInstant, up: bool| {
        for (figure, &start) in figures.iter_mut().zip(&starts) {
            let from = from.max(start);
            if from < to {
                let span = to - from;
                if up {
                    figure.uptime += span;
                } else {
                    figure.downtime += span;
                }
            }
        }
    };

    for_each_status_piece(times, active, business, add);
    figures
}

/// Cuts business time into pieces of constant status and calls `piece` with
/// each, in time order: `(from, to, up)`, never empty.
///
/// `times` and `active` are a store's polls in time order (equal times in
/// file order); `business` is sorted and disjoint. The status at an instant
/// is that of the latest poll at or before it (of polls at one instant, the
/// last in file order); before the first poll, that of the first poll. A
/// store without polls has no status, and so no pieces.
///
/// The report, the outage list and the per-day table are all sums over
/// these pieces, which is what makes them agree with each other.
pub(crate) fn for_each_status_piece(
    times: &[UtcInstant],
    active: &[bool],
    business: &[Interval],
    mut piece: impl FnMut(UtcInstant, UtcInstant, bool),
) {
    let Some(&first_active) = active.first() else {
        return;
    };
    // `next` is the first poll not yet applied; `status` is the status
    // before it (the first poll's, before any poll has been applied).
    let mut next = 0;
    let mut status = first_active;
    for interval in business {
        let mut t = interval.start;
        while next < times.len() && times[next] <= t {
            status = active[next];
            next += 1;
        }
        while t < interval.end {
            let change = if next < times.len() && times[next] < interval.end { times[next] } else { interval.end };
            piece(t, change, status);
            t = change;
            while next < times.len() && times[next] <= t {
                status = active[next];
                next += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    fn at(text: &str) -> UtcInstant {
        parse_timestamp(text.as_bytes()).expect("test literal")
    }

    const NOW: &str = "2023-01-25 12:00:00";

    fn figures(polls: &[(&str, bool)], business: &[(&str, &str)]) -> [(i64, i64); 3] {
        let times: Vec<_> = polls.iter().map(|p| at(p.0)).collect();
        let active: Vec<_> = polls.iter().map(|p| p.1).collect();
        let business: Vec<_> = business.iter().map(|b| Interval { start: at(b.0), end: at(b.1) }).collect();
        store_figures(&times, &active, &business, at(NOW))
            .map(|f| (f.uptime.nanos() / 60_000_000_000, f.downtime.nanos() / 60_000_000_000))
    }

    const WEEK: (&str, &str) = ("2023-01-18 12:00:00", NOW);

    #[test]
    fn one_active_poll_makes_the_whole_business_time_up() {
        assert_eq!(figures(&[("2023-01-25 11:30:00", true)], &[WEEK]), [(60, 0), (1440, 0), (10080, 0)]);
    }

    #[test]
    fn before_the_first_poll_the_status_is_the_first_polls() {
        // Inactive at 11:30, active at 11:45: down until 11:45, so 45 minutes of the hour... plus
        // everything before it in the day and week.
        assert_eq!(
            figures(&[("2023-01-25 11:30:00", false), ("2023-01-25 11:45:00", true)], &[WEEK]),
            [(15, 45), (15, 1425), (15, 10065)]
        );
    }

    #[test]
    fn polls_only_long_before_the_window_carry_their_status() {
        assert_eq!(figures(&[("2023-01-01 00:00:00", false)], &[WEEK]), [(0, 60), (0, 1440), (0, 10080)]);
    }

    #[test]
    fn a_poll_exactly_at_a_window_start_applies_from_that_instant() {
        let polls = [("2023-01-20 00:00:00", true), ("2023-01-25 11:00:00", false)];
        assert_eq!(figures(&polls, &[WEEK]), [(0, 60), (1380, 60), (10020, 60)]);
    }

    #[test]
    fn polls_after_now_do_not_count_except_as_the_first_poll() {
        // The only poll is after now: its status is used for all of the time before it.
        assert_eq!(figures(&[("2023-01-26 00:00:00", false)], &[WEEK]), [(0, 60), (0, 1440), (0, 10080)]);
        // A later inactive poll after now changes nothing.
        assert_eq!(
            figures(&[("2023-01-25 10:00:00", true), ("2023-01-25 12:00:00", false)], &[WEEK]),
            [(60, 0), (1440, 0), (10080, 0)]
        );
    }

    #[test]
    fn duplicate_polls_apply_in_file_order_and_the_first_one_rules_before() {
        // Same instant, inactive then active (file order): before it, the first
        // (inactive); from it on, the last (active).
        let polls = [("2023-01-25 11:30:00", false), ("2023-01-25 11:30:00", true)];
        assert_eq!(figures(&polls, &[WEEK]), [(30, 30), (30, 1410), (30, 10050)]);
    }

    #[test]
    fn only_business_time_counts() {
        let business = [("2023-01-25 09:00:00", "2023-01-25 11:20:00")];
        let polls = [("2023-01-25 09:30:00", true), ("2023-01-25 11:10:00", false)];
        // Hour window 11:00-12:00 holds 11:00-11:20: up 11:00-11:10, down 11:10-11:20.
        // Day: 09:00-11:10 up (first poll active), 11:10-11:20 down.
        assert_eq!(figures(&polls, &business), [(10, 10), (130, 10), (130, 10)]);
    }

    #[test]
    fn no_business_time_gives_zeros() {
        assert_eq!(figures(&[("2023-01-25 11:30:00", true)], &[]), [(0, 0), (0, 0), (0, 0)]);
    }
}
