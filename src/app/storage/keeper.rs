//! What the page keeps in the browser (IndexedDB) so that a reload or an
//! accidental close loses nothing: every file given (its bytes, as the
//! browser's own copy of the `File`, with its preview), the order of the
//! files in their slots, and every complete report (its summary, its CSV,
//! its rejected rows' CSV and its rows). A file leaves the storage when it
//! is in no slot and no kept report read it. The settings, being small,
//! are kept in localStorage. Nothing leaves the browser.
//!
//! The storage is an observer: effects watch the files, the settings and
//! the reports, and write what changed. Nothing else calls into it.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::IdbDatabase;

use super::idb::{self, FILES, META, REPORTS, StoreError};
use super::keep_plan::{NotKept, files_to_keep, reports_to_forget, reports_to_keep, unneeded_files};
use super::records::{
    KeptSettings, SETTINGS_KEY, SLOTS_KEY, StoredFile, StoredJob, StoredReportRef, StoredStatus, UNFINISHED_KEY,
    UnfinishedJob, record,
};
use super::restore::{Restored, describe, restore_from};
use crate::app::inputs::files::{FileStatus, Inputs, ReportFiles};
use crate::app::queue::finished::KeptBlobs;
use crate::app::queue::queue_machine::JobState;
use crate::app::queue::report_queue::Queue;
use crate::app::report::timeline::route::Timeline;
use crate::app::settings::Settings;
use crate::app::shell::Shell;
use crate::app::shell::address;
use crate::app::shell::format::format_bytes;
use crate::protocol::link::describe_js;

/// What the page says about its storage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoredSummary {
    pub state: StorageState,
    pub files: usize,
    pub reports: usize,
    pub bytes: f64,
    /// Writes not yet on disk.
    pub saving: usize,
    /// What the browser allows this page, if it says.
    pub quota: Option<f64>,
    /// What the browser would not keep, in the order refused, and why:
    /// the storage is full, or another reason (the latest).
    pub not_kept: NotKept,
}

impl StoredSummary {
    /// What the browser would not keep, and why, in a sentence.
    pub fn problem(&self) -> Option<String> {
        let why = self.not_kept.why.as_ref()?;
        let what = self.not_kept.what.join(", ");
        Some(match why {
            StoreError::Full => format!(
                "This browser would not keep {what}: the storage it gives this page is full. \
                 Everything stays on this page until it is closed or reloaded; removing old reports or files makes room."
            ),
            StoreError::Other(reason) => format!(
                "This browser would not keep {what} ({reason}). Everything stays on this page until it is closed or reloaded."
            ),
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub enum StorageState {
    /// Reading what an earlier visit kept.
    #[default]
    Restoring,
    Ready,
    /// The browser keeps nothing for this page (no IndexedDB, or it failed).
    Unavailable(String),
}

/// The page's side of what is stored: sizes by key, for the summary and
/// for deciding what to write and delete.
#[derive(Default)]
pub struct StoredIndex {
    pub database: Option<IdbDatabase>,
    pub files: HashMap<u64, f64>,
    pub reports: HashMap<u32, f64>,
    /// Files written or being written, by key.
    pub kept_files: HashSet<u64>,
    /// Reports written or being written, by id.
    pub kept_reports: HashSet<u32>,
    /// The slots' order as last written.
    pub slots: Vec<u64>,
    /// The latest order of the slots could not be written: it is written
    /// again after the next write that succeeds.
    pub slots_unwritten: bool,
    /// The browser refused a Blob in the storage and took its bytes: later
    /// records go in as bytes at once.
    pub blobs_refused: bool,
    /// The files of the reports a reload stopped, by report id, while the
    /// page offers to run them again.
    pub interrupted_files: HashMap<u32, ReportFiles>,
}

/// A report that a reload (or a closed tab) stopped before it finished.
#[derive(Clone, Debug, PartialEq)]
pub struct InterruptedReport {
    pub job: UnfinishedJob,
    /// Every file it read is still kept, so it can run again.
    pub can_run: bool,
}

const SLOTS_WHAT: &str = "the order of the files";

/// What the browser keeps for the page, and what the page says about it.
#[derive(Clone, Copy)]
pub struct Storage {
    /// What is kept in the browser's storage.
    pub stored: RwSignal<StoredSummary>,
    /// The reports the last reload stopped, until run again or dismissed.
    pub interrupted: RwSignal<Vec<InterruptedReport>>,
    index: StoredValue<StoredIndex, LocalStorage>,
    shell: Shell,
    settings: Settings,
    inputs: Inputs,
    queue: Queue,
    timeline: Timeline,
}

impl Storage {
    /// Puts back the settings at once, and the files and reports of an
    /// earlier visit as soon as they are read (files given meanwhile
    /// wait); then keeps what changes.
    pub fn start(shell: Shell, settings: Settings, inputs: Inputs, queue: Queue, timeline: Timeline) -> Storage {
        let storage = Storage {
            stored: RwSignal::new(StoredSummary::default()),
            interrupted: RwSignal::new(Vec::new()),
            index: StoredValue::new_local(StoredIndex::default()),
            shell,
            settings,
            inputs,
            queue,
            timeline,
        };
        storage.remember_settings();
        inputs.hold();
        storage.restore(read_local(UNFINISHED_KEY).unwrap_or_default());
        storage
    }

    /// Puts back the settings of the last visit, and keeps them as they change.
    fn remember_settings(&self) {
        let settings = self.settings;
        if let Some(kept) = read_local::<KeptSettings>(SETTINGS_KEY) {
            settings.now.set(kept.now);
            settings.zone.set(kept.zone);
            settings.units.set(kept.units);
            settings.horizon_days.set(kept.horizon_days);
            settings.stale_after_minutes.set(kept.stale_after_minutes);
            settings.hours_format.set(kept.hours_format);
            settings.target.set(kept.target);
        }
        // A link's target wins over the one kept from the last visit: the
        // link's figures were made against it.
        if let Some(target) = crate::app::settings::target_from_pairs(&address::current_pairs()) {
            settings.target.set(target);
        }
        Effect::new(move |_| {
            let change = crate::app::settings::target_to_change(&settings.target.get());
            address::change(&[(crate::app::settings::TARGET_IN_ADDRESS, change)], false);
        });
        Effect::new(move |_| {
            let kept = KeptSettings {
                now: settings.now.get(),
                zone: settings.zone.get(),
                units: settings.units.get(),
                horizon_days: settings.horizon_days.get(),
                stale_after_minutes: settings.stale_after_minutes.get(),
                hours_format: settings.hours_format.get(),
                target: settings.target.get(),
            };
            write_local(SETTINGS_KEY, Some(&kept));
        });
    }

    /// Opens the storage, puts back what an earlier visit kept, then
    /// watches the files and reports.
    fn restore(&self, unfinished: Vec<UnfinishedJob>) {
        let storage = *self;
        let owner = Owner::current();
        spawn_local(async move {
            match idb::open().await {
                Ok(Some(database)) => {
                    let restored = restore_from(&database, unfinished).await;
                    storage.index.update_value(|index| index.database = Some(database));
                    match restored {
                        Ok(restored) => {
                            storage.put_back(restored);
                            storage.stored.update(|stored| stored.state = StorageState::Ready);
                        }
                        Err(problem) => storage.unavailable(format!("what was kept could not be read ({problem})")),
                    }
                    ask_to_persist();
                    storage.estimate_quota();
                }
                Ok(None) => storage.unavailable("this browser offers no storage to this page".to_string()),
                Err(problem) => storage.unavailable(describe(&problem)),
            }
            match owner {
                Some(owner) => owner.with(|| storage.watch()),
                None => storage.watch(),
            }
            storage.inputs.release();
            storage.queue.show_latest();
        });
    }

    fn put_back(&self, restored: Restored) {
        let Restored { inputs, next_file_key, reports, slots, file_sizes, report_sizes, interrupted } = restored;
        let mut interrupted_files = HashMap::new();
        let interrupted: Vec<InterruptedReport> = interrupted
            .into_iter()
            .map(|(job, files)| {
                let can_run = files.is_some();
                if let Some(files) = files {
                    interrupted_files.insert(job.id, files);
                }
                InterruptedReport { job, can_run }
            })
            .collect();
        self.interrupted.set(interrupted);
        self.index.update_value(|index| {
            index.interrupted_files = interrupted_files;
            index.kept_files = file_sizes.keys().copied().collect();
            index.kept_reports = report_sizes.keys().copied().collect();
            index.slots = slots;
            index.files = file_sizes;
            index.reports = report_sizes;
        });
        self.inputs.put_back(inputs, next_file_key);
        self.queue.put_back(reports);
        self.refresh_summary();
    }

    fn unavailable(&self, reason: String) {
        self.stored.update(|stored| stored.state = StorageState::Unavailable(reason));
    }

    /// The observer: writes the files, their order and the reports as they
    /// change, and deletes what nothing needs any more.
    fn watch(&self) {
        let storage = *self;
        // The reports not finished, and those a reload stopped that still
        // wait for an answer: what the next visit says was stopped.
        Effect::new(move |_| {
            let mut unfinished: Vec<UnfinishedJob> =
                storage.interrupted.with(|interrupted| interrupted.iter().map(|report| report.job.clone()).collect());
            storage.queue.with_jobs(|jobs| {
                unfinished.extend(jobs.iter().filter(|job| !job.state.is_finished()).map(|job| UnfinishedJob {
                    id: job.id,
                    running: matches!(job.state, JobState::Running { .. }),
                    file_names: job.file_names.clone(),
                    file_keys: job.file_keys.clone(),
                    settings: job.settings.clone(),
                }))
            });
            // None left: no entry.
            write_local(UNFINISHED_KEY, (!unfinished.is_empty()).then_some(&unfinished));
        });
        Effect::new(move |_| {
            let (files, slots) = storage.inputs.files.with(|files| {
                let keepable =
                    |status: &FileStatus| matches!(status, FileStatus::Recognised(_) | FileStatus::Refused(_));
                let files: Vec<(u64, bool)> = files.iter().map(|file| (file.key, keepable(&file.status))).collect();
                let slots: Vec<u64> = files.iter().map(|(key, _)| *key).collect();
                (files, slots)
            });
            for key in storage.index.with_value(|index| files_to_keep(&files, &index.kept_files)) {
                storage.keep_file(key);
            }
            if storage.index.with_value(|index| index.slots != slots) {
                storage.keep_slots(slots);
            }
            storage.forget_unneeded_files();
        });
        Effect::new(move |_| {
            // A report is kept once its later downloads have arrived too.
            storage.queue.track_downloads();
            let (complete, present) = storage.queue.with_jobs(|jobs| {
                let complete: Vec<u32> = jobs
                    .iter()
                    .filter(|job| matches!(job.state, JobState::Complete { .. }))
                    .map(|job| job.id)
                    .collect();
                (complete, jobs.iter().map(|job| job.id).collect::<HashSet<u32>>())
            });
            for id in storage.index.with_value(|index| reports_to_keep(&complete, &index.kept_reports)) {
                if let Some(blobs) = storage.queue.take_blobs(id) {
                    storage.keep_report(id, blobs);
                }
            }
            for id in storage.index.with_value(|index| reports_to_forget(&index.kept_reports, &present)) {
                storage.forget_stored_report(id);
            }
            storage.forget_unneeded_files();
        });
    }

    /// Keeps a file once its preview is known (its kind, or why it cannot
    /// be used).
    fn keep_file(&self, key: u64) {
        let Some(file) = self.inputs.handle(key) else { return };
        let Some(input) = self.inputs.files.with_untracked(|files| files.iter().find(|file| file.key == key).cloned())
        else {
            return;
        };
        let status = match input.status {
            FileStatus::Recognised(preview) => StoredStatus::Recognised(preview),
            FileStatus::Refused(problem) => StoredStatus::Refused(problem),
            FileStatus::Inspecting | FileStatus::Unreadable(_) | FileStatus::Skipped(_) => return,
        };
        let Ok(json) = serde_json::to_string(&StoredFile { name: input.name.clone(), status }) else { return };
        self.index.update_value(|index| {
            index.kept_files.insert(key);
        });
        let size = file.size();
        let what = format!("{} ({})", input.name, format_bytes(size));
        self.write(what, move |storage, database| async move {
            let blobs = [("file", web_sys::Blob::from(file))];
            put_with_blobs(storage, &database, FILES, JsValue::from(key as f64), &json, &blobs).await?;
            storage.index.update_value(|index| {
                index.files.insert(key, size);
            });
            Ok(())
        });
    }

    /// Keeps the order of the files in their slots.
    fn keep_slots(&self, keys: Vec<u64>) {
        let Ok(json) = serde_json::to_string(&keys) else { return };
        let record = record(JsValue::from_str(SLOTS_KEY), &json, &[]);
        self.index.update_value(|index| {
            index.slots_unwritten = false;
            index.slots = keys;
        });
        self.write(SLOTS_WHAT.to_string(), move |storage, database| async move {
            let written = idb::put(&database, META, &[record]).await;
            if written.is_err() {
                storage.index.update_value(|index| index.slots_unwritten = true);
            }
            written
        });
    }

    /// Keeps a complete report: its summary, its CSV files and its rows.
    fn keep_report(&self, id: u32, blobs: KeptBlobs) {
        let Some(job) = self.queue.with_jobs_untracked(|jobs| jobs.iter().find(|job| job.id == id).cloned()) else {
            return;
        };
        let JobState::Complete { total_ms, run_ms } = job.state else { return };
        let Some(report) = self.queue.finished_report(id) else { return };
        let file_keys = self.queue.file_keys_of(id);
        let stored = StoredJob { file_names: job.file_names, file_keys, settings: job.settings, total_ms, run_ms };
        let Ok(json) = serde_json::to_string(&StoredReportRef { job: &stored, outcome: &report.outcome }) else {
            return;
        };
        self.index.update_value(|index| {
            index.kept_reports.insert(id);
        });
        let KeptBlobs { csv, rejected, outages, daily, extended, ids, figures, days, scorecard, rollup } = blobs;
        let blobs = [
            ("csv", csv),
            ("rejected", rejected),
            ("outages", outages),
            ("daily", daily),
            ("extended", extended),
            ("ids", ids),
            ("figures", figures),
            ("days", days),
            ("scorecard", scorecard),
            ("rollup", rollup),
        ];
        let size = json.len() as f64 + blobs.iter().map(|(_, blob)| blob.size()).sum::<f64>();
        self.write(format!("report {id} ({})", format_bytes(size)), move |storage, database| async move {
            put_with_blobs(storage, &database, REPORTS, JsValue::from(id), &json, &blobs).await?;
            storage.index.update_value(|index| {
                index.reports.insert(id, size);
            });
            Ok(())
        });
    }

    fn forget_stored_report(&self, id: u32) {
        self.index.update_value(|index| {
            index.kept_reports.remove(&id);
        });
        self.write(format!("the removal of report {id}"), move |storage, database| async move {
            idb::delete(&database, REPORTS, &[JsValue::from(id)]).await?;
            storage.index.update_value(|index| {
                index.reports.remove(&id);
            });
            Ok(())
        });
    }

    /// Deletes the kept files that no slot holds and no report read.
    fn forget_unneeded_files(&self) {
        let mut needed: HashSet<u64> =
            self.inputs.files.with_untracked(|files| files.iter().map(|file| file.key).collect());
        needed.extend(self.queue.needed_file_keys());
        needed.extend(self.index.with_value(|index| {
            index.interrupted_files.values().flatten().map(|(key, _, _)| *key).collect::<Vec<u64>>()
        }));
        // Written, or being written: a delete follows a write of the same
        // record on the same database.
        let unneeded: Vec<u64> = self
            .index
            .try_update_value(|index| {
                let kept: HashSet<u64> = index.kept_files.iter().chain(index.files.keys()).copied().collect();
                let unneeded = unneeded_files(&kept, &needed);
                for key in &unneeded {
                    index.kept_files.remove(key);
                }
                unneeded
            })
            .unwrap_or_default();
        if unneeded.is_empty() {
            return;
        }
        let keys: Vec<JsValue> = unneeded.iter().map(|key| JsValue::from(*key as f64)).collect();
        self.write("the removal of files".to_string(), move |storage, database| async move {
            idb::delete(&database, FILES, &keys).await?;
            storage.index.update_value(|index| index.files.retain(|key, _| !unneeded.contains(key)));
            Ok(())
        });
    }

    /// Queues again each stopped report whose files are still kept, with
    /// its own settings and files.
    pub fn run_interrupted_again(&self) {
        let mut files =
            self.index.try_update_value(|index| std::mem::take(&mut index.interrupted_files)).unwrap_or_default();
        let stopped = self.interrupted.try_update(std::mem::take).unwrap_or_default();
        let mut queued = 0;
        for report in stopped {
            if let Some(files) = files.remove(&report.job.id) {
                self.queue.queue_report(files, report.job.settings);
                queued += 1;
            }
        }
        self.shell.announce(format!("{queued} stopped report{} queued again", if queued == 1 { "" } else { "s" }));
        self.forget_unneeded_files();
    }

    /// Lets the stopped reports go (their files, if nothing else needs
    /// them, too).
    pub fn dismiss_interrupted(&self) {
        self.interrupted.set(Vec::new());
        self.index.update_value(|index| index.interrupted_files.clear());
        self.forget_unneeded_files();
    }

    /// Forgets every stored file and report, and clears them from the page.
    pub fn forget_everything(&self) {
        self.dismiss_interrupted();
        for id in self.queue.with_jobs_untracked(|jobs| {
            jobs.iter().filter(|job| job.state.is_finished()).map(|job| job.id).collect::<Vec<_>>()
        }) {
            self.queue.remove_report(id);
        }
        for key in self.inputs.files.with_untracked(|files| files.iter().map(|file| file.key).collect::<Vec<_>>()) {
            self.inputs.remove_file(key);
        }
        self.timeline.close_store();
        self.index.update_value(|index| {
            index.kept_files.clear();
            index.kept_reports.clear();
            index.slots.clear();
        });
        self.write("the forgetting".to_string(), move |storage, database| async move {
            idb::clear(&database).await?;
            storage.index.update_value(|index| {
                index.files.clear();
                index.reports.clear();
            });
            Ok(())
        });
        self.stored.update(|stored| stored.not_kept = NotKept::default());
        self.shell.announce("Stored files and reports forgotten");
    }

    /// Runs a write, counting it while it runs; a failure is told on the
    /// page and nothing else changes: the page goes on working.
    fn write<F, W>(&self, what: String, work: W)
    where
        F: std::future::Future<Output = Result<(), StoreError>> + 'static,
        W: FnOnce(Storage, IdbDatabase) -> F + 'static,
    {
        let Some(database) = self.index.with_value(|index| index.database.clone()) else { return };
        let storage = *self;
        storage.stored.update(|stored| stored.saving += 1);
        spawn_local(async move {
            let outcome = work(storage, database).await;
            let succeeded = outcome.is_ok();
            storage.stored.update(|stored| {
                stored.saving -= 1;
                stored.not_kept.written(&what, outcome);
            });
            // A small record can fail only because a large one was being
            // written at the same time: try it again now that one worked.
            if succeeded && storage.index.with_value(|index| index.slots_unwritten) {
                let slots = storage.inputs.files.with_untracked(|files| files.iter().map(|file| file.key).collect());
                storage.keep_slots(slots);
            }
            storage.refresh_summary();
        });
    }

    fn refresh_summary(&self) {
        let (files, reports, bytes) = self.index.with_value(|index| {
            (index.files.len(), index.reports.len(), index.files.values().chain(index.reports.values()).sum::<f64>())
        });
        self.stored.update(|stored| {
            stored.files = files;
            stored.reports = reports;
            stored.bytes = bytes;
        });
    }

    fn estimate_quota(&self) {
        let storage = *self;
        spawn_local(async move {
            let Ok(promise) = window().navigator().storage().estimate() else { return };
            let Ok(estimate) = JsFuture::from(promise).await else { return };
            let quota = estimate.unchecked_into::<web_sys::StorageEstimate>().get_quota();
            storage.stored.update(|stored| stored.quota = quota);
        });
    }
}

/// Asks the browser not to clear the storage when space runs low; it may
/// say no, and nothing changes then.
fn ask_to_persist() {
    if let Ok(promise) = window().navigator().storage().persist() {
        spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// Writes a record with its blobs. Some browsers refuse a Blob or File in
/// IndexedDB (WebKit's automation profile: "Error preparing Blob/File data
/// to be stored"; possibly private windows): then the same record goes in
/// with the blobs' bytes (ArrayBuffers), which every browser keeps. A full
/// storage is not tried again.
async fn put_with_blobs(
    storage: Storage,
    database: &IdbDatabase,
    store: &str,
    key: JsValue,
    json: &str,
    blobs: &[(&str, web_sys::Blob)],
) -> Result<(), StoreError> {
    let refused_before = storage.index.with_value(|index| index.blobs_refused);
    if !refused_before {
        let as_blobs: Vec<(&str, JsValue)> = blobs.iter().map(|(name, blob)| (*name, blob.into())).collect();
        match idb::put(database, store, &[record(key.clone(), json, &as_blobs)]).await {
            Err(StoreError::Other(_)) => {}
            written => return written,
        }
    }
    let mut as_bytes = Vec::with_capacity(blobs.len());
    for (name, blob) in blobs {
        let buffer = JsFuture::from(blob.array_buffer()).await.map_err(|e| StoreError::Other(describe_js(&e)))?;
        as_bytes.push((*name, buffer));
    }
    idb::put(database, store, &[record(key, json, &as_bytes)]).await?;
    if !refused_before {
        storage.index.update_value(|index| index.blobs_refused = true);
    }
    Ok(())
}

/// What localStorage keeps under `key`, if it reads as a `T`.
fn read_local<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    let json = window().local_storage().ok().flatten()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&json).ok()
}

/// Keeps `value` in localStorage under `key`; `None` removes the entry. A
/// browser that refuses (a full or disabled storage) just forgets it.
fn write_local<T: serde::Serialize>(key: &str, value: Option<&T>) {
    let Some(storage) = window().local_storage().ok().flatten() else { return };
    match value.map(serde_json::to_string) {
        None => {
            let _ = storage.remove_item(key);
        }
        Some(Ok(json)) => {
            let _ = storage.set_item(key, &json);
        }
        Some(Err(_)) => {}
    }
}
