//! What a user should be told about the files besides bad rows: what was
//! combined, what was assumed, and what did not match.

use std::fmt;

use crate::analysis::Analysis;
use crate::input::FileKind;
use crate::zone::StoreZone;

/// Something worth telling about the data set as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Several files of one kind were read and combined, in this order.
    FilesCombined {
        /// The kind the files share.
        kind: FileKind,
        /// The files' names, in reading order.
        files: Vec<String>,
    },
    /// No file of this kind was given.
    NoFile {
        /// The kind of file missing.
        kind: FileKind,
    },
    /// An hours or timezones file names no store that has polls, so none of
    /// it is used: probably a file of another data set.
    NoCommonStores {
        /// The file's name.
        file: String,
        /// What kind of file it was recognised as.
        kind: FileKind,
    },
    /// Stores with polls but no business-hours rows, counted as open 24x7
    /// (only said when there is an hours file).
    StoresWithoutHours {
        /// How many such stores.
        stores: usize,
    },
    /// Stores with polls but no timezone (no row, or an unknown name), in the
    /// default timezone (only said when there is a timezones file).
    StoresWithoutTimezone {
        /// How many such stores.
        stores: usize,
        /// The timezone they were put in.
        default_zone: StoreZone,
    },
    /// Rows of the groups file for stores that are not in the report (they
    /// have no poll): ignored.
    GroupRowsWithoutStore {
        /// How many such rows.
        rows: u64,
    },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stores = |n: usize| if n == 1 { "1 store".to_string() } else { format!("{n} stores") };
        match self {
            Notice::FilesCombined { kind, files } => {
                write!(f, "{} {kind} files were combined, in this order: {}", files.len(), files.join(", "))
            }
            Notice::NoFile { kind: FileKind::BusinessHours } => {
                f.write_str("no business hours file: every store counts as open 24 hours, 7 days a week")
            }
            Notice::NoFile { kind: FileKind::Timezones } => {
                f.write_str("no timezones file: every store is in the default timezone")
            }
            Notice::NoFile { kind: FileKind::StatusPolls } => {
                f.write_str("no status polls file: there is nothing to report")
            }
            Notice::NoFile { kind: FileKind::Groups } => f.write_str("no groups file"),
            Notice::GroupRowsWithoutStore { rows } => write!(
                f,
                "{} of the groups file {} for stores that are not in the report (no poll): ignored",
                if *rows == 1 { "1 row".to_string() } else { format!("{rows} rows") },
                if *rows == 1 { "is" } else { "are" }
            ),
            Notice::NoCommonStores { file, kind } => write!(
                f,
                "{file} ({kind}) names no store that has polls, so none of it is used; is it from another data set?"
            ),
            Notice::StoresWithoutHours { stores: n } => {
                write!(f, "{} with polls {} no business hours rows: counted as open 24x7", stores(*n), has(*n))
            }
            Notice::StoresWithoutTimezone { stores: n, default_zone } => write!(
                f,
                "{} with polls {} no known timezone: using the default, {}",
                stores(*n),
                has(*n),
                default_zone.name()
            ),
        }
    }
}

fn has(n: usize) -> &'static str {
    if n == 1 { "has" } else { "have" }
}

/// The notices for a data set, in a stable order.
///
/// ```
/// use store_uptime_engine::{Analysis, DEFAULT_ZONE, Dataset, notices};
///
/// let mut data = Dataset::new();
/// data.read_bytes("a.csv", b"store_id,status,timestamp_utc\n1,active,2023-01-25 12:00:00 UTC\n")?;
/// data.read_bytes("b.csv", b"store_id,status,timestamp_utc\n2,active,2023-01-25 12:00:00 UTC\n")?;
/// let said: Vec<String> = notices(&Analysis::new(data), DEFAULT_ZONE).iter().map(ToString::to_string).collect();
/// assert_eq!(said[0], "2 status polls files were combined, in this order: a.csv, b.csv");
/// assert!(said.contains(&"no business hours file: every store counts as open 24 hours, 7 days a week".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn notices(analysis: &Analysis, default_zone: StoreZone) -> Vec<Notice> {
    let mut notices = Vec::new();
    let files = analysis.files();
    let has_kind = |kind: FileKind| files.iter().any(|f| f.kind == kind);
    for kind in FileKind::ALL {
        let names: Vec<String> = files.iter().filter(|f| f.kind == kind).map(|f| f.name.clone()).collect();
        if names.len() > 1 {
            notices.push(Notice::FilesCombined { kind, files: names });
        } else if names.is_empty() {
            notices.push(Notice::NoFile { kind });
        }
    }
    let polled = analysis.stores().indices().filter(|&s| analysis.has_polls(s)).count();
    if polled == 0 {
        return notices;
    }
    let groups_without_store = crate::scorecard::group_rows_without_store(analysis);
    if groups_without_store > 0 {
        notices.push(Notice::GroupRowsWithoutStore { rows: groups_without_store });
    }
    for file in files.iter().filter(|f| matches!(f.kind, FileKind::BusinessHours | FileKind::Timezones) && f.used > 0) {
        if !analysis.stores_of_file(file.id).iter().any(|&s| analysis.has_polls(s)) {
            notices.push(Notice::NoCommonStores { file: file.name.clone(), kind: file.kind });
        }
    }
    let polled_stores = || analysis.stores().indices().filter(|&s| analysis.has_polls(s));
    if has_kind(FileKind::BusinessHours) {
        let without = polled_stores().filter(|&s| analysis.periods(s).is_empty()).count();
        if without > 0 {
            notices.push(Notice::StoresWithoutHours { stores: without });
        }
    }
    if has_kind(FileKind::Timezones) {
        let without = polled_stores().filter(|&s| analysis.zone_row(s).flatten().is_none()).count();
        if without > 0 {
            notices.push(Notice::StoresWithoutTimezone { stores: without, default_zone });
        }
    }
    notices
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Dataset;
    use crate::zone::DEFAULT_ZONE;

    fn notices_for(files: &[(&str, &str)]) -> Vec<String> {
        let mut data = Dataset::new();
        for (name, text) in files {
            data.read_bytes(name, text.as_bytes()).expect("recognised");
        }
        notices(&Analysis::new(data), DEFAULT_ZONE).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn missing_files_say_what_is_assumed() {
        let got = notices_for(&[("s.csv", "store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n")]);
        assert_eq!(
            got,
            vec![
                "no business hours file: every store counts as open 24 hours, 7 days a week",
                "no timezones file: every store is in the default timezone",
            ]
        );
    }

    #[test]
    fn combined_files_unmatched_files_and_stores_without_hours_or_timezone() {
        let got = notices_for(&[
            ("part1.csv", "store_id,status,timestamp_utc\n1,active,2023-01-25 11:00:00\n"),
            ("part2.csv", "store_id,status,timestamp_utc\n2,active,2023-01-25 11:00:00\n"),
            ("hours.csv", "store_id,day,start_time_local,end_time_local\n1,0,09:00,17:00\n"),
            ("other-hours.csv", "store_id,day,start_time_local,end_time_local\n99,0,09:00,17:00\n"),
            ("zones.csv", "store_id,timezone_str\n77,UTC\n"),
        ]);
        assert_eq!(
            got,
            vec![
                "2 status polls files were combined, in this order: part1.csv, part2.csv",
                "2 business hours files were combined, in this order: hours.csv, other-hours.csv",
                "other-hours.csv (business hours) names no store that has polls, so none of it is used; is it from another data set?",
                "zones.csv (timezones) names no store that has polls, so none of it is used; is it from another data set?",
                "1 store with polls has no business hours rows: counted as open 24x7",
                "2 stores with polls have no known timezone: using the default, America/Chicago",
            ]
        );
    }
}
