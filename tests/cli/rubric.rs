//! The territorial rubric (issue 4): the regression cases, the ILO evidence behind every rule, the
//! calibration thresholds on ROME savoir-faire, `exposure rubric` in every format and
//! `exposure explain`. Each check runs the binary once, however many texts it covers.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use crate::{data, exposure, json, stdout, temp_file};

/// Issue 4 acceptance thresholds (also reported by scripts/calibrate.py).
const MIN_MATCHED: f64 = 0.85;
const MAX_RULE_SHARE: f64 = 0.05;
const MIN_SPEARMAN: f64 = 0.70;
/// A rule's score may depart this far from the mean of its ILO tasks without an `Écart :`.
const MAX_GAP: f64 = 0.10;

fn read_csv(path: &str) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(data(path)).unwrap();
    reader.records().map(Result::unwrap).collect()
}

/// Scores `(job, task)` rows as one roster read from standard input and returns, for each row in
/// order, the `rule` the binary chose (None when unscored).
fn rules_for(rows: &[(String, String)]) -> Vec<Option<String>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["job", "task"]).unwrap();
    for (job, task) in rows {
        w.write_record([job, task]).unwrap();
    }
    let roster = w.into_inner().unwrap();
    let out = exposure()
        .args(["score", "-", "--level", "task", "--format", "json"])
        .write_stdin(roster)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "exposure score failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_line: HashMap<u64, &Value> = doc["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["line"].as_u64().unwrap(), t))
        .collect();
    rows.iter()
        .enumerate()
        .map(|(i, (job, task))| {
            let t = by_line
                .get(&(i as u64 + 2))
                .unwrap_or_else(|| panic!("no task for roster line {}", i + 2));
            assert_eq!(t["job"].as_str(), Some(job.as_str()));
            assert_eq!(t["task"].as_str(), Some(task.as_str()));
            t["rule"].as_str().map(String::from)
        })
        .collect()
}

/// (a) Every regression case gets its expected rule (or stays unscored), all in one run.
#[test]
fn every_rubric_case_gets_its_expected_rule() {
    let cases: Vec<(String, String)> = read_csv("tests/data/rubric_cases.csv")
        .iter()
        .map(|r| (r[0].to_string(), r[1].trim().to_string()))
        .collect();
    assert!(cases.len() >= 250, "only {} rubric cases", cases.len());
    assert!(
        cases.iter().any(|(_, code)| code.is_empty()),
        "the cases should include near-misses that stay unscored"
    );
    let rows: Vec<(String, String)> = cases
        .iter()
        .enumerate()
        .map(|(i, (text, _))| (format!("case{}", i + 2), text.clone()))
        .collect();
    let got = rules_for(&rows);
    let failures: Vec<String> = cases
        .iter()
        .zip(&got)
        .enumerate()
        .filter(|(_, ((_, want), got))| got.as_deref().unwrap_or("") != want)
        .map(|(i, ((text, want), got))| {
            format!(
                "  rubric_cases.csv:{}: {text:?}: expected {}, got {}",
                i + 2,
                if want.is_empty() { "(unscored)" } else { want },
                got.as_deref().unwrap_or("(unscored)")
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} rubric cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// (b) Every rule rests on ILO tasks that exist, and its score stays within 0.10 of their mean
/// 2025 score unless its rationale explains the gap (`Écart :`).
#[test]
fn every_rule_rests_on_ilo_evidence() {
    let ilo: HashMap<(String, u32), f64> = read_csv("data/ilo/ilo_tasks.csv")
        .iter()
        .map(|r| {
            (
                (r[0].to_string(), r[1].parse().unwrap()),
                r[3].parse().unwrap(),
            )
        })
        .collect();
    let out = exposure()
        .args(["rubric", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "the built-in rubric should load without warnings: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rules: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = rules.as_array().unwrap();
    assert!(!rules.is_empty());
    let mut failures = Vec::new();
    for rule in rules {
        let code = rule["code"].as_str().unwrap();
        let score = rule["score"].as_f64().unwrap();
        let refs = rule["ilo_refs"].as_array().unwrap();
        if refs.is_empty() {
            failures.push(format!("  {code}: no ILO task cited"));
            continue;
        }
        let mut scores = Vec::new();
        for r in refs {
            let r = r.as_str().unwrap();
            let (isco, id) = r.split_once(':').unwrap();
            match ilo.get(&(isco.to_string(), id.parse().unwrap())) {
                Some(s) => scores.push(*s),
                None => failures.push(format!(
                    "  {code}: ILO task {r} is not in data/ilo/ilo_tasks.csv"
                )),
            }
        }
        if scores.len() < refs.len() {
            continue;
        }
        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
        let explained = rule["rationale"].as_str().unwrap().starts_with("Écart :");
        if (score - mean).abs() > MAX_GAP + 1e-9 && !explained {
            failures.push(format!(
                "  {code}: score {score:.2} is {:.3} from the mean {mean:.3} of its ILO tasks \
                 and its rationale does not start with `Écart :`",
                (score - mean).abs()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s) in the rubric's ILO evidence:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Ranks from 1, ties sharing the average of the ranks they span.
fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        for &k in &order[i..=j] {
            ranks[k] = (i + j) as f64 / 2.0 + 1.0;
        }
        i = j + 1;
    }
    ranks
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let sxx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum();
    let syy: f64 = y.iter().map(|b| (b - my).powi(2)).sum();
    sxy / (sxx * syy).sqrt()
}

fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&average_ranks(x), &average_ranks(y))
}

#[test]
fn spearman_uses_average_ranks_for_ties() {
    assert_eq!(average_ranks(&[0.3, 0.1, 0.3, 0.2]), [3.5, 1.0, 3.5, 2.0]);
    assert!((spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]) - 1.0).abs() < 1e-12);
    assert!((spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
    // Ranks [1, 2, 3, 4, 5] and [1, 2.5, 2.5, 5, 4]: 8.5 / sqrt(10 × 9.5).
    let rho = spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[1.0, 2.0, 2.0, 4.0, 3.0]);
    assert!((rho - 8.5 / 95f64.sqrt()).abs() < 1e-12, "{rho}");
}

/// (c) The calibration thresholds of issue 4, on the ROME savoir-faire of the fiches most common
/// in local government (tests/data/calibration.csv, written by scripts/calibrate.py).
#[test]
fn calibration_on_rome_savoir_faire_meets_the_thresholds() {
    let fixture = read_csv("tests/data/calibration.csv");
    let ilo_mean: HashMap<String, f64> = {
        let mut reader = csv::Reader::from_path(data("data/ilo/ilo_occupations.csv")).unwrap();
        let headers = reader.headers().unwrap().clone();
        let col = headers
            .iter()
            .position(|h| h == "published_mean_2025")
            .unwrap();
        reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_string(), r[col].parse().unwrap())
            })
            .collect()
    };
    let rows: Vec<(String, String)> = fixture
        .iter()
        .map(|r| (r[0].to_string(), r[2].to_string()))
        .collect();
    let isco: BTreeMap<String, String> = fixture
        .iter()
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    assert!(
        rows.len() >= 1000 && isco.len() >= 50,
        "tests/data/calibration.csv is too small ({} savoir-faire, {} fiches); \
         regenerate it with python3 scripts/calibrate.py",
        rows.len(),
        isco.len()
    );

    let got = rules_for(&rows);
    let score_of: HashMap<String, f64> = json(&["rubric", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_string(),
                r["score"].as_f64().unwrap(),
            )
        })
        .collect();

    let total = rows.len() as f64;
    let matched = got.iter().flatten().count() as f64;
    let mut per_rule: HashMap<&str, usize> = HashMap::new();
    let mut per_fiche: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for ((fiche, _), rule) in rows.iter().zip(&got) {
        if let Some(rule) = rule {
            *per_rule.entry(rule).or_default() += 1;
            per_fiche.entry(fiche).or_default().push(score_of[rule]);
        }
    }
    let (top_rule, top_count) = per_rule
        .iter()
        .max_by_key(|(code, n)| (**n, std::cmp::Reverse(**code)))
        .map(|(c, n)| (c.to_string(), *n))
        .unwrap();

    let (mut rubric_means, mut ilo_means) = (Vec::new(), Vec::new());
    for (fiche, scores) in &per_fiche {
        if let Some(m) = ilo_mean.get(&isco[*fiche]) {
            rubric_means.push(scores.iter().sum::<f64>() / scores.len() as f64);
            ilo_means.push(*m);
        }
    }
    let rho = spearman(&rubric_means, &ilo_means);
    let share = matched / total;
    let rule_share = top_count as f64 / total;
    let figures = format!(
        "matched {matched}/{total} = {:.1} %; largest rule share {top_rule} {:.1} %; \
         Spearman {rho:.3} over {} fiches",
        100.0 * share,
        100.0 * rule_share,
        rubric_means.len()
    );
    assert!(rubric_means.len() >= 50, "{figures}");
    assert!(share >= MIN_MATCHED, "too few matched: {figures}");
    assert!(
        rule_share <= MAX_RULE_SHARE,
        "one rule matches too much: {figures}"
    );
    assert!(rho >= MIN_SPEARMAN, "rank correlation too low: {figures}");
}

const SMALL: &str = "code,theme,label,score,patterns,ilo_refs,rationale
acc.tel,Accueil,Accueil téléphonique,0.61,accueil telephon,4223:1;4222:1,\"Appels ; moyenne 0,61.\"
acc.phys,Accueil,Accueil physique,0.45,accueil public|=accueil,4226:1,Visiteurs.
sec.a,Secrétariat,Courrier (premier),0.48,courrier,4120:3,Premier.
sec.b,Secrétariat,Courrier (second),0.20,courrier,4120:4,Second.
";

fn builtin_codes() -> Vec<String> {
    read_csv("data/rubric.csv")
        .iter()
        .map(|r| r[0].to_string())
        .collect()
}

/// (d) `exposure rubric` lists the whole rubric in table, JSON and CSV.
#[test]
fn rubric_lists_every_rule_in_table_json_and_csv() {
    let codes = builtin_codes();

    let table = stdout(&["rubric"]);
    let first = table.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("{} rules, ", codes.len())) && first.contains(" themes"),
        "{first}"
    );
    for code in &codes {
        assert!(
            table.contains(code.as_str()),
            "{code} missing from the table"
        );
    }

    let doc = json(&["rubric", "--format", "json"]);
    let listed: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(listed, codes);
    let first = &doc[0];
    for key in [
        "code",
        "theme",
        "label",
        "score",
        "patterns",
        "ilo_refs",
        "rationale",
    ] {
        assert!(!first[key].is_null(), "JSON rule without {key}: {first}");
    }

    let csv_out = stdout(&["rubric", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "code",
            "theme",
            "label",
            "score",
            "patterns",
            "ilo_refs",
            "rationale"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let listed: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(listed, codes);
    // The CSV listing is itself a valid rubric.
    let (_d, path) = temp_file("listed.csv", csv_out.as_bytes());
    let again = json(&[
        "rubric",
        "--format",
        "json",
        "--rubric",
        path.to_str().unwrap(),
    ]);
    assert_eq!(again.as_array().unwrap().len(), codes.len());
}

/// (d) `--format markdown` gives Markdown tables, as it does for `score`.
#[test]
fn rubric_markdown_is_a_markdown_table() {
    let md = stdout(&["rubric", "--format", "markdown"]);
    assert!(
        md.lines()
            .any(|l| l.starts_with("| Code | Theme | Label |")),
        "no Markdown table header in:\n{}",
        md.lines().take(5).collect::<Vec<_>>().join("\n")
    );
    assert!(md.lines().any(|l| l.starts_with("| acc.telephone |")));
    assert!(!md.contains('┌'), "terminal box drawing in Markdown output");
}

/// (d) A user's rubric is validated and listed; a bad row is an input error that names the place.
#[test]
fn rubric_validates_a_user_file() {
    let (_d, path) = temp_file("mine.csv", SMALL.as_bytes());
    let doc = json(&[
        "rubric",
        "--format",
        "json",
        "--rubric",
        path.to_str().unwrap(),
    ]);
    let codes: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["acc.tel", "acc.phys", "sec.a", "sec.b"]);
    assert_eq!(doc[0]["ilo_refs"], serde_json::json!(["4223:1", "4222:1"]));

    let bad_rows = [
        // (row, column, what the message says)
        ("x.bad,T,L,1.5,courrier,4120:3,r", 4, "score"),
        ("x.bad,T,L,0.5,Courrier,4120:3,r", 5, "not normalised"),
        (
            "x.bad,T,L,0.5,courrier||tri,4120:3,r",
            5,
            "empty alternative",
        ),
        ("x.bad,T,L,0.5,courrier,4120-3,r", 6, "ISCO:task_id"),
        ("acc.tel,T,L,0.5,courrier,4120:3,r", 1, "duplicate code"),
    ];
    for (row, column, says) in bad_rows {
        let (_d, path) = temp_file("bad.csv", format!("{SMALL}{row}\n").as_bytes());
        let out = exposure()
            .current_dir(path.parent().unwrap())
            .args(["rubric", "--rubric", "bad.csv"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{row}: {err}");
        assert!(out.stdout.is_empty(), "{row}: printed a listing");
        assert!(
            err.contains(&format!("bad.csv:6:{column}:")) && err.contains(says),
            "{row}: expected bad.csv:6:{column}: … {says}, got: {err}"
        );
    }
}

/// (d) `explain` in a table: the normalised text, the chosen rule, its ILO evidence, every match.
#[test]
fn explain_shows_normalised_text_choice_and_evidence() {
    let text = stdout(&["explain", "Assurer l'accueil téléphonique du public"]);
    for expected in [
        "Normalised: assurer l accueil telephonique du public",
        "Chosen:     acc.telephone",
        "Evidence:   ILO 4223 task 1",
        "Matching rules (best first)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // Best first: the two-term alternative (215) above the other two-term one (213).
    let tel = text.find("│ acc.telephone").unwrap();
    let phys = text.find("│ acc.physique").unwrap();
    assert!(tel < phys, "{text}");
    assert!(text.contains("215") && text.contains("213"), "{text}");

    let none = stdout(&["explain", "Lorem ipsum dolor"]);
    assert!(
        none.contains("Chosen:     none — no rule matches; the task is unscored"),
        "{none}"
    );
}

/// `explain --lang fr`: French labels and decimal commas; the JSON does not change.
#[test]
fn explain_in_french() {
    let text = stdout(&["explain", "--lang", "fr", "Saisir les mandats de paiement"]);
    for expected in [
        "Normalisé\u{202f}:      saisir les mandats de paiement",
        "Règle retenue\u{202f}:  fin.depenses",
        "\u{202f}; score 0,58, niveau d'exposition moyen",
        "Fondement\u{202f}:      OIT 4311 tâche 1 (Employés des services comptables), score 2025 0,53\u{202f}: ",
        "Règles qui correspondent (la meilleure d'abord)",
        "Spécificité",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let none = stdout(&["explain", "--lang", "fr", "Lorem ipsum"]);
    assert!(none.contains("aucune règle ne correspond"), "{none}");
    let args = ["explain", "-f", "json", "Saisir les mandats de paiement"];
    assert_eq!(json(&args), json(&[&args[..], &["--lang", "fr"]].concat()));
}

/// (d) `explain --format json`, and the tie-break on a user's rubric.
#[test]
fn explain_json_and_ties_follow_file_order() {
    let doc = json(&[
        "explain",
        "--format",
        "json",
        "Assurer l'accueil téléphonique du public",
    ]);
    assert_eq!(
        doc["normalized"],
        "assurer l accueil telephonique du public"
    );
    let chosen = &doc["chosen"];
    assert_eq!(chosen["code"], "acc.telephone");
    assert_eq!(chosen["specificity"], 215);
    assert_eq!(chosen["alternative"], "accueil telephon");
    let evidence = chosen["evidence"].as_array().unwrap();
    assert!(!evidence.is_empty());
    for e in evidence {
        assert!(e["isco"].as_str().unwrap().len() == 4, "{e}");
        assert!(e["task_id"].as_u64().is_some(), "{e}");
        assert!(e["score_2025"].as_f64().is_some(), "{e}");
        assert!(!e["task"].as_str().unwrap().is_empty(), "{e}");
    }
    let matches: Vec<(&str, u64)> = doc["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["code"].as_str().unwrap(),
                m["specificity"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(matches[0], ("acc.telephone", 215));
    assert!(matches.contains(&("acc.physique", 213)), "{matches:?}");

    let (_d, path) = temp_file("mine.csv", SMALL.as_bytes());
    let rubric = path.to_str().unwrap();
    let doc = json(&[
        "explain",
        "--format",
        "json",
        "--rubric",
        rubric,
        "Trier le COURRIER",
    ]);
    assert_eq!(
        doc["chosen"]["code"], "sec.a",
        "equal specificity: first in file"
    );
    assert_eq!(doc["matches"].as_array().unwrap().len(), 2);
    // `=accueil` counts 7 characters, not 8: specificity 107.
    let doc = json(&["explain", "--format", "json", "--rubric", rubric, "Accueil"]);
    assert_eq!(doc["chosen"]["code"], "acc.phys");
    assert_eq!(doc["chosen"]["specificity"], 107);

    let doc = json(&["explain", "--format", "json", "Lorem ipsum dolor"]);
    assert!(doc["chosen"].is_null());
    assert_eq!(doc["matches"], serde_json::json!([]));
}
