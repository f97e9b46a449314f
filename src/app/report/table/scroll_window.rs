//! Which rows the report table draws: a page's, or in the one scrolling
//! list of every row, those in sight and a few around them — plain
//! arithmetic over the box's scroll offset and height and a row's height,
//! apart from the view (as `timeline::drawing_scroll` is for a store's
//! drawing).

/// Rows drawn beyond those in sight, above and below, so that a quick
/// scroll does not show empty space.
pub const ROWS_AROUND: usize = 8;

/// The rows of page `page` of `page_size` rows among `shown`: where it
/// starts and ends (both within `shown`).
pub fn page_rows(page: usize, page_size: usize, shown: usize) -> (usize, usize) {
    let start = page.saturating_mul(page_size).min(shown);
    (start, start.saturating_add(page_size).min(shown))
}

/// Where the scrolling list is: the box's scroll offset and height, and a
/// row's height as measured on screen, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScrollBox {
    pub scrolled: f64,
    pub box_height: f64,
    pub row_height: f64,
}

/// The rows drawn of `shown` in the scrolling list: from a few above the
/// first in sight to a few below the last. The first is at an even place,
/// so that the rows' stripes do not move as the list scrolls.
pub fn rows_in_sight(scroll: ScrollBox, shown: usize) -> (usize, usize) {
    let height = scroll.row_height.max(1.0);
    let first_in_sight = (scroll.scrolled.max(0.0) / height) as usize;
    let first = first_in_sight.saturating_sub(ROWS_AROUND) & !1;
    let count = (scroll.box_height.max(0.0) / height).ceil() as usize + 2 * ROWS_AROUND + 1;
    (first.min(shown), first.saturating_add(count).min(shown))
}

/// The heights of the rows not drawn, above and below those drawn, for the
/// empty space that stands for them.
pub fn space_around(drawn: (usize, usize), shown: usize, row_height: f64) -> (f64, f64) {
    (drawn.0 as f64 * row_height, shown.saturating_sub(drawn.1) as f64 * row_height)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrolled(scrolled: f64) -> ScrollBox {
        ScrollBox { scrolled, box_height: 800.0, row_height: 44.0 }
    }

    #[test]
    fn a_page_is_cut_at_the_rows_shown() {
        assert_eq!(page_rows(0, 100, 250), (0, 100));
        assert_eq!(page_rows(2, 100, 250), (200, 250));
        // A page past the end (the rows were filtered since) is empty.
        assert_eq!(page_rows(5, 100, 250), (250, 250));
        // Every row on one page: no overflow.
        assert_eq!(page_rows(1, usize::MAX, 250), (250, 250));
    }

    #[test]
    fn the_rows_in_sight_and_eight_around_are_drawn() {
        // 800 / 44 = 18.2 rows in sight: 19, and 8 above and below, and one
        // for a row cut at each edge: 36 rows.
        assert_eq!(rows_in_sight(scrolled(0.0), 14_000), (0, 36));
        // 1,000 px down: row 22 (1,000 / 44 = 22.7) is the first in sight;
        // 8 above it is 14, already even.
        assert_eq!(rows_in_sight(scrolled(1_000.0), 14_000), (14, 50));
        // 1,100 px: row 25, 8 above is 17, made even: 16.
        assert_eq!(rows_in_sight(scrolled(1_100.0), 14_000), (16, 52));
    }

    #[test]
    fn the_window_stops_at_the_last_row() {
        assert_eq!(rows_in_sight(scrolled(1_100.0), 40), (16, 40));
        assert_eq!(rows_in_sight(scrolled(0.0), 0), (0, 0));
        // A list shorter than it was, scrolled past its end.
        assert_eq!(rows_in_sight(scrolled(100_000.0), 40), (40, 40));
    }

    #[test]
    fn a_row_height_not_yet_measured_counts_as_one_pixel() {
        let unmeasured = ScrollBox { scrolled: 10.0, box_height: 20.0, row_height: 0.0 };
        // Row 10 in sight, 8 above: 2; 20 rows in sight + 17.
        assert_eq!(rows_in_sight(unmeasured, 1_000), (2, 39));
    }

    #[test]
    fn the_rows_not_drawn_become_space() {
        assert_eq!(space_around((16, 52), 14_000, 44.0), (704.0, 13_948.0 * 44.0));
        assert_eq!(space_around((0, 40), 40, 44.0), (0.0, 0.0));
    }
}
