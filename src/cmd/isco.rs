//! `exposure isco 4226`: the ILO reference of an ISCO-08 occupation (tasks with their 2023 and
//! 2025 scores and bands, mean, SD, both classes). `exposure isco "gestionnaire paie"`: the
//! candidate occupations of a French job title, how each was reached, and the decision.

use std::path::Path;

use anyhow::{Result, bail};

use crate::classify::{Band, Method};
use crate::cli::{Format, IscoArgs};
use crate::cmd::grade;
use crate::error::InputError;
use crate::ilo::Ilo;
use crate::isco::{Candidate, Crosswalk, IscoMap, Role, Table, TitleMatch, read_title, tokens};
use crate::occupation;
use crate::output::emit;
use crate::render::fit;
use crate::render::occupation::{
    CandidateOccupation, Decision, Figures, FrenchTitle, OccupationReference, Sigle, TaskReference,
    TitleReport, WordFamily, as_written, json, occupation_table, title_table,
};

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
        bail!(crate::messages::isco_query(query));
    }
    if query.len() == 4 && query.bytes().all(|b| b.is_ascii_digit()) {
        let Some(reference) = occupation(query) else {
            bail!(crate::messages::isco_unscored(query));
        };
        return emit(None, |out, terminal| match args.format {
            Format::Json => json(out, &reference),
            _ => occupation_table(
                &mut fit::lines(out, terminal),
                &reference,
                terminal,
                args.lang,
            ),
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
            _ => crate::render::grade::table(
                &mut fit::lines(out, terminal),
                &report,
                terminal,
                args.lang,
            ),
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
            let out = &mut fit::lines(out, terminal);
            match &grade_path {
                Some(Err(n)) => {
                    let longs = crate::render::occupation::sigle_longs(&report);
                    crate::render::grade::not_grade_line(out, n, query, &longs, args.lang)?
                }
                Some(Ok(m)) => crate::render::grade::metier_wins_line(out, m, args.lang)?,
                None => {}
            }
            title_table(out, &report, terminal, args.lang)
        }
    })
}

fn occupation(code: &str) -> Option<OccupationReference> {
    let ilo = Ilo::get();
    let o = ilo.occupations.get(code)?;
    let tasks = ilo.tasks.get(code)?;
    // The figures the analysis gives a job of this occupation.
    let figures = |method: Method, mean, sd, category: &str| -> Option<Figures> {
        let f = ilo.figures(code, method)?;
        Some(Figures {
            tasks: f.tasks,
            tasks_exposed: f.tasks_exposed,
            mean: f.mean,
            sd: f.sd,
            class: f.class,
            published_mean: mean,
            published_sd: sd,
            published_category: category.to_string(),
        })
    };
    let mut french: Vec<FrenchTitle> = Crosswalk::builtin()
        .references
        .iter()
        .filter(|r| r.isco() == code)
        .map(|r| FrenchTitle {
            title: r.title().to_string(),
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
        title: o.title().to_string(),
        source: "ILO (Gmyrek et al. 2025), WP140 task scores with the WP96 (2023) scores",
        tasks: tasks
            .iter()
            .map(|t| TaskReference {
                task_id: t.task_id,
                task: t.task().to_string(),
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
            o.published_category_2025(),
        )?,
        wp96_2023: figures(
            Method::Wp96,
            o.published_mean_2023,
            o.published_sd_2023,
            o.published_category_2023(),
        )?,
        french_titles: french,
        french_titles_total: total,
    })
}

fn occupation_title(code: &str) -> String {
    Ilo::get()
        .occupations
        .get(code)
        .map(|o| o.title().to_string())
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
            .map(|w| w.word.to_string())
            .collect(),
        families: (read.words.iter())
            .filter_map(|w| {
                let family = crate::isco::family_in_vocabulary(&w.word);
                (!family.is_empty()).then(|| WordFamily {
                    word: w.word.to_string(),
                    family_as_written: (family.iter())
                        .map(|&stem| match crate::isco::title_with_word(stem) {
                            Some(title) => as_written(&[stem], title, &[]).remove(0),
                            None => stem.to_string(),
                        })
                        .collect(),
                    family: family.into_iter().map(String::from).collect(),
                })
            })
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
