//! The fleet's headline (its uptime, the stores down now) and the fleet
//! overview's charts (SVG): the stores down in the last hour,
//! the histogram of weekly uptime, the least available stores, and how many
//! stores have stale data, and the fleet against its target and the period
//! before with the roll-up by group. Views of a finished report; they depend on the
//! report's types and table focus, and each can show its stores in the
//! table (`show_in_table`).

pub mod down_last_hour_chart;
pub mod fleet_headline;
pub mod fleet_overview;
pub mod least_available_chart;
pub mod rollup_chart;
pub mod scorecard_overview;
pub mod show_in_table;
pub mod stale_stores;
pub mod store_bars;
pub mod uptime_histogram;
