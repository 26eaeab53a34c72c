//! Writing a baseline: what the file holds and how it is laid out, the same bytes from anywhere,
//! updating one in place, the writes it refuses, and the entries it drops only when told.

use super::*;

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
