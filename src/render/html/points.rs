//! The dots of the jobs' scatter. Up to [`MAX_DOTS`] scored jobs, one dot per job; beyond, the
//! jobs are grouped by cells of their rounded mean and SD (steps of [`CELL`]), one dot per cell,
//! so that a 10^6-row roster of 20,000 jobs draws at most 51 × 51 dots, not 20,000.

use crate::aggregate::JobExposure;
use crate::classify::Class;
use crate::i18n::Lang;
use crate::typography::french_count;

/// Scored jobs drawn one by one at most.
pub(super) const MAX_DOTS: usize = 2_000;
/// The side of a cell, in hundredths of a score (0.02), when jobs are grouped.
const CELL: i64 = 2;

pub(super) struct Dot {
    pub mean: f64,
    pub sd: f64,
    pub agents: f64,
    pub class: Option<Class>,
    /// What a dot says when hovered, tapped or focused.
    pub tip: String,
}

pub(super) struct Dots {
    /// Largest first, so the small ones are drawn on top.
    pub list: Vec<Dot>,
    pub binned: bool,
}

/// The dots of the scored jobs (each has a mean and an SD).
pub(super) fn dots(jobs: &[&JobExposure], lang: Lang) -> Dots {
    let binned = jobs.len() > MAX_DOTS;
    let mut list = if binned {
        cells(jobs, lang)
    } else {
        jobs.iter().filter_map(|j| one(j, lang)).collect()
    };
    // Stable sort: jobs come in roster order (direction, department, job), cells in grid order.
    list.sort_by(|x, y| y.agents.total_cmp(&x.agents));
    Dots { list, binned }
}

fn one(j: &JobExposure, lang: Lang) -> Option<Dot> {
    let (m, s) = (j.mean?, j.sd?);
    let place = [j.direction.as_str(), j.department.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    let tip = format!(
        "{}{}{} — {} {}, {} {}, {} {} — {}",
        j.job,
        if place.is_empty() { "" } else { " — " },
        place,
        lang.t("mean"),
        lang.decimal(Some(m)),
        lang.t("SD"),
        lang.decimal(Some(s)),
        lang.agents(j.headcount),
        lang.agents_noun(j.headcount),
        j.class.map(|c| lang.class(c)).unwrap_or("–"),
    );
    Some(Dot {
        mean: m,
        sd: s,
        agents: j.headcount,
        class: j.class,
        tip,
    })
}

/// The cell of a rounded score: its hundredths, divided by the cell's side.
fn cell(x: f64) -> i64 {
    (x * 100.0).round() as i64 / CELL
}

/// One dot per cell: at the agent-weighted mean of its jobs' means and SDs, coloured by the class
/// with the most agents in it (ties go to the more exposed class).
fn cells(jobs: &[&JobExposure], lang: Lang) -> Vec<Dot> {
    struct Acc {
        jobs: usize,
        agents: f64,
        weight: f64,
        sum_m: f64,
        sum_s: f64,
        classes: Vec<(Class, f64)>,
    }
    let mut grid: std::collections::BTreeMap<(i64, i64), Acc> = Default::default();
    for j in jobs {
        let (Some(m), Some(s)) = (j.mean, j.sd) else {
            continue;
        };
        let acc = grid.entry((cell(m), cell(s))).or_insert(Acc {
            jobs: 0,
            agents: 0.0,
            weight: 0.0,
            sum_m: 0.0,
            sum_s: 0.0,
            classes: Vec::new(),
        });
        let w = j.headcount.max(0.0);
        // A job without agents still counts, a little, where the dot goes.
        let place = w.max(1e-9);
        acc.jobs += 1;
        acc.agents += w;
        acc.weight += place;
        acc.sum_m += m * place;
        acc.sum_s += s * place;
        if let Some(c) = j.class {
            match acc.classes.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += w,
                None => acc.classes.push((c, w)),
            }
        }
    }
    grid.into_iter()
        .map(|((cm, cs), acc)| {
            let (m, s) = (acc.sum_m / acc.weight, acc.sum_s / acc.weight);
            let class = acc
                .classes
                .iter()
                .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
                .map(|(c, _)| *c);
            let range = |k: i64| {
                let low = (k * CELL) as f64 / 100.0;
                let high = ((k + 1) * CELL - 1) as f64 / 100.0;
                format!("{}–{}", lang.decimal(Some(low)), lang.decimal(Some(high)))
            };
            let jobs = count(acc.jobs as u64, lang);
            let tip = lang.fill(
                "{jobs} {jobs|job|jobs}, {agents} {agents|agent|agents} — mean {mean}, SD {sd} — mostly {class}",
                &[
                    ("jobs", jobs),
                    ("agents", lang.agents(acc.agents)),
                    ("mean", range(cm)),
                    ("sd", range(cs)),
                    (
                        "class",
                        class.map(|c| lang.class(c)).unwrap_or("–").to_string(),
                    ),
                ],
            );
            Dot {
                mean: m,
                sd: s,
                agents: acc.agents,
                class,
                tip,
            }
        })
        .collect()
}

/// A count in the report's language (French thousands separated).
pub(super) fn count(n: u64, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let digits = n.to_string();
            let mut out = String::new();
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(ch);
            }
            out
        }
        Lang::Fr => french_count(n),
    }
}

/// The rule, as the report states it when the jobs are grouped.
pub(super) fn rule(jobs: usize, dots: usize, lang: Lang) -> String {
    let (jobs, dots, max) = (
        count(jobs as u64, lang),
        count(dots as u64, lang),
        count(MAX_DOTS as u64, lang),
    );
    lang.fill(
        "Beyond {max} scored jobs, the jobs are grouped: one dot per cell of 0.02 of mean by 0.02 of SD (rounded values), placed at the agent-weighted mean of its jobs, its area proportional to their agents, coloured by the class with the most agents in it. Here {jobs} jobs in {dots} dots.",
        &[("max", max), ("jobs", jobs), ("dots", dots)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_whole_hundredths_divided_by_the_side() {
        assert_eq!(cell(0.40), 20);
        assert_eq!(cell(0.41), 20);
        assert_eq!(cell(0.42), 21);
        assert_eq!(cell(0.29), 14);
        assert_eq!(cell(1.0), 50);
    }

    #[test]
    fn counts_are_grouped_in_each_language() {
        assert_eq!(count(1_234_567, Lang::En), "1,234,567");
        assert_eq!(count(999, Lang::En), "999");
        assert_eq!(count(20_000, Lang::Fr), "20\u{202f}000");
    }
}
