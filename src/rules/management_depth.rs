//! `management-depth`: a person has more than `max` managers above them.

use super::prelude::*;
use crate::chain::{End, Ends};

/// `max`: the most managers above a person.
const MAX: TypedOption<i64> = TypedOption::int(
    "max",
    6,
    1,
    "the most managers above a person",
);

/// The rule.
pub static RULE: Rule = Rule {
    name: "management-depth",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a person has more than `max` managers above them",
    options: &[MAX.spec()],
    page: include_str!("../../lints/management-depth.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let max = cx.int(MAX);
    let org = cx.org;
    let mut ends = chain_ends(org);
    for (p, person) in org.people.iter().enumerate() {
        let Some(End {
            node: top,
            steps: depth,
        }) = ends.of(p)
        else {
            continue; // runs into a cycle: `reporting-cycle` reports the cycle alone
        };
        // A later definition of a duplicated id is `duplicate-id`'s. An alumni's `reports_to`
        // is kept for the record: how deep they sat is history.
        if depth as i64 <= max || !org.is_first_person(p) || org.is_alumni(p) {
            continue;
        }
        let Some(boss) = &person.reports_to else {
            continue;
        };
        let who = shown_id(person.id.as_str());
        let top = &org.people[top].id;
        cx.report(
            boss.span,
            format!("{who} has {depth} managers up the `reports_to` chain, more than the maximum of {max}"),
        )
        .label(format!("{depth} managers up to {}", shown_id(top.as_str())))
        .help(format!(
            "flatten the hierarchy: have {who} or a manager above report to someone higher up, or drop a layer of management"
        ))
        .related(
            top.span,
            format!("the chain ends at {}", shown_id(top.as_str())),
        );
    }
}

/// Where each person's `reports_to` chain ends (nobody, or an unknown id, above) and how many
/// managers up: each person walked once in all.
fn chain_ends(org: &Org) -> Ends<impl Fn(usize) -> Option<usize>> {
    Ends::new(org.people.len(), |p| org.manager_of[p])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::Roles;

    fn org(people: &[(&str, Option<&str>)]) -> Org {
        let mut org = Org::default();
        org.people = people
            .iter()
            .map(|&(id, boss)| crate::rules::testing::bare_person(id, boss))
            .collect();
        org.index(&Roles::default());
        org
    }

    fn depths(org: &Org) -> Vec<Option<usize>> {
        let mut ends = chain_ends(org);
        (0..org.people.len())
            .map(|p| ends.of(p).map(|e| e.steps))
            .collect()
    }

    #[test]
    fn counts_managers_up_to_the_top_or_an_unknown_id() {
        let org = org(&[
            ("c", Some("b")),
            ("a", None),
            ("b", Some("a")),
            ("d", Some("c")),
            ("x", Some("ghost")),
            ("y", Some("x")),
        ]);
        assert_eq!(
            depths(&org),
            [Some(2), Some(0), Some(1), Some(3), Some(0), Some(1)]
        );
        assert_eq!(chain_ends(&org).of(3), Some(End { node: 1, steps: 3 }));
    }

    #[test]
    fn chains_into_a_cycle_have_no_depth() {
        let org = org(&[
            ("t1", Some("t2")),
            ("c1", Some("c2")),
            ("c2", Some("c1")),
            ("t2", Some("c1")),
            ("s", Some("s")),
            ("u", Some("s")),
            ("ok", None),
        ]);
        assert_eq!(depths(&org), [None, None, None, None, None, None, Some(0)]);
    }

    #[test]
    fn a_very_long_chain_needs_no_recursion() {
        let ids: Vec<String> = (0..100_000).map(|i| format!("p{i}")).collect();
        let people: Vec<(&str, Option<&str>)> = (0..ids.len())
            .map(|i| (ids[i].as_str(), i.checked_sub(1).map(|b| ids[b].as_str())))
            .collect();
        assert_eq!(depths(&org(&people))[99_999], Some(99_999));
        // Walked from the bottom first, then from the top: both ways give the same depths.
        let reversed: Vec<_> = people.iter().rev().copied().collect();
        assert_eq!(depths(&org(&reversed))[0], Some(99_999));
    }
}
