//! One JSON document with every figure. Key order is the struct order, so output is stable.

use std::io::{self, Write};

use serde::Serialize;

use crate::aggregate::{GroupExposure, JobExposure, TaskRecord, UnscoredTasks};
use crate::analysis::{Analysis, ByGroups, UnmappedJob};
use crate::classify::Method;
use crate::cli::Level;
use crate::i18n::Lang;

/// Bumped when a field changes meaning or disappears; adding fields keeps the version.
pub const SCHEMA: &str = "exposure-score/1";

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    tool: String,
    method: Method,
    inputs: Vec<Input<'a>>,
    rubric: RubricInfo<'a>,
    headline: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a GroupExposure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    directions: Option<&'a [GroupExposure]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    departments: Option<&'a [GroupExposure]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    groups: &'a [ByGroups],
    #[serde(skip_serializing_if = "Option::is_none")]
    jobs: Option<&'a [JobExposure]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tasks: Option<&'a [TaskRecord]>,
    unscored: &'a UnscoredTasks,
    unmapped: &'a [UnmappedJob],
}

#[derive(Serialize)]
struct Input<'a> {
    file: &'a str,
    rows: u64,
    delimiter: String,
    encoding: &'a str,
}

#[derive(Serialize)]
struct RubricInfo<'a> {
    source: &'a str,
    rules: usize,
}

pub fn render(a: &Analysis, levels: &[Level], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let has = |l: Level| levels.contains(&l);
    let doc = Document {
        schema: SCHEMA,
        tool: format!("exposure {}", env!("CARGO_PKG_VERSION")),
        method: a.method,
        inputs: a
            .files
            .iter()
            .map(|f| Input {
                file: &f.file,
                rows: f.rows,
                delimiter: f.delimiter.to_string(),
                encoding: f.encoding,
            })
            .collect(),
        rubric: RubricInfo {
            source: &a.rubric_source,
            rules: a.rubric_rules,
        },
        headline: super::headline(a, lang),
        summary: has(Level::Summary).then_some(&a.summary),
        directions: (has(Level::Direction) && a.has_direction).then_some(&a.directions[..]),
        departments: (has(Level::Department) && a.has_department).then_some(&a.departments[..]),
        groups: &a.by,
        jobs: has(Level::Job).then_some(&a.jobs[..]),
        tasks: if has(Level::Task) {
            a.tasks.as_deref()
        } else {
            None
        },
        unscored: &a.unscored,
        unmapped: &a.unmapped,
    };
    // serde_json writes token by token; a buffer of its own keeps those small writes inlined
    // rather than each going through `dyn Write`.
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, &doc)?;
    writeln!(buffered)?;
    buffered.flush()
}
