//! What a renderer shows: the analysis's lists sorted and cut as asked, built once from an
//! analysis that stays as it was computed. A renderer reads the view; the whole authority's
//! figures (`summary`) and everything else read through to the analysis.

use std::ops::Deref;

use serde::Serialize;

use crate::aggregate::{GroupExposure, JobExposure, rank};
use crate::analysis::Analysis;
use crate::cli::{Level, SortKey};

/// The groups of one `--by` column, as shown; serialises as `ByGroups` does.
#[derive(Serialize)]
pub struct ByView<'a> {
    pub column: &'a str,
    pub groups: Vec<&'a GroupExposure>,
}

pub struct View<'a> {
    pub analysis: &'a Analysis,
    /// The levels shown, in order.
    pub levels: Vec<Level>,
    pub directions: Vec<&'a GroupExposure>,
    pub departments: Vec<&'a GroupExposure>,
    pub by: Vec<ByView<'a>>,
    pub jobs: Vec<&'a JobExposure>,
}

impl Deref for View<'_> {
    type Target = Analysis;
    fn deref(&self) -> &Analysis {
        self.analysis
    }
}

impl<'a> View<'a> {
    /// Every list as the analysis has it.
    pub fn whole(analysis: &'a Analysis, levels: &[Level]) -> Self {
        View {
            analysis,
            levels: levels.to_vec(),
            directions: analysis.directions.iter().collect(),
            departments: analysis.departments.iter().collect(),
            by: analysis
                .by
                .iter()
                .map(|b| ByView {
                    column: &b.column,
                    groups: b.groups.iter().collect(),
                })
                .collect(),
            jobs: analysis.jobs.iter().collect(),
        }
    }

    /// Every list (groups and jobs) ordered by `sort`, then the first `top` kept. The whole
    /// authority's figures are computed before, so they never change with the view.
    pub fn arranged(
        analysis: &'a Analysis,
        levels: &[Level],
        sort: SortKey,
        top: Option<usize>,
    ) -> Self {
        let mut v = View::whole(analysis, levels);
        let group_key = |g: &'a GroupExposure| (&g.direction, &g.department, &g.value);
        let order = |x: &&'a GroupExposure, y: &&'a GroupExposure| {
            match sort {
                SortKey::Mean => rank(x.mean, y.mean),
                SortKey::Agents => y.agents.total_cmp(&x.agents),
                SortKey::Concerned => y.agents_concerned.total_cmp(&x.agents_concerned),
                SortKey::Name => std::cmp::Ordering::Equal,
            }
            .then_with(|| group_key(x).cmp(&group_key(y)))
        };
        // The analysis ranks its jobs, directions and departments by mean, then names (see
        // `analysis::analyze`): that order is kept, and not sorted again (hundreds of
        // thousands of jobs and departments).
        let ranked = sort == SortKey::Mean;
        let mut lists: Vec<(&mut Vec<&GroupExposure>, bool)> =
            vec![(&mut v.directions, ranked), (&mut v.departments, ranked)];
        lists.extend(v.by.iter_mut().map(|b| (&mut b.groups, false)));
        for (list, ranked) in lists {
            if ranked {
                debug_assert!(list.is_sorted_by(|x, y| order(x, y).is_le()));
            } else {
                list.sort_by(order);
            }
            if let Some(n) = top {
                list.truncate(n);
            }
        }
        // Borrowed, not cloned: a sort compares hundreds of thousands of jobs.
        let job_key = |j: &'a JobExposure| (&j.direction, &j.department, &j.job);
        let concerned = |j: &JobExposure| {
            if j.class.is_some_and(|c| c.concerned()) {
                j.headcount
            } else {
                0.0
            }
        };
        let order = |x: &&'a JobExposure, y: &&'a JobExposure| {
            match sort {
                SortKey::Mean => rank(x.unrounded_mean, y.unrounded_mean),
                SortKey::Agents => y.headcount.total_cmp(&x.headcount),
                SortKey::Concerned => concerned(y).total_cmp(&concerned(x)),
                SortKey::Name => std::cmp::Ordering::Equal,
            }
            .then_with(|| job_key(x).cmp(&job_key(y)))
        };
        if ranked {
            debug_assert!(v.jobs.is_sorted_by(|x, y| order(x, y).is_le()));
        } else {
            v.jobs.sort_by(order);
        }
        if let Some(n) = top {
            v.jobs.truncate(n);
        }
        v
    }

    pub fn has(&self, level: Level) -> bool {
        self.levels.contains(&level)
    }
}
