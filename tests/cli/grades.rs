//! Tables by grade: grades recognised, broad grades scored from their mix and marked as such,
//! roster columns that override the grade, and one explanation with `exposure isco TITLE`.

use serde_json::Value;

use super::{data, exposure, stdout};

/// The jobs of `exposure score ROSTER --format json --level job`.
fn jobs(roster: &std::path::Path) -> Vec<Value> {
    let roster = roster.to_str().unwrap();
    let args = ["score", roster, "--format", "json", "--level", "job"];
    let out: Value = serde_json::from_str(&stdout(&args)).unwrap();
    out["jobs"].as_array().unwrap().clone()
}

fn job<'a>(jobs: &'a [Value], title: &str) -> &'a Value {
    jobs.iter()
        .find(|j| j["job"] == title)
        .unwrap_or_else(|| panic!("no job {title:?}"))
}

#[test]
fn a_broad_grade_is_scored_from_its_mix_and_marked() {
    let table = data("tests/data/grades/tableau_effectifs.csv");
    let table = table.to_str().unwrap();
    let jobs = jobs(std::path::Path::new(table));
    let adjoint = job(
        &jobs,
        "Adjoint technique territorial principal de 2ème classe",
    );
    assert_eq!(adjoint["isco_source"], "grade");
    assert_eq!(adjoint["isco_match"]["via"], "grade:adjoint_technique");
    let mix = &adjoint["isco_mix"];
    assert_eq!(mix["cadre"], "adjoint_technique");
    assert!(mix["mix_source"].as_str().unwrap().starts_with("Hypothèse"));
    let shares: Vec<f64> = (mix["occupations"].as_array().unwrap().iter())
        .map(|o| o["share"].as_f64().unwrap())
        .collect();
    assert!(shares.len() > 1);
    assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    // The job's code marks the mix: its largest occupation and how many others.
    let codes: Vec<&str> = (mix["occupations"].as_array().unwrap().iter())
        .map(|o| o["isco08"].as_str().unwrap())
        .collect();
    let mark = format!("{} (+{})", codes[0], codes.len() - 1);
    assert_eq!(adjoint["isco"], mark.as_str());
    assert_eq!(adjoint["scored_from"], "ilo");
    assert!(adjoint["mean"].is_number() && adjoint["class"].is_string());
    // The abbreviated label reaches the same cadre and the same figures.
    let short = job(&jobs, "Adj. tech. ppal 1e cl.");
    assert_eq!(short["isco"], adjoint["isco"]);
    assert_eq!(short["mean"], adjoint["mean"]);
    // A cadre of one occupation has no mix.
    let atsem = job(&jobs, "ATSEM ppal 2cl");
    assert_eq!(atsem["isco"], "5312");
    assert!(atsem.get("isco_mix").is_none());
    // Tables, CSV and Markdown show the mark; the HTML report says it in words.
    for format in ["table", "csv", "markdown"] {
        let out = stdout(&["score", table, "--format", format, "--level", "job"]);
        assert!(out.contains(&mark), "{format}: {out}");
    }
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    stdout(&[
        "report",
        table,
        "--lang",
        "fr",
        "-o",
        html.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(html).unwrap();
    assert!(
        html.contains("mélange de 18 professions (Adjoints techniques territoriaux)"),
        "{html}"
    );
}

#[test]
fn a_guessed_grade_is_flagged() {
    let table = data("tests/data/grades/tableau_effectifs.csv");
    let out = exposure()
        .args(["score", table.to_str().unwrap(), "--level", "job"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("recognised as a grade by a guess")
            && stderr.contains("\"Adjoint technique territoral\""),
        "{stderr}"
    );
    // `check` warns about it too.
    let out = exposure()
        .args(["check", table.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let low: Vec<&Value> = (doc["findings"].as_array().unwrap().iter())
        .filter(|f| f["rule"] == "low-confidence-mapping")
        .collect();
    assert_eq!(low.len(), 1, "{doc}");
    assert!(
        low[0]["message"]
            .as_str()
            .unwrap()
            .contains("Adjoint technique territoral")
    );
}

#[test]
fn a_roster_column_overrides_the_grade() {
    let roster = data("tests/data/grades/metier_et_grade.csv");
    let jobs = jobs(&roster);
    // The métier beside the grade is matched; the grade stays an attribute.
    let gardener = job(&jobs, "Jardinier");
    assert_eq!(gardener["isco_source"], "title");
    assert_eq!(gardener["isco"], "6113");
    assert_eq!(
        gardener["attributes"]["Grade"],
        "Adjoint technique territorial"
    );
    // The isco column wins over both.
    let cleaner = job(&jobs, "Agent d'entretien des écoles");
    assert_eq!(cleaner["isco_source"], "roster");
    assert_eq!(cleaner["isco"], "9112");
    assert!(cleaner.get("isco_mix").is_none());
    // A métier the crosswalk cannot place falls back on its grade.
    let other = job(&jobs, "Intitulé sans équivalent xyz");
    assert_eq!(other["isco_source"], "grade");
    assert_eq!(other["isco_match"]["via"], "grade:redacteur");
    // The grade column can be grouped by.
    let out = stdout(&[
        "score",
        roster.to_str().unwrap(),
        "--by",
        "grade",
        "--format",
        "json",
    ]);
    assert!(out.contains("\"column\": \"Grade\""), "{out}");
}

#[test]
fn isco_shows_the_mix_and_why() {
    let out = stdout(&["isco", "Adjoint technique"]);
    assert!(out.contains("Adjoints techniques territoriaux"), "{out}");
    assert!(out.contains("a mix of"), "{out}");
    assert!(out.contains("Mix source: Hypothèse"), "{out}");
    assert!(out.contains("Occupations of the mix"), "{out}");
    let fr = stdout(&["isco", "Adjoint technique", "--lang", "fr"]);
    assert!(fr.contains("mélange de"), "{fr}");
    assert!(fr.contains("Professions du mélange"), "{fr}");
    assert!(!fr.contains("a mix of") && !fr.contains("Steps"), "{fr}");
    let json: Value = serde_json::from_str(&stdout(&[
        "isco",
        "Adj. tech. ppal 1e cl.",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["decision"]["source"], "grade");
    assert_eq!(json["grade"]["cadre"], "adjoint_technique");
    assert_eq!(json["grade"]["recognition"], "exact");
    assert!(json["grade"]["mix"].as_bool().unwrap());
    let steps: Vec<&str> = (json["grade"]["steps"].as_array().unwrap().iter())
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert!(
        steps.contains(&"abbreviation") && steps.contains(&"rank"),
        "{steps:?}"
    );
}

#[test]
fn grades_and_metier_titles_share_one_explanation() {
    // A métier title with a grade's head goes to the title path, saying why it is not a grade.
    let out = stdout(&["isco", "Technicien informatique"]);
    assert!(out.starts_with("Grade:      not a grade"), "{out}");
    assert!(out.contains("Decision:   3512"), "{out}");
    let json: Value = serde_json::from_str(&stdout(&[
        "isco",
        "Technicien informatique",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["decision"]["source"], "title");
    // The same label scores as the explanation says.
    let out = stdout(&[
        "isco",
        "Rédacteur principal de 1ère classe",
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["decision"]["source"], "grade");
    assert_eq!(json["decision"]["isco08"], "3343 (+8)");
}

#[test]
fn two_mixes_with_the_same_mark_keep_their_own_figures() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("r.csv");
    std::fs::write(
        &roster,
        "Grade;Effectif\nBibliothécaire;3\nConservateur de bibliothèques;2\n",
    )
    .unwrap();
    let jobs = jobs(&roster);
    let (a, b) = (
        job(&jobs, "Bibliothécaire"),
        job(&jobs, "Conservateur de bibliothèques"),
    );
    // Both lead with 2622 and one other occupation, with other shares.
    assert_eq!(a["isco"], b["isco"]);
    assert_ne!(a["isco_mix"]["cadre"], b["isco_mix"]["cadre"]);
    assert_ne!(a["mean"], b["mean"]);
}

/// The Grade line says how the grade gave way: a bracket set aside as a remark that names the
/// post, a status word before the post, or a part of the title; in both languages.
#[test]
fn isco_says_how_the_grade_gave_way_to_the_post() {
    let bracket = "Attaché (juriste en droit public)";
    let out = stdout(&["isco", bracket]);
    assert!(
        out.contains("once its bracket is set aside as a remark"),
        "{out}"
    );
    assert!(!out.contains("part of the title is the grade"), "{out}");
    let fr = stdout(&["isco", bracket, "--lang", "fr"]);
    assert!(fr.contains("une fois sa parenthèse mise à part"), "{fr}");
    assert!(
        !fr.contains("une partie de l'intitulé est le grade"),
        "{fr}"
    );
    let status = "Vacataire professeur de yoga";
    let out = stdout(&["isco", status]);
    assert!(out.contains("the contract form or status"), "{out}");
    let fr = stdout(&["isco", status, "--lang", "fr"]);
    assert!(fr.contains("la forme de contrat ou le statut"), "{fr}");
    let part = stdout(&["isco", "Rédacteur principal - gestionnaire des assurances"]);
    assert!(part.contains("part of the title is the grade"), "{part}");
}
