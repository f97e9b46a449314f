//! The page's frame: the header (intro, theme switch), the formatting of
//! numbers and sizes, and the [`Shell`] context — the sentence for screen
//! readers, the problem that stops the page, the worked example. It
//! depends on no other area of the page.

pub mod address;
pub mod format;
pub mod intro;
pub mod theme_switch;

use std::sync::Arc;

use leptos::prelude::*;

use crate::protocol::ExampleMessage;

/// What the whole page shares: its announcements, its fatal problem, and
/// the worked example of "How it is computed".
#[derive(Clone, Copy)]
pub struct Shell {
    /// A sentence for screen readers about the latest change.
    pub announcement: RwSignal<String>,
    /// Why the page cannot work (no workers), if it cannot.
    pub fatal: RwSignal<Option<String>>,
    /// The worked example of "How it is computed", once asked for.
    pub example: RwSignal<Option<Arc<ExampleMessage>>>,
    /// The browser is printing the page (from `beforeprint` to
    /// `afterprint`): what scrolls on screen is drawn whole for the paper.
    pub printing: RwSignal<bool>,
}

impl Shell {
    pub fn new() -> Shell {
        Shell {
            announcement: RwSignal::new(String::new()),
            fatal: RwSignal::new(None),
            example: RwSignal::new(None),
            printing: RwSignal::new(false),
        }
    }

    pub fn announce(&self, text: impl Into<String>) {
        self.announcement.set(text.into());
    }
}

impl Default for Shell {
    fn default() -> Self {
        Shell::new()
    }
}

/// Moves the focus to the element of that id once the page has drawn it
/// (after the current changes are on screen); nothing if there is none.
pub fn focus_by_id(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(element) =
            document().get_element_by_id(&id).and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

/// Brings the element of that id to the top of the window and puts the
/// focus on it, once the page has drawn it (a report's heading after
/// Generate, a part of the report from its navigation).
pub fn bring_to_top(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let Some(element) =
            document().get_element_by_id(&id).and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        element.scroll_into_view_with_scroll_into_view_options(&options);
        let focus = web_sys::FocusOptions::new();
        focus.set_prevent_scroll(true);
        let _ = element.focus_with_options(&focus);
    });
}

/// Whether the focus is where nothing the user chose holds it: on the
/// page itself, or inside the element of one of these ids.
pub fn focus_is_within(ids: &[&str]) -> bool {
    let Some(active) = document().active_element() else {
        return true;
    };
    if document().body().is_some_and(|body| body.is_same_node(Some(&active))) {
        return true;
    }
    ids.iter().any(|id| document().get_element_by_id(id).is_some_and(|element| element.contains(Some(&active))))
}

/// Milliseconds since the page started.
pub fn now_ms() -> f64 {
    window().performance().map_or_else(js_sys::Date::now, |performance| performance.now())
}

/// Starts the browser's download of `url` (an object URL) as `name`,
/// through a link that is never attached to the page.
pub fn save_url_as(url: &str, name: &str) {
    use wasm_bindgen::JsCast;
    let Ok(link) = document().create_element("a") else {
        return;
    };
    let _ = link.set_attribute("href", url);
    let _ = link.set_attribute("download", name);
    if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
        link.click();
    }
}
