//! A file's preview for its slot on the page: its kind, first rows and row
//! count, or why it is not one of the three files.

use web_sys::File;

use super::envelope;
use super::slices::{self, Stop};
use crate::protocol::{FilePreviewMessage, Instant, PreviewOutcome, Reply};
use engine::input::PreviewFeed;

pub fn run(file_key: u64, attached: &[File]) {
    let outcome = match attached.first() {
        Some(file) => preview(file),
        None => PreviewOutcome::Unreadable { problem: "no file was given".to_string() },
    };
    envelope::post(&Reply::Preview { file_key, outcome }, &[]);
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
            kind: preview.kind,
            header: preview.header,
            rows: preview.rows,
            row_count: preview.row_count,
            // Whether a row is usable never depends on another file, so the
            // latest poll of several files is the latest of theirs.
            latest_poll: preview.latest_poll.map(|at| Instant { unix_nanos: at.unix_nanos(), text: at.to_string() }),
        }),
        Err(problem) => PreviewOutcome::Refused { problem: problem.to_string() },
    }
}
