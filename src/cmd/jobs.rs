//! `exposure jobs`: annex 1 of the Lyon study — the jobs grouped by ILO class, most exposed
//! class first, with the agents of each job (`render::jobs` prints them).

use anyhow::Result;

use crate::cli::{Format, JobsArgs, SortKey};
use crate::output::emit;
use crate::render::{self, View, jobs};

pub fn run(args: &JobsArgs, warn: &mut dyn FnMut(String)) -> Result<()> {
    let (analysis, _) = super::analyze_input(&args.input, &[], false, false, warn)?;
    // Within a class: most exposed first, then by name.
    let view = View::arranged(&analysis, &[], SortKey::Mean, None);
    let format = format(args.out.format);
    emit(args.out.output.as_deref(), |out, terminal| {
        jobs::render(&view, args.out.lang, format, out, terminal)
    })
}

/// The renderers' format for the command line's.
pub fn format(format: Format) -> render::Format {
    match format {
        Format::Table => render::Format::Table,
        Format::Json => render::Format::Json,
        Format::Csv => render::Format::Csv,
        Format::Markdown => render::Format::Markdown,
    }
}
