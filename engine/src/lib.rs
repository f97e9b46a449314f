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
//! # One API
//!
//! Every item is at the crate's root (`store_uptime_engine::Report`, never
//! a module path): the modules are private, so that they can be split and
//! moved without breaking a caller. What only the fuzz targets need (the
//! CSV tokenizer) is behind the `fuzzing` feature.
//!
//! The decisions behind the rules are in `docs/DESIGN.md`.

#![warn(missing_docs)]

mod analysis;
mod assumed;
mod csv_tokenizer;
mod extended;
mod freshness;
mod headline;
mod history;
mod input;
mod notices;
mod output;
mod overview;
mod poll_order;
mod report;
mod sample;
mod schedule;
mod scorecard;
#[cfg(feature = "serde")]
mod serde_remote;
mod store;
mod time;
mod timeline;
mod zone;

/// What only the fuzz targets (`fuzz/`) reach: the CSV tokenizer under the
/// readers and the clock time of the hours file. It is not part of the API
/// and may change with any release; the `fuzzing` feature turns it on.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::csv_tokenizer::oracle::Tokenizer as OracleTokenizer;
    pub use crate::csv_tokenizer::{MAX_FIELDS, MAX_RECORD_BYTES, Record, RecordProblem, Tokenizer};
    pub use crate::time::ClockTime;
    pub use crate::time::oracle::parse_timestamp as oracle_parse_timestamp;
}

pub use analysis::{Analysis, Job, JobRunner, OneThread, Poll, TieRule};
pub use assumed::{OutageCounts, assumed_figures};
pub use extended::{extended_columns, extended_csv, write_extended_csv};
pub use freshness::{Freshness, HoursSource, StaleLimit, ZoneSource, freshness};
pub use headline::{FleetHeadline, PooledUptime};
pub use history::{
    DayFigures, FleetDayFigures, History, Horizon, Outage, StateNow, StoreHistory, compute_history,
    compute_report_and_history_on, days_csv, fleet_days, format_timestamp, outages_csv, states_now, store_outages,
    write_days_csv, write_outages_csv,
};
pub use input::zip::{Disposition, ReadAt, ZipEntry, ZipProblem, zip_entries};
pub use input::{
    Compression, Container, Dataset, DecodeError, FileError, FileFeed, FileId, FileKind, FilePart, FilePreview,
    FileProblem, FileSummary, MIN_PART_BYTES, MergeProblem, PREVIEW_ROWS, PartFeed, PartRange, PreviewFeed,
    REJECTION_LIST_CAP, RejectReason, Rejection, split_file,
};
pub use notices::{Notice, notices};
pub use output::{Unit, Units, format_span, rejections_csv, report_csv, write_report_csv};
pub use overview::{
    FleetOverview, LEAST_AVAILABLE_FLOOR, LeastOrder, StoreMention, UPTIME_BIN_FLOORS_PERMILLE, least_available,
    uptime_at_least, uptime_bin,
};
pub use report::{
    Report, ReportError, ReportRow, ReportSettings, Window, WindowFigures, compute_report, compute_report_on,
};
pub use sample::{SampleFiles, SampleRng, SampleSpec, sample_files, write_groups, write_sample};
pub use schedule::{Interval, OpeningPeriod, Weekday};
pub use scorecard::{
    Dimension, DimensionSummary, ExactSpan, GroupsSummary, NO_GROUP, Percent, PeriodFigures, Rollup, RollupRow,
    Scorecard, StoreScore, Target, TargetError, compute_report_and_scorecard_on, compute_scorecard, rollup, rollup_csv,
    scorecard_csv, write_rollup_csv, write_scorecard_csv,
};
pub use store::{IdOrder, StoreIndex, StoreTable};
pub use time::{TimeSpan, UtcInstant, parse_timestamp};
pub use timeline::{StatusSpan, StoreTimeline};
pub use zone::{DEFAULT_ZONE, OffsetSegment, StoreZone};
