//! `exposure rubric`: validate and list the rubric.

use crate::cli::RubricArgs;
use crate::output::emit;
use crate::render::rubric::{self, RuleRow};
use anyhow::Result;

pub fn run(args: &RubricArgs, warn: &mut dyn FnMut(String)) -> Result<()> {
    let rubric = super::load_rubric(args.rubric.as_deref())?;
    let ilo = crate::ilo::Ilo::builtin();
    for rule in &rubric.rules {
        for r in &rule.ilo_refs {
            if ilo.task(&r.isco, r.task_id).is_none() {
                let lang = crate::messages::lang();
                let text = crate::messages::unknown_ilo_task(lang, &rule.code, &r.isco, r.task_id);
                warn(crate::messages::at(lang, &rubric.source, rule.line, &text));
            }
        }
    }
    let rows: Vec<RuleRow> = rubric
        .rules
        .iter()
        .map(|r| RuleRow {
            code: &r.code,
            theme: &r.theme,
            label: &r.label,
            score: r.score,
            patterns: &r.patterns,
            ilo_refs: r
                .ilo_refs
                .iter()
                .map(|x| format!("{}:{}", x.isco, x.task_id))
                .collect(),
            rationale: &r.rationale,
        })
        .collect();
    let format = super::jobs::format(args.format);
    emit(None, |out, terminal| {
        rubric::render(&rows, &rubric.source, format, out, terminal)
    })
}
