//! `exposure score`: the whole pipeline, rendered.

use anyhow::Result;

use crate::cli::{CsvDialect, Level, ScoreArgs, ScoreFormat};
use crate::output::emit;
use crate::render::{self, View};

pub fn levels(args: &[Level]) -> Vec<Level> {
    let mut levels = if args.is_empty() {
        Level::DEFAULT.to_vec()
    } else {
        args.to_vec()
    };
    levels.sort();
    levels.dedup();
    levels
}

pub fn run(args: &ScoreArgs, warn: &mut dyn FnMut(String)) -> Result<()> {
    if args.format == ScoreFormat::Xlsx
        && args.output.as_deref().is_none_or(|p| p.as_os_str() == "-")
    {
        anyhow::bail!(crate::messages::xlsx_needs_output());
    }
    if args.csv_dialect != CsvDialect::Standard && args.format != ScoreFormat::Csv {
        warn(crate::messages::csv_dialect_ignored(args.view.lang));
    }
    if crate::years::wanted(&args.input.rosters) {
        return years(args, warn);
    }
    let levels = levels(&args.level);
    let keep_tasks = levels.contains(&Level::Task);
    let (analysis, rubric) = super::analyze_input(&args.input, &args.by, keep_tasks, false, warn)?;
    // The process ends soon: freeing the rubric's thousands of small parts would only delay it.
    std::mem::forget(rubric);
    let view = render::View::arranged(&analysis, &levels, args.view.sort, args.view.top);
    let written = write(&view, args);
    drop(view);
    // The process ends next: freeing tens of thousands of jobs one by one would only delay it.
    std::mem::forget(analysis);
    written
}

/// Several budget documents: the year-over-year view.
fn years(args: &ScoreArgs, warn: &mut dyn FnMut(String)) -> Result<()> {
    if args.format == ScoreFormat::Xlsx {
        anyhow::bail!(crate::messages::years_not_as_workbook());
    }
    let mut y = super::compare_years(&args.input, warn)?;
    if let Some(n) = args.view.top {
        y.keep_top(n);
    }
    let lang = args.view.lang;
    let dialect = match args.csv_dialect {
        CsvDialect::Standard => render::csv::Dialect::Standard,
        CsvDialect::ExcelFr => render::csv::Dialect::ExcelFr,
    };
    emit(args.output.as_deref(), |out, terminal| match args.format {
        ScoreFormat::Json => render::years::json(&y, out),
        ScoreFormat::Csv => render::years::csv(&y, lang, out, dialect),
        ScoreFormat::Markdown => render::years::markdown(&y, lang, out),
        _ => render::years::table(&y, lang, out, terminal),
    })
}

fn write(view: &View, args: &ScoreArgs) -> Result<()> {
    let lang = args.view.lang;
    if let (ScoreFormat::Xlsx, Some(path)) = (args.format, args.output.as_deref()) {
        return render::xlsx::render_levels(view, lang, path);
    }
    let dialect = match args.csv_dialect {
        CsvDialect::Standard => render::csv::Dialect::Standard,
        CsvDialect::ExcelFr => render::csv::Dialect::ExcelFr,
    };
    emit(args.output.as_deref(), |out, terminal| match args.format {
        ScoreFormat::Table => render::table::render(view, lang, out, terminal),
        ScoreFormat::Json => render::json::render(view, lang, out),
        ScoreFormat::Csv => render::csv::render_with(view, lang, out, dialect),
        ScoreFormat::Markdown => render::markdown::render(view, lang, out),
        ScoreFormat::Xlsx => Err(std::io::Error::other(
            "--format xlsx writes a workbook: give its file with --output FILE.xlsx",
        )),
    })
}
