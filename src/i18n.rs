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
        self.tr(english)
    }

    /// [`Lang::t`] for a word known only at run time (a key read from a row): the word itself
    /// when the catalogue has no French for it.
    pub fn tr(self, english: &str) -> &str {
        match self {
            Lang::En => english,
            Lang::Fr => french(english).unwrap_or(english),
        }
    }

    /// ": ", or " : " with a narrow no-break space in French.
    pub fn colon(self) -> &'static str {
        match self {
            Lang::En => ": ",
            Lang::Fr => "\u{202f}: ",
        }
    }

    /// A sentence of the catalogue (`template`, in English, with `{name}` placeholders) in the
    /// reader's language, its placeholders filled, French spacing applied in French.
    pub fn fill(self, template: &'static str, values: &[(&str, String)]) -> String {
        let mut text = match self {
            Lang::En => template.to_string(),
            // Spaced before the values go in, so that a value (a job title) keeps its own.
            Lang::Fr => self.t(template).to_string(),
        };
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// A sentence built in the reader's language, with French spacing applied in French
    /// (U+202F before `% : ; ! ?` and inside « »).
    pub fn sentence(self, text: String) -> String {
        match self {
            Lang::En => text,
            Lang::Fr => crate::typography::french_spacing(&text),
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

    /// "12.5 %" or "12,5 %" (a narrow no-break space before the sign in French).
    pub fn percent(self, share: Option<f64>) -> String {
        match share {
            Some(s) => format!("{}{}%", self.number(s * 100.0, 1), self.percent_space()),
            None => "–".into(),
        }
    }

    fn percent_space(self) -> char {
        match self {
            Lang::En => ' ',
            Lang::Fr => crate::typography::NNBSP,
        }
    }

    /// A number with 2 decimals.
    pub fn decimal(self, value: Option<f64>) -> String {
        match value {
            Some(v) => self.number(v, 2),
            None => "–".into(),
        }
    }

    /// Agents: whole numbers as integers, FTE with one decimal.
    pub fn agents(self, value: f64) -> String {
        self.number(value, if value.fract() == 0.0 { 0 } else { 1 })
    }

    /// A count: `8518`, or `8 518` in French.
    pub fn count(self, n: u64) -> String {
        match self {
            Lang::En => n.to_string(),
            Lang::Fr => crate::typography::french_count(n),
        }
    }

    /// A number with `decimals` decimals: a point in English; a decimal comma and thousands
    /// grouped by U+202F in French.
    pub fn number(self, value: f64, decimals: usize) -> String {
        match self {
            Lang::En => format!("{value:.decimals$}"),
            Lang::Fr => crate::typography::french_number(value, decimals),
        }
    }
}

/// Every English label the renderers use, with its French translation.
pub const FRENCH: &[(&str, &str)] = &[
    // The unscored-task, unmapped-job and finding rows (render::figures).
    ("file", "fichier"),
    ("Reason", "Motif"),
    ("reason", "motif"),
    (
        "Closest reference title",
        "Intitulé de référence le plus proche",
    ),
    ("best_reference", "intitulé le plus proche"),
    ("Closest ISCO-08", "CITP-08 la plus proche"),
    ("best_isco08", "citp la plus proche"),
    ("best_similarity", "similarité"),
    ("best_confidence", "confiance"),
    ("Severity", "Gravité"),
    ("severity", "gravité"),
    ("Column", "Colonne"),
    ("column", "colonne"),
    ("Message", "Message"),
    ("message", "message"),
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
    ("sd", "écart-type"),
    ("theme", "thème"),
    ("task", "tâche"),
    ("rule", "règle"),
    ("score", "score"),
    ("band", "niveau d'exposition"),
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
    ("Authority", "Collectivité"),
    ("SIRET", "SIRET"),
    ("Budget", "Budget"),
    ("Document", "Document"),
    ("Year", "Exercice"),
    ("Indicator", "Indicateur"),
    ("Value", "Valeur"),
    ("Method", "Méthode"),
    ("Rosters", "Fichiers des effectifs"),
    ("Rubric", "Grille"),
    ("rules", "règles"),
    ("Tasks scored", "Tâches évaluées"),
    (
        "Tasks exposed (score ≥ 0.50)",
        "Tâches exposées (score ≥ 0,50)",
    ),
    ("Working time exposed", "Temps de travail exposé"),
    (
        "Mean exposure (headcount-weighted)",
        "Exposition moyenne (pondérée par les agents)",
    ),
    ("Agents classified", "Agents classés"),
    ("Agents in exposed jobs", "Agents des métiers exposés"),
    ("Tasks not scored", "Tâches non évaluées"),
    (
        "Jobs without tasks left unmapped",
        "Métiers sans tâches sans correspondance",
    ),
    ("Summary", "Synthèse"),
    ("measured the ILO's way:", "mesurée à la manière de l'OIT :"),
    ("In brief", "L'essentiel"),
    (
        "of tasks exposed (score ≥ 0.50)",
        "des tâches exposées (score ≥ 0,50)",
    ),
    ("of working time exposed", "du temps de travail exposé"),
    (
        "of agents in exposed jobs",
        "des agents dans des métiers exposés",
    ),
    ("Whole authority", "Toute la collectivité"),
    (
        "Jobs: mean exposure and spread of their tasks",
        "Métiers : exposition moyenne et dispersion de leurs tâches",
    ),
    (
        "Each dot is a job: to the right, its tasks are on average more exposed; higher up, they differ more from one another. The area of a dot is proportional to the job's agents. The dashed lines are the boundaries of the ILO classes. Hover over a dot for the job.",
        "Chaque point est un métier : plus il est à droite, plus ses tâches sont exposées en moyenne ; plus il est haut, plus elles diffèrent entre elles. La surface d'un point est proportionnelle aux agents du métier. Les tirets sont les frontières des classes de l'OIT. Survoler un point pour voir le métier.",
    ),
    (
        "Jobs by mean and standard deviation",
        "Métiers par moyenne et écart-type",
    ),
    (
        "Mean score of the job's tasks",
        "Score moyen des tâches du métier",
    ),
    (
        "Standard deviation of the task scores",
        "Écart-type des scores des tâches",
    ),
    (
        "No job could be scored.",
        "Aucun métier n'a pu être évalué.",
    ),
    (
        "The most exposed departments",
        "Les services les plus exposés",
    ),
    (
        "The roster has no department column.",
        "Le fichier des effectifs n'a pas de colonne service.",
    ),
    ("The most exposed jobs", "Les métiers les plus exposés"),
    ("Where", "Où"),
    (
        "The per-task listing was not kept for this report, so the tasks cannot be grouped by theme.",
        "La liste des tâches n'a pas été conservée pour ce rapport : les tâches ne peuvent pas être regroupées par thème.",
    ),
    (
        "Tasks with a score of 0.50 or more (generative AI can do them wholly or in large part), grouped by theme; themes with the most agents first.",
        "Tâches de score 0,50 ou plus (l'IA générative peut les accomplir en tout ou en grande partie), regroupées par thème ; les thèmes qui concernent le plus d'agents d'abord.",
    ),
    (
        "No task has a score of 0.50 or more.",
        "Aucune tâche n'a un score de 0,50 ou plus.",
    ),
    ("and", "et"),
    ("more", "autre(s)"),
    ("Method and sources", "Méthode et sources"),
    ("Sources", "Sources"),
    (
        "data/rubric.csv (built in)",
        "grille intégrée à l'outil (data/rubric.csv)",
    ),
    ("rosters", "effectifs"),
    ("rubric", "grille"),
    ("collectivity", "collectivité"),
    ("tasks", "tâches"),
    ("manual", "score saisi"),
    ("code", "code saisi"),
    ("ilo", "OIT"),
    ("none", "aucune"),
    ("roster", "fichier des effectifs"),
    ("isco_map", "table fournie"),
    ("title", "intitulé"),
    ("grade", "grade"),
    ("level", "niveau"),
    ("group", "regroupement"),
    ("value", "valeur"),
    ("tasks_scored", "tâches évaluées"),
    ("tasks_exposed", "tâches exposées"),
    ("class_other", "classe (autre méthode)"),
    ("isco_source", "source citp"),
    ("ilo_mean", "moyenne oit"),
    ("ilo_class", "classe oit"),
    ("share_tasks_exposed", "part des tâches exposées"),
    ("share_time_exposed", "part du temps exposé"),
    ("agents_classified", "agents classés"),
    ("agents_concerned", "agents concernés"),
    ("share_agents_concerned", "part des agents concernés"),
    ("agents_exposed", "agents exposés"),
    ("share_agents_exposed", "part des agents exposés"),
    ("weight", "poids"),
    ("source", "source"),
    ("line", "ligne"),
    ("document", "document"),
    ("filiere", "filière"),
    (
        "{agents} agents, {jobs} jobs, {tasks} tasks ({scored} scored); method: {method}.",
        "{agents} agents, {jobs} métiers, {tasks} tâches ({scored} évaluées) ; méthode : {method}.",
    ),
    (
        "{tasks} of tasks exposed (score ≥ {threshold}); {time} of working time exposed.",
        "{tasks} des tâches exposées (score ≥ {threshold}) ; {time} du temps de travail exposé.",
    ),
    (
        "{concerned} agents concerned ({cs} of classified agents); {exposed} in exposed jobs ({es}).",
        "{concerned} agents concernés ({cs} des agents classés) ; {exposed} dans des métiers exposés ({es}).",
    ),
    (
        "Most exposed directions: {list}.",
        "Directions les plus exposées : {list}.",
    ),
    (
        "Most exposed jobs: {list}.",
        "Métiers les plus exposés : {list}.",
    ),
    (
        "{ilo} job(s) without tasks scored from the ILO tasks of their ISCO-08 occupation; {unmapped} left unmapped.",
        "{ilo} métier(s) sans tâches évalué(s) d'après les tâches OIT de leur profession CITP-08 ; {unmapped} sans correspondance.",
    ),
    (
        "Not scored: {tasks} task(s), {jobs} job(s) left out of the figures.",
        "Non évalués : {tasks} tâche(s), {jobs} métier(s) exclus des chiffres.",
    ),
    ("Class (other method)", "Classe (autre méthode)"),
    ("File", "Fichier"),
    ("ILO occupation class", "Classe de la profession (OIT)"),
    ("ILO occupation mean", "Moyenne de la profession (OIT)"),
    ("ISCO-08", "CITP-08"),
    ("ISCO-08 from", "CITP-08 d'après"),
    ("Jobs unscored", "Métiers non évalués"),
    ("Line", "Ligne"),
    ("Scored from", "Évalué d'après"),
    ("Share of agents concerned", "Part des agents concernés"),
    ("Share of agents exposed", "Part des agents exposés"),
    ("Share of tasks exposed", "Part des tâches exposées"),
    ("Share of time exposed", "Part du temps exposé"),
    ("Weight", "Poids"),
    (
        "The per-task listing was not kept (score --level task keeps it).",
        "La liste des tâches n'a pas été conservée (le niveau « tâche » la conserve).",
    ),
    (
        "The roster has no direction column.",
        "Le fichier des effectifs n'a pas de colonne direction.",
    ),
    ("unmapped", "sans correspondance"),
    ("closest", "la plus proche"),
    ("curated", "table validée"),
    ("--isco-map", "table fournie"),
    // The report's and the workbook's own words (issue 16).
    ("Agents by class", "Agents par classe"),
    ("All", "Toutes"),
    (
        "Directions by mean exposure",
        "Directions par exposition moyenne",
    ),
    (
        "Each dot is a job: to the right, its tasks are on average more exposed; higher up, they differ more from one another. The area of a dot is proportional to the job's agents. The dashed lines are the boundaries of the ILO classes. Hover over, tap or focus a dot to see its job; the table of every job, further down, lists them all.",
        "Chaque point est un métier : plus il est à droite, plus ses tâches sont exposées en moyenne ; plus il est haut, plus elles diffèrent entre elles. La surface d'un point est proportionnelle aux agents du métier. Les tirets sont les frontières des classes de l'OIT. Survoler, toucher ou sélectionner un point affiche son métier ; le tableau de tous les métiers, plus bas, les donne tous.",
    ),
    (
        "Every job of the roster, most exposed first.",
        "Tous les métiers du fichier des effectifs, du plus exposé au moins exposé.",
    ),
    ("Every job", "Tous les métiers"),
    ("Item", "Rubrique"),
    ("Search", "Rechercher"),
    (
        "Tap or click a mark to see what it is.",
        "Touchez ou cliquez un élément du graphique pour voir ce qu'il représente.",
    ),
];

/// The French of an English label, with French spacing applied (the catalogue is written with
/// ordinary spaces; the formatter spaces it once, on first use).
fn french(english: &str) -> Option<&'static str> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static SPACED: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let spaced = SPACED.get_or_init(|| {
        FRENCH
            .iter()
            .map(|(en, fr)| {
                let fr: &'static str = match crate::typography::french_spacing(fr) {
                    s if s == *fr => fr,
                    // Built once for the life of the process, from a fixed list.
                    s => Box::leak(s.into_boxed_str()),
                };
                (*en, fr)
            })
            .collect()
    });
    spaced.get(english).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_labels() {
        assert_eq!(Lang::Fr.t("Jobs"), "Métiers");
        assert_eq!(Lang::En.t("Jobs"), "Jobs");
        assert_eq!(Lang::Fr.class(Class::NotExposed), "Non exposé");
        assert_eq!(Lang::Fr.percent(Some(0.125)), "12,5\u{202f}%");
        assert_eq!(Lang::Fr.agents(8518.0), "8\u{202f}518");
        assert_eq!(
            Lang::Fr.t("ILO occupation (≠: other class)"),
            "Profession OIT (≠\u{202f}: autre classe)"
        );
        assert_eq!(Lang::Fr.agents(2.5), "2,5");
        assert_eq!(Lang::En.decimal(Some(0.5)), "0.50");
    }

    /// Every literal label the code asks for (through `t` or `fill`) has its French.
    #[test]
    fn every_label_used_is_translated() {
        fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut missing = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            // Spelt in pieces, so that this test's own text is not a call.
            let calls = [
                concat!(".", "t(\""),
                concat!(".", "fill(\n            \""),
                concat!(".", "fill(\""),
            ];
            for call in calls {
                for (at, _) in text.match_indices(call) {
                    let rest = &text[at + call.len()..];
                    let Some(end) = rest.find('"') else { continue };
                    let label = &rest[..end];
                    if !label.contains('\\') && french(label).is_none() {
                        missing.push(format!("{}: {label}", file.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no French for:\n{}", missing.join("\n"));
    }

    #[test]
    fn translations_are_unique() {
        for (i, (en, _)) in FRENCH.iter().enumerate() {
            assert!(!FRENCH[..i].iter().any(|(e, _)| e == en), "{en} twice");
        }
    }
}
