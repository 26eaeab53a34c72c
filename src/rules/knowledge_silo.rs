//! `knowledge-silo`: an ML team has no knowledge-sharing practice.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "knowledge-silo",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no knowledge-sharing practice",
    options: &[],
    page: include_str!("../../lints/knowledge-silo.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
