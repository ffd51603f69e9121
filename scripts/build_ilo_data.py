#!/usr/bin/env python3
"""Rebuild data/ilo/ from ../shared/reference/ilo/ilo_wp140_task_scores.csv.

Keeps what the tool and its tests need: the task scores (2023 and 2025 final) and, once per
occupation, the figures the ILO published. Deterministic: rows keep the source order.
Usage: python3 scripts/build_ilo_data.py [REFERENCE_DIR]   (default ../shared/reference)
"""
import csv
import os
import sys

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
        w.writerow([r["isco08"], r["task_id"], r["score_2023"], r["score_2025"], r["task"]])

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
