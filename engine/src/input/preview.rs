//! A quick look at a file before a report: its kind, first rows and row count.

use super::FileProblem;
use super::header::Columns;
use crate::csv_tokenizer::Tokenizer;
use crate::input::FileKind;

/// How many data rows a preview keeps.
pub const PREVIEW_ROWS: usize = 5;

/// What a user sees of a file in its slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePreview {
    pub kind: FileKind,
    /// The header as written in the file.
    pub header: Vec<String>,
    /// The first data rows, as written (lossily decoded).
    pub rows: Vec<Vec<String>>,
    /// Data rows (not the header, not blank lines), counted to the end.
    pub row_count: u64,
}

/// Reads a file for its [`FilePreview`]; push chunks, then finish. Only the
/// tokenizer runs over the file, so counting rows is cheap.
#[derive(Debug)]
pub struct PreviewFeed {
    tokenizer: Tokenizer,
    state: PreviewState,
}

#[derive(Debug, Default)]
enum PreviewState {
    #[default]
    AwaitingHeader,
    Reading(FilePreview),
    Refused(FileProblem),
}

impl Default for PreviewFeed {
    fn default() -> Self {
        PreviewFeed { tokenizer: Tokenizer::for_table(), state: PreviewState::AwaitingHeader }
    }
}

impl PreviewFeed {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the next chunk; fails once the header is refused.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), FileProblem> {
        let state = &mut self.state;
        self.tokenizer.push(chunk, &mut |record| on_record(state, record));
        self.check()
    }

    /// True once the file's kind is known, or it is refused.
    pub fn header_read(&self) -> bool {
        !matches!(self.state, PreviewState::AwaitingHeader)
    }

    pub fn finish(mut self) -> Result<FilePreview, FileProblem> {
        let state = &mut self.state;
        self.tokenizer.finish(&mut |record| on_record(state, record));
        match self.state {
            PreviewState::AwaitingHeader => Err(FileProblem::Empty),
            PreviewState::Reading(preview) => Ok(preview),
            PreviewState::Refused(problem) => Err(problem),
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
                Ok(columns) => PreviewState::Reading(FilePreview {
                    kind: Columns::kind(columns),
                    header: record.fields().map(text).collect(),
                    rows: Vec::new(),
                    row_count: 0,
                }),
                Err(problem) => PreviewState::Refused(problem),
            };
        }
        PreviewState::Reading(preview) => {
            preview.row_count += 1;
            if preview.rows.len() < PREVIEW_ROWS {
                preview.rows.push(record.fields().map(text).collect());
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
    }

    #[test]
    fn preview_refuses_what_a_report_refuses() {
        let mut feed = PreviewFeed::new();
        assert!(matches!(feed.push(b"a,b,c\n1,2,3\n"), Err(FileProblem::Unrecognised { .. })));
        assert_eq!(PreviewFeed::new().finish(), Err(FileProblem::Empty));
    }
}
