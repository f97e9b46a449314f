//! The records as kept in IndexedDB: their JSON parts, and the JS objects
//! that carry them with their blobs.

use std::sync::Arc;

use gloo::file::{Blob, ObjectUrl};
use js_sys::{ArrayBuffer, Float32Array, Float64Array, Reflect, Uint8Array};
use leptos::prelude::ArcRwSignal;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::app::queue::finished::{Download, FinishedReport, LaterDownloads};
use crate::protocol::link::describe_js;
use crate::protocol::{
    FilePreviewMessage, ReportOutcome, ReportSettingsMessage, attach_scores, attach_states, decode_rows,
};

#[derive(Serialize, Deserialize)]
pub enum StoredStatus {
    Recognised(FilePreviewMessage),
    Refused(String),
}

#[derive(Serialize, Deserialize)]
pub struct StoredFile {
    pub name: String,
    pub status: StoredStatus,
}

/// A report as kept, beside its CSV files and rows (which are blobs).
#[derive(Deserialize)]
pub struct StoredReport {
    #[serde(flatten)]
    pub job: StoredJob,
    pub outcome: ReportOutcome,
}

/// The same, as written: the outcome is borrowed, since its rows (which
/// JSON skips) would be a costly copy.
#[derive(Serialize)]
pub struct StoredReportRef<'a> {
    #[serde(flatten)]
    pub job: &'a StoredJob,
    pub outcome: &'a ReportOutcome,
}

#[derive(Serialize, Deserialize)]
pub struct StoredJob {
    pub file_names: Vec<String>,
    pub file_keys: Vec<u64>,
    pub settings: ReportSettingsMessage,
    pub total_ms: f64,
    pub run_ms: f64,
}

/// The key, in localStorage, of the reports queued or running: written at
/// once as they change (localStorage is synchronous, so a reload cannot
/// overtake it), read on the next visit to say what a reload stopped.
pub const UNFINISHED_KEY: &str = "store-uptime-unfinished";

/// A report that was queued or running when the page was last seen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnfinishedJob {
    pub id: u32,
    pub running: bool,
    pub file_names: Vec<String>,
    pub file_keys: Vec<u64>,
    pub settings: ReportSettingsMessage,
}

/// The settings' key in localStorage.
pub const SETTINGS_KEY: &str = "store-uptime-settings";

/// The settings as kept.
#[derive(Serialize, Deserialize)]
pub struct KeptSettings {
    pub now: String,
    pub zone: String,
    pub units: engine::Units,
    #[serde(default = "crate::protocol::default_horizon_days")]
    pub horizon_days: u32,
    #[serde(default = "crate::protocol::default_stale_after_minutes")]
    pub stale_after_minutes: u32,
    #[serde(default)]
    pub hours_format: crate::app::settings::HoursFormat,
    /// The fleet's target as typed (empty for none); settings kept before
    /// it was a setting read as none.
    #[serde(default)]
    pub target: String,
}

/// The key of the slots' order in the `meta` store.
pub const SLOTS_KEY: &str = "slots";

pub fn record(key: JsValue, json: &str, blobs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(&object, &"key".into(), &key);
    let _ = Reflect::set(&object, &"json".into(), &json.into());
    for (name, value) in blobs {
        let _ = Reflect::set(&object, &(*name).into(), value);
    }
    object.into()
}

pub fn key_of(record: &JsValue) -> JsValue {
    Reflect::get(record, &"key".into()).unwrap_or(JsValue::UNDEFINED)
}

pub fn json_of(record: &JsValue) -> Option<String> {
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
pub fn file_of(record: &JsValue) -> Option<web_sys::File> {
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
pub async fn read_report(
    id: u32,
    record: &JsValue,
) -> Result<((Arc<FinishedReport>, Vec<ObjectUrl>), StoredJob, f64), String> {
    let json = json_of(record).ok_or("no summary")?;
    let StoredReport { job, mut outcome } = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let [csv, rejected, ids, figures] =
        ["csv", "rejected", "ids", "figures"].map(|name| blob_of(record, name).ok_or(format!("no {name}")));
    let (csv, rejected, ids, figures) = (csv?, rejected?, ids?, figures?);
    // Reports kept before outages and days were computed have none of these.
    let [outages, daily, days, extended, scorecard, rollup] =
        ["outages", "daily", "days", "extended", "scorecard", "rollup"].map(|name| blob_of(record, name));
    let size = json.len() as f64
        + [
            Some(&csv),
            Some(&rejected),
            Some(&ids),
            Some(&figures),
            outages.as_ref(),
            daily.as_ref(),
            days.as_ref(),
            extended.as_ref(),
            scorecard.as_ref(),
            rollup.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(|blob| blob.size())
        .sum::<f64>();
    let ids = bytes(&ids).await?;
    let figures = JsFuture::from(figures.array_buffer()).await.map_err(|e| describe_js(&e))?;
    let figures = Float64Array::new(&figures.unchecked_into::<ArrayBuffer>()).to_vec();
    let days = match &days {
        Some(days) => {
            let days = JsFuture::from(days.array_buffer()).await.map_err(|e| describe_js(&e))?;
            Float32Array::new(&days.unchecked_into::<ArrayBuffer>()).to_vec()
        }
        None => Vec::new(),
    };
    let ids = String::from_utf8(ids).map_err(|e| e.to_string())?;
    outcome.rows = decode_rows(outcome.store_count, &ids, &figures, &days)?;
    attach_scores(&mut outcome);
    attach_states(&mut outcome);
    let mut urls = vec![ObjectUrl::from(Blob::from(csv)), ObjectUrl::from(Blob::from(rejected))];
    let [csv_name, rejected_name, outages_name, daily_name] = FinishedReport::file_names(id);
    let mut download = |blob: Option<web_sys::Blob>, name: String| {
        blob.map(|blob| {
            let url = ObjectUrl::from(Blob::from(blob.clone()));
            let download = Download { url: url.to_string(), name, blob };
            urls.push(url);
            download
        })
    };
    let (outages, daily) = (download(outages, outages_name), download(daily, daily_name));
    let extended = download(extended, FinishedReport::extended_name(outcome.now_unix_nanos));
    let [scorecard_name, rollup_name] = FinishedReport::scorecard_names(id);
    let (scorecard, rollup) = (download(scorecard, scorecard_name), download(rollup, rollup_name));
    let report = Arc::new(FinishedReport {
        id,
        outcome,
        csv_url: urls[0].to_string(),
        csv_name,
        rejected_url: urls[1].to_string(),
        rejected_name,
        later: ArcRwSignal::new(Some(Ok(LaterDownloads { outages, daily, extended, scorecard, rollup }))),
    });
    Ok(((report, urls), job, size))
}

async fn bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(|e| describe_js(&e))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
