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

/// The lines of the hook `id` in a `.pre-commit-hooks.yaml`, comments left out.
fn hook_lines<'a>(hooks: &'a str, id: &str) -> Vec<&'a str> {
    let mut lines = Vec::new();
    let mut inside = false;
    for line in hooks.lines().filter(|l| !l.starts_with('#')) {
        if let Some(rest) = line.strip_prefix("- id: ") {
            inside = rest.trim() == id;
        }
        if inside && !line.trim().is_empty() {
            lines.push(line);
        }
    }
    assert!(
        !lines.is_empty(),
        "no hook `{id}` in .pre-commit-hooks.yaml"
    );
    lines
}

/// A git repository holding the example org, with the local hook `id` made from this repository's
/// `.pre-commit-hooks.yaml` (as `language: system`, running the built binary); `edit` may change
/// the hook's text first.
fn repository(id: &str, edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let repo = tempfile::tempdir().expect("temp dir");
    support::copy_dir(&support::repo().join("fixtures/example-org"), repo.path());
    let hooks = std::fs::read_to_string(support::repo().join(".pre-commit-hooks.yaml"))
        .expect("hooks file");
    let hook: String = hook_lines(&hooks, id)
        .iter()
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

/// `program args...` in `repo`, with the built `orglint` first on `PATH` and pre-commit's cache in
/// `home`: whether it succeeded, and its output.
fn with_hook_env(repo: &Path, home: &Path, program: &str, args: &[&str]) -> (bool, String) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_orglint"));
    let path = format!(
        "{}:{}",
        bin.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new(program)
        .args(args)
        .current_dir(repo)
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", home)
        .env("NO_COLOR", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    let text = support::utf8(&out.stdout) + &support::utf8(&out.stderr);
    (out.status.success(), text)
}

/// `pre-commit run --all-files` in `repo`: its output.
fn pre_commit(repo: &Path) -> String {
    let home = tempfile::tempdir().expect("temp dir");
    let args = ["run", "--all-files", "--color", "never", "--verbose"];
    with_hook_env(repo, home.path(), "pre-commit", &args).1
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
    let repo = repository("orglint", |hook| hook);
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
        let repo = repository("orglint", |hook| {
            hook.replace("require_serial: true", "require_serial: false")
        });
        let text = pre_commit(repo.path());
        assert!(summaries(&text).len() > 1, "{text}");
    }
}

#[test]
fn the_since_hook_refuses_a_commit_that_breaks_another_file_and_accepts_a_clean_one() {
    let test = "the_since_hook_refuses_a_commit_that_breaks_another_file_and_accepts_a_clean_one";
    if !have_pre_commit(test) {
        return;
    }
    let repo = repository("orglint-since-head", |hook| hook);
    let home = tempfile::tempdir().expect("temp dir");
    let git = |args: &[&str]| with_hook_env(repo.path(), home.path(), "git", args);
    // The org as it is, findings and all, goes in before the hook does.
    assert!(git(&["commit", "-q", "--no-verify", "-m", "the org"]).0);
    let (installed, text) = with_hook_env(repo.path(), home.path(), "pre-commit", &["install"]);
    assert!(installed, "{text}");
    let head = || git(&["rev-parse", "HEAD"]).1;
    let before = head();

    // Deleting a file whose people other files name: refused, and nothing is committed.
    assert!(git(&["rm", "-q", "people/ml.toml"]).0);
    let (committed, text) = git(&["commit", "-m", "remove the ML people"]);
    assert!(!committed, "{text}");
    assert!(text.contains("orglint (what the commit breaks)"), "{text}");
    assert!(text.contains("Failed"), "{text}");
    assert!(text.contains("error[unknown-reference]"), "{text}");
    assert!(text.contains("already at HEAD)"), "{text}");
    assert_eq!(head(), before);

    // A change that breaks nothing goes in, although the org still has its old findings.
    assert!(git(&["reset", "-q", "--hard"]).0);
    let org = std::fs::read_to_string(repo.path().join("org.toml")).expect("org.toml");
    let renamed = org.replacen("name = \"Northwind Mobility\"", "name = \"Northwind\"", 1);
    assert_ne!(org, renamed, "the example org's name");
    std::fs::write(repo.path().join("org.toml"), renamed).expect("write");
    assert!(git(&["add", "org.toml"]).0);
    let (committed, text) = git(&["commit", "-m", "a shorter name"]);
    assert!(committed, "{text}");
    assert!(text.contains("Passed"), "{text}");
    assert_ne!(head(), before);
}
