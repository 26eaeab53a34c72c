//! Baselines end to end (SPEC §7): `--write-baseline` records the findings, `--baseline` hides
//! them, counts the fixed ones, warns about another org's baseline, and fails on a malformed one;
//! all on temporary copies of the example org.

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

#[test]
fn the_written_baseline_is_readable_sorted_and_has_no_lines() {
    let dir = example_copy();
    let (code, text) = transcript(dir.path(), &["check", "--write-baseline", BASELINE]);
    assert_eq!(code, 0, "a write run accepts every finding: {text}");
    insta::assert_snapshot!("write_run", text);
    let written = read(dir.path(), BASELINE);
    insta::assert_snapshot!("example_baseline", written);
    let doc: serde_json::Value = serde_json::from_str(&written).expect("JSON");
    let entries = doc["findings"].as_array().expect("findings");
    let keys: Vec<(String, String, String)> = entries
        .iter()
        .map(|e| {
            let field = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (field("file"), field("rule"), field("fingerprint"))
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    for e in entries {
        let mut fields: Vec<&str> = e
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        assert_eq!(fields, ["file", "fingerprint", "message", "rule"]);
    }
}

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
fn writing_twice_gives_the_same_bytes_from_any_working_directory() {
    let dir = example_copy();
    write_baseline(dir.path());
    let first = std::fs::read(dir.path().join(BASELINE)).expect("read");
    write_baseline(dir.path());
    assert_eq!(
        std::fs::read(dir.path().join(BASELINE)).expect("read"),
        first
    );
    // From the parent directory, naming the org: the files are still relative to the org root.
    let parent = dir.path().parent().expect("parent");
    let name = dir
        .path()
        .file_name()
        .expect("name")
        .to_str()
        .expect("UTF-8");
    let target = format!("{name}/{BASELINE}");
    std::fs::remove_file(dir.path().join(BASELINE)).expect("remove");
    let (code, _, stderr) = run(parent, &["check", name, "--write-baseline", &target], PLAIN);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read(dir.path().join(BASELINE)).expect("read"),
        first
    );
    // And a baseline written there hides the same findings when the run starts in the org.
    let (code, stdout, _) = run(
        dir.path(),
        &["check", "--baseline", BASELINE, "--format", "short"],
        PLAIN,
    );
    assert_eq!(code, 0);
    assert!(
        stdout.ends_with("(1 suppressed, 14 baselined)\n"),
        "{stdout}"
    );
}

#[test]
fn the_same_file_as_baseline_and_write_baseline_is_updated_and_drops_fixed_entries() {
    let dir = example_copy();
    write_baseline(dir.path());
    let before = read(dir.path(), BASELINE);
    edit(
        dir.path(),
        "teams/platform.toml",
        r#"members = ["omar", "yuki", "carla"]"#,
        r#"members = ["lena", "omar", "yuki", "carla"]"#,
    );
    edit(
        dir.path(),
        "teams/rides.toml",
        r#"syncs_with = ["paymnets", "platform"]"#,
        r#"syncs_with = ["paymnets", "platform", "nowhere"]"#,
    );
    let (code, text) = transcript(
        dir.path(),
        &[
            "check",
            "--baseline",
            BASELINE,
            "--write-baseline",
            BASELINE,
            "--format",
            "short",
        ],
    );
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        text,
        "exit: 0\n--- stdout\n0 errors, 0 warnings in 12 files (1 suppressed, 14 baselined, 1 fixed since the baseline)\n--- stderr\nwrote the baseline `.orglint-baseline.json`: 14 entries (1 fixed entry dropped)\n"
    );
    let after = read(dir.path(), BASELINE);
    let diff = line_diff(&before, &after);
    insta::assert_snapshot!("update_diff", diff);
    // The updated baseline accepts the current findings, and none is fixed any more.
    let (code, stdout, _) = run(
        dir.path(),
        &["check", "--baseline", BASELINE, "--format", "short"],
        PLAIN,
    );
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "0 errors, 0 warnings in 12 files (1 suppressed, 14 baselined)\n"
        )
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

/// Findings a pull request adds next to a broken file, which the whole-org rules would find: a
/// reporting cycle, an unknown reference, a lead who is not a member.
const MORE_MISTAKES: &str = "[[person]]\nid = \"cy1\"\nname = \"C1\"\nrole = \"sre\"\nreports_to = \"cy2\"\n\n\
     [[person]]\nid = \"cy2\"\nname = \"C2\"\nrole = \"sre\"\nreports_to = \"cy1\"\n\n\
     [[team]]\nid = \"pr\"\nname = \"PR\"\nkind = \"platform\"\nlead = \"cy1\"\nmembers = [\"cy2\", \"ghost\"]\n";

#[test]
fn a_broken_file_is_never_baselined() {
    let dir = example_copy();
    std::fs::write(dir.path().join("teams/broken.toml"), "[team\n").expect("write");
    let (code, stdout, stderr) = run(dir.path(), &["check", "--write-baseline", BASELINE], PLAIN);
    assert_eq!(
        code, 1,
        "the broken file fails the run that writes the baseline: {stdout}"
    );
    assert!(
        stderr.contains("1 finding of files that cannot be read or parsed is not in it"),
        "{stderr}"
    );
    let written = read(dir.path(), BASELINE);
    assert!(
        !written.contains("invalid-toml") && !written.contains("broken.toml"),
        "{written}"
    );
    // From then on, the broken file and whatever the pull request adds beside it fail the gate.
    std::fs::write(dir.path().join("people/pr.toml"), MORE_MISTAKES).expect("write");
    let (code, stdout, _) = run(
        dir.path(),
        &["check", "--baseline", BASELINE, "--format", "github"],
        PLAIN,
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("title=orglint (invalid-toml)"), "{stdout}");
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
fn output_onto_the_baseline_read_is_refused_and_writes_nothing() {
    let dir = example_copy();
    write_baseline(dir.path());
    let before = read(dir.path(), BASELINE);
    std::fs::hard_link(dir.path().join(BASELINE), dir.path().join("alias.json")).expect("link");
    for output in [BASELINE, "./.orglint-baseline.json", "alias.json"] {
        let args = [
            "check",
            "--baseline",
            BASELINE,
            "--format",
            "json",
            "--output",
            output,
        ];
        let (code, stdout, stderr) = run(dir.path(), &args, PLAIN);
        assert_eq!(
            (code, stderr.as_str()),
            (
                2,
                "error: `--output` names the baseline `.orglint-baseline.json` that this run \
                 reads; write the report elsewhere\n"
            ),
            "{output}: {stdout}"
        );
        assert_eq!(read(dir.path(), BASELINE), before, "{output}");
    }
}

#[test]
fn a_baseline_of_another_org_gives_a_warning() {
    let dir = example_copy();
    write_baseline(dir.path());
    let text = read(dir.path(), BASELINE);
    let write =
        |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    let stderr_of = |name: &str| {
        let (_, _, stderr) = run(
            dir.path(),
            &["check", "--baseline", name, "--format", "short"],
            PLAIN,
        );
        stderr
    };
    // Another `[org]` name.
    write(
        "other-name.json",
        &text.replace("\"Northwind Mobility\"", "\"Acme <script>\\u202e\""),
    );
    assert_eq!(
        stderr_of("other-name.json"),
        "warning: the baseline `other-name.json`: it was written for the org `Acme <script>\\u{202e}`, not for `Northwind Mobility`: is it another org's baseline?\n"
    );
    // None of its files is in the tree.
    let elsewhere = text
        .replace("\"file\": \"", "\"file\": \"elsewhere/")
        .replace("\"fingerprint\": \"", "\"fingerprint\": \"0");
    let elsewhere = elsewhere.replace("\"org\": \"Northwind Mobility\"", "\"org\": null");
    let elsewhere = cut_fingerprints(&elsewhere);
    write("elsewhere.json", &elsewhere);
    assert_eq!(
        stderr_of("elsewhere.json"),
        "warning: the baseline `elsewhere.json`: none of the 6 files it names is in this tree: is it another org's baseline?\n"
    );
    // Its files are here, but no fingerprint matches.
    let nothing = cut_fingerprints(&text.replace("\"fingerprint\": \"", "\"fingerprint\": \"0"));
    write("nothing.json", &nothing);
    assert_eq!(
        stderr_of("nothing.json"),
        "warning: the baseline `nothing.json`: none of its 14 entries in this run's scope matches any of the run's 14 findings: is it another org's baseline, or from before the findings changed?\n"
    );
    // Rules this orglint does not have.
    write(
        "renamed.json",
        &text.replace(
            "\"rule\": \"lead-not-member\"",
            "\"rule\": \"lead-not-a-member\"",
        ),
    );
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", "--baseline", "renamed.json", "--format", "short"],
        PLAIN,
    );
    assert_eq!(code, 0, "the fingerprint still matches: {stdout}");
    assert_eq!(
        stderr,
        "warning: the baseline `renamed.json`: 1 entry of it name rules this orglint does not have (`lead-not-a-member`); they match nothing: rewrite it with `--write-baseline`\n"
    );
    // Its own baseline: no warning.
    assert_eq!(stderr_of(BASELINE), "");
}

/// `text` with each fingerprint (after the `0` put in front) cut back to 16 digits.
fn cut_fingerprints(text: &str) -> String {
    text.lines()
        .map(|l| match l.split_once("\"fingerprint\": \"") {
            Some((head, rest)) => format!("{head}\"fingerprint\": \"{}\",\n", &rest[..16]),
            None => format!("{l}\n"),
        })
        .collect()
}

#[test]
fn a_malformed_or_unreadable_baseline_is_an_error_that_says_where() {
    let dir = example_copy();
    write_baseline(dir.path());
    let text = read(dir.path(), BASELINE);
    let cases: &[(&str, String)] = &[
        (
            "not-json.json",
            "{\n  \"version\": 1,\n  oops\n}\n".to_owned(),
        ),
        (
            "version.json",
            text.replace("\"version\": 1", "\"version\": 2"),
        ),
        ("no-version.json", "{\"findings\": []}\n".to_owned()),
        (
            "bad-fingerprint.json",
            text.replacen("\"fingerprint\": \"", "\"fingerprint\": \"x", 1),
        ),
        (
            "unknown-key.json",
            text.replacen("\"rule\":", "\"rules\":", 1),
        ),
        (
            "other-tool.json",
            text.replace("\"tool\": \"orglint\"", "\"tool\": \"ruff\""),
        ),
        ("empty.json", String::new()),
    ];
    let mut all = String::new();
    for (name, text) in cases {
        std::fs::write(dir.path().join(name), text).expect("write");
        let (code, out) = transcript(
            dir.path(),
            &["check", "--baseline", name, "--format", "short"],
        );
        assert_eq!(code, 2, "{out}");
        all.push_str(&format!("== {name}\n{out}"));
    }
    // A JSON report is not a baseline.
    let (_, report, _) = run(dir.path(), &["check", "--format", "json"], PLAIN);
    std::fs::write(dir.path().join("report.json"), report).expect("write");
    for name in ["report.json", "missing.json", "teams"] {
        let (code, out) = transcript(dir.path(), &["check", "--baseline", name]);
        assert_eq!(code, 2, "{out}");
        all.push_str(&format!("== {name}\n{out}"));
    }
    insta::assert_snapshot!("malformed", all);
}

#[test]
fn write_baseline_refuses_inputs_entity_names_and_the_report_file() {
    let dir = example_copy();
    let mut all = String::new();
    for args in [
        &["check", "--write-baseline", "teams/rides.toml"][..],
        &["check", "--write-baseline", "baseline.toml"],
        &["check", "--write-baseline", "orglint.toml"],
        &["check", "--write-baseline", "b.json", "--output", "b.json"],
        &["check", "--write-baseline", "-"],
    ] {
        let (code, out) = transcript(dir.path(), args);
        assert_eq!(code, 2, "{out}");
        all.push_str(&format!("== {}\n{out}", args.join(" ")));
    }
    insta::assert_snapshot!("refused", all);
    assert!(!dir.path().join("baseline.toml").exists());
    assert!(!dir.path().join("b.json").exists());
}

#[test]
fn a_baseline_in_the_tree_is_not_an_entity_file() {
    let dir = example_copy();
    std::fs::create_dir(dir.path().join("ci")).expect("mkdir");
    let (code, _, stderr) = run(
        dir.path(),
        &["check", "--write-baseline", "ci/baseline.json"],
        PLAIN,
    );
    assert_eq!(
        (code, stderr.as_str()),
        (0, "wrote the baseline `ci/baseline.json`: 14 entries\n")
    );
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "check",
            "--baseline",
            "ci/baseline.json",
            "--format",
            "short",
        ],
        PLAIN,
    );
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "0 errors, 0 warnings in 12 files (1 suppressed, 14 baselined)\n"
        )
    );
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

fn orglint_tiny() -> &'static str {
    crate::tiny_org!()
}

#[test]
fn hostile_names_are_escaped_in_the_baseline_and_read_back_as_they_were() {
    let hostile = "<script>\"`|[x](y)% \u{202e}\u{7}";
    let org = format!(
        "[org]\nname = {}\nleadership = [\"ada\"]\n\n[[person]]\nid = \"ada\"\nname = \"Ada\"\nrole = \"cto\"\n\n\
         [[team]]\nid = \"core\"\nname = {}\nkind = \"platform\"\nlead = \"ada\"\nmembers = []\n",
        toml_string(hostile),
        toml_string(&format!("{hostile}\nline two"))
    );
    let dir = support::tree(&[("org.toml", org)]);
    let (code, _, stderr) = run(dir.path(), &["check", "--write-baseline", BASELINE], PLAIN);
    assert_eq!(code, 0, "{stderr}");
    let text = read(dir.path(), BASELINE);
    // Nothing in the file can drive a terminal (`cat` it) or break its JSON.
    assert!(
        !text
            .chars()
            .any(|c| c != '\n' && orglint::render::is_unsafe(c)),
        "{text}"
    );
    assert!(text.contains("\\u202e") && text.contains("\\n"), "{text}");
    let baseline = orglint::Baseline::parse(&text, BASELINE).expect("parse");
    assert_eq!(baseline.org(), Some(hostile));
    // The messages read back are the report's, to the byte.
    let (_, json, _) = run(dir.path(), &["check", "--format", "json"], PLAIN);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let mut messages: Vec<&str> = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["message"].as_str().expect("message"))
        .collect();
    messages.sort_unstable();
    let mut read_back: Vec<&str> = baseline
        .entries()
        .iter()
        .map(|e| e.message.as_str())
        .collect();
    read_back.sort_unstable();
    assert_eq!(read_back, messages);
    assert!(
        messages.iter().any(|m| m.contains('\u{202e}')),
        "{messages:?}"
    );
    // Written again from what it read, it is the same bytes.
    assert_eq!(baseline.to_json(), text);
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

#[test]
fn the_baseline_records_every_finding_past_the_per_file_cap() {
    // 150 people with roles in no category: past the 100 shown per file and rule.
    let mut people = String::from(crate::tiny_org!());
    for i in 0..150 {
        people.push_str(&format!(
            "\n[[person]]\nid = \"p{i}\"\nname = \"P {i}\"\nrole = \"juggler-{i}\"\nreports_to = \"ada\"\n"
        ));
    }
    let args = ["check", "--select", "unknown-role", "--format", "short"];
    let dir = support::tree(&[("org.toml", people.as_str())]);
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "check",
            "--select",
            "unknown-role",
            "--write-baseline",
            BASELINE,
        ],
        PLAIN,
    );
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "wrote the baseline `.orglint-baseline.json`: 150 entries\n"
        )
    );
    let mut with_baseline = args.to_vec();
    with_baseline.extend(["--baseline", BASELINE]);
    let (code, stdout, _) = run(dir.path(), &with_baseline, PLAIN);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "0 errors, 0 warnings in 1 file (150 baselined)\n")
    );
    // One more person past the cap: only that one is new.
    people.push_str(
        "\n[[person]]\nid = \"q\"\nname = \"Q\"\nrole = \"clown\"\nreports_to = \"ada\"\n",
    );
    std::fs::write(dir.path().join("org.toml"), &people).expect("write");
    let (code, stdout, _) = run(dir.path(), &with_baseline, PLAIN);
    assert_eq!(code, 0, "a warning alone does not fail");
    assert_eq!(
        stdout,
        "org.toml:913:8: warning[unknown-role] q's role `clown` is in no role category\n\
         0 errors, 1 warning in 1 file (150 baselined)\n"
    );
}

#[test]
fn replacing_a_baseline_from_a_narrowed_run_says_what_was_lost() {
    let dir = example_copy();
    write_baseline(dir.path());
    let before = read(dir.path(), BASELINE);
    let (code, _, stderr) = run(
        dir.path(),
        &["check", "teams/rides.toml", "--write-baseline", BASELINE],
        PLAIN,
    );
    assert_eq!(code, 0);
    assert!(
        stderr.contains(
            "warning: `.orglint-baseline.json` was replaced by the findings of this run alone"
        ),
        "{stderr}"
    );
    assert_ne!(read(dir.path(), BASELINE), before, "the file was replaced");
    // A whole run, or an update through `--baseline`, has nothing to warn about.
    write_baseline(dir.path());
    let (_, _, stderr) = run(
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
    assert!(!stderr.contains("warning"), "{stderr}");
    let (_, _, stderr) = run(dir.path(), &["check", "--write-baseline", BASELINE], PLAIN);
    assert!(!stderr.contains("warning"), "{stderr}");
}

/// Second review: an entity's name counts in its findings' fingerprints only up to a bound, so a
/// name of megabytes is not hashed again for every finding in the entity (2,000 findings in a
/// 4 MB `[org]` took 10 s). Two names that differ only past the bound give the same prints.
#[test]
fn a_huge_entity_name_is_hashed_only_in_part() {
    let prints = |last: char| {
        let name = format!("{}{last}", "N".repeat(100_000));
        let refs: Vec<String> = (0..50).map(|i| format!("\"u{i}\"")).collect();
        let org = format!(
            "[org]\nname = \"{name}\"\nleadership = [{}]\n",
            refs.join(", ")
        );
        let report = support::lint_snippet(&org);
        let prints: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.rule == "unknown-reference")
            .map(|f| f.fingerprint.clone())
            .collect();
        assert_eq!(prints.len(), 50);
        prints
    };
    assert_eq!(prints('x'), prints('y'));
}
