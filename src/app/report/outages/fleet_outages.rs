//! The fleet's longest outages over the report's horizon: sortable by
//! length or start, filtered by store id; each store opens its timeline.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::store_outages::outage_notes;
use crate::app::report::finished::FinishedReport;
use crate::app::report::timeline::route::Timeline;
use crate::app::report::timeline::timeline_drawing::describe_length;
use crate::app::shell::format::group_digits;
use crate::protocol::FleetOutage;

/// How the list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OutageOrder {
    Longest,
    Latest,
    Earliest,
}

/// The outages to show, in order: those whose store id contains `filter`
/// (ignoring case).
fn shown(outages: &[FleetOutage], filter: &str, order: OutageOrder) -> Vec<usize> {
    let filter = filter.trim().to_lowercase();
    let mut indices: Vec<usize> = (0..outages.len())
        .filter(|&i| filter.is_empty() || outages[i].store_id.to_lowercase().contains(&filter))
        .collect();
    match order {
        // The list comes longest first.
        OutageOrder::Longest => {}
        OutageOrder::Latest => indices.sort_by_key(|&i| std::cmp::Reverse(outages[i].start_unix_nanos)),
        OutageOrder::Earliest => indices.sort_by_key(|&i| outages[i].start_unix_nanos),
    }
    indices
}

#[component]
pub fn FleetOutages(report: Arc<FinishedReport>) -> impl IntoView {
    let state = expect_context::<Timeline>();
    let id = report.id;
    let outcome = &report.outcome;
    let filter = RwSignal::new(String::new());
    let order = RwSignal::new(OutageOrder::Longest);
    let listed = outcome.longest_outages.len();
    let summary = format!(
        "Longest outages over the last {} days ({} in all{})",
        outcome.horizon_days,
        group_digits(outcome.outage_total),
        if (listed as u64) < outcome.outage_total {
            format!(", the {} longest listed; the outage list download has every one", group_digits(listed as u64))
        } else {
            String::new()
        }
    );
    let filter_id = format!("report-{id}-outage-filter");
    let order_id = format!("report-{id}-outage-order");
    let rows = {
        let report = report.clone();
        move || {
            let outages = &report.outcome.longest_outages;
            shown(outages, &filter.get(), order.get())
                .into_iter()
                .map(|i| {
                    let outage = outages[i].clone();
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
                })
                .collect_view()
        }
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
                (listed > 0 && opened.get())
                    .then(|| {
                        view! {
                        <div class="table-controls">
                            <div class="field inline">
                                <label for=filter_id.clone()>"Filter by store id"</label>
                                <input
                                    id=filter_id.clone()
                                    type="search"
                                    autocomplete="off"
                                    spellcheck="false"
                                    data-testid="outage-filter"
                                    prop:value=move || filter.get()
                                    on:input=move |event| filter.set(event_target_value(&event))
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
                                            )
                                    }
                                >
                                    <option value="longest">"Longest first"</option>
                                    <option value="latest">"Latest start first"</option>
                                    <option value="earliest">"Earliest start first"</option>
                                </select>
                            </div>
                        </div>
                        <div class="table-scroll outage-scroll" tabindex="0" role="region" aria-label="Longest outages">
                            <table class="outage-table">
                                <thead>
                                    <tr>
                                        <th scope="col">"Store"</th>
                                        <th scope="col">"Start (store's clock)"</th>
                                        <th scope="col">"End"</th>
                                        <th scope="col" class="number">"Length"</th>
                                        <th scope="col">"Note"</th>
                                    </tr>
                                </thead>
                                <tbody>{rows.clone()}</tbody>
                            </table>
                        </div>
                    }
                    })
            }}
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outage(store_id: &str, start: i64, length: i64) -> FleetOutage {
        FleetOutage {
            store_id: store_id.to_string(),
            start_utc: String::new(),
            start_local: String::new(),
            end_local: String::new(),
            start_unix_nanos: start,
            length_nanos: length,
            ongoing: false,
            before_first_poll: false,
        }
    }

    #[test]
    fn filtered_by_store_and_ordered_by_start() {
        let outages = [outage("A1", 30, 9), outage("b2", 10, 8), outage("a3", 20, 7)];
        assert_eq!(shown(&outages, "", OutageOrder::Longest), [0, 1, 2]);
        assert_eq!(shown(&outages, " A ", OutageOrder::Longest), [0, 2]);
        assert_eq!(shown(&outages, "", OutageOrder::Latest), [0, 2, 1]);
        assert_eq!(shown(&outages, "a", OutageOrder::Earliest), [2, 0]);
    }
}
