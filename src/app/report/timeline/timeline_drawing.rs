//! A store's time on one axis, as an SVG: its local days, business hours
//! as bands, the status between polls, each poll, the business time counted
//! as up or down, and where the report's windows start. A drawing fits its
//! box, or (a long horizon) is drawn at so many pixels a day in a box that
//! scrolls sideways, so that its text keeps its size.
//!
//! Up and down differ in three ways, so that the drawing reads in greyscale
//! and for colour-blind users: colour, a hatch on "down", and position (a
//! down bar sits lower than an up bar, like a step chart).

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use leptos::html::Div;
use leptos::prelude::*;

use super::drawing_layers::{self as layers, AXIS, Axis, Drawn, LABEL_ROOM, day_name, describe_length};
use super::drawing_scroll::{drawn_around, needs_drawing, scroll_to_show, scrolled_by_key};
use crate::protocol::{Span, TimelineMessage};

const DAY_SECONDS: f64 = 86_400.0;
/// The column of row names, left of the box that scrolls.
const LABEL_WIDTH: f64 = 84.0;
/// The width of a drawing that fits its box: pixels, when the box is at
/// least that wide (it is scaled up to a wider box, and scrolls in a
/// narrower one, so that its text never shrinks). `style/main.css` gives
/// `svg.timeline.fit` this minimum width.
const FIT_WIDTH: f64 = 916.0;
const HEIGHT: f64 = 130.0;

/// Each drawing needs its own id for its hatch pattern and its labels.
static DRAWINGS: AtomicU32 = AtomicU32::new(0);

/// How a drawing's time becomes width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DrawingScale {
    /// The whole period in `FIT_WIDTH`, scaled to the box.
    Fit,
    /// This many pixels a day, at the drawing's own size, in a box that
    /// scrolls sideways; only the days around what the box shows are drawn.
    PerDay(f64),
}

#[component]
pub fn TimelineDrawing(
    timeline: Arc<TimelineMessage>,
    /// Seconds from the start of the timeline's axis.
    from: f64,
    to: f64,
    caption: String,
    /// For the screen reader summary.
    store_id: String,
    /// An outage to pick out, in seconds from the start of the axis; the box
    /// scrolls to it.
    #[prop(optional)]
    highlight: Option<ReadSignal<Option<(f64, f64)>>>,
    /// [`DrawingScale::Fit`] unless given.
    #[prop(optional)]
    scale: Option<DrawingScale>,
) -> impl IntoView {
    let uid = DRAWINGS.fetch_add(1, Ordering::Relaxed);
    let hatch = format!("hatch-{uid}");
    let hatch_fill = format!("url(#{hatch})");
    let title_id = format!("drawing-{uid}-title");
    let desc_id = format!("drawing-{uid}-desc");
    let span = (to - from).max(1.0);
    let scale = scale.unwrap_or(DrawingScale::Fit);
    let (plot_width, day_pixels) = match scale {
        DrawingScale::Fit => (FIT_WIDTH, FIT_WIDTH / span * DAY_SECONDS),
        DrawingScale::PerDay(pixels) => (span / DAY_SECONDS * pixels, pixels),
    };
    let x = move |t: f64| (t.clamp(from, to) - from) / span * plot_width;
    // The hours' labels take the room below the axis on a day's drawing.
    let day_scale = to - from <= DAY_SECONDS + 1.0;
    let height = if day_scale { HEIGHT } else { AXIS + 18.0 };

    // What is in the DOM: all of a fitting drawing; of a long one, the days
    // around what its box shows (now, at first).
    let drawn = RwSignal::new(match scale {
        DrawingScale::Fit => (from, to),
        DrawingScale::PerDay(_) => drawn_around(from, to, to, to),
    });
    // Where the box's left edge is, on a drawing that scrolls: the day cut
    // there keeps its name in view (see `kept_name`).
    let left_edge = RwSignal::new(None::<f64>);
    let scroller = NodeRef::<Div>::new();
    let shown_seconds = move |element: &web_sys::HtmlDivElement| {
        let left = from + f64::from(element.scroll_left()) / plot_width * span;
        (left, left + f64::from(element.client_width()) / plot_width * span)
    };
    let follow_scroll = move || {
        if let Some(element) = scroller.get_untracked() {
            let (left, right) = shown_seconds(&element);
            if matches!(scale, DrawingScale::PerDay(_)) {
                left_edge.set(Some(left));
            }
            if needs_drawing(from, to, drawn.get_untracked(), left, right) {
                drawn.set(drawn_around(from, to, left, right));
            }
        }
    };
    let axis = Axis { from, to, plot_width, day_scale };
    scroll_where_asked(scroller, axis, highlight, follow_scroll);
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        let Some(element) = scroller.get_untracked() else { return };
        let left = f64::from(element.scroll_left());
        let room = f64::from(element.scroll_width() - element.client_width());
        if let Some(target) = scrolled_by_key(&event.key(), left, day_pixels, room) {
            event.prevent_default();
            element.set_scroll_left(target.round() as i32);
        }
    };

    let cut_day = cut_day(timeline.clone(), axis, left_edge);
    let days_for_name = timeline.clone();
    // Made again only when the cut day changes; its place follows the edge
    // on every scroll.
    let kept_name = move || {
        let (name, odd_length) = day_name(days_for_name.days.get(cut_day.get()?)?);
        let place = move || left_edge.get().map_or(0.0, |left| x(left) + 3.0);
        Some(view! {
            <text x=place y="11" class="day-label kept" class:odd-length=odd_length aria-hidden="true">
                {name}
            </text>
        })
    };

    let timeline_for_body = timeline.clone();
    let body = move || {
        let timeline = &timeline_for_body;
        let (lo, hi) = drawn.get();
        let drawn = Drawn { lo, hi };
        view! {
            {layers::days(timeline, axis, drawn, cut_day)}
            {layers::windows(timeline, axis, drawn, height)}
            {layers::bands(timeline, axis, drawn)}
            {layers::status_bars(&timeline.status, 41.0, "Status", axis, drawn, &hatch_fill)}
            {layers::polls(timeline, axis, drawn)}
            {layers::status_bars(&timeline.counted, 76.0, "Counted as", axis, drawn, &hatch_fill)}
            <line x1="0" x2=plot_width y1=AXIS y2=AXIS class="axis"></line>
            {layers::hours(timeline, axis, drawn)}
        }
    };

    let summary = summary(&timeline, from, to, &store_id);
    let labelled_by = format!("{title_id} {desc_id}");
    let (svg_class, svg_width) = match scale {
        DrawingScale::Fit => ("timeline fit", None),
        DrawingScale::PerDay(_) => ("timeline per-day", Some(plot_width)),
    };
    view! {
        <figure class="drawing" class:scrolling=matches!(scale, DrawingScale::PerDay(_))>
            <figcaption id=title_id.clone()>{caption.clone()}</figcaption>
            <div class="drawing-body">
                <RowLabels height/>
                <div
                    class="drawing-scroll"
                    node_ref=scroller
                    tabindex="0"
                    role="group"
                    aria-label="The drawing: ← and → scroll by a day, Page Up and Page Down by a week"
                    on:scroll=move |_| follow_scroll()
                    on:keydown=on_key
                >
                    <svg
                        viewBox=format!("0 0 {plot_width} {height}")
                        width=svg_width
                        height=svg_width.map(|_| height)
                        role="img"
                        aria-labelledby=labelled_by
                        class=svg_class
                        data-from=from
                        data-to=to
                    >
                        <title>{caption}</title>
                        <desc id=desc_id>{summary}</desc>
                        {hatch_pattern(hatch)}
                        {body}
                        {kept_name}
                        {move || highlight.and_then(|highlight| highlight.get()).map(|outage| outage_highlight(axis, outage))}
                    </svg>
                </div>
            </div>
        </figure>
    }
}

/// The day whose start is scrolled out of the box while most of it is in:
/// its name is drawn at the box's left edge instead of its own start, where
/// it would be cut. Not when the day ends too close to the edge for its
/// name: the next day's name is then in view.
fn cut_day(timeline: Arc<TimelineMessage>, axis: Axis, left_edge: RwSignal<Option<f64>>) -> Memo<Option<usize>> {
    Memo::new(move |_| {
        let left = left_edge.get()?;
        timeline
            .days
            .iter()
            .position(|day| day.start < left && left < day.end && axis.x(day.end) - axis.x(left) >= LABEL_ROOM)
    })
}

/// Scrolls the box to now (the right) when it opens, and to an outage
/// picked out in the list; then `follow_scroll` draws what came into view.
fn scroll_where_asked(
    scroller: NodeRef<Div>,
    axis: Axis,
    highlight: Option<ReadSignal<Option<(f64, f64)>>>,
    follow_scroll: impl Fn() + Copy + 'static,
) {
    Effect::new(move |_| {
        if let Some(element) = scroller.get() {
            element.set_scroll_left(element.scroll_width());
            follow_scroll();
        }
    });
    Effect::new(move |_| {
        let Some((start, end)) = highlight.and_then(|highlight| highlight.get()) else { return };
        let Some(element) = scroller.get_untracked() else { return };
        if end <= axis.from || start >= axis.to {
            return;
        }
        let left = f64::from(element.scroll_left());
        let width = f64::from(element.client_width());
        if let Some(target) = scroll_to_show(axis.x(start), axis.x(end), left, width) {
            element.set_scroll_left(target.round() as i32);
            follow_scroll();
        }
    });
}

/// The rows' names, which stay put while the drawing scrolls.
#[component]
fn RowLabels(height: f64) -> impl IntoView {
    view! {
        <svg
            class="row-labels"
            aria-hidden="true"
            width=LABEL_WIDTH
            height=height
            viewBox=format!("0 0 {LABEL_WIDTH} {height}")
        >
            <text x="0" y="31" class="row-label">"Open"</text>
            <text x="0" y="54" class="row-label">"Status"</text>
            <text x="0" y="89" class="row-label">"Counted"</text>
        </svg>
    }
}

/// The hatch of "down", under the drawing's own id.
fn hatch_pattern(id: String) -> impl IntoView {
    view! {
        <defs>
            <pattern id=id width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="5" height="5" class="hatch-ground"></rect>
                <line x1="0" y1="0" x2="0" y2="5" class="hatch-line"></line>
            </pattern>
        </defs>
    }
}

/// An outage picked out in the list, if it is on the axis.
fn outage_highlight(axis: Axis, (start, end): (f64, f64)) -> Option<impl IntoView> {
    (end > axis.from && start < axis.to).then(|| {
        let left = axis.x(start);
        view! {
            <rect
                x=left
                y="15"
                width=(axis.x(end) - left).max(2.0)
                height=AXIS - 15.0
                class="outage-highlight"
                data-testid="outage-highlight"
            ></rect>
        }
    })
}

/// What the drawing shows, in words, for screen readers.
fn summary(timeline: &TimelineMessage, from: f64, to: f64, store_id: &str) -> String {
    let within = |s: &Span| (s.end.min(to) - s.start.max(from)).max(0.0);
    let total = |active: bool| timeline.counted.iter().filter(|s| s.active == active).map(within).sum::<f64>();
    let open: f64 = timeline.business.iter().map(within).sum();
    let polls = timeline.polls.iter().filter(|poll| poll.at >= from && poll.at <= to).count();
    format!(
        "Store {store_id}, timezone {}: open {} in this period; of it, up {} and down {}. {polls} polls.",
        timeline.zone,
        describe_length(open),
        describe_length(total(true)),
        describe_length(total(false)),
    )
}
