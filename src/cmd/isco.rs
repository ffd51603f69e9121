//! `exposure isco 4226`: the ILO reference of an ISCO-08 occupation (tasks with their 2023 and
//! 2025 scores and bands, mean, SD, both classes). `exposure isco "gestionnaire paie"`: the
//! candidate occupations of a French job title, how each was reached, and the decision.

use std::path::Path;

use anyhow::{Result, bail};

use crate::classify::{Band, Method};
use crate::cli::{Format, IscoArgs};
use crate::cmd::grade;
use crate::error::InputError;
use crate::ilo::Ilo;
use crate::isco::{
    Basis, Candidate, Crosswalk, IscoMap, Role, Table, TitleMatch, read_title, tokens,
};
use crate::occupation;
use crate::output::emit;
use crate::render::fit;
use crate::render::occupation::{
    CandidateOccupation, Decision, Figures, FrenchTitle, OccupationReference, ReadingReport, Sigle,
    TaskReference, TitleReport, WordFamily, as_written, json, occupation_table, title_table,
};

/// Loads `--isco-map FILE`, checking every code against the ILO occupations.
pub fn load_map(path: Option<&Path>) -> Result<Option<IscoMap>, InputError> {
    // Without a map, nothing to check: the ILO tables are left to build on their own thread.
    path.map(|p| IscoMap::load(p, |code| Ilo::get().occupations.contains_key(code)))
        .transpose()
}

pub fn run(args: &IscoArgs) -> Result<()> {
    super::table_or_json(args.format, "isco")?;
    let query = args.query.join(" ");
    let query = query.trim();
    // Digits are a code, never a title: a code of the wrong length is a mistake to point out.
    if !query.is_empty() && query.bytes().all(|b| b.is_ascii_digit()) && query.len() != 4 {
        bail!(crate::messages::isco_query(query));
    }
    if query.len() == 4 && query.bytes().all(|b| b.is_ascii_digit()) {
        let Some(reference) = occupation(query) else {
            bail!(crate::messages::isco_unscored(query));
        };
        return emit(None, |out, terminal| match args.format {
            Format::Json => json(out, &reference),
            _ => occupation_table(
                &mut fit::lines(out, terminal),
                &reference,
                terminal,
                args.lang,
            ),
        });
    }
    let map = load_map(args.isco_map.as_deref())?;
    // The analysis's order: the user's map, then the grade, then the métier title.
    let explained = match map.as_ref().and_then(|m| m.get(query)) {
        Some(_) => None,
        None => Some(occupation::explain(query)),
    };
    if let Some(occupation::Explanation {
        grade: Ok(m),
        title: None,
    }) = &explained
    {
        let report = grade::report(query, m);
        return emit(None, |out, terminal| match args.format {
            Format::Json => json(out, &report),
            _ => crate::render::grade::table(
                &mut fit::lines(out, terminal),
                &report,
                terminal,
                args.lang,
            ),
        });
    }
    let (grade_path, title) = match explained {
        Some(occupation::Explanation {
            grade,
            title: Some(t),
        }) => (Some(grade), t),
        _ => (None, Crosswalk::builtin().explain(query)),
    };
    let report = title_report(query, map.as_ref(), args.limit, title);
    emit(None, |out, terminal| match args.format {
        Format::Json => json(out, &report),
        _ => {
            let out = &mut fit::lines(out, terminal);
            match &grade_path {
                Some(Err(n)) => {
                    let longs = crate::render::occupation::sigle_longs(&report);
                    crate::render::grade::not_grade_line(out, n, query, &longs, args.lang)?
                }
                Some(Ok(m)) => crate::render::grade::metier_wins_line(out, m, args.lang)?,
                None => {}
            }
            title_table(out, &report, terminal, args.lang)
        }
    })
}

fn occupation(code: &str) -> Option<OccupationReference> {
    let ilo = Ilo::get();
    let o = ilo.occupations.get(code)?;
    let tasks = ilo.tasks.get(code)?;
    // The figures the analysis gives a job of this occupation.
    let figures = |method: Method, mean, sd, category: &str| -> Option<Figures> {
        let f = ilo.figures(code, method)?;
        Some(Figures {
            tasks: f.tasks,
            tasks_exposed: f.tasks_exposed,
            mean: f.mean,
            sd: f.sd,
            class: f.class,
            published_mean: mean,
            published_sd: sd,
            published_category: category.to_string(),
        })
    };
    let mut french: Vec<FrenchTitle> = Crosswalk::builtin()
        .references
        .iter()
        .filter(|r| r.isco() == code)
        .map(|r| FrenchTitle {
            title: r.title().to_string(),
            table: r.table,
            confidence: r.confidence,
        })
        .collect();
    french.sort_by(|a, b| {
        (b.table == Table::Curated)
            .cmp(&(a.table == Table::Curated))
            .then(b.confidence.total_cmp(&a.confidence))
    });
    let total = french.len();
    french.truncate(12);
    Some(OccupationReference {
        isco08: code.to_string(),
        title: o.title().to_string(),
        source: "ILO (Gmyrek et al. 2025), WP140 task scores with the WP96 (2023) scores",
        tasks: tasks
            .iter()
            .map(|t| TaskReference {
                task_id: t.task_id,
                task: t.task().to_string(),
                score_2023: t.score_2023,
                band_2023: t.score_2023.map(Band::of),
                score_2025: t.score_2025,
                band_2025: Band::of(t.score_2025),
            })
            .collect(),
        wp140_2025: figures(
            Method::Wp140,
            o.published_mean_2025,
            o.published_sd_2025,
            o.published_category_2025(),
        )?,
        wp96_2023: figures(
            Method::Wp96,
            o.published_mean_2023,
            o.published_sd_2023,
            o.published_category_2023(),
        )?,
        french_titles: french,
        french_titles_total: total,
    })
}

fn occupation_title(code: &str) -> String {
    Ilo::get()
        .occupations
        .get(code)
        .map(|o| o.title().to_string())
        .unwrap_or_default()
}

fn title_report(
    title: &str,
    map: Option<&IscoMap>,
    limit: usize,
    (all, decision): (Vec<Candidate>, TitleMatch),
) -> TitleReport {
    let mut candidates: Vec<CandidateOccupation> = Vec::new();
    for c in all {
        if candidates.len() >= limit {
            break;
        }
        if candidates.iter().any(|x| x.isco08 == c.isco08) {
            continue;
        }
        candidates.push(CandidateOccupation {
            occupation: occupation_title(&c.isco08),
            isco08: c.isco08,
            reference: c.reference,
            table: c.table,
            similarity: round4(c.similarity),
            confidence: round4(c.confidence),
            via: c.via,
            matched: c.matched,
            stage: c.stage,
            basis: c.basis,
        });
    }
    let mapped_row = map.and_then(|m| m.get(title).map(|row| (m, row)));
    let decision = match (mapped_row, decision) {
        (Some((m, row)), _) => Decision {
            status: if row.isco.is_some() {
                "mapped"
            } else {
                "unmapped"
            },
            source: Some("isco_map"),
            occupation: row.isco.as_deref().map(occupation_title),
            isco08: row.isco.clone(),
            reference: Some(row.title.clone()),
            table: None,
            similarity: None,
            confidence: Some(1.0),
            via: Some(format!("{}:{}", m.source, row.line)),
            stage: None,
            basis: None,
            reason: None,
            candidate_code: None,
            reading: None,
        },
        (None, TitleMatch::Mapped(c)) => Decision {
            reading: (c.reading.as_deref()).map(|read| ReadingReport::of(read, c.basis, title)),
            status: "mapped",
            source: Some("title"),
            occupation: Some(occupation_title(&c.isco08)),
            isco08: Some(c.isco08),
            reference: Some(c.reference),
            table: Some(c.table),
            similarity: Some(round4(c.similarity)),
            confidence: Some(round4(c.confidence)),
            stage: Some(c.stage),
            basis: Some(c.basis),
            via: Some(c.via),
            reason: None,
            candidate_code: None,
        },
        (None, TitleMatch::Unmapped { reason, best }) => Decision {
            status: "unmapped",
            source: None,
            isco08: None,
            occupation: None,
            reference: best.as_ref().map(|b| b.reference.clone()),
            table: best.as_ref().map(|b| b.table),
            similarity: best.as_ref().map(|b| round4(b.similarity)),
            confidence: best.as_ref().map(|b| round4(b.confidence)),
            stage: best.as_ref().map(|b| b.stage),
            basis: best.as_ref().map(|b| b.basis),
            candidate_code: best.as_ref().map(|b| b.isco08.clone()),
            via: best.map(|b| b.via),
            reason: Some(reason),
            reading: None,
        },
    };
    // After a repertory's family code, the decision is the métier's: the words shown are the
    // métier's, and the code is named as set aside (the code's letters, read with the title,
    // would show as its head noun).
    let metier = match (&decision.basis, &decision.reading) {
        (Some(Basis::FamilyCode), Some(reading)) if !reading.words.is_empty() => {
            Some(reading.words.clone())
        }
        _ => None,
    };
    let set_aside = (metier.as_deref()).and_then(|m| {
        let at = title.rfind(m)?;
        let code = title[..at].trim_end_matches([' ', '-', '–', ':']).trim();
        (!code.is_empty()).then(|| code.to_string())
    });
    let read = read_title(metier.as_deref().unwrap_or(title));
    TitleReport {
        title: title.to_string(),
        set_aside,
        normalized: read.normalized,
        sigles: read
            .sigles
            .into_iter()
            .map(|(sigle, expansion)| Sigle { sigle, expansion })
            .collect(),
        head: read
            .words
            .iter()
            .filter(|w| matches!(w.role, Role::Head | Role::Complement))
            .map(|w| w.word.to_string())
            .collect(),
        families: (read.words.iter())
            .filter_map(|w| {
                let family = crate::isco::family_in_vocabulary(&w.word);
                (!family.is_empty()).then(|| WordFamily {
                    word: w.word.to_string(),
                    family_as_written: (family.iter())
                        .map(|&stem| match crate::isco::title_with_word(stem) {
                            Some(title) => as_written(&[stem], title, &[]).remove(0),
                            None => stem.to_string(),
                        })
                        .collect(),
                    family: family.into_iter().map(String::from).collect(),
                })
            })
            .collect(),
        words: read.words,
        tokens: tokens(metier.as_deref().unwrap_or(title)),
        decision,
        candidates,
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// `exposure isco TITLE`'s explanation in `lang`, one line a label (no terminal).
    fn explained(title: &str, lang: Lang) -> String {
        let decided = occupation::explain(title)
            .title
            .expect("the title path decides");
        let report = title_report(title, None, 10, decided);
        let mut out = Vec::new();
        crate::render::occupation::title_table(&mut out, &report, false, lang).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The line of `text` that starts with `label`.
    fn line<'t>(text: &'t str, label: &str) -> &'t str {
        (text.lines())
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line in {text}"))
    }

    /// What the explanation of a decision from part of the title says in both languages: the
    /// decision line says whose figures they are, the words read are named, the "Decided by"
    /// line claims no reference covering the whole title, and the rule is the one that applied.
    fn assert_part(title: &str, (decision, words, rule): (&str, &str, &str), fr: [&str; 3]) {
        let en = explained(title, Lang::En);
        let by = line(&en, "Decided by:");
        assert!(line(&en, "Decision:").contains(decision), "{en}");
        assert!(line(&en, "Words read:").contains(words), "{en}");
        assert!(
            by.contains("a reading of part of the title, not a reference"),
            "{by}"
        );
        assert!(!by.contains("1. a reference title covering"), "{by}");
        assert!(
            line(&en, "Rule:").starts_with(&format!("Rule:       {rule}")),
            "{en}"
        );
        assert!(!en.contains("Stage 1"), "{en}");
        let text = explained(title, Lang::Fr);
        // The lines this explanation writes (a ROME title's number in the table is no count).
        let lines: Vec<&str> = ["Décision", "Mots lus", "Décidé par", "Règle"]
            .map(|label| line(&text, label))
            .to_vec();
        let defects = crate::typography::french_defects(&lines.join("\n"));
        assert!(defects.is_empty(), "{defects:?}\n{text}");
        for (label, want) in ["Décision", "Mots lus", "Règle"].into_iter().zip(fr) {
            assert!(line(&text, label).contains(want), "{label}: {want}\n{text}");
        }
        assert!(!text.contains("Étape 1"), "{text}");
    }

    #[test]
    fn a_building_trades_team_head_is_taken_whole_and_says_so() {
        assert_part(
            "Responsable d'équipe plâtrerie",
            (
                "\"Chef d'équipe bâtiment\" (curated), taken for the trade the words read below name, not matched to the title: similarity 1.00, confidence 1.00, the reference's own",
                "\"plâtrerie\": the trade \"Plâtrier\", whose team's head is \"Chef d'équipe bâtiment\"",
                "A chef or responsable d'équipe or d'atelier followed by a trade",
            ),
            [
                "retenu pour le métier que nomment les mots lus ci-dessous, non rapproché de l'intitulé\u{202f}: similarité 1,00, confiance 1,00",
                "«\u{202f}plâtrerie\u{202f}»\u{202f}: le métier «\u{202f}Plâtrier\u{202f}», dont le chef d'équipe est «\u{202f}Chef d'équipe bâtiment\u{202f}»",
                "Un chef ou un responsable d'équipe ou d'atelier suivi d'un métier",
            ],
        );
    }

    #[test]
    fn a_trade_after_a_generic_head_names_the_trade_read() {
        assert_part(
            "Ouvrier technique menuisier",
            (
                "matched \"Menuisier\" (curated) from the words read below, not the whole title: similarity 1.00, confidence 1.00 of that match",
                "Words read: \"menuisier\"",
                "A title whose head names no trade (agent, ouvrier, employé)",
            ),
            [
                "rapproché de «\u{202f}Menuisier\u{202f}» (table locale) par les mots lus ci-dessous, non par l'intitulé entier\u{202f}: similarité 1,00, confiance 1,00 de ce rapprochement",
                "«\u{202f}menuisier\u{202f}»",
                "Un intitulé dont le nom de tête ne nomme aucun métier",
            ],
        );
    }

    #[test]
    fn a_polyvalent_agents_first_activity_is_read_after_agent() {
        assert_part(
            "Agent polyvalent plonge, ménage et garderie",
            (
                "matched \"Agent de plonge\" (curated) from the words read below, not the whole title",
                "\"plonge\", read as \"Agent plonge\"",
                "A polyvalent agent of a list of activities",
            ),
            [
                "par les mots lus ci-dessous, non par l'intitulé entier",
                "«\u{202f}plonge\u{202f}», compris comme «\u{202f}Agent plonge\u{202f}»",
                "Un agent polyvalent d'une liste d'activités",
            ],
        );
    }

    #[test]
    fn a_head_noun_alone_and_a_post_after_a_grade_say_whose_figures_they_are() {
        assert_part(
            "Technicienne en énergie solaire flottante",
            (
                "of that match, confidence 0.",
                "Words read: \"Technicienne en énergie\"",
                "Nothing matched the whole title at confidence 0.30: the shortest start",
            ),
            [
                "la sienne × √ la part du poids de l'intitulé que portent ces mots",
                "«\u{202f}Technicienne en énergie\u{202f}»",
                "Rien n'a rapproché l'intitulé entier",
            ],
        );
        assert_part(
            "Assistante d'enseignement artistique - théâtre",
            (
                "of the whole title's match to the grade \"Assistant d'enseignement artistique\"",
                "\"théâtre\"",
                "A grade whose cadre d'emplois covers several occupations",
            ),
            [
                "du rapprochement de l'intitulé entier avec le grade «\u{202f}Assistant d'enseignement artistique\u{202f}»",
                "«\u{202f}théâtre\u{202f}»",
                "Un grade dont le cadre d'emplois couvre plusieurs métiers",
            ],
        );
    }

    /// A reference matched to the title itself keeps its explanation: no words read.
    #[test]
    fn a_whole_title_decision_names_no_words_read() {
        let en = explained("Gestionnaire de paie", Lang::En);
        assert!(!en.contains("Words read"), "{en}");
        assert!(line(&en, "Decided by:").starts_with("Decided by: 1. a reference title"));
    }

    /// After a repertory's family code, the explanation reads the métier's words, those the
    /// decision used, and says the code was set aside first (session 45): the code's letters
    /// ("ADM", administratif) are no head noun of the title, in either language.
    #[test]
    fn a_family_code_is_set_aside_before_the_words_shown() {
        let title = "ADM-07 Secrétaire de direction";
        let en = explained(title, Lang::En);
        assert!(line(&en, "Set aside:").contains("\"ADM-07\""), "{en}");
        assert!(
            line(&en, "Normalised:").ends_with("secretaire de direction"),
            "{en}"
        );
        assert_eq!(line(&en, "Sigles:"), "Sigles:     none", "{en}");
        let words = line(&en, "Words:");
        assert!(words.contains("Secrétaire (head)"), "{en}");
        assert!(
            !words.contains("administratif") && !words.contains("07"),
            "{en}"
        );
        let head = line(&en, "Head noun:");
        assert!(
            head.contains("Secrétaire") && !head.contains("administratif"),
            "{en}"
        );
        let fr = explained(title, Lang::Fr);
        assert!(line(&fr, "Mis à part").contains("ADM-07"), "{fr}");
        assert!(line(&fr, "Mots").contains("Secrétaire (tête)"), "{fr}");
        assert!(!line(&fr, "Nom de tête").contains("administratif"), "{fr}");
        // Without a family code, no such line.
        assert!(!explained("Secrétaire de direction", Lang::En).contains("Set aside"));
    }
}
