//! Numbers, durations and times as the page writes them: thousands
//! grouped, durations in hours and minutes whatever the CSV's units, and
//! an outage's times on the store's clock as people write them. Pure, so
//! every rule is unit-tested here.

use chrono::{DateTime, FixedOffset};

pub fn format_bytes(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 { format!("{value:.0} {}", UNITS[0]) } else { format!("{value:.1} {}", UNITS[unit]) }
}

/// 1860000 → "1,860,000".
pub fn group_digits(number: u64) -> String {
    group_number_text(&number.to_string())
}

/// Groups the thousands of a number's integer part with commas:
/// "10080.25" → "10,080.25", "-1000" → "-1,000".
pub fn group_number_text(number: &str) -> String {
    let (sign, rest) = number.strip_prefix('-').map_or(("", number), |rest| ("-", rest));
    let (integer, fraction) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(number.len() + integer.len() / 3);
    out.push_str(sign);
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A horizon in words: "last day", "last 9 days".
pub fn last_days(days: u32) -> String {
    if days == 1 { "last day".to_string() } else { format!("last {days} days") }
}

/// A duration in milliseconds: "850 ms", "1.25 s".
pub fn describe_duration(ms: f64) -> String {
    if ms < 1000.0 { format!("{ms:.0} ms") } else { format!("{:.2} s", ms / 1000.0) }
}

/// How the page writes a duration: a display choice of its own, apart
/// from the units of the CSV downloads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DurationStyle {
    /// `152 h 58 min`, `45 min`.
    #[default]
    HoursMinutes,
    /// `152:58`, `0:45`.
    Clock,
}

const MINUTE_NANOS: i128 = 60_000_000_000;

/// A duration of `nanos` nanoseconds to the nearest minute (halves up),
/// thousands grouped: `152 h 58 min` or `152:58`. A duration that is not
/// zero but rounds to no minute is "under 1 min" (`0:00` on a clock face
/// would read as none).
pub fn format_duration(nanos: i128, style: DurationStyle) -> String {
    let sign = if nanos < 0 { "-" } else { "" };
    let magnitude = nanos.unsigned_abs();
    let minutes = (magnitude + (MINUTE_NANOS as u128) / 2) / MINUTE_NANOS as u128;
    if minutes == 0 && magnitude > 0 {
        return format!("{sign}under 1 min");
    }
    let (hours, rest) = (minutes / 60, minutes % 60);
    let hours_text = group_number_text(&hours.to_string());
    match style {
        DurationStyle::Clock => format!("{sign}{hours_text}:{rest:02}"),
        DurationStyle::HoursMinutes if hours == 0 => format!("{sign}{rest} min"),
        DurationStyle::HoursMinutes if rest == 0 => format!("{sign}{hours_text} h"),
        DurationStyle::HoursMinutes => format!("{sign}{hours_text} h {rest} min"),
    }
}

/// A count with its thousands grouped and its noun: "1 store", "2,968 stores".
pub fn count_of(count: u64, one: &str, many: &str) -> String {
    if count == 1 { format!("1 {one}") } else { format!("{} {many}", group_digits(count)) }
}

/// An instant on a store's clock as people write it: `Wed 18 Jan 13:13`.
pub fn local_moment(at: &DateTime<FixedOffset>) -> String {
    at.format("%a %-d %b %H:%M").to_string()
}

/// An outage's span on the store's clock: `Wed 18 Jan 13:13 → Thu 19 Jan
/// 00:01 EST`; the end without its date when on the same day
/// (`Wed 18 Jan 13:13 → 15:40 EST`), and each end with its own zone name
/// when a change of daylight saving comes between them. `start` and `end`
/// are RFC 3339 texts with the store's offset (the outage list's
/// `start_local`, `end_local`); the names (`EST`) are given with them. A
/// text that does not read is shown as it is.
pub fn outage_span(start: &str, end: &str, start_zone: &str, end_zone: &str) -> String {
    let (Ok(from), Ok(to)) = (DateTime::parse_from_rfc3339(start), DateTime::parse_from_rfc3339(end)) else {
        return format!("{start} → {end}");
    };
    let same_day = from.date_naive() == to.date_naive();
    let end_text = if same_day { to.format("%H:%M").to_string() } else { local_moment(&to) };
    let zone = |name: &str| if name.is_empty() { String::new() } else { format!(" {name}") };
    if start_zone == end_zone {
        format!("{} → {end_text}{}", local_moment(&from), zone(end_zone))
    } else {
        format!("{}{} → {end_text}{}", local_moment(&from), zone(start_zone), zone(end_zone))
    }
}

/// The name of a UTC offset at an instant in a zone, as clocks show it
/// (`EST`, `CDT`); the offset itself (`+0530`) where the zone has no
/// name for it, and nothing for a zone that does not read.
pub fn zone_abbreviation(zone: &str, at: &DateTime<FixedOffset>) -> String {
    use chrono::{Offset, TimeZone};
    use chrono_tz::OffsetName;
    let Ok(tz) = zone.parse::<chrono_tz::Tz>() else { return String::new() };
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    match offset.abbreviation() {
        // The database writes an offset without a name as "+04" or "+0530".
        Some(name) if !name.starts_with(['+', '-']) => name.to_string(),
        _ => {
            let seconds = offset.fix().local_minus_utc();
            let sign = if seconds < 0 { '-' } else { '+' };
            let minutes = seconds.unsigned_abs() / 60;
            format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_their_thousands() {
        assert_eq!(group_digits(2968), "2,968");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_860_000), "1,860,000");
        assert_eq!(group_number_text("8038127.91"), "8,038,127.91");
        assert_eq!(group_number_text("-10080"), "-10,080");
        assert_eq!(count_of(1, "store", "stores"), "1 store");
        assert_eq!(count_of(14_084, "store", "stores"), "14,084 stores");
    }

    #[test]
    fn durations_read_in_hours_and_minutes() {
        let minutes = |m: i128| m * MINUTE_NANOS;
        // 152 h 58 min = 9,178 minutes.
        assert_eq!(format_duration(minutes(9_178), DurationStyle::HoursMinutes), "152 h 58 min");
        assert_eq!(format_duration(minutes(9_178), DurationStyle::Clock), "152:58");
        assert_eq!(format_duration(minutes(45), DurationStyle::HoursMinutes), "45 min");
        assert_eq!(format_duration(minutes(45), DurationStyle::Clock), "0:45");
        assert_eq!(format_duration(minutes(120), DurationStyle::HoursMinutes), "2 h");
        assert_eq!(format_duration(0, DurationStyle::HoursMinutes), "0 min");
        assert_eq!(format_duration(0, DurationStyle::Clock), "0:00");
        // To the nearest minute, halves up: 10 h 46 min 30 s is 10 h 47 min.
        assert_eq!(format_duration(minutes(646) + 30_000_000_000, DurationStyle::HoursMinutes), "10 h 47 min");
        assert_eq!(format_duration(minutes(646) + 29_999_999_999, DurationStyle::HoursMinutes), "10 h 46 min");
        assert_eq!(format_duration(20_000_000_000, DurationStyle::HoursMinutes), "under 1 min");
        // 646,606 minutes: thousands grouped in the hours.
        assert_eq!(format_duration(minutes(646_606), DurationStyle::HoursMinutes), "10,776 h 46 min");
        assert_eq!(format_duration(minutes(-90), DurationStyle::Clock), "-1:30");
    }

    #[test]
    fn outage_times_read_on_the_stores_clock() {
        assert_eq!(
            outage_span("2023-01-18T13:13:22.47922-05:00", "2023-01-19T00:01:05-05:00", "EST", "EST"),
            "Wed 18 Jan 13:13 → Thu 19 Jan 00:01 EST"
        );
        assert_eq!(
            outage_span("2023-01-18T13:13:22-05:00", "2023-01-18T15:40:00-05:00", "EST", "EST"),
            "Wed 18 Jan 13:13 → 15:40 EST"
        );
        // Across the change of daylight saving in Chicago, 2023-11-05.
        assert_eq!(
            outage_span("2023-11-05T00:30:00-05:00", "2023-11-05T03:00:00-06:00", "CDT", "CST"),
            "Sun 5 Nov 00:30 CDT → 03:00 CST"
        );
        assert_eq!(outage_span("garbled", "2023-01-18T15:40:00-05:00", "", ""), "garbled → 2023-01-18T15:40:00-05:00");
    }

    #[test]
    fn zone_names_are_those_of_the_instant() {
        let at = |text: &str| DateTime::parse_from_rfc3339(text).expect("a literal");
        assert_eq!(zone_abbreviation("America/New_York", &at("2023-01-18T13:13:22-05:00")), "EST");
        assert_eq!(zone_abbreviation("America/New_York", &at("2023-07-18T13:13:22-04:00")), "EDT");
        assert_eq!(zone_abbreviation("Asia/Kolkata", &at("2023-01-18T13:13:22+05:30")), "IST");
        // Zones whose offsets have no name in the database.
        assert_eq!(zone_abbreviation("Asia/Dubai", &at("2023-01-18T13:13:22+04:00")), "UTC+04:00");
        assert_eq!(zone_abbreviation("Atlantis/Capital", &at("2023-01-18T13:13:22+04:00")), "");
    }
}
