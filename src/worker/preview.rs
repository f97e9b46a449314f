//! A file's preview for its slot on the page: its kind, first rows and row
//! count, or why it is not one of the three files.

use web_sys::File;

use super::envelope;
use super::slices::{self, Stop};
use crate::protocol::{FilePreviewMessage, Instant, KindMessage, PreviewOutcome, Reply};
use engine::input::PreviewFeed;
use engine::{Analysis, Dataset};

pub fn run(file_key: u64, attached: &[File]) {
    let outcome = match attached.first() {
        Some(file) => preview(file),
        None => PreviewOutcome::Unreadable { problem: "no file was given".to_string() },
    };
    let status_file =
        matches!(&outcome, PreviewOutcome::Recognised(preview) if preview.kind == KindMessage::StatusPolls);
    envelope::post(&Reply::Preview { file_key, outcome }, &[]);
    if let (true, Some(file)) = (status_file, attached.first()) {
        envelope::post(&Reply::LatestPoll { file_key, latest: latest_poll(file) }, &[]);
    }
}

/// The latest usable poll of a status file, found as a report finds it:
/// the engine reads the file and takes the latest accepted poll. Each file
/// is read on its own; the latest of several files is the latest of theirs,
/// since whether a row is usable never depends on another file.
fn latest_poll(file: &File) -> Option<Instant> {
    let mut data = Dataset::new();
    let mut feed = data.read_file(&file.name());
    slices::read(file, |chunk, _| feed.push(chunk)).ok()?;
    feed.finish().ok()?;
    let latest = Analysis::new(data).latest_poll()?;
    Some(Instant { unix_nanos: latest.unix_nanos(), text: latest.to_string() })
}

fn preview(file: &File) -> PreviewOutcome {
    let mut feed = PreviewFeed::new();
    // A refused header stops the reading at once: the rest cannot help.
    match slices::read(file, |chunk, _| feed.push(chunk)) {
        Ok(()) => {}
        Err(Stop::Consumer(problem)) => {
            return PreviewOutcome::Refused { problem: problem.to_string() };
        }
        Err(Stop::Unreadable(problem)) => return PreviewOutcome::Unreadable { problem },
    }
    match feed.finish() {
        Ok(preview) => PreviewOutcome::Recognised(FilePreviewMessage {
            kind: preview.kind.into(),
            header: preview.header,
            rows: preview.rows,
            row_count: preview.row_count,
        }),
        Err(problem) => PreviewOutcome::Refused { problem: problem.to_string() },
    }
}
