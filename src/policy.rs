//! The policy of `exposure check` kept in a file: `exposure.toml`, table `[check]`, keys named as
//! the flags. Found in the current folder or the nearest parent that holds it, up to the
//! repository root (a folder with `.git`). A flag given on the command line wins over its key.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::ArgMatches;
use clap::parser::ValueSource;
use serde::{Deserialize, Deserializer};

use crate::check::{Allowance, Severity};
use crate::classify::Method;
use crate::cli::CheckArgs;
use crate::messages;

pub const FILE_NAME: &str = "exposure.toml";

/// The starter file `exposure check --init` writes: every key, with the value a check uses
/// when neither a flag nor the file gives one.
pub const STARTER: &str = r#"# Policy of `exposure check`, read from the current folder or the nearest parent holding it
# (up to the repository root). A flag given on the command line wins over the key of the same name.

[check]
# Fail (exit 1) on findings of this severity or worse: "error", "warning" or "notice".
fail-on = "error"

# Unscored tasks tolerated: a count (5) or a share of all tasks ("2%"). Every unscored task is
# still reported as a warning, with its line.
max-unscored = 0

# Classification method: "wp140" (ILO 2025 gradients) or "wp96" (ILO 2023 categories).
method = "wp140"

# The JSON of an earlier `exposure score --format json`, to report what changed since; a relative
# path is read from this file's folder.
# baseline = "baseline.json"

# With a baseline: fail when a direction's mean exposure moved by more than this.
# max-drift = 0.05
"#;

/// What a check is run with, once flags, file and defaults are weighed.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckPolicy {
    pub fail_on: Severity,
    pub max_unscored: Allowance,
    pub max_drift: Option<f64>,
    pub baseline: Option<PathBuf>,
    pub method: Method,
    /// The policy file read, if any.
    pub file: Option<PathBuf>,
}

/// The ids of the arguments given on the command line (not defaulted).
#[derive(Debug, Default)]
pub struct Given(BTreeSet<String>);

impl Given {
    pub fn from_matches(m: &ArgMatches) -> Given {
        Given(
            m.ids()
                .filter(|id| m.value_source(id.as_str()) == Some(ValueSource::CommandLine))
                .map(|id| id.to_string())
                .collect(),
        )
    }

    fn has(&self, id: &str) -> bool {
        self.0.contains(id)
    }
}

/// The file's `[check]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CheckTable {
    #[serde(default, deserialize_with = "value_enum")]
    fail_on: Option<Severity>,
    #[serde(default, deserialize_with = "allowance")]
    max_unscored: Option<Allowance>,
    #[serde(default, deserialize_with = "drift")]
    max_drift: Option<f64>,
    baseline: Option<PathBuf>,
    #[serde(default, deserialize_with = "value_enum")]
    method: Option<Method>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    #[serde(default)]
    check: CheckTable,
}

/// The policy of a check: flags given, else the policy file found from `cwd`, else defaults.
pub fn resolve(args: &CheckArgs, given: &Given, cwd: &Path) -> Result<CheckPolicy> {
    let found = find(cwd);
    let table = match &found {
        Some(path) => parse(&read(&cwd.join(path))?, &path.display().to_string())?,
        None => CheckTable::default(),
    };
    let pick = |id: &str| !given.has(id);
    // Neither flag has a default: a value is one given on the command line.
    let baseline = match (&args.baseline, table.baseline) {
        (Some(flag), _) => Some(flag.clone()),
        (None, Some(path)) => {
            // Relative to the policy file's folder, itself relative to `cwd`.
            let folder = found.as_deref().and_then(Path::parent);
            Some(folder.map_or(path.clone(), |f| f.join(&path)))
        }
        (None, None) => None,
    };
    let max_drift = args.max_drift.or(table.max_drift);
    if max_drift.is_some() && baseline.is_none() {
        bail!(messages::drift_needs_baseline(
            &found
                .as_deref()
                .unwrap_or(Path::new(FILE_NAME))
                .display()
                .to_string()
        ));
    }
    Ok(CheckPolicy {
        fail_on: table
            .fail_on
            .filter(|_| pick("fail_on"))
            .unwrap_or(args.fail_on),
        max_unscored: table
            .max_unscored
            .filter(|_| pick("max_unscored"))
            .unwrap_or(args.max_unscored),
        max_drift,
        baseline,
        method: table
            .method
            .filter(|_| pick("method"))
            .unwrap_or(args.input.method),
        file: found,
    })
}

/// `exposure.toml` in `cwd` or the nearest parent, not above the repository root; as a path
/// relative to `cwd` (`exposure.toml`, `../exposure.toml`), which is what messages show.
fn find(cwd: &Path) -> Option<PathBuf> {
    let mut up = PathBuf::new();
    for dir in cwd.ancestors() {
        if dir.join(FILE_NAME).is_file() {
            return Some(up.join(FILE_NAME));
        }
        // `.git` is a folder in a clone, a file in a worktree.
        if dir.join(".git").exists() {
            return None;
        }
        up.push("..");
    }
    None
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        messages::cannot_read_file(&path.display().to_string())
            .because(e)
            .into()
    })
}

/// The `[check]` table of a policy file; an error names the file, line and column.
fn parse(text: &str, file: &str) -> Result<CheckTable> {
    match toml::from_str::<PolicyFile>(text) {
        Ok(doc) => Ok(doc.check),
        Err(e) => {
            let place = match e.span() {
                Some(span) => {
                    let (line, column) = line_column(text, span.start);
                    format!("{file}:{line}:{column}")
                }
                None => file.to_string(),
            };
            Err(messages::bad_policy(&place, e.message().trim_end()).into())
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// Writes the starter policy file in `dir`, never over an existing one.
pub fn init(dir: &Path) -> Result<PathBuf> {
    let path = dir.join(FILE_NAME);
    if path.exists() {
        bail!(messages::policy_exists(&path.display().to_string()));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".exposure-")
        .tempfile_in(dir)
        .map_err(|e| messages::cannot_create_temporary(&dir.display().to_string()).because(e))?;
    let cannot = || messages::cannot_write(&path.display().to_string());
    std::io::Write::write_all(&mut tmp, STARTER.as_bytes()).map_err(|e| cannot().because(e))?;
    tmp.persist_noclobber(&path)
        .map_err(|e| cannot().because(e))?;
    Ok(path)
}

/// A key whose values are those of the flag of the same name.
fn value_enum<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: clap::ValueEnum,
{
    let s = String::deserialize(d)?;
    T::from_str(&s, false).map(Some).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| format!("{:?}", p.get_name())))
            .collect();
        serde::de::Error::custom(format!("expected one of {}, found {s:?}", names.join(", ")))
    })
}

/// `max-unscored = 5` or `max-unscored = "2%"`.
fn allowance<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Allowance>, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = Allowance;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a count (5) or a percentage (\"2%\")")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Allowance, E> {
            u64::try_from(v)
                .map(Allowance::Count)
                .map_err(|_| E::custom(format!("expected a count of 0 or more, found {v}")))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Allowance, E> {
            v.parse().map_err(E::custom)
        }
    }
    d.deserialize_any(Visitor).map(Some)
}

/// `max-drift`: the same bound as the flag's (`crate::bounds::valid_drift`).
fn drift<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let v = f64::deserialize(d)?;
    crate::bounds::valid_drift(v)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_table(text: &str) -> Result<CheckTable> {
        parse(text, "exposure.toml")
    }

    #[test]
    fn keys_are_read() {
        let t = check_table(
            "[check]\nfail-on = \"warning\"\nmax-unscored = \"5%\"\nmethod = \"wp96\"\n\
             baseline = \"b.json\"\nmax-drift = 0.05\n",
        )
        .unwrap();
        assert_eq!(t.fail_on, Some(Severity::Warning));
        assert_eq!(t.max_unscored, Some(Allowance::Percent(5.0)));
        assert_eq!(t.method, Some(Method::Wp96));
        assert_eq!(t.baseline, Some(PathBuf::from("b.json")));
        assert_eq!(t.max_drift, Some(0.05));
        let t = check_table("[check]\nmax-unscored = 3\n").unwrap();
        assert_eq!(t.max_unscored, Some(Allowance::Count(3)));
        assert!(check_table("").unwrap().fail_on.is_none());
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = |text: &str| check_table(text).unwrap_err().to_string();
        let e = err("[check]\nfail-on = \"error\"\nmax_unscored = 3\n");
        assert!(e.starts_with("exposure.toml:3:1: "), "{e}");
        assert!(e.contains("max_unscored"), "{e}");
        let e = err("[check]\nfail-on = \"fatal\"\n");
        assert!(e.starts_with("exposure.toml:2:11: "), "{e}");
        assert!(e.contains("\"error\", \"warning\", \"notice\""), "{e}");
        let e = err("[check]\nmax-unscored = \"lots\"\n");
        assert!(e.starts_with("exposure.toml:2:16: "), "{e}");
        assert!(err("[check]\nmax-unscored = -1\n").contains("0 or more"));
        assert!(err("[check]\nmax-drift = 2.0\n").contains("a number from 0 to 1"));
        let e = err("[checks]\n");
        assert!(e.starts_with("exposure.toml:1:"), "{e}");
        let e = err("[check]\nfail-on = \n");
        assert!(e.starts_with("exposure.toml:2:"), "{e}");
    }

    #[test]
    fn the_starter_file_states_the_defaults() {
        let t = check_table(STARTER).unwrap();
        assert_eq!(t.fail_on, Some(Severity::Error));
        assert_eq!(t.max_unscored, Some(Allowance::Count(0)));
        assert_eq!(t.method, Some(Method::Wp140));
        assert!(t.baseline.is_none() && t.max_drift.is_none());
    }

    #[test]
    fn the_search_stops_at_the_repository_root() {
        let root = tempfile::tempdir().unwrap();
        let repo = root.path().join("repo");
        let deep = repo.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(root.path().join(FILE_NAME), "").unwrap();
        assert_eq!(find(&deep), Some(PathBuf::from("../../../exposure.toml")));
        std::fs::create_dir(repo.join(".git")).unwrap();
        assert_eq!(find(&deep), None);
        std::fs::write(repo.join("a").join(FILE_NAME), "").unwrap();
        assert_eq!(find(&deep), Some(PathBuf::from("../exposure.toml")));
        std::fs::write(deep.join(FILE_NAME), "").unwrap();
        assert_eq!(find(&deep), Some(PathBuf::from(FILE_NAME)));
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_column("ab\ncé=x", 7), (2, 4));
        assert_eq!(line_column("x", 0), (1, 1));
    }
}
