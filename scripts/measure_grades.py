#!/usr/bin/env python3
"""Share of the staff-annex labels (and of their FTE) that `exposure` recognises as grades, and
that it maps to an occupation at all, over the real budget documents of ../shared/reference.

    python3 scripts/measure_grades.py [EXPOSURE_BINARY ...]

Every `*_personnel.csv` (one row per PERSONNEL element, made by the reference's
extract_personnel.py) is read: label `EmploiGradeAgent`, FTE `EffectifPourvu`. The distinct labels
go through `exposure score --format json --level job` as a headcount table, once per binary given
(default: target/debug/exposure), and each label counts as a grade when its job has
`isco_source` = `grade`, as mapped when it has any code. Prints a Markdown table.
"""
import csv
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUDGETS = os.path.join(ROOT, "..", "shared", "reference", "budgets")
if not os.path.isdir(BUDGETS):
    BUDGETS = "/work/shared/reference/budgets"


def rows():
    for path in sorted(glob.glob(os.path.join(BUDGETS, "*", "*_personnel.csv"))):
        with open(path, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                label = " ".join(r["EmploiGradeAgent"].split())
                try:
                    fte = float(r["EffectifPourvu"] or 0)
                except ValueError:
                    fte = 0.0
                yield os.path.relpath(path, BUDGETS), label, fte


def classify(binary, labels):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["job", "headcount"])
        for label in labels:
            w.writerow([label, 1])
        name = f.name
    try:
        out = subprocess.run(
            [binary, "score", name, "--format", "json", "--level", "job"],
            capture_output=True, text=True, check=True,
        ).stdout
    finally:
        os.unlink(name)
    result = {}
    for j in json.loads(out)["jobs"]:
        if j.get("isco_source") == "grade":
            guessed = j["isco_match"]["confidence"] < 1
            result[j["job"]] = "grade (guessed)" if guessed else "grade"
        else:
            result[j["job"]] = "mapped" if j.get("isco") else "unmapped"
    return result


def main():
    binaries = sys.argv[1:] or [os.path.join(ROOT, "target", "debug", "exposure")]
    data = list(rows())
    labels = sorted({label for _, label, _ in data if label})
    total_fte = sum(fte for _, label, fte in data if label)
    print(f"{len(data)} lines, {len(labels)} distinct labels, {total_fte:.1f} FTE filled, "
          f"{len({p for p, _, _ in data})} files\n")
    print("| binary | labels as grades | labels mapped | FTE as grades | FTE mapped |")
    print("|---|---|---|---|---|")
    for binary in binaries:
        c = classify(binary, labels)
        grade = [l for l in labels if c.get(l, "").startswith("grade")]
        mapped = [l for l in labels if c.get(l) != "unmapped"]
        fte = lambda keep: sum(x for _, l, x in data if l in keep)
        g, m = set(grade), set(mapped)
        print(f"| {binary} | {len(grade)}/{len(labels)} ({100 * len(grade) / len(labels):.0f} %) "
              f"| {len(mapped)}/{len(labels)} ({100 * len(mapped) / len(labels):.0f} %) "
              f"| {fte(g):.1f} ({100 * fte(g) / total_fte:.1f} %) "
              f"| {fte(m):.1f} ({100 * fte(m) / total_fte:.1f} %) |")
    if len(binaries) >= 1:
        c = classify(binaries[-1], labels)
        guessed = [l for l in labels if c.get(l) == "grade (guessed)"]
        print(f"\nGuessed grades (confidence < 1) by {binaries[-1]}: "
              + "; ".join(f"{l!r}" for l in guessed))
        rest = [l for l in labels if not c.get(l, "").startswith("grade")]
        weight = {l: 0.0 for l in rest}
        for _, l, x in data:
            if l in weight:
                weight[l] += x
        print(f"\nNot recognised as grades by {binaries[-1]} (label: FTE, then what it became):")
        for l in sorted(rest, key=lambda l: (-weight[l], l)):
            print(f"- {l!r}: {weight[l]:.1f} — {c.get(l)}")


if __name__ == "__main__":
    main()
