//! Rosters given together (`score a.csv b.csv c.xlsx`), pooled into one analysis, read at once
//! where the cores allow: each file is opened, parsed, typed and scored on a thread of its own
//! (with its own parsing thread, as `load` reads any file), while the calling thread hands the
//! scored rows on, file after file and row after row, with each file's warnings and errors in
//! their place among its rows. So whatever takes the rows (the aggregator) sees exactly what
//! it would see if the files were read one after the other: the same rows in the same order,
//! the same warnings, and the same first error. Files ahead of the one being handed on are
//! read only a bounded number of rows ahead, so memory does not grow with the files' sizes.

use std::cell::RefCell;
use std::io::Read;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use crate::error::InputError;
use crate::load::{self, Columns, FileStats, JobHashes, Row, TextRecord};
use crate::rubric::Rubric;
use crate::score::{Scored, Scorer};

/// Rows handed over at a time.
const BATCH: usize = 1024;

/// Batches read ahead of the rows being handed on, shared among the files being read: about
/// 20 MB at the benchmark's 250 bytes a row.
const BATCHES_AHEAD: usize = 64;

/// An opened roster: the name its errors and rows are told under, its CSV bytes, and what else
/// opening it gave (a budget document's figures).
pub type Opened<X> = (String, Box<dyn Read + Send>, X);

/// Opens a roster by the name given, telling its warnings.
pub type Open<'a, X> =
    dyn Fn(&str, &mut dyn FnMut(String)) -> Result<Opened<X>, InputError> + Sync + 'a;

/// How many files are read at once: `EXPOSURE_THREADS` when it is set, else one per two
/// cores, as each file is already read on two threads (parsing; typing and scoring). Measured
/// on two cores, reading two files at once took 55 % more CPU time and twice the peak memory
/// for no gain in wall time (docs/performance.md).
pub fn threads() -> usize {
    match std::env::var_os("EXPOSURE_THREADS") {
        Some(_) => crate::parallel::threads(),
        None => (crate::parallel::threads() / 2).max(1),
    }
}

/// Whether `rosters` are read at once by [`read`] on `threads` threads: several files, more
/// than one thread, and no standard input (whose reader could not be stopped if an earlier
/// file's error ended the run: it would wait for the end of the input).
pub fn at_once(rosters: &[String], threads: usize) -> bool {
    rosters.len() > 1 && threads > 1 && !rosters.iter().any(|r| r == "-")
}

/// What reading the rosters hands on, in the order of the files.
pub struct Handlers<'h, X> {
    /// A typed row and its score, as `load::read_roster_with` hands rows to its `on_row`.
    pub on_row: &'h mut dyn FnMut(&Row, Scored) -> Result<(), InputError>,
    /// The jobs that rows a few ahead start, as `load::read_roster_with` gives them to its
    /// `prepare`: when the files are read one after the other (the rows are then handed on as
    /// they are read, on this thread).
    pub prepare_jobs: &'h mut dyn FnMut(&[JobHashes]),
    /// An error confined to a row: `Ok` to read on (`check`), or the error to stop.
    pub on_row_error: &'h mut dyn FnMut(InputError) -> Result<(), InputError>,
    /// A file read to its end: its columns, what reading it found, and what opening it gave.
    pub on_file: &'h mut dyn FnMut(Columns, FileStats, X),
    pub warn: &'h mut dyn FnMut(String),
}

/// Reads `rosters` (opened by `open`) and hands their rows, each scored, their warnings and
/// errors to `handlers` in the files' order: one after the other, or at once on up to
/// `threads` threads when [`at_once`] says so, as reading them one after the other would.
/// `read_on` says whether a row's error lets reading go on (what `on_row_error` answers): each
/// file's thread must know it before the calling thread is told.
pub fn read<X: Send>(
    rosters: &[String],
    rubric: &Rubric,
    threads: usize,
    read_on: bool,
    open: &Open<'_, X>,
    h: Handlers<X>,
) -> Result<(), InputError> {
    if at_once(rosters, threads) {
        return read_at_once(rosters, rubric, threads, read_on, open, h);
    }
    // Shared by the two callbacks of the reader: one warms its table up for a batch of rows,
    // the other scores them.
    let scorer = RefCell::new(Scorer::new(rubric));
    for roster in rosters {
        let (name, input, extra) = open(roster, h.warn)?;
        let (columns, stats) = load::read_roster_with(
            &name,
            input,
            &mut |tasks, jobs| {
                (h.prepare_jobs)(jobs);
                scorer.borrow().prepare(tasks);
            },
            &mut |row| {
                let scored = scorer.borrow_mut().score(row)?;
                (h.on_row)(row, scored)
            },
            h.on_row_error,
            h.warn,
        )?;
        (h.on_file)(columns, stats, extra);
    }
    Ok(())
}

fn read_at_once<X: Send>(
    rosters: &[String],
    rubric: &Rubric,
    threads: usize,
    read_on: bool,
    open: &Open<'_, X>,
    handlers: Handlers<X>,
) -> Result<(), InputError> {
    let ahead = (BATCHES_AHEAD / threads.max(1)).max(2);
    let (senders, receivers): (Vec<_>, Vec<_>) = (0..rosters.len())
        .map(|_| {
            let (tx, rx) = sync_channel::<Event<X>>(ahead);
            (Mutex::new(Some(tx)), rx)
        })
        .collect();
    let free = &Mutex::new(Vec::new());
    crate::parallel::produce_each(
        rosters,
        threads,
        || Scorer::new(rubric),
        |scorer, i, roster| {
            let taken = senders[i].lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(tx) = taken {
                read_one(roster, scorer, read_on, open, Out::new(tx, free));
            }
        },
        move || hand_on(receivers, free, handlers),
    )
}

/// What a file's thread sends, in the order reading meets it.
enum Event<X> {
    Rows(Batch),
    Warning(String),
    RowError(InputError),
    Done(Result<(Columns, FileStats, X), InputError>),
}

/// Scored rows of one file, their cells copied out of the reader's buffers.
struct Batch {
    header: Arc<Header>,
    rows: Vec<ScoredRow>,
    /// The first `len` of `rows` are this batch's; the others are kept for their memory.
    len: usize,
}

/// What every row of a file shares.
struct Header {
    file: String,
    columns: Columns,
}

struct ScoredRow {
    cells: TextRecord,
    line: u64,
    task_hash: Option<u64>,
    scored: Scored,
}

/// The sending end of one file: its rows gathered into batches, whose memory comes back from
/// the calling thread through `free`.
struct Out<'f, X> {
    tx: SyncSender<Event<X>>,
    batch: Option<Batch>,
    free: &'f Mutex<Vec<Vec<ScoredRow>>>,
    /// The calling thread stopped reading (at an error of an earlier file or row).
    gone: bool,
}

impl<'f, X> Out<'f, X> {
    fn new(tx: SyncSender<Event<X>>, free: &'f Mutex<Vec<Vec<ScoredRow>>>) -> Self {
        Out {
            tx,
            batch: None,
            free,
            gone: false,
        }
    }

    fn send(&mut self, event: Event<X>) {
        self.flush();
        self.send_now(event);
    }

    fn send_now(&mut self, event: Event<X>) {
        if !self.gone && self.tx.send(event).is_err() {
            self.gone = true;
        }
    }

    fn flush(&mut self) {
        if let Some(batch) = self.batch.take() {
            self.send_now(Event::Rows(batch));
        }
    }

    fn push(&mut self, row: &Row, scored: Scored) {
        if self
            .batch
            .as_ref()
            .is_some_and(|b| b.header.columns.id != row.columns.id)
        {
            self.flush();
        }
        let batch = self.batch.get_or_insert_with(|| Batch {
            header: Arc::new(Header {
                file: row.file.to_string(),
                columns: row.columns.clone(),
            }),
            rows: self
                .free
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .pop()
                .unwrap_or_default(),
            len: 0,
        });
        if batch.len == batch.rows.len() {
            batch.rows.push(ScoredRow {
                cells: TextRecord::default(),
                line: 0,
                task_hash: None,
                scored,
            });
        }
        let slot = &mut batch.rows[batch.len];
        slot.cells.copy_from(row.cells);
        (slot.line, slot.task_hash, slot.scored) = (row.line, row.task_hash, scored);
        batch.len += 1;
        if batch.len == BATCH {
            let header = Arc::clone(&batch.header);
            self.flush();
            // The next batch of the same file shares its header.
            self.batch = Some(Batch {
                header,
                rows: (self.free.lock().unwrap_or_else(|e| e.into_inner()))
                    .pop()
                    .unwrap_or_default(),
                len: 0,
            });
        }
    }
}

/// Opens, reads and scores one roster on this thread, sending what it meets to `out`.
fn read_one<X>(roster: &str, scorer: &mut Scorer, read_on: bool, open: &Open<'_, X>, out: Out<X>) {
    let out = RefCell::new(out);
    let mut warn = |w: String| out.borrow_mut().send(Event::Warning(w));
    let result = open(roster, &mut warn).and_then(|(name, input, extra)| {
        let scorer = RefCell::new(scorer);
        let read = load::read_roster_with(
            &name,
            input,
            &mut |tasks, _| scorer.borrow().prepare(tasks),
            &mut |row| {
                let scored = scorer.borrow_mut().score(row)?;
                let mut out = out.borrow_mut();
                out.push(row, scored);
                match out.gone {
                    true => Err(stopped(&name)),
                    false => Ok(()),
                }
            },
            &mut |e| {
                // Told in its place; whether reading goes on, the calling thread's
                // `on_row_error` says there too (as `read_on` says here).
                let mut out = out.borrow_mut();
                out.send(Event::RowError(e));
                match read_on && !out.gone {
                    true => Ok(()),
                    false => Err(stopped(&name)),
                }
            },
            &mut warn,
        )?;
        Ok((read.0, read.1, extra))
    });
    out.into_inner().send(Event::Done(result));
}

/// Ends the reading of a file whose rest nobody will read: the calling thread stopped (at an
/// error of an earlier file or row), or will at the row error just sent.
fn stopped(name: &str) -> InputError {
    InputError::file(name, "reading stopped")
}

/// Hands on the files' rows, warnings and errors in the order of the files, until the first
/// error that stops reading.
fn hand_on<X>(
    receivers: Vec<Receiver<Event<X>>>,
    free: &Mutex<Vec<Vec<ScoredRow>>>,
    h: Handlers<X>,
) -> Result<(), InputError> {
    for rx in receivers {
        loop {
            // Closed without its end: the file's thread panicked, which the scope carries on.
            let Ok(event) = rx.recv() else {
                return Ok(());
            };
            match event {
                Event::Rows(batch) => {
                    let Header { file, columns } = &*batch.header;
                    for r in &batch.rows[..batch.len] {
                        // Typed again from the same cells: typing is cheap, and a row is
                        // typed in one place.
                        let handed = load::typed_row(file, r.line, columns, &r.cells, r.task_hash)
                            .and_then(|row| (h.on_row)(&row, r.scored));
                        if let Err(e) = handed {
                            (h.on_row_error)(e)?;
                        }
                    }
                    let mut free = free.lock().unwrap_or_else(|e| e.into_inner());
                    if free.len() < BATCHES_AHEAD {
                        free.push(batch.rows);
                    }
                }
                Event::Warning(w) => (h.warn)(w),
                Event::RowError(e) => (h.on_row_error)(e)?,
                Event::Done(Ok((columns, stats, extra))) => {
                    (h.on_file)(columns, stats, extra);
                    break;
                }
                Event::Done(Err(e)) => return Err(e),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rosters in memory, by name.
    type Files = Vec<(String, Vec<u8>)>;

    fn open(
        files: &Files,
    ) -> impl Fn(&str, &mut dyn FnMut(String)) -> Result<Opened<()>, InputError> + Sync + '_ {
        move |name: &str, warn: &mut dyn FnMut(String)| {
            warn(format!("opening {name}"));
            let (_, bytes) = (files.iter().find(|(n, _)| n == name))
                .ok_or_else(|| InputError::file(name, "no such file"))?;
            Ok((
                name.to_string(),
                Box::new(std::io::Cursor::new(bytes.clone())) as _,
                (),
            ))
        }
    }

    /// Everything handed on, in order, as text; a row of the job "Stop" is refused as the
    /// aggregator refuses a row (after the thread that scores it).
    fn log(files: &Files, threads: usize, read_on: bool) -> Vec<String> {
        let rubric = Rubric::builtin();
        let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
        let log = RefCell::new(Vec::new());
        let on_row = &mut |row: &Row, scored: Scored| {
            log.borrow_mut().push(format!(
                "{}:{} {} {} {:?}",
                row.file, row.line, row.job, row.task, scored
            ));
            if row.job == "Stop" {
                return Err(InputError::at(row.file, row.line, "stop"));
            }
            Ok(())
        };
        let on_row_error = &mut |e: InputError| {
            log.borrow_mut().push(format!("row error {e}"));
            if read_on { Ok(()) } else { Err(e) }
        };
        let on_file = &mut |columns: Columns, stats: FileStats, ()| {
            log.borrow_mut().push(format!(
                "file {} {} {:?}",
                stats.file, stats.rows, columns.headers
            ));
        };
        let warn = &mut |w: String| log.borrow_mut().push(format!("warning {w}"));
        let open = open(files);
        let handlers = Handlers {
            on_row,
            prepare_jobs: &mut |_| {},
            on_row_error,
            on_file,
            warn,
        };
        let result = read(&names, &rubric, threads, read_on, &open, handlers);
        let mut log = log.into_inner();
        log.push(format!("{result:?}"));
        log
    }

    fn roster(seed: usize, rows: usize, odd: &[(usize, &str)]) -> Vec<u8> {
        let mut text = String::from("Métier;Tâche;Effectif\n");
        for line in 2..rows + 2 {
            match odd.iter().find(|(l, _)| *l == line) {
                Some((_, row)) => text.push_str(row),
                None => text.push_str(&format!(
                    "Agent {};Saisir les factures {};{}",
                    (line + seed) % 40,
                    line % 3,
                    (line + seed) % 40 + 1
                )),
            }
            text.push('\n');
        }
        text.into_bytes()
    }

    #[test]
    fn rows_warnings_and_errors_are_handed_on_as_one_file_after_the_other() {
        let mut cp1252 = roster(1, 3000, &[(1500, "Agent 1;x;2")]);
        // A Windows-1252 "é" in the middle of the file: a warning there.
        let at = cp1252.len() / 2;
        let at = at + cp1252[at..].iter().position(|&b| b == b'f').unwrap();
        cp1252[at] = 0xe9;
        let files: Files = vec![
            (
                "a.csv".into(),
                roster(0, 2500, &[(700, "Agent 9;bad;abc"), (2400, "Stop;x;1")]),
            ),
            ("b.csv".into(), cp1252),
            ("c.csv".into(), b"job;task\n".to_vec()),
            ("d.csv".into(), roster(2, 2500, &[(2000, "Agent 3;a;b;c")])),
            ("e.csv".into(), roster(3, 10, &[])),
        ];
        let subsets: Vec<Files> = vec![
            files.clone(),
            vec![files[1].clone(), files[3].clone(), files[4].clone()],
            vec![files[4].clone(), files[1].clone(), files[0].clone()],
            vec![
                files[4].clone(),
                ("missing.csv".into(), Vec::new()),
                files[1].clone(),
            ],
        ];
        for files in &subsets {
            for read_on in [false, true] {
                let alone = log(files, 1, read_on);
                assert!(alone.len() > 10, "{alone:?}");
                for threads in [2, 5] {
                    let at_once = log(files, threads, read_on);
                    // The first difference, rather than thousands of lines.
                    let first = (0..alone.len().max(at_once.len()))
                        .find(|&i| alone.get(i) != at_once.get(i));
                    assert_eq!(
                        first.map(|i| (alone.get(i), at_once.get(i))),
                        None,
                        "{threads} threads, read on: {read_on}"
                    );
                }
            }
        }
    }
}
