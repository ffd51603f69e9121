//! Nothing destroyed, nothing injected, nothing silently wrong (issue 17): outputs never replace
//! an input nor a special file, text from the inputs cannot drive a terminal or a CI log, and
//! the numbers and options that would make figures meaningless are refused.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::{data, exposure};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    exposure().current_dir(dir).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A folder with a copy of the basic roster as `r.csv`.
fn folder_with_roster() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("r.csv");
    std::fs::copy(data("tests/data/roster_basic.csv"), &roster).unwrap();
    (dir, roster)
}

fn assert_refused_and_intact(out: &Output, file: &Path, before: &[u8]) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    assert!(
        stderr(out).contains("refusing to overwrite an input"),
        "{}",
        stderr(out)
    );
    assert_eq!(
        std::fs::read(file).unwrap(),
        before,
        "{} changed",
        file.display()
    );
}

#[test]
fn an_output_onto_an_input_is_refused_and_the_input_kept() {
    let (dir, roster) = folder_with_roster();
    let before = std::fs::read(&roster).unwrap();
    let d = dir.path();
    assert_refused_and_intact(
        &run_in(d, &["score", "r.csv", "-o", "r.csv"]),
        &roster,
        &before,
    );
    // Under another name: a path with `..`, a hard link, a symbolic link.
    std::fs::create_dir(d.join("sub")).unwrap();
    let out = run_in(d, &["score", "r.csv", "-f", "csv", "-o", "sub/../r.csv"]);
    assert_refused_and_intact(&out, &roster, &before);
    std::fs::hard_link(&roster, d.join("hard.csv")).unwrap();
    let out = run_in(d, &["jobs", "r.csv", "-o", "hard.csv"]);
    assert_refused_and_intact(&out, &roster, &before);
    std::os::unix::fs::symlink("r.csv", d.join("link.csv")).unwrap();
    let out = run_in(d, &["tasks", "r.csv", "-f", "json", "-o", "link.csv"]);
    assert_refused_and_intact(&out, &roster, &before);
    // The ISCO map and the rubric are inputs too.
    std::fs::write(d.join("m.csv"), "title,isco08\nJardinier,6113\n").unwrap();
    let map = std::fs::read(d.join("m.csv")).unwrap();
    let out = run_in(d, &["score", "r.csv", "--isco-map", "m.csv", "-o", "m.csv"]);
    assert_refused_and_intact(&out, &d.join("m.csv"), &map);
    let rubric = std::fs::read(data("data/rubric.csv")).unwrap();
    std::fs::write(d.join("rubric.csv"), &rubric).unwrap();
    let out = run_in(
        d,
        &[
            "score",
            "r.csv",
            "--rubric",
            "rubric.csv",
            "-o",
            "rubric.csv",
        ],
    );
    assert_refused_and_intact(&out, &d.join("rubric.csv"), &rubric);
    // Nothing was left behind.
    let names: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with(".exposure-")),
        "{names:?}"
    );
}

#[test]
fn an_output_onto_a_budget_document_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for year in ["2023", "2024"] {
        std::fs::copy(
            data(&format!("data/examples/budget/CA_{year}.xml")),
            d.join(format!("CA_{year}.xml")),
        )
        .unwrap();
    }
    let before = std::fs::read(d.join("CA_2024.xml")).unwrap();
    let out = run_in(d, &["score", "CA_2024.xml", "-o", "CA_2024.xml"]);
    assert_refused_and_intact(&out, &d.join("CA_2024.xml"), &before);
    // The year-over-year view of several documents reads each of them.
    let out = run_in(
        d,
        &[
            "report",
            "CA_2023.xml",
            "CA_2024.xml",
            "-f",
            "html",
            "-o",
            "CA_2024.xml",
        ],
    );
    assert_refused_and_intact(&out, &d.join("CA_2024.xml"), &before);
}

#[test]
fn a_report_onto_its_workbook_roster_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("roster.xlsx");
    std::fs::copy(data("tests/data/bad/names_with_controls.xlsx"), &roster).unwrap();
    let before = std::fs::read(&roster).unwrap();
    let out = run_in(dir.path(), &["report", "roster.xlsx", "-o", "roster.xlsx"]);
    assert_refused_and_intact(&out, &roster, &before);
}

#[test]
fn special_files_are_written_through_not_replaced() {
    let (dir, _) = folder_with_roster();
    let d = dir.path();
    let out = run_in(d, &["score", "r.csv", "-f", "json", "-o", "/dev/null"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    let out = run_in(d, &["score", "r.csv", "-f", "json", "-o", "/dev/stdout"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["schema"], "exposure-score/1");

    // A FIFO: its reader gets the output, and it stays a FIFO.
    let fifo = d.join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let out = run_in(d, &["jobs", "r.csv", "-f", "csv", "-o", "pipe"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = String::from_utf8(reader.join().unwrap()).unwrap();
    assert!(got.starts_with("class,"), "{got}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn a_link_to_a_file_has_its_target_replaced_and_stays_a_link() {
    let (dir, _) = folder_with_roster();
    let d = dir.path();
    std::fs::write(d.join("old.json"), "old").unwrap();
    std::os::unix::fs::symlink("old.json", d.join("out.json")).unwrap();
    let out = run_in(d, &["score", "r.csv", "-f", "json", "-o", "out.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(d.join("out.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(d.join("old.json")).unwrap();
    assert!(written.contains("exposure-score/1"));
    // A link to nothing is refused.
    std::os::unix::fs::symlink("nowhere/x.json", d.join("dangling.json")).unwrap();
    let out = run_in(d, &["score", "r.csv", "-o", "dangling.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("a symbolic link to nothing"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn text_is_not_written_into_a_workbook_name() {
    let (dir, _) = folder_with_roster();
    for args in [
        &["score", "r.csv", "-o", "x.xlsx"][..],
        &["jobs", "r.csv", "-f", "csv", "-o", "x.ods"],
        &["report", "r.csv", "-f", "html", "-o", "x.xlsx"],
    ] {
        let out = run_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("named like a workbook"),
            "{}",
            stderr(&out)
        );
        assert!(!dir.path().join("x.xlsx").exists() && !dir.path().join("x.ods").exists());
    }
}

/// The temporary file of an output being written is removed when the process is interrupted.
#[test]
fn ctrl_c_during_a_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut roster = String::from("Direction;Service;Métier;Effectif;Tâche;Exposition\n");
    for i in 0..60_000 {
        roster.push_str(&format!(
            "D{};S{};Métier {i};1;Tâche numéro {i} du métier;0,5\n",
            i % 7,
            i % 50
        ));
    }
    std::fs::write(dir.path().join("big.csv"), roster).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_exposure"))
        .current_dir(dir.path())
        .args(["score", "big.csv", "--level", "task", "-o", "out.txt"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let temp = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().starts_with(".exposure-"))
    };
    let started = std::time::Instant::now();
    while !temp() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "finished before its temporary file was seen"
        );
        assert!(started.elapsed().as_secs() < 120);
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let pid = child.id().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(2), "{status:?}");
    assert!(!temp(), "the temporary file was left behind");
    assert!(!dir.path().join("out.txt").exists());
}

/// A roster whose names carry terminal controls, a line break before a forged workflow
/// command, a right-to-left override; one task is left unscored so that a warning quotes its
/// job.
const HOSTILE: &str = "Direction;Métier;Effectif;Tâche;Exposition\n\
    \"D\u{1b}[31m\u{1b}]8;;http://x\u{7}\";\"Agent\r\n::error file=a::forged\";3;\"Saisir\u{9b}2J\u{202e}\";0,5\n\
    \"D\u{1b}[31m\u{1b}]8;;http://x\u{7}\";\"Agent\r\n::error file=a::forged\";3;Piloter un drone;\n";

/// No control reaches the terminal, and no line starts a workflow command (in `check -f
/// github`, none but the findings' own, one per line, and never the forged one).
fn assert_inert(text: &str, what: &str) {
    for c in text.chars() {
        assert!(
            c == '\n' || !exposure::sanitize::is_unsafe(c),
            "{what}: {c:?} reaches the terminal:\n{text}"
        );
    }
    let github = what.contains("github");
    assert!(
        !text.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("::error file=a") || (!github && l.starts_with("::"))
        }),
        "{what}: a line starts a workflow command:\n{text}"
    );
}

#[test]
fn names_cannot_drive_the_terminal_or_forge_workflow_commands() {
    let (dir, path) = crate::temp_file("hostile.csv", HOSTILE.as_bytes());
    let rubric = dir.path().join("rubric.csv");
    std::fs::write(
        &rubric,
        "code,theme,label,score,patterns,ilo_refs,rationale\nsaisie,Saisie,Saisie,0.5,saisir,,Fixture.\n",
    )
    .unwrap();
    let (path, rubric) = (path.to_str().unwrap(), rubric.to_str().unwrap());
    for args in [
        &["score", path, "--rubric", rubric][..],
        &[
            "score", path, "--rubric", rubric, "-f", "markdown", "--level", "job,task",
        ],
        &["jobs", path, "--rubric", rubric],
        &["jobs", path, "--rubric", rubric, "-f", "markdown"],
        &["tasks", path, "--rubric", rubric, "--min-band", "very-low"],
        &[
            "tasks",
            path,
            "--rubric",
            rubric,
            "-f",
            "markdown",
            "--min-band",
            "very-low",
        ],
        &["check", path, "--rubric", rubric],
        &["check", path, "--rubric", rubric, "-f", "github"],
    ] {
        let out = exposure().args(args).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr(&out)
        );
        let what = format!("{args:?}");
        assert_inert(&String::from_utf8(out.stdout.clone()).unwrap(), &what);
        assert_inert(&stderr(&out), &what);
    }
    // The names are escaped, not lost: the table shows the escapes.
    let out = exposure()
        .args(["score", path, "--rubric", rubric])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        table.contains("Agent\\r\\n::error file=a::forged"),
        "{table}"
    );
    assert!(
        stderr(&out).contains("Agent\\r\\n::error"),
        "{}",
        stderr(&out)
    );
    // Machine formats keep the text as given.
    let out = exposure()
        .args(["score", path, "--rubric", rubric, "-f", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["jobs"][0]["job"], "Agent\r\n::error file=a::forged");
}

#[test]
fn a_workbook_with_controls_in_its_names_is_escaped_on_the_terminal() {
    let out = exposure()
        .args([
            "jobs",
            data("tests/data/bad/names_with_controls.xlsx")
                .to_str()
                .unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_inert(&text, "jobs");
    assert!(text.contains("Agent\\u{1b}[31m rouge\\u{202e}"), "{text}");
}

#[test]
fn hostile_workbooks_are_refused_by_check_too() {
    for name in [
        "stray_cell_xfd1048576.xlsx",
        "repeated_rows.ods",
        "shared_strings_bomb.xlsx",
    ] {
        let path = data(&format!("tests/data/bad/{name}"));
        let out = exposure()
            .args(["check", path.to_str().unwrap()])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(matches!(out.status.code(), Some(1 | 2)), "{name}: {out:?}");
        assert!(text.contains(name), "{name}: {text}");
        assert!(!stderr(&out).contains("panicked"), "{name}");
    }
}

#[test]
fn max_drift_must_be_a_change_from_zero_to_one() {
    let (dir, _) = folder_with_roster();
    let d = dir.path();
    let out = run_in(d, &["score", "r.csv", "-f", "json", "-o", "base.json"]);
    assert_eq!(out.status.code(), Some(0));
    for bad in ["NaN", "inf", "-0.1", "1.5"] {
        let flag = format!("--max-drift={bad}");
        let out = run_in(d, &["check", "r.csv", "--baseline", "base.json", &flag]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&out).contains("a number from 0 to 1"),
            "{}",
            stderr(&out)
        );
    }
    // An unchanged roster holds the policy with a drift of 0.
    let out = run_in(
        d,
        &[
            "check",
            "r.csv",
            "--baseline",
            "base.json",
            "--max-drift",
            "0",
            "--fail-on",
            "error",
        ],
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("max-drift"),
        "{out:?}"
    );
}

#[test]
fn a_baseline_cut_by_top_is_refused() {
    let (dir, _) = folder_with_roster();
    let d = dir.path();
    run_in(
        d,
        &[
            "score", "r.csv", "-f", "json", "--top", "1", "-o", "top.json",
        ],
    );
    let out = run_in(
        d,
        &[
            "check",
            "r.csv",
            "--baseline",
            "top.json",
            "--max-drift",
            "0.1",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("lists 1 of its 3 jobs"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_same_roster_twice_is_refused() {
    let (dir, _) = folder_with_roster();
    std::os::unix::fs::symlink("r.csv", dir.path().join("again.csv")).unwrap();
    for second in ["r.csv", "./r.csv", "again.csv"] {
        let out = run_in(dir.path(), &["score", "r.csv", second]);
        assert_eq!(out.status.code(), Some(2), "{second}");
        assert!(stderr(&out).contains("given twice"), "{}", stderr(&out));
    }
}

#[test]
fn look_alike_job_names_are_pointed_out() {
    let roster =
        "Métier;Effectif;Tâche;Exposition\nAgent x;1;Accueil;0,5\nagent  x;2;Accueil;0,5\n";
    let (dir, _) = crate::temp_file("r.csv", roster.as_bytes());
    let out = run_in(dir.path(), &["score", "r.csv", "-f", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["jobs"], 2);
    assert!(
        stderr(&out).contains("differ only by case or spaces"),
        "{}",
        stderr(&out)
    );
    let out = run_in(dir.path(), &["check", "r.csv"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("warning[look-alike-jobs]"));
}

#[test]
fn a_score_written_as_a_percentage_is_a_share_of_one() {
    let doc = crate::json(&[
        "score",
        data("tests/data/bad/score_percent.csv").to_str().unwrap(),
        "-f",
        "json",
    ]);
    // 50% and 20% of the time, scored 50% and 20 %: (0.5·50 + 0.2·50) / 100.
    assert_eq!(doc["jobs"][0]["mean"], 0.35);
}

#[test]
fn a_bom_inside_the_file_does_not_make_a_second_direction() {
    let doc = crate::json(&[
        "score",
        data("tests/data/bad/bom_inside.csv").to_str().unwrap(),
        "-f",
        "json",
    ]);
    assert_eq!(doc["directions"].as_array().unwrap().len(), 1);
    assert_eq!(doc["jobs"][0]["tasks"], 2);
}

#[test]
fn explain_and_isco_refuse_formats_they_do_not_write() {
    for args in [
        &["explain", "saisir les mandats", "-f", "csv"][..],
        &["isco", "4226", "-f", "markdown"],
        &["isco", "99999"],
        &["isco", "422"],
    ] {
        let out = exposure().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
