//! What a workbook may cost, checked before calamine allocates for it. A roster under 10 MB
//! must never make the process use more than 500 MB (measured in fuzz/README.md):
//!
//! - .xlsx: the shared strings, which calamine keeps in memory, are at most [`MAX_XML`] bytes
//!   unpacked; the sheet is read cell by cell (`super::xlsx_cells`), at most [`MAX_CELLS`]
//!   non-empty cells and [`MAX_TEXT`] bytes of text, laid out as at most [`MAX_GRID`] CSV
//!   fields;
//! - .ods: calamine lays every sheet out as a dense grid (and a second one of formulas) when it
//!   opens the file: `content.xml` is at most [`MAX_XML`] bytes unpacked and each sheet's grid,
//!   worked out from the XML first, at most [`MAX_ODS_GRID`] cells;
//! - .xls: calamine reserves, for every sheet when it opens the file, the grid the sheet's
//!   DIMENSIONS record announces, then lays out the span of its cells: both are read from the
//!   workbook stream first (`xls`) and kept within [`MAX_ODS_GRID`].

use std::fs::File;
use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use crate::error::InputError;

/// Non-empty cells of one sheet.
pub const MAX_CELLS: usize = 8_000_000;
/// Bytes of cell text of one sheet.
pub const MAX_TEXT: usize = 64 << 20;
/// Fields of the CSV a sheet becomes: rows from the first value to the last × columns up to the
/// rightmost value.
pub const MAX_GRID: u64 = 50_000_000;
/// Cells of a dense grid as calamine lays out .ods and .xls sheets: about 140 bytes each
/// (values, formulas, a string's own allocation, and the copy `worksheet_range` returns), as
/// measured: 4,000,000 cells of an .ods took 591 MB (fuzz/README.md).
pub const MAX_ODS_GRID: u64 = 2_000_000;
/// Unpacked bytes of the XML part calamine reads whole (.xlsx shared strings, .ods content).
pub const MAX_XML: u64 = 64 << 20;

fn too_large(file: &str, what: String) -> InputError {
    InputError::file(file, crate::messages::workbook_too_large(&what))
}

/// Refuses a workbook whose reading would cost more than the bounds above. A file that is not
/// a zip archive or whose parts cannot be read is left to calamine, which reports it.
pub fn check_before_opening(path: &Path, file: &str) -> Result<(), InputError> {
    let Ok(f) = File::open(path) else {
        return Ok(());
    };
    let mut head = [0u8; 8];
    if (&f).read_exact(&mut head).is_ok() && head == xls::SIGNATURE {
        return xls::check(path, file);
    }
    let Ok(mut zip) = zip::ZipArchive::new(f) else {
        return Ok(());
    };
    for part in ["xl/sharedStrings.xml", "content.xml"] {
        let Ok(entry) = zip.by_name(part) else {
            continue;
        };
        let mut limited = entry.take(MAX_XML + 1);
        if part == "content.xml" {
            ods_grids(&mut limited, file)?;
        } else {
            let read = std::io::copy(&mut limited, &mut std::io::sink()).unwrap_or(0);
            if read > MAX_XML {
                return Err(too_large(
                    file,
                    format!(
                        "the shared strings unpack to more than {} MB",
                        MAX_XML >> 20
                    ),
                ));
            }
        }
        if limited.limit() == 0 {
            return Err(too_large(
                file,
                format!("{part} unpacks to more than {} MB", MAX_XML >> 20),
            ));
        }
    }
    Ok(())
}

/// The grid calamine will lay out for each table of an ODS `content.xml`: from the first to the
/// last row with a value (repeated rows counted) times from the first to the last column with
/// a value (repeated columns counted), and the cells it stores before that (each row up to its
/// last value, at most 16,384 columns).
fn ods_grids(xml: &mut impl Read, file: &str) -> Result<(), InputError> {
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(xml));
    let mut buf = Vec::new();
    let repeat = |e: &BytesStart, name: &[u8]| -> u64 {
        e.try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|a| std::str::from_utf8(&a.value).ok()?.trim().parse().ok())
            .unwrap_or(1)
    };
    // Per table: rows seen, span of rows and columns with values, cells stored.
    let (mut row, mut rows, mut cols, mut stored) =
        (0u64, None::<(u64, u64)>, None::<(u64, u64)>, 0u64);
    // Per row: its repeat, the column reached, the span of columns with values.
    let (mut row_repeat, mut col, mut row_cols) = (1u64, 0u64, None::<(u64, u64)>);
    let mut cell_value = false;
    let mut in_cell: Option<u64> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|_| super::unreadable(file, "the workbook is malformed"))?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"table:table" => {
                    (row, rows, cols, stored) = (0, None, None, 0);
                }
                b"table:table-row" => {
                    row_repeat = repeat(&e, b"table:number-rows-repeated").clamp(1, 1 << 20);
                    (col, row_cols) = (0, None);
                    if empty {
                        row += row_repeat;
                    }
                }
                b"table:table-cell" | b"table:covered-table-cell" => {
                    let n = repeat(&e, b"table:number-columns-repeated").clamp(1, 1 << 14);
                    let typed = e
                        .try_get_attribute(b"office:value-type")
                        .ok()
                        .flatten()
                        .is_some();
                    if empty {
                        if typed {
                            widen(&mut row_cols, col, col + n - 1);
                        }
                        col = (col + n).min(1 << 14);
                    } else {
                        cell_value = typed;
                        in_cell = Some(n);
                    }
                }
                b"text:p" if in_cell.is_some() => cell_value = true,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"table:table-cell" | b"table:covered-table-cell" => {
                    let n = in_cell.take().unwrap_or(1);
                    if cell_value {
                        widen(&mut row_cols, col, col + n - 1);
                    }
                    col = (col + n).min(1 << 14);
                    cell_value = false;
                }
                b"table:table-row" => {
                    if let Some((first, last)) = row_cols {
                        widen(&mut rows, row, row + row_repeat - 1);
                        widen(&mut cols, first, last);
                        stored += last + 1;
                    }
                    row += row_repeat;
                }
                b"table:table" => {
                    if let (Some((r0, r1)), Some((c0, c1))) = (rows, cols) {
                        let grid = (r1 - r0 + 1).saturating_mul(c1 - c0 + 1);
                        if grid.max(stored) > MAX_ODS_GRID {
                            return Err(too_large(
                                file,
                                format!(
                                    "a sheet spans {} rows × {} columns, {} cells laid out (at most {MAX_ODS_GRID}; a stray value far from the table?)",
                                    r1 - r0 + 1,
                                    c1 - c0 + 1,
                                    grid.max(stored)
                                ),
                            ));
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

fn widen(span: &mut Option<(u64, u64)>, first: u64, last: u64) {
    *span = Some(match *span {
        Some((a, b)) => (a.min(first), b.max(last)),
        None => (first, last),
    });
}

/// .xls: BIFF8 records in the `Workbook` stream of an OLE compound file.
mod xls {
    use super::*;

    pub const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

    fn u16_at(b: &[u8], at: usize) -> Option<u16> {
        Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
    }

    fn u32_at(b: &[u8], at: usize) -> Option<u32> {
        Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
    }

    /// The sectors of an OLE compound file, enough to read one stream.
    struct Cfb<'a> {
        bytes: &'a [u8],
        sector: usize,
        fat: Vec<u32>,
    }

    impl<'a> Cfb<'a> {
        fn new(bytes: &'a [u8]) -> Option<Cfb<'a>> {
            let shift = u16_at(bytes, 0x1E)?;
            if shift != 9 && shift != 12 {
                return None;
            }
            let sector = 1usize << shift;
            let mut cfb = Cfb {
                bytes,
                sector,
                fat: Vec::new(),
            };
            // The FAT's sectors: 109 in the header, then chained DIFAT sectors.
            let mut fat_sectors: Vec<u32> = (0..109)
                .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
                .collect();
            let mut difat = u32_at(bytes, 0x44)?;
            let per = sector / 4 - 1;
            for _ in 0..u32_at(bytes, 0x48)?.min(1 << 16) {
                let Some(data) = cfb.sector_bytes(difat) else {
                    break;
                };
                fat_sectors.extend((0..per).filter_map(|i| u32_at(data, 4 * i)));
                difat = u32_at(data, 4 * per)?;
            }
            let count = u32_at(bytes, 0x2C)? as usize;
            for &s in fat_sectors.iter().take(count) {
                let data = cfb.sector_bytes(s)?;
                cfb.fat
                    .extend((0..sector / 4).filter_map(|i| u32_at(data, 4 * i)));
            }
            Some(cfb)
        }

        fn sector_bytes(&self, i: u32) -> Option<&'a [u8]> {
            let start = (i as usize).checked_add(1)?.checked_mul(self.sector)?;
            self.bytes.get(start..start.checked_add(self.sector)?)
        }

        /// The bytes of the chain starting at `start`, through `next` (FAT or mini FAT).
        fn chain(
            &self,
            mut at: u32,
            next: &[u32],
            unit: usize,
            read: impl Fn(u32) -> Option<&'a [u8]>,
        ) -> Vec<u8> {
            let mut out = Vec::new();
            // A chain visits each sector once: a loop ends here.
            for _ in 0..next.len().max(1) {
                if at == END_OF_CHAIN {
                    break;
                }
                match read(at) {
                    Some(data) => out.extend_from_slice(&data[..unit.min(data.len())]),
                    None => break,
                }
                match next.get(at as usize) {
                    Some(&n) => at = n,
                    None => break,
                }
            }
            out
        }

        fn stream(&self, names: &[&str]) -> Option<Vec<u8>> {
            let dir = self.chain(u32_at(self.bytes, 0x30)?, &self.fat, self.sector, |i| {
                self.sector_bytes(i)
            });
            let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
            let name = |e: &[u8]| {
                let len = (u16_at(e, 0x40).unwrap_or(0) as usize).min(64);
                let units: Vec<u16> = (0..len.saturating_sub(2) / 2)
                    .filter_map(|i| u16_at(e, 2 * i))
                    .collect();
                String::from_utf16_lossy(&units)
            };
            let entry = entries
                .iter()
                .find(|e| e.get(0x42) == Some(&2) && names.contains(&name(e).as_str()))?;
            let (start, size) = (u32_at(entry, 0x74)?, u32_at(entry, 0x78)? as usize);
            let mut data = if (size as u64) < u64::from(u32_at(self.bytes, 0x38)?) {
                // A small stream lives in the mini stream, in 64-byte sectors.
                let root = entries.iter().find(|e| e.get(0x42) == Some(&5))?;
                let mini = self.chain(u32_at(root, 0x74)?, &self.fat, self.sector, |i| {
                    self.sector_bytes(i)
                });
                let minifat_bytes =
                    self.chain(u32_at(self.bytes, 0x3C)?, &self.fat, self.sector, |i| {
                        self.sector_bytes(i)
                    });
                let minifat: Vec<u32> = (0..minifat_bytes.len() / 4)
                    .filter_map(|i| u32_at(&minifat_bytes, 4 * i))
                    .collect();
                let mini = &mini[..];
                self.chain(start, &minifat, 64, |i| {
                    let at = (i as usize).checked_mul(64)?;
                    mini.get(at..at.checked_add(64)?)
                })
            } else {
                self.chain(start, &self.fat, self.sector, |i| self.sector_bytes(i))
            };
            data.truncate(size);
            Some(data)
        }
    }

    /// A cell record at `row`, columns `first..=last`.
    fn cell(
        rows: &mut Option<(u64, u64)>,
        cols: &mut Option<(u64, u64)>,
        row: u16,
        first: u16,
        last: u16,
    ) {
        super::widen(rows, row.into(), row.into());
        super::widen(cols, first.into(), last.into());
    }

    #[cfg(test)]
    pub fn stream_of(bytes: &[u8]) -> Option<Vec<u8>> {
        Cfb::new(bytes)?.stream(&["Workbook", "Book"])
    }

    /// Per sheet: the grid its DIMENSIONS record makes calamine reserve (with calamine's
    /// 32-bit arithmetic), and the span of its cells, which calamine lays out.
    pub fn check(path: &Path, file: &str) -> Result<(), InputError> {
        let Ok(bytes) = std::fs::read(path) else {
            return Ok(());
        };
        let Some(stream) = Cfb::new(&bytes).and_then(|c| c.stream(&["Workbook", "Book"])) else {
            // calamine reports what it cannot read.
            return Ok(());
        };
        let mut at = 0usize;
        let mut reserved = 0u64;
        let (mut rows, mut cols) = (None::<(u64, u64)>, None::<(u64, u64)>);
        while let (Some(typ), Some(len)) = (u16_at(&stream, at), u16_at(&stream, at + 2)) {
            let data =
                &stream[(at + 4).min(stream.len())..(at + 4 + len as usize).min(stream.len())];
            at += 4 + len as usize;
            let (row, col) = (u16_at(data, 0), u16_at(data, 2));
            match typ {
                // BOF: a new substream (sheet).
                0x0809 => (reserved, rows, cols) = (0, None, None),
                0x0200 => {
                    let (rf, rl, mut cf, cl) = match data.len() {
                        10 => (
                            u32::from(u16_at(data, 0).unwrap_or(0)),
                            u32::from(u16_at(data, 2).unwrap_or(0)),
                            u32::from(u16_at(data, 4).unwrap_or(0)),
                            u32::from(u16_at(data, 6).unwrap_or(0)),
                        ),
                        14 => (
                            u32_at(data, 0).unwrap_or(0),
                            u32_at(data, 4).unwrap_or(0),
                            u32::from(u16_at(data, 8).unwrap_or(0)),
                            u32::from(u16_at(data, 10).unwrap_or(0)),
                        ),
                        _ => continue,
                    };
                    if 0xFF < cf || cl < cf {
                        cf = 0;
                    }
                    if rl >= 1 && cl >= 1 {
                        let r = (rl - 1).wrapping_sub(rf).wrapping_add(1);
                        let c = (cl - 1).wrapping_sub(cf).wrapping_add(1);
                        reserved = u64::from(r).saturating_mul(u64::from(c));
                    }
                }
                0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    if let (Some(r), Some(c)) = (row, col) {
                        cell(&mut rows, &mut cols, r, c, c);
                    }
                }
                0x00BD => {
                    if let (Some(r), Some(c), Some(last)) =
                        (row, col, u16_at(data, data.len().saturating_sub(2)))
                    {
                        cell(&mut rows, &mut cols, r, c.min(last), c.max(last));
                    }
                }
                // EOF: the sheet's grids are known.
                0x000A => {
                    let span = match (rows, cols) {
                        (Some((r0, r1)), Some((c0, c1))) => (r1 - r0 + 1) * (c1 - c0 + 1),
                        _ => 0,
                    };
                    if reserved.max(span) > MAX_ODS_GRID {
                        return Err(too_large(
                            file,
                            format!(
                                "a sheet announces or spans {} cells (at most {MAX_ODS_GRID}; a stray value far from the table?)",
                                reserved.max(span)
                            ),
                        ));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workbook_stream_of_an_xls_is_found() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/commune.xls");
        let bytes = std::fs::read(&path).unwrap();
        let stream = xls::stream_of(&bytes).expect("a Workbook stream");
        // It begins with a BOF record.
        assert_eq!(&stream[..2], &[0x09, 0x08]);
        assert!(xls::check(&path, "commune.xls").is_ok());
    }
}
