//! The grade tables read from `data/fpt/cadres.csv` and `data/fpt/abbreviations.csv`, and the
//! rules that reduce a grade's words to its key. `build/grades.rs` reads them at build time
//! into the statics `crate::grades` uses (reading them took about 15 M instructions on every
//! run); the tests read them again at run time and compare.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use crate::title::{normalize_title, stem, stems_to};

/// Rank and status words, as `canonical` reduces them: removed from every label and grade.
pub const RANK_WORDS: &str = "principal classe hors normal superieur exceptionnel territorial \
stagiaire titulaire non contractuel emploi fonctionnel premier deuxieme second er re ere eme nd nde";
/// Removed in a second pass only: they tell cadres apart ("Ingénieur en chef") but a label may
/// carry them as a rank ("Rédacteur chef", "Directeur général…" beside its sigle).
pub const SECOND_PASS_WORDS: &str = "chef general";
/// Function words, dropped from the keys.
pub const STOPWORDS: [&str; 14] = [
    "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "a", "au", "aux", "pour",
];
/// The filière of the contractual forms (apprenti, vacataire…): a label that names one may go
/// on to name the post ("Vacataire périscolaire").
pub const FORMS: &str = "hors filiere";

/// A cadre d'emplois as the table gives it; its occupations sorted, largest share first.
#[derive(Debug, PartialEq)]
pub struct CadreRow {
    pub id: String,
    pub libelle: String,
    pub filiere: String,
    pub categorie: String,
    pub grades: Vec<String>,
    pub occupations: Vec<(String, f64)>,
    pub mix_source: String,
    pub justification: String,
}

/// A grade of the table with its key words.
#[derive(Debug, PartialEq)]
pub struct GradeRow {
    pub cadre: usize,
    pub name: String,
    /// The grade's own occupation, in a cadre of several professions.
    pub occupation: Option<String>,
    /// First-pass key words, sorted.
    pub key: Vec<String>,
}

/// The tables with the index of grade keys.
#[derive(Debug, PartialEq)]
pub struct Tables {
    pub cadres: Vec<CadreRow>,
    pub grades: Vec<GradeRow>,
    /// Key (sorted canonical words) → grades, for the first and the second pass.
    pub first: BTreeMap<String, Vec<usize>>,
    pub second: BTreeMap<String, Vec<usize>>,
    /// Per cadre, the words of its name (rank removed, canonical).
    pub cadre_words: Vec<BTreeSet<String>>,
    /// Every word of a grade's key or of a cadre's name.
    pub key_words: BTreeSet<String>,
    /// The grades of the contractual forms, which a post may follow.
    pub forms: Vec<usize>,
    /// Folded words of every grade, rank word and expansion: the words a label may use.
    pub vocabulary: BTreeSet<String>,
    /// The vocabulary by length in bytes, then in order, for spelling corrections.
    pub by_length: Vec<String>,
    /// The same words reduced by `canonical`: "adjointe" and "territoriale" are known words.
    pub canonical_vocabulary: BTreeSet<String>,
    /// Abbreviation → its expansions, each as words.
    pub abbreviations: BTreeMap<String, Vec<Vec<String>>>,
}

/// The masculine singular of a folded word ("attachée" → "attach", "territoriaux" →
/// "territorial"), the same on both sides.
pub fn canonical(word: &str) -> String {
    // (Read for every word a grade label holds that the thread meets first: a stem that
    // leaves the word as it is, most of them, is tested without being made.)
    let mut w = std::borrow::Cow::Borrowed(word);
    if w.len() > 4 && w.ends_with("aux") {
        w = format!("{}al", &w[..w.len() - 3]).into();
    }
    // Stemming twice folds "attachée" and "attaché" alike.
    for _ in 0..3 {
        if stems_to(&w, &w) {
            break;
        }
        w = stem(&w).into();
    }
    w.into_owned()
}

fn word_set(words: &str) -> Vec<String> {
    words.split_whitespace().map(canonical).collect()
}

pub fn rank_words() -> &'static [String] {
    static SET: OnceLock<Vec<String>> = OnceLock::new();
    SET.get_or_init(|| word_set(RANK_WORDS))
}

pub fn second_pass_words() -> &'static [String] {
    static SET: OnceLock<Vec<String>> = OnceLock::new();
    SET.get_or_init(|| word_set(SECOND_PASS_WORDS))
}

/// "1", "2e", "1ere", "2eme", "1er", "2nd": an ordinal of a class.
pub fn is_ordinal(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && ["", "e", "er", "re", "ere", "eme", "nd", "nde", "ieme"].contains(&&word[digits..])
}

/// The key of a word list: rank and status words removed (and, in the second pass, the words
/// that may be a rank), then function words; canonical forms, sorted.
pub fn key(words: &[String], second: bool) -> (String, Vec<String>) {
    let mut removed = Vec::new();
    let mut kept = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if STOPWORDS.contains(&w.as_str()) {
            continue;
        }
        let c = canonical(w);
        let is_rank = is_ordinal(w)
            || rank_words().contains(&c)
            || (second && second_pass_words().contains(&c) && (c != "chef" || i > 0));
        if is_rank {
            removed.push(w.clone());
        } else {
            kept.push(c);
        }
    }
    kept.sort();
    (kept.join(" "), removed)
}

/// Reads the tables from the text of `cadres.csv` and `abbreviations.csv`.
pub fn parse(cadres: &str, abbreviations: &str) -> Tables {
    let mut list = Vec::new();
    let mut grade_codes = Vec::new();
    let mut reader = csv::Reader::from_reader(cadres.as_bytes());
    for rec in reader.records() {
        let rec = rec.expect("data/fpt/cadres.csv is valid CSV");
        let mut occupations: Vec<(String, f64)> = rec[5]
            .split('|')
            .map(|part| match part.split_once(':') {
                Some((code, share)) => (
                    code.trim().to_string(),
                    share
                        .trim()
                        .parse()
                        .expect("a share in data/fpt/cadres.csv"),
                ),
                None => (part.trim().to_string(), 1.0),
            })
            .collect();
        // A grade may name its own occupation: "diététicien de classe normale=2265".
        let grades: Vec<(String, Option<String>)> = rec[4]
            .split('|')
            .map(|g| match g.split_once('=') {
                Some((name, code)) => (name.trim().to_string(), Some(code.trim().to_string())),
                None => (g.trim().to_string(), None),
            })
            .collect();
        grade_codes.push(grades.iter().map(|(_, c)| c.clone()).collect::<Vec<_>>());
        occupations.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        list.push(CadreRow {
            id: rec[0].to_string(),
            libelle: rec[1].to_string(),
            filiere: rec[2].to_string(),
            categorie: rec[3].to_string(),
            grades: grades.iter().map(|(name, _)| name.clone()).collect(),
            occupations,
            mix_source: rec[6].to_string(),
            justification: rec[7].to_string(),
        });
    }
    let mut abbrev: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(abbreviations.as_bytes());
    for rec in reader.records() {
        let rec = rec.expect("data/fpt/abbreviations.csv is valid CSV");
        let expansion = normalize_title(&rec[1])
            .split(' ')
            .map(str::to_string)
            .collect();
        abbrev
            .entry(rec[0].to_string())
            .or_default()
            .push(expansion);
    }
    let mut vocabulary: BTreeSet<String> = BTreeSet::new();
    for w in RANK_WORDS
        .split_whitespace()
        .chain(SECOND_PASS_WORDS.split_whitespace())
    {
        vocabulary.insert(w.to_string());
    }
    for expansions in abbrev.values() {
        vocabulary.extend(expansions.iter().flatten().cloned());
    }
    let mut first: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut second: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut grades = Vec::new();
    let folded = |text: &str| -> Vec<String> {
        normalize_title(text)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut cadre_words = Vec::with_capacity(list.len());
    for (i, cadre) in list.iter().enumerate() {
        let libelle = folded(&cadre.libelle);
        cadre_words.push(
            key(&libelle, false)
                .0
                .split(' ')
                .map(str::to_string)
                .collect(),
        );
        vocabulary.extend(libelle);
        for (grade, code) in cadre.grades.iter().zip(&grade_codes[i]) {
            let words = folded(grade);
            vocabulary.extend(words.iter().cloned());
            let first_key = key(&words, false).0;
            for (map, k) in [
                (&mut first, first_key.clone()),
                (&mut second, key(&words, true).0),
            ] {
                map.entry(k).or_default().push(grades.len());
            }
            grades.push(GradeRow {
                cadre: i,
                name: grade.clone(),
                occupation: code.clone(),
                key: first_key.split(' ').map(str::to_string).collect(),
            });
        }
    }
    let key_words = (grades.iter().flat_map(|g| g.key.iter()))
        .chain(cadre_words.iter().flatten())
        .cloned()
        .collect();
    let forms = (0..grades.len())
        .filter(|&g| list[grades[g].cadre].filiere == FORMS)
        .collect();
    let mut by_length: Vec<String> = vocabulary.iter().cloned().collect();
    // Stable: each length's words stay in order.
    by_length.sort_by_key(String::len);
    Tables {
        cadres: list,
        grades,
        first,
        second,
        cadre_words,
        key_words,
        forms,
        canonical_vocabulary: vocabulary.iter().map(|w| canonical(w)).collect(),
        vocabulary,
        by_length,
        abbreviations: abbrev,
    }
}
