//! The fleet's longest outages over the report's horizon: sortable by
//! length or start, filtered by store id, the ongoing ones alone if asked;
//! each store opens its timeline. Outages that begin before their store's
//! first poll are assumed: left out of the list and its count unless
//! asked for, and counted apart. Times read on the store's clock, the
//! RFC 3339 form in their tooltip.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::store_outages::outage_notes;
use crate::app::queue::finished::FinishedReport;
use crate::app::queue::report_queue::Queue;
use crate::app::report::timeline::route::Timeline;
use crate::app::report::timeline::timeline_drawing::describe_length;
use crate::app::shell::format::{DurationStyle, count_of, format_duration, group_digits, last_days, outage_times};
use crate::protocol::{FleetOutage, OUTAGES_LISTED, OutageCountsMessage, OutageOrder, OutageQuery, OutagesOutcome};

/// A page of the list, as the worker answered a query.
#[derive(Clone, Debug, PartialEq)]
struct OutagePage {
    query: OutageQuery,
    /// How many outages match the query's filter.
    matching: u64,
    outages: Arc<Vec<FleetOutage>>,
}

/// Whether the page on screen answers the query asked last.
#[derive(Clone, Debug, PartialEq)]
enum ListState {
    Listed,
    /// Asked of the worker; the previous page stays until the answer.
    Waiting,
    /// The worker could not answer; the previous page stays.
    Unavailable(String),
}

impl ListState {
    fn key(&self) -> &'static str {
        match self {
            ListState::Listed => "listed",
            ListState::Waiting => "waiting",
            ListState::Unavailable(_) => "unavailable",
        }
    }
}

/// The value of an order in the list's select.
fn order_key(order: OutageOrder) -> &'static str {
    match order {
        OutageOrder::Longest => "longest",
        OutageOrder::Latest => "latest",
        OutageOrder::Earliest => "earliest",
    }
}

/// "Outages 201–400 of 1,014": where the page is in the matching list.
fn page_position(offset: u64, shown: usize, matching: u64) -> String {
    if shown == 0 {
        return "No outage".to_string();
    }
    format!(
        "Outages {}–{} of {}",
        group_digits(offset + 1),
        group_digits(offset + shown as u64),
        group_digits(matching)
    )
}

#[component]
pub fn FleetOutages(report: Arc<FinishedReport>) -> impl IntoView {
    let state = expect_context::<Timeline>();
    let queue = expect_context::<Queue>();
    let id = report.id;
    let outcome = &report.outcome;
    let filter = RwSignal::new(String::new());
    let order = RwSignal::new(OutageOrder::Longest);
    let offset = RwSignal::new(0_u64);
    let assumed = RwSignal::new(false);
    let ongoing_only = RwSignal::new(false);
    let query = Memo::new(move |_| OutageQuery {
        filter: filter.get(),
        order: order.get(),
        offset: offset.get(),
        assumed: assumed.get(),
        ongoing_only: ongoing_only.get(),
    });
    let counts = outcome.outage_counts;
    // The report came with the first page of the default query (every
    // outage, for reports kept before the assumed ones were counted apart).
    let first_page = OutagePage {
        query: OutageQuery::default(),
        matching: counts.map_or(outcome.outage_total, |counts| counts.observed),
        outages: Arc::new(outcome.longest_outages.clone()),
    };
    let shown = RwSignal::new(first_page.clone());
    let list_state = RwSignal::new(ListState::Listed);
    Effect::new(move |previous: Option<OutageQuery>| {
        let query = query.get();
        if previous.is_some_and(|previous| previous != query) {
            if query == first_page.query {
                shown.set(first_page.clone());
                list_state.set(ListState::Listed);
            } else {
                list_state.set(ListState::Waiting);
                queue.ask_outages(id, query.clone());
            }
        }
        query
    });
    Effect::new(move |_| {
        let Some(answer) = queue.outages.get() else {
            return;
        };
        // Answers to queries since changed, or about other reports, are late.
        if answer.report_id != id || answer.query != query.get_untracked() {
            return;
        }
        match &answer.outcome {
            OutagesOutcome::Listed { matching, outages } => {
                shown.set(OutagePage {
                    query: answer.query.clone(),
                    matching: *matching,
                    outages: Arc::new(outages.clone()),
                });
                list_state.set(ListState::Listed);
            }
            OutagesOutcome::Unavailable { reason } => list_state.set(ListState::Unavailable(reason.clone())),
        }
    });
    let total = outcome.outage_total;
    let summary = outage_heading(outcome.horizon_days, total, counts);
    let assumed_count = counts.map_or(0, |counts| counts.assumed);
    let assumed_id = format!("report-{id}-outage-assumed");
    let ongoing_id = format!("report-{id}-outage-ongoing");
    let filter_id = format!("report-{id}-outage-filter");
    let order_id = format!("report-{id}-outage-order");
    let rows = move || {
        shown
            .get()
            .outages
            .iter()
            .map(|outage| {
                let store_id = outage.store_id.clone();
                let notes = outage_notes(outage.ongoing, outage.before_first_poll);
                let (start, end) = outage_times(&outage.start_local, &outage.end_local, &outage.zone);
                view! {
                    <tr data-testid="fleet-outage">
                        <th scope="row">
                            <button
                                type="button"
                                class="link"
                                on:click=move |event| {
                                    if let Some(button) = event
                                        .current_target()
                                        .and_then(|button| button.dyn_into::<web_sys::Element>().ok())
                                    {
                                        state.opened_from(button);
                                    }
                                    state.open_store(&store_id)
                                }
                            >
                                {outage.store_id.clone()}
                            </button>
                        </th>
                        <td title=outage.start_local.clone() data-iso=outage.start_local.clone()>{start}</td>
                        <td title=outage.end_local.clone() data-iso=outage.end_local.clone()>{end}</td>
                        <td class="number">{describe_length(outage.length_nanos as f64 / 1e9)}</td>
                        <td>{notes}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
    };
    let position = move || shown.with(|page| page_position(page.query.offset, page.outages.len(), page.matching));
    let matching = move || shown.with(|page| page.matching);
    let problem = move || match list_state.get() {
        ListState::Unavailable(reason) => Some(view! { <p class="problem" role="alert">{reason}</p> }),
        ListState::Listed | ListState::Waiting => None,
    };
    let step = OUTAGES_LISTED as u64;
    // The list is drawn when first opened, not with the report: its rows
    // would cost the report's first frame for a list most never open.
    let opened = RwSignal::new(false);
    view! {
        <details
            class="fleet-outages"
            data-testid="fleet-outages"
            on:toggle=move |event| {
                let open = event
                    .target()
                    .and_then(|target| target.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                    .is_some_and(|details| details.open());
                if open {
                    opened.set(true);
                }
            }
        >
            <summary>{summary}</summary>
            {move || {
                (total > 0 && opened.get())
                    .then(|| {
                        view! {
                            <div class="table-controls">
                                <div class="field inline">
                                    <label for=filter_id.clone()>"Outages of stores whose id contains"</label>
                                    <input
                                        id=filter_id.clone()
                                        type="search"
                                        autocomplete="off"
                                        spellcheck="false"
                                        data-testid="outage-filter"
                                        prop:value=move || filter.get()
                                        on:input=move |event| {
                                            filter.set(event_target_value(&event));
                                            offset.set(0);
                                        }
                                    />
                                </div>
                                <div class="field inline">
                                    <label for=order_id.clone()>"Order"</label>
                                    <select
                                        id=order_id.clone()
                                        data-testid="outage-order"
                                        on:change=move |event| {
                                            order
                                                .set(
                                                    match event_target_value(&event).as_str() {
                                                        "latest" => OutageOrder::Latest,
                                                        "earliest" => OutageOrder::Earliest,
                                                        _ => OutageOrder::Longest,
                                                    },
                                                );
                                            offset.set(0);
                                        }
                                    >
                                        <option value="longest">"Longest first"</option>
                                        <option value="latest">"Latest start first"</option>
                                        <option value="earliest">"Earliest start first"</option>
                                    </select>
                                </div>
                                <div class="field inline check">
                                    <input
                                        id=ongoing_id.clone()
                                        type="checkbox"
                                        data-testid="outage-ongoing-only"
                                        prop:checked=move || ongoing_only.get()
                                        on:change=move |event| {
                                            ongoing_only.set(event_target_checked(&event));
                                            offset.set(0);
                                        }
                                    />
                                    <label for=ongoing_id.clone()>"Ongoing only"</label>
                                </div>
                                {(assumed_count > 0)
                                    .then(|| {
                                        view! {
                                            <div class="field inline check">
                                                <input
                                                    id=assumed_id.clone()
                                                    type="checkbox"
                                                    data-testid="outage-assumed"
                                                    prop:checked=move || assumed.get()
                                                    on:change=move |event| {
                                                        assumed.set(event_target_checked(&event));
                                                        offset.set(0);
                                                    }
                                                />
                                                <label for=assumed_id.clone()>
                                                    {format!(
                                                        "Include the {} before the first poll",
                                                        count_of(assumed_count, "assumed outage", "assumed outages"),
                                                    )}
                                                </label>
                                            </div>
                                        }
                                    })}
                                <p class="outage-position" data-testid="outage-position" aria-live="polite">
                                    {position}
                                </p>
                            </div>
                            {problem}
                            <div
                                class="table-scroll outage-scroll"
                                tabindex="0"
                                role="region"
                                aria-label="Outages"
                                data-testid="outage-list"
                                data-state=move || list_state.with(ListState::key)
                                data-order=move || shown.with(|page| order_key(page.query.order))
                                data-offset=move || shown.with(|page| page.query.offset.to_string())
                                data-filter=move || shown.with(|page| page.query.filter.clone())
                                data-assumed=move || shown.with(|page| page.query.assumed.to_string())
                                data-ongoing-only=move || shown.with(|page| page.query.ongoing_only.to_string())
                                aria-busy=move || (list_state.get() == ListState::Waiting).to_string()
                            >
                                <table class="outage-table">
                                    <thead>
                                        <tr>
                                            <th scope="col">"Store"</th>
                                            <th scope="col">"Start (store's clock)"</th>
                                            <th scope="col">"End"</th>
                                            <th scope="col" class="number">
                                                "Length"
                                            </th>
                                            <th scope="col">"Note"</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                            <nav
                                class="pager"
                                aria-label=format!("Pages of the outages of report {id}")
                                hidden=move || { matching() <= step }
                            >
                                <button
                                    type="button"
                                    data-testid="outage-prev"
                                    disabled=move || offset.get() == 0
                                    on:click=move |_| offset.update(|offset| *offset = offset.saturating_sub(step))
                                >
                                    {format!("← Previous {step}")}
                                </button>
                                <button
                                    type="button"
                                    data-testid="outage-next"
                                    disabled=move || { offset.get() + step >= matching() }
                                    on:click=move |_| offset.update(|offset| *offset += step)
                                >
                                    {format!("Next {step} →")}
                                </button>
                            </nav>
                        }
                    })
            }}
        </details>
    }
}

/// The list's heading: the observed outages and their time, and the
/// assumed ones apart ("Outages over the last 90 days: 709 (10,776 h 46
/// min); 709 assumed outages before the first poll, not counted").
pub fn outage_heading(days: u32, total: u64, counts: Option<OutageCountsMessage>) -> String {
    let Some(counts) = counts else {
        return format!("Every outage over the {} ({})", last_days(days), group_digits(total));
    };
    let time = |minutes: f64| format_duration((minutes * 60e9).round() as i128, DurationStyle::HoursMinutes);
    let mut heading = format!(
        "Outages over the {}: {} ({})",
        last_days(days),
        group_digits(counts.observed),
        time(counts.observed_minutes)
    );
    if counts.observed_ongoing > 0 {
        heading.push_str(&format!(", {} ongoing", group_digits(counts.observed_ongoing)));
    }
    if counts.assumed > 0 {
        heading.push_str(&format!(
            "; {} before the first poll ({}), not counted",
            count_of(counts.assumed, "assumed outage", "assumed outages"),
            time(counts.assumed_minutes)
        ));
    }
    heading
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heading_counts_the_assumed_outages_apart() {
        let counts = OutageCountsMessage {
            observed: 709,
            observed_minutes: 9_178.0,
            assumed: 709,
            assumed_minutes: 646_606.0,
            observed_ongoing: 3,
            assumed_ongoing: 0,
        };
        assert_eq!(
            outage_heading(90, 1_418, Some(counts)),
            "Outages over the last 90 days: 709 (152 h 58 min), 3 ongoing; 709 assumed outages before the first \
             poll (10,776 h 46 min), not counted"
        );
        let none_assumed = OutageCountsMessage { assumed: 0, assumed_minutes: 0.0, observed_ongoing: 0, ..counts };
        assert_eq!(outage_heading(7, 709, Some(none_assumed)), "Outages over the last 7 days: 709 (152 h 58 min)");
        assert_eq!(outage_heading(7, 1_418, None), "Every outage over the last 7 days (1,418)");
    }

    #[test]
    fn the_pages_position_in_the_list() {
        assert_eq!(page_position(0, 200, 1_014), "Outages 1–200 of 1,014");
        assert_eq!(page_position(1_000, 14, 1_014), "Outages 1,001–1,014 of 1,014");
        assert_eq!(page_position(0, 0, 0), "No outage");
    }
}
