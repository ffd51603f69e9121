//! `exposure tasks`: annex 2 of the Lyon study — the tasks with the highest potential, grouped
//! by theme (`render::tasks` prints them).

use anyhow::Result;

use crate::cli::TasksArgs;
use crate::i18n::Lang;
use crate::output::emit;
use crate::render::{Format, tasks};
use crate::themes::tasks_by_theme;

pub fn run(args: &TasksArgs, warn: &mut dyn FnMut(String)) -> Result<()> {
    let (analysis, _) = super::analyze_input(&args.input, &[], true, false, warn)?;
    let min_band = args.min_band.band();
    let format = super::jobs::format(args.out.format);
    // JSON carries the English texts, so it is in their order whatever the language.
    let order = match format {
        Format::Json => Lang::En,
        _ => args.out.lang,
    };
    let mut themes = tasks_by_theme(&analysis, min_band, order);
    if let Some(n) = args.top {
        for t in &mut themes {
            t.tasks.truncate(n);
        }
    }
    emit(args.out.output.as_deref(), |out, terminal| {
        tasks::render(
            &analysis,
            &themes,
            min_band,
            args.out.lang,
            format,
            out,
            terminal,
        )
    })
}
