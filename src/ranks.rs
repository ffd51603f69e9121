//! The jobs' names as numbers in the names' order, for the stages after the rows that sort,
//! group and compare hundreds of thousands of jobs by their direction, department and title:
//! comparing two numbers instead of two strings, hashing one number instead of a name.

use crate::aggregate::JobNames;
use crate::hashing::FastMap;
use crate::intern::index_u32;

/// Per job, the ranks of its direction, department and title among all the jobs' distinct
/// names: equal names have equal ranks, and ranks are ordered as the names are.
pub struct NameRanks<'a> {
    pub of_job: Vec<[u32; 3]>,
    /// The distinct names, by rank.
    pub names: Vec<&'a str>,
}

impl<'a> NameRanks<'a> {
    pub fn of<J: JobNames>(jobs: &'a [J]) -> NameRanks<'a> {
        // The jobs share their names (`intern::Name`): each kept name is numbered once, known
        // by where it is kept (a few thousand for hundreds of thousands of jobs).
        let mut ids: FastMap<(usize, usize), u32> = FastMap::default();
        // Each kept name beside its first 8 bytes as a number: a roster of 100,000 distinct
        // titles sorts them, and a comparison reads the names only when those bytes are equal,
        // then one pointer away rather than three (a `Name` is an `Arc` of a `Box`).
        let mut kept: Vec<(u64, &str, u32)> = Vec::new();
        let mut of_job: Vec<[u32; 3]> = (jobs.iter())
            .map(|j| {
                j.names().map(|name| {
                    let name = name.as_str();
                    *ids.entry((name.as_ptr() as usize, name.len()))
                        .or_insert_with(|| {
                            let id = index_u32(kept.len());
                            kept.push((first_bytes(name), name, id));
                            id
                        })
                })
            })
            .collect();
        drop(ids);
        kept.sort_unstable();
        let mut rank = vec![0u32; kept.len()];
        let mut names: Vec<&str> = Vec::new();
        for &(_, name, id) in &kept {
            if names.last() != Some(&name) {
                names.push(name);
            }
            rank[id as usize] = index_u32(names.len() - 1);
        }
        for ranks in &mut of_job {
            *ranks = ranks.map(|id| rank[id as usize]);
        }
        NameRanks { of_job, names }
    }
}

/// A name's first 8 bytes (zeros past its end), big-endian: when two names' numbers differ,
/// they order as the names.
fn first_bytes(name: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = name.len().min(8);
    bytes[..n].copy_from_slice(&name.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::tests_support::job;

    /// A job with these direction, department and title.
    fn named(d: &str, s: &str, t: &str) -> crate::aggregate::JobExposure {
        let (mut jobs, _) = crate::jobs::finish(
            vec![job(&[(0.5, 1.0)])],
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
    }

    #[test]
    fn ranks_order_as_the_names_and_equal_names_rank_alike() {
        // "b" twice, kept apart: equal names need not share where they are kept.
        let jobs = vec![
            named("b", "a", "é"),
            named("a", "b", "e"),
            named("b", "", "a"),
        ];
        let r = NameRanks::of(&jobs);
        assert_eq!(r.names, ["", "a", "b", "e", "é"]);
        assert_eq!(r.of_job, [[2, 1, 4], [1, 2, 3], [2, 0, 1]]);
    }

    /// Names alike in their first 8 bytes, shorter than 8, or with a zero byte rank as sorted
    /// strings do.
    #[test]
    fn ranks_order_as_sorted_strings() {
        let texts = [
            "Assistant(e) zb",
            "Assistant(e) za",
            "Assistan",
            "Assista",
            "Assista\0",
            "Assistant",
            "Ass",
            "",
            "\0",
            "Assistante",
            "Assistant(e) za",
            "Zèbre",
            "Zebre",
        ];
        let mut sorted: Vec<&str> = texts.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let jobs: Vec<_> = texts.iter().map(|t| named("d", "s", t)).collect();
        let r = NameRanks::of(&jobs);
        let ranked: Vec<&str> = (r.of_job.iter())
            .map(|[_, _, t]| r.names[*t as usize])
            .collect();
        assert_eq!(ranked, texts);
        let mut names = r.names.clone();
        names.retain(|n| !["d", "s"].contains(n));
        assert_eq!(names, sorted);
    }
}
