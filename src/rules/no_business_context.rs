//! `no-business-context`: an ML team has no stakeholders.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-business-context",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no stakeholders",
    options: &[],
    page: include_str!("../../lints/no-business-context.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
