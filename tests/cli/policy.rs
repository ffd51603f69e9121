//! The policy file of `check` (issue 19): `exposure.toml`, `[check]`, keys named as the flags.
//! A key changes the verdict exactly as the flag of the same name does; a flag wins over a key.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::check::CLEAN;
use crate::exposure;

/// The clean roster of the check tests with one unscored task ("Piloter un drone") among 6: a
/// warning, and an error under the default `max-unscored` of 0.
fn roster() -> String {
    let roster = CLEAN.replace("Nettoyer;0,2;0,1", "Piloter un drone;0,2;");
    assert_ne!(roster, CLEAN);
    roster
}

/// A repository (a folder with `.git`) holding the roster, inside a folder of its own.
struct Repo {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join("roster.csv"), roster()).unwrap();
        Repo { _dir: dir, root }
    }

    /// `exposure ARGS` from the repository's root.
    fn run(&self, args: &[&str]) -> std::process::Output {
        run_in(&self.root, args)
    }

    fn policy(&self, text: &str) {
        std::fs::write(self.root.join("exposure.toml"), text).unwrap();
    }

    /// `exposure check roster.csv --format json ARGS` from the repository's root: exit code and
    /// the document, with the policy file's name taken out (the one thing a key adds).
    fn check(&self, args: &[&str]) -> (i32, Value) {
        self.check_in(&self.root, "roster.csv", args)
    }

    fn check_in(&self, cwd: &Path, roster: &str, args: &[&str]) -> (i32, Value) {
        let out = run_in(
            cwd,
            &[&["check", roster, "--format", "json"], args].concat(),
        );
        let mut doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
        });
        doc["policy"]
            .as_object_mut()
            .unwrap()
            .remove("file")
            .unwrap();
        (out.status.code().unwrap(), doc)
    }
}

fn run_in(cwd: &Path, args: &[&str]) -> std::process::Output {
    exposure().current_dir(cwd).args(args).output().unwrap()
}

/// Each key against its flag, on a roster where it changes the verdict one way or the other.
#[test]
fn a_key_changes_the_verdict_exactly_as_its_flag() {
    let repo = Repo::new();
    let (default_code, _) = repo.check(&[]);
    assert_eq!(default_code, 1, "one unscored task fails by default");
    let cases: [(&[&str], &str, i32); 5] = [
        // Looser: the check passes.
        (&["--max-unscored", "1"], "max-unscored = 1", 0),
        (&["--max-unscored", "20%"], "max-unscored = \"20%\"", 0),
        // Stricter: still fails, now also on the warning.
        (
            &["--max-unscored", "1", "--fail-on", "warning"],
            "max-unscored = 1\nfail-on = \"warning\"",
            1,
        ),
        (&["--max-unscored", "10%"], "max-unscored = \"10%\"", 1),
        (&["--method", "wp96"], "method = \"wp96\"", 1),
    ];
    for (flags, keys, expected) in cases {
        let by_flags = repo.check(flags);
        repo.policy(&format!("[check]\n{keys}\n"));
        let by_file = repo.check(&[]);
        std::fs::remove_file(repo.root.join("exposure.toml")).unwrap();
        assert_eq!(by_flags.0, expected, "{flags:?}");
        assert_eq!(by_file, by_flags, "{keys}");
    }
}

#[test]
fn baseline_and_max_drift_from_the_file() {
    let repo = Repo::new();
    let scored = roster().replace("Piloter un drone;0,2;", "Piloter un drone;0,2;0,1");
    std::fs::write(repo.root.join("roster.csv"), &scored).unwrap();
    std::fs::create_dir(repo.root.join("rh")).unwrap();
    exposure()
        .current_dir(&repo.root)
        .args(["score", "roster.csv", "-f", "json", "-o", "rh/base.json"])
        .assert()
        .success();
    // Proximité moves by +0.25.
    let moved = scored.replace(
        "Accueillir le public;0,5;0,45",
        "Accueillir le public;0,5;0,96",
    );
    std::fs::write(repo.root.join("roster.csv"), moved).unwrap();
    for (drift, expected) in [("0.3", 0), ("0.2", 1)] {
        let by_flags = repo.check(&["--baseline", "rh/base.json", "--max-drift", drift]);
        repo.policy(&format!(
            "[check]\nbaseline = \"rh/base.json\"\nmax-drift = {drift}\n"
        ));
        let by_file = repo.check(&[]);
        assert_eq!(by_flags.0, expected, "--max-drift {drift}");
        assert_eq!(by_file, by_flags, "max-drift = {drift}");
        // A flag alone, with the baseline from the file.
        let mixed = repo.check(&["--max-drift", drift]);
        assert_eq!(mixed, by_flags);
    }
    // The file's baseline is read from the file's folder, wherever the check runs from.
    let sub = repo.root.join("rh");
    let (code, doc) = repo.check_in(&sub, "../roster.csv", &[]);
    assert_eq!(code, 1);
    assert_eq!(doc["policy"]["baseline"], "../rh/base.json");
    // max-drift without any baseline is refused.
    repo.policy("[check]\nmax-drift = 0.1\n");
    let out = repo.run(&["check", "roster.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("max-drift needs a baseline"));
}

#[test]
fn flags_win_over_keys() {
    let repo = Repo::new();
    repo.policy("[check]\nmax-unscored = 1\nfail-on = \"warning\"\n");
    assert_eq!(repo.check(&[]).0, 1);
    let (code, doc) = repo.check(&["--fail-on", "error"]);
    assert_eq!(code, 0);
    assert_eq!(doc["policy"]["fail_on"], "error");
    assert_eq!(doc["policy"]["max_unscored"], "1");
    assert_eq!(
        repo.check(&["--max-unscored", "0", "--fail-on", "error"]).0,
        1
    );
}

#[test]
fn the_file_is_found_in_a_parent_but_not_above_the_repository() {
    let repo = Repo::new();
    let deep = repo.root.join("a/b");
    std::fs::create_dir_all(&deep).unwrap();
    // Above the repository's root: not read.
    std::fs::write(
        repo.root.parent().unwrap().join("exposure.toml"),
        "[check]\nmax-unscored = 5\n",
    )
    .unwrap();
    let out = run_in(&deep, &["check", "../../roster.csv", "-f", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["policy"]["file"], Value::Null);
    // At the root: read from two folders below, and named as a relative path.
    repo.policy("[check]\nmax-unscored = 1\n");
    let out = run_in(&deep, &["check", "../../roster.csv", "-f", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["policy"]["file"], "../../exposure.toml");
}

#[test]
fn unknown_keys_and_bad_values_name_file_line_and_column() {
    let repo = Repo::new();
    for (text, place, words) in [
        (
            "[check]\nfail-on = \"error\"\nmax_unscored = 1\n",
            "exposure.toml:3:1:",
            "max_unscored",
        ),
        (
            "[check]\nfail-on = \"fatal\"\n",
            "exposure.toml:2:11:",
            "\"notice\"",
        ),
        (
            "[check]\nmax-unscored = \"lots\"\n",
            "exposure.toml:2:16:",
            "percentage",
        ),
        (
            "[check]\nmethod = \"wp2000\"\n",
            "exposure.toml:2:10:",
            "\"wp96\"",
        ),
        (
            "[check]\nmax-drift = -0.1\n",
            "exposure.toml:2:13:",
            "a number from 0 to 1",
        ),
        ("[policy]\n", "exposure.toml:1:", "policy"),
        ("[check\n", "exposure.toml:1:", ""),
    ] {
        repo.policy(text);
        let out = repo.run(&["check", "roster.csv"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}: {stderr}");
        assert!(out.stdout.is_empty(), "{text}");
        assert!(stderr.contains(place), "{text}: {stderr}");
        assert!(stderr.contains(words), "{text}: {stderr}");
    }
}

#[test]
fn init_writes_a_starter_file_once() {
    let repo = Repo::new();
    let (code, none) = repo.check(&[]);
    exposure()
        .current_dir(&repo.root)
        .args(["check", "--init"])
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read_to_string(repo.root.join("exposure.toml")).unwrap();
    assert!(written.contains("[check]") && written.starts_with('#'));
    // The starter file states the defaults: the same verdict as no file.
    assert_eq!(repo.check(&[]), (code, none));
    // Never over an existing file.
    repo.policy("# mine\n");
    let out = repo.run(&["check", "--init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(repo.root.join("exposure.toml")).unwrap(),
        "# mine\n"
    );
    // --init takes no roster.
    assert_eq!(
        repo.run(&["check", "--init", "roster.csv"]).status.code(),
        Some(2)
    );
}
