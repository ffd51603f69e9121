//! French outputs name ISCO-08 occupations by their titles in the ILO's French edition
//! (CITP-08, `data/ilo/citp08_fr.csv`); English outputs and JSON keep the ILO's English titles.
//! And the words around figures: counts agree with their nouns, every column has a name.

use crate::french::{html_text, shared_strings};
use crate::{data, exposure, stdout};

const BUDGET: &str = "data/examples/budget/CA_2024.xml";
const HEADCOUNT: &str = "tests/data/effectifs_municipaux.csv";

/// (code, English title, French title) of every scored occupation.
fn titles() -> Vec<(String, String, String)> {
    let read = |path: &str| -> Vec<(String, String)> {
        csv::Reader::from_path(data(path))
            .unwrap()
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_string(), r[1].to_string())
            })
            .collect()
    };
    let french = read("data/ilo/citp08_fr.csv");
    read("data/ilo/ilo_occupations.csv")
        .into_iter()
        .map(|(code, english)| {
            let fr = french.iter().find(|(c, _)| *c == code).unwrap().1.clone();
            (code, english, fr)
        })
        .collect()
}

/// The English titles found in `text`: those of two words or more (a single word, "Chefs" or
/// "Pharmacists", may be a French word or a roster's), and the English themes.
fn english_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = titles()
        .into_iter()
        .filter(|(_, en, _)| en.contains(' ') && text.contains(en.as_str()))
        .map(|(code, en, _)| format!("{code} {en}"))
        .collect();
    found.extend(
        text.match_indices("ILO ")
            .filter(|(at, _)| text[at + 4..].starts_with(|c: char| c.is_ascii_digit()))
            .map(|(at, _)| text[at..(at + 30).min(text.len())].to_string()),
    );
    found
}

/// Every French output of a roster as text: tables, Markdown, the tasks by theme, the French
/// Excel CSV, the report and the workbook.
pub(crate) fn french_outputs(roster: &str) -> Vec<(String, String)> {
    let roster = data(roster);
    let roster = roster.to_str().unwrap();
    let every = "summary,direction,department,job,task";
    let fr = |args: &[&str]| stdout(&[args, &["--lang", "fr"]].concat());
    let mut out = vec![
        ("table".into(), fr(&["score", roster, "--level", every])),
        (
            "markdown".into(),
            fr(&["score", roster, "-f", "markdown", "--level", every]),
        ),
        ("tasks".into(), fr(&["tasks", roster, "-f", "markdown"])),
        ("tasks csv".into(), fr(&["tasks", roster, "-f", "csv"])),
        (
            "excel-fr csv".into(),
            fr(&[
                "score",
                roster,
                "-f",
                "csv",
                "--csv-dialect",
                "excel-fr",
                "--level",
                every,
            ]),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for name in ["r.html", "r.xlsx"] {
        let path = dir.path().join(name);
        let path_str = path.to_str().unwrap();
        exposure()
            .args(["report", roster, "-o", path_str, "--lang", "fr"])
            .assert()
            .success();
        let text = if name.ends_with("html") {
            html_text(&std::fs::read_to_string(&path).unwrap())
        } else {
            shared_strings(&path).join("\n")
        };
        out.push((name.to_string(), text));
    }
    out
}

#[test]
fn french_outputs_of_a_headcount_roster_and_a_budget_name_occupations_in_french() {
    for roster in [HEADCOUNT, BUDGET] {
        for (what, text) in french_outputs(roster) {
            let english = english_in(&text);
            assert!(english.is_empty(), "{roster}, {what}: {english:?}");
        }
    }
    // The ILO tasks a job without tasks is scored from are themed by its occupation, in French.
    let tasks = stdout(&["tasks", &data(BUDGET).to_string_lossy(), "--lang", "fr"]);
    assert!(
        tasks.contains("Gardiens d'immeubles (CITP 5153) — "),
        "{tasks}"
    );
    let markdown = stdout(&[
        "score",
        &data(HEADCOUNT).to_string_lossy(),
        "-f",
        "markdown",
        "--lang",
        "fr",
    ]);
    // The table of titles mapped to ISCO-08: the French title, and how it was found in words.
    assert!(
        markdown.contains(
            "| Gestionnaire RH | 3 | 4416 | Employés du service du personnel | Gestionnaire RH |"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "| grade du cadre d'emplois «\u{202f}Agents territoriaux spécialisés des écoles maternelles\u{202f}» (atsem) |"
        ) && !markdown.contains("grade:"),
        "{markdown}"
    );
}

#[test]
fn english_outputs_and_json_keep_the_ilo_english_titles() {
    let budget = data(BUDGET);
    let budget = budget.to_str().unwrap();
    let tasks = stdout(&["tasks", budget, "-f", "markdown"]);
    assert!(
        tasks.contains("## ILO 5153 Building Caretakers — "),
        "{tasks}"
    );
    // JSON is the same in either language: the English title and theme.
    let json = |lang: &str| stdout(&["tasks", budget, "-f", "json", "--lang", lang]);
    let fr = json("fr");
    assert_eq!(fr, json("en"));
    assert!(fr.contains("\"theme\": \"ILO 5153 Building Caretakers\""));
    let markdown = stdout(&[
        "score",
        &data(HEADCOUNT).to_string_lossy(),
        "-f",
        "markdown",
    ]);
    assert!(
        markdown.contains("| 4416 | Personnel Clerks |"),
        "{markdown}"
    );
    assert!(markdown.contains("| grade:atsem |"), "{markdown}");
}

#[test]
fn isco_names_the_occupation_in_french_and_says_how_it_was_reached_in_words() {
    let fr = stdout(&["isco", "Gestionnaire RH", "--lang", "fr", "--width", "300"]);
    assert!(
        fr.contains("Décision\u{202f}:    4416 Employés du service du personnel — "),
        "{fr}"
    );
    assert!(fr.contains("┆ Employés du service du personnel "), "{fr}");
    assert!(
        fr.contains(
            "fiche ROME K2111, appellation 38246\u{202f}: correspondance ESCO large (poids 1 sur 1)"
        ),
        "{fr}"
    );
    for english in ["Personnel Clerks", "rome:", "ogr:", " broad ", " close "] {
        assert!(!fr.contains(english), "{english}: {fr}");
    }
    assert!(english_in(&fr).is_empty(), "{:?}", english_in(&fr));
    let en = stdout(&["isco", "Gestionnaire RH", "--width", "300"]);
    assert!(en.contains("Decision:   4416 Personnel Clerks — "), "{en}");
    assert!(
        en.contains("ROME K2111, title 38246: broad ESCO match (weight 1 of 1)"),
        "{en}"
    );
    // A code: its heading.
    let code = stdout(&["isco", "4416", "--lang", "fr"]);
    assert!(
        code.starts_with("CITP-08 4416 — Employés du service du personnel\n"),
        "{code}"
    );
    // A grade whose cadre is a mix of occupations.
    let grade = stdout(&[
        "isco",
        "adjoint technique principal de 2e classe",
        "--lang",
        "fr",
        "--width",
        "300",
    ]);
    assert!(
        grade.contains("┆ Électriciens du bâtiment et assimilés "),
        "{grade}"
    );
    assert!(english_in(&grade).is_empty(), "{:?}", english_in(&grade));
    // An unmapped title quotes its closest reference title as French quotes it.
    let unmapped = stdout(&[
        "isco",
        "Vacataire professeur de yoga",
        "--lang",
        "fr",
        "--width",
        "300",
    ]);
    assert!(
        unmapped.contains(
            "(le plus proche\u{202f}: «\u{202f}Professeur / Professeure de yoga\u{202f}» → 3423,"
        ),
        "{unmapped}"
    );
}

#[test]
fn explain_grounds_a_rule_on_the_french_name_of_its_occupation() {
    let fr = stdout(&["explain", "saisie des bulletins de paie", "--lang", "fr"]);
    assert!(
        fr.contains("OIT 4313 tâche 2 (Employés chargés de la paie)"),
        "{fr}"
    );
    let en = stdout(&["explain", "saisie des bulletins de paie"]);
    assert!(en.contains("(Payroll Clerks)"), "{en}");
}

#[test]
fn counts_of_one_agree_with_their_nouns() {
    let (_dir, roster) = crate::temp_file(
        "one.csv",
        "direction,service,metier,effectif\nDG,RH,Gestionnaire RH,1\n".as_bytes(),
    );
    let roster = roster.to_str().unwrap();
    let fr = stdout(&["score", roster, "--lang", "fr"]);
    for line in [
        "  1 agent, 1 métier, 7 tâches (7 évaluées)\u{202f}; ",
        "  1 agent concerné (100,0\u{202f}% des agents classés)\u{202f}; ",
        "  1 métier sans tâches évalué d'après les tâches OIT de sa profession CITP-08\u{202f}; ",
    ] {
        assert!(fr.contains(line), "{line}\n{fr}");
    }
    let defects = exposure::typography::french_defects(&fr);
    assert!(defects.is_empty(), "{defects:?}");
    let en = stdout(&["score", roster]);
    for line in [
        "  1 agent, 1 job, 7 tasks (7 scored); ",
        "  1 agent concerned (",
    ] {
        assert!(en.contains(line), "{line}\n{en}");
    }
}

#[test]
fn year_over_year_tables_name_their_first_column() {
    let files: Vec<String> = ["CA_2022", "CA_2023"]
        .iter()
        .map(|y| {
            data(&format!("data/examples/budget/{y}.xml"))
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for (lang, filiere, class) in [("fr", "Filière", "Classe"), ("en", "Filière", "Class")] {
        let markdown = stdout(&[
            "score", &files[0], &files[1], "-f", "markdown", "--lang", lang,
        ]);
        let headers: Vec<&str> = markdown
            .lines()
            .filter(|l| l.starts_with("| ") && l.ends_with(" CA 2023 |"))
            .collect();
        assert!(headers.len() > 3, "{markdown}");
        for (i, header) in headers.iter().enumerate() {
            let first = if i < 2 { filiere } else { class };
            assert_eq!(
                *header,
                format!("| {first} | CA 2022 | CA 2023 |"),
                "{lang}: {markdown}"
            );
        }
    }
}

#[test]
fn a_guessed_grade_warning_names_its_occupation_in_the_reader_language() {
    let (_dir, roster) = crate::temp_file(
        "g.csv",
        "metier,effectif\nAgent specialise principl de 2e classe des ecoles maternelles,1\n"
            .as_bytes(),
    );
    let roster = roster.to_str().unwrap();
    let stderr = |lang: &str| {
        let out = exposure()
            .args(["score", roster, "--lang", lang])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stderr).unwrap()
    };
    let fr = stderr("fr");
    assert!(fr.contains("» → 5312 Aides-enseignants (grade «"), "{fr}");
    assert!(stderr("en").contains("\" → 5312 Teachers' Aides (grade \""));
}

/// `exposure isco` shows each sigle's long form as `data/isco/sigles.csv` writes it, accents and
/// apostrophes kept, not the matcher's folded form; in French, with French spacing.
#[test]
fn isco_shows_sigles_as_written() {
    let fr = stdout(&["isco", "Resp. SIG DRH", "--lang", "fr"]);
    let line = fr.lines().find(|l| l.starts_with("Sigles")).unwrap();
    assert!(
        line.ends_with(
            "resp → responsable\u{202f}; sig → système d'information géographique\u{202f}; \
             drh → directeur des ressources humaines"
        ),
        "{line}"
    );
    let defects = exposure::typography::french_defects(line);
    assert!(defects.is_empty(), "{defects:?}");
    let en = stdout(&["isco", "Agent de service"]);
    assert!(
        en.contains("Sigles:     agent de service → agent d'entretien\n"),
        "{en}"
    );
}
