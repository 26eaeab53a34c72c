//! `no-engineering-support`: an ML team has no software engineers and no partner teams.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-engineering-support",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no software engineers and no partner teams",
    options: &[],
    page: include_str!("../../lints/no-engineering-support.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
