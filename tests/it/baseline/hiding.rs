//! What a baseline hides and what it counts as fixed: its findings pass, a new one is reported,
//! a fixed one is counted, moved or reformatted lines keep it valid, and a narrowed run keeps the
//! entries outside its scope.

use super::*;

#[test]
fn a_baselined_org_passes_and_counts_its_findings_as_baselined() {
    let dir = example_copy();
    write_baseline(dir.path());
    let (code, text) = transcript(dir.path(), &["check", "--baseline", BASELINE]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("baselined_human", text);
    let (code, text) = transcript(
        dir.path(),
        &["check", "--baseline", BASELINE, "--format", "short"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        text,
        "exit: 0\n--- stdout\n0 errors, 0 warnings in 12 files (1 suppressed, 14 baselined)\n--- stderr\n"
    );
}

#[test]
fn adding_a_finding_to_a_baselined_org_reports_only_the_new_one() {
    let dir = example_copy();
    write_baseline(dir.path());
    edit(
        dir.path(),
        "teams/rides.toml",
        r#"syncs_with = ["paymnets", "platform"]"#,
        r#"syncs_with = ["paymnets", "platform", "nowhere"]"#,
    );
    let (code, text) = transcript(
        dir.path(),
        &["check", "--baseline", BASELINE, "--format", "short"],
    );
    assert_eq!(code, 1, "the new finding is an error");
    insta::assert_snapshot!("one_new_short", text);
    let (_, json, _) = run(
        dir.path(),
        &["check", "--baseline", BASELINE, "--format", "json"],
        PLAIN,
    );
    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let rules: Vec<&str> = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().expect("rule"))
        .collect();
    assert_eq!(rules, ["unknown-reference"]);
    assert_eq!(doc["summary"]["baselined"], 14);
    assert_eq!(doc["summary"]["baseline_fixed"], 0);
}

#[test]
fn fixing_a_baselined_finding_counts_it_as_fixed_and_passes() {
    let dir = example_copy();
    write_baseline(dir.path());
    // The lead of Platform joins its members: `lead-not-member`, an error, is fixed.
    edit(
        dir.path(),
        "teams/platform.toml",
        r#"members = ["omar", "yuki", "carla"]"#,
        r#"members = ["lena", "omar", "yuki", "carla"]"#,
    );
    let (code, text) = transcript(
        dir.path(),
        &["check", "--baseline", BASELINE, "--format", "short"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        text,
        "exit: 0\n--- stdout\n0 errors, 0 warnings in 12 files (1 suppressed, 13 baselined, 1 fixed since the baseline)\n--- stderr\n"
    );
    let (code, json, _) = run(
        dir.path(),
        &["check", "--baseline", BASELINE, "--format", "json"],
        PLAIN,
    );
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    insta::assert_json_snapshot!("fixed_json_summary", doc["summary"]);
}

#[test]
fn moving_lines_reordering_and_reformatting_keep_the_baseline_valid() {
    let dir = example_copy();
    write_baseline(dir.path());
    let before = read(dir.path(), BASELINE);
    // Lines move: comments and blank lines on top of every file, spaces around `=` changed.
    for file in [
        "org.toml",
        "guilds.toml",
        "people/product.toml",
        "teams/rides.toml",
        "teams/platform.toml",
        "teams/pricing.toml",
        "teams/applied-ml.toml",
    ] {
        let text = read(dir.path(), file);
        let text = text.replace(" = ", "   =   ").replace("\n[", "\n\n\n[");
        std::fs::write(dir.path().join(file), format!("# moved\n\n\n{text}")).expect("write");
    }
    // Tables reordered: the people of product.toml in reverse order.
    let people = read(dir.path(), "people/product.toml");
    let mut blocks: Vec<&str> = people.split("[[person]]").skip(1).collect();
    blocks.reverse();
    let reversed: String = blocks
        .iter()
        .map(|b| format!("[[person]]{}\n", b.trim_end()))
        .collect();
    std::fs::write(dir.path().join("people/product.toml"), reversed).expect("write");
    let (code, text) = transcript(
        dir.path(),
        &["check", "--baseline", BASELINE, "--format", "short"],
    );
    assert_eq!(
        text,
        "exit: 0\n--- stdout\n0 errors, 0 warnings in 12 files (1 suppressed, 14 baselined)\n--- stderr\n"
    );
    assert_eq!(code, 0);
    // Written again, it is the same bytes: nothing in it depends on lines or order.
    write_baseline(dir.path());
    assert_eq!(read(dir.path(), BASELINE), before);

    // Files reordered: gus moves from people/product.toml to a file of his own.
    let people = read(dir.path(), "people/product.toml");
    let (rest, gus) = people
        .split_once("[[person]]\nid   =   \"gus\"")
        .expect("gus first");
    assert_eq!(rest, "");
    let (gus, others) = gus.split_once("[[person]]").expect("others after gus");
    std::fs::write(
        dir.path().join("people/product.toml"),
        format!("[[person]]{others}"),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("people/a-sales.toml"),
        format!("[[person]]\nid = \"gus\"{gus}"),
    )
    .expect("write");
    let (code, text) = transcript(
        dir.path(),
        &["check", "--baseline", BASELINE, "--format", "short"],
    );
    assert_eq!(
        text,
        "exit: 0\n--- stdout\n0 errors, 0 warnings in 13 files (1 suppressed, 14 baselined)\n--- stderr\n"
    );
    assert_eq!(code, 0);
}

#[test]
fn baselined_findings_do_not_count_for_max_warnings() {
    let dir = example_copy();
    write_baseline(dir.path());
    let (code, _, _) = run(dir.path(), &["check", "--max-warnings", "0"], PLAIN);
    assert_eq!(
        code, 1,
        "without the baseline, 11 warnings and 2 errors fail"
    );
    let args = [
        "check",
        "--baseline",
        BASELINE,
        "--max-warnings",
        "0",
        "--format",
        "short",
    ];
    let (code, _, _) = run(dir.path(), &args, PLAIN);
    assert_eq!(code, 0);
    // One new warning: gus's role goes from one unknown role to another, a new finding.
    edit(
        dir.path(),
        "people/product.toml",
        "account-executive",
        "sales-executive",
    );
    let (code, stdout, _) = run(dir.path(), &args, PLAIN);
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(
        stdout,
        "people/product.toml:28:8: warning[unknown-role] gus's role `sales-executive` is in no role category\n\
         0 errors, 1 warning in 12 files (1 suppressed, 13 baselined, 1 fixed since the baseline)\n"
    );
}

#[test]
fn entries_outside_the_scope_of_select_or_file_arguments_are_not_fixed_and_are_kept() {
    let dir = example_copy();
    write_baseline(dir.path());
    let before = read(dir.path(), BASELINE);
    let short = |args: &[&str]| {
        let mut all = vec!["check", "--baseline", BASELINE, "--format", "short"];
        all.extend_from_slice(args);
        run(dir.path(), &all, PLAIN)
    };
    assert_eq!(
        short(&["--select", "lead-not-member"]),
        (
            0,
            "0 errors, 0 warnings in 12 files (1 baselined)\n".to_owned(),
            String::new()
        )
    );
    assert_eq!(
        short(&["teams/rides.toml"]),
        (
            0,
            "0 errors, 0 warnings in 12 files (4 baselined)\n".to_owned(),
            String::new()
        )
    );
    // Updating on one file keeps every other file's entries as they are.
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "check",
            "teams/rides.toml",
            "--baseline",
            BASELINE,
            "--write-baseline",
            BASELINE,
        ],
        PLAIN,
    );
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "wrote the baseline `.orglint-baseline.json`: 14 entries\n"
        )
    );
    assert_eq!(read(dir.path(), BASELINE), before);
    // Fixed in scope: only the fixed entry of the file named counts.
    edit(
        dir.path(),
        "teams/rides.toml",
        r#"ci_cd = "circleci""#,
        r#"ci_cd = "github-actions""#,
    );
    edit(
        dir.path(),
        "teams/platform.toml",
        r#"members = ["omar", "yuki", "carla"]"#,
        r#"members = ["lena", "omar", "yuki", "carla"]"#,
    );
    assert_eq!(
        short(&["teams/rides.toml"]),
        (
            0,
            "0 errors, 0 warnings in 12 files (3 baselined, 1 fixed since the baseline)\n"
                .to_owned(),
            String::new()
        )
    );
    assert_eq!(
        short(&["--select", "correctness"]),
        (
            0,
            "0 errors, 0 warnings in 12 files (1 baselined, 1 fixed since the baseline)\n"
                .to_owned(),
            String::new()
        )
    );
    // An update selecting one rule drops only that rule's fixed entry.
    run(
        dir.path(),
        &[
            "check",
            "--select",
            "lead-not-member",
            "--baseline",
            BASELINE,
            "--write-baseline",
            BASELINE,
        ],
        PLAIN,
    );
    insta::assert_snapshot!(
        "select_update_diff",
        line_diff(&before, &read(dir.path(), BASELINE))
    );
}

#[test]
fn a_broken_file_does_not_make_the_whole_org_entries_fixed() {
    let dir = example_copy();
    write_baseline(dir.path());
    std::fs::write(dir.path().join("teams/broken.toml"), "[team\n").expect("write");
    let (code, stdout, _) = run(
        dir.path(),
        &["check", "--baseline", BASELINE, "--format", "short"],
        PLAIN,
    );
    assert_eq!(code, 1, "the broken file is a new error");
    // The whole-org rules did not run: their entries are not fixed; the per-file ones still match.
    insta::assert_snapshot!("broken_file", stdout);
}

#[test]
fn an_old_baseline_that_holds_a_broken_file_hides_it_no_more() {
    let dir = example_copy();
    write_baseline(dir.path());
    std::fs::write(dir.path().join("teams/broken.toml"), "[team\n").expect("write");
    let (_, json, _) = run(dir.path(), &["check", "--format", "json"], PLAIN);
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let broken = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["rule"] == "invalid-toml")
        .expect("the broken file's finding")
        .clone();
    // A baseline written as an older orglint wrote it, with the broken file's entry in it.
    let mut doc: serde_json::Value =
        serde_json::from_str(&read(dir.path(), BASELINE)).expect("JSON");
    doc["findings"]
        .as_array_mut()
        .expect("list")
        .push(serde_json::json!({
            "file": "teams/broken.toml",
            "rule": "invalid-toml",
            "fingerprint": broken["fingerprint"],
            "message": broken["message"],
        }));
    std::fs::write(dir.path().join(BASELINE), doc.to_string()).expect("write");
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", "--baseline", BASELINE, "--format", "short"],
        PLAIN,
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.starts_with("teams/broken.toml:1:6: error[invalid-toml]"),
        "{stdout}"
    );
    assert!(
        stderr.contains("1 entry of it is of `invalid-toml`, which no baseline hides"),
        "{stderr}"
    );
    // Rewriting it drops the entry.
    let args = [
        "check",
        "--baseline",
        BASELINE,
        "--write-baseline",
        BASELINE,
    ];
    let (code, _, _) = run(dir.path(), &args, PLAIN);
    assert_eq!(code, 1);
    assert!(!read(dir.path(), BASELINE).contains("invalid-toml"));
}

#[test]
fn an_entry_accepts_one_finding_so_a_repeat_is_new() {
    // Two `[[person]]` tables for the same id that are the same text: two findings of the same
    // rule, entity, text and message, so the same fingerprint.
    let dup = "\n[[person]]\nid = \"ada\"\nname = \"Ada\"\nrole = \"cto\"\n";
    let dir = support::tree(&[("org.toml", format!("{}{dup}", orglint_tiny()))]);
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", "--write-baseline", BASELINE, "--format", "short"],
        PLAIN,
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    let written = read(dir.path(), BASELINE);
    let entries = written.matches("\"fingerprint\"").count();
    std::fs::write(
        dir.path().join("org.toml"),
        format!("{}{dup}{dup}", orglint_tiny()),
    )
    .expect("write");
    let (_, all, _) = run(dir.path(), &["check", "--format", "json"], PLAIN);
    let doc: serde_json::Value = serde_json::from_str(&all).expect("JSON");
    let total = doc["diagnostics"].as_array().expect("diagnostics").len();
    let (_, stdout, _) = run(
        dir.path(),
        &["check", "--baseline", BASELINE, "--format", "json"],
        PLAIN,
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let shown = doc["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(doc["summary"]["baselined"], entries);
    assert_eq!(shown.len(), total - entries, "{stdout}");
    let fps: Vec<&str> = shown
        .iter()
        .map(|d| d["fingerprint"].as_str().unwrap())
        .collect();
    assert!(
        fps.iter().all(|fp| written.contains(fp)),
        "the repeats share fingerprints with baselined findings: {fps:?}"
    );
}

#[test]
fn bare_fingerprints_hide_findings_but_are_never_counted_as_fixed() {
    let dir = example_copy();
    let options = |baseline: orglint::Baseline| {
        let cwd = dir.path().to_path_buf();
        let ws = orglint::workspace(&orglint::CheckOptions {
            cwd: cwd.clone(),
            ..Default::default()
        })
        .expect("workspace");
        let loaded = orglint::load_tree(&ws.tree, &cwd);
        orglint::lint(ws.tree, loaded, &ws.settings, None, &baseline)
    };
    let all = options(orglint::Baseline::default());
    let first = all.findings[0].fingerprint.clone();
    let report = options([first, "0123456789abcdef".to_owned()].into_iter().collect());
    assert_eq!(report.baselined, 1);
    assert_eq!(
        report.baseline_fixed, 0,
        "a bare fingerprint's scope is unknown"
    );
    assert_eq!(report.findings.len(), all.findings.len() - 1);
}
