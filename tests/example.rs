//! `examples/lint_texts.rs`, the in-memory front end a language server or a pull-request bot
//! would write: it reports what `orglint check` reports, entity by entity, with the text each fix
//! leaves, and diffs two revisions by fingerprint.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{lint_dir, repo};

// The example's own code, run in process (`main` is the binary's).
#[allow(dead_code)]
#[path = "../examples/lint_texts.rs"]
mod lint_texts;

fn example_org() -> PathBuf {
    repo().join("fixtures/example-org")
}

/// What the example prints for `args`.
fn run(args: &[&Path]) -> String {
    let args: Vec<String> = args.iter().map(|p| p.display().to_string()).collect();
    let mut out = Vec::new();
    lint_texts::run(&args, &mut out).expect("the example runs");
    String::from_utf8(out).expect("UTF-8")
}

/// A copy of `from` in `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[test]
fn the_example_reports_what_check_reports_entity_by_entity() {
    let out = run(&[&example_org()]);
    let disk = lint_dir(Path::new("fixtures/example-org"));
    assert!(out.starts_with(&format!("# revision 1: {} files\n", disk.files)));
    // Every finding of the disk run, once, with its fingerprint and under its entity.
    for f in &disk.findings {
        let line = format!("[{}] {} ({})", f.rule.name, f.message, f.fingerprint);
        assert_eq!(out.matches(&line).count(), 1, "{line}\n{out}");
        let entity = f
            .entity
            .as_ref()
            .expect("every finding here is in an entity");
        let heading = out.find(&format!("\n{entity}\n"));
        let heading = heading.unwrap_or_else(|| panic!("no heading {entity}"));
        assert!(heading < out.find(&line).unwrap(), "{line} under {entity}");
    }
    let finding_lines = out.lines().filter(|l| l.contains("] ") && l.ends_with(')'));
    assert_eq!(finding_lines.count(), disk.findings.len(), "{out}");
    // The fix of `lead-not-member`, and the file it leaves.
    assert!(out.contains(
        "  teams/platform.toml:5:8: error[lead-not-member] lena leads Platform but is not in \
         its `members` (1d470c685abdb178)\n    fix (safe): add `lena` to `members`\n    --- \
         teams/platform.toml after the fix ---\n    | [team]\n"
    ));
    assert!(out.contains("    | members = [\"omar\", \"yuki\", \"carla\", \"lena\"]\n"));
    // Revision 2 is revision 1 with the fix applied: that finding, and only it, is gone.
    let diff = out.split("# revision 2").nth(1).expect("a diff");
    assert_eq!(
        diff,
        ": what appeared (+) and disappeared (-)\n- 1d470c685abdb178 lead-not-member \
         team:platform: lena leads Platform but is not in its `members`\n"
    );
}

#[test]
fn the_example_diffs_two_revisions_by_fingerprint() {
    let dir = tempfile::tempdir().expect("temp dir");
    let after = dir.path().join("after");
    copy_tree(&example_org(), &after);
    // The pull request fixes a typo and moves `eta-model` (the finding's line moves too).
    let rides = after.join("teams/rides.toml");
    let text = std::fs::read_to_string(&rides).expect("read");
    let text = text.replace("paymnets", "payments");
    std::fs::write(&rides, format!("# Ride Matching.\n{text}")).expect("write");
    // ...and adds a person in no team.
    let people = after.join("people/product.toml");
    let mut text = std::fs::read_to_string(&people).expect("read");
    text.push_str("\n[[person]]\nid = \"zoe\"\nname = \"Zoe\"\nrole = \"designer\"\n");
    std::fs::write(&people, text).expect("write");

    let out = run(&[&example_org(), &after]);
    let diff = out.split("# revision 2").nth(1).expect("a diff");
    let lines: Vec<&str> = diff.lines().skip(1).collect();
    assert_eq!(lines.len(), 2, "{diff}");
    assert!(
        lines[0].starts_with("+ ")
            && lines[0].ends_with(
                " orphan-person person:zoe: zoe is in no team and not in `[org].leadership`"
            ),
        "{diff}"
    );
    assert!(
        lines[1].starts_with("- ")
            && lines[1].ends_with(
                " unknown-reference team:rides: `syncs_with` of team rides names paymnets, but \
                 no team has that id"
            ),
        "{diff}"
    );
}

#[test]
fn the_example_binary_prints_what_it_prints_in_process() {
    // `cargo test` builds the examples next to the test binaries' directory.
    let exe = std::env::current_exe().expect("test binary");
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/debug")
        .join("examples/lint_texts");
    assert!(
        bin.exists(),
        "{} is missing: `cargo test` (all targets) builds it",
        bin.display()
    );
    let ran = Command::new(&bin).arg(example_org()).output().expect("run");
    assert!(ran.status.success(), "{ran:?}");
    assert_eq!(String::from_utf8_lossy(&ran.stdout), run(&[&example_org()]));
    // A usage mistake is exit code 2, with the usage on stderr.
    let ran = Command::new(&bin).output().expect("run");
    assert_eq!(ran.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&ran.stderr),
        "usage: lint_texts DIR [REVISION-2-DIR]\n"
    );
}
