//! The report as a table of all stores: sortable by any column, filtered
//! by store id and by conditions (`table_conditions`), a page at a time so
//! that it stays fast with any number of stores. A stale store's row says
//! so in words and its carried-forward figures are set apart (italic,
//! dotted), not by colour alone.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::finished::FinishedReport;
use super::freshness::{age_text, latest_poll_texts};
use super::table::{
    CellFormat, Column, RowConditions, RowFilter, TableFocus, cell_text, is_stale, latest_poll_age, visible_rows,
    window_heading,
};
use super::table_conditions::TableConditions;
use crate::app::report::outages::day_strip::DayStrip;
use crate::app::report::timeline::route::Timeline;
use crate::app::settings::{Settings, stale_limit_text};
use crate::app::shell::format::group_digits;
use crate::protocol::StoreRow;
use engine::Window;

const PAGE_SIZES: [usize; 4] = [50, 100, 250, 1000];

#[component]
pub fn ReportTable(report: Arc<FinishedReport>, focus: TableFocus) -> impl IntoView {
    let state = expect_context::<Timeline>();
    let settings = expect_context::<Settings>();
    let id = report.id;
    let units = report.outcome.units;
    let now_unix_nanos = report.outcome.now_unix_nanos;
    let stale_limit = report.outcome.freshness.map(|fleet| stale_limit_text(fleet.stale_after_minutes));
    let TableFocus { filter, conditions, sort, page, table_id } = focus;
    let page_size = RwSignal::new(100usize);
    let total = report.outcome.rows.len();

    let order = {
        let report = report.clone();
        Memo::new(move |_| {
            filter.with(|filter| {
                let row_filter = RowFilter { id_contains: filter, conditions: conditions.get(), units };
                visible_rows(&report.outcome.rows, row_filter, sort.get(), now_unix_nanos)
            })
        })
    };
    let page_count = move || order.with(Vec::len).div_ceil(page_size.get()).max(1);
    let page_range = move || {
        let shown = order.with(Vec::len);
        let start = (page.get() * page_size.get()).min(shown);
        (start, (start + page_size.get()).min(shown), shown)
    };
    let page_rows = move || {
        let (start, end, _) = page_range();
        order.with(|order| order[start..end].to_vec())
    };
    let count_text = move || {
        let (start, end, shown) = page_range();
        let of = if shown == total {
            format!("{} stores", group_digits(total as u64))
        } else {
            format!("{} matching stores (of {})", group_digits(shown as u64), group_digits(total as u64))
        };
        if shown == 0 && conditions.with(RowConditions::any) {
            "No store meets the conditions.".to_string()
        } else if shown == 0 {
            format!("No store id contains “{}”.", filter.get().trim())
        } else {
            format!("Showing {}–{} of {of}", group_digits(start as u64 + 1), group_digits(end as u64))
        }
    };
    let filter_id = format!("report-{id}-filter");
    let size_id = format!("report-{id}-page-size");

    let sort_header = move |column: Column, attributes: HeaderCell| {
        let aria_sort = move || {
            let current = sort.get();
            (current.column == column).then_some(if current.descending { "descending" } else { "ascending" })
        };
        let arrow = move || {
            let current = sort.get();
            match (current.column == column, current.descending) {
                (false, _) => "↕",
                (true, false) => "↑",
                (true, true) => "↓",
            }
        };
        view! {
            <th
                scope="col"
                rowspan=attributes.rowspan
                class=attributes.class
                aria-sort=aria_sort
            >
                <button
                    type="button"
                    class="sort"
                    data-testid=format!("sort-{}", column.key())
                    on:click=move |_| {
                        sort.update(|sort| *sort = sort.clicked(column));
                        page.set(0);
                    }
                >
                    {column.heading()}
                    <span class="sort-arrow" aria-hidden="true">{arrow}</span>
                </button>
                {attributes.note.map(|note| view! { <span class="header-note">{note}</span> })}
            </th>
        }
    };

    view! {
        <div class="table-controls" id=format!("{table_id}-controls")>
            <div class="field inline">
                <label for=filter_id.clone()>"Filter by store id"</label>
                <input
                    id=filter_id
                    type="search"
                    data-testid="filter"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || filter.get()
                    on:input=move |event| {
                        filter.set(event_target_value(&event));
                        page.set(0);
                    }
                />
            </div>
            <p class="row-count" data-testid="row-count" aria-live="polite">{count_text}</p>
            <div class="field inline">
                <label for=size_id.clone()>"Rows per page"</label>
                <select
                    id=size_id
                    data-testid="page-size"
                    on:change=move |event| {
                        if let Ok(size) = event_target_value(&event).parse::<usize>() {
                            page_size.set(size);
                            page.set(0);
                        }
                    }
                >
                    {PAGE_SIZES
                        .map(|size| {
                            view! {
                                <option value=size.to_string() selected=move || page_size.get() == size>
                                    {size}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
        <TableConditions report_id=id units stale_limit=stale_limit.clone() conditions page/>
        <div class="table-scroll report-scroll">
            // Focusable, for the focus to land on it from the overview and
            // when a store's week closes; named by its caption.
            <table class="report-table" id=table_id tabindex="-1" data-testid="report-table" data-report-id=id>
                <caption class="visually-hidden">
                    {format!("Report {id}: uptime and downtime of every store within business hours")}
                </caption>
                <colgroup>
                    <col/>
                </colgroup>
                {Window::ALL.map(|_| view! { <colgroup span="3"></colgroup> }).collect_view()}
                <colgroup span="3"></colgroup>
                <colgroup span="4"></colgroup>
                <thead>
                    <tr>
                        {sort_header(
                            Column::StoreId,
                            HeaderCell {
                                rowspan: Some("2"),
                                class: "store",
                                note: Some(format!("and each day, last {}", report.outcome.horizon_days)),
                            },
                        )}
                        {Window::ALL
                            .map(|window| {
                                view! {
                                    <th scope="colgroup" colspan="3" class="window">
                                        {window_heading(window, units)}
                                    </th>
                                }
                            })
                            .collect_view()}
                        <th scope="colgroup" colspan="3" class="window">
                            {format!("Outages, last {} days (minutes)", report.outcome.horizon_days)}
                        </th>
                        <th scope="colgroup" colspan="4" class="window">
                            {match &stale_limit {
                                Some(limit) => format!("Data: latest poll and polls (stale after {limit})"),
                                None => "Data (not kept with this report)".to_string(),
                            }}
                        </th>
                    </tr>
                    <tr>
                        {Column::ALL[1..]
                            .iter()
                            .map(|&column| sort_header(column, HeaderCell { rowspan: None, class: "number", note: None }))
                            .collect_view()}
                    </tr>
                </thead>
                <tbody on:keydown=move_between_rows>
                    <For
                        each=page_rows
                        key=|index| *index
                        children=move |index| {
                            let row = &report.outcome.rows[index as usize];
                            let stale = is_stale(row);
                            let store_id = row.store_id.clone();
                            let opened = {
                                let store_id = store_id.clone();
                                move || {
                                    state
                                        .view
                                        .with(|view| {
                                            view.as_ref().is_some_and(|view| view.store_id == store_id)
                                        })
                                }
                            };
                            view! {
                                // The button is the row's keyboard control; a
                                // click anywhere on the row does the same.
                                <tr
                                    data-store-id=row.store_id.clone()
                                    data-stale=stale.to_string()
                                    class="store-row"
                                    class:stale=stale
                                    class:opened=opened
                                    on:click=move |event| {
                                        // The focus returns to the row's button when the week closes.
                                        let button = event
                                            .current_target()
                                            .and_then(|row| row.dyn_into::<web_sys::Element>().ok())
                                            .and_then(|row| row.query_selector("[data-testid=explain-store]").ok().flatten());
                                        if let Some(button) = button {
                                            state.opened_from(button);
                                        }
                                        state.open_store(&store_id)
                                    }
                                >
                                    <th scope="row">
                                        <button
                                            type="button"
                                            class="link"
                                            data-testid="explain-store"
                                            title="Show this store's week (↑ and ↓ move between rows)"
                                        >
                                            {row.store_id.clone()}
                                        </button>
                                        // Under the id, so that a laptop's width shows it.
                                        <DayStrip days=row.days.clone()/>
                                    </th>
                                    {Column::ALL[1..]
                                        .iter()
                                        .map(|&column| {
                                            if column == Column::LatestPoll {
                                                return latest_poll_cell(row, now_unix_nanos).into_any();
                                            }
                                            let share = matches!(column, Column::UptimeShare(_));
                                            let carried = stale && column.carried_forward();
                                            let report = report.clone();
                                            let text = move || {
                                                let format = CellFormat {
                                                    units,
                                                    hours: settings.hours_format.get(),
                                                    now_unix_nanos,
                                                };
                                                cell_text(&report.outcome.rows[index as usize], column, format)
                                            };
                                            view! {
                                                <td
                                                    class="number"
                                                    class:share=share
                                                    class:carried=carried
                                                    title=carried
                                                        .then_some(
                                                            "Carried forward from the store's latest poll, which is stale",
                                                        )
                                                >
                                                    {text}
                                                </td>
                                            }
                                                .into_any()
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
        </div>
        <nav class="pager" aria-label=format!("Pages of report {id}")>
            <button
                type="button"
                data-testid="page-prev"
                disabled=move || page.get() == 0
                on:click=move |_| page.update(|page| *page = page.saturating_sub(1))
            >
                "← Previous"
            </button>
            <span data-testid="page-number">
                {move || format!("Page {} of {}", page.get() + 1, page_count())}
            </span>
            <button
                type="button"
                data-testid="page-next"
                disabled=move || { page.get() + 1 >= page_count() }
                on:click=move |_| page.update(|page| *page += 1)
            >
                "Next →"
            </button>
        </nav>
    }
}

/// How long before now the latest poll was, "stale" in words when it is,
/// and the poll's time on the store's clock (UTC in its title).
fn latest_poll_cell(row: &StoreRow, now_unix_nanos: i64) -> impl IntoView + use<> {
    let Some(freshness) = row.freshness else {
        return view! { <td class="latest">"—"</td> }.into_any();
    };
    let age = latest_poll_age(row, now_unix_nanos);
    let times = freshness.latest_poll.map(latest_poll_texts);
    let title = times.as_ref().map(|(local, utc)| format!("On the store's clock {local}; in UTC {utc}"));
    view! {
        <td class="latest" data-testid="latest-poll" data-age-nanos=age.map(|age| age.to_string()) title=title>
            {freshness.stale.then(|| view! { <span class="stale-tag" data-testid="stale-tag">"stale"</span> " " })}
            <span class="age">{age.map_or_else(|| "none before now".to_string(), age_text)}</span>
            {times.map(|(local, _)| view! { <span class="latest-local">{local}</span> })}
        </td>
    }
    .into_any()
}

/// Up and down arrows move the focus between the rows' store buttons.
fn move_between_rows(event: leptos::ev::KeyboardEvent) {
    let forward = match event.key().as_str() {
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return,
    };
    let row = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("tr").ok().flatten());
    let Some(row) = row else {
        return;
    };
    let next = if forward { row.next_element_sibling() } else { row.previous_element_sibling() };
    let button = next
        .and_then(|next| next.query_selector("button").ok().flatten())
        .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = button {
        event.prevent_default();
        let _ = button.focus();
    }
}

struct HeaderCell {
    rowspan: Option<&'static str>,
    class: &'static str,
    /// Said under the heading: what else the column holds.
    note: Option<String>,
}
