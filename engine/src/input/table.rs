//! The tokenizer of a file, once its header line has shown which delimiter
//! it uses: `,`, `;`, tab or `|` (spreadsheets in much of Europe save CSV
//! with semicolons, "Unicode text" with tabs), whichever splits the header
//! into the columns of one of the files, commas first.

use super::recognise_header;
use crate::csv_tokenizer::{Record, Tokenizer};

/// The delimiters tried, in order.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// A header is looked for in at most this many bytes; past them the file
/// is read with commas (and refused by its header, if that is wrong).
const HEADER_SEARCH_BYTES: usize = 64 << 10;

/// A file's text on its way to records.
pub(crate) enum TableReader {
    /// The bytes before the header line is complete.
    Sniffing(Vec<u8>),
    Reading(Tokenizer),
}

impl TableReader {
    pub(crate) fn new() -> TableReader {
        TableReader::Sniffing(Vec::new())
    }

    /// Reads text; the records it completes go to `sink`.
    pub(crate) fn push(&mut self, text: &[u8], sink: &mut dyn FnMut(Record<'_>)) {
        match self {
            TableReader::Reading(tokenizer) => tokenizer.push(text, sink),
            TableReader::Sniffing(head) => {
                head.extend_from_slice(text);
                if has_header_line(head) || head.len() > HEADER_SEARCH_BYTES {
                    let head = std::mem::take(head);
                    self.begin(&head, sink);
                }
            }
        }
    }

    /// Ends the text: a last record without a line break goes to `sink`.
    pub(crate) fn finish(&mut self, sink: &mut dyn FnMut(Record<'_>)) {
        if let TableReader::Sniffing(head) = self {
            let head = std::mem::take(head);
            self.begin(&head, sink);
        }
        if let TableReader::Reading(tokenizer) = self {
            tokenizer.finish(sink);
        }
    }

    /// A reader of a table's rest with `tokenizer`, whose delimiter is known.
    pub(crate) fn with(tokenizer: Tokenizer) -> TableReader {
        TableReader::Reading(tokenizer)
    }

    /// True when the text read so far ends between two records (see
    /// [`Tokenizer::at_record_boundary`]); never before the header line.
    pub(crate) fn at_record_boundary(&self) -> bool {
        match self {
            TableReader::Reading(tokenizer) => tokenizer.at_record_boundary(),
            TableReader::Sniffing(_) => false,
        }
    }

    /// The line number of the next byte.
    pub(crate) fn line(&self) -> u64 {
        match self {
            TableReader::Reading(tokenizer) => tokenizer.line(),
            TableReader::Sniffing(_) => 1,
        }
    }

    fn begin(&mut self, head: &[u8], sink: &mut dyn FnMut(Record<'_>)) {
        let mut tokenizer = Tokenizer::for_table().with_delimiter(delimiter_of(head).unwrap_or(b','));
        tokenizer.push(head, sink);
        *self = TableReader::Reading(tokenizer);
    }
}

/// Whether `text` holds a complete non-blank line.
fn has_header_line(text: &[u8]) -> bool {
    text.split(|&b| b == b'\n').rev().skip(1).any(|line| !line.trim_ascii().is_empty())
}

/// The delimiter that splits the first non-blank line of `head` into the
/// columns of one of the files, if any does.
pub(crate) fn delimiter_of(head: &[u8]) -> Option<u8> {
    DELIMITERS.into_iter().find(|&delimiter| {
        let mut tokenizer = Tokenizer::for_table().with_delimiter(delimiter);
        let mut recognised: Option<bool> = None;
        let mut look = |record: Record<'_>| {
            if recognised.is_none() && !record.is_blank() {
                recognised = Some(recognise_header(&record).is_ok());
            }
        };
        tokenizer.push(head, &mut look);
        tokenizer.finish(&mut look);
        recognised == Some(true)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_that_splits_the_header_into_a_files_columns() {
        assert_eq!(delimiter_of(b"store_id,status,timestamp_utc\n1,a,b\n"), Some(b','));
        assert_eq!(delimiter_of(b"store_id;status;timestamp_utc\r\n1;a;b\n"), Some(b';'));
        assert_eq!(delimiter_of(b"\n\nstore_id\ttimezone_str\n"), Some(b'\t'));
        assert_eq!(delimiter_of(b"\xef\xbb\xbf\"store_id\"|\"timezone_str\"\n"), Some(b'|'));
        assert_eq!(delimiter_of(b"store_id;region\n"), Some(b';'));
        // A comma header with semicolons inside a column name stays commas.
        assert_eq!(delimiter_of(b"store_id,region;area\n"), Some(b','));
        assert_eq!(delimiter_of(b"id;name;price\n"), None);
        assert_eq!(delimiter_of(b"store_id,status,timestamp_utc"), Some(b','));
    }

    #[test]
    fn records_come_out_the_same_whatever_the_chunks() {
        let text = b"\nstore_id;status;timestamp_utc\n1;active;2023-01-25 12:00:00\n2;\"in;active\";x\n";
        let read = |chunk: usize| {
            let mut reader = TableReader::new();
            let mut rows = Vec::new();
            let mut sink = |record: Record<'_>| {
                rows.push((
                    record.line,
                    record.fields().map(|f| String::from_utf8_lossy(f).into_owned()).collect::<Vec<_>>(),
                ))
            };
            for piece in text.chunks(chunk) {
                reader.push(piece, &mut sink);
            }
            reader.finish(&mut sink);
            rows.retain(|(_, fields)| fields.iter().any(|f| !f.is_empty()));
            rows
        };
        let whole = read(text.len());
        assert_eq!(whole.len(), 3);
        assert_eq!(whole[2], (4, vec!["2".to_string(), "in;active".to_string(), "x".to_string()]));
        for chunk in 1..8 {
            assert_eq!(read(chunk), whole, "{chunk}");
        }
    }
}
