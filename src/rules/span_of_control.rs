//! `span-of-control`: a person has more than `max` direct reports.

use super::prelude::*;

/// `max`: the most direct reports a person should have.
const MAX: TypedOption<i64> = TypedOption::int(
    "max",
    10,
    1,
    "the most direct reports a person should have",
);

/// The rule.
pub static RULE: Rule = Rule {
    name: "span-of-control",
    category: RuleCategory::Hygiene,
    default_level: Level::Warn,
    summary: "a person has more than `max` direct reports",
    options: &[MAX.spec()],
    page: include_str!("../../lints/span-of-control.md"),
    suppressible: true,
    configurable: true,
};

/// How it runs.
pub(crate) const CHECK: Check = Check::Org(check);

fn check(cx: &mut Ctx) {
    let max = cx.int(MAX);
    let org = cx.org;
    for (p, person) in org.people.iter().enumerate() {
        // An alumni manager's reports are `alumni-in-team`'s: each `reports_to` naming them.
        if org.reports_of[p].len() as i64 <= max || org.is_alumni(p) {
            continue; // the common case, decided without filtering
        }
        let reports: Vec<usize> = org.reports_of[p]
            .iter()
            .map(|&r| r as usize)
            // Each report once (the first definition of a duplicated id), and not oneself: a
            // self-report is `reporting-cycle`'s. Alumni who still name their old manager have
            // left: they are no one's report now.
            .filter(|&r| r != p && org.is_first_person(r) && !org.is_alumni(r))
            .collect();
        let n = reports.len() as i64;
        if n <= max {
            continue;
        }
        let who = shown_id(person.id.as_str());
        let f = cx
            .report(
                person.id.span,
                format!("{who} has {n} direct reports, more than the maximum of {max}"),
            )
            .label(format!("{n} direct reports"))
            .help(format!(
                "move some of the reports under another manager, or add a layer so that no one has more than {max}"
            ));
        f.more_related(reports.len().saturating_sub(RELATED));
        for &r in reports.iter().take(RELATED) {
            if let Some(to) = &org.people[r].reports_to {
                f.related(
                    to.span,
                    format!("{} reports to {who}", shown_id(org.people[r].id.as_str())),
                );
            }
        }
    }
}

/// How many reports are shown as related locations: enough to find them, few enough to read.
const RELATED: usize = 3;
