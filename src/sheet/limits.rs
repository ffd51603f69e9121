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
//! - .xls is not bounded here: calamine parses every sheet of an .xls when it opens it, from
//!   inside an OLE container this module does not read (see README, "What exposure refuses").

use std::fs::File;
use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use crate::error::InputError;

/// Non-empty cells of one sheet.
pub const MAX_CELLS: usize = 8_000_000;
/// Bytes of cell text of one sheet.
pub const MAX_TEXT: usize = 64 << 20;
/// Fields of the CSV a sheet becomes: rows with a value × columns up to the rightmost value.
pub const MAX_GRID: u64 = 50_000_000;
/// Cells of a dense grid as calamine lays out .ods and .xls sheets (56 bytes each, values
/// and formulas).
pub const MAX_ODS_GRID: u64 = 4_000_000;
/// Unpacked bytes of the XML part calamine reads whole (.xlsx shared strings, .ods content).
pub const MAX_XML: u64 = 64 << 20;

fn too_large(file: &str, what: String) -> InputError {
    InputError::file(
        file,
        format!("{what}: too large for a roster workbook; save the sheet as CSV to read it"),
    )
}

/// Refuses a workbook whose reading would cost more than the bounds above. A file that is not
/// a zip archive or whose parts cannot be read is left to calamine, which reports it.
pub fn check_before_opening(path: &Path, file: &str) -> Result<(), InputError> {
    let Ok(f) = File::open(path) else {
        return Ok(());
    };
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
