//! Archives and compressed files of any bytes: a zip's directory is read or
//! refused, never a panic, never past the archive's bytes; every readable
//! entry and the whole input as a file (gzip, UTF-16, any delimiter) read
//! the same whatever the chunks, with counts that add up.
#![no_main]

#[path = "common.rs"]
mod common;

use engine::Dataset;
use engine::{Disposition, zip_entries};
use libfuzzer_sys::fuzz_target;

/// Reads one stored or deflated entry's data in chunks of `chunk` bytes.
fn read_entry(data: &[u8], compression: engine::Compression, chunk: usize) -> (Vec<String>, Option<String>) {
    let mut dataset = Dataset::new();
    let mut feed = dataset.read_stored_file("entry.csv", compression);
    let mut refused = None;
    for piece in common::chunks(data, chunk) {
        if let Err(e) = feed.push(piece) {
            refused = Some(e.to_string());
            break;
        }
    }
    if refused.is_none() {
        refused = feed.finish().err().map(|e| e.to_string());
    }
    common::check_counts(&dataset);
    (common::describe(&dataset), refused)
}

fuzz_target!(|data: &[u8]| {
    let Some((&chunk, input)) = data.split_first() else { return };
    let chunk = 1 + usize::from(chunk);
    let mut reads = 0usize;
    let opened = zip_entries(input.len() as u64, &mut |offset, len| {
        reads += 1;
        assert!(offset <= input.len() as u64, "read at {offset} past the archive's {} bytes", input.len());
        let start = offset as usize;
        Ok(input[start..(start + len).min(input.len())].to_vec())
    });
    if let Ok(entries) = opened {
        for entry in entries {
            let Disposition::Read(compression) = entry.disposition else { continue };
            let start = usize::try_from(entry.data_start).expect("inside the archive");
            let end = start + usize::try_from(entry.compressed_size).expect("inside the archive");
            let bytes = &input[start..end];
            assert_eq!(read_entry(bytes, compression, bytes.len()), read_entry(bytes, compression, chunk));
        }
    }
    // The input itself as a file given: gzip, UTF-16, text.
    let (whole, refused_whole) = common::read(&[input], input.len());
    let (chunked, refused_chunked) = common::read(&[input], chunk);
    assert_eq!(refused_whole, refused_chunked);
    common::check_counts(&whole);
    assert_eq!(common::describe(&whole), common::describe(&chunked));
});
