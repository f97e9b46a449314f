//! The outage list and the per-day table as CSV text, written like the
//! report: `\n` line endings, figures in minutes with at most two decimals,
//! store ids made safe for spreadsheets.

use std::io;

use chrono::{Datelike, NaiveDate, Timelike};

use super::History;
use crate::output::{
    Unit, format_span, push_csv_field, push_four_digits, push_integer, push_two_digits, safe_store_id,
};
use crate::time::UtcInstant;

/// The columns of the outage list, in order.
pub(crate) const OUTAGE_COLUMNS: [&str; 8] =
    ["store_id", "start_utc", "end_utc", "start_local", "end_local", "minutes", "ongoing", "before_first_poll"];

/// The columns of the per-day table, in order.
pub(crate) const DAY_COLUMNS: [&str; 6] = ["store_id", "date", "business_minutes", "uptime", "downtime", "polls"];

/// Rows are gathered into blocks of about this size before a write.
const BLOCK_BYTES: usize = 60 * 1024;

/// The outage list as CSV text.
pub fn outages_csv(history: &History) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_outages_csv(history, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The per-day table as CSV text.
pub fn days_csv(history: &History) -> String {
    let mut out = Vec::new();
    let _ = write_days_csv(history, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the outage list: stores in the report's order, each store's
/// outages by start.
pub fn write_outages_csv(history: &History, writer: &mut dyn io::Write) -> io::Result<()> {
    let mut block = String::with_capacity(BLOCK_BYTES + 1024);
    block.push_str(&OUTAGE_COLUMNS.join(","));
    block.push('\n');
    for store in &history.stores {
        for outage in &store.outages {
            push_csv_field(&safe_store_id(&store.store_id), &mut block);
            block.push(',');
            push_timestamp(outage.start, None, &mut block);
            block.push(',');
            push_timestamp(outage.end, None, &mut block);
            block.push(',');
            push_timestamp(outage.start, Some(store.zone.offset_seconds(outage.start)), &mut block);
            block.push(',');
            push_timestamp(outage.end, Some(store.zone.offset_seconds(outage.end)), &mut block);
            block.push(',');
            format_span(outage.length(), Unit::Minute, &mut block);
            block.push_str(if outage.ongoing { ",true" } else { ",false" });
            block.push_str(if outage.before_first_poll { ",true\n" } else { ",false\n" });
            if block.len() > BLOCK_BYTES {
                writer.write_all(block.as_bytes())?;
                block.clear();
            }
        }
    }
    writer.write_all(block.as_bytes())
}

/// Writes the per-day table: stores in the report's order, then dates
/// ascending.
pub fn write_days_csv(history: &History, writer: &mut dyn io::Write) -> io::Result<()> {
    let mut block = String::with_capacity(BLOCK_BYTES + 1024);
    block.push_str(&DAY_COLUMNS.join(","));
    block.push('\n');
    for store in &history.stores {
        let mut id = String::new();
        push_csv_field(&safe_store_id(&store.store_id), &mut id);
        for day in &store.days {
            block.push_str(&id);
            block.push(',');
            push_date(day.date, &mut block);
            block.push(',');
            format_span(day.business, Unit::Minute, &mut block);
            block.push(',');
            format_span(day.uptime, Unit::Minute, &mut block);
            block.push(',');
            format_span(day.downtime, Unit::Minute, &mut block);
            block.push(',');
            push_integer(day.polls, &mut block);
            block.push('\n');
            if block.len() > BLOCK_BYTES {
                writer.write_all(block.as_bytes())?;
                block.clear();
            }
        }
    }
    writer.write_all(block.as_bytes())
}

/// `push_timestamp`'s text on its own.
pub fn format_timestamp(at: UtcInstant, offset_seconds: Option<i32>) -> String {
    let mut text = String::new();
    push_timestamp(at, offset_seconds, &mut text);
    text
}

/// An instant in RFC 3339: in UTC with `Z` when `offset_seconds` is `None`,
/// else on the wall clock of that offset with it (`-06:00`). Fraction
/// digits as many as needed, none for a whole second.
pub fn push_timestamp(at: UtcInstant, offset_seconds: Option<i32>, out: &mut String) {
    let local = at.naive_utc() + chrono::Duration::seconds(i64::from(offset_seconds.unwrap_or(0)));
    push_date(local.date(), out);
    out.push('T');
    push_two_digits(local.hour(), out);
    out.push(':');
    push_two_digits(local.minute(), out);
    out.push(':');
    push_two_digits(local.second(), out);
    let nanos = at.unix_nanos().rem_euclid(1_000_000_000) as u32;
    if nanos != 0 {
        // Nine digits, then as many as needed.
        let mut digits = [0u8; 9];
        let mut rest = nanos;
        for slot in digits.iter_mut().rev() {
            *slot = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        let used = 9 - digits.iter().rev().take_while(|&&d| d == b'0').count();
        out.push('.');
        out.extend(digits[..used].iter().map(|&d| char::from(d)));
    }
    match offset_seconds {
        None => out.push('Z'),
        Some(offset) => {
            out.push(if offset < 0 { '-' } else { '+' });
            let offset = offset.unsigned_abs();
            push_two_digits(offset / 3600, out);
            out.push(':');
            push_two_digits(offset / 60 % 60, out);
            // Offsets of whole minutes are the rule since about 1970; older
            // local mean times keep their seconds rather than be rounded.
            if offset % 60 != 0 {
                out.push(':');
                push_two_digits(offset % 60, out);
            }
        }
    }
}

/// A date as `YYYY-MM-DD` (the years of a report have four digits).
fn push_date(date: NaiveDate, out: &mut String) {
    push_four_digits(date.year().unsigned_abs(), out);
    out.push('-');
    push_two_digits(date.month(), out);
    out.push('-');
    push_two_digits(date.day(), out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    fn stamp(text: &str, offset: Option<i32>) -> String {
        let mut out = String::new();
        push_timestamp(parse_timestamp(text.as_bytes()).expect("test literal"), offset, &mut out);
        out
    }

    #[test]
    fn timestamps_are_rfc_3339_with_as_many_fraction_digits_as_needed() {
        assert_eq!(stamp("2023-01-22 12:09:39.388884 UTC", None), "2023-01-22T12:09:39.388884Z");
        assert_eq!(stamp("2023-01-22 13:00:00 UTC", None), "2023-01-22T13:00:00Z");
        assert_eq!(stamp("2023-01-22 13:00:00.5 UTC", None), "2023-01-22T13:00:00.5Z");
        assert_eq!(stamp("2023-01-22 13:00:00.000000001 UTC", None), "2023-01-22T13:00:00.000000001Z");
        assert_eq!(stamp("2023-01-22 12:09:39.388884 UTC", Some(-6 * 3600)), "2023-01-22T06:09:39.388884-06:00");
        assert_eq!(stamp("2023-01-22 12:00:00 UTC", Some(0)), "2023-01-22T12:00:00+00:00");
        assert_eq!(stamp("2023-01-22 12:00:00 UTC", Some(5 * 3600 + 1800)), "2023-01-22T17:30:00+05:30");
        assert_eq!(stamp("2023-01-22 12:00:00 UTC", Some(-(9 * 3600 + 30 * 60))), "2023-01-22T02:30:00-09:30");
        // Across midnight and a date.
        assert_eq!(stamp("2023-01-01 03:00:00 UTC", Some(-5 * 3600)), "2022-12-31T22:00:00-05:00");
    }
}
