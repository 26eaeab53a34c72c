//! Guards that tie the registry, the rule files, the pages and the fixtures together.

use std::collections::BTreeSet;

use crate::support::repo;
use orglint::rules::{self, RULES};

fn names_in(dir: &str, suffix: &str) -> BTreeSet<String> {
    std::fs::read_dir(repo().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(suffix).map(str::to_owned))
        .collect()
}

#[test]
fn rules_are_sorted_unique_and_kebab_case() {
    let names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(names, sorted, "RULES must be sorted by name, each once");
    for name in names {
        assert!(
            name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{name} is not kebab-case"
        );
        assert_eq!(rules::find(name).map(|r| r.name), Some(name));
    }
}

#[test]
fn every_rule_has_a_file_and_a_page_and_nothing_else_does() {
    let registered: BTreeSet<String> = RULES.iter().map(|r| r.name.to_owned()).collect();
    let files: BTreeSet<String> = names_in("src/rules", ".rs")
        .into_iter()
        .filter(|n| n != "mod")
        .map(|n| n.replace('_', "-"))
        .collect();
    assert_eq!(files, registered, "src/rules/<rule>.rs and RULES disagree");
    assert_eq!(
        names_in("lints", ".md"),
        registered,
        "lints/<rule>.md and RULES disagree"
    );
    let fixtures: BTreeSet<String> = names_in("fixtures", "")
        .into_iter()
        // The example org, and the inputs the fuzz target failed on (tests/it/fuzz_regressions.rs).
        .filter(|n| !matches!(n.as_str(), "example-org" | "fuzz-regressions") && !n.contains('.'))
        .collect();
    let stray: Vec<&String> = fixtures.difference(&registered).collect();
    assert!(
        stray.is_empty(),
        "fixture directories for no rule: {stray:?}"
    );
}

#[test]
fn pages_have_the_fixed_headings_in_order() {
    let headings = [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
        "## Options",
    ];
    for rule in RULES {
        assert!(
            rule.page.starts_with(&format!("# {}\n", rule.name)),
            "{}: page must start with `# {}`",
            rule.name,
            rule.name
        );
        let mut at = 0;
        for h in headings {
            let found = rule.page[at..].find(&format!("\n{h}\n"));
            assert!(
                found.is_some(),
                "{}: page lacks `{h}` (in this order)",
                rule.name
            );
            at += found.unwrap_or(0) + 1;
        }
    }
}

#[test]
fn rule_files_declare_the_rule_they_are_named_after() {
    for rule in RULES {
        let file = repo()
            .join("src/rules")
            .join(format!("{}.rs", rule.name.replace('-', "_")));
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(
            text.contains(&format!("name: \"{}\"", rule.name)),
            "{} does not declare {}",
            file.display(),
            rule.name
        );
        assert!(
            text.starts_with("//! "),
            "{} must open with a //! line",
            file.display()
        );
    }
}

#[test]
fn only_invalid_toml_is_beyond_configuration_and_suppression() {
    // A file that does not parse kept the whole-org rules from running: that must always fail the
    // run, and its comments cannot be trusted. Every other rule may be configured and suppressed.
    for rule in RULES {
        let fixed = rule.name == "invalid-toml";
        assert_eq!(rule.configurable, !fixed, "{}: configurable", rule.name);
        assert_eq!(rule.suppressible, !fixed, "{}: suppressible", rule.name);
    }
}

#[test]
fn every_test_security_md_names_exists_in_the_file_it_names() {
    // SECURITY.md holds each promise by test names; a renamed or deleted test must not leave a
    // promise held by nothing. Each bullet names a file (`tests/x.rs`, or `src/x.rs` for unit
    // tests) and then its tests.
    let text = std::fs::read_to_string(repo().join("SECURITY.md")).expect("SECURITY.md");
    let mut file: Option<String> = None;
    let mut checked = 0;
    for word in text.split('`').skip(1).step_by(2) {
        if (word.starts_with("tests/") || word.starts_with("src/")) && word.ends_with(".rs") {
            file = Some(word.to_owned());
            continue;
        }
        let is_test_name = word.len() > 12
            && word.contains('_')
            && word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !is_test_name {
            continue;
        }
        let Some(file) = &file else {
            panic!("SECURITY.md names the test `{word}` before naming any tests/ file");
        };
        let source = std::fs::read_to_string(repo().join(file))
            .unwrap_or_else(|e| panic!("SECURITY.md names {file}: {e}"));
        assert!(
            source.contains(&format!("fn {word}(")),
            "SECURITY.md says {file} has the test `{word}`; it has not"
        );
        checked += 1;
    }
    assert!(
        checked > 40,
        "only {checked} test names found in SECURITY.md"
    );
}
