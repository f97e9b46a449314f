//! Inputs as users receive them (README, "The files"): the same data sets
//! zipped (stored and deflated, with a folder, macOS metadata, a README
//! and a hidden file inside), gzipped (one member, and several
//! concatenated), as UTF-16 with tabs, and with semicolons, give the report
//! the plain files give, byte for byte; hostile archives are refused with
//! a message, in bounded memory, and lose nothing else. The variants are
//! written by Python's zipfile, gzip and codecs (`tests/support/pack.py`),
//! not by the code under test.

mod support;

use std::path::{Path, PathBuf};

use support::*;

const VARIANTS: [&str; 6] = ["zip-stored", "zip-deflated", "gzip", "gzip-members", "utf16", "semicolons"];

fn pack(args: &[&str]) {
    let output = std::process::Command::new("python3")
        .arg(repo_path("tests/support/pack.py"))
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(output.status.success(), "{}", stderr(&output));
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).expect("a folder").flatten().map(|e| e.path()).collect();
    files.sort();
    files.iter().map(|p| p.display().to_string()).collect()
}

/// The report of `files`, with `extra` options; stdout and stderr.
fn report(files: &[String], extra: &[&str]) -> (String, String) {
    let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
    args.extend(extra);
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{files:?}: {}", stderr(&output));
    (stdout(&output), stderr(&output))
}

/// Every variant of the CSV files in `source` gives the plain files' report.
fn check_variants(name: &str, source: &Path, extra: &[&str]) {
    let dir = scratch(&format!("inputs-{name}"));
    let plain = dir.join("plain");
    std::fs::create_dir_all(&plain).expect("a folder");
    for file in files_in(source).iter().filter(|f| f.ends_with(".csv")) {
        let path = Path::new(file);
        std::fs::copy(path, plain.join(path.file_name().expect("a name"))).expect("copied");
    }
    let packed = dir.join("packed");
    pack(&["variants", &plain.display().to_string(), &packed.display().to_string()]);
    let (expected, _) = report(&files_in(&plain), extra);
    assert!(expected.lines().count() > 1, "{name}: {expected}");
    for variant in VARIANTS {
        let files = files_in(&packed.join(variant));
        let (got, summary) = report(&files, extra);
        assert_eq!(got, expected, "{name}, {variant}");
        assert!(!summary.contains("rejected rows"), "{name}, {variant}: {summary}");
        if variant.starts_with("zip") {
            for skipped in ["a folder", "macOS metadata", "a hidden file", "README.md: skipped"] {
                assert!(summary.contains(skipped), "{name}, {variant}: {summary}");
            }
        }
    }
}

#[test]
fn the_real_files_of_both_versions_in_every_packing() {
    check_variants("loop-2023", Path::new(&repo_path("tests/data/real/loop-2023")), &[]);
    check_variants("loop-2024", Path::new(&repo_path("tests/data/real/loop-2024")), &[]);
}

#[test]
fn the_contract_edge_files_in_every_packing() {
    for case in ["fall-back-chicago", "spring-forward-chicago", "period-ends", "file-order", "text-ids"] {
        let folder = repo_path(&format!("tests/data/edge/{case}"));
        let now = std::fs::read_to_string(Path::new(&folder).join("now.txt")).expect("now.txt");
        check_variants(case, Path::new(&folder), &["--now", now.trim()]);
    }
}

#[test]
fn a_generated_week_with_a_daylight_saving_change_in_every_packing() {
    let dir = scratch("inputs-sample-source");
    let out = dir.display().to_string();
    let made = run(&["sample", "--stores", "300", "--seed", "9", "--end", "2023-03-15T12:00:00Z", "--out", &out]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    check_variants("sample", &dir, &["--format", "extended"]);
}

/// The command's peak memory, in KiB, as the kernel counts it for a child
/// (Python's `resource`, so nothing of the command measures itself).
fn peak_kib(args: &[&str]) -> (u64, String) {
    let script = "import resource, subprocess, sys\n\
                  r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n\
                  print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n\
                  print(r.stderr)";
    let output =
        std::process::Command::new("python3").args(["-c", script, binary()]).args(args).output().expect("python3 runs");
    let text = stdout(&output);
    let (peak, rest) = text.split_once('\n').expect("two parts");
    (peak.trim().parse().expect("a number"), rest.to_string())
}

#[test]
fn hostile_archives_are_refused_plainly_and_lose_nothing_else() {
    let dir = scratch("inputs-hostile");
    pack(&["hostile", &dir.display().to_string()]);
    let file = |name: &str| dir.join(name).display().to_string();
    let refused = |name: &str, message: &str| {
        let output = run(&[&file(name)]);
        assert_eq!(output.status.code(), Some(2), "{name}: {}", stderr(&output));
        assert!(stderr(&output).contains(message), "{name}: {}", stderr(&output));
    };
    refused("no-directory.zip", "no central directory at its end: it is cut short");
    refused("truncated.zip", "this zip is damaged");
    refused("overlapping.zip", "entries a.csv and b.csv share their bytes");
    refused("not-gzip.csv.gz", "this is not a CSV text file");

    // 1 GiB of zeros in 1 MB: stopped by what comes out, in bounded memory.
    let (peak, summary) = peak_kib(&[&file("bomb.csv.gz")]);
    assert!(summary.contains("refused as a decompression bomb"), "{summary}");
    assert!(peak < 64 * 1024, "peak {peak} KiB");
    // In a zip, the bomb is not read and the other entry is used.
    let (peak, summary) = peak_kib(&[&file("bomb.zip")]);
    assert!(summary.contains("bomb.zip/zeros.csv: not read: it inflates to more than"), "{summary}");
    assert!(summary.contains("bomb.zip/status.csv (status polls): 1 rows, 1 used"), "{summary}");
    assert!(peak < 64 * 1024, "peak {peak} KiB");

    for (name, message) in [
        ("encrypted.zip", "encrypted.zip/secret.csv: not read: it is encrypted"),
        ("nested.zip", "nested.zip/inner.zip: not read: this is a zip archive inside a zip archive"),
    ] {
        let (report, summary) = report(&[file(name)], &[]);
        assert!(summary.contains(message), "{name}: {summary}");
        assert_eq!(report.lines().count(), 2, "{name}: the good entry is used");
    }

    // A cut gzip: the rows before the cut are used, the cut is a rejected row.
    let (report, summary) = report(&[file("truncated.csv.gz")], &[]);
    assert!(report.lines().count() > 50, "{report}");
    assert!(summary.contains("the compressed file stops here"), "{summary}");
    assert!(summary.contains("rejected rows (1)"), "{summary}");
}
