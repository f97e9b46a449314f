//! The store on screen ([`Timeline`]) and the store in the address:
//! `#store=<id>` (beside the table's view, `shell::address`) shows that store's week for the report on screen, so that
//! a view can be bookmarked or shared. Opening a
//! store sets the address (so Back returns to the previous store), and a
//! changed address opens its store; an address that names no store any
//! more (Back past the first) closes it. The week is shown in a dialog,
//! and the element that opened it gets the focus back when it closes.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::queue::report_queue::Queue;
use crate::app::shell::{address, focus_by_id};
use crate::protocol::{TimelineMessage, TimelineOutcome};

/// The address's name for the store shown.
const STORE: &str = "store";

/// One store's week, as asked for from a report's table.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineView {
    pub report_id: u32,
    pub store_id: String,
    pub state: TimelineState,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TimelineState {
    Loading,
    Drawn(Arc<TimelineMessage>),
    Unavailable(String),
}

/// Which store's week, in which report: what the week of [`Timeline`] is keyed by.
pub type StoreInReport = (u32, String);

/// The store whose week is shown, and the store the address names.
#[derive(Clone, Copy)]
pub struct Timeline {
    /// The store whose week is explained, if any, and in which report.
    pub shown: RwSignal<Option<StoreInReport>>,
    /// Its week, asked of the data worker whenever `shown` changes, with
    /// the key it answers (read through [`Timeline::view`]).
    week: LocalResource<Option<(StoreInReport, TimelineState)>>,
    /// The store named in the address (`#store=<id>`): its week is shown
    /// for the report on screen, once there is one.
    pub wanted_store: RwSignal<Option<String>>,
    /// What opened the week (a row's button, a chart's link), given the
    /// focus back when it closes; nothing when the address opened it.
    opener: StoredValue<Option<web_sys::Element>, LocalStorage>,
    queue: Queue,
}

impl Timeline {
    /// Asks for the week of the store shown, closes the week of a report
    /// that is removed, and follows the address from now on.
    pub fn new(queue: Queue) -> Timeline {
        let shown = RwSignal::new(None::<StoreInReport>);
        let week = LocalResource::new(move || {
            let shown = shown.get();
            let answer = shown.clone().map(|(report_id, store_id)| queue.timeline(report_id, store_id));
            async move {
                let outcome = answer?.await;
                let state = match outcome {
                    TimelineOutcome::Drawn(timeline) => TimelineState::Drawn(Arc::new(*timeline)),
                    TimelineOutcome::Unavailable { reason } => TimelineState::Unavailable(reason),
                };
                shown.map(|shown| (shown, state))
            }
        });
        let timeline =
            Timeline { shown, week, wanted_store: RwSignal::new(None), opener: StoredValue::new_local(None), queue };
        Effect::new(move |_| {
            let open = timeline.shown.with_untracked(|shown| shown.as_ref().map(|(report_id, _)| *report_id));
            if let Some(report_id) = open
                && !queue.with_jobs(|jobs| jobs.iter().any(|job| job.id == report_id))
            {
                timeline.shown.set(None);
            }
        });
        timeline.follow_address();
        timeline
    }

    /// The store whose week is shown, with its week as far as it is known:
    /// loading until the answer to this very store and report comes.
    pub fn view(&self) -> Option<TimelineView> {
        let (report_id, store_id) = self.shown.get()?;
        let state = self
            .week
            .get()
            .flatten()
            .filter(|((report, store), _)| *report == report_id && *store == store_id)
            .map_or(TimelineState::Loading, |(_, state)| state);
        Some(TimelineView { report_id, store_id, state })
    }

    /// Asks for a store's week in a report (again, if it is the one shown).
    pub fn explain_store(&self, report_id: u32, store_id: String) {
        let key = Some((report_id, store_id));
        if self.shown.with_untracked(|shown| *shown == key) {
            self.week.refetch();
        } else {
            self.shown.set(key);
        }
    }

    /// Follows the address from now on: its store now, and on every change.
    fn follow_address(&self) {
        let timeline = *self;
        let queue = self.queue;
        timeline.wanted_store.set(store_in_address());
        let listener = window_event_listener(leptos::ev::hashchange, move |_| {
            timeline.wanted_store.set(store_in_address());
        });
        // The page lives as long as the app.
        std::mem::forget(listener);
        Effect::new(move |_| {
            let wanted = timeline.wanted_store.get();
            let shown = queue.shown.with(|shown| shown.as_ref().map(|report| report.id));
            if wanted.is_none() && timeline.shown.with_untracked(Option::is_some) {
                timeline.shown.set(None);
            }
            let (Some(store_id), Some(report_id)) = (wanted, shown) else {
                return;
            };
            // A week that could not be drawn is asked for again.
            let current = untrack(|| timeline.view()).is_some_and(|view| {
                view.report_id == report_id
                    && view.store_id == store_id
                    && !matches!(view.state, TimelineState::Unavailable(_))
            });
            if !current {
                timeline.explain_store(report_id, store_id);
                focus_timeline();
            }
        });
    }

    /// Shows a store's week for the report on screen, and names it in the address.
    pub fn open_store(&self, store_id: &str) {
        address::change(&[(STORE, Some(store_id.to_string()))], true);
        // Set at once rather than on the address's change event, which
        // comes later, and not at all when the address is unchanged.
        self.wanted_store.set(Some(store_id.to_string()));
    }

    /// Remembers what is opening a store's week, for the focus to return
    /// to; the first one given counts until the week closes.
    pub fn opened_from(&self, element: web_sys::Element) {
        self.opener.update_value(|opener| {
            opener.get_or_insert(element);
        });
    }

    /// Gives the focus back to what opened the week that just closed, or,
    /// when that is no longer on the page (the week was opened from the
    /// address, or the table changed), to the element `fallback_id`.
    pub fn return_focus(&self, fallback_id: &str) {
        let opener = self.opener.try_update_value(Option::take).flatten().filter(|element| element.is_connected());
        let focused = opener.is_some_and(|element| {
            use wasm_bindgen::JsCast;
            match element.dyn_ref::<web_sys::HtmlElement>() {
                Some(html) => html.focus().is_ok(),
                None => element.dyn_ref::<web_sys::SvgElement>().is_some_and(|svg| svg.focus().is_ok()),
            }
        });
        if !focused {
            focus_by_id(fallback_id);
        }
    }

    pub fn close_store(&self) {
        self.shown.set(None);
        self.wanted_store.set(None);
        address::change(&[(STORE, None)], false);
    }
}

/// The store id in the address, if any.
fn store_in_address() -> Option<String> {
    address::current_value(STORE).filter(|id| !id.is_empty())
}

/// Moves the focus to the store's week once it is on the page, so that
/// keyboard and screen reader users land on its heading, in its dialog.
fn focus_timeline() {
    focus_by_id("store-timeline-heading");
}
