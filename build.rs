//! Prepares the ISCO crosswalk's index at build time: every reference title of
//! `data/isco/curated.csv` and `data/isco/titles.csv` read by the title reader of `src/title.rs`
//! (the very file the crate uses), its words numbered, and the tables the matcher looks them up
//! in, written as Rust statics into `$OUT_DIR/crosswalk.rs` (included by `src/isco.rs`). Reading
//! the 13,000 titles took about 300 M instructions on every run; the data stays reviewable CSV.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/title.rs"]
mod title;

// The title reader's memo hashes with the crate's hasher.
#[allow(dead_code)]
#[path = "src/hashing.rs"]
mod hashing;

#[path = "build/ilo.rs"]
mod ilo;

#[path = "src/grades/tables.rs"]
mod grade_tables;

#[path = "build/grades.rs"]
mod grades;

#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;

#[allow(dead_code)]
#[path = "src/rubric/index.rs"]
mod rubric_index;

#[path = "build/rubric.rs"]
mod rubric;

#[path = "build/coded.rs"]
mod coded;

/// A reference row: title, ISCO-08 code, the row's confidence, how its code was found, the
/// curated row's reason, and whether it is curated.
type Row = (String, String, f64, String, Option<String>, bool);

/// The texts of the crosswalk, each once, one after the other in one string, each written as
/// its (start, end) in bytes: the tables hold no pointer, so the loader relocates nothing in
/// them (76,000 relocations made every start 4 ms slower).
#[derive(Default)]
struct Texts {
    text: String,
    at: HashMap<String, String>,
}

impl Texts {
    fn add(&mut self, text: &str) -> String {
        if let Some(span) = self.at.get(text) {
            return span.clone();
        }
        let start = self.text.len();
        self.text.push_str(text);
        let span = format!("({start}, {})", self.text.len());
        self.at.insert(text.to_string(), span.clone());
        span
    }
}

fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    let mut curated =
        csv::Reader::from_path("data/isco/curated.csv").expect("data/isco/curated.csv");
    for rec in curated.records() {
        let rec = rec.expect("data/isco/curated.csv is valid CSV");
        // title, isco08, family, reason (empty where the code is plain)
        let reason = rec[3].trim();
        rows.push((
            rec[0].to_string(),
            rec[1].to_string(),
            1.0,
            "curated".to_string(),
            (!reason.is_empty()).then(|| reason.to_string()),
            true,
        ));
    }
    let mut titles = csv::Reader::from_path("data/isco/titles.csv").expect("data/isco/titles.csv");
    for rec in titles.records() {
        let rec = rec.expect("data/isco/titles.csv is valid CSV");
        let confidence: f64 = rec[2].parse().expect("data/isco/titles.csv: confidence");
        rows.push((
            rec[0].to_string(),
            rec[1].to_string(),
            confidence,
            rec[3].to_string(),
            None,
            false,
        ));
    }
    rows
}

/// `IDF` (per token, its inverse document frequency), `WEIGHTS` (per reference, its tokens'
/// idf × their role's factor, summed in token order) and `UNSEEN_IDF`: computed here as
/// `Crosswalk::builtin` computed them on every run (4,700 logarithms, 0.8 M instructions), the
/// same floating-point operations in the same order; a test recomputes them bit for bit.
fn weights(out: &mut String, words: usize, references: &[Vec<(u32, title::Role)>]) {
    let mut df = vec![0u32; words];
    for tokens in references {
        for &(t, _) in tokens {
            df[t as usize] += 1;
        }
    }
    let n = references.len() as f64;
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| ((n + 1.0) / (d as f64 + 1.0)).ln() + 1.0)
        .collect();
    let weights: Vec<f64> = references
        .iter()
        .map(|tokens| {
            (tokens.iter())
                .map(|&(t, role)| idf[t as usize] * role.reference_factor())
                .sum()
        })
        .collect();
    writeln!(out, "pub static IDF: [f64; {}] = {idf:?};", idf.len()).unwrap();
    writeln!(
        out,
        "pub static WEIGHTS: [f64; {}] = {weights:?};",
        weights.len()
    )
    .unwrap();
    writeln!(
        out,
        "pub const UNSEEN_IDF: f64 = {:?};",
        (n + 1.0).ln() + 1.0
    )
    .unwrap();
}

/// `$OUT_DIR/sigles.rs`: the title reader's sigle tables (`title::sigle_tables`, read from
/// `data/isco/sigles.csv` and normalised) as statics, for `src/title.rs`.
fn sigles(out_dir: &Path) {
    let (sigles, phrases) = title::sigle_tables();
    let mut out = format!("pub static SIGLES: [super::Sigle; {}] = [\n", sigles.len());
    for sigle in sigles {
        writeln!(out, "    {sigle:?},").unwrap();
    }
    writeln!(
        out,
        "];\npub static PHRASES: [super::Phrase; {}] = [",
        phrases.len()
    )
    .unwrap();
    for (short, long, stems) in phrases {
        writeln!(out, "    ({short:?}, {long:?}, &{stems:?}),").unwrap();
    }
    out.push_str("];\n");
    std::fs::write(out_dir.join("sigles.rs"), out).expect("writing sigles.rs");
}

fn main() {
    for input in [
        "build.rs",
        "src/title.rs",
        "data/isco/curated.csv",
        "data/isco/titles.csv",
        "data/isco/sigles.csv",
    ]
    .into_iter()
    .chain(["build/ilo.rs"])
    .chain(ilo::INPUTS)
    .chain(["build/grades.rs"])
    .chain(grades::INPUTS)
    .chain(rubric::INPUTS)
    .chain(coded::INPUTS)
    {
        println!("cargo::rerun-if-changed={input}");
    }
    // The crate's title reader looks its sigles up in the tables `sigles` writes.
    println!("cargo::rustc-cfg=built_sigles");
    let mut out = String::new();
    let mut vocabulary: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut postings: Vec<Vec<u32>> = Vec::new();
    let rows = rows();
    let mut texts = Texts::default();
    let mut tokens_table = String::new();
    let mut token_count = 0;
    let mut reference_tokens: Vec<Vec<(u32, title::Role)>> = Vec::new();
    writeln!(
        out,
        "pub static REFERENCES: [Reference; {}] = [",
        rows.len()
    )
    .unwrap();
    for (i, (title, isco, confidence, via, reason, curated)) in rows.iter().enumerate() {
        // Ids numbered as first met, as the index always was: the sums over a reference's
        // tokens run in id order, so the numbering fixes their floating-point results.
        let mut tokens: Vec<(u32, title::Role)> = title::read_title(title)
            .words
            .into_iter()
            .map(|w| {
                let next = words.len() as u32;
                let id = *vocabulary.entry(w.word.to_string()).or_insert_with(|| {
                    words.push(w.word.to_string());
                    postings.push(Vec::new());
                    next
                });
                (id, w.role)
            })
            .collect();
        tokens.sort_unstable_by_key(|&(t, _)| t);
        let first_token = token_count;
        for &(t, role) in &tokens {
            postings[t as usize].push(i as u32);
            write!(tokens_table, "({t}, Role::{role:?}), ").unwrap();
            token_count += 1;
        }
        reference_tokens.push(tokens);
        writeln!(
            out,
            "    Reference {{ title: {}, isco: {}, confidence: {confidence:?}, via: {}, reason: {}, table: Table::{}, tokens: ({first_token}, {token_count}), length: {} }},",
            texts.add(title),
            texts.add(isco),
            texts.add(via),
            match reason {
                Some(reason) => format!("Some({})", texts.add(reason)),
                None => "None".to_string(),
            },
            if *curated { "Curated" } else { "Rome" },
            title.chars().count()
        )
        .unwrap();
    }
    out.push_str("];\n");
    writeln!(
        out,
        "pub static TOKENS: [(u32, Role); {token_count}] = [{tokens_table}];"
    )
    .unwrap();
    let word_spans: Vec<String> = words.iter().map(|w| texts.add(w)).collect();
    writeln!(
        out,
        "pub static WORDS: [Span; {}] = [{}];",
        words.len(),
        word_spans.join(", ")
    )
    .unwrap();
    let mut sorted: Vec<u32> = (0..words.len() as u32).collect();
    sorted.sort_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
    writeln!(
        out,
        "pub static SORTED: [u32; {}] = {sorted:?};",
        sorted.len()
    )
    .unwrap();
    // Open addressing with linear probing, at most half full.
    let size = (2 * words.len()).next_power_of_two();
    let mut slots = vec![u32::MAX; size];
    for (id, word) in words.iter().enumerate() {
        let mut at = title::hash_word(word) as usize & (size - 1);
        while slots[at] != u32::MAX {
            at = (at + 1) & (size - 1);
        }
        slots[at] = id as u32;
    }
    writeln!(out, "pub static SLOTS: [u32; {size}] = {slots:?};").unwrap();
    let mut starts = vec![0u32];
    for p in &postings {
        starts.push(starts.last().unwrap() + p.len() as u32);
    }
    let flat: Vec<u32> = postings.concat();
    writeln!(
        out,
        "pub static POSTING_STARTS: [u32; {}] = {starts:?};",
        starts.len()
    )
    .unwrap();
    writeln!(
        out,
        "pub static POSTINGS: [u32; {}] = {flat:?};",
        flat.len()
    )
    .unwrap();
    weights(&mut out, words.len(), &reference_tokens);
    writeln!(out, "pub const TEXT: &str = {:?};", texts.text).unwrap();
    let dir = std::env::var_os("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&dir).join("crosswalk.rs"), out).expect("writing crosswalk.rs");
    sigles(Path::new(&dir));
    ilo::generate(Path::new(&dir));
    grades::generate(Path::new(&dir));
    rubric::generate(Path::new(&dir));
    coded::generate(Path::new(&dir));
}
