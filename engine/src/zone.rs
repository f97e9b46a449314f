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
    pub fn from_name(name: &str) -> Option<StoreZone> {
        let name = name.trim();
        name.parse::<Tz>().or_else(|_| Tz::from_str_insensitive(name)).ok().map(StoreZone)
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

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
    pub fn local_time(self, at: UtcInstant) -> NaiveDateTime {
        at.naive_utc() + chrono::Duration::seconds(i64::from(self.offset_seconds(at)))
    }

    /// The instant a local calendar day begins: its midnight, resolved like
    /// any local time, so a day whose midnight is skipped begins at the
    /// change, and a day whose midnight happens twice at the first one.
    pub fn start_of_day(self, date: NaiveDate) -> Option<UtcInstant> {
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
