//! Reading one file of any bytes: never a panic, counts that add up, and
//! the same outcome whatever the chunks.
#![no_main]

#[path = "common.rs"]
mod common;

use engine::{ReportSettings, parse_timestamp};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&chunk, input)) = data.split_first() else { return };
    let (whole, refused_whole) = common::read(&[input], input.len());
    let (chunked, refused_chunked) = common::read(&[input], 1 + usize::from(chunk));
    assert_eq!(refused_whole, refused_chunked);
    common::check_counts(&whole);
    assert_eq!(common::describe(&whole), common::describe(&chunked));
    let settings = ReportSettings { now: parse_timestamp(b"2023-01-25 12:00:00").ok(), ..ReportSettings::default() };
    assert_eq!(common::report_text(whole, &settings), common::report_text(chunked, &settings));
});
