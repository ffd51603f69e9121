//! Terminal tables (comfy-table).

use std::io::{self, Write};

use comfy_table::{
    CellAlignment, ColumnConstraint, ContentArrangement, ContentLineStyle, LineStyle, Table,
    TableStyle, Width, presets::UTF8_FULL_CONDENSED,
};

use super::{Section, View, headline};
use crate::cli::Level;
use crate::hashing::FastMap;
use crate::i18n::Lang;

/// Width of tables not laid out to a width (`fit`), so piped output is the same everywhere.
const PIPE_WIDTH: u16 = 160;

pub fn render(a: &View, lang: Lang, out: &mut dyn Write, terminal: bool) -> io::Result<()> {
    let levels = &a.levels;
    // The headline's long lines wrap when output is laid out to a width.
    let out = &mut super::fit::lines(out, terminal);
    if let Some(d) = &a.document {
        writeln!(out, "{}\n", crate::sanitize::for_terminal(&d.title()))?;
    }
    if levels.contains(&Level::Summary) {
        writeln!(out, "{}", lang.t("Exposure to generative AI"))?;
        for line in headline(a, lang) {
            writeln!(out, "  {}", crate::sanitize::for_terminal(&line))?;
        }
        writeln!(out)?;
    }
    let sections = super::sections(a, lang);
    // Small tables are laid out whole by comfy-table, a few thousand instructions a cell: they
    // are laid out on two threads, a section each in turn, and written in order. A long table
    // is written a chunk at a time instead (`write_table`), never held whole.
    if sections.iter().all(|s| s.rows.len() <= CHUNK) {
        // `--width` and the language are settings of this thread.
        let screen = super::fit::screen();
        return crate::parallel::write_in_order(out, sections.len(), &|k, buf| {
            super::fit::set_screen(screen);
            write_section(&sections[k], buf, terminal)
        });
    }
    for section in sections {
        write_section(&section, out, terminal)?;
    }
    Ok(())
}

/// Rows laid out and printed at a time. comfy-table holds a table whole (about 4 KB per row of
/// a jobs table, cells and formatted lines) before printing it: a roster of 20,000 jobs would
/// take 80 MB for its jobs table alone.
const CHUNK: usize = 1000;

pub fn write_section(section: &Section, out: &mut dyn Write, terminal: bool) -> io::Result<()> {
    let sanitized = section.sanitized();
    let section = sanitized.as_ref().unwrap_or(section);
    let Some(width) = super::fit::width(terminal) else {
        writeln!(out, "{}", section.title)?;
        write_table(section, None, out)?;
        return writeln!(out);
    };
    let fitted = super::fit::section(section, width);
    for line in super::fit::wrap(&section.title, width) {
        writeln!(out, "{line}")?;
    }
    write_table(&fitted.section, Some(&fitted.widths), out)?;
    if !fitted.dropped.is_empty() {
        for line in super::fit::dropped_note(&fitted.dropped, width) {
            writeln!(out, "{line}")?;
        }
    }
    writeln!(out)
}

/// The table of `section` without its title: laid out by comfy-table at the pipe's width, or in
/// the column `widths` given (padding included).
fn write_table(section: &Section, widths: Option<&[u16]>, out: &mut dyn Write) -> io::Result<()> {
    // The first rows (with the header) are laid out as comfy-table does; their column widths, read
    // off the top border, are then imposed on the rows after them (`write_rows`), which join
    // up without borders in between, in chunks rendered on two threads. A table of up to
    // CHUNK rows is one table, as comfy-table lays it out.
    let chunks: Vec<&[Vec<String>]> = section.rows.chunks(CHUNK).collect();
    let first_rows = chunks.first().copied().unwrap_or(&[]);
    let first = (super::plain_table::layout(
        &section.headers,
        first_rows,
        &section.numeric,
        widths,
        PIPE_WIDTH.into(),
    ))
    .unwrap_or_else(|| {
        let mut table = new_table(section, first_rows, widths);
        table.set_header(section.headers.clone());
        table.to_string()
    });
    let widths = border_widths(&first);
    let last = chunks.len().saturating_sub(1);
    crate::parallel::write_in_order(out, chunks.len().max(1), &|k, buf| {
        if k == 0 {
            // Without its bottom border unless it is the only chunk.
            let body = if k < last {
                first.rsplit_once('\n').map_or("", |(rows, _)| rows)
            } else {
                first.as_str()
            };
            buf.extend_from_slice(body.as_bytes());
            buf.push(b'\n');
        } else {
            write_rows(section, chunks[k], &widths, k == last, buf);
        }
        Ok(())
    })
}

/// Rows after the first chunk, in the columns of the first: what comfy-table prints for them,
/// without the top border (and the bottom one unless `last`). comfy-table lays a cell out the
/// same whatever its row (its lines depend on its text, its column's width and alignment), and
/// a jobs table repeats its directions, departments, titles and figures: each distinct cell of
/// a column is laid out once, by comfy-table, and the rows are put together from them.
fn write_rows(
    section: &Section,
    rows: &[Vec<String>],
    widths: &[u16],
    last: bool,
    out: &mut Vec<u8>,
) {
    let columns = widths.len();
    // Per column: the distinct cells, and the index of each row's cell among them.
    let mut distinct: Vec<Vec<&str>> = vec![Vec::new(); columns];
    let mut index: Vec<FastMap<&str, u32>> = vec![FastMap::default(); columns];
    let mut cells: Vec<u32> = Vec::with_capacity(rows.len() * columns);
    for row in rows {
        for (j, (distinct, index)) in distinct.iter_mut().zip(&mut index).enumerate() {
            let text = row.get(j).map_or("", String::as_str);
            let next = distinct.len() as u32;
            let at = *index.entry(text).or_insert_with(|| {
                distinct.push(text);
                next
            });
            cells.push(at);
        }
    }
    let layouts: Vec<Vec<Vec<String>>> = distinct
        .iter()
        .enumerate()
        .map(|(j, texts)| {
            let numeric = section.numeric.get(j).copied().unwrap_or(false);
            cell_layouts(texts, widths[j], numeric)
        })
        .collect();
    let blank: Vec<String> = widths.iter().map(|&w| " ".repeat(w.into())).collect();
    for row in cells.chunks(columns) {
        let height = (row.iter().enumerate())
            .map(|(j, &at)| layouts[j][at as usize].len())
            .max()
            .unwrap_or(0);
        for line in 0..height {
            out.extend_from_slice("│".as_bytes());
            for (j, &at) in row.iter().enumerate() {
                if j > 0 {
                    out.extend_from_slice("┆".as_bytes());
                }
                let text = layouts[j][at as usize].get(line).unwrap_or(&blank[j]);
                out.extend_from_slice(text.as_bytes());
            }
            out.extend_from_slice("│\n".as_bytes());
        }
    }
    if last {
        let segments: Vec<String> = widths.iter().map(|&w| "─".repeat(w.into())).collect();
        out.extend_from_slice(format!("└{}┘\n", segments.join("┴")).as_bytes());
    }
}

/// The lines of each of `texts` in a column `width` wide (padding included), as comfy-table
/// lays them out: laid out in a table of that one column, rows parted by lines of `#`.
fn cell_layouts(texts: &[&str], width: u16, numeric: bool) -> Vec<Vec<String>> {
    const STYLE: TableStyle = TableStyle::new()
        .content_lines(ContentLineStyle::new('|', '|', '|'))
        .row_separator(LineStyle::new('#', '#', '#', '#'));
    let mut table = Table::new();
    table
        .load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Disabled);
    for text in texts {
        table.add_row([*text]);
    }
    if let Some(column) = table.column_mut(0) {
        column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
        if numeric {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut layouts = vec![Vec::new()];
    for line in table.lines() {
        if line.starts_with('#') {
            layouts.push(Vec::new());
        } else if let Some(inner) = line.strip_prefix('|').and_then(|l| l.strip_suffix('|')) {
            layouts
                .last_mut()
                .expect("one at least")
                .push(inner.to_string());
        }
    }
    layouts
}

pub(super) fn new_table(section: &Section, rows: &[Vec<String>], widths: Option<&[u16]>) -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    match widths {
        // Laid out by `fit`: its cells are wrapped to these widths already.
        Some(_) => table.set_content_arrangement(ContentArrangement::Disabled),
        // A fixed width keeps output that is not laid out to a width identical everywhere.
        None => table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(PIPE_WIDTH),
    };
    for row in rows {
        table.add_row(row.clone());
    }
    for (i, &width) in widths.unwrap_or(&[]).iter().enumerate() {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
        }
    }
    for (i, numeric) in section.numeric.iter().enumerate() {
        if let (true, Some(column)) = (*numeric, table.column_mut(i)) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// The width of each column, padding included, from a table's top border ("┌──┬───┐").
fn border_widths(table: &str) -> Vec<u16> {
    let top = table.lines().next().unwrap_or("");
    top.trim_start_matches('┌')
        .trim_end_matches('┐')
        .split('┬')
        .map(|segment| segment.chars().count().try_into().unwrap_or(u16::MAX))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(rows: usize, wide_row: Option<usize>) -> Section {
        Section {
            title: "Jobs".into(),
            headers: vec!["Job".into(), "Agents".into()],
            numeric: vec![false, true],
            rows: (0..rows)
                .map(|i| {
                    let job = if Some(i) == wide_row {
                        "Technicien(ne) principal(e) des bâtiments et de l'énergie, secteur nord"
                            .repeat(3)
                    } else {
                        format!("Agent {}", i % 7)
                    };
                    vec![job, (i * 37 % 1000).to_string()]
                })
                .collect(),
        }
    }

    fn render(section: &Section) -> String {
        let mut out = Vec::new();
        write_section(section, &mut out, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_long_table_prints_as_one_table() {
        // Row 3 is the widest: the first rows decide the layout as for the whole table.
        let s = section(2 * CHUNK + 500, Some(3));
        let mut whole = new_table(&s, &s.rows, None);
        whole.set_header(s.headers.clone());
        assert_eq!(render(&s), format!("Jobs\n{whole}\n\n"));
    }

    #[test]
    fn rows_after_the_first_chunk_keep_its_column_widths() {
        // A cell wider than any in the first rows is wrapped to their width.
        let s = section(CHUNK + 10, Some(CHUNK + 5));
        let text = render(&s);
        let lines: Vec<&str> = text.lines().skip(1).filter(|l| !l.is_empty()).collect();
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width), "{text}");
        assert_eq!(lines.iter().filter(|l| l.starts_with('┌')).count(), 1);
        assert_eq!(lines.iter().filter(|l| l.starts_with('└')).count(), 1);
        assert!(text.contains("secteur"));
        // Header, its rule, the rows (the wide one on several lines), the borders.
        assert!(lines.len() > CHUNK + 10 + 4);
    }

    /// What comfy-table prints for rows in fixed columns, as the chunks after the first were
    /// printed before `write_rows`: the reference it must match.
    fn comfy_rows(section: &Section, rows: &[Vec<String>], widths: &[u16], last: bool) -> String {
        let mut table = new_table(section, rows, None);
        table.set_content_arrangement(ContentArrangement::Disabled);
        for (i, &width) in widths.iter().enumerate() {
            if let Some(column) = table.column_mut(i) {
                column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
            }
        }
        let text = table.to_string();
        let body = text.split_once('\n').map_or("", |(_, rest)| rest);
        let body = if last {
            body
        } else {
            body.rsplit_once('\n').map_or("", |(rows, _)| rows)
        };
        format!("{body}\n")
    }

    /// Cells that wrap, hold line breaks, wide or combining characters, or nothing, in left
    /// and right aligned columns of several widths: rows put together from distinct cells are
    /// what comfy-table prints.
    #[test]
    fn rows_put_together_from_distinct_cells_are_what_comfy_table_prints() {
        let pieces = [
            "",
            "Accueil",
            "Espace public et mobilités",
            "Technicien(ne) principal(e) des bâtiments",
            "ligne\nà la ligne",
            "日本語のテキスト",
            "e\u{301}te\u{301} 🙂🙂",
            "   espaces   ",
            "0.47",
            "16/45",
            "x",
            "Anticonstitutionnellementextraordinaire",
        ];
        let mut next = crate::test_draws(7);
        for columns in 1..5 {
            let rows: Vec<Vec<String>> = (0..300)
                .map(|_| {
                    (0..columns)
                        .map(|_| {
                            let mut cell = pieces[next(pieces.len())].to_string();
                            if next(3) == 0 {
                                cell.push(' ');
                                cell.push_str(pieces[next(pieces.len())]);
                            }
                            cell
                        })
                        .collect()
                })
                .collect();
            let section = Section {
                title: "T".into(),
                headers: (0..columns).map(|j| format!("C{j}")).collect(),
                numeric: (0..columns).map(|j| j % 2 == 1).collect(),
                rows,
            };
            for widths in [[3u16, 9, 14, 30], [12, 4, 40, 7]] {
                let widths = &widths[..columns];
                for last in [false, true] {
                    let mut ours = Vec::new();
                    write_rows(&section, &section.rows, widths, last, &mut ours);
                    assert_eq!(
                        String::from_utf8(ours).unwrap(),
                        comfy_rows(&section, &section.rows, widths, last),
                        "{columns} columns, widths {widths:?}"
                    );
                }
            }
        }
    }
}
