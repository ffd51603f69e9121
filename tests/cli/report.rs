//! `exposure report` (HTML and workbook), `score --format xlsx`, rosters read from spreadsheets,
//! and the French Excel CSV dialect.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use quick_xml::events::Event;

use crate::{data, exposure, json, temp_file};

/// Runs `exposure` with these arguments and returns its standard output; it must succeed.
fn run(args: &[&str]) -> Vec<u8> {
    let out = exposure().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "exposure {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Writes the HTML report of `roster` and returns it.
pub(crate) fn report(roster: &Path, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let mut args = vec![
        "report",
        roster.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    run(&args);
    std::fs::read_to_string(&out).unwrap()
}

/// Parses the document as XML (the report is written well-formed: every element closed, only
/// XML entities) and returns every text and attribute value, unescaped, and the element names
/// (attribute names prefixed with `@`).
pub(crate) fn parse(html: &str) -> (String, Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(html);
    let mut text = String::new();
    let mut elements = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                elements.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
                for attr in e.attributes() {
                    let attr = attr.expect("well-formed attribute");
                    let name = String::from_utf8(attr.key.as_ref().to_vec()).unwrap();
                    elements.push(format!("@{name}"));
                    text.push_str(
                        &attr
                            .decode_and_unescape_value(reader.decoder())
                            .expect("known entities"),
                    );
                    text.push('\n');
                }
            }
            Ok(Event::Text(t)) => {
                text.push_str(&t.decode().expect("UTF-8"));
            }
            Ok(Event::GeneralRef(r)) => {
                let name = r.decode().unwrap();
                let s = match name.as_ref() {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    n => {
                        let code = n
                            .strip_prefix('#')
                            .and_then(|c| c.parse::<u32>().ok())
                            .and_then(char::from_u32)
                            .unwrap_or_else(|| panic!("unknown entity &{n};"));
                        code.to_string()
                    }
                };
                text.push_str(&s);
            }
            Ok(_) => {}
            Err(e) => panic!("not well-formed at byte {}: {e}", reader.error_position()),
        }
    }
    (text, elements)
}

#[test]
fn report_of_the_example_has_every_section_and_is_well_formed() {
    let html = report(&data("data/examples/ville-fictive.csv"), &[]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for id in [
        "headline",
        "classes",
        "scatter",
        "departments",
        "jobs",
        "themes",
        "method",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{id}\"")),
            "missing section {id}"
        );
    }
    let (text, elements) = parse(&html);
    // Two charts, each drawn wide and narrow.
    assert_eq!(elements.iter().filter(|e| *e == "svg").count(), 4);
    assert!(elements.iter().filter(|e| *e == "circle").count() > 100);
    for expected in [
        "8,518 agents",
        "In brief",
        "Agents per class",
        "The most exposed jobs",
        "The most exposed departments",
        "Tasks with the highest potential, by theme",
        "ILO Working Paper 140",
        "ILO Working Paper 96",
        "Exposed: Gradient 4",
    ] {
        let expected = expected.replace("8,518", "8518");
        assert!(text.contains(&expected), "missing {expected:?}");
    }
    // Same input, same bytes.
    assert_eq!(html, report(&data("data/examples/ville-fictive.csv"), &[]));
}

#[test]
fn report_in_french_and_by_the_2023_method() {
    let html = report(
        &data("data/examples/commune.csv"),
        &["--lang", "fr", "--method", "wp96"],
    );
    let (text, _) = parse(&html);
    assert!(html.contains("<html lang=\"fr\">"));
    for expected in [
        "L'essentiel",
        "Agents par classe",
        "Méthode et sources",
        "Potentiel d'automatisation",
        "catégories OIT WP96 (2023)",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
}

/// Roster text that would be markup, a formula or break an attribute.
const HOSTILE: &str = "direction,service,metier,effectif,tache\n\
\"<img src=x onerror=alert(1)>\",\"Dépt \"\"A\"\" & B\",\"<script>alert('x')</script>\",3,\"Saisir les mandats \"\"urgents\"\" & <b>factures</b>\"\n\
\"<img src=x onerror=alert(1)>\",\"Dépt \"\"A\"\" & B\",\"<script>alert('x')</script>\",3,Rédiger les courriers\n\
=cmd|' /C calc'!A0,@SUM(1),\"Agent \"\"O'Brien\"\"\",2,Accueillir le public\n";

#[test]
fn roster_text_never_becomes_markup() {
    let (_dir, roster) = temp_file("hostile.csv", HOSTILE.as_bytes());
    for lang in ["en", "fr"] {
        let html = report(&roster, &["--lang", lang]);
        // The report's own inline script is the only one, and no roster text is in it.
        let (html, script) = crate::report_layout::without_script(&html);
        assert!(!script.contains("onerror") && !script.contains("factures"));
        let lower = html.to_lowercase();
        for bad in ["<script", "<img", "<b>factures", "javascript:"] {
            assert!(!lower.contains(bad), "{bad} in the report");
        }
        // The text is there, escaped, not dropped.
        let (text, elements) = parse(&html);
        for shown in [
            "<script>alert('x')</script>",
            "<img src=x onerror=alert(1)>",
            "Dépt \"A\" & B",
            "Agent \"O'Brien\"",
            "Saisir les mandats \"urgents\" & <b>factures</b>",
        ] {
            assert!(text.contains(shown), "{shown:?} not shown");
        }
        for e in &elements {
            assert!(
                !["script", "img", "iframe", "object", "embed", "link"].contains(&e.as_str())
                    && !e.starts_with("@on")
                    && !["@src", "@href", "@xlink:href"].contains(&e.as_str()),
                "{e} in the report"
            );
        }
    }
}

#[test]
fn report_references_no_external_resource() {
    let (_dir, roster) = temp_file("hostile.csv", HOSTILE.as_bytes());
    for html in [
        report(&data("data/examples/ville-fictive.csv"), &[]),
        report(&roster, &[]),
    ] {
        // The inline script is checked on its own: it names no resource either.
        let (html, script) = crate::report_layout::without_script(&html);
        let script = script.to_lowercase();
        for bad in [
            "http:",
            "https:",
            "//",
            "url(",
            "fetch(",
            "xmlhttprequest",
            "import",
            "websocket",
            ".src",
            "location",
            "cookie",
            "localstorage",
            "eval(",
        ] {
            assert!(!script.contains(bad), "{bad} in the report's script");
        }
        let lower = html.to_lowercase();
        for bad in [
            "http:", "https:", "ftp:", "file:", "//", "url(", "@import", "<link", "<script",
            "<iframe", "<object", "<embed", "<img", "<use", "<image",
        ] {
            assert!(!lower.contains(bad), "{bad} in the report");
        }
        let (_, elements) = parse(&html);
        for attr in [
            "@src",
            "@href",
            "@xlink:href",
            "@srcset",
            "@data",
            "@action",
        ] {
            assert!(!elements.iter().any(|e| e == attr), "{attr} in the report");
        }
    }
}

fn sheet_names(path: &Path) -> Vec<String> {
    open_workbook_auto(path).unwrap().sheet_names()
}

fn rows(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn string(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        other => panic!("expected text, found {other:?}"),
    }
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number, found {other:?}"),
    }
}

#[test]
fn workbook_round_trip() {
    let roster = data("data/examples/commune.csv");
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("rapport.xlsx");
    run(&[
        "report",
        roster.to_str().unwrap(),
        "-o",
        book.to_str().unwrap(),
        "--lang",
        "fr",
    ]);
    assert_eq!(
        sheet_names(&book),
        ["Synthèse", "Directions", "Services", "Métiers", "Tâches"]
    );
    let doc = json(&["score", roster.to_str().unwrap(), "--format", "json"]);
    let jobs = rows(&book, "Métiers");
    let header: Vec<String> = jobs[0].iter().map(string).collect();
    assert_eq!(
        &header[..10],
        [
            "Direction",
            "Service",
            "Métier",
            "CITP-08",
            "Agents",
            "Tâches",
            "Tâches évaluées",
            "Tâches exposées",
            "Moyenne",
            "Écart-type"
        ]
    );
    assert_eq!(jobs.len() - 1, doc["jobs"].as_array().unwrap().len());
    for (row, job) in jobs[1..].iter().zip(doc["jobs"].as_array().unwrap()) {
        assert_eq!(string(&row[2]), job["job"].as_str().unwrap());
        assert_eq!(number(&row[4]), job["headcount"].as_f64().unwrap());
        assert_eq!(number(&row[8]), job["mean"].as_f64().unwrap());
        assert_eq!(number(&row[9]), job["sd"].as_f64().unwrap());
    }
    let directions = rows(&book, "Directions");
    assert_eq!(string(&directions[0][0]), "Direction");
    assert_eq!(
        number(&directions[1][7]),
        doc["directions"][0]["share_tasks_exposed"]
            .as_f64()
            .unwrap()
    );
    let summary = rows(&book, "Synthèse");
    assert_eq!(string(&summary[0][0]), "Indicateur");
    let agents = summary
        .iter()
        .find(|r| matches!(&r[0], Data::String(s) if s == "Agents"))
        .unwrap();
    assert_eq!(number(&agents[1]), 152.0);
    let tasks = rows(&book, "Tâches");
    assert_eq!(tasks.len() - 1, 45);
    // score --format xlsx: English names, the levels asked for.
    let book = dir.path().join("score.xlsx");
    run(&[
        "score",
        roster.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
        "--level",
        "summary,job",
    ]);
    assert_eq!(sheet_names(&book), ["Summary", "Jobs"]);
    assert_eq!(string(&rows(&book, "Jobs")[0][2]), "Job");
}

#[test]
fn workbook_cells_are_neutralised() {
    let (dir, roster) = temp_file("hostile.csv", HOSTILE.as_bytes());
    let book = dir.path().join("r.xlsx");
    run(&[
        "score",
        roster.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
        "--level",
        "job",
    ]);
    let jobs = rows(&book, "Jobs");
    let cells: Vec<String> = jobs
        .iter()
        .flatten()
        .filter_map(|c| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(cells.contains(&"'=cmd|' /C calc'!A0".to_string()));
    assert!(cells.contains(&"'@SUM(1)".to_string()));
    assert!(!cells.iter().any(|c| c.starts_with(['=', '+', '-', '@'])));
}

#[test]
fn score_xlsx_needs_an_output_file() {
    exposure()
        .args([
            "score",
            data("data/examples/commune.csv").to_str().unwrap(),
            "--format",
            "xlsx",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--output FILE.xlsx"));
    exposure()
        .args([
            "report",
            data("data/examples/commune.csv").to_str().unwrap(),
            "-o",
            "report.pdf",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".html or .xlsx"));
}

/// The commune of the examples as a workbook: numbers as numbers (the CSV's decimal commas
/// read back), a first sheet of notes that is hidden, the roster on "Effectifs" and a copy with
/// an error on "Erreur".
fn commune_workbook(dir: &Path) -> std::path::PathBuf {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_path(data("data/examples/commune.csv"))
        .unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes
        .write_string(0, 0, "Effectifs au 1er janvier")
        .unwrap();
    notes.set_hidden(true);
    for (name, broken) in [("Effectifs", false), ("Erreur", true)] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        if !broken {
            ws.set_active(true);
        }
        for (r, record) in records.iter().enumerate() {
            for (c, cell) in record.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if broken && r == 5 && c == 3 {
                    ws.write_string(r, c, "douze").unwrap();
                } else if let Ok(n) = cell.replace(',', ".").parse::<f64>() {
                    ws.write_number(r, c, n).unwrap();
                } else {
                    ws.write_string(r, c, cell).unwrap();
                }
            }
        }
    }
    let path = dir.join("commune.xlsx");
    wb.save(&path).unwrap();
    path
}

#[test]
fn xlsx_roster_gives_the_same_results_as_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    same_results_as_the_csv(&commune_workbook(dir.path()));
}

/// The same workbook as OpenDocument and as Excel 97-2003, written by
/// scripts/build_sheet_fixtures.py.
#[test]
fn ods_and_xls_rosters_give_the_same_results_as_their_csv() {
    for book in ["tests/data/commune.ods", "tests/data/commune.xls"] {
        same_results_as_the_csv(&data(book));
    }
}

/// Scoring `book` (the commune of the examples, roster on the sheet "Effectifs") gives the
/// figures of the CSV, rows on the same lines.
fn same_results_as_the_csv(book: &Path) {
    let from_csv = json(&[
        "score",
        data("data/examples/commune.csv").to_str().unwrap(),
        "--format",
        "json",
        "--level",
        "summary,direction,department,job,task",
    ]);
    let from_xlsx = json(&[
        "score",
        book.to_str().unwrap(),
        "--format",
        "json",
        "--level",
        "summary,direction,department,job,task",
    ]);
    for key in ["headline", "summary", "directions", "departments"] {
        assert_eq!(from_csv[key], from_xlsx[key], "{key} differs");
    }
    // Jobs and tasks carry the file they come from; the rest is the same.
    let strip = |v: &serde_json::Value| {
        let mut v = v.clone();
        for item in v.as_array_mut().unwrap() {
            item.as_object_mut().unwrap().remove("file");
        }
        v
    };
    for key in ["jobs", "tasks", "unscored"] {
        assert_eq!(
            strip(&from_csv[key]),
            strip(&from_xlsx[key]),
            "{key} differs"
        );
    }
    assert_eq!(
        from_xlsx["inputs"][0]["file"].as_str().unwrap(),
        format!("{}[Effectifs]", book.display())
    );
    assert_eq!(
        from_xlsx["tasks"][0]["file"].as_str().unwrap(),
        format!("{}[Effectifs]", book.display())
    );
    assert_eq!(from_csv["tasks"][0]["line"], from_xlsx["tasks"][0]["line"]);
}

#[test]
fn sheet_errors_name_file_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let book = commune_workbook(dir.path());
    let book = book.to_str().unwrap();
    let out = exposure()
        .args(["score", book, "--sheet", "erreur"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{book}[Erreur]:6:4: column 'Effectif'")),
        "{stderr}"
    );
    exposure()
        .args(["score", book, "--sheet", "Feuil9"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no sheet named 'Feuil9'; the sheets are: 'Notes', 'Effectifs', 'Erreur'",
        ));
}

/// A workbook with one sheet, "Postes", holding `rows` (0-based sheet row, then its cells from
/// column A; a cell that reads as a number is written as one).
fn postes_book(dir: &Path, rows: &[(u32, &[&str])]) -> String {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Postes").unwrap();
    for (r, cells) in rows {
        for (c, cell) in cells.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(n) => ws.write_number(*r, c as u16, n).unwrap(),
                Err(_) => ws.write_string(*r, c as u16, *cell).unwrap(),
            };
        }
    }
    let book = dir.join("postes.xlsx");
    wb.save(&book).unwrap();
    book.to_str().unwrap().to_string()
}

#[test]
fn a_header_below_empty_rows_is_reported_on_its_own_row() {
    // The header on row 3, rows 1 and 2 left empty.
    let dir = tempfile::tempdir().unwrap();
    let book = postes_book(
        dir.path(),
        &[
            (2, &["Direction", "Tâche", "Métier", "métier"]),
            (3, &["DRH", "Saisir", "Gestionnaire", "x"]),
        ],
    );
    exposure()
        .args(["score", &book])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{book}[Postes]:3:4: column 'métier': same name as column 3 ('Métier')"
        )));
}

#[test]
fn a_title_above_the_table_is_skipped() {
    // A title on row 1, the header on row 3, as many sheets begin.
    let dir = tempfile::tempdir().unwrap();
    let book = postes_book(
        dir.path(),
        &[
            (0, &["Tableau des effectifs au 1er janvier 2026"]),
            (2, &["Métier", "Effectif", "Tâche"]),
            (
                3,
                &["Agent d'accueil", "3", "Accueillir et orienter le public"],
            ),
            (4, &["Agent d'accueil", "trois"]),
        ],
    );
    // The rows keep their sheet row numbers: the error is on row 5.
    exposure()
        .args(["score", &book])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{book}[Postes]:3: the header is on line 3, the first with a job column; lines 1–2 above it (\"Tableau des effectifs au 1er janvier 2026\") are skipped"
        )))
        .stderr(predicates::str::contains(format!(
            "{book}[Postes]:5:2: column 'Effectif': expected a number, found \"trois\""
        )));
}

#[test]
fn csv_in_the_french_excel_dialect() {
    let (_dir, roster) = temp_file("hostile.csv", HOSTILE.as_bytes());
    let out = run(&[
        "score",
        roster.to_str().unwrap(),
        "--format",
        "csv",
        "--csv-dialect",
        "excel-fr",
        "--level",
        "summary,job",
    ]);
    assert!(out.starts_with("\u{feff}level;direction;".as_bytes()));
    let text = String::from_utf8(out[3..].to_vec()).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let summary = &records[0];
    assert_eq!(&summary[col("level")], "collectivity");
    assert!(
        summary[col("mean")].contains(','),
        "{:?}",
        &summary[col("mean")]
    );
    assert!(!summary[col("mean")].contains('.'));
    let cells: Vec<&str> = records.iter().flat_map(|r| r.iter()).collect();
    assert!(cells.contains(&"'=cmd|' /C calc'!A0"));
    assert!(cells.contains(&"'@SUM(1)"));
    // The standard dialect is unchanged.
    let plain = run(&[
        "score",
        roster.to_str().unwrap(),
        "--format",
        "csv",
        "--level",
        "summary",
    ]);
    assert!(plain.starts_with(b"level,direction,"));
}

#[test]
fn text_exported_under_an_xls_name_is_read_as_csv() {
    let (_dir, roster) = temp_file(
        "export.xls",
        "Métier\tEffectif\tTâche\nComptable\t2\tSaisir les mandats\n".as_bytes(),
    );
    let out = exposure()
        .args(["score", roster.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("reading it as CSV text"));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["agents"], 2.0);
}
