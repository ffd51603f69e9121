//! Property tests over generated rosters: normalisation is idempotent; the order of the rows
//! changes no output byte; group totals are the sums of their members; the CSV output read back
//! gives the JSON figures. The pipeline runs in-process (`exposure::run` with `-o FILE`), which
//! is much faster than a process per case; case counts are kept modest so `cargo test` stays
//! quick.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value;

use exposure::normalize::{header_key, normalize};

/// A small rubric of our own, so that no property depends on the built-in rubric's content.
const RUBRIC: &str = "code,theme,label,score,patterns,ilo_refs,rationale\n\
    accueil.telephone,Accueil,Accueil téléphonique,0.62,accueil telephon|standard,,Fixture.\n\
    accueil.physique,Accueil,Accueil physique,0.41,accueil,,Fixture.\n\
    courrier,Secrétariat,Courrier,0.55,courrier,,Fixture.\n\
    compte.rendu,Secrétariat,Comptes rendus,0.73,redig compte rendu|proces verbal,,Fixture.\n\
    paie,RH,Paie,0.58,=paie|bulletin salaire,,Fixture.\n\
    entretien,Technique,Entretien,0.05,entreten|nettoy,,Fixture.\n";

const DIRECTIONS: [&str; 3] = ["Ressources", "Proximité", "Cadre de vie"];
const DEPARTMENTS: [&str; 3] = ["Finances", "Accueil et état civil", "Espaces verts"];
const TITLES: [&str; 5] = [
    "Gestionnaire",
    "Agent(e) d'accueil",
    "Assistant(e)",
    "Jardinier(ère)",
    "Chargé(e) de mission",
];
const TASKS: [&str; 8] = [
    "Assurer l'accueil téléphonique",
    "Accueillir le public au guichet",
    "Trier et enregistrer le courrier",
    "Rédiger les comptes rendus de réunion",
    "Préparer la paie des agents",
    "Nettoyer les locaux",
    "Conduire le véhicule de service",
    "Participer aux astreintes",
];

#[derive(Debug, Clone)]
struct Task {
    text: usize,
    /// An expert score in hundredths, or none (the rubric decides).
    score: Option<u8>,
    /// A weight in tenths (decimal commas, which sum differently in different orders), or none.
    weight: Option<u8>,
}

#[derive(Debug, Clone)]
struct Job {
    direction: usize,
    department: usize,
    title: usize,
    /// In half agents (FTE).
    headcount: u16,
    tasks: Vec<Task>,
}

fn task() -> impl Strategy<Value = Task> {
    (
        0..TASKS.len(),
        prop::option::weighted(0.4, 0u8..=100),
        prop::option::weighted(0.8, 1u8..=10),
    )
        .prop_map(|(text, score, weight)| Task {
            text,
            score,
            weight,
        })
}

fn job() -> impl Strategy<Value = Job> {
    (
        0..DIRECTIONS.len(),
        0..DEPARTMENTS.len(),
        0..TITLES.len(),
        1u16..80,
        prop::collection::vec(task(), 1..6),
    )
        .prop_map(|(direction, department, title, headcount, tasks)| Job {
            direction,
            department,
            title,
            headcount,
            tasks,
        })
}

/// The data rows of a roster (the header apart), one per task; a job appears once.
fn rows() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(job(), 1..12).prop_map(|jobs| {
        let mut seen = std::collections::HashSet::new();
        let mut rows = Vec::new();
        for j in jobs {
            if !seen.insert((j.direction, j.department, j.title)) {
                continue;
            }
            let headcount = format!("{},{}", j.headcount / 2, (j.headcount % 2) * 5);
            for t in &j.tasks {
                rows.push(format!(
                    "{};{};{};{};{};{};{};{}",
                    DIRECTIONS[j.direction],
                    DEPARTMENTS[j.department],
                    TITLES[j.title],
                    headcount,
                    if j.title % 2 == 0 {
                        "Administrative"
                    } else {
                        "Technique"
                    },
                    TASKS[t.text],
                    t.weight.map(|w| format!("0,{w}")).unwrap_or_default(),
                    t.score
                        .map(|s| format!("{}", f64::from(s) / 100.0))
                        .unwrap_or_default(),
                ));
            }
        }
        rows
    })
}

const HEADER: &str = "Direction;Service;Métier;Effectif;Filière;Tâche;Part du temps;Exposition";

struct Workspace {
    dir: tempfile::TempDir,
    rubric: PathBuf,
}

impl Workspace {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let rubric = dir.path().join("rubric.csv");
        std::fs::write(&rubric, RUBRIC).unwrap();
        Workspace { dir, rubric }
    }

    fn roster(&self, name: &str, rows: &[String]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap();
        path
    }

    /// `exposure score ROSTER --format FORMAT`, in-process; the output as text.
    fn score(&self, roster: &Path, format: &str) -> String {
        let out = self.dir.path().join(format!("out.{format}"));
        let exit = exposure::run([
            "exposure",
            "score",
            roster.to_str().unwrap(),
            "--rubric",
            self.rubric.to_str().unwrap(),
            "--format",
            format,
            "--by",
            "Filière",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(exit, exposure::error::Exit::Ok, "{format} of {roster:?}");
        std::fs::read_to_string(out).unwrap()
    }
}

/// A JSON document without what rightly depends on the order of the rows: the line (and file)
/// where each job or unscored task was first seen, and the order of the unscored list.
fn without_places(mut doc: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.remove("line");
                map.remove("file");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut doc);
    if let Some(Value::Array(unscored)) = doc.get_mut("unscored") {
        unscored.sort_by_key(|u| u.to_string());
    }
    if let Some(Value::Array(inputs)) = doc.get_mut("inputs") {
        inputs.clear();
    }
    doc
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(0.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn normalisation_is_idempotent(text in any::<String>()) {
        let once = normalize(&text);
        prop_assert_eq!(normalize(&once), once.clone());
        prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
        let key = header_key(&text);
        prop_assert_eq!(header_key(&key), key);
    }

    #[test]
    fn normalisation_of_french_text_is_idempotent(
        text in "[ a-zA-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸàâäçéèêëîïôöùûüÿŒœÆæ’'\u{a0}\u{202f}\u{301}.,;:!?()-]{0,40}"
    ) {
        let once = normalize(&text);
        prop_assert_eq!(normalize(&once), once.clone());
        prop_assert!(once.chars().all(|c| c == ' ' || c.is_alphanumeric()));
        prop_assert!(!once.chars().any(|c| "àâäçéèêëîïôöùûüÿœæ".contains(c)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_order_of_the_rows_changes_no_output_byte(
        (rows, shuffled) in rows().prop_flat_map(|r| (Just(r.clone()), Just(r).prop_shuffle()))
    ) {
        let ws = Workspace::new();
        let a = ws.roster("a.csv", &rows);
        let b = ws.roster("b.csv", &shuffled);
        for format in ["table", "csv", "markdown"] {
            prop_assert_eq!(ws.score(&a, format), ws.score(&b, format), "{}", format);
        }
        let json = |p: &Path| without_places(serde_json::from_str(&ws.score(p, "json")).unwrap());
        prop_assert_eq!(json(&a), json(&b));
    }

    #[test]
    fn group_totals_are_the_sums_of_their_members(rows in rows()) {
        let ws = Workspace::new();
        let doc: Value = serde_json::from_str(&ws.score(&ws.roster("r.csv", &rows), "json")).unwrap();
        let jobs = doc["jobs"].as_array().unwrap();
        // Members of a group: the jobs whose fields match the group's.
        let check = |group: &Value, members: Vec<&Value>| {
            let sum = |key: &str| members.iter().map(|j| num(&j[key])).sum::<f64>();
            let agents: f64 = members.iter().map(|j| num(&j["headcount"])).sum();
            assert!((num(&group["agents"]) - agents).abs() < 1e-9, "agents of {group}");
            assert_eq!(num(&group["jobs"]), members.len() as f64, "jobs of {group}");
            for key in ["tasks", "tasks_scored", "tasks_exposed"] {
                assert_eq!(num(&group[key]), sum(key), "{key} of {group}");
            }
            let by_class: f64 = group["agents_by_class"]
                .as_object()
                .unwrap()
                .values()
                .map(num)
                .sum();
            assert!((by_class - num(&group["agents_classified"])).abs() < 1e-9, "{group}");
            assert!(num(&group["agents_exposed"]) <= num(&group["agents_concerned"]) + 1e-9);
            assert!(num(&group["agents_concerned"]) <= num(&group["agents_classified"]) + 1e-9);
        };
        check(&doc["summary"], jobs.iter().collect());
        for d in doc["directions"].as_array().unwrap() {
            check(d, jobs.iter().filter(|j| j["direction"] == d["direction"]).collect());
        }
        for d in doc["departments"].as_array().unwrap() {
            check(
                d,
                jobs.iter()
                    .filter(|j| j["direction"] == d["direction"] && j["department"] == d["department"])
                    .collect(),
            );
        }
        for by in doc["groups"].as_array().unwrap() {
            for g in by["groups"].as_array().unwrap() {
                let column = by["column"].as_str().unwrap();
                check(g, jobs.iter().filter(|j| j["attributes"][column] == g["value"]).collect());
            }
        }
    }

    #[test]
    fn csv_output_read_back_gives_the_json_figures(rows in rows()) {
        let ws = Workspace::new();
        let roster = ws.roster("r.csv", &rows);
        let doc: Value = serde_json::from_str(&ws.score(&roster, "json")).unwrap();
        let text = ws.score(&roster, "csv");
        let text = text.trim_start_matches('\u{feff}');
        let delimiter = if text.lines().next().unwrap().contains(';') { b';' } else { b',' };
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let mut by_level: BTreeMap<String, Vec<BTreeMap<String, String>>> = BTreeMap::new();
        for rec in reader.records() {
            let rec = rec.unwrap();
            let row: BTreeMap<String, String> =
                header.iter().cloned().zip(rec.iter().map(String::from)).collect();
            by_level.entry(row["level"].clone()).or_default().push(row);
        }
        // A CSV number (decimal comma or point, possibly neutralised with an apostrophe) equals
        // the JSON one; an empty cell is a JSON null.
        let same = |cell: &str, json: &Value, what: &str| {
            let cell = cell.trim_start_matches('\'').replace(',', ".");
            match json {
                Value::Null => assert_eq!(cell, "", "{what}"),
                Value::String(s) => assert_eq!(&cell, s, "{what}"),
                // serde_json parses numbers fast rather than exactly (its `float_roundtrip`
                // feature is off): the value read back may be one unit in the last place away.
                v => {
                    let (a, b) = (cell.parse::<f64>().unwrap(), v.as_f64().unwrap());
                    assert!((a - b).abs() <= 2.0 * f64::EPSILON * a.abs().max(b.abs()), "{what}: {a} {b}");
                }
            }
        };
        let group_keys = [
            "agents", "jobs", "tasks", "tasks_scored", "tasks_exposed", "mean",
            "share_tasks_exposed", "share_time_exposed", "agents_classified",
            "agents_concerned", "share_agents_concerned", "agents_exposed", "share_agents_exposed",
        ];
        let check_groups = |level: &str, groups: &[Value]| {
            let rows = by_level.get(level).cloned().unwrap_or_default();
            assert_eq!(rows.len(), groups.len(), "{level} rows");
            for (row, g) in rows.iter().zip(groups) {
                for key in group_keys {
                    same(&row[key], &g[key], &format!("{level} {key}"));
                }
                for (class, agents) in g["agents_by_class"].as_object().unwrap() {
                    same(&row[&format!("agents_{class}")], agents, class);
                }
            }
        };
        check_groups("collectivity", std::slice::from_ref(&doc["summary"]));
        check_groups("direction", doc["directions"].as_array().unwrap());
        check_groups("department", doc["departments"].as_array().unwrap());
        let jobs = doc["jobs"].as_array().unwrap();
        let rows = &by_level["job"];
        prop_assert_eq!(rows.len(), jobs.len());
        for (row, j) in rows.iter().zip(jobs) {
            for key in ["direction", "department", "job"] {
                same(&row[key], &j[key], key);
            }
            same(&row["agents"], &j["headcount"], "headcount");
            for key in ["tasks", "tasks_scored", "tasks_exposed", "mean", "sd", "class", "share_time_exposed"] {
                same(&row[key], &j[key], key);
            }
        }
    }
}
