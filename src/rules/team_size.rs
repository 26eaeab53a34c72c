//! `team-size`: a working team is smaller than `min` or larger than `max`.

use super::prelude::*;
use crate::chain::Tree;

/// `min`: the fewest members a team should have.
const MIN: TypedOption<i64> = TypedOption::int(
    "min",
    2,
    0,
    "the fewest members a team should have",
);

/// `max`: the most members a team should have.
const MAX: TypedOption<i64> = TypedOption::int(
    "max",
    10,
    1,
    "the most members a team should have",
);

/// The rule.
pub static RULE: Rule = Rule {
    name: "team-size",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a team is smaller than `min` or larger than `max`",
    options: &[MIN.spec(), MAX.spec()],
    page: include_str!("../../lints/team-size.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let (min, max) = (cx.int(MIN), cx.int(MAX));
    let org = cx.org;
    let mut is_parent = vec![false; org.teams.len()];
    for &p in org.parent_of.iter().flatten() {
        is_parent[p] = true;
    }
    let mut tree = None;
    // Per person, the tree order of each of their teams, sorted; filled when first needed.
    let mut orders: Vec<Vec<u32>> = vec![Vec::new(); org.people.len()];
    for (t, team) in org.teams.iter().enumerate() {
        // A `group` (a mailing list of forty, a sign-off group of one) is not a working team.
        if team.is_group() {
            continue;
        }
        let Some(list) = &team.members else { continue };
        // Each current person counts once, defined or not (an unknown id is
        // `unknown-reference`'s business); alumni do not count.
        let listed = org.current_size(t);
        if listed == 0 {
            continue; // `empty-team`
        }
        // An umbrella's people who also sit in a team below it are counted there: a department
        // that lists everyone in its sub-teams is not one team of that size. Whether one of a
        // person's teams lies below `t` is one binary search in their sorted tree orders, not a
        // scan of their teams: one person in each of a 100,000-team `parent` chain would make
        // the scan quadratic.
        let below = if is_parent[t] {
            let tree = tree.get_or_insert_with(|| Tree::new(org.teams.len(), |t| org.parent_of[t]));
            let (start, end) = (tree.order(t), tree.below_end(t));
            (org.current_members(t))
                .filter(|&p| {
                    let sorted = &mut orders[p];
                    if sorted.is_empty() {
                        sorted.extend(org.teams_of[p].iter().map(|&s| tree.order(s as usize)));
                        sorted.sort_unstable();
                    }
                    // The first of their teams after `t` in tree order is below `t` when it comes
                    // before the end of `t`'s range.
                    let next = sorted.partition_point(|&o| o <= start);
                    sorted.get(next).is_some_and(|&o| o < end)
                })
                .count()
        } else {
            0
        };
        let n = (listed - below) as i64;
        // An umbrella is not small: its people sit in the teams below it.
        if (min..=max).contains(&n) || (n < min && below > 0) {
            continue; // within bounds, or an umbrella: the texts are built only for a finding
        }
        let alumni = org.members_of(t).filter(|&p| org.is_alumni(p)).count();
        let mut left_out = Vec::new();
        if below > 0 {
            left_out.push(format!("{below} in its sub-teams"));
        }
        match alumni {
            0 => {}
            1 => left_out.push("1 former member".to_owned()),
            a => left_out.push(format!("{a} former members")),
        }
        let not_counting = if left_out.is_empty() {
            String::new()
        } else {
            format!(" (not counting {})", left_out.join(" and "))
        };
        let who = format!("team {}", team.label());
        let people = if n == 1 { "member" } else { "members" };
        if n < min {
            if list.bad > 0 {
                continue; // the team is larger as written; `invalid-value` comes first
            }
            cx.report(
                list.span,
                format!("{who} has {n} {people}{not_counting}, fewer than the minimum of {min}"),
            )
            .label(format!("{n} {people}"))
            .help(format!(
                "staff the team with at least {min} people, or merge it into a related team"
            ));
        } else if n > max {
            cx.report(
                list.span,
                format!("{who} has {n} {people}{not_counting}, more than the maximum of {max}"),
            )
            .label(format!("{n} {people}"))
            .help(format!("split the team into teams of at most {max} people"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::person;

    fn sizes(org: &str) -> Vec<String> {
        crate::rules::testing::messages("team-size", &[("org.toml", org)])
    }

    #[test]
    fn an_umbrella_is_sized_by_the_people_not_in_its_sub_teams() {
        let ids: Vec<String> = (0..12).map(|i| format!("p{i}")).collect();
        let mut org = String::from("[org]\nname = \"X\"\n");
        for id in &ids {
            org += &person(id, "sre");
        }
        let list = |ids: &[String]| {
            let quoted: Vec<String> = ids.iter().map(|i| format!("\"{i}\"")).collect();
            quoted.join(", ")
        };
        let team = |id: &str, parent: &str, members: &str| {
            format!(
                "[[team]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"platform\"\n{parent}members = [{members}]\n"
            )
        };
        // dept lists all twelve, six in each of two sub-teams (one of them below a third).
        org += &team("dept", "", &list(&ids));
        org += &team("a", "parent = \"dept\"\n", &list(&ids[..6]));
        org += &team("mid", "parent = \"dept\"\n", "\"p6\", \"p7\"");
        org += &team("b", "parent = \"mid\"\n", &list(&ids[6..]));
        assert!(sizes(&org).is_empty(), "{:?}", sizes(&org));
        // Eleven of its own and one in a sub-team: too many still; and an umbrella is never
        // too small.
        let mut org = String::from("[org]\nname = \"X\"\n");
        for id in &ids {
            org += &person(id, "sre");
        }
        let one = team("dept", "", &list(&ids)) + &team("s", "parent = \"dept\"\n", "\"p0\"");
        assert_eq!(
            sizes(&(org.clone() + &one)),
            [
                "team dept has 11 members (not counting 1 in its sub-teams), more than the maximum of 10",
                "team s has 1 member, fewer than the minimum of 2",
            ]
        );
        let small = team("dept", "", "\"p0\", \"p1\"")
            + &team("s", "parent = \"dept\"\n", "\"p1\", \"p2\"");
        assert!(sizes(&(org + &small)).is_empty());
    }

    #[test]
    fn alumni_do_not_count_and_groups_are_not_sized() {
        let org = format!(
            "[org]\nname = \"X\"\n{}{}{}alumni = true\n\
             [[team]]\nid = \"ops\"\nname = \"Ops\"\nkind = \"platform\"\nmembers = [\"ana\", \"old\"]\n\
             [[team]]\nid = \"all\"\nname = \"All\"\nkind = \"group\"\nmembers = [\"ana\"]\n",
            person("ana", "sre"),
            person("ben", "sre"),
            person("old", "sre"),
        );
        assert_eq!(
            sizes(&org),
            ["team Ops has 1 member (not counting 1 former member), fewer than the minimum of 2"]
        );
    }
}
