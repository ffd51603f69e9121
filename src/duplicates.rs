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

/// A (job, task text) pair seen, as kept in the sorted arrays: the text as a sort key, and the
/// line of its first row as an offset from its array's base line (`Span::base`). `offset` is
/// `FAR` for a line at `FAR` or more from the base, kept in `Arrays::far` instead.
trait Pair: Copy {
    fn new(key: u64, offset: u16) -> Self;
    fn key(&self) -> u64;
    fn offset(&self) -> u16;
}

/// A pair whose text is given by the 64-bit hash of its normalised form, 10 bytes (an absolute
/// line took 4 bytes more, and the offsets of one job's rows are small, its rows mostly
/// following each other).
#[derive(Debug, Clone, Copy)]
struct Wide {
    /// The hash in 16-bit parts, high first: an alignment of 2, so no padding.
    hash: [u16; 4],
    offset: u16,
}

impl Pair for Wide {
    fn new(hash: u64, offset: u16) -> Wide {
        let part = |k: u32| (hash >> (48 - 16 * k)) as u16;
        Wide {
            hash: [part(0), part(1), part(2), part(3)],
            offset,
        }
    }

    fn key(&self) -> u64 {
        (self.hash.iter()).fold(0, |h, &part| (h << 16) | u64::from(part))
    }

    fn offset(&self) -> u16 {
        self.offset
    }
}

/// A pair whose text is given by its number among the roster's distinct normalised texts
/// (`Texts`), 4 bytes: texts repeat from job to job (the same tasks in every department), so
/// a roster of millions of pairs has a few thousand distinct texts, and a number of 16 bits
/// names them.
#[derive(Debug, Clone, Copy)]
struct Narrow {
    text: u16,
    offset: u16,
}

impl Pair for Narrow {
    fn new(text: u64, offset: u16) -> Narrow {
        Narrow {
            text: text as u16,
            offset,
        }
    }

    fn key(&self) -> u64 {
        u64::from(self.text)
    }

    fn offset(&self) -> u16 {
        self.offset
    }
}

const FAR: u16 = u16::MAX;

/// Where one sorted array of a job's pairs is in `Arrays::arena`, and the line its entries'
/// offsets are from (16 bytes a job).
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: usize,
    len: u32,
    /// The smallest line of the array, or `u32::MAX` when it is beyond (any base is right: a
    /// line that is not within `FAR` after it is kept in `Arrays::far`).
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

    /// The line of an entry of this array with `offset`; `far` holds it when it is `FAR`.
    fn line(self, offset: u16, far: impl FnOnce() -> u64) -> u64 {
        match offset {
            FAR => far(),
            offset => u64::from(self.base) + u64::from(offset),
        }
    }
}

/// A task text: the hash of its normalised form, and its number among the roster's distinct
/// texts while they are numbered (`Kept::Narrow`; 0 after).
#[derive(Debug, Clone, Copy)]
pub struct Text {
    hash: u64,
    number: u16,
}

/// The distinct normalised texts seen so far, numbered in the order they came: hash → number,
/// and number → hash.
#[derive(Debug, Default)]
struct Texts {
    numbers: FastMap<u64, u16>,
    hashes: Vec<u64>,
}

impl Texts {
    /// The number of the text of `hash`, numbered now if it is new and fewer than `most`
    /// texts are numbered; `None` when it is new and they are not.
    fn number(&mut self, hash: u64, most: usize) -> Option<u16> {
        if let Some(&number) = self.numbers.get(&hash) {
            return Some(number);
        }
        let number = u16::try_from(self.hashes.len()).ok()?;
        if self.hashes.len() >= most {
            return None;
        }
        self.numbers.insert(hash, number);
        self.hashes.push(hash);
        Some(number)
    }
}

/// The sorted arrays of every job's pairs (but the current run's), their entries of type `E`.
#[derive(Debug)]
struct Arrays<E> {
    /// Every job's arrays end to end: one vector for all, not an allocation or two per job (a
    /// roster can have hundreds of thousands of jobs).
    arena: Vec<E>,
    /// Entries of `arena` no job points to any more (arrays merged into a larger one).
    garbage: usize,
    /// Per job: its largest array (`len` 0: none yet).
    first: Vec<Span>,
    /// Per job whose rows came back: its other arrays, larger first.
    more: FastMap<usize, Vec<Span>>,
    /// First lines too far from their array's base, by job and key.
    far: FastMap<(usize, u64), u64>,
}

impl<E> Default for Arrays<E> {
    fn default() -> Self {
        Arrays {
            arena: Vec::new(),
            garbage: 0,
            first: Vec::new(),
            more: FastMap::default(),
            far: FastMap::default(),
        }
    }
}

impl<E: Pair> Arrays<E> {
    /// The first line of `job`'s pair of text `key`, if it has one.
    fn find(&self, job: usize, key: u64) -> Option<u64> {
        let first = *self.first.get(job)?;
        let more = self.more.get(&job).map_or(&[][..], Vec::as_slice);
        for span in std::iter::once(first).chain(more.iter().copied()) {
            let level = &self.arena[span.range()];
            if let Ok(k) = level.binary_search_by_key(&key, E::key) {
                return Some(span.line(level[k].offset(), || self.far[&(job, key)]));
            }
        }
        None
    }

    /// Files a run of `job`'s pairs (key, first line; no key already filed for the job) with
    /// its earlier ones.
    fn file(&mut self, job: usize, run: &[(u64, u64)]) {
        let start = self.arena.len();
        let base = Span::base_for(run.iter().map(|&(_, line)| line).min().unwrap_or(0));
        for &(key, line) in run {
            let offset = Span::offset(base, line);
            if offset == FAR {
                self.far.insert((job, key), line);
            }
            self.arena.push(E::new(key, offset));
        }
        self.arena[start..].sort_unstable_by_key(E::key);
        let span = Span {
            start,
            len: index_u32(self.arena.len() - start),
            base,
        };
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

    /// Two sorted arrays of `job`'s distinct keys (no key in both) as one, at the end of the
    /// arena, its offsets from the smaller base.
    fn merge(&mut self, job: usize, a: Span, b: Span) -> Span {
        let base = a.base.min(b.base);
        let start = self.arena.len();
        self.arena.reserve(a.len as usize + b.len as usize);
        let (mut i, mut j) = (a.start, b.start);
        while i < a.range().end || j < b.range().end {
            let from_a = j == b.range().end
                || (i < a.range().end && self.arena[i].key() < self.arena[j].key());
            let (k, span) = if from_a { (i, a) } else { (j, b) };
            if from_a {
                i += 1;
            } else {
                j += 1;
            }
            let entry = self.arena[k];
            let key = entry.key();
            let line = span.line(entry.offset(), || self.far[&(job, key)]);
            let offset = Span::offset(base, line);
            if offset == FAR {
                self.far.insert((job, key), line);
            }
            self.arena.push(E::new(key, offset));
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
}

impl Arrays<Narrow> {
    /// The same arrays with each text given by its hash, each array sorted again by hash.
    fn widen(self, texts: &Texts) -> Arrays<Wide> {
        let hash = |key: u64| texts.hashes[key as usize];
        let mut arena: Vec<Wide> = (self.arena.iter())
            .map(|e| Wide::new(hash(e.key()), e.offset))
            .collect();
        drop(self.arena);
        let spans = self.first.iter().chain(self.more.values().flatten());
        for span in spans {
            arena[span.range()].sort_unstable_by_key(Wide::key);
        }
        Arrays {
            arena,
            garbage: self.garbage,
            first: self.first,
            more: self.more,
            far: (self.far.into_iter())
                .map(|((job, key), line)| ((job, hash(key)), line))
                .collect(),
        }
    }
}

/// The arrays of pairs: numbers of texts while the roster's distinct texts are few enough,
/// hashes from the first text past that on (the numbers would then take more than they save).
#[derive(Debug)]
enum Kept {
    Narrow(Arrays<Narrow>, Texts),
    Wide(Arrays<Wide>),
}

impl Default for Kept {
    fn default() -> Self {
        Kept::Narrow(Arrays::default(), Texts::default())
    }
}

/// Finds, for each task row, the first row of the same job with the same normalised text.
#[derive(Debug)]
pub struct Duplicates {
    kept: Kept,
    /// How many distinct texts are numbered before the pairs are kept by hash: all that 16
    /// bits number (fewer in tests).
    most_texts: usize,
    /// The job being read, and its pairs since its rows began: hash → first line, and the
    /// text's number (while the texts are numbered).
    run_job: Option<usize>,
    run: FastMap<u64, (u64, u16)>,
    /// The run's pairs as they are filed (key, first line), kept for the next run.
    filing: Vec<(u64, u64)>,
}

impl Default for Duplicates {
    fn default() -> Self {
        Duplicates {
            kept: Kept::default(),
            most_texts: 1 << 16,
            run_job: None,
            run: FastMap::default(),
            filing: Vec::new(),
        }
    }
}

impl Duplicates {
    /// The text whose normalised form hashes to `hash`, numbered while the texts are (from
    /// the first text past what they may be on, the pairs are kept by hash). What it gives
    /// stays right to use for the rest of the roster: a caller keeps it for each distinct
    /// text instead of asking again.
    pub fn text(&mut self, hash: u64) -> Text {
        if let Kept::Narrow(_, texts) = &mut self.kept {
            match texts.number(hash, self.most_texts) {
                Some(number) => return Text { hash, number },
                None => {
                    self.kept = match std::mem::take(&mut self.kept) {
                        Kept::Narrow(arrays, texts) => Kept::Wide(arrays.widen(&texts)),
                        wide => wide,
                    };
                }
            }
        }
        Text { hash, number: 0 }
    }

    /// A task row of job `job` (numbered from 0) on `line`, of the text `text` (from
    /// [`Duplicates::text`]): the line of the job's earlier row with the same text, if any.
    pub fn see(&mut self, job: usize, text: Text, line: u64) -> Option<u64> {
        if self.run_job != Some(job) {
            self.close_run();
            self.run_job = Some(job);
        }
        if let Some(&(first, _)) = self.run.get(&text.hash) {
            return Some(first);
        }
        let filed = match &self.kept {
            Kept::Narrow(arrays, _) => arrays.find(job, u64::from(text.number)),
            Kept::Wide(arrays) => arrays.find(job, text.hash),
        };
        if filed.is_some() {
            return filed;
        }
        self.run.insert(text.hash, (line, text.number));
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
        let mut filing = std::mem::take(&mut self.filing);
        filing.clear();
        let pairs = self.run.iter();
        match &mut self.kept {
            Kept::Narrow(arrays, _) => {
                filing.extend(pairs.map(|(_, &(line, number))| (u64::from(number), line)));
                arrays.file(job, &filing);
            }
            Kept::Wide(arrays) => {
                filing.extend(pairs.map(|(&hash, &(line, _))| (hash, line)));
                arrays.file(job, &filing);
            }
        }
        // A long run leaves large tables behind: let them go rather than keep them for small
        // ones.
        if self.run.capacity() > 1 << 16 {
            self.run = FastMap::default();
        } else {
            self.run.clear();
            self.filing = filing;
        }
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
    fn a_pair_is_four_or_ten_bytes_and_a_span_sixteen() {
        assert_eq!(std::mem::size_of::<Narrow>(), 4);
        assert_eq!(std::mem::size_of::<Wide>(), 10);
        assert_eq!(std::mem::size_of::<Span>(), 16);
    }

    /// Against the definition it replaces (one map per job, hash → line of the first row), on
    /// rosters whose jobs come in runs of every length, come back, or alternate row by row,
    /// with hashes that repeat within and across jobs and lines beyond 32 bits; the texts
    /// numbered throughout, or kept by hash from a number of texts on (the arrays then
    /// widened in the middle of the roster).
    #[test]
    fn finds_what_one_map_per_job_finds() {
        let mut draw = crate::test_draws(18);
        let mut widened = 0;
        for round in 0..400 {
            let jobs = 1 + draw(12);
            let texts = 1 + draw(60);
            let rows = draw(600);
            let mut line: u64 = if round % 7 == 0 {
                u64::from(u32::MAX) - 50
            } else {
                2
            };
            let mut fast = Duplicates::default();
            if round % 2 == 1 {
                fast.most_texts = draw(texts + 1);
            }
            let mut texts_seen = HashMap::new();
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
                // Kept per distinct text as the caller keeps it, from before any widening.
                let text = *texts_seen.entry(hash).or_insert_with(|| fast.text(hash));
                assert_eq!(fast.see(job, text, line), expected, "round {round}");
            }
            fast.close_run();
            let (most, garbage, arena) = match &fast.kept {
                Kept::Narrow(arrays, _) => arrays.shape(),
                Kept::Wide(arrays) => {
                    widened += 1;
                    arrays.shape()
                }
            };
            assert!(most <= 12, "round {round}: {most} arrays for one job");
            // Compacting keeps the garbage under half the arena.
            assert!(garbage <= arena / 2, "round {round}");
        }
        assert!(widened > 100, "{widened} rounds widened");
    }

    impl<E> Arrays<E> {
        /// The most arrays of one job, the garbage, the arena's length.
        fn shape(&self) -> (usize, usize, usize) {
            let most = self.more.values().map(|m| 1 + m.len()).max().unwrap_or(0);
            (most, self.garbage, self.arena.len())
        }
    }
}
