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
        self.fill_nouns(template, &[], values)
    }

    /// [`Lang::fill`] for a sentence that names the roster's group levels: `{direction}` and
    /// `{directions}` are the first level's noun in running text (`{Direction}`,
    /// `{Directions}` capitalised), `{department}`… the second's, and a choice
    /// `{direction|masculine|feminine}` takes the form that agrees with the noun's French
    /// gender.
    pub fn fill_about(
        self,
        template: &'static str,
        grouping: Grouping,
        values: &[(&str, String)],
    ) -> String {
        self.fill_nouns(
            template,
            &[
                ("direction", grouping.direction),
                ("department", grouping.department),
            ],
            values,
        )
    }

    fn fill_nouns(
        self,
        template: &'static str,
        nouns: &[(&str, Noun)],
        values: &[(&str, String)],
    ) -> String {
        let mut text = match self {
            Lang::En => template.to_string(),
            // Spaced before the values go in, so that a value (a job title) keeps its own.
            Lang::Fr => self.t(template).to_string(),
        };
        if text.contains('|') {
            text = self.agree(&text, nouns, values);
        }
        for (name, noun) in nouns {
            for plural in [false, true] {
                let s = if plural { "s" } else { "" };
                let heading = noun.heading(self, plural);
                text = text.replace(&format!("{{{name}{s}}}"), &noun.word(self, plural));
                text = text.replace(&format!("{{{}{s}}}", capitalised(name)), heading);
            }
        }
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// Whether a count takes the plural: in English every count but 1, in French 2 and more
    /// ("0 tâche", "1,5 agent", "2 tâches").
    pub fn is_plural(self, n: f64) -> bool {
        match self {
            Lang::En => n != 1.0,
            Lang::Fr => n.abs() >= 2.0,
        }
    }

    /// `singular` or `plural`, as `n` requires.
    pub fn plural<'a>(self, n: f64, singular: &'a str, plural: &'a str) -> &'a str {
        if self.is_plural(n) { plural } else { singular }
    }

    /// Resolves the choices `{name|singular|plural}` of a template by the count filled in for
    /// `name` (a value already written for the reader: "1 478", "2,5"); a value that is not a
    /// number takes the plural. When `name` is one of `nouns`, the choice is
    /// `{name|masculine|feminine}`, by the noun's French gender.
    fn agree(self, text: &str, nouns: &[(&str, Noun)], values: &[(&str, String)]) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            let inner = &rest[open + 1..close];
            let mut parts = inner.split('|');
            let (Some(name), Some(singular), Some(plural), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                out.push_str(&rest[..=close]);
                rest = &rest[close + 1..];
                continue;
            };
            out.push_str(&rest[..open]);
            if let Some((_, noun)) = nouns.iter().find(|(n, _)| *n == name) {
                out.push_str(noun.agree(singular, plural));
                rest = &rest[close + 1..];
                continue;
            }
            let count = values
                .iter()
                .find(|(n, _)| *n == name)
                .and_then(|(_, v)| written_number(v));
            out.push_str(match count {
                Some(n) => self.plural(n, singular, plural),
                None => plural,
            });
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
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

    /// "agent" or "agents" after a headcount of `n`, in agreement with it.
    pub fn agents_noun(self, n: f64) -> &'static str {
        self.t(self.plural(n, "agent", "agents"))
    }

    /// "job" or "jobs" after a count of `n`, in agreement with it.
    pub fn jobs_noun(self, n: f64) -> &'static str {
        self.t(self.plural(n, "job", "jobs"))
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
            Lang::En => crate::decimal::fixed(value, decimals),
            Lang::Fr => crate::typography::french_number(value, decimals),
        }
    }
}

/// A noun naming the groups of one level of a roster (a direction, a status…): its singular
/// and plural in each language, as a heading writes them, and its French gender, which the
/// words around it agree with. The one place these names are defined; every output reads them
/// through [`Grouping`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun {
    /// What the level is, in JSON (`docs/json-schema.md`).
    pub key: &'static str,
    english: [&'static str; 2],
    french: [&'static str; 2],
    feminine: bool,
}

impl Noun {
    /// Singular or plural, as a heading writes it: "Direction", "Statuts".
    pub fn heading(self, lang: Lang, plural: bool) -> &'static str {
        let forms = match lang {
            Lang::En => self.english,
            Lang::Fr => self.french,
        };
        forms[usize::from(plural)]
    }

    /// The French form of a word that agrees with the noun: `masculine` or `feminine`.
    pub fn agree<'a>(self, masculine: &'a str, feminine: &'a str) -> &'a str {
        if self.feminine { feminine } else { masculine }
    }

    /// Singular or plural in running text: "direction", "statuts".
    pub fn word(self, lang: Lang, plural: bool) -> String {
        let heading = self.heading(lang, plural);
        let mut chars = heading.chars();
        match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

/// In JSON, a noun is its key.
impl serde::Serialize for Noun {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key)
    }
}

/// What a roster's two group levels are: a direction and its departments (services), or, in
/// a budget document's staff annex, the status and the filière. The loader chooses it; every
/// output names the levels through it. The JSON keys (`directions`, `direction`,
/// `department`) are a schema and do not change with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Grouping {
    pub direction: Noun,
    pub department: Noun,
}

impl Grouping {
    /// A roster's own columns: direction, then department.
    pub const ROSTER: Grouping = Grouping {
        direction: Noun {
            key: "direction",
            english: ["Direction", "Directions"],
            french: ["Direction", "Directions"],
            feminine: true,
        },
        department: Noun {
            key: "department",
            english: ["Department", "Departments"],
            french: ["Service", "Services"],
            feminine: false,
        },
    };

    /// A budget document's staff annex: its parts by status (titulaires, non titulaires),
    /// then the filières.
    pub const BUDGET: Grouping = Grouping {
        direction: Noun {
            key: "status",
            english: ["Status", "Statuses"],
            french: ["Statut", "Statuts"],
            feminine: false,
        },
        department: Noun {
            key: "filiere",
            english: ["Filière", "Filières"],
            french: ["Filière", "Filières"],
            feminine: true,
        },
    };

    /// Every grouping, for what must recognise a level's column whatever the roster.
    pub const ALL: [Grouping; 2] = [Grouping::ROSTER, Grouping::BUDGET];

    /// The noun of a lead column, by its key (`direction`, `department`).
    pub fn noun(self, key: &str) -> Option<Noun> {
        match key {
            "direction" => Some(self.direction),
            "department" => Some(self.department),
            _ => None,
        }
    }

    /// Whether this is the roster's own grouping (nothing to say about it in JSON).
    pub fn is_roster(&self) -> bool {
        *self == Grouping::ROSTER
    }
}

impl Default for Grouping {
    fn default() -> Self {
        Grouping::ROSTER
    }
}

/// "Direction" for "direction": a placeholder's capitalised name.
fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The number a count was written as, in either language ("8518", "8 518", "2,5", "2.5").
fn written_number(value: &str) -> Option<f64> {
    let digits: String = value
        .chars()
        .filter_map(|c| match c {
            '0'..='9' | '.' | '-' => Some(c),
            ',' => Some('.'),
            c if c.is_whitespace() => None,
            _ => Some('x'),
        })
        .collect();
    digits.parse().ok()
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
    ("job", "métier"),
    ("isco", "citp"),
    ("agents", "agents"),
    ("agent", "agent"),
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
        "Agents (FTE filled) by {department}",
        "Agents (ETP pourvus) par {department}",
    ),
    (
        "Mean exposure by {department}",
        "Exposition moyenne par {department}",
    ),
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
        "The most exposed {departments}",
        "Les {departments} les plus {department|exposés|exposées}",
    ),
    (
        "The roster has no {department} column.",
        "Le fichier des effectifs n'a pas de colonne {department}.",
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
    ("and {n} more", "et {n} {n|autre|autres}"),
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
        "{agents} {agents|agent|agents}, {jobs} {jobs|job|jobs}, {tasks} {tasks|task|tasks} ({scored} scored); method: {method}.",
        "{agents} {agents|agent|agents}, {jobs} {jobs|métier|métiers}, {tasks} {tasks|tâche|tâches} ({scored} {scored|évaluée|évaluées}) ; méthode : {method}.",
    ),
    (
        "{tasks} of tasks exposed (score ≥ {threshold}); {time} of working time exposed.",
        "{tasks} des tâches exposées (score ≥ {threshold}) ; {time} du temps de travail exposé.",
    ),
    (
        "{concerned} {concerned|agent|agents} concerned ({cs} of classified agents); {exposed} in exposed jobs ({es}).",
        "{concerned} {concerned|agent concerné|agents concernés} ({cs} des agents classés) ; {exposed} dans des métiers exposés ({es}).",
    ),
    (
        "Most exposed {directions}: {list}.",
        "{Directions} les plus {direction|exposés|exposées} : {list}.",
    ),
    (
        "Most exposed jobs: {list}.",
        "Métiers les plus exposés : {list}.",
    ),
    (
        "{ilo} {ilo|job|jobs} without tasks scored from the ILO tasks of their ISCO-08 occupation; {unmapped} left unmapped.",
        "{ilo} {ilo|métier|métiers} sans tâches {ilo|évalué|évalués} d'après les tâches OIT de {ilo|sa|leur} profession CITP-08 ; {unmapped} sans correspondance.",
    ),
    (
        "Not scored: {tasks} {tasks|task|tasks}, {jobs} {jobs|job|jobs} left out of the figures.",
        "Non évalués et hors des chiffres : {tasks} {tasks|tâche|tâches}, {jobs} {jobs|métier|métiers}.",
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
        "The roster has no {direction} column.",
        "Le fichier des effectifs n'a pas de colonne {direction}.",
    ),
    ("unmapped", "sans correspondance"),
    ("closest", "la plus proche"),
    ("curated", "table validée"),
    ("--isco-map", "table fournie"),
    // The report's and the workbook's own words (issue 16).
    ("Agents by class", "Agents par classe"),
    ("All", "Toutes"),
    (
        "{Directions} by mean exposure",
        "{Directions} par exposition moyenne",
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
    // The words of render/grade.rs, render/occupation.rs, render/years.rs, render/html.rs and
    // render/html/points.rs (issue 15, one catalogue).
    ("folded", "forme simple"),
    ("stratum dropped", "strate retirée"),
    ("split", "séparé"),
    ("abbreviation", "abréviation"),
    ("truncated", "mot tronqué"),
    ("misspelt", "faute corrigée"),
    ("rank removed", "rang retiré"),
    ("rank removed (second pass)", "rang retiré (second passage)"),
    ("words", "mots"),
    ("left aside", "laissé de côté"),
    (
        "with words of the cadre's name",
        "avec des mots du nom du cadre",
    ),
    (
        "contract form, then the post",
        "forme de contrat, puis le poste",
    ),
    (
        "without words of the cadre's name",
        "sans des mots du nom du cadre",
    ),
    ("; ", " ; "),
    ("Title", "Intitulé"),
    ("Steps", "Étapes"),
    ("Grade", "Grade"),
    ("Decision", "Décision"),
    ("Mix source", "Source"),
    ("Why", "Pourquoi"),
    ("exact", "reconnaissance exacte"),
    ("guessed", "reconnaissance devinée"),
    ("assumption", "hypothèse"),
    (
        "a grade is recognised when, rank removed and abbreviations expanded, its words are those of a grade of the table (plus, if need be, words of its cadre's name, never part of a sigle's: \"Secrétaire du DGS\" is no grade); confidence 1, × 0.9 per truncated word completed or for a contract form followed by the post, × 0.8 per misspelt word corrected or for a grade short of words of its cadre's name; under 1 it is a guess, flagged; under {floor} the title goes to the métier matcher.",
        "un grade est reconnu quand, rang retiré et abréviations développées, ses mots sont ceux d'un grade du tableau (plus, au besoin, des mots du nom de son cadre, jamais une partie de ceux d'un sigle : « Secrétaire du DGS » n'est pas un grade) ; confiance 1, × 0,9 par mot tronqué complété ou pour une forme de contrat suivie du poste, × 0,8 par faute corrigée ou pour un grade privé de mots du nom de son cadre ; sous 1 c'est une supposition, signalée ; sous {floor} l'intitulé passe au rapprochement par métier.",
    ),
    (
        "{reference} — cadre d'emplois {libelle} ({filiere}, {categorie}), {recognition}, confidence {confidence}",
        "{reference} — cadre d'emplois {libelle} ({filiere}, {categorie}), {recognition}, confiance {confidence}",
    ),
    (
        "mean {mean}, SD {sd}, {class}",
        "moyenne {mean}, écart-type {sd}, {class}",
    ),
    (
        "a mix of {n} occupations, ILO tasks pooled",
        "mélange de {n} professions, tâches OIT mises en commun",
    ),
    (
        "{isco} — {mix} (WP140: {figures})",
        "{isco} — {mix} (WP140 : {figures})",
    ),
    (
        "{isco} {occupation} (WP140: {figures})",
        "{isco} {occupation} (WP140 : {figures})",
    ),
    ("{share}%", "{share} %"),
    (
        "Occupations of the mix (assumed share of agents)",
        "Professions du mélange (part des agents supposée)",
    ),
    (
        "several cadres d'emplois fit ({cadres})",
        "plusieurs cadres d'emplois possibles ({cadres})",
    ),
    (
        "recognised as a grade with confidence {confidence} only, under {floor}",
        "reconnu comme grade avec une confiance de {confidence} seulement, sous {floor}",
    ),
    (
        "not a grade of the fonction publique territoriale (no word to match)",
        "pas un grade de la fonction publique territoriale (aucun mot à rapprocher)",
    ),
    (
        "not a grade of the fonction publique territoriale (no grade has the words \"{key}\")",
        "pas un grade de la fonction publique territoriale (aucun grade n'a les mots « {key} »)",
    ),
    (
        "not a grade of the fonction publique territoriale (no grade has the words \"{key}\", nor those of its abbreviations read otherwise: {others})",
        "pas un grade de la fonction publique territoriale (aucun grade n'a les mots « {key} », ni ceux de ses abréviations lues autrement : {others})",
    ),
    (
        "not a grade: \"{phrase}\" names another post than the grade its words hold",
        "pas un grade : « {phrase} » désigne un autre poste que le grade dont il contient les mots",
    ),
    (
        "phrase naming another post",
        "expression désignant un autre poste",
    ),
    (
        "the title is the grade \"{grade}\" ({cadre}) once its bracket is set aside as a remark, but the bracket names the post, which wins",
        "l'intitulé est le grade « {grade} » ({cadre}) une fois sa parenthèse mise à part comme remarque, mais la parenthèse désigne le poste, qui l'emporte",
    ),
    (
        "the title is the contract form or status \"{grade}\" ({cadre}) and the post it holds, which names the occupation and wins",
        "l'intitulé est la forme de contrat ou le statut « {grade} » ({cadre}) et le poste occupé, qui désigne le métier et l'emporte",
    ),
    (
        "part of the title is the grade \"{grade}\" ({cadre}), but the whole title names a métier, which wins",
        "une partie de l'intitulé est le grade « {grade} » ({cadre}), mais l'intitulé entier désigne un métier, qui l'emporte",
    ),
    (
        "{jobs} {jobs|job|jobs}, {agents} {agents|agent|agents} — mean {mean}, SD {sd} — mostly {class}",
        "{jobs} {jobs|métier|métiers}, {agents} {agents|agent|agents} — moyenne {mean}, écart-type {sd} — surtout {class}",
    ),
    (
        "Beyond {max} scored jobs, the jobs are grouped: one dot per cell of 0.02 of mean by 0.02 of SD (rounded values), placed at the agent-weighted mean of its jobs, its area proportional to their agents, coloured by the class with the most agents in it. Here {jobs} jobs in {dots} dots.",
        "Au-delà de {max} métiers évalués, les métiers sont regroupés : un point par case de 0,02 de moyenne sur 0,02 d'écart-type (valeurs arrondies), placé à la moyenne de ses métiers pondérée par leurs agents, de surface proportionnelle à leurs agents et de la couleur de la classe qui y compte le plus d'agents. Ici {jobs} métiers en {dots} points.",
    ),
    ("ISCO-08 {code} — {title}", "CITP-08 {code} — {title}"),
    ("Source: {source}.", "Source : {source}."),
    (
        "ILO (Gmyrek et al. 2025), WP140 task scores with the WP96 (2023) scores",
        "OIT (Gmyrek et al. 2025), scores des tâches de WP140, avec ceux de WP96 (2023)",
    ),
    (
        "mean {mean}, SD {sd}, {exposed}/{tasks} tasks exposed → {class}",
        "moyenne {mean}, écart-type {sd}, {exposed}/{tasks} tâches exposées → {class}",
    ),
    (
        " (published: mean {mean}, SD {sd}; the exact mean is a rounding tie)",
        " (publié : moyenne {mean}, écart-type {sd} ; la moyenne exacte tombe à mi-chemin de deux arrondis)",
    ),
    (
        "French titles mapped here ({total} in the crosswalk): {list}",
        "Intitulés français rattachés ici ({total} dans la table de correspondance) : {list}",
    ),
    ("head", "tête"),
    ("complement", "complément"),
    ("qualifier", "qualificatif"),
    ("place", "lieu"),
    ("rank", "rang"),
    ("Sigles", "Sigles"),
    ("Words", "Mots"),
    ("Set aside", "Mis à part"),
    (
        "\"{code}\", a repertory's family code, set aside first: the lines below read the métier after it, whose words the decision used",
        "« {code} », code de famille d'un répertoire des métiers, mis à part d'abord : les lignes ci-dessous lisent le métier qui le suit, dont la décision a pris les mots",
    ),
    ("Head noun", "Nom de tête"),
    ("Families", "Familles"),
    (
        "a word also matches the words of its family, adjective and noun, and the broader word of its kind (bus: transport)",
        "un mot rapproche aussi les mots de sa famille, adjectif et nom, et le mot plus large de son genre (bus : transport)",
    ),
    ("Decided by", "Décidé par"),
    (
        "Type to search, choose a {direction} or a class; tap or click a column's heading to sort by it, again to reverse.",
        "Tapez pour chercher, choisissez {direction|un|une} {direction} ou une classe ; touchez ou cliquez l'en-tête d'une colonne pour trier, une seconde fois pour inverser.",
    ),
    (
        "{code} {occupation} — from your map ({via}, \"{reference}\")",
        "{code} {occupation} — selon votre table ({via}, « {reference} »)",
    ),
    (
        "unmapped — your map leaves it unmapped ({via})",
        "sans code — votre table le laisse sans code ({via})",
    ),
    (
        "; the title of the workers it heads ({workers_code}), hence their supervisors' code",
        " ; intitulé des agents qu'il encadre ({workers_code}), d'où le code de leurs superviseurs",
    ),
    (
        "{code} {occupation} — matched \"{reference}\" ({how}), similarity {similarity}, confidence {confidence}",
        "{code} {occupation} — rapproché de « {reference} » ({how}), similarité {similarity}, confiance {confidence}",
    ),
    (
        " (closest: \"{title}\" → {code}, similarity {similarity}, confidence {confidence})",
        " (le plus proche : « {title} » → {code}, similarité {similarity}, confiance {confidence})",
    ),
    ("unmapped — {reason}{best}", "sans code — {reason}{best}"),
    ("{stage} — it covers {basis}", "{stage} — il couvre {basis}"),
    ("Words read", "Mots lus"),
    (
        "{code} {occupation} — matched \"{reference}\" ({how}) from the words read below, not the whole title: similarity {similarity}, confidence {confidence} of that match",
        "{code} {occupation} — rapproché de « {reference} » ({how}) par les mots lus ci-dessous, non par l'intitulé entier : similarité {similarity}, confiance {confidence} de ce rapprochement",
    ),
    (
        "{code} {occupation} — matched \"{reference}\" ({how}) from the words read below, not the whole title: similarity {similarity} of that match, confidence {confidence}, that match's × √ the share of the title's weight the words carry",
        "{code} {occupation} — rapproché de « {reference} » ({how}) par les mots lus ci-dessous, non par l'intitulé entier : similarité {similarity} de ce rapprochement, confiance {confidence}, la sienne × √ la part du poids de l'intitulé que portent ces mots",
    ),
    (
        "{code} {occupation} — \"{reference}\" ({how}), taken for the trade the words read below name, not matched to the title: similarity {similarity}, confidence {confidence}, the reference's own",
        "{code} {occupation} — « {reference} » ({how}), retenu pour le métier que nomment les mots lus ci-dessous, non rapproché de l'intitulé : similarité {similarity}, confiance {confidence}, celles de cet intitulé de référence lui-même",
    ),
    (
        "{code} {occupation} — matched \"{reference}\" ({how}) from the words read below, an occupation of the grade's cadre d'emplois: similarity {similarity}, confidence {confidence} of the whole title's match to the grade \"{grade}\"",
        "{code} {occupation} — rapproché de « {reference} » ({how}) par les mots lus ci-dessous, un métier du cadre d'emplois du grade : similarité {similarity}, confiance {confidence} du rapprochement de l'intitulé entier avec le grade « {grade} »",
    ),
    (
        "\"{words}\": the trade \"{trade}\", whose team's head is \"{reference}\"",
        "« {words} » : le métier « {trade} », dont le chef d'équipe est « {reference} »",
    ),
    (
        "\"{words}\", read as \"{matched}\"",
        "« {words} », compris comme « {matched} »",
    ),
    ("\"{words}\"", "« {words} »"),
    (
        "a reading of part of the title, not a reference title covering the whole title — it reads {basis}",
        "une lecture d'une partie de l'intitulé, non un intitulé de référence qui couvre tout l'intitulé — elle lit {basis}",
    ),
    (
        "A title whose head names no trade (agent, ouvrier, employé), followed by a trade or its domain (électricité: électricien), is that trade when no reference title covers the whole title at confidence {grade_floor} or more, or at similarity {tie} or more: the trade's one-word curated title is matched, unless the decision is already of that trade's ISCO-08 minor group.",
        "Un intitulé dont le nom de tête ne nomme aucun métier (agent, ouvrier, employé), suivi d'un métier ou de son domaine (électricité : électricien), est ce métier quand aucun intitulé de référence ne couvre tout l'intitulé à une confiance de {grade_floor} ou plus, ou à une similarité de {tie} ou plus : l'intitulé d'un seul mot de ce métier dans la table locale est rapproché, sauf si la décision est déjà du sous-groupe CITP-08 de ce métier.",
    ),
    (
        "A chef or responsable d'équipe or d'atelier followed by a trade or its domain, where no reference title covers the whole title at confidence {grade_floor} or more, or at similarity {tie} or more, is classed with that trade's workers, as ISCO-08 classes the supervisors of a trade; the head of a building trade (ISCO-08 71 and 7411) is a construction supervisor, the curated \"Chef d'équipe bâtiment\" (3123), in place of a craft worker's code or of none.",
        "Un chef ou un responsable d'équipe ou d'atelier suivi d'un métier ou de son domaine, quand aucun intitulé de référence ne couvre tout l'intitulé à une confiance de {grade_floor} ou plus, ou à une similarité de {tie} ou plus, est classé avec les ouvriers de ce métier, comme la CITP-08 classe les agents de maîtrise d'un métier ; le chef d'un métier du bâtiment (CITP-08 71 et 7411) est un superviseur de la construction, « Chef d'équipe bâtiment » de la table locale (3123), à la place du code d'un ouvrier qualifié ou d'aucun code.",
    ),
    (
        "A title of one agent's activities listed (a comma, \"et\" or \"+\" between them): a polyvalent post before the list, set apart by a spaced colon, a bracket or a spaced dash, is that post when matched alone at stage 1 or 2 at confidence {floor} or more by a polyvalent reference title (of the post's own words, for a post of its head and \"polyvalent\" alone), the general occupation; a post of its head and \"polyvalent\" alone is read with its first activity, kept when a reference title covers that reading whole at confidence {floor} or more as another code; \"+\" is read as \"et\", the title so written decided whole by every rule.",
        "Un intitulé qui énumère les activités d'un même agent (une virgule, « et » ou « + » entre elles) : un poste polyvalent devant la liste, séparé par deux-points espacés, une parenthèse ou un tiret espacé, est ce poste quand il est rapproché seul à l'étape 1 ou 2 à une confiance de {floor} ou plus d'un intitulé de référence polyvalent (fait des mots du poste, pour un poste de son nom de tête et de « polyvalent » seuls), le métier général ; un poste fait de son nom de tête et de « polyvalent » seuls est lu avec sa première activité, retenue quand un intitulé de référence couvre cette lecture en entier à une confiance de {floor} ou plus comme un autre code ; « + » est lu comme « et », l'intitulé ainsi écrit décidé en entier par toutes les règles.",
    ),
    (
        "A polyvalent agent of a list of activities that no reference title covers whole is classed by the first activity, read after \"agent\", when a curated title covers it whole at confidence {floor} or more, unless the decision of the title's head noun is of a higher ISCO-08 skill level.",
        "Un agent polyvalent d'une liste d'activités qu'aucun intitulé de référence ne couvre en entier est classé par la première activité, lue après « agent », quand un intitulé de la table locale la couvre en entier à une confiance de {floor} ou plus, sauf si la décision du nom de tête de l'intitulé est d'un niveau de compétence CITP-08 plus élevé.",
    ),
    (
        "An animateur matched only to the bare curated \"Animateur\" (the children's, 5311, by the convention for communes) whose title names other words than places and ranks and none of a children's setting (périscolaire, loisirs, pause méridienne, école, enfance, mineurs, cantine…): the title is read with \"Animateur socioculturel\" in place of its head noun, kept when matched at stage 1 or 2 at confidence {floor} or more.",
        "Un animateur rapproché seulement de l'intitulé de référence « Animateur » seul (celui des enfants, 5311, par la convention des communes) dont l'intitulé nomme d'autres mots que des lieux et des grades et aucun cadre de l'enfance (périscolaire, loisirs, pause méridienne, école, enfance, mineurs, cantine…) : l'intitulé est lu avec « Animateur socioculturel » à la place de son nom de tête, retenu quand il est rapproché à l'étape 1 ou 2 à une confiance de {floor} ou plus.",
    ),
    (
        "A chef de service that no reference title matches at confidence {floor}: the title is read with \"responsable\" in place of \"chef\" (with \"service\", chef reaches responsable but not its synonym directeur), kept when matched at stage 1 or 2 at confidence {floor} or more to a curated manager's title (ISCO-08 major group 1).",
        "Un chef de service qu'aucun intitulé de référence ne rapproche à une confiance de {floor} : l'intitulé est lu avec « responsable » à la place de « chef » (avec « service », chef rejoint responsable mais pas son synonyme directeur), retenu quand il est rapproché à l'étape 1 ou 2 à une confiance de {floor} ou plus de l'intitulé d'un cadre dirigeant de la table locale (grand groupe 1 de la CITP-08).",
    ),
    (
        "A title that names a network with telecoms, telephony or computing, not decided as a computing occupation: the words before the network are read with \"réseaux informatiques\", kept when matched at stage 1 or 2 at confidence {floor} or more as a computing occupation (ISCO-08 133, 251, 252, 351).",
        "Un intitulé qui nomme un réseau avec les télécoms, la téléphonie ou l'informatique, sans être rapproché d'un métier de l'informatique : les mots qui précèdent le réseau sont lus avec « réseaux informatiques », retenus quand ils sont rapprochés à l'étape 1 ou 2 à une confiance de {floor} ou plus d'un métier de l'informatique (CITP-08 133, 251, 252, 351).",
    ),
    (
        "An animateur matched only to the bare curated \"Animateur\" whose title names a programme, an incubator, a territory's economy, a sector, a climate or energy plan, a contract or a charter, and no children's setting: a development agent, the title read with \"Chargé de mission\" in place of its head noun, kept when matched at stage 1 or 2 at confidence {floor} or more as a science or engineering professional (ISCO-08 21) or a policy and planning one (242).",
        "Un animateur rapproché seulement de l'intitulé de référence « Animateur » seul dont l'intitulé nomme un programme, une pépinière d'entreprises, l'économie d'un territoire, une filière, un plan climat ou énergie, un contrat ou une charte, et aucun cadre de l'enfance : un agent de développement, l'intitulé lu avec « Chargé de mission » à la place de son nom de tête, retenu quand il est rapproché à l'étape 1 ou 2 à une confiance de {floor} ou plus d'un spécialiste des sciences et de l'ingénierie (CITP-08 21) ou des politiques publiques (242).",
    ),
    (
        "A chargé de mission, chargé d'études or chef de projet whose title was read as the policy officer (2422), or as a reference that shares only a frame word with it (plan, programme, schéma, contrat, dispositif), names a theme no curated professional's title spells alone: its word \"{theme}\", which the table of themes (data/isco/theme_words.csv) reads as \"{reference}\", names the theme's profession, whose code the title takes at the similarity of the reference it was read as.",
        "Un chargé de mission, un chargé d'études ou un chef de projet dont l'intitulé a été lu comme le chargé de mission des politiques publiques (2422), ou comme un intitulé de référence qui ne partage avec lui qu'un mot de cadre (plan, programme, schéma, contrat, dispositif), nomme un thème qu'aucun intitulé d'une profession de la table locale n'écrit seul : son mot « {theme} », que la table des thèmes (data/isco/theme_words.csv) lit comme « {reference} », nomme le métier du thème, dont l'intitulé prend le code à la similarité de l'intitulé de référence lu.",
    ),
    (
        "A title whose last word the vocabulary does not know, or that ends on a connective (et, de, des, à…), as an HR system's export cuts a title at its field length: the connective is dropped, and a last word of {stub_min} letters or more that starts words of the reference titles is read as the one the reference titles sharing most of the title's other words use, when it is clearly ahead of the others; the title so read is decided whole by every rule, and kept when mapped at confidence {floor} or more.",
        "Un intitulé dont le dernier mot est inconnu du vocabulaire, ou qui finit sur un mot de liaison (et, de, des, à…), comme l'export d'un logiciel RH coupe un intitulé à la longueur de son champ : le mot de liaison est retiré, et un dernier mot de {stub_min} lettres ou plus qui commence des mots des intitulés de référence est lu comme celui qu'emploient les intitulés de référence qui partagent le plus des autres mots de l'intitulé, quand il devance clairement les autres ; l'intitulé ainsi lu est décidé en entier par toutes les règles, et retenu quand il est rapproché à une confiance de {floor} ou plus.",
    ),
    (
        "A title with words shortened with a dot (\"hosp.\", \"scol.\") of {abbreviation_min} letters or more that no table knows (no sigle or short form, no word of the reference titles, no place, rank or status word) and that the decision did not match: each is read as the word of the reference titles it starts that those sharing most of the title's other words use, when it is clearly ahead of the others; the title so read is decided whole by every rule, and kept when mapped at confidence {floor} or more.",
        "Un intitulé aux mots abrégés d'un point (« hosp. », « scol. ») de {abbreviation_min} lettres ou plus qu'aucune table ne connaît (ni sigle ou forme courte, ni mot des intitulés de référence, ni mot de lieu, de grade ou de statut) et que la décision n'a pas rapprochés : chacun est lu comme le mot des intitulés de référence qu'il commence qu'emploient ceux qui partagent le plus les autres mots de l'intitulé, quand il devance nettement les autres ; l'intitulé ainsi lu est décidé en entier par toutes les règles, et retenu s'il est rapproché à une confiance de {floor} ou plus.",
    ),
    (
        "A title with a frame noun (ressources, parc, action, acquisitions, matériels) followed right after it by a word that names its field (\"ressources numériques\", \"parc locatif\", \"action foncière\"), decided by a reference that read the frame and not that word but a field of its own, or left unmapped: the title is read without the frame noun, the field in its place, decided whole by every rule, and kept when mapped at confidence {floor} or more by a reference that reads the field, at any stage, as another code. A reference that shares the frame noun but names another field after it (\"Chargé de ressources humaines\" for \"Chargé des ressources numériques\") is a look-alike: its similarity is halved.",
        "Un intitulé avec un nom de cadre (ressources, parc, action, acquisitions, matériels) suivi, juste après, d'un mot qui nomme son domaine (« ressources numériques », « parc locatif », « action foncière »), décidé par un intitulé de référence qui a lu le cadre et non ce mot mais un domaine à lui, ou laissé sans code : l'intitulé est lu sans le nom de cadre, le domaine à sa place, décidé entier par toutes les règles, et retenu s'il reçoit un code à la confiance {floor} ou plus par un intitulé de référence qui lit le domaine, à toute étape, comme autre code. Un intitulé de référence qui partage le nom de cadre mais nomme un autre domaine après lui (« Chargé de ressources humaines » pour « Chargé des ressources numériques ») est un faux ami : sa similarité est divisée par deux.",
    ),
    (
        "A title that opens with the code or prefix a repertory of métiers files it under: a code of capitals and digits (\"ADM-04\", \"RH-03\"), a family's abbreviation of capitals before a spaced dash that names no post, employer, path of services or contract form alone (\"BAT -\", \"EV -\"; not \"ASVP -\", \"DST -\", \"CCAS -\", \"PEC -\"), or \"Famille\" and the family's name before a spaced dash or colon: the métier after it is resolved as a title of its own, grade and every rule, and decides when it is a grade or is mapped at confidence {floor} or more, unless, after an abbreviation or a family's name, a reference title covers the whole title, a word of the family among its words, at {tie} × that confidence or more (the family names what the métier leaves out).",
        "Un intitulé qui commence par le code ou le préfixe sous lequel un répertoire des métiers le range : un code de capitales et de chiffres (« ADM-04 », « RH-03 »), l'abréviation d'une famille en capitales devant un tiret entre espaces, qui seule ne nomme ni poste, ni employeur, ni chemin de services, ni contrat (« BAT - », « EV - » ; pas « ASVP - », « DST - », « CCAS - », « PEC - »), ou « Famille » et le nom de la famille devant un tiret ou deux-points entre espaces : le métier qui suit est résolu comme un intitulé à part entière, grade et toutes les règles, et décide quand c'est un grade ou qu'il est rapproché à une confiance de {floor} ou plus, sauf si, après une abréviation ou le nom d'une famille, un intitulé de référence couvre l'intitulé entier, un mot de la famille parmi ses mots, à {tie} × cette confiance ou plus (la famille nomme ce que le métier laisse de côté).",
    ),
    (
        "A title that names a territorial body, facility or place whose words are also an occupation's (caisse des écoles, salle des fêtes, salle polyvalente, centre de supervision urbain, espace or maison France Services, parc de logements, France Rénov'), decided by a reference that matched the name's first word and not all of its words: the name, and the connective before it, is replaced by the field it says (administratif, gestion des salles, police municipale, France Services, patrimoine locatif, rénovation énergétique), the title so read decided whole by every rule, and kept when mapped at confidence {floor} or more as another code.",
        "Un intitulé qui nomme un organisme, un équipement ou un lieu territorial dont les mots sont aussi ceux d'un métier (caisse des écoles, salle des fêtes, salle polyvalente, centre de supervision urbain, espace ou maison France Services, parc de logements, France Rénov'), décidé par un intitulé de référence qui a rapproché le premier mot du nom sans tous ses mots : le nom, avec le mot de liaison qui le précède, est remplacé par le domaine qu'il dit (administratif, gestion des salles, police municipale, France Services, patrimoine locatif, rénovation énergétique), l'intitulé ainsi lu est décidé en entier par toutes les règles, et retenu s'il est rapproché à une confiance de {floor} ou plus sous un autre code.",
    ),
    (
        "A title whose first word, its head noun, is a word of {typo_min} letters or more that no table knows (no word of the reference titles, no sigle, no place, rank or status word) and that the decision did not match: when exactly one head noun of the reference titles is one edit from it (a letter added, dropped or changed, or two neighbours swapped, anywhere), the title is read with that head noun, decided whole by every rule, and kept when mapped at confidence {floor} or more.",
        "Un intitulé dont le premier mot, son nom de tête, est un mot de {typo_min} lettres ou plus qu'aucune table ne connaît (ni mot des intitulés de référence, ni sigle, ni mot de lieu, de grade ou de statut) et que la décision n'a pas rapproché : quand un seul nom de tête des intitulés de référence est à une faute de lui (une lettre ajoutée, retirée ou changée, ou deux voisines interverties, n'importe où), l'intitulé est lu avec ce nom de tête, décidé en entier par toutes les règles, et retenu quand il est rapproché à une confiance de {floor} ou plus.",
    ),
    (
        "A driver whose title names both the light vehicle (VL) and the heavy one (PL, poids lourd), decided as the light vehicle's driver (8322): the title is read without the light vehicle's sigle, kept when matched at stage 1 or 2 at confidence {floor} or more as a heavy truck or bus driver (ISCO-08 833).",
        "Un conducteur dont l'intitulé nomme à la fois le véhicule léger (VL) et le poids lourd (PL), décidé comme conducteur de véhicule léger (8322) : l'intitulé est lu sans le sigle du véhicule léger, retenu quand il est rapproché aux étapes 1 ou 2 à une confiance de {floor} ou plus d'un conducteur de poids lourd ou d'autobus (CITP-08 833).",
    ),
    (
        "A chef or responsable of a service that no reference title matches at confidence {floor}, whose title names a field of social action (gérontologie, maintien à domicile, autonomie, handicap, insertion, RSA, solidarités, précarité, exclusion, seniors, aidants, personnes âgées, accès aux droits) and no housing: the title is read with \"responsable action sociale\" before its other words, kept when matched at stage 1 or 2 at confidence {floor} or more as a social welfare manager (1344).",
        "Un chef ou un responsable d'un service qu'aucun intitulé de référence ne rapproche à une confiance de {floor}, dont l'intitulé nomme un domaine de l'action sociale (gérontologie, maintien à domicile, autonomie, handicap, insertion, RSA, solidarités, précarité, exclusion, seniors, aidants, personnes âgées, accès aux droits) et aucun du logement : l'intitulé est lu avec « responsable action sociale » devant ses autres mots, retenu quand il est rapproché à l'étape 1 ou 2 à une confiance de {floor} ou plus comme directeur de services sociaux (1344).",
    ),
    (
        "A status word (saisonnier, apprenti, vacataire…) then a domain, matched only to its closest title or to none at the floor: the title is read with \"agent\" in place of its status words (a trade's domain as that trade), kept when matched at stage 1 or 2 at confidence {floor} or more.",
        "Un mot de statut (saisonnier, apprenti, vacataire…) puis un domaine, rapprochés seulement de leur intitulé le plus proche ou d'aucun au seuil : l'intitulé est lu avec « agent » à la place de ses mots de statut (le domaine d'un métier manuel comme ce métier), retenu quand il est rapproché à l'étape 1 ou 2 à une confiance de {floor} ou plus.",
    ),
    (
        "A contract form or a status (PEC, contrat aidé, CDD, service civique, emploi d'été, vacataire; apprenti or stagiaire with the diploma prepared), set apart by a spaced dash, slash, colon or bracket before or after the post: the other part is matched as a title of its own (a domain after the form read after \"agent\" when a curated title covers its every word), kept at stage 1 or 2 at confidence {floor} or more; when that part names no one (a service, a place), the speciality of an apprentice's or intern's diploma names the occupation trained for, matched after its natural head (cuisine: cuisinier) or after \"agent\", never as a manager.",
        "Un contrat ou un statut (PEC, contrat aidé, CDD, service civique, emploi d'été, vacataire ; apprenti ou stagiaire avec le diplôme préparé), séparé du poste par un tiret espacé, une barre, deux-points ou une parenthèse, avant ou après lui : l'autre partie est rapprochée comme un intitulé à part entière (un domaine après le contrat lu après « agent » quand un intitulé de la table locale couvre chacun de ses mots), retenue à l'étape 1 ou 2 à une confiance de {floor} ou plus ; quand cette partie ne nomme personne (un service, un lieu), la spécialité du diplôme préparé par l'apprenti ou le stagiaire nomme le métier appris, rapprochée après son nom de métier naturel (cuisine : cuisinier) ou après « agent », jamais comme un encadrant.",
    ),
    (
        "A grade, then a spaced dash or colon, a comma or a bracket that closes the title (or a slash before a manager's post), then words whose first names someone: those words, matched alone at stage 1 or 2 at confidence {post_after_grade} or more as another code (or as the whole title's, when the whole title reached it only as its closest title), within the skill level of the grade's cadre d'emplois (a manager's post from level 3, catégorie B), name the post, which decides, not the grade.",
        "Un grade, puis un tiret ou deux-points espacés, une virgule ou une parenthèse qui clôt l'intitulé (ou une barre avant le poste d'un responsable), puis des mots dont le premier désigne quelqu'un : ces mots, rapprochés seuls à l'étape 1 ou 2 à une confiance de {post_after_grade} ou plus, d'un autre code (ou du même, quand l'intitulé entier ne l'atteignait que comme intitulé le plus proche), dans le niveau de qualification du cadre d'emplois du grade (le poste d'un responsable dès le niveau 3, catégorie B), nomment le poste, qui décide, non le grade.",
    ),
    (
        "A post described in an agent's own words (the first person, \"je suis\", \"je fais\", \"je m'occupe de\", \"je travaille à\", a verb read as its activity noun; \"poste de\", \"mon métier\"), or a title the crosswalk left unmapped, written as one field, that leads with an activity naming no one (\"ménage\", \"gestion\") or ends with when or where the work is done: a second clause in the first person, when the work is done (\"le soir\", \"l'été\") and then where (\"à l'école\", \"au château\") are left out, and the rest is read as a post, or as an activity after its agent noun (data/isco/activity_agents.csv) or after \"agent\", kept when matched at stage 1 or 2 at confidence {floor} or more as another code (without an opener, by a reference title that covers every word of the reading but a task word).",
        "Un poste décrit avec les mots de l'agent (à la première personne, « je suis », « je fais », « je m'occupe de », « je travaille à », un verbe lu comme le nom de son activité ; « poste de », « mon métier »), ou un intitulé que la table de correspondance a laissé sans code, écrit en un seul champ, qui commence par une activité qui ne nomme personne (« ménage », « gestion ») ou finit par quand ou où le travail se fait : une seconde proposition à la première personne, quand le travail se fait (« le soir », « l'été ») puis où (« à l'école », « au château ») sont laissés de côté, et le reste est lu comme un poste, ou comme une activité après le nom de son agent (data/isco/activity_agents.csv) ou après « agent », retenu quand il est rapproché à l'étape 1 ou 2 à une confiance de {floor} ou plus comme un autre code (sans entrée en matière, d'un intitulé de référence qui couvre chaque mot de la lecture sauf un mot de tâche).",
    ),
    (
        "A title whose \"mobilité\" the decision read as the staff's moves, by a curated title of the personnel professionals (2423), while no word of the staff's careers is in the title (recrutement, reclassement, carrière, interne, professionnel, personnel, ressources humaines or RH, GPEC or GPEEC, évolution): the mobility is the town's transport, so the title is read with \"déplacements\" in the place of \"mobilité\", decided whole by every rule, and kept when mapped at confidence {floor} or more as another code.",
        "Un intitulé dont la décision a lu la « mobilité » comme celle des agents, par un intitulé de la table locale des professionnels des ressources humaines (2423), alors qu'aucun mot de leurs carrières n'est dans l'intitulé (recrutement, reclassement, carrière, interne, professionnel, personnel, ressources humaines ou RH, GPEC ou GPEEC, évolution) : la mobilité est celle des transports de la ville, et l'intitulé est lu avec « déplacements » à la place de « mobilité », décidé en entier par chaque règle, et retenu quand il est rapproché à une confiance de {floor} ou plus comme un autre code.",
    ),
    (
        "A title whose head noun is \"assistant\", followed by \"du\", \"de la\", \"des\" or \"auprès du\" and a director, an elected body or its members, a service, a pôle or a cabinet (directeur, direction, président, maire, élus, conseil, conseillers, service, pôle, cabinet), that no reference title matches at confidence {floor}: the assistant names whom it assists, not a field of its own, and is read as the curated \"Assistant de direction\", an administrative and executive secretary (3343).",
        "Un intitulé dont le nom de tête est « assistant », suivi de « du », « de la », « des » ou « auprès du » et d'un directeur, d'une assemblée ou de ses membres, d'un service, d'un pôle ou d'un cabinet (directeur, direction, président, maire, élus, conseil, conseillers, service, pôle, cabinet), qu'aucun intitulé de référence ne rapproche à une confiance de {floor} : l'assistant nomme ceux qu'il assiste, non un domaine à lui, et il est lu comme l'« Assistant de direction » de la table locale, secrétaire de direction (3343).",
    ),
    (
        "A title decided as a general office clerk (4110) by the name of its service or its formalities, whose part after a spaced dash or in a bracket names the records the clerk keeps (\"- CNI / passeports\"): that part is read after the title's head noun, kept when matched at stage 1 or 2 at confidence {floor} or more by a curated title of the regulatory government associate professionals (ISCO-08 335), as ISCO-08 sorts clerks by the records they handle.",
        "Un intitulé décidé comme employé de bureau (4110) par le nom de son service ou de ses formalités, dont la partie après un tiret entre espaces ou entre parenthèses nomme les pièces que tient l'employé (« - CNI / passeports ») : cette partie est lue après le nom de tête de l'intitulé, retenue quand elle est rapprochée à l'étape 1 ou 2 à une confiance de {floor} ou plus d'un intitulé de la table locale des professionnels intermédiaires de l'application de la réglementation (CITP-08 335), la CITP-08 rangeant les employés selon les pièces qu'ils traitent.",
    ),
    (
        "A title decided as the bare curated \"Agent de maintenance\" or \"Technicien de maintenance\" whose first field (before a spaced dash or a bracket) names, after \"maintenance\", what is maintained: a curated title of the maintenance of that object among its candidates, at similarity 0.50 or more; else the title without \"maintenance\", kept when matched at stage 1 or 2 at confidence {floor} or more as a technician or a craft worker (ISCO-08 3, 7) whose reference reads the object; else the trade of the object (vehicles: the mechanic; traffic lights: the electrician of street lighting; thermal installations and boilers: the heating fitter).",
        "Un intitulé décidé comme l'« Agent de maintenance » ou le « Technicien de maintenance » nu de la table locale dont le premier champ (avant un tiret entre espaces ou une parenthèse) nomme, après « maintenance », ce qui est entretenu : un intitulé de la table locale de la maintenance de cet objet parmi ses candidats, à une similarité de 0,50 ou plus ; sinon l'intitulé sans « maintenance », retenu quand il est rapproché à l'étape 1 ou 2 à une confiance de {floor} ou plus d'un technicien ou d'un ouvrier qualifié (CITP-08 3, 7) dont l'intitulé de référence lit l'objet ; sinon le métier de l'objet (véhicules : le mécanicien ; feux tricolores : l'électricien de l'éclairage public ; installations thermiques et chaudières : le chauffagiste).",
    ),
    (
        "A réparateur that no reference title matches at confidence {floor}, or that one matches short of the whole title: the title is read with \"mécanicien\" in place of its head noun, its other name (\"Réparateur de matériels espaces verts\", \"Mécanicien de matériels\"), kept when matched at stage 1 or 2 at confidence {floor} or more as a craft worker (ISCO-08 7), more confidently than the title itself.",
        "Un réparateur qu'aucun intitulé de référence ne rapproche à une confiance de {floor}, ou qu'un intitulé rapproche sans le couvrir en entier : l'intitulé est lu avec « mécanicien » à la place de son nom de tête, son autre nom (« Réparateur de matériels espaces verts », « Mécanicien de matériels »), retenu quand il est rapproché à l'étape 1 ou 2 à une confiance de {floor} ou plus comme ouvrier qualifié (CITP-08 7), avec plus de confiance que l'intitulé lui-même.",
    ),
    (
        "A title decided as a police officer or another protective services worker (ISCO-08 541) whose \"police\" is followed by \"de\", \"du\", \"des\" or \"de l'\" and a word that is no place (\"police de l'urbanisme\"): a special administrative police, the control of that field's rules; the title is read with \"contrôle\" in place of \"police\", kept when matched at stage 1 or 2 at confidence {floor} or more by a reference that reads the field and is no protective services worker.",
        "Un intitulé décidé comme agent de police ou autre personnel des services de protection (CITP-08 541) dont « police » est suivi de « de », « du », « des » ou « de l' » et d'un mot qui n'est pas un lieu (« police de l'urbanisme ») : une police administrative spéciale, le contrôle des règles de ce domaine ; l'intitulé est lu avec « contrôle » à la place de « police », retenu quand il est rapproché à l'étape 1 ou 2 à une confiance de {floor} ou plus d'un intitulé de référence qui lit le domaine et n'est pas un personnel des services de protection.",
    ),
    (
        "A surveillant that no reference title matches at confidence {floor}: the title is read with \"agent de surveillance\" in place of its head noun, its other name (\"Surveillant de la pause méridienne\", \"Agent de surveillance de la pause méridienne\"), kept when matched at stage 1 or 2 at confidence {floor} or more.",
        "Un surveillant qu'aucun intitulé de référence ne rapproche à une confiance de {floor} : l'intitulé est lu avec « agent de surveillance » à la place de son nom de tête, son autre nom (« Surveillant de la pause méridienne », « Agent de surveillance de la pause méridienne »), retenu quand il est rapproché à l'étape 1 ou 2 à une confiance de {floor} ou plus.",
    ),
    (
        "the cosine of the two titles' words, each weighing by its rarity among the coded titles (idf) × its role (head noun {head}, complement and qualifier {qualifier}, place and rank {place}).",
        "le cosinus des mots des deux intitulés, chacun pesant selon sa rareté parmi les intitulés codés × son rôle (nom de tête {head}, complément et qualificatif {qualifier}, lieu et rang {place}).",
    ),
    (
        "A title that no grade names, of more than generic words, which the crosswalk leaves unmapped or decides by similarity alone at a lower confidence, and no rule reads otherwise, set beside the titles coded for local government that hold its head noun and complement (the development table's, written as authorities write them, and the curated table's): its words weighted by their rarity among those titles and by their role, the closest of them, at similarity {neighbour_min} or more and {margin} or more over the decision's confidence, gives the code, by a vote of the titles within {band} of it, each by its similarity, unless the decision's reference reads a word of the title it lacks.",
        "Un intitulé qui ne nomme aucun grade, fait d'autres mots que des mots génériques, que la table de correspondance laisse sans code ou décide par la seule similarité avec une confiance moindre, et qu'aucune règle ne lit autrement, est rapproché des intitulés territoriaux déjà codés qui ont son nom de tête et son complément (ceux de la table de développement, écrits comme les collectivités les écrivent, et ceux de la table locale) : ses mots pesés par leur rareté parmi ces intitulés et par leur rôle, le plus proche d'entre eux, à une similarité de {neighbour_min} ou plus et dépassant de {margin} ou plus la confiance de la décision, donne le code, au vote des intitulés à moins de {band} de lui, chacun selon sa similarité, sauf si la référence de la décision lit un mot de l'intitulé qui lui manque.",
    ),
    (
        "A gestionnaire, a chef or responsable d'équipe, or a responsable or chef of a field, that no reference title matches at confidence {floor}: the title is read with \"agent\" in place of its head noun (and the team), kept when matched at stage 1 or 2 at confidence {floor} or more; a gestionnaire, then also with \"chargé\", as a clerk or an associate professional (ISCO-08 major groups 3 and 4), the levels the word names; a head as the supervisor ISCO-08 gives those agents (office supervisors 3341 for clerks, cleaning supervisors 5151 for cleaners, construction supervisors 3123 for building workers), or a team's workers' own code.",
        "Un gestionnaire, un chef ou responsable d'équipe, ou un responsable ou chef d'un domaine, qu'aucun intitulé de référence ne rapproche à une confiance de {floor} : l'intitulé est lu avec « agent » à la place de son nom de tête (et de l'équipe), retenu quand il est rapproché à l'étape 1 ou 2 à une confiance de {floor} ou plus ; un gestionnaire, puis aussi avec « chargé », comme employé ou professionnel intermédiaire (grands groupes 3 et 4 de la CITP-08), les niveaux que le mot nomme ; un chef comme le superviseur que la CITP-08 donne à ces agents (superviseurs de bureau 3341 pour les employés, superviseurs du nettoyage 5151 pour les agents de nettoyage, superviseurs de la construction 3123 pour les ouvriers du bâtiment), ou le code des agents de l'équipe.",
    ),
    (
        "An agent noun, then what the agent is charged with (\"chargé de\", \"en charge de\", \"affecté à\"), that no reference title covers whole: the agent noun is read with the activity alone, kept when matched at stage 1 or 2 at confidence {floor} or more as another code.",
        "Un nom d'agent, puis ce dont l'agent est chargé (« chargé de », « en charge de », « affecté à »), qu'aucun intitulé de référence ne couvre en entier : le nom de l'agent est lu avec l'activité seule, retenu quand il est rapproché à l'étape 1 ou 2 à une confiance de {floor} ou plus, d'un autre code.",
    ),
    (
        "A grade whose cadre d'emplois covers several occupations, followed by words that name a post: the words after the grade are matched alone (an office's work read after \"agent\", a trade's domain as that trade), and the post they name is the job's occupation, not the grade's.",
        "Un grade dont le cadre d'emplois couvre plusieurs métiers, suivi de mots qui nomment un poste : les mots qui suivent le grade sont rapprochés seuls (le travail d'un bureau lu après « agent », le domaine d'un métier manuel comme ce métier), et le poste qu'ils nomment est le métier de l'emploi, non celui du grade.",
    ),
    (
        "An instructeur of files that no reference title covers whole is matched as the agent who instructs them (\"instructeur\" read as \"agent\", \"dossiers\" left out), and kept only as a regulatory government associate professional (ISCO-08 335).",
        "Un instructeur de dossiers qu'aucun intitulé de référence ne couvre en entier est rapproché comme l'agent qui les instruit (« instructeur » lu « agent », « dossiers » omis), et retenu seulement parmi les professions intermédiaires de l'application de la réglementation publique (CITP-08 335).",
    ),
    (
        "Nothing matched the whole title at confidence {floor}: the shortest start of the title with its head noun and complement is matched, kept when a reference title is made of those words alone (similarity {tie} or more), its confidence × √ the share of the title's weight they carry, and only at {floor} or more.",
        "Rien n'a rapproché l'intitulé entier à une confiance de {floor} : le plus court début de l'intitulé qui a son nom de tête et son complément est rapproché, retenu quand un intitulé de référence est fait de ces seuls mots (similarité de {tie} ou plus), sa confiance × √ la part du poids de l'intitulé qu'ils portent, et seulement à {floor} ou plus.",
    ),
    (
        "Nothing matched the whole title at confidence {floor}, or only its closest title: the title is read without the places set at its end, kept when that reading is decided at stage 1 or 2.",
        "Rien n'a rapproché l'intitulé entier à une confiance de {floor}, ou seulement son intitulé le plus proche : l'intitulé est lu sans les lieux placés à sa fin, retenu quand cette lecture est décidée à l'étape 1 ou 2.",
    ),
    (
        "The part after a spaced dash starts with a place, a kind of site or an employer: the part before it is matched as a title of its own, kept at stage 1 or 2 at confidence {floor} or more when it gives another code than the whole title and no reference title covers the whole title more confidently.",
        "La partie qui suit un tiret entre espaces commence par un lieu, un genre de site ou un employeur : la partie qui le précède est rapprochée comme un intitulé à part entière, retenue à l'étape 1 ou 2 à une confiance de {floor} ou plus quand elle donne un autre code que l'intitulé entier et qu'aucun intitulé de référence ne couvre tout l'intitulé avec une plus haute confiance.",
    ),
    (
        "Two fields joined by a spaced slash: the first, the main one, is matched as a title of its own, kept when a reference title covers it whole at confidence {floor} or more and gives another code, unless a reference title covers the whole title or names a more skilled occupation.",
        "Deux domaines joints par une barre oblique entre espaces : le premier, le principal, est rapproché comme un intitulé à part entière, retenu quand un intitulé de référence le couvre en entier à une confiance de {floor} ou plus et donne un autre code, sauf si un intitulé de référence couvre tout l'intitulé ou nomme un métier plus qualifié.",
    ),
    (
        "An HR export set a path of services before a spaced dash or in brackets after the post: the part that names the post is matched as a title of its own, kept at stage 1 or 2 at confidence {floor} or more when it gives another code than the whole title.",
        "Une extraction d'un logiciel de ressources humaines a placé un chemin de services avant un tiret entre espaces ou entre parenthèses après le poste : la partie qui nomme le poste est rapprochée comme un intitulé à part entière, retenue à l'étape 1 ou 2 à une confiance de {floor} ou plus quand elle donne un autre code que l'intitulé entier.",
    ),
    (
        "2. a reference title covers the whole title but adds a manager's word the title does not name: the title's head noun",
        "2. un intitulé de référence couvre tout l'intitulé mais y ajoute le mot d'un encadrant que l'intitulé ne nomme pas : le nom de tête de l'intitulé",
    ),
    (
        "A title that names no manager (responsable, directeur, chef, coordinateur, gérant, manager), decided as a manager (ISCO-08 major group 1) by a reference title that covers its words but adds a manager's word, names the workers, not their head: it is read as its head noun alone, kept when a reference title of another major group is made of it (similarity ≥ {tie}).",
        "Un intitulé qui ne nomme aucun encadrant (responsable, directeur, chef, coordinateur, gérant, manager), rapproché d'un encadrant (grand groupe 1 de la CITP-08) par un intitulé de référence qui couvre ses mots mais y ajoute le mot d'un encadrant, nomme les agents, non leur chef : il est lu par son seul nom de tête, retenu quand un intitulé de référence d'un autre grand groupe en est fait (similarité ≥ {tie}).",
    ),
    (
        "the title would be the grade \"{grade}\" ({cadre}) only with words of its cadre's name it leaves out, a guess; a curated title covers the whole title, and wins",
        "l'intitulé ne serait le grade « {grade} » ({cadre}) qu'avec des mots du nom de son cadre qu'il omet, une supposition ; un intitulé de la table locale couvre tout l'intitulé, et l'emporte",
    ),
    (
        "Your map's row decides, before the crosswalk.",
        "La ligne de votre table décide, avant la table de correspondance.",
    ),
    (
        "Stage 1: the reference titles that cover the whole title (and whose own head noun and complement the title has) come first.",
        "Étape 1 : les intitulés de référence qui couvrent tout l'intitulé (et dont l'intitulé a le nom de tête et le complément) passent d'abord.",
    ),
    (
        "Stage 2: no title covering the whole title was good enough (under the floor, or a title of a later stage closer by more than a quarter), so those with the title's head noun and complement.",
        "Étape 2 : aucun intitulé couvrant tout l'intitulé n'était assez bon (sous le seuil, ou un intitulé d'une étape suivante plus proche de plus d'un quart), donc ceux de même nom de tête et complément.",
    ),
    (
        "Stage 3: no title covering the whole title, or its head noun and complement, was good enough, so the closest of every reference title sharing a specific word.",
        "Étape 3 : aucun intitulé couvrant tout l'intitulé, ou son nom de tête et son complément, n'était assez bon, donc le plus proche de tous les intitulés de référence qui partagent un mot spécifique.",
    ),
    (
        "In the stage, a curated title at similarity ≥ {curated_min} comes first (local government's reading of the words).",
        "Dans l'étape, un intitulé de la table locale à une similarité ≥ {curated_min} passe d'abord (la lecture des mots par les collectivités).",
    ),
    (
        "In the stage, the highest confidence wins, then the higher similarity, a curated row, the shorter title.",
        "Dans l'étape, la plus haute confiance l'emporte, puis la plus haute similarité, une ligne de la table locale, l'intitulé le plus court.",
    ),
    (
        "Confidence = similarity × the reference row's own confidence; under {floor}, unmapped.",
        "Confiance = similarité × la confiance propre de la ligne de référence ; sous {floor}, sans code.",
    ),
    (
        "A status word before the word that names the occupation (saisonnier, apprenti, stagiaire, contractuel, vacataire, remplaçant, intérimaire, CDD) and \"adjoint au, à la, du\" before a post are ranks: a deputy is classed with the post.",
        "Un mot de statut avant le mot qui nomme le métier (saisonnier, apprenti, stagiaire, contractuel, vacataire, remplaçant, intérimaire, CDD) et « adjoint au, à la, du » avant un poste sont des rangs : un adjoint est classé avec le poste.",
    ),
    (
        "After the post, \"en régie\" (\"Agent d'exploitation des parkings en régie\") says how the service is run, by the authority's own staff, not what the post is: it is not read.",
        "Après le poste, « en régie » (« Agent d'exploitation des parkings en régie ») dit comment le service est géré, par les agents de la collectivité, pas ce qu'est le poste : le mot n'est pas lu.",
    ),
    (
        "With \"service\", chef and responsable match each other; a chef d'atelier also matches a responsable d'atelier.",
        "Avec « service », chef et responsable se valent ; un chef d'atelier vaut aussi un responsable d'atelier.",
    ),
    (
        "After the post, \"régie\" set right before a trade (\"régie bâtiment\", \"régie voirie\") is the in-house works team where the job is done, read as a place: not the cash office of an agent de régie (4311), which it names alone or followed by \"de\" (\"régie de recettes\").",
        "Après le poste, « régie » accolé à un métier (« régie bâtiment », « régie voirie ») est l'équipe en régie où le travail se fait, lue comme un lieu : pas la régie d'avances ou de recettes d'un agent de régie (4311), que le mot nomme seul ou suivi de « de » (« régie de recettes »).",
    ),
    (
        "A clerk named outright, or a generic head, whose title's reference is the head noun alone takes the occupation its complement's domain has in the curated table, in the same major group, or of the same skill level for a word set right after the field without a preposition (\"Agent d'accueil billetterie\" is a ticket clerk, 5230; \"Magasinier de bibliothèque\" is a library clerk, 4411; for a chargé de mission or chef de projet, a professional of the field: \"Chargé de mission patrimoine\" is a curator, 2621), unless the complement is linked by \"et\", placed by \"en\" or followed by its own object. The domain may be named in full by a longer curated title of the level (\"Chargé de mission Natura 2000\" is an environmental protection professional, 2133); a chargé read as a policy officer (2422) takes any professional of its domain; a clerk's domain may follow its head after a dash (\"Magasinier - bibliothèque\"); a supervisor of clerks, cleaners or building workers whose domain is another trade is classed with that trade (\"Chef d'atelier garage\" is a mechanic, 7231).",
        "Un employé nommé par son métier, ou un nom de tête générique, dont la référence n'est que le nom de tête prend le métier que la table locale donne au domaine de son complément, dans le même grand groupe, ou du même niveau de compétence pour un mot accolé au domaine sans préposition (« Agent d'accueil billetterie » est un guichetier, 5230 ; « Magasinier de bibliothèque » est un employé de bibliothèque, 4411 ; pour un chargé de mission ou un chef de projet, une profession du domaine : « Chargé de mission patrimoine » est un conservateur, 2621), sauf si le complément est relié par « et », situé par « en » ou suivi de son propre objet. Le domaine peut être nommé en entier par un intitulé plus long de la table locale, du même niveau (« Chargé de mission Natura 2000 » est un spécialiste de la protection de l'environnement, 2133) ; un chargé lu comme un spécialiste des politiques publiques (2422) prend toute profession de son domaine ; le domaine d'un employé peut suivre son nom de tête après un tiret (« Magasinier - bibliothèque ») ; un superviseur d'employés, d'agents d'entretien ou d'ouvriers du bâtiment dont le domaine est un autre métier est classé avec ce métier (« Chef d'atelier garage » est un mécanicien, 7231).",
    ),
    (
        "A qualifier that names the head noun's speciality, in a reference title made of the title's words and of the ISCO-08 minor group of the head noun's reference, wins over the head noun alone (\"Électricien automobile\" is an automotive electrician, 7412, not a building electrician, 7411), unless it names a second trade (\"Soudeur métallier\").",
        "Un qualificatif qui nomme la spécialité du nom de tête, dans un intitulé de référence fait des mots de l'intitulé et du même sous-groupe CITP-08 que la référence du nom de tête, l'emporte sur le nom de tête seul (« Électricien automobile » est un électromécanicien, 7412, pas un électricien du bâtiment, 7411), sauf s'il nomme un second métier (« Soudeur métallier »).",
    ),
    (
        "Two fields joined by \"et\": when the title chosen has the first (the word before \"et\") but not the second, and the second names, whole, a curated occupation of the title's head noun at a higher ISCO-08 skill level, the job takes that occupation, as ISCO-08 classes a job combining the tasks of two occupations by the more skilled ones (\"Chargé du protocole et des relations publiques\" is a public relations professional, 2432, not an event planner, 3332).",
        "Deux domaines joints par « et » : quand l'intitulé retenu a le premier (le mot avant « et ») mais pas le second, et que le second nomme en entier un métier de la table locale, de même nom de tête que l'intitulé et d'un niveau de compétence CITP-08 plus élevé, l'emploi prend ce métier, comme la CITP-08 classe un emploi qui réunit les tâches de deux métiers par les plus qualifiées (« Chargé du protocole et des relations publiques » est un spécialiste des relations publiques, 2432, pas un organisateur d'événements, 3332).",
    ),
    (
        "A head of a service or team matched to the title of the workers it heads takes ISCO-08's code for their supervisor (clerks 3341, cleaners 5151, building workers 3123).",
        "Le responsable d'un service ou d'une équipe rapproché de l'intitulé des agents qu'il encadre prend le code CITP-08 de leur superviseur (employés de bureau 3341, agents d'entretien 5151, ouvriers du bâtiment 3123).",
    ),
    (
        "A chargé de mission or chef de projet whose field names no occupation of its level is the curated title of its level.",
        "Un chargé de mission ou un chef de projet dont le domaine ne nomme aucune profession de son niveau est l'intitulé de la table locale de son niveau.",
    ),
    (
        "the share of the reference's words covered × √(the share of the title's words covered), each word weighing by its role (head noun and complement {head}, qualifier {qualifier}, place {place}, rank {rank})",
        "part des mots de l'intitulé de référence couverts × √(part des mots de l'intitulé couverts), chaque mot pesant selon son rôle (nom de tête et complément {head}, qualificatif {qualifier}, lieu {place}, rang {rank})",
    ),
    (
        "; × {same_level} for a reference of another generic head of one level (agent, employé, opérateur, gestionnaire, chargé, assistant), and between the head of a service or a team and the workers it heads",
        " ; × {same_level} pour une référence d'un autre nom de tête générique de même niveau (agent, employé, opérateur, gestionnaire, chargé, assistant), et entre le responsable d'un service ou d'une équipe et les agents qu'il encadre",
    ),
    (
        "; × {head_missed}: the reference misses the head noun and its complement",
        " ; × {head_missed} : la référence n'a ni le nom de tête ni son complément",
    ),
    (
        "; the factors for another head noun ({other_head}), speciality ({other_speciality}) or level ({other_level}) are the README's (\"Headcount tables without tasks\", step 4).",
        " ; les facteurs d'un autre nom de tête ({other_head}), d'une autre spécialité ({other_speciality}) ou d'un autre niveau ({other_level}) s'appliquent selon les règles détaillées dans la documentation du projet (README, étape 4 des tableaux d'effectifs sans tâches).",
    ),
    (
        "How the agents spread over the ILO classes ({method}), for the whole authority, then by {what}, most exposed first (mean in brackets).",
        "Répartition des agents entre les classes de l'OIT ({method}), pour toute la collectivité puis par {what}, du plus exposé au moins exposé (moyenne entre parenthèses).",
    ),
    ("The first {n} of {total}.", "Les {n} premiers sur {total}."),
    (
        "The first {n} of {total} {departments}; the workbook (--format xlsx) and the CSV list them all.",
        "Les {n} {department|premiers|premières} des {total} {departments} ; {department|tous|toutes} figurent dans le classeur Excel et le fichier CSV.",
    ),
    (
        "The first {n} of {total} scored jobs; the workbook (--format xlsx) and the CSV list them all.",
        "Les {n} premiers des {total} métiers évalués ; tous figurent dans le classeur Excel et le fichier CSV.",
    ),
    (
        "{tasks} {tasks|task|tasks}, {jobs} {jobs|job|jobs}, {agents} {agents|agent|agents}; mean score {mean}",
        "{tasks} {tasks|tâche|tâches}, {jobs} {jobs|métier|métiers}, {agents} {agents|agent|agents} ; score moyen {mean}",
    ),
    (
        "… and {n} more {n|task|tasks}.",
        "… et {n} {n|autre tâche|autres tâches}.",
    ),
    (
        "The first {n} of {total} themes; `exposure tasks` lists them all.",
        "Les {n} premiers des {total} thèmes ; l'annexe des tâches les liste tous.",
    ),
    (
        "Left out of the figures: {unscored} {unscored|task|tasks} not recognised, {unmapped} {unmapped|job|jobs} without tasks whose occupation was not found (full list: --format json).",
        "Hors des chiffres : {unscored} {unscored|tâche non reconnue|tâches non reconnues}, {unmapped} {unmapped|métier sans tâches dont la profession n'a pas été trouvée|métiers sans tâches dont la profession n'a pas été trouvée} (liste complète dans l'export détaillé).",
    ),
    (
        "Every task gets a score between 0 and 1: how much of it generative AI could do, on the scale of the International Labour Organization (ILO). A task with a score of 0.50 or more is \"exposed\": generative AI can do it wholly or in large part. The ILO's bands: very low (below 0.25), low (0.25 to 0.50), medium (0.50 to 0.75), high (0.75 and above).",
        "Chaque tâche reçoit un score entre 0 et 1 : la part de la tâche que l'IA générative pourrait accomplir, selon l'échelle de l'Organisation internationale du Travail (OIT). Une tâche de score 0,50 ou plus est « exposée » : l'IA générative peut l'accomplir en tout ou en grande partie. Les niveaux de l'OIT : très faible (moins de 0,25), faible (0,25 à 0,50), moyen (0,50 à 0,75), élevé (0,75 et plus).",
    ),
    (
        "A task's score comes, in this order, from: an expert's score in the roster; a rubric code chosen by hand; the rubric rule that best recognises the task's text (rubric used: {rubric}); for a job without tasks, the tasks the ILO scored for its ISCO-08 occupation. Every rubric rule rests on ILO-scored tasks, which the rubric cites; `exposure explain \"text\"` shows which rule applies and why. A task nothing recognises is not counted as 0: it is reported and left out of the figures.",
        "Le score d'une tâche vient, dans cet ordre : d'un score saisi par un expert dans le fichier ; d'un code de la grille choisi à la main ; de la règle de la grille qui reconnaît le mieux le texte de la tâche (grille utilisée : {rubric}) ; pour un métier sans tâches, des tâches que l'OIT a évaluées pour sa profession CITP-08 (nomenclature internationale des professions). Chaque règle de la grille s'appuie sur des tâches évaluées par l'OIT, citées dans la grille ; pour tout texte de tâche, l'outil montre quelle règle s'applique et pourquoi. Une tâche que rien ne reconnaît n'est pas comptée comme 0 : elle est signalée et laissée hors des chiffres.",
    ),
    (
        "A job's score is the mean of its task scores, weighted by their share of time, with their standard deviation, both rounded to two decimals as the ILO publishes them. Its class follows:",
        "Un métier a pour score la moyenne pondérée (par la part du temps) des scores de ses tâches et leur écart-type, arrondis à deux décimales comme l'OIT les publie. Sa classe en découle :",
    ),
    ("mean of 0.60 or more", "moyenne de 0,60 ou plus"),
    ("mean from 0.50 to 0.60", "moyenne de 0,50 à 0,60"),
    (
        "mean from 0.40 to 0.50, and mean + SD of 0.50 or more",
        "moyenne de 0,40 à 0,50, et moyenne + écart-type de 0,50 ou plus",
    ),
    (
        "mean below 0.40, and mean + SD of 0.50 or more",
        "moyenne sous 0,40, et moyenne + écart-type de 0,50 ou plus",
    ),
    (
        "otherwise, mean + SD of 0.40 or more",
        "sinon, moyenne + écart-type de 0,40 ou plus",
    ),
    ("all other jobs", "tous les autres métiers"),
    (
        "mean − SD of 0.50 or more: most tasks highly exposed",
        "moyenne − écart-type de 0,50 ou plus : la plupart des tâches très exposées",
    ),
    (
        "otherwise, mean of 0.40 or more",
        "sinon, moyenne de 0,40 ou plus",
    ),
    (
        "otherwise, mean + SD above 0.50: some tasks exposed, others not",
        "sinon, moyenne + écart-type au-dessus de 0,50 : certaines tâches exposées, d'autres non",
    ),
    (
        "A {department}, a {direction} or the whole authority has the mean of its jobs weighted by their agents. Agents \"concerned\" are those of jobs above the lowest class; agents \"exposed\", those of gradients 1 to 4 (2025 method) or of any class but \"not affected\" (2023 method). The share of working time exposed weights each exposed task by its share of time and by the job's agents.",
        "{department|Un|Une} {department}, {direction|un|une} {direction} ou la collectivité a pour moyenne celle de ses métiers pondérée par leurs agents. Les agents « concernés » sont ceux des métiers au-dessus de la classe la plus basse ; les agents « exposés », ceux des gradients 1 à 4 (méthode 2025) ou de toute classe sauf « non concerné » (méthode 2023). La part du temps exposé pondère chaque tâche exposée par sa part du temps et par les agents du métier.",
    ),
    (
        "Exposure does not mean job loss: a score says what generative AI could do with a task, not what an authority will do with it. The ILO stresses that most exposed jobs are more likely to be transformed (part of the tasks automated, the rest augmented) than replaced.",
        "Exposition ne veut pas dire suppression : le score dit ce que l'IA générative pourrait faire d'une tâche, pas ce qu'une collectivité en fera. L'OIT souligne que la plupart des métiers exposés sont plus susceptibles d'être transformés (une partie des tâches automatisée, le reste augmenté) que remplacés.",
    ),
    (
        "ILO Working Paper 140: Gmyrek, Berg, Kamiński, Konopczyński, Ładna, Nafradi, Rosłaniec, Troszyński, \"Generative AI and Jobs: A Refined Global Index of Occupational Exposure\", 2025. Scores of the ISCO-08 tasks and the gradient classes (the default method).",
        "OIT, Working Paper 140 : Gmyrek, Berg, Kamiński, Konopczyński, Ładna, Nafradi, Rosłaniec, Troszyński, « Generative AI and Jobs: A Refined Global Index of Occupational Exposure », 2025. Scores des tâches CITP-08 et classes par gradients (méthode par défaut).",
    ),
    (
        "ILO Working Paper 96: Gmyrek, Berg, Bescond, \"Generative AI and Jobs: A global analysis of potential effects on job quantity and quality\", 2023. Automation / big unknown / augmentation classes (--method wp96).",
        "OIT, Working Paper 96 : Gmyrek, Berg, Bescond, « Generative AI and Jobs: A global analysis of potential effects on job quantity and quality », 2023. Classes automatisation / grande inconnue / augmentation (méthode de 2023, au choix).",
    ),
    (
        "The tool's rubric of local-government tasks (data/rubric.csv): for each kind of task, a score, the words that recognise it, the ILO tasks it rests on and its rationale.",
        "La grille territoriale de l'outil (data/rubric.csv) : pour chaque type de tâche des collectivités, un score, les mots qui le reconnaissent, les tâches OIT sur lesquelles il s'appuie et sa justification.",
    ),
    (
        "The crosswalk from French job titles to ISCO-08 (data/isco), for jobs without tasks.",
        "La table de correspondance des intitulés de métiers vers la CITP-08 (data/isco), pour les métiers sans tâches.",
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

    #[test]
    fn counts_agree_with_their_noun() {
        let fill = |lang: Lang, n: &str| {
            lang.fill(
                "Not scored: {tasks} {tasks|task|tasks}, {jobs} {jobs|job|jobs} left out of the figures.",
                &[("tasks", n.to_string()), ("jobs", "1".to_string())],
            )
        };
        assert_eq!(
            fill(Lang::En, "1"),
            "Not scored: 1 task, 1 job left out of the figures."
        );
        assert_eq!(
            fill(Lang::En, "0"),
            "Not scored: 0 tasks, 1 job left out of the figures."
        );
        assert_eq!(
            fill(Lang::Fr, "0"),
            "Non évalués et hors des chiffres\u{202f}: 0 tâche, 1 métier."
        );
        assert_eq!(
            fill(Lang::Fr, "1\u{202f}478"),
            "Non évalués et hors des chiffres\u{202f}: 1\u{202f}478 tâches, 1 métier."
        );
        // French: below 2 is singular, decimals included; a value that is not a number takes
        // the plural.
        assert_eq!(Lang::Fr.plural(1.5, "agent", "agents"), "agent");
        assert_eq!(Lang::En.plural(1.5, "agent", "agents"), "agents");
        // The nouns the listings and the report write after a count.
        assert_eq!(Lang::Fr.agents_noun(1.0), "agent");
        assert_eq!(Lang::Fr.agents_noun(2.0), "agents");
        assert_eq!(Lang::En.agents_noun(1.0), "agent");
        assert_eq!(Lang::En.agents_noun(0.5), "agents");
        assert_eq!(Lang::Fr.jobs_noun(1.0), "métier");
        assert_eq!(Lang::Fr.jobs_noun(0.0), "métier");
        assert_eq!(Lang::Fr.jobs_noun(3.0), "métiers");
        assert_eq!(Lang::En.jobs_noun(1.0), "job");
        assert_eq!(Lang::En.jobs_noun(0.0), "jobs");
        // (Templates outside the catalogue, held in constants so the catalogue test skips them.)
        const AGENTS: &str = "{n} {n|agent|agents}";
        assert_eq!(Lang::Fr.fill(AGENTS, &[("n", "–".to_string())]), "– agents");
        // Braces that are not a choice stay as they are.
        const NOT_A_CHOICE: &str = "{a|b} {n}";
        assert_eq!(
            Lang::En.fill(NOT_A_CHOICE, &[("n", "2".to_string())]),
            "{a|b} 2"
        );
    }

    /// A sentence about the group levels names them as the roster's grouping does, and its
    /// French agrees with their gender.
    #[test]
    fn sentences_about_the_levels_agree_with_their_nouns() {
        const HEADLINE: &str = "Most exposed {directions}: {list}.";
        const FIRST: &str = "{department|Un|Une} {department}, {direction|un|une} {Direction}";
        // (FIRST is outside the catalogue: its choices are resolved in either language.)
        let cases = [
            (
                Lang::En,
                HEADLINE,
                Grouping::ROSTER,
                "Most exposed directions: x.",
            ),
            (
                Lang::En,
                HEADLINE,
                Grouping::BUDGET,
                "Most exposed statuses: x.",
            ),
            (
                Lang::Fr,
                HEADLINE,
                Grouping::ROSTER,
                "Directions les plus exposées\u{202f}: x.",
            ),
            (
                Lang::Fr,
                HEADLINE,
                Grouping::BUDGET,
                "Statuts les plus exposés\u{202f}: x.",
            ),
            (
                Lang::Fr,
                FIRST,
                Grouping::ROSTER,
                "Un service, une Direction",
            ),
            (Lang::Fr, FIRST, Grouping::BUDGET, "Une filière, un Statut"),
        ];
        for (lang, template, grouping, expected) in cases {
            let said = lang.fill_about(template, grouping, &[("list", "x".to_string())]);
            assert_eq!(said, expected);
        }
        let filiere = Grouping::BUDGET.department;
        assert_eq!(filiere.heading(Lang::Fr, true), "Filières");
        assert_eq!(filiere.word(Lang::En, false), "filière");
        assert_eq!(
            Grouping::BUDGET.noun("direction"),
            Some(Grouping::BUDGET.direction)
        );
        assert_eq!(Grouping::ROSTER.noun("job"), None);
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
                concat!(".", "t("),
                concat!(".", "fill("),
                concat!(".", "fill_about("),
            ];
            for call in calls {
                for (at, _) in text.match_indices(call) {
                    let rest = text[at + call.len()..].trim_start();
                    let Some(rest) = rest.strip_prefix('"') else {
                        continue;
                    };
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
