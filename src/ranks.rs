//! The jobs' names as numbers in the names' order, for the stages after the rows that sort,
//! group and compare hundreds of thousands of jobs by their direction, department and title:
//! comparing two numbers instead of two strings, hashing one number instead of a name.

use crate::aggregate::JobNames;
use crate::hashing::FastMap;
use crate::intern::{Name, index_u32};

/// Per job, the ranks of its direction, department and title among all the jobs' distinct
/// names: equal names have equal ranks, and ranks are ordered as the names are.
pub struct NameRanks {
    pub of_job: Vec<[u32; 3]>,
    /// The distinct names, by rank.
    pub names: Vec<Name>,
}

impl NameRanks {
    pub fn of<J: JobNames>(jobs: &[J]) -> NameRanks {
        // The jobs share their names (`intern::Name`): each kept name is numbered once, known
        // by where it is kept (a few thousand for hundreds of thousands of jobs).
        let mut ids: FastMap<(usize, usize), u32> = FastMap::default();
        let mut kept: Vec<&Name> = Vec::new();
        let mut of_job: Vec<[u32; 3]> = (jobs.iter())
            .map(|j| {
                j.names().map(|name| {
                    *ids.entry((name.as_ptr() as usize, name.len()))
                        .or_insert_with(|| {
                            kept.push(name);
                            index_u32(kept.len() - 1)
                        })
                })
            })
            .collect();
        drop(ids);
        let mut order: Vec<u32> = (0..index_u32(kept.len())).collect();
        order.sort_unstable_by_key(|&i| kept[i as usize]);
        let mut rank = vec![0u32; kept.len()];
        let mut names: Vec<Name> = Vec::new();
        for &i in &order {
            let name = kept[i as usize];
            if names.last() != Some(name) {
                names.push(name.clone());
            }
            rank[i as usize] = index_u32(names.len() - 1);
        }
        for ranks in &mut of_job {
            *ranks = ranks.map(|id| rank[id as usize]);
        }
        NameRanks { of_job, names }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::tests_support::job;

    #[test]
    fn ranks_order_as_the_names_and_equal_names_rank_alike() {
        let named = |d: &str, s: &str, t: &str| {
            let (mut jobs, _) = crate::jobs::finish(
                vec![job(&[(0.5, 1.0)])].into_iter(),
                None,
                crate::classify::Method::Wp140,
                None,
                &mut |_| {},
            );
            let mut j = jobs.remove(0);
            j.direction = d.into();
            j.department = s.into();
            j.job = t.into();
            j
        };
        // "b" twice, kept apart: equal names need not share where they are kept.
        let jobs = vec![
            named("b", "a", "é"),
            named("a", "b", "e"),
            named("b", "", "a"),
        ];
        let r = NameRanks::of(&jobs);
        let names: Vec<&str> = r.names.iter().map(Name::as_str).collect();
        assert_eq!(names, ["", "a", "b", "e", "é"]);
        assert_eq!(r.of_job, [[2, 1, 4], [1, 2, 3], [2, 0, 1]]);
    }
}
