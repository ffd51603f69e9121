#!/usr/bin/env bash
# A headcount table whose titles the matcher does not know (issue 18): every job is unmapped,
# so `check` reports each one (`unscorable-job`). Times `score --format json` and `check` on
# N such jobs (default 40,000), with their peak resident memory (/usr/bin/time -v). Environment:
# BIN=PATH of the exposure binary to measure (default: the release build of this tree),
# BENCH_DIR=DIR to keep the table.
#
#   scripts/bench_unknown_titles.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-40000}
# shellcheck source=scripts/bench_common.sh
source scripts/bench_common.sh
table=$dir/unknown-$jobs.csv
# Made-up titles, one per job, the same bytes every time.
python3 - "$jobs" >"$table" <<'PY'
import random, sys
random.seed(1)
print("Direction;Service;Intitulé du poste;Effectif")
for i in range(int(sys.argv[1])):
    word = "".join(random.choice("bcdfghjklmnpqrstvwxz") for _ in range(7))
    print(f"Direction {i % 7};Service {i % 50};Zorglub {word} {i};1")
PY
echo "Binary: $bin; $jobs jobs of unknown titles; load: $(uptime | sed 's/.*load average: //')"
for cmd in "score --format json" "check"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "$cmd: %e s, %M kB" "$bin" $cmd "$table" >/dev/null 2>"$dir/stderr.txt" || true
    tail -1 "$dir/stderr.txt"
done
