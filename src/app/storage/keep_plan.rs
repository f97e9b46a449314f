//! The keeper's decisions as plain functions, apart from the browser and
//! its storage (as `queue::queue_machine` is for the jobs): which files and
//! reports to write, which to delete, and what the page says was not kept
//! and why. [`super::keeper::Storage`] carries them out.

use std::collections::HashSet;

use super::idb::StoreError;

/// The files to write: those whose preview is known (`keepable`), in the
/// slots' order, that are not kept or being written already.
pub fn files_to_keep(files: &[(u64, bool)], kept: &HashSet<u64>) -> Vec<u64> {
    files.iter().filter(|(key, keepable)| *keepable && !kept.contains(key)).map(|(key, _)| *key).collect()
}

/// The kept files (written, or being written) that nothing needs: no slot
/// holds them, no report read them, no stopped report waits for them.
/// In key order.
pub fn unneeded_files(kept: &HashSet<u64>, needed: &HashSet<u64>) -> Vec<u64> {
    let mut unneeded: Vec<u64> = kept.difference(needed).copied().collect();
    unneeded.sort_unstable();
    unneeded
}

/// The complete reports to write: those not kept or being written already,
/// in the order given.
pub fn reports_to_keep(complete: &[u32], kept: &HashSet<u32>) -> Vec<u32> {
    complete.iter().filter(|id| !kept.contains(id)).copied().collect()
}

/// The kept reports that are no longer in the queue (the user removed
/// them). In id order.
pub fn reports_to_forget(kept: &HashSet<u32>, present: &HashSet<u32>) -> Vec<u32> {
    let mut gone: Vec<u32> = kept.difference(present).copied().collect();
    gone.sort_unstable();
    gone
}

/// What the browser would not keep, in the order refused, and why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NotKept {
    pub what: Vec<String>,
    pub why: Option<StoreError>,
}

impl NotKept {
    /// A write of `what` ended: kept, it leaves the list (and with the list
    /// empty, so does the reason); refused, it joins the list once, and its
    /// reason becomes the one said — unless that is "full", the reason a
    /// user can act on, which a later, vaguer one does not hide.
    pub fn written(&mut self, what: &str, outcome: Result<(), StoreError>) {
        match outcome {
            Ok(()) => {
                self.what.retain(|refused| refused != what);
                if self.what.is_empty() {
                    self.why = None;
                }
            }
            Err(problem) => {
                if !self.what.iter().any(|refused| refused == what) {
                    self.what.push(what.to_string());
                }
                if self.why != Some(StoreError::Full) {
                    self.why = Some(problem);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set<T: std::hash::Hash + Eq + Copy>(items: &[T]) -> HashSet<T> {
        items.iter().copied().collect()
    }

    #[test]
    fn only_files_with_a_known_preview_and_not_kept_are_written() {
        // 3 is still being read; 2 is kept already.
        let files = [(1, true), (2, true), (3, false), (4, true)];
        assert_eq!(files_to_keep(&files, &set(&[2])), vec![1, 4]);
    }

    #[test]
    fn a_file_nothing_needs_is_forgotten() {
        // 5 is in a slot, 7 was read by a report, 9 waits for a stopped
        // report: only 6 and 8 go.
        let kept = set(&[5, 6, 7, 8, 9]);
        let needed = set(&[5, 7, 9, 11]);
        assert_eq!(unneeded_files(&kept, &needed), vec![6, 8]);
        assert_eq!(unneeded_files(&set(&[]), &needed), Vec::<u64>::new());
    }

    #[test]
    fn complete_reports_are_written_once_and_removed_ones_forgotten() {
        assert_eq!(reports_to_keep(&[4, 2, 7], &set(&[2])), vec![4, 7]);
        // Report 3 was removed from the queue; 1 and 2 are still there.
        assert_eq!(reports_to_forget(&set(&[1, 2, 3]), &set(&[1, 2, 5])), vec![3]);
    }

    #[test]
    fn a_refused_write_is_listed_once_and_leaves_when_kept() {
        let mut not_kept = NotKept::default();
        not_kept.written("report 1", Err(StoreError::Other("AbortError".into())));
        not_kept.written("report 1", Err(StoreError::Other("AbortError".into())));
        not_kept.written("status.csv", Err(StoreError::Other("UnknownError".into())));
        assert_eq!(not_kept.what, vec!["report 1".to_string(), "status.csv".to_string()]);
        assert_eq!(not_kept.why, Some(StoreError::Other("UnknownError".into())));
        not_kept.written("report 1", Ok(()));
        assert_eq!(not_kept.what, vec!["status.csv".to_string()]);
        assert!(not_kept.why.is_some(), "one is still not kept");
        not_kept.written("status.csv", Ok(()));
        assert_eq!(not_kept, NotKept::default());
    }

    #[test]
    fn a_full_storage_is_the_reason_said_until_all_is_kept() {
        let mut not_kept = NotKept::default();
        not_kept.written("report 1", Err(StoreError::Other("AbortError".into())));
        not_kept.written("report 2", Err(StoreError::Full));
        not_kept.written("report 3", Err(StoreError::Other("AbortError".into())));
        assert_eq!(not_kept.why, Some(StoreError::Full));
        // A success elsewhere changes nothing of it.
        not_kept.written("slots", Ok(()));
        assert_eq!(not_kept.why, Some(StoreError::Full));
    }
}
