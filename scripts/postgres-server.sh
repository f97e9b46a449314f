# A throwaway PostgreSQL server for the SQL checks and benchmarks, sourced
# by scripts/test-sql.sh and scripts/bench-sql.sh:
#
#   source scripts/postgres-server.sh
#   start_postgres WORK_DIR PYTHON   # sets PGPORT; the data lives in WORK_DIR/pg
#   stop_postgres                    # in the caller's exit trap
#
# Debian's server binaries, trust authentication on 127.0.0.1, no fsync.

pg_data=""

start_postgres() {
  local work=$1 python=$2
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_data=$work/pg
  mkdir -p "$pg_data"
  # initdb refuses to run as root: run the server as the postgres user then.
  if [[ $(id -u) == 0 ]]; then
    chown postgres "$work" "$pg_data"
    chmod 755 "$work"
    as_pg() { runuser -u postgres -- "$@"; }
  else
    as_pg() { "$@"; }
  fi
  export PGPORT=${PGPORT:-$($python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust --no-sync -E UTF8 >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$pg_data" -w -l "$pg_data/log" \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $pg_data -c fsync=off" start >/dev/null
}

stop_postgres() {
  if [[ -n $pg_data && -f $pg_data/postmaster.pid ]]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  fi
}
