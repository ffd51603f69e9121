"""Opens a workbook written by `exposure report … -o FILE.xlsx` with openpyxl (pip install
openpyxl) and prints, per sheet, its Excel Tables (range, style, banded rows, filter) and its
charts; exits 1 if a sheet has no Table or the Summary and Directions sheets have no chart.

    python3 scripts/check_workbook.py rapport.xlsx

The Rust test tests/cli/report_layout.rs checks the same parts without Python (CI has none).
"""
import sys

import openpyxl

CHARTED = {"Summary", "Synthèse", "Directions"}


def main(path):
    wb = openpyxl.load_workbook(path)
    ok = True
    for ws in wb.worksheets:
        tables = list(ws.tables.values())
        charts = [type(c).__name__ for c in ws._charts]
        for t in tables:
            s = t.tableStyleInfo
            print(f"{ws.title}: table {t.name} {t.ref} style={s.name} banded={s.showRowStripes} "
                  f"filter={t.autoFilter is not None}")
        print(f"{ws.title}: charts {charts}")
        if not tables or (ws.title in CHARTED and ws.max_row > 1 and not charts):
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
