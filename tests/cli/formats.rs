//! Output formats, levels, atomic output files, determinism.

use predicates::prelude::*;

use crate::{data, exposure, temp_file};

fn score(args: &[&str]) -> std::process::Output {
    let mut all = vec![
        "score".to_string(),
        data("tests/data/roster_basic.csv").display().to_string(),
        "--rubric".to_string(),
        data("tests/data/rubric_small.csv").display().to_string(),
    ];
    all.extend(args.iter().map(|s| s.to_string()));
    let out = exposure().args(&all).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(score(args).stdout).unwrap()
}

#[test]
fn table_shows_headline_and_every_level() {
    let out = stdout(&[]);
    for expected in [
        "16 agents, 3 jobs, 7 tasks (6 scored)",
        "50.0 % of tasks exposed",
        "27.5 % of working time exposed",
        "6 agents concerned (37.5 % of classified agents)",
        "Most exposed directions: Ressources (0.76), Proximité (0.55), Cadre de vie (0.06).",
        "Agents per class",
        "Directions",
        "Departments",
        "Jobs",
        "Exposed: Gradient 4",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    // Ranked by exposure: Comptable before Agent d'accueil before Jardinier.
    let pos = |s: &str| out.rfind(s).unwrap();
    assert!(pos("Comptable") < pos("Agent d'accueil") && pos("Agent d'accueil") < pos("Jardinier"));
}

#[test]
fn levels_choose_what_is_shown() {
    let out = stdout(&["--level", "job"]);
    assert!(out.contains("Jobs") && !out.contains("Directions") && !out.contains("16 agents"));
    let out = stdout(&["--level", "direction,task"]);
    assert!(
        out.contains("Directions") && out.contains("Tasks") && out.contains("Piloter un drone")
    );
    assert!(!out.contains("Departments"));
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&["--format", "json", "--level", "summary"])).unwrap();
    assert!(doc.get("summary").is_some());
    assert!(
        doc.get("jobs").is_none() && doc.get("directions").is_none() && doc.get("tasks").is_none()
    );
    assert_eq!(doc["schema"], "exposure-score/1");
}

#[test]
fn markdown_tables() {
    let out = stdout(&["--format", "markdown"]);
    assert!(out.starts_with("# Exposure to generative AI\n"));
    assert!(out.contains("## Directions"));
    assert!(out.contains("| Direction | Agents | Jobs | Mean |"));
    assert!(out.contains("| Ressources | 2 | 1 | 0.76 |"));
}

#[test]
fn csv_rows_per_level() {
    let out = stdout(&[
        "--format",
        "csv",
        "--by",
        "filiere",
        "--level",
        "summary,direction,department,job,task",
    ]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let levels: Vec<&str> = rows.iter().map(|r| &r[col("level")]).collect();
    assert_eq!(levels.iter().filter(|l| **l == "collectivity").count(), 1);
    assert_eq!(levels.iter().filter(|l| **l == "direction").count(), 3);
    assert_eq!(levels.iter().filter(|l| **l == "department").count(), 3);
    assert_eq!(levels.iter().filter(|l| **l == "filiere").count(), 2);
    assert_eq!(levels.iter().filter(|l| **l == "job").count(), 3);
    assert_eq!(levels.iter().filter(|l| **l == "task").count(), 7);
    let comptable = rows
        .iter()
        .find(|r| &r[col("level")] == "job" && &r[col("job")] == "Comptable")
        .unwrap();
    assert_eq!(&comptable[col("mean")], "0.76");
    assert_eq!(&comptable[col("class")], "gradient_4");
    assert_eq!(&rows[0][col("agents_gradient_4")], "2");
}

#[test]
fn csv_neutralises_formulas() {
    let (_d, path) = temp_file("f.csv", b"job,task,score\n=HYPERLINK(\"x\"),@SUM(1),0.5\n");
    let out = exposure()
        .args([
            "score",
            path.to_str().unwrap(),
            "--format",
            "csv",
            "--level",
            "job,task",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains("'@SUM(1)"), "{text}");
    assert!(!text.contains(",=HYPERLINK"), "{text}");
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    let printed = score(&["--format", "json", "--output", target.to_str().unwrap()]);
    assert!(printed.stdout.is_empty());
    let written = std::fs::read(&target).unwrap();
    assert_eq!(written, score(&["--format", "json"]).stdout);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file left behind: {names:?}");

    // A failing run leaves an existing output untouched.
    let (_d, bad) = temp_file("bad.csv", b"job;score\nA;2\n");
    exposure()
        .args([
            "score",
            bad.to_str().unwrap(),
            "--output",
            target.to_str().unwrap(),
        ])
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&target).unwrap(), written);
}

#[test]
fn same_input_same_bytes() {
    for format in ["table", "json", "csv", "markdown"] {
        let a = score(&[
            "--format",
            format,
            "--level",
            "summary,direction,department,job,task",
            "--by",
            "filiere",
        ]);
        let b = score(&[
            "--format",
            format,
            "--level",
            "summary,direction,department,job,task",
            "--by",
            "filiere",
        ]);
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
}

#[test]
fn explain_and_rubric_commands() {
    let rubric = data("tests/data/rubric_small.csv");
    exposure()
        .args([
            "explain",
            "--rubric",
            rubric.to_str().unwrap(),
            "Assurer l’accueil téléphonique",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Normalised: assurer l accueil telephonique",
        ))
        .stdout(predicate::str::contains("Chosen:     accueil.telephone"))
        .stdout(predicate::str::contains("accueil.physique"));
    exposure()
        .args(["rubric", "--rubric", rubric.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("6 rules, 5 themes"));
    let (_d, bad) = temp_file(
        "r.csv",
        b"code,theme,label,score,patterns,ilo_refs,rationale\nx,T,L,2,abc,,r\n",
    );
    exposure()
        .args(["rubric", "--rubric", bad.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("r.csv:2:4: column 'score'"));
}

#[test]
fn the_example_runs_with_the_builtin_rubric() {
    exposure()
        .args(["score", data("data/examples/commune.csv").to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("agents, 15 jobs"));
}

/// A title held by jobs of several departments (one grade in each filière of a budget annex, or
/// "Agent d'accueil" in every direction) is one métier: the headline names it once, at its best
/// job's mean, and the next titles after it.
#[test]
fn headline_names_each_of_the_most_exposed_titles_once() {
    let roster = "\
direction,department,job,headcount,task,weight
Proximité,Accueil,Agent d'accueil,4,Assurer l'accueil téléphonique,1
Ressources,Accueil RH,Agent d'accueil,1,Assurer l'accueil téléphonique,1
Cadre de vie,Accueil,Agent d'accueil,2,Assurer l'accueil téléphonique,0.5
Cadre de vie,Accueil,Agent d'accueil,2,Accueillir le public au guichet,0.5
Ressources,Finances,Comptable,2,Saisir les mandats,1
Cadre de vie,Espaces verts,Jardinier,5,Tondre les pelouses,1
";
    let (_dir, path) = temp_file("roster.csv", roster.as_bytes());
    let doc = crate::json(&[
        "score",
        path.to_str().unwrap(),
        "--rubric",
        data("tests/data/rubric_small.csv").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let line = doc["headline"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l.as_str())
        .find(|l| l.starts_with("Most exposed jobs"))
        .unwrap()
        .to_string();
    assert_eq!(line.matches("Agent d'accueil").count(), 1, "{line}");
    assert!(line.contains("Comptable"), "{line}");
    assert!(line.contains("Jardinier"), "{line}");
}
