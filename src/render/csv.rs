//! Flat CSV: one row per group, job or task, with a `level` column, so one file opens in a
//! spreadsheet and filters by level. Text cells that a spreadsheet would run as a formula are
//! neutralised.

use std::io::{self, Write};

use super::View;
use super::figures::{self, Column, Kind, Value};
use crate::aggregate::GroupExposure;
use crate::analysis::Analysis;
use crate::classify::Class;
use crate::cli::Level;
use crate::i18n::{Grouping, Lang};

/// The file's columns, in the order scripts have always read them: the names of
/// `figures` columns, the level of the row first; `agents_` stands for one column per class
/// of the method. A catalogue column with a CSV name not listed here comes after these.
const LAYOUT: [&str; 35] = [
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
    "agents_",
    "task",
    "weight",
    "score",
    "band",
    "source",
    "rule",
    "theme",
    "line",
];

/// A column's name in the reader's language (the English names are the JSON keys); in French,
/// the group levels' columns are named by what the levels are (`grouping`).
pub(crate) fn header_name(key: &str, lang: Lang, grouping: Grouping) -> String {
    if let Some(class) = key.strip_prefix("agents_").and_then(Class::from_key) {
        return match lang {
            Lang::En => key.to_string(),
            Lang::Fr => format!("{} {}", lang.t("agents"), lang.class(class)),
        };
    }
    match (lang, grouping.noun(key)) {
        (Lang::Fr, Some(noun)) => noun.word(lang, false),
        _ => lang.tr(key).to_string(),
    }
}

/// Where a header's cell comes from, for one kind of row.
#[derive(Clone, Copy)]
enum Slot {
    Empty,
    /// The `level` of a job or task row, which the row itself does not hold.
    Level(&'static str),
    Column(usize),
    /// Agents of a class (its key), from the row's `Classes` column.
    Class(usize, &'static str),
}

/// The header's names: the layout, with a column per class, then the catalogue's other CSV
/// columns.
fn header(a: &Analysis) -> Vec<String> {
    let classes = a.method.classes();
    let mut names: Vec<String> = Vec::new();
    for name in LAYOUT {
        if name == "agents_" {
            names.extend(classes.iter().map(|c| format!("agents_{}", c.key())));
        } else {
            names.push(name.to_string());
        }
    }
    let more = figures::group()
        .iter()
        .map(|c| c.csv)
        .chain(figures::job().iter().map(|c| c.csv))
        .chain(figures::task().iter().map(|c| c.csv))
        .filter(|n| !n.is_empty() && !LAYOUT.contains(n))
        .collect::<Vec<_>>();
    for name in more {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

/// For each header name, where a row of `columns` gets its cell.
fn slots<T>(header: &[String], columns: &[Column<T>], level: Option<&'static str>) -> Vec<Slot> {
    header
        .iter()
        .map(|name| {
            if let (Some(level), "level") = (level, name.as_str()) {
                return Slot::Level(level);
            }
            if let Some(i) = columns.iter().position(|c| c.csv == name) {
                return Slot::Column(i);
            }
            match (
                name.strip_prefix("agents_").and_then(Class::from_key),
                columns.iter().position(|c| c.kind == Kind::Classes),
            ) {
                (Some(class), Some(i)) => Slot::Class(i, class.key()),
                _ => Slot::Empty,
            }
        })
        .collect()
}

/// The cells of one row.
fn cells<T>(
    row: &T,
    columns: &[Column<T>],
    slots: &[Slot],
    lang: Lang,
    excel: bool,
) -> Vec<String> {
    slots
        .iter()
        .map(|slot| match *slot {
            Slot::Empty => String::new(),
            Slot::Level(level) => {
                Value::Key(Some((level.into(), level.into()))).csv(lang, Kind::Key, excel)
            }
            Slot::Column(i) => (columns[i].get)(row).csv(lang, columns[i].kind, excel),
            Slot::Class(i, key) => match (columns[i].get)(row) {
                Value::Classes(by) => {
                    Value::Num(by.get(key).copied()).csv(lang, Kind::Agents, excel)
                }
                _ => String::new(),
            },
        })
        .collect()
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

pub fn render(a: &View, out: &mut dyn Write) -> io::Result<()> {
    render_with(a, Lang::En, out, Dialect::Standard)
}

/// [`render`] in the given dialect.
/// With `Lang::Fr` the header and the class and band names are in French (for a person opening
/// the file); in English they are the stable keys of the JSON output.
pub fn render_with(a: &View, lang: Lang, out: &mut dyn Write, dialect: Dialect) -> io::Result<()> {
    let excel = dialect == Dialect::ExcelFr;
    let header = header(a);
    let mut names: Vec<String> = header
        .iter()
        .map(|h| header_name(h, lang, a.grouping))
        .collect();
    // A budget document is named on every row, in columns after the others.
    let document = document_cells(a);
    if !document.is_empty() {
        names.extend(DOCUMENT_COLUMNS.map(|h| header_name(h, lang, a.grouping)));
    }
    let mut builder = csv::WriterBuilder::new();
    if excel {
        out.write_all("\u{feff}".as_bytes())?;
        builder.delimiter(b';');
    }
    let mut w = builder.from_writer(out);
    w.write_record(&names).map_err(io_error)?;
    let mut write = |row: Vec<String>| -> io::Result<()> {
        w.write_record(
            row.iter()
                .chain(&document)
                .map(|c| neutralize(c).into_owned()),
        )
        .map_err(io_error)
    };
    let groups = figures::group();
    let group_slots = slots(&header, &groups, None);
    // `--by` groups name their column under `group`.
    let group_at = header.iter().position(|h| h == "group");
    let mut group_rows = |list: &[&GroupExposure], by: &str| -> io::Result<()> {
        for g in list {
            let mut row = cells(*g, &groups, &group_slots, lang, excel);
            if let Some(at) = group_at {
                row[at] = by.to_string();
            }
            write(row)?;
        }
        Ok(())
    };
    if a.has(Level::Summary) {
        group_rows(&[&a.summary], "")?;
    }
    if a.has(Level::Direction) {
        group_rows(&a.directions, "")?;
    }
    if a.has(Level::Department) {
        group_rows(&a.departments, "")?;
    }
    for by in &a.by {
        group_rows(&by.groups, by.column)?;
    }
    if a.has(Level::Job) {
        let jobs = figures::job();
        let job_slots = slots(&header, &jobs, Some("job"));
        for j in &a.jobs {
            write(cells(*j, &jobs, &job_slots, lang, excel))?;
        }
    }
    if let (true, Some(tasks)) = (a.has(Level::Task), &a.tasks) {
        let columns = figures::task();
        let task_slots = slots(&header, &columns, Some("task"));
        for t in tasks.iter() {
            write(cells(&t, &columns, &task_slots, lang, excel))?;
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
        assert_eq!(figures::number(0.25), "0.25");
        assert_eq!(figures::number(3.0), "3");
    }
}
