//! The outputs shown in README.md and docs/examples.md (the full ones) are the real outputs of
//! the current binary.

use crate::{data, exposure};

#[test]
fn readme_outputs_are_current() {
    for file in ["README.md", "docs/examples.md"] {
        assert!(outputs_are_current(file) > 0, "{file} shows no output");
    }
}

/// Checks every output block of `file` and returns how many there are.
fn outputs_are_current(file: &str) -> usize {
    let readme = std::fs::read_to_string(data(file)).unwrap();
    let mut blocks = 0;
    for part in readme.split("<!-- README-OUTPUT: ").skip(1) {
        let (args, rest) = part.split_once(" -->\n").unwrap();
        let (shown, _) = rest.split_once("<!-- END-OUTPUT -->").unwrap();
        let out = exposure()
            .current_dir(data(""))
            .args(shell_words(args))
            .output()
            .unwrap();
        let expected = format!(
            "```text\n$ exposure {args}\n{}```\n",
            String::from_utf8(out.stdout).unwrap()
        );
        assert_eq!(
            shown, expected,
            "{file} block `{args}` is out of date: run `cargo build && python3 scripts/update_readme.py`"
        );
        blocks += 1;
    }
    blocks
}

/// Splits arguments as a shell would for the simple cases README blocks use: spaces, and
/// single or double quotes around an argument.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, ' ') => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[test]
fn shell_words_split_like_a_shell() {
    assert_eq!(
        shell_words(r#"explain "Saisir les mandats" -f json"#),
        ["explain", "Saisir les mandats", "-f", "json"]
    );
    assert_eq!(shell_words("a 'b c' d"), ["a", "b c", "d"]);
}
