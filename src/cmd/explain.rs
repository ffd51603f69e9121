//! `exposure explain "text"`: which rules match a task text, which one wins, and why.

use anyhow::Result;
use serde::Serialize;

use crate::classify::Band;
use crate::cli::{ExplainArgs, Format};
use crate::i18n::Lang;
use crate::ilo::Ilo;
use crate::normalize::normalize;
use crate::output::emit;
use crate::render::{Section, table::write_section};

#[derive(Serialize)]
struct Explanation {
    text: String,
    normalized: String,
    matches: Vec<Match>,
    chosen: Option<Match>,
}

#[derive(Serialize, Clone)]
struct Match {
    code: String,
    theme: String,
    label: String,
    score: f64,
    band: Band,
    specificity: u32,
    alternative: String,
    rationale: String,
    evidence: Vec<Evidence>,
}

#[derive(Serialize, Clone)]
struct Evidence {
    isco: String,
    task_id: u32,
    occupation: String,
    score_2025: Option<f64>,
    task: String,
}

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
                code: rule.code.clone(),
                theme: rule.theme.clone(),
                label: rule.label.clone(),
                score: rule.score,
                band: Band::of(rule.score),
                specificity: m.specificity,
                alternative: rule.alternatives[m.alternative].text.clone(),
                rationale: rule.rationale.clone(),
                evidence: rule
                    .ilo_refs
                    .iter()
                    .map(|r| {
                        let task = ilo.task(&r.isco, r.task_id);
                        Evidence {
                            isco: r.isco.clone(),
                            task_id: r.task_id,
                            occupation: ilo
                                .occupations
                                .get(&r.isco)
                                .map(|o| o.title.clone())
                                .unwrap_or_else(|| "(not in the ILO data)".into()),
                            score_2025: task.map(|t| t.score_2025),
                            task: task.map(|t| t.task.clone()).unwrap_or_default(),
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
        if args.format == Format::Json {
            serde_json::to_writer_pretty(&mut *out, &explanation)?;
            return writeln!(out);
        }
        let out: &mut dyn std::io::Write = &mut crate::render::fit::lines(out, terminal);
        let lang = args.lang;
        let fr = lang == Lang::Fr;
        // Labels padded to one width, so that the values line up.
        // French puts a space before a colon or a semicolon.
        let (colon, semicolon) = if fr { (" :", " ;") } else { (":", ";") };
        let label = |english: &'static str| {
            let text = format!("{}{colon}", lang.t(english));
            format!("{text:<width$}", width = if fr { 17 } else { 12 })
        };
        let score = |s: f64| lang.decimal(Some(s));
        writeln!(out, "{}{}", label("Text"), explanation.text)?;
        writeln!(out, "{}{}", label("Normalised"), explanation.normalized)?;
        match &explanation.chosen {
            None => writeln!(
                out,
                "{}{}",
                label("Chosen"),
                lang.t("none — no rule matches; the task is unscored")
            )?,
            Some(c) => {
                writeln!(
                    out,
                    "{}{} — {} ({}){semicolon} {} {}, {} {}",
                    label("Chosen"),
                    c.code,
                    c.label,
                    c.theme,
                    lang.t("score"),
                    score(c.score),
                    lang.t("band"),
                    if fr {
                        lang.t(c.band.label())
                    } else {
                        c.band.key()
                    }
                )?;
                writeln!(out, "{}{}", label("Rationale"), c.rationale)?;
                for e in &c.evidence {
                    writeln!(
                        out,
                        "{}{} {} {} {} ({}), {} 2025 {}{colon} {}",
                        label("Evidence"),
                        lang.t("ILO"),
                        e.isco,
                        lang.t("task"),
                        e.task_id,
                        e.occupation,
                        lang.t("score"),
                        e.score_2025.map(score).unwrap_or_else(|| "–".into()),
                        e.task
                    )?;
                }
            }
        }
        writeln!(out)?;
        let section = Section {
            title: lang.t("Matching rules (best first)").into(),
            headers: ["Code", "Specificity", "Matched by", "Score", "Theme"]
                .map(|h| lang.t(h).to_string())
                .to_vec(),
            numeric: vec![false, true, false, true, false],
            rows: explanation
                .matches
                .iter()
                .map(|m| {
                    vec![
                        m.code.clone(),
                        m.specificity.to_string(),
                        m.alternative.clone(),
                        score(m.score),
                        m.theme.clone(),
                    ]
                })
                .collect(),
        };
        write_section(&section, out, terminal)
    })
}
