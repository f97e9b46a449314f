//! The report table's columns, and choosing and ordering its rows: plain
//! functions over the report's rows, apart from any view.

use std::cmp::Ordering;

use leptos::prelude::RwSignal;

use engine::output::format_span;
use engine::{TimeSpan, Units, Window};

use crate::protocol::StoreRow;
#[cfg(test)]
use crate::protocol::{OutageSummary, StoreDays};

/// A column of the report table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    StoreId,
    Uptime(Window),
    Downtime(Window),
    /// Uptime as a share of business time.
    UptimeShare(Window),
    /// Outages over the report's horizon: how many, the longest, the mean.
    OutageCount,
    LongestOutage,
    MeanOutage,
}

impl Column {
    /// In the order shown: for each window, uptime, downtime, share; then
    /// the outages.
    pub const ALL: [Column; 13] = [
        Column::StoreId,
        Column::Uptime(Window::LastHour),
        Column::Downtime(Window::LastHour),
        Column::UptimeShare(Window::LastHour),
        Column::Uptime(Window::LastDay),
        Column::Downtime(Window::LastDay),
        Column::UptimeShare(Window::LastDay),
        Column::Uptime(Window::LastWeek),
        Column::Downtime(Window::LastWeek),
        Column::UptimeShare(Window::LastWeek),
        Column::OutageCount,
        Column::LongestOutage,
        Column::MeanOutage,
    ];

    /// A stable name, as in the CSV's header where the CSV has the column.
    pub fn key(self) -> String {
        match self {
            Column::StoreId => "store_id".to_string(),
            Column::Uptime(window) => format!("uptime_last_{}", window.name()),
            Column::Downtime(window) => format!("downtime_last_{}", window.name()),
            Column::UptimeShare(window) => format!("uptime_percent_last_{}", window.name()),
            Column::OutageCount => "outages".to_string(),
            Column::LongestOutage => "longest_outage_minutes".to_string(),
            Column::MeanOutage => "mean_outage_minutes".to_string(),
        }
    }

    /// The heading under the window's heading (which names the unit).
    pub fn heading(self) -> &'static str {
        match self {
            Column::StoreId => "Store",
            Column::Uptime(_) => "Uptime",
            Column::Downtime(_) => "Downtime",
            Column::UptimeShare(_) => "Uptime %",
            Column::OutageCount => "Count",
            Column::LongestOutage => "Longest",
            Column::MeanOutage => "Mean",
        }
    }

    /// Figures read best largest first; store ids in their own order.
    pub fn first_descending(self) -> bool {
        !matches!(self, Column::StoreId)
    }
}

/// A window's heading with the unit of its figures: "Last day (hours)".
pub fn window_heading(window: Window, units: Units) -> String {
    let name = match window {
        Window::LastHour => "Last hour",
        Window::LastDay => "Last day",
        Window::LastWeek => "Last week",
    };
    let unit = match units.unit_of(window) {
        engine::output::Unit::Minute => "minutes",
        engine::output::Unit::Hour => "hours",
    };
    format!("{name} ({unit})")
}

/// The table's filter, order and page, which the overview also sets.
#[derive(Clone, Copy)]
pub struct TableFocus {
    pub filter: RwSignal<String>,
    pub sort: RwSignal<Sort>,
    pub page: RwSignal<usize>,
    pub table_id: &'static str,
}

/// How the rows are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Default for Sort {
    /// The report's own order (the CSV's), by store id.
    fn default() -> Self {
        Sort { column: Column::StoreId, descending: false }
    }
}

impl Sort {
    /// The order after a click on a column's heading.
    pub fn clicked(self, column: Column) -> Sort {
        if self.column == column {
            Sort { column, descending: !self.descending }
        } else {
            Sort { column, descending: column.first_descending() }
        }
    }
}

pub fn uptime(row: &StoreRow, window: Window) -> TimeSpan {
    TimeSpan::from_nanos(row.figures[2 * window.index()])
}

pub fn downtime(row: &StoreRow, window: Window) -> TimeSpan {
    TimeSpan::from_nanos(row.figures[2 * window.index() + 1])
}

/// Uptime over business time, `None` when the store was closed all window.
pub fn uptime_share(row: &StoreRow, window: Window) -> Option<f64> {
    let up = row.figures[2 * window.index()];
    let business = row.business[window.index()];
    (business > 0).then(|| up as f64 / business as f64)
}

/// The longest outage, `None` without one.
pub fn longest_outage(row: &StoreRow) -> Option<TimeSpan> {
    (row.outages.count > 0).then_some(TimeSpan::from_nanos(row.outages.longest_nanos))
}

/// The mean outage, `None` without one.
pub fn mean_outage(row: &StoreRow) -> Option<TimeSpan> {
    row.outages.mean_nanos().map(TimeSpan::from_nanos)
}

/// The text of a cell; figures exactly as the CSV writes them.
pub fn cell_text(row: &StoreRow, column: Column, units: Units) -> String {
    let mut text = String::new();
    match column {
        Column::StoreId => text.push_str(&row.store_id),
        Column::Uptime(window) => format_span(uptime(row, window), units.unit_of(window), &mut text),
        Column::Downtime(window) => format_span(downtime(row, window), units.unit_of(window), &mut text),
        Column::UptimeShare(window) => match uptime_share(row, window) {
            Some(share) => text = format_share(share),
            None => text.push('—'),
        },
        Column::OutageCount => text = row.outages.count.to_string(),
        Column::LongestOutage | Column::MeanOutage => {
            let span = if column == Column::LongestOutage { longest_outage(row) } else { mean_outage(row) };
            match span {
                // Outages are always in minutes: an outage in hours would
                // need more than two decimals to be read.
                Some(span) => format_span(span, engine::output::Unit::Minute, &mut text),
                None => text.push('—'),
            }
        }
    }
    text
}

/// A share as a percentage with one decimal. A store up for a moment is
/// not shown as 0.0%, nor one down for a moment as 100.0%.
pub fn format_share(share: f64) -> String {
    let tenths = (share * 1000.0).round();
    if share > 0.0 && tenths < 1.0 {
        "<0.1%".to_string()
    } else if share < 1.0 && tenths >= 1000.0 {
        ">99.9%".to_string()
    } else {
        format!("{:.1}%", tenths / 10.0)
    }
}

/// The indices of the rows to show, in order: those whose store id contains
/// `filter` (ignoring case), sorted by `sort`. Ties keep the report's order.
pub fn visible_rows(rows: &[StoreRow], filter: &str, sort: Sort) -> Vec<u32> {
    let filter = filter.trim().to_lowercase();
    let mut indices: Vec<u32> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| filter.is_empty() || contains_ignoring_case(&row.store_id, &filter))
        .map(|(index, _)| index as u32)
        .collect();
    let row = |index: &u32| &rows[*index as usize];
    match sort.column {
        // The rows come in the contract's order of store ids.
        Column::StoreId => {}
        Column::Uptime(window) => indices.sort_by_key(|i| directed(uptime(row(i), window).nanos(), sort.descending)),
        Column::Downtime(window) => {
            indices.sort_by_key(|i| directed(downtime(row(i), window).nanos(), sort.descending))
        }
        Column::UptimeShare(window) => indices.sort_by(|a, b| {
            compare_shares(uptime_share(row(a), window), uptime_share(row(b), window), sort.descending)
        }),
        Column::OutageCount => indices.sort_by_key(|i| directed(i64::from(row(i).outages.count), sort.descending)),
        Column::LongestOutage => {
            indices.sort_by_key(|i| directed(longest_outage(row(i)).map_or(-1, TimeSpan::nanos), sort.descending))
        }
        Column::MeanOutage => {
            indices.sort_by_key(|i| directed(mean_outage(row(i)).map_or(-1, TimeSpan::nanos), sort.descending))
        }
    }
    if sort.column == Column::StoreId && sort.descending {
        indices.reverse();
    }
    indices
}

fn directed(value: i64, descending: bool) -> i64 {
    if descending { -value } else { value }
}

/// Stores closed all window have no share: they go last either way.
fn compare_shares(a: Option<f64>, b: Option<f64>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => {
            let order = a.total_cmp(&b);
            if descending { order.reverse() } else { order }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn contains_ignoring_case(id: &str, lower_filter: &str) -> bool {
    if id.is_ascii() {
        id.as_bytes().windows(lower_filter.len()).any(|window| window.eq_ignore_ascii_case(lower_filter.as_bytes()))
    } else {
        id.to_lowercase().contains(lower_filter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: i64 = 60_000_000_000;

    fn row(id: &str, hour_up: i64, hour_down: i64) -> StoreRow {
        StoreRow {
            store_id: id.to_string(),
            figures: [hour_up * MINUTE, hour_down * MINUTE, 0, 0, 0, 0],
            business: [(hour_up + hour_down) * MINUTE, 0, 0],
            outages: OutageSummary::default(),
            days: StoreDays::default(),
        }
    }

    #[test]
    fn filters_by_store_id_ignoring_case_and_sorts_figures() {
        let rows = vec![row("a1", 10, 50), row("B2", 60, 0), row("b3", 0, 0), row("c4", 30, 30)];
        assert_eq!(visible_rows(&rows, "b", Sort::default()), vec![1, 2]);
        let by_uptime = Sort::default().clicked(Column::Uptime(Window::LastHour));
        assert!(by_uptime.descending);
        assert_eq!(visible_rows(&rows, "", by_uptime), vec![1, 3, 0, 2]);
        let share = Sort { column: Column::UptimeShare(Window::LastHour), descending: false };
        // The closed store has no share and goes last in both directions.
        assert_eq!(visible_rows(&rows, "", share), vec![0, 3, 1, 2]);
        assert_eq!(visible_rows(&rows, "", share.clicked(share.column)), vec![1, 3, 0, 2]);
        let ids_down = Sort::default().clicked(Column::StoreId);
        assert_eq!(visible_rows(&rows, "", ids_down), vec![3, 2, 1, 0]);
    }

    #[test]
    fn cells_read_like_the_csv() {
        let r = StoreRow {
            store_id: "8419537941919820732".to_string(),
            figures: [45 * MINUTE, 15 * MINUTE, 90 * MINUTE, 30 * MINUTE, 0, 0],
            business: [60 * MINUTE, 120 * MINUTE, 0],
            outages: OutageSummary { count: 3, longest_nanos: 90 * MINUTE + 30_000_000_000, total_nanos: 100 * MINUTE },
            days: StoreDays::default(),
        };
        assert_eq!(cell_text(&r, Column::StoreId, Units::Minutes), "8419537941919820732");
        assert_eq!(cell_text(&r, Column::Uptime(Window::LastDay), Units::Hours), "1.5");
        assert_eq!(cell_text(&r, Column::Uptime(Window::LastDay), Units::Minutes), "90");
        assert_eq!(cell_text(&r, Column::UptimeShare(Window::LastHour), Units::Minutes), "75.0%");
        assert_eq!(cell_text(&r, Column::UptimeShare(Window::LastWeek), Units::Minutes), "—");
        assert_eq!(format_share(0.99999), ">99.9%");
        assert_eq!(format_share(0.00001), "<0.1%");
        assert_eq!(format_share(0.0), "0.0%");
        assert_eq!(format_share(1.0), "100.0%");
        assert_eq!(cell_text(&r, Column::OutageCount, Units::Hours), "3");
        assert_eq!(cell_text(&r, Column::LongestOutage, Units::Hours), "90.5");
        assert_eq!(cell_text(&r, Column::MeanOutage, Units::Hours), "33.33");
        assert_eq!(cell_text(&row("x", 1, 1), Column::LongestOutage, Units::Minutes), "—");
    }

    #[test]
    fn stores_without_outages_sort_after_those_with_them() {
        let mut rows = vec![row("a", 0, 0), row("b", 0, 0), row("c", 0, 0)];
        rows[1].outages = OutageSummary { count: 1, longest_nanos: 5 * MINUTE, total_nanos: 5 * MINUTE };
        rows[2].outages = OutageSummary { count: 2, longest_nanos: 9 * MINUTE, total_nanos: 10 * MINUTE };
        let longest = Sort::default().clicked(Column::LongestOutage);
        assert_eq!(visible_rows(&rows, "", longest), vec![2, 1, 0]);
        let mean = Sort::default().clicked(Column::MeanOutage);
        assert_eq!(visible_rows(&rows, "", mean), vec![1, 2, 0]);
        assert_eq!(visible_rows(&rows, "", Sort::default().clicked(Column::OutageCount)), vec![2, 1, 0]);
    }
}
