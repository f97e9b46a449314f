//! What a chart's "show in the table" does: sets the table's conditions and
//! order, then brings the table into view with the focus on it, so that
//! the rows asked for are what the user sees and hears next.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::report::table::columns::{RowConditions, Sort, TableFocus};

/// Shows the rows that meet `conditions` in `sort`'s order, from the first
/// page, with no id filter (it would hide some of them).
pub fn show_in_table(focus: TableFocus, conditions: RowConditions, sort: Sort) {
    focus.filter.set(String::new());
    focus.conditions.set(conditions);
    focus.sort.set(sort);
    focus.page.set(0);
    let table_id = focus.table_id;
    // Once the table has its new rows: the focus on the table, then its
    // controls at the top of the window (the count and the conditions say
    // why rows are hidden), the table's first rows under them.
    request_animation_frame(move || {
        let document = document();
        if let Some(table) =
            document.get_element_by_id(table_id).and_then(|table| table.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = table.focus();
        }
        if let Some(controls) = document.get_element_by_id(&format!("{table_id}-controls")) {
            controls.scroll_into_view();
        }
    });
}
