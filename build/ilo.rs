//! The ILO tables of `data/ilo/` as Rust statics (`$OUT_DIR/ilo.rs`, included by `src/ilo.rs`):
//! the occupations in code order, and the tasks grouped by code (codes in order, each
//! occupation's tasks in file order). Parsing the 3,266 tasks took about 18 M instructions on
//! every run. The numbers are written as Rust's shortest round-trip form: the same `f64`s.
//! Every text is a (start, end) span of one string, `TEXT`: the tables hold no pointer, so the
//! loader relocates nothing in them (15,600 relocations, 96 pages copied on every start).

use std::fmt::Write as _;
use std::path::Path;

use crate::Texts;

pub const INPUTS: [&str; 4] = [
    "data/ilo/ilo_tasks.csv",
    "data/ilo/ilo_occupations.csv",
    "data/ilo/citp08_fr.csv",
    "data/ilo/ilo_tasks_fr.csv",
];

pub fn generate(out_dir: &Path) {
    let mut out = String::new();
    let mut texts = Texts::default();
    let mut tasks = Vec::new();
    let mut reader = csv::Reader::from_path(INPUTS[0]).expect("data/ilo/ilo_tasks.csv");
    for rec in reader.records() {
        let rec = rec.expect("data/ilo/ilo_tasks.csv is valid CSV");
        let task_id: u32 = rec[1].parse().expect("task id");
        let score_2023: Option<f64> = rec[2].parse().ok();
        let score_2025: f64 = rec[3].parse().expect("score_2025");
        tasks.push((
            rec[0].to_string(),
            task_id,
            score_2023,
            score_2025,
            rec[4].to_string(),
        ));
    }
    // Stable: each occupation's tasks keep their order in the file.
    tasks.sort_by(|a, b| a.0.cmp(&b.0));
    writeln!(out, "static TASKS: [IloTask; {}] = [", tasks.len()).unwrap();
    for (isco, task_id, score_2023, score_2025, task) in &tasks {
        let (isco, task) = (texts.add(isco), texts.add(task));
        writeln!(
            out,
            "    IloTask {{ isco: {isco}, task_id: {task_id}, score_2023: {score_2023:?}, score_2025: {score_2025:?}, task: {task} }},"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let mut occupations = Vec::new();
    let mut reader = csv::Reader::from_path(INPUTS[1]).expect("data/ilo/ilo_occupations.csv");
    for rec in reader.records() {
        let rec = rec.expect("data/ilo/ilo_occupations.csv is valid CSV");
        let num = |i: usize| rec[i].parse::<f64>().expect("published figure");
        occupations.push((
            rec[0].to_string(),
            format!(
                "Occupation {{ isco: {}, title: {}, published_mean_2023: {:?}, published_sd_2023: {:?}, published_category_2023: {}, published_mean_2025: {:?}, published_sd_2025: {:?}, published_category_2025: {} }},",
                texts.add(&rec[0]), texts.add(&rec[1]), num(2), num(3), texts.add(&rec[4]), num(5), num(6), texts.add(&rec[7])
            ),
        ));
    }
    write_table(&mut out, INPUTS[1], "OCCUPATIONS: [Occupation", occupations);
    french_titles(&mut out, &mut texts);
    french_tasks(&mut out, &mut texts);
    writeln!(out, "const TEXT: &str = {:?};", texts.text).unwrap();
    std::fs::write(out_dir.join("ilo.rs"), out).expect("writing ilo.rs");
}

/// `FRENCH_TITLES`: (code, CITP-08 title) in code order, for a binary search.
fn french_titles(out: &mut String, texts: &mut Texts) {
    let mut titles = Vec::new();
    let mut reader = csv::Reader::from_path(INPUTS[2]).expect("data/ilo/citp08_fr.csv");
    for rec in reader.records() {
        let rec = rec.expect("data/ilo/citp08_fr.csv is valid CSV");
        titles.push((
            rec[0].to_string(),
            format!("({}, {}),", texts.add(&rec[0]), texts.add(&rec[1])),
        ));
    }
    write_table(out, INPUTS[2], "FRENCH_TITLES: [(Span, Span)", titles);
}

/// `FRENCH_TASKS`: (code, task id, French text) in (code, id) order, for a binary search; a
/// row without a text (not translated yet) is left out, so its task reads in English.
fn french_tasks(out: &mut String, texts: &mut Texts) {
    let mut tasks = Vec::new();
    let mut reader = csv::Reader::from_path(INPUTS[3]).expect("data/ilo/ilo_tasks_fr.csv");
    for rec in reader.records() {
        let rec = rec.expect("data/ilo/ilo_tasks_fr.csv is valid CSV");
        let task_id: u32 = rec[1].parse().expect("task id");
        if !rec[2].is_empty() {
            tasks.push(((rec[0].to_string(), task_id), rec[2].to_string()));
        }
    }
    tasks.sort();
    let repeated = tasks.windows(2).find(|w| w[0].0 == w[1].0);
    assert!(repeated.is_none(), "{} repeats {repeated:?}", INPUTS[3]);
    let decl = "FRENCH_TASKS: [(Span, u32, Span)";
    writeln!(out, "static {decl}; {}] = [", tasks.len()).unwrap();
    for ((code, task_id), text) in &tasks {
        let (code, text) = (texts.add(code), texts.add(text));
        writeln!(out, "    ({code}, {task_id}, {text}),").unwrap();
    }
    out.push_str("];\n");
}

/// A static array (`decl` is its name and element type) of `rows`, (code, Rust line), in code
/// order; a code written twice in `file` stops the build.
fn write_table(out: &mut String, file: &str, decl: &str, mut rows: Vec<(String, String)>) {
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let repeated = rows.windows(2).find(|w| w[0].0 == w[1].0);
    assert!(repeated.is_none(), "{file} repeats {repeated:?}");
    writeln!(out, "static {decl}; {}] = [", rows.len()).unwrap();
    for (_, line) in &rows {
        writeln!(out, "    {line}").unwrap();
    }
    out.push_str("];\n");
}
