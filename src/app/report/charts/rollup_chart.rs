//! Each group's pooled uptime % of one dimension as a bar, with the fleet's
//! target as a line across them: which groups are under it shows at a
//! glance. The roll-up table beside it has the same figures and is the
//! chart's text equivalent (the drawing is one image for a screen reader,
//! its description says so); each bar's figure is also written beside it.

use leptos::prelude::*;

use crate::app::report::table::columns::format_share;
use crate::protocol::RollupRowMessage;

const WIDTH: f64 = 360.0;
/// Room for a group's name; a longer one is cut with an ellipsis (its
/// bar's title and the table keep all of it).
const NAME_WIDTH: f64 = 112.0;
const NAME_CHARS: usize = 18;
const FIGURE_WIDTH: f64 = 52.0;
const ROW: f64 = 16.0;
/// The axis's figures above the first bar.
const AXIS: f64 = 16.0;
/// The target's label under the last bar.
const TARGET_LABEL: f64 = 14.0;
const PLOT_X: f64 = NAME_WIDTH;
const PLOT_WIDTH: f64 = WIDTH - NAME_WIDTH - FIGURE_WIDTH;

/// Where the bars start, in percent: the whole percent at or below the
/// lowest group and the target, so that groups between 99 % and 100 % are
/// told apart (a bar from 0 would make them all look full); 99 when every
/// group is at 100 %.
pub fn axis_floor(percents: impl Iterator<Item = f64>, target: Option<f64>) -> f64 {
    let lowest = percents.chain(target).filter(|percent| percent.is_finite()).fold(100.0_f64, f64::min);
    let floor = lowest.floor();
    let floor = if floor >= 100.0 { 99.0 } else { floor };
    floor.clamp(0.0, 99.0)
}

/// The x of a percent on the axis from `floor` to 100.
pub fn x_of(percent: f64, floor: f64) -> f64 {
    PLOT_X + ((percent - floor) / (100.0 - floor)).clamp(0.0, 1.0) * PLOT_WIDTH
}

/// The name as drawn: whole, or cut with an ellipsis.
fn drawn_name(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        name.to_string()
    } else {
        let mut cut: String = name.chars().take(NAME_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

fn percent_text(percent: Option<f64>) -> String {
    percent.map_or_else(|| "—".to_string(), |percent| format_share(percent / 100.0))
}

/// The rows of one dimension in the order given (the table's), with the
/// group names of the dimension; `target` is the fleet's, in percent.
#[component]
pub fn RollupChart(
    rows: Vec<RollupRowMessage>,
    groups: Vec<String>,
    dimension_name: String,
    target: Option<f64>,
) -> impl IntoView {
    let floor = axis_floor(rows.iter().filter_map(|row| row.uptime_percent), target);
    let bars_end = AXIS + ROW * rows.len() as f64;
    // The target's label goes under the bars, where it cannot run into the
    // axis's figures (a target near 100 % sat on the "100 %").
    let height = bars_end + 4.0 + if target.is_some() { TARGET_LABEL } else { 0.0 };
    let below = rows
        .iter()
        .filter(|row| matches!((row.uptime_percent, target), (Some(uptime), Some(target)) if uptime < target))
        .count();
    let description = match target {
        Some(target) => format!(
            "A bar per {dimension_name} group, from {floor} % to 100 %, with a line at the target of {target} %: \
             {below} of {} groups are under it. The roll-up table has the same figures.",
            rows.len()
        ),
        None => format!(
            "A bar per {dimension_name} group, from {floor} % to 100 % (no fleet target: no line). \
             The roll-up table has the same figures."
        ),
    };
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let name = groups.get(row.group).cloned().unwrap_or_default();
            let y = AXIS + ROW * i as f64;
            let under = matches!((row.uptime_percent, target), (Some(uptime), Some(target)) if uptime < target);
            let figure = percent_text(row.uptime_percent);
            let title = match (row.uptime_percent, under) {
                (None, _) => format!("{name}: no business time"),
                (Some(_), true) => format!("{name}: {figure} %, under the target"),
                (Some(_), false) => format!("{name}: {figure} %"),
            };
            let bar = row.uptime_percent.map(|uptime| {
                let width = x_of(uptime, floor) - PLOT_X;
                view! {
                    <rect
                        x=PLOT_X
                        y=y + 3.0
                        width=width
                        height=ROW - 6.0
                        class="bar"
                        class:under=under
                        data-testid="rollup-bar"
                        data-group=name.clone()
                        data-uptime=uptime.to_string()
                    ></rect>
                }
            });
            view! {
                <g>
                    <title>{title}</title>
                    <text x="2" y=y + 12.0 class="bar-name">{drawn_name(&name)}</text>
                    <rect x=PLOT_X y=y + 3.0 width=PLOT_WIDTH height=ROW - 6.0 class="track"></rect>
                    {bar}
                    <text x=WIDTH - 2.0 y=y + 12.0 class="bar-figure" text-anchor="end">{figure}</text>
                </g>
            }
        })
        .collect_view();
    let target_line = target.map(|target| {
        let x = x_of(target, floor);
        view! {
            <line
                x1=x
                x2=x
                y1=AXIS - 4.0
                y2=bars_end + 2.0
                class="target-line"
                data-testid="rollup-target-line"
                data-target=target.to_string()
            ></line>
            <text x=x.clamp(PLOT_X + 28.0, WIDTH - 28.0) y=bars_end + TARGET_LABEL class="axis-label" text-anchor="middle">
                {format!("target {target} %")}
            </text>
        }
    });
    view! {
        <svg
            viewBox=format!("0 0 {WIDTH} {height}")
            class="chart rollup-chart"
            role="img"
            aria-labelledby="rollup-chart-title rollup-chart-desc"
            data-testid="rollup-chart"
            data-floor=floor.to_string()
            data-plot-x=PLOT_X.to_string()
            data-plot-width=PLOT_WIDTH.to_string()
        >
            <title id="rollup-chart-title">{format!("Uptime % of each {dimension_name} group")}</title>
            <desc id="rollup-chart-desc">{description}</desc>
            <text x=PLOT_X y="10" class="axis-label">{format!("{floor} %")}</text>
            <text x=PLOT_X + PLOT_WIDTH y="10" class="axis-label" text-anchor="end">"100 %"</text>
            {bars}
            {target_line}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_starts_at_the_whole_percent_under_the_lowest_group_or_the_target() {
        assert_eq!(axis_floor([99.2, 99.95].into_iter(), None), 99.0);
        assert_eq!(axis_floor([99.2, 99.95].into_iter(), Some(98.5)), 98.0);
        assert_eq!(axis_floor([97.0, 99.95].into_iter(), Some(99.0)), 97.0);
        assert_eq!(axis_floor([100.0].into_iter(), None), 99.0);
        assert_eq!(axis_floor([0.0, 50.0].into_iter(), None), 0.0);
        assert_eq!(axis_floor(std::iter::empty(), None), 99.0);
    }

    #[test]
    fn a_percent_lands_on_its_place_of_the_axis() {
        assert_eq!(x_of(100.0, 98.0), PLOT_X + PLOT_WIDTH);
        assert_eq!(x_of(98.0, 98.0), PLOT_X);
        assert_eq!(x_of(99.0, 98.0), PLOT_X + PLOT_WIDTH / 2.0);
        // Under the floor (never, as the floor is chosen) stays on the axis.
        assert_eq!(x_of(50.0, 98.0), PLOT_X);
    }

    #[test]
    fn long_names_are_cut() {
        assert_eq!(drawn_name("North"), "North");
        assert_eq!(drawn_name("Île-de-France, Paris and around"), "Île-de-France, Pa…");
    }
}
