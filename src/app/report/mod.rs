//! The report on screen: the summary, the `table` of every store,
//! rejected rows, and the panel that gathers them with the fleet's
//! `charts`, the `outages` and days, and a store's `timeline` (its own
//! context, [`timeline::route::Timeline`], which asks the data worker, through the queue).
//!
//! Depends on the shell, the settings, the inputs, the worker link and the
//! queue (`crate::app::queue`, which makes the reports shown here). The
//! timeline's state depends on the queue; views depend on both. Nothing
//! here calls the storage.

pub mod charts;
pub mod freshness;
pub mod inputs_fold;
pub mod outages;
pub mod rejected_rows;
pub mod report_nav;
pub mod report_panel;
pub mod report_summary;
pub mod report_view;
pub mod share;
pub mod table;
pub mod timeline;
