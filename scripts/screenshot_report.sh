#!/usr/bin/env bash
# Regenerates the report's pictures from the HTML report of the demo city, rendered by headless
# Chromium, and prints what was measured (docs/report.md records it):
#   docs/report.png         desktop, 1280 px wide (the top 2400 px)
#   docs/report-phone.png   phone, 390 px wide, mobile emulation (the top 2400 px)
#   docs/report-print.png   the first page of the report printed to A4 PDF
# Measured: document width against viewport at 390, 768 and 1280 px, the smallest chart text on
# screen, and the printed pages (any page with only headings, or ending on one; how far down
# each page the text goes).
#
#   bash scripts/screenshot_report.sh            # English (default)
#   LANG_REPORT=fr bash scripts/screenshot_report.sh
#
# Needs Chromium (Debian: apt-get install -y chromium), Node.js 20 or later (its WebSocket drives
# Chromium's DevTools protocol: scripts/report_browser.mjs, no package to install) and poppler-utils
# (pdftotext, pdfinfo, pdftoppm). Runs offline: the report loads nothing, and Chromium starts with
# its background networking off and a fresh profile.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chromium" ]; then
    echo "screenshot_report.sh: Chromium not found (Debian: apt-get install -y chromium)" >&2
    exit 2
fi
for tool in node pdftotext pdfinfo pdftoppm; do
    if ! command -v "$tool" >/dev/null; then
        echo "screenshot_report.sh: $tool not found (Debian: nodejs, poppler-utils)" >&2
        exit 2
    fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo run --quiet --release -- report data/examples/ville-fictive.csv \
    --lang "${LANG_REPORT:-en}" -o "$work/report.html" 2>/dev/null

CHROMIUM="$chromium" node --experimental-websocket --no-warnings scripts/report_browser.mjs \
    "$work/report.html" "$work" >"$work/figures.json"

cp "$work/report-desktop.png" docs/report.png
cp "$work/report-phone.png" docs/report-phone.png
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/report.pdf" docs/report-print
cat "$work/figures.json"
echo "docs/report.png, docs/report-phone.png and docs/report-print.png written" >&2
