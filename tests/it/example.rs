//! `examples/lint_texts.rs`, the in-memory front end a language server or a pull-request bot
//! would write: it reports what `orglint check` reports, entity by entity, with the text each fix
//! leaves, and diffs two revisions by fingerprint.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{lint_dir, repo};

// The example's own code, run in process (`main` is the binary's).
#[allow(dead_code)]
#[path = "../../examples/lint_texts.rs"]
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
    support::copy_dir(&example_org(), &after);
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

/// Whether taplo runs: a panic in CI if not, else a note that `test` was skipped.
fn taplo_or_skip(test: &str) -> bool {
    support::tool_or_skip("taplo", "python3 -m pip install taplo", test)
}

/// `taplo check` run in `dir` (its own configuration found as an editor finds it): whether it
/// passed, and what it said.
fn taplo_check_in(dir: &Path) -> (bool, String) {
    let out = Command::new("taplo")
        .args(["check", "--colors", "never"])
        .current_dir(dir)
        .output()
        .expect("run taplo");
    let said = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    (out.status.success(), said.into_owned())
}

/// A fresh copy of the example org with `orglint schema > orglint.schema.json` at its top.
fn org_with_schema(dir: &Path) -> PathBuf {
    let org = dir.join("org");
    support::copy_dir(&example_org(), &org);
    let schema = Command::new(env!("CARGO_BIN_EXE_orglint"))
        .arg("schema")
        .output()
        .expect("orglint schema");
    std::fs::write(org.join("orglint.schema.json"), schema.stdout).expect("write");
    org
}

/// Misspells `name` in teams/platform.toml.
fn misspell_a_key(org: &Path) {
    let file = org.join("teams/platform.toml");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("\nname = ", "\nnmae = ")).expect("write");
}

#[test]
fn the_readmes_taplo_toml_works_as_written() {
    if !taplo_or_skip("the_readmes_taplo_toml_works_as_written") {
        return;
    }
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    let block = readme
        .split("```toml\n")
        .find(|b| b.starts_with("# .taplo.toml"))
        .and_then(|b| b.split("```").next())
        .expect("README shows a .taplo.toml");
    let exclude = readme
        .split("```toml\n")
        .find(|b| b.starts_with("[files]\nexclude = [\".taplo.toml\"]"))
        .and_then(|b| b.split("```").next())
        .expect("README excludes .taplo.toml from orglint's tree");
    let dir = tempfile::tempdir().expect("temp dir");
    let org = org_with_schema(dir.path());
    std::fs::write(org.join(".taplo.toml"), block).expect("write");
    let (passed, said) = taplo_check_in(&org);
    assert!(passed, "{said}");
    // orglint does not read `.taplo.toml` as an entity file once README's exclusion is in.
    let config = org.join("orglint.toml");
    let mut text = std::fs::read_to_string(&config).expect("read");
    text.push_str(&format!("\n{exclude}"));
    std::fs::write(&config, text).expect("write");
    let said = |r: &orglint::Report| -> Vec<(&str, String)> {
        let f = r.findings.iter();
        f.map(|f| (f.rule.name, f.message.clone())).collect()
    };
    let copy = lint_dir(&org);
    assert_eq!(
        said(&copy),
        said(&lint_dir(Path::new("fixtures/example-org")))
    );
    assert_eq!(copy.files, 12);
    misspell_a_key(&org);
    let (passed, said) = taplo_check_in(&org);
    assert!(!passed);
    assert!(said.contains("('nmae' was unexpected)"), "{said}");
}

#[test]
fn the_readmes_schema_directive_works_relative_to_each_file() {
    if !taplo_or_skip("the_readmes_schema_directive_works_relative_to_each_file") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let org = org_with_schema(dir.path());
    let mut todo = vec![(org.clone(), "./".to_owned())];
    while let Some((d, up)) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                todo.push((path, format!("{up}../").replace("./../", "../")));
            } else if path.extension().is_some_and(|e| e == "toml")
                && !path.ends_with("orglint.toml")
            {
                // As README says: `./orglint.schema.json` at the top, `../` a level down.
                let text = std::fs::read_to_string(&path).expect("read");
                let text = format!("#:schema {up}orglint.schema.json\n{text}");
                std::fs::write(&path, text).expect("write");
            }
        }
    }
    let rides = std::fs::read_to_string(org.join("teams/rides.toml")).expect("read");
    assert!(
        rides.starts_with("#:schema ../orglint.schema.json\n"),
        "{rides}"
    );
    // From the top and from a subdirectory alike.
    for at in [org.clone(), org.join("teams")] {
        let (passed, said) = taplo_check_in(&at);
        assert!(passed, "{}: {said}", at.display());
    }
    misspell_a_key(&org);
    let (passed, said) = taplo_check_in(&org.join("teams"));
    assert!(
        !passed && said.contains("('nmae' was unexpected)"),
        "{said}"
    );
    // orglint reads the directive as the comment it is.
    let disk = lint_dir(&org);
    assert!(disk.findings.iter().any(|f| f.rule.name == "unknown-field"));
}
