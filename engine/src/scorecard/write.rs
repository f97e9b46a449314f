//! The scorecard and the roll-up as CSV text, written like the report:
//! `\n` line endings, minutes with at most two decimals, percentages and
//! targets with at most three, text fields made safe for spreadsheets.

use std::io;

use super::exact::{push_decimal, push_minutes};
use super::{ExactSpan, Percent, Rollup, Scorecard};
use crate::output::{Unit, format_span, push_integer, push_text_field};
use crate::time::TimeSpan;

/// The scorecard's columns before the dimensions', in order.
pub(crate) const SCORECARD_COLUMNS: [&str; 16] = [
    "store_id",
    "business_minutes",
    "uptime",
    "downtime",
    "uptime_percent",
    "target",
    "allowed_downtime",
    "budget_left",
    "meets_target",
    "previous_business_minutes",
    "previous_uptime",
    "previous_downtime",
    "previous_uptime_percent",
    "previous_polls",
    "change_downtime",
    "change_uptime_percent",
];

/// The roll-up's columns, in order.
pub(crate) const ROLLUP_COLUMNS: [&str; 14] = [
    "dimension",
    "group",
    "stores",
    "business_minutes",
    "uptime",
    "downtime",
    "uptime_percent",
    "median_store_uptime_percent",
    "stores_meeting_target",
    "stores_missing_target",
    "allowed_downtime",
    "budget_left",
    "previous_uptime_percent",
    "change_uptime_percent",
];

/// Rows are gathered into blocks of about this size before a write.
const BLOCK_BYTES: usize = 60 * 1024;

/// The scorecard as CSV text.
pub fn scorecard_csv(card: &Scorecard) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_scorecard_csv(card, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The roll-up as CSV text.
pub fn rollup_csv(card: &Scorecard, rollup: &Rollup) -> String {
    let mut out = Vec::new();
    let _ = write_rollup_csv(card, rollup, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the scorecard: one row per store, in the report's order.
pub fn write_scorecard_csv(card: &Scorecard, writer: &mut dyn io::Write) -> io::Result<()> {
    let mut block = String::with_capacity(BLOCK_BYTES + 1024);
    block.push_str(&SCORECARD_COLUMNS.join(","));
    for dimension in &card.dimensions {
        block.push(',');
        push_text_field(&dimension.name, &mut block);
    }
    block.push('\n');
    for store in &card.stores {
        push_text_field(&store.store_id, &mut block);
        for span in [store.current.business, store.current.uptime, store.current.downtime] {
            block.push(',');
            format_span(span, Unit::Minute, &mut block);
        }
        block.push(',');
        push_percent(store.uptime_percent(), &mut block);
        block.push(',');
        if let Some(target) = store.target {
            block.push_str(&target.to_string());
        }
        block.push(',');
        push_exact(store.allowed_downtime(), &mut block);
        block.push(',');
        push_exact(store.budget_left(), &mut block);
        block.push(',');
        push_flag(store.meets_target(), &mut block);
        let previous = store.previous;
        for span in [previous.map(|p| p.business), previous.map(|p| p.uptime), previous.map(|p| p.downtime)] {
            block.push(',');
            push_span(span, &mut block);
        }
        block.push(',');
        push_percent(previous.and_then(|p| p.uptime_percent()), &mut block);
        block.push(',');
        push_integer(store.previous_polls, &mut block);
        block.push(',');
        push_span(store.change_downtime(), &mut block);
        block.push(',');
        push_thousandths(store.change_uptime_percent(), &mut block);
        for (dimension, &group) in card.dimensions.iter().zip(&store.groups) {
            block.push(',');
            push_text_field(&dimension.groups[group as usize], &mut block);
        }
        block.push('\n');
        if block.len() > BLOCK_BYTES {
            writer.write_all(block.as_bytes())?;
            block.clear();
        }
    }
    writer.write_all(block.as_bytes())
}

/// Writes the roll-up: the fleet, then each dimension's groups.
pub fn write_rollup_csv(card: &Scorecard, rollup: &Rollup, writer: &mut dyn io::Write) -> io::Result<()> {
    let mut block = String::with_capacity(BLOCK_BYTES + 1024);
    block.push_str(&ROLLUP_COLUMNS.join(","));
    block.push('\n');
    for row in &rollup.rows {
        match row.dimension.and_then(|d| card.dimensions.get(d)) {
            Some(dimension) => {
                push_text_field(&dimension.name, &mut block);
                block.push(',');
                push_text_field(&dimension.groups[row.group], &mut block);
            }
            None => block.push_str("fleet,all"),
        }
        block.push(',');
        push_integer(row.stores, &mut block);
        for nanos in [row.business_nanos, row.uptime_nanos, row.downtime_nanos] {
            block.push(',');
            push_minutes(nanos, 1, &mut block);
        }
        block.push(',');
        push_percent(row.uptime_percent, &mut block);
        block.push(',');
        push_thousandths(row.median_store_uptime_thousandths, &mut block);
        for count in [row.stores_meeting_target, row.stores_missing_target] {
            block.push(',');
            if let Some(count) = count {
                push_integer(count, &mut block);
            }
        }
        block.push(',');
        push_exact(row.allowed_downtime, &mut block);
        block.push(',');
        push_exact(row.budget_left, &mut block);
        block.push(',');
        push_percent(row.previous_uptime_percent, &mut block);
        block.push(',');
        push_thousandths(row.change_uptime_percent(), &mut block);
        block.push('\n');
        if block.len() > BLOCK_BYTES {
            writer.write_all(block.as_bytes())?;
            block.clear();
        }
    }
    writer.write_all(block.as_bytes())
}

fn push_span(span: Option<TimeSpan>, out: &mut String) {
    if let Some(span) = span {
        format_span(span, Unit::Minute, out);
    }
}

fn push_exact(span: Option<ExactSpan>, out: &mut String) {
    if let Some(span) = span {
        span.push_minutes(out);
    }
}

fn push_percent(percent: Option<Percent>, out: &mut String) {
    push_thousandths(percent.map(Percent::thousandths), out);
}

fn push_thousandths(value: Option<i128>, out: &mut String) {
    if let Some(value) = value {
        push_decimal(value, 3, out);
    }
}

fn push_flag(flag: Option<bool>, out: &mut String) {
    match flag {
        Some(true) => out.push_str("true"),
        Some(false) => out.push_str("false"),
        None => {}
    }
}
