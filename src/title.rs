//! The French job-title reader shared by the ISCO crosswalk (`crate::isco`) and the grade
//! recogniser (`crate::grades`): a title normalised (case, accents, gender forms), its sigles
//! expanded, its words stemmed and each given its role. `build.rs` includes this file too, to
//! read the crosswalk's 13,000 reference titles once at build time: it depends on nothing of
//! the crate.

use std::any::Any;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use serde::Serialize;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

const STOPWORDS: [&str; 24] = [
    "de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "pour", "un",
    "une", "sur", "par", "chez", "avec", "dans", "ou", "h", "f",
];

/// Whether a normalised word is a stop word (an article, a preposition, a conjunction…).
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

/// The territorial sigles and short forms, each expanded to its long form before matching
/// (`data/isco/sigles.csv`), on both sides: "DRH" and "Directeur des ressources humaines" give
/// the same words.
#[cfg(not(built_sigles))]
const SIGLES: &str = include_str!("../data/isco/sigles.csv");

/// Words that say where the job is, not what it is: a fifth of their weight counts against a
/// reference that lacks them. The points of the compass name a sector ("secteur est").
const PLACE_WORDS: &str = "mairie annexe ville commune communal municipal territorial \
intercommunal metropole metropolitain departemental regional hotel service direction pole site \
secteur quartier collectivite communaux municipaux territoriaux intercommunaux departementaux \
regionaux nord sud est ouest";

/// Names of territorial bodies, facilities and places whose words are also an occupation's,
/// each with the field it says of a post named with it (normalised, stop words as written;
/// `data/README.md` gives each row's reason; their first words are a kind of word, read once
/// with the word, [`Lexeme::heads_a_place_name`]). Inside a title such a name says where the post
/// sits, yet the crosswalk reads its words as the occupation's: "caisse" as the cashier's,
/// "salle" as the waiter's, "centre" as the town centre manager's, "espace" as the green
/// spaces', "parc" as the IT equipment's. Only names whose first word the reference titles
/// read as another occupation's: a centre social, a résidence autonomie, a maison de quartier
/// are read by reference titles that name them.
pub(crate) const PLACE_NAMES: [(&str, &str); 12] = [
    // A public body of the commune (school funds, aid, catering): its agent is its clerk.
    ("caisse des ecoles", "administratif"),
    // Halls let to associations and residents: an agent of them sets up and keeps them.
    ("salle des fetes", "gestion des salles"),
    ("salle polyvalente", "gestion des salles"),
    // The police municipale's CCTV centre, named in full or by its sigle.
    ("centre de supervision urbain", "police municipale"),
    ("csu", "police municipale"),
    // A France Services office: its posts are France Services' (4229, 3341 for its head).
    ("espace france services", "france services"),
    ("maison france services", "france services"),
    // Its name from 2015 to 2019, still in older tables, in full or by its sigle.
    ("maison des services au public", "france services"),
    ("msap", "france services"),
    // A commune's housing let to tenants: its management is a property manager's.
    ("parc de logements", "patrimoine locatif"),
    // The public service of housing's energy renovation (since 2022; its "France" is no
    // France Services office): its conseillers advise on renovation work (session 45).
    ("france renov", "renovation energetique"),
    // A social facility the CAF approves, a centre social's smaller form (its "espace" is no
    // multimedia space nor a green one): its posts are a centre social's (session 46).
    ("espace de vie sociale", "centre social"),
];

/// Place words that, right after the head noun with "de", say whom the job serves, not where
/// it sits: a "Secrétaire de direction" or an "Assistant de direction" is an executive
/// secretary (ISCO-08 3343), not a secretary "in a direction".
const SERVED_PLACES: [&str; 1] = ["direction"];

/// Rank and status words: after the head noun they qualify it ("Brigadier chef principal",
/// "Directeur adjoint", "de 2e classe") and weigh a tenth.
const RANK_WORDS: &str = "principal chef adjoint classe hors exceptionnel superieur normal \
echelon grade stagiaire titulaire contractuel vacataire remplacant saisonnier renfort confirme \
senior junior qualifie apprenti interimaire cdd cdi";

/// Status words: how the post is held, not what it is ("Saisonnier", "Apprenti", "Stagiaire",
/// "Contractuel", "Vacataire", "Remplaçant", "en CDD"). First in a title with another word that
/// is not one of them nor a place, such a word is a rank: the next word names the occupation
/// ("Saisonnier agent d'accueil" is an agent d'accueil).
const STATUS_WORDS: &str = "stagiaire titulaire contractuel vacataire remplacant saisonnier \
renfort apprenti interimaire cdd cdi";

/// Words that name a contract form or a temporary post beside the status words: a parcours
/// emploi compétences (PEC), a contrat aidé or unique d'insertion (CUI-CAE), an emploi d'avenir,
/// a volontaire en service civique, an emploi or job d'été, an alternant. A part of a title made
/// of them says how the post is held, not what it is (`crate::occupation::form_then_post`).
const FORM_WORDS: &str =
    "pec cui cae contrat parcours civique volontaire ete alternant alternance apprentissage avenir";

/// Head nouns of a post a deputy is named after: "Adjoint au DST", "Adjointe à la directrice
/// des finances", "Adjoint du chef de service" is the deputy of that post, classed with it (as
/// "DST adjoint"), not the adjoint technique or administratif of the grades.
const DEPUTY_OF: [&str; 3] = ["directeur", "responsabl", "chef"];

/// A title made only of these says nothing about the job; matching only on them is no evidence.
/// As a head noun, such a word takes its first complement with it ("Agent de restauration");
/// a task word ("gestion", "suivi", "exploitation") hands the complement on to the word after
/// it ("Chargé du suivi des recettes" is a chargé of the recettes).
const GENERIC_WORDS: &str = "agent charge mission responsable chef gestionnaire assistant adjoint \
directeur technicien employe poste collaborateur cadre stagiaire apprenti vacant contractuel \
renfort saisonnier remplacant titulaire principal classe service referent coordinateur \
conseiller operateur ouvrier equipe unite cellule projet gestion exploitation etude operation \
suivi";

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
/// Lowered a character at a time too, in one pass without copies: only a capital sigma is
/// lowered by its place in a word, so a text holding one is lowered whole instead, once one
/// is met.
#[cfg(test)]
pub(crate) fn fold(title: &str) -> String {
    let mut folded = String::with_capacity(title.len());
    fold_into(title, &mut folded);
    folded
}

/// [`fold`] written into `folded` (emptied first): `normalize_title` folds into a buffer kept
/// for the thread, the fold being only a step.
fn fold_into(title: &str, folded: &mut String) {
    folded.clear();
    let whole = each_ascii_run(
        title,
        folded,
        |folded, run| {
            let start = folded.len();
            folded.push_str(run);
            folded[start..].make_ascii_lowercase();
        },
        |folded, c| match c {
            'Σ' => false,
            c => {
                each_lowered(c, |c| push_folded(folded, c));
                true
            }
        },
    );
    if !whole {
        folded.clear();
        for c in title.to_lowercase().chars() {
            push_folded(folded, c);
        }
    }
}

/// A character of a title folded as [`fold_into`] folds it, when it folds to one or two ASCII
/// bytes that `join_words` reads without a second look: an ASCII byte (lowered), or a Latin-1
/// letter (U+00C0 to U+00FF, two bytes from 0xC3) that folds to ASCII letters. The folded
/// bytes (the second 0 when there is one), and the character's length; `None` for any other
/// character.
#[inline(always)]
fn latin1_folded(bytes: &[u8], i: usize) -> Option<([u8; 2], usize)> {
    let b = bytes[i];
    if b.is_ascii() {
        return Some(([b.to_ascii_lowercase(), 0], 1));
    }
    // U+00C0..=U+00FF is 0xC3 then 0x80..=0xBF.
    let next = *bytes.get(i + 1).filter(|_| b == 0xC3)?;
    let c = char::from(0xC0 | (next & 0x3F));
    // The capitals lowered as `each_lowered` lowers them ('×' and 'ß' have no case).
    let lower = match c {
        'À'..='Þ' if c != '×' => char::from(c as u8 + 0x20),
        c => c,
    };
    let folded = match lower {
        'æ' => [b'a', b'e'],
        'à'..='ÿ' => [LATIN1_FOLDED[lower as usize - 'à' as usize] as u8, 0],
        _ => return None,
    };
    // ('ð', '÷', 'ø', 'þ' fold to themselves: not ASCII.)
    folded[0].is_ascii_lowercase().then_some((folded, 2))
}

/// [`normalize_title`] of a title without a slash or a dot whose characters beyond ASCII are
/// all Latin-1 letters that fold to ASCII letters (most French titles beyond ASCII: "é", "è",
/// "ç"), in one pass: each character folded ([`latin1_folded`]) as its words are joined as
/// [`join_words`] joins the folded title, which holds no mark but its parentheses
/// (`normalize_folded` then only joins its words). `None` at any other character: the title
/// is folded and normalised the general way.
/// Written into `joined` (emptied first), with whether the title's brackets fold away
/// ([`BracketsDropped`]); `None` leaves `joined` to be written anew.
fn join_latin1_words(title: &str, endings: bool, joined: &mut String) -> Option<bool> {
    // The ASCII bytes of a word once lowered, as `join_words::<true>` reads them.
    let word_byte = const { &word_bytes(true) };
    let bytes = title.as_bytes();
    // The text's bytes taken out, a list of this function's own while it is written.
    let mut out = std::mem::take(joined).into_bytes();
    out.clear();
    out.reserve(bytes.len());
    let mut in_word = false;
    let mut brackets = BracketsDropped::default();
    // The last byte of the folded title read, for an ending's bracket.
    let mut last: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // A run of a word's ASCII bytes copied and lowered at once, as `join_words` does.
        if word_byte[usize::from(b)] {
            i = copy_word_run(bytes, i, word_byte, true, in_word, &mut out);
            in_word = true;
            last = out.last().copied();
            continue;
        }
        if !b.is_ascii() {
            // A Latin-1 letter: a word's, folded (every other character: `None`).
            let (folded, len) = latin1_folded(bytes, i)?;
            if !in_word && !out.is_empty() {
                out.push(b' ');
            }
            out.push(folded[0]);
            if folded[1] != 0 {
                out.push(folded[1]);
            }
            in_word = true;
            last = out.last().copied();
            i += len;
            continue;
        }
        if endings && b == b'(' && last.is_some_and(|b| b.is_ascii_lowercase()) {
            // An ending of one to five letters of the folded title, then ")": dropped.
            let (mut n, mut j) = (0, i + 1);
            let mut closed = false;
            while j < bytes.len() {
                let (f, l) = latin1_folded(bytes, j)?;
                if !f[0].is_ascii_lowercase() {
                    closed = f[0] == b')';
                    break;
                }
                n += 1 + usize::from(f[1] != 0);
                j += l;
            }
            if (1..=5).contains(&n) && closed {
                last = Some(b')');
                i = j + 1;
                brackets.dropped(bytes.get(i).copied());
                continue;
            }
        }
        brackets.kept(b);
        in_word = false;
        last = Some(b);
        i += 1;
    }
    *joined = String::from_utf8(out).expect("ASCII letters, digits and spaces");
    Some(endings && brackets.fold_away())
}

/// Walks `text` a run of ASCII (given to `run`, most of a French title) then one other
/// character (given to `other`) at a time, both writing to `out`; `other` answering `false`
/// ends the walk, and `false` is returned.
pub(crate) fn each_ascii_run<B: ?Sized>(
    text: &str,
    out: &mut B,
    run: impl Fn(&mut B, &str),
    other: impl Fn(&mut B, char) -> bool,
) -> bool {
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = (rest.bytes().position(|b| !b.is_ascii())).unwrap_or(rest.len());
        run(out, &rest[..ascii]);
        let mut chars = rest[ascii..].chars();
        if let Some(c) = chars.next() {
            if !other(out, c) {
                return false;
            }
        }
        rest = chars.as_str();
    }
    true
}

/// A lower-case character folded: œ/æ spelled out, decomposed, combining marks dropped.
fn push_folded(folded: &mut String, c: char) {
    each_folded(c, |d| folded.push(d));
}

/// The lower-case letters U+00E0–U+00FF folded (`æ` aside, spelled out above): decomposed,
/// their marks dropped, as `decompose_compatible` gives them (a test checks it).
const LATIN1_FOLDED: [char; 32] = [
    'a', 'a', 'a', 'a', 'a', 'a', 'æ', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', 'ð', 'n', 'o',
    'o', 'o', 'o', 'o', '÷', 'ø', 'u', 'u', 'u', 'u', 'y', 'þ', 'y',
];

/// A character lowered as `char::to_lowercase` lowers it, the capitals U+00C0–U+00DE
/// (French accented capitals among them) without the Unicode tables.
fn each_lowered(c: char, mut each: impl FnMut(char)) {
    match c {
        'À'..='Þ' if c != '×' => each(char::from(c as u8 + 0x20)),
        // Lower-case already ('÷' has no case): "é", "è", "ç" of most French titles.
        'ß'..='ÿ' => each(c),
        c => c.to_lowercase().for_each(each),
    }
}

/// The characters a lower-case character folds to ([`push_folded`]), one at a time.
fn each_folded(c: char, mut each: impl FnMut(char)) {
    match c {
        'œ' => "oe".chars().for_each(each),
        'æ' => "ae".chars().for_each(each),
        c if c.is_ascii() => each(c),
        // French accented letters, read from a table rather than decomposed.
        'à'..='ÿ' => each(LATIN1_FOLDED[c as usize - 'à' as usize]),
        c => decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                each(d);
            }
        }),
    }
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
/// "Agent.e", "Assistant·e", "Opérateur·rice", "Opérateur/trice", "Régisseur/euse". A slash
/// with a space after it, or followed by a whole word ("Agent/Agente", "VL/PL"), is left to
/// `merge_slash_forms`: only an ending stuck to the slash and ending a word is one.
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
            } else if matches!(s[i], '.' | '·' | '•' | '‧' | '⋅' | '/') {
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

/// `ascii_words(s).join(" ")` without the list: a byte outside `a-z0-9` (every byte of a
/// character outside ASCII among them) ends a word. With `endings`, what `drop_feminine_forms`
/// drops of a text whose only mark is "(" is dropped on the way ("charge(e)"): its tests there
/// are all of ASCII characters, so they read the same on bytes.
fn join_ascii_words(s: &str, endings: bool) -> String {
    join_words::<false>(s, endings)
}

/// Whether a byte is a word's once lowered (`LOWER`) or as it is: a lower-case ASCII letter or
/// a digit (a table: one load a byte, not two range tests after the lowering).
const fn word_bytes(lower: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] =
            c.is_ascii_lowercase() || c.is_ascii_digit() || (lower && c.is_ascii_uppercase());
        b += 1;
    }
    table
}

/// Copies to `out` the run of a word's bytes (by `word_byte`) that starts at `i`, lowered when
/// `lower`, after a space when it starts a word (`!in_word`) that is not the first; returns
/// where the run ends. The run is found by the table and copied at once, not a byte at a time.
#[inline(always)]
fn copy_word_run(
    bytes: &[u8],
    i: usize,
    word_byte: &[bool; 256],
    lower: bool,
    in_word: bool,
    out: &mut Vec<u8>,
) -> usize {
    if !in_word && !out.is_empty() {
        out.push(b' ');
    }
    let mut end = i + 1;
    while end < bytes.len() && word_byte[usize::from(bytes[end])] {
        end += 1;
    }
    let at = out.len();
    out.extend_from_slice(&bytes[i..end]);
    if lower {
        out[at..].make_ascii_lowercase();
    }
    end
}

/// [`join_ascii_words`] of `s`, its bytes lowered first when `LOWER`. A word's bytes are found
/// by a table and copied (and lowered) at once, not pushed one at a time.
fn join_words<const LOWER: bool>(s: &str, endings: bool) -> String {
    let mut joined = String::new();
    join_words_into::<LOWER>(s, endings, &mut joined);
    joined
}

/// [`join_words`] written into `joined` (emptied first), and, for a text of ASCII without a
/// slash or a dot, whether its brackets fold away ([`brackets_fold_away`]), told by the same
/// pass ([`BracketsDropped`]).
#[inline(always)]
fn join_words_into<const LOWER: bool>(s: &str, endings: bool, joined: &mut String) -> bool {
    const { assert!(word_bytes(true)[b'A' as usize] && !word_bytes(false)[b'A' as usize]) };
    let word_byte = const { &[word_bytes(false), word_bytes(true)] }[usize::from(LOWER)];
    let bytes = s.as_bytes();
    let byte = |i: usize| match LOWER {
        true => bytes[i].to_ascii_lowercase(),
        false => bytes[i],
    };
    // No longer than `s`: a space is written only for a byte that is no word's.
    // The text's bytes taken out, a list of this function's own while it is written.
    let mut out = std::mem::take(joined).into_bytes();
    out.clear();
    out.reserve(s.len());
    let mut in_word = false;
    let mut brackets = BracketsDropped::default();
    let mut i = 0;
    while i < bytes.len() {
        if word_byte[usize::from(bytes[i])] {
            i = copy_word_run(bytes, i, &word_byte, LOWER, in_word, &mut out);
            in_word = true;
            continue;
        }
        let b = byte(i);
        if endings && b == b'(' && i > 0 && byte(i - 1).is_ascii_lowercase() {
            let mut n = 0;
            while i + 1 + n < bytes.len() && byte(i + 1 + n).is_ascii_lowercase() {
                n += 1;
            }
            if (1..=5).contains(&n) && i + 1 + n < bytes.len() && byte(i + 1 + n) == b')' {
                i += n + 2;
                brackets.dropped(bytes.get(i).copied());
                continue;
            }
        }
        brackets.kept(b);
        in_word = false;
        i += 1;
    }
    *joined = String::from_utf8(out).expect("ASCII letters, digits and spaces");
    endings && brackets.fold_away()
}

/// What [`brackets_fold_away`] says of a title whose words [`join_words_read`] or
/// [`join_latin1_words`] joins, told on the way: those passes read its brackets already, and
/// the grade recogniser asks it of most titles with one (a second pass over the title, 400
/// instructions). Its brackets fold away when each is a feminine ending the pass dropped, none
/// followed by a letter or a digit, and no other bracket nor mark is kept.
#[derive(Clone, Copy)]
struct BracketsDropped {
    /// An ending was dropped.
    any: bool,
    /// Nothing yet that keeps the brackets from folding away.
    fit: bool,
}

impl Default for BracketsDropped {
    fn default() -> Self {
        BracketsDropped {
            any: false,
            fit: true,
        }
    }
}

impl BracketsDropped {
    /// An ending dropped, `next` the byte after its ")": a letter or a digit there (a byte
    /// beyond ASCII is a Latin-1 letter's in the texts these passes read) keeps it.
    #[inline(always)]
    fn dropped(&mut self, next: Option<u8>) {
        self.any = true;
        self.fit &= !next.is_some_and(|b| b.is_ascii_alphanumeric() || !b.is_ascii());
    }

    /// A byte of no word, not an ending's: a bracket or a mark there is kept.
    #[inline(always)]
    fn kept(&mut self, b: u8) {
        self.fit &= !matches!(b, b'(' | b')' | b'[' | b']' | b'/' | b'.');
    }

    fn fold_away(self) -> bool {
        self.any && self.fit
    }
}

/// The part of `s` after its last "(", "," and " - ": the words just before a slash.
pub fn last_segment(s: &str) -> &str {
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
    let mut normalized = String::new();
    normalize_title_into(title, &mut normalized);
    normalized
}

/// [`normalize_title`] written into `normalized` (a buffer the caller keeps: no text made a
/// title), and [`brackets_fold_away`] of the title when the pass that joined its words told
/// it (titles of ASCII or Latin-1 letters without a slash or a dot: most), `None` otherwise.
pub fn normalize_title_into(title: &str, normalized: &mut String) -> Option<bool> {
    // An ASCII title folds to its lower case, and holds no middle dot: without a slash or a
    // dot its words are joined as they are lowered, with no folded copy made first.
    // (One pass, without branches, for the three marks.)
    let (mut beyond_ascii, mut slash_or_dot, mut parenthesis) = (false, false, false);
    for &b in title.as_bytes() {
        beyond_ascii |= !b.is_ascii();
        slash_or_dot |= (b == b'/') | (b == b'.');
        parenthesis |= b == b'(';
    }
    if !beyond_ascii && !slash_or_dot {
        return Some(join_words_into::<true>(title, parenthesis, normalized));
    }
    // Without a slash or a dot, a title whose other characters are Latin-1 letters that fold to
    // ASCII letters (most French titles beyond ASCII: "é", "è", "ç") folds to ASCII with no
    // mark but its parentheses: its words are joined as they are folded, without the general
    // fold nor a search of the folded title for marks.
    if !slash_or_dot {
        if let Some(fold_away) = join_latin1_words(title, parenthesis, normalized) {
            return Some(fold_away);
        }
    }
    // (The fold is written into a buffer kept for the thread: no copy made to be dropped.)
    thread_local! {
        static FOLDED: RefCell<String> = RefCell::default();
    }
    *normalized = FOLDED.with_borrow_mut(|folded| {
        fold_into(title, folded);
        normalize_folded(folded)
    });
    None
}

/// [`normalize_title`] of a title beyond ASCII or holding a slash or a dot, folded.
fn normalize_folded(folded: &str) -> String {
    // The marks the passes below read, found in one pass over the bytes: a slash or a dot, a
    // parenthesis, and a middle dot (not ASCII: looked for only in a text with such a byte,
    // which folding leaves in few titles).
    // (Folding may make one: "…" gives "...".)
    let (mut beyond_ascii, mut slash_or_dot, mut parenthesis) = (false, false, false);
    for &b in folded.as_bytes() {
        beyond_ascii |= !b.is_ascii();
        slash_or_dot |= (b == b'/') | (b == b'.');
        parenthesis |= b == b'(';
    }
    let marks = slash_or_dot || (beyond_ascii && folded.contains(['·', '•', '‧', '⋅']));
    // Without a slash, a dot, a parenthesis or a middle dot no pass below changes the text:
    // its words are the title's (most titles; each is normalised several times).
    if !marks && !parenthesis {
        return join_ascii_words(folded, false);
    }
    // With parentheses only, only feminine endings are dropped ("Chargé(e)"), and the quote
    // mark and the slash forms change nothing.
    if !marks {
        return join_ascii_words(folded, true);
    }
    let chars: Vec<char> = folded.chars().collect();
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
    let chars = if has(&chars, &['(', '.', '·', '•', '‧', '⋅', '/']) {
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

/// Whether the label without its bracketed remarks (each replaced by a space, as the grade
/// recogniser tries it) normalises as the label itself: every bracket is a written-in feminine
/// ending that `normalize_title` drops ("Assistant(e) administratif(ve)"), "(" right after a
/// letter, one to five letters, ")" before a space or the end; and no character folds to a
/// mark that would send the label down another pass. Then that variant is not normalised
/// again: it would fail as the label did.
pub fn brackets_fold_away(label: &str) -> bool {
    match label.is_ascii() {
        true => ascii_brackets_fold_away(label.as_bytes()),
        false => chars_brackets_fold_away(label),
    }
}

/// [`brackets_fold_away`] of any label: its ASCII bytes read as [`ascii_brackets_fold_away`]
/// reads them (most of a label; a bracket is always one), any other character a character at
/// a time.
fn chars_brackets_fold_away(label: &str) -> bool {
    // One pass over the characters as `fold` gives them (a capital sigma aside): the letters
    // in a bracket counted, the character after it checked.
    let mut at = BracketsRead::default();
    let bytes = label.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        i = at.skip_plain(bytes, i);
        if i == bytes.len() {
            break;
        }
        if bytes[i].is_ascii() {
            if !at.ascii(bytes[i]) {
                return false;
            }
            i += 1;
            continue;
        }
        let Some(c) = label[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if c == 'Σ' {
            return false;
        }
        let mut fits = true;
        each_lowered(c, |l| {
            each_folded(l, |d| {
                let mark = matches!(d, '/' | '.' | '(' | '·' | '•' | '‧' | '⋅' | '[' | ']');
                fits = fits && !mark && at.other(d);
            })
        });
        if !fits {
            return false;
        }
    }
    at.end()
}

/// [`brackets_fold_away`] of an ASCII label (most labels), read as bytes: the same steps.
fn ascii_brackets_fold_away(label: &[u8]) -> bool {
    let mut at = BracketsRead::default();
    let mut i = 0;
    while i < label.len() {
        i = at.skip_plain(label, i);
        match label.get(i) {
            Some(&c) if !at.ascii(c) => return false,
            Some(_) => i += 1,
            None => break,
        }
    }
    at.end()
}

/// The bytes [`BracketsRead`] reads one at a time even outside a bracket: a bracket, a mark
/// that sends the label down another pass, and every byte of a character beyond ASCII. Any
/// other byte there only tells whether the last character is a letter.
const BRACKETS_READ_ALONE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b >= 0x80 || matches!(b as u8, b'(' | b')' | b'[' | b']' | b'/' | b'.');
        b += 1;
    }
    table
};

/// Where [`brackets_fold_away`] is in a label.
#[derive(Default)]
struct BracketsRead {
    /// Whether the last character folded is a lower-case ASCII letter.
    last_lower: bool,
    /// The letters read in the bracket open.
    inside: Option<usize>,
    /// Whether a bracket was just closed.
    closed: bool,
    /// Whether a bracket was closed.
    brackets: bool,
}

impl BracketsRead {
    /// An ASCII character of the label (it folds to its lower case alone): `false` when the
    /// label's brackets cannot fold away.
    fn ascii(&mut self, c: u8) -> bool {
        match c.to_ascii_lowercase() {
            b'(' => self.open(),
            b')' => self.close(),
            b'[' | b']' | b'/' | b'.' => false,
            d => self.other(char::from(d)),
        }
    }

    /// An opening bracket: `false` when it cannot start a feminine ending (not right after a
    /// letter, or inside another).
    fn open(&mut self) -> bool {
        let opens = self.inside.is_none() && self.last_lower;
        if opens {
            self.inside = Some(0);
        }
        opens
    }

    /// A closing bracket: `false` when it closes no ending of one to five letters.
    fn close(&mut self) -> bool {
        let closes = self.inside.is_some_and(|n| (1..=5).contains(&n));
        if closes {
            (self.inside, self.closed, self.brackets, self.last_lower) = (None, true, true, false);
        }
        closes
    }

    /// Any other folded character: `false` when the label's brackets cannot fold away.
    fn other(&mut self, d: char) -> bool {
        if let Some(n) = self.inside.as_mut() {
            if !d.is_ascii_lowercase() {
                return false;
            }
            *n += 1;
        } else if self.closed {
            if d.is_ascii_lowercase() || d.is_ascii_digit() {
                return false;
            }
            self.closed = false;
        }
        self.last_lower = d.is_ascii_lowercase();
        true
    }

    /// Past the bytes from `i` that are read alike outside a bracket, not right after one
    /// ([`BRACKETS_READ_ALONE`]): each would only set `last_lower` (an ASCII letter lowers to
    /// a lower-case one), so the last of them sets it. Returns where reading resumes. (Most of
    /// a label: the bytes are skipped with one table look-up each, not read through `ascii`.)
    #[inline(always)]
    fn skip_plain(&mut self, bytes: &[u8], mut i: usize) -> usize {
        if self.inside.is_some() || self.closed {
            return i;
        }
        let start = i;
        while i < bytes.len() && !BRACKETS_READ_ALONE[usize::from(bytes[i])] {
            i += 1;
        }
        if i > start {
            self.last_lower = bytes[i - 1].is_ascii_alphabetic();
        }
        i
    }

    /// At the end of the label: whether its brackets fold away.
    fn end(&self) -> bool {
        self.brackets && self.inside.is_none()
    }
}

/// `text.split(' ')`, for the normalised titles read for every distinct title: their words are
/// a few letters long, and the standard splitter's search (`memchr`) costs more to set up for
/// each of them than a loop over its bytes does. The same pieces, empty ones included.
pub fn split_spaces(text: &str) -> SplitSpaces<'_> {
    SplitSpaces { rest: Some(text) }
}

/// The pieces of a text between its spaces ([`split_spaces`]).
#[derive(Clone)]
pub struct SplitSpaces<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for SplitSpaces<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.bytes().position(|b| b == b' ') {
            Some(at) => {
                self.rest = Some(&rest[at + 1..]);
                Some(&rest[..at])
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// Light French stemming: plural, then feminine endings to masculine.
pub fn stem(word: &str) -> String {
    let (kept, ending) = stem_parts(word);
    let mut out = String::with_capacity(kept.len() + ending.len());
    out.push_str(kept);
    out.push_str(ending);
    out
}

/// Whether `stem(word)` is `stemmed`, without making the stem.
pub fn stems_to(word: &str, stemmed: &str) -> bool {
    stem_is(stem_parts(word), stemmed)
}

/// [`stems_to`] of one word against several stems: the word's stem is worked out once.
pub fn stem_test(word: &str) -> impl Fn(&str) -> bool + '_ {
    let parts = stem_parts(word);
    move |stemmed| stem_is(parts, stemmed)
}

/// Whether the stem made of `parts` ([`stem_parts`]) is `stemmed`.
fn stem_is((kept, ending): (&str, &str), stemmed: &str) -> bool {
    stemmed.len() == kept.len() + ending.len()
        && stemmed.starts_with(kept)
        && stemmed.ends_with(ending)
}

/// The stem of a word as the part of it kept and the ending put after it.
fn stem_parts(word: &str) -> (&str, &'static str) {
    let mut w = word;
    if w.len() > 3 && (w.ends_with('s') || w.ends_with('x')) {
        w = &w[..w.len() - 1];
    }
    // A feminine past participle used as a noun: "employée", "chargée", "déléguée" read as
    // "employé", "chargé", "délégué" (then their final e goes as theirs does).
    if w.len() > 5 && w.ends_with("ee") {
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
            return (&w[..w.len() - from.len()], to);
        }
    }
    if w.len() > 4 && w.ends_with('e') {
        w = &w[..w.len() - 1];
    }
    (w, "")
}

/// FNV-1a: every word of a title is looked up in the small word tables below (and, for the
/// 13,000 reference titles, at build time); on words this short it costs a fraction of SipHash.
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

/// A word's hash in an [`FnvMap`], also the crosswalk's vocabulary table's (`build.rs`).
pub fn hash_word(word: &str) -> u64 {
    use std::hash::BuildHasher;
    std::hash::BuildHasherDefault::<Fnv>::default().hash_one(word)
}

/// Builds the title reader's table of word kinds now, so that the threads matching titles do
/// not wait for the first of them to build it (its sigles are built in, `sigle_tables`).
pub fn prepare() {
    kinds();
}

/// A sigle: its short form, its long form normalised, and its long form as
/// `data/isco/sigles.csv` writes it (accents and apostrophes kept, for explanations).
pub type Sigle = (&'static str, &'static str, &'static str);

/// A sigle of several words ("agent de service", the territorial name of a cleaning agent):
/// its short form, its long form (both normalised) and the stems of the short form's words.
pub type Phrase = (&'static str, &'static str, &'static [&'static str]);

// `SIGLES` ([`Sigle`], by short form) and `PHRASES` ([`Phrase`], in order), written by build.rs
// from `sigle_tables` below: reading and normalising the CSV cost about 1 M instructions on
// every run.
#[cfg(built_sigles)]
mod built {
    include!(concat!(env!("OUT_DIR"), "/sigles.rs"));
}

#[cfg(built_sigles)]
fn sigle_tables() -> (&'static [Sigle], &'static [Phrase]) {
    (&built::SIGLES, &built::PHRASES)
}

/// The sigles of `data/isco/sigles.csv` (the last row of a short form wins), by short form, and
/// those of several words: made here only in the build script, which reads the reference
/// titles with this file and writes these tables for the crate.
#[cfg(not(built_sigles))]
pub fn sigle_tables() -> (&'static [Sigle], &'static [Phrase]) {
    static TABLES: OnceLock<(Vec<Sigle>, Vec<Phrase>)> = OnceLock::new();
    let (sigles, phrases) = TABLES.get_or_init(|| {
        let leak = |s: String| -> &'static str { s.leak() };
        let mut rows: HashMap<String, (String, String)> = HashMap::new();
        for rec in csv::Reader::from_reader(SIGLES.as_bytes()).into_records() {
            let rec = rec.expect("data/isco/sigles.csv is valid CSV");
            rows.insert(
                rec[0].to_string(),
                (normalize_title(&rec[1]), rec[1].to_string()),
            );
        }
        let mut sigles: Vec<Sigle> = (rows.into_iter())
            .map(|(short, (long, written))| (leak(short), leak(long), leak(written)))
            .collect();
        sigles.sort_unstable_by_key(|s| s.0);
        let phrases = (sigles.iter())
            .filter(|(short, _, _)| short.contains(' '))
            .map(|&(short, long, _)| {
                let stems: Vec<&'static str> = short.split(' ').map(|w| leak(stem(w))).collect();
                (short, long, &*stems.leak())
            })
            .collect();
        (sigles, phrases)
    });
    (sigles, phrases)
}

fn find_sigle(short: &str) -> Option<&'static Sigle> {
    // Asked for every word of every distinct title: the search is narrowed to the sigles of
    // the word's first byte (a handful) before comparing strings, and a word of a length no
    // sigle of that first byte has (most words) is no sigle.
    static BY_FIRST_BYTE: std::sync::OnceLock<([u16; 257], LengthsByFirstByte)> =
        std::sync::OnceLock::new();
    let sigles = sigle_tables().0;
    let (starts, lengths) = BY_FIRST_BYTE.get_or_init(|| {
        let first = |s: &Sigle| s.0.as_bytes().first().map_or(0, |&b| usize::from(b) + 1);
        let starts = std::array::from_fn(|b| sigles.partition_point(|s| first(s) <= b) as u16);
        (starts, LengthsByFirstByte::of(sigles.iter().map(|s| s.0)))
    });
    let &b = short.as_bytes().first()?;
    if !lengths.may_hold(short) {
        return None;
    }
    let bucket =
        &sigles[usize::from(starts[usize::from(b)])..usize::from(starts[usize::from(b) + 1])];
    (bucket.binary_search_by(|s| s.0.cmp(short)).ok()).map(|i| &bucket[i])
}

/// The sigles that start with a shorter sigle of another long form, each with that shorter
/// one ("sig", système d'information géographique, and "si", systèmes d'information; not
/// "dgas" and "dga", one long form), sorted: built once from the table.
pub fn longer_sigles() -> &'static [(&'static str, &'static str)] {
    static PAIRS: std::sync::OnceLock<Vec<(&'static str, &'static str)>> =
        std::sync::OnceLock::new();
    PAIRS.get_or_init(|| {
        let sigles = sigle_tables().0;
        (sigles.iter())
            .filter_map(|&(long, of_long, _)| {
                let short = (2..long.len())
                    .filter(|&k| long.is_char_boundary(k))
                    .map(|k| &long[..k])
                    .find(|s| find_sigle(s).is_some_and(|&(_, l, _)| l != of_long))?;
                Some((long, short))
            })
            .collect()
    })
}

/// A sigle's long form as `data/isco/sigles.csv` writes it, accents and apostrophes kept, for
/// explanations (the reader uses it normalised).
pub fn sigle_as_written(sigle: &str) -> Option<&'static str> {
    find_sigle(sigle).map(|s| s.2)
}

/// A sigle's long form, normalised ("rh": "ressources humaines").
pub fn sigle(word: &str) -> Option<&'static str> {
    find_sigle(word).map(|s| s.1)
}

/// A normalised title that is a phrase of several words ("agent de service", give or take
/// plurals and feminine forms) replaced by its long form, recorded as a sigle found. Only a
/// whole title: within a longer one the words keep their own sense ("Agent de service de
/// restauration" serves meals).
fn expand_phrases<'a>(
    normalized: &'a str,
    found: &mut Vec<(String, String)>,
) -> std::borrow::Cow<'a, str> {
    // Most titles are no phrase: compared word by word with the phrase's stems (made once),
    // no copy, as many words as stems (the words are not counted first: most titles differ
    // at the first word).
    let same_stems = |stems: &[&str]| {
        let mut words = split_spaces(normalized);
        stems
            .iter()
            .all(|s| words.next().is_some_and(|w| stems_to(w, s)))
            && words.next().is_none()
    };
    for &(short, long, stems) in sigle_tables().1 {
        if same_stems(stems) {
            found.push((short.to_string(), long.to_string()));
            return long.into();
        }
    }
    normalized.into()
}

/// What a stemmed word is to the title reader: a place, a rank, a generic word (or several).
#[derive(Debug, Clone, Copy, Default)]
struct Kind {
    place: bool,
    rank: bool,
    generic: bool,
    status: bool,
    form: bool,
    /// The first word of a name of [`PLACE_NAMES`].
    place_name: bool,
}

/// The stems of a kind, and per first byte the lengths they have (bit `min(length, 63)`): a
/// stem of another length (most words of a title) has no kind, without hashing it.
struct Kinds {
    map: FnvMap<Kind>,
    lengths: LengthsByFirstByte,
}

/// Per first byte, the lengths of the words of a set (bit `min(length, 63)`): a word of
/// another length is not in the set, known without comparing or hashing it.
struct LengthsByFirstByte([u64; 256]);

impl LengthsByFirstByte {
    fn bit(word: &str) -> u64 {
        1 << word.len().min(63)
    }

    fn of<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut lengths = [0u64; 256];
        for w in words {
            if let Some(&b) = w.as_bytes().first() {
                lengths[usize::from(b)] |= Self::bit(w);
            }
        }
        LengthsByFirstByte(lengths)
    }

    /// Whether the set may hold `word` (an empty word: not known here).
    fn may_hold(&self, word: &str) -> bool {
        (word.as_bytes().first()).is_none_or(|&b| self.0[usize::from(b)] & Self::bit(word) != 0)
    }
}

fn kinds() -> &'static Kinds {
    static KINDS: OnceLock<Kinds> = OnceLock::new();
    KINDS.get_or_init(|| {
        let mut map: FnvMap<Kind> = FnvMap::default();
        for (words, set) in [
            (
                PLACE_WORDS,
                (|k: &mut Kind| k.place = true) as fn(&mut Kind),
            ),
            (RANK_WORDS, |k: &mut Kind| k.rank = true),
            (GENERIC_WORDS, |k: &mut Kind| k.generic = true),
            (STATUS_WORDS, |k: &mut Kind| k.status = true),
            (FORM_WORDS, |k: &mut Kind| k.form = true),
        ] {
            for w in words.split_whitespace() {
                set(map.entry(stem(w)).or_default());
            }
        }
        for first in PLACE_NAMES
            .iter()
            .filter_map(|(name, _)| name.split(' ').next())
        {
            map.entry(stem(first)).or_default().place_name = true;
        }
        let lengths = LengthsByFirstByte::of(map.keys().map(String::as_str));
        Kinds { map, lengths }
    })
}

fn kind(token: &str) -> Kind {
    let kinds = kinds();
    if !kinds.lengths.may_hold(token) {
        return Kind::default();
    }
    kinds.map.get(token).copied().unwrap_or_default()
}

/// Whether a token is an ordinal ("2e", "1ere", "2eme", "2cl"): a rank.
fn is_ordinal(token: &str) -> bool {
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && ["", "e", "er", "re", "ere", "eme", "nd", "nde", "cl"].contains(&&token[digits..])
}

/// Whether a stemmed word is the first word of a name of [`PLACE_NAMES`].
pub fn heads_a_place_name(token: &str) -> bool {
    kind(token).place_name
}

pub fn is_generic(token: &str) -> bool {
    kind(token).generic
}

/// Whether a stemmed word is a place word ([`PLACE_WORDS`]).
pub fn is_place(token: &str) -> bool {
    kind(token).place
}

/// Whether a stemmed word is a status word ([`STATUS_WORDS`]).
pub fn is_status(token: &str) -> bool {
    kind(token).status
}

/// Whether a stemmed word names a contract form: a status word or a [`FORM_WORDS`] one.
pub fn is_form(token: &str) -> bool {
    let k = kind(token);
    k.status || k.form
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
    pub fn factor(self) -> f64 {
        match self {
            Role::Head | Role::Complement => 1.0,
            Role::Qualifier => 0.5,
            Role::Place => 0.2,
            Role::Rank => 0.1,
        }
    }

    /// The same for a word of a reference title: its qualifiers say what it is, in full.
    pub fn reference_factor(self) -> f64 {
        match self {
            Role::Qualifier => 1.0,
            other => other.factor(),
        }
    }

    /// A word's weight among the titles coded for local government (`crate::neighbour`): the
    /// head noun says most of the job; places and ranks little (chosen on the blind batches of
    /// sessions 46 to 48, data/README.md).
    pub fn neighbour_factor(self) -> f64 {
        match self {
            Role::Head => 2.0,
            Role::Complement | Role::Qualifier => 1.0,
            Role::Place | Role::Rank => 0.5,
        }
    }

    pub fn is_core(self) -> bool {
        matches!(self, Role::Head | Role::Complement)
    }
}

/// One content word of a title, stemmed, with its role.
#[derive(Debug, Clone, Serialize)]
pub struct TitleWord {
    /// The stem, shared with the word's [`Lexeme`] (no copy a title).
    #[serde(serialize_with = "as_str")]
    pub word: Rc<str>,
    pub role: Role,
    /// Whether the word is generic ([`is_generic`]), read with its other kinds.
    #[serde(skip)]
    pub generic: bool,
    /// The title's word it was read from, as this thread remembers it: what the crosswalk
    /// reads of the stem is kept there too (`Lexeme::crosswalk`).
    #[serde(skip)]
    pub lexeme: Rc<Lexeme>,
}

impl PartialEq for TitleWord {
    /// The same stem in the same role (the lexeme is the word it was read from).
    fn eq(&self, other: &TitleWord) -> bool {
        (self.word == other.word) && self.role == other.role && self.generic == other.generic
    }
}

fn as_str<S: serde::Serializer>(word: &Rc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(word)
}

/// A word of a normalised title as the reader reads it wherever it stands: its sigle's long
/// form, whether it is a stop word, and, for a content word, its stem and the stem's kinds.
/// Every distinct title is read anew, but a roster's titles share most of their words: each
/// is read once per thread ([`lexeme`]), and a title's reading looks each word up once.
#[derive(Debug)]
pub struct Lexeme {
    /// Its long form as a sigle ([`sigle`]).
    sigle: Option<&'static str>,
    /// Its two readings as a short form, a noun first in the title and an adjective after
    /// it ([`TWO_READINGS`]).
    two_readings: Option<(&'static str, &'static str)>,
    stop: bool,
    /// A short form read only first in the title ([`HEAD_ONLY`]).
    head_only: bool,
    /// Two letters or more and no stop word: a word the title is read by.
    content: bool,
    /// Its stem ([`stem`]), for a content word (empty for another).
    stem: Rc<str>,
    /// The stem's kinds ([`kind`]), and whether it is an ordinal: for a content word.
    kind: Kind,
    ordinal: bool,
    /// What the crosswalk reads of the stem, kept by it when it first reads the word: one
    /// look-up a word for the reader and the crosswalk. (Of a type the crosswalk owns: this
    /// file is also the build script's, which has no crosswalk.)
    pub crosswalk: OnceCell<Box<dyn Any>>,
    /// What the grade recogniser reads of the word, kept by it likewise.
    pub grade: OnceCell<Box<dyn Any>>,
}

impl Lexeme {
    /// Whether the word is a sigle ([`sigle`]).
    pub fn is_sigle(&self) -> bool {
        self.sigle.is_some()
    }

    /// Its stem, for a content word: what `stem` makes of it, without stemming it again.
    pub fn content_stem(&self) -> Option<&str> {
        self.content.then_some(&*self.stem)
    }

    /// Its long form as a sigle or a short form ([`sigle`]): "instr" is "instructeur".
    pub fn long_form(&self) -> Option<&'static str> {
        self.sigle
    }

    /// Whether the word is the first of a name of [`PLACE_NAMES`], read once with the
    /// word.
    pub fn heads_a_place_name(&self) -> bool {
        self.content && self.kind.place_name
    }

    /// Whether the word names a contract form ([`is_form`]), read once with the word.
    pub fn is_form(&self) -> bool {
        self.content && (self.kind.status || self.kind.form)
    }
}

/// Distinct words remembered per thread, at most: a roster of distinct titles brings new ones
/// forever.
const MEMO_LEXEMES: usize = 8192;

type Lexemes = crate::hashing::FastMap<String, Rc<Lexeme>>;

thread_local! {
    /// The words this thread met ([`lexeme`]).
    static LEXEMES: RefCell<Lexemes> = RefCell::default();
}

/// The word of a normalised title as [`Lexeme`] reads it, from this thread's memo.
pub fn lexeme(word: &str) -> Rc<Lexeme> {
    LEXEMES.with_borrow_mut(|memo| lexeme_in(memo, word))
}

/// [`lexeme`], in the memo borrowed.
/// (Inlined in the loop over a title's words: most words are met before.)
#[inline(always)]
fn lexeme_in(memo: &mut Lexemes, word: &str) -> Rc<Lexeme> {
    if let Some(l) = memo.get(word) {
        return l.clone();
    }
    new_lexeme_in(memo, word)
}

/// [`lexeme_in`] of a word not met before.
#[inline(never)]
fn new_lexeme_in(memo: &mut Lexemes, word: &str) -> Rc<Lexeme> {
    if memo.len() >= MEMO_LEXEMES {
        memo.clear();
    }
    let l = Rc::new(read_lexeme(word));
    memo.insert(word.to_string(), l.clone());
    l
}

/// [`Lexeme`] of a word, read.
fn read_lexeme(w: &str) -> Lexeme {
    let stop = STOPWORDS.contains(&w);
    let content = w.len() >= 2 && !stop;
    let stem: Rc<str> = if content { stem(w).into() } else { "".into() };
    let (kind, ordinal) = match content {
        true => (kind(&stem), is_ordinal(&stem)),
        false => (Kind::default(), false),
    };
    Lexeme {
        sigle: sigle(w),
        two_readings: (TWO_READINGS.iter())
            .find(|(short, _, _)| *short == w)
            .map(|&(_, noun, adjective)| (noun, adjective)),
        stop,
        head_only: HEAD_ONLY.contains(&w),
        content,
        stem,
        kind,
        ordinal,
        crosswalk: OnceCell::new(),
        grade: OnceCell::new(),
    }
}

/// The lexemes of the words of a normalised title ([`split_spaces`], empty pieces left out),
/// looked up once for the grade recogniser and the reader ([`read_words_of`]).
pub fn lexemes(normalized: &str) -> Vec<Rc<Lexeme>> {
    let mut out = Vec::with_capacity(8);
    lexemes_into(normalized, &mut out);
    out
}

/// [`lexemes`] written into `out` (emptied first): a list the caller keeps.
pub fn lexemes_into(normalized: &str, out: &mut Vec<Rc<Lexeme>>) {
    out.clear();
    // The memo borrowed once for all the words.
    LEXEMES.with_borrow_mut(|memo| {
        for w in split_spaces(normalized).filter(|w| !w.is_empty()) {
            out.push(lexeme_in(memo, w));
        }
    })
}

impl AsRef<str> for TitleWord {
    fn as_ref(&self) -> &str {
        &self.word
    }
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
/// ("Agent", "Chargé", "Responsable") takes the next specific word as its complement, and any
/// head the word that follows it with "de" or "en" ("Gardien de gymnase"); the words after
/// them qualify them.
pub fn read_title(title: &str) -> ReadTitle {
    read_normalized(normalize_title(title))
}

/// Short forms of the HR information systems' exports that are a head noun's only first in a
/// title, where the head noun stands ("AG. EXPLOITATION ROUTES", agent; "CHG MISSION", chargé):
/// after it they are a sigle of their own or a word ("AG" the assemblée générale, "CHG" a
/// centre hospitalier général), and stay as written, as a stop word's short form does ("aux").
const HEAD_ONLY: [&str; 2] = ["ag", "chg"];

/// Short forms of two readings, a person's noun and an adjective: first in a title, where the
/// head noun stands, the noun ("Admin. systèmes et réseaux" is an administrateur, 2522;
/// "Tech. bâtiment" a technicien); after it, the adjective ("Assistant admin.",
/// administratif; "Adj. tech." the grade adjoint technique, "Agent tech. polyvalent" an agent
/// technique). `data/isco/sigles.csv` lists each with one of its readings.
const TWO_READINGS: [(&str, &str, &str); 3] = [
    ("admin", "administrateur", "administratif"),
    ("tech", "technicien", "technique"),
    ("techn", "technicien", "technique"),
];

/// Whether the sigle at word `at` of `text`, of long form `long`, names the director the job
/// serves: a director's sigle ("DGS", "DGA", "DST", "DRH") right after the head noun, as in
/// "Secrétaire du DGS" or "Assistante DRH", says whom the job serves, as "de direction" does
/// ("Secrétaire de direction", 3343), and is read as that word: its own words would make
/// another post of the head noun ("Secrétaire général", 1112). A deputy of the post keeps
/// them ("Adjoint au DST" is classed with the DST).
fn serves_a_director(text: &str, at: usize, long: &str) -> bool {
    if at == 0 || !long.starts_with("directeur ") {
        return false;
    }
    let mut before = (split_spaces(text).filter(|w| !w.is_empty()).take(at))
        .filter(|w| w.len() >= 2 && !STOPWORDS.contains(w));
    match (before.next(), before.next()) {
        (Some(head), None) => stem(head) != "adjoint" && sigle(head).is_none(),
        _ => false,
    }
}

/// `read_title` of a title already normalised (`normalize_title`): a title that goes through
/// the grade path first is normalised once for both.
pub fn read_normalized(normalized: String) -> ReadTitle {
    let (sigles, words) = read_words(&normalized);
    ReadTitle {
        normalized,
        sigles,
        words,
    }
}

/// The sigles found and the words of [`read_normalized`], the normalised title borrowed:
/// callers that read only the words make no copy of it.
pub fn read_words(normalized: &str) -> (Vec<(String, String)>, Vec<TitleWord>) {
    read_words_of(normalized, None)
}

/// [`read_words`], with the [`lexemes`] of the title's words when they were looked up already.
pub fn read_words_of(
    normalized: &str,
    lexemes: Option<&[Rc<Lexeme>]>,
) -> (Vec<(String, String)>, Vec<TitleWord>) {
    read_words_with(normalized, lexemes, Vec::new())
}

/// [`read_words_of`], the words written into `words` (emptied first): a list kept by the
/// caller, for the many titles whose words are read and dropped.
pub fn read_words_with(
    normalized: &str,
    lexemes: Option<&[Rc<Lexeme>]>,
    words: Vec<TitleWord>,
) -> (Vec<(String, String)>, Vec<TitleWord>) {
    let mut sigles_found = Vec::new();
    let text = expand_phrases(normalized, &mut sigles_found);
    // The lexemes given are those of the title's words, unless a phrase replaced it.
    let given = lexemes.filter(|_| std::ptr::eq(&*text, normalized));
    // Most titles: their words' lexemes given, no sigle, a few words. Each word is then read
    // from an array on the stack, its lexeme borrowed: no list made, no count of an `Rc`
    // moved (a list a title was a tenth of the reading's cost).
    const ROOM: usize = 16;
    if let Some(given) = given.filter(|g| {
        !g.is_empty()
            && g.len() <= ROOM
            && (g.iter()).all(|l| l.sigle.is_none() && l.two_readings.is_none())
    }) {
        let mut on_stack = [("", 0, &given[0]); ROOM];
        let mut n = 0;
        for (at, w) in split_spaces(&text).filter(|w| !w.is_empty()).enumerate() {
            if at < given.len() {
                on_stack[at] = (w, at, &given[at]);
            }
            n = at + 1;
        }
        if n == given.len() {
            return (sigles_found, roles_of(&on_stack[..n], words));
        }
    }
    // Each word with the position of the title word it comes from: the words of an expanded
    // sigle are one unit, and share the role of its first word.
    // (Room for a title's words and a sigle's: most titles fit without growing the lists.)
    let mut expanded: Vec<(&str, usize, Rc<Lexeme>)> = Vec::with_capacity(12);
    for (at, w) in split_spaces(&text).filter(|w| !w.is_empty()).enumerate() {
        let lex = match given.and_then(|l| l.get(at)) {
            Some(l) => l.clone(),
            None => lexeme(w),
        };
        // A short form that is also a stop word ("aux": auxiliaire) is the sigle only first in
        // the title ("Aux. de puériculture"); after it, the stop word ("accès aux droits"). So
        // is a head noun's short form that may be another sigle ([`HEAD_ONLY`]).
        let sigle = match lex.sigle {
            Some(_) if at > 0 && (lex.stop || lex.head_only) => None,
            found => (lex.two_readings)
                .map(|(noun, adjective)| if at == 0 { noun } else { adjective })
                .or(found),
        };
        match sigle {
            Some(long) => {
                if !sigles_found.iter().any(|(s, _): &(String, String)| s == w) {
                    sigles_found.push((w.to_string(), long.to_string()));
                }
                if serves_a_director(&text, at, long) {
                    // Read as "de direction", with or without the "du" of the title.
                    expanded.extend(["de", SERVED_PLACES[0]].map(|x| (x, at, lexeme(x))));
                } else {
                    expanded.extend(split_spaces(long).map(|x| (x, at, lexeme(x))));
                }
            }
            None => expanded.push((w, at, lex)),
        }
    }
    let expanded: Vec<(&str, usize, &Rc<Lexeme>)> =
        (expanded.iter()).map(|(w, at, l)| (*w, *at, l)).collect();
    (sigles_found, roles_of(&expanded, words))
}

/// The content words of a title's words as [`read_words_of`] expands them (each with the
/// position of the title word it comes from, and its lexeme), stemmed, each with its role;
/// written into `words` (emptied first).
fn roles_of(expanded: &[(&str, usize, &Rc<Lexeme>)], mut words: Vec<TitleWord>) -> Vec<TitleWord> {
    words.clear();
    words.reserve(expanded.len());
    let mut core_open = true;
    let mut seen_head = false;
    let mut unit: Option<(usize, Role)> = None;
    // Whether the word comes right after "de", "des", "en" (articles allowed between), and
    // whether it is the first word after the head noun: "Gardien *de gymnase*", "Mécanicien
    // *en motoculture*" name another occupation than "Gardien *de la paix*".
    let mut after_de = false;
    // Whether that preposition is "en": "en régie" says how the service is run ([`run_in_regie`]).
    let mut after_en = false;
    let mut next_to_head = false;
    for (k, (w, at, lex)) in expanded.iter().enumerate() {
        let (w, at) = (*w, *at);
        if !lex.content {
            match w {
                "de" | "du" | "des" | "d" | "en" => {
                    after_de = true;
                    after_en = w == "en";
                }
                "la" | "le" | "les" | "l" => {}
                _ => (after_de, after_en) = (false, false),
            }
            continue;
        }
        let (introduced, first_after_head) = (after_de, next_to_head);
        let by_en = after_en;
        (after_de, after_en) = (false, false);
        next_to_head = false;
        let word = &lex.stem;
        if words.iter().any(|x| x.word == *word) {
            continue;
        }
        let Kind {
            place,
            rank,
            generic,
            status,
            ..
        } = lex.kind;
        let rank = rank || lex.ordinal;
        let rest = || expanded[k + 1..].iter().map(|&(x, _, l)| (x, &**l));
        // After the head noun and its complement (the post is named), "régie" and a trade is
        // where the post works ("Agent de maîtrise - régie bâtiment").
        // "En régie" once the post is named says how the service is run: not read at all.
        if seen_head && !core_open && by_en && run_in_regie(word) {
            continue;
        }
        let place = place || (seen_head && !core_open && names_a_works_team(word, rest()));
        // A status word before the word that names the occupation, or a deputy named after
        // a post ("adjoint" then "au", "à la", "du" and the post's head noun): a rank.
        let status_first =
            status && rest().any(|(_, l)| l.content && !l.kind.status && !l.kind.place);
        let deputy = &**word == "adjoint"
            && (rest().take_while(|(_, l)| !l.content))
                .any(|(x, _)| matches!(x, "a" | "au" | "aux" | "du" | "de"))
            && (rest().find(|(_, l)| l.content))
                .is_some_and(|(_, l)| DEPUTY_OF.contains(&&*l.stem));
        let role = if let Some((_, role)) = unit.filter(|(u, _)| *u == at) {
            match role {
                Role::Head | Role::Complement => Role::Complement,
                other => other,
            }
        } else if !seen_head && (status_first || deputy) {
            Role::Rank
        } else if !seen_head && !place && (!rank || generic) {
            seen_head = true;
            core_open = generic;
            next_to_head = true;
            Role::Head
        } else if place && !(introduced && first_after_head && SERVED_PLACES.contains(&w)) {
            Role::Place
        } else if rank && seen_head {
            Role::Rank
        } else if core_open || (introduced && first_after_head) {
            // "Affaires" names no field of its own: the word after it does ("affaires
            // foncières", "scolaires", "juridiques"), and is the complement with it.
            core_open = generic || **word == *AFFAIRS;
            Role::Complement
        } else {
            Role::Qualifier
        };
        if unit.is_none_or(|(u, _)| u != at) {
            unit = Some((at, role));
        }
        words.push(TitleWord {
            word: word.clone(),
            role,
            generic,
            lexeme: Rc::clone(lex),
        });
    }
    words
}

/// The word whose field the word after it names: "Gestionnaire des affaires foncières" keeps
/// land and property ("foncières"), not any "affaires" (scolaires, juridiques), as its
/// complement (session 27). Its stem, as [`stem`] leaves "affaires" (a test checks it).
const AFFAIRS: &str = "affair";

/// The word that, set before a trade after the post, names its works team ([`names_a_works_team`]).
const WORKS_TEAM: &str = "regie";

/// Whether a stemmed word of a title is "régie" set right before another word ("Agent de
/// maîtrise - régie bâtiment"): the in-house works team of that trade (the régie bâtiment, the
/// régie voirie), where the job is done, so a place; not the cash office of a régisseur
/// ("Agent de régie", "Agent de régie de recettes": 4311), which the word names alone or
/// followed by its object with "de". `rest`: the words after it. Read only once the post is
/// named: as the complement ("Responsable de la régie bâtiment"), the team is what the job
/// heads, and reference titles of that form keep their words.
fn names_a_works_team<'a>(
    stem: &str,
    mut rest: impl Iterator<Item = (&'a str, &'a Lexeme)>,
) -> bool {
    // The stem of "régie" starts as the word does: a stem of another first letter (most words
    // after a post's head noun) is told without stemming the word again.
    stem.as_bytes().first() == WORKS_TEAM.as_bytes().first()
        && stems_to(WORKS_TEAM, stem)
        && rest.next().is_some_and(|(_, l)| l.content)
}

/// Whether a stemmed word of a title is "régie" placed by "en" once the post is named ("Agent
/// d'exploitation des parkings en régie", "Agent de collecte en régie"): how the service is
/// run, by the authority's own staff rather than a contractor (a mode of management, as "en
/// délégation" would be), which says nothing of the post: the word is not read, neither as
/// the cash office of a régisseur ("Agent de régie", 4311), which a place word would still
/// reach, nor as a works team (session 48).
fn run_in_regie(stem: &str) -> bool {
    stem.as_bytes().first() == WORKS_TEAM.as_bytes().first() && stems_to(WORKS_TEAM, stem)
}

/// Whether a normalised title holds "en régie" after its first word ([`run_in_regie`]): the
/// explanation says why the word was not read.
pub fn mentions_run_in_regie(normalized: &str) -> bool {
    normalized.contains(" en regie")
}

/// Whether a title's words hold "régie" read as a works team ([`names_a_works_team`]): the
/// explanation says why the word is a place.
pub fn has_works_team(words: &[TitleWord]) -> bool {
    (words.iter()).any(|w| w.role == Role::Place && stems_to(WORKS_TEAM, &w.word))
}

/// The matching tokens of a title: stemmed content words, sigles expanded; sorted, without
/// duplicates.
pub fn tokens(title: &str) -> Vec<String> {
    let mut words: Vec<String> = read_title(title)
        .words
        .into_iter()
        .map(|w| w.word.to_string())
        .collect();
    words.sort();
    words.dedup();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters for labels: letters of both cases, Latin-1 letters that fold to ASCII and
    /// some that do not ('×', 'ß', 'ð', 'ø', 'þ', 'Æ'), marks other scripts fold to a bracket
    /// or a dot, a sigma, a middle dot, brackets, separators, digits.
    const LABEL_CHARACTERS: [&str; 40] = [
        "a", "e", "r", "E", "T", "z", "é", "è", "ê", "à", "ç", "ô", "É", "È", "À", "Ç", "ÿ", "Ï",
        "æ", "Æ", "×", "÷", "ß", "ð", "ø", "þ", "œ", "（", "…", "·", "Σ", "(", ")", "[", " ", "-",
        "'", "1", "/", ".",
    ];

    /// Pieces of titles: words, written-in endings right or wrong, brackets, marks, letters
    /// beyond ASCII (for [`normalize_title_into`]'s test).
    const TITLE_PIECES: [&str; 24] = [
        "Agent", "chargé", "CHEF", "e", "(e)", "(ère)", "(ve)", "(trice)", "(fe)x", "(E)", "(é)",
        "(1)", "()", "(abcdef)", " ", " ", "-", "'", ")", "(", "[", "]", "æ", "1",
    ];

    /// [`normalize_title_into`] a new text, and what it told.
    fn normalize_title_read(title: &str) -> (String, Option<bool>) {
        // Into a text that held another title: it is written anew.
        let mut normalized = String::from("Assistant(e) administratif(ve) zc");
        let told = normalize_title_into(title, &mut normalized);
        (normalized, told)
    }

    /// [`normalize_title`] of a title beyond ASCII as it was before `join_latin1_words`: the
    /// general fold, then `normalize_folded`.
    fn normalized_by_the_general_fold(title: &str) -> String {
        let mut folded = String::new();
        fold_into(title, &mut folded);
        normalize_folded(&folded)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// The Latin-1 fold's titles are normalised as the general fold normalises them.
        #[test]
        fn latin1_titles_normalise_as_the_general_fold_does(
            parts in proptest::collection::vec(proptest::sample::select(LABEL_CHARACTERS.to_vec()), 0..24)
        ) {
            let title = parts.concat();
            if !title.is_ascii() {
                proptest::prop_assert_eq!(normalize_title(&title), normalized_by_the_general_fold(&title));
            }
        }

        /// The pass that joins a title's words tells whether its brackets fold away as
        /// `brackets_fold_away` does, when it tells (and normalises the title as before).
        #[test]
        fn joining_the_words_tells_whether_the_brackets_fold_away(
            parts in proptest::collection::vec(proptest::sample::select(TITLE_PIECES.to_vec()), 0..12),
            any in proptest::collection::vec(proptest::sample::select(LABEL_CHARACTERS.to_vec()), 0..4),
            at in 0usize..12,
        ) {
            let (mut parts, any) = (parts, any.concat());
            parts.insert(at.min(parts.len()), &any);
            let title = parts.concat();
            let (normalized, told) = normalize_title_read(&title);
            proptest::prop_assert_eq!(&normalized, &normalize_title(&title));
            let simple = a_character_at_a_time(&title);
            proptest::prop_assert_eq!(brackets_fold_away(&title), simple);
            if let Some(told) = told {
                proptest::prop_assert_eq!(told, simple, "{:?}", title);
            }
            // Nearly every title of ASCII or Latin-1 letters is told.
            let plain = !title.contains(['/', '.']) && title.chars().all(|c| c.is_ascii() || "éèêàçôÉÈÀÇÿÏæÆ".contains(c));
            proptest::prop_assert!(told.is_some() || !plain, "{:?}", title);
        }

        /// Brackets read with the plain bytes skipped, as a character at a time.
        #[test]
        fn labels_fold_their_brackets_away_with_plain_bytes_skipped(
            parts in proptest::collection::vec(proptest::sample::select(LABEL_CHARACTERS.to_vec()), 0..24)
        ) {
            let label = parts.concat();
            proptest::prop_assert_eq!(brackets_fold_away(&label), a_character_at_a_time(&label));
        }
    }

    /// French titles beyond ASCII take the Latin-1 fold, and normalise as before.
    #[test]
    fn french_titles_take_the_latin1_fold() {
        for title in [
            "Policier(ère) municipal(e) zdp",
            "Médiateur(trice) culturel(le)",
            "Agent(e) de maintenance des bâtiments",
            "Officier(ère) d'état civil",
            "CHARGÉ(E) DE MISSION",
            "Œnologue",
            "Maître-nageur × 2",
        ] {
            let mut joined = String::new();
            let latin1 = join_latin1_words(title, title.contains('('), &mut joined).map(|_| joined);
            assert_eq!(latin1.is_some(), !title.contains(['Œ', '×']), "{title}");
            assert_eq!(
                normalize_title(title),
                normalized_by_the_general_fold(title),
                "{title}"
            );
        }
    }

    #[test]
    fn ascii_labels_fold_their_brackets_away_as_any_label_does() {
        // Every label of up to six characters of these, and longer ones drawn from them.
        let alphabet = b"aE1 ()[]/.-";
        let mut labels: Vec<String> = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = (labels.iter())
                .filter(|l| l.len() == labels.last().map_or(0, String::len))
                .flat_map(|l| alphabet.iter().map(move |&c| format!("{l}{}", c as char)))
                .collect();
            labels.extend(longer);
        }
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let mut label = String::from("Agent");
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                label.push(alphabet[(seed >> 33) as usize % alphabet.len()] as char);
            }
            labels.push(label);
        }
        labels.extend(
            [
                "Assistant(e) administratif(ve)",
                "Agent(e) de (la) mairie",
                "Chef(fe)x",
            ]
            .map(String::from),
        );
        let mut folding = 0;
        for label in &labels {
            let ascii = ascii_brackets_fold_away(label.as_bytes());
            assert_eq!(ascii, chars_brackets_fold_away(label), "{label:?}");
            assert_eq!(ascii, a_character_at_a_time(label), "{label:?}");
            let (normalized, told) = normalize_title_read(label);
            assert_eq!(normalized, normalize_title(label), "{label:?}");
            assert!(told.is_none_or(|t| t == ascii), "{label:?}");
            folding += usize::from(ascii);
        }
        assert!(folding > 100, "{folding}");
    }

    /// `chars_brackets_fold_away` as it read every character (session 36), for the test below.
    fn a_character_at_a_time(label: &str) -> bool {
        let mut at = BracketsRead::default();
        for c in label.chars() {
            if c.is_ascii() && !matches!(c, '(' | ')' | '[') {
                let d = c.to_ascii_lowercase();
                if matches!(d, '/' | '.' | ']') || !at.other(d) {
                    return false;
                }
                continue;
            }
            match c {
                '(' if at.open() => continue,
                ')' if at.close() => continue,
                '(' | ')' | '[' | 'Σ' => return false,
                _ => {}
            }
            let mut fits = true;
            c.to_lowercase().for_each(|l| {
                each_folded(l, |d| {
                    let mark = matches!(d, '/' | '.' | '(' | '·' | '•' | '‧' | '⋅' | '[' | ']');
                    fits = fits && !mark && at.other(d);
                })
            });
            if !fits {
                return false;
            }
        }
        at.end()
    }

    /// Labels with characters beyond ASCII (accented letters, capitals, marks that fold to a
    /// bracket, a dot or a slash, a sigma) read as they were a character at a time.
    #[test]
    fn labels_fold_their_brackets_away_as_a_character_at_a_time() {
        let alphabet = [
            "a", "E", "(", ")", " ", "é", "È", "œ", "（", "…", "·", "Σ", "ß", "/",
        ];
        let mut labels = vec![String::new()];
        let mut last = labels.clone();
        for _ in 0..5 {
            last = (last.iter())
                .flat_map(|l| alphabet.iter().map(move |c| format!("{l}{c}")))
                .collect();
            labels.extend(last.iter().cloned());
        }
        labels.extend(
            [
                "Agent(e) de propreté urbaine",
                "Jardinier(ère) zwvg",
                "Médiateur(trice) culturel(le)",
            ]
            .map(String::from),
        );
        let mut folding = 0;
        for label in &labels {
            let read = brackets_fold_away(label);
            assert_eq!(read, a_character_at_a_time(label), "{label:?}");
            folding += usize::from(read);
        }
        assert!(folding > 100, "{folding}");
    }

    #[test]
    fn latin1_letters_are_lowered_and_folded_as_the_unicode_tables_do() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            let mut lowered = String::new();
            each_lowered(c, |l| lowered.push(l));
            assert_eq!(lowered, c.to_lowercase().to_string(), "{c:?}");
        }
        for c in 'à'..='ÿ' {
            let mut folded = String::new();
            each_folded(c, |d| folded.push(d));
            let mut decomposed = String::new();
            match c {
                'æ' => decomposed.push_str("ae"),
                c => decompose_compatible(c, |d| {
                    if !is_combining_mark(d) {
                        decomposed.push(d);
                    }
                }),
            }
            assert_eq!(folded, decomposed, "{c:?}");
        }
    }

    /// Every sigle is found through the first-byte buckets, and a word that is no sigle is not.
    #[test]
    fn every_sigle_is_found_in_its_bucket() {
        for sigle in sigle_tables().0 {
            assert_eq!(find_sigle(sigle.0), Some(sigle), "{}", sigle.0);
            assert_eq!(find_sigle(&format!("{}zz", sigle.0)), None, "{}zz", sigle.0);
        }
        assert_eq!(find_sigle(""), None);
    }

    #[test]
    fn affaires_is_stemmed_as_its_constant() {
        assert_eq!(stem("affaires"), AFFAIRS);
        assert_eq!(stem("affaire"), AFFAIRS);
    }

    /// `stems_to` says what comparing with `stem` says, on every ending `stem` reads.
    #[test]
    fn stems_to_agrees_with_stem() {
        let words = [
            "animatrices",
            "animateurs",
            "jardiniere",
            "technicienne",
            "services",
            "agente",
            "employee",
            "chargees",
            "lycee",
            "vendeuse",
            "bibliothecaire",
            "maire",
            "chef",
            "responsable",
            "educatrice",
            "creche",
            "sportive",
            "chauffeur",
            "ouvriere",
            "x",
            "",
            "patronne",
            "cheffe",
            "cadettes",
            "prix",
        ];
        for w in words {
            let s = stem(w);
            assert!(stems_to(w, &s), "{w} → {s}");
            for other in words {
                assert_eq!(stems_to(other, &s), stem(other) == s, "{other} and {s}");
            }
        }
    }

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
}
