//! `team-without-lead`: a team has no `lead`.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "team-without-lead",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a team has no `lead`",
    options: &[],
    page: include_str!("../../lints/team-without-lead.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
