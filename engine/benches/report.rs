//! The whole report on a full-size generated data set (14,000 stores, about
//! 1.86 million polls, 108 MB of status CSV), stage by stage.
//!
//! Run with `cargo bench -p store-uptime-engine --bench report`.

use std::ops::ControlFlow;
use std::sync::LazyLock;

use store_uptime_engine::{
    Analysis, Dataset, FilePart, Horizon, OneThread, ReportSettings, StaleLimit, Units, compute_report,
    compute_report_and_history_on, compute_report_and_scorecard_on, compute_scorecard, extended_csv, freshness,
    report_csv, rollup, rollup_csv, scorecard_csv, split_file, states_now,
};
use store_uptime_engine::{SampleFiles, SampleSpec, sample_files};
use store_uptime_engine::{days_csv, outages_csv};

fn main() {
    divan::main();
}

static FILES: LazyLock<SampleFiles> = LazyLock::new(|| sample_files(&SampleSpec::like_real(14_000, 1)));

/// Reads the three files as the command does, in 1 MiB chunks.
fn read_all(files: &SampleFiles) -> Dataset {
    let mut data = Dataset::new();
    for (name, bytes) in [("status.csv", &files.status), ("hours.csv", &files.hours), ("zones.csv", &files.timezones)] {
        let mut feed = data.read_file(name);
        for chunk in bytes.chunks(1 << 20) {
            feed.push(chunk).expect("recognised");
        }
        feed.finish().expect("recognised");
    }
    data
}

fn report(analysis: &Analysis) -> store_uptime_engine::Report {
    compute_report(analysis, &ReportSettings::default(), &mut |_| ControlFlow::Continue(())).expect("a report")
}

#[divan::bench(sample_count = 10)]
fn read_files(bencher: divan::Bencher) {
    let files = &*FILES;
    bencher.counter(divan::counter::BytesCount::new(files.status.len())).bench(|| read_all(files));
}

#[divan::bench(sample_count = 10)]
fn group_by_store(bencher: divan::Bencher) {
    bencher.with_inputs(|| read_all(&FILES)).bench_values(Analysis::new);
}

#[divan::bench(sample_count = 10)]
fn calculate(bencher: divan::Bencher) {
    let analysis = Analysis::new(read_all(&FILES));
    bencher.bench(|| report(&analysis));
}

#[divan::bench(sample_count = 10)]
fn write_csv(bencher: divan::Bencher) {
    let analysis = Analysis::new(read_all(&FILES));
    let report = report(&analysis);
    bencher.bench(|| report_csv(&report, Units::Minutes));
}

/// The report with the outages and days of a 7-day horizon, in one pass on
/// one thread, as the page's data worker computes them on parsed files.
#[divan::bench(sample_count = 10)]
fn calculate_with_history(bencher: divan::Bencher) {
    let analysis = Analysis::new(read_all(&FILES));
    bencher.bench(|| report_and_history(&analysis));
}

/// The report with the outages and days of a 7-day horizon: what the
/// benches above and below time or write from.
fn report_and_history(analysis: &Analysis) -> (store_uptime_engine::Report, store_uptime_engine::History) {
    let horizon = Horizon::of_days(7).expect("7 days");
    compute_report_and_history_on(
        analysis,
        &ReportSettings::default(),
        horizon,
        &mut |_| ControlFlow::Continue(()),
        &OneThread,
    )
    .expect("a report")
}

/// The outage list's CSV, as the page offers it with each report.
/// The sample's data with a groups file of three dimensions (400 regions,
/// 12 brands, 90 franchisees) and a target for every tenth store.
static ANALYSIS_WITH_GROUPS: LazyLock<Analysis> = LazyLock::new(|| {
    let mut data = read_all(&FILES);
    let mut groups = String::from("store_id,region,brand,franchisee,target\n");
    for (i, store) in data.stores().indices().enumerate() {
        let target = if i % 10 == 0 { "99.5" } else { "" };
        let id = data.stores().id(store);
        groups.push_str(&format!("{id},r{},b{},f{},{target}\n", i % 400, i % 12, i % 90));
    }
    data.read_bytes("groups.csv", groups.as_bytes()).expect("a groups file");
    Analysis::new(data)
});

/// The report, its scorecard and roll-up over the week with a target: to
/// compare with `calculate_with_history`, the report with its outages and
/// days.
#[divan::bench(sample_count = 10)]
fn calculate_with_scorecard(bencher: divan::Bencher) {
    let analysis = &*ANALYSIS_WITH_GROUPS;
    let target = "99".parse().ok();
    bencher.bench(|| {
        let (report, card) = compute_report_and_scorecard_on(
            analysis,
            &ReportSettings::default(),
            Horizon::WEEK,
            target,
            &mut |_| ControlFlow::Continue(()),
            &OneThread,
        )
        .expect("a scorecard");
        let pooled = rollup(&card);
        (report, card, pooled)
    });
}

/// The scorecard and roll-up as CSV text.
#[divan::bench(sample_count = 10)]
fn write_scorecard_and_rollup_csv(bencher: divan::Bencher) {
    let analysis = &*ANALYSIS_WITH_GROUPS;
    let report = report(analysis);
    let card = compute_scorecard(
        analysis,
        &report,
        Horizon::WEEK,
        "99".parse().ok(),
        &mut |_| ControlFlow::Continue(()),
        &OneThread,
    )
    .expect("a scorecard");
    let pooled = rollup(&card);
    bencher.bench(|| (scorecard_csv(&card), rollup_csv(&card, &pooled)));
}

#[divan::bench(sample_count = 10)]
fn write_outages_csv(bencher: divan::Bencher) {
    let analysis = Analysis::new(read_all(&FILES));
    let (_, history) = report_and_history(&analysis);
    bencher.bench(|| outages_csv(&history));
}

/// The per-day table's CSV.
#[divan::bench(sample_count = 10)]
fn write_days_csv(bencher: divan::Bencher) {
    let analysis = Analysis::new(read_all(&FILES));
    let (_, history) = report_and_history(&analysis);
    bencher.bench(|| days_csv(&history));
}

/// The extended report's CSV with the freshness it needs.
#[divan::bench(sample_count = 10)]
fn write_extended_csv(bencher: divan::Bencher) {
    let analysis = Analysis::new(read_all(&FILES));
    let (report, history) = report_and_history(&analysis);
    let stale = StaleLimit::of_minutes(120).expect("a limit");
    let fresh = freshness(&analysis, &report);
    let states = states_now(&analysis, &history);
    bencher.bench(|| extended_csv(&report, &fresh, &states, Units::Minutes, stale));
}

/// Each store's freshness (its latest poll, its polls in each window).
#[divan::bench(sample_count = 10)]
fn store_freshness(bencher: divan::Bencher) {
    let analysis = Analysis::new(read_all(&FILES));
    let (report, _) = report_and_history(&analysis);
    bencher.bench(|| freshness(&analysis, &report));
}

#[divan::bench(sample_count = 10)]
fn whole_report(bencher: divan::Bencher) {
    let files = &*FILES;
    bencher.bench(|| {
        let analysis = Analysis::new(read_all(files));
        report_csv(&report(&analysis), Units::Minutes)
    });
}

/// Reads the status file in `parts` parts on as many threads, as the command
/// does, and merges them.
fn read_status_in_parts(status: &[u8], parts: usize) -> Dataset {
    let ranges = split_file(status.len() as u64, parts);
    let head = &status[..status.len().min(64 << 10)];
    let parts = std::thread::scope(|scope| {
        let readers: Vec<_> = ranges
            .iter()
            .map(|&range| {
                scope.spawn(move || {
                    let mut feed = FilePart::reader(range, head);
                    let mut chunks = status[range.start() as usize..].chunks(1 << 20);
                    while feed.wants_more() {
                        let Some(chunk) = chunks.next() else { break };
                        feed.push(chunk);
                    }
                    feed.finish()
                })
            })
            .collect();
        readers.into_iter().map(|reader| reader.join().expect("no panic")).collect()
    });
    let mut data = Dataset::new();
    data.merge_parts("status.csv", parts).expect("mergeable");
    data
}

#[divan::bench(sample_count = 10, args = [1, 2, 4])]
fn read_status_in_threads(bencher: divan::Bencher, parts: usize) {
    let files = &*FILES;
    bencher
        .counter(divan::counter::BytesCount::new(files.status.len()))
        .bench(|| read_status_in_parts(&files.status, parts));
}

#[divan::bench(sample_count = 10)]
fn encode_status(bencher: divan::Bencher) {
    let data = read_status_in_parts(&FILES.status, 1);
    bencher.bench(|| data.encode());
}

#[divan::bench(sample_count = 10)]
fn decode_status(bencher: divan::Bencher) {
    let bytes = read_status_in_parts(&FILES.status, 1).encode();
    bencher.counter(divan::counter::BytesCount::new(bytes.len())).bench(|| Dataset::decode(&bytes).expect("decodes"));
}
