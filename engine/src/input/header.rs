//! Recognising which of the three files a header row belongs to.

use std::fmt;

/// The input files: the three of the report, and the optional groups file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// Status polls: `store_id`, `status`, `timestamp_utc`.
    StatusPolls,
    /// Business hours: `store_id`, a day column, `start_time_local`, `end_time_local`.
    BusinessHours,
    /// Timezones: `store_id`, `timezone_str`.
    Timezones,
    /// Groups and targets: `store_id` and columns of the user's own (each a
    /// dimension such as region or brand, and an optional `target`), none of
    /// them a column of the three other kinds.
    Groups,
}

impl FileKind {
    /// The three kinds the report is computed from, in the order the files
    /// are usually given. The groups file ([`FileKind::Groups`]) is not one
    /// of them: it only sorts the report's stores into groups.
    pub const ALL: [FileKind; 3] = [FileKind::StatusPolls, FileKind::BusinessHours, FileKind::Timezones];

    /// Every kind a file may be recognised as: the three of [`FileKind::ALL`]
    /// and the groups file.
    pub const WITH_GROUPS: [FileKind; 4] =
        [FileKind::StatusPolls, FileKind::BusinessHours, FileKind::Timezones, FileKind::Groups];

    /// The name a user knows the file by.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::StatusPolls => "status polls",
            FileKind::BusinessHours => "business hours",
            FileKind::Timezones => "timezones",
            FileKind::Groups => "groups",
        }
    }

    /// The columns the file must have, as a user would write them.
    pub fn expected_columns(self) -> &'static str {
        match self {
            FileKind::StatusPolls => "store_id, status, timestamp_utc",
            FileKind::BusinessHours => "store_id, day (or dayOfWeek), start_time_local, end_time_local",
            FileKind::Timezones => "store_id, timezone_str",
            FileKind::Groups => "store_id and columns of your own (region, brand, target…)",
        }
    }

    /// The columns that tell this kind apart from the others (none for the
    /// groups file, which is what has none of the others').
    fn own_columns(self) -> &'static [&'static [&'static str]] {
        match self {
            FileKind::StatusPolls => &[&["status"], &["timestamp_utc"]],
            FileKind::BusinessHours => &[&["day", "dayofweek"], &["start_time_local"], &["end_time_local"]],
            FileKind::Timezones => &[&["timezone_str"]],
            FileKind::Groups => &[],
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where each needed column is in a file's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Columns {
    StatusPolls {
        store: usize,
        status: usize,
        timestamp: usize,
    },
    BusinessHours {
        store: usize,
        day: usize,
        start: usize,
        end: usize,
    },
    Timezones {
        store: usize,
        zone: usize,
    },
    /// Every column but `store_id` and `target` with a name is a dimension.
    Groups {
        store: usize,
        target: Option<usize>,
    },
}

impl Columns {
    pub(crate) fn kind(self) -> FileKind {
        match self {
            Columns::StatusPolls { .. } => FileKind::StatusPolls,
            Columns::BusinessHours { .. } => FileKind::BusinessHours,
            Columns::Timezones { .. } => FileKind::Timezones,
            Columns::Groups { .. } => FileKind::Groups,
        }
    }
}

/// Why a file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// No header row: the file is empty or holds only blank lines.
    Empty,
    /// The file starts with a UTF-16 byte order mark or looks like UTF-16.
    Utf16,
    /// The start of the file holds bytes that no text file has.
    NotText,
    /// The header row is broken (too long, or an unclosed quote).
    BrokenHeader,
    /// A column needed to read the file appears more than once.
    DuplicateColumn {
        /// The column's name, as normalised for matching.
        name: String,
    },
    /// The header names the columns of one kind, with some missing.
    MissingColumns {
        /// The kind the header looks like.
        kind: FileKind,
        /// The columns it lacks.
        missing: Vec<&'static str>,
    },
    /// The header fits more than one kind.
    Ambiguous {
        /// The kinds whose columns it has.
        kinds: Vec<FileKind>,
    },
    /// The header fits none of the kinds.
    Unrecognised {
        /// The header's columns, as normalised for matching.
        found: Vec<String>,
    },
    /// Compressed data that inflates past the limit: a decompression bomb.
    Bomb {
        /// The bytes it was allowed to inflate to.
        limit: u64,
    },
    /// Compressed data that cannot be inflated.
    CorruptCompression,
    /// Compressed data that stops before its header row is complete.
    TruncatedCompression,
    /// A zip archive where a CSV file was expected: given inside a zip, or
    /// read as a file (a zip is opened by its entries).
    Zip,
    /// A second groups file whose dimensions are not those of the first.
    GroupsDiffer {
        /// The dimensions of the groups file read first.
        expected: Vec<String>,
    },
    /// The header would fit a kind if split by this character instead of commas.
    WrongDelimiter {
        /// The kind it would be.
        kind: FileKind,
        /// The character that separates its columns.
        delimiter: char,
    },
}

impl FileProblem {
    /// Whether the file is simply not one of the files (no header of any
    /// kind: a README, an image, an empty file), rather than one of them
    /// that cannot be read. Inside a zip, such an entry is skipped.
    pub fn is_not_a_data_file(&self) -> bool {
        matches!(self, FileProblem::Empty | FileProblem::NotText | FileProblem::Unrecognised { .. })
    }
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileProblem::Empty => write!(f, "the file is empty; {}", ExpectedColumns),
            FileProblem::Utf16 => f.write_str(
                "the file is UTF-16 text (a spreadsheet's \"Unicode text\" export); save it as CSV in UTF-8",
            ),
            FileProblem::NotText => write!(f, "this is not a CSV text file; {}", ExpectedColumns),
            FileProblem::BrokenHeader => {
                write!(
                    f,
                    "the first row is not a readable header (too long, or an unclosed quote); {}",
                    ExpectedColumns
                )
            }
            FileProblem::DuplicateColumn { name } => {
                write!(f, "the column {name} appears more than once in the header, so it is unclear which to read")
            }
            FileProblem::MissingColumns { kind, missing } => write!(
                f,
                "this looks like a {kind} file but has no {} column; a {kind} file needs the columns {}",
                missing.join(", "),
                kind.expected_columns()
            ),
            FileProblem::Ambiguous { kinds } => {
                let names: Vec<_> = kinds.iter().map(|k| k.label()).collect();
                write!(
                    f,
                    "the header has the columns of several files ({}); give each file separately",
                    names.join(" and ")
                )
            }
            FileProblem::Bomb { limit } => write!(
                f,
                "it inflates to more than {} MiB, over {} times its compressed size: refused as a \
                 decompression bomb",
                limit >> 20,
                100
            ),
            FileProblem::CorruptCompression => {
                f.write_str("its compressed data is damaged and cannot be inflated; export or download it again")
            }
            FileProblem::TruncatedCompression => f.write_str(
                "its compressed data stops before the header row ends (a truncated download?); download it again",
            ),
            FileProblem::Zip => {
                f.write_str("this is a zip archive inside a zip archive; unpack the inner one and give its files")
            }
            FileProblem::GroupsDiffer { expected } => write!(
                f,
                "a groups file with other columns was given already (its groups: {}); give one groups file, \
                 or split files with the same columns",
                expected.join(", ")
            ),
            FileProblem::WrongDelimiter { kind, delimiter } => {
                let name = match delimiter {
                    ';' => "semicolons".to_string(),
                    '\t' => "tabs".to_string(),
                    other => format!("{other:?}"),
                };
                write!(
                    f,
                    "this looks like a {kind} file with columns separated by {name}; save it as comma-separated CSV"
                )
            }
            FileProblem::Unrecognised { found } => {
                let mut shown: Vec<String> = found.iter().take(8).map(|c| format!("{c:?}")).collect();
                if found.len() > 8 {
                    shown.push(format!("and {} more", found.len() - 8));
                }
                write!(f, "the header ({}) matches none of the three files; {}", shown.join(", "), ExpectedColumns)
            }
        }
    }
}

/// The sentence that lists every kind's columns.
struct ExpectedColumns;

impl fmt::Display for ExpectedColumns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected a header row with the columns of one of: ")?;
        for (i, kind) in FileKind::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{} ({})", kind.label(), kind.expected_columns())?;
        }
        f.write_str("; or a groups file (store_id and columns of your own, such as region or target)")
    }
}

/// A header name as the contract matches it: trimmed, in lower case.
pub(crate) fn normalise(name: &[u8]) -> String {
    String::from_utf8_lossy(name).trim().to_lowercase()
}

/// Decides the kind of a file from its header row.
///
/// The kind is decided by which columns are present; only then are the
/// columns that kind reads looked up, and only a duplicate among those
/// refuses the file. Any other column is extra, and the contract ignores
/// extra columns, even one named like another kind's (two `day` columns in a
/// status file).
pub(crate) fn recognise(names: &[String]) -> Result<Columns, FileProblem> {
    let present = |wanted: &[&str]| names.iter().any(|name| wanted.contains(&name.as_str()));
    let position = |wanted: &[&str]| -> Result<Option<usize>, FileProblem> {
        let mut found = None;
        for (i, name) in names.iter().enumerate() {
            if wanted.contains(&name.as_str()) {
                if found.is_some() {
                    return Err(FileProblem::DuplicateColumn { name: name.clone() });
                }
                found = Some(i);
            }
        }
        Ok(found)
    };

    let mut complete = Vec::new();
    let mut partial = Vec::new();
    for kind in FileKind::ALL {
        let own = kind.own_columns();
        let mut missing = Vec::new();
        let mut found = 0;
        for alternatives in own {
            if present(alternatives) {
                found += 1;
            } else {
                missing.push(alternatives[0]);
            }
        }
        if missing.is_empty() {
            complete.push(kind);
        } else if found > 0 {
            partial.push((kind, missing));
        }
    }

    match (complete.as_slice(), present(&["store_id"])) {
        ([kind], true) => {
            let store = position(&["store_id"])?.unwrap_or(0);
            let at = |alternatives: &[&str]| position(alternatives).map(|p| p.unwrap_or(0));
            Ok(match kind {
                FileKind::StatusPolls => {
                    Columns::StatusPolls { store, status: at(&["status"])?, timestamp: at(&["timestamp_utc"])? }
                }
                FileKind::BusinessHours => Columns::BusinessHours {
                    store,
                    day: at(&["day", "dayofweek"])?,
                    start: at(&["start_time_local"])?,
                    end: at(&["end_time_local"])?,
                },
                FileKind::Timezones => Columns::Timezones { store, zone: at(&["timezone_str"])? },
                FileKind::Groups => unreachable!("the groups file has no own columns, so it is never complete"),
            })
        }
        ([kind], false) => Err(FileProblem::MissingColumns { kind: *kind, missing: vec!["store_id"] }),
        // With `store_id` and some of a kind's own columns, the file is
        // that kind with columns missing; without `store_id`, only a guess.
        ([], true) => match partial.into_iter().next() {
            Some((kind, missing)) => Err(FileProblem::MissingColumns { kind, missing }),
            None => groups_columns(names),
        },
        ([], false) => Err(FileProblem::Unrecognised { found: names.to_vec() }),
        (kinds, _) => Err(FileProblem::Ambiguous { kinds: kinds.to_vec() }),
    }
}

/// The columns of a groups file: `store_id`, at least one other named
/// column, none of them twice. Columns without a name (a spreadsheet's
/// trailing empty columns) are passed over.
fn groups_columns(names: &[String]) -> Result<Columns, FileProblem> {
    let mut seen: Vec<&str> = Vec::with_capacity(names.len());
    for name in names.iter().filter(|name| !name.is_empty()) {
        if seen.contains(&name.as_str()) {
            return Err(FileProblem::DuplicateColumn { name: name.clone() });
        }
        seen.push(name);
    }
    if seen.len() < 2 {
        return Err(FileProblem::Unrecognised { found: names.to_vec() });
    }
    let store = names.iter().position(|name| name == "store_id").unwrap_or(0);
    let target = names.iter().position(|name| name == "target");
    Ok(Columns::Groups { store, target })
}

/// The dimensions of a groups file: every named column but `store_id` and
/// `target`, in the file's order, as `(column, name as written, trimmed)`.
pub(crate) fn group_dimensions(raw_names: &[String], store: usize, target: Option<usize>) -> Vec<(usize, String)> {
    raw_names
        .iter()
        .enumerate()
        .filter(|&(i, name)| i != store && Some(i) != target && !name.trim().is_empty())
        .map(|(i, name)| (i, name.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| normalise(n.as_bytes())).collect()
    }

    #[test]
    fn each_kind_is_recognised_in_any_column_order_and_case() {
        assert_eq!(
            recognise(&header(&["store_id", "status", "timestamp_utc"])),
            Ok(Columns::StatusPolls { store: 0, status: 1, timestamp: 2 })
        );
        assert_eq!(
            recognise(&header(&[" Timestamp_UTC", "extra", "STATUS ", "Store_Id"])),
            Ok(Columns::StatusPolls { store: 3, status: 2, timestamp: 0 })
        );
        assert_eq!(
            recognise(&header(&["store_id", "dayOfWeek", "start_time_local", "end_time_local"])),
            Ok(Columns::BusinessHours { store: 0, day: 1, start: 2, end: 3 })
        );
        assert_eq!(
            recognise(&header(&["store_id", "day", "start_time_local", "end_time_local"])),
            Ok(Columns::BusinessHours { store: 0, day: 1, start: 2, end: 3 })
        );
        assert_eq!(recognise(&header(&["timezone_str", "store_id"])), Ok(Columns::Timezones { store: 1, zone: 0 }));
    }

    #[test]
    fn a_header_of_no_kind_names_the_expected_columns() {
        let problem = recognise(&header(&["id", "name", "price"])).expect_err("no kind");
        let message = problem.to_string();
        assert!(message.contains("\"id\", \"name\", \"price\""), "{message}");
        for kind in FileKind::ALL {
            assert!(message.contains(kind.expected_columns()), "{message}");
        }
    }

    #[test]
    fn missing_and_duplicate_columns_are_named() {
        assert_eq!(
            recognise(&header(&["store_id", "status"])),
            Err(FileProblem::MissingColumns { kind: FileKind::StatusPolls, missing: vec!["timestamp_utc"] })
        );
        assert_eq!(
            recognise(&header(&["status", "timestamp_utc"])),
            Err(FileProblem::MissingColumns { kind: FileKind::StatusPolls, missing: vec!["store_id"] })
        );
        assert_eq!(
            recognise(&header(&["store_id", "status", "timestamp_utc", "Status"])),
            Err(FileProblem::DuplicateColumn { name: "status".into() })
        );
        assert_eq!(
            recognise(&header(&["store_id", "day", "dayOfWeek", "start_time_local", "end_time_local"])),
            Err(FileProblem::DuplicateColumn { name: "dayofweek".into() })
        );
        assert_eq!(
            recognise(&header(&["store_id", "timezone_str", "status", "timestamp_utc"])),
            Err(FileProblem::Ambiguous { kinds: vec![FileKind::StatusPolls, FileKind::Timezones] })
        );
    }

    #[test]
    fn a_groups_file_is_store_id_and_columns_of_no_other_kind() {
        assert_eq!(
            recognise(&header(&["Region", "store_id", "Target", "brand"])),
            Ok(Columns::Groups { store: 1, target: Some(2) })
        );
        assert_eq!(recognise(&header(&["store_id", "region"])), Ok(Columns::Groups { store: 0, target: None }));
        assert_eq!(recognise(&header(&["store_id", "target"])), Ok(Columns::Groups { store: 0, target: Some(1) }));
        // store_id alone, or with only unnamed columns, is no groups file.
        assert!(matches!(recognise(&header(&["store_id"])), Err(FileProblem::Unrecognised { .. })));
        assert!(matches!(recognise(&header(&["store_id", "", " "])), Err(FileProblem::Unrecognised { .. })));
        // A column of another kind makes it that kind, with columns missing.
        assert_eq!(
            recognise(&header(&["store_id", "region", "status"])),
            Err(FileProblem::MissingColumns { kind: FileKind::StatusPolls, missing: vec!["timestamp_utc"] })
        );
        // Without store_id it is nothing.
        assert!(matches!(recognise(&header(&["region", "brand"])), Err(FileProblem::Unrecognised { .. })));
        assert_eq!(
            recognise(&header(&["store_id", "Region", "region "])),
            Err(FileProblem::DuplicateColumn { name: "region".into() })
        );
    }

    #[test]
    fn a_groups_files_dimensions_keep_their_written_names() {
        let raw: Vec<String> = [" Region ", "store_id", "target", "", "Brand"].map(String::from).to_vec();
        assert_eq!(group_dimensions(&raw, 1, Some(2)), vec![(0, "Region".to_string()), (4, "Brand".to_string())]);
    }

    #[test]
    fn a_duplicated_column_that_is_not_needed_is_ignored() {
        assert_eq!(
            recognise(&header(&["store_id", "timezone_str", "note", "note"])),
            Ok(Columns::Timezones { store: 0, zone: 1 })
        );
    }

    #[test]
    fn a_duplicated_column_of_another_kind_is_extra() {
        // An export with extra columns: they belong to another kind's file,
        // but this file's kind does not read them.
        assert_eq!(
            recognise(&header(&["store_id", "status", "day", "timestamp_utc", "Day"])),
            Ok(Columns::StatusPolls { store: 0, status: 1, timestamp: 3 })
        );
        assert_eq!(
            recognise(&header(&["store_id", "timezone_str", "status", "status", "dayOfWeek", "day"])),
            Ok(Columns::Timezones { store: 0, zone: 1 })
        );
        // The kind's own columns, and store_id, still may not be doubled.
        assert_eq!(
            recognise(&header(&["store_id", "timezone_str", "day", "day", "store_id"])),
            Err(FileProblem::DuplicateColumn { name: "store_id".into() })
        );
    }
}
