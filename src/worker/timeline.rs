//! One store's week, explained: the engine's `StoreTimeline` of the latest
//! report, which the report worker keeps for this.

use std::cell::RefCell;

use super::envelope;
use crate::protocol::{Reply, Span, TimelineMessage, TimelineOutcome};
use engine::timeline::StatusSpan;
use engine::{Analysis, StoreTimeline, StoreZone, UtcInstant};

/// The latest complete report's data, for explaining its stores.
struct Kept {
    report_id: u32,
    analysis: Analysis,
    now: UtcInstant,
    default_zone: StoreZone,
}

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
}

/// Keeps a report's data, replacing the previous report's.
pub fn keep(report_id: u32, analysis: Analysis, now: UtcInstant, default_zone: StoreZone) {
    KEPT.with(|kept| *kept.borrow_mut() = Some(Kept { report_id, analysis, now, default_zone }));
}

/// Frees the kept report before a new one is read, so that two never take
/// memory at once.
pub fn forget() {
    KEPT.with(|kept| *kept.borrow_mut() = None);
}

pub fn run(report_id: u32, store_id: String) {
    let outcome = KEPT.with(|kept| match kept.borrow().as_ref() {
        Some(kept) if kept.report_id == report_id => match kept.analysis.stores().find(&store_id) {
            Some(store) => match StoreTimeline::new(&kept.analysis, store, kept.now, kept.default_zone) {
                Some(timeline) => TimelineOutcome::Drawn(Box::new(message(&timeline))),
                None => TimelineOutcome::Unavailable { reason: "this store has no polls".to_string() },
            },
            None => TimelineOutcome::Unavailable { reason: "no such store in this report".to_string() },
        },
        _ => TimelineOutcome::Unavailable {
            reason: "only the latest report can show a store's week; generate this report again to see it".to_string(),
        },
    });
    envelope::post(&Reply::Timeline { report_id, store_id, outcome }, &[]);
}

fn message(timeline: &StoreTimeline) -> TimelineMessage {
    let start = timeline.week.start;
    let at = |instant: UtcInstant| (instant - start).nanos() as f64 / 1e9;
    let span = |span: &StatusSpan| Span { start: at(span.start), end: at(span.end), active: span.active };
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
            .map(|interval| Span { start: at(interval.start), end: at(interval.end), active: true })
            .collect(),
        status: timeline.status.iter().map(span).collect(),
        counted: timeline.counted.iter().map(span).collect(),
        polls: timeline.polls.iter().map(|poll| (at(poll.at), poll.active)).collect(),
        polls_before: timeline.polls_before,
        polls_after: timeline.polls_after,
        days: timeline
            .days
            .iter()
            .map(|day| (day.date.format("%a %-d %b").to_string(), at(day.start), at(day.end)))
            .collect(),
        windows: timeline
            .windows
            .iter()
            .map(|mark| {
                let figures = mark.figures;
                (
                    at(mark.interval.start),
                    [figures.business_time().nanos(), figures.uptime.nanos(), figures.downtime.nanos()],
                )
            })
            .collect(),
    }
}
