//! `exposure rubric`: the rules of the rubric, listed.

use std::io::{self, Write};

use serde::Serialize;

use super::csv::io_error;
use super::{Format, Section, table::write_section};

#[derive(Serialize)]
pub struct RuleRow<'a> {
    pub code: &'a str,
    pub theme: &'a str,
    pub label: &'a str,
    pub score: f64,
    pub patterns: &'a str,
    pub ilo_refs: Vec<String>,
    pub rationale: &'a str,
}

/// The rules of the rubric read from `source`.
pub fn render(
    rows: &[RuleRow],
    source: &str,
    format: Format,
    out: &mut dyn Write,
    terminal: bool,
) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(crate::rubric::COLUMNS).map_err(io_error)?;
            for r in rows {
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
            writeln!(out, "# Rubric\n\n{} rules ({})\n", rows.len(), source)?;
            crate::render::markdown::write_section(&section(rows), out)
        }
        Format::Table => {
            let themes: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.theme).collect();
            writeln!(
                out,
                "{} rules, {} themes ({})",
                rows.len(),
                themes.len(),
                source
            )?;
            write_section(&section(rows), out, terminal)
        }
    }
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
