//! Text normalisation shared by header matching, the rubric matcher and title matching.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Lower case, accents folded, œ/æ spelled out, and every character that is not a letter or a
/// digit turned into a single space. The result has no leading, trailing or double spaces.
pub fn normalize(text: &str) -> String {
    let mut out = Normalized {
        text: String::with_capacity(text.len()),
        pending_space: false,
    };
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
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
                    'œ' => out.push_str("oe"),
                    'æ' => out.push_str("ae"),
                    'ß' => out.push_str("ss"),
                    _ => out.push(l),
                }
            }
        });
    }
    out.text
}

struct Normalized {
    text: String,
    pending_space: bool,
}

impl Normalized {
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
