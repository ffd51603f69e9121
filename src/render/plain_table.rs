//! Terminal tables laid out directly: the bytes comfy-table prints for them
//! (`UTF8_FULL_CONDENSED`, one space of padding each side, its dynamic arrangement and its
//! splitting of long lines), for a small part of its cost. comfy-table takes a few thousand
//! instructions a cell (a `String` per cell and per line, its width measured several times),
//! about 12 M instructions for the tables of a 100-row roster: most of a short run's fixed cost.
//! The arrangement (`arrange`) and the splitting (`split_line`, `split_long_word`) follow
//! comfy-table 8.0.1 step for step, so the same words and graphemes land on the same lines; a
//! unit test compares both on random tables.

use std::borrow::Cow;
use std::iter::repeat_n;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The table of `headers` over `rows`, as comfy-table prints it with `UTF8_FULL_CONDENSED`
/// (no trailing line break), `numeric` columns aligned right (their header too):
/// - `widths: None`: comfy-table's dynamic arrangement to `table_width`;
/// - `widths: Some`: each column that wide, padding included (comfy-table's fixed width).
///
/// Lines wider than their column are split as comfy-table splits them. `None` (left to
/// comfy-table) without rows, or with rows not as long as the header or widths not one a column.
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
    // The width of each column's content, padding excluded.
    let content: Vec<usize> = match widths {
        Some(widths) => {
            if widths.len() != columns {
                return None;
            }
            // comfy-table's fixed width includes the padding, and leaves at least 1.
            (widths.iter())
                .map(|&w| usize::from(w.saturating_sub(2).max(1)))
                .collect()
        }
        None => arrange(headers, rows, table_width),
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

/// comfy-table's dynamic arrangement (`utils::arrangement::dynamic::arrange`, without column
/// constraints): the content width of each column in a table `table_width` wide.
fn arrange(headers: &[String], rows: &[Vec<String>], table_width: usize) -> Vec<usize> {
    let columns = headers.len();
    let column = |j: usize| {
        std::iter::once(headers)
            .chain(rows.iter().map(Vec::as_slice))
            .map(move |r| r[j].as_str())
    };
    // Each column's widest line, at least 1 (comfy-table counts in u16).
    let widest: Vec<usize> = (0..columns)
        .map(|j| {
            let w = column(j)
                .flat_map(|c| c.split('\n'))
                .map(width)
                .max()
                .unwrap_or(0);
            w.clamp(1, u16::MAX.into())
        })
        .collect();
    // Borders (one more than the columns) and padding (two a column).
    let mut state = Arrangement {
        content: vec![None; columns],
        remaining_width: table_width
            .saturating_sub(columns + 1)
            .saturating_sub(2 * columns),
        remaining_columns: columns,
    };
    // The columns no wider than the average space left are given their widest line, until
    // none is.
    let mut found_smaller = true;
    while found_smaller {
        found_smaller = false;
        if state.remaining_columns == 0 || state.average_space() == 0 {
            break;
        }
        for (j, &widest) in widest.iter().enumerate() {
            if state.content[j].is_none() && widest <= state.average_space() {
                if !state.fix(j, widest) {
                    break;
                }
                found_smaller = true;
            }
        }
    }
    // A column whose lines, split to the average space, leave 3 or more of it unused is given
    // its longest split line.
    if state.remaining_columns > 0 {
        let mut found_smaller = true;
        while found_smaller {
            found_smaller = false;
            for j in 0..columns {
                if state.content[j].is_some() {
                    continue;
                }
                let average = state.average_space();
                let split_width = usize::from(u16::try_from(average).unwrap_or(u16::MAX).max(1));
                let mut longest = 0;
                for line in column(j).flat_map(|c| c.split('\n')) {
                    if width(line) > average {
                        for part in split_line(line, split_width) {
                            longest = longest.max(width(&part));
                        }
                    } else {
                        longest = longest.max(width(line));
                    }
                }
                if average.saturating_sub(longest) >= 3 {
                    if !state.fix(j, longest.min(u16::MAX.into())) {
                        break;
                    }
                    found_smaller = true;
                }
            }
        }
    }
    // The space left, shared evenly by the columns left (the first ones one more), at least 1.
    if state.remaining_columns > 0 {
        let left = state.remaining_width.max(state.remaining_columns);
        let (even, excess) = (
            left / state.remaining_columns,
            left % state.remaining_columns,
        );
        let undecided = (state.content.iter_mut()).filter(|c| c.is_none());
        for (k, c) in undecided.enumerate() {
            *c = Some((even + usize::from(k < excess)).min(u16::MAX.into()));
        }
    }
    state.content.into_iter().map(|c| c.unwrap_or(1)).collect()
}

/// The state of `arrange`: the widths decided, the space and columns left.
struct Arrangement {
    content: Vec<Option<usize>>,
    remaining_width: usize,
    remaining_columns: usize,
}

impl Arrangement {
    fn average_space(&self) -> usize {
        (self.remaining_width)
            .checked_div(self.remaining_columns)
            .unwrap_or(0)
    }

    /// Gives column `j` the content `width` (at least 1); false when no column is left.
    fn fix(&mut self, j: usize, width: usize) -> bool {
        self.content[j] = Some(width.max(1));
        self.remaining_width = self.remaining_width.saturating_sub(width);
        self.remaining_columns -= 1;
        self.remaining_columns > 0
    }
}

/// comfy-table's `split_line` with its default delimiter, a space: the words of `line` laid
/// on lines `content_width` wide; a word too long for a line is split (`split_long_word`).
fn split_line(line: &str, content_width: usize) -> Vec<String> {
    // Fewer characters than this left on a line: the line is full.
    const MIN_FREE_CHARS: usize = 2;
    let mut lines = Vec::new();
    // Every element is a part of `line`: a stack, next word last.
    let mut elements: Vec<&str> = line.split(' ').collect();
    elements.reverse();
    let mut current = String::new();
    let mut current_length = 0;
    // A line with no more than MIN_FREE_CHARS left is pushed.
    let full = |lines: &mut Vec<String>, current: &mut String, length: &mut usize| {
        if *length > content_width.saturating_sub(MIN_FREE_CHARS) {
            lines.push(std::mem::take(current));
            *length = 0;
        }
    };
    while let Some(next) = elements.pop() {
        let next_length = width(next);
        let started = !current.is_empty();
        let added_length = next_length + current_length + usize::from(started);
        let remaining_width = (content_width - current_length).saturating_sub(usize::from(started));
        if added_length <= content_width {
            if started {
                current.push(' ');
                current_length += 1;
            }
            current.push_str(next);
            current_length += next_length;
            full(&mut lines, &mut current, &mut current_length);
            continue;
        }
        if started && remaining_width <= MIN_FREE_CHARS {
            elements.push(next);
            lines.push(std::mem::take(&mut current));
            current_length = 0;
            continue;
        }
        if next_length > content_width {
            if started {
                current.push(' ');
            }
            let (head, tail) = split_long_word(remaining_width, next);
            if !started && head.is_empty() {
                // A character wider than the column: put on a line of its own all the same.
                let mut chars = tail.chars();
                current.extend(chars.next());
                elements.push(chars.as_str());
            } else {
                current.push_str(head);
                elements.push(tail);
            }
            lines.push(std::mem::take(&mut current));
            current_length = 0;
            continue;
        }
        lines.push(std::mem::replace(&mut current, next.to_string()));
        current_length = next_length;
        full(&mut lines, &mut current, &mut current_length);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// comfy-table's `split_long_word`: the longest head of `word` at most `allowed` wide, whole
/// graphemes (printable ASCII: characters), and the rest.
fn split_long_word(allowed: usize, word: &str) -> (&str, &str) {
    if word.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return word.split_at(word.len().min(allowed));
    }
    let mut width = 0;
    let mut at = word.len();
    for (index, grapheme) in word.grapheme_indices(true) {
        let w = grapheme.width();
        if width + w > allowed {
            at = index;
            break;
        }
        width += w;
    }
    word.split_at(at)
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

/// The lines of a row (as many as its tallest cell), each ending with a line break: a cell's
/// lines wider than its column split as comfy-table splits them.
fn lines(out: &mut String, row: &[String], content: &[usize], numeric: &[bool]) {
    // Most rows are one line whose cells fit: written as they are read.
    let fits = |(cell, &w): (&String, &usize)| !cell.contains('\n') && width(cell) <= w;
    if row.iter().zip(content).all(fits) {
        out.push('│');
        for (j, (cell, &w)) in row.iter().zip(content).enumerate() {
            if j > 0 {
                out.push('┆');
            }
            pad(
                out,
                cell,
                width(cell),
                w,
                numeric.get(j).copied().unwrap_or(false),
            );
        }
        out.push_str("│\n");
        return;
    }
    let cells: Vec<Vec<Cow<str>>> = (row.iter().zip(content))
        .map(|(cell, &w)| {
            let mut lines = Vec::new();
            for line in cell.split('\n') {
                if width(line) > w {
                    lines.extend(split_line(line, w).into_iter().map(Cow::Owned));
                } else {
                    lines.push(Cow::Borrowed(line));
                }
            }
            lines
        })
        .collect();
    let height = cells.iter().map(Vec::len).max().unwrap_or(1);
    for k in 0..height {
        out.push('│');
        for (j, (cell, &w)) in cells.iter().zip(content).enumerate() {
            if j > 0 {
                out.push('┆');
            }
            match cell.get(k) {
                Some(line) => {
                    let numeric = numeric.get(j).copied().unwrap_or(false);
                    pad(out, line, width(line), w, numeric);
                }
                // A cell of fewer lines than the row's tallest: blank.
                None => spaces(out, w + 2),
            }
        }
        out.push_str("│\n");
    }
}

/// `line` (`line_width` wide) in a column `w` wide with a space of padding each side, on the
/// right when `numeric`, else on the left.
fn pad(out: &mut String, line: &str, line_width: usize, w: usize, numeric: bool) {
    let spare = w.saturating_sub(line_width);
    let (left, right) = if numeric { (spare, 0) } else { (0, spare) };
    spaces(out, 1 + left);
    out.push_str(line);
    spaces(out, right + 1);
}

fn spaces(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut n = n;
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// The display width of `s` (unicode-width's): each character from the space to the tilde and
/// of Latin-1's upper half but the soft hyphen is one column, whatever its neighbours, so a text
/// of those alone (most French) is measured without unicode-width's tables.
fn width(s: &str) -> usize {
    let mut n = 0;
    for c in s.chars() {
        if !matches!(c, ' '..='~' | '\u{A0}'..='\u{AC}' | '\u{AE}'..='\u{FF}') {
            return s.width();
        }
        n += 1;
    }
    n
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

    /// Cells of every kind (empty, wide and combining characters, line breaks, runs of spaces,
    /// long words, long titles of many words), tables narrower and wider than their cells, fixed
    /// widths that fit or not: `layout` prints comfy-table's text, wrapped lines included.
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
            "Électromécanicien·ne-chef-d'équipe-intercommunal(e)",
            "\n",
            "Technicien(ne) principal(e) de 2e classe des bâtiments et de l'énergie, secteur nord",
            "Adjoint administratif territorial principal de 1re classe — gestion des carrières",
            "a  b   c    d",
            "👩‍👩‍👧‍👦 famille 🇫🇷 drapeau 🙂‍↕️",
            "中文字符和 English words 混合在一起的长句子",
            "tab\there",
            "ab cd ef gh ij kl mn op qr st uv wx yz",
            "Responsable du service des ressources humaines et des relations sociales",
        ];
        let mut next = crate::test_draws(11);
        let mut wrapped = 0;
        for case in 0..1200 {
            let columns = 1 + next(8);
            let cell = |next: &mut dyn FnMut(usize) -> usize| {
                let mut cell = pieces[next(pieces.len())].to_string();
                for _ in 0..next(4) {
                    cell.push_str([" ", "  ", "\n", "-"][next(4)]);
                    cell.push_str(pieces[next(pieces.len())]);
                }
                cell
            };
            let headers: Vec<String> = (0..columns).map(|_| cell(&mut next)).collect();
            let rows: Vec<Vec<String>> = (0..1 + next(8))
                .map(|_| (0..columns).map(|_| cell(&mut next)).collect())
                .collect();
            let numeric: Vec<bool> = (0..next(columns + 1)).map(|_| next(2) == 0).collect();
            let table_width = [1u16, 10, 20, 40, 60, 80, 100, 120, 160, 240][case % 10];
            let fixed: Vec<u16> = (0..columns).map(|_| next(60) as u16).collect();
            for widths in [None, Some(&fixed[..])] {
                let expected = comfy(&headers, &rows, &numeric, widths, table_width);
                let ours = layout(&headers, &rows, &numeric, widths, table_width.into());
                assert_eq!(
                    ours.as_deref(),
                    Some(expected.as_str()),
                    "{headers:?} {rows:?} {widths:?} {table_width}"
                );
                let height = 3 + rows.len() + headers.len();
                wrapped += usize::from(expected.lines().count() > height);
            }
        }
        // Most tables have lines split.
        assert!(wrapped > 1200, "{wrapped} tables with lines split");
    }

    /// The shortcut of `width` measures as unicode-width does, for every character it takes and
    /// texts of them mixed with others.
    #[test]
    fn widths_are_unicode_widths() {
        let latin: Vec<char> = (' '..='\u{2FF}').collect();
        for &c in &latin {
            let s = c.to_string();
            assert_eq!(width(&s), s.width(), "{c:?}");
        }
        let extra = [
            '\u{301}', '\u{FE0F}', '\u{200D}', '🙂', '日', '\r', '\n', '\u{AD}',
        ];
        let mut next = crate::test_draws(5);
        for _ in 0..20_000 {
            let s: String = (0..next(12))
                .map(|_| match next(4) {
                    0 => extra[next(extra.len())],
                    _ => latin[next(latin.len())],
                })
                .collect();
            assert_eq!(width(&s), s.width(), "{s:?}");
        }
    }

    #[test]
    fn uneven_rows_and_no_header_are_left_to_comfy_table() {
        let headers = vec!["a".to_string(), "b".to_string()];
        assert!(layout(&headers, &[vec!["x".into()]], &[], None, 160).is_none());
        assert!(layout(&headers, &[], &[], None, 160).is_none());
        assert!(layout(&[], &[], &[], None, 160).is_none());
    }
}
