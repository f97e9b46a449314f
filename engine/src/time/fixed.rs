//! The shape of nearly every poll's timestamp, `YYYY-MM-DD HH:MM:SS`, an
//! optional fraction and ` UTC`, `Z` or nothing, read without a branch per
//! character: the fourteen digits are checked and turned into numbers two
//! `u64` words at a time, and the calendar is a table.
//!
//! It only ever accepts: anything else (another shape, an impossible date,
//! a year outside 1900–2199) is `None`, and the general parser reads it,
//! with its reasons for a rejection. So what it accepts it must read
//! exactly as the general parser does, which the property tests and the
//! `oracle` fuzz target check against the previous parser.

use super::{FRACTION_SCALE, NANOS_PER_SECOND, SECONDS_PER_DAY, UtcInstant};

const ZEROS: u64 = 0x3030_3030_3030_3030;

/// The instant of `text` when it has the fixed shape and is a real time.
pub(super) fn parse(text: &[u8]) -> Option<UtcInstant> {
    let (head, tail) = text.split_first_chunk::<19>()?;
    let [y0, y1, y2, y3, dash1, mo0, mo1, dash2, d0, d1, separator, h0, h1, colon1, mi0, mi1, colon2, s0, s1] = *head;
    let punctuation =
        dash1 == b'-' && dash2 == b'-' && (separator == b' ' || separator == b'T') && colon1 == b':' && colon2 == b':';
    let date = u64::from_le_bytes([y0, y1, y2, y3, mo0, mo1, d0, d1]);
    let time = u64::from_le_bytes([h0, h1, mi0, mi1, s0, s1, b'0', b'0']);
    if !(punctuation & all_digits(date) & all_digits(time)) {
        return None;
    }
    let date = pairs(date - ZEROS);
    let time = pairs(time - ZEROS);
    let [year_high, year_low, month, day] = [0, 16, 32, 48].map(|shift| ((date >> shift) & 0xFF) as u32);
    let [hour, minute, second] = [0, 16, 32].map(|shift| ((time >> shift) & 0xFF) as i64);
    let year = year_high * 100 + year_low;

    let (nanos, zone) = fraction(tail)?;
    if !is_utc(zone) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days = days_since_epoch(year, month, day)?;
    let seconds = days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
    // 1900–2199 keeps this far inside an i64 of nanoseconds.
    Some(UtcInstant(seconds * NANOS_PER_SECOND + i64::from(nanos)))
}

/// True when every byte of `word` is an ASCII digit. (A byte is a digit
/// when its high nibble is 3 and adding 6 leaves it so. Adding 6 carries
/// into the next byte only from a byte of 0xFA or more, which fails its
/// own high-nibble test, so the carry never makes a wrong word pass.)
fn all_digits(word: u64) -> bool {
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    (word & HIGH) | ((word.wrapping_add(0x0606_0606_0606_0606) & HIGH) >> 4) == 0x3333_3333_3333_3333
}

/// Eight digit values (one a byte) as four two-digit numbers, in bytes 0,
/// 2, 4 and 6: ten times each even byte plus the byte after it.
fn pairs(digits: u64) -> u64 {
    (digits * 10 + (digits >> 8)) & 0x00FF_00FF_00FF_00FF
}

/// An optional `.` and 1 to 9 digits: the nanoseconds, and what follows.
fn fraction(tail: &[u8]) -> Option<(u32, &[u8])> {
    let Some((b'.', digits)) = tail.split_first() else {
        return Some((0, tail));
    };
    let count = digits.iter().take(10).take_while(|b| b.is_ascii_digit()).count();
    if count == 0 || count > 9 {
        return None;
    }
    let value = digits[..count].iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
    Some((value * FRACTION_SCALE[count], &digits[count..]))
}

/// ` UTC` (in any case), `Z` or nothing.
fn is_utc(zone: &[u8]) -> bool {
    match zone {
        [] | [b'Z' | b'z'] => true,
        &[space, u, t, c] => space == b' ' && [u, t, c].map(|b| b | 0x20) == *b"utc",
        _ => false,
    }
}

/// Days before each month in a year that is not a leap year.
const DAYS_BEFORE_MONTH: [u16; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const MONTH_LENGTH: [u8; 13] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Days from 1970-01-01 to a date of the years 1900 to 2199; `None` for
/// another year or a date that does not exist.
fn days_since_epoch(year: u32, month: u32, day: u32) -> Option<i64> {
    if !(1900..=2199).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let month = month as usize;
    let length = u32::from(MONTH_LENGTH[month]) + u32::from(leap && month == 2);
    if day == 0 || day > length {
        return None;
    }
    // Leap days before the year, less the 477 before 1970.
    let before = year - 1;
    let leap_days = i64::from(before / 4 - before / 100 + before / 400) - 477;
    let in_year = u32::from(DAYS_BEFORE_MONTH[month]) + u32::from(leap && month > 2) + day - 1;
    Some(365 * (i64::from(year) - 1970) + leap_days + i64::from(in_year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_agrees_with_the_general_one_on_every_day() {
        for year in 1890..=2210 {
            for month in 0..=13 {
                for day in 0..=32 {
                    let general = super::super::days_from_civil(year, month, day);
                    let in_range = (1900..=2199).contains(&year);
                    assert_eq!(
                        days_since_epoch(year, month, day),
                        general.filter(|_| in_range),
                        "{year}-{month}-{day}"
                    );
                }
            }
        }
    }

    #[test]
    fn digits_are_exactly_0_to_9() {
        for byte in 0..=255u8 {
            let word = u64::from_le_bytes([b'1', b'2', byte, b'4', b'5', b'6', b'7', b'8']);
            assert_eq!(all_digits(word), byte.is_ascii_digit(), "{byte}");
            let last = u64::from_le_bytes([b'9', b'9', b'9', b'9', b'9', b'9', b'9', byte]);
            assert_eq!(all_digits(last), byte.is_ascii_digit(), "{byte}");
        }
    }

    #[test]
    fn the_common_shapes_by_hand() {
        // 2023-01-22 12:09:39 UTC is 1,674,389,379 s after the epoch.
        let at = |nanos: i64| Some(UtcInstant(1_674_389_379 * NANOS_PER_SECOND + nanos));
        assert_eq!(parse(b"2023-01-22 12:09:39.388884 UTC"), at(388_884_000));
        assert_eq!(parse(b"2023-01-22 12:09:39 utc"), at(0));
        assert_eq!(parse(b"2023-01-22T12:09:39Z"), at(0));
        assert_eq!(parse(b"2023-01-22 12:09:39.123456789"), at(123_456_789));
        assert_eq!(parse(b"2023-01-22 12:09:39.5 UTC"), at(500_000_000));
        // Left to the general parser: its reasons, its other shapes.
        for other in [
            &b"2023-01-22 12:09:39.1234567891 UTC"[..],
            b"2023-01-22 12:09:39. UTC",
            b"2023-02-29 12:09:39 UTC",
            b"2023-01-22 24:00:00 UTC",
            b"2023-01-22 12:09:39 +05:30",
            b"2023-01-22 12:09:39  UTC",
            b" 2023-01-22 12:09:39 UTC",
            b"2023-01-22t12:09:39Z",
            b"1899-12-31 23:59:59 UTC",
            b"2200-01-01 00:00:00 UTC",
            b"2023-01-22 12:09:39 UTX",
            b"2023-01-22 12:09:3x UTC",
        ] {
            assert_eq!(parse(other), None, "{}", String::from_utf8_lossy(other));
        }
    }
}
