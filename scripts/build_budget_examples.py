#!/usr/bin/env python3
"""Writes the budget documents of a fictitious commune, Val-Fictif, in data/examples/budget/:
its comptes administratifs 2022, 2023 and 2024 in the national XML format of budget documents
(DocumentBudgetaire, the TOTEM schema), ISO-8859-1 as most published files are.

Everything here is invented: the commune, its SIRET (21990001200018 is not a real one), its
figures and its staff. The layout follows the published documents of reference/budgets/: a
header (EnTeteDocBudgetaire), the budget's header and BlocBudget, a few budget lines, and the
staff annex (DATA_PERSONNEL), one PERSONNEL element per grade, status and working time.

Usage: python3 scripts/build_budget_examples.py   (deterministic: same files every run)
"""
from pathlib import Path
from xml.sax.saxutils import quoteattr

OUT = Path(__file__).resolve().parent.parent / "data" / "examples" / "budget"

# (CodTypAgent, EmploiGradeAgent, CodCatAgent, CodSectAgentTitulaire, TempsComplet, Permanent,
#  NatureContrat, CodMotifContrAgent, EffectifBud, EffectifPourvu in 2022, 2023, 2024)
STAFF = [
    ("I", "Directeur général des services des communes de 2 000 à 10 000 hab.", "A", "DIR1", True, True, "", "", 1, (1, 1, 1)),
    ("I", "Attaché principal", "A", "ADM", True, True, "", "", 2, (2, 2, 2)),
    ("I", "Attaché territorial", "A", "ADM", True, True, "", "", 3, (2, 3, 3)),
    ("I", "Rédacteur principal de 1ère classe", "B", "ADM", True, True, "", "", 2, (2, 2, 1)),
    ("I", "Rédacteur territorial", "B", "ADM", True, True, "", "", 4, (3, 3, 4)),
    ("I", "Adjoint administratif principal de 1ère classe", "C", "ADM", True, True, "", "", 6, (6, 5, 5)),
    ("I", "Adjoint administratif principal de 2ème classe", "C", "ADM", True, True, "", "", 8, (7, 8, 8)),
    ("I", "Adjoint administratif territorial", "C", "ADM", False, True, "", "", 3, (2.5, 2.5, 1.8)),
    ("I", "Ingénieur territorial", "A", "TECH", True, True, "", "", 2, (1, 2, 2)),
    ("I", "Technicien principal de 2ème classe", "B", "TECH", True, True, "", "", 3, (3, 3, 3)),
    ("I", "Agent de maîtrise principal", "C", "TECH", True, True, "", "", 4, (4, 4, 4)),
    ("I", "Adjoint technique principal de 1ère classe", "C", "TECH", True, True, "", "", 12, (12, 11, 11)),
    ("I", "Adjoint technique principal de 2ème classe", "C", "TECH", True, True, "", "", 18, (17, 18, 17)),
    ("I", "Adjoint technique territorial", "C", "TECH", True, True, "", "", 22, (21, 20, 22)),
    ("I", "Adjoint technique territorial", "C", "TECH", False, True, "", "", 6, (4.6, 4.9, 5.2)),
    ("I", "Agent spécialisé principal de 2ème classe des écoles maternelles", "C", "MS", True, True, "", "", 7, (7, 7, 6)),
    ("I", "Auxiliaire de puériculture de classe supérieure", "B", "MS", True, True, "", "", 5, (5, 5, 5)),
    ("I", "Infirmier en soins généraux de classe normale", "A", "MS", True, True, "", "", 1, (1, 1, 1)),
    ("I", "Educateur de jeunes enfants", "A", "S", True, True, "", "", 3, (2, 3, 3)),
    ("I", "Animateur territorial", "B", "ANIM", True, True, "", "", 2, (2, 2, 2)),
    ("I", "Adjoint d'animation principal de 2ème classe", "C", "ANIM", True, True, "", "", 9, (8, 9, 9)),
    ("I", "Adjoint territorial du patrimoine", "C", "CULT", True, True, "", "", 3, (3, 3, 2)),
    ("I", "Assistant de conservation du patrimoine", "B", "CULT", True, True, "", "", 1, (1, 1, 1)),
    ("I", "Educateur des activités physiques et sportives principal de 2ème classe", "B", "SP", True, True, "", "", 2, (2, 2, 2)),
    ("I", "Brigadier-chef principal", "C", "POL", True, True, "", "", 3, (3, 3, 4)),
    ("I", "Gardien-brigadier", "C", "POL", True, True, "", "", 2, (1, 2, 2)),
    ("N", "Adjoint technique territorial", "C", "TECH", True, False, "CDD", "3-1", 5, (4, 6, 5)),
    ("N", "Adjoint d'animation", "C", "ANIM", False, False, "CDD", "3-2", 8, (5.4, 6.1, 6.3)),
    ("N", "Chargé de communication", "A", "ADM", True, True, "CDD", "3-3-2°", 1, (1, 1, 1)),
    ("N", "Conseiller numérique", "B", "X", True, False, "CDD", "3-3-2°", 1, (0, 1, 1)),
    ("N", "Collaborateur de cabinet", "A", "DIR3", True, True, "CDD", "110", 1, (1, 1, 1)),
]

# Budget lines, for a document that looks whole: (chapter, nature, function, amount 2024).
LINES = [
    ("012", "64111", "020", 2_913_400.17),
    ("012", "64131", "020", 642_880.50),
    ("011", "6063", "020", 188_214.02),
]


def number(x):
    return f"{x:.1f}" if isinstance(x, float) else str(x)


def document(year, index):
    v = lambda tag, value, pad: f'{" " * pad}<{tag} V={quoteattr(str(value))}/>'
    out = ['<?xml version="1.0" encoding="ISO-8859-1"?>',
           '<DocumentBudgetaire xmlns="http://www.minefi.gouv.fr/cp/demat/docbudgetaire">',
           v("VersionSchema", 113, 3),
           "   <EnTeteDocBudgetaire>",
           v("DteStr", f"{year + 1}-05-20", 6),
           v("LibellePoste", "099000", 6),
           v("IdPost", "099000", 6),
           v("LibelleColl", "COMMUNE DE VAL-FICTIF", 6),
           v("IdColl", "21990001200018", 6),
           v("NatCEPL", "Commune", 6),
           v("Departement", "099", 6),
           "   </EnTeteDocBudgetaire>",
           "   <Budget>",
           "      <EnTeteBudget>",
           v("LibelleEtab", "BUDGET PRINCIPAL", 9),
           v("IdEtab", "21990001200018", 9),
           v("CodColl", "099", 9),
           v("Nomenclature", "M57-M57", 9),
           "      </EnTeteBudget>",
           "      <BlocBudget>",
           v("NatDec", "09", 9),
           v("Exer", year, 9),
           v("ProjetBudget", "false", 9),
           v("DteDec", f"{year + 1}-05-15", 9),
           v("NatVote", "FcIc", 9),
           "      </BlocBudget>"]
    for chapter, nature, function, amount in LINES:
        out += ["      <LigneBudget>",
                v("Nature", nature, 9),
                v("Fonction", function, 9),
                v("ChapitreSpe", chapter, 9),
                v("CodRD", "D", 9),
                v("MtReal", f"{amount * (0.94 + 0.03 * index):.2f}", 9),
                "      </LigneBudget>"]
    out += ["      <Annexes>", "         <DATA_PERSONNEL>"]
    for (typ, label, cat, sect, complet, permanent, contract, motif, bud, filled) in STAFF:
        out.append("            <PERSONNEL>")
        out.append(v("CodTypAgent", typ, 15))
        out.append(v("EmploiGradeAgent", label, 15))
        out.append(v("CodCatAgent", cat, 15))
        out.append(v("TempsComplet", "true" if complet else "false", 15))
        out.append(v("Permanent", "true" if permanent else "false", 15))
        if contract:
            out.append(v("NatureContrat", contract, 15))
        out.append(v("CodSectAgentTitulaire", sect, 15))
        if motif:
            out.append(v("CodMotifContrAgent", motif, 15))
        out.append(v("EffectifBud", number(bud), 15))
        out.append(v("EffectifPourvu", number(filled[index]), 15))
        out.append("            </PERSONNEL>")
    out += ["         </DATA_PERSONNEL>", "      </Annexes>", "   </Budget>", "</DocumentBudgetaire>", ""]
    return "\n".join(out)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for index, year in enumerate((2022, 2023, 2024)):
        (OUT / f"CA_{year}.xml").write_bytes(document(year, index).encode("iso-8859-1"))


if __name__ == "__main__":
    main()
