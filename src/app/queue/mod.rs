//! The queue of reports: [`report_queue::Queue`], the page's context that
//! drives the pure [`queue_machine::QueueMachine`] (jobs waiting, running,
//! finished or failed) and the data worker; the `finished` reports with
//! their downloads; and the views of the jobs — the generate bar, the list
//! of reports and a report's card.
//!
//! Lives between the inputs and the report: it may use the shell, the
//! settings, the worker link and the inputs, never the report on screen or
//! the storage (which both use it).

pub mod finished;
pub mod generate_bar;
pub mod queue_machine;
pub mod report_card;
pub mod report_list;
pub mod report_queue;
