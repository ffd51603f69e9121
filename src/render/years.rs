//! The year-over-year view of several budget documents: the same sections for the terminal,
//! Markdown and HTML; JSON and CSV carry every figure.

use std::io::{self, Write};

use serde::Serialize;

use super::Section;
use crate::aggregate::GroupExposure;
use crate::budget::Document;
use crate::classify::Method;
use crate::i18n::{Grouping, Lang};
use crate::years::YearOverYear;

/// Bumped when a field changes meaning or disappears; adding fields keeps the version.
pub const SCHEMA: &str = "exposure-years/1";

/// "VILLE DE X (SIRET …) — year over year: CA 2019, CA 2020".
pub fn title(y: &YearOverYear, lang: Lang) -> String {
    let mut s = y.authority.clone();
    if !y.authority_id.is_empty() {
        s.push_str(&format!(" (SIRET {})", y.authority_id));
    }
    let documents: Vec<String> = y.columns.iter().map(|c| c.document.short()).collect();
    format!(
        "{s} — {}{}{}",
        lang.t("year over year"),
        lang.colon(),
        documents.join(", ")
    )
}

/// The sections: agents and mean exposure per filière, then agents by class for the whole
/// authority and for each filière; one column per document.
pub fn sections(y: &YearOverYear, lang: Lang) -> Vec<Section> {
    let documents: Vec<String> = y.columns.iter().map(|c| c.document.short()).collect();
    let numeric: Vec<bool> = (0..=documents.len()).map(|i| i > 0).collect();
    // The first column is named: the filière in the first sections, the class in the others.
    let filiere = Grouping::BUDGET.department.heading(lang, false);
    let class = lang.t("Class");
    let section = |title: String, first: &str, rows: Vec<Vec<String>>| Section {
        title,
        headers: std::iter::once(first.to_string())
            .chain(documents.iter().cloned())
            .collect(),
        numeric: numeric.clone(),
        rows,
    };
    let all = lang.t("All agents").to_string();
    let per_filiere = |cell: &dyn Fn(&GroupExposure) -> String| {
        let mut rows: Vec<Vec<String>> = y
            .filieres
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let mut row = vec![f.clone()];
                row.extend(y.columns.iter().map(|c| cell(&c.filieres[i])));
                row
            })
            .collect();
        let mut total = vec![all.clone()];
        total.extend(y.columns.iter().map(|c| cell(&c.all)));
        rows.push(total);
        rows
    };
    let mut out = vec![
        section(
            lang.fill_about("Agents (FTE filled) by {department}", Grouping::BUDGET, &[]),
            filiere,
            per_filiere(&|g| lang.agents(g.agents)),
        ),
        section(
            lang.fill_about("Mean exposure by {department}", Grouping::BUDGET, &[]),
            filiere,
            per_filiere(&|g| lang.decimal(g.mean)),
        ),
    ];
    // The agents of jobs left unscored (no occupation found) close the list, so that the rows
    // add up to the agents.
    let by_class = |groups: Vec<&GroupExposure>| -> Vec<Vec<String>> {
        let mut rows: Vec<Vec<String>> = y
            .method
            .classes()
            .iter()
            .map(|c| {
                let mut row = vec![lang.class(*c).to_string()];
                row.extend(
                    groups
                        .iter()
                        .map(|g| lang.agents(g.agents_by_class[c.key()])),
                );
                row
            })
            .collect();
        let mut unscored = vec![lang.t("Unscored").to_string()];
        // Rounded as `years::tidy` rounds the agents, against the noise of the difference.
        let left_out = |g: &&GroupExposure| ((g.agents - g.agents_classified) * 1e6).round() / 1e6;
        unscored.extend(groups.iter().map(|g| lang.agents(left_out(g))));
        rows.push(unscored);
        rows
    };
    let classes = lang.t("Agents per class");
    out.push(section(
        format!("{classes} — {all}"),
        class,
        by_class(y.columns.iter().map(|c| &c.all).collect()),
    ));
    for (f, name) in y.filieres.iter().enumerate() {
        out.push(section(
            format!("{classes} — {name}"),
            class,
            by_class(y.columns.iter().map(|c| &c.filieres[f]).collect()),
        ));
    }
    out
}

pub fn table(y: &YearOverYear, lang: Lang, out: &mut dyn Write, terminal: bool) -> io::Result<()> {
    let out = &mut super::fit::lines(out, terminal);
    // The authority's name comes from the documents: made safe for a terminal or a log.
    writeln!(out, "{}", crate::sanitize::for_terminal(&title(y, lang)))?;
    writeln!(out, "  {}\n", subtitle(y, lang))?;
    for s in sections(y, lang) {
        super::table::write_section(&s, out, terminal)?;
    }
    Ok(())
}

pub fn markdown(y: &YearOverYear, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}\n", title(y, lang))?;
    writeln!(out, "{}\n", subtitle(y, lang))?;
    for s in sections(y, lang) {
        super::markdown::write_section(&s, out)?;
    }
    Ok(())
}

/// What the figures are: agents are posts filled (FTE), and the method.
fn subtitle(y: &YearOverYear, lang: Lang) -> String {
    let text = lang.t(
        "Agents are the posts filled (FTE) of each document's staff annex; mean exposure is weighted by agents; method",
    );
    format!("{text}{}{}.", lang.colon(), lang.method(y.method))
}

#[derive(Serialize)]
struct Json<'a> {
    schema: &'static str,
    tool: String,
    method: Method,
    authority: Authority<'a>,
    documents: Vec<JsonDocument<'a>>,
    all: Vec<Figures<'a>>,
    filieres: Vec<JsonFiliere<'a>>,
}

#[derive(Serialize)]
struct Authority<'a> {
    name: &'a str,
    id: &'a str,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    file: &'a str,
    document: &'a Document,
}

#[derive(Serialize)]
struct JsonFiliere<'a> {
    filiere: &'a str,
    years: Vec<Figures<'a>>,
}

/// One document's figures for a group.
#[derive(Serialize)]
struct Figures<'a> {
    document: String,
    year: &'a str,
    agents: f64,
    /// Agents in jobs that could be classified (the others are in unscored jobs).
    agents_classified: f64,
    jobs: u64,
    mean: Option<f64>,
    agents_by_class: &'a crate::aggregate::ClassCounts,
}

fn figures<'a>(d: &'a Document, g: &'a GroupExposure) -> Figures<'a> {
    Figures {
        document: d.short(),
        year: &d.year,
        agents: g.agents,
        agents_classified: g.agents_classified,
        jobs: g.jobs,
        mean: g.mean,
        agents_by_class: &g.agents_by_class,
    }
}

pub fn json(y: &YearOverYear, out: &mut dyn Write) -> io::Result<()> {
    let doc = Json {
        schema: SCHEMA,
        tool: format!("exposure {}", env!("CARGO_PKG_VERSION")),
        method: y.method,
        authority: Authority {
            name: &y.authority,
            id: &y.authority_id,
        },
        documents: y
            .columns
            .iter()
            .map(|c| JsonDocument {
                file: &c.file,
                document: &c.document,
            })
            .collect(),
        all: y
            .columns
            .iter()
            .map(|c| figures(&c.document, &c.all))
            .collect(),
        filieres: y
            .filieres
            .iter()
            .enumerate()
            .map(|(i, f)| JsonFiliere {
                filiere: f,
                years: y
                    .columns
                    .iter()
                    .map(|c| figures(&c.document, &c.filieres[i]))
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// One row per filière and document (the whole authority first, with an empty filière).
pub fn csv(
    y: &YearOverYear,
    lang: Lang,
    out: &mut dyn Write,
    dialect: super::csv::Dialect,
) -> io::Result<()> {
    let excel = dialect == super::csv::Dialect::ExcelFr;
    let mut builder = csv::WriterBuilder::new();
    if excel {
        out.write_all("\u{feff}".as_bytes())?;
        builder.delimiter(b';');
    }
    let mut w = builder.from_writer(out);
    let classes = y.method.classes();
    let mut header: Vec<String> = [
        "filiere",
        "document",
        "year",
        "agents",
        "agents_classified",
        "jobs",
        "mean",
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    header.extend(classes.iter().map(|c| format!("agents_{}", c.key())));
    header.extend(["authority", "authority_id"].map(String::from));
    let header: Vec<String> = header
        .iter()
        .map(|h| super::csv::header_name(h, lang, Grouping::BUDGET))
        .collect();
    w.write_record(&header).map_err(super::csv::io_error)?;
    let number = |x: f64| {
        let s = x.to_string();
        if excel { s.replace('.', ",") } else { s }
    };
    let groups = std::iter::once((String::new(), None)).chain(
        y.filieres
            .iter()
            .enumerate()
            .map(|(i, f)| (f.clone(), Some(i))),
    );
    for (name, i) in groups {
        for c in &y.columns {
            let g = match i {
                Some(i) => &c.filieres[i],
                None => &c.all,
            };
            let mut row = vec![
                name.clone(),
                c.document.short(),
                c.document.year.clone(),
                number(g.agents),
                number(g.agents_classified),
                g.jobs.to_string(),
                g.mean.map(number).unwrap_or_default(),
            ];
            row.extend(classes.iter().map(|k| number(g.agents_by_class[k.key()])));
            row.extend([y.authority.clone(), y.authority_id.clone()]);
            w.write_record(row.iter().map(|c| super::csv::neutralize(c).into_owned()))
                .map_err(super::csv::io_error)?;
        }
    }
    w.flush()
}

/// A self-contained HTML page with the same sections.
pub fn html(y: &YearOverYear, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    use super::html::escape;
    let title = title(y, lang);
    let mut h = String::with_capacity(32 * 1024);
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
<meta name=\"generator\" content=\"exposure {}\"/>\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
        if lang == Lang::Fr { "fr" } else { "en" },
        env!("CARGO_PKG_VERSION"),
        escape(&title),
        super::html::CSS
    ));
    h.push_str(&format!("<h1>{}</h1>\n", escape(&title)));
    h.push_str(&format!(
        "<p class=\"sub\">{}</p>\n",
        escape(&subtitle(y, lang))
    ));
    for s in sections(y, lang) {
        h.push_str(&format!(
            "<section>\n<h2>{}</h2>\n<table>\n<thead><tr>",
            escape(&s.title)
        ));
        for (head, &n) in s.headers.iter().zip(&s.numeric) {
            let class = if n { " class=\"n\"" } else { "" };
            h.push_str(&format!("<th{class}>{}</th>", escape(head)));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for row in &s.rows {
            h.push_str("<tr>");
            for (cell, &n) in row.iter().zip(&s.numeric) {
                let class = if n { " class=\"n\"" } else { "" };
                h.push_str(&format!("<td{class}>{}</td>", escape(cell)));
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody></table>\n</section>\n");
    }
    let files: Vec<&str> = y.columns.iter().map(|c| c.file.as_str()).collect();
    h.push_str(&format!(
        "<footer>{}</footer>\n</main>\n</body>\n</html>\n",
        escape(&format!(
            "exposure {} · {}",
            env!("CARGO_PKG_VERSION"),
            files.join(", ")
        ))
    ));
    out.write_all(h.as_bytes())
}
