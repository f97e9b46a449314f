//! The page's end of a worker ([`link::WorkerLink`]): the one function that
//! starts a worker and wires its replies. Depends only on the protocol;
//! the areas that own a worker (inputs: the helper; report: the report
//! worker) decide what its replies mean.

pub mod link;
