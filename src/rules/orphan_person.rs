//! `orphan-person`: a person is in no team and not in leadership.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "orphan-person",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a person is in no team and not in leadership",
    options: &[],
    page: include_str!("../../lints/orphan-person.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
