#!/usr/bin/env python3
"""Rebuild data/isco/titles.csv: French job title (ROME 4.0 appellation) -> ISCO-08 unit group.

Chain: ROME appellation (code_ogr) -> ESCO occupation(s) (ESCO-ROME mapping v1.4) -> iscoGroup.

1. Direct vote. Each ESCO mapping of an appellation votes for its occupation's ISCO-08 group with
   weight exactMatch 3, closeMatch 2, broadMatch / narrowMatch 1. The winner is the group with the
   largest total weight (ties: stronger best relation, then more mappings, then smaller code).
   confidence = (winner weight / total weight) x strength of the winner's best relation
   (exact 1.00, close 0.85, broad or narrow 0.65: one loose link is thin evidence).
   via = "rome:<fiche>/ogr:<code_ogr> <relation> <winner weight>/<total weight>".
2. Fiche fallback. An appellation with no usable mapping (new in ROME 4.0, or its ESCO concept is
   absent from the ESCO/ISCO table) takes the majority ISCO group of the directly mapped appellations
   of its ROME fiche (code_rome): k of the n mapped appellations agree (n counts every mapped
   appellation; only groups with ILO scores can win).
   confidence = 0.6 x k / (n + 1) (a fallback is never as good as a direct link, and a majority of
   one or two is thin). via = "rome-fiche:<code_rome> majority k/n".
3. Parent fallback. If the fiche yields no scored group, the same over every fiche sharing its
   code_rome_parent: confidence = 0.5 x k / (n + 1), via = "rome-parent:<code> majority k/n".

Only ISCO groups with ILO scores (data/ilo/ilo_occupations.csv) are kept as targets: a direct
winner without scores is replaced by the fallbacks (its via then ends "; esco <group> unscored");
a title that no step places on a scored group is dropped. Drops are counted and printed.

Output: data/isco/titles.csv, columns title,isco08,confidence,via,code_rome; sorted; UTF-8; LF;
no timestamps, so re-running regenerates it byte for byte.
Usage: python3 scripts/build_isco_crosswalk.py [REFERENCE_DIR]   (default ../shared/reference)
"""
import csv
import io
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "reference")
OUT = os.path.join(ROOT, "data", "isco", "titles.csv")

WEIGHT = {"exactMatch": 3, "closeMatch": 2, "broadMatch": 1, "narrowMatch": 1}
SHORT = {"exactMatch": "exact", "closeMatch": "close", "broadMatch": "broad", "narrowMatch": "narrow"}
STRENGTH = {"exactMatch": 1.00, "closeMatch": 0.85, "broadMatch": 0.65, "narrowMatch": 0.65}
FICHE_FACTOR = 0.6
PARENT_FACTOR = 0.5
# Words that name no occupation by themselves: sharing only these is sharing nothing.
GENERIC = set("agent agente charge chargee responsable chef cheffe gestionnaire assistant assistante "
              "adjoint adjointe directeur directrice technicien technicienne employe employee "
              "operateur operatrice ouvrier ouvriere conseiller conseillere cadre collaborateur "
              "collaboratrice mission service metier professionnel professionnelle".split())
STOP = set("de du des la le les l d et en a au aux pour un une sur par chez avec dans ou".split())


def label_words(text):
    """The informative words of a title or label: folded, without stop or generic words."""
    text = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return {w for w in re.split(r"[^a-z0-9]+", text)
            if len(w) > 2 and w not in STOP and w not in GENERIC}


def share_a_word(a, b):
    """Whether two titles share an informative word (the same, or the same first 5 letters:
    "géographe" and "géographique", "comptable" and "comptabilité")."""
    return any(x == y or (len(x) >= 5 and len(y) >= 5 and x[:5] == y[:5])
               for x in label_words(a) for y in label_words(b))


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def read_mapping(path):
    """ESCO-ROME mapping: metadata lines, a blank line, then a 5-column table."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    start = next(i for i, l in enumerate(lines) if l.lower().startswith("classification 1 id,"))
    rows = []
    for r in csv.reader(io.StringIO("\n".join(lines[start + 1:]))):
        if len(r) >= 5 and r[0].strip():
            rows.append((r[0].strip(), r[2].strip(), r[4].strip().replace("skos:", ""), r[1]))
    return rows


def majority(codes, scored):
    """codes: the winning ISCO group of each mapped appellation of a fiche (scored or not).
    Returns (most frequent group with ILO scores, its count k, n = all mapped) or None."""
    c = Counter(x for x in codes if x in scored)
    if not c:
        return None
    code, k = min(c.items(), key=lambda kv: (-kv[1], kv[0]))
    return code, k, len(codes)


def main():
    ilo = {r["isco08"] for r in read_csv(os.path.join(ROOT, "data", "ilo", "ilo_occupations.csv"))}
    apps = read_csv(os.path.join(REF, "rome", "unix_referentiel_appellation_v460_utf8.csv"))
    esco_isco = {r["conceptUri"]: r["iscoGroup"].strip()
                 for r in read_csv(os.path.join(REF, "esco", "esco_occupations_isco08.csv"))}
    mapping = read_mapping(os.path.join(REF, "esco", "esco_rome_mapping_v1.4.csv"))

    by_ogr = defaultdict(list)
    unknown_uri = 0
    titles = {a["code_ogr"]: a["libelle_appellation_long"] for a in apps}
    for uri, ogr, rel, label in mapping:
        if rel not in WEIGHT:
            raise SystemExit(f"unknown mapping relation {rel!r} for ogr {ogr}")
        isco = esco_isco.get(uri)
        if isco is None:
            unknown_uri += 1
            continue
        # A loose link to an occupation named with none of the title's words ("Mécanicien en
        # motoculture" -> "réparateur d'outils électriques", "Gestionnaire de flotte
        # automobile" -> "chef de département") says the two are akin, not the same job.
        named_otherwise = rel != "exactMatch" and not share_a_word(label, titles.get(ogr, ""))
        by_ogr[ogr].append((isco, rel, named_otherwise))

    # 1. direct vote
    direct = {}          # ogr -> (isco, confidence, via), scored winners only
    winner = {}          # ogr -> winning group, scored or not (for the fiche majorities)
    unscored_direct = Counter()
    named_otherwise = set()  # ogr whose winning links all name another occupation
    for a in apps:
        ogr = a["code_ogr"]
        votes = by_ogr.get(ogr)
        if not votes:
            continue
        weight, best, count = Counter(), {}, Counter()
        for isco, rel, _ in votes:
            weight[isco] += WEIGHT[rel]
            count[isco] += 1
            if isco not in best or WEIGHT[rel] > WEIGHT[best[isco]]:
                best[isco] = rel
        total = sum(weight.values())
        win = min(weight, key=lambda c: (-weight[c], -WEIGHT[best[c]], -count[c], c))
        winner[ogr] = win
        if win not in ilo:
            unscored_direct[win] += 1
            continue
        conf = weight[win] / total * STRENGTH[best[win]]
        rels = "+".join(SHORT[r] for r in sorted({r for c, r, _ in votes if c == win},
                                                  key=lambda r: -WEIGHT[r]))
        via = f"rome:{a['code_rome']}/ogr:{ogr} {rels} {weight[win]}/{total}"
        direct[ogr] = (win, conf, via)
        if all(loose for c, _, loose in votes if c == win):
            named_otherwise.add(ogr)

    # 2-3. fallbacks: majority of the fiche's (then the parent group's) directly mapped titles
    fiche_codes, parent_codes = defaultdict(list), defaultdict(list)
    named_codes = defaultdict(list)  # the fiche's titles whose links name them
    for a in apps:
        if a["code_ogr"] in winner:
            fiche_codes[a["code_rome"]].append(winner[a["code_ogr"]])
            parent_codes[a["code_rome_parent"] or a["code_rome"]].append(winner[a["code_ogr"]])
            if a["code_ogr"] not in named_otherwise:
                named_codes[a["code_rome"]].append(winner[a["code_ogr"]])

    out, kinds, dropped, droplist = [], Counter(), Counter(), []
    for a in apps:
        title = " ".join(a["libelle_appellation_long"].replace("''", "'").split())
        rome = a["code_rome"]
        disputed = None
        if a["code_ogr"] in named_otherwise:
            # Named otherwise: the fiche's own majority, when it differs, is the better guess.
            m = majority(named_codes.get(rome, []), ilo)
            if m and m[0] != direct[a["code_ogr"]][0]:
                disputed = m
        if a["code_ogr"] in direct and not disputed:
            isco, conf, via = direct[a["code_ogr"]]
            kinds["direct"] += 1
        elif disputed:
            isco, k, n = disputed
            conf = FICHE_FACTOR * k / (n + 1)
            via = (f"rome-fiche:{rome} majority {k}/{n}; esco {winner[a['code_ogr']]} "
                   "named otherwise")
            kinds["named otherwise"] += 1
        else:
            m = majority(fiche_codes.get(rome, []), ilo)
            if m:
                isco, k, n = m
                conf, via = FICHE_FACTOR * k / (n + 1), f"rome-fiche:{rome} majority {k}/{n}"
                if a["code_ogr"] in winner:
                    via += f"; esco {winner[a['code_ogr']]} unscored"
                kinds["fiche"] += 1
            else:
                parent = a["code_rome_parent"] or rome
                m = majority(parent_codes.get(parent, []), ilo)
                if not m:
                    why = (f"ESCO group {winner[a['code_ogr']]} has no ILO scores"
                           if a["code_ogr"] in winner else "no mapping in fiche or parent")
                    dropped[why] += 1
                    droplist.append((rome, a["libelle_appellation_long"]))
                    continue
                isco, k, n = m
                conf, via = PARENT_FACTOR * k / (n + 1), f"rome-parent:{parent} majority {k}/{n}"
                if a["code_ogr"] in winner:
                    via += f"; esco {winner[a['code_ogr']]} unscored"
                kinds["parent"] += 1
        out.append((title, isco, f"{conf:.2f}", via, rome))

    out.sort(key=lambda r: (r[0].casefold(), r[0], r[4], r[1], r[3]))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["title", "isco08", "confidence", "via", "code_rome"])
        w.writerows(out)

    replaced = sum(unscored_direct.values())
    print(f"{len(apps)} ROME appellations, {len(mapping)} ESCO mappings "
          f"({unknown_uri} to ESCO concepts absent from the ISCO table)")
    print(f"direct vote: {kinds['direct']}; fiche majority: {kinds['fiche']}; "
          f"parent majority: {kinds['parent']}; fiche majority over a loose link to an "
          f"occupation named otherwise: {kinds['named otherwise']} "
          f"(of {len(named_otherwise)} such links)")
    rescued = replaced - sum(n for why, n in dropped.items() if why.startswith("ESCO group"))
    print(f"direct winners without ILO scores, sent to the fallbacks: {replaced} "
          f"({', '.join(f'{c}:{n}' for c, n in sorted(unscored_direct.items()))}); "
          f"{rescued} placed by a fallback")
    print(f"dropped (no target with ILO scores): {sum(dropped.values())} titles ("
          + "; ".join(f"{n}: {why}" for why, n in sorted(dropped.items())) + ")")
    fiches = Counter(r for r, _ in droplist)
    if fiches:
        print("dropped titles by ROME fiche: " + ", ".join(f"{r}:{n}" for r, n in sorted(fiches.items())))
    print(f"{len(out)} rows -> {os.path.relpath(OUT, ROOT)} ({os.path.getsize(OUT):,} bytes)")


if __name__ == "__main__":
    main()
