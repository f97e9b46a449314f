//! The fleet's outage list, a page at a time: what the page asks and what
//! it gets.

use serde::{Deserialize, Serialize};

/// Which of the fleet's outages to list: a page of [`OUTAGES_LISTED`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OutageQuery {
    /// Only stores whose id contains this, ignoring case and the spaces
    /// around it; every store when empty.
    pub filter: String,
    pub order: OutageOrder,
    /// How many of the matching outages, in that order, come before the page.
    pub offset: u64,
}

/// The order of the fleet's outage list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OutageOrder {
    /// Longest first; equal lengths by start, then in the report's order.
    #[default]
    Longest,
    /// Latest start first; equal starts longest first.
    Latest,
    /// Earliest start first; equal starts longest first.
    Earliest,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutagesOutcome {
    Listed {
        /// How many outages match the filter, on every page.
        matching: u64,
        /// At most [`OUTAGES_LISTED`] of them, from the query's offset.
        outages: Vec<FleetOutage>,
    },
    Unavailable {
        reason: String,
    },
}

/// One outage in the fleet's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetOutage {
    pub store_id: String,
    /// RFC 3339, on the store's clock with its offset.
    pub start_local: String,
    pub end_local: String,
    pub length_nanos: i64,
    pub ongoing: bool,
    pub before_first_poll: bool,
}

/// How many of the fleet's outages the page lists at a time (a page of
/// the list); the download has every one.
pub const OUTAGES_LISTED: usize = 200;
