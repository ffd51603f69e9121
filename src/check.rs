//! `check`: the roster's guard in CI. Findings from a scored analysis, the policy that decides
//! the exit code, and the comparison with a baseline (the JSON of an earlier `score`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::aggregate::{GroupExposure, UnscoredTask, UnscoredTasks, index_u32};
use crate::analysis::Analysis;
use crate::duplicates::{Duplicate, DuplicateTasks};
use crate::rubric::Rubric;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Notice,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable rule identifier, e.g. `unscored-task`.
    pub rule: &'static str,
    pub file: String,
    /// 0 when the finding is about a whole file or run.
    pub line: u64,
    /// 1-based column, when the finding is about one cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

impl Finding {
    /// A finding about a place in a file (line 0: the whole file or run), not about one cell.
    pub fn new(
        severity: Severity,
        rule: &'static str,
        file: impl Into<String>,
        line: u64,
        message: String,
    ) -> Finding {
        Finding {
            severity,
            rule,
            file: file.into(),
            line,
            column: None,
            message,
        }
    }

    /// What findings are ordered by.
    fn key(&self) -> (Severity, &str, u64, &str, &str) {
        (
            self.severity,
            &self.file,
            self.line,
            self.rule,
            &self.message,
        )
    }

    /// A finding from an input error, located where the error is.
    pub fn from_input(rule: &'static str, e: &crate::error::InputError) -> Finding {
        Finding {
            severity: Severity::Error,
            rule,
            file: e.file.clone(),
            line: e.line.unwrap_or(0),
            column: e.column.as_ref().map(|(c, _)| *c),
            message: match &e.column {
                Some((_, name)) => format!("column '{name}': {}", e.message),
                None => e.message.clone(),
            },
        }
    }
}

/// How many unscored tasks are tolerated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Allowance {
    Count(u64),
    Percent(f64),
}

impl std::str::FromStr for Allowance {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let err = || format!("expected a count (e.g. 5) or a percentage (e.g. 2%), found {s:?}");
        match s.strip_suffix('%') {
            Some(p) => {
                let v: f64 = p.trim().replace(',', ".").parse().map_err(|_| err())?;
                if !(0.0..=100.0).contains(&v) {
                    return Err(err());
                }
                Ok(Allowance::Percent(v))
            }
            None => s.parse().map(Allowance::Count).map_err(|_| err()),
        }
    }
}

impl Allowance {
    fn allows(self, unscored: u64, tasks: u64) -> bool {
        match self {
            Allowance::Count(n) => unscored <= n,
            Allowance::Percent(p) => tasks == 0 || (unscored as f64) * 100.0 <= p * tasks as f64,
        }
    }

    fn describe(self) -> String {
        match self {
            Allowance::Count(n) => n.to_string(),
            Allowance::Percent(p) => format!("{p}%"),
        }
    }
}

/// The `unscored-task` warning of an unscored task.
fn unscored_finding(u: &UnscoredTask) -> Finding {
    Finding::new(
        Severity::Warning,
        "unscored-task",
        u.file,
        u.line,
        unscored_message(u),
    )
}

fn unscored_message(u: &UnscoredTask) -> String {
    format!(
        "task {:?} of job {:?} matches no rubric rule and has no score or code",
        u.task, u.job
    )
}

/// The `duplicate-task` warning of a task already seen in its job.
fn duplicate_finding(d: &Duplicate) -> Finding {
    Finding::new(
        Severity::Warning,
        "duplicate-task",
        d.file,
        d.line,
        format!(
            "task {:?} of job {:?} already appears on line {}",
            d.task, d.job, d.first_line
        ),
    )
}

/// Every finding of a check, in the order they are written: by severity, file, line, rule and
/// message. The warnings of each unscored task and each duplicate task are made only as they
/// are written (a roster can have hundreds of thousands); the other findings are few and kept.
pub struct Findings<'a> {
    kept: Vec<Finding>,
    unscored: &'a UnscoredTasks,
    duplicates: Option<&'a DuplicateTasks>,
    /// The unscored and duplicate tasks, in the order of their findings.
    order: Vec<Made>,
}

/// A finding made as it is written: of the i-th unscored or duplicate task.
#[derive(Debug, Clone, Copy)]
enum Made {
    Unscored(u32),
    Duplicate(u32),
}

impl<'a> Findings<'a> {
    /// `kept`: every finding but those of the unscored tasks, in any order.
    pub fn new(mut kept: Vec<Finding>, unscored: &'a UnscoredTasks) -> Self {
        kept.sort_by(|a, b| a.key().cmp(&b.key()));
        let order = (0..unscored.len()).map(|i| Made::Unscored(index_u32(i)));
        let mut findings = Findings {
            kept,
            unscored,
            duplicates: None,
            order: order.collect(),
        };
        findings.sort_made();
        findings
    }

    /// With the `duplicate-task` warnings of `duplicates`.
    pub fn with_duplicates(mut self, duplicates: Option<&'a DuplicateTasks>) -> Self {
        if let Some(d) = duplicates {
            self.duplicates = Some(d);
            let made = (0..d.len()).map(|i| Made::Duplicate(index_u32(i)));
            self.order.extend(made);
            self.sort_made();
        }
        self
    }

    /// Puts the findings made as they are written in order. They are all warnings, the
    /// duplicate-task ones before the unscored-task ones of the same line: by file and line
    /// first, the rest of the key only when those are equal.
    fn sort_made(&mut self) {
        let place = |m: Made| match m {
            Made::Unscored(i) => {
                let u = self.unscored.get(i as usize);
                (u.file, u.line, 1)
            }
            Made::Duplicate(i) => {
                let d = self.duplicates.expect("set with them").get(i as usize);
                (d.file, d.line, 0)
            }
        };
        let mut order = std::mem::take(&mut self.order);
        order.sort_by(|&a, &b| {
            place(a)
                .cmp(&place(b))
                .then_with(|| self.make(a).message.cmp(&self.make(b).message))
        });
        self.order = order;
    }

    fn make(&self, m: Made) -> Finding {
        match m {
            Made::Unscored(i) => unscored_finding(&self.unscored.get(i as usize)),
            Made::Duplicate(i) => {
                duplicate_finding(&self.duplicates.expect("set with them").get(i as usize))
            }
        }
    }

    /// The severity of every finding (not in their order: those made as written come last).
    pub fn severities(&self) -> impl Iterator<Item = Severity> {
        let made = std::iter::repeat_n(Severity::Warning, self.order.len());
        self.kept.iter().map(|f| f.severity).chain(made)
    }

    /// Every finding, in order: the kept ones merged with those of the unscored and duplicate
    /// tasks, made one at a time. (No kept finding has the rule `unscored-task` or
    /// `duplicate-task`, so no two keys are equal.)
    pub fn iter(&self) -> impl Iterator<Item = Cow<'_, Finding>> {
        let mut kept = self.kept.iter().peekable();
        let mut unscored = self.order.iter().map(|&m| self.make(m)).peekable();
        std::iter::from_fn(move || match (kept.peek(), unscored.peek()) {
            (Some(k), Some(u)) if u.key() < k.key() => unscored.next().map(Cow::Owned),
            (Some(_), _) => kept.next().map(Cow::Borrowed),
            (None, _) => unscored.next().map(Cow::Owned),
        })
    }
}

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Findings about the roster itself (no baseline), but for the unscored and duplicate tasks'
/// own (see [`Findings`]).
pub fn roster_findings(
    a: &Analysis,
    rubric: &Rubric,
    user_rubric: bool,
    max_unscored: Allowance,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = a
        .row_errors
        .iter()
        .map(|e| Finding::from_input("row-error", e))
        .collect();
    for f in &a.files {
        if let (Some(first), Some(last)) = (
            f.skipped_above_header.first(),
            f.skipped_above_header.last(),
        ) {
            out.push(Finding::new(
                Severity::Notice,
                "header-below-title",
                &f.file,
                f.header_line,
                format!(
                    "the header is on line {}, the first with a job column; {}",
                    f.header_line,
                    if first == last {
                        format!("line {first} above it is skipped")
                    } else {
                        format!("lines {first}–{last} above it are skipped")
                    }
                ),
            ));
        }
        if f.encoding != "UTF-8" {
            out.push(Finding::new(
                Severity::Notice,
                "encoding",
                &f.file,
                0,
                format!(
                    "not valid UTF-8: read as {}; save it as CSV UTF-8 to be sure of its accents",
                    f.encoding
                ),
            ));
        }
    }
    let tasks = a.summary.tasks;
    let unscored = a.unscored.len() as u64;
    if !max_unscored.allows(unscored, tasks) {
        out.push(Finding::new(
            Severity::Error,
            "max-unscored",
            a.files.first().map(|f| f.file.clone()).unwrap_or_default(),
            0,
            format!(
                "{unscored} of {tasks} tasks are unscored, more than --max-unscored {} allows",
                max_unscored.describe()
            ),
        ));
    }
    for j in &a.jobs {
        if j.mean.is_none() && j.tasks == 0 {
            out.push(Finding::new(
                Severity::Error,
                "unscorable-job",
                &j.file,
                j.line,
                match a
                    .unmapped
                    .iter()
                    .find(|u| u.file == j.file && u.line == j.line)
                {
                    Some(u) => format!(
                        "job {:?} has no task and no ISCO-08 occupation to score it from ({})",
                        j.job,
                        u.reason.describe()
                    ),
                    None => format!(
                        "job {:?} has no task and no ISCO-08 occupation to score it from",
                        j.job
                    ),
                },
            ));
        }
        if let (Some(m), Some(code), Some(crate::isco::ScoredFrom::Ilo)) =
            (&j.isco_match, &j.isco, j.scored_from)
        {
            if j.isco_source == Some(crate::isco::IscoSource::Title)
                && m.confidence < crate::isco::LOW_CONFIDENCE
            {
                out.push(Finding::new(Severity::Warning, "low-confidence-mapping", &j.file, j.line, format!(
                        "job {:?} is scored as ISCO-08 {code} from the title {:?} with confidence {:.2}; confirm it with an isco column or --isco-map",
                        j.job, m.reference, m.confidence
                    )));
            }
        }
        if j.headcount == 0.0 {
            out.push(Finding::new(
                Severity::Warning,
                "zero-headcount",
                &j.file,
                j.line,
                format!(
                    "job {:?} has a headcount of 0: it counts for nothing in the figures",
                    j.job
                ),
            ));
        }
    }
    for j in &a.jobs {
        // Shares of time are all ≤ 1 and not all exactly 1 (the weight of a task without one).
        let sum = j.weights.sum;
        if j.weights.look_like_shares && (sum - 1.0).abs() > 0.02 {
            out.push(Finding::new(
                Severity::Warning,
                "weights-sum",
                &j.file,
                j.line,
                format!(
                    "the time shares of job {:?} add up to {sum:.2}, not 1",
                    j.job
                ),
            ));
        }
    }
    if let Some(checks) = &a.checks {
        if user_rubric {
            for (i, rule) in rubric.rules.iter().enumerate() {
                if !checks.rules_used.contains(&i) {
                    out.push(Finding::new(
                        Severity::Notice,
                        "unused-rule",
                        &rubric.source,
                        rule.line,
                        format!("rubric rule {} matches no task of the roster", rule.code),
                    ));
                }
            }
        }
    }
    out
}

/// What changed since the baseline, and whether any direction drifted more than allowed.
pub fn baseline_findings(
    a: &Analysis,
    baseline: &Value,
    file: &str,
    max_drift: Option<f64>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let finding = |severity, rule, message: String| Finding::new(severity, rule, file, 0, message);
    if baseline["method"].as_str() != Some(a.method.name()) {
        out.push(finding(
            Severity::Warning,
            "baseline-method",
            format!(
                "the baseline was scored with method {}, this check with {}",
                baseline["method"].as_str().unwrap_or("?"),
                a.method.name()
            ),
        ));
    }
    let str_of = |v: &Value, k: &str| v[k].as_str().unwrap_or("").to_string();
    // Jobs.
    let old_jobs: BTreeMap<(String, String, String), &Value> = baseline["jobs"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|j| {
            (
                (
                    str_of(j, "direction"),
                    str_of(j, "department"),
                    str_of(j, "job"),
                ),
                j,
            )
        })
        .collect();
    let new_jobs: BTreeMap<(String, String, String), &crate::aggregate::JobExposure> = a
        .jobs
        .iter()
        .map(|j| {
            (
                (j.direction.clone(), j.department.clone(), j.job.clone()),
                j,
            )
        })
        .collect();
    let name = |k: &(String, String, String)| {
        [k.0.as_str(), k.1.as_str(), k.2.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" / ")
    };
    for (k, j) in &new_jobs {
        match old_jobs.get(k) {
            None => out.push(Finding::new(
                Severity::Notice,
                "job-added",
                &j.file,
                j.line,
                format!("job added: {}", name(k)),
            )),
            Some(old) => {
                let old_class = old["class"].as_str();
                let new_class = j.class.map(|c| c.key());
                if old_class != new_class {
                    out.push(Finding::new(
                        Severity::Notice,
                        "job-class-changed",
                        &j.file,
                        j.line,
                        format!(
                            "job {}: class {} → {} (mean {} → {})",
                            name(k),
                            old_class.unwrap_or("unscored"),
                            new_class.unwrap_or("unscored"),
                            fmt_opt(old["mean"].as_f64()),
                            fmt_opt(j.mean)
                        ),
                    ));
                }
            }
        }
    }
    for k in old_jobs.keys().filter(|k| !new_jobs.contains_key(*k)) {
        out.push(finding(
            Severity::Notice,
            "job-removed",
            format!("job removed: {}", name(k)),
        ));
    }
    // Groups: departments added or removed; means and agents concerned that moved.
    compare_groups(
        &mut out,
        file,
        "department",
        &baseline["departments"],
        &a.departments,
        None,
    );
    compare_groups(
        &mut out,
        file,
        "direction",
        &baseline["directions"],
        &a.directions,
        max_drift,
    );
    out
}

fn fmt_opt(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "–".into())
}

fn compare_groups(
    out: &mut Vec<Finding>,
    file: &str,
    level: &'static str,
    old: &Value,
    new: &[GroupExposure],
    max_drift: Option<f64>,
) {
    let key_of = |d: Option<&str>, s: Option<&str>| {
        [d.unwrap_or(""), s.unwrap_or("")]
            .iter()
            .filter(|x| !x.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let old: BTreeMap<String, &Value> = old
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| (key_of(g["direction"].as_str(), g["department"].as_str()), g))
        .collect();
    let new: BTreeMap<String, &GroupExposure> = new
        .iter()
        .map(|g| (key_of(g.direction.as_deref(), g.department.as_deref()), g))
        .collect();
    let push = |out: &mut Vec<Finding>, severity, rule, message| {
        out.push(Finding::new(severity, rule, file, 0, message))
    };
    let (added, removed, moved) = match level {
        "department" => ("department-added", "department-removed", "department-moved"),
        _ => ("direction-added", "direction-removed", "direction-moved"),
    };
    for (k, g) in &new {
        let Some(o) = old.get(k) else {
            push(out, Severity::Notice, added, format!("{level} added: {k}"));
            continue;
        };
        let old_mean = o["mean"].as_f64();
        let old_concerned = o["agents_concerned"].as_f64().unwrap_or(0.0);
        let delta = match (old_mean, g.mean) {
            (Some(a), Some(b)) => Some(b - a),
            _ => None,
        };
        let mean_moved =
            delta.is_some_and(|d| d.abs() >= 0.005) || old_mean.is_some() != g.mean.is_some();
        if mean_moved || old_concerned != g.agents_concerned {
            push(
                out,
                Severity::Notice,
                moved,
                format!(
                    "{level} {k}: mean {} → {}, agents concerned {} → {}",
                    fmt_opt(old_mean),
                    fmt_opt(g.mean),
                    old_concerned,
                    g.agents_concerned
                ),
            );
        }
        if let (Some(limit), Some(d)) = (max_drift, delta) {
            // Means are rounded to 2 decimals: a tolerance keeps 0.05 from failing --max-drift 0.05.
            if d.abs() > limit + 1e-9 {
                push(
                    out,
                    Severity::Error,
                    "max-drift",
                    format!(
                        "{level} {k}: mean moved by {:+.2} ({} → {}), more than --max-drift {limit}",
                        d,
                        fmt_opt(old_mean),
                        fmt_opt(g.mean)
                    ),
                );
            }
        }
    }
    for k in old.keys().filter(|k| !new.contains_key(*k)) {
        push(
            out,
            Severity::Notice,
            removed,
            format!("{level} removed: {k}"),
        );
    }
}

/// Whether the findings pass: none at or above the failing severity.
pub fn policy_holds(mut severities: impl Iterator<Item = Severity>, fail_on: Severity) -> bool {
    !severities.any(|s| s <= fail_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowances() {
        assert_eq!("3".parse::<Allowance>(), Ok(Allowance::Count(3)));
        assert_eq!("2,5%".parse::<Allowance>(), Ok(Allowance::Percent(2.5)));
        assert!("x".parse::<Allowance>().is_err());
        assert!("120%".parse::<Allowance>().is_err());
        assert!(Allowance::Count(0).allows(0, 10));
        assert!(!Allowance::Count(0).allows(1, 10));
        assert!(Allowance::Percent(10.0).allows(1, 10));
        assert!(!Allowance::Percent(5.0).allows(1, 10));
    }

    #[test]
    fn policy_by_severity() {
        let holds = |s: Severity, fail_on| policy_holds([s].into_iter(), fail_on);
        assert!(holds(Severity::Warning, Severity::Error));
        assert!(!holds(Severity::Warning, Severity::Warning));
        assert!(!holds(Severity::Error, Severity::Error));
        assert!(holds(Severity::Notice, Severity::Warning));
        assert!(policy_holds(std::iter::empty(), Severity::Notice));
    }
}
