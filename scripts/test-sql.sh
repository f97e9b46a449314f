#!/usr/bin/env bash
# Runs the scripts of `store-uptime sql` on DuckDB, PostgreSQL and Spark
# (local mode) and compares each result with the command's report, outage
# list (--outages) and per-day table (--daily) on the same files; parses
# the BigQuery, Trino and Snowflake scripts with sqlglot.
# Data sets: generated weeks with daylight-saving changes (one with stores
# in many zones), the edge cases in tests/sql/edge/, and both published
# versions of the real files.
#
# Expects what `scripts/install-tools.sh --test` installs: the virtual
# environment .venv-sql (duckdb, psycopg, pyspark, sqlglot), PostgreSQL's
# server binaries, and Java for Spark.
#
#   scripts/test-sql.sh                              every engine
#   SQL_ENGINES=duckdb,postgres scripts/test-sql.sh  fewer engines
#
# DuckDB and PostgreSQL run on every data set, Spark on the few that hold
# every case its dialect differs on. Spark runs them one after another
# in one session set up for a small machine (tests/sql/check_engines.py,
# spark_session), alongside DuckDB and PostgreSQL: most of its time is
# planning and scheduling the script, not the data, so the settings there
# matter more than the data's size (docs/SCALE.md).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[test-sql]\033[0m %s\n' "$*"; }

python=.venv-sql/bin/python
[[ -x $python ]] || { say "no .venv-sql: run scripts/install-tools.sh --test"; exit 1; }
engines=${SQL_ENGINES:-duckdb,postgres,spark}

cargo build --release --locked --quiet --bin store-uptime
bin=$PWD/target/release/store-uptime

source scripts/postgres-server.sh
work=$(mktemp -d)
spark_pid=""
cleanup() {
  if [[ -n $spark_pid ]]; then kill "$spark_pid" 2>/dev/null || true; fi
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT

# Generated weeks around daylight-saving changes (US, Europe, Australia).
datasets=()
for spec in us-spring:2023-03-15T12:00:00Z:31 us-fall:2023-11-08T12:00:00Z:32 \
            europe-spring:2023-03-29T06:00:00Z:33 australia-fall:2023-04-05T06:00:00Z:35; do
  name=${spec%%:*} seed=${spec##*:} end=${spec#*:} end=${end%:*}
  "$bin" sample --stores 150 --seed "$seed" --end "$end" --out "$work/data/$name" 2>/dev/null
  datasets+=("$name=$work/data/$name:typed")
done
# A shorter horizon for the outages and per-day checks of one week, and
# those two scripts with --typed on its typed tables.
datasets[0]+=":days3:when-typed"
# Stores spread over every zone that changes its clocks in the week.
"$bin" sample --stores 400 --seed 36 --end 2023-10-31T06:00:00Z --out "$work/data/many-zones" 2>/dev/null
"$python" tests/sql/spread_zones.py "$work/data/many-zones/timezones.csv" 2023-10-31T06:00:00Z
datasets+=("many-zones=$work/data/many-zones:typed")
# The edge sets give a store several timezone rows, unknown names among
# them, and ids with control characters.
datasets+=("edge-numeric=tests/sql/edge/numeric:inactive-last:when-ties" "edge-text=tests/sql/edge/text")
datasets+=("ties=tests/sql/edge/ties:inactive-last:when-ties")
datasets+=("loop-2023=tests/data/real/loop-2023" "loop-2024=tests/data/real/loop-2024")
# Spark runs the same SQL as the others but pays a second or more of
# planning and scheduling for each statement, whatever the data's size: it
# gets the sets that hold every case its dialect differs on (the fast and
# general timestamp paths, typed columns, both tie rules, control
# characters, unknown zones, ids that sort as text and as numbers, a
# daylight-saving week), not every week the other engines check; the
# week on its typed tables only, since the edge sets hold the text forms.
# The outage list and per-day table are checked on two of them: the
# daylight-saving week (typed tables) and the numeric edge set,
# which holds what their SQL writes differently on Spark (integer division
# and remainders, UTC offsets behind and ahead of UTC and of half an hour,
# fractions of a second, a daylight-saving change inside an outage and a
# 23-hour day, closed days, ongoing outages and outages before the first
# poll).
# The rejected rows are checked on the two edge sets, which hold every
# reason; the generated week rejects none and the ties set one.
spark_datasets=("us-spring=$work/data/us-spring:typed-only:days3:when-typed:no-rejected" "edge-numeric=tests/sql/edge/numeric:inactive-last"
                "edge-text=tests/sql/edge/text:report-only" "ties=tests/sql/edge/ties:inactive-last:report-only:no-rejected")

if [[ ,$engines, == *,postgres,* ]]; then
  start_postgres "$work" "$python"
  say "PostgreSQL on 127.0.0.1:$PGPORT"
fi

# Spark runs alongside the other engines: most of its time is planning on
# one core, while PostgreSQL and DuckDB use the other.
if [[ ,$engines, == *,spark,* ]]; then
  say "spark: ${#spark_datasets[@]} data sets, alongside the other engines"
  # Spark's warnings go to standard error.
  "$python" tests/sql/check_engines.py --bin "$bin" --work "$work/spark" --engines spark --parse "" \
    "${spark_datasets[@]}" >"$work/spark.out" 2>"$work/spark.log" &
  spark_pid=$!
fi
others=${engines//spark/}
others=$(echo "$others" | tr -s ',' | sed 's/^,//; s/,$//')
if [[ -n $others ]]; then
  say "$others: every data set"
  "$python" tests/sql/check_engines.py --bin "$bin" --work "$work/engines" --engines "$others" "${datasets[@]}"
fi
if [[ -n $spark_pid ]]; then
  spark_status=0
  wait "$spark_pid" || spark_status=$?
  spark_pid=""
  say "spark:"
  cat "$work/spark.out"
  if [[ $spark_status != 0 ]]; then tail -50 "$work/spark.log"; exit 1; fi
fi
say "done in $SECONDS s"
