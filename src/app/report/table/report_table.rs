//! The report as a table of all stores: sortable by any column, filtered
//! by store id and by conditions (`conditions`), a page at a time or
//! every row in one scrolling list of which only the rows in sight (and a
//! few around them, `scroll_window`) are drawn, so that it stays fast with any number of
//! stores. A stale store's row says so in words and its carried-forward
//! figures are set apart (italic, dotted), not by colour alone.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::columns::{
    CellFormat, Column, ColumnChoice, RowConditions, RowFilter, Sort, TableFocus, cell_text, improved, is_stale,
    latest_poll_age, score_text, shown_unit, state_text, visible_rows, window_heading_shown,
};
use super::conditions::TableConditions;
use super::scroll_window::{ScrollBox, page_rows, rows_in_sight, space_around};
use super::view::{ALL_ROWS, PAGE_SIZES};
use super::view_download::ViewDownload;
use crate::app::queue::finished::FinishedReport;
use crate::app::report::freshness::{age_text, latest_poll_texts};
use crate::app::report::outages::day_strip::DayStrip;
use crate::app::report::share::snapshot_download::SnapshotDownload;
use crate::app::report::timeline::route::Timeline;
use crate::app::settings::{HoursFormat, Settings, stale_limit_text};
use crate::app::shell::format::{group_digits, last_days};
use crate::protocol::{DimensionMessage, StoreRow, StoreStateNow};
use engine::{Unit, Window};

/// A row's height before one is measured (a row with its day strip).
const FIRST_ROW_HEIGHT: f64 = 44.0;

/// The rows drawn for a report's first paint, before `rest`: those a
/// window 800 px high holds (44 px a row), so that laying the table out
/// does not hold the first paint.
const FIRST_PAINT_ROWS: usize = 20;

#[component]
pub fn ReportTable(
    report: Arc<FinishedReport>,
    focus: TableFocus,
    /// Whether the rows after the first paint's are drawn too.
    #[prop(optional, into)]
    rest: Option<Signal<bool>>,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    let id = report.id;
    let units = report.outcome.units;
    let now_unix_nanos = report.outcome.now_unix_nanos;
    let stale_limit = report.outcome.freshness.map(|fleet| stale_limit_text(fleet.stale_after_minutes));
    let TableFocus { filter, conditions, sort, page_size, page, columns, table_id } = focus;
    // The groups file's dimensions, each a column after the others.
    let dimensions: Arc<Vec<DimensionMessage>> =
        Arc::new(report.outcome.scorecard.as_ref().map(|card| card.dimensions.clone()).unwrap_or_default());
    let column_count = Column::ALL.len() + dimensions.len();
    let every_row = Signal::derive(move || page_size.get() == ALL_ROWS);
    // Where the scrolling list is: the box's scroll offset and height, and
    // a row's height as measured on screen.
    let scroll_box = NodeRef::<leptos::html::Div>::new();
    let scrolled = RwSignal::new(0.0f64);
    let box_height = RwSignal::new(800.0f64);
    let row_height = RwSignal::new(FIRST_ROW_HEIGHT);

    let order = {
        let report = report.clone();
        Memo::new(move |_| {
            filter.with(|filter| {
                let row_filter = RowFilter { id_contains: filter, conditions: conditions.get(), units };
                visible_rows(&report.outcome.rows, row_filter, sort.get(), now_unix_nanos)
            })
        })
    };
    let page_count = Signal::derive(move || order.with(Vec::len).div_ceil(page_size.get()).max(1));
    // The rows drawn: the page's, or in the scrolling list those in sight.
    let drawn_range = move || {
        let shown = order.with(Vec::len);
        let (start, end) = if every_row.get() {
            let scroll =
                ScrollBox { scrolled: scrolled.get(), box_height: box_height.get(), row_height: row_height.get() };
            rows_in_sight(scroll, shown)
        } else {
            page_rows(page.get(), page_size.get(), shown)
        };
        let all = rest.is_none_or(|rest| rest.get());
        (start, if all { end } else { end.min(start + FIRST_PAINT_ROWS) })
    };
    // Each row is drawn once with the hours format of the moment (a change
    // of format draws the rows again), so that its cells hold text rather
    // than a reactive closure each: fewer to set up as the list scrolls.
    let drawn_rows = move || {
        let (start, end) = drawn_range();
        let hours = settings.hours_format.get();
        order.with(|order| (start..end).map(|place| (place, order[place], hours)).collect::<Vec<_>>())
    };
    // The heights of the rows not drawn, above and below those drawn.
    // (Drawn only in the scrolling list.)
    let space = move || space_around(drawn_range(), order.with(Vec::len), row_height.get());
    // Where the box is scrolled to. Read on each scroll, without touching
    // the rows (which would make the browser lay them out again at once).
    let follow_scroll = move || {
        if let Some(element) = scroll_box.get_untracked() {
            scrolled.set(f64::from(element.scroll_top()));
            box_height.set(f64::from(element.client_height()));
        }
    };
    // A new order starts at the top of the list; its rows' height is
    // measured once they are drawn (ids, and so rows, differ in height only
    // from one report to another).
    Effect::new(move |_| {
        order.track();
        if every_row.get_untracked() {
            if let Some(element) = scroll_box.get_untracked() {
                element.set_scroll_top(0);
            }
            follow_scroll();
            request_animation_frame(move || {
                if let Some(height) = scroll_box.get_untracked().and_then(|element| drawn_row_height(&element)) {
                    row_height.set(height);
                }
            });
        }
    });

    view! {
        <TableControls report=report.clone() focus order every_row/>
        <TableConditions
            report_id=id
            units
            stale_limit=stale_limit.clone()
            has_target=report.outcome.scorecard.as_ref().is_some_and(|card| card.has_target)
            dimensions=dimensions.clone()
            conditions
            page
        />
        <div
            class="table-scroll report-scroll"
            node_ref=scroll_box
            data-testid="report-scroll"
            on:scroll=move |_| {
                if every_row.get() {
                    follow_scroll();
                }
            }
        >
            // Focusable, for the focus to land on it from the overview and
            // when a store's week closes; named by its caption.
            <table
                class="report-table"
                id=table_id
                tabindex="-1"
                data-testid="report-table"
                data-report-id=id
                data-every-row=move || every_row.get().to_string()
                data-columns=move || columns.get().key()
                aria-rowcount=move || order.with(Vec::len) + 2
            >
                <caption class="visually-hidden">
                    {format!("Report {id}: uptime and downtime of every store within business hours")}
                </caption>
                {column_groups(dimensions.len())}
                <TableHead report=report.clone() stale_limit dimensions=dimensions.clone() sort page/>
                // The rows not drawn are as much empty space, in bodies of
                // their own so that the rows' stripes count from the first
                // row drawn.
                {move || every_row.get().then(|| rows_not_drawn(move || space().0, column_count))}
                <tbody on:keydown=move |event| move_between_rows(event, scroll_box, row_height)>
                    <For
                        each=drawn_rows
                        key=|place_index_and_format| *place_index_and_format
                        children=move |(place, index, hours)| {
                            view! {
                                <StoreTableRow
                                    report=report.clone()
                                    place
                                    index
                                    hours
                                    dimensions=dimensions.clone()
                                />
                            }
                        }
                    />
                </tbody>
                {move || every_row.get().then(|| rows_not_drawn(move || space().1, column_count))}
            </table>
        </div>
        <TablePager id page page_count every_row/>
    }
}

/// The table's column groups, as its head's groups of headings: the id,
/// each window's three, the outages' three, the data's five, the
/// targets' five, then the groups file's dimensions.
fn column_groups(dimensions: usize) -> impl IntoView {
    view! {
        <colgroup>
            <col/>
        </colgroup>
        {Window::ALL.map(|_| view! { <colgroup span="3"></colgroup> }).collect_view()}
        <colgroup span="3"></colgroup>
        <colgroup span="5"></colgroup>
        <colgroup span="5"></colgroup>
        {(dimensions > 0).then(|| view! { <colgroup span=dimensions.to_string()></colgroup> })}
    }
}

/// The table's filter, its count of rows, "Download this view", the
/// columns shown and the rows per page.
#[component]
fn TableControls(
    report: Arc<FinishedReport>,
    focus: TableFocus,
    order: Memo<Vec<u32>>,
    every_row: Signal<bool>,
) -> impl IntoView {
    let id = report.id;
    let total = report.outcome.rows.len();
    // The legend of carried-forward figures, where some row has them.
    let any_stale = report.outcome.rows.iter().any(is_stale);
    let TableFocus { filter, conditions, page_size, page, columns, table_id, .. } = focus;
    let page_range = move || {
        let shown = order.with(Vec::len);
        let (start, end) = page_rows(page.get(), page_size.get(), shown);
        (start, end, shown)
    };
    let every_row = move || every_row.get();
    let count_text = move || {
        let (start, end, shown) = page_range();
        if every_row() && shown > 0 {
            let noun = if shown == 1 { "store" } else { "stores" };
            let of = if shown == total {
                noun.to_string()
            } else {
                format!("matching {noun} (of {})", group_digits(total as u64))
            };
            return format!("All {} {of}, in one scrolling list", group_digits(shown as u64));
        }
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
    let columns_id = format!("report-{id}-columns");
    let size_id = format!("report-{id}-page-size");
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
            {any_stale
                .then(|| {
                    view! {
                        <p class="carried-legend" data-testid="carried-legend">
                            <span class="stale-tag">"stale"</span>
                            " a store whose latest poll is older than the limit; its figures in "
                            <span class="carried-sample">"italics, dotted"</span>
                            " are carried forward from that poll"
                        </p>
                    }
                })}
            {
                let later = report.later.clone();
                move || {
                    let extended = later.with(|later| later.as_ref().and_then(|later| later.as_ref().ok()?.extended.clone()));
                    view! { <ViewDownload extended shown=order row_count=total/> }
                }
            }
            <SnapshotDownload report=report.clone() shown=order focus/>
            <div class="field inline">
                <label for=columns_id.clone()>"Columns"</label>
                <select
                    id=columns_id
                    data-testid="columns"
                    on:change=move |event| {
                        if let Some(choice) = ColumnChoice::named(&event_target_value(&event)) {
                            columns.set(choice);
                        }
                    }
                >
                    {ColumnChoice::ALL
                        .map(|choice| {
                            view! {
                                <option value=choice.key() prop:selected=move || columns.get() == choice>
                                    {choice.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field inline">
                <label for=size_id.clone()>"Rows per page"</label>
                <select
                    id=size_id
                    data-testid="page-size"
                    on:change=move |event| {
                        let chosen = event_target_value(&event);
                        let size = if chosen == "all" { Some(ALL_ROWS) } else { chosen.parse::<usize>().ok() };
                        if let Some(size) = size {
                            page_size.set(size);
                            page.set(0);
                        }
                    }
                >
                    {PAGE_SIZES
                        .map(|size| {
                            let (value, text) = if size == ALL_ROWS {
                                ("all".to_string(), "All (scroll)".to_string())
                            } else {
                                (size.to_string(), size.to_string())
                            };
                            view! {
                                <option value=value prop:selected=move || page_size.get() == size>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}

/// The table's two rows of headings: each window, the outages, the data,
/// the targets and the groups over the columns they hold, which sort.
#[component]
fn TableHead(
    report: Arc<FinishedReport>,
    stale_limit: Option<String>,
    dimensions: Arc<Vec<DimensionMessage>>,
    sort: RwSignal<Sort>,
    page: RwSignal<usize>,
) -> impl IntoView {
    let units = report.outcome.units;
    let hours_format = expect_context::<Settings>().hours_format;
    let horizon_days = report.outcome.horizon_days;
    let group_columns: Vec<Column> = (0..dimensions.len()).map(|d| Column::Group(d as u16)).collect();
    let sort_header = move |column: Column, cell: HeaderCell| view! { <SortHeader column cell sort page/> };
    view! {
    <thead>
        <tr>
            {sort_header(
                Column::StoreId,
                HeaderCell {
                    rowspan: Some("2"),
                    class: "store",
                    note: Some(format!("and each day, last {}", report.outcome.horizon_days)),
                    label: None,
                },
            )}
            {Window::ALL
                .map(|window| {
                    view! {
                        <th
                            scope="colgroup"
                            colspan="3"
                            class="window"
                            data-group=ColumnChoice::Window(window).key()
                        >
                            {move || window_heading_shown(window, units, hours_format.get())}
                        </th>
                    }
                })
                .collect_view()}
            <th
                scope="colgroup"
                colspan="3"
                class="window"
                data-group=ColumnChoice::Outages.key()
                title="Outages that begin at or after the store's first poll. One that begins before it is assumed: it is left out here and listed apart under Outages."
            >
                {move || {
                    format!(
                        "Observed outages, {} ({})",
                        last_days(horizon_days),
                        shown_unit(Unit::Minute, hours_format.get()),
                    )
                }}
            </th>
            <th scope="colgroup" colspan="5" class="window" data-group=ColumnChoice::Data.key()>
                {match &stale_limit {
                    Some(limit) => format!("Data: state now, latest poll and polls (stale after {limit})"),
                    None => "Data (not kept with this report)".to_string(),
                }}
            </th>
            <th scope="colgroup" colspan="5" class="window" data-group=ColumnChoice::Targets.key()>
                {match &report.outcome.scorecard {
                    Some(_) => format!(
                        "{}: against the target and the {} before",
                        capitalised(&last_days(report.outcome.horizon_days)),
                        days_text(report.outcome.horizon_days),
                    ),
                    None => "Targets (not kept with this report)".to_string(),
                }}
            </th>
            {(!group_columns.is_empty())
                .then(|| {
                    view! {
                        <th
                            scope="colgroup"
                            colspan=group_columns.len().to_string()
                            class="window"
                            data-group=ColumnChoice::Targets.key()
                        >
                            "Groups"
                        </th>
                    }
                })}
        </tr>
        <tr>
            {Column::ALL[1..]
                .iter()
                .map(|&column| {
                    sort_header(column, HeaderCell { rowspan: None, class: "number", note: None, label: None })
                })
                .collect_view()}
            {group_columns
                .iter()
                .zip(dimensions.iter())
                .map(|(&column, dimension)| {
                    sort_header(
                        column,
                        HeaderCell {
                            rowspan: None,
                            class: "group",
                            note: None,
                            label: Some(dimension.name.clone()),
                        },
                    )
                })
                .collect_view()}
        </tr>
    </thead>
    }
}

/// A column's heading, a button that sorts by it (again: the other way).
#[component]
fn SortHeader(column: Column, cell: HeaderCell, sort: RwSignal<Sort>, page: RwSignal<usize>) -> impl IntoView {
    let attributes = cell;
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
            data-group=ColumnChoice::of(column).map(ColumnChoice::key)
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
                {attributes.label.unwrap_or_else(|| column.heading().to_string())}
                <span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
            {attributes.note.map(|note| view! { <span class="header-note">{note}</span> })}
        </th>
    }
}

/// One store's row: its id (which opens its week) over its day strip,
/// then a cell a column.
#[component]
fn StoreTableRow(
    report: Arc<FinishedReport>,
    place: usize,
    index: u32,
    hours: HoursFormat,
    dimensions: Arc<Vec<DimensionMessage>>,
) -> impl IntoView {
    let state = expect_context::<Timeline>();
    let units = report.outcome.units;
    let now_unix_nanos = report.outcome.now_unix_nanos;
    let row = &report.outcome.rows[index as usize];
    let stale = is_stale(row);
    let store_id = row.store_id.clone();
    let opened = {
        let store_id = store_id.clone();
        move || state.shown.with(|shown| shown.as_ref().is_some_and(|(_, shown_id)| *shown_id == store_id))
    };
    view! {
        // The button is the row's keyboard control; a
        // click anywhere on the row does the same.
        <tr
            data-store-id=row.store_id.clone()
            data-place=place
            aria-rowindex=place + 3
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
                    if column == Column::Now {
                        return state_cell(row, now_unix_nanos).into_any();
                    }
                    if matches!(column, Column::MeetsTarget | Column::Change | Column::BudgetLeft) {
                        return score_cell(row, column).into_any();
                    }
                    let share = matches!(column, Column::UptimeShare(_));
                    let carried = stale && column.carried_forward();
                    let text = cell_text(row, column, CellFormat { units, hours, now_unix_nanos });
                    view! {
                        <td
                            class="number"
                            data-group=ColumnChoice::of(column).map(ColumnChoice::key)
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
            {group_cells(row, &dimensions)}
        </tr>
    }
}

/// The previous and next pages, hidden in the scrolling list.
#[component]
fn TablePager(id: u32, page: RwSignal<usize>, page_count: Signal<usize>, every_row: Signal<bool>) -> impl IntoView {
    let page_count = move || page_count.get();
    let every_row = move || every_row.get();
    view! {
    <nav class="pager" aria-label=format!("Pages of report {id}") hidden=every_row>
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
        return view! {
            <td class="latest" data-group=ColumnChoice::Data.key()>
                "—"
            </td>
        }
        .into_any();
    };
    let age = latest_poll_age(row, now_unix_nanos);
    let times = freshness.latest_poll.map(latest_poll_texts);
    let title = times.as_ref().map(|(local, utc)| format!("On the store's clock {local}; in UTC {utc}"));
    view! {
        <td
            class="latest"
            data-group=ColumnChoice::Data.key()
            data-testid="latest-poll"
            data-age-nanos=age.map(|age| age.to_string())
            title=title
        >
            {freshness.stale.then(|| view! { <span class="stale-tag" data-testid="stale-tag">"stale"</span> " " })}
            <span class="age">{age.map_or_else(|| "none before now".to_string(), age_text)}</span>
            {times.map(|(local, _)| view! { <span class="latest-local">{local}</span> })}
        </td>
    }
    .into_any()
}

/// Empty space as high as the rows not drawn above or below those drawn
/// in the scrolling list.
fn rows_not_drawn(height: impl Fn() -> f64 + Send + Sync + 'static, columns: usize) -> impl IntoView {
    view! {
        <tbody class="rows-not-drawn" aria-hidden="true">
            <tr style:height=move || format!("{}px", height())>
                <td colspan=columns></td>
            </tr>
        </tbody>
    }
}

/// The mean height of the rows drawn in the scrolling box, if any.
fn drawn_row_height(scroll_box: &web_sys::HtmlDivElement) -> Option<f64> {
    let rows = scroll_box.query_selector_all("tr.store-row").ok()?;
    let first = rows.get(0)?.dyn_into::<web_sys::Element>().ok()?;
    let last = rows.get(rows.length().checked_sub(1)?)?.dyn_into::<web_sys::Element>().ok()?;
    let (top, bottom) = (first.get_bounding_client_rect().top(), last.get_bounding_client_rect().bottom());
    let height = (bottom - top) / f64::from(rows.length());
    (height.is_finite() && height > 0.0).then_some(height)
}

/// Up and down arrows move the focus between the rows' store buttons. In
/// the scrolling list the next row may not be drawn yet: the list scrolls
/// to it, and the focus follows once it is drawn.
fn move_between_rows(
    event: leptos::ev::KeyboardEvent,
    scroll_box: NodeRef<leptos::html::Div>,
    row_height: RwSignal<f64>,
) {
    let forward = match event.key().as_str() {
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return,
    };
    let row = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("tr").ok().flatten());
    let Some(place) = row.and_then(|row| row.get_attribute("data-place")).and_then(|place| place.parse::<usize>().ok())
    else {
        return;
    };
    let Some(next) = (if forward { place.checked_add(1) } else { place.checked_sub(1) }) else {
        return;
    };
    let Some(scroll_box) = scroll_box.get_untracked() else {
        return;
    };
    event.prevent_default();
    let selector = format!("tr[data-place=\"{next}\"] button");
    let focus_next = move |scroll_box: &web_sys::HtmlDivElement| {
        let button = scroll_box
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok());
        button.map(|button| button.focus()).is_some()
    };
    if !focus_next(&scroll_box) {
        // Not drawn: bring it into sight, then focus it once drawn. Past
        // the last row there is nothing to do.
        let top = next as f64 * row_height.get_untracked();
        let shift = if forward { top - f64::from(scroll_box.client_height()) / 2.0 } else { top };
        scroll_box.set_scroll_top(shift.max(0.0) as i32);
        request_animation_frame(move || {
            request_animation_frame(move || {
                focus_next(&scroll_box);
            });
        });
    }
}

struct HeaderCell {
    rowspan: Option<&'static str>,
    class: &'static str,
    /// Said under the heading: what else the column holds.
    note: Option<String>,
    /// The heading, when not the column's own (a dimension's name).
    label: Option<String>,
}

/// "Last 7 days" from "last 7 days".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// "7 days", "1 day".
fn days_text(days: u32) -> String {
    if days == 1 { "day".to_string() } else { format!("{days} days") }
}

/// Meets target as a badge whose words say it (not its colour alone);
/// budget left, a miss set apart; the change against the period before
/// with an arrow, none when there is nothing to compare with.
fn score_cell(row: &StoreRow, column: Column) -> impl IntoView + use<> {
    let text = score_text(row.score.as_ref(), column);
    let group = ColumnChoice::Targets.key();
    match column {
        Column::MeetsTarget => {
            let meets = row.score.as_ref().and_then(|score| score.meets_target);
            let badge = meets.map(|meets| {
                let (class, mark) = if meets { ("badge meets", "✓") } else { ("badge misses", "✗") };
                view! {
                    <span class=class data-testid="meets-badge">
                        <span aria-hidden="true">{mark} " "</span>
                        {text.clone()}
                    </span>
                }
            });
            view! {
                <td class="meets" data-group=group data-meets=meets.map(|meets| meets.to_string())>
                    {match badge {
                        Some(badge) => badge.into_any(),
                        None => "—".into_any(),
                    }}
                </td>
            }
            .into_any()
        }
        Column::BudgetLeft => {
            let missed = row.score.as_ref().and_then(|score| score.budget_left_minutes).is_some_and(|left| left < 0.0);
            view! {
                <td class="number budget" class:missed=missed data-group=group>
                    {text}
                </td>
            }
            .into_any()
        }
        _ => {
            let direction = row.score.as_ref().and_then(improved);
            let arrow = direction.map(|better| match better {
                Some(true) => ("▲", "better"),
                Some(false) => ("▼", "worse"),
                None => ("=", "same"),
            });
            view! {
                <td class="change" data-group=group data-change=arrow.map(|(_, word)| word)>
                    {arrow
                        .map(|(mark, word)| {
                            view! {
                                <span class=format!("arrow {word}") aria-hidden="true">{mark}</span>
                                " "
                            }
                        })}
                    {text}
                </td>
            }
            .into_any()
        }
    }
}

/// The store's group in each dimension, by name.
fn group_cells(row: &StoreRow, dimensions: &[DimensionMessage]) -> impl IntoView + use<> {
    dimensions
        .iter()
        .enumerate()
        .map(|(d, dimension)| {
            let name = row
                .score
                .as_ref()
                .and_then(|score| score.groups.get(d))
                .and_then(|&group| dimension.groups.get(group as usize))
                .cloned()
                .unwrap_or_else(|| "—".to_string());
            view! {
                <td class="group" data-group=ColumnChoice::Targets.key()>
                    {name}
                </td>
            }
        })
        .collect_view()
}

/// A store's state at now, "down" in the colour of downtime, since when in
/// its tooltip (RFC 3339 UTC, as the extended report's `down_since`).
fn state_cell(row: &StoreRow, now_unix_nanos: i64) -> impl IntoView {
    let down_since = match row.state_now {
        Some(StoreStateNow::Down { since_nanos }) => {
            Some(format!("down since {}", engine::UtcInstant::from_unix_nanos(since_nanos)))
        }
        _ => None,
    };
    view! {
        <td
            data-group=ColumnChoice::Data.key()
            class="state-now"
            class:down=down_since.is_some()
            data-state=row.state_now.map(|state| match state {
                StoreStateNow::Up => "up",
                StoreStateNow::Down { .. } => "down",
                StoreStateNow::Closed => "closed",
            })
            title=down_since
        >
            {state_text(row.state_now, now_unix_nanos)}
        </td>
    }
}
