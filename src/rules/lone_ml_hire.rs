//! `lone-ml-hire`: the only ML practitioner of a team is in no ML guild.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "lone-ml-hire",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "the only ML practitioner of a team is in no ML guild",
    options: &[],
    page: include_str!("../../lints/lone-ml-hire.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
