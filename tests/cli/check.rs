//! `exposure check`: every finding type, each policy flag, each format, each exit code, and the
//! comparison with a baseline.

use predicates::prelude::*;
use serde_json::Value;

use crate::{data, exposure, temp_file};

/// A roster every task of which is scored by an expert score.
pub const CLEAN: &str = "direction;service;job;effectif;task;weight;score
Ressources;Finances;Comptable;2;Saisir les mandats;0,6;0,8
Ressources;Finances;Comptable;2;Traiter le courrier;0,4;0,7
Proximité;Accueil;Agent d'accueil;4;Accueillir le public;0,5;0,45
Proximité;Accueil;Agent d'accueil;4;Répondre au téléphone;0,5;0,62
Cadre de vie;Espaces verts;Jardinier;10;Tondre;0,8;0,05
Cadre de vie;Espaces verts;Jardinier;10;Nettoyer;0,2;0,1
";

fn check(content: &str, args: &[&str]) -> std::process::Output {
    let (_d, path) = temp_file("roster.csv", content.as_bytes());
    exposure()
        .current_dir(path.parent().unwrap())
        .arg("check")
        .arg("roster.csv")
        .args(args)
        .output()
        .unwrap()
}

fn findings(content: &str, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = check(content, &all);
    let doc: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), doc)
}

fn rules(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn clean_roster_passes() {
    let out = check(CLEAN, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "check: 0 error(s), 0 warning(s), 0 notice(s); policy holds (--fail-on error)\n"
    );
}

#[test]
fn a_title_above_the_header_and_a_windows_1252_file_are_notices() {
    let titled = format!("Effectifs au 1er janvier\n\n{CLEAN}");
    let (code, doc) = findings(&titled, &[]);
    assert_eq!(code, 0);
    assert_eq!(rules(&doc), ["header-below-title"]);
    let f = &doc["findings"][0];
    assert_eq!(f["severity"], "notice");
    assert_eq!(f["line"], 3);
    assert_eq!(
        f["message"],
        "the header is on line 3, the first with a job column; line 1 above it is skipped"
    );
    // The same roster in Windows-1252 (é is one byte there).
    let (_d, path) = temp_file("roster.csv", &encoding_rs::WINDOWS_1252.encode(CLEAN).0);
    let out = exposure()
        .args(["check", path.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rules(&doc), ["encoding"]);
    assert!(
        doc["findings"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("not valid UTF-8: read as Windows-1252"),
        "{doc}"
    );
}

#[test]
fn row_errors_are_all_reported_with_their_place() {
    let roster =
        format!("{CLEAN}Bad;Row;X;deux;t;1;0,5\nBad;Row;Y;1;t;1;1,5\nBad;Row;Z;1;t;1;0,5;extra\n");
    let (code, doc) = findings(&roster, &[]);
    assert_eq!(code, 1);
    let f = doc["findings"].as_array().unwrap();
    assert_eq!(f.len(), 3, "{doc}");
    assert_eq!(f[0]["rule"], "row-error");
    assert_eq!(f[0]["line"], 8);
    assert_eq!(f[0]["column"], 4);
    assert_eq!(f[1]["line"], 9);
    assert_eq!(f[1]["column"], 7);
    assert_eq!(f[2]["line"], 10);
    assert!(
        f[2]["message"]
            .as_str()
            .unwrap()
            .contains("expected 7 fields")
    );
}

#[test]
fn unreadable_input_exits_2() {
    let out = check("", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("error[load-error]: empty file")
    );
    let out = check("task;weight\nx;1\n", &["--format", "github"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("::error file=roster.csv,line=1,title=exposure load-error::no job column")
    );
}

#[test]
fn unscored_tasks_and_the_allowance() {
    let roster = format!("{CLEAN}Cadre de vie;Espaces verts;Jardinier;10;Piloter un drone;0;\n");
    let (code, doc) = findings(&roster, &[]);
    assert_eq!(code, 1);
    assert_eq!(rules(&doc), ["max-unscored", "unscored-task"]);
    assert_eq!(doc["findings"][1]["line"], 8);
    assert_eq!(doc["findings"][1]["severity"], "warning");
    // 1 of 7 tasks is 14 %: allowed by a count of 1 or by 15 %, not by 10 %.
    assert_eq!(findings(&roster, &["--max-unscored", "1"]).0, 0);
    assert_eq!(findings(&roster, &["--max-unscored", "15%"]).0, 0);
    assert_eq!(findings(&roster, &["--max-unscored", "10%"]).0, 1);
    // Warnings fail only with --fail-on warning.
    assert_eq!(
        findings(&roster, &["--max-unscored", "1", "--fail-on", "warning"]).0,
        1
    );
    exposure()
        .args(["check", "x.csv", "--max-unscored", "lots"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected a count"));
}

#[test]
fn job_findings() {
    let roster = format!(
        "{CLEAN}Cadre de vie;Espaces verts;Jardinier;10;Tondre;0;0,05\n\
         Urbanisme;Foncier;Chargé de mission;1;;;\n\
         Urbanisme;Foncier;Géomètre;0;Relever des mesures;1;0,3\n\
         Urbanisme;Foncier;Instructeur;1;Instruire;0,5;0,5\n\
         Urbanisme;Foncier;Instructeur;1;Recevoir;0,2;0,4\n"
    );
    let (code, doc) = findings(&roster, &[]);
    assert_eq!(code, 1, "{doc}");
    let got = rules(&doc);
    for rule in [
        "duplicate-task",
        "unscorable-job",
        "zero-headcount",
        "weights-sum",
    ] {
        assert!(
            got.contains(&rule.to_string()),
            "{rule} missing from {got:?}"
        );
    }
    let find = |rule: &str| {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap()
            .clone()
    };
    assert_eq!(find("duplicate-task")["line"], 8);
    assert!(
        find("duplicate-task")["message"]
            .as_str()
            .unwrap()
            .contains("already appears on line 6")
    );
    assert_eq!(find("unscorable-job")["line"], 9);
    assert_eq!(find("unscorable-job")["severity"], "error");
    assert_eq!(find("zero-headcount")["line"], 10);
    assert!(
        find("weights-sum")["message"]
            .as_str()
            .unwrap()
            .contains("Instructeur")
    );
    assert!(
        find("weights-sum")["message"]
            .as_str()
            .unwrap()
            .contains("0.70")
    );
}

#[test]
fn unused_rubric_rules_with_a_user_rubric() {
    let rubric = data("tests/data/rubric_small.csv");
    let roster = "job;task\nAgent;Traiter le courrier\n";
    let (code, doc) = findings(roster, &["--rubric", rubric.to_str().unwrap()]);
    assert_eq!(code, 0, "notices do not fail the policy");
    let unused: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unused-rule")
        .collect();
    assert_eq!(unused.len(), 5);
    assert!(
        unused[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("rubric_small.csv")
    );
    assert_eq!(unused[0]["line"], 2);
    assert_eq!(unused[0]["severity"], "notice");
    assert_eq!(
        findings(
            roster,
            &["--rubric", rubric.to_str().unwrap(), "--fail-on", "notice"]
        )
        .0,
        1
    );
}

#[test]
fn formats() {
    let roster = format!("{CLEAN}Cadre de vie;Espaces verts;Jardinier;10;Piloter un drone;0;\n");
    let text = String::from_utf8(check(&roster, &[]).stdout).unwrap();
    assert!(
        text.contains("roster.csv:8: warning[unscored-task]: task \"Piloter un drone\""),
        "{text}"
    );
    assert!(text.ends_with(
        "check: 1 error(s), 1 warning(s), 0 notice(s); policy fails (--fail-on error)\n"
    ));
    let github = String::from_utf8(check(&roster, &["--format", "github"]).stdout).unwrap();
    assert!(
        github.contains("::warning file=roster.csv,line=8,title=exposure unscored-task::task"),
        "{github}"
    );
    assert!(
        github.contains("::error file=roster.csv,title=exposure max-unscored::1 of 7 tasks"),
        "{github}"
    );
    let (_, doc) = findings(&roster, &[]);
    assert_eq!(doc["schema"], "exposure-check/2");
    assert_eq!(doc["policy"]["held"], false);
    assert_eq!(doc["policy"]["fail_on"], "error");
    assert_eq!(doc["counts"]["error"], 1);
    assert_eq!(doc["counts"]["warning"], 1);
}

/// Score a roster, change it (add a job, reclassify one, remove one), and check against the
/// baseline: every change is reported, and --max-drift decides the exit code.
#[test]
fn baseline_changes_and_drift() {
    let (dir, old) = temp_file("old.csv", CLEAN.as_bytes());
    let baseline = dir.path().join("baseline.json");
    exposure()
        .args([
            "score",
            old.to_str().unwrap(),
            "--format",
            "json",
            "--output",
            baseline.to_str().unwrap(),
        ])
        .assert()
        .success();
    let changed = CLEAN
        // Agent d'accueil: 0.45 → 0.96 moves it from gradient 3 to gradient 4.
        .replace(
            "Accueillir le public;0,5;0,45",
            "Accueillir le public;0,5;0,96",
        )
        // Jardinier removed, Instructeur added in a new direction.
        .lines()
        .filter(|l| !l.contains("Jardinier"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\nUrbanisme;Droit des sols;Instructeur;3;Instruire les permis;1;0,55\n";
    let (code, doc) = findings(&changed, &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 0, "changes are notices: {doc}");
    let messages: Vec<String> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["rule"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    let has = |s: &str| messages.iter().any(|m| m.contains(s));
    assert!(
        has("job-added job added: Urbanisme / Droit des sols / Instructeur"),
        "{messages:#?}"
    );
    assert!(
        has("job-removed job removed: Cadre de vie / Espaces verts / Jardinier"),
        "{messages:#?}"
    );
    assert!(
        has(
            "job-class-changed job Proximité / Accueil / Agent d'accueil: class Exposed: Gradient 3 → Exposed: Gradient 4 (mean 0.54 → 0.79)"
        ),
        "{messages:#?}"
    );
    assert!(
        has("department-added department added: Urbanisme / Droit des sols"),
        "{messages:#?}"
    );
    assert!(
        has("department-removed department removed: Cadre de vie / Espaces verts"),
        "{messages:#?}"
    );
    assert!(
        has("direction-moved direction Proximité: mean 0.54 → 0.79"),
        "{messages:#?}"
    );
    assert!(
        has("direction-added direction added: Urbanisme"),
        "{messages:#?}"
    );
    assert!(
        has("direction-removed direction removed: Cadre de vie"),
        "{messages:#?}"
    );
    assert!(
        has("department-moved department Proximité / Accueil: mean 0.54 → 0.79"),
        "{messages:#?}"
    );
    // Proximité moved by 0.25: --max-drift 0.25 holds, 0.2 fails.
    let b = baseline.to_str().unwrap();
    assert_eq!(
        findings(&changed, &["--baseline", b, "--max-drift", "0.25"]).0,
        0
    );
    let (code, doc) = findings(&changed, &["--baseline", b, "--max-drift", "0.2"]);
    assert_eq!(code, 1);
    let drift: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "max-drift")
        .collect();
    assert_eq!(drift.len(), 1);
    assert!(
        drift[0]["message"]
            .as_str()
            .unwrap()
            .contains("direction Proximité: mean moved by +0.25")
    );
    // A baseline scored with the other method is flagged.
    let (code, doc) = findings(&changed, &["--baseline", b, "--method", "wp96"]);
    assert_eq!(code, 0);
    let method: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "baseline-method")
        .collect();
    assert_eq!(method.len(), 1);
    assert_eq!(method[0]["severity"], "warning");
    assert!(method[0]["message"].as_str().unwrap().contains("wp140"));
    // A baseline that is not score JSON is a usage error.
    let (_d2, not_json) = temp_file("b.json", b"{\"schema\": \"other\"}");
    assert_eq!(
        check(&changed, &["--baseline", not_json.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
}

/// A headcount table: titles that cannot be mapped are errors, titles whose closest occupation is
/// under the confidence floor warnings (left out of the figures, not scored), and `--isco-map`
/// settles both.
#[test]
fn headcount_table_mappings() {
    let roster = "Service;Intitulé du poste;Effectif\nSpectacle;Accessoiriste;1\nDivers;Poste vacant;2\nAccueil;Agent d'accueil;3\n";
    let (code, doc) = findings(roster, &[]);
    assert_eq!(code, 1);
    let by_rule = |rule: &str| -> Vec<Value> {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .cloned()
            .collect()
    };
    let unscorable = by_rule("unscorable-job");
    assert_eq!(unscorable.len(), 1);
    assert_eq!(unscorable[0]["line"], 3);
    assert!(
        unscorable[0]["message"]
            .as_str()
            .unwrap()
            .contains("Poste vacant")
    );
    let low = by_rule("low-confidence-mapping");
    assert_eq!(low.len(), 1);
    assert_eq!(low[0]["line"], 2);
    assert_eq!(low[0]["severity"], "warning");
    let message = low[0]["message"].as_str().unwrap();
    assert!(message.contains("left out of the figures"), "{message}");
    assert!(message.contains("under the floor 0.30"), "{message}");

    let (_d, map) = temp_file(
        "map.csv",
        "title,isco08\nAccessoiriste,3432\nPoste vacant,4110\n".as_bytes(),
    );
    let (code, doc) = findings(
        roster,
        &["--isco-map", map.to_str().unwrap(), "--fail-on", "warning"],
    );
    assert_eq!(code, 0, "{doc}");
}

/// What changed since the baseline is reported on the roster's line of the job or group that
/// changed (the file a pull request touches), with the ILO's class names, in every format; what
/// is gone is about the baseline file as a whole (no line).
#[test]
fn baseline_findings_sit_on_the_roster_lines_in_every_format() {
    let (dir, old) = temp_file("old.csv", CLEAN.as_bytes());
    let baseline = dir.path().join("baseline.json");
    exposure()
        .args(["score", old.to_str().unwrap(), "-f", "json", "-o"])
        .arg(&baseline)
        .assert()
        .success();
    let b = baseline.to_str().unwrap();
    // Agent d'accueil (lines 4–5) moves from gradient 3 to gradient 4; Jardinier is gone.
    let changed: String = CLEAN
        .replace(
            "Accueillir le public;0,5;0,45",
            "Accueillir le public;0,5;0,96",
        )
        .lines()
        .filter(|l| !l.contains("Jardinier"))
        .map(|l| format!("{l}\n"))
        .collect();
    let args = ["--baseline", b, "--max-drift", "0.2"];

    let text = String::from_utf8(check(&changed, &args).stdout).unwrap();
    for expected in [
        "roster.csv:4: error[max-drift]: direction Proximité: mean moved by +0.25 (0.54 → 0.79), more than max-drift 0.2",
        "roster.csv:4: notice[direction-moved]: direction Proximité: mean 0.54 → 0.79",
        "roster.csv:4: notice[department-moved]: department Proximité / Accueil: mean 0.54 → 0.79",
        "roster.csv:4: notice[job-class-changed]: job Proximité / Accueil / Agent d'accueil: class Exposed: Gradient 3 → Exposed: Gradient 4 (mean 0.54 → 0.79)",
        &format!("{b}: notice[job-removed]: job removed: Cadre de vie / Espaces verts / Jardinier"),
        &format!("{b}: notice[direction-removed]: direction removed: Cadre de vie"),
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }

    let github =
        String::from_utf8(check(&changed, &[&args[..], &["-f", "github"]].concat()).stdout)
            .unwrap();
    assert!(
        github.contains(
            "::error file=roster.csv,line=4,title=exposure max-drift::direction Proximité"
        ),
        "{github}"
    );
    assert!(
        github.contains("::notice file=roster.csv,line=4,title=exposure job-class-changed::job Proximité / Accueil / Agent d'accueil: class Exposed: Gradient 3 → Exposed: Gradient 4"),
        "{github}"
    );

    let (code, doc) = findings(&changed, &args);
    assert_eq!(code, 1);
    let of = |rule: &str| -> Vec<&Value> {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .collect()
    };
    assert_eq!(of("max-drift")[0]["file"], "roster.csv");
    assert_eq!(of("max-drift")[0]["line"], 4);
    assert_eq!(of("job-removed")[0]["file"], b);
    assert_eq!(of("job-removed")[0]["line"], Value::Null);

    // In French: the messages about changes and the class names.
    let fr = String::from_utf8(check(&changed, &[&args[..], &["--lang", "fr"]].concat()).stdout)
        .unwrap();
    for expected in [
        "roster.csv:4: notice[job-class-changed]: métier Proximité / Accueil / Agent d'accueil\u{202F}: classe Gradient 3 → Gradient 4 (moyenne 0,54 → 0,79)",
        "roster.csv:4: error[max-drift]: direction Proximité\u{202F}: la moyenne a bougé de +0,25 (0,54 → 0,79), plus que max-drift 0,2",
        "notice[direction-removed]: direction retirée\u{202F}: Cadre de vie",
    ] {
        assert!(fr.contains(expected), "{expected}\n{fr}");
    }
}
