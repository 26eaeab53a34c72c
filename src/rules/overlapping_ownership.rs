//! `overlapping-ownership`: two teams own the same thing.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "overlapping-ownership",
    category: RuleCategory::MlStrategy,
    default_level: Level::Warn,
    summary: "two teams own the same thing",
    options: &[],
    page: include_str!("../../lints/overlapping-ownership.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
