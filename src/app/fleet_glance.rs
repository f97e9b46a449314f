//! The fleet at a glance: stores down in the last hour, how weekly uptime
//! is spread, and the least available stores. A store's id shows it in the
//! table below.

use std::sync::Arc;

use leptos::prelude::*;

use super::file_slots::group_digits;
use super::state::FinishedReport;
use super::table::format_share;
use crate::protocol::StoreMention;
use engine::TimeSpan;
use engine::output::{Unit, format_span};

/// The table's filter and page, which a click on a store id sets.
#[derive(Clone, Copy)]
pub struct TableFocus {
    pub filter: RwSignal<String>,
    pub page: RwSignal<usize>,
    pub table_id: &'static str,
}

#[component]
pub fn FleetGlance(report: Arc<FinishedReport>, focus: TableFocus) -> impl IntoView {
    let overview = &report.outcome.overview;
    let bins = &overview.weekly_uptime_bins;
    let largest = bins.iter().copied().max().unwrap_or(0).max(1);
    let bin_width = 100 / bins.len().max(1);
    let down_title = format!(
        "Down in the last hour: {} of {} stores open then",
        group_digits(overview.down_last_hour as u64),
        group_digits(overview.open_last_hour as u64)
    );
    view! {
        <div class="glance" data-testid="fleet-glance">
            <section class="glance-part" aria-label="Down in the last hour">
                <h3>{down_title}</h3>
                {mention_list(&overview.most_down_last_hour, focus, Measure::Downtime)}
            </section>
            <section class="glance-part" aria-label="Weekly uptime">
                <h3>"Weekly uptime of the stores"</h3>
                <table class="bins">
                    <thead>
                        <tr>
                            <th scope="col">"Uptime"</th>
                            <th scope="col" class="number">"Stores"</th>
                            <th scope="col"><span class="visually-hidden">"Share of stores"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {bins
                            .iter()
                            .enumerate()
                            .rev()
                            .map(|(bin, &count)| {
                                let low = bin * bin_width;
                                let label = if bin + 1 == bins.len() {
                                    format!("{low}–100 %")
                                } else {
                                    format!("{low}–{} %", low + bin_width)
                                };
                                view! {
                                    <tr>
                                        <th scope="row">{label}</th>
                                        <td class="number">{group_digits(count as u64)}</td>
                                        <td>
                                            <meter min="0" max=largest value=count aria-hidden="true"></meter>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                {(overview.no_business_time > 0)
                    .then(|| {
                        view! {
                            <p class="help">
                                {format!(
                                    "{} closed all week are left out.",
                                    stores(overview.no_business_time),
                                )}
                            </p>
                        }
                    })}
            </section>
            <section class="glance-part" aria-label="Least available this week">
                <h3>"Least available this week"</h3>
                {mention_list(&overview.least_available, focus, Measure::WeeklyShare)}
            </section>
        </div>
    }
}

#[derive(Clone, Copy)]
enum Measure {
    Downtime,
    WeeklyShare,
}

fn mention_list(stores: &[StoreMention], focus: TableFocus, measure: Measure) -> AnyView {
    if stores.is_empty() {
        return view! { <p class="help">"None."</p> }.into_any();
    }
    view! {
        <ol class="mentions">
            {stores
                .iter()
                .map(|store| {
                    let id = store.store_id.clone();
                    let figure = match measure {
                        Measure::Downtime => {
                            let mut text = String::new();
                            format_span(TimeSpan::from_nanos(store.downtime_nanos), Unit::Minute, &mut text);
                            format!("{text} min down")
                        }
                        Measure::WeeklyShare => {
                            let business = store.uptime_nanos + store.downtime_nanos;
                            let share = store.uptime_nanos as f64 / business.max(1) as f64;
                            format!("{} up", format_share(share))
                        }
                    };
                    let shown = id.clone();
                    view! {
                        <li>
                            <button
                                type="button"
                                class="link"
                                title="Show this store in the table"
                                on:click=move |_| show_in_table(focus, &id)
                            >
                                {shown}
                            </button>
                            <span class="mention-figure">{figure}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

fn show_in_table(focus: TableFocus, store_id: &str) {
    focus.filter.set(store_id.to_string());
    focus.page.set(0);
    if let Some(table) = document().get_element_by_id(focus.table_id) {
        table.scroll_into_view();
    }
}

fn stores(n: usize) -> String {
    if n == 1 { "1 store".to_string() } else { format!("{} stores", group_digits(n as u64)) }
}
