//! The report table: its columns and how rows are chosen and ordered
//! (`columns`, plain functions apart from any view), the conditions that
//! hide rows (`conditions`), the view in the address (`view`), the table
//! itself (`report_table`, with the rows it draws worked out in
//! `scroll_window`) and "Download this view" (`view_download`).
//!
//! Uses the report's freshness texts and the finished report of the queue;
//! the charts use its columns and conditions to focus the table.

pub mod columns;
pub mod conditions;
pub mod report_table;
pub mod scroll_window;
pub mod view;
pub mod view_download;
