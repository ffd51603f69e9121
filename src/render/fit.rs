//! Text that fits a width. When output is laid out to a width, tables fit it (cells wrapped at
//! spaces, never inside a word; the least needed columns left out, and named under the table)
//! and long lines wrap at spaces, continued under the text they continue.
//!
//! The width: `--width N` when given, whatever the output (terminal, pipe, file); else, on a
//! terminal, `COLUMNS` when it holds a number, else the terminal's width. Without `--width`,
//! output that is not a terminal is laid out as it always was, byte for byte: `COLUMNS` is not
//! read for a pipe, since shells and CI runners export it and a script's saved output must not
//! change with the window it ran in.

use std::cell::Cell;
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::Section;
use crate::i18n::{Grouping, Lang, Noun};

/// The narrowest width accepted: a table of a few short columns.
pub use crate::cli::MIN_WIDTH;

/// Used on a terminal whose width cannot be read.
const DEFAULT_WIDTH: usize = 80;

/// The run's `--width` and language (see `set`), to carry to a thread that lays out tables.
#[derive(Clone, Copy, Default)]
pub struct Screen {
    width: Option<usize>,
    lang: Lang,
}

thread_local! {
    /// The run's `--width` and language, set by `exposure::run` before any output (a setting of
    /// the whole run, like `--quiet`, read where a table is laid out).
    static SCREEN: Cell<Screen> = Cell::new(Screen::default());
}

/// Sets the run's explicit width (`--width`) and the language of the notes under tables.
pub fn set(width: Option<u16>, lang: Lang) {
    SCREEN.set(Screen {
        width: width.map(usize::from),
        lang,
    });
}

/// This thread's screen settings.
pub fn screen() -> Screen {
    SCREEN.get()
}

/// Gives this thread the screen settings of another.
pub fn set_screen(screen: Screen) {
    SCREEN.set(screen);
}

/// The width to lay output out to, or `None` to lay it out as always (not a terminal, no
/// `--width`).
pub fn width(terminal: bool) -> Option<usize> {
    let explicit = SCREEN.get().width;
    explicit.or_else(|| terminal.then(terminal_width))
}

fn terminal_width() -> usize {
    let columns = std::env::var("COLUMNS").ok();
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
        // comfy-table reads the terminal's size (through crossterm).
        .or_else(|| comfy_table::Table::new().width().map(usize::from))
        .unwrap_or(DEFAULT_WIDTH)
        .max(MIN_WIDTH.into())
}

/// How wide `text` shows in a terminal (wide and combining characters counted as a terminal
/// and comfy-table count them).
pub fn text_width(text: &str) -> usize {
    text.width()
}

/// The pieces of a line that wrapping keeps together: words, each with a unit, a closing mark
/// or French punctuation that follows its space ("12.5 %", "(3.4 %)", "Titre :", « mot »).
fn atoms(line: &str) -> Vec<String> {
    let mut atoms: Vec<String> = Vec::new();
    for word in line.split(' ') {
        match atoms.last_mut() {
            Some(last) if glued(last, word) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => atoms.push(word.to_string()),
        }
    }
    atoms
}

fn glued(before: &str, word: &str) -> bool {
    (!before.is_empty() && word.starts_with(['%', ':', ';', '!', '?', '»']))
        || before.ends_with('«')
}

/// The widest piece of `text` that wrapping cannot part.
fn longest_atom(text: &str) -> usize {
    text.lines()
        .flat_map(atoms)
        .map(|a| text_width(&a))
        .max()
        .unwrap_or(0)
}

/// `line` in lines at most `width` wide, then `rest` wide, parted at spaces. A word wider than
/// the width on its own is the one thing cut.
fn wrap_hanging(line: &str, width: usize, rest: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut current_width = 0;
    let mut fresh = true;
    for atom in atoms(line) {
        let limit = if lines.is_empty() { width } else { rest }.max(1);
        let w = text_width(&atom);
        if fresh || current_width + 1 + w <= limit {
            if !fresh {
                current.push(' ');
                current_width += 1;
            }
            current.push_str(&atom);
            current_width += w;
            fresh = false;
        } else if !atom.is_empty() {
            lines.push(std::mem::take(&mut current));
            current_width = w;
            current = atom;
        }
        // A word too wide for any line: cut, as nothing else can make it fit.
        while current_width > limit {
            let (head, tail) = split_at_width(&current, limit);
            lines.push(head);
            current_width = text_width(&tail);
            current = tail;
        }
    }
    lines.push(current);
    lines
}

/// `line` wrapped to `width`.
pub fn wrap(line: &str, width: usize) -> Vec<String> {
    line.split('\n')
        .flat_map(|l| wrap_hanging(l, width, width))
        .collect()
}

fn split_at_width(text: &str, width: usize) -> (String, String) {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width && i > 0 {
            return (text[..i].to_string(), text[i..].to_string());
        }
        used += w;
    }
    (text.to_string(), String::new())
}

/// A table laid out to a width.
pub struct Fitted {
    /// The columns kept, with their headers and cells wrapped to their widths.
    pub section: Section,
    /// The width of each column kept, padding included (as comfy-table counts it).
    pub widths: Vec<u16>,
    /// The headers of the columns left out.
    pub dropped: Vec<String>,
}

/// Columns a narrow table leaves out first, in that order (English labels; a header matches in
/// either language).
const LEAST_NEEDED: [&str; 19] = [
    "SD",
    "ISCO",
    "ILO occupation (≠: other class)",
    "Tasks",
    "Jobs",
    "Time exposed",
    "Specificity",
    "Source",
    "Rule",
    "Reached via",
    "Via",
    "ILO tasks",
    "Band 2023",
    "2023",
    "Similarity",
    "Matched title",
    "Reference title",
    "Confidence",
    "Tasks exposed",
];

/// Where a row is, broadest first (0: its direction, 1: its department, 2: its job), when
/// the header names one, whatever the roster calls its group levels (`Grouping`): a column of
/// these is left out after the others, and only when a narrower one follows it (a job's
/// department, a department's direction), never the column a table is about.
fn place(h: &str) -> Option<usize> {
    let named = |noun: fn(&Grouping) -> Noun| {
        (Grouping::ALL.iter()).any(|g| {
            [Lang::En, Lang::Fr]
                .map(|l| noun(g).heading(l, false))
                .contains(&h)
        })
    };
    if named(|g| g.direction) {
        Some(0)
    } else if named(|g| g.department) {
        Some(1)
    } else {
        is(h, "Job").then_some(2)
    }
}

/// Whether a header is `label`, in either language.
fn is(h: &str, label: &'static str) -> bool {
    h == label || Lang::Fr.t(label) == h
}

/// The columns of `headers` in the order a narrow table leaves them out; the others are kept.
pub fn drop_order(headers: &[String]) -> Vec<usize> {
    let rank = |h: &String| LEAST_NEEDED.iter().position(|l| is(h, l));
    let mut order: Vec<(usize, usize)> = (headers.iter().enumerate())
        .filter_map(|(i, h)| rank(h).map(|r| (r, i)))
        .collect();
    order.sort();
    let at = |rank: usize| headers.iter().position(|h| place(h) == Some(rank));
    let mut order: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
    // Narrowest first: a department before its direction.
    for k in (0..3).rev() {
        let narrower = (k + 1..3).any(|r| at(r).is_some());
        if let (Some(i), true) = (at(k), narrower) {
            order.push(i);
        }
    }
    order
}

/// Whether the rows need column `c`, a level of where a row is, to be told apart: without
/// it, two rows would read alike in the levels `keep` still shows (a filière under each
/// status, a job in two departments).
fn tells_rows_apart(headers: &[String], rows: &[Vec<String>], keep: &[usize], c: usize) -> bool {
    let others: Vec<usize> = (keep.iter().copied())
        .filter(|&i| i != c && place(&headers[i]).is_some())
        .collect();
    let mut seen = std::collections::HashSet::new();
    rows.iter().any(|r| {
        let key: Vec<&str> = (others.iter())
            .map(|&i| r.get(i).map_or("", String::as_str))
            .collect();
        !seen.insert(key)
    })
}

/// A section laid out to `width`, its columns left out in [`drop_order`].
pub fn section(s: &Section, width: usize) -> Fitted {
    let mut fitted = fit(
        &s.headers,
        &s.numeric,
        &s.rows,
        &drop_order(&s.headers),
        width,
    );
    fitted.section.title = s.title.clone();
    fitted
}

/// Borders and padding of a table of `columns` columns: "│ a ┆ b │".
fn frame(columns: usize) -> usize {
    3 * columns + 1
}

/// Lays a table out to `width` columns of text: leaves columns out in `drop_order` until every
/// kept column can hold its widest word, then shares the width out, and wraps every cell at
/// spaces. Returns a section without title.
pub fn fit(
    headers: &[String],
    numeric: &[bool],
    rows: &[Vec<String>],
    drop_order: &[usize],
    width: usize,
) -> Fitted {
    let columns = headers.len();
    let cell = |row: &Vec<String>, c: usize| row.get(c).map_or("", String::as_str).to_string();
    let measure = |c: usize, f: &dyn Fn(&str) -> usize| {
        rows.iter()
            .map(|r| f(&cell(r, c)))
            .chain(std::iter::once(f(&headers[c])))
            .max()
            .unwrap_or(0)
            .max(1)
    };
    let natural: Vec<usize> = (0..columns)
        .map(|c| measure(c, &|t| t.lines().map(text_width).max().unwrap_or(0)))
        .collect();
    let least: Vec<usize> = (0..columns).map(|c| measure(c, &longest_atom)).collect();
    let usual: Vec<usize> = (0..columns)
        .map(|c| usual_width(rows, c).max(least[c]))
        .collect();
    let fits = |keep: &[usize], w: &[usize]| {
        keep.iter().map(|&c| w[c]).sum::<usize>() + frame(keep.len()) <= width
    };
    let mut keep: Vec<usize> = (0..columns).collect();
    let mut order = drop_order
        .iter()
        .copied()
        .filter(|&c| c < columns)
        .peekable();
    // Columns are left out until each kept one holds its longest word…
    while !fits(&keep, &least) && keep.len() > 1 {
        let Some(c) = order.next() else { break };
        keep.retain(|&k| k != c);
    }
    // …and where a row is (its direction, department), while the other columns cannot have
    // the width that holds most of their cells on one line, unless the rows need it to be
    // told apart.
    let mut order = order.filter(|&c| place(&headers[c]).is_some());
    let rest: Vec<usize> = order.clone().collect();
    let comfortable = |keep: &[usize]| {
        let w = |c: usize| {
            if rest.contains(&c) {
                least[c]
            } else {
                usual[c]
            }
        };
        keep.iter().map(|&c| w(c)).sum::<usize>() + frame(keep.len()) <= width
    };
    while !comfortable(&keep) && keep.len() > 1 {
        let Some(c) = order.next() else { break };
        if !tells_rows_apart(headers, rows, &keep, c) {
            keep.retain(|&k| k != c);
        }
    }
    // A column left out early comes back when it fits beside the ones kept for comfort.
    let gone: Vec<usize> = drop_order
        .iter()
        .copied()
        .filter(|c| *c < columns && !keep.contains(c))
        .collect();
    for &c in gone.iter().rev() {
        let mut with = keep.clone();
        with.push(c);
        with.sort_unstable();
        if fits(&with, &usual) {
            keep = with;
        }
    }
    let budget = width.saturating_sub(frame(keep.len()));
    let pick = |of: &dyn Fn(usize) -> usize| keep.iter().map(|&c| of(c)).collect::<Vec<_>>();
    let widths = share(
        &pick(&|c| least[c]),
        &pick(&|c| usual[c]),
        &pick(&|c| natural[c]),
        budget,
    );
    let wrapped = |text: &str, w: usize| wrap(text, w).join("\n");
    let section = Section {
        title: String::new(),
        headers: (keep.iter().zip(&widths))
            .map(|(&c, &w)| wrapped(&headers[c], w))
            .collect(),
        numeric: keep
            .iter()
            .map(|&c| numeric.get(c).copied().unwrap_or(false))
            .collect(),
        rows: rows
            .iter()
            .map(|r| {
                (keep.iter().zip(&widths))
                    .map(|(&c, &w)| wrapped(&cell(r, c), w))
                    .collect()
            })
            .collect(),
    };
    Fitted {
        section,
        widths: widths
            .iter()
            .map(|&w| u16::try_from(w + 2).unwrap_or(u16::MAX))
            .collect(),
        dropped: (0..columns)
            .filter(|c| !keep.contains(c))
            .map(|c| headers[c].replace('\n', " "))
            .collect(),
    }
}

/// Widths between `least` and `natural` that add up to `budget` at most. Each column gets its
/// natural width when all fit. Otherwise each starts at its least; then the columns cheapest to
/// put on one line (most of their cells: `usual`) get that width, cheapest first; what is left
/// goes, a character at a time, to the column that lacks the most. When even the least widths
/// do not fit, the widest columns give way (their longest words are then cut).
fn share(least: &[usize], usual: &[usize], natural: &[usize], budget: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= budget {
        return natural.to_vec();
    }
    let mut widths = least.to_vec();
    let mut total: usize = widths.iter().sum();
    while total > budget {
        let Some((widest, _)) = (widths.iter().enumerate())
            .filter(|(_, w)| **w > 1)
            .max_by_key(|(i, w)| (**w, std::cmp::Reverse(*i)))
        else {
            break;
        };
        widths[widest] -= 1;
        total -= 1;
    }
    let mut cheapest: Vec<usize> = (0..widths.len()).collect();
    cheapest.sort_by_key(|&c| (usual[c].saturating_sub(widths[c]), c));
    for c in cheapest {
        let more = usual[c].saturating_sub(widths[c]);
        if total + more <= budget {
            widths[c] += more;
            total += more;
        }
    }
    while total < budget {
        let Some((most, _)) = (widths.iter().zip(natural).enumerate())
            .filter(|(_, (w, n))| w < n)
            .max_by_key(|(i, (w, n))| (**n - **w, std::cmp::Reverse(*i)))
        else {
            break;
        };
        widths[most] += 1;
        total += 1;
    }
    widths
}

/// The width that holds nine cells in ten of a column on one line (the header wraps).
fn usual_width(rows: &[Vec<String>], c: usize) -> usize {
    let mut widths: Vec<usize> = rows
        .iter()
        .map(|r| {
            r.get(c)
                .map_or(0, |t| t.lines().map(text_width).max().unwrap_or(0))
        })
        .collect();
    widths.sort_unstable();
    widths
        .get((widths.len() * 9).div_ceil(10).saturating_sub(1))
        .copied()
        .unwrap_or(0)
}

/// The note under a table whose columns were left out, wrapped to `width`.
pub fn dropped_note(dropped: &[String], width: usize) -> Vec<String> {
    let names = dropped.join(", ");
    let note = match SCREEN.get().lang {
        Lang::En => format!(
            "Left out at {width} columns: {names} (wider: --width N; every column: --format csv)."
        ),
        Lang::Fr => crate::typography::french_spacing(&format!(
            "Colonnes omises sur {width} caractères : {names} (plus large : --width N ; toutes les colonnes : --format csv)."
        )),
    };
    wrap(&note, width)
}

/// A writer that wraps the lines written through it to a width (see [`lines`]).
pub struct Lines<'a> {
    out: &'a mut dyn Write,
    width: Option<usize>,
    pending: Vec<u8>,
}

/// `out`, with each line longer than the width wrapped at spaces when output is laid out to a
/// width; as is otherwise. A continued line is indented under the value of a "Label:   value"
/// line, else two spaces more than the line. Table lines (box drawing) are left as they are.
pub fn lines(out: &mut dyn Write, terminal: bool) -> Lines<'_> {
    Lines {
        out,
        width: width(terminal),
        pending: Vec::new(),
    }
}

impl Lines<'_> {
    fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        let Some(width) = self.width else {
            return self.out.write_all(line);
        };
        let text = String::from_utf8_lossy(line);
        let body = text.strip_suffix('\n').unwrap_or(&text);
        let boxed = body
            .chars()
            .next()
            .is_some_and(|c| ('\u{2500}'..='\u{257f}').contains(&c));
        if boxed || text_width(body) <= width {
            return self.out.write_all(line);
        }
        let indent = hanging_indent(body, width);
        let pieces = wrap_hanging(body, width, width - indent);
        let last = pieces.len() - 1;
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 {
                write!(self.out, "{:indent$}", "")?;
            }
            self.out.write_all(piece.as_bytes())?;
            // The last piece ends as the line did (the output's last line may have no end).
            if i < last || text.ends_with('\n') {
                self.out.write_all(b"\n")?;
            }
        }
        Ok(())
    }
}

/// Where a wrapped line's continuation starts: under the value of "Label:   value" (a label
/// padded with two spaces or more), else two spaces past the line's own indent.
fn hanging_indent(line: &str, width: usize) -> usize {
    let lead = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[lead..];
    let label = rest.find("  ").filter(|&at| at > 0 && at <= 24).map(|at| {
        let spaces = rest[at..].len() - rest[at..].trim_start_matches(' ').len();
        lead + text_width(&rest[..at]) + spaces
    });
    label
        .unwrap_or(lead + 2)
        .min(width / 2)
        .min(width.saturating_sub(1))
}

impl Write for Lines<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(end) = self.pending.iter().rposition(|&b| b == b'\n') {
            let done: Vec<u8> = self.pending.drain(..=end).collect();
            for line in done.split_inclusive(|&b| b == b'\n') {
                self.write_line(line)?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl Drop for Lines<'_> {
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            // An error here shows on the next write to the same output, or is moot.
            let _ = self.write_line(&rest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn wrapping_parts_at_spaces_and_keeps_units_with_their_number() {
        assert_eq!(
            wrap("1806 agents concerned (21.2 %)", 12),
            ["1806 agents", "concerned", "(21.2 %)"]
        );
        assert_eq!(wrap("Titre : « mot »", 7), ["Titre :", "« mot »"]);
        // A word wider than the width is the only thing cut.
        assert_eq!(
            wrap("ab Anticonstitutionnel", 8),
            ["ab", "Anticons", "titution", "nel"]
        );
        assert_eq!(wrap("", 8), [""]);
    }

    #[test]
    fn a_narrow_table_leaves_out_the_least_needed_columns_and_cuts_no_word() {
        let headers = strings(&["Department", "Job", "ISCO", "Agents", "SD"]);
        let rows = vec![
            strings(&[
                "Ressources humaines",
                "Gestionnaire carrière-paie",
                "4313",
                "12",
                "0.10",
            ]),
            strings(&[
                "Systèmes d'information",
                "Développeur(euse)",
                "2512",
                "3",
                "0.20",
            ]),
        ];
        let order = drop_order(&headers);
        assert_eq!(order, [4, 2, 0]);
        let numeric = [false, false, false, true, true];
        let f = fit(&headers, &numeric, &rows, &order, 40);
        assert_eq!(f.dropped, ["Department", "ISCO", "SD"]);
        assert_eq!(f.section.headers, ["Job", "Agents"]);
        assert_eq!(f.section.numeric, [false, true]);
        let wider = fit(&headers, &numeric, &rows, &order, 50);
        // Wider, the ISCO code fits again beside the job once the department is left out.
        assert_eq!(wider.section.headers, ["Job", "ISCO", "Agents"]);
        for (f, width) in [(&f, 40), (&wider, 50)] {
            let borders = f.widths.len() + 1;
            let total = f.widths.iter().map(|&w| usize::from(w)).sum::<usize>() + borders;
            assert!(total <= width, "{total}");
            for row in &f.section.rows {
                for (cell, &w) in row.iter().zip(&f.widths) {
                    let fits = cell.lines().all(|l| text_width(l) + 2 <= w.into());
                    assert!(fits, "{cell}");
                }
            }
        }
        let words: Vec<&str> = f.section.rows[0][0].split_whitespace().collect();
        assert_eq!(words, ["Gestionnaire", "carrière-paie"]);
    }

    /// The group levels are left out narrowest first whatever the roster calls them.
    #[test]
    fn the_levels_of_a_budget_document_are_where_a_row_is() {
        for headers in [
            ["Direction", "Department", "Job", "SD"],
            ["Direction", "Service", "Métier", "Écart-type"],
            ["Status", "Filière", "Job", "SD"],
            ["Statut", "Filière", "Métier", "Écart-type"],
        ] {
            assert_eq!(drop_order(&strings(&headers)), [3, 1, 0], "{headers:?}");
        }
        // Alone, the column a table is about stays.
        assert_eq!(
            drop_order(&strings(&["Statut", "Agents"])),
            Vec::<usize>::new()
        );
    }

    /// A level is kept when the narrower ones repeat without it: a filière under each status.
    #[test]
    fn a_level_that_tells_rows_apart_is_kept() {
        let headers = strings(&["Statut", "Filière", "Agents", "Moyenne", "Écart-type"]);
        let row = |a: &str, b: &str| strings(&[a, b, "1", "0,44", "0,12"]);
        let section = |rows: Vec<Vec<String>>| Section {
            title: String::new(),
            headers: headers.clone(),
            numeric: vec![false, false, true, true, true],
            rows,
        };
        let repeated = section(vec![
            row("Titulaires", "Filière administrative"),
            row("Non titulaires", "Filière administrative"),
        ]);
        let f = super::section(&repeated, 70);
        assert!(
            !f.dropped.contains(&"Statut".to_string()),
            "{:?}",
            f.dropped
        );
        let distinct = section(vec![
            row("Titulaires", "Filière administrative"),
            row("Non titulaires", "Filière technique"),
        ]);
        let f = super::section(&distinct, 70);
        assert!(f.dropped.contains(&"Statut".to_string()), "{:?}", f.dropped);
    }

    #[test]
    fn a_table_that_fits_is_left_whole() {
        let headers = strings(&["Job", "SD"]);
        let rows = vec![strings(&["Agent d'accueil", "0.10"])];
        let f = fit(&headers, &[false, true], &rows, &drop_order(&headers), 80);
        assert!(f.dropped.is_empty());
        assert_eq!(f.widths, [17, 6]);
        assert_eq!(f.section.rows, rows);
    }

    #[test]
    fn long_lines_wrap_under_their_value() {
        let mut out = Vec::new();
        {
            let mut w = Lines {
                out: &mut out,
                width: Some(24),
                pending: Vec::new(),
            };
            write!(
                w,
                "Text:  one two three four five six\n  indented line that goes on\n"
            )
            .unwrap();
            writeln!(w, "│ a table line wider than twenty-four │").unwrap();
            write!(w, "no end").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Text:  one two three\n       four five six\n  indented line that\n    goes on\n│ a table line wider than twenty-four │\nno end"
        );
    }
}
