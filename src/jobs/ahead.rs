//! Job titles resolved while the rows are still being read. The thread that takes the rows is
//! the busy one while reading, and the parsing thread leaves the second core half idle; a
//! roster of 100,000 distinct titles spent about a quarter of its instructions resolving them
//! after the last row. So each new title is handed, a batch at a time, to a thread of its own,
//! at a low priority (it takes what the reading threads leave). After the last row,
//! [`TitlesAhead::finish`] has the calling thread take the batches left too, while that thread
//! goes on with the words it has met already (a word costs most the first time a thread meets
//! it), and hands back every title resolved. A title is decided from its text alone
//! (`of_title`), so a decision does not depend on the thread or the moment: the outputs are the
//! same bytes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use super::{Found, SharedFound, of_title};
use crate::intern::Name;
use crate::isco::IscoMap;

/// Titles handed over at a time. A roster with fewer new titles (a headcount table of a few
/// hundred posts) starts no thread: its titles are resolved after the last row, as before.
const BATCH: usize = 512;

/// What the titles resolved ahead come to: each title's `Found` (shared through `shared`, which
/// the finishing goes on with), and whether a grade beside the job may place it; and the
/// titles met that no thread was started for, in the order met.
#[derive(Default)]
pub(super) struct Resolved {
    pub(super) decisions: Decisions,
    pub(super) shared: SharedFound,
    pub(super) pending: Vec<Name>,
}

/// The decisions on the titles handed out, by their place in the order handed out (the order
/// [`TitlesAhead::push`] met them: `Aggregator::new_titles`, whose places the jobs carry), a
/// batch at a time: a job finds its title's by index, with no hashing, and a batch's vectors
/// are made once, never grown or rehashed (a map of 117,000 titles grew to 16.8 MB, faulted in
/// as it was rehashed). Each decision has its title beside it, which a job's title must be (by
/// address): a place given some other way finds nothing rather than another title's decision.
#[derive(Default)]
pub(super) struct Decisions {
    /// Batch `k` holds the titles from place `k · BATCH`.
    batches: Vec<Decided>,
}

/// A batch's titles and, side by side, the decisions on them.
#[derive(Default)]
struct Decided {
    titles: Vec<Name>,
    found: Vec<(Found, bool)>,
}

impl Decisions {
    /// The decision on the title at `place`, when `title` is that title.
    pub(super) fn get(&self, place: u32, title: &Name) -> Option<&(Found, bool)> {
        let place = place as usize;
        let batch = self.batches.get(place / BATCH)?;
        let at = place % BATCH;
        let kept = batch.titles.get(at)?;
        (kept.address() == title.address()).then(|| &batch.found[at])
    }

    /// Batch `k`'s titles (all of it but maybe the last: `BATCH` titles) and their decisions.
    fn put(&mut self, k: usize, titles: Vec<Name>, found: Vec<(Found, bool)>) {
        debug_assert_eq!(titles.len(), found.len());
        if self.batches.len() <= k {
            self.batches.resize_with(k + 1, Decided::default);
        }
        self.batches[k] = Decided { titles, found };
    }

    /// The titles from place 0 (the pending ones: no thread took any, so there are none when
    /// one did), and their decisions.
    pub(super) fn put_from_start(&mut self, titles: Vec<Name>, found: Vec<(Found, bool)>) {
        if titles.is_empty() {
            return;
        }
        if titles.len() <= BATCH {
            return self.put(0, titles, found);
        }
        // (No thread could be started: the titles were never cut into batches.)
        let (mut titles, mut found) = (titles.into_iter(), found.into_iter());
        for k in 0.. {
            let batch: Vec<Name> = titles.by_ref().take(BATCH).collect();
            if batch.is_empty() {
                break;
            }
            self.put(k, batch, found.by_ref().take(BATCH).collect());
        }
    }

    /// Every title kept, in its batch's order.
    #[cfg(test)]
    fn titles(&self) -> impl Iterator<Item = &Name> {
        self.batches.iter().flat_map(|b| &b.titles)
    }
}

/// The new titles of a roster being read, and the thread resolving them.
pub struct TitlesAhead {
    isco_map: Option<Arc<IscoMap>>,
    batch: Vec<Name>,
    worker: Option<Worker>,
    /// No thread could be started: every title stays in `batch`, for the finishing.
    alone: bool,
}

struct Worker {
    queue: Arc<Queue>,
    /// What the thread resolved, sent before it ends: its memos are let go after, unwaited.
    resolved: Receiver<Resolved>,
    thread: JoinHandle<()>,
}

#[derive(Default)]
struct Queue {
    batches: Mutex<Batches>,
    ready: Condvar,
    /// Nothing more wanted (reading stopped at an error): the thread ends at once.
    stop: AtomicBool,
}

/// The batches handed over (batch `k` holds the titles from place `k · BATCH`), the next one
/// to take, and whether more are coming.
#[derive(Default)]
struct Batches {
    list: Vec<Vec<Name>>,
    next: usize,
    last_given: bool,
}

impl Batches {
    fn give(&mut self, batch: Vec<Name>) {
        self.list.push(batch);
    }

    /// The next batch not taken yet (left empty in the list), and its number.
    fn take(&mut self) -> Option<(usize, Vec<Name>)> {
        let batch = std::mem::take(self.list.get_mut(self.next)?);
        self.next += 1;
        Some((self.next - 1, batch))
    }
}

impl TitlesAhead {
    /// With the user's `--isco-map`, which a title's decision reads first.
    pub fn new(isco_map: Option<&IscoMap>) -> Self {
        TitlesAhead {
            isco_map: isco_map.map(|m| Arc::new(m.clone())),
            batch: Vec::new(),
            worker: None,
            alone: false,
        }
    }

    /// A title met for the first time.
    pub fn push(&mut self, title: Name) {
        self.batch.push(title);
        if self.batch.len() < BATCH || self.alone {
            return;
        }
        if self.worker.is_none() {
            self.worker = Worker::start(self.isco_map.clone());
            self.alone = self.worker.is_none();
        }
        if let Some(w) = &self.worker {
            w.queue.lock().give(std::mem::take(&mut self.batch));
            w.queue.ready.notify_one();
        }
    }

    /// Every title met, resolved: the batches the thread has not taken are shared between it
    /// and this thread. Without a thread (few titles, or none could be started), they are
    /// handed back as pending.
    pub(super) fn finish(mut self) -> Resolved {
        let Some(w) = self.worker.take() else {
            return Resolved {
                pending: std::mem::take(&mut self.batch),
                ..Resolved::default()
            };
        };
        {
            let mut batches = w.queue.lock();
            if !self.batch.is_empty() {
                batches.give(std::mem::take(&mut self.batch));
            }
            batches.last_given = true;
        }
        w.queue.ready.notify_all();
        let isco_map = self.isco_map.as_deref();
        let mut mine = Vec::new();
        loop {
            // (Taken in a statement of its own: the lock is let go before the batch is
            // resolved, which the scrutinee of a `while let` would not do.)
            let batch = w.queue.lock().take();
            let Some((k, titles)) = batch else {
                break;
            };
            let found: Vec<_> = titles.iter().map(|t| of_title(t, isco_map)).collect();
            mine.push((k, titles, found));
        }
        let mut resolved = w.resolved();
        for (k, titles, mut found) in mine {
            for (found, _) in &mut found {
                *found = resolved.shared.share(std::mem::take(found));
            }
            resolved.decisions.put(k, titles, found);
        }
        resolved
    }
}

impl Drop for TitlesAhead {
    fn drop(&mut self) {
        // Reading stopped before its end: the thread's titles are not wanted.
        if let Some(w) = self.worker.take() {
            w.queue.stop.store(true, Ordering::Relaxed);
            drop(w.queue.lock());
            w.queue.ready.notify_all();
        }
    }
}

impl Queue {
    fn lock(&self) -> std::sync::MutexGuard<'_, Batches> {
        self.batches.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Worker {
    /// `None` when no thread can be started: the titles are then resolved after the last row.
    fn start(isco_map: Option<Arc<IscoMap>>) -> Option<Worker> {
        let queue = Arc::new(Queue::default());
        let shared = Arc::clone(&queue);
        let (send, resolved) = sync_channel(1);
        let thread = std::thread::Builder::new()
            .name("titles-ahead".into())
            .spawn(move || {
                lower_priority();
                if let Some(done) = resolve(&shared, isco_map.as_deref()) {
                    // The receiver waits for it unless reading stopped (then it is dropped).
                    let _ = send.send(done);
                }
            })
            .ok()?;
        Some(Worker {
            queue,
            resolved,
            thread,
        })
    }

    /// What the thread resolved, once it has taken the last batch; its end is not waited for
    /// (it lets its memos go meanwhile), unless it panicked.
    fn resolved(self) -> Resolved {
        match self.resolved.recv() {
            Ok(resolved) => resolved,
            Err(_) => match self.thread.join() {
                Err(p) => std::panic::resume_unwind(p),
                Ok(()) => unreachable!("the thread sends what it resolved before it ends"),
            },
        }
    }
}

/// The thread's work: the batches in the order given, until the last is taken (what it
/// resolved), or until told to stop (`None`).
fn resolve(queue: &Queue, isco_map: Option<&IscoMap>) -> Option<Resolved> {
    let mut resolved = Resolved::default();
    loop {
        let batch = {
            let mut batches = queue.lock();
            loop {
                if queue.stop.load(Ordering::Relaxed) {
                    return None;
                }
                if let Some(batch) = batches.take() {
                    break Some(batch);
                }
                if batches.last_given {
                    break None;
                }
                batches = (queue.ready.wait(batches)).unwrap_or_else(|e| e.into_inner());
            }
        };
        let Some((k, titles)) = batch else {
            return Some(resolved);
        };
        let mut found = Vec::with_capacity(titles.len());
        for title in &titles {
            if queue.stop.load(Ordering::Relaxed) {
                return None;
            }
            let (f, grade_may_place) = of_title(title, isco_map);
            found.push((resolved.shared.share(f), grade_may_place));
        }
        resolved.decisions.put(k, titles, found);
    }
}

/// Lets the reading threads go first: this thread only takes the time they leave.
fn lower_priority() {
    // On Linux a thread's nice value is its own: `nice` lowers this thread's priority, by 10
    // below the process's (a run started with `nice` keeps the gap).
    #[cfg(target_os = "linux")]
    // SAFETY: `nice` takes a number and reads no memory of ours; a failure (-1 with errno)
    // only leaves the priority as it was.
    unsafe {
        libc::nice(10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::tests_support::job;
    use crate::classify::Method;

    /// Jobs finished from titles resolved ahead are those finished without: the same JSON.
    #[test]
    fn titles_resolved_ahead_finish_as_the_others() {
        let words = ["", " zbcj", " nord", " 2", " (remplacement)"];
        let table = include_str!("../../data/isco/coded_titles.csv");
        let mut read = csv::Reader::from_reader(table.as_bytes());
        let titles: Vec<String> = (read.records().take(300))
            .map(|r| r.expect("a row")[0].to_string())
            .chain(["Adjoint technique principal de 2e classe", "Zzyzx"].map(String::from))
            .flat_map(|t| words.map(|w| format!("{t}{w}")))
            .collect();
        // One name a title, as a roster's interned names are: the titles resolved ahead are
        // found by their names.
        let names: Vec<Name> = titles.iter().map(|t| t.as_str().into()).collect();
        // A job per title, in the order met, with its title's place among those handed out
        // (`Some(0)`: its own, as the aggregator gives it; `Some(1)`: the next title's, where
        // its own is not found; `None`: none, as for a job not read from a roster).
        let jobs = |places: Option<usize>| {
            let n = names.len();
            (names.iter().enumerate())
                .map(|(k, t)| {
                    let mut j = job(&[]);
                    j.job = t.clone();
                    j.title_place = places.map(|off| ((k + off) % n) as u32);
                    j
                })
                .collect()
        };
        let json = |ahead: Option<TitlesAhead>, places: Option<usize>| {
            let jobs = crate::aggregate::JobsToFinish::given(jobs(places));
            let (jobs, unmapped, _) =
                super::super::finish_with(jobs, ahead, None, Method::Wp140, None, &mut |_| {});
            serde_json::to_string(&(jobs, unmapped)).expect("serialisable")
        };
        // Every title met is resolved, once, whether the thread was started or not (few
        // titles, or none could be started), and found at its place.
        for (n, alone) in [
            (names.len(), false),
            (BATCH - 1, false),
            (names.len(), true),
        ] {
            let mut ahead = TitlesAhead::new(None);
            ahead.alone = alone;
            names[..n].iter().for_each(|t| ahead.push(t.clone()));
            let mut resolved = ahead.finish();
            // Without a thread every title is pending; with one, none.
            let thread = n >= BATCH && !alone;
            assert_eq!(resolved.pending.len(), if thread { 0 } else { n });
            let mut back: Vec<&str> = (resolved.decisions.titles())
                .chain(&resolved.pending)
                .map(Name::as_str)
                .collect();
            back.sort_unstable();
            let mut met: Vec<&str> = names[..n].iter().map(Name::as_str).collect();
            met.sort_unstable();
            assert_eq!(back, met);
            // As the finishing puts the pending ones.
            let pending = std::mem::take(&mut resolved.pending);
            let found = (pending.iter()).map(|t| of_title(t, None)).collect();
            resolved.decisions.put_from_start(pending, found);
            for (k, t) in names[..n].iter().enumerate() {
                let place = k as u32;
                assert!(resolved.decisions.get(place, t).is_some(), "{t} at {k}");
                // Another title's place finds nothing: a title is not its neighbour.
                let other = &names[(k + 1) % n];
                assert!(
                    resolved.decisions.get(place, other).is_none(),
                    "{other} at {k}"
                );
            }
            assert!(resolved.decisions.get(n as u32, &names[0]).is_none());
        }
        let without = json(None, None);
        // Found at their places, by the thread and the calling thread; then with no thread;
        // then each at the wrong place, so found by name after all.
        for (alone_ahead, places) in [(false, Some(0)), (true, Some(0)), (false, Some(1))] {
            let mut ahead = TitlesAhead::new(None);
            ahead.alone = alone_ahead;
            names.iter().for_each(|t| ahead.push(t.clone()));
            assert_eq!(json(Some(ahead), places), without);
        }
        // Dropped unfinished (reading stopped at an error): nothing waits for the thread.
        let mut ahead = TitlesAhead::new(None);
        names.iter().for_each(|t| ahead.push(t.clone()));
        drop(ahead);
    }
}
