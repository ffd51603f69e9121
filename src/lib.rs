//! `exposure`: how exposed a local authority's jobs are to generative AI, measured the way the
//! International Labour Organization does. The binary is a thin shell over [`run`].

pub mod aggregate;
pub mod analysis;
pub mod bounds;
pub mod budget;
pub mod bytes;
pub mod check;
pub mod classify;
pub mod cli;
pub mod cmd;
pub mod decimal;
pub mod duplicates;
pub mod error;
pub mod grades;
pub mod hashing;
pub mod i18n;
pub mod ilo;
pub mod intern;
pub mod isco;
pub mod jobs;
pub mod load;
pub mod messages;
#[cfg(test)]
mod module_graph;
pub mod neighbour;
pub mod normalize;
pub mod occupation;
pub mod output;
pub mod parallel;
pub mod policy;
pub mod pooled;
pub mod pretty_json;
pub mod ranks;
pub mod render;
pub mod rubric;
pub mod sanitize;
pub mod score;
pub mod sheet;
pub mod stats;
pub mod study;
pub mod themes;
pub mod title;
pub mod typography;
pub mod years;

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, Command};
use crate::error::Exit;

/// Parses arguments, runs the command, prints diagnostics on stderr, and returns the exit code.
pub fn run<I, T>(args: I) -> Exit
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    output::forget_inputs();
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let parsed = Cli::command()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            if e.use_stderr() && asks_for_french(&args) {
                eprintln!("{}", messages::usage_error_fr(&e));
            } else {
                let _ = e.print();
            }
            return if e.use_stderr() {
                Exit::Input
            } else {
                Exit::Ok
            };
        }
    };
    let quiet = cli.quiet;
    let lang = cli.command.lang();
    messages::set_lang(lang);
    render::fit::set(cli.width, lang);
    // Diagnostics quote the inputs: nothing in them may act on the terminal or a CI log.
    let mut warn = |msg: String| {
        if !quiet {
            eprintln!("{}", messages::warning(lang, &sanitize::for_terminal(&msg)))
        }
    };
    let done = |r: anyhow::Result<()>| r.map(|()| Exit::Ok);
    let result = match &cli.command {
        Command::Score(args) => done(cmd::score::run(args, &mut warn)),
        Command::Jobs(args) => done(cmd::jobs::run(args, &mut warn)),
        Command::Tasks(args) => done(cmd::tasks::run(args, &mut warn)),
        Command::Report(args) => done(cmd::report::run(args, &mut warn)),
        Command::Explain(args) => done(cmd::explain::run(args)),
        Command::Rubric(args) => done(cmd::rubric::run(args, &mut warn)),
        Command::Isco(args) => done(cmd::isco::run(args)),
        Command::Check(args) => {
            let given = matches
                .subcommand_matches("check")
                .map(policy::Given::from_matches)
                .unwrap_or_default();
            cmd::check::run(args, &given, quiet)
        }
        Command::Completions(args) => done(cmd::shell::completions(args)),
        Command::Man(args) => done(cmd::shell::man(args)),
    };
    match result {
        Ok(code) => code,
        Err(e) if output::is_broken_pipe(&e) => Exit::Ok,
        Err(e) => {
            // The input error itself, so that standard error can tell it in French.
            let e = match e.downcast::<analysis::AnalysisError>() {
                Ok(analysis::AnalysisError::Input(input)) => input.into(),
                Ok(analysis::AnalysisError::Usage(usage)) => usage.into(),
                Err(e) => e,
            };
            eprintln!(
                "{}",
                sanitize::for_terminal(&messages::error_line(lang, &e))
            );
            Exit::Input
        }
    }
}

/// Whether the raw arguments ask for French (`--lang fr` or `--lang=fr`), for the errors found
/// before they can be parsed.
fn asks_for_french(args: &[OsString]) -> bool {
    args.iter().enumerate().any(|(i, a)| {
        a == "--lang=fr" || (a == "--lang" && args.get(i + 1).is_some_and(|v| v == "fr"))
    })
}

/// A small deterministic random number generator for tests: `draw(n)` is in `0..n`.
#[cfg(test)]
pub(crate) fn test_draws(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    }
}
