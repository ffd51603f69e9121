//! Terminal tables (comfy-table).

use std::io::{self, Write};

use comfy_table::{CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

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

pub fn write_section(section: &Section, out: &mut dyn Write, terminal: bool) -> io::Result<()> {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(section.headers.clone());
    // On a terminal comfy-table reads its width; elsewhere a fixed width keeps output identical.
    if !terminal {
        table.set_width(PIPE_WIDTH);
    }
    for row in &section.rows {
        table.add_row(row.clone());
    }
    for (i, numeric) in section.numeric.iter().enumerate() {
        if let (true, Some(column)) = (*numeric, table.column_mut(i)) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{}", section.title)?;
    writeln!(out, "{table}")?;
    writeln!(out)
}
