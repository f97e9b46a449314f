//! From three files of any bytes to the report: the figures obey the
//! contract's invariants whatever the input.
#![no_main]

#[path = "common.rs"]
mod common;

use std::ops::ControlFlow;

use engine::{Analysis, ReportSettings, TimeSpan, Window, compute_report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files: Vec<&[u8]> = split(data);
    let (dataset, _) = common::read(&files, 4096);
    common::check_counts(&dataset);
    let analysis = Analysis::new(dataset);
    let settings = ReportSettings::default();
    let Ok(report) = compute_report(&analysis, &settings, &mut |_| ControlFlow::Continue(())) else { return };
    let mut business = Vec::new();
    for row in &report.rows {
        assert!(analysis.has_polls(row.store));
        for window in Window::ALL {
            let figures = row.window(window);
            assert!(figures.uptime >= TimeSpan::ZERO && figures.downtime >= TimeSpan::ZERO);
            assert!(figures.business_time() <= window.length(), "{row:?}");
            let Some(interval) = window.before(report.now) else { continue };
            analysis.schedule(row.store, settings.default_zone).business_time(interval, &mut business);
            let measure = business.iter().fold(TimeSpan::ZERO, |sum, i| sum + (i.end - i.start));
            assert_eq!(figures.business_time(), measure, "{row:?} {window:?}");
        }
        let [hour, day, week] = row.windows;
        assert!(hour.uptime <= day.uptime && day.uptime <= week.uptime, "{row:?}");
        assert!(hour.downtime <= day.downtime && day.downtime <= week.downtime, "{row:?}");
    }
    let csv = engine::report_csv(&report, engine::Units::Minutes);
    assert_eq!(csv.lines().count(), report.rows.len() + 1);
});

fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut files = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(common::FILE_SEPARATOR.len()).position(|w| w == common::FILE_SEPARATOR) {
        files.push(&rest[..at]);
        rest = &rest[at + common::FILE_SEPARATOR.len()..];
    }
    files.push(rest);
    files
}
