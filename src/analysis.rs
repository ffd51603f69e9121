//! The whole pipeline for a set of rosters: load → score → aggregate, into one `Analysis`
//! that every renderer reads.

use serde::Serialize;

use crate::aggregate::{
    Aggregator, GroupExposure, JobExposure, TaskRecord, UnscoredTask, group, group_by, rank,
};
use crate::classify::Method;
use crate::error::InputError;
use crate::load::{self, Field, FileStats};
use crate::normalize::header_key;
use crate::rubric::Rubric;
use crate::score::Scorer;

/// What to compute.
#[derive(Debug, Clone)]
pub struct Options {
    pub method: Method,
    /// Attribute columns to group by, as the user typed them.
    pub by: Vec<String>,
    /// Keep every task for the per-task listing.
    pub keep_tasks: bool,
    /// Report an error confined to one row in `Analysis::row_errors` and read on, instead of
    /// stopping at the first (what `check` wants).
    pub collect_row_errors: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ByGroups {
    pub column: String,
    pub groups: Vec<GroupExposure>,
}

#[derive(Debug)]
pub struct Analysis {
    pub method: Method,
    pub files: Vec<FileStats>,
    pub rubric_source: String,
    pub rubric_rules: usize,
    pub has_direction: bool,
    pub has_department: bool,
    pub summary: GroupExposure,
    pub directions: Vec<GroupExposure>,
    pub departments: Vec<GroupExposure>,
    pub by: Vec<ByGroups>,
    /// Ranked by mean exposure, highest first.
    pub jobs: Vec<JobExposure>,
    pub tasks: Option<Vec<TaskRecord>>,
    pub unscored: Vec<UnscoredTask>,
    /// Rows skipped for an error, with `Options::collect_row_errors`.
    pub row_errors: Vec<InputError>,
}

/// Errors of the whole run: an input error (file, line, column) or a usage error.
#[derive(Debug)]
pub enum AnalysisError {
    Input(InputError),
    Usage(String),
}

impl From<InputError> for AnalysisError {
    fn from(e: InputError) -> Self {
        AnalysisError::Input(e)
    }
}

impl std::fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnalysisError::Input(e) => e.fmt(f),
            AnalysisError::Usage(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for AnalysisError {}

/// Runs the pipeline over rosters given by name (`-` is standard input).
pub fn analyze(
    rosters: &[String],
    rubric: &Rubric,
    options: &Options,
    warn: &mut dyn FnMut(String),
) -> Result<Analysis, AnalysisError> {
    let mut scorer = Scorer::new(rubric);
    let mut aggregator = Aggregator::new(options.keep_tasks);
    let mut files = Vec::new();
    let mut has_direction = false;
    let mut has_department = false;
    let mut row_errors = Vec::new();
    for name in rosters {
        let input = load::open(name)?;
        let (columns, stats) = load::read_roster_with(
            name,
            input,
            &mut |row| {
                let scored = scorer.score(row)?;
                let rule = scored.rule.map(|r| {
                    let rule = &scorer.rubric().rules[r];
                    (rule.code.as_str(), rule.theme.as_str())
                });
                aggregator.add(row, scored, rule)
            },
            &mut |e| {
                if options.collect_row_errors {
                    row_errors.push(e);
                    Ok(())
                } else {
                    Err(e)
                }
            },
            warn,
        )?;
        has_direction |= columns.has(Field::Direction);
        has_department |= columns.has(Field::Department);
        files.push(stats);
    }
    let attribute_names = aggregator.attribute_names.clone();
    let (mut jobs, _, unscored, tasks) = aggregator.finish(options.method);

    // Resolve --by columns before any work is shown.
    let mut by_columns = Vec::new();
    for wanted in &options.by {
        let key = header_key(wanted);
        match attribute_names.iter().find(|(k, _)| *k == key) {
            Some((_, header)) => by_columns.push(header.clone()),
            None => {
                let known: Vec<&str> = attribute_names.iter().map(|(_, h)| h.as_str()).collect();
                return Err(AnalysisError::Usage(format!(
                    "--by {wanted}: no such column in the roster; columns you can group by: {}",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            }
        }
    }

    if !unscored.is_empty() {
        warn(format!(
            "{} task(s) could not be scored and are left out of the figures (listed under `unscored` in JSON):",
            unscored.len()
        ));
        for u in unscored.iter().take(10) {
            warn(format!("  {}:{}: {} — {:?}", u.file, u.line, u.job, u.task));
        }
        if unscored.len() > 10 {
            warn(format!("  … and {} more", unscored.len() - 10));
        }
    }
    let unscored_jobs: Vec<&JobExposure> = jobs.iter().filter(|j| j.mean.is_none()).collect();
    if !unscored_jobs.is_empty() {
        warn(format!(
            "{} job(s) have no scored task and are left out of means and classes: {}",
            unscored_jobs.len(),
            unscored_jobs
                .iter()
                .take(10)
                .map(|j| j.job.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }

    jobs.sort_by(|a, b| {
        rank(a.unrounded_mean, b.unrounded_mean).then_with(|| {
            (&a.direction, &a.department, &a.job).cmp(&(&b.direction, &b.department, &b.job))
        })
    });
    let method = options.method;
    let all: Vec<&JobExposure> = jobs.iter().collect();
    let summary = group("collectivity", method, &all);
    let directions = if has_direction {
        group_by(
            "direction",
            method,
            &jobs,
            |j| j.direction.clone(),
            |k, g| g.direction = Some(k.clone()),
        )
    } else {
        Vec::new()
    };
    let departments = if has_department {
        group_by(
            "department",
            method,
            &jobs,
            |j| (j.direction.clone(), j.department.clone()),
            |(d, s), g| {
                if has_direction {
                    g.direction = Some(d.clone());
                }
                g.department = Some(s.clone());
            },
        )
    } else {
        Vec::new()
    };
    let by = by_columns
        .into_iter()
        .map(|column| ByGroups {
            groups: group_by(
                &column,
                method,
                &jobs,
                |j| j.attributes.get(&column).cloned().unwrap_or_default(),
                |k, g| g.value = Some(k.clone()),
            ),
            column,
        })
        .collect();
    Ok(Analysis {
        method,
        files,
        rubric_source: rubric.source.clone(),
        rubric_rules: rubric.rules.len(),
        has_direction,
        has_department,
        summary,
        directions,
        departments,
        by,
        jobs,
        tasks,
        unscored,
        row_errors,
    })
}
