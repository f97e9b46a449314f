//! The report as one SQL script, for data that lives in a database or a
//! data lake: `store-uptime sql --dialect …`.
//!
//! The script reads the three tables as the command reads the three files
//! (trimmed text, the same timestamp and time forms, the same rejections),
//! and computes the same figures with integer microseconds, window
//! functions and joins. Daylight saving is data, not an engine function:
//! the script carries each zone's wall clock cut into offset segments,
//! built from the engine's own rule ([`StoreZone::offset_segments`]), since
//! engines resolve skipped and repeated local times differently and ship
//! different time-zone databases. Decisions are in `docs/DESIGN.md`; how to
//! run it at scale in `docs/SCALE.md`.

mod daily;
pub mod dialect;
mod outages;
mod spark;
mod stamps;

use std::collections::HashMap;
use std::fmt::Write as _;

use engine::{OffsetSegment, StoreZone, Units, UtcInstant};

use daily::daily_tail;
pub use dialect::Dialect;
use dialect::{WS, quote};
use outages::outages_tail;

/// How polls of a store at the same instant are ordered in the tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SqlTies {
    /// Every table has an integer column `line`, the row's line in its file:
    /// file order, exactly as the command reads files.
    Line,
    /// No row order: at one instant active polls apply first and inactive
    /// ones last; a store with several timezone rows takes, of the names
    /// that are zones, the one last in byte order once lower-cased (both the
    /// command's `--ties inactive-last`).
    InactiveLast,
}

impl std::str::FromStr for SqlTies {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "line" => Ok(SqlTies::Line),
            "inactive-last" => Ok(SqlTies::InactiveLast),
            other => Err(format!("unknown tie rule {other:?}: use line or inactive-last")),
        }
    }
}

/// Which result the script gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SqlQuery {
    /// The report (`store-uptime`'s standard output).
    Report,
    /// The outage list of the horizon of `days` days (`--outages`).
    Outages { days: u16 },
    /// The per-day table of the horizon of `days` days (`--daily`).
    Daily { days: u16 },
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct SqlSettings {
    pub dialect: Dialect,
    pub now: Option<UtcInstant>,
    pub units: Units,
    pub default_zone: StoreZone,
    pub status_table: String,
    pub hours_table: String,
    pub timezones_table: String,
    /// The years the offset table covers, inclusive.
    pub from_year: i32,
    pub to_year: i32,
    pub ties: SqlTies,
    /// The status table's timestamp column is a TIMESTAMP (in UTC), not
    /// text: the script reads the engine's own instant instead of parsing.
    pub typed: bool,
    pub query: SqlQuery,
}

/// Years covered when neither `--now` nor `--from-year`/`--to-year` is given.
pub const DEFAULT_YEARS: (i32, i32) = (2020, 2030);

/// The years covered around an explicit now: the local dates a report
/// reads are within ten days before now and two days after it; a horizon
/// of `days` reaches `days` + 3 days before it.
pub fn years_around(now: UtcInstant, days: i64) -> (i32, i32) {
    use chrono::Datelike;
    let at = now.naive_utc();
    let first = at.checked_sub_signed(chrono::Duration::days(12.max(days + 5))).unwrap_or(at).year();
    let last = at.checked_add_signed(chrono::Duration::days(12)).unwrap_or(at).year();
    (first, last)
}

const MICROS_PER_SECOND: i64 = 1_000_000;
const DAY_US: i64 = 86_400 * MICROS_PER_SECOND;
/// Stands for minus and plus infinity on the microsecond time line: far
/// beyond any instant, and far from overflowing a 64-bit integer.
const FAR: i64 = 1 << 62;
/// `23:59:59` on the wall clock, which the contract reads as 24:00.
const LAST_SECOND_US: i64 = DAY_US - MICROS_PER_SECOND;

/// `YYYY-MM-DD`, `T` or space, `H:MM` or `HH:MM[:SS[.f]]`, optional zone,
/// after upper-casing.
const TIMESTAMP: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][<ws>]*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?[<ws>]*(?:Z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?)?$";
/// The time of a timestamp and the spaces after it, which leaves the zone.
const TIME_PREFIX: &str = "^[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?[<ws>]*";
/// A weekday number, with a zero fraction allowed (`3.0`).
const DAY_NUMBER: &str = "^[0-9]{1,3}(?:[.]0*)?$";
const INTEGER_ID: &str = "^-?[0-9]+$";

/// The report script.
pub fn report_script(settings: &SqlSettings) -> Result<String, String> {
    let what = match settings.query {
        SqlQuery::Report => "the report".to_string(),
        SqlQuery::Outages { days } => format!("the outage list of the last {days} days"),
        SqlQuery::Daily { days } => format!("the per-day table of the last {days} days"),
    };
    let mut sql = header(settings, &what)?;
    sql.push_str(&common_tables(settings)?);
    if settings.query != SqlQuery::Report {
        sql.push_str(&stamps::zone_utc_table(settings)?);
    }
    sql.push_str(&report_tables(settings, settings.query));
    let cached: Vec<&str> = match settings.query {
        SqlQuery::Report => REPORT_CACHED.to_vec(),
        _ => SHARED_CACHED.iter().chain(REPORT_CACHED).copied().chain(["zone_utc", "store_zones", "pieces"]).collect(),
    };
    Ok(spark::views_for_spark(settings.dialect, sql, &cached))
}

/// The tables of the report that Spark computes once and keeps in memory
/// (`CACHE TABLE`): each is read by more than one later statement, and
/// Spark, unlike the other engines, copies a common table expression into
/// every place that reads it, so without this it parsed the polls 24 times
/// (docs/SCALE.md). Each runs as a job of its own, which Spark plans and
/// schedules for seconds however small the data: the zone tables (read by
/// one statement of the report) and the one-row `params` (an aggregate of
/// the cached polls) are views, computed where they are read instead. How
/// the script becomes statements for Spark is in `spark.rs`.
const REPORT_CACHED: &[&str] = &["polls", "stores", "hours_ok", "business", "status_spans"];

/// Also cached for the outage list and the per-day table, whose later
/// statements read them again.
const SHARED_CACHED: &[&str] = &["zone_names", "zone_offsets", "params"];

/// The script that lists the rows the report leaves out, and why.
pub fn rejected_script(settings: &SqlSettings) -> Result<String, String> {
    let mut sql = header(settings, "the rows the report leaves out")?;
    sql.push_str(&common_tables(settings)?);
    // The shared tables end with a comma, ready for the report's.
    sql.truncate(sql.trim_end().trim_end_matches(',').len());
    let d = settings.dialect;
    let _ = write!(
        sql,
        "
SELECT table_name, line, store_id, reason, value FROM (
  SELECT 'store_status' AS table_name, line_no AS line, store_id, reason, bad_value AS value
    FROM status_read WHERE reason IS NOT NULL
  UNION ALL
  SELECT 'menu_hours', line_no, store_id, reason, bad_value FROM hours_read WHERE reason IS NOT NULL
  UNION ALL
  SELECT 'timezones', line_no, store_id, reason,
    CASE WHEN reason = 'unknown-timezone' THEN zone_name ELSE store_id END
  FROM zones_read WHERE reason IS NOT NULL
) rejected
ORDER BY {}, line, {}, reason
",
        d.byte_order("table_name"),
        d.byte_order("store_id")
    );
    Ok(sql)
}

fn header(settings: &SqlSettings, what: &str) -> Result<String, String> {
    if settings.from_year > settings.to_year {
        return Err(format!("--from-year {} is after --to-year {}", settings.from_year, settings.to_year));
    }
    for table in [&settings.status_table, &settings.hours_table, &settings.timezones_table] {
        check_table_name(table)?;
    }
    let mut out = format!(
        "-- Store Uptime: {what}, generated by `store-uptime sql` for {}.\n\
         -- Tables: {} (store_id, status, timestamp_utc{line}), {} (store_id, day, start_time_local,\n\
         -- end_time_local{line}), {} (store_id, timezone_str{line}); columns may be text or typed.\n\
         -- Ties: {}. Default timezone: {}. Offsets from the engine's timezone rules for {}-{}.\n",
        settings.dialect.name(),
        settings.status_table,
        settings.hours_table,
        settings.timezones_table,
        match settings.ties {
            SqlTies::Line => "polls at the same instant apply in the order of column `line`",
            SqlTies::InactiveLast => "polls at the same instant apply active first, inactive last",
        },
        settings.default_zone.name(),
        settings.from_year,
        settings.to_year,
        line = if settings.ties == SqlTies::Line { ", line" } else { "" },
    );
    out.push_str(settings.dialect.preamble());
    Ok(out)
}

/// Table names go into the script as they are, so they may be qualified
/// (`lake.polls.store_status`) or quoted, but nothing that could end the
/// statement or start another.
fn check_table_name(name: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '$' | '-' | '`' | '"');
    if name.is_empty() || !name.chars().all(allowed) {
        return Err(format!("table name {name:?}: use letters, digits, _, ., $, - and quotes only"));
    }
    Ok(())
}

/// The zone tables and the three input tables read and checked: the part
/// the report and the rejected-rows script share.
fn common_tables(s: &SqlSettings) -> Result<String, String> {
    let d = s.dialect;
    let (names, segments, default_id, _) = zone_rows(s)?;
    let mut sql = String::from("WITH\n");

    let _ = writeln!(
        sql,
        "zone_names AS (\n{}\n),",
        d.inline_table(&[("zone_name", "STRING"), ("zone_id", "INT64")], &names)
    );
    let _ = writeln!(
        sql,
        "zone_offsets AS (\n{}\n),",
        d.inline_table(&[("zone_id", "INT64"), ("lo_us", "INT64"), ("hi_us", "INT64"), ("off_us", "INT64")], &segments)
    );

    if s.typed {
        status_typed_tables(s, &mut sql);
    } else {
        status_text_tables(s, &mut sql);
    }
    hours_tables(s, &mut sql);
    zones_table(s, &mut sql);
    poll_tables(s, default_id, &mut sql);
    Ok(sql)
}

/// The column `line` of a table, or NULL where ties do not follow lines.
fn line_column(s: &SqlSettings, table: &str) -> String {
    let d = s.dialect;
    match s.ties {
        SqlTies::Line => d.bigint(&d.field(&format!("{table}.line"))),
        SqlTies::InactiveLast => format!("CAST(NULL AS {})", d.bigint_type()),
    }
}

/// The polls read from a typed status table: the timestamp column is a
/// TIMESTAMP (read as UTC).
fn status_typed_tables(s: &SqlSettings, sql: &mut String) {
    let d = s.dialect;
    // The timestamp column is a TIMESTAMP (read as UTC): the engine's
    // own microseconds, no text at all. Instants the command cannot
    // read (MIN_US, MAX_US) are refused as the text path refuses them.
    let _ = write!(
        sql,
        "status_text AS (
  SELECT {id} AS store_id, {status} AS raw_status, {micros} AS ts_us, store_status_t.timestamp_utc AS ts, {line} AS line_no
  FROM {table}
),
status_read AS {m}(
  SELECT store_id, line_no,
    CASE WHEN status = 'active' THEN 1 ELSE 0 END AS active, ts_us,
    CASE WHEN store_id = '' THEN 'empty-store-id'
         WHEN {control} THEN 'control-in-store-id'
         WHEN status NOT IN ('active', 'inactive') THEN 'unknown-status'
         WHEN ts_us IS NULL OR ts_us < {min_us} OR ts_us >= {max_us} THEN 'bad-timestamp' END AS reason,
    CASE WHEN store_id = '' OR {control} THEN store_id
         WHEN status NOT IN ('active', 'inactive') THEN status
         WHEN ts_us IS NULL OR ts_us < {min_us} OR ts_us >= {max_us} THEN {as_text} END AS bad_value
  FROM (
    SELECT store_id, ts_us, ts, line_no,
      CASE WHEN raw_status IN ('active', 'inactive') THEN raw_status ELSE LOWER({status_trimmed}) END AS status
    FROM status_text
  ) t
),
",
        m = d.materialized(),
        id = d.field("store_status_t.store_id"),
        status = d.raw_text("store_status_t.status"),
        status_trimmed = d.trimmed("raw_status"),
        micros = d.timestamp_micros("store_status_t.timestamp_utc"),
        // Written out for a refused row only: the text of a timestamp costs.
        as_text = d.raw_text("ts"),
        line = line_column(s, "store_status_t"),
        table = format_args!("{} store_status_t", s.status_table),
        control = d.has_control("store_id"),
        min_us = MIN_US,
        max_us = MAX_US,
    );
}

/// The business hours read from text.
fn hours_tables(s: &SqlSettings, sql: &mut String) {
    let d = s.dialect;
    let int = |e: &str| d.bigint(e);
    // Business hours. Each field's shape is checked once (`hours_shape`,
    // computed once where the engine would otherwise copy the check into
    // every place that reads it), then cut at fixed positions.
    let _ = write!(
        sql,
        "hours_text AS {m}(
  SELECT {id} AS store_id, {day} AS day_text, {start} AS start_text, {end} AS end_text, {line} AS line_no
  FROM {table}
),
hours_shape AS {m}(
  SELECT h.*,
    CASE WHEN {day_ok} THEN 1 ELSE 0 END AS day_ok,
    CASE WHEN {start_ok} THEN 1 ELSE 0 END AS start_ok,
    CASE WHEN {end_ok} THEN 1 ELSE 0 END AS end_ok
  FROM hours_text h
),
hours_parts AS (
  SELECT h.*,
    CASE WHEN day_ok = 1 THEN {day_value} END AS dow,
    CASE WHEN start_ok = 1 THEN {start_h} END AS start_h,
    CASE WHEN start_ok = 1 THEN {start_m} END AS start_m,
    CASE WHEN start_ok = 1 THEN {start_s} END AS start_s,
    CASE WHEN start_ok = 1 THEN {start_us} END AS start_frac,
    CASE WHEN end_ok = 1 THEN {end_h} END AS end_h,
    CASE WHEN end_ok = 1 THEN {end_m} END AS end_m,
    CASE WHEN end_ok = 1 THEN {end_s} END AS end_s,
    CASE WHEN end_ok = 1 THEN {end_us} END AS end_frac
  FROM hours_shape h
),
hours_read AS (
  SELECT store_id, line_no, dow,
    ((start_h * 60 + start_m) * 60 + start_s) * 1000000 + start_frac AS start_us,
    ((end_h * 60 + end_m) * 60 + end_s) * 1000000 + end_frac AS end_us,
    CASE WHEN store_id = '' THEN 'empty-store-id'
         WHEN {control} THEN 'control-in-store-id'
         WHEN dow IS NULL OR dow > 6 THEN 'bad-day'
         WHEN start_h IS NULL OR start_h > 23 OR start_m > 59 OR start_s > 59 THEN 'bad-time'
         WHEN end_h IS NULL OR end_h > 23 OR end_m > 59 OR end_s > 59 THEN 'bad-time' END AS reason,
    CASE WHEN store_id = '' OR {control} THEN store_id
         WHEN dow IS NULL OR dow > 6 THEN day_text
         WHEN start_h IS NULL OR start_h > 23 OR start_m > 59 OR start_s > 59 THEN start_text
         ELSE end_text END AS bad_value
  FROM hours_parts
),
",
        m = d.materialized(),
        id = d.field("menu_hours_t.store_id"),
        day = d.field("menu_hours_t.day"),
        start = d.field("menu_hours_t.start_time_local"),
        end = d.field("menu_hours_t.end_time_local"),
        line = line_column(s, "menu_hours_t"),
        table = format_args!("{} menu_hours_t", s.hours_table),
        // Most days are one digit: elsewhere than on DuckDB its shape is
        // cheaper to check than the regular expression.
        day_ok = match d {
            Dialect::DuckDb => d.matches("day_text", DAY_NUMBER),
            _ =>
                format!("{} IN ('0', '00', '000') OR {}", d.digit_shape("day_text"), d.matches("day_text", DAY_NUMBER)),
        },
        // A checked day has a fraction of zeros only if it has a dot.
        day_value = int(&format!(
            "CASE WHEN day_text LIKE '%.%' THEN REGEXP_REPLACE(day_text, {}, '') ELSE day_text END",
            d.pattern("[.]0*$")
        )),
        start_ok = d.clock_time_ok("start_text"),
        start_h = int(&clock_part("start_text", "hour")),
        start_m = int(&clock_part("start_text", "minute")),
        start_s = int(&clock_part("start_text", "second")),
        start_us = int(&clock_part("start_text", "micros")),
        end_ok = d.clock_time_ok("end_text"),
        end_h = int(&clock_part("end_text", "hour")),
        end_m = int(&clock_part("end_text", "minute")),
        end_s = int(&clock_part("end_text", "second")),
        end_us = int(&clock_part("end_text", "micros")),
        control = d.has_control("store_id"),
    );
}

/// The timezone rows, each with its zone's id.
fn zones_table(s: &SqlSettings, sql: &mut String) {
    let d = s.dialect;
    // Timezones: a name that is no zone leaves the store in the default zone.
    let _ = write!(
        sql,
        "zones_read AS (
  SELECT z.store_id, z.zone_name, z.line_no, n.zone_id, n.zone_name AS zone_key,
    CASE WHEN z.store_id = '' THEN 'empty-store-id'
         WHEN {control} THEN 'control-in-store-id'
         WHEN n.zone_id IS NULL THEN 'unknown-timezone' END AS reason
  FROM (
    SELECT {id} AS store_id, {name} AS zone_name, {line} AS line_no
    FROM {table}
  ) z
  LEFT JOIN zone_names n ON n.zone_name = LOWER(z.zone_name)
),
",
        id = d.field("timezones_t.store_id"),
        name = d.field("timezones_t.timezone_str"),
        line = line_column(s, "timezones_t"),
        table = format_args!("{} timezones_t", s.timezones_table),
        control = d.has_control("z.store_id"),
    );
}

/// The valid polls, the report's instants and each store's zone.
fn poll_tables(s: &SqlSettings, default_id: i64, sql: &mut String) {
    let d = s.dialect;
    let latest_zone_order = match s.ties {
        SqlTies::Line => "line_no DESC".to_string(),
        SqlTies::InactiveLast => {
            format!("CASE WHEN zone_key IS NULL THEN 0 ELSE 1 END DESC, {} DESC", d.byte_order("zone_key"))
        }
    };
    let _ = write!(
        sql,
        "polls AS (
  SELECT store_id, active, ts_us, {tie} AS tie
  FROM status_read WHERE reason IS NULL
),
params AS (
  SELECT now_us, now_us - {horizon_us} AS week_us, now_us - 86400000000 AS day_us, now_us - 3600000000 AS hour_us
  FROM ({now}) n
),
stores AS (
  SELECT store_id, first_us, last_earlier_us, ROW_NUMBER() OVER (ORDER BY store_id) AS store_no
  FROM (
    SELECT pl.store_id, MIN(pl.ts_us) AS first_us, MAX(CASE WHEN pl.ts_us < p.week_us THEN pl.ts_us END) AS last_earlier_us
    FROM polls pl CROSS JOIN params p GROUP BY pl.store_id
  ) g
),
store_zones AS (
  SELECT st.store_id, st.store_no, COALESCE(z.zone_id, {default_id}) AS zone_id
  FROM stores st
  LEFT JOIN (
    SELECT store_id, zone_id, ROW_NUMBER() OVER (PARTITION BY store_id ORDER BY {latest_zone_order}) AS rn
    FROM zones_read WHERE reason IS NULL OR reason = 'unknown-timezone'
  ) z ON z.store_id = st.store_id AND z.rn = 1
),
",
        horizon_us = DAY_US
            * match s.query {
                SqlQuery::Report => 7,
                SqlQuery::Outages { days } | SqlQuery::Daily { days } => i64::from(days),
            },
        tie = match s.ties {
            SqlTies::Line => "line_no",
            SqlTies::InactiveLast => "1 - active",
        },
        now = match s.now {
            Some(now) => format!("SELECT {} AS now_us", now.unix_nanos().div_euclid(1000)),
            None => "SELECT MAX(ts_us) AS now_us FROM polls".to_string(),
        },
    );
}

/// The first and the last microsecond the command reads (it counts
/// nanoseconds in 64 bits: 1677-09-21T00:12:43.145224192Z to
/// 2262-04-11T23:47:16.854775807Z); MAX_US is the first it refuses. Only
/// within the microsecond at either end would the nanoseconds the script
/// cuts decide.
const MIN_US: i64 = -9_223_372_036_854_775;
const MAX_US: i64 = 9_223_372_036_854_776;

/// The polls read from text. Nearly every timestamp is written one way
/// (`2023-01-22 12:09:39.388884 UTC`, or what a typed column casts to):
/// such a row's parts have fixed positions, it needs no trimming, and a
/// cheap exact check of its shape replaces the regular expressions. On
/// DuckDB such a row is read by the engine's own cast in the same
/// projection as the check (`status_parts.direct_us`) and goes straight
/// to the checks (`status_direct`); elsewhere its parts are cut at fixed
/// positions (`status_fast`). Any other row takes the general path
/// (`status_slow` onwards): trimmed, matched and cut with regular
/// expressions. The range and date checks after them are shared.
fn status_text_tables(s: &SqlSettings, sql: &mut String) {
    let d = s.dialect;
    let int = |e: &str| d.bigint(e);
    let direct = d.fast_timestamp_micros("raw_ts", FAR);
    let _ = write!(
        *sql,
        "status_text AS (
  SELECT {id} AS store_id, {status} AS raw_status, {raw_ts} AS raw_ts, {line} AS line_no
  FROM {table}
),
status_parts AS {m}(
  SELECT store_id, raw_ts, line_no,
    CASE WHEN raw_status IN ('active', 'inactive') THEN raw_status ELSE LOWER({status_trimmed}) END AS status,
    {fast}
  FROM status_text
),
",
        m = d.materialized(),
        id = d.field("store_status_t.store_id"),
        status = d.raw_text("store_status_t.status"),
        status_trimmed = d.trimmed("raw_status"),
        raw_ts = d.raw_text("store_status_t.timestamp_utc"),
        line = line_column(s, "store_status_t"),
        table = format_args!("{} store_status_t", s.status_table),
        fast = match &direct {
            Some(micros) => format!("CASE WHEN {} THEN {micros} END AS direct_us", d.fast_timestamp("raw_ts")),
            None => format!("CASE WHEN {} THEN 1 ELSE 0 END AS fast", d.fast_timestamp("raw_ts")),
        },
    );
    let slow_rows = if direct.is_some() { "direct_us IS NULL" } else { "fast = 0" };
    if direct.is_some() {
        let _ = write!(
            *sql,
            "status_direct AS (
  SELECT store_id, line_no, status, raw_ts AS ts, direct_us AS ts_us, 1 AS ts_ok
  FROM status_parts WHERE direct_us IS NOT NULL
),
"
        );
    } else {
        let _ = write!(
            *sql,
            "status_fast AS (
  SELECT store_id, status, raw_ts AS ts, line_no, 1 AS ts_shape,
    {} AS y, {} AS mo, {} AS dd, {} AS hh, {} AS mi, {} AS ss,
    CASE WHEN SUBSTR(raw_ts, 20, 1) = '.' THEN {} ELSE 0 END AS us,
    0 AS off_h, 0 AS off_m, 1 AS off_sign
  FROM status_parts WHERE fast = 1
),
",
            int("SUBSTR(raw_ts, 1, 4)"),
            int("SUBSTR(raw_ts, 6, 2)"),
            int("SUBSTR(raw_ts, 9, 2)"),
            int("SUBSTR(raw_ts, 12, 2)"),
            int("SUBSTR(raw_ts, 15, 2)"),
            int("SUBSTR(raw_ts, 18, 2)"),
            int(&format!("RPAD({}, 6, '0')", d.rtrim_chars("SUBSTR(raw_ts, 21, 6)", " ZUTCGM"))),
        );
    }
    let _ = write!(
        *sql,
        "status_slow AS (
  SELECT store_id, line_no, status, UPPER({ts_trimmed}) AS ts
  FROM status_parts WHERE {slow_rows}
),
status_shape AS (
  SELECT s.*,
    CASE WHEN {ts_ok} THEN 1 ELSE 0 END AS ts_shape,
    REGEXP_REPLACE(SUBSTR(ts, 12), {leading_ws}, '') AS after_date
  FROM status_slow s
),
status_zone AS (
  SELECT p.*, REGEXP_REPLACE(after_date, {time_prefix}, '') AS zone_text
  FROM status_shape p
),
status_clock AS (
  SELECT z.*,
    REPLACE(REGEXP_REPLACE(SUBSTR(after_date, 1, LENGTH(after_date) - LENGTH(zone_text)), {trailing_ws}, ''), ',', '.')
      AS clock_text
  FROM status_zone z
),
",
        ts_trimmed = d.trimmed("raw_ts"),
        ts_ok = d.matches("ts", TIMESTAMP),
        leading_ws = d.pattern(&format!("^[{WS}]+")),
        trailing_ws = d.pattern(&format!("[{WS}]+$")),
        time_prefix = d.pattern(TIME_PREFIX),
    );
    status_checked_tables(s, direct.is_some(), sql);
}

/// The fields of the polls' timestamps checked (`status_days`), their
/// instants, and each poll's reason to be left out (`status_read`).
/// `direct`: the common timestamps are already read (`status_direct`).
fn status_checked_tables(s: &SqlSettings, direct: bool, sql: &mut String) {
    let d = s.dialect;
    let int = |e: &str| d.bigint(e);
    let leap_year = format!("{} = 0 AND ({} <> 0 OR {} = 0)", d.rem("y", "4"), d.rem("y", "100"), d.rem("y", "400"));
    let _ = write!(
        *sql,
        "status_fields AS {m}(
  {fast}SELECT store_id, status, ts, line_no, ts_shape,
    CASE WHEN ts_shape = 1 THEN {year} END AS y,
    CASE WHEN ts_shape = 1 THEN {month} END AS mo,
    CASE WHEN ts_shape = 1 THEN {day} END AS dd,
    CASE WHEN ts_shape = 1 THEN {hour} END AS hh,
    CASE WHEN ts_shape = 1 THEN {minute} END AS mi,
    CASE WHEN ts_shape = 1 THEN {second} END AS ss,
    CASE WHEN ts_shape = 1 THEN {micros} END AS us,
    CASE WHEN ts_shape = 1 AND zone_text NOT IN ('', 'Z', 'UTC', 'GMT') THEN {off_h} ELSE 0 END AS off_h,
    CASE WHEN ts_shape = 1 AND zone_text NOT IN ('', 'Z', 'UTC', 'GMT') THEN {off_m} ELSE 0 END AS off_m,
    CASE WHEN SUBSTR(zone_text, 1, 1) = '-' THEN -1 ELSE 1 END AS off_sign
  FROM status_clock
),
status_days AS (
  SELECT f.*,
    CASE WHEN ts_shape = 1 AND y BETWEEN 1677 AND 2262 AND mo BETWEEN 1 AND 12 AND dd >= 1
      AND dd <= CASE WHEN mo = 2 THEN CASE WHEN {leap} THEN 29 ELSE 28 END
                     WHEN mo IN (4, 6, 9, 11) THEN 30 ELSE 31 END
      AND hh <= 23 AND mi <= 59 AND ss <= 59 AND off_h <= 23 AND off_m <= 59 THEN 1 ELSE 0 END AS ts_ok,
    CASE WHEN mo <= 2 THEN y - 1 ELSE y END AS ye,
    CASE WHEN mo > 2 THEN mo - 3 ELSE mo + 9 END AS mp
  FROM status_fields f
),
status_checked AS {checked_m}(
  {direct_rows}SELECT store_id, line_no, status, ts,
    (({days}) * 86400 + (hh * 60 + mi) * 60 + ss - off_sign * (off_h * 3600 + off_m * 60)) * 1000000 + us AS ts_us,
    ts_ok
  FROM status_days
),
status_read AS {m}(
  SELECT store_id, line_no,
    CASE WHEN status = 'active' THEN 1 ELSE 0 END AS active, ts_us,
    CASE WHEN store_id = '' THEN 'empty-store-id'
         WHEN {control} THEN 'control-in-store-id'
         WHEN status NOT IN ('active', 'inactive') THEN 'unknown-status'
         WHEN ts_ok = 0 OR ts_us < {MIN_US} OR ts_us >= {MAX_US} THEN 'bad-timestamp' END AS reason,
    CASE WHEN store_id = '' OR {control} THEN store_id
         WHEN status NOT IN ('active', 'inactive') THEN status
         WHEN ts_ok = 0 OR ts_us < {MIN_US} OR ts_us >= {MAX_US} THEN ts END AS bad_value
  FROM status_checked
),
",
        m = d.materialized(),
        // PostgreSQL would copy the instant's arithmetic into each of the
        // three places status_read reads it.
        checked_m = if d == Dialect::Postgres { "MATERIALIZED " } else { "" },
        fast = if direct {
            String::new()
        } else {
            "SELECT store_id, status, ts, line_no, ts_shape, y, mo, dd, hh, mi, ss, us, off_h, off_m, off_sign
  FROM status_fast
  UNION ALL
  "
            .to_string()
        },
        direct_rows = if direct {
            "SELECT store_id, line_no, status, ts, ts_us, ts_ok FROM status_direct\n  UNION ALL\n  "
        } else {
            ""
        },
        year = int("SUBSTR(ts, 1, 4)"),
        month = int("SUBSTR(ts, 6, 2)"),
        day = int("SUBSTR(ts, 9, 2)"),
        hour = int(&clock_part("clock_text", "hour")),
        minute = int(&clock_part("clock_text", "minute")),
        second = int(&clock_part("clock_text", "second")),
        micros = int(&clock_part("clock_text", "micros")),
        off_h = int("SUBSTR(zone_text, 2, 2)"),
        off_m = int("CONCAT('0', REPLACE(SUBSTR(zone_text, 4), ':', ''))"),
        leap = leap_year,
        days = days_from_civil(d),
        control = d.has_control("store_id"),
    );
}

/// A part of a time of day written `H:MM`, `HH:MM` or `HH:MM:SS[.f]`
/// (already checked), as digits: a one-digit hour is padded first, so that
/// every part has a fixed position; missing seconds and fraction are zeros,
/// and the fraction is cut to microseconds.
fn clock_part(column: &str, part: &str) -> String {
    let padded = format!("CASE WHEN SUBSTR({column}, 2, 1) = ':' THEN CONCAT('0', {column}) ELSE {column} END");
    match part {
        "hour" => format!("SUBSTR({padded}, 1, 2)"),
        "minute" => format!("SUBSTR({padded}, 4, 2)"),
        "second" => format!("CONCAT('0', SUBSTR({padded}, 7, 2))"),
        _ => format!("RPAD(SUBSTR({padded}, 10), 6, '0')"),
    }
}

/// Days from 1970-01-01 of the date (`ye`, `mp`, `dd`) as Howard Hinnant's
/// `days_from_civil` counts them, for years from 1 on (the years are
/// checked before); it matches the engine's own function.
fn days_from_civil(d: Dialect) -> String {
    let era = d.div("ye", "400");
    let yoe = format!("(ye - {era} * 400)");
    let doy = format!("({} + dd - 1)", d.div("153 * mp + 2", "5"));
    let doe = format!("({yoe} * 365 + {} - {} + {doy})", d.div(&yoe, "4"), d.div(&yoe, "100"));
    format!("{era} * 146097 + {doe} - 719468")
}

/// The calculation proper, from checked rows to the report.
fn report_tables(s: &SqlSettings, query: SqlQuery) -> String {
    let d = s.dialect;
    let days = match query {
        SqlQuery::Report => 7,
        SqlQuery::Outages { days } | SqlQuery::Daily { days } => i64::from(days),
    };
    let weekday = d.rem("dates.day_no + 3", "7");
    let week_day = d.div("week_us", &DAY_US.to_string());
    let now_day = d.div("now_us", &DAY_US.to_string());
    // The local dates read: from two days before the horizon's UTC start
    // date to one day after now's (twelve for the week).
    let offsets: Vec<Vec<String>> = (0..days + 5).map(|k| vec![k.to_string()]).collect();
    // Hundredths of the unit, rounded half away from zero, on integers.
    let figure = |column: &str, unit: i64| {
        let hundredth = unit / 100;
        d.decimal(&format!("{} * 0.01", d.div(&format!("2 * {column} + {hundredth}"), &(2 * hundredth).to_string())))
    };
    format!(
        "day_offsets AS (
{day_offsets}
),
dates AS (
  SELECT {week_day} - 2 + k AS day_no
  FROM params CROSS JOIN day_offsets
  WHERE {week_day} - 2 + k <= {now_day} + 1
),
hours_ok AS {m}(
  SELECT h.store_id, z.store_no, h.dow, h.start_us, h.end_us, z.zone_id
  FROM hours_read h JOIN store_zones z ON z.store_id = h.store_id
  WHERE h.reason IS NULL
),
local_spans AS {m}(
  SELECT h.store_id, h.store_no, h.zone_id,
    dates.day_no * {DAY_US} + h.start_us AS local_start,
    CASE WHEN h.end_us = h.start_us THEN (dates.day_no + 1) * {DAY_US} + h.start_us
         WHEN h.end_us = {LAST_SECOND_US} THEN (dates.day_no + 1) * {DAY_US}
         WHEN h.end_us < h.start_us THEN (dates.day_no + 1) * {DAY_US} + h.end_us
         ELSE dates.day_no * {DAY_US} + h.end_us END AS local_end
  FROM hours_ok h JOIN dates ON h.dow = {weekday}
),
open_spans AS (
  SELECT sp.store_id, sp.store_no,
    GREATEST(sp.local_start - a.off_us, p.week_us) AS open_from,
    LEAST(sp.local_end - b.off_us, p.now_us) AS open_to
  FROM local_spans sp
  JOIN zone_offsets a ON a.zone_id = sp.zone_id AND sp.local_start >= a.lo_us AND sp.local_start < a.hi_us
  JOIN zone_offsets b ON b.zone_id = sp.zone_id AND sp.local_end >= b.lo_us AND sp.local_end < b.hi_us
  CROSS JOIN params p
  UNION ALL
  SELECT st.store_id, st.store_no, p.week_us, p.now_us
  FROM stores st
  CROSS JOIN params p
  LEFT JOIN (SELECT DISTINCT store_id FROM hours_ok) hs ON hs.store_id = st.store_id
  WHERE hs.store_id IS NULL
),
open_marked AS (
  SELECT store_id, store_no, open_from, open_to,
    MAX(open_to) OVER (PARTITION BY store_no ORDER BY open_from, open_to
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reached
  FROM open_spans WHERE open_from < open_to
),
open_numbered AS (
  SELECT store_id, store_no, open_from, open_to,
    SUM(CASE WHEN reached IS NULL OR open_from > reached THEN 1 ELSE 0 END)
      OVER (PARTITION BY store_no ORDER BY open_from, open_to ROWS UNBOUNDED PRECEDING) AS stretch
  FROM open_marked
),
business AS {m}(
  SELECT store_id, store_no, MIN(open_from) AS open_from, MAX(open_to) AS open_to
  FROM open_numbered GROUP BY store_id, store_no, stretch
),
used_polls AS (
  SELECT st.store_no, pl.active, pl.ts_us, pl.tie
  FROM polls pl
  JOIN stores st ON st.store_id = pl.store_id
  CROSS JOIN params p
  WHERE pl.ts_us >= p.week_us OR pl.ts_us = st.last_earlier_us
),
status_spans AS {m}(
  SELECT store_no, active,
    CASE WHEN ROW_NUMBER() OVER (PARTITION BY store_no ORDER BY ts_us, tie) = 1 THEN -{FAR} ELSE ts_us END AS status_from,
    COALESCE(LEAD(ts_us) OVER (PARTITION BY store_no ORDER BY ts_us, tie), {FAR}) AS status_to
  FROM used_polls
),
pieces AS (
  SELECT b.store_id, b.store_no, sp.active,
    GREATEST(b.open_from, sp.status_from) AS piece_from,
    LEAST(b.open_to, sp.status_to) AS piece_to
  FROM business b
  JOIN status_spans sp ON sp.store_no = b.store_no AND sp.status_from < b.open_to AND sp.status_to > b.open_from
),
{tail}",
        m = d.materialized(),
        day_offsets = d.inline_table(&[("k", "INT64")], &offsets),
        tail = match query {
            SqlQuery::Report => report_tail(s, &figure),
            SqlQuery::Outages { .. } => outages_tail(s, &figure),
            SqlQuery::Daily { .. } => daily_tail(s, &figure),
        },
    )
}

/// The keys that sort stores in the report's order, as `store_keys`
/// (`is_integer`, `negative`, `magnitude` of each store) and `id_order`.
fn store_key_columns(d: Dialect, id: &str) -> String {
    let stripped = format!("REGEXP_REPLACE(REGEXP_REPLACE({id}, {}, ''), {}, '')", d.pattern("^-"), d.pattern("^0+"));
    format!(
        "CASE WHEN {} THEN 1 ELSE 0 END AS is_integer,
    CASE WHEN {id} LIKE '-%' AND {stripped} <> '' THEN 1 ELSE 0 END AS negative,
    {stripped} AS magnitude",
        d.matches(id, INTEGER_ID)
    )
}

/// The ORDER BY keys of the report's order, for rows `r` with the columns
/// of [`store_key_columns`] and `o` the row of `id_order`.
fn store_order_keys(d: Dialect) -> String {
    format!(
        "CASE WHEN o.numeric_order = 1 THEN 1 - r.negative ELSE 0 END,
  CASE WHEN o.numeric_order = 1 AND r.negative = 0 THEN LENGTH(r.magnitude) ELSE 0 END,
  CASE WHEN o.numeric_order = 1 AND r.negative = 1 THEN LENGTH(r.magnitude) ELSE 0 END DESC,
  CASE WHEN o.numeric_order = 1 AND r.negative = 0 THEN {magnitude} ELSE '' END,
  CASE WHEN o.numeric_order = 1 AND r.negative = 1 THEN {magnitude} ELSE '' END DESC,
  {store_order}",
        magnitude = d.byte_order("r.magnitude"),
        store_order = d.byte_order("r.store_id"),
    )
}

/// The report's last tables and its final SELECT: each window's figures in
/// the report's units, in the report's store order.
fn report_tail(s: &SqlSettings, figure: &dyn Fn(&str, i64) -> String) -> String {
    let d = s.dialect;
    let (day_unit, week_unit) = match s.units {
        Units::Minutes => (60_000_000i64, 60_000_000i64),
        Units::Hours => (3_600_000_000, 3_600_000_000),
    };
    format!(
        "figures AS (
  SELECT pc.store_no,
    SUM(CASE WHEN pc.active = 1 THEN GREATEST(0, pc.piece_to - GREATEST(pc.piece_from, p.hour_us)) ELSE 0 END) AS up_hour,
    SUM(CASE WHEN pc.active = 0 THEN GREATEST(0, pc.piece_to - GREATEST(pc.piece_from, p.hour_us)) ELSE 0 END) AS down_hour,
    SUM(CASE WHEN pc.active = 1 THEN GREATEST(0, pc.piece_to - GREATEST(pc.piece_from, p.day_us)) ELSE 0 END) AS up_day,
    SUM(CASE WHEN pc.active = 0 THEN GREATEST(0, pc.piece_to - GREATEST(pc.piece_from, p.day_us)) ELSE 0 END) AS down_day,
    SUM(CASE WHEN pc.active = 1 THEN pc.piece_to - pc.piece_from ELSE 0 END) AS up_week,
    SUM(CASE WHEN pc.active = 0 THEN pc.piece_to - pc.piece_from ELSE 0 END) AS down_week
  FROM pieces pc CROSS JOIN params p
  WHERE pc.piece_from < pc.piece_to
  GROUP BY pc.store_no
),
report AS (
  SELECT st.store_id,
    COALESCE(f.up_hour, 0) AS up_hour, COALESCE(f.down_hour, 0) AS down_hour,
    COALESCE(f.up_day, 0) AS up_day, COALESCE(f.down_day, 0) AS down_day,
    COALESCE(f.up_week, 0) AS up_week, COALESCE(f.down_week, 0) AS down_week,
    {keys}
  FROM stores st LEFT JOIN figures f ON f.store_no = st.store_no
),
id_order AS (
  SELECT MIN(is_integer) AS numeric_order FROM report
)
SELECT r.store_id,
  {up_hour} AS uptime_last_hour,
  {down_hour} AS downtime_last_hour,
  {up_day} AS uptime_last_day,
  {down_day} AS downtime_last_day,
  {up_week} AS uptime_last_week,
  {down_week} AS downtime_last_week
FROM report r CROSS JOIN id_order o
ORDER BY
  {order}
",
        keys = store_key_columns(d, "st.store_id"),
        order = store_order_keys(d),
        up_hour = figure("r.up_hour", 60_000_000),
        down_hour = figure("r.down_hour", 60_000_000),
        up_day = figure("r.up_day", day_unit),
        down_day = figure("r.down_day", day_unit),
        up_week = figure("r.up_week", week_unit),
        down_week = figure("r.down_week", week_unit),
    )
}

/// The rows of `zone_names` (every name the engine knows, lower-cased, with
/// its zone's number) and of `zone_offsets` (each zone's segments, in
/// microseconds; the first and last reach to minus and plus infinity, so a
/// time outside the years covered takes the offset at that end). Zones with
/// the same segments (links, and zones that differ only before the years
/// covered) share a number. Also the default zone's number.
type ZoneRows = (Vec<Vec<String>>, Vec<Vec<String>>, i64, Vec<(i64, StoreZone)>);

fn zone_rows(s: &SqlSettings) -> Result<ZoneRows, String> {
    let mut ids: HashMap<Vec<(i64, i32)>, i64> = HashMap::new();
    let mut names = Vec::new();
    let mut segments = Vec::new();
    let mut zones = Vec::new();
    let mut id_of_zone = |zone: StoreZone| -> Result<i64, String> {
        let list = zone.offset_segments(s.from_year, s.to_year).ok_or_else(|| {
            format!("years {} to {} are outside the range this tool can convert", s.from_year, s.to_year)
        })?;
        let key: Vec<(i64, i32)> = list.iter().map(|seg| (seg.local_start, seg.offset)).collect();
        if let Some(&id) = ids.get(&key) {
            return Ok(id);
        }
        let id = ids.len() as i64 + 1;
        ids.insert(key, id);
        zones.push((id, zone));
        segments.extend(segment_rows(id, &list));
        Ok(id)
    };
    let default_id = id_of_zone(s.default_zone)?;
    for name in StoreZone::all_names() {
        let zone = StoreZone::from_name(name).ok_or_else(|| format!("zone {name} cannot be read back"))?;
        let id = id_of_zone(zone)?;
        names.push(vec![quote(&name.to_lowercase()), id.to_string()]);
    }
    Ok((names, segments, default_id, zones))
}

fn segment_rows(id: i64, list: &[OffsetSegment]) -> Vec<Vec<String>> {
    list.iter()
        .enumerate()
        .map(|(i, seg)| {
            let lo = if i == 0 { -FAR } else { seg.local_start * MICROS_PER_SECOND };
            let hi = list.get(i + 1).map_or(FAR, |next| next.local_start * MICROS_PER_SECOND);
            vec![
                id.to_string(),
                lo.to_string(),
                hi.to_string(),
                (i64::from(seg.offset) * MICROS_PER_SECOND).to_string(),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(dialect: Dialect) -> SqlSettings {
        SqlSettings {
            dialect,
            now: None,
            units: Units::Minutes,
            default_zone: engine::DEFAULT_ZONE,
            status_table: "store_status".into(),
            hours_table: "menu_hours".into(),
            timezones_table: "timezones".into(),
            from_year: 2023,
            to_year: 2023,
            ties: SqlTies::Line,
            typed: false,
            query: SqlQuery::Report,
        }
    }

    #[test]
    fn every_zone_name_is_in_the_script() {
        let sql = report_script(&settings(Dialect::DuckDb)).expect("script");
        assert!(sql.contains("('america/chicago', 1)"));
        assert!(sql.contains("'us/central'"));
        assert!(sql.trim_end().ends_with("r.store_id"));
    }

    #[test]
    fn table_names_cannot_end_the_statement() {
        let mut s = settings(Dialect::Postgres);
        s.status_table = "polls; DROP TABLE x".into();
        assert!(report_script(&s).is_err());
        s.status_table = "lake.\"Polls\"".into();
        assert!(report_script(&s).is_ok());
    }

    #[test]
    fn years_around_now_cover_the_dates_read() {
        let now = engine::parse_timestamp(b"2024-01-03 00:00:00").expect("literal");
        assert_eq!(years_around(now, 7), (2023, 2024));
        let summer = engine::parse_timestamp(b"2024-06-03 00:00:00").expect("literal");
        assert_eq!(years_around(summer, 7), (2024, 2024));
        assert_eq!(years_around(summer, 200), (2023, 2024));
    }

    #[test]
    fn spark_computes_the_polls_once_and_reads_them_from_memory() {
        let sql = report_script(&settings(Dialect::Spark)).expect("script");
        // The input table is read by one view only, which the cached
        // parsed polls read; the query reads the cached tables.
        assert_eq!(sql.matches("FROM store_status store_status_t").count(), 1);
        let cache_polls = sql.find("CACHE TABLE store_uptime_polls AS").expect("polls are cached");
        assert!(sql.find("FROM store_status store_status_t").is_some_and(|at| at < cache_polls));
        assert!(sql.contains("CREATE OR REPLACE TEMPORARY VIEW store_uptime_status_text AS"));
        let query = &sql[sql.rfind(";\n").expect("statements") + 2..];
        assert!(query.contains("FROM store_uptime_report r CROSS JOIN store_uptime_id_order o"));
        assert!(sql.contains("CACHE TABLE store_uptime_status_spans AS"));
        assert!(sql.contains("JOIN store_uptime_status_spans sp ON"));
        assert!(!sql.contains("WITH"), "Spark ignores its cache in a query with a WITH clause");
        assert!(!query.contains("ROW_NUMBER()"), "the per-store window runs in its own statement");
        // The other dialects get one query.
        let duck = report_script(&settings(Dialect::DuckDb)).expect("script");
        assert!(!duck.contains("CACHE TABLE") && !duck.contains("store_uptime_"));
    }

    #[test]
    fn typed_timestamps_are_read_without_text() {
        let mut s = settings(Dialect::Postgres);
        s.typed = true;
        let sql = report_script(&s).expect("script");
        assert!(sql.contains("EXTRACT(EPOCH FROM store_status_t.timestamp_utc)"));
        assert!(!sql.contains("status_clock"), "no text parsing of timestamps");
    }

    #[test]
    fn outages_and_days_follow_the_horizon() {
        let mut s = settings(Dialect::DuckDb);
        s.query = SqlQuery::Outages { days: 3 };
        let sql = report_script(&s).expect("script");
        assert!(sql.contains(&format!("now_us - {} AS week_us", 3 * DAY_US)));
        assert!(sql.contains("zone_utc AS (") && sql.trim_end().ends_with("t.start_us"));
        s.query = SqlQuery::Daily { days: 30 };
        let sql = report_script(&s).expect("script");
        // Local dates from two days before the horizon to one after now.
        assert!(sql.contains("\n  (34)) AS t(k)"));
        assert!(sql.trim_end().ends_with("t.key_us"));
    }

    #[test]
    fn utc_offsets_change_at_the_transitions() {
        let mut s = settings(Dialect::DuckDb);
        s.default_zone = StoreZone::from_name("America/Chicago").expect("zone");
        let rows = stamps::zone_utc_rows(&s).expect("rows");
        // Zone 1 is the default zone: 2022, 2023 and 2024 each have two changes.
        let chicago: Vec<_> = rows.iter().filter(|r| r[0] == "1").collect();
        assert_eq!(chicago.len(), 7);
        // 2023-03-12 08:00 UTC: from -06:00 to -05:00.
        let spring = chicago.iter().find(|r| r[2] == (1_678_608_000 * MICROS_PER_SECOND).to_string());
        assert_eq!(spring.map(|r| r[3].as_str()), Some("-21600000000"));
    }

    #[test]
    fn whitespace_reaches_bigquery_as_escapes() {
        let sql = report_script(&settings(Dialect::BigQuery)).expect("script");
        assert!(sql.contains(r"r'^[ \t\r\n\x0b\x0c]+'"));
        let spark = report_script(&settings(Dialect::Spark)).expect("script");
        assert!(spark.contains(r"'^[ \\t\\r\\n\\x0b\\x0c]+'"));
        assert!(!sql.contains('\t') && !spark.contains('\t'));
    }
}
