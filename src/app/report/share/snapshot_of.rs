//! A snapshot's content, gathered from a finished report and the table's
//! view: the cells written by the table's own functions (`cell_text`,
//! `score_text`), the charts from the report's overview, the settings and
//! files as the summary says them.

use super::snapshot::{Figure, SNAPSHOT_ROWS, Snapshot, SnapshotFile, SnapshotTable};
use super::snapshot_charts::{Chart, ChartBar, ChartColumn, ChartDay};
use crate::app::report::charts::fleet_headline::tenths_text;
use crate::app::report::charts::rollup_chart::axis_floor;
use crate::app::report::outages::day_strip::FleetDayCell;
use crate::app::report::table::columns::{
    CellFormat, Column, ColumnChoice, RowConditions, Sort, UptimeBin, cell_text, column_label, column_label_shown,
    format_share, percent,
};
use crate::app::report::table::conditions::group_label;
use crate::app::settings::{HoursFormat, stale_limit_text};
use crate::app::shell::format::{format_bytes, group_digits, last_days};
use crate::protocol::{HeadlineMessage, Overview, ReportOutcome, StoreRow};
use engine::{TimeSpan, Units};
use engine::{Unit, format_span};

/// The table's view as the snapshot takes it: the rows shown (places in
/// the report's rows, in the table's order), the columns, the hours
/// format, and the filter, conditions and order in words.
pub struct TableView<'a> {
    pub shown: &'a [u32],
    pub columns: ColumnChoice,
    pub hours: HoursFormat,
    pub described: Vec<Figure>,
}

/// The snapshot of report `report_id` as `view` shows it; `headline` is
/// the fleet's headline figures (none for a report kept without them).
pub fn snapshot_of(report_id: u32, outcome: &ReportOutcome, view: TableView, headline: Vec<Figure>) -> Snapshot {
    Snapshot {
        report_id,
        now: outcome.now.clone(),
        headline,
        charts: [overview_charts(&outcome.overview), fleet_day_charts(outcome), rollup_charts(outcome)].concat(),
        table: table_of(outcome, &view),
        view: view.described,
        settings: settings_of(outcome),
        files: outcome
            .files
            .iter()
            .map(|file| SnapshotFile {
                name: file.name.clone(),
                kind: file.kind.label().to_string(),
                figures: [
                    format_bytes(file.bytes as f64),
                    group_digits(file.rows),
                    group_digits(file.used),
                    group_digits(file.rejected),
                ],
            })
            .collect(),
        notices: outcome.notices.clone(),
    }
}

/// The columns the view shows, in the table's order: those against the
/// target only when the report has a scorecard, then its groups.
fn columns_of(outcome: &ReportOutcome, choice: ColumnChoice) -> Vec<Column> {
    let dimensions = outcome.scorecard.as_ref().map_or(0, |card| card.dimensions.len());
    let scores = outcome.scorecard.is_some();
    let mut columns: Vec<Column> = Column::ALL
        .iter()
        .enumerate()
        .filter(|&(i, &column)| choice.shows(column) && (scores || !Column::SCORES.contains(&i)))
        .map(|(_, &column)| column)
        .collect();
    columns.extend((0..dimensions).map(|d| Column::Group(d as u16)).filter(|&column| choice.shows(column)));
    columns
}

/// The fleet's headline as the report's shows it: the fleet's uptime for
/// the hour, day, week and horizon (the horizon apart only when it is not
/// the week), then the stores down, up and closed now and the stale ones.
pub fn headline_figures(headline: &HeadlineMessage) -> Vec<Figure> {
    let horizon = format!("up, the last {} days", headline.horizon_days);
    let periods = ["up, the last hour", "up, the last day", "up, the last week", horizon.as_str()];
    let mut figures: Vec<Figure> = periods
        .iter()
        .enumerate()
        .filter(|&(i, _)| i < 3 || headline.horizon_days != 7)
        .map(|(i, label)| Figure::new(*label, tenths_text(headline.uptime_tenths[i])))
        .collect();
    figures.push(Figure::new("down now", group_digits(headline.down_now)));
    figures.push(Figure::new("up now", group_digits(headline.up_now)));
    figures.push(Figure::new("closed now", group_digits(headline.closed_now)));
    let stale = format!("stale (no poll within {})", stale_limit_text(headline.stale_after_minutes));
    figures.push(Figure::new(stale, group_digits(headline.stale)));
    figures
}

/// The table's view in words: its columns, the id filter, each condition,
/// and the order.
pub fn describe_view(
    outcome: &ReportOutcome,
    filter: &str,
    conditions: RowConditions,
    sort: Sort,
    columns: ColumnChoice,
) -> Vec<Figure> {
    let mut described = vec![Figure::new("Columns", columns.label())];
    if !filter.is_empty() {
        described.push(Figure::new("Store id contains", filter));
    }
    let mut only = Vec::new();
    for (set, words) in [
        (conditions.stale, "stale"),
        (conditions.open_all_week, "open 24x7"),
        (conditions.default_zone, "default timezone used"),
        (conditions.misses_target, "misses its target"),
    ] {
        if set {
            only.push(words.to_string());
        }
    }
    if let Some(threshold) = conditions.threshold {
        let side = if threshold.above { "above" } else { "below" };
        let label = column_label(threshold.column, outcome.units).unwrap_or_default();
        only.push(format!("{label} is {side} {}", threshold.value));
    }
    if let Some(bin) = conditions.uptime_bin {
        only.push(format!("Week uptime {}", bin.label()));
    }
    if let Some(group) = conditions.group {
        let dimensions = outcome.scorecard.as_ref().map(|card| card.dimensions.as_slice()).unwrap_or_default();
        only.push(group_label(dimensions, group));
    }
    if !only.is_empty() {
        described.push(Figure::new("Only", only.join("; ")));
    }
    let order = match (sort.column, sort.descending) {
        (Column::StoreId, false) => "the report's (by store id)".to_string(),
        (column, descending) => {
            let first = if descending { "largest first" } else { "smallest first" };
            format!("{}, {first}", heading(outcome, column, HoursFormat::Decimal))
        }
    };
    described.push(Figure::new("Order", order));
    described
}

/// A column's heading, with the unit its cells are shown in.
fn heading(outcome: &ReportOutcome, column: Column, hours: HoursFormat) -> String {
    match column {
        Column::StoreId => "Store id".to_string(),
        Column::MeetsTarget => "Meets target".to_string(),
        // Not a threshold's column, so without a label of its own there.
        Column::Now => "State now".to_string(),
        Column::Group(d) => outcome
            .scorecard
            .as_ref()
            .and_then(|card| card.dimensions.get(d as usize))
            .map_or_else(|| "Group".to_string(), |dimension| dimension.name.clone()),
        column => column_label_shown(column, outcome.units, hours).unwrap_or_default(),
    }
}

fn cell(outcome: &ReportOutcome, row: &StoreRow, column: Column, format: CellFormat) -> String {
    match column {
        // The table shows the group's name; the row holds its place.
        Column::Group(d) => row
            .score
            .as_ref()
            .and_then(|score| score.groups.get(d as usize))
            .zip(outcome.scorecard.as_ref().and_then(|card| card.dimensions.get(d as usize)))
            .and_then(|(&group, dimension)| dimension.groups.get(group as usize).cloned())
            .unwrap_or_else(|| "—".to_string()),
        Column::LatestPoll if row.freshness.is_some_and(|freshness| freshness.stale) => {
            format!("{} (stale)", cell_text(row, column, format))
        }
        column => cell_text(row, column, format),
    }
}

fn table_of(outcome: &ReportOutcome, view: &TableView) -> SnapshotTable {
    let columns = columns_of(outcome, view.columns);
    let format = CellFormat { units: outcome.units, hours: view.hours, now_unix_nanos: outcome.now_unix_nanos };
    let rows = view
        .shown
        .iter()
        .take(SNAPSHOT_ROWS)
        .filter_map(|&place| outcome.rows.get(place as usize))
        .map(|row| columns.iter().map(|&column| cell(outcome, row, column, format)).collect())
        .collect();
    SnapshotTable {
        headings: columns.iter().map(|&column| heading(outcome, column, view.hours)).collect(),
        rows,
        in_view: view.shown.len(),
        in_report: outcome.rows.len(),
    }
}

fn settings_of(outcome: &ReportOutcome) -> Vec<Figure> {
    let now = match (&outcome.latest_poll, outcome.now_is_latest_poll) {
        (_, true) => format!("{} (the latest poll)", outcome.now),
        (Some(latest), false) => format!("{} (as set; the latest poll is {latest})", outcome.now),
        (None, false) => format!("{} (as set)", outcome.now),
    };
    let units = match outcome.units {
        Units::Minutes => "minutes",
        Units::Hours => "minutes for the last hour, hours for the last day and week",
    };
    let mut settings = vec![
        Figure::new("Stores", group_digits(outcome.rows.len() as u64)),
        Figure::new("Now", now),
        Figure::new("Default timezone", outcome.default_zone.clone()),
        Figure::new("Units", units),
        Figure::new("Outages and days", last_days(outcome.horizon_days)),
    ];
    if let Some(fleet) = outcome.freshness {
        settings.push(Figure::new("Stale after", stale_limit_text(fleet.stale_after_minutes)));
    }
    if let Some(target) = outcome.scorecard.as_ref().and_then(|card| card.fleet_target) {
        settings.push(Figure::new("Target", format!("{target}%")));
    }
    settings.push(Figure::new("Rejected rows", group_digits(outcome.rejected_total)));
    settings
}

/// The overview's three charts: the stores down in the last hour, weekly
/// uptime, the least available.
fn overview_charts(overview: &Overview) -> Vec<Chart> {
    let down = overview
        .most_down_last_hour
        .iter()
        .map(|store| {
            let mut minutes = String::new();
            format_span(TimeSpan::from_nanos(store.downtime_nanos), Unit::Minute, &mut minutes);
            ChartBar {
                label: store.store_id.clone(),
                share: store.downtime_nanos as f64 / 3_600e9,
                figure: format!("{minutes} min"),
            }
        })
        .collect();
    let floors = &overview.weekly_uptime_floors_permille;
    let columns = overview
        .weekly_uptime_bins
        .iter()
        .enumerate()
        .map(|(bin, &count)| {
            let floor = floors.get(bin).copied().unwrap_or(1000);
            ChartColumn {
                label: if floor >= 1000 { "100".to_string() } else { percent(floor) },
                name: UptimeBin::of(floors, bin).map(UptimeBin::label).unwrap_or_default(),
                count: count as u64,
            }
        })
        .collect();
    let least = overview
        .least_available
        .iter()
        .map(|store| {
            let share = store.uptime_nanos as f64 / (store.uptime_nanos + store.downtime_nanos).max(1) as f64;
            ChartBar { label: store.store_id.clone(), share, figure: format_share(share) }
        })
        .collect();
    vec![
        Chart::Bars {
            title: format!(
                "Down in the last hour: {} of {} stores open then",
                group_digits(overview.down_last_hour as u64),
                group_digits(overview.open_last_hour as u64)
            ),
            note: "The stores down longest, in minutes of the hour.".to_string(),
            bars: down,
        },
        Chart::Columns {
            title: "Weekly uptime of the stores".to_string(),
            note: format!(
                "Stores by uptime as a percentage of their business hours; {} without business hours are not counted.",
                group_digits(overview.no_business_time as u64)
            ),
            columns,
        },
        Chart::Bars {
            title: "Least available this week".to_string(),
            note: "Uptime as a share of business hours, lowest first.".to_string(),
            bars: least,
        },
    ]
}

/// The fleet's day strip over the horizon, as the page draws it above the
/// table (no chart for a report kept without days).
fn fleet_day_charts(outcome: &ReportOutcome) -> Vec<Chart> {
    if outcome.fleet_days.is_empty() {
        return Vec::new();
    }
    let days = outcome
        .fleet_days
        .iter()
        .map(|day| {
            let FleetDayCell { class, text, .. } = FleetDayCell::of(day);
            let date = chrono::NaiveDate::parse_from_str(&day.date, "%Y-%m-%d")
                .map_or_else(|_| day.date.clone(), |date| date.format("%a %-d %b").to_string());
            ChartDay { date, class, text }
        })
        .collect();
    vec![Chart::Days {
        title: format!("The fleet, day by day over the {}", last_days(outcome.horizon_days)),
        note: "The share of all observed business time that was up, in the day strips' five steps (green: none down; \
               red: half or more); a dashed cell is no data, before the stores' first polls; a hollow one, no store open."
            .to_string(),
        days,
    }]
}

/// One chart per dimension of the groups file: each group's pooled uptime
/// as a bar, in the roll-up's order, from the axis's floor (as the page's
/// roll-up chart draws it) to 100 %.
fn rollup_charts(outcome: &ReportOutcome) -> Vec<Chart> {
    let Some(card) = outcome.scorecard.as_ref() else {
        return Vec::new();
    };
    let target = card.fleet_target.map(|target| f64::from(target.thousandths()) / 1000.0);
    card.dimensions
        .iter()
        .enumerate()
        .filter_map(|(d, dimension)| {
            let rows: Vec<_> = card.rollup.iter().filter(|row| row.dimension == Some(d)).collect();
            if rows.is_empty() {
                return None;
            }
            let floor = axis_floor(rows.iter().filter_map(|row| row.uptime_percent), target);
            let bars = rows
                .iter()
                .map(|row| ChartBar {
                    label: dimension.groups.get(row.group).cloned().unwrap_or_default(),
                    share: row.uptime_percent.map_or(0.0, |percent| (percent - floor) / (100.0 - floor)),
                    figure: row.uptime_percent.map_or_else(|| "—".to_string(), |percent| format_share(percent / 100.0)),
                })
                .collect();
            let against = target.map_or_else(String::new, |target| format!("; the fleet's target is {target} %"));
            Some(Chart::Bars {
                title: format!("Uptime by {}", dimension.name),
                note: format!("Each group's pooled uptime over the horizon; bars from {floor} % to 100 %{against}."),
                bars,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{FileUse, OutageSummary, StoreDays, StoreMention, WorkerTiming};
    use engine::FileKind;

    const HOUR: i64 = 3_600_000_000_000;

    fn row(id: &str, up_hours: i64, down_hours: i64) -> StoreRow {
        StoreRow {
            store_id: id.to_string(),
            // Uptime then downtime of the hour, day and week, in nanoseconds.
            figures: [0, 0, 0, 0, up_hours * HOUR, down_hours * HOUR],
            business: [0, 0, (up_hours + down_hours) * HOUR],
            outages: OutageSummary::default(),
            days: StoreDays::default(),
            freshness: None,
            score: None,
            state_now: None,
        }
    }

    fn outcome() -> ReportOutcome {
        ReportOutcome {
            now: "2023-01-25T18:13:22Z".into(),
            now_unix_nanos: 1_674_670_402_000_000_000,
            now_is_latest_poll: true,
            latest_poll: None,
            default_zone: "America/Chicago".into(),
            units: Units::Hours,
            numeric_ids: false,
            store_count: 3,
            notices: vec![],
            horizon_days: 7,
            fleet_days: vec![],
            longest_outages: vec![],
            outage_total: 0,
            freshness: None,
            rejections: vec![],
            rejected_total: 3,
            rejected_listed: None,
            timing: WorkerTiming::default(),
            scorecard: None,
            headline: None,
            states_now: None,
            outage_counts: None,
            rows: vec![row("7", 30, 10), row("<b>8</b>", 1, 3), row("9", 0, 0)],
            files: vec![FileUse {
                name: "status.csv".into(),
                kind: FileKind::StatusPolls,
                bytes: 2_500,
                rows: 1_203,
                used: 1_200,
                rejected: 3,
                matches_no_store: false,
            }],
            overview: Overview {
                least_available: vec![StoreMention {
                    store_id: "<b>8</b>".into(),
                    uptime_nanos: HOUR,
                    downtime_nanos: 3 * HOUR,
                }],
                ..Overview::default()
            },
        }
    }

    fn week_view(shown: &[u32]) -> TableView<'_> {
        TableView {
            shown,
            columns: ColumnChoice::Window(engine::Window::LastWeek),
            hours: HoursFormat::HoursMinutes,
            described: vec![Figure::new("Order", "Week uptime %, lowest first")],
        }
    }

    #[test]
    fn the_rows_of_the_view_in_its_order_as_the_table_writes_them() {
        let snapshot = snapshot_of(3, &outcome(), week_view(&[1, 0]), vec![]);
        let table = &snapshot.table;
        assert_eq!(table.headings, ["Store id", "Week uptime (h:mm)", "Week downtime (h:mm)", "Week uptime %"]);
        // 1 h up of 4: 25.0 %; 30 of 40: 75.0 %; hours as h:mm, as chosen.
        assert_eq!(table.rows, [["<b>8</b>", "1:00", "3:00", "25.0%"], ["7", "30:00", "10:00", "75.0%"]]);
        assert_eq!((table.in_view, table.in_report), (2, 3));
        assert_eq!(snapshot.files[0].figures, ["2.5 KB", "1,203", "1,200", "3"]);
        assert!(snapshot.settings.contains(&Figure::new("Now", "2023-01-25T18:13:22Z (the latest poll)")));
        let Chart::Bars { bars, .. } = &snapshot.charts[2] else { panic!("the least available as bars") };
        assert_eq!(bars, &[ChartBar { label: "<b>8</b>".into(), share: 0.25, figure: "25.0%".into() }]);
    }

    #[test]
    fn a_snapshot_holds_at_most_its_rows_and_says_how_many_the_view_has() {
        let mut outcome = outcome();
        outcome.rows = (0..1_205).map(|i| row(&i.to_string(), 1, 0)).collect();
        let shown: Vec<u32> = (0..1_205).rev().collect();
        let table = snapshot_of(1, &outcome, week_view(&shown), vec![]).table;
        assert_eq!((table.rows.len(), table.in_view), (1_000, 1_205));
        assert_eq!(table.rows[0][0], "1204");
        assert_eq!(table.rows[999][0], "205");
    }

    #[test]
    fn the_headline_as_the_report_shows_it() {
        let headline = HeadlineMessage {
            uptime_tenths: [Some(1000), Some(853), None, Some(912)],
            horizon_days: 30,
            stores: 14_084,
            up_now: 11_200,
            down_now: 1_758,
            closed_now: 1_126,
            stale: 40,
            stale_after_minutes: 120,
            ..HeadlineMessage::default()
        };
        let figures = headline_figures(&headline);
        let text: Vec<(&str, &str)> = figures.iter().map(|f| (f.label.as_str(), f.value.as_str())).collect();
        assert_eq!(
            text,
            [
                ("up, the last hour", "100.0%"),
                ("up, the last day", "85.3%"),
                ("up, the last week", "—"),
                ("up, the last 30 days", "91.2%"),
                ("down now", "1,758"),
                ("up now", "11,200"),
                ("closed now", "1,126"),
                ("stale (no poll within 2 h)", "40"),
            ]
        );
        // A horizon of 7 days is the week, said once.
        let week = HeadlineMessage { horizon_days: 7, ..headline };
        assert_eq!(headline_figures(&week).len(), 7);
    }

    #[test]
    fn the_view_in_words() {
        let mut conditions = RowConditions { stale: true, ..RowConditions::default() };
        conditions.threshold = Some(crate::app::report::table::columns::Threshold {
            column: Column::UptimeShare(engine::Window::LastWeek),
            above: false,
            value: 95.5,
        });
        let sort = Sort { column: Column::Downtime(engine::Window::LastDay), descending: true };
        let described = describe_view(&outcome(), "<b>", conditions, sort, ColumnChoice::All);
        assert_eq!(
            described,
            [
                Figure::new("Columns", "All"),
                Figure::new("Store id contains", "<b>"),
                Figure::new("Only", "stale; Week uptime % is below 95.5"),
                Figure::new("Order", "Day downtime (hours), largest first"),
            ]
        );
        let plain = describe_view(&outcome(), "", RowConditions::default(), Sort::default(), ColumnChoice::All);
        assert_eq!(plain[1], Figure::new("Order", "the report's (by store id)"));
    }

    #[test]
    fn the_fleet_strip_and_each_dimensions_rollup_as_charts() {
        use crate::protocol::{DimensionMessage, FleetDay, RollupRowMessage, ScorecardMessage};
        let mut outcome = outcome();
        let day = |date: &str, business: i64, down: i64, assumed: i64| FleetDay {
            date: date.into(),
            business_nanos: business * HOUR,
            uptime_nanos: (business - down) * HOUR,
            downtime_nanos: down * HOUR,
            open_stores: 2,
            down_stores: u32::from(down > 0),
            assumed_nanos: assumed * HOUR,
            assumed_stores: u32::from(assumed > 0),
        };
        // The first day before every store's first poll; the second 1 of 10 hours down.
        outcome.fleet_days = vec![day("2023-01-23", 0, 0, 12), day("2023-01-24", 10, 1, 0)];
        let group = |group: usize, percent: f64| RollupRowMessage {
            dimension: Some(0),
            group,
            uptime_percent: Some(percent),
            ..RollupRowMessage::default()
        };
        outcome.scorecard = Some(ScorecardMessage {
            fleet_target: "99".parse().ok(),
            has_target: true,
            dimensions: vec![DimensionMessage {
                name: "region".into(),
                groups: vec!["<i>North</i>".into(), "South".into()],
            }],
            rollup: vec![
                RollupRowMessage { dimension: None, ..RollupRowMessage::default() },
                group(0, 99.5),
                group(1, 97.2),
            ],
            ..ScorecardMessage::default()
        });
        let snapshot = snapshot_of(3, &outcome, week_view(&[0]), vec![]);
        assert_eq!(snapshot.charts.len(), 5);
        let Chart::Days { title, days, .. } = &snapshot.charts[3] else { panic!("the fleet's days") };
        assert_eq!(title, "The fleet, day by day over the last 7 days");
        assert_eq!(
            days.iter().map(|day| (day.date.as_str(), day.class)).collect::<Vec<_>>(),
            [("Mon 23 Jan", "day-cell no-data"), ("Tue 24 Jan", "day-cell down-2")]
        );
        assert_eq!(days[0].text, "Mon 23 Jan 2023: no data, before the stores' first polls");
        // From the floor at 97 % (under the lowest group) to 100 %.
        let Chart::Bars { title, bars, note } = &snapshot.charts[4] else { panic!("the roll-up by region") };
        assert_eq!(title, "Uptime by region");
        assert_eq!(
            note,
            "Each group's pooled uptime over the horizon; bars from 97 % to 100 %; the fleet's target is 99 %."
        );
        let shown: Vec<(&str, String, &str)> =
            bars.iter().map(|bar| (bar.label.as_str(), format!("{:.4}", bar.share), bar.figure.as_str())).collect();
        assert_eq!(shown, [("<i>North</i>", "0.8333".to_string(), "99.5%"), ("South", "0.0667".to_string(), "97.2%")]);
        let html = snapshot.to_html();
        assert!(html.contains("&lt;i&gt;North&lt;/i&gt;") && !html.contains("<i>North"));
        assert!(html.contains("class=\"day-cell no-data\""));
    }

    #[test]
    fn every_column_without_a_scorecard_leaves_out_those_against_the_target() {
        let columns = columns_of(&outcome(), ColumnChoice::All);
        assert_eq!(columns.len(), Column::SCORES.start);
        assert_eq!(columns[..], Column::ALL[..Column::SCORES.start]);
    }
}
