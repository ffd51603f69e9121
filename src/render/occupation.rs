//! `exposure isco`: the ILO reference of an occupation, and how a French job title was
//! matched, for a person (a table) or a script (JSON).

use std::io::{self, Write};

use serde::Serialize;

use super::grade::TITLE_BLOCK;
use super::{Section, table::write_section};
use crate::classify::{Band, Class};
use crate::i18n::Lang;
use crate::ilo::{ilo_task_in, title_in};
use crate::isco::{
    Basis, CONFIDENCE_FLOOR, CURATED_MIN, HEAD_MISSED, OTHER_HEAD, OTHER_LEVEL, OTHER_SPECIALITY,
    Role, SAME_LEVEL_HEAD, Stage, TIE, Table, TitleWord, Unmapped,
};

pub fn json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

#[derive(Serialize)]
pub struct OccupationReference {
    pub isco08: String,
    pub title: String,
    pub source: &'static str,
    pub tasks: Vec<TaskReference>,
    pub wp140_2025: Figures,
    pub wp96_2023: Figures,
    /// French titles of the crosswalk mapped to this code (curated first), at most 12.
    pub french_titles: Vec<FrenchTitle>,
    pub french_titles_total: usize,
}

#[derive(Serialize)]
pub struct TaskReference {
    pub task_id: u32,
    pub task: String,
    pub score_2023: Option<f64>,
    pub band_2023: Option<Band>,
    pub score_2025: f64,
    pub band_2025: Band,
}

#[derive(Serialize)]
pub struct Figures {
    pub tasks: u64,
    pub tasks_exposed: u64,
    pub mean: f64,
    pub sd: f64,
    pub class: Class,
    pub published_mean: f64,
    pub published_sd: f64,
    pub published_category: String,
}

#[derive(Serialize)]
pub struct FrenchTitle {
    pub title: String,
    pub table: Table,
    pub confidence: f64,
}

#[derive(Serialize)]
pub struct TitleReport {
    pub title: String,
    /// The family code or prefix of a repertory of métiers set aside before the métier was
    /// read (basis `family_code`): `normalized`, `sigles`, `words`, `head`, `families` and
    /// `tokens` are then the métier's, the words the decision used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_aside: Option<String>,
    pub normalized: String,
    /// The sigles found and their long forms.
    pub sigles: Vec<Sigle>,
    /// The content words, stemmed, in title order, each with its role.
    pub words: Vec<TitleWord>,
    /// The head noun and, after a generic head, its complement.
    pub head: Vec<String>,
    /// The words that also match the words of their family (adjective ↔ noun), when any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub families: Vec<WordFamily>,
    pub tokens: Vec<String>,
    pub decision: Decision,
    /// The best reference title of each candidate occupation, best first.
    pub candidates: Vec<CandidateOccupation>,
}

#[derive(Serialize)]
pub struct WordFamily {
    pub word: String,
    pub family: Vec<String>,
    /// The family's words as a reference title writes them, for the text output.
    #[serde(skip)]
    pub family_as_written: Vec<String>,
}

#[derive(Serialize)]
pub struct Sigle {
    pub sigle: String,
    pub expansion: String,
}

/// A sigle's long form as `data/isco/sigles.csv` writes it, when that is the reading the title
/// took (a short form first in a title may read as a noun: "Admin." administrateur).
fn written_sigle(s: &Sigle) -> &str {
    (crate::title::sigle_as_written(&s.sigle))
        .filter(|w| crate::isco::normalize_title(w) == s.expansion)
        .unwrap_or(&s.expansion)
}

/// The candidate of the workers a decision by the supervisor rule heads: the same reference
/// title, the workers' code whose supervisors' code the decision took. The same title in
/// another table with another code ("Comptable": curated 4311, ROME 2411) is no supervisor.
fn supervised_workers<'a>(
    r: &'a TitleReport,
    reference: &str,
    code: &str,
) -> Option<&'a CandidateOccupation> {
    (r.candidates.iter()).find(|c| {
        c.reference == reference
            && c.isco08 != code
            && crate::isco::supervisor_code(&c.isco08) == Some(code)
    })
}

/// The long forms of a title's sigles, as `data/isco/sigles.csv` writes them.
pub fn sigle_longs(r: &TitleReport) -> Vec<&str> {
    r.sigles.iter().map(written_sigle).collect()
}

#[derive(Serialize)]
pub struct Decision {
    /// `mapped` or `unmapped`.
    pub status: &'static str,
    /// `isco_map` or `title` when mapped.
    pub source: Option<&'static str>,
    pub isco08: Option<String>,
    pub occupation: Option<String>,
    pub reference: Option<String>,
    pub table: Option<Table>,
    pub similarity: Option<f64>,
    pub confidence: Option<f64>,
    pub via: Option<String>,
    /// The stage of the decision rule that chose the title (or its closest candidate).
    pub stage: Option<Stage>,
    /// What of the title the reference title covers.
    pub basis: Option<Basis>,
    pub reason: Option<Unmapped>,
    /// The closest candidate's code when unmapped (`isco08` stays null).
    #[serde(skip)]
    pub candidate_code: Option<String>,
    /// What a rule that decides from part of the title, or from words it derives from it,
    /// read; absent when the reference was matched to the title itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<ReadingReport>,
}

/// [`crate::isco::Reading`] for a person or a script: the words as the title writes them,
/// and whose match the decision's similarity and confidence are.
#[derive(Serialize)]
pub struct ReadingReport {
    /// The title's words the rule read, as the title writes them.
    pub words: String,
    /// What was matched in their place, normalised, when not those words.
    pub matched: Option<String>,
    /// The curated trade the words named, when the decision is its team's head.
    pub trade: Option<String>,
    pub figures_of: FiguresOf,
    /// The grade whose match of the whole title gives the figures (`figures_of` `grade`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
}

/// Whose match a decision's similarity and confidence are, for a decision from part of the
/// title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FiguresOf {
    /// The words read (or what was matched in their place) to the reference.
    Reading,
    /// That match's similarity; its confidence × √ the share of the title's weight the words
    /// carry, places and ranks aside.
    ReadingScaled,
    /// The reference's own, taken whole by the rule (a building trade's team head).
    Reference,
    /// The whole title's match to the grade (`grade`).
    Grade,
}

impl ReadingReport {
    pub fn of(reading: &crate::isco::Reading, basis: Basis, title: &str) -> ReadingReport {
        let figures_of = if reading.trade.is_some() {
            FiguresOf::Reference
        } else if reading.figures_of.is_some() {
            FiguresOf::Grade
        } else if matches!(basis, Basis::HeadNounAlone | Basis::ManagerNotNamed) {
            FiguresOf::ReadingScaled
        } else {
            FiguresOf::Reading
        };
        ReadingReport {
            words: written_words(&reading.words, &[title]),
            matched: reading.matched.clone(),
            trade: reading.trade.clone(),
            figures_of,
            grade: reading.figures_of.clone(),
        }
    }
}

/// Normalised words (`normalize_title`'s) as the texts of `sources` write them: the stretch
/// of the first (the title) whose words they are, apostrophes and all ("Responsable
/// d'atelier"), else word by word, each as the first source that has it writes it ("agent
/// titres d'identité" for the derived "agent titres identite"; "Plombier", from the
/// reference, for "plombier").
pub fn written_words(normalized: &str, sources: &[&str]) -> String {
    let wanted: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    // Each source's words: where they are, and their folded form.
    let words_of = |text: &str| {
        let mut spans: Vec<(usize, usize, String)> = Vec::new();
        let mut start = None;
        for (at, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(at),
                (false, Some(from)) => {
                    spans.push((from, at, crate::normalize::normalize(&text[from..at])));
                    start = None;
                }
                _ => {}
            }
        }
        spans
    };
    let spans: Vec<Vec<(usize, usize, String)>> = sources.iter().map(|t| words_of(t)).collect();
    let n = wanted.len();
    if let (Some(title), Some(first)) = (sources.first(), spans.first()) {
        let at = |i: usize| (0..n).all(|k| first[i + k].2 == wanted[k]);
        let stretch = (n > 0 && first.len() >= n)
            .then(|| (0..=first.len() - n).find(|&i| at(i)))
            .flatten();
        if let Some(i) = stretch {
            return title[first[i].0..first[i + n - 1].1].to_string();
        }
    }
    let mut out = String::new();
    for (k, w) in wanted.iter().enumerate() {
        let written = (sources.iter().zip(&spans))
            .find_map(|(text, words)| (words.iter().find(|s| s.2 == *w)).map(|s| &text[s.0..s.1]))
            .unwrap_or(w);
        out.push_str(written);
        // An elided article or preposition joins the next word ("d'identité").
        let elided = matches!(*w, "d" | "l" | "j" | "n" | "s" | "qu");
        if k + 1 < n {
            out.push_str(if elided { "'" } else { " " });
        }
    }
    out
}

#[derive(Serialize)]
pub struct CandidateOccupation {
    pub isco08: String,
    pub occupation: String,
    pub reference: String,
    pub table: Table,
    pub similarity: f64,
    pub confidence: f64,
    pub via: String,
    pub matched: Vec<String>,
    pub stage: Stage,
    pub basis: Basis,
}

pub fn occupation_table(
    out: &mut dyn Write,
    r: &OccupationReference,
    terminal: bool,
    lang: Lang,
) -> io::Result<()> {
    let heading = lang.fill(
        "ISCO-08 {code} — {title}",
        &[
            ("code", r.isco08.clone()),
            ("title", title_in(&r.isco08, &r.title, lang).to_string()),
        ],
    );
    writeln!(out, "{heading}")?;
    writeln!(
        out,
        "{}",
        lang.fill(
            "Source: {source}.",
            &[("source", lang.t(r.source).to_string())]
        )
    )?;
    writeln!(out)?;
    // English shows the band's key, French its label.
    let band = |b: Option<Band>| match (b, lang) {
        (Some(b), Lang::Fr) => lang.t(b.label()).to_string(),
        (Some(b), Lang::En) => b.key().to_string(),
        (None, _) => "–".into(),
    };
    write_section(
        &Section {
            title: lang.t("Tasks").into(),
            headers: ["#", "Task", "2023", "Band 2023", "2025", "Band 2025"]
                .map(|h| lang.t(h).to_string())
                .to_vec(),
            numeric: vec![true, false, true, false, true, false],
            rows: r
                .tasks
                .iter()
                .map(|t| {
                    vec![
                        t.task_id.to_string(),
                        ilo_task_in(&r.isco08, t.task_id, &t.task, lang).to_string(),
                        lang.decimal(t.score_2023),
                        band(t.band_2023),
                        lang.decimal(Some(t.score_2025)),
                        band(Some(t.band_2025)),
                    ]
                })
                .collect(),
        },
        out,
        terminal,
    )?;
    let number = |x: f64| lang.decimal(Some(x));
    for (name, f) in [
        ("WP140 (2025)", &r.wp140_2025),
        ("WP96 (2023)", &r.wp96_2023),
    ] {
        let figures = lang.fill(
            "mean {mean}, SD {sd}, {exposed}/{tasks} tasks exposed → {class}",
            &[
                ("mean", number(f.mean)),
                ("sd", number(f.sd)),
                ("exposed", f.tasks_exposed.to_string()),
                ("tasks", f.tasks.to_string()),
                ("class", lang.class(f.class).to_string()),
            ],
        );
        write!(out, "{name:<13} {figures}")?;
        if f.mean != f.published_mean || f.sd != f.published_sd {
            let published = lang.fill(
                " (published: mean {mean}, SD {sd}; the exact mean is a rounding tie)",
                &[
                    ("mean", number(f.published_mean)),
                    ("sd", number(f.published_sd)),
                ],
            );
            write!(out, "{published}")?;
        }
        writeln!(out)?;
    }
    if r.french_titles_total > 0 {
        let curated = curated(lang);
        let list: Vec<String> = r
            .french_titles
            .iter()
            .map(|t| match t.table {
                Table::Curated => format!("{} ({curated})", t.title),
                Table::Rome | Table::Coded => t.title.clone(),
            })
            .collect();
        let separator = lang.t("; ");
        let more = if r.french_titles_total > list.len() {
            format!("{separator}…")
        } else {
            String::new()
        };
        let line = lang.fill(
            "French titles mapped here ({total} in the crosswalk): {list}",
            &[
                ("total", r.french_titles_total.to_string()),
                ("list", list.join(separator)),
            ],
        );
        writeln!(out, "{line}{more}")?;
    }
    Ok(())
}

/// A word's role in a title, as the explanation names it.
pub fn role_name(role: Role, lang: Lang) -> &'static str {
    lang.t(match role {
        Role::Head => "head",
        Role::Complement => "complement",
        Role::Qualifier => "qualifier",
        Role::Place => "place",
        Role::Rank => "rank",
    })
}

/// How a title of the curated table of local-government titles is named.
pub fn curated(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "curated",
        Lang::Fr => "table locale",
    }
}

/// The label of the titles coded for local government (`crate::neighbour`).
pub fn coded(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "coded titles",
        Lang::Fr => "intitulés territoriaux codés",
    }
}

/// How a ROME title's code was found (the `via` of `data/isco/titles.csv`, written by
/// `scripts/build_isco_crosswalk.py`) in words, its codes kept for a reviewer:
/// `rome:K2111/ogr:38246 broad 1/1` reads "ROME K2111, title 38246: broad ESCO match (weight
/// 1 of 1)"; `grade:atsem`, "grade of the cadre d'emplois "Agents territoriaux spécialisés des
/// écoles maternelles" (atsem)". Any other `via` (a file and line of the user's map) is
/// returned as it is.
pub fn via_in_words(via: &str, lang: Lang) -> String {
    let (how, note) = match via.split_once("; esco ") {
        Some((how, note)) => (how, Some(note)),
        None => (via, None),
    };
    let fr = lang == Lang::Fr;
    if let Some(id) = via.strip_prefix("grade:") {
        // The cadre's name, its id for a reviewer.
        let name = crate::grades::Grades::builtin()
            .cadre(id)
            .map_or(id, |c| c.libelle.as_str());
        return if fr {
            format!("grade du cadre d'emplois «\u{202f}{name}\u{202f}» ({id})")
        } else {
            format!("grade of the cadre d'emplois \"{name}\" ({id})")
        };
    }
    // A reviewed row of data/isco/title_overrides.csv: "override:K2105 was 2310".
    if let Some((fiche, was)) = via
        .strip_prefix("override:")
        .and_then(|rest| rest.split_once(" was "))
    {
        return if fr {
            format!(
                "correction relue de la fiche ROME {fiche}, où la chaîne ESCO donnait la CITP {was}"
            )
        } else {
            format!("reviewed correction of ROME {fiche}, where the ESCO chain gave ISCO {was}")
        };
    }
    let of = |share: &str| {
        let (k, n) = share.split_once('/')?;
        Some(if fr {
            format!("{k} sur {n}")
        } else {
            format!("{k} of {n}")
        })
    };
    let words = || -> Option<String> {
        if let Some(rest) = how.strip_prefix("rome:") {
            let mut parts = rest.split(' ');
            let (fiche, title) = parts.next()?.split_once("/ogr:")?;
            let relations = parts
                .next()?
                .split('+')
                .map(|r| match (r, fr) {
                    ("exact", false) | ("close", false) | ("broad", false) | ("narrow", false) => {
                        Some(r)
                    }
                    ("exact", true) => Some("exacte"),
                    ("close", true) => Some("proche"),
                    ("broad", true) => Some("large"),
                    ("narrow", true) => Some("étroite"),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()?
                .join(if fr { " et " } else { " and " });
            let weight = of(parts.next()?)?;
            return Some(if fr {
                format!(
                    "fiche ROME {fiche}, appellation {title}\u{202f}: correspondance ESCO {relations} (poids {weight})"
                )
            } else {
                format!("ROME {fiche}, title {title}: {relations} ESCO match (weight {weight})")
            });
        }
        let (fiche, parent, rest) = match (
            how.strip_prefix("rome-fiche:"),
            how.strip_prefix("rome-parent:"),
        ) {
            (Some(rest), _) => (rest.split_once(' ')?.0, false, rest),
            (_, Some(rest)) => (rest.split_once(' ')?.0, true, rest),
            _ => return None,
        };
        let share = of(rest.strip_prefix(fiche)?.strip_prefix(" majority ")?)?;
        Some(match (fr, parent) {
            (true, false) => {
                format!("majorité des appellations de la fiche ROME {fiche} ({share})")
            }
            (true, true) => format!(
                "majorité des appellations de la fiche ROME {fiche} et des fiches qui s'y rattachent ({share})"
            ),
            (false, false) => format!("majority of the titles of ROME {fiche} ({share})"),
            (false, true) => {
                format!("majority of the titles of ROME {fiche} and the fiches under it ({share})")
            }
        })
    };
    let Some(mut words) = words() else {
        return via.to_string();
    };
    if let Some(note) = note {
        let Some((code, why)) = note.split_once(' ') else {
            return via.to_string();
        };
        let note = match (why, fr) {
            ("unscored", false) => format!("ESCO's own ISCO {code} has no ILO score"),
            ("unscored", true) => format!("la profession ESCO (CITP {code}) n'a pas de score OIT"),
            ("named otherwise", false) => {
                format!("ESCO links it to ISCO {code}, an occupation named otherwise")
            }
            ("named otherwise", true) => {
                format!("ESCO la rattache à la CITP {code}, une profession d'un autre nom")
            }
            ("unlike the title", false) => {
                format!("ESCO links it to ISCO {code}, a group that does not fit the title")
            }
            ("unlike the title", true) => {
                format!(
                    "ESCO la rattache à la CITP {code}, un groupe qui ne correspond pas à l'intitulé"
                )
            }
            _ => return via.to_string(),
        };
        words.push_str(if fr { "\u{202f}; " } else { "; " });
        words.push_str(&note);
    }
    words
}

/// The matcher's words, stems (`responsabl`, `servic`), as `title` writes them (`responsable`,
/// `service`), for a person: each stem takes the next word of the title, or of a sigle's long
/// form in `longs`, whose folded form starts with it (or, for a plural such as `territoriaux`
/// read `territorial`, shares all but its last letters, or for a word shortened with a dot,
/// `Cat.` read `categori`, starts it: shown with its dot); a stem no word gives stays as it is.
pub fn as_written(stems: &[&str], title: &str, longs: &[&str]) -> Vec<String> {
    let mut words: Vec<(String, &str)> = std::iter::once(title)
        .chain(longs.iter().copied())
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| (crate::normalize::normalize(w), w))
        .collect();
    let common = |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    stems
        .iter()
        .map(|&stem| {
            let length = stem.chars().count();
            let found = (words
                .iter()
                .position(|(folded, _)| folded.starts_with(stem)))
            .or_else(|| {
                words.iter().position(|(folded, _)| {
                    let shared = common(folded, stem);
                    shared >= 4 && shared + 2 >= length
                })
            });
            if let Some(i) = found {
                let (folded, word) = words.remove(i);
                // A short form the matcher reads as it is ("Gest." read `gest`): with its dot.
                return match folded == stem && shortened_in(title, word) {
                    true => format!("{word}."),
                    false => word.to_string(),
                };
            }
            let shortened = words.iter().position(|(folded, w)| {
                folded.chars().count() >= 2
                    && stem.starts_with(folded.as_str())
                    && shortened_in(title, w)
            });
            match shortened {
                Some(i) => format!("{}.", words.remove(i).1),
                None => stem.to_string(),
            }
        })
        .collect()
}

/// Whether `title` writes `word` shortened: as a whole word followed by a dot.
fn shortened_in(title: &str, word: &str) -> bool {
    let starts_word = |at: usize| {
        !title[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    (title.match_indices(word))
        .any(|(at, _)| starts_word(at) && title[at + word.len()..].starts_with('.'))
}

/// The words a rule read for a decision from part of the title, and what it matched for them.
fn words_read(read: &ReadingReport, reference: &str, title: &str, lang: Lang) -> String {
    let words = read.words.clone();
    match (&read.trade, &read.matched) {
        (Some(trade), _) => lang.fill(
            "\"{words}\": the trade \"{trade}\", whose team's head is \"{reference}\"",
            &[
                ("words", words),
                ("trade", trade.clone()),
                ("reference", reference.to_string()),
            ],
        ),
        (None, Some(matched)) => lang.fill(
            "\"{words}\", read as \"{matched}\"",
            &[
                ("words", words),
                ("matched", written_words(matched, &[title, reference])),
            ],
        ),
        // Quoted as the catalogue quotes a title, in either language.
        (None, None) => lang.fill("\"{words}\"", &[("words", words)]),
    }
}

/// The rule of a decision from part of the title, in place of the stages of the whole
/// title's: when it applies and what it reads.
fn part_rule(basis: Basis, lang: Lang) -> Option<String> {
    let values = [
        ("floor", lang.decimal(Some(CONFIDENCE_FLOOR))),
        (
            "grade_floor",
            lang.decimal(Some(crate::grades::GRADE_FLOOR)),
        ),
        ("tie", lang.decimal(Some(TIE))),
        (
            "post_after_grade",
            lang.decimal(Some(crate::occupation::POST_AFTER_GRADE)),
        ),
        ("stub_min", crate::occupation::STUB_MIN.to_string()),
        (
            "abbreviation_min",
            crate::occupation::ABBREVIATION_MIN.to_string(),
        ),
        ("typo_min", crate::occupation::TYPO_MIN.to_string()),
        ("margin", lang.decimal(Some(crate::neighbour::MARGIN))),
        (
            "neighbour_min",
            lang.decimal(Some(crate::neighbour::NEIGHBOUR_MIN)),
        ),
        ("band", lang.decimal(Some(crate::neighbour::BAND))),
    ];
    Some(lang.fill(part_rule_template(basis)?, &values))
}

/// The English of [`part_rule`], whose French the catalogue holds.
fn part_rule_template(basis: Basis) -> Option<&'static str> {
    let template = match basis {
        Basis::TradeAfterHead => {
            "A title whose head names no trade (agent, ouvrier, employé), followed by a trade or its domain (électricité: électricien), is that trade when no reference title covers the whole title at confidence {grade_floor} or more, or at similarity {tie} or more: the trade's one-word curated title is matched, unless the decision is already of that trade's ISCO-08 minor group."
        }
        Basis::HeadOfATrade => {
            "A chef or responsable d'équipe or d'atelier followed by a trade or its domain, where no reference title covers the whole title at confidence {grade_floor} or more, or at similarity {tie} or more, is classed with that trade's workers, as ISCO-08 classes the supervisors of a trade; the head of a building trade (ISCO-08 71 and 7411) is a construction supervisor, the curated \"Chef d'équipe bâtiment\" (3123), in place of a craft worker's code or of none."
        }
        Basis::FamilyCode => {
            "A title that opens with the code or prefix a repertory of métiers files it under: a code of capitals and digits (\"ADM-04\", \"RH-03\"), a family's abbreviation of capitals before a spaced dash that names no post, employer, path of services or contract form alone (\"BAT -\", \"EV -\"; not \"ASVP -\", \"DST -\", \"CCAS -\", \"PEC -\"), or \"Famille\" and the family's name before a spaced dash or colon: the métier after it is resolved as a title of its own, grade and every rule, and decides when it is a grade or is mapped at confidence {floor} or more, unless, after an abbreviation or a family's name, a reference title covers the whole title, a word of the family among its words, at {tie} × that confidence or more (the family names what the métier leaves out)."
        }
        Basis::FrameField => {
            "A title with a frame noun (ressources, parc, action, acquisitions, matériels) followed right after it by a word that names its field (\"ressources numériques\", \"parc locatif\", \"action foncière\"), decided by a reference that read the frame and not that word but a field of its own, or left unmapped: the title is read without the frame noun, the field in its place, decided whole by every rule, and kept when mapped at confidence {floor} or more by a reference that reads the field, at any stage, as another code. A reference that shares the frame noun but names another field after it (\"Chargé de ressources humaines\" for \"Chargé des ressources numériques\") is a look-alike: its similarity is halved."
        }
        Basis::CombinedPost => {
            "A title of one agent's activities listed (a comma, \"et\" or \"+\" between them): a polyvalent post before the list, set apart by a spaced colon, a bracket or a spaced dash, is that post when matched alone at stage 1 or 2 at confidence {floor} or more by a polyvalent reference title (of the post's own words, for a post of its head and \"polyvalent\" alone), the general occupation; a post of its head and \"polyvalent\" alone is read with its first activity, kept when a reference title covers that reading whole at confidence {floor} or more as another code; \"+\" is read as \"et\", the title so written decided whole by every rule."
        }
        Basis::FirstActivity => {
            "A polyvalent agent of a list of activities that no reference title covers whole is classed by the first activity, read after \"agent\", when a curated title covers it whole at confidence {floor} or more, unless the decision of the title's head noun is of a higher ISCO-08 skill level."
        }
        Basis::AfterStatus => {
            "A status word (saisonnier, apprenti, vacataire…) then a domain, matched only to its closest title or to none at the floor: the title is read with \"agent\" in place of its status words (a trade's domain as that trade), kept when matched at stage 1 or 2 at confidence {floor} or more."
        }
        Basis::OwnWords => {
            "A post described in an agent's own words (the first person, \"je suis\", \"je fais\", \"je m'occupe de\", \"je travaille à\", a verb read as its activity noun; \"poste de\", \"mon métier\"), or a title the crosswalk left unmapped, written as one field, that leads with an activity naming no one (\"ménage\", \"gestion\") or ends with when or where the work is done: a second clause in the first person, when the work is done (\"le soir\", \"l'été\") and then where (\"à l'école\", \"au château\") are left out, and the rest is read as a post, or as an activity after its agent noun (data/isco/activity_agents.csv) or after \"agent\", kept when matched at stage 1 or 2 at confidence {floor} or more as another code (without an opener, by a reference title that covers every word of the reading but a task word)."
        }
        Basis::TransportMobility => {
            "A title whose \"mobilité\" the decision read as the staff's moves, by a curated title of the personnel professionals (2423), while no word of the staff's careers is in the title (recrutement, reclassement, carrière, interne, professionnel, personnel, ressources humaines or RH, GPEC or GPEEC, évolution): the mobility is the town's transport, so the title is read with \"déplacements\" in the place of \"mobilité\", decided whole by every rule, and kept when mapped at confidence {floor} or more as another code."
        }
        Basis::ChargedWith => {
            "An agent noun, then what the agent is charged with (\"chargé de\", \"en charge de\", \"affecté à\"), that no reference title covers whole: the agent noun is read with the activity alone, kept when matched at stage 1 or 2 at confidence {floor} or more as another code."
        }
        Basis::GradeThenPost => {
            "A grade, then a spaced dash or colon, a comma or a bracket that closes the title (or a slash before a manager's post), then words whose first names someone: those words, matched alone at stage 1 or 2 at confidence {post_after_grade} or more as another code (or as the whole title's, when the whole title reached it only as its closest title), within the skill level of the grade's cadre d'emplois (a manager's post from level 3, catégorie B), name the post, which decides, not the grade."
        }
        Basis::AnimateurOfAnotherPublic => {
            "An animateur matched only to the bare curated \"Animateur\" (the children's, 5311, by the convention for communes) whose title names other words than places and ranks and none of a children's setting (périscolaire, loisirs, pause méridienne, école, enfance, mineurs, cantine…): the title is read with \"Animateur socioculturel\" in place of its head noun, kept when matched at stage 1 or 2 at confidence {floor} or more."
        }
        Basis::ChefAsResponsable => {
            "A chef de service that no reference title matches at confidence {floor}: the title is read with \"responsable\" in place of \"chef\" (with \"service\", chef reaches responsable but not its synonym directeur), kept when matched at stage 1 or 2 at confidence {floor} or more to a curated manager's title (ISCO-08 major group 1)."
        }
        Basis::ComputerNetworks => {
            "A title that names a network with telecoms, telephony or computing, not decided as a computing occupation: the words before the network are read with \"réseaux informatiques\", kept when matched at stage 1 or 2 at confidence {floor} or more as a computing occupation (ISCO-08 133, 251, 252, 351)."
        }
        Basis::AnimateurOfAProgramme => {
            "An animateur matched only to the bare curated \"Animateur\" whose title names a programme, an incubator, a territory's economy, a sector, a climate or energy plan, a contract or a charter, and no children's setting: a development agent, the title read with \"Chargé de mission\" in place of its head noun, kept when matched at stage 1 or 2 at confidence {floor} or more as a science or engineering professional (ISCO-08 21) or a policy and planning one (242)."
        }
        Basis::HeavyAndLightVehicles => {
            "A driver whose title names both the light vehicle (VL) and the heavy one (PL, poids lourd), decided as the light vehicle's driver (8322): the title is read without the light vehicle's sigle, kept when matched at stage 1 or 2 at confidence {floor} or more as a heavy truck or bus driver (ISCO-08 833)."
        }
        Basis::HeadNounTypo => {
            "A title whose first word, its head noun, is a word of {typo_min} letters or more that no table knows (no word of the reference titles, no sigle, no place, rank or status word) and that the decision did not match: when exactly one head noun of the reference titles is one edit from it (a letter added, dropped or changed, or two neighbours swapped, anywhere), the title is read with that head noun, decided whole by every rule, and kept when mapped at confidence {floor} or more."
        }
        Basis::Abbreviated => {
            "A title with words shortened with a dot (\"hosp.\", \"scol.\") of {abbreviation_min} letters or more that no table knows (no sigle or short form, no word of the reference titles, no place, rank or status word) and that the decision did not match: each is read as the word of the reference titles it starts that those sharing most of the title's other words use, when it is clearly ahead of the others; the title so read is decided whole by every rule, and kept when mapped at confidence {floor} or more."
        }
        Basis::NamedPlace => {
            "A title that names a territorial body, facility or place whose words are also an occupation's (caisse des écoles, salle des fêtes, salle polyvalente, centre de supervision urbain, espace or maison France Services, parc de logements, France Rénov'), decided by a reference that matched the name's first word and not all of its words: the name, and the connective before it, is replaced by the field it says (administratif, gestion des salles, police municipale, France Services, patrimoine locatif, rénovation énergétique), the title so read decided whole by every rule, and kept when mapped at confidence {floor} or more as another code."
        }
        Basis::Truncated => {
            "A title whose last word the vocabulary does not know, or that ends on a connective (et, de, des, à…), as an HR system's export cuts a title at its field length: the connective is dropped, and a last word of {stub_min} letters or more that starts words of the reference titles is read as the one the reference titles sharing most of the title's other words use, when it is clearly ahead of the others; the title so read is decided whole by every rule, and kept when mapped at confidence {floor} or more."
        }
        Basis::HeadOfASocialService => {
            "A chef or responsable of a service that no reference title matches at confidence {floor}, whose title names a field of social action (gérontologie, maintien à domicile, autonomie, handicap, insertion, RSA, solidarités, précarité, exclusion, seniors, aidants, personnes âgées, accès aux droits) and no housing: the title is read with \"responsable action sociale\" before its other words, kept when matched at stage 1 or 2 at confidence {floor} or more as a social welfare manager (1344)."
        }
        Basis::FormThenPost => {
            "A contract form or a status (PEC, contrat aidé, CDD, service civique, emploi d'été, vacataire; apprenti or stagiaire with the diploma prepared), set apart by a spaced dash, slash, colon or bracket before or after the post: the other part is matched as a title of its own (a domain after the form read after \"agent\" when a curated title covers its every word), kept at stage 1 or 2 at confidence {floor} or more; when that part names no one (a service, a place), the speciality of an apprentice's or intern's diploma names the occupation trained for, matched after its natural head (cuisine: cuisinier) or after \"agent\", never as a manager."
        }
        Basis::AfterGrade => {
            "A grade whose cadre d'emplois covers several occupations, followed by words that name a post: the words after the grade are matched alone (an office's work read after \"agent\", a trade's domain as that trade), and the post they name is the job's occupation, not the grade's."
        }
        Basis::Instruction => {
            "An instructeur of files that no reference title covers whole is matched as the agent who instructs them (\"instructeur\" read as \"agent\", \"dossiers\" left out), and kept only as a regulatory government associate professional (ISCO-08 335)."
        }
        Basis::HeadNounAlone => {
            "Nothing matched the whole title at confidence {floor}: the shortest start of the title with its head noun and complement is matched, kept when a reference title is made of those words alone (similarity {tie} or more), its confidence × √ the share of the title's weight they carry, and only at {floor} or more."
        }
        Basis::WithoutPlaces => {
            "Nothing matched the whole title at confidence {floor}, or only its closest title: the title is read without the places set at its end, kept when that reading is decided at stage 1 or 2."
        }
        Basis::PlaceAfterDash => {
            "The part after a spaced dash starts with a place, a kind of site or an employer: the part before it is matched as a title of its own, kept at stage 1 or 2 at confidence {floor} or more when it gives another code than the whole title and no reference title covers the whole title more confidently."
        }
        Basis::FirstField => {
            "Two fields joined by a spaced slash: the first, the main one, is matched as a title of its own, kept when a reference title covers it whole at confidence {floor} or more and gives another code, unless a reference title covers the whole title or names a more skilled occupation."
        }
        Basis::ServicePath => {
            "An HR export set a path of services before a spaced dash or in brackets after the post: the part that names the post is matched as a title of its own, kept at stage 1 or 2 at confidence {floor} or more when it gives another code than the whole title."
        }
        Basis::AssistantOfADirection => {
            "A title whose head noun is \"assistant\", followed by \"du\", \"de la\", \"des\" or \"auprès du\" and a director, an elected body or its members, a service, a pôle or a cabinet (directeur, direction, président, maire, élus, conseil, conseillers, service, pôle, cabinet), that no reference title matches at confidence {floor}: the assistant names whom it assists, not a field of its own, and is read as the curated \"Assistant de direction\", an administrative and executive secretary (3343)."
        }
        Basis::RecordsAfterService => {
            "A title decided as a general office clerk (4110) by the name of its service or its formalities, whose part after a spaced dash or in a bracket names the records the clerk keeps (\"- CNI / passeports\"): that part is read after the title's head noun, kept when matched at stage 1 or 2 at confidence {floor} or more by a curated title of the regulatory government associate professionals (ISCO-08 335), as ISCO-08 sorts clerks by the records they handle."
        }
        Basis::SurveillantAsAgent => {
            "A surveillant that no reference title matches at confidence {floor}: the title is read with \"agent de surveillance\" in place of its head noun, its other name (\"Surveillant de la pause méridienne\", \"Agent de surveillance de la pause méridienne\"), kept when matched at stage 1 or 2 at confidence {floor} or more."
        }
        Basis::ObjectOfMaintenance => {
            "A title decided as the bare curated \"Agent de maintenance\" or \"Technicien de maintenance\" whose first field (before a spaced dash or a bracket) names, after \"maintenance\", what is maintained: a curated title of the maintenance of that object among its candidates, at similarity 0.50 or more; else the title without \"maintenance\", kept when matched at stage 1 or 2 at confidence {floor} or more as a technician or a craft worker (ISCO-08 3, 7) whose reference reads the object; else the trade of the object (vehicles: the mechanic; traffic lights: the electrician of street lighting; thermal installations and boilers: the heating fitter)."
        }
        Basis::ReparateurAsMecanicien => {
            "A réparateur that no reference title matches at confidence {floor}, or that one matches short of the whole title: the title is read with \"mécanicien\" in place of its head noun, its other name (\"Réparateur de matériels espaces verts\", \"Mécanicien de matériels\"), kept when matched at stage 1 or 2 at confidence {floor} or more as a craft worker (ISCO-08 7), more confidently than the title itself."
        }
        Basis::PoliceOfAField => {
            "A title decided as a police officer or another protective services worker (ISCO-08 541) whose \"police\" is followed by \"de\", \"du\", \"des\" or \"de l'\" and a word that is no place (\"police de l'urbanisme\"): a special administrative police, the control of that field's rules; the title is read with \"contrôle\" in place of \"police\", kept when matched at stage 1 or 2 at confidence {floor} or more by a reference that reads the field and is no protective services worker."
        }
        Basis::CodedTitle => {
            "A title that no grade names, of more than generic words, which the crosswalk leaves unmapped or decides by similarity alone at a lower confidence, and no rule reads otherwise, set beside the titles coded for local government that hold its head noun and complement (the development table's, written as authorities write them, and the curated table's): its words weighted by their rarity among those titles and by their role, the closest of them, at similarity {neighbour_min} or more and {margin} or more over the decision's confidence, gives the code, by a vote of the titles within {band} of it, each by its similarity, unless the decision's reference reads a word of the title it lacks."
        }
        Basis::FrameAsAgent => {
            "A gestionnaire, a chef or responsable d'équipe, or a responsable or chef of a field, that no reference title matches at confidence {floor}: the title is read with \"agent\" in place of its head noun (and the team), kept when matched at stage 1 or 2 at confidence {floor} or more; a gestionnaire, then also with \"chargé\", as a clerk or an associate professional (ISCO-08 major groups 3 and 4), the levels the word names; a head as the supervisor ISCO-08 gives those agents (office supervisors 3341 for clerks, cleaning supervisors 5151 for cleaners, construction supervisors 3123 for building workers), or a team's workers' own code."
        }
        _ => return None,
    };
    Some(template)
}

/// The rules that decided a title, in the order they applied: the stage's and the choice
/// within it, the confidence floor, then each rule that changed or read the title.
fn applied_rules(r: &TitleReport, supervised: bool, lang: Lang) -> String {
    let d = &r.decision;
    if d.source == Some("isco_map") {
        return lang
            .t("Your map's row decides, before the crosswalk.")
            .to_string();
    }
    let mut rules: Vec<String> = Vec::new();
    let manager_not_named = lang.fill(
        "A title that names no manager (responsable, directeur, chef, coordinateur, gérant, manager), decided as a manager (ISCO-08 major group 1) by a reference title that covers its words but adds a manager's word, names the workers, not their head: it is read as its head noun alone, kept when a reference title of another major group is made of it (similarity ≥ {tie}).",
        &[("tie", lang.decimal(Some(TIE)))],
    );
    // A decision from part of the title, or from the coded titles: its rule, not the stages
    // of the whole title's.
    let part = (d.reading.is_some() || d.basis == Some(Basis::CodedTitle))
        .then(|| d.basis.and_then(|b| part_rule(b, lang)))
        .flatten();
    let stage = match d.stage {
        _ if d.basis == Some(Basis::ManagerNotNamed) => Some(manager_not_named.as_str()),
        _ if part.is_some() => part.as_deref(),
        Some(Stage::WholeTitle) => Some(lang.t("Stage 1: the reference titles that cover the whole title (and whose own head noun and complement the title has) come first.")),
        Some(Stage::HeadNoun) => Some(lang.t("Stage 2: no title covering the whole title was good enough (under the floor, or a title of a later stage closer by more than a quarter), so those with the title's head noun and complement.")),
        Some(Stage::Closest) => Some(lang.t("Stage 3: no title covering the whole title, or its head noun and complement, was good enough, so the closest of every reference title sharing a specific word.")),
        None => None,
    };
    rules.extend(stage.map(str::to_string));
    // The head noun's own title replaced the stage's choice: no ranking in a stage to tell.
    if d.stage.is_some() && d.basis != Some(Basis::ManagerNotNamed) && part.is_none() {
        let curated = d.table == Some(Table::Curated) && d.similarity >= Some(CURATED_MIN);
        rules.push(if curated {
            lang.fill(
                "In the stage, a curated title at similarity ≥ {curated_min} comes first (local government's reading of the words).",
                &[("curated_min", lang.decimal(Some(CURATED_MIN)))],
            )
        } else {
            lang.t("In the stage, the highest confidence wins, then the higher similarity, a curated row, the shorter title.")
                .to_string()
        });
    }
    rules.push(lang.fill(
        "Confidence = similarity × the reference row's own confidence; under {floor}, unmapped.",
        &[("floor", lang.decimal(Some(CONFIDENCE_FLOOR)))],
    ));
    let head = r.words.iter().position(|w| w.role == Role::Head);
    // A status word or "adjoint au" before the head noun is a rank.
    if head.is_some_and(|h| r.words[..h].iter().any(|w| w.role == Role::Rank)) {
        rules.push(lang.t("A status word before the word that names the occupation (saisonnier, apprenti, stagiaire, contractuel, vacataire, remplaçant, intérimaire, CDD) and \"adjoint au, à la, du\" before a post are ranks: a deputy is classed with the post.").to_string());
    }
    if crate::title::has_works_team(&r.words) {
        rules.push(lang.t("After the post, \"régie\" set right before a trade (\"régie bâtiment\", \"régie voirie\") is the in-house works team where the job is done, read as a place: not the cash office of an agent de régie (4311), which it names alone or followed by \"de\" (\"régie de recettes\").").to_string());
    }
    if crate::title::mentions_run_in_regie(&r.normalized)
        && !(r.words.iter()).any(|w| crate::title::stems_to("regie", &w.word))
    {
        rules.push(lang.t("After the post, \"en régie\" (\"Agent d'exploitation des parkings en régie\") says how the service is run, by the authority's own staff, not what the post is: it is not read.").to_string());
    }
    if crate::isco::heads_a_service(&r.words) {
        rules.push(
            lang.t("With \"service\", chef and responsable match each other; a chef d'atelier also matches a responsable d'atelier.")
                .to_string(),
        );
    }
    match d.basis {
        Some(Basis::Domain) => rules.push(lang.t("A clerk named outright, or a generic head, whose title's reference is the head noun alone takes the occupation its complement's domain has in the curated table, in the same major group, or of the same skill level for a word set right after the field without a preposition (\"Agent d'accueil billetterie\" is a ticket clerk, 5230; \"Magasinier de bibliothèque\" is a library clerk, 4411; for a chargé de mission or chef de projet, a professional of the field: \"Chargé de mission patrimoine\" is a curator, 2621), unless the complement is linked by \"et\", placed by \"en\" or followed by its own object. The domain may be named in full by a longer curated title of the level (\"Chargé de mission Natura 2000\" is an environmental protection professional, 2133); a chargé read as a policy officer (2422) takes any professional of its domain; a clerk's domain may follow its head after a dash (\"Magasinier - bibliothèque\"); a supervisor of clerks, cleaners or building workers whose domain is another trade is classed with that trade (\"Chef d'atelier garage\" is a mechanic, 7231).").to_string()),
        Some(Basis::Theme) => {
            let reference = d.reference.as_deref().unwrap_or_default();
            let theme = crate::isco::theme_word(&r.words, reference)
                .and_then(|stem| as_written(&[stem], &r.title, &[]).pop())
                .unwrap_or_default();
            rules.push(lang.fill(
                "A chargé de mission, chargé d'études or chef de projet whose title was read as the policy officer (2422), or as a reference that shares only a frame word with it (plan, programme, schéma, contrat, dispositif), names a theme no curated professional's title spells alone: its word \"{theme}\", which the table of themes (data/isco/theme_words.csv) reads as \"{reference}\", names the theme's profession, whose code the title takes at the similarity of the reference it was read as.",
                &[("theme", theme), ("reference", reference.to_string())],
            ));
        }
        Some(Basis::Speciality) => rules.push(lang.t("A qualifier that names the head noun's speciality, in a reference title made of the title's words and of the ISCO-08 minor group of the head noun's reference, wins over the head noun alone (\"Électricien automobile\" is an automotive electrician, 7412, not a building electrician, 7411), unless it names a second trade (\"Soudeur métallier\").").to_string()),
        Some(Basis::HigherSkill) => rules.push(lang.t("Two fields joined by \"et\": when the title chosen has the first (the word before \"et\") but not the second, and the second names, whole, a curated occupation of the title's head noun at a higher ISCO-08 skill level, the job takes that occupation, as ISCO-08 classes a job combining the tasks of two occupations by the more skilled ones (\"Chargé du protocole et des relations publiques\" is a public relations professional, 2432, not an event planner, 3332).").to_string()),
        _ => {}
    }
    if supervised {
        rules.push(lang.t("A head of a service or team matched to the title of the workers it heads takes ISCO-08's code for their supervisor (clerks 3341, cleaners 5151, building workers 3123).").to_string());
    }
    if d.table == Some(Table::Curated)
        && matches!(
            d.reference.as_deref(),
            Some("Chargé de mission" | "Chef de projet")
        )
    {
        rules.push(lang.t("A chargé de mission or chef de projet whose field names no occupation of its level is the curated title of its level.").to_string());
    }
    rules.join(" ")
}

/// How the similarity was weighed for this title: the roles' weights, and the factors its
/// head noun makes apply; the others are the README's.
fn similarity_rule(r: &TitleReport, lang: Lang) -> String {
    if r.decision.basis == Some(Basis::CodedTitle) {
        let weight = |role: Role| lang.decimal(Some(role.neighbour_factor()));
        return lang.fill(
            "the cosine of the two titles' words, each weighing by its rarity among the coded titles (idf) × its role (head noun {head}, complement and qualifier {qualifier}, place and rank {place}).",
            &[
                ("head", weight(Role::Head)),
                ("qualifier", weight(Role::Qualifier)),
                ("place", weight(Role::Place)),
            ],
        );
    }
    let weight = |role: Role| lang.decimal(Some(role.factor()));
    let mut rule = lang.fill(
        "the share of the reference's words covered × √(the share of the title's words covered), each word weighing by its role (head noun and complement {head}, qualifier {qualifier}, place {place}, rank {rank})",
        &[
            ("head", weight(Role::Head)),
            ("qualifier", weight(Role::Qualifier)),
            ("place", weight(Role::Place)),
            ("rank", weight(Role::Rank)),
        ],
    );
    if crate::isco::staff_or_team_head(&r.words) {
        rule += &lang.fill(
            "; × {same_level} for a reference of another generic head of one level (agent, employé, opérateur, gestionnaire, chargé, assistant), and between the head of a service or a team and the workers it heads",
            &[("same_level", lang.decimal(Some(SAME_LEVEL_HEAD)))],
        );
    }
    if r.decision.basis == Some(Basis::QualifiersOnly) {
        rule += &lang.fill(
            "; × {head_missed}: the reference misses the head noun and its complement",
            &[("head_missed", lang.decimal(Some(HEAD_MISSED)))],
        );
    }
    rule += &lang.fill(
        "; the factors for another head noun ({other_head}), speciality ({other_speciality}) or level ({other_level}) are the README's (\"Headcount tables without tasks\", step 4).",
        &[
            ("other_head", lang.decimal(Some(OTHER_HEAD))),
            ("other_speciality", lang.decimal(Some(OTHER_SPECIALITY))),
            ("other_level", lang.decimal(Some(OTHER_LEVEL))),
        ],
    );
    rule
}

pub fn title_table(
    out: &mut dyn Write,
    r: &TitleReport,
    terminal: bool,
    lang: Lang,
) -> io::Result<()> {
    let label = |english: &'static str| super::grade::padded_label(lang, english, TITLE_BLOCK);
    let number = |x: Option<f64>| lang.decimal(x);
    writeln!(out, "{}{}", label("Title"), r.title)?;
    if let Some(code) = &r.set_aside {
        let line = lang.fill(
            "\"{code}\", a repertory's family code, set aside first: the lines below read the métier after it, whose words the decision used",
            &[("code", code.clone())],
        );
        writeln!(out, "{}{line}", label("Set aside"))?;
    }
    writeln!(out, "{}{}", label("Normalised"), r.normalized)?;
    let sigles: Vec<String> = r
        .sigles
        .iter()
        .map(|s| {
            let long = written_sigle(s);
            format!("{} → {long}", s.sigle)
        })
        .collect();
    let separator = match lang {
        Lang::En => "; ",
        Lang::Fr => "\u{202f}; ",
    };
    // Not the catalogue's "none" ("aucune"): "sigle" is masculine.
    let none = match lang {
        Lang::En => "none",
        Lang::Fr => "aucun",
    };
    writeln!(
        out,
        "{}{}",
        label("Sigles"),
        if sigles.is_empty() {
            none.to_string()
        } else {
            sigles.join(separator)
        }
    )?;
    let longs = sigle_longs(r);
    let stems: Vec<&str> = r.words.iter().map(|w| &*w.word).collect();
    let written = as_written(&stems, &r.title, &longs);
    let words: Vec<String> = (r.words.iter().zip(&written))
        .map(|(w, written)| format!("{written} ({})", role_name(w.role, lang)))
        .collect();
    writeln!(out, "{}{}", label("Words"), words.join(" "))?;
    let head: Vec<&str> = r.head.iter().map(String::as_str).collect();
    writeln!(
        out,
        "{}{}",
        label("Head noun"),
        if r.head.is_empty() {
            "–".to_string()
        } else {
            as_written(&head, &r.title, &longs).join(" ")
        }
    )?;
    if !r.families.is_empty() {
        let families: Vec<String> = (r.families.iter())
            .map(|f| {
                let word = as_written(&[f.word.as_str()], &r.title, &longs).join(" ");
                format!("{word} ↔ {}", f.family_as_written.join(", "))
            })
            .collect();
        let why = lang.t("a word also matches the words of its family, adjective and noun, and the broader word of its kind (bus: transport)");
        writeln!(out, "{}{} ({why})", label("Families"), families.join("; "))?;
    }
    let decision = label("Decision");
    let d = &r.decision;
    let code = d.isco08.as_deref().unwrap_or("");
    let occupation = title_in(code, d.occupation.as_deref().unwrap_or(""), lang);
    let via = d.via.as_deref().unwrap_or("");
    let reference = d.reference.as_deref().unwrap_or("");
    let line = match (d.status, d.source) {
        ("mapped", Some("isco_map")) => lang.fill(
            "{code} {occupation} — from your map ({via}, \"{reference}\")",
            &[
                ("code", code.to_string()),
                ("occupation", occupation.to_string()),
                ("via", via.to_string()),
                ("reference", reference.to_string()),
            ],
        ),
        ("unmapped", Some("isco_map")) => lang.fill(
            "unmapped — your map leaves it unmapped ({via})",
            &[("via", via.to_string())],
        ),
        ("mapped", _) => {
            let how = match d.table {
                Some(Table::Curated) => curated(lang).to_string(),
                _ => via_in_words(via, lang),
            };
            // From part of the title, the figures are not the whole title's: say whose.
            let template = match d.reading.as_ref().map(|read| read.figures_of) {
                None => {
                    "{code} {occupation} — matched \"{reference}\" ({how}), similarity {similarity}, confidence {confidence}"
                }
                Some(FiguresOf::Reading) => {
                    "{code} {occupation} — matched \"{reference}\" ({how}) from the words read below, not the whole title: similarity {similarity}, confidence {confidence} of that match"
                }
                Some(FiguresOf::ReadingScaled) => {
                    "{code} {occupation} — matched \"{reference}\" ({how}) from the words read below, not the whole title: similarity {similarity} of that match, confidence {confidence}, that match's × √ the share of the title's weight the words carry"
                }
                Some(FiguresOf::Reference) => {
                    "{code} {occupation} — \"{reference}\" ({how}), taken for the trade the words read below name, not matched to the title: similarity {similarity}, confidence {confidence}, the reference's own"
                }
                Some(FiguresOf::Grade) => {
                    "{code} {occupation} — matched \"{reference}\" ({how}) from the words read below, an occupation of the grade's cadre d'emplois: similarity {similarity}, confidence {confidence} of the whole title's match to the grade \"{grade}\""
                }
            };
            let grade = (d.reading.as_ref()).and_then(|read| read.grade.clone());
            let line = lang.fill(
                template,
                &[
                    ("code", code.to_string()),
                    ("occupation", occupation.to_string()),
                    ("reference", reference.to_string()),
                    ("how", how),
                    ("similarity", number(d.similarity)),
                    ("confidence", number(d.confidence)),
                    ("grade", grade.unwrap_or_default()),
                ],
            );
            // The supervisor rule keeps the workers' title as the reference but not its code:
            // say so where the code is read, not only in the rule.
            match supervised_workers(r, reference, code) {
                Some(workers) => line + &lang.fill(
                    "; the title of the workers it heads ({workers_code}), hence their supervisors' code",
                    &[("workers_code", workers.isco08.clone())],
                ),
                None => line,
            }
        }
        _ => {
            let best = match (&d.reference, &d.candidate_code) {
                (Some(t), Some(code)) => lang.fill(
                    " (closest: \"{title}\" → {code}, similarity {similarity}, confidence {confidence})",
                    &[
                        ("title", t.to_string()),
                        ("code", code.to_string()),
                        ("similarity", number(d.similarity)),
                        ("confidence", number(d.confidence)),
                    ],
                ),
                _ => String::new(),
            };
            lang.fill(
                "unmapped — {reason}{best}",
                &[
                    (
                        "reason",
                        d.reason
                            .map(|u| u.describe_in(lang))
                            .unwrap_or("")
                            .to_string(),
                    ),
                    ("best", best),
                ],
            )
        }
    };
    writeln!(out, "{decision}{line}")?;
    if let Some(read) = &d.reading {
        writeln!(
            out,
            "{}{}",
            label("Words read"),
            words_read(read, reference, &r.title, lang)
        )?;
    }
    if let (Some(stage), Some(basis)) = (d.stage, d.basis) {
        // The stages' and bases' texts are not the catalogue's: spaced here, as values are
        // filled in after the template is.
        let (stage, basis_text) = (
            lang.sentence(stage.describe_in(lang).to_string()),
            lang.sentence(basis.describe_in(lang).to_string()),
        );
        let decided = match basis {
            // A worker's title read as the manager a reference adds: a reference did cover
            // the whole title, and the stage says what was kept instead.
            Basis::ManagerNotNamed => lang.fill(
                "{stage} — it covers {basis}",
                &[
                    ("stage", lang.t("2. a reference title covers the whole title but adds a manager's word the title does not name: the title's head noun").to_string()),
                    ("basis", basis_text),
                ],
            ),
            // No stage of the reference titles': the coded titles, read last.
            Basis::CodedTitle => basis_text,
            // The stage is that of the words read, which cover nothing of the rest.
            _ if d.reading.is_some() => lang.fill(
                "a reading of part of the title, not a reference title covering the whole title — it reads {basis}",
                &[("basis", basis_text)],
            ),
            _ => lang.fill(
                "{stage} — it covers {basis}",
                &[
                    ("stage", stage),
                    ("basis", basis_text),
                ],
            ),
        };
        writeln!(out, "{}{decided}", label("Decided by"))?;
    }
    // The rules that decided this title, not the whole rule book (the README's "Title
    // matching" steps): the stage's, the choice within it, the floor, then each later rule
    // that applied.
    let supervised = supervised_workers(r, reference, code).is_some();
    writeln!(
        out,
        "{}{}",
        label("Rule"),
        applied_rules(r, supervised, lang)
    )?;
    // A similarity to weigh only when a reference title was compared (not from the user's map,
    // nor for a title of generic words or of none the reference titles have).
    if d.reference.is_some() && d.source != Some("isco_map") {
        writeln!(out, "{}{}", label("Similarity"), similarity_rule(r, lang))?;
    }
    writeln!(out)?;
    if r.candidates.is_empty() {
        return writeln!(out, "{}", lang.t("No candidate occupation."));
    }
    write_section(
        &Section {
            title: lang
                .t("Candidate occupations (best reference title of each, best first)")
                .into(),
            headers: [
                "ISCO",
                "Occupation (ILO)",
                "Reference title",
                "Similarity",
                "Confidence",
                "Reached via",
            ]
            .map(|h| lang.t(h).to_string())
            .to_vec(),
            numeric: vec![false, false, false, true, true, false],
            rows: r
                .candidates
                .iter()
                .map(|c| {
                    vec![
                        c.isco08.clone(),
                        title_in(&c.isco08, &c.occupation, lang).to_string(),
                        c.reference.clone(),
                        number(Some(c.similarity)),
                        number(Some(c.confidence)),
                        match c.table {
                            Table::Curated => curated(lang).to_string(),
                            Table::Coded => coded(lang).to_string(),
                            Table::Rome => via_in_words(&c.via, lang),
                        },
                    ]
                })
                .collect(),
        },
        out,
        terminal,
    )
}

#[cfg(test)]
mod tests {
    use super::{as_written, part_rule, part_rule_template};
    use crate::i18n::Lang;
    use crate::isco::Basis;

    /// The mobilité rule names, in both languages, every word of the staff's careers that its
    /// definition (`occupation::STAFF_MOBILITY_WORDS`) reads: the reader is told the whole list.
    #[test]
    fn the_mobility_rule_names_every_staff_word_it_reads() {
        for lang in [Lang::En, Lang::Fr] {
            let text = crate::title::normalize_title(
                &part_rule(Basis::TransportMobility, lang).expect("a rule"),
            );
            for stem in crate::occupation::STAFF_MOBILITY_WORDS {
                assert!(
                    text.split(' ').any(|w| w.starts_with(stem)),
                    "{lang:?}: {stem}"
                );
            }
        }
    }

    /// The assistant's rule lists, in its parenthesis, every word [`ASSISTED`] reads (a
    /// gender or plural form as its masculine singular).
    ///
    /// [`ASSISTED`]: crate::occupation::ASSISTED
    #[test]
    fn the_assistant_rule_names_every_word_it_reads() {
        for lang in [Lang::En, Lang::Fr] {
            let rule = part_rule(Basis::AssistantOfADirection, lang).expect("a rule");
            let listed = (rule.split('(').find(|p| p.starts_with("directeur")))
                .and_then(|p| p.split(')').next())
                .expect("the parenthesis of the words");
            let listed = crate::title::tokens(listed);
            for word in crate::occupation::ASSISTED {
                for token in crate::title::tokens(word) {
                    assert!(listed.contains(&token), "{lang:?}: {word}");
                }
            }
        }
    }

    /// `Basis::ALL` lists every basis: this match has an arm for each, and each arm's index
    /// is the basis's place in the list (a new basis fails to compile here until listed).
    #[test]
    fn every_basis_is_listed() {
        for (at, basis) in Basis::ALL.into_iter().enumerate() {
            let index = match basis {
                Basis::WholeTitle => 0,
                Basis::HeadNoun => 1,
                Basis::PartOfHead => 2,
                Basis::ApposedHead => 3,
                Basis::QualifiersOnly => 4,
                Basis::Domain => 5,
                Basis::HigherSkill => 6,
                Basis::AfterGrade => 7,
                Basis::Instruction => 8,
                Basis::HeadNounAlone => 9,
                Basis::WithoutPlaces => 10,
                Basis::PlaceAfterDash => 11,
                Basis::FirstField => 12,
                Basis::ServicePath => 13,
                Basis::Speciality => 14,
                Basis::SameLevelHead => 15,
                Basis::TradeAfterHead => 16,
                Basis::HeadOfATrade => 17,
                Basis::AfterStatus => 18,
                Basis::ManagerNotNamed => 19,
                Basis::FirstActivity => 20,
                Basis::ChargedWith => 21,
                Basis::GradeThenPost => 22,
                Basis::FormThenPost => 23,
                Basis::AnimateurOfAnotherPublic => 24,
                Basis::ChefAsResponsable => 25,
                Basis::ComputerNetworks => 26,
                Basis::AnimateurOfAProgramme => 27,
                Basis::Theme => 28,
                Basis::HeadOfASocialService => 29,
                Basis::HeavyAndLightVehicles => 30,
                Basis::Truncated => 31,
                Basis::HeadNounTypo => 32,
                Basis::NamedPlace => 33,
                Basis::Abbreviated => 34,
                Basis::CombinedPost => 35,
                Basis::FamilyCode => 36,
                Basis::FrameField => 37,
                Basis::OwnWords => 38,
                Basis::TransportMobility => 39,
                Basis::AssistantOfADirection => 40,
                Basis::RecordsAfterService => 41,
                Basis::SurveillantAsAgent => 42,
                Basis::ObjectOfMaintenance => 43,
                Basis::ReparateurAsMecanicien => 44,
                Basis::PoliceOfAField => 45,
                Basis::FrameAsAgent => 46,
                Basis::CodedTitle => 47,
            };
            assert_eq!(index, at, "{basis:?}");
        }
    }

    /// Every rule's explanation (`exposure isco --lang fr`) has its French: a rule whose text
    /// the catalogue (`src/i18n.rs`) lacks would print in English.
    #[test]
    fn every_rule_is_explained_in_french() {
        let missing: Vec<String> = (Basis::ALL.into_iter())
            .filter_map(|basis| {
                let english = part_rule_template(basis)?;
                (Lang::Fr.t(english) == english).then(|| format!("{basis:?}: {english}"))
            })
            .collect();
        // The rules that read part of the title have their text; the stages' bases do not.
        assert!(part_rule(Basis::FormThenPost, Lang::Fr).is_some());
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    /// A word the title shortens with a dot, which the matcher read as the word it starts.
    #[test]
    fn a_stem_of_a_shortened_word_reads_as_the_title_writes_it() {
        let title = "Chef de service urbanisme - Cat. A";
        let stems = ["chef", "servic", "urbanism", "categori"];
        assert_eq!(
            as_written(&stems, title, &[]),
            ["Chef", "service", "urbanisme", "Cat."]
        );
        // Without a dot, a word that starts the stem is not taken for it.
        assert_eq!(as_written(&["categori"], "Chef cat A", &[]), ["categori"]);
        // A short form the matcher reads as it is keeps its dot, at the end of the title too;
        // not a word longer than its stem, nor a dot after a longer word that ends alike.
        assert_eq!(
            as_written(&["gest", "pai"], "Gest. paie - cat. B", &[]),
            ["Gest.", "paie"]
        );
        assert_eq!(
            as_written(&["assist", "administr"], "Assistant admin.", &[]),
            ["Assistant", "admin."]
        );
        assert_eq!(
            as_written(&["servic"], "Chef de service.", &[]),
            ["service"]
        );
        assert_eq!(as_written(&["gest"], "gest digest. B", &[]), ["gest"]);
    }

    #[test]
    fn stems_read_as_the_title_writes_them() {
        let title = "Responsable du Service des sports";
        let stems = ["responsabl", "servic", "sport"];
        assert_eq!(
            as_written(&stems, title, &[]),
            ["Responsable", "Service", "sports"]
        );
        // A plural read as its singular, a word of a sigle's long form, a stem nothing gives.
        let stems = ["agent", "territorial", "general", "zzz"];
        assert_eq!(
            as_written(
                &stems,
                "agents territoriaux DGS",
                &["directeur général des services"]
            ),
            ["agents", "territoriaux", "général", "zzz"]
        );
        // A word written twice gives each stem its own.
        assert_eq!(
            as_written(&["agent", "agent"], "agent d'agent", &[]),
            ["agent", "agent"]
        );
    }
}
