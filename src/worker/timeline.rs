//! One store's week, explained: the engine's `StoreTimeline` of the latest
//! report, which the report worker keeps for this, or of an older report,
//! whose files the page sends again.

use std::cell::RefCell;

use chrono::{DateTime, TimeZone, Timelike};
use chrono_tz::Tz;
use web_sys::File;

use super::envelope;
use super::slices;
use crate::protocol::{
    DayMark, OutageMark, PollMark, Rebuild, Reply, Span, TimelineMessage, TimelineOutcome, WindowMark,
};
use engine::history::{push_timestamp, store_outages};
use engine::timeline::StatusSpan;
use engine::{Analysis, Horizon, Interval, StoreIndex, StoreTimeline, StoreZone, UtcInstant};

/// A report's data, for explaining its stores.
struct Kept {
    report_id: u32,
    analysis: Analysis,
    now: UtcInstant,
    default_zone: StoreZone,
    horizon: Horizon,
}

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
}

/// Keeps a report's data, replacing the previous report's.
pub fn keep(report_id: u32, analysis: Analysis, now: UtcInstant, default_zone: StoreZone, horizon: Horizon) {
    KEPT.with(|kept| *kept.borrow_mut() = Some(Kept { report_id, analysis, now, default_zone, horizon }));
}

/// Frees the kept report before a new one is read, so that two never take
/// memory at once.
pub fn forget() {
    KEPT.with(|kept| *kept.borrow_mut() = None);
}

pub fn run(report_id: u32, store_id: String, rebuild: Option<Rebuild>, files: &[File]) {
    let held = KEPT.with(|kept| kept.borrow().as_ref().is_some_and(|kept| kept.report_id == report_id));
    let outcome = match (held, rebuild) {
        (true, _) => explain(&store_id),
        (false, Some(rebuild)) if !files.is_empty() => match read_again(report_id, &rebuild, files) {
            Ok(()) => explain(&store_id),
            Err(reason) => TimelineOutcome::Unavailable { reason },
        },
        (false, _) => TimelineOutcome::Unavailable {
            reason: "this report's files are no longer at hand; generate the report again to see a store's week"
                .to_string(),
        },
    };
    envelope::post(&Reply::Timeline { report_id, store_id, outcome }, &[]);
}

fn explain(store_id: &str) -> TimelineOutcome {
    KEPT.with(|kept| {
        let kept = kept.borrow();
        let Some(kept) = kept.as_ref() else {
            return TimelineOutcome::Unavailable { reason: "the report's data is gone".to_string() };
        };
        match kept.analysis.stores().find(store_id) {
            Some(store) => match StoreTimeline::new(&kept.analysis, store, kept.now, kept.default_zone) {
                Some(timeline) => {
                    let mut message = message(&timeline);
                    message.outages = outages(kept, store, timeline.week.start);
                    message.horizon_days = kept.horizon.days();
                    TimelineOutcome::Drawn(Box::new(message))
                }
                None => TimelineOutcome::Unavailable { reason: "this store has no polls".to_string() },
            },
            None => TimelineOutcome::Unavailable { reason: "no such store in this report".to_string() },
        }
    })
}

/// Reads a report's files again, exactly as the report read them, and keeps
/// the result in place of the latest report's.
fn read_again(report_id: u32, rebuild: &Rebuild, files: &[File]) -> Result<(), String> {
    let default_zone = StoreZone::from_name(&rebuild.default_zone)
        .ok_or_else(|| format!("{:?} is not an IANA timezone name", rebuild.default_zone))?;
    forget();
    let data = slices::read_dataset(files, &mut |_| {})?;
    let horizon = Horizon::of_days(rebuild.horizon_days).unwrap_or_default();
    keep(report_id, Analysis::new(data), UtcInstant::from_unix_nanos(rebuild.now_unix_nanos), default_zone, horizon);
    Ok(())
}

/// The store's outages over the report's horizon, as the outage list
/// writes them, placed on the drawing's axis (which starts at `week_start`).
fn outages(kept: &Kept, store: StoreIndex, week_start: UtcInstant) -> Vec<OutageMark> {
    let Some(horizon) = kept.horizon.before(kept.now) else {
        return Vec::new();
    };
    let schedule = kept.analysis.schedule(store, kept.default_zone);
    let mut business = Vec::new();
    schedule.business_time(horizon, &mut business);
    let times = kept.analysis.poll_times(store);
    let active = kept.analysis.poll_statuses(store);
    let zone = schedule.zone();
    let stamp = |at: UtcInstant| {
        let mut text = String::new();
        push_timestamp(at, Some(zone.offset_seconds(at)), &mut text);
        text
    };
    let at = |instant: UtcInstant| (instant - week_start).nanos() as f64 / 1e9;
    store_outages(times, active, &business, kept.now)
        .iter()
        .map(|outage| OutageMark {
            start: at(outage.start),
            end: at(outage.end),
            local_start: stamp(outage.start),
            local_end: stamp(outage.end),
            length_nanos: outage.length().nanos(),
            ongoing: outage.ongoing,
            before_first_poll: outage.before_first_poll,
        })
        .collect()
}

/// The timeline for drawing, with every time also as the store's clock
/// shows it.
pub fn message(timeline: &StoreTimeline) -> TimelineMessage {
    let start = timeline.week.start;
    let tz = timeline.zone.tz();
    let at = |instant: UtcInstant| (instant - start).nanos() as f64 / 1e9;
    let span = |span: &StatusSpan| Span {
        start: at(span.start),
        end: at(span.end),
        active: span.active,
        local: local_span(tz, span.start, span.end),
    };
    TimelineMessage {
        zone: timeline.zone.name().to_string(),
        zone_from_file: timeline.zone_from_file,
        always_open: timeline.always_open,
        week_start: start.to_string(),
        now: timeline.now.to_string(),
        week_seconds: at(timeline.week.end),
        business: timeline
            .business
            .iter()
            .map(|interval| Span {
                start: at(interval.start),
                end: at(interval.end),
                active: true,
                local: local_span(tz, interval.start, interval.end),
            })
            .collect(),
        status: timeline.status.iter().map(span).collect(),
        counted: timeline.counted.iter().map(span).collect(),
        polls: timeline
            .polls
            .iter()
            .map(|poll| PollMark {
                at: at(poll.at),
                active: poll.active,
                text: format!(
                    "{} {}, {}",
                    if poll.active { "active" } else { "inactive" },
                    local(tz, poll.at).format("%a %-d %b %H:%M:%S %Z"),
                    poll.at
                ),
            })
            .collect(),
        polls_before: timeline.polls_before,
        polls_after: timeline.polls_after,
        days: timeline
            .days
            .iter()
            .map(|day| DayMark {
                date: day.date.to_string(),
                label: day.date.format("%a %-d %b").to_string(),
                start: at(day.start),
                end: at(day.end),
            })
            .collect(),
        local_hours: local_hours(tz, timeline.week).into_iter().map(|(instant, hour)| (at(instant), hour)).collect(),
        windows: timeline
            .windows
            .iter()
            .map(|mark| {
                let figures = mark.figures;
                WindowMark {
                    start: at(mark.interval.start),
                    local_start: clock_and_day(&local(tz, mark.interval.start)),
                    figures: [figures.business_time().nanos(), figures.uptime.nanos(), figures.downtime.nanos()],
                }
            })
            .collect(),
        outages: Vec::new(),
        horizon_days: Horizon::WEEK.days(),
    }
}

fn local(tz: Tz, at: UtcInstant) -> DateTime<Tz> {
    tz.from_utc_datetime(&at.naive_utc())
}

/// "13:10", or "13:10:05" when the seconds matter.
fn clock(time: &DateTime<Tz>) -> String {
    let format = if time.second() == 0 && time.nanosecond() == 0 { "%H:%M" } else { "%H:%M:%S" };
    time.format(format).to_string()
}

fn clock_and_day(time: &DateTime<Tz>) -> String {
    format!("{} {}", time.format("%a %-d %b"), clock(time))
}

/// "Tue 24 Jan 12:00–15:30", or across midnight "Tue 24 Jan 22:00 – Wed 25 Jan 02:00".
pub fn local_span(tz: Tz, start: UtcInstant, end: UtcInstant) -> String {
    let (from, to) = (local(tz, start), local(tz, end));
    if from.date_naive() == to.date_naive() {
        format!("{}–{}", clock_and_day(&from), clock(&to))
    } else if to.hour() == 0 && to.minute() == 0 && to.second() == 0 && to.nanosecond() == 0 && {
        from.date_naive().succ_opt() == Some(to.date_naive())
    } {
        format!("{}–24:00", clock_and_day(&from))
    } else {
        format!("{} – {}", clock_and_day(&from), clock_and_day(&to))
    }
}

/// The whole hours of the store's clock within `week`. Every offset in use
/// is a multiple of 15 minutes, so each whole local hour falls on a UTC
/// quarter hour.
fn local_hours(tz: Tz, week: Interval) -> Vec<(UtcInstant, u8)> {
    const QUARTER: i64 = 15 * 60 * 1_000_000_000;
    let first = week.start.unix_nanos().div_euclid(QUARTER) + 1;
    let last = (week.end.unix_nanos() - 1).div_euclid(QUARTER);
    (first..=last)
        .filter_map(|quarter| {
            let instant = UtcInstant::from_unix_nanos(quarter * QUARTER);
            let time = local(tz, instant);
            (time.minute() == 0).then(|| (instant, time.hour() as u8))
        })
        .collect()
}
