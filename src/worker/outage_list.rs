//! The fleet's outage list of the latest report, kept in the worker: the
//! page lists a page of it at a time, filtered by store and in the order
//! asked, without receiving every outage (a 90-day horizon over 14,000
//! stores has hundreds of thousands).

use std::cell::RefCell;
use std::cmp::Reverse;
use std::ops::ControlFlow;

use web_sys::File;

use super::{dataset, envelope, timeline};
use crate::protocol::{FleetOutage, OUTAGES_LISTED, OutageOrder, OutageQuery, OutagesOutcome, Rebuild, Reply};
use engine::format_timestamp;
use engine::{Analysis, History, OneThread, Outage, ReportSettings, StoreZone, compute_report_and_history_on};

/// A store of the list: its id as written, the same in lower case for the
/// filter, and its zone for the local times.
struct ListedStore {
    id: String,
    lower_id: String,
    zone: StoreZone,
}

/// Every outage of one report's horizon.
pub struct OutageList {
    report_id: u32,
    /// In the report's order.
    stores: Vec<ListedStore>,
    /// Each outage with its store's place in `stores`, longest first; equal
    /// lengths by start, then in the report's order of stores.
    outages: Vec<(u32, Outage)>,
}

thread_local! {
    static KEPT: RefCell<Option<OutageList>> = const { RefCell::new(None) };
}

impl OutageList {
    /// The outages of `history`, the outages and days of report `report_id`.
    pub fn of(report_id: u32, history: &History) -> OutageList {
        let stores = history
            .stores
            .iter()
            .map(|store| ListedStore {
                id: store.store_id.clone(),
                lower_id: store.store_id.to_lowercase(),
                zone: store.zone,
            })
            .collect();
        let mut outages: Vec<(u32, Outage)> = history
            .stores
            .iter()
            .enumerate()
            // A report has far fewer than 2^32 stores (each needs a poll).
            .flat_map(|(index, store)| store.outages.iter().map(move |outage| (index as u32, *outage)))
            .collect();
        outages.sort_unstable_by(|a, b| {
            b.1.length().cmp(&a.1.length()).then(a.1.start.cmp(&b.1.start)).then(a.0.cmp(&b.0))
        });
        OutageList { report_id, stores, outages }
    }

    /// How many outages the horizon has.
    pub fn total(&self) -> u64 {
        self.outages.len() as u64
    }

    /// The outages that `query` asks for: how many match its filter, and
    /// at most [`OUTAGES_LISTED`] of them from its offset, in its order.
    pub fn page(&self, query: &OutageQuery) -> (u64, Vec<FleetOutage>) {
        let filter = query.filter.trim().to_lowercase();
        let store_matches: Vec<bool> = self.stores.iter().map(|store| store.lower_id.contains(&filter)).collect();
        let mut matching: Vec<&(u32, Outage)> =
            self.outages.iter().filter(|(store, _)| store_matches[*store as usize]).collect();
        // Stable sorts: equal starts stay longest first.
        match query.order {
            OutageOrder::Longest => {}
            OutageOrder::Latest => matching.sort_by_key(|(_, outage)| Reverse(outage.start)),
            OutageOrder::Earliest => matching.sort_by_key(|(_, outage)| outage.start),
        }
        let offset = usize::try_from(query.offset).unwrap_or(usize::MAX);
        let listed = matching.iter().skip(offset).take(OUTAGES_LISTED).map(|(store, outage)| {
            let store = &self.stores[*store as usize];
            FleetOutage {
                store_id: store.id.clone(),
                start_local: format_timestamp(outage.start, Some(store.zone.offset_seconds(outage.start))),
                end_local: format_timestamp(outage.end, Some(store.zone.offset_seconds(outage.end))),
                length_nanos: outage.length().nanos(),
                ongoing: outage.ongoing,
                before_first_poll: outage.before_first_poll,
            }
        });
        (matching.len() as u64, listed.collect())
    }
}

/// Keeps the latest report's list for the pages the page asks of it.
pub fn keep(list: OutageList) {
    KEPT.with(|kept| *kept.borrow_mut() = Some(list));
}

/// Answers the page's query about report `report_id`'s outages: from the
/// kept list, or from a list made again from the report's files and
/// `rebuild`, which is then kept in its place.
pub fn run(asked: Option<u32>, report_id: u32, query: OutageQuery, rebuild: Option<Rebuild>, files: &[(u64, File)]) {
    let outcome = match answer(report_id, &query, rebuild, files) {
        Ok((matching, outages)) => OutagesOutcome::Listed { matching, outages },
        Err(reason) => OutagesOutcome::Unavailable { reason },
    };
    envelope::answer(asked, &Reply::Outages { report_id, query, outcome }, &[]);
}

fn answer(
    report_id: u32,
    query: &OutageQuery,
    rebuild: Option<Rebuild>,
    files: &[(u64, File)],
) -> Result<(u64, Vec<FleetOutage>), String> {
    let held = KEPT.with(|kept| kept.borrow().as_ref().is_some_and(|list| list.report_id == report_id));
    if !held {
        let lost = || "this report's files are no longer at hand; generate the report again to list its outages";
        let rebuild = rebuild.ok_or_else(|| lost().to_string())?;
        if files.is_empty() {
            return Err(lost().to_string());
        }
        dataset::prepare(files, &mut |_| {})?;
        keep(dataset::with_held(|analysis| list_again(analysis, report_id, &rebuild))??);
    }
    KEPT.with(|kept| kept.borrow().as_ref().map(|list| list.page(query)))
        .ok_or_else(|| "the outage list was not kept".to_string())
}

/// The list of report `report_id`, computed again with its settings.
fn list_again(analysis: &Analysis, report_id: u32, rebuild: &Rebuild) -> Result<OutageList, String> {
    let settings = timeline::settings_of(report_id, rebuild)?;
    let report_settings = ReportSettings { now: Some(settings.now), default_zone: settings.default_zone };
    let (_, history) = compute_report_and_history_on(
        analysis,
        &report_settings,
        settings.horizon,
        &mut |_| ControlFlow::Continue(()),
        &OneThread,
    )
    .map_err(|error| error.to_string())?;
    Ok(OutageList::of(report_id, &history))
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::{Dataset, Horizon, compute_history, compute_report, parse_timestamp};

    const HOUR: i64 = 3_600_000_000_000;

    /// The list of a report over a week before 2023-01-25 00:00 UTC, of a
    /// status file of these rows (no business hours: open 24x7), with a
    /// timezones file of these rows.
    fn list_of(status_rows: &str, zone_rows: &str) -> OutageList {
        let mut data = Dataset::new();
        let status = format!("store_id,status,timestamp_utc\n{status_rows}");
        let zones = format!("store_id,timezone_str\n{zone_rows}");
        data.read_bytes("status.csv", status.as_bytes()).expect("the status file reads");
        data.read_bytes("timezones.csv", zones.as_bytes()).expect("the timezones file reads");
        let analysis = Analysis::new(data);
        let now = parse_timestamp(b"2023-01-25 00:00:00 UTC").expect("a time");
        let settings = ReportSettings { now: Some(now), default_zone: engine::DEFAULT_ZONE };
        let report = compute_report(&analysis, &settings, &mut |_| ControlFlow::Continue(())).expect("a report");
        let history =
            compute_history(&analysis, &report, Horizon::WEEK, &mut |_| ControlFlow::Continue(())).expect("a history");
        OutageList::of(7, &history)
    }

    /// Three stores, each up from the horizon's start, down now and then
    /// (hand-written: A1 3 h and 1 h, b2 3 h and 5 h, a3 2 h).
    const THREE_STORES: &str = "\
A1,active,2023-01-18 00:00:00 UTC
A1,inactive,2023-01-19 00:00:00 UTC
A1,active,2023-01-19 03:00:00 UTC
A1,inactive,2023-01-21 02:00:00 UTC
A1,active,2023-01-21 03:00:00 UTC
b2,active,2023-01-18 00:00:00 UTC
b2,inactive,2023-01-19 10:00:00 UTC
b2,active,2023-01-19 13:00:00 UTC
b2,inactive,2023-01-21 12:00:00 UTC
b2,active,2023-01-21 17:00:00 UTC
a3,active,2023-01-18 00:00:00 UTC
a3,inactive,2023-01-21 02:00:00 UTC
a3,active,2023-01-21 04:00:00 UTC
";

    /// The three stores on UTC's clock, so that their local times read as
    /// the status rows.
    const THREE_STORES_ON_UTC: &str = "A1,Etc/UTC\nb2,Etc/UTC\na3,Etc/UTC\n";

    fn listed(query: OutageQuery) -> (u64, Vec<(String, String)>) {
        let (matching, outages) = list_of(THREE_STORES, THREE_STORES_ON_UTC).page(&query);
        (matching, outages.into_iter().map(|outage| (outage.store_id, outage.start_local)).collect())
    }

    /// (store, day of January 2023, hour) as the list names them.
    fn expected(outages: &[(&str, u32, u32)]) -> Vec<(String, String)> {
        outages
            .iter()
            .map(|(id, day, hour)| (id.to_string(), format!("2023-01-{day:02}T{hour:02}:00:00+00:00")))
            .collect()
    }

    fn query(filter: &str, order: OutageOrder, offset: u64) -> OutageQuery {
        OutageQuery { filter: filter.to_string(), order, offset }
    }

    #[test]
    fn longest_first() {
        let (matching, outages) = listed(OutageQuery::default());
        assert_eq!(matching, 5);
        assert_eq!(outages, expected(&[("b2", 21, 12), ("A1", 19, 0), ("b2", 19, 10), ("a3", 21, 2), ("A1", 21, 2)]));
        assert_eq!(list_of(THREE_STORES, "").total(), 5);
    }

    #[test]
    fn equal_lengths_by_start_then_in_the_reports_order() {
        // Two 1-hour outages at one instant, and one an hour earlier.
        let rows = "\
z9,active,2023-01-18 00:00:00 UTC
z9,inactive,2023-01-20 05:00:00 UTC
z9,active,2023-01-20 06:00:00 UTC
m5,active,2023-01-18 00:00:00 UTC
m5,inactive,2023-01-20 05:00:00 UTC
m5,active,2023-01-20 06:00:00 UTC
q1,active,2023-01-18 00:00:00 UTC
q1,inactive,2023-01-20 04:00:00 UTC
q1,active,2023-01-20 05:00:00 UTC
";
        let (_, outages) = list_of(rows, "z9,Etc/UTC\nm5,Etc/UTC\nq1,Etc/UTC\n").page(&OutageQuery::default());
        let order: Vec<(&str, &str)> =
            outages.iter().map(|outage| (outage.store_id.as_str(), &outage.start_local[11..13])).collect();
        // The report orders the stores by id: m5 before z9.
        assert_eq!(order, [("q1", "04"), ("m5", "05"), ("z9", "05")]);
    }

    #[test]
    fn filtered_by_store_id_ignoring_case_and_spaces() {
        let (matching, outages) = listed(query(" A ", OutageOrder::Longest, 0));
        assert_eq!(matching, 3);
        assert_eq!(outages, expected(&[("A1", 19, 0), ("a3", 21, 2), ("A1", 21, 2)]));
        assert_eq!(listed(query("zz", OutageOrder::Longest, 0)), (0, vec![]));
    }

    #[test]
    fn ordered_by_start_with_equal_starts_longest_first() {
        let (_, latest) = listed(query("", OutageOrder::Latest, 0));
        assert_eq!(latest, expected(&[("b2", 21, 12), ("a3", 21, 2), ("A1", 21, 2), ("b2", 19, 10), ("A1", 19, 0)]));
        let (_, earliest) = listed(query("", OutageOrder::Earliest, 0));
        assert_eq!(earliest, expected(&[("A1", 19, 0), ("b2", 19, 10), ("a3", 21, 2), ("A1", 21, 2), ("b2", 21, 12)]));
    }

    #[test]
    fn a_page_starts_at_the_offset_and_holds_at_most_the_listed_number() {
        let (matching, outages) = listed(query("", OutageOrder::Earliest, 3));
        assert_eq!(matching, 5);
        assert_eq!(outages, expected(&[("A1", 21, 2), ("b2", 21, 12)]));
        assert_eq!(listed(query("", OutageOrder::Earliest, 99)), (5, vec![]));

        // One store down for the first quarter of each of 205 half hours.
        let count = OUTAGES_LISTED + 5;
        let start = parse_timestamp(b"2023-01-18 00:00:00 UTC").expect("a time").unix_nanos();
        let mut rows = String::new();
        for half_hour in 0..count as i64 {
            for (quarter, status) in [(0, "inactive"), (1, "active")] {
                let at = engine::UtcInstant::from_unix_nanos(start + half_hour * HOUR / 2 + quarter * HOUR / 4);
                rows.push_str(&format!("only,{status},{at}\n"));
            }
        }
        let many = list_of(&rows, "");
        let (matching, first) = many.page(&query("", OutageOrder::Earliest, 0));
        assert_eq!((matching, first.len()), (count as u64, OUTAGES_LISTED));
        let (_, second) = many.page(&query("", OutageOrder::Earliest, OUTAGES_LISTED as u64));
        assert_eq!(second.len(), 5);
        // The 201st half hour, 100 hours after the first, on Chicago's clock (the default).
        assert_eq!(second[0].start_local, "2023-01-21T22:00:00-06:00");
        assert!(second.iter().all(|outage| outage.length_nanos == HOUR / 4));
    }

    #[test]
    fn local_times_on_the_stores_clock() {
        let (_, outages) = list_of(THREE_STORES, "a3,Asia/Tokyo\n").page(&query("a3", OutageOrder::Longest, 0));
        assert_eq!(outages[0].start_local, "2023-01-21T11:00:00+09:00");
        assert_eq!(outages[0].end_local, "2023-01-21T13:00:00+09:00");
        assert_eq!(outages[0].length_nanos, 2 * HOUR);
        assert!(!outages[0].ongoing && !outages[0].before_first_poll);
        // A store without a zone is on the default's clock (Chicago, -06:00).
        let (_, outages) = list_of(THREE_STORES, "a3,Asia/Tokyo\n").page(&query("b2", OutageOrder::Earliest, 0));
        assert_eq!(outages[0].start_local, "2023-01-19T04:00:00-06:00");
    }
}
