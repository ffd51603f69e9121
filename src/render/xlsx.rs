//! The workbook: one sheet per level (summary, directions, departments, jobs, tasks, and one per
//! `--by` column), with real numbers under number formats (shares as percentages), a frozen
//! header row, an autofilter and column widths that fit. Text cells that a spreadsheet would
//! run as a formula are neutralised as in the CSV. The same analysis gives the same bytes (the
//! document's creation date is fixed, the zip entries carry no time).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use rust_xlsxwriter::{
    Chart, ChartType, Color, DocProperties, ExcelDateTime, Format, Table, TableColumn, Workbook,
    XlsxError,
};

use super::figures::{self, Column, Kind, Value};
use crate::aggregate::GroupExposure;
use crate::analysis::Analysis;
use crate::cli::Level;
use crate::i18n::{Grouping, Lang};
use crate::render::csv::neutralize;
use crate::render::view::View;

/// Excel's limits: characters in a cell, rows in a sheet, characters in a sheet name.
const MAX_CELL: usize = 32_767;
const MAX_ROWS: usize = 1_048_576;
const MAX_SHEET_NAME: usize = 31;
/// Widest column, in pixels (long task texts would otherwise make unreadable columns).
const MAX_WIDTH: u32 = 420;

enum Cell {
    Text(String),
    Number(f64),
    /// A number under the format of its own kind, in a column of mixed figures.
    Figure(f64, Kind),
    Empty,
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn num(v: f64) -> Cell {
    if v.is_finite() {
        Cell::Number(v)
    } else {
        Cell::Empty
    }
}

fn opt(v: Option<f64>) -> Cell {
    v.map(num).unwrap_or(Cell::Empty)
}

/// A number under the format of its own kind (the summary's column of mixed figures).
fn fig(v: f64, kind: Kind) -> Cell {
    match num(v) {
        Cell::Number(v) => Cell::Figure(v, kind),
        other => other,
    }
}

struct Sheet {
    name: String,
    columns: Vec<Header>,
    rows: Vec<Vec<Cell>>,
    /// A line under the header when the sheet has no rows, saying why.
    empty_note: Option<String>,
    /// A native chart of some of the sheet's cells.
    chart: Option<ChartSpec>,
}

/// A column of a sheet: its title, the kind that decides its number format, and the catalogue
/// key of its figure ("" for a column that is not one).
#[derive(Clone)]
struct Header {
    title: String,
    kind: Kind,
    key: &'static str,
}

impl Header {
    fn new(title: impl Into<String>, kind: Kind, key: &'static str) -> Self {
        Header {
            title: title.into(),
            kind,
            key,
        }
    }
}

/// A figure as a workbook cell: numbers stay numbers (under the format of their kind), words
/// are in the reader's language.
fn cell(value: Value, lang: Lang) -> Cell {
    match value {
        Value::Num(v) => opt(v),
        Value::Text(t) => text(t.unwrap_or_default()),
        Value::Theme(t) => text(t.map(|t| figures::theme(t, lang)).unwrap_or_default()),
        Value::Task(t, rule) => text(crate::ilo::task_in(t, rule, lang).to_string()),
        Value::Class(c) => text(c.map(|c| lang.class(c)).unwrap_or("")),
        Value::Key(k) => text(
            k.map(|(_, label)| lang.tr(&label).to_string())
                .unwrap_or_default(),
        ),
        _ => Cell::Empty,
    }
}

/// The workbook's columns of a catalogue, those it has (leads excluded): one per class of the
/// method for agents by class.
fn sheet_columns<T>(
    columns: &[Column<T>],
    lang: Lang,
    classes: &[crate::classify::Class],
) -> Vec<Header> {
    let mut out = Vec::new();
    for c in columns.iter().filter(|c| c.sheet && !c.lead) {
        if c.kind == Kind::Classes {
            out.extend(
                classes
                    .iter()
                    .map(|k| Header::new(lang.class(*k), Kind::Agents, c.key)),
            );
        } else {
            out.push(Header::new(lang.t(c.label), c.kind, c.key));
        }
    }
    out
}

/// The cells of [`sheet_columns`] for one row.
fn sheet_cells<T>(
    columns: &[Column<T>],
    row: &T,
    lang: Lang,
    classes: &[crate::classify::Class],
) -> Vec<Cell> {
    let mut out = Vec::new();
    for c in columns.iter().filter(|c| c.sheet && !c.lead) {
        match (c.get)(row) {
            Value::Classes(by) => out.extend(
                classes
                    .iter()
                    .map(|k| num(by.get(k.key()).copied().unwrap_or(0.0))),
            ),
            v => out.push(cell(v, lang)),
        }
    }
    out
}

/// The lead columns (where a row is) of a catalogue, by key.
fn lead_columns<'c, T>(columns: &'c [Column<T>], keys: &[&str]) -> Vec<&'c Column<T>> {
    keys.iter()
        .filter_map(|k| columns.iter().find(|c| c.lead && c.key == *k))
        .collect()
}

/// A chart of one column of a sheet against another, over rows `rows` (1-based under the
/// header, inclusive), drawn at `at` (row, column).
struct ChartSpec {
    kind: ChartType,
    title: String,
    categories: u16,
    values: u16,
    rows: (u32, u32),
    at: (u32, u16),
    /// A colour per point (the report's class colours), or none.
    colours: Vec<&'static str>,
    /// The value axis' number format.
    axis_format: &'static str,
}

/// Writes the workbook of every level to `path`, atomically.
pub fn render(a: &Analysis, lang: Lang, path: &Path) -> Result<()> {
    let levels = [
        Level::Summary,
        Level::Direction,
        Level::Department,
        Level::Job,
        Level::Task,
    ];
    render_levels(&View::whole(a, &levels), lang, path)
}

/// Writes the workbook of the given levels to `path`, atomically.
pub fn render_levels(a: &View, lang: Lang, path: &Path) -> Result<()> {
    let bytes = to_bytes(a, lang)
        .with_context(|| format!("cannot build the workbook {}", path.display()))?;
    crate::output::write(Some(path), |out: &mut dyn Write, _| out.write_all(&bytes))
}

/// The workbook's bytes.
pub fn to_bytes(a: &View, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(super::title(a, lang))
            .set_author("exposure")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2025, 1, 1)?),
    );
    let note = Format::new()
        .set_italic()
        .set_font_color(Color::RGB(0x5B6474));
    let mut names: Vec<String> = Vec::new();
    let sheets = sheets(a, lang)
        .into_iter()
        .flat_map(|sheet| split(sheet, MAX_ROWS - 1));
    for sheet in sheets {
        let name = unique_name(&sheet.name, &names);
        names.push(name.clone());
        let ws = workbook.add_worksheet();
        ws.set_name(&name)?;
        let formats: Vec<Format> = sheet
            .columns
            .iter()
            .enumerate()
            .map(|(i, h)| number_format(h.kind, &sheet.rows, i))
            .collect();
        let rows = sheet.rows.len();
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (col, cell) in row.iter().enumerate() {
                let col = col as u16;
                match cell {
                    Cell::Text(s) if !s.is_empty() => {
                        ws.write_string(r, col, cell_text(s))?;
                    }
                    Cell::Number(v) => {
                        ws.write_number_with_format(r, col, *v, &formats[col as usize])?;
                    }
                    Cell::Figure(v, kind) => {
                        let format = number_format(*kind, std::slice::from_ref(row), col as usize);
                        ws.write_number_with_format(r, col, *v, &format)?;
                    }
                    _ => {}
                }
            }
        }
        if let (0, Some(text)) = (rows, &sheet.empty_note) {
            ws.write_string_with_format(1, 0, text, &note)?;
        }
        let last_col = sheet.columns.len().saturating_sub(1) as u16;
        ws.set_freeze_panes(1, 0)?;
        // An Excel Table (its header, filters and banded rows) over the header and the rows, or
        // the note when there are none: a Table has at least one row.
        let columns: Vec<TableColumn> = table_headers(&sheet.columns)
            .into_iter()
            .map(|h| TableColumn::new().set_header(h))
            .collect();
        ws.add_table(
            0,
            0,
            rows.max(1) as u32,
            last_col,
            &Table::new().set_columns(&columns),
        )?;
        if let Some(spec) = &sheet.chart {
            ws.insert_chart(spec.at.0, spec.at.1, &chart(spec, &name))?;
        }
        ws.set_autofit_max_width(MAX_WIDTH);
        ws.autofit();
    }
    workbook.save_to_buffer()
}

/// The header of each column, as written (neutralised), unique as a Table needs (a `--by`
/// column may be named like a figure): a repeated one gets ` (2)`, ` (3)`…
fn table_headers(columns: &[Header]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, h) in columns.iter().enumerate() {
        let base = cell_text(&h.title);
        let base = if base.is_empty() {
            format!("{}", i + 1)
        } else {
            base
        };
        let taken = |h: &str| out.iter().any(|o| o.to_lowercase() == h.to_lowercase());
        let mut header = base.clone();
        let mut n = 2;
        while taken(&header) {
            header = format!("{base} ({n})");
            n += 1;
        }
        out.push(header);
    }
    out
}

/// The native chart of a sheet named `sheet`.
fn chart(spec: &ChartSpec, sheet: &str) -> Chart {
    let mut chart = Chart::new(spec.kind);
    let (first, last) = spec.rows;
    let series = chart
        .add_series()
        .set_categories((sheet, first, spec.categories, last, spec.categories))
        .set_values((sheet, first, spec.values, last, spec.values));
    if !spec.colours.is_empty() {
        let colours: Vec<Color> = spec
            .colours
            .iter()
            .map(|c| Color::RGB(u32::from_str_radix(&c[1..], 16).unwrap_or(0)))
            .collect();
        series.set_point_colors(&colours);
    }
    chart.title().set_name(&spec.title);
    chart.legend().set_hidden();
    if spec.kind == ChartType::Bar {
        // In a bar chart the x axis is the values'; the categories run down in the sheet's order.
        chart.x_axis().set_num_format(spec.axis_format);
        chart.y_axis().set_reverse();
    } else {
        chart.y_axis().set_num_format(spec.axis_format);
    }
    let bars = last + 1 - first;
    chart
        .set_width(640)
        .set_height((22 * bars + 120).clamp(300, 1400));
    chart
}

/// A sheet cut into sheets of at most `per` rows under the same header, named as the first
/// with ` (2)`, ` (3)`… (`unique_name`): a sheet holds 1,048,576 rows, and no row is left out.
fn split(mut sheet: Sheet, per: usize) -> Vec<Sheet> {
    if sheet.rows.len() <= per {
        return vec![sheet];
    }
    let mut parts = Vec::new();
    let mut rest = std::mem::take(&mut sheet.rows);
    while !rest.is_empty() {
        let tail = rest.split_off(per.min(rest.len()));
        parts.push(Sheet {
            name: sheet.name.clone(),
            columns: sheet.columns.clone(),
            rows: std::mem::replace(&mut rest, tail),
            empty_note: None,
            chart: None,
        });
    }
    parts
}

/// A text cell as written: neutralised against formulas, within Excel's length.
fn cell_text(s: &str) -> String {
    let s = neutralize(s);
    if s.chars().count() > MAX_CELL {
        s.chars().take(MAX_CELL - 1).chain(['…']).collect()
    } else {
        s.into_owned()
    }
}

fn number_format(kind: Kind, rows: &[Vec<Cell>], col: usize) -> Format {
    let code = match kind {
        Kind::Count => "#,##0",
        Kind::Agents => {
            let whole = rows.iter().all(|r| match r.get(col) {
                Some(Cell::Number(v) | Cell::Figure(v, _)) => v.fract() == 0.0,
                _ => true,
            });
            if whole { "#,##0" } else { "#,##0.0" }
        }
        Kind::Score => "0.00",
        Kind::Share => "0.0%",
        // Task weights: a share of time or hours.
        Kind::Number => "#,##0.00",
        Kind::Class | Kind::Key | Kind::Text | Kind::Classes => "General",
    };
    Format::new().set_num_format(code)
}

/// A valid sheet name (no `[]:*?/\`, at most 31 characters), distinct from those taken.
fn unique_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let clean = if clean.is_empty() { "Sheet" } else { clean };
    let base: String = clean.chars().take(MAX_SHEET_NAME).collect();
    let lower = |s: &str| s.to_lowercase();
    if !taken.iter().any(|t| lower(t) == lower(&base)) {
        return base;
    }
    for n in 2.. {
        let suffix = format!(" ({n})");
        let stem: String = clean
            .chars()
            .take(MAX_SHEET_NAME - suffix.chars().count())
            .collect();
        let name = format!("{stem}{suffix}");
        if !taken.iter().any(|t| lower(t) == lower(&name)) {
            return name;
        }
    }
    unreachable!("some suffix is free")
}

/// The budget document read: whose, which, what year.
fn document(d: &crate::budget::Document, lang: Lang) -> Sheet {
    let rows = [
        (lang.t("Authority"), d.authority.clone()),
        (lang.t("SIRET"), d.authority_id.clone()),
        (lang.t("Budget"), d.budget.clone()),
        (lang.t("Document"), d.name()),
        (lang.t("Year"), d.year.clone()),
    ];
    Sheet {
        name: lang.t("Document").to_string(),
        columns: vec![
            Header::new(lang.t("Item"), Kind::Text, ""),
            Header::new(lang.t("Value"), Kind::Text, ""),
        ],
        rows: rows
            .into_iter()
            .map(|(k, v)| vec![text(k), text(v)])
            .collect(),
        empty_note: None,
        chart: None,
    }
}

fn sheets(a: &View, lang: Lang) -> Vec<Sheet> {
    let levels = &a.levels;
    let mut out = Vec::new();
    if let Some(d) = &a.document {
        out.push(document(d, lang));
    }
    if levels.contains(&Level::Summary) {
        out.push(summary(a, lang));
    }
    let (direction, department) = (a.grouping.direction, a.grouping.department);
    if levels.contains(&Level::Direction) {
        let mut sheet = groups(
            a,
            lang,
            direction.heading(lang, true),
            Lead::Keys(&["direction"]),
            &a.directions,
            &lang.fill_about("The roster has no {direction} column.", a.grouping, &[]),
        );
        sheet.chart = directions_chart(&sheet, a.grouping, lang);
        out.push(sheet);
    }
    if levels.contains(&Level::Department) {
        let keys: &[&str] = if a.has_direction {
            &["direction", "department"]
        } else {
            &["department"]
        };
        out.push(groups(
            a,
            lang,
            department.heading(lang, true),
            Lead::Keys(keys),
            &a.departments,
            &lang.fill_about("The roster has no {department} column.", a.grouping, &[]),
        ));
    }
    for by in &a.by {
        let name = format!("{} {}", lang.t("By"), by.column);
        out.push(groups(
            a,
            lang,
            &name,
            Lead::Value(by.column),
            &by.groups,
            "",
        ));
    }
    if levels.contains(&Level::Job) {
        out.push(jobs(a, lang));
    }
    if levels.contains(&Level::Task) {
        out.push(tasks(a, lang));
    }
    out
}

/// Directions by mean exposure: a bar chart under the table (directions a sheet holds: the
/// chart is on the first when a sheet is split, which directions never are in practice).
fn directions_chart(sheet: &Sheet, grouping: Grouping, lang: Lang) -> Option<ChartSpec> {
    let values = sheet.columns.iter().position(|h| h.key == "mean")? as u16;
    let n = sheet.rows.len().min(MAX_ROWS - 1) as u32;
    (n > 0).then(|| ChartSpec {
        kind: ChartType::Bar,
        title: lang.fill_about("{Directions} by mean exposure", grouping, &[]),
        categories: 0,
        values,
        rows: (1, n),
        at: (n + 3, 0),
        colours: Vec::new(),
        axis_format: "0.00",
    })
}

/// The columns naming a group: lead columns of the catalogue, or a `--by` column's value.
enum Lead<'a> {
    Keys(&'a [&'a str]),
    Value(&'a str),
}

fn summary(a: &Analysis, lang: Lang) -> Sheet {
    let s = &a.summary;
    // The values are figures of several kinds, each cell under its own format.
    let columns = vec![
        Header::new(lang.t("Indicator"), Kind::Text, ""),
        Header::new(lang.t("Value"), Kind::Text, ""),
        Header::new(lang.t("Share"), Kind::Share, ""),
    ];
    let mut rows = vec![
        vec![
            text(lang.t("Method")),
            text(lang.method(a.method)),
            Cell::Empty,
        ],
        vec![
            text(lang.t("Rosters")),
            text(
                a.files
                    .iter()
                    .map(|f| f.file.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Cell::Empty,
        ],
        vec![
            text(lang.t("Rubric")),
            text(format!(
                "{} ({} {})",
                super::rubric_name(&a.rubric_source, lang),
                a.rubric_rules,
                lang.t("rules")
            )),
            Cell::Empty,
        ],
        vec![
            text(lang.t("Agents")),
            fig(s.agents, Kind::Agents),
            Cell::Empty,
        ],
        vec![
            text(lang.t("Jobs")),
            fig(s.jobs as f64, Kind::Count),
            Cell::Empty,
        ],
        vec![
            text(lang.t("Tasks")),
            fig(s.tasks as f64, Kind::Count),
            Cell::Empty,
        ],
        vec![
            text(lang.t("Tasks scored")),
            fig(s.tasks_scored as f64, Kind::Count),
            Cell::Empty,
        ],
        vec![
            text(lang.t("Tasks exposed (score ≥ 0.50)")),
            fig(s.tasks_exposed as f64, Kind::Count),
            opt(s.share_tasks_exposed),
        ],
        vec![
            text(lang.t("Working time exposed")),
            Cell::Empty,
            opt(s.share_time_exposed),
        ],
        vec![
            text(lang.t("Mean exposure (headcount-weighted)")),
            s.mean.map(|m| fig(m, Kind::Score)).unwrap_or(Cell::Empty),
            Cell::Empty,
        ],
        vec![
            text(lang.t("Agents classified")),
            fig(s.agents_classified, Kind::Agents),
            Cell::Empty,
        ],
        vec![
            text(lang.t("Agents concerned")),
            fig(s.agents_concerned, Kind::Agents),
            opt(s.share_agents_concerned),
        ],
        vec![
            text(lang.t("Agents in exposed jobs")),
            fig(s.agents_exposed, Kind::Agents),
            opt(s.share_agents_exposed),
        ],
    ];
    // Agents by class: a column chart right of the table, in the report's class colours.
    let first_class = rows.len() as u32 + 1;
    let classes = a.method.classes();
    let chart = ChartSpec {
        kind: ChartType::Column,
        title: lang.t("Agents by class").to_string(),
        categories: 0,
        values: 1,
        rows: (first_class, first_class + classes.len() as u32 - 1),
        at: (1, 4),
        colours: classes.iter().map(|c| super::html::colour(*c).0).collect(),
        axis_format: "#,##0",
    };
    for &class in classes {
        let n = s.agents_by_class.get(class.key()).copied().unwrap_or(0.0);
        rows.push(vec![
            text(format!(
                "{}{}{}",
                lang.t("Agents"),
                lang.colon(),
                lang.class(class)
            )),
            fig(n, Kind::Agents),
            opt((s.agents_classified > 0.0).then(|| n / s.agents_classified)),
        ]);
    }
    rows.push(vec![
        text(lang.t("Tasks not scored")),
        fig(a.unscored.len() as f64, Kind::Count),
        Cell::Empty,
    ]);
    rows.push(vec![
        text(lang.t("Jobs without tasks left unmapped")),
        fig(a.unmapped.len() as f64, Kind::Count),
        Cell::Empty,
    ]);
    Sheet {
        name: lang.t("Summary").to_string(),
        columns,
        rows,
        empty_note: None,
        chart: Some(chart),
    }
}

fn groups(
    a: &Analysis,
    lang: Lang,
    name: &str,
    lead: Lead,
    list: &[&GroupExposure],
    empty: &str,
) -> Sheet {
    let catalogue = figures::group();
    let classes = a.method.classes();
    let leads = match lead {
        Lead::Keys(keys) => lead_columns(&catalogue, keys),
        Lead::Value(_) => Vec::new(),
    };
    let mut columns: Vec<Header> = match lead {
        Lead::Keys(_) => leads
            .iter()
            .map(|c| {
                Header::new(
                    figures::heading(c, false, a.grouping, lang),
                    Kind::Text,
                    c.key,
                )
            })
            .collect(),
        Lead::Value(column) => vec![Header::new(column, Kind::Text, "value")],
    };
    columns.extend(sheet_columns(&catalogue, lang, classes));
    let rows = list
        .iter()
        .map(|g| {
            let mut row: Vec<Cell> = match lead {
                Lead::Keys(_) => leads.iter().map(|c| cell((c.get)(g), lang)).collect(),
                Lead::Value(_) => vec![text(g.value.as_deref().unwrap_or_default().to_string())],
            };
            row.extend(sheet_cells(&catalogue, *g, lang, classes));
            row
        })
        .collect();
    Sheet {
        name: name.to_string(),
        columns,
        rows,
        empty_note: (!empty.is_empty()).then(|| empty.to_string()),
        chart: None,
    }
}

/// A sheet of rows of one catalogue, every column the workbook has, leads first.
fn listing<T, R: std::borrow::Borrow<T>>(
    catalogue: &[Column<T>],
    rows: impl Iterator<Item = R>,
    grouping: Grouping,
    lang: Lang,
    name: &str,
) -> Sheet {
    let leads = lead_columns(catalogue, &["direction", "department"]);
    let mut columns: Vec<Header> = leads
        .iter()
        .map(|c| {
            Header::new(
                figures::heading(c, false, grouping, lang),
                Kind::Text,
                c.key,
            )
        })
        .collect();
    columns.extend(sheet_columns(catalogue, lang, &[]));
    let rows = rows
        .map(|r| {
            let r = r.borrow();
            let mut row: Vec<Cell> = leads.iter().map(|c| cell((c.get)(r), lang)).collect();
            row.extend(sheet_cells(catalogue, r, lang, &[]));
            row
        })
        .collect();
    Sheet {
        name: name.to_string(),
        columns,
        rows,
        empty_note: None,
        chart: None,
    }
}

fn jobs(a: &View, lang: Lang) -> Sheet {
    listing(
        &figures::job(),
        a.jobs.iter().copied(),
        a.grouping,
        lang,
        lang.t("Jobs"),
    )
}

fn tasks(a: &Analysis, lang: Lang) -> Sheet {
    let mut sheet = listing(
        &figures::task(),
        a.tasks.iter().flatten(),
        a.grouping,
        lang,
        lang.t("Tasks"),
    );
    sheet.empty_note = a.tasks.is_none().then(|| {
        lang.t("The per-task listing was not kept (score --level task keeps it).")
            .to_string()
    });
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_analysis_same_bytes() {
        let a = crate::render::html::tests::commune(true);
        let levels = [Level::Summary, Level::Job, Level::Task];
        let view = View::whole(&a, &levels);
        let first = to_bytes(&view, Lang::Fr).unwrap();
        assert_eq!(first, to_bytes(&view, Lang::Fr).unwrap());
        assert!(first.starts_with(b"PK"));
    }

    /// The job and task sheets have the catalogue's workbook columns in its order, the group
    /// sheets a column per class for agents by class, the directions chart plots the column
    /// keyed `mean` whatever its label, and stable values read in the reader's language.
    #[test]
    fn sheets_follow_the_catalogue() {
        let a = crate::render::html::tests::commune(true);
        let levels = [Level::Direction, Level::Job, Level::Task];
        let view = View::whole(&a, &levels);
        fn keys<T>(columns: &[Column<T>]) -> Vec<&'static str> {
            columns.iter().filter(|c| c.sheet).map(|c| c.key).collect()
        }
        for lang in [Lang::En, Lang::Fr] {
            let sheets = sheets(&view, lang);
            let sheet = |name: &str| sheets.iter().find(|s| s.name == lang.tr(name)).unwrap();
            let columns =
                |name: &str| -> Vec<&str> { sheet(name).columns.iter().map(|h| h.key).collect() };
            assert_eq!(columns("Jobs"), keys(&figures::job()));
            assert_eq!(columns("Tasks"), keys(&figures::task()));
            let directions = sheet("Directions");
            let classes = a.method.classes().len();
            let by_class = columns("Directions")
                .iter()
                .filter(|k| **k == "agents_by_class")
                .count();
            assert_eq!(by_class, classes);
            let chart = directions.chart.as_ref().unwrap();
            let mean = &directions.columns[chart.values as usize];
            assert_eq!((mean.key, mean.title.as_str()), ("mean", lang.t("Mean")));
        }
        let sheets = sheets(&view, Lang::Fr);
        let tasks = sheets.iter().find(|s| s.name == "Tâches").unwrap();
        let source = tasks
            .columns
            .iter()
            .position(|h| h.key == "source")
            .unwrap();
        for row in &tasks.rows {
            let Cell::Text(s) = &row[source] else {
                panic!("a source is text")
            };
            assert!(!["manual", "code", "rubric", "ilo", "none"].contains(&s.as_str()));
        }
    }

    #[test]
    fn sheet_names_are_valid_and_distinct() {
        let taken = vec!["Jobs".to_string()];
        assert_eq!(unique_name("jobs", &taken), "jobs (2)");
        assert_eq!(unique_name("Par a/b:c", &taken), "Par a_b_c");
        assert_eq!(unique_name("", &taken), "Sheet");
        let long = "x".repeat(40);
        assert_eq!(unique_name(&long, &taken).chars().count(), 31);
        let taken = vec![long.chars().take(31).collect::<String>()];
        let second = unique_name(&long, &taken);
        assert!(second.ends_with(" (2)") && second.chars().count() == 31);
    }

    #[test]
    fn a_sheet_longer_than_a_sheet_holds_goes_on_in_the_next() {
        let sheet = Sheet {
            name: "Tâches".into(),
            columns: vec![Header::new("Tâche", Kind::Text, "task")],
            rows: (0..5).map(|i| vec![Cell::Number(i as f64)]).collect(),
            empty_note: None,
            chart: None,
        };
        let parts = split(sheet, 2);
        assert_eq!(parts.len(), 3);
        let values: Vec<Vec<f64>> = parts
            .iter()
            .map(|p| {
                p.rows
                    .iter()
                    .map(|r| match r[0] {
                        Cell::Number(v) => v,
                        _ => f64::NAN,
                    })
                    .collect()
            })
            .collect();
        assert_eq!(values, [vec![0.0, 1.0], vec![2.0, 3.0], vec![4.0]]);
        assert!(
            parts
                .iter()
                .all(|p| p.name == "Tâches" && p.columns.len() == 1)
        );
        let mut taken = Vec::new();
        for p in &parts {
            let name = unique_name(&p.name, &taken);
            taken.push(name);
        }
        assert_eq!(taken, ["Tâches", "Tâches (2)", "Tâches (3)"]);
    }

    #[test]
    fn text_cells_are_neutralised_and_bounded() {
        assert_eq!(cell_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell_text("+33 1"), "'+33 1");
        assert_eq!(cell_text("Agent"), "Agent");
        assert_eq!(cell_text(&"a".repeat(40_000)).chars().count(), MAX_CELL);
    }
}
