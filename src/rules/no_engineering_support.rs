//! `no-engineering-support`: an ML team has no software engineers and no partner teams.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "no-engineering-support",
    category: RuleCategory::MlCentralized,
    default_level: Level::Warn,
    summary: "an ML team has no software engineers and no partner teams",
    options: &[],
    page: include_str!("../../lints/no-engineering-support.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    let org = cx.org;
    for (t, team) in org.ml_teams() {
        if team.is_invalid(TeamKey::Partners) || team.is_invalid(TeamKey::Members) {
            continue;
        }
        if team.partners.as_ref().is_some_and(|l| !l.items.is_empty()) {
            continue;
        }
        // An undefined member could be an engineer: `unknown-reference` covers that mistake.
        if org
            .team_member_syms(t)
            .iter()
            .any(|&s| s.and_then(|s| org.person_named(s)).is_none())
        {
            continue;
        }
        if org
            .members_of(t)
            .any(|p| org.has_category(p, Category::Software))
        {
            continue;
        }
        let (span, label) = match &team.partners {
            Some(list) => (list.span, "no partner teams"),
            None => (team.id.span, "no `partners` and no engineers"),
        };
        let finding = cx
            .report(
                span,
                format!(
                    "the ML team {} has no software engineers and no partner teams",
                    team.label()
                ),
            )
            .label(label)
            .help(
                "name in `partners` the teams that build and run what it delivers, \
                 or add a software engineer to its members",
            );
        if let Some(members) = &team.members {
            finding.related(members.span, "no member here has a software role");
        }
    }
}
