//! The held-out title table (issue 14), written apart from `data/isco/`: it must stay a table the
//! accuracy measurement can trust. Only its integrity is checked here; how it was written and the
//! coding conventions are in `tests/data/title_holdout.md`.

use std::collections::{BTreeMap, BTreeSet};

use crate::data;

const TABLE: &str = "tests/data/title_holdout.csv";
/// The size issue 14 asks of a test table.
const MIN_TITLES: usize = 250;
/// The métier families of issue 14; every one must be present.
const FAMILIES: [&str; 28] = [
    "direction",
    "administration",
    "finances",
    "RH",
    "commande publique",
    "affaires juridiques",
    "état civil et élections",
    "accueil",
    "social",
    "petite enfance",
    "éducation et périscolaire",
    "sport",
    "culture",
    "patrimoine et archives",
    "bibliothèques",
    "espaces verts",
    "propreté",
    "voirie et réseaux",
    "bâtiment",
    "garage et logistique",
    "restauration",
    "police municipale",
    "prévention et médiation",
    "SI et numérique",
    "urbanisme",
    "habitat",
    "environnement",
    "communication",
];

/// The ISCO-08 unit groups the ILO scored, as compiled into the binary (no armed-forces group).
fn scored_codes() -> BTreeSet<String> {
    let mut reader = csv::Reader::from_path(data("data/ilo/ilo_occupations.csv")).unwrap();
    reader
        .records()
        .map(|rec| rec.unwrap()[0].to_string())
        .collect()
}

#[test]
fn the_held_out_table_is_sound() {
    let codes = scored_codes();
    let mut reader = csv::Reader::from_path(data(TABLE)).unwrap();
    assert_eq!(
        reader.headers().unwrap(),
        vec!["title", "isco08", "family", "note"],
        "{TABLE}: header"
    );
    let mut problems = Vec::new();
    let mut first_line: BTreeMap<String, u64> = BTreeMap::new();
    let mut per_family: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows = 0;
    for rec in reader.records() {
        // Unequal field counts and invalid UTF-8 are errors of the reader: the table is not CSV.
        let rec = rec.unwrap_or_else(|e| panic!("{TABLE}: {e}"));
        let line = rec.position().map_or(0, |p| p.line());
        let (title, code, family) = (&rec[0], &rec[1], &rec[2]);
        rows += 1;
        if title.trim().is_empty() || title.trim() != title {
            problems.push(format!("line {line}: title {title:?} is empty or padded"));
        }
        let is_group = code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit());
        if !is_group || code.starts_with('0') || !codes.contains(code) {
            problems.push(format!(
                "line {line}: {code:?} is not a scored, non-military ISCO-08 unit group"
            ));
        }
        if !FAMILIES.contains(&family) {
            problems.push(format!("line {line}: unknown family {family:?}"));
        }
        *per_family.entry(family.to_string()).or_default() += 1;
        let key = title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if let Some(first) = first_line.insert(key, line) {
            problems.push(format!("line {line}: {title:?} repeats line {first}"));
        }
    }
    for family in FAMILIES {
        if !per_family.contains_key(family) {
            problems.push(format!("no title for the family {family:?}"));
        }
    }
    if rows < MIN_TITLES {
        problems.push(format!("{rows} titles, at least {MIN_TITLES} expected"));
    }
    assert!(problems.is_empty(), "{TABLE}:\n{}", problems.join("\n"));
}
