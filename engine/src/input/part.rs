//! Reading one part of a file, so that the parts of a large file can be read
//! at the same time (by threads, or by Web Workers) and merged after.
//!
//! A file of `n` bytes is cut at nominal offsets `0 = s_0 < s_1 < … < s_p = n`
//! ([`split_file`]). The nominal offsets fall anywhere, so each is moved to a
//! line boundary by a rule that needs no shared state: the boundary of
//! `s` is just after the first line break whose last byte is at or after
//! `s` (or the end of the file if there is none). A line break's last byte
//! is a `\n`, or a `\r` not followed by `\n`, as the tokenizer reads them.
//! Part `k` reads from the boundary of `s_k` (from 0 for the first part) to
//! the boundary of `s_{k+1}`, so it reads a little past its nominal end and
//! its neighbour skips the same bytes.
//!
//! A boundary is a line boundary, not always a record boundary: it may fall
//! inside a quoted field. Each part tells whether its tokenizer ended between
//! two records; the merge ([`Dataset::merge_parts_or_read_whole`]) refuses
//! parts that do not, and the file is then read whole.
//!
//! # Use
//!
//! ```
//! use store_uptime_engine::{Dataset, FilePart, PartRange, split_file};
//!
//! let file: &[u8] = b"store_id,status,timestamp_utc\n1,active,2023-01-25 12:00:00 UTC\n\
//!                     2,inactive,2023-01-25 11:00:00 UTC\n1,inactive,2023-01-25 11:30:00 UTC\n";
//! let size = file.len() as u64;
//! // `split_file(size, workers)` plans the parts; this file is too small to
//! // be split, so here the parts are cut by hand.
//! assert_eq!(split_file(size, 4).len(), 1);
//! let ranges = [PartRange::new(0, 40, size), PartRange::new(40, 80, size), PartRange::new(80, size, size)];
//! // Every part takes the header from the file's first bytes.
//! let head = &file[..file.len().min(64 << 10)];
//!
//! // In each worker: part k, read in slices from its nominal start until it
//! // has all it needs, then sent as bytes.
//! let sent: Vec<Vec<u8>> = ranges
//!     .iter()
//!     .map(|range| {
//!         let range = range.expect("start <= end <= size");
//!         let mut feed = FilePart::reader(range, head);
//!         for slice in file[range.start() as usize..].chunks(16) {
//!             if !feed.wants_more() {
//!                 break;
//!             }
//!             feed.push(slice);
//!         }
//!         feed.finish().encode()
//!     })
//!     .collect();
//!
//! // In the merging worker: the parts, in file order, or the whole file if
//! // they cannot be merged exactly.
//! let parts = sent.iter().map(|bytes| FilePart::decode(bytes)).collect::<Result<Vec<_>, _>>()?;
//! let mut data = Dataset::new();
//! let summary = data.merge_parts_or_read_whole("status.csv", parts, |mut feed| {
//!     feed.push(file)?;
//!     feed.finish()
//! })?;
//! assert_eq!((summary.rows, summary.bytes, data.poll_count()), (3, size, 3));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::ops::Range;

use memchr::memchr2;

use super::table::TableReader;
use super::{
    Columns, Container, Dataset, FeedState, Ingest, REJECTION_LIST_CAP, RejectionListCap, recognise_header, table,
};
use crate::csv_tokenizer::Tokenizer;

/// Files smaller than this are read in one part: splitting them saves less
/// time than starting the parts costs. Each part of a split file is at least
/// this large.
pub const MIN_PART_BYTES: u64 = 4 << 20;

/// The nominal byte range of one part of a file: part of a plan made by
/// [`split_file`], or rebuilt from its three numbers in another worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartRange {
    start: u64,
    end: u64,
    file_bytes: u64,
}

impl PartRange {
    /// The range `start..end` of a file of `file_bytes` bytes; `None` unless
    /// `start <= end <= file_bytes`.
    pub fn new(start: u64, end: u64, file_bytes: u64) -> Option<PartRange> {
        (start <= end && end <= file_bytes).then_some(PartRange { start, end, file_bytes })
    }

    /// The nominal start: the part reads from the first line boundary at or
    /// after it (from the file's start for the first part).
    pub fn start(self) -> u64 {
        self.start
    }

    /// The nominal end: the part reads on to the first line boundary past it.
    pub fn end(self) -> u64 {
        self.end
    }

    /// The size of the whole file.
    pub fn file_bytes(self) -> u64 {
        self.file_bytes
    }

    /// True for the part that begins the file and reads its header.
    pub fn is_first(self) -> bool {
        self.start == 0
    }

    /// True for the part that ends the file.
    pub fn is_last(self) -> bool {
        self.end == self.file_bytes
    }
}

/// Cuts a file of `file_bytes` bytes into at most `wanted_parts` nominal
/// ranges of about equal size, in order, each at least [`MIN_PART_BYTES`]
/// (so a small file is one range). Never empty, even for an empty file.
pub fn split_file(file_bytes: u64, wanted_parts: usize) -> Vec<PartRange> {
    let most = (file_bytes / MIN_PART_BYTES).max(1);
    let parts = (wanted_parts.max(1) as u64).min(most);
    let offset = |k: u64| (u128::from(file_bytes) * u128::from(k) / u128::from(parts)) as u64;
    (0..parts).map(|k| PartRange { start: offset(k), end: offset(k + 1), file_bytes }).collect()
}

/// Finds line boundaries in a stream of bytes, a chunk at a time.
#[derive(Clone, Copy, Debug, Default)]
struct BoundaryScan {
    /// The last byte looked at was a `\r`: whether it ends a line break
    /// depends on the next byte.
    after_cr: bool,
}

impl BoundaryScan {
    /// The number of bytes of `bytes` up to the first line boundary, if it
    /// lies in them (a `\r` at their end is decided by the next chunk).
    fn find(&mut self, bytes: &[u8]) -> Option<usize> {
        if std::mem::take(&mut self.after_cr) {
            // The `\r` ends the line break unless a `\n` completes it.
            return Some(usize::from(bytes.first() == Some(&b'\n')));
        }
        let at = memchr2(b'\n', b'\r', bytes)?;
        if bytes[at] == b'\n' {
            return Some(at + 1);
        }
        match bytes.get(at + 1) {
            Some(&b'\n') => Some(at + 2),
            Some(_) => Some(at + 1),
            None => {
                self.after_cr = true;
                None
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Skipping to the first line boundary at or after the nominal start.
    SeekingStart,
    /// Reading rows; past the nominal end, up to the next line boundary.
    Reading,
    /// The part's end was found: later bytes belong to the next part.
    Done,
}

/// Why a part cannot be merged as it is (the file is then read whole).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unusable {
    /// The header was refused: reading the file whole says why, exactly.
    HeaderRefused,
    /// No complete header: not in the first part, or not in the head bytes
    /// given to a later part.
    NoHeader,
    /// The part was finished before it had read all it needs.
    Incomplete,
}

/// A part being read: push the file's bytes from its range's nominal start
/// on, in chunks of any size, until [`PartFeed::wants_more`] is false or the
/// file ends; then [`PartFeed::finish`]. Made by [`FilePart::reader`].
pub struct PartFeed {
    range: PartRange,
    /// The file offset of the next byte pushed.
    position: u64,
    phase: Phase,
    scan: BoundaryScan,
    /// Where the part's rows begin: the line boundary at or after the
    /// nominal start.
    start: u64,
    tokenizer: TableReader,
    ingest: Ingest<Dataset>,
    /// Set when a later part could not take the header from the head bytes.
    unusable: Option<Unusable>,
}

impl PartFeed {
    /// Reads the next chunk of the file. The first chunk starts at the
    /// range's nominal start; bytes past the part's end are ignored.
    pub fn push(&mut self, mut chunk: &[u8]) {
        while !chunk.is_empty() {
            match self.phase {
                Phase::SeekingStart => match self.scan.find(chunk) {
                    Some(skip) => {
                        self.position += skip as u64;
                        chunk = &chunk[skip..];
                        self.start = self.position;
                        // The boundary of the nominal end is this same one
                        // if that line break's last byte is at or past it.
                        self.phase = if self.start > self.range.end { Phase::Done } else { Phase::Reading };
                    }
                    None => {
                        self.position += chunk.len() as u64;
                        return;
                    }
                },
                Phase::Reading if self.position < self.range.end => {
                    // On wasm32 a range may be longer than a usize can count.
                    let left = usize::try_from(self.range.end - self.position).unwrap_or(usize::MAX);
                    let take = chunk.len().min(left);
                    self.read(&chunk[..take]);
                    chunk = &chunk[take..];
                }
                Phase::Reading => match self.scan.find(chunk) {
                    Some(take) => {
                        self.read(&chunk[..take]);
                        self.phase = Phase::Done;
                        return;
                    }
                    None => {
                        self.read(chunk);
                        return;
                    }
                },
                Phase::Done => return,
            }
        }
    }

    /// True until the part has found its end: the caller should go on
    /// pushing the file's next bytes, unless the file has ended. False as
    /// soon as the part is known to be of no use (its header refused, or
    /// missing from the head bytes): the file will be read whole.
    pub fn wants_more(&self) -> bool {
        self.phase != Phase::Done && self.header_problem().is_none()
    }

    /// Why the part's rows cannot be read, if its header is the reason.
    fn header_problem(&self) -> Option<Unusable> {
        match self.ingest.state {
            FeedState::Refused(_) => Some(Unusable::HeaderRefused),
            _ => self.unusable,
        }
    }

    /// The file offset of the next byte the part expects.
    pub fn position(&self) -> u64 {
        self.position
    }

    fn read(&mut self, bytes: &[u8]) {
        self.position += bytes.len() as u64;
        if self.unusable.is_some() {
            return;
        }
        self.ingest.bytes += bytes.len() as u64;
        let ingest = &mut self.ingest;
        self.tokenizer.push(bytes, &mut |record| ingest.record(record));
    }

    /// Ends the part: after it found its end, or at the end of the file.
    /// A part finished earlier is kept, but marked so that the merge
    /// refuses it.
    pub fn finish(mut self) -> FilePart {
        let at_file_end = self.position == self.range.file_bytes;
        if at_file_end {
            if self.phase == Phase::SeekingStart {
                self.start = self.position;
            }
            // The file's last record may have no line break after it, or
            // leave a quote open.
            if self.unusable.is_none() {
                let ingest = &mut self.ingest;
                self.tokenizer.finish(&mut |record| ingest.record(record));
            }
        }
        let end = self.position;
        let ends_cleanly = at_file_end || self.tokenizer.at_record_boundary();
        let unusable = self.header_problem().or_else(|| match self.ingest.state {
            _ if !at_file_end && self.phase != Phase::Done => Some(Unusable::Incomplete),
            FeedState::Reading { .. } => None,
            _ => Some(Unusable::NoHeader),
        });
        let content = match unusable {
            Some(why) => PartContent::Unusable(why),
            None => {
                let mut data = self.ingest.dataset;
                if let Some(summary) = data.files.first_mut() {
                    summary.bytes = end - self.start;
                }
                PartContent::Rows { data: Box::new(data), ends_cleanly }
            }
        };
        FilePart { range: self.range, span: self.start..end, line_breaks: self.tokenizer.line() - 1, content }
    }
}

/// What a finished part holds.
#[derive(Debug)]
pub(crate) enum PartContent {
    /// The part's rows, read into a data set of its own: one file, whose
    /// line numbers count from the part's start, and whose stores are
    /// numbered in the order the part first names them.
    Rows {
        data: Box<Dataset>,
        /// The part ended between two records (or at the end of the file).
        ends_cleanly: bool,
    },
    Unusable(Unusable),
}

/// One part of a file, read: to be merged with the other parts of the file,
/// in order, by [`Dataset::merge_parts_or_read_whole`], or sent to the
/// worker that merges them ([`FilePart::encode`]).
#[derive(Debug)]
pub struct FilePart {
    pub(crate) range: PartRange,
    /// The bytes the part read, from its start boundary to its end boundary.
    pub(crate) span: Range<u64>,
    /// The line breaks in `span`, those inside quoted fields included.
    pub(crate) line_breaks: u64,
    pub(crate) content: PartContent,
}

impl FilePart {
    /// Starts reading the part of a file in `range`. `head` is the start of
    /// the file (64 KiB is plenty): a later part takes the file's header
    /// from it, as a whole-file read would (byte order mark and blank lines
    /// skipped). The first part reads its header itself and ignores `head`.
    /// Rejected rows are listed up to [`REJECTION_LIST_CAP`].
    pub fn reader(range: PartRange, head: &[u8]) -> PartFeed {
        FilePart::reader_with_rejection_list_cap(range, head, REJECTION_LIST_CAP)
    }

    /// Like [`FilePart::reader`], listing at most `cap` rejected rows; the
    /// cap must be at least that of the data set the part is merged into.
    pub fn reader_with_rejection_list_cap(range: PartRange, head: &[u8], cap: usize) -> PartFeed {
        let data = Dataset { rejection_list_cap: RejectionListCap(cap), ..Dataset::default() };
        let mut ingest = Ingest::new(data, "");
        // Compressed or UTF-16 bytes cannot be cut at byte offsets: such a
        // file is read whole. Otherwise the head's header line says which
        // delimiter every part reads with.
        let delimiter = table::delimiter_of(head).unwrap_or(b',');
        let (tokenizer, unusable) = if !Container::of(head).can_be_split() {
            (TableReader::new(), Some(Unusable::HeaderRefused))
        } else if range.is_first() && head.is_empty() {
            // The first part reads from the file's start: it finds the
            // delimiter in its own header line.
            (TableReader::new(), None)
        } else if range.is_first() {
            (TableReader::with(Tokenizer::for_table().with_delimiter(delimiter)), None)
        } else {
            match header_of(head, delimiter) {
                Ok((columns, width)) => {
                    ingest.begin_rows(columns, width);
                    (TableReader::with(Tokenizer::for_table_after_header(width).with_delimiter(delimiter)), None)
                }
                Err(why) => (TableReader::new(), Some(why)),
            }
        };
        PartFeed {
            range,
            position: range.start,
            phase: if range.is_first() { Phase::Reading } else { Phase::SeekingStart },
            scan: BoundaryScan::default(),
            start: range.start,
            tokenizer,
            ingest,
            unusable,
        }
    }

    /// The nominal range the part was read for.
    pub fn range(&self) -> PartRange {
        self.range
    }

    /// The bytes the part read: from the line boundary at or after its
    /// nominal start to the one past its nominal end.
    pub fn span(&self) -> Range<u64> {
        self.span.clone()
    }

    /// True when the part can be merged with its neighbours as it is: it
    /// read its rows and ended between two records. If any part of a file
    /// cannot, the file must be read whole.
    pub fn is_mergeable(&self) -> bool {
        matches!(self.content, PartContent::Rows { ends_cleanly: true, .. })
    }

    /// The polls the part read.
    pub fn poll_count(&self) -> usize {
        match &self.content {
            PartContent::Rows { data, .. } => data.poll_count(),
            PartContent::Unusable(_) => 0,
        }
    }
}

/// The header of a file from its first bytes: its columns and its width.
fn header_of(head: &[u8], delimiter: u8) -> Result<(Columns, usize), Unusable> {
    let mut tokenizer = Tokenizer::for_table().with_delimiter(delimiter);
    let mut header = None;
    // Only records ended by a line break: the head may stop mid-line.
    tokenizer.push(head, &mut |record| {
        if header.is_none() && !record.is_blank() {
            header = Some(recognise_header(&record).map(|columns| (columns, record.len())));
        }
    });
    match header {
        // A groups file is small and names its dimensions in its header,
        // which a part cannot register: it is read whole.
        Some(Ok((Columns::Groups { .. }, _))) => Err(Unusable::HeaderRefused),
        Some(Ok(header)) => Ok(header),
        Some(Err(_)) => Err(Unusable::HeaderRefused),
        None => Err(Unusable::NoHeader),
    }
}
