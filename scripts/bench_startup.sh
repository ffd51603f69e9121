#!/usr/bin/env bash
# The fixed cost of a run (issue 18): small inputs, where start-up is most of the time.
#
#   scripts/bench_startup.sh [RUNS]        RUNS default 40 (hyperfine)
#
# Commands: `check` and `score` on a 100-row task roster (examples/gen_roster 100), `score` on a
# 100-row headcount roster without tasks (the first 100 titles of data/isco/coded_titles.csv:
# every job goes through title matching), `exposure isco Plombier`, and the year-over-year view
# of the three budget examples (read at once, then with EXPOSURE_THREADS=1). For each: the
# instructions of the whole run and of its busiest thread (valgrind --tool=callgrind, which the
# load of a shared host does not change; the busiest thread bounds the wall time from below),
# then hyperfine's median and fastest wall time, with the load average (wall time means
# something only on a quiet machine). Environment: BIN=PATH of the exposure binary to measure
# (default: the release build of this tree), BENCH_DIR=DIR to keep the rosters. Needs valgrind
# and hyperfine (apt-get install valgrind hyperfine). The `env` before a command is traced through.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-40}
# shellcheck source=scripts/bench_common.sh
source scripts/bench_common.sh
"$gen" 100 >"$dir/tasks100.csv" 2>/dev/null
python3 - "$dir/headcount100.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open("data/isco/coded_titles.csv", encoding="utf-8")))[:100]
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\n")
    w.writerow(["Direction", "Service", "Intitulé du poste", "Effectif"])
    for i, r in enumerate(rows):
        w.writerow([r["family"].capitalize(), f"Service {i // 8 + 1}", r["title"], i % 5 + 1])
EOF
budget="data/examples/budget/CA_2022.xml data/examples/budget/CA_2023.xml data/examples/budget/CA_2024.xml"
names=("check, 100-row task roster" "score, 100-row task roster" "score, 100-row headcount roster"
    "isco Plombier" "score, 3 budget documents" "score, 3 budget documents, EXPOSURE_THREADS=1")
commands=("$bin check $dir/tasks100.csv" "$bin score $dir/tasks100.csv"
    "$bin score $dir/headcount100.csv" "$bin isco Plombier" "$bin score $budget"
    "env EXPOSURE_THREADS=1 $bin score $budget")

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u '+%F %H:%M UTC')"
echo "Binary: $bin; hyperfine -N --warmup 5 --runs $runs"
echo
echo "| command | instructions | busiest thread | median | fastest | load average |"
echo "|---|---:|---:|---:|---:|---|"
for k in "${!commands[@]}"; do
    rm -f "$dir"/cg.out*
    # Word splitting of the command is wanted: paths here have no spaces.
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --trace-children=yes --separate-threads=yes --callgrind-out-file="$dir/cg.out" \
        ${commands[$k]} >/dev/null 2>&1 || [ $? -eq 1 ]
    read -r total busiest < <(awk '/^summary:/ {s += $2; if ($2 > m) m = $2} END {printf "%.1f %.1f\n", s / 1e6, m / 1e6}' "$dir"/cg.out*)
    # shellcheck disable=SC2086
    hyperfine -N -i --warmup 5 --runs "$runs" --export-json "$dir/h.json" "${commands[$k]}" >/dev/null 2>&1
    read -r median fastest < <(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('%.1f %.1f' % (r['median']*1e3, r['min']*1e3))" "$dir/h.json")
    echo "| ${names[$k]} | ${total} M | ${busiest} M | ${median} ms | ${fastest} ms | $(uptime | sed 's/.*load average: //') |"
done
