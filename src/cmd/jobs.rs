//! `exposure jobs`: annex 1 of the Lyon study — the jobs grouped by ILO class, most exposed
//! class first, with the agents of each job.

use anyhow::Result;
use serde::Serialize;

use crate::aggregate::JobExposure;
use crate::analysis::Analysis;
use crate::classify::{Class, Method};
use crate::cli::{Format, JobsArgs};
use crate::i18n::Lang;
use crate::output::emit;
use crate::render::{
    Section, csv::io_error, csv::write_row, markdown, table, where_cells, where_columns,
};

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

fn by_class(a: &Analysis, lang: Lang) -> Vec<ClassJobs<'_>> {
    a.method
        .classes()
        .iter()
        .map(|&class| {
            let items: Vec<&JobExposure> =
                a.jobs.iter().filter(|j| j.class == Some(class)).collect();
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

pub fn run(args: &JobsArgs, warn: &mut dyn FnMut(String)) -> Result<()> {
    let (mut analysis, _) = super::analyze_input(&args.input, &[], false, false, warn)?;
    // Within a class: most exposed first, then by name.
    crate::render::arrange(&mut analysis, crate::cli::SortKey::Mean, None);
    let lang = args.out.lang;
    let classes = by_class(&analysis, lang);
    emit(args.out.output.as_deref(), |out, terminal| {
        match args.out.format {
            Format::Json => {
                let doc = Document {
                    schema: "exposure-jobs/1",
                    method: analysis.method,
                    document: analysis.document.as_ref(),
                    unclassified: analysis.jobs.iter().filter(|j| j.class.is_none()).collect(),
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
                let document = crate::render::csv::document_cells(&analysis);
                let names = crate::render::csv::document_columns(&analysis);
                w.write_record(header.iter().chain(names).map(|h| lang.t(h)))
                    .map_err(io_error)?;
                for c in &classes {
                    for j in &c.items {
                        let record = [
                            c.class.key().to_string(),
                            c.label.to_string(),
                            j.direction.clone(),
                            j.department.clone(),
                            j.job.clone(),
                            j.isco.clone().unwrap_or_default(),
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
                let title = crate::render::titled(&analysis, lang.t("Jobs by class"));
                if args.out.format == Format::Markdown {
                    writeln!(out, "# {title}\n")?;
                } else {
                    let out: &mut dyn std::io::Write =
                        &mut crate::render::fit::lines(out, terminal);
                    writeln!(out, "{title} ({})\n", lang.method(analysis.method))?;
                }
                for c in classes.iter().filter(|c| c.jobs > 0) {
                    let section = class_section(c, &analysis, lang);
                    match args.out.format {
                        Format::Markdown => markdown::write_section(&section, out)?,
                        _ => table::write_section(&section, out, terminal)?,
                    }
                }
                Ok(())
            }
        }
    })
}

fn class_section(c: &ClassJobs, a: &Analysis, lang: Lang) -> Section {
    let mut columns = where_columns(a);
    columns.extend([
        ("Job", false),
        ("Agents", true),
        ("Mean", true),
        ("SD", true),
    ]);
    let rows = c
        .items
        .iter()
        .map(|j| {
            let mut row = where_cells(a, j);
            row.extend([
                j.job.clone(),
                lang.agents(j.headcount),
                lang.decimal(j.mean),
                lang.decimal(j.sd),
            ]);
            row
        })
        .collect();
    let (jobs, agents) = match lang {
        Lang::Fr => ("métiers", "agents"),
        Lang::En => ("jobs", "agents"),
    };
    Section {
        title: format!(
            "{} — {} {jobs}, {} {agents}",
            c.label,
            c.jobs,
            lang.agents(c.agents)
        ),
        headers: columns.iter().map(|(h, _)| lang.t(h).to_string()).collect(),
        numeric: columns.iter().map(|(_, n)| *n).collect(),
        rows,
    }
}
