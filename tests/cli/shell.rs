//! At home in a shell (issue 19): completion scripts, the manual page, `--quiet`, and the
//! examples every command's `--help` ends with, run as written.

use std::path::Path;
use std::process::Command;

use crate::{data, exposure, stdout};

const COMMANDS: [&str; 10] = [
    "score",
    "jobs",
    "tasks",
    "report",
    "explain",
    "rubric",
    "isco",
    "check",
    "completions",
    "man",
];

/// Whether a program can be run from PATH.
fn on_path(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs a shell command line with the built `exposure` first on PATH, in `dir`.
pub fn shell(line: &str, dir: &Path) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_exposure")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .args(["-o", "pipefail", "-c", line])
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

#[test]
fn bash_completion_is_valid_bash_and_every_shell_has_a_script() {
    let bash = stdout(&["completions", "bash"]);
    for word in ["check", "completions", "--max-unscored", "--quiet"] {
        assert!(bash.contains(word), "{word} missing from the bash script");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = shell("exposure completions bash | bash -n", dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for sh in ["zsh", "fish", "powershell", "elvish"] {
        assert!(stdout(&["completions", sh]).contains("exposure"), "{sh}");
    }
    if on_path("zsh") {
        let out = shell("exposure completions zsh | zsh -n", dir.path());
        assert!(out.status.success(), "zsh -n failed");
    }
    exposure().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_manual_pages_are_roff_and_man_renders_them() {
    let page = stdout(&["man"]);
    assert!(page.contains(".TH exposure 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS"] {
        assert!(page.contains(section), "{section} missing");
    }
    for command in COMMANDS {
        assert!(page.contains(command), "{command} missing from the page");
    }
    let check = stdout(&["man", "check"]);
    assert!(check.contains(".TH exposure-check 1"), "{check}");
    assert!(check.contains("\\-\\-max\\-unscored"), "{check}");
    exposure().args(["man", "nope"]).assert().code(2);

    if !on_path("man") {
        eprintln!("man is not installed: the roff structure alone was checked");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (args, title) in [("", "exposure(1)"), ("check", "exposure-check(1)")] {
        let out = shell(
            &format!("exposure man {args} > page.1 && MANWIDTH=80 man -P cat -l page.1"),
            dir.path(),
        );
        let text = String::from_utf8_lossy(&out.stdout);
        let errors = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{errors}");
        assert!(errors.trim().is_empty(), "man warned: {errors}");
        assert!(text.starts_with(title), "{text}");
        assert!(
            text.contains("SYNOPSIS") && text.contains("OPTIONS"),
            "{text}"
        );
    }
}

#[test]
fn quiet_silences_warnings_but_not_errors() {
    let roster = data("tests/data/unscored/a_proximite.csv");
    let roster = roster.to_str().unwrap();
    let loud = exposure().args(["score", roster]).output().unwrap();
    assert!(String::from_utf8_lossy(&loud.stderr).contains("warning"));
    for flag in ["-q", "--quiet"] {
        let quiet = exposure().args(["score", roster, flag]).output().unwrap();
        assert!(quiet.status.success());
        assert!(quiet.stderr.is_empty(), "{flag}");
        assert_eq!(quiet.stdout, loud.stdout);
    }
    // Before the command too, and an error is still said.
    let out = exposure()
        .args(["-q", "score", "no-such-roster.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-roster.csv"));
    // Every command takes it.
    for command in COMMANDS {
        exposure()
            .args([command, "-q", "--help"])
            .assert()
            .success();
    }
}

/// The examples at the end of `--help`: 2 or 3 for each command, each runs as written from a
/// folder that has the repository's `data/`.
#[test]
fn help_examples_run_as_written() {
    let has_man = on_path("man");
    for command in COMMANDS {
        let help = stdout(&[command, "--help"]);
        let (_, examples) = help
            .split_once("\nExamples:\n")
            .unwrap_or_else(|| panic!("{command} --help has no examples:\n{help}"));
        let lines: Vec<&str> = examples
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert!(
            (2..=3).contains(&lines.len()),
            "{command}: {} examples",
            lines.len()
        );
        for line in lines {
            assert!(line.contains(&format!("exposure {command}")), "{line}");
            if line.contains("man -l") && !has_man {
                continue;
            }
            let dir = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink(data("data"), dir.path().join("data")).unwrap();
            // The search for a policy file stops here.
            std::fs::create_dir(dir.path().join(".git")).unwrap();
            let out = shell(line, dir.path());
            assert!(
                out.status.success(),
                "{line}: exit {:?}\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
