//! Rosters given together are pooled into one analysis and read at once where the cores allow:
//! the same stdout, stderr and exit code as one after the other (`EXPOSURE_THREADS=1`).

use crate::{data, exposure};

/// Runs `exposure args` one file after the other, then at once on 2 and 4 threads: the same
/// bytes and exit code each time. Gives the exit code.
fn same_at_once(args: &[String]) -> Option<i32> {
    let run = |threads: &str| {
        let out = exposure()
            .env("EXPOSURE_THREADS", threads)
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), out.stdout, out.stderr)
    };
    let alone = run("1");
    assert!(!alone.1.is_empty() || !alone.2.is_empty(), "{args:?}");
    for threads in ["2", "4"] {
        let (code, stdout, stderr) = run(threads);
        assert_eq!(code, alone.0, "{args:?} on {threads} threads");
        assert!(
            stdout == alone.1,
            "{args:?} on {threads} threads: stdout differs"
        );
        assert_eq!(
            String::from_utf8_lossy(&stderr),
            String::from_utf8_lossy(&alone.2),
            "{args:?} on {threads} threads"
        );
    }
    alone.0
}

fn args(command: &[&str], files: &[String]) -> Vec<String> {
    (command.iter().map(|s| s.to_string()))
        .chain(files.iter().cloned())
        .collect()
}

fn fixture(path: &str) -> String {
    data(path).display().to_string()
}

/// CSV (one in Windows-1252, which warns), a workbook and an OpenDocument sheet, one with a
/// row in error: every command that pools rosters.
#[test]
fn rosters_read_at_once_give_the_bytes_read_one_after_the_other() {
    let good: Vec<String> = [
        "tests/data/roster_basic.csv",
        "tests/data/roster_cp1252.csv",
        "tests/data/bad/names_with_controls.xlsx",
        "tests/data/commune.ods",
        "tests/data/effectifs_municipaux.csv",
        "tests/data/unscored/a_proximite.csv",
    ]
    .map(fixture)
    .to_vec();
    let commands: [&[&str]; 7] = [
        &["score"],
        &["score", "--format", "json"],
        &["score", "--level", "task", "--format", "csv"],
        &["check"],
        &["check", "--format", "json"],
        &["jobs"],
        &["tasks"],
    ];
    for command in commands {
        let code = same_at_once(&args(command, &good));
        // `check` finds problems in these rosters (exit 1); the others succeed.
        assert_eq!(
            code,
            Some(if command[0] == "check" { 1 } else { 0 }),
            "{command:?}"
        );
    }
    // An input error in the third file, after the second's warning: the error stops the run
    // (`score`) or is one finding among others (`check`).
    let mut with_error = good.clone();
    with_error.insert(2, fixture("tests/data/bad/headcount_not_a_number.csv"));
    assert_eq!(same_at_once(&args(&["score"], &with_error)), Some(2));
    assert_eq!(same_at_once(&args(&["check"], &with_error)), Some(1));
    // The first file's error is the one told.
    with_error.swap(0, 2);
    assert_eq!(same_at_once(&args(&["jobs"], &with_error)), Some(2));
}

/// A roster of `rows` task rows over 50 jobs that also appear in the other files (so jobs span
/// files), with `lines` replaced: rows enough for several of the batches handed between threads.
fn roster(rows: usize, seed: usize, lines: &[(usize, &[u8])]) -> Vec<u8> {
    let tasks = [
        "Accueillir le public",
        "Saisir les factures",
        "Rédiger des courriers",
        "Entretenir les espaces verts",
        "Tâche sans règle connue",
    ];
    let mut text = b"Service;M\xc3\xa9tier;Effectif;T\xc3\xa2che;Part du temps\n".to_vec();
    for i in 0..rows {
        let line = i + 2;
        if let Some((_, bytes)) = lines.iter().find(|(l, _)| *l == line) {
            text.extend_from_slice(bytes);
        } else {
            let job = (i * 7 + seed) % 50;
            let task = tasks[(i + seed) % tasks.len()];
            let row = format!(
                "Service {};Agent {job};{};{task};0,{}\n",
                job % 5,
                job % 9 + 1,
                i % 9 + 1
            );
            text.extend_from_slice(row.as_bytes());
        }
    }
    text
}

/// Rosters of thousands of rows, read ahead of the one being handed on: a warning in the middle
/// of a file, a row in error, a headcount that disagrees with another file's.
#[test]
fn long_rosters_read_at_once_keep_their_warnings_and_errors_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: Vec<u8>| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    };
    // Agent 3 of Service 3 has 4 agents everywhere else.
    let a = write("a.csv", roster(3000, 0, &[]));
    let a_bad = write(
        "a_bad.csv",
        roster(3000, 0, &[(2500, b"Service 1;Agent 1;2;Saisir;abc\n")]),
    );
    let b = write(
        "b.csv",
        roster(
            4000,
            3,
            &[(2100, b"Service 2;Agent 2;3;D\xe9lib\xe9rer;0,5\n")],
        ),
    );
    let b_conflict = write(
        "b_conflict.csv",
        roster(
            4000,
            3,
            &[
                (2100, b"Service 2;Agent 2;3;D\xe9lib\xe9rer;0,5\n"),
                (3900, b"Service 3;Agent 3;9;Saisir;0,5\n"),
            ],
        ),
    );
    let c = write("c.csv", roster(2500, 5, &[]));
    let runs: [(&[&str], Vec<&String>, i32); 7] = [
        (&["score", "--format", "json"], vec![&a, &b, &c], 0),
        (&["tasks"], vec![&c, &a, &b], 0),
        (
            &["check", "--format", "json"],
            vec![&a_bad, &b_conflict, &c],
            1,
        ),
        (&["check"], vec![&a, &b_conflict, &a_bad], 1),
        (&["score"], vec![&a_bad, &b, &c], 2),
        (&["score"], vec![&a, &b_conflict, &c], 2),
        (
            &["jobs", "--format", "json"],
            vec![&c, &b_conflict, &a_bad],
            2,
        ),
    ];
    for (command, files, code) in runs {
        let files: Vec<String> = files.into_iter().cloned().collect();
        assert_eq!(
            same_at_once(&args(command, &files)),
            Some(code),
            "{command:?} {files:?}"
        );
    }
}
