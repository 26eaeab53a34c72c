//! `duplicate-id`: two people, or two teams or guilds, share an id.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "duplicate-id",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "two people, or two teams or guilds, share an id",
    options: &[],
    page: include_str!("../../lints/duplicate-id.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
