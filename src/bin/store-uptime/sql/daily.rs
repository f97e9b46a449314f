//! The per-day table as SQL (`store-uptime sql --query daily`): the tail
//! that follows the report's common tables, from `pieces` on.

use super::stamps::stamp_tables;
use super::{DAY_US, SqlSettings, store_key_columns, store_order_keys};

/// The per-day table: each store's local dates from the horizon's start
/// to now, each day's bounds resolved like business hours (`zone_offsets`),
/// cut to the horizon, and the business stretches, pieces and polls in it:
/// one join of each day with one table of the three (`day_spans`, a poll
/// as the microsecond it falls in), so that the days are read once (Spark
/// copies a common table into every place that reads it).
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
day_spans AS (
  SELECT store_id, open_from AS span_from, open_to AS span_to, 0 AS what FROM business
  UNION ALL
  SELECT store_id, piece_from, piece_to, 2 - active FROM pieces
  UNION ALL
  SELECT store_id, ts_us, ts_us + 1, 3 FROM polls
),
day_figures AS (
  SELECT x.store_id, x.day_no,
    SUM(CASE WHEN sp.what = 0 THEN {overlap} ELSE 0 END) AS business_us,
    SUM(CASE WHEN sp.what = 1 THEN {overlap} ELSE 0 END) AS up_us,
    SUM(CASE WHEN sp.what = 2 THEN {overlap} ELSE 0 END) AS down_us,
    SUM(CASE WHEN sp.what = 3 THEN 1 ELSE 0 END) AS polls
  FROM day_parts x
  LEFT JOIN day_spans sp ON sp.store_id = x.store_id AND sp.span_from < x.part_to AND sp.span_to > x.part_from
  GROUP BY x.store_id, x.day_no
),
stamps AS (
  SELECT store_id, day_no AS key_us, 1 AS kind, day_no * {DAY_US} AS local_us, '' AS suffix,
    business_us, up_us, down_us, polls
  FROM day_figures
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
  t.polls
FROM stamp_text t
JOIN store_keys r ON r.store_id = t.store_id
CROSS JOIN id_order o
ORDER BY
  {order},
  t.key_us
",
        first_day = d.div("p.week_us + a.off_us", &DAY_US.to_string()),
        last_day = d.div("p.now_us - 1 + b.off_us", &DAY_US.to_string()),
        stamps = stamp_tables(d, &["business_us", "up_us", "down_us", "polls"]),
        overlap = "LEAST(sp.span_to, x.part_to) - GREATEST(sp.span_from, x.part_from)",
        keys = store_key_columns(d, "st.store_id"),
        business = figure("t.business_us", 60_000_000),
        up = figure("t.up_us", 60_000_000),
        down = figure("t.down_us", 60_000_000),
        order = store_order_keys(d),
    )
}
