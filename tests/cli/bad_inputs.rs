//! Bad inputs: each is refused with exit 2 and a located message, or accepted with a warning.
//!
//! The small ones are files in `tests/data/bad/`, with their expected exit code and message in
//! `tests/data/bad/expected.csv`; the huge ones (a 5 MB field, a 1,000,000-column header,
//! random binary) are made here at run time. None may panic or print a backtrace.

use std::path::Path;
use std::process::Output;

use crate::{data, exposure, temp_file};

/// A one-rule rubric, so that no outcome depends on the built-in rubric's content.
const RUBRIC: &str = "code,theme,label,score,patterns,ilo_refs,rationale\n\
                      accueil,Accueil,Accueil,0.5,accueil,,Fixture.\n";

fn run(dir: &Path, args: &[&str]) -> Output {
    exposure()
        .current_dir(dir)
        .env("RUST_BACKTRACE", "1")
        .args(args)
        .output()
        .unwrap()
}

/// No panic, no backtrace, no death by signal, and a short diagnostic.
fn assert_clean(out: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    for sign in ["panicked", "stack backtrace", "RUST_BACKTRACE"] {
        assert!(
            !stderr.contains(sign),
            "{what}: {sign} in stderr:\n{stderr}"
        );
    }
    assert!(
        matches!(out.status.code(), Some(0 | 2)),
        "{what}: exit {:?}\n{stderr}",
        out.status
    );
    assert!(
        stderr.len() < 4000,
        "{what}: {} bytes of diagnostics",
        stderr.len()
    );
}

fn score_args<'a>(file: &'a str, rubric: &'a str) -> Vec<&'a str> {
    vec!["score", file, "--rubric", rubric, "--format", "json"]
}

#[test]
fn every_bad_input_has_its_expected_outcome() {
    let dir = data("tests/data/bad");
    let (_guard, rubric) = temp_file("rubric.csv", RUBRIC.as_bytes());
    let rubric = rubric.to_str().unwrap();
    let mut listed = Vec::new();
    let mut reader = csv::Reader::from_path(dir.join("expected.csv")).unwrap();
    for rec in reader.records() {
        let rec = rec.unwrap();
        let (file, command, exit, message) = (&rec[0], &rec[1], &rec[2], &rec[3]);
        listed.push(file.to_string());
        let out = match command {
            "score" => run(&dir, &score_args(file, rubric)),
            "rubric" => run(&dir, &["rubric", "--rubric", file, "--format", "json"]),
            other => panic!("{file}: unknown command {other}"),
        };
        assert_clean(&out, file);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let expected: i32 = exit.parse().unwrap();
        assert_eq!(
            out.status.code(),
            Some(expected),
            "{file}: expected exit {expected}\n{stderr}"
        );
        assert!(
            stderr.contains(message),
            "{file}: expected {message:?} in stderr:\n{stderr}"
        );
        if expected == 0 {
            assert!(
                serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok(),
                "{file}: accepted but no JSON document on stdout"
            );
            if message.is_empty() {
                assert!(stderr.is_empty(), "{file}: unexpected warning:\n{stderr}");
            }
        } else {
            assert!(out.stdout.is_empty(), "{file}: refused but wrote output");
            assert!(stderr.starts_with("exposure: error: "), "{file}: {stderr}");
        }
    }
    // Every fixture has its expected outcome.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name != "expected.csv" && name != "README.md" {
            assert!(listed.contains(&name), "{name} is not in expected.csv");
        }
    }
}

#[test]
fn old_mac_line_endings_read_like_unix_ones() {
    let bad = data("tests/data/bad");
    let (_guard, rubric) = temp_file("rubric.csv", RUBRIC.as_bytes());
    let rubric = rubric.to_str().unwrap();
    let cr = std::fs::read(bad.join("old_mac_cr.csv")).unwrap();
    let lf: Vec<u8> = cr
        .iter()
        .map(|&b| if b == b'\r' { b'\n' } else { b })
        .collect();
    let (lf_dir, _) = temp_file("old_mac_cr.csv", &lf);
    let from_cr = run(&bad, &score_args("old_mac_cr.csv", rubric));
    let from_lf = run(lf_dir.path(), &score_args("old_mac_cr.csv", rubric));
    assert!(from_cr.status.success() && from_lf.status.success());
    assert_eq!(
        String::from_utf8(from_cr.stdout).unwrap(),
        String::from_utf8(from_lf.stdout).unwrap()
    );
}

#[test]
fn windows_1252_is_decoded() {
    let dir = data("tests/data/bad");
    let (_guard, rubric) = temp_file("rubric.csv", RUBRIC.as_bytes());
    let out = run(
        &dir,
        &score_args("windows_1252.csv", rubric.to_str().unwrap()),
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["inputs"][0]["encoding"], "Windows-1252");
    let departments: Vec<&str> = doc["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["department"].as_str().unwrap())
        .collect();
    assert!(departments.contains(&"État civil"), "{departments:?}");
}

#[test]
fn a_five_megabyte_field_is_refused_quickly_with_a_short_message() {
    let mut roster = b"job;task;score\nAgent;".to_vec();
    roster.extend(std::iter::repeat_n(b'x', 5 << 20));
    roster.extend(b";0.5\n");
    let (dir, _) = temp_file("big_field.csv", &roster);
    let out = run(dir.path(), &["score", "big_field.csv", "--format", "json"]);
    assert_clean(&out, "5 MB field");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("big_field.csv:2:2: column 'task': a cell of 5242880 characters"),
        "{stderr}"
    );
}

#[test]
fn a_quote_left_open_over_megabytes_is_named_as_such() {
    // In the last column, the open quote swallows 5 MB of rows into one cell.
    let mut last = b"job;score;task\nAgent;0.5;\"Accueillir\n".to_vec();
    // In a middle column, it also leaves the row short of fields.
    let mut middle = b"job;task;score\nAgent;\"Accueillir;0.5\n".to_vec();
    for _ in 0..(5 << 20) / 32 {
        last.extend(b"Agent;0.2;Classer les dossiers\n");
        middle.extend(b"Agent;Classer les dossiers;0.2\n");
    }
    for (content, message) in [
        (last, "open_quote.csv:2:3: column 'task': a cell of"),
        (middle, "open_quote.csv:2: unbalanced quote"),
    ] {
        let (dir, _) = temp_file("open_quote.csv", &content);
        let out = run(dir.path(), &["score", "open_quote.csv", "--format", "json"]);
        assert_clean(&out, message);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{stderr}");
        assert!(stderr.contains("quote"), "{stderr}");
    }
}

#[test]
fn a_million_column_header_is_refused_quickly() {
    let mut roster = b"job".to_vec();
    for i in 1..1_000_000 {
        roster.extend(format!(";c{i}").as_bytes());
    }
    roster.extend(b"\nAgent\n");
    let (dir, _) = temp_file("wide.csv", &roster);
    let started = std::time::Instant::now();
    let out = run(dir.path(), &["score", "wide.csv", "--format", "json"]);
    assert_clean(&out, "1,000,000 columns");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("wide.csv:1: the header has 1000000 columns; expected at most 16384"),
        "{stderr}"
    );
    // Generous: the point is that nothing is quadratic in the number of columns.
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn many_columns_within_the_limit_are_read() {
    let mut roster = b"job;score".to_vec();
    let mut row = b"Agent;0.5".to_vec();
    for i in 0..10_000 {
        roster.extend(format!(";c{i}").as_bytes());
        row.extend(format!(";{}", i % 7).as_bytes());
    }
    roster.push(b'\n');
    roster.extend(&row);
    roster.push(b'\n');
    let (dir, _) = temp_file("wide.csv", &roster);
    let out = run(dir.path(), &["score", "wide.csv", "--format", "json"]);
    assert_clean(&out, "10,000 columns");
    assert_eq!(out.status.code(), Some(0));
}

/// SplitMix64: reproducible random bytes without a dependency.
fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as u8
        })
        .collect()
}

#[test]
fn random_binary_is_refused() {
    let bytes = random_bytes(8, 1 << 20);
    let (dir, _) = temp_file("random.bin", &bytes);
    let out = run(dir.path(), &["score", "random.bin"]);
    assert_clean(&out, "random binary");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("random.bin:"), "{stderr}");
    assert!(
        stderr.contains("a NUL byte: this looks like a binary file"),
        "{stderr}"
    );

    // Without NUL bytes, and behind a valid header: refused all the same, never a panic.
    let no_nul: Vec<u8> = bytes.into_iter().filter(|&b| b != 0).collect();
    let mut behind_header = b"job;task;score\n".to_vec();
    behind_header.extend(&no_nul);
    for (name, content) in [("no_nul.bin", no_nul), ("header.csv", behind_header)] {
        let (dir, _) = temp_file(name, &content);
        let out = run(dir.path(), &["score", name]);
        assert_clean(&out, name);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("{name}:")));
    }
}

/// A valid roster with random bytes changed, inserted or removed, read in-process (a process
/// per case would be slow): every outcome is a row or a located error, never a panic. The
/// fuzz target `roster` does the same at length (fuzz/README.md).
#[test]
fn mutated_rosters_never_panic() {
    let valid = "Direction;Service;Métier;Effectif;Tâche;Part du temps;Exposition\n\
                 Ressources;Finances;Comptable;3;\"Saisir les mandats; vérifier\";0,5;0,6\n\
                 Ressources;Finances;Comptable;3;Classer;0,5;0,2\n\
                 Proximité;État civil;Officier;2;Rédiger les actes;1;0,7\n";
    let noise = random_bytes(42, 4 * 2000);
    let mut outcomes = [0usize; 2];
    for case in noise.chunks(4) {
        let mut bytes = valid.as_bytes().to_vec();
        let at = usize::from(case[0]) * bytes.len() / 256;
        match case[1] % 3 {
            0 => bytes[at] = case[2],
            1 => bytes.insert(at, case[2]),
            _ => {
                bytes.remove(at);
            }
        }
        if case[3] % 4 == 0 {
            bytes.insert(
                at / 2,
                [b'"', b';', b'\r', b'\n'][usize::from(case[3] % 16 / 4)],
            );
        }
        let result = exposure::load::read_roster(
            "m.csv",
            Box::new(std::io::Cursor::new(bytes)),
            &mut |row| {
                assert!(!row.job.is_empty());
                Ok(())
            },
            &mut |_| {},
        );
        match result {
            Ok(_) => outcomes[0] += 1,
            Err(e) => {
                assert!(e.to_string().starts_with("m.csv"), "{e}");
                outcomes[1] += 1;
            }
        }
    }
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    assert!(outcomes[0] > 100 && outcomes[1] > 100, "{outcomes:?}");
}
