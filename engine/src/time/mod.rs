//! Instants, durations and times of day, and the fast parsers for them.
//!
//! A status file has millions of timestamps, so they are parsed by hand from
//! bytes (no allocation, no general-purpose format parser); chrono does only
//! the calendar arithmetic, so impossible dates such as 2023-02-30 are
//! refused exactly as chrono refuses them.

use std::fmt;
use std::ops::{Add, Sub};

use chrono::{DateTime, NaiveDateTime, NaiveTime, Utc};

mod fixed;
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) mod oracle;

const NANOS_PER_SECOND: i64 = 1_000_000_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// A point on the UTC time line, with nanosecond precision (the contract
/// allows up to nine fraction digits). Covers the years 1678 to 2261.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcInstant(i64);

/// A length of time, in nanoseconds. Differences of instants and sums of
/// them; never negative in a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeSpan(i64);

impl UtcInstant {
    /// The instant `nanos` nanoseconds after 1970-01-01 00:00 UTC.
    pub const fn from_unix_nanos(nanos: i64) -> Self {
        UtcInstant(nanos)
    }

    /// Nanoseconds since 1970-01-01 00:00 UTC: the exact value, to store or send.
    pub const fn unix_nanos(self) -> i64 {
        self.0
    }

    /// The instant of a UTC calendar date and time, if it is in range.
    pub(crate) fn from_naive_utc(datetime: NaiveDateTime) -> Option<Self> {
        datetime.and_utc().timestamp_nanos_opt().map(UtcInstant)
    }

    pub(crate) fn to_datetime(self) -> DateTime<Utc> {
        DateTime::from_timestamp_nanos(self.0)
    }

    /// The UTC calendar date and time, for chrono's timezone arithmetic.
    pub fn naive_utc(self) -> NaiveDateTime {
        self.to_datetime().naive_utc()
    }

    /// The instant `span` earlier; `None` before the representable years.
    pub fn checked_sub(self, span: TimeSpan) -> Option<Self> {
        self.0.checked_sub(span.0).map(UtcInstant)
    }
}

impl fmt::Display for UtcInstant {
    /// `2023-01-25 18:13:22.123 UTC`: the status file's own format, with as
    /// many fraction digits as needed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let datetime = self.to_datetime();
        write!(f, "{}", datetime.format("%Y-%m-%d %H:%M:%S"))?;
        let nanos = self.0.rem_euclid(NANOS_PER_SECOND);
        if nanos != 0 {
            let digits = format!("{nanos:09}");
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        f.write_str(" UTC")
    }
}

impl Sub for UtcInstant {
    type Output = TimeSpan;
    fn sub(self, rhs: UtcInstant) -> TimeSpan {
        TimeSpan(self.0 - rhs.0)
    }
}

impl TimeSpan {
    /// No time: the start of a sum.
    pub const ZERO: TimeSpan = TimeSpan(0);

    /// A span of `nanos` nanoseconds.
    pub const fn from_nanos(nanos: i64) -> Self {
        TimeSpan(nanos)
    }

    pub(crate) const fn from_seconds(seconds: i64) -> Self {
        TimeSpan(seconds * NANOS_PER_SECOND)
    }

    pub(crate) const fn from_minutes(minutes: i64) -> Self {
        TimeSpan::from_seconds(minutes * 60)
    }

    pub(crate) const fn from_hours(hours: i64) -> Self {
        TimeSpan::from_minutes(hours * 60)
    }

    /// The span in nanoseconds: the exact value, to store or send.
    pub const fn nanos(self) -> i64 {
        self.0
    }
}

impl Add for TimeSpan {
    type Output = TimeSpan;
    fn add(self, rhs: TimeSpan) -> TimeSpan {
        TimeSpan(self.0 + rhs.0)
    }
}

impl std::ops::Sub for TimeSpan {
    type Output = TimeSpan;
    fn sub(self, other: TimeSpan) -> TimeSpan {
        TimeSpan(self.0 - other.0)
    }
}

impl std::ops::AddAssign for TimeSpan {
    fn add_assign(&mut self, rhs: TimeSpan) {
        self.0 += rhs.0;
    }
}

/// Why a timestamp could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampError {
    /// Not in one of the accepted shapes.
    Format,
    /// Shaped like a date and time, but no such date or time exists.
    ImpossibleDate,
    /// A real date, but outside the years this tool can represent.
    OutOfRange,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimestampError::Format => {
                "expected YYYY-MM-DD HH:MM:SS[.fraction] followed by UTC, Z, an offset such as +05:30, or nothing"
            }
            TimestampError::ImpossibleDate => "no such date or time",
            TimestampError::OutOfRange => "outside the supported years 1678 to 2261",
        })
    }
}

/// A small cursor over ASCII bytes.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Exactly `count` decimal digits.
    fn digits(&mut self, count: usize) -> Option<u32> {
        let slice = self.bytes.get(self.pos..self.pos + count)?;
        let mut value = 0u32;
        for &b in slice {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(b - b'0');
        }
        self.pos += count;
        Some(value)
    }

    /// One or two decimal digits (an hour written `9` or `09`).
    fn one_or_two_digits(&mut self) -> Option<u32> {
        let first = self.digits(1)?;
        match self.peek() {
            Some(b) if b.is_ascii_digit() => {
                self.pos += 1;
                Some(first * 10 + u32::from(b - b'0'))
            }
            _ => Some(first),
        }
    }

    /// 1 to 9 digits after a decimal point, as nanoseconds.
    fn fraction(&mut self) -> Option<u32> {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        let digits = self.pos - start;
        if digits == 0 || digits > 9 {
            return None;
        }
        let value = self.bytes[start..self.pos].iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
        Some(value * FRACTION_SCALE[digits])
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    fn rest(&self) -> &[u8] {
        &self.bytes[self.pos..]
    }
}

/// Parses a poll's `timestamp_utc`.
///
/// Accepted: `YYYY-MM-DD`, then a space or `T`, then `HH:MM:SS` (the hour
/// may have one digit, the seconds may be left out) with an optional
/// fraction of 1 to 9 digits after `.` or `,`, then optional spaces and a
/// zone: `UTC`, `GMT`, `Z`, `+HH:MM`, `+HHMM`, `+HH` (or with `-`), or
/// nothing, which means UTC. Letters are matched in any case.
///
/// ```
/// use store_uptime_engine::parse_timestamp;
///
/// let shown = |text: &str| parse_timestamp(text.as_bytes()).map(|at| at.to_string());
/// assert_eq!(shown("2023-01-22 12:09:39.388884 UTC").as_deref(), Ok("2023-01-22 12:09:39.388884 UTC"));
/// // ISO 8601, any explicit offset converted to UTC; no zone is UTC.
/// assert_eq!(shown("2023-01-22T07:09:39-05:00").as_deref(), Ok("2023-01-22 12:09:39 UTC"));
/// assert_eq!(shown("2023-01-22T12:09:39").as_deref(), Ok("2023-01-22 12:09:39 UTC"));
/// assert!(shown("2023-02-30 12:00:00 UTC").is_err());
/// ```
pub fn parse_timestamp(text: &[u8]) -> Result<UtcInstant, TimestampError> {
    if let Some(at) = fixed::parse(text) {
        return Ok(at);
    }
    let text = text.trim_ascii();
    if let Some(parsed) = parse_common_timestamp(text) {
        return parsed;
    }
    let mut c = Cursor { bytes: text, pos: 0 };
    let format = TimestampError::Format;
    let year = c.digits(4).ok_or(format)?;
    if !c.eat(b'-') {
        return Err(format);
    }
    let month = c.digits(2).ok_or(format)?;
    if !c.eat(b'-') {
        return Err(format);
    }
    let day = c.digits(2).ok_or(format)?;
    if !(c.eat(b' ') || c.eat(b'T') || c.eat(b't')) {
        return Err(format);
    }
    c.skip_spaces();
    let hour = c.one_or_two_digits().ok_or(format)?;
    if !c.eat(b':') {
        return Err(format);
    }
    let minute = c.digits(2).ok_or(format)?;
    let mut second = 0;
    let mut nanos = 0;
    if c.eat(b':') {
        second = c.digits(2).ok_or(format)?;
        if c.eat(b'.') || c.eat(b',') {
            nanos = c.fraction().ok_or(format)?;
        }
    }
    c.skip_spaces();
    let offset_seconds = parse_zone(c.rest()).ok_or(format)?;

    assemble(year, month, day, hour, minute, second, nanos, offset_seconds)
}

/// The shape of nearly every poll, `YYYY-MM-DD HH:MM:SS` with an optional
/// fraction and zone, read at fixed positions; `None` when the text has
/// another shape, for the general parser to handle.
fn parse_common_timestamp(text: &[u8]) -> Option<Result<UtcInstant, TimestampError>> {
    let (head, rest) = text.split_first_chunk::<19>()?;
    if head[4] != b'-' || head[7] != b'-' || !matches!(head[10], b' ' | b'T') || head[13] != b':' || head[16] != b':' {
        return None;
    }
    // Every byte minus '0': digits become 0-9, anything else wraps above 9.
    let v = head.map(|b| b.wrapping_sub(b'0'));
    let digits = [v[0], v[1], v[2], v[3], v[5], v[6], v[8], v[9], v[11], v[12], v[14], v[15], v[17], v[18]];
    if digits.iter().fold(0u8, |max, &d| max.max(d)) > 9 {
        return None;
    }
    let d = |i: usize| u32::from(v[i]);
    let year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
    let (month, day) = (d(5) * 10 + d(6), d(8) * 10 + d(9));
    let (hour, minute, second) = (d(11) * 10 + d(12), d(14) * 10 + d(15), d(17) * 10 + d(18));
    let (nanos, zone) = match rest {
        [b'.', tail @ ..] => {
            let digits = tail.iter().position(|b| !b.is_ascii_digit()).unwrap_or(tail.len());
            if digits == 0 || digits > 9 {
                return None;
            }
            let value = tail[..digits].iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
            (value * FRACTION_SCALE[digits], &tail[digits..])
        }
        _ => (0, rest),
    };
    let offset_seconds = parse_zone(zone.trim_ascii_start())?;
    Some(assemble(year, month, day, hour, minute, second, nanos, offset_seconds))
}

/// What a fraction of `n` digits is multiplied by to give nanoseconds.
const FRACTION_SCALE: [u32; 10] = [0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

/// The instant of a date and time read at a UTC offset.
#[allow(clippy::too_many_arguments)]
fn assemble(
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    offset_seconds: i64,
) -> Result<UtcInstant, TimestampError> {
    let days = days_from_civil(year, month, day).ok_or(TimestampError::ImpossibleDate)?;
    if hour > 23 || minute > 59 || second > 59 {
        return Err(TimestampError::ImpossibleDate);
    }
    let local_seconds = days * SECONDS_PER_DAY + i64::from(hour * 3600 + minute * 60 + second);
    (local_seconds - offset_seconds)
        .checked_mul(NANOS_PER_SECOND)
        .and_then(|n| n.checked_add(i64::from(nanos)))
        .map(UtcInstant)
        .ok_or(TimestampError::OutOfRange)
}

/// Days from 1970-01-01 to a proleptic Gregorian date, or `None` when the
/// date does not exist (2023-02-30, month 13).
///
/// Written out (Howard Hinnant's `days_from_civil`) rather than asking
/// chrono, because it runs once per poll and chrono's checked constructors
/// cost more than the rest of the timestamp; a test compares it with chrono
/// for every day of the supported years.
fn days_from_civil(year: u32, month: u32, day: u32) -> Option<i64> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let month_length = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > month_length {
        return None;
    }
    let (year, month, day) = (i64::from(year), i64::from(month), i64::from(day));
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// The zone designator after the time; returns its offset east of UTC in seconds.
fn parse_zone(zone: &[u8]) -> Option<i64> {
    if zone.is_empty()
        || zone.eq_ignore_ascii_case(b"Z")
        || zone.eq_ignore_ascii_case(b"UTC")
        || zone.eq_ignore_ascii_case(b"GMT")
    {
        return Some(0);
    }
    let sign = match zone[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let mut c = Cursor { bytes: &zone[1..], pos: 0 };
    let hours = c.digits(2)?;
    let minutes = if c.peek().is_none() {
        0
    } else {
        c.eat(b':');
        c.digits(2)?
    };
    if c.peek().is_some() || hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * i64::from(hours * 3600 + minutes * 60))
}

/// A time of day on a store's wall clock, to the nanosecond (exports
/// sometimes write `09:00:00.000`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(u64);

const NANOS_PER_DAY: u64 = SECONDS_PER_DAY as u64 * NANOS_PER_SECOND as u64;

impl ClockTime {
    /// `23:59:59`, which the contract reads as the end of the day.
    pub const LAST_SECOND: ClockTime = ClockTime(NANOS_PER_DAY - NANOS_PER_SECOND as u64);
    /// `00:00:00`, the start of the day.
    pub const MIDNIGHT: ClockTime = ClockTime(0);

    #[cfg(test)]
    pub(crate) fn from_hms(hour: u32, minute: u32, second: u32) -> Option<Self> {
        Self::from_hms_nano(hour, minute, second, 0)
    }

    pub(crate) fn from_hms_nano(hour: u32, minute: u32, second: u32, nano: u32) -> Option<Self> {
        let seconds = u64::from(hour * 3600 + minute * 60 + second);
        (hour < 24 && minute < 60 && second < 60 && nano < 1_000_000_000)
            .then_some(ClockTime(seconds * NANOS_PER_SECOND as u64 + u64::from(nano)))
    }

    /// The time as chrono's, to combine with a date.
    pub fn naive(self) -> NaiveTime {
        let seconds = (self.0 / NANOS_PER_SECOND as u64) as u32;
        let nanos = (self.0 % NANOS_PER_SECOND as u64) as u32;
        NaiveTime::from_num_seconds_from_midnight_opt(seconds, nanos).unwrap_or(NaiveTime::MIN)
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.0 / NANOS_PER_SECOND as u64;
        write!(f, "{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)?;
        let nanos = self.0 % NANOS_PER_SECOND as u64;
        if nanos != 0 {
            write!(f, ".{}", format!("{nanos:09}").trim_end_matches('0'))?;
        }
        Ok(())
    }
}

/// Why a time of day could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockTimeError {
    /// Not shaped like `HH:MM:SS` or `HH:MM`.
    Format,
    /// Shaped right but not a time of day, such as `24:00:00` or `10:61`.
    OutOfRange,
}

impl fmt::Display for ClockTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ClockTimeError::Format => "expected HH:MM:SS or HH:MM (a fraction of a second is allowed)",
            ClockTimeError::OutOfRange => {
                "not a time of day (hours 00-23, minutes and seconds 00-59; write the end of the day as 23:59:59)"
            }
        })
    }
}

/// Parses `HH:MM:SS` or `HH:MM` (the hour may have one digit), with an
/// optional fraction of 1 to 9 digits after the seconds.
pub(crate) fn parse_clock_time(text: &[u8]) -> Result<ClockTime, ClockTimeError> {
    let text = text.trim_ascii();
    let mut c = Cursor { bytes: text, pos: 0 };
    let format = ClockTimeError::Format;
    let hour = c.one_or_two_digits().ok_or(format)?;
    if !c.eat(b':') {
        return Err(format);
    }
    let minute = c.digits(2).ok_or(format)?;
    let (mut second, mut nano) = (0, 0);
    if c.eat(b':') {
        second = c.digits(2).ok_or(format)?;
        if c.eat(b'.') {
            nano = c.fraction().ok_or(format)?;
        }
    }
    if c.peek().is_some() {
        return Err(format);
    }
    ClockTime::from_hms_nano(hour, minute, second, nano).ok_or(ClockTimeError::OutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(text: &str) -> UtcInstant {
        let datetime = DateTime::parse_from_rfc3339(text).expect("test literal");
        UtcInstant(datetime.timestamp_nanos_opt().expect("in range"))
    }

    #[test]
    fn the_data_sets_own_format_with_0_to_9_fraction_digits() {
        assert_eq!(parse_timestamp(b"2023-01-22 12:09:39.388884 UTC"), Ok(instant("2023-01-22T12:09:39.388884Z")));
        assert_eq!(parse_timestamp(b"2023-01-22 12:09:39 UTC"), Ok(instant("2023-01-22T12:09:39Z")));
        assert_eq!(parse_timestamp(b"2023-01-22 12:09:39.5 UTC"), Ok(instant("2023-01-22T12:09:39.5Z")));
        assert_eq!(
            parse_timestamp(b"2023-01-22 12:09:39.123456789 UTC"),
            Ok(instant("2023-01-22T12:09:39.123456789Z"))
        );
        assert_eq!(parse_timestamp(b"2023-01-22 12:09:39.1234567891 UTC"), Err(TimestampError::Format));
        assert_eq!(parse_timestamp(b"2023-01-22 12:09:39. UTC"), Err(TimestampError::Format));
    }

    #[test]
    fn iso_8601_with_zulu_and_offsets() {
        let expected = instant("2023-01-22T12:09:39Z");
        for text in [
            "2023-01-22T12:09:39Z",
            "2023-01-22T12:09:39z",
            "2023-01-22t12:09:39Z",
            "2023-01-22T12:09:39+00:00",
            "2023-01-22T12:09:39-00:00",
            "2023-01-22T17:39:39+05:30",
            "2023-01-22T17:39:39+0530",
            "2023-01-22T07:09:39-05",
            "2023-01-22 07:09:39 -05:00",
            "2023-01-22 12:09:39",
            "2023-01-22 12:09:39 utc",
            "2023-01-22 12:09:39GMT",
            "  2023-01-22 12:09:39 UTC  ",
        ] {
            assert_eq!(parse_timestamp(text.as_bytes()), Ok(expected), "{text}");
        }
        assert_eq!(parse_timestamp(b"2023-01-22T12:09:39.5+00:00"), Ok(instant("2023-01-22T12:09:39.5Z")));
        assert_eq!(parse_timestamp(b"2023-01-22T12:09Z"), Ok(instant("2023-01-22T12:09:00Z")));
        assert_eq!(parse_timestamp(b"2023-01-22 2:09:39 UTC"), Ok(instant("2023-01-22T02:09:39Z")));
    }

    #[test]
    fn an_offset_can_move_the_date() {
        assert_eq!(parse_timestamp(b"2023-01-01T01:00:00+02:00"), Ok(instant("2022-12-31T23:00:00Z")));
    }

    #[test]
    fn impossible_dates_and_times_are_told_apart_from_bad_formats() {
        assert_eq!(parse_timestamp(b"2023-02-30 00:00:00 UTC"), Err(TimestampError::ImpossibleDate));
        assert_eq!(parse_timestamp(b"2023-02-29 00:00:00 UTC"), Err(TimestampError::ImpossibleDate));
        assert!(parse_timestamp(b"2024-02-29 00:00:00 UTC").is_ok());
        assert_eq!(parse_timestamp(b"2023-13-01 00:00:00 UTC"), Err(TimestampError::ImpossibleDate));
        assert_eq!(parse_timestamp(b"2023-01-01 24:00:00 UTC"), Err(TimestampError::ImpossibleDate));
        assert_eq!(parse_timestamp(b"2023-01-01 23:60:00 UTC"), Err(TimestampError::ImpossibleDate));
        assert_eq!(parse_timestamp(b"2023-01-01 23:59:60 UTC"), Err(TimestampError::ImpossibleDate));
        for bad in [
            "",
            "2023-01-01",
            "2023/01/01 00:00:00",
            "20230101T000000Z",
            "2023-01-01 00:00:00 PST",
            "2023-01-01 00:00:00+5",
            "2023-01-01 00:00:00+24:00",
            "2023-1-01 00:00:00",
            "yesterday",
            "2023-01-01 00:00:00 UTC x",
        ] {
            assert_eq!(parse_timestamp(bad.as_bytes()), Err(TimestampError::Format), "{bad:?}");
        }
    }

    #[test]
    fn years_outside_the_nanosecond_range_are_out_of_range() {
        assert_eq!(parse_timestamp(b"2262-04-12 00:00:00 UTC"), Err(TimestampError::OutOfRange));
        assert_eq!(parse_timestamp(b"1677-09-21 00:00:00 UTC"), Err(TimestampError::OutOfRange));
        assert!(parse_timestamp(b"2261-12-31 23:59:59.999999999 UTC").is_ok());
        assert!(parse_timestamp(b"1678-01-01 00:00:00 UTC").is_ok());
    }

    #[test]
    fn display_round_trips_through_the_parser() {
        for text in ["2023-01-22 12:09:39.388884 UTC", "2023-01-22 12:09:39 UTC", "1969-12-31 23:59:59.5 UTC"] {
            let parsed = parse_timestamp(text.as_bytes()).expect("valid");
            assert_eq!(parsed.to_string(), text);
        }
    }

    #[test]
    fn days_from_civil_agrees_with_chrono_on_every_day() {
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid");
        for year in 0..=2400u32 {
            for month in 0..=13 {
                for day in 0..=32 {
                    let ours = days_from_civil(year, month, day);
                    let chrono =
                        chrono::NaiveDate::from_ymd_opt(year as i32, month, day).map(|date| (date - epoch).num_days());
                    assert_eq!(ours, chrono, "{year}-{month}-{day}");
                }
            }
        }
    }

    #[test]
    fn clock_times() {
        assert_eq!(parse_clock_time(b"09:30:15"), ClockTime::from_hms(9, 30, 15).ok_or(ClockTimeError::Format));
        assert_eq!(parse_clock_time(b" 9:30 "), ClockTime::from_hms(9, 30, 0).ok_or(ClockTimeError::Format));
        assert_eq!(parse_clock_time(b"23:59:59"), Ok(ClockTime::LAST_SECOND));
        assert_eq!(parse_clock_time(b"00:00"), Ok(ClockTime::MIDNIGHT));
        assert_eq!(parse_clock_time(b"24:00:00"), Err(ClockTimeError::OutOfRange));
        assert_eq!(parse_clock_time(b"25:00:00"), Err(ClockTimeError::OutOfRange));
        assert_eq!(parse_clock_time(b"10:60"), Err(ClockTimeError::OutOfRange));
        assert_eq!(parse_clock_time(b"09:30:15.000"), parse_clock_time(b"09:30:15"));
        assert_eq!(parse_clock_time(b"09:30:15.5").map(|t| t.to_string()), Ok("09:30:15.5".into()));
        assert_ne!(parse_clock_time(b"23:59:59.5"), Ok(ClockTime::LAST_SECOND));
        for bad in ["", "9", "9am", "09:30.5", "09:30:15.", "09:30:15.1234567890", "09-30", "123:00", "09:3"] {
            assert_eq!(parse_clock_time(bad.as_bytes()), Err(ClockTimeError::Format), "{bad:?}");
        }
    }
}
