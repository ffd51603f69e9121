//! `exposure jobs`: annex 1 of the Lyon study — the jobs grouped by ILO class, most exposed
//! class first, with the agents of each job (`render::jobs` prints them).

use anyhow::Result;

use crate::cli::{Format, JobsArgs, SortKey};
use crate::output::emit;
use crate::render::{View, jobs};

pub fn run(args: &JobsArgs, warn: &mut dyn FnMut(String)) -> Result<()> {
    let (analysis, _) = super::analyze_input(&args.input, &[], false, false, warn)?;
    // Within a class: most exposed first, then by name.
    let view = View::arranged(&analysis, &[], SortKey::Mean, None);
    let format = match args.out.format {
        Format::Table => jobs::Format::Table,
        Format::Json => jobs::Format::Json,
        Format::Csv => jobs::Format::Csv,
        Format::Markdown => jobs::Format::Markdown,
    };
    emit(args.out.output.as_deref(), |out, terminal| {
        jobs::render(&view, args.out.lang, format, out, terminal)
    })
}
