//! Shared by the fuzz targets: reading bytes through the engine as a user's
//! files would be read, whole or in chunks.
#![allow(dead_code)]

use std::ops::ControlFlow;

use engine::{Analysis, Dataset, ReportSettings, Units, compute_report, report_csv};

/// Separates the three files in a pipeline input.
pub const FILE_SEPARATOR: &[u8] = b"\xFF\xFE\xFD";

/// Splits `input` into pieces of `chunk` bytes (at least one).
pub fn chunks(input: &[u8], chunk: usize) -> impl Iterator<Item = &[u8]> {
    input.chunks(chunk.max(1))
}

/// Reads files into a data set; a refused file is left out, as the app does.
pub fn read(files: &[&[u8]], chunk: usize) -> (Dataset, Vec<String>) {
    let mut data = Dataset::new();
    let mut refused = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let name = format!("file{i}.csv");
        let mut feed = data.read_file(&name);
        let mut failed = None;
        for piece in chunks(file, chunk) {
            if let Err(e) = feed.push(piece) {
                failed = Some(e);
                break;
            }
        }
        let result = match failed {
            Some(e) => Err(e),
            None => feed.finish().map(|_| ()),
        };
        if let Err(e) = result {
            refused.push(e.to_string());
        }
    }
    (data, refused)
}

/// Everything a user can see of a data set's reading: counts and messages.
pub fn describe(data: &Dataset) -> Vec<String> {
    let mut out: Vec<String> = data
        .files()
        .iter()
        .map(|f| format!("{} {:?} rows {} used {} rejected {}", f.name, f.kind, f.rows, f.used, f.rejected))
        .collect();
    for r in data.rejections() {
        out.push(format!("{}:{}: {}", data.file(r.file).name, r.line, r.reason));
    }
    out
}

/// Checks what must hold of any data set read.
pub fn check_counts(data: &Dataset) {
    for file in data.files() {
        assert_eq!(file.rows, file.used + file.rejected, "{file:?}");
    }
    let listed = data.rejections().len() as u64 + data.rejections_not_listed();
    assert_eq!(listed, data.files().iter().map(|f| f.rejected).sum::<u64>());
    // Rejections of a file come in line order.
    for pair in data.rejections().windows(2) {
        if pair[0].file == pair[1].file {
            assert!(pair[0].line < pair[1].line, "{pair:?}");
        }
    }
}

pub fn report_text(data: Dataset, settings: &ReportSettings) -> Option<String> {
    let analysis = Analysis::new(data);
    let report = compute_report(&analysis, settings, &mut |_| ControlFlow::Continue(())).ok()?;
    Some(report_csv(&report, Units::Minutes))
}
