//! `missing-org`: no `[org]` in the tree.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "missing-org",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "no `[org]` in the tree",
    options: &[],
    page: include_str!("../../lints/missing-org.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
