//! The matcher's index of a rubric's pattern terms: how an alternative's text reads as terms, and
//! the tables the matcher looks words up in. Shared with `build/rubric.rs`, which prepares the
//! built-in rubric's tables at build time with this very code.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

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

/// A cell of the trie: its parent cell (`NONE` if free), its base, the prefix term and the
/// exact term that end there (`NONE` if none).
pub type Cell = [u32; 4];

/// No cell, no term: the parent of a free cell and of the root.
pub const NONE: u32 = u32::MAX;

/// The terms as a trie of their bytes in a double array: the child of cell `s` by byte `b` is
/// cell `base(s) + b`, if that cell's parent is `s`. A step down is an addition and a
/// comparison, where a search among sorted children cost a few dozen instructions. Cell 0 is
/// the root.
#[derive(Debug, Default, PartialEq)]
pub struct Trie {
    pub cells: Table<Cell>,
}

impl Trie {
    /// The trie of distinct terms (word, whole word only), each numbered by its place.
    pub fn build(terms: &[(&str, bool)]) -> Trie {
        // First as linked lists: per node (byte, first child, next sibling).
        let mut linked: Vec<(u8, u32, u32)> = vec![(0, NONE, NONE)];
        // Per node, its prefix and exact term.
        let mut ends: Vec<[u32; 2]> = vec![[NONE; 2]];
        for (id, &(word, exact)) in terms.iter().enumerate() {
            let mut node = 0usize;
            for byte in word.bytes() {
                let mut child = linked[node].1;
                while child != NONE && linked[child as usize].0 != byte {
                    child = linked[child as usize].2;
                }
                if child == NONE {
                    child = linked.len() as u32;
                    linked.push((byte, NONE, linked[node].1));
                    ends.push([NONE; 2]);
                    linked[node].1 = child;
                }
                node = child as usize;
            }
            ends[node][usize::from(exact)] = id as u32;
        }
        // Placed depth first, each node's children at the first base whose cells are free:
        // tried at the free cells below the end (kept in order, so that a search does not
        // walk the cells taken, which made building a trie of the built-in rubric's size take
        // half a billion instructions), else at the end.
        const FREE_CELL: Cell = [NONE, 0, NONE, NONE];
        let mut cells: Vec<Cell> = vec![FREE_CELL];
        let mut free: BTreeSet<usize> = BTreeSet::new();
        let mut cell_of = vec![0u32; linked.len()];
        let mut stack = vec![0u32];
        let mut kids: Vec<(u8, u32)> = Vec::new();
        while let Some(node) = stack.pop() {
            let s = cell_of[node as usize] as usize;
            cells[s][2] = ends[node as usize][0];
            cells[s][3] = ends[node as usize][1];
            kids.clear();
            let mut child = linked[node as usize].1;
            while child != NONE {
                kids.push((linked[child as usize].0, child));
                child = linked[child as usize].2;
            }
            kids.sort_unstable_by_key(|&(b, _)| b);
            let Some(&(first_byte, _)) = kids.first() else {
                continue;
            };
            let first_byte = usize::from(first_byte);
            // The first child at `at`: every cell from the end on is free.
            let fits = |at: usize| {
                (kids.iter()).all(|&(b, _)| {
                    let c = at - first_byte + usize::from(b);
                    cells.get(c).is_none_or(|cell| cell[0] == NONE)
                })
            };
            let at = (free.range(first_byte..).copied())
                .find(|&at| fits(at))
                .unwrap_or(cells.len().max(first_byte));
            let base = at - first_byte;
            cells[s][1] = base as u32;
            for &(byte, child) in &kids {
                let c = base + usize::from(byte);
                if c >= cells.len() {
                    free.extend(cells.len()..=c);
                    cells.resize(c + 1, FREE_CELL);
                }
                free.remove(&c);
                cells[c][0] = s as u32;
                cell_of[child as usize] = c as u32;
            }
            stack.extend(kids.iter().rev().map(|&(_, child)| child));
        }
        Trie {
            cells: cells.into(),
        }
    }

    /// The child of cell `s` by `byte`, if any (the matcher takes the same step inline).
    #[cfg(test)]
    pub fn child(&self, s: u32, byte: u8) -> Option<u32> {
        let t = self.cells[s as usize][1].wrapping_add(u32::from(byte));
        let parent = self.cells.get(t as usize).map(|cell| cell[0]);
        (parent == Some(s)).then_some(t)
    }
}

/// The tables of a rubric's alternatives, numbered flat in rubric order, and of their distinct
/// terms. Each alternative is looked at only when its trigger, the positive term of it that
/// the fewest alternatives have, is met: most texts meet the common words of many alternatives
/// and complete few.
#[derive(Debug)]
pub struct Index {
    /// The distinct terms, as a trie of their bytes: walking down a word's bytes meets every
    /// prefix term of the word, and ends on its exact term if it reads the whole word.
    pub trie: Trie,
    /// Per term, where its alternatives start in `triggered` (and a last entry where they end).
    pub triggers: Vec<u32>,
    /// The alternatives each term triggers, in rubric order, each as its flat index, its
    /// number of positive and of negative terms, then those terms: the matcher reads the
    /// alternatives of a term met in one place.
    pub triggered: Vec<u32>,
    /// For each flat alternative: (rule index, alternative index within the rule).
    pub alt_owner: Vec<(usize, usize)>,
}

/// Per flat alternative in rubric order: its rule, its index within the rule, its terms.
pub type Terms = (usize, usize, Vec<Term>, Vec<Term>);

impl Index {
    pub fn build(alternatives: &[Terms]) -> Index {
        let mut ids: HashMap<(&str, bool), u32> = HashMap::with_capacity(alternatives.len());
        let mut distinct: Vec<(&str, bool)> = Vec::new();
        let mut alt_terms_at = Vec::with_capacity(alternatives.len() + 1);
        let mut alt_terms = Vec::new();
        let mut alt_owner = Vec::with_capacity(alternatives.len());
        for (r, a, positive, negative) in alternatives {
            alt_owner.push((*r, *a));
            alt_terms_at.push([alt_terms.len() as u32, positive.len() as u32]);
            for term in positive.iter().chain(negative) {
                let key = (term.word.as_str(), term.exact);
                let id = *ids.entry(key).or_insert_with(|| {
                    distinct.push(key);
                    distinct.len() as u32 - 1
                });
                alt_terms.push(id);
            }
        }
        alt_terms_at.push([alt_terms.len() as u32, 0]);
        let positives = |flat: usize| {
            let [start, count] = alt_terms_at[flat];
            &alt_terms[start as usize..(start + count) as usize]
        };
        let record = |flat: usize| {
            let [start, _] = alt_terms_at[flat];
            &alt_terms[start as usize..alt_terms_at[flat + 1][0] as usize]
        };
        // Each alternative's trigger: its positive term the fewest alternatives have as one
        // (an alternative counted once per term).
        let mut uses = vec![0u32; distinct.len()];
        let mut counted_for = vec![NONE; distinct.len()];
        for flat in 0..alternatives.len() {
            for &t in positives(flat) {
                if counted_for[t as usize] != flat as u32 {
                    counted_for[t as usize] = flat as u32;
                    uses[t as usize] += 1;
                }
            }
        }
        let trigger: Vec<u32> = (0..alternatives.len())
            .map(|flat| {
                let terms = positives(flat).iter();
                terms
                    .copied()
                    .min_by_key(|&t| uses[t as usize])
                    .unwrap_or(NONE)
            })
            .collect();
        // Per term, its alternatives' records, in rubric order.
        let mut triggers = vec![0u32; distinct.len() + 1];
        for (flat, &t) in trigger.iter().enumerate() {
            if t != NONE {
                triggers[t as usize + 1] += 3 + record(flat).len() as u32;
            }
        }
        for t in 1..triggers.len() {
            triggers[t] += triggers[t - 1];
        }
        let mut triggered = vec![0u32; triggers[distinct.len()] as usize];
        let mut next: Vec<u32> = triggers.clone();
        for (flat, (_, _, positive, negative)) in alternatives.iter().enumerate() {
            let Some(&at) = next.get(trigger[flat] as usize) else {
                continue;
            };
            let terms = record(flat);
            let header = [flat as u32, positive.len() as u32, negative.len() as u32];
            let at = at as usize;
            triggered[at..at + 3].copy_from_slice(&header);
            triggered[at + 3..at + 3 + terms.len()].copy_from_slice(terms);
            next[trigger[flat] as usize] += 3 + terms.len() as u32;
        }
        Index {
            trie: Trie::build(&distinct),
            triggers,
            triggered,
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

    /// The terms a walk of `word` meets: its exact term if it reads the word whole, then its
    /// prefix terms, shortest first.
    fn walk(trie: &Trie, word: &str) -> Vec<u32> {
        let mut cell = 0;
        let mut prefixes = Vec::new();
        for byte in word.bytes() {
            match trie.child(cell, byte) {
                Some(child) => cell = child,
                None => return prefixes,
            }
            prefixes.extend(Some(trie.cells[cell as usize][2]).filter(|&t| t != NONE));
        }
        let exact = Some(trie.cells[cell as usize][3]).filter(|&t| t != NONE);
        exact.into_iter().chain(prefixes).collect()
    }

    /// The same by definition, from the list of terms.
    fn by_definition(terms: &[(&str, bool)], word: &str) -> Vec<u32> {
        let id = |exact: bool, w: &[u8]| {
            (terms.iter()).position(|&(t, e)| e == exact && t.as_bytes() == w)
        };
        let exact = id(true, word.as_bytes());
        let prefixes = (1..=word.len()).filter_map(|end| id(false, &word.as_bytes()[..end]));
        exact
            .into_iter()
            .chain(prefixes)
            .map(|i| i as u32)
            .collect()
    }

    /// The built-in rubric's terms, and words made of them (whole, cut short, lengthened, with
    /// bytes no term has), and terms of letters that are not ASCII: the trie's walk meets the
    /// terms the definition says, in its order.
    #[test]
    fn the_trie_meets_the_terms_of_a_word_in_order() {
        let rubric = crate::rubric::Rubric::builtin();
        let mut owned: Vec<(String, bool)> = (rubric.rules.iter())
            .flat_map(|r| &r.alternatives)
            .flat_map(|alternative| {
                let (positive, negative) = alternative.terms();
                positive.into_iter().chain(negative)
            })
            .map(|t| (t.word, t.exact))
            .collect();
        owned.extend(
            ["øre", "ører", "été", "z", "zz"]
                .iter()
                .map(|w| (w.to_string(), w.len() < 4)),
        );
        owned.sort();
        owned.dedup();
        let terms: Vec<(&str, bool)> = owned.iter().map(|(w, e)| (w.as_str(), *e)).collect();
        let trie = Trie::build(&terms);
        let mut words: Vec<String> = Vec::new();
        for (word, _) in &terms {
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
        assert!(met > 5_000, "{met}");
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
