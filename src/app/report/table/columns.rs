//! The report table's columns, and choosing and ordering its rows: plain
//! functions over the report's rows, apart from any view.

use std::cmp::Ordering;

use leptos::prelude::RwSignal;

use engine::{TimeSpan, Units, Window};
use engine::{Unit, format_span};

use crate::app::report::freshness::{age_nanos, age_text};
use crate::app::settings::HoursFormat;
use crate::app::shell::format::{DurationStyle, format_duration, group_digits, group_number_text};
#[cfg(test)]
use crate::protocol::{LatestPollAt, OutageSummary, StoreDays, StoreFreshness};
use crate::protocol::{StoreRow, StoreScoreMessage, StoreStateNow};

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
    /// The store's state at now: down (since when), up or closed.
    Now,
    /// How long before now the store's latest poll was.
    LatestPoll,
    /// The store's polls in a window.
    Polls(Window),
    /// Uptime as a percentage of business time over the report's horizon
    /// (the scorecard's `uptime_percent`).
    HorizonUptime,
    /// The store's target: its own, else the fleet's.
    Target,
    /// Allowed downtime − downtime over the horizon, in minutes.
    BudgetLeft,
    MeetsTarget,
    /// Uptime percent against the period before, in percentage points.
    Change,
    /// The store's group in a dimension of the groups file, by the
    /// dimension's place; not in [`Column::ALL`], since each report has
    /// its own dimensions.
    Group(u16),
}

impl Column {
    /// In the order shown: for each window, uptime, downtime, share; then
    /// the outages; then how fresh the data is.
    pub const ALL: [Column; 23] = [
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
        Column::Now,
        Column::LatestPoll,
        Column::Polls(Window::LastHour),
        Column::Polls(Window::LastDay),
        Column::Polls(Window::LastWeek),
        Column::HorizonUptime,
        Column::Target,
        Column::BudgetLeft,
        Column::MeetsTarget,
        Column::Change,
    ];

    /// The columns against the target, of [`Column::ALL`]: after the others.
    pub const SCORES: std::ops::RangeFrom<usize> = 18..;

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
            Column::Now => "state_now".to_string(),
            Column::LatestPoll => "latest_poll_age".to_string(),
            Column::Polls(window) => format!("polls_last_{}", window.name()),
            // The scorecard CSV's names.
            Column::HorizonUptime => "uptime_percent".to_string(),
            Column::Target => "target".to_string(),
            Column::BudgetLeft => "budget_left".to_string(),
            Column::MeetsTarget => "meets_target".to_string(),
            Column::Change => "change_uptime_percent".to_string(),
            Column::Group(dimension) => format!("group_{dimension}"),
        }
    }

    /// The column of a key, among [`Column::ALL`] and the groups'.
    pub fn named(key: &str) -> Option<Column> {
        if let Some(dimension) = key.strip_prefix("group_") {
            return dimension.parse().ok().map(Column::Group);
        }
        Column::ALL.into_iter().find(|column| column.key() == key)
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
            Column::Now => "Now",
            Column::LatestPoll => "Latest poll (before now)",
            Column::Polls(Window::LastHour) => "Polls, hour",
            Column::Polls(Window::LastDay) => "Polls, day",
            Column::Polls(Window::LastWeek) => "Polls, week",
            Column::HorizonUptime => "Uptime %",
            Column::Target => "Target",
            Column::BudgetLeft => "Budget left (minutes)",
            Column::MeetsTarget => "Meets target",
            Column::Change => "Change vs the period before",
            // Its heading is the dimension's name, which the report holds.
            Column::Group(_) => "Group",
        }
    }

    /// Figures read best largest first (the oldest latest poll first);
    /// store ids in their own order.
    pub fn first_descending(self) -> bool {
        !matches!(self, Column::StoreId)
    }

    /// Whether the figure is carried forward from the latest poll when that
    /// poll is stale: the window figures and the outages are; the counts of
    /// polls and the latest poll itself are what is known.
    pub fn carried_forward(self) -> bool {
        matches!(
            self,
            Column::Uptime(_)
                | Column::Downtime(_)
                | Column::UptimeShare(_)
                | Column::OutageCount
                | Column::LongestOutage
                | Column::MeanOutage
        )
    }
}

/// Which of the table's columns are shown beside the store id: all, or
/// one window's figures, the outages, or the data's freshness — so that a
/// phone's width shows the id and the figures chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColumnChoice {
    #[default]
    All,
    Window(Window),
    Outages,
    Data,
    /// The horizon's figures against the target and the period before, and
    /// the groups.
    Targets,
}

impl ColumnChoice {
    pub const ALL: [ColumnChoice; 7] = [
        ColumnChoice::All,
        ColumnChoice::Window(Window::LastHour),
        ColumnChoice::Window(Window::LastDay),
        ColumnChoice::Window(Window::LastWeek),
        ColumnChoice::Outages,
        ColumnChoice::Data,
        ColumnChoice::Targets,
    ];

    /// Its name in the address and in the table's `data-columns`; a
    /// column's `data-group` is the name of the choice that shows it.
    pub fn key(self) -> &'static str {
        match self {
            ColumnChoice::All => "all",
            ColumnChoice::Window(Window::LastHour) => "hour",
            ColumnChoice::Window(Window::LastDay) => "day",
            ColumnChoice::Window(Window::LastWeek) => "week",
            ColumnChoice::Outages => "outages",
            ColumnChoice::Data => "data",
            ColumnChoice::Targets => "targets",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ColumnChoice::All => "All",
            ColumnChoice::Window(Window::LastHour) => "Last hour",
            ColumnChoice::Window(Window::LastDay) => "Last day",
            ColumnChoice::Window(Window::LastWeek) => "Last week",
            ColumnChoice::Outages => "Outages",
            ColumnChoice::Data => "Data (latest poll, polls)",
            ColumnChoice::Targets => "Targets, change and groups",
        }
    }

    pub fn named(key: &str) -> Option<ColumnChoice> {
        ColumnChoice::ALL.into_iter().find(|choice| choice.key() == key)
    }

    /// The choice that shows `column` (`None` for the store id, always shown).
    pub fn of(column: Column) -> Option<ColumnChoice> {
        match column {
            Column::StoreId => None,
            Column::Uptime(window) | Column::Downtime(window) | Column::UptimeShare(window) => {
                Some(ColumnChoice::Window(window))
            }
            Column::OutageCount | Column::LongestOutage | Column::MeanOutage => Some(ColumnChoice::Outages),
            Column::Now | Column::LatestPoll | Column::Polls(_) => Some(ColumnChoice::Data),
            Column::HorizonUptime
            | Column::Target
            | Column::BudgetLeft
            | Column::MeetsTarget
            | Column::Change
            | Column::Group(_) => Some(ColumnChoice::Targets),
        }
    }

    /// Whether the choice shows `column`.
    pub fn shows(self, column: Column) -> bool {
        self == ColumnChoice::All || ColumnChoice::of(column).is_none_or(|group| group == self)
    }
}

/// A window's heading with the unit of its figures: "Last day (hours)".
pub fn window_heading(window: Window, units: Units) -> String {
    window_heading_shown(window, units, HoursFormat::Decimal)
}

/// A column's name in the threshold's list, with the unit its figures are
/// read in; `None` for the store id, which has no figure.
pub fn column_label(column: Column, units: Units) -> Option<String> {
    column_label_shown(column, units, HoursFormat::Decimal)
}

/// A column's name with the unit its cells are shown in: the durations
/// (uptime, downtime, outages) follow the display's format; the other
/// figures keep theirs.
pub fn column_label_shown(column: Column, units: Units, hours: HoursFormat) -> Option<String> {
    let window_name = |window: Window| match window {
        Window::LastHour => "Hour",
        Window::LastDay => "Day",
        Window::LastWeek => "Week",
    };
    let unit = |window: Window| shown_unit(units.unit_of(window), hours);
    let outage_unit = shown_unit(Unit::Minute, hours);
    Some(match column {
        Column::StoreId => return None,
        Column::Uptime(window) => format!("{} uptime ({})", window_name(window), unit(window)),
        Column::Downtime(window) => format!("{} downtime ({})", window_name(window), unit(window)),
        Column::UptimeShare(window) => format!("{} uptime %", window_name(window)),
        Column::OutageCount => "Outages".to_string(),
        Column::LongestOutage => format!("Longest outage ({outage_unit})"),
        Column::MeanOutage => format!("Mean outage ({outage_unit})"),
        Column::LatestPoll => "Latest poll, minutes before now".to_string(),
        Column::Polls(window) => format!("{} polls", window_name(window)),
        Column::HorizonUptime => "Uptime % over the horizon".to_string(),
        Column::Target => "Target %".to_string(),
        Column::BudgetLeft => "Budget left (minutes)".to_string(),
        Column::Change => "Change in uptime % (points)".to_string(),
        Column::MeetsTarget | Column::Group(_) | Column::Now => return None,
    })
}

/// The table's filter, order and page, which the overview also sets.
#[derive(Clone, Copy)]
pub struct TableFocus {
    pub filter: RwSignal<String>,
    /// What a row must meet besides its id.
    pub conditions: RwSignal<RowConditions>,
    pub sort: RwSignal<Sort>,
    /// Rows per page, or `table_view::ALL_ROWS` for one scrolling list.
    pub page_size: RwSignal<usize>,
    /// The columns shown beside the store id.
    pub columns: RwSignal<ColumnChoice>,
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

/// How a report's cells are written: its units, the user's hours format,
/// and its now (for the age of the latest poll).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellFormat {
    pub units: Units,
    pub hours: HoursFormat,
    pub now_unix_nanos: i64,
}

/// The age of the store's latest poll; `None` without freshness or a poll
/// at or before now.
pub fn latest_poll_age(row: &StoreRow, now_unix_nanos: i64) -> Option<i64> {
    row.freshness.as_ref().and_then(|freshness| age_nanos(freshness, now_unix_nanos))
}

/// A store's state at now in words: "down 26 h 15 min", "up", "closed";
/// "—" for a report kept before states were sent.
pub fn state_text(state: Option<StoreStateNow>, now_unix_nanos: i64) -> String {
    match state {
        Some(StoreStateNow::Down { since_nanos }) => format!(
            "down {}",
            format_duration(i128::from(now_unix_nanos) - i128::from(since_nanos), DurationStyle::HoursMinutes)
        ),
        Some(StoreStateNow::Up) => "up".to_string(),
        Some(StoreStateNow::Closed) => "closed".to_string(),
        None => "—".to_string(),
    }
}

/// The order of states, smallest first: closed, up, then down, the longer
/// down the larger (an earlier start).
fn state_rank(state: Option<StoreStateNow>) -> Option<(i64, i64)> {
    state.map(|state| match state {
        StoreStateNow::Closed => (0, 0),
        StoreStateNow::Up => (1, 0),
        StoreStateNow::Down { since_nanos } => (2, since_nanos.saturating_neg()),
    })
}

/// Whether the report's worker judged the store stale.
pub fn is_stale(row: &StoreRow) -> bool {
    row.freshness.is_some_and(|freshness| freshness.stale)
}

/// The text of a cell: figures as the CSV writes them with their thousands
/// grouped as everywhere on the page, or hours as `h:mm` when so chosen.
pub fn cell_text(row: &StoreRow, column: Column, format: CellFormat) -> String {
    let mut text = String::new();
    let units = format.units;
    match column {
        Column::StoreId => text.push_str(&row.store_id),
        Column::Uptime(window) => text = figure_text(uptime(row, window), units.unit_of(window), format.hours),
        Column::Downtime(window) => text = figure_text(downtime(row, window), units.unit_of(window), format.hours),
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
                Some(span) => text = figure_text(span, Unit::Minute, format.hours),
                None => text.push('—'),
            }
        }
        Column::Now => text = state_text(row.state_now, format.now_unix_nanos),
        Column::LatestPoll => match latest_poll_age(row, format.now_unix_nanos) {
            Some(age) => text = age_text(age),
            None if row.freshness.is_some() => text.push_str("none before now"),
            None => text.push('—'),
        },
        Column::Polls(window) => match row.freshness {
            Some(freshness) => text = group_digits(freshness.polls[window.index()]),
            None => text.push('—'),
        },
        Column::HorizonUptime
        | Column::Target
        | Column::BudgetLeft
        | Column::MeetsTarget
        | Column::Change
        | Column::Group(_) => text = score_text(row.score.as_ref(), column),
    }
    text
}

/// The text of a cell against the target; `—` where there is no figure
/// (no business time, no target, nothing to compare with, a report kept
/// before these were computed). A group's cell shows its name, which the
/// report holds: here, its place.
pub fn score_text(score: Option<&StoreScoreMessage>, column: Column) -> String {
    let dash = || "—".to_string();
    let Some(score) = score else { return dash() };
    match column {
        Column::HorizonUptime => score.uptime_percent.map_or_else(dash, |percent| format_share(percent / 100.0)),
        Column::Target => score.target.map_or_else(dash, |target| format!("{target}%")),
        Column::BudgetLeft => score.budget_left_minutes.map_or_else(dash, minutes_text),
        Column::MeetsTarget => match score.meets_target {
            Some(true) => "meets".to_string(),
            Some(false) => "misses".to_string(),
            None => dash(),
        },
        Column::Change => match (score.change_uptime_thousandths, score.change_downtime_nanos) {
            (Some(points), Some(down)) => format!("{} pp, {} min downtime", points_text(points), signed_minutes(down)),
            (None, Some(down)) => format!("{} min downtime", signed_minutes(down)),
            _ => dash(),
        },
        Column::Group(dimension) => {
            score.groups.get(usize::from(dimension)).map_or_else(dash, |group| group.to_string())
        }
        _ => dash(),
    }
}

/// Minutes with at most two decimals, thousands grouped: `-12.5`, `1,440`.
pub fn minutes_text(minutes: f64) -> String {
    let text = format!("{:.2}", minutes);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if text == "-0" { "0" } else { text };
    group_number_text(text)
}

/// Thousandths of a percentage point, signed, at most three decimals:
/// `+1.25`, `-0.003`, `0`.
pub fn points_text(thousandths: i64) -> String {
    let sign = match thousandths.signum() {
        1 => "+",
        -1 => "-",
        _ => "",
    };
    let magnitude = thousandths.unsigned_abs();
    let fraction = format!("{:03}", magnitude % 1000);
    let fraction = fraction.trim_end_matches('0');
    let whole = magnitude / 1000;
    if fraction.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole}.{fraction}") }
}

/// A change of downtime in minutes, signed: `+35`, `-2.5`, `0`.
fn signed_minutes(nanos: i64) -> String {
    let text = minutes_text(nanos as f64 / 60e9);
    if nanos > 0 && text != "0" { format!("+{text}") } else { text }
}

/// Whether uptime went up (`Some(true)`), down, or did not move, against
/// the period before; `None` when there is nothing to compare with.
pub fn improved(score: &StoreScoreMessage) -> Option<Option<bool>> {
    score.change_uptime_thousandths.map(|points| (points != 0).then_some(points > 0))
}

/// A figure as the CSV writes it, with its thousands grouped (`10,080`,
/// `1,234.5`); or, when so chosen and whatever the unit, as `h:mm`
/// (`112:27`) or in words (`112 h 27 min`).
pub fn figure_text(span: TimeSpan, unit: Unit, hours: HoursFormat) -> String {
    match hours {
        HoursFormat::HoursMinutes => hours_minutes(span),
        HoursFormat::Words => format_duration(i128::from(span.nanos()), DurationStyle::HoursMinutes),
        HoursFormat::Decimal => {
            let mut text = String::new();
            format_span(span, unit, &mut text);
            group_number_text(&text)
        }
    }
}

/// The unit durations in `unit` are shown in: the CSV's, or the display's.
pub fn shown_unit(unit: Unit, hours: HoursFormat) -> &'static str {
    match (hours, unit) {
        (HoursFormat::Decimal, Unit::Minute) => "minutes",
        (HoursFormat::Decimal, Unit::Hour) => "hours",
        (HoursFormat::HoursMinutes, _) => "h:mm",
        (HoursFormat::Words, _) => "h min",
    }
}

/// A window's heading with the unit its figures are shown in: "Last day
/// (hours)", "Last day (h:mm)".
pub fn window_heading_shown(window: Window, units: Units, hours: HoursFormat) -> String {
    let name = match window {
        Window::LastHour => "Last hour",
        Window::LastDay => "Last day",
        Window::LastWeek => "Last week",
    };
    format!("{name} ({})", shown_unit(units.unit_of(window), hours))
}

/// `112.45` hours as `112:27`: whole minutes, rounded half up.
pub fn hours_minutes(span: TimeSpan) -> String {
    let nanos = span.nanos();
    let minutes = (nanos.unsigned_abs() + 30_000_000_000) / 60_000_000_000;
    let sign = if nanos < 0 && minutes > 0 { "-" } else { "" };
    format!("{sign}{}:{:02}", group_digits(minutes / 60), minutes % 60)
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

/// What a row must meet to be shown, besides its id: each condition, when
/// set, keeps only the rows that meet it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RowConditions {
    /// Judged stale by the worker.
    pub stale: bool,
    /// No business-hours rows: open 24x7.
    pub open_all_week: bool,
    /// In the default timezone (no timezone row, or an unknown name).
    pub default_zone: bool,
    /// A column's figure below or above a value.
    pub threshold: Option<Threshold>,
    /// Weekly uptime within a bin of the overview's histogram.
    pub uptime_bin: Option<UptimeBin>,
    /// Misses its target (the engine's judgement).
    pub misses_target: bool,
    /// Down at now: an outage going on.
    pub down_now: bool,
    /// In one group of one dimension.
    pub group: Option<GroupChoice>,
    /// Open at least this much business time in the week: "Least
    /// available"'s floor, so that the table lists the stores it ranks.
    pub open_week_at_least: Option<TimeSpan>,
}

/// A floor of business time in the week typed in hours; `None` for text
/// that is not a number from 0 to a week's 168 hours.
pub fn floor_of(hours: &str) -> Option<TimeSpan> {
    let hours = hours.trim().parse::<f64>().ok().filter(|hours| (0.0..=168.0).contains(hours))?;
    Some(TimeSpan::from_nanos((hours * 3.6e12).round() as i64))
}

/// A floor in hours, as [`floor_of`] reads it: `8`, `0.5`.
pub fn floor_hours(floor: TimeSpan) -> String {
    (floor.nanos() as f64 / 3.6e12).to_string()
}

impl RowConditions {
    pub fn any(&self) -> bool {
        self.stale
            || self.open_all_week
            || self.default_zone
            || self.threshold.is_some()
            || self.uptime_bin.is_some()
            || self.misses_target
            || self.down_now
            || self.group.is_some()
            || self.open_week_at_least.is_some()
    }
}

/// A group of a dimension, by their places in the report's scorecard (the
/// dimensions in the groups file's order, the groups in byte order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupChoice {
    pub dimension: u16,
    pub group: u32,
}

/// A bin of the overview's histogram of weekly uptime: a share at or above
/// its floor and below the next bin's, in tenths of a percent; the last bin
/// has no next floor. A row is in it by the engine's own comparison
/// (`engine::uptime_at_least`), so that the table shows exactly
/// the stores the histogram counted there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UptimeBin {
    pub floor_permille: u32,
    pub next_permille: Option<u32>,
}

impl UptimeBin {
    /// The bin `bin` of a report's floors, if it has one.
    pub fn of(floors: &[u32], bin: usize) -> Option<UptimeBin> {
        let floor_permille = *floors.get(bin)?;
        Some(UptimeBin { floor_permille, next_permille: floors.get(bin + 1).copied() })
    }

    /// Whether the row's week falls in the bin; a store without business
    /// time that week is in none, as in the histogram.
    pub fn contains(self, row: &StoreRow) -> bool {
        let (up, down) = (uptime(row, Window::LastWeek), downtime(row, Window::LastWeek));
        (up + down).nanos() > 0
            && engine::uptime_at_least(up, down, self.floor_permille)
            && !self.next_permille.is_some_and(|next| engine::uptime_at_least(up, down, next))
    }

    /// Its range in words, e.g. "95–98 %"; a last bin that starts at 100 %
    /// is "100 %", one below it runs to 100 % included.
    pub fn label(self) -> String {
        match self.next_permille {
            Some(next) => format!("{}–{} %", percent(self.floor_permille), percent(next)),
            None if self.floor_permille >= 1000 => "100 %".to_string(),
            None => format!("{}–100 %", percent(self.floor_permille)),
        }
    }
}

/// Tenths of a percent as a percentage: 999 → "99.9", 950 → "95".
pub fn percent(permille: u32) -> String {
    if permille.is_multiple_of(10) {
        (permille / 10).to_string()
    } else {
        format!("{}.{}", permille / 10, permille % 10)
    }
}

/// A column's figure, in the unit its heading names, below or above a
/// value (strictly): "week uptime % below 95".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Threshold {
    pub column: Column,
    pub above: bool,
    pub value: f64,
}

/// Which rows the table shows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RowFilter<'a> {
    /// A part of the store id, any case; empty for all.
    pub id_contains: &'a str,
    pub conditions: RowConditions,
    /// The report's units, in which a threshold's figures are read.
    pub units: Units,
}

/// A row's figure in `column` as a number, in the unit its heading names
/// (minutes or hours, percent, a count; the latest poll's age in minutes).
/// `None` where the cell shows "—" (no business time, no outage, no
/// freshness) or for the store id. A store without a poll before now is
/// as old as can be.
pub fn column_value(row: &StoreRow, column: Column, units: Units, now_unix_nanos: i64) -> Option<f64> {
    let in_unit = |span: TimeSpan, unit: Unit| {
        let per_unit = match unit {
            Unit::Minute => 60e9,
            Unit::Hour => 3_600e9,
        };
        span.nanos() as f64 / per_unit
    };
    let minutes = |span: TimeSpan| in_unit(span, Unit::Minute);
    match column {
        Column::StoreId => None,
        Column::Uptime(window) => Some(in_unit(uptime(row, window), units.unit_of(window))),
        Column::Downtime(window) => Some(in_unit(downtime(row, window), units.unit_of(window))),
        Column::UptimeShare(window) => uptime_share(row, window).map(|share| share * 100.0),
        Column::OutageCount => Some(f64::from(row.outages.count)),
        Column::LongestOutage => longest_outage(row).map(minutes),
        Column::MeanOutage => mean_outage(row).map(minutes),
        Column::Now => None,
        Column::LatestPoll => row.freshness.map(|freshness| match age_nanos(&freshness, now_unix_nanos) {
            Some(age) => minutes(TimeSpan::from_nanos(age)),
            None => f64::INFINITY,
        }),
        Column::Polls(window) => row.freshness.map(|freshness| freshness.polls[window.index()] as f64),
        Column::HorizonUptime
        | Column::Target
        | Column::BudgetLeft
        | Column::MeetsTarget
        | Column::Change
        | Column::Group(_) => score_value(row.score.as_ref()?, column),
    }
}

/// A figure against the target as a number, to sort and compare: percent,
/// minutes, percentage points; meets as 1 or 0; a group by its place.
fn score_value(score: &StoreScoreMessage, column: Column) -> Option<f64> {
    match column {
        Column::HorizonUptime => score.uptime_percent,
        Column::Target => score.target.map(|target| f64::from(target.thousandths()) / 1000.0),
        Column::BudgetLeft => score.budget_left_minutes,
        Column::MeetsTarget => score.meets_target.map(|meets| if meets { 1.0 } else { 0.0 }),
        Column::Change => score.change_uptime_thousandths.map(|points| points as f64 / 1000.0),
        Column::Group(dimension) => score.groups.get(usize::from(dimension)).map(|&group| f64::from(group)),
        _ => None,
    }
}

/// Whether `row` meets every condition set.
fn meets(row: &StoreRow, conditions: &RowConditions, units: Units, now_unix_nanos: i64) -> bool {
    let freshness = row.freshness;
    (!conditions.stale || is_stale(row))
        && (!conditions.open_all_week || freshness.is_some_and(|f| f.hours_source == engine::HoursSource::OpenAllWeek))
        && (!conditions.default_zone || freshness.is_some_and(|f| f.zone_source != engine::ZoneSource::File))
        && conditions.uptime_bin.is_none_or(|bin| bin.contains(row))
        && (!conditions.misses_target || row.score.as_ref().is_some_and(|score| score.meets_target == Some(false)))
        && (!conditions.down_now || matches!(row.state_now, Some(StoreStateNow::Down { .. })))
        // As the engine's `least_available`: some business time, and the floor.
        && conditions.open_week_at_least.is_none_or(|floor| {
            let business = row.business[Window::LastWeek.index()];
            business > 0 && business >= floor.nanos()
        })
        && conditions.group.is_none_or(|choice| {
            row.score.as_ref().and_then(|score| score.groups.get(usize::from(choice.dimension))) == Some(&choice.group)
        })
        && conditions.threshold.is_none_or(|threshold| {
            column_value(row, threshold.column, units, now_unix_nanos)
                .is_some_and(|value| if threshold.above { value > threshold.value } else { value < threshold.value })
        })
}

/// The indices of the rows to show, in order: those that pass `filter`,
/// sorted by `sort`. Ties keep the report's order.
pub fn visible_rows(rows: &[StoreRow], filter: RowFilter, sort: Sort, now_unix_nanos: i64) -> Vec<u32> {
    let id_part = filter.id_contains.trim().to_lowercase();
    let mut indices: Vec<u32> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| id_part.is_empty() || contains_ignoring_case(&row.store_id, &id_part))
        .filter(|(_, row)| !filter.conditions.any() || meets(row, &filter.conditions, filter.units, now_unix_nanos))
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
        // A store without a poll before now is the oldest of all; rows
        // without freshness (kept reports) go last either way.
        Column::LatestPoll => indices.sort_by_key(|i| {
            let row = row(i);
            let age = match (&row.freshness, latest_poll_age(row, now_unix_nanos)) {
                (None, _) => None,
                (Some(_), Some(age)) => Some(age),
                (Some(_), None) => Some(i64::MAX),
            };
            (age.is_none(), age.map(|age| directed(age, sort.descending)))
        }),
        // Down, the longest first, then up, then closed; rows without a
        // state (kept reports) go last either way.
        Column::Now => indices.sort_by_key(|i| {
            let rank = state_rank(row(i).state_now);
            (
                rank.is_none(),
                rank.map(|(kind, since)| (directed(kind, sort.descending), directed(since, sort.descending))),
            )
        }),
        Column::Polls(window) => indices.sort_by_key(|i| {
            let polls = row(i).freshness.map(|freshness| freshness.polls[window.index()] as i64);
            (polls.is_none(), polls.map(|polls| directed(polls, sort.descending)))
        }),
        // Rows without the figure (no target, nothing to compare) go last
        // either way.
        Column::HorizonUptime
        | Column::Target
        | Column::BudgetLeft
        | Column::MeetsTarget
        | Column::Change
        | Column::Group(_) => indices.sort_by(|a, b| {
            let value = |i: &u32| row(i).score.as_ref().and_then(|score| score_value(score, sort.column));
            compare_shares(value(a), value(b), sort.descending)
        }),
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
            freshness: None,
            score: None,
            state_now: None,
        }
    }

    const FORMAT: CellFormat = CellFormat { units: Units::Minutes, hours: HoursFormat::Decimal, now_unix_nanos: 0 };

    fn ids(rows: &[StoreRow], filter: &str, sort: Sort) -> Vec<u32> {
        visible_rows(rows, RowFilter { id_contains: filter, ..RowFilter::default() }, sort, 0)
    }

    #[test]
    fn filters_by_store_id_ignoring_case_and_sorts_figures() {
        let rows = vec![row("a1", 10, 50), row("B2", 60, 0), row("b3", 0, 0), row("c4", 30, 30)];
        assert_eq!(ids(&rows, "b", Sort::default()), vec![1, 2]);
        let by_uptime = Sort::default().clicked(Column::Uptime(Window::LastHour));
        assert!(by_uptime.descending);
        assert_eq!(ids(&rows, "", by_uptime), vec![1, 3, 0, 2]);
        let share = Sort { column: Column::UptimeShare(Window::LastHour), descending: false };
        // The closed store has no share and goes last in both directions.
        assert_eq!(ids(&rows, "", share), vec![0, 3, 1, 2]);
        assert_eq!(ids(&rows, "", share.clicked(share.column)), vec![1, 3, 0, 2]);
        let ids_down = Sort::default().clicked(Column::StoreId);
        assert_eq!(ids(&rows, "", ids_down), vec![3, 2, 1, 0]);
    }

    #[test]
    fn cells_read_like_the_csv() {
        let r = StoreRow {
            store_id: "8419537941919820732".to_string(),
            figures: [45 * MINUTE, 15 * MINUTE, 90 * MINUTE, 30 * MINUTE, 0, 0],
            business: [60 * MINUTE, 120 * MINUTE, 0],
            outages: OutageSummary { count: 3, longest_nanos: 90 * MINUTE + 30_000_000_000, total_nanos: 100 * MINUTE },
            days: StoreDays::default(),
            freshness: None,
            score: None,
            state_now: None,
        };
        let hours = CellFormat { units: Units::Hours, ..FORMAT };
        assert_eq!(cell_text(&r, Column::StoreId, FORMAT), "8419537941919820732");
        assert_eq!(cell_text(&r, Column::Uptime(Window::LastDay), hours), "1.5");
        assert_eq!(cell_text(&r, Column::Uptime(Window::LastDay), FORMAT), "90");
        assert_eq!(cell_text(&r, Column::UptimeShare(Window::LastHour), FORMAT), "75.0%");
        assert_eq!(cell_text(&r, Column::UptimeShare(Window::LastWeek), FORMAT), "—");
        assert_eq!(format_share(0.99999), ">99.9%");
        assert_eq!(format_share(0.00001), "<0.1%");
        assert_eq!(format_share(0.0), "0.0%");
        assert_eq!(format_share(1.0), "100.0%");
        assert_eq!(cell_text(&r, Column::OutageCount, hours), "3");
        assert_eq!(cell_text(&r, Column::LongestOutage, hours), "90.5");
        assert_eq!(cell_text(&r, Column::MeanOutage, hours), "33.33");
        assert_eq!(cell_text(&row("x", 1, 1), Column::LongestOutage, FORMAT), "—");
    }

    #[test]
    fn stores_without_outages_sort_after_those_with_them() {
        let mut rows = vec![row("a", 0, 0), row("b", 0, 0), row("c", 0, 0)];
        rows[1].outages = OutageSummary { count: 1, longest_nanos: 5 * MINUTE, total_nanos: 5 * MINUTE };
        rows[2].outages = OutageSummary { count: 2, longest_nanos: 9 * MINUTE, total_nanos: 10 * MINUTE };
        let longest = Sort::default().clicked(Column::LongestOutage);
        assert_eq!(ids(&rows, "", longest), vec![2, 1, 0]);
        let mean = Sort::default().clicked(Column::MeanOutage);
        assert_eq!(ids(&rows, "", mean), vec![1, 2, 0]);
        assert_eq!(ids(&rows, "", Sort::default().clicked(Column::OutageCount)), vec![2, 1, 0]);
    }

    fn fresh(id: &str, latest_minutes_ago: Option<i64>, polls: [u64; 3], stale: bool) -> StoreRow {
        let mut r = row(id, 0, 0);
        r.freshness = Some(StoreFreshness {
            latest_poll: latest_minutes_ago
                .map(|ago| LatestPollAt { unix_nanos: NOW - ago * MINUTE, utc_offset_seconds: 0 }),
            polls,
            stale,
            hours_source: engine::HoursSource::File,
            zone_source: engine::ZoneSource::File,
        });
        r
    }

    const NOW: i64 = 1_674_648_000_000_000_000;

    #[test]
    fn latest_polls_and_poll_counts_sort_and_filter() {
        let rows = vec![
            fresh("a", Some(60), [1, 20, 100], false),
            fresh("b", Some(180), [0, 3, 50], true),
            fresh("c", None, [0, 0, 0], true),
            row("d", 0, 0),
            fresh("e", Some(5), [2, 30, 10], false),
        ];
        let sorted = |column: Column, descending: bool| {
            visible_rows(&rows, RowFilter::default(), Sort { column, descending }, NOW)
        };
        // The oldest first: no poll before now, then 3 h, 1 h, 5 min; the
        // row without freshness last both ways.
        assert_eq!(sorted(Column::LatestPoll, true), vec![2, 1, 0, 4, 3]);
        assert_eq!(sorted(Column::LatestPoll, false), vec![4, 0, 1, 2, 3]);
        assert_eq!(sorted(Column::Polls(Window::LastDay), true), vec![4, 0, 1, 2, 3]);
        assert_eq!(sorted(Column::Polls(Window::LastWeek), false), vec![2, 4, 1, 0, 3]);
        let only = |conditions: RowConditions| {
            visible_rows(&rows, RowFilter { conditions, ..RowFilter::default() }, Sort::default(), NOW)
        };
        assert_eq!(only(RowConditions { stale: true, ..RowConditions::default() }), vec![1, 2]);
        // Five polls or more in the day; the latest poll over 90 minutes old
        // (a store without a poll before now is the oldest).
        let threshold = |column, above, value| Some(Threshold { column, above, value });
        let polls = threshold(Column::Polls(Window::LastDay), true, 4.5);
        assert_eq!(only(RowConditions { threshold: polls, ..RowConditions::default() }), vec![0, 4]);
        let old = threshold(Column::LatestPoll, true, 90.0);
        assert_eq!(only(RowConditions { threshold: old, ..RowConditions::default() }), vec![1, 2]);
        let both = RowConditions { stale: true, threshold: polls, ..RowConditions::default() };
        assert_eq!(only(both), Vec::<u32>::new());
        let format = CellFormat { now_unix_nanos: NOW, ..FORMAT };
        assert_eq!(cell_text(&rows[1], Column::LatestPoll, format), "3 h 00 min");
        assert_eq!(cell_text(&rows[2], Column::LatestPoll, format), "none before now");
        assert_eq!(cell_text(&rows[3], Column::LatestPoll, format), "—");
        assert_eq!(cell_text(&rows[0], Column::Polls(Window::LastWeek), format), "100");
    }

    #[test]
    fn figures_group_thousands_and_hours_read_as_h_mm() {
        let hours = |h: i64, m: i64, s: i64| TimeSpan::from_nanos(((h * 60 + m) * 60 + s) * 1_000_000_000);
        assert_eq!(figure_text(hours(112, 27, 0), Unit::Hour, HoursFormat::Decimal), "112.45");
        assert_eq!(figure_text(hours(112, 27, 0), Unit::Hour, HoursFormat::HoursMinutes), "112:27");
        // Half a minute rounds up; minutes stay decimal whatever the format.
        assert_eq!(figure_text(hours(0, 59, 30), Unit::Hour, HoursFormat::HoursMinutes), "1:00");
        assert_eq!(figure_text(hours(0, 0, 29), Unit::Hour, HoursFormat::HoursMinutes), "0:00");
        // Whatever the unit: minutes too, and in words.
        assert_eq!(figure_text(hours(168, 0, 0), Unit::Minute, HoursFormat::HoursMinutes), "168:00");
        assert_eq!(figure_text(hours(168, 0, 0), Unit::Minute, HoursFormat::Decimal), "10,080");
        assert_eq!(figure_text(hours(152, 58, 0), Unit::Minute, HoursFormat::Words), "152 h 58 min");
        assert_eq!(figure_text(hours(1234, 0, 29), Unit::Hour, HoursFormat::Words), "1,234 h");
        assert_eq!(figure_text(hours(0, 45, 0), Unit::Minute, HoursFormat::Words), "45 min");
        assert_eq!(window_heading_shown(Window::LastDay, Units::Hours, HoursFormat::Decimal), "Last day (hours)");
        assert_eq!(window_heading_shown(Window::LastHour, Units::Hours, HoursFormat::Words), "Last hour (h min)");
        assert_eq!(
            window_heading_shown(Window::LastWeek, Units::Minutes, HoursFormat::HoursMinutes),
            "Last week (h:mm)"
        );
        // Durations follow the display; the budget, in minutes with
        // decimals whatever the display, keeps its unit.
        let shown = |column| column_label_shown(column, Units::Minutes, HoursFormat::Words);
        assert_eq!(shown(Column::Downtime(Window::LastDay)).as_deref(), Some("Day downtime (h min)"));
        assert_eq!(shown(Column::LongestOutage).as_deref(), Some("Longest outage (h min)"));
        assert_eq!(shown(Column::BudgetLeft).as_deref(), Some("Budget left (minutes)"));
        assert_eq!(column_label(Column::LongestOutage, Units::Hours).as_deref(), Some("Longest outage (minutes)"));
        assert_eq!(figure_text(hours(1234, 0, 0), Unit::Hour, HoursFormat::HoursMinutes), "1,234:00");
        assert_eq!(group_number_text("1234567.5"), "1,234,567.5");
        assert_eq!(group_number_text("-1000"), "-1,000");
        assert_eq!(group_number_text("999.99"), "999.99");
    }

    fn week(id: &str, up_nanos: i64, down_nanos: i64) -> StoreRow {
        let mut r = row(id, 0, 0);
        r.figures[4] = up_nanos;
        r.figures[5] = down_nanos;
        r.business[2] = up_nanos + down_nanos;
        r
    }

    #[test]
    fn a_histogram_bin_shows_the_stores_the_engine_counted_in_it() {
        use engine::{UPTIME_BIN_FLOORS_PERMILLE as FLOORS, uptime_bin};
        let week_nanos = 7 * 24 * 60 * MINUTE;
        // On and either side of every floor, nanoseconds apart, and the ends.
        let mut rows = vec![week("closed", 0, 0), week("all-up", week_nanos, 0), week("all-down", 0, week_nanos)];
        for &floor in &FLOORS {
            let up = week_nanos / 1000 * i64::from(floor);
            for delta in [-1, 0, 1] {
                let up = (up + delta).clamp(0, week_nanos);
                rows.push(week(&format!("{floor}{delta:+}"), up, week_nanos - up));
            }
        }
        // A share that rounds to 95.0 % but is below it.
        rows.push(week("almost-95", 94_999_999, 5_000_001));
        let bins: Vec<UptimeBin> = (0..FLOORS.len()).filter_map(|bin| UptimeBin::of(&FLOORS, bin)).collect();
        assert_eq!(bins.len(), FLOORS.len());
        let in_bin = |bin: UptimeBin| {
            let conditions = RowConditions { uptime_bin: Some(bin), ..RowConditions::default() };
            visible_rows(&rows, RowFilter { conditions, ..RowFilter::default() }, Sort::default(), NOW)
        };
        let mut counted = vec![Vec::new(); FLOORS.len()];
        for (index, r) in rows.iter().enumerate().skip(1) {
            counted[uptime_bin(uptime(r, Window::LastWeek), downtime(r, Window::LastWeek))].push(index as u32);
        }
        for (bin, rows_in) in bins.iter().zip(&counted) {
            assert_eq!(&in_bin(*bin), rows_in, "{}", bin.label());
        }
        // The store closed all week is in no bin; 100 % is exactly all of it.
        assert!(!bins.iter().any(|bin| bin.contains(&rows[0])));
        assert_eq!(
            in_bin(bins[8]).iter().map(|&i| rows[i as usize].store_id.as_str()).collect::<Vec<_>>(),
            ["all-up", "1000+0", "1000+1"]
        );
        // 94.9999999 % is below 95 %, though it reads 95.0 %.
        let almost = rows.len() as u32 - 1;
        assert!(in_bin(bins[3]).contains(&almost) && !in_bin(bins[4]).contains(&almost));
        // With the other conditions, as any condition.
        let both = RowConditions { uptime_bin: Some(bins[0]), stale: true, ..RowConditions::default() };
        assert!(both.any());
        assert_eq!(
            visible_rows(&rows, RowFilter { conditions: both, ..RowFilter::default() }, Sort::default(), NOW),
            Vec::<u32>::new()
        );
    }

    #[test]
    fn bins_are_named_by_their_range() {
        let floors = [0, 500, 800, 900, 950, 980, 990, 999, 1000];
        let label = |floors: &[u32], bin| UptimeBin::of(floors, bin).map(UptimeBin::label);
        assert_eq!(label(&floors, 0).as_deref(), Some("0–50 %"));
        assert_eq!(label(&floors, 6).as_deref(), Some("99–99.9 %"));
        assert_eq!(label(&floors, 7).as_deref(), Some("99.9–100 %"));
        assert_eq!(label(&floors, 8).as_deref(), Some("100 %"));
        assert_eq!(label(&floors, 9), None);
        // A report kept with bins of 10 %: the last runs to 100 % included.
        let old: Vec<u32> = (0..10).map(|bin| bin * 100).collect();
        assert_eq!(label(&old, 9).as_deref(), Some("90–100 %"));
        let last = UptimeBin::of(&old, 9).expect("a bin");
        assert!(last.contains(&week("all-up", 60, 0)) && last.contains(&week("most", 95, 5)));
        assert!(!last.contains(&week("less", 89, 11)));
    }

    #[test]
    fn stores_down_now_show_since_when_sort_first_and_filter() {
        const NOW: i64 = 100 * 60 * MINUTE;
        let with = |id: &str, state: Option<StoreStateNow>| StoreRow { state_now: state, ..row(id, 0, 0) };
        let rows = [
            with("up", Some(StoreStateNow::Up)),
            // Down since 26 h 15 min before now, and since 30 minutes.
            with("long", Some(StoreStateNow::Down { since_nanos: NOW - (26 * 60 + 15) * MINUTE })),
            with("closed", Some(StoreStateNow::Closed)),
            with("short", Some(StoreStateNow::Down { since_nanos: NOW - 30 * MINUTE })),
            with("kept", None),
        ];
        let format = CellFormat { now_unix_nanos: NOW, ..FORMAT };
        let texts: Vec<String> = rows.iter().map(|row| cell_text(row, Column::Now, format)).collect();
        assert_eq!(texts, ["up", "down 26 h 15 min", "closed", "down 30 min", "—"]);
        let sorted =
            |descending: bool| visible_rows(&rows, RowFilter::default(), Sort { column: Column::Now, descending }, NOW);
        // Down the longest first, then up, then closed; without a state last.
        assert_eq!(sorted(true), vec![1, 3, 0, 2, 4]);
        assert_eq!(sorted(false), vec![2, 0, 3, 1, 4]);
        assert!(Column::Now.first_descending());
        let conditions = RowConditions { down_now: true, ..RowConditions::default() };
        assert!(conditions.any());
        let down = visible_rows(&rows, RowFilter { conditions, ..RowFilter::default() }, Sort::default(), NOW);
        assert_eq!(down, vec![1, 3]);
        assert_eq!(Column::named("state_now"), Some(Column::Now));
        assert_eq!(ColumnChoice::of(Column::Now), Some(ColumnChoice::Data));
    }

    #[test]
    fn the_open_floor_keeps_the_stores_least_available_ranks() {
        let open = |id: &str, minutes: i64| StoreRow { business: [0, 0, minutes * MINUTE], ..row(id, 0, 0) };
        // Closed all week; 7 h 59 min; 8 h exactly (on the floor); 9 h.
        let rows = [open("closed", 0), open("under", 479), open("on", 480), open("over", 540)];
        let eight_hours = floor_of("8");
        assert_eq!(eight_hours, Some(TimeSpan::from_nanos(480 * MINUTE)));
        let conditions = RowConditions { open_week_at_least: eight_hours, ..RowConditions::default() };
        assert!(conditions.any());
        let kept = visible_rows(&rows, RowFilter { conditions, ..RowFilter::default() }, Sort::default(), 0);
        assert_eq!(kept, vec![2, 3]);
        // A floor of 0 keeps every store open at all, as the chart does.
        let conditions = RowConditions { open_week_at_least: floor_of("0"), ..RowConditions::default() };
        let kept = visible_rows(&rows, RowFilter { conditions, ..RowFilter::default() }, Sort::default(), 0);
        assert_eq!(kept, vec![1, 2, 3]);
        assert_eq!(floor_hours(TimeSpan::from_nanos(480 * MINUTE)), "8");
        assert_eq!(floor_of("169"), None);
        assert_eq!(floor_of("-1"), None);
    }

    #[test]
    fn a_column_choice_shows_the_id_and_its_own_columns() {
        let week = ColumnChoice::Window(Window::LastWeek);
        let shown: Vec<Column> = Column::ALL.into_iter().filter(|&column| week.shows(column)).collect();
        assert_eq!(
            shown,
            [
                Column::StoreId,
                Column::Uptime(Window::LastWeek),
                Column::Downtime(Window::LastWeek),
                Column::UptimeShare(Window::LastWeek)
            ]
        );
        assert_eq!(Column::ALL.into_iter().filter(|&column| ColumnChoice::Data.shows(column)).count(), 6);
        assert!(Column::ALL.into_iter().all(|column| ColumnChoice::All.shows(column)));
        // Every column but the id is in exactly one choice besides "all".
        for column in Column::ALL.into_iter().skip(1) {
            assert_eq!(ColumnChoice::ALL[1..].iter().filter(|choice| choice.shows(column)).count(), 1, "{column:?}");
        }
        for choice in ColumnChoice::ALL {
            assert_eq!(ColumnChoice::named(choice.key()), Some(choice));
        }
    }

    fn scored(id: &str, score: StoreScoreMessage) -> StoreRow {
        StoreRow { score: Some(score), ..row(id, 0, 0) }
    }

    fn score(percent: Option<f64>, meets: Option<bool>, change: Option<i64>, groups: Vec<u32>) -> StoreScoreMessage {
        StoreScoreMessage {
            uptime_percent: percent,
            target: engine::Target::from_thousandths(99_500),
            budget_left_minutes: meets.map(|meets| if meets { 12.5 } else { -3.25 }),
            meets_target: meets,
            change_downtime_nanos: change.map(|points| -points * MINUTE / 100),
            change_uptime_thousandths: change,
            groups,
        }
    }

    #[test]
    fn cells_against_the_target_say_what_the_engine_judged() {
        let miss = score(Some(99.25), Some(false), Some(-1_250), vec![1, 0]);
        let cell = |column| score_text(Some(&miss), column);
        assert_eq!(cell(Column::HorizonUptime), "99.3%");
        assert_eq!(cell(Column::Target), "99.5%");
        assert_eq!(cell(Column::BudgetLeft), "-3.25");
        assert_eq!(cell(Column::MeetsTarget), "misses");
        assert_eq!(cell(Column::Change), "-1.25 pp, +12.5 min downtime");
        assert_eq!(cell(Column::Group(0)), "1");
        assert_eq!(cell(Column::Group(2)), "—");
        // Nothing to compare with, no business time, a kept report: dashes.
        let empty = score(None, None, None, vec![]);
        for column in [Column::HorizonUptime, Column::BudgetLeft, Column::MeetsTarget, Column::Change] {
            assert_eq!(score_text(Some(&empty), column), "—", "{column:?}");
            assert_eq!(score_text(None, column), "—", "{column:?}");
        }
        assert_eq!(improved(&miss), Some(Some(false)));
        assert_eq!(improved(&score(None, None, Some(0), vec![])), Some(None));
        assert_eq!(improved(&empty), None);
        assert_eq!(points_text(1_250), "+1.25");
        assert_eq!(points_text(-3), "-0.003");
        assert_eq!(points_text(0), "0");
        assert_eq!(points_text(-100_000), "-100");
        assert_eq!(minutes_text(1440.0), "1,440");
        assert_eq!(minutes_text(-0.001), "0");
        assert_eq!(minutes_text(-12.345), "-12.35");
    }

    #[test]
    fn scores_sort_with_the_empty_last_and_filter_by_target_and_group() {
        let rows = vec![
            scored("a", score(Some(99.9), Some(true), Some(300), vec![0, 1])),
            scored("b", score(Some(97.0), Some(false), Some(-2_000), vec![1, 1])),
            scored("c", score(None, None, None, vec![2, 0])),
            row("d", 0, 0),
            scored("e", score(Some(99.0), Some(false), Some(0), vec![0, 0])),
        ];
        let sorted = |column: Column, descending: bool| {
            visible_rows(&rows, RowFilter::default(), Sort { column, descending }, NOW)
        };
        assert_eq!(sorted(Column::HorizonUptime, false), vec![1, 4, 0, 2, 3]);
        assert_eq!(sorted(Column::HorizonUptime, true), vec![0, 4, 1, 2, 3]);
        assert_eq!(sorted(Column::Change, false), vec![1, 4, 0, 2, 3]);
        assert_eq!(sorted(Column::Group(0), false), vec![0, 4, 1, 2, 3]);
        let only = |conditions: RowConditions| {
            visible_rows(&rows, RowFilter { conditions, ..RowFilter::default() }, Sort::default(), NOW)
        };
        assert_eq!(only(RowConditions { misses_target: true, ..RowConditions::default() }), vec![1, 4]);
        let group = |dimension, group| Some(GroupChoice { dimension, group });
        assert_eq!(only(RowConditions { group: group(0, 0), ..RowConditions::default() }), vec![0, 4]);
        assert_eq!(only(RowConditions { group: group(1, 1), ..RowConditions::default() }), vec![0, 1]);
        let both = RowConditions { group: group(0, 0), misses_target: true, ..RowConditions::default() };
        assert!(both.any());
        assert_eq!(only(both), vec![4]);
        // Worse than the period before by more than one point.
        let worse = Threshold { column: Column::Change, above: false, value: -1.0 };
        assert_eq!(only(RowConditions { threshold: Some(worse), ..RowConditions::default() }), vec![1]);
        assert_eq!(Column::named("group_3"), Some(Column::Group(3)));
        assert_eq!(Column::named("budget_left"), Some(Column::BudgetLeft));
        assert!(
            Column::ALL[Column::SCORES].iter().all(|&column| ColumnChoice::of(column) == Some(ColumnChoice::Targets))
        );
    }

    #[test]
    fn sources_and_thresholds_filter_rows() {
        let mut rows = vec![row("a", 30, 30), row("b", 57, 3), row("c", 0, 0)];
        for (row, (hours, zone)) in rows.iter_mut().zip([
            (engine::HoursSource::File, engine::ZoneSource::File),
            (engine::HoursSource::OpenAllWeek, engine::ZoneSource::UnknownNameDefault),
            (engine::HoursSource::OpenAllWeek, engine::ZoneSource::Default),
        ]) {
            row.freshness = Some(StoreFreshness {
                latest_poll: None,
                polls: [0; 3],
                stale: false,
                hours_source: hours,
                zone_source: zone,
            });
        }
        let only = |conditions: RowConditions| {
            visible_rows(&rows, RowFilter { conditions, ..RowFilter::default() }, Sort::default(), NOW)
        };
        assert_eq!(only(RowConditions { open_all_week: true, ..RowConditions::default() }), vec![1, 2]);
        assert_eq!(only(RowConditions { default_zone: true, ..RowConditions::default() }), vec![1, 2]);
        // Hour uptime % below 95: 50 % and not 95 %; the closed store has
        // no percentage and is not shown.
        let below = Threshold { column: Column::UptimeShare(Window::LastHour), above: false, value: 95.0 };
        assert_eq!(only(RowConditions { threshold: Some(below), ..RowConditions::default() }), vec![0]);
        // Downtime in the hour above 2.5 minutes, in the report's unit.
        let down = Threshold { column: Column::Downtime(Window::LastHour), above: true, value: 2.5 };
        assert_eq!(only(RowConditions { threshold: Some(down), ..RowConditions::default() }), vec![0, 1]);
        assert_eq!(column_value(&rows[1], Column::Uptime(Window::LastHour), Units::Hours, NOW), Some(57.0));
    }
}
