//! The whole pipeline for a set of rosters: load → score → aggregate, into one `Analysis`
//! that every renderer reads.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::aggregate::{
    Aggregator, Checks, GroupExposure, JobExposure, TaskRecord, TaskRecords, UnscoredTasks, group,
    group_by, rank,
};
use crate::classify::{Band, Method};
use crate::error::InputError;
use crate::grades::{Cadre, GradeMatch, Grades};
use crate::ilo::Ilo;
use crate::isco::{
    CONFIDENCE_FLOOR, Crosswalk, IscoMap, IscoMatch, IscoSource, ScoredFrom, TitleMatch, Unmapped,
};
use crate::load::{self, Field, FileStats};
use crate::normalize::header_key;
use crate::occupation::{self, IloScoring, IscoMix, Resolved};
use crate::rubric::Rubric;
use crate::score::{Scorer, Source};

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
    /// The user's `--isco-map FILE`, which wins over the title (the roster's `isco` column wins
    /// over both).
    pub isco_map: Option<IscoMap>,
    /// The sheet to read in rosters kept in a spreadsheet (`None`: the first).
    pub sheet: Option<String>,
}

/// A job without tasks whose occupation could not be found: left out of the figures.
#[derive(Debug, Clone, Serialize)]
pub struct UnmappedJob {
    pub file: String,
    pub line: u64,
    pub direction: String,
    pub department: String,
    pub job: String,
    pub headcount: f64,
    pub reason: Unmapped,
    /// The closest reference title, when one was near.
    pub best: Option<BestCandidate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BestCandidate {
    pub reference: String,
    pub isco08: String,
    pub similarity: f64,
    /// Similarity × the reference row's confidence: under the floor for `low_confidence`.
    pub confidence: f64,
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

/// Starts building the reference tables (grade tables, ILO scores, the crosswalk's weights) on
/// a thread of their own, once per process: they take a few milliseconds and are needed only
/// after the rosters are read, so a command calls this first and loads its rubric and reads
/// meanwhile, on the core left free. `OnceLock` makes a later use wait for this thread.
pub fn prepare_reference_tables() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let _ = std::thread::Builder::new()
            .name("reference-data".into())
            .spawn(|| {
                Crosswalk::builtin();
                Grades::builtin();
                Ilo::get();
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
    // Shared by the two callbacks of the reader: one warms its table up for a batch of rows,
    // the other scores them.
    let scorer = std::cell::RefCell::new(Scorer::new(rubric));
    let mut aggregator = Aggregator::new(options.keep_tasks, options.check);
    let mut files = Vec::new();
    let mut has_direction = false;
    let mut has_department = false;
    let mut row_errors = Vec::new();
    refuse_repeated(rosters)?;
    if rosters.len() > 1 && rosters.iter().any(|r| crate::budget::is_xml(r)) {
        return Err(AnalysisError::Usage(
            crate::budget::ONE_AT_A_TIME.to_string(),
        ));
    }
    let mut document = None;
    for roster in rosters {
        let (name, input, budget) = open_roster(roster, options.sheet.as_deref(), warn)?;
        let name = name.as_str();
        let (columns, mut stats) = load::read_roster_with(
            name,
            input,
            &mut |tasks| scorer.borrow().prepare(tasks),
            &mut |row| {
                let mut scorer = scorer.borrow_mut();
                let scored = scorer.score(row)?;
                let rule = scored.rule.map(|r| {
                    let rule = &scorer.rubric().rules[r];
                    (rule.code.as_str(), rule.theme.as_str())
                });
                aggregator.add(row, scored, rule)
            },
            &mut |e| {
                if options.check {
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
        // A budget document's input is its XML file: its encoding, its PERSONNEL elements.
        if let Some(read) = budget {
            stats.encoding = read.encoding;
            stats.rows = read.lines as u64;
            document = Some(read.document);
        }
        files.push(stats);
    }
    let (mut jobs, attribute_names, unscored, mut tasks, checks) =
        aggregator.finish(options.method);
    let unmapped = attach_occupations(
        &mut jobs,
        tasks.as_mut(),
        options.method,
        options.isco_map.as_ref(),
        warn,
    );

    // Resolve --by columns before any work is shown.
    let mut by_columns = Vec::new();
    for wanted in &options.by {
        let key = header_key(wanted);
        if SEX.contains(&key.as_str()) && !attribute_names.iter().any(|(k, _)| *k == key) {
            by_columns.push(BySex::find(&attribute_names).ok_or_else(|| {
                AnalysisError::Usage(format!(
                    "--by {wanted}: the roster has no column giving the number of women (Femmes, Women) or men (Hommes, Men) per job"
                ))
            })?);
            continue;
        }
        match attribute_names.iter().find(|(k, _)| *k == key) {
            Some((_, header)) => by_columns.push(BySex::No(header.clone())),
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

    for j in jobs.iter().filter(|j| j.weights.mixed.is_some()) {
        warn(format!(
            "{}:{}: {}",
            j.file,
            j.weights.mixed.unwrap_or(j.line),
            mixed_weights_message(j)
        ));
    }
    for (a, b) in look_alike_jobs(&jobs) {
        warn(format!(
            "{}:{}: {}",
            b.file,
            b.line,
            look_alike_message(a, b)
        ));
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

    // Sorted through their indices: a job is large, and a sort moves what it sorts many times.
    let mut order: Vec<(Option<f64>, usize)> = (jobs.iter().enumerate())
        .map(|(i, j)| (j.unrounded_mean, i))
        .collect();
    order.sort_by(|&(x, a), &(y, b)| {
        rank(x, y).then_with(|| {
            let (a, b) = (&jobs[a], &jobs[b]);
            (&a.direction, &a.department, &a.job).cmp(&(&b.direction, &b.department, &b.job))
        })
    });
    put_in_order(&mut jobs, |k| order[k].1);
    let method = options.method;
    // Departments (thousands in a large authority) on a second core, the rest on this one.
    let (summary, directions, departments) = std::thread::scope(|scope| {
        let departments = scope.spawn(|| {
            if has_department {
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
            }
        });
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
        let departments = departments
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (summary, directions, departments)
    });
    let mut by = Vec::new();
    for column in by_columns {
        by.push(match column {
            BySex::No(column) => ByGroups {
                groups: group_by(
                    &column,
                    method,
                    &jobs,
                    |j| j.attributes.get(&column).unwrap_or_default().to_string(),
                    |k, g| g.value = Some(k.clone()),
                ),
                column,
            },
            BySex::Women(column) => split_by_sex(&jobs, &column, true, method)?,
            BySex::Men(column) => split_by_sex(&jobs, &column, false, method)?,
        });
    }
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
        unmapped,
        row_errors,
        checks,
        document,
    })
}

/// Moves `items[from(k)]` to place `k`, for a permutation `from`, along its cycles: a sorted
/// copy would take fresh memory, page by page.
fn put_in_order<T>(items: &mut [T], from: impl Fn(usize) -> usize) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut k = start;
        while !placed[k] {
            placed[k] = true;
            let next = from(k);
            if next == start {
                break;
            }
            items.swap(k, next);
            k = next;
        }
    }
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
                    format!(
                        "column '{column}': expected a number of agents between 0 and the job's headcount ({}), found {raw:?}",
                        j.headcount
                    ),
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
        g.value = Some(value.to_string());
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
            return Err(InputError::file(
                roster,
                format!(
                    "the same roster as {first}, given twice: its jobs would count twice; give each roster once"
                ),
            ));
        }
        seen.push((roster, id));
    }
    Ok(())
}

/// How names are compared to find look-alikes: case and runs of spaces ignored.
fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Jobs of the same department whose names differ only by case or spaces ("Agent x", "agent
/// x"): kept apart, as written, and pointed out (a warning, a `check` finding).
pub fn look_alike_jobs(jobs: &[JobExposure]) -> Vec<(&JobExposure, &JobExposure)> {
    let mut first: HashMap<(String, String, String), &JobExposure> = HashMap::new();
    let mut pairs = Vec::new();
    for j in jobs {
        let key = (fold(&j.direction), fold(&j.department), fold(&j.job));
        match first.get(&key) {
            Some(&other) => pairs.push((other, j)),
            None => {
                first.insert(key, j);
            }
        }
    }
    pairs
}

/// The warning (and `check` finding) about a job some of whose tasks give a share of time and
/// some do not.
pub fn mixed_weights_message(j: &JobExposure) -> String {
    format!(
        "some tasks of job {:?} give a share of time and some do not; a task without one is read as 1",
        j.job
    )
}

/// The warning (and `check` finding) about two look-alike jobs.
pub fn look_alike_message(a: &JobExposure, b: &JobExposure) -> String {
    format!(
        "jobs {:?} ({}:{}) and {:?} differ only by case or spaces and are counted as two jobs; write them alike to make one",
        a.job, a.file, a.line, b.job
    )
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
        warn(format!(
            "{name}: not an Excel or OpenDocument workbook despite its name; reading it as CSV text"
        ));
    }
    if let Some(sheet) = sheet {
        warn(format!(
            "{name}: --sheet {sheet} applies to spreadsheets (.xlsx, .xlsm, .xls, .ods); this roster is read as CSV"
        ));
    }
    Ok((name.to_string(), load::open(name)?, None))
}

/// Warns with a header and the first ten lines, when there are any.
fn warn_list(warn: &mut dyn FnMut(String), header: String, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    warn(header);
    for line in lines.iter().take(10) {
        warn(line.clone());
    }
    if lines.len() > 10 {
        warn(format!("  … and {} more", lines.len() - 10));
    }
}

/// Sets a job's code from its grade; returns the cadre when its figures come from a mix.
fn use_grade(job: &mut JobExposure, m: &GradeMatch) -> Option<&'static Cadre> {
    job.isco = Some(m.isco_label());
    job.isco_source = Some(IscoSource::Grade);
    job.isco_match = Some(occupation::grade_match(m));
    m.is_mix().then(|| {
        job.isco_mix = Some(IscoMix::of(m.cadre));
        m.cadre
    })
}

/// The grade in a grade column beside the job's métier, when it is one.
fn grade_beside(job: &JobExposure) -> Option<GradeMatch> {
    let (_, grade) = job
        .attributes
        .iter()
        .find(|(header, value)| load::is_grade_header(header) && !value.is_empty())?;
    Grades::builtin().recognise(grade).ok()
}

/// Gives each job its ISCO-08 occupation (roster column > `--isco-map` > title), scores the
/// jobs without tasks from the ILO tasks of their occupation, and sets the occupation's figures
/// beside those of jobs scored from their own tasks. Returns the task-less jobs left unmapped.
fn attach_occupations(
    jobs: &mut [JobExposure],
    mut tasks: Option<&mut TaskRecords>,
    method: Method,
    isco_map: Option<&IscoMap>,
    warn: &mut dyn FnMut(String),
) -> Vec<UnmappedJob> {
    let ilo = Ilo::get();
    // Per title and per occupation: a large roster repeats both over thousands of jobs.
    let mut cache: HashMap<String, Resolved> = HashMap::new();
    let mut scoring_of: HashMap<String, Option<IloScoring>> = HashMap::new();
    let mut unmapped = Vec::new();
    let mut guessed = Vec::new();
    for job in jobs.iter_mut() {
        let mut missing: Option<(Unmapped, Option<BestCandidate>)> = None;
        let mut mix: Option<&'static Cadre> = None;
        if job.isco.is_some() {
            job.isco_source = Some(IscoSource::Roster);
        } else if let Some((map, row)) = isco_map.and_then(|m| m.get(&job.job).map(|row| (m, row)))
        {
            match &row.isco {
                Some(code) => {
                    job.isco = Some(code.clone());
                    job.isco_source = Some(IscoSource::IscoMap);
                    job.isco_match = Some(IscoMatch {
                        reference: row.title.clone(),
                        table: None,
                        similarity: None,
                        confidence: 1.0,
                        via: format!("{}:{}", map.source, row.line),
                    });
                }
                None => missing = Some((Unmapped::IscoMap, None)),
            }
        } else {
            if !cache.contains_key(job.job.as_str()) {
                cache.insert(job.job.clone(), occupation::resolve(&job.job));
            }
            match &cache[job.job.as_str()] {
                Resolved::Grade(m) => mix = use_grade(job, m),
                Resolved::Title(TitleMatch::Mapped(c)) => {
                    job.isco = Some(c.isco08.clone());
                    job.isco_source = Some(IscoSource::Title);
                    job.isco_match = Some(IscoMatch::of(c));
                }
                Resolved::Title(TitleMatch::Unmapped { reason, best }) => {
                    // A métier the crosswalk cannot place falls back on the grade beside it.
                    match grade_beside(job) {
                        Some(m) => mix = use_grade(job, &m),
                        None => {
                            let best = best.as_ref().map(|b| BestCandidate {
                                reference: b.reference.clone(),
                                isco08: b.isco08.clone(),
                                similarity: (b.similarity * 10_000.0).round() / 10_000.0,
                                confidence: (b.confidence * 10_000.0).round() / 10_000.0,
                            });
                            missing = Some((*reason, best));
                        }
                    }
                }
            }
        }
        let scoring = match job.isco.as_deref() {
            Some(code) => {
                // A mix is known by its cadre: two mixes may share their mark.
                let key = match mix {
                    Some(cadre) => format!("grade:{}", cadre.id),
                    None => code.to_string(),
                };
                if !scoring_of.contains_key(&key) {
                    let scoring = match mix {
                        Some(cadre) => occupation::mix_scoring(cadre, method),
                        None => occupation::occupation_scoring(code, method),
                    };
                    scoring_of.insert(key.clone(), scoring);
                }
                scoring_of[&key].as_ref()
            }
            None => None,
        };
        let figures = scoring.map(|s| s.figures.clone());
        if job.mean.is_some() {
            job.scored_from = Some(ScoredFrom::Tasks);
            if let (Some(own), Some(f)) = (job.class, &figures) {
                job.classes_differ = Some(own != f.class);
            }
        } else if job.tasks == 0 {
            match (&figures, scoring) {
                (Some(f), Some(scoring)) => {
                    job.scored_from = Some(ScoredFrom::Ilo);
                    job.tasks = f.tasks;
                    job.tasks_scored = f.tasks;
                    job.tasks_unscored = 0;
                    job.tasks_exposed = f.tasks_exposed;
                    job.mean = Some(f.mean);
                    job.sd = Some(f.sd);
                    job.class = Some(f.class);
                    job.class_other = f.class_other;
                    job.share_time_exposed = Some(scoring.share_exposed);
                    job.unrounded_mean = Some(f.unrounded_mean);
                    if let Some(tasks) = tasks.as_deref_mut() {
                        let id = tasks.add_job(&job.direction, &job.department, &job.job);
                        for &(weight, t) in &scoring.tasks {
                            let Some(score) = t.score(method) else {
                                continue;
                            };
                            // The ILO task's reference, and its occupation as the theme.
                            let rule = format!("ilo:{}:{}", t.isco, t.task_id);
                            let theme =
                                format!("ILO {} {}", t.isco, ilo.occupations[&t.isco].title);
                            tasks.push(
                                id,
                                &TaskRecord {
                                    file: &job.file,
                                    line: job.line,
                                    direction: &job.direction,
                                    department: &job.department,
                                    job: &job.job,
                                    task: &t.task,
                                    weight,
                                    score: Some(score),
                                    band: Some(Band::of(score)),
                                    source: Source::Ilo,
                                    rule: Some(&rule),
                                    theme: Some(&theme),
                                },
                            );
                        }
                    }
                    // A grade recognised only by completing or correcting words is a guess.
                    if let Some(m) = job.isco_match.as_ref().filter(|m| {
                        job.isco_source == Some(IscoSource::Grade) && m.confidence < 1.0
                    }) {
                        let line = format!(
                            "  {:?} → {} {} (grade {:?}, confidence {:.2})",
                            job.job, f.isco, f.title, m.reference, m.confidence
                        );
                        if !guessed.contains(&line) {
                            guessed.push(line);
                        }
                    }
                }
                _ => {
                    if job.isco.is_some() {
                        missing = Some((Unmapped::NoIloScores, None));
                    }
                    if let Some((reason, best)) = missing.take() {
                        unmapped.push(UnmappedJob {
                            file: job.file.clone(),
                            line: job.line,
                            direction: job.direction.clone(),
                            department: job.department.clone(),
                            job: job.job.clone(),
                            headcount: job.headcount,
                            reason,
                            best,
                        });
                    }
                }
            }
        }
        job.ilo = figures;
    }
    if !unmapped.is_empty() {
        warn(format!(
            "{} job(s) without tasks have no ISCO-08 occupation and are left out of the figures \
             (listed under `unmapped` in JSON; give their code with --isco-map FILE or an isco column):",
            unmapped.len()
        ));
        for u in unmapped.iter().take(10) {
            let best = u
                .best
                .as_ref()
                .map(|b| {
                    format!(
                        " (closest: {:?} → {}, similarity {:.2}, confidence {:.2}; the floor is {CONFIDENCE_FLOOR:.2})",
                        b.reference, b.isco08, b.similarity, b.confidence
                    )
                })
                .unwrap_or_default();
            warn(format!(
                "  {}:{}: {:?} — {}{best}",
                u.file,
                u.line,
                u.job,
                u.reason.describe()
            ));
        }
        if unmapped.len() > 10 {
            warn(format!("  … and {} more", unmapped.len() - 10));
        }
    }
    warn_list(
        warn,
        format!(
            "{} job title(s) recognised as a grade by a guess (confidence < 1: words completed or \
             corrected, a contract form followed by the post, or a grade short of words of its \
             cadre's name); check them with `exposure isco \"TITLE\"`:",
            guessed.len()
        ),
        &guessed,
    );
    unmapped
}

#[cfg(test)]
mod tests {
    use super::*;

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
