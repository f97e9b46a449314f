//! The tokenizer and the timestamp parser against the previous ones, kept
//! as oracles (`engine::fuzzing::OracleTokenizer`,
//! `oracle_parse_timestamp`). For any bytes, in any chunks, in each mode the
//! readers use (plain, a table, a table separated by `;`):
//!
//! 1. the same records: line, problem and fields;
//! 2. after each chunk, the same line number and the same answer to
//!    `at_record_boundary` (where the readers in parts may cut);
//! 3. every field, and the whole input, read as a timestamp give the same
//!    instant or the same error, so a row is kept or rejected for the same
//!    reason on the same line.
#![no_main]

use engine::fuzzing::{OracleTokenizer, Record, RecordProblem, Tokenizer, oracle_parse_timestamp};
use engine::parse_timestamp;
use libfuzzer_sys::fuzz_target;

type Records = Vec<(u64, Option<RecordProblem>, Vec<Vec<u8>>)>;
type States = Vec<(u64, bool)>;

macro_rules! tokenize {
    ($tokenizer:expr, $input:expr, $chunk:expr) => {{
        let mut tokenizer = $tokenizer;
        let (mut records, mut states): (Records, States) = (Vec::new(), Vec::new());
        let mut sink = |r: Record<'_>| records.push((r.line, r.problem, r.fields().map(<[u8]>::to_vec).collect()));
        for piece in $input.chunks($chunk) {
            tokenizer.push(piece, &mut sink);
            states.push((tokenizer.line(), tokenizer.at_record_boundary()));
        }
        tokenizer.finish(&mut sink);
        states.push((tokenizer.line(), tokenizer.at_record_boundary()));
        (records, states)
    }};
}

fuzz_target!(|data: &[u8]| {
    let Some((&[mode, chunk], input)) = data.split_first_chunk::<2>() else { return };
    let chunk = if chunk == 0 { input.len().max(1) } else { usize::from(chunk) };
    let (ours, previous) = match mode % 3 {
        0 => (tokenize!(Tokenizer::new(), input, chunk), tokenize!(OracleTokenizer::new(), input, chunk)),
        1 => (tokenize!(Tokenizer::for_table(), input, chunk), tokenize!(OracleTokenizer::for_table(), input, chunk)),
        _ => (
            tokenize!(Tokenizer::for_table().with_delimiter(b';'), input, chunk),
            tokenize!(OracleTokenizer::for_table().with_delimiter(b';'), input, chunk),
        ),
    };
    assert_eq!(ours.0, previous.0, "records differ from the previous tokenizer's");
    assert_eq!(ours.1, previous.1, "line numbers or record boundaries differ after a chunk");

    for field in ours.0.iter().flat_map(|(_, _, fields)| fields) {
        assert_eq!(parse_timestamp(field), oracle_parse_timestamp(field), "timestamp {field:?}");
    }
    assert_eq!(parse_timestamp(input), oracle_parse_timestamp(input), "timestamp {input:?}");
});
