//! Every rule, end to end: its page's examples run, its fixtures fire and stay quiet, and their reports are snapshotted.

mod common;

use std::path::Path;

use common::{fired, human, lint_dir, lint_snippet, repo};
use orglint::rules::{RULES, Rule};

/// The rules to test: all, or those named in `ORGLINT_RULES` (comma-separated) while working on a few.
fn selected() -> Vec<&'static Rule> {
    let only = std::env::var("ORGLINT_RULES").unwrap_or_default();
    let only: Vec<&str> = only
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    RULES
        .iter()
        .copied()
        .filter(|r| only.is_empty() || only.contains(&r.name))
        .collect()
}

/// The first ```toml block under the heading `## {heading}` of a page.
fn example(page: &str, heading: &str) -> Option<String> {
    let start = page.find(&format!("\n## {heading}\n"))?;
    let rest = &page[start + heading.len() + 5..];
    let section = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
    let open = section.find("```toml\n")? + "```toml\n".len();
    let close = section[open..].find("\n```")?;
    Some(section[open..open + close + 1].to_owned())
}

#[test]
fn page_examples_fire_exactly_their_rule_and_fixes_are_clean() {
    let mut failures = Vec::new();
    for rule in selected() {
        let Some(bad) = example(rule.page, "Example") else {
            failures.push(format!("{}: no ```toml block under ## Example", rule.name));
            continue;
        };
        let Some(good) = example(rule.page, "Use instead") else {
            failures.push(format!(
                "{}: no ```toml block under ## Use instead",
                rule.name
            ));
            continue;
        };
        let report = lint_snippet(&bad);
        if fired(&report) != [rule.name] {
            failures.push(format!(
                "{}: the example fires {:?}, not just the rule:\n{}",
                rule.name,
                fired(&report),
                human(&report)
            ));
        }
        let report = lint_snippet(&good);
        if !report.findings.is_empty() {
            failures.push(format!(
                "{}: the fixed example is not clean:\n{}",
                rule.name,
                human(&report)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn fixtures_fire_and_clean_twins_stay_quiet() {
    let mut failures = Vec::new();
    for rule in selected() {
        let base = Path::new("fixtures").join(rule.name);
        let fires = base.join("fires");
        let clean = base.join("clean");
        for dir in [&fires, &clean] {
            if !repo().join(dir).is_dir() {
                failures.push(format!("{}: missing fixture {}", rule.name, dir.display()));
            }
        }
        if !failures.is_empty() {
            continue;
        }
        let report = lint_dir(&fires);
        if !report.findings.iter().any(|f| f.rule == rule.name) {
            failures.push(format!(
                "{}: {} does not fire it:\n{}",
                rule.name,
                fires.display(),
                human(&report)
            ));
        }
        insta::assert_snapshot!(format!("{}-fires-human", rule.name), human(&report));
        insta::assert_snapshot!(
            format!("{}-fires-json", rule.name),
            orglint::render::json(&report)
        );
        let report = lint_dir(&clean);
        if report.findings.iter().any(|f| f.rule == rule.name) {
            failures.push(format!(
                "{}: {} fires it:\n{}",
                rule.name,
                clean.display(),
                human(&report)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
