//! The messages between the page and its workers.
//!
//! A message is a small JSON text plus, beside it, what JSON would carry
//! badly: `File` handles from the page to a worker, and `ArrayBuffer`s from
//! a worker to the page (a report's CSV and rows, generated sample files),
//! which are transferred rather than copied. The JS envelope is
//! `{ json: string, attached: Array<File | ArrayBuffer> }`.
//!
//! The engine's small value types ([`FileKind`](engine::FileKind), [`Units`](engine::Units)) travel as they
//! are, through the engine's `serde` feature; the messages below hold what
//! has no such type in the engine, or a form of it made for the page.

mod answers;
pub mod envelope;
pub mod link;
mod outages;
mod reply;
mod report;
pub mod report_files;
mod request;
mod row_codec;
mod timeline;

pub use self::answers::{HeadlineMessage, StatesNowMessage, StoreStateNow};
pub use self::outages::{FleetOutage, OUTAGES_LISTED, OutageCountsMessage, OutageOrder, OutageQuery, OutagesOutcome};
pub use self::reply::{
    ArchiveEntry, ArchiveOutcome, EntryContent, FilePreviewMessage, GroupsSummaryMessage, Instant, PreviewOutcome,
    Reply, Stage,
};
pub use self::report::{
    DayCell, DimensionMessage, FileUse, FleetDay, FleetFreshness, LatestPollAt, OVERVIEW_MENTIONS, OutageSummary,
    Overview, REJECTIONS_ON_SCREEN, RejectedRow, ReportOutcome, RollupRowMessage, ScorecardMessage, StoreDays,
    StoreFreshness, StoreMention, StoreRow, StoreScoreMessage, WorkerTiming, attach_scores, attach_states,
};
pub use self::request::{
    Rebuild, ReportSettingsMessage, Request, SAMPLE_SEED, SAMPLE_STORES, default_horizon_days,
    default_stale_after_minutes,
};
pub use self::row_codec::{FIGURES_PER_STORE, decode_rows, encode_rows};
pub use self::timeline::{
    DayMark, ExampleMessage, OutageMark, PollMark, Span, TimelineMessage, TimelineOutcome, WindowMark,
};

/// The property of the envelope holding the JSON text.
pub const JSON_KEY: &str = "json";

/// The property of the envelope holding files or buffers, in the order the
/// message names them.
pub const ATTACHED_KEY: &str = "attached";

/// The property of the envelope holding, on a request that awaits its
/// answer, the request's number, which the worker puts on that answer.
pub const ASKED_KEY: &str = "asked";
