//! The outage list as SQL (`store-uptime sql --query outages`): the tail
//! that follows the report's common tables, from `pieces` on.

use super::stamps::{offset_text, stamp_tables};
use super::{SqlSettings, store_key_columns, store_order_keys};

/// The outage list from the pieces: the down pieces of a store that touch
/// are one outage (business stretches never touch, so an outage never
/// spans a closed stretch); each end's offset from `zone_utc`.
pub(super) fn outages_tail(s: &SqlSettings, figure: &dyn Fn(&str, i64) -> String) -> String {
    let d = s.dialect;
    format!(
        "down_pieces AS (
  SELECT store_id, piece_from, piece_to,
    CASE WHEN LAG(piece_to) OVER (PARTITION BY store_id ORDER BY piece_from) = piece_from THEN 0 ELSE 1 END AS starts
  FROM pieces WHERE active = 0 AND piece_from < piece_to
),
down_numbered AS (
  SELECT store_id, piece_from, piece_to,
    SUM(starts) OVER (PARTITION BY store_id ORDER BY piece_from ROWS UNBOUNDED PRECEDING) AS outage_no
  FROM down_pieces
),
outages AS (
  SELECT store_id, MIN(piece_from) AS start_us, MAX(piece_to) AS end_us
  FROM down_numbered GROUP BY store_id, outage_no
),
outage_rows AS (
  SELECT x.store_id, x.start_us, x.end_us, a.off_us AS start_off, b.off_us AS end_off
  FROM outages x
  JOIN store_zones z ON z.store_id = x.store_id
  JOIN zone_utc a ON a.zone_id = z.zone_id AND x.start_us >= a.lo_us AND x.start_us < a.hi_us
  JOIN zone_utc b ON b.zone_id = z.zone_id AND x.end_us >= b.lo_us AND x.end_us < b.hi_us
),
stamps AS (
  SELECT store_id, start_us AS key_us, 1 AS kind, start_us AS local_us, 'Z' AS suffix FROM outage_rows
  UNION ALL
  SELECT store_id, start_us, 2, end_us, 'Z' FROM outage_rows
  UNION ALL
  SELECT store_id, start_us, 3, start_us + start_off, {start_offset} FROM outage_rows
  UNION ALL
  SELECT store_id, start_us, 4, end_us + end_off, {end_offset} FROM outage_rows
),
{stamps}outage_text AS (
  SELECT store_id, key_us,
    MAX(CASE WHEN kind = 1 THEN stamp END) AS start_utc,
    MAX(CASE WHEN kind = 2 THEN stamp END) AS end_utc,
    MAX(CASE WHEN kind = 3 THEN stamp END) AS start_local,
    MAX(CASE WHEN kind = 4 THEN stamp END) AS end_local
  FROM stamp_text GROUP BY store_id, key_us
),
store_keys AS (
  SELECT st.store_id, st.first_us,
    {keys}
  FROM stores st
),
id_order AS (
  SELECT MIN(is_integer) AS numeric_order FROM store_keys
)
SELECT r.store_id, t.start_utc, t.end_utc, t.start_local, t.end_local,
  {minutes} AS minutes,
  CASE WHEN x.end_us = p.now_us THEN 'true' ELSE 'false' END AS ongoing,
  CASE WHEN x.start_us < r.first_us THEN 'true' ELSE 'false' END AS before_first_poll
FROM outage_rows x
JOIN outage_text t ON t.store_id = x.store_id AND t.key_us = x.start_us
JOIN store_keys r ON r.store_id = x.store_id
CROSS JOIN id_order o
CROSS JOIN params p
ORDER BY
  {order},
  x.start_us
",
        start_offset = offset_text(d, "start_off"),
        end_offset = offset_text(d, "end_off"),
        stamps = stamp_tables(d),
        keys = store_key_columns(d, "st.store_id"),
        minutes = figure("(x.end_us - x.start_us)", 60_000_000),
        order = store_order_keys(d),
    )
}
