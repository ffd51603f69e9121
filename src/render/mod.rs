//! Renderers turn an `Analysis` into bytes. Tables and Markdown share the same sections;
//! JSON and CSV carry every figure.

pub mod csv;
pub mod isco;
pub mod json;
pub mod markdown;
pub mod table;

use crate::aggregate::GroupExposure;
use crate::analysis::Analysis;
use crate::classify::{Class, Method};
use crate::cli::Level;

/// A titled table of text cells, shared by the terminal and Markdown renderers.
pub struct Section {
    pub title: String,
    pub headers: Vec<String>,
    /// Which columns hold numbers (aligned right).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

pub fn method_title(method: Method) -> &'static str {
    match method {
        Method::Wp140 => "ILO WP140 (2025) gradients",
        Method::Wp96 => "ILO WP96 (2023) categories",
    }
}

pub fn percent(share: Option<f64>) -> String {
    match share {
        Some(s) => format!("{:.1} %", s * 100.0),
        None => "–".into(),
    }
}

pub fn decimal(value: Option<f64>) -> String {
    match value {
        Some(v) => format!("{v:.2}"),
        None => "–".into(),
    }
}

/// Agents: whole numbers as integers, FTE with one decimal.
pub fn agents(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

pub fn class_label(class: Option<Class>) -> String {
    class
        .map(|c| c.label().to_string())
        .unwrap_or_else(|| "unscored".into())
}

/// The lines a director reads first.
pub fn headline(a: &Analysis) -> Vec<String> {
    let s = &a.summary;
    let mut lines = vec![format!(
        "{} agents, {} jobs, {} tasks ({} scored); method: {}.",
        agents(s.agents),
        s.jobs,
        s.tasks,
        s.tasks_scored,
        method_title(a.method)
    )];
    lines.push(format!(
        "{} of tasks exposed (score ≥ 0.50); {} of working time exposed.",
        percent(s.share_tasks_exposed),
        percent(s.share_time_exposed)
    ));
    lines.push(format!(
        "{} agents concerned ({} of classified agents); {} in exposed jobs ({}).",
        agents(s.agents_concerned),
        percent(s.share_agents_concerned),
        agents(s.agents_exposed),
        percent(s.share_agents_exposed)
    ));
    let top = |groups: &[GroupExposure], name: fn(&GroupExposure) -> String| {
        groups
            .iter()
            .filter(|g| g.mean.is_some())
            .take(3)
            .map(|g| format!("{} ({})", name(g), decimal(g.mean)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !a.directions.is_empty() {
        lines.push(format!(
            "Most exposed directions: {}.",
            top(&a.directions, |g| g.direction.clone().unwrap_or_default())
        ));
    }
    let jobs: Vec<String> = a
        .jobs
        .iter()
        .filter(|j| j.mean.is_some())
        .take(3)
        .map(|j| format!("{} ({})", j.job, decimal(j.mean)))
        .collect();
    if !jobs.is_empty() {
        lines.push(format!("Most exposed jobs: {}.", jobs.join(", ")));
    }
    let from_ilo = a
        .jobs
        .iter()
        .filter(|j| j.scored_from == Some(crate::isco::ScoredFrom::Ilo))
        .count();
    if from_ilo > 0 || !a.unmapped.is_empty() {
        lines.push(format!(
            "{from_ilo} job(s) without tasks scored from the ILO tasks of their ISCO-08 occupation; {} left unmapped.",
            a.unmapped.len()
        ));
    }
    if s.jobs_unscored > 0 || !a.unscored.is_empty() {
        lines.push(format!(
            "Not scored: {} task(s), {} job(s) left out of the figures.",
            a.unscored.len(),
            s.jobs_unscored
        ));
    }
    lines
}

/// A leading text column of a group table: header and how to read it from a group.
type Lead<'a> = (&'a str, fn(&GroupExposure) -> String);

fn group_section(title: &str, lead: &[Lead], groups: &[GroupExposure]) -> Section {
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
        headers.push(h.into());
        numeric.push(true);
    }
    let rows = groups
        .iter()
        .map(|g| {
            let mut row: Vec<String> = lead.iter().map(|(_, f)| f(g)).collect();
            row.extend([
                agents(g.agents),
                g.jobs.to_string(),
                decimal(g.mean),
                percent(g.share_tasks_exposed),
                percent(g.share_time_exposed),
                format!(
                    "{} ({})",
                    agents(g.agents_concerned),
                    percent(g.share_agents_concerned)
                ),
                format!(
                    "{} ({})",
                    agents(g.agents_exposed),
                    percent(g.share_agents_exposed)
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
pub fn sections(a: &Analysis, levels: &[Level]) -> Vec<Section> {
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
                    c.label().to_string(),
                    agents(n),
                    percent((classified > 0.0).then(|| n / classified)),
                ]
            })
            .collect();
        out.push(Section {
            title: format!("Agents per class ({})", method_title(a.method)),
            headers: ["Class", "Agents", "Share"].map(String::from).to_vec(),
            numeric: vec![false, true, true],
            rows,
        });
    }
    if levels.contains(&Level::Direction) && !a.directions.is_empty() {
        out.push(group_section(
            "Directions",
            &[("Direction", dir)],
            &a.directions,
        ));
    }
    if levels.contains(&Level::Department) && !a.departments.is_empty() {
        let lead: &[Lead] = if a.has_direction {
            &[("Direction", dir), ("Department", dep)]
        } else {
            &[("Department", dep)]
        };
        out.push(group_section("Departments", lead, &a.departments));
    }
    for by in &a.by {
        let title = format!("By {}", by.column);
        let lead: [Lead; 1] = [(by.column.as_str(), val)];
        out.push(group_section(&title, &lead, &by.groups));
    }
    if levels.contains(&Level::Job) {
        let mut columns: Vec<(&str, bool)> = Vec::new();
        if a.has_direction {
            columns.push(("Direction", false));
        }
        if a.has_department {
            columns.push(("Department", false));
        }
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
        let rows = a
            .jobs
            .iter()
            .map(|j| {
                let mut row = Vec::new();
                if a.has_direction {
                    row.push(j.direction.clone());
                }
                if a.has_department {
                    row.push(j.department.clone());
                }
                let from_ilo = j.scored_from == Some(crate::isco::ScoredFrom::Ilo);
                row.extend([
                    j.job.clone(),
                    j.isco.clone().unwrap_or_else(|| "–".into()),
                    agents(j.headcount),
                    if from_ilo {
                        format!("{} ILO", j.tasks)
                    } else {
                        j.tasks.to_string()
                    },
                    decimal(j.mean),
                    decimal(j.sd),
                    class_label(j.class),
                    format!("{}/{}", j.tasks_exposed, j.tasks_scored),
                ]);
                if side_by_side {
                    row.push(match (&j.ilo, j.classes_differ) {
                        (Some(f), Some(differ)) => {
                            format!("{:.2}{}", f.mean, if differ { " ≠" } else { "" })
                        }
                        _ => "–".into(),
                    });
                }
                row
            })
            .collect();
        out.push(Section {
            title: "Jobs".into(),
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            numeric: columns.iter().map(|(_, n)| *n).collect(),
            rows,
        });
        out.extend(isco::mapping_section(a));
    }
    if let (true, Some(tasks)) = (levels.contains(&Level::Task), &a.tasks) {
        let rows = tasks
            .iter()
            .map(|t| {
                vec![
                    t.job.clone(),
                    t.task.clone(),
                    decimal(t.score),
                    t.band
                        .map(|b| b.key().to_string())
                        .unwrap_or_else(|| "–".into()),
                    serde_json::to_value(t.source)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default(),
                    t.rule.clone().unwrap_or_else(|| "–".into()),
                ]
            })
            .collect();
        out.push(Section {
            title: "Tasks".into(),
            headers: ["Job", "Task", "Score", "Band", "Source", "Rule"]
                .map(String::from)
                .to_vec(),
            numeric: vec![false, false, true, false, false, false],
            rows,
        });
    }
    out
}
