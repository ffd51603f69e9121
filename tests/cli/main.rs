//! Integration tests through the real binary. One test binary, one module per area.

mod bad_inputs;
mod briefing;
mod budget;
mod budget_levels;
mod check;
mod ci_recipes;
mod conformance;
mod fit;
mod formats;
mod french;
mod french_names;
mod french_tasks;
mod grades;
mod input;
mod isco;
mod isco_links;
mod policy;
mod pooled;
mod properties;
mod readme;
mod report;
mod report_layout;
mod rubric;
mod safety;
mod shell;
mod stderr_fr;
mod title_holdout;
mod unscored;

use std::path::PathBuf;

use assert_cmd::Command;

pub fn exposure() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("exposure");
    cmd.env_remove("NO_COLOR");
    cmd
}

pub fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Runs `exposure`, which must succeed, and gives its standard output.
pub fn stdout(args: &[&str]) -> String {
    let out = exposure().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "exposure {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `exposure` and parses its JSON output.
pub fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout(args)).unwrap()
}

/// A file in a fresh temporary folder; the folder lives as long as the returned guard.
pub fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}
