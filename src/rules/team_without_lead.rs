//! `team-without-lead`: a working team with members has no `lead`.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "team-without-lead",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a team has no `lead`",
    options: &[],
    page: include_str!("../../lints/team-without-lead.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    for (t, team) in org.teams.iter().enumerate() {
        // A `group` (a roster, a mailing list) is nobody's team to lead. A team with no (readable)
        // members, or only alumni, is `empty-team`'s: its lead comes with its people.
        if team.is_group()
            || team.lead.is_some()
            || team.is_invalid(TeamKey::Lead)
            || org.current_size(t) == 0
        {
            continue;
        }
        cx.report(team.id.span, format!("team {} has no `lead`", team.label()))
            .label("no lead")
            .help("name the person who leads this team in `lead`, and list them in `members`");
    }
}
