//! `overcommitted-person`: a person is in more than `max_teams` teams.

use super::prelude::*;

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
    let mut over: Vec<(usize, Vec<usize>)> = Vec::new();
    for (p, teams) in org.teams_of.iter().enumerate() {
        if teams.len() as i64 <= max {
            continue; // the common case, decided without filtering
        }
        let teams: Vec<usize> = teams
            .iter()
            .map(|&t| t as usize)
            .filter(|&t| org.first_team(t) == t)
            .collect();
        if teams.len() as i64 > max {
            over.push((p, teams));
        }
    }
    if over.is_empty() {
        return;
    }
    // Where each of them is listed in each team's `members`, found in one pass over all teams.
    // Each person is once in a team's resolved members, with their first entry.
    let mut is_over = vec![false; org.people.len()];
    for &(p, _) in &over {
        is_over[p] = true;
    }
    let mut entries: Vec<((usize, usize), Span)> = Vec::new();
    for t in 0..org.teams.len() {
        for (p, m) in org.member_entries(t) {
            if is_over[p] {
                entries.push(((p, t), m.span));
            }
        }
    }
    entries.sort_unstable_by_key(|&(k, _)| k);
    for (p, teams) in over {
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
            if let Ok(i) = entries.binary_search_by_key(&(p, t), |&(k, _)| k) {
                let span = entries[i].1;
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
