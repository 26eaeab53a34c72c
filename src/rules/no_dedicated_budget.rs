//! `no-dedicated-budget`: an ML team has no budget of its own.

use super::prelude::*;
use crate::model::{Budget, Stage};

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-dedicated-budget",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no budget of its own",
    options: &[],
    page: include_str!("../../lints/no-dedicated-budget.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    // A budget of its own matters where large organisations plan fixed budgets per project; a
    // startup has no such plans to protect the team from (SPEC §2). An unreadable `stage` is
    // `invalid-value`'s: the stage is unknown.
    let org = cx.org;
    if org.known_stage().is_none_or(|s| s == Stage::Startup) {
        return;
    }
    for (_, team) in org.ml_teams() {
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

#[cfg(test)]
mod tests {
    #[test]
    fn not_at_a_startup() {
        crate::rules::testing::quiet_at_startup(super::RULE.name);
    }
}
