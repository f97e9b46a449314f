//! The report's settings: its time ("now"), the default timezone, units,
//! the horizon of its outages and days, and the freshness limit; and how
//! the table writes hours.

use leptos::prelude::*;

use super::{
    EarliestPoll, HoursFormat, LatestPoll, STALE_LIMIT_CHOICES, Settings, before_every_poll, parse_now, parse_target,
    stale_limit_text,
};
use engine::Horizon;
use engine::Units;

/// The status files have no row, or every row was rejected: no report time
/// makes a report of them (the report's rejected rows say why each was).
const NO_USABLE_POLL: &str = "The status files have no usable poll (no row, or every row rejected): a report of them would \
                              have no store, whatever its time. Check the status files; a report lists why each row \
                              was rejected.";

/// The horizons offered as choices; any number from 1 to 366 may be typed.
const HORIZON_CHOICES: [u32; 5] = [1, 7, 14, 30, 90];

#[component]
pub fn SettingsPanel(
    /// The latest poll of the status files given, for the empty "now".
    #[prop(into)]
    latest_poll: Signal<LatestPoll>,
    /// The earliest poll of the status files given, to say when a typed
    /// time is before every poll.
    #[prop(into)]
    earliest_poll: Signal<Option<EarliestPoll>>,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    view! {
        <fieldset class="settings">
            <legend>"Settings"</legend>
            <NowField latest_poll earliest_poll/>
            <HorizonField/>
            <TargetField/>
            <ZoneField/>
            <ChoiceField
                id="setting-units"
                label="Units"
                value=settings.units
                choices=[("minutes", Units::Minutes, "Minutes"), ("hours", Units::Hours, "Hours for the day and week")]
                help=move || match settings.units.get() {
                    Units::Minutes => "All six figures in minutes.",
                    Units::Hours => {
                        "The original assignment's format: the last hour in minutes, the last day and week in hours."
                    }
                }
            />
            <ChoiceField
                id="setting-hours-format"
                label="Durations in the table"
                value=settings.hours_format
                choices=[
                    ("decimal", HoursFormat::Decimal, "As the CSV (9,178 minutes, 152.97 hours)"),
                    ("words", HoursFormat::Words, "Hours and minutes (152 h 58 min)"),
                    ("h:mm", HoursFormat::HoursMinutes, "Clock (152:58)"),
                ]
                help=|| {
                    "How the table shows uptime, downtime and outages, whatever the units; the downloads keep the CSV's format."
                }
            />
            <StaleAfterField/>
        </fieldset>
    }
}

/// The report's time, with what an empty one means and what is wrong
/// with a typed one.
#[component]
fn NowField(latest_poll: Signal<LatestPoll>, earliest_poll: Signal<Option<EarliestPoll>>) -> impl IntoView {
    let settings = expect_context::<Settings>();
    let now_problem = Memo::new(move |_| parse_now(&settings.now.get()).err());
    let now_help = move || match now_problem.get() {
        Some(problem) => problem,
        // Without a usable poll a report time does not help: the report
        // would have no store. Said before Generate, not after.
        None if settings.now.with(|now| !now.trim().is_empty()) => match latest_poll.get() {
            LatestPoll::NoUsablePoll => NO_USABLE_POLL.to_string(),
            _ => settings
                .now
                .with(|now| before_every_poll(now, earliest_poll.get().as_ref()))
                .unwrap_or_else(|| "Every window ends at this time.".to_string()),
        },
        None => match latest_poll.get() {
            LatestPoll::Known(latest) => format!("Empty: the latest poll, {latest}."),
            LatestPoll::NoStatusFile => "Empty: the latest poll in the status files.".to_string(),
            LatestPoll::Pending => "Empty: the latest poll in the status files (being read…).".to_string(),
            LatestPoll::NoUsablePoll => NO_USABLE_POLL.to_string(),
        },
    };
    view! {
    <div class="field">
        <label for="setting-now">"Report time (“now”)"</label>
        <input
            id="setting-now"
            type="text"
            data-testid="setting-now"
            placeholder=move || match latest_poll.get() {
                LatestPoll::Known(latest) => latest,
                _ => "the latest poll".to_string(),
            }
            autocomplete="off"
            spellcheck="false"
            aria-describedby="setting-now-help"
            aria-invalid=move || now_problem.with(Option::is_some).then_some("true")
            prop:value=move || settings.now.get()
            on:input=move |event| settings.now.set(event_target_value(&event))
        />
        <p
            id="setting-now-help"
            class="help"
            class:error=move || now_problem.with(Option::is_some)
        >
            {now_help}
        </p>
    </div>
    }
}

/// The horizon of the outages and days, typed or chosen.
#[component]
fn HorizonField() -> impl IntoView {
    let settings = expect_context::<Settings>();
    view! {
    <div class="field">
        <label for="setting-horizon">"Outages and days over the last"</label>
        <span class="with-unit">
            <input
                id="setting-horizon"
                type="number"
                inputmode="numeric"
                min="1"
                max=Horizon::MAX_DAYS
                step="1"
                list="setting-horizon-choices"
                data-testid="setting-horizon"
                aria-describedby="setting-horizon-help"
                prop:value=move || settings.horizon_days.get().to_string()
                on:change=move |event| {
                    let typed = event_target_value(&event);
                    // A number out of range is brought into it; anything
                    // else leaves the horizon as it was (and the field
                    // shows it again).
                    let days = typed
                        .trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|days| days.is_finite())
                        .map(|days| days.round().clamp(1.0, f64::from(Horizon::MAX_DAYS)) as u32)
                        .unwrap_or_else(|| settings.horizon_days.get_untracked());
                    settings.horizon_days.set(days);
                    if typed.trim() != days.to_string() {
                        settings.horizon_days.notify();
                    }
                }
            />
            " days"
        </span>
        <datalist id="setting-horizon-choices">
            {HORIZON_CHOICES.map(|days| view! { <option value=days.to_string()></option> })}
        </datalist>
        <p id="setting-horizon-help" class="help">
            "The outage list and each day of each store, 1 to 366 days; the report's hour, day and week stay as they are."
        </p>
    </div>
    }
}

/// The fleet's uptime target.
#[component]
fn TargetField() -> impl IntoView {
    let settings = expect_context::<Settings>();
    let target_problem = Memo::new(move |_| parse_target(&settings.target.get()).err());
    let target_help = move || {
        match target_problem.get() {
        Some(problem) => problem,
        None if settings.target.with(|target| target.trim().is_empty()) => {
            "Empty: no target, unless the groups file gives a store its own (a target column).".to_string()
        }
        None => "Uptime as a percentage of business time, above 0 and below 100, at most 3 decimals; a store's own target in the groups file wins.".to_string(),
    }
    };
    view! {
    <div class="field">
        <label for="setting-target">"Uptime target (%)"</label>
        <input
            id="setting-target"
            type="text"
            inputmode="decimal"
            data-testid="setting-target"
            placeholder="none, e.g. 99.5"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="setting-target-help"
            aria-invalid=move || target_problem.with(Option::is_some).then_some("true")
            prop:value=move || settings.target.get()
            on:input=move |event| settings.target.set(event_target_value(&event))
        />
        <p
            id="setting-target-help"
            class="help"
            class:error=move || target_problem.with(Option::is_some)
        >
            {target_help}
        </p>
    </div>
    }
}

/// The default timezone, among the engine's names.
#[component]
fn ZoneField() -> impl IntoView {
    let settings = expect_context::<Settings>();
    let zone_options = move || {
        let zones = settings.zones.get();
        if zones.is_empty() { vec![settings.zone.get_untracked()] } else { zones }
    };

    view! {
    <div class="field">
        <label for="setting-timezone">"Default timezone"</label>
        <select
            id="setting-timezone"
            data-testid="setting-timezone"
            aria-describedby="setting-timezone-help"
            prop:value=move || settings.zone.get()
            on:change=move |event| settings.zone.set(event_target_value(&event))
        >
            <For
                each=zone_options
                key=|name| name.clone()
                children=move |name| {
                    let selected = {
                        let name = name.clone();
                        move || settings.zone.with(|zone| *zone == name)
                    };
                    view! {
                        <option value=name.clone() selected=selected>
                            {name.clone()}
                        </option>
                    }
                }
            />
        </select>
        <p id="setting-timezone-help" class="help">
            "For stores that the timezones file does not list."
        </p>
    </div>
    }
}

/// The freshness limit.
#[component]
fn StaleAfterField() -> impl IntoView {
    let settings = expect_context::<Settings>();
    view! {
    <div class="field">
        <label for="setting-stale-after">"Stale after"</label>
        <select
            id="setting-stale-after"
            data-testid="setting-stale-after"
            aria-describedby="setting-stale-after-help"
            on:change=move |event| {
                if let Ok(minutes) = event_target_value(&event).parse::<u32>() {
                    settings.stale_after_minutes.set(minutes);
                }
            }
        >
            {move || {
                let current = settings.stale_after_minutes.get();
                // A kept limit that is not among the choices is offered too.
                let mut choices = STALE_LIMIT_CHOICES.to_vec();
                if !choices.contains(&current) {
                    choices.push(current);
                    choices.sort_unstable();
                }
                choices
                    .into_iter()
                    .map(|minutes| {
                        view! {
                            <option value=minutes.to_string() selected=minutes == current>
                                {stale_limit_text(minutes)}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
        <p id="setting-stale-after-help" class="help">
            "A store whose latest poll is older than this before now is marked stale: its figures are carried forward from that poll."
        </p>
    </div>
    }
}

/// A setting chosen from a few values in a select: its label, its options
/// (the option's value, the setting's value, the words shown) and a help
/// line under it. The select's `data-testid` is its id.
#[component]
fn ChoiceField<T, const N: usize>(
    id: &'static str,
    label: &'static str,
    value: RwSignal<T>,
    choices: [(&'static str, T, &'static str); N],
    help: impl Fn() -> &'static str + Send + Sync + 'static,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let help_id = format!("{id}-help");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                data-testid=id
                aria-describedby=help_id.clone()
                on:change=move |event| {
                    let chosen = event_target_value(&event);
                    if let Some((_, choice, _)) = choices.iter().find(|(name, _, _)| *name == chosen) {
                        value.set(*choice);
                    }
                }
            >
                {choices
                    .map(|(name, choice, words)| {
                        view! {
                            <option value=name selected=move || value.get() == choice>
                                {words}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p id=help_id class="help">
                {help}
            </p>
        </div>
    }
}
