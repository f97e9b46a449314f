//! The page's end of a worker ([`link::WorkerLink`]): the one function that
//! starts a worker and wires its replies; and the data worker
//! ([`data::DataWorker`]), which the inputs and the report queue share.
//! Depends only on the protocol; the areas that use a worker (inputs: the
//! helper and the files' previews; report: reports and timelines) decide
//! what its replies mean.

pub mod data;
pub mod link;
