//! `check`: the roster's guard in CI. Findings from a scored analysis, the policy that decides
//! the exit code, and the comparison with a baseline (the JSON of an earlier `score`).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::Value;

use crate::aggregate::{GroupExposure, UnscoredTask, UnscoredTasks};
use crate::analysis::{Analysis, CheckJob, UnmappedJob};
use crate::classify::Class;
use crate::duplicates::{Duplicate, DuplicateTasks};
use crate::i18n::{Grouping, Lang, Noun};
use crate::intern::index_u32;
use crate::isco::{CONFIDENCE_FLOOR, Unmapped};
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
    /// 1-based line; 0 when the finding is about a whole file or run, written `null` in JSON.
    #[serde(serialize_with = "line_or_null")]
    pub line: u64,
    /// 1-based column, when the finding is about one cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

fn line_or_null<S: serde::Serializer>(line: &u64, s: S) -> Result<S::Ok, S::Error> {
    match line {
        0 => s.serialize_none(),
        n => s.serialize_u64(*n),
    }
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

    pub fn describe(self) -> String {
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

/// The `weight-missing` warning of a job whose task rows give a weight and not all of them.
fn weight_missing_finding(j: &CheckJob) -> Finding {
    let line = j.weights.mixed().unwrap_or(j.line);
    let message = crate::analysis::mixed_weights_message(&j.job);
    Finding::new(Severity::Warning, "weight-missing", &*j.file, line, message)
}

/// Whether a job's weights look like shares of time (all ≤ 1 and not all exactly 1, the weight
/// of a task without one) that do not add up to 1.
fn shares_off(j: &CheckJob) -> bool {
    j.weights.look_like_shares && (j.weights.sum - 1.0).abs() > 0.02
}

/// The `weights-sum` warning of a job whose shares of time are off ([`shares_off`]).
fn weights_sum_finding(j: &CheckJob) -> Finding {
    let sum = j.weights.sum;
    Finding::new(
        Severity::Warning,
        "weights-sum",
        &*j.file,
        j.line,
        format!(
            "the time shares of job {:?} add up to {sum:.2}, not 1",
            j.job
        ),
    )
}

/// The `zero-headcount` warning of a job of no agents.
fn zero_headcount_finding(j: &CheckJob) -> Finding {
    Finding::new(
        Severity::Warning,
        "zero-headcount",
        &*j.file,
        j.line,
        format!(
            "job {:?} has a headcount of 0: it counts for nothing in the figures",
            j.job
        ),
    )
}

/// Every finding of a check, in the order they are written: by severity, file, line, rule and
/// message. The warnings of each unscored task, each duplicate task and the warnings a job's
/// own rows give (weights, headcount) are made only as they are written (a roster can have
/// hundreds of thousands of each); the other findings are few and kept.
pub struct Findings<'a> {
    kept: Vec<Finding>,
    unscored: &'a UnscoredTasks,
    duplicates: Option<&'a DuplicateTasks>,
    jobs: &'a [CheckJob],
    /// The findings made as they are written, in their order.
    order: Vec<Made>,
}

/// A finding made as it is written: of the i-th unscored or duplicate task, or of the i-th job.
/// The variants are in the order of their rules' names.
#[derive(Debug, Clone, Copy)]
enum Made {
    Duplicate(u32),
    Unscored(u32),
    WeightMissing(u32),
    WeightsSum(u32),
    ZeroHeadcount(u32),
}

impl Made {
    /// The finding's rule's rank among the rules of the findings made as they are written.
    fn rank(self) -> u8 {
        match self {
            Made::Duplicate(_) => 0,
            Made::Unscored(_) => 1,
            Made::WeightMissing(_) => 2,
            Made::WeightsSum(_) => 3,
            Made::ZeroHeadcount(_) => 4,
        }
    }
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
            jobs: &[],
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

    /// With the warnings of `jobs`' own rows: `weight-missing`, `weights-sum`,
    /// `zero-headcount`.
    pub fn with_jobs(mut self, jobs: &'a [CheckJob]) -> Self {
        self.jobs = jobs;
        for (i, j) in jobs.iter().enumerate() {
            let i = index_u32(i);
            if j.weights.mixed().is_some() {
                self.order.push(Made::WeightMissing(i));
            }
            if shares_off(j) {
                self.order.push(Made::WeightsSum(i));
            }
            if j.zero_headcount {
                self.order.push(Made::ZeroHeadcount(i));
            }
        }
        self.sort_made();
        self
    }

    /// Puts the findings made as they are written in order. They are all warnings: by file,
    /// line and rule first, the message only when those are equal.
    fn sort_made(&mut self) {
        let place = |m: Made| match m {
            Made::Unscored(i) => {
                let (file, line) = self.unscored.place(i as usize);
                (file, line, m.rank())
            }
            Made::Duplicate(i) => {
                let d = self.duplicates.expect("set with them").get(i as usize);
                (d.file, d.line, m.rank())
            }
            Made::WeightMissing(i) => {
                let j = &self.jobs[i as usize];
                (&*j.file, j.weights.mixed().unwrap_or(j.line), m.rank())
            }
            Made::WeightsSum(i) | Made::ZeroHeadcount(i) => {
                let j = &self.jobs[i as usize];
                (&*j.file, j.line, m.rank())
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
            Made::WeightMissing(i) => weight_missing_finding(&self.jobs[i as usize]),
            Made::WeightsSum(i) => weights_sum_finding(&self.jobs[i as usize]),
            Made::ZeroHeadcount(i) => zero_headcount_finding(&self.jobs[i as usize]),
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

/// Findings about the roster itself (no baseline), but for those made as they are written (see
/// [`Findings`]). `jobs`: what `check` reads of `a`'s jobs, in their order.
pub fn roster_findings(
    a: &Analysis,
    jobs: &[CheckJob],
    rubric: &Rubric,
    user_rubric: bool,
    max_unscored: Allowance,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = a
        .row_errors
        .iter()
        .map(|e| Finding::from_input("row-error", e))
        .collect();
    for (x, y) in crate::analysis::look_alike_jobs(jobs) {
        let message = crate::analysis::look_alike_message(x, y);
        out.push(Finding::new(
            Severity::Warning,
            "look-alike-jobs",
            &y.file,
            y.line,
            message,
        ));
    }
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
        // A budget document's encoding is the one its XML declaration names, not a guess.
        if f.encoding != "UTF-8" && a.document.is_none() {
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
                "{unscored} of {tasks} tasks are unscored, more than max-unscored {} allows",
                max_unscored.describe()
            ),
        ));
    }
    // Each unscorable job's title, found by its row: one pass over the unmapped titles, not one
    // per job (a headcount table of tens of thousands of unknown titles has as many of each).
    let mut unmapped: HashMap<(&str, u64), &UnmappedJob> = HashMap::new();
    for u in &a.unmapped {
        unmapped.entry((u.file.as_str(), u.line)).or_insert(u);
    }
    for j in jobs {
        if j.unrounded_mean.is_none() && j.tasks == 0 {
            let u = unmapped.get(&(j.file.as_str(), j.line)).copied();
            let finding = match u {
                // A title whose closest occupation is under the confidence floor is left out
                // of the figures, not scored: a warning, the fix being the user's code.
                Some(
                    u @ UnmappedJob {
                        reason: Unmapped::LowConfidence,
                        best: Some(b),
                        ..
                    },
                ) => Finding::new(
                    Severity::Warning,
                    "low-confidence-mapping",
                    &j.file,
                    j.line,
                    format!(
                        "job {:?} is left out of the figures: its closest occupation, ISCO-08 {} from the title {:?}, has confidence {:.2}, under the floor {CONFIDENCE_FLOOR:.2}; give its code with an isco column or --isco-map",
                        u.job, b.isco08, b.reference, b.confidence
                    ),
                ),
                Some(u) => Finding::new(
                    Severity::Error,
                    "unscorable-job",
                    &j.file,
                    j.line,
                    format!(
                        "job {:?} has no task and no ISCO-08 occupation to score it from ({})",
                        j.job,
                        u.reason.describe()
                    ),
                ),
                None => Finding::new(
                    Severity::Error,
                    "unscorable-job",
                    &j.file,
                    j.line,
                    format!(
                        "job {:?} has no task and no ISCO-08 occupation to score it from",
                        j.job
                    ),
                ),
            };
            out.push(finding);
        }
        // A grade recognised by a guess is flagged like a doubtful title.
        if let Some((code, m)) = j.guessed_grade.as_deref() {
            out.push(Finding::new(Severity::Warning, "low-confidence-mapping", &j.file, j.line, format!(
                    "job {:?} is scored as ISCO-08 {code} from the grade {:?}, recognised by a guess (confidence {:.2}); confirm it with an isco column or --isco-map",
                    j.job, m.reference, m.confidence
                )));
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

/// What changed since the baseline, and whether any direction drifted more than allowed. A job,
/// department or direction still in the roster is located on its roster line (the first of
/// its jobs); one that is gone, on the baseline file as a whole.
pub fn baseline_findings(
    a: &Analysis,
    baseline: &Value,
    file: &str,
    max_drift: Option<f64>,
    lang: Lang,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let finding = |severity, rule, message: String| Finding::new(severity, rule, file, 0, message);
    let fr = lang == Lang::Fr;
    if baseline["method"].as_str() != Some(a.method.name()) {
        let (old, new) = (baseline["method"].as_str().unwrap_or("?"), a.method.name());
        out.push(finding(
            Severity::Warning,
            "baseline-method",
            if fr {
                format!("la référence a été calculée avec la méthode {old}, ce contrôle avec {new}")
            } else {
                format!("the baseline was scored with method {old}, this check with {new}")
            },
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
                (
                    j.direction.to_string(),
                    j.department.to_string(),
                    j.job.to_string(),
                ),
                j,
            )
        })
        .collect();
    let name = |k: &(String, String, String)| group_key(&[&k.0, &k.1, &k.2]);
    let class_name = |c: Option<Class>| match c {
        Some(c) => lang.class(c),
        None if fr => "non noté",
        None => "unscored",
    };
    for (k, j) in &new_jobs {
        match old_jobs.get(k) {
            None => out.push(Finding::new(
                Severity::Notice,
                "job-added",
                &j.file,
                j.line,
                if fr {
                    format!("métier ajouté\u{202F}: {}", name(k))
                } else {
                    format!("job added: {}", name(k))
                },
            )),
            Some(old) => {
                let old_key = old["class"].as_str();
                if old_key != j.class.map(|c| c.key()) {
                    let (from, to) = (
                        class_name(old_key.and_then(Class::from_key)),
                        class_name(j.class),
                    );
                    let (m0, m1) = (lang.decimal(old["mean"].as_f64()), lang.decimal(j.mean));
                    out.push(Finding::new(
                        Severity::Notice,
                        "job-class-changed",
                        &j.file,
                        j.line,
                        if fr {
                            format!(
                                "métier {}\u{202F}: classe {from} → {to} (moyenne {m0} → {m1})",
                                name(k)
                            )
                        } else {
                            format!("job {}: class {from} → {to} (mean {m0} → {m1})", name(k))
                        },
                    ));
                }
            }
        }
    }
    for k in old_jobs.keys().filter(|k| !new_jobs.contains_key(*k)) {
        out.push(finding(
            Severity::Notice,
            "job-removed",
            if fr {
                format!("métier retiré\u{202F}: {}", name(k))
            } else {
                format!("job removed: {}", name(k))
            },
        ));
    }
    // Groups: departments added or removed; means and agents concerned that moved.
    let mut places: BTreeMap<String, (&str, u64)> = BTreeMap::new();
    for j in &a.jobs {
        for key in [
            group_key(&[&j.direction]),
            group_key(&[&j.direction, &j.department]),
        ] {
            let place = (j.file.as_str(), j.line);
            places
                .entry(key)
                .and_modify(|p| *p = (*p).min(place))
                .or_insert(place);
        }
    }
    let groups = Groups {
        baseline: file,
        places: &places,
        lang,
        grouping: a.grouping,
    };
    groups.compare(
        &mut out,
        Level::Department,
        &baseline["departments"],
        &a.departments,
        None,
    );
    groups.compare(
        &mut out,
        Level::Direction,
        &baseline["directions"],
        &a.directions,
        max_drift,
    );
    out
}

/// A number written in English, with a decimal comma in French.
fn decimal_point(lang: Lang, number: String) -> String {
    match lang {
        Lang::En => number,
        Lang::Fr => number.replace('.', ","),
    }
}

/// `Direction / Department / Job`, without the empty parts.
fn group_key(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" / ")
}

#[derive(Clone, Copy)]
enum Level {
    Department,
    Direction,
}

impl Level {
    /// What the level is, for the roster checked.
    fn noun(self, grouping: Grouping) -> Noun {
        match self {
            Level::Department => grouping.department,
            Level::Direction => grouping.direction,
        }
    }

    /// "direction added: KEY", "service retiré : KEY", "filière retirée : KEY".
    fn came_or_went(self, lang: Lang, grouping: Grouping, came: bool, key: &str) -> String {
        let noun = self.noun(grouping);
        let what = noun.word(lang, false);
        match lang {
            Lang::En => format!("{what} {}: {key}", if came { "added" } else { "removed" }),
            Lang::Fr => {
                let verb = match came {
                    true => noun.agree("ajouté", "ajoutée"),
                    false => noun.agree("retiré", "retirée"),
                };
                format!("{what} {verb}\u{202F}: {key}")
            }
        }
    }

    /// The rules: added, removed, moved.
    fn rules(self) -> [&'static str; 3] {
        match self {
            Level::Department => ["department-added", "department-removed", "department-moved"],
            Level::Direction => ["direction-added", "direction-removed", "direction-moved"],
        }
    }
}

/// What the comparison of groups needs: where each group of the roster starts.
struct Groups<'a> {
    baseline: &'a str,
    places: &'a BTreeMap<String, (&'a str, u64)>,
    lang: Lang,
    grouping: Grouping,
}

impl Groups<'_> {
    fn compare(
        &self,
        out: &mut Vec<Finding>,
        level: Level,
        old: &Value,
        new: &[GroupExposure],
        max_drift: Option<f64>,
    ) {
        let lang = self.lang;
        let fr = lang == Lang::Fr;
        let key_of =
            |d: Option<&str>, s: Option<&str>| group_key(&[d.unwrap_or(""), s.unwrap_or("")]);
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
        // A group of the roster on its first line; one only in the baseline, on the baseline.
        let push = |out: &mut Vec<Finding>, key: &str, severity, rule, message| {
            let (file, line) = self.places.get(key).copied().unwrap_or((self.baseline, 0));
            out.push(Finding::new(severity, rule, file, line, message))
        };
        let [added, removed, moved] = level.rules();
        let what = level.noun(self.grouping).word(lang, false);
        for (k, g) in &new {
            let Some(o) = old.get(k) else {
                let message = level.came_or_went(lang, self.grouping, true, k);
                push(out, k, Severity::Notice, added, message);
                continue;
            };
            let old_mean = o["mean"].as_f64();
            let old_concerned = o["agents_concerned"].as_f64().unwrap_or(0.0);
            let delta = match (old_mean, g.mean) {
                (Some(a), Some(b)) => Some(b - a),
                _ => None,
            };
            let (m0, m1) = (lang.decimal(old_mean), lang.decimal(g.mean));
            let mean_moved =
                delta.is_some_and(|d| d.abs() >= 0.005) || old_mean.is_some() != g.mean.is_some();
            if mean_moved || old_concerned != g.agents_concerned {
                let (c0, c1) = (lang.agents(old_concerned), lang.agents(g.agents_concerned));
                let message = if fr {
                    format!("{what} {k}\u{202F}: moyenne {m0} → {m1}, agents concernés {c0} → {c1}")
                } else {
                    format!("{what} {k}: mean {m0} → {m1}, agents concerned {c0} → {c1}")
                };
                push(out, k, Severity::Notice, moved, message);
            }
            if let (Some(limit), Some(d)) = (max_drift, delta) {
                // Means are rounded to 2 decimals: a tolerance keeps 0.05 from failing --max-drift 0.05.
                if d.abs() > limit + 1e-9 {
                    let (d, limit) = (
                        decimal_point(lang, format!("{d:+.2}")),
                        decimal_point(lang, limit.to_string()),
                    );
                    let message = if fr {
                        format!(
                            "{what} {k}\u{202F}: la moyenne a bougé de {d} ({m0} → {m1}), plus que max-drift {limit}"
                        )
                    } else {
                        format!(
                            "{what} {k}: mean moved by {d} ({m0} → {m1}), more than max-drift {limit}"
                        )
                    };
                    push(out, k, Severity::Error, "max-drift", message);
                }
            }
        }
        for k in old.keys().filter(|k| !new.contains_key(*k)) {
            let message = level.came_or_went(lang, self.grouping, false, k);
            push(out, k, Severity::Notice, removed, message);
        }
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
