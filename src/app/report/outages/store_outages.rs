//! A store's outages over the report's horizon, listed under its timeline;
//! pointing at one (or focusing it) picks it out on the drawings.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::report::timeline::drawing_layers::describe_length;
use crate::app::shell::format::{group_digits, group_number_text, outage_times};
use crate::protocol::TimelineMessage;
use engine::TimeSpan;
use engine::{Unit, format_span};

#[component]
pub fn StoreOutages(timeline: Arc<TimelineMessage>, highlight: WriteSignal<Option<(f64, f64)>>) -> impl IntoView {
    let days = timeline.horizon_days;
    let count = timeline.outages.len();
    let heading = match count {
        0 => format!("No outage in the last {days} days"),
        1 => format!("1 outage in the last {days} days"),
        n => format!("{} outages in the last {days} days", group_digits(n as u64)),
    };
    let zone = timeline.zone.clone();
    let rows = timeline
        .outages
        .iter()
        .map(|outage| {
            let span = (outage.start, outage.end);
            let mut minutes = String::new();
            format_span(TimeSpan::from_nanos(outage.length_nanos), Unit::Minute, &mut minutes);
            let minutes = group_number_text(&minutes);
            let notes = outage_notes(outage.ongoing, outage.before_first_poll);
            let (start, end) = outage_times(&outage.local_start, &outage.local_end, &zone);
            view! {
                <tr
                    tabindex="0"
                    data-testid="store-outage"
                    on:mouseenter=move |_| highlight.set(Some(span))
                    on:mouseleave=move |_| highlight.set(None)
                    on:focus=move |_| highlight.set(Some(span))
                    on:blur=move |_| highlight.set(None)
                >
                    <td title=outage.local_start.clone()>{start}</td>
                    <td title=outage.local_end.clone()>{end}</td>
                    <td class="number">{minutes}</td>
                    <td>{describe_length(outage.length_nanos as f64 / 1e9)}</td>
                    <td>{notes}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="store-outages" data-testid="store-outages" aria-labelledby="store-outages-heading">
            <h4 id="store-outages-heading">{heading}</h4>
            <p class="help">
                "Each stretch of business time the store was down, on its own clock (its RFC 3339 time with the UTC offset in the tooltip). Point at one, or move to it with Tab, to see it on the drawings; the drawing scrolls to it."
            </p>
            {(count > 0)
                .then(|| {
                    view! {
                        <div class="table-scroll outage-scroll" tabindex="0" role="region" aria-label="Table of the outages">
                            <table class="outage-table">
                                <thead>
                                    <tr>
                                        <th scope="col">"Start"</th>
                                        <th scope="col">"End"</th>
                                        <th scope="col" class="number">"Minutes"</th>
                                        <th scope="col">"Length"</th>
                                        <th scope="col">"Note"</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }
                })}
        </section>
    }
}

/// What an outage's "Note" column says: "ongoing", "before the first poll".
pub fn outage_notes(ongoing: bool, before_first_poll: bool) -> String {
    let mut notes = Vec::new();
    if ongoing {
        notes.push("ongoing");
    }
    if before_first_poll {
        notes.push("assumed: before the first poll");
    }
    notes.join(", ")
}
