//! Tables whose cells fit their columns, laid out directly: the bytes comfy-table prints for
//! them (`UTF8_FULL_CONDENSED`, one space of padding each side), for a small part of its cost.
//! comfy-table takes a few thousand instructions a cell (a `String` per cell and per line, its
//! width measured several times), about 12 M instructions for the tables of a 100-row roster:
//! most of a short run's fixed cost. A table whose cells do not fit (comfy-table would wrap or
//! split them) is left to comfy-table (`None`).

use std::iter::repeat_n;

use unicode_width::UnicodeWidthStr;

/// The table of `headers` over `rows`, as comfy-table prints it with `UTF8_FULL_CONDENSED`
/// (no trailing line break), `numeric` columns aligned right (their header too):
/// - `widths: None`: laid out dynamically to `table_width`, where comfy-table gives each column
///   its widest line when they all fit (borders and padding included);
/// - `widths: Some`: each column that wide, padding included (comfy-table's fixed width).
///
/// `None` when comfy-table would do more than pad: columns that do not fit the width, a line
/// wider than its fixed column, no rows, rows not as long as the header.
pub fn layout(
    headers: &[String],
    rows: &[Vec<String>],
    numeric: &[bool],
    widths: Option<&[u16]>,
    table_width: usize,
) -> Option<String> {
    let columns = headers.len();
    // (Without rows, `render::table` gives comfy-table no column to set: left to it.)
    if columns == 0 || rows.is_empty() || rows.iter().any(|r| r.len() != columns) {
        return None;
    }
    let all_rows = || std::iter::once(headers).chain(rows.iter().map(Vec::as_slice));
    // The width of each column's content, padding excluded.
    let content: Vec<usize> = match widths {
        Some(widths) => {
            if widths.len() != columns {
                return None;
            }
            // comfy-table's fixed width includes the padding, and leaves at least 1.
            let content: Vec<usize> = (widths.iter())
                .map(|&w| usize::from(w.saturating_sub(2).max(1)))
                .collect();
            let fits = all_rows().all(|row| {
                (row.iter().zip(&content))
                    .all(|(cell, &w)| cell.split('\n').all(|l| l.width() <= w))
            });
            if !fits {
                return None;
            }
            content
        }
        None => {
            // A column's content is at least 1 wide.
            let mut content = vec![1; columns];
            for row in all_rows() {
                for (w, cell) in content.iter_mut().zip(row) {
                    for line in cell.split('\n') {
                        *w = (*w).max(line.width());
                    }
                }
            }
            // Borders (one more than the columns) and padding (two a column).
            if content.iter().sum::<usize>() + 3 * columns + 1 > table_width {
                return None;
            }
            content
        }
    };
    let mut out = String::new();
    rule(&mut out, &content, ['┌', '─', '┬', '┐']);
    out.push('\n');
    lines(&mut out, headers, &content, numeric);
    rule(&mut out, &content, ['╞', '═', '╪', '╡']);
    out.push('\n');
    for row in rows {
        lines(&mut out, row, &content, numeric);
    }
    rule(&mut out, &content, ['└', '─', '┴', '┘']);
    Some(out)
}

/// A horizontal line: left end, fill, junction, right end.
fn rule(out: &mut String, content: &[usize], [left, fill, junction, right]: [char; 4]) {
    out.push(left);
    for (j, &w) in content.iter().enumerate() {
        if j > 0 {
            out.push(junction);
        }
        out.extend(repeat_n(fill, w + 2));
    }
    out.push(right);
}

/// The lines of a row (as many as its tallest cell), each ending with a line break.
fn lines(out: &mut String, row: &[String], content: &[usize], numeric: &[bool]) {
    let height = row.iter().map(|c| c.split('\n').count()).max().unwrap_or(1);
    let mut cells: Vec<std::str::Split<char>> = row.iter().map(|c| c.split('\n')).collect();
    for _ in 0..height {
        out.push('│');
        for (j, (cell, &w)) in cells.iter_mut().zip(content).enumerate() {
            if j > 0 {
                out.push('┆');
            }
            match cell.next() {
                Some(line) => {
                    let spare = w - line.width();
                    let (left, right) = if numeric.get(j).copied().unwrap_or(false) {
                        (spare, 0)
                    } else {
                        (0, spare)
                    };
                    out.extend(repeat_n(' ', 1 + left));
                    out.push_str(line);
                    out.extend(repeat_n(' ', right + 1));
                }
                // A cell of fewer lines than the row's tallest: blank.
                None => out.extend(repeat_n(' ', w + 2)),
            }
        }
        out.push_str("│\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What comfy-table prints, set up by `render::table` (at `table_width`).
    fn comfy(
        headers: &[String],
        rows: &[Vec<String>],
        numeric: &[bool],
        widths: Option<&[u16]>,
        table_width: u16,
    ) -> String {
        let section = crate::render::Section {
            title: String::new(),
            headers: headers.to_vec(),
            numeric: numeric.to_vec(),
            rows: Vec::new(),
        };
        let mut table = crate::render::table::new_table(&section, rows, widths);
        if widths.is_none() {
            table.set_width(table_width);
        }
        table.set_header(headers.to_vec());
        table.to_string()
    }

    /// Cells of every kind (empty, wide and combining characters, line breaks, spaces at the
    /// ends, long words), tables at and around the width where they stop fitting, fixed widths
    /// that fit or not: whenever `layout` lays a table out, it is comfy-table's text.
    #[test]
    fn laid_out_tables_are_what_comfy_table_prints() {
        let pieces = [
            "",
            "Accueil",
            "Espace public et mobilités",
            "ligne\nà la ligne",
            "日本語のテキスト",
            "e\u{301}te\u{301} 🙂🙂",
            "   espaces   ",
            "0,47 %",
            "16/45",
            "x",
            "Anticonstitutionnellementextraordinaire",
            "\n",
        ];
        let mut next = crate::test_draws(11);
        let (mut laid_out, mut left) = (0, 0);
        for case in 0..600 {
            let columns = 1 + next(6);
            let cell = |next: &mut dyn FnMut(usize) -> usize| {
                let mut cell = pieces[next(pieces.len())].to_string();
                if next(3) == 0 {
                    cell.push(' ');
                    cell.push_str(pieces[next(pieces.len())]);
                }
                cell
            };
            let headers: Vec<String> = (0..columns).map(|_| cell(&mut next)).collect();
            let rows: Vec<Vec<String>> = (0..next(8))
                .map(|_| (0..columns).map(|_| cell(&mut next)).collect())
                .collect();
            let numeric: Vec<bool> = (0..next(columns + 1)).map(|_| next(2) == 0).collect();
            let table_width = [20u16, 60, 160, 240][case % 4];
            let fixed: Vec<u16> = (0..columns).map(|_| 1 + next(60) as u16).collect();
            for widths in [None, Some(&fixed[..])] {
                let expected = comfy(&headers, &rows, &numeric, widths, table_width);
                match layout(&headers, &rows, &numeric, widths, table_width.into()) {
                    Some(ours) => {
                        assert_eq!(ours, expected, "{headers:?} {rows:?} {widths:?}");
                        laid_out += 1;
                    }
                    None => left += 1,
                }
            }
        }
        // Both ways taken often.
        assert!(
            laid_out > 300 && left > 100,
            "{laid_out} laid out, {left} left"
        );
    }

    #[test]
    fn uneven_rows_and_no_header_are_left_to_comfy_table() {
        let headers = vec!["a".to_string(), "b".to_string()];
        assert!(layout(&headers, &[vec!["x".into()]], &[], None, 160).is_none());
        assert!(layout(&[], &[], &[], None, 160).is_none());
    }
}
