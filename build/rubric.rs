//! The built-in rubric (`data/rubric.csv`) prepared at build time into `$OUT_DIR/rubric.rs`
//! (included by `src/rubric/builtin.rs`): its rules and the matcher's index, built by the
//! crate's own `src/rubric/index.rs`. Reading the rubric and building its index took about
//! 19 M instructions on every run. Every text is a range of one string, so the tables hold no
//! pointer and the loader relocates nothing in them. The rubric's validation stays at run time
//! for rubric files; a unit test checks these tables equal what it makes of `data/rubric.csv`.

use std::fmt::Write as _;
use std::path::Path;

use crate::Texts;
use crate::rubric_index::{COLUMNS, Index, Terms, read_alternative};

pub const INPUTS: [&str; 4] = [
    "data/rubric.csv",
    "build/rubric.rs",
    "src/rubric/index.rs",
    "src/normalize.rs",
];

pub fn generate(out_dir: &Path) {
    let csv_text = std::fs::read_to_string(INPUTS[0]).expect("data/rubric.csv");
    let csv_text = csv_text.strip_prefix('\u{feff}').unwrap_or(&csv_text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("data/rubric.csv: header").clone();
    let column = COLUMNS.map(|name| {
        (headers.iter())
            .position(|h| h.trim().eq_ignore_ascii_case(name))
            .unwrap_or_else(|| panic!("data/rubric.csv: no column {name}"))
    });
    let mut texts = Texts::default();
    let mut rules = String::new();
    let mut alternatives = String::new();
    let mut ilo_refs = String::new();
    let (mut alternative_count, mut ilo_ref_count) = (0, 0);
    let mut terms: Vec<Terms> = Vec::new();
    for (r, record) in reader.records().enumerate() {
        let record = record.expect("data/rubric.csv is valid CSV");
        let line = record.position().expect("a record's position").line();
        let get = |i: usize| record.get(column[i]).unwrap_or("").trim();
        let code = get(0);
        let score: f64 = (get(3).replace(',', ".").parse())
            .unwrap_or_else(|e| panic!("data/rubric.csv:{line}: score: {e}"));
        let first_alternative = alternative_count;
        for (a, text) in get(4).split('|').map(str::trim).enumerate() {
            let (positive, negative, specificity) = read_alternative(text)
                .unwrap_or_else(|e| panic!("data/rubric.csv:{line}: patterns: {e}"));
            terms.push((r, a, positive, negative));
            writeln!(alternatives, "    ({}, {specificity}),", texts.add(text)).unwrap();
            alternative_count += 1;
        }
        let first_ilo_ref = ilo_ref_count;
        for part in get(5).split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (isco, task_id) = part
                .split_once(':')
                .unwrap_or_else(|| panic!("data/rubric.csv:{line}: ilo_refs {part:?}"));
            let task_id: u32 = (task_id.trim().parse())
                .unwrap_or_else(|e| panic!("data/rubric.csv:{line}: ilo_refs: {e}"));
            writeln!(ilo_refs, "    ({}, {task_id}),", texts.add(isco)).unwrap();
            ilo_ref_count += 1;
        }
        writeln!(
            rules,
            "    BuiltRule {{ code: {}, theme: {}, label: {}, score: {score:?}, patterns: {}, alternatives: ({first_alternative}, {alternative_count}), ilo_refs: ({first_ilo_ref}, {ilo_ref_count}), rationale: {}, line: {line} }},",
            texts.add(code),
            texts.add(get(1)),
            texts.add(get(2)),
            texts.add(get(4)),
            texts.add(get(6)),
        )
        .unwrap();
    }
    let index = Index::build(&terms);
    let mut out = String::new();
    let count = |text: &str| text.lines().count();
    writeln!(
        out,
        "static RULES: [BuiltRule; {}] = [\n{rules}];",
        count(&rules)
    )
    .unwrap();
    writeln!(
        out,
        "static ALTERNATIVES: [(Span, u32); {}] = [\n{alternatives}];",
        count(&alternatives)
    )
    .unwrap();
    writeln!(
        out,
        "static ILO_REFS: [(Span, u32); {}] = [\n{ilo_refs}];",
        count(&ilo_refs)
    )
    .unwrap();
    let table = |out: &mut String, name: &str, ty: &str, items: String, len: usize| {
        writeln!(out, "static {name}: [{ty}; {len}] = {items};").unwrap();
    };
    let cells = &index.trie.cells;
    table(
        &mut out,
        "CELLS",
        "[u32; 4]",
        format!("{cells:?}"),
        cells.len(),
    );
    for (name, items) in [
        ("TRIGGERS", &index.triggers),
        ("TRIGGERED", &index.triggered),
    ] {
        table(&mut out, name, "u32", format!("{items:?}"), items.len());
    }
    let owner = &index.alt_owner;
    table(
        &mut out,
        "ALT_OWNER",
        "(usize, usize)",
        format!("{owner:?}"),
        owner.len(),
    );
    writeln!(out, "const TEXT: &str = {:?};", texts.text).unwrap();
    std::fs::write(out_dir.join("rubric.rs"), out).expect("writing rubric.rs");
}
