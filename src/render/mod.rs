//! Renderers turn a `View` of an `Analysis` into bytes. Tables and Markdown share the same sections;
//! JSON and CSV carry every figure.

pub mod check;
pub mod csv;
pub mod explain;
pub mod figures;
pub mod fit;
pub mod glossary;
pub mod grade;
pub mod html;
pub mod isco;
pub mod jobs;
pub mod json;
mod json_direct;
pub mod markdown;
pub mod occupation;
mod plain_table;
pub mod rubric;
pub mod table;
pub mod tasks;
pub mod view;
pub mod xlsx;
pub mod years;

use crate::aggregate::{GroupExposure, rank};
use crate::analysis::Analysis;
use crate::cli::Level;
use crate::i18n::Lang;
pub use view::View;

/// The formats of the listing commands (`jobs`, `tasks`, `rubric`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

/// A titled table of text cells, shared by the terminal and Markdown renderers.
pub struct Section {
    pub title: String,
    pub headers: Vec<String>,
    /// Which columns hold numbers (aligned right).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

/// The title of the report: what it measures, and for a budget document, whose and which.
pub fn title(a: &Analysis, lang: Lang) -> String {
    titled(a, lang.t("Exposure to generative AI"))
}

/// The rubric's name for a person: the built-in one said in words, a user's by its file.
pub fn rubric_name(source: &str, lang: Lang) -> &str {
    if source == crate::rubric::BUILTIN_NAME {
        lang.t(crate::rubric::BUILTIN_NAME)
    } else {
        source
    }
}

/// `what`, followed for a budget document by whose it is and which.
pub fn titled(a: &Analysis, what: &str) -> String {
    match &a.document {
        Some(d) => format!("{what} — {}", d.title()),
        None => what.to_string(),
    }
}

impl Section {
    /// The section with its text made safe for a terminal or a log (`crate::sanitize`), or
    /// `None` when it already is.
    pub fn sanitized(&self) -> Option<Section> {
        use crate::sanitize::{for_terminal, has_unsafe};
        let texts = std::iter::once(&self.title)
            .chain(&self.headers)
            .chain(self.rows.iter().flatten());
        if !texts.into_iter().any(|t| has_unsafe(t)) {
            return None;
        }
        let clean = |t: &String| for_terminal(t).into_owned();
        Some(Section {
            title: clean(&self.title),
            headers: self.headers.iter().map(clean).collect(),
            numeric: self.numeric.clone(),
            rows: self
                .rows
                .iter()
                .map(|r| r.iter().map(clean).collect())
                .collect(),
        })
    }
}

/// The lines a director reads first.
pub fn headline(a: &View, lang: Lang) -> Vec<String> {
    let s = &a.summary;
    let n = |x: u64| lang.count(x);
    let mut lines = vec![lang.fill(
        "{agents} {agents|agent|agents}, {jobs} {jobs|job|jobs}, {tasks} {tasks|task|tasks} ({scored} scored); method: {method}.",
        &[
            ("agents", lang.agents(s.agents)),
            ("jobs", n(s.jobs)),
            ("tasks", n(s.tasks)),
            ("scored", n(s.tasks_scored)),
            ("method", lang.method(a.method).into()),
        ],
    )];
    lines.push(lang.fill(
        "{tasks} of tasks exposed (score ≥ {threshold}); {time} of working time exposed.",
        &[
            ("tasks", lang.percent(s.share_tasks_exposed)),
            ("threshold", lang.decimal(Some(0.5))),
            ("time", lang.percent(s.share_time_exposed)),
        ],
    ));
    lines.push(lang.fill(
        "{concerned} {concerned|agent|agents} concerned ({cs} of classified agents); {exposed} in exposed jobs ({es}).",
        &[
            ("concerned", lang.agents(s.agents_concerned)),
            ("cs", lang.percent(s.share_agents_concerned)),
            ("exposed", lang.agents(s.agents_exposed)),
            ("es", lang.percent(s.share_agents_exposed)),
        ],
    ));
    lines.push(glossary::study_line(a, lang));
    let top = |groups: &[GroupExposure], name: fn(&GroupExposure) -> String| {
        groups
            .iter()
            .filter(|g| g.mean.is_some())
            .take(3)
            .map(|g| format!("{} ({})", name(g), lang.decimal(g.mean)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut by_mean: Vec<GroupExposure> = a.directions.iter().map(|g| (*g).clone()).collect();
    by_mean.sort_by(|x, y| rank(x.mean, y.mean).then_with(|| x.direction.cmp(&y.direction)));
    if !by_mean.is_empty() {
        let list = top(&by_mean, |g| {
            g.direction.as_deref().unwrap_or_default().to_string()
        });
        lines.push(lang.fill_about(
            "Most exposed {directions}: {list}.",
            a.grouping,
            &[("list", list)],
        ));
    }
    // The first three titles of a stable sort, without sorting every job. A title held by
    // jobs of several groups (a grade in each filière of a budget annex) is one métier: it is
    // named once, at its best job's rank.
    let order = |x: &&crate::aggregate::JobExposure, y: &&crate::aggregate::JobExposure| {
        rank(x.unrounded_mean, y.unrounded_mean).then_with(|| x.job.cmp(&y.job))
    };
    let mut jobs: Vec<&crate::aggregate::JobExposure> = Vec::with_capacity(4);
    for j in a.jobs.iter().copied().filter(|j| j.mean.is_some()) {
        // Most jobs come after the third kept: one comparison, not a search.
        if jobs.len() == 3 && order(&jobs[2], &j).is_le() {
            continue;
        }
        if let Some(same) = jobs.iter().position(|t| t.job == j.job) {
            if order(&jobs[same], &j).is_le() {
                continue;
            }
            jobs.remove(same);
        }
        let at = jobs.partition_point(|t| order(t, &j).is_le());
        if at < 3 {
            jobs.insert(at, j);
            jobs.truncate(3);
        }
    }
    let jobs: Vec<String> = jobs
        .iter()
        .take(3)
        .map(|j| format!("{} ({})", j.job, lang.decimal(j.mean)))
        .collect();
    if !jobs.is_empty() {
        let list = jobs.join(", ");
        lines.push(lang.fill("Most exposed jobs: {list}.", &[("list", list)]));
    }
    let from_ilo = a
        .jobs
        .iter()
        .filter(|j| j.scored_from == Some(crate::isco::ScoredFrom::Ilo))
        .count();
    if from_ilo > 0 || !a.unmapped.is_empty() {
        lines.push(lang.fill(
            "{ilo} {ilo|job|jobs} without tasks scored from the ILO tasks of their ISCO-08 occupation; {unmapped} left unmapped.",
            &[
                ("ilo", n(from_ilo as u64)),
                ("unmapped", n(a.unmapped.len() as u64)),
            ],
        ));
    }
    if s.jobs_unscored > 0 || !a.unscored.is_empty() {
        lines.push(lang.fill(
            "Not scored: {tasks} {tasks|task|tasks}, {jobs} {jobs|job|jobs} left out of the figures.",
            &[
                ("tasks", n(a.unscored.len() as u64)),
                ("jobs", n(s.jobs_unscored)),
            ],
        ));
    }
    lines
}

/// The women/men value of a sex group, in the reader's language.
fn sex_value(lang: Lang) -> fn(&GroupExposure) -> String {
    match lang {
        Lang::En => |g| g.value.as_deref().unwrap_or_default().to_string(),
        Lang::Fr => |g| {
            Lang::Fr
                .t(if g.value.as_deref() == Some("Women") {
                    "Women"
                } else {
                    "Men"
                })
                .to_string()
        },
    }
}

/// A leading text column of a group table: header and how to read it from a group.
type Lead<'a> = (&'a str, fn(&GroupExposure) -> String);

fn group_section(lang: Lang, title: &str, lead: &[Lead], groups: &[&GroupExposure]) -> Section {
    let columns = figures::group();
    let mut headers: Vec<String> = lead.iter().map(|(h, _)| h.to_string()).collect();
    let mut numeric = vec![false; lead.len()];
    for c in figures::shown(&columns) {
        headers.push(lang.t(c.short).to_string());
        numeric.push(c.kind.numeric());
    }
    let rows = groups
        .iter()
        .map(|g| {
            let mut row: Vec<String> = lead.iter().map(|(_, f)| f(g)).collect();
            row.extend(figures::table_cells(&columns, &[], *g, lang));
            row
        })
        .collect();
    Section {
        title: title.into(),
        headers,
        numeric,
        rows,
    }
}

/// The sections shown for the chosen levels, in reading order.
pub fn sections(a: &View, lang: Lang) -> Vec<Section> {
    let levels = &a.levels;
    let (direction, department) = (a.grouping.direction, a.grouping.department);
    let mut out = Vec::new();
    let dir = |g: &GroupExposure| g.direction.as_deref().unwrap_or_default().to_string();
    let dep = |g: &GroupExposure| g.department.as_deref().unwrap_or_default().to_string();
    let val = |g: &GroupExposure| g.value.as_deref().unwrap_or_default().to_string();
    if levels.contains(&Level::Summary) {
        let classified = a.summary.agents_classified;
        let rows = a
            .method
            .classes()
            .iter()
            .map(|c| {
                let n = a.summary.agents_by_class[c.key()];
                vec![
                    lang.class(*c).to_string(),
                    lang.agents(n),
                    lang.percent((classified > 0.0).then(|| n / classified)),
                ]
            })
            .collect();
        out.push(Section {
            title: format!("{} ({})", lang.t("Agents per class"), lang.method(a.method)),
            headers: ["Class", "Agents", "Share"]
                .map(|h| lang.t(h).to_string())
                .to_vec(),
            numeric: vec![false, true, true],
            rows,
        });
    }
    if levels.contains(&Level::Direction) && !a.directions.is_empty() {
        out.push(group_section(
            lang,
            direction.heading(lang, true),
            &[(direction.heading(lang, false), dir)],
            &a.directions,
        ));
    }
    if levels.contains(&Level::Department) && !a.departments.is_empty() {
        let lead: &[Lead] = if a.has_direction {
            &[
                (direction.heading(lang, false), dir),
                (department.heading(lang, false), dep),
            ]
        } else {
            &[(department.heading(lang, false), dep)]
        };
        out.push(group_section(
            lang,
            department.heading(lang, true),
            lead,
            &a.departments,
        ));
    }
    for by in &a.by {
        let sex = by.column == "sex";
        let column = if sex { lang.t("Sex") } else { by.column };
        let title = format!("{} {column}", lang.t("By"));
        let lead: [Lead; 1] = [(column, if sex { sex_value(lang) } else { val })];
        out.push(group_section(lang, &title, &lead, &by.groups));
    }
    if levels.contains(&Level::Job) {
        let columns = figures::job();
        let mut leads = Vec::new();
        if a.has_direction {
            leads.push("direction");
        }
        if a.has_department {
            leads.push("department");
        }
        // Jobs scored from their own tasks that also have an occupation: the ILO's figure beside.
        let side_by_side = a.jobs.iter().any(|j| j.classes_differ.is_some());
        let columns: Vec<_> = columns
            .into_iter()
            .filter(|c| side_by_side || c.key != "classes_differ")
            .collect();
        let (headers, numeric) = figures::table_headers(&columns, &leads, a.grouping, lang)
            .into_iter()
            .unzip();
        let rows = crate::parallel::map(a.jobs.clone(), |j| {
            figures::table_cells(&columns, &leads, j, lang)
        });
        out.push(Section {
            title: lang.t("Jobs").into(),
            headers,
            numeric,
            rows,
        });
        out.extend(isco::mapping_section(a, lang));
    }
    if let (true, Some(tasks)) = (levels.contains(&Level::Task), &a.tasks) {
        let columns = figures::task();
        let (headers, numeric) = figures::table_headers(&columns, &[], a.grouping, lang)
            .into_iter()
            .unzip();
        let rows = tasks
            .iter()
            .map(|t| figures::table_cells(&columns, &[], &t, lang))
            .collect();
        out.push(Section {
            title: lang.t("Tasks").into(),
            headers,
            numeric,
            rows,
        });
    }
    out
}
