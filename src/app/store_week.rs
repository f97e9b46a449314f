//! One store's figures explained: its business hours, its status between
//! polls, and the business time counted as up or down, drawn over the last
//! week and the last day, with the arithmetic of each window.

use std::sync::Arc;

use leptos::prelude::*;

use super::state::{AppState, TimelineState};
use super::table::{format_share, window_heading};
use crate::protocol::{Span, TimelineMessage};
use engine::output::format_span;
use engine::{TimeSpan, Units, Window};

const DAY_SECONDS: f64 = 86_400.0;
const HOUR_SECONDS: f64 = 3_600.0;

#[component]
pub fn StoreWeek(report_id: u32, units: Units) -> impl IntoView {
    let state = expect_context::<AppState>();
    let view = move || state.timeline.get().filter(|view| view.report_id == report_id);
    move || {
        view().map(|view| {
            let store_id = view.store_id.clone();
            let body = match view.state {
                TimelineState::Loading => view! { <p class="help">"Drawing…"</p> }.into_any(),
                TimelineState::Unavailable(reason) => view! { <p class="help error">{sentence(&reason)}</p> }.into_any(),
                TimelineState::Drawn(timeline) => view! { <Explained timeline units/> }.into_any(),
            };
            view! {
                <section class="store-week" id="store-week" data-testid="store-week" data-store-id=store_id.clone() aria-labelledby="store-week-heading">
                    <div class="store-week-head">
                        <h3 id="store-week-heading" tabindex="-1">{format!("Store {store_id}")}</h3>
                        <button type="button" class="small" on:click=move |_| state.timeline.set(None)>
                            "Close"
                        </button>
                    </div>
                    {body}
                </section>
            }
        })
    }
}

fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    out.push_str(chars.as_str());
    out.push('.');
    out
}

#[component]
fn Explained(timeline: Arc<TimelineMessage>, units: Units) -> impl IntoView {
    let zone_source = if timeline.zone_from_file { "from the timezones file" } else { "the default timezone" };
    let hours = if timeline.always_open {
        "No business hours rows: open 24 hours a day, 7 days a week.".to_string()
    } else {
        "Business hours from the business hours file, in the store's local time.".to_string()
    };
    let mut polls = format!("{} polls in the week", timeline.polls.len());
    if timeline.polls_before > 0 || timeline.polls_after > 0 {
        polls.push_str(&format!(
            " ({} before it, {} after now, not drawn)",
            timeline.polls_before, timeline.polls_after
        ));
    }
    let week = timeline.week_seconds;
    view! {
        <p class="help">
            {format!("Timezone {} ({zone_source}). ", timeline.zone)} {hours} " " {polls}
            ". The status between two polls is that of the earlier one; before the first poll, that of the first."
        </p>
        <Drawing timeline=timeline.clone() from=0.0 to=week caption="The last week"/>
        <Drawing timeline=timeline.clone() from=(week - DAY_SECONDS).max(0.0) to=week caption="The last day"/>
        <p class="legend" aria-hidden="true">
            <span class="swatch business"></span>"open "
            <span class="swatch up"></span>"up (active) "
            <span class="swatch down"></span>"down (inactive) "
            <span class="swatch poll"></span>"poll"
        </p>
        <Arithmetic timeline units/>
    }
}

/// Left margin of the drawing, for the row names.
const LABEL_WIDTH: f64 = 80.0;
const WIDTH: f64 = 1000.0;

#[component]
fn Drawing(timeline: Arc<TimelineMessage>, from: f64, to: f64, caption: &'static str) -> impl IntoView {
    let span = (to - from).max(1.0);
    let x = move |t: f64| LABEL_WIDTH + (t.clamp(from, to) - from) / span * (WIDTH - LABEL_WIDTH);
    let visible = move |s: &Span| s.end > from && s.start < to;
    let bar = move |s: &Span, y: f64, class: &'static str| {
        let left = x(s.start);
        let width = (x(s.end) - left).max(0.5);
        view! { <rect x=left y=y width=width height="14" class=class></rect> }
    };
    let up_or_down = |s: &Span| if s.active { "up" } else { "down" };
    let days = timeline
        .days
        .iter()
        .filter(|(_, start, end)| *end > from && *start < to)
        .map(|(label, start, _)| {
            let left = x(*start);
            view! {
                <line x1=left x2=left y1="0" y2="96" class="day-line"></line>
                <text x=left + 3.0 y="11" class="day-label">{label.clone()}</text>
            }
        })
        .collect_view();
    let window_lines = timeline
        .windows
        .iter()
        .zip(Window::ALL)
        .filter(|((start, _), _)| *start > from && *start < to)
        .map(|((start, _), window)| {
            let left = x(*start);
            view! {
                <line x1=left x2=left y1="16" y2="96" class="window-line"></line>
                <text x=left - 3.0 y="108" class="window-label" text-anchor="end">
                    {format!("last {} from here", window.name())}
                </text>
            }
        })
        .collect_view();
    let hour_ticks = (to - from <= DAY_SECONDS + 1.0).then(|| {
        let first = (from / HOUR_SECONDS).ceil() as i64;
        let last = (to / HOUR_SECONDS).floor() as i64;
        (first..=last)
            .map(|hour| {
                let left = x(hour as f64 * HOUR_SECONDS);
                view! { <line x1=left x2=left y1="92" y2="96" class="tick"></line> }
            })
            .collect_view()
    });
    let business = timeline.business.iter().filter(|s| visible(s)).map(|s| bar(s, 18.0, "business")).collect_view();
    let status = timeline.status.iter().filter(|s| visible(s)).map(|s| bar(s, 42.0, up_or_down(s))).collect_view();
    let counted = timeline.counted.iter().filter(|s| visible(s)).map(|s| bar(s, 74.0, up_or_down(s))).collect_view();
    let polls = timeline
        .polls
        .iter()
        .filter(|(at, _)| *at >= from && *at <= to)
        .map(|(at, active)| {
            let left = x(*at);
            view! { <line x1=left x2=left y1="57" y2="64" class=if *active { "poll up" } else { "poll down" }></line> }
        })
        .collect_view();
    let label = format!(
        "{caption}: business hours, status between polls, and business time counted as up or down, from {} to now",
        if from == 0.0 { "the start of the week" } else { "a day before now" }
    );
    view! {
        <figure class="drawing">
            <figcaption>{caption}</figcaption>
            <svg viewBox="0 0 1000 112" role="img" aria-label=label class="timeline">
                {days}
                <text x="0" y="29" class="row-label">"Open"</text>
                {business}
                <text x="0" y="53" class="row-label">"Status"</text>
                {status}
                {polls}
                <text x="0" y="85" class="row-label">"Counted"</text>
                {counted}
                {window_lines}
                {hour_ticks}
            </svg>
        </figure>
    }
}

/// Each window's business time split into uptime and downtime: the
/// report's figures, with the sum that checks them.
#[component]
fn Arithmetic(timeline: Arc<TimelineMessage>, units: Units) -> impl IntoView {
    let figure = move |nanos: i64, window: Window| {
        let mut text = String::new();
        format_span(TimeSpan::from_nanos(nanos), units.unit_of(window), &mut text);
        text
    };
    view! {
        <table class="arithmetic" data-testid="store-arithmetic">
            <caption>"Business time in each window = uptime + downtime"</caption>
            <thead>
                <tr>
                    <th scope="col">"Window"</th>
                    <th scope="col" class="number">"Business time"</th>
                    <th scope="col" class="number">"Uptime"</th>
                    <th scope="col" class="number">"Downtime"</th>
                    <th scope="col" class="number">"Uptime %"</th>
                </tr>
            </thead>
            <tbody>
                {timeline
                    .windows
                    .iter()
                    .zip(Window::ALL)
                    .map(|((_, [business, up, down]), window)| {
                        let share = if *business > 0 {
                            format_share(*up as f64 / *business as f64)
                        } else {
                            "—".to_string()
                        };
                        view! {
                            <tr>
                                <th scope="row">{window_heading(window, units)}</th>
                                <td class="number">{figure(*business, window)}</td>
                                <td class="number">{figure(*up, window)}</td>
                                <td class="number">{figure(*down, window)}</td>
                                <td class="number">{share}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
