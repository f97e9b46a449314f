//! A bar per store, as an SVG whose every bar is a link to the store's
//! week: the charts of the overview that name stores. Links, so that Tab
//! reaches each store and Enter opens it. Ids longer than the data's 19
//! digits (UUIDs) go on a line of their own above their bar.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::report::timeline::route::Timeline;

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
    /// How bad the figure is, 0 (not at all) to 4, for the bar's colour;
    /// `None` for the chart's one colour.
    pub severity: Option<u8>,
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
const ID_CHARS: usize = 19;
/// The most characters of an id on a line of its own; a longer one is cut
/// with an ellipsis (its link's name and title keep all of it).
const LINE_CHARS: usize = 54;
const FIGURE_WIDTH: f64 = 64.0;
const ROW: f64 = 20.0;
/// A row whose id is on a line above its bar.
const TALL_ROW: f64 = 32.0;

/// Where a row's parts go: beside the bar when every id fits in the id
/// column (the 19-digit ids of the data), else each id on its own line
/// above a bar of the drawing's full width (ids such as UUIDs).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Layout {
    row: f64,
    /// The id's baseline, from the row's top.
    id_y: f64,
    bar_x: f64,
    bar_y: f64,
    /// The figure's baseline, from the row's top.
    figure_y: f64,
}

impl Layout {
    fn for_ids<'a>(mut ids: impl Iterator<Item = &'a str>) -> Layout {
        if ids.all(|id| id.chars().count() <= ID_CHARS) {
            Layout { row: ROW, id_y: 14.0, bar_x: ID_WIDTH, bar_y: 4.0, figure_y: 14.0 }
        } else {
            Layout { row: TALL_ROW, id_y: 12.0, bar_x: 0.0, bar_y: 16.0, figure_y: 26.0 }
        }
    }
}

/// The id as drawn: whole, or cut to a line with an ellipsis.
fn drawn_id(id: &str) -> String {
    if id.chars().count() <= LINE_CHARS {
        id.to_string()
    } else {
        let mut cut: String = id.chars().take(LINE_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

#[component]
pub fn StoreBars(bars: Vec<StoreBar>, labelled_by: String, class: &'static str) -> impl IntoView {
    let state = expect_context::<Timeline>();
    let layout = Layout::for_ids(bars.iter().map(|bar| bar.store_id.as_str()));
    let height = layout.row * bars.len() as f64 + 4.0;
    // Room for the longest figure ("12.5% of 161 h"), at about 6 px a character.
    let longest_figure = bars.iter().map(|bar| bar.figure.chars().count()).max().unwrap_or(0);
    let figure_width = (6.0 * longest_figure as f64 + 6.0).max(FIGURE_WIDTH);
    let plot = WIDTH - layout.bar_x - figure_width;
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = 2.0 + layout.row * i as f64;
            let length = (bar.share.clamp(0.0, 1.0) * plot).max(1.0);
            let href = format!("#store={}", String::from(js_sys::encode_uri_component(&bar.store_id)));
            let label = bar.label();
            let bar_y = y + layout.bar_y;
            let bar_class = bar.severity.map_or_else(|| "bar".to_string(), |severity| format!("bar severity-{severity}"));
            // Inside a <g>, so that the view builds an SVG link, not an HTML one.
            // Its name comes from its <title> (which begins with the text
            // drawn, as voice control needs), also shown on hover. The link
            // is what the focus returns to when the store's week closes.
            view! {
                <g>
                <a
                    href=href
                    class="store-bar"
                    data-store-id=bar.store_id.clone()
                    on:click={
                        let store_id = bar.store_id.clone();
                        move |event: leptos::ev::MouseEvent| {
                            // A click with a modifier opens the link where the browser would.
                            if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
                                return;
                            }
                            if let Some(link) = event.current_target().and_then(|link| link.dyn_into::<web_sys::Element>().ok()) {
                                state.opened_from(link);
                            }
                            // Through the timeline rather than the link's own address, which
                            // would drop the table's view from the address.
                            event.prevent_default();
                            state.open_store(&store_id);
                        }
                    }
                >
                    <title>{label}</title>
                    <rect x="0" y=y width=WIDTH height=layout.row class="hit"></rect>
                    <text x="2" y=y + layout.id_y class="bar-id">{drawn_id(&bar.store_id)}</text>
                    <rect x=layout.bar_x y=bar_y width=plot height=ROW - 8.0 class="track"></rect>
                    <rect x=layout.bar_x y=bar_y width=length height=ROW - 8.0 class=bar_class></rect>
                    <text x=WIDTH - 2.0 y=y + layout.figure_y class="bar-figure" text-anchor="end">{bar.figure}</text>
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

#[cfg(test)]
mod tests {
    use super::{Layout, drawn_id};

    #[test]
    fn long_ids_go_on_their_own_line() {
        let digits = ["8419537941919820732", "1"];
        assert_eq!(Layout::for_ids(digits.into_iter()).bar_x, 138.0);
        let uuid = ["8419537941919820732", "0f8fad5b-d9cb-469f-a165-70867728950e"];
        let tall = Layout::for_ids(uuid.into_iter());
        assert_eq!((tall.bar_x, tall.row), (0.0, 32.0));
        assert_eq!(drawn_id(uuid[1]), uuid[1]);
        let long = "x".repeat(80);
        let drawn = drawn_id(&long);
        assert_eq!(drawn.chars().count(), 54);
        assert!(drawn.ends_with('…') && long.starts_with(drawn.trim_end_matches('…')));
    }
}
