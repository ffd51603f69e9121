//! Output laid out to a width (`--width N`, or a terminal's width): no line wider than the
//! width, no word cut, the columns left out named under their table; without a width, piped
//! output is laid out as always.

use std::collections::BTreeSet;

use crate::{data, json, stdout};

const VILLE: &str = "data/examples/ville-fictive.csv";
const BUDGET: &str = "data/examples/budget/CA_2024.xml";

/// Every command that prints a table or text, on both examples (and the budget documents'
/// year-over-year view).
fn commands() -> Vec<Vec<String>> {
    let path = |p: &str| data(p).display().to_string();
    let years = ["CA_2022.xml", "CA_2023.xml", "CA_2024.xml"]
        .map(|f| path(&format!("data/examples/budget/{f}")));
    let mut commands: Vec<Vec<String>> = Vec::new();
    for roster in [path(VILLE), path(BUDGET)] {
        for command in ["score", "jobs", "tasks", "check"] {
            for lang in ["en", "fr"] {
                let mut args = vec![command.to_string(), roster.clone()];
                if command != "check" {
                    args.extend(["--lang".into(), lang.into()]);
                }
                commands.push(args);
            }
        }
    }
    commands.push([&["score".to_string()][..], &years].concat());
    commands.push(vec!["check".into(), path("tests/data/calibration.csv")]);
    for query in ["4226", "gestionnaire paie", "adjoint administratif"] {
        commands.push(vec!["isco".into(), query.into()]);
        commands.push(vec![
            "isco".into(),
            query.into(),
            "--lang".into(),
            "fr".into(),
        ]);
    }
    commands.push(vec!["explain".into(), "Saisir les mandats".into()]);
    commands.push(vec![
        "explain".into(),
        "--lang".into(),
        "fr".into(),
        "Accueillir le public".into(),
    ]);
    commands
}

/// Runs `exposure` and gives its standard output (check exits 1 or 2 when it finds problems,
/// and still prints them).
fn output(args: &[String], width: u16) -> String {
    let out = crate::exposure()
        .args(args)
        .args(["--width", &width.to_string()])
        .output()
        .unwrap();
    assert!(!out.stdout.is_empty(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The words of a text, box drawing left out.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| c.is_whitespace() || ('\u{2500}'..='\u{257f}').contains(&c))
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// The text without the notes under tables (from a table's bottom border to the blank line).
fn without_notes(text: &str) -> String {
    let mut kept = Vec::new();
    let mut in_note = false;
    for line in text.lines() {
        if line.is_empty() {
            in_note = false;
        }
        if !in_note {
            kept.push(line);
        }
        if line.starts_with('└') {
            in_note = true;
        }
    }
    kept.join("\n")
}

#[test]
fn at_80_columns_no_line_is_wider_and_no_word_is_cut() {
    for args in commands() {
        let narrow = output(&args, 80);
        for line in narrow.lines() {
            assert!(line.chars().count() <= 80, "{args:?}: {line:?}\n{narrow}");
        }
        // Wrapping parts text at spaces only: each word is one seen when nothing wraps.
        let wide = words(&output(&args, 2000));
        let cut: Vec<String> = words(&without_notes(&narrow))
            .difference(&wide)
            .cloned()
            .collect();
        assert!(cut.is_empty(), "{args:?}: words cut: {cut:?}\n{narrow}");
    }
}

#[test]
fn job_titles_and_directions_show_whole_in_a_narrow_table() {
    for roster in [VILLE, BUDGET] {
        let roster = data(roster).display().to_string();
        let doc = json(&["score", &roster, "--format", "json"]);
        let narrow = words(&stdout(&["score", &roster, "--width", "80"]));
        let jobs = doc["jobs"].as_array().unwrap();
        let texts = jobs
            .iter()
            .flat_map(|j| [&j["job"], &j["direction"]])
            .filter_map(|v| v.as_str());
        for text in texts {
            for word in text.split_whitespace() {
                assert!(
                    narrow.contains(word),
                    "{roster}: {word:?} of {text:?} not whole"
                );
            }
        }
    }
}

#[test]
fn columns_left_out_are_named_under_the_table() {
    let roster = data(VILLE).display().to_string();
    let text = stdout(&["score", &roster, "--width", "80"]);
    let jobs = text.split("\nJobs\n").nth(1).unwrap();
    assert!(!jobs.lines().next().unwrap().contains("ISCO"), "{jobs}");
    let note: String = jobs
        .lines()
        .skip_while(|l| !l.starts_with('└'))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(note.starts_with("Left out at 80 columns: "), "{note}");
    assert!(note.contains("ISCO") && note.contains("SD"), "{note}");
    let text = stdout(&["score", &roster, "--width", "80", "--lang", "fr"]);
    assert!(
        text.contains("Colonnes omises sur 80 caractères\u{202f}: "),
        "{text}"
    );
}

#[test]
fn without_a_width_piped_output_is_laid_out_as_always() {
    // The fixed layout of a pipe: tables 160 columns wide at most, lines never wrapped.
    let roster = data(VILLE).display().to_string();
    let piped = stdout(&["score", &roster]);
    assert!(piped.lines().any(|l| l.chars().count() > 100));
    assert!(!piped.contains("Left out"));
    // COLUMNS is for a terminal only: a script's saved output does not change with it.
    let out = crate::exposure()
        .args(["score", &roster])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), piped);
}

#[test]
fn a_width_below_20_is_refused() {
    crate::exposure()
        .args(["rubric", "--width", "12"])
        .assert()
        .code(2);
}
