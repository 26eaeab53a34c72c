//! `multiple-orgs`: more than one `[org]` in the tree.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "multiple-orgs",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "more than one `[org]` in the tree",
    options: &[],
    page: include_str!("../../lints/multiple-orgs.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
