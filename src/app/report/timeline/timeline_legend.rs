//! The key to a timeline drawing.

use leptos::prelude::*;

#[component]
pub fn TimelineLegend() -> impl IntoView {
    view! {
        <ul class="legend" aria-label="Key to the drawing">
            <li><span class="swatch band" aria-hidden="true"></span>"open (business hours)"</li>
            <li><span class="swatch up" aria-hidden="true"></span>"up (active): solid, high"</li>
            <li><span class="swatch down" aria-hidden="true"></span>"down (inactive): hatched, low"</li>
            <li><span class="swatch poll" aria-hidden="true"></span>"a poll (point at it for its time)"</li>
            <li><span class="swatch window" aria-hidden="true"></span>"the last day and the last hour"</li>
        </ul>
    }
}
