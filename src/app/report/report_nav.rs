//! The answer in view: a report made by Generate is brought to the top of
//! the window with the focus on its heading; under the heading, "Skip to
//! the table" (to the first row's button) and a navigation that stays at
//! the top of the window while the report scrolls (Overview · Outages ·
//! Table). They are buttons that scroll and move the focus, not links: the
//! address after `#` holds the view, which a link's `#id` would replace.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::shell::bring_to_top;

/// Where each part of the report starts (the ids of the elements that
/// take the focus).
pub const OVERVIEW_ID: &str = "report-overview";
pub const OUTAGES_ID: &str = "report-outages";

/// The focus on the table's first row (its store's button), else on the
/// table itself (no row in the view).
fn to_the_table(table_id: &'static str) {
    let first_row = document()
        .query_selector(&format!("#{table_id} tbody [data-testid=explain-store]"))
        .ok()
        .flatten()
        .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok());
    match first_row {
        Some(button) => {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            button.scroll_into_view_with_scroll_into_view_options(&options);
            let focus = web_sys::FocusOptions::new();
            focus.set_prevent_scroll(true);
            let _ = button.focus_with_options(&focus);
        }
        None => bring_to_top(table_id.to_string()),
    }
}

#[component]
pub fn ReportNav(table_id: &'static str, #[prop(optional)] outages: bool) -> impl IntoView {
    view! {
        <button
            type="button"
            class="skip-to-table link"
            data-testid="skip-to-table"
            on:click=move |_| to_the_table(table_id)
        >
            "Skip to the table"
        </button>
        <nav class="report-nav" aria-label="Parts of the report" data-testid="report-nav">
            <button type="button" class="link" on:click=move |_| bring_to_top(OVERVIEW_ID.to_string())>
                "Overview"
            </button>
            {outages
                .then(|| {
                    view! {
                        <button type="button" class="link" on:click=move |_| bring_to_top(OUTAGES_ID.to_string())>
                            "Outages"
                        </button>
                    }
                })}
            <button type="button" class="link" on:click=move |_| bring_to_top(table_id.to_string())>
                "Table"
            </button>
        </nav>
    }
}
