//! The ILO's task scores and published occupation figures (WP140, 2025; WP96, 2023), compiled
//! in from `data/ilo/` (read at build time by `build/ilo.rs` into statics). Cite as "ILO
//! (Gmyrek et al. 2025)".

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::classify::{Class, Method, round2};

// `TASKS` (grouped by code, codes in order) and `OCCUPATIONS` (in code order).
include!(concat!(env!("OUT_DIR"), "/ilo.rs"));

#[derive(Debug, Clone)]
pub struct IloTask {
    pub isco: &'static str,
    pub task_id: u32,
    pub score_2023: Option<f64>,
    pub score_2025: f64,
    pub task: &'static str,
}

impl IloTask {
    /// The task's score for a method: 2025 (WP140) or 2023 (WP96).
    pub fn score(&self, method: Method) -> Option<f64> {
        match method {
            Method::Wp140 => Some(self.score_2025),
            Method::Wp96 => self.score_2023,
        }
    }
}

/// Mean, SD and counts of a list of task scores, rounded as the ILO publishes.
#[derive(Debug, Clone, Copy)]
struct Stats {
    pub n: u64,
    pub exposed: u64,
    pub mean: f64,
    pub sd: f64,
    pub unrounded_mean: f64,
}

impl Stats {
    /// Unweighted mean and sample SD (0 for a single score); `None` for no score.
    fn of(scores: &[f64]) -> Option<Stats> {
        if scores.is_empty() {
            return None;
        }
        let n = scores.len() as f64;
        let mean = scores.iter().sum::<f64>() / n;
        let var = if scores.len() > 1 {
            scores.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
        } else {
            0.0
        };
        Some(Stats {
            n: scores.len() as u64,
            exposed: scores
                .iter()
                .filter(|&&x| crate::classify::task_exposed(x))
                .count() as u64,
            mean: round2(mean),
            sd: round2(var.sqrt()),
            unrounded_mean: mean,
        })
    }
}

/// An ISCO-08 occupation's figures under one method.
#[derive(Debug, Clone, Serialize)]
pub struct OccupationFigures {
    pub isco: String,
    /// The ILO's (English) title of the occupation.
    pub title: String,
    /// ILO tasks with a score for the method's year.
    pub tasks: u64,
    pub tasks_exposed: u64,
    pub mean: f64,
    pub sd: f64,
    pub class: Class,
    pub class_other: Option<Class>,
    #[serde(skip)]
    pub unrounded_mean: f64,
}

#[derive(Debug, Clone)]
pub struct Occupation {
    pub isco: &'static str,
    pub title: &'static str,
    pub published_mean_2023: f64,
    pub published_sd_2023: f64,
    pub published_category_2023: &'static str,
    pub published_mean_2025: f64,
    pub published_sd_2025: f64,
    pub published_category_2025: &'static str,
}

#[derive(Debug)]
pub struct Ilo {
    pub occupations: BTreeMap<&'static str, &'static Occupation>,
    /// Tasks per ISCO code, in task order.
    pub tasks: BTreeMap<&'static str, &'static [IloTask]>,
}

impl Ilo {
    /// Indexes the compiled-in tables; their validity is pinned by the tests.
    pub fn builtin() -> Ilo {
        let occupations = OCCUPATIONS.iter().map(|o| (o.isco, o)).collect();
        let tasks = TASKS
            .chunk_by(|a, b| a.isco == b.isco)
            .map(|run| (run[0].isco, run))
            .collect();
        Ilo { occupations, tasks }
    }

    /// The built-in tables, parsed once.
    pub fn get() -> &'static Ilo {
        static ILO: OnceLock<Ilo> = OnceLock::new();
        ILO.get_or_init(Ilo::builtin)
    }

    /// The occupation's figures from its task scores, the way the ILO computes them: the
    /// unweighted mean and sample SD of the tasks scored for the method's year (2025 for WP140,
    /// 2023 for WP96), rounded to 2 decimals, then classified. `class_other` is the other
    /// method's class from the other year's scores, as the ILO published both.
    pub fn figures(&self, isco: &str, method: Method) -> Option<OccupationFigures> {
        let occupation = self.occupations.get(isco)?;
        let tasks = self.tasks.get(isco)?;
        let stats = |m: Method| {
            let scores: Vec<f64> = tasks.iter().filter_map(|t| t.score(m)).collect();
            Stats::of(&scores).map(|s| (s, m.classify(s.mean, s.sd)))
        };
        let (own, class) = stats(method)?;
        let class_other = stats(method.other()).map(|(_, c)| c);
        Some(OccupationFigures {
            isco: isco.to_string(),
            title: occupation.title.to_string(),
            tasks: own.n,
            tasks_exposed: own.exposed,
            mean: own.mean,
            sd: own.sd,
            class,
            class_other,
            unrounded_mean: own.unrounded_mean,
        })
    }

    pub fn task(&self, isco: &str, task_id: u32) -> Option<&IloTask> {
        self.tasks.get(isco)?.iter().find(|t| t.task_id == task_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tables_are_complete() {
        let ilo = Ilo::builtin();
        assert_eq!(ilo.occupations.len(), 427);
        assert_eq!(ilo.tasks.values().map(|t| t.len()).sum::<usize>(), 3266);
        assert_eq!(ilo.occupations["4226"].title, "Receptionists (general)");
        assert!(ilo.task("4226", 1).is_some());
    }

    /// Ties the ILO rounded the other way (the same list as tests/cli/conformance.rs).
    const TIES: [(Method, &str); 4] = [
        (Method::Wp96, "2642"),
        (Method::Wp140, "4226"),
        (Method::Wp140, "8142"),
        (Method::Wp140, "8312"),
    ];

    #[test]
    fn figures_reproduce_the_published_ones() {
        let ilo = Ilo::get();
        for (code, o) in &ilo.occupations {
            for method in [Method::Wp140, Method::Wp96] {
                let f = ilo.figures(code, method).unwrap();
                let (mean, sd, category) = match method {
                    Method::Wp140 => (
                        o.published_mean_2025,
                        o.published_sd_2025,
                        &o.published_category_2025,
                    ),
                    Method::Wp96 => (
                        o.published_mean_2023,
                        o.published_sd_2023,
                        &o.published_category_2023,
                    ),
                };
                let tie = TIES.contains(&(method, *code));
                assert!(
                    f.mean == mean || (tie && (f.mean - mean).abs() < 0.0101),
                    "{code} {method:?} mean {} vs {mean}",
                    f.mean
                );
                assert_eq!(f.sd, sd, "{code} {method:?}");
                assert_eq!(
                    f.class.label().to_lowercase().replace("unknown", "uknown"),
                    category.to_lowercase(),
                    "{code} {method:?}"
                );
                let other = ilo.figures(code, method.other()).unwrap();
                assert_eq!(f.class_other, Some(other.class));
            }
        }
    }
}
