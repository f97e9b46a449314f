//! The fleet's headline, at the top of the report: its uptime as a share of
//! business time for the hour, day, week and horizon (the engine's
//! `FleetHeadline`, pooled over stores and observed only), the stores up,
//! down and stale now, and what was assumed rather than observed. "Down
//! now" shows those stores in the table.

use leptos::prelude::*;

use super::show_in_table::show_in_table;
use crate::app::report::table::columns::{Column, RowConditions, Sort, TableFocus};
use crate::app::settings::stale_limit_text;
use crate::app::shell::format::{DurationStyle, count_of, format_duration, group_digits, last_days};
use crate::protocol::HeadlineMessage;

/// A percentage from the engine's tenths: "85.3%"; "—" without business time.
pub fn tenths_text(tenths: Option<i64>) -> String {
    match tenths {
        Some(tenths) => {
            let sign = if tenths < 0 { "-" } else { "" };
            let magnitude = tenths.unsigned_abs();
            format!("{sign}{}.{}%", group_digits(magnitude / 10), magnitude % 10)
        }
        None => "—".to_string(),
    }
}

/// The notices of time assumed rather than observed: for each period that
/// starts before some store's first poll, how many stores and how much
/// business time; for a horizon that starts before the fleet's first poll,
/// so many days of no data.
pub fn assumed_notices(headline: &HeadlineMessage) -> Vec<String> {
    let names = ["last hour", "last day", "last week", &last_days(headline.horizon_days)];
    let mut notices = Vec::new();
    if let (true, Some(first)) = (headline.fleet_first_poll_within[3], &headline.first_poll) {
        notices.push(format!(
            "The {} begin before the fleet's first poll ({first}): the time before it is no data, drawn as such \
             in the day strips.",
            names[3]
        ));
    }
    for (i, name) in names.iter().enumerate() {
        let stores = headline.first_polled_within[i];
        // The horizon of 7 days is the week: said once.
        if stores == 0 || (i == 3 && headline.horizon_days == 7) {
            continue;
        }
        let assumed = (headline.assumed_minutes[i] * 60e9).round() as i128;
        notices.push(format!(
            "Over the {name}, {} had their first poll after it began: their {} of business time before that \
             poll is assumed, not observed, and left out of the figures here (the CSVs count it, as the \
             contract says).",
            count_of(stores, "store", "stores"),
            format_duration(assumed, DurationStyle::HoursMinutes),
        ));
    }
    notices
}

#[component]
pub fn FleetHeadline(headline: HeadlineMessage, focus: TableFocus) -> impl IntoView {
    let periods = [
        ("Last hour", "headline-hour"),
        ("Last day", "headline-day"),
        ("Last week", "headline-week"),
        ("", "headline-horizon"),
    ];
    let horizon_name = format!("Last {} days", headline.horizon_days);
    let figures = periods
        .iter()
        .enumerate()
        // A horizon of 7 days is the week.
        .filter(|(i, _)| *i < 3 || headline.horizon_days != 7)
        .map(|(i, (name, key))| {
            let name = if i == 3 { horizon_name.clone() } else { name.to_string() };
            let business = (headline.business_minutes[i] * 60e9).round() as i128;
            let detail = format!("of {} open", format_duration(business, DurationStyle::HoursMinutes));
            view! {
                <div class="headline-figure">
                    <dt>{name}</dt>
                    <dd data-testid=*key data-thousandths=headline.uptime_thousandths[i].map(|t| t.to_string())>
                        <span class="headline-percent">{tenths_text(headline.uptime_tenths[i])}</span>
                        <span class="help">{detail}</span>
                    </dd>
                </div>
            }
        })
        .collect_view();
    let down_now = headline.down_now;
    let down_button = view! {
        <button
            type="button"
            class="down-now"
            data-testid="down-now"
            data-count=down_now.to_string()
            disabled=down_now == 0
            on:click=move |_| show_down_now(focus)
        >
            {format!("Down now: {}", group_digits(down_now))}
        </button>
    };
    let states = format!(
        "Up now: {} · closed now: {} · stale (no poll within {}): {} — of {}",
        group_digits(headline.up_now),
        group_digits(headline.closed_now),
        stale_limit_text(headline.stale_after_minutes),
        group_digits(headline.stale),
        count_of(headline.stores, "store", "stores"),
    );
    let notices = assumed_notices(&headline).into_iter().map(|notice| view! { <li>{notice}</li> }).collect_view();
    view! {
        <section class="fleet-headline" aria-labelledby="fleet-headline-heading" data-testid="fleet-headline">
            <h3 id="fleet-headline-heading">"Fleet uptime, share of business time"</h3>
            <dl class="headline-figures">{figures}</dl>
            <p class="headline-states">{down_button} <span data-testid="headline-states">{states}</span></p>
            <ul class="help assumed-notices" data-testid="assumed-notices">{notices}</ul>
        </section>
    }
}

/// Filters the table to the stores down now, down the longest first; the
/// other conditions set stay.
fn show_down_now(focus: TableFocus) {
    let conditions = RowConditions { down_now: true, ..focus.conditions.get_untracked() };
    show_in_table(focus, conditions, Sort { column: Column::Now, descending: true });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_from_tenths() {
        assert_eq!(tenths_text(Some(853)), "85.3%");
        assert_eq!(tenths_text(Some(1000)), "100.0%");
        assert_eq!(tenths_text(Some(5)), "0.5%");
        assert_eq!(tenths_text(None), "—");
    }

    #[test]
    fn notices_say_which_periods_start_before_a_first_poll() {
        let headline = HeadlineMessage {
            horizon_days: 90,
            first_polled_within: [0, 0, 3, 14_084],
            fleet_first_poll_within: [false, false, false, true],
            first_poll: Some("2023-01-18 12:00:00 UTC".to_string()),
            assumed_minutes: [0.0, 0.0, 90.0, 646_606.0],
            ..HeadlineMessage::default()
        };
        assert_eq!(
            assumed_notices(&headline),
            [
                "The last 90 days begin before the fleet's first poll (2023-01-18 12:00:00 UTC): the time before \
                 it is no data, drawn as such in the day strips.",
                "Over the last week, 3 stores had their first poll after it began: their 1 h 30 min of business \
                 time before that poll is assumed, not observed, and left out of the figures here (the CSVs count \
                 it, as the contract says).",
                "Over the last 90 days, 14,084 stores had their first poll after it began: their 10,776 h 46 min of \
                 business time before that poll is assumed, not observed, and left out of the figures here (the \
                 CSVs count it, as the contract says).",
            ]
        );
        let week = HeadlineMessage {
            horizon_days: 7,
            first_polled_within: [0, 0, 1, 1],
            fleet_first_poll_within: [false; 4],
            ..headline
        };
        assert_eq!(assumed_notices(&week).len(), 1);
    }
}
