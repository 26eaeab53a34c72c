//! The binary end to end: formats, exit codes, configuration mistakes, pre-commit mode and hostile input.

use crate::support::{repo, transcript as run, tree};

const CLEAN_ORG: &[u8] = concat!(
    crate::tiny_org!(),
    r#"
[[person]]
id = "bo"
name = "Bo"
role = "software-engineer"
reports_to = "ada"

[[team]]
id = "core"
name = "Core"
kind = "platform"
lead = "ada"
members = ["ada", "bo"]
"#
)
.as_bytes();

#[test]
fn example_org_human() {
    let (code, text) = run(&repo(), &["check", "fixtures/example-org"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn example_org_short() {
    let (code, text) = run(
        &repo(),
        &["check", "fixtures/example-org", "--format", "short"],
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn example_org_json() {
    let (code, text) = run(
        &repo(),
        &["check", "fixtures/example-org", "--format", "json"],
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn example_org_statistics() {
    let (_, text) = run(&repo(), &["check", "fixtures/example-org", "--statistics"]);
    insta::assert_snapshot!(text);
}

#[test]
fn output_is_byte_for_byte_stable() {
    let first = run(
        &repo(),
        &["check", "fixtures/example-org", "--format", "json"],
    );
    for _ in 0..3 {
        assert_eq!(
            run(
                &repo(),
                &["check", "fixtures/example-org", "--format", "json"]
            ),
            first
        );
    }
}

#[test]
fn output_flag_writes_the_report_to_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report.json");
    let (code, text) = run(
        &repo(),
        &[
            "check",
            "fixtures/example-org",
            "--format",
            "json",
            "--output",
            out.to_str().expect("utf-8 path"),
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(text, "exit: 1\n--- stdout\n--- stderr\n");
    let (_, stdout) = run(
        &repo(),
        &["check", "fixtures/example-org", "--format", "json"],
    );
    let written = std::fs::read_to_string(out).expect("report written");
    assert!(
        stdout.contains(&written),
        "the file holds the same report as stdout"
    );
}

#[test]
fn clean_org_exits_zero() {
    let dir = tree(&[("org.toml", CLEAN_ORG)]);
    let (code, text) = run(dir.path(), &["check"]);
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn warnings_pass_unless_max_warnings_is_exceeded() {
    let org = String::from_utf8_lossy(CLEAN_ORG).replace("lead = \"ada\"\n", "");
    let dir = tree(&[("org.toml", org.as_bytes())]);
    let (code, text) = run(dir.path(), &["check", "--format", "short"]);
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!(text);
    assert_eq!(run(dir.path(), &["check", "--max-warnings", "1"]).0, 0);
    assert_eq!(run(dir.path(), &["check", "--max-warnings", "0"]).0, 1);
}

#[test]
fn select_and_ignore_take_rules_and_categories() {
    let (code, text) = run(
        &repo(),
        &[
            "check",
            "fixtures/example-org",
            "--format",
            "short",
            "--select",
            "ml-decentralized,lead-not-member",
            "--ignore",
            "team-silo",
        ],
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn unknown_selector_is_a_usage_error() {
    let (code, text) = run(
        &repo(),
        &["check", "fixtures/example-org", "--select", "lone-ml-hir"],
    );
    assert_eq!(code, 2);
    insta::assert_snapshot!(text);
}

#[test]
fn config_typo_points_into_orglint_toml() {
    let dir = tree(&[
        ("org.toml", CLEAN_ORG),
        (
            "orglint.toml",
            b"[rules]\nteam-sise = \"off\"\nspan-of-control = { levle = \"warn\", max = 0 }\nlone-ml-hire = \"eror\"\n\n[role]\nml = []\n",
        ),
    ]);
    let (code, text) = run(dir.path(), &["check"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(text);
}

#[test]
fn config_flag_names_another_file() {
    let dir = tree(&[
        ("org.toml", CLEAN_ORG),
        ("ci/lint.toml", b"[rules]\nteam-size = { min = 3 }\n"),
    ]);
    let (code, text) = run(
        dir.path(),
        &["check", "--config", "ci/lint.toml", "--format", "short"],
    );
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!(text);
    let (code, text) = run(dir.path(), &["check", "--config", "nope.toml"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("config_flag_missing_file", text);
}

#[test]
fn empty_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, text) = run(dir.path(), &["check"]);
    insta::assert_snapshot!(text);
    assert_eq!(code, 2, "a run that checks nothing is no pass");
}

#[test]
fn missing_path_is_an_io_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, text) = run(dir.path(), &["check", "no/such/dir"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(text);
}

#[test]
fn bad_arguments_are_usage_errors() {
    let (code, _) = run(&repo(), &["check", "--format", "yaml"]);
    assert_eq!(code, 2);
    let (code, _) = run(&repo(), &["frobnicate"]);
    assert_eq!(code, 2);
}

#[test]
fn help_lists_the_commands() {
    let (code, text) = run(&repo(), &["--help"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(text);
    let (code, text) = run(&repo(), &["check", "--help"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("check_help", text);
}

#[test]
fn rules_lists_every_rule() {
    let (code, text) = run(&repo(), &["rules"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(text);
    let (code, json) = run(&repo(), &["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let body = json
        .split("--- stdout\n")
        .nth(1)
        .and_then(|s| s.split("--- stderr\n").next())
        .expect("stdout");
    let parsed: serde_json::Value = serde_json::from_str(body).expect("valid JSON");
    assert_eq!(
        parsed.as_array().map(Vec::len),
        Some(orglint::rules::RULES.len())
    );
}

#[test]
fn explain_prints_the_page_or_suggests_a_rule() {
    let (code, text) = run(&repo(), &["explain", "lone-ml-hire"]);
    assert_eq!(code, 0);
    let page = std::fs::read_to_string(repo().join("lints/lone-ml-hire.md")).expect("page");
    assert_eq!(text, format!("exit: 0\n--- stdout\n{page}--- stderr\n"));
    let (code, text) = run(&repo(), &["explain", "lone-ml-hir"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(text);
}

#[test]
fn file_arguments_report_only_those_files() {
    let (code, text) = run(
        &repo(),
        &[
            "check",
            "fixtures/example-org/teams/rides.toml",
            "fixtures/example-org/people/product.toml",
            "--format",
            "short",
        ],
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}
