//! The layers of a store's drawing ([`super::timeline_drawing`]), each
//! drawn for the part of the axis in the DOM (`lo` to `hi`): its local
//! days, hours, business hours, status, polls and the report's windows.

use leptos::prelude::*;

use crate::protocol::{DayMark, Span, TimelineMessage};
use engine::Window;

/// The bottom of the rows, where the axis runs.
pub const AXIS: f64 = 100.0;
/// A day narrower than this has no room for its name: "Wed 25 Jan" in the
/// drawing's 11 px type is about 60 px, drawn 3 px in. At 56, a day cut
/// at the box's edge kept its name where the next day's began (the week's
/// first two names ran together on a phone).
pub const LABEL_ROOM: f64 = 66.0;

/// Where a time of the drawing's axis falls: seconds from the axis's start
/// to pixels of the drawing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    pub from: f64,
    pub to: f64,
    pub plot_width: f64,
    /// A day's drawing (or shorter): every hour ticked, labelled every three.
    pub day_scale: bool,
}

impl Axis {
    pub fn x(&self, t: f64) -> f64 {
        let span = (self.to - self.from).max(1.0);
        (t.clamp(self.from, self.to) - self.from) / span * self.plot_width
    }
}

/// The part of the axis in the DOM.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drawn {
    pub lo: f64,
    pub hi: f64,
}

impl Drawn {
    fn shows(&self, s: &Span) -> bool {
        s.end > self.lo && s.start < self.hi
    }
}

/// The store's local days, alternately shaded, with their names; the day
/// `cut_day` has its name kept at the box's edge instead.
pub fn days(
    timeline: &TimelineMessage,
    axis: Axis,
    drawn: Drawn,
    cut_day: Memo<Option<usize>>,
) -> impl IntoView + use<> {
    timeline
        .days
        .iter()
        .enumerate()
        .filter(|(_, day)| day.end > drawn.lo && day.start < drawn.hi)
        .map(|(i, day)| {
            let (left, right) = (axis.x(day.start), axis.x(day.end));
            let hours = day.hours();
            let (name, odd_length) = day_name(day);
            let title = format!("{}: {} hours on the store's clock", day.label, hours);
            view! {
                <rect
                    x=left
                    y="15"
                    width=(right - left).max(0.0)
                    height=AXIS - 15.0
                    class=if i % 2 == 0 { "day even" } else { "day odd" }
                    class:odd-length=odd_length
                    data-day=day.date.clone()
                    data-hours=hours
                >
                    <title>{title}</title>
                </rect>
                <line x1=left x2=left y1="0" y2=AXIS class="day-line"></line>
                {(right - left >= LABEL_ROOM)
                    .then(|| {
                        view! {
                            <text
                                x=left + 3.0
                                y="11"
                                class="day-label"
                                class:odd-length=odd_length
                                class:cut=move || cut_day.get() == Some(i)
                            >
                                {name}
                            </text>
                        }
                    })}
            }
        })
        .collect_view()
}

/// Local hours: every hour on a day's drawing, labelled every three; on
/// longer ones, every six hours, unlabelled (the days are).
pub fn hours(timeline: &TimelineMessage, axis: Axis, drawn: Drawn) -> impl IntoView + use<> {
    timeline
        .local_hours
        .iter()
        .filter(|(t, hour)| {
            *t > axis.from && *t < axis.to && *t > drawn.lo && *t < drawn.hi && (axis.day_scale || hour % 6 == 0)
        })
        .map(|&(t, hour)| {
            let left = axis.x(t);
            // Not so near the edges that the label would be cut off.
            let labelled = axis.day_scale && hour % 3 == 0 && left > 16.0 && left < axis.plot_width - 16.0;
            view! {
                <line x1=left x2=left y1=AXIS y2=AXIS + 4.0 class="tick"></line>
                {labelled
                    .then(|| {
                        view! {
                            <text x=left y=AXIS + 14.0 class="hour-label" text-anchor="middle">
                                {format!("{hour:02}:00")}
                            </text>
                        }
                    })}
            }
        })
        .collect_view()
}

/// Business hours, as bands.
pub fn bands(timeline: &TimelineMessage, axis: Axis, drawn: Drawn) -> impl IntoView + use<> {
    timeline
        .business
        .iter()
        .enumerate()
        .filter(|(_, s)| drawn.shows(s))
        .map(|(i, s)| {
            let left = axis.x(s.start);
            view! {
                <rect x=left y="21" width=(axis.x(s.end) - left).max(0.8) height="13" class="band" data-band=i>
                    <title>{format!("Open {} ({})", s.local, describe_length(s.end - s.start))}</title>
                </rect>
            }
        })
        .collect_view()
}

/// A row of up and down bars (the status, or the time counted) from `top`;
/// a down bar sits lower and is hatched with `hatch_fill`.
pub fn status_bars(
    spans: &[Span],
    top: f64,
    what: &'static str,
    axis: Axis,
    drawn: Drawn,
    hatch_fill: &str,
) -> impl IntoView + use<> {
    spans
        .iter()
        .filter(|s| drawn.shows(s))
        .map(|s| {
            let left = axis.x(s.start);
            let (y, class, fill) =
                if s.active { (top, "up", None) } else { (top + 6.0, "down", Some(hatch_fill.to_string())) };
            let state = if s.active { "up (active)" } else { "down (inactive)" };
            view! {
                <rect x=left y=y width=(axis.x(s.end) - left).max(0.8) height="10" class=class fill=fill>
                    <title>{format!("{what} {state}: {} ({})", s.local, describe_length(s.end - s.start))}</title>
                </rect>
            }
        })
        .collect_view()
}

/// Each poll, up or down.
pub fn polls(timeline: &TimelineMessage, axis: Axis, drawn: Drawn) -> impl IntoView + use<> {
    timeline
        .polls
        .iter()
        .filter(|poll| poll.at >= axis.from && poll.at <= axis.to && poll.at >= drawn.lo && poll.at <= drawn.hi)
        .map(|poll| {
            let left = axis.x(poll.at);
            view! {
                <rect
                    x=left - 1.0
                    y=if poll.active { 59.0 } else { 63.0 }
                    width="2"
                    height="8"
                    class=if poll.active { "poll up" } else { "poll down" }
                >
                    <title>{format!("Poll: {}", poll.text)}</title>
                </rect>
            }
        })
        .collect_view()
}

/// The report's windows end at now, the right edge: each is shaded from
/// its start, and labelled above the drawing's bottom at `height`.
pub fn windows(timeline: &TimelineMessage, axis: Axis, drawn: Drawn, height: f64) -> impl IntoView + use<> {
    timeline
        .windows
        .iter()
        .zip(Window::ALL)
        .filter(|(mark, _)| {
            mark.start > axis.from && mark.start < axis.to && mark.start > drawn.lo && mark.start < drawn.hi
        })
        .map(|(mark, window)| {
            let left = axis.x(mark.start);
            view! {
                <rect x=left y="15" width=(axis.plot_width - left).max(0.0) height=AXIS - 15.0 class="window-shade">
                    <title>{format!("The last {} starts {}", window.name(), mark.local_start)}</title>
                </rect>
                <line x1=left x2=left y1="15" y2=AXIS + 4.0 class="window-line" data-window=window.name()></line>
                <text x=left - 3.0 y=height - 3.0 class="window-label" text-anchor="end">
                    {format!("last {} →", window.name())}
                </text>
            }
        })
        .collect_view()
}

/// A day's name on the axis, with its length when it is not 24 hours; and
/// whether it is not.
pub fn day_name(day: &DayMark) -> (String, bool) {
    let hours = day.hours();
    let odd_length = (hours - 24.0).abs() > 0.01;
    let name = if odd_length { format!("{} · {} h", day.label, hours) } else { day.label.clone() };
    (name, odd_length)
}

/// A length of time for reading: "3 h 30 min", "45 min", "12 s".
pub fn describe_length(seconds: f64) -> String {
    let seconds = seconds.max(0.0).round() as i64;
    let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    match (hours, minutes, rest) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, 0, 0) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::describe_length;

    #[test]
    fn lengths_read_naturally() {
        assert_eq!(describe_length(12.0), "12 s");
        assert_eq!(describe_length(2700.0), "45 min");
        assert_eq!(describe_length(2712.0), "45 min 12 s");
        assert_eq!(describe_length(12_600.0), "3 h 30 min");
        assert_eq!(describe_length(82_800.0), "23 h");
    }
}
