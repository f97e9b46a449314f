"""Times the report as SQL on DuckDB, PostgreSQL or Spark (local mode, 2
cores) against the command on one generated data set, and checks that the
figures agree.

    python3 tests/sql/bench.py --bin target/release/store-uptime --engine duckdb [--typed] [--query Q] DIR

DIR holds status.csv, menu_hours.csv and timezones.csv (`store-uptime
sample`). The tables are loaded as text, as a CSV loads without type
inference, without a `line` column, so the script uses `--ties
inactive-last` and the command the same rule; with `--typed` they are then
converted in the engine (TIMESTAMP, INTEGER day, TIME; Spark keeps times
of day as text) and the script is generated with `--typed`. `--query
outages|daily` times that script against the command's `--outages` /
`--daily` (its time includes the report it also writes). PostgreSQL is
a server the caller started (PGPORT). Prints one line of timings; exits 1
when the figures differ.

`--repeat N` runs the command and the script N times each (the tables are
loaded once) and prints the median and the range; `--script-bin B` takes
the script from another build of the command (to time a change against
the previous script in the same session: `--compare`), and the load
average is printed before and after.

    python3 tests/sql/bench.py --bin target/release/store-uptime --engine duckdb --repeat 5 \
        --compare /tmp/store-uptime-before DIR
"""

import argparse
import csv
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from check_engines import compare, compare_when, spark_session, statements

FILES = {"store_status": "status.csv", "menu_hours": "menu_hours.csv", "timezones": "timezones.csv"}
COLUMNS = {
    "store_status": ["store_id", "status", "timestamp_utc"],
    "menu_hours": ["store_id", "day", "start_time_local", "end_time_local"],
    "timezones": ["store_id", "timezone_str"],
}


def typed_queries(engine):
    ts = {
        "duckdb": "CAST(REPLACE(timestamp_utc, ' UTC', '') AS TIMESTAMP)",
        "postgres": "CAST(REPLACE(timestamp_utc, ' UTC', '') AS TIMESTAMP)",
        "spark": "CAST(REPLACE(timestamp_utc, ' UTC', 'Z') AS TIMESTAMP)",
    }[engine]
    time_type = "STRING" if engine == "spark" else "TIME"
    return {
        "store_status": f"SELECT store_id, status, {ts} AS timestamp_utc FROM store_status_text",
        "menu_hours": f"SELECT store_id, CAST(day AS INTEGER) AS day, CAST(start_time_local AS {time_type}) AS start_time_local, "
        f"CAST(end_time_local AS {time_type}) AS end_time_local FROM menu_hours_text",
        "timezones": "SELECT store_id, timezone_str FROM timezones_text",
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--engine", choices=["duckdb", "postgres", "spark"], required=True)
    parser.add_argument("--typed", action="store_true")
    parser.add_argument("--query", choices=["report", "outages", "daily"], default="report")
    parser.add_argument("--repeat", type=int, default=1, help="runs of the command and of the script (median)")
    parser.add_argument("--compare", help="another build of the command whose script is timed alternately")
    parser.add_argument("folder")
    args = parser.parse_args()
    folder = Path(args.folder)
    load_before = os.getloadavg()[0]

    native_command = [args.bin, "--quiet", "--ties", "inactive-last", "--status", str(folder / "status.csv"),
                      "--hours", str(folder / "menu_hours.csv"), "--timezones", str(folder / "timezones.csv")]
    when_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-{os.getpid()}-{args.query}.csv"
    if args.query != "report":
        native_command += [f"--{args.query}", str(when_file)]
    native_times = []
    for _ in range(args.repeat):
        started = time.time()
        native = subprocess.run(native_command, capture_output=True, text=True, check=True)
        native_times.append(time.time() - started)
    if args.query == "report":
        expected = list(csv.reader(native.stdout.splitlines()))[1:]
    else:
        with open(when_file, newline="", encoding="utf-8") as f:
            expected = list(csv.reader(f))[1:]
    def script_of(binary):
        command = [binary, "sql", "--dialect", args.engine, "--ties", "inactive-last", "--query", args.query]
        if args.typed:
            command.append("--typed")
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    scripts = {"this script": script_of(args.bin)}
    if args.compare:
        scripts["the compared script"] = script_of(args.compare)
    suffix = "_text" if args.typed else ""

    started = time.time()
    session_seconds = None
    if args.engine == "duckdb":
        import duckdb

        con = duckdb.connect()
        for table, name in FILES.items():
            con.execute(
                f"CREATE TABLE {table}{suffix} AS SELECT * FROM read_csv(?, header = true, all_varchar = true)",
                [str(folder / name)],
            )
        if args.typed:
            for table, query in typed_queries("duckdb").items():
                con.execute(f"CREATE TABLE {table} AS {query}")
        loaded = time.time()

        def run(sql):
            parts = statements(sql)
            for part in parts[:-1]:
                con.execute(part)
            return con.execute(parts[-1]).fetchall()
    elif args.engine == "postgres":
        import psycopg

        con = psycopg.connect(
            host="127.0.0.1", port=int(os.environ["PGPORT"]), user=os.environ.get("PGUSER", "postgres"),
            dbname="postgres", autocommit=True,
        )
        cur = con.cursor()
        for table, name in FILES.items():
            cur.execute(f"DROP TABLE IF EXISTS {table}")
            cur.execute(f"DROP TABLE IF EXISTS {table}_text")
            cur.execute(f"CREATE TABLE {table}{suffix} ({', '.join(c + ' TEXT' for c in COLUMNS[table])})")
            with cur.copy(f"COPY {table}{suffix} FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
                copy.write((folder / name).read_bytes())
        if args.typed:
            for table, query in typed_queries("postgres").items():
                cur.execute(f"CREATE TABLE {table} AS {query}")
        for table in FILES:
            cur.execute(f"ANALYZE {table}")
        loaded = time.time()

        def run(sql):
            parts = statements(sql)
            for part in parts[:-1]:
                cur.execute(part)
            cur.execute(parts[-1])
            return cur.fetchall()
    else:
        spark = spark_session("3g", 4, codegen=True)
        session_seconds = time.time() - started
        for table, name in FILES.items():
            # Read into Spark's memory once, as a table in a lake would be.
            df = spark.read.csv(str(folder / name), header=True, inferSchema=False).cache()
            df.count()
            df.createOrReplaceTempView(f"{table}{suffix}")
        if args.typed:
            for table, query in typed_queries("spark").items():
                df = spark.sql(query).cache()
                df.count()
                df.createOrReplaceTempView(table)
        loaded = time.time()

        def run(sql):
            parts = statements(sql)
            for part in parts[:-1]:
                step = time.time()
                spark.sql(part)
                if part.startswith("CACHE TABLE"):
                    print(f"  {part.split()[2]}: {time.time() - step:.1f} s", flush=True)
            return [tuple(r) for r in spark.sql(parts[-1]).collect()]

    times = {name: [] for name in scripts}
    problems = []
    for _ in range(args.repeat):
        # Alternately, so that a change of load hits both scripts alike.
        for name, sql in scripts.items():
            step = time.time()
            rows = run(sql)
            times[name].append(time.time() - step)
            problem = compare(expected, rows) if args.query == "report" else compare_when(args.query, expected, rows)
            if problem is not None:
                problems.append(f"{name}: {problem}")
    if args.engine == "spark":
        spark.stop()
    load = f"load {loaded - started:.1f} s" + (f" (session start {session_seconds:.1f} s)" if session_seconds else "")

    def median(values):
        text = f"{statistics.median(values):.2f} s"
        return text if len(values) == 1 else f"{text} (median of {len(values)}, {min(values):.2f}-{max(values):.2f})"

    queries = "; ".join(f"{name} {median(values)}" for name, values in times.items())
    print(
        f"{args.engine}{' typed' if args.typed else ''} {args.query}: {len(rows)} rows; {load}; query: {queries}; "
        f"command {median(native_times)}; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after; "
        f"{'same figures' if not problems else 'DIFFERENT: ' + '; '.join(problems)}",
        flush=True,
    )
    sys.exit(0 if not problems else 1)


if __name__ == "__main__":
    main()
