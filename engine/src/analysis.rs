//! A data set rearranged for calculation: each store's polls in time order,
//! its opening periods, its timezone.

use std::ops::Range;

use crate::input::{ACTIVE_BIT, Dataset, FileId, FileSummary, PollLog, Rejection};
use crate::poll_order;
use crate::schedule::{OpeningPeriod, Schedule};
use crate::scorecard::GroupRows;
use crate::store::{StoreIndex, StoreTable};
use crate::time::UtcInstant;
use crate::zone::StoreZone;

/// One poll of a store: when, and whether the store was up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Poll {
    /// When the poll was taken.
    pub at: UtcInstant,
    /// The poll's status: `active` (up) or `inactive` (down).
    pub active: bool,
}

/// How polls of one store at the same instant are ordered (the last one
/// applies, and the first one's status holds before the first poll).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TieRule {
    /// File order, as the contract says.
    #[default]
    FileOrder,
    /// Active polls before inactive ones, whatever the file order: the rule a
    /// database table without row numbers can also follow (`store-uptime sql
    /// --ties inactive-last`), so that the two can be compared. Likewise a
    /// store with several timezone rows takes, of the names that are zones,
    /// the one last in byte order once lower-cased, whatever their order;
    /// only a store whose names are all unknown uses the default zone.
    InactiveLast,
}

/// Independent pieces of work the engine hands to its caller.
pub type Job<'a> = Box<dyn FnOnce() + Send + 'a>;

/// How a caller lends its threads to the engine, which starts none itself
/// (so that it runs the same natively and in a Web Worker): the engine cuts
/// work into [`JobRunner::parallelism`] jobs, and the runner runs them, at
/// once or one after the other.
pub trait JobRunner: Sync {
    /// How many jobs to cut work into: the threads the runner has.
    fn parallelism(&self) -> usize;
    /// Runs every job and returns when all are done.
    fn run_all(&self, jobs: Vec<Job<'_>>);
}

/// Runs jobs one after the other on the calling thread.
#[derive(Clone, Copy, Debug, Default)]
pub struct OneThread;

impl JobRunner for OneThread {
    fn parallelism(&self) -> usize {
        1
    }

    fn run_all(&self, jobs: Vec<Job<'_>>) {
        for job in jobs {
            job();
        }
    }
}

/// The order of timezone rows under [`TieRule::InactiveLast`]: unknown names
/// first, then zones by their lower-cased names' bytes (the order of
/// `LOWER(name)` in the SQL's `zone_names`).
fn zone_order(a: Option<StoreZone>, b: Option<StoreZone>) -> std::cmp::Ordering {
    let key = |zone: Option<StoreZone>| zone.map(|z| z.name().bytes().map(|b| b.to_ascii_lowercase()));
    match (key(a), key(b)) {
        (Some(a), Some(b)) => a.cmp(b),
        (a, b) => a.is_some().cmp(&b.is_some()),
    }
}

/// The data of a [`Dataset`], grouped by store.
#[derive(Debug)]
pub struct Analysis {
    stores: StoreTable,
    /// Polls of store `i` are `poll_at[poll_start[i]..poll_start[i + 1]]`,
    /// in time order; polls with equal times keep their file order.
    poll_start: Vec<usize>,
    poll_at: Vec<UtcInstant>,
    poll_active: Vec<bool>,
    /// Opening periods of store `i` are `periods[period_start[i]..period_start[i + 1]]`, by day.
    period_start: Vec<usize>,
    periods: Vec<OpeningPeriod>,
    /// The timezone row of each store, if it has one (the last row wins).
    zones: Vec<Option<Option<StoreZone>>>,
    files: Vec<FileSummary>,
    stores_of_file: Vec<Vec<StoreIndex>>,
    rejections: Vec<Rejection>,
    rejections_not_listed: u64,
    groups: GroupRows,
}

impl Analysis {
    /// Groups the data set by store. The data set is consumed so that its
    /// file-order poll list can be freed as soon as it has been regrouped.
    pub fn new(dataset: Dataset) -> Analysis {
        Analysis::with_ties(dataset, TieRule::FileOrder)
    }

    /// Like [`Analysis::new`], with polls at the same instant ordered by `ties`.
    pub fn with_ties(dataset: Dataset, ties: TieRule) -> Analysis {
        Analysis::with_ties_on(dataset, ties, &OneThread)
    }

    /// Like [`Analysis::with_ties`], with the grouping of polls by store
    /// spread over the caller's threads (see [`JobRunner`]). The result does
    /// not depend on how many there are.
    pub fn with_ties_on(dataset: Dataset, ties: TieRule, jobs: &dyn JobRunner) -> Analysis {
        let files = dataset.files().to_vec();
        let rejections_not_listed = dataset.rejections_not_listed();
        let Dataset { stores, polls, mut hours, zones, rejections, stores_of_file, groups, .. } = dataset;
        let store_count = stores.len();

        // A counting sort by store keeps file order within each store, and
        // costs two passes instead of a comparison sort of millions of polls.
        let mut poll_start = vec![0usize; store_count + 1];
        for &packed in &polls.store_and_status {
            poll_start[(packed & !ACTIVE_BIT) as usize + 1] += 1;
        }
        for i in 0..store_count {
            poll_start[i + 1] += poll_start[i];
        }
        let total = polls.len();
        let mut poll_at = vec![UtcInstant::from_unix_nanos(0); total];
        let mut poll_active = vec![false; total];

        // The stores are cut into ranges of about equal polls, one job each:
        // a job places its stores' polls and sorts them, apart from the others.
        let pieces = jobs.parallelism().clamp(1, store_count.max(1));
        let mut store_bounds: Vec<usize> = (0..=pieces)
            .map(|k| poll_start.partition_point(|&start| start < total * k / pieces).min(store_count))
            .collect();
        store_bounds[0] = 0;
        store_bounds[pieces] = store_count;
        let mut at_rest = &mut poll_at[..];
        let mut active_rest = &mut poll_active[..];
        let mut work: Vec<Job<'_>> = Vec::with_capacity(pieces);
        for range in store_bounds.windows(2) {
            let stores = range[0]..range[1];
            let len = poll_start[stores.end] - poll_start[stores.start];
            let (at, rest) = std::mem::take(&mut at_rest).split_at_mut(len);
            at_rest = rest;
            let (active, rest) = std::mem::take(&mut active_rest).split_at_mut(len);
            active_rest = rest;
            let (polls, poll_start) = (&polls, &poll_start);
            work.push(Box::new(move || group_stores(polls, poll_start, stores, at, active, ties)));
        }
        jobs.run_all(work);
        drop(polls);

        hours.sort_unstable_by_key(|&(store, period)| (store, period));
        hours.dedup();
        let mut period_start = vec![0usize; store_count + 1];
        for &(store, _) in &hours {
            period_start[store.get() + 1] += 1;
        }
        for i in 0..store_count {
            period_start[i + 1] += period_start[i];
        }
        let periods = hours.into_iter().map(|(_, period)| period).collect();

        let mut store_zones: Vec<Option<Option<StoreZone>>> = vec![None; store_count];
        for (store, zone) in zones {
            let slot = &mut store_zones[store.get()];
            let wins = match (ties, *slot) {
                (TieRule::FileOrder, _) | (_, None) => true,
                (TieRule::InactiveLast, Some(held)) => zone_order(zone, held).is_ge(),
            };
            if wins {
                *slot = Some(zone);
            }
        }

        Analysis {
            stores,
            poll_start,
            poll_at,
            poll_active,
            period_start,
            periods,
            zones: store_zones,
            files,
            stores_of_file,
            rejections,
            rejections_not_listed,
            groups,
        }
    }

    /// The rows of the groups files, in file order.
    pub(crate) fn group_rows(&self) -> &GroupRows {
        &self.groups
    }

    /// The dimensions of the groups files (region, brand…), in their column
    /// order; empty without a groups file.
    pub fn group_dimensions(&self) -> &[String] {
        &self.groups.dimensions
    }

    /// Every store id of the data set, polled or not, to look ids up and
    /// turn indices back into ids.
    pub fn stores(&self) -> &StoreTable {
        &self.stores
    }

    /// What was read from each file, in the order the files were given.
    pub fn files(&self) -> &[FileSummary] {
        &self.files
    }

    /// The stores named in an hours or timezones file (empty for status files).
    pub(crate) fn stores_of_file(&self, file: FileId) -> &[StoreIndex] {
        &self.stores_of_file[file.get()]
    }

    /// The rejected rows that were kept to list, in file order (up to the
    /// reader's cap; [`Analysis::rejections_not_listed`] counts the rest).
    pub fn rejections(&self) -> &[Rejection] {
        &self.rejections
    }

    /// Rejected rows beyond the listing cap: counted, but not kept.
    pub fn rejections_not_listed(&self) -> u64 {
        self.rejections_not_listed
    }

    /// Usable polls of all stores together, to size work and memory by.
    pub fn poll_count(&self) -> usize {
        self.poll_at.len()
    }

    /// The time of each poll of a store, in time order.
    pub fn poll_times(&self, store: StoreIndex) -> &[UtcInstant] {
        &self.poll_at[self.poll_start[store.get()]..self.poll_start[store.get() + 1]]
    }

    /// Whether each poll of a store said `active`, matching [`Analysis::poll_times`].
    pub fn poll_statuses(&self, store: StoreIndex) -> &[bool] {
        &self.poll_active[self.poll_start[store.get()]..self.poll_start[store.get() + 1]]
    }

    /// A store's polls in time order, as [`Poll`]s: its times and statuses
    /// side by side.
    pub fn polls(&self, store: StoreIndex) -> impl Iterator<Item = Poll> + '_ {
        self.poll_times(store).iter().zip(self.poll_statuses(store)).map(|(&at, &active)| Poll { at, active })
    }

    /// Whether the store has a usable poll: only such stores get a report row.
    pub fn has_polls(&self, store: StoreIndex) -> bool {
        self.poll_start[store.get()] < self.poll_start[store.get() + 1]
    }

    /// The latest poll time of all, the default "now" of a report.
    pub fn latest_poll(&self) -> Option<UtcInstant> {
        self.poll_at.iter().copied().max()
    }

    /// The store's business-hours rows, sorted by day; none means open 24x7.
    pub fn periods(&self, store: StoreIndex) -> &[OpeningPeriod] {
        &self.periods[self.period_start[store.get()]..self.period_start[store.get() + 1]]
    }

    /// The store's timezone: from its row, or `default` when it has no row or
    /// its last row names an unknown timezone.
    pub fn zone(&self, store: StoreIndex, default: StoreZone) -> StoreZone {
        self.zones[store.get()].flatten().unwrap_or(default)
    }

    /// The timezone row of the store: `None` without one, `Some(None)` when
    /// its timezone was not recognised.
    pub(crate) fn zone_row(&self, store: StoreIndex) -> Option<Option<StoreZone>> {
        self.zones[store.get()]
    }

    /// The store's weekly schedule in its timezone (`default` when it has
    /// none), which turns its business hours into instants.
    pub fn schedule(&self, store: StoreIndex, default: StoreZone) -> Schedule<'_> {
        Schedule::new(self.periods(store), self.zone(store, default))
    }
}

/// Places the polls of `stores` (in file order) into `at` and `active`, which
/// begin at the first of them, then puts each store's polls in time order.
fn group_stores(
    polls: &PollLog,
    poll_start: &[usize],
    stores: Range<usize>,
    at: &mut [UtcInstant],
    active: &mut [bool],
    ties: TieRule,
) {
    let base = poll_start[stores.start];
    let mut next: Vec<usize> = poll_start[stores.clone()].iter().map(|&start| start - base).collect();
    for (&packed, &time) in polls.store_and_status.iter().zip(&polls.at) {
        let store = (packed & !ACTIVE_BIT) as usize;
        if let Some(slot) = store.checked_sub(stores.start).and_then(|i| next.get_mut(i)) {
            at[*slot] = time;
            active[*slot] = packed & ACTIVE_BIT != 0;
            *slot += 1;
        }
    }
    drop(next);

    // Then each store's few polls are put in time order, polls with equal
    // times in file order (or inactive last), as the contract needs.
    let mut scratch = poll_order::Scratch::default();
    for store in stores {
        let range = poll_start[store] - base..poll_start[store + 1] - base;
        let ordered = match ties {
            TieRule::FileOrder => at[range.clone()].is_sorted(),
            TieRule::InactiveLast => {
                at[range.clone()].iter().zip(&active[range.clone()]).is_sorted_by_key(|(&at, &active)| (at, !active))
            }
        };
        if !ordered {
            poll_order::sort_polls(&mut at[range.clone()], &mut active[range], ties, &mut scratch);
        }
    }
}
