//! Renderers turn an `Analysis` into bytes. Tables and Markdown share the same sections;
//! JSON and CSV carry every figure.

pub mod csv;
pub mod fit;
pub mod glossary;
pub mod html;
pub mod isco;
pub mod json;
pub mod markdown;
pub mod table;
pub mod xlsx;
pub mod years;

use crate::aggregate::{GroupExposure, rank};
use crate::analysis::Analysis;
use crate::cli::{Level, SortKey};
use crate::i18n::Lang;

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
        use crate::sanitize::{for_terminal, is_unsafe};
        let texts = std::iter::once(&self.title)
            .chain(&self.headers)
            .chain(self.rows.iter().flatten());
        if !texts.into_iter().any(|t| t.chars().any(is_unsafe)) {
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
pub fn headline(a: &Analysis, lang: Lang) -> Vec<String> {
    let s = &a.summary;
    let fr = lang == Lang::Fr;
    let mut lines = vec![if fr {
        format!(
            "{} agents, {} métiers, {} tâches ({} évaluées) ; méthode : {}.",
            lang.agents(s.agents),
            s.jobs,
            s.tasks,
            s.tasks_scored,
            lang.method(a.method)
        )
    } else {
        format!(
            "{} agents, {} jobs, {} tasks ({} scored); method: {}.",
            lang.agents(s.agents),
            s.jobs,
            s.tasks,
            s.tasks_scored,
            lang.method(a.method)
        )
    }];
    let (tasks, time) = (
        lang.percent(s.share_tasks_exposed),
        lang.percent(s.share_time_exposed),
    );
    lines.push(if fr {
        format!("{tasks} des tâches exposées (score ≥ 0,50) ; {time} du temps de travail exposé.")
    } else {
        format!("{tasks} of tasks exposed (score ≥ 0.50); {time} of working time exposed.")
    });
    let (c, cs) = (
        lang.agents(s.agents_concerned),
        lang.percent(s.share_agents_concerned),
    );
    let (e, es) = (
        lang.agents(s.agents_exposed),
        lang.percent(s.share_agents_exposed),
    );
    lines.push(if fr {
        format!(
            "{c} agents concernés ({cs} des agents classés) ; {e} dans des métiers exposés ({es})."
        )
    } else {
        format!("{c} agents concerned ({cs} of classified agents); {e} in exposed jobs ({es}).")
    });
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
    let mut by_mean = a.directions.clone();
    by_mean.sort_by(|x, y| rank(x.mean, y.mean).then_with(|| x.direction.cmp(&y.direction)));
    if !by_mean.is_empty() {
        let list = top(&by_mean, |g| g.direction.clone().unwrap_or_default());
        lines.push(if fr {
            format!("Directions les plus exposées : {list}.")
        } else {
            format!("Most exposed directions: {list}.")
        });
    }
    let mut jobs: Vec<&crate::aggregate::JobExposure> =
        a.jobs.iter().filter(|j| j.mean.is_some()).collect();
    jobs.sort_by(|x, y| rank(x.unrounded_mean, y.unrounded_mean).then_with(|| x.job.cmp(&y.job)));
    let jobs: Vec<String> = jobs
        .iter()
        .take(3)
        .map(|j| format!("{} ({})", j.job, lang.decimal(j.mean)))
        .collect();
    if !jobs.is_empty() {
        let list = jobs.join(", ");
        lines.push(if fr {
            format!("Métiers les plus exposés : {list}.")
        } else {
            format!("Most exposed jobs: {list}.")
        });
    }
    let from_ilo = a
        .jobs
        .iter()
        .filter(|j| j.scored_from == Some(crate::isco::ScoredFrom::Ilo))
        .count();
    if from_ilo > 0 || !a.unmapped.is_empty() {
        let unmapped = a.unmapped.len();
        lines.push(if fr {
            format!(
                "{from_ilo} métier(s) sans tâches évalué(s) d'après les tâches OIT de leur profession CITP-08 ; {unmapped} sans correspondance."
            )
        } else {
            format!(
                "{from_ilo} job(s) without tasks scored from the ILO tasks of their ISCO-08 occupation; {unmapped} left unmapped."
            )
        });
    }
    if s.jobs_unscored > 0 || !a.unscored.is_empty() {
        let (t, j) = (a.unscored.len(), s.jobs_unscored);
        lines.push(if fr {
            format!("Non évalués : {t} tâche(s), {j} métier(s) exclus des chiffres.")
        } else {
            format!("Not scored: {t} task(s), {j} job(s) left out of the figures.")
        });
    }
    lines
}

/// Orders every list (groups and jobs) by the chosen key and keeps the first `top`. The whole
/// authority's figures are computed before, so they never change with the view.
pub fn arrange(a: &mut Analysis, sort: SortKey, top: Option<usize>) {
    let group_key =
        |g: &GroupExposure| (g.direction.clone(), g.department.clone(), g.value.clone());
    let order = |x: &GroupExposure, y: &GroupExposure| {
        match sort {
            SortKey::Mean => rank(x.mean, y.mean),
            SortKey::Agents => y.agents.total_cmp(&x.agents),
            SortKey::Concerned => y.agents_concerned.total_cmp(&x.agents_concerned),
            SortKey::Name => std::cmp::Ordering::Equal,
        }
        .then_with(|| group_key(x).cmp(&group_key(y)))
    };
    let mut lists: Vec<&mut Vec<GroupExposure>> = vec![&mut a.directions, &mut a.departments];
    lists.extend(a.by.iter_mut().map(|b| &mut b.groups));
    for list in lists {
        list.sort_by(order);
        if let Some(n) = top {
            list.truncate(n);
        }
    }
    let job_key = |j: &crate::aggregate::JobExposure| {
        (j.direction.clone(), j.department.clone(), j.job.clone())
    };
    a.jobs.sort_by(|x, y| {
        match sort {
            SortKey::Mean => rank(x.unrounded_mean, y.unrounded_mean),
            SortKey::Agents => y.headcount.total_cmp(&x.headcount),
            SortKey::Concerned => {
                let c = |j: &crate::aggregate::JobExposure| {
                    if j.class.is_some_and(|c| c.concerned()) {
                        j.headcount
                    } else {
                        0.0
                    }
                };
                c(y).total_cmp(&c(x))
            }
            SortKey::Name => std::cmp::Ordering::Equal,
        }
        .then_with(|| job_key(x).cmp(&job_key(y)))
    });
    if let Some(n) = top {
        a.jobs.truncate(n);
    }
}

/// The women/men value of a sex group, in the reader's language.
fn sex_value(lang: Lang) -> fn(&GroupExposure) -> String {
    match lang {
        Lang::En => |g| g.value.clone().unwrap_or_default(),
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

/// The direction and department columns of a job table, for the levels the roster has:
/// (English header, numeric).
pub fn where_columns(a: &Analysis) -> Vec<(&'static str, bool)> {
    let mut columns = Vec::new();
    if a.has_direction {
        columns.push(("Direction", false));
    }
    if a.has_department {
        columns.push(("Department", false));
    }
    columns
}

/// The cells under [`where_columns`] for one job.
pub fn where_cells(a: &Analysis, j: &crate::aggregate::JobExposure) -> Vec<String> {
    let mut cells = Vec::new();
    if a.has_direction {
        cells.push(j.direction.clone());
    }
    if a.has_department {
        cells.push(j.department.clone());
    }
    cells
}

/// A leading text column of a group table: header and how to read it from a group.
type Lead<'a> = (&'a str, fn(&GroupExposure) -> String);

fn group_section(lang: Lang, title: &str, lead: &[Lead], groups: &[GroupExposure]) -> Section {
    let mut headers: Vec<String> = lead.iter().map(|(h, _)| h.to_string()).collect();
    let mut numeric = vec![false; lead.len()];
    for h in [
        "Agents",
        "Jobs",
        "Mean",
        "Tasks exposed",
        "Time exposed",
        "Agents concerned",
        "Agents exposed",
    ] {
        headers.push(lang.t(h).into());
        numeric.push(true);
    }
    let rows = groups
        .iter()
        .map(|g| {
            let mut row: Vec<String> = lead.iter().map(|(_, f)| f(g)).collect();
            row.extend([
                lang.agents(g.agents),
                g.jobs.to_string(),
                lang.decimal(g.mean),
                lang.percent(g.share_tasks_exposed),
                lang.percent(g.share_time_exposed),
                format!(
                    "{} ({})",
                    lang.agents(g.agents_concerned),
                    lang.percent(g.share_agents_concerned)
                ),
                format!(
                    "{} ({})",
                    lang.agents(g.agents_exposed),
                    lang.percent(g.share_agents_exposed)
                ),
            ]);
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
pub fn sections(a: &Analysis, levels: &[Level], lang: Lang) -> Vec<Section> {
    let mut out = Vec::new();
    let dir = |g: &GroupExposure| g.direction.clone().unwrap_or_default();
    let dep = |g: &GroupExposure| g.department.clone().unwrap_or_default();
    let val = |g: &GroupExposure| g.value.clone().unwrap_or_default();
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
            lang.t("Directions"),
            &[(lang.t("Direction"), dir)],
            &a.directions,
        ));
    }
    if levels.contains(&Level::Department) && !a.departments.is_empty() {
        let lead: &[Lead] = if a.has_direction {
            &[(lang.t("Direction"), dir), (lang.t("Department"), dep)]
        } else {
            &[(lang.t("Department"), dep)]
        };
        out.push(group_section(
            lang,
            lang.t("Departments"),
            lead,
            &a.departments,
        ));
    }
    for by in &a.by {
        let sex = by.column == "sex";
        let column = if sex {
            lang.t("Sex")
        } else {
            by.column.as_str()
        };
        let title = format!("{} {column}", lang.t("By"));
        let lead: [Lead; 1] = [(column, if sex { sex_value(lang) } else { val })];
        out.push(group_section(lang, &title, &lead, &by.groups));
    }
    if levels.contains(&Level::Job) {
        let mut columns = where_columns(a);
        columns.extend([
            ("Job", false),
            ("ISCO", false),
            ("Agents", true),
            ("Tasks", true),
            ("Mean", true),
            ("SD", true),
            ("Class", false),
            ("Tasks exposed", true),
        ]);
        // Jobs scored from their own tasks that also have an occupation: the ILO's figure beside.
        let side_by_side = a.jobs.iter().any(|j| j.classes_differ.is_some());
        if side_by_side {
            columns.push(("ILO occupation (≠: other class)", true));
        }
        let rows = crate::parallel::map(a.jobs.iter().collect(), |j| {
            let mut row = where_cells(a, j);
            let from_ilo = j.scored_from == Some(crate::isco::ScoredFrom::Ilo);
            row.extend([
                j.job.clone(),
                j.isco.clone().unwrap_or_else(|| "–".into()),
                lang.agents(j.headcount),
                if from_ilo {
                    format!("{} ILO", j.tasks)
                } else {
                    j.tasks.to_string()
                },
                lang.decimal(j.mean),
                lang.decimal(j.sd),
                j.class
                    .map(|c| lang.class(c))
                    .unwrap_or(lang.t("Unscored"))
                    .to_string(),
                format!("{}/{}", j.tasks_exposed, j.tasks_scored),
            ]);
            if side_by_side {
                row.push(match (&j.ilo, j.classes_differ) {
                    (Some(f), Some(differ)) => {
                        format!(
                            "{}{}",
                            lang.decimal(Some(f.mean)),
                            if differ { " ≠" } else { "" }
                        )
                    }
                    _ => "–".into(),
                });
            }
            row
        });
        out.push(Section {
            title: lang.t("Jobs").into(),
            headers: columns.iter().map(|(h, _)| lang.t(h).to_string()).collect(),
            numeric: columns.iter().map(|(_, n)| *n).collect(),
            rows,
        });
        out.extend(isco::mapping_section(a, lang));
    }
    if let (true, Some(tasks)) = (levels.contains(&Level::Task), &a.tasks) {
        let rows = tasks
            .iter()
            .map(|t| {
                vec![
                    t.job.to_string(),
                    t.task.to_string(),
                    lang.decimal(t.score),
                    t.band
                        .map(|b| lang.t(b.label()).to_string())
                        .unwrap_or_else(|| "–".into()),
                    serde_json::to_value(t.source)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default(),
                    t.rule.unwrap_or("–").to_string(),
                ]
            })
            .collect();
        out.push(Section {
            title: lang.t("Tasks").into(),
            headers: ["Job", "Task", "Score", "Band", "Source", "Rule"]
                .map(|h| lang.t(h).to_string())
                .to_vec(),
            numeric: vec![false, false, true, false, false, false],
            rows,
        });
    }
    out
}
