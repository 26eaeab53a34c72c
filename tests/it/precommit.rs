//! The pre-commit hook as pre-commit itself runs it (issue 6, item 13): once, with every file, so
//! that one summary counts every finding in the files, as a direct run does.
//!
//! Needs `pre-commit` (from PyPI) and `git` on PATH; `.ci/run` installs pre-commit. Without it the
//! test fails when `CI` is set and otherwise says on stderr that it skipped.

#![cfg(unix)]

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `pre-commit` runs; if not, fails in CI and otherwise says so where `cargo test` shows it.
fn have_pre_commit(test: &str) -> bool {
    support::tool_or_skip("pre-commit", "python3 -m pip install pre-commit", test)
}

/// A git repository holding the example org, with a local hook made from this repository's
/// `.pre-commit-hooks.yaml` (as `language: system`, running the built binary); `edit` may change
/// the hook's text first.
fn repository(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let repo = tempfile::tempdir().expect("temp dir");
    support::copy_dir(&support::repo().join("fixtures/example-org"), repo.path());
    let hooks = std::fs::read_to_string(support::repo().join(".pre-commit-hooks.yaml"))
        .expect("hooks file");
    let hook: String = hooks
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("      {l}\n"))
        .collect();
    let hook = edit(hook.replace("language: rust", "language: system"));
    std::fs::write(
        repo.path().join(".pre-commit-config.yaml"),
        format!("repos:\n  - repo: local\n    hooks:\n{hook}"),
    )
    .expect("write config");
    for args in [&["init", "-q"][..], &["add", "-A"]] {
        let status = Command::new("git")
            .args(args)
            .current_dir(repo.path())
            .status()
            .expect("git");
        assert!(status.success(), "git {args:?}");
    }
    repo
}

/// `pre-commit run --all-files` in `repo`: its output.
fn pre_commit(repo: &Path) -> String {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_orglint"));
    let path = format!(
        "{}:{}",
        bin.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let home = tempfile::tempdir().expect("temp dir");
    let out = Command::new("pre-commit")
        .args(["run", "--all-files", "--color", "never", "--verbose"])
        .current_dir(repo)
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", home.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run pre-commit");
    support::utf8(&out.stdout) + &support::utf8(&out.stderr)
}

/// The summary lines (`2 errors, 12 warnings, ...`) in `text`.
fn summaries(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.contains(" errors, ") || l.contains(" error, "))
        .collect()
}

#[test]
fn the_hook_runs_orglint_once_with_every_file() {
    if !have_pre_commit("the_hook_runs_orglint_once_with_every_file") {
        return;
    }
    let repo = repository(|hook| hook);
    let text = pre_commit(repo.path());
    // The same summary as a direct run on the tree: every file is named, so every finding counts.
    let direct = support::output(
        repo.path(),
        &["check", "--format", "short"],
        support::NO_COLOR,
    );
    let direct = support::utf8(&direct.stdout);
    let want = direct.lines().last().expect("summary");
    assert_eq!(summaries(&text), [want], "{text}");
    assert!(text.contains("orglint"), "{text}");
    assert!(text.contains("Failed"), "{text}");

    // Without `require_serial`, pre-commit splits the files into one batch per core, each with a
    // partial summary: what the hook file prevents.
    if std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
        let repo = repository(|hook| hook.replace("require_serial: true", "require_serial: false"));
        let text = pre_commit(repo.path());
        assert!(summaries(&text).len() > 1, "{text}");
    }
}
