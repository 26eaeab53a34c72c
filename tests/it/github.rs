//! `--format github`: workflow commands read back as GitHub's runner parses them (its
//! `ActionCommand.TryParseV2`: the command from `::` to the next `::`, properties split at `,`
//! and `=`, then unescaped), so that what an annotation says is checked against what orglint
//! found, and a hostile name can neither end a property, nor forge a command, nor drive the log.

use crate::support;

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{hostile_tree, repo, transcript};
use orglint::render::{is_unsafe, visible};

/// A workflow command as the runner reads it.
#[derive(Debug, PartialEq, Eq)]
struct Command {
    name: String,
    properties: BTreeMap<String, String>,
    data: String,
}

/// Undoes `mappings` (token, replacement) in the runner's order.
fn unescape(s: &str, mappings: &[(&str, &str)]) -> String {
    mappings
        .iter()
        .fold(s.to_owned(), |s, (token, replacement)| {
            s.replace(replacement, token)
        })
}

/// `line` parsed as the runner parses a workflow command; `None` when it is not one.
fn parse(line: &str) -> Option<Command> {
    const PROPERTY: &[(&str, &str)] = &[
        ("\r", "%0D"),
        ("\n", "%0A"),
        (":", "%3A"),
        (",", "%2C"),
        ("%", "%25"),
    ];
    const DATA: &[(&str, &str)] = &[("\r", "%0D"), ("\n", "%0A"), ("%", "%25")];
    let line = line.trim_start();
    let rest = line.strip_prefix("::")?;
    let end = rest.find("::")?;
    let (info, data) = (&rest[..end], &rest[end + 2..]);
    let (name, props) = info.split_once(' ').unwrap_or((info, ""));
    if !["error", "warning", "notice"].contains(&name) {
        return None;
    }
    let mut properties = BTreeMap::new();
    for prop in props.trim().split(',').filter(|p| !p.is_empty()) {
        if let Some((key, value)) = prop
            .split_once('=')
            .filter(|(k, v)| !k.is_empty() && !v.is_empty())
        {
            properties.insert(key.to_owned(), unescape(value, PROPERTY));
        }
    }
    Some(Command {
        name: name.to_owned(),
        properties,
        data: unescape(data, DATA),
    })
}

/// The command each diagnostic of the JSON report should give: what orglint found, shown as
/// the terminal formats show it.
fn expected(json: &serde_json::Value) -> Vec<Command> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let name = match d["severity"].as_str().unwrap() {
                "error" => "error",
                "warning" => "warning",
                _ => "notice",
            };
            let mut properties = BTreeMap::new();
            if let Some(file) = d["file"].as_str() {
                properties.insert("file".to_owned(), visible(file).into_owned());
                for (key, field) in [
                    ("line", "line"),
                    ("col", "column"),
                    ("endLine", "end_line"),
                    ("endColumn", "end_column"),
                ] {
                    properties.insert(key.to_owned(), d[field].to_string());
                }
            }
            let rule = d["rule"].as_str().unwrap();
            properties.insert("title".to_owned(), format!("orglint ({rule})"));
            let mut data = visible(d["message"].as_str().unwrap()).into_owned();
            if let Some(help) = d["help"].as_str() {
                data.push_str(&format!("\nhelp: {}", visible(help)));
            }
            Command {
                name: name.to_owned(),
                properties,
                data,
            }
        })
        .collect()
}

/// Checks the github report of `dir` against its JSON report: one command per finding, errors
/// first, then warnings, then notices, each in the report's order; then the summary line, which
/// is no command. Returns the report.
fn check_against_json(dir: &Path, path: &str) -> String {
    let run = |format: &str| {
        let out = support::output(dir, &["check", path, "--format", format], support::PLAIN);
        support::utf8(&out.stdout)
    };
    let github = run("github");
    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("JSON");
    assert!(
        !github.chars().any(|c| c != '\n' && is_unsafe(c)),
        "a raw control, bidi or zero-width character in\n{github}"
    );
    let lines: Vec<&str> = github.lines().collect();
    let (summary, commands) = lines.split_last().expect("a summary line");
    assert!(
        parse(summary).is_none() && !summary.contains("##["),
        "{summary}"
    );
    let parsed: Vec<Command> = commands
        .iter()
        .map(|l| parse(l).unwrap_or_else(|| panic!("not a workflow command: {l}")))
        .collect();
    let mut want = expected(&json);
    let rank = |c: &Command| {
        ["error", "warning", "notice"]
            .iter()
            .position(|n| *n == c.name)
    };
    // Stable: each kind keeps the report's order (file, line, column, rule).
    want.sort_by_key(rank);
    assert_eq!(parsed, want);
    github
}

#[test]
fn example_org() {
    let (code, text) = transcript(
        &repo(),
        &["check", "fixtures/example-org", "--format", "github"],
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn example_org_reads_back_as_its_findings_errors_first() {
    let github = check_against_json(&repo(), "fixtures/example-org");
    // The example org has a notice before an error in file order: the error comes first.
    let kinds: Vec<&str> = github
        .lines()
        .filter_map(|l| l.strip_prefix("::")?.split(' ').next())
        .collect();
    assert_eq!(kinds.first(), Some(&"error"));
    assert_eq!(kinds.last(), Some(&"notice"));
    assert!(kinds.is_sorted_by_key(|k| ["error", "warning", "notice"].iter().position(|n| n == k)));
}

#[test]
fn hostile_names_and_paths() {
    let dir = hostile_tree();
    let (code, text) = transcript(dir.path(), &["check", "--format", "github"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn hostile_names_and_paths_read_back_as_they_are_shown() {
    let dir = hostile_tree();
    let github = check_against_json(dir.path(), ".");
    // Each name reaches an annotation as it is, but what no reader may see raw, in one command.
    for name in support::HOSTILE_NAMES {
        let shown = visible(name);
        let with_it = github
            .lines()
            .filter_map(parse)
            .filter(|c| c.data.contains(shown.as_ref()))
            .count();
        assert!(with_it >= 1, "{name:?} is in no annotation:\n{github}");
    }
}

#[test]
fn a_finding_with_no_file_has_no_file_properties() {
    // Only a tree with no file at all gives `missing-org` no place (it goes to the root's
    // `orglint.toml`, else the first file): a tree that may be empty, configured from outside.
    let dir = support::tree(&[
        ("cfg.toml", "[files]\nallow_empty = true\n"),
        ("tree/README", ""),
    ]);
    let args = ["check", "--format", "github", "--config", "../cfg.toml"];
    let (code, text) = transcript(&dir.path().join("tree"), &args);
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
    let line = text
        .lines()
        .find(|l| l.starts_with("::"))
        .expect("a command");
    let command = parse(line).unwrap();
    assert_eq!(command.properties.keys().collect::<Vec<_>>(), ["title"]);
}

#[test]
fn statistics_are_the_plain_counts() {
    let (_, github) = transcript(
        &repo(),
        &[
            "check",
            "fixtures/example-org",
            "--statistics",
            "--format",
            "github",
        ],
    );
    let (_, text) = transcript(&repo(), &["check", "fixtures/example-org", "--statistics"]);
    assert_eq!(github, text);
}

#[test]
fn the_readmes_example_is_the_example_orgs_first_annotation() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    let shown = readme
        .lines()
        .find(|l| l.starts_with("::error "))
        .expect("README shows a workflow command");
    let (code, stdout, _) = support::run(
        &repo().join("fixtures/example-org"),
        &["check", "--format", "github"],
        support::PLAIN,
    );
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().next(), Some(shown));
}
