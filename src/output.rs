//! Where output goes: standard output, or a file written whole or not at all. Every output file
//! of every command is opened here, and only here, so the rules hold for all of them:
//!
//! - an output never replaces an input of the same run (same path once links are resolved, or
//!   same device and inode, so hard links count): the command stops with exit 2 instead;
//! - a regular file (or a symbolic link to one: its target) is written to a temporary file in
//!   the same folder, then renamed over it; the temporary file is removed on error and on
//!   Ctrl-C (SIGINT, SIGTERM, SIGHUP);
//! - anything else that exists (`/dev/null`, `/dev/stdout`, a FIFO, a terminal) is written
//!   straight through, never replaced;
//! - text never goes into a file named like a workbook (`.xlsx`, `.ods`…).

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Result, bail};

use crate::messages;

/// What identifies a file however it is named: its path with links resolved, and (on Unix)
/// its device and inode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    canonical: PathBuf,
    inode: Option<(u64, u64)>,
}

impl Identity {
    /// The identity of an existing file; `None` when it cannot be looked up (e.g. it does not
    /// exist yet).
    pub fn of(path: &Path) -> Option<Identity> {
        let canonical = std::fs::canonicalize(path).ok()?;
        Some(Identity {
            inode: inode(&canonical),
            canonical,
        })
    }

    /// Whether both name the same file.
    pub fn same_file(&self, other: &Identity) -> bool {
        self.canonical == other.canonical || (self.inode.is_some() && self.inode == other.inode)
    }
}

#[cfg(unix)]
fn inode(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn inode(_: &Path) -> Option<(u64, u64)> {
    None
}

/// The files this run reads, as their readers open them.
static INPUTS: Mutex<Vec<(String, Identity)>> = Mutex::new(Vec::new());

/// Records that this run reads `path`, so that no output replaces it. Readers call it when
/// they open a file; standard input (`-`) is not a file and is skipped.
pub fn note_input(path: &Path) {
    if path.as_os_str() == "-" {
        return;
    }
    if let Some(id) = Identity::of(path) {
        let mut inputs = INPUTS.lock().unwrap_or_else(|e| e.into_inner());
        if !inputs.iter().any(|(_, known)| *known == id) {
            inputs.push((path.display().to_string(), id));
        }
    }
}

/// Forgets the inputs of an earlier run in the same process (tests and fuzz targets call
/// `exposure::run` many times; a file deleted since may have left its inode to an output).
pub fn forget_inputs() {
    INPUTS.lock().unwrap_or_else(|e| e.into_inner()).clear();
}

/// Refuses an output that is one of the inputs.
fn refuse_input(path: &Path) -> Result<()> {
    let Some(out) = Identity::of(path) else {
        return Ok(());
    };
    let inputs = INPUTS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((name, _)) = inputs.iter().find(|(_, id)| id.same_file(&out)) {
        bail!(messages::output_is_input(&path.display().to_string(), name));
    }
    Ok(())
}

/// Extensions of workbooks, which text must not be written into.
const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "xlsb"];

/// Writes the text produced by `render` to `path` (see the module's rules), or to standard
/// output when `path` is `None` or `-`. `render` is told whether it writes to a terminal.
pub fn emit(
    path: Option<&Path>,
    render: impl FnOnce(&mut dyn Write, bool) -> io::Result<()>,
) -> Result<()> {
    if let Some(path) = path {
        let workbook = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            WORKBOOK_EXTENSIONS
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        });
        if workbook {
            bail!(messages::text_named_like_workbook(
                &path.display().to_string()
            ));
        }
    }
    write(path, render)
}

/// Writes what `render` produces to `path` (see the module's rules), or to standard output
/// when `path` is `None` or `-`: the one place where outputs are opened.
pub fn write(
    path: Option<&Path>,
    render: impl FnOnce(&mut dyn Write, bool) -> io::Result<()>,
) -> Result<()> {
    let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
        let stdout = io::stdout();
        let terminal = stdout.is_terminal();
        let mut w = BufWriter::new(stdout.lock());
        render(&mut w, terminal)?;
        w.flush()?;
        return Ok(());
    };
    refuse_input(path)?;
    // Follows links: a link is judged by what it points to.
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => bail!(messages::output_is_folder(&path.display().to_string())),
        Ok(meta) if !meta.is_file() => {
            // A device, a FIFO, a terminal: written through, never replaced.
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(cannot_write(path))?;
            let terminal = file.is_terminal();
            let mut w = BufWriter::new(file);
            render(&mut w, terminal).map_err(cannot_write(path))?;
            w.flush().map_err(cannot_write(path))?;
            Ok(())
        }
        Ok(_) => {
            // A link to a regular file: its target is replaced, the link stays.
            let target = std::fs::canonicalize(path).map_err(cannot_write(path))?;
            replace(&target, path, render)
        }
        Err(_) if path.symlink_metadata().is_ok() => {
            bail!(messages::dangling_link(&path.display().to_string()))
        }
        Err(_) => replace(path, path, render),
    }
}

/// The error of a failed write to `path`, caused by `e`.
fn cannot_write<E: std::error::Error + Send + Sync + 'static>(
    path: &Path,
) -> impl FnOnce(E) -> crate::error::Failure {
    let shown = path.display().to_string();
    move |e| messages::cannot_write(&shown).because(e)
}

/// Writes `target` (shown as `shown`) whole or not at all: a temporary file in its folder,
/// renamed over it.
fn replace(
    target: &Path,
    shown: &Path,
    render: impl FnOnce(&mut dyn Write, bool) -> io::Result<()>,
) -> Result<()> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // The name is registered for the signal handler before the file exists, so that an
    // interruption at any moment after leaves nothing behind.
    let mut _guard = None;
    let mut tmp = tempfile::Builder::new()
        .prefix(".exposure-")
        .make_in(dir, |path| {
            let registered = interrupt::remove_on_signal(path);
            let file = create_private(path);
            if file.is_ok() {
                _guard = Some(registered);
            }
            file
        })
        .map_err(|e| messages::cannot_create_temporary(&dir.display().to_string()).because(e))?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        render(&mut w, false).map_err(cannot_write(shown))?;
        w.flush().map_err(cannot_write(shown))?;
    }
    // A temporary file is private (0600); the output keeps the mode of the file it
    // replaces, or gets the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(target)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(cannot_write(shown))?;
    }
    tmp.persist(target).map_err(cannot_write(shown))?;
    Ok(())
}

/// A new file only this user can read (0600, as temporary files are), never one that exists.
fn create_private(path: &Path) -> io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Removing the temporary file when the process is interrupted: the drop of the temporary file
/// does not run when a signal ends the process.
#[cfg(unix)]
mod interrupt {
    use std::ffi::CString;
    use std::path::Path;
    use std::sync::Once;
    use std::sync::atomic::{AtomicPtr, Ordering};

    /// The temporary file being written, for the signal handler (null when none).
    static TEMP: AtomicPtr<libc::c_char> = AtomicPtr::new(std::ptr::null_mut());
    static INSTALL: Once = Once::new();
    const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

    extern "C" fn on_signal(signal: libc::c_int) {
        let path = TEMP.swap(std::ptr::null_mut(), Ordering::SeqCst);
        // Only async-signal-safe calls: unlink, then die of the same signal as without us.
        unsafe {
            if !path.is_null() {
                libc::unlink(path);
            }
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    /// Clears the registration when the write ends (the path is kept allocated: the handler
    /// may have read it just before).
    pub struct Guard;

    impl Drop for Guard {
        fn drop(&mut self) {
            TEMP.store(std::ptr::null_mut(), Ordering::SeqCst);
        }
    }

    pub fn remove_on_signal(path: &Path) -> Guard {
        use std::os::unix::ffi::OsStrExt;
        INSTALL.call_once(|| {
            for signal in SIGNALS {
                let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
                // SAFETY: installs a handler that only makes async-signal-safe calls.
                unsafe {
                    libc::signal(signal, handler);
                }
            }
        });
        if let Ok(c) = CString::new(path.as_os_str().as_bytes()) {
            // Leaked on purpose (one per output file): the handler may still read it.
            TEMP.store(c.into_raw(), Ordering::SeqCst);
        }
        Guard
    }
}

#[cfg(not(unix))]
mod interrupt {
    pub struct Guard;
    pub fn remove_on_signal(_: &std::path::Path) -> Guard {
        Guard
    }
}

/// A closed pipe (`exposure … | head`) is not an error.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_links_and_symbolic_links_are_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        std::fs::write(&a, "x").unwrap();
        let hard = dir.path().join("hard.csv");
        std::fs::hard_link(&a, &hard).unwrap();
        let id = Identity::of(&a).unwrap();
        assert!(id.same_file(&Identity::of(&hard).unwrap()));
        #[cfg(unix)]
        {
            let soft = dir.path().join("soft.csv");
            std::os::unix::fs::symlink(&a, &soft).unwrap();
            assert!(id.same_file(&Identity::of(&soft).unwrap()));
        }
        let b = dir.path().join("b.csv");
        std::fs::write(&b, "x").unwrap();
        assert!(!id.same_file(&Identity::of(&b).unwrap()));
        assert!(Identity::of(&dir.path().join("missing")).is_none());
    }

    #[test]
    fn text_is_not_written_under_a_workbook_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.XLSX");
        let e = emit(Some(&path), |w, _| w.write_all(b"text")).unwrap_err();
        assert!(e.to_string().contains("named like a workbook"), "{e}");
        assert!(!path.exists());
    }

    #[test]
    fn an_error_leaves_no_file_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        let e = write(Some(&path), |w, _| {
            w.write_all(b"half")?;
            Err(io::Error::other("stop"))
        });
        assert!(e.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
