//! The whole pipeline for a set of rosters, one stage after another: load (`crate::load`) →
//! score (`crate::score`) → aggregate each job's tasks (`crate::aggregate`) → finish the jobs
//! with their occupations (`crate::jobs`) → groups, into one `Analysis` that every renderer
//! reads.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

use serde::Serialize;

use crate::aggregate::{
    Aggregator, Checks, GroupAdder, GroupExposure, JobExposure, JobNames, TaskRecords,
    UnscoredTasks, group, group_by, put_in_order,
};
use crate::classify::Method;
use crate::error::{Failure, InputError};
use crate::grades::Grades;
use crate::hashing::{FastMap, FxHasher};
use crate::i18n::{Grouping, Lang};
use crate::isco::IscoMap;
pub use crate::jobs::{BestCandidate, CheckJob, UnmappedJob};
use crate::load::{self, Field, FileStats};
use crate::messages;
use crate::normalize::header_key;
use crate::ranks::{NameIds, NameRanks};
use crate::rubric::Rubric;

/// What to compute.
#[derive(Debug, Clone)]
pub struct Options {
    pub method: Method,
    /// Attribute columns to group by, as the user typed them.
    pub by: Vec<String>,
    /// Keep every task for the per-task listing.
    pub keep_tasks: bool,
    /// What `check` wants: report an error confined to one row in `Analysis::row_errors` and
    /// read on instead of stopping at the first, and gather `Analysis::checks`.
    pub check: bool,
    /// Of each job's task scores, only its mean is needed (`check` without a baseline): its
    /// figures' standard deviation and share of exposed weight are then 0, and the jobs take
    /// less memory while the rows are read. The finished jobs are then kept only as
    /// `Analysis::check_jobs`: `jobs`, the groups and the warnings about jobs are empty, and of
    /// the summary only its counts of jobs and tasks are set.
    pub means_only: bool,
    /// The user's `--isco-map FILE`, which wins over the title (the roster's `isco` column wins
    /// over both).
    pub isco_map: Option<IscoMap>,
    /// The sheet to read in rosters kept in a spreadsheet (`None`: the first).
    pub sheet: Option<String>,
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
    /// The Lyon study's measure, for the whole authority.
    pub with_exposed_task: crate::study::WithExposedTask,
    pub directions: Vec<GroupExposure>,
    pub departments: Vec<GroupExposure>,
    pub by: Vec<ByGroups>,
    /// Ranked by mean exposure, highest first (empty with `Options::means_only`).
    pub jobs: Vec<JobExposure>,
    /// With `Options::means_only`: what `check` reads of each job, in the order of `jobs`.
    pub check_jobs: Option<Vec<CheckJob>>,
    pub tasks: Option<TaskRecords>,
    pub unscored: UnscoredTasks,
    /// Jobs without tasks whose ISCO-08 occupation could not be found.
    pub unmapped: Vec<UnmappedJob>,
    /// Rows skipped for an error, with `Options::check`.
    pub row_errors: Vec<InputError>,
    /// Duplicates and rules used, with `Options::check`.
    pub checks: Option<Checks>,
    /// The budget document read, when the roster is one (named in every output).
    pub document: Option<crate::budget::Document>,
    /// What the two group levels are: a budget document's status and filière when every
    /// roster is one, else the roster's direction and department.
    pub grouping: Grouping,
}

/// Errors of the whole run: an input error (file, line, column) or a usage error.
#[derive(Debug)]
pub enum AnalysisError {
    Input(InputError),
    Usage(Failure),
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
            AnalysisError::Usage(m) => m.fmt(f),
        }
    }
}

impl std::error::Error for AnalysisError {}

/// Starts building the reference tables that are still built at run time (the grade tables,
/// the title reader's word kinds) on a thread of their own, once per process: they are needed
/// only after the rosters are read, so a command calls this first and loads its rubric and
/// reads meanwhile, on the core left free. `OnceLock` makes a later use wait for this thread.
/// The ILO tables, the crosswalk with its weights and the sigles are statics (`build.rs`):
/// nothing to prepare.
pub fn prepare_reference_tables() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let _ = std::thread::Builder::new()
            .name("reference-data".into())
            .spawn(|| {
                Grades::builtin();
                crate::title::prepare();
            });
    });
}

/// Runs the pipeline over rosters given by name (`-` is standard input).
pub fn analyze(
    rosters: &[String],
    rubric: &Rubric,
    options: &Options,
    warn: &mut dyn FnMut(String),
) -> Result<Analysis, AnalysisError> {
    prepare_reference_tables();
    let mut aggregator = Aggregator::new(options.keep_tasks, options.check);
    if options.means_only {
        aggregator.means_only();
    }
    aggregator.new_titles = Some(Vec::new());
    // Borrowed by the rows and by the look-ahead at the jobs they start, in turns.
    let aggregator = std::cell::RefCell::new(aggregator);
    let mut ahead = crate::jobs::TitlesAhead::new(options.isco_map.as_ref());
    let mut files = Vec::new();
    let mut has_direction = false;
    let mut has_department = false;
    let mut row_errors = Vec::new();
    refuse_repeated(rosters)?;
    if rosters.len() > 1 && rosters.iter().any(|r| crate::budget::is_xml(r)) {
        return Err(AnalysisError::Usage(messages::one_budget_at_a_time()));
    }
    let mut document = None;
    let mut every_file_a_budget = true;
    // Distinct titles, each handed ahead once: of the names the rows were read into, those
    // that are no direction or department (unless one is also a title).
    let mut titles_handed = 0;
    // What every row, row error and file read is handed to, in the order of the files,
    // whether the files are read one after the other or at once.
    let on_row = &mut |row: &load::Row, scored: crate::score::Scored| {
        let rule = scored.rule.map(|r| {
            let rule = &rubric.rules[r];
            (&*rule.code, &*rule.theme)
        });
        let mut aggregator = aggregator.borrow_mut();
        let added = aggregator.add(row, scored, rule);
        if let Some(new) = aggregator.new_titles.as_mut().filter(|n| !n.is_empty()) {
            titles_handed += new.len();
            new.drain(..).for_each(|title| ahead.push(title));
        }
        added
    };
    let on_row_error = &mut |e| {
        if options.check {
            row_errors.push(e);
            Ok(())
        } else {
            Err(e)
        }
    };
    let on_file =
        &mut |columns: load::Columns, mut stats: FileStats, budget: Option<crate::budget::Read>| {
            has_direction |= columns.has(Field::Direction);
            has_department |= columns.has(Field::Department);
            every_file_a_budget &= budget.is_some();
            // A budget document's input is its XML file: its encoding, its PERSONNEL elements.
            if let Some(read) = budget {
                stats.encoding = read.encoding;
                stats.rows = read.lines as u64;
                document = Some(read.document);
            }
            files.push(stats);
        };
    let sheet = options.sheet.as_deref();
    let open = |roster: &str, warn: &mut dyn FnMut(String)| open_roster(roster, sheet, warn);
    let prepare_jobs = &mut |jobs: &[load::JobHashes]| aggregator.borrow().prepare(jobs);
    let handlers = crate::pooled::Handlers {
        on_row,
        prepare_jobs,
        on_row_error,
        on_file,
        warn,
    };
    let threads = crate::pooled::threads();
    crate::pooled::read(rosters, rubric, threads, options.check, &open, handlers)?;
    let (jobs, attribute_names, unscored, mut tasks, checks) = aggregator.into_inner().finish();
    let (method, isco_map) = (options.method, options.isco_map.as_ref());
    // For `check` without a baseline, each job is made what `check` reads of it as soon as it
    // is finished (a whole job is twice that): `jobs` is left empty, and the stages below
    // have no job to group or warn about.
    // What the finishing held is let go on the second core, beside the sort (`Leftovers`).
    let (mut jobs, check_jobs, unmapped, leftovers) = if options.means_only {
        let keep = |j: JobExposure| CheckJob::of(&j);
        let finish =
            crate::jobs::finish_into(jobs, Some(ahead), None, method, isco_map, warn, keep);
        let (mut check_jobs, unmapped, leftovers) = finish;
        let distinct = leftovers.names().saturating_sub(titles_handed);
        let ((), order) = crate::parallel::both(
            check_jobs.len(),
            || drop(leftovers),
            || sort_order(&check_jobs, distinct),
        );
        put_in_order(&mut check_jobs, |k| order[k].2 as usize);
        (Vec::new(), Some(check_jobs), unmapped, None)
    } else {
        let tasks = tasks.as_mut();
        let finish = crate::jobs::finish_with(jobs, Some(ahead), tasks, method, isco_map, warn);
        (finish.0, None, finish.1, Some(finish.2))
    };

    // Resolve --by columns before any work is shown.
    let mut by_columns = Vec::new();
    for wanted in &options.by {
        let key = header_key(wanted);
        if SEX.contains(&key.as_str()) && !attribute_names.iter().any(|(k, _)| *k == key) {
            by_columns.push(
                BySex::find(&attribute_names)
                    .ok_or_else(|| AnalysisError::Usage(messages::no_sex_column(wanted)))?,
            );
            continue;
        }
        match attribute_names.iter().find(|(k, _)| *k == key) {
            Some((_, header)) => by_columns.push(BySex::No(header.clone())),
            None => {
                let known: Vec<&str> = attribute_names.iter().map(|(_, h)| h.as_str()).collect();
                return Err(AnalysisError::Usage(messages::no_group_column(
                    wanted, &known,
                )));
            }
        }
    }

    let lang = messages::lang();
    // Sorted through their indices (a job is large, and a sort moves what it sorts many
    // times), by mean, then names, then place: the order of a stable sort by mean and names.
    // Look-alike jobs, which the warnings name, are looked for meanwhile on a second core
    // (once it has let go what the finishing held); on this one, jobs whose task rows mix
    // weights and jobs left unscored are looked for first.
    let distinct = (leftovers.as_ref())
        .map_or(0, crate::jobs::Leftovers::names)
        .saturating_sub(titles_handed);
    let (dropped, leftovers_dropped) = std::sync::mpsc::channel::<()>();
    let (look_alike, (order, mixed, unscored_jobs)) = crate::parallel::both(
        jobs.len(),
        || -> FirstTen<_> {
            drop(leftovers);
            let _ = dropped.send(());
            look_alike_jobs(&jobs).into_iter().collect()
        },
        || {
            let mixed: FirstTen<&JobExposure> = (jobs.iter())
                .filter(|j| j.weights.mixed().is_some())
                .collect();
            let reported: HashSet<(&str, &str, &str)> = unmapped
                .iter()
                .map(|u| (u.direction.as_str(), u.department.as_str(), u.job.as_str()))
                .collect();
            let unscored_jobs: Vec<&JobExposure> = jobs
                .iter()
                .filter(|j| {
                    j.mean.is_none()
                        && !reported.contains(&(
                            j.direction.as_str(),
                            j.department.as_str(),
                            j.job.as_str(),
                        ))
                })
                .collect();
            // The order and the names' map are made once that memory is free to take rather
            // than beside its freeing (medians at 117,000 titles: 97.8 MB made beside, 96.7 MB
            // after, within the noise). An error: the other side panicked, as the join tells.
            let _ = leftovers_dropped.recv();
            let order = sort_order(&jobs, distinct);
            (order, mixed, unscored_jobs)
        },
    );
    warn_first_ten(warn, mixed, |j| {
        let line = j.weights.mixed().unwrap_or(j.line);
        let text = messages::mixed_weights(lang, &j.job);
        messages::at(lang, &j.file, line, &text)
    });
    warn_first_ten(warn, look_alike, |(a, b)| {
        let text = messages::look_alike(lang, (&a.job, &a.file, a.line), &b.job);
        messages::at(lang, &b.file, b.line, &text)
    });
    if !unscored.is_empty() {
        warn(messages::unscored_tasks(lang, unscored.len()));
        for u in unscored.iter().take(10) {
            warn(messages::unscored_task(lang, u.file, u.line, u.job, u.task));
        }
        if unscored.len() > 10 {
            warn(messages::and_more(lang, unscored.len() - 10));
        }
    }
    if !unscored_jobs.is_empty() {
        let names = (unscored_jobs.iter().take(10))
            .map(|j| j.job.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        warn(messages::unscored_jobs(lang, unscored_jobs.len(), &names));
    }

    put_in_order(&mut jobs, |k| order[k].2 as usize);
    let names: Vec<[u32; 2]> = (order.into_iter())
        .map(|(_, names, _)| [(names >> 32) as u32, names as u32])
        .collect();
    // Departments (thousands in a large authority) on a second core, the rest on this one.
    let (mut summary, directions, departments, with_exposed_task) = std::thread::scope(|scope| {
        let departments = scope.spawn(|| {
            if has_department {
                group_by(
                    "department",
                    method,
                    jobs.iter().zip(&names).map(|(j, n)| (j, [n[0], n[1]])),
                    |j, g| {
                        if has_direction {
                            g.direction = Some(j.direction.clone());
                        }
                        g.department = Some(j.department.clone());
                    },
                )
            } else {
                Vec::new()
            }
        });
        // The collectivity's sums in the same pass over the jobs as the directions'.
        let mut all = GroupAdder::new(method);
        let directions = if has_direction {
            group_by(
                "direction",
                method,
                (jobs.iter().zip(&names))
                    .inspect(|(j, _)| all.add(j))
                    .map(|(j, n)| (j, n[0])),
                |j, g| g.direction = Some(j.direction.clone()),
            )
        } else {
            jobs.iter().for_each(|j| all.add(j));
            Vec::new()
        };
        let summary = all.group("collectivity".into());
        let with_exposed_task = crate::study::with_exposed_task(&jobs);
        let departments = departments
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (summary, directions, departments, with_exposed_task)
    });
    let mut by = Vec::new();
    for column in by_columns {
        by.push(match column {
            BySex::No(column) => ByGroups {
                groups: group_by(
                    &column,
                    method,
                    jobs.iter()
                        .map(|j| (j, j.attributes.get(&column).unwrap_or_default())),
                    |j, g| g.value = Some(j.attributes.get(&column).unwrap_or_default().into()),
                ),
                column,
            },
            BySex::Women(column) => split_by_sex(&jobs, &column, true, method)?,
            BySex::Men(column) => split_by_sex(&jobs, &column, false, method)?,
        });
    }
    if let Some(check_jobs) = &check_jobs {
        summary.jobs = check_jobs.len() as u64;
        summary.tasks = check_jobs.iter().map(|j| j.tasks).sum();
    }
    let grouping = if every_file_a_budget && !files.is_empty() {
        Grouping::BUDGET
    } else {
        Grouping::ROSTER
    };
    Ok(Analysis {
        method,
        files,
        rubric_source: rubric.source.clone(),
        rubric_rules: rubric.rules.len(),
        has_direction,
        has_department,
        summary,
        with_exposed_task,
        directions,
        departments,
        by,
        jobs,
        check_jobs,
        tasks,
        unscored,
        unmapped,
        row_errors,
        checks,
        document,
        grouping,
    })
}

/// `--by` names that ask for the split by sex.
const SEX: [&str; 4] = ["sex", "sexe", "genre", "gender"];

/// A `--by` column: an ordinary attribute, or the column that counts women (or men) per job.
enum BySex {
    No(String),
    Women(String),
    Men(String),
}

impl BySex {
    fn find(attributes: &[(String, String)]) -> Option<BySex> {
        const WOMEN: [&str; 6] = [
            "femmes",
            "women",
            "nbfemmes",
            "nombredefemmes",
            "dontfemmes",
            "female",
        ];
        const MEN: [&str; 5] = ["hommes", "men", "nbhommes", "nombredhommes", "male"];
        let find = |keys: &[&str]| {
            attributes
                .iter()
                .find(|(k, _)| keys.contains(&k.as_str()))
                .map(|(_, h)| h.clone())
        };
        find(&WOMEN)
            .map(BySex::Women)
            .or_else(|| find(&MEN).map(BySex::Men))
    }
}

/// Splits every job's agents into women and men (the roster gives one of the two per job) and
/// sums each side as a group, the way the ILO reports exposure by sex.
fn split_by_sex(
    jobs: &[JobExposure],
    column: &str,
    women_given: bool,
    method: Method,
) -> Result<ByGroups, AnalysisError> {
    let mut women = Vec::with_capacity(jobs.len());
    let mut men = Vec::with_capacity(jobs.len());
    for j in jobs {
        let raw = j.attributes.get(column).unwrap_or("");
        let given = match load::parse_number(raw) {
            Some(n) if (0.0..=j.headcount).contains(&n) => n,
            _ => {
                return Err(AnalysisError::Input(InputError::at(
                    &j.file,
                    j.line,
                    messages::bad_sex_count(column, j.headcount, raw),
                )));
            }
        };
        let (w, m) = if women_given {
            (given, j.headcount - given)
        } else {
            (j.headcount - given, given)
        };
        women.push(JobExposure {
            headcount: w,
            ..j.clone()
        });
        men.push(JobExposure {
            headcount: m,
            ..j.clone()
        });
    }
    let side = |jobs: &[JobExposure], value: &str| {
        let refs: Vec<&JobExposure> = jobs.iter().filter(|j| j.headcount > 0.0).collect();
        let mut g = group("sex", method, &refs);
        g.value = Some(value.into());
        g
    };
    Ok(ByGroups {
        column: "sex".to_string(),
        groups: vec![side(&women, "Women"), side(&men, "Men")],
    })
}

/// An opened roster: the name errors are reported under, its CSV bytes, and the budget
/// document it is, if it is one (its CSV moved out).
type Opened = (
    String,
    Box<dyn std::io::Read + Send>,
    Option<crate::budget::Read>,
);

/// Refuses a roster given twice (by the same or another name: a link, `./r.csv`), whose rows
/// would count twice.
fn refuse_repeated(rosters: &[String]) -> Result<(), InputError> {
    let mut seen: Vec<(&str, Option<crate::output::Identity>)> = Vec::new();
    for roster in rosters {
        let id = crate::output::Identity::of(std::path::Path::new(roster));
        let twice = seen.iter().find(|(name, known)| match (known, &id) {
            (Some(a), Some(b)) => a.same_file(b),
            _ => *name == roster.as_str() && roster == "-",
        });
        if let Some((first, _)) = twice {
            return Err(InputError::file(roster, messages::roster_twice(first)));
        }
        seen.push((roster, id));
    }
    Ok(())
}

/// The first ten of some items, and how many there are: a large roster can give one warning
/// of a kind per job, a hundred thousand lines, and hundreds of thousands of items are not
/// kept to say ten.
struct FirstTen<T> {
    first: Vec<T>,
    count: usize,
}

impl<T> FromIterator<T> for FirstTen<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut first = Vec::new();
        let mut count = 0;
        for item in items {
            if count < 10 {
                first.push(item);
            }
            count += 1;
        }
        FirstTen { first, count }
    }
}

/// Warns about the first ten of `items` (`say` words one), then how many more there are.
fn warn_first_ten<T>(warn: &mut dyn FnMut(String), items: FirstTen<T>, say: impl Fn(T) -> String) {
    for item in items.first {
        warn(say(item));
    }
    if items.count > 10 {
        warn(messages::and_more(messages::lang(), items.count - 10));
    }
}

/// How names are compared to find look-alikes: case and runs of spaces ignored.
fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The order of the jobs, as (mean, direction and department, index) numbers sorted, then
/// each run of jobs equal in those by title and index: by mean, then names, then place, the
/// order of a stable sort by mean and names. Each job's key is three numbers compared in
/// turn: a sort of 200,000 jobs compares them millions of times. The titles are not ranked:
/// at 117,000 distinct titles that was a sort of 117,000 strings, where jobs of the same
/// mean, direction and department are a few dozen.
fn sort_order<J: JobNames>(jobs: &[J], distinct: usize) -> Vec<(u64, u64, u64)> {
    let ids = NameIds::of(jobs, distinct);
    let ranks = NameRanks::of(&ids);
    let mut order: Vec<(u64, u64, u64)> = (jobs.iter().zip(&ids.of_job).enumerate())
        .map(|(i, (j, &names))| {
            let [direction, department] = ranks.of_job(names).map(u64::from);
            (
                mean_rank(j.unrounded_mean()),
                direction << 32 | department,
                u64::from(crate::intern::index_u32(i)),
            )
        })
        .collect();
    drop(ranks);
    drop(ids);
    order.sort_unstable();
    let title = |k: &(u64, u64, u64)| jobs[k.2 as usize].names()[2].as_str();
    for run in order.chunk_by_mut(|a, b| (a.0, a.1) == (b.0, b.1)) {
        if run.len() > 1 {
            run.sort_unstable_by(|a, b| title(a).cmp(title(b)).then(a.2.cmp(&b.2)));
        }
    }
    order
}

/// A mean as a number that orders as [`rank`] does: the highest first, none last. (A mean
/// is never a NaN, the only values whose order this would not keep: the NaN of all bits set
/// would rank with none.)
fn mean_rank(mean: Option<f64>) -> u64 {
    match mean {
        Some(x) => {
            // `f64::total_cmp`'s order as unsigned numbers, then reversed.
            let bits = x.to_bits();
            !if bits >> 63 == 1 {
                !bits
            } else {
                bits | 1 << 63
            }
        }
        None => u64::MAX,
    }
}

/// Jobs of the same department whose names differ only by case or spaces ("Agent x", "agent
/// x"): kept apart, as written, and pointed out (a warning, a `check` finding).
pub fn look_alike_jobs<J: JobNames>(jobs: &[J]) -> Vec<(&J, &J)> {
    look_alike_with(jobs, FoldedHashes::new(jobs.len()))
}

/// [`look_alike_jobs`], the names' hashes kept in `hashes`.
fn look_alike_with<J: JobNames>(jobs: &[J], mut hashes: FoldedHashes) -> Vec<(&J, &J)> {
    let folded = |j: &J| j.names().map(|name| fold(name));
    // The first job of each hash of the folded names: the names are folded only when two
    // hashes meet (a large roster has hundreds of thousands of jobs, and look-alikes are rare).
    // Jobs whose hash meets another's without their folded names being equal are kept by
    // their folded names in `spilled`.
    let mut first: FastMap<u64, &J> =
        FastMap::with_capacity_and_hasher(jobs.len(), Default::default());
    let mut spilled: HashMap<[String; 3], &J> = HashMap::new();
    let mut pairs = Vec::new();
    for j in jobs {
        let mut h = FxHasher::default();
        for name in j.names() {
            h.write_u64(hashes.of(name));
        }
        match first.entry(h.finish()) {
            Entry::Vacant(e) => {
                e.insert(j);
            }
            Entry::Occupied(e) => {
                let key = folded(j);
                if folded(e.get()) == key {
                    pairs.push((*e.get(), j));
                } else {
                    match spilled.get(&key) {
                        Some(&other) => pairs.push((other, j)),
                        None => {
                            spilled.insert(key, j);
                        }
                    }
                }
            }
        }
    }
    pairs
}

/// The names' [`hash_folded`], kept by where each name is kept (`Name::address`: the jobs
/// share their names, one `Arc` a text), one name a slot, in a table of at most 2^12 slots
/// (64 KB) indexed by the address's hash. The jobs of a department come together, so a
/// shared name is mostly met again while still in its slot; a map of every distinct name was
/// as large as 130,000 names at 117,000 titles, in fresh pages. A name pushed out of its slot
/// by another is folded again when met again: more work, the same hash.
struct FoldedHashes {
    /// (address, hash); address 0 for none (no `Arc` is kept at 0).
    slots: Vec<(usize, u64)>,
    /// How far to shift an address's 64-bit product to the slot's number.
    shift: u32,
    folded: Vec<u8>,
}

impl FoldedHashes {
    /// A table of about `jobs` slots, a power of two from 2^6 to 2^12.
    fn new(jobs: usize) -> FoldedHashes {
        let bits = jobs.next_power_of_two().trailing_zeros().clamp(6, 12);
        FoldedHashes::with_slots(bits)
    }

    fn with_slots(bits: u32) -> FoldedHashes {
        FoldedHashes {
            slots: vec![(0, 0); 1 << bits],
            shift: u64::BITS - bits,
            folded: Vec::new(),
        }
    }

    /// `hash_folded(name)`.
    fn of(&mut self, name: &crate::intern::Name) -> u64 {
        let at = name.address();
        // Fibonacci hashing: the product's high bits, where every bit of the address counts.
        let slot = (at as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift;
        let slot = &mut self.slots[slot as usize];
        if slot.0 != at {
            *slot = (at, hash_folded(name, &mut self.folded));
        }
        slot.1
    }
}

/// Hashes `fold(name)`: equal folds give equal hashes. (`fold` lowers a final sigma to 'ς'
/// and any other to 'σ': both are written as 'σ'.) The folded text is written into `folded`,
/// kept by the caller, and hashed eight bytes at a time: hashed a character at a time, this
/// took a twentieth of the work on a roster of as many distinct titles as jobs.
fn hash_folded(name: &str, folded: &mut Vec<u8>) -> u64 {
    folded.clear();
    if !lowered_by_runs(name, folded) {
        folded.clear();
        lowered_by_chars(name, folded);
    }
    let mut h = FxHasher::default();
    h.write(folded);
    // Not a byte of UTF-8: ends the name.
    h.write_u8(0xff);
    h.finish()
}

/// Whether the ASCII spaces of `name` are as `fold` leaves them: single spaces between words,
/// no other ASCII space (what `lowered_by_runs` checks on the way, tested against this).
#[cfg(test)]
fn spaced_as_folded(name: &[u8]) -> bool {
    let mut after_space = true;
    let mut other = false;
    for &b in name {
        let space = b == b' ';
        other |= (space & after_space) | matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
        after_space = space;
    }
    !(other | after_space)
}

/// `name` lowered into `folded` when its spaces are as `fold` leaves them (single spaces
/// between words, no other space); `false` otherwise, what it wrote then being of no use.
/// Eight bytes of ASCII at a time, lowered and their spaces checked together (half the titles
/// of a large roster are ASCII, the rest mostly ASCII but for an "é"); a character beyond
/// ASCII as `lowered_by_chars` lowers it.
fn lowered_by_runs(name: &str, folded: &mut Vec<u8>) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = name.as_bytes();
    let mut at = 0;
    // Whether the byte before is a space, or there is none (a name starting with a space).
    let mut after_space = true;
    while at < bytes.len() {
        while let Some(word) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            if word & HIGH != 0 {
                break;
            }
            // Each byte's 0x80 bit: a space (an exact test of bytes below 0x80: `x` is zero
            // where the byte is a space, and adding 0x7f to its low bits reaches 0x80 elsewhere);
            // a byte in 0x09..=0x0d, as `ascii_lowered` tests a range.
            let x = word ^ (ONES * u64::from(b' '));
            let spaces = !(((x & !HIGH) + !HIGH) | x) & HIGH;
            let controls = ((word + ONES * (0x80 - 0x09)) ^ (word + ONES * (0x80 - 0x0e))) & HIGH;
            let doubled = spaces & (spaces << 8 | u64::from(after_space) << 7);
            if controls | doubled != 0 {
                return false;
            }
            after_space = spaces >> 63 != 0;
            folded.extend_from_slice(&ascii_lowered(word).to_le_bytes());
            at += 8;
        }
        let Some(&b) = bytes.get(at) else {
            break;
        };
        if b.is_ascii() {
            let space = b == b' ';
            if (space && after_space) || matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
                return false;
            }
            after_space = space;
            folded.push(b.to_ascii_lowercase());
            at += 1;
            continue;
        }
        // `at` is a character's first byte: ASCII bytes and whole characters are consumed.
        let Some(c) = name.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if c.is_whitespace() {
            return false;
        }
        after_space = false;
        push_lowered(c, folded);
        at += c.len_utf8();
    }
    // A name ending with a space (or empty).
    !after_space
}

/// Eight ASCII bytes, each lowered as `u8::to_ascii_lowercase` lowers it: a byte below 0x80
/// plus (0x80 - b'A') reaches 0x80 when it is `A` or above, plus (0x80 - b'Z' - 1) when it is
/// above `Z` (no carry leaves a byte); between the two, its 0x20 bit is set.
fn ascii_lowered(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let from_a = word + ONES * u64::from(0x80 - b'A');
    let past_z = word + ONES * u64::from(0x80 - b'Z' - 1);
    word | ((from_a ^ past_z) & HIGH) >> 2
}

/// `fold(name)` written into `folded` a character at a time: runs of spaces as one.
fn lowered_by_chars(name: &str, folded: &mut Vec<u8>) {
    for (i, word) in name.split_whitespace().enumerate() {
        if i > 0 {
            folded.push(b' ');
        }
        word.chars().for_each(|c| push_lowered(c, folded));
    }
}

/// A character lowered, a sigma as 'σ'.
fn push_lowered(c: char, folded: &mut Vec<u8>) {
    if c.is_ascii() {
        folded.push(c.to_ascii_lowercase() as u8);
        return;
    }
    for c in c.to_lowercase() {
        let c = if c == 'ς' { 'σ' } else { c };
        folded.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
}

/// The warning (and `check` finding) about a job some of whose tasks give a share of time and
/// some do not.
pub fn mixed_weights_message(job: &str) -> String {
    messages::mixed_weights(Lang::En, job)
}

/// The warning (and `check` finding) about two look-alike jobs.
pub fn look_alike_message(a: &impl JobNames, b: &impl JobNames) -> String {
    let (file, line) = a.place();
    messages::look_alike(Lang::En, (a.names()[2], file, line), b.names()[2])
}

/// Opens a roster: a spreadsheet (.xlsx, .xlsm, .xls, .ods) is turned into CSV and read under
/// the name `file[sheet]`, so errors name the sheet; a budget document (XML) is turned into
/// CSV whose lines are the XML file's; anything else is read as CSV.
fn open_roster(
    name: &str,
    sheet: Option<&str>,
    warn: &mut dyn FnMut(String),
) -> Result<Opened, InputError> {
    let path = std::path::Path::new(name);
    if crate::budget::is_xml(name) {
        let mut read = crate::budget::read(path, warn)?;
        let csv = Box::new(std::io::Cursor::new(std::mem::take(&mut read.csv)));
        return Ok((name.to_string(), csv, Some(read)));
    }
    if crate::sheet::is_spreadsheet(name) {
        if crate::sheet::is_workbook(path) || !path.is_file() {
            let read = crate::sheet::read(path, sheet)?;
            return Ok((read.display, Box::new(std::io::Cursor::new(read.csv)), None));
        }
        warn(messages::not_a_workbook(messages::lang(), name));
    }
    if let Some(sheet) = sheet {
        warn(messages::sheet_ignored(messages::lang(), name, sheet));
    }
    Ok((name.to_string(), load::open(name)?, None))
}

#[cfg(test)]
pub(crate) mod tests {
    /// The options of a plain run: WP140, no `--by`, no task kept, no map, no sheet.
    pub(crate) fn plain_options() -> Options {
        Options {
            method: crate::classify::Method::Wp140,
            by: Vec::new(),
            keep_tasks: false,
            check: false,
            means_only: false,
            isco_map: None,
            sheet: None,
        }
    }

    /// The example commune's analysis, for the tests of every stage and output.
    pub(crate) fn commune(keep_tasks: bool) -> Analysis {
        let options = Options {
            keep_tasks,
            ..plain_options()
        };
        let roster = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/commune.csv");
        crate::analysis::analyze(
            &[roster.to_string()],
            &crate::rubric::Rubric::builtin(),
            &options,
            &mut |_| {},
        )
        .unwrap()
    }

    /// A job title met first as a department's name, or first on a row with a code of its
    /// own, is resolved before the jobs are finished as every other title is (the finishing
    /// asserts it in a debug build), and gives its jobs the title's code.
    #[test]
    fn titles_met_first_otherwise_are_resolved_before_the_jobs() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let options = plain_options();
        let rosters = [
            "Direction;Service;Métier;ISCO\nD;Plombier;Agent d'accueil;\nD;S;Plombier;\n",
            "Direction;Service;Métier;ISCO\nD;S;Plombier;7126\nD;T;Plombier;\n",
        ];
        for (k, roster) in rosters.iter().enumerate() {
            let path = dir.path().join(format!("{k}.csv"));
            std::fs::write(&path, roster).expect("written");
            let path = path.to_string_lossy().to_string();
            let a = analyze(&[path], &Rubric::builtin(), &options, &mut |_| {}).expect("read");
            let plumber = (a.jobs.iter().rev())
                .find(|j| &*j.job == "Plombier")
                .expect("the plumber's job");
            assert_eq!(plumber.isco.as_deref(), Some("7126"), "roster {k}");
            assert_eq!(plumber.isco_source, Some(crate::isco::IscoSource::Title));
        }
    }

    /// A job with the fields [`JobNames`] reads, for the sort.
    struct Named {
        direction: crate::intern::Name,
        department: crate::intern::Name,
        job: crate::intern::Name,
        file: crate::intern::Name,
        line: u64,
        unrounded_mean: Option<f64>,
    }
    crate::aggregate::job_names!(Named);

    proptest::proptest! {
        /// The jobs' order is that of a stable sort by mean, direction, department and title
        /// compared as strings: names repeated, equal texts kept apart or shared, titles alike
        /// in long prefixes, means repeated or none.
        #[test]
        fn jobs_sort_as_by_mean_and_names_as_strings(
            jobs in proptest::collection::vec(
                (0..4usize, 0..4usize, "(Chargé\\(e\\) de com|a|)[ab ]{0,10}", 0..4usize, proptest::bool::ANY),
                0..80,
            ),
        ) {
            let texts = ["", "b", "a", "é"];
            let means = [None, Some(0.5), Some(0.25), Some(-0.0)];
            let shared: Vec<crate::intern::Name> = texts.iter().map(|&t| t.into()).collect();
            let name = |k: usize, share: bool| {
                if share { shared[k].clone() } else { texts[k].into() }
            };
            let jobs: Vec<Named> = (jobs.iter().enumerate())
                .map(|(i, (d, s, t, m, share))| Named {
                    direction: name(*d, *share),
                    department: name(3 - *s, !*share),
                    job: t.as_str().into(),
                    file: "f".into(),
                    line: i as u64,
                    unrounded_mean: means[*m],
                })
                .collect();
            let mut simple: Vec<usize> = (0..jobs.len()).collect();
            simple.sort_by(|&a, &b| {
                let key = |k: usize| {
                    let j = &jobs[k];
                    let [d, s, t] = j.names().map(|n| n.as_str());
                    (super::mean_rank(j.unrounded_mean), d, s, t)
                };
                key(a).cmp(&key(b))
            });
            // The names' map made at once too small, as large as any, or grown.
            for distinct in [0, 1, 2 * jobs.len()] {
                let ours: Vec<usize> = (super::sort_order(&jobs, distinct).iter())
                    .map(|k| k.2 as usize)
                    .collect();
                proptest::prop_assert_eq!(&ours, &simple);
            }
        }
    }

    proptest::proptest! {
        /// Look-alike jobs are each job paired with the first job before it whose folded
        /// names are the same, whether the names' hashes are kept in a large table or pushed
        /// out of a table of two slots at every turn: names repeated, shared or not, in
        /// other cases and spacings.
        #[test]
        fn look_alikes_pair_each_job_with_the_first_alike(
            jobs in proptest::collection::vec((0..6usize, 0..6usize, 0..6usize, proptest::bool::ANY), 0..60),
        ) {
            let texts = ["Agent x", "agent  X", "AGENT x ", "Agent y", "é Σ", "É σ"];
            let shared: Vec<crate::intern::Name> = texts.iter().map(|&t| t.into()).collect();
            let name = |k: usize, share: bool| {
                if share { shared[k].clone() } else { texts[k].into() }
            };
            let jobs: Vec<Named> = (jobs.iter().enumerate())
                .map(|(i, (d, s, t, share))| Named {
                    direction: name(*d / 3, *share),
                    department: name(*s, *share),
                    job: name(*t, !*share),
                    file: "f".into(),
                    line: i as u64,
                    unrounded_mean: None,
                })
                .collect();
            let folded = |j: &Named| j.names().map(|n| fold(n));
            let simple: Vec<(u64, u64)> = (0..jobs.len())
                .filter_map(|b| {
                    let a = (0..b).find(|&a| folded(&jobs[a]) == folded(&jobs[b]))?;
                    Some((a as u64, b as u64))
                })
                .collect();
            let lines = |pairs: Vec<(&Named, &Named)>| -> Vec<(u64, u64)> {
                pairs.iter().map(|(a, b)| (a.line, b.line)).collect()
            };
            proptest::prop_assert_eq!(lines(look_alike_jobs(&jobs)), simple.clone());
            let evicting = look_alike_with(&jobs, FoldedHashes::with_slots(1));
            proptest::prop_assert_eq!(lines(evicting), simple);
        }
    }

    /// A mean's number orders as `rank` orders the means, none last.
    #[test]
    fn mean_ranks_order_as_rank_does() {
        let means = [
            None,
            Some(f64::INFINITY),
            Some(1.0),
            Some(0.5),
            Some(0.49999999999999994),
            Some(1e-300),
            Some(0.0),
            Some(-0.0),
            Some(-1e-300),
            Some(-0.5),
            Some(f64::NEG_INFINITY),
        ];
        for a in means {
            for b in means {
                assert_eq!(
                    super::mean_rank(a).cmp(&super::mean_rank(b)),
                    crate::aggregate::rank(a, b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn a_job_counts_when_one_of_its_tasks_is_exposed_among_the_jobs_classified() {
        let a = commune(false);
        let job = |exposed: u64, headcount: f64, classified: bool| {
            let mut j = a.jobs[0].clone();
            j.tasks_exposed = exposed;
            j.headcount = headcount;
            j.class = j.class.filter(|_| classified);
            j
        };
        let jobs = [job(2, 3.0, true), job(0, 1.0, true), job(1, 5.0, false)];
        assert_eq!(
            crate::study::with_exposed_task(&jobs),
            crate::study::WithExposedTask {
                jobs: 1,
                share_jobs: Some(0.5),
                agents: 3.0,
                share_agents: Some(0.75),
                jobs_classified: 2,
            }
        );
        assert_eq!(crate::study::with_exposed_task(&jobs[2..]).share_jobs, None);
    }

    use super::*;

    /// Eight bytes lowered together, as each is lowered alone: every ASCII byte at every
    /// place, beside other bytes.
    #[test]
    fn ascii_words_are_lowered_as_each_byte() {
        for b in 0u8..0x80 {
            for at in 0..8 {
                let mut bytes = *b"aZ@[`{09";
                bytes[at] = b;
                let lowered = ascii_lowered(u64::from_le_bytes(bytes)).to_le_bytes();
                assert_eq!(lowered, bytes.map(|b| b.to_ascii_lowercase()), "{bytes:?}");
            }
        }
    }

    proptest::proptest! {
        /// A name spaced as folded, without a space beyond ASCII, is lowered eight bytes at a
        /// time as a character at a time; any other is found not to be.
        #[test]
        fn names_are_lowered_by_runs_as_by_chars(
            name in "([a-zA-Z@`{0-9 '(\t\r\x0b-]{1,12}|[éÉΣς\u{a0}\u{212a}İ]|  ){0,6}",
        ) {
            let (mut runs, mut chars) = (Vec::new(), Vec::new());
            let whole = lowered_by_runs(&name, &mut runs);
            lowered_by_chars(&name, &mut chars);
            let wide_space = name.chars().any(|c| !c.is_ascii() && c.is_whitespace());
            proptest::prop_assert_eq!(whole, spaced_as_folded(name.as_bytes()) && !wide_space);
            if whole {
                proptest::prop_assert_eq!(runs, chars);
            }
        }
    }

    #[test]
    fn names_that_fold_alike_hash_alike() {
        let hash = |name: &str| hash_folded(name, &mut Vec::new());
        for (a, b) in [
            ("Agent x", "agent  x"),
            (" Agent\tX ", "agent x"),
            ("ΟΔΟΣ Σ", "οδος σ"),
            ("Chef de Service", "chef de service"),
            ("ÉTAT CIVIL - Accueil", "état civil - accueil"),
            ("Agent d'İle", "agent d'i\u{307}le"),
            ("Agent\u{b}X\r\n", "  agent x"),
            // The Kelvin sign lowers to an ASCII "k": a name beyond ASCII may fold as one within.
            ("\u{212a}ey  Post", "key post"),
            ("Agent\u{a0}x", "agent x"),
        ] {
            assert_eq!(fold(a), fold(b));
            assert_eq!(hash(a), hash(b), "{a:?} and {b:?}");
        }
        assert_ne!(hash("agent x"), hash("agentx"));
    }

    #[test]
    fn a_repeated_warning_is_given_ten_times_then_counted() {
        let mut lines = Vec::new();
        warn_first_ten(&mut |l| lines.push(l), (0..25).collect(), |i| {
            format!("job {i}")
        });
        assert_eq!(lines.len(), 11);
        assert_eq!(lines[9], "job 9");
        assert_eq!(lines[10], messages::and_more(messages::lang(), 15));
        lines.clear();
        warn_first_ten(&mut |l| lines.push(l), (0..10).collect(), |i| {
            format!("job {i}")
        });
        assert_eq!(lines.len(), 10);
    }

    #[test]
    fn items_are_put_in_the_order_given() {
        let mut draw = crate::test_draws(3);
        for n in [0, 1, 2, 5, 100, 1000] {
            let mut order: Vec<usize> = (0..n).collect();
            // A shuffle: cycles of every length.
            for i in (1..n).rev() {
                order.swap(i, draw(i + 1));
            }
            let mut items: Vec<String> = (0..n).map(|i| format!("item {i}")).collect();
            put_in_order(&mut items, |k| order[k]);
            let expected: Vec<String> = order.iter().map(|i| format!("item {i}")).collect();
            assert_eq!(items, expected);
        }
    }
}
