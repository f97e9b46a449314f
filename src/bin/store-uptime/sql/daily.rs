//! The per-day table as SQL (`store-uptime sql --query daily`): the tail
//! that follows the report's common tables, from `pieces` on.

use super::stamps::stamp_tables;
use super::{DAY_US, SqlSettings, store_key_columns, store_order_keys};

/// The per-day table: each store's local dates from the horizon's start
/// to now, each day's bounds resolved like business hours (`zone_offsets`),
/// cut to the horizon, and the business stretches, pieces and polls in it.
pub(super) fn daily_tail(s: &SqlSettings, figure: &dyn Fn(&str, i64) -> String) -> String {
    let d = s.dialect;
    format!(
        "day_list AS (
  SELECT z.store_id, z.zone_id, {first_day} + k.k AS day_no
  FROM store_zones z
  CROSS JOIN params p
  JOIN zone_utc a ON a.zone_id = z.zone_id AND p.week_us >= a.lo_us AND p.week_us < a.hi_us
  JOIN zone_utc b ON b.zone_id = z.zone_id AND p.now_us - 1 >= b.lo_us AND p.now_us - 1 < b.hi_us
  CROSS JOIN day_offsets k
  WHERE {first_day} + k.k <= {last_day}
),
day_parts AS (
  SELECT x.store_id, x.day_no,
    GREATEST(x.day_no * {DAY_US} - a.off_us, p.week_us) AS part_from,
    LEAST((x.day_no + 1) * {DAY_US} - b.off_us, p.now_us) AS part_to
  FROM day_list x
  CROSS JOIN params p
  JOIN zone_offsets a ON a.zone_id = x.zone_id AND x.day_no * {DAY_US} >= a.lo_us AND x.day_no * {DAY_US} < a.hi_us
  JOIN zone_offsets b ON b.zone_id = x.zone_id
    AND (x.day_no + 1) * {DAY_US} >= b.lo_us AND (x.day_no + 1) * {DAY_US} < b.hi_us
),
day_business AS (
  SELECT x.store_id, x.day_no, SUM(LEAST(b.open_to, x.part_to) - GREATEST(b.open_from, x.part_from)) AS business_us
  FROM day_parts x
  JOIN business b ON b.store_id = x.store_id AND b.open_from < x.part_to AND b.open_to > x.part_from
  GROUP BY x.store_id, x.day_no
),
day_status AS (
  SELECT x.store_id, x.day_no,
    SUM(CASE WHEN pc.active = 1 THEN LEAST(pc.piece_to, x.part_to) - GREATEST(pc.piece_from, x.part_from) ELSE 0 END) AS up_us,
    SUM(CASE WHEN pc.active = 0 THEN LEAST(pc.piece_to, x.part_to) - GREATEST(pc.piece_from, x.part_from) ELSE 0 END) AS down_us
  FROM day_parts x
  JOIN pieces pc ON pc.store_id = x.store_id AND pc.piece_from < x.part_to AND pc.piece_to > x.part_from
  GROUP BY x.store_id, x.day_no
),
day_polls AS (
  SELECT x.store_id, x.day_no, COUNT(*) AS polls
  FROM day_parts x
  JOIN polls pl ON pl.store_id = x.store_id AND pl.ts_us >= x.part_from AND pl.ts_us < x.part_to
  GROUP BY x.store_id, x.day_no
),
stamps AS (
  SELECT store_id, day_no AS key_us, 1 AS kind, day_no * {DAY_US} AS local_us, '' AS suffix FROM day_parts
),
{stamps}store_keys AS (
  SELECT st.store_id,
    {keys}
  FROM stores st
),
id_order AS (
  SELECT MIN(is_integer) AS numeric_order FROM store_keys
)
SELECT r.store_id, SUBSTR(t.stamp, 1, 10) AS day,
  {business} AS business_minutes,
  {up} AS uptime,
  {down} AS downtime,
  COALESCE(pl.polls, 0) AS polls
FROM day_parts x
JOIN stamp_text t ON t.store_id = x.store_id AND t.key_us = x.day_no
JOIN store_keys r ON r.store_id = x.store_id
CROSS JOIN id_order o
LEFT JOIN day_business bu ON bu.store_id = x.store_id AND bu.day_no = x.day_no
LEFT JOIN day_status st ON st.store_id = x.store_id AND st.day_no = x.day_no
LEFT JOIN day_polls pl ON pl.store_id = x.store_id AND pl.day_no = x.day_no
ORDER BY
  {order},
  x.day_no
",
        first_day = d.div("p.week_us + a.off_us", &DAY_US.to_string()),
        last_day = d.div("p.now_us - 1 + b.off_us", &DAY_US.to_string()),
        stamps = stamp_tables(d),
        keys = store_key_columns(d, "st.store_id"),
        business = figure("COALESCE(bu.business_us, 0)", 60_000_000),
        up = figure("COALESCE(st.up_us, 0)", 60_000_000),
        down = figure("COALESCE(st.down_us, 0)", 60_000_000),
        order = store_order_keys(d),
    )
}
