//! `exposure completions SHELL` and `exposure man [COMMAND]`: both generated from the clap
//! definitions the command line is parsed with, so they never disagree with it.

use anyhow::{Result, bail};
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::output::emit;

pub fn completions(args: &CompletionsArgs) -> Result<()> {
    let mut command = Cli::command();
    emit(None, |out, _| {
        clap_complete::generate(args.shell, &mut command, "exposure", out);
        Ok(())
    })
}

/// The tool's page, or one command's (`exposure-check(1)`), as roff.
pub fn man(args: &ManArgs) -> Result<()> {
    let tool = Cli::command();
    let page = match &args.command {
        None => tool,
        Some(name) => {
            let names: Vec<String> = tool
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            match tool.find_subcommand(name) {
                // The page is titled and named `exposure-NAME`, as man's convention has it.
                Some(sub) => sub
                    .clone()
                    .name(format!("exposure-{name}"))
                    .bin_name(format!("exposure {name}"))
                    .version(env!("CARGO_PKG_VERSION")),
                None => bail!("no command {name:?}; expected one of {}", names.join(", ")),
            }
        }
    };
    emit(None, |out, _| clap_mangen::Man::new(page).render(out))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap's own consistency checks, which otherwise run only when a command is parsed.
    #[test]
    fn the_command_line_is_consistent() {
        crate::cli::Cli::command().debug_assert();
    }
}
