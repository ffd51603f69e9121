//! French outputs give the ILO tasks a job without tasks is scored from in French
//! (`data/ilo/ilo_tasks_fr.csv`); English outputs and JSON keep the ILO's English texts.

use std::collections::BTreeMap;

use crate::french_names::french_outputs;
use crate::{data, json, stdout};

const HEADCOUNT: &str = "tests/data/effectifs_municipaux.csv";

/// (code, task id) → (English text, French text) of every ILO task with a French text.
fn tasks() -> BTreeMap<(String, String), (String, String)> {
    let read = |path: &str, text: usize| -> BTreeMap<(String, String), String> {
        csv::Reader::from_path(data(path))
            .unwrap()
            .records()
            .map(|r| {
                let r = r.unwrap();
                ((r[0].to_string(), r[1].to_string()), r[text].to_string())
            })
            .collect()
    };
    let french = read("data/ilo/ilo_tasks_fr.csv", 2);
    read("data/ilo/ilo_tasks.csv", 4)
        .into_iter()
        .filter_map(|(key, english)| {
            let fr = french.get(&key).filter(|f| !f.is_empty())?.clone();
            Some((key, (english, fr)))
        })
        .collect()
}

#[test]
fn french_outputs_of_a_headcount_roster_give_the_ilo_tasks_in_french() {
    let tasks = tasks();
    // Personnel Clerks: « Gestionnaire RH » of the roster.
    let key = ("4416".to_string(), "1".to_string());
    let (english, french) = &tasks[&key];
    for (what, text) in french_outputs(HEADCOUNT) {
        // The terminal table wraps long cells: only whole English texts are looked for there.
        let kept: Vec<&String> = tasks
            .values()
            .map(|(en, _)| en)
            .filter(|en| en.len() > 20 && text.contains(en.as_str()))
            .collect();
        assert!(kept.is_empty(), "{what}: {kept:?}");
        if what != "table" {
            assert!(text.contains(french.as_str()), "{what}: {french}");
        }
    }
    // English outputs keep the ILO's text; JSON is the same in either language.
    let roster = data(HEADCOUNT);
    let roster = roster.to_str().unwrap();
    let markdown = stdout(&["score", roster, "-f", "markdown", "--level", "task"]);
    assert!(markdown.contains(english.as_str()), "{markdown}");
    assert!(!markdown.contains(french.as_str()), "{markdown}");
    let tasks_json = |lang: &str| {
        let args = [
            "score", roster, "-f", "json", "--level", "task", "--lang", lang,
        ];
        json(&args)["tasks"].clone()
    };
    let fr = tasks_json("fr");
    assert_eq!(fr, tasks_json("en"));
    assert!(
        fr.to_string()
            .contains(&serde_json::to_string(english).unwrap())
    );
    let by_theme = |lang: &str| stdout(&["tasks", roster, "-f", "json", "--lang", lang]);
    let fr = by_theme("fr");
    assert_eq!(fr, by_theme("en"));
    assert!(!fr.contains(french.as_str()));
}

#[test]
fn an_occupation_and_a_rule_give_their_ilo_tasks_in_french() {
    let tasks = tasks();
    let (english, french) = &tasks[&("4416".to_string(), "1".to_string())];
    let fr = stdout(&["isco", "4416", "--lang", "fr", "--width", "2000"]);
    assert!(fr.contains(french.as_str()), "{fr}");
    assert!(!fr.contains(english.as_str()), "{fr}");
    let en = stdout(&["isco", "4416", "--width", "2000"]);
    assert!(en.contains(english.as_str()), "{en}");
    // A rule's evidence: the ILO tasks it cites (acc.telephone cites 4223/1).
    let (english, french) = &tasks[&("4223".to_string(), "1".to_string())];
    let fr = stdout(&["explain", "accueil téléphonique", "--lang", "fr"]);
    assert!(fr.contains(french.as_str()), "{fr}");
    assert!(!fr.contains(english.as_str()), "{fr}");
    let en = stdout(&["explain", "accueil téléphonique"]);
    assert!(en.contains(english.as_str()), "{en}");
}
