#!/usr/bin/env bash
# Regenerates docs/report.png: the HTML report of the demo city, rendered by headless Chromium.
#
#   bash scripts/screenshot_report.sh            # English (default)
#   LANG_REPORT=fr bash scripts/screenshot_report.sh
#
# Needs Chromium (Debian: apt-get install -y chromium). Runs offline: the report loads nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chromium" ]; then
    echo "screenshot_report.sh: Chromium not found (Debian: apt-get install -y chromium)" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo run --quiet --release -- report data/examples/ville-fictive.csv \
    --lang "${LANG_REPORT:-en}" -o "$work/report.html" 2>/dev/null

"$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$work/profile" --window-size=1280,2400 \
    --screenshot="$PWD/docs/report.png" "file://$work/report.html" 2>/dev/null

echo "docs/report.png written"
