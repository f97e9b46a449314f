//! The report table's view — its id filter, conditions, order, rows per
//! page and page — as names in the address (`#q=12&only=stale&sort=-outages`),
//! so that a view can be shared and comes back after a reload. Names at
//! their default are left out; a value that does not read is ignored.

use super::columns::{
    Column, ColumnChoice, GroupChoice, RowConditions, Sort, Threshold, UptimeBin, floor_hours, floor_of,
};

/// Rows per page the table offers; `ALL_ROWS` is every row in one
/// scrolling list, drawn a screenful at a time.
pub const PAGE_SIZES: [usize; 5] = [50, 100, 250, 1000, ALL_ROWS];
pub const ALL_ROWS: usize = usize::MAX;
pub const FIRST_PAGE_SIZE: usize = 100;

/// What the table shows, as kept in the address.
#[derive(Clone, Debug, PartialEq)]
pub struct TableView {
    pub filter: String,
    pub conditions: RowConditions,
    pub sort: Sort,
    pub page_size: usize,
    /// From 0.
    pub page: usize,
    pub columns: ColumnChoice,
}

impl Default for TableView {
    fn default() -> Self {
        TableView {
            filter: String::new(),
            conditions: RowConditions::default(),
            sort: Sort::default(),
            page_size: FIRST_PAGE_SIZE,
            page: 0,
            columns: ColumnChoice::All,
        }
    }
}

/// The states `only=` lists, comma-separated.
const STALE: &str = "stale";
const OPEN_ALL_WEEK: &str = "24x7";
const DEFAULT_ZONE: &str = "default-zone";
const MISSES_TARGET: &str = "misses-target";
const DOWN_NOW: &str = "down-now";

impl TableView {
    /// The view the address's pairs describe; what is missing or does not
    /// read is left at its default.
    pub fn from_pairs(pairs: &[(String, String)]) -> TableView {
        let mut view = TableView::default();
        for (name, value) in pairs {
            match name.as_str() {
                "q" => view.filter = value.clone(),
                "only" => {
                    for state in value.split(',') {
                        match state {
                            STALE => view.conditions.stale = true,
                            OPEN_ALL_WEEK => view.conditions.open_all_week = true,
                            DEFAULT_ZONE => view.conditions.default_zone = true,
                            MISSES_TARGET => view.conditions.misses_target = true,
                            DOWN_NOW => view.conditions.down_now = true,
                            _ => {}
                        }
                    }
                }
                "where" => view.conditions.threshold = read_threshold(value),
                "bin" => view.conditions.uptime_bin = read_bin(value),
                "group" => view.conditions.group = read_group(value),
                "open" => view.conditions.open_week_at_least = floor_of(value),
                "sort" => {
                    if let Some(sort) = read_sort(value) {
                        view.sort = sort;
                    }
                }
                "rows" => {
                    let size = if value == "all" { Some(ALL_ROWS) } else { value.parse().ok() };
                    if let Some(size) = size.filter(|size| PAGE_SIZES.contains(size)) {
                        view.page_size = size;
                    }
                }
                "cols" => {
                    if let Some(columns) = ColumnChoice::named(value) {
                        view.columns = columns;
                    }
                }
                "page" => {
                    if let Some(page) = value.parse::<usize>().ok().filter(|&page| page >= 1) {
                        view.page = page - 1;
                    }
                }
                _ => {}
            }
        }
        if view.page_size == ALL_ROWS {
            view.page = 0;
        }
        view
    }

    /// Each name the view uses in the address with its value, `None` where it is at its
    /// default (so that it leaves the address).
    pub fn to_changes(&self) -> [(&'static str, Option<String>); 10] {
        let conditions = &self.conditions;
        let only: Vec<&str> = [
            (conditions.stale, STALE),
            (conditions.open_all_week, OPEN_ALL_WEEK),
            (conditions.default_zone, DEFAULT_ZONE),
            (conditions.misses_target, MISSES_TARGET),
            (conditions.down_now, DOWN_NOW),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        let rows = match self.page_size {
            FIRST_PAGE_SIZE => None,
            ALL_ROWS => Some("all".to_string()),
            size => Some(size.to_string()),
        };
        [
            ("q", (!self.filter.is_empty()).then(|| self.filter.clone())),
            ("only", (!only.is_empty()).then(|| only.join(","))),
            ("where", conditions.threshold.map(write_threshold)),
            ("bin", conditions.uptime_bin.map(write_bin)),
            ("group", conditions.group.map(|choice| format!("{}.{}", choice.dimension, choice.group))),
            ("open", conditions.open_week_at_least.map(floor_hours)),
            ("sort", (self.sort != Sort::default()).then(|| write_sort(self.sort))),
            ("rows", rows),
            ("page", (self.page > 0 && self.page_size != ALL_ROWS).then(|| (self.page + 1).to_string())),
            ("cols", (self.columns != ColumnChoice::All).then(|| self.columns.key().to_string())),
        ]
    }
}

/// A bin of the week's uptime histogram, in tenths of a percent:
/// `950-980` (95 % included to 98 % excluded), `999` (99.9 % to 100 %
/// included), `1000` (exactly 100 %).
fn write_bin(bin: UptimeBin) -> String {
    match bin.next_permille {
        Some(next) => format!("{}-{next}", bin.floor_permille),
        None => bin.floor_permille.to_string(),
    }
}

fn read_bin(text: &str) -> Option<UptimeBin> {
    let (floor, next) = match text.split_once('-') {
        Some((floor, next)) => (floor, Some(next.parse::<u32>().ok()?)),
        None => (text, None),
    };
    let floor_permille = floor.parse::<u32>().ok().filter(|&floor| floor <= 1000)?;
    if next.is_some_and(|next| next <= floor_permille || next > 1000) {
        return None;
    }
    Some(UptimeBin { floor_permille, next_permille: next })
}

fn column_named(key: &str) -> Option<Column> {
    Column::named(key)
}

/// A group by the places of its dimension and of itself among the
/// dimension's groups: `0.3`.
fn read_group(text: &str) -> Option<GroupChoice> {
    let (dimension, group) = text.split_once('.')?;
    Some(GroupChoice { dimension: dimension.parse().ok()?, group: group.parse().ok()? })
}

/// `-outages` is by outage count, most first; `store_id` by id.
fn write_sort(sort: Sort) -> String {
    format!("{}{}", if sort.descending { "-" } else { "" }, sort.column.key())
}

fn read_sort(text: &str) -> Option<Sort> {
    let (descending, key) = match text.strip_prefix('-') {
        Some(key) => (true, key),
        None => (false, text),
    };
    column_named(key).map(|column| Sort { column, descending })
}

/// `uptime_percent_last_week:below:95`.
fn write_threshold(threshold: Threshold) -> String {
    let direction = if threshold.above { "above" } else { "below" };
    format!("{}:{direction}:{}", threshold.column.key(), threshold.value)
}

fn read_threshold(text: &str) -> Option<Threshold> {
    let mut parts = text.splitn(3, ':');
    let column = column_named(parts.next()?).filter(|&column| column != Column::StoreId)?;
    let above = match parts.next()? {
        "above" => true,
        "below" => false,
        _ => return None,
    };
    let value = parts.next()?.parse::<f64>().ok().filter(|value| value.is_finite())?;
    Some(Threshold { column, above, value })
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::Window;

    fn pairs(changes: &[(&'static str, Option<String>)]) -> Vec<(String, String)> {
        changes.iter().filter_map(|(name, value)| value.clone().map(|value| (name.to_string(), value))).collect()
    }

    #[test]
    fn the_default_view_leaves_nothing_in_the_address() {
        assert_eq!(pairs(&TableView::default().to_changes()), vec![]);
        assert_eq!(TableView::from_pairs(&[]), TableView::default());
    }

    #[test]
    fn a_view_reads_back_as_written() {
        let view = TableView {
            filter: "a&b 12".to_string(),
            conditions: RowConditions {
                stale: true,
                open_all_week: false,
                default_zone: true,
                threshold: Some(Threshold { column: Column::Downtime(Window::LastDay), above: true, value: 60.5 }),
                uptime_bin: Some(UptimeBin { floor_permille: 950, next_permille: Some(980) }),
                misses_target: true,
                down_now: true,
                group: Some(GroupChoice { dimension: 1, group: 12 }),
                open_week_at_least: Some(engine::TimeSpan::from_nanos(30 * 60 * 1_000_000_000)),
            },
            sort: Sort { column: Column::UptimeShare(Window::LastWeek), descending: false },
            page_size: 250,
            page: 3,
            columns: ColumnChoice::Window(Window::LastDay),
        };
        let written = pairs(&view.to_changes());
        assert_eq!(
            written,
            vec![
                ("q".to_string(), "a&b 12".to_string()),
                ("only".to_string(), "stale,default-zone,misses-target,down-now".to_string()),
                ("where".to_string(), "downtime_last_day:above:60.5".to_string()),
                ("bin".to_string(), "950-980".to_string()),
                ("group".to_string(), "1.12".to_string()),
                ("open".to_string(), "0.5".to_string()),
                ("sort".to_string(), "uptime_percent_last_week".to_string()),
                ("rows".to_string(), "250".to_string()),
                ("page".to_string(), "4".to_string()),
                ("cols".to_string(), "day".to_string()),
            ]
        );
        assert_eq!(TableView::from_pairs(&written), view);
        let every_row = TableView { page_size: ALL_ROWS, page: 0, ..TableView::default() };
        let written = pairs(&every_row.to_changes());
        assert_eq!(written, vec![("rows".to_string(), "all".to_string())]);
        assert_eq!(TableView::from_pairs(&written), every_row);
    }

    #[test]
    fn what_does_not_read_is_left_at_its_default() {
        let given = |list: &[(&str, &str)]| {
            TableView::from_pairs(
                &list.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect::<Vec<_>>(),
            )
        };
        let view = given(&[
            ("sort", "-no_such_column"),
            ("rows", "7"),
            ("page", "0"),
            ("where", "store_id:below:3"),
            ("only", "stale,nonsense"),
            ("store", "123"),
            ("cols", "minutes"),
        ]);
        assert_eq!(
            view,
            TableView { conditions: RowConditions { stale: true, ..Default::default() }, ..Default::default() }
        );
        assert_eq!(given(&[("where", "outages:above:NaN")]).conditions.threshold, None);
        assert_eq!(given(&[("where", "outages:over:3")]).conditions.threshold, None);
        let bin = |text| given(&[("bin", text)]).conditions.uptime_bin;
        assert_eq!(bin("1000"), Some(UptimeBin { floor_permille: 1000, next_permille: None }));
        assert_eq!(bin("999"), Some(UptimeBin { floor_permille: 999, next_permille: None }));
        for wrong in ["980-950", "950-1001", "1001", "a-b", "950-", ""] {
            assert_eq!(bin(wrong), None, "{wrong}");
        }
        assert_eq!(given(&[("sort", "-outages")]).sort, Sort { column: Column::OutageCount, descending: true });
        assert_eq!(given(&[("sort", "-group_2")]).sort, Sort { column: Column::Group(2), descending: true });
        assert_eq!(
            given(&[("where", "change_uptime_percent:below:-1")]).conditions.threshold.map(|t| t.column),
            Some(Column::Change)
        );
        for wrong in ["1", "1.", ".2", "a.b", "-1.2"] {
            assert_eq!(given(&[("group", wrong)]).conditions.group, None, "{wrong}");
        }
        // Every row in one list has no page.
        assert_eq!(given(&[("rows", "all"), ("page", "5")]).page, 0);
    }
}
