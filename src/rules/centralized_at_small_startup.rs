//! `centralized-at-small-startup`: a product-focused startup has a central ML team.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "centralized-at-small-startup",
    category: RuleCategory::MlStrategy,
    default_level: Level::Info,
    summary: "a product-focused startup has a central ML team",
    options: &[],
    page: include_str!("../../lints/centralized-at-small-startup.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
