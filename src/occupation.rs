//! One entry point from a job title to its ISCO-08 occupation, used by the analysis and by
//! `exposure isco TITLE` alike: a grade of the fonction publique territoriale first (its cadre
//! d'emplois gives one occupation or a mix, `crate::grades`), otherwise the title crosswalk
//! (`crate::isco`). A mix is scored by pooling the ILO tasks of its occupations, each task
//! weighted share ÷ tasks of its occupation, through the same weighted mean and SD as a job's
//! own tasks.

use std::cell::Cell;
use std::rc::Rc;

use serde::Serialize;

use crate::classify::Method;
use crate::grades::{Cadre, GradeMatch, Grades, NotGrade};
use crate::grades::{FUNCTIONS, GRADE_FLOOR};
use crate::ilo::{Ilo, IloTask, OccupationFigures};
use crate::isco::{
    Basis, CONFIDENCE_FLOOR, Candidate, Crosswalk, IscoMatch, Reading, Stage, TIE, Table,
    TitleMatch, Unmapped, normalize_title,
};
use crate::stats::weighted_stats;
use crate::title::{Lexeme, Role, TitleWord, read_words};

/// How a title was resolved. A title's match is shared with the crosswalk's memo, which holds
/// one for the many titles decided alike.
#[derive(Debug, Clone)]
pub enum Resolved {
    Grade(GradeMatch),
    Title(Rc<TitleMatch>),
}

/// The occupation of a job title: its grade's cadre, else the crosswalk's match. A grade found
/// in one part of the title ("Rédacteur principal - élections") gives way to the whole title
/// when the crosswalk maps it at `GRADE_FLOOR` or more: the métier says more than the grade.
pub fn resolve(title: &str) -> Resolved {
    // A repertory's family code before the métier: the métier decides.
    if let Some(resolved) = family_code(title) {
        return resolved;
    }
    /// The normalised text of a title and its words' lexemes, kept for the next title: no
    /// text nor list made and freed a title. (Taken while a title is resolved: a title
    /// resolved meanwhile makes its own.)
    #[derive(Default)]
    struct Spare {
        normalized: String,
        lexemes: Vec<Rc<Lexeme>>,
    }
    thread_local! {
        static SPARE: Cell<Spare> = Cell::default();
    }
    let mut spare = SPARE.take();
    // Both paths start from the title normalised: done once (and the pass tells the grade
    // recogniser whether the title's brackets fold away).
    let brackets_fold_away = crate::title::normalize_title_into(title, &mut spare.normalized);
    // Its words looked up once, for both.
    crate::title::lexemes_into(&spare.normalized, &mut spare.lexemes);
    let resolved = resolve_read(title, &spare.normalized, &spare.lexemes, brackets_fold_away);
    spare.lexemes.clear();
    SPARE.set(spare);
    resolved
}

/// How a repertory of métiers files a métier before its name ([`opening_code`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FamilyKind {
    /// A code of capitals and digits: "ADM-04", "RH-03", "PROP-03".
    Code,
    /// A family's abbreviation, capitals alone, before a spaced dash: "BAT -", "EV -".
    Abbreviation,
    /// "Famille" and the family's name, before a spaced dash or colon: "Famille
    /// Administration générale -".
    Name,
}

/// The code or prefix a title opens with, as written, and the métier after it.
#[derive(Debug, Clone, Copy)]
struct FamilyCode<'t> {
    kind: FamilyKind,
    /// The code or prefix, as written ("ADM-04", "BAT", "Famille Administration générale").
    code: &'t str,
    /// The métier after it, as written.
    rest: &'t str,
}

/// The fewest and most capitals of a family's code or abbreviation ("EV", "PROP").
const FAMILY_LETTERS: std::ops::RangeInclusive<usize> = 2..=6;

/// The code or prefix a repertory of métiers sets before a métier's name, when the title as
/// written opens with one: a code of 2 to 6 capitals and 1 to 3 digits, joined or not by a
/// hyphen, a dot or an underscore, then a space ("ADM-04 Secrétaire de direction", "RH-03
/// …"), a spaced dash or a colon; a family's abbreviation of 2 to 6 capitals alone before a
/// spaced dash ("BAT - Agent technique bâtiment", "EV - Ouvrier paysagiste"); "Famille" and
/// the family's name before a spaced dash or colon ("Famille Administration générale - …",
/// not "Famille d'accueil"). The rest must start with a letter. Whether an abbreviation is a
/// family's, not a sigle that names a post, an employer or a path of services, is
/// [`family_code`]'s to say. The first test, of the title's first bytes (capitals, then a
/// hyphen, a dot, an underscore, a digit, or a space and a dash or colon; or an "F" first),
/// lets nearly every title by at once.
#[inline(always)]
fn opening_code(title: &str) -> Option<FamilyCode<'_>> {
    let b = title.as_bytes();
    if b.len() <= 3 {
        return None;
    }
    // Capitals, then a code's hyphen, dot, underscore or digit, or a spaced dash or colon.
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let code_or_prefix = letters >= 2
        && match b.get(letters) {
            Some(b'-' | b'.' | b'_' | b'0'..=b'9') => true,
            Some(b' ') => matches!(b.get(letters + 1), Some(b'-' | b':' | 0xE2)),
            _ => false,
        };
    if !code_or_prefix && (b[0] | 0x20) != b'f' {
        return None;
    }
    read_opening_code(title)
}

/// [`opening_code`], past its first test.
#[inline(never)]
fn read_opening_code(title: &str) -> Option<FamilyCode<'_>> {
    // A spaced dash or colon first in `text` (spaces before it trimmed): the text after it.
    let after_separator = |text: &str| -> Option<usize> {
        let trimmed = text.trim_start();
        let skipped = text.len() - trimmed.len();
        let sep = ["-", "–", "—", ":"]
            .iter()
            .find(|d| trimmed.starts_with(**d))?;
        let after = &trimmed[sep.len()..];
        (skipped > 0 && after.starts_with(char::is_whitespace)).then(|| text.len() - after.len())
    };
    let starts_a_word = |rest: &str| rest.chars().next().is_some_and(char::is_alphabetic);
    let end = title.find(char::is_whitespace)?;
    let token = &title[..end];
    if token.eq_ignore_ascii_case("famille") {
        let name = &title[end..];
        let first = name.trim_start();
        // A name, not "d'accueil": a word of its own after "Famille", the dash later.
        if !starts_a_word(first) || first.starts_with(|c: char| c.is_lowercase()) {
            return None;
        }
        let at = (0..name.len())
            .filter(|&at| name.is_char_boundary(at) && name[at..].starts_with(' '))
            .find_map(|at| after_separator(&name[at..]).map(|skip| (at, at + skip)))?;
        let rest = name[at.1..].trim_start();
        return starts_a_word(rest).then(|| FamilyCode {
            kind: FamilyKind::Name,
            code: title[..end + at.0].trim_end(),
            rest,
        });
    }
    let letters = token.bytes().take_while(u8::is_ascii_uppercase).count();
    if !FAMILY_LETTERS.contains(&letters) {
        return None;
    }
    let tail = &token[letters..];
    let digits = tail.strip_prefix(['-', '.', '_']).unwrap_or(tail);
    let after = &title[end..];
    let (kind, rest) = if tail.is_empty() {
        // An abbreviation: a spaced dash after it, not a colon (a sigle then its post's
        // field: "DGS : …").
        let skip = after_separator(after).filter(|_| !after.trim_start().starts_with(':'))?;
        (FamilyKind::Abbreviation, &after[skip..])
    } else if (1..=3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        let skip = after_separator(after).unwrap_or(0);
        (FamilyKind::Code, &after[skip..])
    } else {
        return None;
    };
    let rest = rest.trim_start();
    starts_a_word(rest).then_some(FamilyCode {
        kind,
        code: token,
        rest,
    })
}

/// A title a repertory of métiers files under a family's code or prefix (issue 14, session
/// 44's second round): "ADM-04 Secrétaire de direction", "BAT - Agent technique bâtiment
/// option plomberie", "Famille Administration générale - Assistant de gestion
/// administrative". The code files the métier in the repertory; the métier names the job. Read
/// as a title, the code's letters weigh as much as the métier's words ("ADM", the short form
/// of administratif, made a "Secrétaire de direction" a "Secrétaire administrative", 4120), and
/// its digits count against every reference. So the métier after it ([`opening_code`]) is
/// resolved as a title of its own, by the grade path and every rule, and decides when it is a
/// grade or is mapped at the confidence floor (basis `family_code`, the métier its reading,
/// unless a rule that read part of it decided); a métier that starts with a place, an
/// employer or a path of services names none. An abbreviation is a family's only when it
/// names no post, no employer, no path of services and no contract form of its own: a sigle
/// the tables read as a post at stage 1 or 2 ("ASVP - brigade verte", "EJE - crèche
/// familiale", "DSI - …"), a direction's or an employer's sigle ("DST - Ville de …", "CCAS -
/// …", "SDIS - …"), a place, a path ([`opens_a_path`]) or a form ("PEC - …", "CDD - …") keeps
/// its meaning, and its rules. And a family's abbreviation or name says the family, which a
/// métier named by its generic head alone may need ("EV - Agent d'entretien" tends the green
/// spaces): a reference that covers the whole title, prefix and all, more confidently than
/// the métier's decision stands. `None`: the title is resolved as it is written.
fn family_code(title: &str) -> Option<Resolved> {
    let code = opening_code(title)?;
    if code.kind == FamilyKind::Abbreviation && !names_a_family(code.code) {
        return None;
    }
    // The métier names a post: not a place first, a word of its own beyond generic heads.
    let rest_normalized = normalize_title(code.rest);
    let (_, read) = read_words(&rest_normalized);
    // Nor an employer or a path of services ("CESF - CCAS": the post is before the dash).
    let first = rest_normalized.split(' ').next().unwrap_or_default();
    if read.first().is_none_or(|w| w.role == Role::Place)
        || !read.iter().any(|w| w.role.is_core() && !w.generic)
        || EMPLOYER_SIGLES.contains(&first)
        || opens_a_path(code.rest)
    {
        return None;
    }
    match resolve(code.rest) {
        Resolved::Grade(m) => Some(Resolved::Grade(m)),
        Resolved::Title(t) => {
            let TitleMatch::Mapped(c) = &*t else {
                return None;
            };
            if c.confidence < CONFIDENCE_FLOOR {
                return None;
            }
            if code.kind != FamilyKind::Code && family_names_the_post(title, code.code, c) {
                return None;
            }
            Some(Resolved::Title(Rc::new(read_after_code(
                Rc::unwrap_or_clone(t),
                &rest_normalized,
            ))))
        }
    }
}

/// Whether a reference covers the whole title, a family's abbreviation or name and the métier
/// after it, reading a word of the family, about as confidently as the métier's decision
/// `metier` (at [`TIE`] × its confidence or more): the family names what the métier leaves
/// out ("EV - Agent d'entretien" is the "Agent d'entretien des espaces verts", 6113, no
/// cleaner), and the whole title is decided as written.
fn family_names_the_post(title: &str, family: &str, metier: &Candidate) -> bool {
    let (_, family_words) = read_words(&normalize_title(family));
    match Crosswalk::builtin().match_normalized(normalize_title(title)) {
        TitleMatch::Mapped(w) => {
            w.stage == Stage::WholeTitle
                && w.confidence >= TIE * metier.confidence
                && (family_words.iter()).any(|f| w.matched.iter().any(|m| *m == *f.word))
        }
        TitleMatch::Unmapped { .. } => false,
    }
}

/// The métier's decision after a family's code, on basis `family_code` with the métier as its
/// reading, unless a rule that read part of it decided (its basis and reading stand).
fn read_after_code(t: TitleMatch, rest_normalized: &str) -> TitleMatch {
    match t {
        TitleMatch::Mapped(mut c) => {
            if c.reading.is_none() {
                c.basis = Basis::FamilyCode;
                c.reading = Some(Reading::of(rest_normalized));
            }
            TitleMatch::Mapped(c)
        }
        other => other,
    }
}

/// Whether an abbreviation of capitals set before a spaced dash names a family of métiers
/// ("BAT", "EV", "REST", "PE"), not a post, an employer, a place, a path of services or a
/// contract form, which keep their meaning and their own rules ([`family_code`]).
fn names_a_family(abbreviation: &str) -> bool {
    let normalized = normalize_title(abbreviation);
    if DIRECTION_SIGLES.contains(&normalized.as_str())
        || EMPLOYER_SIGLES.contains(&normalized.as_str())
        || EMPLOYER_PATH_SIGLES.contains(&normalized.as_str())
        || opens_a_path(abbreviation)
    {
        return false;
    }
    let (_, read) = read_words(&normalized);
    if (read.iter()).any(|w| w.role == Role::Place || w.lexeme.is_form()) {
        return false;
    }
    // A sigle the tables read as a post, alone.
    !matches!(
        Crosswalk::builtin().match_normalized(normalized),
        TitleMatch::Mapped(c) if c.stage != Stage::Closest && c.confidence >= CONFIDENCE_FLOOR
    )
}

/// [`resolve`] of a title normalised, with its words' lexemes and what normalising told of
/// its brackets.
fn resolve_read(
    title: &str,
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    brackets_fold_away: Option<bool>,
) -> Resolved {
    match Grades::builtin().find_read(title, normalized, lexemes, brackets_fold_away) {
        Some(m) if guessed_from_cadre_words(&m) => match match_metier(title, normalized, lexemes) {
            t if curated_whole_title(&t) => Resolved::Title(t),
            _ => Resolved::Grade(m),
        },
        // A contract form of a mix not named by status words ("PEC", "Contrat aidé"), then the
        // post apart: the post, which the mix would hide. (After status words, the métier
        // path decides already, [`metier_wins`].)
        Some(m) if !names_post(&m) && form_of_a_mix(&m) => {
            match match_metier(title, normalized, lexemes) {
                t if post_apart_from_form(&t) => Resolved::Title(t),
                _ => Resolved::Grade(m),
            }
        }
        // A grade, then the post in a bracket ("Attaché (juriste marchés publics)"): the grade
        // recogniser sets the bracket aside as a remark; the post, when it names one, decides.
        Some(m) if !names_post(&m) && remark_set_aside(&m) => match grade_then_post(title, None) {
            Some(t) => Resolved::Title(Rc::new(t)),
            None => Resolved::Grade(m),
        },
        Some(m) if !names_post(&m) => Resolved::Grade(m),
        Some(m) => match match_metier(title, normalized, lexemes) {
            t if metier_wins(&t) || post_after_status(&m, normalized, &t) => {
                match grade_named_first(normalized, &t) {
                    Some(g) => Resolved::Grade(g),
                    None => Resolved::Title(t),
                }
            }
            _ => match work_of_the_grade(&m) {
                Some(t) => Resolved::Title(Rc::new(t)),
                None => Resolved::Grade(m),
            },
        },
        None => {
            let t = match_metier(title, normalized, lexemes);
            match grade_named_first(normalized, &t) {
                Some(g) => Resolved::Grade(g),
                None => {
                    Resolved::Title(coded_title(normalized, Some(lexemes), &t).map_or(t, Rc::new))
                }
            }
        }
    }
}

/// A title that no grade names, of more than generic words, which the crosswalk leaves
/// unmapped or decides by similarity alone (no rule read it) at a confidence
/// [`crate::neighbour::MARGIN`] or more under the similarity of the closest titles coded for
/// local government: those give their code, when the closest is at
/// [`crate::neighbour::NEIGHBOUR_MIN`] or more, the code is another, and it holds every word
/// the decision's reference read (basis `coded_title`, session 49). Last of all: the other
/// evidence is read first.
fn coded_title(
    normalized: &str,
    lexemes: Option<&[Rc<Lexeme>]>,
    t: &TitleMatch,
) -> Option<TitleMatch> {
    let decided = match t {
        // No similarity is over 1: not asked.
        TitleMatch::Mapped(c) if c.confidence + crate::neighbour::MARGIN > 1.0 => return None,
        // A rule's decision stands: it read what the closest titles cannot.
        TitleMatch::Mapped(c) if !c.basis.is_similarity() => return None,
        TitleMatch::Mapped(c) => Some(c),
        // No word, or only generic ones ("Agent", "Chargé de mission"): no job named, however
        // many coded titles begin so.
        TitleMatch::Unmapped {
            reason: Unmapped::Empty | Unmapped::Generic,
            ..
        } => return None,
        TitleMatch::Unmapped { .. } => None,
    };
    let words = crate::title::read_words_of(normalized, lexemes).1;
    let n = crate::neighbour::nearest(&words)?;
    // Not when the decision's reference holds a word of the title, or a word that starts with
    // it (a word cut short: "photo." of "photographiques"), that the coded title lacks: the
    // closer title then explains less of it.
    let reads_more = |c: &Candidate| {
        let reference = crate::isco::read_title(&c.reference).words;
        (words.iter()).any(|w| {
            !n.matched.iter().any(|m| *m == *w.word)
                && (reference.iter()).any(|r| r.word.starts_with(&*w.word))
        })
    };
    if decided.is_some_and(|c| {
        c.isco08 == n.isco08
            || n.similarity < c.confidence + crate::neighbour::MARGIN
            || c.matched.iter().any(|m| !n.matched.contains(m))
            || reads_more(c)
    }) {
        return None;
    }
    Some(TitleMatch::Mapped(Candidate {
        reference: n.title.to_string(),
        isco08: n.isco08.to_string(),
        table: Table::Coded,
        similarity: n.similarity,
        confidence: n.similarity,
        via: n.at,
        matched: n.matched,
        basis: Basis::CodedTitle,
        stage: Stage::Closest,
        // No reference of the crosswalk: nothing is memoised by it (`grade_cadre_of`).
        index: usize::MAX,
        reading: None,
    }))
}

/// The crosswalk's match of a normalised title, or, when that is a grade named alone, the
/// post its words after the grade name ([`after_grade`]).
fn match_metier(title: &str, normalized: &str, lexemes: &[Rc<Lexeme>]) -> Rc<TitleMatch> {
    let t = Crosswalk::builtin().match_read(normalized, Some(lexemes));
    let t = read_first(title, normalized, lexemes, &t)
        .or_else(|| read_again(title, normalized, lexemes, &t))
        .map_or(t, Rc::new);
    stock_of_records(normalized, &t).map_or(t, Rc::new)
}

/// The codes of the storekeepers ("Magasinier", stock clerks, 4321) and of ROME's "Agent de
/// magasinage" (shelf fillers and freight handlers, 9333), whose stock a library's or an
/// archives' magasin holds as documents ([`stock_of_records`]).
const STOCK_KEEPERS: [&str; 2] = ["4321", "9333"];

/// The unit groups of ISCO-08's clerks who keep a domain's records, shelved and issued
/// (library clerks 4411, filing and copying clerks 4415, minor group 441).
const RECORDS_CLERKS: &str = "441";

/// A storekeeper of documents: the title decided as a storekeeper or a handler of goods
/// ([`STOCK_KEEPERS`]) by a reference of its head noun and complement alone ("Magasinier",
/// "Agent de magasinage"), whose other words name a library or an archives ("Magasinier -
/// réserve de la médiathèque", "Agent de magasinage - archives départementales", "Magasinier
/// de salle de lecture des archives"). ISCO-08 sorts clerks by the records they keep: the
/// magasin of a library or an archives holds its documents, which its magasinier shelves,
/// fetches for readers and puts back, the tasks of library clerks (4411) and filing clerks
/// (4415), not of the stock clerks (4321) of a store of goods nor the shelf fillers (9333) of a
/// shop. The crosswalk's domain rule reads such a domain only right after the head noun and in
/// the reference's major group ("Magasinier de bibliothèque", 4411); here, the first word of
/// the title the decision did not read that, after "agent de", is a curated clerk's title of
/// 441 at stage 1 at the floor ("Agent d'archives", 4415; "Agent de médiathèque", 4411) is the
/// domain, wherever it stands (basis `domain`, session 48). Only titles so decided are read:
/// one code's test for every other title.
fn stock_of_records(normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    let TitleMatch::Mapped(c) = t else {
        return None;
    };
    if !STOCK_KEEPERS.contains(&c.isco08.as_str())
        || !c.matched.iter().any(|m| m.starts_with("magasin"))
    {
        return None;
    }
    read_stock_of_records(normalized, c)
}

/// [`stock_of_records`], past its first test.
#[inline(never)]
fn read_stock_of_records(normalized: &str, c: &Candidate) -> Option<TitleMatch> {
    // The reference reads the head noun and its complement alone: one of a magasin's words,
    // or a generic head ("agent"), each.
    if !(c.matched.iter()).all(|m| m.starts_with("magasin") || crate::title::is_generic(m)) {
        return None;
    }
    let words = crate::title::split_spaces(normalized).filter(|w| !w.is_empty());
    for w in words.filter(|w| !crate::title::is_stopword(w)) {
        let stem = crate::title::stem(w);
        if stem.starts_with("magasin")
            || crate::title::is_generic(&stem)
            || c.matched.contains(&stem)
        {
            continue;
        }
        let reading = format!("agent de {w}");
        let kept = |d: &Candidate| {
            d.table == Table::Curated
                && d.stage == Stage::WholeTitle
                && d.isco08.starts_with(RECORDS_CLERKS)
        };
        if let Some(m) = read_as(normalized, reading, Basis::Domain, kept) {
            return Some(m);
        }
    }
    None
}

/// The readings of a title as another title, before the rules of [`read_again`], which then
/// read that title: a title an export cut, read whole; a typo in the head noun, corrected.
fn read_first(
    title: &str,
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    untruncated(title, normalized, lexemes, t)
        .or_else(|| abbreviated(title, normalized, lexemes, t))
        .or_else(|| head_noun_typo(title, normalized, lexemes, t))
        .or_else(|| named_place(normalized, lexemes, t))
        .or_else(|| frame_field(normalized, lexemes, t))
        .or_else(|| transport_mobility(normalized, lexemes, t))
}

/// Words (normalised, or the start of one) that set a title's "mobilité" among its staff's
/// careers: recruitment, redeployment, careers, internal moves, human resources ("Chargée de
/// recrutement et mobilité", "Conseillère en mobilité et reclassement", "Assistant RH -
/// recrutement et mobilité"). A sigle counts by its long form ("RH").
pub(crate) const STAFF_MOBILITY_WORDS: [&str; 10] = [
    "recrut",
    "reclass",
    "carriere",
    "interne",
    "professionnel",
    "personnel",
    "humaines",
    "gpec",
    "gpeec",
    "evolution",
];

/// The human resources professionals' unit group (ISCO-08 2423), whose curated titles read
/// "mobilité" as the staff's ("Chargé de la mobilité", "Conseiller mobilité carrière").
const PERSONNEL_PROFESSIONALS: &str = "2423";

/// "Mobilité(s)" names two fields: the staff's moves between posts (human resources, 2423)
/// and the town's transport, the mobility of its plans de mobilité, vélo and déplacements
/// (urban and traffic planners, 2164, or the transport services' managers). Only its context
/// tells them apart: a title whose "mobilité" the decision read as the staff's, by a curated
/// title of the personnel professionals, while the title holds no word of the staff's careers
/// ([`STAFF_MOBILITY_WORDS`], "RH" by its long form), names transport ("Chargé d'études
/// mobilités", "Conseiller en mobilité durable", "Chargé de mobilités (plan vélo)"): it is
/// read again with "déplacements", the transport's own word, in the place of "mobilité",
/// decided whole by every rule, and taken when mapped at the floor as another code (basis
/// `transport_mobility`, session 46). A title that is the curated title's own words (at
/// similarity [`TIE`] or more: "Chargé de la mobilité") keeps the curated table's reading.
#[inline(always)]
fn transport_mobility(
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    match t {
        TitleMatch::Mapped(c)
            if c.isco08 == PERSONNEL_PROFESSIONALS
                && c.table == Table::Curated
                && c.similarity < TIE
                && c.matched.iter().any(|m| m.starts_with("mobilit")) =>
        {
            read_transport_mobility(normalized, lexemes, c)
        }
        _ => None,
    }
}

/// [`transport_mobility`], past its first test.
#[inline(never)]
fn read_transport_mobility(
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    c: &Candidate,
) -> Option<TitleMatch> {
    let staff = |w: &str| STAFF_MOBILITY_WORDS.iter().any(|s| w.starts_with(s));
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    if words.iter().any(|w| staff(w))
        || (lexemes.iter().filter_map(|l| l.long_form()))
            .any(|f| f.split(' ').any(|w| staff(&normalize_title(w))))
    {
        return None;
    }
    if !words.iter().any(|w| w.starts_with("mobilite")) {
        return None;
    }
    let reading = (words.iter())
        .map(|w| {
            if w.starts_with("mobilite") {
                "deplacements"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    match read_whole_as(
        &reading,
        normalized,
        reading.clone(),
        Basis::TransportMobility,
    )? {
        TitleMatch::Mapped(m) if m.isco08 != c.isco08 => Some(TitleMatch::Mapped(m)),
        _ => None,
    }
}

/// A frame noun of the title ([`crate::isco::is_frame`]: "ressources", "parc", "action",
/// "acquisitions", "matériels"), not its head, followed right after it by the word that names
/// its field ("ressources *numériques*", "parc *locatif*", "action *foncière*"), when the
/// decision read the frame and not that word, by a reference with a field of its own (a
/// look-alike: "Gestionnaire de parc informatique"), or left the title unmapped: the frame names no
/// field of its own, so the title is read without it, the field in its place, decided by the
/// crosswalk and every rule, and taken when mapped at the floor by a reference that reads the
/// field, with another code, at any stage: the frame's field is what the title names, and a
/// reference of another head that reads it (an "Agent foncier") says more of the job than one
/// of the title's head and the frame with another field (basis `frame_field`, session 45):
/// "Chargé de l'action foncière" is read as "Chargé … foncière" (3334), not as the chargé of
/// the action culturelle (2422), which the crosswalk's look-alike factor already sets under
/// the floor.
#[inline(always)]
fn frame_field(normalized: &str, lexemes: &[Rc<Lexeme>], t: &TitleMatch) -> Option<TitleMatch> {
    let frame = (1..lexemes.len().saturating_sub(1)).find(|&k| {
        lexemes[k].content_stem().is_some_and(crate::isco::is_frame)
            && lexemes[k + 1].content_stem().is_some()
    })?;
    read_frame_field(normalized, lexemes, t, frame)
}

/// [`frame_field`], past its first test: the frame noun is the `frame`th word.
#[inline(never)]
fn read_frame_field(
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
    frame: usize,
) -> Option<TitleMatch> {
    let (frame_stem, field) = (
        lexemes[frame].content_stem()?,
        lexemes[frame + 1].content_stem()?,
    );
    let read = |c: &Candidate, stem: &str| c.matched.iter().any(|m| m == stem);
    // A reference that names a field of its own after the frame, which the title lacks (not
    // another frame noun: "Responsable du parc matériel" is no look-alike).
    let own_field = |c: &Candidate| {
        (crate::isco::read_title(&c.reference).words.iter()).any(|w| {
            matches!(w.role, Role::Complement | Role::Qualifier | Role::Place)
                && !read(c, &w.word)
                && !crate::isco::is_frame(&w.word)
        })
    };
    let code = match t {
        TitleMatch::Mapped(c) if read(c, frame_stem) && !read(c, field) && own_field(c) => {
            Some(&c.isco08)
        }
        TitleMatch::Mapped(_) => return None,
        TitleMatch::Unmapped { .. } => None,
    };
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() != lexemes.len() {
        return None;
    }
    // The frame's article goes with it: "de l'action foncière" reads "de foncière", not
    // "de l'foncière" (an article weighs nothing in the match; only the reading shown changes).
    let article = frame > 0 && matches!(words[frame - 1], "l" | "la" | "le" | "les");
    let reading = (words.iter().enumerate())
        .filter(|&(k, _)| k != frame && !(article && k + 1 == frame))
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ");
    match read_whole_as(&reading, normalized, reading.clone(), Basis::FrameField)? {
        TitleMatch::Mapped(c) if read(&c, field) && code != Some(&c.isco08) => {
            Some(TitleMatch::Mapped(c))
        }
        _ => None,
    }
}

/// A candidate decided by a rule that read part of the title: its basis, and the words the
/// rule read, unless a rule it called read fewer (a trade's reading of them), which are then
/// what was matched.
fn decided(
    mut c: Candidate,
    basis: Basis,
    read: impl FnOnce() -> Box<Reading>,
) -> Option<TitleMatch> {
    c.basis = basis;
    c.reading.get_or_insert_with(read);
    Some(TitleMatch::Mapped(c))
}

/// A match some rule made of words it read in the title's place, kept when it is at stage 1
/// or 2 at the confidence floor: the closest title of stage 3 is too little evidence for a
/// reading that replaces the whole title's.
fn kept_at_the_floor(m: TitleMatch) -> Option<Candidate> {
    match m {
        TitleMatch::Mapped(c) if c.stage != Stage::Closest && c.confidence >= CONFIDENCE_FLOOR => {
            Some(c)
        }
        _ => None,
    }
}

/// A rule's reading of a title (`reading`, words put in the title's place) matched, kept at
/// stage 1 or 2 at the floor ([`kept_at_the_floor`]) when `keep` accepts its candidate, and
/// decided on `basis`.
fn read_as(
    normalized: &str,
    reading: String,
    basis: Basis,
    keep: impl FnOnce(&Candidate) -> bool,
) -> Option<TitleMatch> {
    let c = kept_at_the_floor(Crosswalk::builtin().match_normalized(reading.clone()))?;
    if !keep(&c) {
        return None;
    }
    decided(c, basis, || Reading::as_matched(normalized, reading))
}

/// The crosswalk's decision `t` of a title, read again by the rules that know how French
/// titles are written, the first that applies: the post after a grade, the files of an
/// instructeur, the title without its places (when nothing matches it at the floor, or only
/// its closest title), the part before a dash or a slash (whatever matched it), its head noun
/// alone; last, for a title still unmapped, a chef de service as its responsable and the head of
/// a social service. `None`: `t` stands.
fn read_again(
    title: &str,
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    (form_then_post(title, normalized, lexemes))
        .or_else(|| after_grade(title, normalized, t))
        .or_else(|| grade_then_post(title, Some((lexemes, t))))
        .or_else(|| instruction(normalized, lexemes, t))
        .or_else(|| longer_sigle(normalized, lexemes, t))
        .or_else(|| trade_after_generic_head(title, normalized, lexemes, t))
        .or_else(|| head_of_a_trade(normalized, lexemes, t))
        .or_else(|| head_of_cleaners(normalized, lexemes, t))
        .or_else(|| first_activity(normalized, lexemes, t))
        .or_else(|| combined_post(title, normalized, t))
        .or_else(|| after_status(normalized, lexemes, t))
        // One link of the chain for both: each link moves the decision a title carries.
        .or_else(|| charged_with(title, lexemes, t).or_else(|| periphrasis(title, normalized, t)))
        .or_else(|| own_words(title, normalized, t))
        .or_else(|| computer_networks(normalized, lexemes, t))
        .or_else(|| heavy_and_light_vehicles(normalized, t))
        .or_else(|| object_of_maintenance(title, normalized, t))
        .or_else(|| police_of_a_field(normalized, t))
        .or_else(|| animateur_of_another_public(normalized, lexemes, t))
        .or_else(|| without_places(normalized, t))
        .or_else(|| first_part(title, t))
        .or_else(|| head_noun_alone(normalized, t))
        .or_else(|| manager_not_named(normalized, lexemes, t))
        .or_else(|| records_after_service(title, normalized, t))
        // Last: only a title every other rule leaves unmapped.
        .or_else(|| chef_de_service_as_responsable(normalized, lexemes, t))
        .or_else(|| head_of_a_social_service(normalized, lexemes, t))
        .or_else(|| assistant_of_a_direction(normalized, t))
        .or_else(|| surveillant_as_agent_de_surveillance(normalized, t))
        .or_else(|| reparateur_as_mecanicien(normalized, t))
        .or_else(|| frame_as_its_agent(normalized, lexemes, t))
}

/// Connectives an export's field length leaves at the end of a title it cut ("Gestionnaire
/// administrative et"): they join the title to words it lost, and say nothing of the post.
/// (A `match`, not a list searched: every title's last word is asked.)
fn dangling(word: &str) -> bool {
    matches!(
        word,
        "et" | "de"
            | "du"
            | "des"
            | "d"
            | "l"
            | "la"
            | "le"
            | "les"
            | "a"
            | "au"
            | "aux"
            | "en"
            | "pour"
            | "sur"
            | "par"
            | "avec"
            | "dans"
            | "ou"
    )
}

/// Places a title names by their proper name ("Mairie de Vic", "secteur Ouest"): the word
/// after them is a name, not a word cut. (Not "service" nor "pôle", named by a field.)
const NAMED_PLACES: [&str; 8] = [
    "mairie", "ville", "commune", "site", "secteur", "quartier", "annexe", "agence",
];

/// The fewest letters of a last word read as the start of a longer one: a shorter stub ("P",
/// "GE") starts too many words to name one.
pub(crate) const STUB_MIN: usize = 3;

/// A title an HR system cut at its field length (30, 35, 40 characters: "RESPONSABLE DU
/// SERVICE DES AFFAIRES GENE"), read as the title it was: a dangling connective at the end
/// ([`dangling`]) dropped, and a last word the vocabulary does not know, no sigle, of
/// [`STUB_MIN`] letters or more, read as the token of the vocabulary it starts that the
/// reference titles sharing the title's other words use (`Crosswalk::completion`). The title
/// so read is decided by the crosswalk and every rule after this one, and kept when mapped;
/// `exposure isco` names the reading. A title whose last word is known (nearly all) costs one
/// look-up.
#[inline(always)]
fn untruncated(
    title: &str,
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    // Inlined, the first test: nearly every title stops at it.
    let last = last_word(normalized);
    if !dangling(last) && !Crosswalk::may_start_a_token(last) {
        return None;
    }
    read_untruncated(title, normalized, lexemes, t)
}

/// The last word of a normalised title.
#[inline(always)]
fn last_word(normalized: &str) -> &str {
    match normalized.as_bytes().iter().rposition(|&b| b == b' ') {
        Some(at) => &normalized[at + 1..],
        None => normalized,
    }
}

/// [`untruncated`], past its first test.
#[inline(never)]
fn read_untruncated(
    title: &str,
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    // "Cat. A" last is a remark on the grade's category, no "à" left dangling: set apart as a
    // contract form is ([`form_then_post`]).
    if ends_on_category_remark(normalized) {
        return None;
    }
    // Known: a sigle, a token of the vocabulary, or a word the reader gives a role (a place,
    // a rank, a status: "secteur Est").
    // Letters only, no bracket closed after them ("(PAT)"), and the start of a longer token.
    let may_be_cut = |w: &str| {
        w.len() >= STUB_MIN
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && !title.trim_end().ends_with(')')
            && Crosswalk::starts_a_token(w)
    };
    // Nearly every title ends on a known word, or on a code or a name no token starts: the
    // cheapest tests first (the word's first letters in a table of the tokens', what the
    // crosswalk kept of the word when it read the title).
    let last = last_word(normalized);
    let cut_after = dangling(last);
    if !cut_after && !Crosswalk::may_start_a_token(last) {
        return None;
    }
    let last_lexeme = lexemes.last()?;
    if last_lexeme.is_sigle() || Crosswalk::is_token(last_lexeme) {
        return None;
    }
    if !cut_after && (!may_be_cut(last) || known_word(last_lexeme)) {
        return None;
    }
    let mut words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    // The title as written, cut at the same place, for the rules that read its separators.
    let mut written = title.trim_end();
    let mut cut = false;
    while words.len() > 1 && dangling(words.last()?) {
        written = without_last_word(written, &words.join(" "))?;
        words.pop();
        cut = true;
    }
    let stub = *words.last()?;
    let lexeme = crate::title::lexeme(stub);
    // A name after a place that has one ("Mairie de Vic") is whole.
    let after_place = (words.iter().rev().skip(1))
        .find(|w| !dangling(w))
        .is_some_and(|w| NAMED_PLACES.contains(w));
    // A stub the decision matched already (the crosswalk reads a word of five letters or more
    // as every token it starts) stands: one completion would narrow a reading that was right.
    let matched = matches!(t, TitleMatch::Mapped(c)
        if lexeme.content_stem().is_some_and(|s| c.matched.iter().any(|m| m == s)));
    let mut completed = None;
    if words.len() > 1
        && !matched
        && !known_word(&lexeme)
        && lexeme.content_stem().is_some()
        && may_be_cut(stub)
        && !after_place
    {
        let others = tokens_read(&words[..words.len() - 1].join(" "));
        completed = Crosswalk::completion(stub, &others)
            // Read again, the completion must be known, or the reading would be cut anew.
            .filter(|&word| known_word(&crate::title::lexeme(word)));
    }
    if completed.is_none() && !cut {
        return None;
    }
    let written = match completed {
        Some(word) => {
            let before = without_last_word(written, &words.join(" "))?;
            words.pop();
            words.push(word);
            // Shown as the vocabulary spells it, in the stub's case.
            let stub = written[before.len()..].trim();
            let shown = crate::isco::spelled_like(word, stub).unwrap_or_else(|| word.to_string());
            format!("{} {shown}", before.trim_end())
        }
        None => written.to_string(),
    };
    let reading = words.join(" ");
    read_whole_as(&written, normalized, reading, Basis::Truncated)
}

/// Whether a word is known to a table, so never read as cut or shortened: a sigle or a short
/// form, a token of the vocabulary, a place, generic or status word.
fn known_word(l: &Lexeme) -> bool {
    l.is_sigle()
        || Crosswalk::is_token(l)
        || (l.content_stem()).is_some_and(|s| {
            crate::title::is_place(s) || crate::title::is_generic(s) || crate::title::is_status(s)
        })
}

/// The vocabulary's tokens among the words of `text` as the title reader reads them: the
/// evidence of which token a cut or shortened word starts ([`Crosswalk::completion`]).
fn tokens_read(text: &str) -> Vec<u32> {
    let (_, read) = read_words(text);
    (read.iter())
        .filter_map(|w| Crosswalk::token_id(&w.word))
        .collect()
}

/// The fewest letters of a word shortened with a dot read as the start of a longer one: three
/// start words of many fields ("tél.": téléphonique, télévision, télécoms), and the short forms
/// of three letters the tables read already ("adm.", "bât.").
pub(crate) const ABBREVIATION_MIN: usize = 4;

/// Words shortened with a dot, as HR systems and tables of posts write them ("Agt serv. hosp.
/// qualifié", "Gest. inscriptions scol."), read as the words they start: a word followed by a
/// dot, of [`ABBREVIATION_MIN`] letters or more, that no table knows (no sigle nor short form of
/// `data/isco/sigles.csv`, which read "Resp.", "serv.", "Agt" already; no token of the
/// vocabulary, no place, rank or status word), that the decision did not match, and that
/// starts a longer token, none of them a generic word ("Assis.", "Conse.": the head noun's
/// short form, which the completion, passing generic words by, would misread), is read as
/// the token the reference titles sharing the title's other words use
/// (`Crosswalk::completion`, as for a word an export cut, [`untruncated`]). The title so read
/// is decided by the crosswalk and every rule, kept when mapped at the floor (basis
/// `abbreviated`). Only titles with a dot, not decided by a reference covering them
/// whole, are read past the first test.
#[inline(always)]
fn abbreviated(
    title: &str,
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    // A reference that covers the whole title read every word; else, only a title with a dot.
    if matches!(t, TitleMatch::Mapped(c) if c.stage == Stage::WholeTitle)
        || memchr::memchr(b'.', title.as_bytes()).is_none()
    {
        return None;
    }
    read_abbreviated(title, normalized, lexemes, t)
}

/// [`abbreviated`], past its first test.
#[inline(never)]
fn read_abbreviated(
    title: &str,
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    // The runs of letters of the title as written that a dot follows.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (at, ch) in title.char_indices() {
        match (ch.is_alphabetic(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                if ch == '.' {
                    runs.push((from, at));
                }
                start = None;
            }
            _ => {}
        }
    }
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    if runs.is_empty() || words.len() != lexemes.len() {
        return None;
    }
    let dotted: Vec<String> = (runs.iter())
        .map(|&(a, b)| normalize_title(&title[a..b]))
        .collect();
    let dotted_is = |a: usize, b: usize, w: &str| normalize_title(&title[a..b]) == w;
    let matched =
        |stem: &str| matches!(t, TitleMatch::Mapped(c) if c.matched.iter().any(|m| m == stem));
    let stub = |k: usize| {
        let (w, l) = (words[k], &lexemes[k]);
        dotted.iter().any(|d| d == w)
            && w.len() >= ABBREVIATION_MIN
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && !known_word(l)
            && l.content_stem().is_some_and(|s| !matched(s))
            && Crosswalk::starts_a_token(w)
            && !Crosswalk::starts_a_generic_token(w)
    };
    let stubs: Vec<usize> = (0..words.len()).filter(|&k| stub(k)).collect();
    if stubs.is_empty() {
        return None;
    }
    // The title's other words, the evidence of which word each stub starts.
    let rest: Vec<&str> = (0..words.len())
        .filter(|k| !stubs.contains(k))
        .map(|k| words[k])
        .collect();
    let others = tokens_read(&rest.join(" "));
    let mut reading: Vec<&str> = words.clone();
    let mut shown: Vec<(usize, usize, String)> = Vec::new();
    for &k in &stubs {
        let Some(word) = Crosswalk::completion(words[k], &others) else {
            continue;
        };
        reading[k] = word;
        for &(a, b) in runs.iter().filter(|&&(a, b)| dotted_is(a, b, words[k])) {
            let spelled = crate::isco::spelled_like(word, &title[a..b]);
            shown.push((a, b, spelled.unwrap_or_else(|| word.to_string())));
        }
    }
    if shown.is_empty() {
        return None;
    }
    // As written, each short form and its dot replaced, from the last (the earlier places
    // hold).
    let mut written = title.to_string();
    shown.sort_unstable_by_key(|&(a, _, _)| std::cmp::Reverse(a));
    for (a, b, word) in shown {
        written.replace_range(a..=b, &word);
    }
    read_whole_as(&written, normalized, reading.join(" "), Basis::Abbreviated)
}

/// The fewest letters of a head noun read as a typo: a shorter word is one edit from too
/// many others.
pub(crate) const TYPO_MIN: usize = 6;

/// A typo in the head noun, the title's first word, that the crosswalk did not read
/// ("Comptabel": the vocabulary's one-letter typos keep the first and last letters, a real
/// word with another ending being another derivation): when the word is known to no table (no
/// token of the vocabulary, no sigle, no place, rank or status word), has [`TYPO_MIN`]
/// letters or more, matched nothing of the decision, and exactly one head noun of the
/// reference titles is one edit from it (`Crosswalk::head_noun_one_edit_from`), the title is
/// read with that head noun and decided by the crosswalk and every rule, kept when mapped at
/// the floor; `exposure isco` names the correction. Only the head noun, known only as head:
/// a spelling correction over every word "corrected" real words (listes → pistes, passation →
/// cassation, ilotage → pilotage; session 35).
#[inline(always)]
fn head_noun_typo(
    title: &str,
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    // Inlined, the first test: nearly every head noun is a token (what the crosswalk kept of
    // it).
    let first = lexemes.first()?;
    if first.is_sigle() || Crosswalk::is_token(first) {
        return None;
    }
    read_head_noun_typo(title, normalized, lexemes, t)
}

/// [`head_noun_typo`], past its first test.
#[inline(never)]
fn read_head_noun_typo(
    title: &str,
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    let first = lexemes.first()?;
    let stem = first.content_stem()?;
    // A head the decision matched through the crosswalk's own typos ("Jardinnier") stands;
    // not one of five letters matched as two neighbours swapped (session 46): the rules that
    // read a head by its word (a chargé d'études' theme) need it corrected ("Cahrgé").
    if stem.len() >= crate::isco::TYPO_WORD_MIN
        && matches!(t, TitleMatch::Mapped(c) if c.matched.iter().any(|m| m == stem))
    {
        return None;
    }
    let word = normalized.split(' ').next()?;
    if word.len() < TYPO_MIN
        || !word.bytes().all(|b| b.is_ascii_lowercase())
        || crate::title::is_place(stem)
        || crate::title::is_generic(stem)
        || crate::title::is_status(stem)
    {
        return None;
    }
    let head = Crosswalk::head_noun_one_edit_from(stem, word)?;
    let rest = &normalized[word.len()..];
    let reading = format!("{head}{rest}");
    // The title as written, its first run of letters (the head noun) replaced.
    let start = title.find(char::is_alphabetic)?;
    let end =
        (title[start..].find(|c: char| !c.is_alphabetic())).map_or(title.len(), |e| start + e);
    // A word shortened with a dot ("Médiatr.") is an abbreviation, not a typo: one edit from
    // it may be another head ("pédiatr").
    if normalize_title(&title[start..end]) != word || title[end..].starts_with('.') {
        return None;
    }
    let shown = crate::isco::spelled_like(head, &title[start..end]);
    let written = format!(
        "{}{}{}",
        &title[..start],
        shown.as_deref().unwrap_or(head),
        &title[end..]
    );
    read_whole_as(&written, normalized, reading, Basis::HeadNounTypo)
}

/// A territorial body, facility or place named inside a title ([`crate::title::PLACE_NAMES`]) whose words
/// the decision read as an occupation's: it matched the name's first word and not all of its
/// words (a reference that names the place, "Opérateur de centre de supervision urbain",
/// stands). The title is read with the name, and the connective before it, replaced by the
/// field the name says, decided by the crosswalk and every rule, and taken when mapped at the
/// floor with another code (basis `named_place`): "Agent de la caisse des écoles" is an
/// "Agent administratif" (4110), not the "Agent de caisse" (5230). Only decisions short of
/// the whole title that matched a name's first word are looked at further.
#[inline(always)]
fn named_place(normalized: &str, lexemes: &[Rc<Lexeme>], t: &TitleMatch) -> Option<TitleMatch> {
    // A reference that covers the whole title names the place with it, or none; the words'
    // kinds were read with them.
    let TitleMatch::Mapped(c) = t else {
        return None;
    };
    if c.stage == Stage::WholeTitle || !lexemes.iter().any(|l| l.heads_a_place_name()) {
        return None;
    }
    if !(c.matched.iter()).any(|m| crate::title::heads_a_place_name(m)) {
        return None;
    }
    read_named_place(normalized, c)
}

/// [`named_place`], past its first test.
#[inline(never)]
fn read_named_place(normalized: &str, c: &Candidate) -> Option<TitleMatch> {
    let stems = |name: &str| -> Vec<String> {
        (name.split(' '))
            .filter(|w| !crate::title::is_stopword(w))
            .map(crate::title::stem)
            .collect()
    };
    // A reference that holds every word of a name names the post at that place.
    if (crate::title::PLACE_NAMES.iter())
        .any(|(name, _)| stems(name).iter().all(|s| c.matched.contains(s)))
    {
        return None;
    }
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    for (name, field) in crate::title::PLACE_NAMES {
        let stems = stems(name);
        // The name's words in a row, stop words between them aside.
        let found = (0..words.len()).find_map(|start| {
            let mut k = start;
            for s in &stems {
                while k < words.len() && k > start && crate::title::is_stopword(words[k]) {
                    k += 1;
                }
                if k >= words.len() || !crate::title::stems_to(words[k], s) {
                    return None;
                }
                k += 1;
            }
            Some((start, k))
        });
        let Some((start, end)) = found else {
            continue;
        };
        // The connective before the name ("de la", "du", "des", "d'") goes with it.
        let mut from = start;
        while from > 1 && crate::title::is_stopword(words[from - 1]) {
            from -= 1;
        }
        let reading = (words[..from].iter().copied())
            .chain(field.split(' '))
            .chain(words[end..].iter().copied())
            .collect::<Vec<_>>()
            .join(" ");
        return read_whole_as(&reading, normalized, reading.clone(), Basis::NamedPlace)
            .filter(|m| matches!(m, TitleMatch::Mapped(r) if r.isco08 != c.isco08));
    }
    None
}

/// A title read as another (`reading`, written `written`), decided by the crosswalk and every
/// rule, kept when mapped at the floor: on `basis`, naming the reading, unless a rule that read
/// part of it decided (its own basis and reading stand).
fn read_whole_as(
    written: &str,
    normalized: &str,
    reading: String,
    basis: Basis,
) -> Option<TitleMatch> {
    let lexemes = crate::title::lexemes(&reading);
    match Rc::unwrap_or_clone(match_metier(written, &reading, &lexemes)) {
        TitleMatch::Mapped(mut c) if c.confidence >= CONFIDENCE_FLOOR => {
            if c.reading.is_none() {
                c.basis = basis;
                // Shown as written, with the vocabulary's spelling of a word put in ("scolaires"
                // for the stem "scolair").
                c.reading = Some(Reading::as_matched(normalized, normalize_title(written)));
            }
            Some(TitleMatch::Mapped(c))
        }
        _ => None,
    }
}

/// The title as written without its last word (and the marks after it), when that word is
/// the last of its normalised words `normalized`: `None` when the two do not end alike.
fn without_last_word<'t>(written: &'t str, normalized: &str) -> Option<&'t str> {
    let trimmed = written.trim_end_matches(|c: char| !c.is_alphanumeric());
    let start = trimmed
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |at| {
            at + trimmed[at..].chars().next().map_or(1, char::len_utf8)
        });
    let last = normalized.rsplit(' ').next()?;
    (normalize_title(&trimmed[start..]) == last).then_some(&trimmed[..start])
}

/// Words that name a manager's post: the head of an establishment, a service or a team.
const MANAGER_WORDS: [&str; 6] = [
    "responsable",
    "directeur",
    "chef",
    "coordinateur",
    "gerant",
    "manager",
];

/// A title that names no manager ([`MANAGER_WORDS`]), decided as a manager (ISCO-08 major
/// group 1, who plan, direct and coordinate) by a reference that covers its words but adds a
/// manager's ("Puériculteur / Puéricultrice responsable de crèche" for "Puéricultrice de
/// crèche"): the title names the worker, not the head. Its head noun alone is then the
/// occupation, when a reference of another major group is made of it (stage 1, similarity
/// [`TIE`] or more), with its confidence × √(the share of the title's weight the head noun
/// carries, places and ranks aside), and only at [`CONFIDENCE_FLOOR`] or more. Only a decision
/// of group 1 at stage 1 or 2, short of a perfect match, is read again.
fn manager_not_named(
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    let TitleMatch::Mapped(c) = t else {
        return None;
    };
    if c.stage == Stage::Closest || !c.isco08.starts_with('1') || c.similarity >= TIE {
        return None;
    }
    let manager =
        |stemmed: &str| (MANAGER_WORDS.iter()).any(|m| crate::title::stems_to(m, stemmed));
    if (lexemes.iter()).any(|l| l.content_stem().is_some_and(manager)) {
        return None;
    }
    let reference = normalize_title(&c.reference);
    if !(reference.split(' ')).any(|w| manager(&crate::title::stem(w))) {
        return None;
    }
    let (_, read) = read_words(normalized);
    let heads = |words: &[TitleWord]| -> Vec<String> {
        (words.iter())
            .filter(|w| w.role == Role::Head)
            .map(|w| w.word.to_string())
            .collect()
    };
    let title_heads = heads(&read);
    let words: Vec<&str> = normalized.split(' ').collect();
    let start = shortest_start(&words, |_, read| heads(read) == title_heads)?;
    let all: f64 = (read.iter())
        .filter(|w| !matches!(w.role, Role::Place | Role::Rank))
        .map(|w| w.role.factor())
        .sum();
    let covered: f64 = (read.iter())
        .filter(|w| w.role == Role::Head)
        .map(|w| w.role.factor())
        .sum();
    match Crosswalk::builtin().match_normalized(words[..start].join(" ")) {
        TitleMatch::Mapped(mut h)
            if h.stage == Stage::WholeTitle
                && h.similarity >= TIE
                && !h.isco08.starts_with('1') =>
        {
            h.confidence *= (covered / all).sqrt();
            h.basis = Basis::ManagerNotNamed;
            h.stage = Stage::HeadNoun;
            h.reading = Some(Reading::of(words[..start].join(" ")));
            (h.confidence >= CONFIDENCE_FLOOR).then_some(TitleMatch::Mapped(h))
        }
        _ => None,
    }
}

/// Dashes set between spaces, as tables of posts set a title's parts apart ("Agent d'accueil
/// - CCAS"); a dash within a word ("Enfance-Jeunesse") joins, and is not one.
const SPACED_DASHES: [&str; 3] = [" - ", " – ", " — "];

/// Sigles of an employer or of a unit of one, which, first after a dash, say where the post
/// sits as the place words do ("Agent d'accueil - CCAS"): a centre communal or intercommunal
/// d'action sociale, a centre de gestion, a centre technique municipal.
const EMPLOYER_SIGLES: [&str; 4] = ["ccas", "cias", "cdg", "ctm"];

/// Sigles of the social and health services an authority runs, which, first after a dash,
/// say where the post sits as an employer's sigle does ([`EMPLOYER_SIGLES`]): a service de
/// soins infirmiers (SSIAD), d'aide et d'accompagnement (SAAD) or polyvalent (SPASAD) à
/// domicile, a centre médico-social or municipal de santé (CMS), where nurses, care aides,
/// doctors, secretaries and planners work ("Secrétaire médico-sociale - SSIAD" is the medical
/// secretary, 3344, not the "Secrétaire de service" the sigle's "service" met; session 48).
const CARE_SERVICE_SIGLES: [&str; 4] = ["ssiad", "saad", "spasad", "cms"];

/// Kinds of site that, first after a dash, say where the post sits as the place words do
/// ("Agent de service - EHPAD Les Tilleuls", "Agent de maintenance - piscine municipale"): a
/// building or an establishment where posts of many occupations sit. Not the sites whose name
/// is a domain ("bibliothèque", "musée", "cimetière"), nor "école" and "salle", whose name
/// often is ("école de danse", "salle de spectacle"). A reference title that names the
/// post at such a site ("Animateur en EHPAD" for "Animatrice - EHPAD") is that post, and
/// stands ([`names_the_post`]).
const SITE_WORDS: [&str; 8] = [
    "piscine", "gymnase", "stade", "ehpad", "creche", "college", "lycee", "complexe",
];

/// Kinds of site of the social family read as [`SITE_WORDS`] are: the résidence (autonomie,
/// seniors, a social landlord's) and the foyer (logement, de vie, de l'enfance), where posts
/// of many occupations sit, a cook, a night watchman, a care assistant, a cleaner ("Agent
/// hôtelier - résidence autonomie Les Peupliers" is the "Agent hôtelier", 9112, not ROME's
/// "Agent de résidence", the building caretaker, 5153, that the site's word met; session 48).
const HOUSING_SITE_WORDS: [&str; 2] = ["residence", "foyer"];

/// Whether a title holds a space before a hyphen, a slash or the first byte of an en or em
/// dash (`Some(true)`), else before a bracket (`Some(false)`), else neither (`None`, most
/// titles): its spaces only are read ([`find_space`]), not five string searches.
fn separated(bytes: &[u8]) -> Option<bool> {
    let mut bracket = false;
    let spaced = find_space(bytes, |p| match bytes.get(p + 1) {
        Some(b'-' | b'/' | 0xE2) => true,
        Some(b'(') => {
            bracket = true;
            false
        }
        _ => false,
    });
    (spaced.is_some() || bracket).then_some(spaced.is_some())
}

/// The normalisation loses a title's spaced dashes and slashes, and with them two facts of how
/// tables of posts write titles. The part after a spaced dash that starts with a place word or
/// an employer's sigle ("- pôle Famille", "- Direction des Sports", "- Mairie de Brion", "-
/// CCAS") names where the post sits or whom it serves, not the occupation, yet is read as the
/// title's qualifier or complement ("Secrétaire - Mairie" as a secrétaire de mairie). Of two
/// fields joined by a spaced slash ("Agent polyvalent entretien / lingerie") the first is the
/// main one, yet the second may win. A part after a dash that starts otherwise may carry the
/// domain that makes the code ("Magasinier - bibliothèque", "Rédacteur - affaires
/// générales"), and a slash within a word is a gender form ("Animateur/trice"): both are read
/// as before. The part before is decided as any title; kept when matched at stage 1 or 2 (a
/// first field: 1, a reference covering it whole, as it has only its own words to go by:
/// "Agent instructeur CNI" is no "Agent instructeur des prestations sociales") at the
/// confidence floor, with a word of its own beyond generic heads ("Responsable - service
/// des sports" says nothing without its service), not as a grade that names no post (left to
/// the grade path), and when it gives another code than the whole title, unless the whole
/// title's second field names a more skilled occupation ([`first_field`]), or a reference
/// covers the whole title closer ([`covers_better`]). A kind of site ([`SITE_WORDS`]) is read
/// as a place word is, the part then decided only by a curated title: a site's name is weaker
/// evidence than a place word, and ROME's titles for a generic head read alone go astray
/// ("Responsable animatrice - EHPAD" would be ROME's "Responsable animatrice des ventes").
/// Before all this, a path of services before a dash or in a bracket that ends the title
/// leaves the post to decide ([`post_apart_from_path`]), in the part before a place too.
fn first_part(title: &str, t: &TitleMatch) -> Option<TitleMatch> {
    let spaced = separated(title.as_bytes())?;
    // The post apart from a path of services first: its part is no place nor field.
    if let Some(post) = post_apart_from_path(title, t, spaced) {
        return Some(post);
    }
    if !spaced {
        return None;
    }
    let (before, basis, site) = match place_after_dash(title) {
        Some((before, site)) => (before, Basis::PlaceAfterDash, site),
        None => (first_field(title, t)?, Basis::FirstField, false),
    };
    let normalized = normalize_title(before);
    let (_, read) = read_words(&normalized);
    if !read.iter().any(|w| w.role.is_core() && !w.generic) {
        return None;
    }
    // A site's reference that names the post stands, unless the part names more of it.
    let named_at_site = site && matches!(t, TitleMatch::Mapped(w) if names_the_post(w, &read));
    if named_at_site && !read.iter().any(|w| w.role == Role::Qualifier) {
        return None;
    }
    // The part before may hold a separator of its own ("Agent polyvalent entretien / lingerie
    // - secteur nord") or a path of services ("DIR. AUTONOMIE (DGA SOLIDARITES) - secteur
    // nord"): read as a title.
    let part = Crosswalk::builtin().match_normalized(normalized);
    match first_part(before, &part).unwrap_or(part) {
        TitleMatch::Mapped(c)
            if c.stage != Stage::Closest
                && (c.stage == Stage::WholeTitle || basis == Basis::PlaceAfterDash)
                && c.confidence >= CONFIDENCE_FLOOR
                && !matches!(t, TitleMatch::Mapped(w) if w.isco08 == c.isco08)
                && !matches!(t, TitleMatch::Mapped(w) if covers_better(w, &c))
                && (!site || c.table == Table::Curated)
                && (!named_at_site || names_more_of_the_post(&c, t, &read))
                && !(c.table == Table::Curated && open_grade_of(&c).is_some()) =>
        {
            decided(c, basis, || Reading::of(normalize_title(before)))
        }
        _ => None,
    }
}

/// Sigles of a direction, which open a path of services in an HR information system's export
/// ("DGA SOLIDARITES", "DIR. INSERTION": in a path "dir" is the direction, as "DGA" its
/// directorate). Alone, such a sigle names the director's post, or whom the post serves ("DRH -
/// adjoint(e) au directeur", "Secrétaire (DGS)"): no path then.
const DIRECTION_SIGLES: [&str; 7] = ["dga", "dgas", "dgs", "dgst", "dst", "drh", "dir"];

/// Sigles of an employer that open a path of services: a service départemental d'incendie et
/// de secours, a centre communal or intercommunal d'action sociale, a centre de gestion. Not a
/// unit whose head is a post of its own (the CTM: "Responsable de la régie bâtiments (CTM)").
const EMPLOYER_PATH_SIGLES: [&str; 4] = ["sdis", "ccas", "cias", "cdg"];

/// Words that open a path of services beyond the place words: a département's territorial or
/// road agency ("(AGENCE ROUTIERE SUD)").
const PATH_WORDS: [&str; 1] = ["agence"];

/// Whether a part of a title, as written, starts with a path of services (stop words aside):
/// a direction's sigle followed by another word ([`DIRECTION_SIGLES`]), an employer's sigle
/// ([`EMPLOYER_PATH_SIGLES`]), a place word or [`PATH_WORDS`].
fn opens_a_path(part: &str) -> bool {
    let normalized = normalize_title(part);
    let mut words =
        (normalized.split(' ')).filter(|w| !w.is_empty() && !crate::title::is_stopword(w));
    let Some(first) = words.next() else {
        return false;
    };
    if DIRECTION_SIGLES.contains(&first) {
        return words.next().is_some();
    }
    let stem = crate::title::stem(first);
    EMPLOYER_PATH_SIGLES.contains(&first)
        || crate::title::is_place(&stem)
        || (PATH_WORDS.iter()).any(|w| crate::title::stems_to(w, &stem))
}

/// HR information systems export a post with the path of the services above it, before it
/// and a spaced dash ("DGA SOLIDARITES / ASE - Travailleur social", "SDIS 33 / Groupement
/// finances - Comptable") or after it in brackets ("DIR. AUTONOMIE (DGA SOLIDARITES)", "Chef
/// de projet insertion (DIR. INSERTION)"). The path says where the post sits, yet its sigles
/// and words weigh as much as the post's, and a director's sigle outweighs it ("DGA", 1112).
/// The part that names the post is decided as any title: the part after the first spaced dash
/// when the part before it opens with a path ([`opens_a_path`]), or the part before a
/// bracket that ends the title, set after a space, that opens with one (a gender form,
/// "Chargé(e)", has no space before it), or the last of three fields or more joined by spaced
/// slashes when every field before it is one of the path's ("DRH / Service paie / Gestionnaire
/// paie"; two fields are a post's two fields, [`first_field`]). Kept on the terms of [`first_part`]: matched at stage 1 or 2 at the confidence
/// floor, with a word of its own beyond generic heads, as another code than the whole title's,
/// not as a grade that names no post. Read first by [`first_part`], whose one pass over the
/// title's bytes finds a spaced dash (`spaced`) or bracket: other titles are not read.
fn post_apart_from_path(title: &str, t: &TitleMatch, spaced: bool) -> Option<TitleMatch> {
    // The bracket ends the title, closed or cut with it (an export cuts a long label).
    let ends = |inside: &str| {
        inside
            .find(')')
            .is_none_or(|c| inside[c + 1..].trim().is_empty())
    };
    let bracketed = (title.rfind(" ("))
        .filter(|&at| at > 0 && ends(&title[at + 2..]) && opens_a_path(&title[at + 2..]))
        .map(|at| &title[..at]);
    let after_path = || {
        if !spaced {
            return None;
        }
        let at = (SPACED_DASHES.iter()).filter_map(|d| title.find(d)).min()?;
        let dash = title[at..].chars().skip(1).map(char::len_utf8).next()? + 2;
        (at > 0 && opens_a_path(&title[..at])).then(|| &title[at + dash..])
    };
    // A path written as fields joined by spaced slashes, the post last ("DRH / Service paie /
    // Gestionnaire paie"): every field before the last opens a path, a direction's sigle
    // alone counting as one (it names no post among the fields of a path).
    let after_slashes = || {
        let fields: Vec<&str> = title.split(" / ").collect();
        let (post, path) = fields.split_last()?;
        let in_path =
            |f: &&str| opens_a_path(f) || DIRECTION_SIGLES.contains(&normalize_title(f).as_str());
        (spaced && path.len() >= 2 && path.iter().all(in_path)).then_some(*post)
    };
    let post = bracketed.or_else(after_path).or_else(after_slashes)?;
    let normalized = normalize_title(post);
    let (_, read) = read_words(&normalized);
    // A part that starts with a place names a service, no post ("DGA Ressources humaines et
    // finances - service des sports": the DGA's own title, not a sportsman's).
    if read.first().is_some_and(|w| w.role == Role::Place)
        || !read.iter().any(|w| w.role.is_core() && !w.generic)
    {
        return None;
    }
    let part = Crosswalk::builtin().match_normalized(normalized);
    match first_part(post, &part).unwrap_or(part) {
        TitleMatch::Mapped(c)
            if c.stage != Stage::Closest
                && c.confidence >= CONFIDENCE_FLOOR
                && !matches!(t, TitleMatch::Mapped(w) if w.isco08 == c.isco08)
                && !(c.table == Table::Curated && open_grade_of(&c).is_some()) =>
        {
            decided(c, Basis::ServicePath, || Reading::of(normalize_title(post)))
        }
        _ => None,
    }
}

/// The first of two fields joined by a spaced slash, when the slash joins two fields: not when
/// the word after it starts as a word before it does (the feminine form, "Conducteur /
/// Conductrice de bulldozer", "Responsable aide monteur / aide monteuse"), nor when a reference title
/// covers the whole title (stage 1: "Hôtesse d'accueil / standardiste" is one post's name).
/// A job combining the tasks of two occupations is classed by the more skilled ones (ISCO-08's
/// rule, [`Basis::HigherSkill`]): the whole title's code stands when its skill level is higher
/// than the first field's ("Ripeur / chauffeur PL" drives the truck).
fn first_field<'t>(title: &'t str, t: &TitleMatch) -> Option<&'t str> {
    let at = title.find(" / ")?;
    let (before, after) = (&title[..at], &title[at + 3..]);
    let left = normalize_title(crate::title::last_segment(before));
    let right = normalize_title(after);
    let right = right.split(' ').next()?;
    // The same first three letters in any order: a feminine form with a typo ("Commis /
    // Cmomise") is one still.
    let letters = |w: &str| {
        let mut l: Vec<char> = w.chars().take(3).collect();
        l.sort_unstable();
        l
    };
    let alike = |w: &str| letters(w) == letters(right);
    if left.split(' ').any(alike) {
        return None;
    }
    if let TitleMatch::Mapped(c) = t {
        if c.stage == Stage::WholeTitle || c.basis == Basis::HigherSkill {
            return None;
        }
        let first_level = match Crosswalk::builtin().match_normalized(normalize_title(before)) {
            TitleMatch::Mapped(f) => crate::isco::skill_level(&f.isco08),
            TitleMatch::Unmapped { .. } => None,
        };
        if crate::isco::skill_level(&c.isco08) > first_level {
            return None;
        }
    }
    Some(before)
}

/// Whether the whole title's reference covers the whole title, places and all, closer than the
/// part's covers the part: the words after the dash then belong to the post's name
/// ("Instructeur - service urbanisme" is the "Instructeur urbanisme", 3354; "Instructeur"
/// alone meets only a sports instructor, 3422).
fn covers_better(whole: &Candidate, part: &Candidate) -> bool {
    whole.stage == Stage::WholeTitle && whole.confidence > part.confidence
}

/// Whether the whole title's reference matched every word of the part's head noun and
/// complement: it names that post, at the site the title names after it ("Animateur en EHPAD"
/// for "Animatrice - EHPAD"), and is no reading of the site alone.
fn names_the_post(whole: &Candidate, part: &[TitleWord]) -> bool {
    (part.iter().filter(|w| w.role.is_core())).all(|w| whole.matched.iter().any(|m| *m == *w.word))
}

/// Whether the part before a site's dash, matched whole (similarity [`TIE`] or more) by a
/// curated title, names more of the post than the whole title's reference, which names the
/// post at the site ([`names_the_post`]): a qualifier of the part that the part's reference
/// reads and the whole's does not ("Agent d'accueil et de caisse - piscine" is the "Agent
/// d'accueil et de caisse", 5230, the cashier of the pool's entrance, not the "Agent
/// d'accueil de la piscine", 4226, who does not take its money; session 47).
fn names_more_of_the_post(part: &Candidate, whole: &TitleMatch, read: &[TitleWord]) -> bool {
    let TitleMatch::Mapped(w) = whole else {
        return false;
    };
    part.similarity >= TIE
        && (read.iter()).any(|r| {
            r.role == Role::Qualifier
                && part.matched.iter().any(|m| *m == *r.word)
                && !w.matched.iter().any(|m| *m == *r.word)
        })
}

/// The part of a title before its first spaced dash followed by a place word, an employer's
/// sigle or a kind of site (stop words aside: "- la Mairie"), when it has one, and whether it
/// was a site.
fn place_after_dash(title: &str) -> Option<(&str, bool)> {
    let mut dashes: Vec<usize> = (SPACED_DASHES.iter())
        .flat_map(|d| title.match_indices(d).map(|(at, _)| at))
        .collect();
    dashes.sort_unstable();
    dashes.into_iter().find_map(|at| {
        let after = normalize_title(&title[at..]);
        let first = (after.split(' ')).find(|w| !w.is_empty() && !crate::title::is_stopword(w))?;
        let stem = crate::title::stem(first);
        let place = crate::title::is_place(&stem)
            || EMPLOYER_SIGLES.contains(&first)
            || CARE_SERVICE_SIGLES.contains(&first);
        let site = (SITE_WORDS.iter().chain(&HOUSING_SITE_WORDS))
            .any(|s| crate::title::stems_to(s, &stem));
        ((place || site) && at > 0).then(|| (&title[..at], site && !place))
    })
}

/// The number of first words of a normalised title, fewer than all, whose reading `fits`
/// (given that number) accepts: the fewest.
fn shortest_start(words: &[&str], fits: impl Fn(usize, &[TitleWord]) -> bool) -> Option<usize> {
    (1..words.len()).find(|&k| fits(k, &read_words(&words[..k].join(" ")).1))
}

/// Whether nothing matched the title at the confidence floor.
fn under_the_floor(t: &TitleMatch) -> bool {
    matches!(
        t,
        TitleMatch::Unmapped {
            reason: Unmapped::LowConfidence,
            ..
        }
    )
}

/// A title nothing matches at the confidence floor, or only its closest title (stage 3), read
/// without the places set at its end, after it rather than linked by a preposition: they say
/// where the job sits ("Cidrier - secteur nord"), nothing of what it is, yet weigh against
/// every reference that lacks them. The shortest start of the title with all its other words,
/// in the same roles, is decided as any title, and kept when decided at stage 1 or 2.
fn without_places(normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    let closest = matches!(t, TitleMatch::Mapped(c) if c.stage == Stage::Closest);
    if !under_the_floor(t) && !closest {
        return None;
    }
    let what = |words: &[TitleWord]| -> Vec<(String, Role)> {
        (words.iter())
            .filter(|w| w.role != Role::Place)
            .map(|w| (w.word.to_string(), w.role))
            .collect()
    };
    let (_, read) = read_words(normalized);
    if read.iter().all(|w| w.role != Role::Place) {
        return None;
    }
    let title = what(&read);
    let words: Vec<&str> = normalized.split(' ').collect();
    // A place the title links by a preposition is its complement ("Exploitant d'hôtel"); one
    // set after it, where it works ("… - secteur nord"): the start ends on a word that is not
    // a stop word, and the next is not one either.
    let stop = |k: usize| crate::title::is_stopword(words[k]);
    let start = shortest_start(&words, |k, read| {
        !stop(k - 1) && !stop(k) && what(read) == title
    })?;
    match Crosswalk::builtin().match_normalized(words[..start].join(" ")) {
        // Only a match of what the title says, at stage 1 or 2: the closest title of stage 3
        // has too little of it to outweigh the places dropped.
        TitleMatch::Mapped(mut c) if c.stage != Stage::Closest => {
            c.basis = Basis::WithoutPlaces;
            c.reading = Some(Reading::of(words[..start].join(" ")));
            Some(TitleMatch::Mapped(c))
        }
        _ => None,
    }
}

/// A title nothing matches well enough as a whole, read by its head noun and complement alone:
/// French titles name the occupation first and qualify it after ("Technicien en énergie
/// éolienne marine" is a "Technicien énergie"). The shortest start of the title with the same head
/// noun and complement is matched; kept when a reference is made of those words alone
/// (similarity [`TIE`] or more), with its confidence × √(the share of the title's weight those
/// words carry, by role, places and ranks aside), and only at
/// [`CONFIDENCE_FLOOR`] or more.
fn head_noun_alone(normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    if !under_the_floor(t) {
        return None;
    }
    let (_, read) = read_words(normalized);
    let core = |words: &[TitleWord]| -> Vec<String> {
        (words.iter())
            .filter(|w| w.role.is_core())
            .map(|w| w.word.to_string())
            .collect()
    };
    let title_core = core(&read);
    // A generic head alone ("Agent", "Chargé") names nothing.
    if !read.iter().any(|w| w.role.is_core() && !w.generic) {
        return None;
    }
    let words: Vec<&str> = normalized.split(' ').collect();
    let start = shortest_start(&words, |_, read| core(read) == title_core)?;
    // Places and ranks say where the job sits and at what rank, not what it is: they do not
    // lower the confidence ("Cinéaste - secteur nord" is a cinéaste as surely as "Cinéaste").
    let all: f64 = (read.iter())
        .filter(|w| !matches!(w.role, Role::Place | Role::Rank))
        .map(|w| w.role.factor())
        .sum();
    let covered: f64 = (read.iter())
        .filter(|w| w.role.is_core())
        .map(|w| w.role.factor())
        .sum();
    match Crosswalk::builtin().match_normalized(words[..start].join(" ")) {
        // Only a reference made of those words: with a word of its own, a reference of a
        // head noun that names several occupations ("Expert-comptable" for "Expert big data",
        // "Aide comptable" for "Aide arboricole") is a confident mistake.
        TitleMatch::Mapped(mut c) if c.similarity >= TIE => {
            c.confidence *= (covered / all).sqrt();
            c.basis = Basis::HeadNounAlone;
            // Whatever stage matched the shorter title, this one is read at stage 2.
            c.stage = Stage::HeadNoun;
            c.reading = Some(Reading::of(words[..start].join(" ")));
            (c.confidence >= CONFIDENCE_FLOOR).then_some(TitleMatch::Mapped(c))
        }
        _ => None,
    }
}

/// An instructeur of files (demandes, dossiers, autorisations, titres d'identité, RSA…) does
/// their instruction, the ILO task of ISCO-08's regulatory government associate professionals
/// (335: examining applications for benefits, licences, permits, taxes); the sport, driving
/// and flying instructeurs (3422, 5165, 3153) are the ROME's titles. When no reference covers
/// the whole title of an instructeur, it is matched as the agent who instructs those files
/// ("Agent titres d'identité"), and that match is kept only in 335. Only this agent noun is
/// read so: a directeur does not do the direction of a thing in that sense.
fn instruction(normalized: &str, lexemes: &[Rc<Lexeme>], t: &TitleMatch) -> Option<TitleMatch> {
    let covered = |c: &Candidate| c.stage == Stage::WholeTitle;
    // A head noun that stems to "instructeur" is a word beginning "instruct", or the short form
    // "instr" (`data/isco/sigles.csv`): other titles are not read a second time (their words'
    // stems, already read, are looked at, not the title searched).
    let instr = |l: &Rc<Lexeme>| l.content_stem().is_some_and(|s| s.starts_with("instr"));
    if matches!(t, TitleMatch::Mapped(c) if covered(c)) || !lexemes.iter().any(instr) {
        return None;
    }
    // The title's words read from their lexemes, given (`lexemes` are those of `normalized`'s
    // words): not looked up nor stemmed again.
    let (_, read) = crate::title::read_words_of(normalized, Some(lexemes));
    let head = read.iter().find(|w| w.role == Role::Head)?;
    if &*head.word != INSTRUCTEUR {
        return None;
    }
    // "Dossiers" names no file of its own: the words after it say which ("Instructeur des
    // dossiers de RSA" instructs the RSA's).
    // Its short form too ("Instr. RSA"), else read as "instructeur" again.
    let words: Vec<&str> = normalized.split(' ').collect();
    let mut as_agent: Vec<&str> = Vec::with_capacity(words.len());
    // The lexemes of `as_agent`'s words, for the crosswalk, when those of the title are its
    // words' (always, for a title `normalize_title` wrote: no empty word).
    let mut agent_lexemes = (words.len() == lexemes.len()).then(Vec::new);
    for (i, &w) in words.iter().enumerate() {
        let lexeme = agent_lexemes.as_ref().map(|_| &lexemes[i]);
        // A content word's stem is its lexeme's; another's (a stop word, a letter) made.
        let stemmed = match lexeme.and_then(|l| l.content_stem()) {
            Some(s) => std::borrow::Cow::Borrowed(s),
            None => std::borrow::Cow::Owned(crate::title::stem(w)),
        };
        let long_form = || match lexeme {
            Some(l) => l.long_form(),
            None => crate::title::lexeme(w).long_form(),
        };
        let kept = match &*stemmed {
            INSTRUCTEUR => Some(("agent", None)),
            _ if long_form() == Some(INSTRUCTEUR) => Some(("agent", None)),
            "dossier" => None,
            _ => Some((w, lexeme)),
        };
        if let Some((w, lexeme)) = kept {
            as_agent.push(w);
            if let Some(read) = agent_lexemes.as_mut() {
                read.push(lexeme.map_or_else(|| crate::title::lexeme(w), Rc::clone));
            }
        }
    }
    // The decision borrowed from the memo, copied only when kept.
    let agent = as_agent.join(" ");
    match &*Crosswalk::builtin().match_read(&agent, agent_lexemes.as_deref()) {
        TitleMatch::Mapped(c) if c.isco08.starts_with("335") => {
            let mut c = c.clone();
            c.basis = Basis::Instruction;
            c.reading = Some(Reading::as_matched(normalized, agent));
            Some(TitleMatch::Mapped(c))
        }
        _ => None,
    }
}

/// A sigle of the title that starts with a shorter sigle of the reference chosen ("SIG",
/// système d'information géographique, and "SI", systèmes d'information): the reference
/// reads the title's sigle as the shorter one, whose long form is most of the longer's, and
/// names another occupation ("Chef de projet SI", 2511, for a GIS project head, 2165); two
/// short forms of one long form are one sigle ("DGAS" is a "DGA"). The
/// decision is then the best other candidate at the confidence floor whose reference holds
/// no such shorter sigle, of another code; none: the decision stands. Only titles with a
/// sigle, decided by a reference short of the whole title, are read.
fn longer_sigle(normalized: &str, lexemes: &[Rc<Lexeme>], t: &TitleMatch) -> Option<TitleMatch> {
    let TitleMatch::Mapped(c) = t else {
        return None;
    };
    if c.stage == Stage::WholeTitle || !lexemes.iter().any(|l| l.is_sigle()) {
        return None;
    }
    // The title's sigles that start with a shorter sigle of another long form
    // (`title::longer_sigles`, a handful): most titles have none, and no reference is read then.
    let longer = crate::title::longer_sigles();
    let pairs: Vec<(&str, &str)> = (crate::title::split_spaces(normalized))
        .filter(|w| !w.is_empty())
        .zip(lexemes)
        .filter(|(_, l)| l.is_sigle())
        .filter_map(|(w, _)| longer.iter().find(|(long, _)| *long == w).copied())
        .collect();
    if pairs.is_empty() {
        return None;
    }
    // Whether a reference holds such a shorter sigle and not the title's.
    let reads_shorter = |reference: &str| {
        let reference = normalize_title(reference);
        let has = |w: &str| reference.split(' ').any(|r| r == w);
        (pairs.iter()).any(|(long, short)| has(short) && !has(long))
    };
    if !reads_shorter(&c.reference) {
        return None;
    }
    // A longer sigle whose own reading, alone, is the occupation the shorter's reference names
    // is no look-alike of it: the HR information system (SIRH) is an information system's
    // post, as the "Gestionnaire SIRH" is the "Chef de projet SI"'s systems analyst (2511),
    // where the SIG's posts are the geomatician's and the draughtsman's (session 48).
    if (pairs.iter()).any(|(long, _)| names_the_code(long, &c.isco08, reads_shorter)) {
        return None;
    }
    let (candidates, _) = Crosswalk::builtin().explain(normalized);
    candidates
        .into_iter()
        .find(|o| {
            o.isco08 != c.isco08 && o.confidence >= CONFIDENCE_FLOOR && !reads_shorter(&o.reference)
        })
        .map(TitleMatch::Mapped)
}

/// Whether a sigle read alone is decided, at any stage, as the occupation `isco` by a
/// reference that holds the sigle itself, not a shorter one (`reads_shorter`: a title that is
/// the sigle alone, "APSA", would otherwise be read as its own reference) ([`longer_sigle`]).
fn names_the_code(sigle: &str, isco: &str, reads_shorter: impl Fn(&str) -> bool) -> bool {
    match Crosswalk::builtin().match_normalized(sigle.to_string()) {
        TitleMatch::Mapped(c) => c.isco08 == isco && !reads_shorter(&c.reference),
        TitleMatch::Unmapped { .. } => false,
    }
}

/// The crosswalk's decision, when it is short of a reference covering the whole title at the
/// grade path's floor or [`TIE`] (`None`: that decision stands); `Some(None)` when unmapped.
fn short_of_whole_title(t: &TitleMatch) -> Option<Option<&Candidate>> {
    match t {
        TitleMatch::Mapped(c)
            if c.stage == Stage::WholeTitle
                && (c.confidence >= GRADE_FLOOR || c.similarity >= TIE) =>
        {
            None
        }
        TitleMatch::Mapped(c) => Some(Some(c)),
        TitleMatch::Unmapped { .. } => Some(None),
    }
}

/// Heads that name no trade of their own, and their short forms (`data/isco/sigles.csv`): a
/// trade named after them is the post ("Agent technique plombier", "Agent polyvalent - maçon",
/// "Ouvrier électricien").
const TRADE_HEADS: [&str; 5] = ["agent", "agt", "ouvrier", "ouv", "employe"];

/// A title whose head names no trade ([`TRADE_HEADS`]) and that names a trade after it is that
/// trade, when the crosswalk's reference does not cover the whole title: "Agent technique
/// électricien" is an electrician, not the "Agent technique de la voirie" that shares its first
/// two words. A trade is a curated title of one word whose occupation is a skilled
/// agricultural, craft or operating trade (ISCO-08 major groups 6 to 8), as the "Adjoint
/// technique plombier" of [`after_grade`] names its post; or its domain (`data/isco/trade_domains.csv`: "Agent
/// technique bâtiment - électricité" is an electrician) when nothing but other trades or
/// places follows it, or the trade named with what follows is a reference of its kind ("Agent
/// de voirie - peinture routière" marks roads, 9312). Unless the crosswalk's decision is
/// already of that trade's kind, its ISCO-08 minor group, and not the group's "not elsewhere
/// classified" one ("Agent de maintenance - menuiserie" is a joiner, 7115, not 7119).
fn trade_after_generic_head(
    title: &str,
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    let decided = short_of_whole_title(t)?;
    // The title's words as `lexemes` read them, stems, so that feminine forms are theirs
    // ("Agente technique électricienne").
    let stems = trade_stems();
    let trade_of = |l: &Lexeme| l.content_stem().and_then(|s| stems.trades.get(s));
    let (head, rest) = lexemes.split_first()?;
    if !(head.content_stem()).is_some_and(|s| stems.heads.contains_key(s)) {
        return None;
    }
    let at = rest.iter().position(|l| trade_of(l).is_some())?;
    let trade = trade_of(&rest[at])?;
    // A domain that is the object of a cleaning names what is cleaned, not a trade: "Agent de
    // nettoyage de la vitrerie" cleans windows (9123), no glazier (session 47).
    if trade.domain
        && (rest[..at].iter().rev())
            .find_map(|l| l.content_stem())
            .is_some_and(|s| CLEANING_OF.contains(&s))
    {
        return None;
    }
    let crosswalk = Crosswalk::builtin();
    let TitleMatch::Mapped(mut c) = crosswalk.match_normalized(trade.title.clone()) else {
        return None;
    };
    if c.stage != Stage::WholeTitle || c.table != Table::Curated {
        return None;
    }
    // A domain is the trade's when it ends what the title says of the job, or when the trade
    // named with the words after it is a reference of the trade's kind ("électricité
    // bâtiment" is an "Électricien du bâtiment"): words of another work ("peinture routière"
    // marks roads, 9312) are not.
    let other_work = |l: &Rc<Lexeme>| {
        (l.content_stem()).is_some_and(|s| !crate::title::is_place(s) && trade_of(l).is_none())
    };
    // A domain after "et" is a second field: the first named decides ("Ouvrier voirie -
    // enrobés et petite maçonnerie" lays roads, 9312).
    let words = || crate::title::split_spaces(normalized).filter(|w| !w.is_empty());
    // Only in the domain's own part: an "et" before the spaced dash that sets the domain
    // apart joins the post's own fields ("Agent d'entretien et de maintenance des bâtiments -
    // peinture" paints).
    let domain_part = || {
        let dash = (SPACED_DASHES.iter())
            .filter_map(|d| title.rfind(d))
            .max()?;
        let part = normalize_title(&title[dash..]);
        let from = words()
            .count()
            .checked_sub(part.split(' ').filter(|w| !w.is_empty()).count())?;
        (from <= at + 1).then_some(from)
    };
    if trade.domain
        && words().take(at + 1).any(|w| w == "et")
        && (words().take(at + 1).skip(domain_part().unwrap_or(0))).any(|w| w == "et")
    {
        return None;
    }
    // A domain before "et" is the first of two fields, which decides ("Agent technique -
    // élagage et entretien des haies" prunes trees): only the words up to "et" are its.
    let field_end = (words().enumerate().skip(at + 2))
        .find(|(_, w)| *w == "et")
        .map_or(rest.len(), |(i, _)| i - 1);
    // A domain set apart by a spaced dash after it is a field of its own: what follows the
    // dash says where the work is done, not another work ("Agent de maintenance - plomberie -
    // bâtiments départementaux" is a plumber, 7126; session 46).
    let first_of_two = field_end < rest.len();
    let field_end = field_end.min(domain_field_end(title, at + 1).unwrap_or(rest.len()));
    // The words read (from the trade's, in the title's words) and what was matched for them.
    let (mut read, mut matched) = (1, None);
    if trade.domain && rest[at + 1..field_end].iter().any(other_work) {
        let after = (rest[at + 1..field_end].iter()).filter_map(|l| l.content_stem());
        let named = std::iter::once(trade.title.as_str()).chain(after);
        let named = named.collect::<Vec<_>>().join(" ");
        match crosswalk.match_normalized(named.clone()) {
            TitleMatch::Mapped(w)
                if w.stage == Stage::WholeTitle && same_kind(&w.isco08, &c.isco08) =>
            {
                c = w;
                (read, matched) = (field_end - at, Some(named));
            }
            _ => return None,
        }
    }
    // A decision of that trade's own kind (its ISCO-08 minor group) is the closer one:
    // "Agent d'éclairage public - électricien" stays a line electrician (7413); so is its "not
    // elsewhere classified" group when the domain is but the first of two fields ("Ouvrier
    // polyvalent du bâtiment - maçonnerie et petits travaux", 7119).
    if decided.is_some_and(|d| {
        same_kind(&d.isco08, &c.isco08) && (first_of_two || !not_elsewhere_classified(&d.isco08))
    }) {
        return None;
    }
    c.basis = Basis::TradeAfterHead;
    let read = words()
        .skip(at + 1)
        .take(read)
        .collect::<Vec<_>>()
        .join(" ");
    let matched = matched.unwrap_or_else(|| trade.title.clone());
    c.reading = Some(Reading::as_matched(read, matched));
    Some(TitleMatch::Mapped(c))
}

/// Where the field of a trade's domain, the `word`th word of the normalised title, ends when a
/// spaced dash follows it ([`trade_after_generic_head`]): the number of words before the first
/// spaced dash after it, less the head's, as `rest` counts them. `None` without such a dash.
fn domain_field_end(title: &str, word: usize) -> Option<usize> {
    let words_before = |end: usize| {
        crate::title::split_spaces(&normalize_title(&title[..end]))
            .filter(|w| !w.is_empty())
            .count()
    };
    let mut dashes: Vec<usize> = (SPACED_DASHES.iter())
        .flat_map(|d| title.match_indices(d).map(|(i, _)| i))
        .collect();
    dashes.sort_unstable();
    (dashes.into_iter().map(words_before))
        .find(|&n| n > word)
        .map(|n| n - 1)
}

/// The heads of a team or a workshop ([`head_of_a_trade`]), and the unit they head.
const TEAM_HEADS: [&str; 2] = ["chef", "responsable"];
const TEAMS: [&str; 2] = ["equipe", "atelier"];

/// The curated head of a building team, normalised: the construction supervisor (3123).
const BUILDING_TEAM_HEAD: &str = "chef d equipe batiment";

/// Whether a trade's ISCO-08 code is a building worker's, whose heads are construction
/// supervisors (3123): the building trades (71) and the building electricians (7411), as the
/// development table's "Chef d'équipe bâtiment - électricité".
fn building_trade(isco08: &str) -> bool {
    isco08.starts_with("71") || isco08 == "7411"
}

/// The head of a team or a workshop of a trade that is not a building trade ("Chef d'atelier
/// soudure", "Responsable d'équipe ébénisterie") is classed with the workers of that trade, as
/// ISCO-08 classes supervisors other than of clerks, cleaners and building workers: where no
/// reference covers the whole title, the generic "Chef d'atelier" (3123) met its first two
/// words. The trade, or its domain ([`trade_after_generic_head`]'s), is the first named after
/// the team, in the title's first field (before "et"); a building trade's head is the
/// construction supervisor ([`building_trade`], the curated "Chef d'équipe bâtiment", 3123)
/// in place of a craft worker's code or of none: the closest reference may be another
/// trade's workshop ("Responsable d'atelier menuiserie" met the "Responsable d'atelier
/// mécanique", 7231) or none at the floor.
fn head_of_a_trade(normalized: &str, lexemes: &[Rc<Lexeme>], t: &TitleMatch) -> Option<TitleMatch> {
    // Cheap exits first: the title's first word (a byte test, as most titles have another
    // head), a head of a team or workshop, then a decision short of the whole title.
    if !(normalized.starts_with("chef") || normalized.starts_with("responsable")) {
        return None;
    }
    let stems = trade_stems();
    let mut content = lexemes.iter().filter_map(|l| l.content_stem());
    if !content
        .next()
        .is_some_and(|s| stems.team_heads.contains_key(s))
        || !content.next().is_some_and(|s| stems.teams.contains_key(s))
    {
        return None;
    }
    let decided = short_of_whole_title(t)?;
    let first_field = crate::title::split_spaces(normalized)
        .filter(|w| !w.is_empty())
        .take_while(|w| *w != "et")
        .count();
    let (at, trade) =
        (lexemes.iter().enumerate().take(first_field).skip(2)).find_map(|(i, l)| {
            l.content_stem()
                .and_then(|s| stems.trades.get(s))
                .map(|t| (i, t))
        })?;
    let crosswalk = Crosswalk::builtin();
    let TitleMatch::Mapped(mut c) = crosswalk.match_normalized(trade.title.clone()) else {
        return None;
    };
    if c.stage != Stage::WholeTitle || c.table != Table::Curated {
        return None;
    }
    let mut trade_reference = None;
    if building_trade(&c.isco08) {
        // Only in place of a craft worker's code or of none: a supervisor's or an operator's
        // decision ("Chef d'équipe peinture industrielle", 8122) is another trade's.
        if decided.is_some_and(|d| !d.isco08.starts_with('7')) {
            return None;
        }
        let TitleMatch::Mapped(supervisor) = crosswalk.match_normalized(BUILDING_TEAM_HEAD.into())
        else {
            return None;
        };
        trade_reference = Some(std::mem::replace(&mut c, supervisor).reference);
    }
    if decided.is_some_and(|d| d.isco08 == c.isco08) {
        return None;
    }
    c.basis = Basis::HeadOfATrade;
    let word = crate::title::split_spaces(normalized)
        .filter(|w| !w.is_empty())
        .nth(at);
    let mut reading = Reading::as_matched(word.unwrap_or_default(), trade.title.as_str());
    if trade_reference.is_some() {
        // The team's head is taken whole: its figures are its own, matched to nothing else.
        (reading.matched, reading.trade) = (Some(BUILDING_TEAM_HEAD.into()), trade_reference);
    }
    c.reading = Some(reading);
    Some(TitleMatch::Mapped(c))
}

/// The works of cleaning whose object a trade's domain may be, as stemmed: "nettoyage",
/// "lavage", "nettoiement" ([`trade_after_generic_head`]).
const CLEANING_OF: [&str; 3] = ["nettoyag", "lavag", "nettoiement"];

/// The cleaning a team does, as stemmed: its "entretien", "ménage" or "nettoyage"
/// ([`head_of_cleaners`]).
const CLEANING_WORK: [&str; 3] = ["entretien", "menag", "nettoyag"];

/// The curated head of a team of cleaners, normalised: the cleaning supervisor (5151).
const CLEANING_TEAM_HEAD: &str = "chef d equipe entretien menager";

/// The head of a team whose work is cleaning, named right after the team ("Chef d'équipe
/// entretien des bâtiments communaux (ménage)", "Chef d'équipe agents d'entretien - bâtiments
/// administratifs"), is a cleaning supervisor (5151), as ISCO-08 classes the supervisors of
/// cleaners: the object of the cleaning, "bâtiments", names no building trade, which the
/// curated "Chef d'équipe bâtiment" (3123) read in it. When the decision is a construction
/// supervisor's or a building worker's (3123, 71), the words after the team are read as its
/// agents' title ("Agent d'entretien des bâtiments communaux"), and when those are cleaners
/// (911) at the confidence floor, the title is their supervisor, the curated "Chef d'équipe
/// entretien ménager" (basis `head_of_a_trade`, session 47). An "entretien" of green spaces or
/// of roads reads as their workers, and stays.
fn head_of_cleaners(
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    // Cheap exits first: the title's first word, as [`head_of_a_trade`]'s.
    if !(normalized.starts_with("chef") || normalized.starts_with("responsable")) {
        return None;
    }
    let TitleMatch::Mapped(decided) = t else {
        return None;
    };
    if !(decided.isco08 == "3123" || decided.isco08.starts_with("71")) {
        return None;
    }
    let stems = trade_stems();
    let mut content = lexemes.iter().filter_map(|l| l.content_stem());
    if !content
        .next()
        .is_some_and(|s| stems.team_heads.contains_key(s))
        || content.next() != Some("equip")
    {
        return None;
    }
    let work = match content.next() {
        Some("agent") => content.next(),
        w => w,
    };
    if !work.is_some_and(|w| CLEANING_WORK.contains(&w)) {
        return None;
    }
    // The words after the team, its agents' own aside, read as the agents' title.
    let words: Vec<&str> = crate::title::split_spaces(normalized)
        .filter(|w| !w.is_empty())
        .collect();
    let team = words.iter().position(|w| w.starts_with("equipe"))?;
    let rest = (words[team + 1..].iter())
        .skip_while(|w| {
            matches!(
                **w,
                "agent" | "agents" | "agente" | "agentes" | "d" | "de" | "des"
            )
        })
        .copied()
        .collect::<Vec<_>>();
    let agents = format!("agent d {}", rest.join(" "));
    let crosswalk = Crosswalk::builtin();
    let read = kept_at_the_floor(crosswalk.match_normalized(agents.clone()))?;
    // The cleaners' reference reads what they clean, when the title names it: an
    // "entretien d'espaces naturels" the bare "Agent d'entretien" met is no cleaning.
    let objects: Vec<String> = (rest.iter().copied())
        .filter(|w| {
            !crate::title::is_stopword(w)
                && !CLEANING_WORK.iter().any(|c| crate::title::stems_to(w, c))
        })
        .map(crate::title::stem)
        .collect();
    if !read.isco08.starts_with("911")
        || !(objects.is_empty() || objects.iter().any(|o| read.matched.iter().any(|m| m == o)))
    {
        return None;
    }
    let TitleMatch::Mapped(mut c) = crosswalk.match_normalized(CLEANING_TEAM_HEAD.into()) else {
        return None;
    };
    c.basis = Basis::HeadOfATrade;
    let mut reading = Reading::as_matched(rest.join(" "), agents);
    reading.matched = Some(CLEANING_TEAM_HEAD.into());
    reading.trade = Some(read.reference);
    c.reading = Some(reading);
    Some(TitleMatch::Mapped(c))
}

/// The stem of "polyvalent", "polyvalente" ([`first_activity`]).
const POLYVALENT: &str = "polyvalent";

/// A polyvalent agent of a list of activities ("Agent polyvalent cantine, ménage et
/// garderie") is classed by the first named: a title names its main field first (as of two
/// fields joined by a slash, [`first_field`], or by "et", [`Crosswalk`]'s reading), yet no
/// reference covers the list and the closest one may name a later activity ("Agent de
/// ménage", 9112). When the crosswalk's reference does not cover the whole title, of a head
/// that names no trade ([`TRADE_HEADS`]) then "polyvalent" then a list ending in "et …", the
/// first activity is read after "agent" ("Agent de cantine", 9412) and kept when a curated
/// title covers it whole at the confidence floor, unless the decision, by a reference of the
/// title's head noun (stage 1 or 2), is of a higher ISCO-08 skill level (a job combining two
/// occupations is classed by the more skilled one).
fn first_activity(normalized: &str, lexemes: &[Rc<Lexeme>], t: &TitleMatch) -> Option<TitleMatch> {
    // Cheap exits first: the second word "polyvalent", a head that names no trade.
    let stem = |i: usize| lexemes.get(i).and_then(|l| l.content_stem());
    if stem(1) != Some(POLYVALENT) || !stem(0).is_some_and(|s| trade_stems().heads.contains_key(s))
    {
        return None;
    }
    let decided = match t {
        TitleMatch::Mapped(c) if c.stage == Stage::WholeTitle => return None,
        TitleMatch::Mapped(c) => Some(c),
        TitleMatch::Unmapped { .. } => None,
    };
    let words: Vec<&str> = (crate::title::split_spaces(normalized).filter(|w| !w.is_empty()))
        .skip(2)
        .collect();
    // A list: the first activity, then "et" and another.
    let first = words.iter().position(|w| !crate::title::is_stopword(w))?;
    // A site or a place first says where the agent works ("Agent polyvalent crèche - entretien
    // et linge"), no activity.
    let site = crate::title::stem(words[first]);
    if crate::title::is_place(&site)
        || (SITE_WORDS.iter()).any(|s| crate::title::stems_to(s, &site))
    {
        return None;
    }
    let et = words.iter().rposition(|w| *w == "et")?;
    if et <= first || et + 1 == words.len() {
        return None;
    }
    let activity = format!("agent {}", words[..=first].join(" "));
    match Crosswalk::builtin().match_normalized(activity.clone()) {
        TitleMatch::Mapped(mut c)
            if c.stage == Stage::WholeTitle
                && c.table == Table::Curated
                && c.confidence >= CONFIDENCE_FLOOR
                && decided.is_none_or(|d| {
                    d.isco08 != c.isco08
                        && (d.stage == Stage::Closest
                            || crate::isco::skill_level(&d.isco08)
                                <= crate::isco::skill_level(&c.isco08))
                }) =>
        {
            c.basis = Basis::FirstActivity;
            c.reading = Some(Reading::as_matched(words[..=first].join(" "), activity));
            Some(TitleMatch::Mapped(c))
        }
        _ => None,
    }
}

/// The marks that set a list of one agent's activities apart from the post it details: a
/// spaced colon ("Agent technique polyvalent : bâtiments, espaces verts") or an opening
/// bracket ("Ouvrier polyvalent (voirie, cimetière)"), and a spaced dash before a list
/// ("Employé communal polyvalent - voirie, fleurissement, petits travaux").
const LIST_MARKS: [&str; 6] = [" : ", ": ", " (", " - ", " – ", " — "];

/// The written form of one agent's two activities joined by a plus sign, as small communes'
/// tables write them ("Agent d'entretien bâtiments + espaces verts"): read as "et".
const PLUS: &str = " + ";

/// One agent's two or three activities in one title, as small communes' tables and older HR
/// files write a combined post, classed by the convention of `data/README.md` (`isco/`,
/// "Combined posts"), which follows ISCO-08's rule for jobs of several occupations (the
/// most skilled, else the main one, named first):
/// - a **polyvalent post, then the list of its activities** set apart (after a spaced colon,
///   in a bracket, after a spaced dash), with two or more activities (a comma, "et" or "+"
///   between them): the post is the general occupation the list details, when the post read
///   alone is decided at stage 1 or 2 at the floor by a reference that is itself polyvalent
///   ("Ouvrier communal polyvalent (voirie, cimetière, fleurissement)" is the "Ouvrier
///   polyvalent", 9622, not the roads labourer of its first activity): activities that span
///   several trades make the odd-job worker ISCO-08 defines; a post of its head and
///   "polyvalent" alone names no occupation of its own words ("Agent polyvalent" meets the
///   "Agent polyvalent des services techniques"): its first activity, read after it, decides
///   when a reference covers that reading whole ("Agent polyvalent (entretien, restauration)"
///   is an agent d'entretien, 9112);
/// - **"+"** between two activities is "et": the title is read again so, by every rule.
fn combined_post(title: &str, normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    // Cheap exit first: no comma and no plus sign, no list (nearly every title).
    memchr::memchr2(b',', b'+', title.as_bytes())?;
    // A reference that covers the whole title gives way only to a reading more confident
    // than it: it may name the list's later activities ("Agent de surveillance de la
    // restauration scolaire"), not the post.
    let decided = match t {
        TitleMatch::Mapped(c) => Some(c),
        TitleMatch::Unmapped { .. } => None,
    };
    let closer = |m: &TitleMatch| match (m, decided) {
        (TitleMatch::Mapped(r), Some(d)) if d.stage == Stage::WholeTitle => {
            r.confidence > d.confidence
        }
        _ => true,
    };
    polyvalent_post_of_a_list(title, decided)
        .filter(closer)
        .or_else(|| {
            // "+" read as "et": once, the title so written holding no "+" of this kind.
            title
                .contains(PLUS)
                .then(|| title.replace(PLUS, " et "))
                .and_then(|written| {
                    let reading = normalize_title(&written);
                    read_whole_as(&written, normalized, reading, Basis::CombinedPost)
                })
                .filter(|m| match (m, decided) {
                    (TitleMatch::Mapped(r), Some(d)) => r.isco08 != d.isco08,
                    _ => true,
                })
                .filter(closer)
        })
}

/// The polyvalent post before the list of its activities ([`combined_post`]).
fn polyvalent_post_of_a_list(title: &str, decided: Option<&Candidate>) -> Option<TitleMatch> {
    let (at, mark) = (LIST_MARKS.iter())
        .filter_map(|m| title.find(m).map(|at| (at, *m)))
        .min_by_key(|(at, _)| *at)?;
    let (post, list) = (&title[..at], &title[at + mark.len()..]);
    let list = normalize_title(list);
    let words: Vec<&str> = list.split(' ').filter(|w| !w.is_empty()).collect();
    let joined = list.contains(',')
        || title[at..].contains(',')
        || title[at..].contains(PLUS)
        || words.contains(&"et");
    if !joined || words.len() < 2 {
        return None;
    }
    let post = normalize_title(post);
    let polyvalent =
        |text: &str| (text.split(' ')).any(|w| crate::title::stem(w).starts_with(POLYVALENT));
    if !polyvalent(&post) {
        return None;
    }
    // A post of its head and "polyvalent" alone ("Agent polyvalent (entretien, restauration)")
    // names a general occupation only as a reference of those words alone ("Ouvrier
    // polyvalent"); else its first activity, the main one, read after it, does.
    let stems = |text: &str| -> Vec<String> {
        (text.split(' '))
            .filter(|w| !w.is_empty() && !crate::title::is_stopword(w))
            .map(crate::title::stem)
            .collect()
    };
    let post_stems = stems(&post);
    let own = (post_stems.iter().skip(1))
        .any(|s| !s.starts_with(POLYVALENT) && !crate::title::is_place(s));
    if let TitleMatch::Mapped(mut c) = Crosswalk::builtin().match_normalized(post.clone()) {
        let reference = normalize_title(&c.reference);
        if c.stage != Stage::Closest
            && c.confidence >= CONFIDENCE_FLOOR
            && polyvalent(&reference)
            && (own || stems(&reference).iter().all(|s| post_stems.contains(s)))
            && decided.is_none_or(|d| d.isco08 != c.isco08)
        {
            c.basis = Basis::CombinedPost;
            c.reading = Some(Reading::of(post));
            return Some(TitleMatch::Mapped(c));
        }
    }
    if own {
        return None;
    }
    let written = &title[at + mark.len()..];
    let first = (written.split([',', '+', ')', '/']).next())
        .map(normalize_title)
        .and_then(|f| f.split(" et ").next().map(str::to_string))
        .filter(|f| !f.is_empty())?;
    let reading = format!("{post} {first}");
    match Crosswalk::builtin().match_normalized(reading.clone()) {
        TitleMatch::Mapped(mut c)
            if c.stage == Stage::WholeTitle
                && c.confidence >= CONFIDENCE_FLOOR
                && decided.is_none_or(|d| d.isco08 != c.isco08) =>
        {
            c.basis = Basis::CombinedPost;
            c.reading = Some(Reading::of(reading));
            Some(TitleMatch::Mapped(c))
        }
        _ => None,
    }
}

/// Words that name no post of their own read after the generic head "agent", as a trade named
/// in them makes it ([`trade_after_generic_head`]); `None` when they name no trade so.
fn trade_after_agent(words: &str) -> Option<TitleMatch> {
    let as_agent = format!("agent {words}");
    let read = crate::title::lexemes(&as_agent);
    trade_after_generic_head(
        &as_agent,
        &as_agent,
        &read,
        &TitleMatch::Unmapped {
            reason: Unmapped::LowConfidence,
            best: None,
        },
    )
}

/// Whether two ISCO-08 codes are of one minor group (3 digits).
fn same_kind(a: &str, b: &str) -> bool {
    a.get(..3) == b.get(..3)
}

/// Whether an ISCO-08 unit group is its minor group's "not elsewhere classified" one (its
/// code ends in 9: "Agent de maintenance", 7119): a trade named is more precise.
fn not_elsewhere_classified(isco08: &str) -> bool {
    isco08.len() == 4 && isco08.ends_with('9')
}

type Stems = crate::hashing::FastMap<String, ()>;

/// A trade as a word of a title names it: its one-word curated title, normalised, and whether
/// the word is the trade's domain rather than the trade itself.
struct Trade {
    title: String,
    domain: bool,
}

/// The stems of [`TRADE_HEADS`], and those of the trades ([`trade_after_generic_head`]).
struct TradeStems {
    heads: Stems,
    /// The stems of [`TEAM_HEADS`] and [`TEAMS`] ([`head_of_a_trade`]).
    team_heads: Stems,
    teams: Stems,
    trades: crate::hashing::FastMap<String, Trade>,
}

/// The domains of trades, each with its trade's one-word curated title (a test checks it is
/// one): the domain a title names after a head that names no trade is that trade's.
const TRADE_DOMAINS: &str = include_str!("../data/isco/trade_domains.csv");

/// [`TradeStems`], built once.
fn trade_stems() -> &'static TradeStems {
    static STEMS: std::sync::OnceLock<TradeStems> = std::sync::OnceLock::new();
    let stem = |w: &str| crate::title::lexeme(w).content_stem().map(str::to_string);
    STEMS.get_or_init(|| {
        let stems_of = |words: &[&str]| -> Stems {
            (words.iter())
                .filter_map(|h| stem(h).map(|s| (s, ())))
                .collect()
        };
        let (heads, team_heads, teams) = (
            stems_of(&TRADE_HEADS),
            stems_of(&TEAM_HEADS),
            stems_of(&TEAMS),
        );
        let mut trades = crate::hashing::FastMap::default();
        let curated_trades = (Crosswalk::builtin().references.iter())
            .filter(|r| r.table == Table::Curated && matches!(r.isco().as_bytes()[0], b'6'..=b'8'));
        for r in curated_trades {
            let title = normalize_title(r.title());
            if title.contains(' ') {
                continue;
            }
            if let Some(s) = stem(&title) {
                let domain = false;
                trades.insert(s, Trade { title, domain });
            }
        }
        for row in TRADE_DOMAINS.lines().skip(1) {
            let (domain, trade) = row.split_once(',').unwrap_or((row, ""));
            if let Some(s) = stem(&normalize_title(domain)) {
                let (title, domain) = (normalize_title(trade), true);
                trades.insert(s, Trade { title, domain });
            }
        }
        TradeStems {
            heads,
            team_heads,
            teams,
            trades,
        }
    })
}

/// A title that starts with a status word (how the post is held, not what it is: "Saisonnier",
/// "Apprenti", "Vacataire"…) followed by a domain rather than a post ("Saisonnier espaces
/// verts") is the agent of that domain, as a status word before a post is that post
/// ("Saisonnier agent d'accueil"). When the crosswalk found only the closest title of it, or
/// none at the floor, the title is read with "agent" for its status words ("Agent des espaces
/// verts", 6113, not the "Responsable des espaces verts", 1311, that the domain alone met), a
/// trade's domain after it as [`trade_after_generic_head`] reads it ("Apprenti plomberie" is a
/// plumber), and kept when matched at stage 1 or 2 at the confidence floor.
fn after_status(normalized: &str, lexemes: &[Rc<Lexeme>], t: &TitleMatch) -> Option<TitleMatch> {
    if matches!(t, TitleMatch::Mapped(c) if c.stage != Stage::Closest) {
        return None;
    }
    let status = |l: &&Rc<Lexeme>| l.content_stem().is_some_and(crate::title::is_status);
    let n = lexemes.iter().take_while(status).count();
    if n == 0 || n == lexemes.len() {
        return None;
    }
    let rest: Vec<&str> = (crate::title::split_spaces(normalized).filter(|w| !w.is_empty()))
        .skip(n)
        .collect();
    if opens_with_a_post(&rest) {
        return None;
    }
    let as_agent = format!("agent {}", rest.join(" "));
    let read = crate::title::lexemes(&as_agent);
    let agent = Crosswalk::builtin().match_normalized(as_agent.clone());
    let c = kept_at_the_floor(
        trade_after_generic_head(&as_agent, &as_agent, &read, &agent).unwrap_or(agent),
    )?;
    decided(c, Basis::AfterStatus, || {
        Reading::as_matched(rest.join(" "), as_agent)
    })
}

/// Words of the statute's article a contract is signed under, written after the status
/// ("Contractuel 3-3 1°", "Contractuelle article 3-2", "Contractuel art. 3-3 2°"), as
/// normalised: with the article's numbers, they say how the post is held, as the status does.
const STATUTE_ARTICLE_WORDS: [&str; 3] = ["article", "art", "alinea"];

/// Whether the words after a title's status words, the statute's article aside
/// ([`STATUTE_ARTICLE_WORDS`] and numbers: "Contractuel 3-3 1° - psychologue du CCAS"), open
/// with a word that names a post of its own ([`crate::isco::heads_a_post`]: psychologue,
/// jardinier), not a domain: the status says how that post is held, a rank of the title
/// (README, step 3), and [`after_status`] leaves the title's own reading to stand, where
/// reading it after "agent" made another post of it ("Agent 3 3 1 psychologue du CCAS" met the
/// "Agent social" of the CCAS's long form; session 48). A post the crosswalk matches weakly
/// stays flagged or unmapped with its candidates, as after any status word.
fn opens_with_a_post(rest: &[&str]) -> bool {
    let article =
        |w: &&&str| w.bytes().all(|b| b.is_ascii_digit()) || STATUTE_ARTICLE_WORDS.contains(*w);
    let skipped = rest.iter().take_while(article).count();
    rest.get(skipped)
        .is_some_and(|first| crate::isco::heads_a_post(first))
}

/// Whether a title names a status (apprenti, saisonnier, stagiaire, vacataire…): a learner's or
/// a temporary worker's post, not the head of a service, whatever head word comes first ("Chef
/// de service apprenti aménagements paysagers" names an apprentice gardener, not the head of
/// urban planning that "responsable … aménagement" reaches).
fn names_a_status(lexemes: &[Rc<Lexeme>]) -> bool {
    (lexemes.iter()).any(|l| l.content_stem().is_some_and(crate::title::is_status))
}

/// A chef de service the crosswalk and the other rules leave unmapped ([`read_again`] tries
/// it last), read as the responsable of that service: with "service", chef reaches
/// responsable but not responsable's synonym directeur, which names many a manager's curated
/// title ("Chef du service insertion" is the "Responsable du service insertion", the curated
/// "Directeur de l'insertion", 1344). Only an unmapped title, and only a curated manager's
/// title (1) at stage 1 or 2 at the floor: a chef de service already decided keeps its
/// reading (giving every chef de service the directeur's synonyms moved the heads of a team
/// of clerks, 3341, to managers; session 33).
fn chef_de_service_as_responsable(
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    if !matches!(t, TitleMatch::Unmapped { .. }) || lexemes.first()?.content_stem()? != "chef" {
        return None;
    }
    if !(lexemes.iter()).any(|l| l.content_stem() == Some(crate::isco::SERVICE_WORD))
        || names_a_status(lexemes)
    {
        return None;
    }
    let rest: Vec<&str> = (crate::title::split_spaces(normalized).filter(|w| !w.is_empty()))
        .skip(1)
        .collect();
    let as_responsable = format!("responsable {}", rest.join(" "));
    // A curated manager's title, the reference of a local government's service: a ROME
    // directeur of another trade is a look-alike ("Exploitant directeur de golf" for a
    // farmer, "Sous-directeur comptable" for a sous-officier).
    read_as(normalized, as_responsable, Basis::ChefAsResponsable, |c| {
        c.isco08.starts_with('1') && c.table == Table::Curated
    })
}

/// Starts of the words (normalised) that name a field of social action, whose service's head
/// ISCO-08 classes as a social welfare manager (1344), besides [`ACCESS_TO_RIGHTS`]:
/// gerontology, home care, autonomy, disability, insertion, the RSA, solidarity,
/// precariousness and exclusion, seniors, carers. Not "social" itself: titles of action
/// sociale reach their references, and the réseaux sociaux are communication.
const SOCIAL_FIELDS: [&str; 12] = [
    "gerontolog",
    "domicile",
    "autonomie",
    "handicap",
    "insertion",
    "rsa",
    "solidarit",
    "precarit",
    "exclusion",
    // Plural: "senior" alone is the English for experienced ("Senior planner").
    "seniors",
    "aidant",
    "agees",
];
/// Access to rights, a field of social action, as a normalised title writes it ("droits" alone
/// may be a market's fees, the droits de place).
const ACCESS_TO_RIGHTS: &str = "acces aux droits";
/// Starts of the words of housing: the head of a housing service, even of logement social,
/// manages a service of administration (1219 in the development table), not social work.
const HOUSING_FIELDS: [&str; 2] = ["logement", "habitat"];
/// How the head of a service of [`SOCIAL_FIELDS`] is read: as the responsable of social action.
const AS_SOCIAL_ACTION: &str = "responsable action sociale";

/// The head of a service of social action that no reference reaches ("Responsable du service
/// gérontologie", "Chef du service maintien à domicile"): the crosswalk and the other rules
/// leave it unmapped ([`read_again`] tries it last), as no curated title names each field.
/// A head of a service (chef or responsable with "service") whose title names a field of
/// [`SOCIAL_FIELDS`] and no housing ([`HOUSING_FIELDS`]) is read with "responsable action
/// sociale" before its other words, kept when matched at stage 1 or 2 at the floor as a
/// social welfare manager (1344), the convention of `data/README.md` for the heads of social
/// services.
fn head_of_a_social_service(
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    if !matches!(t, TitleMatch::Unmapped { .. }) {
        return None;
    }
    let head = lexemes.first()?.content_stem()?;
    if !crate::isco::SERVICE_HEADS.contains(&head)
        || !(lexemes.iter()).any(|l| l.content_stem() == Some(crate::isco::SERVICE_WORD))
        || names_a_status(lexemes)
    {
        return None;
    }
    let words: Vec<&str> =
        (crate::title::split_spaces(normalized).filter(|w| !w.is_empty())).collect();
    let starts =
        |fields: &[&str]| (words[1..].iter()).any(|w| fields.iter().any(|f| w.starts_with(f)));
    let social = starts(&SOCIAL_FIELDS) || normalized.contains(ACCESS_TO_RIGHTS);
    if !social || starts(&HOUSING_FIELDS) {
        return None;
    }
    let as_social = format!("{AS_SOCIAL_ACTION} {}", words[1..].join(" "));
    read_as(normalized, as_social, Basis::HeadOfASocialService, |c| {
        c.isco08 == SOCIAL_WELFARE_MANAGERS
    })
}

/// ISCO-08's general office clerks, whose tasks no records of their own name.
const GENERAL_OFFICE_CLERKS: &str = "4110";
/// ISCO-08's regulatory government associate professionals (335: identity documents,
/// permits, licences, benefits), who examine the applications their records are.
const REGULATORY_ASSOCIATES: &str = "335";
/// Separators after which a clerk's title names the records it keeps ("Agent du service
/// Population - CNI / passeports", "Agent des formalités administratives (cartes d'identité,
/// passeports)").
const RECORDS_SEPARATORS: [&str; 4] = [" - ", " – ", " — ", " ("];

/// A clerk's title decided as a general office clerk (4110) by the name of its service or
/// its formalities, whose part after a spaced dash or in a bracket names the records the
/// clerk keeps: ISCO-08 sorts clerks and the associate professionals of administration by
/// the records and files they handle, so that part, read after the title's head noun ("Agent
/// du service Population - CNI / passeports" as "Agent CNI passeports"), decides when a
/// curated title of the regulatory government associate professionals (335) matches it at
/// stage 1 or 2 at the floor ("Agent des passeports et cartes d'identité", 3354; basis
/// `records_after_service`, session 47). A part that names nothing such leaves the clerk: any
/// curated clerk of major group 3 or 4 was tried, and read a direction after an assistant
/// ("Assistant administratif - direction de la culture" as "Assistant de direction", 3343),
/// a list of activities or a reception desk as the post.
fn records_after_service(title: &str, normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    match t {
        TitleMatch::Mapped(c) if c.isco08 == GENERAL_OFFICE_CLERKS => {}
        _ => return None,
    }
    // Most titles have no separator: their spaces only are read, not four string searches.
    separated(title.as_bytes())?;
    let (at, sep) = (RECORDS_SEPARATORS.iter())
        .filter_map(|s| title.find(s).map(|at| (at, s.len())))
        .min()?;
    let after = title[at + sep..].trim_end_matches(')');
    let head = crate::title::split_spaces(normalized).find(|w| !w.is_empty())?;
    let reading = format!("{head} {}", normalize_title(after));
    read_as(normalized, reading, Basis::RecordsAfterService, |c| {
        c.table == Table::Curated && c.isco08.starts_with(REGULATORY_ASSOCIATES)
    })
}

/// The surveillant's head noun, as a normalised title writes it (the gender forms folded away).
const SURVEILLANT: [&str; 2] = ["surveillant", "surveillante"];
/// How a surveillant is read: as the agent de surveillance, its other name.
const AS_AGENT_DE_SURVEILLANCE: &str = "agent de surveillance";

/// A surveillant that the crosswalk and every other rule leave unmapped ([`read_again`] tries
/// it last): French names the same post "Surveillant de X" and "Agent de surveillance de X"
/// ("Surveillant de la pause méridienne", "Agent de surveillance de la pause méridienne"), so
/// the title is read with "agent de surveillance" in place of its head noun, kept when
/// matched at stage 1 or 2 at the floor (basis `surveillant_as_agent`, session 47).
fn surveillant_as_agent_de_surveillance(normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    if !matches!(t, TitleMatch::Unmapped { .. }) {
        return None;
    }
    let mut words = crate::title::split_spaces(normalized).filter(|w| !w.is_empty());
    if !SURVEILLANT.contains(&words.next()?) {
        return None;
    }
    let rest: Vec<&str> = words.collect();
    if rest.is_empty() {
        return None;
    }
    let reading = format!("{AS_AGENT_DE_SURVEILLANCE} {}", rest.join(" "));
    read_as(normalized, reading, Basis::SurveillantAsAgent, |_| true)
}

/// The réparateur's head noun, as a normalised title writes it (the gender forms folded away).
const REPARATEUR: [&str; 2] = ["reparateur", "reparatrice"];
/// How a réparateur of machines is read: as their mécanicien, its other name.
const AS_MECANICIEN: &str = "mecanicien";

/// A réparateur that the crosswalk and every other rule leave unmapped, or decide short of
/// the whole title ([`read_again`] tries it among the last): French names the repairer of machines "Réparateur de X" and
/// "Mécanicien de X" ("Réparateur de matériels espaces verts", "Mécanicien de matériels de
/// parcs et jardins"), and ISCO-08 classes both as mechanics and repairers (72, 74), so the
/// title is read with "mécanicien" in place of its head noun, kept when matched at stage 1 or
/// 2 at the floor as a craft worker (ISCO-08 7) more confidently than the title's own
/// decision (basis `reparateur_as_mecanicien`, session 48).
/// The ROME's own réparateurs (of cycles, watches, household appliances) are matched before.
fn reparateur_as_mecanicien(normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    // Cheap exit first: a title headed by a réparateur.
    let mut words = crate::title::split_spaces(normalized).filter(|w| !w.is_empty());
    if !REPARATEUR.contains(&words.next()?) {
        return None;
    }
    // Unmapped, or decided short of the whole title: by its head noun and complement alone,
    // another réparateur's ("Réparatrice de matériels des espaces verts" met the
    // "Réparateur de matériels photographiques"), kept only less confident than the reading.
    let floor = match t {
        TitleMatch::Unmapped { .. } => 0.0,
        TitleMatch::Mapped(c) if c.stage != Stage::WholeTitle && c.reading.is_none() => {
            // Only a reference with a field of its own that the title lacks: one that reads
            // the title's field ("Réparateur de matériels photo.", 7421) stands.
            // A word the title cuts short with a dot is the reference's word it starts.
            let cut = |r: &str| {
                crate::title::split_spaces(normalized).any(|w| w.len() >= 4 && r.starts_with(w))
            };
            let own_field = (crate::isco::read_title(&c.reference).words.iter()).any(|w| {
                !matches!(w.role, Role::Place | Role::Rank)
                    && !c.matched.contains(&w.word.to_string())
                    && !cut(&w.word)
            });
            if !own_field {
                return None;
            }
            c.confidence
        }
        TitleMatch::Mapped(_) => return None,
    };
    let rest: Vec<&str> = words.collect();
    if rest.is_empty() {
        return None;
    }
    let reading = format!("{AS_MECANICIEN} {}", rest.join(" "));
    read_as(normalized, reading, Basis::ReparateurAsMecanicien, |c| {
        c.isco08.starts_with('7') && c.confidence > floor
    })
}

/// The agent nouns a frame left unmapped is read with, in that order ([`frame_as_its_agent`]):
/// the agent of the same field, then its chargé.
const FRAME_AGENTS: [&str; 2] = ["agent", "charge"];
/// Whether an ISCO-08 code is in one of `majors`, major groups of one digit each ("34").
fn in_majors(code: &str, majors: &str) -> bool {
    code.chars().next().is_some_and(|d| majors.contains(d))
}

/// A frame noun the crosswalk and every other rule leave unmapped ([`read_again`] tries it
/// last), read through the agent of its field: the frame names a role, its complement what
/// the person does, and territorial tables name the same files' post both ways ("Gestionnaire
/// des actes d'état civil" and "Agent d'état civil", "Gestionnaire du contingent de logements"
/// and "Chargé du logement"). A **gestionnaire** is read with "agent", then "chargé", in place
/// of its head noun, kept when matched at stage 1 or 2 at the floor as a clerk or an associate
/// professional, the levels the word names (3, 4: "Gestionnaire de collège" is no cleaner of
/// the "Agent de service des collèges"). The **head of a team** ("Chef d'équipe",
/// "Responsable d'équipe") is read as the agent of the field named after the team, and a
/// **responsable** or **chef** as the agent of the field named after it: ISCO-08 classes a
/// supervisor with the workers supervised, or as the supervisor of clerks (3341), cleaners
/// (5151) and building workers (3123) (`isco::supervisor_code`); a team head takes that code
/// or, at levels 3 to 9, the workers' own, a head of a field only a supervisor's code
/// ("Responsable de la viabilité hivernale" heads its road workers, 3123), a manager's
/// reading being no agent's (basis `frame_as_agent`, session 48).
fn frame_as_its_agent(
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    if !matches!(t, TitleMatch::Unmapped { .. }) {
        return None;
    }
    // The head's stem, or its long form's ("Resp.", "Gest.").
    let first = lexemes.first()?;
    let long = first.long_form().map(crate::title::lexeme);
    let head = match &long {
        Some(l) => l.content_stem()?,
        None => first.content_stem()?,
    };
    // The levels a gestionnaire names (`isco::LEVELS`: associate professionals and clerks).
    let gestionnaire = (head == "gestionnair")
        .then(|| crate::isco::majors_of_head(head))
        .flatten();
    if gestionnaire.is_none() && !crate::isco::SERVICE_HEADS.contains(&head) {
        return None;
    }
    if names_a_status(lexemes) {
        return None;
    }
    let words: Vec<&str> =
        (crate::title::split_spaces(normalized).filter(|w| !w.is_empty())).collect();
    if words.len() != lexemes.len() {
        return None;
    }
    if let Some(majors) = gestionnaire {
        let rest = words[1..].join(" ");
        if rest.is_empty() {
            return None;
        }
        // The gestionnaire's field, the first word after it: a chargé's reference must read
        // it (a chargé's titles name many fields of their own: "Chargé de la relation aux
        // usagers" for "Gestionnaire de la redevance incitative - relation usagers").
        let field = lexemes[1..].iter().find_map(|l| l.content_stem());
        return (FRAME_AGENTS.iter().enumerate()).find_map(|(i, agent)| {
            read_as(
                normalized,
                format!("{agent} {rest}"),
                Basis::FrameAsAgent,
                |c| {
                    in_majors(&c.isco08, majors)
                        && (i == 0 || field.is_some_and(|f| c.matched.iter().any(|m| m == f)))
                },
            )
        });
    }
    // The team, when its word comes right after the head's ("Chef d'équipe", stop words aside).
    let next = (lexemes.iter().enumerate().skip(1)).find(|(_, l)| l.content_stem().is_some());
    let team = next.filter(|(_, l)| l.content_stem() == Some(crate::isco::TEAM_WORD));
    let from = team.map_or(1, |(i, _)| i + 1);
    // A head of a service or of a unit is a manager, or the supervisor of its clerks, that
    // its own rules read (`isco::SERVICE`); and a head followed by an occupation's noun or
    // another frame ("Chef de service conservateur du patrimoine", "Responsable agent
    // routier") names that occupation's head, no field whose agent it supervises.
    let unit = |l: &Rc<Lexeme>| {
        l.content_stem()
            .is_some_and(|s| s == crate::isco::SERVICE_WORD || HEADED_UNITS.contains(&s))
    };
    if team.is_none() && lexemes.iter().any(unit) {
        return None;
    }
    let names_a_post = |(w, l): (&&str, &Rc<Lexeme>)| {
        l.content_stem().is_some_and(crate::title::is_generic) || crate::isco::heads_a_post(w)
    };
    if (words[from..].iter().zip(&lexemes[from..])).any(names_a_post) {
        return None;
    }
    let rest = words[from..].join(" ");
    if rest.is_empty() {
        return None;
    }
    let reading = format!("{} {rest}", FRAME_AGENTS[0]);
    let c = kept_at_the_floor(Crosswalk::builtin().match_normalized(reading.clone()))?;
    // The agents of the field named first: a reference that reads only a later word ("Agent
    // de service des collèges" for "Chef de cusine collège") names other workers.
    let field = lexemes[from..].iter().find_map(|l| l.content_stem())?;
    if !c.matched.iter().any(|m| m == field) {
        return None;
    }
    let code = match crate::isco::supervisor_code(&c.isco08) {
        Some(code) => code.to_string(),
        None if team.is_some() && in_majors(&c.isco08, crate::isco::TEAM_MAJORS) => {
            c.isco08.clone()
        }
        None => return None,
    };
    let mut c = c;
    c.isco08 = code;
    decided(c, Basis::FrameAsAgent, || {
        Reading::as_matched(normalized, reading)
    })
}

/// Units a head heads besides the service, as stemmed: the pôle, the direction, the bureau,
/// the unité, the cellule, the mission (a frame's level of its own).
const HEADED_UNITS: [&str; 6] = ["pole", "direction", "bureau", "unit", "cellul", "mission"];

/// Words (normalised) that say whom an assistant assists when they follow "du", "de la",
/// "des", "de l'" or "auprès du" right after the head noun: a director (the sigles of
/// directors read as "de direction" already, README step 3), an elected body or its members,
/// a service, a pôle or a cabinet.
pub(crate) const ASSISTED: [&str; 15] = [
    "directeur",
    "directrice",
    "directeurs",
    "direction",
    "president",
    "presidente",
    "maire",
    "elus",
    "conseil",
    "conseillers",
    "conseilleres",
    "service",
    "services",
    "pole",
    "cabinet",
];
/// The prepositions and articles between the assistant and whom it assists.
const ASSISTED_LINKS: [&str; 7] = ["du", "de", "des", "la", "l", "aupres", "d"];
/// How an assistant of [`ASSISTED`] is read: the curated assistant de direction (3343).
const AS_ASSISTANT_OF_A_DIRECTION: &str = "assistant de direction";
/// ISCO-08's administrative and executive secretaries.
const EXECUTIVE_SECRETARIES: &str = "3343";

/// An assistant of a director, an elected body or a service that the crosswalk and every
/// other rule leave unmapped ([`read_again`] tries it last): "Assistant du Directeur Général
/// des Services" (whose "directeur", a generic word, matches nothing, where "du DGS" reads as
/// "de direction"), "Assistante du conseil municipal", "Assistant(e) des conseillers
/// départementaux", "Assistante du service développement économique". A title whose head
/// noun is the assistant and whose first words after it, past "du", "de la", "des" or
/// "auprès du", are a word of [`ASSISTED`] names whom the assistant serves, not a field of
/// its own: ISCO-08 classes the assistant of managers and of elected bodies with the
/// administrative and executive secretaries (3343), as the curated "Assistant de direction",
/// "Assistant des élus" and "Assistant de service" are (basis `assistant_of_a_direction`,
/// session 47). An assistant decided otherwise keeps its reading ("Assistant de service
/// social" is a social worker).
fn assistant_of_a_direction(normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    if !matches!(t, TitleMatch::Unmapped { .. }) {
        return None;
    }
    let mut words = crate::title::split_spaces(normalized).filter(|w| !w.is_empty());
    if !matches!(words.next()?, "assistant" | "assistante") {
        return None;
    }
    let mut linked = false;
    for w in words {
        if ASSISTED_LINKS.contains(&w) {
            linked = true;
            continue;
        }
        if !linked || !ASSISTED.contains(&w) {
            return None;
        }
        return read_as(
            normalized,
            AS_ASSISTANT_OF_A_DIRECTION.to_string(),
            Basis::AssistantOfADirection,
            |c| c.isco08 == EXECUTIVE_SECRETARIES,
        );
    }
    None
}

/// ISCO-08's social welfare managers.
const SOCIAL_WELFARE_MANAGERS: &str = "1344";

/// The start of the network word, as a normalised title writes it ("réseau", "réseaux").
const NETWORK: &str = "reseau";
/// Starts of the words that make a network a computer one: telecoms, telephony, computing
/// ("informatiq", not "informati", which "information" starts too).
const COMPUTER_NETWORK_WORDS: [&str; 3] = ["telecom", "telephon", "informatiq"];
/// ISCO-08's computing occupations: ICT services managers (133), software and applications
/// developers (251), database and network professionals (252), ICT technicians (351).
const COMPUTING: [&str; 4] = ["133", "251", "252", "351"];
/// The start all of [`COMPUTER_NETWORK_WORDS`]' telecoms words share, as an export leaves it
/// when it cuts a word there ("télé": télécoms, téléphonie).
const CUT_TELECOMS: &str = "tele";
/// What a network of [`COMPUTER_NETWORK_WORDS`] is read as.
const AS_COMPUTER_NETWORKS: &str = "reseaux informatiques";

/// A title that names a network with telecoms or computing ("Technicien réseaux et télécoms",
/// "Ingénieur télécommunications et réseaux") works on computer networks: ISCO-08 classes their
/// technicians (3513) and professionals (2523) apart from the civil engineering technicians of
/// water and road networks (3112) that "réseaux" alone meets, and from telecommunications
/// engineers (2153) and technicians (3522), who work on the transmission equipment. Unless the
/// crosswalk's decision is already a computing occupation ([`COMPUTING`]), the words before
/// the first network or telecoms word are read with "réseaux informatiques", kept when that
/// is a computing occupation matched at stage 1 or 2 at the floor.
fn computer_networks(
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    // Cheap exit first, on the words already read: almost no title names a network.
    let network = |l: &Rc<Lexeme>| (l.content_stem()).is_some_and(|s| s.starts_with(NETWORK));
    if !lexemes.iter().any(network) {
        return None;
    }
    let computing = |isco: &str| COMPUTING.iter().any(|g| isco.starts_with(g));
    if matches!(t, TitleMatch::Mapped(c) if computing(&c.isco08)) {
        return None;
    }
    let words: Vec<&str> =
        (crate::title::split_spaces(normalized).filter(|w| !w.is_empty())).collect();
    // "télé" is telecoms an export cut ("Technicien réseaux et télé", also before a place
    // set apart): with a network, télévision names no post.
    let cut = words.contains(&CUT_TELECOMS);
    let telecoms = |w: &&str| COMPUTER_NETWORK_WORDS.iter().any(|c| w.starts_with(c));
    if !cut && !words.iter().any(telecoms) {
        return None;
    }
    let first = words
        .iter()
        .position(|w| w.starts_with(NETWORK) || telecoms(w) || (cut && *w == CUT_TELECOMS))?;
    if first == 0 {
        return None;
    }
    let as_computing = format!("{} {AS_COMPUTER_NETWORKS}", words[..first].join(" "));
    read_as(normalized, as_computing, Basis::ComputerNetworks, |c| {
        computing(&c.isco08)
    })
}

/// ISCO-08's car, taxi and van drivers: the light vehicle's ("Conducteur de véhicule léger").
const LIGHT_VEHICLE_DRIVERS: &str = "8322";
/// ISCO-08's heavy truck and bus drivers (8331, 8332).
const HEAVY_VEHICLE_DRIVERS: &str = "833";
/// The sigle of the light vehicle, as a normalised title writes it (VL, véhicule léger).
const LIGHT_VEHICLE: &str = "vl";
/// The heavy vehicle, as a normalised title writes it: its sigle (PL, poids lourd) or the start
/// of its word.
const HEAVY_VEHICLE: (&str, &str) = ("pl", "lourd");

/// A driver of light and heavy vehicles ("Chauffeur VL/PL", "Conductrice PL et VL") that the
/// crosswalk decided as the light vehicle's driver (8322), the sigle written first taking the
/// tie: ISCO-08 classes a driver by the largest vehicle the post drives, and the heavy
/// vehicle's licence is what the post requires (8332 for a truck, 8331 for a bus). The title
/// is read without the light vehicle's sigle, kept when that is a heavy
/// vehicle's driver matched at stage 1 or 2 at the floor.
fn heavy_and_light_vehicles(normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    // Cheap exit first: only a light vehicle's driver is read again.
    let TitleMatch::Mapped(c) = t else {
        return None;
    };
    if c.isco08 != LIGHT_VEHICLE_DRIVERS {
        return None;
    }
    let words: Vec<&str> =
        (crate::title::split_spaces(normalized).filter(|w| !w.is_empty())).collect();
    let heavy = |w: &&str| *w == HEAVY_VEHICLE.0 || w.starts_with(HEAVY_VEHICLE.1);
    if !words.contains(&LIGHT_VEHICLE) || !words.iter().any(heavy) {
        return None;
    }
    // (The normalised title holds no slash between the sigles: "vl pl".)
    let kept: Vec<&str> = (words.iter().copied())
        .filter(|w| *w != LIGHT_VEHICLE)
        .collect();
    let as_heavy = kept.join(" ");
    read_as(normalized, as_heavy, Basis::HeavyAndLightVehicles, |c| {
        c.isco08.starts_with(HEAVY_VEHICLE_DRIVERS)
    })
}

/// The work of maintenance, as a normalised title writes it ([`object_of_maintenance`]).
const MAINTENANCE: &str = "maintenance";

/// Words after "maintenance" that say how the post maintains, not what: the post's own
/// adjectives and the word that introduces a speciality ("Agent de maintenance polyvalent",
/// "… spécialité plomberie"). The words after them still name the object.
const MAINTENANCE_MANNER: [&str; 6] = [
    "polyvalent",
    "polyvalente",
    "general",
    "generale",
    "specialite",
    "option",
];

/// The heads of the bare maintenance titles, which name no trade of their own ("Agent de
/// maintenance", 7119; "Technicien de maintenance", 3115): an "Électricien de maintenance"
/// names the electrician.
const MAINTENANCE_HEADS: [&str; 3] = ["agent", "technicien", "ouvrier"];

/// Generic words of what is maintained, which name no trade: the word after them does
/// ("systèmes d'irrigation", "équipements de restauration").
const MAINTAINED_KINDS: [&str; 12] = [
    "systeme",
    "systemes",
    "equipement",
    "equipements",
    "installation",
    "installations",
    "materiel",
    "materiels",
    "appareil",
    "appareils",
    "outil",
    "outils",
];

/// Objects of maintenance whose trade no reference names with "maintenance", by the start of
/// their normalised word, and the curated title of that trade: a vehicle's maintenance is a
/// mechanic's work (7231); traffic lights' and luminous signs', an electrician's of street
/// lighting and signals (7413, as the curated "Agent de maintenance de l'éclairage public");
/// thermal installations' and boiler rooms', a heating fitter's (7127).
const MAINTAINED_BY: [(&str, &str); 7] = [
    ("vehicule", "mecanicien automobile"),
    ("automobile", "mecanicien automobile"),
    ("tricolore", "electricien eclairage public"),
    ("lumineuse", "electricien eclairage public"),
    ("thermique", "chauffagiste"),
    ("chaufferie", "chauffagiste"),
    ("chaudiere", "chauffagiste"),
];

/// What a maintenance agent or technician maintains names its trade (basis
/// `object_of_maintenance`, session 48). A title decided as the bare curated "Agent de
/// maintenance" (7119, the building worker of all trades) or "Technicien de maintenance"
/// (3115) whose first field (before a spaced dash or a bracket: "- piscine municipale" says
/// where) names, right after "maintenance", the object of that maintenance ("des véhicules",
/// "informatique", "des feux tricolores") is the trade of that object, as ISCO-08 classes a
/// maintenance worker by what is maintained: a curated title of the maintenance of that object
/// among the title's candidates at [`CURATED_MIN`](crate::isco::CURATED_MIN) ("Technicien de
/// maintenance en restauration collective", 7412); else the title without "maintenance",
/// kept at stage 1 or 2 at the floor when its reference reads the object and is a technician's
/// or a craft worker's (ISCO-08 3 or 7: "Agent informatique", 3512; not "Agent technique des
/// lycées", where "des lycées" says where); else the trade [`MAINTAINED_BY`] names. A site
/// ("des collèges") names no trade: such a title stays the bare reference's.
fn object_of_maintenance(title: &str, normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    // Cheap exits first: a decision by the bare curated maintenance title.
    let TitleMatch::Mapped(c) = t else {
        return None;
    };
    if c.table != Table::Curated || !normalized.contains(MAINTENANCE) {
        return None;
    }
    let reference = normalize_title(&c.reference);
    let mut bare = reference.split(' ').filter(|w| !w.is_empty());
    if !(bare.next().is_some_and(|h| MAINTENANCE_HEADS.contains(&h))
        && bare.next() == Some("de")
        && bare.next() == Some(MAINTENANCE))
        || bare.next().is_some()
    {
        return None;
    }
    // The first field: before a spaced dash or a bracket (not a gender's: "Agent(e)").
    let end = (SPACED_DASHES.iter().chain(&[" ("]))
        .filter_map(|d| title.find(d))
        .min()
        .unwrap_or(title.len());
    let field = normalize_title(&title[..end]);
    let words: Vec<&str> = field.split(' ').filter(|w| !w.is_empty()).collect();
    let at = words.iter().position(|w| *w == MAINTENANCE)?;
    let object: Vec<&str> = (words[at + 1..].iter().copied())
        .filter(|w| !dangling(w) && !MAINTENANCE_MANNER.contains(w))
        .collect();
    if object.is_empty() {
        return None;
    }
    // What is maintained, past the generic words of equipment (the word after them names it).
    let stems: Vec<String> = (object.iter())
        .filter(|w| !MAINTAINED_KINDS.contains(w))
        .filter_map(|w| {
            crate::isco::read_title(w)
                .words
                .first()
                .map(|w| w.word.to_string())
        })
        .collect();
    if stems.is_empty() {
        return None;
    }
    let reads_object = |o: &Candidate| o.matched.iter().any(|m| stems.contains(m));
    // A curated title of the maintenance of that object, among the title's candidates.
    let (candidates, _) = Crosswalk::builtin().explain(normalized);
    if let Some(mut o) = candidates.into_iter().find(|o| {
        o.table == Table::Curated
            && o.isco08 != c.isco08
            && o.similarity >= crate::isco::CURATED_MIN
            && normalize_title(&o.reference).contains(MAINTENANCE)
            && reads_object(o)
    }) {
        o.basis = Basis::ObjectOfMaintenance;
        o.reading = Some(Reading::as_matched(
            normalized,
            normalize_title(&o.reference),
        ));
        return Some(TitleMatch::Mapped(o));
    }
    // The title without "maintenance": the object after the head noun.
    let all: Vec<&str> = (crate::title::split_spaces(normalized))
        .filter(|w| !w.is_empty())
        .collect();
    let pos = all.iter().position(|w| *w == MAINTENANCE)?;
    let before = if pos > 0 && dangling(all[pos - 1]) {
        pos - 1
    } else {
        pos
    };
    let without = (all[..before].iter().chain(&all[pos + 1..]).copied())
        .collect::<Vec<_>>()
        .join(" ");
    let skilled = |isco: &str| isco.starts_with('3') || isco.starts_with('7');
    if let Some(m) = read_as(normalized, without, Basis::ObjectOfMaintenance, |o| {
        o.isco08 != c.isco08 && skilled(&o.isco08) && reads_object(o)
    }) {
        return Some(m);
    }
    let trade = (object.iter())
        .find_map(|w| MAINTAINED_BY.iter().find(|(o, _)| w.starts_with(o)))
        .map(|(_, trade)| *trade)?;
    read_as(
        normalized,
        trade.to_string(),
        Basis::ObjectOfMaintenance,
        |o| o.table == Table::Curated && o.isco08 != c.isco08,
    )
}

/// Police, as a normalised title writes it, and the control it stands for when a field follows
/// it ([`police_of_a_field`]).
const POLICE: &str = "police";
const AS_CONTROL: &str = "controle";
/// ISCO-08's police officers and other protective services workers (541): "police" read as a
/// police force.
const PROTECTIVE_SERVICES: &str = "541";

/// The police of a field ("police de l'urbanisme", "police de l'environnement", "police des
/// réseaux") is no police force: French law calls a special administrative police the power
/// to control a field's rules and record their infractions, which its agents do as the field's
/// inspectors (the curated "Agent de contrôle de l'urbanisme" and "Chargé de la police de
/// l'urbanisme", 3112). A title decided as a police officer (ISCO-08 541) whose "police" is
/// followed by "de", "du", "des" or "de l'" and a word that is no place is read with
/// "contrôle" in place of "police", kept when matched at stage 1 or 2 at the floor by a
/// reference that reads that field and is no police officer (basis `police_of_a_field`,
/// session 48). "Police municipale" names the force, and stays.
fn police_of_a_field(normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    // Cheap exits first: a police officer's decision, a title with "police".
    let TitleMatch::Mapped(c) = t else {
        return None;
    };
    if !c.isco08.starts_with(PROTECTIVE_SERVICES) || !normalized.contains(POLICE) {
        return None;
    }
    let words: Vec<&str> = (crate::title::split_spaces(normalized))
        .filter(|w| !w.is_empty())
        .collect();
    let at = words.iter().position(|w| *w == POLICE)?;
    let mut after = words[at + 1..].iter().copied();
    let mut next = after.next()?;
    if !matches!(next, "de" | "du" | "des" | "d") {
        return None;
    }
    next = after.next()?;
    while matches!(next, "l" | "la" | "le" | "les") {
        next = after.next()?;
    }
    let field = crate::isco::read_title(next)
        .words
        .first()?
        .word
        .to_string();
    if crate::title::is_place(&field) {
        return None;
    }
    let reading = (words.iter().enumerate())
        .map(|(i, w)| if i == at { AS_CONTROL } else { w })
        .collect::<Vec<_>>()
        .join(" ");
    read_as(normalized, reading, Basis::PoliceOfAField, |o| {
        !o.isco08.starts_with(PROTECTIVE_SERVICES) && o.matched.contains(&field)
    })
}

/// Words that set an animateur among children: before and after school, the accueils de
/// loisirs and their sigles, the pause méridienne, the école, the children or the young
/// minors themselves. Only with one of them, or with no word but the head, places and ranks,
/// is an animateur the bare curated "Animateur", the children's (5311).
const CHILDREN_SETTINGS: [&str; 28] = [
    "periscolaire",
    "extrascolaire",
    "scolaire",
    "loisirs",
    "meridienne",
    "meridien",
    "ecole",
    "elementaire",
    "maternelle",
    "alsh",
    "alae",
    "clae",
    "clsh",
    "tap",
    "nap",
    "accem",
    "enfance",
    "enfant",
    "mineurs",
    "cantine",
    "garderie",
    "vacances",
    "mercredi",
    "colonie",
    // A club de plage is a children's club on a beach.
    "plage",
    "aere",
    "bafa",
    "bafd",
];

/// Whether a title's word (normalised) names a children's setting ([`CHILDREN_SETTINGS`]):
/// the word itself, its short form ("péris.", "mérid."), a typo after its fifth letter
/// ("méridenne"), or, in a word of six letters or more, one letter changed or two swapped
/// ("mréidienne"; a letter added or dropped would make "solaire" a "scolaire").
fn names_children(word: &str) -> bool {
    (CHILDREN_SETTINGS.iter()).any(|c| {
        *c == word
            || (word.len() >= 4 && c.starts_with(word))
            || (word.len() >= 6 && c.len() >= 6 && word.as_bytes()[..5] == c.as_bytes()[..5])
            || (word.len() >= 6 && one_letter_off(word, c))
    })
}

/// Whether two words of one length differ by one letter changed or two neighbours swapped.
fn one_letter_off(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    // The first two differences, without collecting them: most pairs differ at once and often.
    let mut differ = (0..a.len()).filter(|&i| a[i] != b[i]);
    match (differ.next(), differ.next(), differ.next()) {
        (Some(_), None, _) => true,
        (Some(i), Some(j), None) => j == i + 1 && a[i] == b[j] && a[j] == b[i],
        _ => false,
    }
}

/// Starts of the words that name what a development agent animates rather than a public: a
/// programme (LEADER), a business incubator or a pépinière, a territory's economy, a sector,
/// a climate or energy plan, a contract or a charter. Such an animateur leads a policy, as a
/// chargé de mission of that field does ([`animateur_of_a_programme`]).
const PROGRAMME_WORDS: [&str; 12] = [
    "programme",
    "leader",
    "pepiniere",
    "incubateur",
    "econom",
    "entrepr",
    "filiere",
    "foncier",
    "climat",
    "energ",
    "contrat",
    "charte",
];

/// The ISCO-08 groups a development agent's chargé de mission reading is kept in: science and
/// engineering professionals (21: the climate plan's 2133, the land's 2132) and the policy and
/// planning professionals (242: the policy officer, 2422). Another group is a look-alike of a
/// word ("réseau" meeting the "Chargé des réseaux sociaux", 2432).
const DEVELOPMENT_GROUPS: [&str; 2] = ["21", "242"];

/// An animateur of a programme, an incubator or a territory's economy (a word of
/// [`PROGRAMME_WORDS`] after its head), matched only to the bare "Animateur": a development
/// agent, read as the chargé de mission of the same words ("Chargé de mission", 2422, or the
/// profession its theme names), kept at the floor in [`DEVELOPMENT_GROUPS`], at stage 1 or 2,
/// as the policy officer or as its theme's profession.
fn animateur_of_a_programme(normalized: &str, words: &[&str]) -> Option<TitleMatch> {
    let rest = &words[1..];
    if !(rest.iter()).any(|w| PROGRAMME_WORDS.iter().any(|p| w.starts_with(p))) {
        return None;
    }
    let as_charge = format!("charge de mission {}", rest.join(" "));
    // A chargé de mission whose words name no other profession is the policy officer at
    // stage 3 (the level's title alone), or its theme's profession read from it (the theme
    // words): that reading is the rule's, kept too.
    let c = match Crosswalk::builtin().match_normalized(as_charge.clone()) {
        TitleMatch::Mapped(c)
            if c.isco08 == crate::isco::POLICY_OFFICER || c.basis == Basis::Theme =>
        {
            (c.confidence >= CONFIDENCE_FLOOR).then_some(c)?
        }
        m => kept_at_the_floor(m)?,
    };
    if !DEVELOPMENT_GROUPS.iter().any(|g| c.isco08.starts_with(g)) {
        return None;
    }
    decided(c, Basis::AnimateurOfAProgramme, || {
        Reading::as_matched(normalized, as_charge)
    })
}

/// An animateur the crosswalk matched only to the bare curated "Animateur" (5311: in a commune
/// the word alone means the animateur of children in périscolaire or an accueil de loisirs,
/// `data/README.md`), whose title names something else besides and no children's setting
/// ([`CHILDREN_SETTINGS`]): a centre social, a résidence autonomie, adults and families, a
/// ferme pédagogique. That is the socio-cultural animateur (3412), whose own curated title
/// the bare one had outweighed: the title is read with "Animateur socioculturel" in place of
/// its head noun, kept when matched at stage 1 or 2 at the confidence floor.
fn animateur_of_another_public(
    normalized: &str,
    lexemes: &[Rc<Lexeme>],
    t: &TitleMatch,
) -> Option<TitleMatch> {
    let TitleMatch::Mapped(c) = t else {
        return None;
    };
    if c.table != Table::Curated
        || c.isco08 != "5311"
        || normalize_title(&c.reference) != "animateur"
    {
        return None;
    }
    let head = lexemes.first()?.content_stem()?;
    if !head.starts_with("animat") {
        return None;
    }
    let words: Vec<&str> =
        (crate::title::split_spaces(normalized).filter(|w| !w.is_empty())).collect();
    if words.iter().any(|w| names_children(w)) {
        return None;
    }
    if let Some(programme) = animateur_of_a_programme(normalized, &words) {
        return Some(programme);
    }
    // A word the vocabulary does not hold (a name, a typo, noise) names no public.
    let (_, read) = read_words(normalized);
    let named = |w: &TitleWord| {
        matches!(w.role, Role::Complement | Role::Qualifier)
            && Crosswalk::token_id(&w.word).is_some()
    };
    if !read.iter().any(named) {
        return None;
    }
    let rest = &words[1..];
    let as_sociocultural = format!("animateur socioculturel {}", rest.join(" "));
    read_as(
        normalized,
        as_sociocultural,
        Basis::AnimateurOfAnotherPublic,
        |_| true,
    )
}

/// Words of a contract form's name beside the words that name one ([`crate::title::is_form`]),
/// and of a temporary post's length ("CDD 6 mois"): in a part of a title with a form's word,
/// they belong to the form ("Contrat aidé", "Volontaire en service civique", "Emploi d'été").
const FORM_NAME_WORDS: [&str; 13] = [
    "aide",
    // "CDD remplacement", "Contrat de remplacement": the post is held for an absent agent
    // (session 47).
    "remplacement",
    "emploi",
    "competences",
    "service",
    "job",
    "unique",
    "insertion",
    "accompagnement",
    "mois",
    "semaine",
    "jour",
    "an",
];

/// The grounds a contract of the statute is signed on, named with its article in a form's
/// part ("Contractuelle article 3-2 (vacance d'emploi)", "CDD accroissement temporaire
/// d'activité"), as normalised: they say why the post is held by contract, not what it is
/// (session 48).
const CONTRACT_GROUNDS: [&str; 4] = ["vacance", "accroissement", "temporaire", "activite"];

/// Diplomas an apprentice, an intern or an alternant prepares ("Apprenti BTS SIO", "Stagiaire
/// master"): the diploma and its speciality are the training, not the post.
const DIPLOMAS: [&str; 14] = [
    "bts", "dut", "but", "bac", "licence", "master", "mastere", "cap", "bep", "bpjeps", "dejeps",
    "cqp", "deust", "doctorat",
];

/// Forms whose holder is trained for a diploma ([`DIPLOMAS`]).
const TRAINEES: [&str; 3] = ["apprenti", "stagiaire", "alternant"];

/// Whether a part of a title, set apart by a separator, is a contract form or a status and
/// nothing else ("PEC", "Contrat aidé", "CDD 6 mois", "Service civique", "Job d'été",
/// "Vacataire"): a form's word, with the other words of forms' names, lengths and numbers; after
/// a trainee's word, a diploma and whatever follows it (its speciality: "Apprenti BTS SIO option
/// SISR", "Apprentie licence pro ressources humaines").
fn form_part(part: &str) -> bool {
    let normalized = normalize_title(part);
    if category_remark(&normalized) {
        return true;
    }
    let (mut form, mut trainee) = (false, false);
    for w in (normalized.split(' ')).filter(|w| !w.is_empty() && !crate::title::is_stopword(w)) {
        if trainee && (DIPLOMAS.contains(&w) || DIPLOMAS_OF_AN_OCCUPATION.iter().any(|d| d.0 == w))
        {
            return true;
        }
        let stem = crate::title::stem(w);
        if crate::title::is_form(&stem) {
            form = true;
            trainee |= TRAINEES.iter().any(|t| crate::title::stems_to(t, &stem));
        } else if !(w.bytes().all(|b| b.is_ascii_digit())
            || STATUTE_ARTICLE_WORDS.contains(&w)
            || CONTRACT_GROUNDS.contains(&w)
            || FORM_NAME_WORDS
                .iter()
                .any(|f| crate::title::stems_to(f, &stem)))
        {
            return false;
        }
    }
    form
}

/// Words that name a grade's category in a remark ("Cat. A", "catégorie B"), as normalised.
const CATEGORY_WORDS: [&str; 2] = ["cat", "categorie"];

/// Whether a normalised part of a title is a remark on the grade's category and nothing else
/// ("cat a", "categorie c"): it says the level of the grade the post is held in, as a status
/// says how it is held, not what the post is ([`form_then_post`] sets it apart likewise).
fn category_remark(normalized: &str) -> bool {
    let mut words = normalized.split(' ').filter(|w| !w.is_empty());
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(cat), Some("a" | "b" | "c"), None) if CATEGORY_WORDS.contains(&cat)
    )
}

/// Whether a normalised title ends on a category remark ([`category_remark`]): its last two
/// words, looked at without a copy (every title is asked).
fn ends_on_category_remark(normalized: &str) -> bool {
    // The last two bytes first: nearly every title stops there.
    let bytes = normalized.as_bytes();
    match bytes {
        [.., b' ', b'a' | b'b' | b'c'] => {
            CATEGORY_WORDS.contains(&last_word(&normalized[..bytes.len() - 2]))
        }
        _ => false,
    }
}

/// Separators that set a contract form or a status apart from the post ([`form_then_post`]):
/// the spaced dashes, a spaced slash and a colon, spaced or not. Not a comma, which a form's
/// own name may hold ("CDD, 6 mois"); a bracket that ends the title is read apart, as the
/// form's last part.
const FORM_SEPARATORS: [&str; 6] = [" - ", " – ", " — ", " / ", " : ", ": "];

/// Separators that set the post apart after a grade ([`grade_then_post`]): those of a form,
/// a comma, and a bracket, which holds the post only when it closes the title.
const GRADE_SEPARATORS: [&str; 8] = [" - ", " – ", " — ", " / ", " : ", ": ", ", ", " ("];

/// A contract form or a status, set apart from the post by a separator, before it ("PEC -
/// plombier", "CDD 3 mois - jardinier", "Service civique : agent d'accueil") or after it
/// ("Cuisinier (contrat aidé)", "Agent d'accueil - CDD"): the form says how the post is held,
/// the other part names the post, yet the form's words meet a form's mix of occupations (the
/// grade path) or weigh against every reference. A diploma after a trainee's word is the
/// training, part of the form ("Apprentie master", [`form_part`]). The other part is matched
/// as a title, and decides when matched at stage 1 or 2 at the confidence floor (not as a
/// grade that names no post). A part after the form that names a domain alone, or a service
/// ("Apprenti BTS : service informatique"), is read after "agent", as [`after_status`] reads it, and kept
/// only when a curated title covers its every word, places and ranks aside. Before it, and
/// before the match of a part that names no one (a service, a place, a domain), the speciality
/// of a trainee's diploma names the occupation trained for ([`speciality`], [`trained_for`]:
/// "Apprentie licence pro gestion RH : pôle carrières" is an HR clerk, not the apprentis' mix).
/// A remark on the grade's category set apart last ("Gestionnaire paie (cat. B)",
/// [`category_remark`]) is set apart as a form is. Most titles hold no form's word (read with
/// the word) nor end on such a remark: they cost a look at each word and at the last two.
fn form_then_post<'t>(title: &'t str, whole: &str, lexemes: &[Rc<Lexeme>]) -> Option<TitleMatch> {
    // A remark on the grade's category is set apart as a status is ("Gestionnaire paie -
    // cat. B"): it names the grade's level, not the post.
    if !lexemes.iter().any(|l| l.is_form()) && !ends_on_category_remark(whole) {
        return None;
    }
    let first = (FORM_SEPARATORS.iter())
        .filter_map(|d| title.find(d).map(|at| (at, d.len())))
        .min();
    // The form first, then the post; or the post, then the form last, after a separator or
    // in a bracket that ends the title.
    let last = |title: &'t str| {
        let trimmed = title.trim_end();
        let bracket =
            (trimmed.strip_suffix(')')).and_then(|t| t.rfind(" (").map(|at| (at, &t[at + 2..])));
        let dash = (FORM_SEPARATORS.iter())
            .filter_map(|d| title.rfind(d).map(|at| (at, &title[at + d.len()..])))
            .max_by_key(|(at, _)| *at);
        [bracket, dash]
            .into_iter()
            .flatten()
            .find(|&(at, part)| at > 0 && form_part(part))
            .map(|(at, _)| (&title[..at], false))
    };
    // A place after the form says where the post sits ("Agent d'entretien (contrat PEC) -
    // secteur nord"): the form is then last before it.
    let (post, leading, form) = match first {
        Some((at, len)) if at > 0 && form_part(&title[..at]) => {
            (&title[at + len..], true, &title[..at])
        }
        _ => {
            let (post, leading) = last(title).or_else(|| last(place_after_dash(title)?.0))?;
            (post, leading, "")
        }
    };
    let normalized = normalize_title(post);
    if normalized.is_empty() {
        return None;
    }
    // Of the whole title's code too: the grade path reads a form as its mix, which only the
    // post's own reading outweighs ([`form_of_a_mix`]).
    let kept = |m: TitleMatch| {
        kept_at_the_floor(m).filter(|c| !(c.table == Table::Curated && open_grade_of(c).is_some()))
    };
    let (_, words) = read_words(&normalized);
    // A part that starts with a place names a service, no post ("service informatique"): only
    // its domain is read, after "agent".
    let service = words.first().is_some_and(|w| w.role == Role::Place);
    let read = crate::title::lexemes(&normalized);
    let part = (!service).then(|| match_metier(post, &normalized, &read));
    // Read once, when needed: most forms prepare no diploma.
    let training = std::cell::OnceCell::new();
    let trained_for = || {
        let read = || speciality(form).and_then(|t| trained_for(&t));
        training
            .get_or_init(|| leading.then(read).flatten())
            .clone()
    };
    // The other part names no one (a service, a place, a domain: its first word no agent noun
    // nor a post's head): the diploma's speciality names the occupation the trainee is trained
    // for, before the part's match and a service's agent; the part names no post at the floor:
    // the speciality, before a service's agent.
    let names_someone = || {
        let first_word = normalized.split(' ').next().unwrap_or_default();
        crate::title::is_generic(&crate::title::stem(first_word))
            || crate::isco::heads_a_post(first_word)
    };
    let first = (leading && !names_someone()).then(trained_for).flatten();
    let post_or_training = first
        .or_else(|| part.and_then(|p| kept(TitleMatch::clone(&p))))
        .or_else(trained_for);
    let c = match post_or_training {
        Some(c) => c,
        None if leading => {
            let as_agent = format!("agent {normalized}");
            let read = crate::title::lexemes(&as_agent);
            let agent = Crosswalk::builtin().match_normalized(as_agent.clone());
            let agent =
                (trade_after_generic_head(&as_agent, &as_agent, &read, &agent)).unwrap_or(agent);
            // Only a curated title that covers the domain's every word, places and ranks
            // aside: "accueil de loisirs" is no receptionist's, "lutte contre l'isolement" no
            // pest controller's.
            let covers = |c: &Candidate| {
                (words
                    .iter()
                    .filter(|w| !matches!(w.role, Role::Place | Role::Rank)))
                .all(|w| c.matched.iter().any(|m| *m == *w.word))
            };
            let mut c = kept(agent).filter(|c| c.table == Table::Curated && covers(c))?;
            if c.reading.is_none() {
                c.reading = Some(Reading::as_matched(normalized.clone(), as_agent));
            }
            c
        }
        None => return None,
    };
    decided(c, Basis::FormThenPost, || Reading::of(normalized))
}

/// Words of a diploma's name between the diploma and its speciality, or of its year ("licence
/// pro", "master 2", "BTS option", "bac pro 1re année"): not the speciality.
const DIPLOMA_QUALIFIERS: [&str; 14] = [
    "pro",
    "professionnel",
    "professionnelle",
    "professionnelles",
    "option",
    "mention",
    "specialite",
    "parcours",
    "annee",
    "m1",
    "m2",
    "l3",
    "1re",
    "2e",
];

/// State diplomas named after the occupation they train for ("Apprentie DEAES"): the diploma
/// and its occupation's title, as normalised.
const DIPLOMAS_OF_AN_OCCUPATION: [(&str, &str); 7] = [
    ("deaes", "accompagnant educatif et social"),
    ("deeje", "educateur de jeunes enfants"),
    ("dees", "educateur specialise"),
    ("deme", "moniteur educateur"),
    ("deass", "assistant de service social"),
    ("deas", "aide soignant"),
    ("deap", "auxiliaire de puericulture"),
];

/// A diploma's field named by a domain, and the occupation that works in it, its natural head
/// ("CAP cuisine" trains a cook, not a kitchen's agent; "BTS communication" a chargé de
/// communication): the domain's first word, as normalised, and the words read in its place.
const FIELD_HEADS: [(&str, &str); 5] = [
    ("cuisine", "cuisinier"),
    ("dietetique", "dieteticien"),
    ("communication", "charge de communication"),
    ("animation", "animateur"),
    ("comptabilite", "comptable"),
];

/// Diplomas of the second cycle of higher education or beyond (ISCED 7 and 8), which train
/// for a professional's occupation: ISCO-08's skill level 4 (a master's in town planning
/// trains a town planner, 2164, not the clerk of the town planning service).
const PROFESSIONAL_DIPLOMAS: [&str; 3] = ["master", "mastere", "doctorat"];

/// The training a trainee's diploma gives ([`speciality`]).
struct Training {
    /// The speciality, as normalised ("gestion rh"), or the occupation a state diploma is
    /// named after.
    speciality: String,
    /// Whether the diploma is named after its occupation ("DEAES").
    named: bool,
    /// Whether the diploma trains for a professional ([`PROFESSIONAL_DIPLOMAS`]).
    professional: bool,
}

/// The speciality of the diploma a trainee prepares, as normalised, in a part of a title that
/// is a contract form ([`form_part`]): the words after a trainee's word and a diploma
/// ([`DIPLOMAS`]), its qualifiers aside ("Apprentie licence pro gestion RH": "gestion rh");
/// or the occupation a state diploma is named after ("Apprenti DEAES"). `None`: no trainee, no
/// diploma, or a diploma with no speciality ("Apprenti BTS").
fn speciality(form: &str) -> Option<Training> {
    let normalized = normalize_title(form);
    let mut words = normalized.split(' ').filter(|w| !w.is_empty());
    words.find(|w| {
        let stem = crate::title::stem(w);
        TRAINEES.iter().any(|t| crate::title::stems_to(t, &stem))
    })?;
    let diploma = words
        .find(|w| DIPLOMAS.contains(w) || DIPLOMAS_OF_AN_OCCUPATION.iter().any(|(d, _)| d == w))?;
    if let Some((_, occupation)) = (DIPLOMAS_OF_AN_OCCUPATION.iter()).find(|(d, _)| *d == diploma) {
        return Some(Training {
            speciality: occupation.to_string(),
            named: true,
            professional: false,
        });
    }
    let rest: Vec<&str> = words
        .skip_while(|w| {
            DIPLOMA_QUALIFIERS.contains(w)
                || crate::title::is_stopword(w)
                || w.bytes().all(|b| b.is_ascii_digit())
        })
        .collect();
    (!rest.is_empty()).then(|| Training {
        speciality: rest.join(" "),
        named: false,
        professional: PROFESSIONAL_DIPLOMAS.contains(&diploma),
    })
}

/// The occupation a diploma's speciality trains for, matched as a title: after its natural
/// head when it names a field of one ([`FIELD_HEADS`]), else after "agent" (a trade's domain as
/// that trade, as the title path reads it), else alone; the first matched at stage 1 or 2 at
/// the floor as no manager (a trainee heads nothing: "ressources humaines" alone meets the
/// head of HR), or, as the closest title, by a reference that covers the speciality's every
/// word ("Chargé des achats publics" for "agent achats publics"). A professional's diploma
/// ([`PROFESSIONAL_DIPLOMAS`]) is read first after "chargé", the generic head of
/// professionals, then alone, and kept there only as an occupation of skill level 4; with
/// none, as any diploma.
fn trained_for(training: &Training) -> Option<Candidate> {
    let (speciality, named) = (training.speciality.as_str(), training.named);
    let professional = (training.professional)
        .then(|| [format!("charge {speciality}"), speciality.to_string()])
        .into_iter()
        .flatten()
        .map(|reading| (reading, true));
    let first = speciality.split(' ').next().unwrap_or_default();
    let natural = (FIELD_HEADS.iter())
        .find(|(field, _)| *field == first)
        .map(|(_, head)| format!("{head}{}", &speciality[first.len()..]));
    let as_agent = format!("agent {speciality}");
    // A domain's every word, in a reference of another head, names the trained occupation
    // though its head differs from "agent" ("Chargé des achats publics").
    let stems: Vec<String> = (speciality.split(' '))
        .flat_map(|w| crate::title::sigle(w).unwrap_or(w).split(' '))
        .filter(|w| w.len() > 1 && !crate::title::is_stopword(w))
        .map(crate::title::stem)
        .collect();
    let covers = |c: &Candidate| (stems.iter()).all(|s| c.matched.contains(s));
    // An occupation named by its diploma is read alone.
    let readings = (natural.into_iter())
        .chain((!named).then_some(as_agent))
        .chain([speciality.to_string()])
        .map(|reading| (reading, false));
    for (reading, of_level_4) in professional.chain(readings) {
        let read = crate::title::lexemes(&reading);
        let m = match_metier(&reading, &reading, &read);
        if let TitleMatch::Mapped(mut c) = TitleMatch::clone(&m)
            && (c.stage != Stage::Closest || covers(&c))
            && c.confidence >= CONFIDENCE_FLOOR
            && !c.isco08.starts_with('1')
            && (!of_level_4 || crate::isco::skill_level(&c.isco08) == Some(4))
            // Not a grade that names no post ("Agent social").
            && !(c.table == Table::Curated && open_grade_of(&c).is_some())
        {
            if c.reading.is_none() {
                c.reading = Some(Reading::as_matched(speciality.to_string(), reading));
            }
            return Some(c);
        }
    }
    None
}

/// Words that, after an agent noun, open what the agent does ("Agent chargé de l'encaissement
/// des droits de place", "Assistante en charge du suivi des subventions", "Agent affecté à
/// l'entretien"), as normalised.
const CHARGED_WITH: [&str; 4] = ["charge", "chargee", "affecte", "affectee"];

/// The stems of [`CHARGED_WITH`] (a test checks them), written out: looked for in every title.
const CHARGED_STEMS: [&str; 2] = ["charg", "affect"];

/// A title that names an agent, then what the agent is charged with ([`CHARGED_WITH`]): the
/// activity names the post, as a complement after the agent noun does ("Agent chargé de
/// l'accueil" is an "Agent d'accueil"), where the words before it are only the unit or the
/// post's general name ("Agent de la régie des eaux chargé de la relève des compteurs" relieves
/// meters; "Agent d'accueil social chargé de l'instruction des demandes" instructs them). When
/// no reference covers the whole title, the first word of its first field (before a spaced
/// dash or slash), an agent noun that names no post nor a manager, is read with the activity
/// that follows in that field alone, its level kept, and that match kept
/// when decided at stage 1 or 2 at the confidence floor (at stage 1 for several activities
/// joined by "et"), as another code, more confidently than the title's own decision.
fn charged_with(title: &str, lexemes: &[Rc<Lexeme>], t: &TitleMatch) -> Option<TitleMatch> {
    if matches!(t, TitleMatch::Mapped(c) if c.stage == Stage::WholeTitle) {
        return None;
    }
    // Most titles hold none of the words: their stems, already read, are looked at before the
    // title is split again (a substring search of every title cost 1.5 % of a run).
    // The first byte compared before the words: most stems differ there.
    let is = |s: &str, c: &str| s.as_bytes().first() == c.as_bytes().first() && s == c;
    let charged =
        |l: &Rc<Lexeme>| (l.content_stem()).is_some_and(|s| CHARGED_STEMS.iter().any(|c| is(s, c)));
    if !lexemes.iter().skip(1).any(charged) {
        return None;
    }
    // The agent's own field, before a spaced dash or slash: after one, "Chargé de …" opens a
    // post of its own ("Adjoint technique - Chargé de ressources humaines", a grade then the
    // post), and a place or a unit follows the activity ("… chargée de la paie - DRH").
    let field = own_field(title);
    let words: Vec<&str> = field.split(' ').filter(|w| !w.is_empty()).collect();
    let at = (1..words.len()).find(|&k| CHARGED_WITH.contains(&words[k]))?;
    // Only an agent noun that names no post of its own ("agent", "assistant", "gestionnaire"),
    // no manager: a "Conducteur de travaux chargé des opérations" conducts works, a "Directeur
    // adjoint en charge des services à la population" heads them.
    let head = crate::title::stem(words[0]);
    let manager = (MANAGER_WORDS.iter()).any(|m| crate::title::stems_to(m, &head));
    if !crate::title::is_generic(&head) || manager {
        return None;
    }
    let activity: Vec<&str> = (words[at + 1..].iter())
        .skip_while(|w| crate::title::is_stopword(w))
        .copied()
        .collect();
    if activity.is_empty() {
        return None;
    }
    // Several activities ("du courrier et de l'archivage") are one post's only when a
    // reference covers them all: the first alone leaves the agent's general post.
    let several = activity.contains(&"et");
    let as_agent = format!("{} {}", words[0], activity.join(" "));
    let c =
        kept_at_the_floor(Crosswalk::builtin().match_normalized(as_agent.clone())).filter(|c| {
            (!several || c.stage == Stage::WholeTitle)
                && !matches!(t, TitleMatch::Mapped(w)
                    if w.isco08 == c.isco08 || w.confidence >= c.confidence)
        })?;
    decided(c, Basis::ChargedWith, || {
        Reading::as_matched(activity.join(" "), as_agent)
    })
}

/// The words of a periphrasis's first field (normalised) after its head and the words that
/// open its activity, from the second word: "chargé(e) de", "en charge de", "affecté(e) à",
/// "préposé(e) à", "assurant", "d'encadrement de"; or, after an "employé" or a "préposé", "à"
/// alone ("Employée à l'accueil", "Préposé aux écritures"). `None`: no periphrasis.
fn periphrasis_opened<'a>(words: &'a [&'a str]) -> Option<&'a [&'a str]> {
    match words.get(1..)? {
        [
            "charge" | "chargee" | "affecte" | "affectee" | "prepose" | "preposee" | "assurant",
            rest @ ..,
        ]
        | ["en", "charge", rest @ ..]
        | ["d", "encadrement", rest @ ..] => Some(rest),
        // The article is a stop word, skipped with the others.
        ["a" | "au" | "aux", ..]
            if matches!(words[0], "employe" | "employee" | "prepose" | "preposee") =>
        {
            Some(&words[1..])
        }
        _ => None,
    }
}

/// The words after a periphrasis's head that open its activity, each with the space after
/// it, as [`periphrasis_opened`] reads them: the first test of every title of such a head.
const PERIPHRASIS_OPENERS: [&str; 9] = [
    "charge ",
    "chargee ",
    "affecte ",
    "affectee ",
    "prepose ",
    "preposee ",
    "assurant ",
    "en charge ",
    "d encadrement ",
];

/// The activity a periphrasis names ([`periphrasis_opened`]), its first stop words left out.
fn periphrasis_activity<'a>(words: &'a [&'a str]) -> Option<&'a [&'a str]> {
    let opened = periphrasis_opened(words)?;
    let start = opened.iter().position(|w| !crate::title::is_stopword(w))?;
    Some(&opened[start..])
}

/// The activities whose agent noun the crosswalk knows better than the activity
/// (`data/isco/activity_agents.csv`: "contrôle" → "contrôleur"), normalised, as written.
const ACTIVITY_AGENTS: &str = include_str!("../data/isco/activity_agents.csv");

/// The agent noun of an activity ([`ACTIVITY_AGENTS`]), normalised: read in the activity's
/// place by [`periphrasis`]. Read only for a periphrasis: a few titles of a table.
///
/// An activity of two words ("traitements personnel": a civil servant's salary is his
/// traitement) is met by the activity's first words, stop words between them aside, and
/// comes first: a look-alike of one word alone ("traitement des eaux") is no such activity.
/// Returns the agent noun and how many of the activity's words it takes the place of.
fn activity_agent(activity: &[&str]) -> Option<(&'static str, usize)> {
    let first = *activity.first()?;
    (ACTIVITY_AGENTS.lines().skip(1))
        .filter_map(|line| line.split_once(','))
        .filter(|(key, _)| key.split(' ').next() == Some(first))
        .filter_map(|(key, rest)| {
            let mut taken = 0;
            for word in key.split(' ') {
                while activity
                    .get(taken)
                    .is_some_and(|w| crate::title::is_stopword(w))
                {
                    taken += 1;
                }
                if activity.get(taken) != Some(&word) {
                    return None;
                }
                taken += 1;
            }
            Some((rest.split(',').next()?, taken, key.contains(' ')))
        })
        // The longest activity first.
        .max_by_key(|(_, taken, two)| (*two, *taken))
        .map(|(agent, taken, _)| (agent, taken))
}

/// A periphrasis of small communes' and older HR files: a person named by no post, then what
/// the person does ("Personne chargée du ménage des bâtiments", "Employé affecté à la gestion
/// des concessions", "Préposée au prêt des livres", "Agent assurant la surveillance des
/// entrées"): the activity names the post, as what an agent is charged with does
/// ([`charged_with`], which reads only its own agent noun). When no reference covers the
/// whole title, the first field's activity is read after "agent" (the level of a person who
/// names none), else after "chargé" (a post named by its activity alone: "Chargé du
/// contentieux"), and kept at stage 1 or 2 at the confidence floor, more confidently than
/// the title's decision, as another code; several activities joined by "et" count together
/// only when a reference covers them all, else, for a title no stage 1 or 2 decided, the
/// first named is the post's main one, as ISCO-08 classes a job of several occupations.
#[inline(always)]
fn periphrasis(title: &str, normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    // The title's first bytes, compared with the heads and the words after them, before any
    // other work: nearly every title stops at its first byte, and an agent's at its next word.
    let rest = match normalized.as_bytes().first() {
        Some(b'a') => {
            (normalized.strip_prefix("agente ")).or_else(|| normalized.strip_prefix("agent "))
        }
        Some(b'p') => ["personnel ", "personne ", "preposee ", "prepose "]
            .iter()
            .find_map(|h| normalized.strip_prefix(h)),
        Some(b'e') => {
            (normalized.strip_prefix("employee ")).or_else(|| normalized.strip_prefix("employe "))
        }
        _ => None,
    }?;
    // The words that open the activity ([`periphrasis_opened`]), compared as bytes: a
    // search of the spaces cost most titles of an agent a tenth of their reading again.
    let first = &normalized[..normalized.len() - rest.len() - 1];
    let opens = |o: &[&str]| o.iter().any(|o| rest.starts_with(o));
    let opened =
        opens(&PERIPHRASIS_OPENERS) || (!first.starts_with('a') && opens(&["a ", "au ", "aux "]));
    if !opened {
        return None;
    }
    read_periphrasis(title, first, t)
}

/// The title before its first spaced dash or slash, normalised: an agent's own field, where a
/// place, a unit or a post of its own follows.
fn own_field(title: &str) -> String {
    let field = (SPACED_DASHES.iter().chain(&[" / "]))
        .filter_map(|d| title.find(d))
        .min()
        .map_or(title, |end| &title[..end]);
    normalize_title(field)
}

/// [`periphrasis`], past its first tests.
#[cold]
#[inline(never)]
fn read_periphrasis(title: &str, first: &str, t: &TitleMatch) -> Option<TitleMatch> {
    let decided_by_stage = match t {
        TitleMatch::Mapped(c) if c.stage == Stage::WholeTitle => return None,
        TitleMatch::Mapped(c) => c.stage != Stage::Closest,
        _ => false,
    };
    let field = own_field(title);
    let words: Vec<&str> = field.split(' ').filter(|w| !w.is_empty()).collect();
    let activity = periphrasis_activity(&words)?;
    if activity.is_empty() {
        return None;
    }
    let several = activity.contains(&"et");
    let first_named = several
        .then(|| &activity[..activity.iter().position(|w| *w == "et").unwrap_or(0)])
        .filter(|a| !a.is_empty() && !decided_by_stage);
    // Another code, more confidently than the title's own decision, even its closest title's
    // ("Agent chargé de la mise sous pli et de la distribution du courrier" stays the "Agent du
    // courrier" its closest title names, 0.48, not the first activity's 0.36).
    let better = |c: &Candidate| !matches!(t, TitleMatch::Mapped(w) if w.isco08 == c.isco08 || w.confidence >= c.confidence);
    // An agent or an employé keeps the level its noun names ("Agent en charge du
    // recrutement" is no "Chargé de recrutement", 2423): only a person named by no post at
    // all may be the chargé of the activity.
    let heads: &[&str] = if matches!(first, "agent" | "agente" | "employe" | "employee") {
        &["agent"]
    } else {
        &["agent", "charge"]
    };
    // The activity's own agent noun first ("contrôle des installations" → "contrôleur des
    // installations"), then the person's level, then, for a person of none, a chargé.
    let readings = [Some(activity), first_named]
        .into_iter()
        .flatten()
        .flat_map(|a| {
            let whole = a.len() == activity.len();
            let own = activity_agent(a).map(|(agent, taken)| (a, &a[taken..], agent, whole));
            own.into_iter()
                .chain(heads.iter().map(move |head| (a, a, *head, whole)))
        });
    for (shown, a, head, whole) in readings {
        let reading = format!("{head} {}", a.join(" "));
        let Some(c) = kept_at_the_floor(Crosswalk::builtin().match_normalized(reading.clone()))
        else {
            continue;
        };
        // Several activities are one post's when a reference covers them all.
        if (whole && several && c.stage != Stage::WholeTitle) || !better(&c) {
            continue;
        }
        return decided(c, Basis::ChargedWith, || {
            Reading::as_matched(shown.join(" "), reading)
        });
    }
    None
}

/// What agents write of their own post in a survey's free-text field ("votre métier"): the
/// first person ("je suis au standard", "je fais le nettoyage des tags", "je m'occupe des
/// espaces verts"), "poste de …", "mon métier : …", or the activity itself leading the title
/// ("ménage à l'école le soir", "gestion du magasin au CTM"), often with where and when the
/// work is done. The opener, normalised, and the activity noun a verb of it names ("je gère
/// le magasin" is the "gestion du magasin"), if any.
const OWN_WORDS_OPENERS: [(&[&str], Option<&str>); 24] = [
    (&["je", "suis", "en", "charge"], None),
    (&["je", "suis", "charge"], None),
    (&["je", "suis", "chargee"], None),
    (&["je", "suis"], None),
    (&["je", "fais"], None),
    (&["je", "m", "occupe"], None),
    (&["je", "travaille"], None),
    (&["j", "assure"], None),
    (&["j", "effectue"], None),
    (&["j", "interviens"], None),
    (&["je", "gere"], Some("gestion")),
    (&["j", "entretiens"], Some("entretien")),
    (&["je", "nettoie"], Some("nettoyage")),
    (&["j", "accueille"], Some("accueil")),
    (&["j", "anime"], Some("animation")),
    (&["je", "surveille"], Some("surveillance")),
    (&["je", "conduis"], Some("conduite")),
    (&["je", "prepare"], Some("preparation")),
    (&["je", "distribue"], Some("distribution")),
    (&["je", "repare"], Some("reparation")),
    (&["mon", "metier"], None),
    (&["mon", "poste"], None),
    (&["ma", "fonction"], None),
    (&["poste"], None),
];

/// Words before the activity that say where the agent stands, skipped with the stop words
/// ("je suis *devant les* écrans", "je travaille *dans* une école"), and the copula of "mon
/// métier est …".
const OWN_WORDS_BEFORE: [&str; 8] = ["devant", "dans", "sur", "chez", "aupres", "est", "c", "une"];

/// The prepositions that open where the work is done, after the activity or the post ("ménage
/// *à* l'école", "gestion du magasin *au* CTM", "guide *au* château"): read as nothing when
/// the activity alone names the post.
const OWN_WORDS_PLACES: [&str; 5] = ["a", "au", "aux", "dans", "chez"];

/// When the work is done, at the end of what an agent writes ("le soir", "l'été", "le
/// week-end", "pendant les vacances"): an article or a preposition, then a time of day, a day
/// or a season. Not "de nuit" (a veilleur de nuit's post).
fn time_phrase_at(words: &[&str]) -> Option<usize> {
    const ARTICLES: [&str; 8] = ["le", "la", "l", "les", "en", "cet", "pendant", "du"];
    const TIMES: [&str; 16] = [
        "soir",
        "soirs",
        "matin",
        "matins",
        "midi",
        "nuit",
        "ete",
        "hiver",
        "week",
        "weekend",
        "weekends",
        "mercredi",
        "mercredis",
        "vacances",
        "saison",
        "samedi",
    ];
    (1..words.len().saturating_sub(1)).find(|&k| {
        let time = words[k + 1..]
            .iter()
            .find(|w| !matches!(**w, "les" | "l" | "grandes"));
        // "du" only before "matin": "l'étude du soir", the "cours du soir" name a post's work.
        ARTICLES.contains(&words[k])
            && time.is_some_and(|w| TIMES.contains(w) && (words[k] != "du" || *w == "matin"))
    })
}

/// A post described in an agent's own words ([`OWN_WORDS_OPENERS`]): the opener read as
/// nothing, a second clause ("… et je range les livres") left out (the main activity is named
/// first, as a combined post's: `data/README.md`), and so are when the work is done ("le
/// soir", "l'été") and, when the rest alone names the post, where ("à l'école", "au CTM").
/// What is left names a post ("je suis jardinier") or an activity ("je suis au standard"), read
/// as the periphrases' activities are ([`read_periphrasis`]): after its own agent noun when
/// `data/isco/activity_agents.csv` gives one, else after "agent". A title with no opener is
/// read so only when the crosswalk left it unmapped, written as one field, and only when it
/// leads with an activity, a word that names no one ("Ménage à l'école le soir"), or ends with
/// a time or a place the reading leaves out ("Guide au château l'été"); its reference must
/// then cover every word of the reading but a task word. Kept at stage 1 or 2 at the floor,
/// as another code more confidently than the title's decision, or as the code its closest
/// title only guessed.
#[inline(always)]
fn own_words(title: &str, normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    let opened = match normalized.as_bytes().first() {
        Some(b'j') => normalized.starts_with("je ") || normalized.starts_with("j "),
        Some(b'm') => normalized.starts_with("mon ") || normalized.starts_with("ma "),
        Some(b'p') => normalized.starts_with("poste "),
        _ => false,
    };
    // Without an opener, only a title the crosswalk left unmapped: a closest title that covers
    // it ("Accueil de loisirs", the responsable of the facility) is an authority's reading of
    // a facility or a field, no activity.
    if !opened && matches!(t, TitleMatch::Mapped(_)) {
        return None;
    }
    if opened {
        return read_own_words(normalized, true, t);
    }
    // Without an opener, one field written out: a title of several fields ("Volontaire service
    // civique - …", "Direction … / Service … / …") or of words shortened ("Resp. serv.") is an
    // authority's, which other rules read; only a place may follow a spaced dash ("… - secteur
    // nord", "… - mairie annexe").
    let end = SPACED_DASHES.iter().filter_map(|d| title.find(d)).min();
    let field = end.map_or(title, |end| &title[..end]);
    if field.contains(['/', ':', '(', '.']) {
        return None;
    }
    let Some(end) = end else {
        return read_own_words(normalized, false, t);
    };
    let tail = normalize_title(&title[end..]);
    let first = tail
        .split(' ')
        .find(|w| !w.is_empty())
        .map(crate::title::stem);
    if !first.is_some_and(|w| crate::title::is_place(&w) || crate::title::heads_a_place_name(&w)) {
        return None;
    }
    read_own_words(&normalize_title(field), false, t)
}

/// [`own_words`], past its first test.
#[cold]
#[inline(never)]
fn read_own_words(normalized: &str, opened: bool, t: &TitleMatch) -> Option<TitleMatch> {
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    let mut rest: &[&str] = &words;
    let mut noun = None;
    if opened {
        let (opener, verb_noun) = (OWN_WORDS_OPENERS.iter())
            .find(|(o, _)| words.starts_with(o))
            .copied()?;
        rest = &words[opener.len()..];
        noun = verb_noun;
        // A second clause in the first person: the main activity is named first.
        if let Some(k) = rest.iter().position(|w| matches!(*w, "je" | "j")) {
            rest = &rest[..k];
            while let [head @ .., "et" | "puis" | "mais" | "ou"] = rest {
                rest = head;
            }
        }
    }
    let timed = time_phrase_at(rest);
    if let Some(k) = timed {
        rest = &rest[..k];
    }
    let start = (rest.iter())
        .position(|w| !crate::title::is_stopword(w) && !OWN_WORDS_BEFORE.contains(w))?;
    let article = opened && rest[..start].iter().any(|w| !matches!(*w, "un" | "une"));
    rest = &rest[start..];
    let first = *rest.first()?;
    let stem = crate::title::stem(first);
    // In the first person, an article or a preposition opens an activity or a place ("je suis
    // *au* prêt", "je fais *le* ménage"), or a post ("je suis *le* gardien de la salle", "*l'*
    // agent d'accueil": a word that may head one is read both ways, the more confident kept);
    // no article, a post ("je suis jardinier", "je suis *une* ATSEM").
    let post_too = article
        && (crate::isco::heads_a_post(first)
            || crate::title::is_generic(&stem) && !NAMES_NO_ONE.contains(&first));
    // An activity or a domain leads: a word of the vocabulary that names no one ("ménage",
    // "gestion"), no person a periphrasis names ("Personne responsable de …"), no status.
    let activity = noun.is_some()
        || article
        || !crate::isco::heads_a_post(first)
            && Crosswalk::token_id(&stem).is_some()
            && !matches!(
                first,
                "personne" | "personnel" | "employe" | "employee" | "prepose" | "preposee"
            )
            && !crate::title::is_status(&stem)
            && (!crate::title::is_generic(&stem) || NAMES_NO_ONE.contains(&first));
    let placed = (1..rest.len()).find(|&k| OWN_WORDS_PLACES.contains(&rest[k]));
    if !opened && !activity && timed.is_none() && placed.is_none() {
        return None;
    }
    // Another code, more confidently than the title's decision; or the same as its closest
    // title's (stage 3), now read at stage 1 or 2: the title is then decided, not guessed, so
    // that a rule that reads it as part of a longer title keeps it.
    let better = |c: &Candidate| match t {
        TitleMatch::Mapped(w) if w.confidence >= c.confidence => false,
        TitleMatch::Mapped(w) => w.isco08 != c.isco08 || w.stage == Stage::Closest,
        TitleMatch::Unmapped { .. } => true,
    };
    // The whole rest, and the rest without where the work is done: the more confident.
    let parts = [Some(rest.len()), placed].into_iter().flatten();
    let mut best: Option<(Candidate, String, String)> = None;
    let readings = parts.flat_map(|end| [(end, false), (end, true)]);
    for (end, as_post) in readings.filter(|&(_, as_post)| !as_post || post_too) {
        let a = &rest[..end];
        let with_noun: Vec<&str> = noun.into_iter().chain(a.iter().copied()).collect();
        let a = &with_noun[..];
        let own = (activity && !as_post)
            .then(|| activity_agent(a))
            .flatten()
            .map(|(agent, taken)| format!("{agent} {}", a[taken..].join(" ")));
        let reading = match own {
            Some(reading) => reading,
            None if activity && !as_post => format!("agent {}", a.join(" ")),
            None => a.join(" "),
        };
        let reading = reading.trim_end().to_string();
        if !opened && reading == normalized {
            continue;
        }
        let Some(c) = kept_at_the_floor(Crosswalk::builtin().match_normalized(reading.clone()))
        else {
            continue;
        };
        // Without an opener, only a reference that covers every word of the reading but a
        // generic one, a task word that hands its complement on: "gestion du magasin" is the
        // "Agent de magasin"; "lutte contre l'isolement des seniors" is no "Agent de lutte
        // contre les nuisibles" of its first words, nor "médiation numérique" an "Agent de
        // médiation".
        let covered = |w: &str| {
            let s = crate::title::stem(w);
            crate::title::is_stopword(w) || crate::title::is_generic(&s) || c.matched.contains(&s)
        };
        if !opened && c.stage != Stage::WholeTitle && !reading.split(' ').all(covered) {
            continue;
        }
        if !better(&c)
            || best
                .as_ref()
                .is_some_and(|(b, ..)| b.confidence >= c.confidence)
        {
            continue;
        }
        best = Some((c, a.join(" "), reading));
    }
    let (c, shown, reading) = best?;
    decided(c, Basis::OwnWords, || Reading::as_matched(shown, reading))
}

/// Generic words that name no one, read first after a grade and a dash: a task, a unit or a
/// rank ("Adjoint administratif - gestion des salles", "- équipe nord"), not a post.
const NAMES_NO_ONE: [&str; 14] = [
    "mission",
    "poste",
    "service",
    "equipe",
    "unite",
    "cellule",
    "projet",
    "gestion",
    "exploitation",
    "etude",
    "operation",
    "suivi",
    "classe",
    "principal",
];

/// The confidence the post after a grade and a separator is matched at, at least, to outweigh
/// the grade ([`grade_then_post`]): a reference that covers the post's words well, not one of
/// a longer name ("chef de centre" is no "Chef de centre routier", 0.62, after a sapeurs-pompiers'
/// grade; "responsable des collections adultes", 0.73 for a "Responsable de collections", stays the
/// librarian's).
pub(crate) const POST_AFTER_GRADE: f64 = 0.75;

/// Where the first of [`GRADE_SEPARATORS`] may start in a title (at 1 or later, two bytes
/// or more before its end), by its first two bytes (0xE2 opens an en or an em dash). Each
/// separator holds a space, first or second: only the bytes around each space are tested (a
/// test of every byte was a third of the rule's cost).
fn first_separator(bytes: &[u8]) -> Option<usize> {
    let at = |i: usize| {
        (1..bytes.len().saturating_sub(2)).contains(&i)
            && ((bytes[i] == b' ' && matches!(bytes[i + 1], b'-' | b'/' | b':' | b'(' | 0xE2))
                || (matches!(bytes[i], b',' | b':') && bytes[i + 1] == b' '))
    };
    // A space at `p` ends a separator's first byte at `p - 1` or opens one at `p`: the
    // earlier first, the spaces in order.
    let p = find_space(bytes, |p| at(p.wrapping_sub(1)) || at(p))?;
    Some(if at(p.wrapping_sub(1)) { p - 1 } else { p })
}

/// The first space of `bytes` at which `found` holds. The spaces are found eight bytes at a
/// time (a title's words are a few letters: `memchr` costs more to set up for each).
#[inline]
fn find_space(bytes: &[u8], mut found: impl FnMut(usize) -> bool) -> Option<usize> {
    use crate::bytes::{splat, zero_bytes};
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // The high bit of each byte that is a space.
        let mut spaces = zero_bytes(u64::from_le_bytes(word) ^ splat(b' '));
        while spaces != 0 {
            let p = base + spaces.trailing_zeros() as usize / 8;
            if found(p) {
                return Some(p);
            }
            spaces &= spaces - 1;
        }
        base += 8;
    }
    (base..bytes.len()).find(|&p| bytes[p] == b' ' && found(p))
}

/// A grade ("Agent de maîtrise", "Bibliothécaire territorial", "Ing. ppal"), then a spaced dash,
/// slash or colon, a comma or a bracket that closes the title, then the post the agent holds ("- responsable de déchèterie", "/ directeur du
/// musée"): the grade says the agent's rank and the cadre, the post what the job is, yet the
/// grade's words, first, meet a reference of the grade at stage 2 ("Agent de maîtrise",
/// 3123), and [`after_grade`] reads on only after a grade of an open cadre. When no reference
/// covers the whole title, the part before the first spaced separator is exactly a grade (the
/// recogniser's, whole), and the part after starts with a word that names someone (a generic
/// head or a reference's specific head noun: not a place, a task or a unit, [`NAMES_NO_ONE`]),
/// that part is matched alone and decides when matched at stage 1 or 2 at
/// [`POST_AFTER_GRADE`] or more as another code (or as the whole title's, when that is only
/// its closest title), unless it is a grade naming no post (an emploi fonctionnel, "DST",
/// names one: the function the grade's agent holds). A domain, a site or a
/// speciality after the grade ("Bibliothécaire - médiathèque", "- piano") starts with no one,
/// and leaves the grade's reading. The head of a service, by the word or a sigle, takes a
/// head's code its post reaches at the floor at any stage, read as the responsable's too,
/// also over a reference of the whole title that leaves out the head's word;
/// when the post decides nothing, a reference of the whole title that meets a grade's word
/// with the post's head noun ("Rédacteur en chef") is a look-alike, and the grade decides
/// ([`spans`]). Most titles have no separator, or a first part with a word no grade has:
/// they cost a pass over the bytes, or the first part's folding.
fn grade_then_post(
    title: &str,
    read_with: Option<(&[Rc<Lexeme>], &TitleMatch)>,
) -> Option<TitleMatch> {
    let t = read_with.map(|(_, t)| t);
    // A reference that covers the whole title stands, unless it leaves out a service's head
    // word the title holds, read there as a rank ("Technicien principal : chef du service
    // voirie" is no "Technicien voirie"): only the head of a service is then read on. Its
    // words already read, compared by their first byte first: most titles hold none.
    let head_left_out = |lexemes: &[Rc<Lexeme>], c: &Candidate| {
        let is = |s: &str, h: &str| s.as_bytes().first() == h.as_bytes().first() && s == h;
        (lexemes.iter().skip(1))
            .filter_map(|l| l.content_stem())
            .any(|s| crate::isco::SERVICE_HEADS.iter().any(|h| is(s, h)))
            && !(c.matched.iter()).any(|m| crate::isco::SERVICE_HEADS.contains(&m.as_str()))
    };
    let whole = match read_with {
        Some((lexemes, TitleMatch::Mapped(c))) if c.stage == Stage::WholeTitle => {
            if !head_left_out(lexemes, c) {
                return None;
            }
            true
        }
        _ => false,
    };
    let at = first_separator(title.as_bytes())?;
    let separator = (GRADE_SEPARATORS.iter()).find(|d| title[at..].starts_with(*d))?;
    let (before, after) = (&title[..at], &title[at + separator.len()..]);
    // A bracket holds the post only when it closes the title ("Attaché (juriste)"), not a
    // remark before the post ("Rédacteur (Cat. B) – chef du bureau").
    let after = match *separator == " (" {
        true => after
            .strip_suffix(')')
            .filter(|a| !a.contains(['(', ')']))?,
        false => after,
    };
    // A slash joins a post's two fields, the first the main one ([`first_field`]: "ATSEM /
    // agent d'entretien"), or a gender form: after a grade, only a manager's post is the
    // function the grade holds ("Attaché de conservation / directeur du musée").
    let slash = *separator == " / ";
    let grade_words = normalize_title(before);
    let grades = Grades::builtin();
    if grade_words.is_empty() || !grades.words_all_known(&grade_words) {
        return None;
    }
    let grade = grades.find(before, &grade_words).filter(|m| !m.part)?;
    // The grade says the level: a post above its cadre's most skilled occupation ("Adjoint
    // technique - DGS") is no reading of the title. ISCO-08 gives its managers skill levels 3
    // and 4: a cadre of level 3 (catégorie B) may head a service ("Technicien principal : chef
    // du service voirie").
    let level = |isco08: &str| match isco08.starts_with('1') {
        true => Some(3),
        false => crate::isco::skill_level(isco08),
    };
    let ceiling = (grade.cadre.occupations.iter())
        .filter_map(|o| crate::isco::skill_level(&o.isco08))
        .max();
    let normalized = normalize_title(after);
    let (_, read) = read_words(&normalized);
    let first = read.first()?;
    let someone = if first.generic {
        !(NAMES_NO_ONE.iter()).any(|w| crate::title::stems_to(w, &first.word))
            && !crate::title::is_status(&first.word)
    } else {
        crate::isco::heads_a_post(&first.word)
    };
    if first.role == Role::Place || !someone {
        return None;
    }
    let allowed = |c: &Candidate| {
        level(&c.isco08) <= ceiling
            && (!slash || c.isco08.starts_with('1'))
            // Of the whole title's code too when that is only its closest title, which a
            // grade found in a part outweighs ("Ing. ppal - DST"): the post's own reading.
            && !matches!(t, Some(TitleMatch::Mapped(w))
                if w.isco08 == c.isco08 && w.stage != Stage::Closest)
            // An emploi fonctionnel (DGA, DST) is the function the grade's agent holds.
            && !(c.table == Table::Curated
                && open_grade_of(c).is_some_and(|g| g.filiere != FUNCTIONS))
    };
    let post = Crosswalk::builtin().match_normalized(normalized.clone());
    // The head of a service, by the word or a sigle of one ("chef du service état civil",
    // "responsable du SSIAD"): the grade's words say nothing of the service, so a head's code
    // the post reaches at the floor, at any stage (the clerks' title, hence their supervisors'
    // code), is the reading of the title; a chef's post read as the responsable's too, the
    // same post ([`crate::isco::heads_a_service`]), whose references the chef's words miss
    // ("Directeur des affaires scolaires").
    let head = || {
        if !crate::isco::heads_a_service(&read) {
            return None;
        }
        // A whole title's reference that reads the post's head word stands.
        let reads_head = |w: &Candidate| w.matched.iter().any(|m| *m == *first.word);
        if whole && matches!(t, Some(TitleMatch::Mapped(w)) if reads_head(w)) {
            return None;
        }
        // A place after a dash says where the service sits, not which ("- secteur nord").
        let placed = place_after_dash(after).map(|(post, _)| normalize_title(post));
        let service = placed.as_deref().unwrap_or(&normalized);
        let as_responsable = (service.strip_prefix("chef "))
            .map(|rest| Crosswalk::builtin().match_normalized(format!("responsable {rest}")));
        let unplaced = placed.map(|p| Crosswalk::builtin().match_normalized(p));
        [
            Some(unplaced.unwrap_or_else(|| post.clone())),
            as_responsable,
        ]
        .into_iter()
        .flatten()
        .filter_map(|m| match m {
            TitleMatch::Mapped(c)
                if c.confidence >= CONFIDENCE_FLOOR
                    && crate::isco::heads_workers(&c.isco08)
                    && allowed(&c) =>
            {
                Some(c)
            }
            _ => None,
        })
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
    };
    match post {
        TitleMatch::Mapped(c)
            if !whole
                && c.stage != Stage::Closest
                && c.confidence >= POST_AFTER_GRADE
                && allowed(&c) =>
        {
            decided(c, Basis::GradeThenPost, || Reading::of(normalized))
        }
        _ if let Some(c) = head() => decided(c, Basis::GradeThenPost, || Reading::of(normalized)),
        // A reference that meets a word of the grade with the post's head noun reads them as
        // one phrase, a look-alike ("Rédacteur : chef du service …" is no "Rédacteur en
        // chef"): the grade alone is then the reading. Not after a slash, which may join a
        // gender form ("Animateur / Animatrice …"); a reference that meets the post's other
        // words with the grade's ("Ingénieur - architecte réseaux", an "Ingénieur réseaux")
        // reads the post's field, and stands.
        _ if slash || whole => None,
        _ => match t {
            Some(TitleMatch::Mapped(w))
                if spans(&w.matched, &grade_words, &first.word)
                    // The post's head as written, not a sigle's first word ("- EHPAD").
                    && normalized.split(' ').next().map(crate::title::stem).as_deref()
                        == Some(&*first.word)
                    // A reference the post alone reaches is the post's reading, no look-alike
                    // (a grade whose name holds a comma: "Biologiste, vétérinaire …").
                    && !matches!(&post, TitleMatch::Mapped(p) if p.isco08 == w.isco08) =>
            {
                match Crosswalk::builtin().match_normalized(grade_words.clone()) {
                    TitleMatch::Mapped(g) if g.stage == Stage::WholeTitle => {
                        decided(g, Basis::GradeThenPost, || Reading::of(grade_words))
                    }
                    _ => None,
                }
            }
            _ => None,
        },
    }
}

/// The grades of the cadres of one occupation (its grades name the post), by their first
/// word: the normalised grade, longest first, and its cadre.
type GradesByFirstWord = crate::hashing::FastMap<String, Vec<(String, &'static Cadre)>>;

/// [`GradesByFirstWord`], and by a first word's first byte the lengths (bits, under 64) such
/// grades' first words have: most titles' first words are none, told apart in a few
/// instructions, before any hashing.
struct GradeFirstWords {
    lengths: [u64; 256],
    grades: GradesByFirstWord,
}

/// A title that opens with the whole name of a grade of a cadre of one occupation, then words
/// that name no other post ("Brigadier-chef principal de permanence", "Sergent-chef - astreinte"):
/// the crosswalk reads the grade's first word as another title ("Gardien de mairie", a
/// caretaker) or nothing, while the grade says the profession. The grade's occupation is the
/// reading, unless the whole title's reference has it, or the words after it name a post of their own (stage 1 or 2, at [`POST_AFTER_GRADE`]) that the
/// grade's level allows, outside the grade's own field (its ISCO-08 minor group: a dog
/// handler's post held by a police grade is a policeman's speciality), or a reference, even
/// the closest one, reads the grade's whole name and a word after it. Most titles start with
/// a word no such grade starts with: one lookup.
fn grade_named_first(normalized: &str, t: &TitleMatch) -> Option<GradeMatch> {
    let (grade, cadre) = GradeFirstWords::get().opening(normalized)?;
    grade_then_no_post(normalized, grade, cadre, t)
}

impl GradeFirstWords {
    fn get() -> &'static GradeFirstWords {
        static BY_FIRST_WORD: std::sync::OnceLock<GradeFirstWords> = std::sync::OnceLock::new();
        BY_FIRST_WORD.get_or_init(|| {
            let mut grades = GradesByFirstWord::default();
            let mut lengths = [0u64; 256];
            for cadre in (Grades::builtin().cadres.iter()).filter(|c| c.occupations.len() == 1) {
                for grade in &cadre.grades {
                    let g = normalize_title(grade);
                    if let Some(first) = g
                        .split(' ')
                        .next()
                        .filter(|w| !w.is_empty() && w.len() < 64)
                    {
                        lengths[usize::from(first.as_bytes()[0])] |= 1 << first.len();
                        grades
                            .entry(first.to_string())
                            .or_default()
                            .push((g.clone(), cadre));
                    }
                }
            }
            for g in grades.values_mut() {
                g.sort_by_key(|(g, _)| std::cmp::Reverse(g.len()));
            }
            GradeFirstWords { lengths, grades }
        })
    }

    /// The longest grade of [`GradesByFirstWord`] the title opens with, words after it.
    #[inline]
    fn opening(&self, normalized: &str) -> Option<(&str, &'static Cadre)> {
        // The first length of a grade's first word, for the title's first letter, that a
        // space follows: the title's own first word if any such word is; no scan for the space.
        let bytes = normalized.as_bytes();
        let mut lengths = self.lengths[usize::from(*bytes.first()?)];
        let len = loop {
            if lengths == 0 {
                return None;
            }
            let len = lengths.trailing_zeros() as usize;
            if bytes.get(len) == Some(&b' ') {
                break len;
            }
            lengths &= lengths - 1;
        };
        let (grade, cadre) = self.grades.get(&normalized[..len])?.iter().find(|(g, _)| {
            normalized.len() > g.len()
                && normalized.starts_with(g.as_str())
                && bytes[g.len()] == b' '
        })?;
        Some((grade, cadre))
    }
}

/// [`grade_named_first`] once the title opens with `grade` of `cadre`.
#[inline(never)]
fn grade_then_no_post(
    normalized: &str,
    grade: &str,
    cadre: &'static Cadre,
    t: &TitleMatch,
) -> Option<GradeMatch> {
    let code = &cadre.occupations[0].isco08;
    let rest: Vec<&str> = (normalized[grade.len()..].split(' '))
        .filter(|w| !w.is_empty())
        .skip_while(|w| crate::grades::ARTICLES.contains(w))
        .collect();
    if rest.is_empty() {
        return None;
    }
    // The grade's own code stands, and so does a reference, mapped or closest, that reads the
    // grade's whole name and a word after it: a title of its own with the grade's word in
    // another sense ("Adjudant des haras", a stud's groom).
    let stems = |words: &str| -> Vec<String> {
        (words.split(' '))
            .filter(|w| !w.is_empty() && !crate::title::is_stopword(w))
            .map(crate::title::stem)
            .collect()
    };
    let reads_grade_and_more = |c: &Candidate| {
        stems(grade).iter().all(|g| c.matched.contains(g))
            && rest
                .iter()
                .any(|w| stems(w).iter().any(|r| c.matched.contains(r)))
    };
    match t {
        TitleMatch::Mapped(c) if c.isco08 == *code || reads_grade_and_more(c) => return None,
        TitleMatch::Unmapped { best: Some(c), .. } if reads_grade_and_more(c) => return None,
        _ => {}
    }
    let ceiling = crate::isco::skill_level(code);
    let level = |isco08: &str| match isco08.starts_with('1') {
        true => Some(3),
        false => crate::isco::skill_level(isco08),
    };
    if let TitleMatch::Mapped(p) = Crosswalk::builtin().match_normalized(rest.join(" "))
        && p.stage != Stage::Closest
        && p.confidence >= POST_AFTER_GRADE
        && level(&p.isco08) <= ceiling
        && p.isco08.get(..3) != code.get(..3)
    {
        return None;
    }
    let mut m = Grades::builtin()
        .find(grade, grade)
        .filter(|m| m.cadre.id == cadre.id && !m.part)?;
    m.steps.push(crate::grades::Step {
        step: "aside",
        detail: rest.join(" "),
    });
    Some(m)
}

/// Whether a reference's matched words (stems) hold a word of a grade (normalised) and the
/// head noun (stemmed) of the post after it, that head no word of the grade.
fn spans(matched: &[String], grade: &str, head: &str) -> bool {
    let grade: Vec<String> = (grade.split(' '))
        .filter(|w| !w.is_empty() && !crate::title::is_stopword(w))
        .map(crate::title::stem)
        .collect();
    !grade.iter().any(|g| g == head)
        && matched.iter().any(|m| m == head)
        && matched.iter().any(|m| grade.contains(m))
}

/// The stem of "instructeur", "instructrice" ([`instruction`]).
const INSTRUCTEUR: &str = "instructeur";

/// A title that is a grade followed by a métier ("Adjoint technique - jardinier", "Attaché
/// juriste", "Agent de maîtrise mécanicien") names its post after the grade: when the
/// crosswalk's reference is a curated title that is itself a grade of a cadre d'emplois with
/// no majority occupation ([`open_grade_of`]), and the title's first words are that grade, the
/// rest of the title is matched alone and its occupation is the job's when it names one
/// ([`names_post_alone`]).
fn after_grade(title: &str, normalized: &str, t: &TitleMatch) -> Option<TitleMatch> {
    let TitleMatch::Mapped(c) = t else {
        return None;
    };
    if c.table != Table::Curated {
        return None;
    }
    let cadre = grade_cadre_of(c)?;
    let names_post = !is_open(cadre);
    // A grade that names its post reads the words after it only for another occupation of
    // its leading one's kind: most such cadres hold none, and the grade's prefix is not
    // looked for then (the recogniser on every prefix is most of this function's cost).
    if names_post && leading_and_another_of_its_kind(cadre).is_none() {
        return None;
    }
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    let grades = Grades::builtin();
    // A grade that names its post is followed by another occupation only after its whole
    // name: a name short of its last words is the grade's own title cut or mistyped
    // ("Educateur des activités physiques et sprotives" is the grade, 3422, not its "sportif").
    let end = (1..words.len()).rev().find(|&k| {
        let prefix = words[..k].join(" ");
        (grades.find(&prefix, &prefix)).is_some_and(|m| {
            m.cadre.id == cadre.id && !m.part && (!names_post || m.confidence >= 1.0)
        })
    })?;
    let rest: Vec<&str> = (words[end..].iter())
        .skip_while(|w| crate::grades::ARTICLES.contains(w))
        .copied()
        .collect();
    if rest.is_empty() {
        return None;
    }
    let rest = rest.join(" ");
    let (_, read) = read_words(&rest);
    // Words after the grade that start with a place ("Adjoint administratif - service des
    // sports", "Rédacteur - pôle finances") say where the grade works, not another post.
    if read.first().is_some_and(|w| w.role == Role::Place) {
        return None;
    }
    if names_post {
        return other_occupation_of_cadre(c, &rest, &read, cadre);
    }
    let specific_head = (read.iter())
        .find(|w| w.role == Role::Head)
        .is_some_and(|w| !crate::title::is_generic(&w.word));
    // A trade's domain alone, places and ranks aside, names the trade ("Adjoint technique -
    // électricité" is an electrician), as after a head that names none
    // ([`trade_after_generic_head`]).
    let mut named = (read.iter()).filter(|w| !matches!(w.role, Role::Place | Role::Rank));
    let alone = match (named.next(), named.next()) {
        (Some(w), None) => (trade_stems().trades.get(&*w.word))
            .filter(|t| t.domain)
            .map(|t| t.title.clone()),
        _ => None,
    };
    let several = alone.is_none();
    match Crosswalk::builtin().match_normalized(alone.clone().unwrap_or_else(|| rest.clone())) {
        TitleMatch::Mapped(mut post) if names_post_alone(&post, specific_head, cadre) => {
            post.basis = Basis::AfterGrade;
            post.reading = Some(match alone {
                Some(trade) => Reading::as_matched(rest, trade),
                None => Reading::of(rest),
            });
            Some(TitleMatch::Mapped(post))
        }
        // Several words that name no post, one of them a trade's domain ("Adjoint technique
        // bâtiment - électricité", "- plomberie chauffage"): read as after a head that names
        // no trade, the grade standing for the head, when that names a trade of a major group
        // the cadre holds.
        _ if several
            && (read.iter())
                .any(|w| trade_stems().trades.get(&*w.word).is_some_and(|t| t.domain)) =>
        {
            match trade_after_agent(&rest) {
                Some(TitleMatch::Mapped(mut post)) if whole_metier_of_level(&post, cadre) => {
                    post.basis = Basis::AfterGrade;
                    Some(TitleMatch::Mapped(post))
                }
                _ => None,
            }
        }
        // Words that name an office's work rather than a post ("Adjoint administratif -
        // secrétariat des services techniques", "- accueil", "- comptabilité"): read after
        // "agent", the grade standing for the head, when that is a curated clerk's post of
        // stage 1 or 2 and the cadre holds clerks (ISCO-08 major group 4, sorted by the work
        // and the records it keeps): "Agent de secrétariat", 4120 (session 27). A work whose
        // agent is the grade's own occupation leaves the grade's title ("Adjoint administratif
        // état civil", 4110).
        // So does a field's work after a grade of other cadres ("Adjoint technique - voirie"
        // is an "Agent de voirie", 9312), when it is one of the cadre's occupations.
        _ if of_clerks(cadre) || is_the_part_after(title, &rest) => {
            work_after_grade(&rest, cadre, Some(&c.isco08))
        }
        _ => None,
    }
}

/// Whether a cadre's largest occupation is a clerk's (ISCO-08 major group 4).
fn of_clerks(cadre: &Cadre) -> bool {
    cadre.leading().is_some_and(|o| o.isco08.starts_with('4'))
}

/// Whether `rest`, the words after a grade, are the whole part of the title after its first
/// separator (when it has one), a status aside: a rank word the grade's reading took
/// ("Adjoint technique - Chef de cuisine", "chef" read as the grade's rank) leaves words that
/// are no part of the title, whose post it names ([`work_after_grade`]).
fn is_the_part_after(title: &str, rest: &str) -> bool {
    let Some((at, len)) = (GRADE_SEPARATORS.iter())
        .filter_map(|d| title.find(d).map(|at| (at, d.len())))
        .min()
    else {
        return true;
    };
    let part = normalize_title(&title[at + len..]);
    let no_status = |words: &str| {
        (words.split(' '))
            .filter(|w| !w.is_empty())
            .skip_while(|w| crate::title::is_status(&crate::title::stem(w)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    no_status(&part) == no_status(rest)
}

/// The words after a grade that name a work and no post, read after "agent", the grade
/// standing for the head ([`after_grade`]): the occupation when [`cadres_work`] accepts it and
/// it is not `own`, the grade's own title's.
fn work_after_grade(rest: &str, cadre: &Cadre, own: Option<&str>) -> Option<TitleMatch> {
    // Words that open with someone's noun, a status aside ("second de cuisine", "ATSEM /
    // agent d'entretien") name a post, which the grade's other readings weigh, not a work:
    // read after "agent", the post would be lost. A cadre of clerks reads them as before.
    let of_clerks = of_clerks(cadre);
    let names_someone =
        |w: &str| crate::title::is_generic(&crate::title::stem(w)) || crate::isco::heads_a_post(w);
    let first = (rest.split(' ')).find(|w| !crate::title::is_status(&crate::title::stem(w)));
    if !of_clerks
        && first.is_some_and(|w| {
            names_someone(w)
                || crate::title::sigle(w)
                    .is_some_and(|long| names_someone(long.split(' ').next().unwrap_or(long)))
        })
    {
        return None;
    }
    let as_agent = format!("agent {rest}");
    match Crosswalk::builtin().match_normalized(as_agent.clone()) {
        TitleMatch::Mapped(mut post)
            if cadres_work(&post, cadre) && own != Some(post.isco08.as_str()) =>
        {
            post.basis = Basis::AfterGrade;
            post.reading = Some(Reading::as_matched(rest, as_agent));
            Some(TitleMatch::Mapped(post))
        }
        _ => None,
    }
}

/// A grade of several occupations in one part of a title, the other part a field's work that
/// names no post ("Adj. tech. - espaces verts", "Adjoint technique - voirie"): the grade says
/// the level, the field which of the cadre's occupations the job is ("Agent des espaces
/// verts", 6113), where the cadre's mix would hide it. Asked only of a title whose grade the
/// métier did not outweigh ([`resolve`]); a part that starts with a place ("service des
/// sports") says where the grade works.
fn work_of_the_grade(m: &GradeMatch) -> Option<TitleMatch> {
    if !m.part || !is_open(m.cadre) {
        return None;
    }
    let aside = m.steps.first().filter(|s| s.step == "aside")?;
    let rest = normalize_title(&aside.detail);
    let (_, read) = read_words(&rest);
    if read.first()?.role == Role::Place {
        return None;
    }
    work_after_grade(&rest, m.cadre, None)
}

/// A grade most of whose agents hold one occupation, whose cadre holds others, followed by
/// a speciality whose closest occupation of the cadre is another, of the leading one's kind
/// (its ISCO-08 minor group), by a curated title that names the speciality (the head noun of
/// the words after the grade): "Assistant d'enseignement artistique - danse classique":
/// "Professeur de danse", a dance teacher, 2355, not the music teacher most of the cadre's
/// agents are, 2354. That occupation, at the grade's confidence. Words closest to the
/// leading occupation, to one of another kind (a site: "ETAPS - piscine", "Bibliothécaire -
/// médiathèque") or to none leave the grade's ("- piano", "- fonds jeunesse"; session 27).
fn other_occupation_of_cadre(
    grade: &Candidate,
    rest: &str,
    read: &[TitleWord],
    cadre: &Cadre,
) -> Option<TitleMatch> {
    let leading = leading_and_another_of_its_kind(cadre)?;
    let head = read.iter().find(|w| w.role == Role::Head && !w.generic)?;
    let (candidates, _) = Crosswalk::builtin().explain(rest);
    // The cadre's occupation the words are closest to, when it is not the leading one.
    let mut post = (candidates.into_iter())
        .find(|p| (cadre.occupations.iter()).any(|o| o.isco08 == p.isco08))
        .filter(|p| {
            p.table == Table::Curated
                && p.isco08 != leading.isco08
                && same_kind(&p.isco08, &leading.isco08)
                && p.matched.iter().any(|m| *m == *head.word)
        })?;
    (post.confidence, post.similarity) = (grade.confidence, grade.similarity);
    (post.stage, post.basis) = (grade.stage, Basis::AfterGrade);
    let mut reading = Reading::of(rest);
    reading.figures_of = Some(grade.reference.clone());
    post.reading = Some(reading);
    Some(TitleMatch::Mapped(post))
}

/// The occupation most of a cadre's agents hold, when the cadre holds another of its kind
/// (its ISCO-08 minor group): the only cadres whose grade, which names its post, another
/// occupation can follow ([`other_occupation_of_cadre`]).
fn leading_and_another_of_its_kind(cadre: &Cadre) -> Option<&crate::grades::Share> {
    let leading = cadre.leading()?;
    (cadre.occupations.iter())
        .any(|o| o.isco08 != leading.isco08 && same_kind(&o.isco08, &leading.isco08))
        .then_some(leading)
}

/// Whether the match of an office's or a field's work read after "agent" ([`after_grade`]) is
/// a curated post at stage 1 or 2, at [`GRADE_FLOOR`] or more, that is one of the cadre's
/// occupations, and for a cadre of clerks (its largest occupation of ISCO-08 major group 4) a
/// clerk's: "Adjoint administratif - courrier" stays a clerk, not a postman (4412, no
/// occupation of the cadre). For another cadre, a curated title of the words alone at a skill
/// level the grade reaches: "Adjoint technique - voirie" is a roads labourer ("Agent de
/// voirie", 9312), of the adjoints techniques' mix (session 43), where an "Assistant de
/// conservation - médiathèque" is no library clerk and "- accompagnement à la scolarité" no
/// "Agent d'accompagnement social".
fn cadres_work(post: &Candidate, cadre: &Cadre) -> bool {
    let Some(leading) = cadre.leading() else {
        return false;
    };
    let skill = crate::isco::skill_level;
    post.table == Table::Curated
        && post.stage != Stage::Closest
        && post.confidence >= GRADE_FLOOR
        && (cadre.occupations.iter()).any(|o| o.isco08 == post.isco08)
        && if leading.isco08.starts_with('4') {
            post.isco08.starts_with('4')
        } else {
            // Another cadre's: a curated agent's post made of the work's words alone, of no
            // lower skill level than the cadre's largest occupation (the grade says the level:
            // an "Assistant de conservation - médiathèque" is no library clerk, 4411).
            post.stage == Stage::WholeTitle && skill(&post.isco08) >= skill(&leading.isco08)
        }
}

/// Whether the match of the words after a grade names the post: a reference with their own
/// specific head noun (stages 1 and 2: "jardinier", "juriste"), whatever its code; else, when
/// they have a generic head or a domain alone ("agent d'entretien des locaux", "entretien
/// voirie"), an occupation the grade's cadre covers, or a whole curated métier of a major group
/// the cadre holds ([`whole_metier_of_level`]): "Agent administratif - courrier" stays a
/// clerk, not a postman, and "état civil" alone, whose closest reference is its manager, leaves
/// the grade.
fn names_post_alone(post: &Candidate, specific_head: bool, cadre: &Cadre) -> bool {
    (specific_head && post.stage != Stage::Closest)
        || (cadre.occupations.iter()).any(|o| o.isco08 == post.isco08)
        || whole_metier_of_level(post, cadre)
}

/// Words after a grade that are, whole, a curated métier of a generic head ("Rédacteur -
/// gestionnaire des marchés", 3323) name the post as a specific head would, when it is of an
/// ISCO-08 major group the grade's cadre holds: the grade says the level, the métier the job.
fn whole_metier_of_level(post: &Candidate, cadre: &Cadre) -> bool {
    post.stage == Stage::WholeTitle
        && post.table == Table::Curated
        && (cadre.occupations.iter()).any(|o| o.isco08[..1] == post.isco08[..1])
}

/// The cadre d'emplois of a curated reference title that is exactly one of its grades, when no
/// occupation holds half its agents or more ("Adjoint technique", "Attaché", "Rédacteur"):
/// such a grade names no post. A grade most of whose agents hold one occupation names it
/// ("Bibliothécaire", "Conservateur du patrimoine"), and keeps it. `c`: a curated candidate,
/// whose reference title is asked. Memoised by reference.
fn open_grade_of(c: &Candidate) -> Option<&'static Cadre> {
    grade_cadre_of(c).filter(|c| is_open(c))
}

/// Whether no occupation of a cadre holds half its agents or more: its grades name no post.
fn is_open(cadre: &Cadre) -> bool {
    cadre.occupations.iter().all(|o| o.share < 0.5)
}

/// The cadre d'emplois of a candidate's curated reference title, when that is exactly one of
/// its grades ([`open_grade_of`], whatever its occupations). Memoised by the reference's index
/// in the crosswalk (every candidate's reference is the title of the reference at its `index`):
/// asked for nearly every title mapped, a number is hashed, not the reference's text.
fn grade_cadre_of(c: &Candidate) -> Option<&'static Cadre> {
    thread_local! {
        static GRADE: std::cell::RefCell<crate::hashing::FastMap<usize, Option<&'static Cadre>>> =
            std::cell::RefCell::default();
    }
    if c.table == Table::Coded {
        return None;
    }
    if let Some(known) = GRADE.with_borrow(|m| m.get(&c.index).copied()) {
        return known;
    }
    let reference = c.reference.as_str();
    let normalized = normalize_title(reference);
    // Nine curated titles in ten hold a word no grade has ("Agent d'entretien"): a test checks
    // that none of them is a grade, without the recogniser (20,000 instructions a title).
    let cadre = if Grades::builtin().words_all_known(&normalized) {
        grade_by_recogniser(reference, normalized)
    } else {
        None
    };
    GRADE.with_borrow_mut(|m| m.insert(c.index, cadre));
    cadre
}

/// `grade_cadre_of` by the grade recogniser.
fn grade_by_recogniser(reference: &str, normalized: String) -> Option<&'static Cadre> {
    (Grades::builtin().find(reference, &normalized))
        .filter(|m| !m.part && m.confidence >= 1.0)
        .map(|m| m.cadre)
}

/// Whether the title names a post beside its grade: in a part around " - ", or after a
/// contract form named by a status word, which says how the post is held ("Apprenti
/// jardinier", "Vacataire animateur"), not what it is: the métier, when the crosswalk maps it,
/// is the occupation. A form named by its posts ("Chef de cabinet") stays the grade.
fn names_post(m: &GradeMatch) -> bool {
    let status = || {
        (m.grade.split(' '))
            .map(crate::title::stem)
            .all(|w| crate::title::is_status(&w) || crate::title::is_generic(&w))
    };
    m.part || (m.steps.iter().any(|s| s.step == "form_with_post") && status())
}

/// Whether a grade is a contract form of a cadre with no majority occupation (apprentis,
/// vacataires, contrats aidés: the mix a form's posts are assumed to hold), recognised as the
/// form followed by words of the post. A form named by its post ("Assistante maternelle",
/// "Adulte-relais", "Chef de cabinet") keeps the grade's reading.
fn form_of_a_mix(m: &GradeMatch) -> bool {
    !m.part && is_open(m.cadre) && m.steps.iter().any(|s| s.step == "form_with_post")
}

/// Whether a grade was recognised with a bracketed remark set aside, the whole label
/// otherwise ("Attaché (juriste marchés publics)"): the remark may name the post.
fn remark_set_aside(m: &GradeMatch) -> bool {
    !m.part && m.steps.first().is_some_and(|s| s.step == "aside")
}

/// Whether a title's match is the post set apart from a contract form ([`form_then_post`]).
fn post_apart_from_form(t: &TitleMatch) -> bool {
    matches!(t, TitleMatch::Mapped(c) if c.basis == Basis::FormThenPost)
}

/// How a grade gave way to the métier, as `exposure isco` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GaveWay {
    /// Recognised only with words of its cadre's name the title leaves out, a guess
    /// ([`guessed_from_cadre_words`]).
    Guessed,
    /// The whole title is the grade once a bracket is set aside as a remark, and the bracket
    /// names the post ([`remark_set_aside`], [`grade_then_post`]).
    Remark,
    /// The whole title is a contract form or a status, then the post ([`names_post`],
    /// [`form_of_a_mix`]).
    Form,
    /// The grade is one part of the title around " - ", the other names the post.
    Part,
}

/// How the grade `m` gave way to the métier (when it did).
pub fn gave_way(m: &GradeMatch) -> GaveWay {
    if guessed_from_cadre_words(m) {
        GaveWay::Guessed
    } else if m.part {
        GaveWay::Part
    } else if remark_set_aside(m) {
        GaveWay::Remark
    } else {
        GaveWay::Form
    }
}

/// Whether a grade was recognised only by adding words of its cadre's name that the title
/// leaves out ("Agent des écoles", read as the ATSEM's "agent spécialisé des écoles
/// maternelles"): a guess, which a curated title covering the whole title outweighs.
pub fn guessed_from_cadre_words(m: &GradeMatch) -> bool {
    !m.part && m.steps.iter().any(|s| s.step == "cadre_words_missing")
}

/// Whether a title's match is a curated title that covers the whole title, at `GRADE_FLOOR` or
/// more: local government's own name for the post ("Agent des écoles" is the curated "Agent
/// de service des écoles", a cleaner, 9112), which says more than a grade guessed from it.
fn curated_whole_title(t: &TitleMatch) -> bool {
    matches!(t, TitleMatch::Mapped(c) if c.table == Table::Curated
        && c.stage == Stage::WholeTitle
        && c.confidence >= GRADE_FLOOR)
}

/// The métier wins over a grade found in one part of the title at `GRADE_FLOOR`, or when it
/// is the post named after that grade ([`after_grade`]): the title then says both.
fn metier_wins(t: &TitleMatch) -> bool {
    matches!(t, TitleMatch::Mapped(c) if c.confidence >= GRADE_FLOOR
        || matches!(c.basis, Basis::AfterGrade | Basis::GradeThenPost | Basis::FormThenPost))
}

/// A status word right before the post ("Vacataire professeur de yoga", "Saisonnier …"): the
/// post is named, so the crosswalk's reading of it stands even under `GRADE_FLOOR`, mapped at
/// the confidence floor (a doubtful match, flagged as any) or unmapped with its candidates,
/// never the form's mix at 0.90 that would hide it. Only a title that opens with the status
/// word, then names someone (an agent noun or a post's head, not a domain: "Vacataire
/// périscolaire" stays the mix), and a post the crosswalk finds a candidate for.
fn post_after_status(m: &GradeMatch, normalized: &str, t: &TitleMatch) -> bool {
    // The title opens with the status ("Responsable vacataire …" heads the vacataires).
    let names_someone = || {
        let status = |w: &&str| crate::title::is_status(&crate::title::stem(w));
        let mut words = normalized.split(' ').filter(|w| !w.is_empty()).peekable();
        words.next_if(status).is_some()
            && (words.find(|w| !status(w))).is_some_and(|w| {
                crate::title::is_generic(&crate::title::stem(w)) || crate::isco::heads_a_post(w)
            })
    };
    !m.part
        && names_post(m)
        && matches!(
            t,
            TitleMatch::Mapped(_) | TitleMatch::Unmapped { best: Some(_), .. }
        )
        && names_someone()
}

/// Everything `exposure isco TITLE` shows: the grade path, and the title path when the grade
/// path found nothing or gave way to the métier.
pub struct Explanation {
    pub grade: Result<GradeMatch, NotGrade>,
    /// The crosswalk's candidates (best first) and decision, when the title path decides.
    pub title: Option<(Vec<Candidate>, TitleMatch)>,
}

/// The same decision as `resolve`, with what it rests on.
pub fn explain(title: &str) -> Explanation {
    // The métier after a repertory's family code, when it decides ([`family_code`]).
    if let Some(code) = opening_code(title)
        && let Some(resolved) = family_code(title)
    {
        let mut e = explain(code.rest);
        if let (Resolved::Title(_), Some((_, t))) = (resolved, e.title.as_mut()) {
            let decided = std::mem::replace(
                t,
                TitleMatch::Unmapped {
                    reason: Unmapped::NoMatch,
                    best: None,
                },
            );
            *t = read_after_code(decided, &normalize_title(code.rest));
        }
        return e;
    }
    let title_text = title;
    let grade = Grades::builtin().recognise(title);
    let explain_metier = || {
        let (candidates, t) = Crosswalk::builtin().explain(title);
        let normalized = normalize_title(title);
        let lexemes = crate::title::lexemes(&normalized);
        let t = read_first(title, &normalized, &lexemes, &t)
            .or_else(|| read_again(title, &normalized, &lexemes, &t))
            .unwrap_or(t);
        let t = stock_of_records(&normalized, &t).unwrap_or(t);
        (candidates, t)
    };
    let title = match &grade {
        Ok(m) if guessed_from_cadre_words(m) => {
            Some(explain_metier()).filter(|(_, t)| curated_whole_title(t))
        }
        Ok(m) if !names_post(m) && form_of_a_mix(m) => {
            Some(explain_metier()).filter(|(_, t)| post_apart_from_form(t))
        }
        Ok(m) if !names_post(m) && remark_set_aside(m) => {
            grade_then_post(title, None).map(|t| (Crosswalk::builtin().explain(title).0, t))
        }
        Ok(m) if !names_post(m) => None,
        Ok(m) => Some(explain_metier())
            .filter(|(_, t)| metier_wins(t) || post_after_status(m, &normalize_title(title), t))
            .or_else(|| work_of_the_grade(m).map(|t| (Crosswalk::builtin().explain(title).0, t))),
        Err(_) => Some(explain_metier()),
    };
    // A title that opens with a grade naming its post, read by the métier as a look-alike.
    if let Some(g) =
        (title.as_ref()).and_then(|(_, t)| grade_named_first(&normalize_title(title_text), t))
    {
        return Explanation {
            grade: Ok(g),
            title: None,
        };
    }
    let title = match (&grade, title) {
        (Err(_), Some((candidates, t))) => {
            let t = coded_title(&normalize_title(title_text), None, &t).unwrap_or(t);
            Some((candidates, t))
        }
        (_, title) => title,
    };
    Explanation { grade, title }
}

/// How a grade's code is shown as the job's `isco_match`.
pub fn grade_match(m: &GradeMatch) -> IscoMatch {
    IscoMatch {
        reference: m.grade.clone(),
        table: None,
        similarity: None,
        confidence: m.confidence,
        via: format!("grade:{}", m.cadre.id),
    }
}

/// The mix of occupations a job's figures come from, as JSON's `isco_mix`.
#[derive(Debug, Clone, Serialize)]
pub struct IscoMix {
    /// The cadre d'emplois's id in `data/fpt/cadres.csv`, and its name.
    pub cadre: String,
    pub libelle: String,
    /// Where the shares come from (a source, or `assumption`), and why.
    pub mix_source: String,
    pub justification: String,
    pub occupations: Vec<MixOccupation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MixOccupation {
    pub isco08: String,
    /// The ILO's title of the occupation.
    pub title: String,
    pub share: f64,
}

impl IscoMix {
    /// The mark of a job scored from a mix, for readers: "mix of 18 occupations (Adjoints
    /// techniques territoriaux)".
    pub fn note(&self, lang: crate::i18n::Lang) -> String {
        let n = self.occupations.len();
        match lang {
            crate::i18n::Lang::En => format!("mix of {n} occupations ({})", self.libelle),
            crate::i18n::Lang::Fr => format!("mélange de {n} professions ({})", self.libelle),
        }
    }

    pub fn of(cadre: &Cadre) -> IscoMix {
        let ilo = Ilo::get();
        IscoMix {
            cadre: cadre.id.clone(),
            libelle: cadre.libelle.clone(),
            mix_source: cadre.mix_source.clone(),
            justification: cadre.justification.clone(),
            occupations: cadre
                .occupations
                .iter()
                .map(|s| MixOccupation {
                    isco08: s.isco08.clone(),
                    title: ilo
                        .occupations
                        .get(s.isco08.as_str())
                        .map(|o| o.title().to_string())
                        .unwrap_or_default(),
                    share: s.share,
                })
                .collect(),
        }
    }
}

/// A job's figures from the ILO: those of its occupation, or of its mix.
#[derive(Debug, Clone)]
pub struct IloScoring {
    pub figures: OccupationFigures,
    /// Share of the (weighted) tasks that are exposed.
    pub share_exposed: f64,
    /// The ILO tasks scored for the method, with their weight.
    pub tasks: Vec<(f64, &'static IloTask)>,
}

/// The ILO scoring of one occupation (the ILO's own figures; every task weighs 1).
pub fn occupation_scoring(isco: &str, method: Method) -> Option<IloScoring> {
    let ilo = Ilo::get();
    let figures = ilo.figures(isco, method)?;
    let tasks = ilo.tasks[isco]
        .iter()
        .filter(|t| t.score(method).is_some())
        .map(|t| (1.0, t))
        .collect();
    Some(IloScoring {
        share_exposed: figures.tasks_exposed as f64 / figures.tasks as f64,
        figures,
        tasks,
    })
}

/// The pooled tasks of a mix under a method: each weighted share ÷ tasks of its occupation.
fn pooled(cadre: &Cadre, method: Method) -> Vec<(f64, &'static IloTask)> {
    let ilo = Ilo::get();
    let mut out = Vec::new();
    for s in &cadre.occupations {
        let scored: Vec<&IloTask> = ilo
            .tasks
            .get(s.isco08.as_str())
            .map(|t| t.iter().filter(|t| t.score(method).is_some()).collect())
            .unwrap_or_default();
        let n = scored.len() as f64;
        out.extend(scored.into_iter().map(|t| (s.share / n, t)));
    }
    out
}

/// The ILO scoring of a cadre's mix: pooled tasks, weighted mean and SD as for a job's own
/// tasks, the class from them; the other method's class from the other year's scores.
pub fn mix_scoring(cadre: &Cadre, method: Method) -> Option<IloScoring> {
    let stats = |m: Method| {
        let tasks = pooled(cadre, m);
        let scores: Vec<(f64, f64)> = tasks
            .iter()
            .filter_map(|(w, t)| t.score(m).map(|x| (*w, x)))
            .collect();
        weighted_stats(&scores).map(|s| (s, tasks))
    };
    let (own, tasks) = stats(method)?;
    let class_other =
        stats(method.other()).map(|(s, _)| method.other().classify(s.figures.mean, s.figures.sd));
    Some(IloScoring {
        figures: OccupationFigures {
            isco: cadre.isco_label(),
            title: cadre.libelle.clone(),
            tasks: own.tasks,
            tasks_exposed: own.exposed,
            mean: own.figures.mean,
            sd: own.figures.sd,
            class: method.classify(own.figures.mean, own.figures.sd),
            class_other,
            unrounded_mean: own.figures.unrounded_mean,
        },
        share_exposed: own.figures.share_exposed,
        tasks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code and basis of a title decided by the crosswalk (made-up titles).
    fn decided(title: &str) -> (String, Basis) {
        match resolve(title) {
            Resolved::Title(t) => match &*t {
                TitleMatch::Mapped(c) => (c.isco08.clone(), c.basis),
                TitleMatch::Unmapped { .. } => panic!("{title}: unmapped"),
            },
            Resolved::Grade(g) => panic!("{title}: the grade {}", g.grade),
        }
    }

    /// `first_separator` finds what a test of every byte finds: every string of up to six
    /// bytes of an alphabet of spaces, separators and letters (an en dash's first byte too).
    #[test]
    fn first_separator_is_the_first_spaced_separator_byte_by_byte() {
        let every_byte = |bytes: &[u8]| {
            (1..bytes.len().saturating_sub(2)).find(|&i| {
                (bytes[i] == b' ' && matches!(bytes[i + 1], b'-' | b'/' | b':' | b'(' | 0xE2))
                    || (matches!(bytes[i], b',' | b':') && bytes[i + 1] == b' ')
            })
        };
        let alphabet = [b'a', b' ', b'-', b'/', b':', b'(', b',', 0xE2];
        let mut strings: Vec<Vec<u8>> = vec![Vec::new()];
        let mut last = strings.clone();
        for _ in 0..6 {
            last = (last.iter())
                .flat_map(|s| alphabet.iter().map(move |&b| [s.as_slice(), &[b]].concat()))
                .collect();
            strings.extend(last.iter().cloned());
        }
        // `first_part`'s test likewise.
        let spaced_or_bracket = |bytes: &[u8]| {
            let (mut spaced, mut bracket) = (false, false);
            for w in bytes.windows(2).filter(|w| w[0] == b' ') {
                match w[1] {
                    b'-' | b'/' | 0xE2 => spaced = true,
                    b'(' => bracket = true,
                    _ => {}
                }
            }
            (spaced || bracket).then_some(spaced)
        };
        for s in &strings {
            assert_eq!(first_separator(s), every_byte(s), "{s:?}");
            assert_eq!(separated(s), spaced_or_bracket(s), "{s:?}");
        }
        // Longer ones, past the eight bytes read at once.
        for s in strings.iter().filter(|s| s.len() == 6) {
            let long = [&b"abcdefgh ij"[..], s, b" kl", s].concat();
            assert_eq!(first_separator(&long), every_byte(&long), "{long:?}");
            assert_eq!(separated(&long), spaced_or_bracket(&long), "{long:?}");
        }
    }

    /// A grade of one occupation, then words that name no post of their own: the grade's
    /// occupation, not a look-alike of its first word ("Gardien de mairie", a caretaker) nor
    /// nothing; a post the grade's level allows, of another field, stands (session 35).
    #[test]
    fn a_grade_of_one_occupation_then_words_that_name_no_post_is_the_grade() {
        for (title, code) in [
            ("Gardien-brigadier cycliste", "5412"),
            ("Gardien-brigadier - îlotier", "5412"),
            ("Adjudant de permanence", "5411"),
            ("Sergent-chef opérations", "5411"),
        ] {
            match resolve(title) {
                Resolved::Grade(g) => assert_eq!(g.isco_label(), code, "{title}"),
                Resolved::Title(t) => panic!("{title}: {t:?}"),
            }
        }
        assert_eq!(decided("Brigadier - chauffeur poids lourd").0, "8332");
        // A title of its own that holds the grade's word in another sense.
        assert!(matches!(
            resolve("Adjudant des haras du Pin"),
            Resolved::Title(_)
        ));
    }

    #[test]
    fn a_service_a_site_or_an_employer_after_a_dash_says_where_the_post_sits() {
        for (title, code) in [
            // Not the secrétaire de mairie (3343): a secretary whose employer is a mairie.
            ("Secrétaire - Mairie de Brionville", "4120"),
            // An employer's sigle: not a social services information clerk (4229).
            ("Chargé d'accueil - CCAS de Valbourg", "4226"),
            // A unit of a service: a data entry clerk, not a postal clerk (4412).
            ("Agent de saisie - pôle courrier", "4132"),
        ] {
            assert_eq!(
                decided(title),
                (code.into(), Basis::PlaceAfterDash),
                "{title}"
            );
        }
        // A kind of site: a cleaner (the whole title was an animateur of the EHPAD, 3412).
        assert_eq!(
            decided("Agent de service - EHPAD Les Glycines"),
            ("9112".into(), Basis::PlaceAfterDash)
        );
        assert_eq!(
            place_after_dash("Maçon - Gymnases du Nord"),
            Some(("Maçon", true))
        );
        // A site's part is decided by a curated title only: not ROME's sales head.
        let (code, basis) = decided("Responsable animatrice - EHPAD Les Lilas");
        assert_ne!(code, "1221");
        assert_ne!(basis, Basis::PlaceAfterDash);
        // A reference that names the post at that site is that post: the EHPAD's animateur
        // leads residents' activities (3412), not children's (5311).
        let (code, basis) = decided("Animatrice - EHPAD");
        assert_eq!(code, "3412");
        assert_ne!(basis, Basis::PlaceAfterDash);
        // The whole title covered closer than its part: the service after the dash is part of
        // the post's name, not where it sits ("Instructeur" alone is a sports instructor).
        assert_eq!(decided("Instructrice – Service de l'urbanisme").0, "3354");
        // A school's name may be a domain ("école de danse"): not a site.
        assert_eq!(place_after_dash("Professeur - école de danse"), None);
        // Words after a dash that start otherwise carry the domain that makes the code: a
        // library clerk, as "Magasinier de bibliothèque".
        let (code, basis) = decided("Magasinier - bibliothèque");
        assert_eq!(code, "4411");
        assert_ne!(basis, Basis::PlaceAfterDash);
        // A generic head alone says nothing without its service: the whole title decides.
        assert_ne!(
            decided("Responsable - service des sports").1,
            Basis::PlaceAfterDash
        );
        // Only a spaced dash sets a place apart: "Enfance-Jeunesse" is one field.
        assert_eq!(place_after_dash("Directeur Enfance-Service"), None);
        assert_eq!(
            place_after_dash("Jardinier – Ville de Brion"),
            Some(("Jardinier", false))
        );
        assert_eq!(
            place_after_dash("Jardinier - la Mairie"),
            Some(("Jardinier", false))
        );
    }

    #[test]
    fn the_post_is_read_apart_from_the_path_of_services_an_export_sets_with_it() {
        // Made-up exports of an HR information system (session 27): the path of services
        // before a spaced dash, or after the post in brackets, says where the post sits.
        for (title, code) in [
            ("DGA RESSOURCES / DRH - Gestionnaire paie", "4313"),
            (
                "DGA TERRITOIRES / SCE ROUTES - Agent d'exploitation de la route",
                "9312",
            ),
            // Not the DGA (1112): the director of the direction the bracket's DGA heads.
            ("Directeur de l'insertion (DGA SOLIDARITES)", "1344"),
        ] {
            assert_eq!(decided(title), (code.into(), Basis::ServicePath), "{title}");
        }
        assert!(opens_a_path("DGA SOLIDARITES / ASE"));
        assert!(opens_a_path("AGENCE ROUTIERE NORD)"));
        assert!(opens_a_path("SDIS 40 / Groupement est"));
        assert!(!opens_a_path("Agent d'accueil"));
        // A direction's sigle alone names the director, or whom the post serves: no path.
        assert!(!opens_a_path("DRH"));
        assert_eq!(decided("DRH - Adjoint au directeur").0, "1212");
        assert_eq!(decided("Secrétaire (DGS)").0, "3343");
        // A part after the path that names a service names no post: the title is the DGA's.
        assert_eq!(
            decided("DGA Aménagement et mobilités - service des sports").0,
            "1112"
        );
        // A bracket that names no service is the title's: "Chargé(e)" has no space before it.
        assert_ne!(
            decided("Gestionnaire carrières (SDIS)").1,
            Basis::ServicePath
        );
    }

    #[test]
    fn the_short_forms_of_hr_exports_are_read_and_ag_and_chg_only_first() {
        // Made-up exports (session 27): "AG." agent, "CHG" chargé, "EXPL." exploitation.
        for (title, code) in [
            ("AG. D'ACCUEIL", "4226"),
            ("CHG RECRUTEMENT", "2423"),
            ("AG. EXPL. ROUTES", "9312"),
        ] {
            assert_eq!(decided(title).0, code, "{title}");
        }
        // After the head noun, "AG" and "CHG" are sigles of their own, read as written.
        let sigles = |t: &str| crate::title::read_title(t).sigles;
        assert!(sigles("Chargée de l'AG").iter().all(|(s, _)| s != "ag"));
        assert!(sigles("Infirmier CHG").iter().all(|(s, _)| s != "chg"));
        assert!(sigles("CHG MISSION").iter().any(|(s, _)| s == "chg"));
    }

    #[test]
    fn a_curated_title_reads_the_words_a_nearer_reference_misreads() {
        for (title, code) in [
            // Buildings' cleaning: a cleaner, not the street sweeper of "Agent de propreté".
            ("Agent de propreté - bâtiments administratifs", "9112"),
            // Tickets sold: a ticket clerk, not the receptionist of "Agent d'accueil de la piscine".
            ("Agent d'accueil et de billetterie - piscine", "5230"),
            // New works: a civil engineering technician, not ROME's forestry works technician.
            ("Technicien travaux neufs", "3112"),
            // The CSU's screens: a CCTV operator, not a broadcasting technician (3521).
            ("Opératrice vidéo - CSU", "5414"),
        ] {
            assert_eq!(decided(title).0, code, "{title}");
        }
    }

    #[test]
    fn the_first_of_two_fields_joined_by_a_slash_is_the_main_one() {
        // The second field read as the complement made a census taker (4227) of it.
        assert_eq!(
            decided("Agent des élections / recensement"),
            ("4110".into(), Basis::FirstField)
        );
        // A feminine form, spaced or with a typo, is no second field.
        let none = TitleMatch::Unmapped {
            reason: Unmapped::LowConfidence,
            best: None,
        };
        assert_eq!(
            first_field("Conducteur / Conductrice de bulldozer", &none),
            None
        );
        assert_eq!(first_field("Commis / Cmomise de salle", &none), None);
        assert_eq!(
            first_field("Responsable aide monteur / aide monteuse", &none),
            None
        );
        assert_eq!(first_field("Maçon / carreleur", &none), Some("Maçon"));
        // The more skilled of the two fields classes the job (ISCO-08): a refuse collector
        // who drives the heavy truck is a truck driver.
        assert_eq!(decided("Ripeur / chauffeur PL").0, "8332");
    }

    /// `grade_cadre_of` asks the grade recogniser only about a curated title whose words are
    /// all words of grades: no other curated title is a grade.
    #[test]
    fn only_titles_of_grade_words_are_grades() {
        let curated = (Crosswalk::builtin().references.iter())
            .filter(|r| r.table == Table::Curated)
            .map(|r| (r.title(), normalize_title(r.title())));
        let mut open = 0;
        for (title, normalized) in curated {
            let cadre = grade_by_recogniser(title, normalized.clone());
            open += usize::from(cadre.is_some());
            assert!(
                cadre.is_none() || Grades::builtin().words_all_known(&normalized),
                "{title}"
            );
        }
        assert!(open > 10, "{open}");
    }
    use crate::grades::Share;

    fn cadre(occupations: &[(&str, f64)]) -> Cadre {
        Cadre {
            id: "t".into(),
            libelle: "T".into(),
            filiere: String::new(),
            categorie: String::new(),
            grades: Vec::new(),
            occupations: occupations
                .iter()
                .map(|&(c, s)| Share {
                    isco08: c.into(),
                    share: s,
                })
                .collect(),
            mix_source: "assumption".into(),
            justification: String::new(),
        }
    }

    #[test]
    fn the_mean_of_a_mix_is_the_share_weighted_mean_of_its_occupations() {
        let ilo = Ilo::get();
        for method in [Method::Wp140, Method::Wp96] {
            let mix = mix_scoring(&cadre(&[("9112", 0.7), ("4110", 0.3)]), method).unwrap();
            let a = ilo.figures("9112", method).unwrap().unrounded_mean;
            let b = ilo.figures("4110", method).unwrap().unrounded_mean;
            assert!((mix.figures.unrounded_mean - (0.7 * a + 0.3 * b)).abs() < 1e-12);
            let n = ilo.tasks["9112"].len() + ilo.tasks["4110"].len();
            assert_eq!(mix.tasks.len(), n);
            let total: f64 = mix.tasks.iter().map(|(w, _)| w).sum();
            assert!((total - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn a_mix_of_one_occupation_gives_the_ilo_figures() {
        let ilo = Ilo::get();
        for code in ["9112", "4110", "2221", "5412"] {
            let mix = mix_scoring(&cadre(&[(code, 1.0)]), Method::Wp140).unwrap();
            let f = ilo.figures(code, Method::Wp140).unwrap();
            assert_eq!((mix.figures.mean, mix.figures.sd), (f.mean, f.sd), "{code}");
            assert_eq!(mix.figures.class, f.class, "{code}");
            assert_eq!(mix.figures.class_other, f.class_other, "{code}");
        }
    }

    /// The decision rules' classes of titles (`tests/data/title_rules.csv`: a complement naming
    /// a domain, a head of a service, a deputy of a post, written-in forms, status words), each
    /// with titles written as authorities write them, through the analysis's entry point.
    #[test]
    fn decision_rules_read_their_classes_of_titles() {
        let table = include_str!("../tests/data/title_rules.csv");
        let mut wrong = Vec::new();
        for row in csv::Reader::from_reader(table.as_bytes()).records() {
            let row = row.expect("tests/data/title_rules.csv is valid CSV");
            let got = match resolve(&row[0]) {
                Resolved::Grade(g) => Some(
                    (g.occupation.clone()).unwrap_or_else(|| g.cadre.occupations[0].isco08.clone()),
                ),
                Resolved::Title(t) => match &*t {
                    TitleMatch::Mapped(c) => Some(c.isco08.clone()),
                    TitleMatch::Unmapped { .. } => None,
                },
            };
            let want = (!row[1].is_empty()).then(|| row[1].to_string());
            if got != want {
                wrong.push(format!("{} ({}): {got:?}, not {want:?}", &row[0], &row[2]));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// A generic head noun (agent, gestionnaire, chargé, assistant) with a complement no
    /// reference has takes a curated title of the same head at its level (`same_level_head`),
    /// not the closest title of another head; "Tech." first in a title is technicien, after a
    /// head noun technique ("Adj. tech." is the grade adjoint technique).
    #[test]
    fn a_generic_head_keeps_its_level_and_tech_reads_by_its_place() {
        let basis = |title: &str| match explain(title).title {
            Some((_, TitleMatch::Mapped(c))) => Some((c.isco08, c.reference, c.basis)),
            _ => None,
        };
        for (title, code, reference) in [
            (
                "Agent de gestion comptable - service finances",
                "4311",
                "Agent comptable",
            ),
            (
                "Gestionnaire listes électorales et recensement",
                "4110",
                "Gestionnaire des élections",
            ),
            (
                "Agent d'exploitation - station d'épuration intercommunale",
                "3132",
                "Agent de station d'épuration",
            ),
        ] {
            assert_eq!(
                basis(title),
                Some((
                    code.to_string(),
                    reference.to_string(),
                    Basis::SameLevelHead
                )),
                "{title}"
            );
        }
        let code = |title: &str| basis(title).map(|(code, reference, _)| (code, reference));
        assert_eq!(
            code("Tech. voirie et réseaux"),
            Some(("3112".to_string(), "Technicien voirie".to_string()))
        );
        assert_eq!(
            code("Adj. tech. - bâtiments communaux"),
            Some(("9622".to_string(), "Adjoint technique".to_string()))
        );
    }

    /// The code and basis of `exposure isco TITLE`'s title path, when it maps the title.
    fn explained(title: &str) -> Option<(String, Basis)> {
        match explain(title).title {
            Some((_, TitleMatch::Mapped(c))) => Some((c.isco08, c.basis)),
            _ => None,
        }
    }

    /// Each title's `exposure isco` decision is its code, on `basis`.
    fn assert_decided(titles: &[(&str, &str)], basis: Basis) {
        for (title, code) in titles {
            assert_eq!(explained(title), Some((code.to_string(), basis)), "{title}");
        }
    }

    /// No title is decided on `basis`.
    fn assert_not_decided(titles: &[&str], basis: Basis) {
        for title in titles {
            assert_ne!(explained(title).map(|(_, b)| b), Some(basis), "{title}");
        }
    }

    /// Each title's code is `code`, whatever decided it.
    fn assert_code(titles: &[&str], code: &str) {
        for title in titles {
            assert_eq!(
                explained(title).map(|(c, _)| c).as_deref(),
                Some(code),
                "{title}"
            );
        }
    }

    /// A contractual form's words open a title that is the form then the post ("Vacataire
    /// périscolaire"); after another head they name whom the post deals with, and the title
    /// goes the title path (session 29): an instructeur of childminders' approvals licenses
    /// them (3354), no childminder (5311).
    #[test]
    fn a_contract_forms_words_after_another_head_are_no_form() {
        assert!(matches!(
            resolve("Vacataire périscolaire"),
            Resolved::Grade(_)
        ));
        for title in [
            "Formateur des assistants maternels",
            "Instructrice agrément assistants familiaux",
        ] {
            assert!(matches!(resolve(title), Resolved::Title(_)), "{title}");
        }
        assert_codes(&[("Instructrice agrément assistants familiaux", "3354")]);
    }

    /// A contractual form's word after a noun that names an occupation of its own says how the
    /// post is held: the title goes the title path, not the vacataires' mix (session 30).
    #[test]
    fn a_status_word_after_an_occupation_noun_is_no_form() {
        for title in [
            "Dermatologue vacataire - PMI",
            "Pédiatre vacataire - centre de santé",
            "Cardiologue vacataire (CMS)",
        ] {
            assert!(matches!(resolve(title), Resolved::Title(_)), "{title}");
        }
        assert_codes(&[("Dermatologue vacataire - PMI", "2212")]);
        // A form first, or after a generic head, is still the form.
        for title in ["Vacataire périscolaire", "Agent vacataire"] {
            assert!(matches!(resolve(title), Resolved::Grade(_)), "{title}");
        }
    }

    /// What an agent is charged with names the post, the agent noun's level kept; a head that
    /// names a post or a manager, or several activities no reference covers together, leave
    /// the title's own decision (session 30).
    #[test]
    fn what_an_agent_is_charged_with_names_the_post() {
        assert_decided(
            &[
                ("Assistante administrative chargée de la paie", "4313"),
                ("Gestionnaire administratif en charge de la paie", "4313"),
                ("Assistante administrative chargée de la paie - DRH", "4313"),
                (
                    "Agent d'accueil chargé de l'instruction des demandes de logement",
                    "3353",
                ),
            ],
            Basis::ChargedWith,
        );
        assert_codes(&[
            (
                "Agent administratif chargé du courrier et des archives",
                "4110",
            ),
            (
                "Conducteur de travaux chargé des opérations de voirie",
                "3123",
            ),
        ]);
    }

    /// A post in an agent's own words, as a survey's free-text field holds it: the first
    /// person, a verb read as its activity, "poste de", "mon métier"; an activity leading the
    /// title; a second clause, when and where the work is done left out (session 45).
    #[test]
    fn a_post_in_an_agents_own_words_is_read_as_its_activity() {
        assert_decided(
            &[
                ("je suis à l'accueil de la mairie", "4226"),
                ("Je m'occupe des espaces verts", "6113"),
                ("je fais le ménage des bureaux le soir", "9112"),
                ("je gère le magasin des services techniques", "4321"),
                ("Je suis devant les écrans du CSU", "5414"),
                ("J'entretiens les espaces verts l'été", "6113"),
                ("je suis à la cantine le midi et je fais le ménage", "9412"),
                ("je suis jardinier", "6113"),
                // An article before a post names the post, not an activity's agent.
                ("je suis la gardienne du gymnase", "5153"),
                ("je suis l'agent d'accueil de la mairie", "4226"),
                ("Nettoyage des tags", "7133"),
                ("Gestion du magasin au centre technique", "4321"),
            ],
            Basis::OwnWords,
        );
        assert_codes(&[
            // A night's post keeps its night; a post's evening work is its own.
            ("Surveillant de l'étude du soir", "5311"),
            ("Mécano au garage", "7231"),
            ("Entretien des locaux le soir", "9112"),
            ("Surveillance de la cantine le midi", "5311"),
            // A facility a closest title covers is no activity: the accueil de loisirs.
            ("Accueil de loisirs", "1341"),
        ]);
        // A look-alike of the activity's first words is no reading of it.
        assert!(!matches!(
            resolve("Lutte contre l'isolement des seniors"),
            Resolved::Title(t) if matches!(&*t, TitleMatch::Mapped(c) if c.isco08 == "7544")
        ));
        assert_eq!(
            time_phrase_at(&["guide", "au", "chateau", "l", "ete"]),
            Some(3)
        );
        assert_eq!(time_phrase_at(&["veilleur", "de", "nuit"]), None);
    }

    /// A periphrasis, a person named by no post then what the person does, is read as the
    /// activity's agent; several activities that no reference covers together, as the first
    /// named; an agent or an employé keeps its level (session 43).
    #[test]
    fn a_periphrasis_names_the_post_by_its_activity() {
        assert_decided(
            &[
                ("Personne chargée du ménage de la salle des fêtes", "9112"),
                ("Employée affectée au prêt des documents", "4411"),
                ("Personne en charge des salaires", "4313"),
                ("Personne chargée de la paie et des congés", "4313"),
                ("Préposé à l'accueil du public", "4226"),
                ("Personnel d'encadrement des enfants de la crèche", "5311"),
            ],
            Basis::ChargedWith,
        );
        assert_eq!(activity_agent(&["controle"]), Some(("controleur", 1)));
        assert_eq!(
            activity_agent(&["salaires", "agents"]),
            Some(("gestionnaire paie", 1))
        );
        assert_eq!(activity_agent(&["menage"]), None);
        // Two words, stop words between them aside; one alone is no such activity.
        assert_eq!(
            activity_agent(&["traitements", "du", "personnel"]),
            Some(("gestionnaire paie", 3))
        );
        assert_eq!(activity_agent(&["traitements", "des", "eaux"]), None);
    }

    /// A salary's "traitements" is no water treatment: "traitements du personnel" is a payroll
    /// clerk's activity, a title's "traitement des eaux" keeps its own reading (session 44).
    #[test]
    fn a_staffs_traitements_are_salaries() {
        assert_decided(
            &[("Personne chargée des traitements des agents", "4313")],
            Basis::ChargedWith,
        );
        assert_ne!(
            explained("Agent chargé du traitement des eaux usées").map(|(c, _)| c),
            Some("4313".to_string())
        );
    }

    /// One agent's activities listed after a polyvalent post: the post, the general occupation
    /// when a polyvalent reference of its own words names it; the first activity after a post
    /// of its head and "polyvalent" alone (session 44).
    #[test]
    fn a_polyvalent_post_before_its_list_of_activities() {
        assert_decided(
            &[(
                "Ouvrier polyvalent (voirie, espaces verts, bâtiments)",
                "9622",
            )],
            Basis::CombinedPost,
        );
        assert_code(&["Agent polyvalent (ménage, cantine) - école"], "9112");
    }

    /// A repertory's family code or prefix is read apart from the métier, as written: a code
    /// of capitals and digits, capitals alone before a spaced dash, "Famille" and a name.
    #[test]
    fn a_family_code_is_read_apart_from_the_metier() {
        fn read(title: &str) -> Option<(FamilyKind, &str, &str)> {
            opening_code(title).map(|c| (c.kind, c.code, c.rest))
        }
        assert_eq!(
            read("FIN-12 Gestionnaire de paie"),
            Some((FamilyKind::Code, "FIN-12", "Gestionnaire de paie"))
        );
        assert_eq!(
            read("TECH07 - Plombier"),
            Some((FamilyKind::Code, "TECH07", "Plombier"))
        );
        assert_eq!(
            read("SPORT - Éducateur sportif"),
            Some((FamilyKind::Abbreviation, "SPORT", "Éducateur sportif"))
        );
        assert_eq!(
            read("Famille Culture et patrimoine : Guide conférencier"),
            Some((
                FamilyKind::Name,
                "Famille Culture et patrimoine",
                "Guide conférencier"
            ))
        );
        for title in [
            "Famille d'accueil - secteur nord",
            "DGS : commune de 5 000 habitants",
            "SDIS 33 - Comptable",
            "A1 Agent d'accueil",
            "RESPONSABLE DU SERVICE DES SPORTS",
            "ATSEM",
            "Facteur - tournée",
            "ADM-04",
            "RH-1234 Gestionnaire",
        ] {
            assert_eq!(read(title), None, "{title}");
        }
    }

    /// The métier after a family's code decides; a sigle that names a post, an employer, a
    /// director or a contract form is no family's, and keeps its meaning (session 44, second
    /// round).
    #[test]
    fn the_metier_after_a_family_code_decides() {
        assert_decided(
            &[
                ("FIN-12 Gestionnaire de paie", "4313"),
                ("TECH-07 Plombier chauffagiste", "7126"),
                ("TECH - Plombier chauffagiste", "7126"),
                ("RH - Gestionnaire paie", "4313"),
            ],
            Basis::FamilyCode,
        );
        // The family names what a generic métier leaves out: the whole title decides.
        assert_code(&["EV - Agent d'entretien"], "6113");
        assert_not_decided(
            &[
                "ASVP - sorties d'écoles",
                "DST - Ville de 12 000 habitants",
                "CCAS - Agent d'accueil",
                "PEC - agent d'entretien des espaces verts",
                "EJE - crèche collective",
                "CSF - CCAS",
            ],
            Basis::FamilyCode,
        );
    }

    /// An "et" before the spaced dash that sets a trade's domain apart joins the post's own
    /// fields, not the domain's: the domain names the trade; one after it still makes a second
    /// field (session 30).
    #[test]
    fn an_et_before_the_dash_is_no_second_field_of_the_domain() {
        assert_decided(
            &[
                (
                    "Agent d'entretien et de maintenance des équipements - plomberie",
                    "7126",
                ),
                (
                    "Agent d'entretien et de réparation des locaux - menuiserie",
                    "7115",
                ),
            ],
            Basis::TradeAfterHead,
        );
        assert_codes(&[("Ouvrier voirie - enrobés et petite maçonnerie", "9312")]);
    }

    /// The stems looked for first are those of the words that open what an agent is charged
    /// with.
    #[test]
    fn charged_stems_are_the_stems_of_their_words() {
        let mut stems: Vec<String> = CHARGED_WITH.iter().map(|w| crate::title::stem(w)).collect();
        stems.dedup();
        assert_eq!(stems, CHARGED_STEMS);
    }

    /// A path of services written as fields joined by spaced slashes leaves its last field,
    /// the post, to decide; two fields stay a post's two fields (session 30).
    #[test]
    fn a_path_of_slashed_fields_leaves_the_post() {
        assert_decided(
            &[
                (
                    "DGA Solidarités / Direction autonomie / Travailleur social",
                    "2635",
                ),
                ("DST / Service voirie / Chef d'équipe voirie", "3123"),
                (
                    "Direction des sports / Service piscines / Maître-nageur",
                    "3422",
                ),
            ],
            Basis::ServicePath,
        );
        assert_codes(&[("Agent d'accueil / standard / courrier", "4226")]);
    }

    /// A title's sigle is not read as a shorter sigle it starts with, whose long form is most
    /// of its own ("SIG", a geographic information system, and "SI", information systems):
    /// the best other candidate decides (session 29).
    #[test]
    fn a_longer_sigle_is_not_read_as_a_shorter_one() {
        assert_codes(&[
            ("Chef de projet SIG et données", "2165"),
            ("Cheffe de projet SIG communautaire", "2165"),
        ]);
        // The shorter sigle itself stays its reference's.
        assert_codes(&[("Chef de projet SI et données", "2511")]);
    }

    /// The sigles of the sapeurs-pompiers' alert centres, of very-high-speed networks and
    /// charging points, of waste-to-energy plants and of a département's lending library are
    /// read as their long forms, and "car" as the transport it is (session 29).
    #[test]
    fn sigles_of_sdis_networks_and_plants_and_the_car_are_read() {
        assert_codes(&[
            ("Opératrice CTA", "4223"),
            ("Opérateur CODIS", "4223"),
            ("Technicienne THD", "3522"),
            ("Rondier UVE", "3132"),
            ("Accompagnatrice en car", "5311"),
            ("Directeur de la BDP", "1349"),
            ("ACFI", "3257"),
        ]);
    }

    /// The short forms of care homes and health centres are read as their long forms (IDEC,
    /// ASG, "Kiné", "Manip"), and the reference titles of session 30 reach their class: the
    /// agent de soins and the veilleur de nuit of a care home, the tow truck's driver, the
    /// effacement of tags, the hygiene service's contrôleur (session 30).
    #[test]
    fn care_home_short_forms_and_session_30_references_are_read() {
        assert_codes(&[
            ("IDEC du SSIAD", "2221"),
            ("ASG - accueil de jour", "5321"),
            ("Kiné du CMS", "2264"),
            ("Manip. radiologie", "3211"),
            ("Veilleuse de nuit en EHPAD", "5414"),
            ("Conductrice de dépanneuse", "8332"),
            ("Agente d'effacement des graffitis", "7133"),
            ("Contrôleuse hygiène et salubrité", "3257"),
            ("Auxiliaire spécialisé vétérinaire", "3240"),
        ]);
    }

    /// The sigles of session 31 (CTG, CRTE) and the feminine "Manageuse" are read as their long
    /// forms, and the reference titles of posts created in the last ten years reach their
    /// class: the coach professionnel, the smart city's project head, the référents laïcité and
    /// égalité, the animateur of an ecological transition, the UX designer (session 31).
    #[test]
    fn recent_posts_and_session_31_sigles_are_read() {
        assert_codes(&[
            ("Coordinatrice de la CTG", "2422"),
            ("Manageuse de centre-ville", "2422"),
            ("Coach professionnelle", "2424"),
            ("Cheffe de projet ville intelligente et données", "2511"),
            ("Référente laïcité", "2422"),
            ("Référente égalité", "2422"),
            // The development table's "Animateur(trice) du CRTE - contrat de relance et de
            // transition écologique" (2422), of the same words, read last since session 49,
            // where its "Chargé(e) de mission CRTE" says 2133 and was the crosswalk's reading.
            ("Animatrice CRTE", "2422"),
            ("UX designer confirmé", "2513"),
        ]);
    }

    /// The sigles of session 33 (ACI, UE, "Écogarde") are read as their long forms, and the
    /// references it added or corrected reach their class: the energy manager, the director of
    /// a water régie (no régie de quartier), the prospection of businesses (session 33).
    #[test]
    fn ecological_transition_and_local_development_references_are_read() {
        assert_codes(&[
            ("Encadrante technique en ACI - maraîchage", "2635"),
            ("Contrôleuse des fonds UE", "2411"),
            ("Écogarde du parc départemental", "5419"),
            ("Energy manager des bâtiments communaux", "2143"),
            ("Directrice de la régie des eaux", "1321"),
            ("Chargée de prospection économique", "2422"),
        ]);
    }

    /// A domain that ends the first of two fields joined by "et" names the trade, the first
    /// field deciding; a decision of that trade's minor group, even its "not elsewhere
    /// classified" one, stands then, as the several trades are its (session 28).
    #[test]
    fn a_domain_before_et_is_the_first_field_s_trade() {
        assert_decided(
            &[
                ("Agent technique - plomberie et entretien courant", "7126"),
                (
                    "Agente des services techniques - maçonnerie et nettoyage des rues",
                    "7112",
                ),
            ],
            Basis::TradeAfterHead,
        );
        let decided = explained("Agent de maintenance - menuiserie et menus travaux");
        assert_eq!(decided.map(|(code, _)| code).as_deref(), Some("7119"));
    }

    /// A polyvalent agent of a list of activities is its first named, not a later one the
    /// closest reference names; a site first names none, and a more skilled activity the
    /// title's head noun names stands (session 28).
    #[test]
    fn a_polyvalent_agents_first_activity_decides() {
        assert_decided(
            &[("Employé polyvalent de cantine et de nettoyage", "9412")],
            Basis::FirstActivity,
        );
        let code = |title: &str| explained(title).map(|(code, _)| code);
        // A site first ("Agent de crèche" would be 5311); a later activity more skilled.
        let site = "Agente polyvalente crèche familiale - ménage, repas et lingerie";
        assert_ne!(code(site).as_deref(), Some("5311"));
        let receptionist = "Agente polyvalente cantine, accueil et entretien des locaux";
        assert_eq!(code(receptionist).as_deref(), Some("4226"));
    }

    /// The head of a team or a workshop of a trade other than a building one is classed with
    /// its workers, the first trade of its first field deciding; a building trade's head stays
    /// the construction supervisor (session 28b).
    #[test]
    fn the_head_of_a_trade_is_classed_with_its_workers() {
        assert_decided(
            &[
                // The crosswalk alone: a mechanic's workshop, unmapped, the generic 3123.
                ("Responsable d'atelier ébénisterie", "7522"),
                ("Cheffe d'équipe soudure et tôlerie", "7212"),
                ("Chef d'équipe électromécanique", "7412"),
                ("Chef d'atelier serrurerie - ateliers municipaux", "7222"),
            ],
            Basis::HeadOfATrade,
        );
        assert_codes(&[
            ("Chef d'atelier peinture", "3123"),
            ("Chef d'équipe bâtiment - électricité", "3123"),
        ]);
        // A building trade's head is the construction supervisor, where the closest reference
        // was another trade's workshop or none (session 28's integrator).
        assert_decided(
            &[
                ("Responsable d'atelier menuiserie", "3123"),
                ("Cheffe d'équipe maçonnerie", "3123"),
            ],
            Basis::HeadOfATrade,
        );
    }

    /// Each title's code, whatever the basis.
    fn assert_codes(titles: &[(&str, &str)]) {
        for (title, code) in titles {
            let got = explained(title).map(|(code, _)| code);
            assert_eq!(got.as_deref(), Some(*code), "{title}");
        }
    }

    /// A trade named after a head that names none is the post, in any gender, after a dash or
    /// not; a decision of that trade's own kind, or one covering the whole title, stands.
    #[test]
    fn a_trade_after_a_head_that_names_none_is_the_post() {
        assert_decided(
            &[
                // The crosswalk alone: a roads labourer, an odd-job person, a cleaner.
                ("Agent technique électricien", "7411"),
                ("Agente technique électricienne", "7411"),
                ("Agent polyvalent - maçon", "7112"),
                ("Agent d'entretien plombier", "7126"),
                ("Ouvrier polyvalent menuisier", "7115"),
                ("Agent technique peintre - secteur nord", "7131"),
                // A trade's domain at the end of the title, or named with what follows it as a
                // reference of its kind.
                ("Ouvrier polyvalent - serrurerie", "7222"),
                ("Agente technique bâtiments – vitrerie", "7125"),
                ("Agent technique électricité bâtiment", "7411"),
                // A decision of the trade's minor group that is its "not elsewhere classified" one.
                ("Agent de maintenance - ébénisterie", "7522"),
                ("Agent de maintenance - charpentier", "7115"),
            ],
            Basis::TradeAfterHead,
        );
        let code = |title: &str| explained(title).map(|(code, _)| code);
        for (title, stays) in [
            ("Agent technique de la voirie", "9312"),
            ("Agent d'éclairage public - électricien", "7413"),
            // A domain followed by another work, or after "et", is not the trade's.
            ("Agent de voirie - peinture routière", "9312"),
            ("Ouvrier de voirie - enrobés et maçonnerie", "9312"),
        ] {
            assert_eq!(code(title).as_deref(), Some(stays), "{title}");
        }
        // A head that names a post of its own keeps it.
        assert_ne!(
            explained("Technicien électricien").map(|(_, b)| b),
            Some(Basis::TradeAfterHead)
        );
        // A domain alone after a grade of several occupations names the post as a trade does.
        assert_eq!(
            explained("Adjoint technique - plâtrerie"),
            Some(("7123".to_string(), Basis::AfterGrade))
        );
        // So does a domain among other words after such a grade, read as after "agent": a
        // place or another trade before or after it.
        assert_decided(
            &[
                ("Adjoint technique patrimoine bâti - couverture", "7121"),
                ("Adjointe technique principale bâtiment - carrelage", "7122"),
                ("ADJ. TECHNIQUE ECOLES - SERRURERIE", "7222"),
            ],
            Basis::AfterGrade,
        );
        // Words after the grade that name a post of their own keep it, a domain in them aside.
        assert_ne!(
            explained("Adjoint technique - vendeuse en carrelage").map(|(code, _)| code),
            Some("7122".to_string())
        );
        // A reference covering the whole title under the grade's floor, a post the title only
        // half names, gives way to the trade: after a grade found in a part, the métier wins.
        assert_decided(
            &[
                ("Agent technique - plomberie", "7126"),
                ("Agent technique maçonnerie", "7112"),
            ],
            Basis::TradeAfterHead,
        );
    }

    /// Every domain of `data/isco/trade_domains.csv` names a trade the rule reads: a curated
    /// title of one word of ISCO-08 major groups 6 to 8, and a stem of its own.
    #[test]
    fn each_trade_domain_names_a_curated_trade() {
        let stems = trade_stems();
        let rows = TRADE_DOMAINS.lines().skip(1).count();
        let domains = stems.trades.values().filter(|t| t.domain).count();
        assert_eq!(
            rows, domains,
            "two domains of one stem, or a domain stemmed as a trade"
        );
        for t in stems.trades.values().filter(|t| t.domain) {
            assert!(
                (stems.trades.values()).any(|o| !o.domain && o.title == t.title),
                "{}",
                t.title
            );
        }
    }

    /// A title that names no manager, decided as one by a reference that adds a manager's word,
    /// is its head noun's occupation; one that names the manager keeps the manager.
    #[test]
    fn a_worker_is_not_read_as_the_manager_a_reference_adds() {
        assert_decided(
            &[
                ("Puéricultrice de la crèche municipale", "2221"),
                ("Puériculteur en pouponnière", "2221"),
            ],
            Basis::ManagerNotNamed,
        );
        let code = |title: &str| explained(title).map(|(code, _)| code);
        for title in [
            "Puéricultrice responsable de crèche",
            "Puériculteur directeur de la crèche",
        ] {
            assert_eq!(code(title).as_deref(), Some("1341"), "{title}");
        }
    }

    /// After a grade of clerks, an office's work that names no post is read after "agent"
    /// (session 27): a secretary, an accounts clerk; a work whose agent is no occupation of the
    /// cadre (the courrier's postman, 4412) leaves the grade's clerk.
    #[test]
    fn an_offices_work_after_a_grade_of_clerks_is_its_agents() {
        assert_decided(
            &[
                (
                    "Adjoint administratif - secrétariat du pôle enfance",
                    "4120",
                ),
                ("Adjoint administratif - comptabilité fournisseurs", "4311"),
            ],
            Basis::AfterGrade,
        );
        assert_eq!(decided("Adjoint administratif - courrier").0, "4110");
    }

    /// After a grade of another cadre of several occupations, a field's work that names no
    /// post is read after "agent" too, when a curated title of those words alone is one of the
    /// cadre's occupations at a skill level the grade reaches (session 43): the gardener of the
    /// espaces verts, the roads labourer of the voirie, a status before the work aside. The
    /// grade abbreviated and found in one part of the title reads it the same way.
    #[test]
    fn a_fields_work_after_a_grade_of_several_occupations_is_its_agents() {
        for (title, code) in [
            (
                "Adjointe technique principale de 1re classe - voirie",
                "9312",
            ),
            ("Adj. tech. territorial - espaces verts", "6113"),
            ("Adjointe technique - Vacataire voirie", "9312"),
        ] {
            assert_eq!(
                decided(title),
                (code.to_string(), Basis::AfterGrade),
                "{title}"
            );
            assert_eq!(
                explained(title),
                Some((code.to_string(), Basis::AfterGrade)),
                "{title}"
            );
        }
        // A service says where the grade works; a site is no lower occupation of the cadre
        // (the library clerk, 4411, for an assistant de conservation); a post named after the
        // grade is no work ("second de cuisine" is no "Agent de cuisine"), nor when the grade's
        // reading takes its first word as a rank ("chef").
        assert_not_decided(
            &[
                "Adjoint technique - service des sports",
                "Assistante de conservation - médiathèque du centre",
                "Adjoint technique - second de cuisine",
                "Adjointe technique - chef de la cuisine centrale",
            ],
            Basis::AfterGrade,
        );
    }

    /// After a grade most of whose agents hold one occupation, a speciality that names
    /// another of its cadre's occupations takes it (session 27): a dance or drama teacher
    /// among the music teachers of the conservatoire's cadres; an instrument keeps music, and a
    /// word of the sports educators' cadre the leading occupation, 3422.
    #[test]
    fn a_speciality_after_a_grade_names_another_occupation_of_its_cadre() {
        assert_decided(
            &[
                (
                    "Professeur d'enseignement artistique - danse contemporaine",
                    "2355",
                ),
                ("Assistante d'enseignement artistique - théâtre", "2355"),
            ],
            Basis::AfterGrade,
        );
        assert_eq!(
            decided("Assistant d'enseignement artistique - violoncelle").0,
            "2354"
        );
        assert_eq!(decided("Éducatrice des APS - aquagym").0, "3422");
        // The grade's own name cut or mistyped is no speciality after it.
        assert_eq!(
            decided("Educatrice des activités physiques et sprotive").0,
            "3422"
        );
    }

    /// A chef d'atelier is the responsable d'atelier of the same trade (session 27): the
    /// garage's is a mechanic, 7231; the workshop alone stays the technical services'
    /// supervisor, 3123; a responsable d'atelier of industry keeps the ROME's own title.
    #[test]
    fn a_chef_datelier_is_the_responsable_datelier_of_its_trade() {
        assert_eq!(decided("Cheffe d'atelier mécanique du CTM").0, "7231");
        assert_eq!(decided("Chef d'atelier").0, "3123");
        assert_eq!(
            decided("Responsable d'atelier de maintenance industrielle").0,
            "3115"
        );
    }

    /// "Affaires" names no field: the word after it does (session 27), so land affairs are a
    /// property officer's (3334), not the school affairs' clerk that shares "affaires".
    #[test]
    fn affaires_hands_its_field_to_the_word_after_it() {
        assert_eq!(
            decided("Gestionnaire affaires foncières et domaniales").0,
            "3334"
        );
        assert_eq!(decided("Agente des affaires foncières").0, "3334");
        assert_eq!(decided("Gestionnaire des affaires scolaires").0, "4110");
    }

    /// A frame noun ("ressources", "parc", "action", "acquisitions", "matériels") names no
    /// field: the word right after it does (session 45). A reference with the frame and
    /// another field is a look-alike, halved: not the chargé of the action culturelle nor of
    /// human resources; the title read with its field in the frame's place is the land
    /// officer's, the property manager's (basis `frame_field`). The frame's own field still
    /// names its reference.
    #[test]
    fn a_frame_noun_is_read_through_its_field() {
        assert_eq!(
            decided("Chargée de l'action foncière et immobilière"),
            ("3334".to_string(), Basis::FrameField)
        );
        assert_eq!(decided("Gestionnaire du parc locatif social").0, "3334");
        // The frame's article goes with it in the reading shown ("de foncière", no "de l'").
        let Resolved::Title(t) = resolve("Chargé de l'action foncière") else {
            panic!("a title")
        };
        let TitleMatch::Mapped(c) = &*t else {
            panic!("mapped")
        };
        let matched = c.reading.as_ref().and_then(|r| r.matched.clone());
        assert_eq!(matched.as_deref(), Some("charge de fonciere"));
        assert_ne!(
            decided_or_unmapped("Chargé des ressources pédagogiques"),
            Some("2423".to_string())
        );
        assert_eq!(decided("Chargé des ressources humaines").0, "2423");
        // A field cut short with a dot is the reference's field written in full.
        // (Not the coded "Réparateur(trice) de matériels espaces verts", 7233, closer by its
        // words, which lacks the one the reference reads: `coded_title`.)
        assert_eq!(decided("Réparateur de matériels photo.").0, "7421");
        assert_eq!(
            decided("Chargée de l'action culturelle et patrimoniale").0,
            "2422"
        );
        assert_eq!(
            decided("Gestionnaire de parc informatique - collèges").0,
            "3512"
        );
    }

    /// "Mobilité" is the staff's or the town's transport by its context (session 46): with no
    /// word of the staff's careers, a title that a personnel professional's title read is the
    /// transport planner's (basis `transport_mobility`); with one ("carrières", "interne", "RH"
    /// by the long form of "DRH"), or as the curated title's own words, it stays the staff's.
    #[test]
    fn mobilite_is_the_staffs_or_the_towns_by_its_context() {
        assert_eq!(
            decided("Chargé d'études mobilités actives"),
            ("2164".to_string(), Basis::TransportMobility)
        );
        assert_eq!(
            decided("Chargée des mobilités - direction de la voirie").0,
            "2164"
        );
        assert_eq!(decided("Chargée de la mobilité et des carrières").0, "2423");
        assert_eq!(decided("Chargé de mobilité interne").0, "2423");
        assert_eq!(decided("Conseiller mobilité - DRH").0, "2423");
        assert_eq!(decided("Chargé de la mobilité").0, "2423");
        assert_eq!(decided("Chargée de mission mobilité").0, "2164");
    }

    /// Session 47 (s47-deva), titles written apart from the tables: an assistant of a
    /// director, an elected body or a service is an executive secretary; a general office
    /// clerk's records after a dash are a licensing official's; a surveillant is the agent de
    /// surveillance of the same words; a site's reference gives way to the part before its
    /// dash when that part names more of the post. Each leaves its neighbours alone.
    #[test]
    fn assistants_records_surveillants_and_sites_of_session_47() {
        assert_eq!(
            decided("Assistante du président du conseil départemental"),
            ("3343".to_string(), Basis::AssistantOfADirection)
        );
        assert_eq!(
            decided("Assistant de la directrice générale adjointe"),
            ("3343".to_string(), Basis::AssistantOfADirection)
        );
        assert_eq!(decided("Assistant du service social").0, "2635");
        assert_eq!(
            decided("Assistant administratif - direction de la culture").0,
            "4110"
        );
        assert_eq!(
            decided("Agent de l'accueil population - passeports"),
            ("3354".to_string(), Basis::RecordsAfterService)
        );
        assert_eq!(
            decided("Agent des formalités administratives - élections").0,
            "4110"
        );
        assert_eq!(
            decided("Surveillant du restaurant scolaire"),
            ("5311".to_string(), Basis::SurveillantAsAgent)
        );
        assert_eq!(decided("Surveillant de baignade").0, "5419");
        assert_eq!(
            decided("Agent d'accueil et de caisse - gymnase"),
            ("5230".to_string(), Basis::PlaceAfterDash)
        );
    }

    /// Session 48 (s48-deva), titles written apart from the tables: a status before a post's
    /// own head noun is that post, the statute's article aside; a contract's article and its
    /// grounds are the form's words; a library's or an archives' magasinier keeps its
    /// documents; a résidence, a foyer and a care service's sigle after a dash are sites.
    /// Each leaves its neighbours alone.
    #[test]
    fn statuses_magasins_and_care_sites_of_session_48() {
        assert_codes(&[
            ("Vacataire - psychologue du CCAS", "2634"),
            ("Contractuelle art. 3-3 2° - psychologue du CIAS", "2634"),
        ]);
        assert_ne!(
            decided("Vacataire - psychologue du CCAS").1,
            Basis::AfterStatus
        );
        assert_eq!(decided("Saisonnier espaces verts").0, "6113");
        assert_eq!(
            decided("Contractuel art. 3-2 (vacance temporaire d'emploi) - gestionnaire de paie").0,
            "4313"
        );
        assert_decided(
            &[
                ("Magasinier - salle de lecture de la bibliothèque", "4411"),
                ("Agent de magasinage - archives communales", "4415"),
            ],
            Basis::Domain,
        );
        assert_codes(&[
            ("Magasinier - centre technique municipal", "4321"),
            ("Agent de magasinage", "9333"),
            ("Agent hôtelier - foyer logement Les Lilas", "9112"),
            ("Secrétaire médicale - CMS", "3344"),
        ]);
    }

    /// Session 48: a frame noun nothing else maps, read through the agent of its field; and a
    /// longer sigle that names, alone, the occupation of the shorter's reference.
    #[test]
    fn frames_read_through_their_agents_of_session_48() {
        // A gestionnaire as its field's agent, then its chargé, as a clerk or an associate
        // professional.
        assert_eq!(
            decided("Gestionnaire des actes de naissance"),
            ("4110".to_string(), Basis::FrameAsAgent)
        );
        assert_eq!(
            decided("Gestionnaire du concours d'attaché"),
            ("4416".to_string(), Basis::FrameAsAgent)
        );
        // Not a cleaner's reading (9112), nor a chargé's reference that misses the field.
        // (Unmapped by the rules; the development table's own title, read last since session
        // 49, codes it as the collège's gestionnaire, 3343.)
        assert_eq!(
            decided_or_unmapped("Gestionnaire de collège").as_deref(),
            Some("3343")
        );
        // (The development table's own title, read last since session 49: its billing clerk.)
        assert_eq!(
            decided_or_unmapped("Gestionnaire de la redevance incitative - relation usagers")
                .as_deref(),
            Some("4311")
        );
        // A team head takes its agents' code, a head of a field a supervisor's.
        assert_eq!(
            decided("Chef d'équipe logistique des fêtes"),
            ("9333".to_string(), Basis::FrameAsAgent)
        );
        assert_eq!(
            decided("Responsable viabilité hivernale"),
            ("3123".to_string(), Basis::FrameAsAgent)
        );
        // A head followed by an occupation's noun names that occupation's head, not its agent
        // (unmapped by the rules; the coded titles, read last since session 49, give the
        // curator, 2621).
        assert_not_decided(
            &["Chef de service conservateur du patrimoine"],
            Basis::FrameAsAgent,
        );
        // SIRH is an information system's post, as SI; SIG the geomatician's.
        assert_eq!(decided("Chef de projet SIRH et paie").0, "2511");
        assert_eq!(decided("Chef de projet SIG").0, "2165");
    }

    /// The code of a title decided by the crosswalk, `None` when unmapped.
    fn decided_or_unmapped(title: &str) -> Option<String> {
        match resolve(title) {
            Resolved::Title(t) => match &*t {
                TitleMatch::Mapped(c) => Some(c.isco08.clone()),
                TitleMatch::Unmapped { .. } => None,
            },
            Resolved::Grade(g) => Some(g.grade.clone()),
        }
    }

    /// France Rénov', the public service of housing's energy renovation, is no France
    /// Services office: its conseiller advises on renovation work (3112; session 45).
    #[test]
    fn france_renov_is_no_france_services_office() {
        assert_eq!(
            decided("Conseillère France Rénov' - pôle habitat"),
            ("3112".to_string(), Basis::NamedPlace)
        );
        assert_eq!(decided("Conseiller France Services").0, "4229");
    }

    /// A département's and a métropole's posts (session 46, s46-posts): a trade's domain set
    /// apart by spaced dashes, what follows the next dash a site, not another work (a domain
    /// of the decision's own minor group, "éclairage public", and a domain followed by its own
    /// work, "peinture routière", stand); an espace de vie sociale, a centre social's smaller
    /// form, read as one; a road, traffic or sanitation theme of a chargé d'études; the
    /// vocabulary of ferries, a base de plein air, a thermicien, the language
    /// teacher of périscolaire time, business support and the inspecteur of the ASE; a head
    /// noun of five letters with two neighbours swapped read as its head ("Cahrgée").
    #[test]
    fn departements_and_metropoles_posts_are_read() {
        assert_decided(
            &[
                (
                    "Agent technique - électricité - collèges du secteur ouest",
                    "7411",
                ),
                (
                    "Ouvrier polyvalent - peinture - bâtiments départementaux",
                    "7131",
                ),
                ("Agent de maintenance - menuiserie - collèges", "7115"),
            ],
            Basis::TradeAfterHead,
        );
        assert_codes(&[
            (
                "Agent de maintenance - électricité - éclairage public",
                "7413",
            ),
            ("Agent technique - peinture routière - secteur nord", "9312"),
            ("Animatrice de l'espace de vie sociale des Tilleuls", "3412"),
            ("Chargée d'études routières - service des routes", "2142"),
            ("Chargé d'études circulation", "2164"),
            ("Chargée d'études assainissement et eaux pluviales", "2142"),
            ("Conducteur d'engnis de terrassement", "8342"),
            ("Agente de bac de passage", "8350"),
            ("Matelot de bac - Gironde", "8350"),
            ("Thermicien des bâtiments communaux", "3113"),
            ("Cahrgée d'études déchets", "2133"),
            ("Directrice de la base de plein air et de loisirs", "1431"),
            ("Intervenante en langues - ateliers du mercredi", "2353"),
            (
                "Chargée d'accompagnement à la création d'entreprises",
                "2422",
            ),
            ("Inspectrice enfance famille", "1344"),
        ]);
    }

    /// The office of a school restaurant or a crèche is a place of catering, not a business
    /// office: the head of a catering office is classed with the agents d'office (9412), not
    /// as the ROME's "Office manager" (3343), who keeps his code (session 45).
    #[test]
    fn a_catering_office_is_no_business_office() {
        assert_eq!(
            decided("Responsable d'office de restauration - EHPAD").0,
            "9412"
        );
        // The business office's manager keeps the ROME's code.
        assert_eq!(decided("Office manager").0, "3343");
    }

    #[test]
    fn an_unmapped_chef_de_service_is_read_as_its_responsable() {
        assert_decided(
            &[
                ("Chef de service de l'insertion professionnelle", "1344"),
                (
                    "Chef du service de l'insertion par l'activité économique",
                    "1344",
                ),
            ],
            Basis::ChefAsResponsable,
        );
        // A chef de service the crosswalk decides keeps its reading: the head of a team of
        // receptionists is their supervisor, no manager.
        assert_eq!(
            explained("Chef de service agent d'accueil").map(|(code, _)| code),
            Some("3341".to_string())
        );
    }

    #[test]
    fn the_head_of_a_social_service_no_reference_reaches_is_a_social_welfare_manager() {
        assert_decided(
            &[
                (
                    "Responsable du service de la lutte contre l'exclusion",
                    "1344",
                ),
                ("Responsable service seniors et handicap", "1344"),
                (
                    "Cheffe du service de l'accès aux droits des usagers",
                    "1344",
                ),
            ],
            Basis::HeadOfASocialService,
        );
        // Housing is no social work, nor a market's droits de place.
        for title in [
            "Responsable du service logement social",
            "Responsable du service des droits de place",
        ] {
            assert_ne!(
                explained(title).map(|(_, basis)| basis),
                Some(Basis::HeadOfASocialService),
                "{title}"
            );
        }
    }

    #[test]
    fn a_network_with_telecoms_or_computing_is_a_computer_network() {
        assert_decided(
            &[
                ("Technicienne réseaux et téléphonie du siège", "3513"),
                ("Technicien de réseaux et de téléphonie", "3513"),
                ("Ingénieur réseaux et télécommunications", "2523"),
            ],
            Basis::ComputerNetworks,
        );
        // A "télé" an export cut last, after a network, is telecoms.
        assert_decided(
            &[("Technicienne réseaux et télé", "3513")],
            Basis::ComputerNetworks,
        );
        // Water networks stay civil engineering; "information" is no computing word.
        for (title, code) in [
            ("Technicien réseaux d'eau potable", "3112"),
            ("Agent d'information du réseau de transport", "4229"),
        ] {
            assert_eq!(
                explained(title).map(|(c, _)| c),
                Some(code.to_string()),
                "{title}"
            );
        }
    }

    /// A status word names a learner's or a temporary worker's post: no chef de service read as
    /// the responsable, nor as the head of a social service (session 34, second round).
    #[test]
    fn a_status_word_is_no_head_of_a_service() {
        for title in [
            "Chef de service vacataire aménagements paysagers",
            "Chef de service stagiaire - maintien à domicile",
        ] {
            let basis = explained(title).map(|(_, basis)| basis);
            assert!(
                !matches!(
                    basis,
                    Some(Basis::ChefAsResponsable | Basis::HeadOfASocialService)
                ),
                "{title}: {basis:?}"
            );
        }
    }

    /// A word cut before completions that stem alike (sport, sports, sportif, sportives) has
    /// one reading: the family's, not none for want of one token clearly ahead (session 36,
    /// second round).
    #[test]
    fn a_word_cut_before_completions_of_one_stem_is_read() {
        assert_decided(
            &[
                ("Directrice du service des spo", "1431"),
                ("Educatrice spo", "3422"),
            ],
            Basis::Truncated,
        );
        assert!(crate::isco::inflects("sport", "sportives"));
        assert!(!crate::isco::inflects("commun", "communication"));
    }

    /// A driver of light and heavy vehicles drives the heavy one (session 34, second round),
    /// whichever sigle comes first; a light vehicle's driver alone stays one.
    /// A title an export cut at its field length is read whole (session 35): a connective
    /// left dangling dropped, a last word cut short read as the word the reference titles
    /// sharing the title's other words use. A known last word, a sigle, a stub of two letters
    /// and a stub no reference title holds with the title's other words stay as written.
    #[test]
    fn a_title_cut_by_an_export_is_read_whole() {
        assert_decided(
            &[
                ("RESPONSABLE DES AFFAIRES SCOL", "1345"),
                ("GESTIONNAIRE DES MARCHES PUBL", "3323"),
                ("AGENT D'ENTRETIEN DES LOCAUX ET", "9112"),
                ("Chargée d'accueil et de", "4226"),
            ],
            Basis::Truncated,
        );
        assert_not_decided(
            &[
                "Agent d'accueil - Mairie de Vic",
                "Jardinier - secteur Est",
                "Technicien SIG",
                "Agent des écoles - groupe scolaire Pasteur",
                "RESPONSABLE DU SERVICE DE LA COMMANDE PU",
            ],
            Basis::Truncated,
        );
        let read = |title: &str| match crate::occupation::explain(title).title {
            Some((_, TitleMatch::Mapped(c))) => c.reading.and_then(|r| r.matched),
            _ => None,
        };
        assert_eq!(
            read("GESTIONNAIRE DES MARCHES PUBL").as_deref(),
            Some("gestionnaire des marches public")
        );
    }

    /// A typo in the head noun that the crosswalk's own typos do not read (its last letters
    /// swapped or changed) is corrected to the one head noun one edit from it (session 35);
    /// a known word, a word that heads no reference title within one edit, and a head the
    /// crosswalk read already are left as written.
    #[test]
    fn a_typo_in_the_head_noun_is_read_as_the_one_head_noun_one_edit_from_it() {
        assert_decided(
            &[
                ("Comptabel fournisseurs", "4311"),
                ("Bibliothécaier jeunesse", "2622"),
                ("Menuisiet d'agencement", "7115"),
            ],
            Basis::HeadNounTypo,
        );
        assert_not_decided(
            &[
                "Listes électorales",
                "Passation des marchés",
                "Ilotage de quartier",
                "Jardinnier espaces verts",
                "Plomberi",
                "Médiatr. sociale de quartier",
            ],
            Basis::HeadNounTypo,
        );
    }

    /// Words shortened with a dot that no table knows ("hosp.", "publ.") are read as the words
    /// of the vocabulary they start (session 36); a sigle or short form the tables read
    /// ("Resp.", "serv.", "adm."), a word whose completion the reference titles do not settle,
    /// and a title without a dot are left; the short form of "instructeur" is an instructeur
    /// of files as the word is.
    #[test]
    fn words_shortened_with_a_dot_are_read_as_the_words_they_start() {
        assert_decided(
            &[
                ("Agente de serv. hosp. de nuit", "9112"),
                ("Gest. des marchés publ. et contrats", "3323"),
            ],
            Basis::Abbreviated,
        );
        assert_not_decided(
            &[
                "Médiatr. sociale de quartier",
                "Resp. serv. compta.",
                "Adj. adm. ppal 2e cl.",
                "Agent serv hosp",
                "Standardiste tél. et courrier",
                "Assis. de gestion des subventions",
            ],
            Basis::Abbreviated,
        );
        assert_decided(&[("Instr. dossiers RSA", "3353")], Basis::Instruction);
    }

    /// A territorial body, facility or place named in a title, whose first word a reference
    /// read as an occupation's, is read as the field it says (session 36); a reference that
    /// names the whole place, and a title whose reading keeps its code, stand.
    #[test]
    fn a_place_named_in_a_title_is_read_as_its_field() {
        assert_decided(
            &[
                ("Employée de la caisse des écoles", "4110"),
                ("Agent de salle polyvalente", "5153"),
                ("Directrice du centre de supervision urbain", "1349"),
                ("Responsable de la maison France Services", "3341"),
                (
                    "Gestionnaire locatif du parc de logements de la ville",
                    "3334",
                ),
            ],
            Basis::NamedPlace,
        );
        assert_not_decided(
            &[
                "Opératrice du centre de supervision urbain",
                "Agent d'entretien de la salle des fêtes",
                "Agent de caisse",
                "Serveur en salle",
            ],
            Basis::NamedPlace,
        );
    }

    /// A typo in a feminine head noun, whose stem keeps the broken ending ("animatirc"), is
    /// read against the head nouns' written forms (session 36): the reference heads are stems,
    /// masculine; a word one edit from two heads' forms is left.
    #[test]
    fn a_typo_in_a_feminine_head_noun_is_read_as_its_head() {
        assert_decided(
            &[
                ("Educatirce spécialisée", "2635"),
                ("Jardinère des espaces verts", "6113"),
            ],
            Basis::HeadNounTypo,
        );
        assert_not_decided(
            &["Animatrices périscolaires", "Educatrice spécialisée"],
            Basis::HeadNounTypo,
        );
    }

    /// The head of a service matched to a clerk's title of its own head word that names no
    /// service ("Responsable de la paie", 4313) heads the service of those clerks: their
    /// supervisor, 3341 (session 35); the clerk's title itself keeps its code.
    #[test]
    fn the_head_of_a_service_of_clerks_is_their_supervisor() {
        assert_code(
            &[
                "Chef du service de la paie",
                "Responsable du service paie - DRH",
            ],
            "3341",
        );
        assert_code(&["Responsable de la paie", "Responsable paie"], "4313");
    }

    #[test]
    fn a_driver_of_light_and_heavy_vehicles_drives_the_heavy_one() {
        assert_decided(
            &[
                ("Conductrice VL / PL du parc auto", "8332"),
                ("Chauffeur VL et PL - régie voirie", "8332"),
            ],
            Basis::HeavyAndLightVehicles,
        );
        assert_eq!(
            explained("Conducteur VL du parc auto").map(|(c, _)| c),
            Some("8322".to_string())
        );
    }

    /// What a maintenance agent maintains names its trade (session 48); a site names none.
    #[test]
    fn the_object_of_a_maintenance_names_its_trade() {
        assert_decided(
            &[
                (
                    "Agente de maintenance des feux de signalisation tricolores",
                    "7413",
                ),
                ("Agente de maintenance du parc automobile", "7231"),
                ("Agent de maintenance des chaufferies", "7127"),
            ],
            Basis::ObjectOfMaintenance,
        );
        assert_code(
            &[
                "Agent de maintenance des écoles",
                "Agent de maintenance - gymnase",
                "Agent de maintenance",
            ],
            "7119",
        );
    }

    /// A réparateur nothing maps is the mécanicien of the same words (session 48).
    #[test]
    fn a_reparateur_is_a_mecanicien() {
        assert_decided(
            &[("Réparatrice de matériels des espaces verts", "7233")],
            Basis::ReparateurAsMecanicien,
        );
    }

    /// The police of a field is its control; the police municipale stays a police force.
    #[test]
    fn the_police_of_a_field_is_its_control() {
        assert_decided(
            &[("Agente de police de l'urbanisme - secteur sud", "3112")],
            Basis::PoliceOfAField,
        );
        assert_code(&["Agent de police municipale"], "5412");
    }

    #[test]
    fn an_animateur_of_a_programme_is_a_development_agent() {
        assert_decided(
            &[
                ("Animateur de l'incubateur d'entreprises", "2422"),
                ("Animatrice filière bois", "2422"),
                ("Animatrice du programme alimentaire territorial", "2133"),
                // The chargé's theme read past a frame the plan communal de sauvegarde shares.
                ("Animateur du plan climat intercommunal", "2133"),
                ("Animatrice du contrat de rivière", "2133"),
            ],
            Basis::AnimateurOfAProgramme,
        );
    }

    #[test]
    fn a_beach_club_and_a_typo_of_a_childrens_word_keep_the_childrens_animateur() {
        assert_code(
            &[
                "Animatrice club de plage des Sables",
                "Animatrice du temps de cnatine",
                "Animatrice temps mréidien des Acacias",
            ],
            "5311",
        );
    }

    /// An animateur of another public than children is the socio-cultural animateur; with a
    /// children's setting (or its short form), a name or nothing else, the bare "Animateur"
    /// stays the children's (session 33).
    #[test]
    fn an_animateur_of_another_public_is_socio_cultural() {
        assert_decided(
            &[
                ("Animateur des jardins familiaux", "3412"),
                ("Animateur de la maison des familles", "3412"),
            ],
            Basis::AnimateurOfAnotherPublic,
        );
        assert_code(
            &[
                "Animatrice centre de loisirs des Tilleuls",
                "Animateur péris. - groupe scolaire Jaurès",
                "Animatrice mérid. - école des Lilas",
                "Animatrice vacances - colonie",
                // A name the vocabulary does not hold names no public.
                "Animateur des Tilleuls",
            ],
            "5311",
        );
    }

    /// A status word before a domain, not a post, is the agent of that domain; before a
    /// post, that post (the crosswalk alone).
    #[test]
    fn a_status_word_before_a_domain_is_the_domains_agent() {
        assert_decided(
            &[
                ("Saisonnière espaces verts", "6113"),
                ("Vacataire voirie", "9312"),
                ("Apprenti(e) menuiserie", "7115"),
                // The landscape's domain, as noun or adjective: a gardener.
                ("Vacataire travaux paysagers", "6113"),
                ("Contractuelle paysage", "6113"),
            ],
            Basis::AfterStatus,
        );
        assert_eq!(
            explained("Saisonnier agent d'accueil"),
            Some(("4226".to_string(), Basis::WholeTitle))
        );
    }

    /// A grade, then a spaced dash or slash, then the post the agent holds: the post decides,
    /// within the level of the grade's cadre; a domain or a lower field leaves the grade.
    #[test]
    fn the_post_after_a_grade_and_a_dash_decides() {
        assert_decided(
            &[
                (
                    "Bibliothécaire principal - directeur de la lecture publique",
                    "1349",
                ),
                (
                    "Adjoint du patrimoine principal - agent de surveillance de musée",
                    "5414",
                ),
                // A slash before a manager's post: the function the grade holds.
                (
                    "Conservateur du patrimoine / directeur des archives",
                    "1349",
                ),
            ],
            Basis::GradeThenPost,
        );
        for title in [
            // A domain names no one.
            "Bibliothécaire principal - fonds patrimoniaux",
            // A post above the cadre's most skilled occupation.
            "Adjoint technique principal - DGS",
            // A slash joins a post's two fields, the first the main one.
            "ATSEM principal / agent d'entretien",
        ] {
            assert_ne!(
                explained(title).map(|(_, b)| b),
                Some(Basis::GradeThenPost),
                "{title}"
            );
        }
    }

    /// A spaced colon or a comma sets the post apart from the grade as a dash does, and a
    /// grade of catégorie B (skill level 3) may head a service: ISCO-08 gives its managers
    /// skill levels 3 and 4. A grade of catégorie C still holds no manager's post.
    #[test]
    fn a_colon_or_a_comma_sets_the_post_apart_and_a_b_grade_heads_a_service() {
        assert_decided(
            &[
                (
                    "Technicien principal : responsable du service des espaces verts",
                    "1311",
                ),
                ("Rédacteur, responsable du service des sports", "1431"),
                ("Éducateur des APS principal - directeur des sports", "1431"),
            ],
            Basis::GradeThenPost,
        );
        assert_ne!(
            explained("Adjoint technique : directeur général des services").map(|(_, b)| b),
            Some(Basis::GradeThenPost)
        );
    }

    /// A grade, then the post in a bracket that closes the title, as tableaux des emplois
    /// write it: the grade recogniser sets the bracket aside as a remark, and the post it names
    /// decides; a remark that names no post ("(cat. A)", "(ancien grade)") leaves the grade.
    #[test]
    fn the_post_in_a_bracket_after_a_grade_decides() {
        assert_decided(
            &[
                ("Attaché (juriste marchés publics)", "2611"),
                ("Technicien principal (chef du service voirie)", "1323"),
            ],
            Basis::GradeThenPost,
        );
        for title in ["Attaché (cat. A)", "Adjoint administratif (ancien grade)"] {
            assert!(matches!(resolve(title), Resolved::Grade(_)), "{title}");
        }
    }

    /// The head of a service after a grade and a separator, by the word or a sigle of one:
    /// the head's code the post alone reaches at the floor, at any stage, is the title's (the
    /// clerks' supervisor, a manager), and a chef reads as the responsable of the same
    /// service; a grade of catégorie C still heads none.
    #[test]
    fn a_head_of_a_service_after_a_grade_is_the_post() {
        assert_decided(
            &[
                // The journalists' "Rédacteur en chef", before.
                (
                    "Rédacteur principal : chef du service des élections",
                    "3341",
                ),
                // The technicians' mix, before: a workshop's head, matched under 0.75.
                ("Technicien - chef de l'atelier de menuiserie bois", "3123"),
                // The grade's title, before: the chef's words miss the directeur's reference.
                ("Attaché principal, chef du service de la jeunesse", "1344"),
            ],
            Basis::GradeThenPost,
        );
        assert_ne!(
            explained("Adjoint administratif principal - chef du service des élections")
                .map(|(_, b)| b),
            Some(Basis::GradeThenPost)
        );
    }

    /// A reference that covers the whole title by the grade's word and the service's field,
    /// leaving out the head of the service named after the separator (read there as a rank),
    /// gives way to the post: a head of that service, not the grade's technician.
    #[test]
    fn a_service_heads_word_left_out_of_the_whole_titles_reference_names_the_post() {
        assert_decided(
            &[
                // The technicians' "Technicien bâtiment", 3112, before.
                (
                    "Technicien principal, chef du service des bâtiments",
                    "1323",
                ),
            ],
            Basis::GradeThenPost,
        );
    }

    /// A reference that reads a grade's word with the head noun of the post after the
    /// separator, as one phrase ("Rédacteur en chef"), is a look-alike: the grade alone
    /// decides. One that reads the grade's word with the post's other words stands.
    #[test]
    fn a_look_alike_across_the_separator_gives_way_to_the_grade() {
        assert_decided(
            &[
                ("Rédacteur : chef de projet ressources", "3343"),
                ("Rédacteur: chef de projet ressources", "3343"),
            ],
            Basis::GradeThenPost,
        );
        assert_ne!(
            explained("Ingénieur principal - architecte réseaux informatiques").map(|(_, b)| b),
            Some(Basis::GradeThenPost)
        );
    }

    /// A status word right before a post the crosswalk matches under `GRADE_FLOOR`: the
    /// post's reading (flagged, or unmapped with its candidates), never the form's mix at
    /// 0.90; the status word alone stays the mix.
    #[test]
    fn a_status_word_before_a_weakly_matched_post_is_no_mix() {
        for title in [
            "Vacataire professeur de yoga",
            "Vacataire intervenant en arts plastiques",
            "Vacataire accompagnateur de sorties",
        ] {
            assert!(matches!(resolve(title), Resolved::Title(_)), "{title}");
            assert!(explain(title).title.is_some(), "{title}");
        }
        assert!(matches!(resolve("Vacataire"), Resolved::Grade(_)));
    }

    /// A master's or a doctorate's speciality trains a professional (skill level 4), read
    /// after "chargé", not the agent of the service the speciality names; with no such
    /// occupation, as any diploma.
    #[test]
    fn a_professional_diploma_trains_a_professional() {
        assert_decided(
            &[
                // The urbanism service's clerk, 4110, before.
                ("Apprenti mastère urbanisme - pôle aménagement", "2164"),
                // The HR assistant, 4416, before.
                (
                    "Alternant master ressources humaines : direction du personnel",
                    "2423",
                ),
            ],
            Basis::FormThenPost,
        );
    }

    /// An emploi fonctionnel (DST, DGST) after an abbreviated grade and a dash is the function
    /// the grade's agent holds, though its curated title is a grade's and the whole title's
    /// closest title has its code: not the grade's mix.
    #[test]
    fn an_emploi_fonctionnel_after_a_grade_is_the_post() {
        assert_decided(
            &[
                ("Ing. hors classe - DST", "1323"),
                ("Ing. en chef - DGST", "1112"),
            ],
            Basis::GradeThenPost,
        );
        // Above the level of the grade's cadre: the grade's.
        assert_ne!(
            explained("Adj. tech. - DST").map(|(_, b)| b),
            Some(Basis::GradeThenPost)
        );
    }

    /// A contract form or a status set apart from the post by a separator, before or after
    /// it: the post decides, not the form's mix nor nothing; a diploma after an apprentice is
    /// the training, and a domain after the form is read after "agent" only when a curated
    /// title covers all its words.
    #[test]
    fn the_post_apart_from_a_contract_form_decides() {
        assert_decided(
            &[
                // The contrats aidés' mix, before.
                ("Parcours emploi compétences - jardinier", "6113"),
                ("Contrat aidé : cuisinier", "5120"),
                ("Emploi d'avenir - mécanicien", "7231"),
                // The form after the post: "Aide jardinier", before.
                ("Jardinier (contrat aidé)", "6113"),
                // Unmapped before.
                ("Job d'été / agent d'entretien", "9112"),
                ("Service civique : agent d'accueil", "4226"),
                // The diploma is the training; the service's domain, read after "agent".
                ("Apprentie master - service informatique", "3512"),
            ],
            Basis::FormThenPost,
        );
        for (title, code) in [
            ("Agent d'accueil (contrat aidé)", "4226"),
            ("Cuisinier (contrat aidé) - secteur nord", "5120"),
        ] {
            assert!(
                matches!(resolve(title), Resolved::Title(t)
                    if matches!(&*t, TitleMatch::Mapped(c) if c.isco08 == code)),
                "{title}"
            );
        }
        // A domain no curated title covers whole: no pest controller (unmapped by the rules; a
        // volunteer of the development table, read last since session 49, gives 3412).
        assert_ne!(
            explained("Volontaire en service civique - lutte contre le gaspillage")
                .map(|(code, _)| code)
                .as_deref(),
            Some("7544")
        );
    }

    /// A remark on the grade's category set apart last ("- Cat. A", "(cat. B)", ": catégorie
    /// C") says the grade's level, not the post: set apart as a status is, the post before it
    /// decides; its "a" is no "à" an export left dangling.
    #[test]
    fn a_category_remark_is_set_apart_as_a_status_is() {
        assert_decided(
            &[
                ("Plombier chauffagiste - Cat. C", "7126"),
                ("Assistante de direction (cat. B)", "3343"),
                ("Jardinier - catégorie C", "6113"),
                ("Technicien informatique : cat. B", "3512"),
            ],
            Basis::FormThenPost,
        );
        assert_not_decided(&["Chef de service urbanisme - Cat. A"], Basis::Truncated);
        // Not a remark: a letter that is no category, or no separator's word.
        assert!(!category_remark("cat d") && !category_remark("categorie a agent"));
    }

    /// After a trainee's word, the diploma's speciality names the occupation trained for when
    /// the other part names no one (a service, a place): not the apprentis' mix, nor the
    /// service's agent; a post named in the other part still decides.
    #[test]
    fn a_diplomas_speciality_names_the_occupation_trained_for() {
        assert_decided(
            &[
                // The apprentis' mix (or, after "alternant", nothing at the floor), before.
                ("Apprentie licence pro gestion RH : pôle carrières", "4416"),
                (
                    "Alternante master achats publics - direction de la commande publique",
                    "3323",
                ),
                ("Alternant BTS communication - service culture", "2432"),
                ("Apprentie DEAES - pôle autonomie", "5322"),
                // A domain's natural head: a cook, no kitchen's agent.
                ("Apprenti CAP cuisine / restaurant municipal", "5120"),
                // The place's agent (a cleaner), before.
                (
                    "Apprentie bac pro maintenance des bâtiments - écoles",
                    "7119",
                ),
            ],
            Basis::FormThenPost,
        );
        // A post named after the form decides.
        assert_eq!(
            explained("Alternant BTS SIO - technicien réseaux").map(|(code, _)| code),
            Some("3112".to_string())
        );
    }

    #[test]
    fn the_post_after_a_grade_and_the_instructeur_of_files_are_explained() {
        let basis = explained;
        for (title, code, decided) in [
            ("Adjoint technique jardinier", "6113", Basis::AfterGrade),
            ("Agent de maîtrise - plombier", "7126", Basis::AfterGrade),
            // A whole curated métier of a generic head, of a major group the cadre holds.
            (
                "Rédacteur - gestionnaire des marchés",
                "3323",
                Basis::AfterGrade,
            ),
            // Nothing matches the whole title well enough: its head noun alone.
            (
                "Technicien / Technicienne en énergie éolienne marine",
                "3131",
                Basis::HeadNounAlone,
            ),
            // Its places do not lower the confidence.
            (
                "Technicien / Technicienne en énergie éolienne marine - secteur nord",
                "3131",
                Basis::HeadNounAlone,
            ),
            // Nothing matches the whole title at the floor: the title without its places.
            ("Cinéaste - secteur nord", "2654", Basis::WithoutPlaces),
            (
                "Cidrier / Cidrière - secteur nord",
                "8160",
                Basis::WithoutPlaces,
            ),
            // Or only the closest title, here the caretaker of "Gardien" alone.
            (
                "Gardien / Gardienne de chenil - secteur nord",
                "5164",
                Basis::WithoutPlaces,
            ),
        ] {
            assert_eq!(basis(title), Some((code.to_string(), decided)), "{title}");
        }
        // A place after the grade says where it works: the grade's own title.
        assert_eq!(
            basis("Adjoint administratif - service des sports").map(|(code, _)| code),
            Some("4110".to_string())
        );
        // A domain alone leaves the grade's own title.
        assert_ne!(
            basis("Adjoint administratif état civil").map(|(_, b)| b),
            Some(Basis::AfterGrade)
        );
        assert_eq!(
            basis("Instructrice APA"),
            Some(("3353".to_string(), Basis::Instruction))
        );
        // "Dossiers" names no file of its own.
        assert_eq!(
            basis("Instructeur des dossiers APA"),
            Some(("3353".to_string(), Basis::Instruction))
        );
        assert_eq!(
            basis("Instructeur sportif").map(|(c, _)| c).as_deref(),
            Some("3422")
        );
    }

    /// A grade guessed by adding words of its cadre's name the title leaves out gives way to a
    /// curated title covering the whole title: "Agent des écoles" is the curated "Agent de
    /// service des écoles" (9112), as "Agent des écoles - secteur nord" already was, not the
    /// ATSEM's grade (5312); a grade named in full stays the grade.
    #[test]
    fn a_grade_guessed_from_its_cadres_words_gives_way_to_a_curated_title() {
        let code = |title: &str| match resolve(title) {
            Resolved::Grade(g) => format!("grade {}", g.isco_label()),
            Resolved::Title(t) => match &*t {
                TitleMatch::Mapped(c) => c.isco08.clone(),
                TitleMatch::Unmapped { .. } => "unmapped".into(),
            },
        };
        assert_eq!(code("Agent des écoles"), "9112");
        assert_eq!(code("Agent des écoles - secteur nord"), "9112");
        assert_eq!(code("ATSEM"), "grade 5312");
        assert_eq!(
            code("Agent spécialisé principal de 2e classe des écoles maternelles"),
            "grade 5312"
        );
        assert!(matches!(
            explain("Agent des écoles"),
            Explanation {
                grade: Ok(_),
                title: Some(_)
            }
        ));
    }

    #[test]
    fn grades_go_the_grade_path_and_metier_titles_the_title_path() {
        assert!(matches!(
            resolve("Adjoint technique principal de 2e classe"),
            Resolved::Grade(_)
        ));
        assert!(matches!(
            resolve("Gestionnaire paie et carrière"),
            Resolved::Title(_)
        ));
        let e = explain("Gestionnaire paie et carrière");
        assert!(e.grade.is_err() && e.title.is_some());
    }
}

/// The matcher's accuracy on two tables of titles written for this project apart from
/// `data/isco/`: `data/isco/coded_titles.csv` (the table the matcher was developed against)
/// and `tests/data/title_holdout.csv` (written later by another reader who saw neither the
/// project's tables nor the matcher, and never used to tune it: the honest figure).
#[cfg(test)]
mod accuracy {
    use std::collections::HashMap;

    use super::*;
    use crate::isco::{CONFIDENCE_FLOOR, Table, normalize_title};

    const DEVELOPMENT: (&str, &str) = (
        "data/isco/coded_titles.csv",
        include_str!("../data/isco/coded_titles.csv"),
    );
    const HELD_OUT: (&str, &str) = (
        "tests/data/title_holdout.csv",
        include_str!("../tests/data/title_holdout.csv"),
    );

    fn table((name, text): (&str, &str)) -> Vec<(String, String)> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| {
                let r = r.unwrap_or_else(|e| panic!("{name} is not valid CSV: {e}"));
                (r[0].to_string(), r[1].to_string())
            })
            .collect()
    }

    /// The matcher's figures on the table, in per cent of its titles.
    struct Figures {
        exact: f64,
        submajor: f64,
        unmapped: f64,
        below_floor: usize,
        same_class: f64,
    }

    /// The ILO class (WP140) a job of this title would be shown in: its grade's mix's, or its
    /// occupation's; `None` for an occupation the ILO did not score.
    fn class_of(resolved: &Resolved) -> Option<crate::classify::Class> {
        let scoring = match resolved {
            Resolved::Grade(g) if g.is_mix() => mix_scoring(g.cadre, Method::Wp140),
            Resolved::Grade(g) => occupation_scoring(&g.isco_label(), Method::Wp140),
            Resolved::Title(t) => match &**t {
                TitleMatch::Mapped(c) => occupation_scoring(&c.isco08, Method::Wp140),
                TitleMatch::Unmapped { .. } => None,
            },
        };
        scoring.map(|s| s.figures.class)
    }

    /// Accuracy at 4 digits and at the sub-major group (2 digits), the unmapped share, and
    /// the matches used below the confidence floor; prints every miss and the figures.
    fn figures(source: (&str, &str)) -> Figures {
        let rows = table(source);
        let n = rows.len();
        let (mut exact, mut submajor, mut unmapped, mut below_floor) = (0, 0, 0, 0);
        // What the figures of a report depend on: the class the job is shown in.
        let mut same_class = 0;
        let mut misses = Vec::new();
        // Every title is measured as a new one: without the coded titles that read like it, and
        // a title of the development table, which the matcher reads last (`crate::neighbour`),
        // without its own batch.
        let development = source.0 == DEVELOPMENT.0;
        for (row, (title, want)) in rows.iter().enumerate() {
            // Through the one entry point, as the analysis resolves a title: a grade's cadre
            // first (its own occupation, or the largest of its mix), else the crosswalk.
            let batch = crate::neighbour::development_batch(row).filter(|_| development);
            let resolved = crate::neighbour::leaving_out(batch, title, || resolve(title));
            let class = class_of(&resolved);
            let wanted = occupation_scoring(want, Method::Wp140).map(|s| s.figures.class);
            same_class += usize::from(class.is_some() && class == wanted);
            let (code, reference, confidence) = match resolved {
                Resolved::Grade(g) => (
                    g.occupation
                        .clone()
                        .unwrap_or_else(|| g.cadre.occupations[0].isco08.clone()),
                    g.grade.clone(),
                    g.confidence,
                ),
                Resolved::Title(t) => match Rc::unwrap_or_clone(t) {
                    TitleMatch::Mapped(c) => {
                        if c.confidence < CONFIDENCE_FLOOR {
                            below_floor += 1;
                        }
                        (c.isco08, c.reference, c.confidence)
                    }
                    TitleMatch::Unmapped { reason, best } => {
                        unmapped += 1;
                        misses.push(format!(
                            "{title:55} expected {want} unmapped ({reason:?}; closest {:?})",
                            best.map(|b| (b.reference, b.isco08, (b.confidence * 100.0).round()))
                        ));
                        continue;
                    }
                },
            };
            exact += usize::from(code == *want);
            submajor += usize::from(code[..2] == want[..2]);
            if code != *want {
                misses.push(format!(
                    "{title:55} expected {want} got {code} ({reference:?}, {confidence:.2})"
                ));
            }
        }
        let pct = |k: usize| 100.0 * k as f64 / n as f64;
        println!("{}", misses.join("\n"));
        println!(
            "{}: {n} titles: {:.1} % at 4 digits ({exact}), {:.1} % in the sub-major group ({submajor}), \
             {:.1} % unmapped ({unmapped}), {below_floor} used below the confidence floor; \
             {:.1} % in the expected occupation's ILO class, WP140 ({same_class})",
            source.0,
            pct(exact),
            pct(submajor),
            pct(unmapped),
            pct(same_class)
        );
        Figures {
            exact: pct(exact),
            submajor: pct(submajor),
            unmapped: pct(unmapped),
            below_floor,
            same_class: pct(same_class),
        }
    }

    /// The bar a table's figures must reach, in per cent of its titles.
    struct Bar {
        exact: f64,
        submajor: f64,
        unmapped: f64,
        /// In the ILO class of the expected occupation (`None`: not asked).
        same_class: Option<f64>,
    }

    /// No match used below the floor, and at least `exact` % at 4 digits, `submajor` % in the
    /// sub-major group, at most `unmapped` % unmapped, at least `same_class` % in the class.
    fn assert_figures(source: (&str, &str), bar: Bar) {
        let n = table(source).len();
        assert!(n >= 250, "{n} titles");
        let f = figures(source);
        assert_eq!(f.below_floor, 0);
        assert!(f.exact >= bar.exact, "4 digits {:.1} %", f.exact);
        assert!(f.submajor >= bar.submajor, "sub-major {:.1} %", f.submajor);
        assert!(f.unmapped <= bar.unmapped, "unmapped {:.1} %", f.unmapped);
        if let Some(same_class) = bar.same_class {
            assert!(
                f.same_class >= same_class,
                "same class {:.1} %",
                f.same_class
            );
        }
    }

    /// The figures published in the README (`cargo test --lib occupation::accuracy -- --nocapture`
    /// prints them) do not fall below those measured when the matcher was written. Measured on
    /// the 1,458 titles of session 15 (202 harder ones added then): 89.2 % (1,300), 91.9 %
    /// (1,340), 2.0 % (29) before that session's data, 90.3 % (1,317), 92.5 % (1,348), 1.7 %
    /// (25) after it, 90.3 % (1,317), 92.5 % (1,349), 1.7 % (25) with that session's rules
    /// merged; the floors leave one title of slack. In the expected occupation's ILO class
    /// (session 17, when first measured): 93.2 % (1,359). Session 17 added 406 titles written
    /// blind (before the matcher was run on them; 311, then 95 more after the first fixes):
    /// 1,864 titles, 88.7 % (1,654), 91.3 % (1,701), 2.0 % (38), 92.0 % (1,714) in the class
    /// with the matcher before that session's rules, 89.5 % (1,668), 92.0 % (1,714), 1.7 %
    /// (32), 92.5 % (1,725) after them; 89.3 % (1,665), 91.8 % (1,711), 1.9 % (35), 92.4 %
    /// (1,722) once the head noun alone was kept only for a reference made of its words
    /// (session 18: three titles back to unmapped, against some thirty confident mistakes on
    /// reference titles).
    /// Session 19 added 275 titles written blind (before the matcher was run on them: 89.5 %
    /// (246), 90.2 % (248), 3.6 % (10) unmapped, 90.9 % (250) in the class on them alone):
    /// 2,139 titles, 89.3 % (1,911), 91.6 % (1,959), 2.1 % (45), 92.2 % (1,972) in the class
    /// with the matcher before that session's rules; after its data (a sigle, a broader word,
    /// three reviewed corrections, 8 curated rows): 89.9 % (1,924), 92.1 % (1,971), 1.7 %
    /// (36), 92.8 % (1,984); the floors leave one title of slack. With a director's sigle
    /// after the head noun read as "de direction": 90.0 % (1,925), 92.2 % (1,972), 1.7 % (36),
    /// 92.8 % (1,985).
    /// Session 20 added 215 titles written blind (before the matcher was run on them: 88.4 %
    /// (190), 91.2 % (196), 0.5 % (1) unmapped, 92.6 % (199) in the class on them alone):
    /// 2,354 titles, 89.8 % (2,115), 92.1 % (2,168), 1.6 % (37), 92.8 % (2,184) with the
    /// matcher before that session's rules; after them (a service head's occupation noun and
    /// its speciality, a second service and a clerk's service, a curated title too far at
    /// stage 1, two reviewed corrections): 90.0 % (2,119), 92.2 % (2,171), 1.6 % (37), 92.9 %
    /// (2,187); with a grade guessed from its cadre's words giving way to a curated title
    /// covering the whole title: 90.1 % (2,120), 92.3 % (2,172), 1.6 % (37), 92.9 % (2,187);
    /// the floors leave one title of slack.
    /// Session 21 added 228 titles written blind, more of the families the table had fewest of
    /// (80.3 % (183), 84.2 % (192), 0.0 % unmapped, 85.5 % (195) in the class on them alone,
    /// before three reviewed corrections of their codes): 2,582 titles, 89.3 % (2,306), 91.6 %
    /// (2,365), 1.4 % (37), 92.3 % (2,382) with the matcher before that session's rules; after
    /// them ("régie" and a trade after the post as a works team, a curated phrasing):
    /// 89.4 % (2,308), 91.7 % (2,367), 1.4 % (37), 92.3 % (2,384). With the part before a
    /// dash that a place follows and the first of two fields joined by a slash (session 21,
    /// `first_part`): 89.6 % (2,313), 91.8 % (2,371), 1.4 % (36), 92.4 % (2,386); the floors
    /// leave about one title of slack.
    /// Session 22 added 211 titles written blind, weighted to sites after a dash, services,
    /// chargés de mission and animateurs of a domain (91.0 % (192), 91.5 % (193), 0.0 %
    /// unmapped, 95.3 % (201) in the class on them alone, before any rule of that session):
    /// after its rules (a kind of site after a dash read as a place; a reference covering the
    /// whole title closer than the part before the dash), 2,793 titles, 89.8 % (2,508), 91.9 %
    /// (2,567), 1.3 % (36), 92.7 % (2,590); the floors are kept. With four curated rows for
    /// that batch's misses (propreté des bâtiments, accueil et billetterie, travaux neufs, the
    /// CSU's video operator): 90.0 % (2,514), 92.1 % (2,572), 1.3 % (36), 92.9 % (2,594); the
    /// floors raised to leave about one title of slack.
    /// Session 23 added 131 titles probing the coding conventions of `title_holdout.md` that
    /// `curated.csv` does not dispute (122 (93.1 %), 122, 2 (1.5 %) unmapped, 123 in the class
    /// with the matcher before that session's data): 2,924 titles, 90.2 % (2,636), 92.1 %
    /// (2,694), 1.3 % (38), 92.9 % (2,717); after its data (the directeur de cabinet's own
    /// code, three curated rows): 90.4 % (2,642), 92.3 % (2,700), 1.3 % (38), 93.1 % (2,723);
    /// the floors raised to leave about one title of slack (three in the class).
    /// Session 24 added 98 titles written blind on the classes session 23 left (85.7 % (84),
    /// 85.7 % (84), 3.1 % (3) unmapped, 89.8 % (88) in the class with that session's rules and
    /// data; 18 % at 4 digits on its whole batch before them): the 2,924 titles before them went
    /// from 90.4 % (2,642), 92.3 % (2,700), 1.3 % (38), 93.1 % (2,723) to 90.6 % (2,649),
    /// 92.6 % (2,707), 1.2 % (36), 93.2 % (2,725); 3,022 titles, 90.4 % (2,733), 92.4 %
    /// (2,791), 1.3 % (39), 93.1 % (2,813); the floors are kept.
    /// Session 26 added 23 titles of session 24's second blind batch (`blind24b.csv`, those
    /// that normalise like no curated or development title nor a near copy; 19 (82.6 %), 19,
    /// 0 unmapped, 21 in the class alone after that session's rules and data): the 3,022
    /// titles before them went from 90.4 % (2,733), 92.4 % (2,791), 1.3 % (39), 93.1 % (2,813)
    /// to 90.7 % (2,742), 92.7 % (2,800), 1.3 % (39), 93.4 % (2,822); 3,045 titles, 90.7 %
    /// (2,761), 92.6 % (2,819), 1.3 % (39), 93.4 % (2,843); the floors raised to leave one
    /// title of slack.
    /// Session 27 added the 126 titles of session 26's blind batch (`blind26.csv`, none of
    /// which normalises like a curated or development title; 92.1 % (116), 94.4 % (119),
    /// 0.8 % (1) unmapped, 95.2 % (120) in the class with the matcher before that session, and
    /// 124 (98.4 %), 125, 0, 125 after its rules and data on their branch, one code corrected):
    /// the 3,045
    /// titles before them went from 90.7 % (2,761), 92.6 % (2,819), 1.3 % (39), 93.4 % (2,843)
    /// to 90.9 % (2,767), 92.7 % (2,824), 1.3 % (39), 93.5 % (2,846); 3,171 titles, 91.2 %
    /// (2,891), 93.0 % (2,949), 1.2 % (39), 93.7 % (2,971); the floors raised to leave one
    /// title of slack.
    /// It also added the 103 titles of its own blind batch (`blind27.csv`, HR systems' exports;
    /// none normalises like a curated or development title; 97 (94.2 %), 97, 3 unmapped, 97 in
    /// the class alone after that session's rules and data, 77 at 4 digits before them): the
    /// 3,045 titles before them unchanged; 3,148 titles, 90.8 % (2,858), 92.6 % (2,916), 1.3 %
    /// (42), 93.4 % (2,940); the 4-digit floor raised to 90.7 (two titles of slack).
    /// Both merged: 3,274 titles, 91.2 % (2,987), 93.0 % (3,045), 1.3 % (42), 93.7 %
    /// (3,068); the floors leave one title of slack at 4 digits, more elsewhere.
    /// Session 28's rules took those 3,274 to 91.3 % (2,988), 93.0 % (3,046), one better (a
    /// polyvalent agent's first activity), and it added the 193 titles of its blind batch
    /// (`blind28.csv`; 172 (89.1 %), 176, 2 unmapped, 179 in the class alone after its rules
    /// and data, 169 before them): 3,467 titles, 91.1 % (3,160), 92.9 % (3,222), 1.3 % (44),
    /// 93.7 % (3,247); the floors are these figures rounded down.
    /// Session 28b's rows and rule took those 3,467 to 91.2 % (3,161), 93.0 % (3,223), 1.2 %
    /// (43), and it added the 207 titles of its second blind batch (`blind28b.csv`, 66.2 % at 4
    /// digits before its rows and rule): 3,674 titles, 90.2 % (3,313), 92.1 % (3,385), 1.4 %
    /// (53), 92.8 % (3,411); the floors are these figures rounded down (the unmapped bar up).
    /// Session 29's rules and rows took those 3,674 to 90.2 % (3,315), 92.2 % (3,387), 1.4 %
    /// (52), 92.9 % (3,412), two better, and it added the 204 titles of its blind batch
    /// (`blind29.csv`, régions, syndicats, SDIS and départements; 61.3 % at 4 digits before its
    /// rules and rows, 71.1 % after): 3,878 titles, 89.2 % (3,460), 91.5 % (3,549), 1.8 % (68),
    /// 92.2 % (3,576); the floors are these figures rounded down (the unmapped bar up).
    /// Session 30's rules and rows changed none of those 3,878, and it added the 187 titles of
    /// its blind batch (`blind30.csv`, health and medico-social posts, long descriptive titles,
    /// large cities' trades; 67.4 % at 4 digits before its rules and rows, 75.4 % after): 4,065
    /// titles, 88.6 % (3,601), 90.9 % (3,697), 2.0 % (81), 91.8 % (3,731); the floors are these
    /// figures rounded down to 0.1 (88.5 and 91.7: 3,601 and 3,731 are 88.58 % and 91.78 %).
    /// Session 31's rules and rows took those 4,065 to 3,602 at 4 digits (the grade then the
    /// post), and it added the 187 titles of its second blind batch (`blind31.csv`, posts of the
    /// last ten years, a grade and a post in one field, temporary and contract posts; 67.9 % at
    /// 4 digits before its rules and rows, 78.1 % after): 4,252 titles, 88.1 % (3,748), 90.5 %
    /// (3,849), 2.1 % (89), 91.5 % (3,889); floors rounded down to 0.1 (91.4: 91.46 %).
    /// Session 32's rules took those 4,252 to 3,757 at 4 digits (a contract form, a grade or a
    /// diploma's speciality set apart from the post; one code corrected, a deputy museum
    /// director 1349), and it added the 204 titles of its blind batch (`blind32.csv`, services
    /// run in régie, a contract form or a grade with the post; 56.9 % at 4 digits before its
    /// rules and rows, 72.1 % after): 4,456 titles, 87.6 % (3,904), 90.1 % (4,013), 2.3 % (101),
    /// 91.1 % (4,060); floors rounded down to 0.1 (87.5: 87.61 %; 90.0: 90.06 %; 91.1: 91.11 %),
    /// the unmapped bar up (2.3: 2.27 %).
    /// Session 33's rules and rows took those 4,456 to 3,917 at 4 digits and 4,026 in the
    /// sub-major group (a grade then the head of a service, an animateur of another public
    /// than children, a reviewed correction of the assemblies' head), and it added the 202
    /// titles of its blind batch (`blind33.csv`, ecological transition, economic development
    /// and social action; 60.9 % at 4 digits before its rules and rows, 63.4 % after): 4,658
    /// titles, 86.8 % (4,045), 89.5 % (4,168), 2.7 % (126), 90.6 % (4,218); with the session's
    /// second round (a chargé de mission's theme through `data/isco/theme_words.csv`) 86.9 %
    /// (4,049), 89.6 % (4,172); floors rounded down to 0.1 (86.9: 86.93 %; 89.5: 89.57 %;
    /// 90.5: 90.55 %), the unmapped bar up (2.8: 2.71 %).
    /// Session 34's rules and rows took those 4,658 to 4,084 at 4 digits and 4,196 in the
    /// sub-major group (a chargé de mission's theme past a frame word and thirteen theme words,
    /// an unmapped chef de service read as its responsable, the head of a social service, an
    /// animateur of a programme, computer networks, a driver of light and heavy vehicles, the
    /// musicien intervenant's short forms, a head of European affairs), and it added the 136
    /// titles of its blind batch (`blind34.csv`, culture, sport, schools, public safety,
    /// citizens' services, communication and IT; 79.4 % at 4 digits before its rules and rows,
    /// 83.1 % after): 4,794 titles, 87.5 % (4,197), 89.9 % (4,311), 2.6 % (126), 91.0 %
    /// (4,364); floors rounded down to 0.1 (87.5: 87.55 %; 89.9: 89.93 %; 91.0: 91.03 %), the
    /// unmapped bar up (2.7: 2.63 %).
    /// Session 35's rules and rows took those 4,794 to 4,201 at 4 digits and 4,315 in the
    /// sub-major group (a title cut by an export read whole, a typo in the head noun, the head
    /// of a service of clerks, two reviewed corrections, the instructeur des fonds européens),
    /// and it added the 159 titles of its blind batch (`blind35.csv`, administration, finances,
    /// RH, technical services, urbanisme, petite enfance and CCAS, a third with the noise of
    /// HR exports; 82.4 % at 4 digits before its rules and rows, 84.3 % after): 4,953 titles,
    /// 87.5 % (4,335), 89.9 % (4,451), 2.6 % (129), 91.0 % (4,508); floors rounded down to 0.1
    /// (87.5: 87.52 %; 89.8: 89.86 %; 91.0: 91.02 %), the unmapped bar kept (2.7: 2.60 %).
    /// Session 36's rules and rows (session 35's grade named first, a place or body named in a
    /// title, words shortened with a dot, a typo in a feminine head noun, four curated rows,
    /// nine reviewed corrections) and one recoded title (a conducteur de laveuse, 9613) took
    /// those 4,953 to 4,352 at 4 digits and 4,467 in the sub-major group, and it added the
    /// 148 titles of its blind batch (`blind36.csv`: social, education, sport, culture,
    /// police, numérique, catering and cleaning; 79.7 % at 4 digits before its rules and rows,
    /// 83.8 % after): 5,101 titles, 87.7 % (4,476), 90.0 % (4,593), 2.5 % (129), 91.2 %
    /// (4,652); floors rounded down to 0.1 (87.7: 87.75 %; 90.0: 90.04 %; 91.1: 91.20 %), the
    /// unmapped bar down (2.6: 2.53 %). Its second round (a category remark set apart, a cut
    /// "télé" with a network, a cut word whose completions share one stem): 4,478, 4,595, 128
    /// unmapped, 4,654 in the class; floors kept. Session 43, the development table's misses:
    /// a field's work after a grade of several occupations read as its agent's (4,481, 4,598,
    /// 128, 4,654); floors rounded down to 0.1 (87.8: 87.85 %; 90.1: 90.14 %; 91.2: 91.24 %),
    /// the unmapped bar kept (2.6: 2.51 %). A theme word of procurement ("achats"): 4,482,
    /// 4,599, 128, 4,654; floors kept (87.8: 87.86 %; 90.1: 90.16 %). Session 44 added the
    /// 202 titles of session 43's blind batch (`blind43.csv`: old post names, combined posts,
    /// periphrases; 53.4 % at 4 digits before its rules and rows, 62.6 % after; four left
    /// out, as they normalise like curated rows that batch's brief led to): 5,303 titles,
    /// 86.9 % (4,608), 89.2 % (4,730), 2.9 % (153), 90.6 % (4,804); floors rounded down to
    /// 0.1 (86.8: 86.89 %; 89.1: 89.19 %; 90.5: 90.59 %), the unmapped bar up (2.9: 2.89 %).
    /// Session 44's rules and rows (combined posts: a polyvalent post before the list of its
    /// activities, or its first activity, "+" read as "et"; periphrases' activities of two
    /// words, "traitements du personnel" as salaries, and five activities' agent nouns) took
    /// those 5,303 to 87.0 % (4,615), 89.3 % (4,737), 2.8 % (149), 90.7 % (4,809); floors
    /// rounded down to 0.1 (87.0: 87.03 %; 89.3: 89.33 %; 90.6: 90.68 %), the unmapped bar
    /// kept (2.9: 2.81 %). Its second round (a repertory's family code or prefix before the
    /// métier, read apart: the development titles it reads, "MDPH - …", "EMOP - …", "AM - …",
    /// "CEE - …", keep their codes) left them unchanged, 4,615, 4,737, 149, 4,809; floors
    /// kept. Session 45 added session 44's blind batch's 111 titles (`blind44.csv`: a large
    /// city's repertory of métiers; 76.6 % at 4 digits before session 44's rules, 81.1 % after):
    /// 5,414 titles, 86.9 % (4,705), 89.2 % (4,828), 2.8 % (154), 90.6 % (4,905); floors
    /// rounded down to 0.1 (86.9: 86.90 %; 89.1: 89.17 %; 90.5: 90.59 %), the unmapped bar
    /// up (2.9: 2.84 %). Session 45's rules (s45-dev: a frame noun read through its field, a
    /// look-alike of it halved; France Rénov' as energy renovation; the catering office's
    /// head) took them to 87.1 % (4,713), 89.3 % (4,836), 2.9 % (156), 90.7 % (4,911); floors
    /// rounded down to 0.1 (87.0: 87.05 %; 89.3: 89.32 %; 90.7: 90.71 %), the unmapped bar
    /// up (2.9: 2.88 %). Session 46's rule and rows (s46-dev: "mobilité" read as the town's
    /// transport without a word of the staff's careers; curated vocabulary of territorial
    /// métiers the table lacked, "Agent de self", "Relieur", "Dératiseur", the fleurissement,
    /// the épicerie solidaire…) took them to 87.7 % (4,749), 90.0 % (4,873), 2.6 % (140),
    /// 91.2 % (4,938); floors rounded down to 0.1 (87.7: 87.72 %; 90.0: 90.01 %; 91.2:
    /// 91.21 %), the unmapped bar up (2.6: 2.59 %).
    /// Merged with s46-posts (a trade's domain before a spaced dash, two letters swapped in a
    /// word of five, road, traffic and sanitation themes of a chargé d'études, the espace de
    /// vie sociale, eight curated rows of a département's and a métropole's posts): 87.8 %
    /// (4,751), 90.0 % (4,875), 2.6 % (139), 91.2 % (4,939). The integrator then took out the
    /// theme word "urbain" and three of s46-dev's rows that normalise like held-out titles
    /// ("Agent de self", "Dératiseur", "Responsable des affaires générales"): 87.6 % (4,742),
    /// 89.9 % (4,865), 2.6 % (141), 91.1 % (4,934); floors rounded down to 0.1 (87.5: 87.59 %;
    /// 89.8: 89.86 %; 91.1: 91.13 %), the unmapped bar up (2.7: 2.60 %). Session 47 added
    /// session 45's and 46's blind batches' 146 and 204 titles (`blind45.csv`, `blind46.csv`:
    /// a commune's posts and agents' survey free text; a département's and a métropole's posts
    /// and job adverts): 5,764 titles, 87.5 % (5,044), 89.7 % (5,175), 2.7 % (156), 91.0 %
    /// (5,250); floors rounded down to 0.1 (87.5: 87.51 %; 89.7: 89.78 %; 91.0: 91.08 %), the
    /// unmapped bar up (2.8: 2.71 %). Session 47's rules and rows (s47-devb: the head of a
    /// cleaning team, the object of a cleaning, broader words of roads and rivers, trades'
    /// domains; s47-deva: the assistant of a direction, a clerk's records after a dash, the
    /// surveillant, a site's part before its dash; s47-bodies: a région's, a SDIS's,
    /// syndicats' and a centre de gestion's vocabulary; 28 curated rows in all) took them to
    /// 88.1 % (5,077), 90.4 % (5,210), 2.5 % (146), 91.4 % (5,270); floors rounded down to
    /// 0.1 (88.0: 88.08 %; 90.3: 90.39 %; 91.4: 91.43 %), the unmapped bar up (2.6: 2.53 %).
    /// Session 48 added session 47's blind batch's 174 titles (`blind47.csv`: a région's, a
    /// SDIS's, a CIAS's, syndicats' and a centre de gestion's posts; staff directories'
    /// titles): 5,938 titles, 87.6 % (5,201), 89.9 % (5,343), 2.7 % (158), 91.1 % (5,410);
    /// floors rounded down to 0.1 (87.5: 87.59 %; 89.9: 89.98 %; 91.1: 91.11 %), the
    /// unmapped bar up (2.7: 2.66 %). Session 48's rules and rows (s48-devb: what a
    /// maintenance agent maintains, the réparateur, the police of a field; s48-deva: a status
    /// before a post's own head noun, library and archives magasiniers, care services' sites;
    /// s48-frames: a frame noun read through the agent of its field, the SIRH sigle;
    /// s48-bodies: régies, EPIC, rural, mountain and coastal services; 17 curated rows in all)
    /// took them to 88.1 % (5,232), 90.5 % (5,374), 2.4 % (143), 91.5 % (5,432); floors
    /// rounded down to 0.1 (88.1: 88.11 %; 90.5: 90.50 %; 91.4: 91.48 %), the unmapped bar up
    /// (2.5: 2.41 %). Then session 48's blind batch's 250 titles (`blind48.csv`: régies', EPIC's
    /// and public establishments' posts; rural, mountain, coastal and overseas authorities' and
    /// seasonal posts), folded at the session's end: 6,188 titles, 87.1 % (5,391), 89.7 %
    /// (5,550), 2.7 % (170), 90.8 % (5,617); floors rounded down to 0.1 (87.1: 87.12 %; 89.6:
    /// 89.69 %; 90.7: 90.77 %), the unmapped bar up (2.8: 2.75 %).
    /// A place set after a title ("… - secteur nord") says where the job sits, not what it
    /// is: the development titles it moves to another code, or to none, are few. Measured
    /// when the title without its places was first read (session 18): 31 of 1,864, most of
    /// them a grade named alone, whose mix the place turns into a post; 36 before, 63 before
    /// session 17's rules; 40 of 2,139 with session 19's 275 blind titles (9 of them); 42 of
    /// 2,354 with session 20's 215 blind titles (2 of them), 39 after that session's rules; 41
    /// of 2,582 with session 21's 228 blind titles and rules (the bound grows with the table);
    /// 39 once the part before a dash that a place follows is decided alone (`first_part`);
    /// 43 of 2,793 with session 22's 211 blind titles (4 of them, three a grade named alone);
    /// 48 of 2,924 with session 23's 131 convention probes (5 of them, each read as a grade
    /// whose mix the place turns into its leading post); 48 of 3,022 with session 24's 98; 48
    /// of 3,045 with session 26's 23; 48 of 3,171 with session 27's first 126; 50 of 3,148 with its
    /// other 103 (one of them, "ASS.
    /// CONSERVATION BIBLIOTHEQUES", a grade whose mix the place turns into its title's post,
    /// 3433; and the development title "Secrétaire général(e) de mairie (commune de 800
    /// habitants)", whose part before the place, its bracket of a commune a path of services
    /// now, is the curated title of its grade's leading post, 3343, the same code).
    /// (50 of 3,274 merged); 52 of 3,467 with session 28's 193 (two of them: "Secrétaire de
    /// mairie (H/F) - commune de 800 habitants", a grade whose mix the place turns into its
    /// leading post, the same code; "Cantiniere - école primaire", 9412, unmapped with the
    /// place); 56 of 3,674 with session 28b's 207 (five of them, four unmapped with the place,
    /// as "Responsable des serres municipales", whose place word already weighs against its
    /// one curated title); 60 of 3,878 with session 29's 204 (four of them: two unmapped with
    /// the place, "Responsable du fonds jeunesse - BDP" from the library's director, 1349, to
    /// its librarian, 2622); 65 of 4,065 with session 30's 187 (five of them: two "Agent chargé
    /// de …" unmapped with the place, "Chef d'équipe fossoyeurs - cimetières intra-muros"
    /// unmapped, a trade's domain after a dash no longer the last field, 7131 to 7119, and a
    /// secrétaire de mairie whose mix the place turns into its grade's, the same leading code);
    /// 64 after session 31's rule (a grade, a dash, then the post), and 70 of 4,252 with its
    /// second batch's 187 (six of them: four a grade then a post, three of which the place
    /// sends back to the grade's reading or to none, and "Ing. ppal - DST" to its post, 1323;
    /// two grades named alone whose mix the place turns into the leading post, the same code);
    /// 68 after session 32's rules, and 75 of 4,456 with its batch's 204 (seven of them: three
    /// unmapped with the place; two grades then a post, which the place sends back to the
    /// grade's reading; a contractuel's article then a psychologist, read as the post only
    /// with the place; a stagiaire's master, unmapped, read as a clerk with it); 74 after
    /// session 33's rules, and 78 of 4,658 with its batch's 202 (four of them: an animateur of
    /// another public, a socio-cultural one alone and an agricultural technician with the
    /// place; a gestionnaire locatif unmapped with it; a chargé d'études of transport planning
    /// read as the chargé de mission with it; a grade then a post, which the place sends back
    /// to the grade's reading); 76 after its second round (a chargé d'études of waste and one of
    /// transport planning, now read by their theme with the place as without it); 76 after
    /// session 34's rules and rows, and 79 of 4,794 with its batch's 136 (three of them: a
    /// technician of archaeological digs unmapped with the place, the head of a point
    /// information jeunesse read as a librarian with it, a chef de service de police
    /// municipale whose grade's mix the place turns into a post); 79 after session 35's rules,
    /// and 83 of 4,953 with its batch's 159 (four of them: a truncated title and a head of
    /// mobility unmapped with the place, a DST of a town whose grade's mix the place turns
    /// into its leading post, the same code, and a chef de projet SIRH read as the computing
    /// project head with it); 83 after session 36's rules, and 85 of 5,101 with its batch's
    /// 148 (two of them: a head of a service cut by an export, unmapped with the place, and a
    /// misspelt librarian whose grade's mix the place turns into its leading post, the same
    /// code); 86 after session 36's second round (a head of the sports service cut by an
    /// export, read with the place, like the two heads cut before it, as nothing); 88 of
    /// 5,303 with session 43's batch's 202 (two of them: "Agent de salubrité", a grade's mix
    /// the place turns into a street sweeper, 9613; "Personne responsable du budget et de la
    /// dette", a periphrasis unmapped with the place); 87 after session 44's rules (counted in
    /// session 45; which title stopped moving was not traced), and 87 of 5,414 with session
    /// 44's batch's 111 (none of them moves); 88 after session 45's rules (two more: "Chargé(e)
    /// des ressources numériques - médiathèque", read through its frame noun's field as a
    /// chargé de communication numérique, 2432, unmapped with the place; "Contrat de projet :
    /// conseiller France Rénov'", read as France Rénov''s conseiller, 3112, only with the place,
    /// the contract form's post keeping France Services' 4229 without it; one fewer:
    /// "Responsable du parc automobile et des ateliers", 1324 with the place as without it,
    /// where the place had sent it to the "Directeur de parc régional", a look-alike now);
    /// 91 after session 46's rule and rows (three more: "Accompagnateur(trice) danse -
    /// conservatoire", 2652 by its part before the dash, unmapped with the place; "Apprenti CAP
    /// agent polyvalent de restauration (self)", 5246 by the new "Agent de self", 9412 with the
    /// place; "Chargé de mobilités (plan vélo)", read as transport, 2164, whose reading with
    /// the place is under the floor, so the staff's 2423 stays); 89 once the integrator took
    /// three of those rows out, and 93 of 5,764 with session 45's and 46's batches (four of
    /// them: two survey answers, "service a la cantine et menage des classes" and
    /// "desherbage manuel et binage", unmapped with the place; "Vétérinaire biologiste -
    /// laboratoire départemental", 2250, read as a biologist, 2131, with a second place; the
    /// secrétaire de mairie of a post à temps non complet, 3343 alone, flagged with three
    /// other candidates with the place); 94 with session 47's rules and rows (one more:
    /// "Technicien principal 2e cl. - Contrôleur de travaux - routes départementales", 3112
    /// alone, flagged with eleven other candidates with a second place), and 96 of 5,938 with
    /// session 47's batch (two of them: the bare grade "Adjoint technique territorial des
    /// établissements d'enseignement", its cadre's mix, 9112, alone, 9622 with the place;
    /// "Gestionnaire des concessions funéraires", 4110, unmapped with the place); 91 after
    /// session 48's rules (five fewer, each now read alike with the place and without it: two
    /// titles of a contract's article before the post, "Contractuel 3-3 1° - psychologue du
    /// CCAS" and "Contractuel(le) art. 3-3-2 : chargé(e) de projet SIG"; "Gestionnaire
    /// locatif(ve) contentieux impayés"; "Rédacteur principal - instructeur RSA"; "Chef de
    /// projet SIRH"), and 93 of 6,188 with session 48's batch (two of them unmapped with the
    /// place: "Technicien instrumental - conservatoire", 3114, its part before the dash a
    /// look-alike of ROME's; "Référent risques majeurs et cycloniques", 2263). 103 with session
    /// 49's coded titles (`crate::neighbour`), each title measured without its batch: they
    /// replace a decision by a margin over its confidence, and a place lowers both, by
    /// different amounts. 23 more titles move, 13 no longer do. Among the new ones, "Sage-femme
    /// PMI", 1342 alone, the midwife 2222 with the place; "Standartiste - accueil central",
    /// 4226 alone, 4223 with it; "Agent d'allotissement", 9412 alone, unmapped with it. Among
    /// those that no longer move, "Gestionnaire des concessions funéraires" and "Ingénieur(e)
    /// environnement". 105 of 6,407 with session 49's batch (two of them: "Agent du patrimoine
    /// – magasinier des archives (TNC 20h)", 4415 alone, 4411 with the place; "Chargé(e)
    /// d'accueil social - CCAS - mairie annexe Sud", 4226 alone, 4229 with it).
    #[test]
    fn a_place_after_a_title_seldom_changes_its_code() {
        let code = |title: &str| match resolve(title) {
            Resolved::Grade(g) => Some(g.isco_label()),
            Resolved::Title(t) => match &*t {
                TitleMatch::Mapped(c) => Some(c.isco08.clone()),
                TitleMatch::Unmapped { .. } => None,
            },
        };
        // Each title without its own batch of coded titles, as the accuracy test reads it.
        let codes = |row: usize, title: &str| {
            let batch = crate::neighbour::development_batch(row);
            crate::neighbour::leaving_out(batch, title, || {
                (code(title), code(&format!("{title} - secteur nord")))
            })
        };
        let rows = table(DEVELOPMENT);
        let moved: Vec<String> = (rows.iter().enumerate())
            .map(|(row, (title, _))| {
                let (alone, placed) = codes(row, title);
                (title, alone, placed)
            })
            .filter(|(_, alone, placed)| alone != placed)
            .map(|(title, alone, placed)| format!("{title:55} {alone:?} -> {placed:?}"))
            .collect();
        println!("{}", moved.join("\n"));
        println!(
            "{} of {} titles moved by \" - secteur nord\"",
            moved.len(),
            rows.len()
        );
        assert!(moved.len() <= 105, "{} titles", moved.len());
    }

    #[test]
    fn title_accuracy_is_measured_and_does_not_regress() {
        let bar = Bar {
            exact: 87.4,
            submajor: 90.1,
            unmapped: 2.1,
            same_class: Some(91.2),
        };
        assert_figures(DEVELOPMENT, bar);
    }

    /// The same on the held-out table (after session 15: 76.0 % (231), 78.9 % (240), 2.3 % (7)
    /// of its 304 titles, and 87.8 % (267) in the expected class, first measured in session 17;
    /// one title of slack; 303 titles since session 19, when a slash's feminine ending dropped
    /// made one read as a curated title: it was a miss, the counts are unchanged). Raised in
    /// session 46, from 80.9 % (245), 83.8 % (254), 1.3 % (4), 90.4 % (274), one title of
    /// slack each (80.5: 244 is 80.53 %; 83.4: 253 is 83.50 %; 1.7: 5 is 1.65 %; 90.0: 273 is
    /// 90.10 %). Raised in session 47, from 81.8 % (248), 84.8 % (257), 1.0 % (3), 90.8 %
    /// (275), one title of slack each (81.5: 247 is 81.52 %; 84.4: 256 is 84.49 %; 1.4: 4 is
    /// 1.32 %; 90.4: 274 is 90.43 %). Raised in session 49, with the coded titles read last
    /// (each held-out title measured without the coded titles that read like it), from 82.5 %
    /// (250), 85.5 % (259), 0.3 % (1), 92.4 % (280), one title of slack each (82.1: 249 is
    /// 82.18 %; 85.1: 258 is 85.15 %; 0.7: 2 is 0.66 %; 92.0: 279 is 92.08 %).
    #[test]
    fn held_out_accuracy_is_measured_and_does_not_regress() {
        let bar = Bar {
            exact: 82.1,
            submajor: 85.1,
            unmapped: 0.7,
            same_class: Some(92.0),
        };
        assert_figures(HELD_OUT, bar);
    }

    /// The bar of issue 14, on the held-out table: ≥ 80 % at 4 digits, ≥ 90 % in the sub-major
    /// group, ≤ 3 % unmapped (see the README). Named, as every test that reads that table, with
    /// `held_out`: `--skip held_out` leaves them all out for whoever must not see it.
    #[test]
    #[ignore = "the bar of issue 14 is not met yet: sub-major accuracy short of it"]
    fn held_out_accuracy_meets_the_issue_bar() {
        let bar = Bar {
            exact: 80.0,
            submajor: 90.0,
            unmapped: 3.0,
            same_class: None,
        };
        assert_figures(HELD_OUT, bar);
    }

    /// The figures on any table of the same columns, named by `TITLE_TABLE` (a batch of new
    /// titles to measure before adding them to a table, say): `TITLE_TABLE=batch.csv cargo
    /// test --lib occupation::accuracy::figures_of_another_table -- --ignored --nocapture`.
    #[test]
    #[ignore = "measures the table named by TITLE_TABLE"]
    fn figures_of_another_table() {
        let Ok(path) = std::env::var("TITLE_TABLE") else {
            return;
        };
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        figures((&path, &text));
        share_no_title((&path, &text));
    }

    /// Nothing is tuned by copying test titles into `curated.csv`: no title of the development
    /// table normalises (case, accents, gender forms, punctuation) to a curated title.
    #[test]
    fn curated_and_test_titles_share_no_title() {
        share_no_title(DEVELOPMENT);
    }

    /// The same for the held-out table, apart since session 45, so that `--skip held_out`
    /// leaves every test that reads that table out. Its failure names only the curated rows
    /// (session 46), so that an engineer who must not see that table may run it on a new row.
    #[test]
    fn curated_and_held_out_titles_share_no_title() {
        share_no_title(HELD_OUT);
    }

    /// The development table is a reference too, read last (`crate::neighbour`), and some of
    /// its titles are also held-out titles, written apart by both writers (the common posts).
    /// Each held-out title is measured without the coded titles that read like it
    /// (`neighbour::leaving_out`, as `figures` does): none of them may decide it.
    #[test]
    fn held_out_titles_are_measured_without_their_coded_twins() {
        let mut twins = 0;
        let mut decided_by_a_twin = 0;
        for (title, _) in table(HELD_OUT) {
            let normalized = normalize_title(&title);
            let words = read_words(&normalized).1;
            let alike = |n: &crate::neighbour::Neighbour| normalize_title(n.title) == normalized;
            twins += usize::from(crate::neighbour::nearest(&words).is_some_and(|n| alike(&n)));
            let left_out =
                crate::neighbour::leaving_out(None, &title, || crate::neighbour::nearest(&words));
            decided_by_a_twin += usize::from(left_out.is_some_and(|n| alike(&n)));
        }
        println!("{twins} held-out titles have a coded twin, left out when measured");
        assert_eq!(decided_by_a_twin, 0);
    }

    fn share_no_title(source: (&str, &str)) {
        let mut curated: HashMap<String, Vec<&str>> = HashMap::new();
        for r in Crosswalk::builtin().references {
            if r.table == Table::Curated {
                curated
                    .entry(normalize_title(r.title()))
                    .or_default()
                    .push(r.title());
            }
        }
        let shared: Vec<String> = table(source)
            .iter()
            .filter_map(|(t, _)| {
                curated.get(&normalize_title(t)).map(|c| {
                    if source == HELD_OUT {
                        format!("curated {c:?} normalises like a title of {}", source.0)
                    } else {
                        format!("{t:?} = {c:?}")
                    }
                })
            })
            .collect();
        assert!(shared.is_empty(), "{}", shared.join("\n"));
    }
}
