//! One store's week, explained, over the report's horizon when it is longer:
//! the engine's `StoreTimeline` of the latest report, which the report
//! worker keeps for this, or of an older report, whose files the page sends
//! again.

use std::cell::RefCell;

use chrono::{DateTime, TimeZone, Timelike};
use chrono_tz::Tz;
use web_sys::File;

use super::{dataset, envelope};
use crate::protocol::{
    DayMark, OutageMark, PollMark, Rebuild, Reply, Span, TimelineMessage, TimelineOutcome, WindowMark,
};
use engine::StatusSpan;
use engine::{Analysis, Horizon, Interval, StoreIndex, StoreTimeline, StoreZone, UtcInstant};
use engine::{format_timestamp, store_outages};

/// What a report was computed with, besides its data.
#[derive(Clone, Copy)]
pub struct Kept {
    report_id: u32,
    pub now: UtcInstant,
    pub default_zone: StoreZone,
    pub horizon: Horizon,
}

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
}

/// Keeps the latest report's settings; its data is the analysis that
/// [`dataset`] holds.
pub fn keep(report_id: u32, now: UtcInstant, default_zone: StoreZone, horizon: Horizon) {
    KEPT.with(|kept| *kept.borrow_mut() = Some(Kept { report_id, now, default_zone, horizon }));
}

pub fn run(asked: Option<u32>, report_id: u32, store_id: String, rebuild: Option<Rebuild>, files: &[(u64, File)]) {
    let outcome = match kept_for(report_id, rebuild) {
        Ok(kept) if !files.is_empty() => {
            match dataset::prepare(files, &mut |_| {})
                .and_then(|()| dataset::with_held(|analysis| explain(analysis, &kept, &store_id)))
            {
                Ok(outcome) => outcome,
                Err(reason) => TimelineOutcome::Unavailable { reason },
            }
        }
        Ok(_) | Err(_) => TimelineOutcome::Unavailable {
            reason: "this report's files are no longer at hand; generate the report again to see a store's week"
                .to_string(),
        },
    };
    envelope::answer(asked, &Reply::Timeline { report_id, store_id, outcome }, &[]);
}

/// The settings of report `report_id`: the latest report's, or those the
/// page sent for an older one.
fn kept_for(report_id: u32, rebuild: Option<Rebuild>) -> Result<Kept, String> {
    if let Some(kept) = KEPT.with(|kept| *kept.borrow()).filter(|kept| kept.report_id == report_id) {
        return Ok(kept);
    }
    let rebuild = rebuild.ok_or_else(|| "the report's settings are not known".to_string())?;
    settings_of(report_id, &rebuild)
}

/// The settings a report was computed with, as the page sends them back.
pub fn settings_of(report_id: u32, rebuild: &Rebuild) -> Result<Kept, String> {
    let default_zone = StoreZone::from_name(&rebuild.default_zone)
        .ok_or_else(|| format!("{:?} is not an IANA timezone name", rebuild.default_zone))?;
    Ok(Kept {
        report_id,
        now: UtcInstant::from_unix_nanos(rebuild.now_unix_nanos),
        default_zone,
        horizon: Horizon::of_days(rebuild.horizon_days).unwrap_or_default(),
    })
}

fn explain(analysis: &Analysis, kept: &Kept, store_id: &str) -> TimelineOutcome {
    match analysis.stores().find(store_id) {
        Some(store) => match StoreTimeline::over(analysis, store, kept.now, kept.default_zone, kept.horizon) {
            Some(timeline) => {
                let mut message = message(&timeline);
                message.outages = outages(analysis, kept, store, timeline.axis.start);
                message.horizon_days = kept.horizon.days();
                TimelineOutcome::Drawn(Box::new(message))
            }
            None => TimelineOutcome::Unavailable { reason: "this store has no polls".to_string() },
        },
        None => TimelineOutcome::Unavailable { reason: "no such store in this report".to_string() },
    }
}

/// The store's outages over the report's horizon, as the outage list
/// writes them, placed on the drawing's axis (which starts at `axis_start`
/// and covers the horizon).
fn outages(analysis: &Analysis, kept: &Kept, store: StoreIndex, axis_start: UtcInstant) -> Vec<OutageMark> {
    let Some(horizon) = kept.horizon.before(kept.now) else {
        return Vec::new();
    };
    let schedule = analysis.schedule(store, kept.default_zone);
    let mut business = Vec::new();
    schedule.business_time(horizon, &mut business);
    let times = analysis.poll_times(store);
    let active = analysis.poll_statuses(store);
    let zone = schedule.zone();
    let stamp = |at: UtcInstant| format_timestamp(at, Some(zone.offset_seconds(at)));
    let at = |instant: UtcInstant| (instant - axis_start).nanos() as f64 / 1e9;
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
    let start = timeline.axis.start;
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
        axis_start: start.to_string(),
        now: timeline.now.to_string(),
        axis_seconds: at(timeline.axis.end),
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
        local_hours: local_hours(tz, timeline.axis).into_iter().map(|(instant, hour)| (at(instant), hour)).collect(),
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

/// The whole hours of the store's clock within `axis`. Every offset in use
/// is a multiple of 15 minutes, so each whole local hour falls on a UTC
/// quarter hour.
fn local_hours(tz: Tz, axis: Interval) -> Vec<(UtcInstant, u8)> {
    const QUARTER: i64 = 15 * 60 * 1_000_000_000;
    let first = axis.start.unix_nanos().div_euclid(QUARTER) + 1;
    let last = (axis.end.unix_nanos() - 1).div_euclid(QUARTER);
    (first..=last)
        .filter_map(|quarter| {
            let instant = UtcInstant::from_unix_nanos(quarter * QUARTER);
            let time = local(tz, instant);
            (time.minute() == 0).then(|| (instant, time.hour() as u8))
        })
        .collect()
}
