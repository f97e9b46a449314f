//! What the browser keeps for the page, how much, and the button that
//! forgets it all, after saying what will go and asking once more.

use leptos::prelude::*;

use super::keeper::{InterruptedReport, Storage, StorageState};
use crate::app::shell::focus_by_id;
use crate::app::shell::format::{format_bytes, group_digits};

#[component]
pub fn StoredData() -> impl IntoView {
    let storage = expect_context::<Storage>();
    let stored = storage.stored;
    // Forgetting cannot be undone, so the button asks first.
    let asking = RwSignal::new(false);
    let answer = Callback::new(move |forget: bool| {
        asking.set(false);
        if forget {
            storage.forget_everything();
        }
        // Back where the reader was: the button (enabled again once the
        // question is gone).
        focus_by_id("forget-stored");
    });
    let state_name = move || {
        stored.with(|stored| match stored.state {
            StorageState::Restoring => "restoring",
            StorageState::Ready => "ready",
            StorageState::Unavailable(_) => "unavailable",
        })
    };
    let line = move || {
        stored.with(|stored| match &stored.state {
            StorageState::Restoring => "Putting back what this browser kept from your last visit…".to_string(),
            StorageState::Unavailable(reason) => {
                format!("This browser keeps nothing for this page ({reason}): a reload loses the files and reports.")
            }
            StorageState::Ready if stored.files == 0 && stored.reports == 0 && stored.saving == 0 => {
                "Files and reports are kept in this browser, so that a reload or a closed tab loses nothing. Nothing is kept yet."
                    .to_string()
            }
            StorageState::Ready => {
                let mut text = format!(
                    "{}, {}, {} stored in this browser",
                    count(stored.files, "file"),
                    count(stored.reports, "report"),
                    format_bytes(stored.bytes)
                );
                if let Some(quota) = stored.quota {
                    text.push_str(&format!(" (it allows this page up to {})", format_bytes(quota)));
                }
                text.push_str(if stored.saving > 0 { "; saving…" } else { "." });
                text
            }
        })
    };
    view! {
        <section
            class="stored"
            data-testid="storage"
            data-state=state_name
            data-files=move || stored.with(|stored| stored.files)
            data-reports=move || stored.with(|stored| stored.reports)
            data-saving=move || stored.with(|stored| stored.saving)
            aria-label="Kept in this browser"
        >
            <p class="stored-line" data-testid="storage-line">{line}</p>
            <button
                type="button"
                class="small"
                data-testid="forget-stored"
                id="forget-stored"
                disabled=move || {
                    asking.get() || stored.with(|stored| !matches!(stored.state, StorageState::Ready))
                }
                on:click=move |_| asking.set(true)
                aria-describedby="forget-help"
            >
                "Forget stored files and reports"
            </button>
            <span id="forget-help" class="visually-hidden">
                "Asks first, then deletes them from this browser and clears them from this page."
            </span>
            <Show when=move || asking.get()>
                <ForgetConfirmation
                    what=move || stored.with(|stored| what_goes(stored.files, stored.reports, stored.bytes))
                    on_answer=answer
                />
            </Show>
            <StoppedReports/>
            {move || {
                stored
                    .with(|stored| stored.problem())
                    .map(|problem| {
                        view! {
                            <p class="stored-problem" role="alert" data-testid="storage-problem">
                                {problem}
                            </p>
                        }
                    })
            }}
        </section>
    }
}

/// The reports a reload or a closed tab stopped, and the offer to run them
/// again with their own files and settings.
#[component]
fn StoppedReports() -> impl IntoView {
    let storage = expect_context::<Storage>();
    let stopped = storage.interrupted;
    move || {
        stopped.with(|reports| {
            (!reports.is_empty()).then(|| {
                let sentence = stopped_sentence(reports);
                let can_run = reports.iter().any(|report| report.can_run);
                let count = reports.iter().filter(|report| report.can_run).count();
                view! {
                    <div class="stopped-reports" role="alert" data-testid="stopped-reports">
                        <p>{sentence}</p>
                        {can_run
                            .then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="small"
                                        data-testid="rerun-stopped"
                                        on:click=move |_| storage.run_interrupted_again()
                                    >
                                        {if count == 1 { "Run it again" } else { "Run them again" }}
                                    </button>
                                }
                            })}
                        <button
                            type="button"
                            class="small"
                            data-testid="dismiss-stopped"
                            on:click=move |_| storage.dismiss_interrupted()
                        >
                            "Dismiss"
                        </button>
                    </div>
                }
            })
        })
    }
}

/// What a reload did to the reports in the queue, in a sentence or two.
fn stopped_sentence(reports: &[InterruptedReport]) -> String {
    let named: Vec<String> = reports
        .iter()
        .map(|report| format!("report {} ({})", report.job.id, if report.job.running { "running" } else { "queued" }))
        .collect();
    let list = match named.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    let mut sentence = format!(
        "The page was reloaded or closed while {list} {} in the queue, so {} not finish.",
        if reports.len() == 1 { "was" } else { "were" },
        if reports.len() == 1 { "it did" } else { "they did" },
    );
    let (runnable, lost): (Vec<&InterruptedReport>, Vec<&InterruptedReport>) =
        reports.iter().partition(|report| report.can_run);
    let names = |reports: &[&InterruptedReport]| {
        let named: Vec<String> = reports.iter().map(|report| format!("report {}", report.job.id)).collect();
        match named.as_slice() {
            [rest @ .., last] if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => named.concat(),
        }
    };
    let one = reports.len() == 1;
    sentence.push_str(&match (runnable.is_empty(), lost.is_empty()) {
        (false, true) if one => " Its files are kept: it can run again with the same files and settings.".to_string(),
        (false, true) => " Their files are kept: they can run again with the same files and settings.".to_string(),
        (true, _) if one => " Its files are no longer kept in this browser, so it cannot run again.".to_string(),
        (true, _) => " Their files are no longer kept in this browser, so they cannot run again.".to_string(),
        (false, false) => format!(
            " The files of {} are kept: {} can run again with the same files and settings. \
             Those of {} are no longer kept in this browser.",
            names(&runnable),
            if runnable.len() == 1 { "it" } else { "they" },
            names(&lost)
        ),
    });
    sentence
}

/// The question asked before forgetting, with the answer's two buttons;
/// "Keep them" has the focus, and Escape keeps them too.
#[component]
fn ForgetConfirmation(what: impl Fn() -> String + Send + Sync + 'static, on_answer: Callback<bool>) -> impl IntoView {
    let keep_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = keep_button.get() {
            let _ = button.focus();
        }
    });
    view! {
        <div
            class="forget-confirmation"
            role="alertdialog"
            aria-labelledby="forget-question"
            data-testid="forget-confirmation"
            on:keydown=move |event| {
                if event.key() == "Escape" {
                    event.prevent_default();
                    on_answer.run(false);
                }
            }
        >
            <p id="forget-question">{what}</p>
            <button type="button" class="small danger" data-testid="forget-confirm" on:click=move |_| on_answer.run(true)>
                "Forget them"
            </button>
            <button type="button" class="small" data-testid="forget-cancel" node_ref=keep_button on:click=move |_| on_answer.run(false)>
                "Keep them"
            </button>
        </div>
    }
}

/// The question, naming what would go.
fn what_goes(files: usize, reports: usize, bytes: f64) -> String {
    format!(
        "Forget {} and {} ({}) from this browser and this page? This cannot be undone.",
        count(files, "file"),
        count(reports, "report"),
        format_bytes(bytes)
    )
}

fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{} {what}s", group_digits(n as u64)) }
}

#[cfg(test)]
mod tests {
    use super::{InterruptedReport, stopped_sentence, what_goes};
    use crate::app::storage::records::UnfinishedJob;
    use crate::protocol::ReportSettingsMessage;

    fn stopped(id: u32, running: bool, can_run: bool) -> InterruptedReport {
        let settings = ReportSettingsMessage {
            now: None,
            default_zone: "UTC".into(),
            units: engine::Units::Minutes,
            horizon_days: 7,
            stale_after_minutes: crate::protocol::default_stale_after_minutes(),
            target: None,
        };
        InterruptedReport {
            job: UnfinishedJob { id, running, file_names: vec!["s.csv".into()], file_keys: vec![1], settings },
            can_run,
        }
    }

    #[test]
    fn the_stopped_reports_are_named_with_their_state_and_whether_they_can_run_again() {
        assert_eq!(
            stopped_sentence(&[stopped(3, true, true)]),
            "The page was reloaded or closed while report 3 (running) was in the queue, so it did not finish. \
             Its files are kept: it can run again with the same files and settings."
        );
        assert_eq!(
            stopped_sentence(&[stopped(3, true, true), stopped(4, false, true), stopped(5, false, false)]),
            "The page was reloaded or closed while report 3 (running), report 4 (queued) and report 5 (queued) \
             were in the queue, so they did not finish. The files of report 3 and report 4 are kept: they can run \
             again with the same files and settings. Those of report 5 are no longer kept in this browser."
        );
        assert_eq!(
            stopped_sentence(&[stopped(3, false, false), stopped(4, false, false)]),
            "The page was reloaded or closed while report 3 (queued) and report 4 (queued) were in the queue, \
             so they did not finish. Their files are no longer kept in this browser, so they cannot run again."
        );
    }

    #[test]
    fn the_question_names_what_would_go() {
        assert_eq!(
            what_goes(3, 1, 2_500_000.0),
            "Forget 3 files and 1 report (2.5 MB) from this browser and this page? This cannot be undone."
        );
        assert_eq!(
            what_goes(1, 12_000, 0.0),
            "Forget 1 file and 12,000 reports (0 bytes) from this browser and this page? This cannot be undone."
        );
    }
}
