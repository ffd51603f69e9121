//! `exposure check`: findings, policy, exit code.

use anyhow::{Context, Result};
use serde::Serialize;

use crate::aggregate::UnscoredTasks;
use crate::analysis::AnalysisError;
use crate::check::{Finding, Findings, Severity, baseline_findings, policy_holds, roster_findings};
use crate::cli::{CheckArgs, CheckFormat};
use crate::error::Exit;
use crate::output::emit;

#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    policy: Policy,
    counts: Counts,
    findings: &'a Findings<'a>,
}

#[derive(Serialize)]
struct Policy {
    fail_on: Severity,
    max_unscored: String,
    max_drift: Option<f64>,
    baseline: Option<String>,
    held: bool,
}

#[derive(Serialize, Default)]
struct Counts {
    error: usize,
    warning: usize,
    notice: usize,
}

pub fn run(args: &CheckArgs) -> Result<Exit> {
    // Warnings become findings; nothing else is printed while checking.
    let (analysis, rubric) = match super::analyze_input(&args.input, &[], false, true, &mut |_| {})
    {
        Ok(r) => r,
        Err(AnalysisError::Input(e)) => {
            let none = UnscoredTasks::default();
            let findings = Findings::new(vec![Finding::from_input("load-error", &e)], &none);
            write(args, &findings, false)?;
            return Ok(Exit::Input);
        }
        Err(e) => return Err(e.into()),
    };
    let mut findings = roster_findings(
        &analysis,
        &rubric,
        args.input.rubric.is_some(),
        args.max_unscored,
    );
    if let Some(path) = &args.baseline {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read baseline {}", path.display()))?;
        let baseline: serde_json::Value = serde_json::from_str(&text).with_context(|| {
            format!(
                "{}: expected the JSON output of `exposure score --format json`",
                path.display()
            )
        })?;
        if baseline["schema"].as_str() != Some(crate::render::json::SCHEMA) {
            anyhow::bail!(
                "{}: expected the JSON output of `exposure score --format json` (schema {})",
                path.display(),
                crate::render::json::SCHEMA
            );
        }
        findings.extend(baseline_findings(
            &analysis,
            &baseline,
            &path.display().to_string(),
            args.max_drift,
        ));
    }
    let duplicates = analysis.checks.as_ref().map(|c| &c.duplicates);
    let findings = Findings::new(findings, &analysis.unscored).with_duplicates(duplicates);
    let held = policy_holds(findings.severities(), args.fail_on);
    write(args, &findings, held)?;
    Ok(if held { Exit::Ok } else { Exit::Problems })
}

fn write(args: &CheckArgs, findings: &Findings, held: bool) -> Result<()> {
    let mut counts = Counts::default();
    for severity in findings.severities() {
        match severity {
            Severity::Error => counts.error += 1,
            Severity::Warning => counts.warning += 1,
            Severity::Notice => counts.notice += 1,
        }
    }
    emit(None, |out, _| match args.format {
        CheckFormat::Json => {
            let report = Report {
                schema: "exposure-check/1",
                policy: Policy {
                    fail_on: args.fail_on,
                    max_unscored: args.max_unscored_text(),
                    max_drift: args.max_drift,
                    baseline: args.baseline.as_ref().map(|p| p.display().to_string()),
                    held,
                },
                counts,
                findings,
            };
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)
        }
        CheckFormat::Github => {
            for f in findings.iter() {
                let command = match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Notice => "notice",
                };
                let mut props = format!("file={}", escape_property(&f.file));
                if f.line > 0 {
                    props.push_str(&format!(",line={}", f.line));
                }
                if let Some(col) = f.column {
                    props.push_str(&format!(",col={col}"));
                }
                props.push_str(&format!(
                    ",title={}",
                    escape_property(&format!("exposure {}", f.rule))
                ));
                writeln!(out, "::{command} {props}::{}", escape_data(&f.message))?;
            }
            writeln!(out, "{}", summary(&counts, held, args))
        }
        CheckFormat::Text => {
            for f in findings.iter() {
                let place = match (f.line, f.column) {
                    (0, _) => f.file.clone(),
                    (line, None) => format!("{}:{line}", f.file),
                    (line, Some(col)) => format!("{}:{line}:{col}", f.file),
                };
                writeln!(
                    out,
                    "{place}: {}[{}]: {}",
                    f.severity.name(),
                    f.rule,
                    f.message
                )?;
            }
            writeln!(out, "{}", summary(&counts, held, args))
        }
    })
}

fn summary(c: &Counts, held: bool, args: &CheckArgs) -> String {
    format!(
        "check: {} error(s), {} warning(s), {} notice(s); policy {} (--fail-on {})",
        c.error,
        c.warning,
        c.notice,
        if held { "holds" } else { "fails" },
        args.fail_on.name()
    )
}

/// GitHub workflow commands: message data escapes %, CR and LF.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Properties also escape `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn github_escapes() {
        assert_eq!(super::escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(super::escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
