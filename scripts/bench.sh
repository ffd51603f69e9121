#!/usr/bin/env bash
# Benchmark of `exposure score` (JSON and table) and `exposure check` on synthetic rosters,
# against the floor of a bare csv-crate read of the same file (examples/csv_floor.rs).
#
#   scripts/bench.sh [ROWS ...]        default: 10000 100000 1000000 5000000 10000000
#
# Environment: RUBRIC=FILE (default: the built-in rubric), UNMATCHED=SHARE of task rows that no
# rule matches (default 0.1), RUNS=N best-of runs (default 3), BENCH_DIR=DIR for the generated
# rosters (default: a temporary folder, removed at the end). Needs /usr/bin/time (apt-get
# install time). Prints a Markdown table: wall seconds, task rows per second, ratio to the
# bare read, peak resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000 5000000 10000000)
runs=${RUNS:-3}
unmatched=${UNMATCHED:-0.1}
rubric_args=()
[ -z "${RUBRIC:-}" ] || rubric_args=(--rubric "$RUBRIC")

# shellcheck source=scripts/bench_common.sh
source scripts/bench_common.sh

has_check=no
if "$bin" check --help >/dev/null 2>&1; then has_check=yes; fi

# best_of CMD...: "seconds peak_kb" of the fastest of $runs runs (peak: the largest seen).
# Exit status 1 (`check` finding problems) is not a failure here.
best_of() {
    local best="" peak=0 secs kb start end
    for _ in $(seq "$runs"); do
        start=$(date +%s%N)
        /usr/bin/time -f '%M' -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/stderr.txt" || {
            [ $? -eq 1 ] || { echo "failed: $* ($(tail -1 "$dir/stderr.txt"))" >&2; exit 1; }
        }
        end=$(date +%s%N)
        secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        kb=$(tail -1 "$dir/time.txt")
        if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; fi
        [ "$kb" -gt "$peak" ] && peak=$kb
    done
    echo "$best $peak"
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GB RAM; $(rustc --version)"
echo "Rubric: ${RUBRIC:-built in}; unmatched task share: $unmatched; best of $runs runs"
echo
echo "| rows | file | command | seconds | rows/s | × bare read | peak RSS |"
echo "|---:|---:|---|---:|---:|---:|---:|"
for rows in "${sizes[@]}"; do
    roster=$dir/roster-$rows.csv
    [ -s "$roster" ] || "$gen" "$rows" ${rubric_args[@]+"${rubric_args[@]}"} --unmatched "$unmatched" >"$roster"
    size=$(du -mL "$roster" | cut -f1)
    read -r base base_kb < <(best_of "$floor" "$roster")
    report() {
        local name=$1 secs=$2 kb=$3
        awk -v r="$rows" -v s="$secs" -v b="$base" -v kb="$kb" -v n="$name" -v mb="$size" 'BEGIN {
            rate = (s > 0) ? sprintf("%.2f M", r / s / 1e6) : "–";
            ratio = (b > 0) ? sprintf("%.1f", s / b) : "–";
            printf "| %d | %d MB | %s | %.3f | %s | %s | %.0f MB |\n", r, mb, n, s, rate, ratio, kb / 1024 }'
    }
    report "bare csv read (ByteRecord)" "$base" "$base_kb"
    read -r secs kb < <(best_of "$floor" --strings "$roster")
    report "bare csv read (StringRecord)" "$secs" "$kb"
    read -r secs kb < <(best_of "$bin" score "$roster" ${rubric_args[@]+"${rubric_args[@]}"} --format json)
    report "score --format json" "$secs" "$kb"
    read -r secs kb < <(best_of "$bin" score "$roster" ${rubric_args[@]+"${rubric_args[@]}"})
    report "score (table)" "$secs" "$kb"
    if [ "$has_check" = yes ]; then
        read -r secs kb < <(best_of "$bin" check "$roster" ${rubric_args[@]+"${rubric_args[@]}"})
        report "check" "$secs" "$kb"
    fi
done
[ "$has_check" = yes ] || echo "(no \`exposure check\` in this build: not measured)"
