//! `team-size`: a team is smaller than `min` or larger than `max`.

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
    // Reused for every team: the defined ids as `Sym`s, the others as strings.
    let (mut syms, mut unknown) = (Vec::new(), Vec::new());
    for (t, team) in org.teams.iter().enumerate() {
        let Some(list) = &team.members else { continue };
        // Each person counts once, defined or not: an unknown id is `unknown-reference`'s business.
        syms.clear();
        unknown.clear();
        for (m, &s) in list.items.iter().zip(org.team_member_syms(t)) {
            match s {
                Some(s) => syms.push(s),
                None => unknown.push(m.as_str()),
            }
        }
        syms.sort_unstable();
        syms.dedup();
        unknown.sort_unstable();
        unknown.dedup();
        let n = (syms.len() + unknown.len()) as i64;
        if n == 0 {
            continue; // `empty-team`
        }
        if (min..=max).contains(&n) {
            continue; // the name is written only for a finding
        }
        let who = format!("team {}", team.label());
        let people = if n == 1 { "member" } else { "members" };
        if n < min {
            if list.bad > 0 {
                continue; // the team is larger as written; `invalid-value` comes first
            }
            cx.report(
                list.span,
                format!("{who} has {n} {people}, fewer than the minimum of {min}"),
            )
            .label(format!("{n} {people}"))
            .help(format!(
                "staff the team with at least {min} people, or merge it into a related team"
            ));
        } else if n > max {
            cx.report(
                list.span,
                format!("{who} has {n} {people}, more than the maximum of {max}"),
            )
            .label(format!("{n} {people}"))
            .help(format!("split the team into teams of at most {max} people"));
        }
    }
}
