//! `unknown-role`: a role is in no category.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "unknown-role",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a role is in no category",
    options: &[],
    page: include_str!("../../lints/unknown-role.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
