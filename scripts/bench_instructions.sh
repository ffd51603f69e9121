#!/usr/bin/env bash
# Instructions instead of seconds (issue 18): on a shared host the wall time of one command
# moves by a fifth from one minute to the next, while the instructions a run executes do not.
# For a roster: the bare read's instructions, `score --format json`'s, their ratio, and where
# the program's go, stage by stage (inclusive counts of the functions that start each stage).
#
#   scripts/bench_instructions.sh ROSTER [BIN ...]
#
# BIN: exposure binaries to compare (default: the release build of this tree), each run once
# under `valgrind --tool=callgrind` (about 50 times slower than a plain run: a 10^6-row roster
# takes a minute or two). Callgrind runs the threads one at a time, so the counts add the
# threads up: they say how much work there is, not how well the two cores share it (for that,
# `perf record` per thread; see docs/performance.md, "Session 17"); and which thread types a row
# depends on timing (the parsing thread types ahead when the other falls behind), so the split
# between "rows typed ahead" and "rows aggregated" moves a little from run to run, the total
# hardly. A stage whose function the compiler inlined shows 0. Environment: BENCH_DIR=DIR
# keeps the callgrind files. Needs valgrind (apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -ge 1 ] || { echo "usage: scripts/bench_instructions.sh ROSTER [BIN ...]" >&2; exit 2; }
roster=$1
shift
# shellcheck source=scripts/bench_common.sh
source scripts/bench_common.sh
bins=("$@")
[ ${#bins[@]} -gt 0 ] || bins=("$bin")

# instructions FILE: the run's total.
# (awk reads to the end: leaving early would end callgrind_annotate on a broken pipe.)
instructions() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ && !n {gsub(",", "", $1); n = $1} END {print n + 0}'; }
# stage FILE PATTERN: the inclusive instructions of the first function matching PATTERN.
stage() {
    callgrind_annotate --inclusive=yes "$1" 2>/dev/null |
        awk -v p="$2" 'index($0, p) && !n {gsub(",", "", $1); n = $1} END {print n + 0}'
}
giga() { awk -v n="$1" 'BEGIN {printf "%.2f G", n / 1e9}'; }
mega() { awk -v n="$1" 'BEGIN {printf "%.0f M", n / 1e6}'; }

valgrind --tool=callgrind --callgrind-out-file="$dir/floor.out" "$floor" "$roster" >/dev/null 2>&1
base=$(instructions "$dir/floor.out")
echo "Roster: $roster ($(du -mL "$roster" | cut -f1) MB); bare read (csv_floor): $(giga "$base")"
echo
echo "| binary | instructions | × bare read | csv parsing | rows typed ahead | rows aggregated | tasks scored | titles matched | jobs finished | look-alike jobs | groups | JSON |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
k=0
for b in "${bins[@]}"; do
    k=$((k + 1))
    out="$dir/exposure-$k.out"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$b" score "$roster" --format json -o /dev/null >/dev/null 2>&1
    total=$(instructions "$out")
    row="| $b | $(giga "$total") | $(awk -v t="$total" -v b="$base" 'BEGIN {printf "%.2f", t / b}')"
    for p in "csv_core::reader::Reader::read_record " "exposure::load::typed_ahead " \
        "exposure::aggregate::Aggregator::add " "exposure::score::Scorer::score " \
        "exposure::jobs::of_title " "exposure::jobs::finish_with " \
        "exposure::analysis::look_alike_jobs " "exposure::aggregate::group_by " \
        "exposure::render::json::render::{{closure}} "; do
        row="$row | $(mega "$(stage "$out" "$p")")"
    done
    echo "$row |"
done
