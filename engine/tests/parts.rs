//! Reading a file in parts and merging them gives exactly what reading it
//! whole gives: the same stores, polls, rows, rejected rows with their
//! lines, summaries and report; or the merge refuses and the file is read
//! whole.

mod common;

use common::{HOURS_HEADER, STATUS_HEADER, ZONES_HEADER};
use proptest::prelude::*;
use std::ops::ControlFlow;
use store_uptime_engine::{
    Analysis, Dataset, DecodeError, FileError, FilePart, FileSummary, MergeProblem, PartRange, ReportSettings, Units,
    compute_report, compute_report_on, report_csv, split_file,
};

const NOW: &str = "2023-01-25 12:00:00";

/// The parts of `bytes` cut at `cuts`, each read in chunks of `chunk` bytes
/// from its nominal start while it wants more, and passed through bytes.
fn parts_of(bytes: &[u8], cuts: &[usize], chunk: usize, cap: usize) -> Vec<FilePart> {
    let mut offsets: Vec<u64> = cuts.iter().map(|&c| c.min(bytes.len()) as u64).filter(|&c| c > 0).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let file_bytes = bytes.len() as u64;
    let mut starts = vec![0];
    starts.extend(offsets.iter().copied().filter(|&c| c < file_bytes));
    let head = &bytes[..bytes.len().min(64 << 10)];
    starts
        .iter()
        .enumerate()
        .map(|(k, &start)| {
            let end = starts.get(k + 1).copied().unwrap_or(file_bytes);
            let range = PartRange::new(start, end, file_bytes).expect("in order");
            let mut feed = FilePart::reader_with_rejection_list_cap(range, head, cap);
            let mut at = start as usize;
            while feed.wants_more() && at < bytes.len() {
                let next = (at + chunk.max(1)).min(bytes.len());
                feed.push(&bytes[at..next]);
                at = next;
            }
            let part = feed.finish();
            let again = FilePart::decode(&part.encode()).expect("decodes");
            assert_eq!(again.encode(), part.encode());
            again
        })
        .collect()
}

fn read_whole(data: &mut Dataset, name: &str, bytes: &[u8]) -> Result<FileSummary, FileError> {
    data.read_bytes(name, bytes)
}

/// Whether the merge took the parts (true) or fell back.
fn merge(data: &mut Dataset, bytes: &[u8], parts: Vec<FilePart>) -> (Result<FileSummary, FileError>, bool) {
    let before = data.encode();
    match data.merge_parts("f.csv", parts) {
        Ok(summary) => (Ok(summary), true),
        Err(_) => {
            assert_eq!(data.encode(), before, "a refused merge leaves the data set unchanged");
            (read_whole(data, "f.csv", bytes), false)
        }
    }
}

fn report_of(data: Dataset) -> Option<String> {
    let analysis = Analysis::new(data);
    let settings = ReportSettings { now: Some(common::at(NOW)), ..ReportSettings::default() };
    let report = compute_report(&analysis, &settings, &mut |_| ControlFlow::Continue(())).ok()?;
    Some(report_csv(&report, Units::Minutes))
}

/// Reads `bytes` whole and in parts (after a first file, so that store
/// indices and file ids are offset), and checks they agree. Returns whether
/// the parts were merged.
fn check(bytes: &[u8], cuts: &[usize], chunk: usize, cap: usize) -> bool {
    let first = format!("{STATUS_HEADER}9,active,2023-01-25 10:00:00 UTC\nbad,row\n");
    let new = || {
        let mut data = Dataset::with_rejection_list_cap(cap);
        data.read_bytes("first.csv", first.as_bytes()).expect("recognised");
        data
    };
    let mut whole = new();
    let expected = read_whole(&mut whole, "f.csv", bytes);
    let mut merged = new();
    let (got, took_parts) = merge(&mut merged, bytes, parts_of(bytes, cuts, chunk, cap));
    assert_eq!(got, expected);
    assert_eq!(merged.files(), whole.files());
    assert_eq!(merged.rejections(), whole.rejections());
    assert_eq!(merged.rejections_not_listed(), whole.rejections_not_listed());
    let ids = |d: &Dataset| d.stores().indices().map(|s| d.stores().id(s).to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&merged), ids(&whole));
    // The encoding holds everything, polls in file order included.
    assert_eq!(merged.encode(), whole.encode());
    assert_eq!(report_of(merged), report_of(whole));
    took_parts
}

/// Pieces of messy status files, each ending its line(s) with `end`.
fn row_strategy() -> impl Strategy<Value = String> {
    let id = prop_oneof![Just("1"), Just("2"), Just(" 3 "), Just("\"4\""), Just("10000000000000000001")];
    let status = prop_oneof![Just("active"), Just("INACTIVE"), Just("\"active\""), Just("maybe")];
    let time = prop_oneof![
        Just("2023-01-25 11:00:00 UTC"),
        Just("2023-01-25T11:30:00+01:00"),
        Just("2023-01-25 11:59:59.5"),
        Just("2023-02-30 10:00:00"),
    ];
    let end = prop_oneof![Just("\n"), Just("\r\n"), Just("\r")];
    let row = (id, status, time, end.clone()).prop_map(|(i, s, t, e)| format!("{i},{s},{t}{e}"));
    let quoted =
        (end.clone(), end.clone()).prop_map(|(inner, e)| format!("5,\"act{inner}ive\",2023-01-25 11:00:00{e}"));
    let note = (end.clone(), end.clone()).prop_map(|(inner, e)| format!("\"6{inner}\",active,2023-01-25 11:00:00{e}"));
    let unclosed = end.clone().prop_map(|e| format!("7,\"active,2023-01-25 11:00:00{e}"));
    let stray = end.clone().prop_map(|e| format!("8,active\"x,2023-01-25 11:00:00{e}\"\"{e}"));
    let wide = end.clone().prop_map(|e| format!("1,active,2023-01-25 11:00:00,extra{e}"));
    let blank = end.clone().prop_map(|e| format!("  {e}"));
    let empty = end.clone().prop_map(|e| e.to_string());
    let long = end.prop_map(|e| format!("1,active,{}{e}", "x".repeat(70_000)));
    prop_oneof![
        20 => row,
        3 => quoted,
        3 => note,
        2 => unclosed,
        2 => stray,
        2 => wide,
        2 => blank,
        2 => empty,
        1 => long,
    ]
}

fn file_strategy() -> impl Strategy<Value = Vec<u8>> {
    let lead = prop_oneof![Just(""), Just("\u{FEFF}"), Just("\r\n\n"), Just("\u{FEFF}  \r")];
    let header = prop_oneof![Just("store_id,status,timestamp_utc"), Just("STORE_ID , status,timestamp_utc")];
    let header_end = prop_oneof![Just("\n"), Just("\r\n"), Just("\r")];
    (lead, header, header_end, prop::collection::vec(row_strategy(), 0..40), any::<bool>()).prop_map(
        |(lead, header, end, rows, cut_last)| {
            let mut text = format!("{lead}{header}{end}{}", rows.concat());
            if cut_last {
                // The last line without its line break.
                while text.ends_with(['\n', '\r']) {
                    text.pop();
                }
            }
            text.into_bytes()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn parts_merge_into_exactly_the_whole_file(
        bytes in file_strategy(),
        cuts in prop::collection::vec(0usize..4000, 0..6),
        chunk in prop_oneof![1usize..8, 8usize..200, Just(1 << 20)],
        cap in prop_oneof![Just(3usize), Just(1_000_000)],
    ) {
        // Cuts spread over the whole file, however long.
        let len = bytes.len().max(1);
        let cuts: Vec<usize> = cuts.iter().map(|c| c * len / 4000).collect();
        check(&bytes, &cuts, chunk, cap);
    }

    #[test]
    fn every_single_cut_of_a_small_messy_file(bytes in file_strategy().prop_filter("short", |b| b.len() < 600)) {
        for cut in 0..=bytes.len() {
            check(&bytes, &[cut], 7, 1_000_000);
        }
    }
}

fn cut_at(text: &str, pattern: &str, offset: isize) -> usize {
    (text.find(pattern).expect("pattern") as isize + offset) as usize
}

#[test]
fn a_cut_next_to_each_kind_of_line_break_is_merged() {
    let text = "store_id,status,timestamp_utc\r\n1,active,2023-01-25 11:00:00\r2,bad\r\n\r\n3,inactive,2023-01-25 11:30:00\n4,active,x\n";
    for pattern in ["\r2", "\r\n\r\n", "\n3", "\n4", "\r\n1"] {
        for offset in -1..=2 {
            let cut = cut_at(text, pattern, offset);
            assert!(check(text.as_bytes(), &[cut], 3, 100), "cut at {cut} ({pattern:?} {offset:+})");
        }
    }
    // Every cut of this file, which has no quotes, merges.
    for cut in 0..=text.len() {
        assert!(check(text.as_bytes(), &[cut], 5, 100), "cut at {cut}");
        assert!(check(text.as_bytes(), &[cut, cut + 9, cut + 30], 1, 100), "cuts from {cut}");
    }
}

#[test]
fn a_cut_inside_a_quoted_line_break_falls_back() {
    let text = "store_id,status,timestamp_utc,note\n1,active,2023-01-25 11:00:00,\"two\nlines\"\n2,bad,x,y\n";
    // The line boundary after `two` is inside the quoted field.
    let cut = cut_at(text, "two", 0);
    assert!(!check(text.as_bytes(), &[cut], 4, 100));
    let parts = parts_of(text.as_bytes(), &[cut], 4, 100);
    assert!(!parts[0].is_mergeable());
    let boundary = cut_at(text, "lines", 0) as u64;
    assert_eq!(
        Dataset::new().merge_parts("f.csv", parts).err(),
        Some(MergeProblem::BoundaryInsideRecord { at: boundary })
    );
    // Cuts before and after the record merge.
    assert!(check(text.as_bytes(), &[cut_at(text, "\n1", 0)], 4, 100));
    assert!(check(text.as_bytes(), &[cut_at(text, "lines", 0)], 4, 100));
}

#[test]
fn a_cut_in_lines_that_a_stray_quote_makes_the_tokenizer_read_again_falls_back() {
    // The quote of line 2 closes on line 3 in a row of the wrong width: the
    // table rule reports line 2 and reads line 3 again on its own.
    let text = "store_id,status,timestamp_utc\n1,\"active,2023-01-25 11:00:00\n2,active\",2023-01-25 11:00:00\n3,active,2023-01-25 11:00:00\n";
    let cut = cut_at(text, "\n2", 0);
    assert!(!check(text.as_bytes(), &[cut], 64, 100));
    assert!(check(text.as_bytes(), &[cut_at(text, "\n3", 1)], 64, 100));
    // An unclosed quote in the last part is read as in the whole file.
    let unclosed =
        "store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n2,\"active,x\n3,active,2023-01-25 11:00:00\n";
    assert!(check(unclosed.as_bytes(), &[cut_at(unclosed, "\n2", 0)], 64, 100));
}

#[test]
fn a_cut_before_the_header_falls_back_and_one_in_it_is_merged() {
    let text = "\u{FEFF}\n\n store_id ,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n";
    let header_start = cut_at(text, " store_id", 0);
    // The boundary is before the header: the first part has none.
    for cut in 1..header_start {
        assert!(!check(text.as_bytes(), &[cut], 2, 100), "cut at {cut}");
    }
    // The boundary is the header's end: the first part holds all of it.
    for cut in header_start..text.len() {
        assert!(check(text.as_bytes(), &[cut], 2, 100), "cut at {cut}");
    }
}

#[test]
fn a_refused_or_empty_file_is_refused_as_when_read_whole() {
    for text in ["store_id:status:timestamp_utc\n1:active:x\n1:active:x\n", "\n\r\n  \n\n", "", "a,b\n1,2\n"] {
        for cut in 0..=text.len() {
            let mut data = Dataset::new();
            let (got, took_parts) = merge(&mut data, text.as_bytes(), parts_of(text.as_bytes(), &[cut], 3, 100));
            assert!(!took_parts);
            assert_eq!(got, Dataset::new().read_bytes("f.csv", text.as_bytes()));
            assert!(got.is_err());
        }
    }
}

#[test]
fn a_part_whose_header_is_refused_wants_no_more_bytes() {
    let text = "store_id:status:timestamp_utc\n1:active:x\n1:active:x\n";
    let n = text.len() as u64;
    let mut first = FilePart::reader(PartRange::new(0, 20, n).expect("range"), b"");
    first.push(&text.as_bytes()[..35]);
    assert!(!first.wants_more());
    let mut later = FilePart::reader(PartRange::new(20, n, n).expect("range"), text.as_bytes());
    assert!(!later.wants_more());
    later.push(&text.as_bytes()[20..]);
    let parts = vec![first.finish(), later.finish()];
    assert_eq!(Dataset::new().merge_parts("f.csv", parts).err(), Some(MergeProblem::HeaderRefused));
}

#[test]
fn parts_at_the_end_of_the_file_and_empty_parts() {
    let text = "store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n2,active,2023-01-25 11:00:00";
    let n = text.len();
    // Several cuts in the last line, which has no line break: later parts are empty.
    assert!(check(text.as_bytes(), &[n - 10, n - 5, n - 1], 3, 100));
    // Several cuts in one line: the parts between them are empty.
    let second = cut_at(text, "\n1", 1);
    assert!(check(text.as_bytes(), &[second + 2, second + 4, second + 6], 3, 100));
    let parts = parts_of(text.as_bytes(), &[second + 2, second + 4], 3, 100);
    assert_eq!(parts.len(), 3);
    assert!(parts[1].span().is_empty());
    assert!(parts.iter().all(FilePart::is_mergeable));
}

#[test]
fn line_numbers_of_later_parts_count_every_line_break_before_them() {
    let mut text = String::from("\r\nstore_id,status,timestamp_utc,note\r\n");
    for i in 0..50 {
        text.push_str(&format!("{i},active,2023-01-25 11:00:00,\"a\r\nb\"\r\n\r\n{i},nope,x,y\r"));
    }
    // Cuts at the lone `\r` ending some of the rejected rows: clean boundaries.
    let row_ends: Vec<usize> = text.match_indices(",nope,x,y\r").map(|(at, m)| at + m.len() - 1).collect();
    let cuts: Vec<usize> = [3, 17, 18, 30, 44].iter().map(|&i| row_ends[i]).collect();
    let mut data = Dataset::new();
    let parts = parts_of(text.as_bytes(), &cuts, 100, 1000);
    assert!(parts.iter().all(FilePart::is_mergeable));
    let (summary, took_parts) = merge(&mut data, text.as_bytes(), parts);
    assert!(took_parts);
    assert_eq!(summary.map(|s| s.rejected), Ok(50));
    let lines: Vec<u64> = data.rejections().iter().map(|r| r.line).collect();
    assert_eq!(lines, (0..50).map(|i| 6 + 4 * i).collect::<Vec<u64>>());
    assert!(check(text.as_bytes(), &cuts, 100, 1000));
    // A cut whose line boundary is a quoted line break cannot be merged.
    let quoted = cut_at(&text, "a\r\nb", 1);
    assert!(!check(text.as_bytes(), &[quoted], 100, 1000));
}

#[test]
fn the_rejection_list_cap_holds_across_parts() {
    let mut text = String::from(STATUS_HEADER);
    for i in 0..40 {
        text.push_str(&format!("{i},bad,x\n"));
    }
    let cuts: Vec<usize> = (1..5).map(|k| k * text.len() / 5).collect();
    for cap in [0, 1, 7, 8, 9, 39, 40, 41, 100] {
        assert!(check(text.as_bytes(), &cuts, 64, cap), "cap {cap}");
        let mut data = Dataset::with_rejection_list_cap(cap);
        data.merge_parts("f.csv", parts_of(text.as_bytes(), &cuts, 64, cap)).expect("merged");
        assert_eq!(data.rejections().len(), cap.min(40));
        assert_eq!(data.rejections_not_listed() as usize, 40 - cap.min(40));
    }
    // Parts read with a smaller cap than the data set's cannot be merged.
    let mut data = Dataset::with_rejection_list_cap(30);
    let parts = parts_of(text.as_bytes(), &cuts, 64, 5);
    assert_eq!(data.merge_parts("f.csv", parts).err(), Some(MergeProblem::RejectionListCap));
}

#[test]
fn parts_that_do_not_make_up_the_file_are_refused() {
    let text = "store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n2,active,2023-01-25 11:00:00\n";
    let cut = cut_at(text, "\n2", 0);
    let mut parts = parts_of(text.as_bytes(), &[cut], 8, 100);
    parts.reverse();
    assert_eq!(Dataset::new().merge_parts("f.csv", parts).err(), Some(MergeProblem::NotContiguous));
    let mut parts = parts_of(text.as_bytes(), &[cut], 8, 100);
    parts.pop();
    assert_eq!(Dataset::new().merge_parts("f.csv", parts).err(), Some(MergeProblem::NotContiguous));
    assert_eq!(Dataset::new().merge_parts("f.csv", Vec::new()).err(), Some(MergeProblem::NoParts));
    // A part finished before it found its end.
    let range = PartRange::new(0, cut as u64, text.len() as u64).expect("range");
    let mut feed = FilePart::reader(range, b"");
    feed.push(&text.as_bytes()[..cut - 3]);
    assert!(feed.wants_more());
    let mut parts = vec![feed.finish()];
    parts.extend(parts_of(text.as_bytes(), &[cut], 8, 100).pop());
    assert_eq!(Dataset::new().merge_parts("f.csv", parts).err(), Some(MergeProblem::Incomplete));
    // The helper falls back to a whole read.
    let mut data = Dataset::new();
    let summary = data.merge_parts_or_read_whole("f.csv", Vec::new(), |mut feed| {
        feed.push(text.as_bytes())?;
        feed.finish()
    });
    assert_eq!(summary.map(|s| s.used), Ok::<u64, FileError>(2));
}

#[test]
fn a_later_part_whose_head_has_no_whole_header_is_refused() {
    let text = "store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n2,active,2023-01-25 11:00:00\n";
    let cut = cut_at(text, "\n2", 0) as u64;
    let n = text.len() as u64;
    let read = |range: PartRange, head: &[u8]| {
        let mut feed = FilePart::reader(range, head);
        feed.push(&text.as_bytes()[range.start() as usize..]);
        feed.finish()
    };
    let first = read(PartRange::new(0, cut, n).expect("range"), b"");
    let second = read(PartRange::new(cut, n, n).expect("range"), &text.as_bytes()[..20]);
    assert_eq!(Dataset::new().merge_parts("f.csv", vec![first, second]).err(), Some(MergeProblem::NoHeader));
}

#[test]
fn data_sets_of_different_files_append_as_if_read_in_one() {
    let status = format!("{STATUS_HEADER}1,active,2023-01-25 11:00:00\n2,bad,x\n3,inactive,2023-01-25 11:30:00\n");
    let hours = format!("{HOURS_HEADER}4,0,09:00,17:00\n2,9,09:00,17:00\n1,1,22:00,02:00\n");
    let zones = format!("{ZONES_HEADER}3,America/New_York\n5,Mars/Olympus\n1,asia/tokyo\n");
    for cap in [0, 1, 2, 10] {
        let mut whole = Dataset::with_rejection_list_cap(cap);
        let mut merged = Dataset::with_rejection_list_cap(cap);
        for (name, text) in [("s.csv", &status), ("h.csv", &hours), ("z.csv", &zones)] {
            whole.read_bytes(name, text.as_bytes()).expect("recognised");
            let mut apart = Dataset::with_rejection_list_cap(cap);
            apart.read_bytes(name, text.as_bytes()).expect("recognised");
            let apart = Dataset::decode(&apart.encode()).expect("decodes");
            merged.append(apart).expect("appended");
        }
        assert_eq!(merged.encode(), whole.encode(), "cap {cap}");
        assert_eq!(merged.files(), whole.files());
        assert_eq!(merged.rejections(), whole.rejections());
        assert_eq!(report_of(merged), report_of(whole));
    }
    let mut small = Dataset::with_rejection_list_cap(0);
    small.read_bytes("s.csv", status.as_bytes()).expect("recognised");
    assert_eq!(Dataset::new().append(small).err(), Some(MergeProblem::RejectionListCap));
}

#[test]
fn split_file_makes_one_range_for_a_small_file_and_covers_a_large_one() {
    assert_eq!(split_file(0, 4), vec![PartRange::new(0, 0, 0).expect("range")]);
    assert_eq!(split_file(1000, 4).len(), 1);
    let n = 100 << 20;
    let ranges = split_file(n, 3);
    assert_eq!(ranges.len(), 3);
    assert_eq!(ranges[0].start(), 0);
    assert!(ranges.windows(2).all(|w| w[0].end() == w[1].start()));
    assert_eq!(ranges[2].end(), n);
    assert_eq!(split_file(9 << 20, 8).len(), 2);
    assert!(PartRange::new(5, 4, 10).is_none());
    assert!(PartRange::new(5, 11, 10).is_none());
}

#[test]
fn decoding_refuses_truncated_and_damaged_bytes() {
    let text = format!(
        "{STATUS_HEADER}1,active,2023-01-25 11:00:00\n2,maybe,2023-01-25 11:00:00\n3,active,2023-02-30 10:00:00\n,active,x\n"
    );
    let mut data = Dataset::new();
    data.read_bytes("s.csv", text.as_bytes()).expect("recognised");
    data.read_bytes("h.csv", format!("{HOURS_HEADER}1,0,09:00,17:00.5\n1,8,09:00,17:00\n").as_bytes()).expect("ok");
    data.read_bytes("z.csv", format!("{ZONES_HEADER}1,Europe/Paris\n2,Nowhere\n").as_bytes()).expect("ok");
    let bytes = data.encode();
    assert_eq!(Dataset::decode(&bytes).map(|d| d.encode()), Ok(bytes.clone()));
    for len in 0..bytes.len() {
        assert!(Dataset::decode(&bytes[..len]).is_err(), "cut to {len}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(Dataset::decode(&longer).err(), Some(DecodeError::TrailingBytes));
    assert_eq!(Dataset::decode(b"garbage garbage").err(), Some(DecodeError::NotEncoded));
    // Any byte changed: an error or another valid data set, never a panic.
    for at in 0..bytes.len() {
        for flip in [0x01, 0x80, 0xFF] {
            let mut damaged = bytes.clone();
            damaged[at] ^= flip;
            let _ = Dataset::decode(&damaged);
            let _ = FilePart::decode(&damaged);
        }
    }
    // A huge length does not allocate.
    let mut huge = bytes[..7].to_vec();
    huge.extend_from_slice(&u64::MAX.to_le_bytes());
    assert_eq!(Dataset::decode(&huge).err(), Some(DecodeError::Truncated));
    let part = parts_of(text.as_bytes(), &[20], 5, 10).remove(0);
    let encoded = part.encode();
    for len in 0..encoded.len() {
        assert!(FilePart::decode(&encoded[..len]).is_err());
    }
    assert!(FilePart::decode(&bytes).is_err());
    assert!(Dataset::decode(&encoded).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn decoding_random_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = Dataset::decode(&bytes);
        let _ = FilePart::decode(&bytes);
        let mut framed = b"SUp\0\x01\x00\x01".to_vec();
        framed.extend_from_slice(&bytes);
        let _ = Dataset::decode(&framed);
        framed[6] = 2;
        let _ = FilePart::decode(&framed);
    }
}

/// Runs jobs last first, on one thread: any order must give the same result.
struct Backwards(usize);

impl store_uptime_engine::JobRunner for Backwards {
    fn parallelism(&self) -> usize {
        self.0
    }

    fn run_all(&self, jobs: Vec<store_uptime_engine::Job<'_>>) {
        for job in jobs.into_iter().rev() {
            job();
        }
    }
}

#[test]
fn grouping_polls_in_jobs_gives_the_same_analysis_whatever_their_number() {
    use store_uptime_engine::TieRule;
    let mut text = String::from(STATUS_HEADER);
    for i in 0..3000u64 {
        // Stores with many polls, few, one; unsorted times, ties.
        let store = if i % 5 == 0 { i % 7 } else { i % 113 * 3 };
        let minute = (i * 37) % 50;
        let status = if i % 3 == 0 { "inactive" } else { "active" };
        text.push_str(&format!("{store},{status},2023-01-25 11:{minute:02}:00\n"));
    }
    let read = || {
        let mut data = Dataset::new();
        data.read_bytes("s.csv", text.as_bytes()).expect("recognised");
        data
    };
    for ties in [TieRule::FileOrder, TieRule::InactiveLast] {
        let one = Analysis::with_ties(read(), ties);
        for jobs in [1, 2, 3, 7, 500, 10_000] {
            let many = Analysis::with_ties_on(read(), ties, &Backwards(jobs));
            for store in one.stores().indices() {
                assert_eq!(many.poll_times(store), one.poll_times(store), "{jobs} jobs");
                assert_eq!(many.poll_statuses(store), one.poll_statuses(store), "{jobs} jobs");
            }
            let settings = ReportSettings { now: Some(common::at(NOW)), ..ReportSettings::default() };
            let report = |analysis: &Analysis, jobs: &dyn store_uptime_engine::JobRunner| {
                let mut seen = Vec::new();
                let report = compute_report_on(
                    analysis,
                    &settings,
                    &mut |done| {
                        seen.push(done);
                        ControlFlow::Continue(())
                    },
                    jobs,
                )
                .expect("a report");
                (report_csv(&report, Units::Minutes), seen.last().copied())
            };
            let (csv, last) = report(&one, &store_uptime_engine::OneThread);
            assert_eq!(report(&many, &Backwards(jobs)), (csv.clone(), last), "{jobs} jobs");
            assert_eq!(report(&one, &Backwards(jobs)).0, csv, "{jobs} jobs");
        }
    }
}

#[test]
fn semicolon_and_tab_files_are_read_in_parts_with_their_delimiter() {
    for delimiter in [";", "\t", "|"] {
        let mut text = format!("store_id{delimiter}status{delimiter}timestamp_utc\n");
        for i in 0..300 {
            text.push_str(&format!("{}{delimiter}active{delimiter}2023-01-25 10:{:02}:00\n", i % 17, i % 60));
        }
        for cut in [40, text.len() / 3, text.len() / 2 + 7] {
            assert!(check(text.as_bytes(), &[cut], 1000, 100), "{delimiter:?}, cut at {cut}");
        }
        // The first part, given no head bytes, finds the delimiter itself.
        let n = text.len() as u64;
        let cut = text.len() as u64 / 2;
        let mut first = FilePart::reader(PartRange::new(0, cut, n).expect("range"), b"");
        first.push(text.as_bytes());
        let mut later = FilePart::reader(PartRange::new(cut, n, n).expect("range"), text.as_bytes());
        later.push(&text.as_bytes()[cut as usize..]);
        let mut data = Dataset::new();
        let summary = data.merge_parts("f.csv", vec![first.finish(), later.finish()]).expect("merged");
        assert_eq!((summary.rows, summary.used), (300, 300), "{delimiter:?}");
    }
}
