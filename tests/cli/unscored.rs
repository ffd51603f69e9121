//! The unscored tasks, byte for byte: the `unscored` list of the JSON, the warnings that list
//! the first of them, and `check`'s finding for each (merged in order among the other
//! findings), on rosters with unscored tasks across files, jobs and departments, repeated
//! texts, and texts that need escaping. The expected outputs in tests/data/unscored/expected
//! were written by the binary that kept five strings per unscored task (commit 3b8aed9),
//! before their compact representation; they must not change, but for the deliberate changes
//! of `exposure-check/2` (docs/json-schema.md): the schema, `line: null` for a whole file, the
//! policy's `method` and `file`, and the baseline's findings located on the roster's lines;
//! and for the summary's `with_exposed_task` and its headline line (the Lyon study's measure,
//! added without a schema change).

use crate::{data, exposure};

/// Runs `exposure` in tests/data/unscored with the small rubric (stable, unlike the built-in
/// one) and returns its exit code, stdout and stderr.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = exposure()
        .current_dir(data("tests/data/unscored"))
        .args(args)
        .args(["--rubric", "../rubric_small.csv"])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(data("tests/data/unscored/expected").join(name))
        .unwrap()
        .replace(
            "exposure VERSION",
            &format!("exposure {}", env!("CARGO_PKG_VERSION")),
        )
}

#[test]
fn score_json_lists_every_unscored_task_unchanged() {
    let (code, stdout, stderr) = run(&[
        "score",
        "b_ressources.csv",
        "a_proximite.csv",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, expected("score.json"));
    assert_eq!(stderr, expected("score.stderr"));
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["unscored"].as_array().unwrap().len(), 17);
}

#[test]
fn check_findings_unchanged_in_every_format() {
    let rosters = [
        "check",
        "b_ressources.csv",
        "a_proximite.csv",
        "c_erreurs.csv",
    ];
    for (format, file) in [
        ("text", "check.txt"),
        ("github", "check.github"),
        ("json", "check.json"),
    ] {
        let mut args = rosters.to_vec();
        args.extend(["--format", format]);
        let (code, stdout, _) = run(&args);
        assert_eq!(code, 1, "{format}");
        assert_eq!(stdout, expected(file), "{format}");
    }
}

/// A roster given twice is refused (README, "What exposure refuses"): its tasks would count twice.
#[test]
fn check_refuses_a_roster_given_twice() {
    let (code, stdout, _) = run(&["check", "a_proximite.csv", "a_proximite.csv"]);
    assert_eq!(code, 2);
    assert!(
        stdout.starts_with(
            "a_proximite.csv: error[load-error]: the same roster as a_proximite.csv, given twice"
        ),
        "{stdout}"
    );
}

#[test]
fn check_findings_unchanged_with_a_baseline() {
    let (code, stdout, _) = run(&[
        "check",
        "b_ressources.csv",
        "a_proximite.csv",
        "--baseline",
        "baseline.json",
        "--fail-on",
        "notice",
    ]);
    assert_eq!(code, 1);
    assert_eq!(stdout, expected("check_baseline.txt"));
}
