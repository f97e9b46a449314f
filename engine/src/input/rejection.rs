//! Rows that could not be used, and why.

use std::fmt;

use crate::scorecard::TargetError;
use crate::time::{ClockTimeError, TimestampError};

/// A file given to a data set, by the order it was given in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub(crate) u32);

impl FileId {
    /// The file's place among the files of its data set, from 0.
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

/// A row that was not used, with where it is and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// The file the row is in.
    pub file: FileId,
    /// The physical line of the file on which the row starts (the header is line 1).
    pub line: u64,
    /// Why the row was not used.
    pub reason: RejectReason,
}

/// A short copy of an offending value, to show in a message.
#[derive(Clone, PartialEq, Eq)]
pub struct Excerpt(Box<str>);

const EXCERPT_CHARS: usize = 40;

impl Excerpt {
    /// The first characters of `bytes`, trimmed, read as UTF-8 (invalid
    /// bytes become U+FFFD), with `…` when cut short.
    pub fn new(bytes: &[u8]) -> Self {
        let text = String::from_utf8_lossy(bytes);
        let text = text.trim();
        let mut excerpt: String = text.chars().take(EXCERPT_CHARS).collect();
        if text.chars().nth(EXCERPT_CHARS).is_some() {
            excerpt.push('…');
        }
        Excerpt(excerpt.into())
    }

    /// The excerpt's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An excerpt decoded from its text: `None` unless `text` is what
    /// [`Excerpt::new`] makes of some input (it makes the same of its own text).
    pub(crate) fn from_text(text: &str) -> Option<Excerpt> {
        let excerpt = Excerpt::new(text.as_bytes());
        (excerpt.as_str() == text).then_some(excerpt)
    }
}

impl fmt::Debug for Excerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl fmt::Display for Excerpt {
    /// Quoted, with control characters escaped, so that a message can never
    /// be confused by what a file held.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.0.escape_debug())
    }
}

/// Why a row was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RejectReason {
    /// A different number of fields than the header has.
    FieldCount {
        /// The header's number of fields.
        expected: usize,
        /// The row's.
        found: usize,
    },
    /// The row is longer or wider than any real row could be.
    TooLong,
    /// A quote opened on this line is not closed on it.
    UnclosedQuote,
    /// A needed field holds bytes that are not UTF-8.
    NotUtf8 {
        /// The column's name.
        column: &'static str,
        /// The field, as far as it can be shown.
        value: Excerpt,
    },
    /// The store id is empty (or only whitespace).
    EmptyStoreId,
    /// Control characters (such as NUL) in a store id.
    ControlInStoreId {
        /// The store id.
        value: Excerpt,
    },
    /// A status other than `active` or `inactive`.
    UnknownStatus {
        /// The status field.
        value: Excerpt,
    },
    /// A timestamp that cannot be read.
    BadTimestamp {
        /// The timestamp field.
        value: Excerpt,
        /// What is wrong with it.
        error: TimestampError,
    },
    /// A day that is not a weekday number 0 to 6.
    BadDay {
        /// The day field.
        value: Excerpt,
    },
    /// A time of day that cannot be read.
    BadTime {
        /// The column's name.
        column: &'static str,
        /// The time field.
        value: Excerpt,
        /// What is wrong with it.
        error: ClockTimeError,
    },
    /// Not an IANA timezone name; the store uses the default timezone.
    UnknownTimezone {
        /// The timezone field.
        value: Excerpt,
    },
    /// More distinct stores than the tool can hold (2^31).
    TooManyStores,
    /// The file's compressed data stops here: the rows before are read, any
    /// after are missing.
    Truncated,
    /// A groups file's `target` that is not a percentage above 0 and below
    /// 100 with at most 3 decimals; the row's groups are used all the same,
    /// and the store keeps the fleet's target.
    BadTarget {
        /// The target field.
        value: Excerpt,
        /// What is wrong with it.
        error: TargetError,
    },
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RejectReason::FieldCount { expected, found } => {
                write!(f, "has {found} field{} where the header has {expected}", if *found == 1 { "" } else { "s" })
            }
            RejectReason::TooLong => write!(
                f,
                "row longer than {} KiB or of more than {} fields",
                crate::csv_tokenizer::MAX_RECORD_BYTES / 1024,
                crate::csv_tokenizer::MAX_FIELDS
            ),
            RejectReason::UnclosedQuote => f.write_str(
                "a quote opened on this line is not closed on it; the lines after it were read on their own",
            ),
            RejectReason::NotUtf8 { column, value } => write!(
                f,
                "{column} {value} is not UTF-8 text (the file may be Latin-1 or Windows-1252: save it as UTF-8)"
            ),
            RejectReason::EmptyStoreId => f.write_str("store_id is empty"),
            RejectReason::ControlInStoreId { value } => {
                write!(f, "store_id {value} contains control characters")
            }
            RejectReason::UnknownStatus { value } => {
                write!(f, "status {value} is neither active nor inactive")
            }
            RejectReason::BadTimestamp { value, error } => {
                write!(f, "timestamp_utc {value}: {error}")
            }
            RejectReason::BadDay { value } => write!(f, "day {value} is not a weekday number 0 (Monday) to 6 (Sunday)"),
            RejectReason::BadTime { column, value, error } => write!(f, "{column} {value}: {error}"),
            RejectReason::UnknownTimezone { value } => {
                write!(f, "timezone_str {value} is not an IANA timezone name; the store uses the default timezone")
            }
            RejectReason::TooManyStores => f.write_str("more than 2^31 distinct stores"),
            RejectReason::Truncated => f.write_str(
                "the compressed file stops here (a truncated download?): the rows before are used, any after \
                 are missing; download it again",
            ),
            RejectReason::BadTarget { value, error } => {
                write!(f, "target {value} {error}; the row's groups are used, and the store keeps the fleet's target")
            }
        }
    }
}

impl RejectReason {
    /// A short stable name of the kind of problem, for counting and filtering.
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::FieldCount { .. } => "field-count",
            RejectReason::TooLong => "too-long",
            RejectReason::UnclosedQuote => "unclosed-quote",
            RejectReason::NotUtf8 { .. } => "not-utf8",
            RejectReason::EmptyStoreId => "empty-store-id",
            RejectReason::ControlInStoreId { .. } => "control-in-store-id",
            RejectReason::UnknownStatus { .. } => "unknown-status",
            RejectReason::BadTimestamp { .. } => "bad-timestamp",
            RejectReason::BadDay { .. } => "bad-day",
            RejectReason::BadTime { .. } => "bad-time",
            RejectReason::UnknownTimezone { .. } => "unknown-timezone",
            RejectReason::TooManyStores => "too-many-stores",
            RejectReason::BadTarget { .. } => "bad-target",
            RejectReason::Truncated => "truncated",
        }
    }
}
