//! The grade path of `exposure isco TITLE`, for a person: how the label was normalised, the
//! cadre d'emplois recognised, and the occupation or the mix the job's figures come from.

use std::io::{self, Write};

use serde::Serialize;

use super::{Section, table::write_section};
use crate::classify::Class;
use crate::grades::GRADE_FLOOR;
use crate::grades::{GradeMatch, NotGrade, Step};
use crate::i18n::Lang;
use crate::ilo::title_in;

#[derive(Serialize)]
pub struct GradeReport {
    pub title: String,
    pub decision: GradeDecision,
    pub grade: GradeDetail,
}

#[derive(Serialize)]
pub struct GradeDecision {
    pub status: &'static str,
    pub source: &'static str,
    /// The code, or `mix CODE+CODE…` for a mix.
    pub isco08: String,
    /// The ILO's title of the occupation, or the cadre's name for a mix.
    pub occupation: String,
    pub reference: String,
    pub confidence: f64,
    pub via: String,
}

#[derive(Serialize)]
pub struct GradeDetail {
    pub cadre: String,
    pub libelle: String,
    pub filiere: String,
    pub categorie: String,
    /// `exact` (confidence 1) or `guessed` (words completed or corrected).
    pub recognition: &'static str,
    pub steps: Vec<Step>,
    pub mix: bool,
    pub mix_source: String,
    pub justification: String,
    pub occupations: Vec<GradeOccupation>,
    /// The figures the job gets under WP140 (2025): the occupation's, or the pooled mix's.
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub class: Option<Class>,
}

#[derive(Serialize)]
pub struct GradeOccupation {
    pub isco08: String,
    pub title: String,
    pub share: f64,
    pub mean: Option<f64>,
    pub class: Option<Class>,
}

/// A step's name in the language of the output.
fn step_name(step: &str, lang: Lang) -> &str {
    let english = match step {
        "folded" => "folded",
        "stratum" => "stratum dropped",
        "split" => "split",
        "abbreviation" => "abbreviation",
        "truncated" => "truncated",
        "misspelt" => "misspelt",
        "rank" => "rank removed",
        "rank_second_pass" => "rank removed (second pass)",
        "key" => "words",
        "aside" => "left aside",
        "cadre_words" => "with words of the cadre's name",
        "form_with_post" => "contract form, then the post",
        "cadre_words_missing" => "without words of the cadre's name",
        "other_post" => "phrase naming another post",
        other => return other,
    };
    lang.t(english)
}

fn steps_line(steps: &[Step], lang: Lang) -> String {
    steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let detail = if s.step == "key" {
                // The words are stems: shown as the steps before wrote them (folded).
                let before: Vec<&str> = steps[..i].iter().map(|s| s.detail.as_str()).collect();
                let stems: Vec<&str> = s.detail.split(' ').filter(|w| !w.is_empty()).collect();
                super::occupation::as_written(&stems, "", &before).join(" ")
            } else {
                s.detail.clone()
            };
            format!("{}{}{detail}", step_name(s.step, lang), lang.colon())
        })
        .collect::<Vec<_>>()
        .join(lang.t("; "))
}

/// A label padded to one width, so that the values line up.
fn label(lang: Lang, english: &'static str) -> String {
    padded_label(lang, english, GRADE_BLOCK)
}

/// The label widths (English, French) of the grade's explanation and of a title's: the
/// narrow space before the French colon takes a column of its own, and « Nom de tête : » is
/// the longest label of a title's.
const GRADE_BLOCK: (usize, usize) = (12, 13);
pub(super) const TITLE_BLOCK: (usize, usize) = (12, 14);

/// A line's label, padded to its block's width so that the values line up.
pub(super) fn padded_label(lang: Lang, english: &'static str, (en, fr): (usize, usize)) -> String {
    let text = format!("{}{}", lang.t(english), lang.colon().trim_end());
    let width = match lang {
        Lang::En => en,
        Lang::Fr => fr,
    };
    format!("{text:<width$}")
}

/// The rule for grades, stated where the decision is shown.
fn rule(lang: Lang) -> String {
    lang.fill(
        "a grade is recognised when, rank removed and abbreviations expanded, its words are those of a grade of the table (plus, if need be, words of its cadre's name, never part of a sigle's: \"Secrétaire du DGS\" is no grade); confidence 1, × 0.9 per truncated word completed or for a contract form followed by the post, × 0.8 per misspelt word corrected or for a grade short of words of its cadre's name; under 1 it is a guess, flagged; under {floor} the title goes to the métier matcher.",
        &[("floor", lang.decimal(Some(GRADE_FLOOR)))],
    )
}

pub fn table(out: &mut dyn Write, r: &GradeReport, terminal: bool, lang: Lang) -> io::Result<()> {
    let g = &r.grade;
    let d = &r.decision;
    let number = |x: Option<f64>| lang.decimal(x);
    writeln!(out, "{}{}", label(lang, "Title"), r.title)?;
    writeln!(
        out,
        "{}{}",
        label(lang, "Steps"),
        steps_line(&g.steps, lang)
    )?;
    let grade = lang.fill(
        "{reference} — cadre d'emplois {libelle} ({filiere}, {categorie}), {recognition}, confidence {confidence}",
        &[
            ("reference", format!("{:?}", d.reference)),
            ("libelle", format!("{:?}", g.libelle)),
            ("filiere", g.filiere.clone()),
            ("categorie", g.categorie.clone()),
            ("recognition", lang.tr(g.recognition).to_string()),
            ("confidence", number(Some(d.confidence))),
        ],
    );
    writeln!(out, "{}{grade}", label(lang, "Grade"))?;
    let figures = lang.fill(
        "mean {mean}, SD {sd}, {class}",
        &[
            ("mean", number(g.mean)),
            ("sd", number(g.sd)),
            (
                "class",
                g.class.map(|c| lang.class(c)).unwrap_or("–").to_string(),
            ),
        ],
    );
    if g.mix {
        let mix = lang.fill(
            "a mix of {n} occupations, ILO tasks pooled",
            &[("n", g.occupations.len().to_string())],
        );
        let decision = lang.fill(
            "{isco} — {mix} (WP140: {figures})",
            &[
                ("isco", d.isco08.clone()),
                ("mix", mix),
                ("figures", figures),
            ],
        );
        writeln!(out, "{}{decision}", label(lang, "Decision"))?;
        let source = match g.mix_source.as_str() {
            "assumption" => lang.t("assumption"),
            s => s,
        };
        writeln!(
            out,
            "{}{}",
            label(lang, "Mix source"),
            lang.sentence(source.to_string())
        )?;
    } else {
        let decision = lang.fill(
            "{isco} {occupation} (WP140: {figures})",
            &[
                ("isco", d.isco08.clone()),
                (
                    "occupation",
                    title_in(&d.isco08, &d.occupation, lang).to_string(),
                ),
                ("figures", figures),
            ],
        );
        writeln!(out, "{}{decision}", label(lang, "Decision"))?;
    }
    let why = lang.sentence(g.justification.clone());
    writeln!(out, "{}{why}", label(lang, "Why"))?;
    writeln!(out, "{}{}", label(lang, "Rule"), rule(lang))?;
    if !g.mix {
        return Ok(());
    }
    writeln!(out)?;
    // The shares keep two decimals in French, none in English.
    let share = |s: f64| {
        let n = match lang {
            Lang::En => format!("{:.0}", s * 100.0),
            Lang::Fr => lang.decimal(Some(s * 100.0)).replace(",00", ""),
        };
        lang.fill("{share}%", &[("share", n)])
    };
    write_section(
        &Section {
            title: lang
                .t("Occupations of the mix (assumed share of agents)")
                .to_string(),
            headers: ["ISCO", "Occupation (ILO)", "Share", "Mean", "Class"]
                .map(|h| lang.t(h).to_string())
                .to_vec(),
            numeric: vec![false, false, true, true, false],
            rows: g
                .occupations
                .iter()
                .map(|o| {
                    vec![
                        o.isco08.clone(),
                        title_in(&o.isco08, &o.title, lang).to_string(),
                        share(o.share),
                        number(o.mean),
                        o.class
                            .map(|c| lang.class(c).to_string())
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        },
        out,
        terminal,
    )
}

/// One line that says the title is not a grade, before the title path.
pub fn not_grade_line(
    out: &mut dyn Write,
    n: &NotGrade,
    title: &str,
    longs: &[&str],
    lang: Lang,
) -> io::Result<()> {
    // The grade matcher's words are sorted stems: shown as the title writes them, in its order,
    // a sigle's words as its long form writes them ("Secrétaire du DGS": "directeur général
    // services", not the stems "directeur general servic"), after the title's own.
    let written = |detail: &str| {
        let stems: Vec<&str> = detail.split(' ').filter(|w| !w.is_empty()).collect();
        let mut words = super::occupation::as_written(&stems, title, longs);
        let in_title: Vec<&str> = (title.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        // A shortened word is shown with its dot ("Cat."), which the title's words lack.
        words.sort_by_key(|w| {
            let w = w.strip_suffix('.').unwrap_or(w);
            in_title.iter().position(|t| *t == w).unwrap_or(usize::MAX)
        });
        words.join(" ")
    };
    let key = (n.steps.iter().rev())
        .find(|s| s.step == "key")
        .map(|s| written(&s.detail))
        .unwrap_or_default();
    // An abbreviation's other readings, each no grade either ("admin.": administratif too).
    let others: Vec<String> = (n.steps.iter())
        .filter(|s| s.step == "other_reading")
        .map(|s| match lang {
            Lang::En => format!("\"{}\"", written(&s.detail)),
            Lang::Fr => format!("« {} »", written(&s.detail)),
        })
        .collect();
    let other_post = (n.steps.iter()).find(|s| s.step == "other_post");
    let why = if let Some(s) = other_post {
        lang.fill(
            "not a grade: \"{phrase}\" names another post than the grade its words hold",
            &[("phrase", s.detail.clone())],
        )
    } else if !n.ambiguous.is_empty() {
        lang.fill(
            "several cadres d'emplois fit ({cadres})",
            &[("cadres", n.ambiguous.join(", "))],
        )
    } else if let Some(c) = n.below_floor {
        lang.fill(
            "recognised as a grade with confidence {confidence} only, under {floor}",
            &[
                ("confidence", lang.decimal(Some(c))),
                ("floor", lang.decimal(Some(GRADE_FLOOR))),
            ],
        )
    } else if key.is_empty() {
        lang.t("not a grade of the fonction publique territoriale (no word to match)")
            .to_string()
    } else if !others.is_empty() {
        lang.fill(
            "not a grade of the fonction publique territoriale (no grade has the words \"{key}\", nor those of its abbreviations read otherwise: {others})",
            &[("key", key), ("others", others.join(", "))],
        )
    } else {
        lang.fill(
            "not a grade of the fonction publique territoriale (no grade has the words \"{key}\")",
            &[("key", key)],
        )
    };
    writeln!(out, "{}{why}", padded_label(lang, "Grade", TITLE_BLOCK))
}

/// One line that says how the grade gave way to the métier ([`crate::occupation::gave_way`]).
pub fn metier_wins_line(out: &mut dyn Write, m: &GradeMatch, lang: Lang) -> io::Result<()> {
    use crate::occupation::GaveWay;
    let why = lang.fill(
        match crate::occupation::gave_way(m) {
            GaveWay::Guessed => {
                "the title would be the grade \"{grade}\" ({cadre}) only with words of its cadre's name it leaves out, a guess; a curated title covers the whole title, and wins"
            }
            GaveWay::Remark => {
                "the title is the grade \"{grade}\" ({cadre}) once its bracket is set aside as a remark, but the bracket names the post, which wins"
            }
            GaveWay::Form => {
                "the title is the contract form or status \"{grade}\" ({cadre}) and the post it holds, which names the occupation and wins"
            }
            GaveWay::Part => {
                "part of the title is the grade \"{grade}\" ({cadre}), but the whole title names a métier, which wins"
            }
        },
        &[
            ("grade", m.grade.clone()),
            ("cadre", m.cadre.libelle.clone()),
        ],
    );
    writeln!(out, "{}{why}", padded_label(lang, "Grade", TITLE_BLOCK))
}
