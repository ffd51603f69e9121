//! `check`'s duplicate tasks: the same normalised task text twice in one job, found while the
//! rows stream past, in little memory. A roster of millions of rows has millions of distinct
//! (job, task) pairs, so what is kept of each is 10 bytes (the 64-bit hash of its normalised
//! text, and the line it first appeared on as a 16-bit offset from its array's first line), in
//! sorted arrays per job, not a hash map per job;
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

/// A (job, task text) pair seen: the hash of the normalised text, and the line of its first row
/// as an offset from its array's base line (`Span::base`), 10 bytes (a roster has millions of
/// pairs; an absolute line took 4 bytes, and the offsets of one job's rows are small, its rows
/// mostly following each other). `offset` is `FAR` for a line at `FAR` or more from the base,
/// kept in `Duplicates::far` instead.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The hash in 16-bit parts, high first: an alignment of 2, so no padding.
    hash: [u16; 4],
    offset: u16,
}

const FAR: u16 = u16::MAX;

impl Entry {
    fn new(hash: u64, offset: u16) -> Entry {
        let part = |k: u32| (hash >> (48 - 16 * k)) as u16;
        Entry {
            hash: [part(0), part(1), part(2), part(3)],
            offset,
        }
    }

    fn hash(&self) -> u64 {
        (self.hash.iter()).fold(0, |h, &part| (h << 16) | u64::from(part))
    }
}

/// Where one sorted array of a job's pairs is in `Duplicates::arena`, and the line its entries'
/// offsets are from (16 bytes a job).
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: usize,
    len: u32,
    /// The smallest line of the array, or `u32::MAX` when it is beyond (any base is right: a
    /// line that is not within `FAR` after it is kept in `Duplicates::far`).
    base: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start..self.start + self.len as usize
    }

    /// The base line for an array whose smallest line is `least`.
    fn base_for(least: u64) -> u32 {
        u32::try_from(least).unwrap_or(u32::MAX)
    }

    /// `line`'s offset from `base`, `FAR` when it does not fit.
    fn offset(base: u32, line: u64) -> u16 {
        match line.checked_sub(u64::from(base)).map(u16::try_from) {
            Some(Ok(offset)) => offset,
            _ => FAR,
        }
    }

    /// The line of `entry` of this array; `far` holds it when its offset is `FAR`.
    fn line(self, entry: Entry, far: impl FnOnce() -> u64) -> u64 {
        match entry.offset {
            FAR => far(),
            offset => u64::from(self.base) + u64::from(offset),
        }
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
                    return Some(span.line(level[k], || self.far[&(job, hash)]));
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
        let base = Span::base_for(self.run.values().copied().min().unwrap_or(0));
        for (&hash, &line) in &self.run {
            let offset = Span::offset(base, line);
            if offset == FAR {
                self.far.insert((job, hash), line);
            }
            self.arena.push(Entry::new(hash, offset));
        }
        self.arena[start..].sort_unstable_by_key(Entry::hash);
        let span = Span {
            start,
            len: index_u32(self.arena.len() - start),
            base,
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
            self.garbage += before.len as usize + last.len as usize;
            levels.push(self.merge(job, before, last));
        }
        self.first[job] = levels[0];
        if levels.len() > 1 {
            self.more.insert(job, levels.split_off(1));
        }
        if self.garbage > self.arena.len() / 2 {
            self.compact();
        }
    }

    /// Two sorted arrays of `job`'s distinct hashes (no hash in both) as one, at the end of the
    /// arena, its offsets from the smaller base.
    fn merge(&mut self, job: usize, a: Span, b: Span) -> Span {
        let base = a.base.min(b.base);
        let start = self.arena.len();
        self.arena.reserve(a.len as usize + b.len as usize);
        let (mut i, mut j) = (a.start, b.start);
        while i < a.range().end || j < b.range().end {
            let from_a = j == b.range().end
                || (i < a.range().end && self.arena[i].hash() < self.arena[j].hash());
            let (k, span) = if from_a { (i, a) } else { (j, b) };
            if from_a {
                i += 1;
            } else {
                j += 1;
            }
            let entry = self.arena[k];
            let hash = entry.hash();
            let line = span.line(entry, || self.far[&(job, hash)]);
            let offset = Span::offset(base, line);
            if offset == FAR {
                self.far.insert((job, hash), line);
            }
            self.arena.push(Entry::new(hash, offset));
        }
        Span {
            start,
            len: a.len + b.len,
            base,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn an_entry_is_ten_bytes_and_a_span_sixteen() {
        assert_eq!(std::mem::size_of::<Entry>(), 10);
        assert_eq!(std::mem::size_of::<Span>(), 16);
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
                // Now and then a gap past an offset's 16 bits.
                line += if draw(50) == 0 {
                    70_000
                } else {
                    1 + draw(3) as u64
                };
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
