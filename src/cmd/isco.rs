//! `exposure isco 4226`: the ILO reference of an ISCO-08 occupation (tasks with their 2023 and
//! 2025 scores and bands, mean, SD, both classes). `exposure isco "gestionnaire paie"`: the
//! candidate occupations of a French job title, how each was reached, and the decision.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Result, bail};
use serde::Serialize;

use crate::classify::{Band, Class, Method};
use crate::cli::{Format, IscoArgs};
use crate::cmd::grade;
use crate::error::InputError;
use crate::i18n::Lang;
use crate::ilo::{Ilo, Stats};
use crate::isco::{
    Basis, CONFIDENCE_FLOOR, CURATED_MIN, Candidate, Crosswalk, IscoMap, Role, Stage, Table,
    TitleMatch, TitleWord, Unmapped, read_title, tokens,
};
use crate::occupation;
use crate::output::emit;
use crate::render::{Section, table::write_section};

/// Loads `--isco-map FILE`, checking every code against the ILO occupations.
pub fn load_map(path: Option<&Path>) -> Result<Option<IscoMap>, InputError> {
    // Without a map, nothing to check: the ILO tables are left to build on their own thread.
    path.map(|p| IscoMap::load(p, |code| Ilo::get().occupations.contains_key(code)))
        .transpose()
}

pub fn run(args: &IscoArgs) -> Result<()> {
    super::table_or_json(args.format, "isco")?;
    let query = args.query.join(" ");
    let query = query.trim();
    // Digits are a code, never a title: a code of the wrong length is a mistake to point out.
    if !query.is_empty() && query.bytes().all(|b| b.is_ascii_digit()) && query.len() != 4 {
        bail!("{query}: expected an ISCO-08 unit group of 4 digits (e.g. 4226), or a job title");
    }
    if query.len() == 4 && query.bytes().all(|b| b.is_ascii_digit()) {
        let Some(reference) = occupation(query) else {
            bail!(
                "ISCO-08 code {query} has no ILO scores: the ILO scored 427 of the 436 unit groups \
                 (not 0110, 0210, 0310, 1439, 3139, 3435, 5249, 7319, 8189)"
            );
        };
        return emit(None, |out, terminal| match args.format {
            Format::Json => json(out, &reference),
            _ => occupation_table(out, &reference, terminal, args.lang),
        });
    }
    let map = load_map(args.isco_map.as_deref())?;
    // The analysis's order: the user's map, then the grade, then the métier title.
    let explained = match map.as_ref().and_then(|m| m.get(query)) {
        Some(_) => None,
        None => Some(occupation::explain(query)),
    };
    if let Some(occupation::Explanation {
        grade: Ok(m),
        title: None,
    }) = &explained
    {
        let report = grade::report(query, m);
        return emit(None, |out, terminal| match args.format {
            Format::Json => json(out, &report),
            _ => grade::table(out, &report, terminal, args.lang),
        });
    }
    let (grade_path, title) = match explained {
        Some(occupation::Explanation {
            grade,
            title: Some(t),
        }) => (Some(grade), t),
        _ => (None, Crosswalk::builtin().explain(query)),
    };
    let report = title_report(query, map.as_ref(), args.limit, title);
    emit(None, |out, terminal| match args.format {
        Format::Json => json(out, &report),
        _ => {
            match &grade_path {
                Some(Err(n)) => grade::not_grade_line(out, n, args.lang)?,
                Some(Ok(m)) => grade::metier_wins_line(out, m, args.lang)?,
                None => {}
            }
            title_table(out, &report, terminal, args.lang)
        }
    })
}

fn json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

#[derive(Serialize)]
struct OccupationReference {
    isco08: String,
    title: String,
    source: &'static str,
    tasks: Vec<TaskReference>,
    wp140_2025: Figures,
    wp96_2023: Figures,
    /// French titles of the crosswalk mapped to this code (curated first), at most 12.
    french_titles: Vec<FrenchTitle>,
    french_titles_total: usize,
}

#[derive(Serialize)]
struct TaskReference {
    task_id: u32,
    task: String,
    score_2023: Option<f64>,
    band_2023: Option<Band>,
    score_2025: f64,
    band_2025: Band,
}

#[derive(Serialize)]
struct Figures {
    tasks: u64,
    tasks_exposed: u64,
    mean: f64,
    sd: f64,
    class: Class,
    published_mean: f64,
    published_sd: f64,
    published_category: String,
}

#[derive(Serialize)]
struct FrenchTitle {
    title: String,
    table: Table,
    confidence: f64,
}

fn occupation(code: &str) -> Option<OccupationReference> {
    let ilo = Ilo::get();
    let o = ilo.occupations.get(code)?;
    let tasks = ilo.tasks.get(code)?;
    let figures = |method: Method, mean, sd, category: &str| -> Option<Figures> {
        let scores: Vec<f64> = tasks.iter().filter_map(|t| t.score(method)).collect();
        let s = Stats::of(&scores)?;
        Some(Figures {
            tasks: s.n,
            tasks_exposed: s.exposed,
            mean: s.mean,
            sd: s.sd,
            class: method.classify(s.mean, s.sd),
            published_mean: mean,
            published_sd: sd,
            published_category: category.to_string(),
        })
    };
    let mut french: Vec<FrenchTitle> = Crosswalk::builtin()
        .references
        .iter()
        .filter(|r| r.isco == code)
        .map(|r| FrenchTitle {
            title: r.title.to_string(),
            table: r.table,
            confidence: r.confidence,
        })
        .collect();
    french.sort_by(|a, b| {
        (b.table == Table::Curated)
            .cmp(&(a.table == Table::Curated))
            .then(b.confidence.total_cmp(&a.confidence))
    });
    let total = french.len();
    french.truncate(12);
    Some(OccupationReference {
        isco08: code.to_string(),
        title: o.title.clone(),
        source: "ILO (Gmyrek et al. 2025), WP140 task scores with the WP96 (2023) scores",
        tasks: tasks
            .iter()
            .map(|t| TaskReference {
                task_id: t.task_id,
                task: t.task.clone(),
                score_2023: t.score_2023,
                band_2023: t.score_2023.map(Band::of),
                score_2025: t.score_2025,
                band_2025: Band::of(t.score_2025),
            })
            .collect(),
        wp140_2025: figures(
            Method::Wp140,
            o.published_mean_2025,
            o.published_sd_2025,
            &o.published_category_2025,
        )?,
        wp96_2023: figures(
            Method::Wp96,
            o.published_mean_2023,
            o.published_sd_2023,
            &o.published_category_2023,
        )?,
        french_titles: french,
        french_titles_total: total,
    })
}

fn occupation_table(
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

#[derive(Serialize)]
struct TitleReport {
    title: String,
    normalized: String,
    /// The sigles found and their long forms.
    sigles: Vec<Sigle>,
    /// The content words, stemmed, in title order, each with its role.
    words: Vec<TitleWord>,
    /// The head noun and, after a generic head, its complement.
    head: Vec<String>,
    tokens: Vec<String>,
    decision: Decision,
    /// The best reference title of each candidate occupation, best first.
    candidates: Vec<CandidateOccupation>,
}

#[derive(Serialize)]
struct Sigle {
    sigle: String,
    expansion: String,
}

#[derive(Serialize)]
struct Decision {
    /// `mapped` or `unmapped`.
    status: &'static str,
    /// `isco_map` or `title` when mapped.
    source: Option<&'static str>,
    isco08: Option<String>,
    occupation: Option<String>,
    reference: Option<String>,
    table: Option<Table>,
    similarity: Option<f64>,
    confidence: Option<f64>,
    via: Option<String>,
    /// The stage of the decision rule that chose the title (or its closest candidate).
    stage: Option<Stage>,
    /// What of the title the reference title covers.
    basis: Option<Basis>,
    reason: Option<Unmapped>,
    /// The closest candidate's code when unmapped (`isco08` stays null).
    #[serde(skip)]
    candidate_code: Option<String>,
}

#[derive(Serialize)]
struct CandidateOccupation {
    isco08: String,
    occupation: String,
    reference: String,
    table: Table,
    similarity: f64,
    confidence: f64,
    via: String,
    matched: Vec<String>,
    stage: Stage,
    basis: Basis,
}

fn occupation_title(code: &str) -> String {
    Ilo::get()
        .occupations
        .get(code)
        .map(|o| o.title.clone())
        .unwrap_or_default()
}

fn title_report(
    title: &str,
    map: Option<&IscoMap>,
    limit: usize,
    (all, decision): (Vec<Candidate>, TitleMatch),
) -> TitleReport {
    let mut candidates: Vec<CandidateOccupation> = Vec::new();
    for c in all {
        if candidates.len() >= limit {
            break;
        }
        if candidates.iter().any(|x| x.isco08 == c.isco08) {
            continue;
        }
        candidates.push(CandidateOccupation {
            occupation: occupation_title(&c.isco08),
            isco08: c.isco08,
            reference: c.reference,
            table: c.table,
            similarity: round4(c.similarity),
            confidence: round4(c.confidence),
            via: c.via,
            matched: c.matched,
            stage: c.stage,
            basis: c.basis,
        });
    }
    let mapped_row = map.and_then(|m| m.get(title).map(|row| (m, row)));
    let decision = match (mapped_row, decision) {
        (Some((m, row)), _) => Decision {
            status: if row.isco.is_some() {
                "mapped"
            } else {
                "unmapped"
            },
            source: Some("isco_map"),
            occupation: row.isco.as_deref().map(occupation_title),
            isco08: row.isco.clone(),
            reference: Some(row.title.clone()),
            table: None,
            similarity: None,
            confidence: Some(1.0),
            via: Some(format!("{}:{}", m.source, row.line)),
            stage: None,
            basis: None,
            reason: None,
            candidate_code: None,
        },
        (None, TitleMatch::Mapped(c)) => Decision {
            status: "mapped",
            source: Some("title"),
            occupation: Some(occupation_title(&c.isco08)),
            isco08: Some(c.isco08),
            reference: Some(c.reference),
            table: Some(c.table),
            similarity: Some(round4(c.similarity)),
            confidence: Some(round4(c.confidence)),
            stage: Some(c.stage),
            basis: Some(c.basis),
            via: Some(c.via),
            reason: None,
            candidate_code: None,
        },
        (None, TitleMatch::Unmapped { reason, best }) => Decision {
            status: "unmapped",
            source: None,
            isco08: None,
            occupation: None,
            reference: best.as_ref().map(|b| b.reference.clone()),
            table: best.as_ref().map(|b| b.table),
            similarity: best.as_ref().map(|b| round4(b.similarity)),
            confidence: best.as_ref().map(|b| round4(b.confidence)),
            stage: best.as_ref().map(|b| b.stage),
            basis: best.as_ref().map(|b| b.basis),
            candidate_code: best.as_ref().map(|b| b.isco08.clone()),
            via: best.map(|b| b.via),
            reason: Some(reason),
        },
    };
    let read = read_title(title);
    TitleReport {
        title: title.to_string(),
        normalized: read.normalized,
        sigles: read
            .sigles
            .into_iter()
            .map(|(sigle, expansion)| Sigle { sigle, expansion })
            .collect(),
        head: read
            .words
            .iter()
            .filter(|w| matches!(w.role, Role::Head | Role::Complement))
            .map(|w| w.word.clone())
            .collect(),
        words: read.words,
        tokens: tokens(title),
        decision,
        candidates,
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A word's role in a title, as the explanation names it.
fn role_name(role: Role, lang: Lang) -> &'static str {
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
fn curated(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "curated",
        Lang::Fr => "table locale",
    }
}

fn title_table(out: &mut dyn Write, r: &TitleReport, terminal: bool, lang: Lang) -> io::Result<()> {
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
