//! The memory that reading a hostile file takes is bounded by the limits of
//! a record, not by the file. Alone in its test binary, so that the peak
//! resident size of the process is this test's alone.

#![cfg(target_os = "linux")]

use store_uptime_engine::Dataset;

/// The peak resident set size of this process so far, in bytes.
fn peak_resident_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("a VmHWM line");
    let kib: u64 = line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a number of kB");
    kib * 1024
}

#[test]
fn a_50_mb_line_of_commas_is_read_in_bounded_memory() {
    const MB: usize = 1 << 20;
    // Each filler is a field per byte or two, the worst case for a reader
    // that records fields before checking the row's length: a line of
    // commas, of quoted empty fields, and a quote spanning two lines followed
    // by commas (which goes through the stray-quote re-read).
    let fillers: [(&[u8], &[u8]); 3] = [(b"", b","), (b"", b"\"\","), (b"\"a\nb\"", b",")];
    let mut chunk = vec![0u8; MB];
    for (lead, filler) in fillers {
        let mut data = Dataset::new();
        let mut feed = data.read_file("status.csv");
        feed.push(b"store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n").expect("recognised");
        feed.push(lead).expect("recognised");
        for (byte, slot) in filler.iter().cycle().zip(chunk.iter_mut()) {
            *slot = *byte;
        }
        // 50 MB in chunks of 1 MB (a whole number of fillers), as the command reads.
        let whole = MB - MB % filler.len();
        for _ in 0..50 {
            feed.push(&chunk[..whole]).expect("recognised");
        }
        feed.push(b"\n2,active,2023-01-25 11:00:00\n").expect("recognised");
        let summary = feed.finish().expect("recognised");
        assert_eq!(summary.used, 2, "{lead:?} {filler:?}");
        assert!(summary.rejected >= 1, "{lead:?} {filler:?}");
    }
    // Before the limits counted delimiters, the first filler alone took
    // about 400 MB.
    let peak = peak_resident_bytes();
    assert!(peak < 100 * MB as u64, "peak resident size {} MB", peak / MB as u64);
}
