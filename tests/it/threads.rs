//! Output does not depend on the number of threads, and the synthetic-org generator is reproducible.
//!
//! Loading and linting run on rayon's pool; merging per-file results must keep the order of
//! SPEC §1, so every byte of every format is the same with 1, 2 or 8 threads (issue 8).

use crate::support;
use crate::synth;

use std::path::{Path, PathBuf};

use crate::support::{PLAIN, command, repo};

/// Copies the `fires` case of every rule's fixture (but `invalid-toml`'s, which would keep the
/// whole-org rules from running) into one tree under `dest`: findings of about 25 rules, in
/// many files and several `[org]`s.
fn many_rules(dest: &Path) {
    let fixtures = repo().join("fixtures");
    let mut rules: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    rules.sort();
    for rule in rules {
        let name = rule.file_name().expect("name").to_owned();
        if name != "invalid-toml" && rule.join("fires").is_dir() {
            support::copy_dir(&rule.join("fires"), &dest.join(name));
        }
    }
}

/// The exit code, stdout and stderr of `check ARGS DIR` with `threads` rayon threads.
fn check(dir: &Path, args: &[&str], threads: usize) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let out = command(dir, &[&["check"], args, &["."]].concat(), PLAIN)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .expect("run orglint");
    (out.status.code(), out.stdout, out.stderr)
}

#[test]
fn output_is_the_same_with_one_two_or_eight_threads() {
    let temp = tempfile::tempdir().expect("tempdir");
    let combined = temp.path().join("many-rules");
    many_rules(&combined);
    let generated = temp.path().join("generated");
    let opts = synth::Options {
        people: 2_000,
        seed: 8,
        layout: synth::Layout::Files,
    };
    synth::generate(&opts).write(&generated).expect("write");
    let trees = [repo().join("fixtures/example-org"), combined, generated];
    for dir in &trees {
        for args in [&["--format", "json"][..], &["--format", "human"][..]] {
            let one = check(dir, args, 1);
            assert!(
                !one.1.is_empty() && one.0.is_some_and(|c| c < 2),
                "{}: {args:?} gave no report",
                dir.display()
            );
            for threads in [2, 8] {
                let other = check(dir, args, threads);
                assert!(
                    one == other,
                    "{}: {args:?} differs between 1 and {threads} threads",
                    dir.display()
                );
            }
        }
    }
}

#[test]
fn a_seed_names_the_same_bytes() {
    for layout in [synth::Layout::Files, synth::Layout::OneFile] {
        let opts = synth::Options {
            people: 3_000,
            seed: 42,
            layout,
        };
        let a = synth::generate(&opts);
        let b = synth::generate(&opts);
        assert_eq!(a.files, b.files, "{layout:?}");
        assert_eq!(a.people, 3_000, "{layout:?}: the head count asked for");
        let other = synth::generate(&synth::Options { seed: 43, ..opts });
        assert_ne!(
            a.files, other.files,
            "{layout:?}: another seed, another org"
        );
    }
}

#[test]
fn the_generated_org_has_its_planted_findings_and_no_others() {
    let temp = tempfile::tempdir().expect("tempdir");
    for layout in [synth::Layout::Files, synth::Layout::OneFile] {
        let dir = temp.path().join(layout.name());
        let opts = synth::Options {
            people: 1_000,
            seed: 1,
            layout,
        };
        synth::generate(&opts).write(&dir).expect("write");
        let report = support::lint_dir(&dir);
        let planted = [
            "divergent-tooling",
            "duplicate-id",
            "lead-not-member",
            "lone-ml-hire",
            "orphan-person",
            "overlapping-ownership",
            "reporting-cycle",
            "unknown-reference",
            "unknown-role",
        ];
        assert_eq!(support::fired(&report), planted, "{layout:?}");
        // Three unknown references (a member, a manager, a synced team), one of each other.
        assert_eq!(report.findings.len(), planted.len() + 2, "{layout:?}");
    }
}
