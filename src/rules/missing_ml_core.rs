//! `missing-ml-core`: an enterprise has ML in three or more feature teams and no ML team.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "missing-ml-core",
    category: RuleCategory::MlStrategy,
    default_level: Level::Info,
    summary: "an enterprise has ML in three or more feature teams and no ML team",
    options: &[],
    page: include_str!("../../lints/missing-ml-core.md"),
    check: Check::Org(check),
};

fn check(cx: &mut Ctx) {
    let _ = cx;
}
