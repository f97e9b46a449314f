//! Merging what was read apart: the parts of one file, and the data sets of
//! different files, into one data set equal to a sequential read.
//!
//! Both come down to appending a data set read on its own: its stores are
//! interned into this data set's table in the order it first named them,
//! which is the order a sequential read would have met them in, since every
//! store new to this data set is first named in it; its polls, periods,
//! timezone rows and rejected rows follow this data set's, as in the file.

use std::fmt;

use super::part::{PartContent, Unusable};
use super::{ACTIVE_BIT, Dataset, FileError, FileFeed, FileId, FilePart, FileSummary, Rejection};

/// Why parts could not be merged: the data set is then unchanged, and the
/// file must be read whole ([`Dataset::merge_parts_or_read_whole`] does so).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeProblem {
    /// No parts were given.
    NoParts,
    /// The parts do not make up one file end to end, in order.
    NotContiguous,
    /// The file's header was refused; reading it whole says why.
    HeaderRefused,
    /// The first part holds no complete header (or a later part was given
    /// head bytes without one).
    NoHeader,
    /// A part was finished before it had read all it needs.
    Incomplete,
    /// A part boundary falls inside a record: inside a quoted field, or in
    /// lines the table rule for stray quotes may read again.
    BoundaryInsideRecord {
        /// The file offset of the boundary.
        at: u64,
    },
    /// A part (or data set) listed fewer rejected rows than this data set
    /// would have: it was read with a smaller cap.
    RejectionListCap,
    /// The merged data set could hold too many stores.
    TooManyStores,
    /// Two groups files with different dimensions.
    GroupsDiffer,
}

impl fmt::Display for MergeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeProblem::NoParts => f.write_str("no parts to merge"),
            MergeProblem::NotContiguous => f.write_str("the parts do not make up one file, in order"),
            MergeProblem::HeaderRefused => f.write_str("the file's header was refused"),
            MergeProblem::NoHeader => f.write_str("the first part holds no complete header"),
            MergeProblem::Incomplete => f.write_str("a part was not read to its end"),
            MergeProblem::BoundaryInsideRecord { at } => write!(f, "the part boundary at byte {at} is inside a record"),
            MergeProblem::RejectionListCap => f.write_str("a part lists fewer rejected rows than the data set would"),
            MergeProblem::TooManyStores => f.write_str("too many stores to merge"),
            MergeProblem::GroupsDiffer => f.write_str("the groups files have different columns"),
        }
    }
}

impl std::error::Error for MergeProblem {}

/// Where the data of an appended data set goes.
#[derive(Clone, Copy)]
enum Target {
    /// Its files are added after this data set's.
    NewFiles,
    /// Its one file is the continuation of `file`, whose lines before it
    /// hold `line_offset` line breaks.
    Continue { file: FileId, line_offset: u64 },
}

impl Dataset {
    /// Merges the parts of one file, in file order, as if the file had been
    /// read whole with [`Dataset::read_file`]; when the parts cannot be
    /// merged exactly (see [`Dataset::merge_parts`]), calls `read_whole`
    /// with a feed of this data set to read the file from its start, and
    /// returns what that returns. Prefer this to `merge_parts`: it cannot
    /// forget the fallback.
    pub fn merge_parts_or_read_whole<E: From<FileError>>(
        &mut self,
        name: &str,
        parts: Vec<FilePart>,
        read_whole: impl FnOnce(FileFeed<'_>) -> Result<FileSummary, E>,
    ) -> Result<FileSummary, E> {
        match self.merge_parts(name, parts) {
            Ok(summary) => Ok(summary),
            Err(_) => read_whole(self.read_file(name)),
        }
    }

    /// Merges the parts of one file, in file order: the result is exactly
    /// that of reading the file whole (stores, polls, rows and their lines,
    /// rejected rows and the cap on their list, the file's summary). Fails,
    /// leaving the data set unchanged, when that cannot be guaranteed: a
    /// boundary inside a record, a refused or missing header, parts that
    /// do not make up the file. The file must then be read whole.
    pub fn merge_parts(&mut self, name: &str, parts: Vec<FilePart>) -> Result<FileSummary, MergeProblem> {
        check_parts(&parts)?;
        let mut pieces = Vec::with_capacity(parts.len());
        let mut line_offset = 0;
        for part in parts {
            if let PartContent::Rows { data, .. } = part.content {
                pieces.push((*data, line_offset));
            }
            line_offset += part.line_breaks;
        }
        let kinds_agree = pieces.windows(2).all(|w| match (w[0].0.files.first(), w[1].0.files.first()) {
            (Some(a), Some(b)) => a.kind == b.kind,
            _ => false,
        });
        if !kinds_agree || pieces.iter().any(|(data, _)| data.files.len() != 1) {
            return Err(MergeProblem::NotContiguous);
        }
        self.check_room(pieces.iter().map(|(data, _)| data))?;
        // One allocation for the polls of all parts (the first part's move in).
        let later_polls: usize = pieces.iter().skip(1).map(|(data, _)| data.polls.len()).sum();
        let file = FileId(self.files.len() as u32);
        for (index, (data, line_offset)) in pieces.into_iter().enumerate() {
            let target = if index == 0 { Target::NewFiles } else { Target::Continue { file, line_offset } };
            self.absorb(data, target)?;
            if index == 0 {
                self.polls.store_and_status.reserve_exact(later_polls);
                self.polls.at.reserve_exact(later_polls);
            }
        }
        let summary = &mut self.files[file.get()];
        summary.name = name.to_string();
        Ok(summary.clone())
    }

    /// Appends a data set read apart (another file, read in another worker,
    /// say): the result is exactly that of reading its files into this data
    /// set, after this data set's own. Fails, leaving the data set unchanged,
    /// only if `other` listed fewer rejected rows than this data set would
    /// (its cap is smaller), or the stores might not fit.
    pub fn append(&mut self, other: Dataset) -> Result<(), MergeProblem> {
        self.check_room(std::iter::once(&other))?;
        self.absorb(other, Target::NewFiles)
    }

    /// Checks that appending `others`, in order, loses nothing: every
    /// rejected row this data set would list is listed in them, and the
    /// stores fit.
    fn check_room<'a>(&self, others: impl Iterator<Item = &'a Dataset> + Clone) -> Result<(), MergeProblem> {
        let mut room = self.rejection_list_cap.0.saturating_sub(self.rejections.len());
        for other in others.clone() {
            let listed = other.rejections.len();
            let total = listed as u64 + other.rejections_not_listed;
            let wanted = total.min(room as u64);
            if (listed as u64) < wanted {
                return Err(MergeProblem::RejectionListCap);
            }
            room -= wanted as usize;
        }
        let mut groups = self.groups.is_given().then_some(&self.groups.dimensions);
        for other in others.clone().filter(|other| other.groups.is_given()) {
            match groups {
                None => groups = Some(&other.groups.dimensions),
                Some(ours) if super::groups_permutation(ours, &other.groups.dimensions).is_none() => {
                    return Err(MergeProblem::GroupsDiffer);
                }
                Some(_) => {}
            }
        }
        let ids: usize = others.clone().map(|other| other.stores.len()).sum();
        let bytes: usize = others.map(|other| other.stores.text_len()).sum();
        if !self.stores.has_room_for(ids, bytes) {
            return Err(MergeProblem::TooManyStores);
        }
        Ok(())
    }

    /// Appends `other` to this data set; `check_room` has passed.
    fn absorb(&mut self, other: Dataset, target: Target) -> Result<(), MergeProblem> {
        let Dataset {
            stores,
            polls,
            hours,
            zones,
            files,
            stores_of_file,
            rejections,
            rejections_not_listed,
            groups,
            ..
        } = other;
        let store_map = stores
            .indices()
            .map(|store| self.stores.intern(stores.id(store)))
            .collect::<Option<Vec<_>>>()
            .ok_or(MergeProblem::TooManyStores)?;
        let store_bits: Vec<u32> = store_map.iter().map(|store| store.get() as u32).collect();

        let own = &mut self.polls;
        let identity = store_bits.iter().enumerate().all(|(index, &bits)| index == bits as usize);
        if own.len() == 0 && identity {
            // The first file or part of a data set: its polls move, uncopied.
            *own = polls;
        } else {
            own.store_and_status.extend(
                polls
                    .store_and_status
                    .iter()
                    .map(|&packed| store_bits[(packed & !ACTIVE_BIT) as usize] | (packed & ACTIVE_BIT)),
            );
            own.at.extend_from_slice(&polls.at);
        }
        self.hours.extend(hours.into_iter().map(|(store, period)| (store_map[store.get()], period)));
        self.zones.extend(zones.into_iter().map(|(store, zone)| (store_map[store.get()], zone)));

        let first_new = self.files.len();
        let file_map = |id: FileId| match target {
            Target::NewFiles => FileId((first_new + id.get()) as u32),
            Target::Continue { file, .. } => file,
        };
        let line_offset = match target {
            Target::NewFiles => 0,
            Target::Continue { line_offset, .. } => line_offset,
        };
        for (summary, stores_named) in files.into_iter().zip(stores_of_file) {
            let id = file_map(summary.id);
            let stores_named = stores_named.into_iter().map(|store| store_map[store.get()]);
            match target {
                Target::NewFiles => {
                    self.files.push(FileSummary { id, ..summary });
                    self.stores_of_file.push(stores_named.collect());
                }
                Target::Continue { .. } => {
                    let own = &mut self.files[id.get()];
                    own.bytes += summary.bytes;
                    own.rows += summary.rows;
                    own.used += summary.used;
                    own.rejected += summary.rejected;
                    self.stores_of_file[id.get()].extend(stores_named);
                }
            }
        }
        self.groups.absorb(groups, file_map).map_err(|_| MergeProblem::GroupsDiffer)?;
        for rejection in rejections {
            let Rejection { file, line, reason } = rejection;
            self.list_rejection(Rejection { file: file_map(file), line: line + line_offset, reason });
        }
        self.rejections_not_listed += rejections_not_listed;
        Ok(())
    }
}

/// Checks that the parts make up one file in order, and that each ends
/// between two records, so that merging them equals reading the file whole.
fn check_parts(parts: &[FilePart]) -> Result<(), MergeProblem> {
    let (first, last) = match (parts.first(), parts.last()) {
        (Some(first), Some(last)) => (first, last),
        _ => return Err(MergeProblem::NoParts),
    };
    let file_bytes = first.range.file_bytes();
    let in_order = first.range.start() == 0
        && last.range.end() == file_bytes
        && parts.iter().all(|part| part.range.file_bytes() == file_bytes)
        && parts.windows(2).all(|pair| pair[0].range.end() == pair[1].range.start());
    if !in_order {
        return Err(MergeProblem::NotContiguous);
    }
    for part in parts {
        if let PartContent::Unusable(why) = part.content {
            return Err(match why {
                Unusable::HeaderRefused => MergeProblem::HeaderRefused,
                Unusable::NoHeader => MergeProblem::NoHeader,
                Unusable::Incomplete => MergeProblem::Incomplete,
            });
        }
    }
    let spans_meet = first.span.start == 0
        && last.span.end == file_bytes
        && parts.windows(2).all(|pair| pair[0].span.end == pair[1].span.start);
    if !spans_meet {
        return Err(MergeProblem::NotContiguous);
    }
    for part in &parts[..parts.len() - 1] {
        if !part.is_mergeable() {
            return Err(MergeProblem::BoundaryInsideRecord { at: part.span.end });
        }
    }
    Ok(())
}
