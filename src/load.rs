//! Loading rosters: encoding, delimiter, header aliases, typed and validated rows, streamed one
//! at a time so memory grows with the number of jobs, not of task rows.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock, mpsc};

use crate::bounds::{self, Quantity};
use crate::error::InputError;
use crate::hashing::{FxHasher, TaskHash, task_hash};
use crate::intern::index_u32;
use crate::messages;
use crate::normalize::header_key;

mod records;
use records::{Got, RawCells, Records};

/// The roster fields the tool understands; any other column is a job attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Direction,
    Department,
    Job,
    Headcount,
    Task,
    Weight,
    Code,
    Score,
    Isco,
}

const FIELDS: [Field; 9] = [
    Field::Direction,
    Field::Department,
    Field::Job,
    Field::Headcount,
    Field::Task,
    Field::Weight,
    Field::Code,
    Field::Score,
    Field::Isco,
];

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Direction => "direction",
            Field::Department => "department",
            Field::Job => "job",
            Field::Headcount => "headcount",
            Field::Task => "task",
            Field::Weight => "weight",
            Field::Code => "code",
            Field::Score => "score",
            Field::Isco => "isco",
        }
    }

    /// Header names accepted for the field, as `header_key` reduces them.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Direction => &[
                "direction",
                "directiongenerale",
                "directiongeneraleadjointe",
                "dga",
                "dg",
                "pole",
                "delegation",
            ],
            Field::Department => &["department", "departement", "service", "services", "unite"],
            Field::Job => &[
                "job",
                "jobtitle",
                "metier",
                "emploi",
                "poste",
                "intitule",
                "intituledeposte",
                "intituleduposte",
                "libelleemploi",
                "libelledeposte",
                "libelleduposte",
                "fonction",
            ],
            Field::Headcount => &[
                "headcount",
                "effectif",
                "effectifs",
                "agents",
                "nombredagents",
                "nombreagents",
                "nbagents",
                "etp",
                "fte",
            ],
            Field::Task => &[
                "task",
                "tache",
                "taches",
                "activite",
                "activites",
                "activity",
            ],
            Field::Weight => &[
                "weight",
                "poids",
                "partdutemps",
                "share",
                "part",
                "tempspasse",
                "ponderation",
            ],
            Field::Code => &["code", "coderubrique", "rubriccode", "rubrique"],
            Field::Score => &["score", "exposition", "exposure"],
            Field::Isco => &["isco", "isco08", "citp", "citp08", "codeisco", "codecitp"],
        }
    }
}

/// Headers of a grade column (as `header_key` reduces them): the job title when there is no
/// métier column, an attribute beside one.
const GRADE_HEADERS: [&str; 10] = [
    "grade",
    "grades",
    "gradeemploi",
    "emploigrade",
    "gradeouemploi",
    "libellegrade",
    "cadredemplois",
    "cadredemploi",
    "cadresdemplois",
    "emploigradeagent",
];

/// Whether a header names a grade column.
pub fn is_grade_header(header: &str) -> bool {
    GRADE_HEADERS.contains(&header_key(header).as_str())
}

/// Where each field is in a file, and the extra columns kept as job attributes.
#[derive(Debug, Clone)]
pub struct Columns {
    /// Tells the column sets of different files apart (a clone keeps its id).
    pub id: u64,
    pub headers: Vec<String>,
    fields: [Option<usize>; 9],
    /// (column index, header as written, header key)
    pub attributes: Vec<(usize, String, String)>,
    /// Whether the columns that describe the job (`job_runs`) are one run from the first
    /// column: a record of the same job as the record before (`Row::same_job_as`) then has
    /// those cells at the same places, and `type_cells` takes them as typed there.
    job_cells_lead: bool,
}

impl Columns {
    pub fn get(&self, field: Field) -> Option<usize> {
        self.fields[field as usize]
    }

    pub fn has(&self, field: Field) -> bool {
        self.get(field).is_some()
    }

    /// The columns that describe a row's job rather than its task (its names, headcount,
    /// ISCO code and attributes), as runs of adjacent columns `(first, last)`, in order: what
    /// `TextRecord::same_cells` compares to tell a row of the same job as the row before.
    fn job_runs(&self) -> Vec<(usize, usize)> {
        let job_fields = [
            Field::Direction,
            Field::Department,
            Field::Job,
            Field::Headcount,
            Field::Isco,
        ];
        let mut columns: Vec<usize> = (job_fields.iter().filter_map(|&f| self.get(f)))
            .chain(self.attributes.iter().map(|(col, _, _)| *col))
            .collect();
        columns.sort_unstable();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for col in columns {
            match runs.last_mut() {
                Some((_, last)) if *last + 1 == col => *last = col,
                _ => runs.push((col, col)),
            }
        }
        runs
    }

    /// The columns of a header read on `line` (the first line that is not blank).
    pub(crate) fn from_headers(
        file: &str,
        line: u64,
        headers: Vec<String>,
    ) -> Result<Columns, InputError> {
        let mut fields: [Option<usize>; 9] = [None; 9];
        let mut attributes = Vec::new();
        let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
        let mut first_seen: std::collections::HashMap<&str, usize> = Default::default();
        for (i, key) in keys.iter().enumerate() {
            if key.is_empty() {
                continue;
            }
            if let Some(&j) = first_seen.get(key.as_str()) {
                return Err(InputError::cell(
                    file,
                    line,
                    i + 1,
                    &excerpt(headers[i].trim()),
                    messages::same_column_name((j + 1, &excerpt(headers[j].trim()))),
                ));
            }
            first_seen.insert(key, i);
        }
        // "Direction" under a DGA or pôle column is the level below it.
        let direction_is_department = keys
            .iter()
            .any(|k| k != "direction" && Field::Direction.aliases().contains(&k.as_str()))
            && !keys
                .iter()
                .any(|k| Field::Department.aliases().contains(&k.as_str()));
        for (i, key) in keys.iter().enumerate() {
            let field = FIELDS.iter().find(|f| f.aliases().contains(&key.as_str()));
            match field {
                Some(&f) => {
                    let f =
                        if f == Field::Direction && key == "direction" && direction_is_department {
                            Field::Department
                        } else {
                            f
                        };
                    if let Some(j) = fields[f as usize] {
                        return Err(InputError::cell(
                            file,
                            line,
                            i + 1,
                            &excerpt(headers[i].trim()),
                            messages::same_column_meaning(
                                f.name(),
                                (j + 1, &excerpt(headers[j].trim())),
                            ),
                        ));
                    }
                    fields[f as usize] = Some(i);
                }
                None if !key.is_empty() => {
                    attributes.push((i, headers[i].trim().to_string(), key.clone()))
                }
                None => {}
            }
        }
        // A grade column is the job title when the roster has no métier column; beside one, it
        // stays an attribute (the métier says more about the work than the grade).
        if fields[Field::Job as usize].is_none() {
            if let Some(at) = attributes
                .iter()
                .position(|(_, _, key)| GRADE_HEADERS.contains(&key.as_str()))
            {
                fields[Field::Job as usize] = Some(attributes.remove(at).0);
            }
        }
        if fields[Field::Job as usize].is_none() {
            return Err(InputError::at(
                file,
                line,
                messages::no_job_column(
                    &headers
                        .iter()
                        .take(12)
                        .map(|h| excerpt(h.trim()))
                        .collect::<Vec<_>>(),
                    headers.len().saturating_sub(12),
                ),
            ));
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let mut columns = Columns {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            headers,
            fields,
            attributes,
            job_cells_lead: false,
        };
        columns.job_cells_lead = matches!(columns.job_runs()[..], [(0, _)]);
        Ok(columns)
    }
}

/// One typed, validated roster row, borrowed from the reader's buffers.
#[derive(Debug)]
pub struct Row<'a> {
    pub file: &'a str,
    pub line: u64,
    pub direction: &'a str,
    pub department: &'a str,
    pub job: &'a str,
    pub headcount: Option<f64>,
    pub task: &'a str,
    /// `hashing::task_hash(task)`, when the parsing thread computed it.
    pub task_hash: Option<u64>,
    /// The line of the record just before this one in the file when the cells that describe
    /// the job (`Columns::job_runs`) are the same there, cell for cell; else 0. The aggregator
    /// then skips comparing them again with the job it added that record to.
    pub same_job_as: u64,
    /// The hashes of the job's names, when the parsing thread worked them out (for a record
    /// that starts a run of its job's rows: `same_job_as` 0).
    pub job_hashes: Option<JobHashes>,
    pub weight: Option<f64>,
    pub code: &'a str,
    pub score: Option<f64>,
    pub isco: &'a str,
    pub columns: &'a Columns,
    pub cells: &'a TextRecord,
}

impl Row<'_> {
    /// Column number (1-based) and header of a field, for messages about this row.
    pub fn column_of(&self, field: Field) -> (usize, &str) {
        let i = self.columns.get(field).unwrap_or(0);
        (
            i + 1,
            self.columns.headers.get(i).map(|h| h.trim()).unwrap_or(""),
        )
    }

    #[inline]
    pub fn attribute(&self, index: usize) -> &str {
        self.cells.get(index).map(trim).unwrap_or("")
    }
}

/// The hashes under which the aggregator looks a job up: worked out on the parsing thread for
/// each record that starts a run of a job's rows, so that the thread that takes the rows brings
/// the slots of its tables into its caches ahead (`read_roster_with`'s `prepare`: a new job's
/// look-ups each waited on memory) and does not hash the names again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobHashes {
    /// Of the direction, department and title together: the job's.
    pub job: u64,
    /// `task_hash` of each name, as the names are kept by it.
    pub direction: u64,
    pub department: u64,
    pub title: u64,
}

impl JobHashes {
    pub fn of(direction: &str, department: &str, title: &str) -> JobHashes {
        let (direction, department, title) = (
            task_hash(direction),
            task_hash(department),
            task_hash(title),
        );
        // The job's hash of its names' own: each name's bytes are hashed once.
        let mut h = FxHasher::default();
        for name in [direction, department, title] {
            std::hash::Hasher::write_usize(&mut h, name as usize);
        }
        JobHashes {
            job: std::hash::Hasher::finish(&h),
            direction,
            department,
            title,
        }
    }

    /// Those of the names in `cells`, as `Typed::row` will read them.
    fn of_record(columns: &Columns, cells: &TextRecord) -> JobHashes {
        let text = |f: Field| {
            let (start, end) = field_span(columns, cells, f);
            cells.text.get(start..end).unwrap_or_default()
        };
        JobHashes::of(
            text(Field::Direction),
            text(Field::Department),
            text(Field::Job),
        )
    }
}

/// What reading one file found, besides its rows.
#[derive(Debug, Clone, Default)]
pub struct FileStats {
    pub file: String,
    pub rows: u64,
    pub delimiter: char,
    pub encoding: &'static str,
    /// The line of the header.
    pub header_line: u64,
    /// The lines above the header that are not blank, skipped (a title above the table).
    pub skipped_above_header: Vec<u64>,
}

/// Opens a roster (`-` is standard input).
pub fn open(path: &str) -> Result<Box<dyn Read + Send>, InputError> {
    if path == "-" {
        return Ok(Box::new(io::stdin()));
    }
    crate::output::note_input(std::path::Path::new(path));
    File::open(path)
        .map(|f| Box::new(f) as Box<dyn Read + Send>)
        .map_err(|e| InputError::file(path, messages::cannot_open(&e)))
}

/// How much of a file is read ahead to sniff its encoding and delimiter.
const HEAD: usize = 1 << 16;

/// What the csv reader reads: the bytes read ahead, then the rest.
type Source = io::Chain<io::Cursor<Vec<u8>>, Box<dyn Read + Send>>;

/// Reads one roster and hands every data row to `on_row`; warnings go to `warn`.
pub fn read_roster(
    name: &str,
    input: Box<dyn Read + Send>,
    on_row: &mut dyn FnMut(&Row) -> Result<(), InputError>,
    warn: &mut dyn FnMut(String),
) -> Result<(Columns, FileStats), InputError> {
    read_roster_with(name, input, &mut |_, _| {}, on_row, &mut Err, warn)
}

/// Like `read_roster`, but an error confined to one row (a bad cell, a wrong field count, or
/// an error returned by `on_row`) goes to `on_row_error`, which may return `Ok` to skip the row
/// and read on (`check` reports every such error), or the error to stop. A few rows before
/// rows reach `on_row`, `prepare` gets the `task_hash` and length of their task texts and the
/// `JobHashes` of those that start a job's run, a few at a time: a chance to bring what
/// handling them will read into the CPU caches.
pub fn read_roster_with(
    name: &str,
    mut input: Box<dyn Read + Send>,
    prepare: &mut dyn FnMut(&[TaskHash], &[JobHashes]),
    on_row: &mut dyn FnMut(&Row) -> Result<(), InputError>,
    on_row_error: &mut dyn FnMut(InputError) -> Result<(), InputError>,
    warn: &mut dyn FnMut(String),
) -> Result<(Columns, FileStats), InputError> {
    // The first 64 KiB are read ahead to sniff the encoding and delimiter, then handed to the
    // csv reader before the rest (which buffers on its own: no second buffer in between).
    let io_err = |e: io::Error| InputError::file(name, messages::cannot_read(&e));
    let mut head = Vec::with_capacity(HEAD);
    (&mut input)
        .take(HEAD as u64)
        .read_to_end(&mut head)
        .map_err(io_err)?;
    if head.is_empty() {
        return Err(InputError::file(name, messages::empty_roster()));
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::file(name, messages::utf16()));
    }
    if let Some(at) = head.iter().position(|&b| b == 0) {
        let before = &head[..at];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u64;
        let column = at
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1)
            + 1;
        let zeros = head.iter().take(64).filter(|&&b| b == 0).count();
        let utf16 = zeros * 3 >= head.len().min(64);
        return Err(InputError::at(
            name,
            line,
            messages::nul_byte(column, at + 1, utf16),
        ));
    }
    let delimiter = sniff_delimiter(&head);
    let input: Source = io::Cursor::new(head).chain(input);
    // Records of any number of fields: they are checked here against the header, which need
    // not be the first line.
    let reader = Records::new(input, delimiter);
    // The csv parsing (and line counting) runs on a second thread; this one decodes, types and
    // hands on the rows, in file order.
    // Standard input may block for as long as whatever writes it likes: when reading stops
    // early, its parsing thread is left to end on its own rather than waited for.
    let mut parsed = Parser::spawn(name, reader, name != "-")?;

    let mut stats = FileStats {
        file: name.to_string(),
        rows: 0,
        delimiter: delimiter as char,
        encoding: "UTF-8",
        header_line: 0,
        skipped_above_header: Vec::new(),
    };
    let mut warned_encoding = false;
    let mut columns: Option<Columns> = None;
    // Lines read before the header, when the first has no job column (a title above the table):
    // the line and first cell of each, and the error the first one would give as the header.
    let mut above_header: Vec<(u64, String)> = Vec::new();
    let mut first_header_error: Option<InputError> = None;
    let mut last_multiline: Option<u64> = None;
    // The last row typed on this thread, and its line.
    let mut last_typed: Option<(u64, Typed)> = None;
    let odd_quotes = loop {
        let mut batch = parsed.next();
        // The task texts were hashed by the other thread, with the header known.
        let task = columns.as_ref().and_then(|c| c.get(Field::Task));
        let hashed = task.is_some() && batch.task_column == task;
        let records = batch.outcomes.len();
        // Rows `from` to `from + AHEAD` (or the batch's end).
        let window = |from: usize| from.min(records)..(from + AHEAD).min(records);
        // The new jobs given to `prepare` so far, and the first at or after the current row.
        let (new_jobs, new_job_at) = (&batch.new_jobs, &batch.new_job_at);
        let (mut prepared, mut next_job) = (0, 0);
        // Each window's task texts and new jobs to `prepare`.
        let mut prepare_window = |from: usize| {
            let rows = window(from);
            let tasks = if hashed {
                &batch.task_hashes[rows.clone()]
            } else {
                &[]
            };
            let start = prepared;
            while new_job_at
                .get(prepared)
                .is_some_and(|&r| (r as usize) < rows.end)
            {
                prepared += 1;
            }
            prepare(tasks, &new_jobs[start..prepared]);
        };
        prepare_window(0);
        batch.records[window(0)]
            .iter()
            .for_each(TextRecord::prefetch);
        for (k, (record, outcome)) in batch
            .records
            .iter()
            .zip(batch.outcomes.drain(..))
            .enumerate()
        {
            // What the rows a few ahead will read is brought into the CPU caches now, a window
            // at a time: their cells (written by the parsing thread, on the other core) and,
            // through `prepare`, their task texts' table entries. A whole batch at once
            // overflowed the first-level cache before the rows were reached.
            if k % AHEAD == 0 {
                prepare_window(k + AHEAD);
                batch.records[window(k + AHEAD)]
                    .iter()
                    .for_each(TextRecord::prefetch);
            }
            let line = match outcome {
                Ok(line) => line,
                Err(error) if error.1 && columns.is_some() => {
                    let (e, _) = *error;
                    on_row_error(e)?;
                    continue;
                }
                Err(error) => return Err(error.0),
            };
            if !warned_encoding && batch.windows_1252 == Some(line) {
                warned_encoding = true;
                stats.encoding = "Windows-1252";
                let lang = crate::messages::lang();
                let text = crate::messages::windows_1252(lang);
                warn(crate::messages::at(lang, name, line, &text));
            }
            let Some(columns) = &columns else {
                // The header.
                if record.len() > MAX_COLUMNS {
                    return Err(InputError::at(
                        name,
                        line,
                        messages::too_many_columns(record.len(), MAX_COLUMNS),
                    ));
                }
                check_cell_sizes(name, line, record, None)?;
                let mut headers: Vec<String> = record.iter().map(String::from).collect();
                if let Some(first) = headers.first_mut() {
                    if let Some(stripped) = first.strip_prefix('\u{feff}') {
                        *first = stripped.to_string();
                    }
                }
                if !names_a_job(&headers) && above_header.len() < MAX_LINES_ABOVE_HEADER {
                    if first_header_error.is_none() {
                        first_header_error =
                            Columns::from_headers(name, line, headers.clone()).err();
                    }
                    let first_cell = headers.iter().map(|h| h.trim()).find(|h| !h.is_empty());
                    above_header.push((line, excerpt(first_cell.unwrap_or(""))));
                    continue;
                }
                if let (Some(e), true) = (first_header_error.take(), !names_a_job(&headers)) {
                    return Err(e);
                }
                if let (Some((first, title)), Some((last, _))) =
                    (above_header.first(), above_header.last())
                {
                    let lang = crate::messages::lang();
                    let text = crate::messages::header_below(lang, line, (*first, *last, title));
                    warn(crate::messages::at(lang, name, line, &text));
                }
                let found = Columns::from_headers(name, line, headers)?;
                parsed.set_columns(&found);
                columns = Some(found);
                stats.header_line = line;
                stats.skipped_above_header = above_header.iter().map(|(l, _)| *l).collect();
                continue;
            };
            if record.len() != columns.headers.len() {
                let (expected, len) = (columns.headers.len(), record.len());
                // A row cut short by a field running over several lines: a quote left open,
                // which swallowed the rows after it.
                if len < expected
                    && record
                        .iter()
                        .any(|f| find_line_break(f.as_bytes()).is_some())
                {
                    return Err(InputError::at(
                        name,
                        line,
                        messages::quote_runs_over(len, expected),
                    ));
                }
                on_row_error(InputError::at(
                    name,
                    line,
                    messages::unequal_fields(expected as u64, len as u64),
                ))?;
                continue;
            }
            if record.iter().all(|c| trim(c).is_empty()) {
                continue;
            }
            // Only a quoted field can hold a line break.
            last_multiline = (batch.any_quote
                && record
                    .iter()
                    .any(|c| find_line_break(c.as_bytes()).is_some()))
            .then_some(line);
            stats.rows += 1;
            let task_hash = (batch.task_column.is_some()
                && batch.task_column == columns.get(Field::Task))
            .then(|| batch.task_hashes[k].0);
            let same_job_as = batch.same_job.get(k).copied().unwrap_or(0);
            let mut job_hashes = None;
            if same_job_as == 0 {
                while new_job_at.get(next_job).is_some_and(|&r| (r as usize) < k) {
                    next_job += 1;
                }
                if new_job_at.get(next_job) == Some(&index_u32(k)) {
                    job_hashes = Some(new_jobs[next_job]);
                }
            }
            // The row typed here just before, when this record is of its job.
            let alike = (last_typed.as_ref())
                .filter(|(l, _)| same_job_as != 0 && *l == same_job_as)
                .map(|(_, typed)| typed);
            // SAFETY: a row typed ahead is the batch's typed row of the same index as its
            // record (one pushed per record, `Parser::spawn`), and any other is typed just
            // below from `record`: each is `record`'s.
            let row = |t: &Typed| unsafe {
                t.row(
                    name,
                    line,
                    columns,
                    record,
                    task_hash,
                    (same_job_as, job_hashes),
                )
            };
            // The typed row read where it is: moving it (or the whole slot) cost a `memmove`.
            let result = match batch.typed.get_mut(k) {
                Some(Some(Ok(typed))) => on_row(&row(typed)),
                Some(Some(Err(e))) => Err(std::mem::replace(e, InputError::file(name, ""))),
                _ => match check_cell_sizes(name, line, record, Some(columns))
                    .and_then(|()| type_cells(name, line, columns, record, alike))
                {
                    Ok(typed) => on_row(&row(&last_typed.insert((line, typed)).1)),
                    Err(e) => Err(e),
                },
            };
            if let Err(e) = result {
                on_row_error(e)?;
            }
        }
        if batch.last {
            break batch.odd_quotes;
        }
        parsed.recycle(batch);
    };
    parsed.join();
    let Some(columns) = columns else {
        return Err(
            first_header_error.unwrap_or_else(|| InputError::file(name, messages::empty_roster()))
        );
    };
    if let Some(line) = last_multiline {
        if odd_quotes {
            return Err(InputError::at(name, line, messages::unbalanced_quote()));
        }
    }
    if stats.rows == 0 {
        return Err(InputError::file(name, messages::no_data_rows()));
    }
    Ok((columns, stats))
}

/// Records handed over by the parsing thread at a time.
const BATCH: usize = 1024;

/// Rows ahead of the one being handed on whose memory is brought into the CPU caches, and how
/// many at a time.
const AHEAD: usize = 16;

/// Batches parsed ahead of the rows being handed on: enough to ride out short stalls of either
/// thread, few enough that memory stays a few megabytes.
const BATCHES_AHEAD: usize = 4;

/// Batches waiting to be handed on from which the parsing thread also types the rows of the
/// next batch: the thread that takes the rows is then the slower one, and typing them ahead
/// shares its work. As the parsing thread slows, fewer batches wait and it stops: the share it
/// takes settles where both threads keep pace, whichever host and roster.
const TYPE_AHEAD_WHEN_WAITING: usize = 2;

#[cfg(test)]
thread_local! {
    /// `TYPE_AHEAD_WHEN_WAITING` for the files read by this thread: the tests type every batch
    /// ahead (0) or none (`usize::MAX`), to compare both.
    static TYPE_AHEAD: std::cell::Cell<usize> = const { std::cell::Cell::new(TYPE_AHEAD_WHEN_WAITING) };
}

fn type_ahead_when_waiting() -> usize {
    #[cfg(test)]
    return TYPE_AHEAD.get();
    #[cfg(not(test))]
    TYPE_AHEAD_WHEN_WAITING
}

/// Records parsed by the csv reader and decoded, with the line of each (or the error reading
/// it), as the parsing thread hands them over. Batches go back to that thread once read, so
/// that in a steady state nothing is allocated per row.
struct Batch {
    /// The first `outcomes.len()` are this batch's records; the rest are kept for reuse.
    records: Vec<TextRecord>,
    /// Per record: its line; or the error reading it and whether reading can go on after it.
    /// (An error boxed: each record's outcome is moved once, and most are lines.)
    outcomes: Vec<Result<u64, Box<(InputError, bool)>>>,
    /// The line of the first record of the batch that was not valid UTF-8 and was decoded as
    /// Windows-1252.
    windows_1252: Option<u64>,
    /// The task column, when the header was known as the batch was parsed; then
    /// `task_hashes` has the `task_hash` and length of each record's task text (trimmed),
    /// hashed here rather than on the thread that scores them.
    task_column: Option<usize>,
    task_hashes: Vec<TaskHash>,
    /// Per record, when the header was known as the batch was parsed: the line of the record
    /// before it when that record has the same cells describing the job, else 0 (see
    /// `Row::same_job_as`); else empty.
    same_job: Vec<u64>,
    /// The `JobHashes` of the records that start a job's run (`same_job` 0), when the header
    /// was known, and the index of each such record, in order.
    new_jobs: Vec<JobHashes>,
    new_job_at: Vec<u32>,
    /// Per record, when the parsing thread typed the batch's rows (else empty): the row typed
    /// as `typed_row` would (after `check_cell_sizes`), or `None` for a record the thread that
    /// takes the rows handles on its own (not a data row of as many cells as the header).
    typed: Vec<Option<Result<Typed, InputError>>>,
    /// Whether a quote had been consumed when the batch was handed over (every quote of its
    /// records had).
    any_quote: bool,
    /// The file ends after this batch (or reading stopped at an error in it).
    last: bool,
    /// For the last batch: whether the file holds an odd number of quotes.
    odd_quotes: bool,
}

/// The parsing thread, seen from the thread that reads its batches.
struct Parser {
    full: mpsc::Receiver<Batch>,
    shared: Arc<Shared>,
    free: mpsc::Sender<Batch>,
    /// Joined at the end of the file; when reading stops early, stopped and joined on drop if
    /// `join_on_drop`, else left to finish on its own.
    thread: Option<std::thread::JoinHandle<()>>,
    join_on_drop: bool,
}

/// What the two threads reading a file share.
struct Shared {
    /// The columns, once the header is found.
    columns: OnceLock<Columns>,
    /// Batches handed over and not yet taken.
    waiting: AtomicUsize,
    /// From how many waiting batches the parsing thread types rows ahead.
    type_ahead_when: usize,
}

impl Drop for Parser {
    fn drop(&mut self) {
        let Some(thread) = self.thread.take() else {
            return;
        };
        if self.join_on_drop {
            // Without its receiver, the thread's next hand-over fails and it ends: within one
            // batch of a file.
            let (_, closed) = mpsc::sync_channel(0);
            drop(std::mem::replace(&mut self.full, closed));
            let _ = thread.join();
        }
    }
}

impl Parser {
    fn spawn(
        name: &str,
        mut reader: Records<Source>,
        join_on_drop: bool,
    ) -> Result<Parser, InputError> {
        let (full_tx, full) = mpsc::sync_channel::<Batch>(BATCHES_AHEAD);
        let shared = Arc::new(Shared {
            columns: OnceLock::new(),
            waiting: AtomicUsize::new(0),
            type_ahead_when: type_ahead_when_waiting(),
        });
        let ours = Arc::clone(&shared);
        let (free, free_rx) = mpsc::channel::<Batch>();
        let file = name.to_string();
        let thread = std::thread::Builder::new()
            .name("roster-parser".into())
            .spawn(move || {
                let shared = ours;
                // The columns describing the job, once the header is known.
                let mut job_runs: Option<Vec<(usize, usize)>> = None;
                // The last record of the batch before, and its line (0: not a record read).
                let mut carried = (TextRecord::default(), 0);
                loop {
                    let mut batch = free_rx.try_recv().unwrap_or_else(|_| Batch {
                        records: Vec::with_capacity(BATCH),
                        outcomes: Vec::with_capacity(BATCH),
                        windows_1252: None,
                        task_column: None,
                        task_hashes: Vec::with_capacity(BATCH),
                        same_job: Vec::new(),
                        new_jobs: Vec::new(),
                        new_job_at: Vec::new(),
                        typed: Vec::new(),
                        any_quote: false,
                        last: false,
                        odd_quotes: false,
                    });
                    batch.windows_1252 = None;
                    let columns = shared.columns.get();
                    batch.task_column = columns.and_then(|c| c.get(Field::Task));
                    batch.task_hashes.clear();
                    batch.same_job.clear();
                    batch.new_jobs.clear();
                    batch.new_job_at.clear();
                    batch.typed.clear();
                    if job_runs.is_none() {
                        job_runs = columns.map(Columns::job_runs);
                    }
                    let type_ahead = columns.filter(|_| {
                        shared.waiting.load(Ordering::Relaxed) >= shared.type_ahead_when
                    });
                    let mut done = false;
                    while batch.outcomes.len() < BATCH {
                        let i = batch.outcomes.len();
                        if batch.records.len() == i {
                            batch.records.push(TextRecord::default());
                        }
                        // Decoding here, in bulk, spares the thread that types the rows.
                        let decoded = &mut batch.records[i];
                        match read_record(&file, &mut reader, decoded) {
                            Ok(Some((line, got))) => {
                                let raw = matches!(got, Got::Bytes).then(|| reader.raw());
                                if let Some(raw) = raw.filter(|raw| !decoded.set_utf8(raw)) {
                                    batch.windows_1252.get_or_insert(line);
                                    decoded.set_windows_1252(&raw);
                                }
                                if let Some(task) = batch.task_column {
                                    let text = trim(decoded.get(task).unwrap_or_default());
                                    batch.task_hashes.push((task_hash(text), text.len()));
                                }
                                let (before, this) = batch.records.split_at(i);
                                let mut same_as = 0;
                                if let Some(runs) = &job_runs {
                                    let previous = match before.last() {
                                        Some(r) => {
                                            (r, batch.outcomes[i - 1].as_ref().map_or(0, |l| *l))
                                        }
                                        None => (&carried.0, carried.1),
                                    };
                                    same_as = same_job(runs, &this[0], previous);
                                    batch.same_job.push(same_as);
                                    if let Some(columns) = columns.filter(|_| same_as == 0) {
                                        let hashes = JobHashes::of_record(columns, &this[0]);
                                        batch.new_jobs.push(hashes);
                                        batch.new_job_at.push(index_u32(i));
                                    }
                                }
                                if let Some(columns) = type_ahead {
                                    // The record before's row, when it is of the same job.
                                    let alike = match batch.typed.last() {
                                        Some(Some(Ok(typed))) if same_as != 0 => Some(typed),
                                        _ => None,
                                    };
                                    let typed = typed_ahead(&file, line, columns, &this[0], alike);
                                    batch.typed.push(typed);
                                }
                                batch.outcomes.push(Ok(line));
                            }
                            Ok(None) => done = true,
                            Err((e, recoverable)) => {
                                batch.outcomes.push(Err(Box::new((e, recoverable))));
                                if batch.task_column.is_some() {
                                    batch.task_hashes.push((0, 0));
                                }
                                if job_runs.is_some() {
                                    batch.same_job.push(0);
                                }
                                if type_ahead.is_some() {
                                    batch.typed.push(None);
                                }
                                done = !recoverable;
                            }
                        }
                        if done {
                            break;
                        }
                    }
                    // What the first record of the next batch is compared with.
                    carried.1 = 0;
                    if let (Some(last), Some(Ok(line))) = (
                        batch.records[..batch.outcomes.len()].last(),
                        batch.outcomes.last(),
                    ) {
                        carried.0.copy_from(last);
                        carried.1 = *line;
                    }
                    batch.any_quote = reader.any_quote();
                    batch.last = done;
                    batch.odd_quotes = reader.odd_quotes();
                    shared.waiting.fetch_add(1, Ordering::Relaxed);
                    // A closed channel: the reading side stopped (at an error); so does this.
                    if full_tx.send(batch).is_err() || done {
                        return;
                    }
                }
            })
            .map_err(|e| InputError::file(name, format!("cannot start a thread: {e}")))?;
        Ok(Parser {
            full,
            shared,
            free,
            thread: Some(thread),
            join_on_drop,
        })
    }

    /// The next batch; a panic of the parsing thread carries on here.
    fn next(&mut self) -> Batch {
        match self.full.recv() {
            Ok(batch) => {
                self.shared.waiting.fetch_sub(1, Ordering::Relaxed);
                batch
            }
            // The thread ended without handing over its last batch: it panicked.
            Err(_) => {
                self.join();
                panic!("the csv parsing thread stopped before the end of the file")
            }
        }
    }

    /// Tells the parsing thread the columns of the header just found.
    fn set_columns(&self, columns: &Columns) {
        let _ = self.shared.columns.set(columns.clone());
    }

    fn recycle(&self, batch: Batch) {
        // The parsing thread may have ended already: the batch is then simply dropped.
        let _ = self.free.send(batch);
    }

    fn join(&mut self) {
        if let Some(Err(panic)) = self.thread.take().map(|t| t.join()) {
            std::panic::resume_unwind(panic);
        }
    }
}

/// A record's cells as text, kept as one string and where each cell ends; reused from record to
/// record. The cells are kept one ASCII byte apart (the line's own delimiters, on the fast path
/// of `Records`: a line is then copied whole), so cell `i` starts one byte after cell `i - 1`
/// ends.
#[derive(Debug, Default, Clone)]
pub struct TextRecord {
    text: String,
    ends: Vec<usize>,
    /// The byte between its cells when none of them holds it (a line copied whole, split at
    /// its delimiters), else 0: cells then compare as the whole text they span.
    joined_by: u8,
}

/// What keeps apart the cells of a record that was not a line copied whole.
const SEPARATOR: char = ';';

impl TextRecord {
    /// A record of the given cells.
    pub fn new<'c>(cells: impl IntoIterator<Item = &'c str>) -> TextRecord {
        let mut record = TextRecord::default();
        for cell in cells {
            record.push(cell);
        }
        record
    }

    /// Adds a cell after the others.
    fn push(&mut self, cell: &str) {
        self.joined_by = 0;
        if !self.ends.is_empty() {
            self.text.push(SEPARATOR);
        }
        self.text.push_str(cell);
        self.ends.push(self.text.len());
    }

    /// Takes the cells of `record` if they are all valid UTF-8 (and returns `true`). The whole
    /// record is checked in one pass, then that every cell starts on a character: so is every
    /// cell then (csv's `StringRecord` checks cell by cell, twice as slow on French text).
    fn set_utf8(&mut self, record: &RawCells) -> bool {
        let Ok(text) = simdutf8::basic::from_utf8(record.bytes) else {
            return false;
        };
        let ranges = (0..record.len()).map(|i| record.range(i));
        if !ranges.clone().all(|r| text.is_char_boundary(r.start)) {
            return false;
        }
        self.text.clear();
        self.ends.clear();
        ranges.for_each(|r| self.push(&text[r]));
        self.joined_by = 0;
        true
    }

    /// Takes the cells of a record that is not valid UTF-8: each cell that is not is decoded
    /// as Windows-1252 (French Excel's "CSV (séparateur : point-virgule)").
    fn set_windows_1252(&mut self, record: &RawCells) {
        self.text.clear();
        self.ends.clear();
        self.joined_by = 0;
        for cell in record.iter() {
            match std::str::from_utf8(cell) {
                Ok(text) => self.push(text),
                Err(_) => self.push(&encoding_rs::WINDOWS_1252.decode(cell).0),
            }
        }
    }

    /// Brings the record's cells into the CPU caches (a record of a few hundred bytes).
    fn prefetch(&self) {
        // The cell ends of a record of 8 columns (64 bytes) mostly straddle two cache lines:
        // an attribute column's end was a wait in `Aggregator::add` with only the first line.
        for end in self.ends.iter().step_by(8).chain(self.ends.last()) {
            crate::hashing::prefetch(end);
        }
        let text = self.text.as_bytes();
        for at in (0..text.len().min(256)).step_by(64) {
            crate::hashing::prefetch(text[at..].as_ptr());
        }
    }

    /// Whether cells `first..=last` are those of `other`, which has them too: cut in the same
    /// places, and the same bytes from the first's start to the last's end, compared at once
    /// (what keeps the cells apart too: a record split by `csv_core` may have another there,
    /// and is then said to differ, which only costs the comparisons this spares).
    fn same_cells(&self, other: &TextRecord, first: usize, last: usize) -> bool {
        let start = |r: &TextRecord| if first == 0 { 0 } else { r.ends[first - 1] + 1 };
        let (a, b) = (start(self), start(other));
        let (ends, other_ends) = (&self.ends[first..=last], &other.ends[first..=last]);
        // Between cells that cannot hold it, the byte that keeps them apart marks where they
        // are cut: the same bytes are then the same cells.
        let cut_alike = self.joined_by != 0 && self.joined_by == other.joined_by;
        (cut_alike || ends.iter().zip(other_ends).all(|(e, o)| e - a == o - b))
            && self.text.as_bytes()[a..ends[ends.len() - 1]]
                == other.text.as_bytes()[b..other_ends[other_ends.len() - 1]]
    }

    /// Makes this record a copy of `other`, in the memory it already holds.
    pub fn copy_from(&mut self, other: &TextRecord) {
        self.text.clone_from(&other.text);
        self.ends.clone_from(&other.ends);
        self.joined_by = other.joined_by;
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The length of all the cells together and what keeps them apart, in bytes.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        self.cell_at(i).map(|(_, cell)| cell)
    }

    /// Where the text of cell `i` as `trim` leaves it is in the record's text (`(0, 0)`: no
    /// such cell): both ends on a character's boundary, which `Typed::row` relies on.
    #[inline(always)]
    fn trimmed_span(&self, i: usize) -> (usize, usize) {
        let Some(&end) = self.ends.get(i) else {
            return (0, 0);
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] + 1 };
        // The usual cell, told by its bytes: a cell starts and ends on a character, and so
        // the whole of a cell `trim` keeps is one (no `str` made, whose ends it would check).
        // Inline (six cells a row, a call each was a third of the work); the rest is not.
        if (self.text.as_bytes().get(start..end)).is_some_and(nothing_to_trim) {
            return (start, end);
        }
        self.trimmed_span_slowly(start, end)
    }

    /// `trimmed_span` of the cell from `start` to `end`, when its first or last byte may be
    /// one `trim` takes off.
    #[cold]
    #[inline(never)]
    fn trimmed_span_slowly(&self, start: usize, end: usize) -> (usize, usize) {
        let Some(cell) = self.text.get(start..end) else {
            return (0, 0);
        };
        let trimmed = trim(cell);
        // `trimmed` lies within `cell`: its place there is the difference of their addresses.
        let from = start + (trimmed.as_ptr() as usize - cell.as_ptr() as usize);
        (from, from + trimmed.len())
    }

    /// Where cell `i` starts in the record's text, and the cell.
    fn cell_at(&self, i: usize) -> Option<(usize, &str)> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] + 1 };
        Some((start, self.text.get(start..end)?))
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }
}

/// `Row::same_job_as` of `record`, given the record before it and its line (0: none).
fn same_job(
    runs: &[(usize, usize)],
    record: &TextRecord,
    (previous, line): (&TextRecord, u64),
) -> u64 {
    let same = line != 0
        && record.len() == previous.len()
        && (runs.iter())
            .all(|&(first, last)| last < record.len() && record.same_cells(previous, first, last));
    if same { line } else { 0 }
}

/// A data row typed on the parsing thread, as the thread that takes the rows would type it:
/// `None` for a record it handles on its own (a field count unlike the header's, a blank row).
fn typed_ahead(
    file: &str,
    line: u64,
    columns: &Columns,
    record: &TextRecord,
    alike: Option<&Typed>,
) -> Option<Result<Typed, InputError>> {
    if record.len() != columns.headers.len() || record.iter().all(|c| trim(c).is_empty()) {
        return None;
    }
    Some(
        check_cell_sizes(file, line, record, Some(columns))
            .and_then(|()| type_cells(file, line, columns, record, alike)),
    )
}

/// Reads one record: where it starts and whether it was decoded (see `Records::read`). What
/// can go wrong is reading the file itself, after which nothing more can be read.
fn read_record(
    name: &str,
    reader: &mut Records<Source>,
    text: &mut TextRecord,
) -> Result<Option<(u64, Got)>, (InputError, bool)> {
    reader
        .read(text)
        .map_err(|e| (InputError::file(name, messages::cannot_read(&e)), false))
}

/// `str::trim`, with a fast answer for the usual cell that starts and ends with a visible
/// ASCII character.
#[inline]
fn trim(s: &str) -> &str {
    if nothing_to_trim(s.as_bytes()) {
        return s;
    }
    // A byte-order mark inside the file (two exports pasted together) is invisible: it must
    // not make "Direction" and "\u{feff}Direction" two directions.
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Whether the text of `bytes` (valid UTF-8) is sure to be as `trim` leaves it, from its first
/// and last bytes: the usual cell. `false` says nothing.
#[inline]
fn nothing_to_trim(bytes: &[u8]) -> bool {
    // A letter of U+00C0–U+00FF ("é", "à") takes two bytes, the first 0xC3: none is a space.
    let visible = |b: u8| (0x21..0x7f).contains(&b);
    match bytes {
        [] => true,
        [first, .., before_last, last]
            if (visible(*first) || *first == 0xC3)
                && (visible(*last) || (*before_last == 0xC3 && *last >= 0x80)) =>
        {
            true
        }
        [first, .., last] | [first @ last] => visible(*first) && visible(*last),
    }
}

/// Lines looked at for the header when the first has no job column: a title, a date, a blank
/// row or two above the table, as spreadsheets often have.
const MAX_LINES_ABOVE_HEADER: usize = 10;

/// Whether one of `headers` names the job column (or a grade column, which can stand for it).
fn names_a_job(headers: &[String]) -> bool {
    headers.iter().any(|h| {
        let key = header_key(h);
        Field::Job.aliases().contains(&key.as_str()) || GRADE_HEADERS.contains(&key.as_str())
    })
}

/// The most columns a spreadsheet sheet holds (Excel: 16,384); a header with more is not a
/// roster, and would make every per-column step slow.
pub const MAX_COLUMNS: usize = 16_384;

/// The most characters a spreadsheet cell holds (Excel: 32,767). A longer cell is nearly always
/// a quote left open that swallowed the lines after it.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Refuses a record with a cell of more than `MAX_CELL_CHARS` characters.
#[inline(always)]
fn check_cell_sizes(
    file: &str,
    line: u64,
    record: &TextRecord,
    columns: Option<&Columns>,
) -> Result<(), InputError> {
    // Inline, the usual record's one comparison: a call was 18 instructions a row.
    if record.text_len() <= MAX_CELL_CHARS {
        return Ok(());
    }
    find_long_cell(file, line, record, columns)
}

/// `check_cell_sizes` of a record longer than a cell can be: cell by cell.
#[cold]
#[inline(never)]
fn find_long_cell(
    file: &str,
    line: u64,
    record: &TextRecord,
    columns: Option<&Columns>,
) -> Result<(), InputError> {
    for (i, cell) in record.iter().enumerate() {
        if cell.len() > MAX_CELL_CHARS && cell.chars().count() > MAX_CELL_CHARS {
            let header = columns
                .and_then(|c| c.headers.get(i))
                .map(|h| excerpt(h.trim()))
                .unwrap_or_else(|| excerpt(cell));
            let multiline = cell.contains(['\n', '\r']);
            return Err(InputError::cell(
                file,
                line,
                i + 1,
                &header,
                messages::cell_too_long(cell.chars().count(), MAX_CELL_CHARS, multiline),
            ));
        }
    }
    Ok(())
}

/// The start of a text for a message: at most 60 characters.
pub fn excerpt(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        None => text.to_string(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

pub(crate) fn typed_row<'a>(
    file: &'a str,
    line: u64,
    columns: &'a Columns,
    cells: &'a TextRecord,
    task_hash: Option<u64>,
) -> Result<Row<'a>, InputError> {
    // SAFETY: `t` was typed from `cells`, just now.
    type_cells(file, line, columns, cells, None)
        .map(|t| unsafe { t.row(file, line, columns, cells, task_hash, (0, None)) })
}

/// A row typed and validated, its texts kept as places in its record: what the parsing thread
/// works out ahead, when the thread that takes the rows is behind (see `Batch::typed`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Typed {
    /// Where the trimmed text of each of `TEXTS` is in the record (`(0, 0)`: no such column).
    spans: [(usize, usize); 6],
    headcount: Option<f64>,
    weight: Option<f64>,
    score: Option<f64>,
}

/// The text fields of a `Typed`, in the order of its `spans`.
const TEXTS: [Field; 6] = [
    Field::Direction,
    Field::Department,
    Field::Job,
    Field::Task,
    Field::Code,
    Field::Isco,
];

impl Typed {
    /// The row of `cells`, with its texts where `type_cells` found them.
    ///
    /// # Safety
    ///
    /// `cells` is the record `self` was typed from (by `type_cells`), unchanged since: each
    /// span is then within its text and both its ends on a character's boundary (found there
    /// by `trimmed_span`, or taken from the row of a record with the same bytes up to it).
    #[inline]
    pub(crate) unsafe fn row<'a>(
        &self,
        file: &'a str,
        line: u64,
        columns: &'a Columns,
        cells: &'a TextRecord,
        task_hash: Option<u64>,
        (same_job_as, job_hashes): (u64, Option<JobHashes>),
    ) -> Row<'a> {
        // Six texts a row, each end checked to be on a character: 70 instructions a row for
        // what `trimmed_span` made sure of already.
        let text = |k: usize| {
            let (start, end) = self.spans[k];
            debug_assert!(
                cells.text.get(start..end).is_some(),
                "not a span of this record"
            );
            // SAFETY: a span of `cells` as `type_cells` found it (the caller's promise):
            // within its text, from one character's boundary to another's.
            unsafe { cells.text.get_unchecked(start..end) }
        };
        Row {
            file,
            line,
            direction: text(0),
            department: text(1),
            job: text(2),
            headcount: self.headcount,
            task: text(3),
            task_hash,
            same_job_as,
            job_hashes,
            weight: self.weight,
            code: text(4),
            score: self.score,
            isco: text(5),
            columns,
            cells,
        }
    }
}

/// Types and validates the cells of a data row (of as many cells as the header). `alike`: the
/// record before's row, typed without an error, when this record is of the same job
/// (`same_job`): the cells that describe the job are then taken as typed there, when they are
/// at the same places (`Columns::job_cells_lead`).
fn type_cells(
    file: &str,
    line: u64,
    columns: &Columns,
    cells: &TextRecord,
    alike: Option<&Typed>,
) -> Result<Typed, InputError> {
    // Each of `TEXTS` on its own: a loop over them (`TEXTS.map` was worse) read which field
    // and where it is in `Columns` at every step, 12 instructions a cell.
    let span = |k: usize| field_span(columns, cells, TEXTS[k]);
    if let Some(typed) = alike.filter(|_| columns.job_cells_lead) {
        // The same bytes from the record's start to the job's last cell, cut at the same
        // places: the same spans there (on the same characters), the same headcount, and no
        // error in them. Only the task's cells are read.
        let spans = [
            typed.spans[0],
            typed.spans[1],
            typed.spans[2],
            span(3),
            span(4),
            typed.spans[5],
        ];
        let weight = match usual_number(columns, cells, Field::Weight, Quantity::Weight) {
            Some(v) => v,
            None => number(file, line, columns, cells, Field::Weight, Quantity::Weight)?,
        };
        let score = match usual_number(columns, cells, Field::Score, Quantity::Score) {
            Some(v) => v,
            None => number(file, line, columns, cells, Field::Score, Quantity::Score)?,
        };
        return Ok(Typed {
            spans,
            headcount: typed.headcount,
            weight,
            score,
        });
    }
    let spans = [span(0), span(1), span(2), span(3), span(4), span(5)];
    // A span's bytes: no `str` made, whose ends would be checked.
    let bytes = |(start, end): (usize, usize)| &cells.text.as_bytes()[start..end];
    if spans[2].0 == spans[2].1 {
        return Err(number_error(file, line, columns, cells, Field::Job));
    }
    // The usual number (a few digits, at most one separator) is read and judged inline; any
    // other, and any error, as `number` reads it. (A closure here was a call per number.)
    let headcount = match usual_number(columns, cells, Field::Headcount, Quantity::Headcount) {
        Some(v) => v,
        None => number(
            file,
            line,
            columns,
            cells,
            Field::Headcount,
            Quantity::Headcount,
        )?,
    };
    let weight = match usual_number(columns, cells, Field::Weight, Quantity::Weight) {
        Some(v) => v,
        None => number(file, line, columns, cells, Field::Weight, Quantity::Weight)?,
    };
    let score = match usual_number(columns, cells, Field::Score, Quantity::Score) {
        Some(v) => v,
        None => number(file, line, columns, cells, Field::Score, Quantity::Score)?,
    };
    let isco = bytes(spans[5]);
    let isco_ok = isco.is_empty() || (isco.len() == 4 && isco.iter().all(u8::is_ascii_digit));
    if !isco_ok {
        return Err(number_error(file, line, columns, cells, Field::Isco));
    }
    Ok(Typed {
        spans,
        headcount,
        weight,
        score,
    })
}

/// Where the text of field `f` is in `cells`, trimmed (`(0, 0)`: no such column).
#[inline(always)]
fn field_span(columns: &Columns, cells: &TextRecord, f: Field) -> (usize, usize) {
    match columns.get(f) {
        Some(i) => cells.trimmed_span(i),
        None => (0, 0),
    }
}

/// What `number` makes of the cell of field `f` when it is empty (none) or the usual number
/// within its bounds; else `None`. Inline: a call for each of a row's three numbers cost 40
/// instructions besides the reading.
#[inline(always)]
fn usual_number(
    columns: &Columns,
    cells: &TextRecord,
    f: Field,
    quantity: Quantity,
) -> Option<Option<f64>> {
    let (start, end) = field_span(columns, cells, f);
    if start == end {
        return Some(None);
    }
    // Plain digits and separators are never a percentage, never below 0, never NaN.
    plain_number(&cells.text.as_bytes()[start..end])
        .and_then(|v| bounds::check(quantity, v).ok())
        .map(Some)
}

/// The number in a cell of field `f` as `parse_number` reads it, judged by `bounds`, or the
/// error for the cell: what `type_cells` makes of a number it did not read inline.
#[cold]
#[inline(never)]
fn number(
    file: &str,
    line: u64,
    columns: &Columns,
    cells: &TextRecord,
    f: Field,
    quantity: Quantity,
) -> Result<Option<f64>, InputError> {
    let raw = columns.get(f).map_or("", |i| {
        let (start, end) = cells.trimmed_span(i);
        cells.text.get(start..end).unwrap_or_default()
    });
    if raw.is_empty() {
        return Ok(None);
    }
    let cell_err = |msg: crate::error::Message| {
        let i = columns.get(f).unwrap_or(0);
        InputError::cell(file, line, i + 1, columns.headers[i].trim(), msg)
    };
    if quantity == Quantity::Score {
        // One message for every bad score.
        let bad = || cell_err(messages::bad_score(&excerpt(raw)));
        if is_ambiguous_thousands(raw) {
            return Err(bad());
        }
        // A score written as a percentage is a share of 1. (`raw` is trimmed: no `trim_end`
        // to walk back through its last characters.)
        let value = parse_number(raw).map(|v| if raw.ends_with('%') { v / 100.0 } else { v });
        return match value.map(|v| bounds::check(quantity, v)) {
            Some(Ok(v)) => Ok(Some(v)),
            _ => Err(bad()),
        };
    }
    // Every number is judged by `bounds`: finite and within its quantity's bounds.
    if is_ambiguous_thousands(raw) {
        return Err(cell_err(messages::ambiguous_thousands(&excerpt(raw))));
    }
    // A weight stays relative: `%` or not, its value is kept as written.
    match parse_number(raw) {
        Some(v) => bounds::check(quantity, v).map(Some).map_err(|expected| {
            cell_err(messages::out_of_bounds(quantity, expected, &excerpt(raw)))
        }),
        None => Err(cell_err(messages::not_a_number(&excerpt(raw)))),
    }
}

/// The error of a row whose job is empty (`Field::Job`) or whose ISCO code is not four digits
/// (`Field::Isco`).
#[cold]
#[inline(never)]
fn number_error(
    file: &str,
    line: u64,
    columns: &Columns,
    cells: &TextRecord,
    f: Field,
) -> InputError {
    let i = columns.get(f).unwrap_or(0);
    let message = match f {
        Field::Job => messages::empty_job(),
        _ => {
            let (start, end) = cells.trimmed_span(i);
            let isco = cells.text.get(start..end).unwrap_or_default();
            messages::bad_isco(&excerpt(isco))
        }
    };
    InputError::cell(file, line, i + 1, columns.headers[i].trim(), message)
}

/// The value of a number of at most 16 bytes, digits with at most one decimal comma or point
/// (`0,25`, `12`), as `parse_number` reads it; `None` for any other (or one that
/// `is_ambiguous_thousands`, which is refused).
#[inline(always)]
fn plain_number(bytes: &[u8]) -> Option<f64> {
    if bytes.len() > 16 {
        return None;
    }
    let (mut digits, mut separator) = (0u64, None);
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            digits = digits * 10 + u64::from(b - b'0');
        } else if (b == b',' || b == b'.') && separator.is_none() {
            separator = Some(i);
        } else {
            return None;
        }
    }
    let n = bytes.len();
    // `1,200`: a comma before exactly three digits after one to three, the first not 0.
    let ambiguous = separator == Some(n.wrapping_sub(4))
        && (5..=7).contains(&n)
        && bytes[n - 4] == b','
        && bytes[0] != b'0';
    // At least one digit, and an integer a double holds exactly: one division.
    if ambiguous || n <= usize::from(separator.is_some()) || digits >= 1 << 53 {
        return None;
    }
    let decimals = separator.map_or(0, |i| n - i - 1);
    Some(digits as f64 / POWERS[decimals])
}

/// `type_cells` as it was before the usual number was read inline: the tests' oracle.
#[cfg(test)]
fn type_cells_simply(
    file: &str,
    line: u64,
    columns: &Columns,
    cells: &TextRecord,
) -> Result<Typed, InputError> {
    // A `match`, not `map_or`: the `map_or` with `trimmed_span` in it was a call per cell.
    let span = |f: Field| match columns.get(f) {
        Some(i) => cells.trimmed_span(i),
        None => (0, 0),
    };
    let at = |(start, end): (usize, usize)| cells.text.get(start..end).unwrap_or_default();
    let text = |f: Field| at(span(f));
    // A plain loop: `TEXTS.map(span)` called the closure through `array::map`'s adapters,
    // without inlining it (45 instructions a cell).
    let mut spans = [(0, 0); TEXTS.len()];
    for (to, &f) in spans.iter_mut().zip(&TEXTS) {
        *to = span(f);
    }
    let cell_err = |f: Field, msg: crate::error::Message| {
        let i = columns.get(f).unwrap_or(0);
        InputError::cell(file, line, i + 1, columns.headers[i].trim(), msg)
    };
    if at(spans[2]).is_empty() {
        return Err(cell_err(Field::Job, messages::empty_job()));
    }
    // Every number is judged by `bounds`: finite and within its quantity's bounds.
    let number = |f: Field, quantity: Quantity| -> Result<Option<f64>, InputError> {
        let raw = text(f);
        if raw.is_empty() {
            return Ok(None);
        }
        if is_ambiguous_thousands(raw) {
            return Err(cell_err(f, messages::ambiguous_thousands(&excerpt(raw))));
        }
        let value = parse_number(raw).map(|v| {
            // A score written as a percentage is a share of 1; a weight stays relative.
            // (`raw` is trimmed: no `trim_end` to walk back through its last characters.)
            if quantity == Quantity::Score && raw.ends_with('%') {
                v / 100.0
            } else {
                v
            }
        });
        match value {
            Some(v) => bounds::check(quantity, v).map(Some).map_err(|expected| {
                cell_err(
                    f,
                    messages::out_of_bounds(quantity, expected, &excerpt(raw)),
                )
            }),
            None => Err(cell_err(f, messages::not_a_number(&excerpt(raw)))),
        }
    };
    let headcount = number(Field::Headcount, Quantity::Headcount)?;
    let weight = number(Field::Weight, Quantity::Weight)?;
    let score = number(Field::Score, Quantity::Score).map_err(|mut e| {
        // One message for every bad score, as before.
        let said = messages::bad_score(&excerpt(text(Field::Score)));
        (e.message, e.french) = (said.en, said.fr.map(String::into_boxed_str));
        e
    })?;
    let isco = at(spans[5]);
    let isco_ok = isco.is_empty() || (isco.len() == 4 && isco.bytes().all(|b| b.is_ascii_digit()));
    if !isco_ok {
        return Err(cell_err(Field::Isco, messages::bad_isco(&excerpt(isco))));
    }
    Ok(Typed {
        spans,
        headcount,
        weight,
        score,
    })
}

/// `1,200` or `12,500`: digits, one comma, then exactly three digits. In a file whose fields are
/// separated by commas it had to be quoted, and it reads as 1.2 (a decimal comma) where an
/// English spreadsheet meant 1200: refused rather than guessed.
fn is_ambiguous_thousands(raw: &str) -> bool {
    // The comma is then the fourth byte from the end, and the first comma. `raw` is a cell as
    // `trim` leaves it: nothing for `str::trim` to take off.
    let t = raw.as_bytes();
    let n = t.len();
    (5..=7).contains(&n)
        && t[n - 4] == b','
        && t[0] != b'0'
        && t[..n - 4].iter().all(u8::is_ascii_digit)
        && t[n - 3..].iter().all(u8::is_ascii_digit)
}

/// Powers of ten, each exact as an `f64`. With the digits of a number as an integer below
/// 2^53 (exact too), one division is correctly rounded, as `str::parse` would round.
const POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A number as spreadsheets write it: decimal comma or point, spaces as thousands separators,
/// an optional trailing `%` (the value is kept as written: weights are relative).
pub fn parse_number(raw: &str) -> Option<f64> {
    let trimmed = match raw.as_bytes() {
        // Nothing to trim (the usual cell, trimmed as it was read).
        [first, .., last] | [first @ last]
            if first.is_ascii_graphic() && last.is_ascii_graphic() =>
        {
            raw
        }
        _ => raw.trim(),
    };
    // Fast path, the common case: digits with one decimal comma or point ("0,25", "12").
    let bytes = trimmed.as_bytes();
    // Up to 16 bytes: one pass reads the digits as an integer and where the separator is.
    if (1..=16).contains(&bytes.len()) {
        let (mut digits, mut separator, mut plain) = (0u64, None, true);
        for (i, &b) in bytes.iter().enumerate() {
            if b.is_ascii_digit() {
                digits = digits * 10 + u64::from(b - b'0');
            } else if (b == b',' || b == b'.') && separator.is_none() {
                separator = Some(i);
            } else {
                plain = false;
                break;
            }
        }
        // At least one digit, and as the loop below would find them: exact, one division.
        if plain && bytes.len() > usize::from(separator.is_some()) && digits < 1 << 53 {
            let decimals = separator.map_or(0, |i| bytes.len() - i - 1);
            return Some(digits as f64 / POWERS[decimals]);
        }
    }
    // One pass: whether it is digits and separators, and with how many of each.
    let (mut digits, mut separators, mut plain) = (0, 0, (1..=32).contains(&bytes.len()));
    for &b in bytes {
        if b.is_ascii_digit() {
            digits += 1;
        } else if b == b',' || b == b'.' {
            separators += 1;
        } else {
            plain = false;
            break;
        }
    }
    if plain && separators <= 1 && digits > 0 {
        // Longer than 16 bytes, or digits past 2^53.
        let mut buf = [0u8; 32];
        for (to, &b) in buf.iter_mut().zip(bytes) {
            *to = if b == b',' { b'.' } else { b };
        }
        let text = std::str::from_utf8(&buf[..bytes.len()]).ok()?;
        return text.parse().ok().filter(|v: &f64| v.is_finite());
    }
    let mut s: Cow<str> = Cow::Borrowed(trimmed);
    if s.contains([' ', '\u{a0}', '\u{202f}']) {
        s = Cow::Owned(s.replace([' ', '\u{a0}', '\u{202f}'], ""));
    }
    if let Some(stripped) = s.strip_suffix('%') {
        s = Cow::Owned(stripped.to_string());
    }
    if s.contains(',') {
        if s.contains('.') {
            return None;
        }
        s = Cow::Owned(s.replacen(',', ".", 1));
    }
    // Only plain decimals: no "inf", "NaN", exponents or signs other than a leading minus.
    let body = s.strip_prefix('-').unwrap_or(&s);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    s.parse().ok().filter(|v: &f64| v.is_finite())
}

fn sniff_delimiter(head: &[u8]) -> u8 {
    let head = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
    // The first line with a delimiter decides: the header, or a title row exported with
    // empty cells ("Effectifs 2026;;;;"); a title without any is passed over.
    let delimiters = [b';', b',', b'\t'];
    let count = |line: &[u8]| {
        let mut counts = [0usize; 3];
        let mut quoted = false;
        for &b in line {
            match b {
                b'"' => quoted = !quoted,
                _ if quoted => {}
                _ => {
                    if let Some(i) = delimiters.iter().position(|&d| d == b) {
                        counts[i] += 1;
                    }
                }
            }
        }
        counts
    };
    let most = head
        .split(|&b| b == b'\n' || b == b'\r')
        .filter(|l| !l.is_empty())
        .take(MAX_LINES_ABOVE_HEADER + 1)
        .map(count)
        .find(|counts| counts.iter().any(|&c| c > 0))
        .unwrap_or_default();
    let best = (0..3).max_by_key(|&i| (most[i], 3 - i)).unwrap_or(1);
    if most[best] == 0 {
        b','
    } else {
        delimiters[best]
    }
}

/// The position of the first `\n` or `\r`.
fn find_line_break(bytes: &[u8]) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', bytes)
}

/// Reads a whole small text file the user gives (a rubric, an ISCO map): UTF-8, or
/// Windows-1252 when it is not valid UTF-8.
pub fn read_text(path: &std::path::Path) -> Result<String, InputError> {
    let name = path.display().to_string();
    crate::output::note_input(path);
    let bytes =
        std::fs::read(path).map_err(|e| InputError::file(&name, messages::cannot_read(&e)))?;
    Ok(match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => encoding_rs::WINDOWS_1252
            .decode(e.as_bytes())
            .0
            .into_owned(),
    })
}

#[cfg(test)]
pub(crate) mod tests_support {
    pub fn columns() -> super::Columns {
        let headers = ["job", "task", "score", "weight", "effectif"];
        super::Columns::from_headers("t", 1, headers.iter().map(|h| h.to_string()).collect())
            .unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &[u8]) -> Result<(Vec<String>, FileStats, Vec<String>), InputError> {
        let mut rows = Vec::new();
        let mut warnings = Vec::new();
        let (_, stats) = read_roster(
            "t.csv",
            Box::new(io::Cursor::new(text.to_vec())),
            &mut |r| {
                rows.push(format!(
                    "{}|{}|{}|{:?}|{}|{:?}|{:?}",
                    r.line, r.department, r.job, r.headcount, r.task, r.weight, r.score
                ));
                Ok(())
            },
            &mut |w| warnings.push(w),
        )?;
        Ok((rows, stats, warnings))
    }

    #[test]
    fn a_grade_column_is_the_job_without_a_metier_column_and_an_attribute_beside_one() {
        let (rows, _, _) = load("Grade;Effectif\nRédacteur;3\n".as_bytes()).unwrap();
        assert_eq!(rows, vec!["2||Rédacteur|Some(3.0)||None|None"]);
        let (rows, _, _) = load("Grade / emploi;ETP\nAdjoint technique;2,5\n".as_bytes()).unwrap();
        assert_eq!(rows, vec!["2||Adjoint technique|Some(2.5)||None|None"]);
        let text = "Cadre d'emplois;Métier;Effectif\nAdjoints techniques;Jardinier;4\n";
        let mut attributes = Vec::new();
        read_roster(
            "t.csv",
            Box::new(io::Cursor::new(text.as_bytes().to_vec())),
            &mut |r| {
                assert_eq!(r.job, "Jardinier");
                attributes.extend(
                    r.columns
                        .attributes
                        .iter()
                        .map(|(i, h, _)| format!("{h}={}", r.attribute(*i))),
                );
                Ok(())
            },
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(attributes, vec!["Cadre d'emplois=Adjoints techniques"]);
    }

    #[test]
    fn a_title_above_the_header_is_skipped_with_a_warning() {
        // As typed, and as exported from a sheet (every row as wide as the table).
        for text in [
            "Tableau des effectifs 2026\n\nMétier;Tâche\nAgent;Classer\n",
            "Tableau des effectifs 2026;\n;\nMétier;Tâche\nAgent;Classer\n",
        ] {
            let (rows, _, warnings) = load(text.as_bytes()).unwrap();
            assert_eq!(rows, vec!["4||Agent|None|Classer|None|None"], "{text:?}");
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert!(
                warnings[0].starts_with(
                    "t.csv:3: the header is on line 3, the first with a job column; line"
                ),
                "{warnings:?}"
            );
            assert!(warnings[0].contains("\"Tableau des effectifs 2026\""));
        }
        // No job column in the first lines: the first line is the header that lacks it.
        let err = |t: &str| load(t.as_bytes()).unwrap_err().to_string();
        assert!(err("Tâche;Part\nx;1\ny;2\n").starts_with("t.csv:1: no job column"));
        let far = format!(
            "{}Métier;Tâche\nA;b\n",
            "Titre;\n".repeat(MAX_LINES_ABOVE_HEADER + 1)
        );
        assert!(
            err(&far).starts_with("t.csv:1: no job column"),
            "{}",
            err(&far)
        );
        let near = format!(
            "{}Métier;Tâche\nA;b\n",
            "Titre;\n".repeat(MAX_LINES_ABOVE_HEADER)
        );
        assert!(load(near.as_bytes()).is_ok());
    }

    /// Hands over one byte per read: every line end falls across two reads somewhere.
    struct OneByte(io::Cursor<Vec<u8>>);

    impl Read for OneByte {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(1);
            self.0.read(&mut buf[..n])
        }
    }

    #[test]
    fn rows_after_blank_lines_keep_their_line() {
        for end in ["\n", "\r\n", "\r"] {
            let text = [
                "", "", "job;task", "A;a", "", "", "A;b", "", "A;\"c", "d\"", "A;e", "",
            ]
            .join(end);
            for one_byte in [false, true] {
                let input: Box<dyn Read + Send> = if one_byte {
                    Box::new(OneByte(io::Cursor::new(text.clone().into_bytes())))
                } else {
                    Box::new(io::Cursor::new(text.clone().into_bytes()))
                };
                let mut lines = Vec::new();
                read_roster(
                    "t.csv",
                    input,
                    &mut |r| {
                        lines.push(r.line);
                        Ok(())
                    },
                    &mut |_| {},
                )
                .unwrap();
                assert_eq!(
                    lines,
                    [4, 7, 9, 11],
                    "{end:?}, one byte at a time: {one_byte}"
                );
            }
        }
    }

    #[test]
    fn numbers_as_spreadsheets_write_them() {
        assert_eq!(parse_number("0,25"), Some(0.25));
        assert_eq!(parse_number(" 1 234 "), Some(1234.0));
        assert_eq!(parse_number("12,5 %"), Some(12.5));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("1e3"), None);
        assert_eq!(parse_number("1,2.3"), None);
        assert_eq!(parse_number("abc"), None);
    }

    #[test]
    fn sniffs_the_delimiter_from_the_header() {
        assert_eq!(sniff_delimiter(b"job;task;weight\na,b;c"), b';');
        assert_eq!(sniff_delimiter(b"job,task\n"), b',');
        assert_eq!(sniff_delimiter(b"job\ttask\n"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b\",c\n"), b',');
        assert_eq!(sniff_delimiter(b"job\n"), b',');
    }

    #[test]
    fn reads_french_excel_rows() {
        let (rows, stats, warnings) =
            load(b"Service;M\xe9tier;Effectif;T\xe2che;Part du temps\r\nAccueil;Agent;3;Accueillir;0,5\r\n")
                .unwrap();
        assert_eq!(
            rows,
            vec!["2|Accueil|Agent|Some(3.0)|Accueillir|Some(0.5)|None"]
        );
        assert_eq!(stats.encoding, "Windows-1252");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn header_aliases_and_bom() {
        let (rows, _, _) = load(
            "\u{feff}Intitulé du poste,Activité,Exposition\nA,\"x, \"\"y\"\"\nz\",0.5\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(rows, vec!["2||A|None|x, \"y\"\nz|None|Some(0.5)"]);
    }

    #[test]
    fn dga_then_direction_makes_direction_the_department() {
        let (rows, _, _) = load(b"DGA;Direction;Metier\nRessources;Finances;Comptable\n").unwrap();
        assert_eq!(rows, vec!["2|Finances|Comptable|None||None|None"]);
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = |t: &[u8]| load(t).unwrap_err().to_string();
        assert!(err(b"").contains("empty file"));
        assert!(err(b"job;task\n").contains("no data rows"));
        assert!(err(b"task;weight\nx;1\n").contains("no job column"));
        assert_eq!(
            err(b"job;effectif\nA;abc\n"),
            "t.csv:2:2: column 'effectif': expected a number, found \"abc\""
        );
        assert!(err(b"job;effectif\nA;-1\n").starts_with("t.csv:2:2:"));
        assert!(err(b"job;score\nA;1,5\n").contains("between 0 and 1"));
        assert!(err(b"job;score\nA;NaN\n").contains("between 0 and 1"));
        assert!(err(b"job;isco\nA;422\n").contains("4 digits"));
        assert!(err(b"job;task\nA;b;c\n").starts_with("t.csv:2: expected 2 fields"));
        assert_eq!(
            err(b"job;Job\nA;b\n"),
            "t.csv:1:2: column 'Job': same name as column 1 ('job'); expected distinct column names"
        );
        assert!(
            err(b"job;service;departement\nA;b;c\n")
                .starts_with("t.csv:1:3: column 'departement': means 'department', as column 2")
        );
        // A header below blank lines is reported on its own line.
        assert!(err(b"\n\ntask;weight\nx;1\n").starts_with("t.csv:3: no job column"));
        assert!(err(b"\n\njob;Job\nA;b\n").starts_with("t.csv:3:2:"));
        // Blank lines are counted, whatever the line ends.
        for end in ["\n", "\r\n", "\r"] {
            let text = ["", "job;effectif", "", "", "A;1", "", "B;x", ""].join(end);
            assert!(
                err(text.as_bytes()).starts_with("t.csv:7:2:"),
                "{end:?}: {}",
                err(text.as_bytes())
            );
        }
        assert!(err(b"job;task\nA;\"open\nB;x\n").starts_with("t.csv:2: unbalanced quote"));
        assert!(err(b"\xff\xfej\x00").contains("UTF-16"));
        assert!(err(b"job;effectif\rA;1\rB;x\r").starts_with("t.csv:3:2:"));
        assert!(err(b"job;effectif\r\nA;1\r\nB;x\r\n").starts_with("t.csv:3:2:"));
        assert!(err(b"job;task\nA;\"two\nlines\"\nB;x;y\n").starts_with("t.csv:4:"));
    }

    #[test]
    fn binary_and_utf16_without_bom_are_refused_with_their_place() {
        let err = |t: &[u8]| load(t).unwrap_err().to_string();
        assert_eq!(
            err(b"job;task\nA;b\x00c\n"),
            "t.csv:2: column 4 (byte 13): a NUL byte: this looks like a binary file, not a CSV text file"
        );
        assert!(err(b"j\x00o\x00b\x00\n\x00A\x00\n\x00").contains("looks like UTF-16"));
    }

    #[test]
    fn oversized_headers_and_cells_are_refused() {
        let err = |t: &[u8]| load(t).unwrap_err().to_string();
        let wide = format!(
            "job{}\nA{}\n",
            ";c".repeat(MAX_COLUMNS),
            ";".repeat(MAX_COLUMNS)
        );
        assert!(err(wide.as_bytes()).starts_with("t.csv:1: the header has 16385 columns"));
        let big = format!("job;task\nA;{}\n", "é".repeat(MAX_CELL_CHARS + 1));
        assert_eq!(
            err(big.as_bytes()),
            "t.csv:2:2: column 'task': a cell of 32768 characters; expected at most 32767, the most a spreadsheet cell holds"
        );
        // Bytes are not characters: 32,767 accented letters are fine.
        let (rows, _, _) =
            load(format!("job;task\nA;{}\n", "é".repeat(MAX_CELL_CHARS)).as_bytes()).unwrap();
        assert_eq!(rows.len(), 1);
        let open = format!("job;x;task\nA;1;\"{}\n", "B;2;y\n".repeat(10_000));
        assert!(err(open.as_bytes()).ends_with("(it spans several lines: is a quote left open?)"));
        let message = err(format!("job;effectif\nA;{}\n", "9x".repeat(1000)).as_bytes());
        assert!(message.len() < 150, "{message}");
    }

    #[test]
    fn headers_are_listed_briefly_when_the_job_column_is_missing() {
        let header: Vec<String> = (0..100).map(|i| format!("col{i}")).collect();
        let text = format!("{}\n{}\n", header.join(";"), ";".repeat(99));
        let message = load(text.as_bytes()).unwrap_err().to_string();
        assert!(message.ends_with("\"col11\" and 88 more)"), "{message}");
    }

    /// Line numbers across the 64-byte blocks of the line counter and the 64 KiB read ahead,
    /// with every kind of line break and fields that span lines.
    #[test]
    fn line_numbers_hold_over_long_files() {
        for (eol, multiline) in [("\n", false), ("\r\n", false), ("\r", false), ("\n", true)] {
            let mut text = format!("job;task;effectif{eol}");
            let mut line = 2;
            for i in 0..5_000 {
                let task = if multiline && i % 7 == 0 {
                    line += 1;
                    format!("\"task {i}{eol}continued\"")
                } else {
                    format!("task {}", "x".repeat(i % 97))
                };
                text.push_str(&format!("job {i};{task};3{eol}"));
                line += 1;
            }
            text.push_str(&format!("last;task;x{eol}"));
            let message = load(text.as_bytes()).unwrap_err().to_string();
            assert!(
                message.starts_with(&format!("t.csv:{line}:3:")),
                "{eol:?} {multiline}: line {line}: {message}"
            );
        }
    }

    /// Every row whose task text the parsing thread hashed is given to `prepare` once, before
    /// it is handed on, and so is every row that starts a job's run, its job's hashes with it
    /// (those the aggregator would work out); rows are handed on in order, whatever the batch
    /// and window boundaries.
    #[test]
    fn task_texts_and_new_jobs_are_prepared_before_their_rows() {
        let mut text = String::from("service;job;task\n");
        for i in 0..20_000 {
            text.push_str(&format!(" service {} ;job {};task {i}\n", i / 7, i / 3));
        }
        // Per hash: prepared and not yet handed on (two texts may share a hash).
        let waiting = std::cell::RefCell::new(std::collections::HashMap::<u64, usize>::new());
        let jobs_waiting = std::cell::RefCell::new(Vec::new());
        let (mut handed, mut hashed, mut new_jobs) = (0, 0, 0);
        read_roster_with(
            "t.csv",
            Box::new(io::Cursor::new(text.into_bytes())),
            &mut |texts, jobs| {
                for &(hash, _) in texts {
                    *waiting.borrow_mut().entry(hash).or_default() += 1;
                }
                jobs_waiting.borrow_mut().extend_from_slice(jobs);
            },
            &mut |row| {
                assert_eq!(row.task, format!("task {handed}"));
                handed += 1;
                if let Some(hash) = row.task_hash {
                    assert_eq!(hash, task_hash(row.task));
                    let mut waiting = waiting.borrow_mut();
                    let count = waiting.get_mut(&hash).filter(|c| **c > 0);
                    *count.unwrap_or_else(|| panic!("not prepared: {}", row.task)) -= 1;
                    hashed += 1;
                }
                if let Some(hashes) = row.job_hashes {
                    assert_eq!(row.same_job_as, 0);
                    let of = JobHashes::of(row.direction, row.department, row.job);
                    assert_eq!(hashes, of, "{row:?}");
                    let mut waiting = jobs_waiting.borrow_mut();
                    assert_eq!(waiting.first(), Some(&hashes), "not prepared: {row:?}");
                    waiting.remove(0);
                    new_jobs += 1;
                }
                // A new job of a batch whose header was known has its hashes.
                if row.task_hash.is_some() && row.same_job_as == 0 {
                    assert!(row.job_hashes.is_some(), "{row:?}");
                }
                Ok(())
            },
            &mut Err,
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(handed, 20_000);
        assert!(waiting.borrow().values().all(|&c| c == 0), "prepared twice");
        assert!(jobs_waiting.borrow().is_empty(), "prepared twice");
        // Batches parsed before the header was known are not hashed: the header's, those
        // waiting to be taken, and the one being parsed.
        assert!(hashed >= 20_000 - (BATCHES_AHEAD + 2) * BATCH, "{hashed}");
        // A new job every three rows (when the service changes, with the job).
        assert!(
            new_jobs >= (20_000 - (BATCHES_AHEAD + 2) * BATCH) / 3,
            "{new_jobs}"
        );
    }

    #[test]
    fn fast_number_parsing_agrees_with_the_standard_library() {
        for text in [
            "0",
            "1",
            "12",
            "0,25",
            "0.25",
            "3,",
            ",5",
            "123456789012345",
            "1234567890123456",
            "9007199254740993",
            "0,1234567890123",
            "99999999999999999999",
            "00012,50",
            "7.0",
        ] {
            let standard: Option<f64> = text.replace(',', ".").parse().ok();
            assert_eq!(parse_number(text), standard, "{text}");
        }
        assert_eq!(parse_number("."), None);
        assert_eq!(parse_number(","), None);
        assert_eq!(parse_number("1,2,3"), None);
    }

    #[test]
    fn line_breaks_are_found_in_every_position() {
        for len in 0..40 {
            for at in 0..len {
                for b in [b'\n', b'\r'] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    assert_eq!(find_line_break(&bytes), Some(at));
                }
            }
            assert_eq!(find_line_break(&vec![b'\x8a'; len]), None);
        }
    }

    /// Rows typed on the parsing thread, ahead, are the rows the other thread would type: the
    /// same rows, errors and warnings in the same order, whether reading goes on after a row's
    /// error (`check`) or stops at the first.
    #[test]
    fn rows_typed_ahead_are_the_rows_typed_on_arrival() {
        let mut text = b"Direction;Service;M\xc3\xa9tier;Effectif;T\xc3\xa2che;Part;Score;Code;ISCO;Fili\xc3\xa8re\n".to_vec();
        for line in 2..6000 {
            let row = match line % 997 {
                13 => "D;S;Agent;abc;t;;;;;A".to_string(),
                101 => "D;S;Agent;1,200;t;;;;;A".to_string(),
                202 => "D;S;Agent;2;t;;150 %;;;A".to_string(),
                303 => "D;S; ;2;t;;;;;A".to_string(),
                404 => "D;S;Agent;2;t;;;;12;A".to_string(),
                505 => "D;S;Agent;2;t;-1;;;;A".to_string(),
                606 => "D;S;Agent;2;t".to_string(),
                707 => ";;;;;;;;;".to_string(),
                808 => format!("D;S;Agent;2;{};;;;;A", "x".repeat(MAX_CELL_CHARS + 1)),
                909 => "D;S;Stop;2;\"two\nlines\";0,5;;;;A".to_string(),
                _ => format!(
                    "D{};S {};Agent {};{};T\u{e2}che {} ;{};{};;{};{}",
                    line % 3,
                    line % 7,
                    line % 11,
                    line % 5 + 1,
                    line % 13,
                    ["", "0,25", "1", " 0.5 "][line % 4],
                    ["", "0,4", "40 %"][line % 3],
                    ["", "4226"][line % 2],
                    ["", "B", "C "][line % 3],
                ),
            };
            text.extend_from_slice(row.as_bytes());
            text.push(b'\n');
            if line == 4000 {
                // A Windows-1252 byte: a warning there, and the row decoded.
                text.extend_from_slice(b"D;S;Agent;2;R\xe9diger;;;;;A\n");
            }
        }
        let read = |type_ahead: usize, read_on: bool| {
            TYPE_AHEAD.set(type_ahead);
            let log = std::cell::RefCell::new(Vec::new());
            let result = read_roster_with(
                "t.csv",
                Box::new(io::Cursor::new(text.clone())),
                &mut |_, _| {},
                &mut |r| {
                    log.borrow_mut().push(format!(
                        // Not the task text's hash: whether the parsing thread gives it depends
                        // on when it learnt the header.
                        "{}|{}|{}|{}|{:?}|{}|{:?}|{:?}|{}|{}|{}",
                        r.line,
                        r.direction,
                        r.department,
                        r.job,
                        r.headcount,
                        r.task,
                        r.weight,
                        r.score,
                        r.code,
                        r.isco,
                        r.attribute(9)
                    ));
                    match r.job {
                        "Stop" => Err(InputError::at(r.file, r.line, "stop")),
                        _ => Ok(()),
                    }
                },
                &mut |e| {
                    log.borrow_mut().push(format!("error {e}"));
                    if read_on { Ok(()) } else { Err(e) }
                },
                &mut |w| log.borrow_mut().push(format!("warning {w}")),
            );
            TYPE_AHEAD.set(TYPE_AHEAD_WHEN_WAITING);
            let mut log = log.into_inner();
            log.push(format!("{:?}", result.map(|(_, stats)| stats.rows)));
            log
        };
        for read_on in [true, false] {
            let on_arrival = read(usize::MAX, read_on);
            let ahead = read(0, read_on);
            assert!(on_arrival.len() > if read_on { 6000 } else { 10 });
            let first =
                (0..on_arrival.len().max(ahead.len())).find(|&i| on_arrival.get(i) != ahead.get(i));
            assert_eq!(
                first.map(|i| (on_arrival.get(i), ahead.get(i))),
                None,
                "read on: {read_on}"
            );
        }
    }

    #[test]
    fn number_checks_agree_with_their_definitions() {
        let ambiguous = |raw: &str| match raw.trim().split_once(',') {
            Some((int, dec)) => {
                (1..=3).contains(&int.len())
                    && !int.starts_with('0')
                    && int.bytes().all(|b| b.is_ascii_digit())
                    && dec.len() == 3
                    && dec.bytes().all(|b| b.is_ascii_digit())
            }
            None => false,
        };
        let pieces = [
            "1", "0", "9", ",", ".", " ", "%", "-", "é", "12", "200", "\u{a0}", "\u{feff}",
            "\u{2029}",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = (texts.iter())
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
            texts.dedup();
        }
        for t in &texts {
            let trimmed = t.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
            assert_eq!(trim(t), trimmed, "{t:?}");
            // The same text, found as a cell of a record (second, between two others).
            let record = TextRecord::new(["é", t, "x"]);
            let (start, end) = record.trimmed_span(1);
            assert_eq!(&record.text[start..end], trimmed, "{t:?}");
            assert_eq!(parse_number(t), parse_number(t.trim()), "{t:?}");
            assert_eq!(is_ambiguous_thousands(trim(t)), ambiguous(trim(t)), "{t:?}");
            let standard = t.trim().replace(',', ".").parse::<f64>().ok();
            let plain = t
                .trim()
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
                && t.trim().bytes().filter(|&b| b == b',' || b == b'.').count() <= 1;
            if plain {
                assert_eq!(parse_number(t), standard.filter(|v| v.is_finite()), "{t:?}");
            }
        }
    }

    proptest::proptest! {
        /// The one-pass check takes exactly the records csv's own would, with the same cells;
        /// the others get each cell as UTF-8 or else as Windows-1252. Cells are drawn from
        /// pieces of French text and broken sequences, so that cells often split a character.
        #[test]
        fn records_are_decoded_as_csv_would(
            cells in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        &b"a"[..], b"\xc3", b"\xa9", b"\xc3\xa9", b"\xe2\x80", b"\x99",
                        b"\xe2\x80\x99", b"\xf0\x9f\x99\x82", b"\xe9", b" ", b"",
                    ]),
                    0..6,
                ),
                0..5,
            )
        ) {
            let cells: Vec<Vec<u8>> = cells.iter().map(|pieces| pieces.concat()).collect();
            let record = csv::ByteRecord::from(cells.clone());
            let ends: Vec<usize> = (cells.iter())
                .scan(0, |end, c| {
                    *end += c.len();
                    Some(*end)
                })
                .collect();
            let raw = RawCells { bytes: record.as_slice(), ends: &ends };
            let mut ours = TextRecord::new(["stale", "cells"]);
            let utf8 = ours.set_utf8(&raw);
            match csv::StringRecord::from_byte_record(record.clone()) {
                Ok(theirs) => {
                    proptest::prop_assert!(utf8);
                    proptest::prop_assert_eq!(ours.iter().collect::<Vec<_>>(), theirs.iter().collect::<Vec<_>>());
                }
                Err(_) => {
                    proptest::prop_assert!(!utf8);
                    ours.set_windows_1252(&raw);
                    let expected: Vec<String> = cells
                        .iter()
                        .map(|c| match std::str::from_utf8(c) {
                            Ok(s) => s.to_string(),
                            Err(_) => encoding_rs::WINDOWS_1252.decode(c).0.into_owned(),
                        })
                        .collect();
                    proptest::prop_assert_eq!(ours.iter().collect::<Vec<_>>(), expected);
                }
            }
            proptest::prop_assert_eq!(ours.len(), cells.len());
        }
    }

    /// Whether two typings of a record agree: the same spans and values (to the bit), or the
    /// same error.
    fn typed_alike(
        a: Result<Typed, InputError>,
        b: Result<Typed, InputError>,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        match (a, b) {
            (Ok(a), Ok(b)) => {
                proptest::prop_assert_eq!(a.spans, b.spans);
                let bits = |v: Option<f64>| v.map(f64::to_bits);
                proptest::prop_assert_eq!(bits(a.headcount), bits(b.headcount));
                proptest::prop_assert_eq!(bits(a.weight), bits(b.weight));
                proptest::prop_assert_eq!(bits(a.score), bits(b.score));
            }
            (a, b) => proptest::prop_assert_eq!(a.err(), b.err()),
        }
        Ok(())
    }

    proptest::proptest! {
        /// `type_cells`, which reads the usual number inline, types a row as
        /// `type_cells_simply` (every number through `parse_number`) does: the same spans,
        /// values and errors, whichever cell is bad first. The number cells are drawn from
        /// digits, separators, `%`, signs, letters and the spaces `trim` takes off, up to 20
        /// pieces (past the 16 bytes read inline), so that thousands like `1,200` come too.
        #[test]
        fn cells_are_typed_as_through_parse_number(
            numbers in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "0", "1", "2", "5", "9", "9", "12", ",", ".", "%", " ", "\u{a0}",
                        "\u{feff}", "-", "a", "é",
                    ]),
                    0..20,
                ),
                3,
            ),
            job in proptest::sample::select(vec!["Agent", "", " ", " Agent d'accueil "]),
            isco in proptest::sample::select(vec!["", "4110", "411", "41100", " 4110", "411a"]),
        ) {
            let headers = ["job", "task", "score", "weight", "effectif", "isco"];
            let columns = Columns::from_headers(
                "t",
                1,
                headers.iter().map(|h| h.to_string()).collect(),
            )
            .unwrap();
            let numbers: Vec<String> = numbers.iter().map(|n| n.concat()).collect();
            let record =
                TextRecord::new([job, "t", &numbers[0], &numbers[1], &numbers[2], isco]);
            let ours = type_cells("t", 2, &columns, &record, None);
            let theirs = type_cells_simply("t", 2, &columns, &record);
            typed_alike(ours, theirs)?;
        }
    }

    proptest::proptest! {
        /// A record of the same job as the record before (`same_job`) is typed from that
        /// record's row as it is on its own: the same spans, values and errors. Cells are
        /// drawn with spaces to trim, letters of two bytes, numbers and bad ones, so that
        /// records often share some job cells and not others.
        #[test]
        fn a_row_of_the_same_job_is_typed_as_on_its_own(
            jobs in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["DGS", " DGS", "Pôle é"]),
                    proptest::sample::select(vec!["Agent", "", " Agent d'accueil ", "Agent é"]),
                    proptest::sample::select(vec!["", "2", "12", " 12", "1,200", "x", "2%"]),
                    proptest::sample::select(vec!["", "4110", "411a"]),
                ),
                2,
            ),
            tasks in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["t", "", " tâche "]),
                    proptest::sample::select(vec!["", "0,25", "1,200", "3 %", "-1", " 7"]),
                ),
                2,
            ),
            same_job_cells in proptest::bool::ANY,
            lead in proptest::bool::ANY,
        ) {
            let job = |k: usize| if same_job_cells { jobs[0] } else { jobs[k] };
            let rows = [0, 1].map(|k| {
                let ((d, j, h, i), (t, w)) = (job(k), tasks[k]);
                (d, j, h, i, t, w)
            });
            // The job's cells first, or a task's column before them.
            let headers: &[&str] = if lead {
                &["direction", "job", "effectif", "isco", "task", "weight"]
            } else {
                &["task", "direction", "job", "effectif", "isco", "weight"]
            };
            let columns = Columns::from_headers(
                "t",
                1,
                headers.iter().map(|h| h.to_string()).collect(),
            )
            .unwrap();
            proptest::prop_assert_eq!(columns.job_cells_lead, lead);
            // A line read whole, as `Records` reads any line after the first.
            let record = |(d, j, h, i, t, w): (&str, &str, &str, &str, &str, &str)| {
                let cells = if lead { [d, j, h, i, t, w] } else { [t, d, j, h, i, w] };
                let text = format!("header\n{}\n", cells.join(";"));
                let mut out = TextRecord::default();
                let mut reader = Records::new(io::Cursor::new(text.into_bytes()), b';');
                reader.read(&mut out).unwrap();
                let got = reader.read(&mut out).unwrap();
                assert!(matches!(got, Some((2, Got::Text))));
                assert_eq!(out.iter().collect::<Vec<_>>(), cells);
                out
            };
            let (before, this) = (record(rows[0]), record(rows[1]));
            let runs = columns.job_runs();
            let same = same_job(&runs, &this, (&before, 1));
            if let (1, Ok(typed)) = (same, type_cells("t", 1, &columns, &before, None)) {
                let alone = type_cells("t", 2, &columns, &this, None);
                let alike = type_cells("t", 2, &columns, &this, Some(&typed));
                typed_alike(alike, alone)?;
            }
        }
    }

    proptest::proptest! {
        /// `type_cells` as it was, with `map_or` and `trim_end`, types a row's numbers as it
        /// does now: the same spans, the same values, the same errors. Cells are drawn from
        /// digits, separators, `%` and the spaces `trim` takes off (and the BOM it takes too).
        #[test]
        fn cells_are_typed_as_with_map_or_and_trim_end(
            cells in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "0", "1", "5", "9", ",", ".", "%", " ", "\u{a0}", "\u{feff}", "\t", "a",
                    ]),
                    0..7,
                ),
                3,
            )
        ) {
            let columns = tests_support::columns();
            let cells: Vec<String> = cells.iter().map(|c| c.concat()).collect();
            let record = TextRecord::new(["Agent", "t", &cells[0], &cells[1], &cells[2]]);
            let old_span = |f: Field| columns.get(f).map_or((0, 0), |i| record.trimmed_span(i));
            let old_text = |f: Field| {
                let (start, end) = old_span(f);
                record.text.get(start..end).unwrap_or_default()
            };
            let typed = type_cells("t", 2, &columns, &record, None);
            let raw = old_text(Field::Score);
            proptest::prop_assert_eq!(raw, trim(&cells[0]));
            // The old rule for a percentage.
            let old_score = parse_number(raw).map(|v| {
                if raw.trim_end().ends_with('%') { v / 100.0 } else { v }
            });
            match typed {
                Ok(t) => {
                    proptest::prop_assert_eq!(t.spans, TEXTS.map(old_span));
                    proptest::prop_assert_eq!(t.score.map(f64::to_bits), old_score.map(f64::to_bits));
                    proptest::prop_assert_eq!(t.weight.map(f64::to_bits), parse_number(old_text(Field::Weight)).map(f64::to_bits));
                }
                // Refused: a score, weight or headcount out of bounds or not a number.
                Err(_) => proptest::prop_assert!(
                    old_score.is_none_or(|v| !(0.0..=1.0).contains(&v))
                        || is_ambiguous_thousands(raw)
                        || [Field::Weight, Field::Headcount].iter().any(|&f| !old_text(f).is_empty())
                ),
            }
        }
    }
}
