//! Reading the three CSV files into a [`Dataset`], chunk by chunk.
//!
//! "Parse raw, then validate": the tokenizer yields raw fields, each row is
//! checked here in one place, and only checked values (a [`StoreIndex`], a
//! [`UtcInstant`], an [`OpeningPeriod`], a [`StoreZone`]) enter the data set.
//! A row that fails a check is recorded as a [`Rejection`] and reading goes on.

mod decode;
mod header;
mod merge;
mod part;
mod preview;
mod rejection;
mod table;
mod transfer;
pub mod zip;

use std::borrow::BorrowMut;
use std::fmt;

pub use decode::{Compression, Container};
pub use header::{FileKind, FileProblem};
pub use merge::MergeProblem;
pub use part::{FilePart, MIN_PART_BYTES, PartFeed, PartRange, split_file};
pub use preview::{FilePreview, PREVIEW_ROWS, PreviewFeed};
pub use rejection::{Excerpt, FileId, RejectReason, Rejection};
pub use transfer::DecodeError;

use crate::csv_tokenizer::{Record, RecordProblem};
use crate::schedule::{OpeningPeriod, Weekday};
pub(crate) use crate::scorecard::groups_permutation;
use crate::scorecard::{GroupRow, GroupRows, Target};
use crate::store::{StoreIndex, StoreTable};
use crate::time::{UtcInstant, parse_clock_time, parse_timestamp};
use crate::zone::StoreZone;
use decode::{DecodeProblem, Decoder};
use header::Columns;
use table::TableReader;

/// How many rejected rows are kept with their details, unless a data set is
/// made with another cap ([`Dataset::with_rejection_list_cap`]). Beyond it
/// rows are still counted exactly (per file and per reason), but not listed:
/// a file of ten million bad rows would otherwise hold gigabytes of messages.
pub const REJECTION_LIST_CAP: usize = 1_000_000;

/// The most rejected rows a data set lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RejectionListCap(usize);

impl Default for RejectionListCap {
    fn default() -> Self {
        RejectionListCap(REJECTION_LIST_CAP)
    }
}

/// What was read from one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSummary {
    /// The file's place among the files of its data set.
    pub id: FileId,
    /// The name the file was given under.
    pub name: String,
    /// Which of the three files it is, from its header.
    pub kind: FileKind,
    /// The size of the file.
    pub bytes: u64,
    /// Data rows (not the header, not blank lines).
    pub rows: u64,
    /// Data rows that were read into the data set.
    pub used: u64,
    /// Data rows that were not (see [`Dataset::rejections`]).
    pub rejected: u64,
}

/// A file that was refused as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// The name the file was given under.
    pub file_name: String,
    /// Why it was refused.
    pub problem: FileProblem,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file_name, self.problem)
    }
}

impl std::error::Error for FileError {}

/// Polls in file order, compactly: 12 bytes each.
#[derive(Default, Debug, PartialEq, Eq)]
pub(crate) struct PollLog {
    /// The store index, with [`ACTIVE_BIT`] set when the poll says `active`.
    pub(crate) store_and_status: Vec<u32>,
    pub(crate) at: Vec<UtcInstant>,
}

pub(crate) const ACTIVE_BIT: u32 = 1 << 31;

impl PollLog {
    pub(crate) fn len(&self) -> usize {
        self.at.len()
    }
}

/// Everything read from the files given so far.
#[derive(Default, Debug)]
pub struct Dataset {
    pub(crate) stores: StoreTable,
    pub(crate) polls: PollLog,
    pub(crate) hours: Vec<(StoreIndex, OpeningPeriod)>,
    /// In file order; `None` for a row whose timezone is unknown, which by
    /// the contract sends its store to the default timezone.
    pub(crate) zones: Vec<(StoreIndex, Option<StoreZone>)>,
    pub(crate) files: Vec<FileSummary>,
    /// The stores named in each hours or timezones file (by file id; empty
    /// for status files), to tell a user when a file matches no polled store.
    pub(crate) stores_of_file: Vec<Vec<StoreIndex>>,
    pub(crate) rejections: Vec<Rejection>,
    pub(crate) rejections_not_listed: u64,
    rejection_list_cap: RejectionListCap,
    /// The rows of the groups files, which name stores but add none: a
    /// store is in the report for its polls alone.
    pub(crate) groups: GroupRows,
}

impl Dataset {
    /// An empty data set.
    pub fn new() -> Self {
        Self::default()
    }

    /// A data set that lists at most `cap` rejected rows instead of
    /// [`REJECTION_LIST_CAP`]; the rows beyond are still counted. A caller
    /// with less memory to spare (or a test of what happens past the cap)
    /// chooses its own.
    pub fn with_rejection_list_cap(cap: usize) -> Self {
        Dataset { rejection_list_cap: RejectionListCap(cap), ..Self::default() }
    }

    /// The most rejected rows this data set lists.
    pub fn rejection_list_cap(&self) -> usize {
        self.rejection_list_cap.0
    }

    /// Starts reading a file; its kind is recognised from its header. What
    /// it is stored as is recognised from its first bytes: gzip (of one
    /// member or several) is inflated, UTF-16 with a byte order mark
    /// transcoded, and the header line says which of `,` `;` tab `|`
    /// separates its fields.
    ///
    /// ```
    /// use std::io::Write;
    /// use store_uptime_engine::{Dataset, FileKind};
    ///
    /// // A gzip file of semicolon-separated rows, fed in small chunks.
    /// let text = b"store_id;status;timestamp_utc\n1;active;2023-01-25 12:00:00 UTC\n2;down;2023-01-25 12:00:00 UTC\n";
    /// let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    /// gzip.write_all(text)?;
    /// let bytes = gzip.finish()?;
    /// let mut data = Dataset::new();
    /// let mut feed = data.read_file("status.csv.gz");
    /// for chunk in bytes.chunks(7) {
    ///     feed.push(chunk)?;
    /// }
    /// let summary = feed.finish()?;
    /// assert_eq!((summary.kind, summary.rows, summary.used, summary.rejected), (FileKind::StatusPolls, 2, 1, 1));
    /// // The bad row is named by its line in the inflated text.
    /// assert_eq!(data.rejections()[0].line, 3);
    /// assert_eq!(data.rejections()[0].reason.to_string(), "status \"down\" is neither active nor inactive");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_file(&mut self, name: &str) -> FileFeed<'_> {
        self.read_stored_file(name, Compression::Sniff)
    }

    /// Starts reading the data of a zip entry (see [`zip_entries`](crate::zip_entries)),
    /// stored or deflated; otherwise as [`Dataset::read_file`].
    pub fn read_stored_file(&mut self, name: &str, compression: Compression) -> FileFeed<'_> {
        let before = self.mark();
        FileFeed {
            decoder: Decoder::new(compression),
            reader: TableReader::new(),
            ingest: Ingest::new(self, name),
            before,
        }
    }

    /// Reads a whole file held in memory.
    pub fn read_bytes(&mut self, name: &str, bytes: &[u8]) -> Result<FileSummary, FileError> {
        let mut feed = self.read_file(name);
        feed.push(bytes)?;
        feed.finish()
    }

    /// The dimensions of the groups files read (region, brand…), in their
    /// column order, as a report reads them; empty without a groups file.
    pub fn group_dimensions(&self) -> &[String] {
        &self.groups.dimensions
    }

    /// What the groups files read hold: their stores, and each dimension's
    /// groups and stores with a value (for a file's preview).
    pub fn groups_summary(&self) -> crate::scorecard::GroupsSummary {
        self.groups.summary()
    }

    /// The files read, in the order given.
    pub fn files(&self) -> &[FileSummary] {
        &self.files
    }

    /// One of the files read. Panics for an id of another data set.
    pub fn file(&self, id: FileId) -> &FileSummary {
        &self.files[id.get()]
    }

    /// Rejected rows, in the order read, up to the data set's cap
    /// ([`REJECTION_LIST_CAP`] unless chosen).
    pub fn rejections(&self) -> &[Rejection] {
        &self.rejections
    }

    /// Rejected rows beyond the cap, counted but not listed.
    pub fn rejections_not_listed(&self) -> u64 {
        self.rejections_not_listed
    }

    /// The polls read so far, of all files.
    pub fn poll_count(&self) -> usize {
        self.polls.len()
    }

    /// Every store id in any file (with or without polls).
    pub fn stores(&self) -> &StoreTable {
        &self.stores
    }

    /// The latest time of any poll read, the default "now" of a report.
    pub fn latest_poll(&self) -> Option<UtcInstant> {
        self.polls.at.iter().max().copied()
    }

    /// The earliest time of any poll read: a report time before it rests on
    /// no observed status.
    pub fn earliest_poll(&self) -> Option<UtcInstant> {
        self.polls.at.iter().min().copied()
    }

    /// How much is held, to go back to when a file is refused part way.
    fn mark(&self) -> Mark {
        Mark {
            polls: self.polls.len(),
            hours: self.hours.len(),
            zones: self.zones.len(),
            files: self.files.len(),
            rejections: self.rejections.len(),
            rejections_not_listed: self.rejections_not_listed,
            groups: self.groups.mark(),
        }
    }

    /// Forgets every row read since `mark`: a file refused part way (a
    /// bomb, damaged compressed data) leaves nothing behind, as a file
    /// refused for its header does. Store ids it named stay interned; with
    /// no poll, they are in no report.
    fn roll_back(&mut self, mark: &Mark) {
        self.polls.store_and_status.truncate(mark.polls);
        self.polls.at.truncate(mark.polls);
        self.hours.truncate(mark.hours);
        self.zones.truncate(mark.zones);
        self.files.truncate(mark.files);
        self.stores_of_file.truncate(mark.files);
        self.rejections.truncate(mark.rejections);
        self.rejections_not_listed = mark.rejections_not_listed;
        self.groups.truncate(mark.groups);
    }

    fn reject(&mut self, file: FileId, line: u64, reason: RejectReason) {
        self.files[file.get()].rejected += 1;
        self.list_rejection(Rejection { file, line, reason });
    }

    /// Lists a rejected row, or only counts it once the list is full.
    fn list_rejection(&mut self, rejection: Rejection) {
        if self.rejections.len() < self.rejection_list_cap.0 {
            self.rejections.push(rejection);
        } else {
            self.rejections_not_listed += 1;
        }
    }
}

/// What a data set held before a file was read.
#[derive(Clone, Debug)]
struct Mark {
    polls: usize,
    hours: usize,
    zones: usize,
    files: usize,
    rejections: usize,
    rejections_not_listed: u64,
    groups: (usize, usize),
}

/// A file being read: push its bytes in chunks of any size, then finish.
pub struct FileFeed<'a> {
    decoder: Decoder,
    reader: TableReader,
    ingest: Ingest<&'a mut Dataset>,
    /// The data set before this file, for a refusal part way.
    before: Mark,
}

impl FileFeed<'_> {
    /// Reads the next chunk of the file. Fails only when the file is refused
    /// as a whole (its header matches no kind, or its compressed data is a
    /// bomb or damaged); bad rows are rejections.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), FileError> {
        self.ingest.bytes += chunk.len() as u64;
        if let FeedState::Refused(problem) = &self.ingest.state {
            return Err(self.ingest.error(problem.clone()));
        }
        let (reader, ingest) = (&mut self.reader, &mut self.ingest);
        let decoded = self.decoder.push(chunk, &mut |text| reader.push(text, &mut |record| ingest.record(record)));
        if let Err(problem) = decoded {
            self.ingest.refuse(problem);
        }
        self.check()
    }

    /// The refusal, if any, with the data set as it was before the file.
    fn check(&mut self) -> Result<(), FileError> {
        let checked = self.ingest.check();
        if checked.is_err() {
            self.ingest.dataset.roll_back(&self.before);
        }
        checked
    }

    /// Ends the file; returns what was read from it. Compressed data that
    /// stops short keeps the rows read before the cut, and the cut is a
    /// rejected row at its line.
    pub fn finish(mut self) -> Result<FileSummary, FileError> {
        let (reader, ingest) = (&mut self.reader, &mut self.ingest);
        let decoded = self.decoder.finish(&mut |text| reader.push(text, &mut |record| ingest.record(record)));
        match (decoded, self.ingest.state.clone()) {
            (Err(DecodeProblem::Truncated), FeedState::Reading { file, .. }) => {
                // The last record is cut: it is not read.
                let dataset = self.ingest.dataset.borrow_mut();
                dataset.files[file.get()].rows += 1;
                dataset.reject(file, self.reader.line(), RejectReason::Truncated);
            }
            (Err(problem), _) => self.ingest.refuse(problem),
            (Ok(()), _) => {
                let ingest = &mut self.ingest;
                self.reader.finish(&mut |record| ingest.record(record));
            }
        }
        self.check()?;
        match self.ingest.state {
            FeedState::Reading { file, .. } => {
                let summary = &mut self.ingest.dataset.borrow_mut().files[file.get()];
                summary.bytes = self.ingest.bytes;
                Ok(summary.clone())
            }
            _ => Err(self.ingest.error(FileProblem::Empty)),
        }
    }

    /// Polls in the data set so far, this file's included: lets a reader of
    /// a large file judge, part way, how much memory the whole will take.
    pub fn poll_count(&self) -> usize {
        self.ingest.dataset.polls.len()
    }

    /// The kind of the file, once its header has been read.
    pub fn kind(&self) -> Option<FileKind> {
        match self.ingest.state {
            FeedState::Reading { columns, .. } => Some(columns.kind()),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
enum FeedState {
    AwaitingHeader,
    Reading { file: FileId, columns: Columns, field_count: usize },
    Refused(FileProblem),
}

/// The part of a [`FileFeed`] (or a [`PartFeed`]) that handles records,
/// apart from the tokenizer that produces them. `D` is the data set read
/// into: borrowed by a feed, owned by a part.
struct Ingest<D> {
    dataset: D,
    name: String,
    bytes: u64,
    state: FeedState,
}

impl<D: BorrowMut<Dataset>> Ingest<D> {
    fn new(dataset: D, name: &str) -> Self {
        Ingest { dataset, name: name.to_string(), bytes: 0, state: FeedState::AwaitingHeader }
    }

    fn error(&self, problem: FileProblem) -> FileError {
        FileError { file_name: self.name.clone(), problem }
    }

    fn check(&self) -> Result<(), FileError> {
        match &self.state {
            FeedState::Refused(problem) => Err(self.error(problem.clone())),
            _ => Ok(()),
        }
    }

    /// Refuses the file for what its bytes are, unless it is refused already
    /// (by its header, the first reason).
    fn refuse(&mut self, problem: DecodeProblem) {
        if !matches!(self.state, FeedState::Refused(_)) {
            self.state = FeedState::Refused(problem.into());
        }
    }

    fn record(&mut self, record: Record<'_>) {
        if record.is_blank() {
            return;
        }
        match self.state {
            FeedState::AwaitingHeader => self.header(&record),
            FeedState::Reading { file, columns, field_count } => {
                let dataset = self.dataset.borrow_mut();
                dataset.files[file.get()].rows += 1;
                match read_row(dataset, file, &record, columns, field_count) {
                    Ok(()) => dataset.files[file.get()].used += 1,
                    Err(reason) => dataset.reject(file, record.line, reason),
                }
            }
            FeedState::Refused(_) => {}
        }
    }

    fn header(&mut self, record: &Record<'_>) {
        match recognise_header(record) {
            Ok(Columns::Groups { store, target }) => {
                let names: Vec<String> =
                    record.fields().map(|name| String::from_utf8_lossy(name).into_owned()).collect();
                let dimensions = header::group_dimensions(&names, store, target);
                let dataset = self.dataset.borrow_mut();
                let file = FileId(dataset.files.len() as u32);
                match dataset.groups.begin_file(file, dimensions) {
                    Ok(()) => self.begin_rows(Columns::Groups { store, target }, record.len()),
                    Err(problem) => self.state = FeedState::Refused(problem),
                }
            }
            Ok(columns) => self.begin_rows(columns, record.len()),
            Err(problem) => self.state = FeedState::Refused(problem),
        }
    }

    /// Adds the file to the data set: its rows come next.
    fn begin_rows(&mut self, columns: Columns, field_count: usize) {
        let dataset = self.dataset.borrow_mut();
        let file = FileId(dataset.files.len() as u32);
        dataset.files.push(FileSummary {
            id: file,
            name: self.name.clone(),
            kind: columns.kind(),
            bytes: 0,
            rows: 0,
            used: 0,
            rejected: 0,
        });
        dataset.stores_of_file.push(Vec::new());
        self.state = FeedState::Reading { file, columns, field_count };
    }
}

/// Recognises a file's kind from its first non-blank record.
fn recognise_header(record: &Record<'_>) -> Result<Columns, FileProblem> {
    if record.problem.is_some() {
        return Err(FileProblem::BrokenHeader);
    }
    let names: Vec<String> = record.fields().map(header::normalise).collect();
    header::recognise(&names).map_err(|problem| match problem {
        FileProblem::Unrecognised { found } if found.len() == 1 => {
            // Spreadsheets in many locales save with semicolons or tabs.
            let delimiter = [';', '\t', '|'].into_iter().find_map(|d| {
                let split: Vec<String> = found[0].split(d).map(|n| header::normalise(n.as_bytes())).collect();
                let columns = header::recognise(&split).ok()?;
                Some(FileProblem::WrongDelimiter { kind: columns.kind(), delimiter: d })
            });
            delimiter.unwrap_or_else(|| {
                let raw = record.fields().collect::<Vec<_>>().join(&b","[..]);
                classify_unreadable_header(&raw, found)
            })
        }
        FileProblem::Unrecognised { found } => {
            let raw = record.fields().collect::<Vec<_>>().join(&b","[..]);
            classify_unreadable_header(&raw, found)
        }
        problem => problem,
    })
}

/// A header that matches nothing may not be text at all: say so plainly.
fn classify_unreadable_header(raw: &[u8], found: Vec<String>) -> FileProblem {
    let zeros = raw.iter().filter(|&&b| b == 0).count();
    // UTF-16 text of ASCII characters has a NUL in every other byte.
    let zeros_at = |parity: usize| raw.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let half = raw.len() / 2;
    let alternating = half > 0 && (0..2).any(|p| zeros_at(p) * 10 >= half * 9 && zeros_at(1 - p) * 10 <= half);
    if raw.starts_with(b"\xFF\xFE") || raw.starts_with(b"\xFE\xFF") || alternating {
        FileProblem::Utf16
    } else if zeros > 0 || std::str::from_utf8(raw).is_err() || raw.iter().any(|&b| b < 0x20 && b != b'\t') {
        FileProblem::NotText
    } else {
        FileProblem::Unrecognised { found }
    }
}

/// Checks one data row and adds it to the data set.
fn read_row(
    dataset: &mut Dataset,
    file: FileId,
    record: &Record<'_>,
    columns: Columns,
    field_count: usize,
) -> Result<(), RejectReason> {
    match record.problem {
        Some(RecordProblem::TooLong) => return Err(RejectReason::TooLong),
        Some(RecordProblem::UnclosedQuote) => return Err(RejectReason::UnclosedQuote),
        None => {}
    }
    if record.len() != field_count {
        return Err(RejectReason::FieldCount { expected: field_count, found: record.len() });
    }
    match columns {
        Columns::StatusPolls { store, status, timestamp } => {
            let store = StoreRef::read(&dataset.stores, record.field(store))?;
            let active = parse_status(record.field(status))?;
            let at = parse_timestamp(record.field(timestamp))
                .map_err(|error| RejectReason::BadTimestamp { value: Excerpt::new(record.field(timestamp)), error })?;
            let store = store.resolve(&mut dataset.stores)?;
            let polls = &mut dataset.polls;
            polls.store_and_status.push(store.get() as u32 | if active { ACTIVE_BIT } else { 0 });
            polls.at.push(at);
        }
        Columns::BusinessHours { store, day, start, end } => {
            let store = StoreRef::read(&dataset.stores, record.field(store))?;
            let day = parse_day(record.field(day))?;
            let clock = |column: &'static str, field: &[u8]| {
                parse_clock_time(field).map_err(|error| RejectReason::BadTime {
                    column,
                    value: Excerpt::new(field),
                    error,
                })
            };
            let start = clock("start_time_local", record.field(start))?;
            let end = clock("end_time_local", record.field(end))?;
            let store = store.resolve(&mut dataset.stores)?;
            dataset.hours.push((store, OpeningPeriod { day, start, end }));
            dataset.stores_of_file[file.get()].push(store);
        }
        Columns::Timezones { store, zone } => {
            let store = StoreRef::read(&dataset.stores, record.field(store))?;
            let field = record.field(zone);
            let parsed = std::str::from_utf8(field).ok().and_then(StoreZone::from_name);
            let store = store.resolve(&mut dataset.stores)?;
            dataset.zones.push((store, parsed));
            dataset.stores_of_file[file.get()].push(store);
            if parsed.is_none() {
                return Err(RejectReason::UnknownTimezone { value: Excerpt::new(field) });
            }
        }
        Columns::Groups { store, target } => read_group_row(dataset, file, record, store, target)?,
    }
    Ok(())
}

/// Checks a row of a groups file and keeps it. A target that is not one is
/// a rejected row, but the row's groups are kept all the same (SPEC.md): so
/// the row is kept first, and the target's problem returned after.
fn read_group_row(
    dataset: &mut Dataset,
    file: FileId,
    record: &Record<'_>,
    store: usize,
    target: Option<usize>,
) -> Result<(), RejectReason> {
    let store_id = store_id(record.field(store))?;
    let mut groups = Vec::with_capacity(dataset.groups.dimensions.len());
    for &column in dataset.groups.columns_of(file) {
        let field = record.field(column);
        let text = std::str::from_utf8(field)
            .map_err(|_| RejectReason::NotUtf8 { column: "group", value: Excerpt::new(field) })?;
        groups.push(text.trim().into());
    }
    let target_field = target.map(|column| record.field(column)).filter(|field| !field.trim_ascii().is_empty());
    let parsed = target_field.map(|field| {
        std::str::from_utf8(field)
            .map_err(|_| ())
            .and_then(|text| Target::parse(text).map_err(|_| ()))
            .map_err(|()| field)
    });
    dataset.groups.rows.push(GroupRow {
        store_id: store_id.into(),
        groups: groups.into(),
        target: parsed.and_then(Result::ok),
    });
    match parsed {
        Some(Err(field)) => {
            let text = String::from_utf8_lossy(field);
            let error = Target::parse(&text).err().unwrap_or(crate::scorecard::TargetError::NotANumber);
            Err(RejectReason::BadTarget { value: Excerpt::new(field), error })
        }
        _ => Ok(()),
    }
}

/// A row's store: one already known, or a new, checked id. The check runs
/// only for ids not seen before, which is once per store, not per poll.
enum StoreRef<'a> {
    Known(StoreIndex),
    New(&'a str),
}

impl<'a> StoreRef<'a> {
    fn read(stores: &StoreTable, field: &'a [u8]) -> Result<StoreRef<'a>, RejectReason> {
        match stores.find_bytes(field) {
            Some(store) => Ok(StoreRef::Known(store)),
            None => store_id(field).map(StoreRef::New),
        }
    }

    fn resolve(self, stores: &mut StoreTable) -> Result<StoreIndex, RejectReason> {
        match self {
            StoreRef::Known(store) => Ok(store),
            StoreRef::New(id) => stores.intern(id).ok_or(RejectReason::TooManyStores),
        }
    }
}

pub(super) fn store_id(field: &[u8]) -> Result<&str, RejectReason> {
    let text = std::str::from_utf8(field)
        .map_err(|_| RejectReason::NotUtf8 { column: "store_id", value: Excerpt::new(field) })?
        .trim();
    if text.is_empty() {
        return Err(RejectReason::EmptyStoreId);
    }
    let has_control =
        if text.is_ascii() { text.bytes().any(|b| b.is_ascii_control()) } else { text.chars().any(char::is_control) };
    if has_control {
        return Err(RejectReason::ControlInStoreId { value: Excerpt::new(field) });
    }
    Ok(text)
}

pub(super) fn parse_status(field: &[u8]) -> Result<bool, RejectReason> {
    let text = field.trim_ascii();
    if text.eq_ignore_ascii_case(b"active") {
        Ok(true)
    } else if text.eq_ignore_ascii_case(b"inactive") {
        Ok(false)
    } else {
        Err(RejectReason::UnknownStatus { value: Excerpt::new(field) })
    }
}

fn parse_day(field: &[u8]) -> Result<Weekday, RejectReason> {
    let text = field.trim_ascii();
    let bad = || RejectReason::BadDay { value: Excerpt::new(field) };
    // Exports that pass through a data frame may write whole numbers as
    // `3.0`: a zero fraction is still the integer.
    let whole = match text.iter().position(|&b| b == b'.') {
        Some(dot) if text[dot + 1..].iter().all(|&b| b == b'0') => &text[..dot],
        Some(_) => return Err(bad()),
        None => text,
    };
    if whole.is_empty() || whole.len() > 3 || !whole.iter().all(u8::is_ascii_digit) {
        return Err(bad());
    }
    let number = whole.iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
    Weekday::from_number(number).ok_or_else(bad)
}
