//! `exposure score`: the whole pipeline, rendered.

use anyhow::Result;

use crate::analysis::{Analysis, IscoOptions, Options, analyze_with};
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
    let rubric = super::load_rubric(args.rubric.as_deref())?;
    let levels = levels(&args.level);
    let options = Options {
        method: args.method,
        by: args.by.clone(),
        keep_tasks: levels.contains(&Level::Task),
        collect_row_errors: false,
    };
    let isco = IscoOptions {
        map: super::isco::load_map(args.isco_map.as_deref())?,
    };
    let analysis = analyze_with(&args.rosters, &rubric, &options, &isco, warn)?;
    write(&analysis, args, &levels)
}

fn write(analysis: &Analysis, args: &ScoreArgs, levels: &[Level]) -> Result<()> {
    emit(args.output.as_deref(), |out, terminal| match args.format {
        Format::Table => render::table::render(analysis, levels, out, terminal),
        Format::Json => render::json::render(analysis, levels, out),
        Format::Csv => render::csv::render(analysis, levels, out),
        Format::Markdown => render::markdown::render(analysis, levels, out),
    })
}
