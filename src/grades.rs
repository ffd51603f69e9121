//! Grades of the fonction publique territoriale → cadre d'emplois → ISCO-08 occupation or mix,
//! compiled in from `data/fpt/cadres.csv` (one row per cadre d'emplois, with its grades and the
//! occupation or mix of occupations it covers) and `data/fpt/abbreviations.csv` (the short forms
//! that HR and finance software export).
//!
//! A label is recognised in steps, each recorded for `exposure isco TITLE`:
//! 1. folded: lower case, accents, gender marks, dotted sigles (the title matcher's
//!    `normalize_title`);
//! 2. the population stratum of an emploi fonctionnel dropped ("des communes de 40 à 150.000 hab.");
//! 3. run-together ranks split ("1cl" → "1 cl", "ppal2" → "ppal 2");
//! 4. abbreviations expanded from the table; a word absent from every grade that starts a
//!    word of one is taken as truncated; a word one letter away from a word of a grade is
//!    taken as misspelt (every reading of an ambiguous word is tried);
//! 5. rank and status removed ("principal", "de 1re classe", "hors classe", "classe normale",
//!    "territorial", "stagiaire", "non titulaire"…), words reduced to their masculine singular;
//!    then, if nothing matched, "en chef", "chef" after the first word and "général" too.
//!
//! The words left, in any order, must be those of a grade of one cadre d'emplois, closest
//! first: exactly; then the grade's words plus words of its cadre's name ("Capitaine de
//! sapeurs-pompiers professionnels"); a contract form's words plus the post's ("Vacataire
//! périscolaire"); two words at least of a grade lacking only words of its cadre's name
//! ("Attaché de conservation"). A métier title with a grade's head ("Technicien
//! informatique") is none of these and goes to the title matcher. A label is tried whole, then
//! without its remarks in parentheses, then each part around " - ". Two cadres fitting
//! equally leave the label to the title matcher.
//!
//! Confidence: 1 when every word is a known word, a rank word or an abbreviation of the table;
//! × 0.9 per word completed as truncated; × 0.8 per word corrected for spelling; × 0.9 for a
//! contract form followed by the post, × 0.8 for a grade short of words of its cadre's name.
//! Under 1 the recognition is a guess, flagged in the outputs; under [`GRADE_FLOOR`] it is not
//! used: the label goes to the title matcher.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use std::sync::OnceLock;

use serde::Serialize;

use crate::hashing::FastMap;
use crate::isco::normalize_title;
use crate::title::Lexeme;

// Read at run time by the tests only, which compare with `built`.
#[cfg_attr(not(test), allow(dead_code))]
mod tables;

use tables::{FORMS, STOPWORDS, canonical, is_ordinal, key, rank_words, second_pass_words};

/// Under this confidence a grade reading is not used (the label goes to the title matcher); it
/// is also the confidence a métier title needs to win over a grade found in one part of it.
pub const GRADE_FLOOR: f64 = 0.50;

/// The filière of the emplois fonctionnels (DGS, DGA, DGST, DST): functions a grade's agent is
/// appointed to, each a post of its own, not a cadre one is recruited into.
pub const FUNCTIONS: &str = "emploi fonctionnel";

/// Confidence factor of a word completed as truncated ("puéric." → "puériculture").
pub const TRUNCATED: f64 = 0.9;
/// Confidence factor of a word corrected for spelling ("administraif" → "administratif").
pub const MISSPELT: f64 = 0.8;

/// Words that introduce a population stratum ("des communes de 40 à 150.000 hab.").
const STRATUM_WORDS: [&str; 12] = [
    "communes",
    "commune",
    "villes",
    "ville",
    "etablissements",
    "de",
    "des",
    "a",
    "plus",
    "moins",
    "entre",
    "et",
];

/// Phrases that hold a grade's words but name another post, as written: a title holding one
/// is no grade whose own name lacks the phrase ("Rédacteur en chef" is a journalist's post,
/// 2642, not the former grade "rédacteur chef"; "Attaché de presse" is a press officer,
/// 2432, though "attaché de presse de cabinet" is a cabinet post; the "relais assistantes
/// maternelles" is the service, now RPE, its animateur runs, not the grade assistant
/// maternel). The title goes to the métier matcher, which reads the phrase.
/// "Secrétaire général(e) de mairie" is not one: since the law of 30 December 2023 it is the
/// name of the secrétaire de mairie of a commune under 3,500 inhabitants, the same post.
const OTHER_POSTS: [&str; 3] = [
    "rédacteur en chef",
    "attaché de presse",
    "relais assistant maternel",
];

/// Articles and "de" left out when a phrase of [`OTHER_POSTS`] is looked for ("relais
/// d'assistantes maternelles"; "en" stays: "rédacteur chef" was a grade), and before the words
/// that follow a grade (`crate::occupation`, "Adjoint technique de la voirie").
pub(crate) const ARTICLES: [&str; 8] = ["d", "de", "des", "du", "l", "la", "le", "les"];

/// The words of a folded text as a phrase is compared: articles out, each word stemmed.
fn phrase_words(folded: &str) -> Vec<String> {
    (folded.split(' '))
        .filter(|w| !w.is_empty() && !ARTICLES.contains(w))
        .map(crate::title::stem)
        .collect()
}

/// The phrase of [`OTHER_POSTS`] a folded title holds, if any.
fn other_post(folded: &str) -> Option<&'static str> {
    let words = phrase_words(folded);
    OTHER_POSTS.into_iter().find(|p| holds(&words, p))
}

fn holds(words: &[String], phrase: &str) -> bool {
    let phrase = phrase_words(&normalize_title(phrase));
    words.windows(phrase.len()).any(|w| w == phrase)
}

/// The words of a label's other readings, as `key` sorts them, when an abbreviation has
/// several ("admin." is administrateur or administratif): a label that is no grade is none
/// under any of them, and its explanation says each one, not only the first ("Assistant
/// admin." is no "assistant administrateur" nor "assistant administratif"). At most
/// [`OTHER_READINGS`] of them, from the first combinations of readings.
fn other_readings<'a>(
    readings: &'a [&Readings],
    first: &'a str,
) -> impl Iterator<Item = String> + 'a {
    let combinations = (readings.iter()).fold(1usize, |acc, r| acc.saturating_mul(r.list.len()));
    let mut seen = vec![first.to_string()];
    (1..combinations.min(64))
        .filter_map(move |n| {
            let mut rest = n;
            let words: Vec<String> = (readings.iter())
                .flat_map(|r| {
                    let c = rest % r.list.len();
                    rest /= r.list.len();
                    r.list[c].words.iter().cloned()
                })
                .collect();
            let k = key(&words, false).0;
            (!seen.contains(&k)).then(|| {
                seen.push(k.clone());
                k
            })
        })
        .take(OTHER_READINGS)
}

/// How many other readings of a label that is no grade its explanation names.
const OTHER_READINGS: usize = 3;

/// A cadre d'emplois (or an emploi fonctionnel, or a contractual form) of the table.
#[derive(Debug, Clone, Serialize)]
pub struct Cadre {
    pub id: String,
    pub libelle: String,
    pub filiere: String,
    pub categorie: String,
    pub grades: Vec<String>,
    /// The occupation (one code, share 1) or the mix of occupations it covers, shares summing to 1.
    pub occupations: Vec<Share>,
    /// Where the mix comes from (a cited source, or `assumption`).
    pub mix_source: String,
    pub justification: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Share {
    pub isco08: String,
    pub share: f64,
}

impl Cadre {
    /// The occupation most of the cadre's agents hold (the first of equal shares).
    pub fn leading(&self) -> Option<&Share> {
        (self.occupations.iter()).reduce(|a, b| if b.share > a.share { b } else { a })
    }

    /// Whether the cadre spans several occupations.
    pub fn is_mix(&self) -> bool {
        self.occupations.len() > 1
    }

    /// The code shown where a job's ISCO-08 code goes: the code, or for a mix the mark every
    /// output shows, its largest occupation and how many others it has: `9112 (+17)`.
    pub fn isco_label(&self) -> String {
        match self.occupations.len() {
            1 => self.occupations[0].isco08.clone(),
            n => format!("{} (+{})", self.occupations[0].isco08, n - 1),
        }
    }
}

/// One step of the normalisation of a label, for the explanation.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// `aside` (a remark or a part of the label left aside), `folded`, `stratum` (words
    /// dropped), `split`, `abbreviation`, `truncated`, `misspelt`, `rank` (words removed),
    /// `rank_second_pass` (likewise, with "chef" and "général"), `key` (the words left, reduced
    /// and sorted), then for a match beyond the exact one `cadre_words` (extra words from the
    /// cadre's name), `form_with_post` (a contract form, then the post) or
    /// `cadre_words_missing` (words of the cadre's name the label leaves out); for a label that
    /// is no grade, `other_reading` after `key` (the words of another reading of its
    /// abbreviations, each no grade either; explanations only).
    pub step: &'static str,
    /// What the step did, e.g. "ppal → principal".
    pub detail: String,
}

/// A label recognised as a grade.
#[derive(Debug, Clone, Serialize)]
pub struct GradeMatch {
    pub cadre: &'static Cadre,
    /// The grade of the cadre whose words the label's matched.
    pub grade: String,
    /// The grade's own occupation, when its cadre gathers several professions
    /// ("diététicien de classe normale" in a cadre of six).
    pub occupation: Option<String>,
    /// 1 for an exact recognition; lower when words were completed or corrected.
    pub confidence: f64,
    pub steps: Vec<Step>,
    /// Recognised in one part of the label around " - ", the other naming the post
    /// ("Rédacteur principal - élections").
    pub part: bool,
}

impl GradeMatch {
    /// Whether the job's figures come from the cadre's mix.
    pub fn is_mix(&self) -> bool {
        self.occupation.is_none() && self.cadre.is_mix()
    }

    /// The job's code: the grade's own occupation, else its cadre's (or the mix's mark).
    pub fn isco_label(&self) -> String {
        match &self.occupation {
            Some(code) => code.clone(),
            None => self.cadre.isco_label(),
        }
    }
}

/// Why a label that looks like a grade is not taken as one.
#[derive(Debug, Clone, Serialize)]
pub struct NotGrade {
    pub steps: Vec<Step>,
    /// Several cadres fit equally (their ids), or the recognition fell under the floor.
    pub ambiguous: Vec<String>,
    pub below_floor: Option<f64>,
}

/// The compiled-in tables (`tables.rs`, read at build time into the statics of `built`).
pub struct Grades {
    pub cadres: Vec<Cadre>,
}

/// A list of texts of `built::BLOB`, by their numbers.
#[derive(Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
}

/// The grade tables as statics, written by `build/grades.rs`.
mod built {
    use super::{CadreRow, GradeRow, Span};
    include!(concat!(env!("OUT_DIR"), "/grades.rs"));
}

/// A cadre of `built::CADRES`: its texts' numbers.
struct CadreRow {
    id: u32,
    libelle: u32,
    filiere: u32,
    categorie: u32,
    grades: Span,
    /// Of `built::SHARES`: the occupation's text and its share.
    shares: Span,
    mix_source: u32,
    justification: u32,
}

/// A grade of `built::GRADES`.
struct GradeRow {
    cadre: u32,
    name: u32,
    /// The grade's own occupation (`u32::MAX`: none), in a cadre of several professions.
    occupation: u32,
    /// First-pass key words, sorted.
    key: Span,
}

/// The text numbered `i`.
fn text(i: u32) -> &'static str {
    let (start, end) = (built::TEXTS[i as usize], built::TEXTS[i as usize + 1]);
    &built::BLOB[start as usize..end as usize]
}

impl Span {
    fn texts(self) -> impl Clone + ExactSizeIterator<Item = &'static str> {
        (self.start..self.end).map(text)
    }

    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The first text of a sorted span from which `before` is false (the end when none is).
    fn first_not(self, before: impl Fn(&str) -> bool) -> u32 {
        let (mut low, mut high) = (self.start, self.end);
        while low < high {
            let mid = low + (high - low) / 2;
            if before(text(mid)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// The sorted span's texts from `word` on.
    fn from(self, word: &str) -> impl Iterator<Item = &'static str> {
        (self.first_not(|t| t < word)..self.end).map(text)
    }

    /// Whether the sorted span holds `word`.
    fn contains(self, word: &str) -> bool {
        self.from(word).next() == Some(word)
    }
}

/// The entry of a table sorted by its texts (`built::FIRST`, `built::ABBREVIATIONS`…) for `key`.
fn lookup(table: &[(u32, Span)], key: &str) -> Option<Span> {
    let at = table.partition_point(|&(t, _)| text(t) < key);
    table
        .get(at)
        .filter(|&&(t, _)| text(t) == key)
        .map(|&(_, s)| s)
}

/// `text.contains(['-', '–', '—'])`, read on its bytes: a hyphen, or the three bytes of an en
/// dash (E2 80 93) or an em dash (E2 80 94).
#[cfg(test)]
fn has_dash(text: &str) -> bool {
    dash_and_bracket(text).0
}

/// The flags of a byte for [`dash_and_bracket`]: a hyphen, the first byte of an en or em dash
/// (and of other characters), an opening bracket.
const HYPHEN: u8 = 1;
const E2: u8 = 2;
const OPENING: u8 = 4;
/// Each byte's flags ([`HYPHEN`], [`E2`], [`OPENING`]).
const DASH_OR_BRACKET: [u8; 256] = {
    let mut table = [0; 256];
    table[b'-' as usize] = HYPHEN;
    table[0xE2] = E2;
    table[b'(' as usize] = OPENING;
    table[b'[' as usize] = OPENING;
    table
};

/// `(has_dash(label), label.contains(['(', '[']))` in one pass over the bytes, each a table's
/// flags or-ed in (a label is a few dozen bytes: three searches cost more to set up); the three
/// bytes of an en or em dash checked only when a byte 0xE2 was met.
fn dash_and_bracket(label: &str) -> (bool, bool) {
    let bytes = label.as_bytes();
    let flags = (bytes.iter()).fold(0, |flags, &b| flags | DASH_OR_BRACKET[usize::from(b)]);
    let dash = flags & HYPHEN != 0
        || (flags & E2 != 0
            && memchr::memchr_iter(0xE2, bytes).any(|i| {
                bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x93 | 0x94))
            }));
    (dash, flags & OPENING != 0)
}

/// Drops a population stratum: the words from the first number or "communes" before "hab".
fn drop_stratum(words: &mut Vec<String>) -> Option<String> {
    let hab = words
        .iter()
        .position(|w| w == "hab" || w.starts_with("habitant"))?;
    let mut start = hab;
    while start > 0 {
        let w = &words[start - 1];
        if w.bytes().all(|b| b.is_ascii_digit()) || STRATUM_WORDS.contains(&w.as_str()) {
            start -= 1;
        } else {
            break;
        }
    }
    // Keep the function word that ties what is left together ("directeur des services").
    let dropped: Vec<String> = words.drain(start..=hab).collect();
    Some(dropped.join(" "))
}

/// Splits words where letters and digits meet, except a digit's ordinal suffix: "1cl" → "1 cl",
/// "2ecl" → "2e cl", "ppal2" → "ppal 2"; "1ere" stays.
fn split_runs(word: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = Vec::new();
    let bytes = word.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if i > start {
            let prev_digit = bytes[i - 1].is_ascii_digit();
            let digit = bytes[i].is_ascii_digit();
            if prev_digit && !digit {
                // An ordinal suffix stays with its number when nothing follows it, or when what
                // follows is a word of its own ("2ecl" → "2e", "cl").
                let rest = &word[i..];
                let suffix = ["ieme", "eme", "ere", "nde", "er", "re", "nd", "e"]
                    .iter()
                    .find(|s| rest.starts_with(**s));
                match suffix {
                    Some(s) if rest.len() == s.len() => break,
                    Some(s) if rest.len() > s.len() + 1 => {
                        parts.push(&word[start..i + s.len()]);
                        start = i + s.len();
                        i = start;
                        continue;
                    }
                    _ => {
                        parts.push(&word[start..i]);
                        start = i;
                    }
                }
            } else if !prev_digit && digit {
                parts.push(&word[start..i]);
                start = i;
            }
        }
        i += 1;
    }
    parts.push(&word[start..]);
    parts
}

/// Levenshtein distance is at most one.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..] || short == long
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// The readings of one word of a label, each with its confidence factor and the step it takes.
struct Reading {
    words: Vec<String>,
    factor: f64,
    step: Option<Step>,
}

/// A word of a label, as far as it depends on the word alone: computed once per word, since a
/// roster's titles repeat their words (the spelling corrections scan the vocabulary).
struct Word {
    /// Only a spelling correction could make it known.
    unknown: bool,
    /// [`Grades::known`] of it: asked again by both of its readings, which a word first met
    /// costs most (the vocabulary searched, the canonical form made).
    known: bool,
    /// Its readings without and with spelling corrections, when first needed.
    readings: [OnceCell<Readings>; 2],
}

impl Word {
    /// The readings of the word `text` (this word's text), with spelling corrections when
    /// `spell`, read when first asked. Only an unknown word of five letters or more has a
    /// correction to try ([`Grades::readings`]): any other is read the same both ways, once.
    fn readings(&self, grades: &Grades, text: &str, spell: bool) -> &Readings {
        let spell = spell && self.unknown && text.len() >= SPELT_MIN;
        self.readings[usize::from(spell)].get_or_init(|| grades.read(text, self.known, spell))
    }
}

/// The fewest bytes of a word a spelling correction is tried for ([`Grades::readings`]).
const SPELT_MIN: usize = 5;

/// The readings of a word, with what tells a label that cannot be a grade.
struct Readings {
    list: Vec<Reading>,
    /// Whether some reading has only words a key may hold (see `Grades::may_match`).
    may_fit: bool,
    /// Which words of the contractual forms' keys are among the canonical forms of the words
    /// of every reading ([`FormKeys`]).
    form_words: u64,
}

/// The words of the contractual forms' keys (`built::FORMS`), a bit each, and each form's key
/// as those bits: `may_match` tests a label against every form with a mask each, not by
/// comparing every key word with every canonical word of the label.
struct FormKeys {
    words: Vec<&'static str>,
    forms: Vec<u64>,
    /// Whether some form's key holds none of those words: what a label holding none of them
    /// (most labels) is asked, without a pass over the forms.
    empty: bool,
}

/// The forms' keys as bits (built-in tables: `form_keys_fit_a_mask` checks they fit).
fn form_keys() -> &'static FormKeys {
    static KEYS: OnceLock<FormKeys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut words: Vec<&'static str> = Vec::new();
        let mut forms = Vec::new();
        for &g in &built::FORMS {
            let mut mask = 0u64;
            for k in built::GRADES[g as usize].key.texts() {
                let at = match words.iter().position(|w| *w == k) {
                    Some(at) => at,
                    None => {
                        words.push(k);
                        words.len() - 1
                    }
                };
                assert!(
                    at < 64,
                    "the contractual forms' keys hold more than 64 words"
                );
                mask |= 1 << at;
            }
            forms.push(mask);
        }
        let empty = forms.contains(&0);
        FormKeys {
            words,
            forms,
            empty,
        }
    })
}

/// [`Grades::may_match`] of readings that all may fit (`all_fit`) and hold the contractual
/// forms' key words `have`.
fn may_match_by(all_fit: bool, have: u64) -> bool {
    let keys = form_keys();
    all_fit
        || match have {
            // Only an empty key is within no word.
            0 => keys.empty,
            _ => keys.forms.iter().any(|&f| f & !have == 0),
        }
}

/// Words remembered per thread, at most: a roster of distinct titles brings new words forever.
const MEMO_WORDS: usize = 8192;

impl Grades {
    /// The built-in tables; their cadres made once.
    pub fn builtin() -> &'static Grades {
        static GRADES: OnceLock<Grades> = OnceLock::new();
        GRADES.get_or_init(|| Grades {
            cadres: (built::CADRES.iter())
                .map(|c| Cadre {
                    id: text(c.id).to_string(),
                    libelle: text(c.libelle).to_string(),
                    filiere: text(c.filiere).to_string(),
                    categorie: text(c.categorie).to_string(),
                    grades: c.grades.texts().map(str::to_string).collect(),
                    occupations: (built::SHARES[c.shares.range()].iter())
                        .map(|&(code, share)| Share {
                            isco08: text(code).to_string(),
                            share,
                        })
                        .collect(),
                    mix_source: text(c.mix_source).to_string(),
                    justification: text(c.justification).to_string(),
                })
                .collect(),
        })
    }

    pub fn cadre(&self, id: &str) -> Option<&Cadre> {
        self.cadres.iter().find(|c| c.id == id)
    }

    /// A word of a grade, a rank word, an expansion (or one of their forms), a number or a
    /// function word.
    fn known(&self, word: &str) -> bool {
        built::VOCABULARY.contains(word)
            || built::CANONICAL_VOCABULARY.contains(&canonical(word))
            || is_ordinal(word)
            || STOPWORDS.contains(&word)
            || word.bytes().all(|b| b.is_ascii_digit())
    }

    /// Whether every word of a folded label is a word of a grade, a rank word, an expansion (or
    /// one of their forms), an abbreviation, a number or a function word: a label with another
    /// word is not exactly a grade (`occupation::open_grade_of` reads it so; a test there checks
    /// it on every curated reference title).
    pub fn words_all_known(&self, folded: &str) -> bool {
        (folded.split(' ').filter(|w| !w.is_empty()))
            .all(|w| self.known(w) || lookup(&built::ABBREVIATIONS, w).is_some())
    }

    /// A word that only a spelling correction could make known; `known`: [`Grades::known`] of
    /// it, read once for this and the word's readings.
    fn unknown(&self, word: &str, known: bool) -> bool {
        word.len() >= 3
            && !known
            && lookup(&built::ABBREVIATIONS, word).is_none()
            && !(built::VOCABULARY.from(word).next()).is_some_and(|w| w.starts_with(word))
    }

    /// A word of a label, from the memo of this thread when it was met before.
    fn word(&self, text: &str) -> Rc<Word> {
        thread_local! {
            /// The words met, and the tables they were read against.
            static WORDS: RefCell<(usize, FastMap<String, Rc<Word>>)> = RefCell::default();
        }
        WORDS.with_borrow_mut(|(tables, memo)| {
            let these = self as *const Grades as usize;
            if *tables != these || memo.len() >= MEMO_WORDS {
                *tables = these;
                memo.clear();
            }
            if let Some(w) = memo.get(text) {
                return w.clone();
            }
            let known = self.known(text);
            let w = Rc::new(Word {
                unknown: self.unknown(text, known),
                known,
                readings: Default::default(),
            });
            memo.insert(text.to_string(), w.clone());
            w
        })
    }

    /// [`Grades::word`] of a label's word, kept with its lexeme (`title::Lexeme::grade`): the
    /// word is not looked up a second time.
    fn word_of(&self, text: &str, lexeme: &Lexeme) -> Rc<Word> {
        self.kept_word(text, lexeme)
            .map_or_else(|| self.word(text), Rc::clone)
    }

    /// The [`Grades::word`] kept with a lexeme, filled when first asked: borrowed, no count of
    /// the `Rc` moved. (Only the recogniser fills it, with this type: never `None`.)
    fn kept_word<'a>(&self, text: &str, lexeme: &'a Lexeme) -> Option<&'a Rc<Word>> {
        (lexeme.grade)
            .get_or_init(|| Box::new(self.word(text)))
            .downcast_ref::<Rc<Word>>()
    }

    /// The readings of a word (see `readings`), with what `may_match` needs.
    fn read(&self, word: &str, known: bool, spell: bool) -> Readings {
        let list = self.readings(word, known, spell);
        // Each reading's words made canonical once, for `may_key` and the forms' words.
        let mut canonical: Vec<String> = (list.iter().flat_map(|r| &r.words))
            .map(|w| canonical(w))
            .collect();
        let mut at = 0;
        let may_fit = list.iter().fold(false, |fit, r| {
            let words = &canonical[at..at + r.words.len()];
            at += r.words.len();
            fit || (r.words.iter().zip(words)).all(|(w, c)| self.may_key(w, c))
        });
        canonical.sort_unstable();
        canonical.dedup();
        let form_words = (form_keys().words.iter().enumerate())
            .filter(|(_, k)| canonical.iter().any(|c| c == *k))
            .fold(0, |mask, (at, _)| mask | 1 << at);
        Readings {
            list,
            may_fit,
            form_words,
        }
    }

    /// Whether a word may be in a key, or be removed from it: a function word, an ordinal, a
    /// rank word (of either pass), or a word of a grade's key or of a cadre's name.
    /// `c`: its canonical form ([`canonical`]), made once by the caller.
    fn may_key(&self, word: &str, c: &str) -> bool {
        STOPWORDS.contains(&word)
            || is_ordinal(word)
            || rank_words().iter().any(|r| r == c)
            || second_pass_words().iter().any(|r| r == c)
            || built::KEY_WORDS.contains(c)
    }

    /// Whether some combination of readings may match a grade (`hits`). Every kind of match but
    /// one takes only words a key may hold; a contractual form followed by the post (and its
    /// form qualified by its cadre's words) takes any words, but the form's key among them.
    fn may_match(&self, readings: &[&Readings]) -> bool {
        let have = readings.iter().fold(0, |mask, r| mask | r.form_words);
        may_match_by(readings.iter().all(|r| r.may_fit), have)
    }

    /// Whether `recognise_read`, pruning and not explaining, fails a folded label of the
    /// lexemes given as it stands (no stratum dropped, no digit run split) before trying any
    /// combination: too many of them, or none may match. Asked first, with no vector made
    /// (most distinct titles of a roster are no grade and fail so); the words are read in the
    /// order and with the memos `recognise_read` reads them, which then finds them read.
    fn fails_unread(&self, folded: &str, lexemes: &[Rc<Lexeme>]) -> bool {
        const MOST: usize = 24;
        let n = lexemes.len();
        if n == 0 || n > MOST {
            return false;
        }
        // One pass over the words (most titles have a handful): each checked and read.
        let mut words: [Option<(&str, &Word)>; MOST] = [None; MOST];
        let (mut at, mut unknown) = (0, 0);
        for w in crate::title::split_spaces(folded).filter(|w| !w.is_empty()) {
            let Some(lexeme) = lexemes.get(at) else {
                return false;
            };
            if w == "hab" || w.starts_with("habitant") || w.bytes().any(|b| b.is_ascii_digit()) {
                return false;
            }
            let Some(word) = self.kept_word(w, lexeme) else {
                return false;
            };
            unknown += usize::from(word.unknown);
            words[at] = Some((w, word));
            at += 1;
        }
        if at != n {
            return false;
        }
        let spell = MISSPELT.powi(unknown as i32) >= GRADE_FLOOR;
        let (mut combinations, mut all_fit, mut have) = (Some(1usize), true, 0u64);
        for &(w, word) in words[..n].iter().flatten() {
            let r = word.readings(self, w, spell);
            combinations = combinations.and_then(|c| c.checked_mul(r.list.len()));
            all_fit &= r.may_fit;
            have |= r.form_words;
        }
        combinations.is_none_or(|c| c > 4096) || !may_match_by(all_fit, have)
    }

    /// The readings of a word: its expansions from the table; else itself when it is a known
    /// word; else the known words it starts (truncated); else the known word one letter away.
    fn readings(&self, word: &str, known: bool, spell: bool) -> Vec<Reading> {
        let mut out = Vec::new();
        if let Some(expansions) = lookup(&built::ABBREVIATIONS, word) {
            for e in &built::EXPANSIONS[expansions.range()] {
                let e: Vec<String> = e.texts().map(str::to_string).collect();
                out.push(Reading {
                    words: e.clone(),
                    factor: 1.0,
                    step: Some(Step {
                        step: "abbreviation",
                        detail: format!("{word} → {}", e.join(" ")),
                    }),
                });
            }
            if known {
                out.push(Reading {
                    words: vec![word.to_string()],
                    factor: 1.0,
                    step: None,
                });
            }
            return out;
        }
        if known || word.len() < 3 {
            return vec![Reading {
                words: vec![word.to_string()],
                factor: 1.0,
                step: None,
            }];
        }
        let guess = |w: &str, factor, step| Reading {
            words: vec![w.to_string()],
            factor,
            step: Some(Step {
                step,
                detail: format!("{word} → {w}"),
            }),
        };
        for w in built::VOCABULARY
            .from(word)
            .take_while(|w| w.starts_with(word))
        {
            out.push(guess(w, TRUNCATED, "truncated"));
        }
        if out.is_empty() && spell && word.len() >= SPELT_MIN {
            let by_length = built::BY_LENGTH;
            let start = by_length.first_not(|w| w.len() < word.len() - 1);
            let end = by_length.first_not(|w| w.len() <= word.len() + 1);
            for w in (Span { start, end }).texts() {
                if w.len() >= 5 && one_edit(word, w) {
                    out.push(guess(w, MISSPELT, "misspelt"));
                }
            }
        }
        if out.is_empty() {
            out.push(Reading {
                words: vec![word.to_string()],
                factor: 1.0,
                step: None,
            });
        }
        out
    }

    /// Recognises a grade label, or says why not (with the steps tried). The label is tried
    /// whole, then without its parenthesised remarks ("(ancien grade)", "(cat. B)"), then each
    /// part around " - " ("Policier municipal - gardien-brigadier").
    pub fn recognise(&'static self, label: &str) -> Result<GradeMatch, NotGrade> {
        self.recognise_variants(label, &normalize_title(label), None, None, true)
    }

    /// The grade `recognise` finds for a label already normalised (`normalize_title(label)`),
    /// without what says why a label is none (the pipeline needs only the match).
    pub fn find(&'static self, label: &str, normalized: &str) -> Option<GradeMatch> {
        self.recognise_variants(label, normalized, None, None, false)
            .ok()
    }

    /// [`Grades::find`], with the lexemes of the normalised label's words
    /// (`title::lexemes`), looked up once for this and the crosswalk, and
    /// `title::brackets_fold_away` of the label when normalising it told it
    /// (`title::normalize_title_read`).
    pub fn find_read(
        &'static self,
        label: &str,
        normalized: &str,
        lexemes: &[Rc<Lexeme>],
        brackets_fold_away: Option<bool>,
    ) -> Option<GradeMatch> {
        self.recognise_variants(label, normalized, Some(lexemes), brackets_fold_away, false)
            .ok()
    }

    /// `recognise`, the label's own variant already folded; without `explain`, the failure's
    /// key step is left out. `brackets_fold_away`: `title::brackets_fold_away` of the label,
    /// when known already.
    fn recognise_variants(
        &'static self,
        label: &str,
        normalized: &str,
        lexemes: Option<&[Rc<Lexeme>]>,
        brackets_fold_away: Option<bool>,
        explain: bool,
    ) -> Result<GradeMatch, NotGrade> {
        // The first variant is the label itself, already folded.
        let first_failure = match self.recognise_read(normalized, lexemes, true, explain) {
            Ok(m) => return Ok(m),
            Err(e) => e,
        };
        // A label without a bracket or a dash has no other variant (`variants`). (Its bytes
        // searched: a search for an array of characters decodes each, 300 instructions a
        // title.)
        let (dash, bracket) = dash_and_bracket(label);
        if !dash && !bracket {
            return Err(first_failure);
        }
        // The label without its remarks (the one variant not a part) that would fold as the
        // label: not normalised to find it fails. Without a dash, it is the only variant.
        let plain_fails =
            brackets_fold_away.unwrap_or_else(|| crate::title::brackets_fold_away(label));
        if plain_fails && !dash {
            return Err(first_failure);
        }
        let others = variants(label);
        if others.is_empty() {
            return Err(first_failure);
        }
        // A variant is recognised from its folded text alone: one folding as a variant that
        // failed ("Agent(e) …" and "Agent …" both fold to "agent …") fails alike.
        let mut failed: Vec<String> = vec![normalized.to_string()];
        for (text, aside, part) in others {
            if !part && plain_fails {
                continue;
            }
            let folded = normalize_title(&text);
            if failed.contains(&folded) {
                continue;
            }
            match self.recognise_folded(&folded, true, explain) {
                Ok(mut m) => {
                    m.part = part;
                    if let Some(aside) = aside {
                        m.steps.insert(
                            0,
                            Step {
                                step: "aside",
                                detail: aside,
                            },
                        );
                    }
                    return Ok(m);
                }
                Err(_) => failed.push(folded),
            }
        }
        Err(first_failure)
    }

    /// Recognises one text of a label; with `prune`, a label no reading of which may match is
    /// not tried further (the tests compare both ways).
    #[cfg(test)]
    fn recognise_words(&'static self, label: &str, prune: bool) -> Result<GradeMatch, NotGrade> {
        self.recognise_folded(&normalize_title(label), prune, true)
    }

    /// `recognise_folded`, with the lexemes of its words when looked up already.
    fn recognise_folded(
        &'static self,
        folded: &str,
        prune: bool,
        explain: bool,
    ) -> Result<GradeMatch, NotGrade> {
        self.recognise_read(folded, None, prune, explain)
    }

    /// `recognise_words` of a text folded by `normalize_title`; without `explain`, a failure's
    /// key step is left out.
    fn recognise_read(
        &'static self,
        folded: &str,
        lexemes: Option<&[Rc<Lexeme>]>,
        prune: bool,
        explain: bool,
    ) -> Result<GradeMatch, NotGrade> {
        let folded_step = || Step {
            step: "folded",
            detail: folded.to_string(),
        };
        let not_grade = |steps: Vec<Step>| NotGrade {
            steps,
            ambiguous: Vec::new(),
            below_floor: None,
        };
        if prune && !explain && lexemes.is_some_and(|l| self.fails_unread(folded, l)) {
            return Err(not_grade(Vec::new()));
        }
        // Without `explain` only a match's steps are read: its first is made with it.
        let mut steps = Vec::new();
        if explain {
            steps.push(folded_step());
        }
        // The words borrow the folded text; copied only to drop a stratum (rare).
        let mut words: Vec<&str> = (crate::title::split_spaces(folded))
            .filter(|w| !w.is_empty())
            .collect();
        let kept: Vec<String>;
        let mut kept_whole = true;
        if words
            .iter()
            .any(|w| *w == "hab" || w.starts_with("habitant"))
        {
            let mut owned: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            if let Some(dropped) = drop_stratum(&mut owned) {
                steps.push(Step {
                    step: "stratum",
                    detail: dropped,
                });
            }
            kept = owned;
            words = kept.iter().map(String::as_str).collect();
            kept_whole = false;
        }
        // Most labels hold no digit: their words stay whole, and are kept as they are.
        let split: Vec<&str> = if !folded.bytes().any(|b| b.is_ascii_digit()) {
            words
        } else {
            kept_whole = false;
            let mut split: Vec<&str> = Vec::with_capacity(words.len());
            for w in words {
                if !w.bytes().any(|b| b.is_ascii_digit()) {
                    split.push(w);
                    continue;
                }
                let parts = split_runs(w);
                if parts.len() > 1 {
                    steps.push(Step {
                        step: "split",
                        detail: format!("{w} → {}", parts.join(" ")),
                    });
                }
                split.extend(parts);
            }
            split
        };
        if split.is_empty() || split.len() > 24 {
            return Err(not_grade(steps));
        }
        // The lexemes given are those of the words split, unless a stratum or a digit's run
        // changed them.
        let words: Vec<Rc<Word>> = match lexemes.filter(|l| l.len() == split.len()) {
            Some(lexemes) if kept_whole => (split.iter().zip(lexemes))
                .map(|(w, l)| self.word_of(w, l))
                .collect(),
            _ => split.iter().map(|w| self.word(w)).collect(),
        };
        // Each correction multiplies the confidence by MISSPELT: past the floor none is tried
        // (most métier titles have several words no grade has).
        let unknown = words.iter().filter(|w| w.unknown).count();
        let spell = MISSPELT.powi(unknown as i32) >= GRADE_FLOOR;
        let readings: Vec<&Readings> = (split.iter().zip(&words))
            .map(|(text, w)| w.readings(self, text, spell))
            .collect();
        // Every combination of readings, at most a few hundred (a word rarely has more than two).
        let combinations: usize = readings
            .iter()
            .map(|r| r.list.len())
            .try_fold(1usize, |acc, n| acc.checked_mul(n))
            .unwrap_or(usize::MAX);
        if combinations > 4096 {
            return Err(not_grade(steps));
        }
        let mut found: Vec<Hit> = Vec::new();
        let mut first_key = String::new();
        // A label no reading of which can match finds nothing: its combinations are not tried.
        let combinations = if !prune || self.may_match(&readings) {
            combinations
        } else {
            if explain {
                let words: Vec<String> = (readings.iter())
                    .flat_map(|r| r.list[0].words.iter().cloned())
                    .collect();
                first_key = key(&words, false).0;
            }
            0
        };
        for n in 0..combinations {
            let mut choice = Vec::with_capacity(readings.len());
            let mut rest = n;
            for r in &readings {
                choice.push(rest % r.list.len());
                rest /= r.list.len();
            }
            let words: Vec<String> = (readings.iter().zip(&choice))
                .flat_map(|(r, &c)| r.list[c].words.iter().cloned())
                .collect();
            let confidence: f64 = (readings.iter().zip(&choice))
                .map(|(r, &c)| r.list[c].factor)
                .product();
            if n == 0 && explain {
                first_key = key(&words, false).0;
            }
            let before = found.len();
            self.hits(&words, confidence, &choice, &mut found);
            split_sigles_out(&readings, &choice, &mut found, before);
        }
        // A phrase naming another post leaves only the grades whose own name holds it.
        if let Some(phrase) = Some(&found)
            .filter(|f| !f.is_empty())
            .and_then(|_| other_post(folded))
        {
            // A grade holding the phrase counts only when the title has all its words:
            // "Attaché de presse" is no "attaché de presse de cabinet".
            found.retain(|h| {
                h.level != Level::Shortened
                    && holds(
                        &phrase_words(&normalize_title(text(built::GRADES[h.grade].name))),
                        phrase,
                    )
            });
            if found.is_empty() {
                steps.push(Step {
                    step: "other_post",
                    detail: phrase.to_string(),
                });
                return Err(not_grade(steps));
            }
        }
        // The most confident reading, then the closest kind of match, then the one that
        // explains the most words of the label.
        let rank = |h: &Hit| (h.confidence, std::cmp::Reverse(h.level), h.explained);
        let Some(best) = found
            .iter()
            .map(rank)
            .max_by(|a, b| a.partial_cmp(b).unwrap())
        else {
            // Without `explain` nobody reads a failure's steps (`Grades::find` drops it).
            if explain {
                steps.push(Step {
                    step: "key",
                    detail: first_key.clone(),
                });
                steps.extend(other_readings(&readings, &first_key).map(|detail| Step {
                    step: "other_reading",
                    detail,
                }));
            }
            return Err(not_grade(steps));
        };
        let top: Vec<&Hit> = found.iter().filter(|h| rank(h) == best).collect();
        let mut cadres: Vec<usize> = top.iter().map(|h| h.cadre).collect();
        cadres.sort_unstable();
        cadres.dedup();
        if cadres.len() > 1 {
            let mut ids: Vec<String> = cadres.iter().map(|&c| self.cadres[c].id.clone()).collect();
            ids.sort();
            return Err(NotGrade {
                steps,
                ambiguous: ids,
                below_floor: None,
            });
        }
        let hit = top[0];
        for (r, &c) in readings.iter().zip(&hit.choice) {
            if let Some(step) = &r.list[c].step {
                steps.push(step.clone());
            }
        }
        if !hit.removed.is_empty() {
            steps.push(Step {
                step: if hit.level == Level::SecondPass {
                    "rank_second_pass"
                } else {
                    "rank"
                },
                detail: hit.removed.join(" "),
            });
        }
        steps.push(Step {
            step: "key",
            detail: hit.key.clone(),
        });
        match hit.level {
            Level::Qualified => steps.push(Step {
                step: "cadre_words",
                detail: hit.extra.join(" "),
            }),
            Level::Form => steps.push(Step {
                step: "form_with_post",
                detail: hit.extra.join(" "),
            }),
            Level::Shortened => steps.push(Step {
                step: "cadre_words_missing",
                detail: hit.extra.join(" "),
            }),
            _ => {}
        }
        if hit.confidence < GRADE_FLOOR {
            return Err(NotGrade {
                steps,
                ambiguous: Vec::new(),
                below_floor: Some(hit.confidence),
            });
        }
        let grade = &built::GRADES[hit.grade];
        if !explain {
            steps.insert(0, folded_step());
        }
        Ok(GradeMatch {
            cadre: &self.cadres[grade.cadre as usize],
            grade: text(grade.name).to_string(),
            occupation: (grade.occupation != u32::MAX).then(|| text(grade.occupation).to_string()),
            confidence: (hit.confidence * 10_000.0).round() / 10_000.0,
            steps,
            part: false,
        })
    }

    /// The grades one reading of a label matches, at the closest level that has any.
    fn hits(&self, words: &[String], confidence: f64, choice: &[usize], found: &mut Vec<Hit>) {
        let hit = |level: Level, grade: usize, key: String, removed: Vec<String>, extra| Hit {
            confidence: confidence * level.factor(),
            level,
            explained: key.split(' ').count(),
            cadre: built::GRADES[grade].cadre as usize,
            grade,
            choice: choice.to_vec(),
            key,
            removed,
            extra,
        };
        for (level, index) in [
            (Level::Exact, &built::FIRST[..]),
            (Level::SecondPass, &built::SECOND),
        ] {
            let (k, removed) = key(words, level == Level::SecondPass);
            if let Some(grades) = lookup(index, &k) {
                for &g in &built::GRADE_IDS[grades.range()] {
                    let g = g as usize;
                    found.push(hit(level, g, k.clone(), removed.clone(), Vec::new()));
                }
                return;
            }
        }
        let before = found.len();
        let (k, removed) = key(words, false);
        let label: Vec<String> = k.split(' ').map(str::to_string).collect();
        // A word no grade and no cadre's name has (most métier titles have one) leaves only a
        // contract form followed by the post.
        let all_known = label.iter().all(|w| built::KEY_WORDS.contains(w));
        let labelled = || label.iter().map(String::as_str);
        for (g, grade) in built::GRADES.iter().enumerate() {
            let cadre = &self.cadres[grade.cadre as usize];
            if !all_known && cadre.filiere != FORMS {
                continue;
            }
            let Some(extra) = multiset_minus(labelled(), grade.key.texts()) else {
                continue;
            };
            let cadre_words = built::CADRE_WORDS[grade.cadre as usize];
            let level = if extra.iter().all(|w| cadre_words.contains(w)) {
                Level::Qualified
            } else if cadre.filiere == FORMS && opens_the_label(words, &label, grade.key.texts()) {
                Level::Form
            } else {
                continue;
            };
            found.push(hit(level, g, k.clone(), removed.clone(), extra));
        }
        if found.len() > before || label.len() < 2 || !all_known {
            return;
        }
        for (g, grade) in built::GRADES.iter().enumerate() {
            let Some(missing) = multiset_minus(grade.key.texts(), labelled()) else {
                continue;
            };
            let cadre_words = built::CADRE_WORDS[grade.cadre as usize];
            if missing.iter().all(|w| cadre_words.contains(w)) {
                found.push(hit(
                    Level::Shortened,
                    g,
                    k.clone(),
                    removed.clone(),
                    missing,
                ));
            }
        }
    }
}

/// Drops the hits from `from` on that split a sigle's expansion between the grade's words and
/// the words of its cadre's name: a sigle that names a post ("DGS", directeur général des
/// services) is that post whole or is the complement of another one. "Secrétaire du DGS" is the
/// DGS's secretary, not the grade "secrétaire général des services" plus the word "directeur"
/// of its cadre's name; "DGS" alone, or "DGS adjoint", is still the grade.
fn split_sigles_out(readings: &[&Readings], choice: &[usize], found: &mut Vec<Hit>, from: usize) {
    let expansions: Vec<Vec<String>> = (readings.iter().zip(choice))
        .map(|(r, &c)| &r.list[c])
        .filter(|r| r.step.is_some() && r.words.len() > 1)
        .map(|r| {
            key(&r.words, false)
                .0
                .split(' ')
                .map(str::to_string)
                .collect()
        })
        .collect();
    if expansions.is_empty() {
        return;
    }
    let splits = |h: &Hit| {
        h.level == Level::Qualified
            && expansions.iter().any(|e| {
                e.iter().any(|w| h.extra.contains(w)) && e.iter().any(|w| !h.extra.contains(w))
            })
    };
    let tail = found.split_off(from);
    found.extend(tail.into_iter().filter(|h| !splits(h)));
}

/// How closely a label matched a grade, closest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    /// The label's words, rank removed, are the grade's.
    Exact,
    /// Likewise once "chef" after the first word and "général" are removed too.
    SecondPass,
    /// The grade's words plus words of its cadre's name ("Capitaine de sapeurs-pompiers
    /// professionnels", "Assistant de conservation du patrimoine").
    Qualified,
    /// A contractual form's words plus the post's ("Vacataire périscolaire").
    Form,
    /// The grade's words but some of its cadre's name, with two words left at least
    /// ("Attaché de conservation" for "attaché de conservation du patrimoine").
    Shortened,
}

impl Level {
    /// Confidence factor: a contract form followed by a post, or a grade short of words of its
    /// cadre's name, is a guess.
    fn factor(self) -> f64 {
        match self {
            Level::Exact | Level::SecondPass | Level::Qualified => 1.0,
            Level::Form => FORM_WITH_POST,
            Level::Shortened => SHORTENED,
        }
    }
}

/// Whether a contractual form's words (sorted, as its key) open the label, in the title's order
/// (`words`, whose canonical forms the key `label` keeps): a form, then the post ("Vacataire
/// périscolaire"). After a noun of another post ([`names_a_post`], or a specific head noun of a
/// reference title: "Ophtalmologiste vacataire", "Médecin vacataire"), a form's words name whom
/// the post deals with or how it is held, not the post ("Instructeur agréments assistants
/// maternels" licenses childminders; "Agent recenseur (vacataire)" counts the census); other
/// words before the form ("Agent", "Responsable", a code) leave it the form's.
fn opens_the_label(
    words: &[String],
    label: &[String],
    form: impl ExactSizeIterator<Item = &'static str>,
) -> bool {
    let mut form: Vec<&str> = form.collect();
    form.sort_unstable();
    let mut opening: Vec<String> = (words.iter())
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .map(|w| (canonical(w), w))
        .filter(|(c, _)| label.contains(c))
        .skip_while(|(c, w)| {
            !form.contains(&c.as_str()) && !names_a_post(c) && !crate::isco::heads_a_post(w)
        })
        .map(|(c, _)| c)
        .take(form.len())
        .collect();
    opening.sort_unstable();
    opening.iter().map(String::as_str).eq(form)
}

/// Whether a word, canonical, is an agent noun that names a post ("instructeur", "formateur",
/// "archiviste"): the endings of French agent nouns.
fn names_a_post(word: &str) -> bool {
    word.ends_with("eur") || word.ends_with("iste")
}

/// Confidence factor of a contract form followed by the post ("Vacataire périscolaire").
pub const FORM_WITH_POST: f64 = 0.9;
/// Confidence factor of a grade short of words of its cadre's name ("Attaché de conservation").
pub const SHORTENED: f64 = 0.8;

/// A grade one reading of a label matches.
struct Hit {
    confidence: f64,
    level: Level,
    /// Words of the label's key.
    explained: usize,
    cadre: usize,
    grade: usize,
    choice: Vec<usize>,
    key: String,
    removed: Vec<String>,
    /// The label's words beyond the grade's (the grade's missing, for `Shortened`).
    extra: Vec<String>,
}

/// `a` minus `b` as multisets of sorted words, when `b` is contained in `a`. Checked first
/// without allocating: a label is tried against every grade, and fits few.
fn multiset_minus<'a, 'b>(
    a: impl Clone + Iterator<Item = &'a str>,
    b: impl Clone + Iterator<Item = &'b str>,
) -> Option<Vec<String>> {
    if !sorted_minus(a.clone(), b.clone(), |_| {}) {
        return None;
    }
    let mut out = Vec::new();
    sorted_minus(a, b, |w| out.push(w.to_string()));
    Some(out)
}

/// Walks `a` minus `b` (sorted), giving each word of the difference to `rest`; whether `b` is
/// contained in `a`.
fn sorted_minus<'a, 'b>(
    a: impl Iterator<Item = &'a str>,
    b: impl Iterator<Item = &'b str>,
    mut rest: impl FnMut(&'a str),
) -> bool {
    let mut b = b.peekable();
    for w in a {
        match b.peek() {
            Some(&x) if w == x => {
                b.next();
            }
            Some(&x) if w > x => return false,
            _ => rest(w),
        }
    }
    b.peek().is_none()
}

/// The texts a label is tried as after the label itself, with what each leaves aside and
/// whether it is a part: without its parenthesised remarks; each part around " - ".
fn variants(label: &str) -> Vec<(String, Option<String>, bool)> {
    let mut out = Vec::new();
    // Without a bracket, no remark: the loop below would copy the label.
    if label.contains(['(', '[']) {
        let mut plain = String::with_capacity(label.len());
        // The remarks, trimmed, joined by "; " as they come.
        let (mut remarks, mut count) = (String::new(), 0);
        let mut depth = 0;
        let mut remark = String::new();
        for c in label.chars() {
            match c {
                '(' | '[' => {
                    depth += 1;
                    if depth == 1 {
                        remark.clear();
                        continue;
                    }
                }
                ')' | ']' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        if count > 0 {
                            remarks.push_str("; ");
                        }
                        remarks.push_str(remark.trim());
                        count += 1;
                        plain.push(' ');
                        continue;
                    }
                }
                _ => {}
            }
            if depth > 0 {
                remark.push(c);
            } else {
                plain.push(c);
            }
        }
        if count > 0 && !plain.trim().is_empty() {
            out.push((plain.trim().to_string(), Some(remarks), false));
        }
    }
    let base = out.first().map_or(label, |(plain, _, _)| plain.as_str());
    if !base.contains(['-', '–', '—']) {
        return out;
    }
    let parts: Vec<&str> = base
        .split(" - ")
        .flat_map(|p| p.split(" – "))
        .flat_map(|p| p.split(" — "))
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut with_parts = Vec::new();
    if parts.len() > 1 {
        for (i, part) in parts.iter().enumerate() {
            let others: Vec<&str> = (parts.iter().enumerate())
                .filter(|(j, _)| *j != i)
                .map(|(_, p)| p.trim())
                .collect();
            with_parts.push((part.trim().to_string(), Some(others.join(" - ")), true));
        }
    }
    out.extend(with_parts);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ilo::Ilo;
    use std::collections::BTreeSet;

    /// `has_dash` answers as the search for the three characters: on texts of dashes, their
    /// neighbours among the characters of three bytes, and letters.
    #[test]
    fn has_dash_is_the_search_for_any_dash() {
        let alphabet = ["a", "-", "–", "—", "‒", "€", "é", "(", "[", " "];
        let mut texts = vec![String::new()];
        let mut last = texts.clone();
        for _ in 0..4 {
            last = (last.iter())
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(last.iter().cloned());
        }
        for t in &texts {
            assert_eq!(has_dash(t), t.contains(['-', '–', '—']), "{t}");
            assert_eq!(dash_and_bracket(t).1, t.contains(['(', '[']), "{t}");
        }
    }

    fn cadre_of(label: &str) -> Option<String> {
        Grades::builtin()
            .recognise(label)
            .ok()
            .map(|m| m.cadre.id.clone())
    }

    /// A sigle that names a post is that post whole, or the complement of another one: its
    /// words are not shared out between a grade and the words of its cadre's name.
    #[test]
    fn a_sigle_naming_a_post_is_not_split_between_grade_words() {
        assert_eq!(cadre_of("Secrétaire du DGS"), None);
        assert_eq!(cadre_of("Assistante DGS"), None);
        for label in ["DGS", "DGS adjoint", "DGST"] {
            assert!(cadre_of(label).is_some(), "{label}");
        }
    }

    /// The label without its bracketed remarks, as `recognise` tries it, when it has some.
    fn without_remarks(label: &str) -> Option<String> {
        (variants(label).into_iter())
            .find(|(_, _, part)| !part)
            .map(|(text, _, _)| text)
    }

    /// A label whose brackets fold away (`title::brackets_fold_away`) is not tried without
    /// them: that text must normalise as the label does.
    #[test]
    fn brackets_that_fold_away_leave_the_label_as_it_normalises() {
        let fold_away = [
            "Assistant(e) administratif(ve)",
            "Chargé(e) de communication",
            "Adjoint(e) technique - Jardinier(ère)",
            "ANIMATEUR(TRICE)",
            "Acheteur(se) public(que) zbqc",
        ];
        let stay = [
            "Agent(e)s d'entretien",
            "Rédacteur (cat. B)",
            "Adjoint technique (ancien grade)",
            "Agent(e) / Agente",
            "Gardien [remplaçant]",
            "Agent(e) (2e classe)",
            "Educateur(trice)2",
            "(e)",
            "Chargé(e",
        ];
        for label in fold_away.iter().chain(&stay) {
            let folds_away = crate::title::brackets_fold_away(label);
            assert_eq!(folds_away, fold_away.contains(label), "{label}");
            if folds_away {
                let plain = without_remarks(label).expect(label);
                assert_eq!(normalize_title(&plain), normalize_title(label), "{label}");
            }
        }
        // Every label of the tables and titles of the crosswalk's sources with brackets.
        let sources = [
            include_str!("../data/isco/curated.csv"),
            include_str!("../data/isco/titles.csv"),
            include_str!("../data/fpt/cadres.csv"),
            include_str!("../data/isco/coded_titles.csv"),
        ];
        let mut checked = 0;
        for line in sources.iter().flat_map(|s| s.lines()) {
            for label in line.split([',', ';', '"']) {
                if crate::title::brackets_fold_away(label) {
                    let plain = without_remarks(label).expect(label);
                    assert_eq!(normalize_title(&plain), normalize_title(label), "{label}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 0);
    }

    #[test]
    fn runs_of_digits_and_letters_are_split() {
        assert_eq!(split_runs("1cl"), ["1", "cl"]);
        assert_eq!(split_runs("2ecl"), ["2e", "cl"]);
        assert_eq!(split_runs("ppal2"), ["ppal", "2"]);
        assert_eq!(split_runs("1ere"), ["1ere"]);
        assert_eq!(split_runs("2eme"), ["2eme"]);
        assert_eq!(split_runs("technicien"), ["technicien"]);
    }

    #[test]
    fn one_edit_is_one_insertion_deletion_or_substitution() {
        assert!(one_edit("administraif", "administratif"));
        assert!(one_edit("territoral", "territorial"));
        assert!(one_edit("redacteur", "redacteor"));
        assert!(!one_edit("redacteur", "redaction"));
        assert!(!one_edit("agent", "argentin"));
    }

    #[test]
    fn feminine_and_plural_forms_reduce_alike() {
        for (a, b) in [
            ("attachee", "attache"),
            ("territoriaux", "territoriale"),
            ("technicienne", "technicien"),
            ("educatrice", "educateur"),
            ("administrative", "administratif"),
            ("maternelles", "maternelle"),
        ] {
            assert_eq!(canonical(a), canonical(b), "{a} {b}");
        }
    }

    #[test]
    fn a_stratum_is_dropped() {
        let mut w: Vec<String> = "directeur general des services des communes de 80 a 150 000 hab"
            .split(' ')
            .map(str::to_string)
            .collect();
        assert!(drop_stratum(&mut w).is_some());
        assert_eq!(w.join(" "), "directeur general des services");
    }

    #[test]
    fn rank_is_removed_and_abbreviations_expanded() {
        for (label, cadre) in [
            ("Technicien principal de 1ère classe", "technicien"),
            ("Tech. princ. 1CL", "technicien"),
            ("Adj. tech. ppal 1e cl.", "adjoint_technique"),
            ("ADJOINTE TECHNIQUE TERRITORIALE", "adjoint_technique"),
            ("Ingénieur en chef hors classe", "ingenieur_chef"),
            ("Ingénieur hors classe", "ingenieur"),
            ("Ingenieur principal", "ingenieur"),
            ("ATSEM ppal 2cl", "atsem"),
        ] {
            assert_eq!(cadre_of(label).as_deref(), Some(cadre), "{label}");
        }
    }

    #[test]
    fn a_metier_title_with_a_grade_head_is_not_a_grade() {
        for label in [
            "Technicien informatique",
            "Médecin généraliste",
            "Agent de service",
            "Assistant(e) administratif(ve)",
            "Animatrice numérique territoriale",
        ] {
            assert_eq!(cadre_of(label), None, "{label}");
        }
    }

    #[test]
    fn a_phrase_naming_another_post_is_no_grade_lacking_it() {
        let g = Grades::builtin();
        for title in ["Rédacteur en chef", "Attachée de presse"] {
            let n = g.recognise(title).expect_err(title);
            assert!(n.steps.iter().any(|s| s.step == "other_post"), "{title}");
        }
        // A contractual form's words after another head are no form (session 29).
        g.recognise("Animateur du relais d'assistantes maternelles")
            .expect_err("the animateur of a relais");
        // The grades themselves, and a grade whose own name holds the phrase.
        assert_eq!(cadre_of("Rédacteur chef").as_deref(), Some("redacteur"));
        for title in ["Secrétaire de mairie", "Secrétaire générale de mairie"] {
            assert_eq!(
                cadre_of(title).as_deref(),
                Some("secretaire_mairie"),
                "{title}"
            );
        }
        assert_eq!(
            cadre_of("Attaché de presse de cabinet").as_deref(),
            Some("collaborateur_cabinet")
        );
        assert_eq!(
            cadre_of("Assistante maternelle").as_deref(),
            Some("assistant_maternel")
        );
    }

    #[test]
    fn a_misspelt_word_is_a_guess() {
        let m = Grades::builtin()
            .recognise("Adjoint technique territoral principal 2ème classe")
            .unwrap();
        assert_eq!(m.cadre.id, "adjoint_technique");
        assert_eq!(m.confidence, MISSPELT);
        assert!(m.steps.iter().any(|s| s.step == "misspelt"));
        let exact = Grades::builtin().recognise("Adjoint technique").unwrap();
        assert_eq!(exact.confidence, 1.0);
    }

    /// The statics written at build time are the tables read from the CSV files now, their
    /// sorted lists in order (they are searched by halves).
    #[test]
    fn the_built_tables_are_those_of_the_csv_files() {
        let owned = |s: Span| s.texts().map(str::to_string).collect::<Vec<_>>();
        let sorted = |s: Span| {
            let words = owned(s);
            assert!(words.is_sorted_by(|a, b| a < b), "{words:?}");
            words.into_iter().collect::<BTreeSet<String>>()
        };
        let keys = |table: &[(u32, Span)]| {
            let keys: Vec<&str> = table.iter().map(|&(k, _)| text(k)).collect();
            assert!(keys.is_sorted_by(|a, b| a < b), "{keys:?}");
        };
        keys(&built::FIRST);
        keys(&built::SECOND);
        keys(&built::ABBREVIATIONS);
        let index = |table: &[(u32, Span)]| {
            (table.iter())
                .map(|&(k, gs)| {
                    let gs = built::GRADE_IDS[gs.range()].iter();
                    (text(k).to_string(), gs.map(|&g| g as usize).collect())
                })
                .collect()
        };
        let built = tables::Tables {
            cadres: (built::CADRES.iter())
                .map(|c| tables::CadreRow {
                    id: text(c.id).to_string(),
                    libelle: text(c.libelle).to_string(),
                    filiere: text(c.filiere).to_string(),
                    categorie: text(c.categorie).to_string(),
                    grades: owned(c.grades),
                    occupations: (built::SHARES[c.shares.range()].iter())
                        .map(|&(code, share)| (text(code).to_string(), share))
                        .collect(),
                    mix_source: text(c.mix_source).to_string(),
                    justification: text(c.justification).to_string(),
                })
                .collect(),
            grades: (built::GRADES.iter())
                .map(|g| tables::GradeRow {
                    cadre: g.cadre as usize,
                    name: text(g.name).to_string(),
                    occupation: (g.occupation != u32::MAX).then(|| text(g.occupation).to_string()),
                    key: owned(g.key),
                })
                .collect(),
            first: index(&built::FIRST),
            second: index(&built::SECOND),
            cadre_words: built::CADRE_WORDS.iter().map(|&s| sorted(s)).collect(),
            key_words: sorted(built::KEY_WORDS),
            forms: built::FORMS.iter().map(|&g| g as usize).collect(),
            vocabulary: sorted(built::VOCABULARY),
            by_length: owned(built::BY_LENGTH),
            canonical_vocabulary: sorted(built::CANONICAL_VOCABULARY),
            abbreviations: (built::ABBREVIATIONS.iter())
                .map(|&(a, es)| {
                    let es = built::EXPANSIONS[es.range()].iter();
                    (text(a).to_string(), es.map(|&e| owned(e)).collect())
                })
                .collect(),
        };
        let read = tables::parse(
            include_str!("../data/fpt/cadres.csv"),
            include_str!("../data/fpt/abbreviations.csv"),
        );
        assert!(!read.grades.is_empty() && !read.abbreviations.is_empty());
        assert!(built == read, "the statics differ from the CSV files");
    }

    #[test]
    fn form_keys_fit_a_mask() {
        let keys = form_keys();
        assert_eq!(keys.forms.len(), built::FORMS.len());
        assert!(!keys.words.is_empty() && keys.words.len() <= 64);
    }

    /// Leaving aside the labels that cannot match changes no outcome: métier titles of the
    /// crosswalk, labels of the acceptance table, grades followed by a post.
    #[test]
    fn pruning_changes_no_outcome() {
        let grades = Grades::builtin();
        let mut labels: Vec<String> = Vec::new();
        for (table, every) in [
            (include_str!("../tests/data/grades/grade_labels.csv"), 1),
            (include_str!("../data/isco/curated.csv"), 1),
            (include_str!("../data/isco/titles.csv"), 7),
        ] {
            let mut reader = csv::Reader::from_reader(table.as_bytes());
            labels.extend((reader.records().step_by(every)).map(|r| r.unwrap()[0].to_string()));
        }
        for c in &grades.cadres {
            for g in &c.grades {
                for post in ["", " périscolaire", " zq", " informatique", " principal zq"] {
                    labels.push(format!("{g}{post}"));
                }
            }
        }
        for label in &labels {
            assert_eq!(
                format!("{:?}", grades.recognise_words(label, true)),
                format!("{:?}", grades.recognise_words(label, false)),
                "{label}"
            );
        }
    }

    /// A grade of a cadre gathering several professions that names its own occupation is
    /// that occupation, not the cadre's mix; the cadre's other grades keep the mix.
    #[test]
    fn a_grade_naming_its_own_occupation_is_not_its_cadres_mix() {
        let find = |label: &str| {
            let m = (Grades::builtin().find(label, &normalize_title(label))).expect("a grade");
            (m.cadre.id.clone(), m.occupation.clone(), m.is_mix())
        };
        let cabinet = "collaborateur_cabinet".to_string();
        // The head of the executive's cabinet: a senior government official (ISCO 1112).
        let head = find("Directeur de cabinet");
        assert_eq!(head, (cabinet.clone(), Some("1112".to_string()), false));
        assert_eq!(find("Collaborateur de cabinet"), (cabinet, None, true));
    }

    /// Every cadre maps to an occupation the ILO scored, or to a mix of them summing to 1;
    /// every grade leads back to its own cadre.
    #[test]
    fn every_cadre_maps_to_an_occupation_or_a_mix() {
        let grades = Grades::builtin();
        let ilo = Ilo::get();
        assert!(!grades.cadres.is_empty());
        let mut ids = BTreeSet::new();
        for c in &grades.cadres {
            assert!(ids.insert(c.id.clone()), "duplicate cadre {}", c.id);
            assert!(!c.occupations.is_empty(), "{}", c.id);
            let total: f64 = c.occupations.iter().map(|s| s.share).sum();
            assert!(
                (total - 1.0).abs() < 1e-9,
                "{}: shares sum to {total}",
                c.id
            );
            for s in &c.occupations {
                assert!(
                    ilo.occupations.contains_key(s.isco08.as_str()),
                    "{}: {} has no ILO scores",
                    c.id,
                    s.isco08
                );
                assert!(s.share > 0.0, "{}", c.id);
            }
            assert!(!c.justification.trim().is_empty(), "{}", c.id);
            if c.is_mix() {
                assert!(!c.mix_source.trim().is_empty(), "{}", c.id);
            }
            for g in &c.grades {
                let m = grades.recognise(g);
                if let Some(code) = m.as_ref().ok().and_then(|m| m.occupation.as_ref()) {
                    assert!(
                        c.occupations.iter().any(|s| &s.isco08 == code),
                        "{g}: {code} is not among the occupations of {}",
                        c.id
                    );
                }
                assert_eq!(
                    m.as_ref().map(|m| m.cadre.id.as_str()).ok(),
                    Some(c.id.as_str()),
                    "grade {g:?} of {}: {m:?}",
                    c.id
                );
            }
        }
    }

    /// The acceptance table: every label, full or abbreviated, in any case and spelling,
    /// normalises to its cadre d'emplois.
    #[test]
    fn every_label_of_the_table_normalises_to_its_cadre() {
        let table = include_str!("../tests/data/grades/grade_labels.csv");
        let grades = Grades::builtin();
        let mut reader = csv::Reader::from_reader(table.as_bytes());
        let mut failures = Vec::new();
        let mut n = 0;
        for rec in reader.records() {
            let rec = rec.unwrap();
            n += 1;
            assert!(grades.cadre(&rec[1]).is_some(), "unknown cadre {}", &rec[1]);
            match grades.recognise(&rec[0]) {
                Ok(m) if m.cadre.id == rec[1] => {}
                other => failures.push(format!(
                    "{:?} → {:?}, expected {}",
                    &rec[0],
                    other.map(|m| m.cadre.id.clone()),
                    &rec[1]
                )),
            }
        }
        assert!(n > 0);
        assert!(
            failures.is_empty(),
            "{} of {n} labels:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// What a word's readings are made of, to compare two readings.
    fn readings_shown(r: &Readings) -> String {
        let list: Vec<String> = (r.list.iter())
            .map(|r| {
                let step = r.step.as_ref().map(|s| (s.step, s.detail.as_str()));
                format!("{:?} {} {step:?}", r.words, r.factor)
            })
            .collect();
        format!("{list:?} {} {}", r.may_fit, r.form_words)
    }

    /// A word read once for both ways (`Word::readings`) unless it is unknown and five bytes
    /// long or more: any other reads the same with and without spelling corrections.
    fn check_read_alike(word: &str) {
        let g = Grades::builtin();
        let known = g.known(word);
        if g.unknown(word, known) && word.len() >= SPELT_MIN {
            return;
        }
        assert_eq!(
            readings_shown(&g.read(word, known, true)),
            readings_shown(&g.read(word, known, false)),
            "{word}"
        );
    }

    /// Every word of the vocabulary and its abbreviations, their first letters, and each
    /// with a letter changed or added.
    #[test]
    fn words_without_a_correction_read_alike_both_ways() {
        let words =
            (built::VOCABULARY.texts()).chain(built::ABBREVIATIONS.iter().map(|&(a, _)| text(a)));
        for w in words {
            for end in 1..=w.len() {
                if w.is_char_boundary(end) {
                    check_read_alike(&w[..end]);
                }
            }
            check_read_alike(&format!("{w}e"));
            check_read_alike(&format!("x{w}"));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]

        /// Words of a few letters, as a roster's unknown words are.
        #[test]
        fn any_word_without_a_correction_reads_alike_both_ways(word in "[a-z0-9]{1,9}") {
            check_read_alike(&word);
        }
    }
}
