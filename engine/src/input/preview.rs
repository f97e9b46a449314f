//! A quick look at a file before a report: its kind, first rows and row count.

use super::FileProblem;
use super::decode::{Compression, Decoder};
use super::header::Columns;
use super::table::TableReader;
use crate::input::FileKind;
use crate::time::{UtcInstant, parse_timestamp};

/// How many data rows a preview keeps.
pub const PREVIEW_ROWS: usize = 5;

/// What a user sees of a file in its slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePreview {
    /// Which of the three files it is, from its header.
    pub kind: FileKind,
    /// The header as written in the file.
    pub header: Vec<String>,
    /// The first data rows, as written (lossily decoded).
    pub rows: Vec<Vec<String>>,
    /// Data rows (not the header, not blank lines), counted to the end.
    pub row_count: u64,
    /// For a status file, its latest usable poll: the default "now" of a
    /// report, found with the same checks a report makes of each row.
    pub latest_poll: Option<UtcInstant>,
    /// For a status file, its earliest usable poll: a report time before it
    /// would rest on no observed status at all.
    pub earliest_poll: Option<UtcInstant>,
}

/// Reads a file for its [`FilePreview`]; push chunks, then finish. Only the
/// tokenizer runs over the file (after the decoding a gzip or UTF-16 file
/// needs, as [`super::Dataset::read_file`] does), so counting rows is cheap.
pub struct PreviewFeed {
    decoder: Decoder,
    reader: TableReader,
    state: PreviewState,
}

impl std::fmt::Debug for PreviewFeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreviewFeed").field("state", &self.state).finish_non_exhaustive()
    }
}

#[derive(Debug, Default)]
enum PreviewState {
    #[default]
    AwaitingHeader,
    Reading {
        preview: FilePreview,
        columns: Columns,
        width: usize,
    },
    Refused(FileProblem),
}

impl Default for PreviewFeed {
    fn default() -> Self {
        PreviewFeed::stored(Compression::Sniff)
    }
}

impl PreviewFeed {
    /// A preview of a file not yet read.
    pub fn new() -> Self {
        Self::default()
    }

    /// A preview of a zip entry's data, stored or deflated.
    pub fn stored(compression: Compression) -> Self {
        PreviewFeed {
            decoder: Decoder::new(compression),
            reader: TableReader::new(),
            state: PreviewState::AwaitingHeader,
        }
    }

    /// Reads the next chunk; fails once the header is refused.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), FileProblem> {
        let (reader, state) = (&mut self.reader, &mut self.state);
        let decoded = self.decoder.push(chunk, &mut |text| reader.push(text, &mut |record| on_record(state, record)));
        if let Err(problem) = decoded {
            self.refuse(problem.into());
        }
        self.check()
    }

    /// Ends the file; returns its preview, or why it is refused.
    pub fn finish(mut self) -> Result<FilePreview, FileProblem> {
        let (reader, state) = (&mut self.reader, &mut self.state);
        match self.decoder.finish(&mut |text| reader.push(text, &mut |record| on_record(state, record))) {
            // A cut file still has the rows before the cut.
            Ok(()) | Err(super::decode::DecodeProblem::Truncated) => {
                let state = &mut self.state;
                self.reader.finish(&mut |record| on_record(state, record));
            }
            Err(problem) => self.refuse(problem.into()),
        }
        match self.state {
            PreviewState::AwaitingHeader => Err(FileProblem::Empty),
            PreviewState::Reading { preview, .. } => Ok(preview),
            PreviewState::Refused(problem) => Err(problem),
        }
    }

    /// Whether the preview holds all it shows (its header and first rows)
    /// or the header was refused: reading on would only count rows and find
    /// the latest poll, which a reader of the whole file may take from the
    /// data set instead.
    pub fn is_full(&self) -> bool {
        match &self.state {
            PreviewState::AwaitingHeader => false,
            PreviewState::Reading { preview, .. } => preview.rows.len() >= PREVIEW_ROWS,
            PreviewState::Refused(_) => true,
        }
    }

    /// Whether the header was refused: the file is not one of the three.
    pub fn is_refused(&self) -> bool {
        matches!(self.state, PreviewState::Refused(_))
    }

    fn refuse(&mut self, problem: FileProblem) {
        if !self.is_refused() {
            self.state = PreviewState::Refused(problem);
        }
    }

    fn check(&self) -> Result<(), FileProblem> {
        match &self.state {
            PreviewState::Refused(problem) => Err(problem.clone()),
            _ => Ok(()),
        }
    }
}

fn on_record(state: &mut PreviewState, record: crate::csv_tokenizer::Record<'_>) {
    if record.is_blank() {
        return;
    }
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    match state {
        PreviewState::AwaitingHeader => {
            *state = match super::recognise_header(&record) {
                Ok(columns) => PreviewState::Reading {
                    preview: FilePreview {
                        kind: Columns::kind(columns),
                        header: record.fields().map(text).collect(),
                        rows: Vec::new(),
                        row_count: 0,
                        latest_poll: None,
                        earliest_poll: None,
                    },
                    columns,
                    width: record.len(),
                },
                Err(problem) => PreviewState::Refused(problem),
            };
        }
        PreviewState::Reading { preview, columns, width } => {
            preview.row_count += 1;
            if preview.rows.len() < PREVIEW_ROWS {
                preview.rows.push(record.fields().map(text).collect());
            }
            if let Columns::StatusPolls { store, status, timestamp } = *columns
                && record.problem.is_none()
                && record.len() == *width
                && super::store_id(record.field(store)).is_ok()
                && super::parse_status(record.field(status)).is_ok()
                && let Ok(at) = parse_timestamp(record.field(timestamp))
            {
                preview.latest_poll = preview.latest_poll.max(Some(at));
                preview.earliest_poll = Some(preview.earliest_poll.map_or(at, |earliest| earliest.min(at)));
            }
        }
        PreviewState::Refused(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_counts_rows_and_keeps_the_first_few() {
        let mut feed = PreviewFeed::new();
        let mut text = String::from("store_id,timezone_str\n");
        for i in 0..12 {
            text.push_str(&format!("{i},America/Chicago\n\n"));
        }
        for piece in text.as_bytes().chunks(7) {
            feed.push(piece).expect("recognised");
        }
        let preview = feed.finish().expect("recognised");
        assert_eq!(preview.kind, FileKind::Timezones);
        assert_eq!(preview.header, vec!["store_id", "timezone_str"]);
        assert_eq!(preview.rows.len(), PREVIEW_ROWS);
        assert_eq!(preview.rows[1], vec!["1", "America/Chicago"]);
        assert_eq!(preview.row_count, 12);
        assert_eq!(preview.latest_poll, None);
    }

    #[test]
    fn a_status_files_preview_has_its_latest_usable_poll() {
        let mut feed = PreviewFeed::new();
        feed.push(
            b"store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n1,maybe,2023-01-26 00:00:00\n\
              ,active,2023-01-27 00:00:00\n2,inactive,2023-01-25T12:30:00+01:00\n3,active,2023-01-25 11:10:00,x\n",
        )
        .expect("recognised");
        let preview = feed.finish().expect("recognised");
        assert_eq!(preview.row_count, 5);
        // Rows 3, 4 and 6 would be rejected; 12:30+01:00 is 11:30 UTC.
        assert_eq!(preview.latest_poll, parse_timestamp(b"2023-01-25 11:30:00").ok());
        assert_eq!(preview.earliest_poll, parse_timestamp(b"2023-01-25 11:00:00").ok());
    }

    #[test]
    fn preview_refuses_what_a_report_refuses() {
        let mut feed = PreviewFeed::new();
        assert!(matches!(feed.push(b"a,b,c\n1,2,3\n"), Err(FileProblem::Unrecognised { .. })));
        assert_eq!(PreviewFeed::new().finish(), Err(FileProblem::Empty));
    }
}
