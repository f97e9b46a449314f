"""Runs the scripts of `store-uptime sql` on real SQL engines and compares
their results with the command's own report on the same files.

DuckDB (in process), PostgreSQL (a server the caller started; PGPORT) and
Spark in local mode execute the scripts; BigQuery, Trino and Snowflake
scripts are parsed with sqlglot only, since no such engine runs here.

    python3 tests/sql/check_engines.py --bin target/release/store-uptime \
        --work DIR --engines duckdb,postgres,spark DATASET...

A DATASET is NAME=FOLDER[:OPTION]...: the folder holds a status, an hours
and a timezones CSV file (found by name), and may hold `now.txt`. Options:
`typed` also loads the tables with typed columns (timestamp, integer,
time); `inactive-last` also compares the report under the tie rule for
tables without row order; `daysN` sets the horizon of the outage list and
per-day table (7), which `report-only` leaves unchecked; `when-ties` also
compares those two under `inactive-last`, and `when-typed` with `--typed`
on the typed tables; `no-rejected` leaves the rejected-rows script
unchecked (for an engine that runs it on other sets).
Ends with the line `N passed, N failed`; exits 1 on any failure.
"""

import argparse
import csv
import os
import re
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

TABLES = {
    "store_status": ["store_id", "status", "timestamp_utc"],
    "menu_hours": ["store_id", "day", "start_time_local", "end_time_local"],
    "timezones": ["store_id", "timezone_str"],
}

# The command's rejection messages, by their start, as the SQL's reason codes.
REASONS = [
    ("store_id is empty", "empty-store-id"),
    (re.compile(r"store_id .* contains control characters$"), "control-in-store-id"),
    ("status ", "unknown-status"),
    ("timestamp_utc ", "bad-timestamp"),
    ("day ", "bad-day"),
    ("start_time_local ", "bad-time"),
    ("end_time_local ", "bad-time"),
    ("timezone_str ", "unknown-timezone"),
    ("has ", "field-count"),
]


class Dataset:
    def __init__(self, spec):
        name, _, rest = spec.partition("=")
        parts = rest.split(":")
        self.name = name
        self.folder = Path(parts[0])
        self.typed = "typed" in parts[1:] or "typed-only" in parts[1:]
        # `typed-only`: checked on its typed tables only, not as text.
        self.typed_only = "typed-only" in parts[1:]
        self.inactive_last = "inactive-last" in parts[1:]
        # `report-only`: no outage list or per-day table checks.
        self.when = "report-only" not in parts[1:]
        # `when-typed`: the outage list and per-day table on typed tables too.
        self.when_typed = self.when and self.typed and "when-typed" in parts[1:]
        # `when-ties`: and under the tie rule inactive-last.
        self.when_ties = self.when and self.inactive_last and "when-ties" in parts[1:]
        # `no-rejected`: no rejected-rows check.
        self.rejected = "no-rejected" not in parts[1:]
        # The horizon of the outage list and per-day table (`daysN`).
        self.days = next((int(p[4:]) for p in parts[1:] if p.startswith("days")), 7)
        self.files = {}
        for path in sorted(self.folder.glob("*.csv")):
            lower = path.name.lower()
            kind = "store_status" if "status" in lower else "menu_hours" if "hours" in lower else "timezones"
            self.files[kind] = path
        now_file = self.folder / "now.txt"
        self.now = now_file.read_text().strip() if now_file.exists() else None


def read_rows(path, columns):
    """The file's rows as the tables hold them: the named columns (matched
    case-insensitively, `dayOfWeek` as `day`), every value as written, and
    `line`, the row's line in the file. Rows with the wrong number of fields
    are left out, as a CSV loader would refuse them."""
    rows = []
    if path is None:
        return rows
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]
        header = ["day" if h == "dayofweek" else h for h in header]
        index = [header.index(c) for c in columns]
        start = reader.line_num + 1
        for record in reader:
            line, start = start, reader.line_num + 1
            if not record or (len(record) == 1 and record[0].strip(" \t") == ""):
                continue
            if len(record) != len(header):
                continue
            rows.append([record[i] for i in index] + [str(line)])
    return rows


def write_csv(path, columns, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(columns + ["line"])
        writer.writerows(rows)


def native(args, dataset, ties="file-order"):
    """The command's report rows and its rejected rows (table, line, code)."""
    cmd = [args.bin, "--quiet", "--ties", ties]
    flags = {"store_status": "--status", "menu_hours": "--hours", "timezones": "--timezones"}
    for kind, path in dataset.files.items():
        cmd += [flags[kind], str(path)]
    if dataset.now:
        cmd += ["--now", dataset.now]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    rows = list(csv.reader(out.stdout.splitlines()))[1:]
    kinds = {str(path): kind for kind, path in dataset.files.items()}
    rejected = set()
    for message in out.stderr.splitlines():
        m = re.match(r"^(.*):(\d+): (.*)$", message)
        if not m or m.group(1) not in kinds:
            continue
        code = next((c for p, c in REASONS if re.match(p if isinstance(p, re.Pattern) else re.escape(p), m.group(3))), m.group(3))
        if code != "field-count":
            rejected.add((kinds[m.group(1)], int(m.group(2)), code))
    return rows, rejected


def native_when(args, dataset, kind, ties="file-order"):
    """The command's outage list (`kind` outages) or per-day table (daily)
    over the data set's horizon, under the tie rule `ties`, as rows of text."""
    out = Path(args.work) / f"{dataset.name}-{kind}-{ties}.csv"
    cmd = [args.bin, "--quiet", "--ties", ties, f"--{kind}", str(out), "--days", str(dataset.days)]
    flags = {"store_status": "--status", "menu_hours": "--hours", "timezones": "--timezones"}
    for table, path in dataset.files.items():
        cmd += [flags[table], str(path)]
    if dataset.now:
        cmd += ["--now", dataset.now]
    subprocess.run(cmd, capture_output=True, text=True, check=True)
    with open(out, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))[1:]


def compare_when(kind, expected, got):
    """None when the engine's outage list or per-day table equals the
    command's: the same rows in the same order, text columns (times, dates,
    flags) equal, figures within 0.01, poll counts equal."""
    if len(expected) != len(got):
        return f"{len(got)} rows, expected {len(expected)}"
    figures = {"outages": [5], "daily": [2, 3, 4]}[kind]
    for i, (e, g) in enumerate(zip(expected, got)):
        if e[0][:1] == "'" and e[0][1:2] in ("=", "+", "-", "@", "\t", "\r"):
            e = [e[0][1:]] + e[1:]
        for j, (ev, gv) in enumerate(zip(e, g)):
            if j in figures:
                if not isinstance(gv, (Decimal, int, float)) or abs(float(gv) - float(ev)) > 0.01 + 1e-9:
                    return f"row {i} ({e[0]}), column {j}: {gv!r} vs the command's {ev}"
            elif str(gv) != ev:
                return f"row {i} ({e[0]}), column {j}: {gv!r} vs the command's {ev!r}"
    return None


def script(args, dialect, dataset, ties="line", rejected=False, query="report", typed=False):
    cmd = [args.bin, "sql", "--dialect", dialect, "--ties", ties]
    if typed:
        cmd.append("--typed")
    if query != "report":
        cmd += ["--query", query, "--days", str(dataset.days)]
    if dataset.now:
        cmd += ["--now", dataset.now]
    if rejected:
        cmd.append("--rejected")
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def statements(sql):
    """The script's statements: every one but the last ends with `;` at the
    end of a line (settings, and Spark's `CACHE TABLE` steps); the last is
    the query. Comment lines between statements are left out."""
    out, current = [], []
    for line in sql.splitlines():
        if not current and (line.startswith("--") or not line.strip()):
            continue
        if line.rstrip().endswith(";"):
            current.append(line.rstrip()[:-1])
            out.append("\n".join(current))
            current = []
        else:
            current.append(line)
    out.append("\n".join(current))
    return out


def compare(expected, got):
    """None when the engine's rows equal the command's (same ids, same order,
    figures within 0.01), else what differs first."""
    if len(expected) != len(got):
        return f"{len(got)} rows, expected {len(expected)}"
    for i, (e, g) in enumerate(zip(expected, got)):
        # The command writes an id that a spreadsheet would run as a
        # formula with a leading quote; the table holds the id itself.
        if e[0][:1] == "'" and e[0][1:2] in ("=", "+", "-", "@", "\t", "\r"):
            e = [e[0][1:]] + e[1:]
        if str(g[0]) != e[0]:
            return f"row {i}: store {g[0]!r}, expected {e[0]!r}"
        for j in range(1, 7):
            if not isinstance(g[j], (Decimal, int, float)):
                return f"row {i}: figure {j} is {type(g[j]).__name__}, not a number"
            if abs(float(g[j]) - float(e[j])) > 0.01 + 1e-9:
                return f"store {e[0]}, column {j}: {g[j]} vs the command's {e[j]}"
    return None


def spark_session(driver_memory, partitions, zone="UTC", codegen=False):
    """A local Spark session (2 cores) set up for one machine and scripts
    of some eighty common tables: Spark's defaults are for a cluster and
    large data, and spend more time planning and scheduling the script than
    running it (measured in docs/SCALE.md). Adaptive execution re-plans the
    whole query after each of its two dozen shuffles; constraint
    propagation and whole-stage code generation take seconds on the
    script's long expressions; 200 shuffle partitions are 200 tasks a stage.
    Whole-stage code generation pays off on large data only (`codegen`,
    for tests/sql/bench.py).
    """
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("store-uptime-sql")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", driver_memory)
        .config("spark.default.parallelism", "2")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.codegen.wholeStage", "true" if codegen else "false")
        .config("spark.sql.constraintPropagation.enabled", "false")
        .config("spark.sql.session.timeZone", zone)
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


class Engines:
    def __init__(self, args):
        self.args = args
        self.names = [e for e in args.engines.split(",") if e]
        self.duck = self.pg = self.spark = None
        if "duckdb" in self.names:
            import duckdb

            self.duck = duckdb.connect()
        if "postgres" in self.names:
            import psycopg

            self.pg = psycopg.connect(
                host="127.0.0.1", port=int(os.environ["PGPORT"]), user=os.environ.get("PGUSER", "postgres"),
                dbname="postgres", autocommit=True,
            )
        if "spark" in self.names:
            # Not UTC, so that the script's own setting is what makes typed timestamps UTC.
            self.spark = spark_session(os.environ.get("SPARK_DRIVER_MEMORY", "2g"), 1, "America/New_York")

    def load(self, engine, csv_paths, typed):
        """Creates the three tables from the normalised CSV files, as text
        columns, or typed (timestamp, integer day, time, integer line)."""
        suffix = "_text" if typed else ""
        for table, path in csv_paths.items():
            columns = TABLES[table] + ["line"]
            if engine == "duckdb":
                self.duck.execute(f"DROP TABLE IF EXISTS {table}{suffix}")
                self.duck.execute(
                    f"CREATE TABLE {table}{suffix} AS SELECT * FROM read_csv(?, header = true, all_varchar = true, "
                    "delim = ',', quote = '\"', escape = '\"')",
                    [str(path)],
                )
            elif engine == "postgres":
                with self.pg.cursor() as cur:
                    cur.execute(f"DROP TABLE IF EXISTS {table}{suffix}")
                    cur.execute(f"CREATE TABLE {table}{suffix} ({', '.join(c + ' TEXT' for c in columns)})")
                    with cur.copy(f"COPY {table}{suffix} FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
                        copy.write(Path(path).read_bytes())
            else:
                df = self.spark.read.csv(str(path), header=True, inferSchema=False, multiLine=True, escape='"')
                df.createOrReplaceTempView(f"{table}{suffix}")
        if typed:
            self.make_typed(engine)

    def make_typed(self, engine):
        ts = {
            "duckdb": "CAST(REGEXP_REPLACE(timestamp_utc, ' UTC$', '') AS TIMESTAMP)",
            "postgres": "CAST(REGEXP_REPLACE(timestamp_utc, ' UTC$', '') AS TIMESTAMP)",
            "spark": "CAST(REGEXP_REPLACE(timestamp_utc, ' UTC$', '') || 'Z' AS TIMESTAMP)",
        }[engine]
        time_type = "STRING" if engine == "spark" else "TIME"
        queries = {
            "store_status": f"SELECT store_id, status, {ts} AS timestamp_utc, CAST(line AS BIGINT) AS line FROM store_status_text",
            "menu_hours": f"SELECT store_id, CAST(day AS INTEGER) AS day, CAST(start_time_local AS {time_type}) AS start_time_local, "
            f"CAST(end_time_local AS {time_type}) AS end_time_local, CAST(line AS BIGINT) AS line FROM menu_hours_text",
            "timezones": "SELECT store_id, timezone_str, CAST(line AS BIGINT) AS line FROM timezones_text",
        }
        for table, query in queries.items():
            if engine == "duckdb":
                self.duck.execute(f"DROP TABLE IF EXISTS {table}")
                self.duck.execute(f"CREATE TABLE {table} AS {query}")
            elif engine == "postgres":
                with self.pg.cursor() as cur:
                    cur.execute(f"DROP TABLE IF EXISTS {table}")
                    cur.execute(f"CREATE TABLE {table} AS {query}")
            else:
                self.spark.sql(f"CREATE OR REPLACE TEMP VIEW {table} AS {query}")

    def run(self, engine, sql):
        parts = statements(sql)
        if engine == "duckdb":
            for part in parts[:-1]:
                self.duck.execute(part)
            return self.duck.execute(parts[-1]).fetchall()
        if engine == "postgres":
            with self.pg.cursor() as cur:
                for part in parts[:-1]:
                    cur.execute(part)
                cur.execute(parts[-1])
                return cur.fetchall()
        for part in parts[:-1]:
            self.spark.sql(part)
        return [tuple(row) for row in self.spark.sql(parts[-1]).collect()]

    def close(self):
        if self.spark is not None:
            self.spark.stop()
        if self.pg is not None:
            self.pg.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--engines", default="duckdb,postgres,spark")
    parser.add_argument("--parse", default="bigquery,trino,snowflake")
    parser.add_argument("datasets", nargs="+")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    datasets = [Dataset(spec) for spec in args.datasets]
    passed, failed = 0, 0

    def check(label, problem, seconds):
        nonlocal passed, failed
        if problem is None:
            passed += 1
            print(f"ok   {label} ({seconds:.1f} s)", flush=True)
        else:
            failed += 1
            print(f"FAIL {label}: {problem}", flush=True)

    if args.parse:
        import sqlglot

        for dialect in args.parse.split(","):
            for rejected, query in ((False, "report"), (True, "report"), (False, "outages"), (False, "daily")):
                # The tie rule changes only the shared reading, which the
                # report's two scripts already cover.
                for ties in ("line", "inactive-last") if query == "report" else ("line",):
                    started = time.time()
                    sql = script(args, dialect, datasets[0], ties=ties, rejected=rejected, query=query)
                    problem = None
                    try:
                        parsed = [e for e in sqlglot.parse(sql, read=dialect) if e is not None]
                        if not parsed or not isinstance(parsed[-1], sqlglot.exp.Select):
                            problem = "the last statement is not a query"
                    except sqlglot.errors.ParseError as e:
                        problem = str(e)[:500]
                    kind = "rejected-rows" if rejected else query
                    check(f"{dialect}: the {kind} script ({ties}) parses", problem, time.time() - started)

    engines = Engines(args)
    when_expected = {}

    def check_when(engine, label, dataset, kind, ties="file-order", typed=False):
        """Compares the engine's outage list or per-day table with the
        command's, under the tie rule `ties` (the command's name for it)."""
        started = time.time()
        what = f"{kind}{' (ties inactive-last)' if ties != 'file-order' else ''}{' --typed' if typed else ''}"
        try:
            sql = script(args, engine, dataset, ties="line" if ties == "file-order" else ties, query=kind, typed=typed)
            got = engines.run(engine, sql)
            key = (dataset.name, kind, ties)
            if key not in when_expected:
                when_expected[key] = native_when(args, dataset, kind, ties)
            expected_when = when_expected[key]
            check(
                f"{label}: {what} over {dataset.days} days ({len(expected_when)} rows)",
                compare_when(kind, expected_when, got),
                time.time() - started,
            )
        except Exception as e:  # an engine's error is a failure to report, not a crash
            check(f"{label}: {what}", f"{type(e).__name__}: {str(e)[:800]}", time.time() - started)

    try:
        for dataset in datasets:
            expected, expected_rejected = native(args, dataset)
            folder = work / dataset.name
            folder.mkdir(exist_ok=True)
            csv_paths = {}
            for table, columns in TABLES.items():
                csv_paths[table] = folder / f"{table}.csv"
                write_csv(csv_paths[table], columns, read_rows(dataset.files.get(table), columns))
            if dataset.inactive_last:
                expected_ties, _ = native(args, dataset, ties="inactive-last")
            for engine in engines.names:
                for typed in [True] if dataset.typed_only else [False, True] if dataset.typed else [False]:
                    started = time.time()
                    engines.load(engine, csv_paths, typed)
                    label = f"{engine}: {dataset.name}{' (typed columns)' if typed else ''}"
                    try:
                        got = engines.run(engine, script(args, engine, dataset))
                        check(f"{label}: report of {len(expected)} stores", compare(expected, got), time.time() - started)
                    except Exception as e:  # an engine's error is a failure to report, not a crash
                        check(f"{label}: report", f"{type(e).__name__}: {str(e)[:800]}", time.time() - started)
                    if typed:
                        # Typed columns also read by the script for them.
                        started = time.time()
                        try:
                            got = engines.run(engine, script(args, engine, dataset, typed=True))
                            check(f"{label}: --typed script", compare(expected, got), time.time() - started)
                        except Exception as e:
                            check(f"{label}: --typed script", f"{type(e).__name__}: {str(e)[:800]}", time.time() - started)
                        for kind in ("outages", "daily") if dataset.when_typed else ():
                            check_when(engine, label, dataset, kind, typed=True)
                        continue
                    if dataset.rejected:
                        started = time.time()
                        try:
                            rows = engines.run(engine, script(args, engine, dataset, rejected=True))
                            got_rejected = {(r[0], int(r[1]), r[3]) for r in rows}
                            problem = None
                            if got_rejected != expected_rejected:
                                problem = (
                                    f"only the command: {sorted(expected_rejected - got_rejected)[:5]}, "
                                    f"only the script: {sorted(got_rejected - expected_rejected)[:5]}"
                                )
                            check(f"{label}: {len(expected_rejected)} rejected rows", problem, time.time() - started)
                        except Exception as e:
                            check(f"{label}: rejected rows", f"{type(e).__name__}: {str(e)[:800]}", time.time() - started)
                    for kind in ("outages", "daily") if dataset.when else ():
                        check_when(engine, label, dataset, kind)
                    if dataset.inactive_last:
                        started = time.time()
                        try:
                            got = engines.run(engine, script(args, engine, dataset, ties="inactive-last"))
                            check(f"{label}: ties inactive-last", compare(expected_ties, got), time.time() - started)
                        except Exception as e:
                            check(f"{label}: ties inactive-last", f"{type(e).__name__}: {str(e)[:800]}", 0)
                        for kind in ("outages", "daily") if dataset.when_ties else ():
                            check_when(engine, label, dataset, kind, ties="inactive-last")
    finally:
        engines.close()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
