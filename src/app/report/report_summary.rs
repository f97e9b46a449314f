//! What a report covers: stores, "now", windows, settings, and what was
//! made of each file.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::queue::finished::FinishedReport;
use crate::app::settings::stale_limit_text;
use crate::app::shell::format::describe_duration;
use crate::app::shell::format::{format_bytes, group_digits};
use engine::{FileKind, Units};
use engine::{Window, parse_timestamp};

#[component]
pub fn ReportSummary(report: Arc<FinishedReport>) -> impl IntoView {
    let outcome = &report.outcome;
    let id = report.id;
    let now_source = match (&outcome.latest_poll, outcome.now_is_latest_poll) {
        (_, true) => "the latest poll".to_string(),
        (Some(latest), false) => format!("as set; the latest poll is {latest}"),
        (None, false) => "as set".to_string(),
    };
    let windows = describe_windows(&outcome.now);
    let units = match outcome.units {
        Units::Minutes => "minutes",
        Units::Hours => "minutes for the last hour, hours for the last day and week",
    };
    view! {
        <dl class="summary" data-testid="report-summary">
            <div>
                <dt>"Stores"</dt>
                <dd data-testid="store-count">{group_digits(outcome.rows.len() as u64)}</dd>
            </div>
            <div>
                <dt>"Now"</dt>
                <dd>
                    <span data-testid="report-now">{outcome.now.clone()}</span>
                    {format!(" ({now_source})")}
                </dd>
            </div>
            <div>
                <dt>"Windows (each up to now)"</dt>
                <dd class="windows">
                    {windows.into_iter().map(|line| view! { <span>{line}</span> }).collect_view()}
                </dd>
            </div>
            {outcome
                .freshness
                .map(|fleet| {
                    view! {
                        <div>
                            <dt>"How much the figures rest on"</dt>
                            <dd data-testid="freshness-summary">
                                {format!(
                                    "{} with a single poll; {} with none in the last day; {} stale (latest poll more than {} before now).",
                                    stores_text(fleet.single_poll),
                                    stores_text(fleet.no_poll_last_day),
                                    stores_text(fleet.stale),
                                    stale_limit_text(fleet.stale_after_minutes),
                                )}
                            </dd>
                        </div>
                    }
                })}
            <div>
                <dt>"Default timezone"</dt>
                <dd>{outcome.default_zone.clone()}</dd>
            </div>
            <div>
                <dt>"Units"</dt>
                <dd>{units}</dd>
            </div>
            <div>
                <dt>"Work in the worker"</dt>
                <dd data-testid="worker-timing" data-memory-bytes=outcome.timing.memory_bytes>
                    {format!(
                        "reading {}, calculating {}, writing {}",
                        describe_duration(outcome.timing.reading_ms),
                        describe_duration(outcome.timing.calculating_ms),
                        describe_duration(outcome.timing.writing_ms),
                    )}
                    {(outcome.timing.memory_bytes > 0.0)
                        .then(|| format!("; memory {}", format_bytes(outcome.timing.memory_bytes)))}
                </dd>
            </div>
        </dl>
        // Focusable, so that the keyboard can scroll it where it is wider
        // than the screen.
        <div class="table-scroll" tabindex="0" role="region" aria-label="What was read">
            <table class="files-used" data-testid="files-used">
                <caption>"What was read"</caption>
                <thead>
                    <tr>
                        <th scope="col">"File"</th>
                        <th scope="col">"Kind"</th>
                        <th scope="col" class="number">"Size"</th>
                        <th scope="col" class="number">"Rows"</th>
                        <th scope="col" class="number">"Used"</th>
                        <th scope="col" class="number">"Rejected"</th>
                    </tr>
                </thead>
                <tbody>
                    {outcome
                        .files
                        .iter()
                        .map(|file| {
                            let rejected = file.rejected;
                            view! {
                                <tr>
                                    <th scope="row">{file.name.clone()}</th>
                                    <td>{kind_label(file.kind)}</td>
                                    <td class="number">{format_bytes(file.bytes as f64)}</td>
                                    <td class="number">{group_digits(file.rows)}</td>
                                    <td class="number">{group_digits(file.used)}</td>
                                    <td class="number">
                                        {if rejected == 0 {
                                            "0".to_string().into_any()
                                        } else {
                                            view! {
                                                <a href=format!("#rejected-rows-{id}") on:click=move |_| open_rejected(id)>
                                                    {group_digits(rejected)}
                                                </a>
                                            }
                                                .into_any()
                                        }}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <ul class="notices" data-testid="notices">
            {outcome
                .notices
                .iter()
                .map(|notice| view! { <li>{notice.clone()}</li> })
                .collect_view()}
        </ul>
    }
}

/// "1 store", "3,066 stores".
fn stores_text(count: u64) -> String {
    if count == 1 { "1 store".to_string() } else { format!("{} stores", group_digits(count)) }
}

fn kind_label(kind: FileKind) -> &'static str {
    kind.label()
}

/// Opens the rejected rows' section, which the link then scrolls to.
fn open_rejected(id: u32) {
    if let Some(details) = document().get_element_by_id(&format!("rejected-rows-{id}")) {
        let _ = details.set_attribute("open", "");
    }
}

/// Where each window starts; each ends at now.
fn describe_windows(now: &str) -> Vec<String> {
    let Ok(now) = parse_timestamp(now.as_bytes()) else {
        return vec!["the hour, day and week before now".to_string()];
    };
    Window::ALL
        .iter()
        .map(|window| {
            let start = now.checked_sub(window.length()).map_or_else(|| "?".to_string(), |start| start.to_string());
            format!("last {}: from {start}", window.name())
        })
        .collect()
}
