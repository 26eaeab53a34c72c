//! `overcommitted-person`: a person is in more than `max_teams` teams, a team and its sub-teams
//! counting once and `group` teams not at all.

use super::prelude::*;
use crate::chain::Tree;

/// `max_teams`: the most teams a person should be in.
const MAX_TEAMS: TypedOption<i64> = TypedOption::int(
    "max_teams",
    3,
    1,
    "the most teams a person should be in",
);

/// The rule.
pub static RULE: Rule = Rule {
    name: "overcommitted-person",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a person is in more than `max_teams` teams",
    options: &[MAX_TEAMS.spec()],
    page: include_str!("../../lints/overcommitted-person.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let max = cx.int(MAX_TEAMS);
    let org = cx.org;
    // The teams that count for each overcommitted person, each team id once (its first
    // definition): not `group` teams, nor a team below another team of theirs.
    let mut over: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut tree = None;
    for (p, teams) in org.teams_of.iter().enumerate() {
        if teams.len() as i64 <= max || org.is_alumni(p) {
            continue; // the common case, decided without filtering; alumni have left
        }
        let mut teams: Vec<usize> = teams
            .iter()
            .map(|&t| t as usize)
            .filter(|&t| org.first_team(t) == t)
            .collect();
        if teams.len() as i64 <= max {
            continue;
        }
        // The team tree along `parent`, built once and only when someone needs it.
        let tree = tree.get_or_insert_with(|| Tree::new(org.teams.len(), |t| org.parent_of[t]));
        keep_tops(tree, org, &mut teams);
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

/// Keeps, of one person's `teams` (each once), those that count: not a `group`, and with no
/// team of `teams` above it in the team tree (a `group` above counts too, as SPEC says: any
/// ancestor they are a member of). In tree order. A `parent` cycle is `team-cycle`'s: the tree
/// cuts it once, so a person in several teams of a cycle is counted once for them.
fn keep_tops(tree: &Tree, org: &Org, teams: &mut Vec<usize>) {
    teams.sort_unstable_by_key(|&t| tree.order(t));
    // The teams of `teams` above the current one, innermost last.
    let mut above: Vec<usize> = Vec::new();
    teams.retain(|&t| {
        while above.last().is_some_and(|&a| !tree.holds(a, t)) {
            above.pop();
        }
        let counts = above.is_empty() && !org.teams[t].is_group();
        above.push(t);
        counts
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::person;

    fn over(org: &str) -> Vec<String> {
        crate::rules::testing::messages("overcommitted-person", &[("org.toml", org)])
    }

    /// An org where ben is in each `(id, kind, parent)` team but those whose id starts with
    /// `no-`.
    fn org(teams: &[(&str, &str, Option<&str>)], alumni: bool) -> String {
        let mut text = format!("[org]\nname = \"X\"\n{}", person("ben", "sre"));
        if alumni {
            text += "alumni = true\n";
        }
        for (id, kind, parent) in teams {
            text += &format!("[[team]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"{kind}\"\n");
            if let Some(p) = parent {
                text += &format!("parent = \"{p}\"\n");
            }
            if !id.starts_with("no-") {
                text += "members = [\"ben\"]\n";
            }
        }
        text
    }

    const FLAT: [(&str, &str, Option<&str>); 4] = [
        ("a", "platform", None),
        ("b", "platform", None),
        ("c", "platform", None),
        ("d", "platform", None),
    ];

    #[test]
    fn four_teams_are_too_many_unless_ben_has_left() {
        assert_eq!(
            over(&org(&FLAT, false)),
            ["ben is a member of 4 teams, more than the maximum of 3"]
        );
        assert!(over(&org(&FLAT, true)).is_empty());
    }

    #[test]
    fn a_team_and_its_sub_teams_count_once_at_any_depth() {
        let mut teams = FLAT.to_vec();
        teams[3].2 = Some("no-x"); // d under no-x under a: ben is not in no-x
        teams.push(("no-x", "platform", Some("a")));
        teams[1].2 = Some("a");
        // a (with b and d below it), c: two teams.
        assert!(over(&org(&teams, false)).is_empty());
        // A sub-team of a team ben is not in counts on its own.
        let mut teams = FLAT.to_vec();
        teams[0].2 = Some("no-y");
        teams.push(("no-y", "platform", None));
        assert_eq!(
            over(&org(&teams, false)),
            ["ben is a member of 4 teams, more than the maximum of 3"]
        );
    }

    #[test]
    fn groups_do_not_count_and_a_group_above_covers_its_sub_teams() {
        let mut teams = FLAT.to_vec();
        teams.push(("all", "group", None));
        teams.push(("leads", "group", None));
        assert_eq!(
            over(&org(&teams, false)),
            ["ben is a member of 4 teams, more than the maximum of 3"]
        );
        teams[3].2 = Some("all");
        assert!(over(&org(&teams, false)).is_empty());
    }

    #[test]
    fn a_parent_cycle_counts_once_and_does_not_hang() {
        let teams = [
            ("a", "platform", Some("b")),
            ("b", "platform", Some("c")),
            ("c", "platform", Some("a")),
            ("d", "platform", Some("d")),
            ("e", "platform", None),
            ("f", "platform", Some("a")),
        ];
        // The cycle a → b → c (with f below it), d (its own parent) and e: three.
        assert!(over(&org(&teams, false)).is_empty());
    }
}
