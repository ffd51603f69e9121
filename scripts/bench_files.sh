#!/usr/bin/env bash
# Rosters given together (issue 18): N rosters of R rows each (copies of one examples/gen_roster
# roster: other seeds give the same jobs other headcounts, which pooling refuses) pooled by
# `score --format json`, read at once (EXPOSURE_THREADS=AT_ONCE files at a time, default: the
# number of cores) and one after the other (EXPOSURE_THREADS=1), against the same rows in one
# file (the N rosters under one header) and the bare csv read of that file
# (examples/csv_floor.rs). The four take turns RUNS times (so that a noisy minute on a shared
# host spoils all alike); prints the median wall time, median CPU time (user + system) and
# peak resident memory (the largest seen; /usr/bin/time -v) of each, the load average before
# and after, and checks that both ways of reading the N files print the same bytes.
#
#   scripts/bench_files.sh [FILES [ROWS]]      default: 8 files of 125000 rows
#
# Environment: RUNS=N (default 5), BIN=PATH of the exposure binary to measure (default: the
# release build of this tree), BENCH_DIR=DIR to keep the rosters (default: a temporary
# folder, removed at the end), AT_ONCE=N. Needs /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."

files=${1:-8}
rows=${2:-125000}
runs=${RUNS:-5}
at_once=${AT_ONCE:-$(nproc)}
# shellcheck source=scripts/bench_common.sh
source scripts/bench_common.sh

rosters=()
[ -s "$dir/files-$rows-1.csv" ] || "$gen" "$rows" >"$dir/files-$rows-1.csv" 2>/dev/null
for i in $(seq "$files"); do
    roster=$dir/files-$rows-$i.csv
    [ -s "$roster" ] || cp "$dir/files-$rows-1.csv" "$roster"
    rosters+=("$roster")
done
one=$dir/files-$rows-all.csv
if [ ! -s "$one" ]; then
    head -n 1 "${rosters[0]}" >"$one"
    for roster in "${rosters[@]}"; do tail -n +2 "$roster" >>"$one"; done
fi

# run NAME CMD...: appends "NAME wall_seconds cpu_seconds peak_kb" to $dir/times.
run() {
    local name=$1
    shift
    /usr/bin/time -v -o "$dir/time.txt" "$@" >"$dir/out-$name.json" 2>"$dir/stderr.txt" ||
        { echo "failed: $* ($(tail -1 "$dir/stderr.txt"))" >&2; exit 1; }
    awk -v n="$name" '
        /Elapsed \(wall clock\)/ { k = split($NF, t, ":"); s = 0; for (i = 1; i <= k; i++) s = s * 60 + t[i] }
        /User time/ { cpu += $NF }
        /System time/ { cpu += $NF }
        /Maximum resident set size/ { kb = $NF }
        END { print n, s, cpu, kb }' "$dir/time.txt" >>"$dir/times"
}
median() { awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$dir/times" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
peak() { awk -v n="$1" '$1 == n && $4 > m {m = $4} END {printf "%.0f", m / 1024}' "$dir/times"; }

load_before=$(uptime | sed 's/.*load average: //')
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u '+%F %H:%M UTC')"
echo "Binary: $bin; $files rosters of $rows rows ($(du -cm "${rosters[@]}" | tail -1 | cut -f1) MB); median of $runs interleaved runs"
: >"$dir/times"
for _ in $(seq "$runs"); do
    run floor "$floor" "$one"
    run once env EXPOSURE_THREADS="$at_once" "$bin" score "${rosters[@]}" --format json
    run alone env EXPOSURE_THREADS=1 "$bin" score "${rosters[@]}" --format json
    run one "$bin" score "$one" --format json
done
cmp -s "$dir/out-once.json" "$dir/out-alone.json" ||
    { echo "the outputs read at once and one after the other differ" >&2; exit 1; }
echo "Load average: $load_before before, $(uptime | sed 's/.*load average: //') after; outputs at once and one after the other: identical"
echo
echo "| command | wall (median) | CPU user+sys (median) | peak RSS |"
echo "|---|---:|---:|---:|"
row() { printf "| %s | %.2f s | %.2f s | %s MB |\n" "$1" "$(median "$2" 2)" "$(median "$2" 3)" "$(peak "$2")"; }
row "bare csv read of the one file" floor
row "score --format json, $files files, EXPOSURE_THREADS=$at_once (read at once)" once
row "score --format json, $files files, EXPOSURE_THREADS=1" alone
row "score --format json, the same rows in one file" one
