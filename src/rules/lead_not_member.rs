//! `lead-not-member`: a team's `lead` is not in its `members`.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "lead-not-member",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "a team's `lead` is not in its `members`",
    options: &[],
    page: include_str!("../../lints/lead-not-member.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
