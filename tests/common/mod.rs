//! Helpers shared by the integration tests: linting a directory or a snippet, and rendering without colour.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use orglint::render::{self, HumanOptions};
use orglint::{CheckOptions, Report};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lints `dir` (relative to the repository root) as `orglint check dir` run from the root.
pub fn lint_dir(dir: &Path) -> Report {
    orglint::check(&CheckOptions {
        paths: vec![dir.to_path_buf()],
        cwd: repo(),
        ..CheckOptions::default()
    })
    .unwrap_or_else(|e| panic!("linting {}: {e:?}", dir.display()))
}

/// Lints one TOML text as the only file, `org.toml`, of a fresh tree.
pub fn lint_snippet(toml: &str) -> Report {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("org.toml"), toml).expect("write snippet");
    orglint::check(&CheckOptions {
        paths: vec![dir.path().to_path_buf()],
        cwd: dir.path().to_path_buf(),
        ..CheckOptions::default()
    })
    .unwrap_or_else(|e| panic!("linting snippet: {e:?}"))
}

/// The human render as the snapshots keep it: no colour, 80 columns.
pub fn human(report: &Report) -> String {
    render::human(
        report,
        HumanOptions {
            color: false,
            width: 80,
        },
    )
}

/// The rules that fired, sorted, each once.
pub fn fired(report: &Report) -> Vec<&'static str> {
    let mut rules: Vec<&'static str> = report.findings.iter().map(|f| f.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

/// The `[file:L:C]` header of each snippet of a human report, in order.
pub fn headers(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            l.split_once("╭─[")
                .map(|(_, h)| h.trim_end_matches(']').to_owned())
        })
        .collect()
}
