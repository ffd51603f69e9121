//! What a person reads on standard error follows `--lang`: with `--lang fr`, every warning is
//! French, in French typography, without JSON keys or backticks; the English ones are unchanged.

use std::path::Path;
use std::process::Output;

use exposure::typography::french_defects;

use crate::exposure;

fn run_in(dir: &Path, args: &[&str]) -> Output {
    exposure().current_dir(dir).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// French, well spaced, and nothing an HR reader would not understand.
fn assert_french(text: &str) {
    assert_eq!(french_defects(text), Vec::<String>::new(), "{text}");
    for jargon in [
        "warning", "JSON", "`", "unscored", "unmapped", "job(s)", "task(s)",
    ] {
        assert!(!text.contains(jargon), "{jargon:?} in\n{text}");
    }
}

/// A title line above the header, a job whose tasks give a share of time or not, two jobs
/// written alike, a task nothing scores and a job none of whose tasks is scored.
const ROSTER: &str = "Effectifs 2024\n\
Métier;Effectif;Tâche;Part\n\
Agent x;1;Accueillir le public au guichet;0,5\n\
Agent x;1;Zzqx blorp frobnicate;\n\
agent  x;2;Accueillir le public au guichet;0,5\n\
Veilleur;1;Wuzzle quorp;0,4\n";

#[test]
fn warnings_follow_lang_fr() {
    let (dir, _) = crate::temp_file("r.csv", ROSTER.as_bytes());
    let out = run_in(dir.path(), &["score", "r.csv", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stderr(&out);
    assert_french(&text);
    for expected in [
        "exposure\u{202F}: avertissement\u{202F}: r.csv:2\u{202F}: l'en-tête est à la ligne 2",
        "la ligne 1 au-dessus («\u{202F}Effectifs 2024\u{202F}») est ignorée",
        "r.csv:4\u{202F}: certaines tâches du métier «\u{202F}Agent x\u{202F}»",
        "r.csv:5\u{202F}: les métiers «\u{202F}Agent x\u{202F}» (r.csv:3) et «\u{202F}agent  x\u{202F}»",
        "tâche(s) n'ont pu être évaluées et sont laissées hors des chiffres\u{202F}:",
        "  r.csv:4\u{202F}: Agent x — «\u{202F}Zzqx blorp frobnicate\u{202F}»",
        "1 métier(s) n'ont aucune tâche évaluée et sont laissés hors des moyennes et des classes\u{202F}: Veilleur",
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }
    // The same run in English says what it always said.
    let out = run_in(dir.path(), &["score", "r.csv"]);
    let english = stderr(&out);
    for expected in [
        "exposure: warning: r.csv:2: the header is on line 2, the first with a job column; line 1 above it (\"Effectifs 2024\") is skipped",
        "r.csv:4: some tasks of job \"Agent x\" give a share of time and some do not; a task without one is read as 1",
        "(listed under `unscored` in JSON):",
        "1 job(s) have no scored task and are left out of means and classes: Veilleur",
    ] {
        assert!(english.contains(expected), "{expected:?} not in\n{english}");
    }
    // As many lines, one for one.
    assert_eq!(text.lines().count(), english.lines().count());
}

#[test]
fn jobs_without_occupation_and_legacy_encodings_are_told_in_french() {
    // Windows-1252 bytes, a title nothing maps, and more than ten of them.
    let mut roster = b"M\xe9tier;Effectif\n".to_vec();
    for i in 0..12 {
        roster.extend(format!("Zzqx{i};2\n").as_bytes());
    }
    let (dir, _) = crate::temp_file("r.csv", &roster);
    let out = run_in(dir.path(), &["jobs", "r.csv", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stderr(&out);
    assert_french(&text);
    for expected in [
        "r.csv:1\u{202F}: le texte n'est pas en UTF-8\u{202F}; le fichier est lu en Windows-1252",
        "12 métier(s) sans tâches n'ont pas de profession CITP-08",
        "  r.csv:2\u{202F}: «\u{202F}Zzqx0\u{202F}» — ",
        "  … et 2 autres",
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }
}

#[test]
fn options_that_do_not_apply_and_check_init_are_told_in_french() {
    let (dir, _) = crate::temp_file("r.csv", ROSTER.as_bytes());
    let args = [
        "score",
        "r.csv",
        "--lang",
        "fr",
        "--sheet",
        "Feuil1",
        "--csv-dialect",
        "excel-fr",
    ];
    let out = run_in(dir.path(), &[&args[..], &["-q"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "",
        "--quiet silences warnings in any language"
    );
    let out = run_in(dir.path(), &args);
    let text = stderr(&out);
    assert_french(&text);
    assert!(text.contains("ne vaut que pour une sortie CSV"), "{text}");
    assert!(
        text.contains("r.csv\u{202F}: le choix de la feuille «\u{202F}Feuil1\u{202F}»"),
        "{text}"
    );
    let out = run_in(dir.path(), &["check", "--init", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stderr(&out);
    assert_french(&text);
    assert!(
        text.starts_with("exposure\u{202F}: fichier écrit\u{202F}: "),
        "{text}"
    );
}
