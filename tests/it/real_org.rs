//! The real org in `../shared/real-orgs` (the Rust project's team data, pseudonymised, converted for SPEC revision 2: its marker teams are `group`s and its alumni marked): checked when it is there, a failure in CI when it is not, and a visible skip otherwise.

use crate::support;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::support::{fired, in_ci, repo};
use orglint::CheckOptions;

/// `root` if it is a directory. Otherwise a panic in CI, and else `None` after a note on `out`
/// saying that `test` was skipped.
fn present_or_skip(root: PathBuf, test: &str, ci: bool, out: &mut dyn Write) -> Option<PathBuf> {
    if root.is_dir() {
        return Some(root);
    }
    support::skip_absent(&root, test, ci, out);
    None
}

/// The real org `name`, or `None` when it is absent outside CI. libtest captures `print!` and
/// `eprint!` and shows them only for a failing test, so the skip note is written to the stderr
/// handle itself, which it does not capture: plain `cargo test` output shows it.
fn real_org(name: &str, test: &str) -> Option<PathBuf> {
    let root = repo().join("../shared/real-orgs").join(name);
    present_or_skip(root, test, in_ci(), &mut std::io::stderr())
}

#[test]
fn the_rust_project_conforms_and_gets_only_hygiene_findings() {
    let Some(root) = real_org(
        "rust-lang-team-rev2",
        "the_rust_project_conforms_and_gets_only_hygiene_findings",
    ) else {
        return;
    };
    let report = orglint::check(&CheckOptions {
        paths: vec![root.clone()],
        cwd: root,
        ..CheckOptions::default()
    })
    .expect("check");
    assert_eq!(report.files, 832);
    assert_eq!(report.broken, 0);
    // Machine-made from a consistent source: no correctness finding, and no alumni left in a
    // team. Its mess is hygiene: 1-member teams and 28-member ones, sub-teams with no lead, people
    // in many teams; not its 255 alumni, its 42 rosters and mailing lists, its umbrellas.
    assert_eq!(
        fired(&report),
        [
            "empty-team",
            "orphan-person",
            "overcommitted-person",
            "team-size",
            "team-without-lead"
        ]
    );
    insta::assert_snapshot!(support::statistics_text(&report));
}

fn nowhere() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("no such directory, on purpose")
}

#[test]
#[should_panic(expected = "is absent and CI is set")]
fn an_absent_real_org_fails_in_ci() {
    present_or_skip(nowhere(), "t", true, &mut Vec::new());
}

#[test]
fn an_absent_real_org_outside_ci_is_skipped_with_a_note() {
    let mut out = Vec::new();
    assert_eq!(present_or_skip(nowhere(), "t", false, &mut out), None);
    assert_eq!(
        String::from_utf8(out).expect("UTF-8"),
        format!(
            "note: skipped t: {} is absent (with CI set, this fails)\n",
            nowhere().display()
        )
    );
}
