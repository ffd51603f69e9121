//! One module per subcommand, each with a `run` returning the exit code.

pub mod check;
pub mod explain;
pub mod isco;
pub mod rubric;
pub mod score;

use std::path::Path;

use anyhow::Result;

use crate::error::InputError;
use crate::rubric::Rubric;

/// The built-in rubric, or the user's `--rubric FILE`.
pub fn load_rubric(path: Option<&Path>) -> Result<Rubric, InputError> {
    match path {
        None => Ok(Rubric::builtin()),
        Some(p) => {
            let name = p.display().to_string();
            let bytes = std::fs::read(p)
                .map_err(|e| InputError::file(&name, format!("cannot read: {e}")))?;
            let text = match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => encoding_rs::WINDOWS_1252
                    .decode(e.as_bytes())
                    .0
                    .into_owned(),
            };
            Rubric::parse(&text, &name)
        }
    }
}
