//! Markdown: the same sections as the terminal tables.

use std::io::{self, Write};

use super::{Section, View, headline};
use crate::cli::Level;
use crate::i18n::Lang;

pub fn render(a: &View, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let levels = &a.levels;
    writeln!(out, "# {}", escape(&super::title(a, lang)))?;
    writeln!(out)?;
    if levels.contains(&Level::Summary) {
        for line in headline(a, lang) {
            writeln!(out, "- {}", escape(&line))?;
        }
        writeln!(out)?;
    }
    for section in super::sections(a, lang) {
        write_section(&section, out)?;
    }
    if levels.contains(&Level::Summary) {
        super::glossary::markdown(lang, out)?;
    }
    Ok(())
}

pub fn write_section(section: &Section, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## {}", escape(&section.title))?;
    writeln!(out)?;
    let cells: Vec<String> = section.headers.iter().map(|h| escape(h)).collect();
    writeln!(out, "| {} |", cells.join(" | "))?;
    let rules: Vec<&str> = section
        .numeric
        .iter()
        .map(|&n| if n { "---:" } else { "---" })
        .collect();
    writeln!(out, "| {} |", rules.join(" | "))?;
    for row in &section.rows {
        let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    writeln!(out)
}

/// Keeps roster text from breaking the table or injecting markup.
fn escape(text: &str) -> String {
    // A line break inside a cell has always become a space here; the other controls are
    // escaped as everywhere text reaches a terminal.
    let text = text.replace(['\n', '\r'], " ");
    let text = crate::sanitize::for_terminal(&text);
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                s.push('\\');
                s.push(c);
            }
            '\n' | '\r' => s.push(' '),
            _ => s.push(c),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_pipes_and_markup() {
        assert_eq!(super::escape("a|b <i>\nc"), "a\\|b \\<i\\> c");
        // The escape's backslash is itself escaped, so Markdown shows `\u{1b}`.
        assert_eq!(
            super::escape("x\u{1b}[2J\u{202e}"),
            "x\\\\u{1b}\\[2J\\\\u{202e}"
        );
    }
}
