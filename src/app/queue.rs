//! The report queue: each click on Generate becomes a job; jobs run one at
//! a time in the report worker; cancelling ends that worker and starts a
//! fresh one, which is instant even in the middle of a calculation.

use std::sync::Arc;

use gloo::file::ObjectUrl;
use js_sys::{ArrayBuffer, Float32Array, Float64Array, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::state::{
    AppState, Download, FinishedReport, JobState, KeptBlobs, ReportJob, TimelineState, TimelineView, now_ms,
};
use super::storage::StorageState;
use super::worker_link::WorkerLink;
use crate::protocol::{
    COMPLETE_ATTACHMENTS, Rebuild, Reply, ReportOutcome, ReportSettingsMessage, Request, Stage, TimelineOutcome,
    decode_rows,
};

impl AppState {
    /// Why a report cannot be generated now, if it cannot.
    pub fn generate_blocker(&self) -> Option<String> {
        if let Some(problem) = self.fatal.get() {
            return Some(problem);
        }
        if self.stored.with(|stored| stored.state == StorageState::Restoring) {
            return Some("Putting back the files and reports of your last visit…".to_string());
        }
        let (inspecting, status_files) = self.files.with(|files| {
            (
                files.iter().any(|file| file.status == super::state::FileStatus::Inspecting),
                files.iter().filter(|file| file.kind() == Some(engine::FileKind::StatusPolls)).count(),
            )
        });
        if inspecting {
            return Some("Wait until every file has been read.".to_string());
        }
        if status_files == 0 {
            return Some("Add a status polls file first: it is the one file a report needs.".to_string());
        }
        let now = self.settings.now.get();
        if let Err(problem) = parse_now(&now) {
            return Some(problem);
        }
        None
    }

    /// Queues a report of the files in the slots with the current settings.
    pub fn generate(&self) {
        if self.generate_blocker().is_some() {
            return;
        }
        let requested_at = now_ms();
        // Every recognised file, in the order given: within a kind, that is
        // the order in which split parts are combined.
        let used: Vec<(u64, String)> = self.files.with(|files| {
            files.iter().filter(|file| file.kind().is_some()).map(|file| (file.key, file.name.clone())).collect()
        });
        let handles: Vec<(u64, web_sys::File)> = self.parts.with_value(|parts| {
            used.iter().filter_map(|(key, _)| parts.file_handles.get(key).map(|file| (*key, file.clone()))).collect()
        });
        let now = self.settings.now.get();
        let settings = ReportSettingsMessage {
            now: Some(now.trim().to_string()).filter(|now| !now.is_empty()),
            default_zone: self.settings.zone.get(),
            units: self.settings.units.get(),
            horizon_days: self.settings.horizon_days.get(),
        };
        let id = self
            .next_report_id
            .try_update_value(|next| {
                *next += 1;
                *next - 1
            })
            .unwrap_or_default();
        self.parts.update_value(|parts| {
            parts.report_files.insert(id, handles);
        });
        self.jobs.update(|jobs| {
            jobs.push(ReportJob {
                id,
                requested_at,
                started_at: None,
                file_names: used.iter().map(|(_, name)| name.clone()).collect(),
                settings,
                state: JobState::Queued,
                restored: false,
            })
        });
        self.announce(format!("Report {id} queued"));
        self.run_next();
    }

    pub fn cancel(&self, id: u32) {
        let mut was_running = false;
        self.jobs.update(|jobs| {
            if let Some(job) = jobs.iter_mut().find(|job| job.id == id) {
                match job.state {
                    JobState::Queued => job.state = JobState::Cancelled,
                    JobState::Running { .. } => {
                        was_running = true;
                        job.state = JobState::Cancelled;
                    }
                    _ => {}
                }
            }
        });
        self.parts.update_value(|parts| {
            parts.report_files.remove(&id);
        });
        self.forget_unneeded_files();
        if was_running {
            // Ending the worker is the only way to stop a calculation that
            // is running synchronously inside it.
            self.parts.update_value(|parts| parts.report_worker = None);
            self.start_report_worker();
            // The fresh worker reads the report's files again for it.
            self.ask_timeline_again();
        }
        self.announce(format!("Report {id} cancelled"));
        self.run_next();
    }

    /// Forgets a finished report and frees its downloads.
    pub fn remove_report(&self, id: u32) {
        self.jobs.update(|jobs| jobs.retain(|job| job.id != id || !job.state.is_finished()));
        self.finished.update_value(|finished| {
            finished.remove(&id);
        });
        if self.shown.with_untracked(|shown| shown.as_ref().is_some_and(|report| report.id == id)) {
            self.shown.set(None);
        }
        self.parts.update_value(|parts| {
            parts.download_urls.remove(&id);
            parts.report_files.remove(&id);
        });
        if self.timeline.with_untracked(|view| view.as_ref().is_some_and(|view| view.report_id == id)) {
            self.timeline.set(None);
        }
        self.forget_stored_report(id);
    }

    pub fn show_report(&self, id: u32) {
        if let Some(report) = self.finished.with_value(|finished| finished.get(&id).cloned()) {
            self.shown.set(Some(report));
        }
    }

    pub(super) fn start_report_worker(&self) {
        let state = *self;
        let link = WorkerLink::spawn(
            move |reply, attached| state.on_report_reply(reply, attached),
            move |problem| state.on_report_crash(problem),
        );
        match link {
            Ok(link) => self.parts.update_value(|parts| parts.report_worker = Some(link)),
            Err(problem) => self.fatal.set(Some(problem)),
        }
    }

    /// Gives the worker the oldest queued job, if it is ready and idle.
    fn run_next(&self) {
        let ready = self.parts.with_value(|parts| parts.report_worker.as_ref().is_some_and(WorkerLink::is_ready));
        let busy =
            self.jobs.with_untracked(|jobs| jobs.iter().any(|job| matches!(job.state, JobState::Running { .. })));
        if !ready || busy {
            return;
        }
        let mut next = None;
        self.jobs.update(|jobs| {
            if let Some(job) = jobs.iter_mut().find(|job| job.state == JobState::Queued) {
                job.state = JobState::Running { stage: None, fraction: 0.0 };
                job.started_at = Some(now_ms());
                next = Some((job.id, job.settings.clone()));
            }
        });
        let Some((report_id, settings)) = next else {
            return;
        };
        self.parts.update_value(|parts| {
            let files: Vec<JsValue> =
                parts.report_files.get(&report_id).into_iter().flatten().map(|(_, file)| file.clone().into()).collect();
            if let Some(worker) = parts.report_worker.as_mut() {
                worker.send(&Request::Report { report_id, settings }, &files);
            }
        });
    }

    fn on_report_reply(&self, reply: Reply, attached: Vec<JsValue>) {
        match reply {
            Reply::Ready { .. } => {
                self.parts.update_value(|parts| {
                    if let Some(worker) = parts.report_worker.as_mut() {
                        worker.mark_ready();
                    }
                });
                self.run_next();
            }
            Reply::Progress { report_id, stage, fraction } => {
                self.update_running(report_id, |state| *state = JobState::Running { stage: Some(stage), fraction })
            }
            Reply::Complete { report_id, outcome } => {
                self.complete(report_id, *outcome, attached);
                self.run_next();
            }
            Reply::Failed { report_id, reason } => {
                self.update_running(report_id, |state| *state = JobState::Failed { reason });
                self.parts.update_value(|parts| {
                    parts.report_files.remove(&report_id);
                });
                self.forget_unneeded_files();
                self.announce(format!("Report {report_id} failed"));
                self.run_next();
            }
            Reply::Timeline { report_id, store_id, outcome } => self.timeline_arrived(report_id, &store_id, outcome),
            Reply::Preview { .. } | Reply::Sample { .. } | Reply::Example { .. } => {}
        }
    }

    fn update_running(&self, report_id: u32, change: impl FnOnce(&mut JobState)) {
        self.jobs.update(|jobs| {
            if let Some(job) =
                jobs.iter_mut().find(|job| job.id == report_id && matches!(job.state, JobState::Running { .. }))
            {
                change(&mut job.state);
            }
        });
    }

    /// A report arrived: its rows are decoded now, and it is shown in the
    /// next task, so that the browser can paint a frame between the two
    /// (with 140,000 stores, each takes a few tens of milliseconds).
    fn complete(&self, report_id: u32, mut outcome: ReportOutcome, attached: Vec<JsValue>) {
        let attached: [Option<JsValue>; COMPLETE_ATTACHMENTS] = match attached.try_into() {
            Ok(attached) => <[JsValue; COMPLETE_ATTACHMENTS]>::map(attached, Some),
            Err(_) => Default::default(),
        };
        let [csv, rejected, outages, daily, ids, figures, days, ids_blob, figures_blob, days_blob] = attached;
        let blob = |value: Option<JsValue>| value.and_then(|value| value.dyn_into::<web_sys::Blob>().ok());
        let buffer = |value: Option<JsValue>| value.and_then(|value| value.dyn_into::<ArrayBuffer>().ok());
        let rows = match (buffer(ids), buffer(figures), buffer(days)) {
            (Some(ids), Some(figures), Some(days)) => {
                let ids = String::from_utf8(Uint8Array::new(&ids).to_vec()).map_err(|e| e.to_string());
                ids.and_then(|ids| {
                    decode_rows(
                        outcome.store_count,
                        &ids,
                        &Float64Array::new(&figures).to_vec(),
                        &Float32Array::new(&days).to_vec(),
                    )
                })
            }
            _ => Err("missing".to_string()),
        };
        let (
            Some(csv),
            Some(rejected),
            Some(outages),
            Some(daily),
            Some(ids_blob),
            Some(figures_blob),
            Some(days_blob),
            Ok(rows),
        ) = (
            blob(csv),
            blob(rejected),
            blob(outages),
            blob(daily),
            blob(ids_blob),
            blob(figures_blob),
            blob(days_blob),
            rows,
        )
        else {
            self.update_running(report_id, |state| {
                *state = JobState::Failed { reason: "the worker's result was incomplete".to_string() }
            });
            return;
        };
        outcome.rows = rows;
        let kept = KeptBlobs {
            csv: csv.clone(),
            rejected: rejected.clone(),
            outages: outages.clone(),
            daily: daily.clone(),
            ids: ids_blob,
            figures: figures_blob,
            days: days_blob,
        };
        let urls = [csv, rejected, outages, daily].map(ObjectUrl::from);
        let [csv_name, rejected_name, outages_name, daily_name] = FinishedReport::file_names(report_id);
        let report = Arc::new(FinishedReport {
            id: report_id,
            csv_url: urls[0].to_string(),
            csv_name,
            rejected_url: urls[1].to_string(),
            rejected_name,
            outages: Some(Download { url: urls[2].to_string(), name: outages_name }),
            daily: Some(Download { url: urls[3].to_string(), name: daily_name }),
            outcome,
        });
        self.parts.update_value(|parts| {
            parts.download_urls.insert(report_id, urls.into());
        });
        self.finished.update_value(|finished| {
            finished.insert(report_id, report.clone());
        });
        let state = *self;
        gloo::timers::callback::Timeout::new(0, move || state.show_completed(report, kept)).forget();
    }

    fn show_completed(&self, report: Arc<FinishedReport>, kept: KeptBlobs) {
        let report_id = report.id;
        let finished_at = now_ms();
        let mut completed = false;
        self.jobs.update(|jobs| {
            // A report cancelled meanwhile stays cancelled.
            if let Some(job) =
                jobs.iter_mut().find(|job| job.id == report_id && matches!(job.state, JobState::Running { .. }))
            {
                job.state = JobState::Complete {
                    total_ms: finished_at - job.requested_at,
                    run_ms: finished_at - job.started_at.unwrap_or(job.requested_at),
                };
                completed = true;
            }
        });
        if completed {
            self.keep_report(&report, kept);
            self.shown.set(Some(report));
            self.announce(format!("Report {report_id} complete"));
        } else {
            self.finished.update_value(|finished| {
                finished.remove(&report_id);
            });
            self.parts.update_value(|parts| {
                parts.download_urls.remove(&report_id);
            });
        }
        self.run_next();
    }

    /// The report worker failed (a panic, or memory exhausted): its job
    /// fails with the reason, and a fresh worker takes the queue.
    fn on_report_crash(&self, problem: String) {
        let running = self.jobs.with_untracked(|jobs| {
            jobs.iter().find(|job| matches!(job.state, JobState::Running { .. })).map(|job| job.id)
        });
        if let Some(report_id) = running {
            self.update_running(report_id, |state| {
                *state = JobState::Failed {
                    reason: format!(
                        "the calculation stopped: {problem} (if the files are very large, the browser may have run out of memory)"
                    ),
                }
            });
            self.announce(format!("Report {report_id} failed"));
        }
        self.timeline_lost();
        // The failing worker's handlers are still on the stack: replace it
        // once they have returned.
        let state = *self;
        gloo::timers::callback::Timeout::new(0, move || {
            state.start_report_worker();
            state.run_next();
        })
        .forget();
    }
}

impl AppState {
    /// Asks the report worker for a store's week in a report, with the
    /// report's files in case the worker no longer holds its data.
    pub fn explain_store(&self, report_id: u32, store_id: String) {
        self.timeline.set(Some(TimelineView { report_id, store_id: store_id.clone(), state: TimelineState::Loading }));
        let rebuild = self.finished.with_value(|finished| {
            finished.get(&report_id).map(|report| Rebuild {
                now_unix_nanos: report.outcome.now_unix_nanos,
                default_zone: report.outcome.default_zone.clone(),
                horizon_days: report.outcome.horizon_days,
            })
        });
        self.parts.update_value(|parts| {
            let files: Vec<JsValue> =
                parts.report_files.get(&report_id).into_iter().flatten().map(|(_, file)| file.clone().into()).collect();
            if let Some(worker) = parts.report_worker.as_mut() {
                worker.send(&Request::Timeline { report_id, store_id, rebuild }, &files);
            }
        });
    }

    fn timeline_arrived(&self, report_id: u32, store_id: &str, outcome: TimelineOutcome) {
        self.timeline.update(|view| {
            if let Some(view) = view.as_mut().filter(|view| view.report_id == report_id && view.store_id == store_id) {
                view.state = match outcome {
                    TimelineOutcome::Drawn(timeline) => TimelineState::Drawn(Arc::new(*timeline)),
                    TimelineOutcome::Unavailable { reason } => TimelineState::Unavailable(reason),
                };
            }
        });
    }

    /// The worker that was to answer was ended by a cancel: ask its successor.
    fn ask_timeline_again(&self) {
        let waiting = self.timeline.with_untracked(|view| {
            view.as_ref()
                .filter(|view| view.state == TimelineState::Loading)
                .map(|view| (view.report_id, view.store_id.clone()))
        });
        if let Some((report_id, store_id)) = waiting {
            self.explain_store(report_id, store_id);
        }
    }

    /// The worker that was to answer failed, perhaps for want of memory:
    /// asking again could fail the same way.
    fn timeline_lost(&self) {
        self.timeline.update(|view| {
            if let Some(view) = view.as_mut().filter(|view| view.state == TimelineState::Loading) {
                view.state = TimelineState::Unavailable(
                    "the calculation stopped before this store's week was drawn; try again, or generate the report again"
                        .to_string(),
                );
            }
        });
    }
}

/// Checks the report time the user typed; empty means the latest poll.
pub fn parse_now(text: &str) -> Result<(), String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(());
    }
    engine::parse_timestamp(text.as_bytes())
        .map(|_| ())
        .map_err(|error| format!("The report time cannot be read: {error}."))
}

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

pub fn describe_duration(ms: f64) -> String {
    if ms < 1000.0 { format!("{ms:.0} ms") } else { format!("{:.2} s", ms / 1000.0) }
}
