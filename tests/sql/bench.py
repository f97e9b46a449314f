"""Times the report as SQL on DuckDB or Spark (local mode, 2 cores) against
the command, on one generated data set, and checks that the figures agree.

    python3 tests/sql/bench.py --bin target/release/store-uptime --engine duckdb DIR

DIR holds status.csv, menu_hours.csv and timezones.csv (`store-uptime
sample`). The tables are loaded as text, as a CSV loads without type
inference, without a `line` column, so the script uses `--ties
inactive-last` and the command the same rule. Prints one line of timings.
"""

import argparse
import csv
import subprocess
import time
from pathlib import Path

from check_engines import compare, spark_session, statements


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--engine", choices=["duckdb", "spark"], required=True)
    parser.add_argument("folder")
    args = parser.parse_args()
    folder = Path(args.folder)
    files = {"store_status": "status.csv", "menu_hours": "menu_hours.csv", "timezones": "timezones.csv"}

    started = time.time()
    native = subprocess.run(
        [args.bin, "--quiet", "--ties", "inactive-last", "--status", str(folder / "status.csv"),
         "--hours", str(folder / "menu_hours.csv"), "--timezones", str(folder / "timezones.csv")],
        capture_output=True, text=True, check=True,
    )
    native_seconds = time.time() - started
    expected = list(csv.reader(native.stdout.splitlines()))[1:]
    sql = subprocess.run(
        [args.bin, "sql", "--dialect", args.engine, "--ties", "inactive-last"], capture_output=True, text=True, check=True
    ).stdout

    started = time.time()
    if args.engine == "duckdb":
        import duckdb

        con = duckdb.connect()
        for table, name in files.items():
            con.execute(
                f"CREATE TABLE {table} AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", [str(folder / name)]
            )
        loaded = time.time()
        parts = statements(sql)
        for part in parts[:-1]:
            con.execute(part)
        rows = con.execute(parts[-1]).fetchall()
    else:
        spark = spark_session("6g", 4)
        session_started = time.time()
        for table, name in files.items():
            # Read into Spark's memory once, as a table in a lake would be.
            df = spark.read.csv(str(folder / name), header=True, inferSchema=False).cache()
            df.count()
            df.createOrReplaceTempView(table)
        loaded = time.time()
        parts = statements(sql)
        for part in parts[:-1]:
            spark.sql(part)
        rows = [tuple(r) for r in spark.sql(parts[-1]).collect()]
        print(f"spark session start: {session_started - started:.1f} s")
    finished = time.time()
    problem = compare(expected, rows)
    print(
        f"{args.engine}: {len(rows)} stores; load {loaded - started:.1f} s, query {finished - loaded:.1f} s; "
        f"command {native_seconds:.2f} s; {'same figures' if problem is None else 'DIFFERENT: ' + problem}"
    )


if __name__ == "__main__":
    main()
