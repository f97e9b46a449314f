//! A complete report as the page shows it, and how it is read from the
//! data worker's reply (its attachments).

use gloo::file::ObjectUrl;
use js_sys::{Float32Array, Float64Array, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::protocol::report_files::{LaterFiles, ReportFiles};
use crate::protocol::{ReportOutcome, attach_scores, attach_states, decode_rows};

/// A complete report, as the report view needs it.
#[derive(Debug)]
pub struct FinishedReport {
    pub id: u32,
    pub outcome: ReportOutcome,
    pub csv_url: String,
    pub csv_name: String,
    pub rejected_url: String,
    pub rejected_name: String,
    /// The downloads the data worker writes after the report is complete
    /// (`Reply::Downloads`): `None` until they arrive, or why they could
    /// not be made.
    pub later: ArcRwSignal<Option<Result<LaterDownloads, String>>>,
}

/// The CSVs a report offers besides its own. Each is `None` for a report
/// kept before it was made: the outage list and the per-day table, the
/// extended report (`store-uptime --format extended`), the scorecard and
/// the roll-up (`store-uptime --scorecard`, `--rollup`).
#[derive(Clone, Debug, Default)]
pub struct LaterDownloads {
    pub outages: Option<Download>,
    pub daily: Option<Download>,
    pub extended: Option<Download>,
    pub scorecard: Option<Download>,
    pub rollup: Option<Download>,
}

/// A file the page offers to download.
#[derive(Clone, Debug)]
pub struct Download {
    pub url: String,
    pub name: String,
    /// The file itself, for the page to read (the view of the extended
    /// report picks its lines).
    pub blob: web_sys::Blob,
}

/// What the browser keeps of a complete report besides its summary: its
/// CSV files and its rows as the worker encoded them.
#[derive(Clone)]
pub struct KeptBlobs {
    pub csv: web_sys::Blob,
    pub rejected: web_sys::Blob,
    pub outages: web_sys::Blob,
    pub daily: web_sys::Blob,
    pub extended: web_sys::Blob,
    pub ids: web_sys::Blob,
    pub figures: web_sys::Blob,
    pub days: web_sys::Blob,
    pub scorecard: web_sys::Blob,
    pub rollup: web_sys::Blob,
}

/// What arrives with the complete report of [`KeptBlobs`]; the rest
/// follows with its later downloads.
#[derive(Clone)]
pub struct FirstBlobs {
    pub csv: web_sys::Blob,
    pub rejected: web_sys::Blob,
    pub ids: web_sys::Blob,
    pub figures: web_sys::Blob,
    pub days: web_sys::Blob,
}

impl FirstBlobs {
    /// Every blob to keep, once the later downloads have all arrived.
    pub fn with_later(self, later: &LaterDownloads) -> Option<KeptBlobs> {
        let blob = |download: &Option<Download>| download.as_ref().map(|download| download.blob.clone());
        Some(KeptBlobs {
            csv: self.csv,
            rejected: self.rejected,
            outages: blob(&later.outages)?,
            daily: blob(&later.daily)?,
            extended: blob(&later.extended)?,
            ids: self.ids,
            figures: self.figures,
            days: self.days,
            scorecard: blob(&later.scorecard)?,
            rollup: blob(&later.rollup)?,
        })
    }
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

    /// The names of the scorecard and the roll-up.
    pub fn scorecard_names(id: u32) -> [String; 2] {
        [format!("store-uptime-report-{id}-scorecard.csv"), format!("store-uptime-report-{id}-rollup.csv")]
    }

    /// The extended report's name carries the report's time, so that two
    /// downloads of different nows do not read as the same file:
    /// `store-uptime-extended-2023-01-25T181322Z.csv` (no colons, which
    /// some systems refuse in file names).
    pub fn extended_name(now_unix_nanos: i64) -> String {
        let time = engine::format_timestamp(engine::UtcInstant::from_unix_nanos(now_unix_nanos), None);
        let time: String = time.chars().filter(|&c| c != ':').collect();
        format!("store-uptime-extended-{}.csv", time.replace('.', "_"))
    }

    /// Whether the report has an outage list and days: every report made
    /// now (its CSVs perhaps still being written), not those kept before
    /// they were computed.
    pub fn has_outages(&self) -> bool {
        self.later.with_untracked(|later| match later {
            Some(Ok(later)) => later.outages.is_some(),
            Some(Err(_)) | None => true,
        })
    }

    /// Reads a complete report from the worker's reply: its rows decoded,
    /// its downloads given URLs (which live as long as the returned
    /// `ObjectUrl`s), and the blobs to keep; or what is missing or could
    /// not be decoded, so that the report's failure says it.
    pub fn from_reply(
        report_id: u32,
        mut outcome: ReportOutcome,
        attached: Vec<JsValue>,
    ) -> Result<(FinishedReport, [ObjectUrl; 2], FirstBlobs), String> {
        let files = ReportFiles::from_vec(attached)?;
        let ids = String::from_utf8(Uint8Array::new(&files.ids).to_vec())
            .map_err(|problem| format!("the store ids are not UTF-8: {problem}"))?;
        let rows = decode_rows(
            outcome.store_count,
            &ids,
            &Float64Array::new(&files.figures).to_vec(),
            &Float32Array::new(&files.days).to_vec(),
        )
        .map_err(|problem| format!("the rows cannot be decoded: {problem}"))?;
        let kept = FirstBlobs {
            csv: files.csv,
            rejected: files.rejected,
            ids: files.ids_blob,
            figures: files.figures_blob,
            days: files.days_blob,
        };
        outcome.rows = rows;
        attach_scores(&mut outcome);
        attach_states(&mut outcome);
        let urls = [&kept.csv, &kept.rejected].map(|blob| ObjectUrl::from(blob.clone()));
        let [csv_name, rejected_name, _, _] = FinishedReport::file_names(report_id);
        let report = FinishedReport {
            id: report_id,
            csv_url: urls[0].to_string(),
            csv_name,
            rejected_url: urls[1].to_string(),
            rejected_name,
            later: ArcRwSignal::new(None),
            outcome,
        };
        Ok((report, urls, kept))
    }

    /// The later downloads arrived: they are offered from now on; their
    /// URLs live as long as the returned `ObjectUrl`s.
    pub fn later_arrived(&self, files: LaterFiles) -> Vec<ObjectUrl> {
        let [_, _, outages_name, daily_name] = FinishedReport::file_names(self.id);
        let [scorecard_name, rollup_name] = FinishedReport::scorecard_names(self.id);
        let extended_name = FinishedReport::extended_name(self.outcome.now_unix_nanos);
        let mut urls = Vec::with_capacity(5);
        let mut download = |blob: web_sys::Blob, name: String| {
            let url = ObjectUrl::from(blob.clone());
            let download = Download { url: url.to_string(), name, blob };
            urls.push(url);
            Some(download)
        };
        let later = LaterDownloads {
            outages: download(files.outages, outages_name),
            daily: download(files.daily, daily_name),
            extended: download(files.extended, extended_name),
            scorecard: download(files.scorecard, scorecard_name),
            rollup: download(files.rollup, rollup_name),
        };
        self.later.set(Some(Ok(later)));
        urls
    }
}
