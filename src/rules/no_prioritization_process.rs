//! `no-prioritization-process`: an ML team has no `intake` process.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-prioritization-process",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no `intake` process",
    options: &[],
    page: include_str!("../../lints/no-prioritization-process.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
