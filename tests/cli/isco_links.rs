//! How a ROME title gets its ISCO-08 code (`scripts/build_isco_crosswalk.py`, checked byte
//! for byte by `isco::crosswalk_script_regenerates_the_committed_file`): an ESCO link whose
//! group does not fit the title gives way to its fiche's majority, and the reviewed
//! corrections of `data/isco/title_overrides.csv` are applied and target scored codes.

use std::collections::{HashMap, HashSet};

use crate::{data, stdout};

/// (title, code_rome) → (isco08, via) of `data/isco/titles.csv`.
fn rome_titles() -> HashMap<(String, String), (String, String)> {
    let mut reader = csv::Reader::from_path(data("data/isco/titles.csv")).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                (r[0].to_string(), r[4].to_string()),
                (r[1].to_string(), r[3].to_string()),
            )
        })
        .collect()
}

fn code_of<'a>(
    titles: &'a HashMap<(String, String), (String, String)>,
    title: &str,
    fiche: &str,
) -> &'a (String, String) {
    titles
        .get(&(title.to_string(), fiche.to_string()))
        .unwrap_or_else(|| panic!("no ROME title {title:?} in {fiche}"))
}

/// The rule fixes links whose group names another job or level (a social worker for a home
/// care assistant, a manufacturing manager for a refuse collector, a machine operator for a
/// butcher, a retail manager for a hardware seller) and keeps the links it must not move: a
/// specialised group beside its fiche's general one (nursery teachers, special needs
/// teachers), a head whose group is a manager's or supervisor's, a technician the fiche's
/// majority would make a professional, a cleaner whose fiche's group shares only a prefix.
#[test]
fn a_link_whose_group_does_not_fit_the_title_takes_the_fiche_majority() {
    let titles = rome_titles();
    for (title, fiche, code) in [
        ("Aide-soignant / Aide-soignante à domicile", "J1501", "5321"),
        (
            "Equipier / Equipière de collecte de déchets",
            "K2303",
            "9611",
        ),
        ("Ouvrier boucher / Ouvrière bouchère", "D1101", "7511"),
        ("Quincaillier / Quincaillière", "D1212", "5223"),
        ("Gestionnaire d'immeubles", "C1501", "3334"),
    ] {
        let (got, via) = code_of(&titles, title, fiche);
        assert_eq!(got, code, "{title}");
        assert!(via.ends_with(" unlike the title"), "{title}: {via}");
    }
    for (title, fiche, code) in [
        (
            "Instituteur / Institutrice d'école maternelle",
            "K2106",
            "2342",
        ),
        (
            "Instituteur itinérant / Institutrice itinérante",
            "K2106",
            "2352",
        ),
        ("Chef / Cheffe de ligne de production", "H2502", "3122"),
        ("Directeur / Directrice de musée", "K1602", "1349"),
        (
            "Technicien / Technicienne de la météorologie",
            "M1893",
            "3111",
        ),
        ("Technicien / Technicienne géomètre", "F1109", "3112"),
        (
            "Nettoyeur / Nettoyeuse de mobilier urbain et publicitaire",
            "I1207",
            "9112",
        ),
        (
            "Instructeur / Instructrice Personnel Navigant Commercial (PNC)",
            "N2101",
            "2320",
        ),
        ("Maître / Maîtresse d'hôtel", "G1802", "5131"),
    ] {
        let (got, via) = code_of(&titles, title, fiche);
        assert_eq!(got, code, "{title}: {via}");
        assert!(via.starts_with("rome:"), "{title}: {via}");
    }
}

/// Every reviewed correction targets an ISCO-08 group with ILO scores, says why, and is what
/// `titles.csv` holds for the title (or, for `*`, every title of the fiche without a row of
/// its own).
#[test]
fn every_title_override_targets_a_scored_code_and_is_applied() {
    let scored: HashSet<String> = csv::Reader::from_path(data("data/ilo/ilo_occupations.csv"))
        .unwrap()
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    let titles = rome_titles();
    let mut reader = csv::Reader::from_path(data("data/isco/title_overrides.csv")).unwrap();
    assert_eq!(
        reader.headers().unwrap(),
        vec!["code_rome", "title", "isco08", "reason"]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // A row for one title of a fiche wins over the fiche's `*` row (the script applies it).
    let own: HashSet<(String, String)> = (records.iter())
        .filter(|r| &r[1] != "*")
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    let mut rows = 0;
    for r in records {
        let (fiche, title, code, reason) = (&r[0], &r[1], &r[2], &r[3]);
        rows += 1;
        assert!(
            scored.contains(code),
            "{fiche} {title}: {code} has no ILO scores"
        );
        assert!(reason.len() > 20, "{fiche} {title}: no reason");
        let held: Vec<_> = titles
            .iter()
            .filter(|((t, f), _)| {
                f == fiche && (t == title || title == "*" && !own.contains(&(f.clone(), t.clone())))
            })
            .collect();
        assert!(!held.is_empty(), "{fiche} {title}: no such ROME title");
        for ((t, _), (got, via)) in held {
            assert_eq!(got, code, "{t}: {via}");
        }
    }
    assert!(rows >= 40, "{rows} corrections");
    // An applied correction says so, and names the code the ESCO chain gave.
    let (code, via) = code_of(&titles, "Professeur / Professeure de violoncelle", "K2105");
    assert_eq!(
        (code.as_str(), via.as_str()),
        ("2354", "override:K2105 was 2310")
    );
}

/// `exposure isco` says in words how a corrected ROME title got its code.
#[test]
fn isco_explains_a_corrected_rome_title() {
    let out = stdout(&["isco", "Professeur de jazz"]);
    assert!(out.contains("2354"), "{out}");
    assert!(
        out.contains("reviewed correction of ROME K2105, where the ESCO chain gave ISCO 2310"),
        "{out}"
    );
    let out = stdout(&["isco", "Professeur de jazz", "--lang", "fr"]);
    assert!(
        out.contains(
            "correction relue de la fiche ROME K2105, où la chaîne ESCO donnait la CITP 2310"
        ),
        "{out}"
    );
    let out = stdout(&["isco", "Ouvrier boucher"]);
    assert!(out.contains("7511"), "{out}");
    assert!(
        out.contains("ESCO links it to ISCO 8160, a group that does not fit the title"),
        "{out}"
    );
}
