//! The matcher's index of a rubric's pattern terms: how an alternative's text reads as terms, and
//! the tables the matcher looks words up in. Shared with `build/rubric.rs`, which prepares the
//! built-in rubric's tables at build time with this very code.

use std::borrow::Cow;

use crate::normalize::normalize;

/// The columns of a rubric file, in order.
pub const COLUMNS: [&str; 7] = [
    "code",
    "theme",
    "label",
    "score",
    "patterns",
    "ilo_refs",
    "rationale",
];

/// A table of the index: a static of the build for the built-in rubric, built at run time for
/// a rubric file.
pub type Table<T> = Cow<'static, [T]>;

#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub word: String,
    /// Whole word only (`=word`); otherwise a word prefix.
    pub exact: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slot {
    pub alt: u32,
    /// Bit of the positive term, or `None` for a negative term.
    pub bit: Option<u8>,
    /// How many positive terms the alternative has: the matcher knows it complete when their
    /// bits are all seen, without another table to read.
    pub positives: u8,
}

/// A cell of the trie: its parent cell (`FREE` if none), its base, and where its slots start in
/// `Trie::slots`: those of prefix terms, then those of exact terms, which end where the next
/// cell's start.
pub type Cell = [u32; 4];

/// The parent of a free cell (and of the root): no cell has that number.
pub const FREE: u32 = u32::MAX;

/// The terms as a trie of their bytes in a double array: the child of cell `s` by byte `b` is
/// cell `base(s) + b`, if that cell's parent is `s`. A step down is an addition and a
/// comparison, where a search among sorted children cost a few dozen instructions; the cells
/// of a term's bytes are placed near one another. Cell 0 is the root.
#[derive(Debug, Default, PartialEq)]
pub struct Trie {
    pub cells: Table<Cell>,
    /// The terms that end at each cell, prefix then exact terms, each in the order added.
    pub slots: Table<Slot>,
}

impl Trie {
    /// The trie of the terms (word, whole word only, slot), added in order.
    pub fn build(terms: &[(&str, bool, Slot)]) -> Trie {
        // First as linked lists: per node (byte, first child, next sibling); u32::MAX is none.
        const NONE: u32 = u32::MAX;
        let mut linked: Vec<(u8, u32, u32)> = vec![(0, NONE, NONE)];
        // (node, exact, order added, slot)
        let mut ends: Vec<(u32, bool, usize, Slot)> = Vec::with_capacity(terms.len());
        for (order, &(word, exact, slot)) in terms.iter().enumerate() {
            let mut node = 0usize;
            for byte in word.bytes() {
                let mut child = linked[node].1;
                while child != NONE && linked[child as usize].0 != byte {
                    child = linked[child as usize].2;
                }
                if child == NONE {
                    child = linked.len() as u32;
                    linked.push((byte, NONE, linked[node].1));
                    linked[node].1 = child;
                }
                node = child as usize;
            }
            ends.push((node as u32, exact, order, slot));
        }
        // Each node's children, by byte.
        let children: Vec<Vec<(u8, u32)>> = (linked.iter())
            .map(|&(_, first, _)| {
                let mut out = Vec::new();
                let mut child = first;
                while child != NONE {
                    out.push((linked[child as usize].0, child));
                    child = linked[child as usize].2;
                }
                out.sort_unstable_by_key(|&(b, _)| b);
                out
            })
            .collect();
        // Placed depth first, each node's children at the first base whose cells are free, so
        // that the cells of a word's bytes are mostly near one another.
        let mut cell_of = vec![0u32; linked.len()];
        let mut parent: Vec<u32> = vec![FREE];
        let mut base: Vec<u32> = vec![0];
        let mut first_free = 1usize;
        let mut stack = vec![0u32];
        while let Some(node) = stack.pop() {
            let kids = &children[node as usize];
            let Some(&(first_byte, _)) = kids.first() else {
                continue;
            };
            let mut at = first_free.max(usize::from(first_byte));
            let fits = |at: usize, parent: &[u32]| {
                (kids.iter()).all(|&(b, _)| {
                    let c = at - usize::from(first_byte) + usize::from(b);
                    parent.get(c).is_none_or(|&p| p == FREE)
                })
            };
            while !fits(at, &parent) {
                at += 1;
            }
            let b = (at - usize::from(first_byte)) as u32;
            let s = cell_of[node as usize];
            base[s as usize] = b;
            for &(byte, child) in kids {
                let c = (b + u32::from(byte)) as usize;
                if c >= parent.len() {
                    parent.resize(c + 1, FREE);
                    base.resize(c + 1, 0);
                }
                parent[c] = s;
                cell_of[child as usize] = c as u32;
            }
            while parent.get(first_free).is_some_and(|&p| p != FREE) {
                first_free += 1;
            }
            stack.extend(kids.iter().rev().map(|&(_, child)| child));
        }
        // Slots by cell, prefix before exact, each in the order added (stable sort).
        ends.sort_by_key(|&(node, exact, order, _)| (cell_of[node as usize], exact, order));
        let slots: Vec<Slot> = ends.iter().map(|e| e.3).collect();
        let mut cells: Vec<Cell> = Vec::with_capacity(parent.len() + 1);
        let mut next = 0;
        for (c, (&p, &b)) in parent.iter().zip(&base).enumerate() {
            let start = next;
            let at = |next: usize, exact: bool| {
                next < ends.len()
                    && cell_of[ends[next].0 as usize] as usize == c
                    && ends[next].1 == exact
            };
            while at(next, false) {
                next += 1;
            }
            let exact_start = next;
            while at(next, true) {
                next += 1;
            }
            cells.push([p, b, start as u32, exact_start as u32]);
        }
        // A last free cell where the last cell's exact slots end.
        cells.push([FREE, 0, next as u32, next as u32]);
        Trie {
            cells: cells.into(),
            slots: slots.into(),
        }
    }

    /// The child of cell `s` by `byte`, if any (the matcher takes the same step inline).
    #[cfg(test)]
    pub fn child(&self, s: u32, byte: u8) -> Option<u32> {
        let t = self.cells[s as usize][1].wrapping_add(u32::from(byte));
        let parent = self.cells.get(t as usize).map(|cell| cell[0]);
        (parent == Some(s)).then_some(t)
    }

    /// The slots of the prefix terms that end at cell `s` (the matcher keeps their range).
    #[cfg(test)]
    pub fn prefix_slots(&self, s: u32) -> &[Slot] {
        let [_, _, start, end] = self.cells[s as usize];
        &self.slots[start as usize..end as usize]
    }

    /// The slots of the exact terms that end at cell `s`.
    pub fn exact_slots(&self, s: u32) -> &[Slot] {
        let start = self.cells[s as usize][3];
        let end = self.cells[s as usize + 1][2];
        &self.slots[start as usize..end as usize]
    }

    /// Whether prefix terms end at cell `s`.
    #[inline]
    pub fn has_prefix_slots(cell: &Cell) -> bool {
        cell[2] != cell[3]
    }
}

/// The tables of a rubric's alternatives, numbered flat in rubric order.
#[derive(Debug)]
pub struct Index {
    /// The terms, as a trie of their bytes, with the (alternative, term slot) each satisfies:
    /// walking down a word's bytes meets every prefix term of the word, and ends on its exact
    /// terms if it reads the whole word.
    pub terms: Trie,
    /// For each flat alternative: (rule index, alternative index within the rule).
    pub alt_owner: Vec<(usize, usize)>,
}

/// Per flat alternative in rubric order: its rule, its index within the rule, its terms.
pub type Terms = (usize, usize, Vec<Term>, Vec<Term>);

impl Index {
    pub fn build(alternatives: &[Terms]) -> Index {
        let mut terms: Vec<(&str, bool, Slot)> = Vec::new();
        let mut alt_owner = Vec::with_capacity(alternatives.len());
        for (flat, (r, a, positive, negative)) in alternatives.iter().enumerate() {
            alt_owner.push((*r, *a));
            let positives = positive.len() as u8;
            let both = (positive.iter().enumerate())
                .map(|(i, t)| (t, Some(i as u8)))
                .chain(negative.iter().map(|t| (t, None)));
            for (term, bit) in both {
                let slot = Slot {
                    alt: flat as u32,
                    bit,
                    positives,
                };
                terms.push((&term.word, term.exact, slot));
            }
        }
        Index {
            terms: Trie::build(&terms),
            alt_owner,
        }
    }
}

/// The longest term a pattern may have. Words are shorter, and the matcher looks up every
/// prefix of a word up to the longest prefix term: a bound keeps that cheap on any text.
pub const MAX_TERM_CHARS: usize = 40;

/// The positive and negative terms of one alternative of a pattern (trimmed, not empty), and
/// its specificity; or what is wrong with it.
pub fn read_alternative(alt_text: &str) -> Result<(Vec<Term>, Vec<Term>, u32), String> {
    let mut positive = Vec::new();
    let mut negative = Vec::new();
    for raw in alt_text.split_whitespace() {
        let (neg, rest) = match raw.strip_prefix('!') {
            Some(r) => (true, r),
            None => (false, raw),
        };
        let (exact, word) = match rest.strip_prefix('=') {
            Some(w) => (true, w),
            None => (false, rest),
        };
        if word.is_empty() || !is_normalized(word) {
            return Err(format!(
                "term {raw:?} is not normalised (expected lower-case letters and digits without accents)"
            ));
        }
        let chars = char_len(word);
        if chars > MAX_TERM_CHARS {
            return Err(format!(
                "term {:?}… is longer than {MAX_TERM_CHARS} characters",
                word.chars().take(20).collect::<String>()
            ));
        }
        if !exact && chars < 3 {
            return Err(format!(
                "prefix term {raw:?} is shorter than 3 characters (write ={word} to match the whole word)"
            ));
        }
        let term = Term {
            word: word.to_string(),
            exact,
        };
        if neg {
            negative.push(term);
        } else {
            positive.push(term);
        }
    }
    if positive.is_empty() {
        return Err(format!("alternative {alt_text:?} has no positive term"));
    }
    if positive.len() > 64 {
        return Err(format!("alternative {alt_text:?} has more than 64 terms"));
    }
    let specificity = 100 * positive.len() as u32
        + positive
            .iter()
            .map(|t| char_len(&t.word) as u32)
            .sum::<u32>();
    Ok((positive, negative, specificity))
}

/// `normalize(word) == word`, without building the normalised copy for the usual term of
/// lower-case ASCII letters and digits (which `normalize` leaves as it is).
fn is_normalized(word: &str) -> bool {
    word.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        || normalize(word) == word
}

/// The length in characters, without counting them when every one is a byte.
fn char_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slots a walk of `word` meets: its exact terms' if it reads the word whole, then its
    /// prefix terms', shortest first.
    fn walk(trie: &Trie, word: &str) -> Vec<Slot> {
        let mut cell = 0;
        let mut prefixes = Vec::new();
        for byte in word.bytes() {
            match trie.child(cell, byte) {
                Some(child) => cell = child,
                None => return prefixes,
            }
            prefixes.extend_from_slice(trie.prefix_slots(cell));
        }
        let mut found = trie.exact_slots(cell).to_vec();
        found.extend(prefixes);
        found
    }

    /// The same by definition, from the list of terms.
    fn by_definition(terms: &[(&str, bool, Slot)], word: &str) -> Vec<Slot> {
        let exact = (terms.iter()).filter(|t| t.1 && t.0 == word);
        let prefixes = (1..=word.len()).flat_map(|end| {
            (terms.iter()).filter(move |t| !t.1 && word.as_bytes()[..end] == *t.0.as_bytes())
        });
        exact.chain(prefixes).map(|t| t.2).collect()
    }

    /// The built-in rubric's terms, and words made of them (whole, cut short, lengthened, with
    /// bytes no term has), and terms of letters that are not ASCII: the trie's walk meets the
    /// slots the definition says, in its order.
    #[test]
    fn the_trie_meets_the_terms_of_a_word_in_order() {
        let rubric = crate::rubric::Rubric::builtin();
        let mut owned: Vec<(String, bool, Slot)> = Vec::new();
        for alternative in rubric.rules.iter().flat_map(|r| &r.alternatives) {
            let (positive, negative) = alternative.terms();
            let alt = owned.len() as u32;
            let positives = positive.len() as u8;
            for (i, t) in positive.iter().enumerate() {
                let bit = Some(i as u8);
                owned.push((
                    t.word.clone(),
                    t.exact,
                    Slot {
                        alt,
                        bit,
                        positives,
                    },
                ));
            }
            for t in &negative {
                owned.push((
                    t.word.clone(),
                    t.exact,
                    Slot {
                        alt,
                        bit: None,
                        positives,
                    },
                ));
            }
        }
        for (i, word) in ["øre", "ører", "été", "z", "zz"].iter().enumerate() {
            let slot = Slot {
                alt: 9_000 + i as u32,
                bit: Some(0),
                positives: 1,
            };
            owned.push((word.to_string(), i % 2 == 1, slot));
        }
        let terms: Vec<(&str, bool, Slot)> =
            owned.iter().map(|(w, e, s)| (w.as_str(), *e, *s)).collect();
        let trie = Trie::build(&terms);
        let mut words: Vec<String> = Vec::new();
        for (word, _, _) in &terms {
            let mut cut = word.to_string();
            cut.pop();
            words.extend([
                word.to_string(),
                format!("{word}s"),
                format!("{word}é"),
                cut,
            ]);
        }
        words.extend(["ø", "ør", "q", "é", "9", "zzz"].map(String::from));
        let mut met = 0;
        for word in &words {
            let expected = by_definition(&terms, word);
            assert_eq!(walk(&trie, word), expected, "{word:?}");
            met += expected.len();
        }
        assert!(met > 10_000, "{met}");
        // The double array leaves few cells free.
        let nodes: std::collections::HashSet<&[u8]> = (terms.iter())
            .flat_map(|t| (1..=t.0.len()).map(|end| &t.0.as_bytes()[..end]))
            .collect();
        assert!(
            trie.cells.len() < 2 * nodes.len(),
            "{} cells",
            trie.cells.len()
        );
    }
}
