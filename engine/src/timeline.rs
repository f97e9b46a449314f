//! What a store's last week (or the report's longer horizon) looked like,
//! for drawing it: business hours, status periods, polls, the report's
//! windows and the local days, all on one time axis, with the figures and
//! their arithmetic.

use chrono::{Days, NaiveDate};

use crate::analysis::{Analysis, Poll};
use crate::history::Horizon;
use crate::report::{Window, WindowFigures, store_figures};
use crate::schedule::Interval;
use crate::store::StoreIndex;
use crate::time::UtcInstant;
use crate::zone::StoreZone;

/// A stretch of time with one status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusSpan {
    /// Where the status begins: a poll, or a cut (the week, business hours).
    pub start: UtcInstant,
    /// Where it ends.
    pub end: UtcInstant,
    /// Whether the status is `active` (up).
    pub active: bool,
}

/// A calendar day on the store's wall clock, as it falls on the time axis.
/// Its length is 23 or 25 hours on a daylight-saving day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalDay {
    /// The date on the store's wall clock.
    pub date: NaiveDate,
    /// Its midnight (or the first instant after it, when midnight is skipped).
    pub start: UtcInstant,
    /// The next day's start.
    pub end: UtcInstant,
}

/// One window of the report with its figures and the business time they split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowMark {
    /// Which window.
    pub window: Window,
    /// Its instants, `[now - length, now)`.
    pub interval: Interval,
    /// The store's uptime and downtime in it, as the report has them.
    pub figures: WindowFigures,
}

/// Everything needed to draw and explain one store's week, or the longer
/// horizon of the outage list and per-day table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreTimeline {
    /// The store, in the analysis's [`crate::StoreTable`].
    pub store: StoreIndex,
    /// Its id, as the files write it.
    pub store_id: String,
    /// The timezone its wall-clock times are in.
    pub zone: StoreZone,
    /// Whether the zone came from the timezones file (else it is the default).
    pub zone_from_file: bool,
    /// True when the store has no business-hours rows: open 24x7.
    pub always_open: bool,
    /// The report's "now", where the axis and every window end.
    pub now: UtcInstant,
    /// The axis of the drawing: the last week, or the horizon when it is
    /// longer, so that every outage of the horizon and every window is on it.
    pub axis: Interval,
    /// Business hours within the axis, sorted and disjoint.
    pub business: Vec<Interval>,
    /// The status over the whole axis, changing only at polls.
    pub status: Vec<StatusSpan>,
    /// The parts of business time counted as up or down: `business` ∩ `status`.
    pub counted: Vec<StatusSpan>,
    /// Polls inside the axis.
    pub polls: Vec<Poll>,
    /// Polls before the axis, which the drawing leaves out.
    pub polls_before: usize,
    /// Polls after now, which the drawing leaves out too.
    pub polls_after: usize,
    /// The local days that overlap the axis, in order.
    pub days: Vec<LocalDay>,
    /// Hour, day and week windows with their figures.
    pub windows: [WindowMark; 3],
}

impl StoreTimeline {
    /// The timeline of `store` over the last week for a report with this
    /// `now`; `None` if the store has no polls (it has no row in the report
    /// either).
    pub fn new(
        analysis: &Analysis,
        store: StoreIndex,
        now: UtcInstant,
        default_zone: StoreZone,
    ) -> Option<StoreTimeline> {
        StoreTimeline::over(analysis, store, now, default_zone, Horizon::WEEK)
    }

    /// The timeline of `store` over `horizon`, or over the last week when
    /// the horizon is shorter (the report's windows are drawn on it too).
    pub fn over(
        analysis: &Analysis,
        store: StoreIndex,
        now: UtcInstant,
        default_zone: StoreZone,
        horizon: Horizon,
    ) -> Option<StoreTimeline> {
        if !analysis.has_polls(store) {
            return None;
        }
        let week = Window::LastWeek.before(now)?;
        let axis = horizon.before(now).filter(|horizon| horizon.start < week.start).unwrap_or(week);
        let schedule = analysis.schedule(store, default_zone);
        let mut business = Vec::new();
        schedule.business_time(axis, &mut business);

        let times = analysis.poll_times(store);
        let actives = analysis.poll_statuses(store);
        let status = status_spans(times, actives, axis);
        let counted = intersect(&business, &status);
        // Each window's figures count from its own start, so business time
        // before the week adds nothing to them.
        let figures = store_figures(times, actives, &business, now);
        let windows = Window::ALL.map(|window| WindowMark {
            window,
            interval: window.before(now).unwrap_or(week),
            figures: figures[window.index()],
        });

        let polls: Vec<Poll> = analysis.polls(store).filter(|p| axis.start <= p.at && p.at < axis.end).collect();
        let polls_before = times.partition_point(|&t| t < axis.start);
        let polls_after = times.len() - times.partition_point(|&t| t < axis.end);

        Some(StoreTimeline {
            store,
            store_id: analysis.stores().id(store).to_string(),
            zone: schedule.zone(),
            zone_from_file: analysis.zone_row(store).flatten().is_some(),
            always_open: schedule.is_always_open(),
            now,
            axis,
            business,
            status,
            counted,
            polls,
            polls_before,
            polls_after,
            days: local_days(schedule.zone(), axis),
            windows,
        })
    }

    /// The UTC offset of the store's zone at an instant, in seconds east.
    pub fn offset_seconds(&self, at: UtcInstant) -> i32 {
        self.zone.offset_seconds(at)
    }
}

/// The step function of the status over `axis`: before the first poll, its
/// status; at each poll, that poll's (equal times: the last in file order).
fn status_spans(times: &[UtcInstant], actives: &[bool], axis: Interval) -> Vec<StatusSpan> {
    let Some(&first) = actives.first() else { return Vec::new() };
    let applied = times.partition_point(|&t| t <= axis.start);
    let mut active = if applied == 0 { first } else { actives[applied - 1] };
    let mut spans = Vec::new();
    let mut start = axis.start;
    for (&at, &poll_active) in times[applied..].iter().zip(&actives[applied..]) {
        if at >= axis.end {
            break;
        }
        if poll_active != active {
            if at > start {
                spans.push(StatusSpan { start, end: at, active });
                start = at;
            }
            active = poll_active;
        }
    }
    spans.push(StatusSpan { start, end: axis.end, active });
    // Equal-time polls can leave a zero-length change behind: join neighbours.
    spans.dedup_by(|next, previous| {
        if next.active == previous.active {
            previous.end = next.end;
            true
        } else {
            false
        }
    });
    spans
}

fn intersect(business: &[Interval], status: &[StatusSpan]) -> Vec<StatusSpan> {
    let mut out = Vec::new();
    let mut s = 0;
    for interval in business {
        while s < status.len() && status[s].end <= interval.start {
            s += 1;
        }
        let mut i = s;
        while i < status.len() && status[i].start < interval.end {
            let start = status[i].start.max(interval.start);
            let end = status[i].end.min(interval.end);
            if start < end {
                out.push(StatusSpan { start, end, active: status[i].active });
            }
            i += 1;
        }
    }
    out
}

/// The local calendar days overlapping `axis`, each from its local midnight
/// to the next (by the contract's rule for local times that do not exist).
fn local_days(zone: StoreZone, axis: Interval) -> Vec<LocalDay> {
    let mut days = Vec::new();
    let mut date = zone.local_time(axis.start).date();
    let last = zone.local_time(axis.end).date();
    while date <= last {
        let Some(next) = date.checked_add_days(Days::new(1)) else { break };
        let (Some(start), Some(end)) = (zone.start_of_day(date), zone.start_of_day(next)) else {
            break;
        };
        if end > axis.start && start < axis.end {
            days.push(LocalDay { date, start, end });
        }
        date = next;
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Dataset;
    use crate::time::{TimeSpan, parse_timestamp};
    use crate::zone::DEFAULT_ZONE;

    fn at(text: &str) -> UtcInstant {
        parse_timestamp(text.as_bytes()).expect("test literal")
    }

    fn analysis(files: &[(&str, &str)]) -> Analysis {
        let mut data = Dataset::new();
        for (name, text) in files {
            data.read_bytes(name, text.as_bytes()).expect("recognised");
        }
        Analysis::new(data)
    }

    fn timeline(analysis: &Analysis, id: &str, now: &str) -> StoreTimeline {
        let store = analysis.stores().find(id).expect("store");
        StoreTimeline::new(analysis, store, at(now), DEFAULT_ZONE).expect("has polls")
    }

    #[test]
    fn status_business_and_counted_spans_of_a_store() {
        let a = analysis(&[
            (
                "s.csv",
                "store_id,status,timestamp_utc\n\
                 1,inactive,2023-01-10 00:00:00\n\
                 1,active,2023-01-24 10:00:00\n\
                 1,inactive,2023-01-25 11:30:00\n\
                 1,inactive,2023-01-25 11:45:00\n\
                 1,active,2023-01-26 00:00:00\n",
            ),
            ("h.csv", "store_id,day,start_time_local,end_time_local\n1,2,11:00,12:30\n"),
            ("z.csv", "store_id,timezone_str\n1,UTC\n"),
        ]);
        let t = timeline(&a, "1", "2023-01-25 12:00:00");
        assert_eq!((t.polls_before, t.polls.len(), t.polls_after), (1, 3, 1));
        let span = |s: &str, e: &str, active| StatusSpan { start: at(s), end: at(e), active };
        assert_eq!(
            t.status,
            vec![
                span("2023-01-18 12:00:00", "2023-01-24 10:00:00", false),
                span("2023-01-24 10:00:00", "2023-01-25 11:30:00", true),
                span("2023-01-25 11:30:00", "2023-01-25 12:00:00", false),
            ]
        );
        // Wednesdays 11:00-12:30 UTC: the 18th from 12:00 (the week's start), and the 25th to now.
        assert_eq!(
            t.business,
            vec![
                Interval { start: at("2023-01-18 12:00:00"), end: at("2023-01-18 12:30:00") },
                Interval { start: at("2023-01-25 11:00:00"), end: at("2023-01-25 12:00:00") },
            ]
        );
        assert_eq!(
            t.counted,
            vec![
                span("2023-01-18 12:00:00", "2023-01-18 12:30:00", false),
                span("2023-01-25 11:00:00", "2023-01-25 11:30:00", true),
                span("2023-01-25 11:30:00", "2023-01-25 12:00:00", false),
            ]
        );
        let week = t.windows[2].figures;
        assert_eq!((week.uptime, week.downtime), (TimeSpan::from_minutes(30), TimeSpan::from_minutes(60)));
        assert!(t.zone_from_file && !t.always_open);
        // 8 UTC days touch the week: the 18th (from 12:00) to the 25th.
        assert_eq!(t.days.len(), 8);
    }

    #[test]
    fn a_spring_forward_week_has_a_23_hour_day_and_bands_on_the_wall_clock() {
        // Chicago, open every day 09:00-17:00; now Wednesday 2023-03-15 12:00 UTC.
        let hours: String = (0..7).map(|d| format!("1,{d},09:00,17:00\n")).collect();
        let a = analysis(&[
            ("s.csv", "store_id,status,timestamp_utc\n1,active,2023-03-01 00:00:00\n"),
            ("h.csv", &format!("store_id,day,start_time_local,end_time_local\n{hours}")),
        ]);
        let t = timeline(&a, "1", "2023-03-15 12:00:00");
        let lengths: Vec<i64> = t.days.iter().map(|d| (d.end - d.start).nanos() / 3_600_000_000_000).collect();
        // Local days Wed 8th (partly) to Wed 15th; Sunday the 12th has 23 hours.
        assert_eq!(t.days.first().map(|d| d.date.to_string()), Some("2023-03-08".into()));
        assert_eq!(lengths, vec![24, 24, 24, 24, 23, 24, 24, 24]);
        // A band per day: the 8th (15:00-23:00 UTC, after the week's start at
        // 12:00), the 9th to the 14th, and none yet on the 15th (opens 14:00 UTC CDT).
        assert_eq!(t.business.len(), 7);
        assert_eq!(t.business[0].start, at("2023-03-08 15:00:00"));
        // After the change, 09:00 CDT is 14:00 UTC.
        assert_eq!(t.business[6].start, at("2023-03-14 14:00:00"));
        assert!(!t.always_open && !t.zone_from_file);
    }

    #[test]
    fn equal_time_polls_leave_no_empty_span() {
        let a = analysis(&[(
            "s.csv",
            "store_id,status,timestamp_utc\n1,active,2023-01-20 00:00:00\n1,inactive,2023-01-24 00:00:00\n1,active,2023-01-24 00:00:00\n",
        )]);
        let t = timeline(&a, "1", "2023-01-25 12:00:00");
        assert_eq!(
            t.status,
            vec![StatusSpan { start: at("2023-01-18 12:00:00"), end: at("2023-01-25 12:00:00"), active: true }]
        );
        assert!(t.always_open);
    }

    #[test]
    fn a_longer_horizon_widens_the_axis_and_keeps_the_week_figures() {
        let a = analysis(&[
            (
                "s.csv",
                "store_id,status,timestamp_utc\n\
                 1,inactive,2023-01-01 10:00:00\n\
                 1,active,2023-01-01 11:00:00\n\
                 1,inactive,2023-01-25 11:30:00\n",
            ),
            ("z.csv", "store_id,timezone_str\n1,UTC\n"),
        ]);
        let store = a.stores().find("1").expect("store");
        let now = at("2023-01-25 12:00:00");
        let week = StoreTimeline::new(&a, store, now, DEFAULT_ZONE).expect("has polls");
        let horizon = Horizon::of_days(30).expect("in range");
        let long = StoreTimeline::over(&a, store, now, DEFAULT_ZONE, horizon).expect("has polls");
        assert_eq!(long.axis, Interval { start: at("2022-12-26 12:00:00"), end: now });
        // 31 UTC dates touch 30 days that start at noon.
        assert_eq!(long.days.len(), 31);
        assert_eq!((long.polls_before, long.polls.len(), long.polls_after), (0, 3, 0));
        // The downtime before the first poll (whose status it takes) is on
        // the axis, and the figures are the week's.
        let down = StatusSpan { start: long.axis.start, end: at("2023-01-01 11:00:00"), active: false };
        assert_eq!(long.counted[0], down);
        assert_eq!(long.windows, week.windows);
        // A horizon shorter than the week draws the week.
        let day = StoreTimeline::over(&a, store, now, DEFAULT_ZONE, Horizon::of_days(1).expect("in range"));
        assert_eq!(day.map(|t| t.axis), Some(week.axis));
    }
}
