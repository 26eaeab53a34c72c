//! `reporting-cycle`: `reports_to` forms a cycle.

use super::prelude::*;
use crate::chain::{MAX_RELATED, cycles, describe};

/// The rule.
pub static RULE: Rule = Rule {
    name: "reporting-cycle",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "`reports_to` forms a cycle",
    options: &[],
    page: include_str!("../../lints/reporting-cycle.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    let people = &org.people;
    let boss = |p: usize| org.manager_of[p];
    for cycle in cycles(people.len(), boss, |p| people[p].id.as_str()) {
        let ids: Vec<&str> = cycle.iter().map(|&p| people[p].id.as_str()).collect();
        let Some(at) = people[cycle[0]].reports_to.as_ref() else {
            continue;
        };
        let who = |i: usize| shown_id(ids[i % ids.len()]);
        let (message, label) = if cycle.len() == 1 {
            (
                format!("{} reports to themself", who(0)),
                "a self-report".to_owned(),
            )
        } else {
            (
                format!("`reports_to` forms a cycle{}", describe(&ids, "people")),
                format!("{} reports to {}", who(0), who(1)),
            )
        };
        let f = cx.report(at.span, message).label(label).help(
            "break the cycle: someone in it must report to a person outside it, or to no one",
        );
        f.more_related(cycle.len().saturating_sub(1 + MAX_RELATED));
        for (i, &p) in cycle.iter().enumerate().skip(1).take(MAX_RELATED) {
            if let Some(r) = &people[p].reports_to {
                f.related(r.span, format!("{} reports to {}", who(i), who(i + 1)));
            }
        }
    }
}
