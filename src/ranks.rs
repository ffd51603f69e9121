//! The jobs' directions and departments as numbers in the names' order, for the sort of
//! hundreds of thousands of jobs after the rows: comparing two numbers instead of two strings.

use crate::aggregate::JobNames;
use crate::hashing::FastMap;
use crate::intern::index_u32;

/// Per job, the numbers of its direction and department among all those names of the jobs,
/// distinct, in the order first met, and those names by number. (Titles are not numbered:
/// the order compares the few jobs tied on the rest by their titles' texts.)
pub struct NameIds<'a> {
    pub of_job: Vec<[u32; 2]>,
    /// The distinct names, by number.
    pub names: Vec<&'a str>,
}

impl<'a> NameIds<'a> {
    /// `distinct`: how many distinct names the jobs' directions and departments may have (the
    /// names the rows were read into but the titles), or 0 when not known: the map of names
    /// is made that large at once, where growing it to 117,000 departments rehashed every name
    /// several times, in fresh pages each time. (With the titles counted, 130,000 names at
    /// 117,000 titles, ten times those numbered here: a map of 4 MB of fresh pages, a fault
    /// each.)
    pub fn of<J: JobNames>(jobs: &'a [J], distinct: usize) -> NameIds<'a> {
        // The jobs share their names (`intern::Name`): each kept name is numbered once, known
        // by where it is kept (a few thousand for hundreds of thousands of jobs). The address
        // alone: two names at one address are one text (a slot of 16 bytes, not 24). The jobs
        // of a department come one after the other, so a name is mostly the job before's: the
        // map is looked in only when it is not, and the `Arc` is read only for a new name.
        let room = distinct.min(2 * jobs.len());
        let mut ids: FastMap<usize, u32> =
            FastMap::with_capacity_and_hasher(room, Default::default());
        let mut names: Vec<&'a str> = Vec::with_capacity(room);
        // The job before's names (address, number); address 0 for none (no `Arc` is kept at 0).
        let mut last = [(0usize, 0u32); 2];
        let of_job: Vec<[u32; 2]> = (jobs.iter())
            .map(|j| {
                let all = j.names();
                std::array::from_fn(|k| {
                    let at = all[k].address();
                    if last[k].0 != at {
                        let id = *ids.entry(at).or_insert_with(|| {
                            names.push(all[k].as_str());
                            index_u32(names.len() - 1)
                        });
                        last[k] = (at, id);
                    }
                    last[k].1
                })
            })
            .collect();
        NameIds { of_job, names }
    }
}

/// The ranks of the jobs' names: equal names have equal ranks, and ranks are ordered as the
/// names are.
pub struct NameRanks<'a> {
    /// By name number ([`NameIds`]): its rank.
    pub rank: Vec<u32>,
    /// The distinct names, by rank.
    pub names: Vec<&'a str>,
}

impl<'a> NameRanks<'a> {
    pub fn of(ids: &NameIds<'a>) -> NameRanks<'a> {
        let kept = &ids.names;
        let mut rank = vec![0u32; kept.len()];
        let mut names: Vec<&str> = Vec::new();
        for id in sorted_by_name(kept) {
            let name = kept[id as usize];
            if names.last() != Some(&name) {
                names.push(name);
            }
            rank[id as usize] = index_u32(names.len() - 1);
        }
        NameRanks { rank, names }
    }

    /// The ranks of a job's names, given their numbers.
    pub fn of_job(&self, ids: [u32; 2]) -> [u32; 2] {
        ids.map(|id| self.rank[id as usize])
    }
}

/// The numbers of `names` in the order of their strings (equal names in any order), sorted 8
/// bytes at a time: a roster of 100,000 distinct titles has thousands alike in their first 8
/// bytes or more ("Chargé(e) de communication …"), which a comparison of strings reads again
/// each time (a `memcmp` call). Here the names' numbers are sorted by their first 8 bytes as a
/// number, then each run of names equal in them by their next 8, and so on. What is sorted is
/// a `u128` a name: the 8 bytes, how many of them the name has, and the name's number.
fn sorted_by_name(names: &[&str]) -> impl Iterator<Item = u32> {
    let keyed = |id: u32, depth: usize| {
        let (bytes, count) = chunk_at(names[id as usize], depth);
        u128::from(bytes) << 64 | u128::from(count) << 32 | u128::from(id)
    };
    let mut order: Vec<u128> = (0..index_u32(names.len())).map(|id| keyed(id, 0)).collect();
    // Runs still to sort, with the depth their names are equal to (a stack, not recursion: a
    // long name repeated would nest as deep as its length / 8).
    let mut runs = vec![(0, order.len(), 0)];
    while let Some((from, to, depth)) = runs.pop() {
        let run = &mut order[from..to];
        if depth > 0 {
            for k in run.iter_mut() {
                *k = keyed(*k as u32, depth);
            }
        }
        run.sort_unstable();
        let mut start = 0;
        while start < run.len() {
            let key = run[start] >> 32;
            let end = start + run[start..].iter().take_while(|k| *k >> 32 == key).count();
            // Equal in 8 more bytes and longer: the bytes after decide. (Shorter: the names
            // of the run are the same string.)
            if end - start > 1 && key as u8 == 8 {
                runs.push((from + start, from + end, depth + 8));
            }
            start = end;
        }
    }
    order.into_iter().map(|k| k as u32)
}

/// The name's 8 bytes from `depth` (zeros past its end) as a big-endian number, and how many
/// of them it has (at most 8). Between names equal in their first `depth` bytes, these keys
/// order as the names when they differ; when equal, the names are equal to `depth + 8` bytes,
/// or the same string when shorter: zeros past the end of a name that is shorter (so less)
/// meet only the zeros of a longer name, which its count tells apart.
fn chunk_at(name: &str, depth: usize) -> (u64, u8) {
    let rest = name.as_bytes().get(depth..).unwrap_or_default();
    match rest.first_chunk::<8>() {
        Some(bytes) => (u64::from_be_bytes(*bytes), 8),
        None => {
            let mut bytes = [0u8; 8];
            bytes[..rest.len()].copy_from_slice(rest);
            // `rest` is shorter than 8 bytes here.
            (u64::from_be_bytes(bytes), rest.len() as u8)
        }
    }
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

    proptest::proptest! {
        /// Sorted 8 bytes at a time, names come in the order of a sort of the strings: names
        /// alike in long prefixes, with zero bytes, shorter and longer than 8, repeated.
        #[test]
        fn names_sort_as_strings(
            names in proptest::collection::vec("(Chargé\\(e\\) de com|a\\x00|a|)[a\\x00bé ]{0,20}", 0..60),
        ) {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let order: Vec<u32> = sorted_by_name(&names).collect();
            let ours: Vec<&str> = order.iter().map(|&id| names[id as usize]).collect();
            let mut sorted = names.clone();
            sorted.sort_unstable();
            proptest::prop_assert_eq!(ours, sorted);
            let mut ids = order;
            ids.sort_unstable();
            proptest::prop_assert_eq!(ids, (0..names.len() as u32).collect::<Vec<_>>());
        }
    }

    #[test]
    fn ranks_order_as_the_names_and_equal_names_rank_alike() {
        // "b" twice, kept apart: equal names need not share where they are kept.
        let jobs = vec![
            named("b", "é", "t"),
            named("a", "e", "t"),
            named("b", "", "t"),
            named("é", "a", "t"),
        ];
        for distinct in [0, 1, 9] {
            let ids = NameIds::of(&jobs, distinct);
            let r = NameRanks::of(&ids);
            assert_eq!(r.names, ["", "a", "b", "e", "é"]);
            let of_job: Vec<[u32; 2]> = ids.of_job.iter().map(|&i| r.of_job(i)).collect();
            assert_eq!(of_job, [[2, 4], [1, 3], [2, 0], [4, 1]]);
        }
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
        let jobs: Vec<_> = texts.iter().map(|t| named("d", t, "t")).collect();
        let ids = NameIds::of(&jobs, 0);
        let r = NameRanks::of(&ids);
        let ranked: Vec<&str> = (ids.of_job.iter())
            .map(|&i| r.names[r.of_job(i)[1] as usize])
            .collect();
        assert_eq!(ranked, texts);
        let mut names = r.names.clone();
        names.retain(|n| *n != "d");
        assert_eq!(names, sorted);
    }
}
