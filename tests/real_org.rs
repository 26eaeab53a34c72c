//! The real org in `../shared/real-orgs` (the Rust project's team data, pseudonymised), when it is there.

mod common;

use common::{fired, repo};
use orglint::CheckOptions;

#[test]
fn the_rust_project_conforms_and_gets_only_hygiene_findings() {
    let root = repo().join("../shared/real-orgs/rust-lang-team");
    if !root.is_dir() {
        eprintln!("skipped: {} is absent", root.display());
        return;
    }
    let report = orglint::check(&CheckOptions {
        paths: vec![root.clone()],
        cwd: root,
        ..CheckOptions::default()
    })
    .expect("check");
    assert_eq!(report.files, 832);
    assert_eq!(report.broken, 0);
    // Machine-made from a consistent source: no correctness finding. Its mess is hygiene: 1- and
    // 75-member teams, people in many teams, alumni in none.
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
    insta::assert_snapshot!(orglint::render::statistics_text(&report));
}
