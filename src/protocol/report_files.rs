//! What a report attaches to its replies, as typed values: the worker makes
//! them and posts `to_vec`, the page reads them back with `from_vec`, so
//! that the order is written once, here. [`ReportFiles`] travels with
//! [`super::Reply::Complete`]; [`LaterFiles`], the CSVs few users download,
//! with [`super::Reply::Downloads`], which follows it.

use js_sys::ArrayBuffer;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

/// The files of a complete report: its CSV and its rejected rows as `Blob`s
/// (to download and to keep), its rows as [`super::encode_rows`] writes
/// them in three `ArrayBuffer`s (store ids, the figures as little-endian
/// `f64`s, the days as little-endian `f32`s, to read now, transferred), and
/// the same three as `Blob`s (to keep).
#[derive(Clone, Debug)]
pub struct ReportFiles {
    pub csv: Blob,
    pub rejected: Blob,
    pub ids: ArrayBuffer,
    pub figures: ArrayBuffer,
    pub days: ArrayBuffer,
    pub ids_blob: Blob,
    pub figures_blob: Blob,
    pub days_blob: Blob,
}

/// The CSVs a report offers besides its own, written after it is complete.
#[derive(Clone, Debug)]
pub struct LaterFiles {
    pub outages: Blob,
    pub daily: Blob,
    /// `store-uptime --format extended`.
    pub extended: Blob,
    /// `store-uptime --scorecard` and `--rollup`.
    pub scorecard: Blob,
    pub rollup: Blob,
}

/// How many values [`ReportFiles::to_vec`] gives.
const COUNT: usize = 8;
/// How many values [`LaterFiles::to_vec`] gives.
const LATER_COUNT: usize = 5;

fn blob(value: JsValue, what: &str) -> Result<Blob, String> {
    value.dyn_into::<Blob>().map_err(|_| format!("the {what} is not a Blob"))
}

/// The attachments as an array of `N`, or how many there were instead.
fn exactly<const N: usize>(attached: Vec<JsValue>) -> Result<[JsValue; N], String> {
    attached.try_into().map_err(|attached: Vec<JsValue>| format!("{} attachments instead of {N}", attached.len()))
}

impl ReportFiles {
    /// The attachments in the order [`ReportFiles::from_vec`] reads them.
    pub fn to_vec(&self) -> Vec<JsValue> {
        let attached = vec![
            JsValue::from(&self.csv),
            JsValue::from(&self.rejected),
            JsValue::from(&self.ids),
            JsValue::from(&self.figures),
            JsValue::from(&self.days),
            JsValue::from(&self.ids_blob),
            JsValue::from(&self.figures_blob),
            JsValue::from(&self.days_blob),
        ];
        debug_assert_eq!(attached.len(), COUNT);
        attached
    }

    /// Reads what [`ReportFiles::to_vec`] gave, or says what is missing or
    /// of the wrong kind.
    pub fn from_vec(attached: Vec<JsValue>) -> Result<ReportFiles, String> {
        let [csv, rejected, ids, figures, days, ids_blob, figures_blob, days_blob] = exactly::<COUNT>(attached)?;
        let buffer = |value: JsValue, what: &str| {
            value.dyn_into::<ArrayBuffer>().map_err(|_| format!("the {what} is not an ArrayBuffer"))
        };
        Ok(ReportFiles {
            csv: blob(csv, "report CSV")?,
            rejected: blob(rejected, "rejected rows' CSV")?,
            ids: buffer(ids, "store ids")?,
            figures: buffer(figures, "figures")?,
            days: buffer(days, "days")?,
            ids_blob: blob(ids_blob, "kept ids")?,
            figures_blob: blob(figures_blob, "kept figures")?,
            days_blob: blob(days_blob, "kept days")?,
        })
    }
}

impl LaterFiles {
    /// The attachments in the order [`LaterFiles::from_vec`] reads them.
    pub fn to_vec(&self) -> Vec<JsValue> {
        [&self.outages, &self.daily, &self.extended, &self.scorecard, &self.rollup].map(JsValue::from).to_vec()
    }

    /// Reads what [`LaterFiles::to_vec`] gave, or says what is missing or
    /// of the wrong kind.
    pub fn from_vec(attached: Vec<JsValue>) -> Result<LaterFiles, String> {
        let [outages, daily, extended, scorecard, rollup] = exactly::<LATER_COUNT>(attached)?;
        Ok(LaterFiles {
            outages: blob(outages, "outages CSV")?,
            daily: blob(daily, "daily CSV")?,
            extended: blob(extended, "extended CSV")?,
            scorecard: blob(scorecard, "scorecard CSV")?,
            rollup: blob(rollup, "roll-up CSV")?,
        })
    }
}
