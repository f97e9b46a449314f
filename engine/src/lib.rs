//! The calculation engine of Store Uptime.
//!
//! It reads the three CSV files of the contract (status polls, business
//! hours, timezones) and computes, for every store, its uptime and downtime
//! within business hours over the last hour, day and week. It has no
//! dependency on the web: the browser app runs it in a Web Worker compiled
//! to WebAssembly, and the `store-uptime` command runs it natively.
//!
//! # Use
//!
//! ```
//! use std::ops::ControlFlow;
//! use store_uptime_engine::{Analysis, Dataset, ReportSettings, Units, compute_report, report_csv};
//!
//! let mut data = Dataset::new();
//! // Files are recognised by their header; feed them in chunks of any size.
//! let mut feed = data.read_file("status.csv");
//! feed.push(b"store_id,status,timestamp_utc\n1,active,2023-01-25 12:00:00 UTC\n")?;
//! feed.push(b"1,inactive,2023-01-25 11:30:00 UTC\n1,active,2023-01-25 11:00:00 UTC\n")?;
//! feed.finish()?;
//! data.read_bytes("timezones.csv", b"store_id,timezone_str\n1,America/New_York\n")?;
//!
//! let analysis = Analysis::new(data);
//! let report = compute_report(&analysis, &ReportSettings::default(), &mut |_done| ControlFlow::Continue(()))?;
//! assert_eq!(
//!     report_csv(&report, Units::Minutes),
//!     "store_id,uptime_last_hour,downtime_last_hour,uptime_last_day,downtime_last_day,\
//!      uptime_last_week,downtime_last_week\n1,30,30,1410,30,10050,30\n"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Progress and cancelling
//!
//! Reading is driven by the caller, chunk by chunk, so the caller knows the
//! fraction of bytes read and may stop between chunks.
//! [`compute_report`] calls back with the fraction of stores done, and
//! stops when the callback returns `ControlFlow::Break`.
//!
//! The decisions behind the rules are in `docs/DESIGN.md`.

#![warn(missing_docs)]

pub mod analysis;
pub mod assumed;
// Not documented yet: both modules are being reworked, and get their docs
// then. Until that, their undocumented items do not fail the lint checks.
#[allow(missing_docs)]
pub mod csv_tokenizer;
pub mod extended;
pub mod freshness;
pub mod headline;
pub mod history;
#[allow(missing_docs)]
pub mod input;
pub mod notices;
pub mod output;
pub mod overview;
pub mod report;
pub mod sample;
pub mod schedule;
pub mod scorecard;
#[cfg(feature = "serde")]
mod serde_remote;
pub mod store;
pub mod time;
pub mod timeline;
pub mod zone;

pub use analysis::{Analysis, Job, JobRunner, OneThread, Poll, TieRule};
pub use assumed::{OutageCounts, assumed_figures};
pub use extended::{extended_columns, extended_csv, write_extended_csv};
pub use freshness::{Freshness, HoursSource, StaleLimit, ZoneSource, freshness};
pub use headline::{FleetHeadline, PooledUptime};
pub use history::{
    DayFigures, FleetDayFigures, History, Horizon, Outage, StateNow, StoreHistory, compute_history,
    compute_report_and_history_on, fleet_days, states_now,
};
pub use input::{
    Compression, Container, Dataset, DecodeError, FileError, FileFeed, FileId, FileKind, FilePart, FileProblem,
    FileSummary, MergeProblem, PartFeed, PartRange, RejectReason, Rejection, split_file,
};
pub use notices::{Notice, notices};
pub use output::{Units, report_csv, write_report_csv};
pub use overview::FleetOverview;
pub use report::{
    Report, ReportError, ReportRow, ReportSettings, Window, WindowFigures, compute_report, compute_report_on,
};
pub use schedule::{Interval, OpeningPeriod, Weekday};
pub use scorecard::{
    Dimension, DimensionSummary, ExactSpan, GroupsSummary, NO_GROUP, Percent, PeriodFigures, Rollup, RollupRow,
    Scorecard, StoreScore, Target, TargetError, compute_report_and_scorecard_on, compute_scorecard, rollup, rollup_csv,
    scorecard_csv, write_rollup_csv, write_scorecard_csv,
};
pub use store::{StoreIndex, StoreTable};
pub use time::{TimeSpan, UtcInstant, parse_timestamp};
pub use timeline::StoreTimeline;
pub use zone::{DEFAULT_ZONE, OffsetSegment, StoreZone};
