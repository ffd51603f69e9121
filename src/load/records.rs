//! The roster's records, split as the csv crate splits them, with a fast path for the usual
//! record: one line without a quote character.
//!
//! The csv crate reads every byte through its state machine (`csv_core`), about 13
//! instructions a byte: with the other thread scoring and aggregating, that was the largest
//! single cost of reading a roster of many jobs (2.2 G instructions of 7.5 at 10^6 rows). A
//! line without a quote cannot hold a quoted field, so its cells are exactly the pieces
//! between its delimiters. One pass over the line (`scan`: 16 bytes a block with SSE2 on
//! x86_64, eight in a `u64` elsewhere) finds its end, whether it holds a quote, where its
//! delimiters are and whether it holds a byte of 0x80 or more; the line is then copied whole
//! into the `TextRecord` the rows are typed from. Every other record (the first one, which may
//! start with a byte-order mark, and any line with a quote) goes through `csv_core` itself,
//! configured as `csv::ReaderBuilder` configures it, from where the fast path stopped.
//!
//! UTF-8 is checked a part of the buffer at a time, not once per line (a call's set-up costs
//! more than a short line's bytes): the first line that is not ASCII and lies past what was
//! checked has the bytes from it to `CHECK_AHEAD` bytes past it checked, up to the last whole
//! character, and how far they are valid is kept (`Utf8`). A line of ASCII, or one inside
//! those bytes, is not checked again; any other (after bytes that are not UTF-8, until the
//! check starts again past them) is checked alone, and one that is not UTF-8 comes as bytes,
//! for the caller to decode as Windows-1252.
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

/// Bytes checked as UTF-8 at a time, from a line that is not ASCII on: a part of the buffer
/// that stays in the first-level cache until its lines are scanned (the whole buffer checked
/// once read did not, and was read from memory twice).
const CHECK_AHEAD: usize = 8 * 1024;

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
    /// What `fill` found valid UTF-8 of the bytes read.
    utf8: Utf8,
    /// Quote characters in the bytes consumed. Only `csv_core` consumes any: the fast path
    /// stops at a line's first quote and hands the line to it. Counted here, on the few
    /// records it reads, rather than over every byte read in a pass of its own.
    quotes: u64,
    /// Whether the CPU has AVX2: lines are then scanned 64 bytes a step (`scan_avx2`).
    avx2: bool,
    /// Lines of a character that is not ASCII checked as UTF-8 alone (for the tests to see
    /// that the check of the buffer spares them).
    #[cfg(test)]
    checked_alone: usize,
}

/// Which bytes of the buffer are known valid UTF-8: `from..to` is, as found by `check`, which
/// checks the bytes after those checked before (`to`), or from the first byte not consumed
/// when those before it were not checked, up to the last whole character. A check that meets
/// bytes that are not UTF-8 stops there (`failed`, the bad bytes at `to`), and starts again
/// once they are consumed, at the first byte not consumed.
#[derive(Default)]
struct Utf8 {
    from: usize,
    to: usize,
    failed: bool,
}

/// Whether `b` continues a character (0x80–0xBF) rather than starts one.
fn continues(b: u8) -> bool {
    (b as i8) < -0x40
}

impl Utf8 {
    /// The bytes before `by` leave the buffer; the rest move to its front.
    fn moved(&mut self, by: usize) {
        if self.to < by {
            // Bytes not checked left (`csv_core` consumed a character cut by a read, or the
            // bad bytes): the check starts again at the first byte not consumed.
            *self = Utf8 {
                from: 0,
                to: 0,
                failed: true,
            };
        } else {
            // Cut at `by`, `from..to` may start within a character: `covers` asks a line to
            // start on one.
            self.from = self.from.saturating_sub(by);
            self.to -= by;
        }
    }

    /// Checks the bytes of `buf` from `to` up to `upto` (or its end; `start` is its first byte
    /// not consumed).
    fn check(&mut self, buf: &[u8], start: usize, upto: usize) {
        // Bytes not checked and consumed since need no check: it starts again at `start`.
        if self.failed || self.to < start {
            // The bad bytes are still to be read.
            if self.failed && self.to > start {
                return;
            }
            // From the first character not consumed (past the bytes, at most three, that end
            // one cut by an earlier read).
            let at = start
                + buf[start..]
                    .iter()
                    .take(3)
                    .take_while(|&&b| continues(b))
                    .count();
            *self = Utf8 {
                from: at,
                to: at,
                failed: false,
            };
        }
        let upto = upto.min(buf.len()).max(self.to);
        match simdutf8::compat::from_utf8(&buf[self.to..upto]) {
            Ok(_) => self.to = upto,
            Err(e) => {
                self.to += e.valid_up_to();
                // `None`: a character cut by the end of what was read (or by `upto`), checked
                // once it is whole.
                self.failed = e.error_len().is_some();
            }
        }
    }

    /// Checks the bytes from the line `buf[from..to]` (past what was checked) to
    /// `CHECK_AHEAD` bytes past it, `start` the first byte not consumed: the lines after it
    /// are then scanned while their bytes are still in the cache. Whether the line is now
    /// known valid UTF-8. Once every `CHECK_AHEAD` bytes: out of the way of the usual line.
    #[cold]
    #[inline(never)]
    fn check_ahead(&mut self, buf: &[u8], start: usize, from: usize, to: usize) -> bool {
        self.check(buf, start, to + CHECK_AHEAD);
        self.covers(buf, from, to)
    }

    /// Whether `buf[start..end]` is known valid UTF-8: inside `from..to`, and from the first
    /// byte of a character (of the valid bytes `from..to`, each byte that is not a
    /// continuation byte, 0x80–0xBF) to the end of one (`to`, or before a first byte).
    #[inline]
    fn covers(&self, buf: &[u8], start: usize, end: usize) -> bool {
        let first = |at: usize| buf.get(at).is_some_and(|&b| !continues(b));
        self.from <= start && end <= self.to && first(start) && (end == self.to || first(end))
    }
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
            utf8: Utf8::default(),
            quotes: 0,
            avx2: has_avx2(),
            #[cfg(test)]
            checked_alone: 0,
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

    /// Whether a quote has been consumed: until one has, no cell can hold a line break.
    pub(super) fn any_quote(&self) -> bool {
        self.quotes > 0
    }

    /// Whether the bytes consumed hold an odd number of quotes: at the end of the data, a
    /// quote left open (every byte is consumed by then).
    pub(super) fn odd_quotes(&self) -> bool {
        self.quotes % 2 == 1
    }

    /// The cells of the last record read as `Got::Bytes`.
    pub(super) fn raw(&self) -> RawCells<'_> {
        RawCells {
            bytes: &self.out[..self.raw.0],
            ends: &self.ends[..self.raw.1],
        }
    }

    /// Reads the next record: `Ok(None)` at the end of the data, else its line (1-based) and
    /// where it went (`text` holds it only for `Got::Text`: it may be changed for nothing).
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
        // How far the line has been looked through before a refill, and whether that holds a
        // byte of 0x80 or more (a character that is not ASCII).
        let (mut scanned, mut high) = (0, false);
        loop {
            // Blank lines, and the `\n` of the last record's `\r\n`.
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
                if scanned == 0 {
                    text.ends.clear();
                }
                // The line's cells end at its delimiters, found in the same pass.
                let (stop, more_high) = scan_line(
                    self.avx2,
                    &self.buf[self.start..],
                    rest.len(),
                    scanned,
                    self.delimiter,
                    &mut text.ends,
                );
                high |= more_high;
                let line = match stop {
                    // A quote before the line's end: `csv_core` reads the record.
                    Some(at) if rest[at] == b'"' => return self.read_core(),
                    Some(at) => Some(&rest[..at]),
                    None if self.eof => Some(rest),
                    None => None,
                };
                if let Some(line) = line {
                    let (from, to) = (self.start, self.start + line.len());
                    let known = !high
                        || self.utf8.covers(&self.buf[..self.end], from, to)
                        || (self.utf8.to < to)
                            && (self.utf8).check_ahead(&self.buf[..self.end], self.start, from, to);
                    #[cfg(test)]
                    {
                        self.checked_alone += usize::from(!known);
                    }
                    let decoded = if known {
                        // SAFETY: a line without a byte of 0x80 or more is ASCII, which is
                        // UTF-8; else `covers` says that it lies within the bytes `fill` found
                        // valid UTF-8 (`Utf8::from..Utf8::to`), from a character's first byte to
                        // the end of one.
                        Some(unsafe { std::str::from_utf8_unchecked(line) })
                    } else {
                        simdutf8::basic::from_utf8(line).ok()
                    };
                    let read = match decoded {
                        Some(line) => {
                            // Copied whole, delimiters and all: they keep the cells apart.
                            text.text.clear();
                            text.text.push_str(line);
                            text.ends.push(line.len());
                            // No cell holds the delimiter: the line has no quote.
                            text.joined_by = self.delimiter;
                            Got::Text
                        }
                        None => {
                            self.raw = split(line, &text.ends, &mut self.out, &mut self.ends);
                            Got::Bytes
                        }
                    };
                    let number = self.breaks + 1;
                    // The line and its terminator, if any (a line break).
                    self.start = to;
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
            let consumed = &self.buf[self.start..self.start + read];
            self.quotes += memchr::memchr_iter(b'"', consumed).count() as u64;
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
            self.utf8.moved(from);
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

/// The cells of a line without a quote that is not UTF-8: the pieces between its delimiters
/// (at `delimiters`, in order, as `scan` found them), into `out` and `ends` as `RawCells`
/// (their lengths).
#[cold]
fn split(
    line: &[u8],
    delimiters: &[usize],
    out: &mut Vec<u8>,
    ends: &mut Vec<usize>,
) -> (usize, usize) {
    if out.len() < line.len() {
        out.resize(line.len(), 0);
    }
    let (mut written, mut cells, mut start) = (0, 0, 0);
    for end in delimiters.iter().copied().chain([line.len()]) {
        let cell = &line[start..end];
        out[written..written + cell.len()].copy_from_slice(cell);
        written += cell.len();
        if ends.len() == cells {
            ends.push(0);
        }
        ends[cells] = written;
        cells += 1;
        start = end + 1;
    }
    (written, cells)
}

/// One pass over a line from `bytes[from..]` (the line starts at `bytes[0]`; `from` is how
/// far an earlier pass went): where the first `\n`, `\r` or quote is (`None`: none), whether a
/// byte of 0x80 or more is before it, and, added to `ends` in order, where `delimiter` stands
/// before it. Sixteen bytes a block with SSE2 (always there on x86_64): a line is some 140
/// bytes, a cell some twenty, too short for `memchr`'s set-up to pay for itself at each.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn scan(bytes: &[u8], from: usize, delimiter: u8, ends: &mut Vec<usize>) -> (Option<usize>, bool) {
    // SAFETY: SSE2 is enabled (the `cfg` above), as on every x86_64 target.
    unsafe { scan_sse2(bytes, from, delimiter, ends) }
}

/// `scan` on x86_64; its intrinsics ask for SSE2 to be named.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn scan_sse2(
    bytes: &[u8],
    from: usize,
    delimiter: u8,
    ends: &mut Vec<usize>,
) -> (Option<usize>, bool) {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let splat = |b: u8| _mm_set1_epi8(b as i8);
    let (lf, cr, quote, delimiters) = (splat(b'\n'), splat(b'\r'), splat(b'"'), splat(delimiter));
    // A bit for each byte of a block: whether it stops the line, is a delimiter, is 0x80 or more.
    let masks = |block: __m128i| {
        let is = |b| _mm_cmpeq_epi8(block, b);
        let stops = _mm_or_si128(_mm_or_si128(is(lf), is(cr)), is(quote));
        let mask = |v| _mm_movemask_epi8(v) as u32;
        (mask(stops), mask(is(delimiters)), mask(block))
    };
    let (mut at, mut high) = (from, 0);
    // What two blocks hold, the bytes from `at` (a bit for each, `valid` those that are the
    // line's): where the line stops, if it does.
    let mut step = |[a, b]: [__m128i; 2], valid: u32, at: usize| {
        let ((stops_a, delimiters_a, high_a), (stops_b, delimiters_b, high_b)) =
            (masks(a), masks(b));
        let stops = (stops_a | stops_b << 16) & valid;
        let before = before_first_stop(u64::from(stops), u64::from(valid)) as u32;
        high |= (high_a | high_b << 16) & before;
        let mut found = (delimiters_a | delimiters_b << 16) & before;
        while found != 0 {
            ends.push(at + found.trailing_zeros() as usize);
            found &= found - 1;
        }
        (stops != 0).then(|| at + stops.trailing_zeros() as usize)
    };
    // Two blocks at a time: a line is some nine, and each step costs its loop's test.
    while at + 32 <= bytes.len() {
        // SAFETY: `bytes[at..at + 32]` lies inside the slice; loads need no alignment.
        let blocks = unsafe {
            let p = bytes.as_ptr().add(at);
            [_mm_loadu_si128(p.cast()), _mm_loadu_si128(p.add(16).cast())]
        };
        if let Some(stop) = step(blocks, u32::MAX, at) {
            return (Some(stop), high != 0);
        }
        at += 32;
    }
    let left = bytes.len() - at;
    if left > 0 {
        let mut padded = [0u8; 32];
        padded[..left].copy_from_slice(&bytes[at..]);
        // SAFETY: `padded` is 32 bytes; loads need no alignment.
        let blocks = unsafe {
            let p = padded.as_ptr();
            [_mm_loadu_si128(p.cast()), _mm_loadu_si128(p.add(16).cast())]
        };
        if let Some(stop) = step(blocks, (1 << left) - 1, at) {
            return (Some(stop), high != 0);
        }
    }
    (None, high != 0)
}

/// Of a step's bytes (a bit each), those before the first stop among `stops`, or all of
/// `valid` (the line's bytes of the step) when there is none: the scans' one rule for both widths.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn before_first_stop(stops: u64, valid: u64) -> u64 {
    if stops == 0 {
        valid
    } else {
        (stops & stops.wrapping_neg()) - 1
    }
}

/// Whether the CPU has AVX2, and POPCNT, which every CPU with AVX2 has and `scan_avx2` counts a
/// step's delimiters with (told at run time: x86_64's baseline is SSE2).
fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("popcnt");
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// `scan` of the line `room[..len]`: with AVX2 when `avx2` says the CPU has it, which reads
/// the bytes of `room` after the line too (and leaves them out).
#[inline]
fn scan_line(
    avx2: bool,
    room: &[u8],
    len: usize,
    from: usize,
    delimiter: u8,
    ends: &mut Vec<usize>,
) -> (Option<usize>, bool) {
    #[cfg(target_arch = "x86_64")]
    if avx2 {
        // SAFETY: the CPU has AVX2 and POPCNT (`has_avx2`, the caller's `avx2`).
        return unsafe { scan_avx2(room, len, from, delimiter, ends) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = avx2;
    scan(&room[..len], from, delimiter, ends)
}

/// `scan` of the line `room[..len]` with AVX2, 64 bytes a step: half the steps of SSE2's, each
/// of as many instructions (a line is some 150 bytes). A step loads the bytes of `room` past
/// the line too (the rest of the buffer read into) and leaves them out of its masks: only a
/// line that ends less than 64 bytes before the buffer's end is copied into a padded block.
/// The delimiters found in a step are written into room reserved for them at once.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt")]
fn scan_avx2(
    room: &[u8],
    len: usize,
    from: usize,
    delimiter: u8,
    ends: &mut Vec<usize>,
) -> (Option<usize>, bool) {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8,
    };
    debug_assert!(from <= len && len <= room.len());
    let splat = |b: u8| _mm256_set1_epi8(b as i8);
    let (lf, cr, quote, delimiters) = (splat(b'\n'), splat(b'\r'), splat(b'"'), splat(delimiter));
    // A bit for each byte of a block: whether it stops the line, is a delimiter, is 0x80 or more.
    let masks = |block: __m256i| {
        let is = |b| _mm256_cmpeq_epi8(block, b);
        let stops = _mm256_or_si256(_mm256_or_si256(is(lf), is(cr)), is(quote));
        let mask = |v| u64::from(_mm256_movemask_epi8(v) as u32);
        (mask(stops), mask(is(delimiters)), mask(block))
    };
    let (mut at, mut high) = (from, 0);
    while at < len {
        let mut padded = [0u8; 64];
        let p = if at + 64 <= room.len() {
            room[at..].as_ptr()
        } else {
            padded[..len - at].copy_from_slice(&room[at..len]);
            padded.as_ptr()
        };
        // SAFETY: `p` is followed by at least 64 bytes of `room` or of `padded`; loads need
        // no alignment.
        let (a, b) = unsafe {
            (
                _mm256_loadu_si256(p.cast()),
                _mm256_loadu_si256(p.add(32).cast()),
            )
        };
        let ((stops_a, delimiters_a, high_a), (stops_b, delimiters_b, high_b)) =
            (masks(a), masks(b));
        // The line's bytes of the step.
        let valid = match len - at {
            64.. => u64::MAX,
            left => (1 << left) - 1,
        };
        let stops = (stops_a | stops_b << 32) & valid;
        let before = before_first_stop(stops, valid);
        high |= (high_a | high_b << 32) & before;
        let mut found = (delimiters_a | delimiters_b << 32) & before;
        if found != 0 {
            // Room for this step's delimiters alone: a record's `ends` lives on in the batches
            // handed between threads, thousands at once, and 64 spare places each held 6 MB.
            ends.reserve(found.count_ones() as usize);
            let (spare, mut k) = (ends.spare_capacity_mut(), 0);
            while found != 0 {
                spare[k].write(at + found.trailing_zeros() as usize);
                k += 1;
                found &= found - 1;
            }
            // SAFETY: the first `k` places past the length were written just above.
            unsafe { ends.set_len(ends.len() + k) };
        }
        if stops != 0 {
            return (Some(at + stops.trailing_zeros() as usize), high != 0);
        }
        at += 64;
    }
    (None, high != 0)
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
use scan_words as scan;

/// `scan`, eight bytes at a time in a `u64` (the path of targets other than x86_64).
#[cfg(any(not(all(target_arch = "x86_64", target_feature = "sse2")), test))]
fn scan_words(
    bytes: &[u8],
    from: usize,
    delimiter: u8,
    ends: &mut Vec<usize>,
) -> (Option<usize>, bool) {
    use crate::bytes::{HIGH, splat, zero_bytes as zero};
    let (lf, cr, quote) = (splat(b'\n'), splat(b'\r'), splat(b'"'));
    let delimiters = splat(delimiter);
    let (mut at, mut high) = (from, 0);
    // What a word holds, the bytes from `at` (the high bit of each, `valid` those that are the
    // line's): where the line stops, if it does.
    let mut step = |word: u64, valid: u64, at: usize| {
        let stops = (zero(word ^ lf) | zero(word ^ cr) | zero(word ^ quote)) & valid;
        let before = if stops == 0 {
            valid
        } else {
            (stops & stops.wrapping_neg()) - 1
        };
        high |= word & before & HIGH;
        let mut found = zero(word ^ delimiters) & before & HIGH;
        while found != 0 {
            ends.push(at + found.trailing_zeros() as usize / 8);
            found &= found - 1;
        }
        (stops != 0).then(|| at + stops.trailing_zeros() as usize / 8)
    };
    while at + 8 <= bytes.len() {
        let word = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
        if let Some(stop) = step(word, HIGH, at) {
            return (Some(stop), high != 0);
        }
        at += 8;
    }
    let left = bytes.len() - at;
    if left > 0 {
        let mut padded = [0u8; 8];
        padded[..left].copy_from_slice(&bytes[at..]);
        let valid = HIGH & ((1 << (8 * left)) - 1);
        if let Some(stop) = step(u64::from_le_bytes(padded), valid, at) {
            return (Some(stop), high != 0);
        }
    }
    (None, high != 0)
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
        let ours = read(data, step, buffer).0;
        [
            theirs,
            ours.into_iter()
                .map(|(line, _, cells)| (line, cells))
                .collect(),
        ]
    }

    /// A record's line, whether it came as text (`Got::Text`) and its cells.
    type Record = (u64, bool, Vec<Vec<u8>>);

    /// Each record's line, whether it came as text (`Got::Text`) and its cells, as `Records`
    /// reads them; and how many lines were checked as UTF-8 alone.
    fn read(data: &[u8], step: usize, buffer: usize) -> (Vec<Record>, usize) {
        let mut records = Records::with_buffer(Trickle { data, step }, b';', buffer);
        let mut ours = Vec::new();
        let mut text = TextRecord::new(["stale"]);
        while let Some((line, got)) = records.read(&mut text).unwrap() {
            let (as_text, cells): (bool, Vec<Vec<u8>>) = match got {
                Got::Text => (true, text.iter().map(|c| c.as_bytes().to_vec()).collect()),
                Got::Bytes => (false, records.raw().iter().map(<[u8]>::to_vec).collect()),
            };
            // A cell holding a line break was quoted: the quote is counted by then.
            let line_break = |c: &Vec<u8>| c.iter().any(|&b| b == b'\n' || b == b'\r');
            assert!(records.any_quote() || !cells.iter().any(line_break));
            ours.push((line, as_text, cells));
        }
        assert!(records.read(&mut text).unwrap().is_none());
        // At the end, the quotes consumed are those of the data; but when the first read is a
        // byte-order mark alone, `csv_core` (as the csv crate) takes the data to end there
        // (`read_roster_with` gives it the first 64 KiB at once).
        let bom_alone = data.starts_with(b"\xef\xbb\xbf") && step.min(buffer) == 3;
        if !bom_alone {
            let quotes = data.iter().filter(|&&b| b == b'"').count();
            assert_eq!(records.quotes, quotes as u64, "{data:?}");
            assert_eq!(records.odd_quotes(), quotes % 2 == 1);
        }
        (ours, records.checked_alone)
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

    /// A way of scanning a line.
    type Scan<'a> = &'a dyn Fn(&[u8], usize, u8, &mut Vec<usize>) -> (Option<usize>, bool);

    /// `scan` as a loop over the bytes, one at a time.
    fn scan_bytes(
        bytes: &[u8],
        from: usize,
        delimiter: u8,
        ends: &mut Vec<usize>,
    ) -> (Option<usize>, bool) {
        let mut high = false;
        for (at, &b) in bytes.iter().enumerate().skip(from) {
            if matches!(b, b'\n' | b'\r' | b'"') {
                return (Some(at), high);
            }
            if b == delimiter {
                ends.push(at);
            }
            high |= b >= 0x80;
        }
        (None, high)
    }

    /// What each way of scanning finds in `line` from `from`: `scan` (SSE2 on x86_64),
    /// `scan_words` and `scan_bytes` must agree.
    fn assert_scans_agree(line: &[u8], from: usize) {
        let found = |f: Scan| {
            // An end already there stays: the pass adds to those of the line before a refill.
            let mut ends = vec![usize::MAX];
            let got = f(line, from, b';', &mut ends);
            (got, ends)
        };
        let expected = found(&scan_bytes);
        assert_eq!(found(&scan), expected, "scan {line:?} from {from}");
        if has_avx2() {
            // The line alone, then followed by bytes of every class, which it must not read.
            for after in [&b""[..], &[b'\n', b';', b'"', 0xc3, b'\r'].repeat(15)] {
                let room = [line, after].concat();
                let avx2 = |l: &[u8], from: usize, d: u8, ends: &mut Vec<usize>| {
                    scan_line(true, &room, l.len(), from, d, ends)
                };
                assert_eq!(found(&avx2), expected, "scan_avx2 {line:?} from {from}");
            }
        }
        assert_eq!(
            found(&scan_words),
            expected,
            "scan_words {line:?} from {from}"
        );
    }

    #[test]
    fn a_line_is_scanned_alike_on_every_path() {
        // Each class of byte at every offset, in lines of every length to 40, among bytes of
        // each class too, from every place a pass can start.
        let classes = [
            b'\n', b'\r', b'"', b';', 0xc3, 0xe9, 0x80, 0x7f, b',', b'a', 0,
        ];
        for len in 0..=40 {
            for &background in &[b'a', b';', 0xbb, 0] {
                for at in 0..len {
                    for &class in &classes {
                        let mut line = vec![background; len];
                        line[at] = class;
                        for from in 0..=len {
                            assert_scans_agree(&line, from);
                        }
                    }
                }
            }
        }
        // Patterns of delimiters, as the eight-byte search was tested.
        for len in 0..40 {
            for mask in [
                1u64,
                0x8000_0001,
                u64::MAX,
                0x5555_5555_5555,
                0x0123_4567_89ab,
            ] {
                let line: Vec<u8> = (0..len)
                    .map(|i| match mask >> (i % 64) & 1 {
                        1 => b';',
                        _ => [b'a', 0xc3, 0xbb, 0x3a, 0x3c][i % 5],
                    })
                    .collect();
                assert_scans_agree(&line, 0);
            }
        }
    }

    /// A line that is not UTF-8 is checked alone; the check starts again past it, and the
    /// lines after it are text all the same, in its buffer and the next.
    #[test]
    fn a_line_that_is_not_utf8_amid_a_buffer() {
        let mut data = b"h;\xc3\xa9\n".to_vec();
        data.extend(b"x;\xc3\xa9;a\n".repeat(5));
        data.extend(b"bad;\xe9t\xe9\n");
        data.extend(b"y;\xc3\xa0\r\n".repeat(5));
        for (step, buffer) in [(1000, 64 * 1024), (7, 16), (1, 1), (64, 64)] {
            let [theirs, _] = both(&data, step, buffer);
            let (ours, alone) = read(&data, step, buffer);
            let as_text: Vec<bool> = ours.iter().map(|(_, t, _)| *t).collect();
            // The first record goes through `csv_core`, and the line that is not UTF-8 as bytes.
            let mut expected = vec![true; 12];
            expected[0] = false;
            expected[6] = false;
            assert_eq!(as_text, expected, "{step} bytes a read, buffer {buffer}");
            let ours: Vec<_> = ours.into_iter().map(|(l, _, c)| (l, c)).collect();
            assert_eq!(ours, theirs, "{step} bytes a read, buffer {buffer}");
            if buffer == 64 * 1024 {
                // The bad line alone: the lines after it are checked from the first on.
                assert_eq!(alone, 1);
            }
        }
        // In a later buffer, checked as part of it again.
        let mut data = b"bad;\xe9\n".to_vec();
        data.extend(b"y;\xc3\xa0\n".repeat(1000));
        let (ours, alone) = read(&data, 1000, 1000);
        assert!(ours[1..].iter().all(|(_, text, _)| *text));
        assert!(alone < 200, "{alone}");
    }

    /// Characters cut by the end of what was read, with buffers and reads of every small size,
    /// and lines longer than the buffer: every line is text, known valid from the check of
    /// the buffer (none checked alone).
    #[test]
    fn characters_cut_by_the_end_of_a_read() {
        let data = "é;àé\n€;x\r\n😀;é;\u{10ffff}\nLa très longue ligne d'un métier;\
                    déjà vue à côté d'une autre, même plus longue que le tampon;é\n\né"
            .repeat(3);
        for buffer in 1..24 {
            for step in 1..10 {
                let [theirs, _] = both(data.as_bytes(), step, buffer);
                let (ours, alone) = read(data.as_bytes(), step, buffer);
                assert!(ours[1..].iter().all(|(_, text, _)| *text));
                let ours: Vec<_> = ours.into_iter().map(|(l, _, c)| (l, c)).collect();
                assert_eq!(ours, theirs, "{step} bytes a read, buffer {buffer}");
                assert_eq!(alone, 0, "{step} bytes a read, buffer {buffer}");
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

        /// Any bytes, looked through from any place: the three ways of scanning agree.
        #[test]
        fn any_line_is_scanned_alike_on_every_path(
            line in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b';', b'"', b'\n', b'\r', 0xc3, 0xa9, 0xff]),
                0..80,
            ),
            from in 0usize..80,
        ) {
            assert_scans_agree(&line, from.min(line.len()));
        }

        /// Text that is UTF-8, without quotes: whatever the reads and the buffer, no line is
        /// checked alone (the check of the bytes read covers each).
        #[test]
        fn utf8_lines_are_known_valid_from_the_check_of_the_buffer(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", ";", "\n", "\r", "\r\n", "é", "€", "😀"]),
                0..60,
            ),
            step in 1usize..20,
            buffer in 1usize..40,
        ) {
            let data = pieces.concat();
            let (_, alone) = read(data.as_bytes(), step, buffer);
            proptest::prop_assert_eq!(alone, 0);
        }
    }
}
