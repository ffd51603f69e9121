//! Labels a person reads, in English or French. JSON keys never change with the language.

use crate::classify::{Class, Method};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// Translates an English label; labels without a French entry stay in English (a unit test
    /// keeps every label the renderers use translated).
    pub fn t(self, english: &'static str) -> &'static str {
        match self {
            Lang::En => english,
            Lang::Fr => french(english).unwrap_or(english),
        }
    }

    pub fn class(self, class: Class) -> &'static str {
        match self {
            Lang::En => class.label(),
            Lang::Fr => match class {
                Class::Gradient4 => "Gradient 4",
                Class::Gradient3 => "Gradient 3",
                Class::Gradient2 => "Gradient 2",
                Class::Gradient1 => "Gradient 1",
                Class::MinimalExposure => "Exposition minimale",
                Class::NotExposed => "Non exposé",
                Class::AutomationPotential => "Potentiel d'automatisation",
                Class::BigUnknown => "Grande inconnue",
                Class::AugmentationPotential => "Potentiel d'augmentation",
                Class::NotAffected => "Non concerné",
            },
        }
    }

    pub fn method(self, method: Method) -> &'static str {
        match (self, method) {
            (Lang::En, Method::Wp140) => "ILO WP140 (2025) gradients",
            (Lang::En, Method::Wp96) => "ILO WP96 (2023) categories",
            (Lang::Fr, Method::Wp140) => "gradients OIT WP140 (2025)",
            (Lang::Fr, Method::Wp96) => "catégories OIT WP96 (2023)",
        }
    }

    /// "12.5 %" or "12,5 %".
    pub fn percent(self, share: Option<f64>) -> String {
        match share {
            Some(s) => self.decimal_sep(format!("{:.1} %", s * 100.0)),
            None => "–".into(),
        }
    }

    /// A number with 2 decimals.
    pub fn decimal(self, value: Option<f64>) -> String {
        match value {
            Some(v) => self.decimal_sep(format!("{v:.2}")),
            None => "–".into(),
        }
    }

    /// Agents: whole numbers as integers, FTE with one decimal.
    pub fn agents(self, value: f64) -> String {
        if value.fract() == 0.0 {
            format!("{value:.0}")
        } else {
            self.decimal_sep(format!("{value:.1}"))
        }
    }

    fn decimal_sep(self, s: String) -> String {
        match self {
            Lang::En => s,
            Lang::Fr => s.replace('.', ","),
        }
    }
}

/// Every English label the renderers use, with its French translation.
pub const FRENCH: &[(&str, &str)] = &[
    ("Exposure to generative AI", "Exposition à l'IA générative"),
    ("Agents", "Agents"),
    ("Agents concerned", "Agents concernés"),
    ("Agents exposed", "Agents exposés"),
    ("Agents per class", "Agents par classe"),
    ("Band", "Niveau"),
    ("By", "Par"),
    ("Class", "Classe"),
    ("Department", "Service"),
    ("Departments", "Services"),
    ("Direction", "Direction"),
    ("Directions", "Directions"),
    ("Job", "Métier"),
    ("Jobs", "Métiers"),
    ("Jobs by class", "Métiers par classe"),
    ("Mean", "Moyenne"),
    ("Rule", "Règle"),
    ("Score", "Score"),
    ("SD", "Écart-type"),
    ("Share", "Part"),
    ("Source", "Source"),
    ("Task", "Tâche"),
    ("Tasks", "Tâches"),
    ("Tasks exposed", "Tâches exposées"),
    (
        "Tasks with the highest potential, by theme",
        "Tâches au plus fort potentiel, par thème",
    ),
    ("Theme", "Thème"),
    ("Time exposed", "Temps exposé"),
    ("Unscored", "Non évalué"),
    ("Unthemed (scored by hand)", "Sans thème (score saisi)"),
    ("Women", "Femmes"),
    ("Men", "Hommes"),
    ("Sex", "Sexe"),
    ("ISCO", "CITP"),
    (
        "ILO occupation (≠: other class)",
        "Profession OIT (≠ : autre classe)",
    ),
    (
        "ISCO-08 occupations found from job titles (least certain first)",
        "Professions CITP-08 trouvées d'après l'intitulé (les moins sûres d'abord)",
    ),
    ("Job title", "Intitulé"),
    ("Occupation (ILO)", "Profession (OIT)"),
    ("Matched title", "Intitulé de référence"),
    ("Confidence", "Confiance"),
    ("Via", "Source"),
    ("class", "classe"),
    ("class_label", "libellé_classe"),
    ("direction", "direction"),
    ("department", "service"),
    ("job", "métier"),
    ("isco", "citp"),
    ("agents", "agents"),
    ("mean", "moyenne"),
    ("sd", "écart_type"),
    ("theme", "thème"),
    ("task", "tâche"),
    ("rule", "règle"),
    ("score", "score"),
    ("band", "niveau"),
    ("jobs", "métiers"),
    ("Text", "Texte"),
    ("Normalised", "Normalisé"),
    ("Chosen", "Règle retenue"),
    ("Rationale", "Justification"),
    ("Evidence", "Fondement"),
    ("ILO", "OIT"),
    (
        "none — no rule matches; the task is unscored",
        "aucune — aucune règle ne correspond ; la tâche n'est pas évaluée",
    ),
    (
        "Matching rules (best first)",
        "Règles qui correspondent (la meilleure d'abord)",
    ),
    ("Code", "Code"),
    ("Specificity", "Spécificité"),
    ("Matched by", "Reconnue par"),
    ("Band 2023", "Niveau 2023"),
    ("Band 2025", "Niveau 2025"),
    ("No candidate occupation.", "Aucune profession candidate."),
    (
        "Candidate occupations (best reference title of each, best first)",
        "Professions candidates (le meilleur intitulé de référence de chacune, la meilleure d'abord)",
    ),
    ("Reference title", "Référence"),
    ("Similarity", "Similarité"),
    ("Reached via", "Trouvée par"),
    ("very low", "très faible"),
    ("low", "faible"),
    ("medium", "moyen"),
    ("high", "élevé"),
    ("year over year", "d'une année à l'autre"),
    ("authority", "collectivité"),
    ("authority_id", "siret"),
    ("year", "exercice"),
    ("All agents", "Ensemble des agents"),
    (
        "Agents (FTE filled) by filière",
        "Agents (ETP pourvus) par filière",
    ),
    ("Mean exposure by filière", "Exposition moyenne par filière"),
    (
        "Agents are the posts filled (FTE) of each document's staff annex; mean exposure is weighted by agents; method",
        "Les agents sont les emplois pourvus (ETP) de l'état du personnel de chaque document ; l'exposition moyenne est pondérée par les agents ; méthode",
    ),
];

fn french(english: &str) -> Option<&'static str> {
    FRENCH
        .iter()
        .find(|(en, _)| *en == english)
        .map(|(_, fr)| *fr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_labels() {
        assert_eq!(Lang::Fr.t("Jobs"), "Métiers");
        assert_eq!(Lang::En.t("Jobs"), "Jobs");
        assert_eq!(Lang::Fr.class(Class::NotExposed), "Non exposé");
        assert_eq!(Lang::Fr.percent(Some(0.125)), "12,5 %");
        assert_eq!(Lang::Fr.agents(2.5), "2,5");
        assert_eq!(Lang::En.decimal(Some(0.5)), "0.50");
    }

    #[test]
    fn translations_are_unique() {
        for (i, (en, _)) in FRENCH.iter().enumerate() {
            assert!(!FRENCH[..i].iter().any(|(e, _)| e == en), "{en} twice");
        }
    }
}
