//! The command line: raw arguments first, then checked values in one place.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use engine::{FileKind, Horizon, StaleLimit, StoreZone, Target, TieRule, Units, UtcInstant, parse_timestamp};

use crate::sql::{Dialect, SqlQuery, SqlSettings, SqlTies};

pub const USAGE: &str = "\
store-uptime: uptime and downtime of stores within business hours

Usage:
  store-uptime --status FILE [--hours FILE] [--timezones FILE] [options]
  store-uptime FILE...                    (each file's kind is read from its header)
  store-uptime sample --stores N --seed S --out DIR
  store-uptime sql --dialect D [options]  (the report as SQL, for a database)

Files:
  --status FILE           status polls: store_id, status, timestamp_utc (may be repeated)
  --hours FILE            business hours: store_id, day (or dayOfWeek), start_time_local,
                          end_time_local; without it every store is open 24x7
  --timezones FILE        timezones: store_id, timezone_str; without it every store is
                          in the default timezone
  --groups FILE           groups: store_id and columns of your own, each a dimension
                          (region, brand, franchisee...), and optionally a target
                          column with each store's own target
  A file may be a zip archive (each CSV inside is a file given; folders,
  __MACOSX/ and READMEs are skipped), gzip (one member or several), UTF-16
  with a byte order mark, and separated by , ; tab or |: what it is is read
  from its bytes and its header line, not its name.

Options:
  --now TIMESTAMP         end of the report's windows (default: the latest poll),
                          e.g. \"2023-01-25 18:13:22 UTC\" or 2023-01-25T18:13:22Z
  --default-timezone TZ   timezone of stores without one (default: America/Chicago)
  --units minutes|hours   minutes for all figures (default), or the original
                          assignment's format: the last hour in minutes, the
                          last day and week in hours
  --ties file-order|inactive-last
                          order of polls of a store at the same instant: the
                          file's (default), or active first and inactive last;
                          and of a store's timezone rows: the last in the file
                          wins (default), or the known name last in byte order
                          once lower-cased (the rules of `sql --ties inactive-last`)
  --format report|extended
                          report: the report's seven columns (default);
                          extended: with each window's uptime percentage,
                          polls per window, the latest poll, whether it is
                          stale, and where hours and timezone came from
                          (columns in docs/DESIGN.md)
  --stale-after DURATION  with --format extended, a store is stale when its
                          latest poll is older than this, e.g. 90m, 2h, 1d
                          (default 2h)
  --output FILE           write the report there instead of standard output
  --days N                the horizon of the outage list and per-day table: the
                          N x 24 hours before now, 1 to 366 (default 7)
  --outages FILE          write the outage list of the horizon to FILE: store_id,
                          start_utc, end_utc, start_local, end_local, minutes,
                          ongoing, before_first_poll
  --daily FILE            write the per-day table of the horizon to FILE: store_id,
                          date, business_minutes, uptime, downtime, polls
  --target PCT            the fleet's uptime target, a percentage above 0 and below
                          100 with at most 3 decimals, e.g. 99.5 (stores without a
                          target of their own in the groups file use it)
  --scorecard FILE        write the scorecard of the horizon to FILE: each store's
                          uptime percent, target, allowed downtime, budget left,
                          whether it meets its target, the same horizon before and
                          the change, and its group in each dimension
  --rollup FILE           write the roll-up of the horizon to FILE: the fleet, then
                          each group of each dimension, pooled over business time
  --quiet                 print only rejected rows and errors to standard error
  --list-rejected N       list at most N rejected rows (default 1000000); the
                          rows beyond are counted, not listed
  --threads N             read large files in N parts at once (default: the
                          number of cores, 2 to 8); 1 reads them whole
  -h, --help              show this help

The report goes to standard output as CSV; a summary and every rejected row
(file:line: reason) go to standard error. Exit status: 0 when a report was
written, 2 when an input was refused or could not be read, 1 for other errors.

Sample data:
  sample --stores N       number of stores (default 14000)
         --seed S         seed of the generator (default 1)
         --out DIR        folder for status.csv, menu_hours.csv, timezones.csv
         --ids-from FILE  use the store ids of existing data files (hours or
                          timezones; may be repeated) and write only a status
                          file for them
         --end TIMESTAMP  time of the last poll (default 2023-01-25 18:13:22 UTC)
         --days N         days of polls before it (default 7)
         --groups N       also write groups.csv: region (N of them), brand,
                          franchisee and a target for about one store in 10

SQL (prints one script; run where the tables are, its last statement's
result is the report; see docs/SCALE.md):
  sql --dialect D         duckdb, postgres, spark, bigquery, trino or snowflake
      --now TIMESTAMP     fixed now (default: the latest poll in the table)
      --units, --default-timezone   as for the report
      --status-table T    default store_status (store_id, status, timestamp_utc)
      --hours-table T     default menu_hours (store_id, day, start_time_local,
                          end_time_local)
      --timezones-table T default timezones (store_id, timezone_str)
      --ties line|inactive-last
                          line: every table has an integer column `line`, the
                          row's line in its file, and ties follow it (default);
                          inactive-last: no such column, active polls first,
                          timezone rows as `--ties inactive-last` above
      --from-year Y --to-year Y
                          years of the embedded timezone offsets (default: the
                          years around --now, else 2020 to 2030)
      --rejected          instead, the script that lists the rows the report
                          leaves out: table, line, store_id, reason, value
      --query Q           report (default), outages (the outage list, as
                          --outages writes it) or daily (the per-day table, as
                          --daily writes it)
      --days N            the horizon of outages and daily (default 7)
      --typed             the status table's timestamp_utc is a TIMESTAMP column
                          (in UTC): read as it is instead of parsed from text,
                          which skips the text checks (the fastest script)
      --output FILE       write the script there instead of standard output
";

/// What to do, checked.
#[derive(Debug)]
pub enum Command {
    Report(ReportArgs),
    Sample(SampleArgs),
    Sql(SqlArgs),
    Help,
}

#[derive(Debug)]
pub struct ReportArgs {
    /// Files with the kind the user named, or `None` to recognise it.
    pub files: Vec<(Option<FileKind>, PathBuf)>,
    pub now: Option<UtcInstant>,
    pub default_zone: StoreZone,
    pub units: Units,
    pub output: Option<PathBuf>,
    pub quiet: bool,
    pub horizon: Horizon,
    /// Where to write the outage list of the horizon, if asked.
    pub outages: Option<PathBuf>,
    /// Where to write the per-day table of the horizon, if asked.
    pub daily: Option<PathBuf>,
    /// The most rejected rows to list.
    pub list_rejected: usize,
    pub ties: TieRule,
    pub format: Format,
    /// How old a latest poll may be before the extended report calls it stale.
    pub stale_after: StaleLimit,
    /// Threads to read a large file with; `None` for the command's choice.
    pub threads: Option<NonZeroUsize>,
    /// The fleet's uptime target.
    pub target: Option<Target>,
    /// Where to write the scorecard of the horizon, if asked.
    pub scorecard: Option<PathBuf>,
    /// Where to write the roll-up of the horizon, if asked.
    pub rollup: Option<PathBuf>,
}

/// Which CSV the report is written as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// The report's seven columns, as the contract defines them.
    #[default]
    Report,
    /// The report with percentages and the freshness of each store's data.
    Extended,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "report" => Ok(Format::Report),
            "extended" => Ok(Format::Extended),
            _ => Err(format!("--format {s:?}: use report or extended")),
        }
    }
}

#[derive(Debug)]
pub struct SqlArgs {
    pub settings: SqlSettings,
    pub rejected: bool,
    pub output: Option<PathBuf>,
}

#[derive(Debug)]
pub struct SampleArgs {
    pub stores: usize,
    pub seed: u64,
    pub out: PathBuf,
    /// Files whose store ids to use instead of generated ones.
    pub ids_from: Vec<PathBuf>,
    /// The time of the last possible poll.
    pub end: Option<UtcInstant>,
    /// Days of polls before `end`.
    pub days: Option<u32>,
    /// Write a groups file too, with this many regions.
    pub groups: Option<u64>,
}

/// Reads a whole number option, within `range`: every numeric option is
/// read here, so that every message names its option and its range
/// rather than a parser's error (`--threads "0": give a whole number from 1 to 1024`).
pub fn whole_number<T>(option: &str, value: &str, range: std::ops::RangeInclusive<T>) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    value
        .trim()
        .parse::<T>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| format!("{option} {value:?}: give a whole number from {} to {}", range.start(), range.end()))
}

/// The most threads `--threads` takes.
const MAX_THREADS: usize = 1024;

pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Command, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_iter(std::iter::once("store-uptime".into()).chain(args));
    let mut first = true;
    let mut files = Vec::new();
    let (mut now, mut zone, mut units, mut output, mut quiet) = (None, None, None, None, false);
    let (mut horizon, mut outages, mut daily) = (None, None, None);
    let mut list_rejected = engine::REJECTION_LIST_CAP;
    let mut ties = TieRule::FileOrder;
    let (mut format, mut stale_after) = (Format::default(), StaleLimit::default());
    let mut threads = None;
    let (mut target, mut scorecard, mut rollup) = (None, None, None);
    let text = |value: std::ffi::OsString| value.into_string().map_err(|v| format!("not UTF-8: {v:?}"));
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Value(value) if first && value == "sample" => return parse_sample(parser),
            Value(value) if first && value == "sql" => return parse_sql(parser),
            Short('h') | Long("help") => return Ok(Command::Help),
            Long("status") => {
                files.push((Some(FileKind::StatusPolls), parser.value().map_err(|e| e.to_string())?.into()))
            }
            Long("hours") => {
                files.push((Some(FileKind::BusinessHours), parser.value().map_err(|e| e.to_string())?.into()))
            }
            Long("timezones") => {
                files.push((Some(FileKind::Timezones), parser.value().map_err(|e| e.to_string())?.into()))
            }
            Long("groups") => files.push((Some(FileKind::Groups), parser.value().map_err(|e| e.to_string())?.into())),
            Long("target") => {
                let value = text(parser.value().map_err(|e| e.to_string())?)?;
                target =
                    Some(value.parse::<Target>().map_err(|e| format!("--target {value:?} {e} (e.g. --target 99.5)"))?);
            }
            Long("scorecard") => scorecard = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("rollup") => rollup = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("now") => {
                let value = text(parser.value().map_err(|e| e.to_string())?)?;
                let instant = parse_timestamp(value.as_bytes()).map_err(|e| format!("--now {value:?}: {e}"))?;
                now = Some(instant);
            }
            Long("default-timezone") => {
                let value = text(parser.value().map_err(|e| e.to_string())?)?;
                zone = Some(
                    StoreZone::from_name(&value)
                        .ok_or_else(|| format!("--default-timezone {value:?} is not an IANA timezone name"))?,
                );
            }
            Long("units") => {
                let value = text(parser.value().map_err(|e| e.to_string())?)?;
                units = Some(value.parse::<Units>()?);
            }
            Long("output") => output = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("quiet") => quiet = true,
            Long("days") => {
                let value = text(parser.value().map_err(|e| e.to_string())?)?;
                let days = whole_number("--days", &value, 1..=Horizon::MAX_DAYS)?;
                horizon = Horizon::of_days(days);
            }
            Long("outages") => outages = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("daily") => daily = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("list-rejected") => {
                let value = text(parser.value().map_err(|e| e.to_string())?)?;
                list_rejected = whole_number("--list-rejected", &value, 0..=usize::MAX)?;
            }
            Long("threads") => {
                let value = text(parser.value().map_err(|e| e.to_string())?)?;
                let count = whole_number("--threads", &value, 1..=MAX_THREADS)?;
                threads = NonZeroUsize::new(count);
            }
            Long("ties") => {
                ties = match text(parser.value().map_err(|e| e.to_string())?)?.as_str() {
                    "file-order" => TieRule::FileOrder,
                    "inactive-last" => TieRule::InactiveLast,
                    other => return Err(format!("--ties {other:?}: use file-order or inactive-last")),
                }
            }
            Long("format") => format = text(parser.value().map_err(|e| e.to_string())?)?.parse()?,
            Long("stale-after") => {
                let value = text(parser.value().map_err(|e| e.to_string())?)?;
                stale_after = value.parse().map_err(|e| format!("--stale-after: {e}"))?;
            }
            Value(value) => files.push((None, value.into())),
            other => return Err(other.unexpected().to_string()),
        }
        first = false;
    }
    if files.is_empty() {
        return Err("no input files: give at least --status FILE".into());
    }
    Ok(Command::Report(ReportArgs {
        files,
        now,
        default_zone: zone.unwrap_or(engine::DEFAULT_ZONE),
        units: units.unwrap_or_default(),
        output,
        quiet,
        horizon: horizon.unwrap_or_default(),
        outages,
        daily,
        list_rejected,
        ties,
        format,
        stale_after,
        threads,
        target,
        scorecard,
        rollup,
    }))
}

fn parse_sql(mut parser: lexopt::Parser) -> Result<Command, String> {
    use lexopt::prelude::*;
    let mut dialect: Option<Dialect> = None;
    let (mut now, mut zone, mut units, mut output, mut rejected) = (None, None, Units::default(), None, false);
    let mut tables = ["store_status".to_string(), "menu_hours".to_string(), "timezones".to_string()];
    let (mut from_year, mut to_year): (Option<i32>, Option<i32>) = (None, None);
    let mut ties = SqlTies::Line;
    let mut typed = false;
    let (mut query, mut days) = ("report".to_string(), 7u16);
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("dialect") => dialect = Some(value(&mut parser)?.parse()?),
            Long("now") => {
                let v = value(&mut parser)?;
                now = Some(parse_timestamp(v.as_bytes()).map_err(|e| format!("--now {v:?}: {e}"))?);
            }
            Long("units") => units = value(&mut parser)?.parse::<Units>()?,
            Long("default-timezone") => {
                let v = value(&mut parser)?;
                zone = Some(
                    StoreZone::from_name(&v)
                        .ok_or_else(|| format!("--default-timezone {v:?} is not an IANA timezone name"))?,
                );
            }
            Long("status-table") => tables[0] = value(&mut parser)?,
            Long("hours-table") => tables[1] = value(&mut parser)?,
            Long("timezones-table") => tables[2] = value(&mut parser)?,
            Long("ties") => ties = value(&mut parser)?.parse()?,
            Long("from-year") => {
                from_year = Some(value(&mut parser)?.parse().map_err(|e| format!("--from-year: {e}"))?)
            }
            Long("to-year") => to_year = Some(value(&mut parser)?.parse().map_err(|e| format!("--to-year: {e}"))?),
            Long("rejected") => rejected = true,
            Long("typed") => typed = true,
            Long("query") => query = value(&mut parser)?.trim().to_ascii_lowercase(),
            Long("days") => {
                let v = value(&mut parser)?;
                days = v
                    .trim()
                    .parse()
                    .ok()
                    .filter(|n| (1..=366).contains(n))
                    .ok_or_else(|| format!("--days {v:?}: give a number of days from 1 to 366"))?;
            }
            Long("output") => output = Some(PathBuf::from(value(&mut parser)?)),
            Short('h') | Long("help") => return Ok(Command::Help),
            other => return Err(other.unexpected().to_string()),
        }
    }
    let dialect = dialect.ok_or("sql needs --dialect: duckdb, postgres, spark, bigquery, trino or snowflake")?;
    // The report reads a week; outages and days read their horizon.
    let horizon = if query == "report" { 7 } else { i64::from(days) };
    let (default_from, default_to) =
        now.map_or(crate::sql::DEFAULT_YEARS, |now| crate::sql::years_around(now, horizon));
    let [status_table, hours_table, timezones_table] = tables;
    let settings = SqlSettings {
        dialect,
        now,
        units,
        default_zone: zone.unwrap_or(engine::DEFAULT_ZONE),
        status_table,
        hours_table,
        timezones_table,
        from_year: from_year.unwrap_or(default_from),
        to_year: to_year.unwrap_or(default_to),
        ties,
        typed,
        query: match query.as_str() {
            "report" => SqlQuery::Report,
            "outages" => SqlQuery::Outages { days },
            "daily" => SqlQuery::Daily { days },
            other => return Err(format!("--query {other:?}: use report, outages or daily")),
        },
    };
    Ok(Command::Sql(SqlArgs { settings, rejected, output }))
}

fn parse_sample(mut parser: lexopt::Parser) -> Result<Command, String> {
    use lexopt::prelude::*;
    let (mut stores, mut seed, mut out, mut ids_from, mut end) = (14_000usize, 1u64, None, Vec::new(), None);
    let mut groups = None;
    let mut days = None;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("stores") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                stores = whole_number("--stores", &value.to_string_lossy(), 1..=10_000_000)?;
            }
            Long("seed") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                seed = whole_number("--seed", &value.to_string_lossy(), 0..=u64::MAX)?;
            }
            Long("out") => out = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?)),
            Long("ids-from") => ids_from.push(PathBuf::from(parser.value().map_err(|e| e.to_string())?)),
            Long("groups") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                groups = Some(whole_number("--groups", &value.to_string_lossy(), 1..=100_000)?);
            }
            Long("end") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                let value = value.to_string_lossy();
                end = Some(parse_timestamp(value.as_bytes()).map_err(|e| format!("--end {value:?}: {e}"))?);
            }
            Long("days") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                days = Some(whole_number("--days", &value.to_string_lossy(), 1..=Horizon::MAX_DAYS)?);
            }
            Short('h') | Long("help") => return Ok(Command::Help),
            other => return Err(other.unexpected().to_string()),
        }
    }
    let out = out.ok_or("sample needs --out DIR")?;
    Ok(Command::Sample(SampleArgs { stores, seed, out, ids_from, end, days, groups }))
}

/// The value of the option just read, as UTF-8 text.
fn value(parser: &mut lexopt::Parser) -> Result<String, String> {
    parser.value().map_err(|e| e.to_string())?.into_string().map_err(|v| format!("not UTF-8: {v:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &[&str]) -> Result<Command, String> {
        parse(words.iter().map(|w| w.into()))
    }

    #[test]
    fn report_arguments_are_checked() {
        let Ok(Command::Report(args)) = parse_words(&[
            "--status",
            "s.csv",
            "--hours",
            "h.csv",
            "--now",
            "2023-01-25T18:00:00Z",
            "--units",
            "hours",
            "--default-timezone",
            "europe/london",
            "t.csv",
        ]) else {
            panic!("should parse");
        };
        assert_eq!(args.files.len(), 3);
        assert_eq!(args.files[0].0, Some(FileKind::StatusPolls));
        assert_eq!(args.files[2].0, None);
        assert_eq!(args.units, Units::Hours);
        assert_eq!(args.default_zone.name(), "Europe/London");
        assert!(args.now.is_some());
        assert_eq!(args.horizon, Horizon::WEEK);
        assert_eq!((args.outages, args.daily), (None, None));
        assert_eq!((args.format, args.stale_after), (Format::Report, StaleLimit::DEFAULT));
    }

    #[test]
    fn format_and_stale_limit() {
        let Ok(Command::Report(args)) =
            parse_words(&["--status", "s.csv", "--format", "extended", "--stale-after", "90m"])
        else {
            panic!("should parse");
        };
        assert_eq!(args.format, Format::Extended);
        assert_eq!(args.stale_after.minutes(), 90);
        assert!(parse_words(&["--status", "s.csv", "--format", "json"]).unwrap_err().contains("report or extended"));
        let error = parse_words(&["--status", "s.csv", "--stale-after", "2"]).unwrap_err();
        assert!(error.contains("--stale-after") && error.contains("90m, 2h or 1d"), "{error}");
        let error = parse_words(&["--status", "s.csv", "--stale-after", "0h"]).unwrap_err();
        assert!(error.contains("from 1 minute to 366 days"), "{error}");
    }

    #[test]
    fn horizon_and_its_outputs() {
        let Ok(Command::Report(args)) =
            parse_words(&["--status", "s.csv", "--days", "90", "--outages", "o.csv", "--daily", "d.csv"])
        else {
            panic!("should parse");
        };
        assert_eq!(args.horizon.days(), 90);
        assert_eq!(args.outages, Some(PathBuf::from("o.csv")));
        assert_eq!(args.daily, Some(PathBuf::from("d.csv")));
    }

    #[test]
    fn bad_values_are_explained() {
        assert!(parse_words(&["--status", "s.csv", "--now", "yesterday"]).unwrap_err().contains("--now"));
        assert!(parse_words(&["--status", "s.csv", "--default-timezone", "Mars/Base"]).unwrap_err().contains("IANA"));
        assert!(parse_words(&["--status", "s.csv", "--units", "days"]).unwrap_err().contains("minutes or hours"));
        assert!(parse_words(&[]).unwrap_err().contains("--status"));
        assert!(parse_words(&["--status", "s.csv", "--days", "0"]).unwrap_err().contains("1 to 366"));
        assert!(parse_words(&["--status", "s.csv", "--days", "367"]).unwrap_err().contains("1 to 366"));
        assert!(parse_words(&["--status", "s.csv", "--days", "week"]).unwrap_err().contains("--days"));
    }

    #[test]
    fn sample_subcommand() {
        let Ok(Command::Sample(args)) = parse_words(&["sample", "--stores", "10", "--seed", "3", "--out", "d"]) else {
            panic!("should parse");
        };
        assert_eq!((args.stores, args.seed), (10, 3));
    }

    #[test]
    fn sql_subcommand() {
        let Ok(Command::Sql(args)) = parse_words(&[
            "sql",
            "--dialect",
            "spark",
            "--now",
            "2023-01-25T18:00:00Z",
            "--ties",
            "inactive-last",
            "--status-table",
            "lake.polls",
        ]) else {
            panic!("should parse");
        };
        assert_eq!(args.settings.dialect, Dialect::Spark);
        assert_eq!(args.settings.ties, SqlTies::InactiveLast);
        assert_eq!((args.settings.from_year, args.settings.to_year), (2023, 2023));
        assert_eq!(args.settings.status_table, "lake.polls");
        assert!(parse_words(&["sql"]).unwrap_err().contains("--dialect"));
        assert!(parse_words(&["sql", "--dialect", "oracle"]).unwrap_err().contains("unknown dialect"));
        let Ok(Command::Sql(args)) =
            parse_words(&["sql", "--dialect", "duckdb", "--query", "daily", "--days", "3", "--typed"])
        else {
            panic!("sql --query daily should parse");
        };
        assert_eq!(args.settings.query, SqlQuery::Daily { days: 3 });
        assert!(args.settings.typed);
        assert!(parse_words(&["sql", "--dialect", "duckdb", "--query", "weekly"]).unwrap_err().contains("--query"));
        assert!(parse_words(&["sql", "--dialect", "duckdb", "--days", "0"]).unwrap_err().contains("--days"));
    }
}
