//! Where output goes: standard output, or a file written whole or not at all.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result};

/// Writes the bytes produced by `render` to `path` atomically (temporary file in the same
/// folder, then rename), or to standard output.
pub fn emit(
    path: Option<&Path>,
    render: impl FnOnce(&mut dyn Write, bool) -> io::Result<()>,
) -> Result<()> {
    match path {
        Some(path) if path.as_os_str() != "-" => {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let mut tmp = tempfile::Builder::new()
                .prefix(".exposure-")
                .tempfile_in(dir)
                .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
            {
                let mut w = BufWriter::new(tmp.as_file_mut());
                render(&mut w, false)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                w.flush()
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            // A temporary file is private (0600); the output keeps the mode of the file it
            // replaces, or gets the usual 0644.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(path)
                    .map(|m| m.permissions().mode())
                    .unwrap_or(0o644);
                tmp.as_file()
                    .set_permissions(std::fs::Permissions::from_mode(mode))
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            tmp.persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(())
        }
        _ => {
            let stdout = io::stdout();
            let terminal = stdout.is_terminal();
            let mut w = BufWriter::new(stdout.lock());
            render(&mut w, terminal)?;
            w.flush()?;
            Ok(())
        }
    }
}

/// A closed pipe (`exposure … | head`) is not an error.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
