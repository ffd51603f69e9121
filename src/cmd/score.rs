//! `exposure score`: the whole pipeline, rendered.

use anyhow::Result;

use crate::analysis::Analysis;
use crate::cli::{Format, Level, ScoreArgs};
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
    let levels = levels(&args.level);
    let keep_tasks = levels.contains(&Level::Task);
    let (mut analysis, _) = super::analyze_input(&args.input, &args.by, keep_tasks, false, warn)?;
    render::arrange(&mut analysis, args.view.sort, args.view.top);
    write(&analysis, args, &levels)
}

fn write(analysis: &Analysis, args: &ScoreArgs, levels: &[Level]) -> Result<()> {
    let lang = args.view.lang;
    emit(args.output.as_deref(), |out, terminal| match args.format {
        Format::Table => render::table::render(analysis, levels, lang, out, terminal),
        Format::Json => render::json::render(analysis, levels, lang, out),
        Format::Csv => render::csv::render(analysis, levels, out),
        Format::Markdown => render::markdown::render(analysis, levels, lang, out),
    })
}
