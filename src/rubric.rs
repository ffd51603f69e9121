//! The rubric: task archetypes with an ILO-grounded score, and the matcher that finds the rule
//! for a task text. Format and semantics: `docs/rubric-format.md`.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::error::{InputError, Message};
use crate::messages;
use crate::normalize::{normalize, normalize_into};

mod builtin;
mod index;

pub use index::{COLUMNS, Term};
use index::{Index, NONE, Table, Terms, Trie};

/// The rubric compiled into the binary.
pub const BUILTIN: &str = include_str!("../data/rubric.csv");
pub const BUILTIN_NAME: &str = "data/rubric.csv (built in)";

/// A text of a rule: borrowed from the build's tables for the built-in rubric, owned for a
/// rubric file.
pub type Text = Cow<'static, str>;

#[derive(Debug, Clone, PartialEq)]
pub struct IloRef {
    pub isco: Text,
    pub task_id: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub code: Text,
    pub theme: Text,
    pub label: Text,
    pub score: f64,
    pub patterns: Text,
    pub alternatives: Vec<Alternative>,
    pub ilo_refs: Vec<IloRef>,
    pub rationale: Text,
    /// Line of the rule in its file, for messages.
    pub line: u64,
}

/// An alternative of a rule's patterns; its terms are in the matcher's index.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    pub text: Text,
    pub specificity: u32,
}

impl Alternative {
    /// Its positive and negative terms, read again from its text (the matcher reads them from
    /// its index).
    pub fn terms(&self) -> (Vec<Term>, Vec<Term>) {
        (index::read_alternative(&self.text))
            .map(|(positive, negative, _)| (positive, negative))
            .unwrap_or_default()
    }
}

/// One rule that matched a text, with the specificity of its best alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleMatch {
    pub rule: usize,
    pub alternative: usize,
    pub specificity: u32,
}

#[derive(Debug, PartialEq)]
pub struct Rubric {
    pub source: String,
    pub rules: Vec<Rule>,
    by_code: HashMap<String, usize>,
    /// The distinct terms, as a trie of their bytes: walking down a word's bytes meets every
    /// prefix term of the word, and ends on its exact term if it reads the whole word.
    trie: Trie,
    /// Per term, where the alternatives it triggers start in `triggered`, and those, each with
    /// its terms (see `Index`).
    triggers: Table<u32>,
    triggered: Table<u32>,
    /// For each flat alternative: (rule index, alternative index within the rule).
    alt_owner: Table<(usize, usize)>,
}

/// Working memory of the matcher, kept between texts so that matching one allocates nothing.
#[derive(Debug, Default)]
pub struct MatchScratch {
    /// Per term, the order it was first met in within the text (`NONE` if not met).
    first_met: Vec<u32>,
    /// The terms met, in that order.
    met: Vec<u32>,
    /// The prefix terms of the word being walked.
    path: Vec<u32>,
    /// The complete alternatives: (the order their first term was met in, flat index).
    complete: Vec<(u32, u32)>,
    found: Vec<RuleMatch>,
    /// The text being matched, normalised.
    normalized: String,
}

impl Rubric {
    /// The built-in rubric, from the tables `build/rubric.rs` prepared (a test checks they are
    /// what `parse` makes of `BUILTIN`).
    pub fn builtin() -> Rubric {
        builtin::rubric()
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
        let mut terms: Vec<Terms> = Vec::new();
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
            let mut alternatives = Vec::new();
            for (a, (text, positive, negative, specificity)) in parse_patterns(&patterns)
                .map_err(|msg| cell_err(4, messages::bad_patterns(&msg, &patterns)))?
                .into_iter()
                .enumerate()
            {
                terms.push((rules.len(), a, positive, negative));
                alternatives.push(Alternative {
                    text: text.into(),
                    specificity,
                });
            }
            let refs_text = get(5);
            let ilo_refs = parse_refs(&refs_text).map_err(|msg| cell_err(5, msg))?;
            rules.push(Rule {
                code: code.into(),
                theme: get(1).into(),
                label: get(2).into(),
                score,
                patterns: patterns.into(),
                alternatives,
                ilo_refs,
                rationale: get(6).into(),
                line,
            });
        }
        if rules.is_empty() {
            return Err(InputError::file(source, messages::no_rules()));
        }
        let index = Index::build(&terms);
        Ok(Rubric {
            source: source.to_string(),
            rules,
            by_code,
            trie: index.trie,
            triggers: index.triggers.into(),
            triggered: index.triggered.into(),
            alt_owner: index.alt_owner.into(),
        })
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

    /// The rule that scores a raw task text, if any, with working memory kept by the caller
    /// (the normalised text too).
    pub fn best_of(&self, text: &str, scratch: &mut MatchScratch) -> Option<usize> {
        let mut normalized = std::mem::take(&mut scratch.normalized);
        normalize_into(text, &mut normalized);
        let best = self.best_with(&normalized, scratch);
        scratch.normalized = normalized;
        best
    }

    /// `matches`, into `scratch.found`.
    fn matches_with(&self, normalized: &str, scratch: &mut MatchScratch) {
        let MatchScratch {
            first_met,
            met,
            path,
            complete,
            found,
            normalized: _,
        } = scratch;
        let term_count = self.triggers.len().saturating_sub(1);
        if first_met.len() != term_count {
            *first_met = vec![NONE; term_count];
        }
        met.clear();
        path.clear();
        complete.clear();
        found.clear();
        // Each word (the text has single spaces) down the trie, its prefix terms kept; at its
        // end, its exact term if the walk read it whole, then its prefix terms, shortest first:
        // the order alternatives are first met in decides between a rule's equally specific
        // ones.
        let cells = &self.trie.cells[..];
        let end_word = |first_met: &mut [u32], met: &mut Vec<u32>, path: &mut Vec<u32>, exact| {
            let mut meet = |term: u32| {
                let first = &mut first_met[term as usize];
                if *first == NONE {
                    *first = met.len() as u32;
                    met.push(term);
                }
            };
            if exact != NONE {
                meet(exact);
            }
            path.iter().for_each(|&term| meet(term));
            path.clear();
        };
        let (mut at, mut cell, mut walking) = (0u32, &cells[0], true);
        for &byte in normalized.as_bytes() {
            if byte == b' ' {
                let exact = if walking { cell[3] } else { NONE };
                end_word(first_met, met, path, exact);
                (at, cell, walking) = (0, &cells[0], true);
            } else if walking {
                let child = cell[1].wrapping_add(u32::from(byte));
                match cells.get(child as usize) {
                    Some(next) if next[0] == at => {
                        (at, cell) = (child, next);
                        if next[2] != NONE {
                            path.push(next[2]);
                        }
                    }
                    _ => walking = false,
                }
            }
        }
        let exact = if walking { cell[3] } else { NONE };
        end_word(first_met, met, path, exact);
        // The alternatives the terms met trigger: complete if all their positive terms were
        // met and no negative one, first met with the first of their positive terms.
        for &term in met.iter() {
            let term = term as usize;
            let (start, end) = (self.triggers[term], self.triggers[term + 1]);
            let mut records = &self.triggered[start as usize..end as usize];
            while let [flat, positives, negatives, rest @ ..] = records {
                let (positive, rest) = rest.split_at(*positives as usize);
                let (negative, rest) = rest.split_at(*negatives as usize);
                records = rest;
                let mut first = NONE;
                let mut all = true;
                for &t in positive {
                    let m = first_met[t as usize];
                    all &= m != NONE;
                    first = first.min(m);
                }
                if all && negative.iter().all(|&t| first_met[t as usize] == NONE) {
                    complete.push((first, *flat));
                }
            }
        }
        for &term in met.iter() {
            first_met[term as usize] = NONE;
        }
        // In the order they were first met in, as the rule's first alternative met wins a tie.
        complete.sort_unstable();
        for &(_, flat) in complete.iter() {
            let f = flat as usize;
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

/// Each alternative of a pattern: its text, positive and negative terms, and specificity.
type Parsed = (String, Vec<index::Term>, Vec<index::Term>, u32);

fn parse_patterns(patterns: &str) -> Result<Vec<Parsed>, String> {
    let mut alternatives = Vec::new();
    for alt_text in patterns.split('|') {
        let alt_text = alt_text.trim();
        if alt_text.is_empty() {
            return Err("empty alternative".into());
        }
        let (positive, negative, specificity) = index::read_alternative(alt_text)?;
        alternatives.push((alt_text.to_string(), positive, negative, specificity));
    }
    Ok(alternatives)
}

fn parse_refs(text: &str) -> Result<Vec<IloRef>, Message> {
    let mut refs = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let parsed = part.split_once(':').and_then(|(isco, id)| {
            let ok = isco.len() == 4 && isco.chars().all(|c| c.is_ascii_digit());
            let id: u32 = id.trim().parse().ok()?;
            ok.then(|| IloRef {
                isco: isco.to_string().into(),
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

    /// Per rule, its alternatives' positive and negative terms and specificity.
    type Read = Vec<Vec<(Vec<Term>, Vec<Term>, u32)>>;

    fn terms(r: &Rubric) -> Read {
        (r.rules.iter())
            .map(|rule| {
                (rule.alternatives.iter())
                    .map(|a| {
                        let (positive, negative) = a.terms();
                        (positive, negative, a.specificity)
                    })
                    .collect()
            })
            .collect()
    }

    fn rubric(rows: &str) -> Rubric {
        Rubric::parse(&format!("{HEADER}{rows}"), "test.csv").unwrap()
    }

    /// The matching rules by definition: every positive term is a word of the text (or a
    /// prefix of one), no negative term is; per rule, its most specific such alternative, of
    /// those the one met first (its earliest term: by word, a word's exact terms before its
    /// prefix terms, shorter prefixes first), then the first in the rule. As (rule,
    /// alternative, specificity).
    fn matches_by_definition(rules: &Read, normalized: &str) -> Vec<(usize, usize, u32)> {
        let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
        let met = |t: &Term| {
            (words.iter().enumerate()).find_map(|(i, w)| {
                if t.exact {
                    (*w == t.word).then_some((i, 0))
                } else {
                    w.starts_with(t.word.as_str()).then_some((i, t.word.len()))
                }
            })
        };
        let mut out: Vec<(usize, usize, u32)> = (rules.iter().enumerate())
            .filter_map(|(i, alternatives)| {
                (alternatives.iter().enumerate())
                    .filter(|(_, (positive, negative, _))| {
                        positive.iter().all(|t| met(t).is_some())
                            && !negative.iter().any(|t| met(t).is_some())
                    })
                    .map(|(a, (positive, _, specificity))| {
                        let first = positive.iter().filter_map(met).min();
                        (std::cmp::Reverse(*specificity), first, a)
                    })
                    .min()
                    .map(|(specificity, _, a)| (i, a, specificity.0))
            })
            .collect();
        out.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        out
    }

    /// Texts made of the built-in rubric's own terms, cut short, lengthened, negated or mixed
    /// with other words: the indexed matcher finds what the definition says, text after text
    /// (its working memory carried over).
    #[test]
    fn the_matcher_agrees_with_the_definition() {
        let r = Rubric::builtin();
        let read = terms(&r);
        let mut vocabulary: Vec<String> = (read.iter().flatten())
            .flat_map(|(positive, negative, _)| positive.iter().chain(negative))
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
            let expected = matches_by_definition(&read, &text);
            let found: Vec<(usize, usize, u32)> = r
                .matches(&text)
                .iter()
                .map(|m| (m.rule, m.alternative, m.specificity))
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
        r.best(text).map(|i| r.rules[i].code.to_string())
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

    /// The tables `build/rubric.rs` prepared are what reading and validating `data/rubric.csv`
    /// at run time makes: every rule field, every alternative, and the whole index.
    #[test]
    fn the_built_rubric_is_the_parsed_file() {
        let built = Rubric::builtin();
        let parsed = Rubric::parse(BUILTIN, BUILTIN_NAME).unwrap();
        assert!(matches!(built.trie.cells, Cow::Borrowed(_)));
        assert!(matches!(parsed.trie.cells, Cow::Owned(_)));
        assert_eq!(built.rules, parsed.rules);
        assert_eq!(built.by_code, parsed.by_code);
        assert_eq!(built.trie, parsed.trie);
        assert_eq!(built.triggers, parsed.triggers);
        assert_eq!(built.triggered, parsed.triggered);
        assert_eq!(built.alt_owner, parsed.alt_owner);
        assert!(built == parsed);
    }

    #[test]
    fn builtin_rubric_loads() {
        let r = Rubric::builtin();
        assert!(!r.rules.is_empty());
    }
}
