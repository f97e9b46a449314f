//! Store Uptime: the browser app. The calculation lives in the
//! `store-uptime-engine` crate; the command-line tool in `src/bin`.
//!
//! With the `web` feature, this crate holds the page ([`app`]), the Web
//! Worker that runs the engine ([`worker`]) and the messages between them
//! ([`protocol`]). Trunk builds `src/bin/app.rs` and `src/bin/worker.rs`
//! from it for the browser.

#[cfg(feature = "web")]
pub mod app;
#[cfg(feature = "web")]
pub mod protocol;
#[cfg(feature = "web")]
pub mod worker;
