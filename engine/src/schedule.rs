//! Business hours: a store's weekly opening periods, turned into instants.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate};

use crate::time::{ClockTime, UtcInstant};
use crate::zone::StoreZone;

/// A day of the week as the business-hours file numbers it: 0 = Monday … 6 = Sunday.
/// With the `serde` feature it travels as that number, checked when read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u8", into = "u8"))]
pub struct Weekday(u8);

impl TryFrom<u8> for Weekday {
    type Error = String;
    fn try_from(number: u8) -> Result<Weekday, String> {
        Weekday::from_number(u32::from(number))
            .ok_or_else(|| format!("{number} is no weekday: 0 (Monday) to 6 (Sunday)"))
    }
}

impl From<Weekday> for u8 {
    fn from(day: Weekday) -> u8 {
        day.0
    }
}

impl Weekday {
    /// The day numbered as in the file (0 = Monday); `None` above 6.
    ///
    /// ```
    /// use store_uptime_engine::Weekday;
    ///
    /// assert_eq!(Weekday::from_number(0).map(Weekday::name), Some("Monday"));
    /// assert_eq!(Weekday::from_number(6).map(Weekday::number), Some(6));
    /// assert_eq!(Weekday::from_number(7), None);
    /// ```
    pub fn from_number(number: u32) -> Option<Weekday> {
        (number < 7).then_some(Weekday(number as u8))
    }

    /// The day of the week of a calendar date.
    pub fn of(date: NaiveDate) -> Weekday {
        Weekday(date.weekday().num_days_from_monday() as u8)
    }

    /// Its number in the file: 0 = Monday … 6 = Sunday.
    pub fn number(self) -> u8 {
        self.0
    }

    /// Its English name, `Monday` to `Sunday`.
    pub fn name(self) -> &'static str {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][self.0 as usize]
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One row of the business-hours file: open from `start` to `end` on `day`,
/// in the store's local wall-clock time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OpeningPeriod {
    /// The day the period opens on.
    pub day: Weekday,
    /// The local time it opens.
    pub start: ClockTime,
    /// The local time it closes: before `start`, on the next day; equal to
    /// `start`, 24 hours later; `23:59:59`, at the end of the day (24:00).
    pub end: ClockTime,
}

/// A period on a store's wall clock: from a date and time to a date and time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LocalSpan {
    pub(crate) start: chrono::NaiveDateTime,
    pub(crate) end: chrono::NaiveDateTime,
}

impl OpeningPeriod {
    /// The wall-clock span of this period when it opens on `date` (which must
    /// be a `self.day`). The contract's rules, in the order they apply:
    /// - `end == start`: open 24 hours, to the same wall-clock time the next
    ///   day (so a daylight-saving day gives 23 or 25 hours, like any other
    ///   period that crosses the change);
    /// - `end == 23:59:59`: open to the end of the day, 24:00;
    /// - `end < start`: open past midnight, to `end` on the next day;
    /// - otherwise `start` to `end` on `date`.
    pub(crate) fn on(self, date: NaiveDate) -> Option<LocalSpan> {
        let next_day = date.checked_add_days(Days::new(1))?;
        let start = date.and_time(self.start.naive());
        let end = if self.end == self.start {
            next_day.and_time(self.start.naive())
        } else if self.end == ClockTime::LAST_SECOND {
            next_day.and_time(ClockTime::MIDNIGHT.naive())
        } else if self.end < self.start {
            next_day.and_time(self.end.naive())
        } else {
            date.and_time(self.end.naive())
        };
        Some(LocalSpan { start, end })
    }
}

/// A half-open interval of instants, `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Interval {
    /// The first instant inside.
    pub start: UtcInstant,
    /// The first instant after it.
    pub end: UtcInstant,
}

/// A store's weekly schedule: its opening periods, or none at all, which
/// the contract reads as open 24 hours, 7 days a week.
#[derive(Clone, Copy, Debug)]
pub struct Schedule<'a> {
    /// Sorted by day.
    periods: &'a [OpeningPeriod],
    zone: StoreZone,
}

impl<'a> Schedule<'a> {
    /// `periods` must be sorted by day.
    pub(crate) fn new(periods: &'a [OpeningPeriod], zone: StoreZone) -> Self {
        debug_assert!(periods.is_sorted_by_key(|p| p.day));
        Schedule { periods, zone }
    }

    pub(crate) fn is_always_open(&self) -> bool {
        self.periods.is_empty()
    }

    /// The timezone its local times are read in.
    pub fn zone(&self) -> StoreZone {
        self.zone
    }

    /// Its opening periods, sorted by day; none means open 24x7.
    pub fn periods(&self) -> &'a [OpeningPeriod] {
        self.periods
    }

    /// Business time inside `window` as sorted, disjoint, non-adjacent
    /// intervals, written to `out` (cleared first).
    ///
    /// Each period is turned into instants on every local date that can
    /// reach the window: a store's local date is within a day of the UTC
    /// date, and a period reaches into the next day at most, so the dates
    /// from two days before the window's UTC start date to one day after its
    /// end date cover every case.
    pub fn business_time(&self, window: Interval, out: &mut Vec<Interval>) {
        out.clear();
        if window.end <= window.start {
            return;
        }
        if self.is_always_open() {
            out.push(window);
            return;
        }
        let first = window.start.naive_utc().date() - Days::new(2);
        let last = window.end.naive_utc().date() + Days::new(1);
        for date in first.iter_days().take_while(|d| *d <= last) {
            let day = Weekday::of(date);
            for period in self.periods_on(day) {
                let Some(span) = period.on(date) else {
                    continue;
                };
                let (Some(start), Some(end)) =
                    (self.zone.instant_of_local(span.start), self.zone.instant_of_local(span.end))
                else {
                    continue;
                };
                let start = start.max(window.start);
                let end = end.min(window.end);
                if start < end {
                    out.push(Interval { start, end });
                }
            }
        }
        merge(out);
    }

    fn periods_on(&self, day: Weekday) -> &'a [OpeningPeriod] {
        let from = self.periods.partition_point(|p| p.day < day);
        let to = self.periods.partition_point(|p| p.day <= day);
        &self.periods[from..to]
    }
}

/// Sorts intervals and joins those that overlap or touch.
fn merge(intervals: &mut Vec<Interval>) {
    intervals.sort_unstable();
    let mut joined = 0;
    for i in 0..intervals.len() {
        let next = intervals[i];
        if joined > 0 && next.start <= intervals[joined - 1].end {
            let last = &mut intervals[joined - 1];
            last.end = last.end.max(next.end);
        } else {
            intervals[joined] = next;
            joined += 1;
        }
    }
    intervals.truncate(joined);
}

/// The parts of `intervals` (sorted, disjoint and non-adjacent, as
/// [`Schedule::business_time`] gives them) inside `window`, written to
/// `out` (cleared first). For a window inside the one they were computed
/// for, this is the business time of that window: the same intervals
/// [`Schedule::business_time`] would give for it.
pub(crate) fn clip(intervals: &[Interval], window: Interval, out: &mut Vec<Interval>) {
    out.clear();
    let first = intervals.partition_point(|interval| interval.end <= window.start);
    for interval in &intervals[first..] {
        if interval.start >= window.end {
            break;
        }
        out.push(Interval { start: interval.start.max(window.start), end: interval.end.min(window.end) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{parse_clock_time, parse_timestamp};
    use crate::zone::DEFAULT_ZONE;

    fn at(text: &str) -> UtcInstant {
        parse_timestamp(text.as_bytes()).expect("test literal")
    }

    fn period(day: u32, start: &str, end: &str) -> OpeningPeriod {
        OpeningPeriod {
            day: Weekday::from_number(day).expect("0-6"),
            start: parse_clock_time(start.as_bytes()).expect("test literal"),
            end: parse_clock_time(end.as_bytes()).expect("test literal"),
        }
    }

    fn window(start: &str, end: &str) -> Interval {
        Interval { start: at(start), end: at(end) }
    }

    fn business(periods: &[OpeningPeriod], zone: &str, w: Interval) -> Vec<(String, String)> {
        let mut sorted = periods.to_vec();
        sorted.sort();
        let zone = StoreZone::from_name(zone).expect("known zone");
        let mut out = Vec::new();
        Schedule::new(&sorted, zone).business_time(w, &mut out);
        out.iter().map(|i| (i.start.to_string(), i.end.to_string())).collect()
    }

    #[test]
    fn clipped_to_a_window() {
        let intervals = [
            window("2023-01-20 09:00:00", "2023-01-20 12:00:00"),
            window("2023-01-21 09:00:00", "2023-01-21 12:00:00"),
            window("2023-01-22 09:00:00", "2023-01-22 12:00:00"),
        ];
        let mut out = vec![window("2000-01-01 00:00:00", "2000-01-02 00:00:00")];
        clip(&intervals, window("2023-01-20 10:00:00", "2023-01-21 12:00:00"), &mut out);
        assert_eq!(
            out,
            [
                window("2023-01-20 10:00:00", "2023-01-20 12:00:00"),
                window("2023-01-21 09:00:00", "2023-01-21 12:00:00")
            ]
        );
        // Touching a window's ends is not being in it.
        clip(&intervals, window("2023-01-20 12:00:00", "2023-01-21 09:00:00"), &mut out);
        assert_eq!(out, []);
        clip(&intervals, window("2023-01-19 00:00:00", "2023-01-23 00:00:00"), &mut out);
        assert_eq!(out, intervals);
        clip(&[], window("2023-01-19 00:00:00", "2023-01-23 00:00:00"), &mut out);
        assert_eq!(out, []);
    }

    #[test]
    fn business_time_clipped_equals_business_time_of_the_smaller_window() {
        // Chicago's spring-forward week, with an overnight period.
        let periods =
            [period(5, "22:00:00", "03:00:00"), period(6, "01:30:00", "02:30:00"), period(0, "09:00:00", "17:00:00")];
        let mut sorted = periods.to_vec();
        sorted.sort();
        let schedule = Schedule::new(&sorted, DEFAULT_ZONE);
        let wide = window("2023-03-01 00:00:00", "2023-03-20 00:00:00");
        let mut all = Vec::new();
        schedule.business_time(wide, &mut all);
        for (start, end) in [
            ("2023-03-11 04:00:00", "2023-03-13 15:30:00"),
            ("2023-03-12 07:30:00", "2023-03-12 08:00:01"),
            ("2023-03-05 00:00:00", "2023-03-12 00:00:00"),
        ] {
            let (mut clipped, mut direct) = (Vec::new(), Vec::new());
            clip(&all, window(start, end), &mut clipped);
            schedule.business_time(window(start, end), &mut direct);
            assert_eq!(clipped, direct, "{start} to {end}");
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (format!("{a} UTC"), format!("{b} UTC"))).collect()
    }

    #[test]
    fn no_periods_means_open_all_the_time() {
        let w = window("2023-01-18 00:00:00", "2023-01-25 00:00:00");
        assert_eq!(business(&[], "UTC", w), pairs(&[("2023-01-18 00:00:00", "2023-01-25 00:00:00")]));
    }

    #[test]
    fn a_day_period_in_new_york_is_shifted_by_its_offset() {
        // 2023-01-23 is a Monday; New York is UTC-5 in January.
        let w = window("2023-01-23 00:00:00", "2023-01-24 00:00:00");
        assert_eq!(
            business(&[period(0, "09:00:00", "17:30:00")], "America/New_York", w),
            pairs(&[("2023-01-23 14:00:00", "2023-01-23 22:30:00")])
        );
    }

    #[test]
    fn end_23_59_59_runs_to_midnight_and_whole_days_join() {
        // Monday and Tuesday 00:00-23:59:59 in UTC make 48 unbroken hours.
        let w = window("2023-01-22 00:00:00", "2023-01-26 00:00:00");
        assert_eq!(
            business(&[period(0, "00:00:00", "23:59:59"), period(1, "00:00", "23:59:59")], "UTC", w),
            pairs(&[("2023-01-23 00:00:00", "2023-01-25 00:00:00")])
        );
    }

    #[test]
    fn end_23_59_00_is_taken_literally() {
        let w = window("2023-01-23 00:00:00", "2023-01-24 00:00:00");
        assert_eq!(
            business(&[period(0, "00:00:00", "23:59:00")], "UTC", w),
            pairs(&[("2023-01-23 00:00:00", "2023-01-23 23:59:00")])
        );
    }

    #[test]
    fn overnight_period_runs_into_the_next_day() {
        // Sunday 22:00 to Monday 02:00, seen from a window over Monday.
        let w = window("2023-01-23 00:00:00", "2023-01-24 00:00:00");
        assert_eq!(
            business(&[period(6, "22:00:00", "02:00:00")], "UTC", w),
            pairs(&[("2023-01-23 00:00:00", "2023-01-23 02:00:00")])
        );
    }

    #[test]
    fn equal_start_and_end_is_24_hours_from_start() {
        // Monday 10:00 for 24 hours, to Tuesday 10:00.
        let w = window("2023-01-22 00:00:00", "2023-01-26 00:00:00");
        assert_eq!(
            business(&[period(0, "10:00:00", "10:00:00")], "UTC", w),
            pairs(&[("2023-01-23 10:00:00", "2023-01-24 10:00:00")])
        );
    }

    #[test]
    fn overlapping_split_shifts_are_a_union() {
        let w = window("2023-01-23 00:00:00", "2023-01-24 00:00:00");
        assert_eq!(
            business(
                &[period(0, "08:00", "12:00"), period(0, "11:00", "14:00"), period(0, "17:00", "21:00")],
                "UTC",
                w
            ),
            pairs(&[("2023-01-23 08:00:00", "2023-01-23 14:00:00"), ("2023-01-23 17:00:00", "2023-01-23 21:00:00")])
        );
    }

    #[test]
    fn closed_days_have_no_business_time() {
        // Only Monday is listed: the Tuesday in the window is closed.
        let w = window("2023-01-24 00:00:00", "2023-01-25 00:00:00");
        assert_eq!(business(&[period(0, "00:00", "23:59:59")], "UTC", w), vec![]);
    }

    #[test]
    fn spring_forward_day_is_23_hours_long() {
        // Chicago, Sunday 2023-03-12: 00:00 CST is 06:00 UTC, 24:00 CDT is 05:00 UTC next day.
        let w = window("2023-03-10 00:00:00", "2023-03-15 00:00:00");
        assert_eq!(
            business(&[period(6, "00:00:00", "23:59:59")], "America/Chicago", w),
            pairs(&[("2023-03-12 06:00:00", "2023-03-13 05:00:00")])
        );
    }

    #[test]
    fn a_period_starting_in_the_gap_starts_at_the_shifted_instant() {
        // 02:30 does not exist in Chicago on 2023-03-12; it is read with
        // CST (-6) as 08:30 UTC, i.e. 03:30 CDT. 04:00 CDT is 09:00 UTC.
        let w = window("2023-03-10 00:00:00", "2023-03-15 00:00:00");
        assert_eq!(
            business(&[period(6, "02:30:00", "04:00:00")], "America/Chicago", w),
            pairs(&[("2023-03-12 08:30:00", "2023-03-12 09:00:00")])
        );
    }

    #[test]
    fn a_period_inside_the_gap_still_counts_its_wall_clock_length() {
        // 02:10-02:40 both skipped: read with CST, 08:10 to 08:40 UTC.
        let w = window("2023-03-10 00:00:00", "2023-03-15 00:00:00");
        assert_eq!(
            business(&[period(6, "02:10:00", "02:40:00")], "America/Chicago", w),
            pairs(&[("2023-03-12 08:10:00", "2023-03-12 08:40:00")])
        );
    }

    #[test]
    fn fall_back_day_is_25_hours_and_ambiguous_times_take_the_earlier_instant() {
        // Chicago, Sunday 2023-11-05: 00:00 CDT is 05:00 UTC, 24:00 CST is 06:00 UTC next day.
        let w = window("2023-11-03 00:00:00", "2023-11-08 00:00:00");
        assert_eq!(
            business(&[period(6, "00:00:00", "23:59:59")], "America/Chicago", w),
            pairs(&[("2023-11-05 05:00:00", "2023-11-06 06:00:00")])
        );
        // 01:30 happens twice; the period starts at the first, 06:30 UTC (CDT),
        // and ends at 03:00 CST, 09:00 UTC: two and a half hours.
        assert_eq!(
            business(&[period(6, "01:30:00", "03:00:00")], "America/Chicago", w),
            pairs(&[("2023-11-05 06:30:00", "2023-11-05 09:00:00")])
        );
    }

    #[test]
    fn window_clips_the_intervals() {
        let w = window("2023-01-23 10:30:00", "2023-01-23 11:15:00");
        assert_eq!(
            business(&[period(0, "09:00", "17:00")], "UTC", w),
            pairs(&[("2023-01-23 10:30:00", "2023-01-23 11:15:00")])
        );
    }
}
