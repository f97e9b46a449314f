//! The outage list as SQL (`store-uptime sql --query outages`): the tail
//! that follows the report's common tables, from `pieces` on.

use super::stamps::{offset_text, stamp_tables};
use super::{SqlSettings, store_key_columns, store_order_keys};

/// The outage list from the pieces: the down pieces of a store that touch
/// are one outage (business stretches never touch, so an outage never
/// spans a closed stretch); each end's offset from `zone_utc`. Each
/// outage is read once, its four times written as four rows of one table
/// (`outage_kinds`: start and end in UTC, then local).
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
outage_kinds AS (
{kinds}
),
stamps AS (
  SELECT x.store_id, x.start_us AS key_us, k.kind, x.end_us,
    CASE WHEN k.kind = 1 THEN x.start_us WHEN k.kind = 2 THEN x.end_us
         WHEN k.kind = 3 THEN x.start_us + x.start_off ELSE x.end_us + x.end_off END AS local_us,
    CASE WHEN k.kind <= 2 THEN 'Z' WHEN k.kind = 3 THEN {start_offset} ELSE {end_offset} END AS suffix
  FROM outage_rows x CROSS JOIN outage_kinds k
),
{stamps}outage_text AS (
  SELECT store_id, key_us AS start_us, MAX(end_us) AS end_us,
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
  CASE WHEN t.end_us = p.now_us THEN 'true' ELSE 'false' END AS ongoing,
  CASE WHEN t.start_us < r.first_us THEN 'true' ELSE 'false' END AS before_first_poll
FROM outage_text t
JOIN store_keys r ON r.store_id = t.store_id
CROSS JOIN id_order o
CROSS JOIN params p
ORDER BY
  {order},
  t.start_us
",
        start_offset = offset_text(d, "start_off"),
        end_offset = offset_text(d, "end_off"),
        kinds = d.inline_table(&[("kind", "INT64")], &(1..=4).map(|k| vec![k.to_string()]).collect::<Vec<_>>()),
        stamps = stamp_tables(d, &["end_us"]),
        keys = store_key_columns(d, "st.store_id"),
        minutes = figure("(t.end_us - t.start_us)", 60_000_000),
        order = store_order_keys(d),
    )
}
