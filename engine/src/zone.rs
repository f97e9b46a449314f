//! Store timezones, and turning a store's wall-clock time into an instant.

use chrono::{Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;

use crate::time::UtcInstant;

/// An IANA timezone, such as `America/New_York`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StoreZone(Tz);

/// The default timezone of the contract, for stores with no timezone row.
pub const DEFAULT_ZONE: StoreZone = StoreZone(Tz::America__Chicago);

impl StoreZone {
    /// Reads an IANA name. Surrounding whitespace is ignored (the contract
    /// trims every field), and so is letter case, since IANA names are
    /// unique without it and spreadsheets like to change it.
    ///
    /// ```
    /// use store_uptime_engine::StoreZone;
    ///
    /// assert_eq!(StoreZone::from_name("America/New_York").map(StoreZone::name), Some("America/New_York"));
    /// assert!(StoreZone::from_name("Mars/Base").is_none());
    /// ```
    pub fn from_name(name: &str) -> Option<StoreZone> {
        let name = name.trim();
        name.parse::<Tz>().or_else(|_| Tz::from_str_insensitive(name)).ok().map(StoreZone)
    }

    /// Its IANA name, as chrono-tz spells it (`America/New_York`).
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The zone as chrono-tz's, for formatting local times with chrono.
    pub fn tz(self) -> Tz {
        self.0
    }

    /// Every IANA name the tool knows, for choosing a default.
    pub fn all_names() -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
    }

    /// The zone's UTC offset at an instant, in seconds east of UTC.
    pub fn offset_seconds(self, at: UtcInstant) -> i32 {
        self.0.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc()
    }

    /// The wall-clock date and time of an instant in this zone.
    pub(crate) fn local_time(self, at: UtcInstant) -> NaiveDateTime {
        at.naive_utc() + chrono::Duration::seconds(i64::from(self.offset_seconds(at)))
    }

    /// The instant a local calendar day begins: its midnight, resolved like
    /// any local time, so a day whose midnight is skipped begins at the
    /// change, and a day whose midnight happens twice at the first one.
    pub(crate) fn start_of_day(self, date: NaiveDate) -> Option<UtcInstant> {
        self.instant_of_local(date.and_time(NaiveTime::MIN))
    }

    /// The instant of a local wall-clock time in this zone.
    ///
    /// The contract resolves daylight-saving changes like Temporal's
    /// `disambiguation: "compatible"` (and Python's `fold=0`), and that is
    /// written out here rather than left to a library default:
    /// - a time that happens twice (a fall-back overlap) is the earlier
    ///   instant;
    /// - a time that never happens (a spring-forward gap) is read with the
    ///   offset in force before the change, so 02:30 on a night that jumps
    ///   from 02:00 to 03:00 becomes the instant shown as 03:30. Like
    ///   Temporal, "before the change" is the offset one day earlier.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use store_uptime_engine::StoreZone;
    ///
    /// let chicago = StoreZone::from_name("America/Chicago").expect("a zone");
    /// let local = |d: u32, h: u32, m: u32| NaiveDate::from_ymd_opt(2023, 3, d).and_then(|date| date.and_hms_opt(h, m, 0)).expect("a time");
    /// // 12 March 2023 springs forward at 02:00: 02:30 never happens, and is
    /// // read with the offset before the change (-6 h): 08:30 UTC, 03:30 CDT.
    /// let gap = chicago.instant_of_local(local(12, 2, 30)).expect("an instant");
    /// assert_eq!(gap.to_string(), "2023-03-12 08:30:00 UTC");
    /// // An ordinary time: 09:00 CDT is 14:00 UTC.
    /// assert_eq!(chicago.instant_of_local(local(13, 9, 0)).expect("an instant").to_string(), "2023-03-13 14:00:00 UTC");
    /// // 5 November falls back: 01:30 happens twice; the earlier is taken (CDT).
    /// let twice = NaiveDate::from_ymd_opt(2023, 11, 5).and_then(|d| d.and_hms_opt(1, 30, 0)).expect("a time");
    /// assert_eq!(chicago.instant_of_local(twice).expect("an instant").to_string(), "2023-11-05 06:30:00 UTC");
    /// ```
    pub fn instant_of_local(self, local: NaiveDateTime) -> Option<UtcInstant> {
        let offset_seconds = match self.0.offset_from_local_datetime(&local) {
            LocalResult::Single(offset) => offset.fix().local_minus_utc(),
            // The earlier instant is the one with the larger offset.
            LocalResult::Ambiguous(a, b) => a.fix().local_minus_utc().max(b.fix().local_minus_utc()),
            LocalResult::None => {
                let day_before = local.checked_sub_days(Days::new(1))?;
                self.0.offset_from_utc_datetime(&day_before).fix().local_minus_utc()
            }
        };
        let utc = local.checked_sub_signed(chrono::Duration::seconds(i64::from(offset_seconds)))?;
        UtcInstant::from_naive_utc(utc)
    }
}

/// A stretch of a zone's wall-clock time in which every local time turns
/// into an instant with the same offset: from `local_start` (seconds since
/// 1970-01-01 00:00 on the wall clock) to the next segment's start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OffsetSegment {
    /// Where the segment begins, in seconds since 1970-01-01 00:00 on the
    /// zone's wall clock.
    pub local_start: i64,
    /// Local time minus UTC, in seconds, as [`StoreZone::instant_of_local`] resolves it.
    pub offset: i32,
}

/// UTC offsets are sampled this often to find the zone's transitions; no
/// zone changes its offset twice within six hours.
const TRANSITION_SCAN_SECONDS: i64 = 6 * 3600;

impl StoreZone {
    /// The zone's wall clock from 1 January `from_year` to the end of
    /// `to_year`, cut into [`OffsetSegment`]s, so that a database can turn a
    /// local time into an instant with integer arithmetic and a range join
    /// instead of its own (differing) time-zone rules.
    ///
    /// The offsets are not derived again: each segment's offset is read from
    /// [`StoreZone::instant_of_local`] at the segment's start. The resolved
    /// offset can only change where a local time enters or leaves a gap or
    /// an overlap (a transition's instant plus the offset before or after
    /// it), or where the "offset one day before" of a gap crosses a
    /// transition (a transition plus one day); the offset is read at each of
    /// those points and equal neighbours are merged.
    ///
    /// ```
    /// use store_uptime_engine::StoreZone;
    ///
    /// // Chicago in 2023: CST (-6 h), CDT from the spring-forward gap on,
    /// // CST again from the fall-back overlap on.
    /// let chicago = StoreZone::from_name("America/Chicago").expect("a zone");
    /// let offsets: Vec<i32> = chicago.offset_segments(2023, 2023).expect("segments").iter().map(|s| s.offset / 3600).collect();
    /// assert_eq!(offsets, [-6, -5, -6]);
    /// // A zone without daylight saving is one segment.
    /// assert_eq!(StoreZone::from_name("Asia/Kolkata").and_then(|z| z.offset_segments(2023, 2023)).map(|s| s.len()), Some(1));
    /// ```
    pub fn offset_segments(self, from_year: i32, to_year: i32) -> Option<Vec<OffsetSegment>> {
        let start = chrono::NaiveDate::from_ymd_opt(from_year, 1, 1)?.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
        let end =
            chrono::NaiveDate::from_ymd_opt(to_year.checked_add(1)?, 1, 1)?.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
        let utc_offset = |t: i64| -> Option<i64> {
            let at = chrono::DateTime::from_timestamp(t, 0)?.naive_utc();
            Some(i64::from(self.0.offset_from_utc_datetime(&at).fix().local_minus_utc()))
        };
        let resolved = |local: i64| -> Option<i32> {
            let naive = chrono::DateTime::from_timestamp(local, 0)?.naive_utc();
            let instant = self.instant_of_local(naive)?;
            i32::try_from(local - instant.unix_nanos().div_euclid(1_000_000_000)).ok()
        };

        // Transitions (in UTC) from two days before to two days after the
        // range, so that the local times at both ends are covered.
        let mut breakpoints = vec![start];
        let mut t = start - 2 * 86_400;
        let mut before = utc_offset(t)?;
        while t < end + 2 * 86_400 {
            let next = t + TRANSITION_SCAN_SECONDS;
            let after = utc_offset(next)?;
            if after != before {
                // The first second with the new offset.
                let (mut lo, mut hi) = (t, next);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if utc_offset(mid)? == before { lo = mid } else { hi = mid }
                }
                breakpoints.extend([hi + before, hi + after, hi + 86_400]);
            }
            (t, before) = (next, after);
        }
        breakpoints.retain(|&b| (start..end).contains(&b));
        breakpoints.sort_unstable();
        breakpoints.dedup();

        let mut segments: Vec<OffsetSegment> = Vec::new();
        for local_start in breakpoints {
            let offset = resolved(local_start)?;
            if segments.last().is_none_or(|last| last.offset != offset) {
                segments.push(OffsetSegment { local_start, offset });
            }
        }
        Some(segments)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").expect("test literal")
    }

    fn utc(text: &str) -> Option<UtcInstant> {
        Some(parse_timestamp(text.as_bytes()).expect("test literal"))
    }

    #[test]
    fn names_are_trimmed_and_matched_in_any_case() {
        assert_eq!(StoreZone::from_name(" America/New_York "), Some(StoreZone(Tz::America__New_York)));
        assert_eq!(StoreZone::from_name("america/new_york"), Some(StoreZone(Tz::America__New_York)));
        assert_eq!(StoreZone::from_name("US/Central"), Some(StoreZone(Tz::US__Central)));
        assert_eq!(StoreZone::from_name("America/Springfield"), None);
        assert_eq!(StoreZone::from_name(""), None);
    }

    #[test]
    fn ordinary_time_uses_the_offset_in_force() {
        let chicago = DEFAULT_ZONE;
        assert_eq!(chicago.instant_of_local(local("2023-01-22 09:00:00")), utc("2023-01-22 15:00:00"));
        assert_eq!(chicago.instant_of_local(local("2023-07-22 09:00:00")), utc("2023-07-22 14:00:00"));
    }

    #[test]
    fn spring_forward_gap_reads_with_the_offset_before_the_change() {
        // Chicago, 2023-03-12: 02:00 CST jumps to 03:00 CDT (08:00 UTC).
        let chicago = DEFAULT_ZONE;
        assert_eq!(chicago.instant_of_local(local("2023-03-12 02:30:00")), utc("2023-03-12 08:30:00"));
        assert_eq!(chicago.instant_of_local(local("2023-03-12 02:00:00")), utc("2023-03-12 08:00:00"));
        assert_eq!(chicago.instant_of_local(local("2023-03-12 03:00:00")), utc("2023-03-12 08:00:00"));
        assert_eq!(chicago.instant_of_local(local("2023-03-12 01:59:59")), utc("2023-03-12 07:59:59"));
    }

    #[test]
    fn fall_back_overlap_takes_the_earlier_instant() {
        // Chicago, 2023-11-05: 02:00 CDT falls back to 01:00 CST (07:00 UTC).
        let chicago = DEFAULT_ZONE;
        assert_eq!(chicago.instant_of_local(local("2023-11-05 01:30:00")), utc("2023-11-05 06:30:00"));
        assert_eq!(chicago.instant_of_local(local("2023-11-05 01:00:00")), utc("2023-11-05 06:00:00"));
        assert_eq!(chicago.instant_of_local(local("2023-11-05 02:00:00")), utc("2023-11-05 08:00:00"));
    }

    #[test]
    fn southern_hemisphere_and_half_hour_zones() {
        // Adelaide, 2023-10-01: 02:00 ACST (+09:30) jumps to 03:00 ACDT (+10:30).
        let adelaide = StoreZone::from_name("Australia/Adelaide").expect("known");
        assert_eq!(adelaide.instant_of_local(local("2023-10-01 02:15:00")), utc("2023-09-30 16:45:00"));
        // Adelaide, 2023-04-02: 03:00 ACDT falls back to 02:00 ACST.
        assert_eq!(adelaide.instant_of_local(local("2023-04-02 02:15:00")), utc("2023-04-01 15:45:00"));
    }
}
