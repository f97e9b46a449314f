//! How fresh a store's data is, as the table and the summary say it: its
//! latest poll on the store's clock and in UTC, how long before now that
//! was, and the fleet's counts. Whether a store is stale is decided in the
//! worker by the engine (`engine::freshness`), as the command decides it;
//! the page only words it.

use engine::UtcInstant;
use engine::format_timestamp;

use crate::protocol::{LatestPollAt, StoreFreshness};

const MINUTE_NANOS: i64 = 60_000_000_000;

/// How long before now the latest poll was: "<1 min", "42 min",
/// "3 h 05 min", and from two days on "5 d 4 h" (minutes no longer help).
pub fn age_text(age_nanos: i64) -> String {
    let minutes = age_nanos.max(0) / MINUTE_NANOS;
    match minutes {
        0 => "<1 min".to_string(),
        m if m < 60 => format!("{m} min"),
        m if m < 48 * 60 => format!("{} h {:02} min", m / 60, m % 60),
        m => format!("{} d {} h", m / (24 * 60), m / 60 % 24),
    }
}

/// The latest poll in RFC 3339 on the store's clock (with its offset) and
/// in UTC, as the outage list writes instants.
pub fn latest_poll_texts(latest: LatestPollAt) -> (String, String) {
    let at = UtcInstant::from_unix_nanos(latest.unix_nanos);
    (format_timestamp(at, Some(latest.utc_offset_seconds)), format_timestamp(at, None))
}

/// The age of a store's latest poll at `now_unix_nanos`; `None` without a
/// poll at or before now.
pub fn age_nanos(freshness: &StoreFreshness, now_unix_nanos: i64) -> Option<i64> {
    freshness.latest_poll.map(|latest| now_unix_nanos.saturating_sub(latest.unix_nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_in_the_unit_that_helps() {
        assert_eq!(age_text(0), "<1 min");
        assert_eq!(age_text(MINUTE_NANOS - 1), "<1 min");
        assert_eq!(age_text(42 * MINUTE_NANOS + 5), "42 min");
        assert_eq!(age_text(185 * MINUTE_NANOS), "3 h 05 min");
        assert_eq!(age_text((47 * 60 + 59) * MINUTE_NANOS), "47 h 59 min");
        assert_eq!(age_text((5 * 24 * 60 + 4 * 60 + 30) * MINUTE_NANOS), "5 d 4 h");
        // A poll after now is never the latest: a negative age cannot come, and reads as the least.
        assert_eq!(age_text(-5), "<1 min");
    }

    #[test]
    fn latest_polls_read_on_the_stores_clock_and_in_utc() {
        let at = engine::parse_timestamp(b"2023-01-25 15:00:00.5 UTC").expect("a timestamp");
        let latest = LatestPollAt { unix_nanos: at.unix_nanos(), utc_offset_seconds: -6 * 3600 };
        assert_eq!(
            latest_poll_texts(latest),
            ("2023-01-25T09:00:00.5-06:00".to_string(), "2023-01-25T15:00:00.5Z".to_string())
        );
    }
}
