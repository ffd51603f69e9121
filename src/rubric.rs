//! The rubric: task archetypes with an ILO-grounded score, and the matcher that finds the rule
//! for a task text. Format and semantics: `docs/rubric-format.md`.

use std::collections::HashMap;

use crate::error::{InputError, Message};
use crate::hashing::FastMap;
use crate::messages;
use crate::normalize::normalize;

/// The rubric compiled into the binary.
pub const BUILTIN: &str = include_str!("../data/rubric.csv");
pub const BUILTIN_NAME: &str = "data/rubric.csv (built in)";

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

#[derive(Debug, Clone, PartialEq)]
pub struct IloRef {
    pub isco: String,
    pub task_id: u32,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub code: String,
    pub theme: String,
    pub label: String,
    pub score: f64,
    pub patterns: String,
    pub alternatives: Vec<Alternative>,
    pub ilo_refs: Vec<IloRef>,
    pub rationale: String,
    /// Line of the rule in its file, for messages.
    pub line: u64,
}

#[derive(Debug, Clone)]
pub struct Alternative {
    pub text: String,
    pub positive: Vec<Term>,
    pub negative: Vec<Term>,
    pub specificity: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub word: String,
    /// Whole word only (`=word`); otherwise a word prefix.
    pub exact: bool,
}

/// One rule that matched a text, with the specificity of its best alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleMatch {
    pub rule: usize,
    pub alternative: usize,
    pub specificity: u32,
}

#[derive(Debug)]
pub struct Rubric {
    pub source: String,
    pub rules: Vec<Rule>,
    by_code: HashMap<String, usize>,
    /// Prefix terms, as a trie of their bytes, with the (alternative, term slot) each
    /// satisfies: walking down a word's bytes meets every prefix term of the word.
    prefixes: Trie,
    /// Exact term word -> the (alternative, term slot) it satisfies.
    exact_index: FastMap<String, Vec<Slot>>,
    /// For each flat alternative: (rule index, alternative index within the rule).
    alt_owner: Vec<(usize, usize)>,
    /// Bit mask of all positive slots per flat alternative.
    alt_full: Vec<u64>,
}

/// A trie in three flat arrays (no allocation per node: building one node by node was a third
/// of loading the rubric). Node 0 is the root.
#[derive(Debug, Default)]
struct Trie {
    /// Per node, its range in `children` and its range in `slots`.
    nodes: Vec<[u32; 4]>,
    /// (next byte, node), each node's sorted by byte.
    children: Vec<(u8, u32)>,
    /// The terms that end at each node, in the order they were added.
    slots: Vec<Slot>,
}

impl Trie {
    /// The trie of the words, each with its slot, added in order.
    fn build(terms: &[(&str, Slot)]) -> Trie {
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
        let mut trie = Trie {
            nodes: Vec::with_capacity(linked.len()),
            children: Vec::with_capacity(linked.len()),
            slots: ends.iter().map(|&(_, slot)| slot).collect(),
        };
        let mut end = 0;
        for (n, &(_, first, _)) in linked.iter().enumerate() {
            let start = trie.children.len();
            let mut child = first;
            while child != NONE {
                trie.children.push((linked[child as usize].0, child));
                child = linked[child as usize].2;
            }
            trie.children[start..].sort_unstable_by_key(|&(b, _)| b);
            let slots_start = end;
            while end < ends.len() && ends[end].0 as usize == n {
                end += 1;
            }
            trie.nodes.push([
                start as u32,
                trie.children.len() as u32,
                slots_start as u32,
                end as u32,
            ]);
        }
        trie
    }

    fn children(&self, node: usize) -> &[(u8, u32)] {
        let [start, end, _, _] = self.nodes[node];
        &self.children[start as usize..end as usize]
    }

    fn slots(&self, node: usize) -> &[Slot] {
        let [_, _, start, end] = self.nodes[node];
        &self.slots[start as usize..end as usize]
    }
}

/// Working memory of the matcher, kept between texts so that matching one allocates nothing.
#[derive(Debug, Default)]
pub struct MatchScratch {
    /// Per flat alternative: the bits of the positive terms seen, and whether a negative was.
    seen: Vec<u64>,
    negated: Vec<bool>,
    /// The alternatives with a bit in `seen`, in the order first met, and those `negated`.
    touched: Vec<u32>,
    negatives: Vec<u32>,
    found: Vec<RuleMatch>,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    alt: u32,
    /// Bit of the positive term, or `None` for a negative term.
    bit: Option<u8>,
}

impl Rubric {
    pub fn builtin() -> Rubric {
        Rubric::parse(BUILTIN, BUILTIN_NAME).expect("the built-in rubric is validated by the tests")
    }

    /// Reads and validates a rubric; every error names the line and column.
    pub fn parse(text: &str, source: &str) -> Result<Rubric, InputError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(InputError::file(
                source,
                messages::empty_rubric(&COLUMNS.join(",")),
            ));
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| InputError::file(source, messages::bad_header(&e)))?
            .clone();
        let mut index = [0usize; 7];
        for (i, name) in COLUMNS.iter().enumerate() {
            index[i] = headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    InputError::at(
                        source,
                        1,
                        messages::missing_rubric_column(name, &COLUMNS.join(",")),
                    )
                })?;
        }
        let mut rules = Vec::new();
        let mut by_code = HashMap::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(source, &e))?;
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            let get = |i: usize| record.get(index[i]).unwrap_or("").trim().to_string();
            let cell_err = |i: usize, msg: Message| {
                InputError::cell(source, line, index[i] + 1, COLUMNS[i], msg)
            };
            let code = get(0);
            if code.is_empty()
                || !code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
            {
                return Err(cell_err(0, messages::bad_rule_code(&code)));
            }
            if let Some(first) = by_code.insert(code.clone(), rules.len()) {
                let first: &Rule = &rules[first];
                return Err(cell_err(
                    0,
                    messages::duplicate_rule_code(&code, first.line),
                ));
            }
            let score_text = get(3);
            let score = parse_unit(&score_text)
                .ok_or_else(|| cell_err(3, messages::bad_score(&score_text)))?;
            let patterns = get(4);
            let alternatives = parse_patterns(&patterns)
                .map_err(|msg| cell_err(4, messages::bad_patterns(&msg, &patterns)))?;
            let refs_text = get(5);
            let ilo_refs = parse_refs(&refs_text).map_err(|msg| cell_err(5, msg))?;
            rules.push(Rule {
                code,
                theme: get(1),
                label: get(2),
                score,
                patterns,
                alternatives,
                ilo_refs,
                rationale: get(6),
                line,
            });
        }
        if rules.is_empty() {
            return Err(InputError::file(source, messages::no_rules()));
        }
        Ok(Rubric::compile(source, rules, by_code))
    }

    fn compile(source: &str, rules: Vec<Rule>, by_code: HashMap<String, usize>) -> Rubric {
        let mut prefix_terms: Vec<(&str, Slot)> = Vec::new();
        let mut exact_index: FastMap<String, Vec<Slot>> = FastMap::default();
        let mut alt_owner = Vec::new();
        let mut alt_full = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            for (a, alt) in rule.alternatives.iter().enumerate() {
                let flat = alt_owner.len() as u32;
                alt_owner.push((r, a));
                let mut full = 0u64;
                let terms = alt
                    .positive
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t, Some(i as u8)))
                    .chain(alt.negative.iter().map(|t| (t, None)));
                for (term, bit) in terms {
                    if let Some(b) = bit {
                        full |= 1 << b;
                    }
                    let slot = Slot { alt: flat, bit };
                    if term.exact {
                        exact_index.entry(term.word.clone()).or_default().push(slot);
                        continue;
                    }
                    prefix_terms.push((&term.word, slot));
                }
                alt_full.push(full);
            }
        }
        let prefixes = Trie::build(&prefix_terms);
        Rubric {
            source: source.to_string(),
            rules,
            by_code,
            prefixes,
            exact_index,
            alt_owner,
            alt_full,
        }
    }

    pub fn get(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// Every rule that matches the normalised text, best first (highest specificity, then
    /// rubric order). The first one, if any, is the rule that scores the task.
    pub fn matches(&self, normalized: &str) -> Vec<RuleMatch> {
        let mut scratch = MatchScratch::default();
        self.matches_with(normalized, &mut scratch);
        scratch.found
    }

    /// The rule that scores a normalised text, if any, with working memory kept by the caller.
    pub fn best_with(&self, normalized: &str, scratch: &mut MatchScratch) -> Option<usize> {
        self.matches_with(normalized, scratch);
        scratch.found.first().map(|m| m.rule)
    }

    /// `matches`, into `scratch.found`.
    fn matches_with(&self, normalized: &str, scratch: &mut MatchScratch) {
        let MatchScratch {
            seen,
            negated,
            touched,
            negatives,
            found,
        } = scratch;
        if seen.len() != self.alt_owner.len() {
            *seen = vec![0; self.alt_owner.len()];
            *negated = vec![false; self.alt_owner.len()];
        }
        touched.clear();
        negatives.clear();
        found.clear();
        let mut mark = |slots: &[Slot]| {
            for s in slots {
                let i = s.alt as usize;
                match s.bit {
                    Some(b) => {
                        if seen[i] == 0 {
                            touched.push(s.alt);
                        }
                        seen[i] |= 1 << b;
                    }
                    None => {
                        if !negated[i] {
                            negatives.push(s.alt);
                        }
                        negated[i] = true;
                    }
                }
            }
        };
        for word in normalized.split(' ').filter(|w| !w.is_empty()) {
            if let Some(slots) = self.exact_index.get(word) {
                mark(slots);
            }
            let mut node = 0;
            for byte in word.bytes() {
                let children = self.prefixes.children(node);
                match children.binary_search_by_key(&byte, |&(b, _)| b) {
                    Ok(i) => node = children[i].1 as usize,
                    Err(_) => break,
                }
                mark(self.prefixes.slots(node));
            }
        }
        for &flat in touched.iter() {
            let f = flat as usize;
            let complete = seen[f] == self.alt_full[f] && !negated[f];
            seen[f] = 0;
            if !complete {
                continue;
            }
            let (rule, alternative) = self.alt_owner[f];
            let specificity = self.rules[rule].alternatives[alternative].specificity;
            // Per rule, the first alternative met with the highest specificity.
            match found.iter_mut().find(|m| m.rule == rule) {
                Some(m) if specificity > m.specificity => {
                    m.alternative = alternative;
                    m.specificity = specificity;
                }
                Some(_) => {}
                None => found.push(RuleMatch {
                    rule,
                    alternative,
                    specificity,
                }),
            }
        }
        for &flat in negatives.iter() {
            negated[flat as usize] = false;
        }
        found.sort_by(|a, b| b.specificity.cmp(&a.specificity).then(a.rule.cmp(&b.rule)));
    }

    /// The rule that scores a raw task text, if any.
    pub fn best(&self, text: &str) -> Option<usize> {
        self.matches(&normalize(text)).first().map(|m| m.rule)
    }
}

fn csv_error(source: &str, e: &csv::Error) -> InputError {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    InputError::at(source, line, messages::malformed_csv(e))
}

/// A number in [0, 1], with a decimal point or comma.
pub fn parse_unit(text: &str) -> Option<f64> {
    let v: f64 = text.trim().replace(',', ".").parse().ok()?;
    (0.0..=1.0).contains(&v).then_some(v)
}

/// The longest term a pattern may have. Words are shorter, and the matcher looks up every
/// prefix of a word up to the longest prefix term: a bound keeps that cheap on any text.
const MAX_TERM_CHARS: usize = 40;

fn parse_patterns(patterns: &str) -> Result<Vec<Alternative>, String> {
    let mut alternatives = Vec::new();
    for alt_text in patterns.split('|') {
        let alt_text = alt_text.trim();
        if alt_text.is_empty() {
            return Err("empty alternative".into());
        }
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
        alternatives.push(Alternative {
            text: alt_text.to_string(),
            positive,
            negative,
            specificity,
        });
    }
    Ok(alternatives)
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

fn parse_refs(text: &str) -> Result<Vec<IloRef>, Message> {
    let mut refs = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let parsed = part.split_once(':').and_then(|(isco, id)| {
            let ok = isco.len() == 4 && isco.chars().all(|c| c.is_ascii_digit());
            let id: u32 = id.trim().parse().ok()?;
            ok.then(|| IloRef {
                isco: isco.to_string(),
                task_id: id,
            })
        });
        match parsed {
            Some(r) => refs.push(r),
            None => {
                return Err(messages::bad_ilo_refs(part));
            }
        }
    }
    Ok(refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "code,theme,label,score,patterns,ilo_refs,rationale\n";

    fn rubric(rows: &str) -> Rubric {
        Rubric::parse(&format!("{HEADER}{rows}"), "test.csv").unwrap()
    }

    /// The matching rules by definition: every positive term is a word of the text (or a
    /// prefix of one), no negative term is; per rule, its most specific such alternative.
    fn matches_by_definition(r: &Rubric, normalized: &str) -> Vec<(usize, u32)> {
        let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
        let found = |t: &Term| {
            words.iter().any(|w| {
                if t.exact {
                    *w == t.word
                } else {
                    w.starts_with(t.word.as_str())
                }
            })
        };
        let mut out: Vec<(usize, u32)> = (r.rules.iter().enumerate())
            .filter_map(|(i, rule)| {
                (rule.alternatives.iter())
                    .filter(|a| a.positive.iter().all(found) && !a.negative.iter().any(found))
                    .map(|a| a.specificity)
                    .max()
                    .map(|s| (i, s))
            })
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// Texts made of the built-in rubric's own terms, cut short, lengthened, negated or mixed
    /// with other words: the indexed matcher finds what the definition says, text after text
    /// (its working memory carried over).
    #[test]
    fn the_matcher_agrees_with_the_definition() {
        let r = Rubric::builtin();
        let mut vocabulary: Vec<String> = (r.rules.iter())
            .flat_map(|rule| &rule.alternatives)
            .flat_map(|a| a.positive.iter().chain(&a.negative))
            .flat_map(|t| {
                let w = t.word.clone();
                let cut: String = w
                    .chars()
                    .take(w.chars().count().saturating_sub(1))
                    .collect();
                [format!("{w}s"), cut, w]
            })
            .collect();
        vocabulary.extend(["le", "des", "et", "public", "zzz", "é"].map(String::from));
        vocabulary.sort();
        vocabulary.dedup();
        let mut next = crate::test_draws(11);
        let mut scratch = MatchScratch::default();
        let mut matched = 0;
        for _ in 0..3_000 {
            let words = 1 + next(8);
            let text: Vec<&str> = (0..words)
                .map(|_| vocabulary[next(vocabulary.len())].as_str())
                .collect();
            let text = normalize(&text.join(" "));
            let expected = matches_by_definition(&r, &text);
            let found: Vec<(usize, u32)> = r
                .matches(&text)
                .iter()
                .map(|m| (m.rule, m.specificity))
                .collect();
            assert_eq!(found, expected, "{text:?}");
            assert_eq!(
                r.best_with(&text, &mut scratch),
                expected.first().map(|m| m.0)
            );
            matched += usize::from(!expected.is_empty());
        }
        // Most texts should match something, or the test says little.
        assert!(matched > 1_500, "{matched}");
    }

    fn winner(r: &Rubric, text: &str) -> Option<String> {
        r.best(text).map(|i| r.rules[i].code.clone())
    }

    #[test]
    fn word_prefixes_match_inflections() {
        let r = rubric("accueil,T,Accueil,0.5,accueil,,x\n");
        assert_eq!(
            winner(&r, "Accueillir les usagers").as_deref(),
            Some("accueil")
        );
        assert_eq!(winner(&r, "Assurer l'ACCUEIL"), Some("accueil".into()));
        assert_eq!(winner(&r, "Recueillir des avis"), None);
    }

    #[test]
    fn most_specific_rule_wins_and_ties_go_to_rubric_order() {
        let r = rubric(
            "a.generic,T,A,0.5,accueil,,x\n\
             a.phone,T,B,0.6,accueil telephon,,x\n\
             b.first,T,C,0.1,courrier,,x\n\
             b.second,T,D,0.2,courrier,,x\n",
        );
        assert_eq!(
            winner(&r, "accueil téléphonique").as_deref(),
            Some("a.phone")
        );
        assert_eq!(winner(&r, "accueil physique").as_deref(), Some("a.generic"));
        assert_eq!(winner(&r, "trier le courrier").as_deref(), Some("b.first"));
        let m = r.matches("accueil telephonique");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].specificity, 215);
        assert_eq!(m[1].specificity, 107);
    }

    #[test]
    fn exact_and_negative_terms() {
        let r = rubric("rh,T,RH,0.5,=rh dossier|gestion personnel !paie,,x\n");
        assert!(r.best("Suivi des dossiers RH").is_some());
        assert!(r.best("Suivi des dossiers rhum").is_none());
        assert!(r.best("gestion du personnel").is_some());
        assert!(r.best("gestion du personnel et de la paie").is_none());
    }

    #[test]
    fn validation_names_the_line_and_column() {
        let bad = |rows: &str| {
            Rubric::parse(&format!("{HEADER}{rows}"), "r.csv")
                .unwrap_err()
                .to_string()
        };
        assert!(bad("a,T,L,1.5,x1x,,r\n").starts_with("r.csv:2:4: column 'score'"));
        assert!(bad("a,T,L,0.5,x1x,,r\na,T,L,0.5,yyy,,r\n").contains("duplicate code"));
        assert!(bad("a,T,L,0.5,Accueil,,r\n").contains("not normalised"));
        assert!(bad("a,T,L,0.5,ab,,r\n").contains("shorter than 3"));
        assert!(bad(&format!("a,T,L,0.5,{},,r\n", "x".repeat(41))).contains("longer than 40"));
        assert!(bad("a,T,L,0.5,abc||def,,r\n").contains("empty alternative"));
        assert!(bad("a,T,L,0.5,!abc,,r\n").contains("no positive term"));
        assert!(bad("a,T,L,0.5,abc,42:1,r\n").contains("ISCO:task_id"));
        assert!(bad("a,T,L,NaN,abc,,r\n").contains("between 0 and 1"));
        assert!(
            Rubric::parse(" \n", "r.csv")
                .unwrap_err()
                .to_string()
                .starts_with("r.csv: empty file")
        );
    }

    #[test]
    fn builtin_rubric_loads() {
        let r = Rubric::builtin();
        assert!(!r.rules.is_empty());
    }
}
