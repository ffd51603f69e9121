//! `check`'s duplicate tasks: the same normalised task text twice in one job, found while the
//! rows stream past, in little memory. A roster of millions of rows has millions of distinct
//! (job, task) pairs, so what is kept of each is 12 bytes (the 64-bit hash of its normalised
//! text, and the line it first appeared on), in sorted arrays per job, not a hash map per job;
//! the arrays of all jobs are end to end in one vector, not an allocation per job.
//!
//! Rows of a job usually follow each other: the pairs of the job being read are in one hash map
//! (the current run), and go into the job's sorted arrays when another job's row comes. A job
//! whose rows come back later in the roster gets a further array; arrays of similar sizes are
//! merged, so that a job has few (at most about log₂ of its tasks) even when its rows are
//! scattered one by one.

use crate::hashing::FastMap;
use crate::intern::{Interner, index_u32};
use crate::load::Row;

/// The same task twice in one job (texts compared after normalisation): a view into
/// [`DuplicateTasks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duplicate<'a> {
    pub file: &'a str,
    pub line: u64,
    pub first_line: u64,
    pub job: &'a str,
    pub task: &'a str,
}

/// The duplicate tasks, in the order of the rosters. A roster can have hundreds of thousands
/// (the same few tasks written twice in every department): each is kept as its lines and
/// numbers into the files and distinct strings (32 bytes), not as three strings of its own.
#[derive(Debug, Default)]
pub struct DuplicateTasks {
    files: Vec<String>,
    /// Job titles and task texts.
    strings: Interner,
    entries: Vec<DuplicateEntry>,
}

#[derive(Debug, Clone, Copy)]
struct DuplicateEntry {
    line: u64,
    first_line: u64,
    file: u32,
    job: u32,
    task: u32,
}

impl DuplicateTasks {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The `i`-th duplicate, in the order of the rosters.
    pub fn get(&self, i: usize) -> Duplicate<'_> {
        let e = &self.entries[i];
        Duplicate {
            file: &self.files[e.file as usize],
            line: e.line,
            first_line: e.first_line,
            job: self.strings.get(e.job),
            task: self.strings.get(e.task),
        }
    }

    /// The task of `row` repeats the one on `first_line`.
    pub fn push(&mut self, row: &Row, first_line: u64) {
        if self.files.last().map(String::as_str) != Some(row.file) {
            self.files.push(row.file.to_string());
        }
        let file = index_u32(self.files.len() - 1);
        let (job, task) = (self.strings.id(row.job), self.strings.id(row.task));
        self.entries.push(DuplicateEntry {
            line: row.line,
            first_line,
            file,
            job,
            task,
        });
    }

    /// No more duplicates: the strings' index is let go.
    pub fn seal(&mut self) {
        self.strings.seal();
    }
}

/// A (job, task text) pair seen: the hash of the normalised text and the line of its first row.
/// `line` is `FAR` for a line that does not fit in 32 bits, kept in `Duplicates::far` instead.
#[derive(Debug, Clone, Copy)]
struct Entry {
    hash: [u32; 2],
    line: u32,
}

const FAR: u32 = u32::MAX;

impl Entry {
    fn hash(&self) -> u64 {
        (u64::from(self.hash[0]) << 32) | u64::from(self.hash[1])
    }
}

/// Where one sorted array of a job's pairs is in `Duplicates::arena`.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: usize,
    len: usize,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start..self.start + self.len
    }
}

/// Finds, for each task row, the first row of the same job with the same normalised text.
#[derive(Debug, Default)]
pub struct Duplicates {
    /// The sorted arrays of every job's runs before the current one, end to end: one vector for
    /// all, not an allocation or two per job (a roster can have hundreds of thousands of jobs).
    arena: Vec<Entry>,
    /// Entries of `arena` no job points to any more (arrays merged into a larger one).
    garbage: usize,
    /// Per job: its largest array (`len` 0: none yet).
    first: Vec<Span>,
    /// Per job whose rows came back: its other arrays, larger first.
    more: FastMap<usize, Vec<Span>>,
    /// The job being read, and its pairs since its rows began: hash → first line.
    run_job: Option<usize>,
    run: FastMap<u64, u64>,
    /// First lines past 32 bits, by job and hash.
    far: FastMap<(usize, u64), u64>,
}

impl Duplicates {
    /// A task row of job `job` (numbered from 0) on `line`, whose normalised text hashes to
    /// `hash`: the line of the job's earlier row with the same hash, if any.
    pub fn see(&mut self, job: usize, hash: u64, line: u64) -> Option<u64> {
        if self.run_job != Some(job) {
            self.close_run();
            self.run_job = Some(job);
        }
        if let Some(&first) = self.run.get(&hash) {
            return Some(first);
        }
        if let Some(&first) = self.first.get(job) {
            let more = self.more.get(&job).map_or(&[][..], Vec::as_slice);
            for span in std::iter::once(first).chain(more.iter().copied()) {
                let level = &self.arena[span.range()];
                if let Ok(k) = level.binary_search_by_key(&hash, Entry::hash) {
                    return Some(match level[k].line {
                        FAR => self.far[&(job, hash)],
                        line => u64::from(line),
                    });
                }
            }
        }
        self.run.insert(hash, line);
        None
    }

    /// Files the current run's pairs with its job's earlier ones.
    fn close_run(&mut self) {
        let Some(job) = self.run_job.take() else {
            return;
        };
        if self.run.is_empty() {
            return;
        }
        let start = self.arena.len();
        for (&hash, &line) in &self.run {
            let line = match u32::try_from(line) {
                Ok(l) if l != FAR => l,
                _ => {
                    self.far.insert((job, hash), line);
                    FAR
                }
            };
            self.arena.push(Entry {
                hash: [(hash >> 32) as u32, hash as u32],
                line,
            });
        }
        self.arena[start..].sort_unstable_by_key(Entry::hash);
        let span = Span {
            start,
            len: self.arena.len() - start,
        };
        // A long run leaves a large table behind: let it go rather than keep it for small ones.
        if self.run.capacity() > 1 << 16 {
            self.run = FastMap::default();
        } else {
            self.run.clear();
        }
        if self.first.len() <= job {
            self.first.resize_with(job + 1, Span::default);
        }
        if self.first[job].len == 0 {
            self.first[job] = span;
            return;
        }
        let mut levels = vec![self.first[job]];
        levels.extend(self.more.remove(&job).unwrap_or_default());
        levels.push(span);
        // Merge while the last array is at least half the size of the one before it: sizes
        // then at least double from each array to the one before, so a job has few.
        while let [.., before, last] = levels.as_slice() {
            if last.len * 2 < before.len {
                break;
            }
            let (before, last) = (*before, *last);
            levels.truncate(levels.len() - 2);
            let merged = merge(&self.arena[before.range()], &self.arena[last.range()]);
            self.garbage += before.len + last.len;
            let start = self.arena.len();
            self.arena.extend_from_slice(&merged);
            levels.push(Span {
                start,
                len: merged.len(),
            });
        }
        self.first[job] = levels[0];
        if levels.len() > 1 {
            self.more.insert(job, levels.split_off(1));
        }
        if self.garbage > self.arena.len() / 2 {
            self.compact();
        }
    }

    /// Copies the arrays still pointed to into a new arena, in the order of the jobs.
    fn compact(&mut self) {
        let mut arena = Vec::with_capacity(self.arena.len() - self.garbage);
        let mut keep = |span: &mut Span| {
            let start = arena.len();
            arena.extend_from_slice(&self.arena[span.range()]);
            span.start = start;
        };
        for (job, span) in self.first.iter_mut().enumerate() {
            keep(span);
            if let Some(more) = self.more.get_mut(&job) {
                more.iter_mut().for_each(&mut keep);
            }
        }
        self.arena = arena;
        self.garbage = 0;
    }

    /// No more rows: everything kept is let go.
    pub fn clear(&mut self) {
        *self = Duplicates::default();
    }
}

/// Two sorted arrays of distinct hashes (no hash in both) as one.
fn merge(a: &[Entry], b: &[Entry]) -> Vec<Entry> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].hash() < b[j].hash() {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn an_entry_is_twelve_bytes() {
        assert_eq!(std::mem::size_of::<Entry>(), 12);
    }

    /// Against the definition it replaces (one map per job, hash → line of the first row), on
    /// rosters whose jobs come in runs of every length, come back, or alternate row by row,
    /// with hashes that repeat within and across jobs and lines beyond 32 bits.
    #[test]
    fn finds_what_one_map_per_job_finds() {
        let mut draw = crate::test_draws(18);
        for round in 0..300 {
            let jobs = 1 + draw(12);
            let texts = 1 + draw(60);
            let rows = draw(600);
            let mut line: u64 = if round % 7 == 0 {
                u64::from(u32::MAX) - 50
            } else {
                2
            };
            let mut fast = Duplicates::default();
            let mut definition: Vec<HashMap<u64, u64>> = vec![HashMap::new(); jobs];
            let mut job = 0;
            for _ in 0..rows {
                // Runs of various lengths, or a new job at every row.
                if round % 3 == 0 || draw(8) == 0 {
                    job = draw(jobs);
                }
                let hash = (draw(texts) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                line += 1 + draw(3) as u64;
                let expected = match definition[job].get(&hash) {
                    Some(&first) => Some(first),
                    None => {
                        definition[job].insert(hash, line);
                        None
                    }
                };
                assert_eq!(fast.see(job, hash, line), expected, "round {round}");
            }
            let most = fast.more.values().map(|m| 1 + m.len()).max().unwrap_or(0);
            assert!(most <= 12, "round {round}: {most} arrays for one job");
            // Compacting keeps the garbage under half the arena.
            assert!(fast.garbage <= fast.arena.len() / 2, "round {round}");
        }
    }
}
