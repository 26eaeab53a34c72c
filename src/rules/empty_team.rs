//! `empty-team`: a working team has no members and is no team's parent.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "empty-team",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a team has no `members`",
    options: &[],
    page: include_str!("../../lints/empty-team.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    // An umbrella over sub-teams is not empty: its people sit in the teams below it. (A team
    // that is its own parent is `team-cycle`'s, and not reported here too.)
    let mut is_parent = vec![false; org.teams.len()];
    for &p in org.parent_of.iter().flatten() {
        is_parent[p] = true;
    }
    for (t, team) in org.teams.iter().enumerate() {
        // A `group` is a list of people, which may well be empty (an alumni roster nobody is on
        // yet); and a parent counts as the first definition of its id.
        if team.is_group() || is_parent[org.first_team(t)] {
            continue;
        }
        let no_members = ("has no members", "no members", NO_MEMBERS);
        let (span, (message, label, help)) = match &team.members {
            None if team.is_invalid(TeamKey::Members) => continue,
            None => (team.id.span, no_members),
            Some(list) if list.items.is_empty() && list.bad == 0 => (list.span, no_members),
            // Everyone listed has left: the team is gone in all but name.
            Some(list) if list.bad == 0 && org.current_size(t) == 0 => (
                list.span,
                (
                    "has no current members: everyone in `members` is alumni",
                    "only alumni",
                    ONLY_ALUMNI,
                ),
            ),
            Some(_) => continue,
        };
        cx.report(span, format!("team {} {message}", team.label()))
            .label(label)
            .help(help);
    }
}

const NO_MEMBERS: &str = "list the team's people in `members`, or remove the team if it is gone";

const ONLY_ALUMNI: &str =
    "list the team's current people in `members`, or remove the team if it is gone";

#[cfg(test)]
mod tests {
    use crate::rules::testing::person;

    fn empty(files: &str) -> Vec<String> {
        crate::rules::testing::messages("empty-team", &[("org.toml", files)])
    }

    fn team(id: &str, kind: &str, rest: &str) -> String {
        format!("[[team]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"{kind}\"\n{rest}\n")
    }

    #[test]
    fn an_umbrella_over_sub_teams_is_not_empty() {
        let org = format!(
            "[org]\nname = \"X\"\n{}{}{}{}",
            person("ana", "sre"),
            team("infra", "platform", "members = []"),
            team(
                "infra-ci",
                "platform",
                "parent = \"infra\"\nmembers = [\"ana\"]"
            ),
            team("gone", "platform", "members = []"),
        );
        assert_eq!(empty(&org), ["team gone has no members"]);
    }

    #[test]
    fn a_group_may_be_empty() {
        let org = format!(
            "[org]\nname = \"X\"\n{}",
            team("alumni", "group", "members = []")
        );
        assert!(empty(&org).is_empty());
    }

    #[test]
    fn a_team_of_alumni_only_has_no_current_members() {
        let org = format!(
            "[org]\nname = \"X\"\n{}alumni = true\n{}{}",
            person("old", "sre"),
            team("ops", "platform", "members = [\"old\"]"),
            // An id that names nobody may be a current member: `unknown-reference` speaks.
            team("web", "platform", "members = [\"old\", \"ghost\"]"),
        );
        assert_eq!(
            empty(&org),
            ["team ops has no current members: everyone in `members` is alumni"]
        );
    }
}
