//! `empty-team`: a team has no `members`.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "empty-team",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a team has no `members`",
    options: &[],
    page: include_str!("../../lints/empty-team.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
