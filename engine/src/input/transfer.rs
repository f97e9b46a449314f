//! Data sets and parts as bytes, to pass them between workers (as an
//! `ArrayBuffer`) or threads.
//!
//! The format is private to one build of the engine: both ends run the same
//! code, so it need not be stable across versions, only refuse another
//! version. Millions of polls go as raw little-endian arrays (a copy each
//! way); the few other items are written field by field. Decoding trusts
//! nothing: every length is checked against the bytes left before anything
//! is allocated, every index against what it points into, every value
//! against the checks the reader applies, so garbage yields an error.
//!
//! Written by hand rather than with a serialisation crate: the arrays are
//! two `extend`s and two `chunks_exact` loops (which compile to copies),
//! and the rest needs validation a derive would not do. `bytemuck` would
//! save nothing over `from_le_bytes` and ties the layout to the host's
//! byte order.

use std::fmt;

use super::part::{PartContent, Unusable};
use super::{Dataset, Excerpt, FileId, FileKind, FilePart, FileSummary, PartRange, PollLog, RejectReason, Rejection};
use super::{RejectionListCap, store_id};
use crate::schedule::{OpeningPeriod, Weekday};
use crate::scorecard::TargetError;
use crate::store::{StoreIndex, StoreTable};
use crate::time::{ClockTime, ClockTimeError, TimestampError, UtcInstant};
use crate::zone::StoreZone;

const MAGIC: &[u8; 4] = b"SUp\0";
/// Changed whenever the layout changes.
const VERSION: u16 = 1;
const DATASET: u8 = 1;
const PART: u8 = 2;

/// Why bytes could not be decoded into a data set or a part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not bytes made by `encode`.
    NotEncoded,
    /// Made by another version of the engine.
    Version(u16),
    /// Cut short.
    Truncated,
    /// Bytes after the end.
    TrailingBytes,
    /// A value that the engine would never have written.
    Invalid(&'static str),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotEncoded => f.write_str("not an encoded data set or part"),
            DecodeError::Version(v) => write!(f, "encoded by version {v} of the format, not {VERSION}"),
            DecodeError::Truncated => f.write_str("the encoded data is cut short"),
            DecodeError::TrailingBytes => f.write_str("bytes after the end of the encoded data"),
            DecodeError::Invalid(what) => write!(f, "invalid encoded data: {what}"),
        }
    }
}

impl std::error::Error for DecodeError {}

type Decoded<T> = Result<T, DecodeError>;

impl Dataset {
    /// The data set as bytes, for [`Dataset::decode`].
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Writer::new(DATASET, 64 + self.polls.len() * 12);
        out.dataset(self);
        out.0
    }

    /// A data set from the bytes of [`Dataset::encode`], of the same
    /// version of the engine.
    pub fn decode(bytes: &[u8]) -> Result<Dataset, DecodeError> {
        let mut input = Reader::new(bytes, DATASET)?;
        let data = input.dataset()?;
        input.end()?;
        Ok(data)
    }
}

impl FilePart {
    /// The part as bytes, for [`FilePart::decode`].
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Writer::new(PART, 128 + self.poll_count() * 12);
        for n in [self.range.start(), self.range.end(), self.range.file_bytes(), self.span.start, self.span.end] {
            out.u64(n);
        }
        out.u64(self.line_breaks);
        match &self.content {
            PartContent::Rows { data, ends_cleanly } => {
                out.u8(0);
                out.u8(u8::from(*ends_cleanly));
                out.dataset(data);
            }
            PartContent::Unusable(why) => out.u8(match why {
                Unusable::HeaderRefused => 1,
                Unusable::NoHeader => 2,
                Unusable::Incomplete => 3,
            }),
        }
        out.0
    }

    /// A part from the bytes of [`FilePart::encode`], of the same version of
    /// the engine.
    pub fn decode(bytes: &[u8]) -> Result<FilePart, DecodeError> {
        let mut input = Reader::new(bytes, PART)?;
        let (start, end, file_bytes) = (input.u64()?, input.u64()?, input.u64()?);
        let range = PartRange::new(start, end, file_bytes).ok_or(DecodeError::Invalid("part range"))?;
        let span = input.u64()?..input.u64()?;
        if span.start > span.end || span.end > file_bytes {
            return Err(DecodeError::Invalid("part span"));
        }
        let line_breaks = input.u64()?;
        if line_breaks > span.end - span.start {
            return Err(DecodeError::Invalid("line breaks"));
        }
        let content = match input.u8()? {
            0 => {
                let ends_cleanly = input.flag()?;
                let data = input.dataset()?;
                if data.files.len() != 1 {
                    return Err(DecodeError::Invalid("a part holds one file"));
                }
                PartContent::Rows { data: Box::new(data), ends_cleanly }
            }
            1 => PartContent::Unusable(Unusable::HeaderRefused),
            2 => PartContent::Unusable(Unusable::NoHeader),
            3 => PartContent::Unusable(Unusable::Incomplete),
            _ => return Err(DecodeError::Invalid("part content")),
        };
        input.end()?;
        Ok(FilePart { range, span, line_breaks, content })
    }
}

/// Column names a rejection may name.
const COLUMNS: [&str; 4] = ["store_id", "start_time_local", "end_time_local", "group"];

/// Numbers as little-endian bytes.
trait ToLeBytes<const N: usize> {
    fn to_le(self) -> [u8; N];
}

impl ToLeBytes<4> for u32 {
    fn to_le(self) -> [u8; 4] {
        self.to_le_bytes()
    }
}

impl ToLeBytes<8> for i64 {
    fn to_le(self) -> [u8; 8] {
        self.to_le_bytes()
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn new(what: u8, capacity: usize) -> Writer {
        let mut out = Writer(Vec::with_capacity(capacity));
        out.0.extend_from_slice(MAGIC);
        out.0.extend_from_slice(&VERSION.to_le_bytes());
        out.u8(what);
        out
    }

    fn u8(&mut self, n: u8) {
        self.0.push(n);
    }

    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn len(&mut self, n: usize) {
        self.u64(n as u64);
    }

    fn text(&mut self, text: &str) {
        self.len(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }

    fn u32s(&mut self, items: impl ExactSizeIterator<Item = u32>) {
        self.len(items.len());
        self.array(items);
    }

    /// Items of `N` bytes each, written into space made for all of them at
    /// once (a loop that compiles to little more than a copy).
    fn array<const N: usize>(&mut self, items: impl ExactSizeIterator<Item = impl ToLeBytes<N>>) {
        let start = self.0.len();
        self.0.resize(start + items.len() * N, 0);
        for (slot, item) in self.0[start..].chunks_exact_mut(N).zip(items) {
            slot.copy_from_slice(&item.to_le());
        }
    }

    fn dataset(&mut self, data: &Dataset) {
        self.len(data.rejection_list_cap.0);
        self.text(data.stores.text());
        self.u32s(data.stores.ends().iter().copied());
        self.u32s(data.polls.store_and_status.iter().copied());
        // The instants' count is that of the stores' above.
        self.array(data.polls.at.iter().map(|at| at.unix_nanos()));
        self.len(data.hours.len());
        for (store, period) in &data.hours {
            self.u32(store.get() as u32);
            self.u8(period.day.number());
            self.u64(clock_nanos(period.start));
            self.u64(clock_nanos(period.end));
        }
        self.len(data.zones.len());
        for (store, zone) in &data.zones {
            self.u32(store.get() as u32);
            self.text(zone.map_or("", |zone| zone.name()));
        }
        self.len(data.files.len());
        for (summary, stores) in data.files.iter().zip(&data.stores_of_file) {
            self.text(&summary.name);
            self.u8(kind_code(summary.kind));
            for n in [summary.bytes, summary.rows, summary.used, summary.rejected] {
                self.u64(n);
            }
            self.u32s(stores.iter().map(|store| store.get() as u32));
        }
        self.len(data.rejections.len());
        for rejection in &data.rejections {
            self.u32(rejection.file.0);
            self.u64(rejection.line);
            self.reason(&rejection.reason);
        }
        self.u64(data.rejections_not_listed);
    }

    fn reason(&mut self, reason: &RejectReason) {
        let column = |name: &str| COLUMNS.iter().position(|&c| c == name).unwrap_or(0) as u8;
        match reason {
            RejectReason::FieldCount { expected, found } => {
                self.u8(0);
                self.len(*expected);
                self.len(*found);
            }
            RejectReason::TooLong => self.u8(1),
            RejectReason::UnclosedQuote => self.u8(2),
            RejectReason::NotUtf8 { column: name, value } => {
                self.u8(3);
                self.u8(column(name));
                self.text(value.as_str());
            }
            RejectReason::EmptyStoreId => self.u8(4),
            RejectReason::ControlInStoreId { value } => {
                self.u8(5);
                self.text(value.as_str());
            }
            RejectReason::UnknownStatus { value } => {
                self.u8(6);
                self.text(value.as_str());
            }
            RejectReason::BadTimestamp { value, error } => {
                self.u8(7);
                self.text(value.as_str());
                self.u8(match error {
                    TimestampError::Format => 0,
                    TimestampError::ImpossibleDate => 1,
                    TimestampError::OutOfRange => 2,
                });
            }
            RejectReason::BadDay { value } => {
                self.u8(8);
                self.text(value.as_str());
            }
            RejectReason::BadTime { column: name, value, error } => {
                self.u8(9);
                self.u8(column(name));
                self.text(value.as_str());
                self.u8(match error {
                    ClockTimeError::Format => 0,
                    ClockTimeError::OutOfRange => 1,
                });
            }
            RejectReason::UnknownTimezone { value } => {
                self.u8(10);
                self.text(value.as_str());
            }
            RejectReason::TooManyStores => self.u8(11),
            RejectReason::Truncated => self.u8(13),
            RejectReason::BadTarget { value, error } => {
                self.u8(12);
                self.text(value.as_str());
                self.u8(match error {
                    TargetError::NotANumber => 0,
                    TargetError::TooManyDecimals => 1,
                    TargetError::OutOfRange => 2,
                });
            }
        }
    }
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], what: u8) -> Decoded<Reader<'a>> {
        let mut input = Reader { rest: bytes };
        if input.take(4).ok() != Some(&MAGIC[..]) {
            return Err(DecodeError::NotEncoded);
        }
        let version = u16::from_le_bytes([input.u8()?, input.u8()?]);
        if version != VERSION {
            return Err(DecodeError::Version(version));
        }
        if input.u8()? != what {
            return Err(DecodeError::NotEncoded);
        }
        Ok(input)
    }

    fn end(&self) -> Decoded<()> {
        if self.rest.is_empty() { Ok(()) } else { Err(DecodeError::TrailingBytes) }
    }

    fn take(&mut self, n: usize) -> Decoded<&'a [u8]> {
        if n > self.rest.len() {
            return Err(DecodeError::Truncated);
        }
        let (taken, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(taken)
    }

    fn array<const N: usize>(&mut self) -> Decoded<[u8; N]> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn u8(&mut self) -> Decoded<u8> {
        Ok(self.array::<1>()?[0])
    }

    fn flag(&mut self) -> Decoded<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(DecodeError::Invalid("flag")),
        }
    }

    fn u32(&mut self) -> Decoded<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Decoded<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    /// A count of items of at least `item_bytes` bytes each: never more
    /// than the bytes left could hold, so allocating for it is bounded.
    fn count(&mut self, item_bytes: usize) -> Decoded<usize> {
        let n = self.u64()?;
        match usize::try_from(n) {
            Ok(n) if n.checked_mul(item_bytes).is_some_and(|bytes| bytes <= self.rest.len()) => Ok(n),
            _ => Err(DecodeError::Truncated),
        }
    }

    fn text(&mut self) -> Decoded<&'a str> {
        let n = self.count(1)?;
        std::str::from_utf8(self.take(n)?).map_err(|_| DecodeError::Invalid("text"))
    }

    fn u32s_of(&mut self, n: usize) -> Decoded<Vec<u32>> {
        let bytes = self.take(n * 4)?;
        Ok(bytes.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
    }

    fn u32s(&mut self) -> Decoded<Vec<u32>> {
        let n = self.count(4)?;
        self.u32s_of(n)
    }

    fn store(&mut self, stores: usize) -> Decoded<StoreIndex> {
        store_index(self.u32()?, stores)
    }

    fn excerpt(&mut self) -> Decoded<Excerpt> {
        Excerpt::from_text(self.text()?).ok_or(DecodeError::Invalid("excerpt"))
    }

    fn column(&mut self) -> Decoded<&'static str> {
        COLUMNS.get(usize::from(self.u8()?)).copied().ok_or(DecodeError::Invalid("column"))
    }

    fn dataset(&mut self) -> Decoded<Dataset> {
        let cap = usize::try_from(self.u64()?).map_err(|_| DecodeError::Invalid("cap"))?;
        let stores = self.stores()?;
        let store_count = stores.len();

        let store_and_status = self.u32s()?;
        if store_and_status.iter().any(|&packed| (packed & !super::ACTIVE_BIT) as usize >= store_count) {
            return Err(DecodeError::Invalid("poll store"));
        }
        let at_bytes = self.take(store_and_status.len().checked_mul(8).ok_or(DecodeError::Truncated)?)?;
        let at = at_bytes
            .chunks_exact(8)
            .map(|b| UtcInstant::from_unix_nanos(i64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])))
            .collect();
        let polls = PollLog { store_and_status, at };

        let hours_count = self.count(21)?;
        let mut hours = Vec::with_capacity(hours_count);
        for _ in 0..hours_count {
            let store = self.store(store_count)?;
            let day = Weekday::from_number(u32::from(self.u8()?)).ok_or(DecodeError::Invalid("day"))?;
            let start = clock_time(self.u64()?)?;
            let end = clock_time(self.u64()?)?;
            hours.push((store, OpeningPeriod { day, start, end }));
        }

        let zones_count = self.count(12)?;
        let mut zones = Vec::with_capacity(zones_count);
        for _ in 0..zones_count {
            let store = self.store(store_count)?;
            let zone = match self.text()? {
                "" => None,
                name => Some(
                    StoreZone::from_name(name)
                        .filter(|zone| zone.name() == name)
                        .ok_or(DecodeError::Invalid("zone"))?,
                ),
            };
            zones.push((store, zone));
        }

        let file_count = self.count(49)?;
        let mut files = Vec::with_capacity(file_count);
        let mut stores_of_file = Vec::with_capacity(file_count);
        for index in 0..file_count {
            let name = self.text()?.to_string();
            let kind = match self.u8()? {
                0 => FileKind::StatusPolls,
                1 => FileKind::BusinessHours,
                2 => FileKind::Timezones,
                3 => FileKind::Groups,
                _ => return Err(DecodeError::Invalid("file kind")),
            };
            let [bytes, rows, used, rejected] = [self.u64()?, self.u64()?, self.u64()?, self.u64()?];
            let id = FileId(u32::try_from(index).map_err(|_| DecodeError::Invalid("file count"))?);
            files.push(FileSummary { id, name, kind, bytes, rows, used, rejected });
            let named = self.u32s()?;
            stores_of_file.push(named.into_iter().map(|n| store_index(n, store_count)).collect::<Decoded<Vec<_>>>()?);
        }

        let rejections_count = self.count(13)?;
        let mut rejections = Vec::with_capacity(rejections_count);
        for _ in 0..rejections_count {
            let file = self.u32()?;
            if file as usize >= file_count {
                return Err(DecodeError::Invalid("rejection file"));
            }
            let line = self.u64()?;
            let reason = self.reason()?;
            rejections.push(Rejection { file: FileId(file), line, reason });
        }
        let rejections_not_listed = self.u64()?;
        Ok(Dataset {
            stores,
            polls,
            hours,
            zones,
            files,
            stores_of_file,
            rejections,
            rejections_not_listed,
            rejection_list_cap: RejectionListCap(cap),
            // Parts are of large files of the three kinds: a groups file is
            // always read whole (`part::header_of`), so no part holds groups.
            groups: Default::default(),
        })
    }

    /// The store table: every id valid and distinct, as the reader made it.
    fn stores(&mut self) -> Decoded<StoreTable> {
        let text = self.text()?;
        let ends = self.u32s()?;
        let mut stores = StoreTable::default();
        let mut start = 0usize;
        for (index, &end) in ends.iter().enumerate() {
            let id = text.get(start..end as usize).ok_or(DecodeError::Invalid("store id bounds"))?;
            if store_id(id.as_bytes()) != Ok(id) {
                return Err(DecodeError::Invalid("store id"));
            }
            if stores.intern(id).map(StoreIndex::get) != Some(index) {
                return Err(DecodeError::Invalid("repeated store id"));
            }
            start = end as usize;
        }
        if start != text.len() {
            return Err(DecodeError::Invalid("store id bounds"));
        }
        Ok(stores)
    }

    fn reason(&mut self) -> Decoded<RejectReason> {
        Ok(match self.u8()? {
            0 => {
                let expected = usize::try_from(self.u64()?).map_err(|_| DecodeError::Invalid("field count"))?;
                let found = usize::try_from(self.u64()?).map_err(|_| DecodeError::Invalid("field count"))?;
                RejectReason::FieldCount { expected, found }
            }
            1 => RejectReason::TooLong,
            2 => RejectReason::UnclosedQuote,
            3 => RejectReason::NotUtf8 { column: self.column()?, value: self.excerpt()? },
            4 => RejectReason::EmptyStoreId,
            5 => RejectReason::ControlInStoreId { value: self.excerpt()? },
            6 => RejectReason::UnknownStatus { value: self.excerpt()? },
            7 => {
                let value = self.excerpt()?;
                let error = match self.u8()? {
                    0 => TimestampError::Format,
                    1 => TimestampError::ImpossibleDate,
                    2 => TimestampError::OutOfRange,
                    _ => return Err(DecodeError::Invalid("timestamp error")),
                };
                RejectReason::BadTimestamp { value, error }
            }
            8 => RejectReason::BadDay { value: self.excerpt()? },
            9 => {
                let column = self.column()?;
                let value = self.excerpt()?;
                let error = match self.u8()? {
                    0 => ClockTimeError::Format,
                    1 => ClockTimeError::OutOfRange,
                    _ => return Err(DecodeError::Invalid("time error")),
                };
                RejectReason::BadTime { column, value, error }
            }
            10 => RejectReason::UnknownTimezone { value: self.excerpt()? },
            11 => RejectReason::TooManyStores,
            12 => {
                let value = self.excerpt()?;
                let error = match self.u8()? {
                    0 => TargetError::NotANumber,
                    1 => TargetError::TooManyDecimals,
                    2 => TargetError::OutOfRange,
                    _ => return Err(DecodeError::Invalid("target error")),
                };
                RejectReason::BadTarget { value, error }
            }
            13 => RejectReason::Truncated,
            _ => return Err(DecodeError::Invalid("reject reason")),
        })
    }
}

fn store_index(n: u32, stores: usize) -> Decoded<StoreIndex> {
    if (n as usize) < stores { Ok(StoreIndex::from_raw(n)) } else { Err(DecodeError::Invalid("store index")) }
}

fn kind_code(kind: FileKind) -> u8 {
    match kind {
        FileKind::StatusPolls => 0,
        FileKind::BusinessHours => 1,
        FileKind::Timezones => 2,
        FileKind::Groups => 3,
    }
}

const NANOS_PER_SECOND: u64 = 1_000_000_000;

fn clock_nanos(time: ClockTime) -> u64 {
    use chrono::Timelike;
    let naive = time.naive();
    u64::from(naive.num_seconds_from_midnight()) * NANOS_PER_SECOND + u64::from(naive.nanosecond())
}

fn clock_time(nanos: u64) -> Decoded<ClockTime> {
    let seconds = nanos / NANOS_PER_SECOND;
    let (hour, minute, second) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    u32::try_from(hour)
        .ok()
        .and_then(|hour| {
            ClockTime::from_hms_nano(hour, minute as u32, second as u32, (nanos % NANOS_PER_SECOND) as u32)
        })
        .ok_or(DecodeError::Invalid("time of day"))
}
