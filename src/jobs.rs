//! The occupations stage: finishes each job. It gives the job its ISCO-08 occupation (roster
//! column > `--isco-map` > grade > title), its figures from its own tasks or, for a job without
//! tasks, from the ILO tasks of its occupation (or mix), and the occupation's figures beside.

use std::cell::RefCell;
use std::hash::BuildHasherDefault;
use std::rc::Rc;
use std::sync::Arc;

use serde::Serialize;

use crate::aggregate::{Half, JobExposure, JobTasks, JobsToFinish, TaskRecord, TaskRecords};
use crate::classify::{Band, Class, Method};
use crate::grades::{Cadre, GradeMatch, Grades};
use crate::hashing::{FastMap, FxHasher};
use crate::ilo::{Ilo, OccupationFigures};
use crate::intern::Name;
use crate::isco::{
    CONFIDENCE_FLOOR, IscoMap, IscoMatch, IscoSource, ScoredFrom, TitleMatch, Unmapped,
};
use crate::messages;
use crate::occupation::{self, IloScoring, IscoMix, Resolved};
use crate::score::Source;

mod ahead;
pub use ahead::TitlesAhead;

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

/// Where a job's occupation comes from, before its figures; shared by the jobs of a title.
#[derive(Default, Clone)]
struct Found {
    isco: Option<Name>,
    source: Option<IscoSource>,
    matched: Option<Arc<IscoMatch>>,
    /// The cadre whose mix of occupations gives the figures.
    mix: Option<&'static Cadre>,
    /// Why a job has no occupation, and the closest reference title.
    /// (Boxed: a map holds one `Found` per distinct title, and few titles are unmapped.)
    missing: Option<Box<(Unmapped, Option<BestCandidate>)>>,
}

/// Finishes every job (see the module's comment); returns them, in the order given, and the
/// jobs without tasks left unmapped. With `tasks`, the ILO tasks of the jobs scored from their
/// occupation join the per-task listing.
pub fn finish(
    jobs: Vec<JobTasks>,
    tasks: Option<&mut TaskRecords>,
    method: Method,
    isco_map: Option<&IscoMap>,
    warn: &mut dyn FnMut(String),
) -> (Vec<JobExposure>, Vec<UnmappedJob>) {
    let jobs = JobsToFinish::given(jobs);
    let (jobs, unmapped, _) = finish_with(jobs, None, tasks, method, isco_map, warn);
    (jobs, unmapped)
}

/// What the finishing held that no job needs any more (the titles resolved, what they share,
/// the jobs' names): let go where a core is free, as the caller knows (a table of 117,000
/// titles takes 8 ms to let go).
pub struct Leftovers {
    held: (ahead::Decisions, ByTitle, SharedFound, JobsToFinish),
}

impl Leftovers {
    /// How many distinct names the rows were read into: at least as many as the jobs have.
    pub fn names(&self) -> usize {
        self.held.3.names()
    }
}

/// [`finish`], starting from the titles resolved while the rows were read (`ahead`).
pub fn finish_with(
    jobs: JobsToFinish,
    ahead: Option<TitlesAhead>,
    tasks: Option<&mut TaskRecords>,
    method: Method,
    isco_map: Option<&IscoMap>,
    warn: &mut dyn FnMut(String),
) -> (Vec<JobExposure>, Vec<UnmappedJob>, Leftovers) {
    finish_into(jobs, ahead, tasks, method, isco_map, warn, |j| j)
}

/// [`finish_with`], keeping of each finished job what `keep` makes of it, as it is finished:
/// `check` keeps a [`CheckJob`], a fraction of the job, so that hundreds of thousands of whole
/// jobs are never held at once.
pub fn finish_into<T: Send>(
    mut jobs: JobsToFinish,
    ahead: Option<TitlesAhead>,
    mut tasks: Option<&mut TaskRecords>,
    method: Method,
    isco_map: Option<&IscoMap>,
    warn: &mut dyn FnMut(String),
    keep: impl Fn(JobExposure) -> T + Sync,
) -> (Vec<T>, Vec<UnmappedJob>, Leftovers) {
    let lang = messages::lang();
    // Every title a job needs was handed ahead: none is left for the parts to find.
    let all_ahead = ahead.is_some() && jobs.titles_handed_out();
    // Per title: a large roster repeats them over thousands of jobs, which share what they
    // find. A title's `bool`: a grade beside the job may place it. The titles handed out are
    // found by their place (`decisions`), the others (not handed out) by their name.
    let ahead::Resolved {
        mut decisions,
        mut shared,
        pending,
    } = ahead.map(TitlesAhead::finish).unwrap_or_default();
    let mut by_title = ByTitle::default();
    // The titles met when no thread resolved them ahead (too few to start one), all at once
    // on every core: each thread then reads the words of a title once (their memos are per
    // thread), where a chunk at a time would start a new thread, with empty memos, each.
    let found = decide(&mut shared, &pending, isco_map);
    decisions.put_from_start(pending, found);
    // Each part's halves are finished on two cores, each with what it has found so far.
    let mut cores = [Finisher::default(), Finisher::default()];
    let mut unmapped = Vec::new();
    let mut guessed = Vec::new();
    let mut finished: Vec<T> = Vec::with_capacity(jobs.len());
    while let Some([first, second]) = jobs.next_part() {
        // The part's titles not resolved yet (met first on a row with a code of its own, so
        // not handed ahead), on every core.
        let mut new: Vec<Name> = Vec::new();
        let mut met: FastMap<usize, ()> = FastMap::default();
        for half in [&first, &second].into_iter().filter(|_| !all_ahead) {
            half.uncoded_titles(|title, place| {
                if place.is_some_and(|p| decisions.get(p, title).is_some()) {
                    return;
                }
                let at = title.address();
                if !by_title.contains_key(&at) && met.insert(at, ()).is_none() {
                    new.push(title.clone());
                }
            });
        }
        drop(met);
        resolve_into(&mut by_title, &mut shared, new, isco_map);
        let part = Part {
            decisions: &decisions,
            by_title: &by_title,
            method,
            isco_map,
            lang,
            keep: &keep,
        };
        // Each job written where it ends, each half by its own core: the jobs are not moved
        // again, and their memory is first touched on both cores.
        let n = first.len() + second.len();
        let (to_first, to_second) = finished.spare_capacity_mut()[..n].split_at_mut(first.len());
        let [one, other] = &mut cores;
        match tasks.as_deref_mut() {
            // The per-task listing takes the jobs' ILO tasks in the jobs' order: one core.
            Some(tasks) => {
                one.finish(first, to_first, &part, Some(&mut *tasks));
                one.finish(second, to_second, &part, Some(tasks));
            }
            None => {
                crate::parallel::both(
                    n,
                    || other.finish(second, to_second, &part, None),
                    || one.finish(first, to_first, &part, None),
                );
            }
        }
        // SAFETY: `Finisher::finish` wrote each of the `n` slots after the jobs, one job per
        // slot (checked there: it panics otherwise, before this, and the slots written are
        // only leaked).
        unsafe { finished.set_len(finished.len() + n) };
        // What each core found, in the order of the jobs: the first half's, then the second's.
        for core in &mut cores {
            unmapped.append(&mut core.unmapped);
            for line in core.guessed.drain(..) {
                if !guessed.contains(&line) {
                    guessed.push(line);
                }
            }
        }
    }
    if !unmapped.is_empty() {
        warn(messages::unmapped_jobs(lang, unmapped.len()));
        for u in unmapped.iter().take(10) {
            let closest = (u.best.as_ref()).map(|b| {
                (
                    b.reference.as_str(),
                    b.isco08.as_str(),
                    b.similarity,
                    b.confidence,
                )
            });
            let text = messages::unmapped_job(
                lang,
                &u.job,
                u.reason.describe_in(lang),
                closest,
                CONFIDENCE_FLOOR,
            );
            warn(format!("  {}", messages::at(lang, &u.file, u.line, &text)));
        }
        if unmapped.len() > 10 {
            warn(messages::and_more(lang, unmapped.len() - 10));
        }
    }
    warn_list(
        warn,
        messages::guessed_grades(lang, guessed.len()),
        &guessed,
    );
    let leftovers = Leftovers {
        held: (decisions, by_title, shared, jobs),
    };
    (finished, unmapped, leftovers)
}

/// What every job of a part is finished with.
struct Part<'a, K> {
    /// Every title of the part's jobs without a code: by its place among the titles handed
    /// out, else by its name.
    decisions: &'a ahead::Decisions,
    by_title: &'a ByTitle,
    method: Method,
    isco_map: Option<&'a IscoMap>,
    lang: crate::i18n::Lang,
    keep: &'a K,
}

/// An ILO scoring and its figures, shared by the jobs scored from it.
type Scoring = Option<(IloScoring, Arc<OccupationFigures>)>;

/// What a core finishing jobs has found so far, per grade beside a job (its text) and per
/// occupation's code or mix's cadre: looked up once per job, without making a key; and what
/// it found to report of the jobs of the part.
#[derive(Default)]
struct Finisher {
    by_grade_beside: FastMap<String, Option<Found>>,
    grade_columns: GradeColumns,
    /// Per occupation's code, its number in `scoring_of_code`.
    code_number: FastMap<String, usize>,
    scoring_of_code: Vec<Scoring>,
    scoring_of_mix: FastMap<&'static str, Scoring>,
    mixes: FastMap<&'static str, Arc<IscoMix>>,
    unmapped: Vec<UnmappedJob>,
    /// The lines about grades recognised by a guess, each once, in the order of the jobs.
    guessed: Vec<String>,
}

impl Finisher {
    /// Finishes `jobs` into `to`, a slot per job, in order.
    fn finish<T, K: Fn(JobExposure) -> T>(
        &mut self,
        jobs: Half,
        to: &mut [std::mem::MaybeUninit<T>],
        part: &Part<K>,
        mut tasks: Option<&mut TaskRecords>,
    ) {
        let mut slots = to.iter_mut();
        let (method, lang, ilo) = (part.method, part.lang, Ilo::get());
        for job in jobs {
            let slot = slots.next().expect("a slot per job");
            let mut found = if let Some(isco) = &job.isco {
                Found {
                    isco: Some(isco.clone()),
                    source: Some(IscoSource::Roster),
                    ..Found::default()
                }
            } else {
                // (Every title of the part is there: resolved before the part is finished.)
                let resolved;
                let decided = (job.title_place)
                    .and_then(|place| part.decisions.get(place, &job.job))
                    .or_else(|| part.by_title.get(&job.job.address()));
                let (found, grade_may_place) = match decided {
                    Some(found) => found,
                    None => {
                        debug_assert!(false, "title not resolved before its part: {}", job.job);
                        resolved = of_title(&job.job, part.isco_map);
                        &resolved
                    }
                };
                // A métier the crosswalk cannot place falls back on the grade beside it.
                let by_grade = grade_may_place
                    .then(|| grade_beside(&job, &mut self.grade_columns, &mut self.by_grade_beside))
                    .flatten();
                by_grade.unwrap_or(found).clone()
            };
            let scoring = match found.isco.as_deref() {
                Some(code) => {
                    let with_figures = |s: IloScoring| {
                        let figures = Arc::new(s.figures.clone());
                        (s, figures)
                    };
                    // A mix is known by its cadre: two mixes may share their mark.
                    match found.mix {
                        Some(cadre) => self
                            .scoring_of_mix
                            .entry(&cadre.id)
                            .or_insert_with(|| {
                                occupation::mix_scoring(cadre, method).map(with_figures)
                            })
                            .as_ref(),
                        // One look-up of the code per job (its number), not two.
                        None => {
                            let at = match self.code_number.get(code) {
                                Some(&at) => at,
                                None => {
                                    let scoring = occupation::occupation_scoring(code, method);
                                    self.scoring_of_code.push(scoring.map(with_figures));
                                    let at = self.scoring_of_code.len() - 1;
                                    self.code_number.insert(code.into(), at);
                                    at
                                }
                            };
                            self.scoring_of_code[at].as_ref()
                        }
                    }
                }
                None => None,
            };
            let figures = scoring.map(|(_, f)| f.clone());
            let scoring = scoring.map(|(s, _)| s);
            // What the job's figures come from, when anything gives them.
            let from = match (job.figures, scoring) {
                (Some(_), _) => Some(ScoredFrom::Tasks),
                (None, Some(_)) if job.tasks == 0 => Some(ScoredFrom::Ilo),
                _ => None,
            };
            if job.tasks == 0 && from.is_none() {
                if found.isco.is_some() {
                    found.missing = Some(Box::new((Unmapped::NoIloScores, None)));
                }
                if let Some((reason, best)) = found.missing.take().map(|m| *m) {
                    self.unmapped.push(UnmappedJob {
                        file: job.file.to_string(),
                        line: job.line,
                        direction: job.direction.to_string(),
                        department: job.department.to_string(),
                        job: job.job.to_string(),
                        headcount: job.headcount,
                        reason,
                        best,
                    });
                }
            }
            // The job's task counts and the figures it shows: its own tasks', or its occupation's.
            let (counts, shown) =
                match (from, scoring) {
                    (Some(ScoredFrom::Ilo), Some(scoring)) => {
                        let f = &scoring.figures;
                        if let Some(tasks) = tasks.as_deref_mut() {
                            list_ilo_tasks(tasks, &job, scoring, method, ilo);
                        }
                        // A grade recognised only by completing or correcting words is a guess.
                        if let Some(m) = found.matched.as_ref().filter(|m| {
                            found.source == Some(IscoSource::Grade) && m.confidence < 1.0
                        }) {
                            let line = messages::guessed_grade(
                                lang,
                                &job.job,
                                &f.isco,
                                &f.title,
                                &m.reference,
                                m.confidence,
                            );
                            if !self.guessed.contains(&line) {
                                self.guessed.push(line);
                            }
                        }
                        let shown = Shown {
                            mean: f.mean,
                            sd: f.sd,
                            class: f.class,
                            class_other: f.class_other,
                            share_exposed: scoring.share_exposed,
                            unrounded_mean: f.unrounded_mean,
                        };
                        ((f.tasks, f.tasks, f.tasks_exposed), Some(shown))
                    }
                    _ => {
                        let shown = job.figures.map(|f| Shown {
                            mean: f.mean,
                            sd: f.sd,
                            class: method.classify(f.mean, f.sd),
                            class_other: Some(method.other().classify(f.mean, f.sd)),
                            share_exposed: f.share_exposed,
                            unrounded_mean: f.unrounded_mean,
                        });
                        ((job.tasks, job.tasks_scored, job.tasks_exposed), shown)
                    }
                };
            let (tasks_count, tasks_scored, tasks_exposed) = counts;
            let classes_differ = match (from, shown, &figures) {
                (Some(ScoredFrom::Tasks), Some(own), Some(f)) => Some(own.class != f.class),
                _ => None,
            };
            slot.write((part.keep)(JobExposure {
                direction: job.direction,
                department: job.department,
                job: job.job,
                headcount: job.headcount,
                isco: found.isco,
                isco_source: found.source,
                isco_match: found.matched,
                isco_mix: found.mix.map(|cadre| {
                    (self.mixes.entry(&cadre.id))
                        .or_insert_with(|| Arc::new(IscoMix::of(cadre)))
                        .clone()
                }),
                scored_from: from,
                tasks: tasks_count,
                tasks_scored,
                tasks_unscored: tasks_count - tasks_scored,
                tasks_exposed,
                mean: shown.map(|s| s.mean),
                sd: shown.map(|s| s.sd),
                class: shown.map(|s| s.class),
                class_other: shown.and_then(|s| s.class_other),
                ilo: figures,
                classes_differ,
                share_time_exposed: shown.map(|s| s.share_exposed),
                attributes: job.attributes,
                file: job.file,
                line: job.line,
                unrounded_mean: shown.map(|s| s.unrounded_mean),
                weights: job.weights,
            }));
        }
        assert!(slots.next().is_none(), "a job per slot");
    }
}

/// What `check` reads of a finished job (`crate::check`): its names and place, the weights of
/// its task rows, its task count, its unrounded mean, whether its headcount is 0, and the
/// grade it is scored from when that grade was recognised by a guess. 104 bytes, not a
/// [`JobExposure`]'s 224: `check` without a baseline keeps only this of each job (a roster can
/// have hundreds of thousands).
#[derive(Debug, Clone)]
pub struct CheckJob {
    pub direction: Name,
    pub department: Name,
    pub job: Name,
    pub file: Name,
    pub line: u64,
    pub weights: crate::aggregate::Weights,
    /// [`JobExposure::tasks`]: its task rows, or its occupation's ILO tasks.
    pub tasks: u64,
    /// [`JobExposure::unrounded_mean`]: `None` exactly when the job's `mean` is.
    pub unrounded_mean: Option<f64>,
    pub zero_headcount: bool,
    /// For a job scored from the ILO tasks of the occupation of a grade recognised by a guess
    /// (a confidence under 1): the occupation's code and the match (few jobs: boxed).
    pub guessed_grade: Option<Box<(Name, Arc<IscoMatch>)>>,
}

impl CheckJob {
    pub fn of(j: &JobExposure) -> CheckJob {
        let guessed_grade = match (&j.isco_match, &j.isco, j.scored_from, j.isco_source) {
            (Some(m), Some(code), Some(ScoredFrom::Ilo), Some(IscoSource::Grade))
                if m.confidence < 1.0 =>
            {
                Some(Box::new((code.clone(), m.clone())))
            }
            _ => None,
        };
        CheckJob {
            direction: j.direction.clone(),
            department: j.department.clone(),
            job: j.job.clone(),
            file: j.file.clone(),
            line: j.line,
            weights: j.weights,
            tasks: j.tasks,
            unrounded_mean: j.unrounded_mean,
            zero_headcount: j.headcount == 0.0,
            guessed_grade,
        }
    }
}

crate::aggregate::job_names!(CheckJob);

/// The figures a job shows, from its own tasks or its occupation's.
#[derive(Clone, Copy)]
struct Shown {
    mean: f64,
    sd: f64,
    class: Class,
    class_other: Option<Class>,
    share_exposed: f64,
    unrounded_mean: f64,
}

/// Adds the ILO tasks a job is scored from to the per-task listing.
fn list_ilo_tasks(
    tasks: &mut TaskRecords,
    job: &JobTasks,
    scoring: &IloScoring,
    method: Method,
    ilo: &Ilo,
) {
    let id = tasks.add_job(&job.direction, &job.department, &job.job);
    for &(weight, t) in &scoring.tasks {
        let Some(score) = t.score(method) else {
            continue;
        };
        // The ILO task's reference, and its occupation as the theme.
        let rule = format!("ilo:{}:{}", t.isco(), t.task_id);
        let theme = crate::ilo::occupation_theme(t.isco(), ilo.occupations[t.isco()].title());
        tasks.push(
            id,
            &TaskRecord {
                file: &job.file,
                line: job.line,
                direction: &job.direction,
                department: &job.department,
                job: &job.job,
                task: t.task(),
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
        warn(messages::and_more(messages::lang(), lines.len() - 10));
    }
}

/// The codes and matches of titles decided alike, kept once: a roster of 100,000 distinct
/// titles that differ by a local word is decided a few thousand ways, not 100,000.
#[derive(Default)]
struct SharedFound {
    codes: crate::intern::Interner<Vec<crate::intern::Name>>,
    matches: std::collections::HashSet<SameMatch, BuildHasherDefault<FxHasher>>,
    /// The match kept for a match met before, by the address of the one met: titles decided
    /// alike on one thread hand over one `Arc` (`of_title`'s memo), found again here without
    /// hashing its texts. The match met is held, so that its address names no other.
    by_address: FastMap<usize, (Arc<IscoMatch>, Arc<IscoMatch>)>,
}

/// A match, equal to another with the same fields: the set above finds the one kept without
/// making a key (the title's own `Arc` is the probe).
struct SameMatch(Arc<IscoMatch>);

impl SameMatch {
    fn fields(&self) -> (&str, &str, Option<u8>, Option<u64>, u64) {
        let m = &*self.0;
        let table = m.table.map(|t| t as u8);
        let similarity = m.similarity.map(f64::to_bits);
        (
            &m.reference,
            &m.via,
            table,
            similarity,
            m.confidence.to_bits(),
        )
    }
}

impl PartialEq for SameMatch {
    fn eq(&self, other: &SameMatch) -> bool {
        self.fields() == other.fields()
    }
}

impl Eq for SameMatch {}

impl std::hash::Hash for SameMatch {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.fields().hash(state);
    }
}

impl SharedFound {
    fn share(&mut self, mut found: Found) -> Found {
        if let Some(code) = &found.isco {
            found.isco = Some(self.codes.name(code));
        }
        if let Some(m) = found.matched.take() {
            let at = Arc::as_ptr(&m) as usize;
            if let Some((_, kept)) = self.by_address.get(&at) {
                found.matched = Some(kept.clone());
                return found;
            }
            // Held elsewhere too (by the memo): it may come again.
            let met = (Arc::strong_count(&m) > 1).then(|| m.clone());
            let m = SameMatch(m);
            let kept = match self.matches.get(&m) {
                Some(kept) => kept.0.clone(),
                None => {
                    let kept = m.0.clone();
                    self.matches.insert(m);
                    kept
                }
            };
            if let Some(met) = met {
                self.by_address.insert(at, (met, kept.clone()));
            }
            found.matched = Some(kept);
        }
        found
    }
}

/// The titles resolved that were not handed out (`ahead::Decisions` has those): what each job
/// title's decision gives a job, and whether a grade beside the job may place it.
type ByTitle = FastMap<TitleKey, (Found, bool)>;

/// A job title as a key, by its name's address ([`Name::address`]): a roster's job names are
/// interned, so a title is looked up, and the table grown, without hashing or comparing its
/// text (a roster of 117,000 distinct titles hashed each several times, rehashed them as the
/// table grew, and compared them on each hit). The name is kept, so that its address stands
/// for no other text while the key lives. Jobs not read from a roster may give one text under
/// two names: the title is then resolved twice, alike.
struct TitleKey {
    at: usize,
    // Held for its address.
    #[allow(dead_code)]
    name: Name,
}

impl TitleKey {
    fn new(name: Name) -> TitleKey {
        TitleKey {
            at: name.address(),
            name,
        }
    }
}

impl PartialEq for TitleKey {
    fn eq(&self, other: &TitleKey) -> bool {
        self.at == other.at
    }
}

impl Eq for TitleKey {}

impl std::hash::Hash for TitleKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // As the `usize` it is looked up by hashes.
        self.at.hash(state);
    }
}

impl std::borrow::Borrow<usize> for TitleKey {
    fn borrow(&self) -> &usize {
        &self.at
    }
}

/// Resolves `titles` (distinct, none in `by_title`) into `by_title`, on every core when they
/// are many.
fn resolve_into(
    by_title: &mut ByTitle,
    shared: &mut SharedFound,
    titles: Vec<Name>,
    isco_map: Option<&IscoMap>,
) {
    let found = decide(shared, &titles, isco_map);
    // All the room at once: extending a map that holds some reserves for half the new ones.
    by_title.reserve(titles.len());
    by_title.extend(titles.into_iter().map(TitleKey::new).zip(found));
}

/// The decision on each of `titles`, in order, on every core when they are many.
fn decide(
    shared: &mut SharedFound,
    titles: &[Name],
    isco_map: Option<&IscoMap>,
) -> Vec<(Found, bool)> {
    let mut found: Vec<(Found, bool)> = if titles.len() < 64 {
        titles.iter().map(|t| of_title(t, isco_map)).collect()
    } else {
        crate::parallel::map_each(titles, |t| of_title(t, isco_map))
    };
    for (f, _) in &mut found {
        *f = shared.share(std::mem::take(f));
    }
    found
}

/// The occupation of a job title without an `isco` column: the user's `--isco-map`, else the
/// title itself (a grade or a métier); and whether a grade beside the job may place it.
fn of_title(title: &str, isco_map: Option<&IscoMap>) -> (Found, bool) {
    if let Some((map, row)) = isco_map.and_then(|m| m.get(title).map(|row| (m, row))) {
        let found = match &row.isco {
            Some(code) => Found {
                isco: Some(code.as_str().into()),
                source: Some(IscoSource::IscoMap),
                matched: Some(Arc::new(IscoMatch {
                    reference: row.title.clone(),
                    table: None,
                    similarity: None,
                    confidence: 1.0,
                    via: format!("{}:{}", map.source, row.line),
                })),
                ..Found::default()
            },
            None => Found {
                missing: Some(Box::new((Unmapped::IscoMap, None))),
                ..Found::default()
            },
        };
        return (found, false);
    }
    let t = match occupation::resolve(title) {
        Resolved::Grade(m) => return (by_grade(&m), false),
        Resolved::Title(t) => t,
    };
    // Titles the crosswalk decides alike share its decision (`Crosswalk::match_shared`): what
    // a job reads of it is made once per decision and thread, not once per title (the
    // reference and its source copied, the code interned). The decision is kept with it, so
    // that its address names no other while it is here.
    type Kept = (Rc<TitleMatch>, Found, bool);
    thread_local! {
        static BY_DECISION: RefCell<FastMap<usize, Kept>> = RefCell::default();
    }
    let shared = Rc::strong_count(&t) > 1;
    let at = Rc::as_ptr(&t) as usize;
    if shared {
        let kept = BY_DECISION.with_borrow(|by| by.get(&at).map(|(_, f, u)| (f.clone(), *u)));
        if let Some(kept) = kept {
            return kept;
        }
    }
    let found = found_of(&t);
    if shared {
        BY_DECISION.with_borrow_mut(|by| {
            if by.len() >= 1024 {
                by.clear();
            }
            by.insert(at, (t.clone(), found.0.clone(), found.1));
        });
    }
    found
}

/// What a job reads of the crosswalk's decision on its title.
fn found_of(t: &TitleMatch) -> (Found, bool) {
    match t {
        TitleMatch::Mapped(c) => (
            Found {
                isco: Some(c.isco08.as_str().into()),
                source: Some(IscoSource::Title),
                matched: Some(Arc::new(IscoMatch::of(c))),
                ..Found::default()
            },
            false,
        ),
        TitleMatch::Unmapped { reason, best } => (
            Found {
                missing: Some(Box::new((
                    *reason,
                    best.as_ref().map(|b| BestCandidate {
                        reference: b.reference.clone(),
                        isco08: b.isco08.clone(),
                        similarity: (b.similarity * 10_000.0).round() / 10_000.0,
                        confidence: (b.confidence * 10_000.0).round() / 10_000.0,
                    }),
                ))),
                ..Found::default()
            },
            true,
        ),
    }
}

/// A job's occupation found from its grade.
fn by_grade(m: &GradeMatch) -> Found {
    Found {
        isco: Some(m.isco_label().into()),
        source: Some(IscoSource::Grade),
        matched: Some(Arc::new(occupation::grade_match(m))),
        mix: m.is_mix().then_some(m.cadre),
        missing: None,
    }
}

/// The grade columns among the attribute headers of the last table of attributes met: found
/// once per table, not once per job (a roster's jobs share their table).
#[derive(Default)]
struct GradeColumns {
    of_table: Option<crate::aggregate::Attributes>,
    grades: Vec<usize>,
}

impl GradeColumns {
    fn of(&mut self, attributes: &crate::aggregate::Attributes) -> &[usize] {
        if !(self.of_table.as_ref()).is_some_and(|t| t.shares_headers(attributes)) {
            self.grades = (attributes.headers().iter().enumerate())
                .filter(|(_, h)| crate::load::is_grade_header(h))
                .map(|(k, _)| k)
                .collect();
            self.of_table = Some(attributes.clone());
        }
        &self.grades
    }
}

/// The occupation of the grade in a grade column beside the job's métier, when it is one;
/// each grade recognised once (`known`), for the many jobs that have it.
fn grade_beside<'k>(
    job: &JobTasks,
    columns: &mut GradeColumns,
    known: &'k mut FastMap<String, Option<Found>>,
) -> Option<&'k Found> {
    let attributes = &job.attributes;
    let grade = (columns.of(attributes).iter())
        .map(|&k| attributes.value(k))
        .find(|value| !value.is_empty())?;
    if !known.contains_key(grade) {
        let found = Grades::builtin()
            .recognise(grade)
            .ok()
            .map(|m| by_grade(&m));
        known.insert(grade.to_string(), found);
    }
    known[grade].as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::group;
    use crate::aggregate::tests_support::job;

    fn finish_one(job: JobTasks) -> (JobExposure, Vec<UnmappedJob>) {
        let (mut jobs, unmapped) = finish(vec![job], None, Method::Wp140, None, &mut |_| {});
        (jobs.remove(0), unmapped)
    }

    /// What `check` keeps of a job is a fraction of it: 500,000 jobs are 52 MB, not 112.
    #[test]
    fn a_check_job_is_compact_and_has_a_mean_when_the_job_does() {
        assert!(std::mem::size_of::<CheckJob>() <= 104);
        for tasks in [&[(0.5, 1.0)][..], &[(0.5, 0.0)], &[]] {
            let (j, _) = finish_one(job(tasks));
            let c = CheckJob::of(&j);
            assert_eq!(c.unrounded_mean.is_some(), j.mean.is_some());
            assert_eq!((c.tasks, c.line, c.weights), (j.tasks, j.line, j.weights));
        }
    }

    #[test]
    fn groups_weight_means_by_headcount() {
        let mut a = job(&[(0.2, 1.0)]);
        a.headcount = 3.0;
        let b = job(&[(0.6, 1.0)]);
        let (jobs, _) = finish(vec![a, b], None, Method::Wp140, None, &mut |_| {});
        let [a, b] = [&jobs[0], &jobs[1]];
        let g = group("collectivity", Method::Wp140, &[a, b]);
        assert_eq!(g.agents, 5.0);
        assert_eq!(g.mean, Some(0.36)); // (3·0.2 + 2·0.6) / 5
        assert_eq!(g.agents_by_class["gradient_4"], 2.0);
        assert_eq!(g.agents_by_class["not_exposed"], 3.0);
        assert_eq!(g.agents_concerned, 2.0);
        assert_eq!(g.share_tasks_exposed, Some(0.5));
        assert_eq!(g.share_time_exposed, Some(0.4));
    }

    #[test]
    fn equal_weights_give_the_sample_sd() {
        let (j, _) = finish_one(job(&[(0.2, 1.0), (0.4, 1.0), (0.6, 1.0)]));
        assert_eq!(j.mean, Some(0.4));
        assert_eq!(j.sd, Some(0.2));
        assert_eq!(j.class, Some(crate::classify::Class::Gradient2));
        // Scaling every weight changes nothing.
        let (k, _) = finish_one(job(&[(0.2, 0.25), (0.4, 0.25), (0.6, 0.25)]));
        assert_eq!((k.mean, k.sd), (j.mean, j.sd));
    }

    /// A job scored from its own tasks keeps their figures; its occupation's stand beside.
    #[test]
    fn a_job_with_tasks_shows_its_own_figures() {
        let mut own = job(&[(0.3, 3.0), (0.7, 1.0)]);
        own.isco = Some("4110".into());
        let (j, unmapped) = finish_one(own);
        assert!(unmapped.is_empty());
        assert_eq!(j.scored_from, Some(ScoredFrom::Tasks));
        assert_eq!((j.mean, j.sd, j.tasks), (Some(0.4), Some(0.28), 2));
        assert_eq!(j.class, Some(Method::Wp140.classify(0.4, 0.28)));
        assert_eq!(j.share_time_exposed, Some(0.25));
        assert_eq!(j.isco_source, Some(IscoSource::Roster));
        let ilo = Ilo::get().figures("4110", Method::Wp140).unwrap();
        assert_eq!(j.classes_differ, Some(j.class != Some(ilo.class)));
        assert_eq!(j.ilo.map(|f| f.mean), Some(ilo.mean));
    }

    /// A job without tasks is scored from its occupation, with the ILO's figures, in one go.
    #[test]
    fn a_job_without_tasks_shows_its_occupations_figures() {
        let mut bare = job(&[]);
        bare.isco = Some("4110".into());
        let (j, unmapped) = finish_one(bare);
        assert!(unmapped.is_empty());
        let ilo = Ilo::get().figures("4110", Method::Wp140).unwrap();
        assert_eq!(j.scored_from, Some(ScoredFrom::Ilo));
        assert_eq!(
            (j.mean, j.sd, j.class),
            (Some(ilo.mean), Some(ilo.sd), Some(ilo.class))
        );
        assert_eq!(
            (j.tasks, j.tasks_scored, j.tasks_unscored),
            (ilo.tasks, ilo.tasks, 0)
        );
        assert_eq!(j.unrounded_mean, Some(ilo.unrounded_mean));
        assert_eq!(j.classes_differ, None);
    }

    /// A job without tasks whose code the ILO did not score is left out, and listed.
    #[test]
    fn a_job_without_tasks_or_scores_is_unmapped() {
        let mut bare = job(&[]);
        bare.isco = Some("0000".into());
        let (j, unmapped) = finish_one(bare);
        assert_eq!((j.scored_from, j.mean, j.class), (None, None, None));
        assert_eq!(unmapped.len(), 1);
        assert_eq!(unmapped[0].reason, Unmapped::NoIloScores);
    }
}
