//! `no-business-context`: an ML team has no stakeholders.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-business-context",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no stakeholders",
    options: &[],
    page: include_str!("../../lints/no-business-context.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    for (_, team) in cx.org.ml_teams() {
        if team.is_invalid(TeamKey::Stakeholders) {
            continue;
        }
        let (span, label) = match &team.stakeholders {
            Some(list) if !list.items.is_empty() => continue,
            Some(list) => (list.span, "no stakeholders listed"),
            None => (team.id.span, "no `stakeholders`"),
        };
        cx.report(
            span,
            format!("the ML team {} has no stakeholders", team.label()),
        )
        .label(label)
        .help(
            "list in `stakeholders` the teams whose needs it serves and who explain \
             the business to it",
        );
    }
}
