//! The roster's records, split as the csv crate splits them, with a fast path for the usual
//! record: one line without a quote character.
//!
//! The csv crate reads every byte through its state machine (`csv_core`), about 13
//! instructions a byte: with the other thread scoring and aggregating, that was the largest
//! single cost of reading a roster of many jobs (2.2 G instructions of 7.5 at 10^6 rows). A
//! line without a quote cannot hold a quoted field, so its cells are exactly the pieces
//! between its delimiters: found with `memchr`, checked as UTF-8 in one pass and copied into
//! the `TextRecord` the rows are typed from. Every other record (the first one, which may
//! start with a byte-order mark, and any line with a quote) goes through `csv_core` itself,
//! configured as `csv::ReaderBuilder` configures it, from where the fast path stopped.
//!
//! What `csv_core` does between records is what the fast path does: blank lines (any run of
//! `\r` and `\n`) are skipped before a record, a record ends at its first `\r` or `\n`, which
//! it consumes (so a `\r\n`'s `\n` is skipped before the next record).
//!
//! Each record comes with its line: one more than the line breaks (`\n`, `\r\n` or a lone
//! `\r`) before its first byte, blank lines skipped before it included, counted as the bytes
//! are consumed (the csv crate counts only `\n`).

use std::io::{self, Read};

use csv_core::ReadRecordResult;

use super::TextRecord;

/// Bytes read at a time (the csv crate's buffer, as `read_roster_with` configured it).
const BUFFER: usize = 64 * 1024;

/// Where a record went: decoded on the fast path, else the bytes of its cells for the caller
/// to decode.
pub(super) enum Got {
    /// Into the `TextRecord`, every cell valid UTF-8.
    Text,
    /// As bytes, for the caller to decode (`Records::raw`): a record from `csv_core`, or a
    /// line that is not UTF-8.
    Bytes,
}

/// The cells of a record as bytes: cell `i` is `bytes[ends[i - 1]..ends[i]]` (from 0 for the
/// first), as the csv crate's records keep them.
pub(super) struct RawCells<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) ends: &'a [usize],
}

impl<'a> RawCells<'a> {
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn range(&self, i: usize) -> std::ops::Range<usize> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        start..self.ends[i]
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.len()).map(|i| &self.bytes[self.range(i)])
    }
}

pub(super) struct Records<R> {
    input: R,
    buf: Vec<u8>,
    /// The bytes read and not yet consumed: `buf[start..end]`.
    start: usize,
    end: usize,
    eof: bool,
    /// After the end of the data or an error: every later read finds no record, as the csv
    /// crate's.
    done: bool,
    core: csv_core::Reader,
    delimiter: u8,
    /// Whether the first record has been read (it goes through `csv_core`, which strips a
    /// byte-order mark from the start of the data).
    started: bool,
    /// `csv_core`'s output for a record: its cells' bytes and ends (of which the last record
    /// read as bytes takes the first `raw`).
    out: Vec<u8>,
    ends: Vec<usize>,
    raw: (usize, usize),
    /// Line breaks in the bytes consumed, and whether the last of them was a `\r` (so that a
    /// `\n` right after it ends the same line).
    breaks: u64,
    after_cr: bool,
    /// While `csv_core` reads the first record: where its bytes start in `buf` (kept there
    /// until its line breaks are counted: its line depends on what `csv_core` skipped).
    keep: Option<usize>,
    /// While `csv_core` reads any other record (its line known, as its first byte is): where the
    /// bytes it consumed whose line breaks are not counted yet start in `buf`.
    counted: Option<usize>,
    /// Whether `csv_core` has been given input: a byte-order mark at the start of its first
    /// input is stripped, and whether it was.
    core_started: bool,
    bom: bool,
}

impl<R: Read> Records<R> {
    /// `delimiter` is ASCII (`sniff_delimiter`'s): a line split at it splits no character.
    pub(super) fn new(input: R, delimiter: u8) -> Self {
        Self::with_buffer(input, delimiter, BUFFER)
    }

    /// With a buffer of `len` bytes at first (the tests' are tiny).
    fn with_buffer(input: R, delimiter: u8, len: usize) -> Self {
        debug_assert!(delimiter.is_ascii());
        Records {
            input,
            buf: vec![0; len.max(1)],
            start: 0,
            end: 0,
            eof: false,
            done: false,
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            delimiter,
            started: false,
            out: vec![0; 1024],
            ends: vec![0; 64],
            raw: (0, 0),
            breaks: 0,
            after_cr: false,
            keep: None,
            counted: None,
            core_started: false,
            bom: false,
        }
    }

    /// Counts the line breaks of `buf[from..to]`, consumed (with `memchr`: a record read by
    /// `csv_core`, a line of quoted cells, is counted whole).
    fn count_breaks(&mut self, from: usize, to: usize) {
        let bytes = &self.buf[from..to];
        if bytes.is_empty() {
            return;
        }
        for at in memchr::memchr2_iter(b'\r', b'\n', bytes) {
            let after_cr = at
                .checked_sub(1)
                .map_or(self.after_cr, |i| bytes[i] == b'\r');
            if bytes[at] == b'\r' || !after_cr {
                self.breaks += 1;
            }
        }
        if let Some(&last) = bytes.last() {
            self.after_cr = last == b'\r';
        }
    }

    pub(super) fn get_ref(&self) -> &R {
        &self.input
    }

    /// The cells of the last record read as `Got::Bytes`.
    pub(super) fn raw(&self) -> RawCells<'_> {
        RawCells {
            bytes: &self.out[..self.raw.0],
            ends: &self.ends[..self.raw.1],
        }
    }

    /// Reads the next record: `Ok(None)` at the end of the data, else its line (1-based) and
    /// where it went.
    pub(super) fn read(&mut self, text: &mut TextRecord) -> io::Result<Option<(u64, Got)>> {
        if self.done {
            return Ok(None);
        }
        let read = if self.started {
            self.read_line(text)
        } else {
            self.started = true;
            self.read_core()
        };
        match read {
            Ok(Some(read)) => Ok(Some(read)),
            Ok(None) => {
                self.done = true;
                Ok(None)
            }
            Err(e) => {
                self.done = true;
                Err(e)
            }
        }
    }

    /// The fast path, falling back on `csv_core` for a line with a quote.
    fn read_line(&mut self, text: &mut TextRecord) -> io::Result<Option<(u64, Got)>> {
        // Blank lines, and the `\n` of the last record's `\r\n`.
        let mut scanned = 0;
        loop {
            let rest = &self.buf[self.start..self.end];
            let skip = rest
                .iter()
                .position(|&b| b != b'\n' && b != b'\r')
                .unwrap_or(rest.len());
            if skip > 0 {
                self.count_breaks(self.start, self.start + skip);
                self.start += skip;
            }
            if self.start < self.end {
                let rest = &self.buf[self.start..self.end];
                // A quoted first cell: no line to look through first (a file of quoted cells).
                if rest[0] == b'"' {
                    return self.read_core();
                }
                let line = match memchr::memchr2(b'\n', b'\r', &rest[scanned..]) {
                    Some(at) => Some(&rest[..scanned + at]),
                    None if self.eof => Some(rest),
                    None => None,
                };
                if let Some(line) = line {
                    if memchr::memchr(b'"', line).is_some() {
                        return self.read_core();
                    }
                    let read = match simdutf8::basic::from_utf8(line) {
                        Ok(line) => {
                            // Copied whole, delimiters and all: they keep the cells apart.
                            text.text.clear();
                            text.text.push_str(line);
                            text.ends.clear();
                            delimiters(line.as_bytes(), self.delimiter, &mut text.ends);
                            text.ends.push(line.len());
                            // No cell holds the delimiter: the line has no quote.
                            text.joined_by = self.delimiter;
                            Got::Text
                        }
                        Err(_) => {
                            self.raw = split(line, self.delimiter, &mut self.out, &mut self.ends);
                            Got::Bytes
                        }
                    };
                    let number = self.breaks + 1;
                    // The line and its terminator, if any (a line break).
                    self.start += line.len();
                    if let Some(&end) = self.buf[..self.end].get(self.start) {
                        self.breaks += 1;
                        self.after_cr = end == b'\r';
                        self.start += 1;
                    }
                    return Ok(Some((number, read)));
                }
                scanned = rest.len();
            } else if self.eof {
                return Ok(None);
            }
            self.fill()?;
        }
    }

    /// One record through `csv_core`, from where reading stands.
    fn read_core(&mut self) -> io::Result<Option<(u64, Got)>> {
        let (mut written, mut ended) = (0, 0);
        // After the first record, `read_line` has skipped the blank lines: the record starts
        // here, on the line after the breaks counted.
        let line = self.core_started.then_some(self.breaks + 1);
        if line.is_some() {
            self.counted = Some(self.start);
        } else {
            self.keep = Some(self.start);
        }
        loop {
            // Empty input tells `csv_core` that the data ends: it is given only at the end.
            if self.start == self.end {
                self.fill()?;
            }
            if !self.core_started {
                self.core_started = true;
                self.bom = self.buf[self.start..self.end].starts_with(b"\xef\xbb\xbf");
            }
            let (result, read, wrote, ends) = self.core.read_record(
                &self.buf[self.start..self.end],
                &mut self.out[written..],
                &mut self.ends[ended..],
            );
            self.start += read;
            written += wrote;
            ended += ends;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let len = self.out.len() * 2;
                    self.out.resize(len, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let len = self.ends.len() * 2;
                    self.ends.resize(len, 0);
                }
                ReadRecordResult::Record => {
                    self.raw = (written, ended);
                    if let (Some(line), Some(from)) = (line, self.counted.take()) {
                        self.count_breaks(from, self.start);
                        return Ok(Some((line, Got::Bytes)));
                    }
                    // What `csv_core` skipped before the record: the byte-order mark, at the
                    // start of the data, and blank lines.
                    let mut first = self.keep.take().unwrap_or(self.start);
                    if std::mem::take(&mut self.bom) {
                        first += 3;
                    }
                    let blank = self.buf[first..self.start]
                        .iter()
                        .take_while(|&&b| b == b'\n' || b == b'\r')
                        .count();
                    self.count_breaks(first, first + blank);
                    let number = self.breaks + 1;
                    self.count_breaks(first + blank, self.start);
                    return Ok(Some((number, Got::Bytes)));
                }
                ReadRecordResult::End => return Ok(None),
            }
        }
    }

    /// Reads more of the input after the bytes not yet consumed, moved to the front of the
    /// buffer (which doubles when they fill it: a line longer than it).
    fn fill(&mut self) -> io::Result<()> {
        if self.eof {
            return Ok(());
        }
        // The bytes from `keep` on stay, when `csv_core` is reading the first record; the
        // line breaks of those consumed are counted before they go.
        if let Some(from) = self.counted {
            self.count_breaks(from, self.start);
        }
        let from = self.keep.unwrap_or(self.start);
        if from > 0 {
            self.buf.copy_within(from..self.end, 0);
            self.end -= from;
            self.start -= from;
            self.keep = self.keep.map(|_| 0);
        }
        self.counted = self.counted.map(|_| self.start);
        if self.end == self.buf.len() {
            let len = self.buf.len() * 2;
            self.buf.resize(len, 0);
        }
        let n = self.input.read(&mut self.buf[self.end..])?;
        self.end += n;
        self.eof = n == 0;
        Ok(())
    }
}

/// The cells of a line without a quote that is not UTF-8: the pieces between its delimiters,
/// into `out` and `ends` as `RawCells` (their lengths).
#[cold]
fn split(line: &[u8], delimiter: u8, out: &mut Vec<u8>, ends: &mut Vec<usize>) -> (usize, usize) {
    if out.len() < line.len() {
        out.resize(line.len(), 0);
    }
    let (mut written, mut cells) = (0, 0);
    for cell in line.split(|&b| b == delimiter) {
        out[written..written + cell.len()].copy_from_slice(cell);
        written += cell.len();
        if ends.len() == cells {
            ends.push(0);
        }
        ends[cells] = written;
        cells += 1;
    }
    (written, cells)
}

/// Adds to `ends` where `delimiter` stands in `line`, in order. Eight bytes at a time: a cell
/// is some twenty bytes, too short for `memchr`'s set-up to pay for itself at every one.
fn delimiters(line: &[u8], delimiter: u8, ends: &mut Vec<usize>) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * u64::from(delimiter);
    let mut words = line.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let x = u64::from_le_bytes(word.try_into().expect("8 bytes")) ^ pattern;
        // The high bit of each byte of `x` that is zero (a delimiter), exactly: the low seven
        // bits plus 0x7F carry into the high bit unless they are all zero, and no byte
        // carries into the next.
        let mut found = !(((x & !HIGH) + !HIGH) | x) & HIGH;
        while found != 0 {
            ends.push(at + found.trailing_zeros() as usize / 8);
            found &= found - 1;
        }
        at += 8;
    }
    let rest = words.remainder().iter().enumerate();
    ends.extend(rest.filter(|&(_, &b)| b == delimiter).map(|(i, _)| at + i));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives at most `step` bytes a read, so that records straddle every refill.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.data.len().min(self.step).min(buf.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// The line of each record as `read_roster_with` worked it out before `Records` counted
    /// lines: from the csv crate's position of the record and the line breaks seen streaming
    /// past (a `\r\n` is one; the blank lines the csv crate skips before a record count).
    struct Lines<R> {
        inner: R,
        offset: u64,
        prev_cr: bool,
        breaks: std::collections::VecDeque<(u64, u64)>,
        line: u64,
        line_start: u64,
    }

    impl<R: Read> Lines<R> {
        fn record_line(&mut self, offset: u64) -> u64 {
            while let Some(&(at, next)) = self.breaks.front() {
                if at < offset || at == offset.max(self.line_start) {
                    self.breaks.pop_front();
                    self.line += 1;
                    self.line_start = next;
                } else {
                    break;
                }
            }
            self.line
        }
    }

    impl<R: Read> Read for Lines<R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.inner.read(buf)?;
            let data = &buf[..n];
            for at in memchr::memchr2_iter(b'\n', b'\r', data) {
                let after_cr = if at == 0 {
                    self.prev_cr
                } else {
                    data[at - 1] == b'\r'
                };
                let here = self.offset + at as u64;
                if data[at] == b'\r' || !after_cr {
                    self.breaks.push_back((here, here + 1));
                } else {
                    match self.breaks.back_mut() {
                        Some((cr, next)) if *cr + 1 == here => *next = here + 1,
                        _ => self.line_start = self.line_start.max(here + 1),
                    }
                }
            }
            if let Some(&last) = data.last() {
                self.prev_cr = last == b'\r';
            }
            self.offset += n as u64;
            Ok(n)
        }
    }

    /// Each record's line and cells, as the csv crate reads them (as `read_roster_with`
    /// configured it before, with `Lines`) and as `Records` does.
    fn both(data: &[u8], step: usize, buffer: usize) -> [Vec<(u64, Vec<Vec<u8>>)>; 2] {
        // Read as `Records` reads: a byte-order mark is stripped only if the first read has it
        // whole (in `read_roster_with`, the first read is the first 64 KiB).
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(buffer)
            .from_reader(Lines {
                inner: Trickle { data, step },
                offset: 0,
                prev_cr: false,
                breaks: Default::default(),
                line: 1,
                line_start: 0,
            });
        let mut theirs = Vec::new();
        let mut record = csv::ByteRecord::new();
        while csv.read_byte_record(&mut record).unwrap() {
            let byte = record.position().map_or(0, |p| p.byte());
            let line = csv.get_mut().record_line(byte);
            theirs.push((line, record.iter().map(<[u8]>::to_vec).collect()));
        }
        let mut records = Records::with_buffer(Trickle { data, step }, b';', buffer);
        let mut ours = Vec::new();
        let mut text = TextRecord::new(["stale"]);
        while let Some((line, got)) = records.read(&mut text).unwrap() {
            let cells = match got {
                Got::Text => text.iter().map(|c| c.as_bytes().to_vec()).collect(),
                Got::Bytes => records.raw().iter().map(<[u8]>::to_vec).collect(),
            };
            ours.push((line, cells));
        }
        assert!(records.read(&mut text).unwrap().is_none());
        [theirs, ours]
    }

    #[test]
    fn records_are_split_as_the_csv_crate_splits_them() {
        for data in [
            &b""[..],
            b"\n\r\n",
            b"\xef\xbb\xbfa;b\r\nc;d",
            b"a;b\r\n\r\nc;\"d;\"\"e\"\n;\n\"f\ng\"h;i\rj",
            b"a;\"b",
            b"\"a\"\nb;c;\n",
            b"\xe9t\xe9;\xc3\xa9\n",
        ] {
            for (step, buffer) in [(1, 1), (3, 2), (1000, 1000), (1000, 64 * 1024)] {
                let [theirs, ours] = both(data, step, buffer);
                assert_eq!(
                    ours,
                    theirs,
                    "{:?}, {step} bytes a read",
                    String::from_utf8_lossy(data)
                );
            }
        }
    }

    #[test]
    fn delimiters_are_found_at_every_place() {
        for len in 0..40 {
            for mask in [
                0u64,
                1,
                0x8000_0001,
                u64::MAX,
                0x5555_5555_5555,
                0x0123_4567_89ab,
            ] {
                let line: Vec<u8> = (0..len)
                    .map(|i| {
                        if mask >> (i % 64) & 1 == 1 {
                            b';'
                        } else {
                            [b'a', 0xc3, 0xbb, 0x3a, 0x3c][i % 5]
                        }
                    })
                    .collect();
                let mut ends = vec![];
                delimiters(&line, b';', &mut ends);
                let expected: Vec<usize> = (0..len).filter(|&i| line[i] == b';').collect();
                assert_eq!(ends, expected, "{line:?}");
            }
        }
    }

    /// A record's line counts the blank lines before it, after a byte-order mark too (before
    /// `Records` counted lines, the first record of such a file was said to be on line 1).
    #[test]
    fn blank_lines_after_a_byte_order_mark_count() {
        let data = b"\xef\xbb\xbf\r\n\na;b\r\n\nc";
        let [_, ours] = both(data, 1000, 1000);
        let lines: Vec<u64> = ours.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [3, 5]);
    }

    proptest::proptest! {
        /// Any text of delimiters, quotes, line breaks, French letters and broken characters.
        #[test]
        fn any_records_are_split_as_the_csv_crate_splits_them(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    &b"a"[..], b"bc", b";", b";", b"\"", b"\n", b"\r", b"\r\n", b" ",
                    b"\xc3\xa9", b"\xe9", b"\xc3", b"\xef\xbb\xbf",
                ]),
                0..60,
            ),
            step in 1usize..20,
            buffer in 1usize..40,
        ) {
            let data = pieces.concat();
            let [mut theirs, ours] = both(&data, step, buffer);
            // Blank lines after a byte-order mark: the csv crate's position of the first record
            // is before the mark, and `Lines` missed them (see the test above).
            let bom = data.starts_with(b"\xef\xbb\xbf") && step >= 3 && buffer >= 3;
            if bom && let (Some(first), Some(ours)) = (theirs.first_mut(), ours.first()) {
                first.0 = ours.0;
            }
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}
