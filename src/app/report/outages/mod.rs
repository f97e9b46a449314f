//! Outages and days over the report's horizon: a store's outage list, the
//! fleet's longest outages and the day strips. Views of a finished report;
//! a store in them opens its timeline.

pub mod day_strip;
pub mod fleet_outages;
pub mod store_outages;
pub mod strip_keys;
