//! Outages and days: when each store was down, and how each of its local
//! days went, over a horizon of N days before now (SPEC.md, "Outages and
//! days").
//!
//! Both are cut from the same pieces of constant status as the report
//! (`report::for_each_status_piece`), so they add up to the
//! report's figures exactly, not merely within rounding.

mod days;
mod fleet;
mod now;
mod outages;
mod write;

use std::fmt;
use std::ops::ControlFlow;
use std::str::FromStr;

pub use days::DayFigures;
pub(crate) use days::store_days;
pub use fleet::{FleetDayFigures, fleet_days};
pub use now::{StateNow, states_now};
pub use outages::{Outage, store_outages};
pub use write::{days_csv, format_timestamp, outages_csv, push_timestamp, write_days_csv, write_outages_csv};

use crate::analysis::{Analysis, JobRunner};
use crate::report::{Report, ReportError, ReportSettings, Window, compute_with, report_now};
use crate::schedule::{Interval, clip};
use crate::store::StoreIndex;
use crate::time::{TimeSpan, UtcInstant};
use crate::zone::StoreZone;

/// The span of the outage list and the per-day table: the N × 24 hours
/// before now, for N from 1 to 366.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Horizon {
    days: u16,
}

impl Horizon {
    /// The longest horizon: a leap year.
    pub const MAX_DAYS: u32 = 366;
    /// The default horizon, the report's week.
    pub const WEEK: Horizon = Horizon { days: 7 };

    /// A horizon of `days` days; `None` outside 1 to 366.
    ///
    /// ```
    /// use store_uptime_engine::Horizon;
    ///
    /// assert_eq!(Horizon::of_days(30).map(Horizon::days), Some(30));
    /// assert_eq!(Horizon::of_days(0), None);
    /// assert_eq!("367".parse::<Horizon>().map_err(|e| e.contains("1 to 366")), Err(true));
    /// ```
    pub fn of_days(days: u32) -> Option<Horizon> {
        (1..=Self::MAX_DAYS).contains(&days).then_some(Horizon { days: days as u16 })
    }

    /// Its number of days, 1 to 366.
    pub fn days(self) -> u32 {
        u32::from(self.days)
    }

    /// Its length: N × 24 hours, whatever daylight saving does to local days.
    pub fn length(self) -> TimeSpan {
        TimeSpan::from_hours(24 * i64::from(self.days))
    }

    /// The horizon as an interval of instants, `[now - N × 24 h, now)`.
    pub fn before(self, now: UtcInstant) -> Option<Interval> {
        Some(Interval { start: now.checked_sub(self.length())?, end: now })
    }
}

impl Default for Horizon {
    fn default() -> Self {
        Horizon::WEEK
    }
}

impl fmt::Display for Horizon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.days {
            1 => f.write_str("1 day"),
            n => write!(f, "{n} days"),
        }
    }
}

impl FromStr for Horizon {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim()
            .parse::<u32>()
            .ok()
            .and_then(Horizon::of_days)
            .ok_or_else(|| format!("{s:?} is not a number of days from 1 to {}", Horizon::MAX_DAYS))
    }
}

/// The outages and days of one store of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreHistory {
    /// The store, in the analysis's [`crate::StoreTable`].
    pub store: StoreIndex,
    /// Its id, as the files write it.
    pub store_id: String,
    /// The zone its local times and days are in.
    pub zone: StoreZone,
    /// Its outages in the horizon, by start.
    pub outages: Vec<Outage>,
    /// One entry per local date of the horizon, ascending.
    pub days: Vec<DayFigures>,
}

impl StoreHistory {
    /// The outages that begin at or after the store's first poll: those
    /// whose start was seen. An outage that begins before the first poll
    /// (`before_first_poll`) is assumed, start and length alike, so a
    /// store's outage figures on screen leave it out; the outage list's
    /// CSV keeps it, flagged.
    ///
    /// ```
    /// use std::ops::ControlFlow;
    /// use store_uptime_engine::{
    ///     Analysis, Dataset, Horizon, OneThread, ReportSettings, TimeSpan, compute_report_and_history_on,
    /// };
    ///
    /// let mut data = Dataset::new();
    /// // Open 24x7 in UTC. First poll inactive at 08:00: down from the
    /// // horizon's start (assumed) to 09:00; then down 10:00-10:30 and
    /// // 11:00-11:15 (observed).
    /// data.read_bytes("status.csv", b"store_id,status,timestamp_utc\n\
    ///     1,inactive,2023-01-25 08:00:00 UTC\n1,active,2023-01-25 09:00:00 UTC\n\
    ///     1,inactive,2023-01-25 10:00:00 UTC\n1,active,2023-01-25 10:30:00 UTC\n\
    ///     1,inactive,2023-01-25 11:00:00 UTC\n1,active,2023-01-25 11:15:00 UTC\n1,active,2023-01-25 12:00:00 UTC\n")?;
    /// data.read_bytes("zones.csv", b"store_id,timezone_str\n1,UTC\n")?;
    /// let analysis = Analysis::new(data);
    /// let one_day = Horizon::of_days(1).expect("1 day");
    /// let (_, history) = compute_report_and_history_on(
    ///     &analysis, &ReportSettings::default(), one_day, &mut |_| ControlFlow::Continue(()), &OneThread)?;
    /// let store = &history.stores[0];
    /// assert_eq!(store.outages.len(), 3);
    /// assert_eq!(store.observed_outages().count(), 2);
    /// // The assumed 21 hours (12:00 the day before to 09:00) are left out.
    /// assert_eq!(store.longest_observed_outage(), Some(TimeSpan::from_nanos(30 * 60 * 1_000_000_000)));
    /// assert_eq!(store.observed_outage_time(), TimeSpan::from_nanos(45 * 60 * 1_000_000_000));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn observed_outages(&self) -> impl Iterator<Item = &Outage> {
        self.outages.iter().filter(|outage| !outage.before_first_poll)
    }

    /// The longest observed outage, if any.
    pub fn longest_observed_outage(&self) -> Option<TimeSpan> {
        self.observed_outages().map(Outage::length).max()
    }

    /// The down time of the observed outages together.
    pub fn observed_outage_time(&self) -> TimeSpan {
        self.observed_outages().map(Outage::length).fold(TimeSpan::ZERO, |sum, l| sum + l)
    }
}

/// Outages and days of every store of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    /// The report's "now", where the horizon ends.
    pub now: UtcInstant,
    /// How many days back from now the outages and days go.
    pub horizon: Horizon,
    /// `[now - N × 24 h, now)`.
    pub interval: Interval,
    /// One per report row, in the report's order.
    pub stores: Vec<StoreHistory>,
}

/// How often, in stores, progress is reported and cancellation checked.
const PROGRESS_EVERY: usize = 512;

/// The outages and days of every store of `report`, over `horizon` before
/// its now, with its default timezone. `progress` is called with the
/// fraction done now and then; returning `ControlFlow::Break` cancels.
///
/// [`compute_report_and_history_on`] gives the same, with the report, in
/// one pass over the stores.
pub fn compute_history(
    analysis: &Analysis,
    report: &Report,
    horizon: Horizon,
    progress: &mut dyn FnMut(f64) -> ControlFlow<()>,
) -> Result<History, ReportError> {
    let interval = horizon.before(report.now).ok_or(ReportError::NowOutOfRange)?;
    let mut business = Vec::new();
    let mut stores = Vec::with_capacity(report.rows.len());
    let mut countdown = PROGRESS_EVERY;
    for (done, row) in report.rows.iter().enumerate() {
        countdown -= 1;
        if countdown == 0 {
            countdown = PROGRESS_EVERY;
            if progress(done as f64 / report.rows.len() as f64).is_break() {
                return Err(ReportError::Cancelled);
            }
        }
        analysis.schedule(row.store, report.default_zone).business_time(interval, &mut business);
        stores.push(store_history(analysis, row.store, report.default_zone, interval, report.now, &business));
    }
    if progress(1.0).is_break() {
        return Err(ReportError::Cancelled);
    }
    Ok(History { now: report.now, horizon, interval, stores })
}

/// The report of `settings` and its outages and days over `horizon`, as
/// [`crate::compute_report_on`] and [`compute_history`] give them, in one
/// pass over the stores spread over `jobs`: each store's business time is
/// computed once, over the longer of the week and the horizon.
///
/// ```
/// use std::ops::ControlFlow;
/// use store_uptime_engine::{days_csv, outages_csv};
/// use store_uptime_engine::{Analysis, Dataset, Horizon, OneThread, ReportSettings, compute_report_and_history_on};
///
/// let mut data = Dataset::new();
/// // Open 24x7 in UTC; down from 10:00 to 10:45 on the day of now.
/// data.read_bytes("status.csv", b"store_id,status,timestamp_utc\n\
///     1,active,2023-01-24 12:00:00 UTC\n1,inactive,2023-01-25 10:00:00 UTC\n1,active,2023-01-25 10:45:00 UTC\n\
///     1,active,2023-01-25 12:00:00 UTC\n")?;
/// data.read_bytes("zones.csv", b"store_id,timezone_str\n1,UTC\n")?;
/// let analysis = Analysis::new(data);
/// let one_day = Horizon::of_days(1).expect("1 day");
/// let (report, history) =
///     compute_report_and_history_on(&analysis, &ReportSettings::default(), one_day, &mut |_| ControlFlow::Continue(()), &OneThread)?;
/// assert_eq!(report.rows.len(), 1);
/// assert_eq!(
///     outages_csv(&history).lines().nth(1),
///     Some("1,2023-01-25T10:00:00Z,2023-01-25T10:45:00Z,2023-01-25T10:00:00+00:00,2023-01-25T10:45:00+00:00,45,false,false")
/// );
/// // The horizon's two local days: noon to midnight, midnight to now (the
/// // poll at now, the horizon's end, is in no day).
/// assert_eq!(days_csv(&history).lines().skip(1).collect::<Vec<_>>(), ["1,2023-01-24,720,720,0,1", "1,2023-01-25,720,675,45,2"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compute_report_and_history_on(
    analysis: &Analysis,
    settings: &ReportSettings,
    horizon: Horizon,
    progress: &mut dyn FnMut(f64) -> ControlFlow<()>,
    jobs: &dyn JobRunner,
) -> Result<(Report, History), ReportError> {
    let now = report_now(analysis, settings)?;
    let week = Window::LastWeek.before(now).ok_or(ReportError::NowOutOfRange)?;
    let interval = horizon.before(now).ok_or(ReportError::NowOutOfRange)?;
    let span = Interval { start: week.start.min(interval.start), end: now };
    let zone = settings.default_zone;
    let per_store = |store: StoreIndex, business: &[Interval]| {
        let mut in_horizon = Vec::new();
        clip(business, interval, &mut in_horizon);
        store_history(analysis, store, zone, interval, now, &in_horizon)
    };
    let (report, stores) = compute_with(analysis, settings, now, span, progress, jobs, &per_store)?;
    Ok((report, History { now, horizon, interval, stores }))
}

/// One store's outages and days over the horizon `interval`, given its
/// business time in it.
fn store_history(
    analysis: &Analysis,
    store: StoreIndex,
    default_zone: StoreZone,
    interval: Interval,
    now: UtcInstant,
    business: &[Interval],
) -> StoreHistory {
    let zone = analysis.zone(store, default_zone);
    let times = analysis.poll_times(store);
    let active = analysis.poll_statuses(store);
    StoreHistory {
        store,
        store_id: analysis.stores().id(store).to_string(),
        zone,
        outages: store_outages(times, active, business, now),
        days: store_days(times, active, business, zone, interval),
    }
}
