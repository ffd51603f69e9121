//! French job titles → ISCO-08 unit groups: the crosswalk compiled in from `data/isco/`
//! (`curated.csv`, written by hand for local government, then `titles.csv`, the ROME 4.0 titles
//! through ESCO; `sigles.csv`, the sigles expanded before matching), the title reader, the
//! matcher, and the user's `--isco-map FILE`.
//!
//! Matching, in short: both sides are normalised (case, accents, gender forms such as
//! "Agent / Agente", "Chargé(e)", "Assistant·e"), sigles are expanded ("DRH" → "directeur des
//! ressources humaines"), and the content words are stemmed. Each word of the user's title gets a
//! role: the head noun comes first ("Plombier chauffagiste bâtiments communaux"), a generic head
//! takes its complement with it ("Agent de restauration"), the words after them qualify them, and
//! place and rank words ("mairie", "principal de 2e classe") barely count. Words are compared
//! with idf weights; the similarity is `rc × √uc`: `rc` the share of the reference title's weight
//! that the user's title covers, `uc` the share of the user's weight (head and complement whole,
//! qualifiers a half, places a fifth, ranks a tenth) that the reference covers, halved when the
//! reference misses the head noun and its complement. Confidence = similarity × the reference
//! row's own confidence (1 for curated rows). The candidate of highest confidence wins (then
//! similarity, a curated row, the shorter title); under [`CONFIDENCE_FLOOR`] the title is left
//! unmapped with its closest candidates, never scored. A title made only of generic words
//! ("Agent", "Chargé de mission") is unmapped.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use crate::error::InputError;
use crate::messages;
use crate::normalize::header_key;

const CURATED: &str = include_str!("../data/isco/curated.csv");
const TITLES: &str = include_str!("../data/isco/titles.csv");

/// Under this confidence a title is left unmapped, with its closest candidates: every output
/// reads it from here.
pub const CONFIDENCE_FLOOR: f64 = 0.30;
/// A curated title covering the head noun and its complement at this similarity or more wins
/// over the ROME titles.
pub const CURATED_MIN: f64 = 0.50;
/// A stage of the decision rule is passed over when a later stage has a reference title closer
/// than its best by more than this ratio allows.
const STAGE_MARGIN: f64 = 0.8;
/// The similarity kept when the title lacks the reference's own head noun or complement: it
/// names another occupation ("Responsable …" for an "Agent …").
const OTHER_HEAD: f64 = 0.6;
/// The similarity kept when a reference misses the head noun and its complement.
const HEAD_MISSED: f64 = 0.5;

const STOPWORDS: [&str; 24] = [
    "de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "pour", "un",
    "une", "sur", "par", "chez", "avec", "dans", "ou", "h", "f",
];

/// The territorial sigles and short forms, each expanded to its long form before matching
/// (`data/isco/sigles.csv`), on both sides: "DRH" and "Directeur des ressources humaines" give
/// the same words.
const SIGLES: &str = include_str!("../data/isco/sigles.csv");

/// Words that say where the job is, not what it is: a fifth of their weight counts against a
/// reference that lacks them.
const PLACE_WORDS: &str = "mairie annexe ville commune communal municipal territorial \
intercommunal metropole metropolitain departemental regional hotel service direction pole site \
secteur quartier collectivite communaux municipaux territoriaux intercommunaux departementaux \
regionaux";

/// Rank and status words: after the head noun they qualify it ("Brigadier chef principal",
/// "Directeur adjoint", "de 2e classe") and weigh a tenth.
const RANK_WORDS: &str = "principal chef adjoint classe hors exceptionnel superieur normal \
echelon grade stagiaire titulaire contractuel vacataire remplacant saisonnier renfort confirme \
senior junior";

/// Words that name the same thing in job titles, matched as each other (stemmed).
const SYNONYMS: [(&str, &str); 5] = [
    ("directeur", "responsable"),
    ("enseignant", "professeur"),
    ("chauffeur", "conducteur"),
    ("nettoiement", "proprete"),
    ("travailleur", "intervenant"),
];

/// Whether two words differ by one letter added, dropped or changed, or two letters swapped.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ra, rb) = (a.len() - prefix - suffix, b.len() - prefix - suffix);
    match (ra, rb) {
        (0, 0) => false,
        (1, 0) | (0, 1) | (1, 1) => true,
        (2, 2) => a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix],
        _ => false,
    }
}

/// A title made only of these says nothing about the job; matching only on them is no evidence.
/// As a head noun, such a word takes its first complement with it ("Agent de restauration").
const GENERIC_WORDS: &str = "agent charge mission responsable chef gestionnaire assistant adjoint \
directeur technicien employe poste collaborateur cadre stagiaire apprenti vacant contractuel \
renfort saisonnier remplacant titulaire principal classe service referent coordinateur \
conseiller operateur ouvrier equipe unite cellule projet gestion exploitation etude operation";

/// Feminine endings written after a dot or a middle dot: "Agent.e", "Conseiller·ère".
const FEMININE_SUFFIXES: [&str; 16] = [
    "e", "es", "ne", "se", "le", "te", "fe", "ve", "ive", "que", "rice", "trice", "ere", "iere",
    "euse", "ice",
];

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Lower case, accents folded (NFKD), œ/æ spelled out. Decomposed a character at a time: the
/// reordering of a whole-text NFKD moves only combining marks, all dropped (see `normalize`).
fn fold(title: &str) -> String {
    let lower = title.to_lowercase().replace('œ', "oe").replace('æ', "ae");
    let mut folded = String::with_capacity(lower.len());
    for c in lower.chars() {
        if c.is_ascii() {
            folded.push(c);
            continue;
        }
        decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                folded.push(d);
            }
        });
    }
    folded
}

/// Drops "(H/F)", "F/H", "h / f".
fn drop_gender_marks(s: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    let hf = |c: char| c == 'h' || c == 'f';
    while i < s.len() {
        let try_at = |start: usize| -> Option<usize> {
            let mut j = start;
            if s[j] == '(' {
                j += 1;
            }
            if j >= s.len() || !hf(s[j]) || (j > 0 && is_word(s[j - 1])) {
                return None;
            }
            j += 1;
            while j < s.len() && s[j].is_whitespace() {
                j += 1;
            }
            if j >= s.len() || s[j] != '/' {
                return None;
            }
            j += 1;
            while j < s.len() && s[j].is_whitespace() {
                j += 1;
            }
            if j >= s.len() || !hf(s[j]) || (j + 1 < s.len() && is_word(s[j + 1])) {
                return None;
            }
            j += 1;
            if j < s.len() && s[j] == ')' {
                j += 1;
            }
            Some(j)
        };
        match try_at(i) {
            Some(end) => {
                out.push(' ');
                i = end;
            }
            None => {
                out.push(s[i]);
                i += 1;
            }
        }
    }
    out
}

/// Collapses dotted acronyms: "c.c.a.s" and "r.h." become "ccas" and "rh".
fn collapse_acronyms(s: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    let letter = |c: char| c.is_ascii_lowercase();
    while i < s.len() {
        if (i == 0 || !is_word(s[i - 1])) && letter(s[i]) {
            let mut j = i;
            let mut letters = Vec::new();
            while j + 1 < s.len() && letter(s[j]) && s[j + 1] == '.' {
                letters.push(s[j]);
                j += 2;
            }
            if letters.len() >= 2 {
                if j < s.len() && letter(s[j]) && (j + 1 == s.len() || !is_word(s[j + 1])) {
                    letters.push(s[j]);
                    j += 1;
                }
                if j == s.len() || !is_word(s[j]) {
                    out.extend(letters);
                    i = j;
                    continue;
                }
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// Drops written-in feminine forms stuck to a word: "Chargé(e)", "Directeur(trice)",
/// "Agent.e", "Assistant·e", "Opérateur·rice".
fn drop_feminine_forms(s: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if i > 0 && s[i - 1].is_ascii_lowercase() {
            if s[i] == '(' {
                let n = s[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_lowercase())
                    .count();
                if (1..=5).contains(&n) && s.get(i + 1 + n) == Some(&')') {
                    i += n + 2;
                    continue;
                }
            } else if matches!(s[i], '.' | '·' | '•' | '‧' | '⋅') {
                let found = FEMININE_SUFFIXES.iter().find_map(|suffix| {
                    let end = i + 1 + suffix.len();
                    let fits = end <= s.len()
                        && s[i + 1..end].iter().copied().eq(suffix.chars())
                        && (end == s.len() || !is_word(s[end]));
                    fits.then_some(end)
                });
                if let Some(end) = found {
                    i = end;
                    continue;
                }
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

fn ascii_words(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The part of `s` after its last "(", "," and " - ": the words just before a slash.
fn last_segment(s: &str) -> &str {
    let s = s.rsplit('(').next().unwrap_or(s);
    let s = s.rsplit(',').next().unwrap_or(s);
    s.rsplit(" - ").next().unwrap_or(s)
}

/// "Agent / Agente des cimetières" → "Agent des cimetières": when the word after a slash starts
/// like the words before it, the slash gives the feminine form: drop as many words after it.
fn merge_slash_forms(s: &str) -> String {
    let mut parts = s.split('/');
    let mut out = parts.next().unwrap_or("").to_string();
    for part in parts {
        let segment = last_segment(&out);
        let left = ascii_words(segment);
        let right: Vec<&str> = part.split_whitespace().collect();
        let first_right = right.first().map(|w| ascii_words(w)).unwrap_or_default();
        let alike = match (left.first(), first_right.first()) {
            (Some(a), Some(b)) => a.chars().take(3).eq(b.chars().take(3)),
            _ => false,
        };
        let n = segment.split_whitespace().count();
        out.push(' ');
        if alike {
            out.push_str(&right.get(n..).unwrap_or(&[]).join(" "));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// A title as plain lower-case ASCII words: accents folded, gender marks and written-in
/// feminine forms dropped, dotted acronyms collapsed, slash forms merged.
pub fn normalize_title(title: &str) -> String {
    let chars: Vec<char> = fold(title).chars().collect();
    // Each pass changes only titles holding its mark: most titles skip a copy or two.
    let has = |chars: &[char], marks: &[char]| chars.iter().any(|c| marks.contains(c));
    let chars = if has(&chars, &['/']) {
        drop_gender_marks(&chars)
    } else {
        chars
    };
    let chars = if has(&chars, &['.']) {
        collapse_acronyms(&chars)
    } else {
        chars
    };
    let chars = if has(&chars, &['(', '.', '·', '•', '‧', '⋅']) {
        drop_feminine_forms(&chars)
    } else {
        chars
    };
    let s: String = chars
        .into_iter()
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    let s = merge_slash_forms(&s);
    ascii_words(&s).join(" ")
}

/// Light French stemming: plural, then feminine endings to masculine.
pub fn stem(word: &str) -> String {
    let mut w = word;
    if w.len() > 3 && (w.ends_with('s') || w.ends_with('x')) {
        w = &w[..w.len() - 1];
    }
    for (from, to) in [
        ("rice", "eur"),
        ("euse", "eur"),
        ("iere", "ier"),
        ("ere", "er"),
        ("enne", "en"),
        ("onne", "on"),
        ("elle", "el"),
        ("ette", "et"),
        ("ive", "if"),
        ("ffe", "f"),
    ] {
        if w.len() > from.len() + 2 && w.ends_with(from) {
            return format!("{}{to}", &w[..w.len() - from.len()]);
        }
    }
    if w.len() > 4 && w.ends_with('e') {
        w = &w[..w.len() - 1];
    }
    w.to_string()
}

/// FNV-1a: every word of the 13,000 reference titles is looked up in the small word tables
/// below while the index is built; on words this short it costs a fraction of SipHash.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<V> = HashMap<String, V, std::hash::BuildHasherDefault<Fnv>>;

/// The sigles of `data/isco/sigles.csv`: the short form → its long form, normalised.
fn sigles() -> &'static FnvMap<String> {
    static SIGLE_MAP: OnceLock<FnvMap<String>> = OnceLock::new();
    SIGLE_MAP.get_or_init(|| {
        csv::Reader::from_reader(SIGLES.as_bytes())
            .records()
            .map(|rec| {
                let rec = rec.expect("data/isco/sigles.csv is valid CSV");
                (rec[0].to_string(), normalize_title(&rec[1]))
            })
            .collect()
    })
}

fn sigle(word: &str) -> Option<&'static str> {
    sigles().get(word).map(String::as_str)
}

/// What a stemmed word is to the title reader: a place, a rank, a generic word (or several).
#[derive(Clone, Copy, Default)]
struct Kind {
    place: bool,
    rank: bool,
    generic: bool,
}

fn kinds() -> &'static FnvMap<Kind> {
    static KINDS: OnceLock<FnvMap<Kind>> = OnceLock::new();
    KINDS.get_or_init(|| {
        let mut map: FnvMap<Kind> = FnvMap::default();
        for (words, set) in [
            (
                PLACE_WORDS,
                (|k: &mut Kind| k.place = true) as fn(&mut Kind),
            ),
            (RANK_WORDS, |k: &mut Kind| k.rank = true),
            (GENERIC_WORDS, |k: &mut Kind| k.generic = true),
        ] {
            for w in words.split_whitespace() {
                set(map.entry(stem(w)).or_default());
            }
        }
        map
    })
}

fn kind(token: &str) -> Kind {
    kinds().get(token).copied().unwrap_or_default()
}

/// Whether a token is an ordinal ("2e", "1ere", "2eme", "2cl"): a rank.
fn is_ordinal(token: &str) -> bool {
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && ["", "e", "er", "re", "ere", "eme", "nd", "nde", "cl"].contains(&&token[digits..])
}

pub fn is_generic(token: &str) -> bool {
    kind(token).generic
}

/// The part a word plays in a French job title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The occupation, first: "Plombier" in "Plombier chauffagiste".
    Head,
    /// The complement a generic head needs: "restauration" in "Agent de restauration".
    Complement,
    /// What narrows the occupation down, after it: "chauffagiste", "scolaire".
    Qualifier,
    /// Where the job sits: "mairie", "communal", "service".
    Place,
    /// Rank or status after the head: "principal", "2e classe", "adjoint".
    Rank,
}

impl Role {
    /// The share of a word's weight that counts against a reference lacking it.
    fn factor(self) -> f64 {
        match self {
            Role::Head | Role::Complement => 1.0,
            Role::Qualifier => 0.5,
            Role::Place => 0.2,
            Role::Rank => 0.1,
        }
    }

    /// The same for a word of a reference title: its qualifiers say what it is, in full.
    fn reference_factor(self) -> f64 {
        match self {
            Role::Qualifier => 1.0,
            other => other.factor(),
        }
    }

    fn is_core(self) -> bool {
        matches!(self, Role::Head | Role::Complement)
    }
}

/// One content word of a title, stemmed, with its role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TitleWord {
    pub word: String,
    pub role: Role,
}

/// A title read as a French job title, step by step.
#[derive(Debug, Clone, Serialize)]
pub struct ReadTitle {
    /// Lower-case ASCII words, gender forms dropped.
    pub normalized: String,
    /// The sigles found and their long forms.
    pub sigles: Vec<(String, String)>,
    /// The content words, stemmed, in title order, without repeats.
    pub words: Vec<TitleWord>,
}

/// Reads a title: normalised, sigles expanded, stop words dropped, stemmed, and each word given
/// its role. The head noun is the first word that is neither a rank nor a place; a generic head
/// ("Agent", "Chargé", "Responsable") takes the next specific word as its complement; the words
/// after them qualify them.
pub fn read_title(title: &str) -> ReadTitle {
    let normalized = normalize_title(title);
    let mut sigles_found = Vec::new();
    // Each word with the position of the title word it comes from: the words of an expanded
    // sigle are one unit, and share the role of its first word.
    let mut expanded: Vec<(&str, usize)> = Vec::new();
    for (at, w) in normalized.split(' ').filter(|w| !w.is_empty()).enumerate() {
        match sigle(w) {
            Some(long) => {
                if !sigles_found.iter().any(|(s, _): &(String, String)| s == w) {
                    sigles_found.push((w.to_string(), long.to_string()));
                }
                expanded.extend(long.split(' ').map(|x| (x, at)));
            }
            None => expanded.push((w, at)),
        }
    }
    let mut words: Vec<TitleWord> = Vec::new();
    let mut core_open = true;
    let mut seen_head = false;
    let mut unit: Option<(usize, Role)> = None;
    for (w, at) in expanded {
        if w.len() < 2 || STOPWORDS.contains(&w) {
            continue;
        }
        let word = stem(w);
        if words.iter().any(|x| x.word == word) {
            continue;
        }
        let Kind {
            place,
            rank,
            generic,
        } = kind(&word);
        let rank = rank || is_ordinal(&word);
        let role = if let Some((_, role)) = unit.filter(|(u, _)| *u == at) {
            match role {
                Role::Head | Role::Complement => Role::Complement,
                other => other,
            }
        } else if !seen_head && !place && (!rank || generic) {
            seen_head = true;
            core_open = generic;
            Role::Head
        } else if place {
            Role::Place
        } else if rank && seen_head {
            Role::Rank
        } else if core_open {
            core_open = generic;
            Role::Complement
        } else {
            Role::Qualifier
        };
        if unit.is_none_or(|(u, _)| u != at) {
            unit = Some((at, role));
        }
        words.push(TitleWord { word, role });
    }
    ReadTitle {
        normalized,
        sigles: sigles_found,
        words,
    }
}

/// The matching tokens of a title: stemmed content words, sigles expanded; sorted, without
/// duplicates.
pub fn tokens(title: &str) -> Vec<String> {
    let mut words: Vec<String> = read_title(title)
        .words
        .into_iter()
        .map(|w| w.word)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Which table a reference title comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Table {
    /// `data/isco/curated.csv`, written by hand for local government.
    Curated,
    /// `data/isco/titles.csv`, the ROME 4.0 titles through ESCO.
    Rome,
}

#[derive(Debug, Clone)]
pub struct Reference {
    pub title: String,
    pub isco: String,
    /// Confidence of the row itself (1 for curated rows).
    pub confidence: f64,
    /// How the row's code was found (`curated`, or the ROME → ESCO path).
    pub via: String,
    /// The curated row's one-line reason.
    pub reason: Option<String>,
    pub table: Table,
    /// Token ids, sorted, each with its role's factor in the reference title and whether it
    /// is its head noun or the complement of a generic head.
    tokens: Vec<(u32, f64, bool)>,
    weight: f64,
    /// Characters in the title (shorter titles win ties).
    length: i64,
}

/// The title → ISCO-08 crosswalk with an inverted index over its reference titles.
pub struct Crosswalk {
    pub references: Vec<Reference>,
    vocabulary: FnvMap<u32>,
    /// Tokens in alphabetical order, for prefix look-ups.
    sorted: Vec<(String, u32)>,
    idf: Vec<f64>,
    postings: Vec<Vec<u32>>,
    unseen_idf: f64,
}

/// A reference title matched to a user's title.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub reference: String,
    pub isco08: String,
    pub table: Table,
    /// Word overlap in [0, 1] (rc × √uc).
    pub similarity: f64,
    /// Similarity × the reference row's own confidence.
    pub confidence: f64,
    pub via: String,
    /// The user's words that matched.
    pub matched: Vec<String>,
    /// What of the user's title the reference covers.
    pub basis: Basis,
    /// The stage of the decision rule the candidate belongs to.
    pub stage: Stage,
    #[serde(skip)]
    pub index: usize,
}

/// The stages of the decision rule, tried in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The reference covers the whole title, and the title has its head noun and complement.
    WholeTitle,
    /// The reference shares the title's head noun and complement.
    HeadNoun,
    /// Any reference sharing a specific word.
    Closest,
}

impl Stage {
    pub fn describe_in(self, lang: crate::i18n::Lang) -> &'static str {
        let fr = lang == crate::i18n::Lang::Fr;
        match (self, fr) {
            (Stage::WholeTitle, false) => "1. a reference title covering the whole title",
            (Stage::WholeTitle, true) => "1. un intitulé de référence qui couvre tout l'intitulé",
            (Stage::HeadNoun, false) => {
                "2. nothing covers the whole title: a reference title with the same head noun and complement"
            }
            (Stage::HeadNoun, true) => {
                "2. rien ne couvre tout l'intitulé : un intitulé de référence de même nom de tête et complément"
            }
            (Stage::Closest, false) => "3. neither: the closest reference title",
            (Stage::Closest, true) => {
                "3. ni l'un ni l'autre : l'intitulé de référence le plus proche"
            }
        }
    }
}

/// What of a user's title a reference title covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Every word but places and ranks.
    WholeTitle,
    /// The head noun and its complement, not every qualifier.
    HeadNoun,
    /// Part of the head noun and its complement.
    PartOfHead,
    /// Qualifiers only, not the head noun: halved.
    QualifiersOnly,
}

impl Basis {
    pub fn describe_in(self, lang: crate::i18n::Lang) -> &'static str {
        let fr = lang == crate::i18n::Lang::Fr;
        match (self, fr) {
            (Basis::WholeTitle, false) => "the whole title",
            (Basis::WholeTitle, true) => "l'intitulé entier",
            (Basis::HeadNoun, false) => "the head noun (and its complement), not every qualifier",
            (Basis::HeadNoun, true) => {
                "le nom de tête (et son complément), pas tous les qualificatifs"
            }
            (Basis::PartOfHead, false) => "part of the head noun and its complement",
            (Basis::PartOfHead, true) => "une partie du nom de tête et de son complément",
            (Basis::QualifiersOnly, false) => {
                "qualifiers only, not the head noun (similarity halved)"
            }
            (Basis::QualifiersOnly, true) => {
                "des qualificatifs seulement, pas le nom de tête (similarité divisée par deux)"
            }
        }
    }
}

/// Where a job's ISCO-08 code comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IscoSource {
    /// The roster's `isco` column.
    Roster,
    /// The user's `--isco-map FILE`.
    IscoMap,
    /// The job title, through the crosswalk.
    Title,
    /// The job title recognised as a grade of the fonction publique territoriale.
    Grade,
}

/// What a job's figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoredFrom {
    /// The job's own task rows.
    Tasks,
    /// The ILO tasks of its ISCO-08 occupation (a job without task rows).
    Ilo,
}

/// How a job's code was found from its title (or the user's map).
#[derive(Debug, Clone, Serialize)]
pub struct IscoMatch {
    /// The reference title matched (the map's title for `--isco-map`).
    pub reference: String,
    /// `curated`, `rome`, or null for the user's map.
    pub table: Option<Table>,
    /// Word overlap with the reference title, null for the user's map.
    pub similarity: Option<f64>,
    /// Similarity × the reference row's confidence (1 for the user's map).
    pub confidence: f64,
    /// How the reference row's code was found, or `FILE:LINE` of the user's map.
    pub via: String,
}

impl IscoMatch {
    pub fn of(c: &Candidate) -> IscoMatch {
        let round = |x: f64| (x * 10_000.0).round() / 10_000.0;
        IscoMatch {
            reference: c.reference.clone(),
            table: Some(c.table),
            similarity: Some(round(c.similarity)),
            confidence: round(c.confidence),
            via: c.via.clone(),
        }
    }
}

/// Why a title was left unmapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unmapped {
    /// No content word at all.
    Empty,
    /// Only generic words ("Agent", "Chargé de mission", "Poste vacant").
    Generic,
    /// No reference title shares a meaningful word.
    NoMatch,
    /// The best candidate is under the confidence floor.
    LowConfidence,
    /// The user's `--isco-map` leaves the title unmapped on purpose.
    IscoMap,
    /// The roster gives an ISCO-08 code that the ILO did not score.
    NoIloScores,
}

impl Unmapped {
    /// `describe` in the language of `lang`.
    pub fn describe_in(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::En {
            return self.describe();
        }
        match self {
            Unmapped::Empty => "aucun mot à rapprocher",
            Unmapped::Generic => "seulement des mots génériques (agent, chargé de mission, poste…)",
            Unmapped::NoMatch => "aucun intitulé de référence ne partage un mot significatif",
            Unmapped::LowConfidence => "meilleur candidat sous le seuil de confiance",
            Unmapped::IscoMap => "laissé sans code par --isco-map",
            Unmapped::NoIloScores => "le code CITP-08 du fichier n'a pas de scores OIT",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Unmapped::Empty => "no word to match",
            Unmapped::Generic => "only generic words (agent, chargé de mission, poste…)",
            Unmapped::NoMatch => "no reference title shares a meaningful word",
            Unmapped::LowConfidence => "best candidate under the confidence floor",
            Unmapped::IscoMap => "left unmapped by --isco-map",
            Unmapped::NoIloScores => "the roster's ISCO-08 code has no ILO scores",
        }
    }
}

/// The outcome of matching one title.
#[derive(Debug, Clone)]
pub enum TitleMatch {
    Mapped(Candidate),
    Unmapped {
        reason: Unmapped,
        best: Option<Candidate>,
    },
}

/// A user's title, prepared for scoring against references.
struct Query {
    words: Vec<String>,
    roles: Vec<Role>,
    /// idf × the role's factor.
    weights: Vec<f64>,
    generic: Vec<bool>,
    /// Per user word, the vocabulary tokens it matches (sorted).
    matches: Vec<Vec<u32>>,
}

impl Crosswalk {
    /// The built-in crosswalk, parsed once.
    pub fn builtin() -> &'static Crosswalk {
        static CROSSWALK: OnceLock<Crosswalk> = OnceLock::new();
        CROSSWALK.get_or_init(|| Crosswalk::parse(CURATED, TITLES))
    }

    fn parse(curated: &str, titles: &str) -> Crosswalk {
        let mut rows = Vec::new();
        let mut reader = csv::Reader::from_reader(curated.as_bytes());
        for rec in reader.records() {
            let rec = rec.expect("data/isco/curated.csv is valid CSV");
            // title, isco08, family, reason (empty where the code is plain)
            let reason = rec[3].trim();
            rows.push((
                rec[0].to_string(),
                rec[1].to_string(),
                1.0,
                "curated".to_string(),
                (!reason.is_empty()).then(|| reason.to_string()),
                Table::Curated,
            ));
        }
        let mut reader = csv::Reader::from_reader(titles.as_bytes());
        for rec in reader.records() {
            let rec = rec.expect("data/isco/titles.csv is valid CSV");
            rows.push((
                rec[0].to_string(),
                rec[1].to_string(),
                rec[2].parse().expect("confidence"),
                rec[3].to_string(),
                None,
                Table::Rome,
            ));
        }
        let mut vocabulary: FnvMap<u32> = FnvMap::default();
        let mut df: Vec<u32> = Vec::new();
        let mut references = Vec::with_capacity(rows.len());
        for (title, isco, confidence, via, reason, table) in rows {
            let ids: Vec<(u32, f64, bool)> = read_title(&title)
                .words
                .into_iter()
                .map(|w| {
                    let next = vocabulary.len() as u32;
                    let id = *vocabulary.entry(w.word).or_insert(next);
                    if id as usize == df.len() {
                        df.push(0);
                    }
                    df[id as usize] += 1;
                    (id, w.role.reference_factor(), w.role.is_core())
                })
                .collect();
            references.push(Reference {
                length: title.chars().count() as i64,
                title,
                isco,
                confidence,
                via,
                reason,
                table,
                tokens: ids,
                weight: 0.0,
            });
        }
        let n = references.len() as f64;
        let idf: Vec<f64> = df
            .iter()
            .map(|&d| ((n + 1.0) / (d as f64 + 1.0)).ln() + 1.0)
            .collect();
        let mut postings = vec![Vec::new(); idf.len()];
        for (i, r) in references.iter_mut().enumerate() {
            r.tokens.sort_unstable_by_key(|&(t, _, _)| t);
            r.weight = r.tokens.iter().map(|&(t, f, _)| idf[t as usize] * f).sum();
            for &(t, _, _) in &r.tokens {
                postings[t as usize].push(i as u32);
            }
        }
        let mut sorted: Vec<(String, u32)> =
            vocabulary.iter().map(|(k, &v)| (k.clone(), v)).collect();
        sorted.sort();
        Crosswalk {
            references,
            vocabulary,
            sorted,
            idf,
            postings,
            unseen_idf: (n + 1.0).ln() + 1.0,
        }
    }

    /// Vocabulary tokens that match a user word: the word itself when the vocabulary knows it
    /// (so "gardien" does not reach "gardiennage", nor "surface" "surfacage"); otherwise, a
    /// truncated or derived form, the tokens it is a prefix of, or that are a prefix of it, both
    /// at least 5 letters.
    fn matching_tokens(&self, word: &str) -> Vec<u32> {
        let synonyms = SYNONYMS
            .iter()
            .filter_map(|&(a, b)| (a == word).then_some(b).or((b == word).then_some(a)));
        let mut out: Vec<u32> = synonyms
            .filter_map(|w| self.vocabulary.get(w).copied())
            .collect();
        if let Some(&id) = self.vocabulary.get(word) {
            out.push(id);
            out.sort_unstable();
            return out;
        }
        if word.len() >= 5 {
            let start = self.sorted.partition_point(|(t, _)| t.as_str() < word);
            for (t, id) in &self.sorted[start..] {
                if !t.starts_with(word) {
                    break;
                }
                out.push(*id);
            }
            for end in 5..word.len() {
                if let Some(&id) = self.vocabulary.get(&word[..end]) {
                    out.push(id);
                }
            }
        }
        if out.is_empty() && word.len() >= 6 {
            // A typo: one letter added, dropped, changed or two swapped ("acceuil").
            out.extend(
                self.sorted
                    .iter()
                    .filter(|(t, _)| {
                        t.len().abs_diff(word.len()) <= 1
                            && t.as_bytes()[0] == word.as_bytes()[0]
                            && one_edit_apart(t, word)
                    })
                    .map(|(_, id)| *id),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn query(&self, read: &ReadTitle) -> Query {
        let words: Vec<String> = read.words.iter().map(|w| w.word.clone()).collect();
        let weights = read
            .words
            .iter()
            .map(|w| {
                let idf = match self.vocabulary.get(&w.word) {
                    Some(&id) => self.idf[id as usize],
                    None => self.unseen_idf,
                };
                idf * w.role.factor()
            })
            .collect();
        let roles = read.words.iter().map(|w| w.role).collect();
        let generic = words.iter().map(|w| is_generic(w)).collect();
        let matches = words.iter().map(|w| self.matching_tokens(w)).collect();
        Query {
            words,
            roles,
            weights,
            generic,
            matches,
        }
    }

    /// Similarity of a reference to the query, the user words it matched (as a bit mask), and
    /// whether the user's words cover the reference's own head noun and complement.
    fn similarity(&self, q: &Query, r: &Reference) -> (f64, u64, bool) {
        let mut user_mask = 0u64;
        let mut matched_ref = 0.0;
        let mut reference_head = true;
        for &(t, factor, core) in &r.tokens {
            let mut hit = false;
            for (i, m) in q.matches.iter().enumerate().take(64) {
                if m.binary_search(&t).is_ok() {
                    user_mask |= 1 << i;
                    hit = true;
                }
            }
            if hit {
                matched_ref += self.idf[t as usize] * factor;
            } else if core {
                reference_head = false;
            }
        }
        let hit = |i: usize| i < 64 && user_mask & (1 << i) != 0;
        if !(0..q.words.len()).any(|i| hit(i) && !q.generic[i]) {
            return (0.0, user_mask, reference_head);
        }
        let (mut matched_user, mut all_user) = (0.0, 0.0);
        for i in 0..q.words.len() {
            all_user += q.weights[i];
            if hit(i) {
                matched_user += q.weights[i];
            }
        }
        let rc = matched_ref / r.weight;
        let uc = matched_user / all_user;
        let head = (0..q.words.len()).any(|i| hit(i) && q.roles[i].is_core());
        let mut penalty = if head { 1.0 } else { HEAD_MISSED };
        if !reference_head {
            penalty *= OTHER_HEAD;
        }
        (rc * uc.sqrt() * penalty, user_mask, reference_head)
    }

    /// Every reference title sharing an informative word with the query: its index, its
    /// similarity and the user words it matched (a bit mask).
    fn scored(&self, q: &Query) -> Vec<Scored> {
        let mut ids: Vec<u32> = Vec::new();
        for (i, m) in q.matches.iter().enumerate() {
            if !q.generic[i] {
                for &t in m {
                    ids.extend_from_slice(&self.postings[t as usize]);
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .filter_map(|i| {
                let r = &self.references[i as usize];
                let (similarity, mask, reference_head) = self.similarity(q, r);
                (similarity > 0.0).then_some(Scored {
                    index: i as usize,
                    similarity,
                    confidence: similarity * r.confidence,
                    mask,
                    reference_head,
                })
            })
            .collect()
    }

    fn candidate(&self, q: &Query, s: &Scored, stage: Stage) -> Candidate {
        let r = &self.references[s.index];
        let hit = |i: usize| i < 64 && s.mask & (1 << i) != 0;
        let n = q.words.len();
        let core = |i: &usize| q.roles[*i].is_core();
        let counted = |i: &usize| !matches!(q.roles[*i], Role::Place | Role::Rank);
        let basis = if (0..n).filter(counted).all(hit) {
            Basis::WholeTitle
        } else if (0..n).filter(core).all(hit) {
            Basis::HeadNoun
        } else if (0..n).filter(core).any(hit) {
            Basis::PartOfHead
        } else {
            Basis::QualifiersOnly
        };
        Candidate {
            reference: r.title.clone(),
            isco08: r.isco.clone(),
            table: r.table,
            similarity: s.similarity,
            confidence: s.confidence,
            via: r.via.clone(),
            matched: (0..n)
                .filter(|&i| hit(i))
                .map(|i| q.words[i].clone())
                .collect(),
            basis,
            stage,
            index: s.index,
        }
    }

    /// The first stage of the decision rule a candidate qualifies for.
    fn stage_of(&self, q: &Query, s: &Scored) -> Stage {
        let hit = |i: usize| i < 64 && s.mask & (1 << i) != 0;
        let all =
            |keep: &dyn Fn(Role) -> bool| (0..q.words.len()).filter(|&i| keep(q.roles[i])).all(hit);
        if !s.reference_head {
            Stage::Closest
        } else if all(&|r| !matches!(r, Role::Place | Role::Rank)) {
            Stage::WholeTitle
        } else if all(&Role::is_core) {
            Stage::HeadNoun
        } else {
            Stage::Closest
        }
    }

    /// The decision rule: the candidates that cover the whole title (and whose own head noun
    /// and complement the title has), else those that share its head noun and complement,
    /// else all. Within a stage, the best curated title at [`CURATED_MIN`] or more (local
    /// government's reading of the words), else the candidate of highest confidence.
    fn choose<'s>(&self, q: &Query, all: &'s [Scored]) -> (Stage, Option<&'s Scored>) {
        let closest = all.iter().map(|s| s.similarity).fold(0.0, f64::max);
        for stage in [Stage::WholeTitle, Stage::HeadNoun, Stage::Closest] {
            let eligible = || {
                all.iter()
                    .filter(move |s| stage == Stage::Closest || self.stage_of(q, s) == stage)
            };
            let curated = eligible()
                .filter(|s| {
                    self.references[s.index].table == Table::Curated && s.similarity >= CURATED_MIN
                })
                .min_by(|a, b| self.rank(a, b));
            let best = curated.or_else(|| eligible().min_by(|a, b| self.rank(a, b)));
            match best {
                Some(b) if stage == Stage::Closest => return (stage, Some(b)),
                Some(b)
                    if b.confidence >= CONFIDENCE_FLOOR
                        && b.similarity >= STAGE_MARGIN * closest =>
                {
                    return (stage, Some(b));
                }
                _ => {}
            }
        }
        (Stage::Closest, None)
    }

    /// The ranking of candidates: higher confidence, then higher similarity, then a curated
    /// row, then the shorter title, then the earlier row.
    fn rank(&self, a: &Scored, b: &Scored) -> std::cmp::Ordering {
        let (ra, rb) = (&self.references[a.index], &self.references[b.index]);
        b.confidence
            .total_cmp(&a.confidence)
            .then(b.similarity.total_cmp(&a.similarity))
            .then((rb.table == Table::Curated).cmp(&(ra.table == Table::Curated)))
            .then(ra.length.cmp(&rb.length))
            .then(a.index.cmp(&b.index))
    }

    /// Matches one title: the candidate of highest confidence, if at [`CONFIDENCE_FLOOR`] or
    /// more, else unmapped.
    pub fn match_title(&self, title: &str) -> TitleMatch {
        self.decide(title, false).1
    }

    /// Every candidate (sorted best first) and the decision.
    pub fn explain(&self, title: &str) -> (Vec<Candidate>, TitleMatch) {
        self.decide(title, true)
    }

    fn decide(&self, title: &str, list: bool) -> (Vec<Candidate>, TitleMatch) {
        let read = read_title(title);
        if read.words.is_empty() {
            return (Vec::new(), unmapped(Unmapped::Empty, None));
        }
        if read.words.iter().all(|w| is_generic(&w.word)) {
            return (Vec::new(), unmapped(Unmapped::Generic, None));
        }
        let q = self.query(&read);
        let mut all = self.scored(&q);
        let (stage, best) = self.choose(&q, &all);
        let decision = match best {
            None => unmapped(Unmapped::NoMatch, None),
            Some(s) if s.confidence >= CONFIDENCE_FLOOR => {
                TitleMatch::Mapped(self.candidate(&q, s, stage))
            }
            Some(s) => unmapped(Unmapped::LowConfidence, Some(self.candidate(&q, s, stage))),
        };
        if !list {
            return (Vec::new(), decision);
        }
        all.sort_by(|a, b| self.rank(a, b));
        let all = all
            .iter()
            .map(|s| self.candidate(&q, s, self.stage_of(&q, s)))
            .collect();
        (all, decision)
    }
}

/// A reference scored against a query, before it is worth building a [`Candidate`].
struct Scored {
    index: usize,
    similarity: f64,
    confidence: f64,
    mask: u64,
    /// The user's words cover the reference's head noun and complement.
    reference_head: bool,
}

fn unmapped(reason: Unmapped, best: Option<Candidate>) -> TitleMatch {
    TitleMatch::Unmapped { reason, best }
}

/// A user's `--isco-map FILE`: `title,isco08` rows that take precedence over the crosswalk.
/// A roster title uses a row when both normalise to the same words (case, accents, gender
/// forms, abbreviations, stop words and word order do not matter). An empty `isco08` leaves
/// the title unmapped on purpose.
#[derive(Debug, Clone, Default)]
pub struct IscoMap {
    pub source: String,
    rows: HashMap<String, MapRow>,
}

#[derive(Debug, Clone)]
pub struct MapRow {
    pub title: String,
    pub isco: Option<String>,
    pub line: u64,
}

fn map_key(title: &str) -> String {
    let words = tokens(title);
    if words.is_empty() {
        normalize_title(title)
    } else {
        words.join(" ")
    }
}

impl IscoMap {
    /// Reads a map file (UTF-8 or Windows-1252; `,`, `;` or tab). `known` says whether an
    /// ISCO-08 code has ILO scores.
    pub fn load(path: &Path, known: impl Fn(&str) -> bool) -> Result<IscoMap, InputError> {
        let text = crate::load::read_text(path)?;
        IscoMap::parse(&text, &path.display().to_string(), known)
    }

    pub fn parse(
        text: &str,
        name: &str,
        known: impl Fn(&str) -> bool,
    ) -> Result<IscoMap, InputError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first = text.lines().next().unwrap_or("");
        let delimiter = [b';', b'\t', b',']
            .into_iter()
            .max_by_key(|d| first.bytes().filter(|b| b == d).count())
            .filter(|d| first.as_bytes().contains(d))
            .unwrap_or(b',');
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| InputError::file(name, messages::bad_header(&e)))?
            .clone();
        let find = |names: &[&str]| {
            headers
                .iter()
                .position(|h| names.contains(&header_key(h).as_str()))
        };
        let title_col = find(&[
            "title",
            "titre",
            "intitule",
            "job",
            "metier",
            "emploi",
            "poste",
            "intituleduposte",
        ]);
        let isco_col = find(&["isco08", "isco", "citp", "citp08", "codeisco"]);
        let (Some(title_col), Some(isco_col)) = (title_col, isco_col) else {
            return Err(InputError::at(
                name,
                1,
                messages::isco_map_header(&headers.iter().collect::<Vec<_>>().join(",")),
            ));
        };
        let mut rows: HashMap<String, MapRow> = HashMap::new();
        for rec in reader.records() {
            let rec = rec.map_err(|e| InputError::file(name, messages::csv_reader_error(&e)))?;
            let line = rec.position().map(|p| p.line()).unwrap_or(0);
            let title = rec.get(title_col).unwrap_or("").trim();
            let isco = rec.get(isco_col).unwrap_or("").trim();
            if title.is_empty() && isco.is_empty() {
                continue;
            }
            let key = map_key(title);
            if key.is_empty() {
                return Err(InputError::cell(
                    name,
                    line,
                    title_col + 1,
                    &headers[title_col],
                    messages::isco_map_empty_title(title),
                ));
            }
            let isco = if isco.is_empty() || isco == "-" {
                None
            } else if isco.len() == 4 && isco.bytes().all(|b| b.is_ascii_digit()) {
                if !known(isco) {
                    return Err(InputError::cell(
                        name,
                        line,
                        isco_col + 1,
                        &headers[isco_col],
                        messages::isco_map_unscored(isco),
                    ));
                }
                Some(isco.to_string())
            } else {
                return Err(InputError::cell(
                    name,
                    line,
                    isco_col + 1,
                    &headers[isco_col],
                    messages::isco_map_bad_code(isco),
                ));
            };
            if let Some(prev) = rows.get(&key) {
                if prev.isco != isco {
                    return Err(InputError::at(
                        name,
                        line,
                        messages::isco_map_conflict(
                            title,
                            isco.as_deref(),
                            (prev.line, &prev.title, prev.isco.as_deref()),
                        ),
                    ));
                }
                continue;
            }
            rows.insert(
                key,
                MapRow {
                    title: title.to_string(),
                    isco,
                    line,
                },
            );
        }
        Ok(IscoMap {
            source: name.to_string(),
            rows,
        })
    }

    pub fn get(&self, title: &str) -> Option<&MapRow> {
        self.rows.get(&map_key(title))
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Around every Unicode scalar value, folding a character at a time gives what folding
    /// the whole text does (NFKD, then combining marks dropped).
    #[test]
    fn every_character_folds_as_the_whole_text_nfkd_would() {
        use unicode_normalization::UnicodeNormalization;
        let whole = |title: &str| -> String {
            let lower = title.to_lowercase().replace('œ', "oe").replace('æ', "ae");
            lower.nfkd().filter(|c| !is_combining_mark(*c)).collect()
        };
        let differ: Vec<String> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| {
                let text = format!("Œ{c}e\u{301}{c}ß");
                fold(&text) != whole(&text)
            })
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(
            differ.is_empty(),
            "{} differ: {:?}",
            differ.len(),
            &differ[..differ.len().min(20)]
        );
    }

    fn isco(title: &str) -> Option<String> {
        match Crosswalk::builtin().match_title(title) {
            TitleMatch::Mapped(c) => Some(c.isco08),
            TitleMatch::Unmapped { .. } => None,
        }
    }

    #[test]
    fn normalises_gender_forms_and_marks() {
        assert_eq!(
            normalize_title("Agent / Agente des cimetières"),
            "agent des cimetieres"
        );
        assert_eq!(
            normalize_title("Chargé(e) de mission (H/F)"),
            "charge de mission"
        );
        assert_eq!(
            normalize_title("Assistant·e de direction F/H"),
            "assistant de direction"
        );
        assert_eq!(
            normalize_title("Agent.e d'état civil"),
            "agent d etat civil"
        );
        assert_eq!(
            normalize_title("Conseiller·ère en prévention"),
            "conseiller en prevention"
        );
        assert_eq!(
            normalize_title("Directeur(trice) du C.C.A.S."),
            "directeur du ccas"
        );
        assert_eq!(
            normalize_title("Électricien(ne) bâtiment"),
            "electricien batiment"
        );
        assert_eq!(normalize_title("Opérateur·rice vidéo"), "operateur video");
        assert_eq!(normalize_title("Cœur de métier"), "coeur de metier");
        assert_eq!(
            normalize_title("Agent titres d'identité (CNI / passeports)"),
            "agent titres d identite cni passeports"
        );
        assert_eq!(
            normalize_title("Chef / Cheffe d'équipe espaces verts"),
            "chef d equipe espaces verts"
        );
    }

    #[test]
    fn stems_feminine_and_plural_forms() {
        assert_eq!(stem("animatrice"), "animateur");
        assert_eq!(stem("animateurs"), "animateur");
        assert_eq!(stem("jardiniere"), "jardinier");
        assert_eq!(stem("technicienne"), "technicien");
        assert_eq!(stem("services"), "servic");
        assert_eq!(stem("agente"), "agent");
    }

    #[test]
    fn sigles_read_as_their_long_forms() {
        for (short, long) in [
            ("DRH", "Directeur des ressources humaines"),
            ("DGS", "Directeur général des services"),
            ("EJE", "Éducatrice de jeunes enfants"),
            ("MNS", "Maître-nageur sauveteur"),
            (
                "ATSEM",
                "Agent territorial spécialisé des écoles maternelles",
            ),
            (
                "Responsable SIG",
                "Responsable système d'information géographique",
            ),
            ("Chauffeur PL", "Chauffeur poids lourd"),
        ] {
            assert_eq!(tokens(short), tokens(long), "{short}");
        }
        let read = read_title("Technicien SPANC");
        assert_eq!(read.sigles.len(), 1);
        assert_eq!(read.sigles[0].0, "spanc");
    }

    fn roles(title: &str) -> Vec<(String, Role)> {
        read_title(title)
            .words
            .into_iter()
            .map(|w| (w.word, w.role))
            .collect()
    }

    #[test]
    fn reads_head_noun_complement_qualifiers_places_and_ranks() {
        use Role::*;
        let r = roles("Plombier chauffagiste bâtiments communaux");
        assert_eq!(
            r.iter().map(|(_, r)| *r).collect::<Vec<_>>(),
            [Head, Qualifier, Qualifier, Place]
        );
        // A generic head takes the next specific word as its complement.
        let r = roles("Agent de restauration scolaire");
        assert_eq!(r[0], ("agent".into(), Head));
        assert_eq!(r[1], ("restauration".into(), Complement));
        assert_eq!(r[2].1, Qualifier);
        let r = roles("Brigadier chef principal de police municipale");
        assert_eq!(r[0], ("brigadier".into(), Head));
        assert_eq!((r[1].1, r[2].1), (Rank, Rank));
        // Rank words do not close the complement of a generic head.
        let r = roles("Directeur adjoint de la culture");
        assert_eq!(r[1].1, Rank);
        assert_eq!(r[2], ("cultur".into(), Complement));
        // An expanded sigle is one unit.
        let r = roles("Responsable SIG");
        assert!(r[1..].iter().all(|(_, role)| *role == Complement), "{r:?}");
    }

    #[test]
    fn look_alike_words_are_refused() {
        let cw = Crosswalk::builtin();
        // Known words match only themselves: "gardien" does not reach "gardiennage".
        assert_eq!(cw.matching_tokens("gardien").len(), 1);
        // Unknown words may be truncations or typos.
        assert!(!cw.matching_tokens("acceuil").is_empty());
        assert!(one_edit_apart("acceuil", "accueil"));
        assert!(one_edit_apart("chauffagite", "chauffagiste"));
        assert!(!one_edit_apart("restauration", "restaurateur"));
        assert!(!one_edit_apart("accueil", "accueil"));
        for (title, not) in [
            ("Agent de restauration", "2621"),
            ("Agent de restauration", "3433"),
            ("Technicien de surface", "7221"),
            ("Technicien de surface", "8122"),
            ("Gardien de gymnase", "5412"),
        ] {
            assert_ne!(isco(title).as_deref(), Some(not), "{title}");
        }
    }

    #[test]
    fn the_head_noun_decides_when_the_whole_title_matches_nothing() {
        let cw = Crosswalk::builtin();
        let TitleMatch::Mapped(c) = cw.match_title("Plombier chauffagiste bâtiments communaux")
        else {
            panic!("unmapped")
        };
        assert_eq!(c.isco08, "7126");
        assert_eq!(c.stage, Stage::HeadNoun);
    }

    #[test]
    fn ties_go_to_the_higher_confidence() {
        let cw = Crosswalk::builtin();
        let s = |index: usize, confidence: f64| Scored {
            index,
            similarity: 0.8,
            confidence,
            mask: 1,
            reference_head: true,
        };
        // Same similarity: the higher confidence ranks first, whatever the row order.
        assert_eq!(cw.rank(&s(1, 0.8), &s(0, 0.52)), std::cmp::Ordering::Less);
        assert_eq!(
            cw.rank(&s(0, 0.52), &s(1, 0.8)),
            std::cmp::Ordering::Greater
        );
    }

    /// Variants of a title read alike, so they get the same code.
    #[test]
    fn variants_of_a_title_map_to_the_same_code() {
        for (variants, code) in [
            (
                &[
                    "Agent d'accueil",
                    "AGENT D'ACCUEIL (H/F)",
                    "Agent / Agente d'accueil",
                    "Agent.e d'accueil",
                    "agente d accueil",
                ][..],
                "4226",
            ),
            (
                &[
                    "ATSEM",
                    "A.T.S.E.M.",
                    "Agent territorial spécialisé des écoles maternelles",
                ],
                "5312",
            ),
            (
                &[
                    "DGS",
                    "Directeur général des services",
                    "Directrice générale des services",
                ],
                "1112",
            ),
            (
                &[
                    "EJE",
                    "Éducateur de jeunes enfants",
                    "Educatrice jeunes enfants",
                ],
                "2342",
            ),
            (
                &[
                    "Responsable RH",
                    "Responsable ressources humaines",
                    "Responsable des Ressources Humaines",
                ],
                "1212",
            ),
            (
                &[
                    "Assistant·e de direction",
                    "Assistante de direction",
                    "Assistant(e) de direction",
                ],
                "3343",
            ),
            (
                &["Jardinier / Jardinière", "Jardinière", "jardiniers"],
                "6113",
            ),
        ] {
            let first = isco(variants[0]);
            assert!(first.is_some(), "{}", variants[0]);
            for v in variants {
                assert_eq!(isco(v), first, "{v}: {code} in the test table");
            }
        }
    }

    #[test]
    fn generic_titles_are_not_guessed() {
        for t in [
            "Agent",
            "Poste vacant",
            "Chargé(e) de mission",
            "Stagiaire",
            "",
            "(H/F)",
            "Responsable",
        ] {
            assert_eq!(isco(t), None, "{t}");
        }
    }

    #[test]
    fn reports_the_reference_and_confidence() {
        let TitleMatch::Mapped(c) =
            Crosswalk::builtin().match_title("Agent d'accueil - mairie annexe")
        else {
            panic!("unmapped")
        };
        assert_eq!(c.reference, "Agent d'accueil mairie");
        assert_eq!(c.table, Table::Curated);
        assert!(c.confidence > 0.9 && c.confidence < 1.0, "{}", c.confidence);
        // A ROME title whose own code is weak (fiche majority 4/9): under the floor, unmapped
        // with it as the closest candidate.
        let TitleMatch::Unmapped { reason, best } =
            Crosswalk::builtin().match_title("Accessoiriste")
        else {
            panic!("mapped")
        };
        assert_eq!(reason, Unmapped::LowConfidence);
        let best = best.unwrap();
        assert_eq!((best.isco08.as_str(), best.table), ("3432", Table::Rome));
        assert!(best.confidence < CONFIDENCE_FLOOR);
    }

    #[test]
    fn every_crosswalk_code_has_ilo_scores() {
        let ilo = crate::ilo::Ilo::get();
        let cw = Crosswalk::builtin();
        assert_eq!(
            cw.references
                .iter()
                .filter(|r| r.table == Table::Curated)
                .count(),
            742
        );
        for r in &cw.references {
            assert!(
                ilo.occupations.contains_key(&r.isco),
                "{} → {}",
                r.title,
                r.isco
            );
        }
    }

    #[test]
    fn user_map_matches_normalised_titles() {
        let map = IscoMap::parse(
            "title;isco08\nAgent polyvalent;9313\nPoste vacant;\n",
            "map.csv",
            |_| true,
        )
        .unwrap();
        assert_eq!(
            map.get("AGENT POLYVALENT (H/F)").unwrap().isco.as_deref(),
            Some("9313")
        );
        assert_eq!(map.get("Agente polyvalente").unwrap().line, 2);
        assert_eq!(map.get("Poste vacant").unwrap().isco, None);
        assert!(map.get("Agent").is_none());
        let err = IscoMap::parse("title,isco08\nXyz,42\n", "m.csv", |_| true).unwrap_err();
        assert!(
            err.to_string().starts_with("m.csv:2:2: column 'isco08'"),
            "{err}"
        );
        let err = IscoMap::parse("title,isco08\nXyz,0110\n", "m.csv", |c| c != "0110").unwrap_err();
        assert!(err.to_string().contains("no ILO scores"), "{err}");
        let err = IscoMap::parse("a,b\n", "m.csv", |_| true).unwrap_err();
        assert!(err.to_string().contains("title and isco08"), "{err}");
    }

    #[test]
    fn thousands_of_titles_map_quickly() {
        let cw = Crosswalk::builtin();
        let titles: Vec<&str> = cw
            .references
            .iter()
            .step_by(4)
            .map(|r| r.title.as_str())
            .collect();
        let start = std::time::Instant::now();
        let mapped = titles
            .iter()
            .filter(|t| matches!(cw.match_title(t), TitleMatch::Mapped(_)))
            .count();
        let elapsed = start.elapsed();
        assert!(mapped * 10 > titles.len() * 9, "{mapped}/{}", titles.len());
        // Generous for unoptimised test builds; a release build takes a small fraction of this.
        assert!(
            elapsed.as_secs_f64() < 20.0,
            "{} titles in {elapsed:?}",
            titles.len()
        );
    }
}
