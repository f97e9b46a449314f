//! What the page keeps in the browser (IndexedDB) so that a reload or an
//! accidental close loses nothing: every file given (its bytes, as the
//! browser's own copy of the `File`, with its preview), the order of the
//! files in their slots, and every complete report (its summary, its CSV,
//! its rejected rows' CSV and its rows). A file leaves the storage when it
//! is in no slot and no kept report read it. The settings, being small,
//! are kept in localStorage. Nothing leaves the browser.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use gloo::file::{Blob, ObjectUrl};
use js_sys::{ArrayBuffer, Float32Array, Float64Array, Reflect, Uint8Array};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::IdbDatabase;

use super::format::format_bytes;
use super::idb::{self, FILES, META, REPORTS, StoreError};
use super::state::{AppState, Download, FileStatus, FinishedReport, InputFile, JobState, KeptBlobs, ReportJob};
use crate::protocol::{FilePreviewMessage, ReportOutcome, ReportSettingsMessage, decode_rows};

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
    /// What the browser would not keep, in the order refused.
    pub not_kept: Vec<String>,
    /// Why: the storage is full, or another reason (the latest).
    pub why_not: Option<StoreError>,
}

impl StoredSummary {
    /// What the browser would not keep, and why, in a sentence.
    pub fn problem(&self) -> Option<String> {
        let why = self.why_not.as_ref()?;
        let what = self.not_kept.join(", ");
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
/// for deciding what to delete.
#[derive(Default)]
pub struct StoredIndex {
    pub database: Option<IdbDatabase>,
    pub files: HashMap<u64, f64>,
    pub reports: HashMap<u32, f64>,
    /// Files given while an earlier visit's files were being restored.
    pub waiting: Vec<web_sys::File>,
    /// The latest order of the slots could not be written: it is written
    /// again after the next write that succeeds.
    pub slots_unwritten: bool,
    /// The browser refused a Blob in the storage and took its bytes: later
    /// records go in as bytes at once.
    pub blobs_refused: bool,
}

#[derive(Serialize, Deserialize)]
enum StoredStatus {
    Recognised(FilePreviewMessage),
    Refused(String),
}

#[derive(Serialize, Deserialize)]
struct StoredFile {
    name: String,
    status: StoredStatus,
}

/// A report as kept, beside its CSV files and rows (which are blobs).
#[derive(Deserialize)]
struct StoredReport {
    #[serde(flatten)]
    job: StoredJob,
    outcome: ReportOutcome,
}

/// The same, as written: the outcome is borrowed, since its rows (which
/// JSON skips) would be a costly copy.
#[derive(Serialize)]
struct StoredReportRef<'a> {
    #[serde(flatten)]
    job: &'a StoredJob,
    outcome: &'a ReportOutcome,
}

#[derive(Serialize, Deserialize)]
struct StoredJob {
    file_names: Vec<String>,
    file_keys: Vec<u64>,
    settings: ReportSettingsMessage,
    total_ms: f64,
    run_ms: f64,
}

/// The settings' key in localStorage.
const SETTINGS_KEY: &str = "store-uptime-settings";

/// The settings as kept.
#[derive(Serialize, Deserialize)]
struct KeptSettings {
    now: String,
    zone: String,
    units: engine::Units,
    #[serde(default = "crate::protocol::default_horizon_days")]
    horizon_days: u32,
}

const SLOTS_KEY: &str = "slots";
const SLOTS_WHAT: &str = "the order of the files";

impl AppState {
    /// Puts back the settings of the last visit, and keeps them as they change.
    pub(super) fn remember_settings(&self) {
        let settings = self.settings;
        let storage = window().local_storage().ok().flatten();
        let kept = storage
            .as_ref()
            .and_then(|storage| storage.get_item(SETTINGS_KEY).ok().flatten())
            .and_then(|json| serde_json::from_str::<KeptSettings>(&json).ok());
        if let Some(kept) = kept {
            settings.now.set(kept.now);
            settings.zone.set(kept.zone);
            settings.units.set(kept.units);
            settings.horizon_days.set(kept.horizon_days);
        }
        Effect::new(move |_| {
            let kept = KeptSettings {
                now: settings.now.get(),
                zone: settings.zone.get(),
                units: settings.units.get(),
                horizon_days: settings.horizon_days.get(),
            };
            // A browser that refuses (a full or disabled storage) just forgets them.
            if let (Some(storage), Ok(json)) = (storage.as_ref(), serde_json::to_string(&kept)) {
                let _ = storage.set_item(SETTINGS_KEY, &json);
            }
        });
    }

    /// Opens the storage and puts back what an earlier visit kept.
    pub(super) fn restore(&self) {
        let state = *self;
        spawn_local(async move {
            match idb::open().await {
                Ok(Some(database)) => {
                    let restored = state.restore_from(&database).await;
                    state.stored_index.update_value(|index| index.database = Some(database));
                    match restored {
                        Ok(()) => state.stored.update(|stored| stored.state = StorageState::Ready),
                        Err(problem) => {
                            state.storage_unavailable(format!("what was kept could not be read ({problem})"))
                        }
                    }
                    ask_to_persist();
                    state.estimate_quota();
                }
                Ok(None) => state.storage_unavailable("this browser offers no storage to this page".to_string()),
                Err(problem) => state.storage_unavailable(describe(&problem)),
            }
            let waiting = state.stored_index.try_update_value(|index| std::mem::take(&mut index.waiting));
            state.add_files(waiting.unwrap_or_default());
            if let Some(latest) = state.jobs.with_untracked(|jobs| jobs.last().map(|job| job.id)) {
                state.show_report(latest);
            }
        });
    }

    fn storage_unavailable(&self, reason: String) {
        self.stored.update(|stored| stored.state = StorageState::Unavailable(reason));
    }

    /// True while an earlier visit's files and reports are being put back:
    /// files given meanwhile wait for it, so that keys stay unique.
    pub fn restoring(&self) -> bool {
        self.stored.with_untracked(|stored| stored.state == StorageState::Restoring)
    }

    pub(super) fn wait_for_restore(&self, files: Vec<web_sys::File>) {
        self.stored_index.update_value(|index| index.waiting.extend(files));
    }

    async fn restore_from(&self, database: &IdbDatabase) -> Result<(), String> {
        let files = idb::get_all(database, FILES).await.map_err(|e| describe(&e))?;
        let reports = idb::get_all(database, REPORTS).await.map_err(|e| describe(&e))?;
        let meta = idb::get_all(database, META).await.map_err(|e| describe(&e))?;
        let slots: Vec<u64> = meta
            .iter()
            .find(|record| key_of(record).as_string().as_deref() == Some(SLOTS_KEY))
            .and_then(json_of)
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();

        let mut handles: HashMap<u64, (web_sys::File, StoredFile)> = HashMap::new();
        for record in &files {
            let (Some(key), Some(json)) = (key_of(record).as_f64(), json_of(record)) else { continue };
            let (Some(file), Ok(stored)) = (file_of(record), serde_json::from_str::<StoredFile>(&json)) else {
                continue;
            };
            handles.insert(key as u64, (file, stored));
        }
        let mut index_files: HashMap<u64, f64> = handles.iter().map(|(key, (file, _))| (*key, file.size())).collect();

        let mut inputs = Vec::new();
        for key in &slots {
            if let Some((file, stored)) = handles.get(key) {
                inputs.push(InputFile {
                    key: *key,
                    name: stored.name.clone(),
                    bytes: file.size(),
                    status: match &stored.status {
                        StoredStatus::Recognised(preview) => FileStatus::Recognised(preview.clone()),
                        StoredStatus::Refused(problem) => FileStatus::Refused(problem.clone()),
                    },
                });
            }
        }

        let mut index_reports = HashMap::new();
        let mut jobs = Vec::new();
        let mut finished = Vec::new();
        let mut report_files = Vec::new();
        for record in &reports {
            let Some(id) = key_of(record).as_f64().map(|id| id as u32) else { continue };
            match read_report(id, record).await {
                Ok((report, stored, bytes)) => {
                    index_reports.insert(id, bytes);
                    let files: Vec<(u64, web_sys::File)> = stored
                        .file_keys
                        .iter()
                        .filter_map(|key| handles.get(key).map(|(file, _)| (*key, file.clone())))
                        .collect();
                    report_files.push((id, files));
                    jobs.push(ReportJob {
                        id,
                        requested_at: 0.0,
                        started_at: None,
                        file_names: stored.file_names,
                        settings: stored.settings,
                        state: JobState::Complete { total_ms: stored.total_ms, run_ms: stored.run_ms },
                        restored: true,
                    });
                    finished.push(report);
                }
                // A report that cannot be read back is dropped from the storage.
                Err(problem) => {
                    web_sys::console::warn_1(&format!("a kept report could not be read: {problem}").into());
                    let _ = idb::delete(database, REPORTS, &[JsValue::from(id)]).await;
                }
            }
        }
        // Files kept for a report that is gone are not needed.
        let needed: HashSet<u64> = slots
            .iter()
            .chain(report_files.iter().flat_map(|(_, files)| files.iter().map(|(key, _)| key)))
            .copied()
            .collect();
        let unneeded: Vec<u64> = index_files.keys().filter(|key| !needed.contains(key)).copied().collect();
        if !unneeded.is_empty() {
            let keys: Vec<JsValue> = unneeded.iter().map(|key| JsValue::from(*key as f64)).collect();
            let _ = idb::delete(database, FILES, &keys).await;
            index_files.retain(|key, _| needed.contains(key));
        }

        let next_file_key = handles.keys().max().map_or(1, |key| key + 1);
        let next_report_id = jobs.iter().map(|job| job.id).max().map_or(1, |id| id + 1);
        self.next_file_key.update_value(|next| *next = (*next).max(next_file_key));
        self.next_report_id.update_value(|next| *next = (*next).max(next_report_id));
        self.parts.update_value(|parts| {
            for input in &inputs {
                if let Some((file, _)) = handles.get(&input.key) {
                    parts.file_handles.insert(input.key, file.clone());
                }
            }
            for (id, files) in report_files {
                parts.report_files.insert(id, files);
            }
        });
        self.finished.update_value(|kept| {
            for (report, urls) in finished {
                self.parts.update_value(|parts| {
                    parts.download_urls.insert(report.id, urls);
                });
                kept.insert(report.id, report);
            }
        });
        if !inputs.is_empty() {
            self.files.update(|files| {
                let given = std::mem::take(files);
                *files = inputs;
                files.extend(given);
            });
        }
        if !jobs.is_empty() {
            self.jobs.update(|current| {
                let started = std::mem::take(current);
                *current = jobs;
                current.extend(started);
            });
        }
        self.stored_index.update_value(|index| {
            index.files = index_files;
            index.reports = index_reports;
        });
        self.refresh_summary();
        Ok(())
    }

    /// Keeps a file once its preview is known (its kind, or why it cannot
    /// be used), and the new order of the slots.
    pub(super) fn keep_file(&self, key: u64) {
        let Some(file) = self.parts.with_value(|parts| parts.file_handles.get(&key).cloned()) else { return };
        let Some(input) = self.files.with_untracked(|files| files.iter().find(|file| file.key == key).cloned()) else {
            return;
        };
        let status = match input.status {
            FileStatus::Recognised(preview) => StoredStatus::Recognised(preview),
            FileStatus::Refused(problem) => StoredStatus::Refused(problem),
            FileStatus::Inspecting | FileStatus::Unreadable(_) => return,
        };
        let Ok(json) = serde_json::to_string(&StoredFile { name: input.name.clone(), status }) else { return };
        let size = file.size();
        let what = format!("{} ({})", input.name, format_bytes(size));
        self.write(what, move |state, database| async move {
            let blobs = [("file", web_sys::Blob::from(file))];
            put_with_blobs(state, &database, FILES, JsValue::from(key as f64), &json, &blobs).await?;
            state.stored_index.update_value(|index| {
                index.files.insert(key, size);
            });
            Ok(())
        });
        self.keep_slots();
    }

    /// Keeps the order of the files in their slots.
    pub(super) fn keep_slots(&self) {
        let keys: Vec<u64> = self.files.with_untracked(|files| files.iter().map(|file| file.key).collect());
        let Ok(json) = serde_json::to_string(&keys) else { return };
        let record = record(JsValue::from_str(SLOTS_KEY), &json, &[]);
        self.stored_index.update_value(|index| index.slots_unwritten = false);
        self.write(SLOTS_WHAT.to_string(), move |state, database| async move {
            let written = idb::put(&database, META, &[record]).await;
            if written.is_err() {
                state.stored_index.update_value(|index| index.slots_unwritten = true);
            }
            written
        });
    }

    /// Keeps a complete report: its summary, its two CSV files and its rows.
    pub(super) fn keep_report(&self, report: &FinishedReport, blobs: KeptBlobs) {
        let id = report.id;
        let Some(job) = self.jobs.with_untracked(|jobs| jobs.iter().find(|job| job.id == id).cloned()) else { return };
        let JobState::Complete { total_ms, run_ms } = job.state else { return };
        let file_keys = self.parts.with_value(|parts| {
            parts.report_files.get(&id).map(|files| files.iter().map(|(key, _)| *key).collect()).unwrap_or_default()
        });
        let stored = StoredJob { file_names: job.file_names, file_keys, settings: job.settings, total_ms, run_ms };
        let Ok(json) = serde_json::to_string(&StoredReportRef { job: &stored, outcome: &report.outcome }) else {
            return;
        };
        let KeptBlobs { csv, rejected, outages, daily, ids, figures, days } = blobs;
        let blobs = [
            ("csv", csv),
            ("rejected", rejected),
            ("outages", outages),
            ("daily", daily),
            ("ids", ids),
            ("figures", figures),
            ("days", days),
        ];
        let size = json.len() as f64 + blobs.iter().map(|(_, blob)| blob.size()).sum::<f64>();
        self.write(format!("report {id} ({})", format_bytes(size)), move |state, database| async move {
            put_with_blobs(state, &database, REPORTS, JsValue::from(id), &json, &blobs).await?;
            state.stored_index.update_value(|index| {
                index.reports.insert(id, size);
            });
            Ok(())
        });
    }

    pub(super) fn forget_stored_report(&self, id: u32) {
        self.write(format!("the removal of report {id}"), move |state, database| async move {
            idb::delete(&database, REPORTS, &[JsValue::from(id)]).await?;
            state.stored_index.update_value(|index| {
                index.reports.remove(&id);
            });
            Ok(())
        });
        self.forget_unneeded_files();
    }

    /// Deletes the kept files that no slot holds and no report read.
    pub(super) fn forget_unneeded_files(&self) {
        let mut needed: HashSet<u64> = self.files.with_untracked(|files| files.iter().map(|file| file.key).collect());
        self.parts.with_value(|parts| needed.extend(parts.report_files.values().flatten().map(|(key, _)| *key)));
        let unneeded: Vec<u64> = self
            .stored_index
            .with_value(|index| index.files.keys().filter(|key| !needed.contains(key)).copied().collect());
        if unneeded.is_empty() {
            return;
        }
        let keys: Vec<JsValue> = unneeded.iter().map(|key| JsValue::from(*key as f64)).collect();
        self.write("the removal of files".to_string(), move |state, database| async move {
            idb::delete(&database, FILES, &keys).await?;
            state.stored_index.update_value(|index| index.files.retain(|key, _| !unneeded.contains(key)));
            Ok(())
        });
    }

    /// Forgets every stored file and report, and clears them from the page.
    pub fn forget_everything(&self) {
        for id in self.jobs.with_untracked(|jobs| {
            jobs.iter().filter(|job| job.state.is_finished()).map(|job| job.id).collect::<Vec<_>>()
        }) {
            self.remove_report(id);
        }
        for key in self.files.with_untracked(|files| files.iter().map(|file| file.key).collect::<Vec<_>>()) {
            self.remove_file(key);
        }
        self.close_store();
        self.write("the forgetting".to_string(), move |state, database| async move {
            idb::clear(&database).await?;
            state.stored_index.update_value(|index| {
                index.files.clear();
                index.reports.clear();
            });
            Ok(())
        });
        self.stored.update(|stored| {
            stored.not_kept.clear();
            stored.why_not = None;
        });
        self.announce("Stored files and reports forgotten");
    }

    /// Runs a write, counting it while it runs; a failure is told on the
    /// page and nothing else changes: the page goes on working.
    fn write<F, W>(&self, what: String, work: W)
    where
        F: std::future::Future<Output = Result<(), StoreError>> + 'static,
        W: FnOnce(AppState, IdbDatabase) -> F + 'static,
    {
        let Some(database) = self.stored_index.with_value(|index| index.database.clone()) else { return };
        let state = *self;
        state.stored.update(|stored| stored.saving += 1);
        spawn_local(async move {
            let outcome = work(state, database).await;
            let succeeded = outcome.is_ok();
            state.stored.update(|stored| {
                stored.saving -= 1;
                match outcome {
                    Ok(()) => {
                        stored.not_kept.retain(|refused| *refused != what);
                        if stored.not_kept.is_empty() {
                            stored.why_not = None;
                        }
                    }
                    Err(problem) => {
                        if !stored.not_kept.contains(&what) {
                            stored.not_kept.push(what);
                        }
                        // "Full" is the reason a user can act on: it is not
                        // hidden by a later, vaguer one.
                        if stored.why_not != Some(StoreError::Full) {
                            stored.why_not = Some(problem);
                        }
                    }
                }
            });
            // A small record can fail only because a large one was being
            // written at the same time: try it again now that one worked.
            if succeeded && state.stored_index.with_value(|index| index.slots_unwritten) {
                state.keep_slots();
            }
            state.refresh_summary();
        });
    }

    fn refresh_summary(&self) {
        let (files, reports, bytes) = self.stored_index.with_value(|index| {
            (index.files.len(), index.reports.len(), index.files.values().chain(index.reports.values()).sum::<f64>())
        });
        self.stored.update(|stored| {
            stored.files = files;
            stored.reports = reports;
            stored.bytes = bytes;
        });
    }

    fn estimate_quota(&self) {
        let state = *self;
        spawn_local(async move {
            let Ok(promise) = window().navigator().storage().estimate() else { return };
            let Ok(estimate) = JsFuture::from(promise).await else { return };
            let quota = estimate.unchecked_into::<web_sys::StorageEstimate>().get_quota();
            state.stored.update(|stored| stored.quota = quota);
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

fn describe(problem: &StoreError) -> String {
    match problem {
        StoreError::Full => "the storage is full".to_string(),
        StoreError::Other(reason) => reason.clone(),
    }
}

/// Writes a record with its blobs. Some browsers refuse a Blob or File in
/// IndexedDB (WebKit's automation profile: "Error preparing Blob/File data
/// to be stored"; possibly private windows): then the same record goes in
/// with the blobs' bytes (ArrayBuffers), which every browser keeps. A full
/// storage is not tried again.
async fn put_with_blobs(
    state: AppState,
    database: &IdbDatabase,
    store: &str,
    key: JsValue,
    json: &str,
    blobs: &[(&str, web_sys::Blob)],
) -> Result<(), StoreError> {
    let refused_before = state.stored_index.with_value(|index| index.blobs_refused);
    if !refused_before {
        let as_blobs: Vec<(&str, JsValue)> = blobs.iter().map(|(name, blob)| (*name, blob.into())).collect();
        match idb::put(database, store, &[record(key.clone(), json, &as_blobs)]).await {
            Err(StoreError::Other(_)) => {}
            written => return written,
        }
    }
    let mut as_bytes = Vec::with_capacity(blobs.len());
    for (name, blob) in blobs {
        let buffer = JsFuture::from(blob.array_buffer())
            .await
            .map_err(|e| StoreError::Other(super::worker_link::describe_js(&e)))?;
        as_bytes.push((*name, buffer));
    }
    idb::put(database, store, &[record(key, json, &as_bytes)]).await?;
    if !refused_before {
        state.stored_index.update_value(|index| index.blobs_refused = true);
    }
    Ok(())
}

fn record(key: JsValue, json: &str, blobs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(&object, &"key".into(), &key);
    let _ = Reflect::set(&object, &"json".into(), &json.into());
    for (name, value) in blobs {
        let _ = Reflect::set(&object, &(*name).into(), value);
    }
    object.into()
}

fn key_of(record: &JsValue) -> JsValue {
    Reflect::get(record, &"key".into()).unwrap_or(JsValue::UNDEFINED)
}

fn json_of(record: &JsValue) -> Option<String> {
    Reflect::get(record, &"json".into()).ok()?.as_string()
}

/// A kept blob, kept as a Blob or as its bytes (see `put_with_blobs`).
fn blob_of(record: &JsValue, name: &str) -> Option<web_sys::Blob> {
    let value = Reflect::get(record, &name.into()).ok()?;
    if value.is_instance_of::<ArrayBuffer>() {
        let parts: js_sys::Array = std::iter::once(value).collect();
        return web_sys::Blob::new_with_buffer_source_sequence(&parts).ok();
    }
    value.dyn_into::<web_sys::Blob>().ok()
}

/// The kept file; kept as a plain `Blob` or as bytes, it gets its name back.
fn file_of(record: &JsValue) -> Option<web_sys::File> {
    let value = Reflect::get(record, &"file".into()).ok()?;
    match value.dyn_into::<web_sys::File>() {
        Ok(file) => Some(file),
        Err(_) => {
            let blob = blob_of(record, "file")?;
            let name = json_of(record).and_then(|json| serde_json::from_str::<StoredFile>(&json).ok())?.name;
            let parts: js_sys::Array = std::iter::once(JsValue::from(blob)).collect();
            web_sys::File::new_with_blob_sequence(&parts, &name).ok()
        }
    }
}

/// A kept report, as the page shows it, with its download URLs and size.
async fn read_report(
    id: u32,
    record: &JsValue,
) -> Result<((Arc<FinishedReport>, Vec<ObjectUrl>), StoredJob, f64), String> {
    let json = json_of(record).ok_or("no summary")?;
    let StoredReport { job, mut outcome } = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let [csv, rejected, ids, figures] =
        ["csv", "rejected", "ids", "figures"].map(|name| blob_of(record, name).ok_or(format!("no {name}")));
    let (csv, rejected, ids, figures) = (csv?, rejected?, ids?, figures?);
    // Reports kept before outages and days were computed have none of these.
    let [outages, daily, days] = ["outages", "daily", "days"].map(|name| blob_of(record, name));
    let size = json.len() as f64
        + [Some(&csv), Some(&rejected), Some(&ids), Some(&figures), outages.as_ref(), daily.as_ref(), days.as_ref()]
            .into_iter()
            .flatten()
            .map(|blob| blob.size())
            .sum::<f64>();
    let ids = bytes(&ids).await?;
    let figures = JsFuture::from(figures.array_buffer()).await.map_err(|e| super::worker_link::describe_js(&e))?;
    let figures = Float64Array::new(&figures.unchecked_into::<ArrayBuffer>()).to_vec();
    let days = match &days {
        Some(days) => {
            let days = JsFuture::from(days.array_buffer()).await.map_err(|e| super::worker_link::describe_js(&e))?;
            Float32Array::new(&days.unchecked_into::<ArrayBuffer>()).to_vec()
        }
        None => Vec::new(),
    };
    let ids = String::from_utf8(ids).map_err(|e| e.to_string())?;
    outcome.rows = decode_rows(outcome.store_count, &ids, &figures, &days)?;
    let mut urls = vec![ObjectUrl::from(Blob::from(csv)), ObjectUrl::from(Blob::from(rejected))];
    let [csv_name, rejected_name, outages_name, daily_name] = FinishedReport::file_names(id);
    let mut download = |blob: Option<web_sys::Blob>, name: String| {
        blob.map(|blob| {
            let url = ObjectUrl::from(Blob::from(blob));
            let download = Download { url: url.to_string(), name };
            urls.push(url);
            download
        })
    };
    let (outages, daily) = (download(outages, outages_name), download(daily, daily_name));
    let report = Arc::new(FinishedReport {
        id,
        outcome,
        csv_url: urls[0].to_string(),
        csv_name,
        rejected_url: urls[1].to_string(),
        rejected_name,
        outages,
        daily,
    });
    Ok(((report, urls), job, size))
}

async fn bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(|e| super::worker_link::describe_js(&e))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
