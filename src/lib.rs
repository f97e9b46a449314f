//! Store Uptime: the browser app. The calculation lives in the
//! `store-uptime-engine` crate; the command-line tool in `src/bin`.
