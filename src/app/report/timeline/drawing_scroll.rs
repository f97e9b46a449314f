//! Which part of a long drawing is put in the DOM, and where a key moves
//! its box: a 90- or 366-day drawing scrolls inside its own box, and only
//! the days around what the box shows are drawn, so that the page keeps a
//! small DOM whatever the horizon.

const DAY_SECONDS: f64 = 86_400.0;
/// Days drawn on each side of what the box shows: a scroll of less than
/// this draws nothing new.
pub const MARGIN_DAYS: f64 = 7.0;

/// The stretch of the axis `[from, to]` to draw, in seconds, when the box
/// shows `[left, right]`: that and a margin on each side.
pub fn drawn_around(from: f64, to: f64, left: f64, right: f64) -> (f64, f64) {
    let margin = MARGIN_DAYS * DAY_SECONDS;
    ((left - margin).max(from), (right + margin).min(to))
}

/// Whether the box, showing `[left, right]`, has come to an edge of what
/// is drawn, `drawn`, that is not an edge of the axis.
pub fn needs_drawing(from: f64, to: f64, drawn: (f64, f64), left: f64, right: f64) -> bool {
    (left < drawn.0 && drawn.0 > from) || (right > drawn.1 && drawn.1 < to)
}

/// Where a key moves the box's left edge, in pixels: a day for the arrows,
/// a week for Page Up and Page Down, the ends for Home and End; `None` for
/// any other key.
pub fn scrolled_by_key(key: &str, left: f64, day_pixels: f64, scroll_width: f64) -> Option<f64> {
    let step = match key {
        "ArrowLeft" => -day_pixels,
        "ArrowRight" => day_pixels,
        "PageUp" => -7.0 * day_pixels,
        "PageDown" => 7.0 * day_pixels,
        "Home" => -scroll_width,
        "End" => scroll_width,
        _ => return None,
    };
    Some((left + step).clamp(0.0, scroll_width.max(0.0)))
}

/// Where the box's left edge goes so that `[start, end]` (pixels) is in
/// view in a box `width` wide whose left edge is at `left`: unchanged when
/// the start is already in view, else the start a little in from the left.
pub fn scroll_to_show(start: f64, end: f64, left: f64, width: f64) -> Option<f64> {
    let in_view = start >= left && start <= left + width && end <= left + width;
    let starts_in_view = start >= left && start < left + width;
    if in_view || (starts_in_view && end - start > width) {
        return None;
    }
    Some((start - width.min(40.0)).max(0.0))
}

/// The weeks a drawing of the axis `[0, axis]` is printed in, oldest
/// first: 7 × 24 hours each, back from now at its end, the oldest shorter
/// when the axis is not a whole number of weeks. On paper nothing scrolls.
pub fn printed_weeks(axis: f64) -> Vec<(f64, f64)> {
    let week = 7.0 * DAY_SECONDS;
    let count = (axis / week).ceil().max(1.0) as usize;
    (0..count).rev().map(|back| ((axis - (back as f64 + 1.0) * week).max(0.0), axis - back as f64 * week)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_a_week_at_a_time_back_from_now() {
        assert_eq!(printed_weeks(7.0 * DAY), [(0.0, 7.0 * DAY)]);
        assert_eq!(printed_weeks(1.0 * DAY), [(0.0, 1.0 * DAY)]);
        assert_eq!(printed_weeks(14.0 * DAY), [(0.0, 7.0 * DAY), (7.0 * DAY, 14.0 * DAY)]);
        let ninety = printed_weeks(90.0 * DAY);
        assert_eq!(ninety.len(), 13);
        assert_eq!(ninety[0], (0.0, 6.0 * DAY));
        assert_eq!(ninety[1], (6.0 * DAY, 13.0 * DAY));
        assert_eq!(ninety[12], (83.0 * DAY, 90.0 * DAY));
    }

    const DAY: f64 = DAY_SECONDS;

    #[test]
    fn draws_what_is_shown_and_a_week_around_it() {
        assert_eq!(drawn_around(0.0, 90.0 * DAY, 40.0 * DAY, 47.0 * DAY), (33.0 * DAY, 54.0 * DAY));
        assert_eq!(drawn_around(0.0, 90.0 * DAY, 2.0 * DAY, 9.0 * DAY), (0.0, 16.0 * DAY));
        assert_eq!(drawn_around(0.0, 90.0 * DAY, 83.0 * DAY, 90.0 * DAY), (76.0 * DAY, 90.0 * DAY));
    }

    #[test]
    fn draws_again_only_past_an_edge_that_is_not_the_axis_end() {
        let drawn = (33.0 * DAY, 54.0 * DAY);
        assert!(!needs_drawing(0.0, 90.0 * DAY, drawn, 35.0 * DAY, 42.0 * DAY));
        assert!(needs_drawing(0.0, 90.0 * DAY, drawn, 32.0 * DAY, 39.0 * DAY));
        assert!(needs_drawing(0.0, 90.0 * DAY, drawn, 48.0 * DAY, 55.0 * DAY));
        // All of a week's axis is drawn: never again.
        assert!(!needs_drawing(0.0, 7.0 * DAY, (0.0, 7.0 * DAY), 0.0, 7.0 * DAY));
    }

    #[test]
    fn keys_move_by_day_and_week_within_the_box() {
        assert_eq!(scrolled_by_key("ArrowLeft", 500.0, 130.0, 11_700.0), Some(370.0));
        assert_eq!(scrolled_by_key("ArrowRight", 11_650.0, 130.0, 11_700.0), Some(11_700.0));
        assert_eq!(scrolled_by_key("PageUp", 500.0, 130.0, 11_700.0), Some(0.0));
        assert_eq!(scrolled_by_key("End", 0.0, 130.0, 11_700.0), Some(11_700.0));
        assert_eq!(scrolled_by_key("Home", 900.0, 130.0, 11_700.0), Some(0.0));
        assert_eq!(scrolled_by_key("a", 900.0, 130.0, 11_700.0), None);
    }

    #[test]
    fn an_outage_out_of_view_is_brought_into_it() {
        // In view: nothing moves.
        assert_eq!(scroll_to_show(1_000.0, 1_050.0, 900.0, 400.0), None);
        // Starts in view but is longer than the box: nothing moves.
        assert_eq!(scroll_to_show(1_000.0, 2_000.0, 900.0, 400.0), None);
        // Before or after the view: its start goes 40 px in from the left.
        assert_eq!(scroll_to_show(100.0, 150.0, 900.0, 400.0), Some(60.0));
        assert_eq!(scroll_to_show(5_000.0, 5_100.0, 900.0, 400.0), Some(4_960.0));
        // Ends past the right edge: moved too.
        assert_eq!(scroll_to_show(1_200.0, 1_350.0, 900.0, 400.0), Some(1_160.0));
    }
}
