//! Loose ends of issue 6: long values cut in configuration and suppression messages, configuration
//! snippets drawn as entity snippets are, and malformed ids reported once.

mod common;

use common::{headers, lint_snippet};

/// The rules that fire on `toml`, one entry per finding, sorted.
fn rules_of(toml: &str) -> Vec<&'static str> {
    let report = lint_snippet(toml);
    let mut rules: Vec<&'static str> = report.findings.iter().map(|f| f.rule.name).collect();
    rules.sort_unstable();
    rules
}

const ORG: &str = "[org]\nname = \"Acme\"\nleadership = [\"ceo\"]\n\n[[person]]\nid = \"ceo\"\nname = \"C\"\nrole = \"ceo\"\n\n";

#[test]
fn a_malformed_lead_is_one_invalid_value_not_also_lead_not_member() {
    for lead in ["", "bob smith"] {
        let toml = format!(
            "{ORG}[[person]]\nid = \"{lead}\"\nname = \"B\"\nrole = \"ml-engineer\"\n\n\
             [[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"{lead}\"\nmembers = [\"ceo\"]\n"
        );
        let rules = rules_of(&toml);
        assert!(!rules.contains(&"lead-not-member"), "{lead:?}: {rules:?}");
        assert!(!rules.contains(&"orphan-person"), "{lead:?}: {rules:?}");
        assert!(rules.contains(&"invalid-value"), "{lead:?}: {rules:?}");
    }
}

#[test]
fn a_malformed_id_defined_twice_is_not_also_duplicate_id() {
    for id in ["", "bob smith"] {
        let person = format!("[[person]]\nid = \"{id}\"\nname = \"B\"\nrole = \"ml-engineer\"\n\n");
        let toml = format!(
            "{ORG}{person}{person}[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ceo\"\nmembers = [\"ceo\", \"{id}\"]\n"
        );
        let rules = rules_of(&toml);
        assert!(!rules.contains(&"duplicate-id"), "{id:?}: {rules:?}");
        assert!(rules.contains(&"invalid-value"), "{id:?}: {rules:?}");
    }
}

#[test]
fn a_person_with_a_malformed_id_is_not_also_an_orphan() {
    for id in ["", "bob smith"] {
        let toml =
            format!("{ORG}[[person]]\nid = \"{id}\"\nname = \"B\"\nrole = \"ml-engineer\"\n");
        let rules = rules_of(&toml);
        assert!(!rules.contains(&"orphan-person"), "{id:?}: {rules:?}");
        assert_eq!(
            rules.iter().filter(|r| **r == "invalid-value").count(),
            1,
            "{id:?}: {rules:?}"
        );
    }
}

#[test]
fn a_malformed_reference_is_not_also_unknown_reference() {
    for id in ["", "bob smith"] {
        let toml = format!(
            "{ORG}[[person]]\nid = \"p\"\nname = \"B\"\nrole = \"ml-engineer\"\nreports_to = \"{id}\"\n\n\
             [[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ceo\"\nmembers = [\"ceo\", \"p\", \"{id}\"]\n"
        );
        let rules = rules_of(&toml);
        assert!(!rules.contains(&"unknown-reference"), "{id:?}: {rules:?}");
        assert_eq!(
            rules.iter().filter(|r| **r == "invalid-value").count(),
            2,
            "{id:?}: {rules:?}"
        );
    }
}

/// Runs `orglint check` in `dir` with `args`: stdout and stderr.
fn run(dir: &std::path::Path, args: &[&str]) -> (String, String) {
    let (_, stdout, stderr) = common::run(dir, &[&["check"], args].concat(), &[]);
    (stdout, stderr)
}

/// A tree of one small org file and `config` as its `orglint.toml` (if any).
fn tree(org: &str, config: Option<&str>) -> tempfile::TempDir {
    let dir = common::tree(&[("org.toml", org)]);
    if let Some(config) = config {
        common::write(dir.path(), "orglint.toml", config);
    }
    dir
}

/// What `orglint check --color never .` writes to stderr in a tree of one person and `config` as
/// its `orglint.toml`.
fn config_stderr(config: &str) -> String {
    let org = "[[person]]\nid = \"a\"\nname = \"A\"\nrole = \"cto\"\n";
    let dir = tree(org, Some(config));
    run(dir.path(), &["--color", "never", "."]).1
}

#[test]
fn a_100_kb_name_in_a_suppression_or_the_config_gives_short_lines() {
    let long = "a".repeat(100_000);
    let configs = [
        format!("[rules]\n\"{long}\" = \"off\"\n"),
        format!("[rules]\nteam-size = \"{long}\"\n"),
        format!("[rules]\nteam-size = {{ level = \"{long}\" }}\n"),
        format!("[rules]\ndivergent-tooling = {{ keys = [\"{long}\"] }}\n"),
        format!("[roles]\n\"{long}\" = [\"x\"]\n"),
        format!("[roles]\nml = [\"{long}\", 3]\n"),
        format!("[files]\nexclude = [\"{long}[\"]\n"),
    ];
    let mut cases: Vec<(String, Option<String>)> = configs
        .into_iter()
        .map(|c| (ORG.to_owned(), Some(c)))
        .collect();
    cases.push((format!("# orglint: allow({long}) -- r\n{ORG}"), None));
    for (org, config) in &cases {
        let dir = tree(org, config.as_deref());
        for format in ["human", "short", "json"] {
            let (stdout, stderr) = run(dir.path(), &["--format", format, "--color", "never", "."]);
            for line in stdout.lines().chain(stderr.lines()) {
                assert!(
                    line.len() < 1024,
                    "{format}, {} bytes: {}…",
                    line.len(),
                    &line[..200]
                );
            }
            assert!(stdout.len() + stderr.len() > 0);
        }
    }
}

#[test]
fn a_lone_cr_in_the_config_keeps_the_header_at_the_place_of_the_message() {
    // toml reports the character after the lone CR: line 2, column 5 (`b`), as the line index
    // counts. miette, handed the raw lines, counted the CR as a line break and lost the line of
    // context before.
    let stderr = config_stderr("[rules]\n# a\rb\nteam-sise = \"off\"\n");
    assert_eq!(headers(&stderr), ["orglint.toml:2:5"], "{stderr}");
    assert!(
        stderr.contains(" 1 │ [rules]\n 2 │ # a\\u{d}b\n"),
        "{stderr}"
    );
    assert!(stderr.contains("carriage return"), "{stderr}");
}

#[test]
fn a_config_line_too_long_to_draw_is_located_on_a_line_of_its_own() {
    let roles: Vec<String> = (0..300).map(|i| format!("\"r{i}\"")).collect();
    // The mistake spans several lines, one over 1,000 bytes: too long to draw. (A long line that
    // holds all of a label is cut around it instead.)
    let config = format!("[rules]\nteam-size = [\n  {},\n]\n", roles.join(", "));
    let stderr = config_stderr(&config);
    assert!(
        stderr.contains("of options\n  │ at orglint.toml:2:13 (the line is too long to show)\n"),
        "{stderr}"
    );
}

#[test]
fn a_long_config_line_is_cut_around_its_label() {
    let roles: Vec<String> = (0..300).map(|i| format!("\"r{i}\"")).collect();
    let config = format!("[roles]\nml = []\nmagic = [{}]\n", roles.join(", "));
    let stderr = config_stderr(&config);
    assert!(
        stderr.contains(" 3 │ magic = [\"r0\", \"r1\", "),
        "{stderr}"
    );
    assert!(stderr.lines().all(|l| l.chars().count() <= 80), "{stderr}");
}

#[test]
fn a_config_key_past_the_recursion_limit_is_located_at_its_line() {
    let key = vec!["a"; 200].join(".");
    let config = format!("[rules]\nteam-size = \"warn\"\n{key} = 1\n");
    let stderr = config_stderr(&config);
    // The part past toml's limit of 80: column 2 * 80 + 1.
    assert_eq!(headers(&stderr), ["orglint.toml:3:161"], "{stderr}");
    assert!(stderr.contains("recursion limit"), "{stderr}");
}
