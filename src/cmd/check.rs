//! `exposure check`: findings, policy, exit code.

use anyhow::{Context, Result};

use crate::aggregate::UnscoredTasks;
use crate::analysis::AnalysisError;
use crate::check::{Finding, Findings, baseline_findings, policy_holds, roster_findings};
use crate::cli::{CheckArgs, CheckFormat};
use crate::error::Exit;
use crate::policy::Given;
use crate::render::check::{Format, write};

pub use crate::render::check::SCHEMA;

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
            write(format(args.format), &policy, &findings, false, None)?;
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
    write(
        format(args.format),
        &policy,
        &findings,
        held,
        analysis.document.as_ref(),
    )?;
    Ok(if held { Exit::Ok } else { Exit::Problems })
}

/// The renderer's format for the command line's.
fn format(format: CheckFormat) -> Format {
    match format {
        CheckFormat::Text => Format::Text,
        CheckFormat::Json => Format::Json,
        CheckFormat::Github => Format::Github,
    }
}
