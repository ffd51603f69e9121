//! The README's CI recipes (issue 19), run as written: their `exposure` command lines are read
//! from README.md, not copied here. On the demo roster they pass; with one more task that no rule
//! matches they fail, with a finding on that task's line.

use std::path::Path;

use crate::data;
use crate::shell::shell;

/// The README's section on CI.
fn ci_section() -> String {
    let readme = std::fs::read_to_string(data("README.md")).unwrap();
    let start = readme.find("\n## Checking rosters in CI\n").unwrap();
    let end = readme[start + 1..].find("\n## ").unwrap() + start + 1;
    readme[start..end].to_string()
}

/// The first fenced block after `marker` in `text`.
fn block_after<'a>(text: &'a str, marker: &str) -> &'a str {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not found"));
    let open = text[at..].find("```").unwrap() + at;
    let body = text[open..].find('\n').unwrap() + open + 1;
    let close = text[body..].find("```").unwrap() + body;
    &text[body..close]
}

/// The lines of a block that run `exposure`: `- run: exposure …` (GitHub), `- exposure …`
/// (GitLab), or `exposure …` (a shell block).
fn exposure_lines(block: &str) -> Vec<String> {
    block
        .lines()
        .map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("- ").unwrap_or(l);
            l.strip_prefix("run: ").unwrap_or(l).trim()
        })
        .filter(|l| l.starts_with("exposure "))
        .map(str::to_string)
        .collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_readme_recipes_pass_on_the_demo_and_fail_on_a_new_unscored_task() {
    let section = ci_section();
    let recipes = [
        ("GitHub Actions", block_after(&section, "GitHub Actions (")),
        ("GitLab CI", block_after(&section, "GitLab CI (")),
    ];
    let baseline = exposure_lines(block_after(&section, "Updating the baseline"));
    assert_eq!(baseline.len(), 1, "{baseline:?}");

    // A repository holding the demo as its roster, and its score as the baseline.
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("rh")).unwrap();
    let demo = std::fs::read_to_string(data("data/examples/ville-fictive.csv")).unwrap();
    std::fs::write(repo.join("rh/effectifs.csv"), &demo).unwrap();
    let out = shell(&baseline[0], repo);
    assert!(
        out.status.success(),
        "{}: {}",
        baseline[0],
        text(&out.stderr)
    );

    // One more task, for the last job of the roster, that no rule matches.
    let last = demo.lines().last().unwrap();
    let mut fields: Vec<&str> = last.split(';').collect();
    fields[7] = "Piloter un drone";
    let changed = format!("{demo}{}\n", fields.join(";"));
    let line = changed.lines().count();

    for (name, yaml) in recipes {
        assert!(
            !yaml.contains("cargo"),
            "{name}: the recipe compiles the tool"
        );
        assert!(
            yaml.contains("sha256sum -c"),
            "{name}: the download is not verified"
        );
        let commands = exposure_lines(yaml);
        assert!(!commands.is_empty(), "{name}: no exposure command");
        for command in &commands {
            std::fs::write(repo.join("rh/effectifs.csv"), &demo).unwrap();
            let out = shell(command, repo);
            assert_eq!(
                out.status.code(),
                Some(0),
                "{name}: {command}\n{}{}",
                text(&out.stdout),
                text(&out.stderr)
            );

            std::fs::write(repo.join("rh/effectifs.csv"), &changed).unwrap();
            let out = shell(command, repo);
            let stdout = text(&out.stdout);
            assert_eq!(out.status.code(), Some(1), "{name}: {command}\n{stdout}");
            let on_line = |l: &&str| {
                l.contains("unscored-task")
                    && (l.contains(&format!("rh/effectifs.csv:{line}:"))
                        || l.contains(&format!("file=rh/effectifs.csv,line={line},")))
            };
            assert!(
                stdout.lines().any(|l| on_line(&l)),
                "{name}: no finding on line {line}:\n{stdout}"
            );
        }
    }
}

/// The recipes download an asset the release workflow makes, with its checksum.
#[test]
fn the_recipes_download_what_the_release_workflow_builds() {
    let release = std::fs::read_to_string(data(".github/workflows/release.yml")).unwrap();
    let section = ci_section();
    for target in [
        "x86_64-unknown-linux-musl",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(release.contains(&format!("target: {target}")), "{target}");
    }
    assert!(release.contains("asset=\"exposure-$TARGET.tar.gz\""));
    assert!(release.contains("> \"$asset.sha256\""));
    assert!(section.contains("ASSET: exposure-x86_64-unknown-linux-musl.tar.gz"));
    assert!(section.contains("\"$ASSET.sha256\""));
    assert!(Path::new(&data(".github/workflows/release.yml")).is_file());
}
