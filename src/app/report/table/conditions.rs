//! The table's conditions besides the store id: stale stores, stores open
//! 24x7 (no hours rows), stores in the default timezone, a figure below or
//! above a value ("week uptime % below 95"), and a bin of the overview's
//! histogram. The overview sets some of them: each shows here, so that
//! the user sees why rows are hidden, and can be removed.

use leptos::prelude::*;

use super::columns::{Column, GroupChoice, RowConditions, Threshold, column_label, floor_hours};
use crate::protocol::DimensionMessage;
use engine::{Units, Window};

/// The column a threshold starts on: the week's uptime %.
const FIRST_THRESHOLD_COLUMN: Column = Column::UptimeShare(Window::LastWeek);

#[component]
pub fn TableConditions(
    report_id: u32,
    units: Units,
    /// The report's freshness limit in words; `None` for a report kept
    /// before freshness was computed, which has no such conditions.
    stale_limit: Option<String>,
    /// Whether any store of the report has a target: only then can one miss it.
    has_target: bool,
    /// The groups file's dimensions, to name a group condition.
    dimensions: std::sync::Arc<Vec<DimensionMessage>>,
    conditions: RwSignal<RowConditions>,
    page: RwSignal<usize>,
) -> impl IntoView {
    let check = move |key: &'static str, label: String, get: Flag, set: SetFlag| {
        view! { <ConditionCheck report_id key label get set conditions page/> }
    };
    let freshness_checks = stale_limit.map(|limit| {
        view! {
            {check(
                "stale-only",
                format!("Stale (latest poll more than {limit} before now)"),
                |c| c.stale,
                |c, on| c.stale = on,
            )}
            {check("open-all-week-only", "Open 24x7 (no hours rows)".to_string(), |c| c.open_all_week, |c, on| {
                c.open_all_week = on
            })}
            {check("default-zone-only", "Default timezone used".to_string(), |c| c.default_zone, |c, on| {
                c.default_zone = on
            })}
        }
    });
    let down_now_check =
        check("down-now-only", "Down now (an outage going on)".to_string(), |c| c.down_now, |c, on| c.down_now = on);
    let target_check = has_target.then(|| {
        check("misses-target-only", "Misses its target".to_string(), |c| c.misses_target, |c, on| c.misses_target = on)
    });
    let group_condition = move || {
        conditions.with(|conditions| conditions.group).map(|choice| {
            let label = group_label(&dimensions, choice);
            view! {
                <SetByOverview
                    key="group"
                    remove_label=format!("Remove the condition {label}")
                    label
                    remove=|conditions| conditions.group = None
                    conditions
                    page
                />
            }
        })
    };
    let uptime_bin = move || {
        conditions.with(|conditions| conditions.uptime_bin).map(|bin| {
            view! {
                <SetByOverview
                    key="uptime-bin"
                    label=format!("Week uptime {} (a bar of the overview's histogram)", bin.label())
                    remove_label=format!("Remove the condition week uptime {}", bin.label())
                    remove=|conditions| conditions.uptime_bin = None
                    conditions
                    page
                />
            }
        })
    };
    let open_floor = move || {
        conditions.with(|conditions| conditions.open_week_at_least).map(|floor| {
            let hours = floor_hours(floor);
            view! {
                <SetByOverview
                    key="open-floor"
                    label=format!("Open at least {hours} h this week (the floor of Least available)")
                    remove_label=format!("Remove the condition open at least {hours} h this week")
                    remove=|conditions| conditions.open_week_at_least = None
                    conditions
                    page
                />
            }
        })
    };
    let clear_all = move || {
        conditions.with(RowConditions::any).then(|| {
            view! {
                <button
                    type="button"
                    class="small"
                    data-testid="clear-conditions"
                    on:click=move |_| {
                        conditions.set(RowConditions::default());
                        page.set(0);
                    }
                >
                    "Clear the conditions"
                </button>
            }
        })
    };
    let columns: Vec<Column> =
        Column::ALL.into_iter().filter(|&column| column_label(column, units).is_some()).collect();
    let worse_field = columns.contains(&Column::Change).then(|| view! { <WorseThanField report_id conditions page/> });
    view! {
        <fieldset class="conditions" data-testid="table-conditions">
            <legend>"Show only"</legend>
            {freshness_checks}
            {target_check}
            {down_now_check}
            <ThresholdField report_id units columns conditions page/>
            {worse_field}
            {uptime_bin}
            {group_condition}
            {open_floor}
            {clear_all}
        </fieldset>
    }
}

/// Reads one condition that is on or off.
type Flag = fn(&RowConditions) -> bool;
/// Turns one condition on or off.
type SetFlag = fn(&mut RowConditions, bool);

/// A condition that is on or off, as a checkbox.
#[component]
fn ConditionCheck(
    report_id: u32,
    key: &'static str,
    label: String,
    get: Flag,
    set: SetFlag,
    conditions: RwSignal<RowConditions>,
    page: RwSignal<usize>,
) -> impl IntoView {
    let input_id = format!("report-{report_id}-{key}");
    view! {
        <div class="field inline check">
            <input
                id=input_id.clone()
                type="checkbox"
                data-testid=key
                prop:checked=move || conditions.with(get)
                on:change=move |event| {
                    let on = event_target_checked(&event);
                    conditions.update(|conditions| set(conditions, on));
                    page.set(0);
                }
            />
            <label for=input_id>{label}</label>
        </div>
    }
}

/// A condition the overview set (a group, a bar of the histogram), in
/// words, with its Remove button: `{key}-condition` and `remove-{key}`.
#[component]
fn SetByOverview(
    key: &'static str,
    label: String,
    remove_label: String,
    remove: fn(&mut RowConditions),
    conditions: RwSignal<RowConditions>,
    page: RwSignal<usize>,
) -> impl IntoView {
    view! {
        <div class="field inline overview-condition" data-testid=format!("{key}-condition")>
            <span>{label}</span>
            <button
                type="button"
                class="small"
                data-testid=format!("remove-{key}")
                aria-label=remove_label
                on:click=move |_| {
                    conditions.update(remove);
                    page.set(0);
                }
            >
                "Remove"
            </button>
        </div>
    }
}

/// "Where <column> is below/above <value>": the threshold, set once a
/// number is typed.
#[component]
fn ThresholdField(
    report_id: u32,
    units: Units,
    columns: Vec<Column>,
    conditions: RwSignal<RowConditions>,
    page: RwSignal<usize>,
) -> impl IntoView {
    // The threshold's parts as chosen. They start from the condition the
    // address gave, if any.
    let given = conditions.with_untracked(|conditions| conditions.threshold);
    let column = RwSignal::new(given.map_or(FIRST_THRESHOLD_COLUMN, |threshold| threshold.column));
    let above = RwSignal::new(given.is_some_and(|threshold| threshold.above));
    let value = RwSignal::new(given.map(|threshold| threshold.value.to_string()).unwrap_or_default());
    let apply = move || {
        let number = value.with(|value| value.trim().parse::<f64>().ok().filter(|number| number.is_finite()));
        let threshold =
            number.map(|value| Threshold { column: column.get_untracked(), above: above.get_untracked(), value });
        conditions.update(|conditions| conditions.threshold = threshold);
        page.set(0);
    };
    // The overview may clear the conditions: the typed number goes with
    // them. It may also set a threshold ("hour downtime above 0"): the
    // controls then show it.
    Effect::new(move |_| match conditions.with(|conditions| conditions.threshold) {
        None => {
            if value.with_untracked(|value| value.trim().parse::<f64>().is_ok()) {
                value.set(String::new());
            }
        }
        Some(threshold) => {
            let typed = value.with_untracked(|value| value.trim().parse::<f64>().ok());
            if column.get_untracked() != threshold.column
                || above.get_untracked() != threshold.above
                || typed != Some(threshold.value)
            {
                column.set(threshold.column);
                above.set(threshold.above);
                value.set(threshold.value.to_string());
            }
        }
    });
    let column_id = format!("report-{report_id}-threshold-column");
    let value_id = format!("report-{report_id}-threshold-value");
    view! {
        <div class="field inline threshold">
            <label for=column_id.clone()>"Where"</label>
            <select
                id=column_id
                data-testid="threshold-column"
                on:change=move |event| {
                    let key = event_target_value(&event);
                    if let Some(chosen) = Column::named(&key) {
                        column.set(chosen);
                        apply();
                    }
                }
            >
                {columns
                    .into_iter()
                    .map(|choice| {
                        view! {
                            <option value=choice.key() prop:selected=move || column.get() == choice>
                                {column_label(choice, units)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <select
                data-testid="threshold-direction"
                aria-label="Below or above"
                on:change=move |event| {
                    above.set(event_target_value(&event) == "above");
                    apply();
                }
            >
                <option value="below" prop:selected=move || !above.get()>
                    "is below"
                </option>
                <option value="above" prop:selected=move || above.get()>
                    "is above"
                </option>
            </select>
            <label class="visually-hidden" for=value_id.clone()>
                "Value"
            </label>
            <input
                id=value_id
                type="number"
                step="any"
                inputmode="decimal"
                data-testid="threshold-value"
                placeholder="any"
                prop:value=move || value.get()
                on:input=move |event| {
                    value.set(event_target_value(&event));
                    apply();
                }
            />
        </div>
    }
}

/// "Worse than the period before by more than X points" is the threshold
/// "change below -X": its own field names it, and the threshold's fields
/// show the same condition (there is one threshold at a time).
#[component]
fn WorseThanField(report_id: u32, conditions: RwSignal<RowConditions>, page: RwSignal<usize>) -> impl IntoView {
    let worse_id = format!("report-{report_id}-worse-than");
    let typed = RwSignal::new(
        conditions
            .with_untracked(|conditions| worse_than_points(conditions.threshold))
            .map_or_else(String::new, |x| x.to_string()),
    );
    Effect::new(move |_| {
        let points = conditions.with(|conditions| worse_than_points(conditions.threshold));
        let shown = typed.with_untracked(|typed| typed.trim().parse::<f64>().ok());
        match points {
            Some(points) if shown != Some(points) => typed.set(points.to_string()),
            None if shown.is_some() => typed.set(String::new()),
            _ => {}
        }
    });
    view! {
        <div class="field inline">
            <label for=worse_id.clone()>"Worse than the period before by more than"</label>
            <input
                id=worse_id
                type="number"
                min="0"
                step="any"
                inputmode="decimal"
                data-testid="worse-than"
                placeholder="any"
                aria-describedby=format!("report-{report_id}-worse-than-unit")
                prop:value=move || typed.get()
                on:input=move |event| {
                    let text = event_target_value(&event);
                    let points = text.trim().parse::<f64>().ok().filter(|points| points.is_finite() && *points >= 0.0);
                    typed.set(text);
                    conditions
                        .update(|conditions| match points {
                            Some(points) => conditions.threshold = Some(worse_than(points)),
                            None if worse_than_points(conditions.threshold).is_some() => conditions.threshold = None,
                            None => {}
                        });
                    page.set(0);
                }
            />
            <span id=format!("report-{report_id}-worse-than-unit")>"percentage points"</span>
        </div>
    }
}

/// The condition "worse than the period before by more than `points`
/// percentage points": the change in uptime % below −`points`.
pub fn worse_than(points: f64) -> Threshold {
    Threshold { column: Column::Change, above: false, value: -points }
}

/// The points of a "worse than the period before" condition, if the
/// threshold is one.
pub fn worse_than_points(threshold: Option<Threshold>) -> Option<f64> {
    threshold
        .filter(|threshold| threshold.column == Column::Change && !threshold.above && threshold.value <= 0.0)
        .map(|threshold| -threshold.value)
}

/// A group condition in words: "Region is North"; by places when the
/// report has no such group (an address from another report).
pub fn group_label(dimensions: &[DimensionMessage], choice: GroupChoice) -> String {
    let dimension = dimensions.get(usize::from(choice.dimension));
    match dimension.and_then(|dimension| Some((dimension, dimension.groups.get(choice.group as usize)?))) {
        Some((dimension, group)) => format!("{} is {group}", dimension.name),
        None => format!("Group {} of dimension {} (not in this report)", choice.group + 1, choice.dimension + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worse_than_the_period_before_is_the_change_below_minus_its_points() {
        assert_eq!(worse_than(1.5), Threshold { column: Column::Change, above: false, value: -1.5 });
        assert_eq!(worse_than_points(Some(worse_than(1.5))), Some(1.5));
        assert_eq!(worse_than_points(Some(worse_than(0.0))), Some(0.0));
        // Other thresholds are not it: better by, above, another column.
        assert_eq!(worse_than_points(Some(Threshold { column: Column::Change, above: true, value: -1.0 })), None);
        assert_eq!(worse_than_points(Some(Threshold { column: Column::Change, above: false, value: 1.0 })), None);
        assert_eq!(worse_than_points(Some(Threshold { column: Column::BudgetLeft, above: false, value: -1.0 })), None);
        assert_eq!(worse_than_points(None), None);
    }

    #[test]
    fn a_group_condition_names_its_dimension_and_group() {
        let dimensions =
            vec![DimensionMessage { name: "Région".into(), groups: vec!["Nord, est".into(), "(none)".into()] }];
        assert_eq!(group_label(&dimensions, GroupChoice { dimension: 0, group: 1 }), "Région is (none)");
        assert_eq!(group_label(&dimensions, GroupChoice { dimension: 0, group: 0 }), "Région is Nord, est");
        assert_eq!(
            group_label(&dimensions, GroupChoice { dimension: 1, group: 0 }),
            "Group 1 of dimension 2 (not in this report)"
        );
    }
}
