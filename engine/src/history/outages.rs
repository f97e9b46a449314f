//! Outages: the maximal intervals of down time within business time.

use crate::report::for_each_status_piece;
use crate::schedule::Interval;
use crate::time::{TimeSpan, UtcInstant};

/// A maximal interval of down time: business time during which the store's
/// status is inactive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outage {
    /// Where the down business time begins (at the horizon's start at the earliest).
    pub start: UtcInstant,
    /// Where it ends: the status turns active, business hours close, or now.
    pub end: UtcInstant,
    /// It ends at now: the store was still down then.
    pub ongoing: bool,
    /// It begins before the store's first poll, where its status is the
    /// first poll's by assumption, not by observation.
    pub before_first_poll: bool,
}

impl Outage {
    /// How long the store was down: `end - start`.
    pub fn length(&self) -> TimeSpan {
        self.end - self.start
    }
}

/// The outages of one store, by start.
///
/// `times` and `active` are its polls in time order (equal times in file
/// order); `business` is its business time within the horizon, sorted,
/// disjoint and with touching periods already joined (as
/// `Schedule::business_time` gives it), so an outage
/// breaks only where the store comes back up or business time stops.
pub fn store_outages(times: &[UtcInstant], active: &[bool], business: &[Interval], now: UtcInstant) -> Vec<Outage> {
    let first_poll = times.first().copied();
    let mut outages: Vec<Outage> = Vec::new();
    for_each_status_piece(times, active, business, |from, to, up| {
        if up {
            return;
        }
        // Pieces of one status are cut at every poll, so consecutive
        // inactive polls give touching pieces: one outage.
        match outages.last_mut() {
            Some(last) if last.end == from => last.end = to,
            _ => outages.push(Outage {
                start: from,
                end: to,
                ongoing: false,
                before_first_poll: first_poll.is_some_and(|first| from < first),
            }),
        }
    });
    for outage in &mut outages {
        outage.ongoing = outage.end == now;
    }
    outages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    fn at(text: &str) -> UtcInstant {
        parse_timestamp(text.as_bytes()).expect("test literal")
    }

    const NOW: &str = "2023-01-25 12:00:00";

    /// Outages as (start, end, ongoing, before first poll), times as `HH:MM` of 2023-01-25.
    fn outages(polls: &[(&str, bool)], business: &[(&str, &str)]) -> Vec<(String, String, bool, bool)> {
        let day = |hm: &str| at(&format!("2023-01-25 {hm}:00"));
        let times: Vec<_> = polls.iter().map(|p| day(p.0)).collect();
        let active: Vec<_> = polls.iter().map(|p| p.1).collect();
        let business: Vec<_> = business.iter().map(|b| Interval { start: day(b.0), end: day(b.1) }).collect();
        store_outages(&times, &active, &business, at(NOW))
            .iter()
            .map(|o| {
                let hm = |t: UtcInstant| t.naive_utc().format("%H:%M").to_string();
                (hm(o.start), hm(o.end), o.ongoing, o.before_first_poll)
            })
            .collect()
    }

    fn o(start: &str, end: &str, ongoing: bool, before_first_poll: bool) -> (String, String, bool, bool) {
        (start.to_string(), end.to_string(), ongoing, before_first_poll)
    }

    #[test]
    fn consecutive_inactive_polls_are_one_outage() {
        let polls = [("08:00", true), ("09:00", false), ("09:30", false), ("10:00", true)];
        assert_eq!(outages(&polls, &[("07:00", "12:00")]), vec![o("09:00", "10:00", false, false)]);
    }

    #[test]
    fn closing_time_cuts_an_outage_and_opening_resumes_it() {
        // Down from 09:00 to 11:00; closed 10:00-10:30: two outages.
        let polls = [("08:00", true), ("09:00", false), ("11:00", true)];
        assert_eq!(
            outages(&polls, &[("07:00", "10:00"), ("10:30", "12:00")]),
            vec![o("09:00", "10:00", false, false), o("10:30", "11:00", false, false)]
        );
    }

    #[test]
    fn an_outage_before_the_first_poll_is_marked() {
        let polls = [("09:00", false), ("10:00", true)];
        assert_eq!(outages(&polls, &[("07:00", "12:00")]), vec![o("07:00", "10:00", false, true)]);
        // A first poll exactly at the start of business time is observed there.
        assert_eq!(outages(&polls, &[("09:00", "12:00")]), vec![o("09:00", "10:00", false, false)]);
    }

    #[test]
    fn an_outage_to_now_is_ongoing_and_one_to_closing_time_is_not() {
        let polls = [("08:00", true), ("11:00", false)];
        assert_eq!(outages(&polls, &[("07:00", "12:00")]), vec![o("11:00", "12:00", true, false)]);
        assert_eq!(outages(&polls, &[("07:00", "11:30")]), vec![o("11:00", "11:30", false, false)]);
    }

    #[test]
    fn duplicate_polls_at_one_instant_apply_the_last() {
        // Inactive then active at 09:00 (file order): up from 09:00; before
        // it the first poll's status, inactive.
        let polls = [("09:00", false), ("09:00", true)];
        assert_eq!(outages(&polls, &[("07:00", "12:00")]), vec![o("07:00", "09:00", false, true)]);
    }

    #[test]
    fn no_business_time_or_no_polls_means_no_outages() {
        assert_eq!(outages(&[("09:00", false)], &[]), vec![]);
        assert_eq!(outages(&[], &[("07:00", "12:00")]), vec![]);
    }
}
