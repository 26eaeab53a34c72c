//! `no-prioritization-process`: an ML team has no `intake` process.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-prioritization-process",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no `intake` process",
    options: &[],
    page: include_str!("../../lints/no-prioritization-process.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    for (_, team) in cx.org.ml_teams() {
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
