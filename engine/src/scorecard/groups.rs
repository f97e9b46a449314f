//! The groups file as read: each row's store, its group in each dimension,
//! and its own target.

use super::target::Target;
use crate::input::{FileId, FileProblem};

/// One row of a groups file, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GroupRow {
    /// The store id, trimmed.
    pub(crate) store_id: Box<str>,
    /// The trimmed value of each dimension, in [`GroupRows::dimensions`]'
    /// order (empty when the field is).
    pub(crate) groups: Box<[Box<str>]>,
    /// The row's target; `None` for an empty field, a refused value, or a
    /// file without a `target` column: then the fleet's target applies.
    pub(crate) target: Option<Target>,
}

/// What a groups file holds, for its preview: its stores, and for each
/// dimension how many groups and how many stores with a value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupsSummary {
    /// Distinct stores with a row (the last row of each counts).
    pub stores: usize,
    /// Each dimension, in the file's order: its name, its distinct
    /// non-empty values, and the stores whose value is not empty.
    pub dimensions: Vec<DimensionSummary>,
}

/// One dimension of a groups file, for its preview.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DimensionSummary {
    /// The dimension's name as the header writes it.
    pub name: String,
    /// How many distinct non-empty values it has.
    pub groups: usize,
    /// How many stores have a non-empty value (the others are in `(none)`).
    pub stores_with_value: usize,
}

/// Every row of the groups files read, in file order: the last row of a
/// store wins, as SPEC says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct GroupRows {
    /// The dimensions' names as the first groups file writes them.
    pub(crate) dimensions: Vec<String>,
    /// For each groups file (by file id), the column of each dimension.
    columns: Vec<(FileId, Vec<usize>)>,
    pub(crate) rows: Vec<GroupRow>,
}

impl GroupRows {
    /// Whether any groups file was read.
    pub(crate) fn is_given(&self) -> bool {
        !self.columns.is_empty()
    }

    /// Takes a groups file's header: its dimensions, `(column, name)` in
    /// the file's order. A later file must have the same dimensions, in any
    /// order (a split export); names are matched as headers are, ignoring case.
    pub(crate) fn begin_file(&mut self, file: FileId, dimensions: Vec<(usize, String)>) -> Result<(), FileProblem> {
        if !self.is_given() {
            self.dimensions = dimensions.iter().map(|(_, name)| name.clone()).collect();
            self.columns.push((file, dimensions.into_iter().map(|(column, _)| column).collect()));
            return Ok(());
        }
        let names: Vec<String> = dimensions.iter().map(|(_, name)| name.clone()).collect();
        let order = permutation(&self.dimensions, &names)
            .ok_or_else(|| FileProblem::GroupsDiffer { expected: self.dimensions.clone() })?;
        self.columns.push((file, order.into_iter().map(|i| dimensions[i].0).collect()));
        Ok(())
    }

    /// Appends the groups of a data set read apart, whose file ids become
    /// `file_map`'s; fails, unchanged, when its dimensions are not these.
    pub(crate) fn absorb(&mut self, other: GroupRows, file_map: impl Fn(FileId) -> FileId) -> Result<(), ()> {
        if !other.is_given() {
            return Ok(());
        }
        if !self.is_given() {
            self.dimensions = other.dimensions;
            self.columns.extend(other.columns.into_iter().map(|(file, columns)| (file_map(file), columns)));
            self.rows.extend(other.rows);
            return Ok(());
        }
        let order = permutation(&self.dimensions, &other.dimensions).ok_or(())?;
        for (file, columns) in other.columns {
            let file = file_map(file);
            if self.columns.iter().all(|(id, _)| *id != file) {
                self.columns.push((file, order.iter().map(|&i| columns[i]).collect()));
            }
        }
        self.rows.extend(
            other
                .rows
                .into_iter()
                .map(|row| GroupRow { groups: order.iter().map(|&i| row.groups[i].clone()).collect(), ..row }),
        );
        Ok(())
    }

    /// Its stores and dimensions, each store by its last row.
    pub(crate) fn summary(&self) -> GroupsSummary {
        let mut last: hashbrown::HashMap<&str, &GroupRow> = hashbrown::HashMap::new();
        for row in &self.rows {
            last.insert(&row.store_id, row);
        }
        let dimensions = self
            .dimensions
            .iter()
            .enumerate()
            .map(|(d, name)| {
                let values: Vec<&str> =
                    last.values().filter_map(|row| row.groups.get(d)).map(|v| &**v).filter(|v| !v.is_empty()).collect();
                let distinct: hashbrown::HashSet<&str> = values.iter().copied().collect();
                DimensionSummary { name: name.clone(), groups: distinct.len(), stores_with_value: values.len() }
            })
            .collect();
        GroupsSummary { stores: last.len(), dimensions }
    }

    /// How much is held, to go back to with [`GroupRows::truncate`].
    pub(crate) fn mark(&self) -> (usize, usize) {
        (self.columns.len(), self.rows.len())
    }

    /// Forgets what was read since `mark` (a file refused part way).
    pub(crate) fn truncate(&mut self, (columns, rows): (usize, usize)) {
        self.columns.truncate(columns);
        self.rows.truncate(rows);
        if self.columns.is_empty() {
            self.dimensions.clear();
        }
    }

    /// The column of each dimension in `file`.
    pub(crate) fn columns_of(&self, file: FileId) -> &[usize] {
        self.columns.iter().find(|(id, _)| *id == file).map_or(&[], |(_, columns)| columns)
    }
}

/// Where each of `ours` stands in `theirs`, names matched ignoring case;
/// `None` unless both name the same dimensions.
pub(crate) fn permutation(ours: &[String], theirs: &[String]) -> Option<Vec<usize>> {
    if ours.len() != theirs.len() {
        return None;
    }
    ours.iter().map(|name| theirs.iter().position(|other| other.to_lowercase() == name.to_lowercase())).collect()
}

#[cfg(test)]
mod tests {
    use crate::input::Dataset;

    #[test]
    fn a_groups_files_summary_counts_each_store_by_its_last_row() {
        let mut data = Dataset::new();
        data.read_bytes(
            "groups.csv",
            b"store_id,Region,target,Brand\n1,North,,A\n2,,99,A\n3,South,,\n1,South,,B\n,North,,A\n",
        )
        .expect("a groups file");
        let summary = data.groups_summary();
        assert_eq!(summary.stores, 3);
        let dims: Vec<(&str, usize, usize)> =
            summary.dimensions.iter().map(|d| (d.name.as_str(), d.groups, d.stores_with_value)).collect();
        // Store 1's last row says South and B.
        assert_eq!(dims, [("Region", 1, 2), ("Brand", 2, 2)]);
        assert_eq!(Dataset::new().groups_summary(), super::GroupsSummary::default());
    }
}
