//! The page's state: the files the user gave, the settings, and the
//! reports. Components read it through `use_context::<AppState>()`.
//!
//! Reactive parts are signals; what the browser owns and cannot share
//! between threads (file handles, workers, download URLs) is kept in local
//! stored values beside them.

use std::collections::HashMap;
use std::sync::Arc;

use gloo::file::ObjectUrl;
use leptos::prelude::*;

use super::storage::{StoredIndex, StoredSummary};
use super::worker_link::WorkerLink;
use crate::protocol::{
    ExampleMessage, FilePreviewMessage, Instant, PreviewOutcome, ReportOutcome, ReportSettingsMessage, Stage,
    TimelineMessage,
};
use engine::{FileKind, Units};

/// A file the user gave, as shown in its slot.
#[derive(Clone, Debug, PartialEq)]
pub struct InputFile {
    /// Unique on this page, also across removals.
    pub key: u64,
    pub name: String,
    pub bytes: f64,
    pub status: FileStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FileStatus {
    /// Waiting for the worker's preview.
    Inspecting,
    Recognised(FilePreviewMessage),
    /// Not one of the three files; the message names the expected columns.
    Refused(String),
    /// The browser could not read it.
    Unreadable(String),
}

impl InputFile {
    pub fn kind(&self) -> Option<FileKind> {
        match &self.status {
            FileStatus::Recognised(preview) => Some(preview.kind),
            _ => None,
        }
    }
}

impl From<PreviewOutcome> for FileStatus {
    fn from(outcome: PreviewOutcome) -> Self {
        match outcome {
            PreviewOutcome::Recognised(preview) => FileStatus::Recognised(preview),
            PreviewOutcome::Refused { problem } => FileStatus::Refused(problem),
            PreviewOutcome::Unreadable { problem } => FileStatus::Unreadable(problem),
        }
    }
}

/// One request for a report, from the click on Generate to its end.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportJob {
    pub id: u32,
    /// `performance.now()` of the click on Generate.
    pub requested_at: f64,
    /// When the worker was given the job.
    pub started_at: Option<f64>,
    pub file_names: Vec<String>,
    pub settings: ReportSettingsMessage,
    pub state: JobState,
    /// Put back from the browser's storage, from an earlier visit.
    pub restored: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum JobState {
    Queued,
    /// `stage` is `None` while a fresh worker starts.
    Running {
        stage: Option<Stage>,
        fraction: f64,
    },
    Complete {
        /// From the click on Generate to the result on the page.
        total_ms: f64,
        /// From the worker taking the job to the result on the page.
        run_ms: f64,
    },
    Failed {
        reason: String,
    },
    Cancelled,
}

impl JobState {
    pub fn is_finished(&self) -> bool {
        matches!(self, JobState::Complete { .. } | JobState::Failed { .. } | JobState::Cancelled)
    }
}

/// A complete report, as the report view needs it.
#[derive(Debug)]
pub struct FinishedReport {
    pub id: u32,
    pub outcome: ReportOutcome,
    pub csv_url: String,
    pub csv_name: String,
    pub rejected_url: String,
    pub rejected_name: String,
    /// The outage list and the per-day table; `None` for a report kept
    /// before they were computed.
    pub outages: Option<Download>,
    pub daily: Option<Download>,
}

/// What the browser keeps of a complete report besides its summary: its
/// CSV files and its rows as the worker encoded them.
pub struct KeptBlobs {
    pub csv: web_sys::Blob,
    pub rejected: web_sys::Blob,
    pub outages: web_sys::Blob,
    pub daily: web_sys::Blob,
    pub ids: web_sys::Blob,
    pub figures: web_sys::Blob,
    pub days: web_sys::Blob,
}

/// A file the page offers to download.
#[derive(Clone, Debug)]
pub struct Download {
    pub url: String,
    pub name: String,
}

impl FinishedReport {
    /// The names of a report's downloads: report, rejected rows, outages, days.
    pub fn file_names(id: u32) -> [String; 4] {
        [
            format!("store-uptime-report-{id}.csv"),
            format!("store-uptime-report-{id}-rejected-rows.csv"),
            format!("store-uptime-report-{id}-outages.csv"),
            format!("store-uptime-report-{id}-daily.csv"),
        ]
    }
}

/// One store's week, as asked for from a report's table.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineView {
    pub report_id: u32,
    pub store_id: String,
    pub state: TimelineState,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TimelineState {
    Loading,
    Drawn(Arc<TimelineMessage>),
    Unavailable(String),
}

/// The user's settings for the next report.
#[derive(Clone, Copy)]
pub struct Settings {
    /// Empty for the latest poll.
    pub now: RwSignal<String>,
    pub zone: RwSignal<String>,
    pub units: RwSignal<Units>,
    /// Days of the outage list and the per-day table.
    pub horizon_days: RwSignal<u32>,
    /// Every IANA name, once the worker has said them.
    pub zones: RwSignal<Vec<String>>,
}

/// What the browser owns for the page: file handles, workers, the files
/// each queued report reads, download URLs.
#[derive(Default)]
pub struct BrowserParts {
    pub file_handles: HashMap<u64, web_sys::File>,
    pub report_worker: Option<WorkerLink>,
    pub helper_worker: Option<WorkerLink>,
    /// The files each report reads, from the click on Generate, kept while
    /// the report is, so that its data can be read again to explain a store.
    pub report_files: HashMap<u32, Vec<(u64, web_sys::File)>>,
    pub download_urls: HashMap<u32, Vec<ObjectUrl>>,
    /// The file a "Replace" click is choosing a successor for.
    pub replacing: Option<u64>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub files: RwSignal<Vec<InputFile>>,
    pub settings: Settings,
    pub jobs: RwSignal<Vec<ReportJob>>,
    /// The report on screen.
    pub shown: RwSignal<Option<Arc<FinishedReport>>>,
    /// Complete reports by id, for showing one again.
    pub finished: StoredValue<HashMap<u32, Arc<FinishedReport>>>,
    /// The store whose week is explained, if any.
    pub timeline: RwSignal<Option<TimelineView>>,
    /// The store named in the address (`#store=<id>`): its week is shown
    /// for the report on screen, once there is one.
    pub wanted_store: RwSignal<Option<String>>,
    /// The worked example of "How it is computed", once asked for.
    pub example: RwSignal<Option<Arc<ExampleMessage>>>,
    /// What is kept in the browser's storage.
    pub stored: RwSignal<StoredSummary>,
    pub(super) stored_index: StoredValue<StoredIndex, LocalStorage>,
    /// A sentence for screen readers about the latest change.
    pub announcement: RwSignal<String>,
    /// Why the page cannot work (no workers), if it cannot.
    pub fatal: RwSignal<Option<String>>,
    pub sample_loading: RwSignal<bool>,
    /// The page's one file input, also opened by "Replace" buttons.
    pub chooser: NodeRef<leptos::html::Input>,
    pub(super) parts: StoredValue<BrowserParts, LocalStorage>,
    pub(super) next_file_key: StoredValue<u64>,
    pub(super) next_report_id: StoredValue<u32>,
}

impl AppState {
    pub fn new() -> AppState {
        AppState {
            files: RwSignal::new(Vec::new()),
            settings: Settings {
                now: RwSignal::new(String::new()),
                zone: RwSignal::new(engine::DEFAULT_ZONE.name().to_string()),
                units: RwSignal::new(Units::Minutes),
                horizon_days: RwSignal::new(crate::protocol::default_horizon_days()),
                zones: RwSignal::new(Vec::new()),
            },
            jobs: RwSignal::new(Vec::new()),
            shown: RwSignal::new(None),
            finished: StoredValue::new(HashMap::new()),
            timeline: RwSignal::new(None),
            wanted_store: RwSignal::new(None),
            example: RwSignal::new(None),
            stored: RwSignal::new(StoredSummary::default()),
            stored_index: StoredValue::new_local(StoredIndex::default()),
            announcement: RwSignal::new(String::new()),
            fatal: RwSignal::new(None),
            sample_loading: RwSignal::new(false),
            chooser: NodeRef::new(),
            parts: StoredValue::new_local(BrowserParts::default()),
            next_file_key: StoredValue::new(1),
            next_report_id: StoredValue::new(1),
        }
    }

    pub fn announce(&self, text: impl Into<String>) {
        self.announcement.set(text.into());
    }

    /// The recognised files of one kind, in the order given.
    pub fn files_of(&self, kind: FileKind) -> Vec<InputFile> {
        self.files.with(|files| files.iter().filter(|file| file.kind() == Some(kind)).cloned().collect())
    }

    /// The latest poll of the status files now in the slots: the default
    /// "now" of a report.
    pub fn latest_poll(&self) -> LatestPoll {
        self.files.with(|files| {
            // A file still being read may be a status file.
            if files.iter().any(|file| file.status == FileStatus::Inspecting) {
                return LatestPoll::Pending;
            }
            let mut status_files = files.iter().filter_map(|file| match &file.status {
                FileStatus::Recognised(preview) if preview.kind == FileKind::StatusPolls => Some(preview),
                _ => None,
            });
            let Some(first) = status_files.next() else {
                return LatestPoll::NoStatusFile;
            };
            let latest: Option<&Instant> =
                std::iter::once(first).chain(status_files).filter_map(|preview| preview.latest_poll.as_ref()).max();
            match latest {
                Some(latest) => LatestPoll::Known(latest.text.clone()),
                None => LatestPoll::NoUsablePoll,
            }
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum LatestPoll {
    NoStatusFile,
    /// A file is still being read.
    Pending,
    Known(String),
    NoUsablePoll,
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}

/// Milliseconds since the page started.
pub fn now_ms() -> f64 {
    window().performance().map_or_else(js_sys::Date::now, |performance| performance.now())
}
