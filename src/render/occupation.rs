//! `exposure isco`: the ILO reference of an occupation, and how a French job title was
//! matched, for a person (a table) or a script (JSON).

use std::io::{self, Write};

use serde::Serialize;

use super::{Section, table::write_section};
use crate::classify::{Band, Class};
use crate::i18n::Lang;
use crate::isco::{Basis, CONFIDENCE_FLOOR, CURATED_MIN, Role, Stage, Table, TitleWord, Unmapped};

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
    pub normalized: String,
    /// The sigles found and their long forms.
    pub sigles: Vec<Sigle>,
    /// The content words, stemmed, in title order, each with its role.
    pub words: Vec<TitleWord>,
    /// The head noun and, after a generic head, its complement.
    pub head: Vec<String>,
    pub tokens: Vec<String>,
    pub decision: Decision,
    /// The best reference title of each candidate occupation, best first.
    pub candidates: Vec<CandidateOccupation>,
}

#[derive(Serialize)]
pub struct Sigle {
    pub sigle: String,
    pub expansion: String,
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
    let fr = lang == Lang::Fr;
    if fr {
        writeln!(out, "CITP-08 {} — {}", r.isco08, r.title)?;
        writeln!(
            out,
            "Source : OIT (Gmyrek et al. 2025), scores des tâches de WP140, avec ceux de WP96 (2023)."
        )?;
    } else {
        writeln!(out, "ISCO-08 {} — {}", r.isco08, r.title)?;
        writeln!(out, "Source: {}.", r.source)?;
    }
    writeln!(out)?;
    let band = |b: Option<Band>| match b {
        Some(b) if fr => lang.t(b.label()).to_string(),
        Some(b) => b.key().to_string(),
        None => "–".into(),
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
                        t.task.clone(),
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
        let (mean, sd, exposed) = if fr {
            ("moyenne", "écart-type", "tâches exposées")
        } else {
            ("mean", "SD", "tasks exposed")
        };
        write!(
            out,
            "{name:<13} {mean} {}, {sd} {}, {}/{} {exposed} → {}",
            number(f.mean),
            number(f.sd),
            f.tasks_exposed,
            f.tasks,
            lang.class(f.class)
        )?;
        if f.mean != f.published_mean || f.sd != f.published_sd {
            if fr {
                write!(
                    out,
                    " (publié : moyenne {}, écart-type {} ; la moyenne exacte tombe à mi-chemin de deux arrondis)",
                    number(f.published_mean),
                    number(f.published_sd)
                )?;
            } else {
                write!(
                    out,
                    " (published: mean {:.2}, SD {:.2}; the exact mean is a rounding tie)",
                    f.published_mean, f.published_sd
                )?;
            }
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
                Table::Rome => t.title.clone(),
            })
            .collect();
        let more = if r.french_titles_total > list.len() {
            "; …"
        } else {
            ""
        };
        if fr {
            writeln!(
                out,
                "Intitulés français rattachés ici ({} dans la table de correspondance) : {}{more}",
                r.french_titles_total,
                list.join("; "),
            )?;
        } else {
            writeln!(
                out,
                "French titles mapped here ({} in the crosswalk): {}{more}",
                r.french_titles_total,
                list.join("; "),
            )?;
        }
    }
    Ok(())
}

/// A word's role in a title, as the explanation names it.
pub fn role_name(role: Role, lang: Lang) -> &'static str {
    match (role, lang) {
        (Role::Head, Lang::En) => "head",
        (Role::Head, Lang::Fr) => "tête",
        (Role::Complement, Lang::En) => "complement",
        (Role::Complement, Lang::Fr) => "complément",
        (Role::Qualifier, Lang::En) => "qualifier",
        (Role::Qualifier, Lang::Fr) => "qualificatif",
        (Role::Place, Lang::En) => "place",
        (Role::Place, Lang::Fr) => "lieu",
        (Role::Rank, Lang::En) => "rank",
        (Role::Rank, Lang::Fr) => "rang",
    }
}

/// How a title of the curated table of local-government titles is named.
pub fn curated(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "curated",
        Lang::Fr => "table locale",
    }
}

pub fn title_table(
    out: &mut dyn Write,
    r: &TitleReport,
    terminal: bool,
    lang: Lang,
) -> io::Result<()> {
    let fr = lang == Lang::Fr;
    // Labels padded to one width, so that the values line up; French puts a space before a colon.
    let label = |english: &'static str, french: &'static str| {
        if fr {
            format!("{:<14}", format!("{french} :"))
        } else {
            format!("{:<12}", format!("{english}:"))
        }
    };
    let number = |x: Option<f64>| lang.decimal(x);
    writeln!(out, "{}{}", label("Title", "Intitulé"), r.title)?;
    writeln!(out, "{}{}", label("Normalised", "Normalisé"), r.normalized)?;
    let sigles: Vec<String> = r
        .sigles
        .iter()
        .map(|s| format!("{} → {}", s.sigle, s.expansion))
        .collect();
    let none = if fr { "aucun" } else { "none" };
    writeln!(
        out,
        "{}{}",
        label("Sigles", "Sigles"),
        if sigles.is_empty() {
            none.to_string()
        } else {
            sigles.join("; ")
        }
    )?;
    let words: Vec<String> = r
        .words
        .iter()
        .map(|w| format!("{} ({})", w.word, role_name(w.role, lang)))
        .collect();
    writeln!(out, "{}{}", label("Words", "Mots"), words.join(" "))?;
    writeln!(
        out,
        "{}{}",
        label("Head noun", "Nom de tête"),
        if r.head.is_empty() {
            "–".to_string()
        } else {
            r.head.join(" ")
        }
    )?;
    let decision = label("Decision", "Décision");
    let d = &r.decision;
    let code = d.isco08.as_deref().unwrap_or("");
    let occupation = d.occupation.as_deref().unwrap_or("");
    let via = d.via.as_deref().unwrap_or("");
    let reference = d.reference.as_deref().unwrap_or("");
    match (d.status, d.source, fr) {
        ("mapped", Some("isco_map"), false) => writeln!(
            out,
            "{decision}{code} {occupation} — from your map ({via}, {reference:?})"
        )?,
        ("mapped", Some("isco_map"), true) => writeln!(
            out,
            "{decision}{code} {occupation} — selon votre table ({via}, {reference:?})"
        )?,
        ("unmapped", Some("isco_map"), false) => writeln!(
            out,
            "{decision}unmapped — your map leaves it unmapped ({via})"
        )?,
        ("unmapped", Some("isco_map"), true) => writeln!(
            out,
            "{decision}sans code — votre table le laisse sans code ({via})"
        )?,
        ("mapped", _, _) => {
            let how = match d.table {
                Some(Table::Curated) => curated(lang),
                _ => via,
            };
            let (matched, similarity, confidence) = if fr {
                ("rapproché de", "similarité", "confiance")
            } else {
                ("matched", "similarity", "confidence")
            };
            writeln!(
                out,
                "{decision}{code} {occupation} — {matched} {reference:?} ({how}), {similarity} {}, {confidence} {}",
                number(d.similarity),
                number(d.confidence)
            )?
        }
        _ => {
            let best = match (&d.reference, &d.candidate_code, fr) {
                (Some(t), Some(code), false) => format!(
                    " (closest: {t:?} → {code}, similarity {}, confidence {})",
                    number(d.similarity),
                    number(d.confidence)
                ),
                (Some(t), Some(code), true) => format!(
                    " (le plus proche : {t:?} → {code}, similarité {}, confiance {})",
                    number(d.similarity),
                    number(d.confidence)
                ),
                _ => String::new(),
            };
            writeln!(
                out,
                "{decision}{} — {}{best}",
                if fr { "sans code" } else { "unmapped" },
                d.reason.map(|u| u.describe_in(lang)).unwrap_or(""),
            )?
        }
    }
    if let (Some(stage), Some(basis)) = (d.stage, d.basis) {
        writeln!(
            out,
            "{}{} — {} {}",
            label("Decided by", "Décidé par"),
            stage.describe_in(lang),
            if fr { "il couvre" } else { "it covers" },
            basis.describe_in(lang)
        )?;
    }
    let (curated_min, floor) = (
        lang.decimal(Some(CURATED_MIN)),
        lang.decimal(Some(CONFIDENCE_FLOOR)),
    );
    if fr {
        writeln!(
            out,
            "{}1. un intitulé qui couvre tout l'intitulé, sinon 2. un intitulé de même nom de tête \
             et complément, sinon 3. le plus proche ; à chaque étape, un intitulé de la table locale \
             à une similarité ≥ {curated_min} d'abord, sinon la plus haute confiance ; confiance = \
             similarité × la confiance propre de la ligne ; sous {floor}, sans code.",
            label("Rule", "Règle")
        )?;
    } else {
        writeln!(
            out,
            "{}1. a title covering the whole title, else 2. one with the same head noun and \
             complement, else 3. the closest; at each stage a curated title at similarity ≥ \
             {curated_min} first, else the highest confidence; confidence = similarity × the row's \
             own confidence; under {floor}, unmapped.",
            label("Rule", "Rule")
        )?;
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
                        c.occupation.clone(),
                        c.reference.clone(),
                        number(Some(c.similarity)),
                        number(Some(c.confidence)),
                        match c.table {
                            Table::Curated => curated(lang).to_string(),
                            Table::Rome => c.via.clone(),
                        },
                    ]
                })
                .collect(),
        },
        out,
        terminal,
    )
}
