//! Sharing a report: a link to the view on screen, printing, and the
//! self-contained HTML snapshot (`snapshot.rs`, written by `html.rs` with
//! one escaping function, its charts by `snapshot_charts.rs`, its content
//! gathered from a finished report by `snapshot_of.rs`). The writers are
//! pure and depend on nothing of the page but its number formats.

pub mod copy_link;
pub mod html;
pub mod shared_link_notice;
pub mod snapshot;
pub mod snapshot_charts;
pub mod snapshot_download;
pub mod snapshot_of;
