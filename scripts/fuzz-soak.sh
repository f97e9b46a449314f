#!/usr/bin/env bash
# Long fuzzing: runs each fuzz target in turn for a given time (default 30
# minutes each) at the lowest CPU priority, one target at a time, with the
# corpus kept in fuzz/corpus/<target> (git-ignored, so each soak starts where
# the last one stopped; the committed seeds are added to it). Prints, per
# target, the executions, the coverage (libFuzzer's `cov`: edges reached) and
# features (`ft`) at the end, and the corpus size; the full logs are kept in
# fuzz/soak-logs/. Stops at the first finding; the input is left in
# fuzz/artifacts/<target>/.
#
# With `--runs N` each target runs until N executions instead of for a time.
# The binaries are copied to fuzz/soak-bin/ before they run, so that a build
# of the fuzz targets meanwhile (scripts/fuzz.sh) cannot replace them.
#
# The targets are built here with the flags cargo-fuzz passes (coverage
# counters, `--cfg fuzzing`), on the nightly toolchain, but without
# AddressSanitizer (the code is safe Rust, and the sanitizer halves the
# speed) and with debug assertions and overflow checks, so that an
# arithmetic overflow is a finding. So cargo-fuzz itself is not needed.
#
#   scripts/fuzz-soak.sh [MINUTES | --runs N] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."

runs_wanted=
if [[ ${1:-} == --runs ]]; then
  runs_wanted=${2:?--runs needs a number of executions}
  shift 2
  minutes=-
  limit=(-runs="$runs_wanted")
else
  minutes=${1:-30}
  shift || true
  limit=(-max_total_time=$((minutes * 60)))
fi
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(tokenizer table oracle reader pipeline archive)

host=$(rustc +nightly -vV | sed -n 's/^host: //p')
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
  nice -n 19 cargo +nightly build --release --manifest-path fuzz/Cargo.toml --target "$host" --bins
bin=fuzz/soak-bin/$$
mkdir -p "$bin"
for target in "${targets[@]}"; do cp "fuzz/target/$host/release/$target" "$bin/"; done
trap 'rm -rf "$bin"' EXIT

mkdir -p fuzz/soak-logs
summary=fuzz/soak-logs/summary-$(date -u +%Y%m%dT%H%M%SZ)-$$.md
printf '| target | minutes | executions | executions/s | cov | ft | corpus | finding |\n' | tee "$summary"
printf '|---|---|---|---|---|---|---|---|\n' | tee -a "$summary"

last() { # the last number after a label in a log
  grep -Eo "$1 *[0-9]+" "$2" | tail -n 1 | grep -Eo '[0-9]+$' || echo "?"
}

for target in "${targets[@]}"; do
  corpus=fuzz/corpus/$target
  mkdir -p "$corpus"
  cp -n fuzz/seeds/"$target"/* "$corpus"/
  log=fuzz/soak-logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log
  started=$(date +%s)
  finding=none
  mkdir -p fuzz/artifacts/"$target"
  if ! nice -n 19 "$bin/$target" "$corpus" -artifact_prefix=fuzz/artifacts/"$target"/ \
      "${limit[@]}" -rss_limit_mb=2048 -max_len=65536 -timeout=60 \
      -print_final_stats=1 >"$log" 2>&1; then
    finding="see fuzz/artifacts/$target/ and $log"
  fi
  runs=$(last 'stat::number_of_executed_units:' "$log")
  rate=$(last 'stat::average_exec_per_sec:' "$log")
  [[ $minutes != - ]] || minutes_run=$((($(date +%s) - started + 30) / 60))
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$target" "${minutes_run:-$minutes}" "$runs" "$rate" \
    "$(last ' cov:' "$log")" "$(last ' ft:' "$log")" "$(find "$corpus" -type f | wc -l)" "$finding" | tee -a "$summary"
  if [[ $finding != none ]]; then
    tail -n 40 "$log"
    exit 1
  fi
done
