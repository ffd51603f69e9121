//! `exposure score`: the whole pipeline, rendered.

use anyhow::Result;

use crate::analysis::Analysis;
use crate::cli::{CsvDialect, Level, ScoreArgs, ScoreFormat};
use crate::output::emit;
use crate::render;

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
        anyhow::bail!("--format xlsx writes a workbook: give its file with --output FILE.xlsx");
    }
    if args.csv_dialect != CsvDialect::Standard && args.format != ScoreFormat::Csv {
        warn("--csv-dialect applies to --format csv only; ignored".into());
    }
    if crate::years::wanted(&args.input.rosters) {
        return years(args, warn);
    }
    let levels = levels(&args.level);
    let keep_tasks = levels.contains(&Level::Task);
    let (mut analysis, rubric) =
        super::analyze_input(&args.input, &args.by, keep_tasks, false, warn)?;
    // The process ends soon: freeing the rubric's thousands of small parts would only delay it.
    std::mem::forget(rubric);
    render::arrange(&mut analysis, args.view.sort, args.view.top);
    let written = write(&analysis, args, &levels);
    // The process ends next: freeing tens of thousands of jobs one by one would only delay it.
    std::mem::forget(analysis);
    written
}

/// Several budget documents: the year-over-year view.
fn years(args: &ScoreArgs, warn: &mut dyn FnMut(String)) -> Result<()> {
    if args.format == ScoreFormat::Xlsx {
        anyhow::bail!(
            "several budget documents give the year-over-year view as a table, JSON, CSV, Markdown or an HTML report (exposure report); not as a workbook"
        );
    }
    let mut y = crate::years::compare(&args.input, warn)?;
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

fn write(analysis: &Analysis, args: &ScoreArgs, levels: &[Level]) -> Result<()> {
    let lang = args.view.lang;
    if let (ScoreFormat::Xlsx, Some(path)) = (args.format, args.output.as_deref()) {
        return render::xlsx::render_levels(analysis, levels, lang, path);
    }
    let dialect = match args.csv_dialect {
        CsvDialect::Standard => render::csv::Dialect::Standard,
        CsvDialect::ExcelFr => render::csv::Dialect::ExcelFr,
    };
    emit(args.output.as_deref(), |out, terminal| match args.format {
        ScoreFormat::Table => render::table::render(analysis, levels, lang, out, terminal),
        ScoreFormat::Json => render::json::render(analysis, levels, lang, out),
        ScoreFormat::Csv => render::csv::render_with(analysis, levels, lang, out, dialect),
        ScoreFormat::Markdown => render::markdown::render(analysis, levels, lang, out),
        ScoreFormat::Xlsx => Err(std::io::Error::other(
            "--format xlsx writes a workbook: give its file with --output FILE.xlsx",
        )),
    })
}
