//! Rosters kept in a spreadsheet (.xlsx, .xlsm, .xls, .ods): one sheet turned into CSV bytes that
//! the CSV loader reads like any roster, so the header aliases, the checks and the error
//! messages are the same. Line N of the CSV is row N of the sheet and field N is column N (A = 1),
//! and the loader reads it under the name `file[sheet]`: every error names file, sheet, row and
//! column.

use std::io::{Read, Seek};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

#[cfg(test)]
use calamine::Range;
use calamine::{Data, Reader, SheetType, SheetVisible, Sheets, open_workbook_auto};

use crate::error::InputError;

mod limits;

/// File extensions read as spreadsheets.
pub const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// Whether `path` names a spreadsheet (by its extension, in any case).
pub fn is_spreadsheet(path: &str) -> bool {
    Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Whether the file starts like a workbook: a zip archive (.xlsx, .xlsm, .ods) or an OLE
/// compound file (.xls). Software that exports "Excel" files often writes CSV or tab-separated
/// text under an .xls name; such a file is read as text.
pub fn is_workbook(path: &Path) -> bool {
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == *b"PK\x03\x04" || head == [0xD0, 0xCF, 0x11, 0xE0])
}

/// One sheet of a workbook, as CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetCsv {
    /// The sheet read.
    pub sheet: String,
    /// `file[sheet]`, the name errors are reported under.
    pub display: String,
    /// `,`-delimited, every field quoted, one line per sheet row (from row 1).
    pub csv: Vec<u8>,
}

/// The CSV bytes of a sheet (the first worksheet when `sheet` is `None`).
pub fn to_csv(path: &Path, sheet: Option<&str>) -> Result<Vec<u8>, InputError> {
    read(path, sheet).map(|s| s.csv)
}

/// Reads one sheet of the workbook at `path` (the first visible worksheet when `sheet` is
/// `None`; a name is matched exactly, else without regard to case and surrounding spaces).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<SheetCsv, InputError> {
    let file = path.display().to_string();
    crate::output::note_input(path);
    // What calamine will allocate is bounded before it runs (see `limits`).
    limits::check_before_opening(path, &file)?;
    // calamine reads untrusted bytes: a malformed workbook must be an input error, not a crash.
    let opened = quietly(|| open_workbook_auto(path))
        .map_err(|_| unreadable(&file, "the workbook is malformed"))?;
    let mut workbook = opened.map_err(|e| unreadable(&file, e))?;
    read_workbook(&mut workbook, &file, sheet)
}

/// Runs `f`, turning a panic into an error without the panic message on stderr.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    result
}

fn unreadable(file: &str, e: impl std::fmt::Display) -> InputError {
    InputError::file(file, crate::messages::not_a_spreadsheet(&e))
}

fn read_workbook<RS: Read + Seek>(
    workbook: &mut Sheets<RS>,
    file: &str,
    wanted: Option<&str>,
) -> Result<SheetCsv, InputError> {
    let sheets = workbook.sheets_metadata().to_vec();
    let worksheets: Vec<&calamine::Sheet> = sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .collect();
    let names = || {
        worksheets
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
    };
    let name = match wanted {
        Some(w) => worksheets
            .iter()
            .find(|s| s.name == w)
            .or_else(|| {
                worksheets
                    .iter()
                    .find(|s| s.name.trim().to_lowercase() == w.trim().to_lowercase())
            })
            .map(|s| s.name.clone())
            .ok_or_else(|| InputError::file(file, crate::messages::no_such_sheet(w, &names())))?,
        None => worksheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .or_else(|| worksheets.first())
            .map(|s| s.name.clone())
            .ok_or_else(|| InputError::file(file, crate::messages::no_worksheet()))?,
    };
    let display = format!("{file}[{name}]");
    let cells = match workbook {
        // Cell by cell: an .xlsx sheet is never laid out as a dense grid, whose size a single
        // stray cell far from the table would decide (XFD1048576: 17 billion cells).
        Sheets::Xlsx(xlsx) => quietly(|| xlsx_cells(xlsx, &name, &display))
            .map_err(|_| unreadable(&display, "the sheet is malformed"))??,
        // .ods and .xls sheets come as a grid, bounded before opening (`limits`).
        _ => {
            let range = quietly(|| workbook.worksheet_range(&name))
                .map_err(|_| unreadable(&display, "the sheet is malformed"))?
                .map_err(|e| unreadable(&display, e))?;
            let mut cells = Cells::default();
            let (r0, c0) = range.start().unwrap_or_default();
            for (row, col, cell) in range.used_cells() {
                cells.push(r0 + row as u32, c0 + col as u32, &cell_text(cell), &display)?;
            }
            cells
        }
    };
    let csv = cells.into_csv(&display)?;
    Ok(SheetCsv {
        sheet: name,
        display,
        csv,
    })
}

/// Non-empty cells of a sheet, their texts in one buffer (a sheet of millions of cells must not
/// cost an allocation each).
#[derive(Default)]
struct Cells {
    text: String,
    /// (row, column, start, end) of each cell's text in `text`, 0-based.
    index: Vec<(u32, u32, u32, u32)>,
}

impl Cells {
    fn push(&mut self, row: u32, col: u32, value: &str, sheet: &str) -> Result<(), InputError> {
        if value.trim().is_empty() {
            return Ok(());
        }
        if self.index.len() >= limits::MAX_CELLS || self.text.len() + value.len() > limits::MAX_TEXT
        {
            return Err(InputError::file(
                sheet,
                crate::messages::sheet_too_large(limits::MAX_CELLS, limits::MAX_TEXT >> 20),
            ));
        }
        let start = self.text.len() as u32;
        self.text.push_str(value);
        self.index.push((row, col, start, self.text.len() as u32));
        Ok(())
    }

    /// The CSV where line N is sheet row N and field N is column N: rows above the first value
    /// are empty lines (which the CSV reader skips), and every row from the first to the last
    /// with a value has as many fields as the rightmost value needs. Refused when that grid is
    /// absurd (a stray value far from the table), before it is written.
    fn into_csv(mut self, sheet: &str) -> Result<Vec<u8>, InputError> {
        let mut out = Vec::new();
        if !self.index.is_sorted_by_key(|&(r, c, _, _)| (r, c)) {
            self.index.sort_by_key(|&(r, c, _, _)| (r, c));
        }
        let (Some(&(first, ..)), Some(&(last, ..))) = (self.index.first(), self.index.last())
        else {
            return Ok(out);
        };
        let width = self.index.iter().map(|&(_, c, _, _)| c).max().unwrap_or(0) as u64 + 1;
        let rows = u64::from(last - first) + 1;
        let grid = rows * width;
        if grid > limits::MAX_GRID {
            let right = self
                .index
                .iter()
                .max_by_key(|x| (x.1, x.0))
                .expect("not empty");
            return Err(InputError::file(
                sheet,
                crate::messages::sheet_grid_too_large(
                    (first as u64 + 1, last as u64 + 1),
                    width,
                    grid,
                    limits::MAX_GRID,
                    (
                        &cell_name(right.0, right.1),
                        &cell_name(last, self.index.last().expect("not empty").1),
                    ),
                ),
            ));
        }
        out.extend(std::iter::repeat_n(b'\n', first as usize));
        let mut cells = self.index.iter().peekable();
        for row in first..=last {
            let mut col = 0u64;
            while let Some(&&(_, c, start, end)) = cells.peek().filter(|x| x.0 == row) {
                cells.next();
                for _ in col..u64::from(c) {
                    out.extend_from_slice(b"\"\",");
                }
                quote(&self.text[start as usize..end as usize], &mut out);
                col = u64::from(c) + 1;
                if col < width {
                    out.push(b',');
                }
            }
            for k in col..width {
                out.extend_from_slice(b"\"\"");
                if k + 1 < width {
                    out.push(b',');
                }
            }
            out.push(b'\n');
        }
        Ok(out)
    }
}

/// One quoted CSV field.
fn quote(text: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    for ch in text.chars() {
        match ch {
            '"' => out.extend_from_slice(b"\"\""),
            // Line N must stay sheet row N.
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => out.push(b' '),
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}

/// `A1`-style name of a 0-based cell position.
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col as u64 + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row as u64 + 1)
}

/// The cells of an .xlsx sheet, read one at a time.
fn xlsx_cells<RS: Read + Seek>(
    xlsx: &mut calamine::Xlsx<RS>,
    name: &str,
    display: &str,
) -> Result<Cells, InputError> {
    let mut reader = xlsx
        .worksheet_cells_reader(name)
        .map_err(|e| unreadable(display, e))?;
    let mut cells = Cells::default();
    while let Some(cell) = reader.next_cell().map_err(|e| unreadable(display, e))? {
        let (row, col) = cell.get_position();
        let value: Data = cell.get_value().clone().into();
        cells.push(row, col, &cell_text(&value), display)?;
    }
    Ok(cells)
}

#[cfg(test)]
fn range_to_csv(range: &Range<Data>) -> Vec<u8> {
    let mut cells = Cells::default();
    let (r0, c0) = range.start().unwrap_or_default();
    for (row, col, cell) in range.used_cells() {
        cells
            .push(r0 + row as u32, c0 + col as u32, &cell_text(cell), "t")
            .unwrap();
    }
    cells.into_csv("t").unwrap()
}

/// A cell as the roster loader expects it: numbers with a `.`, never an exponent.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => number(d.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

/// Shortest decimal that reads back as the same number (Rust's `Display` never writes an
/// exponent), with the float noise of spreadsheet arithmetic (0.30000000000000004) rounded off.
pub(crate) fn number(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let rounded: f64 = format!("{x:.12}").parse().unwrap_or(x);
    let s = rounded.to_string();
    if s == "-0" { "0".to_string() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: (u32, u32), rows: &[&[Data]]) -> Range<Data> {
        let width = rows.iter().map(|r| r.len()).max().unwrap_or(1) as u32;
        let end = (start.0 + rows.len() as u32 - 1, start.1 + width - 1);
        let mut r = Range::new(start, end);
        for (i, row) in rows.iter().enumerate() {
            for (j, c) in row.iter().enumerate() {
                r.set_value((start.0 + i as u32, start.1 + j as u32), c.clone());
            }
        }
        r
    }

    fn s(x: &str) -> Data {
        Data::String(x.into())
    }

    #[test]
    fn numbers_are_plain_decimals() {
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(4226.0), "4226");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(1e21), "1000000000000000000000");
        assert_eq!(number(-0.0), "0");
        assert_eq!(cell_text(&Data::Int(12)), "12");
        assert_eq!(cell_text(&Data::Bool(true)), "TRUE");
    }

    #[test]
    fn csv_lines_are_sheet_rows() {
        let r = range(
            (1, 1),
            &[
                &[s("Métier"), s("Tâche")],
                &[s("Agent \"A\""), s("Saisir\nles mandats")],
                &[Data::Empty, Data::Empty],
                &[s("B"), Data::Float(0.5)],
                &[Data::Empty, Data::Empty],
            ],
        );
        let csv = String::from_utf8(range_to_csv(&r)).unwrap();
        assert_eq!(
            csv,
            "\n\"\",\"Métier\",\"Tâche\"\n\"\",\"Agent \"\"A\"\"\",\"Saisir les mandats\"\n\"\",\"\",\"\"\n\"\",\"B\",\"0.5\"\n"
        );
    }

    #[test]
    fn a_stray_cell_far_away_is_refused_before_the_grid_is_laid_out() {
        let mut cells = Cells::default();
        cells.push(0, 0, "Métier", "t").unwrap();
        cells.push(1_048_575, 16_383, "x", "t").unwrap();
        let e = cells.into_csv("t").unwrap_err().to_string();
        assert!(
            e.contains("rows 1–1048576 over 16384 columns make 17179869184 cells"),
            "{e}"
        );
        assert!(e.contains("the rightmost is at XFD1048576"), "{e}");
        // Far below in the first columns: a grid of a few million fields, laid out.
        let mut below = Cells::default();
        below.push(0, 0, "Métier", "t").unwrap();
        below.push(0, 1, "Tâche", "t").unwrap();
        below.push(1_048_575, 0, "Agent", "t").unwrap();
        let text = String::from_utf8(below.into_csv("t").unwrap()).unwrap();
        assert_eq!(text.lines().count(), 1_048_576);
        assert!(text.ends_with("\n\"Agent\",\"\"\n"));
        assert_eq!(cell_name(0, 701), "ZZ1");
        assert_eq!(cell_name(99_999, 0), "A100000");
    }

    #[test]
    fn empty_sheet_is_empty_csv() {
        assert!(range_to_csv(&Range::<Data>::empty()).is_empty());
        let r = range((0, 0), &[&[Data::Empty, s("  ")]]);
        assert!(range_to_csv(&r).is_empty());
    }

    #[test]
    fn text_under_a_workbook_name_is_not_a_workbook() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("export.xls");
        std::fs::write(&text, "Métier\tEffectif\nJardinier\t3\n").unwrap();
        assert!(!is_workbook(&text));
        assert!(!is_workbook(&dir.path().join("missing.xls")));
        assert!(is_workbook(&workbook(dir.path())));
    }

    #[test]
    fn spreadsheet_extensions() {
        assert!(is_spreadsheet("a/roster.XLSX"));
        assert!(is_spreadsheet("r.ods"));
        assert!(is_spreadsheet("r.xls"));
        assert!(!is_spreadsheet("r.csv"));
        assert!(!is_spreadsheet("-"));
    }

    #[test]
    fn unreadable_workbook_is_an_input_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.xlsx");
        std::fs::write(&path, b"not a zip").unwrap();
        let e = to_csv(&path, None).unwrap_err();
        assert!(
            e.to_string().contains("cannot read as a spreadsheet"),
            "{e}"
        );
        let e = to_csv(&dir.path().join("missing.xlsx"), None).unwrap_err();
        assert!(e.to_string().contains("missing.xlsx"), "{e}");
    }

    fn workbook(dir: &Path) -> std::path::PathBuf {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let notes = wb.add_worksheet();
        notes.set_name("Notes").unwrap();
        notes.set_hidden(true);
        notes.write_string(0, 0, "hidden").unwrap();
        let ws = wb.add_worksheet();
        // The active sheet cannot be hidden.
        ws.set_name("Feuil1").unwrap().set_active(true);
        ws.write_string(0, 0, "Métier").unwrap();
        ws.write_string(0, 1, "Effectif").unwrap();
        ws.write_string(1, 0, "Jardinier").unwrap();
        ws.write_number(1, 1, 3.0).unwrap();
        let other = wb.add_worksheet();
        other.set_name("Autre").unwrap();
        other.write_string(2, 1, "x").unwrap();
        let path = dir.join("r.xlsx");
        wb.save(&path).unwrap();
        path
    }

    #[test]
    fn reads_the_first_visible_sheet_or_the_one_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = workbook(dir.path());
        let first = read(&path, None).unwrap();
        assert_eq!(first.sheet, "Feuil1");
        assert_eq!(first.display, format!("{}[Feuil1]", path.display()));
        assert_eq!(
            String::from_utf8(first.csv).unwrap(),
            "\"Métier\",\"Effectif\"\n\"Jardinier\",\"3\"\n"
        );
        let other = read(&path, Some(" autre ")).unwrap();
        assert_eq!(other.sheet, "Autre");
        assert_eq!(String::from_utf8(other.csv).unwrap(), "\n\n\"\",\"x\"\n");
        let e = read(&path, Some("Feuil9")).unwrap_err();
        assert!(
            e.to_string()
                .ends_with("no sheet named 'Feuil9'; the sheets are: 'Notes', 'Feuil1', 'Autre'"),
            "{e}"
        );
    }
}
