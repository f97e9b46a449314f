//! The CSV tokenizer in the mode files are read in ([`Tokenizer::for_table`]),
//! with its recovery rule for stray quotes. For any bytes, in any chunks:
//!
//! 1. the records are the same whatever the chunks;
//! 2. records start on increasing lines, and each ends before the next
//!    begins: a record spans its first line plus the line breaks inside its
//!    fields (none for a record with a problem, which keeps no fields);
//! 3. nothing is swallowed: every line that holds a byte lies in exactly one
//!    record's span (the recovery rule re-reads the lines after a stray
//!    quote rather than dropping them);
//! 4. a record that spans lines has the header's width (the first record's
//!    number of fields): one that would not is reported as a stray quote on
//!    its first line;
//! 5. a record keeps at most `MAX_FIELDS` fields and `MAX_RECORD_BYTES` bytes;
//! 6. where no record has a problem or spans lines, the records are the
//!    `csv` crate's, as in the default mode.
#![no_main]

use engine::fuzzing::{MAX_FIELDS, MAX_RECORD_BYTES, Record, RecordProblem, Tokenizer};
use libfuzzer_sys::fuzz_target;

type Records = Vec<(u64, Option<RecordProblem>, Vec<Vec<u8>>)>;

fn tokenize(input: &[u8], chunk: usize) -> Records {
    let mut out = Vec::new();
    let mut tokenizer = Tokenizer::for_table();
    let mut sink = |r: Record<'_>| out.push((r.line, r.problem, r.fields().map(<[u8]>::to_vec).collect()));
    for piece in input.chunks(chunk.max(1)) {
        tokenizer.push(piece, &mut sink);
    }
    tokenizer.finish(&mut sink);
    out
}

/// Line breaks in a field: `\r\n` is one.
fn breaks(field: &[u8]) -> u64 {
    let mut count = 0;
    for (i, &b) in field.iter().enumerate() {
        if b == b'\n' && i > 0 && field[i - 1] == b'\r' {
            continue;
        }
        if b == b'\n' || b == b'\r' {
            count += 1;
        }
    }
    count
}

/// For each physical line (1-based index - 1), whether it holds a byte.
fn lines_with_content(input: &[u8]) -> Vec<bool> {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let mut lines = vec![false];
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'\r' if input.get(i + 1) == Some(&b'\n') => {
                lines.push(false);
                i += 1;
            }
            b'\r' | b'\n' => lines.push(false),
            _ => *lines.last_mut().expect("one line at least") = true,
        }
        i += 1;
    }
    lines
}

fuzz_target!(|data: &[u8]| {
    let Some((&chunk, input)) = data.split_first() else { return };
    let whole = tokenize(input, input.len());
    assert_eq!(whole, tokenize(input, 1 + usize::from(chunk % 32)), "chunking changed the records");

    let content = lines_with_content(input);
    let mut covered = vec![0u32; content.len()];
    // The header: the first record with no problem that is not blank.
    let blank = |fields: &[Vec<u8>]| fields.len() == 1 && fields[0].iter().all(u8::is_ascii_whitespace);
    let header = whole.iter().position(|r| r.1.is_none() && !blank(&r.2));
    let mut next_free = 1;
    for (index, (line, problem, fields)) in whole.iter().enumerate() {
        assert!(*line >= next_free, "record at line {line} overlaps the one before");
        assert!(fields.len() <= MAX_FIELDS && fields.iter().map(Vec::len).sum::<usize>() <= MAX_RECORD_BYTES);
        if problem.is_some() {
            assert!(fields.is_empty(), "a record with a problem keeps no fields");
        }
        let span: u64 = fields.iter().map(|f| breaks(f)).sum();
        if let Some(header) = header.filter(|&h| index > h && span > 0) {
            let width = whole[header].2.len();
            assert_eq!(fields.len(), width, "a record over lines {line}..={} of another width", line + span);
        }
        for covered_line in *line..=*line + span {
            let slot = covered.get_mut(covered_line as usize - 1).expect("a record beyond the last line");
            *slot += 1;
        }
        next_free = line + span + 1;
    }
    for (index, (&has_content, &count)) in content.iter().zip(&covered).enumerate() {
        if has_content {
            assert_eq!(count, 1, "line {} is in {count} records", index + 1);
        }
    }

    if whole.iter().any(|r| r.1.is_some() || r.2.iter().any(|f| breaks(f) > 0)) {
        return;
    }
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
