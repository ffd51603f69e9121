//! Flat CSV: one row per group, job or task, with a `level` column, so one file opens in a
//! spreadsheet and filters by level. Text cells that a spreadsheet would run as a formula are
//! neutralised.

use std::io::{self, Write};

use crate::aggregate::GroupExposure;
use crate::analysis::Analysis;
use crate::classify::Class;
use crate::cli::Level;
use crate::i18n::Lang;

fn fixed_columns() -> Vec<String> {
    [
        "level",
        "direction",
        "department",
        "group",
        "value",
        "job",
        "isco",
        "agents",
        "jobs",
        "tasks",
        "tasks_scored",
        "tasks_exposed",
        "mean",
        "sd",
        "class",
        "class_other",
        "isco_source",
        "ilo_mean",
        "ilo_class",
        "share_tasks_exposed",
        "share_time_exposed",
        "agents_classified",
        "agents_concerned",
        "share_agents_concerned",
        "agents_exposed",
        "share_agents_exposed",
    ]
    .map(String::from)
    .to_vec()
}

const TASK_COLUMNS: [&str; 8] = [
    "task", "weight", "score", "band", "source", "rule", "theme", "line",
];

/// Columns that hold text; every other column holds a number.
const TEXT_COLUMNS: [&str; 16] = [
    "level",
    "direction",
    "department",
    "group",
    "value",
    "job",
    "isco",
    "class",
    "class_other",
    "isco_source",
    "ilo_class",
    "task",
    "band",
    "source",
    "rule",
    "theme",
];

/// A column's name in the reader's language (the English names are the JSON keys).
pub(crate) fn header_name(key: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return key.to_string();
    }
    if let Some(class) = key.strip_prefix("agents_").and_then(Class::from_key) {
        return format!("agents {}", lang.class(class));
    }
    const FRENCH: [(&str, &str); 30] = [
        ("level", "niveau"),
        ("direction", "direction"),
        ("department", "service"),
        ("group", "regroupement"),
        ("value", "valeur"),
        ("job", "métier"),
        ("isco", "citp"),
        ("agents", "agents"),
        ("jobs", "métiers"),
        ("tasks", "tâches"),
        ("tasks_scored", "tâches évaluées"),
        ("tasks_exposed", "tâches exposées"),
        ("mean", "moyenne"),
        ("sd", "écart-type"),
        ("class", "classe"),
        ("class_other", "classe (autre méthode)"),
        ("isco_source", "source citp"),
        ("ilo_mean", "moyenne oit"),
        ("ilo_class", "classe oit"),
        ("share_tasks_exposed", "part des tâches exposées"),
        ("share_time_exposed", "part du temps exposé"),
        ("agents_classified", "agents classés"),
        ("agents_concerned", "agents concernés"),
        ("share_agents_concerned", "part des agents concernés"),
        ("agents_exposed", "agents exposés"),
        ("share_agents_exposed", "part des agents exposés"),
        ("task", "tâche"),
        ("weight", "poids"),
        ("band", "niveau d'exposition"),
        ("source", "source"),
    ];
    const MORE: [(&str, &str); 8] = [
        ("rule", "règle"),
        ("theme", "thème"),
        ("line", "ligne"),
        ("authority", "collectivité"),
        ("authority_id", "siret"),
        ("document", "document"),
        ("year", "exercice"),
        ("filiere", "filière"),
    ];
    FRENCH
        .iter()
        .chain(MORE.iter())
        .find(|(en, _)| *en == key)
        .map(|(_, fr)| fr.to_string())
        .unwrap_or_else(|| key.to_string())
}

/// How the CSV is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// `,`, UTF-8 without BOM, decimal point: for scripts.
    #[default]
    Standard,
    /// French Excel's: `;`, UTF-8 with a BOM (so Excel reads the accents), decimal comma.
    ExcelFr,
}

pub fn render(a: &Analysis, levels: &[Level], out: &mut dyn Write) -> io::Result<()> {
    render_with(a, levels, Lang::En, out, Dialect::Standard)
}

/// [`render`] in the given dialect.
/// With `Lang::Fr` the header and the class and band names are in French (for a person opening
/// the file); in English they are the stable keys of the JSON output.
pub fn render_with(
    a: &Analysis,
    levels: &[Level],
    lang: Lang,
    out: &mut dyn Write,
    dialect: Dialect,
) -> io::Result<()> {
    let class_name = |c: Class| match lang {
        Lang::En => c.key().to_string(),
        Lang::Fr => lang.class(c).to_string(),
    };
    let classes = a.method.classes();
    let mut header = fixed_columns();
    header.extend(classes.iter().map(|c| format!("agents_{}", c.key())));
    header.extend(TASK_COLUMNS.map(String::from));
    let width = header.len();
    let mut numeric: Vec<bool> = header
        .iter()
        .map(|h| !TEXT_COLUMNS.contains(&h.as_str()))
        .collect();
    // A budget document is named on every row, in columns after the others.
    let document = document_cells(a);
    if !document.is_empty() {
        header.extend(DOCUMENT_COLUMNS.map(String::from));
        numeric.extend(DOCUMENT_COLUMNS.map(|_| false));
    }
    let mut builder = csv::WriterBuilder::new();
    if dialect == Dialect::ExcelFr {
        out.write_all("\u{feff}".as_bytes())?;
        builder.delimiter(b';');
    }
    let mut w = builder.from_writer(out);
    w.write_record(header.iter().map(|h| header_name(h, lang)))
        .map_err(io_error)?;

    let num = |v: Option<f64>| v.map(format_number).unwrap_or_default();
    let group_row = |g: &GroupExposure, group: &str| -> Vec<String> {
        let mut row = vec![
            g.level.clone(),
            g.direction.clone().unwrap_or_default(),
            g.department.clone().unwrap_or_default(),
            group.to_string(),
            g.value.clone().unwrap_or_default(),
            String::new(),
            String::new(),
            format_number(g.agents),
            g.jobs.to_string(),
            g.tasks.to_string(),
            g.tasks_scored.to_string(),
            g.tasks_exposed.to_string(),
            num(g.mean),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            num(g.share_tasks_exposed),
            num(g.share_time_exposed),
            format_number(g.agents_classified),
            format_number(g.agents_concerned),
            num(g.share_agents_concerned),
            format_number(g.agents_exposed),
            num(g.share_agents_exposed),
        ];
        row.extend(
            classes
                .iter()
                .map(|c| format_number(g.agents_by_class[c.key()])),
        );
        row.resize(width, String::new());
        row
    };
    let mut write = |mut row: Vec<String>| -> io::Result<()> {
        row.extend(document.iter().cloned());
        w.write_record(row.iter().zip(&numeric).map(|(c, &numeric)| {
            if numeric && dialect == Dialect::ExcelFr {
                neutralize(&c.replace('.', ",")).into_owned()
            } else {
                neutralize(c).into_owned()
            }
        }))
        .map_err(io_error)
    };
    if levels.contains(&Level::Summary) {
        write(group_row(&a.summary, ""))?;
    }
    if levels.contains(&Level::Direction) {
        for g in &a.directions {
            write(group_row(g, ""))?;
        }
    }
    if levels.contains(&Level::Department) {
        for g in &a.departments {
            write(group_row(g, ""))?;
        }
    }
    for by in &a.by {
        for g in &by.groups {
            write(group_row(g, &by.column))?;
        }
    }
    if levels.contains(&Level::Job) {
        for j in &a.jobs {
            let mut row = vec![
                "job".to_string(),
                j.direction.clone(),
                j.department.clone(),
                String::new(),
                String::new(),
                j.job.clone(),
                j.isco.clone().unwrap_or_default(),
                format_number(j.headcount),
                String::new(),
                j.tasks.to_string(),
                j.tasks_scored.to_string(),
                j.tasks_exposed.to_string(),
                num(j.mean),
                num(j.sd),
                j.class.map(class_name).unwrap_or_default(),
                j.class_other.map(class_name).unwrap_or_default(),
                j.isco_source
                    .and_then(|s| serde_json::to_value(s).ok())
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default(),
                num(j.ilo.as_ref().map(|f| f.mean)),
                j.ilo
                    .as_ref()
                    .map(|f| class_name(f.class))
                    .unwrap_or_default(),
                String::new(),
                num(j.share_time_exposed),
            ];
            row.resize(width, String::new());
            write(row)?;
        }
    }
    if levels.contains(&Level::Task) {
        for t in a.tasks.iter().flatten() {
            let mut row = vec![
                "task".to_string(),
                t.direction.to_string(),
                t.department.to_string(),
                String::new(),
                String::new(),
                t.job.to_string(),
            ];
            row.resize(width - TASK_COLUMNS.len(), String::new());
            row.extend([
                t.task.to_string(),
                format_number(t.weight),
                num(t.score),
                t.band
                    .map(|b| match lang {
                        Lang::En => b.key().to_string(),
                        Lang::Fr => lang.t(b.label()).to_string(),
                    })
                    .unwrap_or_default(),
                serde_json::to_value(t.source)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default(),
                t.rule.unwrap_or_default().to_string(),
                t.theme.unwrap_or_default().to_string(),
                t.line.to_string(),
            ]);
            write(row)?;
        }
    }
    w.flush()
}

/// The columns naming the budget document read, when the roster is one.
pub const DOCUMENT_COLUMNS: [&str; 4] = ["authority", "authority_id", "document", "year"];

/// `DOCUMENT_COLUMNS` for a budget document, none otherwise.
pub fn document_columns(a: &Analysis) -> &'static [&'static str] {
    match a.document {
        Some(_) => &DOCUMENT_COLUMNS,
        None => &[],
    }
}

/// The cells of `DOCUMENT_COLUMNS` (none when the roster is not a budget document).
pub fn document_cells(a: &Analysis) -> Vec<String> {
    a.document
        .iter()
        .flat_map(|d| {
            [
                d.authority.clone(),
                d.authority_id.clone(),
                d.short(),
                d.year.clone(),
            ]
        })
        .collect()
}

/// Writes a row of text cells, then the cells naming the budget document (`document_cells`),
/// each neutralised against formula injection.
pub fn write_row<W: Write>(
    w: &mut csv::Writer<W>,
    cells: &[String],
    document: &[String],
) -> io::Result<()> {
    w.write_record(
        cells
            .iter()
            .chain(document)
            .map(|c| neutralize(c).into_owned()),
    )
    .map_err(io_error)
}

/// A csv error as an io error, keeping the io kind (a closed pipe must stay a closed pipe).
pub fn io_error(e: csv::Error) -> io::Error {
    if !matches!(e.kind(), csv::ErrorKind::Io(_)) {
        return io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Shortest exact decimal, never an exponent.
fn format_number(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('e') {
        format!("{x:.6}")
    } else {
        s
    }
}

/// A cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return) would be run as a
/// formula by spreadsheets: prefix it with an apostrophe.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralizes_formulas() {
        assert_eq!(neutralize("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralize("@cmd"), "'@cmd");
        assert_eq!(neutralize("-2+3"), "'-2+3");
        assert_eq!(neutralize("Agent"), "Agent");
        assert_eq!(format_number(0.25), "0.25");
        assert_eq!(format_number(3.0), "3");
    }
}
