//! `team-cycle`: `parent` forms a cycle.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "team-cycle",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "`parent` forms a cycle",
    options: &[],
    page: include_str!("../../lints/team-cycle.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
