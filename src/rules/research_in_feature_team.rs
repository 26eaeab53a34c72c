//! `research-in-feature-team`: a feature team has `focus = \"research\"`.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "research-in-feature-team",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "a feature team has `focus = \"research\"`",
    options: &[],
    page: include_str!("../../lints/research-in-feature-team.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
