//! Terminal tables (comfy-table).

use std::io::{self, Write};

use comfy_table::{
    CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets::UTF8_FULL_CONDENSED,
};

use super::{Section, headline};
use crate::analysis::Analysis;
use crate::cli::Level;
use crate::i18n::Lang;

/// Width used when stdout is not a terminal, so piped output is the same everywhere.
const PIPE_WIDTH: u16 = 160;

pub fn render(
    a: &Analysis,
    levels: &[Level],
    lang: Lang,
    out: &mut dyn Write,
    terminal: bool,
) -> io::Result<()> {
    if levels.contains(&Level::Summary) {
        writeln!(out, "{}", lang.t("Exposure to generative AI"))?;
        for line in headline(a, lang) {
            writeln!(out, "  {line}")?;
        }
        writeln!(out)?;
    }
    for section in super::sections(a, levels, lang) {
        write_section(&section, out, terminal)?;
    }
    Ok(())
}

/// Rows laid out and printed at a time. comfy-table holds a table whole (about 4 KB per row of
/// a jobs table, cells and formatted lines) before printing it: a roster of 20,000 jobs would
/// take 80 MB for its jobs table alone.
const CHUNK: usize = 1000;

pub fn write_section(section: &Section, out: &mut dyn Write, terminal: bool) -> io::Result<()> {
    writeln!(out, "{}", section.title)?;
    // The first rows (with the header) are laid out by comfy-table; their column widths, read
    // off the top border, are then imposed on the rows after them, printed in further tables
    // joined without the borders in between. A table of up to CHUNK rows is one table, as
    // comfy-table lays it out.
    let chunks: Vec<&[Vec<String>]> = section.rows.chunks(CHUNK).collect();
    let mut table = new_table(section, chunks.first().copied().unwrap_or(&[]), terminal);
    table.set_header(section.headers.clone());
    let first = table.to_string();
    let widths = border_widths(&first);
    let last = chunks.len().saturating_sub(1);
    crate::parallel::write_in_order(out, chunks.len().max(1), &|k, buf| {
        let text = if k == 0 {
            first.clone()
        } else {
            let mut table = new_table(section, chunks[k], terminal);
            table.set_content_arrangement(ContentArrangement::Disabled);
            for (i, &width) in widths.iter().enumerate() {
                if let Some(column) = table.column_mut(i) {
                    column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
                }
            }
            table.to_string()
        };
        // Chunks after the first lose their top border, and all but the last their bottom
        // border: the rows join up.
        let mut body = text.as_str();
        if k > 0 {
            body = body.split_once('\n').map_or("", |(_, rest)| rest);
        }
        if k < last {
            body = body.rsplit_once('\n').map_or("", |(rows, _)| rows);
        }
        buf.extend_from_slice(body.as_bytes());
        buf.push(b'\n');
        Ok(())
    })?;
    writeln!(out)
}

fn new_table(section: &Section, rows: &[Vec<String>], terminal: bool) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    // On a terminal comfy-table reads its width; elsewhere a fixed width keeps output identical.
    if !terminal {
        table.set_width(PIPE_WIDTH);
    }
    for row in rows {
        table.add_row(row.clone());
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
        let mut whole = new_table(&s, &s.rows, false);
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
}
