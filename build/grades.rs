//! The grade tables of `src/grades/tables.rs` (read from `data/fpt/`) as Rust statics
//! (`$OUT_DIR/grades.rs`, included by `src/grades.rs`). Every text is a slice of one string,
//! `BLOB`, between two offsets of `TEXTS`; a list of texts is a `Span` of text numbers. No
//! static holds a pointer but `BLOB`: each pointer costs the loader a relocation at every start.

use std::fmt::Write as _;
use std::path::Path;

use crate::grade_tables::{self, Tables};

pub const INPUTS: [&str; 3] = [
    "data/fpt/cadres.csv",
    "data/fpt/abbreviations.csv",
    "src/grades/tables.rs",
];

/// The texts, numbered in the order written.
struct Texts {
    blob: String,
    offsets: Vec<u32>,
}

impl Texts {
    fn add(&mut self, text: &str) -> u32 {
        self.blob.push_str(text);
        self.offsets.push(self.blob.len() as u32);
        self.offsets.len() as u32 - 2
    }

    /// A list of texts: `Span { start, end }` of their numbers.
    fn span<'a>(&mut self, texts: impl IntoIterator<Item = &'a String>) -> String {
        let start = self.offsets.len() - 1;
        for t in texts {
            self.add(t);
        }
        format!("Span {{ start: {start}, end: {} }}", self.offsets.len() - 1)
    }
}

fn array(out: &mut String, name: &str, kind: &str, items: &[String]) {
    writeln!(
        out,
        "pub(super) static {name}: [{kind}; {}] = [",
        items.len()
    )
    .unwrap();
    for item in items {
        writeln!(out, "    {item},").unwrap();
    }
    out.push_str("];\n");
}

pub fn generate(out_dir: &Path) {
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let tables: Tables = grade_tables::parse(&read(INPUTS[0]), &read(INPUTS[1]));
    let mut texts = Texts {
        blob: String::new(),
        offsets: vec![0],
    };
    let mut out = String::new();
    let mut shares = Vec::new();
    let mut cadres = Vec::new();
    for c in &tables.cadres {
        let start = shares.len();
        for (code, share) in &c.occupations {
            shares.push(format!("({}, {share:?})", texts.add(code)));
        }
        cadres.push(format!(
            "CadreRow {{ id: {}, libelle: {}, filiere: {}, categorie: {}, grades: {}, shares: Span {{ start: {start}, end: {} }}, mix_source: {}, justification: {} }}",
            texts.add(&c.id),
            texts.add(&c.libelle),
            texts.add(&c.filiere),
            texts.add(&c.categorie),
            texts.span(&c.grades),
            shares.len(),
            texts.add(&c.mix_source),
            texts.add(&c.justification),
        ));
    }
    array(&mut out, "CADRES", "CadreRow", &cadres);
    array(&mut out, "SHARES", "(u32, f64)", &shares);
    let grades: Vec<String> = (tables.grades.iter())
        .map(|g| {
            format!(
                "GradeRow {{ cadre: {}, name: {}, occupation: {}, key: {} }}",
                g.cadre,
                texts.add(&g.name),
                g.occupation.as_ref().map_or(u32::MAX, |o| texts.add(o)),
                texts.span(&g.key),
            )
        })
        .collect();
    array(&mut out, "GRADES", "GradeRow", &grades);
    let mut grade_ids: Vec<String> = Vec::new();
    for (name, index) in [("FIRST", &tables.first), ("SECOND", &tables.second)] {
        let entries: Vec<String> = (index.iter())
            .map(|(k, gs)| {
                let start = grade_ids.len();
                grade_ids.extend(gs.iter().map(|g| g.to_string()));
                format!(
                    "({}, Span {{ start: {start}, end: {} }})",
                    texts.add(k),
                    grade_ids.len()
                )
            })
            .collect();
        array(&mut out, name, "(u32, Span)", &entries);
    }
    array(&mut out, "GRADE_IDS", "u32", &grade_ids);
    let cadre_words: Vec<String> = (tables.cadre_words.iter()).map(|w| texts.span(w)).collect();
    array(&mut out, "CADRE_WORDS", "Span", &cadre_words);
    let forms: Vec<String> = tables.forms.iter().map(|g| g.to_string()).collect();
    array(&mut out, "FORMS", "u32", &forms);
    let mut expansions = Vec::new();
    let abbreviations: Vec<String> = (tables.abbreviations.iter())
        .map(|(a, es)| {
            let start = expansions.len();
            expansions.extend(es.iter().map(|e| texts.span(e)));
            format!(
                "({}, Span {{ start: {start}, end: {} }})",
                texts.add(a),
                expansions.len()
            )
        })
        .collect();
    array(&mut out, "ABBREVIATIONS", "(u32, Span)", &abbreviations);
    array(&mut out, "EXPANSIONS", "Span", &expansions);
    for (name, words) in [
        ("KEY_WORDS", texts.span(&tables.key_words)),
        ("VOCABULARY", texts.span(&tables.vocabulary)),
        ("BY_LENGTH", texts.span(&tables.by_length)),
        (
            "CANONICAL_VOCABULARY",
            texts.span(&tables.canonical_vocabulary),
        ),
    ] {
        writeln!(out, "pub(super) static {name}: Span = {words};").unwrap();
    }
    writeln!(out, "pub(super) static BLOB: &str = {:?};", texts.blob).unwrap();
    array(
        &mut out,
        "TEXTS",
        "u32",
        &(texts.offsets.iter().map(u32::to_string).collect::<Vec<_>>()),
    );
    std::fs::write(out_dir.join("grades.rs"), out).expect("writing grades.rs");
}
