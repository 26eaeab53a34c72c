//! `no-dedicated-budget`: an ML team has no budget of its own.

use super::prelude::*;
use crate::model::Budget;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-dedicated-budget",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no budget of its own",
    options: &[],
    page: include_str!("../../lints/no-dedicated-budget.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    for (_, team) in cx.org.ml_teams() {
        if team.is_invalid(TeamKey::Budget) {
            continue;
        }
        let (span, message, label) = match &team.budget {
            Some(b) if b.value == Budget::Own => continue,
            Some(b) => (
                b.span,
                format!(
                    "the ML team {} has no budget of its own (`budget` is `{}`)",
                    team.label(),
                    b.value.as_str()
                ),
                format!("`{}`, not `own`", b.value.as_str()),
            ),
            None => (
                team.id.span,
                format!("the ML team {} has no budget of its own", team.label()),
                "no `budget`".to_owned(),
            ),
        };
        cx.report(span, message).label(label).help(
            "give the team its own budget (`budget = \"own\"`) and plan its projects \
             with room for experiments",
        );
    }
}
