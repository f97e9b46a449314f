//! A bar per store, as an SVG whose every bar is a link to the store's
//! week: the charts of the overview that name stores. Links, so that Tab
//! reaches each store and Enter opens it.

use leptos::prelude::*;

/// One store's bar: its length as a share of the scale, the figure written
/// beside it, and what a screen reader says of it.
pub struct StoreBar {
    pub store_id: String,
    /// 0 to 1.
    pub share: f64,
    pub figure: String,
    pub label: String,
}

const WIDTH: f64 = 360.0;
/// Room for a 19-digit id in the drawing's monospace type.
const ID_WIDTH: f64 = 138.0;
const FIGURE_WIDTH: f64 = 64.0;
const ROW: f64 = 20.0;

#[component]
pub fn StoreBars(bars: Vec<StoreBar>, labelled_by: String, class: &'static str) -> impl IntoView {
    let height = ROW * bars.len() as f64 + 4.0;
    let plot = WIDTH - ID_WIDTH - FIGURE_WIDTH;
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = 2.0 + ROW * i as f64;
            let length = (bar.share.clamp(0.0, 1.0) * plot).max(1.0);
            let href = format!("#store={}", String::from(js_sys::encode_uri_component(&bar.store_id)));
            // Inside a <g>, so that the view builds an SVG link, not an HTML one.
            view! {
                <g>
                <a href=href class="store-bar" data-store-id=bar.store_id.clone() aria-label=bar.label.clone()>
                    <title>{bar.label.clone()}</title>
                    <rect x="0" y=y width=WIDTH height=ROW class="hit"></rect>
                    <text x="2" y=y + 14.0 class="bar-id">{bar.store_id.clone()}</text>
                    <rect x=ID_WIDTH y=y + 4.0 width=plot height=ROW - 8.0 class="track"></rect>
                    <rect x=ID_WIDTH y=y + 4.0 width=length height=ROW - 8.0 class="bar"></rect>
                    <text x=WIDTH - 2.0 y=y + 14.0 class="bar-figure" text-anchor="end">{bar.figure}</text>
                </a>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            viewBox=format!("0 0 {WIDTH} {height}")
            class=format!("chart {class}")
            role="group"
            aria-labelledby=labelled_by
        >
            {rows}
        </svg>
    }
}
