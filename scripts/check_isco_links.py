#!/usr/bin/env python3
"""Flag the ROME titles of data/isco/titles.csv whose ISCO-08 code is likely wrong, for review.

Three checks (data/README.md, "Reviewed corrections: how the rows were found"):
  C1  the code's major group contradicts the title's level words: a manager group (1) for a
      title that names no head (HEADS of build_isco_crosswalk.py), or a professional or manager
      group (1, 2) for a title whose level words (technicien, aide, ouvrier, équipier, employé,
      manœuvre) all say otherwise;
  C2  a direct ESCO link in another major group than its fiche's majority (the majority holds at
      least half of a fiche of 3 titles or more);
  C3  a direct link whose group title (CITP-08, data/ilo/citp08_fr.csv) shares no word with the
      title while the fiche majority's does (as step 5 of the build compares them).
Most flags are right codes or debatable ones: they are where to look, not corrections. A
correction goes into data/isco/title_overrides.csv with its reason.

Usage: python3 scripts/check_isco_links.py [TITLES_CSV] [--list C1|C2|C3]
Prints the count of each check, and with --list the flagged rows: title, fiche, code and group
title, the fiche majority and its share.
"""
import csv
import os
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_isco_crosswalk as build  # noqa: E402

# The major groups a title's level word allows, for C1.
LEVEL = {"technicien": "3", "technicienne": "3", "ingenieur": "2", "ingenieure": "2",
         "aide": "59", "ouvrier": "6789", "ouvriere": "6789", "equipier": "59",
         "equipiere": "59", "employe": "45", "employee": "45", "manoeuvre": "9"}


def main():
    args = sys.argv[1:]
    listed = args[args.index("--list") + 1] if "--list" in args else None
    paths = [a for a in args if not a.startswith("--") and a != listed]
    path = paths[0] if paths else build.OUT
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    group_titles = {r["isco08"]: r["title_fr"] for r in csv.DictReader(
        open(os.path.join(build.ROOT, "data", "ilo", "citp08_fr.csv"), encoding="utf-8"))}
    fiche = defaultdict(Counter)
    for r in rows:
        fiche[r["code_rome"]][r["isco08"]] += 1

    def shares(words, code):
        return any(x == y or (len(x) >= 6 and len(y) >= 6 and x[:6] == y[:6])
                   for x in words for y in build.label_words(group_titles[code]) - build.GROUP_GENERIC)

    flags = {"C1": [], "C2": [], "C3": []}
    for r in rows:
        code, counts = r["isco08"], fiche[r["code_rome"]]
        n = sum(counts.values())
        m, k = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        folded = build.folded_words(r["title"])
        heads = bool(folded & build.HEADS)
        levels = [LEVEL[w] for w in folded if w in LEVEL]
        direct = r["via"].startswith("rome:")
        if (code[0] == "1" and not heads) or (
                levels and not heads and code[0] in "12" and all(code[0] not in l for l in levels)):
            flags["C1"].append((r, m, k, n))
        if direct and code[0] != m[0] and 2 * k >= n and n >= 3:
            flags["C2"].append((r, m, k, n))
        words = build.label_words(r["title"])
        if direct and code != m and not shares(words, code) and shares(words, m):
            flags["C3"].append((r, m, k, n))
    for name, found in flags.items():
        print(f"{name}: {len(found)} rows")
    for r, m, k, n in flags.get(listed, []):
        print(f"{r['title']} | {r['code_rome']} {r['isco08']} {group_titles[r['isco08']]} | "
              f"fiche {m} {group_titles[m]} {k}/{n}")


if __name__ == "__main__":
    main()
