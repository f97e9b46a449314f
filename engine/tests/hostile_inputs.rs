//! The catalogue of hostile, broken and huge inputs: each one read calmly,
//! with a clear message, the rest of the data used and every rejected row
//! counted.

mod common;

use common::*;
use store_uptime_engine::{Analysis, Dataset, FileError, FileKind, FileProblem, notices};

const NOW: &str = "2023-01-25 12:00:00";

fn refused(name: &str, bytes: &[u8]) -> FileError {
    Dataset::new().read_bytes(name, bytes).expect_err("the file should be refused")
}

fn read(files: &[(&str, &[u8])]) -> Dataset {
    let mut data = Dataset::new();
    for (name, bytes) in files {
        data.read_bytes(name, bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    data
}

fn reasons(data: &Dataset) -> Vec<(u64, String)> {
    data.rejections().iter().map(|r| (r.line, r.reason.to_string())).collect()
}

#[test]
fn empty_file() {
    for bytes in [&b""[..], b"\n\n  \r\n", b"\xEF\xBB\xBF"] {
        let error = refused("empty.csv", bytes);
        assert_eq!(error.problem, FileProblem::Empty);
        assert!(error.to_string().starts_with("empty.csv: the file is empty; expected a header row with the columns of one of: status polls (store_id, status, timestamp_utc)"));
    }
}

#[test]
fn header_only() {
    let mut data = Dataset::new();
    let summary = data.read_bytes("status.csv", b"store_id,status,timestamp_utc\n").expect("a header is a file");
    assert_eq!((summary.kind, summary.rows), (FileKind::StatusPolls, 0));
    // With no poll there is no now to count back from.
    let analysis = Analysis::new(data);
    let result = store_uptime_engine::compute_report(&analysis, &Default::default(), &mut |_| {
        std::ops::ControlFlow::Continue(())
    });
    assert_eq!(result.err(), Some(store_uptime_engine::ReportError::NoPolls));
}

#[test]
fn an_image_renamed_csv() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa";
    let error = refused("photo.csv", png);
    assert_eq!(error.problem, FileProblem::NotText);
    assert!(error.to_string().contains("this is not a CSV text file"), "{error}");
}

#[test]
fn utf16_export() {
    // Excel's "Unicode text": UTF-16 with a byte order mark and tabs. It is
    // read, little- or big-endian, as the same text in UTF-8 would be.
    let text = "store_id\ttimezone_str\r\n1\tEurope/Zürich\r\n2\tUTC\r\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    for bytes in [&le, &be] {
        let data = read(&[("zones.txt", bytes)]);
        assert_eq!((data.files()[0].kind, data.files()[0].rows, data.files()[0].used), (FileKind::Timezones, 2, 1));
        // The unknown zone's row is named by its line, as in UTF-8.
        assert_eq!(reasons(&data)[0].0, 2);
        assert!(reasons(&data)[0].1.contains("Europe/Zürich"), "{:?}", reasons(&data));
    }
    // Without a byte order mark it cannot be told from other bytes: refused.
    assert_eq!(refused("zones.csv", &le[2..]).problem, FileProblem::Utf16);
}

#[test]
fn latin1_export_is_named_not_guessed() {
    let data = read(&[(
        "status.csv",
        b"store_id,status,timestamp_utc\nCaf\xe9 du Parc,active,2023-01-25 11:00:00\nplain,active,2023-01-25 11:00:00\n",
    )]);
    let got = reasons(&data);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, 2);
    assert!(
        got[0].1.contains("is not UTF-8 text (the file may be Latin-1 or Windows-1252: save it as UTF-8)"),
        "{got:?}"
    );
    assert_eq!(data.files()[0].used, 1);
}

#[test]
fn a_50_mb_line_without_newline() {
    // In the body: the line is rejected (its content is not kept) and the
    // rows after it are read.
    let mut status = b"store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n".to_vec();
    status.extend(std::iter::repeat_n(b'x', 50 << 20));
    status.extend_from_slice(b"\n2,active,2023-01-25 11:00:00\n");
    let mut data = Dataset::new();
    let mut feed = data.read_file("status.csv");
    for chunk in status.chunks(4 << 20) {
        feed.push(chunk).expect("recognised");
    }
    feed.finish().expect("recognised");
    assert_eq!(reasons(&data), vec![(3, TOO_LONG.to_string())]);
    assert_eq!(data.files()[0].used, 2);

    // As the first line, there is no header to recognise.
    let line = vec![b'y'; 50 << 20];
    assert_eq!(refused("huge.csv", &line).problem, FileProblem::BrokenHeader);
}

const TOO_LONG: &str = "row longer than 64 KiB or of more than 4096 fields";

#[test]
fn a_line_of_commas_is_one_too_long_row() {
    // A field per comma: each used to be recorded before the row limit
    // applied (8 bytes of bounds per byte of input). The memory this takes
    // is measured in `memory_bound.rs`; here, what the user sees.
    for filler in [&b","[..], b"\"\",", b",\"", b"\"\""] {
        let mut status = b"store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n".to_vec();
        // Whole fillers, so that no quote is left open.
        status.extend(filler.iter().cycle().take((5 << 20) / filler.len() * filler.len()));
        status.extend_from_slice(b"\n2,active,2023-01-25 11:00:00\n");
        let mut data = Dataset::new();
        let mut feed = data.read_file("status.csv");
        for chunk in status.chunks(1 << 20) {
            feed.push(chunk).expect("recognised");
        }
        feed.finish().expect("recognised");
        let filler = String::from_utf8_lossy(filler);
        assert_eq!(reasons(&data), vec![(3, TOO_LONG.to_string())], "{filler}");
        assert_eq!(data.files()[0].used, 2, "{filler}");
    }
    // As the header: the file is refused, not read for ever.
    assert_eq!(refused("commas.csv", &[b','; 1 << 20]).problem, FileProblem::BrokenHeader);
}

#[test]
fn a_status_file_with_extra_columns_named_like_another_kinds() {
    // An export with extra columns, two of them named `day`: they are not
    // this kind's columns, so they are ignored like any extra column.
    let out = run(
        &[("status.csv", "store_id,day,status,timestamp_utc,DAY\n1,x,inactive,2023-01-25 11:30:00,y\n")],
        Some(NOW),
        None,
    );
    assert_eq!(out.minutes("1"), [0.0, 60.0, 0.0, 1440.0, 0.0, 10080.0]);
    // A doubled column that the file's own kind reads is still refused.
    let error = refused("status.csv", b"store_id,day,status,timestamp_utc,day,STATUS\n");
    assert_eq!(error.problem, FileProblem::DuplicateColumn { name: "status".into() });
}

#[test]
fn unbalanced_quotes_cost_one_row_each() {
    let data = read(&[(
        "status.csv",
        b"store_id,status,timestamp_utc\n\"1,active,2023-01-25 11:00:00\n2,active,2023-01-25 11:00:00\n3,\"active,2023-01-25 11:00:00\n4,active,2023-01-25 11:00:00\n",
    )]);
    // RFC 4180 would join lines 2-4 into one row (the quote of line 2
    // closes on line 4), silently swallowing two rows. Instead each line with
    // a stray quote is rejected on its own and the others are read.
    let quote = "a quote opened on this line is not closed on it; the lines after it were read on their own";
    assert_eq!(reasons(&data), vec![(2, quote.to_string()), (4, quote.to_string())]);
    let file = &data.files()[0];
    assert_eq!((file.rows, file.used, file.rejected), (4, 2, 2));
    let out = finish(data, Some(NOW), None);
    assert_eq!(out.store_ids(), vec!["2", "4"]);
}

#[test]
fn too_many_or_too_few_fields() {
    let data = read(&[(
        "status.csv",
        b"store_id,status,timestamp_utc\n1,active\n1,active,2023-01-25 11:00:00,x,y\n1,active,2023-01-25 11:00:00\n",
    )]);
    assert_eq!(
        reasons(&data),
        vec![
            (2, "has 2 fields where the header has 3".to_string()),
            (3, "has 5 fields where the header has 3".to_string())
        ]
    );
}

#[test]
fn nul_bytes() {
    let data = read(&[(
        "status.csv",
        b"store_id,status,timestamp_utc\n1\0,active,2023-01-25 11:00:00\n1,act\0ive,2023-01-25 11:00:00\n1,active,2023-01-25\x0011:00:00\n1,active,2023-01-25 11:00:00\n",
    )]);
    let got = reasons(&data);
    assert_eq!(got.iter().map(|r| r.0).collect::<Vec<_>>(), vec![2, 3, 4]);
    assert!(got[0].1.contains("contains control characters"), "{got:?}");
    assert!(got[1].1.starts_with("status \"act\\0ive\""), "{got:?}");
    assert!(got[2].1.starts_with("timestamp_utc"), "{got:?}");
    // A file of NUL bytes is not text (and not UTF-16 either).
    assert_eq!(refused("nul.csv", &[0u8; 1000]).problem, FileProblem::NotText);
}

#[test]
fn empty_store_id() {
    let data = read(&[("zones.csv", b"store_id,timezone_str\n,UTC\n  ,UTC\n\"\",UTC\n")]);
    assert_eq!(reasons(&data).iter().filter(|r| r.1 == "store_id is empty").count(), 3);
}

#[test]
fn timestamps_out_of_range_or_impossible() {
    let data = read(&[(
        "status.csv",
        b"store_id,status,timestamp_utc\n1,active,2300-01-01 00:00:00\n1,active,1600-01-01 00:00:00\n1,active,2023-02-30 00:00:00\n1,active,2023-02-28 25:00:00\n",
    )]);
    let got: Vec<String> = reasons(&data).into_iter().map(|r| r.1).collect();
    assert!(got[0].ends_with("outside the supported years 1678 to 2261"), "{got:?}");
    assert!(got[1].ends_with("outside the supported years 1678 to 2261"), "{got:?}");
    assert!(got[2].ends_with("no such date or time"), "{got:?}");
    assert!(got[3].ends_with("no such date or time"), "{got:?}");
}

#[test]
fn times_24_00_and_25_00() {
    let data = read(&[(
        "hours.csv",
        b"store_id,day,start_time_local,end_time_local\n1,0,09:00,24:00:00\n1,0,25:00:00,26:00\n1,0,09:00,23:59:59\n",
    )]);
    let got = reasons(&data);
    assert_eq!(got.len(), 2);
    assert!(got[0].1.contains("write the end of the day as 23:59:59"), "{got:?}");
    assert!(got[1].1.starts_with("start_time_local \"25:00:00\""), "{got:?}");
}

#[test]
fn days_7_and_minus_1() {
    let data = read(&[(
        "hours.csv",
        b"store_id,dayOfWeek,start_time_local,end_time_local\n1,7,09:00,17:00\n1,-1,09:00,17:00\n1,Mon,09:00,17:00\n1,06,09:00,17:00\n1,3.0,09:00,17:00\n1,3.5,09:00,17:00\n1,.0,09:00,17:00\n",
    )]);
    // `06` and `3.0` (as a data frame writes integers) are read; `3.5` and `.0` are not.
    assert_eq!(reasons(&data).iter().map(|r| r.0).collect::<Vec<_>>(), vec![2, 3, 4, 7, 8]);
    assert_eq!(data.files()[0].used, 2);
}

#[test]
fn timezone_names_with_stray_spaces_or_wrong_case() {
    let exact = run(
        &[
            ("status.csv", "store_id,status,timestamp_utc\n1,active,2023-01-20 00:00:00\n"),
            ("hours.csv", "store_id,day,start_time_local,end_time_local\n1,2,06:00,07:30\n"),
            ("zones.csv", "store_id,timezone_str\n1,America/New_York\n"),
        ],
        Some(NOW),
        None,
    );
    let messy = run(
        &[
            ("status.csv", "store_id,status,timestamp_utc\n1,active,2023-01-20 00:00:00\n"),
            ("hours.csv", "store_id,day,start_time_local,end_time_local\n1,2,06:00,07:30\n"),
            ("zones.csv", "store_id,timezone_str\n1,\"  AMERICA/new_york\u{a0}\"\n"),
        ],
        Some(NOW),
        None,
    );
    assert!(messy.rejections.is_empty(), "{:?}", messy.rejections);
    assert_eq!(messy.minutes("1"), exact.minutes("1"));
    assert_eq!(exact.minutes("1"), [60.0, 0.0, 60.0, 0.0, 90.0, 0.0]);
}

#[test]
fn semicolon_tab_and_pipe_separated_exports_are_read() {
    // The delimiter is the one that splits the header into a file's columns.
    let comma =
        run(&[("status.csv", "store_id,status,timestamp_utc\n1,inactive,2023-01-25 11:30:00\n")], Some(NOW), None);
    for text in [
        "store_id;status;timestamp_utc\n1;inactive;2023-01-25 11:30:00\n",
        "store_id\tstatus\ttimestamp_utc\n1\tinactive\t2023-01-25 11:30:00\n",
        "\"store_id\"|\"status\"|\"timestamp_utc\"\r\n1|inactive|\"2023-01-25 11:30:00\"\r\n",
    ] {
        let out = run(&[("status.csv", text)], Some(NOW), None);
        assert_eq!(
            out.csv(store_uptime_engine::Units::Minutes),
            comma.csv(store_uptime_engine::Units::Minutes),
            "{text:?}"
        );
    }
    // A header that no delimiter splits into a file's columns is refused as before.
    let error = refused("status.csv", b"store_id:status:timestamp_utc\n1:active:2023-01-25 11:00:00\n");
    assert!(matches!(error.problem, FileProblem::Unrecognised { .. }), "{error}");
    assert!(error.to_string().contains("store_id, status, timestamp_utc"), "{error}");
}

#[test]
fn duplicate_header_columns() {
    let error = refused("status.csv", b"store_id,status,timestamp_utc,store_id\n1,active,2023-01-25 11:00:00,2\n");
    assert_eq!(error.problem, FileProblem::DuplicateColumn { name: "store_id".into() });
    assert!(error.to_string().contains("the column store_id appears more than once"), "{error}");
}

#[test]
fn right_columns_under_different_case_and_order() {
    let out =
        run(&[("status.csv", "TIMESTAMP_UTC,Store_Id,STATUS\n2023-01-25 11:30:00,1,INACTIVE\n")], Some(NOW), None);
    assert_eq!(out.minutes("1"), [0.0, 60.0, 0.0, 1440.0, 0.0, 10080.0]);
}

#[test]
fn the_same_kind_given_twice_is_combined_and_said() {
    let data = read(&[
        ("polls-1.csv", b"store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n"),
        ("polls-2.csv", b"store_id,status,timestamp_utc\n2,active,2023-01-25 11:00:00\n"),
    ]);
    let said: Vec<String> =
        notices(&Analysis::new(data), store_uptime_engine::DEFAULT_ZONE).iter().map(ToString::to_string).collect();
    assert!(said.contains(&"2 status polls files were combined, in this order: polls-1.csv, polls-2.csv".to_string()));
}

#[test]
fn files_that_share_no_store_are_said() {
    let data = read(&[
        ("status.csv", b"store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n"),
        ("hours.csv", b"store_id,day,start_time_local,end_time_local\nA,0,09:00,17:00\n"),
        ("zones.csv", b"store_id,timezone_str\nB,UTC\n"),
    ]);
    let said: Vec<String> =
        notices(&Analysis::new(data), store_uptime_engine::DEFAULT_ZONE).iter().map(ToString::to_string).collect();
    assert!(said.iter().any(|n| n.starts_with("hours.csv (business hours) names no store that has polls")), "{said:?}");
    assert!(said.iter().any(|n| n.starts_with("zones.csv (timezones) names no store that has polls")), "{said:?}");
}

#[test]
fn every_rejected_row_is_counted_even_beyond_the_list_cap() {
    // The cap is chosen small here so that the test goes past it; the
    // default is a million, as the README and `--list-rejected` say (a
    // literal: the constant it is built from would only check itself).
    assert_eq!(Dataset::new().rejection_list_cap(), 1_000_000);
    let bad_rows = |count: usize| {
        let mut text = String::from("store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n");
        for i in 0..count {
            text.push_str(&format!("{i},unknown,2023-01-25 11:00:00\n"));
        }
        text
    };
    let mut data = Dataset::with_rejection_list_cap(1000);
    data.read_bytes("first.csv", bad_rows(700).as_bytes()).expect("read");
    data.read_bytes("second.csv", bad_rows(4300).as_bytes()).expect("read");
    // Counting is exact for each file, listed or not.
    assert_eq!((data.files()[0].rejected, data.files()[1].rejected), (700, 4300));
    assert_eq!((data.files()[0].used, data.files()[1].used), (1, 1));
    // The list is the first thousand rows in reading order: all of the
    // first file, then the second file's first 300.
    let listed: Vec<(usize, u64)> = data.rejections().iter().map(|r| (r.file.get(), r.line)).collect();
    let expected: Vec<(usize, u64)> = (3..703).map(|line| (0, line)).chain((3..303).map(|line| (1, line))).collect();
    assert_eq!(listed, expected);
    assert_eq!(data.rejections_not_listed(), 4000);

    // The report and its rejected rows' CSV carry the same split.
    let analysis = Analysis::new(data);
    assert_eq!(analysis.rejections().len(), 1000);
    assert_eq!(analysis.rejections_not_listed(), 4000);
    let csv = store_uptime_engine::rejections_csv(&analysis);
    assert_eq!(csv.lines().count(), 1 + 1000);
    assert!(csv.ends_with("second.csv,302,\"status \"\"unknown\"\" is neither active nor inactive\"\n"), "{csv}");

    // A cap of zero lists nothing and still counts.
    let mut data = Dataset::with_rejection_list_cap(0);
    data.read_bytes("first.csv", bad_rows(5).as_bytes()).expect("read");
    assert_eq!((data.rejections().len(), data.rejections_not_listed(), data.files()[0].rejected), (0, 5, 5));
}

#[test]
fn a_file_refused_part_way_leaves_nothing_behind() {
    use std::io::Write;
    // Good rows, then a stretch of compressed data that is damaged: the
    // file is refused, and the rows read before the damage go with it.
    let mut rows = String::from("store_id,status,timestamp_utc\n");
    for i in 0..20_000 {
        rows.push_str(&format!("{},active,2023-01-25 11:{:02}:00\n", i % 300, i % 60));
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(rows.as_bytes()).expect("in memory");
    let mut damaged = encoder.finish().expect("in memory");
    let middle = damaged.len() * 3 / 4;
    for byte in &mut damaged[middle..middle + 64] {
        *byte ^= 0x5a;
    }
    let mut data = read(&[("zones.csv", b"store_id,timezone_str\n1,UTC\n")]);
    for chunk in [1 << 10, damaged.len()] {
        let mut feed = data.read_file("status.csv.gz");
        let refused =
            damaged.chunks(chunk).try_for_each(|piece| feed.push(piece)).and_then(|()| feed.finish().map(|_| ()));
        assert_eq!(refused.map_err(|e| e.problem), Err(FileProblem::CorruptCompression), "{chunk}");
        assert_eq!(data.files().len(), 1, "only the timezones file");
        assert_eq!(data.poll_count(), 0);
    }
}
