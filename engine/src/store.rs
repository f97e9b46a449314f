//! Store ids, interned once so that millions of polls carry a small index.

use std::cmp::Ordering;
use std::hash::BuildHasher;

use hashbrown::DefaultHashBuilder;
use hashbrown::HashTable;

/// A store, as an index into the [`StoreTable`] of one data set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StoreIndex(u32);

impl StoreIndex {
    /// The index as a `usize`, for indexing per-store arrays.
    pub fn get(self) -> usize {
        self.0 as usize
    }

    /// The index `n`; the caller checks it is below its table's length.
    pub(crate) fn from_raw(n: u32) -> StoreIndex {
        StoreIndex(n)
    }
}

/// Every store id seen in any of the files, each stored once.
///
/// The ids live end to end in one string, so interning a new id costs no
/// allocation of its own, and looking one up costs one hash of its bytes.
#[derive(Default, Debug)]
pub struct StoreTable {
    text: String,
    /// `ends[i]` is where id `i` ends in `text`; it starts where `i - 1` ends.
    ends: Vec<u32>,
    lookup: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl StoreTable {
    /// How many distinct ids the table holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether no id has been seen.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The id of a store.
    pub fn id(&self, store: StoreIndex) -> &str {
        id_at(&self.text, &self.ends, store.0)
    }

    /// The store with exactly this id (ids are compared as trimmed text).
    pub fn find(&self, id: &str) -> Option<StoreIndex> {
        self.find_bytes(id.as_bytes())
    }

    /// Looks an id up by its bytes. Every id in the table is valid, trimmed
    /// text, so a field whose bytes are found here needs no more checking:
    /// the reader relies on that to check each store's id once, not once per poll.
    pub(crate) fn find_bytes(&self, id: &[u8]) -> Option<StoreIndex> {
        let hash = self.hasher.hash_one(id);
        self.lookup.find(hash, |&i| id_at(&self.text, &self.ends, i).as_bytes() == id).map(|&i| StoreIndex(i))
    }

    /// The index of `id`, adding it if it is new. `None` only when the table
    /// is full (2^31 stores, or 4 GiB of ids), far beyond any real data set.
    pub(crate) fn intern(&mut self, id: &str) -> Option<StoreIndex> {
        if let Some(found) = self.find(id) {
            return Some(found);
        }
        let StoreTable { text, ends, lookup, hasher } = self;
        let index = u32::try_from(ends.len()).ok().filter(|&i| i < MAX_STORES)?;
        let end = u32::try_from(text.len() + id.len()).ok()?;
        text.push_str(id);
        ends.push(end);
        let hash = hasher.hash_one(id.as_bytes());
        lookup.insert_unique(hash, index, |&i| hasher.hash_one(id_at(text, ends, i).as_bytes()));
        Some(StoreIndex(index))
    }

    /// True when `ids` more ids of `bytes` bytes in all would surely fit.
    pub(crate) fn has_room_for(&self, ids: usize, bytes: usize) -> bool {
        self.ends.len().saturating_add(ids) < MAX_STORES as usize
            && self.text.len().saturating_add(bytes) <= u32::MAX as usize
    }

    /// The bytes of all ids together.
    pub(crate) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// All ids end to end, in index order.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Where each id ends in [`StoreTable::text`].
    pub(crate) fn ends(&self) -> &[u32] {
        &self.ends
    }

    /// Every store of the table, in the order their ids were first seen.
    pub fn indices(&self) -> impl Iterator<Item = StoreIndex> + use<> {
        (0..self.ends.len() as u32).map(StoreIndex)
    }
}

/// Store indices share a 32-bit word with a poll's status bit.
const MAX_STORES: u32 = 1 << 31;

fn id_at<'a>(text: &'a str, ends: &[u32], i: u32) -> &'a str {
    let end = ends[i as usize] as usize;
    let start = if i == 0 { 0 } else { ends[i as usize - 1] as usize };
    &text[start..end]
}

/// The order of report rows: numeric when every id is an integer, else text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdOrder {
    /// Every id is an integer: rows sort by value, so `9` comes before `10`.
    Numeric,
    /// Some id is not: rows sort by the ids' UTF-8 bytes.
    Text,
}

impl IdOrder {
    /// Numeric if every id is an integer (an optional `-` and digits).
    pub(crate) fn for_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> IdOrder {
        if ids.into_iter().all(is_integer) { IdOrder::Numeric } else { IdOrder::Text }
    }

    /// Compares two ids in this order (equal integers written differently,
    /// such as `7` and `007`, then by text, so the order is total).
    pub(crate) fn compare(self, a: &str, b: &str) -> Ordering {
        match self {
            IdOrder::Text => a.cmp(b),
            IdOrder::Numeric => compare_integers(a, b).then_with(|| a.cmp(b)),
        }
    }
}

pub(crate) fn is_integer(id: &str) -> bool {
    let digits = id.strip_prefix('-').unwrap_or(id);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Compares two integers written in decimal, of any length: store ids are
/// 19-digit numbers that overflow `i64` and lose digits in an `f64`.
fn compare_integers(a: &str, b: &str) -> Ordering {
    let (a_negative, a_digits) = split_sign(a);
    let (b_negative, b_digits) = split_sign(b);
    let magnitude = a_digits.len().cmp(&b_digits.len()).then_with(|| a_digits.cmp(b_digits));
    match (a_negative, b_negative) {
        (false, false) => magnitude,
        (true, true) => magnitude.reverse(),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
    }
}

/// The sign and the digits without leading zeros; `-0` counts as zero.
fn split_sign(id: &str) -> (bool, &str) {
    let (negative, digits) = match id.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, id),
    };
    let digits = digits.trim_start_matches('0');
    (negative && !digits.is_empty(), digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_returns_the_same_index_for_the_same_id() {
        let mut table = StoreTable::default();
        let a = table.intern("8419537941919820732").expect("room");
        let b = table.intern("54515546588432327").expect("room");
        assert_ne!(a, b);
        assert_eq!(table.intern("8419537941919820732"), Some(a));
        assert_eq!(table.id(a), "8419537941919820732");
        assert_eq!(table.id(b), "54515546588432327");
        assert_eq!(table.find("54515546588432327"), Some(b));
        assert_eq!(table.find("5451554658843232"), None);
        assert_eq!(table.len(), 2);
    }

    #[test]
    fn many_ids_survive_table_growth() {
        let mut table = StoreTable::default();
        let indices: Vec<_> = (0..50_000).map(|i| table.intern(&format!("id-{i}")).expect("room")).collect();
        for (i, index) in indices.iter().enumerate() {
            assert_eq!(table.id(*index), format!("id-{i}"));
            assert_eq!(table.find(&format!("id-{i}")), Some(*index));
        }
    }

    #[test]
    fn integer_ids_sort_numerically_beyond_64_bits() {
        let mut ids = vec!["9", "10", "-3", "18446744073709551616", "8419537941919820732", "-20", "007", "7", "0"];
        let order = IdOrder::for_ids(ids.iter().copied());
        assert_eq!(order, IdOrder::Numeric);
        ids.sort_by(|a, b| order.compare(a, b));
        assert_eq!(ids, vec!["-20", "-3", "0", "007", "7", "9", "10", "8419537941919820732", "18446744073709551616"]);
    }

    #[test]
    fn any_non_integer_id_makes_the_order_textual() {
        let ids = ["10", "9", "b5d0a65d-6d54-47aa-95e9-9312f0353326"];
        assert_eq!(IdOrder::for_ids(ids), IdOrder::Text);
        let mut sorted = ids.to_vec();
        sorted.sort_by(|a, b| IdOrder::Text.compare(a, b));
        assert_eq!(sorted, vec!["10", "9", "b5d0a65d-6d54-47aa-95e9-9312f0353326"]);
        assert!(!is_integer("-"));
        assert!(!is_integer("+5"));
        assert!(!is_integer(""));
    }
}
