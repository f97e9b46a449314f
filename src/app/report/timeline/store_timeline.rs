//! One store's figures explained: its business hours, its status between
//! polls, and the business time counted as up or down, drawn over the last
//! week and the last day on the store's own clock, with the arithmetic of
//! each window. Opened from the table, the overview, or the address
//! (`#store=<id>`), so that a view can be shared.

use std::sync::Arc;

use leptos::prelude::*;

use super::route::{Timeline, TimelineState};
use super::timeline_drawing::TimelineDrawing;
use super::timeline_legend::TimelineLegend;
use super::window_arithmetic::WindowArithmetic;
use crate::app::report::outages::store_outages::StoreOutages;
use crate::protocol::TimelineMessage;
use engine::Units;

const DAY_SECONDS: f64 = 86_400.0;

#[component]
pub fn StoreTimeline(report_id: u32, units: Units) -> impl IntoView {
    let state = expect_context::<Timeline>();
    let view = move || state.view.get().filter(|view| view.report_id == report_id);
    move || {
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
                <section
                    class="store-timeline"
                    id="store-timeline"
                    data-testid="store-timeline"
                    data-store-id=store_id.clone()
                    data-state=state_name
                    aria-labelledby="store-timeline-heading"
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

fn explained(timeline: Arc<TimelineMessage>, units: Units, store_id: String) -> AnyView {
    let zone_source = if timeline.zone_from_file { "from the timezones file" } else { "the default timezone" };
    let hours = if timeline.always_open {
        "No business hours rows: open 24 hours a day, 7 days a week.".to_string()
    } else {
        "Business hours from the business hours file, on the store's clock.".to_string()
    };
    let mut polls = format!("{} polls in the week", timeline.polls.len());
    if timeline.polls_before > 0 || timeline.polls_after > 0 {
        polls.push_str(&format!(
            " ({} before it and {} after now are not drawn)",
            timeline.polls_before, timeline.polls_after
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
            " The clocks changed this week: {}, and its drawing is that much narrower or wider.",
            odd_days.join(", ")
        )
    });
    let week = timeline.week_seconds;
    let (highlighted, highlight) = signal(None);
    view! {
        <p class="help">
            {format!("Timezone {} ({zone_source}). ", timeline.zone)} {hours} " " {polls}
            ". The status between two polls is that of the earlier one; before the first poll, that of the first."
            {clock_change}
        </p>
        <TimelineDrawing
            timeline=timeline.clone()
            from=0.0
            to=week
            caption="The last week, day by day on the store's clock".to_string()
            store_id=store_id.clone()
            highlight=highlighted
        />
        <TimelineDrawing
            timeline=timeline.clone()
            from=(week - DAY_SECONDS).max(0.0)
            to=week
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
