//! The fleet against its target and against the period before, and the
//! roll-up of each dimension of the groups file: every figure is the
//! engine's (the scorecard and roll-up of the report), pooled over
//! business time, which the view says. A group's name shows its stores in
//! the table; stores with no poll in the period before are counted in
//! words and have no change.

use std::sync::Arc;

use leptos::prelude::*;

use super::rollup_chart::RollupChart;
use super::show_in_table::show_in_table;
use super::store_bars::{StoreBar, StoreBars};
use crate::app::report::table::columns::{
    Column, GroupChoice, RowConditions, Sort, TableFocus, format_share, minutes_text, points_text,
};
use crate::app::shell::format::group_digits;
use crate::protocol::{RollupRowMessage, ScorecardMessage, StoreScoreMessage};

/// A column of the roll-up table, to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RollupColumn {
    /// The groups' own order: byte order of their names, `(none)` last.
    Group,
    Stores,
    Uptime,
    Median,
    Missing,
    BudgetLeft,
    Change,
}

impl RollupColumn {
    pub const ALL: [RollupColumn; 7] = [
        RollupColumn::Group,
        RollupColumn::Stores,
        RollupColumn::Uptime,
        RollupColumn::Median,
        RollupColumn::Missing,
        RollupColumn::BudgetLeft,
        RollupColumn::Change,
    ];

    fn heading(self) -> &'static str {
        match self {
            RollupColumn::Group => "Group",
            RollupColumn::Stores => "Stores",
            RollupColumn::Uptime => "Uptime %",
            RollupColumn::Median => "Median store %",
            RollupColumn::Missing => "Meet / miss",
            RollupColumn::BudgetLeft => "Budget left (min)",
            RollupColumn::Change => "Change (points)",
        }
    }

    fn key(self) -> &'static str {
        match self {
            RollupColumn::Group => "group",
            RollupColumn::Stores => "stores",
            RollupColumn::Uptime => "uptime",
            RollupColumn::Median => "median",
            RollupColumn::Missing => "missing",
            RollupColumn::BudgetLeft => "budget",
            RollupColumn::Change => "change",
        }
    }

    /// The row's figure in this column; `None` where it shows `—`.
    fn value(self, row: &RollupRowMessage) -> Option<f64> {
        match self {
            RollupColumn::Group => Some(row.group as f64),
            RollupColumn::Stores => Some(f64::from(row.stores)),
            RollupColumn::Uptime => row.uptime_percent,
            RollupColumn::Median => row.median_store_uptime_percent,
            RollupColumn::Missing => row.stores_missing_target.map(f64::from),
            RollupColumn::BudgetLeft => row.budget_left_minutes,
            RollupColumn::Change => row.change_uptime_thousandths.map(|points| points as f64),
        }
    }
}

/// The places, in `rows`, of one dimension's groups in the order asked:
/// rows without the figure last either way, ties in the groups' order.
pub fn sorted_groups(
    rows: &[RollupRowMessage],
    dimension: usize,
    column: RollupColumn,
    descending: bool,
) -> Vec<usize> {
    let mut places: Vec<usize> =
        rows.iter().enumerate().filter(|(_, row)| row.dimension == Some(dimension)).map(|(place, _)| place).collect();
    places.sort_by(|&a, &b| {
        let (a, b) = (column.value(&rows[a]), column.value(&rows[b]));
        match (a, b) {
            (Some(a), Some(b)) => {
                let order = a.total_cmp(&b);
                if descending { order.reverse() } else { order }
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    });
    places
}

/// "no polls in the 7 days before: nothing to compare for 13,980 stores".
pub fn without_previous_text(stores: u64, horizon_days: u32) -> String {
    let days = if horizon_days == 1 { "the day".to_string() } else { format!("the {horizon_days} days") };
    let noun = if stores == 1 { "store" } else { "stores" };
    format!("No polls in {days} before: nothing to compare for {} {noun}.", group_digits(stores))
}

/// How many of the report's stores each dimension puts in a group: "Region:
/// 360 of 400 stores in a group; 40 in (none) (no row in the groups file,
/// or an empty value)."
pub fn coverage_text(card: &ScorecardMessage) -> Vec<String> {
    let Some(total) = card.rollup.first().map(|fleet| u64::from(fleet.stores)) else {
        return Vec::new();
    };
    card.dimensions
        .iter()
        .enumerate()
        .map(|(d, dimension)| {
            let none = card
                .rollup
                .iter()
                .filter(|row| row.dimension == Some(d))
                .find(|row| dimension.groups.get(row.group).is_some_and(|group| group == engine::NO_GROUP))
                .map_or(0, |row| u64::from(row.stores));
            let mut text = format!(
                "{}: {} of {} stores in a group",
                dimension.name,
                group_digits(total - none.min(total)),
                group_digits(total)
            );
            if none > 0 {
                text.push_str(&format!(
                    "; {} in {} (no row in the groups file, or an empty value)",
                    group_digits(none),
                    engine::NO_GROUP
                ));
            }
            text.push('.');
            text
        })
        .collect()
}

/// A store's place in the report and its change in downtime, in nanoseconds.
pub type Changed = (usize, i64);

/// How many stores each list of the most changed names.
const MOST_CHANGED: usize = 5;

/// The stores whose downtime changed most against the period before, among
/// those with business time in both periods (the others have no change in
/// uptime percent): `(place, change in nanoseconds)`, the improved (less
/// downtime) most first, then the declined (more downtime) most first; at
/// most `count` each, stores whose downtime did not change in neither.
/// Equal changes keep the report's order.
pub fn most_changed(stores: &[StoreScoreMessage], count: usize) -> (Vec<Changed>, Vec<Changed>) {
    let mut changed: Vec<Changed> = stores
        .iter()
        .enumerate()
        .filter(|(_, store)| store.change_uptime_thousandths.is_some())
        .filter_map(|(place, store)| {
            store.change_downtime_nanos.filter(|&nanos| nanos != 0).map(|nanos| (place, nanos))
        })
        .collect();
    changed.sort_by_key(|&(_, nanos)| nanos);
    let improved = changed.iter().take_while(|(_, nanos)| *nanos < 0).take(count).copied().collect();
    // The largest rise first; equal rises in the report's order.
    let mut declined: Vec<Changed> = changed.iter().filter(|(_, nanos)| *nanos > 0).copied().collect();
    declined.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    declined.truncate(count);
    (improved, declined)
}

/// A change of downtime short enough for a bar's figure: minutes up to
/// 99, hours with a decimal beyond (`+22.4 h`), signed.
pub fn change_figure(nanos: i64) -> String {
    let sign = if nanos > 0 { "+" } else { "" };
    let minutes = nanos as f64 / 60e9;
    if minutes.abs() < 99.5 {
        format!("{sign}{} min", minutes_text(minutes))
    } else {
        format!("{sign}{:.1} h", minutes / 60.0)
    }
}

/// An uptime percent, or a dash.
fn percent_text(percent: Option<f64>) -> String {
    percent.map_or_else(|| "—".to_string(), |percent| format_share(percent / 100.0))
}

/// How many of the report's stores the groups file has no row for (they
/// are in `(none)` of every dimension); nothing without a groups file.
pub fn without_row_text(card: &ScorecardMessage) -> Option<String> {
    let missing = card.without_row?;
    let stores = card.rollup.first().map(|fleet| u64::from(fleet.stores))?;
    (!card.dimensions.is_empty()).then(|| {
        format!(
            "The groups file has no row for {} of the report's {} stores.",
            group_digits(missing),
            group_digits(stores)
        )
    })
}

/// The stores that improved and declined most, as bars of their change in
/// downtime minutes (each bar a link to the store's week).
fn most_changed_view(card: &ScorecardMessage, store_ids: &[String], horizon_days: u32) -> impl IntoView + use<> {
    let (improved, declined) = most_changed(&card.stores, MOST_CHANGED);
    let days = if horizon_days == 1 { "day".to_string() } else { format!("{horizon_days} days") };
    let largest = improved.iter().chain(&declined).map(|(_, nanos)| nanos.unsigned_abs()).max().unwrap_or(1).max(1);
    let bars = |list: &[Changed], meaning: &str| -> Vec<StoreBar> {
        list.iter()
            .filter_map(|&(place, nanos)| {
                Some(StoreBar {
                    store_id: store_ids.get(place)?.clone(),
                    share: nanos.unsigned_abs() as f64 / largest as f64,
                    figure: change_figure(nanos),
                    meaning: meaning.to_string(),
                })
            })
            .collect()
    };
    let part = |id: &'static str, class: &'static str, title: String, bars: Vec<StoreBar>| {
        (!bars.is_empty()).then(|| {
            view! {
                <div class="most-changed" data-testid=id>
                    <h4 id=format!("{id}-heading")>{title}</h4>
                    <StoreBars bars labelled_by=format!("{id}-heading") class=class/>
                </div>
            }
        })
    };
    view! {
        {part(
            "most-improved",
            "least-chart",
            format!("Improved most: less downtime than the {days} before"),
            bars(&improved, &format!("less downtime than the {days} before")),
        )}
        {part(
            "most-declined",
            "declined-chart",
            format!("Declined most: more downtime than the {days} before"),
            bars(&declined, &format!("more downtime than the {days} before")),
        )}
    }
}

#[component]
pub fn ScorecardOverview(
    card: Arc<ScorecardMessage>,
    /// The report's store ids, in the scorecard's order.
    store_ids: Arc<Vec<String>>,
    horizon_days: u32,
    focus: TableFocus,
) -> impl IntoView {
    let Some(fleet) = card.rollup.first().cloned() else {
        return ().into_any();
    };
    let stores = fleet.stores;
    let period = if horizon_days == 1 { "the last day".to_string() } else { format!("the last {horizon_days} days") };
    let target_words = match card.fleet_target {
        Some(target) => format!("against a target of {target}%"),
        None if card.has_target => "against the stores' own targets (no fleet target is set)".to_string(),
        None => "(no target: set one in the settings, or give a groups file with a target column)".to_string(),
    };
    let uptime_line = format!("Fleet uptime over {period}: {} {target_words}", percent_text(fleet.uptime_percent));
    let meeting = match (fleet.stores_meeting_target, fleet.stores_missing_target) {
        (Some(meet), Some(miss)) => Some((meet, miss)),
        _ => None,
    };
    let meeting_view = meeting.map(|(meet, miss)| {
        let budget = fleet.budget_left_minutes.map(|left| {
            let words =
                if left < 0.0 { "overspent: the stores with a target were down longer than allowed" } else { "left" };
            format!("Downtime budget: {} minutes {words}.", minutes_text(left))
        });
        let button = (miss > 0).then(|| {
            view! {
                <button type="button" class="small" data-testid="show-missing" on:click=move |_| show_missing(focus)>
                    {format!("Show the {} stores that miss their target", group_digits(u64::from(miss)))}
                </button>
            }
        });
        view! {
            <p data-testid="stores-meeting" data-meeting=meet data-missing=miss>
                {format!(
                    "{} of {} stores meet their target; {} miss it.",
                    group_digits(u64::from(meet)),
                    group_digits(u64::from(stores)),
                    group_digits(u64::from(miss)),
                )}
            </p>
            {budget.map(|budget| view! { <p data-testid="fleet-budget">{budget}</p> })}
            {button}
        }
    });
    let change_view = match (fleet.change_uptime_thousandths, fleet.previous_uptime_percent) {
        (Some(points), Some(previous)) => {
            let (mark, word) = match points.signum() {
                1 => ("▲", "better"),
                -1 => ("▼", "worse"),
                _ => ("=", "the same"),
            };
            let days = if horizon_days == 1 { "day".to_string() } else { format!("{horizon_days} days") };
            Some(view! {
                <p data-testid="fleet-change" data-change=word>
                    <span class=format!("arrow {}", word.replace(' ', "-")) aria-hidden="true">{mark}</span>
                    {format!(
                        " {} percentage points against the {days} before ({}): {word}.",
                        points_text(points),
                        percent_text(Some(previous)),
                    )}
                </p>
            })
        }
        _ => None,
    };
    let without = (card.without_previous > 0).then(|| {
        view! {
            <p data-testid="without-previous" data-stores=card.without_previous>
                {without_previous_text(card.without_previous, horizon_days)}
                {(u64::from(stores) > card.without_previous)
                    .then_some(" The fleet's change is of the other stores; the table shows no arrow for these.")}
            </p>
        }
    });
    let rollup = (!card.dimensions.is_empty()).then(|| view! { <RollupTable card=card.clone() focus/> });
    let coverage = coverage_text(&card)
        .into_iter()
        .map(|line| view! { <p class="help" data-testid="group-coverage">{line}</p> })
        .collect_view();
    let without_row_count = card.without_row;
    let without_row = without_row_text(&card).map(|line| {
        view! { <p class="help" data-testid="without-row" data-stores=without_row_count>{line}</p> }
    });
    view! {
        <section class="overview-part scorecard-overview" aria-labelledby="overview-target-heading" data-testid="overview-target">
            <h3 id="overview-target-heading">"Against the target and the period before"</h3>
            <p data-testid="fleet-uptime">{uptime_line}</p>
            {meeting_view}
            {change_view}
            {without}
            {most_changed_view(&card, &store_ids, horizon_days)}
            <p class="help">
                "Group and fleet figures are weighted by business time: uptime over the stores' business time \
                 together, not a mean of their percentages."
            </p>
            {coverage}
            {without_row}
            {rollup}
        </section>
    }
    .into_any()
}

/// The roll-up of one dimension at a time: a group's name shows its
/// stores in the table.
#[component]
fn RollupTable(card: Arc<ScorecardMessage>, focus: TableFocus) -> impl IntoView {
    let dimension = RwSignal::new(0usize);
    let sort = RwSignal::new((RollupColumn::Group, false));
    // A dimension of hundreds of groups shows its first ROLLUP_PAGE (in the
    // table's order) until asked for all: laying out 500 rows and bars
    // takes the browser several frames, and the worst or best are what a
    // reader sorts for.
    let show_all = RwSignal::new(false);
    let group_count = {
        let card = card.clone();
        move || card.dimensions.get(dimension.get()).map_or(0, |d| d.groups.len())
    };
    let choices = card.dimensions.iter().map(|dimension| dimension.name.clone()).collect::<Vec<_>>();
    let picker = (choices.len() > 1).then(|| {
        view! {
            <div class="field inline">
                <label for="rollup-dimension">"Roll-up by"</label>
                <select
                    id="rollup-dimension"
                    data-testid="rollup-dimension"
                    on:change=move |event| {
                        if let Ok(chosen) = event_target_value(&event).parse::<usize>() {
                            dimension.set(chosen);
                        }
                    }
                >
                    {choices
                        .iter()
                        .enumerate()
                        .map(|(place, name)| {
                            view! {
                                <option value=place.to_string() prop:selected=move || dimension.get() == place>
                                    {name.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        }
    });
    let header = move |column: RollupColumn| {
        let aria_sort = move || {
            let (current, descending) = sort.get();
            (current == column).then_some(if descending { "descending" } else { "ascending" })
        };
        let arrow = move || match sort.get() {
            (current, false) if current == column => "↑",
            (current, true) if current == column => "↓",
            _ => "↕",
        };
        view! {
            <th scope="col" aria-sort=aria_sort class:number=column != RollupColumn::Group>
                <button
                    type="button"
                    class="sort"
                    data-testid=format!("rollup-sort-{}", column.key())
                    on:click=move |_| {
                        sort.update(|(current, descending)| {
                            if *current == column {
                                *descending = !*descending;
                            } else {
                                *current = column;
                                *descending = column != RollupColumn::Group;
                            }
                        })
                    }
                >
                    {column.heading()}
                    <span class="sort-arrow" aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let caption_card = card.clone();
    let rows_card = card.clone();
    let chart_card = card.clone();
    // The chart follows the dimension and the table's order.
    let chart = move || {
        let d = dimension.get();
        let (column, descending) = sort.get();
        let dimension = chart_card.dimensions.get(d)?;
        let rows = sorted_groups(&chart_card.rollup, d, column, descending)
            .into_iter()
            .take(shown_groups(show_all.get()))
            .map(|place| chart_card.rollup[place].clone())
            .collect::<Vec<_>>();
        let target = chart_card.fleet_target.map(|target| f64::from(target.thousandths()) / 1000.0);
        Some(view! {
            <RollupChart rows groups=dimension.groups.clone() dimension_name=dimension.name.clone() target/>
        })
    };
    view! {
        <div class="rollup" data-testid="rollup">
            {picker}
            <div class="rollup-parts">
            <div class="rollup-chart-box" tabindex="0" role="region" aria-label="Chart of the roll-up">
                {chart}
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="rollup-caption">
                <table class="rollup-table" data-testid="rollup-table" data-dimension=move || dimension.get()>
                    <caption id="rollup-caption">
                        {move || {
                            let name = caption_card.dimensions.get(dimension.get()).map(|d| d.name.clone()).unwrap_or_default();
                            format!("Roll-up by {name}: choose a group to show its stores in the table")
                        }}
                    </caption>
                    <thead>
                        <tr>{RollupColumn::ALL.map(header).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {move || {
                            let card = rows_card.clone();
                            let d = dimension.get();
                            let (column, descending) = sort.get();
                            let Some(groups) = card.dimensions.get(d).map(|dimension| dimension.groups.clone()) else {
                                return Vec::new();
                            };
                            sorted_groups(&card.rollup, d, column, descending)
                                .into_iter()
                                .take(shown_groups(show_all.get()))
                                .map(|place| rollup_row(&card.rollup[place], &groups, d, focus))
                                .collect::<Vec<_>>()
                        }}
                    </tbody>
                </table>
            </div>
            </div>
            {move || {
                let count = group_count();
                (count > ROLLUP_PAGE).then(|| {
                    let label = if show_all.get() {
                        format!("Show the first {ROLLUP_PAGE} groups")
                    } else {
                        format!("Show all {count} groups")
                    };
                    view! {
                        <p class="rollup-more">
                            {move || (!show_all.get()).then(|| format!("The first {ROLLUP_PAGE} of {count} groups, in the table's order. "))}
                            <button type="button" data-testid="rollup-show-all" on:click=move |_| show_all.update(|all| *all = !*all)>
                                {label}
                            </button>
                        </p>
                    }
                })
            }}
        </div>
    }
}

/// Groups a roll-up shows until all are asked for.
pub const ROLLUP_PAGE: usize = 50;

/// How many of a dimension's groups the roll-up draws.
pub fn shown_groups(show_all: bool) -> usize {
    if show_all { usize::MAX } else { ROLLUP_PAGE }
}

fn rollup_row(row: &RollupRowMessage, groups: &[String], dimension: usize, focus: TableFocus) -> impl IntoView + use<> {
    let name = groups.get(row.group).cloned().unwrap_or_default();
    let group_attribute = name.clone();
    let choice = GroupChoice { dimension: dimension as u16, group: row.group as u32 };
    let meeting = match (row.stores_meeting_target, row.stores_missing_target) {
        (Some(meet), Some(miss)) => format!("{} / {}", group_digits(u64::from(meet)), group_digits(u64::from(miss))),
        _ => "—".to_string(),
    };
    let missed = row.budget_left_minutes.is_some_and(|left| left < 0.0);
    let change = row.change_uptime_thousandths.map_or_else(|| "—".to_string(), points_text);
    view! {
        <tr data-testid="rollup-row" data-group=group_attribute>
            <th scope="row">
                <button
                    type="button"
                    class="link"
                    data-testid="rollup-group"
                    title="Show this group's stores in the table"
                    on:click=move |_| show_group(focus, choice)
                >
                    {name}
                </button>
            </th>
            <td class="number">{group_digits(u64::from(row.stores))}</td>
            <td class="number share">{percent_text(row.uptime_percent)}</td>
            <td class="number">{percent_text(row.median_store_uptime_percent)}</td>
            <td class="number">{meeting}</td>
            <td class="number budget" class:missed=missed>
                {row.budget_left_minutes.map_or_else(|| "—".to_string(), minutes_text)}
            </td>
            <td class="number">{change}</td>
        </tr>
    }
}

/// The table with only the stores that miss their target, the most
/// overspent first; the other conditions set stay.
fn show_missing(focus: TableFocus) {
    let conditions = RowConditions { misses_target: true, ..focus.conditions.get_untracked() };
    show_in_table(focus, conditions, Sort { column: Column::BudgetLeft, descending: false });
}

/// The table with only one group's stores, the least available first.
fn show_group(focus: TableFocus, choice: GroupChoice) {
    let conditions = RowConditions { group: Some(choice), ..RowConditions::default() };
    show_in_table(focus, conditions, Sort { column: Column::HorizonUptime, descending: false });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(dimension: Option<usize>, group: usize, uptime: Option<f64>, missing: Option<u32>) -> RollupRowMessage {
        RollupRowMessage {
            dimension,
            group,
            stores: 1,
            uptime_percent: uptime,
            stores_missing_target: missing,
            ..RollupRowMessage::default()
        }
    }

    #[test]
    fn a_dimensions_groups_sort_with_the_empty_last() {
        let rows = vec![
            group(None, 0, Some(99.0), Some(3)),
            group(Some(0), 0, Some(99.5), Some(1)),
            group(Some(0), 1, None, None),
            group(Some(0), 2, Some(98.0), Some(2)),
            group(Some(1), 0, Some(90.0), Some(0)),
        ];
        assert_eq!(sorted_groups(&rows, 0, RollupColumn::Group, false), vec![1, 2, 3]);
        assert_eq!(sorted_groups(&rows, 0, RollupColumn::Uptime, false), vec![3, 1, 2]);
        assert_eq!(sorted_groups(&rows, 0, RollupColumn::Uptime, true), vec![1, 3, 2]);
        assert_eq!(sorted_groups(&rows, 0, RollupColumn::Missing, true), vec![3, 1, 2]);
        assert_eq!(sorted_groups(&rows, 1, RollupColumn::Uptime, true), vec![4]);
    }

    #[test]
    fn each_dimension_says_how_many_stores_it_puts_in_a_group() {
        let card = ScorecardMessage {
            dimensions: vec![
                crate::protocol::DimensionMessage { name: "Region".into(), groups: vec!["A".into(), "(none)".into()] },
                crate::protocol::DimensionMessage { name: "brand".into(), groups: vec!["B".into()] },
            ],
            rollup: vec![
                RollupRowMessage { stores: 400, ..RollupRowMessage::default() },
                RollupRowMessage { dimension: Some(0), group: 0, stores: 360, ..RollupRowMessage::default() },
                RollupRowMessage { dimension: Some(0), group: 1, stores: 40, ..RollupRowMessage::default() },
                RollupRowMessage { dimension: Some(1), group: 0, stores: 400, ..RollupRowMessage::default() },
            ],
            ..ScorecardMessage::default()
        };
        assert_eq!(
            coverage_text(&card),
            [
                "Region: 360 of 400 stores in a group; 40 in (none) (no row in the groups file, or an empty value).",
                "brand: 400 of 400 stores in a group.",
            ]
        );
    }

    #[test]
    fn the_stores_without_a_row_are_counted() {
        let mut card = ScorecardMessage {
            dimensions: vec![crate::protocol::DimensionMessage { name: "Region".into(), groups: vec!["A".into()] }],
            rollup: vec![RollupRowMessage { stores: 14_000, ..RollupRowMessage::default() }],
            without_row: Some(1_400),
            ..ScorecardMessage::default()
        };
        assert_eq!(
            without_row_text(&card).as_deref(),
            Some("The groups file has no row for 1,400 of the report's 14,000 stores.")
        );
        card.without_row = None;
        assert_eq!(without_row_text(&card), None);
        card.without_row = Some(0);
        card.dimensions.clear();
        assert_eq!(without_row_text(&card), None);
    }

    #[test]
    fn the_most_changed_have_business_time_in_both_periods() {
        let store = |change: Option<i64>, down_minutes: i64| StoreScoreMessage {
            change_uptime_thousandths: change,
            change_downtime_nanos: Some(down_minutes * 60_000_000_000),
            ..StoreScoreMessage::default()
        };
        let stores = vec![
            store(Some(1), -30),
            store(None, -500), // no business time in one period: left out
            store(Some(-1), 40),
            store(Some(0), 0), // no change: in neither list
            store(Some(2), -30),
            store(Some(-5), 90),
            store(Some(3), -5),
        ];
        let (improved, declined) = most_changed(&stores, 2);
        let minutes =
            |list: Vec<(usize, i64)>| list.into_iter().map(|(p, n)| (p, n / 60_000_000_000)).collect::<Vec<_>>();
        assert_eq!(minutes(improved), [(0, -30), (4, -30)]);
        assert_eq!(minutes(declined), [(5, 90), (2, 40)]);
        let (improved, declined) = most_changed(&stores, 10);
        assert_eq!((improved.len(), declined.len()), (3, 2));
    }

    #[test]
    fn a_change_reads_in_minutes_or_hours() {
        let minutes = |m: f64| (m * 60e9) as i64;
        assert_eq!(change_figure(minutes(-35.5)), "-35.5 min");
        assert_eq!(change_figure(minutes(99.0)), "+99 min");
        assert_eq!(change_figure(minutes(1_345.74)), "+22.4 h");
        assert_eq!(change_figure(minutes(-696.77)), "-11.6 h");
    }

    #[test]
    fn stores_without_a_previous_period_are_counted_in_words() {
        assert_eq!(
            without_previous_text(13_980, 7),
            "No polls in the 7 days before: nothing to compare for 13,980 stores."
        );
        assert_eq!(without_previous_text(1, 1), "No polls in the day before: nothing to compare for 1 store.");
    }
}
