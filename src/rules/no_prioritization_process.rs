//! `no-prioritization-process`: an ML team has no `intake` process.

use super::prelude::*;
use crate::model::Stage;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-prioritization-process",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no `intake` process",
    options: &[],
    page: include_str!("../../lints/no-prioritization-process.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    // A handful of people need no intake process, and `centralized-at-small-startup` speaks to
    // a startup's ML team (SPEC §2). An unreadable `stage` is `invalid-value`'s: the stage is
    // unknown.
    let org = cx.org;
    if org.known_stage().is_none_or(|s| s == Stage::Startup) {
        return;
    }
    for (_, team) in org.ml_teams() {
        if team.is_invalid(TeamKey::Intake) {
            continue;
        }
        // A blank `intake` describes no process either.
        let (span, label) = match &team.intake {
            Some(intake) if !intake.as_str().trim().is_empty() => continue,
            Some(intake) => (intake.span, "blank `intake`"),
            None => (team.id.span, "no `intake`"),
        };
        cx.report(
            span,
            format!(
                "the ML team {} has no `intake` process for prioritising requests",
                team.label()
            ),
        )
        .label(label)
        .help(
            "describe in `intake` how requests reach the team and who ranks them, \
             e.g. `\"request form, ranked monthly with stakeholders\"`",
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
