//! "How it is computed": the contract (docs/SPEC.md) in the user's words,
//! and a worked example that the engine computes in the helper worker, so
//! that the explanation and the calculation cannot disagree.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::inputs::files::Inputs;
use crate::app::report::timeline::drawing_layers::describe_length;
use crate::app::report::timeline::timeline_drawing::TimelineDrawing;
use crate::app::report::timeline::timeline_legend::TimelineLegend;
use crate::app::report::timeline::window_arithmetic::WindowArithmetic;
use crate::app::shell::Shell;
use crate::protocol::ExampleMessage;
use engine::Units;

#[component]
pub fn HowComputed() -> impl IntoView {
    let inputs = expect_context::<Inputs>();
    let shell = expect_context::<Shell>();
    view! {
        <details
            class="step how-computed"
            data-testid="how-computed"
            on:toggle=move |_| inputs.request_example()
        >
            <summary>
                <h2>"How it is computed"</h2>
            </summary>
            <ol class="rules">
                <li>
                    <strong>"Now and the windows. "</strong>
                    "A report ends at “now”: the latest poll in the status files, unless you set a report time. "
                    "The last hour, the last day and the last week are the hour, the 24 hours and the 7 × 24 hours before now."
                </li>
                <li>
                    <strong>"Business hours. "</strong>
                    "A store's opening periods are on its own clock: the timezone in the timezones file, or else the default timezone. "
                    "Several periods on one day all count. A period that ends before it starts runs past midnight; "
                    "one that ends when it starts lasts 24 hours; an end of 23:59:59 means midnight. "
                    "A store is closed on the days it has no row for, and a store with no rows at all is open 24 hours, 7 days a week."
                </li>
                <li>
                    <strong>"Clock changes. "</strong>
                    "Periods follow the wall clock, so the day the clocks go forward has 23 hours and the day they go back 25. "
                    "A time that happens twice counts the first time; a time that the change skips is read as if the clock had not changed yet (02:30 becomes 03:30)."
                </li>
                <li>
                    <strong>"Status between polls. "</strong>
                    "A poll says a store is active (up) or inactive (down), and that holds until the store's next poll. "
                    "Before its first poll, a store has the status of that first poll. Of polls at the same moment, the later row counts."
                </li>
                <li>
                    <strong>"Uptime and downtime. "</strong>
                    "Uptime is the business time within the window when the status was active; downtime, when it was inactive. "
                    "So for every store, uptime + downtime = its business time in the window. "
                    "Each figure is rounded to hundredths of a minute (or of an hour) only at the end."
                </li>
                <li>
                    <strong>"Rows that cannot be read. "</strong>
                    "A bad row (an empty store id, an unknown status, a date that does not exist…) is left out, counted, "
                    "and listed with its file, line and reason; the rest of the data is used."
                </li>
            </ol>
            {move || match shell.example.get() {
                Some(example) => worked(example).into_any(),
                None => view! { <p class="help">"Working out the example…"</p> }.into_any(),
            }}
        </details>
    }
}

fn worked(example: Arc<ExampleMessage>) -> impl IntoView {
    let timeline = Arc::new(example.timeline.clone());
    let day_start = timeline.windows.get(1).map_or(0.0, |window| window.start);
    let minutes = |active: bool| {
        let pieces: Vec<String> = example
            .last_day
            .iter()
            .filter(|span| span.active == active)
            .map(|span| format!("{}", ((span.end - span.start) / 60.0).round()))
            .collect();
        let total: f64 =
            example.last_day.iter().filter(|span| span.active == active).map(|span| span.end - span.start).sum();
        (pieces.join(" + "), total / 60.0)
    };
    let (up_pieces, up) = minutes(true);
    let (down_pieces, down) = minutes(false);
    let day_window = timeline.windows.get(1).map(|window| window.local_start.clone()).unwrap_or_default();
    view! {
        <h3>"A worked example"</h3>
        <p>
            {format!(
                "One store (id {}) in Chicago, open 09:00–17:00 on Tuesdays (day 1) and Wednesdays (day 2). Its three files:",
                example.store_id,
            )}
        </p>
        <div class="example-files">
            {example
                .files
                .iter()
                .map(|(name, text)| {
                    view! {
                        <figure class="example-file">
                            <figcaption>{name.clone()}</figcaption>
                            <pre><code>{text.clone()}</code></pre>
                        </figure>
                    }
                })
                .collect_view()}
        </div>
        <p>
            {format!(
                "Now is the latest poll, {}: noon in Chicago. The last day starts {day_window}, on the store's clock.",
                timeline.now,
            )}
        </p>
        <TimelineDrawing
            timeline=timeline.clone()
            from=day_start
            to=timeline.axis_seconds
            caption="The example's last day".to_string()
            store_id=example.store_id.clone()
        />
        <TimelineLegend/>
        <p>"Its business time in the last day, piece by piece, with the status each piece had:"</p>
        <ul class="pieces" data-testid="example-pieces">
            {example
                .last_day
                .iter()
                .map(|span| {
                    view! {
                        <li>
                            {format!(
                                "{}: {}, {}",
                                span.local,
                                if span.active { "up (active)" } else { "down (inactive)" },
                                describe_length(span.end - span.start),
                            )}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <p data-testid="example-sum">
            {format!(
                "Uptime = {up_pieces} = {up} minutes; downtime = {down_pieces} = {down} minutes; together {} minutes, the business time of the last day.",
                up + down,
            )}
        </p>
        <p>
            "The first piece is up because the last poll before noon on Tuesday (11:00) said active. "
            "Over the week the store was also open on Wednesday 18 January, before its first poll, so it counts as up then: "
            "the status of its first poll."
        </p>
        <WindowArithmetic timeline units=Units::Minutes/>
    }
}
