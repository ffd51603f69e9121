//! Loading rosters: encoding, delimiter, header aliases, typed and validated rows, streamed one
//! at a time so memory grows with the number of jobs, not of task rows.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

use crate::error::InputError;
use crate::normalize::header_key;

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

/// Where each field is in a file, and the extra columns kept as job attributes.
#[derive(Debug, Clone)]
pub struct Columns {
    pub headers: Vec<String>,
    fields: [Option<usize>; 9],
    /// (column index, header as written, header key)
    pub attributes: Vec<(usize, String, String)>,
}

impl Columns {
    pub fn get(&self, field: Field) -> Option<usize> {
        self.fields[field as usize]
    }

    pub fn has(&self, field: Field) -> bool {
        self.get(field).is_some()
    }

    pub(crate) fn from_headers(file: &str, headers: Vec<String>) -> Result<Columns, InputError> {
        let mut fields: [Option<usize>; 9] = [None; 9];
        let mut attributes = Vec::new();
        let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
        for (i, key) in keys.iter().enumerate() {
            if key.is_empty() {
                continue;
            }
            if let Some(j) = keys[..i].iter().position(|k| k == key) {
                return Err(InputError::at(
                    file,
                    1,
                    format!(
                        "columns {} ('{}') and {} ('{}') have the same name; expected distinct column names",
                        j + 1,
                        headers[j].trim(),
                        i + 1,
                        headers[i].trim()
                    ),
                ));
            }
        }
        for (i, key) in keys.iter().enumerate() {
            let field = FIELDS.iter().find(|f| f.aliases().contains(&key.as_str()));
            match field {
                Some(&f) => {
                    // "Direction" under a DGA or pôle column is the level below it.
                    let f = if f == Field::Direction
                        && key == "direction"
                        && keys.iter().any(|k| {
                            k != "direction" && Field::Direction.aliases().contains(&k.as_str())
                        })
                        && !keys
                            .iter()
                            .any(|k| Field::Department.aliases().contains(&k.as_str()))
                    {
                        Field::Department
                    } else {
                        f
                    };
                    if let Some(j) = fields[f as usize] {
                        return Err(InputError::at(
                            file,
                            1,
                            format!(
                                "columns {} ('{}') and {} ('{}') both mean '{}'; keep one",
                                j + 1,
                                headers[j].trim(),
                                i + 1,
                                headers[i].trim(),
                                f.name()
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
        if fields[Field::Job as usize].is_none() {
            return Err(InputError::at(
                file,
                1,
                format!(
                    "no job column; expected a header such as 'job', 'métier', 'emploi', 'poste' or 'intitulé du poste' (found: {})",
                    headers
                        .iter()
                        .map(|h| h.trim())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        Ok(Columns {
            headers,
            fields,
            attributes,
        })
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
    pub weight: Option<f64>,
    pub code: &'a str,
    pub score: Option<f64>,
    pub isco: &'a str,
    pub columns: &'a Columns,
    pub cells: &'a [String],
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

    pub fn attribute(&self, index: usize) -> &str {
        self.cells.get(index).map(|s| s.trim()).unwrap_or("")
    }
}

/// What reading one file found, besides its rows.
#[derive(Debug, Clone, Default)]
pub struct FileStats {
    pub file: String,
    pub rows: u64,
    pub delimiter: char,
    pub encoding: &'static str,
}

/// Opens a roster (`-` is standard input).
pub fn open(path: &str) -> Result<Box<dyn Read>, InputError> {
    if path == "-" {
        return Ok(Box::new(io::stdin().lock()));
    }
    File::open(path)
        .map(|f| Box::new(f) as Box<dyn Read>)
        .map_err(|e| InputError::file(path, format!("cannot open: {e}")))
}

/// Reads one roster and hands every data row to `on_row`; warnings go to `warn`.
pub fn read_roster(
    name: &str,
    input: Box<dyn Read>,
    on_row: &mut dyn FnMut(&Row) -> Result<(), InputError>,
    warn: &mut dyn FnMut(String),
) -> Result<(Columns, FileStats), InputError> {
    read_roster_with(name, input, on_row, &mut Err, warn)
}

/// Like `read_roster`, but an error confined to one row (a bad cell, a wrong field count, or
/// an error returned by `on_row`) goes to `on_row_error`, which may return `Ok` to skip the row
/// and read on (`check` reports every such error), or the error to stop.
pub fn read_roster_with(
    name: &str,
    input: Box<dyn Read>,
    on_row: &mut dyn FnMut(&Row) -> Result<(), InputError>,
    on_row_error: &mut dyn FnMut(InputError) -> Result<(), InputError>,
    warn: &mut dyn FnMut(String),
) -> Result<(Columns, FileStats), InputError> {
    let mut input = BufReader::with_capacity(1 << 16, QuoteCounter::new(input));
    let io_err = |e: io::Error| InputError::file(name, format!("cannot read: {e}"));
    let head = input.fill_buf().map_err(io_err)?;
    if head.is_empty() {
        return Err(InputError::file(
            name,
            "empty file: expected a header line with a job column",
        ));
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::file(
            name,
            "UTF-16 text is not supported: save the file as CSV UTF-8 (or Windows-1252)",
        ));
    }
    let delimiter = sniff_delimiter(head);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(false)
        .from_reader(input);

    let mut stats = FileStats {
        file: name.to_string(),
        rows: 0,
        delimiter: delimiter as char,
        encoding: "UTF-8",
    };
    let mut record = csv::ByteRecord::new();
    let mut cells: Vec<String> = Vec::new();
    let mut warned_encoding = false;
    let mut decode_record = |record: &csv::ByteRecord,
                             line: u64,
                             cells: &mut Vec<String>,
                             stats: &mut FileStats,
                             warn: &mut dyn FnMut(String)| {
        cells.resize(record.len(), String::new());
        for (cell, bytes) in cells.iter_mut().zip(record.iter()) {
            cell.clear();
            match std::str::from_utf8(bytes) {
                Ok(s) => cell.push_str(s),
                Err(_) => {
                    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                    cell.push_str(&text);
                    if !warned_encoding {
                        warned_encoding = true;
                        stats.encoding = "Windows-1252";
                        warn(format!(
                            "{name}:{line}: not valid UTF-8; reading the file as Windows-1252"
                        ));
                    }
                }
            }
        }
    };

    // Err((error, true)) when only this record is bad and reading can go on.
    let read_record = |reader: &mut csv::Reader<BufReader<QuoteCounter<Box<dyn Read>>>>,
                       record: &mut csv::ByteRecord| {
        reader.read_byte_record(record).map_err(|e| {
            let byte = e.position().map(|p| p.byte()).unwrap_or(0);
            let line = reader.get_mut().get_mut().line_at(byte);
            let recoverable = matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. });
            (csv_error(name, line, &e), recoverable)
        })
    };
    let read = |reader: &mut csv::Reader<BufReader<QuoteCounter<Box<dyn Read>>>>,
                record: &mut csv::ByteRecord| {
        read_record(reader, record).map_err(|(e, _)| e)
    };
    if !read(&mut reader, &mut record)? {
        return Err(InputError::file(
            name,
            "empty file: expected a header line with a job column",
        ));
    }
    decode_record(&record, 1, &mut cells, &mut stats, warn);
    if let Some(first) = cells.first_mut() {
        if let Some(stripped) = first.strip_prefix('\u{feff}') {
            *first = stripped.to_string();
        }
    }
    let columns = Columns::from_headers(name, cells.clone())?;

    let mut last_multiline: Option<u64> = None;
    loop {
        match read_record(&mut reader, &mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err((e, true)) => {
                on_row_error(e)?;
                continue;
            }
            Err((e, false)) => return Err(e),
        }
        let byte = record.position().map(|p| p.byte()).unwrap_or(0);
        let line = reader.get_mut().get_mut().line_at(byte);
        decode_record(&record, line, &mut cells, &mut stats, warn);
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        last_multiline = cells
            .iter()
            .any(|c| c.contains('\n') || c.contains('\r'))
            .then_some(line);
        stats.rows += 1;
        let result = typed_row(name, line, &columns, &cells).and_then(|row| on_row(&row));
        if let Err(e) = result {
            on_row_error(e)?;
        }
    }
    if let Some(line) = last_multiline {
        if reader.get_ref().get_ref().odd_quotes() {
            return Err(InputError::at(
                name,
                line,
                "unbalanced quote: a quoted field opened here is never closed",
            ));
        }
    }
    if stats.rows == 0 {
        return Err(InputError::file(
            name,
            "no data rows: the file has a header but no rows",
        ));
    }
    Ok((columns, stats))
}

fn typed_row<'a>(
    file: &'a str,
    line: u64,
    columns: &'a Columns,
    cells: &'a [String],
) -> Result<Row<'a>, InputError> {
    let text = |f: Field| columns.get(f).map(|i| cells[i].trim()).unwrap_or("");
    let cell_err = |f: Field, msg: String| {
        let i = columns.get(f).unwrap_or(0);
        InputError::cell(file, line, i + 1, columns.headers[i].trim(), msg)
    };
    let job = text(Field::Job);
    if job.is_empty() {
        return Err(cell_err(
            Field::Job,
            "expected a job title, found an empty cell".into(),
        ));
    }
    let number = |f: Field| -> Result<Option<f64>, InputError> {
        let raw = text(f);
        if raw.is_empty() {
            return Ok(None);
        }
        match parse_number(raw) {
            Some(v) if v >= 0.0 => Ok(Some(v)),
            Some(_) => Err(cell_err(f, format!("expected a number ≥ 0, found {raw:?}"))),
            None => Err(cell_err(f, format!("expected a number, found {raw:?}"))),
        }
    };
    let headcount = number(Field::Headcount)?;
    let weight = number(Field::Weight)?;
    let score_raw = text(Field::Score);
    let score = if score_raw.is_empty() {
        None
    } else {
        match parse_number(score_raw) {
            Some(v) if (0.0..=1.0).contains(&v) => Some(v),
            _ => {
                return Err(cell_err(
                    Field::Score,
                    format!("expected a score between 0 and 1, found {score_raw:?}"),
                ));
            }
        }
    };
    let isco = text(Field::Isco);
    if !isco.is_empty() && !(isco.len() == 4 && isco.bytes().all(|b| b.is_ascii_digit())) {
        return Err(cell_err(
            Field::Isco,
            format!("expected an ISCO-08 unit group of 4 digits, found {isco:?}"),
        ));
    }
    Ok(Row {
        file,
        line,
        direction: text(Field::Direction),
        department: text(Field::Department),
        job,
        headcount,
        task: text(Field::Task),
        weight,
        code: text(Field::Code),
        score,
        isco,
        columns,
        cells,
    })
}

/// A number as spreadsheets write it: decimal comma or point, spaces as thousands separators,
/// an optional trailing `%` (the value is kept as written: weights are relative).
pub fn parse_number(raw: &str) -> Option<f64> {
    let mut s: Cow<str> = Cow::Borrowed(raw.trim());
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
    let end = head
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(head.len());
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in &head[..end] {
        match b {
            b'"' => quoted = !quoted,
            b';' if !quoted => counts[0] += 1,
            b',' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let delimiters = [b';', b',', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(1);
    if counts[best] == 0 {
        b','
    } else {
        delimiters[best]
    }
}

fn csv_error(name: &str, line: u64, e: &csv::Error) -> InputError {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => InputError::at(
            name,
            line,
            format!(
                "expected {expected_len} fields as in the header, found {len} (a stray delimiter or an unbalanced quote?)"
            ),
        ),
        csv::ErrorKind::Io(err) => InputError::file(name, format!("cannot read: {err}")),
        _ => InputError::at(name, line, format!("malformed CSV: {e}")),
    }
}

/// Watches the bytes stream past: counts quote characters, so that a quote left open at the
/// end of the file can be told apart from a legitimate multi-line field, and notes where lines
/// break (`\n`, `\r\n` or a lone `\r`), because the csv crate counts only `\n` and reports a CRLF
/// record on the line before.
struct QuoteCounter<R> {
    inner: R,
    quotes: u64,
    offset: u64,
    prev_cr: bool,
    /// Offsets of line breaks not yet counted into `line`.
    breaks: std::collections::VecDeque<u64>,
    line: u64,
}

impl<R: Read> QuoteCounter<R> {
    fn new(inner: R) -> Self {
        QuoteCounter {
            inner,
            quotes: 0,
            offset: 0,
            prev_cr: false,
            breaks: Default::default(),
            line: 1,
        }
    }

    fn odd_quotes(&self) -> bool {
        self.quotes % 2 == 1
    }

    /// The 1-based line of the byte at `offset`; offsets must be asked for in increasing order.
    fn line_at(&mut self, offset: u64) -> u64 {
        while self.breaks.front().is_some_and(|&b| b < offset) {
            self.breaks.pop_front();
            self.line += 1;
        }
        self.line
    }
}

impl<R: Read> Read for QuoteCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            match b {
                b'"' => self.quotes += 1,
                b'\n' if !self.prev_cr => self.breaks.push_back(self.offset + i as u64),
                b'\r' => self.breaks.push_back(self.offset + i as u64),
                _ => {}
            }
            self.prev_cr = b == b'\r';
        }
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
pub(crate) mod tests_support {
    pub fn columns() -> super::Columns {
        let headers = ["job", "task", "score", "weight", "effectif"];
        super::Columns::from_headers("t", headers.iter().map(|h| h.to_string()).collect()).unwrap()
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
        assert!(err(b"job;Job\nA;b\n").contains("same name"));
        assert!(err(b"job;service;departement\nA;b;c\n").contains("both mean 'department'"));
        assert!(err(b"job;task\nA;\"open\nB;x\n").starts_with("t.csv:2: unbalanced quote"));
        assert!(err(b"\xff\xfej\x00").contains("UTF-16"));
        assert!(err(b"job;effectif\rA;1\rB;x\r").starts_with("t.csv:3:2:"));
        assert!(err(b"job;effectif\r\nA;1\r\nB;x\r\n").starts_with("t.csv:3:2:"));
        assert!(err(b"job;task\nA;\"two\nlines\"\nB;x;y\n").starts_with("t.csv:4:"));
    }
}
