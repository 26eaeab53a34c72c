//! `empty-team`: a team has no `members`.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "empty-team",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a team has no `members`",
    options: &[],
    page: include_str!("../../lints/empty-team.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    let org = cx.org;
    for team in &org.teams {
        let span = match &team.members {
            None if team.is_invalid(TeamKey::Members) => continue,
            None => team.id.span,
            Some(list) if list.items.is_empty() && list.bad == 0 => list.span,
            Some(_) => continue,
        };
        cx.report(span, format!("team {} has no members", team.label()))
            .label("no members")
            .help("list the team's people in `members`, or remove the team if it is gone");
    }
}
