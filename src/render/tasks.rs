//! `exposure tasks`: annex 2 of the Lyon study — the tasks with the highest potential, grouped
//! by theme, with the jobs that do them and the agents concerned.

use std::io::{self, Write};

use serde::Serialize;

use super::csv::{document_cells, document_columns, io_error, write_row};
use super::{Format, Section, markdown, table};
use crate::analysis::Analysis;
use crate::classify::{Band, Method};
use crate::i18n::Lang;
use crate::ilo::task_in;
use crate::themes::{Theme, theme_label};

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    method: Method,
    /// The budget document read, when the roster is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a crate::budget::Document>,
    min_band: Band,
    themes: &'a [Theme],
}

/// The themes (already cut to the tasks wanted) of the tasks of band `min_band` or above.
pub fn render(
    a: &Analysis,
    themes: &[Theme],
    min_band: Band,
    lang: Lang,
    format: Format,
    out: &mut dyn Write,
    terminal: bool,
) -> io::Result<()> {
    match format {
        Format::Json => {
            let doc = Document {
                schema: "exposure-tasks/1",
                method: a.method,
                document: a.document.as_ref(),
                min_band,
                themes,
            };
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            let header = ["theme", "task", "rule", "score", "band", "jobs", "agents"];
            let document = document_cells(a);
            let names = document_columns(a);
            w.write_record(header.iter().chain(names).map(|h| lang.t(h)))
                .map_err(io_error)?;
            for theme in themes {
                for t in &theme.tasks {
                    let record = [
                        theme_label(&theme.theme, lang).into_owned(),
                        task_in(&t.task, t.rule.as_deref(), lang).to_string(),
                        t.rule.clone().unwrap_or_default(),
                        t.score.to_string(),
                        lang.t(t.band.label()).to_string(),
                        t.jobs.join(" | "),
                        t.agents.to_string(),
                    ];
                    write_row(&mut w, &record, &document)?;
                }
            }
            w.flush()
        }
        Format::Table | Format::Markdown => {
            let title = super::titled(a, lang.t("Tasks with the highest potential, by theme"));
            let band = lang.t(min_band.label());
            if format == Format::Markdown {
                writeln!(out, "# {title}\n")?;
            } else {
                let out: &mut dyn Write = &mut super::fit::lines(out, terminal);
                writeln!(out, "{title} (≥ {band})\n")?;
            }
            if themes.is_empty() {
                writeln!(out, "–")?;
            }
            for theme in themes {
                let section = theme_section(theme, lang);
                match format {
                    Format::Markdown => markdown::write_section(&section, out)?,
                    _ => table::write_section(&section, out, terminal)?,
                }
            }
            Ok(())
        }
    }
}

fn theme_section(theme: &Theme, lang: Lang) -> Section {
    Section {
        title: format!(
            "{} — {} {}, {} {}, {} {}",
            theme_label(&theme.theme, lang),
            lang.count(theme.jobs as u64),
            lang.jobs_noun(theme.jobs as f64),
            lang.agents(theme.agents),
            lang.agents_noun(theme.agents),
            lang.t("mean"),
            lang.decimal(Some(theme.mean))
        ),
        headers: ["Task", "Score", "Band", "Jobs", "Agents"]
            .map(|h| lang.t(h).to_string())
            .to_vec(),
        numeric: vec![false, true, false, false, true],
        rows: theme
            .tasks
            .iter()
            .map(|t| {
                vec![
                    task_in(&t.task, t.rule.as_deref(), lang).to_string(),
                    lang.decimal(Some(t.score)),
                    lang.t(t.band.label()).to_string(),
                    t.jobs.join(", "),
                    lang.agents(t.agents),
                ]
            })
            .collect(),
    }
}
