//! The offset table that `store-uptime sql` embeds turns every local time
//! into the same instant as the engine does, for every zone chrono-tz
//! knows, through daylight-saving gaps and overlaps: a lookup by local time
//! (as the SQL's range join does) against `StoreZone::instant_of_local`.

use chrono::{DateTime, NaiveDateTime};
use engine::{OffsetSegment, StoreZone};

/// The years `store-uptime sql` covers by default (without `--now`).
const FROM_YEAR: i32 = 2020;
const TO_YEAR: i32 = 2030;

/// The instant (nanoseconds) of a local time (nanoseconds since 1970-01-01
/// on the wall clock) as the SQL computes it: the last segment starting at
/// or before it, the first reaching back to minus infinity.
fn by_table(segments: &[OffsetSegment], local_nanos: i64) -> i64 {
    let seconds = local_nanos.div_euclid(1_000_000_000);
    let i = segments.partition_point(|s| s.local_start <= seconds).saturating_sub(1);
    local_nanos - i64::from(segments[i].offset) * 1_000_000_000
}

fn by_engine(zone: StoreZone, local_nanos: i64) -> i64 {
    let local: NaiveDateTime = DateTime::from_timestamp_nanos(local_nanos).naive_utc();
    zone.instant_of_local(local).expect("in range").unix_nanos()
}

#[test]
fn every_local_time_of_every_zone_gets_the_engines_instant() {
    let start = chrono::NaiveDate::from_ymd_opt(FROM_YEAR, 1, 1).expect("date").and_hms_opt(0, 0, 0).expect("time");
    let end = chrono::NaiveDate::from_ymd_opt(TO_YEAR + 1, 1, 1).expect("date").and_hms_opt(0, 0, 0).expect("time");
    let (start, end) = (start.and_utc().timestamp(), end.and_utc().timestamp());
    let mut zones = 0;
    let mut changing = 0;
    let mut checked = 0u64;
    for name in StoreZone::all_names() {
        let zone = StoreZone::from_name(name).expect("a known name");
        let segments = zone.offset_segments(FROM_YEAR, TO_YEAR).expect("years in range");
        assert!(!segments.is_empty(), "{name}: no segment");
        let mut check = |local_seconds: i64, nanos: i64| {
            let local = local_seconds * 1_000_000_000 + nanos;
            assert_eq!(
                by_table(&segments, local),
                by_engine(zone, local),
                "{name}: local time {}",
                DateTime::from_timestamp_nanos(local).naive_utc()
            );
            checked += 1;
        };
        // A grid over the whole range, not aligned with the hour, so that a
        // segment the table lacked (it would last months) cannot hide.
        let mut t = start;
        while t < end {
            check(t, 0);
            t += 4 * 3600 + 7 * 60 + 13;
        }
        // Around every place where the resolved offset changes: each minute
        // for three hours either side, and the last nanosecond before it.
        for segment in &segments[1..] {
            for minute in -180..=180 {
                check(segment.local_start + minute * 60, 0);
            }
            check(segment.local_start - 1, 999_999_999);
            check(segment.local_start, 1);
        }
        zones += 1;
        changing += usize::from(segments.len() > 1);
    }
    assert!(zones > 500, "only {zones} zones");
    // Most of the world's zones had a change of offset in the decade.
    assert!(changing > 100, "only {changing} zones change their offset");
    assert!(checked > 1_000_000);
}

#[test]
fn gaps_and_overlaps_resolve_like_the_contract() {
    let chicago = StoreZone::from_name("America/Chicago").expect("known");
    let segments = chicago.offset_segments(2023, 2023).expect("in range");
    let local = |text: &str| {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").expect("literal").and_utc().timestamp_nanos_opt()
    };
    let utc = |text: &str| local(text).expect("in range");
    // 2023-03-12 02:30 is skipped: read with the offset before (-6 h).
    assert_eq!(by_table(&segments, utc("2023-03-12 02:30:00")), utc("2023-03-12 08:30:00"));
    // 2023-11-05 01:30 happens twice: the earlier instant (-5 h).
    assert_eq!(by_table(&segments, utc("2023-11-05 01:30:00")), utc("2023-11-05 06:30:00"));
    assert_eq!(by_table(&segments, utc("2023-11-05 02:00:00")), utc("2023-11-05 08:00:00"));
    // Before and after the years covered, the offsets at the ends hold.
    assert_eq!(by_table(&segments, utc("2022-12-01 00:00:00")), utc("2022-12-01 06:00:00"));
    assert_eq!(by_table(&segments, utc("2024-01-02 00:00:00")), utc("2024-01-02 06:00:00"));
}
