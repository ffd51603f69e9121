//! `exposure explain "text"`: which rules match a task text, which one wins, and why.

use std::io::{self, Write};

use serde::Serialize;

use super::{Section, table::write_section};
use crate::classify::Band;
use crate::i18n::Lang;

#[derive(Serialize)]
pub struct Explanation {
    pub text: String,
    pub normalized: String,
    pub matches: Vec<Match>,
    pub chosen: Option<Match>,
}

#[derive(Serialize, Clone)]
pub struct Match {
    pub code: String,
    pub theme: String,
    pub label: String,
    pub score: f64,
    pub band: Band,
    pub specificity: u32,
    pub alternative: String,
    pub rationale: String,
    pub evidence: Vec<Evidence>,
}

#[derive(Serialize, Clone)]
pub struct Evidence {
    pub isco: String,
    pub task_id: u32,
    pub occupation: String,
    pub score_2025: Option<f64>,
    pub task: String,
}

/// The explanation as a table, or as JSON.
pub fn render(
    explanation: &Explanation,
    json: bool,
    lang: Lang,
    out: &mut dyn Write,
    terminal: bool,
) -> io::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, explanation)?;
        return writeln!(out);
    }
    let out: &mut dyn Write = &mut super::fit::lines(out, terminal);
    let fr = lang == Lang::Fr;
    // Labels padded to one width, so that the values line up.
    // French puts a narrow no-break space before a colon or a semicolon.
    let (colon, semicolon) = if fr {
        ("\u{202f}:", "\u{202f};")
    } else {
        (":", ";")
    };
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
                    crate::ilo::title_in(&e.isco, &e.occupation, lang),
                    lang.t("score"),
                    e.score_2025.map(score).unwrap_or_else(|| "–".into()),
                    crate::ilo::ilo_task_in(&e.isco, e.task_id, &e.task, lang)
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
}
