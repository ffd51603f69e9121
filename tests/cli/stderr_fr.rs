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
        "2 tâches n'ont pu être évaluées et sont laissées hors des chiffres\u{202F}:",
        "  r.csv:4\u{202F}: Agent x — «\u{202F}Zzqx blorp frobnicate\u{202F}»",
        "1 métier n'a aucune tâche évaluée et est laissé hors des moyennes et des classes\u{202F}: Veilleur",
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
        "1 job has no scored task and is left out of means and classes: Veilleur",
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
        "12 métiers sans tâches n'ont pas de profession CITP-08",
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

/// Runs `args` in `dir` with and without `--lang fr`: both fail with exit 2, the French
/// error is well-formed French containing `french`, and the English one is `english`, whole.
fn assert_error_in_both(dir: &Path, args: &[&str], french: &str, english: &str) {
    let out = run_in(dir, &[args, &["--lang", "fr"]].concat());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stderr(&out);
    // A policy file's key is named as the file must spell it.
    assert_french(&text.replace("max-unscored", "max-…"));
    assert!(
        text.starts_with("exposure\u{202F}: erreur\u{202F}: "),
        "{text}"
    );
    assert!(text.contains(french), "{french:?} not in\n{text}");
    for english_word in ["error", "expected", "found", "cannot", "column"] {
        assert!(!text.contains(english_word), "{english_word:?} in\n{text}");
    }
    let out = run_in(dir, args);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), format!("exposure: error: {english}\n"));
}

#[test]
fn roster_errors_follow_lang_fr() {
    let (dir, _) = crate::temp_file("cell.csv", "Métier;Effectif\nAgent;abc\n".as_bytes());
    assert_error_in_both(
        dir.path(),
        &["score", "cell.csv"],
        "cell.csv:2:2\u{202F}: colonne «\u{202F}Effectif\u{202F}»\u{202F}: attendu\u{202F}: un nombre, trouvé\u{202F}: «\u{202F}abc\u{202F}»",
        "cell.csv:2:2: column 'Effectif': expected a number, found \"abc\"",
    );
    std::fs::write(dir.path().join("shape.csv"), "Métier;Effectif\nAgent;1;2\n").unwrap();
    assert_error_in_both(
        dir.path(),
        &["score", "shape.csv"],
        "shape.csv:2\u{202F}: attendu\u{202F}: 2 champs comme dans l'en-tête, trouvé\u{202F}: 3",
        "shape.csv:2: expected 2 fields as in the header, found 3 (a stray delimiter or an unbalanced quote?)",
    );
    std::fs::write(dir.path().join("nojob.csv"), "Nom;Effectif\nx;1\n").unwrap();
    assert_error_in_both(
        dir.path(),
        &["jobs", "nojob.csv"],
        "nojob.csv:1\u{202F}: aucune colonne de métier\u{202F}; attendu\u{202F}: un en-tête tel que «\u{202F}métier\u{202F}»",
        "nojob.csv:1: no job column; expected a header such as 'job', 'métier', 'emploi', 'poste', 'intitulé du poste' or 'grade' (found: \"Nom\", \"Effectif\")",
    );
    assert_error_in_both(
        dir.path(),
        &["score", "missing.csv"],
        "missing.csv\u{202F}: ouverture impossible\u{202F}: fichier ou dossier introuvable",
        "missing.csv: cannot open: No such file or directory (os error 2)",
    );
    std::fs::write(dir.path().join("map.csv"), "title,isco08\nAgent,12\n").unwrap();
    assert_error_in_both(
        dir.path(),
        &["jobs", "cell.csv", "--isco-map", "map.csv"],
        "map.csv:2:2\u{202F}: colonne «\u{202F}isco08\u{202F}»\u{202F}: attendu\u{202F}: un code de profession CITP-08 à 4 chiffres",
        "map.csv:2:2: column 'isco08': expected an ISCO-08 unit group of 4 digits (or nothing, to leave the title unmapped), found \"12\"",
    );
}

#[test]
fn budget_document_errors_follow_lang_fr() {
    let (dir, _) = crate::temp_file("other.xml", b"<?xml version=\"1.0\"?>\n<Foo/>\n");
    assert_error_in_both(
        dir.path(),
        &["score", "other.xml"],
        "other.xml:2\u{202F}: ce document XML est un <Foo>, pas un document budgétaire\u{202F}; attendu\u{202F}: un DocumentBudgetaire",
        "other.xml:2: this XML document is a <Foo>, not a budget document; expected a DocumentBudgetaire (namespace http://www.minefi.gouv.fr/cp/demat/docbudgetaire)",
    );
    std::fs::write(
        dir.path().join("cut.xml"),
        "<?xml version=\"1.0\"?>\n<DocumentBudgetaire xmlns=\"http://www.minefi.gouv.fr/cp/demat/docbudgetaire\">\n<Budget>\n",
    )
    .unwrap();
    assert_error_in_both(
        dir.path(),
        &["score", "cut.xml"],
        "cut.xml:4\u{202F}: le fichier s'arrête dans l'élément <Budget> ouvert à la ligne 3\u{202F}: il est tronqué",
        "cut.xml:4: the file ends inside <Budget> opened on line 3: it is truncated; expected the whole document",
    );
}

#[test]
fn policy_file_and_option_errors_follow_lang_fr() {
    let (dir, _) = crate::temp_file("r.csv", ROSTER.as_bytes());
    std::fs::write(
        dir.path().join("exposure.toml"),
        "[check]\nfail_on = \"error\"\n",
    )
    .unwrap();
    assert_error_in_both(
        dir.path(),
        &["check", "r.csv"],
        "exposure.toml:2:1\u{202F}: clé inconnue «\u{202F}fail_on\u{202F}»\u{202F}; attendu\u{202F}: une table [check]",
        "exposure.toml:2:1: unknown field `fail_on`, expected one of `fail-on`, `max-unscored`, `max-drift`, `baseline`, `method`",
    );
    std::fs::write(dir.path().join("exposure.toml"), "[check\n").unwrap();
    let out = run_in(dir.path(), &["check", "r.csv", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    assert_french(&stderr(&out).replace("max-unscored", "max-…"));
    assert!(
        stderr(&out).contains("exposure.toml:1:7\u{202F}: syntaxe non valide"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(dir.path().join("exposure.toml")).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    assert_error_in_both(
        dir.path(),
        &["score", "r.csv", "-q", "--output", "out"],
        "out\u{202F}: c'est un dossier\u{202F}; attendu\u{202F}: un fichier",
        "out: is a folder; expected a file",
    );
    assert_error_in_both(
        dir.path(),
        &["score", "r.csv", "-q", "--by", "Statut"],
        "regroupement par «\u{202F}Statut\u{202F}» (option --by)",
        "--by Statut: no such column in the roster; columns you can group by: none",
    );
}

/// clap's own mistakes (an unknown option, a value out of its list, a missing file) are told
/// again in French when the arguments ask for French; in English they are clap's, unchanged.
#[test]
fn command_line_mistakes_follow_lang_fr() {
    let dir = std::env::temp_dir();
    for (args, french) in [
        (
            &["score", "--lang", "fr", "--bogus", "x.csv"][..],
            "option inconnue « --bogus »",
        ),
        (
            &["score", "x.csv", "--lang=fr", "--format", "jsn"][..],
            "valeur « jsn » non valide pour « --format »",
        ),
        (
            &["check", "--lang", "fr"][..],
            "il manque le fichier des effectifs",
        ),
        (&["scor", "--lang", "fr"][..], "commande inconnue « scor »"),
    ] {
        let out = run_in(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let text = stderr(&out);
        assert!(
            text.replace('\u{202F}', " ").contains(french),
            "{args:?}: {text}"
        );
        assert_french(&text);
        assert!(!text.contains("<"), "a placeholder in {text}");
    }
    let english = run_in(&dir, &["score", "--lang", "en", "--bogus", "x.csv"]);
    assert!(stderr(&english).starts_with("error: unexpected argument '--bogus' found"));
}
