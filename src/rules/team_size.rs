//! `team-size`: a working team is smaller than `min` or larger than `max`.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    name: "team-size",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a team is smaller than `min` or larger than `max`",
    options: &[
        RuleOption {
            name: "min",
            kind: OptionKind::Int { default: 2, min: 0 },
            doc: "the fewest members a team should have",
        },
        RuleOption {
            name: "max",
            kind: OptionKind::Int {
                default: 10,
                min: 1,
            },
            doc: "the most members a team should have",
        },
    ],
    page: include_str!("../../lints/team-size.md"),
    check: Check::Org(check),
    suppressible: true,
    configurable: true,
};

fn check(cx: &mut Ctx) {
    let (min, max) = (cx.int("min"), cx.int("max"));
    let org = cx.org;
    for (t, team) in org.teams.iter().enumerate() {
        // A `group` (a mailing list of forty, a sign-off group of one) is not a working team.
        if team.is_group() {
            continue;
        }
        let Some(list) = &team.members else { continue };
        // Each current person counts once, defined or not (an unknown id is
        // `unknown-reference`'s business); alumni do not count.
        let n = org.current_size(t) as i64;
        if n == 0 {
            continue; // `empty-team`
        }
        let alumni = org.members_of(t).filter(|&p| org.is_alumni(p)).count();
        let who = format!("team {}", team.label());
        let people = if n == 1 { "member" } else { "members" };
        let not_counting = match alumni {
            0 => String::new(),
            1 => " (not counting 1 former member)".to_owned(),
            a => format!(" (not counting {a} former members)"),
        };
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
