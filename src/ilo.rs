//! The ILO's task scores and published occupation figures (WP140, 2025; WP96, 2023), compiled
//! in from `data/ilo/`. Cite as "ILO (Gmyrek et al. 2025)".

use std::collections::BTreeMap;

const TASKS: &str = include_str!("../data/ilo/ilo_tasks.csv");
const OCCUPATIONS: &str = include_str!("../data/ilo/ilo_occupations.csv");

#[derive(Debug, Clone)]
pub struct IloTask {
    pub isco: String,
    pub task_id: u32,
    pub score_2023: Option<f64>,
    pub score_2025: f64,
    pub task: String,
}

#[derive(Debug, Clone)]
pub struct Occupation {
    pub isco: String,
    pub title: String,
    pub published_mean_2023: f64,
    pub published_sd_2023: f64,
    pub published_category_2023: String,
    pub published_mean_2025: f64,
    pub published_sd_2025: f64,
    pub published_category_2025: String,
}

#[derive(Debug)]
pub struct Ilo {
    pub occupations: BTreeMap<String, Occupation>,
    /// Tasks per ISCO code, in task order.
    pub tasks: BTreeMap<String, Vec<IloTask>>,
}

impl Ilo {
    /// Parses the compiled-in tables; their validity is pinned by the tests.
    pub fn builtin() -> Ilo {
        let mut tasks: BTreeMap<String, Vec<IloTask>> = BTreeMap::new();
        let mut reader = csv::Reader::from_reader(TASKS.as_bytes());
        for rec in reader.records() {
            let rec = rec.expect("data/ilo/ilo_tasks.csv is valid CSV");
            let isco = rec[0].to_string();
            tasks.entry(isco.clone()).or_default().push(IloTask {
                isco,
                task_id: rec[1].parse().expect("task id"),
                score_2023: rec[2].parse().ok(),
                score_2025: rec[3].parse().expect("score_2025"),
                task: rec[4].to_string(),
            });
        }
        let mut occupations = BTreeMap::new();
        let mut reader = csv::Reader::from_reader(OCCUPATIONS.as_bytes());
        for rec in reader.records() {
            let rec = rec.expect("data/ilo/ilo_occupations.csv is valid CSV");
            let num = |i: usize| rec[i].parse::<f64>().expect("published figure");
            occupations.insert(
                rec[0].to_string(),
                Occupation {
                    isco: rec[0].to_string(),
                    title: rec[1].to_string(),
                    published_mean_2023: num(2),
                    published_sd_2023: num(3),
                    published_category_2023: rec[4].to_string(),
                    published_mean_2025: num(5),
                    published_sd_2025: num(6),
                    published_category_2025: rec[7].to_string(),
                },
            );
        }
        Ilo { occupations, tasks }
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
        assert_eq!(ilo.tasks.values().map(Vec::len).sum::<usize>(), 3266);
        assert_eq!(ilo.occupations["4226"].title, "Receptionists (general)");
        assert!(ilo.task("4226", 1).is_some());
    }
}
