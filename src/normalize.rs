//! Text normalisation shared by header matching, the rubric matcher and title matching.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, accents folded, œ/æ spelled out, and every character that is not a letter or a
/// digit turned into a single space. The result has no leading, trailing or double spaces.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    };
    // ASCII fast path: most task texts from scripts are plain ASCII.
    if text.is_ascii() {
        for c in text.chars() {
            push(c.to_ascii_lowercase(), &mut out);
        }
        return out;
    }
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        // Ligatures are spelled out after lower-casing, so that capitals (Œ, Æ, ẞ) are too.
        for l in c.to_lowercase() {
            match l {
                'œ' => {
                    push('o', &mut out);
                    push('e', &mut out);
                }
                'æ' => {
                    push('a', &mut out);
                    push('e', &mut out);
                }
                'ß' => {
                    push('s', &mut out);
                    push('s', &mut out);
                }
                _ => push(l, &mut out),
            }
        }
    }
    out
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
