//! The CSV tokenizer: any bytes, in any chunks, give the same records, and
//! on input without damage the same fields as the `csv` crate.
#![no_main]

use engine::fuzzing::{RecordProblem, Tokenizer};
use libfuzzer_sys::fuzz_target;

type Records = Vec<(u64, Option<RecordProblem>, Vec<Vec<u8>>)>;

fn tokenize(input: &[u8], chunk: usize) -> Records {
    let mut out = Vec::new();
    let mut tokenizer = Tokenizer::new();
    let mut sink = |r: engine::fuzzing::Record<'_>| {
        out.push((r.line, r.problem, r.fields().map(<[u8]>::to_vec).collect()));
    };
    for piece in input.chunks(chunk.max(1)) {
        tokenizer.push(piece, &mut sink);
    }
    tokenizer.finish(&mut sink);
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&chunk, input)) = data.split_first() else { return };
    let whole = tokenize(input, input.len());
    assert_eq!(whole, tokenize(input, 1 + usize::from(chunk % 32)), "chunking changed the records");

    // Line numbers start at 1, never go back, and stay within the file.
    let breaks = input.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64;
    let mut last = 0;
    for (line, ..) in &whole {
        assert!(*line > last && *line <= breaks + 1, "line {line} after {last}, {breaks} breaks");
        last = *line;
    }

    // Without damage, the fields are exactly the `csv` crate's.
    if whole.iter().any(|r| r.1.is_some()) {
        return;
    }
    // The csv crate drops a leading byte order mark as we do.
    let theirs: Vec<Vec<Vec<u8>>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input)
        .byte_records()
        .map(|r| r.map(|r| r.iter().map(<[u8]>::to_vec).collect()).unwrap_or_default())
        .collect();
    let ours: Vec<Vec<Vec<u8>>> = whole.into_iter().map(|r| r.2).collect();
    assert_eq!(ours, theirs, "fields differ from the csv crate's");
});
