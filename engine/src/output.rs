//! Writing a report as CSV text.

use std::io;
use std::str::FromStr;

use crate::analysis::Analysis;
use crate::report::{Report, ReportRow, Window};
use crate::store::is_integer;
use crate::time::TimeSpan;

/// The units of the six figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Units {
    /// Minutes for all six figures.
    #[default]
    Minutes,
    /// The original assignment's format: the hour window in minutes, the
    /// day and week windows in hours.
    Hours,
}

impl Units {
    /// `minutes` or `hours`: the name the command's `--units` and the
    /// settings use, which [`Units::from_str`] reads back.
    pub fn name(self) -> &'static str {
        match self {
            Units::Minutes => "minutes",
            Units::Hours => "hours",
        }
    }

    /// The unit of one window's figures.
    pub fn unit_of(self, window: Window) -> Unit {
        match (self, window) {
            (Units::Hours, Window::LastDay | Window::LastWeek) => Unit::Hour,
            _ => Unit::Minute,
        }
    }
}

impl FromStr for Units {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "minutes" => Ok(Units::Minutes),
            "hours" => Ok(Units::Hours),
            other => Err(format!("unknown units {other:?}: use minutes or hours")),
        }
    }
}

/// The unit one window's figures are written in (see [`Units::unit_of`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Minutes, with up to two decimals.
    Minute,
    /// Hours, with up to two decimals.
    Hour,
}

impl Unit {
    fn nanos(self) -> i64 {
        match self {
            Unit::Minute => 60_000_000_000,
            Unit::Hour => 3_600_000_000_000,
        }
    }
}

/// The column names of the report, in order.
pub(crate) const COLUMNS: [&str; 7] = [
    "store_id",
    "uptime_last_hour",
    "downtime_last_hour",
    "uptime_last_day",
    "downtime_last_day",
    "uptime_last_week",
    "downtime_last_week",
];

/// A duration in `unit`, rounded to two decimals (halves away from zero),
/// written without trailing zeros: `60`, `12.5`, `0.03`.
///
/// The rounding is done on whole nanoseconds, so it is exact: a float would
/// turn 0.125 minutes into 0.12 or 0.13 depending on its representation.
///
/// ```
/// use store_uptime_engine::TimeSpan;
/// use store_uptime_engine::{Unit, format_span};
///
/// let written = |nanos: i64, unit| {
///     let mut out = String::new();
///     format_span(TimeSpan::from_nanos(nanos), unit, &mut out);
///     out
/// };
/// let minute = 60_000_000_000;
/// assert_eq!(written(90 * minute, Unit::Hour), "1.5");
/// assert_eq!(written(minute / 8, Unit::Minute), "0.13"); // 0.125: halves away from zero
/// assert_eq!(written(1440 * minute, Unit::Minute), "1440");
/// ```
pub fn format_span(span: TimeSpan, unit: Unit, out: &mut String) {
    let hundredth = unit.nanos() / 100;
    let nanos = span.nanos();
    let negative = nanos < 0;
    let magnitude = nanos.unsigned_abs();
    let hundredths = (magnitude + hundredth as u64 / 2) / hundredth as u64;
    if negative && hundredths > 0 {
        out.push('-');
    }
    push_integer(hundredths / 100, out);
    match hundredths % 100 {
        0 => {}
        f if f % 10 == 0 => {
            out.push('.');
            out.push(digit(f / 10));
        }
        f => {
            out.push('.');
            push_two_digits(f as u32, out);
        }
    }
}

/// Appends an integer in decimal. Outputs write millions of numbers, and
/// `itoa` does it without the machinery of `core::fmt`.
pub(crate) fn push_integer(value: impl itoa::Integer, out: &mut String) {
    out.push_str(itoa::Buffer::new().format(value));
}

/// Appends a number below 100 as two digits: `07`.
pub(crate) fn push_two_digits(value: u32, out: &mut String) {
    out.push(digit(u64::from(value / 10 % 10)));
    out.push(digit(u64::from(value % 10)));
}

/// Appends a number below 10,000 as four digits: `0999`.
pub(crate) fn push_four_digits(value: u32, out: &mut String) {
    push_two_digits(value / 100 % 100, out);
    push_two_digits(value % 100, out);
}

fn digit(value: u64) -> char {
    char::from(b'0' + (value % 10) as u8)
}

/// A store id as written to the CSV: see [`safe_text`].
pub(crate) fn safe_store_id(id: &str) -> std::borrow::Cow<'_, str> {
    safe_text(id)
}

/// A text field as written to any CSV a user may open in a spreadsheet.
///
/// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab
/// or carriage return) as a formula, so such a text is written with a
/// leading `'`, which spreadsheets show as text and hide. Integers such as
/// `-5` are numbers, not formulas, and are written as they are, so numeric
/// ids always round-trip exactly.
pub(crate) fn safe_text(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = matches!(text.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    if risky && !is_integer(text) { format!("'{text}").into() } else { text.into() }
}

/// Appends a text field (a store id, a file name, a message) to `out`:
/// neutralised for spreadsheets, then quoted when it must be. Every text
/// field of every CSV the app and the command write goes through here.
pub(crate) fn push_text_field(field: &str, out: &mut String) {
    push_csv_field(&safe_text(field), out);
}

/// Appends `field` to `out` as one CSV field, quoted when it must be.
pub(crate) fn push_csv_field(field: &str, out: &mut String) {
    if field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ') {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Appends one report row as a CSV line.
pub(crate) fn push_row(row: &ReportRow, units: Units, out: &mut String) {
    push_text_field(&row.store_id, out);
    for window in Window::ALL {
        push_uptime_and_downtime(row, window, units, out);
    }
    out.push('\n');
}

/// Appends `,uptime,downtime` of one window of a row, in the window's unit:
/// the report's columns, which the extended report repeats.
pub(crate) fn push_uptime_and_downtime(row: &ReportRow, window: Window, units: Units, out: &mut String) {
    let figures = row.window(window);
    let unit = units.unit_of(window);
    out.push(',');
    format_span(figures.uptime, unit, out);
    out.push(',');
    format_span(figures.downtime, unit, out);
}

/// The report as CSV text: a header line, then one line per store, `\n` endings.
///
/// ```
/// use std::ops::ControlFlow;
/// use store_uptime_engine::{Analysis, Dataset, ReportSettings, Units, compute_report, report_csv};
///
/// let mut data = Dataset::new();
/// // Open 24x7 in the default zone, down since 11:30; now is noon.
/// data.read_bytes("status.csv", b"store_id,status,timestamp_utc\n7,active,2023-01-25 11:00:00 UTC\n7,inactive,2023-01-25 11:30:00 UTC\n7,inactive,2023-01-25 12:00:00 UTC\n")?;
/// let analysis = Analysis::new(data);
/// let report = compute_report(&analysis, &ReportSettings::default(), &mut |_| ControlFlow::Continue(()))?;
/// // The assignment's format: the hour in minutes, the day and week in hours.
/// assert_eq!(report_csv(&report, Units::Hours).lines().nth(1), Some("7,30,30,23.5,0.5,167.5,0.5"));
/// assert_eq!(report_csv(&report, Units::Minutes).lines().nth(1), Some("7,30,30,1410,30,10050,30"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn report_csv(report: &Report, units: Units) -> String {
    let mut out = String::with_capacity(64 * (report.rows.len() + 1));
    out.push_str(&COLUMNS.join(","));
    out.push('\n');
    for row in &report.rows {
        push_row(row, units, &mut out);
    }
    out
}

/// Writes the report as CSV to `writer`, a block of rows at a time.
pub fn write_report_csv(report: &Report, units: Units, writer: &mut dyn io::Write) -> io::Result<()> {
    let mut block = String::with_capacity(64 * 1024);
    block.push_str(&COLUMNS.join(","));
    block.push('\n');
    for row in &report.rows {
        push_row(row, units, &mut block);
        if block.len() > 60 * 1024 {
            writer.write_all(block.as_bytes())?;
            block.clear();
        }
    }
    writer.write_all(block.as_bytes())
}

/// The column names of the rejected rows' CSV.
pub(crate) const REJECTION_COLUMNS: [&str; 3] = ["file", "line", "reason"];

/// The listed rejected rows as CSV text: a header line, then one line per
/// row (file name, line, reason), `\n` endings.
pub fn rejections_csv(analysis: &Analysis) -> String {
    let mut out = REJECTION_COLUMNS.join(",");
    out.push('\n');
    for rejection in analysis.rejections() {
        // A file name is the user's text: `=HYPERLINK(…).csv` is a valid name.
        push_text_field(&analysis.files()[rejection.file.get()].name, &mut out);
        out.push(',');
        push_integer(rejection.line, &mut out);
        out.push(',');
        push_text_field(&rejection.reason.to_string(), &mut out);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(nanos: i64) -> String {
        let mut out = String::new();
        format_span(TimeSpan::from_nanos(nanos), Unit::Minute, &mut out);
        out
    }

    #[test]
    fn figures_have_at_most_two_decimals() {
        const MINUTE: i64 = 60_000_000_000;
        assert_eq!(minutes(0), "0");
        assert_eq!(minutes(60 * MINUTE), "60");
        assert_eq!(minutes(MINUTE / 2), "0.5");
        assert_eq!(minutes(MINUTE / 4), "0.25");
        // 0.125 minutes is exactly half a hundredth: rounds up.
        assert_eq!(minutes(MINUTE / 8), "0.13");
        assert_eq!(minutes(MINUTE / 8 - 1), "0.12");
        // One second is 0.01666… minutes.
        assert_eq!(minutes(1_000_000_000), "0.02");
        assert_eq!(minutes(10_080 * MINUTE), "10080");
        assert_eq!(minutes(1439 * MINUTE + 59 * 1_000_000_000), "1439.98");
    }

    #[test]
    fn hours_round_on_hundredths_of_an_hour() {
        let mut out = String::new();
        format_span(TimeSpan::from_minutes(90), Unit::Hour, &mut out);
        assert_eq!(out, "1.5");
        out.clear();
        // 1 minute = 0.01666… hours.
        format_span(TimeSpan::from_minutes(1), Unit::Hour, &mut out);
        assert_eq!(out, "0.02");
        out.clear();
        format_span(TimeSpan::from_hours(168), Unit::Hour, &mut out);
        assert_eq!(out, "168");
        out.clear();
        format_span(TimeSpan::from_nanos(-90 * 60_000_000_000), Unit::Hour, &mut out);
        assert_eq!(out, "-1.5");
    }

    #[test]
    fn digits_are_padded_to_their_width() {
        let mut out = String::new();
        push_four_digits(2023, &mut out);
        push_two_digits(7, &mut out);
        push_two_digits(31, &mut out);
        push_four_digits(999, &mut out);
        push_integer(1_863_563u64, &mut out);
        push_integer(0u32, &mut out);
        assert_eq!(out, "20230731099918635630");
    }

    #[test]
    fn formula_like_ids_are_neutralised_but_integers_are_not() {
        assert_eq!(safe_store_id("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_store_id("+1 555"), "'+1 555");
        assert_eq!(safe_store_id("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_store_id("-cmd"), "'-cmd");
        assert_eq!(safe_store_id("-5"), "-5");
        assert_eq!(safe_store_id("8419537941919820732"), "8419537941919820732");
        assert_eq!(safe_store_id("b5d0a65d-6d54"), "b5d0a65d-6d54");
    }

    #[test]
    fn every_text_field_of_the_rejected_rows_is_neutralised() {
        use crate::input::Dataset;
        let mut data = Dataset::new();
        let name = "=HYPERLINK(\"http://x\",\"y\").csv";
        data.read_bytes(name, b"store_id,status,timestamp_utc\n1,maybe,2023-01-25 11:00:00\n").expect("read");
        data.read_bytes("-5", b"store_id,timezone_str\n@x,Nowhere/Else\n").expect("read");
        let csv = rejections_csv(&Analysis::new(data));
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("file,line,reason"));
        assert_eq!(
            lines.next(),
            Some(
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\").csv\",2,\"status \"\"maybe\"\" is neither active nor inactive\""
            )
        );
        // `-5` is a number, not a formula; reasons start with a column name.
        let zone = lines.next().expect("a second row");
        assert!(zone.starts_with("-5,2,\"timezone_str \"\"Nowhere/Else\"\""), "{zone}");
        assert_eq!(lines.next(), None);
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut out = String::new();
        push_csv_field("a,b", &mut out);
        out.push('|');
        push_csv_field("say \"hi\"", &mut out);
        out.push('|');
        push_csv_field("plain", &mut out);
        assert_eq!(out, "\"a,b\"|\"say \"\"hi\"\"\"|plain");
    }
}
