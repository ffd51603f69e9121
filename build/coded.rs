//! The titles coded for local government (`data/isco/coded_titles.csv`, the development
//! table, then `data/isco/curated.csv`) as a nearest-neighbour index (`$OUT_DIR/neighbours.rs`,
//! included by `src/neighbour.rs`): each title read by the crate's title reader, its words
//! weighted by idf × their role's `neighbour_factor` and scaled to length 1, so that a query's
//! cosine is a sum over the postings of its words. Built here, as the crosswalk's index is, so
//! that no run reads the 8,000 titles.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::title;

pub const INPUTS: [&str; 2] = ["data/isco/coded_titles.csv", "build/coded.rs"];

/// The batch of a curated row: never left out.
const CURATED_BATCH: u16 = u16::MAX;

/// The session whose blind batch a development title came from ("session 46 blind; …"), 0 for
/// the first table, written before the batches were named.
fn batch(note: &str) -> u16 {
    note.strip_prefix("session ")
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

pub fn generate(out_dir: &Path) {
    let mut rows: Vec<(String, String, u16)> = Vec::new();
    let mut development_rows = 0;
    for (path, curated) in [
        ("data/isco/coded_titles.csv", false),
        ("data/isco/curated.csv", true),
    ] {
        let mut reader = csv::Reader::from_path(path).expect(path);
        for rec in reader.records() {
            let rec = rec.expect(path);
            let code = rec[1].to_string();
            assert!(
                code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()),
                "{path}: {code}"
            );
            let batch = if curated {
                CURATED_BATCH
            } else {
                batch(&rec[3])
            };
            rows.push((rec[0].to_string(), code, batch));
        }
        if !curated {
            development_rows = rows.len();
        }
    }
    // Per row, its words with the largest role factor each held.
    let read: Vec<BTreeMap<String, f64>> = rows
        .iter()
        .map(|(t, _, _)| {
            let mut words = BTreeMap::new();
            for w in title::read_title(t).words {
                let f = words.entry(w.word.to_string()).or_insert(0.0f64);
                *f = f.max(w.role.neighbour_factor());
            }
            words
        })
        .collect();
    let mut df: BTreeMap<&str, u32> = BTreeMap::new();
    for words in &read {
        for w in words.keys() {
            *df.entry(w.as_str()).or_insert(0) += 1;
        }
    }
    let n = rows.len() as f64;
    let idf = |d: u32| (1.0 + n / d as f64).ln();
    let mut postings: BTreeMap<&str, Vec<(u32, f64)>> = BTreeMap::new();
    for (i, words) in read.iter().enumerate() {
        let norm = words
            .iter()
            .map(|(w, f)| (idf(df[w.as_str()]) * f).powi(2))
            .sum::<f64>()
            .sqrt();
        for (w, f) in words {
            let weight = idf(df[w.as_str()]) * f / norm;
            postings
                .entry(w.as_str())
                .or_default()
                .push((i as u32, weight));
        }
    }
    let mut text = String::new();
    let mut span = |s: &str| {
        let start = text.len();
        text.push_str(s);
        (start as u32, text.len() as u32)
    };
    let mut out = String::new();
    let row_items: Vec<String> = (rows.iter().zip(&read))
        .map(|((t, code, batch), words)| {
            let title = span(t);
            let normalized = span(&title::normalize_title(t));
            format!(
                "Row {{ title: {title:?}, normalized: {normalized:?}, code: *b{code:?}, batch: {batch}, words: {} }}",
                words.len()
            )
        })
        .collect();
    let word_items: Vec<String> = postings
        .keys()
        .map(|w| {
            let (a, b) = span(w);
            format!("({a}, {b})")
        })
        .collect();
    let idfs: Vec<f64> = postings.keys().map(|w| idf(df[w])).collect();
    let mut starts = vec![0u32];
    let mut flat = Vec::new();
    for p in postings.values() {
        flat.extend(p.iter().map(|&(r, x)| format!("({r}, {x:?})")));
        starts.push(flat.len() as u32);
    }
    writeln!(
        out,
        "pub static ROWS: [Row; {}] = [{}];",
        rows.len(),
        row_items.join(", ")
    )
    .unwrap();
    writeln!(
        out,
        "pub static WORDS: [(u32, u32); {}] = [{}];",
        word_items.len(),
        word_items.join(", ")
    )
    .unwrap();
    writeln!(out, "pub static IDF: [f64; {}] = {idfs:?};", idfs.len()).unwrap();
    writeln!(
        out,
        "pub static STARTS: [u32; {}] = {starts:?};",
        starts.len()
    )
    .unwrap();
    writeln!(
        out,
        "pub static POSTINGS: [(u32, f64); {}] = [{}];",
        flat.len(),
        flat.join(", ")
    )
    .unwrap();
    writeln!(
        out,
        "pub const DEVELOPMENT_ROWS: usize = {development_rows};"
    )
    .unwrap();
    writeln!(out, "pub const CURATED_BATCH: u16 = {CURATED_BATCH};").unwrap();
    writeln!(out, "pub const UNSEEN_IDF: f64 = {:?};", (1.0 + n).ln()).unwrap();
    writeln!(out, "pub const TEXT: &str = {text:?};").unwrap();
    std::fs::write(out_dir.join("neighbours.rs"), out).expect("writing neighbours.rs");
}
