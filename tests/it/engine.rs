//! The engine through the library API: suppression scopes, the cascade policy, configuration and selection.

use crate::support;

use crate::support::{fired, lint_snippet};
use orglint::CheckOptions;
use orglint::finding::Level;

fn lint_tree(files: &[(&str, &str)], select: &[&str], ignore: &[&str]) -> orglint::Report {
    check_tree(files, select, ignore).expect("check")
}

/// The mistakes orglint finds in `config` as the `orglint.toml` of an empty tree.
fn config_problems(config: &str) -> Vec<orglint::config::ConfigProblem> {
    match check_tree(&[("orglint.toml", config)], &[], &[]) {
        Err(orglint::Error::Config(problems)) => problems,
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

fn check_tree(
    files: &[(&str, &str)],
    select: &[&str],
    ignore: &[&str],
) -> Result<orglint::Report, orglint::Error> {
    let dir = support::tree(files);
    orglint::check(&CheckOptions {
        paths: vec![dir.path().to_path_buf()],
        cwd: dir.path().to_path_buf(),
        select: select.iter().map(|s| (*s).to_owned()).collect(),
        ignore: ignore.iter().map(|s| (*s).to_owned()).collect(),
        ..CheckOptions::default()
    })
}

const TWO_PEOPLE: &str = r#"[[person]]
id = "ada"
name = "Ada"
role = "cto"
colour = "red"

[[person]]
id = "bo"
name = "Bo"
role = "cto"
colour = "blue"
"#;

#[test]
fn a_comment_inside_a_table_covers_only_that_table() {
    let text = TWO_PEOPLE.replace(
        "colour = \"red\"\n",
        "colour = \"red\" # orglint: allow(unknown-field) -- legacy export\n",
    );
    let report = lint_tree(&[("people.toml", &text)], &["unknown-field"], &[]);
    assert_eq!(report.suppressed, 1);
    let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(messages, ["unknown field `colour` in person bo"]);
    let line = report.findings[0]
        .primary
        .map(|s| report.sources.get(s.file).position(s.start as usize).line);
    assert_eq!(
        line,
        Some(11),
        "the second person's field is still reported"
    );
}

#[test]
fn a_comment_before_the_first_header_covers_the_file() {
    let text = format!("# orglint: allow(unknown-field) -- legacy export\n{TWO_PEOPLE}");
    let report = lint_tree(&[("people.toml", &text)], &["unknown-field"], &[]);
    assert_eq!(report.suppressed, 2);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

#[test]
fn unused_and_invalid_suppressions_are_reported_once_each() {
    let text = format!("# orglint: allow(team-size, unknown-feild) -- old\n{TWO_PEOPLE}");
    let report = lint_tree(
        &[("people.toml", &text)],
        &["hygiene", "unknown-field"],
        &[],
    );
    let rules: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.rule.name, f.message.as_str()))
        .collect();
    assert_eq!(
        rules,
        [
            (
                "unused-suppression",
                "suppression of `team-size` suppresses nothing here"
            ),
            ("invalid-suppression", "`unknown-feild` is not a rule"),
            ("unknown-field", "unknown field `colour` in person ada"),
            ("unknown-field", "unknown field `colour` in person bo"),
        ]
    );
}

#[test]
fn a_suppression_of_a_rule_that_did_not_run_is_not_unused() {
    let text = format!("# orglint: allow(team-size) -- small on purpose\n{TWO_PEOPLE}");
    let report = lint_tree(
        &[("people.toml", &text)],
        &["unknown-field", "unused-suppression"],
        &[],
    );
    assert_eq!(fired(&report), ["unknown-field"]);
}

#[test]
fn a_broken_file_stops_whole_org_rules_but_not_per_file_checks() {
    let report = lint_tree(
        &[("broken.toml", "[[team]\n"), ("people.toml", TWO_PEOPLE)],
        &[],
        &[],
    );
    assert_eq!(report.broken, 1);
    assert_eq!(
        fired(&report),
        ["invalid-toml", "unknown-field"],
        "no missing-org, no orphan-person"
    );
}

#[test]
fn select_and_ignore_do_not_turn_off_invalid_toml() {
    let report = lint_tree(
        &[("broken.toml", "x = \n")],
        &["team-size"],
        &["correctness"],
    );
    assert_eq!(fired(&report), ["invalid-toml"]);
}

#[test]
fn configured_levels_and_options_apply() {
    let report = lint_tree(
        &[
            ("orglint.toml", "[rules]\nunknown-field = \"warn\"\n"),
            ("people.toml", TWO_PEOPLE),
        ],
        &["unknown-field"],
        &[],
    );
    assert!(report.findings.iter().all(|f| f.level == Level::Warn));
    assert_eq!(report.findings.len(), 2);
}

#[test]
fn crlf_and_bom_spans_still_slice_the_value() {
    let report = lint_snippet(
        "\u{feff}[[person]]\r\nid = \"a\"\r\nname = \"A\"\r\nrole = \"cto\"\r\nage = 3\r\n",
    );
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "unknown-field")
        .expect("unknown-field");
    let span = f.primary.expect("located");
    assert_eq!(report.sources.get(span.file).slice(span), "age");
}

#[test]
fn a_min_above_max_is_a_configuration_error() {
    let problems = config_problems("[rules]\nteam-size = { min = 5, max = 2 }\n");
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        ["`min` (5) is larger than `max` (2) for `team-size`"]
    );
}

#[test]
fn a_config_mistake_on_a_very_long_line_is_located_in_words() {
    let roles: Vec<String> = (0..9000).map(|i| format!("\"r{i}\"")).collect();
    let config = format!(
        "[roles]\nml = [{}]\nmagic = []\n[files]\nexclude = [{}, 3]\n",
        roles.join(", "),
        roles.join(", ")
    );
    let problems = config_problems(&config);
    let rendered: Vec<String> = problems
        .iter()
        .map(|p| {
            orglint::render::render_config_problem(
                p,
                orglint::render::HumanOptions {
                    color: false,
                    width: 80,
                },
            )
        })
        .collect();
    insta::assert_snapshot!(rendered.join("\n"));
}

#[test]
fn a_suppression_finding_of_a_rule_turned_off_is_neither_reported_nor_counted_as_suppressed() {
    // The comment is malformed (`invalid-suppression`), and the next line's comment allows that
    // rule; with the rule off, neither a finding nor a suppression of one may show.
    let people = "# orglint: allow(invalid-suppression)\n# orglint: allow\n[[person]]\nid = \"ada\"\nname = \"Ada\"\nrole = \"cto\"\n";
    let config = "[rules]\ninvalid-suppression = \"off\"\n";
    let off = lint_tree(
        &[("people.toml", people), ("orglint.toml", config)],
        &[],
        &[],
    );
    let rules: Vec<&str> = off.findings.iter().map(|f| f.rule.name).collect();
    assert!(!rules.contains(&"invalid-suppression"), "{rules:?}");
    assert_eq!(off.suppressed, 0);
    // With the rule on, the same comment hides the finding and counts it.
    let on = lint_tree(&[("people.toml", people)], &[], &[]);
    let rules: Vec<&str> = on.findings.iter().map(|f| f.rule.name).collect();
    assert!(!rules.contains(&"invalid-suppression"), "{rules:?}");
    assert_eq!(on.suppressed, 1);
}

/// A finding before any entity (here an unused suppression at the top of a file) is fingerprinted
/// by its file's path relative to the root, not as shown: a baseline written from the
/// repository's top matches a run from inside the org tree.
#[test]
fn fingerprints_do_not_depend_on_the_working_directory() {
    let dir = support::tree(&[(
        "org/teams/a.toml",
        "# orglint: allow(team-silo) -- why\n[team]\nid = \"a\"\nname = \"A\"\nkind = \"feature\"\n",
    )]);
    let run = |cwd: &std::path::Path| {
        let report = orglint::check(&orglint::CheckOptions {
            paths: vec![dir.path().join("org")],
            cwd: cwd.to_path_buf(),
            ..Default::default()
        })
        .expect("check");
        let f = report
            .findings
            .iter()
            .find(|f| f.rule.name == "unused-suppression")
            .expect("the unused suppression")
            .clone();
        (report.sources.get(0).display.clone(), f.fingerprint.clone())
    };
    let (top, inside) = (run(dir.path()), run(&dir.path().join("org/teams")));
    assert_eq!(
        (top.0.as_str(), inside.0.as_str()),
        ("org/teams/a.toml", "a.toml")
    );
    assert_eq!(top.1, inside.1);
}

/// An org whose leadership is one person, `ceo`.
const CEO_ORG: &str = "[org]\nname = \"Acme\"\nleadership = [\"ceo\"]\n\n[[person]]\nid = \"ceo\"\nname = \"C\"\nrole = \"ceo\"\n\n";

/// The rules that fire on `toml`, one entry per finding, sorted.
fn rules_of(toml: &str) -> Vec<&'static str> {
    let report = lint_snippet(toml);
    let mut rules: Vec<&'static str> = report.findings.iter().map(|f| f.rule.name).collect();
    rules.sort_unstable();
    rules
}

#[test]
fn a_malformed_lead_is_one_invalid_value_not_also_lead_not_member() {
    for lead in ["", "bob smith"] {
        let toml = format!(
            "{CEO_ORG}[[person]]\nid = \"{lead}\"\nname = \"B\"\nrole = \"ml-engineer\"\n\n\
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
            "{CEO_ORG}{person}{person}[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nlead = \"ceo\"\nmembers = [\"ceo\", \"{id}\"]\n"
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
            format!("{CEO_ORG}[[person]]\nid = \"{id}\"\nname = \"B\"\nrole = \"ml-engineer\"\n");
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
            "{CEO_ORG}[[person]]\nid = \"p\"\nname = \"B\"\nrole = \"ml-engineer\"\nreports_to = \"{id}\"\n\n\
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
