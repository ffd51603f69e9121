//! The matcher's index of a rubric's pattern terms: how an alternative's text reads as terms, and
//! the tables the matcher looks words up in. Shared with `build/rubric.rs`, which prepares the
//! built-in rubric's tables at build time with this very code.

use std::borrow::Cow;
use std::collections::HashMap;

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
}

/// A trie in three flat arrays (no allocation per node: building one node by node was a third
/// of loading the rubric). Node 0 is the root.
#[derive(Debug, Default, PartialEq)]
pub struct Trie {
    /// Per node, its range in `children` and its range in `slots`.
    pub nodes: Table<[u32; 4]>,
    /// (next byte, node), each node's sorted by byte.
    pub children: Table<(u8, u32)>,
    /// The terms that end at each node, in the order they were added.
    pub slots: Table<Slot>,
}

impl Trie {
    /// The trie of the words, each with its slot, added in order.
    pub fn build(terms: &[(&str, Slot)]) -> Trie {
        // First as linked lists: per node (byte, first child, next sibling); u32::MAX is none.
        const NONE: u32 = u32::MAX;
        let mut linked: Vec<(u8, u32, u32)> = vec![(0, NONE, NONE)];
        let mut ends: Vec<(u32, Slot)> = Vec::with_capacity(terms.len());
        for &(word, slot) in terms {
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
            ends.push((node as u32, slot));
        }
        // Stable: a node's slots keep the order they were added in.
        ends.sort_by_key(|&(node, _)| node);
        let mut nodes = Vec::with_capacity(linked.len());
        let mut children = Vec::with_capacity(linked.len());
        let slots: Vec<Slot> = ends.iter().map(|&(_, slot)| slot).collect();
        let mut end = 0;
        for (n, &(_, first, _)) in linked.iter().enumerate() {
            let start = children.len();
            let mut child = first;
            while child != NONE {
                children.push((linked[child as usize].0, child));
                child = linked[child as usize].2;
            }
            children[start..].sort_unstable_by_key(|&(b, _)| b);
            let slots_start = end;
            while end < ends.len() && ends[end].0 as usize == n {
                end += 1;
            }
            nodes.push([
                start as u32,
                children.len() as u32,
                slots_start as u32,
                end as u32,
            ]);
        }
        Trie {
            nodes: nodes.into(),
            children: children.into(),
            slots: slots.into(),
        }
    }

    pub fn children(&self, node: usize) -> &[(u8, u32)] {
        let [start, end, _, _] = self.nodes[node];
        &self.children[start as usize..end as usize]
    }

    pub fn slots(&self, node: usize) -> &[Slot] {
        let [_, _, start, end] = self.nodes[node];
        &self.slots[start as usize..end as usize]
    }
}

/// The tables of a rubric's alternatives, numbered flat in rubric order.
#[derive(Debug)]
pub struct Index {
    /// Prefix terms, as a trie of their bytes, with the (alternative, term slot) each
    /// satisfies: walking down a word's bytes meets every prefix term of the word.
    pub prefixes: Trie,
    /// Exact term word and the (alternative, term slot) it satisfies, words as first met.
    pub exact: Vec<(String, Vec<Slot>)>,
    /// For each flat alternative: (rule index, alternative index within the rule).
    pub alt_owner: Vec<(usize, usize)>,
    /// Bit mask of all positive slots per flat alternative.
    pub alt_full: Vec<u64>,
}

/// Per flat alternative in rubric order: its rule, its index within the rule, its terms.
pub type Terms = (usize, usize, Vec<Term>, Vec<Term>);

impl Index {
    pub fn build(alternatives: &[Terms]) -> Index {
        let mut prefix_terms: Vec<(&str, Slot)> = Vec::new();
        let mut exact: Vec<(String, Vec<Slot>)> = Vec::new();
        let mut exact_at: HashMap<&str, usize> = HashMap::new();
        let mut alt_owner = Vec::with_capacity(alternatives.len());
        let mut alt_full = Vec::with_capacity(alternatives.len());
        for (flat, (r, a, positive, negative)) in alternatives.iter().enumerate() {
            alt_owner.push((*r, *a));
            let mut full = 0u64;
            let terms = (positive.iter().enumerate())
                .map(|(i, t)| (t, Some(i as u8)))
                .chain(negative.iter().map(|t| (t, None)));
            for (term, bit) in terms {
                if let Some(b) = bit {
                    full |= 1 << b;
                }
                let slot = Slot {
                    alt: flat as u32,
                    bit,
                };
                if term.exact {
                    let at = *exact_at.entry(&term.word).or_insert_with(|| {
                        exact.push((term.word.clone(), Vec::new()));
                        exact.len() - 1
                    });
                    exact[at].1.push(slot);
                    continue;
                }
                prefix_terms.push((&term.word, slot));
            }
            alt_full.push(full);
        }
        Index {
            prefixes: Trie::build(&prefix_terms),
            exact,
            alt_owner,
            alt_full,
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
