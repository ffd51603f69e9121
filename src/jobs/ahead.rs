//! Job titles resolved while the rows are still being read. The thread that takes the rows is
//! the busy one while reading, and the parsing thread leaves the second core half idle; a
//! roster of 100,000 distinct titles spent about a quarter of its instructions resolving them
//! after the last row. So each new title is handed, a batch at a time, to a thread of its own,
//! at a low priority (it takes what the reading threads leave); after the last row,
//! [`TitlesAhead::finish`] stops it and hands back what it resolved and the titles it did not
//! reach, which `finish_with` resolves first, on every core. A title is decided from its text alone (`of_title`), so a decision does
//! not depend on the thread or the moment: the outputs are the same bytes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use super::{ByTitle, SharedFound, TitleKey, of_title};
use crate::intern::Name;
use crate::isco::IscoMap;

/// Titles handed over at a time. A roster with fewer new titles (a headcount table of a few
/// hundred posts) starts no thread: its titles are resolved after the last row, as before.
const BATCH: usize = 512;

/// What the titles resolved ahead come to: each title's `Found` (shared through `shared`, which
/// the finishing goes on with), and whether a grade beside the job may place it; and the
/// titles met that the thread did not reach, in the order met.
#[derive(Default)]
pub(super) struct Resolved {
    pub(super) by_title: ByTitle,
    pub(super) shared: SharedFound,
    pub(super) pending: Vec<Name>,
}

/// The new titles of a roster being read, and the thread resolving them.
pub struct TitlesAhead {
    isco_map: Option<Arc<IscoMap>>,
    batch: Vec<Name>,
    worker: Option<Worker>,
}

struct Worker {
    queue: Arc<Queue>,
    thread: JoinHandle<Resolved>,
}

#[derive(Default)]
struct Queue {
    batches: Mutex<Vec<Vec<Name>>>,
    ready: Condvar,
    /// No more titles wanted: the reading is over.
    stop: AtomicBool,
    /// No more titles coming, but those given are all wanted (the tests).
    drain: AtomicBool,
}

impl TitlesAhead {
    /// With the user's `--isco-map`, which a title's decision reads first.
    pub fn new(isco_map: Option<&IscoMap>) -> Self {
        TitlesAhead {
            isco_map: isco_map.map(|m| Arc::new(m.clone())),
            batch: Vec::new(),
            worker: None,
        }
    }

    /// A title met for the first time.
    pub fn push(&mut self, title: Name) {
        self.batch.push(title);
        if self.batch.len() < BATCH {
            return;
        }
        let batch = std::mem::take(&mut self.batch);
        match &self.worker {
            Some(w) => {
                (w.queue.batches.lock().unwrap_or_else(|e| e.into_inner())).push(batch);
                w.queue.ready.notify_one();
            }
            None => self.worker = Worker::start(batch, self.isco_map.clone()),
        }
    }

    /// Stops the thread (after the title it is resolving) and returns what it resolved, with
    /// the titles it did not reach (those of the last batch, not handed over, among them).
    pub(super) fn finish(mut self) -> Resolved {
        let mut resolved = match self.worker.take() {
            Some(w) => w.stop(false),
            None => Resolved::default(),
        };
        resolved.pending.append(&mut self.batch);
        resolved
    }

    /// What the thread resolves of the titles handed over, all of them.
    #[cfg(test)]
    fn finish_all(mut self) -> Resolved {
        match self.worker.take() {
            Some(w) => w.stop(true),
            None => Resolved::default(),
        }
    }
}

impl Drop for TitlesAhead {
    fn drop(&mut self) {
        if let Some(w) = self.worker.take() {
            w.stop(false);
        }
    }
}

impl Worker {
    /// `None` when no thread can be started: the titles are then resolved after the last row.
    fn start(first: Vec<Name>, isco_map: Option<Arc<IscoMap>>) -> Option<Worker> {
        let queue = Arc::new(Queue::default());
        queue
            .batches
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(first);
        let shared = Arc::clone(&queue);
        let thread = std::thread::Builder::new()
            .name("titles-ahead".into())
            .spawn(move || {
                lower_priority();
                resolve(&shared, isco_map.as_deref())
            })
            .ok()?;
        Some(Worker { queue, thread })
    }

    /// Stops the thread after the title it is resolving, or with `drain` after the last
    /// title handed over; the batches it did not take are added to its pending titles.
    fn stop(self, drain: bool) -> Resolved {
        let flag = if drain {
            &self.queue.drain
        } else {
            &self.queue.stop
        };
        flag.store(true, Ordering::Relaxed);
        // Taken under the lock, so that a thread about to wait sees `stop` before it waits.
        drop(self.queue.batches.lock().unwrap_or_else(|e| e.into_inner()));
        self.queue.ready.notify_all();
        let mut resolved = (self.thread.join()).unwrap_or_else(|p| std::panic::resume_unwind(p));
        let batches =
            std::mem::take(&mut *self.queue.batches.lock().unwrap_or_else(|e| e.into_inner()));
        // The batches taken were left empty.
        resolved.pending.extend(batches.into_iter().flatten());
        resolved
    }
}

/// The thread's work: the batches in the order given, until told to stop.
fn resolve(queue: &Queue, isco_map: Option<&IscoMap>) -> Resolved {
    let mut resolved = Resolved::default();
    let mut batch_index = 0;
    loop {
        let batch = {
            let mut batches = queue.batches.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                if queue.stop.load(Ordering::Relaxed) {
                    return resolved;
                }
                if batch_index < batches.len() {
                    break std::mem::take(&mut batches[batch_index]);
                }
                if queue.drain.load(Ordering::Relaxed) {
                    return resolved;
                }
                batches = (queue.ready.wait(batches)).unwrap_or_else(|e| e.into_inner());
            }
        };
        batch_index += 1;
        let mut titles = batch.into_iter();
        while let Some(title) = titles.next() {
            if queue.stop.load(Ordering::Relaxed) {
                // The title and the rest of its batch come first among those not reached.
                resolved.pending.push(title);
                resolved.pending.extend(titles);
                return resolved;
            }
            let (found, grade_may_place) = of_title(&title, isco_map);
            let found = resolved.shared.share(found);
            resolved
                .by_title
                .insert(TitleKey::new(title), (found, grade_may_place));
        }
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
        let table = include_str!("../../tests/data/title_accuracy.csv");
        let mut read = csv::Reader::from_reader(table.as_bytes());
        let titles: Vec<String> = (read.records().take(300))
            .map(|r| r.expect("a row")[0].to_string())
            .chain(["Adjoint technique principal de 2e classe", "Zzyzx"].map(String::from))
            .flat_map(|t| words.map(|w| format!("{t}{w}")))
            .collect();
        // One name a title, as a roster's interned names are: the titles resolved ahead are
        // found by their names.
        let names: Vec<Name> = titles.iter().map(|t| t.as_str().into()).collect();
        let jobs = || {
            (names.iter()).map(|t| {
                let mut j = job(&[]);
                j.job = t.clone();
                j
            })
        };
        let json = |ahead: Option<TitlesAhead>| {
            let jobs = crate::aggregate::JobsToFinish::given(jobs().collect());
            let (jobs, unmapped) =
                super::super::finish_with(jobs, ahead, None, Method::Wp140, None, &mut |_| {});
            serde_json::to_string(&(jobs, unmapped)).expect("serialisable")
        };
        let mut ahead = TitlesAhead::new(None);
        names.iter().for_each(|t| ahead.push(t.clone()));
        let resolved = ahead.finish_all();
        // Every full batch was resolved ahead, the rest is left to the finishing.
        assert_eq!(resolved.by_title.len(), titles.len() / BATCH * BATCH);
        assert!(resolved.by_title.len() >= 2 * BATCH);
        let mut ahead = TitlesAhead::new(None);
        names.iter().for_each(|t| ahead.push(t.clone()));
        assert_eq!(json(Some(ahead)), json(None));
        // Stopped at once: every title met is resolved or handed back, none twice.
        let mut ahead = TitlesAhead::new(None);
        names.iter().for_each(|t| ahead.push(t.clone()));
        let resolved = ahead.finish();
        let mut back: Vec<&str> = (resolved
            .by_title
            .keys()
            .map(|k| &k.name)
            .chain(&resolved.pending))
        .map(Name::as_str)
        .collect();
        back.sort_unstable();
        let mut met: Vec<&str> = names.iter().map(Name::as_str).collect();
        met.sort_unstable();
        assert_eq!(back, met);
    }
}
