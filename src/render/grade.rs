//! The grade path of `exposure isco TITLE`, for a person: how the label was normalised, the
//! cadre d'emplois recognised, and the occupation or the mix the job's figures come from.

use std::io::{self, Write};

use serde::Serialize;

use super::{Section, table::write_section};
use crate::classify::Class;
use crate::grades::GRADE_FLOOR;
use crate::grades::{GradeMatch, NotGrade, Step};
use crate::i18n::Lang;

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
    if lang == Lang::En {
        return match step {
            "stratum" => "stratum dropped",
            "rank" => "rank removed",
            "rank_second_pass" => "rank removed (second pass)",
            "key" => "words",
            "aside" => "left aside",
            "cadre_words" => "with words of the cadre's name",
            "form_with_post" => "contract form, then the post",
            "cadre_words_missing" => "without words of the cadre's name",
            other => other,
        };
    }
    match step {
        "folded" => "forme simple",
        "stratum" => "strate retirée",
        "split" => "séparé",
        "abbreviation" => "abréviation",
        "truncated" => "mot tronqué",
        "misspelt" => "faute corrigée",
        "rank" => "rang retiré",
        "rank_second_pass" => "rang retiré (second passage)",
        "key" => "mots",
        "aside" => "laissé de côté",
        "cadre_words" => "avec des mots du nom du cadre",
        "form_with_post" => "forme de contrat, puis le poste",
        "cadre_words_missing" => "sans des mots du nom du cadre",
        other => other,
    }
}

fn steps_line(steps: &[Step], lang: Lang) -> String {
    steps
        .iter()
        .map(|s| {
            let sep = if lang == Lang::Fr { "\u{202f}:" } else { ":" };
            format!("{}{sep} {}", step_name(s.step, lang), s.detail)
        })
        .collect::<Vec<_>>()
        .join(if lang == Lang::Fr { "\u{202f}; " } else { "; " })
}

/// French typography for text written with ordinary spaces (the table's sentences, the
/// rule): a narrow no-break space before ":", ";", "%", "!" and "?".
fn typeset(lang: Lang, text: &str) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    let mut out = text.to_string();
    for mark in [':', ';', '%', '!', '?'] {
        out = out.replace(&format!(" {mark}"), &format!("\u{202f}{mark}"));
    }
    out
}

/// Labels padded to one width, so that the values line up; French puts a space before a colon.
fn label(lang: Lang, english: &str, french: &str) -> String {
    if lang == Lang::Fr {
        format!("{:<13}", format!("{french}\u{202f}:"))
    } else {
        format!("{:<12}", format!("{english}:"))
    }
}

/// The rule for grades, stated where the decision is shown.
fn rule(lang: Lang) -> String {
    if lang == Lang::Fr {
        format!(
            "un grade est reconnu quand, rang retiré et abréviations développées, ses mots sont \
             ceux d'un grade du tableau (plus, au besoin, des mots du nom de son cadre) ; \
             confiance 1, × 0,9 par mot tronqué complété ou pour une forme de contrat suivie du \
             poste, × 0,8 par faute corrigée ou pour un grade privé de mots du nom de son cadre ; \
             sous 1 c'est une supposition, signalée ; sous {} l'intitulé passe au rapprochement \
             par métier.",
            lang.decimal(Some(GRADE_FLOOR))
        )
    } else {
        format!(
            "a grade is recognised when, rank removed and abbreviations expanded, its words are \
             those of a grade of the table (plus, if need be, words of its cadre's name); \
             confidence 1, × 0.9 per truncated word completed or for a contract form followed by \
             the post, × 0.8 per misspelt word corrected or for a grade short of words of its \
             cadre's name; under 1 it is a guess, flagged; under {GRADE_FLOOR:.2} the title goes \
             to the métier matcher."
        )
    }
}

pub fn table(out: &mut dyn Write, r: &GradeReport, terminal: bool, lang: Lang) -> io::Result<()> {
    let fr = lang == Lang::Fr;
    let g = &r.grade;
    let d = &r.decision;
    let number = |x: Option<f64>| lang.decimal(x);
    writeln!(out, "{}{}", label(lang, "Title", "Intitulé"), r.title)?;
    writeln!(
        out,
        "{}{}",
        label(lang, "Steps", "Étapes"),
        steps_line(&g.steps, lang)
    )?;
    let (grade_of, recognition) = match (fr, g.recognition) {
        (false, r) => ("cadre d'emplois", r),
        (true, "exact") => ("cadre d'emplois", "reconnaissance exacte"),
        (true, _) => ("cadre d'emplois", "reconnaissance devinée"),
    };
    writeln!(
        out,
        "{}{:?} — {grade_of} {:?} ({}, {}), {recognition}, {} {}",
        label(lang, "Grade", "Grade"),
        d.reference,
        g.libelle,
        g.filiere,
        g.categorie,
        if fr { "confiance" } else { "confidence" },
        number(Some(d.confidence))
    )?;
    let figures = format!(
        "{} {}, {} {}, {}",
        if fr { "moyenne" } else { "mean" },
        number(g.mean),
        if fr { "écart-type" } else { "SD" },
        number(g.sd),
        g.class.map(|c| lang.class(c)).unwrap_or("–")
    );
    if g.mix {
        let mix = if fr {
            format!(
                "mélange de {} professions, tâches OIT mises en commun",
                g.occupations.len()
            )
        } else {
            format!(
                "a mix of {} occupations, ILO tasks pooled",
                g.occupations.len()
            )
        };
        writeln!(
            out,
            "{}{} — {mix} (WP140{} {figures})",
            label(lang, "Decision", "Décision"),
            d.isco08,
            if fr { "\u{202f}:" } else { ":" },
        )?;
        let source = match (fr, g.mix_source.as_str()) {
            (true, "assumption") => "hypothèse",
            (_, s) => s,
        };
        writeln!(
            out,
            "{}{}",
            label(lang, "Mix source", "Source"),
            typeset(lang, source)
        )?;
        let why = typeset(lang, &g.justification);
        writeln!(out, "{}{why}", label(lang, "Why", "Pourquoi"))?;
    } else {
        writeln!(
            out,
            "{}{} {} (WP140{} {figures})",
            label(lang, "Decision", "Décision"),
            d.isco08,
            d.occupation,
            if fr { "\u{202f}:" } else { ":" },
        )?;
        let why = typeset(lang, &g.justification);
        writeln!(out, "{}{why}", label(lang, "Why", "Pourquoi"))?;
    }
    writeln!(
        out,
        "{}{}",
        label(lang, "Rule", "Règle"),
        typeset(lang, &rule(lang))
    )?;
    if !g.mix {
        return Ok(());
    }
    writeln!(out)?;
    let share = |s: f64| {
        if fr {
            format!(
                "{}\u{202f}%",
                lang.decimal(Some(s * 100.0)).replace(",00", "")
            )
        } else {
            format!("{:.0}%", s * 100.0)
        }
    };
    write_section(
        &Section {
            title: if fr {
                "Professions du mélange (part des agents supposée)".into()
            } else {
                "Occupations of the mix (assumed share of agents)".into()
            },
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
                        o.title.clone(),
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
pub fn not_grade_line(out: &mut dyn Write, n: &NotGrade, lang: Lang) -> io::Result<()> {
    let fr = lang == Lang::Fr;
    let key = n
        .steps
        .iter()
        .rev()
        .find(|s| s.step == "key")
        .map(|s| s.detail.clone())
        .unwrap_or_default();
    let why = if !n.ambiguous.is_empty() {
        if fr {
            format!(
                "plusieurs cadres d'emplois possibles ({})",
                n.ambiguous.join(", ")
            )
        } else {
            format!("several cadres d'emplois fit ({})", n.ambiguous.join(", "))
        }
    } else if let Some(c) = n.below_floor {
        if fr {
            format!(
                "reconnu comme grade avec une confiance de {} seulement, sous {}",
                lang.decimal(Some(c)),
                lang.decimal(Some(GRADE_FLOOR))
            )
        } else {
            format!("recognised as a grade with confidence {c:.2} only, under {GRADE_FLOOR:.2}")
        }
    } else if key.is_empty() {
        if fr {
            "pas un grade de la fonction publique territoriale (aucun mot à rapprocher)".to_string()
        } else {
            "not a grade of the fonction publique territoriale (no word to match)".to_string()
        }
    } else if fr {
        format!(
            "pas un grade de la fonction publique territoriale (aucun grade n'a les mots «\u{a0}{key}\u{a0}»)"
        )
    } else {
        format!(
            "not a grade of the fonction publique territoriale (no grade has the words \"{key}\")"
        )
    };
    writeln!(out, "{}{why}", label(lang, "Grade", "Grade"))
}

/// One line that says the grade in a part of the title gave way to the métier.
pub fn metier_wins_line(out: &mut dyn Write, m: &GradeMatch, lang: Lang) -> io::Result<()> {
    let why = if lang == Lang::Fr {
        format!(
            "une partie de l'intitulé est le grade {:?} ({}), mais l'intitulé entier désigne un \
             métier, qui l'emporte",
            m.grade, m.cadre.libelle
        )
    } else {
        format!(
            "part of the title is the grade {:?} ({}), but the whole title names a métier, which \
             wins",
            m.grade, m.cadre.libelle
        )
    };
    writeln!(out, "{}{why}", label(lang, "Grade", "Grade"))
}
