#!/usr/bin/env bash
# The shapes of issue 18: rosters of as many rows with more jobs, departments or distinct job
# titles. For each shape: the bare csv read (examples/csv_floor.rs), `score --format json` and
# `check` take turns RUNS times (so that a noisy minute on a shared host spoils all alike);
# prints the median wall time of each, the ratio of the JSON's to the bare read's, and the
# peak resident memory of the JSON and of `check` (the largest seen; /usr/bin/time -v).
#
#   scripts/bench_shapes.sh [ROWS:JOBS:GROUPS:TITLES[:free] ...]
#
# A shape leaves a field empty for the generator's default (`1000000:::` is the benchmark
# roster of scripts/bench.sh); `:free` asks for free-text tasks (gen_roster --free-text: no
# task text repeats; the rows column says "free text"). Default shapes: the table of issue
# 18, and 5·10^6 rows with the default 20,000 jobs, with 500,000 jobs and with free-text
# tasks. Environment: RUNS=N (default 3), BIN=PATH of the exposure binary to measure (default:
# the release build of this tree), BENCH_DIR=DIR to keep the rosters (default: a temporary
# folder, removed at the end). Needs /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."

shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(
    "1000000:::"
    "1000000:117000::117000"
    "1000000:117000:117000:1600"
    "1000000:200000::"
    "5000000:::"
    "5000000:500000::"
    "5000000::::free"
)
runs=${RUNS:-3}
# shellcheck source=scripts/bench_common.sh
source scripts/bench_common.sh

# run NAME CMD...: appends "NAME seconds peak_kb" to $dir/times. Exit status 1 (`check`
# finding problems) is not a failure here.
run() {
    local name=$1
    shift
    /usr/bin/time -v -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/stderr.txt" || {
        [ $? -eq 1 ] || { echo "failed: $* ($(tail -1 "$dir/stderr.txt"))" >&2; exit 1; }
    }
    awk -v n="$name" '
        /Elapsed \(wall clock\)/ { k = split($NF, t, ":"); s = 0; for (i = 1; i <= k; i++) s = s * 60 + t[i] }
        /Maximum resident set size/ { kb = $NF }
        END { print n, s, kb }' "$dir/time.txt" >>"$dir/times"
}

# median NAME: median seconds of NAME's runs; peak NAME: the largest peak in MB.
median() { awk -v n="$1" '$1 == n {print $2}' "$dir/times" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
peak() { awk -v n="$1" '$1 == n && $3 > m {m = $3} END {printf "%.0f", m / 1024}' "$dir/times"; }

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load: $(uptime | sed 's/.*load average: //'); $(date -u '+%F %H:%M UTC')"
echo "Binary: $bin; median of $runs interleaved runs"
echo
echo "| rows | jobs | departments | distinct titles | file | bare read | score --format json | × bare read | peak RSS | check | check peak RSS |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for shape in "${shapes[@]}"; do
    IFS=: read -r rows jobs groups titles free <<<"$shape"
    args=("$rows")
    [ -z "$jobs" ] || args+=(--jobs "$jobs")
    [ -z "$groups" ] || args+=(--groups "$groups")
    [ -z "$titles" ] || args+=(--distinct-titles "$titles")
    [ -z "$free" ] || args+=(--free-text)
    roster=$dir/roster-${shape//:/-}.csv
    [ -s "$roster" ] && [ -s "$roster.shape" ] || "$gen" "${args[@]}" >"$roster" 2>"$roster.shape"
    # "gen_roster: R rows, J jobs, G departments, T distinct titles"
    read -r _ _ _ j _ g _ t _ <"$roster.shape"
    : >"$dir/times"
    for _ in $(seq "$runs"); do
        run floor "$floor" "$roster"
        run json "$bin" score "$roster" --format json
        run check "$bin" check "$roster"
    done
    base=$(median floor)
    json=$(median json)
    awk -v r="$rows${free:+ free text}" -v j="$j" -v g="$g" -v t="$t" -v mb="$(du -mL "$roster" | cut -f1)" \
        -v b="$base" -v s="$json" -v kb="$(peak json)" -v c="$(median check)" -v ckb="$(peak check)" 'BEGIN {
        printf "| %s | %d | %d | %d | %d MB | %.2f s | %.2f s | %.1f | %d MB | %.2f s | %d MB |\n",
            r, j, g, t, mb, b, s, (b > 0 ? s / b : 0), kb, c, ckb }'
done
