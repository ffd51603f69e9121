//! French typography: how numbers and punctuation are spaced in text a French reader gets.
//!
//! A leaf module (it imports nothing from the crate) so that every output, and the checks of
//! those outputs, apply one set of rules:
//! - a narrow no-break space (U+202F) before `%` `:` `;` `!` `?` and inside « », so a line never
//!   breaks between a figure and its sign;
//! - thousands grouped by U+202F and a decimal comma: `12 717 374,5`.

/// The narrow no-break space French typography puts before high punctuation and between
/// thousands.
pub const NNBSP: char = '\u{202F}';

/// Punctuation preceded by a narrow no-break space in French.
const HIGH_PUNCTUATION: [char; 5] = ['%', ':', ';', '!', '?'];

/// A number with `decimals` digits after a decimal comma and its thousands grouped by U+202F:
/// `french_number(12717374.46, 1)` is `12 717 374,5`.
pub fn french_number(value: f64, decimals: usize) -> String {
    let plain = crate::decimal::fixed(value, decimals);
    let (sign, digits) = match plain.strip_prefix('-') {
        // "-0.0" reads as zero.
        Some(rest) if rest.chars().any(|c| ('1'..='9').contains(&c)) => ("-", rest),
        Some(rest) => ("", rest),
        None => ("", plain.as_str()),
    };
    let (int_part, fraction) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(plain.len() + 8);
    out.push_str(sign);
    out.push_str(&group_thousands(int_part));
    if let Some(f) = fraction {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// A count with its thousands grouped by U+202F: `8 518`.
pub fn french_count(n: u64) -> String {
    group_thousands(&n.to_string())
}

fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(NNBSP);
        }
        out.push(c);
    }
    out
}

/// Applies French spacing to a sentence written with English or no spacing: an ordinary or
/// no-break space before `% : ; ! ?` becomes U+202F, and one is added where the sign follows a
/// word directly (`12%`, `Direction:`). A colon, semicolon, `!` or `?` followed by a letter or
/// digit is left alone, so times (`17:30`), addresses (`https://`) and schema names keep theirs.
/// Inside « », the spaces become U+202F too; the spaces around `≥` and `≤` become no-break spaces.
pub fn french_spacing(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        if c == ' ' || c == '\u{A0}' {
            let before_sign = next.is_some_and(|n| is_spaced_sign(n, chars.get(i + 2).copied()));
            let before_close = next == Some('»');
            let after_open = i > 0 && chars[i - 1] == '«';
            // `score ≥ 0,50` must not break around its sign: no-break spaces, full width.
            let after_relation = i > 0 && matches!(chars[i - 1], '≥' | '≤')
                || next.is_some_and(|n| matches!(n, '≥' | '≤'));
            out.push(if before_sign || before_close || after_open {
                NNBSP
            } else if after_relation {
                '\u{A0}'
            } else {
                c
            });
            continue;
        }
        let prev = out.chars().last();
        let glued = prev.is_some_and(|p| !p.is_whitespace() && p != NNBSP && p != '«');
        if glued && (is_spaced_sign(c, next) || c == '»') {
            out.push(NNBSP);
        }
        out.push(c);
        if c == '«' && next.is_some_and(|n| !n.is_whitespace()) {
            out.push(NNBSP);
        }
    }
    out
}

/// Whether `c` is a sign French spaces before, given the character after it.
fn is_spaced_sign(c: char, next: Option<char>) -> bool {
    match c {
        '%' => true,
        ':' | ';' | '!' | '?' => next.is_none_or(|n| !n.is_alphanumeric() && n != '/' && n != c),
        _ => false,
    }
}

/// Every place a French text breaks French typography, one line each (`line:column: what`).
/// An empty list means the text passes. Checked: an ordinary space before `% : ; ! ?` or inside
/// « »; a sign glued to the word before it; a figure of five to eight digits written without
/// thousands separators (longer runs are identifiers such as SIRET numbers; four digits are
/// years and ISCO codes, unless a decimal comma follows); a decimal point between digits.
pub fn french_defects(text: &str) -> Vec<String> {
    let mut defects = Vec::new();
    for (l, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut report = |col: usize, what: &str| {
            defects.push(format!(
                "{}:{}: {what}: {}",
                l + 1,
                col + 1,
                excerpt(&chars, col)
            ))
        };
        for (i, &c) in chars.iter().enumerate() {
            let prev = if i > 0 { Some(chars[i - 1]) } else { None };
            let next = chars.get(i + 1).copied();
            if HIGH_PUNCTUATION.contains(&c) && is_spaced_sign(c, next) {
                match prev {
                    Some(' ') | Some('\u{A0}') => report(i, "ordinary space before a sign"),
                    Some(p) if !p.is_whitespace() && p != NNBSP && p.is_alphanumeric() => {
                        report(i, "no space before a sign")
                    }
                    _ => {}
                }
            }
            if (c == '«' && next == Some(' ')) || (c == '»' && prev == Some(' ')) {
                report(i, "ordinary space inside « »");
            }
            if c == '.'
                && prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit())
            {
                report(i, "decimal point instead of a comma");
            }
        }
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let run = i - start;
            // "1 métiers": in French, a count under 2 takes the singular.
            let whole = start == 0 || !matches!(chars[start - 1], ',' | '.' | NNBSP);
            if whole
                && run == 1
                && matches!(chars[start], '0' | '1')
                && chars.get(i) == Some(&' ')
                && plural_count_follows(&chars[i..])
            {
                report(start, "plural after a count under 2");
            }
            let attached = |c: Option<&char>| c.is_some_and(|c| c.is_alphabetic() || *c == '_');
            let identifier =
                attached(start.checked_sub(1).and_then(|s| chars.get(s))) || attached(chars.get(i));
            let decimal_follows =
                chars.get(i) == Some(&',') && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
            let grouped_before = start > 0 && chars[start - 1] == NNBSP;
            let spaced_group = run == 3
                && start >= 2
                && chars[start - 1] == ' '
                && chars[start - 2].is_ascii_digit();
            if spaced_group {
                report(start, "ordinary space between thousands");
            } else if !identifier
                && !grouped_before
                && ((5..=8).contains(&run)
                    || (run == 4 && (decimal_follows || counts_follow(&chars[i..]))))
            {
                report(start, "thousands not separated");
            }
        }
    }
    defects
}

/// Whether the words after a figure say it counts people, posts or tasks, so four digits are a
/// count and not a year or an ISCO code.
fn counts_follow(rest: &[char]) -> bool {
    let rest: String = rest.iter().take(12).collect();
    let rest = rest.trim_start_matches([' ', NNBSP, '\u{A0}']);
    ["agent", "ETP", "métier", "tâche", "poste", "emploi"]
        .iter()
        .any(|noun| rest.starts_with(noun))
}

/// Whether the word after a figure is one of the plural nouns the outputs count.
fn plural_count_follows(rest: &[char]) -> bool {
    let rest: String = rest.iter().skip(1).take(10).collect();
    ["agents", "métiers", "tâches", "postes", "emplois"]
        .iter()
        .any(|noun| {
            rest.strip_prefix(noun)
                .is_some_and(|after| !after.starts_with(char::is_alphanumeric))
        })
}

fn excerpt(chars: &[char], col: usize) -> String {
    let from = col.saturating_sub(20);
    let to = (col + 20).min(chars.len());
    chars[from..to].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_with_a_decimal_comma() {
        assert_eq!(french_number(12717374.46, 1), "12\u{202F}717\u{202F}374,5");
        assert_eq!(french_number(8518.0, 0), "8\u{202F}518");
        assert_eq!(french_number(999.0, 0), "999");
        assert_eq!(french_number(0.26443768996960487, 2), "0,26");
        assert_eq!(french_number(-1234.5, 1), "-1\u{202F}234,5");
        assert_eq!(french_number(-0.01, 1), "0,0");
        assert_eq!(french_count(1_000_000), "1\u{202F}000\u{202F}000");
        assert_eq!(french_count(0), "0");
    }

    #[test]
    fn no_break_after_a_relation_sign() {
        assert_eq!(french_spacing("score ≥ 0,50"), "score\u{A0}≥\u{A0}0,50");
        assert_eq!(french_spacing("≤ 3 %"), "≤\u{A0}3\u{202F}%");
    }

    #[test]
    fn spacing_before_high_punctuation() {
        assert_eq!(
            french_spacing("26,4 % des tâches ; méthode : OIT ! Vraiment ?"),
            "26,4\u{202F}% des tâches\u{202F}; méthode\u{202F}: OIT\u{202F}! Vraiment\u{202F}?"
        );
        assert_eq!(french_spacing("12%"), "12\u{202F}%");
        assert_eq!(french_spacing("Direction: X"), "Direction\u{202F}: X");
        assert_eq!(french_spacing("« Agent »"), "«\u{202F}Agent\u{202F}»");
        assert_eq!(french_spacing("«Agent»"), "«\u{202F}Agent\u{202F}»");
        // Not punctuation: times, addresses, schema names.
        for kept in ["17:30", "https://exemple.fr", "exposure-check/2", "a::b"] {
            assert_eq!(french_spacing(kept), kept);
        }
        let done = "déjà\u{202F}: fait";
        assert_eq!(french_spacing(done), done);
        assert!(french_defects(&french_spacing("Part : 12 % ; « x »")).is_empty());
    }

    #[test]
    fn defects_are_found_and_located() {
        let d = french_defects("Effectif : 8518 agents\nPart 26.4 %");
        assert_eq!(d.len(), 4, "{d:?}");
        assert!(
            d[0].starts_with("1:10: ordinary space before a sign"),
            "{d:?}"
        );
        assert!(d[1].starts_with("1:12: thousands not separated"), "{d:?}");
        assert!(
            d.iter().any(|x| x.starts_with("2:8: decimal point")),
            "{d:?}"
        );
        assert!(french_defects("Direction: X").len() == 1);
        assert_eq!(french_defects("12 717 374,5 agents").len(), 2);
        assert_eq!(french_defects("12717374 agents").len(), 1);
        // Years, ISCO codes, identifiers and times pass.
        let fine = "CITP 4110 en 2024, SIRET 21690123100011, 17:30, exposure-check/2, E2024";
        assert!(
            french_defects(fine).is_empty(),
            "{:?}",
            french_defects(fine)
        );
        assert!(!french_defects("1234,5 ETP").is_empty());
        // A count under 2 takes the singular; a decimal or a group of thousands does not count.
        assert!(french_defects("Gradient 4 — 1 métiers, 2 agents")[0].contains("plural after"));
        assert_eq!(french_defects("0 tâches").len(), 1);
        for fine in [
            "1 métier, 2 agents",
            "12 agents",
            "2,1 agents",
            "1\u{202F}001 agents",
            "1 agentsX",
        ] {
            assert!(
                french_defects(fine).is_empty(),
                "{fine}: {:?}",
                french_defects(fine)
            );
        }
        let grouped = french_number(12717374.0, 0);
        assert!(french_defects(&format!("{grouped}\u{202F}%")).is_empty());
    }
}
