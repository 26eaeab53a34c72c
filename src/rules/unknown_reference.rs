//! `unknown-reference`: an id reference names nothing.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "unknown-reference",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "an id reference names nothing",
    options: &[],
    page: include_str!("../../lints/unknown-reference.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
