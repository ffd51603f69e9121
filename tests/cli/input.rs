//! Reading rosters: encodings, delimiters, stdin, validation errors, scoring precedence.

use predicates::prelude::*;
use serde_json::Value;

use crate::{data, exposure, json, temp_file};

const RUBRIC: &str = "tests/data/rubric_small.csv";

fn score_json(path: &str, extra: &[&str]) -> Value {
    let rubric = data(RUBRIC);
    let mut args = vec![
        "score",
        path,
        "--rubric",
        rubric.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    json(&args)
}

fn job<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["job"] == name)
        .unwrap_or_else(|| panic!("no job {name}"))
}

/// The figures worked out by hand for tests/data/roster_basic.csv with the small rubric.
fn assert_basic_figures(doc: &Value) {
    let accueil = job(doc, "Agent d'accueil");
    assert_eq!(accueil["mean"], 0.55); // 0.6·0.62 + 0.4·0.45
    assert_eq!(accueil["sd"], 0.12);
    assert_eq!(accueil["class"], "gradient_3");
    let comptable = job(doc, "Comptable");
    assert_eq!(comptable["mean"], 0.76);
    assert_eq!(comptable["sd"], 0.07);
    assert_eq!(comptable["class"], "gradient_4");
    let jardinier = job(doc, "Jardinier");
    assert_eq!(jardinier["mean"], 0.06);
    assert_eq!(jardinier["sd"], 0.04);
    assert_eq!(jardinier["class"], "not_exposed");
    assert_eq!(jardinier["tasks"], 3);
    assert_eq!(jardinier["tasks_unscored"], 1);
    let s = &doc["summary"];
    assert_eq!(s["agents"], 16.0);
    assert_eq!(s["jobs"], 3);
    assert_eq!(s["tasks_scored"], 6);
    assert_eq!(s["mean"], 0.27); // (4·0.552 + 2·0.76 + 10·0.06) / 16
    assert_eq!(s["share_tasks_exposed"], 0.5);
    assert_eq!(s["share_time_exposed"], 0.275);
    assert_eq!(s["agents_concerned"], 6.0);
    assert_eq!(s["agents_by_class"]["not_exposed"], 10.0);
}

#[test]
fn utf8_comma_roster() {
    let doc = score_json(data("tests/data/roster_basic.csv").to_str().unwrap(), &[]);
    assert_basic_figures(&doc);
    assert_eq!(doc["inputs"][0]["delimiter"], ",");
    assert_eq!(doc["inputs"][0]["encoding"], "UTF-8");
}

#[test]
fn french_excel_roster_windows_1252_semicolon_crlf_decimal_comma() {
    let path = data("tests/data/roster_cp1252.csv");
    let doc = score_json(path.to_str().unwrap(), &[]);
    assert_basic_figures(&doc);
    assert_eq!(doc["inputs"][0]["delimiter"], ";");
    assert_eq!(doc["inputs"][0]["encoding"], "Windows-1252");
    // Accents decoded correctly.
    assert_eq!(job(&doc, "Agent d'accueil")["direction"], "Proximité");
    // One warning about the encoding, on stderr.
    exposure()
        .args([
            "score",
            path.to_str().unwrap(),
            "--rubric",
            data(RUBRIC).to_str().unwrap(),
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("Windows-1252").count(1));
}

#[test]
fn bom_roster() {
    let doc = score_json(data("tests/data/roster_bom.csv").to_str().unwrap(), &[]);
    assert_basic_figures(&doc);
    assert_eq!(doc["inputs"][0]["encoding"], "UTF-8");
}

#[test]
fn reads_standard_input() {
    let out = exposure()
        .args([
            "score",
            "-",
            "--rubric",
            data(RUBRIC).to_str().unwrap(),
            "--format",
            "json",
        ])
        .pipe_stdin(data("tests/data/roster_basic.csv"))
        .unwrap()
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_basic_figures(&doc);
    assert_eq!(doc["inputs"][0]["file"], "-");
}

#[test]
fn json_on_stdout_warnings_on_stderr() {
    let out = exposure()
        .args([
            "score",
            data("tests/data/roster_basic.csv").to_str().unwrap(),
            "--rubric",
            data(RUBRIC).to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).expect("stdout is pure JSON");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("1 task could not be scored and is left out"),
        "{stderr}"
    );
    assert!(stderr.contains("roster_basic.csv:8"), "{stderr}");
    // Unscored tasks are listed, and left out of the job's mean rather than counted as 0.
    let unscored = doc["unscored"].as_array().unwrap();
    assert_eq!(unscored.len(), 1);
    assert_eq!(unscored[0]["task"], "Piloter un drone");
    assert_eq!(unscored[0]["line"], 8);
}

#[test]
fn method_wp96() {
    let doc = score_json(
        data("tests/data/roster_basic.csv").to_str().unwrap(),
        &["--method", "wp96"],
    );
    assert_eq!(doc["method"], "wp96");
    // Comptable: m − s = 0.69 ≥ 0.50. Agent d'accueil: m = 0.55, m − s = 0.43: big unknown.
    assert_eq!(job(&doc, "Comptable")["class"], "automation_potential");
    assert_eq!(job(&doc, "Agent d'accueil")["class"], "big_unknown");
    assert_eq!(job(&doc, "Agent d'accueil")["class_other"], "gradient_3");
    assert_eq!(job(&doc, "Jardinier")["class"], "not_affected");
    let classes = doc["summary"]["agents_by_class"].as_object().unwrap();
    let keys: Vec<&str> = classes.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "augmentation_potential",
            "automation_potential",
            "big_unknown",
            "not_affected"
        ]
    );
}

#[test]
fn group_by_an_extra_column() {
    let doc = score_json(
        data("tests/data/roster_basic.csv").to_str().unwrap(),
        &["--by", "Filière"],
    );
    let by = &doc["groups"][0];
    assert_eq!(by["column"], "filiere");
    let groups = by["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0]["value"], "Administrative");
    assert_eq!(groups[0]["agents"], 6.0);
    assert_eq!(groups[1]["value"], "Technique");
    let total: f64 = groups.iter().map(|g| g["agents"].as_f64().unwrap()).sum();
    assert_eq!(total, doc["summary"]["agents"].as_f64().unwrap());

    exposure()
        .args([
            "score",
            data("tests/data/roster_basic.csv").to_str().unwrap(),
            "--by",
            "grade",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--by grade: no such column")
                .and(predicate::str::contains("filiere")),
        );
}

#[test]
fn scoring_precedence_score_then_code_then_rubric() {
    let (_d, path) = temp_file(
        "p.csv",
        "job;task;code;score\nA;Traiter le courrier;;0,3\nA;Traiter le courrier;accueil.physique;\nA;Traiter le courrier;;\n"
            .as_bytes(),
    );
    let doc = score_json(path.to_str().unwrap(), &["--level", "task"]);
    let tasks = doc["tasks"].as_array().unwrap();
    assert_eq!(tasks[0]["source"], "manual");
    assert_eq!(tasks[0]["score"], 0.3);
    assert_eq!(tasks[1]["source"], "code");
    assert_eq!(tasks[1]["score"], 0.45);
    assert_eq!(tasks[1]["rule"], "accueil.physique");
    assert_eq!(tasks[2]["source"], "rubric");
    assert_eq!(tasks[2]["rule"], "courrier");
    assert_eq!(tasks[2]["band"], "medium");
}

/// Each malformed roster is refused with exit 2 and a message naming where and what.
#[test]
fn validation_errors_name_file_line_and_column() {
    let cases: &[(&str, &str)] = &[
        ("task;weight\nx;1\n", "bad.csv:1: no job column"),
        ("", "bad.csv: empty file"),
        ("job;task\n", "bad.csv: no data rows"),
        (
            "job;task\nA;\"open quote\nB;x\n",
            "bad.csv:2: unbalanced quote",
        ),
        ("job;task\nA;x\nB;x;y\n", "bad.csv:3: expected 2 fields"),
        (
            "job;effectif\nA;douze\n",
            "bad.csv:2:2: column 'effectif': expected a number, found \"douze\"",
        ),
        (
            "job;effectif\nA;-3\n",
            "bad.csv:2:2: column 'effectif': expected a number ≥ 0",
        ),
        (
            "service;job;effectif;task\nS;A;3;x\nS;A;4;y\n",
            "bad.csv:3:3: column 'effectif': headcount 4 disagrees with 3 given on line 2",
        ),
        (
            "job;poids;task\nA;un quart;x\n",
            "bad.csv:2:2: column 'poids': expected a number",
        ),
        (
            "job;poids;task\nA;-0,5;x\n",
            "bad.csv:2:2: column 'poids': expected a number ≥ 0",
        ),
        (
            "job;score\nA;1,5\n",
            "bad.csv:2:2: column 'score': expected a score between 0 and 1, found \"1,5\"",
        ),
        (
            "job;score\nA;NaN\n",
            "bad.csv:2:2: column 'score': expected a score between 0 and 1, found \"NaN\"",
        ),
        (
            "job;code\nA;no.such.code\n",
            "bad.csv:2:2: column 'code': expected a code of the rubric",
        ),
        (
            "job;isco\nA;42261\n",
            "bad.csv:2:2: column 'isco': expected an ISCO-08 unit group of 4 digits",
        ),
    ];
    for (content, expected) in cases {
        let (_d, path) = temp_file("bad.csv", content.as_bytes());
        let out = exposure()
            .current_dir(path.parent().unwrap())
            .args([
                "score",
                "bad.csv",
                "--rubric",
                data(RUBRIC).to_str().unwrap(),
            ])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{content:?}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{content:?}: expected {expected:?} in {stderr:?}"
        );
        assert!(out.stdout.is_empty(), "{content:?}: nothing on stdout");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn missing_file_and_bad_usage_exit_2() {
    exposure()
        .args(["score", "no-such-file.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-file.csv: cannot open"));
    exposure().args(["score"]).assert().code(2);
    exposure()
        .args(["score", "x.csv", "--format", "pdf"])
        .assert()
        .code(2);
    exposure().arg("--help").assert().success();
}
