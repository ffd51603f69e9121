//! `exposure isco 4226`: the ILO reference of an ISCO-08 occupation (tasks with their 2023 and
//! 2025 scores and bands, mean, SD, both classes). `exposure isco "gestionnaire paie"`: the
//! candidate occupations of a French job title, how each was reached, and the decision.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Result, bail};
use serde::Serialize;

use crate::classify::{Band, Class, Method};
use crate::cli::{Format, IscoArgs};
use crate::error::InputError;
use crate::i18n::Lang;
use crate::ilo::{Ilo, Stats};
use crate::isco::{Crosswalk, IscoMap, Table, TitleMatch, Unmapped, normalize_title, tokens};
use crate::output::emit;
use crate::render::{Section, table::write_section};

/// Loads `--isco-map FILE`, checking every code against the ILO occupations.
pub fn load_map(path: Option<&Path>) -> Result<Option<IscoMap>, InputError> {
    let ilo = Ilo::get();
    path.map(|p| IscoMap::load(p, |code| ilo.occupations.contains_key(code)))
        .transpose()
}

pub fn run(args: &IscoArgs) -> Result<()> {
    let query = args.query.join(" ");
    let query = query.trim();
    if query.len() == 4 && query.bytes().all(|b| b.is_ascii_digit()) {
        let Some(reference) = occupation(query) else {
            bail!(
                "ISCO-08 code {query} has no ILO scores: the ILO scored 427 of the 436 unit groups \
                 (not 0110, 0210, 0310, 1439, 3139, 3435, 5249, 7319, 8189)"
            );
        };
        return emit(None, |out, terminal| match args.format {
            Format::Json => json(out, &reference),
            _ => occupation_table(out, &reference, terminal),
        });
    }
    let map = load_map(args.isco_map.as_deref())?;
    let report = title_report(query, map.as_ref(), args.limit);
    emit(None, |out, terminal| match args.format {
        Format::Json => json(out, &report),
        _ => title_table(out, &report, terminal),
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
            title: r.title.clone(),
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
) -> io::Result<()> {
    writeln!(out, "ISCO-08 {} — {}", r.isco08, r.title)?;
    writeln!(out, "Source: {}.", r.source)?;
    writeln!(out)?;
    let band = |b: Option<Band>| b.map(|b| b.key().to_string()).unwrap_or_else(|| "–".into());
    write_section(
        &Section {
            title: "Tasks".into(),
            headers: ["#", "Task", "2023", "Band 2023", "2025", "Band 2025"]
                .map(String::from)
                .to_vec(),
            numeric: vec![true, false, true, false, true, false],
            rows: r
                .tasks
                .iter()
                .map(|t| {
                    vec![
                        t.task_id.to_string(),
                        t.task.clone(),
                        Lang::En.decimal(t.score_2023),
                        band(t.band_2023),
                        Lang::En.decimal(Some(t.score_2025)),
                        band(Some(t.band_2025)),
                    ]
                })
                .collect(),
        },
        out,
        terminal,
    )?;
    for (name, f) in [
        ("WP140 (2025)", &r.wp140_2025),
        ("WP96 (2023)", &r.wp96_2023),
    ] {
        write!(
            out,
            "{name:<13} mean {:.2}, SD {:.2}, {}/{} tasks exposed → {}",
            f.mean,
            f.sd,
            f.tasks_exposed,
            f.tasks,
            f.class.label()
        )?;
        if f.mean != f.published_mean || f.sd != f.published_sd {
            write!(
                out,
                " (published: mean {:.2}, SD {:.2}; the exact mean is a rounding tie)",
                f.published_mean, f.published_sd
            )?;
        }
        writeln!(out)?;
    }
    if r.french_titles_total > 0 {
        let list: Vec<String> = r
            .french_titles
            .iter()
            .map(|t| match t.table {
                Table::Curated => format!("{} (curated)", t.title),
                Table::Rome => t.title.clone(),
            })
            .collect();
        writeln!(
            out,
            "French titles mapped here ({} in the crosswalk): {}{}",
            r.french_titles_total,
            list.join("; "),
            if r.french_titles_total > list.len() {
                "; …"
            } else {
                ""
            }
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct TitleReport {
    title: String,
    normalized: String,
    tokens: Vec<String>,
    decision: Decision,
    /// The best reference title of each candidate occupation, best first.
    candidates: Vec<CandidateOccupation>,
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
    reason: Option<Unmapped>,
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
}

fn occupation_title(code: &str) -> String {
    Ilo::get()
        .occupations
        .get(code)
        .map(|o| o.title.clone())
        .unwrap_or_default()
}

fn title_report(title: &str, map: Option<&IscoMap>, limit: usize) -> TitleReport {
    let crosswalk = Crosswalk::builtin();
    let (all, decision) = crosswalk.explain(title);
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
            reason: None,
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
            via: Some(c.via),
            reason: None,
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
            via: best.map(|b| b.via),
            reason: Some(reason),
        },
    };
    TitleReport {
        title: title.to_string(),
        normalized: normalize_title(title),
        tokens: tokens(title),
        decision,
        candidates,
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn title_table(out: &mut dyn Write, r: &TitleReport, terminal: bool) -> io::Result<()> {
    writeln!(out, "Title:      {}", r.title)?;
    writeln!(out, "Normalised: {}", r.normalized)?;
    writeln!(out, "Words:      {}", r.tokens.join(" "))?;
    let d = &r.decision;
    match (d.status, d.source) {
        ("mapped", Some("isco_map")) => writeln!(
            out,
            "Decision:   {} {} — from your map ({}, {:?})",
            d.isco08.as_deref().unwrap_or(""),
            d.occupation.as_deref().unwrap_or(""),
            d.via.as_deref().unwrap_or(""),
            d.reference.as_deref().unwrap_or("")
        )?,
        ("unmapped", Some("isco_map")) => writeln!(
            out,
            "Decision:   unmapped — your map leaves it unmapped ({})",
            d.via.as_deref().unwrap_or("")
        )?,
        ("mapped", _) => writeln!(
            out,
            "Decision:   {} {} — matched {:?} ({}), similarity {}, confidence {}",
            d.isco08.as_deref().unwrap_or(""),
            d.occupation.as_deref().unwrap_or(""),
            d.reference.as_deref().unwrap_or(""),
            match d.table {
                Some(Table::Curated) => "curated".to_string(),
                _ => d.via.clone().unwrap_or_default(),
            },
            Lang::En.decimal(d.similarity),
            Lang::En.decimal(d.confidence)
        )?,
        _ => writeln!(
            out,
            "Decision:   unmapped — {}{}",
            d.reason.map(Unmapped::describe).unwrap_or(""),
            match (&d.reference, d.similarity) {
                (Some(t), Some(s)) => format!(" (best: {t:?}, similarity {s:.2})"),
                _ => String::new(),
            }
        )?,
    }
    writeln!(
        out,
        "Rule:       a curated title at similarity ≥ 0.70, else the best title at ≥ 0.50; \
         confidence = similarity × the row's own confidence."
    )?;
    writeln!(out)?;
    if r.candidates.is_empty() {
        return writeln!(out, "No candidate occupation.");
    }
    write_section(
        &Section {
            title: "Candidate occupations (best reference title of each, best first)".into(),
            headers: [
                "ISCO",
                "Occupation (ILO)",
                "Reference title",
                "Similarity",
                "Confidence",
                "Reached via",
            ]
            .map(String::from)
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
                        format!("{:.2}", c.similarity),
                        format!("{:.2}", c.confidence),
                        match c.table {
                            Table::Curated => "curated".to_string(),
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
