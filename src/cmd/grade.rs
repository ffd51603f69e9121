//! The grade path of `exposure isco TITLE`: how the label was normalised, the cadre d'emplois
//! recognised, and the occupation or the mix (with its source and why) the job's figures come
//! from.

use crate::classify::Method;
use crate::grades::GradeMatch;
use crate::ilo::Ilo;
use crate::occupation::{mix_scoring, occupation_scoring};

pub use crate::render::grade::{GradeDecision, GradeDetail, GradeOccupation, GradeReport};

pub fn report(title: &str, m: &GradeMatch) -> GradeReport {
    let ilo = Ilo::get();
    let cadre = m.cadre;
    let method = Method::Wp140;
    let scoring = if m.is_mix() {
        mix_scoring(cadre, method)
    } else {
        occupation_scoring(&m.isco_label(), method)
    };
    // The grade's own occupation, or its cadre's occupation or mix.
    let shares: Vec<(&str, f64)> = match &m.occupation {
        Some(code) => vec![(code.as_str(), 1.0)],
        None => (cadre.occupations.iter())
            .map(|s| (s.isco08.as_str(), s.share))
            .collect(),
    };
    let occupations = shares
        .into_iter()
        .map(|(code, share)| {
            let f = ilo.figures(code, method);
            GradeOccupation {
                isco08: code.to_string(),
                title: ilo
                    .occupations
                    .get(code)
                    .map(|o| o.title().to_string())
                    .unwrap_or_default(),
                share,
                mean: f.as_ref().map(|f| f.mean),
                class: f.map(|f| f.class),
            }
        })
        .collect::<Vec<_>>();
    GradeReport {
        title: title.to_string(),
        decision: GradeDecision {
            status: "mapped",
            source: "grade",
            isco08: m.isco_label(),
            occupation: if m.is_mix() {
                cadre.libelle.clone()
            } else {
                occupations[0].title.clone()
            },
            reference: m.grade.clone(),
            confidence: m.confidence,
            via: format!("grade:{}", cadre.id),
        },
        grade: GradeDetail {
            cadre: cadre.id.clone(),
            libelle: cadre.libelle.clone(),
            filiere: cadre.filiere.clone(),
            categorie: cadre.categorie.clone(),
            recognition: if m.confidence < 1.0 {
                "guessed"
            } else {
                "exact"
            },
            steps: m.steps.clone(),
            mix: m.is_mix(),
            mix_source: cadre.mix_source.clone(),
            justification: cadre.justification.clone(),
            occupations,
            mean: scoring.as_ref().map(|s| s.figures.mean),
            sd: scoring.as_ref().map(|s| s.figures.sd),
            class: scoring.map(|s| s.figures.class),
        },
    }
}
