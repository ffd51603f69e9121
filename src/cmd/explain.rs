//! `exposure explain "text"`: which rules match a task text, which one wins, and why.

use crate::classify::Band;
use crate::cli::{ExplainArgs, Format};
use crate::ilo::Ilo;
use crate::normalize::normalize;
use crate::output::emit;
use crate::render::explain::{self, Evidence, Explanation, Match};
use anyhow::Result;

pub fn run(args: &ExplainArgs) -> Result<()> {
    super::table_or_json(args.format, "explain")?;
    let rubric = super::load_rubric(args.rubric.as_deref())?;
    let ilo = Ilo::builtin();
    let text = args.text.join(" ");
    let normalized = normalize(&text);
    let matches: Vec<Match> = rubric
        .matches(&normalized)
        .into_iter()
        .map(|m| {
            let rule = &rubric.rules[m.rule];
            Match {
                code: rule.code.to_string(),
                theme: rule.theme.to_string(),
                label: rule.label.to_string(),
                score: rule.score,
                band: Band::of(rule.score),
                specificity: m.specificity,
                alternative: rule.alternatives[m.alternative].text.to_string(),
                rationale: rule.rationale.to_string(),
                evidence: rule
                    .ilo_refs
                    .iter()
                    .map(|r| {
                        let task = ilo.task(&r.isco, r.task_id);
                        Evidence {
                            isco: r.isco.to_string(),
                            task_id: r.task_id,
                            occupation: ilo
                                .occupations
                                .get(&r.isco)
                                .map(|o| o.title().to_string())
                                .unwrap_or_else(|| "(not in the ILO data)".into()),
                            score_2025: task.map(|t| t.score_2025),
                            task: task.map(|t| t.task().to_string()).unwrap_or_default(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let explanation = Explanation {
        text,
        normalized,
        chosen: matches.first().cloned(),
        matches,
    };
    emit(None, |out, terminal| {
        explain::render(
            &explanation,
            args.format == Format::Json,
            args.lang,
            out,
            terminal,
        )
    })
}
