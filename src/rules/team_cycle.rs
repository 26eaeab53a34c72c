//! `team-cycle`: `parent` forms a cycle.

use super::prelude::*;
use crate::chain::{MAX_RELATED, cycles, describe};

/// The rule.
pub static RULE: Rule = Rule {
    name: "team-cycle",
    category: RuleCategory::Correctness,
    default_level: Level::Error,
    summary: "`parent` forms a cycle",
    options: &[],
    page: include_str!("../../lints/team-cycle.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let org = cx.org;
    let teams = &org.teams;
    let parent = |t: usize| org.parent_of[t];
    for cycle in cycles(teams.len(), parent, |t| teams[t].id.as_str()) {
        let ids: Vec<&str> = cycle.iter().map(|&t| teams[t].id.as_str()).collect();
        let Some(at) = teams[cycle[0]].parent.as_ref() else {
            continue;
        };
        let id = |i: usize| shown_id(ids[i % ids.len()]);
        let (message, label) = if cycle.len() == 1 {
            (
                format!("team {} is its own parent", id(0)),
                "its own parent".to_owned(),
            )
        } else {
            (
                format!("`parent` forms a cycle{}", describe(&ids, "teams")),
                format!("the parent of {} is {}", id(0), id(1)),
            )
        };
        let f = cx
            .report(at.span, message)
            .label(label)
            .help("break the cycle: one of these teams must have a parent outside it, or none");
        f.more_related(cycle.len().saturating_sub(1 + MAX_RELATED));
        for (i, &t) in cycle.iter().enumerate().skip(1).take(MAX_RELATED) {
            if let Some(p) = &teams[t].parent {
                f.related(p.span, format!("the parent of {} is {}", id(i), id(i + 1)));
            }
        }
    }
}
