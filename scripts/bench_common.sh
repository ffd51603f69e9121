# Sourced by scripts/bench.sh and scripts/bench_shapes.sh: builds the release binary and the
# two examples, and sets `bin` (BIN=PATH to measure another build of exposure), `gen`, `floor`
# and `dir`, the folder of the rosters (BENCH_DIR, or a temporary one removed at exit).
cargo build --release --quiet --bin exposure --example gen_roster --example csv_floor
bin=${BIN:-target/release/exposure}
gen=target/release/examples/gen_roster
floor=target/release/examples/csv_floor

if [ -n "${BENCH_DIR:-}" ]; then
    dir=$BENCH_DIR
    mkdir -p "$dir"
else
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
fi
