//! `team-silo`: a feature team syncs with no other team.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "team-silo",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "a feature team syncs with no other team",
    options: &[],
    page: include_str!("../../lints/team-silo.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
