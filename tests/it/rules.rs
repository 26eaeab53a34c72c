//! Every rule, end to end: its page's examples run, its fixtures fire and stay quiet, and their reports are snapshotted.

use crate::support;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::support::{fired, human, lint_dir, lint_snippet, repo};
use orglint::Report;
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

/// The failures of a test over many rules. Every check runs on its own: a failed check, or one
/// that panics (a snapshot mismatch), is recorded and the next one still runs, so one run names
/// every broken rule instead of the first.
#[derive(Default)]
struct Failures(Vec<String>);

impl Failures {
    /// Runs `check` for `rule`; an `Err` or a panic becomes a failure named after `rule`.
    fn check(&mut self, rule: &str, check: impl FnOnce() -> Result<(), String>) {
        let failure = match catch_unwind(AssertUnwindSafe(check)) {
            Ok(Ok(())) => return,
            Ok(Err(why)) => why,
            Err(panic) => {
                let why = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("a panic");
                format!("panicked: {why}")
            }
        };
        self.0.push(format!("{rule}: {failure}"));
    }

    /// Fails with every failure recorded, if any.
    fn assert_none(self) {
        assert!(
            self.0.is_empty(),
            "{} failed check(s):\n\n{}",
            self.0.len(),
            self.0.join("\n\n")
        );
    }
}

#[test]
fn page_examples_fire_exactly_their_rule_and_fixes_are_clean() {
    let mut failures = Failures::default();
    for rule in selected() {
        failures.check(rule.name, || {
            let bad = example(rule.page, "Example").ok_or("no ```toml block under ## Example")?;
            let report = lint_snippet(&bad);
            if fired(&report) != [rule.name] {
                return Err(format!(
                    "the example fires {:?}, not just the rule:\n{}",
                    fired(&report),
                    human(&report)
                ));
            }
            Ok(())
        });
        failures.check(rule.name, || {
            let good =
                example(rule.page, "Use instead").ok_or("no ```toml block under ## Use instead")?;
            let report = lint_snippet(&good);
            if !report.findings.is_empty() {
                return Err(format!(
                    "the fixed example is not clean:\n{}",
                    human(&report)
                ));
            }
            Ok(())
        });
    }
    failures.assert_none();
}

#[test]
fn fixtures_fire_and_clean_twins_stay_quiet() {
    let mut failures = Failures::default();
    for rule in selected() {
        let base = Path::new("fixtures").join(rule.name);
        let fires = base.join("fires");
        let clean = base.join("clean");
        let exists = |dir: &Path| {
            if repo().join(dir).is_dir() {
                Ok(())
            } else {
                Err(format!("missing fixture {}", dir.display()))
            }
        };
        let mut report = None;
        failures.check(rule.name, || {
            exists(&fires)?;
            report = Some(lint_dir(&fires));
            Ok(())
        });
        // The checks on the report each run on their own; without a report, the failure is above.
        if let Some(report) = &report {
            failures.check(rule.name, || {
                if !report.findings.iter().any(|f| f.rule == rule.name) {
                    return Err(format!(
                        "{} does not fire it:\n{}",
                        fires.display(),
                        human(report)
                    ));
                }
                Ok(())
            });
            failures.check(rule.name, || {
                insta::assert_snapshot!(format!("{}-fires-human", rule.name), human(report));
                Ok(())
            });
            failures.check(rule.name, || {
                insta::assert_snapshot!(format!("{}-fires-json", rule.name), support::json(report));
                Ok(())
            });
        }
        failures.check(rule.name, || exists(&clean));
        // `clean` and every twin beside it (`clean-embedded`, ...: a case a revision of the
        // specification quieted) stay quiet.
        for clean in clean_twins(&base) {
            failures.check(rule.name, || {
                let report = lint_dir(&clean);
                if report.findings.iter().any(|f| f.rule == rule.name) {
                    return Err(format!("{} fires it:\n{}", clean.display(), human(&report)));
                }
                Ok(())
            });
        }
    }
    failures.assert_none();
}

/// The directories `clean` and `clean-*` of a rule's fixtures, sorted.
fn clean_twins(base: &Path) -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<std::path::PathBuf> = std::fs::read_dir(repo().join(base))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            (name == "clean" || name.starts_with("clean-")).then(|| base.join(name))
        })
        .collect();
    dirs.sort();
    dirs
}

/// The harness itself: failures in early rules, including panics, do not stop later ones.
#[test]
fn every_rule_is_checked_after_a_failure_and_every_failure_reported() {
    let mut failures = Failures::default();
    let mut checked = Vec::new();
    for name in ["a", "b", "c", "d"] {
        failures.check(name, || {
            checked.push(name);
            match name {
                "a" => Err("wrong".to_owned()),
                "b" => panic!("snapshot mismatch"),
                _ => Ok(()),
            }
        });
    }
    assert_eq!(checked, ["a", "b", "c", "d"]);
    assert_eq!(failures.0, ["a: wrong", "b: panicked: snapshot mismatch"]);
    let all = catch_unwind(AssertUnwindSafe(|| failures.assert_none()))
        .expect_err("failures fail the test");
    let message = all.downcast_ref::<String>().expect("a formatted message");
    assert!(message.starts_with("2 failed check(s):"), "{message}");
}

/// The help for an id that names no team.
const NO_TEAM: &str = "define a team with this id, or correct or remove the reference";

/// An org with team `t` (its `parent`, `lead` and `stakeholders` each one typo from an id), and
/// `dangling` people whose `reports_to` names no one (they are checked first).
fn near_misses(dangling: usize) -> Report {
    let mut text = String::from(concat!(
        crate::tiny_org!(),
        "\n[[team]]\nid = \"teamy\"\nname = \"Y\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\n",
        "\n[[team]]\nid = \"t\"\nname = \"T\"\nkind = \"platform\"\nparent = \"teamx\"\nlead = \"adc\"\n",
        "members = [\"ada\"]\nstakeholders = [\"teamz\"]\n",
    ));
    for i in 0..dangling {
        text.push_str(&format!(
            "\n[[person]]\nid = \"p{i}\"\nname = \"P\"\nrole = \"sre\"\nreports_to = \"adb\"\n"
        ));
    }
    support::lint_files(&[("org.toml", &text)])
}

/// The help of the `unknown-reference` finding whose message starts with `start`.
fn help_of<'r>(report: &'r Report, start: &str) -> &'r str {
    report
        .findings
        .iter()
        .find(|f| f.rule.name == "unknown-reference" && f.message.starts_with(start))
        .unwrap_or_else(|| panic!("a finding `{start}...`"))
        .help
        .as_deref()
        .unwrap_or_default()
}

#[test]
fn a_team_s_references_take_suggestions_in_the_order_they_always_did() {
    // The rule gives at most 200 suggestions, to the first unknown references it checks: a team's
    // in the order `lead`, `members`, `parent`, `stakeholders`, ..., as when the rule listed the
    // keys itself, not in table order (`parent` first).
    let report = near_misses(199);
    assert_eq!(help_of(&report, "`lead` of team t"), "did you mean `ada`?");
    assert_eq!(help_of(&report, "`parent` of team t"), NO_TEAM);
    let report = near_misses(198);
    assert_eq!(help_of(&report, "`lead` of team t"), "did you mean `ada`?");
    assert_eq!(
        help_of(&report, "`parent` of team t"),
        "did you mean `teamy`?"
    );
    assert_eq!(help_of(&report, "`stakeholders` of team t"), NO_TEAM);
}
