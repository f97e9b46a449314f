//! The few places where the six SQL dialects differ: types, integer
//! division, regular expressions, inline tables and text order. The rest of
//! the script is written once, in the SQL they share.

use std::fmt::Write as _;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    DuckDb,
    Postgres,
    Spark,
    BigQuery,
    Trino,
    Snowflake,
}

impl FromStr for Dialect {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "duckdb" => Dialect::DuckDb,
            "postgres" | "postgresql" => Dialect::Postgres,
            "spark" => Dialect::Spark,
            "bigquery" => Dialect::BigQuery,
            "trino" => Dialect::Trino,
            "snowflake" => Dialect::Snowflake,
            other => {
                return Err(format!(
                    "unknown dialect {other:?}: use duckdb, postgres, spark, bigquery, trino or snowflake"
                ));
            }
        })
    }
}

/// Written in a pattern, stands for the ASCII whitespace characters, which
/// the command trims from every field. They reach the regular expression
/// engines as escapes (`\t`, `\x0b`), which they all read, so that the
/// script holds no control characters.
pub const WS: &str = "<ws>";

impl Dialect {
    pub fn name(self) -> &'static str {
        match self {
            Dialect::DuckDb => "duckdb",
            Dialect::Postgres => "postgres",
            Dialect::Spark => "spark",
            Dialect::BigQuery => "bigquery",
            Dialect::Trino => "trino",
            Dialect::Snowflake => "snowflake",
        }
    }

    fn text_type(self) -> &'static str {
        match self {
            Dialect::DuckDb | Dialect::Trino | Dialect::Snowflake => "VARCHAR",
            Dialect::Postgres => "TEXT",
            Dialect::Spark | Dialect::BigQuery => "STRING",
        }
    }

    pub fn bigint_type(self) -> &'static str {
        match self {
            Dialect::BigQuery => "INT64",
            _ => "BIGINT",
        }
    }

    fn decimal_type(self) -> &'static str {
        match self {
            Dialect::BigQuery => "NUMERIC(18, 2)",
            _ => "DECIMAL(18, 2)",
        }
    }

    /// A value as text.
    pub fn to_text(self, expr: &str) -> String {
        format!("CAST({expr} AS {})", self.text_type())
    }

    /// A column read as text, whatever its type, never NULL (a CSV loader
    /// may turn an empty field into NULL); not trimmed.
    pub fn raw_text(self, column: &str) -> String {
        format!("COALESCE(CAST({column} AS {}), '')", self.text_type())
    }

    /// A column read as text, whatever its type, trimmed, never NULL.
    pub fn field(self, column: &str) -> String {
        self.trimmed(&self.raw_text(column))
    }

    /// Text trimmed of ASCII whitespace. The regular expressions run only
    /// when the first or the last character could be whitespace (a code
    /// of 32 or less, or the empty text): most values need no trimming,
    /// and the check costs a fraction of a regular expression.
    pub fn trimmed(self, text: &str) -> String {
        let regex = format!(
            "REGEXP_REPLACE(REGEXP_REPLACE({text}, {}, ''), {}, '')",
            self.pattern(&format!("^[{WS}]+")),
            self.pattern(&format!("[{WS}]+$")),
        );
        let code = |c: String| match self {
            // Trino has no ASCII(); CODEPOINT takes a one-character text.
            Dialect::Trino => format!("CODEPOINT(CAST({c} AS VARCHAR(1)))"),
            _ => format!("ASCII({c})"),
        };
        format!(
            "CASE WHEN LENGTH({text}) > 0 AND {} > 32 AND {} > 32 THEN {text} ELSE {regex} END",
            code(format!("SUBSTR({text}, 1, 1)")),
            code(format!("SUBSTR({text}, LENGTH({text}), 1)")),
        )
    }

    /// The text with every ASCII digit replaced by `0`: its shape, which
    /// an `IN` list of shapes checks exactly as a regular expression of
    /// digits and fixed characters would, at the cost of a character map.
    pub fn digit_shape(self, text: &str) -> String {
        format!("TRANSLATE({text}, '0123456789', '0000000000')")
    }

    /// Whether the text `ts` is a timestamp of the common shape: `YYYY-MM-DD`,
    /// a space or `T`, `HH:MM:SS`, no fraction or one of 1 to 9 digits
    /// after a dot, then no zone, `Z`, or `UTC`/`GMT` after at most one
    /// space, with nothing around it. Every such text is one the general
    /// pattern (TIMESTAMP) accepts, with a zero UTC offset and each part at
    /// a fixed position. The check is exact either way; which is cheaper
    /// differs: RE2 (DuckDB, BigQuery, Trino, Snowflake) runs this regular
    /// expression faster than a character map, PostgreSQL's and Java's
    /// regular expressions are slower than TRANSLATE and an `IN` list of
    /// shapes (measured at 1.86 million rows).
    pub fn fast_timestamp(self, ts: &str) -> String {
        match self {
            Dialect::Postgres | Dialect::Spark => {
                let mut shapes = Vec::new();
                for separator in [" ", "T"] {
                    for digits in 0..=9 {
                        let fraction = if digits == 0 { String::new() } else { format!(".{}", "0".repeat(digits)) };
                        for zone in ["", "Z", " Z", "UTC", " UTC", "GMT", " GMT"] {
                            shapes.push(quote(&format!("0000-00-00{separator}00:00:00{fraction}{zone}")));
                        }
                    }
                }
                format!("{} IN ({})", self.digit_shape(ts), shapes.join(", "))
            }
            // The hour is 00-23 and `UTC`/`GMT` follow a space: the shapes
            // DuckDB's cast (fast_timestamp_micros) reads exactly.
            Dialect::DuckDb => self.matches(
                ts,
                "^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T](?:[01][0-9]|2[0-3]):[0-9]{2}:[0-9]{2}(?:[.][0-9]{1,9})?(?: (?:UTC|GMT)|Z| Z)?$",
            ),
            _ => self.matches(
                ts,
                "^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.][0-9]{1,9})?(?: ?(?:UTC|GMT)|Z| Z)?$",
            ),
        }
    }

    /// For a text that passed [`Dialect::fast_timestamp`], its instant in
    /// microseconds by the engine's own cast where that is exact and
    /// cheaper than cutting it into parts, else None (the parts are cut
    /// and checked in SQL). DuckDB's cast of the whole text is six times
    /// cheaper than six substrings cast to integers, and three times
    /// cheaper than cutting the zone off first (measured at 1.86 million
    /// rows); given DuckDB's shape (hours 00-23, `UTC`/`GMT` after a space)
    /// it reads every date the general path reads and refuses the others
    /// (a 30 February, second 60); its fraction beyond six digits is cut,
    /// as the command cuts it. A row it refuses gets `refused`, which the
    /// range check of the instants the command reads then refuses too.
    pub fn fast_timestamp_micros(self, ts: &str, refused: i64) -> Option<String> {
        match self {
            Dialect::DuckDb => Some(format!("COALESCE(EPOCH_US(TRY_CAST({ts} AS TIMESTAMP)), {refused})")),
            _ => None,
        }
    }

    /// Whether a time of day is written `H:MM`, `HH:MM` or `HH:MM:SS[.f]`
    /// (one to nine fraction digits): as a regular expression on DuckDB,
    /// whose RE2 runs it four times faster than its TRANSLATE; elsewhere
    /// as the text's digit shape in a list of the shapes, cheaper than
    /// their regular expressions (measured).
    pub fn clock_time_ok(self, text: &str) -> String {
        match self {
            Dialect::DuckDb => self.matches(text, "^[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.][0-9]{1,9})?)?$"),
            _ => {
                let shapes: Vec<String> = ["0:00", "00:00", "00:00:00"]
                    .into_iter()
                    .map(String::from)
                    .chain((1..=9).map(|n| format!("00:00:00.{}", "0".repeat(n))))
                    .map(|shape| quote(&shape))
                    .collect();
                format!("{} IN ({})", self.digit_shape(text), shapes.join(", "))
            }
        }
    }

    /// A TIMESTAMP column's instant in microseconds since 1970 (UTC).
    /// Trino has no exact function for it: its milliseconds are used.
    pub fn timestamp_micros(self, column: &str) -> String {
        match self {
            Dialect::DuckDb => format!("EPOCH_US({column})"),
            Dialect::Postgres => format!("CAST(EXTRACT(EPOCH FROM {column}) * 1000000 AS BIGINT)"),
            Dialect::Spark | Dialect::BigQuery => format!("UNIX_MICROS({column})"),
            Dialect::Trino => format!("DATE_DIFF('millisecond', TIMESTAMP '1970-01-01 00:00:00', {column}) * 1000"),
            Dialect::Snowflake => format!("DATE_PART(EPOCH_MICROSECOND, {column})"),
        }
    }

    /// `text` without the characters of `chars` at its end.
    pub fn rtrim_chars(self, text: &str, chars: &str) -> String {
        match self {
            Dialect::Spark => format!("TRIM(TRAILING {} FROM {text})", quote(chars)),
            _ => format!("RTRIM({text}, {})", quote(chars)),
        }
    }

    /// A regular expression as a string literal of the dialect.
    pub fn pattern(self, pattern: &str) -> String {
        let pattern = pattern.replace(WS, r" \t\r\n\x0b\x0c");
        match self {
            Dialect::BigQuery => format!("r'{pattern}'"),
            // Their string literals read backslash escapes themselves.
            Dialect::Spark | Dialect::Snowflake => format!("'{}'", pattern.replace('\\', r"\\")),
            _ => format!("'{pattern}'"),
        }
    }

    pub fn bigint(self, expr: &str) -> String {
        format!("CAST({expr} AS {})", self.bigint_type())
    }

    /// A figure as an exact decimal with two places.
    pub fn decimal(self, expr: &str) -> String {
        format!("CAST({expr} AS {})", self.decimal_type())
    }

    /// Integer division of non-negative integers.
    pub fn div(self, a: &str, b: &str) -> String {
        match self {
            Dialect::DuckDb => format!("(({a}) // ({b}))"),
            // DIV returns NUMERIC, and NUMERIC then spreads through every
            // later expression (times, sorts, joins), several times slower
            // than BIGINT; a sum of BIGINTs is NUMERIC too. Integer
            // division of BIGINTs truncates, which for non-negative
            // operands is the floor.
            Dialect::Postgres => format!("(CAST({a} AS BIGINT) / ({b}))"),
            Dialect::Spark => format!("(({a}) DIV ({b}))"),
            Dialect::BigQuery => format!("DIV({a}, {b})"),
            Dialect::Trino => format!("(({a}) / ({b}))"),
            Dialect::Snowflake => format!("FLOOR(({a}) / ({b}))"),
        }
    }

    /// Remainder of non-negative integers.
    pub fn rem(self, a: &str, b: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Spark => format!("(({a}) % ({b}))"),
            _ => format!("MOD({a}, {b})"),
        }
    }

    /// Whether `expr` matches `pattern` (anchored with `^…$` by the caller).
    pub fn matches(self, expr: &str, pattern: &str) -> String {
        let p = match self {
            Dialect::Snowflake => self.pattern(&all_capturing(pattern, 0).0),
            _ => self.pattern(pattern),
        };
        match self {
            Dialect::DuckDb => format!("REGEXP_MATCHES({expr}, {p})"),
            Dialect::Postgres => format!("({expr} ~ {p})"),
            Dialect::Spark => format!("({expr} RLIKE {p})"),
            Dialect::BigQuery => format!("REGEXP_CONTAINS({expr}, {p})"),
            Dialect::Trino | Dialect::Snowflake => format!("REGEXP_LIKE({expr}, {p})"),
        }
    }

    /// Whether the text `expr` holds a control character (Unicode's
    /// category Cc: U+0000-U+001F and U+007F-U+009F), which the command
    /// refuses in a store id.
    pub fn has_control(self, expr: &str) -> String {
        let class = match self {
            // PostgreSQL's text cannot hold NUL, and its expressions read `\u`.
            Dialect::Postgres => r"[\x01-\x1f\x7f-\u009f]",
            Dialect::DuckDb | Dialect::BigQuery | Dialect::Trino => r"\p{Cc}",
            // Java reads `\xhh` as a code point.
            Dialect::Spark => r"[\x00-\x1f\x7f-\x9f]",
            // REGEXP_LIKE matches the whole text there.
            Dialect::Snowflake => r"[\s\S]*[\x00-\x1f\x7f-\x9f][\s\S]*",
        };
        self.matches(expr, class)
    }

    /// A text key that sorts in byte order (PostgreSQL would otherwise use
    /// the database's collation).
    pub fn byte_order(self, expr: &str) -> String {
        match self {
            Dialect::Postgres => format!("{expr} COLLATE \"C\""),
            _ => expr.to_string(),
        }
    }

    /// Computes a common table expression once, where the dialect can be
    /// told so: PostgreSQL and DuckDB otherwise inline a table used once,
    /// copying each parsing expression into every place that reads it.
    pub fn materialized(self) -> &'static str {
        match self {
            Dialect::Postgres | Dialect::DuckDb => "MATERIALIZED ",
            _ => "",
        }
    }

    /// Statements that must run before the query.
    pub fn preamble(self) -> &'static str {
        match self {
            // A typed TIMESTAMP column is shown in the session's time zone
            // when cast to text; the script reads it as UTC.
            Dialect::Spark => "SET spark.sql.session.timeZone = UTC;\n",
            // PostgreSQL cannot estimate the sizes of the script's derived
            // tables, guesses them tiny, and then joins stores to hours or
            // polls by nested loops, which takes minutes where a hash join
            // takes a second. This setting lasts for the session.
            // Its just-in-time compiler spends minutes (measured: 96 s at
            // 14,000 stores) compiling the script's long expressions, far
            // more than it could save.
            Dialect::Postgres => "SET enable_nestloop = off;\nSET jit = off;\n",
            _ => "",
        }
    }

    /// The body of a common table expression holding constant rows.
    /// `columns` are (name, BigQuery type); values are already SQL literals.
    pub fn inline_table(self, columns: &[(&str, &str)], rows: &[Vec<String>]) -> String {
        let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
        let mut out = String::new();
        match self {
            Dialect::BigQuery => {
                let types: Vec<String> = columns.iter().map(|(name, ty)| format!("{name} {ty}")).collect();
                let _ = write!(out, "SELECT * FROM UNNEST(ARRAY<STRUCT<{}>>[", types.join(", "));
                push_rows(&mut out, rows);
                out.push_str("])");
            }
            Dialect::Spark => {
                out.push_str("SELECT * FROM VALUES");
                push_rows(&mut out, rows);
                let _ = write!(out, " AS t({})", names.join(", "));
            }
            _ => {
                out.push_str("SELECT * FROM (VALUES");
                push_rows(&mut out, rows);
                let _ = write!(out, ") AS t({})", names.join(", "));
            }
        }
        out
    }
}

fn push_rows(out: &mut String, rows: &[Vec<String>]) {
    for (i, row) in rows.iter().enumerate() {
        out.push_str(if i == 0 { "\n  (" } else { ",\n  (" });
        out.push_str(&row.join(", "));
        out.push(')');
    }
}

/// `pattern` with its non-capturing groups made capturing, and the new
/// number of its `group`-th capturing group.
fn all_capturing(pattern: &str, group: usize) -> (String, usize) {
    let (mut out, mut all, mut capturing, mut number) = (String::new(), 0, 0, 0);
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        out.push(c);
        if c == '(' {
            all += 1;
            match rest.strip_prefix("?:") {
                Some(after) => rest = after,
                None => {
                    capturing += 1;
                    if capturing == group {
                        number = all;
                    }
                }
            }
        }
    }
    (out, number)
}

/// A text literal.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_capturing_groups_are_renumbered_for_snowflake() {
        assert_eq!(all_capturing("^(?:a(b))(c)$", 2), ("^(a(b))(c)$".to_string(), 3));
    }

    #[test]
    fn dialect_names_round_trip() {
        for d in ["duckdb", "postgres", "spark", "bigquery", "trino", "snowflake"] {
            assert_eq!(d.parse::<Dialect>().map(Dialect::name), Ok(d));
        }
        assert!("mysql".parse::<Dialect>().is_err());
    }
}
