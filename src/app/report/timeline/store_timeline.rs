//! One store's figures explained: its business hours, its status between
//! polls, and the business time counted as up or down, drawn over the last
//! week (or the report's longer horizon, in a box that scrolls by day) and
//! the last day on the store's own clock, with the arithmetic of each
//! window. Opened from the table, the overview, or the address
//! (`#store=<id>`), so that a view can be shared; shown in a modal dialog
//! over the report (the browser's own: it keeps the focus in it, closes on
//! Escape and dims the page), which scrolls inside itself.

use std::sync::Arc;

use leptos::html::Dialog;
use leptos::prelude::*;

use super::drawing_scroll::printed_weeks;
use super::route::{Timeline, TimelineState};
use super::timeline_drawing::{DrawingScale, TimelineDrawing};
use super::timeline_legend::TimelineLegend;
use super::window_arithmetic::WindowArithmetic;
use crate::app::report::outages::store_outages::StoreOutages;
use crate::app::shell::Shell;
use crate::app::shell::format::group_digits;
use crate::protocol::TimelineMessage;
use engine::Units;

const DAY_SECONDS: f64 = 86_400.0;
/// The long drawing's width of a day: a week is about as wide as a laptop's
/// table, and a day's name fits in it.
const DAY_PIXELS: f64 = 130.0;

#[component]
pub fn StoreTimeline(
    report_id: u32,
    units: Units,
    /// Where the focus goes when the week closes and what opened it is no
    /// longer on the page: the report's table.
    return_to: &'static str,
) -> impl IntoView {
    let state = expect_context::<Timeline>();
    let view = move || state.view().filter(|view| view.report_id == report_id);
    let open =
        Memo::new(move |_| state.shown.with(|shown| shown.as_ref().is_some_and(|(report, _)| *report == report_id)));
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let open = open.get();
        let Some(dialog) = dialog.get() else { return };
        if open && !dialog.open() {
            // Fails only out of the document, when the report is leaving.
            let _ = dialog.show_modal();
        } else if !open && dialog.open() {
            dialog.close();
        }
    });
    // However it closed (Escape, Close, Back), the store is forgotten and
    // the focus goes back where it came from.
    let closed = move |_| {
        if open.get_untracked() {
            state.close_store();
        }
        state.return_focus(return_to);
    };
    let content = move || {
        view().map(|view| {
            let store_id = view.store_id.clone();
            let (state_name, body) = match view.state {
                TimelineState::Loading => ("loading", view! { <p class="help">"Drawing…"</p> }.into_any()),
                TimelineState::Unavailable(reason) => {
                    ("unavailable", view! { <p class="help error">{sentence(&reason)}</p> }.into_any())
                }
                TimelineState::Drawn(timeline) => ("drawn", explained(timeline, units, store_id.clone())),
            };
            view! {
                <div
                    class="store-timeline"
                    id="store-timeline"
                    data-testid="store-timeline"
                    data-store-id=store_id.clone()
                    data-state=state_name
                >
                    <div class="store-timeline-head">
                        <h3 id="store-timeline-heading" tabindex="-1">{format!("Store {store_id}")}</h3>
                        <button
                            type="button"
                            class="small"
                            data-testid="close-timeline"
                            on:click=move |_| state.close_store()
                        >
                            "Close"
                        </button>
                    </div>
                    {body}
                </div>
            }
        })
    };
    view! {
        <dialog
            node_ref=dialog
            class="store-dialog"
            data-testid="store-dialog"
            aria-labelledby="store-timeline-heading"
            on:close=closed
            // A click on the dimmed page around it (which the dialog itself
            // receives, having no padding of its own) closes it too.
            on:click=move |event| {
                if event.target() == event.current_target() {
                    state.close_store();
                }
            }
        >
            {content}
        </dialog>
    }
}

fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    out.push_str(chars.as_str());
    out.push('.');
    out
}

fn explained(timeline: Arc<TimelineMessage>, units: Units, store_id: String) -> AnyView {
    let zone_source = if timeline.zone_from_file { "from the timezones file" } else { "the default timezone" };
    let hours = if timeline.always_open {
        "No business hours rows: open 24 hours a day, 7 days a week.".to_string()
    } else {
        "Business hours from the business hours file, on the store's clock.".to_string()
    };
    let axis = timeline.axis_seconds;
    let axis_days = (axis / DAY_SECONDS).round();
    let period = if axis_days > 7.0 { format!("the last {axis_days} days") } else { "the week".to_string() };
    let mut polls = format!("{} polls in {period}", group_digits(timeline.polls.len() as u64));
    if timeline.polls_before > 0 || timeline.polls_after > 0 {
        polls.push_str(&format!(
            " ({} before it and {} after now are not drawn)",
            group_digits(timeline.polls_before as u64),
            group_digits(timeline.polls_after as u64)
        ));
    }
    let odd_days: Vec<String> = timeline
        .days
        .iter()
        .filter(|day| (day.hours() - 24.0).abs() > 0.01)
        .map(|day| format!("{} has {} hours", day.label, day.hours()))
        .collect();
    let clock_change = (!odd_days.is_empty()).then(|| {
        format!(
            " The clocks changed in {period}: {}, and its drawing is that much narrower or wider.",
            odd_days.join(", ")
        )
    });
    let caption = if axis_days > 7.0 {
        format!(
            "The last {axis_days} days, day by day on the store's clock (now at the right; scroll for earlier days)"
        )
    } else {
        "The last week, day by day on the store's clock".to_string()
    };
    let (highlighted, highlight) = signal(None);
    // On paper the long drawing, which scrolls, is drawn a week at a time,
    // each week fitting the page's width: only while the browser prints.
    let shell = expect_context::<Shell>();
    let printed = {
        let timeline = timeline.clone();
        let store_id = store_id.clone();
        move || {
            shell.printing.get().then(|| {
                let weeks = printed_weeks(axis)
                    .into_iter()
                    .map(|(from, to)| {
                        view! {
                            <TimelineDrawing
                                timeline=timeline.clone()
                                from
                                to
                                caption=week_caption(&timeline, from, to)
                                store_id=store_id.clone()
                            />
                        }
                    })
                    .collect_view();
                view! {
                    <div class="printed-weeks" data-testid="printed-weeks">
                        {weeks}
                    </div>
                }
            })
        }
    };
    view! {
        <p class="help">
            {format!("Timezone {} ({zone_source}). ", timeline.zone)} {hours} " " {polls}
            ". The status between two polls is that of the earlier one; before the first poll, that of the first."
            {clock_change}
        </p>
        <TimelineDrawing
            timeline=timeline.clone()
            from=0.0
            to=axis
            caption
            store_id=store_id.clone()
            highlight=highlighted
            scale=DrawingScale::PerDay(DAY_PIXELS)
        />
        {printed}
        <TimelineDrawing
            timeline=timeline.clone()
            from=(axis - DAY_SECONDS).max(0.0)
            to=axis
            caption="The last day, hour by hour".to_string()
            store_id
            highlight=highlighted
        />
        <TimelineLegend/>
        <StoreOutages timeline=timeline.clone() highlight/>
        <WindowArithmetic timeline units/>
    }
    .into_any()
}

/// "Fri 20 Jan to Thu 26 Jan, on the store's clock": the local days a
/// printed week spans, `[from, to)` in seconds on the timeline's axis.
fn week_caption(timeline: &TimelineMessage, from: f64, to: f64) -> String {
    let day_at = |at: f64| timeline.days.iter().find(|day| day.start <= at && at < day.end);
    match (day_at(from), day_at(to - 1.0)) {
        (Some(first), Some(last)) => format!("{} to {}, on the store's clock", first.label, last.label),
        _ => "A week, on the store's clock".to_string(),
    }
}
