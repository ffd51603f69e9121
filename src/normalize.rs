//! Text normalisation shared by header matching, the rubric matcher and title matching.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Lower case, accents folded, œ/æ spelled out, and every character that is not a letter or a
/// digit turned into a single space. The result has no leading, trailing or double spaces.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// [`normalize`] into `out`, cleared first: a caller normalising text after text keeps one
/// buffer. ASCII, the Latin-1 letters (`é`, `Ç`), `œ` and the general punctuation (`’`, `–`)
/// are read byte by byte through tables; any other character through its canonical
/// decomposition (tests check the tables against it, character by character).
pub fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    let mut out = Normalized {
        text: out,
        pending_space: false,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            out.push_ascii(ASCII[b as usize]);
            i += 1;
            continue;
        }
        // The bytes after a leading byte are there: `text` is UTF-8.
        match (b, bytes.get(i + 1).copied().unwrap_or(0)) {
            (0xC3, next) => match LATIN1[usize::from(next & 0x3F)] {
                [SLOW, _] => {}
                [first, second] => {
                    out.push_ascii(first);
                    if second != 0 {
                        out.push_ascii(second);
                    }
                    i += 2;
                    continue;
                }
            },
            // Œ, œ.
            (0xC5, 0x92 | 0x93) => {
                out.push_ascii(b'o');
                out.push_ascii(b'e');
                i += 2;
                continue;
            }
            // U+2000–U+203F: spaces, dashes, quotes, none a letter or a digit.
            (0xE2, 0x80) => {
                out.push_ascii(0);
                i += 3;
                continue;
            }
            _ => {}
        }
        let c = text[i..].chars().next().unwrap_or_default();
        i += c.len_utf8();
        out.push_decomposed(c);
    }
}

/// Per ASCII byte: the byte lower-cased if it is a letter or a digit, else 0 (a separator).
const ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            table[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Marks a character of `LATIN1` that folds to one that is not ASCII (ð, ø, þ).
const SLOW: u8 = 1;

/// U+00C0–U+00FF (0xC3 then the index + 0x80), folded: up to two ASCII bytes (the second 0 if
/// one), both 0 for a separator (×, ÷), or `SLOW`.
const LATIN1: [[u8; 2]; 64] = {
    const ONE: &[u8; 64] =
        b"aaaaaa\0ceeeeiiii\x01nooooo\0\x01uuuuy\x01\0aaaaaa\0ceeeeiiii\x01nooooo\0\x01uuuuy\x01y";
    let mut table = [[0u8; 2]; 64];
    let mut i = 0;
    while i < 64 {
        table[i][0] = ONE[i];
        i += 1;
    }
    // Æ, æ and ß are spelled out.
    table[0x06] = *b"ae";
    table[0x26] = *b"ae";
    table[0x1F] = *b"ss";
    table
};

struct Normalized<'a> {
    text: &'a mut String,
    pending_space: bool,
}

impl Normalized<'_> {
    /// Pushes a byte of the `ASCII` table: a letter or digit, or 0 for a separator.
    #[inline]
    fn push_ascii(&mut self, byte: u8) {
        if byte == 0 {
            self.pending_space = true;
            return;
        }
        if self.pending_space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.pending_space = false;
        self.text.push(char::from(byte));
    }

    /// Any character, through its canonical decomposition.
    fn push_decomposed(&mut self, c: char) {
        if c.is_ascii() {
            self.push(c.to_ascii_lowercase());
            return;
        }
        // One character at a time: the canonical reordering of a whole-text NFD only moves
        // combining marks, which are all dropped (a test checks every character).
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            // Ligatures are spelled out after lower-casing, so that capitals (Œ, Æ, ẞ) are too.
            for l in d.to_lowercase() {
                match l {
                    'œ' => self.push_str("oe"),
                    'æ' => self.push_str("ae"),
                    'ß' => self.push_str("ss"),
                    _ => self.push(l),
                }
            }
        });
    }

    #[inline]
    fn push(&mut self, c: char) {
        if c.is_alphanumeric() {
            if self.pending_space && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.pending_space = false;
            self.text.push(c);
        } else {
            self.pending_space = true;
        }
    }

    fn push_str(&mut self, s: &str) {
        s.chars().for_each(|c| self.push(c));
    }
}

/// A header name reduced to its letters and digits, so "Nombre d'agents" and "nombre_agents"
/// differ only by the words they contain.
pub fn header_key(text: &str) -> String {
    normalize(text).replace(' ', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(
            normalize("Élaborer le BUDGET Primitif"),
            "elaborer le budget primitif"
        );
        assert_eq!(normalize("Gérer l’état civil"), "gerer l etat civil");
        assert_eq!(
            normalize("Accueil du public (guichet)"),
            "accueil du public guichet"
        );
    }

    #[test]
    fn spells_out_ligatures() {
        assert_eq!(normalize("Œuvres et cœur"), "oeuvres et coeur");
        assert_eq!(normalize("ex æquo"), "ex aequo");
        assert_eq!(normalize("STRAẞE Straße"), "strasse strasse");
    }

    #[test]
    fn apostrophes_and_spaces_become_single_spaces() {
        assert_eq!(normalize("d'accès"), "d acces");
        assert_eq!(normalize("d’accès"), "d acces");
        assert_eq!(normalize("l\u{2019}agent\u{00a0}:\u{202f}X"), "l agent x");
        assert_eq!(normalize("  a -- b  "), "a b");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn is_idempotent() {
        for s in ["Élaborer l’œuvre", "ÇA VA ?", "a\u{0301}b", "x_y-z"] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once);
        }
    }

    #[test]
    fn header_keys_ignore_spaces_and_punctuation() {
        assert_eq!(header_key("Nombre d'agents"), "nombredagents");
        assert_eq!(header_key("Intitulé du poste"), "intituleduposte");
        assert_eq!(header_key("PART_DU_TEMPS"), "partdutemps");
    }
}

#[cfg(test)]
mod exhaustive {
    use super::*;
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::canonical_combining_class;

    /// The whole-text definition: NFD, combining marks dropped, lower case, ligatures spelled
    /// out, anything but letters and digits a single space.
    fn reference(text: &str) -> String {
        let mut kept = String::new();
        for c in text.nfd().filter(|&c| !is_combining_mark(c)) {
            for l in c.to_lowercase() {
                match l {
                    'œ' => kept.push_str("oe"),
                    'æ' => kept.push_str("ae"),
                    'ß' => kept.push_str("ss"),
                    _ => kept.push(l),
                }
            }
        }
        kept.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Decomposing one character at a time equals decomposing the whole text: the reordering
    /// of NFD moves only characters of non-zero combining class, all of them combining marks.
    #[test]
    fn every_character_normalises_as_the_whole_text_nfd_would() {
        let mut differ = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert!(
                canonical_combining_class(c) == 0 || is_combining_mark(c),
                "U+{:04X} has a combining class but is kept",
                c as u32
            );
            let text = format!("É{c}b\u{301}{c}");
            if normalize(&text) != reference(&text) {
                differ.push(format!("U+{:04X}", c as u32));
            }
        }
        assert!(
            differ.is_empty(),
            "{} differ: {:?}",
            differ.len(),
            &differ[..differ.len().min(20)]
        );
    }

    /// The tables (ASCII, Latin-1, œ, general punctuation) against the decomposition they stand
    /// for: every character they read, alone, after a letter, between spaces and letters.
    #[test]
    fn the_tables_fold_as_the_decomposition_does() {
        let table_read = (0..0x80)
            .chain(0xC0..0x100)
            .chain([0x152, 0x153])
            .chain(0x2000..0x2040);
        for c in table_read.filter_map(char::from_u32) {
            for text in [format!("{c}"), format!("a{c}"), format!("x {c}B{c} y")] {
                assert_eq!(normalize(&text), reference(&text), "U+{:04X}", c as u32);
            }
        }
    }

    proptest::proptest! {
        /// Texts of ASCII, accented and other letters, ligatures, marks and punctuation,
        /// normalised into a reused buffer: as the whole-text definition says.
        #[test]
        fn any_text_normalises_as_the_definition_says(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Z", "7", " ", "-", "'", "_", "é", "É", "ç", "ß", "Æ", "œ", "Œ", "ø",
                    "Þ", "×", "\u{2019}", "\u{2013}", "\u{202f}", "\u{a0}", "\u{301}", "ẞ",
                    "ǅ", "İ", "µ", "²", "Ω", "ﬁ", "日",
                ]),
                0..24,
            ),
            previous in ".{0,12}",
        ) {
            let text = pieces.concat();
            let mut buffer = normalize(&previous);
            normalize_into(&text, &mut buffer);
            proptest::prop_assert_eq!(buffer, reference(&text));
        }
    }

    /// Every Unicode scalar value, between letters: normalising twice changes nothing. (The
    /// capital sharp s, ẞ, once came out as ß, which normalises to ss.)
    #[test]
    fn every_character_normalises_idempotently() {
        let mut broken = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let once = normalize(&text);
            if normalize(&once) != once {
                broken.push(format!("U+{:04X} {text:?} -> {once:?}", c as u32));
            }
        }
        assert!(
            broken.is_empty(),
            "{} cases: {:?}",
            broken.len(),
            &broken[..broken.len().min(20)]
        );
    }
}
