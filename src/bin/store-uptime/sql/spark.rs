//! The script as Spark runs it fast: one statement a common table.
//!
//! Spark copies a common table expression into every place that reads it,
//! so the tables read more than once are computed once and kept in memory
//! (`CACHE TABLE`). But Spark (4.3) does not use a cached table whose
//! defining query has a `WITH` clause in a later query that has one too:
//! every statement then computed the inputs again from their text, and the
//! cache only cost time (docs/SCALE.md, "Spark reads its cache"). So for
//! Spark no statement has a `WITH` clause: each common table becomes a
//! temporary view `store_uptime_<name>` (or a cached table, for those in
//! `cached`), and the statements read the views by those names.

use std::fmt::Write as _;

use super::Dialect;

/// For Spark, `script` with its common tables turned into views, those
/// named in `cached` into cached tables; other dialects get the script as
/// it is. The script's common tables each begin with a line `name AS (` or
/// `name AS MATERIALIZED (` and end with the line `)` or `),` (the
/// generator writes them so), which is how they are found here.
pub fn views_for_spark(dialect: Dialect, script: String, cached: &[&str]) -> String {
    if dialect != Dialect::Spark {
        return script;
    }
    let Some((preamble, tables, query)) = split_common_tables(&script) else { return script };
    let names: Vec<&str> = tables.iter().map(|table| table.name.as_str()).collect();
    let mut out = preamble.to_string();
    // A view stored as SQL text is analysed again wherever it is read, and
    // each view reads the ones before it: the chain's analysis grew to
    // seconds a statement (docs/SCALE.md). Stored analysed, it is not.
    out.push_str(
        "-- Spark: each common table is a temporary view store_uptime_*, and those read\n\
         -- more than once are computed once and kept in memory; they stay until the\n\
         -- session ends. Views are kept analysed, so that each is analysed once.\n\
         SET spark.sql.legacy.storeAnalyzedPlanForView = true;\n",
    );
    for (i, table) in tables.iter().enumerate() {
        let body = read_views(&table.body, &names[..i]);
        let name = &table.name;
        if cached.contains(&name.as_str()) {
            let _ =
                write!(out, "DROP VIEW IF EXISTS store_uptime_{name};\nCACHE TABLE store_uptime_{name} AS\n{body};\n");
        } else {
            let _ = write!(out, "CREATE OR REPLACE TEMPORARY VIEW store_uptime_{name} AS\n{body};\n");
        }
    }
    out.push_str(&read_views(query, &names));
    out
}

/// One common table: its name and the query between its parentheses.
struct CommonTable {
    name: String,
    body: String,
}

/// The text before `WITH`, the common tables, and the final query; `None`
/// when the script has no `WITH` list of the generator's shape.
fn split_common_tables(script: &str) -> Option<(&str, Vec<CommonTable>, &str)> {
    let with_at = script.find("\nWITH\n")?;
    let (preamble, rest) = script.split_at(with_at + 1);
    let body = &rest["WITH\n".len()..];
    let mut starts: Vec<(usize, String)> = Vec::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if let Some(name) = trimmed.strip_suffix(" AS (").or_else(|| trimmed.strip_suffix(" AS MATERIALIZED ("))
            && is_name(name)
        {
            starts.push((offset, name.to_string()));
        }
        offset += line.len();
    }
    let last = starts.last()?.0;
    // The last common table ends at the first line `)` after its start.
    let end_of_last = body[last..].find("\n)\n").map(|i| last + i + 3)?;
    let tables = starts
        .iter()
        .enumerate()
        .map(|(i, (at, name))| {
            let end = starts.get(i + 1).map_or(end_of_last, |(next, _)| *next);
            let text = body[*at..end].trim_end().trim_end_matches(',');
            let inside = &text[text.find('(').map_or(0, |p| p + 1)..text.rfind(')').unwrap_or(text.len())];
            CommonTable { name: name.clone(), body: inside.trim().to_string() }
        })
        .collect();
    Some((preamble, tables, &body[end_of_last..]))
}

fn is_name(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(is_name_byte)
}

/// What the generator's names of common tables are made of.
fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_'
}

/// Words after a table that are not its alias.
const NOT_AN_ALIAS: &[&str] = &[
    "where",
    "join",
    "cross",
    "left",
    "right",
    "inner",
    "full",
    "on",
    "group",
    "order",
    "union",
    "limit",
    "having",
    "window",
    "natural",
    "using",
    "and",
    "or",
    "except",
    "intersect",
];

/// `text` with each table in `names` that it reads after `FROM` or `JOIN`
/// read from its view instead; a table without an alias keeps its name as
/// one, since columns may be qualified with it (`dates.day_n`).
fn read_views(text: &str, names: &[&str]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(at) = next_table_position(rest) {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let word_len = after.bytes().take_while(|&b| is_name_byte(b)).count();
        let word = &after[..word_len];
        let tail = &after[word_len..];
        if word_len > 0 && names.contains(&word) {
            let _ = write!(out, "store_uptime_{word}");
            if !has_alias(tail) {
                let _ = write!(out, " {word}");
            }
        } else {
            out.push_str(word);
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Where the first table name after `FROM ` or `JOIN ` (any spacing) in
/// `text` begins.
fn next_table_position(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    loop {
        let found = ["FROM", "JOIN"].iter().filter_map(|keyword| text[from..].find(keyword).map(|i| from + i)).min()?;
        let end = found + 4;
        let word_before = found > 0 && (bytes[found - 1].is_ascii_alphanumeric() || bytes[found - 1] == b'_');
        let spaces = bytes[end..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        if !word_before && spaces > 0 {
            return Some(end + spaces);
        }
        from = end;
    }
}

/// Whether the text after a table name starts with an alias for it.
fn has_alias(tail: &str) -> bool {
    let after_spaces = tail.trim_start_matches([' ', '\t']);
    if after_spaces.len() == tail.len() {
        return false;
    }
    let word: String = after_spaces
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    word == "as" || (!word.is_empty() && !NOT_AN_ALIAS.contains(&word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRIPT: &str = "SET x;\nWITH\npolls AS (\n  SELECT 1 AS at FROM store_status\n),\n\
                          dates AS MATERIALIZED (\n  SELECT at AS day_n FROM polls\n),\n\
                          figures AS (\n  SELECT dates.day_n, p.at FROM dates JOIN polls p ON p.at = dates.day_n\n)\n\
                          SELECT * FROM figures f CROSS JOIN dates WHERE f.day_n > 0";

    #[test]
    fn each_common_table_is_a_view_and_the_cached_ones_are_kept() {
        let spark = views_for_spark(Dialect::Spark, SCRIPT.to_string(), &["polls"]);
        assert!(spark.starts_with("SET x;\n"));
        assert!(spark.contains("\nSET spark.sql.legacy.storeAnalyzedPlanForView = true;\n"));
        assert!(!spark.contains("WITH"), "{spark}");
        assert!(spark.contains(
            "DROP VIEW IF EXISTS store_uptime_polls;\nCACHE TABLE store_uptime_polls AS\nSELECT 1 AS at FROM store_status;\n"
        ));
        assert!(spark.contains("CREATE OR REPLACE TEMPORARY VIEW store_uptime_dates AS\nSELECT at AS day_n FROM store_uptime_polls polls;\n"));
        // A table read without an alias keeps its name for its qualified columns.
        assert!(spark.contains(
            "SELECT dates.day_n, p.at FROM store_uptime_dates dates JOIN store_uptime_polls p ON p.at = dates.day_n;\n"
        ));
        assert!(
            spark.ends_with(
                "SELECT * FROM store_uptime_figures f CROSS JOIN store_uptime_dates dates WHERE f.day_n > 0"
            )
        );
    }

    #[test]
    fn other_dialects_keep_their_common_tables() {
        assert_eq!(views_for_spark(Dialect::DuckDb, SCRIPT.to_string(), &["polls"]), SCRIPT);
    }

    #[test]
    fn an_alias_is_told_from_the_next_clause() {
        assert!(has_alias(" p ON"));
        assert!(has_alias(" AS p"));
        assert!(!has_alias(" WHERE x"));
        assert!(!has_alias(" CROSS JOIN"));
        assert!(!has_alias("\n  GROUP BY"));
        assert!(!has_alias(")"));
        assert!(!has_alias(""));
    }
}
