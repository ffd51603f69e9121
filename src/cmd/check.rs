//! `exposure check`: findings, policy, exit code.

use anyhow::{Context, Result};

use crate::aggregate::UnscoredTasks;
use crate::analysis::{AnalysisError, CheckJob};
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
            eprintln!(
                "{}",
                crate::messages::wrote(args.lang, &path.display().to_string())
            );
        }
        return Ok(Exit::Ok);
    }
    fix_mmap_threshold();
    let policy = crate::policy::resolve(args, given, &cwd)?;
    let input = crate::cli::RosterArgs {
        method: policy.method,
        ..args.input.clone()
    };
    // Warnings become findings; nothing else is printed while checking. Without a baseline,
    // nothing reads a job's figures but its mean: its other sums are not kept.
    let means_only = policy.baseline.is_none();
    let (analysis, rubric) = match super::analyze_for_check(&input, means_only, &mut |_| {}) {
        Ok(r) => r,
        Err(AnalysisError::Input(e)) => {
            let none = UnscoredTasks::default();
            let findings = Findings::new(vec![Finding::from_input("load-error", &e)], &none);
            write(format(args.format), &policy, &findings, false, None)?;
            return Ok(Exit::Input);
        }
        Err(e) => return Err(e.into()),
    };
    // What `check` reads of the jobs: kept so by the analysis without a baseline, else made
    // from its jobs, in their order.
    let made: Vec<CheckJob>;
    let jobs = match &analysis.check_jobs {
        Some(jobs) => jobs,
        None => {
            made = analysis.jobs.iter().map(CheckJob::of).collect();
            &made
        }
    };
    let mut findings = roster_findings(
        &analysis,
        jobs,
        &rubric,
        args.input.rubric.is_some(),
        policy.max_unscored,
    );
    // The process ends soon: freeing the rubric's thousands of small parts would only delay it.
    std::mem::forget(rubric);
    if let Some(path) = &policy.baseline {
        crate::output::note_input(path);
        let text = std::fs::read_to_string(path).map_err(|e| {
            crate::messages::cannot_read_baseline(&path.display().to_string()).because(e)
        })?;
        let baseline: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            crate::messages::not_a_baseline(&path.display().to_string(), None).because(e)
        })?;
        if baseline["schema"].as_str() != Some(crate::render::json::SCHEMA) {
            anyhow::bail!(crate::messages::not_a_baseline(
                &path.display().to_string(),
                Some(crate::render::json::SCHEMA)
            ));
        }
        // A baseline cut by --top lists some directions and jobs only: the others would pass
        // as added, unguarded by --max-drift.
        let listed = baseline["jobs"].as_array().map_or(0, Vec::len);
        if baseline["summary"]["jobs"]
            .as_u64()
            .is_some_and(|n| n as usize > listed)
        {
            anyhow::bail!(crate::messages::baseline_cut(
                &path.display().to_string(),
                listed,
                baseline["summary"]["jobs"].as_u64().unwrap_or(0) as usize
            ));
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
    let findings = Findings::new(findings, &analysis.unscored)
        .with_duplicates(duplicates)
        .with_jobs(jobs);
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

/// Keeps glibc's mmap threshold at 1 MB. glibc raises it each time a large block is freed (up
/// to 32 MB), after which the vectors of hundreds of thousands of jobs and millions of task
/// pairs that `check` keeps while it reads grow in its main heap and leave holes behind: 16 MB
/// more at the peak, with 5·10^6 rows of 500,000 jobs. Blocks of 1 MB or more are then mapped
/// apart and given back whole when freed. (`check` runs in CI, often beside other jobs.)
fn fix_mmap_threshold() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: sets a parameter of the allocator, which takes its own lock; before any thread
    // of this command is started.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// The renderer's format for the command line's.
fn format(format: CheckFormat) -> Format {
    match format {
        CheckFormat::Text => Format::Text,
        CheckFormat::Json => Format::Json,
        CheckFormat::Github => Format::Github,
    }
}
