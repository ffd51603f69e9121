//! Every output in French (`--lang fr`) on the demo city and the budget example: no English
//! label of the catalogue, no ordinary space where French typography needs a no-break one, no
//! command-line jargon (`exposure::typography::french_defects` and `exposure::i18n::FRENCH`).

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::sync::OnceLock;

use quick_xml::events::Event;

use crate::{data, exposure, stdout};

const CITY: &str = "data/examples/ville-fictive.csv";
const BUDGET: &str = "data/examples/budget/CA_2024.xml";

/// English labels that must not appear in a French output: the catalogue's English where the
/// French differs, of four letters or more (shorter ones, like "SD", are parts of French words
/// or codes), found as whole words. Built once: every cell of every output is checked against them.
fn english_labels() -> &'static [&'static str] {
    static LABELS: OnceLock<Vec<&'static str>> = OnceLock::new();
    LABELS.get_or_init(|| {
        exposure::i18n::FRENCH
            .iter()
            .filter(|(en, fr)| {
                en != fr
                && en.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 4
                && !fr.contains(en)
                && !en.contains('{')
                // A column name of the CSV (`share_time_exposed`) is a key, not a label.
                && !en.contains('_')
            })
            .map(|(en, _)| *en)
            .collect()
    })
}

/// Words of command-line jargon.
const JARGON: [&str; 5] = ["--format", "--level", "--method", "`", "(built in)"];

/// Whether `label` is in `text` as whole words, not as part of a file path (`data/isco`).
fn has_words(text: &str, label: &str) -> bool {
    text.match_indices(label).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + label.len()..].chars().next();
        let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '/');
        !part(before) && !part(after)
    })
}

/// The problems of one French text, named by `what`.
fn problems(what: &str, text: &str, typography: bool) -> Vec<String> {
    let mut found = Vec::new();
    // A title quoted « like this » is a proper name (the ILO's papers are in English).
    let unquoted: String = text
        .split('«')
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once('»').map_or("", |(_, rest)| rest)
            }
        })
        .collect();
    for label in english_labels() {
        if has_words(&unquoted, label) {
            found.push(format!("{what}: English label {label:?}"));
        }
    }
    for word in JARGON {
        if text.contains(word) {
            found.push(format!("{what}: jargon {word:?}"));
        }
    }
    if typography {
        for defect in exposure::typography::french_defects(text) {
            found.push(format!("{what}: {defect}"));
        }
    }
    found
}

fn fr(args: &[&str]) -> String {
    stdout(&[args, &["--lang", "fr"]].concat())
}

/// The cells of a CSV but the input texts: its words are checked; its numbers are data for scripts (a decimal
/// point in the standard dialect, no thousands separator in either), checked for words only.
/// Each distinct cell is checked once, named by the first row it is in (a task-level CSV
/// repeats the same labels on thousands of rows).
fn csv_problems(what: &str, text: &str, delimiter: u8, inputs: &HashSet<&str>) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut first_row: BTreeMap<String, usize> = BTreeMap::new();
    for (i, record) in reader.records().enumerate() {
        for cell in record.unwrap().iter().filter(|c| !inputs.contains(c)) {
            first_row.entry(cell.to_string()).or_insert(i + 1);
        }
    }
    let mut by_row: Vec<(usize, String)> = first_row.into_iter().map(|(c, i)| (i, c)).collect();
    by_row.sort();
    let mut found = Vec::new();
    for (row, cell) in by_row {
        let number = cell.replace(',', ".").parse::<f64>().is_ok();
        found.extend(problems(&format!("{what} row {row}"), &cell, !number));
    }
    found
}

/// The character an XML reference (`amp`, `#39`…) stands for, among those the outputs write.
fn reference(name: &[u8]) -> &'static str {
    match name {
        b"amp" => "&",
        b"lt" => "<",
        b"gt" => ">",
        b"quot" => "\"",
        _ => "'",
    }
}

/// The text of an HTML page a reader sees: element content outside `<style>`, references
/// decoded.
pub(crate) fn html_text(page: &str) -> String {
    let mut reader = quick_xml::Reader::from_str(page);
    let mut text = String::new();
    let mut in_style = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"style" => in_style = true,
            Event::End(e) if e.name().as_ref() == b"style" => in_style = false,
            Event::Text(t) if !in_style => {
                text.push_str(&t.xml_content().unwrap());
                text.push('\n');
            }
            Event::GeneralRef(r) if !in_style => text.push_str(reference(&r)),
            Event::Eof => break,
            _ => {}
        }
    }
    text
}

/// The shared strings of a workbook (every text cell), read from its zip.
pub(crate) fn shared_strings(path: &std::path::Path) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut strings = Vec::new();
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"t" => {
                in_t = true;
                strings.push(String::new());
            }
            Event::End(e) if e.name().as_ref() == b"t" => in_t = false,
            Event::Text(t) if in_t => {
                if let Some(s) = strings.last_mut() {
                    s.push_str(&t.xml_content().unwrap());
                }
            }
            Event::GeneralRef(r) if in_t => {
                if let Some(s) = strings.last_mut() {
                    s.push_str(reference(&r));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    strings
}

/// The texts an output carries from its inputs (roster, budget document, rubric, the ILO's
/// tasks in English): every string value of the JSON but the headline. They are the reader's
/// own words, not the tool's, and are left out of the check.
fn input_texts(roster: &str) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) if s.chars().count() >= 3 => {
                out.push(s.clone());
                out.push(exposure::typography::french_spacing(s));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o
                .iter()
                .filter(|(k, _)| *k != "headline")
                .for_each(|(_, x)| walk(x, out)),
            _ => {}
        }
    }
    let doc = crate::json(&[
        "score",
        roster,
        "-f",
        "json",
        "--level",
        "summary,direction,department,job,task",
    ]);
    let mut out = Vec::new();
    walk(&doc, &mut out);
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

/// `text` without the input texts in it.
fn without(text: &str, inputs: &[String]) -> String {
    let mut text = text.to_string();
    for s in inputs {
        if text.contains(s.as_str()) {
            text = text.replace(s.as_str(), "·");
        }
    }
    text
}

fn all_outputs(roster: &str) -> Vec<String> {
    let roster = data(roster);
    let roster = roster.to_str().unwrap();
    let inputs = input_texts(roster);
    let input_set: HashSet<&str> = inputs.iter().map(String::as_str).collect();
    let mut found = Vec::new();
    let every = ["--level", "summary,direction,department,job,task"];
    // A table wraps long cells over lines, where an input text cannot be told from the
    // tool's words: its headline, titles and headers are checked whole, its cells for English
    // labels (the Markdown below has the same cells on one line each, checked whole).
    let table = fr(&[
        "score",
        roster,
        "--level",
        "summary,direction,department,job",
    ]);
    let table = without(&table, &inputs);
    for (i, line) in table.lines().enumerate() {
        let cells =
            line.starts_with('│') && !table.lines().nth(i + 1).is_some_and(|l| l.starts_with('╞'));
        found.extend(problems(&format!("table line {}", i + 1), line, !cells));
    }
    let markdown = fr(&[
        "score",
        roster,
        "-f",
        "markdown",
        "--level",
        "summary,direction,department,job",
    ]);
    found.extend(problems("markdown", &without(&markdown, &inputs), true));
    // In Markdown, where a long task text is not wrapped over lines as in a table.
    for command in ["jobs", "tasks"] {
        let text = fr(&[command, roster, "-f", "markdown"]);
        found.extend(problems(command, &without(&text, &inputs), true));
    }
    let csv = fr(&[&["score", roster, "-f", "csv"][..], &every].concat());
    found.extend(csv_problems("csv", &csv, b',', &input_set));
    let excel = fr(&[
        &["score", roster, "-f", "csv", "--csv-dialect", "excel-fr"][..],
        &every,
    ]
    .concat());
    found.extend(csv_problems("excel-fr csv", &excel, b';', &input_set));
    let headline = crate::json(&["score", roster, "-f", "json", "--lang", "fr"]);
    for line in headline["headline"].as_array().unwrap() {
        let line = without(line.as_str().unwrap(), &inputs);
        found.extend(problems("json headline", &line, true));
    }
    let dir = tempfile::tempdir().unwrap();
    for name in ["r.html", "r.xlsx"] {
        let path = dir.path().join(name);
        exposure()
            .args([
                "report",
                roster,
                "-o",
                path.to_str().unwrap(),
                "--lang",
                "fr",
            ])
            .assert()
            .success();
        if name.ends_with("html") {
            let page = std::fs::read_to_string(&path).unwrap();
            found.extend(problems("html", &without(&html_text(&page), &inputs), true));
        } else {
            for s in shared_strings(&path)
                .iter()
                .filter(|s| !input_set.contains(s.as_str()))
            {
                found.extend(problems("xlsx", s, true));
            }
        }
    }
    found
}

#[test]
fn every_french_output_of_the_demo_city_is_french() {
    let found = all_outputs(CITY);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_french_output_of_the_budget_example_is_french() {
    let found = all_outputs(BUDGET);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_check_finds_what_it_looks_for() {
    assert!(!problems("t", "12 % des tâches", true).is_empty());
    assert!(!problems("t", "Tasks exposed", true).is_empty());
    assert!(!problems("t", "voir --format json", true).is_empty());
    assert!(problems("t", "12\u{202f}% des tâches exposées", true).is_empty());
}

#[test]
fn the_csv_check_names_each_defect_once_by_its_first_row_and_skips_inputs() {
    let text = "a,b\nTasks exposed,Agent\n12 %,Tasks exposed\n0.5,Secrétariat\n";
    let inputs = HashSet::from(["Secrétariat"]);
    let found = csv_problems("c", text, b',', &inputs);
    assert_eq!(
        found,
        [
            "c row 2: English label \"Tasks\"",
            "c row 2: English label \"Tasks exposed\"",
            "c row 3: 1:4: ordinary space before a sign: 12 %"
        ],
        "{found:#?}"
    );
    assert!(
        csv_problems(
            "c",
            "x\nTasks exposed\n",
            b',',
            &HashSet::from(["Tasks exposed"])
        )
        .is_empty()
    );
}
