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
//! it consumes (so a `\r\n`'s `\n` is skipped before the next record), and a record's position
//! is where reading for it started, as `csv::Reader` reports it.

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
    /// Into the `csv::ByteRecord`: a record from `csv_core`, or a line that is not UTF-8.
    Bytes,
}

pub(super) struct Records<R> {
    input: R,
    buf: Vec<u8>,
    /// The bytes read and not yet consumed: `buf[start..end]`.
    start: usize,
    end: usize,
    /// The offset in the stream of `buf[0]`.
    offset: u64,
    eof: bool,
    /// After the end of the data or an error: every later read finds no record, as the csv
    /// crate's.
    done: bool,
    core: csv_core::Reader,
    delimiter: u8,
    /// Whether the first record has been read (it goes through `csv_core`, which strips a
    /// byte-order mark from the start of the data).
    started: bool,
    /// `csv_core`'s output for a record: its cells' bytes and ends.
    out: Vec<u8>,
    ends: Vec<usize>,
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
            offset: 0,
            eof: false,
            done: false,
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            delimiter,
            started: false,
            out: vec![0; 1024],
            ends: vec![0; 64],
        }
    }

    pub(super) fn get_ref(&self) -> &R {
        &self.input
    }

    pub(super) fn get_mut(&mut self) -> &mut R {
        &mut self.input
    }

    /// Reads the next record: `Ok(None)` at the end of the data, else where it starts (the
    /// byte offset `csv::Reader` gives as its position) and where it went.
    pub(super) fn read(
        &mut self,
        text: &mut TextRecord,
        bytes: &mut csv::ByteRecord,
    ) -> io::Result<Option<(u64, Got)>> {
        if self.done {
            return Ok(None);
        }
        let position = self.offset + self.start as u64;
        let read = if self.started {
            self.read_line(text, bytes)
        } else {
            self.started = true;
            self.read_core(bytes)
        };
        match read {
            Ok(Some(read)) => Ok(Some((position, read))),
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
    fn read_line(
        &mut self,
        text: &mut TextRecord,
        bytes: &mut csv::ByteRecord,
    ) -> io::Result<Option<Got>> {
        // Blank lines, and the `\n` of the last record's `\r\n`.
        let mut scanned = 0;
        loop {
            let rest = &self.buf[self.start..self.end];
            let skip = rest
                .iter()
                .position(|&b| b != b'\n' && b != b'\r')
                .unwrap_or(rest.len());
            self.start += skip;
            if self.start < self.end {
                let rest = &self.buf[self.start..self.end];
                let line = match memchr::memchr2(b'\n', b'\r', &rest[scanned..]) {
                    Some(at) => Some(&rest[..scanned + at]),
                    None if self.eof => Some(rest),
                    None => None,
                };
                if let Some(line) = line {
                    if memchr::memchr(b'"', line).is_some() {
                        return self.read_core(bytes);
                    }
                    let read = self.split(line, text, bytes);
                    // The line and its terminator, if any.
                    self.start = (self.start + line.len() + 1).min(self.end);
                    return Ok(Some(read));
                }
                scanned = rest.len();
            } else if self.eof {
                return Ok(None);
            }
            self.fill()?;
        }
    }

    /// The cells of a line without a quote: the pieces between its delimiters.
    fn split(&self, line: &[u8], text: &mut TextRecord, bytes: &mut csv::ByteRecord) -> Got {
        match simdutf8::basic::from_utf8(line) {
            Ok(line) => {
                // Copied whole, delimiters and all: they keep the cells apart.
                text.text.clear();
                text.text.push_str(line);
                text.ends.clear();
                delimiters(line.as_bytes(), self.delimiter, &mut text.ends);
                text.ends.push(line.len());
                Got::Text
            }
            Err(_) => {
                bytes.clear();
                (line.split(|&b| b == self.delimiter)).for_each(|cell| bytes.push_field(cell));
                Got::Bytes
            }
        }
    }

    /// One record through `csv_core`, from where reading stands.
    fn read_core(&mut self, bytes: &mut csv::ByteRecord) -> io::Result<Option<Got>> {
        let (mut written, mut ended) = (0, 0);
        loop {
            // Empty input tells `csv_core` that the data ends: it is given only at the end.
            if self.start == self.end {
                self.fill()?;
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
                    bytes.clear();
                    let mut from = 0;
                    for &end in &self.ends[..ended] {
                        bytes.push_field(&self.out[from..end]);
                        from = end;
                    }
                    return Ok(Some(Got::Bytes));
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
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.offset += self.start as u64;
            self.end -= self.start;
            self.start = 0;
        }
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

    /// Each record's position and cells, as the csv crate reads them (as `read_roster_with`
    /// configured it before) and as `Records` does.
    fn both(data: &[u8], step: usize, buffer: usize) -> [Vec<(u64, Vec<Vec<u8>>)>; 2] {
        // Read as `Records` reads: a byte-order mark is stripped only if the first read has it
        // whole (in `read_roster_with`, the first read is the first 64 KiB).
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(buffer)
            .from_reader(Trickle { data, step });
        let mut theirs = Vec::new();
        let mut record = csv::ByteRecord::new();
        while csv.read_byte_record(&mut record).unwrap() {
            let byte = record.position().map_or(0, |p| p.byte());
            theirs.push((byte, record.iter().map(<[u8]>::to_vec).collect()));
        }
        let mut records = Records::with_buffer(Trickle { data, step }, b';', buffer);
        let mut ours = Vec::new();
        let mut text = TextRecord::new(["stale"]);
        while let Some((byte, got)) = records.read(&mut text, &mut record).unwrap() {
            let cells = match got {
                Got::Text => text.iter().map(|c| c.as_bytes().to_vec()).collect(),
                Got::Bytes => record.iter().map(<[u8]>::to_vec).collect(),
            };
            ours.push((byte, cells));
        }
        assert!(records.read(&mut text, &mut record).unwrap().is_none());
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
            let [theirs, ours] = both(&data, step, buffer);
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}
