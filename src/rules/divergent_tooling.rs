//! `divergent-tooling`: a team's tooling differs from the org standard without a recorded exception.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "divergent-tooling",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "a team's tooling differs from the org standard without a recorded exception",
    options: &[],
    page: include_str!("../../lints/divergent-tooling.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
