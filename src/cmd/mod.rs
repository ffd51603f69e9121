//! One module per subcommand, each with a `run` returning the exit code.

pub mod check;
pub mod explain;
mod grade;
pub mod isco;
pub mod jobs;
pub mod report;
pub mod rubric;
pub mod score;
pub mod shell;
pub mod tasks;

use std::path::Path;

use anyhow::Result;

use crate::analysis::{Analysis, AnalysisError, Options, analyze};
use crate::cli::RosterArgs;
use crate::error::InputError;
use crate::rubric::Rubric;

/// Loads the rubric and the ISCO map the arguments name, and runs the pipeline.
pub fn analyze_input(
    input: &RosterArgs,
    by: &[String],
    keep_tasks: bool,
    check: bool,
    warn: &mut dyn FnMut(String),
) -> Result<(Analysis, Rubric), AnalysisError> {
    analyze_with(input, || options(input, by, keep_tasks, check), warn)
}

/// As [`analyze_input`] for `check`: `means_only` is [`Options::means_only`].
pub fn analyze_for_check(
    input: &RosterArgs,
    means_only: bool,
    warn: &mut dyn FnMut(String),
) -> Result<(Analysis, Rubric), AnalysisError> {
    let options = || {
        let options = options(input, &[], false, true)?;
        Ok(Options {
            means_only,
            ..options
        })
    };
    analyze_with(input, options, warn)
}

/// Loads the rubric, then the options `options` makes, and runs the pipeline.
fn analyze_with(
    input: &RosterArgs,
    options: impl FnOnce() -> Result<Options, AnalysisError>,
    warn: &mut dyn FnMut(String),
) -> Result<(Analysis, Rubric), AnalysisError> {
    crate::analysis::prepare_reference_tables();
    let rubric = load_rubric(input.rubric.as_deref())?;
    let options = options()?;
    let analysis = analyze(&input.rosters, &rubric, &options, warn)?;
    Ok((analysis, rubric))
}

/// Analyses each budget document the arguments name alone, and sets them side by side.
pub fn compare_years(
    input: &RosterArgs,
    warn: &mut dyn FnMut(String),
) -> Result<crate::years::YearOverYear, AnalysisError> {
    let rubric = load_rubric(input.rubric.as_deref())?;
    let options = options(input, &[], false, false)?;
    crate::years::compare(&input.rosters, &rubric, &options, warn)
}

/// The pipeline's options for the arguments (loads the `--isco-map` file).
pub fn options(
    input: &RosterArgs,
    by: &[String],
    keep_tasks: bool,
    check: bool,
) -> Result<Options, AnalysisError> {
    Ok(Options {
        method: input.method,
        by: by.to_vec(),
        keep_tasks,
        check,
        means_only: false,
        isco_map: isco::load_map(input.isco_map.as_deref())?,
        sheet: input.sheet.clone(),
    })
}

/// `explain` and `isco` print a table or JSON: `--format csv` or `markdown` is refused rather
/// than answered with a table.
pub fn table_or_json(format: crate::cli::Format, command: &str) -> anyhow::Result<()> {
    use crate::cli::Format;
    match format {
        Format::Table | Format::Json => Ok(()),
        other => anyhow::bail!(crate::messages::table_or_json_only(
            command,
            &clap::ValueEnum::to_possible_value(&other)
                .map_or(String::new(), |v| v.get_name().to_string())
        )),
    }
}

/// The built-in rubric, or the user's `--rubric FILE`.
pub fn load_rubric(path: Option<&Path>) -> Result<Rubric, InputError> {
    match path {
        None => Ok(Rubric::builtin()),
        Some(p) => Rubric::parse(&crate::load::read_text(p)?, &p.display().to_string()),
    }
}
