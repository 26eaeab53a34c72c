//! What the command line does with the paths it is given: `--output` through a directory link
//! that leaves the tree, `--output -` and `--output /`, file arguments through links inside and
//! out of the tree or dangling, a broken file elsewhere in the tree, and an empty selector.

#![cfg(unix)]

use crate::support;

use std::path::Path;
use std::process::Output;

use crate::support::utf8;

fn orglint(dir: &Path, args: &[&str]) -> Output {
    support::output(dir, args, support::NO_COLOR)
}

const ORG: &str = "[org]\nname = \"Acme\"\nleadership = [\"ann\"]\n\n[[person]]\nid = \"ann\"\nname = \"Ann\"\nrole = \"software-engineer\"\n";

/// Item 4: `reports -> /elsewhere` committed in the tree must not make `--output
/// reports/orglint.json` write outside it; a directory link that stays inside still works.
#[test]
fn output_is_not_written_through_a_directory_link_out_of_the_tree() {
    let tree = support::tree(&[("org.toml", ORG)]);
    let elsewhere = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(elsewhere.path(), tree.path().join("reports")).expect("link");

    let run = orglint(
        tree.path(),
        &[
            "check",
            "--format",
            "json",
            "--output",
            "reports/orglint.json",
        ],
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.starts_with("error: `reports/orglint.json`"),
        "{stderr}"
    );
    assert!(stderr.contains("links outside"), "{stderr}");
    let written: Vec<_> = std::fs::read_dir(elsewhere.path()).expect("list").collect();
    assert!(written.is_empty(), "wrote through the link: {written:?}");

    // A run that may write its report: not refused, and the report is at `file` in the tree.
    let writes = |cwd: &Path, args: &[&str], file: &str| {
        let run = orglint(cwd, args);
        assert_ne!(
            run.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(tree.path().join(file).is_file());
    };
    std::fs::create_dir(tree.path().join("out")).expect("mkdir");
    std::os::unix::fs::symlink("out", tree.path().join("inside")).expect("link");
    writes(
        tree.path(),
        &[
            "check",
            "--format",
            "json",
            "--output",
            "inside/orglint.json",
        ],
        "out/orglint.json",
    );

    // A root named through a link is judged by its own real path: its report may go inside it.
    let cwd = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(tree.path(), cwd.path().join("org")).expect("link");
    writes(
        cwd.path(),
        &[
            "check",
            "org",
            "--format",
            "json",
            "--output",
            "org/out/root.json",
        ],
        "out/root.json",
    );
}

/// Items 19 and 20: a file argument that is a link inside the tree (`r.toml -> teams/rides.toml`),
/// or a path through a directory link, names a file the walk reads under its real path; its
/// findings are reported, not dropped in silence, and no "not checked" warning is given.
#[test]
fn a_file_argument_through_an_in_tree_link_reports_its_findings() {
    let tree = support::tree(&[
        ("org.toml", ORG),
        // Pins the root, so that the directory argument `tl` is not a root of its own.
        ("orglint.toml", ""),
        (
            "teams/t.toml",
            "[team]\nid = \"t\"\nname = \"T\"\nkind = \"feature\"\nlead = \"ann\"\nmembers = [\"ann\", \"ghost\"]\n",
        ),
    ]);
    std::os::unix::fs::symlink("teams/t.toml", tree.path().join("r.toml")).expect("link");
    std::os::unix::fs::symlink("teams", tree.path().join("tl")).expect("link");
    for arg in ["teams/t.toml", "r.toml", "tl/t.toml", "tl"] {
        let run = orglint(tree.path(), &["check", "--format", "short", arg]);
        let stdout = String::from_utf8_lossy(&run.stdout);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            stdout.contains("teams/t.toml:6:19: error[unknown-reference]"),
            "{arg}: {stdout}{stderr}"
        );
        assert_eq!(run.status.code(), Some(1), "{arg}: {stdout}{stderr}");
        assert!(!stderr.contains("not checked"), "{arg}: {stderr}");
    }
}

/// Items 13 and 14: in a hook run, a file elsewhere in the tree that cannot be parsed keeps the
/// whole-org rules from running; it is reported (and fails the run), not hidden with exit 0.
#[test]
fn a_broken_file_elsewhere_fails_a_file_argument_run() {
    let tree = support::tree(&[("org.toml", ORG), ("broken.toml", "x = \n")]);
    let run = orglint(tree.path(), &["check", "--format", "short", "org.toml"]);
    let stdout = utf8(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.starts_with("broken.toml:1:5: error[invalid-toml] "),
        "{stdout}"
    );
}

/// Item 2: `--output -` is standard output, not a file named `-`; `--output /` is named.
#[test]
fn output_dash_is_standard_output_and_the_root_directory_is_named() {
    let tree = support::tree(&[("org.toml", ORG)]);
    let run = orglint(
        tree.path(),
        &["check", "--format", "short", "--output", "-"],
    );
    assert_eq!(run.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&run.stdout).contains("0 errors"));
    assert!(!tree.path().join("-").exists());
    let run = orglint(tree.path(), &["check", "--output", "/"]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        "error: `/` is a directory\n"
    );
}

/// Item 15: a `--select` or `--ignore` that names nothing is a usage error, not "every rule".
#[test]
fn an_empty_selector_is_a_usage_error() {
    let tree = support::tree(&[("org.toml", ORG)]);
    for args in [
        &["check", "--select", ""][..],
        &["check", "--select=,"],
        &["check", "--ignore", " , "],
    ] {
        let run = orglint(tree.path(), args);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("names no rule or category"), "{stderr}");
    }
}

/// Second review: a file argument behind a directory link that leaves the tree is named on
/// stderr as not checked, instead of "0 errors" in silence.
#[test]
fn a_file_argument_behind_a_link_out_of_the_tree_is_named() {
    let tree = support::tree(&[("org.toml", ORG)]);
    let elsewhere = support::tree(&[("a.toml", "[[person]]\nid = \"x\"\n")]);
    std::os::unix::fs::symlink(elsewhere.path(), tree.path().join("lk")).expect("link");
    let run = orglint(tree.path(), &["check", "--format", "short", "lk/a.toml"]);
    let stderr = utf8(&run.stderr);
    assert!(
        stderr.contains("warning: `lk/a.toml` was not checked: it points outside the org tree"),
        "{stderr}"
    );
}

/// Second review: a dangling link named as a file argument is a finding, as it is in the whole
/// tree, not a tool error; a PATH that is not there is named with its bytes escaped.
#[test]
fn a_dangling_link_argument_is_a_finding_and_missing_names_are_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let tree = support::tree(&[("org.toml", ORG)]);
    std::os::unix::fs::symlink("/nonexistent/x", tree.path().join("dang.toml")).expect("link");
    let run = orglint(tree.path(), &["check", "--format", "short", "dang.toml"]);
    let stdout = utf8(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.starts_with("dang.toml:1:1: error[invalid-toml] "),
        "{stdout}"
    );
    let missing = std::ffi::OsStr::from_bytes(b"no\xff.toml");
    let run = support::command(tree.path(), &["check"], support::NO_COLOR)
        .arg(missing)
        .output()
        .expect("run orglint");
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(utf8(&run.stderr), "error: `no\\xff.toml` does not exist\n");
}
