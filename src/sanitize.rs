//! Text from the inputs (names, task texts, file names) on its way to a terminal or a log:
//! terminal tables, Markdown, and the diagnostics on stderr. A character that a terminal or a
//! CI runner would act on instead of showing — C0 and C1 controls (ESC, and so CSI and OSC
//! sequences; BEL; CR; LF inside a name, which could start a `::error` workflow command on a
//! line of its own), DEL, the line and paragraph separators, and the bidirectional overrides
//! and isolates that reorder what is shown — is written as its Rust escape (`\u{1b}`, `\n`),
//! as `check` has always quoted names. Machine formats (JSON, CSV, xlsx) keep the text as
//! given, escaped by their own syntax.

use std::borrow::Cow;

/// Whether `c` is acted on by a terminal or log reader rather than shown.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2028}' | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Whether `text` holds an unsafe character. Every one is a byte below 0x20 or 0x7F, or
/// starts with 0xC2 (U+0080–U+009F), 0xD8 (U+061C) or 0xE2 (U+200E–U+2069): a text without
/// these bytes (most cells of a table) is passed over without decoding its characters.
pub fn has_unsafe(text: &str) -> bool {
    text.bytes()
        .any(|b| b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2))
        && text.chars().any(is_unsafe)
}

/// `text` with every unsafe character escaped; borrowed when there is none.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !has_unsafe(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_escaped_like_check_quotes_them() {
        assert_eq!(for_terminal("Agent d'accueil"), "Agent d'accueil");
        assert!(matches!(for_terminal("Métier"), Cow::Borrowed(_)));
        assert_eq!(
            for_terminal("A\u{1b}[31mB\u{7}\r\n::error::x"),
            "A\\u{1b}[31mB\\u{7}\\r\\n::error::x"
        );
        assert_eq!(for_terminal("\u{1b}]8;;x\u{1b}\\"), "\\u{1b}]8;;x\\u{1b}\\");
        assert_eq!(
            for_terminal("a\u{9b}b\u{202e}c\u{2066}"),
            "a\\u{9b}b\\u{202e}c\\u{2066}"
        );
        // The same escapes as `{:?}`, which `check` uses in its messages.
        let name = "x\u{1b}\u{202e}\n";
        assert_eq!(format!("{name:?}"), format!("\"{}\"", for_terminal(name)));
        // Nothing unsafe is left.
        assert!(!for_terminal("\u{85}\u{7f}\t").chars().any(is_unsafe));
    }

    #[test]
    fn the_byte_test_finds_every_unsafe_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let alone = c.to_string();
            assert_eq!(has_unsafe(&alone), is_unsafe(c), "{c:?}");
        }
        // Among other characters, with the lead bytes the test looks for.
        for c in (0..0x3000).filter_map(char::from_u32) {
            for text in [format!("é{c}a"), format!("{c}\u{202f}%\u{a0}")] {
                assert_eq!(has_unsafe(&text), text.chars().any(is_unsafe), "{c:?}");
            }
        }
    }
}
