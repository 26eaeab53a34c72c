//! `team-without-lead`: a team has no `lead`.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "team-without-lead",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a team has no `lead`",
    options: &[],
    page: include_str!("../../lints/team-without-lead.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    let org = cx.org;
    for team in &org.teams {
        // A team with no (readable) members is `empty-team`'s: its lead comes with its people.
        if team.lead.is_some() || team.is_invalid(TeamKey::Lead) || team.member_ids().is_empty() {
            continue;
        }
        cx.report(team.id.span, format!("team {} has no `lead`", team.label()))
            .label("no lead")
            .help("name the person who leads this team in `lead`, and list them in `members`");
    }
}
