//! Aggregation: task scores into jobs (weighted mean and SD, ILO class), jobs into groups
//! (department, direction, any attribute column, the whole authority).

use std::collections::BTreeMap;
use std::hash::Hash;
use std::mem::MaybeUninit;
use std::sync::Arc;

use serde::Serialize;

use crate::classify::{Band, Class, Method, round2, task_exposed};
use crate::error::InputError;
use crate::hashing::{FastMap, FxHasher};
use crate::ilo::OccupationFigures;
use crate::intern::{Interner, Name, Slots, index_u32};
use crate::isco::{IscoMatch, IscoSource, ScoredFrom};
use crate::load::{Field, JobHashes, Row};
use crate::normalize::normalize;
use crate::score::{Scored, Source};
use crate::stats::{Figures, MeanSums, WeightedSums};

/// A 64-bit hash of a text, to compare task texts without keeping them.
fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = FxHasher::default();
    text.hash(&mut h);
    h.finish()
}

/// Running figures of one job while its rows stream past. Its names are shared with the
/// other jobs that have them (`Aggregator::names`), and the whole is about the size of the
/// finished job: the jobs are finished one part at a time, each part let go when finished.
#[derive(Debug, Clone)]
struct JobAcc {
    direction: Name,
    department: Name,
    job: Name,
    /// Its file, as a number into `Aggregator::names` (4 bytes, a name 8: with the number
    /// of its unscored tasks' job, given after the reading outside the job, 8 bytes less per
    /// job, all running at `check`'s peak of memory).
    file: u32,
    line: u64,
    /// The headcount and the line that gave it (line `NO_LINE`: none yet).
    headcount: (f64, u64),
    /// The roster's code, as a number into `Aggregator::names` (`NO_VALUE`: none): most
    /// rosters have none, and a number takes 4 bytes, a name 16. A job without one keeps its
    /// title's place among the titles handed out here instead ([`TITLE_PLACE`]).
    isco: u32,
    /// Per attribute slot: the first non-empty value, as a number into
    /// `Aggregator::attribute_values` (`NO_VALUE`: none yet); kept in
    /// `Aggregator::attribute_ids` (a job's own vector was an allocation per job).
    attributes: AttributeIds,
    /// Its task rows, scored and exposed: 4 bytes each, 12 less per job than `u64`s (a job of
    /// 2³² task rows would be a roster of hundreds of gigabytes; counted up to that, not on).
    tasks: u32,
    scored: u32,
    exposed: u32,
    // The sums of its scored tasks of positive weight are in `Aggregator::sums`.
    weights: Weights,
    /// Its number in the per-task listing, once it has a task there (`NO_VALUE` before).
    listed: u32,
}

/// Where a job's attribute values are in one vector shared by all jobs: `len` slots from
/// `start`.
#[derive(Debug, Clone, Copy, Default)]
struct AttributeIds {
    start: u32,
    len: u32,
}

impl AttributeIds {
    fn of(self, ids: &[u32]) -> &[u32] {
        &ids[self.start as usize..][..self.len as usize]
    }

    /// Room for `slots` slots (new ones `NO_VALUE`): extended in place when the job's slots
    /// are the last in `ids`, else moved to the end (a later file with more columns).
    fn ensure(&mut self, ids: &mut Vec<u32>, slots: usize) {
        if (self.len as usize) >= slots {
            return;
        }
        let start = self.start as usize;
        if start + self.len as usize != ids.len() {
            let moved = ids.len();
            ids.extend_from_within(start..start + self.len as usize);
            self.start = index_u32(moved);
        }
        ids.resize(self.start as usize + slots, NO_VALUE);
        self.len = index_u32(slots);
    }
}

/// The weights a job's task rows carry, to tell whether they look like shares of time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Σ of the weights of the job's task rows (1 for a row without a weight).
    pub sum: f64,
    /// Every weight ≤ 1, and at least one < 1: the roster gave shares of time.
    pub look_like_shares: bool,
    any_above_one: bool,
    /// Whether the first task row gave a weight.
    given: Option<bool>,
    /// The line of the first task row that differs from the first in giving a weight or not
    /// (`NO_LINE`: none), as [`Weights::mixed`] gives it; a number, not an `Option`, 8 bytes
    /// less per job.
    mixed: u64,
}

/// A line number that stands for none.
const NO_LINE: u64 = u64::MAX;

impl Default for Weights {
    fn default() -> Self {
        Weights {
            sum: 0.0,
            look_like_shares: false,
            any_above_one: false,
            given: None,
            mixed: NO_LINE,
        }
    }
}

impl Weights {
    /// The line of the first task row that differs from the first in giving a weight or not:
    /// its missing weight is read as 1 beside given ones, and said so.
    pub fn mixed(&self) -> Option<u64> {
        (self.mixed != NO_LINE).then_some(self.mixed)
    }

    fn note_given(&mut self, given: bool, line: u64) {
        match self.given {
            None => self.given = Some(given),
            Some(first) if first != given && self.mixed == NO_LINE => self.mixed = line,
            Some(_) => {}
        }
    }

    fn add(&mut self, w: f64) {
        self.sum += w;
        self.any_above_one |= w > 1.0;
        self.look_like_shares = !self.any_above_one && (self.look_like_shares || w < 1.0);
    }
}

/// What only `check` needs, gathered while the rows stream past instead of keeping them.
#[derive(Debug, Default)]
pub struct Checks {
    /// The (job, normalised task text) pairs seen, with the line of their first row.
    seen: crate::duplicates::Duplicates,
    /// Raw task text → its normalised form's hash and number (`Duplicates::text`): texts
    /// repeat in every department, and normalising is the costly part.
    normalized: FastMap<String, crate::duplicates::Text>,
    pub duplicates: crate::duplicates::DuplicateTasks,
    /// Indexes of the rubric rules that scored at least one task.
    pub rules_used: std::collections::BTreeSet<usize>,
}

impl Checks {
    /// Notes the task of `row`, of job `i`, scored by `rule` (out of the usual row's way:
    /// `check` only).
    #[inline(never)]
    fn see_task(&mut self, i: usize, row: &Row, rule: Option<usize>) {
        if let Some(rule) = rule {
            self.rules_used.insert(rule);
        }
        if !row.task.is_empty() {
            let text = match self.normalized.get(row.task) {
                Some(&text) => text,
                None => {
                    if self.normalized.len() >= 1 << 16 {
                        self.normalized.clear();
                    }
                    let text = self.seen.text(text_hash(&normalize(row.task)));
                    self.normalized.insert(row.task.to_string(), text);
                    text
                }
            };
            if let Some(first_line) = self.seen.see(i, text, row.line) {
                self.duplicates.push(row, first_line);
            }
        }
    }
}

/// A job as its roster rows give it: names, headcount, code, attribute columns, and the
/// figures of its own tasks. The occupations stage (`crate::jobs`) makes it a [`JobExposure`].
#[derive(Debug, Clone)]
pub struct JobTasks {
    pub direction: Name,
    pub department: Name,
    pub job: Name,
    /// 1 when the roster gives none.
    pub headcount: f64,
    /// The roster's `isco` column.
    pub isco: Option<Name>,
    /// Task rows of the job, scored or not.
    pub tasks: u64,
    pub tasks_scored: u64,
    pub tasks_exposed: u64,
    /// The figures of its scored tasks; `None` when no scored task has a positive weight.
    pub figures: Option<Figures>,
    pub attributes: Attributes,
    pub file: Name,
    pub line: u64,
    pub weights: Weights,
    /// Its title's place among the titles handed out while the rows were read
    /// ([`Aggregator::new_titles`], in order), when it was handed out: the finishing finds the
    /// title's decision by it.
    pub title_place: Option<u32>,
}

/// A job's exposure. Its names are shared with the other jobs and groups that have them, its
/// occupation's match and figures with the other jobs of that title or occupation: a large
/// roster has hundreds of thousands of jobs.
#[derive(Debug, Clone, Serialize)]
pub struct JobExposure {
    pub direction: Name,
    pub department: Name,
    pub job: Name,
    pub headcount: f64,
    pub isco: Option<Name>,
    /// Where `isco` comes from: the roster's column, the user's `--isco-map`, or the title.
    pub isco_source: Option<IscoSource>,
    /// For a code found from the title or the `--isco-map` file: the reference title matched.
    #[serde(serialize_with = "shared")]
    pub isco_match: Option<Arc<IscoMatch>>,
    /// For a grade whose cadre d'emplois spans several occupations: the mix its figures come
    /// from (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "shared")]
    pub isco_mix: Option<Arc<crate::occupation::IscoMix>>,
    /// What the figures come from: the job's own tasks, or the ILO tasks of its occupation.
    pub scored_from: Option<ScoredFrom>,
    /// Task rows of the job, scored or not.
    pub tasks: u64,
    pub tasks_scored: u64,
    pub tasks_unscored: u64,
    pub tasks_exposed: u64,
    /// Weighted mean of the scored tasks, rounded to 2 decimals as the ILO publishes.
    pub mean: Option<f64>,
    /// Weighted standard deviation (reliability weights), rounded to 2 decimals.
    pub sd: Option<f64>,
    /// Class under the chosen method, from the rounded mean and SD.
    pub class: Option<Class>,
    /// Class under the other method, for comparison.
    pub class_other: Option<Class>,
    /// The job's ISCO-08 occupation as the ILO scored it, under the chosen method.
    #[serde(serialize_with = "shared")]
    pub ilo: Option<Arc<OccupationFigures>>,
    /// For a job scored from its own tasks that has an occupation: whether the classes differ.
    pub classes_differ: Option<bool>,
    /// Share of the job's working time (task weights) spent on exposed tasks.
    pub share_time_exposed: Option<f64>,
    pub attributes: Attributes,
    pub file: Name,
    pub line: u64,
    #[serde(skip)]
    pub unrounded_mean: Option<f64>,
    #[serde(skip)]
    pub weights: Weights,
}

/// What the stages after the rows read of a job to sort jobs and compare their names: its
/// direction, department and title, where it is, and its unrounded mean. A [`JobExposure`], or
/// what `check` keeps of one (`crate::jobs::CheckJob`).
pub trait JobNames {
    fn names(&self) -> [&Name; 3];
    /// Its file and line.
    fn place(&self) -> (&str, u64);
    fn unrounded_mean(&self) -> Option<f64>;
}

/// [`JobNames`] for a struct of a job with the fields of those names.
macro_rules! job_names {
    ($job:ty) => {
        impl $crate::aggregate::JobNames for $job {
            fn names(&self) -> [&$crate::intern::Name; 3] {
                [&self.direction, &self.department, &self.job]
            }

            fn place(&self) -> (&str, u64) {
                (&self.file, self.line)
            }

            fn unrounded_mean(&self) -> Option<f64> {
                self.unrounded_mean
            }
        }
    };
}
pub(crate) use job_names;

job_names!(JobExposure);

/// Serialises what a job shares with others as its own, marked as shared: the JSON writer
/// renders it once for all the jobs that share it (`pretty_json`).
pub(crate) fn shared<T: Serialize, S: serde::Serializer>(
    value: &Option<Arc<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.serialize_newtype_struct(crate::pretty_json::SHARED, &**value),
        None => serializer.serialize_none(),
    }
}

/// A job's values of the attribute columns, by header: serialised as a map in the order of the
/// headers, as a `BTreeMap` of them would be. A job's values are a row of one table shared by
/// every job (a large roster has hundreds of thousands of jobs and a few values per column,
/// "C", "Technique": a vector of its own per job was an allocation each).
#[derive(Debug, Clone, Default)]
pub struct Attributes {
    table: Arc<AttributeTable>,
    row: u32,
}

/// The attribute values of every job of a roster.
#[derive(Debug, Default)]
struct AttributeTable {
    /// Sorted, without duplicates.
    headers: Box<[String]>,
    /// The distinct values, by number.
    values: Box<[Arc<str>]>,
    /// Per job, one value's number per header, job after job.
    rows: Box<[u32]>,
}

impl Attributes {
    fn values(&self) -> &[u32] {
        let n = self.table.headers.len();
        &self.table.rows[self.row as usize * n..][..n]
    }

    /// The value under `header`.
    pub fn get(&self, header: &str) -> Option<&str> {
        let k = (self.table.headers)
            .binary_search_by(|h| h.as_str().cmp(header))
            .ok()?;
        Some(&self.table.values[self.values()[k] as usize])
    }

    /// (header, value), in the order of the headers.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        let values = self
            .values()
            .iter()
            .map(|&v| &*self.table.values[v as usize]);
        self.table.headers.iter().map(String::as_str).zip(values)
    }

    /// The headers, sorted.
    pub fn headers(&self) -> &[String] {
        &self.table.headers
    }

    /// Whether both jobs' values are rows of one table, so under the same headers: what is
    /// found from the headers is found once per table.
    pub fn shares_headers(&self, other: &Attributes) -> bool {
        Arc::ptr_eq(&self.table, &other.table)
    }

    /// Asks the CPU for this job's row of value numbers, without waiting for it: jobs in
    /// their sorted order read the rows in no order of theirs.
    pub fn prefetch(&self) {
        let n = self.table.headers.len();
        if let Some(row) = self.table.rows.get(self.row as usize * n) {
            crate::hashing::prefetch(row);
        }
    }

    /// The value under the `k`-th header.
    pub fn value(&self, k: usize) -> &str {
        &self.table.values[self.values()[k] as usize]
    }

    pub fn len(&self) -> usize {
        self.table.headers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.headers.is_empty()
    }
}

impl Serialize for Attributes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// A number of `JobAcc` that stands for none: a slot without a value (`attributes`), a job
/// without a code (`isco`), without an unscored task (`unscored`) or a listed one (`listed`).
const NO_VALUE: u32 = u32::MAX;

/// A group of jobs: a department, a direction, a value of an attribute, or the whole authority.
/// Its names are shared with its jobs and the other groups of its level: a roster can have a
/// hundred thousand departments.
#[derive(Debug, Clone, Serialize)]
pub struct GroupExposure {
    /// `collectivity`, `direction`, `department` or the attribute's name.
    pub level: Name,
    pub direction: Option<Name>,
    pub department: Option<Name>,
    /// The attribute value, for `--by` groups.
    pub value: Option<Name>,
    pub agents: f64,
    pub jobs: u64,
    pub tasks: u64,
    pub tasks_scored: u64,
    pub tasks_exposed: u64,
    /// Headcount-weighted mean of the job means, rounded to 2 decimals.
    pub mean: Option<f64>,
    pub share_tasks_exposed: Option<f64>,
    pub share_time_exposed: Option<f64>,
    /// Agents in jobs that could be classified.
    pub agents_classified: f64,
    /// Agents per class of the chosen method, every class listed.
    pub agents_by_class: ClassCounts,
    /// Agents in any class above the lowest (for WP140 this includes minimal exposure).
    pub agents_concerned: f64,
    pub share_agents_concerned: Option<f64>,
    /// Agents in exposed classes (WP140 gradients 1–4; WP96 all but "not affected").
    pub agents_exposed: f64,
    pub share_agents_exposed: Option<f64>,
    pub jobs_unscored: u64,
}

/// Agents per class: every class of the method listed, serialised as a map of class key →
/// agents in the order of the keys, as a `BTreeMap` of them is. An array, not a map: a group's
/// map took a node of about 300 bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassCounts {
    /// By `Class as usize`.
    agents: [f64; CLASSES],
    /// Bit `Class as usize` set: the class is listed.
    listed: u16,
}

/// How many classes both methods have together.
const CLASSES: usize = 10;

impl ClassCounts {
    /// Every class of `method`, with no agents.
    pub fn of(method: Method) -> Self {
        let mut counts = ClassCounts {
            agents: [0.0; CLASSES],
            listed: 0,
        };
        for &class in method.classes() {
            counts.listed |= 1 << class as usize;
        }
        counts
    }

    pub fn add(&mut self, class: Class, agents: f64) {
        self.agents[class as usize] += agents;
        self.listed |= 1 << class as usize;
    }

    /// The classes listed, in the order of their keys.
    fn classes(&self) -> impl Iterator<Item = Class> + '_ {
        static BY_KEY: std::sync::OnceLock<Vec<Class>> = std::sync::OnceLock::new();
        let by_key = BY_KEY.get_or_init(|| {
            let mut all: Vec<Class> = (Method::Wp140.classes().iter())
                .chain(Method::Wp96.classes())
                .copied()
                .collect();
            all.sort_by_key(|c| c.key());
            all
        });
        (by_key.iter().copied()).filter(|&c| self.listed & (1 << c as usize) != 0)
    }

    /// The agents of the class whose key is `key`, when it is listed.
    pub fn get(&self, key: &str) -> Option<&f64> {
        let class = self.classes().find(|c| c.key() == key)?;
        Some(&self.agents[class as usize])
    }

    /// (key, agents), in the order of the keys.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        self.classes().map(|c| (c.key(), self.agents[c as usize]))
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut f64> {
        let listed = self.listed;
        (self.agents.iter_mut().enumerate())
            .filter(move |(k, _)| listed & (1 << k) != 0)
            .map(|(_, x)| x)
    }
}

impl std::ops::Index<&str> for ClassCounts {
    type Output = f64;
    fn index(&self, key: &str) -> &f64 {
        self.get(key).expect("a class of the method")
    }
}

impl Serialize for ClassCounts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// A task that nothing could score, as listed under `unscored` in the JSON: a view into
/// [`UnscoredTasks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct UnscoredTask<'a> {
    pub file: &'a str,
    pub line: u64,
    pub direction: &'a str,
    pub department: &'a str,
    pub job: &'a str,
    pub task: &'a str,
}

/// The tasks that nothing could score, in the order of the rosters. There can be hundreds of
/// thousands of them, mostly a few texts over and over: each is kept as its line and indexes
/// into the jobs and distinct texts seen (16 bytes), not as five strings of its own.
/// Serialises as the list of [`UnscoredTask`]s.
#[derive(Debug, Default)]
pub struct UnscoredTasks {
    /// Each file, and the number of its first task among `entries`: the file changes at the
    /// end of a roster only, so it is not kept in each entry (4 bytes, and 4 of padding).
    files: Vec<(String, usize)>,
    /// Direction, department and job of each job with an unscored task.
    jobs: Vec<[Name; 3]>,
    /// The distinct task texts.
    texts: Interner,
    entries: Vec<UnscoredEntry>,
}

#[derive(Debug, Clone, Copy)]
struct UnscoredEntry {
    line: u64,
    job: u32,
    task: u32,
}

impl UnscoredTasks {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The `i`-th unscored task, in the order of the rosters.
    pub fn get(&self, i: usize) -> UnscoredTask<'_> {
        self.view(i)
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = UnscoredTask<'_>> {
        (0..self.entries.len()).map(|i| self.view(i))
    }

    /// The file and line of the `i`-th unscored task: what orders the findings, without the
    /// rest of its view.
    pub fn place(&self, i: usize) -> (&str, u64) {
        (self.file(i), self.entries[i].line)
    }

    /// The file of the `i`-th unscored task: the last file whose first task is at or before
    /// it (the first file's is 0; most runs read one file).
    fn file(&self, i: usize) -> &str {
        let file = match self.files.len() {
            1 => 0,
            _ => self.files.partition_point(|&(_, first)| first <= i) - 1,
        };
        &self.files[file].0
    }

    fn view(&self, i: usize) -> UnscoredTask<'_> {
        let e = &self.entries[i];
        let [direction, department, job] = &self.jobs[e.job as usize];
        UnscoredTask {
            file: self.file(i),
            line: e.line,
            direction,
            department,
            job,
            task: self.texts.get(e.task),
        }
    }

    /// The tasks given by the index of their running job (`Aggregator::jobs`) get their job's
    /// number among the jobs with an unscored task instead, numbered in the order of their
    /// first unscored task, and those jobs' names. Done once the rows are read, when `check`'s
    /// pairs are let go: with 500,000 jobs, the jobs' names held while reading were 12 MB at
    /// its peak (and the numbers, in the jobs, 2 MB).
    fn number_jobs(&mut self, running: &[JobAcc]) {
        // Per running job: its number (`NO_VALUE`: none yet).
        let mut numbers = vec![NO_VALUE; running.len()];
        for e in &mut self.entries {
            let number = &mut numbers[e.job as usize];
            if *number == NO_VALUE {
                let job = &running[e.job as usize];
                let names = [&job.direction, &job.department, &job.job].map(Name::clone);
                self.jobs.push(names);
                *number = index_u32(self.jobs.len() - 1);
            }
            e.job = *number;
        }
    }

    /// Adds the task of `row`, of the job `job` (its index among the running jobs, until
    /// `number_jobs`). Out of line: most rows are scored.
    #[inline(never)]
    fn push(&mut self, row: &Row, job: u32) {
        if self.files.last().map(|(file, _)| file.as_str()) != Some(row.file) {
            self.files.push((row.file.to_string(), self.entries.len()));
        }
        // Hashed already on the parsing thread, when the reader could.
        let task = match row.task_hash {
            Some(hash) => self.texts.id_hashed(row.task, hash),
            None => self.texts.id(row.task),
        };
        self.entries.push(UnscoredEntry {
            line: row.line,
            job,
            task,
        });
    }
}

impl Serialize for UnscoredTasks {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// One task of the per-task listing (kept only when it is asked for), as it is read.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct TaskRecord<'a> {
    pub file: &'a str,
    pub line: u64,
    pub direction: &'a str,
    pub department: &'a str,
    pub job: &'a str,
    pub task: &'a str,
    pub weight: f64,
    pub score: Option<f64>,
    pub band: Option<Band>,
    pub source: Source,
    pub rule: Option<&'a str>,
    pub theme: Option<&'a str>,
}

/// The per-task listing, in the order of the rosters (and the ILO tasks of the jobs scored
/// from their occupation). Like `UnscoredTasks`, each task is kept as numbers into tables of
/// the files, jobs and distinct strings (56 bytes), not as seven strings of its own (about
/// 500 bytes): a national roster has millions of tasks, mostly a few texts over and over.
#[derive(Debug, Default)]
pub struct TaskRecords {
    files: Vec<String>,
    /// Direction, department and job of each job with a listed task.
    jobs: Vec<[String; 3]>,
    /// Task texts, rule codes and themes.
    strings: Interner,
    entries: Vec<TaskEntry>,
}

#[derive(Debug, Clone, Copy)]
struct TaskEntry {
    line: u64,
    weight: f64,
    score: Option<f64>,
    file: u32,
    job: u32,
    task: u32,
    /// `NONE` for no rule or theme.
    rule: u32,
    theme: u32,
    band: Option<Band>,
    source: Source,
}

impl TaskRecords {
    const NONE: u32 = u32::MAX;

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The `i`-th task.
    pub fn get(&self, i: usize) -> TaskRecord<'_> {
        let e = &self.entries[i];
        let [direction, department, job] = &self.jobs[e.job as usize];
        let string = |id: u32| (id != Self::NONE).then(|| self.strings.get(id));
        TaskRecord {
            file: &self.files[e.file as usize],
            line: e.line,
            direction,
            department,
            job,
            task: self.strings.get(e.task),
            weight: e.weight,
            score: e.score,
            band: e.band,
            source: e.source,
            rule: string(e.rule),
            theme: string(e.theme),
        }
    }

    pub fn iter(&self) -> TaskIter<'_> {
        TaskIter {
            tasks: self,
            next: 0..self.len(),
        }
    }

    /// Registers a job; its number is what `push` takes.
    pub fn add_job(&mut self, direction: &str, department: &str, job: &str) -> u32 {
        self.jobs.push([
            direction.to_string(),
            department.to_string(),
            job.to_string(),
        ]);
        index_u32(self.jobs.len() - 1)
    }

    /// Adds a task of the job `job` (from `add_job`), scored as `task` says; its file, line,
    /// names and text are those of `task`.
    pub fn push(&mut self, job: u32, task: &TaskRecord) {
        if self.files.last().map(String::as_str) != Some(task.file) {
            self.files.push(task.file.to_string());
        }
        let text = self.strings.id(task.task);
        let mut id = |s: Option<&str>| s.map_or(Self::NONE, |s| self.strings.id(s));
        let (rule, theme) = (id(task.rule), id(task.theme));
        self.entries.push(TaskEntry {
            line: task.line,
            weight: task.weight,
            score: task.score,
            file: index_u32(self.files.len() - 1),
            job,
            task: text,
            rule,
            theme,
            band: task.band,
            source: task.source,
        });
    }
}

impl Serialize for TaskRecords {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// The tasks of a `TaskRecords`, in order.
pub struct TaskIter<'a> {
    tasks: &'a TaskRecords,
    next: std::ops::Range<usize>,
}

impl<'a> Iterator for TaskIter<'a> {
    type Item = TaskRecord<'a>;

    fn next(&mut self) -> Option<TaskRecord<'a>> {
        self.next.next().map(|i| self.tasks.get(i))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.next.size_hint()
    }
}

impl ExactSizeIterator for TaskIter<'_> {}

impl<'a> IntoIterator for &'a TaskRecords {
    type Item = TaskRecord<'a>;
    type IntoIter = TaskIter<'a>;

    fn into_iter(self) -> TaskIter<'a> {
        self.iter()
    }
}

/// What `Aggregator::finish` gives: the jobs, the attribute columns (header key, header as
/// first written), the unscored tasks and, when kept, every task.
pub type Finished = (
    JobsToFinish,
    Vec<(String, String)>,
    UnscoredTasks,
    Option<TaskRecords>,
    Option<Checks>,
);

/// Per job, in the order of the jobs: the sums of its scored tasks of positive weight, beside
/// the jobs rather than in them, sized for what the command needs of them. All the jobs are
/// running at once at the end of the reading, where `check`'s memory peaks: without a baseline
/// it needs a job's mean only (33 bytes: the sums, and which overflowed in a vector beside, not
/// 104).
#[derive(Debug)]
enum JobSums {
    Full(Vec<WeightedSums>),
    Means(Vec<MeanSums>, Vec<u8>),
}

impl JobSums {
    fn push(&mut self) {
        match self {
            JobSums::Full(v) => v.push(WeightedSums::default()),
            JobSums::Means(v, overflow) => {
                v.push(MeanSums::default());
                overflow.push(0);
            }
        }
    }

    fn add(&mut self, job: usize, w: f64, x: f64) {
        match self {
            JobSums::Full(v) => v[job].add(w, x),
            JobSums::Means(v, overflow) => v[job].add(&mut overflow[job], w, x),
        }
    }

    fn reverse(&mut self) {
        match self {
            JobSums::Full(v) => v.reverse(),
            JobSums::Means(v, overflow) => {
                v.reverse();
                overflow.reverse();
            }
        }
    }

    /// The sums of `len` jobs from `from` on.
    fn part(&self, from: usize, len: usize) -> PartSums<'_> {
        let to = from + len;
        match self {
            JobSums::Full(v) => PartSums::Full(&v[from..to]),
            JobSums::Means(v, overflow) => PartSums::Means(&v[from..to], &overflow[from..to]),
        }
    }

    /// Keeps the sums of the first `len` jobs, in memory of their size.
    fn truncate_to_fit(&mut self, len: usize) {
        match self {
            JobSums::Full(v) => {
                v.truncate(len);
                v.shrink_to_fit();
            }
            JobSums::Means(v, overflow) => {
                v.truncate(len);
                v.shrink_to_fit();
                overflow.truncate(len);
                overflow.shrink_to_fit();
            }
        }
    }
}

/// The sums of a half part's jobs, read where they are ([`JobSums::part`]).
#[derive(Clone, Copy)]
enum PartSums<'a> {
    Full(&'a [WeightedSums]),
    Means(&'a [MeanSums], &'a [u8]),
}

impl PartSums<'_> {
    fn figures(&self, job: usize) -> Option<Figures> {
        match self {
            PartSums::Full(v) => v[job].figures(),
            PartSums::Means(v, overflow) => v[job].figures(overflow[job]),
        }
    }
}

/// Items moved out of a vector's memory, past its length, owned here and taken one by one from
/// the end: the jobs of half a part, handed to a core where they are, not copied out first
/// (`Vec::split_off` copied every running job once, 24 MB at 117,000 jobs).
struct Moved<'a, T> {
    slots: &'a mut [MaybeUninit<T>],
    /// `slots[..len]` are the items still owned.
    len: usize,
}

impl<'a, T> Moved<'a, T> {
    /// # Safety
    /// Every slot of `slots` holds an item that nothing else reads or drops from now on.
    unsafe fn new(slots: &'a mut [MaybeUninit<T>]) -> Self {
        let len = slots.len();
        Moved { slots, len }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn pop(&mut self) -> Option<T> {
        self.len = self.len.checked_sub(1)?;
        // SAFETY: `slots[..len]` held owned items (`Moved::new`, and each one taken lowers
        // `len` first): the slot at the new `len` is read once, and no longer counted.
        Some(unsafe { self.slots[self.len].assume_init_read() })
    }

    fn as_slice(&self) -> &[T] {
        // SAFETY: `slots[..len]` are initialised items (see `pop`), `MaybeUninit<T>` has the
        // layout of a `T`.
        unsafe { std::slice::from_raw_parts(self.slots.as_ptr().cast::<T>(), self.len) }
    }
}

impl<T> Drop for Moved<'_, T> {
    fn drop(&mut self) {
        // SAFETY: `slots[..len]` are the items still owned (see `pop`), dropped once here.
        unsafe {
            std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(
                self.slots.as_mut_ptr().cast::<T>(),
                self.len,
            ));
        }
    }
}

/// Streams rows into per-job accumulators.
pub struct Aggregator {
    jobs: Vec<JobAcc>,
    /// The jobs' sums, in their order.
    sums: JobSums,
    /// Jobs by a hash of their direction, department and title, compared by their names (exact,
    /// without keeping the names twice): 8 bytes a slot, where a map of the hash to the job
    /// took 17 (with 500,000 jobs, its growth was at `check`'s peak of memory).
    index: Slots,
    /// For the column set last seen (`Columns::id`): the attribute slot of each attribute column.
    slots: Option<(u64, Vec<usize>)>,
    /// The jobs' attribute values (`JobAcc::attributes`).
    attribute_ids: Vec<u32>,
    /// Attribute columns across files: (header key, header as first written).
    pub attribute_names: Vec<(String, String)>,
    /// The distinct values of the attribute columns.
    attribute_values: Interner,
    /// The distinct names of directions, departments, jobs, files and roster ISCO codes.
    names: Interner<Vec<Name>>,
    pub unscored: UnscoredTasks,
    pub tasks: Option<TaskRecords>,
    pub checks: Option<Checks>,
    last: Option<usize>,
    /// The file's columns (`Columns::id`) and line of the last row whose job's cells were all
    /// taken in (the job found, its attributes, headcount and code agreeing): a row whose
    /// `Row::same_job_as` is that line, in that file, has the same cells, and so the same job
    /// with nothing new to take from them.
    job_cells_taken: Option<(u64, u64)>,
    /// When kept: the job titles met for the first time, of jobs without a code of their own,
    /// for the caller to take (to resolve them while the rows are read: `crate::jobs`).
    pub new_titles: Option<Vec<Name>>,
    titles: TitlesHanded,
}

/// Which names were handed out as new titles ([`Aggregator::new_titles`]) and in which order,
/// and whether a job was met first on a row with a code of its own (its title not handed out).
#[derive(Default)]
struct TitlesHanded {
    /// By name number: its place among the titles handed out (`NO_VALUE`: not handed out).
    place: Vec<u32>,
    /// How many were handed out.
    handed: u32,
    coded_job: bool,
}

/// A job without a code keeps in `JobAcc::isco`, from this number on, its title's place among
/// the titles handed out, by which the finishing finds the title's decision without hashing
/// (`crate::jobs`); `NO_VALUE` when it has none. A code's number is below it (checked once:
/// [`Aggregator::finish`]). In the field a code would take, not one more per job: 4 bytes
/// would make a running job 8 bytes larger (its alignment).
const TITLE_PLACE: u32 = 1 << 31;

impl TitlesHanded {
    /// A new job, of the title `job` numbered `id`, met first on a row with a code (`coded`) or
    /// not: its title, when not handed out before, is pushed to `new`. What the job's `isco`
    /// starts as: its title's place ([`TITLE_PLACE`]), or `NO_VALUE`.
    // (Out of line: `job_index` is inlined into the per-row path, which it would make longer.)
    #[inline(never)]
    fn new_job(&mut self, new: &mut Vec<Name>, id: u32, job: &Name, coded: bool) -> u32 {
        if coded {
            self.coded_job = true;
            return NO_VALUE;
        }
        let id = id as usize;
        if self.place.len() <= id {
            self.place.resize(id + 1, NO_VALUE);
        }
        let place = &mut self.place[id];
        if *place == NO_VALUE {
            *place = self.handed;
            self.handed += 1;
            new.push(job.clone());
        }
        // (A place past what the field holds is left to be found by the title's name.)
        if *place < NO_VALUE - TITLE_PLACE {
            TITLE_PLACE + *place
        } else {
            NO_VALUE
        }
    }
}

impl JobAcc {
    /// Whether it has a code of its own (`isco`).
    fn coded(&self) -> bool {
        self.isco < TITLE_PLACE
    }

    /// Its title's place among the titles handed out, when it has no code and one.
    fn title_place(&self) -> Option<u32> {
        match self.isco {
            NO_VALUE => None,
            isco => isco.checked_sub(TITLE_PLACE),
        }
    }
}

/// Adds the task of `row`, of job `job`, to the per-task listing (when it is asked for: out of
/// the usual row's way).
#[inline(never)]
fn list_task(
    tasks: &mut TaskRecords,
    job: &mut JobAcc,
    row: &Row,
    weight: f64,
    scored: Scored,
    rule: Option<(&str, &str)>,
) {
    if job.listed == NO_VALUE {
        job.listed = tasks.add_job(row.direction, row.department, row.job);
    }
    tasks.push(
        job.listed,
        &TaskRecord {
            file: row.file,
            line: row.line,
            direction: row.direction,
            department: row.department,
            job: row.job,
            task: row.task,
            weight,
            score: scored.score,
            band: scored.score.map(Band::of),
            source: scored.source,
            rule: rule.map(|(code, _)| code),
            theme: rule.map(|(_, theme)| theme),
        },
    );
}

impl Aggregator {
    /// `keep_tasks` keeps every task for the per-task listing; `check` gathers what `check`
    /// reports (duplicates, rules used).
    pub fn new(keep_tasks: bool, check: bool) -> Self {
        Aggregator {
            checks: check.then(Checks::default),
            jobs: Vec::new(),
            sums: JobSums::Full(Vec::new()),
            index: Slots::default(),
            slots: None,
            attribute_ids: Vec::new(),
            attribute_names: Vec::new(),
            attribute_values: Interner::default(),
            names: Interner::default(),
            unscored: UnscoredTasks::default(),
            tasks: keep_tasks.then(TaskRecords::default),
            last: None,
            job_cells_taken: None,
            new_titles: None,
            titles: TitlesHanded::default(),
        }
    }

    /// Keeps of each job's task scores only what its mean takes: its figures' standard
    /// deviation and share of exposed weight are then 0 (`check` without a baseline, which
    /// reads neither). Before the first row.
    pub fn means_only(&mut self) {
        debug_assert!(self.jobs.is_empty());
        self.sums = JobSums::Means(Vec::new(), Vec::new());
    }

    fn job_index(&mut self, row: &Row) -> usize {
        // Rows of a job usually follow each other: skip the hash look-up then.
        if let Some(i) = self.last {
            let j = &self.jobs[i];
            if j.job == row.job && j.department == row.department && j.direction == row.direction {
                return i;
            }
        }
        let of = || JobHashes::of(row.direction, row.department, row.job);
        let hashes = row.job_hashes.unwrap_or_else(of);
        debug_assert_eq!(hashes, of());
        let jobs = &self.jobs;
        let is = |i: u32| {
            let j = &jobs[i as usize];
            j.job == row.job && j.department == row.department && j.direction == row.direction
        };
        let i = match self.index.find_or_add(jobs.len(), hashes.job, is) {
            Some(i) => i as usize,
            None => {
                let i = self.jobs.len();
                // The direction, department and file of a new job are mostly the last
                // job's: shared from it without a look-up.
                let last = self.last.map(|l| &self.jobs[l]);
                let names = &mut self.names;
                let mut name = |text: &str, of_last: Option<&Name>, hash: u64| match of_last {
                    Some(n) if **n == *text => n.clone(),
                    _ => names.name_hashed(text, hash),
                };
                let direction = name(row.direction, last.map(|l| &l.direction), hashes.direction);
                let department = name(
                    row.department,
                    last.map(|l| &l.department),
                    hashes.department,
                );
                let file = match last {
                    Some(l) if names.get(l.file) == row.file => l.file,
                    _ => names.id(row.file),
                };
                let title = names.id_hashed(row.job, hashes.title);
                let job = names.shared(title).clone();
                let isco = match &mut self.new_titles {
                    Some(new) => self.titles.new_job(new, title, &job, !row.isco.is_empty()),
                    None => NO_VALUE,
                };
                self.jobs.push(JobAcc {
                    direction,
                    department,
                    job,
                    file,
                    line: row.line,
                    headcount: (1.0, NO_LINE),
                    isco,
                    attributes: AttributeIds::default(),
                    tasks: 0,
                    scored: 0,
                    exposed: 0,
                    weights: Weights::default(),
                    listed: NO_VALUE,
                });
                self.sums.push();
                i
            }
        };
        self.last = Some(i);
        i
    }

    /// Brings the table slots that looking up these jobs (which start runs of rows a few
    /// rows ahead) will read into the CPU caches: the job's, its department's and title's.
    pub fn prepare(&self, jobs: &[JobHashes]) {
        for hashes in jobs {
            self.index.prefetch(hashes.job);
            self.names.prefetch(hashes.department);
            self.names.prefetch(hashes.title);
        }
    }

    /// Adds one roster row and its score. `rule` names the rubric rule and theme, if any.
    pub fn add(
        &mut self,
        row: &Row,
        scored: Scored,
        rule: Option<(&str, &str)>,
    ) -> Result<(), InputError> {
        // The rows of a job mostly follow each other, their job's cells the same: told by the
        // parsing thread (`Row::same_job_as`), they are not looked at again.
        let same =
            row.same_job_as != 0 && self.job_cells_taken == Some((row.columns.id, row.same_job_as));
        let i = match self.last {
            Some(i) if same => i,
            _ => {
                self.job_cells_taken = None;
                self.take_job_cells(row)?
            }
        };
        self.job_cells_taken = Some((row.columns.id, row.line));
        self.add_task(i, row, scored, rule);
        Ok(())
    }

    /// The job of `row`, with what its cells say of it (attributes, headcount, code) taken in
    /// or checked against what earlier rows said. Once per run of a job's rows: out of line,
    /// so that the usual row's path keeps few registers to save.
    #[inline(never)]
    fn take_job_cells(&mut self, row: &Row) -> Result<usize, InputError> {
        let i = self.job_index(row);
        // Attributes: register this file's columns, keep the first non-empty value per job.
        if self
            .slots
            .as_ref()
            .is_none_or(|(id, _)| *id != row.columns.id)
        {
            let mut known: FastMap<&str, usize> = self
                .attribute_names
                .iter()
                .enumerate()
                .map(|(slot, (key, _))| (key.as_str(), slot))
                .collect();
            let mut added = Vec::new();
            let mut slots = Vec::with_capacity(row.columns.attributes.len());
            for (_, header, key) in &row.columns.attributes {
                let next = self.attribute_names.len() + added.len();
                let slot = *known.entry(key.as_str()).or_insert_with(|| {
                    added.push((key.clone(), header.clone()));
                    next
                });
                slots.push(slot);
            }
            self.attribute_names.extend(added);
            self.slots = Some((row.columns.id, slots));
        }
        let slots = &self.slots.as_ref().expect("set just above").1;
        // Every slot known so far (a job of a file without some columns leaves them `NO_VALUE`).
        (self.jobs[i].attributes).ensure(&mut self.attribute_ids, self.attribute_names.len());
        let start = self.jobs[i].attributes.start as usize;
        for ((col, header, _), &slot) in row.columns.attributes.iter().zip(slots) {
            let value = row.attribute(*col);
            if value.is_empty() {
                continue;
            }
            let id = &mut self.attribute_ids[start + slot];
            if *id == NO_VALUE {
                *id = self.attribute_values.id(value);
            } else if self.attribute_values.get(*id) != value {
                // As for a headcount: a job's columns describe the job, one value per job.
                return Err(InputError::cell(
                    row.file,
                    row.line,
                    col + 1,
                    header.trim(),
                    crate::messages::attribute_disagrees(
                        value,
                        self.attribute_values.get(*id),
                        row.job,
                    ),
                ));
            }
        }
        let job = &mut self.jobs[i];
        if let Some(h) = row.headcount {
            match job.headcount {
                (_, NO_LINE) => job.headcount = (h, row.line),
                (prev, line) if prev != h => {
                    let (col, header) = row.column_of(Field::Headcount);
                    return Err(InputError::cell(
                        row.file,
                        row.line,
                        col,
                        header,
                        crate::messages::headcount_disagrees(h, (prev, line), row.job),
                    ));
                }
                _ => {}
            }
        }
        if !row.isco.is_empty() {
            if !job.coded() {
                job.isco = self.names.id(row.isco);
            } else if self.names.get(job.isco) != row.isco {
                let (col, header) = row.column_of(Field::Isco);
                return Err(InputError::cell(
                    row.file,
                    row.line,
                    col,
                    header,
                    crate::messages::isco_disagrees(row.isco, self.names.get(job.isco)),
                ));
            }
        }
        Ok(i)
    }

    /// Adds the task of `row`, of job `i`, to the job.
    fn add_task(&mut self, i: usize, row: &Row, scored: Scored, rule: Option<(&str, &str)>) {
        // A row with no task text and no score only carries the job (a headcount table).
        let has_task = !row.task.is_empty()
            || scored.source == Source::Manual
            || scored.source == Source::Code;
        if !has_task {
            return;
        }
        let job = &mut self.jobs[i];
        job.weights.note_given(row.weight.is_some(), row.line);
        let weight = row.weight.unwrap_or(1.0);
        job.tasks = job.tasks.saturating_add(1);
        job.weights.add(weight);
        if let Some(checks) = &mut self.checks {
            checks.see_task(i, row, scored.rule);
        }
        match scored.score {
            Some(x) => {
                job.scored = job.scored.saturating_add(1);
                if task_exposed(x) {
                    job.exposed = job.exposed.saturating_add(1);
                }
                if weight > 0.0 {
                    self.sums.add(i, weight, x);
                }
            }
            // Numbered by the running job's index until `finish` (see `number_jobs`).
            None => self.unscored.push(row, index_u32(i)),
        }
        if let Some(tasks) = &mut self.tasks {
            list_task(tasks, &mut self.jobs[i], row, weight, scored, rule);
        }
    }

    /// Closes every job: the figures of its own tasks, given one part at a time (see
    /// [`JobsToFinish`]).
    pub fn finish(mut self) -> Finished {
        let mut checks = self.checks.take();
        if let Some(checks) = &mut checks {
            checks.seen.clear();
            checks.normalized = FastMap::default();
            checks.duplicates.seal();
        }
        let names = self.attribute_names;
        let mut unscored = self.unscored;
        unscored.texts.seal();
        if let Some(tasks) = &mut self.tasks {
            tasks.strings.seal();
        }
        // Each header once, in order, with the slot of its value (the last slot of a header
        // written twice, as inserting them in turn into a map would keep).
        let by_header: BTreeMap<&str, usize> = (names.iter().enumerate())
            .map(|(slot, (_, header))| (header.as_str(), slot))
            .collect();
        let headers: Box<[String]> = by_header.keys().map(|h| h.to_string()).collect();
        let header_slots: Vec<usize> = by_header.into_values().collect();
        // Each job's row of the table, in the order of the jobs; a slot without a value is
        // the empty text, numbered after the values. Made while the unscored tasks' jobs are
        // numbered, on a second core: both read every job.
        let empty = index_u32(self.attribute_values.len());
        let (running, attribute_ids) = (&self.jobs, &self.attribute_ids);
        let ((), rows) = crate::parallel::both(
            running.len(),
            || unscored.number_jobs(running),
            || {
                let mut rows = Vec::with_capacity(running.len() * header_slots.len());
                for j in running {
                    let ids = j.attributes.of(attribute_ids);
                    rows.extend(header_slots.iter().map(|&slot| match ids.get(slot) {
                        Some(&id) if id != NO_VALUE => id,
                        _ => empty,
                    }));
                }
                rows
            },
        );
        drop(self.attribute_ids);
        let values = (0..empty)
            .map(|id| Arc::from(self.attribute_values.get(id)))
            .chain(std::iter::once(Arc::from("")))
            .collect();
        drop(self.attribute_values);
        let table = Arc::new(AttributeTable {
            headers,
            values,
            rows: rows.into(),
        });
        // Every code's number is below `TITLE_PLACE`: a job's `isco` is either.
        assert!(self.names.len() <= TITLE_PLACE as usize, "too many names");
        let codes = (0..index_u32(self.names.len()))
            .map(|id| self.names.shared(id).clone())
            .collect();
        drop(self.names);
        // The last job first: the next part to finish is taken from the end.
        let (mut jobs, mut sums) = (self.jobs, self.sums);
        crate::parallel::both(jobs.len(), || sums.reverse(), || jobs.reverse());
        let jobs = JobsToFinish {
            jobs,
            sums,
            given: Vec::new(),
            table,
            codes,
            titles_handed_out: self.new_titles.is_some() && !self.titles.coded_job,
        };
        (jobs, names, unscored, self.tasks, checks)
    }
}

/// The jobs of an `Aggregator`, finished (`JobTasks`) in the order they came, one part at a
/// time: each part is two halves of the running jobs, each finished job by job as the next
/// stage takes it, on a core of its own, and then let go, so that the running and the
/// finished jobs are never both whole.
pub struct JobsToFinish {
    /// Last job first.
    jobs: Vec<JobAcc>,
    /// Their sums, in the same order.
    sums: JobSums,
    /// Jobs given already finished ([`JobsToFinish::given`]).
    given: Vec<JobTasks>,
    /// The jobs' attribute values, a row per job in their order.
    table: Arc<AttributeTable>,
    /// The names by number, to give the jobs' codes (`JobAcc::isco`) and files.
    codes: Box<[Name]>,
    /// Every job was met first on a row without a code, and its title handed out as new
    /// ([`Aggregator::new_titles`]): so every title a job needs was handed out.
    titles_handed_out: bool,
}

impl JobsToFinish {
    /// Jobs given at once, half to each core.
    pub const PART: usize = 1 << 14;

    /// Jobs made some other way (the tests), given as one part.
    pub fn given(jobs: Vec<JobTasks>) -> JobsToFinish {
        JobsToFinish {
            jobs: Vec::new(),
            sums: JobSums::Full(Vec::new()),
            given: jobs,
            table: Arc::default(),
            codes: Box::default(),
            titles_handed_out: false,
        }
    }

    /// Whether every title a job without a code has was handed out as new while the rows
    /// were read ([`Aggregator::new_titles`]).
    pub fn titles_handed_out(&self) -> bool {
        self.titles_handed_out
    }

    /// The jobs not given yet.
    pub fn len(&self) -> usize {
        self.given.len() + self.jobs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many distinct names (directions, departments, titles, codes, files) the rows were
    /// read into: at least as many as the jobs have.
    pub fn names(&self) -> usize {
        self.codes.len()
    }

    /// The next part's jobs: its first half, then its second, each to be finished on a core of
    /// its own.
    pub fn next_part<'s>(&'s mut self) -> Option<[Half<'s>; 2]> {
        if !self.given.is_empty() {
            let mut first = std::mem::take(&mut self.given);
            let second = first.split_off(first.len() / 2);
            return Some([first, second].map(|jobs| Half::Given(jobs.into_iter())));
        }
        // The jobs of the part before, given, are let go: the memory kept is the jobs left.
        self.jobs.shrink_to_fit();
        self.sums.truncate_to_fit(self.jobs.len());
        if self.jobs.is_empty() {
            return None;
        }
        // The part's earlier half is the end of the running jobs (last first), its later
        // half the slots before.
        let len = self.jobs.len();
        let start = len.saturating_sub(Self::PART);
        let middle = start + (len - start) / 2;
        // SAFETY: the jobs from `start` on stay where they are, initialised; past the length
        // they are no longer the vector's to read or drop, and go to the halves, each once.
        // The vector is not touched again until the halves, which borrow it, are gone.
        unsafe { self.jobs.set_len(start) };
        let part = &mut self.jobs.spare_capacity_mut()[..len - start];
        let (later, earlier) = part.split_at_mut(middle - start);
        // SAFETY: as said above, each slot of `later` and `earlier` holds a job nothing else
        // reads or drops.
        let (later, earlier) = unsafe { (Moved::new(later), Moved::new(earlier)) };
        let (sums, table, codes) = (&self.sums, &self.table, &self.codes);
        let half = |jobs: Moved<'s, JobAcc>, from: usize| -> Half<'s> {
            let sums = sums.part(from, jobs.len());
            Half::Running(Running {
                jobs,
                sums,
                from,
                table,
                codes,
            })
        };
        Some([half(earlier, middle), half(later, start)])
    }
}

/// Half a part of the jobs to finish: running jobs, finished one by one as they are taken, in
/// their order (each job moved once, from where it ran to where the next stage takes it), or
/// jobs given finished.
pub enum Half<'a> {
    Running(Running<'a>),
    Given(std::vec::IntoIter<JobTasks>),
}

/// Running jobs of a part (see [`JobsToFinish`]).
pub struct Running<'a> {
    /// Last job first.
    jobs: Moved<'a, JobAcc>,
    sums: PartSums<'a>,
    /// Where the first of `jobs` was among the running jobs (last first).
    from: usize,
    table: &'a Arc<AttributeTable>,
    codes: &'a [Name],
}

impl Half<'_> {
    /// The titles of the jobs without a code of their own, in the jobs' order, each with its
    /// place among the titles handed out ([`JobTasks::title_place`]).
    pub fn uncoded_titles<'s>(&'s self, mut each: impl FnMut(&'s Name, Option<u32>)) {
        match self {
            Half::Running(r) => (r.jobs.as_slice().iter().rev())
                .filter(|j| !j.coded())
                .for_each(|j| each(&j.job, j.title_place())),
            Half::Given(jobs) => (jobs.as_slice().iter())
                .filter(|j| j.isco.is_none())
                .for_each(|j| each(&j.job, j.title_place)),
        }
    }
}

impl Iterator for Half<'_> {
    type Item = JobTasks;

    fn next(&mut self) -> Option<JobTasks> {
        let r = match self {
            Half::Running(r) => r,
            Half::Given(jobs) => return jobs.next(),
        };
        let j = r.jobs.pop()?;
        let i = r.jobs.len();
        let (table, codes) = (r.table, r.codes);
        let (isco, title_place) = (
            j.coded().then(|| codes[j.isco as usize].clone()),
            j.title_place(),
        );
        // The job at `k` of the running jobs (last first) is the roster's job `jobs - 1 - k`.
        let jobs = table.rows.len().checked_div(table.headers.len());
        Some(JobTasks {
            attributes: Attributes {
                table: table.clone(),
                row: jobs.map_or(0, |n| index_u32(n - 1 - (r.from + i))),
            },
            direction: j.direction,
            department: j.department,
            job: j.job,
            headcount: j.headcount.0,
            isco,
            title_place,
            tasks: j.tasks.into(),
            tasks_scored: j.scored.into(),
            tasks_exposed: j.exposed.into(),
            figures: r.sums.figures(i),
            file: codes[j.file as usize].clone(),
            line: j.line,
            weights: j.weights,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match self {
            Half::Running(r) => r.jobs.len(),
            Half::Given(jobs) => jobs.len(),
        };
        (n, Some(n))
    }
}

impl ExactSizeIterator for Half<'_> {}

/// Sums jobs into one group.
pub fn group(level: &str, method: Method, jobs: &[&JobExposure]) -> GroupExposure {
    sum_group(level.into(), method, jobs)
}

fn sum_group(level: Name, method: Method, jobs: &[&JobExposure]) -> GroupExposure {
    let mut sums = GroupAdder::new(method);
    for j in jobs {
        sums.add(j);
    }
    sums.group(level)
}

/// One group's jobs added one at a time, in their order, then made the group: what
/// [`group`] does, for jobs gone through for something else too (the collectivity's, in the
/// same pass as the directions': a pass reads every job's 224 bytes).
pub struct GroupAdder {
    sums: GroupSums,
    method: Method,
}

impl GroupAdder {
    pub fn new(method: Method) -> Self {
        GroupAdder {
            sums: GroupSums::new(method),
            method,
        }
    }

    pub fn add(&mut self, j: &JobExposure) {
        self.sums.add(j);
    }

    pub fn group(&self, level: Name) -> GroupExposure {
        let mut g = GroupSums::group(level, self.method);
        self.sums.finish(&mut g);
        g
    }
}

/// What a group sums of its jobs while they are added, in their order (sums of floating-point
/// numbers depend on it), side by side: a job of one of thousands of groups, in no order of
/// theirs, touches its group's 176 bytes of sums, not the group's 304 and sums kept apart.
#[derive(Clone, Copy)]
struct GroupSums {
    jobs: u64,
    agents: f64,
    tasks: u64,
    tasks_scored: u64,
    tasks_exposed: u64,
    agents_classified: f64,
    weighted_mean: f64,
    time_exposed: f64,
    agents_concerned: f64,
    agents_exposed: f64,
    jobs_unscored: u64,
    agents_by_class: ClassCounts,
}

impl GroupSums {
    fn new(method: Method) -> Self {
        GroupSums {
            jobs: 0,
            agents: 0.0,
            tasks: 0,
            tasks_scored: 0,
            tasks_exposed: 0,
            agents_classified: 0.0,
            weighted_mean: 0.0,
            time_exposed: 0.0,
            agents_concerned: 0.0,
            agents_exposed: 0.0,
            jobs_unscored: 0,
            agents_by_class: ClassCounts::of(method),
        }
    }

    /// A group without jobs yet.
    fn group(level: Name, method: Method) -> GroupExposure {
        GroupExposure {
            level,
            direction: None,
            department: None,
            value: None,
            agents: 0.0,
            jobs: 0,
            tasks: 0,
            tasks_scored: 0,
            tasks_exposed: 0,
            mean: None,
            share_tasks_exposed: None,
            share_time_exposed: None,
            agents_classified: 0.0,
            agents_by_class: ClassCounts::of(method),
            agents_concerned: 0.0,
            share_agents_concerned: None,
            agents_exposed: 0.0,
            share_agents_exposed: None,
            jobs_unscored: 0,
        }
    }

    fn add(&mut self, j: &JobExposure) {
        self.jobs += 1;
        self.agents += j.headcount;
        self.tasks += j.tasks;
        self.tasks_scored += j.tasks_scored;
        self.tasks_exposed += j.tasks_exposed;
        match (j.class, j.unrounded_mean) {
            (Some(class), Some(mean)) => {
                self.agents_classified += j.headcount;
                self.weighted_mean += j.headcount * mean;
                self.time_exposed += j.headcount * j.share_time_exposed.unwrap_or(0.0);
                self.agents_by_class.add(class, j.headcount);
                if class.concerned() {
                    self.agents_concerned += j.headcount;
                }
                if class.exposed() {
                    self.agents_exposed += j.headcount;
                }
            }
            _ => self.jobs_unscored += 1,
        }
    }

    /// The headcount-weighted mean of the classified jobs' means, rounded: the group's rank
    /// is computed from it before the group is made.
    fn mean(&self) -> Option<f64> {
        (self.agents_classified > 0.0).then(|| round2(self.weighted_mean / self.agents_classified))
    }

    /// Gives `g` the sums and the figures made of them.
    fn finish(&self, g: &mut GroupExposure) {
        g.jobs = self.jobs;
        g.agents = self.agents;
        g.tasks = self.tasks;
        g.tasks_scored = self.tasks_scored;
        g.tasks_exposed = self.tasks_exposed;
        g.agents_classified = self.agents_classified;
        g.agents_by_class = self.agents_by_class;
        g.agents_concerned = self.agents_concerned;
        g.agents_exposed = self.agents_exposed;
        g.jobs_unscored = self.jobs_unscored;
        let share = |num: f64, den: f64| (den > 0.0).then(|| num / den);
        g.mean = self.mean();
        g.share_tasks_exposed = share(g.tasks_exposed as f64, g.tasks_scored as f64);
        g.share_time_exposed = share(self.time_exposed, g.agents_classified);
        g.share_agents_concerned = share(g.agents_concerned, g.agents_classified);
        g.share_agents_exposed = share(g.agents_exposed, g.agents_classified);
    }
}

/// A group in [`group_by`]'s vector while the jobs are added: its first job and its sums, in
/// room for the group made of them after the last job, which is written in the same memory (no
/// second vector of sums in fresh pages: 20 MB at 117,000 departments).
enum Slot<'a> {
    Adding(&'a JobExposure, GroupSums),
    #[expect(dead_code, reason = "never made: it gives a slot a group's size")]
    Room(GroupExposure),
}

/// Groups jobs by their keys (each job given with its key); groups come out ranked by mean
/// exposure (highest first), unscored groups last, ties by key. `label` names a group after its
/// first job. Not inlined: three calls a run, and profiles name it.
#[inline(never)]
pub fn group_by<'a, K: Ord + Hash + Clone>(
    level: &str,
    method: Method,
    jobs: impl Iterator<Item = (&'a JobExposure, K)>,
    label: impl Fn(&JobExposure, &mut GroupExposure),
) -> Vec<GroupExposure> {
    // Each job added to its group's sums as it comes, in the jobs' order: no list of jobs per
    // group, and no sort of the jobs by their names (there can be 100,000 departments).
    let mut index: FastMap<K, usize> = FastMap::default();
    let mut keys = Vec::new();
    let mut slots: Vec<Slot<'a>> = Vec::new();
    for (j, k) in jobs {
        let at = *index.entry(k).or_insert_with_key(|k| {
            keys.push(k.clone());
            slots.push(Slot::Adding(j, GroupSums::new(method)));
            slots.len() - 1
        });
        if let Slot::Adding(_, sums) = &mut slots[at] {
            sums.add(j);
        }
    }
    drop(index);
    // Ranked by means and keys side by side: the sort reads a few bytes per group, not the
    // groups (304 bytes each, there can be 100,000 of them), and each key beside its mean, not
    // looked up in another vector.
    let mut ranked: Vec<(Option<f64>, K, usize)> = (slots.iter())
        .map(|s| match s {
            Slot::Adding(_, sums) => sums.mean(),
            Slot::Room(_) => unreachable!("a slot is a group's room, never a group"),
        })
        .zip(keys)
        .zip(0..)
        .map(|((mean, key), at)| (mean, key, at))
        .collect();
    ranked.sort_unstable_by(|a, b| rank(a.0, b.0).then_with(|| a.1.cmp(&b.1)));
    put_in_order(&mut slots, |k| ranked[k].2);
    // Each group made from its slot and written in its place (slots and groups of the same size
    // and alignment: the collect keeps the vector's memory).
    let level = Name::from(level);
    (slots.into_iter())
        .map(|slot| {
            let Slot::Adding(first, sums) = slot else {
                unreachable!("a slot is a group's room, never a group")
            };
            let mut g = GroupSums::group(level.clone(), method);
            label(first, &mut g);
            sums.finish(&mut g);
            g
        })
        .collect()
}

/// How many steps of a cycle ahead [`put_in_order`] asks for the items it will move.
const PUT_AHEAD: usize = 6;

/// Moves `items[from(k)]` to place `k`, for a permutation `from`, along its cycles: a sorted
/// copy would take fresh memory, page by page. Each item is moved once (a swap moved it three
/// times: jobs are a few hundred bytes, moved in an order that misses the caches).
pub(crate) fn put_in_order<T>(items: &mut [T], from: impl Fn(usize) -> usize) {
    let n = items.len();
    let from: Vec<usize> = (0..n).map(from).collect();
    let mut placed = vec![false; n];
    for &f in &from {
        assert!(f < n && !placed[f], "put_in_order needs a permutation");
        placed[f] = true;
    }
    placed.fill(false);
    let items = items.as_mut_ptr();
    // Each step of a cycle reads an item from a place of no pattern (a finished job is 224
    // bytes, 117,000 of them far larger than the caches): the items a few steps further along
    // the cycle are asked for meanwhile, so that their reads overlap rather than wait in turn.
    let bring = |k: usize| {
        let at = items.wrapping_add(k).cast::<u8>();
        for offset in (0..size_of::<T>())
            .step_by(64)
            .chain([size_of::<T>().saturating_sub(1)])
        {
            crate::hashing::prefetch(at.wrapping_add(offset));
        }
    };
    for start in 0..n {
        if placed[start] || from[start] == start {
            continue;
        }
        let mut ahead = start;
        for _ in 0..PUT_AHEAD {
            ahead = from[ahead];
            bring(ahead);
        }
        // SAFETY: `from` is a permutation of 0..n (checked above), so its cycle through `start`
        // visits each of its places once: the item at `start` is held out, each place of the
        // cycle takes the item of the next one (read before it is overwritten), and the held
        // item ends in the last place. Every item ends in exactly one place, and nothing in
        // between can panic (indices below n, checked).
        unsafe {
            let held = std::ptr::read(items.add(start));
            let mut k = start;
            loop {
                placed[k] = true;
                let next = from[k];
                if next == start {
                    std::ptr::write(items.add(k), held);
                    break;
                }
                ahead = from[ahead];
                bring(ahead);
                std::ptr::copy_nonoverlapping(items.add(next), items.add(k), 1);
                k = next;
            }
        }
    }
}

/// Highest value first, missing values last.
pub fn rank(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// A job of the given (score, weight) task rows, for tests.
#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;

    /// A job of headcount 2 with task rows (score, weight); with none, a row of the job alone
    /// (a headcount table's).
    pub(crate) fn job(scores: &[(f64, f64)]) -> JobTasks {
        let mut a = Aggregator::new(false, false);
        let columns = crate::load::tests_support::columns();
        let cells = crate::load::TextRecord::default();
        let rows: Vec<Option<(f64, f64)>> = if scores.is_empty() {
            vec![None]
        } else {
            scores.iter().copied().map(Some).collect()
        };
        for (i, task) in rows.into_iter().enumerate() {
            add_row(&mut a, "J", 2.0, i as u64 + 2, task, (&columns, &cells));
        }
        let mut jobs = a.finish().0;
        let [first, second] = jobs.next_part().expect("one part");
        first.chain(second).next().expect("one job")
    }

    /// Adds a row of `job` at `line`: a task row (score, weight), or the job alone.
    pub(crate) fn add_row(
        a: &mut Aggregator,
        job: &str,
        headcount: f64,
        line: u64,
        task: Option<(f64, f64)>,
        (columns, cells): (&crate::load::Columns, &crate::load::TextRecord),
    ) {
        let row = Row {
            file: "t",
            line,
            direction: "",
            department: "",
            job,
            headcount: Some(headcount),
            task: if task.is_some() { "t" } else { "" },
            task_hash: None,
            same_job_as: 0,
            job_hashes: None,
            weight: task.map(|(_, w)| w),
            code: "",
            score: task.map(|(x, _)| x),
            isco: "",
            columns,
            cells,
        };
        let s = Scored {
            score: task.map(|(x, _)| x),
            source: if task.is_some() {
                Source::Manual
            } else {
                Source::None
            },
            rule: None,
        };
        a.add(&row, s, None).unwrap();
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::{add_row, job};
    use super::*;
    use crate::stats::weighted_stats;

    /// A row's score when it has none.
    const NOT_SCORED: Scored = Scored {
        score: None,
        source: Source::None,
        rule: None,
    };

    /// The figures of weighted scores are those of a job whose task rows carry them.
    #[test]
    fn rows_of_the_same_job_skip_nothing_the_aggregator_would_have_found() {
        // Rows of one job after another, and what can make a row's job cells differ from the
        // row before's while looking alike, or make the row before not one the aggregator took.
        let mut text = b"Direction;Service;M\xc3\xa9tier;Effectif;T\xc3\xa2che;Score;ISCO;Fili\xc3\xa8re;Sexe\n".to_vec();
        let rows = [
            "D;S;Agent;2;t1;0,5;;A;F",
            "D;S;Agent;2;t2;0,4;;A;F",
            "D;S;Agent;2;t3;;;B;F",
            "D;S;Agent;2;t4;0,3;;B;F",
            "D;S;Agent;3;t5;0,3;;A;F",
            "D;S;Agent;3;t6;0,3;;A;F",
            "D;S;Agent;2;t7;0,3;;A;F",
            "",
            "D;S;Agent;2;t8;0,2;;A;F",
            "D;S;Agent;x;t9;0,2;;A;F",
            "D;S;Agent;2;t10;0,2;;A;F",
            "D;S;Agent;2;t11;0,2;;A",
            "D;S;Agent;2;t12;0,2;;A;F",
            "D;\"S;X\";Agent;2;t13;0,2;;A;F",
            "\"D;S\";X;Agent;2;t14;0,2;;A;F",
            "\"D;S\";X;Agent;2;t15;0,2;;A;F",
            "D;\"S\";Agent;2;t16;0,2;;A;F",
            "D;S;Agent;2;t17;0,2;;A;F",
            "D;S;Agent;2;t18;0,2;4226;A;F",
            "D;S;Agent;2;t19;0,2;4226;A;F",
            "D;S;Agent;2;t20;0,2;4227;A;F",
            "D;S;Agent;2;t21;0,2;4227;A;F",
            "D;S;Autre;2;t22;0,2;;A;F",
            "D;S;Agent;2;t23;0,2;;A;F",
            "D;S;Agent;2;t24;0,2;;A;F",
            " D;S;Agent ;2;t25;0,2;;A;F",
            "D;S;Agent;2;t26;0,2;;A;F",
        ];
        // Rounds enough that the rows read before the header's columns reach the parsing
        // thread (up to a few batches, as timing has it), which are told nothing, leave many.
        for round in 0..1500 {
            for row in rows {
                text.extend_from_slice(
                    row.replace("Agent", &format!("Agent {}", round % 7))
                        .as_bytes(),
                );
                text.push(b'\n');
            }
            if round == 150 {
                text.extend_from_slice(
                    b"D;S;Agent 3;2;R\xe9diger;;;A;F\nD;S;Agent 3;2;R\xe9diger;;;A;F\n",
                );
            }
        }
        let same = std::cell::Cell::new(0);
        let aggregated: Vec<String> = [true, false]
            .into_iter()
            .map(|told| {
                let aggregator = std::cell::RefCell::new(Aggregator::new(true, true));
                let log = std::cell::RefCell::new(Vec::new());
                let mut before: Option<(u64, String)> = None;
                crate::load::read_roster_with(
                    "t.csv",
                    Box::new(std::io::Cursor::new(text.clone())),
                    &mut |_, _| {},
                    &mut |r| {
                        // What it names is the record before, with the same job cells.
                        let cells = format!(
                            "{}|{}|{}|{:?}|{}|{}|{}",
                            r.direction,
                            r.department,
                            r.job,
                            r.headcount,
                            r.isco,
                            r.attribute(7),
                            r.attribute(8)
                        );
                        assert!(r.same_job_as < r.line);
                        if let Some((line, before)) = &before {
                            if r.same_job_as == *line {
                                assert_eq!(before, &cells, "line {}", r.line);
                                same.set(same.get() + usize::from(told));
                            }
                        }
                        before = Some((r.line, cells));
                        let row = Row {
                            same_job_as: if told { r.same_job_as } else { 0 },
                            ..*r
                        };
                        let scored = Scored {
                            score: r.score,
                            source: match r.score {
                                Some(_) => Source::Manual,
                                None => Source::None,
                            },
                            rule: None,
                        };
                        aggregator.borrow_mut().add(&row, scored, None)
                    },
                    &mut |e| {
                        log.borrow_mut().push(e.to_string());
                        Ok(())
                    },
                    &mut |w| log.borrow_mut().push(w),
                )
                .expect("read");
                let (mut jobs, attributes, unscored, tasks, checks) =
                    aggregator.into_inner().finish();
                let mut finished = Vec::new();
                while let Some(part) = jobs.next_part() {
                    finished.extend(part.into_iter().flatten());
                }
                let jobs = finished;
                let log = log.into_inner();
                format!("{log:#?}\n{jobs:#?}\n{attributes:?}\n{unscored:?}\n{tasks:?}\n{checks:?}")
            })
            .collect();
        let same = same.get();
        assert!(same > 5000, "{same} rows told the same job");
        assert_eq!(aggregated[0], aggregated[1]);
    }

    #[test]
    fn weighted_stats_are_a_jobs_figures() {
        let mut draw = crate::test_draws(7);
        for n in [1, 2, 5, 40] {
            let rows: Vec<(f64, f64)> = (0..n)
                .map(|_| (draw(101) as f64 / 100.0, (1 + draw(50)) as f64 / 50.0))
                .collect();
            let j = job(&rows);
            let pairs: Vec<(f64, f64)> = rows.iter().map(|&(x, w)| (w, x)).collect();
            let s = weighted_stats(&pairs).unwrap();
            assert_eq!(Some(s.figures), j.figures, "{rows:?}");
            assert_eq!(s.exposed, j.tasks_exposed);
        }
        assert!(weighted_stats(&[]).is_none());
        assert!(weighted_stats(&[(0.0, 0.5)]).is_none());
    }

    #[test]
    fn unscored_tasks_share_their_files_jobs_and_texts() {
        let mut a = Aggregator::new(false, false);
        let columns = crate::load::tests_support::columns();
        let cells = crate::load::TextRecord::default();
        // (file, line, department, job, task): jobs come back after others, texts repeat.
        let rows = [
            ("a.csv", 2, "D1", "J1", "x"),
            ("a.csv", 3, "D1", "J1", "y \"q\""),
            ("a.csv", 4, "D2", "J2", "x"),
            ("b.csv", 2, "D1", "J1", "x"),
            ("b.csv", 5, "D2", "J2", "y \"q\""),
            ("a.csv", 9, "D2", "J2", "x"),
        ];
        for (file, line, department, job, task) in rows {
            let row = Row {
                file,
                line,
                direction: "Dir",
                department,
                job,
                headcount: Some(1.0),
                task,
                task_hash: None,
                same_job_as: 0,
                job_hashes: None,
                weight: None,
                code: "",
                score: None,
                isco: "",
                columns: &columns,
                cells: &cells,
            };
            a.add(&row, NOT_SCORED, None).unwrap();
        }
        let unscored = a.finish().2;
        assert_eq!(unscored.len(), 6);
        // A file is kept with its first task, again when it comes back.
        let files: Vec<_> = (unscored.files.iter())
            .map(|(f, k)| (f.as_str(), *k))
            .collect();
        assert_eq!(files, [("a.csv", 0), ("b.csv", 3), ("a.csv", 5)]);
        assert_eq!(unscored.jobs.len(), 2);
        assert_eq!(unscored.texts.len(), 2);
        assert!(unscored.texts.is_sealed());
        assert_eq!(std::mem::size_of::<UnscoredEntry>(), 16);
        let listed: Vec<_> = unscored
            .iter()
            .map(|u| (u.file, u.line, u.direction, u.department, u.job, u.task))
            .collect();
        let given: Vec<_> = rows
            .iter()
            .map(|&(f, l, d, j, t)| (f, l, "Dir", d, j, t))
            .collect();
        assert_eq!(listed, given);
        assert_eq!(unscored.get(4).job, "J2");
        // Serialised as the list of views, keys in the order of the JSON schema.
        let json = serde_json::to_string(&unscored).unwrap();
        assert!(json.starts_with(
            r#"[{"file":"a.csv","line":2,"direction":"Dir","department":"D1","job":"J1","task":"x"},"#
        ));
        let views: Vec<UnscoredTask> = unscored.iter().collect();
        assert_eq!(json, serde_json::to_string(&views).unwrap());
        assert_eq!(
            serde_json::to_string(&UnscoredTasks::default()).unwrap(),
            "[]"
        );
    }

    /// What a job and a group take, whatever their names: a roster can have hundreds of
    /// thousands of each.
    #[test]
    fn jobs_and_groups_are_compact() {
        use std::mem::size_of;
        // As measured on 64-bit targets when they were made compact (from about 450 and 420
        // bytes plus strings of their own, and 300 plus a map for a group; then 280 and 288
        // with names of 16 bytes and a vector of attribute values per job).
        assert!(size_of::<JobAcc>() <= 104, "{}", size_of::<JobAcc>());
        assert!(
            size_of::<JobExposure>() <= 224,
            "{}",
            size_of::<JobExposure>()
        );
        assert!(
            size_of::<GroupExposure>() <= 304,
            "{}",
            size_of::<GroupExposure>()
        );
        assert!(
            size_of::<ClassCounts>() <= 88,
            "{}",
            size_of::<ClassCounts>()
        );
    }

    /// Jobs come out of `JobsToFinish` in the order they came, across parts and their halves
    /// (two whole parts on two threads and a last part of fewer jobs), as many as went in.
    #[test]
    fn jobs_are_finished_in_their_order_across_parts() {
        let n = 2 * JobsToFinish::PART + 7_000;
        let names: Vec<String> = (0..n).map(|i| format!("J{i}")).collect();
        let mut a = Aggregator::new(false, false);
        let columns = crate::load::tests_support::columns();
        let cells = crate::load::TextRecord::default();
        for (i, name) in names.iter().enumerate() {
            add_row(&mut a, name, 1.0, i as u64 + 2, None, (&columns, &cells));
        }
        let mut jobs = a.finish().0;
        let mut given = 0;
        // (The part taken in a statement of its own: it borrows `jobs` until dropped.)
        loop {
            let Some(part) = jobs.next_part() else {
                break;
            };
            for job in part.into_iter().flatten() {
                let name = &names[given];
                assert_eq!(
                    (job.job.as_str(), job.line),
                    (name.as_str(), given as u64 + 2)
                );
                given += 1;
            }
            assert_eq!(jobs.len(), n - given);
        }
        assert_eq!(given, n);
    }

    /// Each job without a code on its first row carries its title's place among the titles
    /// handed out (in the order handed out, each once), across parts and their halves; a job
    /// met first on a coded row carries none.
    #[test]
    fn jobs_carry_their_titles_places_among_those_handed_out() {
        let n = 2 * JobsToFinish::PART + 7_000;
        let mut a = Aggregator::new(false, false);
        a.new_titles = Some(Vec::new());
        let columns = crate::load::tests_support::columns();
        let cells = crate::load::TextRecord::default();
        // Job `i`: title `T{i / 3}` in department `S{i % 7}` (three jobs a title, each job
        // its own), every eleventh job with a code.
        let job = |i: usize| (format!("S{}", i % 7), format!("T{}", i / 3), i % 11 == 0);
        let mut handed: Vec<Name> = Vec::new();
        for i in 0..n {
            let (department, title, coded) = job(i);
            let row = Row {
                file: "t",
                line: i as u64 + 2,
                direction: "",
                department: &department,
                job: &title,
                headcount: Some(1.0),
                task: "",
                task_hash: None,
                same_job_as: 0,
                job_hashes: None,
                weight: None,
                code: "",
                score: None,
                isco: if coded { "4110" } else { "" },
                columns: &columns,
                cells: &cells,
            };
            a.add(&row, NOT_SCORED, None).unwrap();
            handed.append(a.new_titles.as_mut().expect("kept"));
        }
        let mut texts: Vec<&str> = handed.iter().map(Name::as_str).collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), handed.len(), "each title handed out once");
        let mut jobs = a.finish().0;
        let mut given = 0;
        loop {
            let Some(part) = jobs.next_part() else {
                break;
            };
            for j in part.into_iter().flatten() {
                let (_, title, coded) = job(given);
                match j.title_place {
                    Some(place) => {
                        assert!(!coded, "job {given}");
                        let kept = &handed[place as usize];
                        assert_eq!((kept.address(), kept.as_str()), (j.job.address(), &*title));
                    }
                    None => assert!(coded, "job {given}"),
                }
                given += 1;
            }
        }
        assert_eq!(given, n);
    }

    /// Items moved out past a vector's length are each taken or dropped once, whether taken
    /// to the last or left: as `Vec::split_off` and the copy's `pop` would.
    #[test]
    fn moved_items_are_taken_or_dropped_once() {
        let item = std::rc::Rc::new(());
        for (n, from, taken) in [(0, 0, 0), (5, 2, 0), (5, 2, 2), (5, 2, 3), (7, 0, 7)] {
            let mut v: Vec<std::rc::Rc<()>> = (0..n).map(|_| item.clone()).collect();
            let mut simple = v.clone();
            let copy = simple.split_off(from);
            // SAFETY: the items from `from` on are moved to `moved` alone.
            unsafe { v.set_len(from) };
            let slots = &mut v.spare_capacity_mut()[..n - from];
            let mut moved = unsafe { Moved::new(slots) };
            assert_eq!(moved.len(), copy.len());
            assert_eq!(moved.as_slice().len(), copy.len());
            let mut copy = copy;
            for _ in 0..taken {
                assert_eq!(moved.pop().is_some(), copy.pop().is_some());
            }
            assert_eq!(moved.len(), copy.len());
            assert_eq!(
                std::rc::Rc::strong_count(&item),
                1 + 2 * from + 2 * copy.len()
            );
            drop(moved);
            drop(copy);
            assert_eq!(std::rc::Rc::strong_count(&item), 1 + 2 * from);
            drop((v, simple));
            assert_eq!(std::rc::Rc::strong_count(&item), 1);
        }
    }

    /// A part whose halves are dropped before all their jobs are taken lets the rest go, and
    /// the next parts give the jobs after it, in order.
    #[test]
    fn a_part_left_unfinished_is_let_go() {
        let n = JobsToFinish::PART + 100;
        let mut a = Aggregator::new(false, false);
        let columns = crate::load::tests_support::columns();
        let cells = crate::load::TextRecord::default();
        for i in 0..n {
            let name = format!("J{i}");
            add_row(&mut a, &name, 1.0, i as u64 + 2, None, (&columns, &cells));
        }
        let mut jobs = a.finish().0;
        let [mut first, second] = jobs.next_part().expect("a part");
        assert_eq!(first.next().map(|j| j.line), Some(2));
        drop((first, second));
        assert_eq!(jobs.len(), 100);
        let mut lines = Vec::new();
        loop {
            let Some(part) = jobs.next_part() else {
                break;
            };
            lines.extend(part.into_iter().flatten().map(|j| j.line));
        }
        let expected: Vec<u64> = (JobsToFinish::PART as u64..n as u64)
            .map(|i| i + 2)
            .collect();
        assert_eq!(lines, expected);
        assert!(jobs.is_empty());
    }

    #[test]
    fn a_group_is_made_over_its_sums() {
        // group_by collects its groups in its slots' memory.
        assert_eq!(size_of::<Slot>(), size_of::<GroupExposure>());
        assert_eq!(align_of::<Slot>(), align_of::<GroupExposure>());
    }

    #[test]
    fn put_in_order_moves_each_item_to_its_place() {
        // Items that own memory: one dropped twice or lost would show (Miri, or a double free).
        for n in [0usize, 1, 2, 3, 10, 257] {
            let items: Vec<String> = (0..n).map(|i| format!("item {i}")).collect();
            // A permutation of many cycles and fixed points, from a simple generator.
            let mut from: Vec<usize> = (0..n).collect();
            let mut x = 12345u64;
            for i in (1..n).rev() {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                from.swap(i, (x >> 33) as usize % (i + 1));
            }
            let expected: Vec<String> = from.iter().map(|&f| items[f].clone()).collect();
            let mut moved = items.clone();
            put_in_order(&mut moved, |k| from[k]);
            assert_eq!(moved, expected);
        }
        let refused = std::panic::catch_unwind(|| {
            let mut items = vec![String::from("a"), String::from("b")];
            put_in_order(&mut items, |_| 0);
        });
        assert!(refused.is_err());
    }

    #[test]
    fn reliability_weights() {
        // weights 3,1: mean = 0.3·0.75 + 0.7·0.25 = 0.4;
        // var = (3·0.01 + 1·0.09) / (4 − 10/4) = 0.12 / 1.5 = 0.08 → sd 0.2828…
        let j = job(&[(0.3, 3.0), (0.7, 1.0)]);
        let f = j.figures.unwrap();
        assert_eq!((f.mean, f.sd), (0.4, 0.28));
        assert_eq!(f.share_exposed, 0.25);
        assert_eq!(j.tasks_exposed, 1);
    }

    #[test]
    fn one_task_has_no_spread_and_zero_weights_are_ignored() {
        let j = job(&[(0.55, 1.0), (0.9, 0.0)]);
        let f = j.figures.unwrap();
        assert_eq!((f.mean, f.sd), (0.55, 0.0));
        assert_eq!(j.tasks_scored, 2);
    }
}
