//! The titles coded for local government as a last reference: a title the crosswalk leaves
//! unmapped, or decides by similarity alone (no rule) at a confidence [`MARGIN`] or more under
//! the similarity of the closest titles of the development table and the curated table
//! (`data/isco/coded_titles.csv`, `data/isco/curated.csv`), takes their code when the closest
//! is at [`NEIGHBOUR_MIN`] or more (`crate::occupation::coded_title` asks). Those 8,000 titles
//! were written as authorities write them and coded one by one; the ROME's vocabulary, which
//! the crosswalk reads, is the private sector's. On the blind batches of sessions 46 to 48,
//! each measured against the matcher and the development table as they were before it, a
//! prototype of this step took 4 to 5 more titles in 100 into the right sub-major group
//! (data/README.md).
//!
//! Similarity is the cosine of the two titles' words, each weighted by its idf among the coded
//! titles and its role ([`crate::title::Role::neighbour_factor`]); the index is built at build
//! time (`build/coded.rs`).

use std::cell::RefCell;

use crate::hashing::FastMap;

use crate::title::TitleWord;

mod prepared {
    use super::Row;
    include!(concat!(env!("OUT_DIR"), "/neighbours.rs"));
}

/// A coded title, read at build time: spans of `prepared::TEXT`.
struct Row {
    title: (u32, u32),
    /// The title normalised (`crate::title::normalize_title`).
    normalized: (u32, u32),
    code: [u8; 4],
    /// Its batch of the development table ([`development_batch`]); `prepared::CURATED_BATCH`
    /// for a curated row.
    batch: u16,
    /// How many distinct words it has.
    words: u16,
}

/// How much closer than the decision's confidence the closest coded title must be to replace
/// it: a margin, not a confidence threshold, so that a place added to a title, which lowers
/// both, seldom changes which one decides.
pub const MARGIN: f64 = 0.2;

/// The similarity a coded title needs to give its code.
pub const NEIGHBOUR_MIN: f64 = 0.6;

/// The coded titles this close to the closest one vote with it, each by its similarity.
pub const BAND: f64 = 0.05;

/// The closest coded title of the code the vote chose.
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbour {
    pub title: &'static str,
    pub isco08: &'static str,
    pub similarity: f64,
    /// The title's words it holds.
    pub matched: Vec<String>,
    /// Where it is written: `data/isco/coded_titles.csv:LINE` or `data/isco/curated.csv:LINE`.
    pub at: String,
}

/// What the accuracy tests leave out of the index to measure a title as a new one: a batch of
/// the development table, and every coded title that reads like the title measured (the same
/// normalised text, or exactly the words asked).
#[derive(Default)]
struct LeftOut {
    batch: Option<u16>,
    /// The measured title, normalised.
    title: Option<String>,
}

thread_local! {
    static LEFT_OUT: RefCell<LeftOut> = RefCell::default();
}

/// `f` run with the coded titles that read like `title`, and the development titles of
/// `batch`, left out of the index: the accuracy tests measure every title as one the coded
/// tables do not hold.
pub fn leaving_out<T>(batch: Option<u16>, title: &str, f: impl FnOnce() -> T) -> T {
    let left_out = LeftOut {
        batch,
        title: Some(crate::title::normalize_title(title)),
    };
    let before = LEFT_OUT.replace(left_out);
    let out = f();
    LEFT_OUT.set(before);
    out
}

/// The batch of the development table's `row`th title (0-based, the header apart): the session
/// whose blind batch it came from, 0 for the first table (`build/coded.rs` reads it from the
/// note).
pub fn development_batch(row: usize) -> Option<u16> {
    prepared::ROWS
        .get(row)
        .map(|r| r.batch)
        .filter(|&b| b != prepared::CURATED_BATCH)
}

fn text((start, end): (u32, u32)) -> &'static str {
    &prepared::TEXT[start as usize..end as usize]
}

/// The rows holding a word, each with the word's weight in it, in row order.
type Postings = &'static [(u32, f64)];

/// A word's idf among the coded titles and its postings, (row, weight) in row order: an
/// unseen word has none, and the idf of a word seen once.
fn lookup(word: &str) -> (f64, Postings) {
    match prepared::WORDS.binary_search_by(|&span| text(span).cmp(word)) {
        Ok(i) => (
            prepared::IDF[i],
            &prepared::POSTINGS[prepared::STARTS[i] as usize..prepared::STARTS[i + 1] as usize],
        ),
        Err(_) => (prepared::UNSEEN_IDF, &[]),
    }
}

/// The code of the coded titles closest to a title's words, among those that hold its head noun
/// and complement, when the closest is at [`NEIGHBOUR_MIN`] or more: the titles within [`BAND`]
/// of it vote, each by its similarity (ties: the lower code), and the closest title of that
/// code is given.
pub fn nearest(words: &[TitleWord]) -> Option<Neighbour> {
    thread_local! {
        /// Titles asked alike share their answer: a roster of many titles that differ by a
        /// word the coded titles never use ("ATSEM zc", "ATSEM zd") asks once.
        static MEMO: RefCell<FastMap<String, Option<Neighbour>>> = RefCell::default();
        static KEY: RefCell<String> = RefCell::default();
    }
    // Not while something is left out: the answer is not the index's.
    if LEFT_OUT.with_borrow(|l| l.batch.is_some() || l.title.is_some()) {
        return nearest_read(words);
    }
    let found = KEY.with_borrow_mut(|key| {
        write_key(words, key);
        MEMO.with_borrow(|memo| memo.get(key.as_str()).cloned())
    });
    if let Some(found) = found {
        return found;
    }
    let found = nearest_read(words);
    KEY.with_borrow(|key| {
        MEMO.with_borrow_mut(|memo| {
            if memo.len() >= MEMO_SIZE {
                memo.clear();
            }
            memo.insert(key.clone(), found.clone());
        })
    });
    found
}

/// Answers remembered per thread, at most.
const MEMO_SIZE: usize = 8192;

/// What an answer depends on, in `key`: each word with its role, in the title's order; a word
/// the coded titles never use by its number among those (only its weight counts).
fn write_key(words: &[TitleWord], key: &mut String) {
    use std::fmt::Write as _;
    key.clear();
    let mut unseen: Vec<&str> = Vec::new();
    for w in words {
        let _ = if lookup(&w.word).1.is_empty() {
            let n = match unseen.iter().position(|u| *u == &*w.word) {
                Some(n) => n,
                None => {
                    unseen.push(&w.word);
                    unseen.len() - 1
                }
            };
            write!(key, "?{n} {:?};", w.role)
        } else {
            write!(key, "{} {:?};", w.word, w.role)
        };
    }
}

/// [`nearest`], unremembered.
fn nearest_read(words: &[TitleWord]) -> Option<Neighbour> {
    // Each distinct word once (64 at most: a mask holds which of them a row has), with its
    // largest weight and its postings, and whether it is ever the head noun or its complement.
    let mut query: Vec<(&str, f64, Postings)> = Vec::new();
    let mut core = 0u64;
    for w in words {
        let at = match query.iter().position(|(q, _, _)| *q == &*w.word) {
            Some(at) => at,
            None if query.len() < 64 => {
                let (idf, postings) = lookup(&w.word);
                query.push((&w.word, idf, postings));
                query.len() - 1
            }
            None => continue,
        };
        if w.role.is_core() {
            core |= 1 << at;
        }
    }
    // The largest of each word's weights (its idf × its role's factor).
    let weights: Vec<f64> = (query.iter())
        .map(|&(word, idf, _)| {
            (words.iter())
                .filter(|w| &*w.word == word)
                .map(|w| idf * w.role.neighbour_factor())
                .fold(0.0, f64::max)
        })
        .collect();
    let norm = weights.iter().map(|x| x * x).sum::<f64>().sqrt();
    if norm == 0.0 {
        return None;
    }
    // A coded title that lacks the head noun or its complement names another job, however
    // close its other words ("Chef de service" for "Chef du service des assemblées"): the rows
    // of the rarest of those words are the only candidates, each looked up in the others'
    // postings (a row list of "agent" is a fifth of the index).
    let rarest_core = (0..query.len())
        .filter(|&at| core & (1 << at) != 0)
        .min_by_key(|&at| query[at].2.len());
    let mut candidates: Vec<u32> = match rarest_core {
        Some(at) => query[at].2.iter().map(|&(row, _)| row).collect(),
        None => query
            .iter()
            .flat_map(|q| q.2.iter().map(|&(row, _)| row))
            .collect(),
    };
    candidates.sort_unstable();
    candidates.dedup();
    let left_out = LEFT_OUT.with_borrow(|l| (l.batch, l.title.clone()));
    // Per candidate, its similarity: the sum over the query's words, in their order.
    let scores: Vec<(u32, f64)> = (candidates.into_iter())
        .filter_map(|row| {
            let (mut score, mut held) = (0.0, 0u64);
            for (at, (_, _, postings)) in query.iter().enumerate() {
                if let Ok(i) = postings.binary_search_by_key(&row, |&(r, _)| r) {
                    score += weights[at] / norm * postings[i].1;
                    held |= 1 << at;
                }
            }
            if held & core != core {
                return None;
            }
            let r = &prepared::ROWS[row as usize];
            let held = held.count_ones() as usize;
            let same_words = held == query.len() && usize::from(r.words) == query.len();
            let same_title =
                (left_out.1.as_deref()).is_some_and(|t| same_words || text(r.normalized) == t);
            (!same_title && left_out.0 != Some(r.batch)).then_some((row, score))
        })
        .collect();
    let best = scores.iter().map(|&(_, s)| s).fold(0.0f64, f64::max);
    if best < NEIGHBOUR_MIN {
        return None;
    }
    // The rows in the band, in row order: the same votes, the same sums, every run.
    let close: Vec<(u32, f64)> = (scores.into_iter())
        .filter(|&(_, s)| s >= best - BAND)
        .collect();
    let code = |row: u32| -> &'static str {
        std::str::from_utf8(&prepared::ROWS[row as usize].code).unwrap_or("")
    };
    let mut votes: Vec<(&'static str, f64)> = Vec::new();
    for &(row, s) in &close {
        match votes.iter_mut().find(|(c, _)| *c == code(row)) {
            Some((_, v)) => *v += s,
            None => votes.push((code(row), s)),
        }
    }
    let (chosen, _) = votes
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(a.0)))?;
    let (row, similarity) = close
        .into_iter()
        .filter(|&(row, _)| code(row) == chosen)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
    let r = &prepared::ROWS[row as usize];
    let matched = (query.iter())
        .filter(|(_, _, postings)| postings.binary_search_by_key(&row, |&(r, _)| r).is_ok())
        .map(|(word, _, _)| word.to_string())
        .collect();
    let development = prepared::DEVELOPMENT_ROWS;
    let at = if (row as usize) < development {
        format!("data/isco/coded_titles.csv:{}", row as usize + 2)
    } else {
        format!("data/isco/curated.csv:{}", row as usize - development + 2)
    };
    Some(Neighbour {
        title: text(r.title),
        isco08: chosen,
        similarity,
        matched,
        at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(title: &str) -> Vec<TitleWord> {
        crate::title::read_title(title).words
    }

    #[test]
    fn a_coded_title_is_its_own_closest() {
        let n = nearest(&words("Agent de bouverie")).expect("a coded title");
        assert_eq!((n.title, n.isco08), ("Agent de bouverie", "9212"));
        assert!((n.similarity - 1.0).abs() < 1e-9, "{n:?}");
    }

    #[test]
    fn far_titles_find_none() {
        assert_eq!(nearest(&words("zzz qqq")), None);
        assert_eq!(nearest(&[]), None);
    }

    #[test]
    fn what_is_left_out_is_not_found() {
        let nearest_of = |asked: &str, batch, title| {
            let n = leaving_out(batch, title, || nearest(&words(asked)));
            n.map(|n| n.title)
        };
        let placed = "Agent de bouverie - secteur nord";
        assert_eq!(nearest_of(placed, None, "x"), Some("Agent de bouverie"));
        assert_ne!(nearest_of(placed, Some(48), "x"), Some("Agent de bouverie"));
        assert_ne!(
            nearest_of(placed, None, "AGENT DE BOUVERIE"),
            Some("Agent de bouverie")
        );
        // The same words in another order, another form.
        let other_order = "Bouverie (agents)";
        assert_ne!(
            nearest_of(other_order, None, other_order),
            Some("Agent de bouverie")
        );
    }

    #[test]
    fn batches_are_read_from_the_notes() {
        let row = |title: &str| {
            (0..prepared::ROWS.len()).find(|&i| text(prepared::ROWS[i].title) == title)
        };
        assert_eq!(
            row("Agent de bouverie").and_then(development_batch),
            Some(48)
        );
        assert_eq!(development_batch(0), Some(0));
        assert_eq!(
            development_batch(prepared::ROWS.len() - 1),
            None,
            "a curated row"
        );
    }
}
