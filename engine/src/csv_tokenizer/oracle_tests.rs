//! The tokenizer against the previous one (`oracle`): for any bytes, in any
//! chunks, in each mode, the same records (line, problem, fields), and after
//! each chunk the same line number and the same answer to
//! `at_record_boundary` (which the readers in parts rely on).

use proptest::prelude::*;

use super::{MAX_FIELDS, MAX_RECORD_BYTES, Record, RecordProblem, Tokenizer, oracle};

type Records = Vec<(u64, Option<RecordProblem>, Vec<Vec<u8>>)>;
/// After each chunk: the line of the next byte, and whether it is at a record boundary.
type States = Vec<(u64, bool)>;

fn keep(out: &mut Records) -> impl FnMut(Record<'_>) + '_ {
    |r: Record<'_>| out.push((r.line, r.problem, r.fields().map(<[u8]>::to_vec).collect()))
}

macro_rules! tokenize {
    ($tokenizer:expr, $input:expr, $chunk:expr) => {{
        let mut tokenizer = $tokenizer;
        let (mut records, mut states) = (Records::new(), States::new());
        for piece in $input.chunks($chunk.max(1)) {
            tokenizer.push(piece, &mut keep(&mut records));
            states.push((tokenizer.line(), tokenizer.at_record_boundary()));
        }
        tokenizer.finish(&mut keep(&mut records));
        states.push((tokenizer.line(), tokenizer.at_record_boundary()));
        (records, states)
    }};
}

/// The three modes the readers use: plain, a table, a table with `;`.
fn both(mode: u8, input: &[u8], chunk: usize) -> [(Records, States); 2] {
    match mode % 3 {
        0 => [tokenize!(Tokenizer::new(), input, chunk), tokenize!(oracle::Tokenizer::new(), input, chunk)],
        1 => [tokenize!(Tokenizer::for_table(), input, chunk), tokenize!(oracle::Tokenizer::for_table(), input, chunk)],
        _ => [
            tokenize!(Tokenizer::for_table().with_delimiter(b';'), input, chunk),
            tokenize!(oracle::Tokenizer::for_table().with_delimiter(b';'), input, chunk),
        ],
    }
}

fn assert_same(mode: u8, input: &[u8], chunk: usize) {
    let [ours, previous] = both(mode, input, chunk);
    assert_eq!(ours.0, previous.0, "records, mode {mode}, chunks of {chunk}: {:?}", String::from_utf8_lossy(input));
    assert_eq!(ours.1, previous.1, "states, mode {mode}, chunks of {chunk}: {:?}", String::from_utf8_lossy(input));
}

/// Bytes that are mostly CSV, with every kind of damage now and then.
fn csv_like() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        30 => prop::sample::select(b"0123456789abc -:.".to_vec()),
        6 => Just(b','),
        4 => Just(b'\n'),
        2 => Just(b';'),
        1 => Just(b'"'),
        1 => Just(b'\r'),
        1 => prop::sample::select(vec![0xEF, 0xBB, 0xBF, b'\t', 0]),
        1 => any::<u8>(),
    ];
    prop::collection::vec(byte, 0..600)
}

/// Status rows, CRLF or not, with a stray quote, blank line or short row
/// here and there: long runs of the fast path, crossing blocks and chunks.
fn status_rows() -> impl Strategy<Value = Vec<u8>> {
    let row = (0u64..100_000, any::<bool>(), 0u32..6, any::<bool>()).prop_map(|(id, active, damage, crlf)| {
        let status = if active { "active" } else { "inactive" };
        let mut row = format!("{id}{id},{status},2023-01-22 12:{:02}:39.388884 UTC", id % 60);
        match damage {
            0 => row.insert(row.len() / 2, '"'),
            1 => row.clear(),
            2 => row.truncate(row.len() / 3),
            _ => {}
        }
        row.push_str(if crlf { "\r\n" } else { "\n" });
        row.into_bytes()
    });
    prop::collection::vec(row, 0..40).prop_map(|rows| {
        let mut file = b"store_id,status,timestamp_utc\n".to_vec();
        rows.iter().for_each(|row| file.extend_from_slice(row));
        file
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_bytes_tokenize_as_before(input in csv_like(), mode in 0u8..3, chunk in 1usize..80) {
        assert_same(mode, &input, chunk);
        assert_same(mode, &input, input.len());
    }

    #[test]
    fn status_rows_tokenize_as_before(input in status_rows(), mode in 0u8..3, chunk in 1usize..200) {
        assert_same(mode, &input, chunk);
        assert_same(mode, &input, input.len());
    }
}

/// Lines at and past the limits, which random bytes do not reach: the
/// fast path leaves them to the slow one at exactly the same points.
#[test]
fn lines_at_the_limits_tokenize_as_before() {
    let mut inputs = Vec::new();
    for bytes in [MAX_RECORD_BYTES - 1, MAX_RECORD_BYTES, MAX_RECORD_BYTES + 1] {
        for ending in ["\n", "\r\n", ""] {
            inputs.push(format!("a,b\n{}{ending}x,y\n", "z".repeat(bytes)));
            inputs.push(format!("{}{ending}x,y\n", "z".repeat(bytes - 1) + ","));
        }
    }
    for fields in [MAX_FIELDS - 1, MAX_FIELDS, MAX_FIELDS + 1] {
        for ending in ["\n", "\r\n", ""] {
            inputs.push(format!("a,b\n{}{ending}x,y\n", ",".repeat(fields - 1)));
            inputs.push(format!("{}{ending}x,y\n", "1,".repeat(fields - 1) + "1"));
        }
    }
    for input in &inputs {
        for mode in 0..3 {
            for chunk in [1, 63, 64, 65, 4096, input.len()] {
                assert_same(mode, input.as_bytes(), chunk);
            }
        }
    }
}
