//! What a complete report attaches to its reply ([`super::Reply::Complete`]),
//! as one typed value: the worker makes it and posts [`ReportFiles::to_vec`],
//! the page reads it back with [`ReportFiles::from_vec`], so that the order
//! is written once, here.

use js_sys::ArrayBuffer;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

/// The files of a complete report: its CSVs as `Blob`s (to download and to
/// keep), its rows as [`super::encode_rows`] writes them in three
/// `ArrayBuffer`s (store ids, the figures as little-endian `f64`s, the days
/// as little-endian `f32`s, to read now, transferred), and the same three
/// as `Blob`s (to keep).
#[derive(Clone, Debug)]
pub struct ReportFiles {
    pub csv: Blob,
    pub rejected: Blob,
    pub outages: Blob,
    pub daily: Blob,
    /// `store-uptime --format extended`.
    pub extended: Blob,
    pub ids: ArrayBuffer,
    pub figures: ArrayBuffer,
    pub days: ArrayBuffer,
    pub ids_blob: Blob,
    pub figures_blob: Blob,
    pub days_blob: Blob,
    /// `store-uptime --scorecard` and `--rollup`.
    pub scorecard: Blob,
    pub rollup: Blob,
}

/// How many values [`ReportFiles::to_vec`] gives.
const COUNT: usize = 13;

impl ReportFiles {
    /// The attachments in the order [`ReportFiles::from_vec`] reads them.
    pub fn to_vec(&self) -> Vec<JsValue> {
        let blobs = |blobs: &[&Blob]| blobs.iter().map(|blob| JsValue::from(*blob)).collect::<Vec<_>>();
        let mut attached = blobs(&[&self.csv, &self.rejected, &self.outages, &self.daily, &self.extended]);
        attached.extend([&self.ids, &self.figures, &self.days].map(JsValue::from));
        attached.extend(blobs(&[&self.ids_blob, &self.figures_blob, &self.days_blob, &self.scorecard, &self.rollup]));
        debug_assert_eq!(attached.len(), COUNT);
        attached
    }

    /// Reads what [`ReportFiles::to_vec`] gave, or says what is missing or
    /// of the wrong kind.
    pub fn from_vec(attached: Vec<JsValue>) -> Result<ReportFiles, String> {
        let attached: [JsValue; COUNT] = attached
            .try_into()
            .map_err(|attached: Vec<JsValue>| format!("{} attachments instead of {COUNT}", attached.len()))?;
        let [
            csv,
            rejected,
            outages,
            daily,
            extended,
            ids,
            figures,
            days,
            ids_blob,
            figures_blob,
            days_blob,
            scorecard,
            rollup,
        ] = attached;
        let blob =
            |value: JsValue, what: &str| value.dyn_into::<Blob>().map_err(|_| format!("the {what} is not a Blob"));
        let buffer = |value: JsValue, what: &str| {
            value.dyn_into::<ArrayBuffer>().map_err(|_| format!("the {what} is not an ArrayBuffer"))
        };
        Ok(ReportFiles {
            csv: blob(csv, "report CSV")?,
            rejected: blob(rejected, "rejected rows' CSV")?,
            outages: blob(outages, "outages CSV")?,
            daily: blob(daily, "daily CSV")?,
            extended: blob(extended, "extended CSV")?,
            ids: buffer(ids, "store ids")?,
            figures: buffer(figures, "figures")?,
            days: buffer(days, "days")?,
            ids_blob: blob(ids_blob, "kept ids")?,
            figures_blob: blob(figures_blob, "kept figures")?,
            days_blob: blob(days_blob, "kept days")?,
            scorecard: blob(scorecard, "scorecard CSV")?,
            rollup: blob(rollup, "roll-up CSV")?,
        })
    }
}
