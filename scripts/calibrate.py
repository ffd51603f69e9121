#!/usr/bin/env python3
"""Calibrate the rubric on the ROME savoir-faire of the fiches most common in local government.

For every fiche listed in scripts/calibration_fiches.csv, this script takes its savoir-faire (French
task statements) from ROME 4.0 v460 (`rome/derived_rome_savoir_faire_long.csv`), scores them with the
real `exposure` binary (one roster: job = fiche code, task = savoir-faire, through
`exposure score - --level task --format json`), and compares, fiche by fiche, the mean rubric score of
its savoir-faire with the published ILO 2025 mean of the fiche's ISCO-08 occupation.

Fiche -> ISCO-08, the same vote as scripts/build_isco_crosswalk.py:
1. each ROME appellation (job title) of the fiche is linked to ESCO occupations by the ESCO-ROME
   mapping v1.4; each link votes for the ESCO occupation's ISCO-08 group with weight exactMatch 3,
   closeMatch 2, broadMatch / narrowMatch 1; the appellation goes to the group with the largest
   weight (ties: stronger best relation, then more links, then smaller code);
2. the fiche goes to the most frequent group among its appellations, counting only groups with ILO
   scores (data/ilo/ilo_occupations.csv); ties go to the smaller code. The vote k/n is reported.

Writes
- docs/calibration.md: share matched, the rules that match most often, unmatched examples, one row
  per fiche (rubric mean beside ILO mean) and the Spearman rank correlation (ties: average ranks);
- tests/data/calibration.csv: code_rome,isco08,savoir_faire for the selected fiches only, so that
  `cargo test` checks the same thresholds on a fresh clone (tests/cli/rubric.rs).
Both are deterministic (sorted, LF, no date): re-run after every change to data/rubric.csv.

Usage:
  python3 scripts/calibrate.py [--reference DIR] [--exposure BIN] [--rubric FILE]
                               [--report FILE] [--fixture FILE] [--check]
  --reference  the shared reference data (default ../shared/reference beside the repository)
  --exposure   the binary to run (default: `cargo build`, then target/debug/exposure)
  --rubric     passed to `exposure score --rubric` (default: the built-in rubric)
  --check      write nothing; exit 1 if docs/calibration.md or the fixture would change
Exit status: 0 done (thresholds are reported, not enforced; the Rust test enforces them), 1 --check
found a difference, 2 usage or data error.
Python 3.11, standard library only.
"""
import argparse
import csv
import io
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

WEIGHT = {"exactMatch": 3, "closeMatch": 2, "broadMatch": 1, "narrowMatch": 1}

# Issue 4 acceptance thresholds (also enforced by tests/cli/rubric.rs).
MIN_MATCHED = 0.85
MAX_RULE_SHARE = 0.05
MIN_SPEARMAN = 0.70

TOP_RULES = 25
UNMATCHED_EXAMPLES = 30


def fail(msg):
    print(f"calibrate.py: error: {msg}", file=sys.stderr)
    sys.exit(2)


def read_csv(path):
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            return list(csv.DictReader(f))
    except OSError as e:
        fail(f"cannot read {path}: {e}")


def read_mapping(path):
    """ESCO-ROME mapping: metadata lines, a blank line, then a 5-column table."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            lines = f.read().splitlines()
    except OSError as e:
        fail(f"cannot read {path}: {e}")
    try:
        start = next(i for i, l in enumerate(lines) if l.lower().startswith("classification 1 id,"))
    except StopIteration:
        fail(f"{path}: no header line 'classification 1 ID,...'")
    rows = []
    for r in csv.reader(io.StringIO("\n".join(lines[start + 1:]))):
        if len(r) >= 5 and r[0].strip():
            rows.append((r[0].strip(), r[2].strip(), r[4].strip().replace("skos:", "")))
    return rows


def fiche_isco(ref, fiches, scored):
    """code_rome -> (isco08, k, n) for the fiches given, by the vote described above."""
    apps = read_csv(os.path.join(ref, "rome", "unix_referentiel_appellation_v460_utf8.csv"))
    esco_isco = {r["conceptUri"]: r["iscoGroup"].strip()
                 for r in read_csv(os.path.join(ref, "esco", "esco_occupations_isco08.csv"))}
    by_ogr = defaultdict(list)
    for uri, ogr, rel in read_mapping(os.path.join(ref, "esco", "esco_rome_mapping_v1.4.csv")):
        if rel not in WEIGHT:
            fail(f"unknown mapping relation {rel!r} for appellation {ogr}")
        if uri in esco_isco:
            by_ogr[ogr].append((esco_isco[uri], rel))
    winners = defaultdict(list)  # code_rome -> winning group of each mapped appellation
    for a in apps:
        if a["code_rome"] not in fiches or not by_ogr.get(a["code_ogr"]):
            continue
        weight, best, count = Counter(), {}, Counter()
        for isco, rel in by_ogr[a["code_ogr"]]:
            weight[isco] += WEIGHT[rel]
            count[isco] += 1
            if isco not in best or WEIGHT[rel] > WEIGHT[best[isco]]:
                best[isco] = rel
        winners[a["code_rome"]].append(
            min(weight, key=lambda c: (-weight[c], -WEIGHT[best[c]], -count[c], c)))
    out = {}
    for code in fiches:
        codes = winners.get(code, [])
        votes = Counter(c for c in codes if c in scored)
        if votes:
            isco, k = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))
            out[code] = (isco, k, len(codes))
    return out


def average_ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def pearson(x, y):
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        return float("nan")
    return sxy / (sxx * syy) ** 0.5


def spearman(x, y):
    """Pearson correlation of the average ranks (the usual definition with ties)."""
    return pearson(average_ranks(x), average_ranks(y))


def run_exposure(cmd, stdin=None):
    try:
        p = subprocess.run(cmd, input=stdin, capture_output=True)
    except OSError as e:
        fail(f"cannot run {cmd[0]}: {e}")
    if p.returncode != 0:
        fail(f"{' '.join(cmd)} exited with {p.returncode}:\n{p.stderr.decode('utf-8', 'replace')}")
    return json.loads(p.stdout.decode("utf-8"))


def md(text):
    """Keeps a ROME or rubric text from breaking a Markdown table."""
    out = []
    for c in text:
        if c in "|\\*_`[]<>#":
            out.append("\\")
        out.append(" " if c in "\r\n" else c)
    return "".join(out)


def pct(share):
    return f"{100 * share:.1f} %"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", default=os.path.join(ROOT, "..", "shared", "reference"))
    ap.add_argument("--exposure")
    ap.add_argument("--rubric")
    ap.add_argument("--report", default=os.path.join(ROOT, "docs", "calibration.md"))
    ap.add_argument("--fixture", default=os.path.join(ROOT, "tests", "data", "calibration.csv"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()

    exe = args.exposure
    if exe is None:
        build = subprocess.run(["cargo", "build", "--quiet"], cwd=ROOT)
        if build.returncode != 0:
            fail("cargo build failed")
        exe = os.path.join(ROOT, "target", "debug", "exposure")
    rubric_args = ["--rubric", args.rubric] if args.rubric else []

    # Inputs
    fiche_rows = read_csv(os.path.join(ROOT, "scripts", "calibration_fiches.csv"))
    fiches = {r["code_rome"].strip(): r["libelle_rome"].strip() for r in fiche_rows}
    ilo = {r["isco08"]: r for r in read_csv(os.path.join(ROOT, "data", "ilo", "ilo_occupations.csv"))}
    isco_of = fiche_isco(args.reference, fiches, ilo)
    sf = sorted({(r["code_rome"], " ".join(r["savoir_faire"].split()))
                 for r in read_csv(os.path.join(args.reference, "rome",
                                                "derived_rome_savoir_faire_long.csv"))
                 if r["code_rome"] in fiches})
    missing = sorted(set(fiches) - {c for c, _ in sf})
    if missing:
        fail(f"fiches without savoir-faire in ROME v460: {', '.join(missing)}")

    # Score everything in one run of the real binary.
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["job", "task"])
    w.writerows(sf)
    scored = run_exposure([exe, "score", "-", "--level", "task", "--format", "json", *rubric_args],
                          buf.getvalue().encode("utf-8"))
    rules = {r["code"]: r for r in run_exposure([exe, "rubric", "--format", "json", *rubric_args])}
    by_line = {t["line"]: t for t in scored["tasks"]}
    results = []  # (code_rome, text, rule or None, score or None)
    for i, (code, text) in enumerate(sf):
        t = by_line.get(i + 2)
        if t is None or t["job"] != code:
            fail(f"the binary's output has no task for roster line {i + 2}")
        results.append((code, text, t["rule"], t["score"]))

    # Figures
    total = len(results)
    matched = [r for r in results if r[2] is not None]
    rule_counts = Counter(r[2] for r in matched)
    top = sorted(rule_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    max_share = top[0][1] / total if top else 0.0
    per_fiche = []
    for code in sorted(fiches):
        rows = [r for r in results if r[0] == code]
        scores = [r[3] for r in rows if r[3] is not None]
        isco = isco_of.get(code)
        per_fiche.append({
            "code": code, "label": fiches[code], "n": len(rows), "matched": len(scores),
            "rubric": sum(scores) / len(scores) if scores else None,
            "isco": isco[0] if isco else None, "vote": f"{isco[1]}/{isco[2]}" if isco else "",
            "ilo": float(ilo[isco[0]]["published_mean_2025"]) if isco else None,
        })
    pairs = [f for f in per_fiche if f["rubric"] is not None and f["ilo"] is not None]
    rho = spearman([f["rubric"] for f in pairs], [f["ilo"] for f in pairs]) if len(pairs) > 2 else float("nan")
    r_pearson = pearson([f["rubric"] for f in pairs], [f["ilo"] for f in pairs]) if len(pairs) > 2 else float("nan")
    share = len(matched) / total

    # Unmatched examples: round robin over the fiches, texts in sorted order.
    unmatched = defaultdict(list)
    for code, text, rule, _ in results:
        if rule is None:
            unmatched[code].append(text)
    examples, depth = [], 0
    while len(examples) < UNMATCHED_EXAMPLES and any(len(v) > depth for v in unmatched.values()):
        for code in sorted(unmatched):
            if depth < len(unmatched[code]) and len(examples) < UNMATCHED_EXAMPLES:
                examples.append((code, unmatched[code][depth]))
        depth += 1

    # Report
    ok = lambda b: "yes" if b else "**NO**"
    rubric_name = scored.get("rubric", {}).get("source", "?")
    if args.rubric:
        rubric_name = os.path.basename(args.rubric)
    L = []
    L.append("# Rubric calibration on ROME savoir-faire")
    L.append("")
    L.append("Generated by `python3 scripts/calibrate.py` — do not edit by hand; re-run it whenever "
             "`data/rubric.csv` changes.")
    L.append("")
    L.append(f"Rubric: `{rubric_name}`, {len(rules)} rules. Fiches: the {len(fiches)} ROME fiches of "
             "`scripts/calibration_fiches.csv` (those most common in local government). Their "
             f"{total} savoir-faire (ROME 4.0 v460) are scored by the `exposure` binary as one "
             "roster (job = fiche, task = savoir-faire). Each fiche's ISCO-08 occupation is a vote "
             "over its job titles: ROME appellation → ESCO (ESCO–ROME mapping v1.4, exact 3 / close 2 "
             "/ broad or narrow 1) → ISCO-08, keeping only occupations with ILO scores; `vote` = "
             "titles agreeing / titles mapped.")
    L.append("")
    L.append("Sources: ILO (Gmyrek et al. 2025), WP140 occupation means (`published_mean_2025`); "
             "France Travail ROME 4.0 v460 (Licence Ouverte 2.0); ESCO © European Union.")
    L.append("")
    L.append("## Headline")
    L.append("")
    L.append("| measure | value | threshold | met |")
    L.append("|---|---:|---:|---|")
    L.append(f"| savoir-faire matched by a rule | {len(matched)} / {total} = {pct(share)} | "
             f"≥ {pct(MIN_MATCHED)} | {ok(share >= MIN_MATCHED)} |")
    top_code = top[0][0] if top else "–"
    L.append(f"| largest share taken by one rule (`{top_code}`) | {pct(max_share)} | "
             f"≤ {pct(MAX_RULE_SHARE)} | {ok(max_share <= MAX_RULE_SHARE)} |")
    L.append(f"| Spearman rank correlation, rubric mean vs ILO mean (n = {len(pairs)} fiches) | "
             f"{rho:.3f} | ≥ {MIN_SPEARMAN:.2f} | {ok(rho >= MIN_SPEARMAN)} |")
    L.append("")
    L.append(f"Rules that match at least one savoir-faire: {len(rule_counts)} of {len(rules)}. "
             f"Pearson correlation of the same fiche means: {r_pearson:.3f}. "
             "Spearman ranks ties by their average rank (ILO means are published to 2 decimals).")
    L.append("")
    L.append(f"## The {min(TOP_RULES, len(top))} rules that match most often")
    L.append("")
    L.append("| rule | label | score | savoir-faire | share |")
    L.append("|---|---|---:|---:|---:|")
    for code, n in top[:TOP_RULES]:
        r = rules.get(code, {})
        L.append(f"| `{code}` | {md(r.get('label', ''))} | {r.get('score', 0):.2f} | {n} | "
                 f"{pct(n / total)} |")
    L.append("")
    L.append(f"## Unmatched examples ({len(examples)} of {total - len(matched)})")
    L.append("")
    L.append("| fiche | savoir-faire |")
    L.append("|---|---|")
    for code, text in examples:
        L.append(f"| {code} | {md(text)} |")
    L.append("")
    L.append("## Fiches")
    L.append("")
    L.append("| code | label | ISCO-08 | vote | savoir-faire | matched | rubric mean | ILO mean 2025 |")
    L.append("|---|---|---|---:|---:|---:|---:|---:|")
    for f in per_fiche:
        rub = f"{f['rubric']:.2f}" if f["rubric"] is not None else "–"
        il = f"{f['ilo']:.2f}" if f["ilo"] is not None else "–"
        isco = f"{f['isco']} {md(ilo[f['isco']]['title'])}" if f["isco"] else "–"
        L.append(f"| {f['code']} | {md(f['label'])} | {isco} | {f['vote']} | {f['n']} | "
                 f"{pct(f['matched'] / f['n'])} | {rub} | {il} |")
    no_isco = [f["code"] for f in per_fiche if f["isco"] is None]
    if no_isco:
        L.append("")
        L.append(f"Fiches without a scored ISCO-08 occupation (left out of the correlation): "
                 f"{', '.join(no_isco)}.")
    report = "\n".join(L) + "\n"

    fbuf = io.StringIO()
    fw = csv.writer(fbuf, lineterminator="\n")
    fw.writerow(["code_rome", "isco08", "savoir_faire"])
    for code, text in sf:
        fw.writerow([code, isco_of[code][0] if code in isco_of else "", text])
    fixture = fbuf.getvalue()

    outputs = [(args.report, report), (args.fixture, fixture)]
    if args.check:
        stale = []
        for path, text in outputs:
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    if f.read() != text:
                        stale.append(path)
            except OSError:
                stale.append(path)
        for p in stale:
            print(f"calibrate.py: {os.path.relpath(p, ROOT)} is out of date", file=sys.stderr)
        sys.exit(1 if stale else 0)
    for path, text in outputs:
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    print(f"{len(matched)}/{total} savoir-faire matched ({pct(share)}); "
          f"largest rule share {pct(max_share)} ({top_code}); "
          f"Spearman {rho:.3f} (n = {len(pairs)})")
    print(f"wrote {os.path.relpath(args.report, ROOT)} and {os.path.relpath(args.fixture, ROOT)}")


if __name__ == "__main__":
    main()
