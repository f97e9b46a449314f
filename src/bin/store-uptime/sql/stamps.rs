//! Instants written as the outage list writes them: each zone's UTC offset
//! by instant (`zone_utc`, as data, like the business hours' `zone_offsets`)
//! and RFC 3339 text built with integer arithmetic, shared by the outage
//! list and the per-day table.

use std::fmt::Write as _;

use engine::UtcInstant;

use super::{DAY_US, Dialect, FAR, MICROS_PER_SECOND, SqlSettings, zone_rows};

/// The common table `zone_utc` (`zone_id`, `lo_us`, `hi_us`, `off_us`),
/// ready to follow the shared tables.
pub(super) fn zone_utc_table(s: &SqlSettings) -> Result<String, String> {
    let mut sql = String::new();
    let _ = writeln!(
        sql,
        "zone_utc AS (\n{}\n),",
        s.dialect.inline_table(
            &[("zone_id", "INT64"), ("lo_us", "INT64"), ("hi_us", "INT64"), ("off_us", "INT64")],
            &zone_utc_rows(s)?
        )
    );
    Ok(sql)
}

/// The text of the instants in `stamps` (`store_id`, `key_us`, `kind`,
/// `local_us`: the wall-clock time in microseconds, `suffix`: `Z` or the
/// offset), as `stamp_text.stamp`: RFC 3339 with as many fraction digits
/// as needed, as the command writes them. The date is Hinnant's
/// `civil_from_days`, one step a table so that no expression is copied.
/// The columns of `stamps` named in `carried` pass through to
/// `stamp_text`, so that the result reads the instants' table only once
/// (Spark copies a common table into every place that reads it).
pub(super) fn stamp_tables(d: Dialect, carried: &[&str]) -> String {
    let text = |e: &str| d.to_text(e);
    let two = |e: &str| format!("LPAD({}, 2, '0')", text(e));
    format!(
        "stamp_days AS (
  SELECT x.*, {day} AS day_no, local_us - {day} * {DAY_US} AS sod, {day} + 719468 AS z
  FROM stamps x
),
stamp_era AS (
  SELECT x.*, {era} AS era, z - {era} * 146097 AS doe FROM stamp_days x
),
stamp_yoe AS (
  SELECT x.*, {yoe} AS yoe FROM stamp_era x
),
stamp_doy AS (
  SELECT x.*, doe - (365 * yoe + {yoe4} - {yoe100}) AS doy FROM stamp_yoe x
),
stamp_mp AS (
  SELECT x.*, {mp} AS mp FROM stamp_doy x
),
stamp_text AS (
  SELECT store_id, key_us, kind,{carried}
    CONCAT(LPAD({year}, 4, '0'), '-', {month}, '-', {mday}, 'T', {hour}, ':', {minute}, ':', {second},
      CASE WHEN {micros} = 0 THEN '' ELSE CONCAT('.', {fraction}) END, suffix) AS stamp
  FROM stamp_mp x
),
",
        day = d.div("local_us", &DAY_US.to_string()),
        era = d.div("z", "146097"),
        yoe = d.div(
            &format!("doe - {} + {} - {}", d.div("doe", "1460"), d.div("doe", "36524"), d.div("doe", "146096")),
            "365"
        ),
        yoe4 = d.div("yoe", "4"),
        yoe100 = d.div("yoe", "100"),
        mp = d.div("5 * doy + 2", "153"),
        year = text("yoe + era * 400 + CASE WHEN mp >= 10 THEN 1 ELSE 0 END"),
        month = two("CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END"),
        mday = two(&format!("doy - {} + 1", d.div("153 * mp + 2", "5"))),
        hour = two(&d.div("sod", "3600000000")),
        minute = two(&d.rem(&d.div("sod", "60000000"), "60")),
        second = two(&d.rem(&d.div("sod", "1000000"), "60")),
        micros = d.rem("sod", "1000000"),
        carried = carried.iter().map(|c| format!(" {c},")).collect::<String>(),
        fraction = d.rtrim_chars(&format!("LPAD({}, 6, '0')", text(&d.rem("sod", "1000000"))), "0"),
    )
}

/// A UTC offset in microseconds as RFC 3339 writes it (`-06:00`, with
/// seconds only when it has some, as the command writes it).
pub(super) fn offset_text(d: Dialect, off_us: &str) -> String {
    let secs = d.div(&format!("ABS({off_us})"), "1000000");
    let two = |e: &str| format!("LPAD({}, 2, '0')", d.to_text(e));
    format!(
        "CONCAT(CASE WHEN {off_us} < 0 THEN '-' ELSE '+' END, {}, ':', {}, CASE WHEN {} = 0 THEN '' ELSE CONCAT(':', {}) END)",
        two(&d.div(&secs, "3600")),
        two(&d.rem(&d.div(&secs, "60"), "60")),
        d.rem(&secs, "60"),
        two(&d.rem(&secs, "60")),
    )
}

/// The rows of `zone_utc`: for each zone number of `zone_offsets`, the
/// spans of UTC instants with one UTC offset (what the command writes with
/// a local time), from a year before the years covered to a year after;
/// the first and last reach to minus and plus infinity. Read from the
/// engine's own `offset_seconds`, found by a daily scan and bisection.
pub(super) fn zone_utc_rows(s: &SqlSettings) -> Result<Vec<Vec<String>>, String> {
    let (_, _, _, zones) = zone_rows(s)?;
    let year_start = |year: i32| {
        chrono::NaiveDate::from_ymd_opt(year, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc().timestamp())
            .ok_or_else(|| format!("year {year} is outside the range this tool can convert"))
    };
    let (start, end) = (year_start(s.from_year - 1)?, year_start(s.to_year + 2)?);
    let mut rows = Vec::new();
    for (id, zone) in zones {
        let offset = |t: i64| zone.offset_seconds(UtcInstant::from_unix_nanos(t * 1_000_000_000));
        let mut lo = -FAR;
        let (mut t, mut before) = (start, offset(start));
        while t < end {
            let next = t + 86_400;
            let after = offset(next);
            if after != before {
                let (mut a, mut b) = (t, next);
                while b - a > 1 {
                    let mid = a + (b - a) / 2;
                    if offset(mid) == before { a = mid } else { b = mid }
                }
                let change = b * MICROS_PER_SECOND;
                rows.push(vec![
                    id.to_string(),
                    lo.to_string(),
                    change.to_string(),
                    (i64::from(before) * MICROS_PER_SECOND).to_string(),
                ]);
                lo = change;
            }
            (t, before) = (next, after);
        }
        rows.push(vec![
            id.to_string(),
            lo.to_string(),
            FAR.to_string(),
            (i64::from(before) * MICROS_PER_SECOND).to_string(),
        ]);
    }
    Ok(rows)
}
