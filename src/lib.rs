//! `exposure`: how exposed a local authority's jobs are to generative AI, measured the way the
//! International Labour Organization does. The binary is a thin shell over [`run`].

pub mod aggregate;
pub mod analysis;
pub mod check;
pub mod classify;
pub mod cli;
pub mod cmd;
pub mod duplicates;
pub mod error;
pub mod i18n;
pub mod ilo;
pub mod isco;
pub mod load;
pub mod normalize;
pub mod output;
pub mod parallel;
pub mod render;
pub mod rubric;
pub mod score;
pub mod sheet;
pub mod themes;

use std::ffi::OsString;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::error::Exit;

/// Parses arguments, runs the command, prints diagnostics on stderr, and returns the exit code.
pub fn run<I, T>(args: I) -> Exit
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Input
            } else {
                Exit::Ok
            };
        }
    };
    let mut warn = |msg: String| eprintln!("exposure: warning: {msg}");
    let done = |r: anyhow::Result<()>| r.map(|()| Exit::Ok);
    let result = match &cli.command {
        Command::Score(args) => done(cmd::score::run(args, &mut warn)),
        Command::Jobs(args) => done(cmd::jobs::run(args, &mut warn)),
        Command::Tasks(args) => done(cmd::tasks::run(args, &mut warn)),
        Command::Report(args) => done(cmd::report::run(args, &mut warn)),
        Command::Explain(args) => done(cmd::explain::run(args)),
        Command::Rubric(args) => done(cmd::rubric::run(args, &mut warn)),
        Command::Isco(args) => done(cmd::isco::run(args)),
        Command::Check(args) => cmd::check::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) if output::is_broken_pipe(&e) => Exit::Ok,
        Err(e) => {
            eprintln!("exposure: error: {e:#}");
            Exit::Input
        }
    }
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
