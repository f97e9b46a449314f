//! The report queue on the page ([`Queue`]): each click on Generate
//! becomes a job of the [`QueueMachine`], which runs one job at a time in
//! the data worker, from the files it parsed when they were given; the
//! finished reports and the report on screen; and the store timelines
//! asked of the same worker.

use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;

use gloo::file::ObjectUrl;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::finished::{FinishedReport, FirstBlobs, KeptBlobs};
use super::queue_machine::{DataWorkerCommands, JobState, QueueMachine, ReportJob};
use crate::app::inputs::files::{FileStatus, Inputs, ReportFiles};
use crate::app::settings::{Settings, parse_now, parse_target};
use crate::app::shell::{Shell, bring_to_top, focus_by_id, focus_is_within, now_ms};
use crate::app::workers::data::{DataEvent, DataWorker};
use crate::protocol::report_files::LaterFiles;
use crate::protocol::{
    OutageQuery, OutagesOutcome, Rebuild, Reply, ReportOutcome, ReportSettingsMessage, Request, TimelineOutcome,
};
use engine::FileKind;

/// What the browser owns for the queue: the files each report reads,
/// download URLs.
#[derive(Default)]
struct QueueParts {
    /// The files each report reads, from the click on Generate, kept while
    /// the report is, so that its data can be read again to explain a store.
    report_files: HashMap<u32, Vec<(u64, web_sys::File)>>,
    download_urls: HashMap<u32, Vec<ObjectUrl>>,
    /// The blobs of reports completed on this visit, for the storage to
    /// keep once their later downloads have arrived too.
    to_keep: HashMap<u32, FirstBlobs>,
}

/// The report queue, its worker, and the finished reports.
#[derive(Clone, Copy)]
pub struct Queue {
    machine: RwSignal<QueueMachine>,
    /// The report on screen.
    pub shown: RwSignal<Option<Arc<FinishedReport>>>,
    /// Complete reports by id, for showing one again.
    finished: StoredValue<HashMap<u32, Arc<FinishedReport>>>,
    /// The report just completed and shown whose table's first rows are
    /// on screen while the rest of it (the overview, outages and days, the
    /// table's other rows) is drawn in the next task: its state says so
    /// until then, so that "Complete" means everything is there.
    pub drawing: RwSignal<Option<u32>>,
    /// How many reports' later downloads have arrived: what the storage
    /// watches to keep a report once it has every file.
    downloads_arrived: RwSignal<u32>,
    parts: StoredValue<QueueParts, LocalStorage>,
    shell: Shell,
    settings: Settings,
    inputs: Inputs,
    data: DataWorker,
}

/// The data worker as the machine sees it.
struct Link<'a> {
    queue: Queue,
    parts: &'a mut QueueParts,
}

impl DataWorkerCommands for Link<'_> {
    fn start(&mut self, job: &ReportJob) {
        let report_id = job.id;
        let (file_keys, files) = files_of(self.parts, report_id);
        self.queue.data.send(&Request::Report { report_id, settings: job.settings.clone(), file_keys }, &files);
    }

    fn restart(&mut self) {
        self.queue.data.restart();
    }
}

/// The keys of a report's files, and their handles for a worker that no
/// longer holds their data.
fn files_of(parts: &QueueParts, report_id: u32) -> (Vec<u64>, Vec<JsValue>) {
    parts
        .report_files
        .get(&report_id)
        .into_iter()
        .flatten()
        .map(|(key, file)| (*key, JsValue::from(file.clone())))
        .unzip()
}

/// A report of an earlier visit, put back by the storage.
pub struct RestoredReport {
    pub job: ReportJob,
    pub report: Arc<FinishedReport>,
    pub urls: Vec<ObjectUrl>,
    pub files: Vec<(u64, web_sys::File)>,
}

impl Queue {
    /// The queue, listening to the data worker.
    pub fn new(shell: Shell, settings: Settings, inputs: Inputs, data: DataWorker) -> Queue {
        let queue = Queue {
            machine: RwSignal::new(QueueMachine::new()),
            shown: RwSignal::new(None),
            finished: StoredValue::new(HashMap::new()),
            downloads_arrived: RwSignal::new(0),
            drawing: RwSignal::new(None),
            parts: StoredValue::new_local(QueueParts::default()),
            shell,
            settings,
            inputs,
            data,
        };
        data.listen(Rc::new(move |event| match event {
            DataEvent::Reply(reply, attached) => queue.on_reply(reply.clone(), attached.to_vec()),
            DataEvent::Crashed(problem) => queue.on_crash(problem),
            // Only the queue restarts the worker, and its machine knows;
            // questions asked of the worker it ended hear so by their
            // futures (`Queue::timeline`, `Queue::outages`).
            DataEvent::Restarted => {}
        }));
        // "Try with sample data" shows the sample's report, not only its files.
        Effect::new(move |seen: Option<u32>| {
            let given = inputs.sample_given.get();
            if seen.is_some_and(|seen| seen != given) {
                untrack(|| queue.generate());
            }
            given
        });
        queue
    }

    /// Runs an event of the machine with the worker at hand.
    fn drive<R>(&self, event: impl FnOnce(&mut QueueMachine, &mut Link) -> R) -> Option<R> {
        let queue = *self;
        self.parts
            .try_update_value(|parts| self.machine.try_update(|machine| event(machine, &mut Link { queue, parts })))
            .flatten()
    }

    /// The jobs, in the order asked (tracked).
    pub fn with_jobs<R>(&self, read: impl FnOnce(&[ReportJob]) -> R) -> R {
        self.machine.with(|machine| read(machine.jobs()))
    }

    pub fn with_jobs_untracked<R>(&self, read: impl FnOnce(&[ReportJob]) -> R) -> R {
        self.machine.with_untracked(|machine| read(machine.jobs()))
    }

    /// Why a report cannot be generated now, if it cannot.
    pub fn generate_blocker(&self) -> Option<String> {
        if let Some(problem) = self.shell.fatal.get() {
            return Some(problem);
        }
        if self.inputs.held() {
            return Some("Putting back the files and reports of your last visit…".to_string());
        }
        // A file still being read may be a status file: the report waits
        // for it in the worker, which reads the files in the order given.
        let (inspecting, status_files) = self.inputs.files.with(|files| {
            (
                files.iter().any(|file| file.status == FileStatus::Inspecting),
                files.iter().filter(|file| file.kind() == Some(FileKind::StatusPolls)).count(),
            )
        });
        if status_files == 0 && !inspecting {
            return Some("Add a status polls file first: it is the one file a report needs.".to_string());
        }
        let now = self.settings.now.get();
        if let Err(problem) = parse_now(&now) {
            return Some(problem);
        }
        if let Err(problem) = parse_target(&self.settings.target.get()) {
            return Some(problem);
        }
        let keys: Vec<u64> = self.inputs.usable_files().iter().map(|(key, _, _)| *key).collect();
        let settings = self.settings_message();
        self.machine.with(|machine| {
            machine.unfinished_like(&keys, &settings).map(|job| {
                let state = if job.state == JobState::Queued { "queued" } else { "running" };
                format!("Report {} of these files with these settings is already {state}.", job.id)
            })
        })
    }

    /// The settings as a report takes them (tracked).
    fn settings_message(&self) -> ReportSettingsMessage {
        ReportSettingsMessage {
            now: Some(self.settings.now.get().trim().to_string()).filter(|now| !now.is_empty()),
            default_zone: self.settings.zone.get(),
            units: self.settings.units.get(),
            horizon_days: self.settings.horizon_days.get(),
            stale_after_minutes: self.settings.stale_after_minutes.get(),
            // A target that does not read blocks Generate (above).
            target: parse_target(&self.settings.target.get()).ok().flatten(),
        }
    }

    /// Queues a report of the files in the slots with the current settings.
    pub fn generate(&self) {
        if self.generate_blocker().is_some() {
            return;
        }
        // Every recognised file (or one still being read), in the order
        // given: within a kind, that is the order in which split parts are
        // combined.
        let id = self.queue_report(self.inputs.usable_files(), self.settings_message());
        // The button is disabled while this report is unfinished: the focus
        // goes to the report's card, with its progress and Cancel.
        focus_by_id(format!("report-card-{id}"));
    }

    /// Queues a report of these files (key, name, handle), in this order,
    /// with these settings; its id.
    pub fn queue_report(&self, used: ReportFiles, settings: ReportSettingsMessage) -> u32 {
        let requested_at = now_ms();
        let id = self.machine.with_untracked(QueueMachine::next_id);
        self.parts.update_value(|parts| {
            parts.report_files.insert(id, used.iter().map(|(key, _, file)| (*key, file.clone())).collect());
        });
        let keys = used.iter().map(|(key, _, _)| *key).collect();
        let names = used.into_iter().map(|(_, name, _)| name).collect();
        self.drive(|machine, link| machine.generate(keys, names, settings, requested_at, link));
        self.shell.announce(format!("Report {id} queued"));
        id
    }

    pub fn cancel(&self, id: u32) {
        self.drive(|machine, link| machine.cancel(id, now_ms(), link));
        self.parts.update_value(|parts| {
            parts.report_files.remove(&id);
        });
        self.shell.announce(format!("Report {id} cancelled"));
    }

    /// Forgets a finished report and frees its downloads.
    pub fn remove_report(&self, id: u32) {
        self.machine.update(|machine| {
            machine.remove(id);
        });
        self.finished.update_value(|finished| {
            finished.remove(&id);
        });
        if self.shown.with_untracked(|shown| shown.as_ref().is_some_and(|report| report.id == id)) {
            self.shown.set(None);
        }
        self.parts.update_value(|parts| {
            parts.download_urls.remove(&id);
            parts.report_files.remove(&id);
            parts.to_keep.remove(&id);
        });
    }

    pub fn show_report(&self, id: u32) {
        if let Some(report) = self.finished.with_value(|finished| finished.get(&id).cloned()) {
            self.shown.set(Some(report));
        }
    }

    /// Shows the latest report, if it is complete.
    pub fn show_latest(&self) {
        if let Some(latest) = self.with_jobs_untracked(|jobs| jobs.last().map(|job| job.id)) {
            self.show_report(latest);
        }
    }

    pub fn finished_report(&self, id: u32) -> Option<Arc<FinishedReport>> {
        self.finished.with_value(|finished| finished.get(&id).cloned())
    }

    /// The keys of the files the reports still need.
    pub fn needed_file_keys(&self) -> Vec<u64> {
        self.parts.with_value(|parts| parts.report_files.values().flatten().map(|(key, _)| *key).collect())
    }

    /// The keys of the files a report read.
    pub fn file_keys_of(&self, id: u32) -> Vec<u64> {
        self.parts.with_value(|parts| {
            parts.report_files.get(&id).map(|files| files.iter().map(|(key, _)| *key).collect()).unwrap_or_default()
        })
    }

    /// The blobs of a report completed on this visit, once, when its later
    /// downloads have arrived: what the storage keeps of it.
    pub fn take_blobs(&self, id: u32) -> Option<KeptBlobs> {
        let later = self.finished_report(id)?.later.with_untracked(|later| later.clone())?.ok()?;
        let first = self.parts.try_update_value(|parts| parts.to_keep.remove(&id)).flatten()?;
        first.with_later(&later)
    }

    /// Tracks the arrival of reports' later downloads (for the storage,
    /// which keeps a report once it has every file).
    pub fn track_downloads(&self) {
        self.downloads_arrived.track();
    }

    /// Puts back the reports of an earlier visit, before the current ones.
    pub fn put_back(&self, restored: Vec<RestoredReport>) {
        if restored.is_empty() {
            return;
        }
        let mut jobs = Vec::with_capacity(restored.len());
        for RestoredReport { job, report, urls, files } in restored {
            self.parts.update_value(|parts| {
                parts.report_files.insert(job.id, files);
                parts.download_urls.insert(job.id, urls);
            });
            self.finished.update_value(|finished| {
                finished.insert(job.id, report);
            });
            jobs.push(job);
        }
        // The newest report is the one on screen: its files are read now,
        // while it is looked at, rather than at the first click on a store.
        if let Some(newest) = jobs.iter().map(|job| job.id).max() {
            let (file_keys, files) = self.parts.with_value(|parts| files_of(parts, newest));
            if !files.is_empty() {
                self.data.send(&Request::Prepare { file_keys }, &files);
            }
        }
        self.machine.update(|machine| machine.put_back(jobs));
    }

    fn on_reply(&self, reply: Reply, attached: Vec<JsValue>) {
        match reply {
            Reply::Ready { .. } => {
                self.drive(|machine, link| machine.worker_ready(now_ms(), link));
            }
            Reply::Progress { report_id, stage, fraction } => {
                self.machine.update(|machine| machine.progress(report_id, stage, fraction));
            }
            Reply::Complete { report_id, outcome } => self.complete(report_id, *outcome, attached),
            Reply::Downloads { report_id, problem } => self.later_downloads(report_id, problem, attached),
            Reply::Failed { report_id, reason } => {
                self.drive(|machine, link| machine.failed(report_id, reason, now_ms(), link));
                self.parts.update_value(|parts| {
                    parts.report_files.remove(&report_id);
                });
                self.shell.announce(format!("Report {report_id} failed"));
            }
            // Asked and awaited (`Queue::timeline`, `Queue::outages`): they
            // come back to who asked, not here.
            Reply::Timeline { .. }
            | Reply::Outages { .. }
            | Reply::Preview { .. }
            | Reply::Sample { .. }
            | Reply::Example { .. }
            | Reply::PartRead { .. }
            | Reply::Archive { .. }
            | Reply::PartWorkersReady => {}
        }
    }

    /// A report arrived: its rows are decoded now, and it is shown in the
    /// next task, so that the browser can paint a frame between the two
    /// (with 140,000 stores, each takes a few tens of milliseconds).
    fn complete(&self, report_id: u32, outcome: ReportOutcome, attached: Vec<JsValue>) {
        let (report, urls, kept) = match FinishedReport::from_reply(report_id, outcome, attached) {
            Ok(finished) => finished,
            Err(problem) => {
                let reason = format!("the worker's result could not be read: {problem}");
                web_sys::console::error_1(&format!("report {report_id}: {reason}").into());
                self.drive(|machine, link| machine.failed(report_id, reason, now_ms(), link));
                return;
            }
        };
        let report = Arc::new(report);
        self.parts.update_value(|parts| {
            parts.download_urls.insert(report_id, urls.into());
        });
        self.finished.update_value(|finished| {
            finished.insert(report_id, report.clone());
        });
        let queue = *self;
        gloo::timers::callback::Timeout::new(0, move || queue.show_completed(report, kept)).forget();
    }

    /// A report's later downloads arrived (after its `Complete`): offered
    /// from now on, and kept with it. A report cancelled meanwhile is no
    /// longer among the finished ones, and they are dropped.
    fn later_downloads(&self, report_id: u32, problem: Option<String>, attached: Vec<JsValue>) {
        let Some(report) = self.finished_report(report_id) else { return };
        let files = match problem {
            Some(problem) => Err(problem),
            None => LaterFiles::from_vec(attached),
        };
        match files {
            Ok(files) => {
                let urls = report.later_arrived(files);
                self.parts.update_value(|parts| parts.download_urls.entry(report_id).or_default().extend(urls));
            }
            Err(problem) => {
                web_sys::console::error_1(&format!("report {report_id}: its CSV files: {problem}").into());
                report.later.set(Some(Err(problem)));
            }
        }
        self.downloads_arrived.update(|count| *count += 1);
    }

    fn show_completed(&self, report: Arc<FinishedReport>, kept: FirstBlobs) {
        let report_id = report.id;
        // A report cancelled meanwhile stays cancelled.
        let completed = self.drive(|machine, link| machine.complete(report_id, now_ms(), link)).unwrap_or(false);
        if completed {
            self.parts.update_value(|parts| {
                parts.to_keep.insert(report_id, kept);
            });
            self.drawing.set(Some(report_id));
            self.shown.set(Some(report));
            self.shell.announce(format!("Report {report_id} complete"));
            // The answer in view: the report's heading at the top of the
            // window, with the focus, unless the user has moved the focus
            // on meanwhile (it is on the page, Generate, or the report's
            // card, which shows its progress).
            let card = format!("report-card-{report_id}");
            if focus_is_within(&["generate", &card]) {
                bring_to_top(format!("report-{report_id}-heading"));
            }
        } else {
            self.finished.update_value(|finished| {
                finished.remove(&report_id);
            });
            self.parts.update_value(|parts| {
                parts.download_urls.remove(&report_id);
            });
        }
    }

    /// Report `id`'s view has drawn everything (see [`Queue::drawing`]).
    pub fn drawn(&self, id: u32) {
        if self.drawing.get_untracked() == Some(id) {
            self.drawing.set(None);
        }
    }

    /// The data worker failed (a panic, or memory exhausted): its job
    /// fails with the reason, and a fresh worker takes the queue.
    fn on_crash(&self, problem: &str) {
        let failed = self.drive(|machine, link| machine.worker_crashed(problem, link)).flatten();
        if let Some(report_id) = failed {
            self.shell.announce(format!("Report {report_id} failed"));
        }
    }

    /// A store's week in a report, asked of the data worker with the
    /// report's files in case it no longer holds their data.
    pub fn timeline(&self, report_id: u32, store_id: String) -> impl Future<Output = TimelineOutcome> + use<> {
        let rebuild = self.rebuild(report_id);
        let (file_keys, files) = self.parts.with_value(|parts| files_of(parts, report_id));
        let answer = self.data.ask(&Request::Timeline { report_id, store_id, rebuild, file_keys }, &files);
        async move {
            match answer.await {
                Ok((Reply::Timeline { outcome, .. }, _)) => outcome,
                Ok(_) => TimelineOutcome::Unavailable { reason: ANSWERED_ELSE.to_string() },
                // The worker failed, perhaps for want of memory, or was
                // ended: asking again could fail the same way.
                Err(_) => TimelineOutcome::Unavailable {
                    reason: "the calculation stopped before this store's week was drawn; try again, or generate the report again"
                        .to_string(),
                },
            }
        }
    }

    /// A page of a report's outage list, asked of the data worker with the
    /// report's files in case it no longer holds their data.
    pub fn outages(&self, report_id: u32, query: OutageQuery) -> impl Future<Output = OutagesOutcome> + use<> {
        let rebuild = self.rebuild(report_id);
        let (file_keys, files) = self.parts.with_value(|parts| files_of(parts, report_id));
        let answer = self.data.ask(&Request::Outages { report_id, query, rebuild, file_keys }, &files);
        async move {
            match answer.await {
                Ok((Reply::Outages { outcome, .. }, _)) => outcome,
                Ok(_) => OutagesOutcome::Unavailable { reason: ANSWERED_ELSE.to_string() },
                Err(_) => OutagesOutcome::Unavailable {
                    reason: "the calculation stopped before this list was made; try again".to_string(),
                },
            }
        }
    }

    /// What the worker needs to compute report `report_id` again.
    fn rebuild(&self, report_id: u32) -> Option<Rebuild> {
        self.finished.with_value(|finished| {
            finished.get(&report_id).map(|report| Rebuild {
                now_unix_nanos: report.outcome.now_unix_nanos,
                default_zone: report.outcome.default_zone.clone(),
                horizon_days: report.outcome.horizon_days,
            })
        })
    }
}

/// A worker that answers a question with another kind of reply (a bug).
const ANSWERED_ELSE: &str = "the worker answered another question";
