//! `no-ml-guild`: ML practitioners sit in several teams and there is no ML guild.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-ml-guild",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "ML practitioners sit in several teams and there is no ML guild",
    options: &[],
    page: include_str!("../../lints/no-ml-guild.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
