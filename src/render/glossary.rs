//! The Lyon study's measure and the populations a headline names, in words an HR director
//! uses, defined once: the headline line of every output, and the glossary of the Markdown and
//! HTML reports (the README's glossary is kept the same as the English here by a test).

use std::io::{self, Write};

use crate::analysis::Analysis;
use crate::i18n::Lang;
use crate::typography::{french_count, french_number, french_spacing};

/// The headline line of the Lyon study's measure ([`crate::study`]).
pub fn study_line(a: &Analysis, lang: Lang) -> String {
    let w = &a.with_exposed_task;
    let (jobs, agents) = (lang.percent(w.share_jobs), lang.percent(w.share_agents));
    match lang {
        Lang::En => format!(
            "{jobs} of jobs ({} of {}) and {agents} of agents ({}) do at least one task generative AI can do in whole or in large part (score ≥ 0.50): the Lyon study's measure.",
            w.jobs,
            w.jobs_classified,
            lang.agents(w.agents)
        ),
        Lang::Fr => french_spacing(&format!(
            "{jobs} des métiers ({} sur {}) et {agents} des agents ({}) font au moins une tâche que l'IA générative peut faire en tout ou en grande partie (score ≥ 0,50) : la mesure de l'étude de Lyon.",
            french_count(w.jobs),
            french_count(w.jobs_classified),
            french_number(w.agents, if w.agents.fract() == 0.0 { 0 } else { 1 })
        )),
    }
}

const ENGLISH: [(&str, &str); 4] = [
    (
        "Classified agents",
        "agents whose job has an ILO class: at least one of its tasks was scored (for a job listed without tasks, the ILO tasks of its occupation). Shares of agents are shares of them.",
    ),
    (
        "Concerned",
        "agents whose job is in any class above the lowest (2025 gradients: gradients 1 to 4 and minimal exposure; 2023 categories: all but not affected): part of their work is within reach of generative AI.",
    ),
    (
        "Exposed",
        "agents whose job is in an exposed class (2025 gradients: gradients 1 to 4; 2023 categories: all but not affected): a large part of their tasks is within reach of generative AI.",
    ),
    (
        "Doing at least one exposed task",
        "jobs, and their agents, with at least one task that generative AI can do in whole or in large part (scored 0.50 or more), whatever the rest of the job: the measure the Lyon study led with. A job listed without tasks counts by the ILO tasks of its occupation.",
    ),
];

const FRENCH: [(&str, &str); 4] = [
    (
        "Agents classés",
        "agents dont le métier a une classe OIT : au moins une de ses tâches a été évaluée (pour un métier listé sans tâches, les tâches OIT de sa profession). Les parts d'agents sont des parts de ceux-ci.",
    ),
    (
        "Concernés",
        "agents dont le métier est dans une classe au-dessus de la plus basse (gradients 2025 : gradients 1 à 4 et exposition minimale ; catégories 2023 : toutes sauf « non concerné ») : une partie de leur travail est à la portée de l'IA générative.",
    ),
    (
        "Exposés",
        "agents dont le métier est dans une classe exposée (gradients 2025 : gradients 1 à 4 ; catégories 2023 : toutes sauf « non concerné ») : une grande partie de leurs tâches est à la portée de l'IA générative.",
    ),
    (
        "Faisant au moins une tâche exposée",
        "métiers, et leurs agents, ayant au moins une tâche que l'IA générative peut faire en tout ou en grande partie (score de 0,50 ou plus), quel que soit le reste du métier : la mesure que l'étude de Lyon a mise en avant. Un métier listé sans tâches compte d'après les tâches OIT de sa profession.",
    ),
];

/// The glossary's title and its (term, definition) entries, in the reader's language.
pub fn entries(lang: Lang) -> (&'static str, Vec<(String, String)>) {
    match lang {
        Lang::En => (
            "Glossary",
            ENGLISH
                .iter()
                .map(|(t, d)| (t.to_string(), d.to_string()))
                .collect(),
        ),
        Lang::Fr => (
            "Glossaire",
            FRENCH
                .iter()
                .map(|(t, d)| (t.to_string(), french_spacing(d)))
                .collect(),
        ),
    }
}

/// One "**Term**: definition" line (French spacing before the colon in French).
fn entry_line(term: &str, definition: &str, lang: Lang) -> String {
    let colon = if lang == Lang::Fr { "\u{202f}:" } else { ":" };
    format!("**{term}**{colon} {definition}")
}

/// The glossary as a Markdown section.
pub fn markdown(lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let (title, entries) = entries(lang);
    writeln!(out, "## {title}\n")?;
    for (term, definition) in &entries {
        writeln!(out, "- {}", entry_line(term, definition, lang))?;
    }
    writeln!(out)
}

/// The glossary as a section of the HTML report.
pub fn html(lang: Lang) -> String {
    use super::html::escape;
    let (title, entries) = entries(lang);
    let mut h = format!(
        "<section id=\"glossary\">\n<h2>{}</h2>\n<dl>\n",
        escape(title)
    );
    for (term, definition) in &entries {
        h.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            escape(term),
            escape(definition)
        ));
    }
    h.push_str("</dl>\n</section>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_glossary_is_this_one() {
        let readme = include_str!("../../README.md");
        for (term, definition) in ENGLISH {
            let line = format!("- {}", entry_line(term, definition, Lang::En));
            assert!(readme.contains(&line), "README lacks: {line}");
        }
    }

    #[test]
    fn french_entries_follow_french_typography() {
        let (_, entries) = entries(Lang::Fr);
        for (term, definition) in entries {
            let line = entry_line(&term, &definition, Lang::Fr);
            assert_eq!(
                crate::typography::french_defects(&line),
                Vec::<String>::new()
            );
        }
        let a = crate::render::html::tests::commune(false);
        let line = study_line(&a, Lang::Fr);
        assert_eq!(
            crate::typography::french_defects(&line),
            Vec::<String>::new()
        );
    }
}
