//! `exposure check`: findings, policy, exit code.

use anyhow::{Context, Result};
use serde::Serialize;

use crate::aggregate::UnscoredTasks;
use crate::analysis::AnalysisError;
use crate::check::{Finding, Findings, Severity, baseline_findings, policy_holds, roster_findings};
use crate::cli::{CheckArgs, CheckFormat};
use crate::error::Exit;
use crate::output::emit;
use crate::policy::{CheckPolicy, Given};

/// The schema of the JSON document; docs/json-schema.md describes it field by field.
pub const SCHEMA: &str = "exposure-check/2";

#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    /// The budget document read, when the roster is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a crate::budget::Document>,
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
    method: crate::classify::Method,
    /// The policy file read, if any.
    file: Option<String>,
    held: bool,
}

#[derive(Serialize, Default)]
struct Counts {
    error: usize,
    warning: usize,
    notice: usize,
}

pub fn run(args: &CheckArgs, given: &Given, quiet: bool) -> Result<Exit> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    if args.init {
        let path = crate::policy::init(&cwd)?;
        if !quiet {
            eprintln!("exposure: wrote {}", path.display());
        }
        return Ok(Exit::Ok);
    }
    let policy = crate::policy::resolve(args, given, &cwd)?;
    let input = crate::cli::RosterArgs {
        method: policy.method,
        ..args.input.clone()
    };
    // Warnings become findings; nothing else is printed while checking.
    let (analysis, rubric) = match super::analyze_input(&input, &[], false, true, &mut |_| {}) {
        Ok(r) => r,
        Err(AnalysisError::Input(e)) => {
            let none = UnscoredTasks::default();
            let findings = Findings::new(vec![Finding::from_input("load-error", &e)], &none);
            write(args, &policy, &findings, false, None)?;
            return Ok(Exit::Input);
        }
        Err(e) => return Err(e.into()),
    };
    let mut findings = roster_findings(
        &analysis,
        &rubric,
        args.input.rubric.is_some(),
        policy.max_unscored,
    );
    // The process ends soon: freeing the rubric's thousands of small parts would only delay it.
    std::mem::forget(rubric);
    if let Some(path) = &policy.baseline {
        crate::output::note_input(path);
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
        // A baseline cut by --top lists some directions and jobs only: the others would pass
        // as added, unguarded by --max-drift.
        let listed = baseline["jobs"].as_array().map_or(0, Vec::len);
        if baseline["summary"]["jobs"]
            .as_u64()
            .is_some_and(|n| n as usize > listed)
        {
            anyhow::bail!(
                "{}: this baseline lists {listed} of its {} jobs (made with --top?); expected one made without --top",
                path.display(),
                baseline["summary"]["jobs"]
            );
        }
        findings.extend(baseline_findings(
            &analysis,
            &baseline,
            &path.display().to_string(),
            policy.max_drift,
            args.lang,
        ));
    }
    let duplicates = analysis.checks.as_ref().map(|c| &c.duplicates);
    let findings = Findings::new(findings, &analysis.unscored).with_duplicates(duplicates);
    let held = policy_holds(findings.severities(), policy.fail_on);
    write(args, &policy, &findings, held, analysis.document.as_ref())?;
    Ok(if held { Exit::Ok } else { Exit::Problems })
}

fn write(
    args: &CheckArgs,
    policy: &CheckPolicy,
    findings: &Findings,
    held: bool,
    document: Option<&crate::budget::Document>,
) -> Result<()> {
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
                schema: SCHEMA,
                document,
                policy: Policy {
                    fail_on: policy.fail_on,
                    max_unscored: policy.max_unscored.describe(),
                    max_drift: policy.max_drift,
                    baseline: policy.baseline.as_ref().map(|p| p.display().to_string()),
                    method: policy.method,
                    file: policy.file.as_ref().map(|p| p.display().to_string()),
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
                let mut props = format!(
                    "file={}",
                    escape_property(&crate::sanitize::for_terminal(&f.file))
                );
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
                let message = crate::sanitize::for_terminal(&f.message);
                writeln!(out, "::{command} {props}::{}", escape_data(&message))?;
            }
            writeln!(out, "{}", summary(&counts, held, policy))
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
                    "{}: {}[{}]: {}",
                    crate::sanitize::for_terminal(&place),
                    f.severity.name(),
                    f.rule,
                    crate::sanitize::for_terminal(&f.message)
                )?;
            }
            writeln!(out, "{}", summary(&counts, held, policy))
        }
    })
}

fn summary(c: &Counts, held: bool, policy: &CheckPolicy) -> String {
    format!(
        "check: {} error(s), {} warning(s), {} notice(s); policy {} (--fail-on {})",
        c.error,
        c.warning,
        c.notice,
        if held { "holds" } else { "fails" },
        policy.fail_on.name()
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
