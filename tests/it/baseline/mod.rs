//! Baselines end to end (SPEC §7): `--write-baseline` records the findings, `--baseline` hides
//! them, counts the fixed ones, warns about another org's baseline, and fails on a malformed one;
//! all on temporary copies of the example org. This module holds the helpers; each submodule one
//! side of a baseline.

mod hiding;
mod reading;
mod writing;

use crate::support;

use std::path::Path;

use crate::support::{PLAIN, copy_dir, repo, run, transcript};

const BASELINE: &str = ".orglint-baseline.json";

/// A temporary copy of the example org.
fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("fixtures/example-org"), dir.path());
    dir
}

fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).expect("read")
}

/// Replaces `from` (which must be there) by `to` in `path` under `dir`.
fn edit(dir: &Path, path: &str, from: &str, to: &str) {
    let text = read(dir, path);
    assert!(text.contains(from), "{path} has no {from:?}");
    std::fs::write(dir.join(path), text.replacen(from, to, 1)).expect("write");
}

/// Writes the baseline of `dir` as it is, and checks what the run says.
fn write_baseline(dir: &Path) {
    let (code, stdout, stderr) = run(dir, &["check", "--write-baseline", BASELINE], PLAIN);
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "wrote the baseline `.orglint-baseline.json`: 14 entries\n"
        ),
        "{stdout}"
    );
}

/// The lines only in `before` (`-`) and only in `after` (`+`), in order: enough of a diff to show
/// which entries an update changed.
fn line_diff(before: &str, after: &str) -> String {
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    // A longest common subsequence, small inputs.
    let mut lcs = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            i += 1;
            j += 1;
        } else if j < new.len() && (i == old.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("+{}\n", new[j]));
            j += 1;
        } else {
            out.push_str(&format!("-{}\n", old[i]));
            i += 1;
        }
    }
    out
}

fn orglint_tiny() -> &'static str {
    crate::tiny_org!()
}

/// `s` as a TOML basic string, every character that is not plain printable ASCII escaped.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push_str(&format!("\\u{:04X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}
