//! `exposure check`: the findings, as text, JSON or GitHub workflow commands.

use anyhow::Result;
use serde::Serialize;

use crate::check::{Findings, Severity};
use crate::output::emit;
use crate::policy::CheckPolicy;

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

/// How findings are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Github,
}

/// The findings, the counts per severity and whether the policy held, in `format`.
pub fn write(
    format: Format,
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
    emit(None, |out, terminal| match format {
        Format::Json => {
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
        Format::Github => {
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
        Format::Text => {
            let out: &mut dyn std::io::Write = &mut super::fit::lines(out, terminal);
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
