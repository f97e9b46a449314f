//! The timestamp parser as it was before the fixed shape was read word at a
//! time (`fixed`): kept unchanged as the oracle that the fuzz target
//! `oracle` and the property tests compare `parse_timestamp` with (the same
//! instant, or the same error, for any bytes). Not used to read files.

use super::{NANOS_PER_SECOND, SECONDS_PER_DAY, TimestampError, UtcInstant};

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

/// The previous parser of a poll's `timestamp_utc`.
///
/// Accepted: `YYYY-MM-DD`, then a space or `T`, then `HH:MM:SS` (the hour
/// may have one digit, the seconds may be left out) with an optional
/// fraction of 1 to 9 digits after `.` or `,`, then optional spaces and a
/// zone: `UTC`, `GMT`, `Z`, `+HH:MM`, `+HHMM`, `+HH` (or with `-`), or
/// nothing, which means UTC. Letters are matched in any case.
pub fn parse_timestamp(text: &[u8]) -> Result<UtcInstant, TimestampError> {
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// Timestamps of the accepted shapes, then bytes changed, cut or added,
    /// so that most are near misses of the fixed shape.
    fn timestamps() -> impl Strategy<Value = Vec<u8>> {
        let shape = (
            1890u32..2210,
            0u32..14,
            0u32..33,
            prop::sample::select(vec![" ", "T", "t", "  ", " \t"]),
            0u32..25,
            0u32..61,
            0u32..61,
            prop::sample::select(vec!["", ".5", ".388884", ".123456789", ".1234567891", ".", ",25"]),
            prop::sample::select(vec![
                " UTC", " utc", "Z", "z", "", " GMT", "+05:30", "-0800", " +01", "  UTC", " UTX", "UTC",
            ]),
        )
            .prop_map(|(year, month, day, separator, hour, minute, second, fraction, zone)| {
                format!("{year:04}-{month:02}-{day:02}{separator}{hour:02}:{minute:02}:{second:02}{fraction}{zone}")
                    .into_bytes()
            });
        let edit = (any::<prop::sample::Index>(), any::<u8>(), 0u8..4);
        (shape, prop::collection::vec(edit, 0..3)).prop_map(|(mut text, edits)| {
            for (at, byte, kind) in edits {
                let at = at.index(text.len() + 1);
                match kind {
                    0 if at < text.len() => text[at] = byte,
                    1 => text.insert(at, byte),
                    2 => text.truncate(at),
                    _ => {}
                }
            }
            text
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn timestamps_parse_as_before(text in timestamps()) {
            prop_assert_eq!(crate::time::parse_timestamp(&text), super::parse_timestamp(&text));
        }

        #[test]
        fn any_bytes_parse_as_before(text in prop::collection::vec(any::<u8>(), 0..40)) {
            prop_assert_eq!(crate::time::parse_timestamp(&text), super::parse_timestamp(&text));
        }
    }
}
