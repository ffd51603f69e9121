//! `exposure jobs`: annex 1 of the Lyon study — the jobs grouped by ILO class, most exposed
//! class first, with the agents of each job.

use std::io::{self, Write};

use serde::Serialize;

use super::csv::{document_cells, document_columns, io_error, write_row};
use super::figures::{self, Column};
use super::{Format, Section, View, markdown, table};
use crate::aggregate::JobExposure;
use crate::classify::{Class, Method};
use crate::i18n::Lang;

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    method: Method,
    /// The budget document read, when the roster is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a crate::budget::Document>,
    classes: &'a [ClassJobs<'a>],
    /// Jobs that could not be classified (no scored task, or no occupation).
    unclassified: Vec<&'a JobExposure>,
}

#[derive(Serialize)]
struct ClassJobs<'a> {
    class: Class,
    label: &'static str,
    jobs: usize,
    agents: f64,
    items: Vec<&'a JobExposure>,
}

fn by_class<'a>(v: &View<'a>, lang: Lang) -> Vec<ClassJobs<'a>> {
    v.method
        .classes()
        .iter()
        .map(|&class| {
            let items: Vec<&JobExposure> = v
                .jobs
                .iter()
                .copied()
                .filter(|j| j.class == Some(class))
                .collect();
            ClassJobs {
                class,
                label: lang.class(class),
                jobs: items.len(),
                agents: items.iter().map(|j| j.headcount).sum(),
                items,
            }
        })
        .collect()
}

/// The figures of a job the annex lists, from the catalogue, by key.
const FIGURES: [&str; 4] = ["job", "headcount", "mean", "sd"];

fn figure_columns() -> Vec<Column<JobExposure>> {
    figures::job()
        .into_iter()
        .filter(|c| FIGURES.contains(&c.key))
        .collect()
}

/// The jobs of `v` (ordered as wanted within a class) by class, in `format`.
pub fn render(
    v: &View,
    lang: Lang,
    format: Format,
    out: &mut dyn Write,
    terminal: bool,
) -> io::Result<()> {
    let classes = by_class(v, lang);
    match format {
        Format::Json => {
            let doc = Document {
                schema: "exposure-jobs/1",
                method: v.method,
                document: v.document.as_ref(),
                unclassified: v
                    .jobs
                    .iter()
                    .copied()
                    .filter(|j| j.class.is_none())
                    .collect(),
                classes: &classes,
            };
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            let header = [
                "class",
                "class_label",
                "direction",
                "department",
                "job",
                "isco",
                "agents",
                "mean",
                "sd",
            ];
            let document = document_cells(v);
            let names = document_columns(v);
            let header = header.iter().chain(names);
            w.write_record(header.map(|h| super::csv::header_name(h, lang, v.grouping)))
                .map_err(io_error)?;
            for c in &classes {
                for j in &c.items {
                    let record = [
                        c.class.key().to_string(),
                        c.label.to_string(),
                        j.direction.to_string(),
                        j.department.to_string(),
                        j.job.to_string(),
                        j.isco.as_deref().unwrap_or_default().to_string(),
                        j.headcount.to_string(),
                        j.mean.map(|m| m.to_string()).unwrap_or_default(),
                        j.sd.map(|s| s.to_string()).unwrap_or_default(),
                    ];
                    write_row(&mut w, &record, &document)?;
                }
            }
            w.flush()
        }
        Format::Table | Format::Markdown => {
            let title = super::titled(v, lang.t("Jobs by class"));
            if format == Format::Markdown {
                writeln!(out, "# {title}\n")?;
            } else {
                let out: &mut dyn Write = &mut super::fit::lines(out, terminal);
                writeln!(out, "{title} ({})\n", lang.method(v.method))?;
            }
            for c in classes.iter().filter(|c| c.jobs > 0) {
                let section = class_section(c, v, lang);
                match format {
                    Format::Markdown => markdown::write_section(&section, out)?,
                    _ => table::write_section(&section, out, terminal)?,
                }
            }
            Ok(())
        }
    }
}

fn class_section(c: &ClassJobs, v: &View, lang: Lang) -> Section {
    let columns = figure_columns();
    let mut leads = Vec::new();
    if v.has_direction {
        leads.push("direction");
    }
    if v.has_department {
        leads.push("department");
    }
    let all = figures::job();
    let mut headers: Vec<(String, bool)> = leads
        .iter()
        .filter_map(|k| all.iter().find(|c| c.key == *k))
        .map(|c| {
            (
                figures::heading(c, true, v.grouping, lang).to_string(),
                false,
            )
        })
        .collect();
    headers.extend(
        columns
            .iter()
            .map(|c| (lang.t(c.label).to_string(), c.kind.numeric())),
    );
    let rows = c
        .items
        .iter()
        .map(|j| {
            let mut row: Vec<String> = leads
                .iter()
                .filter_map(|k| all.iter().find(|c| c.key == *k))
                .map(|c| (c.get)(j).human(lang, c.kind))
                .collect();
            row.extend(columns.iter().map(|c| (c.get)(j).human(lang, c.kind)));
            row
        })
        .collect();
    Section {
        title: lang.sentence(format!(
            "{} — {} {}, {} {}",
            c.label,
            lang.count(c.jobs as u64),
            lang.jobs_noun(c.jobs as f64),
            lang.agents(c.agents),
            lang.agents_noun(c.agents)
        )),
        headers: headers.iter().map(|(h, _)| h.clone()).collect(),
        numeric: headers.iter().map(|(_, n)| *n).collect(),
        rows,
    }
}
