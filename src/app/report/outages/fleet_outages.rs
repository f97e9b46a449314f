//! The fleet's longest outages over the report's horizon: sortable by
//! length or start, filtered by store id; each store opens its timeline.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::store_outages::outage_notes;
use crate::app::queue::finished::FinishedReport;
use crate::app::queue::report_queue::Queue;
use crate::app::report::timeline::drawing_layers::describe_length;
use crate::app::report::timeline::route::Timeline;
use crate::app::shell::format::{group_digits, last_days};
use crate::protocol::{FleetOutage, OUTAGES_LISTED, OutageOrder, OutageQuery, OutagesOutcome};

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
    let queue = expect_context::<Queue>();
    let id = report.id;
    let outcome = &report.outcome;
    let filter = RwSignal::new(String::new());
    let order = RwSignal::new(OutageOrder::Longest);
    let offset = RwSignal::new(0_u64);
    let query = Memo::new(move |_| OutageQuery { filter: filter.get(), order: order.get(), offset: offset.get() });
    // The report came with the first page of the default query.
    let first_page = OutagePage {
        query: OutageQuery::default(),
        matching: outcome.outage_total,
        outages: Arc::new(outcome.longest_outages.clone()),
    };
    let (shown, list_state) = outage_pages(queue, id, first_page, query);
    let total = outcome.outage_total;
    let summary = format!("Every outage over the {} ({})", last_days(outcome.horizon_days), group_digits(total));
    let rows = move || {
        shown.get().outages.iter().map(|outage| view! { <OutageRow outage=outage.clone()/> }).collect::<Vec<_>>()
    };
    let matching = Signal::derive(move || shown.with(|page| page.matching));
    let problem = move || match list_state.get() {
        ListState::Unavailable(reason) => Some(view! { <p class="problem" role="alert">{reason}</p> }),
        ListState::Listed | ListState::Waiting => None,
    };
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
                            <OutageControls id filter order offset shown/>
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
                            <OutagePager id offset matching/>
                        }
                    })
            }}
        </details>
    }
}

/// The page of outages on screen and whether it answers the query: the
/// answer to the query is a resource keyed by it (the report's first page
/// at once, any other asked of the data worker); the latest page listed
/// stays while the next is asked for, or when the worker cannot answer.
fn outage_pages(
    queue: Queue,
    id: u32,
    first_page: OutagePage,
    query: Memo<OutageQuery>,
) -> (RwSignal<OutagePage>, Memo<ListState>) {
    let shown = RwSignal::new(first_page.clone());
    let answer = LocalResource::new(move || {
        let query = query.get();
        let first_page = first_page.clone();
        let asked = (query != first_page.query).then(|| queue.outages(id, query.clone()));
        async move {
            let page = match asked {
                None => Ok(first_page),
                Some(asked) => match asked.await {
                    OutagesOutcome::Listed { matching, outages } => {
                        Ok(OutagePage { query: query.clone(), matching, outages: Arc::new(outages) })
                    }
                    OutagesOutcome::Unavailable { reason } => Err(reason),
                },
            };
            (query, page)
        }
    });
    Effect::new(move |_| {
        if let Some((_, Ok(page))) = answer.get() {
            shown.set(page);
        }
    });
    let list_state = Memo::new(move |_| {
        let query = query.get();
        match answer.get() {
            Some((asked, Ok(_))) if asked == query => ListState::Listed,
            Some((asked, Err(reason))) if asked == query => ListState::Unavailable(reason),
            // The report's own first page, before the resource's first tick.
            None if query == OutageQuery::default() => ListState::Listed,
            _ => ListState::Waiting,
        }
    });
    (shown, list_state)
}

/// The list's filter, order, and where the page is in it.
#[component]
fn OutageControls(
    id: u32,
    filter: RwSignal<String>,
    order: RwSignal<OutageOrder>,
    offset: RwSignal<u64>,
    shown: RwSignal<OutagePage>,
) -> impl IntoView {
    let filter_id = format!("report-{id}-outage-filter");
    let order_id = format!("report-{id}-outage-order");
    let position = move || shown.with(|page| page_position(page.query.offset, page.outages.len(), page.matching));
    view! {
        <div class="table-controls">
            <div class="field inline">
                <label for=filter_id.clone()>"Filter by store id"</label>
                <input
                    id=filter_id
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
                    id=order_id
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
            <p class="outage-position" data-testid="outage-position" aria-live="polite">
                {position}
            </p>
        </div>
    }
}

/// One outage; its store opens the store's week.
#[component]
fn OutageRow(outage: FleetOutage) -> impl IntoView {
    let state = expect_context::<Timeline>();
    let store_id = outage.store_id.clone();
    let notes = outage_notes(outage.ongoing, outage.before_first_poll);
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
            <td>{outage.start_local.clone()}</td>
            <td>{outage.end_local.clone()}</td>
            <td class="number">{describe_length(outage.length_nanos as f64 / 1e9)}</td>
            <td>{notes}</td>
        </tr>
    }
}

/// The previous and next pages, when there is more than one.
#[component]
fn OutagePager(id: u32, offset: RwSignal<u64>, matching: Signal<u64>) -> impl IntoView {
    let step = OUTAGES_LISTED as u64;
    view! {
        <nav
            class="pager"
            aria-label=format!("Pages of the outages of report {id}")
            hidden=move || { matching.get() <= step }
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
                disabled=move || { offset.get() + step >= matching.get() }
                on:click=move |_| offset.update(|offset| *offset += step)
            >
                {format!("Next {step} →")}
            </button>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_position_in_the_list() {
        assert_eq!(page_position(0, 200, 1_014), "Outages 1–200 of 1,014");
        assert_eq!(page_position(1_000, 14, 1_014), "Outages 1,001–1,014 of 1,014");
        assert_eq!(page_position(0, 0, 0), "No outage");
    }
}
