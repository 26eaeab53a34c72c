//! `no-ai-intake`: ML sits in feature teams, with no ML team and no `ai_intake`.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-ai-intake",
    category: RuleCategory::MlDecentralized,
    default_level: Level::Warn,
    summary: "ML sits in feature teams, with no ML team and no `ai_intake`",
    options: &[],
    page: include_str!("../../lints/no-ai-intake.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
