//! `overcommitted-person`: a person is in more than `max_teams` teams.

use super::prelude::*;

use std::collections::HashMap;

/// The rule.
pub static RULE: Rule = Rule {
    name: "overcommitted-person",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a person is in more than `max_teams` teams",
    options: &[RuleOption {
        name: "max_teams",
        kind: OptionKind::Int { default: 3, min: 1 },
        doc: "the most teams a person should be in",
    }],
    page: include_str!("../../lints/overcommitted-person.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    let max = cx.int("max_teams");
    let org = cx.org;
    // The teams of each overcommitted person, each team id once (its first definition).
    let mut over: HashMap<usize, Vec<usize>> = HashMap::new();
    for (p, teams) in org.teams_of.iter().enumerate() {
        if teams.len() as i64 <= max {
            continue; // the common case, decided without filtering
        }
        let teams: Vec<usize> = teams
            .iter()
            .copied()
            .filter(|&t| org.team(org.teams[t].id.as_str()) == Some(t))
            .collect();
        if teams.len() as i64 > max {
            over.insert(p, teams);
        }
    }
    if over.is_empty() {
        return;
    }
    // Where each of them is listed in each team's `members`, found in one pass over all teams.
    let mut entries: HashMap<(usize, usize), Span> = HashMap::new();
    for (t, team) in org.teams.iter().enumerate() {
        for m in team.member_ids() {
            if let Some(p) = org.person(m.as_str())
                && over.contains_key(&p)
            {
                entries.entry((p, t)).or_insert(m.span);
            }
        }
    }
    let mut people: Vec<_> = over.into_iter().collect();
    people.sort_unstable();
    for (p, teams) in people {
        let who = shown_id(org.people[p].id.as_str());
        // The team names go in the related places, not the message: a message that lists them
        // grows without bound and changes (with the fingerprint) whenever one is renamed.
        let f = cx
            .report(
                org.people[p].id.span,
                format!(
                    "{who} is a member of {} teams, more than the maximum of {max}",
                    teams.len()
                ),
            )
            .label(format!("in {} teams", teams.len()))
            .help(format!(
                "take {who} out of some of these teams, down to at most {max}"
            ));
        f.more_related(teams.len().saturating_sub(RELATED));
        for &t in teams.iter().take(RELATED) {
            if let Some(&span) = entries.get(&(p, t)) {
                f.related(
                    span,
                    format!("{who} is a member of {}", org.teams[t].label()),
                );
            }
        }
    }
}

/// How many memberships are shown as related locations.
const RELATED: usize = 5;
