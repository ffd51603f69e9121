#!/usr/bin/env python3
"""Rebuild data/ilo/ from ../shared/reference/ilo/ilo_wp140_task_scores.csv.

Keeps what the tool and its tests need: the task scores (2023 and 2025 final) and, once per
occupation, the figures the ILO published. Deterministic: rows keep the source order. The one
change to a text: 59 apostrophes the source garbled (UTF-8 read as Mac Roman) are repaired; the
one change to a score: the source's binary floating-point noise (0.6000000000000001) is cut.
Usage: python3 scripts/build_ilo_data.py [REFERENCE_DIR]   (default ../shared/reference)
"""
import csv
import os
import re
import sys


def repair(text):
    """The source's UTF-8 apostrophes read once as Mac Roman ("organization‚Äôs", "bosun¬¥s"):
    decoded back, and written as the straight apostrophe the rest of the ILO's texts use."""
    def back(m):
        try:
            return m.group(0).encode("mac_roman").decode("utf-8")
        except UnicodeError:
            return m.group(0)
    return re.sub(r"‚Ä.|¬.", back, text).replace("\u2019", "'").replace("\u00b4", "'")


def score(value):
    """A score as the ILO computed it, without the binary noise of its export: 0.6000000000000001
    is 0.6, 0.07500000000000001 is 0.075 (the ILO's own scores have at most 5 decimals)."""
    decimals = value.partition(".")[2]
    if len(decimals) <= 6:
        return value
    return repr(round(float(value), 6))


root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ref = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "reference")
src = os.path.join(ref, "ilo", "ilo_wp140_task_scores.csv")
out = os.path.join(root, "data", "ilo")
os.makedirs(out, exist_ok=True)

with open(src, newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))

with open(os.path.join(out, "ilo_tasks.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["isco08", "task_id", "score_2023", "score_2025", "task"])
    for r in rows:
        w.writerow([r["isco08"], r["task_id"], score(r["score_2023"]), score(r["score_2025"]),
                    repair(r["task"])])

seen = set()
with open(os.path.join(out, "ilo_occupations.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["isco08", "title", "published_mean_2023", "published_sd_2023",
                "published_category_2023", "published_mean_2025", "published_sd_2025",
                "published_category_2025"])
    for r in rows:
        if r["isco08"] in seen:
            continue
        seen.add(r["isco08"])
        w.writerow([r["isco08"], r["occupation_title"], r["published_mean_2023"],
                    r["published_sd_2023"], r["published_category_2023"],
                    r["published_mean_2025"], r["published_sd_2025"],
                    r["published_category_2025"]])
print(f"{len(rows)} tasks, {len(seen)} occupations -> {out}")
