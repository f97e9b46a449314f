//! A bar per store, as an SVG whose every bar is a link to the store's
//! week: the charts of the overview that name stores. Links, so that Tab
//! reaches each store and Enter opens it.

use leptos::prelude::*;

/// One store's bar: its length as a share of the scale, the figure written
/// beside it, and what the figure means. A screen reader says the id and
/// the figure first, as written (so that the name said by voice control
/// matches what is seen), then the meaning.
pub struct StoreBar {
    pub store_id: String,
    /// 0 to 1.
    pub share: f64,
    pub figure: String,
    /// Said after the id and the figure, e.g. "down in the last hour".
    pub meaning: String,
}

impl StoreBar {
    /// The link's accessible name: the visible text, then its meaning.
    fn label(&self) -> String {
        format!("{} {}, {}", self.store_id, self.figure, self.meaning)
    }
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
            let label = bar.label();
            // Inside a <g>, so that the view builds an SVG link, not an HTML one.
            // Its name comes from its <title> (which begins with the text
            // drawn, as voice control needs), also shown on hover.
            view! {
                <g>
                <a href=href class="store-bar" data-store-id=bar.store_id.clone()>
                    <title>{label}</title>
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
