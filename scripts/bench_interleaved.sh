#!/usr/bin/env bash
# Interleaved runs on one roster: the bare csv read, `score --format json` and `score` (table)
# take turns, so that a noisy minute on a shared host spoils all three alike rather than one.
#
#   scripts/bench_interleaved.sh ROSTER [RUNS]      RUNS default 7
#
# Prints, per command, the fastest and the median wall time of RUNS runs and their ratio to
# the bare read's. Needs /usr/bin/time; builds the release binary and examples/csv_floor first.
# Rosters come from examples/gen_roster (see docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."

roster=${1:?usage: scripts/bench_interleaved.sh ROSTER [RUNS]}
runs=${2:-7}
cargo build --release --quiet --bin exposure --example csv_floor
bin=target/release/exposure
names=("bare csv read" "score --format json" "score (table)")
commands=("target/release/examples/csv_floor $roster"
    "$bin score $roster --format json"
    "$bin score $roster")
times=$(mktemp)
trap 'rm -f "$times" "$times.one"' EXIT
for _ in $(seq "$runs"); do
    for k in "${!commands[@]}"; do
        # Word splitting of the command is wanted: paths here have no spaces.
        # shellcheck disable=SC2086
        /usr/bin/time -f '%e' -o "$times.one" ${commands[$k]} >/dev/null 2>&1
        echo "$k $(tail -1 "$times.one")" >>"$times"
    done
done
echo "$(wc -l <"$roster") lines in $roster; $runs interleaved runs"
echo
echo "| command | fastest | median | × bare read (fastest, median) |"
echo "|---|---:|---:|---:|"
read -r base_min base_med < <(awk '$1 == 0 {print $2}' "$times" | sort -n |
    awk '{a[NR] = $1} END {print a[1], a[int((NR + 1) / 2)]}')
for k in "${!commands[@]}"; do
    awk -v k="$k" '$1 == k {print $2}' "$times" | sort -n |
        awk -v n="${names[$k]}" -v b="$base_min" -v m="$base_med" '{a[NR] = $1} END {
            med = a[int((NR + 1) / 2)];
            printf "| %s | %.2f s | %.2f s | %.1f, %.1f |\n", n, a[1], med, a[1] / b, med / m }'
done
