//! The catalogue of what a person reads on standard error: each warning in English and in
//! French, side by side. French texts speak to an HR reader (no JSON keys, no backticks) and
//! get French typography from `crate::typography`; the values they quote (file names, job
//! titles) are left as written.
//!
//! The language is the run's `--lang`, set once by [`set_lang`] when the arguments are read:
//! warnings are made deep in the pipeline (in the reader's threads too), far from the
//! arguments. Text that goes to standard output (JSON, `check`'s findings) never reads it.

use std::fmt::Display;
use std::sync::atomic::{AtomicBool, Ordering};

use std::io;

use crate::bounds::Quantity;
use crate::error::{Failure, InputError, Message};
use crate::i18n::Lang;
use crate::typography::{french_count, french_number, french_spacing};

static FRENCH: AtomicBool = AtomicBool::new(false);

/// Sets the language of what follows on standard error.
pub fn set_lang(lang: Lang) {
    FRENCH.store(lang == Lang::Fr, Ordering::Relaxed);
}

/// The language of standard error.
pub fn lang() -> Lang {
    if FRENCH.load(Ordering::Relaxed) {
        Lang::Fr
    } else {
        Lang::En
    }
}

/// A French sentence: `template` gets French spacing, then each `{}` takes the next value,
/// as written.
fn fr(template: &str, values: &[&dyn Display]) -> String {
    let spaced = french_spacing(template);
    let mut out = String::with_capacity(spaced.len() + 32);
    let mut values = values.iter();
    let mut parts = spaced.split("{}");
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        if let Some(v) = values.next() {
            out.push_str(&v.to_string());
        }
        out.push_str(part);
    }
    out
}

/// A quoted value in French: « value ».
fn quoted(value: &str) -> String {
    format!("«\u{202F}{value}\u{202F}»")
}

/// Two decimals with a decimal comma.
fn decimal(x: f64) -> String {
    french_number(x, 2)
}

fn count(n: usize) -> String {
    french_count(n as u64)
}

/// How a warning is introduced.
pub fn warning(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => format!("exposure: warning: {text}"),
        Lang::Fr => format!("{}{text}", fr("exposure : avertissement : ", &[])),
    }
}

/// A mistake on the command line, in French: clap writes its own errors in English only, so
/// with `--lang fr` they are told again from their kind and context.
pub fn usage_error_fr(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = |kind: ContextKind| -> Vec<String> {
        match e.get(kind) {
            Some(ContextValue::String(s)) => vec![s.clone()],
            Some(ContextValue::Strings(v)) => v.clone(),
            Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
            Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
            Some(ContextValue::Number(n)) => vec![n.to_string()],
            _ => Vec::new(),
        }
    };
    let quoted = |v: Vec<String>| {
        v.iter()
            .map(|s| format!("« {s} »"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // "--format <FORMAT>" is "--format"; a missing file is said in words, not as "<ROSTER>...".
    let arg = quoted(
        text(ContextKind::InvalidArg)
            .into_iter()
            .map(|a| match a.split_once(" <") {
                Some((option, _)) => option.to_string(),
                None if a.starts_with("<ROSTER") => "le fichier des effectifs".to_string(),
                None => a,
            })
            .collect(),
    );
    let value = quoted(text(ContextKind::InvalidValue));
    let hint = |kind: ContextKind| {
        let s = text(kind);
        if s.is_empty() {
            String::new()
        } else {
            format!(" (vouliez-vous dire {} ?)", quoted(s))
        }
    };
    let what = match e.kind() {
        ErrorKind::UnknownArgument => {
            format!("option inconnue {arg}{}", hint(ContextKind::SuggestedArg))
        }
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue {}{}",
            quoted(text(ContextKind::InvalidSubcommand)),
            hint(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::InvalidValue => {
            let valid = text(ContextKind::ValidValue);
            if value.is_empty() || value == "« »" {
                format!("une valeur est attendue pour {arg}")
            } else if valid.is_empty() {
                format!("valeur {value} non valide pour {arg}")
            } else {
                format!(
                    "valeur {value} non valide pour {arg}, valeurs possibles : {}",
                    valid.join(", ")
                )
            }
        }
        ErrorKind::ValueValidation => format!("valeur {value} non valide pour {arg}"),
        ErrorKind::MissingRequiredArgument => format!(
            "il manque {}",
            arg.replace("« le fichier des effectifs »", "le fichier des effectifs")
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "une commande est attendue (score, jobs, tasks, report, check, explain, isco, rubric)"
                .to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "{arg} ne peut pas être donné avec {}",
            quoted(text(ContextKind::PriorArg))
        ),
        ErrorKind::NoEquals => format!("{arg} attend sa valeur après un signe égal"),
        ErrorKind::TooManyValues => format!("trop de valeurs pour {arg}"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("nombre de valeurs incorrect pour {arg}")
        }
        _ => "les arguments de la commande ne sont pas valides".into(),
    };
    french_spacing(&format!(
        "exposure : erreur : {what}.\nPour l'aide : exposure --help"
    ))
}

/// A place in a file: `file:line: text`.
pub fn at(lang: Lang, file: &str, line: u64, text: &str) -> String {
    match lang {
        Lang::En => format!("{file}:{line}: {text}"),
        Lang::Fr => format!("{file}:{line}\u{202F}: {text}"),
    }
}

/// A whole file: `file: text`.
pub fn in_file(lang: Lang, file: &str, text: &str) -> String {
    match lang {
        Lang::En => format!("{file}: {text}"),
        Lang::Fr => format!("{file}\u{202F}: {text}"),
    }
}

/// The last line of a list cut at ten.
pub fn and_more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("  … and {n} more"),
        Lang::Fr => format!("  … et {} autres", count(n)),
    }
}

/// `exposure check --init` wrote the policy file.
pub fn wrote(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => format!("exposure: wrote {path}"),
        Lang::Fr => fr("exposure : fichier écrit : {}", &[&path]),
    }
}

pub fn unmapped_jobs(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!(
            "{n} {} without tasks {} no ISCO-08 occupation and {} left out of the figures \
             (listed under `unmapped` in JSON; give their code with --isco-map FILE or an isco column):",
            lang.plural(n as f64, "job", "jobs"),
            lang.plural(n as f64, "has", "have"),
            lang.plural(n as f64, "is", "are"),
        ),
        Lang::Fr => fr(
            if lang.is_plural(n as f64) {
                "{} métiers sans tâches n'ont pas de profession CITP-08 et sont laissés hors des \
                 chiffres ; indiquez leur code dans une colonne isco du tableau des effectifs ou \
                 dans un fichier de correspondance (option --isco-map) :"
            } else {
                "{} métier sans tâches n'a pas de profession CITP-08 et est laissé hors des \
                 chiffres ; indiquez son code dans une colonne isco du tableau des effectifs ou \
                 dans un fichier de correspondance (option --isco-map) :"
            },
            &[&count(n)],
        ),
    }
}

/// One job left unmapped, why (`crate::isco::Unmapped::describe_in`), and the closest
/// reference title when one was near.
pub fn unmapped_job(
    lang: Lang,
    job: &str,
    reason: &str,
    closest: Option<(&str, &str, f64, f64)>,
    floor: f64,
) -> String {
    match lang {
        Lang::En => {
            let best = closest
                .map(|(reference, isco, similarity, confidence)| {
                    format!(
                        " (closest: {reference:?} → {isco}, similarity {similarity:.2}, confidence {confidence:.2}; the floor is {floor:.2})"
                    )
                })
                .unwrap_or_default();
            format!("{job:?} — {reason}{best}")
        }
        Lang::Fr => {
            let best = closest
                .map(|(reference, isco, similarity, confidence)| {
                    fr(
                        " (le plus proche : {} → {}, similarité {}, confiance {} ; le seuil est {})",
                        &[
                            &quoted(reference),
                            &isco,
                            &decimal(similarity),
                            &decimal(confidence),
                            &decimal(floor),
                        ],
                    )
                })
                .unwrap_or_default();
            format!("{} — {}{best}", quoted(job), french_spacing(reason))
        }
    }
}

pub fn guessed_grades(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!(
            "{n} job {} recognised as a grade by a guess (confidence < 1: words completed or \
             corrected, a contract form followed by the post, or a grade short of words of its \
             cadre's name); check {} with `exposure isco \"TITLE\"`:",
            lang.plural(n as f64, "title", "titles"),
            lang.plural(n as f64, "it", "them"),
        ),
        Lang::Fr => fr(
            if lang.is_plural(n as f64) {
                "{} intitulés de poste reconnus comme un grade par approximation (mots complétés \
                 ou corrigés, forme de contrat suivie du poste, ou grade incomplet) ; vérifiez-les \
                 avec la commande exposure isco suivie de l'intitulé :"
            } else {
                "{} intitulé de poste reconnu comme un grade par approximation (mots complétés \
                 ou corrigés, forme de contrat suivie du poste, ou grade incomplet) ; vérifiez-le \
                 avec la commande exposure isco suivie de l'intitulé :"
            },
            &[&count(n)],
        ),
    }
}

/// One title recognised as a grade by a guess.
pub fn guessed_grade(
    lang: Lang,
    job: &str,
    isco: &str,
    title: &str,
    grade: &str,
    confidence: f64,
) -> String {
    match lang {
        Lang::En => {
            format!("  {job:?} → {isco} {title} (grade {grade:?}, confidence {confidence:.2})")
        }
        Lang::Fr => fr(
            "  {} → {} {} (grade {}, confiance {})",
            &[
                &quoted(job),
                &isco,
                &crate::ilo::title_in(isco, title, lang),
                &quoted(grade),
                &decimal(confidence),
            ],
        ),
    }
}

/// Some tasks of a job give a share of time and some do not.
pub fn mixed_weights(lang: Lang, job: &str) -> String {
    match lang {
        Lang::En => format!(
            "some tasks of job {job:?} give a share of time and some do not; a task without one is read as 1"
        ),
        Lang::Fr => fr(
            "certaines tâches du métier {} indiquent une part du temps de travail et d'autres non ; \
             une tâche sans part compte pour 1",
            &[&quoted(job)],
        ),
    }
}

/// Two jobs whose names differ only by case or spaces; `first` is (name, file, line).
pub fn look_alike(lang: Lang, first: (&str, &str, u64), second: &str) -> String {
    let (a, file, line) = first;
    match lang {
        Lang::En => format!(
            "jobs {a:?} ({file}:{line}) and {second:?} differ only by case or spaces and are counted as two jobs; write them alike to make one"
        ),
        Lang::Fr => fr(
            "les métiers {} ({}) et {} ne diffèrent que par les majuscules ou les espaces et \
             comptent pour deux métiers ; écrivez-les de la même façon pour n'en faire qu'un",
            &[&quoted(a), &format!("{file}:{line}"), &quoted(second)],
        ),
    }
}

pub fn unscored_tasks(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!(
            "{n} {} could not be scored and {} left out of the figures (listed under `unscored` in JSON):",
            lang.plural(n as f64, "task", "tasks"),
            lang.plural(n as f64, "is", "are"),
        ),
        Lang::Fr => fr(
            if lang.is_plural(n as f64) {
                "{} tâches n'ont pu être évaluées et sont laissées hors des chiffres :"
            } else {
                "{} tâche n'a pu être évaluée et est laissée hors des chiffres :"
            },
            &[&count(n)],
        ),
    }
}

/// One unscored task: where, its job, its text.
pub fn unscored_task(lang: Lang, file: &str, line: u64, job: &str, task: &str) -> String {
    match lang {
        Lang::En => format!("  {file}:{line}: {job} — {task:?}"),
        Lang::Fr => format!("  {} — {}", at(lang, file, line, job), quoted(task)),
    }
}

/// Jobs with tasks, none of them scored; `names` are the first ten.
pub fn unscored_jobs(lang: Lang, n: usize, names: &str) -> String {
    match lang {
        Lang::En => format!(
            "{n} {} no scored task and {} left out of means and classes: {names}",
            lang.plural(n as f64, "job has", "jobs have"),
            lang.plural(n as f64, "is", "are"),
        ),
        Lang::Fr => fr(
            if lang.is_plural(n as f64) {
                "{} métiers n'ont aucune tâche évaluée et sont laissés hors des moyennes et des \
                 classes : {}"
            } else {
                "{} métier n'a aucune tâche évaluée et est laissé hors des moyennes et des \
                 classes : {}"
            },
            &[&count(n), &names],
        ),
    }
}

pub fn not_a_workbook(lang: Lang, name: &str) -> String {
    let text = match lang {
        Lang::En => {
            "not an Excel or OpenDocument workbook despite its name; reading it as CSV text".into()
        }
        Lang::Fr => fr(
            "ce n'est pas un classeur Excel ou OpenDocument malgré son nom ; il est lu comme un \
             texte CSV",
            &[],
        ),
    };
    in_file(lang, name, &text)
}

pub fn sheet_ignored(lang: Lang, name: &str, sheet: &str) -> String {
    let text = match lang {
        Lang::En => format!(
            "--sheet {sheet} applies to spreadsheets (.xlsx, .xlsm, .xls, .ods); this roster is read as CSV"
        ),
        Lang::Fr => fr(
            "le choix de la feuille {} (option --sheet) ne vaut que pour les classeurs (.xlsx, \
             .xlsm, .xls, .ods) ; ce fichier est lu comme un texte CSV",
            &[&quoted(sheet)],
        ),
    };
    in_file(lang, name, &text)
}

pub fn windows_1252(lang: Lang) -> String {
    match lang {
        Lang::En => "not valid UTF-8; reading the file as Windows-1252".into(),
        Lang::Fr => fr(
            "le texte n'est pas en UTF-8 ; le fichier est lu en Windows-1252",
            &[],
        ),
    }
}

/// The header found below title lines: `skipped` is (first, last, first line's text).
pub fn header_below(lang: Lang, line: u64, skipped: (u64, u64, &str)) -> String {
    let (first, last, title) = skipped;
    match lang {
        Lang::En => {
            let lines = if first == last {
                format!("line {first} above it ({title:?}) is")
            } else {
                format!("lines {first}–{last} above it ({title:?}) are")
            };
            format!("the header is on line {line}, the first with a job column; {lines} skipped")
        }
        Lang::Fr => {
            let lines = if first == last {
                fr(
                    "la ligne {} au-dessus ({}) est ignorée",
                    &[&first, &quoted(title)],
                )
            } else {
                fr(
                    "les lignes {} à {} au-dessus ({}) sont ignorées",
                    &[&first, &last, &quoted(title)],
                )
            };
            fr(
                "l'en-tête est à la ligne {}, la première qui a une colonne de métier ; {}",
                &[&line, &lines],
            )
        }
    }
}

/// A budget document's staff lines without posts filled.
pub fn no_posts_filled(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!(
            "{n} {} of the staff annex {} no EffectifPourvu (posts filled); counted as 0 agents",
            lang.plural(n as f64, "line", "lines"),
            lang.plural(n as f64, "gives", "give"),
        ),
        Lang::Fr => fr(
            if lang.is_plural(n as f64) {
                "{} lignes de l'annexe des effectifs n'indiquent pas d'effectif pourvu ; elles \
                 comptent pour 0 agent"
            } else {
                "{} ligne de l'annexe des effectifs n'indique pas d'effectif pourvu ; elle \
                 compte pour 0 agent"
            },
            &[&count(n)],
        ),
    }
}

pub fn csv_dialect_ignored(lang: Lang) -> String {
    match lang {
        Lang::En => "--csv-dialect applies to --format csv only; ignored".into(),
        Lang::Fr => fr(
            "le choix du dialecte CSV (option --csv-dialect) ne vaut que pour une sortie CSV ; il \
             est ignoré",
            &[],
        ),
    }
}

/// A rubric rule citing an ILO task the ILO data lacks.
pub fn unknown_ilo_task(lang: Lang, rule: &str, isco: &str, task: u32) -> String {
    match lang {
        Lang::En => format!("rule {rule}: ILO task {isco}:{task} is not in the ILO data"),
        Lang::Fr => fr(
            "règle {} : la tâche OIT {} n'est pas dans les données de l'OIT",
            &[&rule, &format!("{isco}:{task}")],
        ),
    }
}

// Errors. Each gives both languages: the English one also goes to standard output (`check`'s
// findings), the French one only to standard error, through `error_line`.

/// An error in both languages; the French one gets French typography.
fn both(en: String, fr_template: &str, values: &[&dyn Display]) -> Message {
    Message {
        en,
        fr: Some(fr(fr_template, values)),
    }
}

/// The line that reports a failed run on standard error.
pub fn error_line(lang: Lang, e: &anyhow::Error) -> String {
    match lang {
        Lang::En => format!("exposure: error: {e:#}"),
        Lang::Fr => {
            // A cause the catalogue lacks is a reader's English detail: told in English
            // only, unless it is the error itself.
            let causes: Vec<String> = e
                .chain()
                .enumerate()
                .filter_map(|(i, link)| {
                    french_error(link).or_else(|| (i == 0).then(|| link.to_string()))
                })
                .collect();
            format!(
                "{}{}",
                fr("exposure : erreur : ", &[]),
                causes.join("\u{202F}: ")
            )
        }
    }
}

/// One link of an error chain in French, when the catalogue has it.
fn french_error(e: &(dyn std::error::Error + 'static)) -> Option<String> {
    if let Some(e) = e.downcast_ref::<InputError>() {
        return Some(french_input_error(e));
    }
    if let Some(e) = e.downcast_ref::<Failure>() {
        return Some(e.fr.clone());
    }
    e.downcast_ref::<io::Error>().map(io_error)
}

/// `file:line:column : colonne « name » : text`.
fn french_input_error(e: &InputError) -> String {
    let column = match &e.column {
        Some((_, name)) => fr("colonne {} : ", &[&quoted(name)]),
        None => String::new(),
    };
    let text = e.french.as_deref().unwrap_or(&e.message);
    format!("{}\u{202F}: {column}{text}", e.place())
}

/// What the system said about a file, in French.
fn io_error(e: &io::Error) -> String {
    use io::ErrorKind::*;
    match e.kind() {
        NotFound => "fichier ou dossier introuvable".into(),
        PermissionDenied => "accès refusé".into(),
        IsADirectory => "c'est un dossier, pas un fichier".into(),
        AlreadyExists => "le fichier existe déjà".into(),
        _ => fr("erreur du système ({})", &[e]),
    }
}

/// A file that cannot be opened.
pub fn cannot_open(e: &io::Error) -> Message {
    both(
        format!("cannot open: {e}"),
        "ouverture impossible : {}",
        &[&io_error(e)],
    )
}

/// A file that cannot be read.
pub fn cannot_read(e: &io::Error) -> Message {
    both(
        format!("cannot read: {e}"),
        "lecture impossible : {}",
        &[&io_error(e)],
    )
}

pub fn empty_roster() -> Message {
    both(
        "empty file: expected a header line with a job column".into(),
        "le fichier est vide ; attendu : une ligne d'en-tête avec une colonne de métier",
        &[],
    )
}

pub fn no_data_rows() -> Message {
    both(
        "no data rows: the file has a header but no rows".into(),
        "aucune ligne de données : le fichier a un en-tête mais aucune ligne",
        &[],
    )
}

/// A roster without a job column; `found` lists the headers, quoted (`found_more` beyond 12).
pub fn no_job_column(found: &[String], more: usize) -> Message {
    let en_found = found
        .iter()
        .map(|h| format!("{h:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let fr_found = found
        .iter()
        .map(|h| quoted(h))
        .collect::<Vec<_>>()
        .join(", ");
    let (en_more, fr_more) = if more > 0 {
        (
            format!(" and {more} more"),
            format!(" et {} autres", count(more)),
        )
    } else {
        (String::new(), String::new())
    };
    both(
        format!(
            "no job column; expected a header such as 'job', 'métier', 'emploi', 'poste', 'intitulé du poste' or 'grade' (found: {en_found}{en_more})"
        ),
        "aucune colonne de métier ; attendu : un en-tête tel que « métier », « emploi », « poste », « intitulé du poste » ou « grade » (trouvé : {}{})",
        &[&fr_found, &fr_more],
    )
}

/// A row with more or fewer fields than the header.
pub fn unequal_fields(expected: u64, found: u64) -> Message {
    both(
        format!(
            "expected {expected} fields as in the header, found {found} (a stray delimiter or an unbalanced quote?)"
        ),
        "attendu : {} champs comme dans l'en-tête, trouvé : {} (un séparateur en trop ou un guillemet non fermé ?)",
        &[&count(expected as usize), &count(found as usize)],
    )
}

pub fn unbalanced_quote() -> Message {
    both(
        "unbalanced quote: a quoted field opened here is never closed".into(),
        "guillemet non fermé : un champ entre guillemets ouvert ici n'est jamais refermé",
        &[],
    )
}

pub fn utf16() -> Message {
    both(
        "UTF-16 text is not supported: save the file as CSV UTF-8 (or Windows-1252)".into(),
        "le texte UTF-16 n'est pas pris en charge : enregistrez le fichier en CSV UTF-8 (ou Windows-1252)",
        &[],
    )
}

/// A NUL byte at `column` (`byte` in the file): UTF-16 text or a binary file.
pub fn nul_byte(column: usize, byte: usize, utf16: bool) -> Message {
    let (en, fr_what) = if utf16 {
        (
            "a NUL byte: this looks like UTF-16 text; save the file as CSV UTF-8 (or Windows-1252)",
            "un octet nul : ce texte semble être en UTF-16 ; enregistrez le fichier en CSV UTF-8 (ou Windows-1252)",
        )
    } else {
        (
            "a NUL byte: this looks like a binary file, not a CSV text file",
            "un octet nul : ce fichier semble binaire, ce n'est pas un texte CSV",
        )
    };
    both(
        format!("column {column} (byte {byte}): {en}"),
        "colonne {} (octet {}) : {}",
        &[&count(column), &count(byte), &fr(fr_what, &[])],
    )
}

/// A header naming the same column twice; `first` is the earlier column (number, name).
pub fn same_column_name(first: (usize, &str)) -> Message {
    both(
        format!(
            "same name as column {} ('{}'); expected distinct column names",
            first.0, first.1
        ),
        "même nom que la colonne {} ({}) ; attendu : des noms de colonnes distincts",
        &[&count(first.0), &quoted(first.1)],
    )
}

/// Two columns meaning the same field (`field` its English name).
pub fn same_column_meaning(field: &str, first: (usize, &str)) -> Message {
    both(
        format!(
            "means '{field}', as column {} ('{}') does; keep one",
            first.0, first.1
        ),
        "a le même sens que la colonne {} ({}) ; gardez-en une seule",
        &[&count(first.0), &quoted(first.1)],
    )
}

pub fn too_many_columns(n: usize, max: usize) -> Message {
    both(
        format!(
            "the header has {n} columns; expected at most {max} (the most a spreadsheet holds): is this a roster?"
        ),
        "l'en-tête a {} colonnes ; attendu : au plus {} (le maximum d'un tableur) ; est-ce bien un tableau des effectifs ?",
        &[&count(n), &count(max)],
    )
}

/// A quote left open that swallowed the rows after it.
pub fn quote_runs_over(len: usize, expected: usize) -> Message {
    both(
        format!(
            "unbalanced quote: a quoted field opened here runs over the lines after it, leaving {len} fields where the header has {expected}"
        ),
        "guillemet non fermé : un champ entre guillemets ouvert ici déborde sur les lignes suivantes, ce qui laisse {} champs là où l'en-tête en a {}",
        &[&count(len), &count(expected)],
    )
}

/// A cell longer than a spreadsheet cell; `multiline` when it spans lines.
pub fn cell_too_long(chars: usize, max: usize, multiline: bool) -> Message {
    let (en_hint, fr_hint) = if multiline {
        (
            " (it spans several lines: is a quote left open?)",
            fr(
                " (elle s'étend sur plusieurs lignes : un guillemet est-il resté ouvert ?)",
                &[],
            ),
        )
    } else {
        ("", String::new())
    };
    both(
        format!(
            "a cell of {chars} characters; expected at most {max}, the most a spreadsheet cell holds{en_hint}"
        ),
        "une cellule de {} caractères ; attendu : au plus {}, le maximum d'une cellule de tableur{}",
        &[&count(chars), &count(max), &fr_hint],
    )
}

/// CSV the reader rejects; `detail` is its English reason.
pub fn malformed_csv(detail: &dyn Display) -> Message {
    both(format!("malformed CSV: {detail}"), "CSV mal formé", &[])
}

/// A workbook the spreadsheet reader rejects; `detail` is its English reason.
pub fn not_a_spreadsheet(detail: &dyn Display) -> Message {
    both(
        format!("cannot read as a spreadsheet (.xlsx, .xlsm, .xls or .ods): {detail}"),
        "lecture impossible comme classeur (.xlsx, .xlsm, .xls ou .ods)",
        &[],
    )
}

/// `--sheet` names no sheet; `sheets` are the worksheets' names.
pub fn no_such_sheet(wanted: &str, sheets: &[String]) -> Message {
    let en = if sheets.is_empty() {
        "none".to_string()
    } else {
        let names: Vec<String> = sheets.iter().map(|s| format!("'{s}'")).collect();
        names.join(", ")
    };
    let fr_list = if sheets.is_empty() {
        "aucune".to_string()
    } else {
        let names: Vec<String> = sheets.iter().map(|s| quoted(s)).collect();
        names.join(", ")
    };
    both(
        format!("no sheet named '{wanted}'; the sheets are: {en}"),
        "aucune feuille ne s'appelle {} ; les feuilles sont : {}",
        &[&quoted(wanted), &fr_list],
    )
}

pub fn no_worksheet() -> Message {
    both(
        "the workbook has no worksheet".into(),
        "le classeur n'a aucune feuille de calcul",
        &[],
    )
}

/// A workbook or sheet too large to read; `what` says in English what is too large.
pub fn workbook_too_large(what: &str) -> Message {
    both(
        format!("{what}: too large for a roster workbook; save the sheet as CSV to read it"),
        "classeur trop volumineux pour un tableau des effectifs ; enregistrez la feuille en CSV pour la lire",
        &[],
    )
}

pub fn sheet_too_large(cells: usize, megabytes: usize) -> Message {
    both(
        format!(
            "more than {cells} cells or {megabytes} MB of text: too large for a roster sheet (read it as CSV instead)"
        ),
        "plus de {} cellules ou de {} Mo de texte : feuille trop volumineuse pour un tableau des effectifs (enregistrez-la en CSV)",
        &[&count(cells), &count(megabytes)],
    )
}

/// A sheet whose rows `rows` over `width` columns make too large a grid; `far` are the
/// rightmost and lowest cells.
pub fn sheet_grid_too_large(
    rows: (u64, u64),
    width: u64,
    grid: u64,
    max: u64,
    far: (&str, &str),
) -> Message {
    let (first, last) = rows;
    let (right, low) = far;
    both(
        format!(
            "rows {first}–{last} over {width} columns make {grid} cells, more than the {max} a roster sheet may have; is there a stray value far from the table (the rightmost is at {right}, the lowest at {low})?"
        ),
        "les lignes {} à {} sur {} colonnes font {} cellules, plus que les {} permises pour un tableau des effectifs ; une valeur isolée loin du tableau ? (la plus à droite est en {}, la plus basse en {})",
        &[
            &count(first as usize),
            &count(last as usize),
            &count(width as usize),
            &count(grid as usize),
            &count(max as usize),
            &right,
            &low,
        ],
    )
}

pub fn empty_job() -> Message {
    both(
        "expected a job title, found an empty cell".into(),
        "attendu : un intitulé de métier, trouvé : une cellule vide",
        &[],
    )
}

/// A cell that is not a number; `raw` is an excerpt of it.
pub fn not_a_number(raw: &str) -> Message {
    both(
        format!("expected a number, found {raw:?}"),
        "attendu : un nombre, trouvé : {}",
        &[&quoted(raw)],
    )
}

pub fn bad_score(raw: &str) -> Message {
    both(
        format!("expected a score between 0 and 1, found {raw:?}"),
        "attendu : un score entre 0 et 1, trouvé : {}",
        &[&quoted(raw)],
    )
}

/// A number outside its quantity's bounds; `expected` is `crate::bounds::check`'s English.
pub fn out_of_bounds(quantity: Quantity, expected: &str, raw: &str) -> Message {
    let fr_expected = match quantity {
        Quantity::Score => "un score entre 0 et 1".to_string(),
        Quantity::Headcount => fr(
            "un effectif positif ou nul, d'au plus {} agents pour un métier",
            &[&count(crate::bounds::MAX_HEADCOUNT as usize)],
        ),
        Quantity::Weight => fr(
            "une part du temps positive ou nulle, d'au plus {} (les parts sont relatives)",
            &[&count(crate::bounds::MAX_WEIGHT as usize)],
        ),
    };
    both(
        format!("{expected}, found {raw:?}"),
        "attendu : {}, trouvé : {}",
        &[&fr_expected, &quoted(raw)],
    )
}

pub fn ambiguous_thousands(raw: &str) -> Message {
    both(
        format!(
            "{raw:?} could be a decimal comma or a thousands separator; write it without the comma (1200) or with a point (1.2)"
        ),
        "{} : la virgule peut être décimale ou séparer les milliers ; écrivez le nombre sans virgule s'il compte des milliers (1200), ou sans zéro final s'il a une décimale (1,2)",
        &[&quoted(raw)],
    )
}

pub fn bad_isco(raw: &str) -> Message {
    both(
        format!("expected an ISCO-08 unit group of 4 digits, found {raw:?}"),
        "attendu : un code de profession CITP-08 à 4 chiffres, trouvé : {}",
        &[&quoted(raw)],
    )
}

pub fn not_xml() -> Message {
    both(
        "not XML; expected a budget document (DocumentBudgetaire) or a roster in CSV".into(),
        "ce n'est pas du XML ; attendu : un document budgétaire (DocumentBudgetaire) ou un tableau des effectifs en CSV",
        &[],
    )
}

/// A budget document whose XML declaration names a 16-bit encoding.
pub fn xml_declares_16_bit(label: &str) -> Message {
    both(
        format!(
            "the XML declaration says encoding=\"{label}\" but the file is written in an 8-bit encoding; expected the encoding the file is written in (UTF-8 or ISO-8859-1)"
        ),
        "la déclaration XML annonce l'encodage {} mais le fichier est écrit dans un encodage à 8 bits ; attendu : l'encodage réel du fichier (UTF-8 ou ISO-8859-1)",
        &[&quoted(label)],
    )
}

pub fn xml_unknown_encoding(label: &str) -> Message {
    both(
        format!(
            "unknown encoding \"{label}\" in the XML declaration; expected UTF-8, ISO-8859-1 or windows-1252"
        ),
        "encodage inconnu {} dans la déclaration XML ; attendu : UTF-8, ISO-8859-1 ou windows-1252",
        &[&quoted(label)],
    )
}

pub fn xml_not_in_encoding(encoding: &str) -> Message {
    both(
        format!(
            "this line is not valid {encoding}, the encoding the file declares; expected the encoding the file is written in (often ISO-8859-1) in its XML declaration"
        ),
        "cette ligne n'est pas en {}, l'encodage que le fichier annonce ; attendu : dans la déclaration XML, l'encodage réel du fichier (souvent ISO-8859-1)",
        &[&encoding],
    )
}

/// XML the reader rejects; `detail` is its English reason, kept in the English text only.
pub fn xml_malformed(truncated: bool, detail: &dyn Display) -> Message {
    if truncated {
        both(
            format!(
                "the file ends in the middle of an element ({detail}): it is truncated; expected the whole document"
            ),
            "le fichier s'arrête au milieu d'un élément : il est tronqué ; attendu : le document entier",
            &[],
        )
    } else {
        both(
            format!(
                "not well-formed XML ({detail}); expected a budget document (DocumentBudgetaire)"
            ),
            "XML mal formé ; attendu : un document budgétaire (DocumentBudgetaire)",
            &[],
        )
    }
}

pub fn xml_second_document() -> Message {
    both(
        "a second DocumentBudgetaire in the same file; expected one budget document per file"
            .into(),
        "un second document budgétaire (DocumentBudgetaire) dans le même fichier ; attendu : un document par fichier",
        &[],
    )
}

pub fn xml_ends_inside(name: &str, line: u64) -> Message {
    both(
        format!(
            "the file ends inside <{name}> opened on line {line}: it is truncated; expected the whole document"
        ),
        "le fichier s'arrête dans l'élément <{}> ouvert à la ligne {} : il est tronqué ; attendu : le document entier",
        &[&name, &count(line as usize)],
    )
}

pub fn xml_outside_namespace(namespace: &str) -> Message {
    both(
        format!(
            "this DocumentBudgetaire is not in the namespace of budget documents; expected xmlns=\"{namespace}\""
        ),
        "ce DocumentBudgetaire n'est pas dans l'espace de noms des documents budgétaires ; attendu : xmlns=\"{}\"",
        &[&namespace],
    )
}

pub fn xml_not_budget(root: &str, namespace: &str) -> Message {
    both(
        format!(
            "this XML document is a <{root}>, not a budget document; expected a DocumentBudgetaire (namespace {namespace})"
        ),
        "ce document XML est un <{}>, pas un document budgétaire ; attendu : un DocumentBudgetaire (espace de noms {})",
        &[&root, &namespace],
    )
}

pub fn no_staff_annex() -> Message {
    both(
        "this budget document has no staff annex (DATA_PERSONNEL); expected the état du personnel, which budget documents carry".into(),
        "ce document budgétaire n'a pas d'annexe des effectifs (DATA_PERSONNEL) ; attendu : l'état du personnel, que portent les documents budgétaires",
        &[],
    )
}

pub fn no_personnel() -> Message {
    both(
        "the staff annex (DATA_PERSONNEL) lists no PERSONNEL; expected one element per grade or post".into(),
        "l'annexe des effectifs (DATA_PERSONNEL) ne contient aucun PERSONNEL ; attendu : un élément par grade ou emploi",
        &[],
    )
}

pub fn xml_bad_attributes(detail: &dyn Display) -> Message {
    both(
        format!("malformed attributes ({detail}); expected V=\"…\""),
        "attributs mal formés ; attendu : V=\"…\"",
        &[],
    )
}

pub fn xml_bad_value(detail: &dyn Display) -> Message {
    both(
        format!("malformed value ({detail}); expected text with XML escapes"),
        "valeur mal formée ; attendu : un texte aux échappements XML valides",
        &[],
    )
}

/// A budget annex count that is not a number of agents.
pub fn bad_fte(field: &str, raw: &str) -> Message {
    both(
        format!(
            "{field} is {raw:?}; expected a number of agents (FTE) of 0 or more, such as 1 or 0.8"
        ),
        "{} vaut {} ; attendu : un nombre d'agents (ETP) positif ou nul, comme 1 ou 0,8",
        &[&field, &quoted(raw)],
    )
}

pub fn bad_flag(field: &str, raw: &str) -> Message {
    both(
        format!("{field} is {raw:?}; expected true, false, 1 or 0"),
        "{} vaut {} ; attendu : true, false, 1 ou 0",
        &[&field, &quoted(raw)],
    )
}

pub fn no_grade_label() -> Message {
    both(
        "this PERSONNEL has no EmploiGradeAgent; expected the grade or job of the line".into(),
        "ce PERSONNEL n'a pas d'EmploiGradeAgent ; attendu : le grade ou l'emploi de la ligne",
        &[],
    )
}

/// CSV the reader rejects, told in English as the reader says it.
pub fn csv_reader_error(detail: &dyn Display) -> Message {
    both(detail.to_string(), "CSV mal formé", &[])
}

pub fn empty_rubric(columns: &str) -> Message {
    both(
        format!("empty file: expected a rubric with the columns {columns}"),
        "le fichier est vide ; attendu : une grille d'évaluation avec les colonnes {}",
        &[&columns],
    )
}

/// A header the CSV reader rejects; `detail` is its English reason.
pub fn bad_header(detail: &dyn Display) -> Message {
    both(
        format!("cannot read the header: {detail}"),
        "lecture impossible de l'en-tête",
        &[],
    )
}

pub fn missing_rubric_column(name: &str, columns: &str) -> Message {
    both(
        format!("missing column '{name}'; a rubric has the columns {columns}"),
        "colonne {} manquante ; une grille d'évaluation a les colonnes {}",
        &[&quoted(name), &columns],
    )
}

pub fn bad_rule_code(code: &str) -> Message {
    both(
        format!("expected a code of lower-case letters, digits, '-' or '.', found {code:?}"),
        "attendu : un code en lettres minuscules, chiffres, « - » ou « . », trouvé : {}",
        &[&quoted(code)],
    )
}

pub fn duplicate_rule_code(code: &str, first_line: u64) -> Message {
    both(
        format!("duplicate code {code:?} (first defined on line {first_line})"),
        "code {} en double (déjà défini à la ligne {})",
        &[&quoted(code), &count(first_line as usize)],
    )
}

/// A rule's patterns that do not parse; `detail` is the English reason.
pub fn bad_patterns(detail: &str, patterns: &str) -> Message {
    both(
        format!("{detail} in {patterns:?}"),
        "motif non valide dans {} ; attendu : des termes en minuscules sans accents, d'au moins 3 caractères pour un préfixe",
        &[&quoted(patterns)],
    )
}

pub fn bad_ilo_refs(part: &str) -> Message {
    both(
        format!(
            "expected ILO references as ISCO:task_id separated by ';' (e.g. 4226:1;4222:3), found {part:?}"
        ),
        "attendu : des références OIT de la forme code CITP:numéro de tâche, séparées par « ; » (par exemple {}), trouvé : {}",
        &[&"4226:1;4222:3", &quoted(part)],
    )
}

pub fn no_rules() -> Message {
    both(
        "the rubric has no rules".into(),
        "la grille d'évaluation n'a aucune règle",
        &[],
    )
}

pub fn isco_map_header(found: &str) -> Message {
    both(
        format!("expected a header with the columns title and isco08, found {found:?}"),
        "attendu : un en-tête avec les colonnes title et isco08, trouvé : {}",
        &[&quoted(found)],
    )
}

pub fn isco_map_empty_title(title: &str) -> Message {
    both(
        format!("expected a job title, found {title:?}"),
        "attendu : un intitulé de métier, trouvé : {}",
        &[&quoted(title)],
    )
}

pub fn isco_map_unscored(isco: &str) -> Message {
    both(
        format!(
            "ISCO-08 code {isco} has no ILO scores (see `exposure isco {isco}`); expected one of the 427 scored unit groups"
        ),
        "le code CITP-08 {} n'a pas de score de l'OIT ; attendu : l'une des 427 professions que l'OIT a évaluées",
        &[&isco],
    )
}

pub fn isco_map_bad_code(isco: &str) -> Message {
    both(
        format!(
            "expected an ISCO-08 unit group of 4 digits (or nothing, to leave the title unmapped), found {isco:?}"
        ),
        "attendu : un code de profession CITP-08 à 4 chiffres (ou rien, pour laisser l'intitulé sans profession), trouvé : {}",
        &[&quoted(isco)],
    )
}

/// A title mapped twice to different codes (`None`: to nothing).
pub fn isco_map_conflict(
    title: &str,
    isco: Option<&str>,
    first: (u64, &str, Option<&str>),
) -> Message {
    let (line, first_title, first_isco) = first;
    let en = |c: Option<&str>| c.unwrap_or("nothing").to_string();
    let fr_code = |c: Option<&str>| c.unwrap_or("aucune profession").to_string();
    both(
        format!(
            "{title:?} maps to {} but line {line} ({first_title:?}) maps the same title to {}",
            en(isco),
            en(first_isco)
        ),
        "{} correspond à {} mais la ligne {} ({}) fait correspondre le même intitulé à {}",
        &[
            &quoted(title),
            &fr_code(isco),
            &count(line as usize),
            &quoted(first_title),
            &fr_code(first_isco),
        ],
    )
}

/// A number of agents in French: whole, or with two decimals.
fn agents(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        french_count(x as u64)
    } else {
        decimal(x)
    }
}

/// A job's attribute given two values; `first` is the earlier one.
pub fn attribute_disagrees(value: &str, first: &str, job: &str) -> Message {
    both(
        format!(
            "{value:?} disagrees with {first:?} given earlier for the same job ({job}) in the same department; expected one value per job"
        ),
        "{} ne concorde pas avec {}, donné plus haut pour le même métier ({}) dans le même service ; attendu : une seule valeur par métier",
        &[&quoted(value), &quoted(first), &job],
    )
}

pub fn headcount_disagrees(value: f64, first: (f64, u64), job: &str) -> Message {
    let (prev, line) = first;
    both(
        format!(
            "headcount {value} disagrees with {prev} given on line {line} for the same job ({job}) in the same department; expected the same headcount on every row of a job"
        ),
        "l'effectif {} ne concorde pas avec l'effectif {} donné à la ligne {} pour le même métier ({}) dans le même service ; attendu : le même effectif sur chaque ligne d'un métier",
        &[&agents(value), &agents(prev), &count(line as usize), &job],
    )
}

pub fn isco_disagrees(isco: &str, first: &str) -> Message {
    both(
        format!(
            "ISCO code {isco} disagrees with {first} given earlier for the same job; expected one code per job"
        ),
        "le code CITP {} ne concorde pas avec le code {} donné plus haut pour le même métier ; attendu : un seul code par métier",
        &[&isco, &first],
    )
}

/// A code column naming no rule of the rubric (`rubric` its source).
pub fn unknown_rule_code(rubric: &str, code: &str) -> Message {
    both(
        format!("expected a code of the rubric ({rubric}), found {code:?}"),
        "attendu : un code de la grille d'évaluation ({}), trouvé : {}",
        &[&rubric, &quoted(code)],
    )
}

/// A column of women or men per job out of range.
pub fn bad_sex_count(column: &str, headcount: f64, raw: &str) -> Message {
    both(
        format!(
            "column '{column}': expected a number of agents between 0 and the job's headcount ({headcount}), found {raw:?}"
        ),
        "colonne {} : attendu : un nombre d'agents entre 0 et l'effectif du métier ({}), trouvé : {}",
        &[&quoted(column), &agents(headcount), &quoted(raw)],
    )
}

pub fn roster_twice(first: &str) -> Message {
    both(
        format!(
            "the same roster as {first}, given twice: its jobs would count twice; give each roster once"
        ),
        "le même tableau des effectifs que {}, donné deux fois : ses métiers compteraient deux fois ; donnez chaque tableau une seule fois",
        &[&first],
    )
}

pub fn one_budget_at_a_time() -> Failure {
    Failure::new(
        "a budget document (XML) is read alone: several budget documents are compared year over year by `exposure score` and `exposure report`, and a budget document is not pooled with rosters in CSV or spreadsheets".into(),
        fr(
            "un document budgétaire (XML) se lit seul : plusieurs documents budgétaires se comparent d'une année sur l'autre, et un document budgétaire ne se mêle pas à des tableaux des effectifs en CSV ou en classeur",
            &[],
        ),
    )
}

/// `--by` a sex the roster does not count.
pub fn no_sex_column(wanted: &str) -> Failure {
    Failure::new(
        format!(
            "--by {wanted}: the roster has no column giving the number of women (Femmes, Women) or men (Hommes, Men) per job"
        ),
        fr(
            "regroupement par {} (option --by) : le tableau des effectifs n'a pas de colonne donnant le nombre de femmes ou d'hommes par métier",
            &[&quoted(wanted)],
        ),
    )
}

/// `--by` a column the roster lacks; `known` are those it has.
pub fn no_group_column(wanted: &str, known: &[&str]) -> Failure {
    let en = if known.is_empty() {
        "none".to_string()
    } else {
        known.join(", ")
    };
    let fr_known = if known.is_empty() {
        "aucune".to_string()
    } else {
        known
            .iter()
            .map(|k| quoted(k))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Failure::new(
        format!("--by {wanted}: no such column in the roster; columns you can group by: {en}"),
        fr(
            "regroupement par {} (option --by) : le tableau des effectifs n'a pas cette colonne ; colonnes possibles : {}",
            &[&quoted(wanted), &fr_known],
        ),
    )
}

pub fn not_a_budget_document(file: &str) -> Failure {
    Failure::new(
        format!("{file}: not a budget document"),
        fr("{} : ce n'est pas un document budgétaire", &[&file]),
    )
}

/// Two budget documents of different authorities: (file, authority, its id) each.
pub fn other_authority(a: (&str, &str, &str), b: (&str, &str, &str)) -> Failure {
    Failure::new(
        format!(
            "{} is a document of {} ({}) and {} of {} ({}); the year-over-year view compares the documents of one authority",
            a.0, a.1, a.2, b.0, b.1, b.2
        ),
        fr(
            "{} est un document de {} ({}) et {} de {} ({}) ; la comparaison d'une année sur l'autre porte sur les documents d'une seule collectivité",
            &[&a.0, &a.1, &a.2, &b.0, &b.1, &b.2],
        ),
    )
}

pub fn same_document_twice(a: &str, b: &str, name: &str) -> Failure {
    Failure::new(
        format!("{a} and {b} are both the {name}; give each document once"),
        fr(
            "{} et {} sont tous deux le {} ; donnez chaque document une seule fois",
            &[&a, &b, &name],
        ),
    )
}

pub fn xlsx_needs_output() -> Failure {
    Failure::new(
        "--format xlsx writes a workbook: give its file with --output FILE.xlsx".into(),
        fr(
            "le format xlsx (option --format) produit un classeur : donnez son nom de fichier avec l'option --output, par exemple --output {}",
            &[&"effectifs.xlsx"],
        ),
    )
}

pub fn years_not_as_workbook() -> Failure {
    Failure::new(
        "several budget documents give the year-over-year view as a table, JSON, CSV, Markdown or an HTML report (exposure report); not as a workbook".into(),
        fr(
            "plusieurs documents budgétaires donnent la comparaison d'une année sur l'autre en tableau, JSON, CSV, Markdown ou en rapport HTML (commande exposure report), pas en classeur",
            &[],
        ),
    )
}

/// `explain` or `isco` asked for a format other than a table or JSON.
pub fn table_or_json_only(command: &str, format: &str) -> Failure {
    Failure::new(
        format!(
            "exposure {command} prints a table or JSON; --format {format} is not available here"
        ),
        fr(
            "la commande exposure {} donne un tableau ou du JSON ; le format {} (option --format) n'est pas disponible ici",
            &[&command, &quoted(format)],
        ),
    )
}

pub fn report_format_unknown(output: &str) -> Failure {
    Failure::new(
        format!(
            "{output}: cannot tell the report format from the extension; name the file .html or .xlsx, or give --format html|xlsx"
        ),
        fr(
            "{} : l'extension ne dit pas le format du rapport ; nommez le fichier .html ou .xlsx, ou donnez l'option --format html ou xlsx",
            &[&output],
        ),
    )
}

pub fn report_needs_output() -> Failure {
    Failure::new(
        "exposure report writes a file: give it with --output FILE.html or FILE.xlsx".into(),
        fr(
            "la commande exposure report écrit un fichier : donnez son nom avec l'option --output, par exemple --output {} ou {}",
            &[&"rapport.html", &"rapport.xlsx"],
        ),
    )
}

pub fn years_report_html_only() -> Failure {
    Failure::new(
        "several budget documents give the year-over-year view as an HTML report; name the file .html".into(),
        fr(
            "plusieurs documents budgétaires donnent la comparaison d'une année sur l'autre en rapport HTML ; nommez le fichier .html",
            &[],
        ),
    )
}

/// `exposure isco` given neither a code nor a title.
pub fn isco_query(query: &str) -> Failure {
    Failure::new(
        format!("{query}: expected an ISCO-08 unit group of 4 digits (e.g. 4226), or a job title"),
        fr(
            "{} : attendu : un code de profession CITP-08 à 4 chiffres (par exemple 4226) ou un intitulé de métier",
            &[&quoted(query)],
        ),
    )
}

pub fn isco_unscored(query: &str) -> Failure {
    Failure::new(
        format!(
            "ISCO-08 code {query} has no ILO scores: the ILO scored 427 of the 436 unit groups \
             (not 0110, 0210, 0310, 1439, 3139, 3435, 5249, 7319, 8189)"
        ),
        fr(
            "le code CITP-08 {} n'a pas de score de l'OIT : l'OIT a évalué 427 des 436 professions (pas 0110, 0210, 0310, 1439, 3139, 3435, 5249, 7319, 8189)",
            &[&query],
        ),
    )
}

pub fn cannot_read_baseline(path: &str) -> Failure {
    Failure::new(
        format!("cannot read baseline {path}"),
        fr("lecture impossible de la référence {}", &[&path]),
    )
}

/// A baseline that is not `exposure score`'s JSON (`schema` when it names another).
pub fn not_a_baseline(path: &str, schema: Option<&str>) -> Failure {
    let en_schema = schema.map(|s| format!(" (schema {s})")).unwrap_or_default();
    Failure::new(
        format!("{path}: expected the JSON output of `exposure score --format json`{en_schema}"),
        fr(
            "{} : attendu : la sortie JSON de la commande exposure score (option --format json){}",
            &[
                &path,
                &schema.map(|s| format!(", version {s}")).unwrap_or_default(),
            ],
        ),
    )
}

/// A baseline cut by `--top`: `listed` of `jobs` jobs.
pub fn baseline_cut(path: &str, listed: usize, jobs: usize) -> Failure {
    Failure::new(
        format!(
            "{path}: this baseline lists {listed} of its {jobs} jobs (made with --top?); expected one made without --top"
        ),
        fr(
            "{} : cette référence ne liste que {} de ses {} métiers (faite avec l'option --top ?) ; attendu : une référence faite sans --top",
            &[&path, &count(listed), &count(jobs)],
        ),
    )
}

pub fn output_is_input(path: &str, input: &str) -> Failure {
    Failure::new(
        format!(
            "{path}: this is the input {input}; refusing to overwrite an input: give --output another file"
        ),
        fr(
            "{} : c'est le fichier lu {} ; il n'est pas écrasé : donnez un autre fichier à l'option --output",
            &[&path, &quoted(input)],
        ),
    )
}

pub fn text_named_like_workbook(path: &str) -> Failure {
    Failure::new(
        format!(
            "{path}: this format is text, and the file is named like a workbook; give --format xlsx for a workbook, or name the file for text"
        ),
        fr(
            "{} : ce format est du texte, et le fichier porte le nom d'un classeur ; demandez un classeur avec l'option --format xlsx, ou nommez le fichier comme un texte",
            &[&path],
        ),
    )
}

pub fn output_is_folder(path: &str) -> Failure {
    Failure::new(
        format!("{path}: is a folder; expected a file"),
        fr("{} : c'est un dossier ; attendu : un fichier", &[&path]),
    )
}

pub fn dangling_link(path: &str) -> Failure {
    Failure::new(
        format!("{path}: a symbolic link to nothing; expected a file or a link to one"),
        fr(
            "{} : un lien symbolique vers rien ; attendu : un fichier ou un lien vers un fichier",
            &[&path],
        ),
    )
}

pub fn cannot_write(path: &str) -> Failure {
    Failure::new(
        format!("cannot write {path}"),
        fr("écriture impossible de {}", &[&path]),
    )
}

pub fn cannot_create_temporary(dir: &str) -> Failure {
    Failure::new(
        format!("cannot create a temporary file in {dir}"),
        fr(
            "création impossible d'un fichier temporaire dans {}",
            &[&dir],
        ),
    )
}

pub fn drift_needs_baseline(file: &str) -> Failure {
    Failure::new(
        format!("{file}: max-drift needs a baseline (the key baseline or the flag --baseline)"),
        fr(
            "{} : la dérive maximale (max-drift) demande une référence (la clé baseline ou l'option --baseline)",
            &[&file],
        ),
    )
}

pub fn policy_exists(path: &str) -> Failure {
    Failure::new(
        format!("{path} already exists; it is left as it is"),
        fr("{} existe déjà ; il est laissé tel quel", &[&path]),
    )
}

/// A policy file that does not parse; `detail` is the TOML reader's English, told in French
/// by its kind (the name it quotes between backticks, when it quotes one).
pub fn bad_policy(place: &str, detail: &str) -> Failure {
    let name = detail.split('`').nth(1).unwrap_or_default();
    let what = if detail.starts_with("unknown field") {
        fr("clé inconnue {}", &[&quoted(name)])
    } else if detail.starts_with("unknown variant") {
        fr("valeur inconnue {}", &[&quoted(name)])
    } else if detail.starts_with("invalid") {
        "valeur non valide pour cette clé".to_string()
    } else {
        "syntaxe non valide".to_string()
    };
    Failure::new(
        format!("{place}: {detail}"),
        fr(
            "{} : {} ; attendu : une table [check] avec les clés fail-on, max-unscored, max-drift, baseline ou method et leurs valeurs",
            &[&place, &what],
        ),
    )
}

/// A file that cannot be read, with the system's reason after it in the chain.
pub fn cannot_read_file(path: &str) -> Failure {
    Failure::new(
        format!("cannot read {path}"),
        fr("lecture impossible de {}", &[&path]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typography::french_defects;

    /// Every French text of the catalogue, with values that French typography would flag if
    /// they were spaced or quoted wrong.
    fn every_french_text() -> Vec<String> {
        let l = Lang::Fr;
        vec![
            warning(l, "x"),
            at(l, "r.csv", 12, "x"),
            in_file(l, "r.csv", "x"),
            and_more(l, 12_345),
            wrote(l, "exposure.toml"),
            unmapped_jobs(l, 12_345),
            unmapped_job(
                l,
                "Agent",
                "meilleur candidat sous le seuil de confiance",
                Some(("Agent d'accueil", "4226", 0.8, 0.5)),
                0.6,
            ),
            guessed_grades(l, 3),
            guessed_grade(
                l,
                "Adj tech",
                "9313",
                "Building construction labourers",
                "Adjoint technique",
                0.9,
            ),
            mixed_weights(l, "Agent"),
            look_alike(l, ("Agent x", "r.csv", 3), "agent  x"),
            unscored_tasks(l, 12_345),
            unscored_task(l, "r.csv", 4, "Agent", "Classer"),
            unscored_jobs(l, 2, "A, B"),
            not_a_workbook(l, "r.xlsx"),
            sheet_ignored(l, "r.csv", "Feuil1"),
            windows_1252(l),
            header_below(l, 3, (1, 2, "Effectifs 2024")),
            header_below(l, 2, (1, 1, "Effectifs")),
            no_posts_filled(l, 2),
            csv_dialect_ignored(l),
            unknown_ilo_task(l, "R1", "4110", 9),
        ]
    }

    #[test]
    fn french_texts_pass_french_typography() {
        for text in every_french_text() {
            assert_eq!(french_defects(&text), Vec::<String>::new(), "{text}");
            assert!(!text.contains('`'), "{text}");
            assert!(!text.contains("JSON"), "{text}");
        }
        assert!(and_more(Lang::Fr, 12_345).contains("12\u{202F}345"));
    }

    /// Every French error of the catalogue, with figures large enough to need separators.
    fn every_french_error() -> Vec<String> {
        let io = io::Error::from(io::ErrorKind::NotFound);
        let messages = [
            cannot_open(&io),
            cannot_read(&io),
            empty_roster(),
            no_data_rows(),
            no_job_column(&["Nom".into(), "Effectif".into()], 12_345),
            unequal_fields(12_345, 23_456),
            unbalanced_quote(),
            utf16(),
            nul_byte(12_345, 12_345, true),
            nul_byte(3, 12_345, false),
            same_column_name((12_345, "Métier")),
            same_column_meaning("job", (12_345, "Métier")),
            too_many_columns(20_000, 16_384),
            quote_runs_over(2, 5),
            cell_too_long(40_000, 32_767, true),
            malformed_csv(&"x"),
            csv_reader_error(&"x"),
            not_a_spreadsheet(&"x"),
            no_such_sheet("Feuil2", &["Feuil1".into()]),
            no_such_sheet("Feuil2", &[]),
            no_worksheet(),
            workbook_too_large("x"),
            sheet_too_large(10_000_000, 256),
            sheet_grid_too_large((1, 70_000), 200, 14_000_000, 10_000_000, ("XA1", "B70000")),
            empty_job(),
            not_a_number("abc"),
            bad_score("2"),
            out_of_bounds(Quantity::Headcount, "x", "1e9"),
            out_of_bounds(Quantity::Weight, "x", "1e9"),
            out_of_bounds(Quantity::Score, "x", "2"),
            ambiguous_thousands("1,200"),
            bad_isco("12"),
            not_xml(),
            xml_declares_16_bit("UTF-16"),
            xml_unknown_encoding("latin-9"),
            xml_not_in_encoding("UTF-8"),
            xml_malformed(true, &"x"),
            xml_malformed(false, &"x"),
            xml_second_document(),
            xml_ends_inside("Budget", 12_345),
            xml_outside_namespace("http://example.org/ns"),
            xml_not_budget("Foo", "http://example.org/ns"),
            no_staff_annex(),
            no_personnel(),
            xml_bad_attributes(&"x"),
            xml_bad_value(&"x"),
            bad_fte("EffectifPourvu", "x"),
            bad_flag("Permanent", "x"),
            no_grade_label(),
            empty_rubric("code,theme"),
            bad_header(&"x"),
            missing_rubric_column("code", "code,theme"),
            bad_rule_code("A B"),
            duplicate_rule_code("a", 12_345),
            bad_patterns("x", "Abc"),
            bad_ilo_refs("x"),
            no_rules(),
            isco_map_header("a,b"),
            isco_map_empty_title(""),
            isco_map_unscored("0110"),
            isco_map_bad_code("12"),
            isco_map_conflict("Agent", Some("4226"), (3, "agent", None)),
            attribute_disagrees("A", "B", "Agent"),
            headcount_disagrees(12_345.5, (23_456.0, 12_345), "Agent"),
            isco_disagrees("4226", "4222"),
            unknown_rule_code("rubric.csv", "x"),
            bad_sex_count("Femmes", 12_345.0, "x"),
            roster_twice("a.csv"),
        ];
        let failures = [
            one_budget_at_a_time(),
            no_sex_column("Sexe"),
            no_group_column("Statut", &["Filière", "Grade"]),
            no_group_column("Statut", &[]),
            not_a_budget_document("a.csv"),
            other_authority(("a.xml", "Lyon", "123"), ("b.xml", "Nice", "456")),
            same_document_twice("a.xml", "b.xml", "budget primitif 2024"),
            xlsx_needs_output(),
            years_not_as_workbook(),
            table_or_json_only("isco", "csv"),
            report_format_unknown("r.txt"),
            report_needs_output(),
            years_report_html_only(),
            isco_query("12"),
            isco_unscored("0110"),
            cannot_read_baseline("b.json"),
            not_a_baseline("b.json", None),
            not_a_baseline("b.json", Some("exposure/3")),
            baseline_cut("b.json", 12_345, 23_456),
            output_is_input("r.csv", "r.csv"),
            text_named_like_workbook("r.xlsx"),
            output_is_folder("out"),
            dangling_link("out"),
            cannot_write("out"),
            cannot_create_temporary("out"),
            drift_needs_baseline("exposure.toml"),
            policy_exists("exposure.toml"),
            bad_policy("exposure.toml:2:1", "unknown field `x`"),
            cannot_read_file("exposure.toml"),
        ];
        messages
            .into_iter()
            .map(|m| m.fr.expect("every error of the catalogue has its French"))
            .chain(failures.into_iter().map(|f| f.fr))
            .collect()
    }

    #[test]
    fn french_errors_pass_french_typography() {
        for text in every_french_error() {
            assert_eq!(french_defects(&text), Vec::<String>::new(), "{text}");
            assert!(!text.contains('`'), "{text}");
        }
    }

    #[test]
    fn an_input_error_is_told_in_french_with_its_place() {
        let e = InputError::cell("r.csv", 12, 4, "Effectif", not_a_number("abc"));
        let e = anyhow::Error::new(e);
        assert_eq!(
            error_line(Lang::Fr, &e),
            "exposure\u{202F}: erreur\u{202F}: r.csv:12:4\u{202F}: colonne «\u{202F}Effectif\u{202F}»\u{202F}: \
             attendu\u{202F}: un nombre, trouvé\u{202F}: «\u{202F}abc\u{202F}»"
        );
        assert_eq!(
            error_line(Lang::En, &e),
            "exposure: error: r.csv:12:4: column 'Effectif': expected a number, found \"abc\""
        );
        // The system's reason follows in French; a reader's English detail is left out.
        let e = anyhow::Error::new(
            cannot_write("out.json").because(io::Error::from(io::ErrorKind::PermissionDenied)),
        );
        assert_eq!(
            error_line(Lang::Fr, &e),
            "exposure\u{202F}: erreur\u{202F}: écriture impossible de out.json\u{202F}: accès refusé"
        );
        let e = anyhow::Error::new(cannot_read_baseline("b.json").because(std::fmt::Error));
        let text = error_line(Lang::Fr, &e);
        assert!(text.ends_with("de la référence b.json"), "{text}");
    }
}
