//! `no-dedicated-budget`: an ML team has no budget of its own.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-dedicated-budget",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no budget of its own",
    options: &[],
    page: include_str!("../../lints/no-dedicated-budget.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
