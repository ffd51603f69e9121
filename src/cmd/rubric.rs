//! `exposure rubric`: validate and list the rubric.

use anyhow::Result;
use serde::Serialize;

use crate::cli::{Format, RubricArgs};
use crate::output::emit;
use crate::render::csv::io_error;
use crate::render::{Section, table::write_section};

#[derive(Serialize)]
struct RuleRow<'a> {
    code: &'a str,
    theme: &'a str,
    label: &'a str,
    score: f64,
    patterns: &'a str,
    ilo_refs: Vec<String>,
    rationale: &'a str,
}

pub fn run(args: &RubricArgs, warn: &mut dyn FnMut(String)) -> Result<()> {
    let rubric = super::load_rubric(args.rubric.as_deref())?;
    let ilo = crate::ilo::Ilo::builtin();
    for rule in &rubric.rules {
        for r in &rule.ilo_refs {
            if ilo.task(&r.isco, r.task_id).is_none() {
                let lang = crate::messages::lang();
                let text = crate::messages::unknown_ilo_task(lang, &rule.code, &r.isco, r.task_id);
                warn(crate::messages::at(lang, &rubric.source, rule.line, &text));
            }
        }
    }
    let rows: Vec<RuleRow> = rubric
        .rules
        .iter()
        .map(|r| RuleRow {
            code: &r.code,
            theme: &r.theme,
            label: &r.label,
            score: r.score,
            patterns: &r.patterns,
            ilo_refs: r
                .ilo_refs
                .iter()
                .map(|x| format!("{}:{}", x.isco, x.task_id))
                .collect(),
            rationale: &r.rationale,
        })
        .collect();
    emit(None, |out, terminal| match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(crate::rubric::COLUMNS).map_err(io_error)?;
            for r in &rows {
                w.write_record([
                    r.code,
                    r.theme,
                    r.label,
                    &r.score.to_string(),
                    r.patterns,
                    &r.ilo_refs.join(";"),
                    r.rationale,
                ])
                .map_err(io_error)?;
            }
            w.flush()
        }
        Format::Markdown => {
            writeln!(
                out,
                "# Rubric\n\n{} rules ({})\n",
                rows.len(),
                rubric.source
            )?;
            crate::render::markdown::write_section(&section(&rows), out)
        }
        Format::Table => {
            let themes: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.theme).collect();
            writeln!(
                out,
                "{} rules, {} themes ({})",
                rows.len(),
                themes.len(),
                rubric.source
            )?;
            write_section(&section(&rows), out, terminal)
        }
    })
}

fn section(rows: &[RuleRow]) -> Section {
    Section {
        title: "Rules".into(),
        headers: ["Code", "Theme", "Label", "Score", "ILO tasks"]
            .map(String::from)
            .to_vec(),
        numeric: vec![false, false, false, true, false],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.code.to_string(),
                    r.theme.to_string(),
                    r.label.to_string(),
                    format!("{:.2}", r.score),
                    r.ilo_refs.join(" "),
                ]
            })
            .collect(),
    }
}
