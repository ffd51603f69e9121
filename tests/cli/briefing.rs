//! The director's answers (issue 5): the briefing, jobs by class (annex 1), tasks by theme
//! (annex 2), groupings by attribute and by sex, French labels, --top and --sort.

use serde_json::Value;

use crate::{data, exposure, json, stdout};

const CITY: &str = "data/examples/ville-fictive.csv";
const HEADCOUNTS: &str = "tests/data/effectifs_municipaux.csv";

fn path(p: &str) -> String {
    data(p).display().to_string()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

#[test]
fn the_city_briefing() {
    let out = stdout(&["score", &path(CITY)]);
    let first: Vec<&str> = out.lines().take(7).collect();
    assert_eq!(first[0], "Exposure to generative AI");
    assert!(first[1].contains("8518 agents, 133 jobs"), "{out}");
    assert!(first[2].contains("of tasks exposed"), "{out}");
    assert!(first[3].contains("agents concerned"), "{out}");
    // The Lyon study's measure: 77 of the 133 jobs have a task scored 0.50 or more.
    assert!(
        first[4].starts_with(
            "  57.9 % of jobs (77 of 133) and 32.1 % of agents (2735) do at least one task"
        ),
        "{out}"
    );
    assert!(first[5].starts_with("  Most exposed directions: "), "{out}");
    // Directions, then departments, then jobs with their class.
    let d = out.find("\nDirections\n").unwrap();
    let s = out.find("\nDepartments\n").unwrap();
    let j = out.find("\nJobs\n").unwrap();
    assert!(d < s && s < j);
    assert!(out[j..].contains("Exposed: Gradient") && out[j..].contains("Not Exposed"));
}

#[test]
fn directions_are_ranked_and_top_and_sort_cut_lists() {
    let doc = json(&["score", &path(CITY), "-f", "json"]);
    let means: Vec<f64> = doc["directions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| f(&g["mean"]))
        .collect();
    assert!(means.windows(2).all(|w| w[0] >= w[1]), "{means:?}");
    assert_eq!(means.len(), 11);

    let doc = json(&[
        "score",
        &path(CITY),
        "-f",
        "json",
        "--top",
        "3",
        "--sort",
        "agents",
    ]);
    let dirs = doc["directions"].as_array().unwrap();
    assert_eq!(dirs.len(), 3);
    assert_eq!(dirs[0]["direction"], "Éducation-Enfance");
    let agents: Vec<f64> = dirs.iter().map(|g| f(&g["agents"])).collect();
    assert!(agents.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(doc["jobs"].as_array().unwrap().len(), 3);
    assert_eq!(doc["departments"].as_array().unwrap().len(), 3);
    // The whole authority does not change with the view.
    assert_eq!(doc["summary"]["agents"], 8518.0);

    let doc = json(&["score", &path(CITY), "-f", "json", "--sort", "name"]);
    let names: Vec<&str> = doc["directions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["direction"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

/// Every grouping sums to the whole: agents, and agents in each class.
fn assert_adds_up(doc: &Value, groups: &[Value]) {
    let s = &doc["summary"];
    let total: f64 = groups.iter().map(|g| f(&g["agents"])).sum();
    assert!(
        (total - f(&s["agents"])).abs() < 1e-9,
        "{total} vs {}",
        s["agents"]
    );
    for (class, agents) in s["agents_by_class"].as_object().unwrap() {
        let sum: f64 = groups.iter().map(|g| f(&g["agents_by_class"][class])).sum();
        assert!((sum - f(agents)).abs() < 1e-9, "{class}: {sum} vs {agents}");
    }
    let concerned: f64 = groups.iter().map(|g| f(&g["agents_concerned"])).sum();
    assert!((concerned - f(&s["agents_concerned"])).abs() < 1e-9);
}

#[test]
fn groups_by_filiere_categorie_and_sex_add_up_to_the_whole() {
    let doc = json(&[
        "score",
        &path(CITY),
        "-f",
        "json",
        "--by",
        "filiere",
        "--by",
        "catégorie",
        "--by",
        "sex",
    ]);
    let groups = doc["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 3);
    assert_eq!(groups[0]["column"], "Filière");
    assert_eq!(groups[1]["column"], "Catégorie");
    assert_eq!(groups[2]["column"], "sex");
    for g in groups {
        assert_adds_up(&doc, g["groups"].as_array().unwrap());
    }
    let cat: Vec<&str> = groups[1]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["value"].as_str().unwrap())
        .collect();
    let mut sorted = cat.clone();
    sorted.sort();
    assert_eq!(sorted, ["A", "B", "C"]);
    let sex = groups[2]["groups"].as_array().unwrap();
    assert_eq!(sex[0]["value"], "Women");
    assert_eq!(sex[0]["agents"], 5344.0);
    assert_eq!(sex[1]["value"], "Men");
    assert_eq!(sex[1]["agents"], 8518.0 - 5344.0);
    // Directions and departments add up too.
    assert_adds_up(&doc, doc["directions"].as_array().unwrap());
    assert_adds_up(&doc, doc["departments"].as_array().unwrap());
}

#[test]
fn sex_split_needs_a_women_or_men_column() {
    let out = exposure()
        .args([
            "score",
            &path("tests/data/roster_basic.csv"),
            "--by",
            "sexe",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("number of women"));
}

#[test]
fn french_labels() {
    let out = stdout(&[
        "score",
        &path(CITY),
        "--lang",
        "fr",
        "--by",
        "sex",
        "--top",
        "5",
    ]);
    for expected in [
        "Exposition à l'IA générative",
        "agents, 133 métiers",
        "des tâches exposées (score\u{a0}≥\u{a0}0,50)",
        "Directions les plus exposées\u{202f}: ",
        "Agents par classe (gradients OIT WP140 (2025))",
        "Exposition minimale",
        "Non exposé",
        "┆ Service ",
        "Métiers",
        "Par Sexe",
        "Femmes",
        "Hommes",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    let wp96 = stdout(&[
        "score",
        &path(CITY),
        "--lang",
        "fr",
        "--method",
        "wp96",
        "--level",
        "summary",
    ]);
    for expected in [
        "Potentiel d'automatisation",
        "Grande inconnue",
        "Potentiel d'augmentation",
        "Non concerné",
    ] {
        assert!(wp96.contains(expected), "missing {expected:?} in\n{wp96}");
    }
    // CSV headers and class names too; the figures are the same.
    let csv_fr = stdout(&[
        "score",
        &path(CITY),
        "-f",
        "csv",
        "--lang",
        "fr",
        "--level",
        "job",
    ]);
    assert!(
        csv_fr.starts_with("niveau,direction,service,regroupement,valeur,métier,"),
        "{csv_fr}"
    );
    assert!(csv_fr.contains(",Exposition minimale,") && csv_fr.contains("agents Non exposé"));
    // JSON keys and class keys stay the same in French.
    let doc = json(&["score", &path(CITY), "-f", "json", "--lang", "fr"]);
    assert!(
        doc["summary"]["agents_by_class"]
            .get("gradient_4")
            .is_some()
    );
    assert!(doc["headline"][0].as_str().unwrap().contains("métiers"));
}

#[test]
fn jobs_by_class_on_the_city_and_on_a_headcount_table() {
    for roster in [CITY, HEADCOUNTS] {
        let doc = json(&["jobs", &path(roster), "-f", "json"]);
        let score = json(&["score", &path(roster), "-f", "json"]);
        assert_eq!(doc["schema"], "exposure-jobs/1");
        let classes = doc["classes"].as_array().unwrap();
        assert_eq!(classes[0]["class"], "gradient_4");
        assert_eq!(classes.len(), 6);
        for c in classes {
            let key = c["class"].as_str().unwrap();
            assert_eq!(
                c["agents"], score["summary"]["agents_by_class"][key],
                "{roster} {key}"
            );
            let items = c["items"].as_array().unwrap();
            assert_eq!(c["jobs"].as_u64().unwrap() as usize, items.len());
            assert!(items.iter().all(|j| j["class"] == key));
        }
    }
    let text = stdout(&["jobs", &path(HEADCOUNTS), "--lang", "fr"]);
    assert!(text.starts_with("Métiers par classe"), "{text}");
    assert!(text.contains("Gradient 4 — "), "{text}");
    let csv = stdout(&["jobs", &path(CITY), "-f", "csv"]);
    assert!(csv.starts_with("class,class_label,direction,department,job,isco,agents,mean,sd\n"));
}

#[test]
fn tasks_by_theme_on_the_city_and_on_a_headcount_table() {
    let doc = json(&["tasks", &path(CITY), "-f", "json"]);
    assert_eq!(doc["schema"], "exposure-tasks/1");
    assert_eq!(doc["min_band"], "medium");
    let themes = doc["themes"].as_array().unwrap();
    assert!(themes.len() >= 5);
    let agents: Vec<f64> = themes.iter().map(|t| f(&t["agents"])).collect();
    assert!(
        agents.windows(2).all(|w| w[0] >= w[1]),
        "themes ranked by agents"
    );
    for t in themes {
        for task in t["tasks"].as_array().unwrap() {
            assert!(f(&task["score"]) >= 0.5);
            assert!(!task["jobs"].as_array().unwrap().is_empty());
        }
    }
    // --min-band high keeps only tasks scored 0.75 or more.
    let high = json(&["tasks", &path(CITY), "-f", "json", "--min-band", "high"]);
    for t in high["themes"].as_array().unwrap() {
        assert!(
            t["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .all(|x| f(&x["score"]) >= 0.75)
        );
    }
    // A headcount table: tasks come from the ILO occupations, themed by occupation.
    let doc = json(&["tasks", &path(HEADCOUNTS), "-f", "json"]);
    let themes = doc["themes"].as_array().unwrap();
    assert!(!themes.is_empty());
    assert!(
        themes
            .iter()
            .all(|t| t["theme"].as_str().unwrap().starts_with("ILO "))
    );
    let task = &themes[0]["tasks"][0];
    assert!(task["rule"].as_str().unwrap().starts_with("ilo:"));
    // Table, Markdown and CSV.
    let table = stdout(&["tasks", &path(CITY), "--top", "2", "--lang", "fr"]);
    assert!(
        table.starts_with("Tâches au plus fort potentiel, par thème (≥ moyen)"),
        "{table}"
    );
    let md = stdout(&["tasks", &path(CITY), "-f", "markdown", "--top", "2"]);
    assert!(md.contains("| Task | Score | Band | Jobs | Agents |"));
    let csv = stdout(&["tasks", &path(CITY), "-f", "csv"]);
    assert!(csv.starts_with("theme,task,rule,score,band,jobs,agents\n"));
}

/// Tasks of one theme with the same score, as (theme, score, task) rows of `tasks -f csv`.
fn tied_tasks(lang: &str) -> Vec<(String, String, Vec<String>)> {
    let text = stdout(&[
        "tasks",
        &path(HEADCOUNTS),
        "-f",
        "csv",
        "--min-band",
        "low",
        "--lang",
        lang,
    ]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut ties: Vec<(String, String, Vec<String>)> = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        let (theme, task, score) = (&row[0], &row[1], &row[3]);
        match ties.last_mut() {
            Some((t, s, tasks)) if t == theme && s == score => tasks.push(task.to_string()),
            _ => ties.push((theme.to_string(), score.to_string(), vec![task.to_string()])),
        }
    }
    ties.retain(|(_, _, tasks)| tasks.len() > 1);
    ties
}

/// A reader's alphabetical key: accents and capitals folded.
fn folded(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c,
        })
        .collect()
}

#[test]
fn tasks_of_the_same_score_are_in_the_alphabetical_order_of_the_language_shown() {
    let (fr, en) = (tied_tasks("fr"), tied_tasks("en"));
    for (_, _, tasks) in fr.iter().chain(&en) {
        let keys: Vec<String> = tasks.iter().map(|t| folded(t)).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{tasks:#?}");
    }
    // Same ties in both languages (themes tied by agents may come in another order).
    let sizes = |ties: &[(String, String, Vec<String>)]| {
        let mut sizes: Vec<(String, usize)> =
            ties.iter().map(|(_, s, t)| (s.clone(), t.len())).collect();
        sizes.sort();
        sizes
    };
    assert_eq!(sizes(&fr), sizes(&en));
    // A French task starting with É after another of its tie: byte order would put it last.
    let french_differs = fr
        .iter()
        .any(|(_, _, tasks)| tasks[..tasks.len() - 1].iter().any(|t| t.starts_with('É')));
    assert!(
        !fr.is_empty() && french_differs,
        "the roster must have ties whose French order differs from byte order"
    );
}
