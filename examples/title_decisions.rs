//! Every decision of the title matcher on a large, varied set of titles, one block a title, so
//! that a change meant to be only faster can be shown to decide nothing differently: run it on
//! the commit before and on the change, and compare the outputs byte for byte.
//!
//!   cargo run --release --example title_decisions -- [MORE_TITLES] > decisions.txt
//!
//! Titles: every title of data/isco/coded_titles.csv, data/isco/curated.csv and
//! data/isco/titles.csv, every grade of data/fpt/cadres.csv, every sigle of data/isco/sigles.csv
//! (as written, in capitals, after a head noun), then variants of the development and curated
//! titles and of a third of the ROME ones: a letter dropped, two swapped, one changed (typos),
//! the longest word cut to 5 and 7 letters (truncations), an unknown word before and after, in
//! capitals, after "Responsable" and "Chef de service", with a grade's words and a " - " part;
//! then the lines of MORE_TITLES (a roster's titles, for example). Per title: the decision of
//! `occupation::resolve` (as the analysis makes it, through the per-thread memos), the grade
//! path and the crosswalk's decision of `occupation::explain` and `Crosswalk::explain`, the
//! number of candidates, a hash of all of them (`Debug` text: every float in full) and the
//! first five in full.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufWriter, Write};

use exposure::isco::Crosswalk;
use exposure::occupation;

fn column(path: &str, name: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_path(path).expect(path);
    let at = (reader.headers().expect(path).iter())
        .position(|h| h == name)
        .expect(name);
    (reader.records())
        .map(|r| r.expect(path)[at].to_string())
        .collect()
}

/// The index of the longest word (first of equals) and the words.
fn longest(title: &str) -> (usize, Vec<&str>) {
    let words: Vec<&str> = title.split(' ').collect();
    let mut at = 0;
    for (i, w) in words.iter().enumerate() {
        if w.chars().count() > words[at].chars().count() {
            at = i;
        }
    }
    (at, words)
}

/// The title with its longest word changed by `edit` (on its characters).
fn edited(title: &str, edit: impl Fn(&mut Vec<char>)) -> String {
    let (at, mut words) = longest(title);
    let mut chars: Vec<char> = words[at].chars().collect();
    edit(&mut chars);
    let word: String = chars.into_iter().collect();
    words[at] = &word;
    words.join(" ")
}

fn variants(title: &str, out: &mut Vec<String>) {
    let n = |c: &Vec<char>| c.len();
    out.push(edited(title, |c| {
        if n(c) > 3 {
            c.remove(n(c) / 2);
        }
    }));
    out.push(edited(title, |c| {
        if n(c) > 3 {
            c.swap(1, 2);
        }
    }));
    out.push(edited(title, |c| {
        if n(c) > 4 {
            let i = n(c) - 2;
            c[i] = if c[i] == 'e' { 'a' } else { 'e' };
        }
    }));
    for keep in [5, 7] {
        out.push(edited(title, |c| {
            if n(c) > keep + 1 {
                c.truncate(keep);
                c.push('.');
            }
        }));
    }
    out.push(format!("{title} zbcj"));
    out.push(format!("Qwxv {title}"));
    out.push(title.to_uppercase());
    out.push(format!("Responsable {}", title.to_lowercase()));
    out.push(format!("Chef de service {}", title.to_lowercase()));
    out.push(format!("{title} principal de 2e classe"));
    out.push(format!("Adjoint technique - {title}"));
    out.push(format!("{title} (H/F)"));
}

fn main() {
    let accuracy = column("data/isco/coded_titles.csv", "title");
    let curated = column("data/isco/curated.csv", "title");
    let rome = column("data/isco/titles.csv", "title");
    let grades: Vec<String> = column("data/fpt/cadres.csv", "grades")
        .iter()
        .flat_map(|g| g.split('|').map(str::to_string).collect::<Vec<_>>())
        .collect();
    let sigles = column("data/isco/sigles.csv", "sigle");
    let mut titles: Vec<String> = Vec::new();
    titles.extend(accuracy.iter().cloned());
    titles.extend(curated.iter().cloned());
    titles.extend(rome.iter().cloned());
    titles.extend(grades.iter().cloned());
    for s in &sigles {
        titles.push(s.clone());
        titles.push(s.to_uppercase());
        titles.push(format!("Chargé de mission {}", s.to_uppercase()));
        titles.push(format!("Responsable {}", s.to_uppercase()));
    }
    let mut more = Vec::new();
    let bases = (accuracy.iter().chain(&curated))
        .chain(rome.iter().step_by(3))
        .chain(&grades);
    for t in bases {
        variants(t, &mut more);
    }
    titles.extend(more);
    if let Some(path) = std::env::args().nth(1) {
        let text = std::fs::read_to_string(&path).expect("MORE_TITLES");
        titles.extend(text.lines().map(str::to_string));
    }
    let crosswalk = Crosswalk::builtin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for title in &titles {
        let resolved = occupation::resolve(title);
        let explained = occupation::explain(title);
        let (candidates, decision) = crosswalk.explain(title);
        let all = format!("{candidates:?}");
        let mut hash = DefaultHasher::new();
        all.hash(&mut hash);
        let first: Vec<_> = candidates.iter().take(5).collect();
        writeln!(out, "T {title}").unwrap();
        writeln!(out, "R {resolved:?}").unwrap();
        writeln!(out, "G {:?}", explained.grade).unwrap();
        writeln!(out, "X {:?}", explained.title.map(|(c, d)| (c.len(), d))).unwrap();
        writeln!(out, "D {decision:?}").unwrap();
        writeln!(out, "N {} {:016x}", candidates.len(), hash.finish()).unwrap();
        writeln!(out, "C {first:?}").unwrap();
    }
    out.flush().unwrap();
    eprintln!("{} titles", titles.len());
}
