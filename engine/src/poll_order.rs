//! Putting one store's polls in time order, as a stable sort would (polls
//! at the same instant keep their file order, or under
//! [`TieRule::InactiveLast`] the active ones come first).
//!
//! A store's polls usually span days, a few bits of the 64 a nanosecond
//! time takes. So each poll becomes one `u64`: its time from the store's
//! first, then (for `InactiveLast`) a bit that is set when it is inactive,
//! then its position. Every key is distinct and orders exactly as the
//! stable sort's (time, tie, position) would, so an unstable sort of plain
//! integers, several times cheaper than a stable sort of pairs, gives the
//! same order. When the span does not leave room for the position (polls
//! centuries apart), the stable sort runs as before.

use crate::analysis::TieRule;
use crate::time::UtcInstant;

/// Sorts `at` and `active` (the same length) together by time, ties as `ties` says.
pub(crate) fn sort_polls(at: &mut [UtcInstant], active: &mut [bool], ties: TieRule, scratch: &mut Scratch) {
    let polls = at.len();
    let (Some(&first), Some(&last)) = (at.iter().min(), at.iter().max()) else { return };
    if polls < 2 {
        return;
    }
    let position_bits = usize::BITS - (polls - 1).leading_zeros();
    let tie_bits = match ties {
        TieRule::FileOrder => 0,
        TieRule::InactiveLast => 1,
    };
    let low_bits = position_bits + tie_bits;
    let span = u64::try_from(i128::from(last.unix_nanos()) - i128::from(first.unix_nanos())).ok();
    let fits = span.is_some_and(|span| low_bits < u64::BITS && span >> (u64::BITS - low_bits) == 0);
    if !fits {
        stable_sort(at, active, ties, &mut scratch.pairs);
        return;
    }
    scratch.keys.clear();
    scratch.keys.extend(at.iter().zip(active.iter()).enumerate().map(|(position, (&time, &up))| {
        let since_first = time.unix_nanos().wrapping_sub(first.unix_nanos()) as u64;
        let tie = u64::from(tie_bits == 1 && !up);
        (since_first << low_bits) | (tie << position_bits) | position as u64
    }));
    scratch.keys.sort_unstable();
    scratch.pairs.clear();
    scratch.pairs.extend(at.iter().copied().zip(active.iter().copied()));
    let position_mask = (1u64 << position_bits) - 1;
    for (slot, key) in scratch.keys.iter().enumerate() {
        let (time, up) = scratch.pairs[(key & position_mask) as usize];
        at[slot] = time;
        active[slot] = up;
    }
}

/// The buffers [`sort_polls`] reuses from one store to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    keys: Vec<u64>,
    pairs: Vec<(UtcInstant, bool)>,
}

/// The general case: a stable sort of (time, status) pairs.
fn stable_sort(at: &mut [UtcInstant], active: &mut [bool], ties: TieRule, pairs: &mut Vec<(UtcInstant, bool)>) {
    pairs.clear();
    pairs.extend(at.iter().copied().zip(active.iter().copied()));
    match ties {
        TieRule::FileOrder => pairs.sort_by_key(|&(at, _)| at),
        TieRule::InactiveLast => pairs.sort_by_key(|&(at, active)| (at, !active)),
    }
    for (offset, (time, up)) in pairs.iter().enumerate() {
        at[offset] = *time;
        active[offset] = *up;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn sorted(times: &[i64], statuses: &[bool], ties: TieRule) -> (Vec<i64>, Vec<bool>) {
        let mut at: Vec<UtcInstant> = times.iter().map(|&t| UtcInstant::from_unix_nanos(t)).collect();
        let mut active = statuses.to_vec();
        sort_polls(&mut at, &mut active, ties, &mut Scratch::default());
        (at.iter().map(|t| t.unix_nanos()).collect(), active)
    }

    #[test]
    fn ties_keep_file_order_or_put_inactive_last() {
        let times = [30, 10, 30, 10, 20];
        let statuses = [false, true, true, false, true];
        assert_eq!(
            sorted(&times, &statuses, TieRule::FileOrder),
            (vec![10, 10, 20, 30, 30], vec![true, false, true, false, true])
        );
        assert_eq!(
            sorted(&times, &statuses, TieRule::InactiveLast),
            (vec![10, 10, 20, 30, 30], vec![true, false, true, true, false])
        );
    }

    #[test]
    fn polls_too_far_apart_for_a_key_are_sorted_all_the_same() {
        let times = [i64::MAX, i64::MIN, 0, i64::MIN, i64::MAX];
        let statuses = [true, false, true, true, false];
        assert_eq!(
            sorted(&times, &statuses, TieRule::FileOrder),
            (vec![i64::MIN, i64::MIN, 0, i64::MAX, i64::MAX], vec![false, true, true, true, false])
        );
        assert_eq!(
            sorted(&times, &statuses, TieRule::InactiveLast),
            (vec![i64::MIN, i64::MIN, 0, i64::MAX, i64::MAX], vec![true, false, true, true, false])
        );
    }

    proptest! {
        /// The same order as the stable sort, for times close together
        /// (keys), far apart (the stable sort) and at the edge between.
        #[test]
        fn the_same_order_as_a_stable_sort(
            polls in prop::collection::vec((0i64..50, any::<bool>()), 1..300),
            scale in prop::sample::select(vec![1i64, 1_000_000_007, i64::MAX / 64, i64::MAX / 49]),
            inactive_last in any::<bool>(),
        ) {
            let ties = if inactive_last { TieRule::InactiveLast } else { TieRule::FileOrder };
            let times: Vec<i64> = polls.iter().map(|&(t, _)| (t - 25).saturating_mul(scale)).collect();
            let statuses: Vec<bool> = polls.iter().map(|&(_, up)| up).collect();
            let mut expected: Vec<(i64, bool)> = times.iter().copied().zip(statuses.iter().copied()).collect();
            match ties {
                TieRule::FileOrder => expected.sort_by_key(|&(t, _)| t),
                TieRule::InactiveLast => expected.sort_by_key(|&(t, up)| (t, !up)),
            }
            let expected = (expected.iter().map(|p| p.0).collect(), expected.iter().map(|p| p.1).collect());
            prop_assert_eq!(sorted(&times, &statuses, ties), expected);
        }
    }
}
