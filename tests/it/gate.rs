//! The binary as a gate, end to end: `--output` that cannot destroy an input, the pre-commit hook,
//! root discovery and scope with file arguments, `--select`/`--ignore`, and tool errors.

use crate::support;

use std::path::Path;

use crate::support::{repo, transcript as run, tree};

/// Runs `orglint args...` in `cwd` without colour: the exit code, stdout and stderr.
fn orglint(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    support::run(cwd, args, support::PLAIN)
}

/// The text of `path` in `dir`.
fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).expect("read")
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const ORG: &str = concat!(
    crate::tiny_org!(),
    r#"
[[person]]
id = "bo"
name = "Bo"
role = "software-engineer"
reports_to = "ada"
"#
);

/// A team with no lead: one `team-without-lead` warning.
const TEAM: &str = r#"[[team]]
id = "core"
name = "Core"
kind = "platform"
members = ["ada", "bo"]
"#;

/// A team naming a person nobody defines: one `unknown-reference` error.
const BAD_TEAM: &str = r#"[[team]]
id = "ml"
name = "ML"
kind = "platform"
lead = "ada"
members = ["ada", "ghost"]
"#;

fn example_org() -> std::path::PathBuf {
    repo().join("fixtures/example-org")
}

// Item 2: `--output` never overwrites an input.

#[test]
fn output_refuses_an_entity_file_of_the_run() {
    let dir = tree(&[("org.toml", ORG), ("teams/core.toml", TEAM)]);
    let (code, text) = run(
        dir.path(),
        &["check", "--format", "short", "--output", "teams/core.toml"],
    );
    assert_eq!(code, 2, "{text}");
    insta::assert_snapshot!(text);
    let kept = read(dir.path(), "teams/core.toml");
    assert_eq!(kept, TEAM, "the input is untouched");
    // Named another way (`./x/../`), it is still the same file.
    let (code, _) = run(
        dir.path(),
        &["check", "--output", "./teams/../teams/core.toml"],
    );
    assert_eq!(code, 2);
    assert_eq!(read(dir.path(), "teams/core.toml"), TEAM);
}

#[test]
fn fix_with_output_onto_an_entity_file_writes_nothing() {
    // `core` has no lead; a team whose lead is not a member has a safe fix.
    let team = TEAM.replace(
        "members = [\"ada\", \"bo\"]",
        "lead = \"ada\"\nmembers = [\"bo\"]",
    );
    let dir = tree(&[("org.toml", ORG), ("teams/core.toml", team.as_str())]);
    for (output, why) in [
        ("teams/core.toml", "`teams/core.toml` is an entity file"),
        ("org.toml", "`org.toml` is an entity file"),
        (
            "nodir/r.json",
            "cannot write the report `nodir/r.json`: `nodir` does not exist",
        ),
        (
            "org.toml/r.json",
            "cannot write the report `org.toml/r.json`: `org.toml` is not a",
        ),
    ] {
        let (code, stdout, stderr) = orglint(dir.path(), &["check", "--fix", "--output", output]);
        assert_eq!(code, 2, "{stdout}{stderr}");
        assert!(stderr.starts_with(&format!("error: {why}")), "{stderr}");
        assert_eq!(read(dir.path(), "teams/core.toml"), team, "nothing fixed");
        assert_eq!(read(dir.path(), "org.toml"), ORG);
    }
    // The same run with a report file it may write fixes the team.
    let (code, _, stderr) = orglint(dir.path(), &["check", "--fix", "--output", "report.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(read(dir.path(), "teams/core.toml").contains("members = [\"bo\", \"ada\"]"));
}

#[test]
fn a_run_that_checks_no_file_fails_unless_the_tree_may_be_empty() {
    // An empty folder: a wrong path, most likely.
    let dir = tree::<&str>(&[]);
    let (code, stdout, stderr) = orglint(dir.path(), &["check"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: no entity file was checked: there is no `*.toml` file under `.` (hidden \
         directories, `target/` and `node_modules/` are not walked); to allow a tree with none, \
         write an `orglint.toml` at `.` with `allow_empty = true` under `[files]`\n"
    );
    // A configuration that turns off the one rule an empty tree breaks and excludes every file.
    let config = "[files]\nexclude = [\"**\"]\n\n[rules]\nmissing-org = \"off\"\n";
    let dir = tree(&[
        ("orglint.toml", config),
        ("org.toml", ORG),
        ("teams/core.toml", TEAM),
    ]);
    for format in ["human", "json", "github"] {
        let (code, stdout, stderr) = orglint(dir.path(), &["check", "--format", format]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{format}");
        assert_eq!(
            stderr,
            "error: no entity file was checked: `[files].exclude` in orglint.toml excludes all 2 \
             `*.toml` files under `.`; to allow a tree with none, set `allow_empty = true` under \
             `[files]` in orglint.toml\n"
        );
    }
    // A tree of its configuration alone, named with `--config`: counted out, as it is read.
    let dir = tree(&[("cfg.toml", "[rules]\n")]);
    let (code, _, stderr) = orglint(dir.path(), &["check", "--config", "cfg.toml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "error: no entity file was checked: there is no `*.toml` file under `.` but cfg.toml \
             (hidden"
        ),
        "{stderr}"
    );
    // Said on purpose, an empty tree is checked: nothing to report.
    let config = "[files]\nallow_empty = true\n\n[rules]\nmissing-org = \"off\"\n";
    let dir = tree(&[("orglint.toml", config)]);
    let (code, stdout, stderr) = orglint(dir.path(), &["check"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert_eq!(stdout, "0 errors, 0 warnings in 0 files\n");
    let config = "[files]\nallow_empty = \"yes\"\n";
    let dir = tree(&[("orglint.toml", config), ("org.toml", ORG)]);
    let (code, _, stderr) = orglint(dir.path(), &["check"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`allow_empty` must be `true` or `false`"),
        "{stderr}"
    );
}

#[test]
fn output_refuses_the_configuration_in_use() {
    let dir = tree(&[
        ("org.toml", ORG),
        ("orglint.toml", "[rules]\nteam-silo = \"off\"\n"),
        ("ci/lint.toml", "[rules]\nteam-size = { min = 1 }\n"),
    ]);
    let (code, text) = run(dir.path(), &["check", "--output", "orglint.toml"]);
    assert_eq!(code, 2, "{text}");
    insta::assert_snapshot!(text);
    let (code, text) = run(
        dir.path(),
        &[
            "check",
            "--config",
            "ci/lint.toml",
            "--output",
            "ci/lint.toml",
        ],
    );
    assert_eq!(code, 2, "{text}");
    insta::assert_snapshot!("output_refuses_the_config_flag_file", text);
    assert_eq!(
        read(dir.path(), "orglint.toml"),
        "[rules]\nteam-silo = \"off\"\n"
    );
    assert_eq!(
        read(dir.path(), "ci/lint.toml"),
        "[rules]\nteam-size = { min = 1 }\n"
    );
}

#[cfg(unix)]
#[test]
fn output_refuses_an_input_reached_through_a_linked_directory() {
    let dir = tree(&[("org.toml", ORG)]);
    std::os::unix::fs::symlink(".", dir.path().join("here")).expect("symlink");
    let (code, text) = run(dir.path(), &["check", "--output", "here/org.toml"]);
    assert_eq!(code, 2, "{text}");
    assert_eq!(read(dir.path(), "org.toml"), ORG);
}

#[test]
fn output_refuses_a_name_that_would_become_an_entity_file() {
    let dir = tree(&[("org.toml", ORG)]);
    let (code, text) = run(
        dir.path(),
        &["check", "--format", "json", "--output", "report.toml"],
    );
    assert_eq!(code, 2, "{text}");
    insta::assert_snapshot!(text);
    assert!(!dir.path().join("report.toml").exists(), "nothing written");
    let (code, _) = run(dir.path(), &["check", "--output", "reports/r.toml"]);
    assert_eq!(code, 2, "a new directory in the tree is still in the tree");
}

#[test]
fn output_may_go_where_the_walk_does_not_look() {
    let dir = tree(&[
        ("org.toml", ORG),
        ("orglint.toml", "[files]\nexclude = [\"reports/**\"]\n"),
        ("reports/.keep", ""),
        (".cache/.keep", ""),
    ]);
    let (first_code, first) = run(dir.path(), &["check", "--format", "short"]);
    for out in ["reports/r.toml", ".cache/r.toml", "report.json"] {
        let (code, text) = run(dir.path(), &["check", "--format", "short", "--output", out]);
        assert_eq!(code, first_code, "{out}: {text}");
        let written = std::fs::read_to_string(dir.path().join(out)).expect("written");
        assert!(first.ends_with(&format!("{written}--- stderr\n")), "{out}");
    }
    // And the next run is the same: no report became an entity file.
    assert_eq!(
        run(dir.path(), &["check", "--format", "short"]),
        (first_code, first)
    );
}

// Item 4: `--output` never writes through a link.

#[cfg(unix)]
#[test]
fn output_never_writes_through_a_link() {
    let outside = tempfile::tempdir().expect("temp dir");
    let victim = outside.path().join("victim");
    std::fs::write(&victim, "precious\n").expect("write");
    let dir = tree(&[("org.toml", ORG)]);
    std::os::unix::fs::symlink(&victim, dir.path().join("report.json")).expect("symlink");
    let (code, text) = run(
        dir.path(),
        &["check", "--format", "json", "--output", "report.json"],
    );
    assert_eq!(code, 2, "{text}");
    insta::assert_snapshot!(text);
    assert_eq!(
        std::fs::read_to_string(&victim).expect("read"),
        "precious\n"
    );
    assert!(
        std::fs::symlink_metadata(dir.path().join("report.json"))
            .expect("still there")
            .file_type()
            .is_symlink()
    );
    // A dangling link is refused too: writing through it would create its target.
    let target = outside.path().join("created");
    std::os::unix::fs::symlink(&target, dir.path().join("dangling.json")).expect("symlink");
    let (code, _) = run(dir.path(), &["check", "--output", "dangling.json"]);
    assert_eq!(code, 2);
    assert!(!target.exists());
}

#[test]
fn output_replaces_a_file_and_leaves_no_temporary_behind() {
    let dir = tree(&[("org.toml", ORG), ("out/report.txt", "old report\n")]);
    let (_, report, _) = orglint(dir.path(), &["check", "--format", "short"]);
    let (code, text) = run(
        dir.path(),
        &["check", "--format", "short", "--output", "out/report.txt"],
    );
    assert_eq!(code, 0, "{text}");
    let written = read(dir.path(), "out/report.txt");
    assert_eq!(written, report);
    assert_eq!(listing(&dir.path().join("out")), ["report.txt"]);
    // A directory cannot be the report, and a failed write leaves nothing behind.
    let (code, text) = run(dir.path(), &["check", "--output", "out"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("error: "), "{text}");
    assert_eq!(listing(&dir.path().join("out")), ["report.txt"]);
    assert_eq!(listing(dir.path()), ["org.toml", "out"]);
    let (code, _) = run(dir.path(), &["check", "--output", "missing/report.txt"]);
    assert_eq!(code, 2);
    assert_eq!(listing(dir.path()), ["org.toml", "out"]);
}

// Item 13: pre-commit runs orglint once, with the file names.

/// The lines of the hook `id` in `.pre-commit-hooks.yaml` (a list of flat `key: value` maps).
fn hook<'a>(yaml: &'a str, id: &str) -> Vec<&'a str> {
    let mut inside = false;
    yaml.lines()
        .filter(|l| !l.starts_with('#'))
        .filter(|line| {
            if let Some(rest) = line.strip_prefix("- id:") {
                inside = rest.trim() == id;
            }
            inside
        })
        .collect()
}

/// The value of `key` in the hook of `lines`.
fn hook_key(lines: &[&str], key: &str) -> Option<String> {
    lines.iter().find_map(|line| {
        let line = line.trim_start_matches(['-', ' ']);
        let (k, v) = line.split_once(':')?;
        (k.trim() == key).then(|| v.trim().to_owned())
    })
}

/// The ids of the hooks of `.pre-commit-hooks.yaml`, in order.
fn hook_ids(yaml: &str) -> Vec<&str> {
    yaml.lines()
        .filter_map(|l| l.strip_prefix("- id:"))
        .map(str::trim)
        .collect()
}

#[test]
fn the_hook_runs_once_with_the_file_names() {
    let text = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).expect("hooks");
    assert_eq!(hook_ids(&text), ["orglint", "orglint-since-head"]);
    let yaml = hook(&text, "orglint");
    assert_eq!(hook_key(&yaml, "id").as_deref(), Some("orglint"));
    assert_eq!(hook_key(&yaml, "require_serial").as_deref(), Some("true"));
    assert_eq!(hook_key(&yaml, "pass_filenames").as_deref(), Some("true"));
    assert_eq!(hook_key(&yaml, "language").as_deref(), Some("rust"));
    let entry = hook_key(&yaml, "entry").expect("entry");
    let mut words: Vec<&str> = entry.split_whitespace().collect();
    assert_eq!(words.first(), Some(&"orglint"));
    assert_eq!(
        words.last(),
        Some(&"--"),
        "file names are never read as options"
    );
    // Run the entry as pre-commit does, from the top of the tree, with a hostile file name.
    let dir = tree(&[
        ("org.toml", ORG),
        ("teams/core.toml", TEAM),
        ("--output=org.toml", ""),
    ]);
    words.remove(0);
    words.extend(["teams/core.toml", "--output=org.toml"]);
    let (code, text) = run(dir.path(), &words);
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!(text);
    assert_eq!(read(dir.path(), "org.toml"), ORG);
}

#[test]
fn the_since_hook_runs_once_on_the_whole_tree_on_every_commit() {
    let text = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).expect("hooks");
    let yaml = hook(&text, "orglint-since-head");
    assert_eq!(hook_key(&yaml, "pass_filenames").as_deref(), Some("false"));
    assert_eq!(hook_key(&yaml, "always_run").as_deref(), Some("true"));
    assert_eq!(hook_key(&yaml, "require_serial").as_deref(), Some("true"));
    assert_eq!(hook_key(&yaml, "language").as_deref(), Some("rust"));
    assert_eq!(
        hook_key(&yaml, "files"),
        None,
        "it runs whatever the commit holds"
    );
    assert_eq!(
        hook_key(&yaml, "entry").as_deref(),
        Some("orglint check --format short --since HEAD")
    );
}

#[test]
fn the_root_config_as_a_file_argument_reports_every_finding() {
    let (code, whole) = run(&example_org(), &["check", "--format", "short"]);
    assert_eq!(code, 1);
    let (code, text) = run(
        &example_org(),
        &["check", "--format", "short", "guilds.toml", "orglint.toml"],
    );
    assert_eq!(code, 1);
    assert_eq!(text, whole);
    // So does the file `--config` names.
    let dir = tree(&[
        ("org.toml", ORG),
        ("teams/core.toml", TEAM),
        ("teams/ml.toml", BAD_TEAM),
        ("ci/lint.toml", "[rules]\nteam-size = { min = 1 }\n"),
    ]);
    let config = ["check", "--format", "short", "--config", "ci/lint.toml"];
    let whole = run(dir.path(), &config);
    let mut args = config.to_vec();
    args.extend(["teams/ml.toml", "ci/lint.toml"]);
    assert_eq!(run(dir.path(), &args), whole);
}

// Item 14: counts match what is shown.

#[test]
fn counts_are_of_the_findings_in_scope() {
    let (code, text) = run(&example_org(), &["check", "guilds.toml"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(text);
    let (_, json, _) = orglint(
        &example_org(),
        &["check", "guilds.toml", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["summary"]["suppressed"], 0);
    // `inactive-guild` and `alumni-in-team` (hugo, who left, is still in the ML guild).
    assert_eq!(json["summary"]["warnings"], 2);
    // The file that holds the suppression still counts it.
    let (_, text) = run(
        &example_org(),
        &["check", "--format", "short", "teams/payments.toml"],
    );
    insta::assert_snapshot!("counts_of_the_file_with_the_suppression", text);
    let (_, text) = run(&example_org(), &["check", "--statistics", "guilds.toml"]);
    insta::assert_snapshot!("counts_in_statistics", text);
}

#[test]
fn a_suppression_elsewhere_is_neither_counted_nor_reported() {
    // A comment in another file that suppresses an `unused-suppression` of its own file.
    let dir = tree(&[
        ("org.toml", ORG),
        ("teams/core.toml", TEAM),
        (
            "teams/quiet.toml",
            "# orglint: allow(team-without-lead, unused-suppression) -- on purpose\n[[team]]\nid = \"quiet\"\nname = \"Quiet\"\nkind = \"platform\"\nmembers = [\"bo\"]\n",
        ),
    ]);
    let (code, text) = run(
        dir.path(),
        &["check", "--format", "short", "teams/core.toml"],
    );
    assert_eq!(code, 0);
    insta::assert_snapshot!(text);
}

#[test]
fn naming_every_file_of_a_large_tree_costs_no_more_than_the_tree() {
    // `pre-commit run --all-files` names every file; matching each file against each argument
    // was quadratic (5,000 files: 25 M path comparisons, seconds in a debug build).
    const FILES: usize = 5_000;
    let dir = tree(&[
        ("orglint.toml", ""),
        ("org.toml", "[org]\nname = \"Many\"\n"),
    ]);
    std::fs::create_dir(dir.path().join("people")).expect("mkdir");
    let mut args = vec!["check".to_owned(), "--format".into(), "short".into()];
    for i in 0..FILES {
        let name = format!("people/p{i}.toml");
        let text = format!("[[person]]\nid = \"p{i}\"\nname = \"P\"\nrole = \"designer\"\n");
        std::fs::write(dir.path().join(&name), text).expect("write");
        args.push(name);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = orglint(dir.path(), &args);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let orphans = stdout
        .lines()
        .filter(|l| l.contains(": warning[orphan-person] "))
        .count();
    assert_eq!(orphans, FILES);
    assert_eq!(
        stdout.lines().last(),
        Some(format!("0 errors, {FILES} warnings in {} files", FILES + 1).as_str())
    );
}

// Item 15: `--select` and `--ignore` take lists, repeat, and leave PATHs alone.

#[test]
fn select_and_ignore_leave_the_paths_alone() {
    let (code, text) = run(
        &repo(),
        &[
            "check",
            "--format",
            "short",
            "--select",
            "ml-strategy,team-size",
            "--select",
            "hygiene",
            "--ignore",
            "unused-suppression",
            "--ignore",
            "overlapping-ownership,span-of-control",
            "fixtures/example-org",
        ],
    );
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn select_turns_on_a_rule_the_config_turns_off() {
    let dir = tree(&[
        ("org.toml", ORG),
        ("teams/core.toml", TEAM),
        (
            "people/cy.toml",
            "[[person]]\nid = \"cy\"\nname = \"Cy\"\nrole = \"designer\"\n",
        ),
        (
            "orglint.toml",
            "[rules]\nteam-without-lead = \"off\"\norphan-person = \"off\"\n",
        ),
    ]);
    let (code, text) = run(dir.path(), &["check", "--format", "short"]);
    assert_eq!(
        (code, text.lines().nth(2)),
        (0, Some("0 errors, 0 warnings in 3 files"))
    );
    let (code, text) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--select",
            "team-without-lead",
        ],
    );
    assert_eq!(code, 0);
    insta::assert_snapshot!(text);
    // A category selects its rules at their configured levels: `orphan-person` stays off.
    let (_, text) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--select",
            "hygiene",
            "--select",
            "team-without-lead",
        ],
    );
    insta::assert_snapshot!("select_a_category_keeps_the_config", text);
}

// Item 18: a nested `orglint.toml` cannot re-root a hook run.

#[test]
fn a_nested_config_cannot_reroot_a_file_argument_run() {
    let dir = tree(&[
        ("orglint.toml", ""),
        ("org.toml", ORG),
        ("teams/ml.toml", BAD_TEAM),
        (
            "teams/orglint.toml",
            "[rules]\nunknown-reference = \"off\"\n",
        ),
    ]);
    let (code, text) = run(dir.path(), &["check", "--format", "short", "teams/ml.toml"]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!(text);
    // From a subdirectory of the tree, the root is still found above it.
    std::fs::create_dir(dir.path().join("docs")).expect("mkdir");
    let (code, stdout, _) = orglint(
        &dir.path().join("docs"),
        &["check", "--format", "short", "../teams/ml.toml"],
    );
    assert_eq!(code, 1);
    let rules: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_once(": error[")?.1.split_once(']'))
        .map(|(rule, _)| rule)
        .collect();
    assert_eq!(rules, ["unknown-reference"], "{stdout}");
}

// Item 20: a file argument that is not checked says so.

#[test]
fn file_arguments_that_are_not_checked_are_named_on_stderr() {
    let dir = tree(&[
        ("orglint.toml", "[files]\nexclude = [\"archive/**\"]\n"),
        ("org.toml", ORG),
        ("teams/core.toml", TEAM),
        ("teams/orglint.toml", ""),
        ("archive/old.toml", BAD_TEAM),
        (".github/labels.toml", BAD_TEAM),
        ("target/x.toml", BAD_TEAM),
        ("web/node_modules/y.toml", BAD_TEAM),
        ("README.md", "# org\n"),
        ("evil\u{1b}]0;PWNED\u{7}.md", ""),
    ]);
    let (code, text) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "teams/core.toml",
            "teams/orglint.toml",
            "archive/old.toml",
            ".github/labels.toml",
            "target/x.toml",
            "web/node_modules/y.toml",
            "README.md",
            "evil\u{1b}]0;PWNED\u{7}.md",
            "archive",
        ],
    );
    assert_eq!(code, 0, "the run goes on: {text}");
    assert!(!text.contains('\u{1b}'), "escaped: {text}");
    insta::assert_snapshot!(text);
}

// Item 23 and `explain`: tool errors start like clap's.

#[test]
fn tool_errors_start_with_error() {
    let dir = tree(&[("org.toml", ORG)]);
    let elsewhere = tree(&[("x.toml", ORG)]);
    let outside = elsewhere.path().join("x.toml");
    let outside = outside.to_str().expect("UTF-8 temp dir");
    let cases: [&[&str]; 6] = [
        &["check", "no/such/dir"],
        &["check", "--select", "lone-ml-hir"],
        &["check", "--config", "nope.toml"],
        &["check", outside],
        &["check", "--output", "org.toml"],
        &["explain", "lone-ml-hir"],
    ];
    for args in cases {
        let (code, stdout, stderr) = orglint(dir.path(), args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(stdout, "", "{args:?}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    }
}

#[test]
fn explain_accepts_any_case() {
    let page = std::fs::read_to_string(repo().join("lints/lone-ml-hire.md")).expect("page");
    for name in ["LONE-ML-HIRE", "Lone-Ml-Hire"] {
        let (code, stdout, stderr) = orglint(&repo(), &["explain", name]);
        assert_eq!((code, stdout, stderr), (0, page.clone(), String::new()));
    }
}

// Item 25: the README says how to install and run it.

#[test]
fn the_readme_says_how_to_install_and_hook_it() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    assert!(readme.contains("cargo install --path ."));
    assert!(readme.contains("cargo install --git"));
    assert!(readme.contains("exits 1 on purpose"));
    assert!(readme.contains("on your `PATH`"));
    assert!(readme.contains("require_serial: true"));
    assert!(readme.contains("entry: orglint check --format short --\n"));
}
