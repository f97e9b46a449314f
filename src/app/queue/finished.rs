//! A complete report as the page shows it, and how it is read from the
//! data worker's reply (its attachments).

use gloo::file::ObjectUrl;
use js_sys::{Float32Array, Float64Array, Uint8Array};
use wasm_bindgen::JsValue;

use crate::protocol::report_files::ReportFiles;
use crate::protocol::{ReportOutcome, attach_scores, decode_rows};

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
    /// The extended report (`store-uptime --format extended`); `None` for
    /// a report kept before it was made.
    pub extended: Option<Download>,
    /// The scorecard and the roll-up (`store-uptime --scorecard`,
    /// `--rollup`); `None` for a report kept before they were made.
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

    /// Reads a complete report from the worker's reply: its rows decoded,
    /// its downloads given URLs (which live as long as the returned
    /// `ObjectUrl`s), and the blobs to keep; or what is missing or could
    /// not be decoded, so that the report's failure says it.
    pub fn from_reply(
        report_id: u32,
        mut outcome: ReportOutcome,
        attached: Vec<JsValue>,
    ) -> Result<(FinishedReport, [ObjectUrl; 7], KeptBlobs), String> {
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
        let kept = KeptBlobs {
            csv: files.csv,
            rejected: files.rejected,
            outages: files.outages,
            daily: files.daily,
            extended: files.extended,
            ids: files.ids_blob,
            figures: files.figures_blob,
            days: files.days_blob,
            scorecard: files.scorecard,
            rollup: files.rollup,
        };
        outcome.rows = rows;
        attach_scores(&mut outcome);
        let urls =
            [&kept.csv, &kept.rejected, &kept.outages, &kept.daily, &kept.extended, &kept.scorecard, &kept.rollup]
                .map(|blob| ObjectUrl::from(blob.clone()));
        let [scorecard_name, rollup_name] = FinishedReport::scorecard_names(report_id);
        let extended_name = FinishedReport::extended_name(outcome.now_unix_nanos);
        let [csv_name, rejected_name, outages_name, daily_name] = FinishedReport::file_names(report_id);
        let report = FinishedReport {
            id: report_id,
            csv_url: urls[0].to_string(),
            csv_name,
            rejected_url: urls[1].to_string(),
            rejected_name,
            outages: Some(Download { url: urls[2].to_string(), name: outages_name, blob: kept.outages.clone() }),
            daily: Some(Download { url: urls[3].to_string(), name: daily_name, blob: kept.daily.clone() }),
            extended: Some(Download { url: urls[4].to_string(), name: extended_name, blob: kept.extended.clone() }),
            scorecard: Some(Download { url: urls[5].to_string(), name: scorecard_name, blob: kept.scorecard.clone() }),
            rollup: Some(Download { url: urls[6].to_string(), name: rollup_name, blob: kept.rollup.clone() }),
            outcome,
        };
        Ok((report, urls, kept))
    }
}
