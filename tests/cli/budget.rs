//! Budget documents (DocumentBudgetaire XML) read as rosters: the example, trimmed published
//! files, the year-over-year view, and every published file of the reference folder when it
//! is beside the checkout.

use std::path::{Path, PathBuf};

use calamine::{Reader, open_workbook_auto};

use crate::{data, exposure, json, stdout};

const EXAMPLE: &str = "data/examples/budget/CA_2024.xml";
const TITLE: &str = "COMMUNE DE VAL-FICTIF (SIRET 21990001200018) — compte administratif 2024";

fn path(p: &str) -> String {
    data(p).to_string_lossy().into_owned()
}

/// The `V` values of one child of every `PERSONNEL`, read from the text (not with the tool).
fn values(xml: &str, child: &str) -> Vec<String> {
    let open = format!("<{child} V=\"");
    xml.split("<PERSONNEL>")
        .skip(1)
        .map(|p| {
            let p = &p[..p.find("</PERSONNEL>").unwrap()];
            p.find(&open)
                .map(|at| {
                    let rest = &p[at + open.len()..];
                    rest[..rest.find('"').unwrap()].to_string()
                })
                .unwrap_or_default()
        })
        .collect()
}

/// The sum of `EffectifPourvu` of a document (absent counts as 0).
fn filled(file: &Path) -> f64 {
    let bytes = std::fs::read(file).unwrap();
    // ISO-8859-1 and UTF-8 alike: the figures are ASCII.
    let text = String::from_utf8_lossy(&bytes);
    values(&text, "EffectifPourvu")
        .iter()
        .map(|v| v.parse::<f64>().unwrap_or(0.0))
        .sum()
}

/// The `key` of every element of a JSON array.
fn texts<'a>(array: &'a serde_json::Value, key: &str) -> Vec<&'a str> {
    array
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[key].as_str().unwrap())
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn the_example_scores_end_to_end_and_names_the_document() {
    let table = stdout(&["score", &path(EXAMPLE)]);
    assert!(table.starts_with(&format!("{TITLE}\n")), "{table}");
    assert!(table.contains("Filière technique"), "{table}");

    let doc = json(&["score", &path(EXAMPLE), "--format", "json"]);
    let d = &doc["document"];
    assert_eq!(d["authority"], "COMMUNE DE VAL-FICTIF");
    assert_eq!(d["authority_id"], "21990001200018");
    assert_eq!(d["nature"], "CA");
    assert_eq!(d["nature_label"], "compte administratif");
    assert_eq!(d["year"], "2024");
    assert_eq!(doc["inputs"][0]["encoding"], "Windows-1252");
    assert_eq!(doc["inputs"][0]["rows"], 31);
    // Agents are the FTE filled, every line of the annex counted once.
    let agents = doc["summary"]["agents"].as_f64().unwrap();
    assert!(close(agents, filled(&data(EXAMPLE))), "{agents}");
    assert!(doc["summary"]["mean"].as_f64().is_some());
    // Every job names the line of the XML file where its first PERSONNEL starts.
    // The example is in ISO-8859-1: each byte is the character of the same number.
    let xml: String = std::fs::read(data(EXAMPLE))
        .unwrap()
        .iter()
        .map(|&b| b as char)
        .collect();
    let lines: Vec<&str> = xml.lines().collect();
    for job in doc["jobs"].as_array().unwrap() {
        let line = job["line"].as_u64().unwrap() as usize;
        assert_eq!(lines[line - 1].trim(), "<PERSONNEL>", "{job}");
        let label_line = lines[line + 1];
        assert!(
            label_line.contains(job["job"].as_str().unwrap()),
            "{label_line} / {job}"
        );
    }
}

#[test]
fn lines_of_the_same_grade_are_summed_and_keep_their_attributes() {
    let doc = json(&["score", &path(EXAMPLE), "--format", "json"]);
    let jobs = doc["jobs"].as_array().unwrap();
    let find = |direction: &str, job: &str| {
        jobs.iter()
            .find(|j| j["direction"] == direction && j["job"] == job)
            .unwrap_or_else(|| panic!("no {direction} / {job}"))
    };
    // Two lines, full and part time, of the same grade: one job.
    let titulaires = find("Titulaires", "Adjoint technique territorial");
    assert!(close(titulaires["headcount"].as_f64().unwrap(), 22.0 + 5.2));
    assert_eq!(titulaires["department"], "Filière technique");
    let a = &titulaires["attributes"];
    assert_eq!(a["Temps de travail"], "Temps complet, Temps non complet");
    assert_eq!(a["Catégorie"], "C");
    assert_eq!(a["Statut"], "Titulaires");
    assert_eq!(a["Emplois budgétaires"], "28");
    // The same grade held by contract staff is a job of its own.
    let contract = find("Non titulaires", "Adjoint technique territorial");
    assert_eq!(contract["attributes"]["Nature du contrat"], "CDD");
    assert_eq!(contract["attributes"]["Emploi permanent"], "Non permanent");
    // Attributes group with --by.
    let by = json(&[
        "score",
        &path(EXAMPLE),
        "--format",
        "json",
        "--by",
        "catégorie",
    ]);
    let groups = by["groups"][0]["groups"].as_array().unwrap();
    let values: Vec<&str> = groups
        .iter()
        .map(|g| g["value"].as_str().unwrap())
        .collect();
    for category in ["A", "B", "C"] {
        assert!(values.contains(&category), "{values:?}");
    }
}

#[test]
fn every_output_names_the_document() {
    let file = path(EXAMPLE);
    let markdown = stdout(&["score", &file, "--format", "markdown"]);
    assert!(
        markdown.starts_with(&format!("# Exposure to generative AI — {TITLE}\n")),
        "{markdown}"
    );
    let csv = stdout(&["score", &file, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let n = header.len();
    assert_eq!(&header[n - 4], "authority");
    assert_eq!(&header[n - 1], "year");
    for row in reader.records() {
        let row = row.unwrap();
        assert_eq!(&row[n - 4], "COMMUNE DE VAL-FICTIF");
        assert_eq!(&row[n - 2], "CA 2024");
    }
    let jobs = stdout(&["jobs", &file]);
    assert!(
        jobs.starts_with(&format!("Jobs by class — {TITLE}")),
        "{jobs}"
    );
    let jobs = json(&["jobs", &file, "--format", "json"]);
    assert_eq!(jobs["document"]["year"], "2024");
    let tasks = stdout(&["tasks", &file]);
    assert!(
        tasks.starts_with(&format!(
            "Tasks with the highest potential, by theme — {TITLE}"
        )),
        "{tasks}"
    );
    let tasks = stdout(&["tasks", &file, "--format", "csv", "--lang", "fr"]);
    let header = tasks.lines().next().unwrap();
    assert!(
        header.ends_with(",collectivité,siret,document,exercice"),
        "{header}"
    );

    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let xlsx = dir.path().join("r.xlsx");
    for out in [&html, &xlsx] {
        let out = out.to_str().unwrap();
        exposure()
            .args(["report", &file, "--output", out, "--lang", "fr"])
            .assert()
            .success();
    }
    let html = std::fs::read_to_string(html).unwrap();
    assert!(
        html.contains(&format!(
            "<h1>Exposition à l&#39;IA générative — {}</h1>",
            TITLE.replace('\'', "&#39;")
        )),
        "{}",
        &html[..html.len().min(2000)]
    );
    let mut workbook = open_workbook_auto(&xlsx).unwrap();
    assert_eq!(workbook.sheet_names()[0], "Document");
    let sheet = workbook.worksheet_range("Document").unwrap();
    let cells: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(
        cells.contains(&"COMMUNE DE VAL-FICTIF".to_string()),
        "{cells:?}"
    );
    assert!(
        cells.contains(&"compte administratif 2024".to_string()),
        "{cells:?}"
    );
}

#[test]
fn a_roster_in_csv_is_not_named_as_a_budget_document() {
    let doc = json(&[
        "score",
        &path("data/examples/commune.csv"),
        "--format",
        "json",
    ]);
    assert!(doc.get("document").is_none());
    let csv = stdout(&[
        "score",
        &path("data/examples/commune.csv"),
        "--format",
        "csv",
    ]);
    assert!(!csv.lines().next().unwrap().contains("authority"));
}

#[test]
fn published_files_in_iso_8859_1_and_wrapped_in_a_cfu_are_read() {
    let crach = data("tests/data/budget/crach_ca_2021.xml");
    let doc = json(&["score", crach.to_str().unwrap(), "--format", "json"]);
    assert_eq!(doc["document"]["authority"], "CRACH");
    assert_eq!(doc["document"]["nature"], "CA");
    assert_eq!(doc["document"]["year"], "2021");
    let jobs: Vec<&str> = texts(&doc["jobs"], "job");
    assert!(
        jobs.contains(&"adjoint technique territorial principal 2ème classe"),
        "{jobs:?}"
    );
    assert!(close(
        doc["summary"]["agents"].as_f64().unwrap(),
        filled(&crach)
    ));

    let mohon = data("tests/data/budget/mohon_cfu_2023.xml");
    let table = stdout(&["score", mohon.to_str().unwrap()]);
    assert!(
        table.starts_with(
            "COMMUNE DE MOHON (M57) (SIRET 21560134500014) — compte financier unique 2023\n"
        ),
        "{table}"
    );
    let doc = json(&["score", mohon.to_str().unwrap(), "--format", "json"]);
    assert_eq!(doc["document"]["nature"], "CFU");
    assert!(close(
        doc["summary"]["agents"].as_f64().unwrap(),
        filled(&mohon)
    ));
}

fn examples() -> Vec<String> {
    // Given newest first: the view puts them in time order.
    ["CA_2024", "CA_2022", "CA_2023"]
        .iter()
        .map(|y| path(&format!("data/examples/budget/{y}.xml")))
        .collect()
}

#[test]
fn several_documents_give_the_year_over_year_view() {
    let files = examples();
    let mut args = vec!["score"];
    args.extend(files.iter().map(String::as_str));
    let table = stdout(&args);
    assert!(
        table.starts_with(
            "COMMUNE DE VAL-FICTIF (SIRET 21990001200018) — year over year: CA 2022, CA 2023, CA 2024\n"
        ),
        "{table}"
    );
    for title in [
        "Agents (FTE filled) by filière",
        "Mean exposure by filière",
        "Agents per class — All agents",
        "Agents per class — Filière technique",
    ] {
        assert!(table.contains(title), "{title}:\n{table}");
    }

    args.extend(["--format", "json"]);
    let doc = json(&args);
    assert_eq!(doc["schema"], "exposure-years/1");
    assert_eq!(doc["authority"]["id"], "21990001200018");
    let years: Vec<&str> = texts(&doc["all"], "year");
    assert_eq!(years, ["2022", "2023", "2024"]);
    for (i, year) in years.iter().enumerate() {
        let file = data(&format!("data/examples/budget/CA_{year}.xml"));
        let agents = doc["all"][i]["agents"].as_f64().unwrap();
        assert!(close(agents, filled(&file)), "{year}: {agents}");
        // Each year alone gives the same figures as the view.
        let alone = json(&["score", file.to_str().unwrap(), "--format", "json"]);
        assert_eq!(doc["all"][i]["mean"], alone["summary"]["mean"]);
        // The filières add up to the whole.
        let sum: f64 = doc["filieres"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["years"][i]["agents"].as_f64().unwrap())
            .sum();
        assert!(close(sum, agents), "{year}: {sum} / {agents}");
    }
    let technique = doc["filieres"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["filiere"] == "Filière technique")
        .unwrap();
    assert_eq!(technique["years"].as_array().unwrap().len(), 3);
    // --top keeps the largest filières of the latest document; the whole stays the whole.
    args.extend(["--top", "2"]);
    let top = json(&args);
    let kept: Vec<&str> = texts(&top["filieres"], "filiere");
    assert_eq!(kept, ["Filière administrative", "Filière technique"]);
    assert_eq!(top["all"], doc["all"]);

    // The HTML report.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("years.html");
    let mut args = vec!["report"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--output", out.to_str().unwrap(), "--lang", "fr"]);
    exposure().args(&args).assert().success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        html.contains("<h1>COMMUNE DE VAL-FICTIF (SIRET 21990001200018) — d&#39;une année à l&#39;autre\u{202f}: CA 2022, CA 2023, CA 2024</h1>"),
        "{}",
        &html[..html.len().min(3000)]
    );
    assert!(html.contains("Agents (ETP pourvus) par filière"));
}

#[test]
fn published_documents_of_one_authority_side_by_side() {
    let doc = json(&[
        "score",
        &path("tests/data/budget/crach_bp_2022.xml"),
        &path("tests/data/budget/crach_ca_2021.xml"),
        "--format",
        "json",
    ]);
    let documents: Vec<&str> = texts(&doc["all"], "document");
    assert_eq!(documents, ["CA 2021", "BP 2022"]);
}

#[test]
fn budget_documents_are_not_pooled() {
    let example = path(EXAMPLE);
    let csv = path("data/examples/commune.csv");
    let mohon = path("tests/data/budget/mohon_cfu_2023.xml");
    // The same document under another name: not the same file, the same document.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copie.xml");
    std::fs::copy(&example, &copy).unwrap();
    let copy = copy.display().to_string();
    for (args, message) in [
        (
            vec!["score", &example, &csv],
            "a budget document (XML) is read alone",
        ),
        (
            vec!["jobs", &example, &copy],
            "a budget document (XML) is read alone",
        ),
        (
            vec!["jobs", &example, &example],
            "given twice: its jobs would count twice",
        ),
        (
            vec!["score", &example, &mohon],
            "the year-over-year view compares the documents of one authority",
        ),
        (
            vec!["score", &example, &copy],
            "are both the compte administratif 2024; give each document once",
        ),
    ] {
        let out = exposure().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

#[test]
fn a_bad_document_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (command, out) in [("score", "out.json"), ("report", "out.html")] {
        let target = dir.path().join(out);
        let output = exposure()
            .args([
                command,
                &path("tests/data/bad/budget_negative_effectif.xml"),
                "--output",
                target.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(!target.exists(), "{out} written");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let check = exposure()
        .args(["check", &path("tests/data/bad/budget_truncated.xml")])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&check.stdout).contains("budget_truncated.xml:25"));
}

#[test]
fn check_reads_a_budget_document() {
    let out = exposure()
        .args(["check", &path(EXAMPLE), "--format", "json"])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["document"]["authority"], "COMMUNE DE VAL-FICTIF");
}

/// The published documents of `../shared/reference/budgets/`, when that folder is beside the
/// checkout (it is not part of the project: on a fresh clone this test checks nothing).
fn reference_files() -> Vec<PathBuf> {
    let root = data("../shared/reference/budgets");
    let mut files = Vec::new();
    for dir in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if f.path().extension().is_some_and(|e| e == "xml") {
                files.push(f.path());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_published_reference_document_loads() {
    for file in reference_files() {
        let doc = json(&["score", file.to_str().unwrap(), "--format", "json"]);
        let name = file.display();
        assert!(
            !doc["document"]["authority"].as_str().unwrap().is_empty(),
            "{name}"
        );
        assert!(
            !doc["document"]["year"].as_str().unwrap().is_empty(),
            "{name}"
        );
        let agents = doc["summary"]["agents"].as_f64().unwrap();
        assert!(close(agents, filled(&file)), "{name}: {agents}");
    }
}

/// The documents of the year-over-year view are analysed at once where the cores allow: the
/// same bytes, warnings and errors as one after the other (`EXPOSURE_THREADS=1`).
#[test]
fn documents_read_at_once_give_the_bytes_read_one_after_the_other() {
    let files = examples();
    let mohon = path("tests/data/budget/mohon_cfu_2023.xml");
    let mut runs: Vec<Vec<String>> = Vec::new();
    for format in ["table", "json", "csv", "markdown"] {
        let mut args = vec!["score".to_string(), "--format".into(), format.into()];
        args.extend(files.iter().cloned());
        runs.push(args);
    }
    // An error after the first document, and one at the first.
    runs.push(vec!["score".into(), files[0].clone(), mohon.clone()]);
    runs.push(vec![
        "score".into(),
        mohon,
        files[1].clone(),
        files[2].clone(),
    ]);
    for args in runs {
        let run = |threads: &str| {
            let out = exposure()
                .env("EXPOSURE_THREADS", threads)
                .args(&args)
                .output()
                .unwrap();
            (out.status.code(), out.stdout, out.stderr)
        };
        let alone = run("1");
        assert!(!alone.1.is_empty() || !alone.2.is_empty(), "{args:?}");
        assert_eq!(run("3"), alone, "{args:?}");
    }
}
