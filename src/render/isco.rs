//! The terminal and Markdown section that shows how job titles were mapped to ISCO-08.

use std::collections::BTreeMap;

use super::Section;
use super::occupation::via_in_words;
use crate::analysis::Analysis;
use crate::i18n::Lang;
use crate::ilo::title_in;
use crate::isco::{IscoSource, ScoredFrom, Table};

/// One row per distinct title of a job without tasks whose code came from the title or
/// `--isco-map`, and per unmapped title; unmapped first, then least confident first, so doubtful ones are read first.
pub fn mapping_section(a: &Analysis, lang: Lang) -> Option<Section> {
    struct Row {
        order: (u8, i64),
        agents: f64,
        cells: Vec<String>,
    }
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for u in &a.unmapped {
        let row = rows.entry(u.job.clone()).or_insert_with(|| Row {
            order: (0, 0),
            agents: 0.0,
            cells: vec![
                u.job.clone(),
                lang.t("unmapped").into(),
                u.reason.describe_in(lang).into(),
                u.best
                    .as_ref()
                    .map(|b| {
                        let closest = lang.t("closest");
                        format!("{closest}{}{} ({})", lang.colon(), b.reference, b.isco08)
                    })
                    .unwrap_or_else(|| "–".into()),
                // Under the confidence floor the closest candidate's confidence says why.
                u.best
                    .as_ref()
                    .map(|b| lang.decimal(Some(b.confidence)))
                    .unwrap_or_else(|| "–".into()),
                "–".into(),
            ],
        });
        row.agents += u.headcount;
    }
    for j in &a.jobs {
        let (Some(code), Some(m)) = (&j.isco, &j.isco_match) else {
            continue;
        };
        // Jobs scored from their own tasks keep their figures; their code is in JSON and CSV.
        if !matches!(
            j.isco_source,
            Some(IscoSource::Title | IscoSource::IscoMap | IscoSource::Grade)
        ) || j.scored_from != Some(ScoredFrom::Ilo)
        {
            continue;
        }
        let row = rows.entry(j.job.to_string()).or_insert_with(|| Row {
            order: (1, (m.confidence * 10_000.0).round() as i64),
            agents: 0.0,
            cells: vec![
                j.job.to_string(),
                code.to_string(),
                j.ilo
                    .as_ref()
                    .map(|f| title_in(code, &f.title, lang).to_string())
                    .unwrap_or_default(),
                m.reference.clone(),
                lang.decimal(Some(m.confidence)),
                match m.table {
                    Some(Table::Curated) => lang.t("curated").into(),
                    Some(Table::Coded) => crate::render::occupation::coded(lang).into(),
                    None if j.isco_source != Some(IscoSource::Grade) => {
                        format!("{} {}", lang.t("--isco-map"), m.via)
                    }
                    // A ROME title's or a grade's way, in words in French; the English tables
                    // keep the code as they always showed it.
                    _ if lang == Lang::En => m.via.clone(),
                    _ => via_in_words(&m.via, lang),
                },
            ],
        });
        row.agents += j.headcount;
    }
    if rows.is_empty() {
        return None;
    }
    let mut rows: Vec<Row> = rows.into_values().collect();
    rows.sort_by(|x, y| {
        x.order
            .cmp(&y.order)
            .then_with(|| x.cells[0].cmp(&y.cells[0]))
    });
    Some(Section {
        title: lang
            .t("ISCO-08 occupations found from job titles (least certain first)")
            .into(),
        headers: [
            "Job title",
            "Agents",
            "ISCO",
            "Occupation (ILO)",
            "Matched title",
            "Confidence",
            "Via",
        ]
        .map(|h| lang.t(h).to_string())
        .to_vec(),
        numeric: vec![false, true, false, false, false, true, false],
        rows: rows
            .into_iter()
            .map(|r| {
                let mut cells = r.cells;
                cells.insert(1, lang.agents(r.agents));
                cells
            })
            .collect(),
    })
}
