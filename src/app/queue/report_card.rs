//! One report request with its state: queued, running (with progress),
//! complete, failed or cancelled, and its buttons.

use leptos::prelude::*;

use super::queue_machine::{JobState, ReportJob};
use super::report_queue::Queue;
use crate::app::shell::format::describe_duration;
use crate::protocol::Stage;
use engine::Units;

#[component]
pub fn ReportCard(id: u32) -> impl IntoView {
    let state = expect_context::<Queue>();
    let job = Memo::new(move |_| state.with_jobs(|jobs| jobs.iter().find(|job| job.id == id).cloned()));
    let job_state = Memo::new(move |_| job.with(|job| job.as_ref().map(|job| job.state.clone())));
    let is_shown = move || state.shown.with(|shown| shown.as_ref().is_some_and(|report| report.id == id));
    // Complete, its table's first rows on screen, the rest being drawn.
    let drawing = move || state.drawing.get() == Some(id) && is_shown();
    let state_name = move || {
        if drawing() {
            return "drawing";
        }
        job_state.with(|job_state| match job_state {
            Some(JobState::Queued) => "queued",
            Some(JobState::Running { .. }) => "running",
            Some(JobState::Complete { .. }) => "complete",
            Some(JobState::Failed { .. }) => "failed",
            Some(JobState::Cancelled) | None => "cancelled",
        })
    };

    view! {
        <li
            class="report-card"
            id=format!("report-card-{id}")
            tabindex="-1"
            aria-labelledby=format!("report-card-{id}-heading")
            class:shown=is_shown
            data-testid="report"
            data-report-id=id
            data-state=state_name
        >
            <div class="report-card-head">
                <h3 id=format!("report-card-{id}-heading")>{format!("Report {id}")}</h3>
                <p class="report-what">{move || job.with(|job| job.as_ref().map(describe_request))}</p>
                {move || {
                    job.with(|job| job.as_ref().is_some_and(|job| job.restored))
                        .then(|| view! { <p class="report-what">"Kept from an earlier visit."</p> })
                }}
            </div>
            <p
                class="report-state"
                data-testid="report-state"
                data-report-id=id
                data-state=state_name
                data-duration-ms=move || {
                    job_state
                        .with(|job_state| match job_state {
                            Some(JobState::Complete { total_ms, .. }) => {
                                Some(format!("{total_ms:.1}"))
                            }
                            _ => None,
                        })
                }
            >
                {move || {
                    if drawing() {
                        return Some(DRAWING.to_string());
                    }
                    job_state.with(|job_state| job_state.as_ref().map(describe_state))
                }}
                {move || {
                    job_state
                        .with(|job_state| match job_state {
                            Some(JobState::Complete { total_ms, run_ms, .. })
                                if total_ms - run_ms >= 50.0 => {
                                Some(
                                    format!(
                                        " (of which {} waiting in the queue)",
                                        describe_duration(total_ms - run_ms),
                                    ),
                                )
                            }
                            _ => None,
                        })
                }}
            </p>
            {progress_bar(id, job_state)}
            {report_buttons(id, state, job_state, is_shown)}
        </li>
    }
}

/// A running job's progress: reading takes about three quarters of the time.
fn progress_bar(id: u32, job_state: Memo<Option<JobState>>) -> impl IntoView {
    move || {
        job_state.with(|job_state| match job_state {
            Some(JobState::Running { fraction, stage }) => {
                let overall = match stage {
                    None => 0.0,
                    Some(crate::protocol::Stage::Reading) => fraction * 0.75,
                    Some(crate::protocol::Stage::Calculating) => 0.75 + fraction * 0.25,
                };
                Some(view! {
                    <progress
                        max="1"
                        value=overall
                        aria-label=format!("Progress of report {id}")
                    ></progress>
                })
            }
            _ => None,
        })
    }
}

/// Cancel while queued or running, Show once complete (unless shown), and
/// Remove once finished.
fn report_buttons(
    id: u32,
    state: Queue,
    job_state: Memo<Option<JobState>>,
    is_shown: impl Fn() -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="report-buttons">
            {move || {
                let job_state = job_state.get();
                let active = matches!(
                    job_state,
                    Some(JobState::Queued | JobState::Running { .. })
                );
                let complete = matches!(job_state, Some(JobState::Complete { .. }));
                let finished = job_state.as_ref().is_some_and(JobState::is_finished);
                view! {
                    {active
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="small"
                                    data-testid="cancel"
                                    data-report-id=id
                                    on:click=move |_| state.cancel(id)
                                >
                                    "Cancel"
                                </button>
                            }
                        })}
                    {(complete && !is_shown())
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="small"
                                    data-testid="show-report"
                                    data-report-id=id
                                    on:click=move |_| state.show_report(id)
                                >
                                    "Show"
                                </button>
                            }
                        })}
                    {finished
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="small"
                                    aria-label=format!("Remove report {id}")
                                    on:click=move |_| state.remove_report(id)
                                >
                                    "Remove"
                                </button>
                            }
                        })}
                }
            }}
        </div>
    }
}

/// The files and settings of a request, in a line.
fn describe_request(job: &ReportJob) -> String {
    let now = match &job.settings.now {
        Some(now) => format!("now {now}"),
        None => "now = latest poll".to_string(),
    };
    let units = match job.settings.units {
        Units::Minutes => "minutes",
        Units::Hours => "hours for day and week",
    };
    format!("{} · {now} · default timezone {} · {units}", job.file_names.join(", "), job.settings.default_zone)
}

/// A complete report's state while the rest of it is drawn after its
/// table's first rows.
const DRAWING: &str = "Showing: the table is on screen; the overview, outages and days follow";

/// What a job is doing, in words.
pub fn describe_state(state: &JobState) -> String {
    match state {
        JobState::Queued => "Queued".to_string(),
        JobState::Running { stage: None, .. } => "Running: starting".to_string(),
        JobState::Running { stage: Some(stage), fraction } => {
            let stage = match stage {
                Stage::Reading => "reading files",
                Stage::Calculating => "calculating",
            };
            format!("Running: {stage}, {:.0}%", fraction * 100.0)
        }
        JobState::Complete { total_ms, .. } => {
            format!("Complete in {}", describe_duration(*total_ms))
        }
        JobState::Failed { reason } => format!("Failed: {reason}"),
        JobState::Cancelled => "Cancelled".to_string(),
    }
}
