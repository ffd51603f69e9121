//! Annex 2 of the Lyon study: the tasks with the highest potential, grouped by theme, with the
//! jobs that do them and the agents concerned.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::aggregate::rank;
use crate::analysis::Analysis;
use crate::classify::Band;
use crate::i18n::Lang;
use crate::ilo::task_in;
use crate::normalize::normalize;

/// Tasks without a rubric theme (expert scores) are gathered under this name.
pub const NO_THEME: &str = "";

/// A theme as a person reads it: tasks scored by hand named so, and in French an
/// occupation's theme by its CITP-08 title (`Employés du service du personnel (CITP 4416)`);
/// the rubric's themes, French already, as they are.
pub fn theme_label(theme: &str, lang: Lang) -> Cow<'_, str> {
    if theme == NO_THEME {
        return Cow::Borrowed(lang.t("Unthemed (scored by hand)"));
    }
    match crate::ilo::occupation_theme_in(theme, lang) {
        Some(label) => Cow::Owned(label),
        None => Cow::Borrowed(theme),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Theme {
    /// The rubric theme; empty for tasks scored by hand.
    pub theme: String,
    /// Distinct tasks (same normalised text) in the theme.
    pub tasks: Vec<ThemeTask>,
    pub jobs: usize,
    /// Agents of the jobs that do at least one of these tasks.
    pub agents: f64,
    /// Mean score of its tasks (unweighted), rounded to 2 decimals.
    pub mean: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeTask {
    pub task: String,
    pub rule: Option<String>,
    pub score: f64,
    pub band: Band,
    /// Job titles that do this task, sorted.
    pub jobs: Vec<String>,
    pub agents: f64,
}

/// A job, as (direction, department, job title).
type JobKey<'a> = (&'a str, &'a str, &'a str);

/// One distinct task of a theme while it is gathered: first text seen, rule, highest score, jobs.
type Gathered<'a> = (&'a str, Option<&'a str>, f64, BTreeSet<JobKey<'a>>);

/// Groups the scored tasks of band `min_band` or higher by theme; themes ranked by agents
/// concerned, tasks by score. Ties are broken by the text as `lang` shows it, in a reader's
/// alphabetical order (accents and capitals folded), so that a French listing is in French order.
/// Needs the per-task listing (`Options::keep_tasks`).
pub fn tasks_by_theme(a: &Analysis, min_band: Band, lang: Lang) -> Vec<Theme> {
    let headcount: HashMap<(&str, &str, &str), f64> = a
        .jobs
        .iter()
        .map(|j| {
            (
                (j.direction.as_str(), j.department.as_str(), j.job.as_str()),
                j.headcount,
            )
        })
        .collect();
    let mut themes: BTreeMap<&str, BTreeMap<String, Gathered>> = BTreeMap::new();
    for t in a.tasks.iter().flatten() {
        let Some(score) = t.score else { continue };
        if Band::of(score) < min_band {
            continue;
        }
        let theme = t.theme.unwrap_or(NO_THEME);
        let key = (t.direction, t.department, t.job);
        let entry = themes
            .entry(theme)
            .or_default()
            .entry(normalize(t.task))
            .or_insert((t.task, t.rule, score, BTreeSet::new()));
        // The same text may get different expert scores in different jobs: keep the highest.
        entry.2 = entry.2.max(score);
        entry.3.insert(key);
    }
    let mut out: Vec<Theme> = themes
        .into_iter()
        .map(|(theme, tasks)| {
            let mut all_jobs = BTreeSet::new();
            let tasks: Vec<ThemeTask> = tasks
                .into_values()
                .map(|(text, rule, score, jobs)| {
                    all_jobs.extend(jobs.iter().copied());
                    let agents = jobs
                        .iter()
                        .map(|k| headcount.get(k).copied().unwrap_or(0.0))
                        .sum();
                    let titles: BTreeSet<&str> = jobs.iter().map(|k| k.2).collect();
                    ThemeTask {
                        task: text.to_string(),
                        rule: rule.map(String::from),
                        score,
                        band: Band::of(score),
                        jobs: titles.into_iter().map(String::from).collect(),
                        agents,
                    }
                })
                .collect();
            let mut keyed: Vec<((String, String), ThemeTask)> = tasks
                .into_iter()
                .map(|t| (reading_order(task_in(&t.task, t.rule.as_deref(), lang)), t))
                .collect();
            keyed.sort_by(|(kx, x), (ky, y)| {
                rank(Some(x.score), Some(y.score))
                    .then_with(|| kx.cmp(ky))
                    .then_with(|| x.task.cmp(&y.task))
            });
            let tasks: Vec<ThemeTask> = keyed.into_iter().map(|(_, t)| t).collect();
            let mean = tasks.iter().map(|t| t.score).sum::<f64>() / tasks.len() as f64;
            Theme {
                theme: theme.to_string(),
                jobs: all_jobs.len(),
                agents: all_jobs
                    .iter()
                    .map(|k| headcount.get(k).copied().unwrap_or(0.0))
                    .sum(),
                mean: crate::classify::round2(mean),
                tasks,
            }
        })
        .collect();
    out.sort_by_cached_key(|t| reading_order(&theme_label(&t.theme, lang)));
    out.sort_by(|x, y| rank(Some(x.agents), Some(y.agents)));
    out
}

/// The key of a text in a reader's alphabetical order: accents and capitals folded first, then
/// the text itself so that the order is total.
fn reading_order(text: &str) -> (String, String) {
    (normalize(text), text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_occupation_theme_reads_in_french_by_its_citp_title() {
        let ilo = crate::ilo::Ilo::get();
        let theme = crate::ilo::occupation_theme("4416", ilo.occupations["4416"].title());
        assert_eq!(theme, "ILO 4416 Personnel Clerks");
        assert_eq!(theme_label(&theme, Lang::En), theme);
        assert_eq!(
            theme_label(&theme, Lang::Fr),
            "Employés du service du personnel (CITP 4416)"
        );
        // A rubric theme that happens to start alike is left alone.
        assert_eq!(theme_label("ILO 4416 Autre", Lang::Fr), "ILO 4416 Autre");
        assert_eq!(theme_label("Paie", Lang::Fr), "Paie");
        assert_eq!(
            theme_label(NO_THEME, Lang::Fr),
            Lang::Fr.t("Unthemed (scored by hand)")
        );
    }
}
