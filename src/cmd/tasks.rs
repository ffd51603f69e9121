//! `exposure tasks`: annex 2 of the Lyon study — the tasks with the highest potential, grouped
//! by theme, with the jobs that do them and the agents concerned.

use anyhow::Result;
use serde::Serialize;

use crate::classify::{Band, Method};
use crate::cli::{Format, TasksArgs};
use crate::i18n::Lang;
use crate::output::emit;
use crate::render::{Section, csv::io_error, csv::write_row, markdown, table};
use crate::themes::{NO_THEME, Theme, tasks_by_theme};

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

fn theme_name(theme: &str, lang: Lang) -> String {
    if theme == NO_THEME {
        lang.t("Unthemed (scored by hand)").to_string()
    } else {
        theme.to_string()
    }
}

pub fn run(args: &TasksArgs, warn: &mut dyn FnMut(String)) -> Result<()> {
    let (analysis, _) = super::analyze_input(&args.input, &[], true, false, warn)?;
    let min_band = args.min_band.band();
    let mut themes = tasks_by_theme(&analysis, min_band);
    if let Some(n) = args.top {
        for t in &mut themes {
            t.tasks.truncate(n);
        }
    }
    let lang = args.out.lang;
    emit(args.out.output.as_deref(), |out, terminal| {
        match args.out.format {
            Format::Json => {
                let doc = Document {
                    schema: "exposure-tasks/1",
                    method: analysis.method,
                    document: analysis.document.as_ref(),
                    min_band,
                    themes: &themes,
                };
                serde_json::to_writer_pretty(&mut *out, &doc)?;
                writeln!(out)
            }
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                let header = ["theme", "task", "rule", "score", "band", "jobs", "agents"];
                let document = crate::render::csv::document_cells(&analysis);
                let names = crate::render::csv::document_columns(&analysis);
                w.write_record(header.iter().chain(names).map(|h| lang.t(h)))
                    .map_err(io_error)?;
                for theme in &themes {
                    for t in &theme.tasks {
                        let record = [
                            theme_name(&theme.theme, lang),
                            t.task.clone(),
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
                let title = crate::render::titled(
                    &analysis,
                    lang.t("Tasks with the highest potential, by theme"),
                );
                let band = lang.t(min_band.label());
                if args.out.format == Format::Markdown {
                    writeln!(out, "# {title}\n")?;
                } else {
                    let out: &mut dyn std::io::Write =
                        &mut crate::render::fit::lines(out, terminal);
                    writeln!(out, "{title} (≥ {band})\n")?;
                }
                if themes.is_empty() {
                    writeln!(out, "–")?;
                }
                for theme in &themes {
                    let section = theme_section(theme, lang);
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

fn theme_section(theme: &Theme, lang: Lang) -> Section {
    let (jobs, agents, mean) = match lang {
        Lang::Fr => ("métiers", "agents", "moyenne"),
        Lang::En => ("jobs", "agents", "mean"),
    };
    Section {
        title: format!(
            "{} — {} {jobs}, {} {agents}, {mean} {}",
            theme_name(&theme.theme, lang),
            theme.jobs,
            lang.agents(theme.agents),
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
                    t.task.clone(),
                    lang.decimal(Some(t.score)),
                    lang.t(t.band.label()).to_string(),
                    t.jobs.join(", "),
                    lang.agents(t.agents),
                ]
            })
            .collect(),
    }
}
