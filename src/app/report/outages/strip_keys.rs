//! A day strip is one tab stop: its cells are a grid of one row with a
//! roving tabindex, so that Left, Right, Home and End move the focus from
//! day to day, and each day is read and shown on its own.

use wasm_bindgen::JsCast;

/// The cell the focus moves to from cell `current` of `count` on `key`;
/// `None` for a key the strip does not handle or a move past either end.
pub fn next_cell(key: &str, current: usize, count: usize) -> Option<usize> {
    if count == 0 {
        return None;
    }
    let next = match key {
        "ArrowLeft" => current.checked_sub(1)?,
        "ArrowRight" => current + 1,
        "Home" => 0,
        "End" => count - 1,
        _ => return None,
    };
    (next < count && next != current).then_some(next)
}

/// The `tabindex` of cell `index` of `count`: the latest day is the strip's
/// tab stop until the focus moves.
pub fn initial_tabindex(index: usize, count: usize) -> &'static str {
    if index + 1 == count { "0" } else { "-1" }
}

/// Moves the focus between a strip's cells (the children of the row, the
/// first child of the element the listener is on), and the tab stop with it.
pub fn move_between_days(event: leptos::ev::KeyboardEvent) {
    let Some(strip) = event.current_target().and_then(|target| target.dyn_into::<web_sys::Element>().ok()) else {
        return;
    };
    let mut cells = Vec::new();
    let mut next = strip.first_element_child().and_then(|row| row.first_element_child());
    while let Some(cell) = next {
        next = cell.next_element_sibling();
        cells.push(cell);
    }
    let focused = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok());
    let Some(current) = cells.iter().position(|cell| Some(cell) == focused.as_ref()) else { return };
    let Some(next) = next_cell(&event.key(), current, cells.len()) else { return };
    let cell = |i: usize| cells[i].clone().dyn_into::<web_sys::HtmlElement>().ok();
    if let (Some(from), Some(to)) = (cell(current), cell(next)) {
        event.prevent_default();
        // Arrows would otherwise also move the table to another row.
        event.stop_propagation();
        let _ = from.set_attribute("tabindex", "-1");
        let _ = to.set_attribute("tabindex", "0");
        let _ = to.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_home_and_end_move_within_the_strip() {
        assert_eq!(next_cell("ArrowLeft", 3, 7), Some(2));
        assert_eq!(next_cell("ArrowRight", 3, 7), Some(4));
        assert_eq!(next_cell("Home", 3, 7), Some(0));
        assert_eq!(next_cell("End", 3, 7), Some(6));
        assert_eq!(next_cell("ArrowLeft", 0, 7), None);
        assert_eq!(next_cell("ArrowRight", 6, 7), None);
        assert_eq!(next_cell("End", 6, 7), None);
        assert_eq!(next_cell("ArrowDown", 3, 7), None);
        assert_eq!(next_cell("Home", 0, 0), None);
    }

    #[test]
    fn the_latest_day_is_the_tab_stop() {
        let stops: Vec<&str> = (0..3).map(|i| initial_tabindex(i, 3)).collect();
        assert_eq!(stops, ["-1", "-1", "0"]);
    }
}
