//! The page's end of its data worker ([`data::DataWorker`]), which the
//! inputs and the report queue share; workers are started with
//! `crate::protocol::link::WorkerLink`. Depends only on the protocol; the
//! areas that use a worker (inputs: the helper and the files' previews;
//! report: reports and timelines) decide what its replies mean.

pub mod data;
