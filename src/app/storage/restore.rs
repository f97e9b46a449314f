//! Reading back what an earlier visit kept: the files in their slots, the
//! complete reports, and the files those reports read. Files and reports
//! no longer needed are deleted on the way.

use std::collections::{HashMap, HashSet};

use wasm_bindgen::JsValue;
use web_sys::IdbDatabase;

use super::idb::{self, FILES, META, REPORTS, StoreError};
use super::records::{SLOTS_KEY, StoredFile, StoredStatus, UnfinishedJob, file_of, json_of, key_of, read_report};
use crate::app::inputs::files::{FileStatus, InputFile, ReportFiles};
use crate::app::queue::queue_machine::{JobState, ReportJob};
use crate::app::queue::report_queue::RestoredReport;

/// What an earlier visit kept, ready to put back.
pub struct Restored {
    /// The files in their slots, in order.
    pub inputs: Vec<(InputFile, web_sys::File)>,
    /// The first key free for a new file.
    pub next_file_key: u64,
    pub reports: Vec<RestoredReport>,
    /// The slots' order as kept.
    pub slots: Vec<u64>,
    /// Sizes of what stays stored, by key.
    pub file_sizes: HashMap<u64, f64>,
    pub report_sizes: HashMap<u32, f64>,
    /// The reports a reload stopped, each with its files (key, name,
    /// handle) when every one of them is still kept.
    pub interrupted: Vec<(UnfinishedJob, Option<ReportFiles>)>,
}

/// Reads back what was kept; `unfinished` are the reports that were queued
/// or running when the page was last seen (their files are kept too).
pub async fn restore_from(database: &IdbDatabase, unfinished: Vec<UnfinishedJob>) -> Result<Restored, String> {
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
    let mut file_sizes: HashMap<u64, f64> = handles.iter().map(|(key, (file, _))| (*key, file.size())).collect();

    let mut inputs = Vec::new();
    for key in &slots {
        if let Some((file, stored)) = handles.get(key) {
            let input = InputFile {
                key: *key,
                name: stored.name.clone(),
                bytes: file.size(),
                modified: file.last_modified(),
                status: match &stored.status {
                    StoredStatus::Recognised(preview) => FileStatus::Recognised(preview.clone()),
                    StoredStatus::Refused(problem) => FileStatus::Refused(problem.clone()),
                },
            };
            inputs.push((input, file.clone()));
        }
    }

    let mut report_sizes = HashMap::new();
    let mut restored_reports = Vec::new();
    for record in &reports {
        let Some(id) = key_of(record).as_f64().map(|id| id as u32) else { continue };
        match read_report(id, record).await {
            Ok(((report, urls), stored, bytes)) => {
                report_sizes.insert(id, bytes);
                let files: Vec<(u64, web_sys::File)> = stored
                    .file_keys
                    .iter()
                    .filter_map(|key| handles.get(key).map(|(file, _)| (*key, file.clone())))
                    .collect();
                let job = ReportJob {
                    id,
                    requested_at: 0.0,
                    started_at: None,
                    file_names: stored.file_names,
                    file_keys: stored.file_keys.clone(),
                    settings: stored.settings,
                    state: JobState::Complete { total_ms: stored.total_ms, run_ms: stored.run_ms },
                    restored: true,
                };
                restored_reports.push(RestoredReport { job, report, urls, files });
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
        .chain(restored_reports.iter().flat_map(|report| report.files.iter().map(|(key, _)| key)))
        .chain(unfinished.iter().flat_map(|job| job.file_keys.iter()))
        .copied()
        .collect();
    let interrupted = unfinished
        .into_iter()
        .map(|job| {
            let files: Option<ReportFiles> = job
                .file_keys
                .iter()
                .zip(&job.file_names)
                .map(|(key, name)| handles.get(key).map(|(file, _)| (*key, name.clone(), file.clone())))
                .collect();
            // A list of keys and names that do not pair up cannot be run.
            let files = files.filter(|files| files.len() == job.file_keys.len() && !files.is_empty());
            (job, files)
        })
        .collect();
    let unneeded: Vec<u64> = file_sizes.keys().filter(|key| !needed.contains(key)).copied().collect();
    if !unneeded.is_empty() {
        let keys: Vec<JsValue> = unneeded.iter().map(|key| JsValue::from(*key as f64)).collect();
        let _ = idb::delete(database, FILES, &keys).await;
        file_sizes.retain(|key, _| needed.contains(key));
    }

    Ok(Restored {
        inputs,
        next_file_key: handles.keys().max().map_or(1, |key| key + 1),
        reports: restored_reports,
        slots,
        file_sizes,
        report_sizes,
        interrupted,
    })
}

pub fn describe(problem: &StoreError) -> String {
    match problem {
        StoreError::Full => "the storage is full".to_string(),
        StoreError::Other(reason) => reason.clone(),
    }
}
