//! The per-day table: business time, uptime, downtime and polls of each
//! local calendar day of the horizon.

use chrono::{Days, NaiveDate};

use crate::report::{WindowFigures, for_each_status_piece};
use crate::schedule::Interval;
use crate::time::{TimeSpan, UtcInstant};
use crate::zone::StoreZone;

/// One local day of a store, or the part of it inside the horizon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayFigures {
    /// The date on the store's wall clock.
    pub date: NaiveDate,
    /// The part of the day inside the horizon: from its midnight (or the
    /// horizon's start) to the next midnight (or now). Empty only where a
    /// date is skipped whole by a change of zone (Samoa's 2011-12-30).
    pub part: Interval,
    /// Business time within `part`: `uptime + downtime`.
    pub business: TimeSpan,
    /// Business time within `part` counted as up.
    pub uptime: TimeSpan,
    /// Business time within `part` counted as down.
    pub downtime: TimeSpan,
    /// The store's polls whose time falls in `part`.
    pub polls: u32,
    /// The part of `uptime` and `downtime` before the store's first poll:
    /// assumed, not observed (see `assumed.rs`).
    pub assumed: WindowFigures,
}

impl DayFigures {
    /// Business time observed up: uptime less the assumed part.
    pub fn observed_uptime(&self) -> TimeSpan {
        self.uptime - self.assumed.uptime
    }

    /// Business time observed down: downtime less the assumed part.
    pub fn observed_downtime(&self) -> TimeSpan {
        self.downtime - self.assumed.downtime
    }

    /// Business time observed: from the store's first poll on.
    pub fn observed_business(&self) -> TimeSpan {
        self.business - self.assumed.business_time()
    }
}

/// The local days of one store over `horizon`: every calendar date of its
/// zone from that of the horizon's start to that of its last instant.
///
/// `times` and `active` are its polls in time order; `business` is its
/// business time within the horizon, sorted and disjoint.
pub(crate) fn store_days(
    times: &[UtcInstant],
    active: &[bool],
    business: &[Interval],
    zone: StoreZone,
    horizon: Interval,
) -> Vec<DayFigures> {
    let mut days = day_parts(zone, horizon);
    for day in &mut days {
        let from = times.partition_point(|&t| t < day.part.start);
        let to = times.partition_point(|&t| t < day.part.end);
        day.polls = u32::try_from(to - from).unwrap_or(u32::MAX);
    }
    // Pieces and days are both in time order: each piece is split over the
    // days it overlaps, starting from the first day that has not ended.
    let mut first_open = 0;
    let first_poll = times.first().copied();
    for_each_status_piece(times, active, business, |from, to, up| {
        // Pieces are cut at every poll, so one that starts before the
        // first poll ends at it at the latest: wholly assumed.
        let assumed = first_poll.is_some_and(|first| from < first);
        while first_open < days.len() && days[first_open].part.end <= from {
            first_open += 1;
        }
        for day in days[first_open..].iter_mut().take_while(|d| d.part.start < to) {
            let start = from.max(day.part.start);
            let end = to.min(day.part.end);
            if start < end {
                let span = end - start;
                day.business += span;
                if up {
                    day.uptime += span;
                } else {
                    day.downtime += span;
                }
                if assumed && up {
                    day.assumed.uptime += span;
                } else if assumed {
                    day.assumed.downtime += span;
                }
            }
        }
    });
    days
}

/// The local days over `horizon`, each cut to the horizon, with zero figures.
fn day_parts(zone: StoreZone, horizon: Interval) -> Vec<DayFigures> {
    let Some(last_instant) = horizon.end.checked_sub(TimeSpan::from_nanos(1)) else {
        return Vec::new();
    };
    if horizon.end <= horizon.start {
        return Vec::new();
    }
    let last = zone.local_time(last_instant).date();
    let mut date = zone.local_time(horizon.start).date();
    let mut start = zone.start_of_day(date).unwrap_or(horizon.start);
    let mut days = Vec::new();
    loop {
        let next = date.checked_add_days(Days::new(1));
        let end = next.and_then(|d| zone.start_of_day(d)).unwrap_or(horizon.end);
        let part_start = start.clamp(horizon.start, horizon.end);
        let part_end = end.clamp(part_start, horizon.end);
        days.push(DayFigures {
            date,
            part: Interval { start: part_start, end: part_end },
            business: TimeSpan::ZERO,
            uptime: TimeSpan::ZERO,
            downtime: TimeSpan::ZERO,
            polls: 0,
            assumed: WindowFigures::default(),
        });
        match next {
            Some(next) if date < last => {
                date = next;
                start = end;
            }
            _ => break,
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    fn at(text: &str) -> UtcInstant {
        parse_timestamp(text.as_bytes()).expect("test literal")
    }

    fn zone(name: &str) -> StoreZone {
        StoreZone::from_name(name).expect("known zone")
    }

    fn hours(span: TimeSpan) -> f64 {
        span.nanos() as f64 / 3.6e12
    }

    /// (date, hours of the part, business hours, up hours, down hours, polls)
    fn table(
        polls: &[(&str, bool)],
        business: &[(&str, &str)],
        zone_name: &str,
        horizon: (&str, &str),
    ) -> Vec<(String, f64, f64, f64, f64, u32)> {
        let times: Vec<_> = polls.iter().map(|p| at(p.0)).collect();
        let active: Vec<_> = polls.iter().map(|p| p.1).collect();
        let business: Vec<_> = business.iter().map(|b| Interval { start: at(b.0), end: at(b.1) }).collect();
        let horizon = Interval { start: at(horizon.0), end: at(horizon.1) };
        store_days(&times, &active, &business, zone(zone_name), horizon)
            .iter()
            .map(|d| {
                (
                    d.date.to_string(),
                    hours(d.part.end - d.part.start),
                    hours(d.business),
                    hours(d.uptime),
                    hours(d.downtime),
                    d.polls,
                )
            })
            .collect()
    }

    #[test]
    fn days_are_cut_to_the_horizon_at_both_ends() {
        // UTC, horizon 2023-01-23 06:00 to 2023-01-25 12:00: three dates.
        let polls = [("2023-01-23 07:00:00", true), ("2023-01-24 12:00:00", false), ("2023-01-25 11:00:00", true)];
        let open = [("2023-01-23 06:00:00", "2023-01-25 12:00:00")];
        assert_eq!(
            table(&polls, &open, "UTC", ("2023-01-23 06:00:00", "2023-01-25 12:00:00")),
            vec![
                ("2023-01-23".into(), 18.0, 18.0, 18.0, 0.0, 1),
                ("2023-01-24".into(), 24.0, 24.0, 12.0, 12.0, 1),
                ("2023-01-25".into(), 12.0, 12.0, 1.0, 11.0, 1),
            ]
        );
    }

    #[test]
    fn a_horizon_ending_at_midnight_has_no_empty_last_day() {
        let polls = [("2023-01-23 07:00:00", true)];
        assert_eq!(
            table(&polls, &[], "UTC", ("2023-01-24 00:00:00", "2023-01-25 00:00:00")),
            vec![("2023-01-24".into(), 24.0, 0.0, 0.0, 0.0, 0)]
        );
    }

    #[test]
    fn daylight_saving_days_last_23_and_25_hours() {
        // Chicago: 2023-03-12 springs forward, 2023-11-05 falls back.
        let polls = [("2023-03-01 00:00:00", true)];
        let spring = table(&polls, &[], "America/Chicago", ("2023-03-12 06:00:00", "2023-03-13 05:00:00"));
        assert_eq!(spring, vec![("2023-03-12".into(), 23.0, 0.0, 0.0, 0.0, 0)]);
        let fall = table(&polls, &[], "America/Chicago", ("2023-11-05 05:00:00", "2023-11-06 06:00:00"));
        assert_eq!(fall, vec![("2023-11-05".into(), 25.0, 0.0, 0.0, 0.0, 0)]);
    }

    #[test]
    fn a_day_whose_midnight_is_skipped_begins_at_the_change() {
        // Havana, 2023-03-12: 00:00 CST (-5) jumps to 01:00 CDT (-4), at
        // 05:00 UTC. The 11th ends and the 12th begins at the change; the
        // 12th lasts 23 hours, to 04:00 UTC on the 13th.
        let polls = [("2023-03-01 00:00:00", false)];
        let horizon = ("2023-03-11 05:00:00", "2023-03-13 04:00:00");
        let open = [horizon];
        assert_eq!(
            table(&polls, &open, "America/Havana", horizon),
            vec![("2023-03-11".into(), 24.0, 24.0, 0.0, 24.0, 0), ("2023-03-12".into(), 23.0, 23.0, 0.0, 23.0, 0),]
        );
    }

    #[test]
    fn business_time_before_the_first_poll_is_assumed() {
        // UTC, open 24x7 over three dates; first poll inactive at 2023-01-24
        // 18:00, active from 20:00. The 23rd (from 06:00) is wholly
        // assumed, down; the 24th is assumed down until 18:00, then
        // observed: down 2 h, up 4 h; the 25th is observed.
        let polls = [("2023-01-24 18:00:00", false), ("2023-01-24 20:00:00", true)];
        let horizon = ("2023-01-23 06:00:00", "2023-01-25 12:00:00");
        let times: Vec<_> = polls.iter().map(|p| at(p.0)).collect();
        let active: Vec<_> = polls.iter().map(|p| p.1).collect();
        let span = Interval { start: at(horizon.0), end: at(horizon.1) };
        let days = store_days(&times, &active, &[span], zone("UTC"), span);
        let observed: Vec<_> = days
            .iter()
            .map(|d| {
                (
                    hours(d.assumed.uptime),
                    hours(d.assumed.downtime),
                    hours(d.observed_business()),
                    hours(d.observed_uptime()),
                    hours(d.observed_downtime()),
                )
            })
            .collect();
        assert_eq!(observed, vec![(0.0, 18.0, 0.0, 0.0, 0.0), (0.0, 18.0, 6.0, 4.0, 2.0), (0.0, 0.0, 12.0, 12.0, 0.0)]);
        // Active first: the assumed time is up.
        let active = [true, true];
        let days = store_days(&times, &active, &[span], zone("UTC"), span);
        assert_eq!(hours(days[1].assumed.uptime), 18.0);
        assert_eq!(hours(days[1].observed_uptime()), 6.0);
    }

    #[test]
    fn polls_are_counted_in_the_day_their_time_falls_in() {
        // New York is UTC-5: 04:59 UTC on the 24th is still the 23rd there.
        let polls = [
            ("2023-01-24 04:59:59.999", true),
            ("2023-01-24 05:00:00", true),
            ("2023-01-24 05:00:00", false),
            ("2023-01-25 04:00:00", true),
        ];
        let days = table(&polls, &[], "America/New_York", ("2023-01-23 05:00:00", "2023-01-25 05:00:00"));
        assert_eq!(
            days.iter().map(|d| (d.0.as_str(), d.5)).collect::<Vec<_>>(),
            [("2023-01-23", 1), ("2023-01-24", 3)]
        );
    }
}
