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
4. Links to an occupation named otherwise. A non-exact link whose ESCO label shares no
   informative word with the title gives way to the fiche's majority over the titles whose links
   do name them, when that majority differs. via = "rome-fiche:<code> majority k/n; esco <group>
   named otherwise".
5. Links whose group does not fit the title. A direct winner (any relation, exact included: ESCO
   files some French labels under a concept of another job, "aide-soignant à domicile" under
   "community care case worker", 2635) gives way to the same fiche majority when it holds at
   least half of those titles and either (a) the winner is a manager group (major group 1) while
   the title names no one who heads (HEADS: directeur, responsable, chef...), or (b) the title
   names no head, the winner's ISCO-08 group title (CITP-08, data/ilo/citp08_fr.csv) shares no
   word with the title while the majority's, in another sub-major group, does. The majority
   never makes a manager of a title that names no head, nor moves a title across the level its
   words set (LEVELS: a technicien is not made a professional). via = "rome-fiche:<code>
   majority k/n; esco <group> unlike the title".
6. Reviewed corrections. data/isco/title_overrides.csv (code_rome, title or "*" for every title
   of the fiche, isco08, reason) sets the code where the chain is wrong for a whole fiche or a
   title no rule above can tell (ESCO files music instructors under 2310, university teachers).
   Each row must name an existing title, target a group with ILO scores and change the code;
   otherwise the script stops. via = "override:<code_rome> was <group>", confidence 1.00.

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
OVERRIDES = os.path.join(ROOT, "data", "isco", "title_overrides.csv")

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
# Words of a title that name someone who heads: only such a title may be a manager (ISCO major 1).
HEADS = set("directeur directrice responsable chef cheffe manager gerant gerante dirigeant "
            "dirigeante president presidente superviseur superviseuse coordinateur coordinatrice "
            "coordonnateur coordonnatrice encadrant encadrante patron patronne cadre direction "
            "administrateur administratrice".split())
# Words that set a title's level: the major groups a title holding one may be moved into.
LEVELS = {w: majors for words, majors in (
    ("technicien technicienne", "3456789"),
    ("ingenieur ingenieure", "12"),
    ("aide ouvrier ouvriere manoeuvre employe employee equipier equipiere", "3456789"),
) for w in words.split()}
# Words of an ISCO-08 group title that name no trade.
GROUP_GENERIC = set("personnel professions intermediaires specialistes assimiles autres classes "
                    "ailleurs travailleurs employes".split())
STOP = set("de du des la le les l d et en a au aux pour un une sur par chez avec dans ou".split())


def folded_words(text):
    """The words of a title or label, lower case, accents folded."""
    text = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return set(re.split(r"[^a-z0-9]+", text))


def label_words(text):
    """The informative words of a title or label: folded, without stop or generic words."""
    return {w for w in folded_words(text) if len(w) > 2 and w not in STOP and w not in GENERIC}


def share_a_word(a, b):
    """Whether two titles share an informative word (the same, or the same first 5 letters:
    "géographe" and "géographique", "comptable" and "comptabilité")."""
    return any(x == y or (len(x) >= 5 and len(y) >= 5 and x[:5] == y[:5])
               for x in label_words(a) for y in label_words(b))


def unlike_the_title(title, code, majority_code, group_titles):
    """Whether a link's ISCO-08 group does not fit the ROME title where the fiche's majority
    group does (step 5): it makes a manager of a title that names no one who heads, or its
    group title shares no word with the title while the majority's, in another sub-major
    group, does. A title that names a head is left alone by the second test: the titles of
    manager and supervisor groups name no trade ("Chef de ligne de production", 3122)."""
    folded = folded_words(title)
    heads = bool(folded & HEADS)
    if majority_code[0] == "1" and not heads:
        return False
    if any(majority_code[0] not in LEVELS[w] for w in folded & LEVELS.keys()):
        return False
    if code[0] == "1" and majority_code[0] != "1":
        return not heads
    words = label_words(title)

    def shares(code):
        # 6 letters: "publicitaire" is not "publiques", "collecte" is "collecteurs".
        return any(x == y or (len(x) >= 6 and len(y) >= 6 and x[:6] == y[:6])
                   for x in words for y in label_words(group_titles[code]) - GROUP_GENERIC)
    return (not heads and code[:2] != majority_code[:2]
            and not shares(code) and shares(majority_code))


def read_overrides(path, apps, ilo):
    """data/isco/title_overrides.csv: {(code_rome, title or "*"): (isco08, reason)}, checked."""
    titles = {(a["code_rome"], " ".join(a["libelle_appellation_long"].replace("''", "'").split()))
              for a in apps}
    fiches = {rome for rome, _ in titles}
    rows = {}
    for line, r in enumerate(read_csv(path), start=2):
        key = (r["code_rome"], r["title"])
        where = f"{os.path.relpath(path, ROOT)} line {line}"
        if r["code_rome"] not in fiches or (r["title"] != "*" and key not in titles):
            raise SystemExit(f"{where}: no ROME title {r['title']!r} in fiche {r['code_rome']}")
        if r["isco08"] not in ilo:
            raise SystemExit(f"{where}: ISCO-08 {r['isco08']} has no ILO scores")
        if not r["reason"].strip():
            raise SystemExit(f"{where}: a correction needs its reason")
        if key in rows:
            raise SystemExit(f"{where}: {key} corrected twice")
        rows[key] = (r["isco08"], r["reason"])
    return rows


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
    group_titles = {r["isco08"]: r["title_fr"]
                    for r in read_csv(os.path.join(ROOT, "data", "ilo", "citp08_fr.csv"))}
    overrides = read_overrides(OVERRIDES, apps, ilo)

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

    out, kinds, dropped, droplist, used = [], Counter(), Counter(), [], set()
    for a in apps:
        title = " ".join(a["libelle_appellation_long"].replace("''", "'").split())
        rome = a["code_rome"]
        disputed = None
        if a["code_ogr"] in named_otherwise:
            # Named otherwise: the fiche's own majority, when it differs, is the better guess.
            m = majority(named_codes.get(rome, []), ilo)
            if m and m[0] != direct[a["code_ogr"]][0]:
                disputed = (*m, "named otherwise")
        if a["code_ogr"] in direct and not disputed:
            # The link's group does not fit the title where the fiche's majority does.
            m = majority(named_codes.get(rome, []), ilo)
            code = direct[a["code_ogr"]][0]
            if (m and m[0] != code and 2 * m[1] >= m[2]
                    and unlike_the_title(title, code, m[0], group_titles)):
                disputed = (*m, "unlike the title")
        if a["code_ogr"] in direct and not disputed:
            isco, conf, via = direct[a["code_ogr"]]
            kind = "direct"
        elif disputed:
            isco, k, n, why = disputed
            conf = FICHE_FACTOR * k / (n + 1)
            via = f"rome-fiche:{rome} majority {k}/{n}; esco {winner[a['code_ogr']]} {why}"
            kind = why
        else:
            m = majority(fiche_codes.get(rome, []), ilo)
            if m:
                isco, k, n = m
                conf, via = FICHE_FACTOR * k / (n + 1), f"rome-fiche:{rome} majority {k}/{n}"
                if a["code_ogr"] in winner:
                    via += f"; esco {winner[a['code_ogr']]} unscored"
                kind = "fiche"
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
                kind = "parent"
        key = (rome, title) if (rome, title) in overrides else (rome, "*")
        fix = overrides.get(key)
        if fix and fix[0] == isco and key[1] != "*":
            raise SystemExit(f"title_overrides.csv: {rome} {title!r} is already {isco}")
        if fix and fix[0] != isco:
            used.add(key)
            isco, conf, via = fix[0], 1.0, f"override:{rome} was {isco}"
            kind = "override"
        kinds[kind] += 1
        out.append((title, isco, f"{conf:.2f}", via, rome))

    if set(overrides) - used:
        raise SystemExit(f"title_overrides.csv: rows that correct no title: {sorted(set(overrides) - used)}")
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
          f"(of {len(named_otherwise)} such links); fiche majority over a link whose group does "
          f"not fit the title: {kinds['unlike the title']}; reviewed corrections "
          f"(title_overrides.csv): {kinds['override']}")
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
