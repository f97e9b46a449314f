#!/usr/bin/env bash
# Times the scripts of `store-uptime sql` on DuckDB, PostgreSQL and Spark
# (local mode, 2 cores) against the command, on the full-size generated set
# (14,000 stores, 1.86 million polls) or ten times it (--10x: 140,000
# stores, 18.6 million polls): each engine, text and typed tables, the
# report, the outage list and the per-day table, one `tests/sql/bench.py`
# run each (its line has the command's time in the same run and the load
# average; a result that differs from the command's fails the run).
#
#   scripts/bench-sql.sh [--10x] [--engines duckdb,postgres,spark] [--queries report,outages,daily]
#
# Expects what `scripts/install-tools.sh --test` installs (.venv-sql,
# PostgreSQL's server binaries, Java). Prints each run's lines and, at the
# end, one line a run; also added to target/bench-sql-<size>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

size=full engines=duckdb,postgres,spark queries=report,outages,daily
while [[ $# -gt 0 ]]; do
  case $1 in
    --10x) size=10x ;;
    --engines) engines=$2; shift ;;
    --queries) queries=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

python=.venv-sql/bin/python
[[ -x $python ]] || { echo "no .venv-sql: run scripts/install-tools.sh --test" >&2; exit 1; }
cargo build --release --locked --quiet --bin store-uptime
bin=$PWD/target/release/store-uptime

# The same data sets, in the same folders, as scripts/bench-web.sh and
# scripts/bench-web-10x.sh: made once for both.
if [[ $size == full ]]; then
  data=target/bench-data
  [[ -s $data/status.csv ]] || "$bin" sample --stores 14000 --seed 1 --out "$data" >/dev/null
else
  data=target/bench-data-10x
  [[ -s $data/status.csv ]] || "$bin" sample --stores 140000 --seed 10 --out "$data" >/dev/null
fi

source scripts/postgres-server.sh
work=$(mktemp -d)
cleanup() {
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
if [[ ,$engines, == *,postgres,* ]]; then
  start_postgres "$work" "$python"
fi

summary=target/bench-sql-$size.txt
echo "# $(date -u +%FT%TZ), $(nproc) cores: $engines; $queries" >>"$summary"
for engine in ${engines//,/ }; do
  for query in ${queries//,/ }; do
    for typed in "" --typed; do
      line=$("$python" tests/sql/bench.py --bin "$bin" --engine "$engine" --query "$query" $typed "$data" 2>"$work/err" \
        | tee /dev/stderr | tail -1) || { tail -20 "$work/err"; echo "$engine $query $typed: FAILED" >>"$summary"; continue; }
      echo "$line" >>"$summary"
    done
  done
done
echo
sed -n "$(grep -n '^#' "$summary" | tail -1 | cut -d: -f1),\$p" "$summary"
