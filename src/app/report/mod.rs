//! Reports: the queue ([`queue::Queue`], driving the pure
//! [`queue_machine::QueueMachine`]) and its report worker, the finished
//! reports, the list of jobs, and the report on screen — summary, table,
//! rejected rows, and the panel that gathers them with the fleet's
//! `charts`, the `outages` and days, and a store's `timeline` (its own
//! context, [`timeline::route::Timeline`], which asks the queue's worker).
//!
//! Depends on the shell, the settings, the inputs and the worker link.
//! Inside, the queue depends on nothing else here; the timeline's state
//! depends on the queue; views depend on both. Nothing here calls the
//! storage.

pub mod charts;
pub mod finished;
pub mod freshness;
pub mod generate_bar;
pub mod inputs_fold;
pub mod outages;
pub mod queue;
pub mod queue_machine;
pub mod rejected_rows;
pub mod report_card;
pub mod report_list;
pub mod report_nav;
pub mod report_panel;
pub mod report_summary;
pub mod report_table;
pub mod report_view;
pub mod share;
pub mod table;
pub mod table_conditions;
pub mod table_view;
pub mod timeline;
pub mod view_download;
